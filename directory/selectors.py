"""Reads for the directory. Confidentiality and visibility are decided here, for every channel.

Pages, the HSDS API, exports, PDFs and search all read through these functions, so that a
confidential location's address and coordinates, and private phones, never reach anyone whose
role does not allow them (core.permissions.can_see_confidential).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.cache import cache
from django.db.models import (
    Case,
    Exists,
    ExpressionWrapper,
    F,
    FloatField,
    OuterRef,
    Q,
    QuerySet,
    Value,
    When,
)
from django.utils import timezone
from django.utils.translation import get_language

from core.models import Visibility
from core.permissions import can_see_confidential, visible_q
from directory.hours import describe
from directory.models import (
    Language,
    Phone,
    Schedule,
    SearchToken,
    Service,
    ServiceAtLocation,
)
from directory.search import area_token, directory_version, query_stems, type_token
from programmes.models import Programme


def services_visible_to(user: Any) -> QuerySet[Service]:
    return Service.objects.filter(visible_q(user))


def public_services(programme: Programme) -> QuerySet[Service]:
    """What the public directory lists: public, not defunct or inactive."""
    return Service.objects.filter(_public_q(programme))


def phones_for(user: Any, programme: Programme) -> QuerySet[Phone]:
    """Phones the user may see. Without a role that allows it: no private phone, and no phone of
    a confidential location (its own line would lead to it)."""
    phones = Phone.objects.all()
    if not can_see_confidential(user, programme):
        phones = (
            phones.filter(is_private=False)
            .exclude(location__is_confidential=True)
            .exclude(service_at_location__location__is_confidential=True)
        )
    return phones


@dataclass(frozen=True)
class SearchParams:
    query: str = ""
    term: str = ""  # an Essential Services code; a sector code includes its sub-types
    area_id: int | None = None
    language: str = ""
    open_now: bool = False
    open_24_7: bool = False
    latitude: float | None = None
    longitude: float | None = None


def _open_now_condition(programme: Programme, now: datetime | None = None) -> Q:
    """Service at a location open at this moment, in the programme's time zone."""
    local = (now or timezone.now()).astimezone(ZoneInfo(programme.time_zone))
    day = Schedule.DAYS[local.weekday()]
    yesterday = Schedule.DAYS[(local.weekday() - 1) % 7]
    at = local.time()
    same_day = Q(byday__contains=day) & Q(opens_at__lte=at) & Q(closes_at__gt=at)
    # Hours that run past midnight: opened today and still going, or opened yesterday.
    overnight = Q(closes_at__lt=F("opens_at")) & (
        (Q(byday__contains=day) & Q(opens_at__lte=at))
        | (Q(byday__contains=yesterday) & Q(closes_at__gt=at))
    )
    schedules = Schedule.objects.filter(same_day | overnight).filter(
        Q(service_id=OuterRef("service_id"))
        | Q(service_at_location_id=OuterRef("pk"))
        | Q(location_id=OuterRef("location_id"))
    )
    return Q(service__open_24_7=True) | Q(Exists(schedules))


# A search counts its matches up to this many; past it the page says "more than" instead of
# counting a hundred thousand rows for every visitor. Ten pages: nobody on a phone reads further,
# and the page asks for more words or filters instead.
SEARCH_COUNT_LIMIT = 200
# Words, the type and the community are lists of services at locations in one index
# (``SearchToken``, see ``directory.search``). Lists of at most LEAD_LIMIT entries may be
# intersected there first, reading the index alone; longer ones are only checked on what is left.
# When the matches are many, walking the public services in name order until SEARCH_COUNT_LIMIT
# + 1 match is cheaper still (see ``_walk_is_cheaper``). Tests set LEAD_LIMIT to force one way.
LEAD_LIMIT: int | None = None
LEAD_CAP = 20_000
_PUBLIC_COUNT_SECONDS = 300


