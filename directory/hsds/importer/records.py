"""One record: compare the file with what the hub would export of it, set what differs, check
it against the model's rules, and write records by chunks with their history."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from functools import cache
from operator import attrgetter
from typing import Any

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import DEFAULT_DB_ALIAS, connections, models
from django.utils import timezone
from django.utils.translation import gettext as _
from modeltranslation.translator import NotRegistered, translator
from simple_history.utils import bulk_create_with_history, get_history_manager_for_model

from directory.hsds import serialize as s
from directory.hsds.fields import SPECS, CellError, Field, canonical, model_attr, value_of
from directory.hsds.importer.base import CHUNK, Parsed, State
from directory.hsds.tabular import Row

BATCH = 500  # rows per INSERT or UPDATE statement

RECORD = {
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


def apply(
    state: State,
    entity: str,
    obj: Any,
    item: Parsed,
    *,
    is_new: bool,
    known: dict[str, set[uuid.UUID]] | None = None,
) -> set[str]:
    """Set the fields whose cells differ from what the hub would export; return those that
    really changed. ``known`` holds the ids a link may name, by entity."""
    spec = SPECS[entity]
    current = {} if is_new else (RECORD[entity](obj, state.reader) or {})
    changed: set[str] = set()
    for f in spec.fields:
        if f.hsds not in item.values:
            continue
        incoming = item.values[f.hsds]
        if not is_new:
            try:
                before = canonical(f, s.cell(current.get(f.hsds)), spec.model)
            except CellError:
                before = s.cell(current.get(f.hsds))
            if incoming == before:
                continue
        if f.kind == "ref":
            _set_reference(state, obj, item.row, f, incoming, changed, known or {})
            continue
        attr = model_attr(f, state.language)
        value = value_of(f, incoming, spec.model)
        if getattr(obj, attr) != value:
            setattr(obj, attr, value)
            changed.add(attr)
    return changed


def _set_reference(
    state: State,
    obj: Any,
    row: Row,
    f: Field,
    incoming: str,
    changed: set[str],
    known: dict[str, set[uuid.UUID]],
) -> None:
    target = uuid.UUID(incoming) if incoming else None
    if f.ref == "organization":
        if target is not None and target not in state.org_pk:
            if target in state.refused.get("organization", ()):
                state.refuse(row.entity, obj.pk)
                return
            if f.soft:
                state.warn(row, f.hsds, _("There is no organisation with this id; left empty."))
                target = None
            else:
                state.problem(
                    row, f.hsds, _("There is no organisation with this id in the file or the hub.")
                )
                return
        pk = state.org_pk[target] if target is not None else None
        if obj.organisation_id != pk:
            obj.organisation_id = pk
            changed.add("organisation_id")
        return
    if target is not None and f.ref == "taxonomy_term":
        target = state.term_map.get(target, target)
    if target is not None and target not in known.get(f.ref, ()):
        if target in state.refused.get(f.ref, ()):
            state.refuse(row.entity, obj.pk)  # said already, at the row it names
            return
        if f.soft:
            state.warn(
                row,
                f.hsds,
                _("There is no %(entity)s with this id; left empty.") % {"entity": f.ref},
            )
            target = None
        else:
            state.problem(
                row,
                f.hsds,
                _("There is no %(entity)s with this id in the file or in programme %(programme)s.")
                % {"entity": f.ref, "programme": state.programme.code},
            )
            return
    if getattr(obj, f.attr) != target:
        setattr(obj, f.attr, target)
        changed.add(f.attr)


def referenced(state: State, entity: str, items: list[Parsed]) -> dict[str, set[uuid.UUID]]:
    """The ids the links of these rows name that the hub holds (the file's own records of
    earlier tables are written already)."""
    wanted: dict[str, set[uuid.UUID]] = {}
    organisations: set[uuid.UUID] = set()
    for f in SPECS[entity].fields:
        if f.kind != "ref":
            continue
        for item in items:
            value = item.values.get(f.hsds)
            if not value:
                continue
            target = uuid.UUID(value)
            if f.ref == "organization":
                organisations.add(target)
            else:
                wanted.setdefault(f.ref, set()).add(state.term_map.get(target, target))
    state.organisations(organisations)
    return {ref: state.existing_ids(ref, ids) for ref, ids in wanted.items()}


# --- The model's rules ----------------------------------------------------------------------


@cache
def _model_field(model: type[models.Model], attr: str) -> models.Field | None:
    try:
        field = model._meta.get_field(attr)
    except FieldDoesNotExist:
        return None
    if field.is_relation or field.name in ("id", "hsds_id"):
        return None  # links are checked against the file and the hub above
    return field


@cache
def _checks(model: type[models.Model]) -> list[tuple[models.CheckConstraint, set[str]]]:
    """The model's check constraints on its own fields; those on links are checked above."""
    relations = {f.name for f in model._meta.get_fields() if f.is_relation}
    return [
        (check, fields)
        for check in model._meta.constraints
        if isinstance(check, models.CheckConstraint)
        and not (fields := _fields_of(check.condition)) & relations
    ]


