"""The workplan pages against every named person, the editor without and with JavaScript, and
query counts that do not grow with the rows."""

from __future__ import annotations

from collections.abc import Callable
from types import SimpleNamespace
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conftest import ROLES
from core.models import Visibility
from core.tests.helpers import every_role
from programmes.models import Pillar
from workplan.models import Activity, OverlapDecision
from workplan.tests.conftest import enter
from workplan.tests.test_activity_selectors import POLICE_EN, POLICE_ES

pytestmark = pytest.mark.django_db


def check_status(response: Any, role: str, expected: int) -> None:
    if expected == 302:
        assert response.status_code == 302
        assert reverse("accounts:login") in response.url
    else:
        assert response.status_code == expected, response.content[:500]


def form_data(world: SimpleNamespace, **values: Any) -> dict[str, Any]:
    data = {
        "title_en": "Community dialogues on violence prevention",
        "title_es": "",
        "description_en": "",
        "description_es": "",
        "lead_organisation": world.un_women.pk,
        "pillar": Pillar.objects.get(number=3).pk,
        "planned_start": "2026-02-01",
        "planned_end": "2026-06-30",
        "status": "1",
        "currency": "USD",
        "sector": "15180",
        "gender_marker": "2",
        "visibility": "programme",
        "participations-TOTAL_FORMS": "2",
        "participations-INITIAL_FORMS": "0",
        "participations-MIN_NUM_FORMS": "0",
        "participations-MAX_NUM_FORMS": "1000",
        "participations-0-organisation": "",
        "participations-0-role": "",
        "participations-1-organisation": "",
        "participations-1-role": "",
    }
    data.update(values)
    return data


# --- Reading ------------------------------------------------------------------------------------


@pytest.fixture
def three(world: SimpleNamespace) -> dict[str, Activity]:
    return {
        visibility: enter(
            world, title_en=f"Activity shared with {visibility}", visibility=visibility
        )
        for visibility in Visibility.values
    }


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
def test_workplan_list_shows_what_the_visibility_allows(
    role: str, listed: set[str], three: dict, client_for: Callable[[str], Client]
) -> None:
    response = client_for(role).get(reverse("workplan:list", args=["JM"]))
    assert response.status_code == 200
    body = response.content.decode()
    assert {v for v in three if f"Activity shared with {v}" in body} == listed


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
def test_a_programme_only_activity_is_not_found_outside_the_programme(
    role: str, status: int, three: dict, client_for: Callable[[str], Client]
) -> None:
    path = reverse("workplan:detail", args=["JM", three["programme"].pk])
    check_status(client_for(role).get(path), role, status)


@pytest.mark.parametrize(
    ("role", "shows_edit"),
    every_role(
        coordinator=True,
        focal_point=True,
        partner=False,
        observer=False,
        outsider=False,
        stranger=False,
        anonymous=False,
    ),
)
def test_activity_page_offers_editing_to_the_coordinator_and_the_lead_organisations_people(
    role: str, shows_edit: bool, three: dict, client_for: Callable[[str], Client]
) -> None:
    activity = three["public"]  # led by UN Women, the focal point's organisation
    body = (
        client_for(role).get(reverse("workplan:detail", args=["JM", activity.pk])).content.decode()
    )
    assert (reverse("workplan:edit", args=["JM", activity.pk]) in body) is shows_edit


def test_activity_page_shows_both_languages_and_its_possible_duplicates(
    world: SimpleNamespace, client_for: Callable[[str], Client]
) -> None:
    first = enter(world, **POLICE_EN, **POLICE_ES, areas=[world.st_catherine])
    second = enter(world, **POLICE_ES, title_en="", areas=[world.spanish_town])
    body = (
        client_for("observer")
        .get(reverse("workplan:detail", args=["JM", first.pk]))
        .content.decode()
    )
    assert POLICE_EN["title_en"] in body
    assert POLICE_ES["title_es"] in body
    assert reverse("workplan:detail", args=["JM", second.pk]) in body
    assert "15180 Ending violence against women and girls" in body


def test_spanish_interface_shows_the_spanish_title(
    world: SimpleNamespace, client_for: Callable[[str], Client]
) -> None:
    activity = enter(world, title_en="Police training", title_es="Formación policial")
    body = client_for("observer").get(f"/es/workplan/JM/{activity.pk}/").content.decode()
    assert "<h1>Formación policial</h1>" in body


# --- Entering ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "status"),
    every_role(
        coordinator=200,
        focal_point=200,
        partner=200,
        observer=403,
        outsider=403,
        stranger=403,
        anonymous=302,
    ),
)
def test_new_activity_form_is_for_coordinators_focal_points_and_partners(
    role: str, status: int, world: SimpleNamespace, client_for: Callable[[str], Client]
) -> None:
    check_status(client_for(role).get(reverse("workplan:create", args=["JM"])), role, status)


