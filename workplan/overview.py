"""Reads for the workplan's overview pages: the "4W" matrices, the map's counts and the alignment.

Every matrix is built from the activities ``workplan.selectors.activity_list`` returns for the
reader (so ``visible_to`` decides what is counted, never this module) with the same filters as
the list, plus the period they are active in. Each matrix takes a fixed number of queries,
whatever the number of activities: one for the activities' numbers, one for their links (areas or
priorities), and one each for the rows and columns.

Budgets in different currencies are never added together nor converted: a cell holds the total
per currency ("USD 120,000 · JMD 2,000,000"). An activity without a budget counts as an activity
and adds nothing to the budget.

A cell, a row total, a column total and the grand total each count an activity once. An
activity in two areas (or serving two priorities) is counted in both rows, so the rows of those
matrices may add up to more than the total; agency × pillar counts each activity under its lead
organisation only, so its rows add up.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Q, QuerySet
from django.db.models.functions import Coalesce
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from organisations.models import Organisation
from programmes.models import Area, GovernmentPriority, Pillar, Programme
from programmes.selectors import as_tree
from workplan.models import Activity
from workplan.selectors import activity_list

# The numbers a matrix needs from each activity, read as plain values.
ACTIVITY_VALUES = ("pk", "lead_organisation_id", "pillar_id", "budget", "currency")


@dataclass(frozen=True)
class ActivityRow:
    pk: int
    lead_organisation_id: int
    pillar_id: int
    budget: Decimal | None
    currency: str


# --- Which activities ---------------------------------------------------------------------------


def overview_activities(
    *, user: Any, programme: Programme, filters: dict[str, Any]
) -> QuerySet[Activity]:
    """The activities ``user`` may read, with the list's filters and the period they are active in.

    An activity is active from its start (actual, else planned) to its end (actual, else
    planned); an unknown start or end does not leave it out.
    """
    activities = activity_list(
        user=user,
        programme=programme,
        pillar=filters.get("pillar"),
        area=filters.get("area"),
        organisation=filters.get("organisation"),
        status=filters.get("status"),
        group=filters.get("group") or None,
        priority=filters.get("priority"),
        query=filters.get("q") or "",
    )
    active_from: datetime.date | None = filters.get("active_from")
    active_until: datetime.date | None = filters.get("active_until")
    if active_from or active_until:
        activities = activities.annotate(
            _start=Coalesce("actual_start", "planned_start"),
            _end=Coalesce("actual_end", "planned_end"),
        )
        if active_from:
            activities = activities.filter(Q(_end__isnull=True) | Q(_end__gte=active_from))
        if active_until:
            activities = activities.filter(Q(_start__isnull=True) | Q(_start__lte=active_until))
    return activities


def _rows(activities: QuerySet[Activity]) -> list[ActivityRow]:
    return [ActivityRow(*values) for values in activities.order_by().values_list(*ACTIVITY_VALUES)]


# --- Cells, rows and matrices ---------------------------------------------------------------------


def format_money(currency: str, amount: Decimal) -> str:
    """ "USD 120,000" in the reader's language (whole units; exports keep the cents)."""
    return f"{currency} {number_format(amount, decimal_pos=0, force_grouping=True)}"


@dataclass
class Cell:
    """How many activities, and their budgets per currency; each activity counted once."""

    count: int = 0
    budgets: dict[str, Decimal] = field(default_factory=dict)
    ids: set[int] = field(default_factory=set, repr=False)

    def add(self, activity: ActivityRow) -> None:
        if activity.pk in self.ids:
            return
        self.ids.add(activity.pk)
        self.count += 1
        if activity.budget is not None:
            self.budgets[activity.currency] = (
                self.budgets.get(activity.currency, Decimal(0)) + activity.budget
            )

    @property
    def money(self) -> list[str]:
        """["JMD 2,000,000", "USD 120,000"]: one total per currency, by code, never summed."""
        return [format_money(code, self.budgets[code]) for code in sorted(self.budgets)]

    @property
    def money_text(self) -> str:
        return " · ".join(self.money)


@dataclass
class Line:
    """One row of a matrix: what it is about, its cells (one per column) and its total."""

    key: Any
    label: str
    cells: list[Cell]
    total: Cell = field(default_factory=Cell)
    depth: int = 0
    record: Any = None  # the organisation, area or priority, when there is one

    @property
    def is_empty(self) -> bool:
        return self.total.count == 0


