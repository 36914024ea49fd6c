"""Write a programme's workplan as an IATI 2.03 activity file.

Only activities with an IATI identifier are written: the identifier is the reporting
organisation's to give (it starts with that organisation's own identifier), so the hub does not
make one up. An activity with no date at all is left out too, as IATI requires one. Each left-out
activity is counted with its reason.

Elements are written in the order of the XSD's sequence, and the file is checked against the XSD
before it is returned: an export that does not validate is a bug, and raises.
"""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from lxml import etree

from core.models import Visibility
from programmes.models import Programme
from workplan.iati import xml
from workplan.iati.orgs import iati_type
from workplan.models import Activity, OrganisationRole

DATE_TYPES = {name: code for code, name in xml.DATE_TYPES.items()}


@dataclass
class ExportResult:
    content: bytes
    written: int = 0
    left_out: Counter[str] = field(default_factory=Counter)  # reason → how many


class ExportInvalidError(Exception):
    """The file written does not validate against the XSD (a bug in the export)."""


def activities_for_export(programme: Programme, *, public_only: bool = False) -> QuerySet[Activity]:
    activities = Activity.objects.filter(programme=programme)
    if public_only:
        activities = activities.filter(visibility=Visibility.PUBLIC)
    return activities.select_related("lead_organisation", "pillar", "output").prefetch_related(
        "areas", "participations__organisation"
    )


def iati_export(*, programme: Programme, public_only: bool = False) -> ExportResult:
    root = etree.Element("iati-activities")
    root.set("version", xml.IATI_VERSION)
    root.set("generated-datetime", _datetime(timezone.now()))
    result = ExportResult(content=b"")
    for activity in activities_for_export(programme, public_only=public_only).order_by("pk"):
        if not activity.iati_identifier:
            result.left_out[_("no IATI identifier")] += 1
            continue
        if not any(getattr(activity, name) for name in DATE_TYPES):
            result.left_out[_("no date (IATI requires one)")] += 1
            continue
        root.append(activity_element(activity, programme.default_language))
        result.written += 1
    tree = etree.ElementTree(root)
    if result.written:
        # An empty file would not validate (IATI requires one activity at least); the caller
        # says there is nothing to write.
        problems = xml.schema_problems(tree, "export")
        if problems:
            raise ExportInvalidError("\n".join(str(problem) for problem in problems))
    result.content = etree.tostring(tree, pretty_print=True, xml_declaration=True, encoding="UTF-8")
    return result


def _datetime(value: datetime.datetime) -> str:
    return value.astimezone(datetime.UTC).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


def _texts(instance: object, name: str) -> dict[str, str]:
    return {code: getattr(instance, f"{name}_{code}") or "" for code in xml.LANGUAGES}


def _sub(parent: etree._Element, tag: str, **attributes: str) -> etree._Element:
    element = etree.SubElement(parent, tag)
    for key, value in attributes.items():
        element.set(key.replace("_", "-"), value)
    return element


def activity_element(activity: Activity, language: str) -> etree._Element:
    """One ``iati-activity``, its children in the XSD's order."""
    element = etree.Element("iati-activity")
    element.set(xml.XML_LANG, language)
    element.set("default-currency", activity.currency)
    element.set("last-updated-datetime", _datetime(activity.updated_at))
    _sub(element, "iati-identifier").text = activity.iati_identifier

    lead = activity.lead_organisation
    reporting = _sub(element, "reporting-org", ref=lead.iati_identifier, type=iati_type(lead))
    xml.add_narratives(reporting, _texts(lead, "name"))

    xml.add_narratives(_sub(element, "title"), _texts(activity, "title"))
    description = _sub(element, "description", type="1")
    texts = _texts(activity, "description")
    if any(texts.values()):
        xml.add_narratives(description, texts)
    else:
        # The XSD wants a description with a narrative: an empty one says there is none.
        narrative = _sub(description, "narrative")
        narrative.set(xml.XML_LANG, language)
        narrative.text = ""

    participations = sorted(activity.participations.all(), key=lambda p: (p.role, p.pk))
    rows = [(p.organisation, p.role) for p in participations]
    if (lead.pk, OrganisationRole.IMPLEMENTING) not in {(o.pk, r) for o, r in rows}:
        # The lead implements: said so that the file is complete (the import takes it back).
        rows.insert(0, (lead, OrganisationRole.IMPLEMENTING))
    for organisation, role in rows:
        participating = _sub(element, "participating-org", role=str(role))
        if organisation.iati_identifier:
            participating.set("ref", organisation.iati_identifier)
        participating.set("type", iati_type(organisation))
        xml.add_narratives(participating, _texts(organisation, "name"))

    _sub(element, "activity-status", code=str(activity.status))
    for name, code in sorted(DATE_TYPES.items(), key=lambda item: item[1]):
        value = getattr(activity, name)
        if value:
            _sub(element, "activity-date", type=code, iso_date=value.isoformat())

    for area in sorted(activity.areas.all(), key=lambda area: area.pk):
        location = _sub(element, "location")
        if area.code:
            location.set("ref", area.code)
        xml.add_narratives(_sub(location, "name"), _texts(area, "name"))

    _sub(element, "sector", vocabulary=xml.DAC_5_DIGIT, code=activity.sector, percentage="100")
    pillar = _sub(
        element,
        "tag",
        vocabulary=xml.VOCABULARY_OWN,
        vocabulary_uri=xml.PILLAR_VOCABULARY_URI,
        code=str(activity.pillar.number),
    )
    xml.add_narratives(pillar, _texts(activity.pillar, "name"))
    if activity.output is not None:
        output = _sub(
            element,
            "tag",
            vocabulary=xml.VOCABULARY_OWN,
            vocabulary_uri=xml.OUTPUT_VOCABULARY_URI,
            code=activity.output.number,
        )
        xml.add_narratives(output, _texts(activity.output, "title"))
    _sub(
        element,
        "policy-marker",
        vocabulary="1",
        code=xml.GENDER_EQUALITY_MARKER,
        significance=str(activity.gender_marker),
    )
    if activity.budget is not None:
        # One budget for the whole activity, over its dates (IATI's rules, not its schema,
        # prefer periods of a year at most).
        start = activity.start or activity.end
        end = activity.end or activity.start
        budget = _sub(element, "budget", type="1", status="1")
        _sub(budget, "period-start", iso_date=start.isoformat())
        _sub(budget, "period-end", iso_date=end.isoformat())
        value = _sub(budget, "value", currency=activity.currency, value_date=start.isoformat())
        value.text = str(activity.budget)
    return element
