"""Our directory records as HSDS 3.0 objects.

The one place that decides what an HSDS object holds: the HSDS API, the tabular export and the
import (which compares a file with what the export would write, so that exporting and importing
again changes nothing) all read through it.

Each entity has a ``*_record`` function, its flat form (the row of its CSV table, with the ids
of what it links to), and most have an ``*_object`` function, the nested JSON form of the API.

**Language.** HSDS has one text per field. Texts are in ``Reader.language``, falling back to the
other language when empty: modeltranslation's fallback, under ``translation.override``.

**Confidentiality.** A reader may or may not see the programme's confidential records
(``core.permissions.can_see_confidential``). For a reader who may not:

- a confidential location is left out altogether, and with it its service-at-locations,
  addresses, accessibility, phones, schedules and languages. A stub without address and
  coordinates would still carry its name, directions, accessibility notes and hours, any of which
  can point to a shelter; leaving it out leaks nothing. The service stays listed, with its public
  phones.
- a private phone is left out, and so is any phone of a confidential location.

For a reader who may see them, they come with an HSDS attribute: the term ``confidential`` of the
taxonomy ``spotlight-hub`` (ids in ``directory.reference``), with ``link_entity`` ``location`` or
``phone`` and ``link_id`` the record's id, so that whoever receives them knows not to publish them.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db.models import Prefetch, Q, QuerySet
from django.utils import translation

from core.permissions import can_see_confidential
from directory import models as m
from directory.reference import CONFIDENTIAL, HUB_CODE, NAMESPACE, term_id
from organisations.models import Organisation
from programmes.models import Programme

# Fields each HSDS schema requires: kept in an object even when empty.
REQUIRED = {
    "organization": ("id", "name", "description"),
    "service": ("id", "name", "status"),
    "location": ("id", "location_type"),
    "address": (
        "id",
        "address_1",
        "city",
        "state_province",
        "postal_code",
        "country",
        "address_type",
    ),
    "phone": ("id", "number"),
    "taxonomy": ("id", "name", "description"),
    "taxonomy_term": ("id", "name", "description"),
}

Record = dict[str, Any]


@dataclass(frozen=True)
class Reader:
    """Whom HSDS objects are written for: in which language, and whether they may see the
    programme's confidential locations and private phones."""

    language: str
    confidential: bool = False
    _cache: dict[str, Any] = field(default_factory=dict, compare=False, hash=False, repr=False)

    @classmethod
    def for_user(cls, user: Any, programme: Programme, language: str | None = None) -> Reader:
        return cls(
            language=content_language(language),
            confidential=can_see_confidential(user, programme),
        )


def content_language(code: str | None = None) -> str:
    """One of the hub's content languages: the one asked for, or the active one."""
    code = code or translation.get_language() or settings.LANGUAGE_CODE
    try:
        return translation.get_supported_language_variant(code)
    except LookupError:
        return settings.LANGUAGE_CODE


# --- What a reader may not see ----------------------------------------------------------------


def location_hidden(location: m.Location, reader: Reader) -> bool:
    return location.is_confidential and not reader.confidential


def _at_confidential_place(record: Any) -> bool:
    """Linked to a confidential location, directly or through a service-at-location."""
    if getattr(record, "location_id", None) and record.location.is_confidential:
        return True
    if getattr(record, "service_at_location_id", None):
        return record.service_at_location.location.is_confidential
    return False


def phone_hidden(phone: m.Phone, reader: Reader) -> bool:
    return not reader.confidential and (phone.is_private or _at_confidential_place(phone))


def schedule_hidden(schedule: m.Schedule, reader: Reader) -> bool:
    return not reader.confidential and _at_confidential_place(schedule)


def language_hidden(language: m.Language, reader: Reader) -> bool:
    if reader.confidential:
        return False
    return _at_confidential_place(language) or bool(
        language.phone_id and phone_hidden(language.phone, reader)
    )


