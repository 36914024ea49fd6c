"""The HSDS parts the editor offers beyond names and places: cost options, documents to bring, a
location's accessibility and directions, interpretation, accreditations and licences.

They are saved from the editor in either language of the hub, checked with messages on their
field, carried by a partner's proposal and applied when a coordinator approves it.
"""

from collections.abc import Callable
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import translation

from directory import models as d
from directory.manage_forms import ServiceEditor
from directory.manage_payload import service_payload
from directory.manage_proposals import service_change_request_approve
from directory.manage_services import service_update
from directory.tests.manage_factories import (
    AccessibilityFactory,
    CostOptionFactory,
    RequiredDocumentFactory,
    World,
    editor_data,
    url,
)
from programmes.models import Programme

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(programme: Programme, people: dict) -> World:
    return World(programme, people)


def page(language: str, service: d.Service) -> str:
    with translation.override(language):
        return reverse("directory:manage_service", args=["JM", service.pk])


def latest(model: type, **lookup: object) -> object:
    return model.history.filter(**lookup).latest("history_date", "history_id")


@pytest.mark.parametrize("language", ["en", "es"])
def test_cost_options_saved_from_editor_in_both_languages(
    language: str, world: World, client_for: Callable[[str], Client]
) -> None:
    data = editor_data(ServiceEditor(programme=world.programme, service=world.service))
    data.update(
        {
            "cost_options-0-option": "Medical certificate",
            "cost_options-0-amount": "1500",
            "cost_options-0-currency": "jmd",
            "cost_options-0-amount_description": "Free when referred by the police.",
            "cost_options-0-valid_from": "2026-01-01",
            "cost_options-0-valid_to": "2026-12-31",
        }
    )

    response = client_for("coordinator").post(page(language, world.service), data)

    assert response.status_code == 302, response.content.decode()[:3000]
    option = world.service.cost_options.get()
    assert (option.option, option.amount, option.currency) == (
        "Medical certificate",
        Decimal("1500.00"),
        "JMD",
    )
    assert option.amount_description == "Free when referred by the police."
    assert (option.valid_from, option.valid_to) == (date(2026, 1, 1), date(2026, 12, 31))
    assert latest(d.CostOption, id=option.pk).history_user == world.people["coordinator"]
    # The editor shows it again, ready to change, and its history names it.
    body = client_for("coordinator").get(page(language, world.service)).content.decode()
    assert 'value="Medical certificate"' in body and 'value="1500.00"' in body


def test_required_documents_saved_from_editor_in_both_languages(
    world: World, client_for: Callable[[str], Client]
) -> None:
    data = editor_data(ServiceEditor(programme=world.programme, service=world.service))
    data.update(
        {
            "required_documents-0-document_en": "Police report, if you have one",
            "required_documents-0-document_es": "Denuncia policial, si la tiene",
            "required_documents-0-uri": "example.org/police-report",
        }
    )

    response = client_for("coordinator").post(url("manage_service", world.service.pk), data)

    assert response.status_code == 302
    document = world.service.required_documents.get()
    assert (document.document_en, document.document_es) == (
        "Police report, if you have one",
        "Denuncia policial, si la tiene",
    )
    assert document.uri == "https://example.org/police-report"
    with translation.override("es"):
        public = client_for("anonymous").get(
            reverse("directory:service", args=["JM", world.service.pk])
        )
    assert "Denuncia policial, si la tiene" in public.content.decode()


