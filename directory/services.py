"""Writes for the directory.

Whatever changes a service, its schedules, locations or names (forms, admin actions, HSDS
import) ends by calling ``services_refresh`` with the services it touched, which recomputes what
the hub derives from them: the 24/7 flag and the public search index.
"""

import uuid
from collections.abc import Iterable
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from django.core.exceptions import NON_FIELD_ERRORS, FieldDoesNotExist, ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from core.models import require_some_language
from directory.manage_payload import (
    ADDRESS_FIELDS,
    COORDINATOR_ONLY,
    LOCATION_FIELDS,
    PHONE_FIELDS,
    SCHEDULE_FIELDS,
    SECTIONS,
    SERVICE_FIELDS,
    SERVICE_LINKS,
    byday_json,
    field_json,
    payload_changes,
    payload_part,
    primary_address,
    service_locations,
    service_payload,
    value_json,
)
from directory.models import (
    Address,
    Language,
    Location,
    Phone,
    Schedule,
    Service,
    ServiceArea,
    ServiceAtLocation,
    ServiceChangeRequest,
    Suggestion,
    TaxonomyTerm,
)
from directory.reference import ESP_CODE
from directory.search import index_services
from organisations.models import Organisation
from programmes.models import Area, Programme

M = TypeVar("M", bound=models.Model)


def services_refresh(service_ids: Iterable[Any]) -> None:
    """Recompute the derived data of these services: open 24/7, and their search tokens."""
    ids = list(service_ids)
    if not ids:
        return
    with transaction.atomic():
        all_day: set[Any] = set()
        schedules = Schedule.objects.filter(
            Q(service_id__in=ids) | Q(service_at_location__service_id__in=ids)
        ).values_list(
            "service_id", "service_at_location__service_id", "byday", "opens_at", "closes_at"
        )
        for service_id, sal_service_id, byday, opens_at, closes_at in schedules:
            probe = Schedule(byday=byday, opens_at=opens_at, closes_at=closes_at)
            if probe.is_all_week_all_day:
                all_day.add(service_id or sal_service_id)
        Service.objects.filter(pk__in=ids).exclude(pk__in=all_day).update(open_24_7=False)
        Service.objects.filter(pk__in=all_day).update(open_24_7=True)
        index_services(ids)


# --- Managing the directory (members' pages) ---------------------------------------------
# A coordinator's edit and an approved proposal both go through ``service_update`` with a payload
# (see ``directory.manage_payload``). Every record written carries the person who wrote it, so
# that the history names them whatever the caller (view, command or test).


class _DryRun(Exception):
    """Raised to roll back a trial application of a proposal."""


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


def _apply_rows(
    service: Service,
    model: type[Phone] | type[Schedule],
    rows: list[dict[str, Any]],
    fields: list[str],
    noun: str,
    user: Any,
    reason: str,
) -> bool:
    """Phones or opening hours of the service itself, as the whole wanted list."""
    existing = {record.pk: record for record in model.objects.filter(service=service)}
    changed, seen = False, set()
    for number, row in enumerate(rows, start=1):
        try:
            record = _row_record(model, row, existing, seen) or model(service=service)
            values = dict(row)
            if "byday" in values:
                values["byday"] = byday_json(values["byday"] or "")
            if _set_fields(record, values, fields) or record._state.adding:
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
    if "phones" in payload:
        changed |= _apply_rows(
            service, Phone, payload["phones"], PHONE_FIELDS, _("Phone %(number)s"), user, reason
        )
    if "schedules" in payload:
        changed |= _apply_rows(
            service,
            Schedule,
            payload["schedules"],
            SCHEDULE_FIELDS,
            _("Opening hours %(number)s"),
            user,
            reason,
        )
    if changed and not saved:
        # Its parts changed: say so in the service's own timestamp, which HSDS clients poll.
        Service.objects.filter(pk=service.pk).update(updated_at=timezone.now())
    return changed


def service_create(*, programme: Programme, user: Any, payload: dict[str, Any]) -> Service:
    """A new service of the programme, with its locations, phones, hours, languages and areas."""
    with transaction.atomic():
        service = Service(programme=programme)
        _apply(service, payload, user, "")
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


def service_change_request_create(
    *, service: Service, user: Any, payload: dict[str, Any]
) -> ServiceChangeRequest:
    """A proposal of the changes the payload makes, checked now, applied when approved."""
    current = service_payload(service)
    changes = payload_changes(current, payload)
    if not changes:
        raise ValidationError(_("Nothing was changed, so there is nothing to propose."))
    if COORDINATOR_ONLY & set(changes.get("service", {})):
        raise ValidationError(
            _(
                "Only a coordinator changes the organisation, the visibility or the date last verified."
            )
        )
    with transaction.atomic():
        # Try it, then roll it back: a proposal that could not be applied is refused now, while
        # its author can still correct it.
        try:
            with transaction.atomic():
                _apply(Service.objects.get(pk=service.pk), changes, user, "")
                raise _DryRun
        except _DryRun:
            pass
        change_request = ServiceChangeRequest(
            service=service,
            proposed_by=user,
            data=changes,
            original=payload_part(current, changes),
        )
        change_request.full_clean()
        change_request.save()
    return change_request


def _pending(change_request: ServiceChangeRequest) -> ServiceChangeRequest:
    locked = (
        ServiceChangeRequest.objects.select_for_update()
        .select_related("service__programme")
        .get(pk=change_request.pk)
    )
    if locked.status != ServiceChangeRequest.Status.PENDING:
        raise ValidationError(_("This proposal has already been decided."))
    return locked


def service_change_request_approve(
    *, change_request: ServiceChangeRequest, user: Any, note: str = ""
) -> ServiceChangeRequest:
    """Apply the proposal through ``service_update``, in the approver's name, and close it."""
    with transaction.atomic():
        locked = _pending(change_request)
        service_update(
            service=locked.service, user=user, payload=locked.data, reason=f"proposal:{locked.pk}"
        )
        locked.status = ServiceChangeRequest.Status.APPROVED
        locked.decided_by = user
        locked.decided_at = timezone.now()
        locked.note = note
        locked.full_clean()
        locked.save()
    return locked


def service_change_request_reject(
    *, change_request: ServiceChangeRequest, user: Any, note: str
) -> ServiceChangeRequest:
    """Close the proposal unapplied; the note tells its author why. The service is unchanged."""
    if not note.strip():
        raise ValidationError({"note": _("Say why, so that the person who proposed it knows.")})
    with transaction.atomic():
        locked = _pending(change_request)
        locked.status = ServiceChangeRequest.Status.REJECTED
        locked.decided_by = user
        locked.decided_at = timezone.now()
        locked.note = note.strip()
        locked.full_clean()
        locked.save()
    return locked


def suggestion_decide(*, suggestion: Suggestion, user: Any, status: str) -> Suggestion:
    """Close a public suggestion as applied or dismissed. The service itself is edited apart."""
    if status not in (Suggestion.Status.APPLIED, Suggestion.Status.DISMISSED):
        raise ValidationError({"status": _("Mark the suggestion as applied or dismissed.")})
    with transaction.atomic():
        locked = Suggestion.objects.select_for_update().get(pk=suggestion.pk)
        if locked.status != Suggestion.Status.OPEN:
            raise ValidationError(_("This suggestion has already been dealt with."))
        locked.status = status
        locked.decided_by = user
        locked.decided_at = timezone.now()
        locked.full_clean()
        locked.save()
    return locked