@dataclass
class Matrix:
    kind: str  # "agency-pillar", "area-pillar", "priority-pillar"
    row_heading: str
    columns: list[Pillar]
    lines: list[Line]
    column_totals: list[Cell]
    total: Cell
    rows_may_overlap: bool = False  # an activity may be counted in more than one row

    @property
    def currencies(self) -> list[str]:
        return sorted(self.total.budgets)


def _matrix(
    *,
    kind: str,
    row_heading: str,
    pillars: list[Pillar],
    lines: list[Line],
    activities: list[ActivityRow],
    keys_of: Callable[[ActivityRow], Iterable[Any]],
    rows_may_overlap: bool,
) -> Matrix:
    column = {pillar.pk: index for index, pillar in enumerate(pillars)}
    by_key = {line.key: line for line in lines}
    matrix = Matrix(
        kind=kind,
        row_heading=row_heading,
        columns=pillars,
        lines=lines,
        column_totals=[Cell() for _pillar in pillars],
        total=Cell(),
        rows_may_overlap=rows_may_overlap,
    )
    for activity in activities:
        index = column[activity.pillar_id]
        matrix.column_totals[index].add(activity)
        matrix.total.add(activity)
        for key in keys_of(activity):
            line = by_key.get(key)
            if line is not None:
                line.cells[index].add(activity)
                line.total.add(activity)
    return matrix


def _pillars() -> list[Pillar]:
    return list(Pillar.objects.order_by("number"))


def _cells(pillars: list[Pillar]) -> list[Cell]:
    return [Cell() for _pillar in pillars]


# --- Agency × pillar ----------------------------------------------------------------------------


def agency_pillar_matrix(*, activities: QuerySet[Activity]) -> Matrix:
    """Lead organisations × pillars: each activity under its lead organisation, so rows add up."""
    rows = _rows(activities)
    pillars = _pillars()
    organisations = Organisation.objects.filter(
        pk__in={row.lead_organisation_id for row in rows}
    ).order_by("name", "pk")
    lines = [
        Line(
            key=organisation.pk, label=str(organisation), cells=_cells(pillars), record=organisation
        )
        for organisation in organisations
    ]
    return _matrix(
        kind="agency-pillar",
        row_heading=_("Lead organisation"),
        pillars=pillars,
        lines=lines,
        activities=rows,
        keys_of=lambda row: [row.lead_organisation_id],
        rows_may_overlap=False,
    )


# --- Area × pillar, with the roll-up to a level -----------------------------------------------

NO_AREA = "none"


def _visible_areas(*, user: Any, programme: Programme) -> list[Area]:
    return list(
        Area.objects.visible_to(user)
        .filter(programme=programme)
        .defer("boundary")
        .order_by("level", "name", "pk")
    )


def _target(area: Area, by_id: dict[int, Area], level: int | None) -> Area:
    """Where an activity in ``area`` counts at ``level``: the area containing it at that level.

    Areas above the level stay themselves (a country-wide activity is not a parish's); the
    walk stops at an area whose parent the reader may not see.
    """
    if level is None:
        return area
    while area.level > level and area.parent_id in by_id:
        area = by_id[area.parent_id]
    return area


def area_pillar_matrix(
    *, activities: QuerySet[Activity], user: Any, programme: Programme, level: int | None = None
) -> Matrix:
    """Areas × pillars. An activity counts in each of its areas; with ``level``, in the area at
    that level containing each (once, however many of its communities lie in one parish).

    Rows: without a level, every area the reader may see, as a tree; with a level, every area at
    that level, and areas above it only where activities are placed there directly. A last row
    holds activities without an area the reader may see.
    """
    rows = _rows(activities)
    pillars = _pillars()
    areas = _visible_areas(user=user, programme=programme)
    by_id = {area.pk: area for area in areas}
    target = {area.pk: _target(area, by_id, level).pk for area in areas}
    own = [area for area in areas if target[area.pk] == area.pk]
    lines = [
        Line(
            key=row.node.pk,
            label=str(row.node),
            cells=_cells(pillars),
            depth=row.depth,
            record=row.node,
        )
        for row in as_tree(own)
    ]
    lines.append(Line(key=NO_AREA, label=_("No area given"), cells=_cells(pillars)))
    links: dict[int, set[Any]] = {}
    for activity_id, area_id in Activity.areas.through.objects.filter(
        activity_id__in=activities.order_by().values("pk"), area_id__in=list(by_id)
    ).values_list("activity_id", "area_id"):
        links.setdefault(activity_id, set()).add(target[area_id])
    matrix = _matrix(
        kind="area-pillar",
        row_heading=_("Area"),
        pillars=pillars,
        lines=lines,
        activities=rows,
        keys_of=lambda row: links.get(row.pk) or [NO_AREA],
        rows_may_overlap=True,
    )
    matrix.lines = [
        line
        for line in matrix.lines
        if not line.is_empty
        or (line.record is not None and (level is None or line.record.level == level))
    ]
    return matrix


