"""Import an IATI 2.03 activity file into a programme's workplan, all or nothing.

``iati_import`` reads the file safely and checks it against the IATI 2.03 XSD
(``workplan.iati.xml``), reads each ``iati-activity`` (``workplan.iati.reading``), finds its
organisations (``workplan.iati.orgs``), areas, pillar and output, and creates or updates the
activity through ``workplan.services``, so that every write is validated, recorded in the history
and indexed for the duplicate check. All of it runs in one transaction: with any problem, it is
rolled back and ``IatiInputError`` lists them all, each with its line, activity and element.

Idempotent on ``iati-identifier`` within the programme: an activity whose mapped fields equal
what the file says is "unchanged", and nothing is written for it. The mapping, and what is kept
when the file says nothing, are in docs/workplan.md ("IATI interchange").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import DatabaseError, transaction
from django.utils.translation import gettext as _
from lxml import etree

from organisations.models import Organisation
from programmes.models import Area, Pillar, Programme
from workplan import services
from workplan.iati import xml
from workplan.iati.orgs import OrganisationError, OrganisationFinder
from workplan.iati.reading import ActivityRecord, OrgMention, Reader
from workplan.iati.xml import IatiInputError, Problem
from workplan.models import Activity, OrganisationRole, Output

# The history of what an import writes carries no user: the system wrote it, as for HSDS.
SYSTEM = None


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    organisations_created: int = 0
    organisations_joined: int = 0
    warnings: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    dry_run: bool = False


def iati_import(
    *,
    programme: Programme,
    path: Path,
    dry_run: bool = False,
    default_pillar: Pillar | None = None,
) -> ImportReport:
    """Check and write the whole file into the programme; with ``dry_run``, roll it back."""
    tree = xml.parse(path)
    state = _Import(programme, path.name, default_pillar)
    root = tree.getroot()
    if root.get("version") != xml.IATI_VERSION:
        state.report.warnings.append(
            Problem(
                path.name,
                line=root.sourceline,
                element="iati-activities",
                message=_("The file says version “%(version)s”; it was read as IATI %(ours)s.")
                % {"version": root.get("version"), "ours": xml.IATI_VERSION},
            )
        )
    try:
        with transaction.atomic():
            for element in root.iterchildren("iati-activity"):
                state.activity(element)
                if len(state.problems) >= xml.MAX_PROBLEMS:
                    break
            if state.problems:
                raise IatiInputError(state.problems)
            if dry_run:
                transaction.set_rollback(True)
    except DatabaseError as error:
        raise IatiInputError(
            [
                Problem(
                    path.name,
                    message=_("The database refused the import, and nothing was written: %(error)s")
                    % {"error": error},
                )
            ]
        ) from error
    report = state.report
    report.organisations_created = state.organisations.created
    report.organisations_joined = state.organisations.joined
    report.notes = state.organisations.notes
    report.dry_run = dry_run
    return report


class _Import:
    def __init__(self, programme: Programme, file: str, default_pillar: Pillar | None) -> None:
        self.programme = programme
        self.file = file
        self.default_pillar = default_pillar
        self.reader = Reader(file, programme.default_language)
        self.problems = self.reader.problems  # one list for reading and mapping
        self.report = ImportReport()
        self.organisations = OrganisationFinder(programme)
        self.seen: set[str] = set()
        self._areas: dict[str, set[Area]] | None = None

    def problem(self, record: ActivityRecord, element: str, line: int | None, message: str) -> None:
        self.problems.append(Problem(self.file, line, record.identifier, element, message))

    def warn(self, record: ActivityRecord, element: str, line: int | None, message: str) -> None:
        self.report.warnings.append(Problem(self.file, line, record.identifier, element, message))

    # --- One activity -----------------------------------------------------------------------

    def activity(self, element: etree._Element) -> None:
        before = len(self.problems)
        record = self.reader.activity(element)
        identifier_line = element.find("iati-identifier").sourceline
        if not record.identifier:
            self.problem(record, "iati-identifier", identifier_line, _("The identifier is empty."))
            return
        if record.identifier in self.seen:
            self.problem(
                record,
                "iati-identifier",
                identifier_line,
                _("The file holds this activity twice."),
            )
            return
        self.seen.add(record.identifier)
        existing = (
            Activity.objects.filter(programme=self.programme, iati_identifier=record.identifier)
            .prefetch_related("areas", "participations")
            .first()
        )
        values = dict(record.values)
        lead = self._lead(record)
        rows = self._participations(record, lead, existing)
        values["areas"] = self._areas_of(record)
        self._pillar_and_output(record, existing, values)
        if len(self.problems) > before or lead is None or rows is None:
            return
        values["lead_organisation"] = lead
        try:
            if existing is None:
                services.activity_create(
                    programme=self.programme,
                    user=SYSTEM,
                    participations=rows,
                    iati_identifier=record.identifier,
                    **values,
                )
                self.report.created += 1
            else:
                self._update(existing, values, rows)
        except ValidationError as error:
            self._refused(record, error)

    def _update(self, activity: Activity, values: dict[str, Any], rows: list) -> None:
        changed = {
            name: value
            for name, value in values.items()
            if name not in services.M2M_FIELDS and not _same(getattr(activity, name), value)
        }
        for name in services.M2M_FIELDS & set(values):
            if {item.pk for item in values[name]} != {
                item.pk for item in getattr(activity, name).all()
            }:
                changed[name] = values[name]
        wanted = {(organisation.pk, role) for organisation, role in rows}
        have = {(p.organisation_id, p.role) for p in activity.participations.all()}
        if not changed and wanted == have:
            self.report.unchanged += 1
            return
        services.activity_update(
            activity=activity,
            user=SYSTEM,
            data=changed,
            participations=rows if wanted != have else None,
        )
        self.report.updated += 1

    def _refused(self, record: ActivityRecord, error: ValidationError) -> None:
        """Say each of the model's objections under the element it comes from."""
        elsewhere = {
            "lead_organisation": (
                "reporting-org",
                record.reporting.line if record.reporting else None,
            ),
            "participations": (
                "participating-org",
                record.participants[0].line if record.participants else None,
            ),
            "pillar": ("tag", record.pillar.line if record.pillar else record.line),
            "output": ("tag", record.output.line if record.output else record.line),
            "areas": ("location", record.locations[0][0] if record.locations else record.line),
            "iati_identifier": ("iati-identifier", record.line),
        }
        errors = (
            error.message_dict
            if hasattr(error, "error_dict")
            else {NON_FIELD_ERRORS: error.messages}
        )
        for name, messages in errors.items():
            element, line = record.origin.get(name) or elsewhere.get(
                name, ("iati-activity", record.line)
            )
            for message in messages:
                self.problem(record, element, line, message)

    # --- Organisations ----------------------------------------------------------------------

    def _organisation(self, record: ActivityRecord, mention: OrgMention) -> Organisation | None:
        try:
            return self.organisations.find(mention)
        except OrganisationError as error:
            self.problem(
                record,
                mention.element,
                mention.line,
                _("Organisation “%(name)s”: %(error)s") % {"name": mention.label(), "error": error},
            )
            return None

    def _lead(self, record: ActivityRecord) -> Organisation | None:
        """The reporting organisation leads, unless it reports for others (secondary reporter):
        then the first implementing, else accountable, participating organisation leads."""
        assert record.reporting is not None
        mention: OrgMention | None = record.reporting
        if record.secondary_reporter:
            mention = next(
                (
                    participant
                    for role in (OrganisationRole.IMPLEMENTING, OrganisationRole.ACCOUNTABLE)
                    for participant in record.participants
                    if participant.role == role
                ),
                None,
            )
            if mention is None:
                self.problem(
                    record,
                    "reporting-org",
                    record.reporting.line,
                    _(
                        "The reporting organisation is a secondary reporter and no "
                        "participating organisation is implementing (4) or accountable (2): "
                        "the file does not say who leads the activity."
                    ),
                )
                return None
        return self._organisation(record, mention)

    def _participations(
        self, record: ActivityRecord, lead: Organisation | None, existing: Activity | None
    ) -> list[tuple[Organisation, int]] | None:
        """The participating organisations with their roles. The lead's implementing role is
        implied by leading (the export writes it so that the file is complete), so it is kept
        as a participation only where the activity already has it as one."""
        had = (
            {(p.organisation_id, p.role) for p in existing.participations.all()}
            if existing
            else set()
        )
        rows: list[tuple[Organisation, int]] = []
        seen: set[tuple[int, int]] = set()
        complete = True
        for mention in record.participants:
            organisation = self._organisation(record, mention)
            if organisation is None:
                complete = False
                continue
            key = (organisation.pk, int(mention.role or 0))
            implied = (
                lead is not None
                and organisation.pk == lead.pk
                and key[1] == OrganisationRole.IMPLEMENTING
                and key not in had
            )
            if key in seen or implied:
                continue
            seen.add(key)
            rows.append((organisation, key[1]))
        return rows if complete else None

    # --- Areas, pillar and output -----------------------------------------------------------

    def _area_names(self) -> dict[str, set[Area]]:
        if self._areas is None:
            self._areas = {}
            for area in Area.objects.filter(programme=self.programme):
                for name in (area.name_en, area.name_es):
                    if name:
                        self._areas.setdefault(name.strip().casefold(), set()).add(area)
        return self._areas

    def _areas_of(self, record: ActivityRecord) -> list[Area]:
        """The programme's areas the locations name (in English or Spanish); a location that
        names none of them, or several, is left out with a warning."""
        found: list[Area] = []
        for line, names in record.locations:
            if not names:
                self.warn(record, "location", line, _("A location without a name is left out."))
                continue
            areas = set().union(*(self._area_names().get(n.casefold(), set()) for n in names))
            if len(areas) == 1:
                area = areas.pop()
                if area not in found:
                    found.append(area)
            elif areas:
                self.warn(
                    record,
                    "location",
                    line,
                    _("“%(name)s” names several areas of the programme; left out.")
                    % {"name": names[0]},
                )
            else:
                self.warn(
                    record,
                    "location",
                    line,
                    _("No area of the programme is named “%(name)s”; left out.")
                    % {"name": names[0]},
                )
        return found

    def _pillar_and_output(
        self, record: ActivityRecord, existing: Activity | None, values: dict[str, Any]
    ) -> None:
        """The pillar from our pillar tag; without one, an existing activity keeps its pillar
        and a new one takes ``--default-pillar`` or is refused. The output likewise."""
        if record.pillar is not None:
            code = record.pillar.code
            pillar = Pillar.objects.filter(number=int(code)).first() if code.isdigit() else None
            if pillar is None:
                self.problem(
                    record,
                    "tag",
                    record.pillar.line,
                    _("There is no pillar numbered “%(code)s”.") % {"code": code},
                )
            else:
                values["pillar"] = pillar
        elif existing is None and self.default_pillar is not None:
            values["pillar"] = self.default_pillar
        elif existing is None:
            self.problem(
                record,
                "iati-activity",
                record.line,
                _(
                    "The activity has no pillar: add a tag with vocabulary 99, vocabulary-uri "
                    "“%(uri)s” and the pillar's number as code, or import with --default-pillar."
                )
                % {"uri": xml.PILLAR_VOCABULARY_URI},
            )
        if record.output is not None:
            output = Output.objects.filter(
                programme=self.programme, number=record.output.code
            ).first()
            if output is None:
                self.warn(
                    record,
                    "tag",
                    record.output.line,
                    _("The programme has no output numbered “%(code)s”; the activity has none.")
                    % {"code": record.output.code},
                )
            values["output"] = output


def _same(held: Any, read: Any) -> bool:
    """Equal, where an empty translation (None) and an empty narrative ("") are the same."""
    return held == read or (held in (None, "") and read in (None, ""))
