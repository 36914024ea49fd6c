"""The HSDS API of a programme, /api/hsds/{code}/: every body valid against the HSDS 3.0 schemas,
the same readers as the hub's API, and a shelter's address, coordinates and private phones only
for the members whose role allows them."""

import json
from collections.abc import Callable
from datetime import timedelta

import pytest
from django.http import HttpResponse
from django.test import Client
from django.utils import timezone

from accounts.services import api_token_create
from core.tests.helpers import assert_error, every_role
from directory import models as d
from directory.reference import CONFIDENTIAL, ESP_CODE, HUB_CODE, taxonomy_id, term_id
from directory.tests.factories import (
    LocationFactory,
    ServiceAtLocationFactory,
    ServiceFactory,
    esp_term,
)
from directory.tests.hsds_schemas import assert_valid, assert_valid_page
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

API = "/api/hsds/JM"
FLAG = str(term_id(HUB_CODE, CONFIDENTIAL))


@pytest.fixture
def directory(programme: Programme) -> Directory:
    return build_directory(programme)


def body_of(response: HttpResponse) -> str:
    assert response.status_code == 200, response.content
    if response.streaming:
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


def get(client: Client, url: str, **headers: str) -> dict:
    response = client.get(url, headers=headers)
    assert response.status_code == 200, response.content
    assert response["Content-Type"].startswith("application/json")
    return response.json()


# Every endpoint and variant, with the HSDS schema its body follows (page: a Page of them).
ENDPOINTS = [
    ("/services", "service", True),
    ("/services?full=true", "service", True),
    ("/services?minimal=true", "service", True),
    ("/services/{shelter}", "service", False),
    ("/services/{counselling}", "service", False),
    ("/organizations", "organization", True),
    ("/organizations?full=true", "organization", True),
    ("/organizations?full_service=true", "organization", True),
    ("/organizations/{organisation}", "organization", False),
    ("/organizations/{organisation}?full_service=true", "organization", False),
    ("/service_at_locations", "service_at_location", True),
    ("/service_at_locations?full=true", "service_at_location", True),
    ("/service_at_locations?proximity=18.02,-76.8", "service_at_location", True),
    ("/service_at_locations/{office_sal}", "service_at_location", False),
    ("/taxonomies", "taxonomy", True),
    ("/taxonomies/{esp}", "taxonomy", False),
    ("/taxonomy_terms", "taxonomy_term", True),
    ("/taxonomy_terms?taxonomy_id={esp}&top_only=true", "taxonomy_term", True),
    ("/taxonomy_terms/{shelter_term}", "taxonomy_term", False),
]


def url_of(template: str, directory: Directory) -> str:
    return API + template.format(
        shelter=directory.shelter.id,
        counselling=directory.counselling.id,
        organisation=directory.organisation.hsds_id,
        office_sal=directory.office_sal.id,
        esp=taxonomy_id(ESP_CODE),
        shelter_term=term_id(ESP_CODE, "social.shelter"),
    )


def nested(obj: dict, entity: str) -> None:
    """Check what a fully nested object holds, each against its own schema."""
    if entity == "service_at_location":
        assert_valid("location", obj["location"])
        assert_valid("service", obj["service"])
    if entity == "organization":
        for service in obj.get("services", []):
            assert_valid("service", service)
        for location in obj.get("locations", []):
            assert_valid("location", location)


@pytest.mark.parametrize("role", ["anonymous", "observer", "coordinator"])
@pytest.mark.parametrize(("template", "entity", "paged"), ENDPOINTS)
def test_every_answer_is_valid_hsds(
    directory: Directory,
    client_for: Callable[[str], Client],
    role: str,
    template: str,
    entity: str,
    paged: bool,
) -> None:
    body = get(client_for(role), url_of(template, directory))
    objects = assert_valid_page(entity, body) if paged else [body]
    assert objects
    for obj in objects:
        assert_valid(entity, obj)
        nested(obj, entity)


