"""Search in either language, accent-insensitive, with word forms matched.

Text is folded (lower case, accents removed), split into words and reduced to stems with the
Snowball stemmers of both languages, so "abogada" finds "abogado" and "counsellor" finds
"counselling". The stems are kept in ``SearchToken`` rows, one table that works the same on SQLite
and PostgreSQL; a query word matches when any of its stems is there.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

import snowballstemmer
from django.db import transaction
from django.db.models import Q, QuerySet

_WORD = re.compile(r"[a-z0-9]+")
_STOP = {
    # Short, common words of both languages that would match nearly everything.
    "a",
    "an",
    "and",
    "the",
    "of",
    "for",
    "in",
    "on",
    "to",
    "or",
    "with",
    "at",
    "by",
    "is",
    "de",
    "del",
    "la",
    "las",
    "el",
    "los",
    "y",
    "o",
    "en",
    "para",
    "por",
    "con",
    "un",
    "una",
    "al",
}
_stemmers = {"en": snowballstemmer.stemmer("english"), "es": snowballstemmer.stemmer("spanish")}


def fold(text: str) -> str:
    """Lower case without accents: "Atención" → "atencion"."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@lru_cache(maxsize=50_000)
def stems(word: str) -> frozenset[str]:
    """The stems of one folded word in English and Spanish, with agent endings reduced.

    Snowball leaves "counsellor" whole while "counselling" becomes "counsel"; dropping a final
    -or/-er/-ora and undoubling the last letter brings both forms together.
    """
    results = set()
    for stemmer in _stemmers.values():
        stem = stemmer.stemWord(word)
        for suffix in ("ora", "or", "er"):
            if len(stem) > len(suffix) + 4 and stem.endswith(suffix):
                stem = stem[: -len(suffix)]
                if len(stem) > 2 and stem[-1] == stem[-2]:
                    stem = stem[:-1]
                break
        results.add(stem[:40])
    return frozenset(results)


def words(text: str) -> list[str]:
    return [w for w in _WORD.findall(fold(text)) if w not in _STOP and len(w) > 1]


def tokens_of(texts: Iterable[str]) -> set[str]:
    found: set[str] = set()
    for text in texts:
        if text:
            for word in words(text):
                found |= stems(word)
    return found


def query_condition(query: str, field: str = "pk") -> tuple[Q, bool]:
    """The condition for service-at-locations matching every word of ``query`` (AND).

    Returns (condition, has_words). ``field`` names the service-at-location id in the queryset.
    """
    from directory.models import SearchToken

    condition = Q()
    query_words = words(query)
    for word in query_words:
        matching = SearchToken.objects.filter(token__in=sorted(stems(word))).values(
            "service_at_location_id"
        )
        condition &= Q(**{f"{field}__in": matching})
    return condition, bool(query_words)


def public_texts(sal) -> list[str]:  # type: ignore[no-untyped-def]
    """What the public may find a service at a location by: never a confidential address."""
    service, location = sal.service, sal.location
    texts = [
        service.name_en,
        service.name_es,
        service.alternate_name_en,
        service.alternate_name_es,
        service.description_en,
        service.description_es,
        service.eligibility_description_en,
        service.eligibility_description_es,
        service.organisation.name_en,
        service.organisation.name_es,
        service.organisation.acronym,
        sal.description_en,
        sal.description_es,
    ]
    for term in service.terms.all():
        texts += [term.name_en, term.name_es]
    if location.area is not None:
        texts += [location.area.name_en, location.area.name_es]
    if not location.is_confidential:
        texts += [location.name_en, location.name_es]
        for address in location.addresses.all():
            texts += [address.address_1, address.address_2, address.city, address.state_province]
    for language in service.languages.all():
        texts += [language.name]
    return texts


def index_services(service_ids: Iterable) -> int:  # type: ignore[type-arg]
    """Rebuild the search tokens of these services. Returns the number of tokens written."""
    from directory.models import SearchToken, ServiceAtLocation

    ids = list(service_ids)
    sals: QuerySet[ServiceAtLocation] = (
        ServiceAtLocation.objects.filter(service_id__in=ids)
        .select_related("service__organisation", "location__area")
        .prefetch_related("service__terms", "location__addresses", "service__languages")
    )
    rows = []
    for sal in sals:
        for token in tokens_of(public_texts(sal)):
            rows.append(
                SearchToken(
                    token=token, service_at_location=sal, programme_id=sal.service.programme_id
                )
            )
    with transaction.atomic():
        SearchToken.objects.filter(service_at_location__service_id__in=ids).delete()
        SearchToken.objects.bulk_create(rows, batch_size=2000)
    return len(rows)
