"""Services, locations and what hangs from them, table by table and chunk by chunk.

Each chunk of rows is checked against the records of the hub it names (earlier tables of the
file are written already, in the same transaction) and written at once, with a history row for
every record created or changed; unchanged records are left alone.
"""

from __future__ import annotations

import uuid
from functools import cached_property
from typing import Any

from django.db.models.base import ModelState
from django.utils.translation import gettext as _

from directory import models as m
from directory.hsds.fields import SPECS
from directory.hsds.importer.base import Parsed, State, chunks
from directory.hsds.importer.organisations import link_unlinked
from directory.hsds.importer.records import apply, referenced, save, valid
from directory.search import fold
from programmes.models import Area

ENTITIES = (
    "service",
    "location",
    "service_at_location",
    "phone",
    "schedule",
    "language",
    "address",
    "accessibility",
    "service_area",
    "cost_option",
    "required_document",
)

# Relations the comparison and the programme check follow, fetched with the records.
_RELATED: dict[str, tuple[str, ...]] = {
    "service": ("organisation",),
    "location": ("organisation",),
    "service_at_location": ("location",),
    "phone": ("organisation", "service", "location", "service_at_location__location"),
    "schedule": ("service", "location", "service_at_location__location"),
    "language": ("service", "location", "phone__location", "phone__service_at_location__location"),
    "address": ("location",),
    "accessibility": ("location",),
    "service_area": ("service", "area"),
    "cost_option": ("service",),
    "required_document": ("service",),
}
# The mark a confidentiality attribute sets (an import never clears it).
MARK = {"location": "is_confidential", "phone": "is_private"}


def _fresh(blank: Any) -> Any:
    """A new record with the values of ``blank`` (the model's defaults), without running the
    constructor: computing each default in each language, and modeltranslation's rewriting of
    every argument, took a good part of a large import."""
    obj = type(blank).__new__(type(blank))
    obj.__dict__.update(blank.__dict__)
    obj._state = ModelState()
    return obj


def _programmes_of(obj: Any) -> set[int]:
    """The programmes a record belongs to, through what it is linked to (none: shared)."""
    if hasattr(obj, "programme_id"):
        return {obj.programme_id}
    found: set[int] = set()
    for name in ("service", "location", "service_at_location", "phone"):
        if getattr(obj, f"{name}_id", None):
            found |= _programmes_of(getattr(obj, name))
    return found