def _away_from_confidential(prefix: str = "") -> Q:
    return ~Q(**{f"{prefix}location__is_confidential": True}) & ~Q(
        **{f"{prefix}service_at_location__location__is_confidential": True}
    )


def visible_locations_q(reader: Reader, prefix: str = "") -> Q:
    return Q() if reader.confidential else Q(**{f"{prefix}is_confidential": False})


def visible_phones_q(reader: Reader) -> Q:
    return Q() if reader.confidential else Q(is_private=False) & _away_from_confidential()


def visible_schedules_q(reader: Reader) -> Q:
    return Q() if reader.confidential else _away_from_confidential()


def visible_languages_q(reader: Reader) -> Q:
    if reader.confidential:
        return Q()
    # A language has no service-at-location of its own; its phone may have one.
    return (
        ~Q(location__is_confidential=True)
        & ~Q(phone__is_private=True)
        & _away_from_confidential("phone__")
    )


# --- Values -----------------------------------------------------------------------------------


def jsonable(value: Any) -> Any:
    """A record value as JSON: numbers as numbers, dates and times in ISO 8601."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, date | time | datetime):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    return value


def cell(value: Any) -> str:
    """A record value as a CSV cell."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        text = format(value.normalize(), "f")
        return "0" if text in ("-0", "") else text
    if isinstance(value, date | time | datetime):
        return value.isoformat()
    return str(value)


def compact(entity: str, record: Record) -> Record:
    """The JSON object of a record: empty optional fields left out (HSDS has no nulls)."""
    required = REQUIRED.get(entity, ("id",))
    return {
        key: jsonable(value)
        for key, value in record.items()
        if key in required or value not in (None, "")
    }


def _id(value: Any) -> str | None:
    return str(value) if value else None


def _hsds_id(organisation: Organisation | None) -> str | None:
    return str(organisation.hsds_id) if organisation is not None else None


def attribute_id(link_entity: str, link_id: Any, taxonomy_term_id: Any) -> uuid.UUID:
    """A stable id for a link we keep without an id of its own (a service's term, a flag)."""
    return uuid.uuid5(NAMESPACE, f"attribute:{link_entity}:{link_id}:{taxonomy_term_id}")


CONFIDENTIAL_TERM_ID = term_id(HUB_CODE, CONFIDENTIAL)


# --- Flat records (one row of the tabular form) -----------------------------------------------


def organization_record(organisation: Organisation, reader: Reader) -> Record:
    with translation.override(reader.language):
        return {
            "id": str(organisation.hsds_id),
            "name": organisation.name or "",
            "alternate_name": organisation.acronym,
            # HSDS requires a description; the hub keeps none for organisations.
            "description": "",
            "website": organisation.website,
        }


def service_record(service: m.Service, reader: Reader) -> Record:
    with translation.override(reader.language):
        return {
            "id": str(service.id),
            "organization_id": str(service.organisation.hsds_id),
            "name": service.name or "",
            "alternate_name": service.alternate_name,
            "description": service.description,
            "url": service.url,
            "email": service.email,
            "status": service.status,
            "interpretation_services": service.interpretation_services,
            "application_process": service.application_process,
            "fees_description": service.fees_description,
            "wait_time": service.wait_time,
            "accreditations": service.accreditations,
            "eligibility_description": service.eligibility_description,
            "minimum_age": service.minimum_age,
            "maximum_age": service.maximum_age,
            "assured_date": service.assured_date,
            "assurer_email": service.assurer_email,
            "licenses": service.licenses,
            "alert": service.alert,
            "last_modified": service.updated_at,
        }


def location_record(location: m.Location, reader: Reader) -> Record | None:
    if location_hidden(location, reader):
        return None
    with translation.override(reader.language):
        return {
            "id": str(location.id),
            "location_type": location.location_type,
            "url": location.url,
            "organization_id": _hsds_id(location.organisation),
            "name": location.name,
            "alternate_name": location.alternate_name,
            "description": location.description,
            "transportation": location.transportation,
            "latitude": location.latitude,
            "longitude": location.longitude,
            "external_identifier": location.external_identifier,
            "external_identifier_type": location.external_identifier_type,
        }