def test_location_accessibility_and_directions_saved_in_both_languages_and_cleared(
    world: World, client_for: Callable[[str], Client]
) -> None:
    client = client_for("coordinator")
    data = editor_data(ServiceEditor(programme=world.programme, service=world.service))
    data.update(
        {
            "locations-0-transportation_en": "Bus 22 to Papine.",
            "locations-0-transportation_es": "Autobús 22 a Papine.",
            "locations-0-accessibility_description_en": "Step-free entrance",
            "locations-0-accessibility_description_es": "Entrada sin escalones",
            "locations-0-accessibility_details_en": "Accessible toilet on the ground floor.",
            "locations-0-accessibility_url": "https://example.org/access",
        }
    )
    assert client.post(url("manage_service", world.service.pk), data).status_code == 302

    location = d.Location.objects.get(service_at_locations__service=world.service)
    assert (location.transportation_en, location.transportation_es) == (
        "Bus 22 to Papine.",
        "Autobús 22 a Papine.",
    )
    access = location.accessibility.get()
    assert (access.description_en, access.description_es, access.details_en, access.url) == (
        "Step-free entrance",
        "Entrada sin escalones",
        "Accessible toilet on the ground floor.",
        "https://example.org/access",
    )
    assert latest(d.Accessibility, id=access.pk).history_user == world.people["coordinator"]

    for name in ("description_en", "description_es", "details_en", "url"):
        data[f"locations-0-accessibility_{name}"] = ""
    assert client.post(url("manage_service", world.service.pk), data).status_code == 302
    assert not location.accessibility.exists()


def test_interpretation_accreditations_and_licences_saved_from_editor(
    world: World, client_for: Callable[[str], Client]
) -> None:
    data = editor_data(ServiceEditor(programme=world.programme, service=world.service))
    data.update(
        {
            "interpretation_services_en": "Jamaican Sign Language on request.",
            "interpretation_services_es": "Lengua de señas jamaicana a pedido.",
            "accreditations": "Ministry of Health",
            "licenses": "Licence 42",
        }
    )
    response = client_for("coordinator").post(url("manage_service", world.service.pk), data)
    assert response.status_code == 302
    world.service.refresh_from_db()
    assert world.service.interpretation_services_es == "Lengua de señas jamaicana a pedido."
    assert (world.service.accreditations, world.service.licenses) == (
        "Ministry of Health",
        "Licence 42",
    )


def test_an_unchanged_editor_with_costs_documents_and_accessibility_writes_nothing(
    world: World, client_for: Callable[[str], Client]
) -> None:
    CostOptionFactory(service=world.service, amount=Decimal("12.5"), currency="USD")
    RequiredDocumentFactory(service=world.service)
    location = d.Location.objects.get(service_at_locations__service=world.service)
    AccessibilityFactory(location=location)
    data = editor_data(ServiceEditor(programme=world.programme, service=world.service))
    counts = [m.history.count() for m in (d.CostOption, d.RequiredDocument, d.Accessibility)]

    response = client_for("coordinator").post(url("manage_service", world.service.pk), data)

    assert response.status_code == 302
    assert counts == [
        m.history.count() for m in (d.CostOption, d.RequiredDocument, d.Accessibility)
    ]


def test_a_cost_option_and_a_document_ticked_remove_are_removed(
    world: World, client_for: Callable[[str], Client]
) -> None:
    option = CostOptionFactory(service=world.service)
    document = RequiredDocumentFactory(service=world.service)
    data = editor_data(ServiceEditor(programme=world.programme, service=world.service))
    data["cost_options-0-DELETE"] = "on"
    data["required_documents-0-DELETE"] = "on"

    response = client_for("coordinator").post(url("manage_service", world.service.pk), data)

    assert response.status_code == 302
    assert not d.CostOption.objects.filter(pk=option.pk).exists()
    assert not d.RequiredDocument.objects.filter(pk=document.pk).exists()
    removed = latest(d.CostOption, id=option.pk)
    assert (removed.history_type, removed.history_user) == ("-", world.people["coordinator"])


