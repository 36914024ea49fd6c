"""A focal point or partner proposes a new service for their own organisation; it waits, like a
change, for a coordinator, who approves it (the service is created then) or rejects it."""

from collections.abc import Callable

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from core.tests.helpers import every_role
from directory import models as d
from directory.manage_forms import ServiceEditor
from directory.manage_proposals import (
    new_service_request_create,
    service_change_request_approve,
    service_change_request_reject,
)
from directory.tests.manage_factories import World, editor_data, esp_term, url
from organisations.tests.factories import OrganisationFactory
from programmes.models import Programme

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(programme: Programme, people: dict) -> World:
    return World(programme, people)


def new_service_form(world: World, **changes: object) -> dict:
    data = editor_data(ServiceEditor(programme=world.programme, proposing=True))
    data.update(
        {
            "name_en": "Legal aid clinic",
            "name_es": "Clínica de asistencia legal",
            "terms": [str(esp_term("justice.legal-aid").pk)],
            "fees_description_en": "Free",
            "locations-0-name_en": "Half Way Tree office",
            "locations-0-accessibility_description_en": "Step-free entrance",
            "phones-0-number": "876-555-0444",
            "phones-0-type": "voice",
            "cost_options-0-option": "Court filing",
            "cost_options-0-amount": "2000",
            "cost_options-0-currency": "JMD",
            "required_documents-0-document_en": "Any identity document",
        }
    )
    data.update(changes)
    return data


def propose(world: World, client: Client, **changes: object) -> d.ServiceChangeRequest:
    response = client.post(url("manage_service_create"), new_service_form(world, **changes))
    assert response.status_code == 302, response.content.decode()[:3000]
    assert response.url == url("manage_dashboard")
    return d.ServiceChangeRequest.objects.get(new_service=True, status="pending")


def test_partner_proposal_for_new_service_waits_for_coordinator_approval(
    world: World, client_for: Callable[[str], Client]
) -> None:
    services = d.Service.objects.count()
    tokens = d.SearchToken.objects.count()

    change = propose(world, client_for("partner"))

    # Nothing is in the directory yet: no service, no search words.
    assert d.Service.objects.count() == services
    assert d.SearchToken.objects.count() == tokens
    assert (change.programme, change.service, change.proposed_by) == (
        world.programme,
        None,
        world.people["partner"],
    )
    assert change.data["service"]["organisation"] == world.centre.pk
    assert change.data["service"]["name_es"] == "Clínica de asistencia legal"

    # The coordinator finds it in the queue and reads it as a new record.
    coordinator = client_for("coordinator")
    queue = coordinator.get(url("manage_changes")).content.decode()
    assert url("manage_change", change.pk) in queue and "Legal aid clinic" in queue
    assert "New service" in queue
    body = coordinator.get(url("manage_change", change.pk)).content.decode()
    assert "Proposed new service: Legal aid clinic" in body
    assert "Court filing · 2000.00 JMD" in body and "876-555-0444" in body

    response = coordinator.post(url("manage_change", change.pk), {"decision": "approve"})

    assert response.status_code == 302
    change.refresh_from_db()
    service = change.service
    assert change.status == "approved" and service is not None
    assert (service.name_en, service.organisation, service.programme) == (
        "Legal aid clinic",
        world.centre,
        world.programme,
    )
    assert service.visibility == "public" and service.assured_date is None  # to verify
    assert [t.code for t in service.terms.all()] == ["justice.legal-aid"]
    assert service.cost_options.get().currency == "JMD"
    assert service.required_documents.get().document_en == "Any identity document"
    assert service.phones.get().number == "876-555-0444"
    location = d.Location.objects.get(service_at_locations__service=service)
    assert location.organisation == world.centre
    assert location.accessibility.get().description_en == "Step-free entrance"
    row = service.history.earliest("history_date", "history_id")
    assert (row.history_type, row.history_user, row.history_change_reason) == (
        "+",
        world.people["coordinator"],
        f"proposal:{change.pk}",
    )
    assert d.SearchToken.objects.count() > tokens  # and now it can be found
    # The partner's dashboard links to the new service.
    dashboard = client_for("partner").get(url("manage_dashboard")).content.decode()
    assert url("manage_service", service.pk) in dashboard and "Approved" in dashboard


def test_focal_point_proposes_a_new_service_for_their_own_agency(
    world: World, client_for: Callable[[str], Client]
) -> None:
    change = propose(world, client_for("focal_point"), name_en="Hotline", name_es="Línea")
    assert change.data["service"]["organisation"] == world.agency.pk


