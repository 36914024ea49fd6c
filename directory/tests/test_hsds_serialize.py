"""Our records as HSDS objects: valid against the HSDS 3.0 schemas, in the reader's language,
and without what the reader may not see."""

import json

import pytest

from directory import models as d
from directory.hsds import serialize as s
from directory.reference import CONFIDENTIAL, HUB_CODE, taxonomy_id, term_id
from directory.tests.factories import (
    LanguageFactory,
    PhoneFactory,
    ScheduleFactory,
    ServiceAtLocationFactory,
    esp_term,
)
from directory.tests.hsds_schemas import assert_valid
from directory.tests.hsds_support import (
    SHELTER_ADDRESS,
    SHELTER_PHONE,
    STAFF_LINE,
    Directory,
    build_directory,
    leaks,
)
from programmes.models import Programme

pytestmark = pytest.mark.django_db

PUBLIC = s.Reader(language="en")
MEMBER = s.Reader(language="en", confidential=True)


@pytest.fixture
def directory(programme: Programme) -> Directory:
    return build_directory(programme)


def full_service(service: d.Service, reader: s.Reader) -> dict:
    fetched = s.with_service_data(d.Service.objects.filter(pk=service.pk), reader).get()
    return s.service_object(fetched, reader)


def test_full_service_is_a_valid_hsds_service(directory: Directory) -> None:
    for reader in (PUBLIC, MEMBER):
        for service in (directory.counselling, directory.shelter):
            obj = full_service(service, reader)
            assert_valid("service", obj)
            for sal in obj["service_at_locations"]:
                assert_valid("service_at_location", sal)
                assert_valid("location", sal["location"])


def test_full_service_holds_its_details(directory: Directory) -> None:
    obj = full_service(directory.counselling, MEMBER)
    assert obj["organization"]["name"] == "Women's Centre"
    assert obj["organization"]["id"] == str(directory.organisation.hsds_id)
    assert [sal["location"]["name"] for sal in obj["service_at_locations"]] == ["Kingston office"]
    assert obj["service_at_locations"][0]["location"]["addresses"][0]["address_1"] == "12 Hope Road"
    assert obj["service_areas"][0]["name"] == "Kingston"
    assert obj["languages"][0]["code"] == "es"
    assert obj["schedules"][0]["byday"] == "MO,TU,WE,TH,FR"
    assert obj["schedules"][0]["opens_at"] == "08:00:00"
    assert obj["cost_options"][0]["amount"] == 0
    term = esp_term("social.crisis-counselling")
    [attribute] = obj["attributes"]
    assert attribute["link_entity"] == "service"
    assert attribute["link_id"] == str(directory.counselling.id)
    assert attribute["taxonomy_term_id"] == str(term.id)
    assert attribute["taxonomy_term"]["code"] == "social.crisis-counselling"
    assert attribute["taxonomy_term"]["taxonomy_detail"]["id"] == str(term.taxonomy_id)


def test_texts_in_the_readers_language_falling_back_to_the_other(directory: Directory) -> None:
    english = full_service(directory.shelter, s.Reader(language="en"))
    spanish = full_service(directory.shelter, s.Reader(language="es"))
    assert english["description"] == "Emergency accommodation."
    assert spanish["description"] == "Alojamiento de emergencia."
    # No Spanish name: the English one, rather than nothing.
    assert spanish["name"] == "Safe shelter"
    counselling = full_service(directory.counselling, s.Reader(language="es"))
    assert counselling["name"] == "Consejería en crisis"
    assert counselling["organization"]["name"] == "Centro de Mujeres"
    assert counselling["attributes"][0]["taxonomy_term"]["name"] == "Consejería en crisis"


def test_content_language_takes_a_regional_variant() -> None:
    assert s.content_language("es-419") == "es"
    assert s.content_language("fr") == "en"


