"""Updates on activities: who may post, status changes through the history, and the programme's
feed showing each reader only what they may read, filtered, in a fixed number of queries."""

from __future__ import annotations

from collections.abc import Callable
from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.models import Visibility
from core.tests.helpers import every_role
from workplan import exchange
from workplan.models import ActivityStatus, ActivityUpdate
from workplan.tests.conftest import enter

pytestmark = pytest.mark.django_db


def post(world: SimpleNamespace, activity: object, author: str, **values: object) -> ActivityUpdate:
    values.setdefault("kind", ActivityUpdate.Kind.PROGRESS)
    values.setdefault("text", "Twelve trainers certified.")
    return exchange.activity_update_post(activity=activity, author=world.people[author], **values)


# --- Posting ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "status"),
    every_role(
        coordinator=302,  # changes every activity of the programme
        focal_point=403,  # UN Women neither leads nor takes part
        partner=302,  # Women's Media Watch takes part
        observer=403,
        outsider=404,
        stranger=404,
        anonymous=404,
    ),
)
def test_who_may_post_an_update_on_an_activity_led_by_undp_with_the_cso_taking_part(
    role: str, status: int, world: SimpleNamespace, client_for: Callable[[str], Client]
) -> None:
    activity = enter(world, lead_organisation=world.undp, participations=[(world.cso, 4)])
    response = client_for(role).post(
        reverse("workplan:update_post", args=["JM", activity.pk]),
        {"kind": "opportunity", "text": "Venue free in May", "language": "en"},
    )
    assert response.status_code == status
    posted = ActivityUpdate.objects.filter(activity=activity)
    if status == 302:
        assert response.url == reverse("workplan:detail", args=["JM", activity.pk]) + "#updates"
        update = posted.get()
        assert (update.author, update.text) == (world.people[role], "Venue free in May")
        assert update.organisation_id == world.people[role].organisation_id
    else:
        assert not posted.exists()


@pytest.mark.parametrize(
    ("role", "has_form"),
    every_role(
        coordinator=True,
        focal_point=False,
        partner=True,
        observer=False,
        outsider=False,
        stranger=False,
        anonymous=False,
    ),
)
def test_activity_page_offers_the_update_form_to_those_who_may_post(
    role: str, has_form: bool, world: SimpleNamespace, client_for: Callable[[str], Client]
) -> None:
    activity = enter(
        world,
        lead_organisation=world.undp,
        participations=[(world.cso, 4)],
        visibility=Visibility.PUBLIC,
    )
    body = client_for(role).get(reverse("workplan:detail", args=["JM", activity.pk])).content
    path = reverse("workplan:update_post", args=["JM", activity.pk])
    assert (f'action="{path}"' in body.decode()) is has_form


def test_status_change_through_an_update_changes_the_activity_and_its_history(
    world: SimpleNamespace, client_for: Callable[[str], Client]
) -> None:
    activity = enter(world, user=world.people["focal_point"])  # led by UN Women
    response = client_for("focal_point").post(
        reverse("workplan:update_post", args=["JM", activity.pk]),
        {"kind": "status", "new_status": "2", "text": "Started this week.", "language": "en"},
    )
    assert response.status_code == 302
    activity.refresh_from_db()
    assert activity.status == ActivityStatus.IMPLEMENTATION
    latest = activity.history.latest()
    assert (latest.status, latest.history_user) == (2, world.people["focal_point"])
    assert activity.history.count() == 2
    update = ActivityUpdate.objects.get()
    assert (update.previous_status, update.new_status) == (1, 2)


def test_a_partner_of_a_participating_organisation_may_not_change_the_status(
    world: SimpleNamespace, client_for: Callable[[str], Client]
) -> None:
    activity = enter(world, participations=[(world.cso, 4)])
    response = client_for("partner").post(
        reverse("workplan:update_post", args=["JM", activity.pk]),
        {"kind": "status", "new_status": "5", "text": "", "language": "en"},
    )
    assert response.status_code == 400
    assert "kind" in response.context["update_form"].errors
    activity.refresh_from_db()
    assert activity.status == ActivityStatus.PIPELINE
    assert not ActivityUpdate.objects.exists()


def test_a_note_needs_text_and_a_status_change_needs_a_new_status(
    world: SimpleNamespace,
) -> None:
    activity = enter(world)
    with pytest.raises(ValidationError) as empty:
        post(world, activity, "coordinator", text="  ")
    assert "text" in empty.value.message_dict
    with pytest.raises(ValidationError) as same:
        post(world, activity, "coordinator", kind="status", new_status=activity.status)
    assert "new_status" in same.value.message_dict
    assert not ActivityUpdate.objects.exists()


def test_one_language_is_enough_and_is_kept_with_the_text(
    world: SimpleNamespace, client_for: Callable[[str], Client]
) -> None:
    activity = enter(world)
    post(world, activity, "coordinator", text="Se abrió la convocatoria.", language="es")
    body = client_for("observer").get(reverse("workplan:detail", args=["JM", activity.pk]))
    assert '<div lang="es"><p>Se abrió la convocatoria.</p></div>' in body.content.decode()


