"""Creating and editing services: the whole record through the editor, its checks and its history."""

from collections.abc import Callable
from datetime import date, time
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from directory import models as d
from directory.manage_forms import ServiceEditor, parse_languages
from directory.manage_payload import service_payload
from directory.manage_services import service_create, service_update
from directory.reference import CONFIDENTIAL, HUB_CODE
from directory.tests.manage_factories import (
    LocationFactory,
    PhoneFactory,
    ServiceAtLocationFactory,
    VerifiedServiceFactory,
    World,
    editor_data,
    esp_term,
    organisation_in,
    url,
)
from organisations.tests.factories import OrganisationFactory
from programmes.models import Area, Programme
from programmes.tests.factories import AreaFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(programme: Programme, people: dict) -> World:
    return World(programme, people)


@pytest.fixture
def areas(programme: Programme) -> dict[str, Area]:
    parish = AreaFactory(programme=programme, name_en="St Andrew", level=Area.Level.REGION)
    community = AreaFactory(
        programme=programme, name_en="August Town", level=Area.Level.COMMUNITY, parent=parish
    )
    return {"parish": parish, "community": community}


def latest(model: type, **lookup: object) -> object:
    return model.history.filter(**lookup).latest("history_date", "history_id")


def new_service_data(world: World, areas: dict[str, Area]) -> dict:
    data = editor_data(ServiceEditor(programme=world.programme))
    data.update(
        {
            "name_en": "Women's Crisis Centre",
            "name_es": "Centro de Crisis para Mujeres",
            "description_en": "Shelter and counselling.",
            "description_es": "Refugio y consejería.",
            "organisation": str(world.centre.pk),
            "terms": [str(esp_term("social.shelter").pk), str(esp_term("health.first-line").pk)],
            "status": "active",
            "visibility": "public",
            "eligibility_description_en": "Women and girls aged 16 and over.",
            "eligibility_description_es": "Mujeres y niñas desde los 16 años.",
            "minimum_age": "16",
            "fees_description_en": "Free",
            "fees_description_es": "Gratis",
            "languages": "English, es, Garifuna",
            "service_areas": [str(areas["parish"].pk)],
            "assured_date": "2026-01-15",
            "locations-0-name_en": "Safe house",
            "locations-0-area": str(areas["community"].pk),
            "locations-0-address_1": "7 Secret Lane",
            "locations-0-city": "Kingston",
            "locations-0-state_province": "St Andrew",
            "locations-0-latitude": "18.0123",
            "locations-0-longitude": "-76.7988",
            "locations-0-is_confidential": "on",
            "phones-TOTAL_FORMS": "2",
            "phones-0-number": "876-555-0100",
            "phones-0-type": "voice",
            "phones-1-number": "876-555-0999",
            "phones-1-type": "cell",
            "phones-1-is_private": "on",
            "schedules-0-all_week": "on",
        }
    )
    return data


