"""The coordination API against every named person: bodies, meetings and action items are read
as the pages read them (names of people for members of the programme only), filters narrow the
lists, an action item's status is changed by those the pages let change it, errors have the one
shape, and the number of queries does not grow with the rows."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from types import SimpleNamespace
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from coordination import services
from coordination.models import ActionItem, Body, Meeting
from coordination.tests.conftest import meeting, member
from core.tests.helpers import assert_error, assert_write_answer, every_role
from programmes.models import Pillar

pytestmark = pytest.mark.django_db

JSON = "application/json"
UTC = datetime.UTC
DAY = datetime.timedelta(days=1)


@pytest.fixture
def bodies(world: SimpleNamespace) -> SimpleNamespace:
    """The task force (programme), a pillar group shared with the region, a public forum; a held
    meeting of the region's group with an agenda item, a decision, attendance and two actions."""
    coordinator = world.people["coordinator"]
    pillar = Pillar.objects.get(number=3)
    regional = services.body_create(
        programme=world.programme,
        user=coordinator,
        type=Body.Type.PILLAR_GROUP,
        pillar=pillar,
        name_en="Pillar 3 group",
        visibility="region",
    )
    services.body_member_add(
        body=regional, user=coordinator, person=world.people["observer"], role="member"
    )
    forum = services.body_create(
        programme=world.programme,
        user=coordinator,
        type=Body.Type.PARTNER_FORUM,
        name_en="Partner forum",
        visibility="public",
    )
    held = meeting(world, timezone.now() - 20 * DAY, body=regional, status="held", title="March")
    services.agenda_item_add(
        meeting=held,
        user=coordinator,
        title_en="Prevention campaign",
        presenter=world.people["focal_point"],
        presenter_organisation=world.un_women,
    )
    services.decision_record(meeting=held, user=coordinator, text="Adopt the campaign plan.")
    services.attendance_record(
        meeting=held, user=coordinator, rows=[(regional.members.get(), "present")]
    )
    services.guest_add(
        meeting=held, user=coordinator, name="EU", organisation=world.eu, status="apologies"
    )
    planned = meeting(world, timezone.now() + 20 * DAY, body=world.task_force, title="April")
    overdue = services.action_item_create(
        meeting=held,
        user=coordinator,
        text="Draft the campaign",
        owner=world.people["observer"],
        owner_organisation=world.cso,
        due_date=timezone.localdate() - 5 * DAY,
    )
    later = services.action_item_create(
        meeting=held,
        user=coordinator,
        text="Print the posters",
        owner_organisation=world.un_women,
        due_date=timezone.localdate() + 5 * DAY,
    )
    return SimpleNamespace(
        regional=regional, forum=forum, held=held, planned=planned, overdue=overdue, later=later
    )


def names(response: Any, key: str = "name") -> set[str]:
    assert response.status_code == 200, response.content
    return {row[key] for row in response.json()["items"]}


# --- Reading ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "listed"),
    every_role(
        coordinator={"Communications Task Force", "Pillar 3 group", "Partner forum"},
        focal_point={"Communications Task Force", "Pillar 3 group", "Partner forum"},
        partner={"Communications Task Force", "Pillar 3 group", "Partner forum"},
        observer={"Communications Task Force", "Pillar 3 group", "Partner forum"},
        outsider={"Pillar 3 group", "Partner forum"},
        stranger={"Partner forum"},
        anonymous={"Partner forum"},
    ),
)
def test_bodies_are_listed_as_their_visibility_allows(
    role: str, listed: set[str], bodies: SimpleNamespace, client_for: Callable[[str], Client]
) -> None:
    client = client_for(role)
    assert names(client.get("/api/v1/bodies")) == listed
    task_force = client.get(f"/api/v1/bodies/{bodies.regional.pk - 1}")
    if "Communications Task Force" in listed:
        assert task_force.json()["name"] == "Communications Task Force"
    else:
        assert_error(task_force, 404, "not_found")


@pytest.mark.parametrize(
    ("role", "sees_people"),
    every_role(
        coordinator=True,
        focal_point=True,
        partner=True,
        observer=True,
        outsider=False,
        stranger=None,
        anonymous=None,
    ),
)
def test_people_are_named_to_members_of_the_programme_only(
    role: str,
    sees_people: bool | None,
    world: SimpleNamespace,
    bodies: SimpleNamespace,
    client_for: Callable[[str], Client],
) -> None:
    client = client_for(role)
    body = client.get(f"/api/v1/bodies/{bodies.regional.pk}")
    found = client.get(f"/api/v1/meetings/{bodies.held.pk}")
    item = client.get(f"/api/v1/action-items/{bodies.overdue.pk}")
    if sees_people is None:  # the region's group is not theirs to read
        for response in (body, found, item):
            assert_error(response, 404, "not_found")
        return
    member_row = body.json()["members"][0]
    agenda = found.json()["agenda"][0]
    owner = item.json()
    assert member_row["organisation"] == str(world.ministry)
    assert agenda["presenter_organisation"] == "UN Women (UNW)"
    assert owner["owner_organisation"] == "Women's Media Watch"
    if sees_people:
        assert member_row["person"] and member_row["person_id"]
        assert agenda["presenter"] and owner["owner"] and owner["owner_id"]
        assert found.json()["online_link"] == "https://meet.example.org/task-force"
    else:
        assert member_row["person"] is None and member_row["person_id"] is None
        assert agenda["presenter"] is None
        assert owner["owner"] is None and owner["owner_id"] is None
        assert found.json()["online_link"] is None


