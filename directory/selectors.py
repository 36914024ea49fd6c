"""Reads for the directory. Confidentiality and visibility are decided here, for every channel.

Pages, the HSDS API, exports, PDFs and search all read through these functions, so that a
confidential location's address and coordinates, and private phones, never reach anyone whose
role does not allow them (core.permissions.can_see_confidential).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from django.db.models import (
    Case,
    Exists,
    ExpressionWrapper,
    F,
    FloatField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
)
from django.utils import timezone

from core.models import Visibility
from core.permissions import can_see_confidential, visible_q
from directory.models import Phone, Schedule, Service, ServiceAtLocation
from directory.search import query_condition
from programmes.models import Programme


def services_visible_to(user: Any) -> QuerySet[Service]:
    return Service.objects.filter(visible_q(user))


def public_services(programme: Programme) -> QuerySet[Service]:
    """What the public directory lists: public, not defunct or inactive."""
    return Service.objects.filter(
        programme=programme,
        visibility=Visibility.PUBLIC,
        status__in=[Service.Status.ACTIVE, Service.Status.TEMPORARILY_CLOSED],
    )


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


def search(
    programme: Programme, params: SearchParams, user: Any = None
) -> QuerySet[ServiceAtLocation]:
    """Public search: services at locations of the programme matching every given filter."""
    results = ServiceAtLocation.objects.filter(service__in=public_services(programme))
    condition, _has_words = query_condition(params.query)
    results = results.filter(condition)
    if params.term:
        results = results.filter(
            Q(service__terms__code=params.term) | Q(service__terms__parent__code=params.term)
        )
    if params.area_id:
        results = results.filter(
            Q(location__area_id=params.area_id)
            | Q(location__area__parent_id=params.area_id)
            | Q(service__service_areas__area_id=params.area_id)
        )
    if params.language:
        results = results.filter(
            Q(service__languages__code=params.language)
            | Q(location__languages__code=params.language)
        )
    if params.open_24_7:
        results = results.filter(service__open_24_7=True)
    if params.open_now:
        results = results.filter(_open_now_condition(programme))
    results = results.distinct()
    if params.latitude is not None and params.longitude is not None:
        # Equirectangular distance, good enough to sort within a country. Confidential locations
        # get no distance and sort last: a distance would let anyone triangulate a shelter.
        scale = math.cos(math.radians(params.latitude))
        dlat = F("location__latitude") - Value(params.latitude)
        dlon = (F("location__longitude") - Value(params.longitude)) * Value(scale)
        squared = ExpressionWrapper(dlat * dlat + dlon * dlon, output_field=FloatField())
        results = results.annotate(
            distance_sq=Case(
                When(location__is_confidential=True, then=Value(None, output_field=FloatField())),
                When(location__latitude__isnull=True, then=Value(None, output_field=FloatField())),
                default=squared,
                output_field=FloatField(),
            )
        ).order_by(F("distance_sq").asc(nulls_last=True), "service__name", "pk")
    else:
        results = results.order_by("service__name", "pk")
    return results


def with_display_data(
    results: QuerySet[ServiceAtLocation], user: Any, programme: Programme
) -> QuerySet:
    """Everything a result row shows, in a fixed number of queries."""
    return results.select_related("service__organisation", "location__area").prefetch_related(
        "service__terms__parent",
        "service__schedules",
        "schedules",
        Prefetch(
            "service__phones", queryset=phones_for(user, programme).order_by("type", "number")
        ),
        Prefetch("phones", queryset=phones_for(user, programme)),
    )


def distance_km(distance_sq: float | None) -> float | None:
    """Degrees squared (from ``search``) to kilometres."""
    if distance_sq is None:
        return None
    return math.sqrt(distance_sq) * 111.2
