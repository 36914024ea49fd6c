""" "Who else works here": the other organisations in the same areas (with what lies within and
around them) or pillars, and their focal points for members of the programme only."""

from __future__ import annotations

from collections.abc import Callable
from types import SimpleNamespace

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.tests.factories import UserFactory
from core.models import Visibility
from core.tests.helpers import every_role
from organisations.tests.factories import OrganisationFactory
from programmes.models import Membership
from programmes.tests.factories import MembershipFactory
from workplan import exchange
from workplan.models import ActivityStatus
from workplan.tests.conftest import enter

pytestmark = pytest.mark.django_db


@pytest.fixture
def undp_officer(world: SimpleNamespace) -> object:
    person = UserFactory(
        username="undp",
        first_name="Dwayne",
        last_name="Brown",
        email="dwayne.brown@undp.example.org",
        job_title="Gender specialist",
        organisation=world.undp,
    )
    MembershipFactory(programme=world.programme, user=person, role=Membership.Role.FOCAL_POINT)
    return person


def names(found: list[exchange.Neighbour]) -> list[str]:
    return [str(n.organisation) for n in found]


def test_who_else_finds_organisations_in_areas_within_and_around_and_in_the_same_pillar(
    world: SimpleNamespace,
) -> None:
    subject = enter(world, areas=[world.st_catherine], pillar_number=2)
    enter(world, lead_organisation=world.undp, areas=[world.spanish_town], pillar_number=4)
    enter(world, lead_organisation=world.cso, areas=[world.clarendon], pillar_number=2)
    elsewhere = OrganisationFactory(name_en="Elsewhere", programmes=[world.programme])
    enter(world, lead_organisation=elsewhere, areas=[world.clarendon], pillar_number=5)
    found = exchange.who_else(
        user=world.people["observer"], programme=world.programme, activity=subject
    )
    assert names(found) == ["UNDP (UNDP)", "Women's Media Watch"]
    undp, cso = found
    assert (undp.areas, undp.pillars) == (["Spanish Town"], [])
    assert cso.areas == [] and cso.pillars and cso.pillars[0].startswith("2")


def test_who_else_leaves_out_the_activitys_own_organisations_and_cancelled_activities(
    world: SimpleNamespace,
) -> None:
    subject = enter(world, areas=[world.clarendon], participations=[(world.cso, 4)])
    enter(world, lead_organisation=world.cso, areas=[world.clarendon])
    enter(
        world,
        lead_organisation=world.undp,
        areas=[world.clarendon],
        status=ActivityStatus.CANCELLED,
    )
    assert (
        exchange.who_else(
            user=world.people["coordinator"], programme=world.programme, activity=subject
        )
        == []
    )


def test_who_else_counts_only_activities_the_reader_may_read(world: SimpleNamespace) -> None:
    subject = enter(world, areas=[world.clarendon], visibility=Visibility.REGION)
    enter(world, lead_organisation=world.undp, areas=[world.clarendon])  # members only
    outsider = world.people["outsider"]
    assert exchange.who_else(user=outsider, programme=world.programme, activity=subject) == []
    member = world.people["observer"]
    assert names(exchange.who_else(user=member, programme=world.programme, activity=subject)) == [
        "UNDP (UNDP)"
    ]


@pytest.mark.parametrize(
    ("role", "sees_people"),
    every_role(
        coordinator=True,
        focal_point=True,
        partner=True,
        observer=True,
        outsider=False,
        stranger=False,
        anonymous=False,
    ),
)
def test_focal_points_name_title_and_email_only_for_members_of_the_programme(
    role: str,
    sees_people: bool,
    world: SimpleNamespace,
    undp_officer: object,
    client_for: Callable[[str], Client],
) -> None:
    subject = enter(world, areas=[world.clarendon], visibility=Visibility.PUBLIC)
    enter(world, lead_organisation=world.undp, areas=[world.clarendon], visibility="public")
    response = client_for(role).get(reverse("workplan:detail", args=["JM", subject.pk]))
    body = response.content.decode()
    assert "Who else works here" in body and "UNDP (UNDP)" in body
    for detail in ("Dwayne Brown", "Gender specialist", "dwayne.brown@undp.example.org"):
        assert (detail in body) is sees_people


def test_only_focal_points_of_that_organisation_in_this_programme_are_listed(
    world: SimpleNamespace, undp_officer: object
) -> None:
    subject = enter(world, areas=[world.clarendon])
    enter(world, lead_organisation=world.undp, areas=[world.clarendon])
    partner_at_undp = UserFactory(username="undp-partner", organisation=world.undp)
    MembershipFactory(programme=world.programme, user=partner_at_undp, role="partner")
    elsewhere = UserFactory(username="undp-honduras", organisation=world.undp)
    MembershipFactory(programme=world.other_programme, user=elsewhere, role="focal_point")
    (undp,) = exchange.who_else(
        user=world.people["observer"], programme=world.programme, activity=subject
    )
    assert undp.focal_points == [undp_officer]


def test_organisation_page_lists_who_else_works_where_it_works(
    world: SimpleNamespace, undp_officer: object, client_for: Callable[[str], Client]
) -> None:
    enter(world, areas=[world.spanish_town])  # UN Women
    enter(world, lead_organisation=world.undp, areas=[world.st_catherine], pillar_number=5)
    enter(world, lead_organisation=world.cso, areas=[world.clarendon], pillar_number=1)
    response = client_for("partner").get(
        reverse("workplan:organisation", args=["JM", world.un_women.pk])
    )
    assert response.status_code == 200
    assert names(response.context["neighbours"]) == ["UNDP (UNDP)"]
    assert response.context["neighbours"][0].areas == ["St Catherine"]
    assert "dwayne.brown@undp.example.org" in response.content.decode()


@pytest.mark.parametrize("role", ["outsider", "stranger", "anonymous"])
def test_organisation_page_of_another_programmes_organisation_is_not_found(
    role: str, world: SimpleNamespace, client_for: Callable[[str], Client]
) -> None:
    path = reverse("workplan:organisation", args=["JM", world.honduran.pk])
    assert client_for(role).get(path).status_code == 404


def test_who_else_query_count_does_not_grow_with_activities(
    world: SimpleNamespace, undp_officer: object, client_for: Callable[[str], Client]
) -> None:
    client = client_for("coordinator")
    path = reverse("workplan:organisation", args=["JM", world.un_women.pk])

    def add(count: int) -> None:
        for index in range(count):
            enter(world, title_en=f"Own {index}", areas=[world.clarendon])
            enter(
                world,
                title_en=f"Other {index}",
                lead_organisation=world.undp if index % 2 else world.cso,
                areas=[world.spanish_town if index % 3 else world.clarendon],
            )

    def queries() -> int:
        with CaptureQueriesContext(connection) as context:
            assert client.get(path).status_code == 200
        return len(context.captured_queries)

    add(2)
    few = queries()
    add(6)
    assert queries() == few