def test_api_root_says_which_hsds(client: Client, directory: Directory) -> None:
    body = get(client, f"{API}/")
    assert body["version"] == "3.0"
    assert body["openapi_url"] == "http://testserver/api/hsds/openapi.json"
    document = client.get("/api/hsds/openapi.json").json()
    assert document["info"]["version"] == "3.0"
    assert {
        "/api/hsds/{programme_code}/services",
        "/api/hsds/{programme_code}/taxonomy_terms",
    } <= set(document["paths"])
    assert client.get("/api/hsds/docs").status_code == 200


PUBLIC = {"Crisis counselling", "Safe shelter"}
MEMBERS = PUBLIC | {"Case conference", "Old helpline"}


@pytest.mark.parametrize(
    ("role", "names"),
    every_role(
        coordinator=MEMBERS,
        focal_point=MEMBERS,
        partner=MEMBERS,
        observer=MEMBERS,
        outsider=PUBLIC,
        stranger=PUBLIC,
        anonymous=PUBLIC,
    ),
)
def test_services_follow_the_directory_selectors(
    directory: Directory, client_for: Callable[[str], Client], role: str, names: set[str]
) -> None:
    contents = get(client_for(role), f"{API}/services")["contents"]
    assert {service["name"] for service in contents} == names
    response = client_for(role).get(f"{API}/services/{directory.members_only.id}")
    if "Case conference" in names:
        assert response.status_code == 200
    else:
        assert_error(response, 404, "not_found")


SEES = every_role(
    coordinator=True,
    focal_point=True,
    partner=True,
    observer=False,
    outsider=False,
    stranger=False,
    anonymous=False,
)


@pytest.mark.parametrize(("role", "sees"), SEES)
def test_confidential_location_and_private_phones_only_for_those_allowed(
    directory: Directory, client_for: Callable[[str], Client], role: str, sees: bool
) -> None:
    client = client_for(role)
    urls = [
        f"{API}/services?full=true",
        f"{API}/services/{directory.shelter.id}",
        f"{API}/services/{directory.counselling.id}",
        f"{API}/service_at_locations",
        f"{API}/service_at_locations?full=true&proximity={directory.house.latitude},{directory.house.longitude}",
        f"{API}/organizations?full=true",
        f"{API}/organizations/{directory.organisation.hsds_id}?full_service=true",
        f"{API}/services?full=true&format=ndjson",
        f"{API}/service_at_locations?full=true&format=ndjson",
        f"{API}/services?full=true&search=shelter",
    ]
    text = "\n".join(body_of(client.get(url)) for url in urls)
    if sees:
        for secret in (SHELTER_ADDRESS, SHELTER_PHONE, STAFF_LINE, "18.123457", FLAG):
            assert secret in text
    else:
        assert leaks(text, directory) == []
        assert FLAG not in text
    detail = client.get(f"{API}/service_at_locations/{directory.house_sal.id}")
    if sees:
        body = detail.json()
        assert_valid("service_at_location", body)
        assert body["location"]["addresses"][0]["address_1"] == SHELTER_ADDRESS
        assert body["location"]["attributes"][0]["taxonomy_term_id"] == FLAG
    else:
        # Not "forbidden": a confidential record's existence is not revealed.
        assert_error(detail, 404, "not_found")


def test_confidential_phone_carries_the_mark(
    directory: Directory, client_for: Callable[[str], Client]
) -> None:
    body = get(client_for("coordinator"), f"{API}/services/{directory.counselling.id}")
    phones = {phone["number"]: phone for phone in body["phones"]}
    [attribute] = phones[STAFF_LINE]["attributes"]
    assert (attribute["link_entity"], attribute["link_id"]) == (
        "phone",
        str(directory.staff_line.id),
    )
    assert attribute["taxonomy_term"]["taxonomy_detail"]["name"] == "spotlight-hub"
    assert phones["876-555-0100"]["attributes"] == []


def test_a_token_reads_as_its_owner_and_a_wrong_one_is_refused(
    directory: Directory, people: dict
) -> None:
    _token, secret = api_token_create(user=people["coordinator"], name="sync")
    client = Client()
    text = body_of(
        client.get(f"{API}/services?full=true", headers={"Authorization": f"Bearer {secret}"})
    )
    assert SHELTER_ADDRESS in text
    refused = client.get(f"{API}/services", headers={"Authorization": "Bearer hub_wrong"})
    assert_error(refused, 401, "unauthenticated")