def test_meeting_reads_with_agenda_decisions_and_attendance_counts(
    bodies: SimpleNamespace, client_for: Callable[[str], Client]
) -> None:
    data = client_for("observer").get(f"/api/v1/meetings/{bodies.held.pk}").json()
    assert data["title"] == "March" and data["status"] == "held"
    assert data["body"] == "Pillar 3 group" and data["programme"] == "JM"
    assert [item["title"] for item in data["agenda"]] == ["Prevention campaign"]
    assert [(d["number"], d["text"]) for d in data["decisions"]] == [
        (1, "Adopt the campaign plan.")
    ]
    assert data["attendance"] == {"present": 1, "apologies": 1, "absent": 0}


# --- Filters ------------------------------------------------------------------------------------


def test_body_filters_by_programme_type_and_pillar(
    bodies: SimpleNamespace, client_for: Callable[[str], Client]
) -> None:
    client = client_for("coordinator")
    assert names(client.get("/api/v1/bodies", {"type": "pillar_group"})) == {"Pillar 3 group"}
    assert names(client.get("/api/v1/bodies", {"pillar": 3})) == {"Pillar 3 group"}
    assert len(names(client.get("/api/v1/bodies", {"programme": "jm"}))) == 3
    assert names(client.get("/api/v1/bodies", {"programme": "HN"})) == set()
    assert_error(client.get("/api/v1/bodies", {"type": "club"}), 422, "invalid_request", "type")
    assert_error(client.get("/api/v1/bodies", {"programme": "XX"}), 404, "not_found")


def test_meeting_filters_by_body_programme_dates_and_status(
    bodies: SimpleNamespace, client_for: Callable[[str], Client]
) -> None:
    client = client_for("coordinator")
    listed = "/api/v1/meetings"
    assert names(client.get(listed), "title") == {"March", "April"}
    assert names(client.get(listed, {"body": bodies.regional.pk}), "title") == {"March"}
    assert names(client.get(listed, {"status": "planned"}), "title") == {"April"}
    assert names(client.get(listed, {"programme": "JM", "status": "held"}), "title") == {"March"}
    today = timezone.localdate()
    assert names(client.get(listed, {"from": today.isoformat()}), "title") == {"April"}
    assert names(client.get(listed, {"to": today.isoformat()}), "title") == {"March"}
    window = {"from": (today - 30 * DAY).isoformat(), "to": (today - 10 * DAY).isoformat()}
    assert names(client.get(listed, window), "title") == {"March"}
    assert_error(client.get(listed, {"from": "last week"}), 422, "invalid_request", "from")


def test_action_item_filters_by_status_owner_organisation_and_overdue(
    bodies: SimpleNamespace, world: SimpleNamespace, client_for: Callable[[str], Client]
) -> None:
    client = client_for("partner")
    listed = "/api/v1/action-items"
    both = {"Draft the campaign", "Print the posters"}
    assert names(client.get(listed), "text") == both
    assert (
        names(client.get(listed, {"body": bodies.regional.pk, "programme": "JM"}), "text") == both
    )
    assert names(client.get(listed, {"overdue": "true"}), "text") == {"Draft the campaign"}
    assert names(client.get(listed, {"overdue": "false"}), "text") == {"Print the posters"}
    assert names(client.get(listed, {"owner_organisation": world.un_women.pk}), "text") == {
        "Print the posters"
    }
    assert names(client.get(listed, {"status": "done"}), "text") == set()
    item = client.get(f"{listed}/{bodies.overdue.pk}").json()
    assert item["overdue"] is True and item["decision_number"] is None


def test_lists_are_paginated_with_limit_and_offset(
    bodies: SimpleNamespace, client_for: Callable[[str], Client]
) -> None:
    page = client_for("coordinator").get("/api/v1/bodies", {"limit": 1, "offset": 1}).json()
    assert page["count"] == 3 and len(page["items"]) == 1