def test_coordinator_creates_a_complete_service_in_one_form(
    world: World, areas: dict[str, Area], client_for: Callable[[str], Client]
) -> None:
    response = client_for("coordinator").post(
        url("manage_service_create"), new_service_data(world, areas)
    )

    service = d.Service.objects.get(name_en="Women's Crisis Centre")
    assert response.status_code == 302
    assert response.url == url("manage_service", service.pk)
    assert service.name_es == "Centro de Crisis para Mujeres"
    assert service.organisation == world.centre
    assert {t.code for t in service.terms.all()} == {"social.shelter", "health.first-line"}
    assert (service.minimum_age, service.maximum_age) == (16, None)
    assert (service.fees_description_en, service.fees_description_es) == ("Free", "Gratis")
    assert service.assured_date == date(2026, 1, 15)
    assert service.assurer_email == world.people["coordinator"].email
    assert sorted(service.languages.values_list("code", "name")) == [
        ("", "Garifuna"),
        ("en", "English"),
        ("es", "Spanish"),
    ]
    assert list(service.service_areas.values_list("area", flat=True)) == [areas["parish"].pk]
    location = d.Location.objects.get(service_at_locations__service=service)
    assert location.is_confidential and location.area == areas["community"]
    assert (location.latitude, location.longitude) == (Decimal("18.0123"), Decimal("-76.7988"))
    assert location.organisation == world.centre
    address = location.addresses.get()
    assert (address.address_1, address.country) == ("7 Secret Lane", "JM")
    assert sorted(service.phones.values_list("number", "is_private")) == [
        ("876-555-0100", False),
        ("876-555-0999", True),
    ]
    schedule = service.schedules.get()
    assert (schedule.byday, schedule.opens_at, schedule.closes_at) == (
        "MO,TU,WE,TH,FR,SA,SU",
        time(0, 0),
        time(23, 59),
    )
    # Derived data is refreshed: 24/7, and the search index without the confidential address.
    assert service.open_24_7 is True
    tokens = set(
        d.SearchToken.objects.filter(programme=world.programme).values_list("token", flat=True)
    )
    assert "crisi" in tokens or "crisis" in tokens
    assert not {"secret", "lane"} & tokens


def test_every_record_of_a_new_service_names_its_author_in_the_history(
    world: World, areas: dict[str, Area], client_for: Callable[[str], Client]
) -> None:
    client_for("coordinator").post(url("manage_service_create"), new_service_data(world, areas))
    service = d.Service.objects.get(name_en="Women's Crisis Centre")
    coordinator = world.people["coordinator"]
    location = d.Location.objects.get(service_at_locations__service=service)
    for model, lookup in [
        (d.Service, {"id": service.pk}),
        (d.Location, {"id": location.pk}),
        (d.Address, {"location_id": location.pk}),
        (d.ServiceAtLocation, {"service_id": service.pk}),
        (d.Phone, {"service_id": service.pk}),
        (d.Schedule, {"service_id": service.pk}),
        (d.Language, {"service_id": service.pk}),
        (d.ServiceArea, {"service_id": service.pk}),
    ]:
        rows = model.history.filter(**lookup)
        assert rows.exists(), model
        assert {row.history_user for row in rows} == {coordinator}, model
    # The types are kept in the history too (a many-to-many link).
    assert {t.taxonomyterm.code for t in latest(d.Service, id=service.pk).terms.all()} == {
        "social.shelter",
        "health.first-line",
    }


def test_an_unchanged_form_writes_nothing(
    world: World, client_for: Callable[[str], Client]
) -> None:
    service = world.service
    data = editor_data(ServiceEditor(programme=world.programme, service=service))
    before = service_payload(service)
    counts = [
        model.history.count() for model in (d.Service, d.Location, d.Address, d.Phone, d.Schedule)
    ]
    updated_at = service.updated_at

    response = client_for("coordinator").post(url("manage_service", service.pk), data)

    assert response.status_code == 302
    service.refresh_from_db()
    assert service_payload(service) == before
    assert service.updated_at == updated_at
    assert counts == [
        model.history.count() for model in (d.Service, d.Location, d.Address, d.Phone, d.Schedule)
    ]


def test_editing_changes_adds_and_removes_rows_in_the_editors_name(
    world: World, client_for: Callable[[str], Client]
) -> None:
    service = world.service
    editor = ServiceEditor(programme=world.programme, service=service)
    data = editor_data(editor)
    public_phone = service.phones.get(is_private=False)
    schedule = service.schedules.get()
    phone_index = [form.initial.get("id") for form in editor.formsets["phones"].forms].index(
        str(public_phone.pk)
    )
    data[f"phones-{phone_index}-number"] = "876-555-0111"
    data["schedules-0-DELETE"] = "on"
    data["phones-2-number"] = "876-555-0222"  # the empty row
    data["phones-2-type"] = "text"
    updated_at = service.updated_at
    service_rows = service.history.count()

    response = client_for("coordinator").post(url("manage_service", service.pk), data)

    assert response.status_code == 302
    coordinator = world.people["coordinator"]
    public_phone.refresh_from_db()
    assert public_phone.number == "876-555-0111"
    assert latest(d.Phone, id=public_phone.pk).history_user == coordinator
    assert not d.Schedule.objects.filter(pk=schedule.pk).exists()
    removed = latest(d.Schedule, id=schedule.pk)
    assert (removed.history_type, removed.history_user) == ("-", coordinator)
    added = d.Phone.objects.get(number="876-555-0222")
    assert (added.service, added.type) == (service, "text")
    assert latest(d.Phone, id=added.pk).history_user == coordinator
    service.refresh_from_db()
    assert service.updated_at > updated_at  # HSDS clients see that the service changed
    assert service.history.count() == service_rows  # its own fields did not change


