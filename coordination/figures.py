"""Participation figures of coordination bodies: meetings held against planned, attendance, the
stakeholders in the room, action items closed on time, and open and overdue items by
organisation.

The bodies counted are always those the reader may read (``selectors.bodies_visible_to``, built
on ``core.permissions.body_read_q``): a coordinator counts every body of the programme, anyone
else only what the pages would show them. Each figure is computed in a fixed number of queries,
whatever the number of bodies, meetings and action items: the rows of a period are read once and
added up here.

Definitions (also on the page and in docs/coordination.md):

- **Planned**: meetings whose start falls in the period and has passed, including those later
  cancelled; **held** are those marked held. Meetings of the period still to come are counted
  apart, not as missing.
- **Attendance rate**: present / (present + apologies + absent), members and guests alike, over
  the meetings with attendance recorded; the overall rate adds up the people, not the rates.
- **Stakeholders in the room**: among held meetings with attendance recorded, how many had at
  least one person of each stakeholder type present (as they were on the day), and how many
  of them came on average.
- **Action items** due in the period: closed on time (done on or before the due date, in the
  programme's time zone), closed late, dropped, open (not yet due) and overdue. The on-time
  share leaves dropped items out.
- **Open and overdue items by organisation**: today, whatever the period, by the owning
  organisation; items owned by a person only are counted together, without naming anyone.
"""

from __future__ import annotations

import datetime
import zoneinfo
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from coordination.models import ActionItem, Attendance, Body, Meeting, StakeholderType
from coordination.selectors import bodies_visible_to
from organisations.models import Organisation
from programmes.models import Programme
from workplan.exports import Table

PRESENT = Attendance.Status.PRESENT
STAKEHOLDER_TYPES = [value for value, _label in StakeholderType.choices]


# --- The period -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Period:
    """From and to, both included, in the programme's time zone."""

    start: datetime.date
    end: datetime.date

    @classmethod
    def last_twelve_months(cls, today: datetime.date) -> Period:
        try:
            year_before = today.replace(year=today.year - 1)
        except ValueError:  # 29 February
            year_before = today.replace(year=today.year - 1, day=28)
        return cls(start=year_before + datetime.timedelta(days=1), end=today)

    def bounds(self, time_zone: str) -> tuple[datetime.datetime, datetime.datetime]:
        zone = zoneinfo.ZoneInfo(time_zone)
        first = datetime.datetime.combine(self.start, datetime.time.min, tzinfo=zone)
        after = datetime.datetime.combine(
            self.end + datetime.timedelta(days=1), datetime.time.min, tzinfo=zone
        )
        return first, after


def percent_text(value: float | None) -> str:
    return "—" if value is None else formats.number_format(value, decimal_pos=1)


def percent(part: int | float, whole: int | float) -> float | None:
    """A share in per cent with one decimal, or None when there is nothing to divide by."""
    if not whole:
        return None
    return round(100 * part / whole, 1)


# --- What is counted --------------------------------------------------------------------------


@dataclass
class MeetingRow:
    """One meeting of the period with its attendance."""

    pk: int
    body_id: int
    start: datetime.datetime
    title: str
    status: str
    present: int = 0
    apologies: int = 0
    absent: int = 0
    present_of: dict[str, int] = field(default_factory=dict)

    @property
    def recorded(self) -> int:
        return self.present + self.apologies + self.absent

    @property
    def rate(self) -> float | None:
        return percent(self.present, self.recorded)

    @property
    def status_label(self) -> str:
        return str(Meeting.Status(self.status).label)


