"""Import an HSDS file into a programme's directory: check everything, then write it at once.

``hsds_import`` takes the rows of ``tabular.read`` and checks every one of them (ids, required
fields, dates, numbers, links to other records of the file or of the programme, the models'
rules) before writing anything. With any problem it raises ``HsdsInputError`` listing them all,
each with its file, row and field, and nothing is written. Otherwise it writes in one
transaction and calls ``directory.services.services_refresh`` for the services it touched.

Idempotent on HSDS ids (our UUID primary keys; organisations by ``Organisation.hsds_id``): a
record is "unchanged" when what the export would write of it equals the file, so importing an
export changes nothing. The import adds and updates; it never deletes, and it never clears the
confidential mark of a location or phone (that is decided in the hub, not by a file).

Texts go into the import's language (``name_es`` for Spanish), leaving the other language as it
is. Taxonomies: the hub's reference taxonomies (the Essential Services Package, ``spotlight-hub``)
are matched by id, code or name and never changed by a file; other taxonomies and terms are
created or updated. Things the hub does not keep (contacts, funding, programs, metadata, some
columns) are left out and said so.
"""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from typing import Any

from django.core.exceptions import ValidationError
from django.db import DatabaseError, models, transaction
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from modeltranslation.translator import NotRegistered, translator
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from directory import models as m
from directory import reference
from directory.hsds import serialize as s
from directory.hsds.fields import (
    SPECIAL_COLUMNS,
    SPECS,
    CellError,
    Field,
    canonical,
    model_attr,
    parse_uuid,
    value_of,
)
from directory.hsds.tabular import TABLES, HsdsInputError, Problem, Row, Source
from directory.search import fold
from directory.services import services_refresh
from organisations.models import Organisation
from programmes.models import Area, Programme

REFERENCE_TAXONOMIES = (reference.ESP_CODE, reference.HUB_CODE)
MAX_PROBLEMS = 200
BATCH = 500

