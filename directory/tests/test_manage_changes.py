"""A partner's changes wait for a coordinator, who compares, then approves or rejects them."""

from collections.abc import Callable

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from directory import models as d
from directory.manage_forms import ServiceEditor
from directory.manage_payload import service_payload
from directory.manage_proposals import (
    service_change_request_approve,
    service_change_request_create,
    service_change_request_reject,
)
from directory.manage_services import service_update
from directory.models import ServiceChangeRequest
from directory.tests.manage_factories import World, editor_data, url
from programmes.models import Programme

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(programme: Programme, people: dict) -> World:
    return World(programme, people)


def propose(world: World, client: Client, **changes: object) -> ServiceChangeRequest:
    data = editor_data(
        ServiceEditor(programme=world.programme, service=world.service, proposing=True)
    )
    data.update(changes)
    response = client.post(url("manage_service", world.service.pk), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    return ServiceChangeRequest.objects.get(service=world.service, status="pending")


def test_a_partners_edit_is_stored_as_a_proposal_of_only_what_changed(
    world: World, client_for: Callable[[str], Client]
) -> None:
    before = service_payload(world.service)
    history = d.Service.history.count() + d.Phone.history.count()
    tokens = d.SearchToken.objects.count()

    change = propose(
        world,
        client_for("partner"),
        name_es="Refugio de Mujeres",
        eligibility_description_en="Women and their children.",
        **{"phones-2-number": "876-555-0333", "phones-2-type": "voice"},
    )

    assert change.proposed_by == world.people["partner"]
    assert change.data["service"] == {
        "name_es": "Refugio de Mujeres",
        "eligibility_description_en": "Women and their children.",
    }
    assert [row["number"] for row in change.data["phones"]] == [
        row["number"] for row in before["phones"]
    ] + ["876-555-0333"]
    assert set(change.data) == {"service", "phones"}
    assert change.original["service"] == {
        "name_es": before["service"]["name_es"],
        "eligibility_description_en": "",
    }
    # The service, its history and the public index are untouched until a coordinator approves.
    assert service_payload(world.service) == before
    assert d.Service.history.count() + d.Phone.history.count() == history
    assert d.SearchToken.objects.count() == tokens


def test_the_proposal_form_leaves_out_what_only_a_coordinator_changes(
    world: World, client_for: Callable[[str], Client]
) -> None:
    body = client_for("partner").get(url("manage_service", world.service.pk)).content.decode()
    assert 'name="name_en"' in body
    for name in ("organisation", "visibility", "assured_date"):
        assert f'name="{name}"' not in body
    assert url("manage_service_verify", world.service.pk) not in body


def test_a_proposal_may_not_change_what_only_a_coordinator_changes(world: World) -> None:
    with pytest.raises(ValidationError):
        service_change_request_create(
            service=world.service,
            user=world.people["partner"],
            payload={"service": {"organisation": world.agency.pk}},
        )
    assert not ServiceChangeRequest.objects.exists()


def test_proposing_nothing_new_says_so(world: World, client_for: Callable[[str], Client]) -> None:
    data = editor_data(
        ServiceEditor(programme=world.programme, service=world.service, proposing=True)
    )
    response = client_for("partner").post(url("manage_service", world.service.pk), data)
    assert response.status_code == 400
    assert "nothing to propose" in response.content.decode()
    assert not ServiceChangeRequest.objects.exists()


def test_a_proposal_that_could_not_be_applied_is_refused_at_once(world: World) -> None:
    other = d.Phone.objects.create(
        service=d.Service.objects.create(
            programme=world.programme, organisation=world.agency, name_en="Other"
        ),
        number="1",
    )
    payload = {
        "phones": [
            {
                "id": str(other.pk),
                "number": "2",
                "extension": "",
                "type": "voice",
                "description_en": "",
                "description_es": "",
                "is_private": False,
            }
        ]
    }
    with pytest.raises(ValidationError):
        service_change_request_create(
            service=world.service, user=world.people["partner"], payload=payload
        )
    assert not ServiceChangeRequest.objects.exists()
    other.refresh_from_db()
    assert other.number == "1"


def test_coordinator_sees_the_queue_and_compares_now_with_proposed(
    world: World, client_for: Callable[[str], Client]
) -> None:
    change = propose(
        world, client_for("partner"), name_es="Refugio de Mujeres", status="temporarily closed"
    )
    client = client_for("coordinator")

    queue = client.get(url("manage_changes")).content.decode()
    assert url("manage_change", change.pk) in queue

    body = client.get(url("manage_change", change.pk)).content.decode()
    assert "Servicio" in body and "Refugio de Mujeres" in body  # now, and proposed
    assert "Active" in body and "Temporarily closed" in body
    assert "Name (Spanish)" in body
    assert "Changed since it was proposed" not in body


def test_approving_applies_the_proposal_in_the_approvers_name(
    world: World, client_for: Callable[[str], Client]
) -> None:
    change = propose(
        world,
        client_for("partner"),
        name_es="Refugio de Mujeres",
        **{"schedules-0-all_week": "on"},
    )

    response = client_for("coordinator").post(
        url("manage_change", change.pk), {"decision": "approve", "note": "Thanks"}
    )

    assert response.status_code == 302
    assert response.url == url("manage_changes")
    change.refresh_from_db()
    coordinator = world.people["coordinator"]
    assert (change.status, change.decided_by, change.note) == ("approved", coordinator, "Thanks")
    assert change.decided_at is not None
    world.service.refresh_from_db()
    assert world.service.name_es == "Refugio de Mujeres"
    assert world.service.open_24_7 is True  # applied through service_update, which refreshes
    row = world.service.history.latest("history_date", "history_id")
    assert (row.history_user, row.history_change_reason) == (coordinator, f"proposal:{change.pk}")
    schedule = d.Schedule.history.filter(service_id=world.service.pk).latest(
        "history_date", "history_id"
    )
    assert schedule.history_user == coordinator
    # The history on the service's page says where the change came from.
    page = client_for("coordinator").get(url("manage_service", world.service.pk)).content.decode()
    assert f"from proposal {change.pk}" in page


def test_rejecting_needs_a_note_and_changes_nothing(
    world: World, client_for: Callable[[str], Client]
) -> None:
    change = propose(world, client_for("partner"), name_es="Refugio de Mujeres")
    before = service_payload(world.service)
    client = client_for("coordinator")

    response = client.post(url("manage_change", change.pk), {"decision": "reject", "note": " "})
    assert response.status_code == 400
    assert 'id="id_note_error"' in response.content.decode()
    change.refresh_from_db()
    assert change.status == "pending"

    response = client.post(
        url("manage_change", change.pk), {"decision": "reject", "note": "Please call us first."}
    )
    assert response.status_code == 302
    change.refresh_from_db()
    assert (change.status, change.note) == ("rejected", "Please call us first.")
    assert service_payload(world.service) == before

    # The partner reads the decision and the note on the service's page.
    page = client_for("partner").get(url("manage_service", world.service.pk)).content.decode()
    assert "Rejected" in page and "Please call us first." in page


def test_a_decided_proposal_is_not_decided_again(
    world: World, client_for: Callable[[str], Client]
) -> None:
    change = propose(world, client_for("partner"), name_es="Refugio de Mujeres")
    service_change_request_reject(
        change_request=change, user=world.people["coordinator"], note="No"
    )
    with pytest.raises(ValidationError):
        service_change_request_approve(change_request=change, user=world.people["coordinator"])

    response = client_for("coordinator").post(
        url("manage_change", change.pk), {"decision": "approve"}
    )
    assert response.status_code == 400
    assert "already been decided" in response.content.decode()
    world.service.refresh_from_db()
    assert world.service.name_es != "Refugio de Mujeres"


def test_the_comparison_warns_when_the_service_changed_since_the_proposal(
    world: World, client_for: Callable[[str], Client]
) -> None:
    change = propose(world, client_for("partner"), name_es="Refugio de Mujeres")
    service_update(
        service=world.service,
        user=world.people["coordinator"],
        payload={"service": {"name_es": "Albergue"}},
    )
    body = client_for("coordinator").get(url("manage_change", change.pk)).content.decode()
    assert "Changed since it was proposed" in body
    assert "Albergue" in body


def test_an_approval_that_no_longer_applies_is_refused_and_the_proposal_stays(
    world: World, client_for: Callable[[str], Client]
) -> None:
    change = propose(world, client_for("partner"), **{"phones-0-number": "876-555-0123"})
    world.service.phones.all().delete()  # removed meanwhile

    response = client_for("coordinator").post(
        url("manage_change", change.pk), {"decision": "approve"}
    )

    assert response.status_code == 400
    assert "reload the page" in response.content.decode()
    change.refresh_from_db()
    assert change.status == "pending"
