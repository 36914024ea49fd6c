"""Every members' directory page and action against every named person.

Members of JM read the dashboard, the follow-up list and the coverage; only the coordinator
creates, edits, verifies, approves and moderates; the partner, whose organisation runs the
service, proposes changes; the focal point works for another organisation and may not. People
of other programmes are refused (403), anonymous visitors are sent to sign in, and what a page
may not reveal is not found (404).
"""

from collections.abc import Callable

import pytest
from django.http import HttpResponse
from django.test import Client
from django.urls import reverse

from accounts.tests.factories import UserFactory
from core.tests.helpers import every_role
from directory.manage_forms import ServiceEditor
from directory.manage_proposals import service_change_request_create
from directory.models import Service, ServiceChangeRequest, Suggestion
from directory.tests.manage_factories import (
    OLD,
    SuggestionFactory,
    VerifiedServiceFactory,
    World,
    editor_data,
    programme_today,
    url,
)
from programmes.models import Programme

pytestmark = pytest.mark.django_db

MEMBERS_READ = every_role(
    coordinator=200,
    focal_point=200,
    partner=200,
    observer=200,
    outsider=403,
    stranger=403,
    anonymous=302,
)
COORDINATOR_ONLY = every_role(
    coordinator=200,
    focal_point=403,
    partner=403,
    observer=403,
    outsider=403,
    stranger=403,
    anonymous=302,
)
COORDINATOR_WRITES = every_role(
    coordinator=302,
    focal_point=403,
    partner=403,
    observer=403,
    outsider=403,
    stranger=403,
    anonymous=302,
)


def check(response: HttpResponse, role: str, expected: int) -> None:
    """Anonymous visitors go to the sign-in page, and come back to where they were."""
    assert response.status_code == expected, response.content[:2000]
    if role == "anonymous":
        assert response.url.startswith(f"{reverse('accounts:login')}?next=")


@pytest.fixture
def world(programme: Programme, people: dict) -> World:
    return World(programme, people)


def superuser_client() -> Client:
    client = Client()
    client.force_login(UserFactory(username="admin", is_superuser=True, is_staff=True))
    return client


# --- Pages every member reads ---------------------------------------------------------------


@pytest.mark.parametrize("page", ["manage_dashboard", "manage_follow_up", "manage_coverage"])
@pytest.mark.parametrize(("role", "status"), MEMBERS_READ)
def test_reading_pages_are_for_members_of_the_programme(
    page: str, role: str, status: int, world: World, client_for: Callable[[str], Client]
) -> None:
    check(client_for(role).get(url(page)), role, status)


@pytest.mark.parametrize(("role", "status"), MEMBERS_READ)
def test_coverage_csv_is_for_members_of_the_programme(
    role: str, status: int, world: World, client_for: Callable[[str], Client]
) -> None:
    response = client_for(role).get(url("manage_coverage_csv"))
    check(response, role, status)
    if status == 200:
        assert response["Content-Type"] == "text/csv; charset=utf-8"


@pytest.mark.parametrize(
    ("role", "links_to_editor"),
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
def test_dashboard_links_to_the_editor_only_for_who_may_edit_or_propose(
    role: str, links_to_editor: bool, world: World, client_for: Callable[[str], Client]
) -> None:
    body = client_for(role).get(url("manage_dashboard")).content.decode()
    assert (f'href="{url("manage_service", world.service.pk)}"' in body) is links_to_editor


@pytest.mark.parametrize(
    ("role", "shows_queues"),
    every_role(
        coordinator=True,
        focal_point=False,
        partner=False,
        observer=False,
        outsider=False,
        stranger=False,
        anonymous=False,
    ),
)
def test_only_the_coordinator_is_shown_the_queues_and_the_verify_buttons(
    role: str, shows_queues: bool, world: World, client_for: Callable[[str], Client]
) -> None:
    world.service.assured_date = OLD
    world.service.save()
    client = client_for(role)
    dashboard = client.get(url("manage_dashboard")).content.decode()
    follow_up = client.get(url("manage_follow_up")).content.decode()
    assert (url("manage_changes") in dashboard) is shows_queues
    assert (url("manage_suggestions") in dashboard) is shows_queues
    assert (url("manage_service_verify", world.service.pk) in follow_up) is shows_queues


# --- Creating and editing -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "status", "proposing"),
    [
        (role, status, role in ("focal_point", "partner"))
        for role, status in every_role(
            coordinator=200,
            focal_point=200,
            partner=200,
            observer=403,
            outsider=403,
            stranger=403,
            anonymous=302,
        )
    ],
)
def test_new_service_form_is_for_the_coordinator_and_a_proposal_form_for_focal_points_and_partners(
    role: str, status: int, proposing: bool, world: World, client_for: Callable[[str], Client]
) -> None:
    response = client_for(role).get(url("manage_service_create"))
    check(response, role, status)
    if status == 200:
        body = response.content.decode()
        assert ("Send for approval" in body) is proposing
        assert ('name="organisation"' in body) is not proposing