@dataclass
class Tally:
    """The figures of one body, or of several added together."""

    planned: int = 0
    held: int = 0
    cancelled: int = 0
    not_recorded: int = 0
    coming: int = 0
    present: int = 0
    apologies: int = 0
    absent: int = 0
    with_attendance: int = 0
    meetings_with: Counter = field(default_factory=Counter)
    present_of: Counter = field(default_factory=Counter)
    on_time: int = 0
    late: int = 0
    dropped: int = 0
    open: int = 0
    overdue: int = 0

    def count_meeting(self, row: MeetingRow, now: datetime.datetime) -> None:
        if row.start > now:
            if row.status != Meeting.Status.CANCELLED:
                self.coming += 1
            return
        self.planned += 1
        if row.status == Meeting.Status.HELD:
            self.held += 1
        elif row.status == Meeting.Status.CANCELLED:
            self.cancelled += 1
        else:
            self.not_recorded += 1
        if row.status == Meeting.Status.HELD and row.recorded:
            self.present += row.present
            self.apologies += row.apologies
            self.absent += row.absent
            self.with_attendance += 1
            for kind, count in row.present_of.items():
                if count:
                    self.meetings_with[kind] += 1
                    self.present_of[kind] += count

    def count_action(
        self, status: str, due: datetime.date, closed: datetime.date | None, today: datetime.date
    ) -> None:
        if status == ActionItem.Status.DONE:
            if closed is not None and closed <= due:
                self.on_time += 1
            else:
                self.late += 1
        elif status == ActionItem.Status.DROPPED:
            self.dropped += 1
        elif due < today:
            self.overdue += 1
        else:
            self.open += 1

    def add(self, other: Tally) -> None:
        for name in (
            "planned",
            "held",
            "cancelled",
            "not_recorded",
            "coming",
            "present",
            "apologies",
            "absent",
            "with_attendance",
            "on_time",
            "late",
            "dropped",
            "open",
            "overdue",
        ):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.meetings_with.update(other.meetings_with)
        self.present_of.update(other.present_of)

    @property
    def held_rate(self) -> float | None:
        return percent(self.held, self.planned)

    @property
    def recorded(self) -> int:
        return self.present + self.apologies + self.absent

    @property
    def attendance_rate(self) -> float | None:
        return percent(self.present, self.recorded)

    def share_with(self, kind: str) -> float | None:
        return percent(self.meetings_with[kind], self.with_attendance)

    def average_of(self, kind: str) -> float | None:
        if not self.with_attendance:
            return None
        return round(self.present_of[kind] / self.with_attendance, 1)

    @property
    def due(self) -> int:
        return self.on_time + self.late + self.dropped + self.open + self.overdue

    @property
    def on_time_rate(self) -> float | None:
        return percent(self.on_time, self.due - self.dropped)


@dataclass
class OrganisationRow:
    name: str
    open: int
    overdue: int


@dataclass
class Figures:
    programme: Programme
    period: Period
    total: Tally
    bodies: list[tuple[Body, Tally]]
    meetings: list[MeetingRow]
    organisations: list[OrganisationRow]
    today: datetime.date
    now: datetime.datetime


def _meeting_rows(body_ids: list[int], period: Period, time_zone: str) -> list[MeetingRow]:
    first, after = period.bounds(time_zone)
    counts: dict[str, Any] = {
        status: Count("attendance", filter=Q(attendance__status=status))
        for status in Attendance.Status.values
    }
    counts.update(
        {
            f"present_{kind}": Count(
                "attendance",
                filter=Q(attendance__status=PRESENT, attendance__stakeholder_type=kind),
            )
            for kind in STAKEHOLDER_TYPES
        }
    )
    rows = (
        Meeting.objects.filter(body_id__in=body_ids, start__gte=first, start__lt=after)
        .annotate(**counts)
        .values("pk", "body_id", "start", "title", "series__title", "status", *counts)
        .order_by("start", "pk")
    )
    return [
        MeetingRow(
            pk=row["pk"],
            body_id=row["body_id"],
            start=row["start"],
            title=row["title"] or row["series__title"] or "",
            status=row["status"],
            present=row["present"],
            apologies=row["apologies"],
            absent=row["absent"],
            present_of={kind: row[f"present_{kind}"] for kind in STAKEHOLDER_TYPES},
        )
        for row in rows
    ]


