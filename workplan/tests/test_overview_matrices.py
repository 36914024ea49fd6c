"""The 4W matrices: counts and budgets per cell, totals, currencies kept apart, roll-up to a level,
and only what the reader may read."""

from __future__ import annotations

import datetime
from decimal import Decimal
from types import SimpleNamespace

import pytest

from core.models import Visibility
from workplan.models import ActivityStatus
from workplan.overview import (
    NO_AREA,
    agency_pillar_matrix,
    area_pillar_matrix,
    overview_activities,
)
from workplan.tests.conftest import enter

pytestmark = pytest.mark.django_db


@pytest.fixture
def planned(world: SimpleNamespace) -> SimpleNamespace:
    """UN Women leads three activities (two under pillar 2, one under 3), the partner one."""
    return SimpleNamespace(
        town=enter(
            world,
            title_en="Safe spaces in Spanish Town",
            areas=[world.spanish_town],
            budget=Decimal("120000"),
            currency="USD",
        ),
        parish=enter(
            world,
            title_en="Parish-wide campaign",
            areas=[world.st_catherine, world.spanish_town],
            budget=Decimal("2000000"),
            currency="JMD",
        ),
        clarendon=enter(
            world,
            title_en="Clarendon shelter",
            areas=[world.clarendon],
            pillar_number=3,
            budget=Decimal("30000.50"),
            currency="USD",
            status=ActivityStatus.IMPLEMENTATION,
            planned_start=datetime.date(2027, 1, 1),
            planned_end=datetime.date(2027, 6, 30),
        ),
        media=enter(
            world,
            title_en="Media monitoring",
            lead_organisation=world.cso,
            user=world.people["partner"],
            pillar_number=3,
        ),
    )


def activities_for(world: SimpleNamespace, role: str = "coordinator", **filters):  # type: ignore[no-untyped-def]
    return overview_activities(user=world.people[role], programme=world.programme, filters=filters)


def line(matrix, key):  # type: ignore[no-untyped-def]
    return next(item for item in matrix.lines if item.key == key)


def column(matrix, number: int) -> int:  # type: ignore[no-untyped-def]
    return [pillar.number for pillar in matrix.columns].index(number)


def test_agency_pillar_cells_row_and_column_totals_add_up(world, planned) -> None:  # type: ignore[no-untyped-def]
    matrix = agency_pillar_matrix(activities=activities_for(world))
    un_women = line(matrix, world.un_women.pk)
    assert un_women.cells[column(matrix, 2)].count == 2
    assert un_women.cells[column(matrix, 3)].count == 1
    assert un_women.total.count == 3
    assert line(matrix, world.cso.pk).total.count == 1
    assert matrix.column_totals[column(matrix, 2)].count == 2
    assert matrix.column_totals[column(matrix, 3)].count == 2
    assert matrix.total.count == 4
    assert sum(item.total.count for item in matrix.lines) == matrix.total.count
    assert [item.key for item in matrix.lines] == [world.un_women.pk, world.cso.pk]  # by name


def test_budgets_in_different_currencies_are_never_added(world, planned) -> None:  # type: ignore[no-untyped-def]
    matrix = agency_pillar_matrix(activities=activities_for(world))
    cell = line(matrix, world.un_women.pk).cells[column(matrix, 2)]
    assert cell.budgets == {"USD": Decimal("120000"), "JMD": Decimal("2000000")}
    assert cell.money_text == "JMD 2,000,000 · USD 120,000"
    assert matrix.total.budgets == {"USD": Decimal("150000.50"), "JMD": Decimal("2000000")}
    assert matrix.currencies == ["JMD", "USD"]


def test_an_activity_without_budget_counts_but_adds_no_money(world, planned) -> None:  # type: ignore[no-untyped-def]
    matrix = agency_pillar_matrix(activities=activities_for(world))
    cso = line(matrix, world.cso.pk)
    assert cso.total.count == 1
    assert cso.total.budgets == {}


def test_area_pillar_counts_an_activity_in_each_of_its_areas_and_once_in_the_totals(
    world, planned
) -> None:  # type: ignore[no-untyped-def]
    matrix = area_pillar_matrix(
        activities=activities_for(world),
        user=world.people["coordinator"],
        programme=world.programme,
    )
    assert line(matrix, world.spanish_town.pk).total.count == 2  # town and parish-wide
    assert line(matrix, world.st_catherine.pk).total.count == 1
    assert line(matrix, world.clarendon.pk).total.count == 1
    assert line(matrix, NO_AREA).total.count == 1  # media monitoring has no area
    assert matrix.total.count == 4
    assert matrix.rows_may_overlap
    # Every area is a row, as a tree, even without an activity.
    assert world.country.pk in [item.key for item in matrix.lines]


def test_roll_up_to_parish_counts_a_community_activity_for_its_parish_once(world, planned) -> None:  # type: ignore[no-untyped-def]
    matrix = area_pillar_matrix(
        activities=activities_for(world),
        user=world.people["coordinator"],
        programme=world.programme,
        level=world.st_catherine.level,
    )
    keys = [item.key for item in matrix.lines]
    assert world.spanish_town.pk not in keys
    assert world.country.pk not in keys  # above the level and without an activity of its own
    st_catherine = line(matrix, world.st_catherine.pk)
    # "Parish-wide campaign" is in St Catherine and in Spanish Town: counted once.
    assert st_catherine.total.count == 2
    assert st_catherine.cells[column(matrix, 2)].budgets == {
        "USD": Decimal("120000"),
        "JMD": Decimal("2000000"),
    }
    assert line(matrix, world.clarendon.pk).total.count == 1


def test_roll_up_keeps_a_country_wide_activity_in_the_country_row(world, planned) -> None:  # type: ignore[no-untyped-def]
    enter(world, title_en="National helpline", areas=[world.country])
    matrix = area_pillar_matrix(
        activities=activities_for(world),
        user=world.people["coordinator"],
        programme=world.programme,
        level=world.st_catherine.level,
    )
    assert line(matrix, world.country.pk).total.count == 1


def test_invisible_activities_are_not_counted_for_an_outsider_or_anonymous(world, planned) -> None:  # type: ignore[no-untyped-def]
    enter(world, title_en="Public dialogue", visibility=Visibility.PUBLIC, areas=[world.clarendon])
    for role in ("outsider", "anonymous"):
        matrix = agency_pillar_matrix(activities=activities_for(world, role))
        assert matrix.total.count == 1, role
        areas = area_pillar_matrix(
            activities=activities_for(world, role),
            user=world.people[role],
            programme=world.programme,
        )
        assert areas.total.count == 1
        assert line(areas, world.clarendon.pk).total.count == 1
    assert agency_pillar_matrix(activities=activities_for(world, "observer")).total.count == 5


def test_matrices_take_the_list_filters_and_the_period(world, planned) -> None:  # type: ignore[no-untyped-def]
    by_status = agency_pillar_matrix(
        activities=activities_for(world, status=ActivityStatus.IMPLEMENTATION)
    )
    assert by_status.total.count == 1
    by_area = agency_pillar_matrix(activities=activities_for(world, area=world.st_catherine.pk))
    assert by_area.total.count == 2  # St Catherine and what lies within
    in_2027 = agency_pillar_matrix(
        activities=activities_for(world, active_from=datetime.date(2027, 1, 1))
    )
    assert in_2027.total.count == 1
    in_2026 = agency_pillar_matrix(
        activities=activities_for(world, active_until=datetime.date(2026, 12, 31))
    )
    assert in_2026.total.count == 3
