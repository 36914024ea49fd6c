"""A proposal beside the service as it is now: what the coordinator reads before deciding.

A proposed new service is compared with nothing: its "now" column is empty.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from core.models import Visibility
from directory.hours import describe
from directory.manage_payload import SECTIONS, SERVICE_LINKS, empty_payload, service_payload
from directory.manage_selectors import field_label
from directory.models import Phone, Schedule, Service, ServiceChangeRequest, TaxonomyTerm
from organisations.models import Organisation
from programmes.models import Area


@dataclass
class Difference:
    """One changed part of a service: how it reads now and how it would read."""

    label: str
    now: list[str]
    proposed: list[str]
    moved_on: bool  # it changed since the proposal was made


def _texts(row: dict[str, Any], *names: str) -> list[str]:
    return [str(row[name]) for name in names if row.get(name)]


class _Names:
    """Names of the records a payload refers to by id, read in one query per kind."""

    def __init__(self, payloads: list[dict[str, Any]]) -> None:
        organisations, terms, areas = set(), set(), set()
        for payload in payloads:
            fields = payload.get("service", {})
            if fields.get("organisation"):
                organisations.add(fields["organisation"])
            terms.update(fields.get("terms") or [])
            areas.update(fields.get("service_areas") or [])
            areas.update(row["area"] for row in payload.get("locations") or [] if row.get("area"))
        self.organisations = {
            o.pk: str(o) for o in Organisation.objects.filter(pk__in=organisations)
        }
        self.terms = {str(t.pk): t.name for t in TaxonomyTerm.objects.filter(pk__in=terms)}
        self.areas = {a.pk: a.name for a in Area.objects.filter(pk__in=areas)}

    def field(self, name: str, value: Any) -> list[str]:
        if name == "organisation":
            return [self.organisations.get(value, "—")]
        if name == "terms":
            return sorted(self.terms.get(pk, pk) for pk in value or [])
        if name == "service_areas":
            return sorted(str(self.areas.get(pk, pk)) for pk in value or [])
        if name == "languages":
            return [
                " ".join(filter(None, [row["name"], f"({row['code']})" if row["code"] else ""]))
                for row in value or []
            ]
        if name == "status":
            return (
                [str(Service.Status(value).label)]
                if value in Service.Status.values
                else [str(value)]
            )
        if name == "visibility":
            return [str(Visibility(value).label)] if value in Visibility.values else [str(value)]
        if value in (None, ""):
            return ["—"]
        return [str(value)]

    def row(self, section: str, row: dict[str, Any]) -> str:
        return " · ".join(str(part) for part in getattr(self, f"_{section}")(row))

    def _phones(self, row: dict[str, Any]) -> list[Any]:
        parts: list[Any] = [
            row["number"] + (f" ({_('extension')} {row['extension']})" if row["extension"] else "")
        ]
        parts.append(
            Phone.Type(row["type"]).label if row["type"] in Phone.Type.values else row["type"]
        )
        if row["is_private"]:
            parts.append(_("private"))
        return parts + _texts(row, "description_en", "description_es")

    def _schedules(self, row: dict[str, Any]) -> list[Any]:
        probe = Schedule(
            byday=row["byday"],
            opens_at=datetime.time.fromisoformat(row["opens_at"]) if row["opens_at"] else None,
            closes_at=datetime.time.fromisoformat(row["closes_at"]) if row["closes_at"] else None,
        )
        return (describe([probe]) or ["—"]) + _texts(row, "description_en", "description_es")

    def _locations(self, row: dict[str, Any]) -> list[Any]:
        parts: list[Any] = [row["name_en"] or row["name_es"] or _("Location without a name")]
        address = ", ".join(
            _texts(row, "address_1", "address_2", "city", "state_province", "country")
        )
        if address:
            parts.append(address)
        if row.get("area"):
            parts.append(str(self.areas.get(row["area"], row["area"])))
        if row.get("latitude") and row.get("longitude"):
            parts.append(f"{row['latitude']}, {row['longitude']}")
        if row["is_confidential"]:
            parts.append(_("confidential"))
        parts += _texts(row, "transportation_en", "transportation_es")
        access = _texts(
            row,
            "accessibility_description_en",
            "accessibility_description_es",
            "accessibility_details_en",
            "accessibility_details_es",
            "accessibility_url",
        )
        if access:
            parts.append(_("Accessibility: %(text)s") % {"text": "; ".join(access)})
        return parts

    def _cost_options(self, row: dict[str, Any]) -> list[Any]:
        parts: list[Any] = _texts(row, "option")
        if row.get("amount") not in (None, ""):
            parts.append(f"{row['amount']} {row.get('currency') or ''}".strip())
        parts += _texts(row, "amount_description")
        if row.get("valid_from") or row.get("valid_to"):
            parts.append(
                _("valid %(start)s to %(end)s")
                % {"start": row.get("valid_from") or "…", "end": row.get("valid_to") or "…"}
            )
        return parts or ["—"]

    def _required_documents(self, row: dict[str, Any]) -> list[Any]:
        return _texts(row, "document_en", "document_es", "uri") or ["—"]


SECTION_LABELS = {
    "locations": lambda: _("Locations"),
    "phones": lambda: _("Phones"),
    "schedules": lambda: _("Opening hours"),
    "cost_options": lambda: _("Cost options"),
    "required_documents": lambda: _("Documents to bring"),
}
LINK_LABELS = {
    "terms": lambda: _("Service types"),
    "service_areas": lambda: _("Service areas"),
    "languages": lambda: _("Languages spoken"),
}


def change_request_differences(change_request: ServiceChangeRequest) -> list[Difference]:
    """Each proposed change beside the service as it is now (nothing, for a new service)."""
    pending_new = change_request.new_service and change_request.service_id is None
    current = empty_payload() if pending_new else service_payload(change_request.service)
    proposed = change_request.data
    original = change_request.original or {}
    names = _Names([current, proposed])
    differences = []
    for name, value in proposed.get("service", {}).items():
        now = current["service"].get(name)
        label = LINK_LABELS[name]() if name in SERVICE_LINKS else field_label(Service, name)
        differences.append(
            Difference(
                label=label,
                now=["—"] if pending_new else names.field(name, now),
                proposed=names.field(name, value),
                moved_on=name in original.get("service", {}) and original["service"][name] != now,
            )
        )
    for section in SECTIONS:
        if section not in proposed:
            continue
        differences.append(
            Difference(
                label=SECTION_LABELS[section](),
                now=[names.row(section, row) for row in current[section]] or ["—"],
                proposed=[names.row(section, row) for row in proposed[section]] or ["—"],
                moved_on=section in original and original[section] != current[section],
            )
        )
    return differences
