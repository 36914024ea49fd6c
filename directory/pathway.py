"""The referral pathway of a community: the services a frontline worker prints and hands on.

A pathway is always the public version, whoever asks for it: a printed sheet travels, so it
carries only what the public directory shows. Services come from ``public_services``, phones
from ``phones_for`` with an anonymous reader, and a confidential location gives neither its
name, address, coordinates nor phones, only the community it is in.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from zoneinfo import ZoneInfo

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from core.models import Visibility
from directory.hours import describe
from directory.models import (
    Hotline,
    Location,
    Phone,
    Schedule,
    Service,
    ServiceArea,
    ServiceAtLocation,
    TaxonomyTerm,
)
from directory.reference import ESP_CODE
from directory.search import fold
from directory.selectors import phones_for, public_services
from programmes.models import Area, Programme

# The order of the sectors in the Essential Services Package itself (modules 2 to 5); a term the
# package does not have comes after these, by name.
SECTOR_ORDER = ("health", "justice", "social", "coordination")


@dataclass(frozen=True)
class Place:
    """Where a service is offered, as the public may know it."""

    confidential: bool
    name: str
    address_lines: list[str]
    community: str
    hours: list[str]


@dataclass(frozen=True)
class Entry:
    """One service in a sector of the pathway."""

    service: Service
    provider: str
    hours: list[str]
    phones: list[Phone]
    places: list[Place]
    assured_date: date | None

    @property
    def name(self) -> str:
        return self.service.name or self.provider

    @property
    def has_hours(self) -> bool:
        return bool(self.hours) or any(place.hours for place in self.places)

    @property
    def temporarily_closed(self) -> bool:
        return self.service.status == Service.Status.TEMPORARILY_CLOSED


@dataclass(frozen=True)
class Sector:
    """An Essential Services sector (a top-level term), or None for services with no such term."""

    term: TaxonomyTerm | None
    entries: list[Entry]

    @property
    def name(self) -> str:
        return self.term.name if self.term is not None else _("Other services")

    @property
    def code(self) -> str:
        return self.term.code if self.term is not None else "other"


@dataclass(frozen=True)
class Pathway:
    programme: Programme
    area: Area
    sectors: list[Sector]
    hotlines: list[Hotline]
    generated_on: date

    @property
    def service_count(self) -> int:
        return len({entry.service.pk for sector in self.sectors for entry in sector.entries})


def pathway_areas(programme: Programme) -> QuerySet[Area]:
    """The areas a pathway can be made for: the programme's public ones, at any level."""
    return Area.objects.filter(programme=programme).visible_to(None)


def area_tree(programme: Programme) -> list[tuple[Area, int]]:
    """The public areas in tree order, each with its depth, for the page that lists them.

    An area whose parent is not public is shown at the top level.
    """
    areas = list(pathway_areas(programme).order_by("level", "pk"))
    ids = {area.pk for area in areas}
    children: dict[int | None, list[Area]] = {}
    for area in areas:
        parent = area.parent_id if area.parent_id in ids else None
        children.setdefault(parent, []).append(area)
    rows: list[tuple[Area, int]] = []

    def walk(parent: int | None, depth: int) -> None:
        for area in sorted(children.get(parent, []), key=lambda a: fold(a.name)):
            rows.append((area, depth))
            walk(area.pk, depth + 1)

    walk(None, 0)
    return rows


def _related_areas(programme: Programme, area: Area) -> tuple[set[int], set[int]]:
    """The area with its descendants, and the area with its descendants and ancestors.

    A service located in the first set is in the area; a service whose service area is in the
    second serves it (a parish-wide service serves every community of the parish).
    """
    parents = dict(Area.objects.filter(programme=programme).values_list("pk", "parent_id"))
    inside = {area.pk}
    grew = True
    while grew:
        found = {pk for pk, parent in parents.items() if parent in inside} - inside
        inside |= found
        grew = bool(found)
    served = set(inside)
    ancestor = parents.get(area.pk)
    while ancestor is not None and ancestor not in served:
        served.add(ancestor)
        ancestor = parents.get(ancestor)
    return inside, served


def _public_phones(programme: Programme) -> QuerySet[Phone]:
    """Phones anyone may read, less those of a confidential location (its direct lines)."""
    return (
        phones_for(None, programme)
        .exclude(location__is_confidential=True)
        .exclude(service_at_location__location__is_confidential=True)
        .order_by("type", "number")
    )


def _current(schedules: Iterable[Schedule], today: date) -> list[Schedule]:
    return [
        schedule
        for schedule in schedules
        if (schedule.valid_from is None or schedule.valid_from <= today)
        and (schedule.valid_to is None or schedule.valid_to >= today)
    ]