def _fields_of(condition: Any) -> set[str]:
    """The model fields a constraint's condition names."""
    if isinstance(condition, models.Q):
        return set().union(*(_fields_of(child) for child in condition.children))
    if isinstance(condition, tuple):
        return {condition[0].split("__")[0]} | _fields_of(condition[1])
    if isinstance(condition, models.F):
        return {condition.name.split("__")[0]}
    return set()


def valid(state: State, entity: str, obj: Any, row: Row, changed: set[str]) -> bool:
    """Check what the import set against the model, as ``full_clean`` would, field by field:
    the fields it did not set are as the hub keeps them. Report what is wrong."""
    model = type(obj)
    errors: dict[str, list[str]] = {}
    for attr in changed:
        field = _model_field(model, attr)
        if field is None:
            continue
        raw = getattr(obj, field.attname)
        if field.blank and raw in field.empty_values:
            continue
        try:
            setattr(obj, field.attname, field.clean(raw, obj))
        except ValidationError as error:
            errors[field.name] = error.messages
    try:
        if type(obj).clean is not models.Model.clean:
            obj.clean()
        if not errors:
            # A check constraint is asked of the database only for a record that has a value
            # it constrains.
            for check, fields in _checks(model):
                if any(getattr(obj, name, None) is not None for name in fields):
                    check.validate(model, obj)
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            for attr, messages in error.message_dict.items():
                errors.setdefault(attr, []).extend(messages)
        else:
            errors.setdefault("__all__", []).extend(error.messages)
    for attr, messages in errors.items():
        column = "" if attr == "__all__" else _column(entity, attr, state.language)
        for message in messages:
            state.problem(row, column, message)
    return not errors


def _column(entity: str, attr: str, language: str) -> str:
    spec = SPECS.get(entity)
    for f in spec.fields if spec else ():
        if attr in (f.attr, model_attr(f, language)):
            return f.hsds
    return attr


# --- Writing --------------------------------------------------------------------------------


def save(
    state: State, model: type[models.Model], new: list[Any], changed: list[Any], attrs: set[str]
) -> None:
    """Write new and changed records with a history row each (when the model keeps one)."""
    tracked = getattr(model._meta, "simple_history_manager_attribute", None)
    reason = _("HSDS import")
    if new:
        if new[0].pk is None:
            # A key the database gives (organisations): Django's bulk insert returns it.
            if tracked:
                bulk_create_with_history(new, model, batch_size=BATCH, default_change_reason=reason)
            else:
                model.objects.bulk_create(new, batch_size=BATCH)
        else:
            rows = insert_rows(model, new)
            if tracked:
                insert_history(model, new, "+", reason, rows)
    if changed:
        now = timezone.now()
        for obj in changed:
            obj.updated_at = now
        fields = set(attrs) | {"updated_at"}
        for attr in list(fields):
            base = attr.rsplit("_", 1)[0]
            if attr.endswith(f"_{state.language}") and _is_translated(model, base):
                fields.add(base)
        model.objects.bulk_update(changed, sorted(fields), batch_size=BATCH)
        if tracked:
            insert_history(model, changed, "~", reason)


# Records and history rows go in as tuples with one executemany per table and chunk: Django's
# bulk insert and simple_history's bulk_history_create build a model instance and compile every
# value of every row, which took most of the time of a large import.


def insert_rows(model: type[models.Model], objs: list[Any]) -> list[tuple[Any, ...]]:
    """Insert new records as ``bulk_create`` would: every concrete field, its ``pre_save``
    value (the current language for a translated field's own column) prepared for the database;
    ``auto_now`` and ``auto_now_add`` fields get the same time, once. Records without a primary
    key (links) are numbered by the database, and not told their keys. Returns the rows
    written, in the order of ``_meta.concrete_fields``."""
    db = connections[DEFAULT_DB_ALIAS]
    fields = [
        field
        for field in model._meta.concrete_fields
        if not (field.primary_key and objs and objs[0].pk is None)  # a key the database gives
    ]
    now = timezone.now()
    stamped = [
        f for f in fields if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
    ]
    for obj in objs:
        for field in stamped:
            setattr(obj, field.attname, now)
        obj._state.adding = False
        obj._state.db = db.alias
    values = [_reader(field, stamped=field in stamped) for field in fields]
    prepare = [_preparer(field, db) for field in fields]
    columns = list(zip(values, prepare, strict=True))
    rows = [tuple(convert(read(obj)) for read, convert in columns) for obj in objs]
    _executemany(db, model, [field.column for field in fields], rows)
    return rows


