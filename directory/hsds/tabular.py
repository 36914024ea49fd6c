"""The tabular form of HSDS 3.0: one CSV file per entity, with a ``datapackage.json``.

Reading turns a directory or zip of CSV files, or a JSON file of nested HSDS services, into the
same rows (``Source``), which ``directory.hsds.importer`` validates and writes. Writing exports a
programme's directory, through ``directory.hsds.serialize``, as the files the import reads.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import zipfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from django.db.models import Model, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from core.models import Visibility
from directory import models as m
from directory.hsds import HSDS_VERSION
from directory.hsds import serialize as s
from organisations.models import Organisation
from programmes.models import Programme

# --- The tables -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    """One column of an HSDS table, as the HSDS 3.0 schema defines it."""

    name: str
    type: str = "string"  # datapackage type: string, number, date, time, datetime
    format: str = ""  # uuid, uri, email
    required: bool = False
    enum: tuple[str, ...] = ()


C = Column


@dataclass(frozen=True)
class Table:
    entity: str
    path: str
    columns: tuple[Column, ...]

    @property
    def names(self) -> list[str]:
        return [column.name for column in self.columns]


# The tables the hub reads and writes, in the order they are imported (what is linked to comes
# first). Columns as in the HSDS 3.0 schemas; directory/tests checks them against the schemas.
TABLES = (
    Table("taxonomy", "taxonomies.csv", (
        C("id", format="uuid", required=True),
        C("name", required=True),
        C("description", required=True),
        C("uri", format="uri"),
        C("version"),
    )),
    Table("taxonomy_term", "taxonomy_terms.csv", (
        C("id", format="uuid", required=True),
        C("code"),
        C("name", required=True),
        C("description", required=True),
        C("parent_id", format="uuid"),
        C("taxonomy"),
        C("language"),
        C("taxonomy_id", format="uuid"),
        C("term_uri", format="uri"),
    )),
    Table("organization", "organizations.csv", (
        C("id", format="uuid", required=True),
        C("name", required=True),
        C("alternate_name"),
        C("description", required=True),
        C("email", format="email"),
        C("website", format="uri"),
        C("tax_status"),
        C("tax_id"),
        C("year_incorporated", type="number"),
        C("legal_status"),
        C("logo"),
        C("uri", format="uri"),
        C("parent_organization_id", format="uuid"),
    )),
    Table("service", "services.csv", (
        C("id", format="uuid", required=True),
        C("organization_id", format="uuid", required=True),
        C("program_id", format="uuid"),
        C("name", required=True),
        C("alternate_name"),
        C("description"),
        C("url", format="uri"),
        C("email", format="email"),
        C("status", required=True, enum=("active", "inactive", "defunct", "temporarily closed")),
        C("interpretation_services"),
        C("application_process"),
        C("fees_description"),
        C("wait_time"),
        C("fees"),
        C("accreditations"),
        C("eligibility_description"),
        C("minimum_age", type="number"),
        C("maximum_age", type="number"),
        C("assured_date", type="date"),
        C("assurer_email", format="email"),
        C("licenses"),
        C("alert"),
        C("last_modified", type="datetime"),
    )),
    Table("location", "locations.csv", (
        C("id", format="uuid", required=True),
        C("location_type", required=True, enum=("physical", "postal", "virtual")),
        C("url", format="uri"),
        C("organization_id", format="uuid"),
        C("name"),
        C("alternate_name"),
        C("description"),
        C("transportation"),
        C("latitude", type="number"),
        C("longitude", type="number"),
        C("external_identifier"),
        C("external_identifier_type"),
    )),
    Table("service_at_location", "service_at_location.csv", (
        C("id", format="uuid", required=True),
        C("service_id", format="uuid", required=True),
        C("location_id", format="uuid", required=True),
        C("description"),
    )),
    Table("phone", "phones.csv", (
        C("id", format="uuid", required=True),
        C("location_id", format="uuid"),
        C("service_id", format="uuid"),
        C("organization_id", format="uuid"),
        C("contact_id", format="uuid"),
        C("service_at_location_id", format="uuid"),
        C("number", required=True),
        C("extension", type="number"),
        C("type"),
        C("description"),
    )),
    Table("schedule", "schedules.csv", (
        C("id", format="uuid", required=True),
        C("service_id", format="uuid"),
        C("location_id", format="uuid"),
        C("service_at_location_id", format="uuid"),
        C("valid_from", type="date"),
        C("valid_to", type="date"),
        C("dtstart", type="date"),
        C("timezone", type="number"),
        C("until", type="date"),
        C("count", type="number"),
        C("wkst", enum=("MO", "TU", "WE", "TH", "FR", "SA", "SU")),
        C("freq", enum=("WEEKLY", "MONTHLY")),
        C("interval", type="number"),
        C("byday"),
        C("byweekno"),
        C("bymonthday"),
        C("byyearday"),
        C("description"),
        C("opens_at", type="time"),
        C("closes_at", type="time"),
        C("schedule_link", format="uri"),
        C("attending_type"),
        C("notes"),
    )),
    Table("language", "languages.csv", (
        C("id", format="uuid", required=True),
        C("service_id", format="uuid"),
        C("location_id", format="uuid"),
        C("phone_id", format="uuid"),
        C("name"),
        C("code"),
        C("note"),
    )),
    Table("address", "addresses.csv", (
        C("id", format="uuid", required=True),
        C("location_id", format="uuid"),
        C("attention"),
        C("address_1", required=True),
        C("address_2"),
        C("city", required=True),
        C("region"),
        C("state_province", required=True),
        C("postal_code", required=True),
        C("country", required=True),
        C("address_type", required=True, enum=("physical", "postal", "virtual")),
    )),
    Table("accessibility", "accessibility.csv", (
        C("id", format="uuid", required=True),
        C("location_id", format="uuid"),
        C("description"),
        C("details"),
        C("url", format="uri"),
    )),
    Table("service_area", "service_areas.csv", (
        C("id", format="uuid", required=True),
        C("service_id", format="uuid"),
        C("name"),
        C("description"),
        C("extent"),
        C("extent_type"),
        C("uri"),
    )),
    Table("cost_option", "cost_options.csv", (
        C("id", format="uuid", required=True),
        C("service_id", format="uuid", required=True),
        C("valid_from", type="date"),
        C("valid_to", type="date"),
        C("option"),
        C("currency"),
        C("amount", type="number"),
        C("amount_description"),
    )),
    Table("required_document", "required_documents.csv", (
        C("id", format="uuid", required=True),
        C("service_id", format="uuid"),
        C("document"),
        C("uri", format="uri"),
    )),
    Table("attribute", "attributes.csv", (
        C("id", format="uuid", required=True),
        C("link_id", format="uuid", required=True),
        C("taxonomy_term_id", format="uuid", required=True),
        C("link_type"),
        C("link_entity", required=True),
        C("value"),
    )),
)  # fmt: skip
TABLE = {table.entity: table for table in TABLES}
TABLE_BY_PATH = {table.path: table for table in TABLES}

# HSDS tables the hub keeps nothing of; their rows are counted and left out.
OTHER_TABLES = {
    "contacts.csv",
    "funding.csv",
    "programs.csv",
    "organization_identifiers.csv",
    "metadata.csv",
    "meta_table_descriptions.csv",
}

# Columns HSDS requires that our export may leave empty (the hub keeps no such value, or the
# country has none, as Jamaica has no postal codes): not declared required in datapackage.json.
MAY_BE_EMPTY = {
    ("organization", "description"),
    ("taxonomy", "description"),
    ("taxonomy_term", "description"),
    ("address", "postal_code"),
}

# What each record function of ``serialize`` follows, fetched with the rows.
RELATED: dict[str, tuple[str, ...]] = {
    "taxonomy_term": ("taxonomy",),
    "service": ("organisation",),
    "location": ("organisation",),
    "service_at_location": ("location",),
    "phone": ("organisation", "location", "service_at_location__location"),
    "schedule": ("location", "service_at_location__location"),
    "language": ("location", "phone__location", "phone__service_at_location__location"),
    "address": ("location",),
    "accessibility": ("location",),
    "service_area": ("area",),
}


# --- Reading ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Problem:
    """Something wrong in the input, said where it is: file, row and field."""

    file: str
    row: str = ""
    field: str = ""
    message: str = ""

    def __str__(self) -> str:
        if self.row.startswith("$"):  # a place in a JSON file
            if self.field:
                return _("%(file)s, %(row)s, %(field)s: %(message)s") % self.__dict__
            return _("%(file)s, %(row)s: %(message)s") % self.__dict__
        if self.row and self.field:
            return _("%(file)s, row %(row)s, %(field)s: %(message)s") % self.__dict__
        if self.row:
            return _("%(file)s, row %(row)s: %(message)s") % self.__dict__
        return _("%(file)s: %(message)s") % self.__dict__


class HsdsInputError(Exception):
    """The input cannot be read or imported; nothing was written."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(problem) for problem in problems))
        self.problems = problems


