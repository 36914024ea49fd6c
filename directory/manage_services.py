"""Writes for managing the directory (members' pages): creating, editing and verifying services.

A coordinator's edit and an approved proposal (``directory.manage_proposals``) both go through
``service_update`` (a new service, ``service_create``) with a payload (see
``directory.manage_payload``). Every record written carries the person who wrote it, so that the
history names them whatever the caller (view, command or test). Each write ends by calling
``directory.services.services_refresh``.
"""

import uuid
from collections.abc import Iterable
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from django.core.exceptions import NON_FIELD_ERRORS, FieldDoesNotExist, ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from core.models import require_some_language
from directory.manage_payload import (
    ACCESSIBILITY_FIELDS,
    ACCESSIBILITY_PREFIX,
    ADDRESS_FIELDS,
    COST_OPTION_FIELDS,
    DOCUMENT_FIELDS,
    LOCATION_FIELDS,
    PHONE_FIELDS,
    SCHEDULE_FIELDS,
    SECTIONS,
    SERVICE_FIELDS,
    SERVICE_LINKS,
    byday_json,
    field_json,
    primary_accessibility,
    primary_address,
    service_locations,
    value_json,
)
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
    TaxonomyTerm,
)
from directory.reference import ESP_CODE
from directory.services import services_refresh
from organisations.models import Organisation
from programmes.models import Area, Programme

M = TypeVar("M", bound=models.Model)


def _as_python(instance: models.Model, name: str, value: Any) -> Any:
    model_field = instance._meta.get_field(name)
    if isinstance(value, str):
        value = value.replace("\r\n", "\n")
    if value is None or value == "":
        if isinstance(model_field, models.CharField | models.TextField):
            return ""
        if isinstance(model_field, models.BooleanField):
            return False
        return None
    if model_field.is_relation:
        return value
    try:
        return model_field.to_python(value)
    except ValidationError as error:
        raise ValidationError({name: error.messages}) from error


def _set_fields(instance: models.Model, values: dict[str, Any], names: Iterable[str]) -> bool:
    """Set the named fields present in ``values``; True when one of them changed."""
    changed = False
    for name in names:
        if name not in values:
            continue
        new = _as_python(instance, name, values[name])
        if value_json(type(instance), name, new) != field_json(instance, name):
            setattr(instance, instance._meta.get_field(name).attname, new)
            changed = True
    return changed


def _save(instance: models.Model, user: Any, reason: str) -> None:
    instance._history_user = user  # type: ignore[attr-defined]
    instance._change_reason = reason or None  # type: ignore[attr-defined]
    instance.full_clean()
    instance.save()


def _delete(instance: models.Model, user: Any, reason: str) -> None:
    instance._history_user = user  # type: ignore[attr-defined]
    instance._change_reason = reason or None  # type: ignore[attr-defined]
    instance.delete()


def _in_row(where: str, model: type[models.Model], error: ValidationError) -> ValidationError:
    """The errors of one row of a list, each saying which row and which field."""
    problems = (
        error.message_dict if hasattr(error, "error_dict") else {NON_FIELD_ERRORS: error.messages}
    )
    messages = []
    for name, texts in problems.items():
        try:
            place = f"{where}, {capfirst(model._meta.get_field(name).verbose_name)}"
        except FieldDoesNotExist:
            place = where
        messages += [
            _("%(where)s: %(problem)s") % {"where": place, "problem": text} for text in texts
        ]
    return ValidationError(messages)


def _row_record(
    model: type[M], row: dict[str, Any], existing: dict[Any, M], seen: set[Any]
) -> M | None:
    """The existing record a row names by ``id``, or None for a new row."""
    if not row.get("id"):
        return None
    try:
        pk = uuid.UUID(str(row["id"]))
    except ValueError:
        pk = None
    if pk not in existing or pk in seen:
        raise ValidationError(_("This row is not one of the service's records; reload the page."))
    seen.add(pk)
    return existing[pk]


def _apply_fields(service: Service, fields: dict[str, Any], user: Any, reason: str) -> bool:
    """The service's own fields; True when the service was saved."""
    creating = service._state.adding
    verified = service.assured_date
    changed = _set_fields(service, fields, SERVICE_FIELDS)
    if not (changed or creating):
        return False
    if service.assured_date != verified and service.assured_date is not None:
        service.assurer_email = getattr(user, "email", "") or ""
    if (creating or "organisation" in fields) and not Organisation.objects.filter(
        pk=service.organisation_id, programmes=service.programme_id
    ).exists():
        raise ValidationError(
            {"organisation": _("Choose an organisation that works in this programme.")}
        )
    require_some_language(service, "name")
    _save(service, user, reason)
    return True


def _apply_terms(service: Service, wanted_ids: list[Any], user: Any, reason: str) -> bool:
    """Set the service's Essential Services types, keeping its terms from other taxonomies."""
    esp = {
        str(pk)
        for pk in TaxonomyTerm.objects.filter(taxonomy__code=ESP_CODE).values_list("pk", flat=True)
    }
    wanted = {str(pk) for pk in wanted_ids}
    if wanted - esp:
        raise ValidationError({"terms": _("Choose types from the Essential Services Package.")})
    current = {str(pk) for pk in service.terms.values_list("pk", flat=True)}
    if current & esp == wanted:
        return False
    service._history_user = user  # type: ignore[attr-defined]
    service._change_reason = reason or None  # type: ignore[attr-defined]
    service.terms.set(sorted((current - esp) | wanted))
    return True


