"""The activities API against every named person: reads follow visibility, writes follow the
lead organisation, errors have the one shape and name the fields as sent."""

from __future__ import annotations

from collections.abc import Callable
from types import SimpleNamespace
from typing import Any

import pytest
from django.test import Client

from conftest import ROLES
from core.models import Visibility
from core.tests.helpers import assert_error, assert_write_answer, every_role
from workplan.models import Activity
from workplan.tests.conftest import enter
from workplan.tests.test_activity_selectors import POLICE_EN, POLICE_ES

pytestmark = pytest.mark.django_db

JSON = "application/json"


def payload(world: SimpleNamespace, **values: Any) -> dict[str, Any]:
    body = {
        "programme": "JM",
        "title_en": "Safe spaces for adolescent girls",
        "title_es": "Espacios seguros para adolescentes",
        "lead_organisation_id": world.un_women.pk,
        "pillar": 3,
        "area_ids": [world.clarendon.pk],
        "planned_start": "2026-01-15",
        "planned_end": "2026-11-30",
        "budget": "25000.00",
        "currency": "JMD",
        "groups": ["adolescent-girls", "rural-women"],
        "priority_ids": [world.priority.pk],
        "participations": [{"organisation_id": world.undp.pk, "role": 1}],
    }
    body.update(values)
    return body


@pytest.mark.parametrize(
    ("role", "listed"),
    every_role(
        coordinator={"programme", "region", "public"},
        focal_point={"programme", "region", "public"},
        partner={"programme", "region", "public"},
        observer={"programme", "region", "public"},
        outsider={"region", "public"},
        stranger={"public"},
        anonymous={"public"},
    ),
)
def test_activity_list_shows_what_the_visibility_allows(
    role: str, listed: set[str], world: SimpleNamespace, client_for: Callable[[str], Client]
) -> None:
    for visibility in Visibility.values:
        enter(world, title_en=visibility, visibility=visibility)
    body = client_for(role).get("/api/v1/activities").json()
    assert {item["title_en"] for item in body["items"]} == listed
    assert body["count"] == len(listed)


def test_activity_list_filters_like_the_page(
    world: SimpleNamespace, client_for: Callable[[str], Client]
) -> None:
    enter(world, title_en="In town", areas=[world.spanish_town], pillar_number=2)
    enter(world, title_en="In Clarendon", areas=[world.clarendon], pillar_number=4)
    client = client_for("observer")
    within = client.get("/api/v1/activities", {"programme": "jm", "area": world.st_catherine.pk})
    assert [item["title_en"] for item in within.json()["items"]] == ["In town"]
    by_pillar = client.get("/api/v1/activities", {"pillar": 4}).json()
    assert [item["title_en"] for item in by_pillar["items"]] == ["In Clarendon"]
    assert client.get("/api/v1/activities", {"q": "clarendon"}).json()["count"] == 1


@pytest.mark.parametrize(
    ("role", "status"),
    every_role(
        coordinator=201,
        focal_point=201,
        partner=403,  # a partner of another organisation may not enter UN Women's activities
        observer=403,
        outsider=403,
        stranger=403,
        anonymous=401,
    ),
)
def test_who_may_create_an_activity_led_by_un_women(
    role: str, status: int, world: SimpleNamespace, client_for: Callable[[str], Client]
) -> None:
    response = client_for(role).post("/api/v1/activities", payload(world), content_type=JSON)
    assert_write_answer(response, status)
    if status == 201:
        body = response.json()
        assert body["lead_organisation_id"] == world.un_women.pk
        assert body["groups"] == ["adolescent-girls", "rural-women"]
        assert body["participations"] == [{"organisation_id": world.undp.pk, "role": 1}]
        assert body["pillar"] == 3 and body["sector"] == "15180" and body["budget"] == "25000.00"
        assert Activity.objects.get().history.get().history_user == world.people[role]
    else:
        assert not Activity.objects.exists()


def test_a_partner_creating_without_a_lead_leads_with_their_own_organisation(
    world: SimpleNamespace, client_for: Callable[[str], Client]
) -> None:
    response = client_for("partner").post(
        "/api/v1/activities", payload(world, lead_organisation_id=None), content_type=JSON
    )
    assert response.status_code == 201
    assert response.json()["lead_organisation_id"] == world.cso.pk


def test_invalid_activity_names_the_fields_as_sent(
    world: SimpleNamespace, client_for: Callable[[str], Client]
) -> None:
    response = client_for("coordinator").post(
        "/api/v1/activities",
        payload(
            world,
            area_ids=[world.honduran_area.pk],
            planned_end="2025-01-01",
            sector="1518",
        ),
        content_type=JSON,
    )
    error = assert_error(response, 400, "invalid", "area_ids")
    assert {"area_ids", "planned_end", "sector"} <= set(error["fields"])
    assert not Activity.objects.exists()