def _organisation_rows(body_ids: list[int], today: datetime.date) -> list[OrganisationRow]:
    grouped = list(
        ActionItem.objects.filter(body_id__in=body_ids)
        .open()
        .values("owner_organisation")
        .annotate(open=Count("pk"), overdue=Count("pk", filter=Q(due_date__lt=today)))
        .order_by()
    )
    names = {
        organisation.pk: str(organisation)
        for organisation in Organisation.objects.filter(
            pk__in=[row["owner_organisation"] for row in grouped if row["owner_organisation"]]
        )
    }
    rows = [
        OrganisationRow(
            name=names.get(row["owner_organisation"], "")
            or _("No organisation named (owned by a person)"),
            open=row["open"],
            overdue=row["overdue"],
        )
        for row in grouped
    ]
    return sorted(rows, key=lambda row: (-row.overdue, -row.open, row.name.casefold()))


def compute(
    *,
    user: Any,
    programme: Programme,
    period: Period,
    body: Body | None = None,
    now: datetime.datetime | None = None,
) -> Figures:
    """The figures of the bodies of ``programme`` that ``user`` reads (or of ``body`` alone,
    which the caller found among them)."""
    now = now or timezone.now()
    zone = zoneinfo.ZoneInfo(programme.time_zone)
    today = timezone.localtime(now, zone).date()
    if body is not None:
        bodies = [body]
    else:
        bodies = list(
            bodies_visible_to(user)
            .filter(programme=programme)
            .select_related("pillar")
            .order_by("type", "name", "pk")
        )
    body_ids = [b.pk for b in bodies]
    tallies = {b.pk: Tally() for b in bodies}
    meetings = _meeting_rows(body_ids, period, programme.time_zone)
    for row in meetings:
        tallies[row.body_id].count_meeting(row, now)
    items = ActionItem.objects.filter(
        body_id__in=body_ids, due_date__gte=period.start, due_date__lte=period.end
    ).values_list("body_id", "status", "due_date", "closed_at")
    for body_id, status, due, closed_at in items:
        closed = timezone.localtime(closed_at, zone).date() if closed_at else None
        tallies[body_id].count_action(status, due, closed, today)
    total = Tally()
    for tally in tallies.values():
        total.add(tally)
    return Figures(
        programme=programme,
        period=period,
        total=total,
        bodies=[(b, tallies[b.pk]) for b in bodies],
        meetings=meetings,
        organisations=_organisation_rows(body_ids, today),
        today=today,
        now=now,
    )


# --- Tables: what the page shows and the files hold -------------------------------------------


@dataclass
class FigureTable:
    """A table of the page, with its slug (for ``?table=``) and which columns are numbers."""

    slug: str
    caption: str
    table: Table
    numeric_from: int = 1  # the columns from this one on are numbers

    @property
    def cells(self) -> list[list[tuple[Any, bool]]]:
        return [
            [(value, index >= self.numeric_from) for index, value in enumerate(row)]
            for row in self.table.rows
        ]


def _held_cells(tally: Tally) -> list[Any]:
    return [
        tally.planned,
        tally.held,
        tally.held_rate,
        tally.cancelled,
        tally.not_recorded,
        tally.coming,
    ]


def _attendance_cells(tally: Tally) -> list[Any]:
    return [
        tally.with_attendance,
        tally.present,
        tally.apologies,
        tally.absent,
        tally.attendance_rate,
    ]


def _action_cells(tally: Tally) -> list[Any]:
    return [
        tally.due,
        tally.on_time,
        tally.late,
        tally.dropped,
        tally.open,
        tally.overdue,
        tally.on_time_rate,
    ]


def _held_headers() -> list[str]:
    return [
        _("Planned"),
        _("Held"),
        _("Held (%)"),
        _("Cancelled"),
        _("Not recorded as held"),
        _("Still to come"),
    ]


def _attendance_headers() -> list[str]:
    return [
        _("Meetings with attendance"),
        _("Present"),
        _("Apologies"),
        _("Absent"),
        _("Attendance rate (%)"),
    ]


def _action_headers() -> list[str]:
    return [
        _("Due in the period"),
        _("Closed on time"),
        _("Closed late"),
        _("Dropped"),
        _("Open, not yet due"),
        _("Overdue"),
        _("Closed on time (%)"),
    ]