def area_levels(*, user: Any, programme: Programme) -> tuple[list[int], list[int]]:
    """(levels the reader's areas are at, levels at which some area has a boundary)."""
    rows = (
        Area.objects.visible_to(user)
        .filter(programme=programme)
        .annotate(
            has_boundary=ExpressionWrapper(Q(boundary__isnull=False), output_field=BooleanField())
        )
        .order_by()
        .values_list("level", "has_boundary")
        .distinct()
    )
    levels, mapped = set(), set()
    for level, has_boundary in rows:
        levels.add(level)
        if has_boundary:
            mapped.add(level)
    return sorted(levels), sorted(mapped)


def default_map_level(levels: list[int], mapped: list[int]) -> int | None:
    """The broadest level below the country at which some area has a boundary, else the broadest
    with a boundary; without boundaries, the broadest level below the country (or the country)."""
    for choices in (mapped, levels):
        below_country = [level for level in choices if level > Area.Level.COUNTRY]
        if below_country:
            return below_country[0]
        if choices:
            return choices[0]
    return None


def boundaries(*, user: Any, programme: Programme, level: int) -> dict[int, Any]:
    """The GeoJSON boundary of each area at ``level`` the reader may see and that has one."""
    return dict(
        Area.objects.visible_to(user)
        .filter(programme=programme, level=level, boundary__isnull=False)
        .values_list("pk", "boundary")
    )


# --- Government priorities × pillar --------------------------------------------------------------

NO_PRIORITY = "none"


@dataclass
class Alignment:
    matrix: Matrix
    unserved: list[GovernmentPriority]  # neither it nor a priority within it is served
    unaligned: list[Activity]  # serve no priority the reader may see


def alignment(*, activities: QuerySet[Activity], user: Any, programme: Programme) -> Alignment:
    """Priorities × pillars, the priorities no activity serves and the activities serving none.

    A cell counts the activities linked to that priority itself; a priority counts as served
    when it or a priority within it is.
    """
    rows = _rows(activities)
    pillars = _pillars()
    priorities = list(
        GovernmentPriority.objects.visible_to(user)
        .filter(programme=programme)
        .order_by("framework", "code", "pk")
    )
    by_id = {priority.pk: priority for priority in priorities}
    lines = [
        Line(
            key=row.node.pk,
            label=str(row.node),
            cells=_cells(pillars),
            depth=row.depth,
            record=row.node,
        )
        for row in as_tree(priorities)
    ]
    lines.append(Line(key=NO_PRIORITY, label=_("No government priority"), cells=_cells(pillars)))
    links: dict[int, set[Any]] = {}
    for activity_id, priority_id in Activity.priorities.through.objects.filter(
        activity_id__in=activities.order_by().values("pk"), governmentpriority_id__in=list(by_id)
    ).values_list("activity_id", "governmentpriority_id"):
        links.setdefault(activity_id, set()).add(priority_id)
    matrix = _matrix(
        kind="priority-pillar",
        row_heading=_("Government priority"),
        pillars=pillars,
        lines=lines,
        activities=rows,
        keys_of=lambda row: links.get(row.pk) or [NO_PRIORITY],
        rows_may_overlap=True,
    )
    served: set[int] = set()
    for priority_ids in links.values():
        for priority_id in priority_ids:
            current: GovernmentPriority | None = by_id[priority_id]
            while current is not None and current.pk not in served:
                served.add(current.pk)
                current = by_id.get(current.parent_id) if current.parent_id else None
    unserved = [line.record for line in lines if line.record is not None and line.key not in served]
    serving = Activity.priorities.through.objects.filter(
        activity_id=OuterRef("pk"), governmentpriority_id__in=list(by_id)
    )
    unaligned = list(
        activities.filter(~Exists(serving))
        .select_related("lead_organisation", "pillar")
        .order_by("pillar__number", "title", "pk")
    )
    matrix.lines = [line for line in matrix.lines if line.record is not None or not line.is_empty]
    return Alignment(matrix=matrix, unserved=unserved, unaligned=unaligned)