def test_pages(directory: Directory, client: Client) -> None:
    first = get(client, f"{API}/services?per_page=1")
    assert {key: first[key] for key in first if key != "contents"} == {
        "total_items": 2,
        "total_pages": 2,
        "page_number": 1,
        "size": 1,
        "first_page": True,
        "last_page": False,
        "empty": False,
    }
    second = get(client, f"{API}/services?per_page=1&page=2")
    assert (second["page_number"], second["last_page"], second["first_page"]) == (2, True, False)
    assert first["contents"][0]["id"] != second["contents"][0]["id"]
    beyond = get(client, f"{API}/services?per_page=1&page=9")
    assert (beyond["contents"], beyond["size"], beyond["empty"]) == ([], 0, False)
    none = get(client, f"{API}/services?search=zebra")
    assert (none["total_items"], none["total_pages"], none["empty"], none["last_page"]) == (
        0,
        0,
        True,
        True,
    )


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("page=0", "page"),
        ("per_page=0", "per_page"),
        ("per_page=501", "per_page"),
        ("format=xml", "format"),
        ("taxonomy_term_id=nope", "taxonomy_term_id"),
        ("modified_after=yesterday", "modified_after"),
    ],
)
def test_bad_parameters_get_the_hub_error_shape(
    directory: Directory, client: Client, query: str, field: str
) -> None:
    assert_error(client.get(f"{API}/services?{query}"), 422, "invalid_request", field)


def test_bad_proximity_is_refused(directory: Directory, client: Client) -> None:
    for value in ("abc", "91,0", "1,2,3"):
        response = client.get(f"{API}/service_at_locations?proximity={value}")
        assert_error(response, 422, "invalid_request", "proximity")


def test_unknown_things_are_not_found(directory: Directory, client: Client) -> None:
    for url in (
        "/api/hsds/ZZ/services",
        f"{API}/services/not-a-uuid",
        f"{API}/services/{directory.closed.id}",
        f"{API}/organizations/{directory.counselling.id}",
        f"{API}/taxonomies/{directory.counselling.id}",
        f"{API}/no_such_endpoint",
    ):
        assert_error(client.get(url), 404, "not_found")


def test_ndjson_streams_every_object(directory: Directory, client: Client) -> None:
    response = client.get(f"{API}/services?format=ndjson&per_page=1&full=true")
    assert response["Content-Type"] == "application/x-ndjson"
    lines = [json.loads(line) for line in body_of(response).splitlines()]
    assert {line["name"] for line in lines} == PUBLIC
    for line in lines:
        assert_valid("service", line)


def test_minimal_services_hold_what_a_sync_needs(directory: Directory, client: Client) -> None:
    contents = get(client, f"{API}/services?minimal=true")["contents"]
    assert {tuple(sorted(obj)) for obj in contents} == {("id", "last_modified", "name", "status")}


def test_filters(directory: Directory, client: Client) -> None:
    def names(query: str) -> set[str]:
        return {s["name"] for s in get(client, f"{API}/services?{query}")["contents"]}

    assert names(f"taxonomy_term_id={term_id(ESP_CODE, 'social.shelter')}") == {"Safe shelter"}
    # A sector includes its kinds of service.
    assert names(f"taxonomy_term_id={term_id(ESP_CODE, 'social')}") == PUBLIC
    assert names(f"taxonomy_term_id={term_id(ESP_CODE, 'health')}") == set()
    assert names(f"taxonomy_id={taxonomy_id(ESP_CODE)}") == PUBLIC
    assert names(f"taxonomy_id={taxonomy_id(HUB_CODE)}") == set()
    assert names(f"organization_id={directory.organisation.hsds_id}") == PUBLIC
    other = ServiceFactory(
        programme=directory.programme, name_en="Legal clinic", terms=["justice.legal-aid"]
    )
    ServiceAtLocationFactory(service=other, location=LocationFactory(programme=directory.programme))
    assert names(f"organization_id={other.organisation.hsds_id}") == {"Legal clinic"}
    d.Service.objects.filter(pk=directory.shelter.pk).update(
        updated_at=timezone.now() - timedelta(days=30)
    )
    since = (timezone.now() - timedelta(days=1)).isoformat().replace("+00:00", "Z")
    assert "Safe shelter" not in names(f"modified_after={since}")
    assert "Crisis counselling" in names(f"modified_after={since}")


