"""Proposals and suggestions in the admin: listed, filtered and read; decided on the members'
page, where approving applies them with their checks and history."""

import pytest
from django.test import Client
from django.urls import reverse

from accounts.tests.factories import UserFactory
from directory.manage_proposals import new_service_request_create, service_change_request_create
from directory.models import ServiceChangeRequest
from directory.tests.manage_factories import SuggestionFactory, World, url
from programmes.models import Programme

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(programme: Programme) -> Client:
    client = Client()
    client.force_login(UserFactory(username="admin", is_superuser=True, is_staff=True))
    return client


@pytest.fixture
def changes(programme: Programme, people: dict) -> list[ServiceChangeRequest]:
    world = World(programme, people)
    return [
        service_change_request_create(
            service=world.service,
            user=people["partner"],
            payload={"service": {"name_es": "Refugio"}},
        ),
        new_service_request_create(
            programme=programme,
            user=people["partner"],
            payload={"service": {"name_en": "Proposed clinic"}},
        ),
    ]


def test_proposals_are_listed_with_their_service_status_and_author(
    admin_client: Client, changes: list[ServiceChangeRequest], people: dict
) -> None:
    response = admin_client.get(reverse("admin:directory_servicechangerequest_changelist"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Women&#x27;s Shelter" in body and "Proposed clinic" in body
    assert "Waiting for approval" in body and str(people["partner"]) in body

    filtered = admin_client.get(
        reverse("admin:directory_servicechangerequest_changelist"), {"new_service__exact": "1"}
    ).content.decode()
    assert "Proposed clinic" in filtered and "Women&#x27;s Shelter" not in filtered


def test_a_proposal_is_read_only_in_the_admin_and_links_to_where_it_is_decided(
    admin_client: Client, changes: list[ServiceChangeRequest]
) -> None:
    change = changes[1]
    path = reverse("admin:directory_servicechangerequest_change", args=[change.pk])
    body = admin_client.get(path).content.decode()
    assert url("manage_change", change.pk) in body
    assert 'name="status"' not in body  # nothing to edit

    admin_client.post(path, {"status": "approved", "note": "sneaky"})
    change.refresh_from_db()
    assert (change.status, change.note) == ("pending", "")
    add = admin_client.get(reverse("admin:directory_servicechangerequest_add"))
    assert add.status_code == 403


def test_staff_without_permissions_do_not_see_proposals(
    changes: list[ServiceChangeRequest],
) -> None:
    client = Client()
    client.force_login(UserFactory(username="staff", is_staff=True))
    response = client.get(reverse("admin:directory_servicechangerequest_changelist"))
    assert response.status_code == 403


def test_suggestions_are_listed_in_the_admin(admin_client: Client, programme: Programme) -> None:
    SuggestionFactory(service__programme=programme, message="The clinic moved to Half Way Tree")
    response = admin_client.get(reverse("admin:directory_suggestion_changelist"))
    assert response.status_code == 200
    assert "Waiting" in response.content.decode()
