"""ISO 4217 currencies in current use, with names in the reader's language (CLDR data via Babel)."""

from __future__ import annotations

import datetime
from functools import cache

from babel import Locale
from babel.numbers import get_currency_name, get_territory_currencies
from django.core.exceptions import ValidationError
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

DEFAULT_CURRENCY = "USD"


@cache
def currency_codes() -> frozenset[str]:
    """Every currency that is legal tender in some territory today (about 150 codes)."""
    today = datetime.date.today()
    codes: set[str] = set()
    for territory in Locale("en").territories:
        try:
            codes.update(get_territory_currencies(territory, today))
        except Exception:  # noqa: S112 - CLDR lists a few pseudo-territories without currency data
            continue
    codes.add(DEFAULT_CURRENCY)
    return frozenset(codes)


def currency_choices() -> list[tuple[str, str]]:
    """(code, "USD – US Dollar") in the current language, US dollar and euro first."""
    language = (get_language() or "en").split("-")[0]
    first = [DEFAULT_CURRENCY, "EUR"]
    rest = sorted(code for code in currency_codes() if code not in first)
    return [
        (code, f"{code} – {get_currency_name(code, locale=language)}")
        for code in first + rest
        if code in currency_codes()
    ]


def validate_currency(value: str) -> None:
    if value not in currency_codes():
        raise ValidationError(
            _("“%(value)s” is not an ISO 4217 currency code in use, such as USD or JMD."),
            params={"value": value},
            code="invalid_currency",
        )