def test_add_another_row_shows_one_more_empty_row_and_saves_nothing(
    world: World, client_for: Callable[[str], Client]
) -> None:
    data = editor_data(ServiceEditor(programme=world.programme, service=world.service))
    data["name_en"] = "Not saved yet"
    data["add"] = "phones"

    response = client_for("coordinator").post(url("manage_service", world.service.pk), data)

    assert response.status_code == 200
    body = response.content.decode()
    assert 'name="phones-3-number"' in body  # two phones, the empty row, and one more
    assert 'value="Not saved yet"' in body
    assert "Please correct" not in body
    world.service.refresh_from_db()
    assert world.service.name_en == "Women's Shelter"


@pytest.mark.parametrize(
    ("changes", "field_id"),
    [
        ({"name_en": "", "name_es": ""}, "id_name_en"),
        ({"minimum_age": "30", "maximum_age": "18"}, "id_maximum_age"),
        ({"locations-0-city": ""}, "id_locations-0-city"),
        ({"locations-0-longitude": ""}, "id_locations-0-longitude"),
        ({"locations-0-latitude": "123"}, "id_locations-0-latitude"),
        ({"schedules-0-days": []}, "id_schedules-0-days"),
        ({"schedules-0-closes_at": ""}, "id_schedules-0-closes_at"),
        ({"phones-0-number": ""}, "id_phones-0-number"),
        ({"email": "not an address"}, "id_email"),
    ],
)
def test_a_mistake_is_shown_on_its_field_and_nothing_is_written(
    changes: dict, field_id: str, world: World, client_for: Callable[[str], Client]
) -> None:
    data = editor_data(ServiceEditor(programme=world.programme, service=world.service))
    data.update(changes)
    before = service_payload(world.service)

    response = client_for("coordinator").post(url("manage_service", world.service.pk), data)

    assert response.status_code == 400
    body = response.content.decode()
    assert f'id="{field_id}_error"' in body  # the message, linked from the field
    assert "aria-invalid" in body
    assert service_payload(world.service) == before


def test_a_row_naming_another_services_record_is_refused(
    world: World, client_for: Callable[[str], Client]
) -> None:
    other_phone = PhoneFactory(
        service=VerifiedServiceFactory(programme=world.programme), number="111"
    )
    data = editor_data(ServiceEditor(programme=world.programme, service=world.service))
    data["phones-0-id"] = str(other_phone.pk)
    data["phones-0-number"] = "222"

    response = client_for("coordinator").post(url("manage_service", world.service.pk), data)

    assert response.status_code == 400
    assert "not one of the service" in response.content.decode()
    other_phone.refresh_from_db()
    assert other_phone.number == "111"


def test_the_organisation_must_work_in_the_programme(world: World) -> None:
    stranger_organisation = OrganisationFactory()
    with pytest.raises(ValidationError) as error:
        service_update(
            service=world.service,
            user=world.people["coordinator"],
            payload={"service": {"organisation": stranger_organisation.pk}},
        )
    assert "organisation" in error.value.message_dict