def service_at_location_record(sal: m.ServiceAtLocation, reader: Reader) -> Record | None:
    if location_hidden(sal.location, reader):
        return None
    with translation.override(reader.language):
        return {
            "id": str(sal.id),
            "service_id": str(sal.service_id),
            "location_id": str(sal.location_id),
            "description": sal.description,
        }


def address_record(address: m.Address, reader: Reader) -> Record | None:
    if location_hidden(address.location, reader):
        return None
    return {
        "id": str(address.id),
        "location_id": str(address.location_id),
        "attention": address.attention,
        "address_1": address.address_1,
        "address_2": address.address_2,
        "city": address.city,
        "region": address.region,
        "state_province": address.state_province,
        "postal_code": address.postal_code,
        "country": address.country,
        "address_type": address.address_type,
    }


def phone_record(phone: m.Phone, reader: Reader) -> Record | None:
    if phone_hidden(phone, reader):
        return None
    with translation.override(reader.language):
        return {
            "id": str(phone.id),
            "location_id": _id(phone.location_id),
            "service_id": _id(phone.service_id),
            "organization_id": _hsds_id(phone.organisation),
            "service_at_location_id": _id(phone.service_at_location_id),
            "number": phone.number,
            # HSDS wants a number; an extension with other characters stays in the hub.
            "extension": int(phone.extension) if phone.extension.isdigit() else None,
            "type": phone.type,
            "description": phone.description,
        }


def schedule_record(schedule: m.Schedule, reader: Reader) -> Record | None:
    if schedule_hidden(schedule, reader):
        return None
    with translation.override(reader.language):
        return {
            "id": str(schedule.id),
            "service_id": _id(schedule.service_id),
            "location_id": _id(schedule.location_id),
            "service_at_location_id": _id(schedule.service_at_location_id),
            "valid_from": schedule.valid_from,
            "valid_to": schedule.valid_to,
            "freq": schedule.freq or None,
            "byday": schedule.byday,
            "description": schedule.description,
            "opens_at": schedule.opens_at,
            "closes_at": schedule.closes_at,
            "attending_type": schedule.attending_type,
            "notes": schedule.notes,
        }


def language_record(language: m.Language, reader: Reader) -> Record | None:
    if language_hidden(language, reader):
        return None
    return {
        "id": str(language.id),
        "service_id": _id(language.service_id),
        "location_id": _id(language.location_id),
        "phone_id": _id(language.phone_id),
        "name": language.name,
        "code": language.code,
        "note": language.note,
    }


def accessibility_record(accessibility: m.Accessibility, reader: Reader) -> Record | None:
    if location_hidden(accessibility.location, reader):
        return None
    with translation.override(reader.language):
        return {
            "id": str(accessibility.id),
            "location_id": str(accessibility.location_id),
            "description": accessibility.description,
            "details": accessibility.details,
            "url": accessibility.url,
        }


def service_area_record(service_area: m.ServiceArea, reader: Reader) -> Record:
    with translation.override(reader.language):
        area_name = service_area.area.name if service_area.area_id else ""
        return {
            "id": str(service_area.id),
            "service_id": str(service_area.service_id),
            # A service area chosen among our communities is named after it.
            "name": service_area.name or area_name,
            "description": service_area.description,
            "extent": service_area.extent,
            "extent_type": service_area.extent_type,
            "uri": service_area.uri,
        }


def cost_option_record(cost_option: m.CostOption, reader: Reader) -> Record:
    return {
        "id": str(cost_option.id),
        "service_id": str(cost_option.service_id),
        "valid_from": cost_option.valid_from,
        "valid_to": cost_option.valid_to,
        "option": cost_option.option,
        "currency": cost_option.currency,
        "amount": cost_option.amount,
        "amount_description": cost_option.amount_description,
    }


