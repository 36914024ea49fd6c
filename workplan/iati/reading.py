"""Reading one ``iati-activity`` element into what the workplan keeps of it.

Nothing here touches the database: organisations, areas, pillars and outputs are read as the file
names them and looked up by ``workplan.iati.importer``. What cannot be read is reported as a
``Problem`` naming the activity, the element and its line.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _
from lxml import etree

from workplan.iati import xml
from workplan.iati.xml import Problem


@dataclass
class OrgMention:
    """An organisation as the file names it: reporting-org or participating-org."""

    element: str
    line: int
    ref: str
    names: dict[str, str]  # English and Spanish narratives
    all_names: list[str]  # every narrative, whatever its language
    type: str
    role: int | None = None  # participating-org only

    def label(self) -> str:
        return self.ref or next(iter(self.all_names), "?")


@dataclass
class Tag:
    line: int
    code: str


@dataclass
class ActivityRecord:
    identifier: str
    line: int
    # Field of ``workplan.models.Activity`` → value, for the fields the file states.
    values: dict[str, Any] = field(default_factory=dict)
    # Field → (element, line), to say where a problem with that field comes from.
    origin: dict[str, tuple[str, int]] = field(default_factory=dict)
    reporting: OrgMention | None = None
    secondary_reporter: bool = False
    participants: list[OrgMention] = field(default_factory=list)
    locations: list[tuple[int, list[str]]] = field(default_factory=list)  # (line, names)
    pillar: Tag | None = None
    output: Tag | None = None


class Reader:
    """Reads the activities of one file, collecting the problems it meets."""

    def __init__(self, file: str, default_language: str) -> None:
        self.file = file
        self.default_language = default_language  # for narratives with no language at all
        self.problems: list[Problem] = []

    def problem(self, record: ActivityRecord, element: etree._Element, message: str) -> None:
        self.problems.append(
            Problem(
                self.file,
                line=element.sourceline,
                activity=record.identifier,
                element=_tag(element),
                message=message,
            )
        )

    def activity(self, element: etree._Element) -> ActivityRecord:
        identifier = (element.findtext("iati-identifier") or "").strip()
        record = ActivityRecord(identifier=identifier, line=element.sourceline)
        language = xml.language_of(element, self.default_language)
        self._texts(record, element, language)
        self._organisations(record, element, language)
        self._status_and_dates(record, element)
        self._locations(record, element)
        self._sector(record, element)
        self._tags(record, element)
        self._gender_marker(record, element)
        self._budget(record, element)
        return record

    def _set(self, record: ActivityRecord, name: str, value: Any, element: etree._Element) -> None:
        record.values[name] = value
        record.origin[name] = (_tag(element), element.sourceline)

    def _texts(self, record: ActivityRecord, element: etree._Element, language: str) -> None:
        title = element.find("title")
        texts = xml.narratives(title, language)
        if not any(texts.values()):
            self.problem(record, title, _("The title has no narrative in English or Spanish."))
        for code in xml.LANGUAGES:
            self._set(record, f"title_{code}", texts.get(code, ""), title)
        # The general description (type 1, or no type); objectives, target groups and other
        # descriptions have no place in the workplan.
        paragraphs: dict[str, list[str]] = defaultdict(list)
        first = None
        for description in element.iterchildren("description"):
            if description.get("type", "1") != "1":
                continue
            first = first if first is not None else description
            for code, text in xml.narratives(description, language).items():
                if text:
                    paragraphs[code].append(text)
        for code in xml.LANGUAGES:
            where = first if first is not None else element
            self._set(record, f"description_{code}", "\n\n".join(paragraphs[code]), where)

    def _mention(self, element: etree._Element, language: str) -> OrgMention:
        return OrgMention(
            element=_tag(element),
            line=element.sourceline,
            ref=(element.get("ref") or "").strip(),
            names=xml.narratives(element, language),
            all_names=xml.any_narratives(element),
            type=(element.get("type") or "").strip(),
        )

    def _organisations(
        self, record: ActivityRecord, element: etree._Element, language: str
    ) -> None:
        reporting = element.find("reporting-org")
        record.reporting = self._mention(reporting, language)
        record.secondary_reporter = reporting.get("secondary-reporter", "0") in ("1", "true")
        for participating in element.iterchildren("participating-org"):
            mention = self._mention(participating, language)
            role = participating.get("role", "").strip()
            if role not in {"1", "2", "3", "4"}:
                self.problem(
                    record,
                    participating,
                    _("The role “%(role)s” is not an IATI organisation role (1 to 4).")
                    % {"role": role},
                )
                continue
            if not mention.ref and not mention.all_names:
                self.problem(
                    record,
                    participating,
                    _("The organisation has neither a ref nor a name."),
                )
                continue
            mention.role = int(role)
            record.participants.append(mention)

    def _status_and_dates(self, record: ActivityRecord, element: etree._Element) -> None:
        status = element.find("activity-status")
        code = status.get("code", "").strip()
        if code.isdigit():
            self._set(record, "status", int(code), status)
        else:
            self.problem(
                record,
                status,
                _("The status “%(code)s” is not a code of the IATI ActivityStatus list (1 to 6).")
                % {"code": code},
            )
        for name in xml.DATE_TYPES.values():
            record.values[name] = None
        seen: set[str] = set()
        for date in element.iterchildren("activity-date"):
            kind = date.get("type", "").strip()
            if kind not in xml.DATE_TYPES:
                self.problem(
                    record,
                    date,
                    _("The date type “%(type)s” is not an IATI activity date type (1 to 4).")
                    % {"type": kind},
                )
                continue
            if kind in seen:
                self.problem(record, date, _("This type of date is given twice."))
                continue
            seen.add(kind)
            # The XSD has checked the form YYYY-MM-DD; a time zone suffix is allowed there.
            value = _date(date.get("iso-date", ""))
            if value is None:
                self.problem(record, date, _("This is not a date of the calendar."))
                continue
            self._set(record, xml.DATE_TYPES[kind], value, date)

    def _locations(self, record: ActivityRecord, element: etree._Element) -> None:
        for location in element.iterchildren("location"):
            names = xml.any_narratives(location.find("name"))
            record.locations.append((location.sourceline, names))

    def _sector(self, record: ActivityRecord, element: etree._Element) -> None:
        """The DAC 5-digit sector with the largest percentage (the first of equals)."""
        best: tuple[Decimal, etree._Element] | None = None
        for sector in element.iterchildren("sector"):
            if sector.get("vocabulary", xml.DAC_5_DIGIT) != xml.DAC_5_DIGIT:
                continue
            share = _decimal(sector.get("percentage")) or Decimal(0)
            if best is None or share > best[0]:
                best = (share, sector)
        if best is not None:
            self._set(record, "sector", best[1].get("code", "").strip(), best[1])

    def _tags(self, record: ActivityRecord, element: etree._Element) -> None:
        for tag in element.iterchildren("tag"):
            if tag.get("vocabulary") != xml.VOCABULARY_OWN:
                continue
            uri = (tag.get("vocabulary-uri") or "").strip()
            kind = {xml.PILLAR_VOCABULARY_URI: "pillar", xml.OUTPUT_VOCABULARY_URI: "output"}
            if uri not in kind:
                continue
            name = kind[uri]
            if getattr(record, name) is not None:
                self.problem(
                    record,
                    tag,
                    _("The activity has more than one %(kind)s tag.") % {"kind": name},
                )
                continue
            setattr(record, name, Tag(line=tag.sourceline, code=tag.get("code", "").strip()))

    def _gender_marker(self, record: ActivityRecord, element: etree._Element) -> None:
        for marker in element.iterchildren("policy-marker"):
            if marker.get("vocabulary", "1") != "1":
                continue
            if marker.get("code", "").strip() != xml.GENDER_EQUALITY_MARKER:
                continue
            significance = (marker.get("significance") or "").strip()
            if not significance.isdigit():
                self.problem(
                    record,
                    marker,
                    _(
                        "The gender-equality marker needs a significance of the IATI "
                        "PolicySignificance list (0 to 4)."
                    ),
                )
                return
            self._set(record, "gender_marker", int(significance), marker)
            return

    def _budget(self, record: ActivityRecord, element: etree._Element) -> None:
        """The sum over the budget periods, each period counting its revised budget (type 2)
        rather than its original one where the file gives both."""
        default_currency = (element.get("default-currency") or "").strip()
        by_period: dict[tuple[str, str], tuple[str, etree._Element]] = {}
        for budget in element.iterchildren("budget"):
            period = (
                budget.find("period-start").get("iso-date", ""),
                budget.find("period-end").get("iso-date", ""),
            )
            kind = budget.get("type", "1").strip()
            if period not in by_period or (kind == "2" and by_period[period][0] != "2"):
                by_period[period] = (kind, budget)
        if not by_period:
            record.values["budget"] = None
            return
        total = Decimal(0)
        currencies: set[str] = set()
        first = None
        for _kind, budget in by_period.values():
            first = first if first is not None else budget
            value = budget.find("value")
            currency = (value.get("currency") or default_currency).strip().upper()
            if not currency:
                self.problem(
                    record,
                    value,
                    _("The budget has no currency, and the activity no default-currency."),
                )
                return
            currencies.add(currency)
            total += _decimal(value.text) or Decimal(0)
        if len(currencies) > 1:
            self.problem(
                record,
                first,
                _(
                    "The budgets are in several currencies (%(currencies)s); the workplan keeps "
                    "one budget in one currency."
                )
                % {"currencies": ", ".join(sorted(currencies))},
            )
            return
        self._set(record, "budget", total, first)
        self._set(record, "currency", currencies.pop(), first)


def _tag(element: etree._Element) -> str:
    return etree.QName(element).localname


def _date(value: str) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None


def _decimal(value: str | None) -> Decimal | None:
    try:
        return Decimal((value or "").strip())
    except InvalidOperation:
        return None
