"""One record: compare the file with what the hub would export of it, set what differs, check
it against the model's rules, and write records by chunks with their history."""

from __future__ import annotations

import uuid
from functools import cache
from typing import Any

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _
from modeltranslation.translator import NotRegistered, translator
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from directory.hsds import serialize as s
from directory.hsds.fields import SPECS, CellError, Field, canonical, model_attr, value_of
from directory.hsds.importer.base import Parsed, State
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
        if tracked:
            bulk_create_with_history(new, model, batch_size=BATCH, default_change_reason=reason)
        else:
            model.objects.bulk_create(new, batch_size=BATCH)
    if changed:
        now = timezone.now()
        for obj in changed:
            obj.updated_at = now
        fields = set(attrs) | {"updated_at"}
        for attr in list(fields):
            base = attr.rsplit("_", 1)[0]
            if attr.endswith(f"_{state.language}") and _is_translated(model, base):
                fields.add(base)
        if tracked:
            bulk_update_with_history(
                changed, model, sorted(fields), batch_size=BATCH, default_change_reason=reason
            )
        else:
            model.objects.bulk_update(changed, sorted(fields), batch_size=BATCH)


def _is_translated(model: type[models.Model], name: str) -> bool:
    try:
        return name in translator.get_options_for_model(model).fields
    except NotRegistered:
        return False