def _place(sal: ServiceAtLocation, today: date) -> Place:
    location = sal.location
    area = location.area
    community = area.name if area is not None and area.visibility == Visibility.PUBLIC else ""
    # On paper every line counts: leave out a name or community the row already says.
    name = "" if fold(location.name) == fold(sal.service.name) else location.name
    hours = describe(
        _current(sal.schedules.all(), today) or _current(location.schedules.all(), today)
    )
    if location.is_confidential:
        return Place(confidential=True, name="", address_lines=[], community=community, hours=hours)
    addresses = list(location.addresses.all())
    physical = [a for a in addresses if a.address_type == a.Type.PHYSICAL] or addresses
    lines: list[str] = []
    for address in physical:
        lines.append(", ".join(part for part in (address.address_1, address.address_2) if part))
        region = (
            "" if fold(address.state_province) == fold(address.city) else address.state_province
        )
        lines.append(", ".join(part for part in (address.city, region) if part))
    lines = [line for line in lines if line]
    if community and any(fold(community) in fold(line) for line in lines):
        community = ""
    return Place(
        confidential=False, name=name, address_lines=lines, community=community, hours=hours
    )


def _entry(service: Service, inside: set[int], today: date) -> Entry:
    sals = list(service.service_at_locations.all())
    # Where the service is in the area; a service that serves the area from elsewhere shows
    # where it is, since that is where a survivor goes.
    here = [sal for sal in sals if sal.location.area_id in inside] or sals
    places = [_place(sal, today) for sal in here]
    if service.open_24_7:
        hours = [_("Open 24 hours, every day")]
    else:
        hours = describe(_current(service.schedules.all(), today))
    phones: list[Phone] = []
    seen: set[tuple[str, str]] = set()
    candidates = list(service.phones.all())
    for sal in here:
        candidates += list(sal.phones.all()) + list(sal.location.phones.all())
    for phone in candidates:
        key = (phone.tel, phone.extension)
        if key not in seen:
            seen.add(key)
            phones.append(phone)
    return Entry(
        service=service,
        provider=service.organisation.name,
        hours=hours,
        phones=phones,
        places=places,
        assured_date=service.assured_date,
    )


def _sector_key(term: TaxonomyTerm | None) -> tuple[int, str]:
    if term is None:
        return (len(SECTOR_ORDER) + 1, "")
    if term.code in SECTOR_ORDER:
        return (SECTOR_ORDER.index(term.code), "")
    return (len(SECTOR_ORDER), fold(term.name))


def build_pathway(programme: Programme, area: Area) -> Pathway:
    """The public services of ``area`` grouped by Essential Services sector, with the hotlines.

    A service is in the pathway when one of its locations is in the area or an area within it,
    or when it serves (``ServiceArea``) the area, an area within it or an area containing it. A
    service with types in several sectors is listed in each.
    """
    today = timezone.now().astimezone(ZoneInfo(programme.time_zone)).date()
    inside, served = _related_areas(programme, area)
    esp_terms = {term.pk: term for term in TaxonomyTerm.objects.filter(taxonomy__code=ESP_CODE)}
    phones = _public_phones(programme)
    locations = Location.objects.select_related("area").prefetch_related(
        "addresses", "schedules", Prefetch("phones", queryset=phones)
    )
    located = ServiceAtLocation.objects.filter(location__area_id__in=inside).values("service_id")
    serving = ServiceArea.objects.filter(area_id__in=served).values("service_id")
    services = (
        public_services(programme)
        .filter(Q(pk__in=located) | Q(pk__in=serving))
        .select_related("organisation")
        .prefetch_related(
            Prefetch("terms", queryset=TaxonomyTerm.objects.filter(pk__in=esp_terms)),
            "schedules",
            Prefetch("phones", queryset=phones),
            Prefetch(
                "service_at_locations",
                queryset=ServiceAtLocation.objects.prefetch_related(
                    "schedules",
                    Prefetch("phones", queryset=phones),
                    Prefetch("location", queryset=locations),
                ),
            ),
        )
    )

    def sector_of(term: TaxonomyTerm) -> TaxonomyTerm:
        while term.parent_id is not None and term.parent_id in esp_terms:
            term = esp_terms[term.parent_id]
        return term

    grouped: dict[TaxonomyTerm | None, list[Entry]] = {}
    for service in services:
        entry = _entry(service, inside, today)
        sectors = {sector_of(esp_terms[term.pk]) for term in service.terms.all()} or {None}
        for sector in sectors:
            grouped.setdefault(sector, []).append(entry)
    sectors = [
        Sector(term=term, entries=sorted(entries, key=lambda e: (fold(e.name), str(e.service.pk))))
        for term, entries in sorted(grouped.items(), key=lambda item: _sector_key(item[0]))
    ]
    return Pathway(
        programme=programme,
        area=area,
        sectors=sectors,
        hotlines=list(programme.hotlines.all()),
        generated_on=today,
    )