def test_htmx_post_answers_the_updates_partial_with_the_new_update(
    world: SimpleNamespace, client_for: Callable[[str], Client]
) -> None:
    activity = enter(world)
    response = client_for("coordinator").post(
        reverse("workplan:update_post", args=["JM", activity.pk]),
        {"kind": "collaboration", "text": "Looking for a venue in Clarendon", "language": "en"},
        headers={"HX-Request": "true"},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in body and 'id="updates"' in body
    assert "Looking for a venue in Clarendon" in body and "Request for collaboration" in body


def test_without_javascript_errors_come_back_on_a_page_with_the_form(
    world: SimpleNamespace, client_for: Callable[[str], Client]
) -> None:
    activity = enter(world)
    response = client_for("coordinator").post(
        reverse("workplan:update_post", args=["JM", activity.pk]),
        {"kind": "progress", "text": "", "language": "en"},
    )
    assert response.status_code == 400
    assert response.context["update_form"].errors["text"] == ["Write the update."]
    assert "<html" in response.content.decode()


# --- The feed -----------------------------------------------------------------------------------


@pytest.fixture
def three(world: SimpleNamespace) -> dict[str, object]:
    activities = {}
    for visibility in Visibility.values:
        activity = enter(world, title_en=f"Activity for {visibility}", visibility=visibility)
        post(world, activity, "coordinator", text=f"News shared with {visibility}")
        activities[visibility] = activity
    return activities


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
def test_feed_shows_only_updates_on_activities_the_reader_may_read(
    role: str, listed: set[str], three: dict, client_for: Callable[[str], Client]
) -> None:
    response = client_for(role).get(reverse("workplan:feed", args=["JM"]))
    assert response.status_code == 200
    body = response.content.decode()
    assert {v for v in three if f"News shared with {v}" in body} == listed


@pytest.mark.parametrize(
    ("role", "named"),
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
def test_feed_names_the_author_only_to_members_of_the_programme(
    role: str, named: bool, world: SimpleNamespace, client_for: Callable[[str], Client]
) -> None:
    world.people["coordinator"].first_name = "Marcia"
    world.people["coordinator"].save()
    activity = enter(world, visibility=Visibility.PUBLIC)
    post(world, activity, "coordinator", text="Public news")
    body = client_for(role).get(reverse("workplan:feed", args=["JM"])).content.decode()
    assert "Public news" in body
    assert ("Marcia" in body) is named


def test_feed_is_newest_first_and_filters_by_area_within_pillar_and_organisation(
    world: SimpleNamespace, client_for: Callable[[str], Client]
) -> None:
    in_town = enter(world, title_en="Town", areas=[world.spanish_town], pillar_number=2)
    in_clarendon = enter(
        world,
        title_en="Clarendon",
        areas=[world.clarendon],
        pillar_number=3,
        lead_organisation=world.undp,
        participations=[(world.cso, 4)],
    )
    post(world, in_town, "coordinator", text="First news")
    post(world, in_clarendon, "coordinator", text="Second news")
    client = client_for("observer")
    path = reverse("workplan:feed", args=["JM"])

    def texts(**query: object) -> list[str]:
        page = client.get(path, query).context["page"]
        return [update.text for update in page.object_list]

    assert texts() == ["Second news", "First news"]
    assert texts(area=world.st_catherine.pk) == ["First news"]  # Spanish Town lies within
    assert texts(pillar=in_clarendon.pillar_id) == ["Second news"]
    assert texts(organisation=world.cso.pk) == ["Second news"]  # takes part
    assert texts(organisation=world.un_women.pk) == ["First news"]  # leads


def test_feed_filters_answer_the_results_partial_to_htmx(
    world: SimpleNamespace, client_for: Callable[[str], Client]
) -> None:
    post(world, enter(world), "coordinator", text="Some news")
    response = client_for("observer").get(
        reverse("workplan:feed", args=["JM"]), headers={"HX-Request": "true"}
    )
    body = response.content.decode()
    assert "<html" not in body and "Some news" in body


def test_feed_query_count_does_not_grow_with_updates(
    world: SimpleNamespace, client_for: Callable[[str], Client]
) -> None:
    client = client_for("coordinator")
    path = reverse("workplan:feed", args=["JM"])

    def add(count: int) -> None:
        for index in range(count):
            activity = enter(world, title_en=f"Activity {index}", areas=[world.clarendon])
            post(world, activity, "partner" if index % 2 else "coordinator", text=f"News {index}")

    def queries() -> int:
        with CaptureQueriesContext(connection) as context:
            assert client.get(path).status_code == 200
        return len(context.captured_queries)

    add(2)
    few = queries()
    add(8)
    assert queries() == few


# --- API ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "status"),
    every_role(
        coordinator=200,
        focal_point=200,
        partner=200,
        observer=200,
        outsider=404,
        stranger=404,
        anonymous=404,
    ),
)
def test_api_lists_updates_to_whoever_may_read_the_activity(
    role: str, status: int, world: SimpleNamespace, client_for: Callable[[str], Client]
) -> None:
    activity = enter(world)
    post(world, activity, "coordinator", text="First")
    post(world, activity, "coordinator", kind="status", new_status=2, text="")
    response = client_for(role).get(f"/api/v1/activities/{activity.pk}/updates")
    assert response.status_code == status
    if status == 200:
        items = response.json()["items"]
        assert [(i["kind"], i["new_status"], i["text"]) for i in items] == [
            ("status", 2, ""),
            ("progress", None, "First"),
        ]
        assert "author" not in items[0]