def required_document_record(document: m.RequiredDocument, reader: Reader) -> Record:
    with translation.override(reader.language):
        return {
            "id": str(document.id),
            "service_id": str(document.service_id),
            "document": document.document,
            "uri": document.uri,
        }


def taxonomy_record(taxonomy: m.Taxonomy, reader: Reader) -> Record:
    with translation.override(reader.language):
        return {
            "id": str(taxonomy.id),
            "name": taxonomy.name or "",
            "description": taxonomy.description or "",
            "uri": taxonomy.uri,
            "version": taxonomy.version,
        }


def taxonomy_term_record(term: m.TaxonomyTerm, reader: Reader) -> Record:
    with translation.override(reader.language):
        return {
            "id": str(term.id),
            "code": term.code,
            "name": term.name or "",
            "description": term.description or "",
            "parent_id": _id(term.parent_id),
            "taxonomy": term.taxonomy.code,
            "language": reader.language,
            "taxonomy_id": str(term.taxonomy_id),
            "term_uri": term.term_uri,
        }


def attribute_record(link_entity: str, link_id: Any, taxonomy_term_id: Any) -> Record:
    return {
        "id": str(attribute_id(link_entity, link_id, taxonomy_term_id)),
        "link_id": str(link_id),
        "taxonomy_term_id": str(taxonomy_term_id),
        "link_type": None,
        "link_entity": link_entity,
        "value": None,
    }


def attribute_records(
    service: m.Service | None = None,
    location: m.Location | None = None,
    phone: m.Phone | None = None,
    *,
    reader: Reader,
) -> list[Record]:
    """The attribute rows of one record: a service's terms; a confidential location or private
    phone's ``confidential`` flag (only for a reader who may see them at all)."""
    if service is not None:
        return [attribute_record("service", service.id, term.id) for term in service.terms.all()]
    if location is not None and location.is_confidential and reader.confidential:
        return [attribute_record("location", location.id, CONFIDENTIAL_TERM_ID)]
    if phone is not None and phone.is_private and reader.confidential:
        return [attribute_record("phone", phone.id, CONFIDENTIAL_TERM_ID)]
    return []


# --- Nested objects (the API) -----------------------------------------------------------------


def _confidential_term(reader: Reader) -> m.TaxonomyTerm:
    if "confidential" not in reader._cache:
        reader._cache["confidential"] = m.TaxonomyTerm.objects.select_related("taxonomy").get(
            pk=CONFIDENTIAL_TERM_ID
        )
    return reader._cache["confidential"]


def taxonomy_object(taxonomy: m.Taxonomy, reader: Reader) -> Record:
    return compact("taxonomy", taxonomy_record(taxonomy, reader))


def taxonomy_term_object(term: m.TaxonomyTerm, reader: Reader) -> Record:
    obj = compact("taxonomy_term", taxonomy_term_record(term, reader))
    obj["taxonomy_detail"] = taxonomy_object(term.taxonomy, reader)
    return obj


def _attribute_objects(
    link_entity: str, link_id: Any, terms: list[m.TaxonomyTerm], reader: Reader
) -> list[Record]:
    objects = []
    for term in terms:
        obj = compact("attribute", attribute_record(link_entity, link_id, term.id))
        obj["taxonomy_term"] = taxonomy_term_object(term, reader)
        objects.append(obj)
    return objects


def organization_object(organisation: Organisation, reader: Reader) -> Record:
    return compact("organization", organization_record(organisation, reader))


def organization_full(
    organisation: Organisation,
    reader: Reader,
    *,
    services: list[m.Service],
    locations: list[m.Location],
    phones: list[m.Phone],
    full_services: bool = False,
) -> Record:
    """An organisation with what it offers in the programme (the caller chooses what is visible)."""
    obj = organization_object(organisation, reader)
    obj["services"] = [
        service_object(service, reader, full=full_services, with_organization=False)
        for service in services
    ]
    obj["phones"] = [p for p in (phone_object(phone, reader) for phone in phones) if p]
    obj["locations"] = [
        loc for loc in (location_object(location, reader) for location in locations) if loc
    ]
    return obj