def test_confidential_location_is_left_out_for_a_reader_who_may_not_see_it(
    directory: Directory,
) -> None:
    house = d.Location.objects.get(pk=directory.house.pk)
    assert s.location_object(house, PUBLIC) is None
    assert s.location_record(house, PUBLIC) is None
    assert s.service_at_location_object(directory.house_sal, PUBLIC) is None
    obj = full_service(directory.shelter, PUBLIC)
    # The service stays listed, with its public line and hours, but not where it is.
    assert obj["name"] == "Safe shelter"
    assert obj["service_at_locations"] == []
    assert [phone["number"] for phone in obj["phones"]] == ["876-555-0111"]
    assert leaks(json.dumps(obj), directory) == []


def test_confidential_location_is_marked_for_a_reader_who_may_see_it(directory: Directory) -> None:
    obj = full_service(directory.shelter, MEMBER)
    [sal] = obj["service_at_locations"]
    location = sal["location"]
    assert location["addresses"][0]["address_1"] == SHELTER_ADDRESS
    assert location["latitude"] == 18.123457
    assert [phone["number"] for phone in location["phones"]] == [SHELTER_PHONE]
    [attribute] = location["attributes"]
    assert attribute["link_entity"] == "location"
    assert attribute["link_id"] == str(directory.house.id)
    assert attribute["taxonomy_term_id"] == str(term_id(HUB_CODE, CONFIDENTIAL))
    assert attribute["taxonomy_term"]["code"] == "confidential"
    assert attribute["taxonomy_term"]["taxonomy_detail"]["name"] == "spotlight-hub"
    assert attribute["taxonomy_term"]["taxonomy_detail"]["id"] == str(taxonomy_id(HUB_CODE))
    # Even a short listing of the location carries the mark.
    short = s.location_object(directory.house, MEMBER, full=False)
    assert short["attributes"][0]["link_entity"] == "location"


def test_private_phone_is_left_out_or_marked(directory: Directory) -> None:
    public = full_service(directory.counselling, PUBLIC)
    assert [phone["number"] for phone in public["phones"]] == ["876-555-0100"]
    member = full_service(directory.counselling, MEMBER)
    numbers = {phone["number"]: phone for phone in member["phones"]}
    assert set(numbers) == {"876-555-0100", STAFF_LINE}
    assert numbers["876-555-0100"]["attributes"] == []
    [attribute] = numbers[STAFF_LINE]["attributes"]
    assert attribute["link_entity"] == "phone"
    assert attribute["link_id"] == str(directory.staff_line.id)
    assert attribute["taxonomy_term_id"] == str(term_id(HUB_CODE, CONFIDENTIAL))


def test_what_hangs_from_a_confidential_location_is_hidden_with_it(directory: Directory) -> None:
    """A phone, hours or language of a shelter, even when not marked private, point to it."""
    sal_phone = PhoneFactory(service_at_location=directory.house_sal, number="876-555-0888")
    sal_schedule = ScheduleFactory(service_at_location=directory.house_sal)
    phone_language = LanguageFactory(phone=directory.house_phone, code="fr", name="French")
    house_schedule = directory.house.schedules.get()
    house_language = directory.house.languages.get()
    for record, hidden in (
        (directory.house_phone, s.phone_hidden),
        (sal_phone, s.phone_hidden),
        (house_schedule, s.schedule_hidden),
        (sal_schedule, s.schedule_hidden),
        (house_language, s.language_hidden),
        (phone_language, s.language_hidden),
    ):
        assert hidden(record, PUBLIC), record
        assert not hidden(record, MEMBER), record


@pytest.mark.parametrize(
    ("queryset", "condition", "hidden"),
    [
        (d.Phone.objects, s.visible_phones_q, s.phone_hidden),
        (d.Schedule.objects, s.visible_schedules_q, s.schedule_hidden),
        (d.Language.objects, s.visible_languages_q, s.language_hidden),
    ],
)
def test_database_filters_agree_with_the_checks(
    directory: Directory, queryset, condition, hidden
) -> None:
    """The querysets leave out exactly what the object functions would refuse to show."""
    PhoneFactory(service_at_location=directory.house_sal)
    ScheduleFactory(service_at_location=directory.office_sal)
    LanguageFactory(phone=directory.public_phone)
    LanguageFactory(phone=directory.staff_line)
    for reader in (PUBLIC, MEMBER):
        shown = set(queryset.filter(condition(reader)).values_list("pk", flat=True))
        expected = {record.pk for record in queryset.all() if not hidden(record, reader)}
        assert shown == expected
        assert shown  # the check is not vacuous
    assert queryset.exclude(pk__in=queryset.filter(condition(PUBLIC))).exists()