def _apply_service_areas(service: Service, area_ids: list[Any], user: Any, reason: str) -> bool:
    wanted = {int(pk) for pk in area_ids}
    valid = set(
        Area.objects.filter(programme=service.programme_id, pk__in=wanted).values_list(
            "pk", flat=True
        )
    )
    if wanted - valid:
        raise ValidationError({"service_areas": _("Choose areas of this programme.")})
    changed, have = False, set()
    for service_area in service.service_areas.exclude(area=None):
        if service_area.area_id in wanted and service_area.area_id not in have:
            have.add(service_area.area_id)
        else:
            _delete(service_area, user, reason)
            changed = True
    for area_id in sorted(wanted - have):
        _save(ServiceArea(service=service, area_id=area_id), user, reason)
        changed = True
    return changed


def _apply_languages(service: Service, rows: list[dict[str, str]], user: Any, reason: str) -> bool:
    wanted = {(row.get("code") or "", row.get("name") or "") for row in rows}
    changed, have = False, set()
    for language in service.languages.all():
        key = (language.code, language.name)
        if key in wanted and key not in have:
            have.add(key)
        else:
            _delete(language, user, reason)
            changed = True
    for code, name in sorted(wanted - have):
        try:
            _save(Language(service=service, code=code, name=name), user, reason)
        except ValidationError as error:
            raise ValidationError({"languages": error.messages}) from error
        changed = True
    return changed


def _apply_address(
    location: Location, row: dict[str, Any], country: str, user: Any, reason: str
) -> bool:
    """The location's address from the row; an address left empty is removed."""
    address = None if location._state.adding else primary_address(location)
    values = {name: str(row.get(name) or "").strip() for name in ADDRESS_FIELDS}
    values["country"] = values["country"].upper()
    if not any(values[name] for name in ADDRESS_FIELDS if name != "country"):
        if address is not None:
            _delete(address, user, reason)
            return True
        return False
    values["country"] = values["country"] or country
    if address is None:
        address = Address(location=location)
    if _set_fields(address, values, ADDRESS_FIELDS) or address._state.adding:
        _save(address, user, reason)
        return True
    return False


def _apply_accessibility(location: Location, row: dict[str, Any], user: Any, reason: str) -> bool:
    """The location's accessibility from the row; left empty, it is removed.

    A row without the accessibility keys (a proposal made before they could be edited) leaves
    it as it is.
    """
    names = [ACCESSIBILITY_PREFIX + name for name in ACCESSIBILITY_FIELDS]
    if not any(name in row for name in names):
        return False
    record = None if location._state.adding else primary_accessibility(location)
    values = {
        name: str(row.get(ACCESSIBILITY_PREFIX + name) or "").strip()
        for name in ACCESSIBILITY_FIELDS
    }
    if not any(values.values()):
        if record is not None:
            _delete(record, user, reason)
            return True
        return False
    if record is None:
        record = Accessibility(location=location)
    if _set_fields(record, values, ACCESSIBILITY_FIELDS) or record._state.adding:
        require_some_language(record, "description")
        _save(record, user, reason)
        return True
    return False


def _apply_locations(service: Service, rows: list[dict[str, Any]], user: Any, reason: str) -> bool:
    existing = {location.pk: location for location in service_locations(service)}
    areas = set(Area.objects.filter(programme=service.programme_id).values_list("pk", flat=True))
    country = str(service.programme.country or "")
    changed, seen = False, set()
    for number, row in enumerate(rows, start=1):
        where = _("Location %(number)s") % {"number": number}
        try:
            location = _row_record(Location, row, existing, seen) or Location(
                programme_id=service.programme_id, organisation_id=service.organisation_id
            )
            if row.get("area") and int(row["area"]) not in areas:
                raise ValidationError({"area": _("Choose an area of this programme.")})
            if (row.get("latitude") in (None, "")) != (row.get("longitude") in (None, "")):
                raise ValidationError(
                    {"latitude": _("Give both the latitude and the longitude, or neither.")}
                )
            adding = location._state.adding
            if _set_fields(location, row, LOCATION_FIELDS) or adding:
                _save(location, user, reason)
                changed = True
            changed |= _apply_address(location, row, country, user, reason)
            changed |= _apply_accessibility(location, row, user, reason)
            if adding:
                _save(ServiceAtLocation(service=service, location=location), user, reason)
        except ValidationError as error:
            raise _in_row(where, Location, error) from error
    for pk, location in existing.items():
        if pk in seen:
            continue
        for link in ServiceAtLocation.objects.filter(service=service, location=location):
            _delete(link, user, reason)
        # A location no other service uses goes with it; a shared one stays for the others.
        if not ServiceAtLocation.objects.filter(location=location).exists():
            _delete(location, user, reason)
        changed = True
    return changed


