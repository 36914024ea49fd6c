"""The *payload*: a service as plain JSON-ready data.

It is the one form in which the editing forms hand a service to
``directory.manage_services.service_create``/``service_update`` and in which a partner's proposal
(``ServiceChangeRequest.data``) is stored, so that approving a proposal applies it through the
same function as a coordinator's edit::

    {"service": {"name_en": …, "organisation": 3, "terms": [uuid, …], "service_areas": [area id, …],
                 "languages": [{"code": "es", "name": "Spanish"}, …], …},
     "locations": [{"id": uuid or None, "name_en": …, "area": 7, "latitude": "18.010000",
                    "is_confidential": true, "address_1": …, "city": …,
                    "accessibility_description_en": "Ramp at the side door", …}, …],
     "phones": [{"id": …, "number": …, "is_private": false, …}, …],
     "schedules": [{"id": …, "byday": "MO,TU", "opens_at": "08:00", "closes_at": "16:00", …}, …],
     "cost_options": [{"id": …, "option": "Consultation", "amount": "1500.00",
                       "currency": "JMD", …}, …],
     "required_documents": [{"id": …, "document_en": "Photo ID", "document_es": …, "uri": ""}]}

A list section is the whole wanted list: rows with an ``id`` are kept and changed, rows without one
are added, and rows left out are removed. ``terms`` holds Essential Services types only; a
service's terms from other taxonomies (imported) are kept as they are. A location's address and
accessibility are its first (physical) address and its first accessibility record, edited with it;
a row without their keys (a proposal stored before they were editable) leaves them as they are.
"""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.db import models
from django.db.models import QuerySet

from directory.models import (
    Accessibility,
    Address,
    CostOption,
    Location,
    Phone,
    RequiredDocument,
    Schedule,
    Service,
)
from directory.reference import ESP_CODE

SERVICE_FIELDS = [
    "name_en",
    "name_es",
    "alternate_name_en",
    "alternate_name_es",
    "description_en",
    "description_es",
    "organisation",
    "status",
    "visibility",
    "url",
    "email",
    "eligibility_description_en",
    "eligibility_description_es",
    "minimum_age",
    "maximum_age",
    "fees_description_en",
    "fees_description_es",
    "application_process_en",
    "application_process_es",
    "wait_time",
    "interpretation_services_en",
    "interpretation_services_es",
    "accreditations",
    "licenses",
    "alert_en",
    "alert_es",
    "assured_date",
]
SERVICE_LINKS = ["terms", "service_areas", "languages"]
# What only a coordinator changes: whose service it is, who reads it, and when it was verified.
COORDINATOR_ONLY = frozenset({"organisation", "visibility", "assured_date"})
LOCATION_FIELDS = [
    "name_en",
    "name_es",
    "area",
    "latitude",
    "longitude",
    "is_confidential",
    "transportation_en",
    "transportation_es",
]
ADDRESS_FIELDS = ["address_1", "address_2", "city", "state_province", "postal_code", "country"]
# The location's accessibility (HSDS ``accessibility``), in its row under these names.
ACCESSIBILITY_FIELDS = ["description_en", "description_es", "details_en", "details_es", "url"]
ACCESSIBILITY_PREFIX = "accessibility_"
LOCATION_ACCESSIBILITY_FIELDS = [ACCESSIBILITY_PREFIX + name for name in ACCESSIBILITY_FIELDS]
PHONE_FIELDS = ["number", "extension", "type", "description_en", "description_es", "is_private"]
SCHEDULE_FIELDS = ["byday", "opens_at", "closes_at", "description_en", "description_es"]
COST_OPTION_FIELDS = [
    "option",
    "amount",
    "currency",
    "amount_description",
    "valid_from",
    "valid_to",
]
DOCUMENT_FIELDS = ["document_en", "document_es", "uri"]
SECTIONS = {
    "locations": LOCATION_FIELDS + ADDRESS_FIELDS + LOCATION_ACCESSIBILITY_FIELDS,
    "phones": PHONE_FIELDS,
    "schedules": SCHEDULE_FIELDS,
    "cost_options": COST_OPTION_FIELDS,
    "required_documents": DOCUMENT_FIELDS,
}
_COORDINATE = Decimal("0.000001")


def to_json(value: Any) -> Any:
    """One value as the payload holds it: ids for records, text for dates, times and decimals."""
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, Decimal):
        return format(value.quantize(_COORDINATE), "f")
    if isinstance(value, datetime.time):
        return value.strftime("%H:%M")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def value_json(model: type[models.Model], name: str, value: Any) -> Any:
    """A value of a model's field as the payload holds it; empty text is always ""."""
    if isinstance(value, str):
        return value.replace("\r\n", "\n")
    model_field = model._meta.get_field(name)
    if value is None and isinstance(model_field, models.CharField | models.TextField):
        return ""
    if isinstance(value, Decimal) and isinstance(model_field, models.DecimalField):
        # As many places as the field keeps: "1500.00" for an amount, six for a coordinate.
        return format(value.quantize(Decimal(1).scaleb(-model_field.decimal_places)), "f")
    return to_json(value)