def tables(figures: Figures, *, per_meeting: bool) -> list[FigureTable]:
    """Every table of the page, in its order. ``per_meeting``: a body's page lists its meetings;
    the programme's page lists its bodies."""
    total = figures.total
    found: list[FigureTable] = []
    if per_meeting:
        found.append(
            FigureTable(
                slug="meetings",
                caption=_("Meetings held against planned"),
                table=Table(
                    title=_("Meetings"),
                    headers=[_("Figure"), _("Meetings")],
                    rows=[
                        [label, value]
                        for label, value in zip(_held_headers(), _held_cells(total), strict=True)
                    ],
                ),
            )
        )
        found.append(
            FigureTable(
                slug="attendance",
                caption=_("Attendance at each meeting"),
                table=Table(
                    title=_("Attendance"),
                    headers=[
                        _("Date"),
                        _("Meeting"),
                        _("Status"),
                        _("Present"),
                        _("Apologies"),
                        _("Absent"),
                        _("Attendance rate (%)"),
                        *[
                            _("%(type)s present") % {"type": label}
                            for _value, label in StakeholderType.choices
                        ],
                    ],
                    rows=[
                        [
                            timezone.localtime(
                                row.start, zoneinfo.ZoneInfo(figures.programme.time_zone)
                            ).date(),
                            row.title,
                            row.status_label,
                            row.present if row.recorded else None,
                            row.apologies if row.recorded else None,
                            row.absent if row.recorded else None,
                            row.rate,
                            *[
                                row.present_of.get(kind, 0) if row.recorded else None
                                for kind in STAKEHOLDER_TYPES
                            ],
                        ]
                        for row in figures.meetings
                        if row.start <= figures.now
                    ]
                    + [
                        [
                            _("All meetings"),
                            "",
                            "",
                            *_attendance_cells(total)[1:],
                            *[total.present_of[kind] for kind in STAKEHOLDER_TYPES],
                        ]
                    ],
                ),
                numeric_from=3,
            )
        )
    else:
        found.append(
            FigureTable(
                slug="bodies",
                caption=_("Meetings and attendance by body"),
                table=Table(
                    title=_("Bodies"),
                    headers=[_("Body"), *_held_headers(), *_attendance_headers()],
                    rows=[
                        [b.name, *_held_cells(t), *_attendance_cells(t)] for b, t in figures.bodies
                    ]
                    + [[_("All bodies"), *_held_cells(total), *_attendance_cells(total)]],
                ),
            )
        )
    found.append(
        FigureTable(
            slug="stakeholders",
            caption=_("Stakeholders in the room"),
            table=Table(
                title=_("Stakeholders"),
                headers=[
                    _("Stakeholder type"),
                    _("Meetings with them present"),
                    _("Share of meetings (%)"),
                    _("Present on average"),
                ],
                rows=[
                    [
                        str(label),
                        total.meetings_with[kind],
                        total.share_with(kind),
                        total.average_of(kind),
                    ]
                    for kind, label in StakeholderType.choices
                ],
            ),
        )
    )
    action_rows = (
        [[b.name, *_action_cells(t)] for b, t in figures.bodies] if not per_meeting else []
    )
    found.append(
        FigureTable(
            slug="actions",
            caption=_("Action items due in the period"),
            table=Table(
                title=_("Action items"),
                headers=[_("Body"), *_action_headers()],
                rows=[
                    *action_rows,
                    [
                        _("All bodies") if not per_meeting else figures.bodies[0][0].name,
                        *_action_cells(total),
                    ],
                ],
            ),
        )
    )
    found.append(
        FigureTable(
            slug="organisations",
            caption=_("Open and overdue action items by organisation, today"),
            table=Table(
                title=_("By organisation"),
                headers=[_("Organisation"), _("Open"), _("Overdue")],
                rows=[[row.name, row.open, row.overdue] for row in figures.organisations],
            ),
        )
    )
    return found


# --- Charts: bars a coordinator reads at a glance, each with its words ------------------------