def _public_count(programme: Programme) -> int:
    key = f"directory:public-count:{programme.pk}:{directory_version()}"
    total = cache.get(key)
    if total is None:
        total = ServiceAtLocation.objects.filter(_public_q(programme, "service__")).count()
        cache.set(key, total, _PUBLIC_COUNT_SECONDS)
    return total


def _walk_is_cheaper(programme: Programme, sizes: list[int]) -> bool:
    """Whether walking the services in name order reads fewer rows than the shortest list.

    With n public services and lists of k1, k2… entries, about n * (k1/n) * (k2/n)… services
    match (lists are not independent, so this errs towards fewer matches and towards leading);
    the walk reads about (limit + 1) * n / matches rows, checking each list on each.
    """
    total = max(_public_count(programme), 1)
    matches = float(total)
    for size in sizes:
        matches *= min(size, total) / total
    walked = (SEARCH_COUNT_LIMIT + 1) * total / max(matches, 1.0)
    return walked * len(sizes) < min(sizes)


@dataclass
class _Filter:
    tokens: list[str] | None = None  # any of these tokens (an index list), or:
    check: Q | None = None  # a condition tested on each candidate


def _public_q(programme: Programme, prefix: str = "") -> Q:
    """Services the public directory lists: public, and not defunct or inactive."""
    return Q(
        **{
            f"{prefix}programme": programme,
            f"{prefix}visibility": Visibility.PUBLIC,
            f"{prefix}status__in": [Service.Status.ACTIVE, Service.Status.TEMPORARILY_CLOSED],
        }
    )


def _filters(programme: Programme, params: SearchParams) -> list[_Filter]:
    filters = [_Filter(tokens=alternatives) for alternatives in query_stems(params.query)]
    if params.term:
        # The type itself or, for a sector, any type within it (see filter_tokens).
        filters.append(_Filter(tokens=[type_token(params.term)]))
    if params.area_id:
        # A location in the community or in one directly within it, or a service that says it
        # serves the community (see filter_tokens).
        filters.append(_Filter(tokens=[area_token(params.area_id)]))
    if params.language:
        spoken = Language.objects.filter(code=params.language)
        filters.append(
            _Filter(
                check=Q(Exists(spoken.filter(service_id=OuterRef("service_id"))))
                | Q(Exists(spoken.filter(location_id=OuterRef("location_id"))))
            )
        )
    if params.open_24_7:
        filters.append(_Filter(check=Q(service__open_24_7=True)))
    if params.open_now:
        filters.append(_Filter(check=_open_now_condition(programme)))
    return filters


