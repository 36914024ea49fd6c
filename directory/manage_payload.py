"""The *payload*: a service as plain JSON-ready data.

It is the one form in which the editing forms hand a service to ``directory.services.service_create``/``service_update`` and in
which a partner's proposal (``ServiceChangeRequest.data``) is stored, so that approving a proposal
applies it through the same function as a coordinator's edit::

    {"service": {"name_en": …, "organisation": 3, "terms": [uuid, …], "service_areas": [area id, …],
                 "languages": [{"code": "es", "name": "Spanish"}, …], …},
     "locations": [{"id": uuid or None, "name_en": …, "area": 7, "latitude": "18.010000",
                    "is_confidential": true, "address_1": …, "city": …, …}, …],
     "phones": [{"id": …, "number": …, "is_private": false, …}, …],
     "schedules": [{"id": …, "byday": "MO,TU", "opens_at": "08:00", "closes_at": "16:00", …}, …]}

A list section is the whole wanted list: rows with an ``id`` are kept and changed, rows without one
are added, and rows left out are removed. ``terms`` holds Essential Services types only; a
service's terms from other taxonomies (imported) are kept as they are.
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
    Address,
    Location,
    Phone,
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
    "alert_en",
    "alert_es",
    "assured_date",
]
SERVICE_LINKS = ["terms", "service_areas", "languages"]
# What only a coordinator changes: whose service it is, who reads it, and when it was verified.
COORDINATOR_ONLY = frozenset({"organisation", "visibility", "assured_date"})
LOCATION_FIELDS = ["name_en", "name_es", "area", "latitude", "longitude", "is_confidential"]
ADDRESS_FIELDS = ["address_1", "address_2", "city", "state_province", "postal_code", "country"]
PHONE_FIELDS = ["number", "extension", "type", "description_en", "description_es", "is_private"]
SCHEDULE_FIELDS = ["byday", "opens_at", "closes_at", "description_en", "description_es"]
SECTIONS = {
    "locations": LOCATION_FIELDS + ADDRESS_FIELDS,
    "phones": PHONE_FIELDS,
    "schedules": SCHEDULE_FIELDS,
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
    if value is None and isinstance(
        model._meta.get_field(name), models.CharField | models.TextField
    ):
        return ""
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


def location_json(location: Location) -> dict[str, Any]:
    row: dict[str, Any] = {"id": str(location.pk)}
    row.update({name: field_json(location, name) for name in LOCATION_FIELDS})
    address = primary_address(location)
    row.update({name: field_json(address, name) if address else "" for name in ADDRESS_FIELDS})
    return row


def phone_json(phone: Phone) -> dict[str, Any]:
    return {"id": str(phone.pk), **{name: field_json(phone, name) for name in PHONE_FIELDS}}


def schedule_json(schedule: Schedule) -> dict[str, Any]:
    row = {"id": str(schedule.pk), **{name: field_json(schedule, name) for name in SCHEDULE_FIELDS}}
    row["byday"] = byday_json(schedule.byday)
    return row


def service_locations(service: Service) -> QuerySet[Location]:
    return (
        Location.objects.filter(service_at_locations__service=service)
        .prefetch_related("addresses")
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
    }


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