@pytest.mark.parametrize(
    ("role", "status"),
    every_role(
        coordinator=302,
        focal_point=302,
        partner=400,  # may enter activities, but not UN Women's
        observer=403,
        outsider=403,
        stranger=403,
        anonymous=302,
    ),
)
def test_who_may_enter_an_activity_led_by_un_women(
    role: str, status: int, world: SimpleNamespace, client_for: Callable[[str], Client]
) -> None:
    response = client_for(role).post(reverse("workplan:create", args=["JM"]), form_data(world))
    if role in ("coordinator", "focal_point"):
        activity = Activity.objects.get()
        assert response.url == reverse("workplan:detail", args=["JM", activity.pk])
        assert activity.lead_organisation == world.un_women
        assert activity.history.get().history_user == world.people[role]
    else:
        check_status(response, role, status)
        assert not Activity.objects.exists()


def test_a_partner_enters_an_activity_of_their_own_organisation_with_others_taking_part(
    world: SimpleNamespace, client_for: Callable[[str], Client]
) -> None:
    response = client_for("partner").post(
        reverse("workplan:create", args=["JM"]),
        form_data(
            world,
            lead_organisation=world.cso.pk,
            areas=[str(world.clarendon.pk)],
            **{"participations-0-organisation": world.undp.pk, "participations-0-role": "1"},
        ),
    )
    assert response.status_code == 302
    activity = Activity.objects.get()
    assert activity.lead_organisation == world.cso
    assert [(p.organisation, p.role) for p in activity.participations.all()] == [(world.undp, 1)]
    assert list(activity.areas.all()) == [world.clarendon]


def test_form_errors_are_shown_at_their_fields_and_nothing_is_saved(
    world: SimpleNamespace, client_for: Callable[[str], Client]
) -> None:
    response = client_for("coordinator").post(
        reverse("workplan:create", args=["JM"]),
        form_data(world, title_en="", planned_end="2026-01-01"),
    )
    assert response.status_code == 400
    form = response.context["form"]
    assert form.errors["title_en"] == ["Write this in at least one language."]
    assert form.errors["planned_end"] == ["The planned end cannot come before the planned start."]
    assert not Activity.objects.exists()


def test_form_shows_english_and_spanish_fields_side_by_side(
    world: SimpleNamespace, client_for: Callable[[str], Client]
) -> None:
    body = client_for("coordinator").get(reverse("workplan:create", args=["JM"])).content.decode()
    assert 'class="bilingual"' in body
    assert (
        body.index('name="title_en"')
        < body.index('name="title_es"')
        < body.index('name="description_en"')
    )
    assert "Title (English)" in body and "Title (Spanish)" in body
    # With JavaScript, changes post the form to the check, which answers the partial.
    assert f'hx-post="{reverse("workplan:check", args=["JM"])}"' in body