def phone_object(phone: m.Phone, reader: Reader) -> Record | None:
    record = phone_record(phone, reader)
    if record is None:
        return None
    obj = compact("phone", record)
    obj["languages"] = [
        compact("language", rec)
        for rec in (language_record(language, reader) for language in phone.languages.all())
        if rec
    ]
    flags = [_confidential_term(reader)] if phone.is_private and reader.confidential else []
    obj["attributes"] = _attribute_objects("phone", phone.id, flags, reader)
    return obj


def _schedules(schedules: Any, reader: Reader) -> list[Record]:
    records = (schedule_record(schedule, reader) for schedule in schedules.all())
    return [compact("schedule", rec) for rec in records if rec]


def _languages(languages: Any, reader: Reader) -> list[Record]:
    records = (language_record(language, reader) for language in languages.all())
    return [compact("language", rec) for rec in records if rec]


def _phones(phones: Any, reader: Reader) -> list[Record]:
    return [obj for obj in (phone_object(phone, reader) for phone in phones.all()) if obj]


def location_object(location: m.Location, reader: Reader, *, full: bool = True) -> Record | None:
    record = location_record(location, reader)
    if record is None:
        return None
    obj = compact("location", record)
    # The flag travels even in short listings: whoever receives the place must know to keep it.
    flags = [_confidential_term(reader)] if location.is_confidential else []
    if full:
        obj["languages"] = _languages(location.languages, reader)
        obj["addresses"] = [
            compact("address", rec)
            for rec in (address_record(a, reader) for a in location.addresses.all())
            if rec
        ]
        obj["accessibility"] = [
            compact("accessibility", rec)
            for rec in (accessibility_record(a, reader) for a in location.accessibility.all())
            if rec
        ]
        obj["phones"] = _phones(location.phones, reader)
        obj["schedules"] = _schedules(location.schedules, reader)
    if full or flags:
        obj["attributes"] = _attribute_objects("location", location.id, flags, reader)
    return obj


def service_at_location_object(
    sal: m.ServiceAtLocation, reader: Reader, *, full: bool = True, with_service: bool = True
) -> Record | None:
    record = service_at_location_record(sal, reader)
    if record is None:
        return None
    obj = compact("service_at_location", record)
    obj["location"] = location_object(sal.location, reader, full=full)
    if with_service:
        obj["service"] = service_object(sal.service, reader, full=full, with_locations=False)
    if full:
        obj["phones"] = _phones(sal.phones, reader)
        obj["schedules"] = _schedules(sal.schedules, reader)
    return obj


def service_object(
    service: m.Service,
    reader: Reader,
    *,
    full: bool = True,
    with_locations: bool = True,
    with_organization: bool = True,
) -> Record:
    obj = compact("service", service_record(service, reader))
    if with_organization:
        obj["organization"] = organization_object(service.organisation, reader)
    if not full:
        return obj
    obj["phones"] = _phones(service.phones, reader)
    obj["schedules"] = _schedules(service.schedules, reader)
    obj["service_areas"] = [
        compact("service_area", service_area_record(area, reader))
        for area in service.service_areas.all()
    ]
    if with_locations:
        obj["service_at_locations"] = [
            sal_obj
            for sal_obj in (
                service_at_location_object(sal, reader, with_service=False)
                for sal in service.service_at_locations.all()
            )
            if sal_obj
        ]
    obj["languages"] = _languages(service.languages, reader)
    obj["cost_options"] = [
        compact("cost_option", cost_option_record(option, reader))
        for option in service.cost_options.all()
    ]
    obj["required_documents"] = [
        compact("required_document", required_document_record(document, reader))
        for document in service.required_documents.all()
    ]
    obj["attributes"] = _attribute_objects("service", service.id, list(service.terms.all()), reader)
    return obj


def minimal_service_object(service: m.Service, reader: Reader) -> Record:
    """``minimal=true``: what a client needs to know whether to fetch the service again."""
    record = service_record(service, reader)
    return compact(
        "service", {key: record[key] for key in ("id", "name", "status", "last_modified")}
    )