class DirectoryTables:
    def __init__(self, state: State) -> None:
        self.state = state

    @cached_property
    def areas(self) -> dict[str, int]:
        """The programme's communities by code and by name in either language, folded."""
        names: dict[str, int] = {}
        for area in Area.objects.filter(programme=self.state.programme):
            for name in (area.code, area.name_en, area.name_es):
                if name:
                    names.setdefault(fold(name.strip()), area.pk)
        return names

    def run(self) -> None:
        for entity in ENTITIES:
            for items in self.state.rows(entity):
                self._chunk(entity, items)
            if entity == "service":
                link_unlinked(self.state, self.state.service_organisations)

    def _chunk(self, entity: str, items: list[Parsed]) -> None:
        state = self.state
        model = SPECS[entity].model
        existing = model.objects.select_related(*_RELATED[entity]).in_bulk(
            [item.id for item in items]
        )
        known = referenced(state, entity, items)
        new: list[Any] = []
        changed: list[Any] = []
        attrs: set[str] = set()
        rows = {}
        blank = model()  # the model's defaults, computed once per chunk
        for item in items:
            obj = existing.get(item.id)
            is_new = obj is None
            if not is_new and state.programme.pk not in (
                _programmes_of(obj) or {state.programme.pk}
            ):
                state.problem(
                    item.row, "id", _("This id belongs to a record of another programme.")
                )
                state.refuse(entity, item.id)
                continue
            if is_new:
                obj = _fresh(blank)
                obj.id = item.id
                if hasattr(obj, "programme_id"):
                    obj.programme_id = state.programme.pk
            before = state.problem_count
            diff = apply(state, entity, obj, item, is_new=is_new, known=known)
            if state.problem_count != before or item.id in state.refused.get(entity, ()):
                state.refuse(entity, item.id)
                continue
            if entity == "service_area" and "name" in item.values and (is_new or diff):
                area_id = self.areas.get(fold(item.values["name"]))
                if area_id != obj.area_id:
                    obj.area_id = area_id
                    diff.add("area_id")
            if entity in MARK and item.id in state.to_mark[entity]:
                state.to_mark[entity].discard(item.id)
                if not getattr(obj, MARK[entity]):
                    setattr(obj, MARK[entity], True)
                    diff.add(MARK[entity])
                    state.marked.add(item.id)
            if (is_new or diff) and not valid(state, entity, obj, item.row, diff):
                state.refuse(entity, item.id)
                continue
            rows[item.id] = item.row
            if entity == "service":
                state.service_organisations.add(obj.organisation_id)
            if is_new:
                new.append(obj)
            elif diff:
                changed.append(obj)
                attrs |= diff
            else:
                state.counts[entity].unchanged += 1
        if entity == "service_at_location":
            new, changed = self._unique_places(new, changed, rows)
        save(state, model, new, changed, attrs)
        state.counts[entity].created += len(new)
        state.counts[entity].updated += len(changed)
        self._touched(entity, [*new, *changed])

    def _unique_places(
        self, new: list[Any], changed: list[Any], rows: dict[uuid.UUID, Any]
    ) -> tuple[list[Any], list[Any]]:
        """A service is offered once at a location (the file's earlier rows are in the hub)."""
        planned = [*new, *changed]
        ids = [sal.pk for sal in planned]
        taken = set(
            m.ServiceAtLocation.objects.filter(
                service_id__in={sal.service_id for sal in planned},
                location_id__in={sal.location_id for sal in planned},
            )
            .exclude(pk__in=ids)
            .values_list("service_id", "location_id")
        )
        clashing = set()
        for sal in planned:
            pair = (sal.service_id, sal.location_id)
            if pair in taken:
                self.state.problem(
                    rows[sal.pk],
                    "location_id",
                    _("This service is already offered at this location."),
                )
                self.state.refuse("service_at_location", sal.pk)
                clashing.add(sal.pk)
            taken.add(pair)
        return (
            [sal for sal in new if sal.pk not in clashing],
            [sal for sal in changed if sal.pk not in clashing],
        )

    def _touched(self, entity: str, objs: list[Any]) -> None:
        state = self.state
        for obj in objs:
            if entity == "service":
                state.services.add(obj.pk)
            elif entity == "location":
                state.locations.add(obj.pk)
            if getattr(obj, "service_id", None):
                state.services.add(obj.service_id)
            if getattr(obj, "location_id", None):
                state.locations.add(obj.location_id)
            if getattr(obj, "service_at_location_id", None):
                state.sals.add(obj.service_at_location_id)


def mark_the_rest(state: State) -> None:
    """Mark confidential the locations and phones of the hub that attributes name and the file
    does not hold."""
    for entity, attr in MARK.items():
        model = SPECS[entity].model
        for ids in chunks(sorted(state.to_mark[entity])):
            objs = [
                obj
                for obj in state.in_programme(entity).filter(pk__in=ids)
                if not getattr(obj, attr)
            ]
            for obj in objs:
                setattr(obj, attr, True)
                state.marked.add(obj.pk)
            save(state, model, [], objs, {attr})
            state.counts[entity].updated += len(objs)
            DirectoryTables(state)._touched(entity, objs)
        state.to_mark[entity] = set()


def touched_services(state: State) -> set[uuid.UUID]:
    """The services whose derived data (24/7, search tokens) the import may have changed."""
    services = set(state.services)
    for ids in chunks(state.locations):
        services |= set(
            m.ServiceAtLocation.objects.filter(location_id__in=ids).values_list(
                "service_id", flat=True
            )
        )
    for ids in chunks(state.sals):
        services |= set(
            m.ServiceAtLocation.objects.filter(pk__in=ids).values_list("service_id", flat=True)
        )
    return services