# Relations the comparison and the programme check follow, fetched with the records.
_RELATED: dict[str, tuple[str, ...]] = {
    "taxonomy_term": ("taxonomy",),
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
_RECORD = {
    "taxonomy": s.taxonomy_record,
    "taxonomy_term": s.taxonomy_term_record,
    "organization": s.organization_record,
    "service": s.service_record,
    "location": s.location_record,
    "service_at_location": s.service_at_location_record,
    "phone": s.phone_record,
    "schedule": s.schedule_record,
    "language": s.language_record,
    "address": s.address_record,
    "accessibility": s.accessibility_record,
    "service_area": s.service_area_record,
    "cost_option": s.cost_option_record,
    "required_document": s.required_document_record,
}
_GENERIC = (
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


@dataclass
class Plan:
    """What the import will do to one entity."""

    new: dict[Any, models.Model] = field(default_factory=dict)
    changed: dict[Any, models.Model] = field(default_factory=dict)
    attrs: set[str] = field(default_factory=set)  # fields changed on any updated record
    unchanged: set[Any] = field(default_factory=set)
    left_out: int = 0
    rows: dict[Any, Row] = field(default_factory=dict)


@dataclass
class ImportReport:
    counts: dict[str, dict[str, int]]
    warnings: list[Problem]
    notes: list[str]
    dry_run: bool


def hsds_import(
    *, programme: Programme, source: Source, language: str, dry_run: bool = False
) -> ImportReport:
    """Check the whole source, then write it into the programme (or, with ``dry_run``, roll back)."""
    language = s.content_language(language)
    with translation.override(language):
        importer = _Importer(programme, source, language)
        importer.prepare()
        importer.write(dry_run=dry_run)
        return importer.report(dry_run)


def _chunks(items: Iterable[Any], size: int = BATCH) -> Iterator[list[Any]]:
    batch: list[Any] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _programmes_of(obj: Any) -> set[int]:
    """The programmes a record belongs to, through what it is linked to (none: shared)."""
    if hasattr(obj, "programme_id"):
        return {obj.programme_id}
    found: set[int] = set()
    for name in ("service", "location", "service_at_location", "phone"):
        if getattr(obj, f"{name}_id", None):
            found |= _programmes_of(getattr(obj, name))
    return found


class _Importer:
    def __init__(self, programme: Programme, source: Source, language: str) -> None:
        self.programme = programme
        self.source = source
        self.language = language
        self.reader = s.Reader(language=language, confidential=True)
        self.problems: list[Problem] = []
        self.warnings: list[Problem] = []
        self.notes: list[str] = list(source.notes)
        self.plans = {table.entity: Plan() for table in TABLES}
        # Rows with their id and canonical cells, by entity.
        self.parsed: dict[str, list[tuple[Row, uuid.UUID, dict[str, str]]]] = {}
        self.existing: dict[str, dict[Any, Any]] = {}
        self.taxonomy_map: dict[uuid.UUID, uuid.UUID] = {}  # file id -> hub id
        self.term_map: dict[uuid.UUID, uuid.UUID] = {}
        self.org_pk: dict[uuid.UUID, int | None] = {}  # hsds id -> pk (None: created here)
        self.pending_orgs: dict[tuple[str, Any], uuid.UUID] = {}
        self.known: dict[str, set[uuid.UUID]] = {}
        self.links: set[tuple[uuid.UUID, uuid.UUID]] = set()  # new service-term links
        self.org_fields: dict[uuid.UUID, set[str]] = {}  # organisations whose fields change
        self.unlinked: set[int] = set()  # organisations to link to the programme

    # --- Problems -----------------------------------------------------------------------------

    def problem(self, row: Row, column: str, message: str) -> None:
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(Problem(row.file, row.row, column, message))

    def warn(self, row: Row, column: str, message: str) -> None:
        self.warnings.append(Problem(row.file, row.row, column, message))

    def stop_if_problems(self) -> None:
        if self.problems:
            raise HsdsInputError(self.problems)

    # --- Checking ----------------------------------------------------------------------------

    def prepare(self) -> None:
        self._note_columns()
        for table in TABLES:
            self._parse(table.entity, self.source.rows.get(table.entity, []))
        self.stop_if_problems()
        self._load_existing()
        self._resolve_known()
        self._taxonomies()
        self._terms()
        self._organisations()
        for entity in _GENERIC:
            self._records(entity)
        self._attributes()
        self._check_unique_places()
        self._validate()
        self.stop_if_problems()

    def _note_columns(self) -> None:
        for (file, entity), header in self.source.columns.items():
            # Columns with something in them: an export writes every HSDS column.
            columns = {
                column
                for row in self.source.rows.get(entity, [])
                if row.file == file
                for column, value in row.cells.items()
                if value.strip()
            } & set(header)
            spec = SPECS.get(entity)
            kept = {"id"} | SPECIAL_COLUMNS.get(entity, set())
            if spec is not None:
                kept |= {f.hsds for f in spec.fields}
            left = sorted(set(columns) - kept)
            if left:
                self.notes.append(
                    _("%(file)s: columns the hub does not keep, left out: %(columns)s.")
                    % {
                        "file": file if file.endswith(".csv") else f"{file} ({entity})",
                        "columns": ", ".join(left),
                    }
                )

    def _parse(self, entity: str, rows: list[Row]) -> None:
        spec = SPECS.get(entity)
        seen: dict[uuid.UUID, Row] = {}
        parsed = self.parsed.setdefault(entity, [])
        for row in rows:
            raw = row.cells.get("id", "").strip()
            if not raw:
                self.problem(row, "id", _("This field is required."))
                continue
            try:
                record_id = parse_uuid(raw)
            except CellError as error:
                self.problem(row, "id", str(error))
                continue
            if record_id in seen:
                self.problem(
                    row, "id", _("Row %(other)s has the same id.") % {"other": seen[record_id].row}
                )
                continue
            seen[record_id] = row
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
                    _("Link it to at least one of: %(fields)s.")
                    % {"fields": ", ".join(spec.owners)},
                )
            if entity == "location":
                self._check_coordinates(row, values)
            parsed.append((row, record_id, values))

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

    def _load_existing(self) -> None:
        for table in TABLES:
            entity = table.entity
            ids = [record_id for _row, record_id, _values in self.parsed.get(entity, [])]
            found: dict[Any, Any] = {}
            if entity == "organization":
                for batch in _chunks(ids):
                    found.update(
                        (org.hsds_id, org) for org in Organisation.objects.filter(hsds_id__in=batch)
                    )
            elif entity in SPECS:
                query = SPECS[entity].model.objects.select_related(*_RELATED.get(entity, ()))
                for batch in _chunks(ids):
                    found.update((obj.pk, obj) for obj in query.filter(pk__in=batch))
            self.existing[entity] = found

    def _in_programme(self, entity: str) -> models.QuerySet:
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

    def _resolve_known(self) -> None:
        """Which ids a link may name: rows of the file, and records of the programme."""
        referenced: dict[str, set[uuid.UUID]] = {}
        for entity, parsed in self.parsed.items():
            spec = SPECS.get(entity)
            for f in spec.fields if spec else ():
                if f.kind == "ref":
                    for _row, _id, values in parsed:
                        if values.get(f.hsds):
                            referenced.setdefault(f.ref, set()).add(uuid.UUID(values[f.hsds]))
            if entity == "attribute":
                for row, _id, _values in parsed:
                    for column, target in (
                        ("link_id", None),
                        ("taxonomy_term_id", "taxonomy_term"),
                    ):
                        try:
                            ref_id = parse_uuid(row.cells.get(column, ""))
                        except CellError:
                            continue
                        entity_name = target or row.cells.get("link_entity", "").strip()
                        if entity_name in ("service", "location", "phone", "taxonomy_term"):
                            referenced.setdefault(entity_name, set()).add(ref_id)
        for entity in ("service", "location", "service_at_location", "phone", "taxonomy_term"):
            in_file = {record_id for _row, record_id, _v in self.parsed.get(entity, [])}
            wanted = referenced.get(entity, set()) - in_file
            found: set[uuid.UUID] = set()
            for batch in _chunks(wanted):
                found |= set(
                    self._in_programme(entity).filter(pk__in=batch).values_list("pk", flat=True)
                )
            self.known[entity] = in_file | found
        in_file_orgs = {record_id for _row, record_id, _v in self.parsed.get("organization", [])}
        for record_id in in_file_orgs:
            org = self.existing["organization"].get(record_id)
            self.org_pk[record_id] = org.pk if org else None
        for batch in _chunks(referenced.get("organization", set()) - in_file_orgs):
            self.org_pk.update(
                Organisation.objects.filter(hsds_id__in=batch).values_list("hsds_id", "pk")
            )

    # --- Comparing and applying --------------------------------------------------------------

    def _apply(
        self, entity: str, obj: Any, row: Row, values: dict[str, str], *, is_new: bool
    ) -> set[str]:
        """Set the fields whose cells differ from what the hub would export; return those that
        really changed."""
        spec = SPECS[entity]
        current = {} if is_new else (_RECORD[entity](obj, self.reader) or {})
        changed: set[str] = set()
        for f in spec.fields:
            if f.hsds not in values:
                continue
            incoming = values[f.hsds]
            if not is_new:
                try:
                    before = canonical(f, s.cell(current.get(f.hsds)), spec.model)
                except CellError:
                    before = s.cell(current.get(f.hsds))
                if incoming == before:
                    continue
            if f.kind == "ref":
                self._set_reference(entity, obj, row, f, incoming, changed)
                continue
            attr = model_attr(f, self.language)
            value = value_of(f, incoming, spec.model)
            if getattr(obj, attr) != value:
                setattr(obj, attr, value)
                changed.add(attr)
        return changed

    def _set_reference(
        self, entity: str, obj: Any, row: Row, f: Field, incoming: str, changed: set[str]
    ) -> None:
        target = uuid.UUID(incoming) if incoming else None
        if f.ref == "organization":
            if target is not None and target not in self.org_pk:
                if f.soft:
                    self.warn(row, f.hsds, _("There is no organisation with this id; left empty."))
                    target = None
                else:
                    self.problem(
                        row,
                        f.hsds,
                        _("There is no organisation with this id in the file or the hub."),
                    )
                    return
            if target is None:
                if obj.organisation_id is not None:
                    obj.organisation_id = None
                    changed.add("organisation_id")
                return
            pk = self.org_pk[target]
            if pk is None or pk != obj.organisation_id:
                self.pending_orgs[(entity, obj.pk)] = target
                changed.add("organisation_id")
            return
        if target is not None and f.ref == "taxonomy_term":
            target = self.term_map.get(target, target)
        if target is not None and target not in self.known.get(f.ref, set()):
            if f.soft:
                self.warn(
                    row,
                    f.hsds,
                    _("There is no %(entity)s with this id; left empty.") % {"entity": f.ref},
                )
                target = None
            else:
                self.problem(
                    row,
                    f.hsds,
                    _(
                        "There is no %(entity)s with this id in the file or in programme %(programme)s."
                    )
                    % {"entity": f.ref, "programme": self.programme.code},
                )
                return
        if getattr(obj, f.attr) != target:
            setattr(obj, f.attr, target)
            changed.add(f.attr)

    def _plan(
        self, entity: str, record_id: Any, obj: Any, row: Row, changed: set[str], *, is_new: bool
    ) -> None:
        plan = self.plans[entity]
        plan.rows[record_id] = row
        if is_new:
            plan.new[record_id] = obj
        elif changed:
            plan.changed[record_id] = obj
            plan.attrs |= changed
        else:
            plan.unchanged.add(record_id)

    # --- Taxonomies and terms -----------------------------------------------------------------

    @cached_property
    def reference_taxonomies(self) -> dict[str, m.Taxonomy]:
        return {t.code: t for t in m.Taxonomy.objects.filter(code__in=REFERENCE_TAXONOMIES)}

    def _reference_named(self, name: str) -> m.Taxonomy | None:
        wanted = fold(name.strip())
        for taxonomy in self.reference_taxonomies.values():
            names = {
                taxonomy.code,
                taxonomy.name_en or "",
                taxonomy.name_es or "",
                taxonomy.name or "",
            }
            if wanted and wanted in {fold(n) for n in names}:
                return taxonomy
        return None

    def _new_taxonomy_code(self, name: str, taxonomy_id: uuid.UUID) -> str:
        base = slugify(name)[:40] or "taxonomy"
        taken = {t.code for t in self.plans["taxonomy"].new.values()}
        if base in taken or m.Taxonomy.objects.filter(code=base).exists():
            base = f"{base[:31]}-{taxonomy_id.hex[:8]}"
        return base

    def _taxonomies(self) -> None:
        plan = self.plans["taxonomy"]
        for row, record_id, values in self.parsed.get("taxonomy", []):
            existing = self.existing["taxonomy"].get(record_id)
            ref = existing if existing and existing.code in REFERENCE_TAXONOMIES else None
            ref = ref or (None if existing else self._reference_named(values.get("name", "")))
            if ref is not None:
                # The hub's reference data stays as the hub defines it.
                self.taxonomy_map[record_id] = ref.id
                plan.unchanged.add(record_id)
                continue
            self.taxonomy_map[record_id] = record_id
            if existing is None:
                obj = m.Taxonomy(
                    id=record_id, code=self._new_taxonomy_code(values["name"], record_id)
                )
                changed = self._apply("taxonomy", obj, row, values, is_new=True)
                self._plan("taxonomy", record_id, obj, row, changed, is_new=True)
            else:
                changed = self._apply("taxonomy", existing, row, values, is_new=False)
                self._plan("taxonomy", record_id, existing, row, changed, is_new=False)

    def _implicit_taxonomy(
        self, row: Row, taxonomy_id: uuid.UUID, name: str, column: str
    ) -> uuid.UUID:
        plan = self.plans["taxonomy"]
        if taxonomy_id not in plan.new:
            obj = m.Taxonomy(id=taxonomy_id, code=self._new_taxonomy_code(name, taxonomy_id))
            setattr(obj, f"name_{self.language}", name)
            plan.new[taxonomy_id] = obj
            plan.rows[taxonomy_id] = row
            self.warn(
                row,
                column,
                _("The taxonomy is not in the file; it is created as “%(name)s”.") % {"name": name},
            )
        return taxonomy_id

    def _term_taxonomy(self, row: Row) -> uuid.UUID | None:
        raw_id = row.cells.get("taxonomy_id", "").strip()
        name = row.cells.get("taxonomy", "").strip()
        if raw_id:
            try:
                taxonomy_id = parse_uuid(raw_id)
            except CellError as error:
                self.problem(row, "taxonomy_id", str(error))
                return None
            taxonomy_id = self.taxonomy_map.get(taxonomy_id, taxonomy_id)
            if (
                taxonomy_id in self.plans["taxonomy"].new
                or m.Taxonomy.objects.filter(pk=taxonomy_id).exists()
            ):
                return taxonomy_id
            ref = self._reference_named(name) if name else None
            if ref is not None:
                return ref.id
            return self._implicit_taxonomy(
                row, taxonomy_id, name or str(taxonomy_id), "taxonomy_id"
            )
        if name:
            ref = self._reference_named(name)
            if ref is not None:
                return ref.id
            same = m.Taxonomy.objects.filter(
                models.Q(code=slugify(name)) | models.Q(name=name)
            ).first()
            if same is not None:
                return same.id
            return self._implicit_taxonomy(
                row, reference.taxonomy_id(slugify(name) or name), name, "taxonomy"
            )
        self.problem(
            row,
            "taxonomy_id",
            _("Say which taxonomy the term belongs to: taxonomy_id or taxonomy."),
        )
        return None

    def _terms(self) -> None:
        plan = self.plans["taxonomy_term"]
        references = {t.id: t for t in self.reference_taxonomies.values()}
        parsed = self.parsed.get("taxonomy_term", [])
        taxonomies = {record_id: self._term_taxonomy(row) for row, record_id, _values in parsed}
        reference_terms = {
            (term.taxonomy_id, term.code): term
            for term in m.TaxonomyTerm.objects.filter(taxonomy__in=list(references))
        }
        # First the terms that name the hub's reference terms, so that links to them resolve.
        for row, record_id, values in parsed:
            taxonomy_id = taxonomies[record_id]
            existing = self.existing["taxonomy_term"].get(record_id)
            if existing is not None and existing.taxonomy_id in references:
                taxonomy_id = existing.taxonomy_id
            if taxonomy_id not in references:
                continue
            term = existing if existing and existing.taxonomy_id == taxonomy_id else None
            term = term or reference_terms.get((taxonomy_id, values.get("code", "")))
            if term is None:
                self.problem(
                    row,
                    "code",
                    _("The taxonomy “%(taxonomy)s” has no term with the code “%(code)s”.")
                    % {"taxonomy": references[taxonomy_id].code, "code": values.get("code", "")},
                )
                continue
            self.term_map[record_id] = term.id
            plan.unchanged.add(record_id)
        self.known["taxonomy_term"] = {self.term_map.get(i, i) for i in self.known["taxonomy_term"]}
        for row, record_id, values in parsed:
            taxonomy_id = taxonomies[record_id]
            if record_id in self.term_map or taxonomy_id is None or taxonomy_id in references:
                continue
            existing = self.existing["taxonomy_term"].get(record_id)
            obj = existing or m.TaxonomyTerm(id=record_id)
            if not values.get("code"):
                values.pop("code", None)  # none given: keep the code, or use the id
                if existing is None:
                    obj.code = str(record_id)
            changed = self._apply("taxonomy_term", obj, row, values, is_new=existing is None)
            if obj.taxonomy_id != taxonomy_id:
                obj.taxonomy_id = taxonomy_id
                changed.add("taxonomy_id")
            self._plan("taxonomy_term", record_id, obj, row, changed, is_new=existing is None)
        # A code once in a taxonomy.
        planned = {**plan.new, **plan.changed}
        codes: dict[tuple[Any, str], uuid.UUID] = {}
        for term in m.TaxonomyTerm.objects.filter(
            taxonomy_id__in={t.taxonomy_id for t in planned.values()},
            code__in={t.code for t in planned.values()},
        ).exclude(pk__in=list(planned)):
            codes[(term.taxonomy_id, term.code)] = term.id
        for record_id, term in planned.items():
            other = codes.setdefault((term.taxonomy_id, term.code), record_id)
            if other != record_id:
                self.problem(
                    plan.rows[record_id],
                    "code",
                    _("This taxonomy already has a term with this code."),
                )

    # --- Organisations ----------------------------------------------------------------------

    def _organisations(self) -> None:
        wanted = {record_id for _r, record_id, _v in self.parsed.get("organization", [])}
        for _row, _id, values in self.parsed.get("service", []):
            if values.get("organization_id"):
                wanted.add(uuid.UUID(values["organization_id"]))
        existing_pks = [pk for hsds_id, pk in self.org_pk.items() if hsds_id in wanted and pk]
        linked = set(
            Organisation.programmes.through.objects.filter(
                programme=self.programme, organisation_id__in=existing_pks
            ).values_list("organisation_id", flat=True)
        )
        self.unlinked = {pk for pk in existing_pks if pk not in linked}
        for row, record_id, values in self.parsed.get("organization", []):
            existing = self.existing["organization"].get(record_id)
            if existing is None:
                obj = Organisation(hsds_id=record_id, type=Organisation.Type.CIVIL_SOCIETY)
                changed = self._apply("organization", obj, row, values, is_new=True)
                self._plan("organization", record_id, obj, row, changed, is_new=True)
                continue
            changed = self._apply("organization", existing, row, values, is_new=False)
            if changed:
                self.org_fields[record_id] = changed
            if existing.pk in self.unlinked:
                changed = changed | {"programmes"}
            self._plan("organization", record_id, existing, row, changed, is_new=False)

    # --- Services, locations and what hangs from them ---------------------------------------

    @cached_property
    def areas(self) -> dict[str, int]:
        """The programme's communities by code and by name in either language, folded."""
        names: dict[str, int] = {}
        for area in Area.objects.filter(programme=self.programme):
            for name in (area.code, area.name_en, area.name_es):
                if name:
                    names.setdefault(fold(name.strip()), area.pk)
        return names

    def _records(self, entity: str) -> None:
        spec = SPECS[entity]
        for row, record_id, values in self.parsed.get(entity, []):
            existing = self.existing[entity].get(record_id)
            if existing is not None and self.programme.pk not in (
                _programmes_of(existing) or {self.programme.pk}
            ):
                self.problem(row, "id", _("This id belongs to a record of another programme."))
                continue
            obj = existing or spec.model(id=record_id)
            if existing is None and hasattr(obj, "programme_id"):
                obj.programme_id = self.programme.pk
            changed = self._apply(entity, obj, row, values, is_new=existing is None)
            if entity == "service_area" and "name" in values and (existing is None or changed):
                area_id = self.areas.get(fold(values["name"]))
                if area_id != obj.area_id:
                    obj.area_id = area_id
                    changed.add("area_id")
            self._plan(entity, record_id, obj, row, changed, is_new=existing is None)

    # --- Attributes ---------------------------------------------------------------------------

    def _flaggable(self, entity: str, record_id: uuid.UUID) -> Any:
        plan = self.plans[entity]
        obj = plan.new.get(record_id) or plan.changed.get(record_id)
        if obj is None:
            obj = self.existing[entity].get(record_id)
        if obj is None:
            obj = self._in_programme(entity).filter(pk=record_id).first()
        return obj

    def _attributes(self) -> None:
        plan = self.plans["attribute"]
        kept_entities = {"service", "location", "phone"}
        left_out: Counter[str] = Counter()
        service_terms: list[tuple[Row, uuid.UUID, uuid.UUID, uuid.UUID]] = []
        for row, record_id, _values in self.parsed.get("attribute", []):
            link_entity = row.cells.get("link_entity", "").strip()
            if link_entity not in kept_entities:
                left_out[link_entity or "—"] += 1
                continue
            try:
                link_id = parse_uuid(row.cells.get("link_id", ""))
            except CellError as error:
                self.problem(row, "link_id", str(error))
                continue
            try:
                term = parse_uuid(row.cells.get("taxonomy_term_id", ""))
            except CellError as error:
                self.problem(row, "taxonomy_term_id", str(error))
                continue
            term = self.term_map.get(term, term)
            if term not in self.known["taxonomy_term"]:
                self.problem(
                    row,
                    "taxonomy_term_id",
                    _("There is no taxonomy term with this id in the file or the hub."),
                )
                continue
            if link_id not in self.known.get(link_entity, set()):
                self.problem(
                    row,
                    "link_id",
                    _(
                        "There is no %(entity)s with this id in the file or in programme %(programme)s."
                    )
                    % {"entity": link_entity, "programme": self.programme.code},
                )
                continue
            if link_entity == "service" and term != s.CONFIDENTIAL_TERM_ID:
                service_terms.append((row, record_id, link_id, term))
            elif link_entity != "service" and term == s.CONFIDENTIAL_TERM_ID:
                self._flag(row, record_id, link_entity, link_id)
            else:
                left_out[f"{link_entity}"] += 1
        existing_links: set[tuple[Any, Any]] = set()
        pairs = [(service, term) for _r, _i, service, term in service_terms]
        for batch in _chunks(pairs):
            existing_links |= set(
                m.Service.terms.through.objects.filter(
                    service_id__in={p[0] for p in batch}, taxonomyterm_id__in={p[1] for p in batch}
                ).values_list("service_id", "taxonomyterm_id")
            )
        for row, record_id, service, term in service_terms:
            plan.rows[record_id] = row
            if (service, term) in existing_links or (service, term) in self.links:
                plan.unchanged.add(record_id)
            else:
                self.links.add((service, term))
                plan.new[record_id] = None  # type: ignore[assignment]
        if left_out:
            plan.left_out = sum(left_out.values())
            self.notes.append(
                _(
                    "attributes: %(count)s rows left out: the hub keeps the terms of services and "
                    "the confidential mark of locations and phones (link_entity: %(entities)s)."
                )
                % {"count": plan.left_out, "entities": ", ".join(sorted(left_out))}
            )

    def _flag(self, row: Row, record_id: uuid.UUID, entity: str, link_id: uuid.UUID) -> None:
        """A confidential location or private phone: set the mark (an import never clears it)."""
        plan = self.plans["attribute"]
        plan.rows[record_id] = row
        obj = self._flaggable(entity, link_id)
        attr = "is_confidential" if entity == "location" else "is_private"
        if obj is None or getattr(obj, attr):
            plan.unchanged.add(record_id)
            return
        setattr(obj, attr, True)
        plan.new[record_id] = None  # type: ignore[assignment]
        target = self.plans[entity]
        if link_id not in target.new:
            target.unchanged.discard(link_id)
            target.changed[link_id] = obj
            target.attrs.add(attr)
            target.rows.setdefault(link_id, row)

    # --- Model rules --------------------------------------------------------------------------

    def _check_unique_places(self) -> None:
        plan = self.plans["service_at_location"]
        planned = {**plan.new, **plan.changed}
        pairs: dict[tuple[Any, Any], Any] = {}
        for batch in _chunks(list(planned.values())):
            for sal_id, service_id, location_id in (
                m.ServiceAtLocation.objects.filter(
                    service_id__in={sal.service_id for sal in batch},
                    location_id__in={sal.location_id for sal in batch},
                )
                .exclude(pk__in=list(planned))
                .values_list("pk", "service_id", "location_id")
            ):
                pairs[(service_id, location_id)] = sal_id
        for record_id, sal in planned.items():
            other = pairs.setdefault((sal.service_id, sal.location_id), record_id)
            if other != record_id:
                self.problem(
                    plan.rows[record_id],
                    "location_id",
                    _("This service is already offered at this location."),
                )

    def _column(self, entity: str, attr: str) -> str:
        spec = SPECS.get(entity)
        for f in spec.fields if spec else ():
            if attr in (f.attr, model_attr(f, self.language)):
                return f.hsds
        return attr

    def _validate(self) -> None:
        for table in TABLES:
            entity = table.entity
            if entity not in SPECS:
                continue
            plan = self.plans[entity]
            model = SPECS[entity].model
            exclude = [
                f.name
                for f in model._meta.get_fields()
                if f.is_relation or f.name in ("id", "hsds_id")
            ]
            # Rules on links are checked above, against the file as well; the others are
            # asked of the database only for a record that has a value they constrain.
            checks = [
                (check, fields)
                for check in model._meta.constraints
                if isinstance(check, models.CheckConstraint)
                and not (fields := _fields_of(check.condition)) & set(exclude)
            ]
            for record_id, obj in {**plan.new, **plan.changed}.items():
                row = plan.rows[record_id]
                try:
                    obj.clean_fields(exclude=exclude)
                    obj.clean()
                    for check, fields in checks:
                        if any(getattr(obj, name, None) is not None for name in fields):
                            check.validate(model, obj)
                except ValidationError as error:
                    if hasattr(error, "error_dict"):
                        for attr, messages in error.message_dict.items():
                            column = "" if attr == "__all__" else self._column(entity, attr)
                            for message in messages:
                                self.problem(row, column, message)
                    else:
                        for message in error.messages:
                            self.problem(row, "", message)

    # --- Writing ------------------------------------------------------------------------------

    def write(self, *, dry_run: bool) -> None:
        try:
            with transaction.atomic():
                self._write()
                if dry_run:
                    transaction.set_rollback(True)
        except DatabaseError as error:
            raise HsdsInputError(
                [
                    Problem(
                        self.source.name,
                        message=_(
                            "The database refused the import, and nothing was written: %(error)s"
                        )
                        % {"error": error},
                    )
                ]
            ) from error

    def _save(self, entity: str) -> None:
        plan = self.plans[entity]
        model = SPECS[entity].model
        tracked = getattr(model._meta, "simple_history_manager_attribute", None)
        reason = _("HSDS import")
        new = list(plan.new.values())
        if entity == "taxonomy_term":
            new.sort(key=lambda term: self._depth(term, plan.new))
        if new:
            if tracked:
                bulk_create_with_history(new, model, batch_size=BATCH, default_change_reason=reason)
            else:
                model.objects.bulk_create(new, batch_size=BATCH)
        changed = list(plan.changed.values())
        if changed:
            now = timezone.now()
            for obj in changed:
                obj.updated_at = now
            fields = set(plan.attrs) | {"updated_at"}
            for attr in list(fields):
                base = attr.rsplit("_", 1)[0]
                if attr.endswith(f"_{self.language}") and _is_translated(model, base):
                    fields.add(base)
            if tracked:
                bulk_update_with_history(
                    changed, model, sorted(fields), batch_size=BATCH, default_change_reason=reason
                )
            else:
                model.objects.bulk_update(changed, sorted(fields), batch_size=BATCH)

    def _depth(self, term: m.TaxonomyTerm, new: dict[Any, Any]) -> int:
        depth = 0
        while term.parent_id in new and depth < 50:
            term = new[term.parent_id]
            depth += 1
        return depth

    def _write(self) -> None:
        self._save("taxonomy")
        self._save("taxonomy_term")
        plan = self.plans["organization"]
        for obj in plan.new.values():
            obj.save()
            self.org_pk[obj.hsds_id] = obj.pk
        for record_id, obj in plan.changed.items():
            if record_id in self.org_fields:
                obj.updated_at = timezone.now()
                obj.save()
        # Through the relation, so that the organisation's history records the new programme.
        to_link = {self.org_pk[hsds_id] for hsds_id in plan.new} | self.unlinked
        for organisation in Organisation.objects.filter(pk__in=to_link):
            organisation.programmes.add(self.programme)
        for (entity, record_id), hsds_id in self.pending_orgs.items():
            obj = self.plans[entity].new.get(record_id) or self.plans[entity].changed.get(record_id)
            obj.organisation_id = self.org_pk[hsds_id]
        for entity in _GENERIC:
            self._save(entity)
        m.Service.terms.through.objects.bulk_create(
            [m.Service.terms.through(service_id=sv, taxonomyterm_id=t) for sv, t in self.links],
            batch_size=BATCH,
            ignore_conflicts=True,
        )
        services_refresh(self._touched_services())

    def _touched_services(self) -> set[Any]:
        services: set[Any] = set()
        locations: set[Any] = set()
        sals: set[Any] = set()
        for entity in _GENERIC:
            plan = self.plans[entity]
            for obj in [*plan.new.values(), *plan.changed.values()]:
                if entity == "service":
                    services.add(obj.pk)
                if entity == "location":
                    locations.add(obj.pk)
                if getattr(obj, "service_id", None):
                    services.add(obj.service_id)
                if getattr(obj, "location_id", None):
                    locations.add(obj.location_id)
                if getattr(obj, "service_at_location_id", None):
                    sals.add(obj.service_at_location_id)
        services |= {service for service, _term in self.links}
        for batch in _chunks(locations):
            services |= set(
                m.ServiceAtLocation.objects.filter(location_id__in=batch).values_list(
                    "service_id", flat=True
                )
            )
        for batch in _chunks(sals):
            services |= set(
                m.ServiceAtLocation.objects.filter(pk__in=batch).values_list(
                    "service_id", flat=True
                )
            )
        return services

    def report(self, dry_run: bool) -> ImportReport:
        counts = {}
        for table in TABLES:
            plan = self.plans[table.entity]
            counts[table.entity] = {
                "created": len(plan.new),
                "updated": len(plan.changed),
                "unchanged": len(plan.unchanged),
                "left_out": plan.left_out,
            }
        return ImportReport(
            counts=counts, warnings=self.warnings, notes=self.notes, dry_run=dry_run
        )


def _fields_of(condition: Any) -> set[str]:
    """The model fields a constraint's condition names."""
    if isinstance(condition, models.Q):
        return set().union(*(_fields_of(child) for child in condition.children))
    if isinstance(condition, tuple):
        return {condition[0].split("__")[0]} | _fields_of(condition[1])
    if isinstance(condition, models.F):
        return {condition.name.split("__")[0]}
    return set()


def _is_translated(model: type[models.Model], name: str) -> bool:
    try:
        return name in translator.get_options_for_model(model).fields
    except NotRegistered:
        return False