# --- Changing an action item's status -----------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "expected"),
    every_role(
        coordinator=200,  # manages every body of the programme
        focal_point=403,  # UN Women owns neither the item nor a seat running the group
        partner=200,  # Women's Media Watch owns the item
        observer=200,  # owns it in person
        outsider=403,  # reads the region's group but acts for nobody in it
        stranger=404,
        anonymous=401,
    ),
)
def test_action_item_status_is_changed_by_its_owners_and_those_who_run_the_body(
    role: str, expected: int, bodies: SimpleNamespace, client_for: Callable[[str], Client]
) -> None:
    response = client_for(role).patch(
        f"/api/v1/action-items/{bodies.overdue.pk}", {"status": "done"}, content_type=JSON
    )
    if expected == 404:
        assert_error(response, 404, "not_found")
    else:
        assert_write_answer(response, expected)
    item = ActionItem.objects.get(pk=bodies.overdue.pk)
    if expected == 200:
        assert response.json()["status"] == "done" and response.json()["overdue"] is False
        assert item.status == "done" and item.closed_at is not None
    else:
        assert item.status == "open" and item.closed_at is None


def test_chair_of_the_body_changes_the_status_of_any_of_its_items(
    world: SimpleNamespace, client_for: Callable[[str], Client]
) -> None:
    at = meeting(world, timezone.now() - 3 * DAY, status="held")
    item = services.action_item_create(
        meeting=at,
        user=world.people["coordinator"],
        text="Book the room",
        owner_organisation=world.ministry,
        due_date=timezone.localdate(),
    )
    address = f"/api/v1/action-items/{item.pk}"
    chair = client_for("focal_point")  # chairs the task force
    assert chair.patch(address, {"status": "in_progress"}, content_type=JSON).json()["status"] == (
        "in_progress"
    )
    reopened = chair.patch(address, {"status": "open"}, content_type=JSON).json()
    assert reopened["closed_at"] is None
    assert member(world, "focal_point").role == "chair"


def test_status_errors_have_the_one_shape(
    bodies: SimpleNamespace, client_for: Callable[[str], Client]
) -> None:
    client = client_for("coordinator")
    address = f"/api/v1/action-items/{bodies.overdue.pk}"
    assert_error(
        client.patch(address, {"status": "finished"}, content_type=JSON),
        422,
        "invalid_request",
        "status",
    )
    assert_error(client.patch(address, {}, content_type=JSON), 422, "invalid_request", "status")
    assert_error(
        client.patch("/api/v1/action-items/999999", {"status": "done"}, content_type=JSON),
        404,
        "not_found",
    )
    assert_error(
        client.post(address, {"status": "done"}, content_type=JSON), 405, "method_not_allowed"
    )
    assert ActionItem.objects.get(pk=bodies.overdue.pk).status == "open"


# --- Query counts -------------------------------------------------------------------------------


def fill(world: SimpleNamespace, rows: int) -> Meeting:
    """``rows`` bodies, meetings, action items and agenda items of one meeting."""
    coordinator = world.people["coordinator"]
    at = meeting(world, timezone.now() - 2 * DAY, status="held")
    for n in range(rows):
        body = services.body_create(
            programme=world.programme,
            user=coordinator,
            type=Body.Type.SUB_COMMITTEE,
            name_en=f"Sub-committee {n}",
            chair_organisation=world.un_women,
            parent=world.task_force,
        )
        services.body_member_add(
            body=body, user=coordinator, person=world.people["partner"], role="member"
        )
        meeting(world, timezone.now() - (n + 3) * DAY, body=body)
        services.agenda_item_add(
            meeting=at,
            user=coordinator,
            title_en=f"Item {n}",
            presenter=world.people["focal_point"],
        )
        services.decision_record(meeting=at, user=coordinator, text=f"Decision {n}")
        services.action_item_create(
            meeting=at,
            user=coordinator,
            text=f"Action {n}",
            owner=world.people["observer"],
            owner_organisation=world.cso,
            due_date=timezone.localdate() - n * DAY,
        )
    return at


# Measured with the observer's session; the same at 5 and at 50 rows.
QUERY_LIMITS = {
    "bodies": 5,
    "body": 7,
    "meetings": 5,
    "meeting": 9,
    "action-items": 5,
    "action-item": 4,
}


@pytest.mark.parametrize("endpoint", list(QUERY_LIMITS))
@pytest.mark.parametrize("rows", [5, 50])
def test_api_takes_a_fixed_number_of_queries(
    world: SimpleNamespace,
    client_for: Callable[[str], Client],
    django_assert_max_num_queries: Callable,
    endpoint: str,
    rows: int,
) -> None:
    at = fill(world, rows)
    item = ActionItem.objects.order_by("pk").first()
    address = {
        "bodies": "/api/v1/bodies?limit=100",
        "body": f"/api/v1/bodies/{world.task_force.pk}",
        "meetings": "/api/v1/meetings?limit=100",
        "meeting": f"/api/v1/meetings/{at.pk}",
        "action-items": "/api/v1/action-items?limit=100",
        "action-item": f"/api/v1/action-items/{item.pk}",
    }[endpoint]
    client = client_for("observer")
    with django_assert_max_num_queries(QUERY_LIMITS[endpoint]):
        response = client.get(address)
    assert response.status_code == 200, response.content
    if endpoint in ("bodies", "meetings", "action-items"):
        assert response.json()["count"] >= rows