def test_a_rejected_new_service_is_never_created_and_its_proposer_reads_why(
    world: World, client_for: Callable[[str], Client]
) -> None:
    change = propose(world, client_for("partner"))
    services = d.Service.objects.count()

    response = client_for("coordinator").post(
        url("manage_change", change.pk),
        {"decision": "reject", "note": "We already list this clinic."},
    )

    assert response.status_code == 302
    change.refresh_from_db()
    assert (change.status, change.service) == ("rejected", None)
    assert d.Service.objects.count() == services
    dashboard = client_for("partner").get(url("manage_dashboard")).content.decode()
    assert "Legal aid clinic" in dashboard
    assert "Rejected" in dashboard and "We already list this clinic." in dashboard
    with pytest.raises(ValidationError):
        service_change_request_approve(change_request=change, user=world.people["coordinator"])


def test_a_new_service_proposal_is_always_of_the_proposers_organisation(
    world: World, client_for: Callable[[str], Client]
) -> None:
    change = propose(
        world,
        client_for("partner"),
        organisation=str(world.agency.pk),
        visibility="programme",
        assured_date="2020-01-01",
    )
    assert change.data["service"]["organisation"] == world.centre.pk
    assert not {"visibility", "assured_date"} & set(change.data["service"])

    with pytest.raises(ValidationError):
        new_service_request_create(
            programme=world.programme,
            user=world.people["partner"],
            payload={"service": {"name_en": "X", "visibility": "programme"}},
        )


def test_a_new_service_that_could_not_be_created_is_refused_at_once(
    world: World, other_programme: Programme, client_for: Callable[[str], Client]
) -> None:
    from programmes.tests.factories import AreaFactory

    elsewhere = AreaFactory(programme=other_programme)
    with pytest.raises(ValidationError) as error:
        new_service_request_create(
            programme=world.programme,
            user=world.people["partner"],
            payload={"service": {"name_en": "Clinic", "service_areas": [elsewhere.pk]}},
        )
    assert "service_areas" in error.value.message_dict
    # And in the form, a mistake is shown on its field, and nothing is stored.
    response = client_for("partner").post(
        url("manage_service_create"), new_service_form(world, name_en="", name_es="")
    )
    assert response.status_code == 400
    assert 'id="id_name_en_error"' in response.content.decode()
    assert not d.ServiceChangeRequest.objects.exists()


def test_an_organisation_outside_the_programme_cannot_propose_a_service_in_it(
    world: World, client_for: Callable[[str], Client]
) -> None:
    partner = world.people["partner"]
    partner.organisation = OrganisationFactory(name_en="Elsewhere NGO")
    partner.save(update_fields=["organisation"])

    response = client_for("partner").post(url("manage_service_create"), new_service_form(world))

    assert response.status_code == 400
    assert "does not work in this programme" in response.content.decode()
    assert not d.ServiceChangeRequest.objects.exists()


@pytest.mark.parametrize(
    ("role", "status"),
    every_role(
        coordinator=200,
        focal_point=403,
        partner=403,
        observer=403,
        outsider=403,
        stranger=403,
        anonymous=302,
    ),
)
def test_only_the_coordinator_reads_and_decides_a_proposed_new_service(
    role: str, status: int, world: World, client_for: Callable[[str], Client]
) -> None:
    change = new_service_request_create(
        programme=world.programme,
        user=world.people["partner"],
        payload={"service": {"name_en": "Clinic"}},
    )
    client = client_for(role)
    assert client.get(url("manage_change", change.pk)).status_code == status
    response = client.post(url("manage_change", change.pk), {"decision": "approve"})
    assert response.status_code == (302 if status == 200 else status)
    change.refresh_from_db()
    assert (change.status == "approved") is (role == "coordinator")
    assert d.Service.objects.filter(name_en="Clinic").exists() is (role == "coordinator")


@pytest.mark.parametrize(
    ("role", "status"),
    every_role(
        coordinator=200,
        focal_point=403,
        partner=403,
        observer=403,
        outsider=403,
        stranger=403,
        anonymous=302,
    ),
)
def test_a_focal_point_or_partner_without_an_organisation_may_not_propose_a_service(
    role: str, status: int, programme: Programme, client_for: Callable[[str], Client]
) -> None:
    # No World: nobody's profile names an organisation.
    assert client_for(role).get(url("manage_service_create")).status_code == status


def test_rejecting_a_new_service_needs_a_note(world: World) -> None:
    change = new_service_request_create(
        programme=world.programme,
        user=world.people["partner"],
        payload={"service": {"name_en": "Clinic"}},
    )
    with pytest.raises(ValidationError):
        service_change_request_reject(
            change_request=change, user=world.people["coordinator"], note=" "
        )
    change.refresh_from_db()
    assert change.status == "pending"