@pytest.mark.parametrize(
    ("role", "status", "outcome"),
    [
        (role, *expected)
        for role, expected in every_role(
            coordinator=(302, "created"),
            focal_point=(302, "proposed"),
            partner=(302, "proposed"),
            observer=(403, None),
            outsider=(403, None),
            stranger=(403, None),
            anonymous=(302, None),
        )
    ],
)
def test_coordinator_creates_a_service_and_focal_points_and_partners_propose_one(
    role: str, status: int, outcome: str | None, world: World, client_for: Callable[[str], Client]
) -> None:
    data = editor_data(ServiceEditor(programme=world.programme))
    data.update({"name_en": "New helpline", "organisation": str(world.centre.pk)})
    response = client_for(role).post(url("manage_service_create"), data)
    check(response, role, status)
    assert Service.objects.filter(name_en="New helpline").exists() is (outcome == "created")
    proposals = ServiceChangeRequest.objects.filter(new_service=True)
    assert proposals.exists() is (outcome == "proposed")
    if outcome == "proposed":
        # Their own organisation's, whatever the form was sent with.
        own = world.people[role].organisation_id
        assert proposals.get().data["service"]["organisation"] == own


@pytest.mark.parametrize(
    ("role", "status"),
    every_role(
        coordinator=200,
        focal_point=403,
        partner=200,
        observer=403,
        outsider=403,
        stranger=403,
        anonymous=302,
    ),
)
def test_service_editor_opens_for_the_coordinator_and_the_services_own_partner(
    role: str, status: int, world: World, client_for: Callable[[str], Client]
) -> None:
    response = client_for(role).get(url("manage_service", world.service.pk))
    check(response, role, status)
    if status == 200:
        body = response.content.decode()
        # Both may see the confidential address they are editing.
        assert "7 Secret Lane" in body
        assert ("Send for approval" in body) is (role == "partner")


@pytest.mark.parametrize(
    ("role", "status"),
    every_role(
        coordinator=302,
        focal_point=403,
        partner=302,
        observer=403,
        outsider=403,
        stranger=403,
        anonymous=302,
    ),
)
def test_editing_applies_for_the_coordinator_and_waits_for_approval_for_the_partner(
    role: str, status: int, world: World, client_for: Callable[[str], Client]
) -> None:
    data = editor_data(ServiceEditor(programme=world.programme, service=world.service))
    data["name_en"] = "Renamed shelter"
    response = client_for(role).post(url("manage_service", world.service.pk), data)
    check(response, role, status)
    world.service.refresh_from_db()
    assert (world.service.name_en == "Renamed shelter") is (role == "coordinator")
    proposals = ServiceChangeRequest.objects.filter(service=world.service)
    assert proposals.exists() is (role == "partner")


@pytest.mark.parametrize(("role", "status"), COORDINATOR_WRITES)
def test_only_the_coordinator_marks_a_service_verified(
    role: str, status: int, world: World, client_for: Callable[[str], Client]
) -> None:
    Service.objects.filter(pk=world.service.pk).update(assured_date=OLD)
    response = client_for(role).post(url("manage_service_verify", world.service.pk))
    check(response, role, status)
    world.service.refresh_from_db()
    assert (world.service.assured_date != OLD) is (role == "coordinator")


@pytest.mark.parametrize("role", ["coordinator", "partner"])
def test_verify_and_edit_refuse_get_or_other_methods(
    role: str, world: World, client_for: Callable[[str], Client]
) -> None:
    client = client_for(role)
    assert client.get(url("manage_service_verify", world.service.pk)).status_code == 405
    assert client.delete(url("manage_service", world.service.pk)).status_code == 405


# --- Proposals and suggestions --------------------------------------------------------------


def proposal(world: World) -> ServiceChangeRequest:
    payload = {"service": {"name_en": "Shelter (renamed)"}}
    return service_change_request_create(
        service=world.service, user=world.people["partner"], payload=payload
    )