@dataclass
class Bar:
    label: str
    length: float  # 0 to 100
    text: str


@dataclass
class Chart:
    slug: str
    title: str
    bars: list[Bar]
    table: str = ""  # the slug of the table holding the same figures, if not ``slug``

    def __post_init__(self) -> None:
        self.table = self.table or self.slug


def _bar(label: str, rate: float | None, text: str) -> Bar:
    return Bar(label=label, length=max(0.0, min(100.0, rate or 0.0)), text=text)


def _held_text(tally: Tally) -> str:
    if not tally.planned:
        return _("No meeting planned in the period")
    return _("%(held)s held of %(planned)s planned (%(rate)s %%)") % {
        "held": tally.held,
        "planned": tally.planned,
        "rate": percent_text(tally.held_rate),
    }


def _attendance_text(present: int, recorded: int) -> str:
    if not recorded:
        return _("No attendance recorded")
    return _("%(present)s present of %(recorded)s recorded (%(rate)s %%)") % {
        "present": present,
        "recorded": recorded,
        "rate": percent_text(percent(present, recorded)),
    }


def charts(figures: Figures, *, per_meeting: bool) -> list[Chart]:
    total = figures.total
    found: list[Chart] = []
    if per_meeting:
        found.append(
            Chart(
                slug="meetings",
                title=_("Meetings held against planned"),
                bars=[_bar(_("Held"), total.held_rate, _held_text(total))],
            )
        )
        zone = zoneinfo.ZoneInfo(figures.programme.time_zone)
        found.append(
            Chart(
                slug="attendance",
                title=_("Attendance rate at each meeting"),
                bars=[
                    _bar(
                        timezone.localtime(row.start, zone).date().isoformat(),
                        row.rate,
                        _attendance_text(row.present, row.recorded),
                    )
                    for row in figures.meetings
                    if row.status == Meeting.Status.HELD
                ]
                + [
                    _bar(
                        _("All meetings"),
                        total.attendance_rate,
                        _attendance_text(total.present, total.recorded),
                    )
                ],
            )
        )
    else:
        found.append(
            Chart(
                slug="bodies",
                title=_("Meetings held against planned, by body"),
                bars=[_bar(b.name, t.held_rate, _held_text(t)) for b, t in figures.bodies],
            )
        )
        found.append(
            Chart(
                slug="attendance",
                table="bodies",
                title=_("Attendance rate, by body"),
                bars=[
                    _bar(b.name, t.attendance_rate, _attendance_text(t.present, t.recorded))
                    for b, t in figures.bodies
                ],
            )
        )
    found.append(
        Chart(
            slug="stakeholders",
            title=_("Share of meetings with each stakeholder type present"),
            bars=[
                _bar(
                    str(label),
                    total.share_with(kind),
                    _("%(count)s of %(meetings)s meetings (%(rate)s %%)")
                    % {
                        "count": total.meetings_with[kind],
                        "meetings": total.with_attendance,
                        "rate": percent_text(total.share_with(kind) or 0.0),
                    },
                )
                for kind, label in StakeholderType.choices
            ],
        )
    )
    due = total.due
    found.append(
        Chart(
            slug="actions",
            title=_("Action items due in the period"),
            bars=[
                _bar(
                    label,
                    percent(count, due),
                    _("%(count)s of %(due)s") % {"count": count, "due": due},
                )
                for label, count in (
                    (_("Closed on time"), total.on_time),
                    (_("Closed late"), total.late),
                    (_("Dropped"), total.dropped),
                    (_("Open, not yet due"), total.open),
                    (_("Overdue"), total.overdue),
                )
            ],
        )
    )
    most = max((row.open for row in figures.organisations), default=0)
    found.append(
        Chart(
            slug="organisations",
            title=_("Open action items by organisation, today"),
            bars=[
                _bar(
                    row.name,
                    percent(row.open, most),
                    _("%(open)s open, %(overdue)s overdue")
                    % {"open": row.open, "overdue": row.overdue},
                )
                for row in figures.organisations
            ],
        )
    )
    return found
