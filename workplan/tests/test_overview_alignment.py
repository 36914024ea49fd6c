"""Alignment with government priorities: the matrix, the priorities no activity serves, the
activities serving none, and the coordinators' editor of the priorities."""

from __future__ import annotations

from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.urls import reverse

from core.models import Visibility
from programmes.models import GovernmentPriority
from programmes.tests.factories import GovernmentPriorityFactory
from workplan.overview import NO_PRIORITY, alignment, overview_activities
from workplan.tests.conftest import enter

pytestmark = pytest.mark.django_db


@pytest.fixture
def aligned(world: SimpleNamespace) -> SimpleNamespace:
    world.justice = GovernmentPriorityFactory(
        programme=world.programme, title_en="Access to justice", code="9"
    )
    enter(
        world,
        title_en="Shelter network",
        priorities=[world.sub_priority],
        budget=Decimal(100),
        currency="USD",
    )
    enter(
        world,
        title_en="Shelter and hotline",
        priorities=[world.sub_priority, world.priority],
        pillar_number=4,
        budget=Decimal(5000),
        currency="JMD",
    )
    world.loose = enter(world, title_en="Radio drama", pillar_number=3)
    return world


def found_for(world: SimpleNamespace, role: str = "coordinator"):  # type: ignore[no-untyped-def]
    user = world.people[role]
    activities = overview_activities(user=user, programme=world.programme, filters={})
    return alignment(activities=activities, user=user, programme=world.programme)


def line(matrix, key):  # type: ignore[no-untyped-def]
    return next(item for item in matrix.lines if item.key == key)


def test_priority_pillar_matrix_counts_each_link_and_keeps_currencies_apart(aligned) -> None:  # type: ignore[no-untyped-def]
    found = found_for(aligned)
    shelters = line(found.matrix, aligned.sub_priority.pk)
    assert shelters.total.count == 2
    assert shelters.total.budgets == {"USD": Decimal(100), "JMD": Decimal(5000)}
    assert line(found.matrix, aligned.priority.pk).total.count == 1
    assert line(found.matrix, NO_PRIORITY).total.count == 1
    assert found.matrix.total.count == 3  # each activity once
    # Tree order: a priority, then those within it.
    keys = [item.key for item in found.matrix.lines]
    assert keys.index(aligned.priority.pk) + 1 == keys.index(aligned.sub_priority.pk)


def test_priorities_no_activity_serves_and_activities_serving_none(aligned) -> None:  # type: ignore[no-untyped-def]
    found = found_for(aligned)
    assert found.unserved == [aligned.justice]
    assert [activity.pk for activity in found.unaligned] == [aligned.loose.pk]


def test_a_parent_priority_is_served_through_a_priority_within_it(world) -> None:  # type: ignore[no-untyped-def]
    enter(world, title_en="Shelter network", priorities=[world.sub_priority])
    found = found_for(world)
    assert found.unserved == []
    assert line(found.matrix, world.priority.pk).total.count == 0


def test_alignment_page_links_the_activities_serving_no_priority(aligned, client_for) -> None:  # type: ignore[no-untyped-def]
    response = client_for("observer").get(
        reverse("workplan:alignment", args=[aligned.programme.code])
    )
    content = response.content.decode()
    detail = reverse("workplan:detail", args=[aligned.programme.code, aligned.loose.pk])
    assert f'<a href="{detail}">Radio drama</a>' in content
    assert "Access to justice" in content[content.index('id="unserved"') :]
    assert "priority_edit" not in content and "/priorities/" not in content  # no editing


def test_an_outsider_sees_public_activities_and_priorities_only(aligned, client_for) -> None:  # type: ignore[no-untyped-def]
    aligned.justice.visibility = Visibility.PROGRAMME
    aligned.justice.save()
    enter(aligned, title_en="Public forum", visibility=Visibility.PUBLIC)
    found = found_for(aligned, "outsider")
    assert found.matrix.total.count == 1
    assert aligned.justice not in found.unserved
    assert {item.title for item in found.unaligned} == {"Public forum"}


def priority_data(**values):  # type: ignore[no-untyped-def]
    data = {
        "framework": "National Strategic Action Plan",
        "code": "4.2",
        "title_en": "Prevention in schools",
        "title_es": "Prevención en las escuelas",
        "description_en": "",
        "description_es": "",
        "parent": "",
        "visibility": "public",
    }
    data.update(values)
    return data


def test_a_coordinator_adds_a_priority_within_another_and_it_is_recorded_in_history(
    world, client_for
) -> None:  # type: ignore[no-untyped-def]
    response = client_for("coordinator").post(
        reverse("workplan:priority_create", args=[world.programme.code]),
        priority_data(parent=str(world.priority.pk)),
    )
    assert response.status_code == 302
    created = GovernmentPriority.objects.get(code="4.2")
    assert created.parent == world.priority
    assert created.title_es == "Prevención en las escuelas"
    assert created.history.get().history_user == world.people["coordinator"]


def test_a_coordinator_edits_a_priority_and_cannot_put_it_within_itself(world, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for("coordinator")
    address = reverse("workplan:priority_edit", args=[world.programme.code, world.priority.pk])
    page = client.get(address).content.decode()
    assert f'<option value="{world.sub_priority.pk}"' not in page  # within it: not a parent
    response = client.post(
        address, priority_data(code=world.priority.code, title_en="Safe homes for all")
    )
    assert response.status_code == 302
    world.priority.refresh_from_db()
    assert world.priority.title_en == "Safe homes for all"
    response = client.post(address, priority_data(parent=str(world.sub_priority.pk)))
    assert response.status_code == 400


def test_priority_errors_are_shown_and_nothing_is_saved(world, client_for) -> None:  # type: ignore[no-untyped-def]
    response = client_for("coordinator").post(
        reverse("workplan:priority_create", args=[world.programme.code]),
        priority_data(
            title_en="", title_es="", code=world.priority.code, framework=world.priority.framework
        ),
    )
    assert response.status_code == 400
    assert not GovernmentPriority.objects.filter(title_en="").exists()
    assert "Write this in at least one language." in response.content.decode()


def test_a_focal_point_cannot_add_a_priority(world, client_for) -> None:  # type: ignore[no-untyped-def]
    response = client_for("focal_point").post(
        reverse("workplan:priority_create", args=[world.programme.code]), priority_data()
    )
    assert response.status_code == 403
    assert not GovernmentPriority.objects.filter(code="4.2").exists()