class _Search:
    """One public search, in the two shapes the database answers quickly.

    ``led``: the short token lists are intersected in the index first, and only what is left
    visits the tables (few matches). ``walked``: the programme's public services are read in name
    order, each candidate checked, until the page is full (many matches). Both hold the same
    rows in the same order.
    """

    def __init__(self, programme: Programme, params: SearchParams) -> None:
        self.programme, self.params = programme, params
        self.distance = params.latitude is not None and params.longitude is not None
        self.filters = _filters(programme, params)
        self.listed = [each for each in self.filters if each.tokens is not None]
        self.lead_limit = LEAD_CAP if LEAD_LIMIT is None else LEAD_LIMIT
        sizes = {id(each): self._size(each.tokens) for each in self.listed}  # type: ignore[arg-type]
        self.short = sorted(
            (each for each in self.listed if sizes[id(each)] <= self.lead_limit),
            key=lambda each: sizes[id(each)],
        )
        if LEAD_LIMIT is None and self.short and _walk_is_cheaper(programme, list(sizes.values())):
            self.short = []

    def _tokens(self, alternatives: list[str]) -> QuerySet[SearchToken]:
        return SearchToken.objects.filter(programme=self.programme, token__in=alternatives)

    def _size(self, alternatives: list[str]) -> int:
        return self._tokens(alternatives)[: self.lead_limit + 1].count()

    def _has(self, alternatives: list[str], link: str = "pk") -> Q:
        own = SearchToken.objects.filter(service_at_location=OuterRef(link), token__in=alternatives)
        return Q(Exists(own))

    def queryset(self, led: bool) -> QuerySet[ServiceAtLocation]:
        results = ServiceAtLocation.objects.filter(_public_q(self.programme, "service__"))
        if led and self.short:
            # Intersect in the token index alone, and check the long lists there too, before any
            # table is visited.
            first, *others = self.short
            found = self._tokens(first.tokens)  # type: ignore[arg-type]
            for each in others:
                found = found.filter(
                    service_at_location_id__in=self._tokens(each.tokens).values(  # type: ignore[arg-type]
                        "service_at_location_id"
                    )
                )
            for each in self.listed:
                if each not in self.short:
                    found = found.filter(self._has(each.tokens, "service_at_location_id"))  # type: ignore[arg-type]
            results = results.filter(pk__in=found.values("service_at_location_id"))
        else:
            for each in self.listed:
                results = results.filter(self._has(each.tokens))  # type: ignore[arg-type]
        for each in self.filters:
            if each.check is not None:
                results = results.filter(each.check)
        return self._ordered(results)

    def _ordered(self, results: QuerySet[ServiceAtLocation]) -> QuerySet[ServiceAtLocation]:
        params = self.params
        if not self.distance:
            return results.order_by("service__name", "pk")
        # Equirectangular distance, good enough to sort within a country. Confidential locations
        # get no distance and sort last: a distance would let anyone triangulate a shelter.
        scale = math.cos(math.radians(params.latitude))  # type: ignore[arg-type]
        dlat = F("location__latitude") - Value(params.latitude)
        dlon = (F("location__longitude") - Value(params.longitude)) * Value(scale)
        squared = ExpressionWrapper(dlat * dlat + dlon * dlon, output_field=FloatField())
        return results.annotate(
            distance_sq=Case(
                When(location__is_confidential=True, then=Value(None, output_field=FloatField())),
                When(location__latitude__isnull=True, then=Value(None, output_field=FloatField())),
                default=squared,
                output_field=FloatField(),
            )
        ).order_by(F("distance_sq").asc(nulls_last=True), "service__name", "pk")


def search(
    programme: Programme, params: SearchParams, user: Any = None
) -> QuerySet[ServiceAtLocation]:
    """Public search: services at locations of the programme matching every given filter.

    Ordered by service name in the current language (then id), or nearest first from a shared
    point.
    """
    return _Search(programme, params).queryset(led=True)


class SearchResults:
    """The matches of a public search, for a Paginator.

    Counted up to ``limit`` (``more`` says when there are more), and loaded a page at a time:
    first the page's ids, then everything its rows show, in a fixed number of queries.
    """

    def __init__(self, programme: Programme, params: SearchParams, user: Any = None) -> None:
        self.programme, self.user = programme, user
        self.limit = SEARCH_COUNT_LIMIT
        self.search = _Search(programme, params)
        self.more = False
        self.all_keys: list[tuple[Any, ...]] | None = None
        self.paged: QuerySet[ServiceAtLocation] | None = None

    def _keys(self, results: QuerySet[ServiceAtLocation]) -> QuerySet:
        return results.values_list("pk", *(["distance_sq"] if self.search.distance else []))

    def count(self) -> int:
        if self.search.short:
            # Short lists lead: the first limit + 1 ids in order say how many there are, and
            # every page that may be shown is cut from them.
            keys = list(self._keys(self.search.queryset(led=True))[: self.limit + 1])
            found = len(keys)
            self.all_keys = keys[: self.limit]
        else:
            # Matches are common: walk the services in name order, a page at a time.
            self.paged = self.search.queryset(led=False)
            found = self.paged[: self.limit + 1].count()
        self.more = found > self.limit
        return min(found, self.limit)

    def __getitem__(self, window: slice) -> list[ResultRow]:
        if self.all_keys is None and self.paged is None:
            self.count()
        if self.all_keys is not None:
            keys = self.all_keys[window]
        else:
            keys = list(self._keys(self.paged)[window])  # type: ignore[arg-type]
        distances = {key[0]: key[1] if self.search.distance else None for key in keys}
        return result_rows(list(distances), self.user, self.programme, distances)