def test_search_in_either_language(directory: Directory, client: Client) -> None:
    def names(url: str) -> set[str]:
        return {obj.get("name") or obj["service"]["name"] for obj in get(client, url)["contents"]}

    assert names(f"{API}/services?search=consejeria") == {"Crisis counselling"}
    assert names(f"{API}/services?search=counsellor") == {"Crisis counselling"}
    assert names(f"{API}/service_at_locations?search=counselling") == {"Crisis counselling"}
    assert names(f"{API}/organizations?search=Mujeres") == {"Women's Centre"}


def test_proximity_never_orders_by_a_confidential_location(
    directory: Directory, client_for: Callable[[str], Client]
) -> None:
    far = LocationFactory(
        programme=directory.programme, latitude="18.400000", longitude="-77.900000"
    )
    ServiceAtLocationFactory(service=directory.counselling, location=far)
    at_the_shelter = f"{directory.house.latitude},{directory.house.longitude}"
    contents = get(
        client_for("coordinator"), f"{API}/service_at_locations?proximity={at_the_shelter}"
    )["contents"]
    # Nearest first, but the shelter, though at the very point, comes last with no distance.
    places = list(dict.fromkeys(sal["location_id"] for sal in contents))
    assert places == [
        str(directory.office.id),
        str(far.id),
        str(directory.house.id),
    ]
    assert "distance" not in json.dumps(contents)
    near_far = get(client_for("anonymous"), f"{API}/service_at_locations?proximity=18.4,-77.9")[
        "contents"
    ]
    assert [sal["location_id"] for sal in near_far] == [str(far.id), str(directory.office.id)]


def test_texts_in_the_language_of_the_request(directory: Directory, client: Client) -> None:
    response = client.get(
        f"{API}/services/{directory.counselling.id}", headers={"Accept-Language": "es"}
    )
    assert response["Content-Language"] == "es"
    body = response.json()
    assert body["name"] == "Consejería en crisis"
    assert (
        body["attributes"][0]["taxonomy_term"]["name"]
        == esp_term("social.crisis-counselling").name_es
    )
    shelter = get(client, f"{API}/services/{directory.shelter.id}", **{"Accept-Language": "es"})
    assert shelter["name"] == "Safe shelter"  # no Spanish name: the English one
    error = client.get(f"{API}/services/nope", headers={"Accept-Language": "es"})
    assert error.json()["error"]["message"] != "There is no such record, or you may not see it."


def test_anonymous_readers_get_no_cookie(directory: Directory, client: Client) -> None:
    for url in (f"{API}/", f"{API}/services?full=true", f"{API}/service_at_locations"):
        response = client.get(url)
        assert response.status_code == 200
        assert not response.cookies


def test_taxonomy_terms(directory: Directory, client: Client) -> None:
    sectors = get(
        client,
        f"{API}/taxonomy_terms?taxonomy_id={taxonomy_id(ESP_CODE)}&top_only=true&per_page=100",
    )
    assert {term["code"] for term in sectors["contents"]} == {
        "health",
        "justice",
        "social",
        "coordination",
    }
    kinds = get(
        client, f"{API}/taxonomy_terms?parent_id={term_id(ESP_CODE, 'justice')}&per_page=100"
    )
    assert all(term["parent_id"] == str(term_id(ESP_CODE, "justice")) for term in kinds["contents"])
    assert len(kinds["contents"]) == 4
    found = get(client, f"{API}/taxonomy_terms?search=refugio")
    assert [term["code"] for term in found["contents"]] == ["social.shelter"]
