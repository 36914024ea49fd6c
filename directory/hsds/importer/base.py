"""What every step of an import shares: the problems found, the counts, and reading a row."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import models
from django.utils.translation import gettext as _

from directory import models as m
from directory.hsds import serialize as s
from directory.hsds.fields import (
    SPECIAL_COLUMNS,
    SPECS,
    CellError,
    Field,
    canonical,
    model_attr,
    parse_uuid,
)
from directory.hsds.tabular import TABLES, HsdsInputError, Problem, Row, Source
from organisations.models import Organisation
from programmes.models import Programme

MAX_PROBLEMS = 200
# Rows read, checked and written at a time: bounded memory, bounded IN lists, few queries.
CHUNK = 2000


def chunks(items: Iterable[Any], size: int | None = None) -> Iterator[list[Any]]:
    size = size or CHUNK
    batch: list[Any] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


@dataclass
class Counts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    left_out: int = 0


@dataclass(slots=True)
class Parsed:
    """A row with its id and its cells in canonical form (``fields.canonical``)."""

    row: Row
    id: uuid.UUID
    values: dict[str, str]


class State:
    """One import: where it goes, what it found so far, and what later tables need to know."""

    def __init__(self, programme: Programme, source: Source, language: str) -> None:
        self.programme = programme
        self.source = source
        self.language = language
        self.reader = s.Reader(language=language, confidential=True)
        self.problems: list[Problem] = []
        self.problem_count = 0
        self.warnings: list[Problem] = []
        self.notes: list[str] = []  # said after the reader's notes and the columns left out
        self.counts = {table.entity: Counts() for table in TABLES}
        # Ids of rows refused: a link to one of them is not reported a second time.
        self.refused: dict[str, set[uuid.UUID]] = {}
        self.taxonomy_map: dict[uuid.UUID, uuid.UUID] = {}  # file id -> hub id
        self.term_map: dict[uuid.UUID, uuid.UUID] = {}
        self.org_pk: dict[uuid.UUID, int] = {}  # hsds id -> pk, as they are met
        self.org_missing: set[uuid.UUID] = set()
        self.service_organisations: set[int] = set()  # to link to the programme
        # Locations and phones the attributes mark confidential; the steps of locations and
        # phones take out those they meet, and say which they marked.
        self.to_mark: dict[str, set[uuid.UUID]] = {"location": set(), "phone": set()}
        self.marked: set[uuid.UUID] = set()
        # What changed, for the derived data of the services (``services_refresh``).
        self.services: set[uuid.UUID] = set()
        self.locations: set[uuid.UUID] = set()
        self.sals: set[uuid.UUID] = set()
        self._unseen_columns = {
            key: set(header) - _kept_columns(key[1]) for key, header in source.columns.items()
        }
        self._filled_columns: dict[tuple[str, str], set[str]] = {}

    # --- Problems ---------------------------------------------------------------------------

    def problem(self, row: Row, column: str, message: str) -> None:
        self.problem_count += 1
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(Problem(row.file, row.row, column, message))
        else:
            # Enough to act on: stop reading (nothing is written).
            raise HsdsInputError(self.problems)

    def warn(self, row: Row, column: str, message: str) -> None:
        self.warnings.append(Problem(row.file, row.row, column, message))

    def refuse(self, entity: str, record_id: uuid.UUID) -> None:
        self.refused.setdefault(entity, set()).add(record_id)

    # --- Reading rows -----------------------------------------------------------------------

    def rows(self, entity: str) -> Iterator[list[Parsed]]:
        """The rows of an entity by chunks, each with its id checked and its cells read; a row
        with a problem is reported and left out."""
        spec = SPECS.get(entity)
        seen: dict[uuid.UUID, str] = {}
        for rows in chunks(self.source.rows(entity)):
            parsed = []
            for row in rows:
                if row.problem:
                    self.problem(row, "", row.problem)
                    continue
                self._note_filled(row)
                item = self._parse(row, spec, seen)
                if item is not None:
                    parsed.append(item)
            yield parsed

    def _note_filled(self, row: Row) -> None:
        key = (row.file, row.entity)
        unseen = self._unseen_columns.get(key)
        if unseen:
            filled = {column for column in unseen if row.cells.get(column, "").strip()}
            if filled:
                unseen -= filled
                self._filled_columns.setdefault(key, set()).update(filled)

    def column_notes(self) -> list[str]:
        """Columns with something in them that the hub does not keep (an export writes every
        HSDS column, most of them empty)."""
        notes = []
        for file, entity in self.source.columns:
            columns = self._filled_columns.get((file, entity))
            if not columns:
                continue
            notes.append(
                _("%(file)s: columns the hub does not keep, left out: %(columns)s.")
                % {
                    "file": file if file.endswith(".csv") else f"{file} ({entity})",
                    "columns": ", ".join(sorted(columns)),
                }
            )
        return notes

    def _parse(self, row: Row, spec: Any, seen: dict[uuid.UUID, str]) -> Parsed | None:
        raw = row.cells.get("id", "").strip()
        if not raw:
            self.problem(row, "id", _("This field is required."))
            return None
        try:
            record_id = parse_uuid(raw)
        except CellError as error:
            self.problem(row, "id", str(error))
            return None
        if record_id in seen:
            self.problem(
                row, "id", _("Row %(other)s has the same id.") % {"other": seen[record_id]}
            )
            return None
        seen[record_id] = row.row
        before = self.problem_count
        values: dict[str, str] = {}
        for f in spec.fields if spec else ():
            if f.hsds not in row.cells:
                if f.required:
                    self.problem(row, f.hsds, _("This field is required."))
                continue
            try:
                value = canonical(f, row.cells[f.hsds], spec.model)
            except CellError as error:
                self.problem(row, f.hsds, str(error))
                continue
            if not value and f.required:
                self.problem(row, f.hsds, _("This field is required."))
                continue
            values[f.hsds] = self._fit(row, f, value, spec.model)
        if spec and spec.owners and not any(values.get(name) for name in spec.owners):
            self.problem(
                row,
                spec.owners[0],
                _("Link it to at least one of: %(fields)s.") % {"fields": ", ".join(spec.owners)},
            )
        if row.entity == "location":
            self._check_coordinates(row, values)
        if self.problem_count != before:
            self.refuse(row.entity, record_id)
            return None
        return Parsed(row, record_id, values)

    def _fit(self, row: Row, f: Field, value: str, model: type[models.Model]) -> str:
        """Free text longer than the hub keeps is cut, with a warning; other values are checked
        by the model."""
        if f.kind not in ("text", "i18n"):
            return value
        limit = model._meta.get_field(model_attr(f, self.language)).max_length
        if limit and len(value) > limit:
            self.warn(
                row,
                f.hsds,
                _("%(length)s characters, more than the %(limit)s the hub keeps: cut.")
                % {"length": len(value), "limit": limit},
            )
            return value[:limit].rstrip()
        return value

    def _check_coordinates(self, row: Row, values: dict[str, str]) -> None:
        if "latitude" not in values and "longitude" not in values:
            return
        latitude, longitude = values.get("latitude", ""), values.get("longitude", "")
        problem = ""
        if bool(latitude) != bool(longitude):
            problem = _("Give both the latitude and the longitude, or neither")
        elif latitude and not -90 <= Decimal(latitude) <= 90:
            problem = _("%(value)s is not a latitude (−90 to 90)") % {"value": latitude}
        elif longitude and not -180 <= Decimal(longitude) <= 180:
            problem = _("%(value)s is not a longitude (−180 to 180)") % {"value": longitude}
        if problem:
            self.warn(
                row,
                "latitude",
                _("%(problem)s: the location is imported without coordinates.")
                % {"problem": problem},
            )
            values["latitude"] = values["longitude"] = ""

    # --- Records the file may link to -------------------------------------------------------

    def in_programme(self, entity: str) -> models.QuerySet:
        """The records of the hub a row of the file may name (what the file holds is written
        before the tables that link to it)."""
        p = self.programme
        return {
            "service": m.Service.objects.filter(programme=p),
            "location": m.Location.objects.filter(programme=p),
            "service_at_location": m.ServiceAtLocation.objects.filter(service__programme=p),
            "phone": m.Phone.objects.filter(
                models.Q(service__programme=p)
                | models.Q(location__programme=p)
                | models.Q(service_at_location__service__programme=p)
            ),
            "taxonomy_term": m.TaxonomyTerm.objects.all(),
            "taxonomy": m.Taxonomy.objects.all(),
        }[entity]

    def existing_ids(self, entity: str, ids: Iterable[uuid.UUID]) -> set[uuid.UUID]:
        wanted = set(ids)
        if not wanted:
            return set()
        return set(self.in_programme(entity).filter(pk__in=wanted).values_list("pk", flat=True))

    def organisations(self, hsds_ids: Iterable[uuid.UUID]) -> None:
        """Learn the primary keys of these organisations (any programme's)."""
        wanted = {i for i in hsds_ids if i not in self.org_pk and i not in self.org_missing}
        if not wanted:
            return
        found = dict(Organisation.objects.filter(hsds_id__in=wanted).values_list("hsds_id", "pk"))
        self.org_pk.update(found)
        self.org_missing |= wanted - set(found)


def _kept_columns(entity: str) -> set[str]:
    kept = {"id"} | SPECIAL_COLUMNS.get(entity, set())
    spec = SPECS.get(entity)
    if spec is not None:
        kept |= {f.hsds for f in spec.fields}
    return kept