@dataclass(slots=True)
class Row:
    entity: str
    file: str
    row: str  # the row number in a CSV file (the header is row 1), a path in a JSON file
    cells: dict[str, str]
    problem: str = ""  # a row that cannot be read as cells (the cells are then empty)


# Opens one file of the input, as bytes.
Opener = Callable[[], AbstractContextManager[IO[bytes]]]


@dataclass
class Source:
    """An HSDS input: its rows by entity, read as they are asked for, with what the reader
    noticed and left out.

    The rows of a CSV file are read from the file each time ``rows`` is called, never held all
    at once: an import of a large directory goes through them table by table.
    """

    name: str
    columns: dict[tuple[str, str], list[str]] = field(default_factory=dict)  # (file, entity)
    notes: list[str] = field(default_factory=list)
    tables: dict[str, list[Callable[[], Iterator[Row]]]] = field(default_factory=dict)

    def rows(self, entity: str) -> Iterator[Row]:
        for open_rows in self.tables.get(entity, []):
            yield from open_rows()


def read(path: Path) -> Source:
    """Read a directory or zip of HSDS CSV files, or a JSON file of HSDS services.

    The headers of CSV files are checked here; their rows are read when the import asks for them.
    """
    if path.is_dir():
        files: dict[str, Opener] = {
            p.name: (lambda p=p: p.open("rb")) for p in sorted(path.iterdir()) if p.is_file()
        }
        return _read_tabular(path.name, files)
    if not path.exists():
        raise HsdsInputError([Problem(str(path), message=_("There is no such file or folder."))])
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            files = {}
            for info in archive.infolist():
                name = Path(info.filename).name
                if info.is_dir() or not name:
                    continue
                if name in files:
                    raise HsdsInputError(
                        [
                            Problem(
                                path.name,
                                message=_("The zip holds %(name)s twice.") % {"name": name},
                            )
                        ]
                    )
                files[name] = lambda info=info: _zip_member(path, info)
        return _read_tabular(path.name, files)
    if path.suffix.lower() == ".json":
        return _read_json(path.name, path.read_bytes())
    raise HsdsInputError(
        [
            Problem(
                path.name,
                message=_(
                    "Give a folder or zip of HSDS CSV files, or a JSON file of HSDS services."
                ),
            )
        ]
    )