@dataclass
class ResultRow:
    """What one search result shows, in the reader's language."""

    service_id: Any
    name: str
    organisation: str
    community: str
    types: list[str] = field(default_factory=list)
    hours: list[str] = field(default_factory=list)
    alert: str = ""
    phones: list[tuple[str, str]] = field(default_factory=list)  # (number as written, tel:)
    distance_km: float | None = None


# The languages modeltranslation falls back on when a text is missing in the reader's language.
_FALLBACKS: tuple[str, ...] = tuple(
    settings.MODELTRANSLATION_FALLBACK_LANGUAGES.get("default", ())
    if isinstance(settings.MODELTRANSLATION_FALLBACK_LANGUAGES, dict)
    else settings.MODELTRANSLATION_FALLBACK_LANGUAGES
)


def _localized(values: dict[str, Any], name: str) -> str:
    """``name`` in the active language, else in the fallbacks modeltranslation would use."""
    language = get_language() or settings.LANGUAGE_CODE
    for code in (language, *_FALLBACKS):
        text = values.get(f"{name}_{code}")
        if text:
            return str(text)
    return ""


def result_rows(
    ids: list[Any],
    user: Any,
    programme: Programme,
    distances: dict[Any, float | None] | None = None,
) -> list[ResultRow]:
    """The rows of these services at locations, in this order, in five small queries.

    Read as plain values: building model instances (with their translated fields) for a page of
    twenty rows and what they show took four times as long as the queries themselves.
    """
    if not ids:
        return []
    languages = [code for code, _name in settings.LANGUAGES]
    names = [f"{field}_{code}" for field in ("name", "alert") for code in languages]
    found = {
        values["pk"]: values
        for values in ServiceAtLocation.objects.filter(pk__in=ids).values(
            "pk",
            "service_id",
            *(f"service__{name}" for name in names),
            *(f"service__organisation__name_{code}" for code in languages),
            *(f"location__area__name_{code}" for code in languages),
        )
    }
    service_ids = {values["service_id"] for values in found.values()}
    types: dict[Any, list[str]] = {}
    for values in (
        Service.terms.through.objects.filter(service_id__in=service_ids)
        .order_by("taxonomyterm__code")
        .values("service_id", *(f"taxonomyterm__name_{code}" for code in languages))
    ):
        types.setdefault(values["service_id"], []).append(_localized(values, "taxonomyterm__name"))
    schedules: dict[Any, list[Schedule]] = {}
    for schedule in Schedule.objects.filter(service_id__in=service_ids).order_by("pk"):
        schedules.setdefault(schedule.service_id, []).append(schedule)
    phones: dict[Any, list[tuple[str, str]]] = {}
    for phone in (
        phones_for(user, programme)
        .filter(service_id__in=service_ids)
        .order_by("type", "number")
        .only("service_id", "number", "extension")
    ):
        phones.setdefault(phone.service_id, []).append((phone.number, phone.tel))
    rows = []
    for pk in ids:
        values = found[pk]
        service_id = values["service_id"]
        distance = (distances or {}).get(pk)
        rows.append(
            ResultRow(
                service_id=service_id,
                name=_localized(values, "service__name"),
                organisation=_localized(values, "service__organisation__name"),
                community=_localized(values, "location__area__name"),
                types=types.get(service_id, []),
                hours=describe(schedules.get(service_id, [])),
                alert=_localized(values, "service__alert"),
                phones=phones.get(service_id, []),
                distance_km=distance_km(distance),
            )
        )
    return rows


def distance_km(distance_sq: float | None) -> float | None:
    """Degrees squared (from ``search``) to kilometres."""
    if distance_sq is None:
        return None
    return math.sqrt(distance_sq) * 111.2
