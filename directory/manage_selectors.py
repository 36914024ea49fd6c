"""Reads for managing the directory (members' pages): lists, follow-up, coverage, proposals.

How a service travels between the editing forms, the services and a stored proposal is defined in
``directory.manage_payload``.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from directory.models import (
    Accessibility,
    Address,
    CostOption,
    Language,
    Location,
    Phone,
    RequiredDocument,
    Schedule,
    Service,
    ServiceArea,
    ServiceAtLocation,
    ServiceChangeRequest,
    Suggestion,
    TaxonomyTerm,
)
from directory.reference import ESP_CODE
from directory.selectors import services_visible_to
from programmes.models import Area, Programme
from programmes.selectors import TreeRow, as_tree

# --- Areas and the Essential Services sectors ---------------------------------------------

SECTOR_ORDER = ["health", "justice", "social", "coordination"]


def programme_areas(programme: Programme) -> list[TreeRow]:
    """The programme's areas, depth-first, for choices and the coverage table."""
    return as_tree(list(Area.objects.filter(programme=programme).order_by("level", "name", "pk")))


def esp_terms() -> list[TaxonomyTerm]:
    return list(
        TaxonomyTerm.objects.filter(taxonomy__code=ESP_CODE)
        .select_related("parent")
        .order_by("code")
    )


def sectors_of(terms: list[TaxonomyTerm]) -> list[TaxonomyTerm]:
    """The top-level terms, in the Essential Services Package's order."""
    top = [term for term in terms if term.parent_id is None]
    rank = {code: index for index, code in enumerate(SECTOR_ORDER)}
    return sorted(top, key=lambda term: (rank.get(term.code, len(rank)), term.code))


def sector_ids(terms: list[TaxonomyTerm]) -> dict[Any, Any]:
    """Each term's id → the id of the sector it falls under, without a query per term."""
    parents = {term.pk: term.parent_id for term in terms}

    def top(pk: Any) -> Any:
        seen = set()
        while parents.get(pk) is not None and pk not in seen:
            seen.add(pk)
            pk = parents[pk]
        return pk

    return {term.pk: top(term.pk) for term in terms}


def _relatives(rows: list[TreeRow]) -> tuple[dict[int, list[int]], dict[int, list[int]]]:
    """Each area's ancestors and descendants (ids)."""
    parent = {row.node.pk: row.node.parent_id for row in rows}
    ancestors: dict[int, list[int]] = {}
    descendants: dict[int, list[int]] = defaultdict(list)
    for pk in parent:
        chain, up, seen = [], parent[pk], {pk}
        while up is not None and up in parent and up not in seen:
            chain.append(up)
            seen.add(up)
            descendants[up].append(pk)
            up = parent[up]
        ancestors[pk] = chain
    return ancestors, descendants


def area_and_within(programme: Programme, area_id: int) -> list[int]:
    """An area and every area within it."""
    _ancestors, descendants = _relatives(programme_areas(programme))
    return [area_id, *descendants.get(area_id, [])]


# --- The dashboard ------------------------------------------------------------------------


def stale_cutoff(today: datetime.date | None = None) -> datetime.date:
    """Services last verified before this day need following up."""
    today = today or timezone.localdate()
    return today - datetime.timedelta(days=settings.DIRECTORY_STALE_DAYS)


def stale_q(today: datetime.date | None = None) -> Q:
    """Never verified, or not for ``DIRECTORY_STALE_DAYS`` days."""
    return Q(assured_date__isnull=True) | Q(assured_date__lt=stale_cutoff(today))