# The lists of a service's own records: (model, fields, what a row is called in an error).
_ROWS: dict[str, tuple[type[models.Model], list[str], Any]] = {
    "phones": (Phone, PHONE_FIELDS, lambda: _("Phone %(number)s")),
    "schedules": (Schedule, SCHEDULE_FIELDS, lambda: _("Opening hours %(number)s")),
    "cost_options": (CostOption, COST_OPTION_FIELDS, lambda: _("Cost option %(number)s")),
    "required_documents": (
        RequiredDocument,
        DOCUMENT_FIELDS,
        lambda: _("Document %(number)s"),
    ),
}


def _check_row(record: models.Model) -> None:
    """What the model alone does not say about a row."""
    if isinstance(record, RequiredDocument):
        require_some_language(record, "document")
    if isinstance(record, CostOption):
        if record.amount is not None and record.amount < 0:
            raise ValidationError({"amount": _("The amount must not be negative.")})
        if record.amount is not None and not record.currency:
            raise ValidationError({"currency": _("Give the currency of the amount, such as JMD.")})
        if record.valid_from and record.valid_to and record.valid_to < record.valid_from:
            raise ValidationError({"valid_to": _("The end must not be before the start.")})


def _apply_rows(
    service: Service,
    model: type[models.Model],
    rows: list[dict[str, Any]],
    fields: list[str],
    noun: str,
    user: Any,
    reason: str,
) -> bool:
    """Records of the service itself (phones, hours, costs, documents), as the whole wanted list."""
    existing = {record.pk: record for record in model.objects.filter(service=service)}
    changed, seen = False, set()
    for number, row in enumerate(rows, start=1):
        try:
            record = _row_record(model, row, existing, seen) or model(service=service)
            values = dict(row)
            if "byday" in values:
                values["byday"] = byday_json(values["byday"] or "")
            if "currency" in values:
                values["currency"] = str(values["currency"] or "").strip().upper()
            if _set_fields(record, values, fields) or record._state.adding:
                _check_row(record)
                _save(record, user, reason)
                changed = True
        except ValidationError as error:
            raise _in_row(noun % {"number": number}, model, error) from error
    for pk, record in existing.items():
        if pk not in seen:
            _delete(record, user, reason)
            changed = True
    return changed


def _apply(service: Service, payload: dict[str, Any], user: Any, reason: str) -> bool:
    """Write a payload; True when anything changed. The caller holds the transaction."""
    fields = payload.get("service", {})
    unknown = set(fields) - set(SERVICE_FIELDS) - set(SERVICE_LINKS)
    if unknown or set(payload) - {"service", *SECTIONS}:
        raise ValidationError(_("The form sent fields the hub does not know; reload the page."))
    saved = _apply_fields(service, fields, user, reason)
    changed = saved
    if "terms" in fields:
        changed |= _apply_terms(service, fields["terms"], user, reason)
    if "service_areas" in fields:
        changed |= _apply_service_areas(service, fields["service_areas"], user, reason)
    if "languages" in fields:
        changed |= _apply_languages(service, fields["languages"], user, reason)
    if "locations" in payload:
        changed |= _apply_locations(service, payload["locations"], user, reason)
    for section, (model, names, noun) in _ROWS.items():
        if section in payload:
            changed |= _apply_rows(service, model, payload[section], names, noun(), user, reason)
    if changed and not saved:
        # Its parts changed: say so in the service's own timestamp, which HSDS clients poll.
        Service.objects.filter(pk=service.pk).update(updated_at=timezone.now())
    return changed


def service_create(
    *, programme: Programme, user: Any, payload: dict[str, Any], reason: str = ""
) -> Service:
    """A new service of the programme, with its locations, phones, hours, costs and the rest."""
    with transaction.atomic():
        service = Service(programme=programme)
        _apply(service, payload, user, reason)
        services_refresh([service.pk])
    return service


def service_update(
    *, service: Service, user: Any, payload: dict[str, Any], reason: str = ""
) -> Service:
    """Change a service as the payload says; parts the payload leaves out stay as they are."""
    with transaction.atomic():
        _apply(service, payload, user, reason)
        services_refresh([service.pk])
    return service


def service_verify(*, service: Service, user: Any) -> Service:
    """Someone checked the record today (in the programme's time zone)."""
    with transaction.atomic():
        service.assured_date = (
            timezone.now().astimezone(ZoneInfo(service.programme.time_zone)).date()
        )
        service.assurer_email = getattr(user, "email", "") or ""
        _save(service, user, "")
        services_refresh([service.pk])
    return service


class _DryRun(Exception):
    """Raised to roll back a trial application of a payload."""


def payload_check(*, service: Service, user: Any, payload: dict[str, Any]) -> None:
    """Apply the payload and roll it back: raise the ValidationError applying it would raise.

    ``service`` is unsaved for a new one. A proposal is checked so, so that one that could not
    be applied is refused while its author can still correct it.
    """
    try:
        with transaction.atomic():
            _apply(service, payload, user, "")
            raise _DryRun
    except _DryRun:
        pass