def field_json(instance: models.Model, name: str) -> Any:
    """A field of a record as the payload holds it."""
    return value_json(
        type(instance), name, getattr(instance, instance._meta.get_field(name).attname)
    )


def byday_json(byday: str) -> str:
    """Days in the week's order, upper case: " tu,mo" → "MO,TU"."""
    days = {day.strip().upper() for day in byday.split(",")}
    return ",".join(day for day in Schedule.DAYS if day in days)


def languages_json(rows: Iterable[dict[str, str]]) -> list[dict[str, str]]:
    unique = {(row.get("code") or "", row.get("name") or "") for row in rows}
    return [{"code": code, "name": name} for code, name in sorted(unique)]


def primary_address(location: Location) -> Address | None:
    """The address edited with a location: its physical one, else its first."""
    addresses = sorted(
        location.addresses.all(),
        key=lambda a: (a.address_type != Address.Type.PHYSICAL, a.created_at, str(a.pk)),
    )
    return addresses[0] if addresses else None


def primary_accessibility(location: Location) -> Accessibility | None:
    """The accessibility record edited with a location: its first."""
    records = sorted(location.accessibility.all(), key=lambda a: (a.created_at, str(a.pk)))
    return records[0] if records else None


def location_json(location: Location) -> dict[str, Any]:
    row: dict[str, Any] = {"id": str(location.pk)}
    row.update({name: field_json(location, name) for name in LOCATION_FIELDS})
    address = primary_address(location)
    row.update({name: field_json(address, name) if address else "" for name in ADDRESS_FIELDS})
    accessibility = primary_accessibility(location)
    row.update(
        {
            ACCESSIBILITY_PREFIX + name: field_json(accessibility, name) if accessibility else ""
            for name in ACCESSIBILITY_FIELDS
        }
    )
    return row


def phone_json(phone: Phone) -> dict[str, Any]:
    return {"id": str(phone.pk), **{name: field_json(phone, name) for name in PHONE_FIELDS}}


def cost_option_json(option: CostOption) -> dict[str, Any]:
    return {"id": str(option.pk), **{name: field_json(option, name) for name in COST_OPTION_FIELDS}}


def document_json(document: RequiredDocument) -> dict[str, Any]:
    return {
        "id": str(document.pk),
        **{name: field_json(document, name) for name in DOCUMENT_FIELDS},
    }


def schedule_json(schedule: Schedule) -> dict[str, Any]:
    row = {"id": str(schedule.pk), **{name: field_json(schedule, name) for name in SCHEDULE_FIELDS}}
    row["byday"] = byday_json(schedule.byday)
    return row


def service_locations(service: Service) -> QuerySet[Location]:
    return (
        Location.objects.filter(service_at_locations__service=service)
        .prefetch_related("addresses", "accessibility")
        .order_by("service_at_locations__created_at", "pk")
    )


def service_payload(service: Service) -> dict[str, Any]:
    """The service as it is now, in the form the editing forms and the services use."""
    fields = {name: field_json(service, name) for name in SERVICE_FIELDS}
    fields["terms"] = sorted(
        str(pk) for pk in service.terms.filter(taxonomy__code=ESP_CODE).values_list("pk", flat=True)
    )
    fields["service_areas"] = sorted(
        set(service.service_areas.exclude(area=None).values_list("area_id", flat=True))
    )
    fields["languages"] = languages_json(service.languages.values("code", "name"))
    return {
        "service": fields,
        "locations": [location_json(location) for location in service_locations(service)],
        "phones": [phone_json(p) for p in service.phones.order_by("created_at", "pk")],
        "schedules": [schedule_json(s) for s in service.schedules.order_by("created_at", "pk")],
        "cost_options": [
            cost_option_json(o) for o in service.cost_options.order_by("created_at", "pk")
        ],
        "required_documents": [
            document_json(d) for d in service.required_documents.order_by("created_at", "pk")
        ],
    }


def empty_payload() -> dict[str, Any]:
    """A service that does not exist yet: what a proposed new service is compared with."""
    return {"service": {}, **{section: [] for section in SECTIONS}}


def payload_changes(current: dict[str, Any], proposed: dict[str, Any]) -> dict[str, Any]:
    """What ``proposed`` changes in ``current``: changed fields, and whole changed sections."""
    changes: dict[str, Any] = {}
    fields = {
        name: value
        for name, value in proposed.get("service", {}).items()
        if current["service"].get(name) != value
    }
    if fields:
        changes["service"] = fields
    for section in SECTIONS:
        if section in proposed and proposed[section] != current[section]:
            changes[section] = proposed[section]
    return changes


def payload_part(payload: dict[str, Any], like: dict[str, Any]) -> dict[str, Any]:
    """The parts of ``payload`` that ``like`` names: the values a proposal would replace."""
    part: dict[str, Any] = {}
    if "service" in like:
        part["service"] = {name: payload["service"].get(name) for name in like["service"]}
    for section in SECTIONS:
        if section in like:
            part[section] = payload[section]
    return part