def test_types_from_other_taxonomies_are_kept_when_the_types_change(world: World) -> None:
    hub_term = d.TaxonomyTerm.objects.get(taxonomy__code=HUB_CODE, code=CONFIDENTIAL)
    world.service.terms.add(hub_term)
    service_update(
        service=world.service,
        user=world.people["coordinator"],
        payload={"service": {"terms": [str(esp_term("justice.legal-aid").pk)]}},
    )
    assert {t.code for t in world.service.terms.all()} == {"justice.legal-aid", CONFIDENTIAL}
    row = latest(d.Service, id=world.service.pk)
    assert row.history_user == world.people["coordinator"]


def test_a_location_shared_with_another_service_stays_for_it(world: World) -> None:
    shared = LocationFactory(programme=world.programme, name_en="Shared office")
    other = ServiceAtLocationFactory(location=shared, service__programme=world.programme).service
    ServiceAtLocationFactory(service=world.service, location=shared)
    coordinator = world.people["coordinator"]

    service_update(service=world.service, user=coordinator, payload={"locations": []})
    assert d.Location.objects.filter(pk=shared.pk).exists()
    assert not world.service.service_at_locations.exists()

    service_update(service=other, user=coordinator, payload={"locations": []})
    assert not d.Location.objects.filter(pk=shared.pk).exists()
    assert latest(d.Location, id=shared.pk).history_user == coordinator


def test_clearing_an_address_removes_it(world: World) -> None:
    payload = service_payload(world.service)
    for name in ("address_1", "address_2", "city", "state_province", "postal_code", "country"):
        payload["locations"][0][name] = ""
    service_update(
        service=world.service,
        user=world.people["coordinator"],
        payload={"locations": payload["locations"]},
    )
    assert not d.Address.objects.filter(
        location__service_at_locations__service=world.service
    ).exists()


def test_a_service_needs_a_name_in_some_language(world: World) -> None:
    with pytest.raises(ValidationError) as error:
        service_create(
            programme=world.programme,
            user=world.people["coordinator"],
            payload={"service": {"organisation": world.centre.pk}},
        )
    assert "name_en" in error.value.message_dict
    assert not d.Service.objects.exclude(pk=world.service.pk).exists()


def test_a_service_in_spanish_reads_its_own_fields_with_spanish_labels(
    world: World, client_for: Callable[[str], Client]
) -> None:
    with translation.override("es"):
        path = reverse("directory:manage_service", args=["JM", world.service.pk])
    assert path.startswith("/es/")
    response = client_for("coordinator").get(path)
    assert response.status_code == 200
    body = response.content.decode()
    assert '<html lang="es">' in body
    assert "Marcar como verificado hoy" in body and "Nombre (Spanish)" not in body
    assert "Women&#x27;s Shelter" in body and "7 Secret Lane" in body


def test_organisations_offered_are_those_of_the_programme(
    world: World, other_programme: Programme, client_for: Callable[[str], Client]
) -> None:
    organisation_in(other_programme, name_en="Honduran NGO")
    body = client_for("coordinator").get(url("manage_service_create")).content.decode()
    assert "Women&#x27;s Centre" in body
    assert "Honduran NGO" not in body


def test_languages_are_read_from_names_codes_or_both() -> None:
    assert parse_languages("English; es\nGarifuna, Kriol (bzj), spanish") == [
        {"code": "", "name": "Garifuna"},
        {"code": "bzj", "name": "Kriol"},
        {"code": "en", "name": "English"},
        {"code": "es", "name": "Spanish"},
    ]


def test_a_new_service_counts_as_verified_the_day_it_is_entered(
    world: World, client_for: Callable[[str], Client]
) -> None:
    data = editor_data(ServiceEditor(programme=world.programme))
    assert data["assured_date"] == timezone.localdate().isoformat()
    data.update({"name_en": "New helpline", "organisation": str(world.centre.pk)})
    client_for("coordinator").post(url("manage_service_create"), data)
    service = d.Service.objects.get(name_en="New helpline")
    assert service.assured_date == timezone.localdate()
    assert service.assurer_email == world.people["coordinator"].email