@pytest.mark.parametrize(("role", "status"), COORDINATOR_ONLY)
def test_proposal_queue_and_comparison_are_for_the_coordinator(
    role: str, status: int, world: World, client_for: Callable[[str], Client]
) -> None:
    change = proposal(world)
    client = client_for(role)
    check(client.get(url("manage_changes")), role, status)
    check(client.get(url("manage_change", change.pk)), role, status)


@pytest.mark.parametrize(("role", "status"), COORDINATOR_WRITES)
def test_only_the_coordinator_decides_a_proposal(
    role: str, status: int, world: World, client_for: Callable[[str], Client]
) -> None:
    change = proposal(world)
    response = client_for(role).post(url("manage_change", change.pk), {"decision": "approve"})
    check(response, role, status)
    change.refresh_from_db()
    assert (change.status == ServiceChangeRequest.Status.APPROVED) is (role == "coordinator")


@pytest.mark.parametrize(("role", "status"), COORDINATOR_ONLY)
def test_suggestion_queue_is_for_the_coordinator(
    role: str, status: int, world: World, client_for: Callable[[str], Client]
) -> None:
    SuggestionFactory(service=world.service, message="The number is wrong")
    response = client_for(role).get(url("manage_suggestions"))
    check(response, role, status)
    if status == 200:
        assert "The number is wrong" in response.content.decode()


@pytest.mark.parametrize(("role", "status"), COORDINATOR_WRITES)
def test_only_the_coordinator_closes_a_suggestion(
    role: str, status: int, world: World, client_for: Callable[[str], Client]
) -> None:
    suggestion = SuggestionFactory(service=world.service)
    response = client_for(role).post(
        url("manage_suggestion_decide", suggestion.pk), {"status": "dismissed"}
    )
    check(response, role, status)
    suggestion.refresh_from_db()
    assert (suggestion.status == Suggestion.Status.DISMISSED) is (role == "coordinator")


# --- What is not found ----------------------------------------------------------------------


@pytest.mark.parametrize("role", ["coordinator", "anonymous"])
def test_an_unknown_programme_is_not_found(
    role: str, world: World, client_for: Callable[[str], Client]
) -> None:
    path = reverse("directory:manage_dashboard", args=["ZZ"])
    assert client_for(role).get(path).status_code == 404


def test_a_service_of_another_programme_is_not_found_under_this_one(
    world: World, other_programme: Programme, client_for: Callable[[str], Client]
) -> None:
    elsewhere = VerifiedServiceFactory(programme=other_programme)
    client = client_for("coordinator")
    assert client.get(url("manage_service", elsewhere.pk)).status_code == 404
    assert client.post(url("manage_service_verify", elsewhere.pk)).status_code == 404


def test_proposals_and_suggestions_of_another_programme_are_not_found(
    world: World, other_programme: Programme, people: dict, client_for: Callable[[str], Client]
) -> None:
    elsewhere = VerifiedServiceFactory(programme=other_programme)
    change = ServiceChangeRequest.objects.create(
        programme=other_programme,
        service=elsewhere,
        proposed_by=people["outsider"],
        data={"service": {"name_en": "X"}},
    )
    suggestion = SuggestionFactory(service=elsewhere)
    client = client_for("coordinator")
    assert client.get(url("manage_change", change.pk)).status_code == 404
    assert client.post(url("manage_change", change.pk), {"decision": "approve"}).status_code == 404
    response = client.post(url("manage_suggestion_decide", suggestion.pk), {"status": "applied"})
    assert response.status_code == 404
    suggestion.refresh_from_db()
    assert suggestion.status == Suggestion.Status.OPEN


def test_a_superuser_who_is_not_a_member_manages_everything(world: World) -> None:
    client = superuser_client()
    change = proposal(world)
    for page, args in [
        ("manage_dashboard", []),
        ("manage_service_create", []),
        ("manage_service", [world.service.pk]),
        ("manage_follow_up", []),
        ("manage_changes", []),
        ("manage_change", [change.pk]),
        ("manage_suggestions", []),
        ("manage_coverage", []),
        ("manage_coverage_csv", []),
    ]:
        assert client.get(url(page, *args)).status_code == 200, page
    assert client.post(url("manage_service_verify", world.service.pk)).status_code == 302
    world.service.refresh_from_db()
    assert world.service.assured_date == programme_today(world.programme)
