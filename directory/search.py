"""Search in either language, accent-insensitive, with word forms matched.

Text is folded (lower case, accents removed), split into words and reduced to stems with the
Snowball stemmers of both languages, so "abogada" finds "abogado" and "counsellor" finds
"counselling". The stems are kept in ``SearchToken`` rows, one table that works the same on SQLite
and PostgreSQL; a query word matches when any of its stems is there.

The same rows hold one token per type of service and per community a service at a location
answers to (``type_token``, ``area_token``): they cannot be mistaken for words, which hold only
letters and digits, and they let a search by words, type and community intersect lists read from
one index instead of visiting tables row by row.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

import snowballstemmer
from django.core.cache import cache
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


def query_stems(query: str) -> list[list[str]]:
    """The stems of each distinct word of ``query``: a service matches when it has, for every
    word, one of that word's stems."""
    found: list[list[str]] = []
    for word in words(query):
        word_stems = sorted(stems(word))
        if word_stems not in found:
            found.append(word_stems)
    return found


def query_condition(query: str, field: str = "pk", programme=None) -> tuple[Q, bool]:  # type: ignore[no-untyped-def]
    """The condition for service-at-locations matching every word of ``query`` (AND).

    Returns (condition, has_words). ``field`` names the service-at-location id in the queryset.
    With ``programme``, the token lookups read the index alone (programme, token, id).
    """
    from directory.models import SearchToken

    tokens = SearchToken.objects.all()
    if programme is not None:
        tokens = tokens.filter(programme=programme)
    condition = Q()
    word_stems = query_stems(query)
    for alternatives in word_stems:
        matching = tokens.filter(token__in=alternatives).values("service_at_location_id")
        condition &= Q(**{f"{field}__in": matching})
    return condition, bool(word_stems)


def type_token(code: str) -> str:
    """The token of a type of service (taxonomy term code); long codes are hashed to fit."""
    token = f"type:{code}"
    if len(token) > 40:
        token = "type#" + hashlib.sha256(code.encode()).hexdigest()[:35]
    return token


def area_token(area_id: int) -> str:
    return f"area:{area_id}"


def filter_tokens(sal) -> set[str]:  # type: ignore[no-untyped-def]
    """The types and communities a service at a location is found under.

    Its types and their broader terms (a sector finds its sub-types); the community of its
    location and the one that contains it; the communities the service says it serves.
    """
    service, location = sal.service, sal.location
    found = set()
    for term in service.terms.all():
        found.add(type_token(term.code))
        if term.parent_id is not None:
            found.add(type_token(term.parent.code))
    if location.area_id is not None:
        found.add(area_token(location.area_id))
        if location.area.parent_id is not None:
            found.add(area_token(location.area.parent_id))
    for served in service.service_areas.all():
        if served.area_id is not None:
            found.add(area_token(served.area_id))
    return found


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


_VERSION_KEY = "directory:search-version"


def directory_version() -> int:
    """Changes whenever index_services runs, which every change to a service ends with
    (``directory.services.services_refresh``): a key for values cached from the directory."""
    return cache.get_or_set(_VERSION_KEY, 0, None)


_INDEX_CHUNK = 1000  # services read and indexed at a time: bounded memory, bounded IN lists


@lru_cache(maxsize=20_000)
def _text_tokens(text: str) -> frozenset[str]:
    # Names of organisations, types and communities come back in every record that uses them.
    return frozenset(tokens_of([text]))


def index_services(service_ids: Iterable) -> int:  # type: ignore[type-arg]
    """Rebuild the search tokens of these services. Returns the number of tokens written.

    An import of 100,000 services writes some ten million tokens, so the rows go in by chunks
    with one executemany each: building a model instance per token (bulk_create) took most of
    the time and memory of a large import.
    """
    from django.db import connection

    from directory.models import SearchToken, ServiceAtLocation

    ids = list(service_ids)
    meta = SearchToken._meta
    link = meta.get_field("service_at_location")
    columns = ", ".join(
        connection.ops.quote_name(meta.get_field(name).column)
        for name in ("token", "service_at_location", "programme")
    )
    # Names from the model; values go as parameters.
    insert = (
        f"INSERT INTO {connection.ops.quote_name(meta.db_table)} ({columns}) VALUES (%s, %s, %s)"  # noqa: S608
    )
    written = 0
    with transaction.atomic():
        for start in range(0, len(ids), _INDEX_CHUNK):
            chunk = ids[start : start + _INDEX_CHUNK]
            sals: QuerySet[ServiceAtLocation] = (
                ServiceAtLocation.objects.filter(service_id__in=chunk)
                .select_related("service__organisation", "location__area")
                .prefetch_related(
                    "service__terms__parent",
                    "location__addresses",
                    "service__languages",
                    "service__service_areas",
                )
            )
            rows = []
            for sal in sals:
                found: set[str] = filter_tokens(sal)
                for text in public_texts(sal):
                    if text:
                        found |= _text_tokens(text)
                sal_id = link.get_db_prep_save(sal.pk, connection)
                programme_id = sal.service.programme_id
                rows += [(token, sal_id, programme_id) for token in found]
            SearchToken.objects.filter(service_at_location__service_id__in=chunk).delete()
            with connection.cursor() as cursor:
                cursor.executemany(insert, rows)
            written += len(rows)
        transaction.on_commit(lambda: cache.set(_VERSION_KEY, directory_version() + 1, None))
    return written