def manage_services(
    *,
    programme: Programme,
    user: Any,
    sector: str = "",
    area_id: int | None = None,
    status: str = "",
    stale: bool = False,
    query: str = "",
) -> QuerySet[Service]:
    """The programme's services the user may read, filtered, with what a row shows."""
    services = services_visible_to(user).filter(programme=programme)
    if sector:
        links = Service.terms.through.objects.filter(service_id=OuterRef("pk")).filter(
            Q(taxonomyterm__code=sector) | Q(taxonomyterm__parent__code=sector),
            taxonomyterm__taxonomy__code=ESP_CODE,
        )
        services = services.filter(Exists(links))
    if area_id:
        within = area_and_within(programme, area_id)
        services = services.filter(
            Exists(
                ServiceAtLocation.objects.filter(
                    service_id=OuterRef("pk"), location__area_id__in=within
                )
            )
            | Exists(ServiceArea.objects.filter(service_id=OuterRef("pk"), area_id__in=within))
        )
    if status:
        services = services.filter(status=status)
    if stale:
        services = services.filter(stale_q())
    if query:
        services = services.filter(
            Q(name_en__icontains=query)
            | Q(name_es__icontains=query)
            | Q(organisation__name_en__icontains=query)
            | Q(organisation__name_es__icontains=query)
            | Q(organisation__acronym__icontains=query)
        )
    return (
        services.select_related("organisation")
        .prefetch_related(
            Prefetch("terms", queryset=TaxonomyTerm.objects.select_related("parent")),
            Prefetch(
                "service_at_locations",
                queryset=ServiceAtLocation.objects.select_related("location__area"),
            ),
            Prefetch("service_areas", queryset=ServiceArea.objects.select_related("area")),
        )
        .annotate(
            pending_changes=Count(
                "change_requests",
                filter=Q(change_requests__status=ServiceChangeRequest.Status.PENDING),
                distinct=True,
            )
        )
        .order_by("name", "pk")
    )


@dataclass
class DashboardCounts:
    services: int
    active: int
    stale: int
    pending_changes: int
    open_suggestions: int


def dashboard_counts(*, programme: Programme, user: Any) -> DashboardCounts:
    totals = (
        services_visible_to(user)
        .filter(programme=programme)
        .aggregate(
            services=Count("pk"),
            active=Count("pk", filter=Q(status=Service.Status.ACTIVE)),
            stale=Count("pk", filter=stale_q()),
        )
    )
    return DashboardCounts(
        services=totals["services"],
        active=totals["active"],
        stale=totals["stale"],
        pending_changes=pending_change_requests(programme).count(),
        open_suggestions=open_suggestions(programme).count(),
    )


def follow_up_services(*, programme: Programme, user: Any) -> QuerySet[Service]:
    """Services to verify again, the longest unverified first (never verified at the top)."""
    return (
        services_visible_to(user)
        .filter(programme=programme)
        .filter(stale_q())
        .select_related("organisation")
        .order_by(models.F("assured_date").asc(nulls_first=True), "name", "pk")
    )


def open_suggestions(programme: Programme) -> QuerySet[Suggestion]:
    return (
        Suggestion.objects.filter(service__programme=programme, status=Suggestion.Status.OPEN)
        .select_related("service")
        .order_by("created_at", "pk")
    )


# --- Proposed changes ---------------------------------------------------------------------


def pending_change_requests(programme: Programme) -> QuerySet[ServiceChangeRequest]:
    """Proposals waiting for a coordinator, changes and new services alike, oldest first."""
    return (
        ServiceChangeRequest.objects.filter(
            programme=programme, status=ServiceChangeRequest.Status.PENDING
        )
        .select_related("service__organisation", "proposed_by__organisation")
        .order_by("created_at", "pk")
    )


def change_requests_of(*, service: Service, user: Any) -> QuerySet[ServiceChangeRequest]:
    """What a person proposed for a service, newest first, with the decisions."""
    return (
        ServiceChangeRequest.objects.filter(service=service, proposed_by=user)
        .select_related("decided_by")
        .order_by("-created_at", "-pk")
    )


def new_service_requests_of(*, programme: Programme, user: Any) -> QuerySet[ServiceChangeRequest]:
    """The new services a person proposed in a programme, newest first, with the decisions."""
    return (
        ServiceChangeRequest.objects.filter(programme=programme, proposed_by=user, new_service=True)
        .select_related("service", "decided_by")
        .order_by("-created_at", "-pk")
    )


def field_label(model: type[models.Model], name: str) -> str:
    """A field's label, naming the language of a bilingual field."""
    languages = dict(settings.LANGUAGES)
    base, _sep, code = name.rpartition("_")
    if code in languages and base:
        verbose = model._meta.get_field(base).verbose_name
        return _("%(field)s (%(language)s)") % {
            "field": capfirst(verbose),
            "language": languages[code],
        }
    return str(capfirst(model._meta.get_field(name).verbose_name))


# --- Coverage -----------------------------------------------------------------------------


