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
from types import SimpleNamespace
from typing import Any

import snowballstemmer
from django.core.cache import cache
from django.db import transaction
from django.db.models import Q

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
# From this many services in one call (an import), the lookup index is dropped while the tokens
# go in and built once at the end: keeping it in order through millions of inserts (in token
# order, all over the index) took most of the time of indexing a large import.
LARGE_INDEX = 20_000
# What public_texts reads of a service.
_SERVICE_TEXTS = (
    "name_en",
    "name_es",
    "alternate_name_en",
    "alternate_name_es",
    "description_en",
    "description_es",
    "eligibility_description_en",
    "eligibility_description_es",
)


@lru_cache(maxsize=20_000)
def _text_tokens(text: str) -> frozenset[str]:
    # Names of organisations, types and communities come back in every record that uses them.
    return frozenset(tokens_of([text]))


class Record(SimpleNamespace):
    """A record read with ``values()``, with the attributes ``public_texts`` and
    ``filter_tokens`` read of the model instance."""


class Related(list):  # type: ignore[type-arg]
    """The records of a relation, read as ``public_texts`` reads ``service.terms.all()``."""

    def all(self) -> Related:
        return self


class _Shared:
    """Organisations, types and communities by id, read once for all the chunks of a call."""

    def __init__(self) -> None:
        self.organisations: dict[Any, Record] = {}
        self.terms: dict[Any, Record] = {}
        self.areas: dict[Any, Record] = {}

    @staticmethod
    def read(model: Any, found: dict[Any, Record], ids: set[Any], fields: list[str]) -> None:
        wanted = ids - found.keys() - {None}
        if wanted:
            for values in model.objects.filter(pk__in=wanted).values("pk", *fields):
                found[values.pop("pk")] = Record(**values)

    def term(self, term_id: Any) -> Record:
        from directory.models import TaxonomyTerm

        if term_id not in self.terms:
            fields = ["code", "name_en", "name_es", "parent_id"]
            self.read(TaxonomyTerm, self.terms, {term_id}, fields)
            record = self.terms[term_id]
            record.parent = self.term(record.parent_id) if record.parent_id is not None else None
        return self.terms[term_id]


def index_records(service_ids: list[Any], shared: _Shared | None = None) -> list[Record]:
    """The services at locations of these services as ``public_texts`` and ``filter_tokens``
    read them, built from ``values()`` rows: a model instance per service, type, address and
    language took most of the time of indexing a large import."""
    from directory.models import (
        Address,
        Language,
        Location,
        Service,
        ServiceArea,
        ServiceAtLocation,
    )
    from organisations.models import Organisation
    from programmes.models import Area

    shared = shared or _Shared()
    services = {
        values.pop("pk"): Record(
            **values, terms=Related(), languages=Related(), service_areas=Related()
        )
        for values in Service.objects.filter(pk__in=service_ids).values(
            "pk", "programme_id", "organisation_id", *_SERVICE_TEXTS
        )
    }
    sals = list(
        ServiceAtLocation.objects.filter(service_id__in=service_ids).values_list(
            "pk", "service_id", "location_id", "description_en", "description_es"
        )
    )
    locations = {
        values.pop("pk"): Record(**values, addresses=Related())
        for values in Location.objects.filter(pk__in={sal[2] for sal in sals}).values(
            "pk", "name_en", "name_es", "is_confidential", "area_id"
        )
    }
    shared.read(
        Organisation,
        shared.organisations,
        {service.organisation_id for service in services.values()},
        ["name_en", "name_es", "acronym"],
    )
    shared.read(
        Area,
        shared.areas,
        {location.area_id for location in locations.values()},
        ["name_en", "name_es", "parent_id"],
    )
    for service in services.values():
        service.organisation = shared.organisations[service.organisation_id]
    for service_id, term_id in Service.terms.through.objects.filter(
        service_id__in=service_ids
    ).values_list("service_id", "taxonomyterm_id"):
        services[service_id].terms.append(shared.term(term_id))
    for service_id, area_id in ServiceArea.objects.filter(service_id__in=service_ids).values_list(
        "service_id", "area_id"
    ):
        services[service_id].service_areas.append(Record(area_id=area_id))
    for service_id, name in Language.objects.filter(service_id__in=service_ids).values_list(
        "service_id", "name"
    ):
        services[service_id].languages.append(Record(name=name))
    for values in Address.objects.filter(location_id__in=list(locations)).values(
        "location_id", "address_1", "address_2", "city", "state_province"
    ):
        locations[values.pop("location_id")].addresses.append(Record(**values))
    for location in locations.values():
        location.area = shared.areas[location.area_id] if location.area_id is not None else None
    return [
        Record(
            pk=pk,
            service=services[service_id],
            location=locations[location_id],
            description_en=description_en,
            description_es=description_es,
        )
        for pk, service_id, location_id, description_en, description_es in sals
    ]


def sal_tokens(sal: Any) -> set[str]:
    """Every token of a service at a location: its words and what it is found under."""
    found: set[str] = filter_tokens(sal)
    for text in public_texts(sal):
        if text:
            found |= _text_tokens(text)
    return found


def _lookup_indexes(connection: Any) -> list[tuple[str, str]]:
    """The SQL that drops and creates each index of the search tokens, as migrations write it."""
    from directory.models import SearchToken

    # Only its SQL is wanted: not entered (SQLite refuses a schema editor in a transaction).
    editor = connection.schema_editor()
    editor.deferred_sql = []
    return [
        (str(index.remove_sql(SearchToken, editor)), str(index.create_sql(SearchToken, editor)))
        for index in SearchToken._meta.indexes
    ]


def index_services(service_ids: Iterable) -> int:  # type: ignore[type-arg]
    """Rebuild the search tokens of these services. Returns the number of tokens written.

    An import of 100,000 services writes some ten million tokens, so the records are read as
    ``values()`` rows (``index_records``) and the tokens go in by chunks with one executemany
    each; from ``LARGE_INDEX`` services the lookup index is dropped first and built after, in
    the same transaction (on PostgreSQL searches wait for the commit meanwhile).
    """
    from django.db import connection

    from directory.models import SearchToken

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
    large = len(ids) >= LARGE_INDEX
    lookups = _lookup_indexes(connection) if large else []
    shared = _Shared()
    written = 0
    with transaction.atomic(), connection.cursor() as cursor:
        for drop, _create in lookups:
            cursor.execute(drop)
        for start in range(0, len(ids), _INDEX_CHUNK):
            sals = index_records(ids[start : start + _INDEX_CHUNK], shared)
            rows = []
            for sal in sals:
                sal_id = link.get_db_prep_save(sal.pk, connection)
                programme_id = sal.service.programme_id
                rows += [(token, sal_id, programme_id) for token in sal_tokens(sal)]
            SearchToken.objects.filter(service_at_location_id__in=[sal.pk for sal in sals]).delete()
            cursor.executemany(insert, rows)
            written += len(rows)
        if lookups and connection.vendor == "postgresql":
            # PostgreSQL builds no index on a table with deferred checks of its links pending:
            # they run now rather than at the commit (Django's SET CONSTRAINTS pair).
            connection.check_constraints()
        for _drop, create in lookups:
            cursor.execute(create)
        transaction.on_commit(lambda: cache.set(_VERSION_KEY, directory_version() + 1, None))
    return written