def test_every_record_is_valid_against_its_schema(directory: Directory) -> None:
    records = {
        "organization": [s.organization_record(directory.organisation, MEMBER)],
        "service": [s.service_record(service, MEMBER) for service in d.Service.objects.all()],
        "location": [s.location_record(loc, MEMBER) for loc in d.Location.objects.all()],
        "service_at_location": [
            s.service_at_location_record(sal, MEMBER) for sal in d.ServiceAtLocation.objects.all()
        ],
        "address": [s.address_record(a, MEMBER) for a in d.Address.objects.all()],
        "phone": [s.phone_record(p, MEMBER) for p in d.Phone.objects.all()],
        "schedule": [s.schedule_record(x, MEMBER) for x in d.Schedule.objects.all()],
        "language": [s.language_record(x, MEMBER) for x in d.Language.objects.all()],
        "accessibility": [s.accessibility_record(x, MEMBER) for x in d.Accessibility.objects.all()],
        "service_area": [s.service_area_record(x, MEMBER) for x in d.ServiceArea.objects.all()],
        "cost_option": [s.cost_option_record(x, MEMBER) for x in d.CostOption.objects.all()],
        "required_document": [
            s.required_document_record(x, MEMBER) for x in d.RequiredDocument.objects.all()
        ],
        "taxonomy": [s.taxonomy_record(x, MEMBER) for x in d.Taxonomy.objects.all()],
        "taxonomy_term": [s.taxonomy_term_record(x, MEMBER) for x in d.TaxonomyTerm.objects.all()],
        "attribute": s.attribute_records(location=directory.house, reader=MEMBER)
        + s.attribute_records(phone=directory.staff_line, reader=MEMBER)
        + s.attribute_records(service=directory.counselling, reader=MEMBER),
    }
    for entity, items in records.items():
        assert items, entity
        for record in items:
            assert_valid(entity, s.compact(entity, record))


def test_no_confidential_attribute_for_a_reader_who_may_not_see(directory: Directory) -> None:
    assert s.attribute_records(location=directory.house, reader=PUBLIC) == []
    assert s.attribute_records(phone=directory.staff_line, reader=PUBLIC) == []


def test_attribute_ids_are_stable_and_distinct(directory: Directory) -> None:
    first = s.attribute_id("service", directory.counselling.id, esp_term("social.shelter").id)
    again = s.attribute_id("service", directory.counselling.id, esp_term("social.shelter").id)
    other = s.attribute_id("service", directory.shelter.id, esp_term("social.shelter").id)
    assert first == again != other


def test_values_are_json_numbers_and_iso_dates(directory: Directory) -> None:
    record = s.compact("location", s.location_record(directory.office, MEMBER))
    assert record["latitude"] == 18.01 and isinstance(record["latitude"], float)
    service = s.compact("service", s.service_record(directory.counselling, MEMBER))
    assert service["assured_date"] == "2026-01-15"
    assert s.cell(directory.office.latitude) == "18.01"
    assert "url" not in service  # empty optional fields are left out, never null


def test_reader_for_user_follows_the_role(people: dict, programme: Programme) -> None:
    expected = {
        "coordinator": True,
        "focal_point": True,
        "partner": True,
        "observer": False,
        "outsider": False,
        "stranger": False,
        "anonymous": False,
    }
    for role, allowed in expected.items():
        assert s.Reader.for_user(people[role], programme, "en").confidential is allowed, role


def test_a_service_at_two_places_shows_only_the_public_one(directory: Directory) -> None:
    ServiceAtLocationFactory(service=directory.shelter, location=directory.office)
    obj = full_service(directory.shelter, PUBLIC)
    assert [sal["location"]["name"] for sal in obj["service_at_locations"]] == ["Kingston office"]
    assert leaks(json.dumps(obj), directory) == []