@dataclass
class CoverageRow:
    area: Area
    depth: int
    providers: list[int]  # active services per sector, in the order of the sectors
    gaps: list[TaxonomyTerm] = field(default_factory=list)


def coverage(programme: Programme) -> tuple[list[TaxonomyTerm], list[CoverageRow]]:
    """For each area of the programme, how many active services it has in each sector.

    A service counts in an area when one of its locations is in that area or in an area within
    it, or when it serves (service area) that area, an area within it or an area around it: a
    service for the whole parish serves each of its communities.
    """
    rows = programme_areas(programme)
    ancestors, descendants = _relatives(rows)
    terms = esp_terms()
    sectors = sectors_of(terms)
    to_sector = sector_ids(terms)
    active = {"service__programme": programme, "service__status": Service.Status.ACTIVE}
    service_sectors: dict[Any, set[Any]] = defaultdict(set)
    for service_id, term_id in Service.terms.through.objects.filter(
        service__programme=programme,
        service__status=Service.Status.ACTIVE,
        taxonomyterm__taxonomy__code=ESP_CODE,
    ).values_list("service_id", "taxonomyterm_id"):
        service_sectors[service_id].add(to_sector[term_id])
    covered: dict[Any, set[int]] = defaultdict(set)
    for service_id, area_id in ServiceAtLocation.objects.filter(
        location__area__isnull=False, **active
    ).values_list("service_id", "location__area_id"):
        covered[service_id].update([area_id, *ancestors.get(area_id, [])])
    for service_id, area_id in ServiceArea.objects.filter(area__isnull=False, **active).values_list(
        "service_id", "area_id"
    ):
        covered[service_id].update(
            [area_id, *ancestors.get(area_id, []), *descendants.get(area_id, [])]
        )
    counts: dict[tuple[int, Any], int] = defaultdict(int)
    for service_id, areas in covered.items():
        for sector_id in service_sectors.get(service_id, ()):
            for area_id in areas:
                counts[area_id, sector_id] += 1
    table = []
    for row in rows:
        providers = [counts[row.node.pk, sector.pk] for sector in sectors]
        gaps = [sector for sector, count in zip(sectors, providers, strict=True) if not count]
        table.append(CoverageRow(area=row.node, depth=row.depth, providers=providers, gaps=gaps))
    return sectors, table


# --- History ------------------------------------------------------------------------------


@dataclass
class HistoryEntry:
    when: datetime.datetime
    who: Any
    what: str
    change_request: int | None


_ACTIONS = {"+": lambda: _("added"), "~": lambda: _("changed"), "-": lambda: _("removed")}


def service_history(service: Service, limit: int = 25) -> list[HistoryEntry]:
    """The latest changes to a service and to its parts: locations, phones, hours, costs…"""
    location_ids = set(
        ServiceAtLocation.history.filter(service_id=service.pk).values_list(
            "location_id", flat=True
        )
    )
    sources: list[tuple[QuerySet, str]] = [
        (Service.history.filter(id=service.pk), _("Service")),
        (Phone.history.filter(service_id=service.pk), _("Phone")),
        (Schedule.history.filter(service_id=service.pk), _("Opening hours")),
        (ServiceAtLocation.history.filter(service_id=service.pk), _("Offered at a location")),
        (Location.history.filter(id__in=location_ids), _("Location")),
        (Address.history.filter(location_id__in=location_ids), _("Address")),
        (Accessibility.history.filter(location_id__in=location_ids), _("Accessibility")),
        (Language.history.filter(service_id=service.pk), _("Language")),
        (ServiceArea.history.filter(service_id=service.pk), _("Service area")),
        (CostOption.history.filter(service_id=service.pk), _("Cost option")),
        (RequiredDocument.history.filter(service_id=service.pk), _("Document to bring")),
    ]
    entries = []
    for rows, noun in sources:
        for row in rows.select_related("history_user").order_by("-history_date")[:limit]:
            reason = row.history_change_reason or ""
            entries.append(
                HistoryEntry(
                    when=row.history_date,
                    who=row.history_user,
                    what=f"{noun}: {_ACTIONS[row.history_type]()}",
                    change_request=int(reason.split(":", 1)[1])
                    if reason.startswith("proposal:") and reason.split(":", 1)[1].isdigit()
                    else None,
                )
            )
    entries.sort(key=lambda entry: entry.when, reverse=True)
    return entries[:limit]