def insert_history(
    model: type[models.Model],
    objs: list[Any],
    kind: str,
    reason: str,
    rows: list[tuple[Any, ...]] | None = None,
) -> None:
    """A history row for each record, as simple_history's ``bulk_history_create`` writes it:
    the record's tracked fields, the time, the reason, the kind of change ("+" or "~") and no
    user (a command has none). ``rows``: the records as ``insert_rows`` wrote them (with their
    keys, so every concrete field)."""
    if not getattr(settings, "SIMPLE_HISTORY_ENABLED", True):
        return
    db = connections[DEFAULT_DB_ALIAS]
    historical = get_history_manager_for_model(model).model
    given = {
        "history_date": timezone.now(),
        "history_change_reason": reason,
        "history_type": kind,
        "history_user": None,
    }
    fields = [field for field in historical._meta.concrete_fields if not field.primary_key]
    constants = {
        field.name: _preparer(field, db)(given[field.name])
        for field in fields
        if field.name in given
    }
    tracked = [field for field in fields if field.name not in given]
    if rows is None:
        prepare = [_preparer(field, db) for field in tracked]
        rows = [
            tuple(
                convert(getattr(obj, field.attname))
                for field, convert in zip(tracked, prepare, strict=True)
            )
            for obj in objs
        ]
        spot = {field.attname: i for i, field in enumerate(tracked)}
    else:
        spot = {field.attname: i for i, field in enumerate(model._meta.concrete_fields)}
    # For each column: the position of the record's value in a row, or the history's own value.
    pick = [
        (None, constants[field.name]) if field.name in constants else (spot[field.attname], None)
        for field in fields
    ]
    history = [tuple(value if i is None else row[i] for i, value in pick) for row in rows]
    _executemany(db, historical, [field.column for field in fields], history)


def _executemany(
    db: Any, model: type[models.Model], columns: list[str], rows: list[tuple[Any, ...]]
) -> None:
    quote = db.ops.quote_name
    # Table and column names come from the models; values go as parameters.
    sql = "INSERT INTO {} ({}) VALUES ({})".format(  # noqa: S608
        quote(model._meta.db_table),
        ", ".join(quote(column) for column in columns),
        ", ".join(["%s"] * len(columns)),
    )
    with db.cursor() as cursor:
        for start in range(0, len(rows), CHUNK):
            cursor.executemany(sql, rows[start : start + CHUNK])


def _reader(field: models.Field, *, stamped: bool) -> Callable[[Any], Any]:
    """What ``bulk_create`` reads of a record for this field: ``pre_save``, which for most
    fields is the attribute itself."""
    if stamped or type(field).pre_save is models.Field.pre_save:
        return attrgetter(field.attname)
    return lambda obj: field.pre_save(obj, True)


# The values ``get_db_prep_save`` returns as they are, by the field's own preparation.
_AS_IS = {
    models.CharField.get_prep_value: (str, type(None)),
    models.TextField.get_prep_value: (str, type(None)),
    models.BooleanField.get_prep_value: (bool, type(None)),
    models.IntegerField.get_prep_value: (int, type(None)),
}


def _preparer(field: models.Field, db: Any) -> Callable[[Any], Any]:
    """``field.get_db_prep_save`` for this database, with its result known in advance where
    that is safe: millions of values go through it in a large import."""

    def convert(value: Any) -> Any:
        return field.get_db_prep_save(value, db)

    kind = type(field)
    target = getattr(field, "target_field", field)  # a link is stored as the key it names
    as_is = _AS_IS.get(kind.get_prep_value)
    if (
        as_is
        and kind.get_db_prep_save is models.Field.get_db_prep_save
        and kind.get_db_prep_value is models.Field.get_db_prep_value
    ):
        # Text of a text field, a number of a number field: the value itself.
        return lambda value: value if type(value) in as_is else convert(value)
    if (
        isinstance(target, models.UUIDField)
        and type(target).get_db_prep_value is models.UUIDField.get_db_prep_value
    ):
        native = db.features.has_native_uuid_field
        return lambda value: (
            (value if native else value.hex) if type(value) is uuid.UUID else convert(value)
        )
    if isinstance(field, models.DateTimeField):
        # The time stamps of a chunk are one value (``insert_rows``).
        last: list[Any] = [None, None]

        def once(value: Any) -> Any:
            if value is not last[0]:
                last[:] = [value, convert(value)]
            return last[1]

        return once
    return convert


def _is_translated(model: type[models.Model], name: str) -> bool:
    try:
        return name in translator.get_options_for_model(model).fields
    except NotRegistered:
        return False