@pytest.mark.parametrize(
    ("changes", "field_id", "message"),
    [
        (
            {"cost_options-0-amount": "100"},
            "id_cost_options-0-currency",
            "Give the currency of the amount",
        ),
        (
            {"cost_options-0-option": "Visit", "cost_options-0-currency": "US$"},
            "id_cost_options-0-currency",
            "three-letter code",
        ),
        (
            {"cost_options-0-amount": "-5", "cost_options-0-currency": "JMD"},
            "id_cost_options-0-amount",
            "greater than or equal to 0",
        ),
        (
            {
                "cost_options-0-option": "Visit",
                "cost_options-0-valid_from": "2026-06-01",
                "cost_options-0-valid_to": "2026-01-01",
            },
            "id_cost_options-0-valid_to",
            "must not be before the start",
        ),
        (
            {"cost_options-0-currency": "JMD"},
            "id_cost_options-0-option",
            "Say what is paid for, or give an amount",
        ),
        (
            {"required_documents-0-uri": "https://example.org/id"},
            "id_required_documents-0-document_en",
            "Name the document in at least one language",
        ),
        (
            {"locations-0-accessibility_details_en": "Lift to every floor"},
            "id_locations-0-accessibility_description_en",
            "how the place is accessible",
        ),
    ],
)
def test_a_mistake_in_a_cost_document_or_accessibility_is_shown_on_its_field(
    changes: dict,
    field_id: str,
    message: str,
    world: World,
    client_for: Callable[[str], Client],
) -> None:
    data = editor_data(ServiceEditor(programme=world.programme, service=world.service))
    data.update(changes)
    before = service_payload(world.service)

    response = client_for("coordinator").post(url("manage_service", world.service.pk), data)

    assert response.status_code == 400
    body = response.content.decode()
    assert f'id="{field_id}_error"' in body
    assert message in body
    assert service_payload(world.service) == before


def test_the_services_refuse_a_cost_option_without_its_currency(world: World) -> None:
    """What the form checks, the services check again (a stored proposal, an API, a command)."""
    row = {
        "id": None,
        "option": "Visit",
        "amount": "10.00",
        "currency": "",
        "amount_description": "",
        "valid_from": None,
        "valid_to": None,
    }
    with pytest.raises(ValidationError) as error:
        service_update(
            service=world.service, user=world.people["coordinator"], payload={"cost_options": [row]}
        )
    assert "Cost option 1" in str(error.value)
    assert not world.service.cost_options.exists()


def test_partner_proposal_carries_costs_documents_and_accessibility_and_approval_applies_them(
    world: World, client_for: Callable[[str], Client]
) -> None:
    data = editor_data(
        ServiceEditor(programme=world.programme, service=world.service, proposing=True)
    )
    data.update(
        {
            "cost_options-0-option": "Counselling session",
            "cost_options-0-amount": "0",
            "cost_options-0-currency": "JMD",
            "required_documents-0-document_en": "Nothing is required",
            "locations-0-accessibility_description_en": "Ramp at the side door",
        }
    )
    response = client_for("partner").post(url("manage_service", world.service.pk), data)
    assert response.status_code == 302
    change = d.ServiceChangeRequest.objects.get(service=world.service)
    assert set(change.data) == {"cost_options", "required_documents", "locations"}
    assert not world.service.cost_options.exists()  # waits for approval

    # The coordinator reads them beside the service as it is.
    body = client_for("coordinator").get(url("manage_change", change.pk)).content.decode()
    assert "Counselling session · 0.00 JMD" in body
    assert "Nothing is required" in body
    assert "Accessibility: Ramp at the side door" in body

    service_change_request_approve(change_request=change, user=world.people["coordinator"])

    option = world.service.cost_options.get()
    assert (option.option, option.amount, option.currency) == (
        "Counselling session",
        Decimal("0.00"),
        "JMD",
    )
    assert world.service.required_documents.get().document_en == "Nothing is required"
    location = d.Location.objects.get(service_at_locations__service=world.service)
    assert location.accessibility.get().description_en == "Ramp at the side door"
    row = latest(d.CostOption, id=option.pk)
    assert (row.history_user, row.history_change_reason) == (
        world.people["coordinator"],
        f"proposal:{change.pk}",
    )


def test_a_proposal_stored_before_accessibility_was_editable_leaves_it_as_it_is(
    world: World,
) -> None:
    location = d.Location.objects.get(service_at_locations__service=world.service)
    access = AccessibilityFactory(location=location, description_en="Lift")
    rows = service_payload(world.service)["locations"]
    for row in rows:
        for name in list(row):
            if name.startswith("accessibility_") or name.startswith("transportation_"):
                del row[name]
        row["name_en"] = "Safe house (renamed)"

    service_update(
        service=world.service, user=world.people["coordinator"], payload={"locations": rows}
    )

    location.refresh_from_db()
    assert location.name_en == "Safe house (renamed)"
    assert location.accessibility.get() == access