def test_without_javascript_the_check_button_shows_possible_duplicates_and_saves_nothing(
    world: SimpleNamespace, client_for: Callable[[str], Client]
) -> None:
    existing = enter(world, **POLICE_ES, title_en="", areas=[world.st_catherine])
    response = client_for("focal_point").post(
        reverse("workplan:create", args=["JM"]),
        form_data(
            world,
            **POLICE_EN,
            pillar=existing.pillar_id,
            areas=[str(world.st_catherine.pk)],
            check="1",
        ),
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Possible duplicates" in body
    assert reverse("workplan:detail", args=["JM", existing.pk]) in body
    assert "Similarity" in body
    assert Activity.objects.count() == 1


def test_htmx_check_renders_only_the_partial_with_candidates_and_reasons(
    world: SimpleNamespace, client_for: Callable[[str], Client]
) -> None:
    existing = enter(world, **POLICE_ES, title_en="", areas=[world.st_catherine])
    response = client_for("partner").post(
        reverse("workplan:check", args=["JM"]),
        form_data(
            world, **POLICE_EN, pillar=existing.pillar_id, areas=[str(world.spanish_town.pk)]
        ),
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "<html" not in body
    assert 'id="overlaps-heading"' in body
    candidate = response.context["candidates"][0]
    assert candidate.activity == existing
    assert candidate.reasons and all(reason in body for reason in candidate.reasons)


def test_the_check_works_on_an_incomplete_form(
    world: SimpleNamespace, client_for: Callable[[str], Client]
) -> None:
    enter(world, **POLICE_EN, areas=[world.st_catherine])
    data = {"title_en": POLICE_EN["title_en"], "areas": [str(world.st_catherine.pk)]}
    response = client_for("coordinator").post(reverse("workplan:check", args=["JM"]), data)
    assert response.status_code == 200
    assert len(response.context["candidates"]) == 1


def test_saving_is_never_blocked_by_a_possible_duplicate(
    world: SimpleNamespace, client_for: Callable[[str], Client]
) -> None:
    existing = enter(world, **POLICE_EN, areas=[world.st_catherine])
    response = client_for("coordinator").post(
        reverse("workplan:create", args=["JM"]),
        form_data(
            world, **POLICE_EN, pillar=existing.pillar_id, areas=[str(world.st_catherine.pk)]
        ),
    )
    assert response.status_code == 302
    assert Activity.objects.count() == 2


@pytest.mark.parametrize(
    ("role", "status"),
    every_role(
        coordinator=200,
        focal_point=200,
        partner=403,
        observer=403,
        outsider=404,
        stranger=404,
        anonymous=404,
    ),
)
def test_htmx_check_of_an_activity_follows_who_may_edit_it(
    role: str, status: int, world: SimpleNamespace, client_for: Callable[[str], Client]
) -> None:
    activity = enter(world)
    path = reverse("workplan:check_activity", args=["JM", activity.pk])
    check_status(client_for(role).post(path, form_data(world)), role, status)


# --- Editing ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "status"),
    every_role(
        coordinator=302,
        focal_point=302,
        partner=403,
        observer=403,
        outsider=404,
        stranger=404,
        anonymous=404,
    ),
)
def test_only_the_coordinator_and_the_lead_organisations_people_change_an_activity(
    role: str, status: int, world: SimpleNamespace, client_for: Callable[[str], Client]
) -> None:
    activity = enter(world, title_en="Before")
    path = reverse("workplan:edit", args=["JM", activity.pk])
    response = client_for(role).post(path, form_data(world, title_en="After"))
    activity.refresh_from_db()
    if status == 302:
        assert response.status_code == 302
        assert activity.title_en == "After"
    else:
        check_status(response, role, status)
        assert activity.title_en == "Before"


def test_a_focal_point_cannot_hand_their_activity_to_another_organisation(
    world: SimpleNamespace, client_for: Callable[[str], Client]
) -> None:
    activity = enter(world)
    response = client_for("focal_point").post(
        reverse("workplan:edit", args=["JM", activity.pk]),
        form_data(world, lead_organisation=world.undp.pk),
    )
    assert response.status_code == 400
    assert "lead_organisation" in response.context["form"].errors
    activity.refresh_from_db()
    assert activity.lead_organisation == world.un_women


def test_edit_form_starts_from_the_activity_and_keeps_its_participations(
    world: SimpleNamespace, client_for: Callable[[str], Client]
) -> None:
    activity = enter(world, areas=[world.clarendon], participations=[(world.cso, 4)])
    response = client_for("coordinator").get(reverse("workplan:edit", args=["JM", activity.pk]))
    assert response.context["form"]["areas"].value() == [str(world.clarendon.pk)]
    assert response.context["formset"].forms[0]["organisation"].value() == world.cso.pk


def test_add_more_rows_adds_rows_without_saving(
    world: SimpleNamespace, client_for: Callable[[str], Client]
) -> None:
    response = client_for("coordinator").post(
        reverse("workplan:create", args=["JM"]), form_data(world, add_rows="1")
    )
    assert len(response.context["formset"].forms) == 4
    assert not Activity.objects.exists()


# --- Query counts -------------------------------------------------------------------------------


def _queries(client: Client, path: str) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(path)
    assert response.status_code == 200
    return len(context.captured_queries)


def _add(world: SimpleNamespace, count: int) -> None:
    for index in range(count):
        enter(
            world,
            title_en=f"Activity number {index}",
            areas=[world.clarendon, world.spanish_town],
            priorities=[world.priority],
            participations=[(world.cso, 4), (world.undp, 1)],
        )


def test_list_query_count_does_not_grow_with_rows(
    world: SimpleNamespace, client_for: Callable[[str], Client]
) -> None:
    client = client_for("coordinator")
    path = reverse("workplan:list", args=["JM"])
    _add(world, 2)
    few = _queries(client, path)
    _add(world, 8)
    assert _queries(client, path) == few


def test_detail_query_count_does_not_grow_with_rows(
    world: SimpleNamespace, client_for: Callable[[str], Client]
) -> None:
    client = client_for("coordinator")
    activity = enter(world, **POLICE_EN, areas=[world.st_catherine])
    path = reverse("workplan:detail", args=["JM", activity.pk])
    _add(world, 2)
    enter(world, **POLICE_ES, title_en="", areas=[world.st_catherine])
    few = _queries(client, path)
    _add(world, 6)
    enter(world, **POLICE_ES, title_en="", areas=[world.spanish_town])
    OverlapDecision.objects.all().delete()
    assert _queries(client, path) == few


@pytest.mark.parametrize("role", ROLES)
def test_workplan_of_an_unknown_programme_is_not_found(
    role: str, world: SimpleNamespace, client_for: Callable[[str], Client]
) -> None:
    assert client_for(role).get(reverse("workplan:list", args=["ZZ"])).status_code == 404
