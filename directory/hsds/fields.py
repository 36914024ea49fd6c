"""How each HSDS column maps to a field of our models, and how a cell becomes a value.

Cells are compared in a canonical text form (``canonical``), the same for the file and for what
``directory.hsds.serialize`` writes of the record already in the hub, so that a record is
"unchanged" exactly when exporting it would give the same cells.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from datetime import date, time
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db.models import Model
from django.utils.translation import gettext as _

from directory import models as m
from organisations.models import Organisation

# Kinds of field:
# text     free text; cut at the model's length with a warning
# i18n     free text in one language of a bilingual field (``attr_<language>``)
# code     short text that is not cut (codes, numbers, identifiers): too long is an error
# url, email   text the model validates
# choice   one of the model field's choices (or ``choices``)
# date, time, int, decimal, coord
# ref      the id of another record (``ref`` names its entity)


@dataclass(frozen=True)
class Field:
    hsds: str
    attr: str
    kind: str
    required: bool = False
    ref: str = ""
    soft: bool = False  # an unknown reference is a warning, and the link is left empty
    choices: tuple[str, ...] = ()


F = Field


@dataclass(frozen=True)
class Spec:
    model: type[Model]
    fields: tuple[Field, ...]
    owners: tuple[str, ...] = ()  # at least one of these references must be given


SPECS: dict[str, Spec] = {
    "taxonomy": Spec(m.Taxonomy, (
        F("name", "name", "i18n", required=True),
        F("description", "description", "i18n"),
        F("uri", "uri", "url"),
        F("version", "version", "code"),
    )),
    "taxonomy_term": Spec(m.TaxonomyTerm, (
        F("code", "code", "code"),
        F("name", "name", "i18n", required=True),
        F("description", "description", "i18n"),
        F("parent_id", "parent_id", "ref", ref="taxonomy_term", soft=True),
        F("term_uri", "term_uri", "url"),
    )),
    "organization": Spec(Organisation, (
        F("name", "name", "i18n", required=True),
        F("alternate_name", "acronym", "text"),
        F("website", "website", "url"),
    )),
    "service": Spec(m.Service, (
        F("organization_id", "organisation_id", "ref", required=True, ref="organization"),
        F("name", "name", "i18n", required=True),
        F("alternate_name", "alternate_name", "i18n"),
        F("description", "description", "i18n"),
        F("url", "url", "url"),
        F("email", "email", "email"),
        F("status", "status", "choice", required=True),
        F("interpretation_services", "interpretation_services", "i18n"),
        F("application_process", "application_process", "i18n"),
        F("fees_description", "fees_description", "i18n"),
        F("wait_time", "wait_time", "text"),
        F("accreditations", "accreditations", "text"),
        F("eligibility_description", "eligibility_description", "i18n"),
        F("minimum_age", "minimum_age", "int"),
        F("maximum_age", "maximum_age", "int"),
        F("assured_date", "assured_date", "date"),
        F("assurer_email", "assurer_email", "email"),
        F("licenses", "licenses", "text"),
        F("alert", "alert", "i18n"),
    )),
    "location": Spec(m.Location, (
        F("location_type", "location_type", "choice", required=True),
        F("url", "url", "url"),
        F("organization_id", "organisation_id", "ref", ref="organization", soft=True),
        F("name", "name", "i18n"),
        F("alternate_name", "alternate_name", "text"),
        F("description", "description", "i18n"),
        F("transportation", "transportation", "i18n"),
        F("latitude", "latitude", "coord"),
        F("longitude", "longitude", "coord"),
        F("external_identifier", "external_identifier", "code"),
        F("external_identifier_type", "external_identifier_type", "code"),
    )),
    "service_at_location": Spec(m.ServiceAtLocation, (
        F("service_id", "service_id", "ref", required=True, ref="service"),
        F("location_id", "location_id", "ref", required=True, ref="location"),
        F("description", "description", "i18n"),
    )),
    "phone": Spec(m.Phone, (
        F("location_id", "location_id", "ref", ref="location"),
        F("service_id", "service_id", "ref", ref="service"),
        F("organization_id", "organisation_id", "ref", ref="organization"),
        F("service_at_location_id", "service_at_location_id", "ref", ref="service_at_location"),
        F("number", "number", "code", required=True),
        F("extension", "extension", "code"),
        F("type", "type", "choice"),
        F("description", "description", "i18n"),
    ), owners=("location_id", "service_id", "organization_id", "service_at_location_id")),
    "schedule": Spec(m.Schedule, (
        F("service_id", "service_id", "ref", ref="service"),
        F("location_id", "location_id", "ref", ref="location"),
        F("service_at_location_id", "service_at_location_id", "ref", ref="service_at_location"),
        F("valid_from", "valid_from", "date"),
        F("valid_to", "valid_to", "date"),
        F("freq", "freq", "choice", choices=("WEEKLY", "MONTHLY")),
        F("byday", "byday", "code"),
        F("description", "description", "i18n"),
        F("opens_at", "opens_at", "time"),
        F("closes_at", "closes_at", "time"),
        F("attending_type", "attending_type", "text"),
        F("notes", "notes", "text"),
    ), owners=("service_id", "location_id", "service_at_location_id")),
    "language": Spec(m.Language, (
        F("service_id", "service_id", "ref", ref="service"),
        F("location_id", "location_id", "ref", ref="location"),
        F("phone_id", "phone_id", "ref", ref="phone"),
        F("name", "name", "text"),
        F("code", "code", "code"),
        F("note", "note", "text"),
    ), owners=("service_id", "location_id", "phone_id")),
    "address": Spec(m.Address, (
        F("location_id", "location_id", "ref", required=True, ref="location"),
        F("attention", "attention", "text"),
        F("address_1", "address_1", "text", required=True),
        F("address_2", "address_2", "text"),
        F("city", "city", "text", required=True),
        F("region", "region", "text"),
        F("state_province", "state_province", "text", required=True),
        F("postal_code", "postal_code", "code"),
        F("country", "country", "code", required=True),
        F("address_type", "address_type", "choice", required=True),
    )),
    "accessibility": Spec(m.Accessibility, (
        F("location_id", "location_id", "ref", required=True, ref="location"),
        F("description", "description", "i18n"),
        F("details", "details", "i18n"),
        F("url", "url", "url"),
    )),
    "service_area": Spec(m.ServiceArea, (
        F("service_id", "service_id", "ref", required=True, ref="service"),
        F("name", "name", "text"),
        F("description", "description", "i18n"),
        F("extent", "extent", "text"),
        F("extent_type", "extent_type", "code"),
        F("uri", "uri", "url"),
    )),
    "cost_option": Spec(m.CostOption, (
        F("service_id", "service_id", "ref", required=True, ref="service"),
        F("valid_from", "valid_from", "date"),
        F("valid_to", "valid_to", "date"),
        F("option", "option", "text"),
        F("currency", "currency", "code"),
        F("amount", "amount", "decimal"),
        F("amount_description", "amount_description", "text"),
    )),
    "required_document": Spec(m.RequiredDocument, (
        F("service_id", "service_id", "ref", required=True, ref="service"),
        F("document", "document", "i18n", required=True),
        F("uri", "uri", "url"),
    )),
}  # fmt: skip

# Columns read by the importer outside SPECS (ids, a term's taxonomy, attributes), and columns
# the hub writes itself and reads back as nothing (the export's date of change and language).
SPECIAL_COLUMNS = {
    "taxonomy_term": {"taxonomy", "taxonomy_id", "language"},
    "attribute": {"link_id", "taxonomy_term_id", "link_entity", "link_type", "value"},
    "service": {"last_modified"},
}

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_TIME = re.compile(r"^(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?$")
_OFFSET = re.compile(r"(Z|[+-]\d{2}(:?\d{2})?)$")


class CellError(ValueError):
    """A cell that cannot be read as its field: the message says what is wrong."""


def parse_uuid(text: str) -> uuid.UUID:
    try:
        return uuid.UUID(text.strip())
    except ValueError as error:
        raise CellError(_("“%(value)s” is not a UUID.") % {"value": text}) from error


def _decimal(text: str) -> Decimal:
    try:
        value = Decimal(text)
    except InvalidOperation as error:
        raise CellError(_("“%(value)s” is not a number.") % {"value": text}) from error
    if not value.is_finite():
        raise CellError(_("“%(value)s” is not a number.") % {"value": text})
    return value


def _number_text(value: Decimal) -> str:
    text = format(value.normalize(), "f")
    return "0" if text in ("-0", "") else text


def choices_of(field: Field, model: type[Model]) -> tuple[str, ...]:
    if field.choices:
        return field.choices
    return tuple(str(value) for value, _label in model._meta.get_field(field.attr).choices or ())


def canonical(field: Field, text: str, model: type[Model]) -> str:
    """The cell as the hub would write it; raises CellError when it is not a valid value."""
    text = (text or "").strip()
    if not text:
        return ""
    kind = field.kind
    if kind == "ref":
        return str(parse_uuid(text))
    if kind == "choice":
        allowed = choices_of(field, model)
        if text not in allowed:
            raise CellError(
                _("“%(value)s” is not one of: %(choices)s.")
                % {"value": text, "choices": ", ".join(allowed)}
            )
        return text
    if kind == "date":
        try:
            if not _DATE.match(text):
                raise ValueError
            return date.fromisoformat(text).isoformat()
        except ValueError as error:
            raise CellError(
                _("“%(value)s” is not a date in the form YYYY-MM-DD.") % {"value": text}
            ) from error
    if kind == "time":
        if _OFFSET.search(text) and not _TIME.match(text):
            raise CellError(
                _("“%(value)s”: give the local time, without an offset from UTC.") % {"value": text}
            )
        match = _TIME.match(text)
        try:
            if not match:
                raise ValueError
            hour, minute, second = (int(part or 0) for part in match.groups())
            return time(hour, minute, second).isoformat()
        except ValueError as error:
            raise CellError(
                _("“%(value)s” is not a time in the form HH:MM or HH:MM:SS.") % {"value": text}
            ) from error
    if kind == "int":
        value = _decimal(text)
        if value != value.to_integral_value():
            raise CellError(_("“%(value)s” is not a whole number.") % {"value": text})
        return str(int(value))
    if kind in ("decimal", "coord"):
        value = _decimal(text)
        if kind == "coord":
            value = value.quantize(Decimal("0.000001"))  # what the hub keeps: about 10 cm
        return _number_text(value)
    return text


def value_of(field: Field, text: str, model: type[Model]) -> Any:
    """The model value of a canonical cell."""
    if field.kind == "ref":
        return uuid.UUID(text) if text else None
    if field.kind == "choice" and not text:
        default = model._meta.get_field(field.attr).default
        return default if isinstance(default, str) else ""
    if field.kind == "date":
        return date.fromisoformat(text) if text else None
    if field.kind == "time":
        return time.fromisoformat(text) if text else None
    if field.kind == "int":
        return int(text) if text else None
    if field.kind in ("decimal", "coord"):
        return Decimal(text) if text else None
    return text


def model_attr(field: Field, language: str) -> str:
    return f"{field.attr}_{language}" if field.kind == "i18n" else field.attr