@contextmanager
def _zip_member(path: Path, info: zipfile.ZipInfo) -> Iterator[IO[bytes]]:
    with zipfile.ZipFile(path) as archive, archive.open(info) as handle:
        yield handle


def _not_utf8(file: str, at: int) -> HsdsInputError:
    return HsdsInputError(
        [Problem(file, message=_("The file is not UTF-8 text (byte %(at)s).") % {"at": at})]
    )


def _text(file: str, data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise _not_utf8(file, error.start) from error


def _lines(file: str, handle: IO[bytes]) -> Iterator[str]:
    """The lines of a UTF-8 file (a byte order mark is dropped), one at a time."""
    at = 0
    for raw in handle:
        line = raw
        if at == 0 and line.startswith(codecs.BOM_UTF8):
            line = line[len(codecs.BOM_UTF8) :]
        try:
            yield line.decode("utf-8")
        except UnicodeDecodeError as error:
            raise _not_utf8(file, at + len(raw) - len(line) + error.start) from error
        at += len(raw)


def _read_tabular(name: str, files: dict[str, Opener]) -> Source:
    source = Source(name=name)
    problems: list[Problem] = []
    for file_name, opener in files.items():
        table = TABLE_BY_PATH.get(file_name)
        if table is None:
            if file_name in OTHER_TABLES:
                source.notes.append(
                    _("%(file)s: the hub keeps no such records; left out.") % {"file": file_name}
                )
            elif file_name != "datapackage.json":
                source.notes.append(
                    _("%(file)s: not an HSDS 3.0 table; left out.") % {"file": file_name}
                )
            continue
        with opener() as handle:
            header = [name.strip() for name in next(csv.reader(_lines(file_name, handle)), [])]
        if "id" not in header:
            problems.append(Problem(file_name, "1", "id", _("The column is missing.")))
            continue
        source.columns[(file_name, table.entity)] = header
        source.tables.setdefault(table.entity, []).append(
            lambda file=file_name, entity=table.entity, opener=opener: _csv_rows(
                file, entity, opener
            )
        )
    if problems:
        raise HsdsInputError(problems)
    return source


def _csv_rows(file: str, entity: str, opener: Opener) -> Iterator[Row]:
    with opener() as handle:
        reader = csv.reader(_lines(file, handle))
        header = [name.strip() for name in next(reader, [])]
        for number, values in enumerate(reader, start=2):
            if not any(value.strip() for value in values):
                continue
            if len(values) != len(header):
                yield Row(
                    entity,
                    file,
                    str(number),
                    {},
                    _("The row has %(found)s cells; the header has %(expected)s.")
                    % {"found": len(values), "expected": len(header)},
                )
                continue
            yield Row(entity, file, str(number), dict(zip(header, values, strict=True)))


# How nested HSDS objects map to rows: key -> (entity, the column of the child naming its parent).
_MANY: dict[str, dict[str, tuple[str, str]]] = {
    "service": {
        "phones": ("phone", "service_id"),
        "schedules": ("schedule", "service_id"),
        "service_areas": ("service_area", "service_id"),
        "service_at_locations": ("service_at_location", "service_id"),
        "languages": ("language", "service_id"),
        "cost_options": ("cost_option", "service_id"),
        "required_documents": ("required_document", "service_id"),
    },
    "service_at_location": {
        "phones": ("phone", "service_at_location_id"),
        "schedules": ("schedule", "service_at_location_id"),
    },
    "location": {
        "addresses": ("address", "location_id"),
        "phones": ("phone", "location_id"),
        "schedules": ("schedule", "location_id"),
        "languages": ("language", "location_id"),
        "accessibility": ("accessibility", "location_id"),
    },
    "organization": {
        "phones": ("phone", "organization_id"),
        "locations": ("location", "organization_id"),
        "services": ("service", "organization_id"),
    },
    "phone": {"languages": ("language", "phone_id")},
}
# key -> (entity, the column of the parent naming the child)
_ONE: dict[str, dict[str, tuple[str, str]]] = {
    "service": {"organization": ("organization", "organization_id")},
    "service_at_location": {
        "location": ("location", "location_id"),
        "service": ("service", "service_id"),
    },
    "attribute": {"taxonomy_term": ("taxonomy_term", "taxonomy_term_id")},
    "taxonomy_term": {"taxonomy_detail": ("taxonomy", "taxonomy_id")},
}
_NOT_KEPT = {"contacts", "funding", "program", "programs", "organization_identifiers", "metadata"}


def _scalar(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


class _Flattener:
    def __init__(self, file: str) -> None:
        self.file = file
        self.by_id: dict[tuple[str, str], Row] = {}
        self.rows: dict[str, list[Row]] = {}
        self.keys: dict[str, set[str]] = {}
        self.left_out: dict[str, int] = {}
        self.problems: list[Problem] = []

    def add(self, entity: str, obj: Any, path: str, parent: dict[str, str]) -> str:
        """Add one object and what it nests; return its id."""
        if not isinstance(obj, dict):
            self.problems.append(Problem(self.file, path, message=_("Expected an object here.")))
            return ""
        cells: dict[str, str] = {}
        children: list[tuple[str, Any, str]] = []
        for key, value in obj.items():
            if key in _MANY.get(entity, {}) or key == "attributes":
                if not isinstance(value, list):
                    self.problems.append(Problem(self.file, path, key, _("Expected a list here.")))
                    continue
                for index, child in enumerate(value):
                    children.append((key, child, f"{path}.{key}[{index}]"))
            elif key in _ONE.get(entity, {}):
                child_entity, column = _ONE[entity][key]
                child_id = self.add(child_entity, value, f"{path}.{key}", {})
                if child_id and not str(obj.get(column) or ""):
                    cells[column] = child_id
            elif key in _NOT_KEPT or isinstance(value, dict | list):
                self.left_out[key] = self.left_out.get(key, 0) + 1
            else:
                cells[key] = _scalar(value)
        for column, value in parent.items():
            if not cells.get(column):
                cells[column] = value
            elif cells[column] != value and column != "link_entity":
                # (An attribute naming another entity is not an error: it is one the hub
                # does not keep, and the import says so.)
                self.problems.append(
                    Problem(
                        self.file,
                        path,
                        column,
                        _("This does not match where the object is nested."),
                    )
                )
        self.keys.setdefault(entity, set()).update(cells)
        own_id = cells.get("id", "")
        self._store(Row(entity, self.file, path, cells))
        for key, child, child_path in children:
            if key == "attributes":
                link = {"link_id": own_id, "link_entity": entity}
                self.add("attribute", child, child_path, link)
            else:
                child_entity, column = _MANY[entity][key]
                self.add(child_entity, child, child_path, {column: own_id})
        return own_id

    def _store(self, row: Row) -> None:
        key = (row.entity, row.cells.get("id", "").strip().lower())
        if not key[1]:
            self.rows.setdefault(row.entity, []).append(row)
            return
        earlier = self.by_id.get(key)
        if earlier is None:
            self.by_id[key] = row
            self.rows.setdefault(row.entity, []).append(row)
            return
        # The same record nested in several places (a phone under its service and its
        # location): one row, with the links of each place.
        for column, value in row.cells.items():
            if not earlier.cells.get(column):
                earlier.cells[column] = value
            elif value and value != earlier.cells[column]:
                self.problems.append(
                    Problem(
                        self.file,
                        row.row,
                        column,
                        _("The same record at %(other)s has another value here.")
                        % {"other": earlier.row},
                    )
                )


def _read_json(name: str, data: bytes) -> Source:
    try:
        document = json.loads(_text(name, data))
    except json.JSONDecodeError as error:
        raise HsdsInputError(
            [
                Problem(
                    name,
                    message=_("This is not JSON (line %(line)s, column %(column)s: %(error)s).")
                    % {"line": error.lineno, "column": error.colno, "error": error.msg},
                )
            ]
        ) from error
    if isinstance(document, dict) and isinstance(document.get("contents"), list):
        document = document["contents"]  # a page of the HSDS API
    items = document if isinstance(document, list) else [document]
    flattener = _Flattener(name)
    for index, item in enumerate(items):
        flattener.add("service", item, f"$[{index}]" if isinstance(document, list) else "$", {})
    if flattener.problems:
        raise HsdsInputError(flattener.problems)
    source = Source(name=name)
    for entity, rows in flattener.rows.items():
        source.tables[entity] = [lambda rows=rows: iter(rows)]
    for entity, keys in flattener.keys.items():
        source.columns[(name, entity)] = sorted(keys)
    for key, count in sorted(flattener.left_out.items()):
        source.notes.append(
            _("%(file)s: “%(key)s” (%(count)s) is not kept by the hub; left out.")
            % {"file": name, "key": key, "count": count}
        )
    return source


# --- Writing ----------------------------------------------------------------------------------


def _query(model: type[Model], entity: str, condition: Q) -> QuerySet:
    return model.objects.filter(condition).select_related(*RELATED.get(entity, ())).order_by("pk")


def _records(
    queryset: QuerySet, record: Callable[[Any, s.Reader], s.Record | None], reader: s.Reader
) -> Iterator[s.Record]:
    for obj in queryset.iterator(chunk_size=2000):
        rec = record(obj, reader)
        if rec is not None:
            yield rec


def export_records(programme: Programme, reader: s.Reader) -> dict[str, Iterable[s.Record]]:
    """The records of a programme's directory, table by table, as ``reader`` may see them.

    A reader who may see confidential records (``--include-confidential``) gets every service of
    the programme; otherwise only public ones, without confidential locations and private phones.
    Every row links only to rows of the same export, so the files stand on their own.
    """
    services = m.Service.objects.filter(programme=programme)
    if not reader.confidential:
        services = services.filter(visibility=Visibility.PUBLIC)
    used = m.ServiceAtLocation.objects.filter(service__in=services).values("location_id")
    locations = m.Location.objects.filter(programme=programme).filter(
        s.visible_locations_q(reader)
        & (Q(pk__in=used) | ~Q(pk__in=m.ServiceAtLocation.objects.values("location_id")))
    )
    sals = m.ServiceAtLocation.objects.filter(service__in=services, location__in=locations)
    organisations = Organisation.objects.filter(
        Q(pk__in=services.values("organisation_id")) | Q(pk__in=locations.values("organisation_id"))
    )

    def owned(**owners: QuerySet) -> Q:
        condition = Q()
        for name, exported in owners.items():
            condition &= Q(**{f"{name}__isnull": True}) | Q(**{f"{name}__in": exported})
        return condition

    phones = m.Phone.objects.filter(
        s.visible_phones_q(reader)
        & owned(
            service=services,
            location=locations,
            service_at_location=sals,
            organisation=organisations,
        )
    )
    links = (
        m.Service.terms.through.objects.filter(service__in=services)
        .order_by("service_id", "taxonomyterm_id")
        .values_list("service_id", "taxonomyterm_id")
    )
    term_ids = {term for _service, term in links}
    flagged_locations = list(
        locations.filter(is_confidential=True).order_by("pk").values_list("pk", flat=True)
    )
    flagged_phones = list(
        phones.filter(is_private=True).order_by("pk").values_list("pk", flat=True)
    )
    if reader.confidential and (flagged_locations or flagged_phones):
        term_ids.add(s.CONFIDENTIAL_TERM_ID)
    # With their broader terms, so that every parent_id names a row of the file.
    wanted = set(term_ids)
    while wanted:
        parents = set(
            m.TaxonomyTerm.objects.filter(pk__in=wanted, parent__isnull=False).values_list(
                "parent_id", flat=True
            )
        )
        wanted = parents - term_ids
        term_ids |= wanted
    terms = m.TaxonomyTerm.objects.filter(pk__in=term_ids)

    def attributes() -> Iterator[s.Record]:
        for service_id, term_id in links.iterator(chunk_size=5000):
            yield s.attribute_record("service", service_id, term_id)
        if reader.confidential:
            for location_id in flagged_locations:
                yield s.attribute_record("location", location_id, s.CONFIDENTIAL_TERM_ID)
            for phone_id in flagged_phones:
                yield s.attribute_record("phone", phone_id, s.CONFIDENTIAL_TERM_ID)

    return {
        "taxonomy": _records(
            _query(m.Taxonomy, "taxonomy", Q(pk__in=terms.values("taxonomy_id"))),
            s.taxonomy_record,
            reader,
        ),
        "taxonomy_term": _records(
            _query(m.TaxonomyTerm, "taxonomy_term", Q(pk__in=term_ids)),
            s.taxonomy_term_record,
            reader,
        ),
        "organization": _records(
            Organisation.objects.filter(pk__in=organisations.values("pk")).order_by("hsds_id"),
            s.organization_record,
            reader,
        ),
        "service": _records(
            _query(m.Service, "service", Q(pk__in=services.values("pk"))), s.service_record, reader
        ),
        "location": _records(
            _query(m.Location, "location", Q(pk__in=locations.values("pk"))),
            s.location_record,
            reader,
        ),
        "service_at_location": _records(
            _query(m.ServiceAtLocation, "service_at_location", Q(pk__in=sals.values("pk"))),
            s.service_at_location_record,
            reader,
        ),
        "phone": _records(
            _query(m.Phone, "phone", Q(pk__in=phones.values("pk"))), s.phone_record, reader
        ),
        "schedule": _records(
            _query(
                m.Schedule,
                "schedule",
                s.visible_schedules_q(reader)
                & owned(service=services, location=locations, service_at_location=sals),
            ),
            s.schedule_record,
            reader,
        ),
        "language": _records(
            _query(
                m.Language,
                "language",
                s.visible_languages_q(reader)
                & owned(service=services, location=locations, phone=phones),
            ),
            s.language_record,
            reader,
        ),
        "address": _records(
            _query(m.Address, "address", Q(location__in=locations)), s.address_record, reader
        ),
        "accessibility": _records(
            _query(m.Accessibility, "accessibility", Q(location__in=locations)),
            s.accessibility_record,
            reader,
        ),
        "service_area": _records(
            _query(m.ServiceArea, "service_area", Q(service__in=services)),
            s.service_area_record,
            reader,
        ),
        "cost_option": _records(
            _query(m.CostOption, "cost_option", Q(service__in=services)),
            s.cost_option_record,
            reader,
        ),
        "required_document": _records(
            _query(m.RequiredDocument, "required_document", Q(service__in=services)),
            s.required_document_record,
            reader,
        ),
        "attribute": attributes(),
    }


def _write_table(handle: IO[str], table: Table, records: Iterable[s.Record]) -> int:
    writer = csv.writer(handle, lineterminator="\n")
    writer.writerow(table.names)
    count = 0
    for record in records:
        writer.writerow([s.cell(record.get(name)) for name in table.names])
        count += 1
    return count


def export(
    *, programme: Programme, out: Path, include_confidential: bool, language: str
) -> dict[str, int]:
    """Write the programme's directory to ``out``, a folder or a ``.zip``; return rows per table."""
    reader = s.Reader(language=s.content_language(language), confidential=include_confidential)
    records = export_records(programme, reader)
    counts: dict[str, int] = {}
    if out.suffix.lower() == ".zip":
        out.parent.mkdir(parents=True, exist_ok=True)
        with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for table in TABLES:
                with (
                    archive.open(table.path, "w") as raw,
                    io.TextIOWrapper(raw, encoding="utf-8", newline="") as handle,
                ):
                    counts[table.entity] = _write_table(handle, table, records[table.entity])
            archive.writestr("datapackage.json", _json(datapackage(programme, reader)))
    else:
        out.mkdir(parents=True, exist_ok=True)
        for table in TABLES:
            with (out / table.path).open("w", encoding="utf-8", newline="") as handle:
                counts[table.entity] = _write_table(handle, table, records[table.entity])
        (out / "datapackage.json").write_text(
            _json(datapackage(programme, reader)), encoding="utf-8"
        )
    return counts


def _json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def datapackage(programme: Programme, reader: s.Reader) -> dict[str, Any]:
    """A Frictionless tabular data package describing the export, as HSDS publishes its own."""
    entities = set(TABLE)
    resources = []
    for table in TABLES:
        fields = []
        foreign_keys = []
        for column in table.columns:
            spec: dict[str, Any] = {"name": column.name, "type": column.type}
            if column.format:
                spec["format"] = column.format
            constraints: dict[str, Any] = {
                "required": column.required and (table.entity, column.name) not in MAY_BE_EMPTY
            }
            if column.name == "id":
                constraints["unique"] = True
            if column.enum:
                constraints["enum"] = list(column.enum)
            spec["constraints"] = constraints
            fields.append(spec)
            target = _REFERENCES.get(column.name)
            if table.entity == "taxonomy_term" and column.name == "parent_id":
                target = "taxonomy_term"
            if target in entities:
                foreign_keys.append(
                    {"fields": column.name, "reference": {"resource": target, "fields": "id"}}
                )
        resources.append(
            {
                "name": table.entity,
                "path": table.path,
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "profile": "tabular-data-resource",
                "schema": {"primaryKey": "id", "fields": fields, "foreignKeys": foreign_keys},
            }
        )
    return {
        "name": f"spotlight-hub-{programme.code.lower()}-directory",
        "title": _("Service directory of %(programme)s") % {"programme": programme.name},
        "description": _(
            "Open Referral HSDS %(version)s tabular export of the Spotlight Coordination Hub. "
            "Texts are in %(language)s, falling back to the other language when empty."
        )
        % {"version": HSDS_VERSION, "language": reader.language},
        "profile": "tabular-data-package",
        "created": timezone.now().replace(microsecond=0).isoformat(),
        "keywords": ["HSDS", f"HSDS {HSDS_VERSION}", "Open Referral"],
        "resources": resources,
    }


# Columns that name a row of another table.
_REFERENCES = {
    "organization_id": "organization",
    "service_id": "service",
    "location_id": "location",
    "service_at_location_id": "service_at_location",
    "phone_id": "phone",
    "taxonomy_id": "taxonomy",
    "taxonomy_term_id": "taxonomy_term",
}