# --- Querysets that fetch what the objects show, in a fixed number of queries -----------------


def phones_queryset(reader: Reader) -> QuerySet[m.Phone]:
    return (
        m.Phone.objects.filter(visible_phones_q(reader))
        .select_related("organisation", "location", "service_at_location__location")
        .prefetch_related(Prefetch("languages", queryset=languages_queryset(reader)))
        .order_by("type", "number", "pk")
    )


def schedules_queryset(reader: Reader) -> QuerySet[m.Schedule]:
    return (
        m.Schedule.objects.filter(visible_schedules_q(reader))
        .select_related("location", "service_at_location__location")
        .order_by("opens_at", "pk")
    )


def languages_queryset(reader: Reader) -> QuerySet[m.Language]:
    return (
        m.Language.objects.filter(visible_languages_q(reader))
        .select_related("location", "phone__location", "phone__service_at_location__location")
        .order_by("name", "pk")
    )


def location_prefetches(reader: Reader, prefix: str = "") -> list[Any]:
    return [
        Prefetch(f"{prefix}addresses", queryset=m.Address.objects.order_by("pk")),
        Prefetch(f"{prefix}accessibility", queryset=m.Accessibility.objects.order_by("pk")),
        Prefetch(f"{prefix}phones", queryset=phones_queryset(reader)),
        Prefetch(f"{prefix}schedules", queryset=schedules_queryset(reader)),
        Prefetch(f"{prefix}languages", queryset=languages_queryset(reader)),
    ]


def locations_queryset(reader: Reader) -> QuerySet[m.Location]:
    return (
        m.Location.objects.filter(visible_locations_q(reader))
        .select_related("organisation")
        .prefetch_related(*location_prefetches(reader))
        .order_by("name", "pk")
    )


def with_sal_data(
    sals: QuerySet[m.ServiceAtLocation], reader: Reader, *, full: bool = True
) -> QuerySet[m.ServiceAtLocation]:
    sals = sals.filter(visible_locations_q(reader, "location__")).select_related(
        "location__organisation", "service__organisation"
    )
    if not full:
        return sals
    return sals.prefetch_related(
        *location_prefetches(reader, "location__"),
        Prefetch("phones", queryset=phones_queryset(reader)),
        Prefetch("schedules", queryset=schedules_queryset(reader)),
    )


def service_prefetches(
    reader: Reader, prefix: str = "", *, with_locations: bool = True
) -> list[Any]:
    """What a fully nested service shows; ``prefix`` when the service is reached from another
    record (``service__``)."""
    lookups = [
        Prefetch(f"{prefix}phones", queryset=phones_queryset(reader)),
        Prefetch(f"{prefix}schedules", queryset=schedules_queryset(reader)),
        Prefetch(
            f"{prefix}service_areas",
            queryset=m.ServiceArea.objects.select_related("area").order_by("pk"),
        ),
        Prefetch(f"{prefix}languages", queryset=languages_queryset(reader)),
        Prefetch(f"{prefix}cost_options", queryset=m.CostOption.objects.order_by("pk")),
        Prefetch(f"{prefix}required_documents", queryset=m.RequiredDocument.objects.order_by("pk")),
        Prefetch(
            f"{prefix}terms",
            queryset=m.TaxonomyTerm.objects.select_related("taxonomy").order_by(
                "taxonomy__code", "code"
            ),
        ),
    ]
    if with_locations:
        lookups.append(
            Prefetch(
                f"{prefix}service_at_locations",
                queryset=with_sal_data(m.ServiceAtLocation.objects.order_by("pk"), reader),
            )
        )
    return lookups


def with_service_data(
    services: QuerySet[m.Service], reader: Reader, *, full: bool = True
) -> QuerySet[m.Service]:
    services = services.select_related("organisation")
    return services.prefetch_related(*service_prefetches(reader)) if full else services