def test_unknown_ids_and_pillars_are_named(
    world: SimpleNamespace, client_for: Callable[[str], Client]
) -> None:
    client = client_for("coordinator")
    assert_error(
        client.post("/api/v1/activities", payload(world, pillar=9), content_type=JSON),
        400,
        "invalid",
        "pillar",
    )
    assert_error(
        client.post("/api/v1/activities", payload(world, groups=["nobody"]), content_type=JSON),
        400,
        "invalid",
        "groups",
    )


def test_errors_answer_in_the_language_asked_for(
    world: SimpleNamespace, client_for: Callable[[str], Client]
) -> None:
    response = client_for("coordinator").post(
        "/api/v1/activities",
        payload(world, title_en="", title_es=""),
        content_type=JSON,
        headers={"Accept-Language": "es"},
    )
    error = assert_error(response, 400, "invalid", "title_en")
    assert error["fields"]["title_en"] == ["Escriba esto al menos en un idioma."]


@pytest.mark.parametrize(
    ("role", "status"),
    every_role(
        coordinator=200,
        focal_point=200,
        partner=403,
        observer=403,
        outsider=404,
        stranger=404,
        anonymous=401,
    ),
)
def test_who_may_change_an_activity(
    role: str, status: int, world: SimpleNamespace, client_for: Callable[[str], Client]
) -> None:
    activity = enter(world, title_en="Before")
    response = client_for(role).patch(
        f"/api/v1/activities/{activity.pk}", {"title_en": "After", "status": 2}, content_type=JSON
    )
    activity.refresh_from_db()
    if status == 404:
        assert_error(response, 404, "not_found")
    else:
        assert_write_answer(response, status)
    assert (activity.title_en == "After") is (status == 200)


def test_patch_leaves_unsent_fields_alone(
    world: SimpleNamespace, client_for: Callable[[str], Client]
) -> None:
    activity = enter(world, areas=[world.clarendon], participations=[(world.cso, 4)])
    body = (
        client_for("coordinator")
        .patch(f"/api/v1/activities/{activity.pk}", {"budget": "10.50"}, content_type=JSON)
        .json()
    )
    assert body["budget"] == "10.50"
    assert body["area_ids"] == [world.clarendon.pk]
    assert body["participations"] == [{"organisation_id": world.cso.pk, "role": 4}]


def test_a_focal_point_cannot_move_an_activity_to_another_lead(
    world: SimpleNamespace, client_for: Callable[[str], Client]
) -> None:
    activity = enter(world)
    response = client_for("focal_point").patch(
        f"/api/v1/activities/{activity.pk}",
        {"lead_organisation_id": world.undp.pk},
        content_type=JSON,
    )
    assert_error(response, 403, "forbidden")
    activity.refresh_from_db()
    assert activity.lead_organisation == world.un_women


@pytest.mark.parametrize("role", ROLES)
def test_reading_a_programme_only_activity_outside_the_programme_is_not_found(
    role: str, world: SimpleNamespace, client_for: Callable[[str], Client]
) -> None:
    activity = enter(world)
    response = client_for(role).get(f"/api/v1/activities/{activity.pk}")
    if role in ("coordinator", "focal_point", "partner", "observer"):
        assert response.status_code == 200
        assert response.json()["title"] == activity.title_en
    else:
        assert_error(response, 404, "not_found")


def test_overlaps_returns_candidates_with_scores_and_reasons(
    world: SimpleNamespace, client_for: Callable[[str], Client]
) -> None:
    first = enter(world, **POLICE_EN, areas=[world.st_catherine])
    second = enter(world, **POLICE_ES, title_en="", areas=[world.spanish_town])
    body = client_for("observer").get(f"/api/v1/activities/{first.pk}/overlaps").json()
    assert [item["activity_id"] for item in body] == [second.pk]
    assert 0 < body[0]["score"] <= 1
    assert body[0]["reasons"] and all(isinstance(reason, str) for reason in body[0]["reasons"])
    assert world.st_catherine.pk in body[0]["shared_area_ids"]


def test_overlaps_never_reveal_an_activity_the_reader_may_not_see(
    world: SimpleNamespace, client_for: Callable[[str], Client]
) -> None:
    shared = enter(world, **POLICE_EN, areas=[world.st_catherine], visibility=Visibility.PUBLIC)
    enter(world, **POLICE_ES, title_en="", areas=[world.st_catherine])
    assert client_for("anonymous").get(f"/api/v1/activities/{shared.pk}/overlaps").json() == []
