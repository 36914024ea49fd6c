"""Recurring meetings as RFC 5545 rules (``FREQ=MONTHLY;BYDAY=1TU``), read by python-dateutil.

A rule is expanded in the series' own time zone on local wall-clock times, then each occurrence
is turned into an aware datetime: a committee meeting "first Tuesday at 10:00" stays at 10:00
where it meets, whether or not that place changes its clocks.
"""

from __future__ import annotations

import datetime
import re
import zoneinfo
from collections.abc import Iterator

from dateutil.rrule import rrule, rrulestr
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# The shortest interval a committee can meet at; finer rules would fill the calendar.
ALLOWED_FREQUENCIES = {"DAILY", "WEEKLY", "MONTHLY", "YEARLY"}
# Parts the form sets itself (start and time zone) or that dateutil reads but RFC 5545 forbids
# in an RRULE value.
FORBIDDEN_PARTS = {"DTSTART", "TZID"}
# The most occurrences one expansion returns, whatever the rule says.
MAX_OCCURRENCES = 500

# Ready-made rules offered by the meeting form; experts write their own.
PRESETS = {
    "monthly_first_tuesday": "FREQ=MONTHLY;BYDAY=1TU",
    "every_other_week": "FREQ=WEEKLY;INTERVAL=2",
    "monthly_on_day": "FREQ=MONTHLY",
    "weekly": "FREQ=WEEKLY",
}


def normalise(text: str) -> str:
    """Upper-case, without spaces or a leading ``RRULE:``."""
    value = re.sub(r"\s+", "", text or "").upper()
    return value.removeprefix("RRULE:")


def parse(text: str, *, dtstart: datetime.datetime | None = None) -> rrule:
    """The rule, or a ValidationError that says what is wrong with it."""
    value = normalise(text)
    if not value:
        raise ValidationError(_("Write a recurrence rule, such as FREQ=MONTHLY;BYDAY=1TU."))
    parts = {}
    for part in value.split(";"):
        name, _sep, rest = part.partition("=")
        if not rest:
            raise ValidationError(
                _("“%(part)s” is not a NAME=VALUE part of a recurrence rule."),
                params={"part": part},
                code="rrule_syntax",
            )
        parts[name] = rest
    if set(parts) & FORBIDDEN_PARTS:
        raise ValidationError(
            _("Leave the start and the time zone out of the rule: the form sets them."),
            code="rrule_dtstart",
        )
    if parts.get("FREQ") not in ALLOWED_FREQUENCIES:
        raise ValidationError(
            _("Give FREQ=DAILY, WEEKLY, MONTHLY or YEARLY; meetings do not recur more often."),
            code="rrule_freq",
        )
    try:
        rule = rrulestr(value, dtstart=dtstart or datetime.datetime(2000, 1, 1))
    except (ValueError, TypeError) as error:
        raise ValidationError(
            _("This is not a recurrence rule dateutil can read (%(problem)s)."),
            params={"problem": str(error)},
            code="rrule_invalid",
        ) from error
    if not isinstance(rule, rrule):
        raise ValidationError(_("Write one rule only."), code="rrule_set")
    return rule


def occurrences(
    *,
    rule_text: str,
    start_date: datetime.date,
    start_time: datetime.time,
    time_zone: str,
    after: datetime.datetime,
    before: datetime.datetime,
) -> Iterator[datetime.datetime]:
    """Aware start times of the series from ``after`` (included) to ``before`` (excluded)."""
    zone = zoneinfo.ZoneInfo(time_zone)
    dtstart = datetime.datetime.combine(start_date, start_time)
    rule = parse(rule_text, dtstart=dtstart)
    local_after = after.astimezone(zone).replace(tzinfo=None) - datetime.timedelta(days=1)
    local_before = before.astimezone(zone).replace(tzinfo=None) + datetime.timedelta(days=1)
    count = 0
    for local in rule.xafter(max(local_after, dtstart - datetime.timedelta(seconds=1))):
        if local >= local_before or count >= MAX_OCCURRENCES:
            return
        moment = local.replace(tzinfo=zone)
        if after <= moment < before:
            count += 1
            yield moment
