"""The programmes API against every named person: reads follow visibility, writes need the coordinator.

Every error answers one shape, ``{"error": {"status", "code", "message", "fields"}}``; a refused
or invalid write leaves the database as it was.
"""

from collections.abc import Callable
from decimal import Decimal

import pytest
from django.http import HttpResponse
from django.test import Client
from django.urls import reverse

from accounts.tests.factories import UserFactory
from conftest import ROLES
from core.models import Visibility
from core.tests.helpers import assert_error, assert_write_answer, every_role
from programmes.models import Area, GovernmentPriority, Pillar, Programme
from programmes.tests.factories import AreaFactory, GovernmentPriorityFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db

JSON = "application/json"
JM_MEMBERS = ["coordinator", "focal_point", "partner", "observer"]

# The status of a write for each person: only the JM coordinator may; the others are told no;
# anonymous is told to sign in.
WRITE_STATUS = {
    "focal_point": 403,
    "partner": 403,
    "observer": 403,
    "outsider": 403,
    "stranger": 403,
    "anonymous": 401,
}


def writes(coordinator: int) -> list[tuple[str, int]]:
    return every_role(coordinator=coordinator, **WRITE_STATUS)


def superuser_client() -> Client:
    client = Client()
    client.force_login(UserFactory(username="admin", is_superuser=True, is_staff=True))
    return client


# --- Programmes -------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_programme_list_is_public_and_paginated_with_a_count(
    role: str, client_for: Callable[[str], Client]
) -> None:
    response = client_for(role).get("/api/v1/programmes")
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 3
    assert [item["code"] for item in body["items"]] == ["FJ", "HN", "JM"]


def test_programme_list_pages_with_limit_and_offset(people: dict) -> None:
    client = Client()
    first = client.get("/api/v1/programmes", {"limit": 2, "offset": 0}).json()
    rest = client.get("/api/v1/programmes", {"limit": 2, "offset": 2}).json()
    assert (first["count"], [p["code"] for p in first["items"]]) == (3, ["FJ", "HN"])
    assert (rest["count"], [p["code"] for p in rest["items"]]) == (3, ["JM"])


@pytest.mark.parametrize(
    ("query", "field"),
    [({"limit": 0}, "limit"), ({"limit": 501}, "limit"), ({"offset": -1}, "offset")],
)
def test_programme_list_names_a_bad_page_parameter(query: dict, field: str, people: dict) -> None:
    assert_error(Client().get("/api/v1/programmes", query), 422, "invalid_request", field)


@pytest.mark.parametrize("role", ROLES)
def test_inactive_programme_is_hidden_from_everyone_but_a_superuser(
    role: str, client_for: Callable[[str], Client]
) -> None:
    ProgrammeFactory(code="BB", country="BB", is_active=False)
    client = client_for(role)
    assert "BB" not in [p["code"] for p in client.get("/api/v1/programmes").json()["items"]]
    assert_error(client.get("/api/v1/programmes/BB"), 404, "not_found")
    assert superuser_client().get("/api/v1/programmes/BB").status_code == 200


@pytest.mark.parametrize("role", ROLES)
def test_programme_detail_is_public(role: str, client_for: Callable[[str], Client]) -> None:
    response = client_for(role).get("/api/v1/programmes/jm")
    assert response.status_code == 200
    body = response.json()
    assert (body["code"], body["name_en"], body["country"], body["region"]) == (
        "JM",
        "Spotlight Jamaica",
        "JM",
        "lac",
    )


@pytest.mark.parametrize("role", ROLES)
def test_unknown_programme_is_not_found(role: str, client_for: Callable[[str], Client]) -> None:
    assert_error(client_for(role).get("/api/v1/programmes/ZZ"), 404, "not_found")


@pytest.mark.parametrize(("role", "status"), writes(coordinator=200))
def test_only_the_coordinator_changes_the_programme(
    role: str, status: int, programme: Programme, client_for: Callable[[str], Client]
) -> None:
    response = client_for(role).patch(
        "/api/v1/programmes/JM", {"time_zone": "America/Bogota"}, content_type=JSON
    )
    assert_write_answer(response, status)
    programme.refresh_from_db()
    if status == 200:
        assert response.json()["time_zone"] == "America/Bogota"
        assert programme.time_zone == "America/Bogota"
    else:
        assert programme.time_zone == "America/Jamaica"


def test_programme_patch_leaves_the_fields_not_sent_alone(
    programme: Programme, client_for: Callable[[str], Client]
) -> None:
    response = client_for("coordinator").patch(
        "/api/v1/programmes/JM", {"name_es": "Spotlight en Jamaica"}, content_type=JSON
    )
    assert response.status_code == 200
    programme.refresh_from_db()
    assert (programme.name_en, programme.name_es, programme.languages) == (
        "Spotlight Jamaica",
        "Spotlight en Jamaica",
        ["en", "es"],
    )


@pytest.mark.parametrize(
    ("payload", "field", "status", "code"),
    [
        ({"time_zone": "Mars/Olympus"}, "time_zone", 400, "invalid"),
        ({"default_language": "fr"}, "default_language", 400, "invalid"),
        ({"languages": ["en", "xx"]}, "languages", 400, "invalid"),
        ({"languages": "en"}, "languages", 422, "invalid_request"),
        ({"is_active": "perhaps"}, "is_active", 422, "invalid_request"),
    ],
)
def test_programme_patch_with_a_bad_value_names_the_field_and_changes_nothing(
    payload: dict,
    field: str,
    status: int,
    code: str,
    programme: Programme,
    client_for: Callable[[str], Client],
) -> None:
    response = client_for("coordinator").patch("/api/v1/programmes/JM", payload, content_type=JSON)
    assert_error(response, status, code, field)
    programme.refresh_from_db()
    assert (
        programme.time_zone,
        programme.default_language,
        programme.languages,
        programme.is_active,
    ) == ("America/Jamaica", "en", ["en", "es"], True)


def test_programme_patch_of_an_unknown_programme_is_not_found(
    client_for: Callable[[str], Client],
) -> None:
    response = client_for("coordinator").patch(
        "/api/v1/programmes/ZZ", {"time_zone": "UTC"}, content_type=JSON
    )
    assert_error(response, 404, "not_found")


NEW_PROGRAMME = {
    "code": "BZ",
    "name_en": "Spotlight Belize",
    "country": "BZ",
    "region": "lac",
    "languages": ["en"],
    "default_language": "en",
    "time_zone": "America/Belize",
}


@pytest.mark.parametrize(
    ("role", "status"),
    every_role(
        coordinator=403,
        focal_point=403,
        partner=403,
        observer=403,
        outsider=403,
        stranger=403,
        anonymous=401,
    ),
)
def test_no_programme_role_creates_a_programme(
    role: str, status: int, client_for: Callable[[str], Client]
) -> None:
    response = client_for(role).post("/api/v1/programmes", NEW_PROGRAMME, content_type=JSON)
    assert_write_answer(response, status)
    assert not Programme.objects.filter(code="BZ").exists()


def test_a_superuser_creates_a_programme(people: dict) -> None:
    response = superuser_client().post("/api/v1/programmes", NEW_PROGRAMME, content_type=JSON)
    assert response.status_code == 201
    assert response.json()["code"] == "BZ"
    assert Programme.objects.get(code="BZ").time_zone == "America/Belize"


def test_a_programme_with_a_bad_code_is_not_created(people: dict) -> None:
    response = superuser_client().post(
        "/api/v1/programmes", {**NEW_PROGRAMME, "code": "belize!"}, content_type=JSON
    )
    assert_error(response, 400, "invalid", "code")
    assert Programme.objects.count() == 3


# --- Pillars ----------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_pillars_are_public_reference_data(role: str, client_for: Callable[[str], Client]) -> None:
    client = client_for(role)
    pillars = client.get("/api/v1/pillars")
    assert pillars.status_code == 200
    assert [p["number"] for p in pillars.json()] == [1, 2, 3, 4, 5, 6]
    one = client.get("/api/v1/pillars/1")
    assert one.status_code == 200
    assert one.json()["name_en"] == Pillar.objects.get(number=1).name_en
    assert_error(client.get("/api/v1/pillars/99"), 404, "not_found")


# --- Areas ------------------------------------------------------------------------------------


@pytest.fixture
def areas(programme: Programme, other_programme: Programme) -> dict[str, Area]:
    return {
        "public": AreaFactory(programme=programme, name_en="Kingston", code="KIN"),
        "programme": AreaFactory(
            programme=programme, name_en="Safe House District", visibility=Visibility.PROGRAMME
        ),
        "region": AreaFactory(
            programme=programme, name_en="Border Corridor", visibility=Visibility.REGION
        ),
        "hn": AreaFactory(programme=other_programme, level=1, name_en="Honduras"),
    }


JM_AREAS = {"Kingston", "Safe House District", "Border Corridor"}


@pytest.mark.parametrize(
    ("role", "listed"),
    every_role(
        coordinator=JM_AREAS,
        focal_point=JM_AREAS,
        partner=JM_AREAS,
        observer=JM_AREAS,
        outsider={"Kingston", "Border Corridor"},
        stranger={"Kingston"},
        anonymous={"Kingston"},
    ),
)
def test_area_list_shows_what_the_visibility_allows(
    role: str, listed: set[str], areas: dict, client_for: Callable[[str], Client]
) -> None:
    body = client_for(role).get("/api/v1/programmes/JM/areas").json()
    assert {area["name"] for area in body["items"]} == listed
    assert body["count"] == len(listed)
    assert {area["programme"] for area in body["items"]} == {"JM"}


def test_area_list_pages_with_limit_and_offset(
    areas: dict, client_for: Callable[[str], Client]
) -> None:
    client = client_for("coordinator")
    names = [
        a["name"]
        for offset in (0, 1, 2)
        for a in client.get("/api/v1/programmes/JM/areas", {"limit": 1, "offset": offset}).json()[
            "items"
        ]
    ]
    assert sorted(names) == sorted(JM_AREAS)
    assert client.get("/api/v1/programmes/JM/areas", {"limit": 1}).json()["count"] == 3


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
def test_members_only_area_is_not_found_for_non_members(
    role: str, status: int, areas: dict, client_for: Callable[[str], Client]
) -> None:
    response = client_for(role).get(f"/api/v1/areas/{areas['programme'].pk}")
    if status == 200:
        assert response.status_code == 200
        assert response.json()["name"] == "Safe House District"
    else:
        assert_error(response, 404, "not_found")


@pytest.mark.parametrize(("role", "status"), writes(coordinator=201))
def test_only_the_coordinator_adds_an_area(
    role: str, status: int, areas: dict, client_for: Callable[[str], Client]
) -> None:
    payload = {
        "parent_id": areas["public"].pk,
        "level": 4,
        "name_en": "August Town",
        "latitude": "18.01000",
        "longitude": "-76.74000",
        "visibility": "region",
    }
    response = client_for(role).post("/api/v1/programmes/JM/areas", payload, content_type=JSON)
    assert_write_answer(response, status)
    created = Area.objects.filter(name_en="August Town")
    if status == 201:
        body = response.json()
        assert (body["programme"], body["parent_id"], body["level"], body["visibility"]) == (
            "JM",
            areas["public"].pk,
            4,
            "region",
        )
        area = created.get()
        assert (area.latitude, area.longitude) == (Decimal("18.01000"), Decimal("-76.74000"))
    else:
        assert not created.exists()


@pytest.mark.parametrize(
    ("payload", "status", "code", "field"),
    [
        pytest.param(
            {"latitude": "18.1"}, 400, "invalid", "longitude", id="latitude-without-longitude"
        ),
        pytest.param(
            {"longitude": "-76.8"}, 400, "invalid", "latitude", id="longitude-without-latitude"
        ),
        pytest.param(
            {"latitude": "95", "longitude": "0"}, 400, "invalid", "latitude", id="latitude-past-90"
        ),
        pytest.param(
            {"visibility": "secret"}, 422, "invalid_request", "visibility", id="unknown-visibility"
        ),
        pytest.param({"level": "high"}, 422, "invalid_request", "level", id="level-not-a-number"),
        pytest.param(
            {"boundary": {"type": "Point", "coordinates": [0, 0]}},
            400,
            "invalid",
            "boundary",
            id="boundary-not-a-polygon",
        ),
        pytest.param({"parent_id": 999999}, 400, "invalid", "parent_id", id="unknown-parent"),
    ],
)
def test_area_with_a_bad_value_names_the_field_and_writes_nothing(
    payload: dict,
    status: int,
    code: str,
    field: str,
    areas: dict,
    client_for: Callable[[str], Client],
) -> None:
    before = Area.objects.count()
    response = client_for("coordinator").post(
        "/api/v1/programmes/JM/areas",
        {"level": 3, "name_en": "Spanish Town", **payload},
        content_type=JSON,
    )
    assert_error(response, status, code, field)
    assert Area.objects.count() == before


def test_area_within_another_programmes_area_is_refused_naming_parent_id(
    areas: dict, client_for: Callable[[str], Client]
) -> None:
    response = client_for("coordinator").post(
        "/api/v1/programmes/JM/areas",
        {"level": 3, "name_en": "Spanish Town", "parent_id": areas["hn"].pk},
        content_type=JSON,
    )
    assert_error(response, 400, "invalid", "parent_id")
    assert not Area.objects.filter(name_en="Spanish Town").exists()


def test_area_without_a_name_in_any_language_is_refused(
    areas: dict, client_for: Callable[[str], Client]
) -> None:
    response = client_for("coordinator").post(
        "/api/v1/programmes/JM/areas", {"level": 3}, content_type=JSON
    )
    assert_error(response, 400, "invalid", "name_en")
    assert Area.objects.count() == 4


@pytest.mark.parametrize(("role", "status"), writes(coordinator=200))
def test_only_the_coordinator_changes_an_area(
    role: str, status: int, areas: dict, client_for: Callable[[str], Client]
) -> None:
    area = areas["public"]
    response = client_for(role).patch(
        f"/api/v1/areas/{area.pk}", {"name_es": "Kingston (es)"}, content_type=JSON
    )
    assert_write_answer(response, status)
    area.refresh_from_db()
    if status == 200:
        assert response.json()["name_es"] == "Kingston (es)"
        assert (area.name_en, area.name_es, area.code) == ("Kingston", "Kingston (es)", "KIN")
    else:
        assert area.name_es != "Kingston (es)"


def test_area_patch_with_half_a_centroid_names_the_missing_coordinate(
    areas: dict, client_for: Callable[[str], Client]
) -> None:
    area = areas["public"]
    response = client_for("coordinator").patch(
        f"/api/v1/areas/{area.pk}", {"latitude": "18.0"}, content_type=JSON
    )
    assert_error(response, 400, "invalid", "longitude")
    area.refresh_from_db()
    assert (area.latitude, area.longitude) == (None, None)


def test_area_patch_moving_it_into_another_programme_is_refused_naming_parent_id(
    areas: dict, client_for: Callable[[str], Client]
) -> None:
    area = areas["public"]
    response = client_for("coordinator").patch(
        f"/api/v1/areas/{area.pk}", {"parent_id": areas["hn"].pk}, content_type=JSON
    )
    assert_error(response, 400, "invalid", "parent_id")
    area.refresh_from_db()
    assert area.parent_id is None


def test_a_member_of_another_programme_cannot_reach_a_members_only_area_to_change_it(
    areas: dict, client_for: Callable[[str], Client]
) -> None:
    area = areas["programme"]
    response = client_for("outsider").patch(
        f"/api/v1/areas/{area.pk}", {"name_en": "Renamed"}, content_type=JSON
    )
    assert_error(response, 404, "not_found")
    area.refresh_from_db()
    assert area.name_en == "Safe House District"


@pytest.mark.parametrize(("role", "status"), writes(coordinator=204))
def test_only_the_coordinator_deletes_an_area(
    role: str, status: int, areas: dict, client_for: Callable[[str], Client]
) -> None:
    area = areas["public"]
    response = client_for(role).delete(f"/api/v1/areas/{area.pk}")
    assert_write_answer(response, status)
    assert Area.objects.filter(pk=area.pk).exists() is (status != 204)
    if status == 204:
        assert response.content == b""


def test_an_area_with_areas_within_it_is_not_deleted(
    areas: dict, client_for: Callable[[str], Client]
) -> None:
    parent = areas["public"]
    AreaFactory(programme=parent.programme, parent=parent, level=4, name_en="Trench Town")
    response = client_for("coordinator").delete(f"/api/v1/areas/{parent.pk}")
    assert_error(response, 400, "invalid", "__all__")
    assert Area.objects.filter(pk=parent.pk).exists()


def test_deleting_an_unknown_area_is_not_found(client_for: Callable[[str], Client]) -> None:
    assert_error(client_for("coordinator").delete("/api/v1/areas/999999"), 404, "not_found")


# --- Government priorities --------------------------------------------------------------------


@pytest.fixture
def priorities(programme: Programme, other_programme: Programme) -> dict[str, GovernmentPriority]:
    return {
        "public": GovernmentPriorityFactory(programme=programme, code="1", title_en="Shelters"),
        "programme": GovernmentPriorityFactory(
            programme=programme,
            code="2",
            title_en="Draft bill on coercive control",
            visibility=Visibility.PROGRAMME,
        ),
        "region": GovernmentPriorityFactory(
            programme=programme,
            code="3",
            title_en="Cross-border referrals",
            visibility=Visibility.REGION,
        ),
        "hn": GovernmentPriorityFactory(programme=other_programme, code="1", title_en="Casas"),
    }


JM_PRIORITIES = {"Shelters", "Draft bill on coercive control", "Cross-border referrals"}


@pytest.mark.parametrize(
    ("role", "listed"),
    every_role(
        coordinator=JM_PRIORITIES,
        focal_point=JM_PRIORITIES,
        partner=JM_PRIORITIES,
        observer=JM_PRIORITIES,
        outsider={"Shelters", "Cross-border referrals"},
        stranger={"Shelters"},
        anonymous={"Shelters"},
    ),
)
def test_priority_list_shows_what_the_visibility_allows(
    role: str, listed: set[str], priorities: dict, client_for: Callable[[str], Client]
) -> None:
    body = client_for(role).get("/api/v1/programmes/JM/priorities").json()
    assert {priority["title"] for priority in body["items"]} == listed
    assert body["count"] == len(listed)


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
def test_members_only_priority_is_not_found_for_non_members(
    role: str, status: int, priorities: dict, client_for: Callable[[str], Client]
) -> None:
    response = client_for(role).get(f"/api/v1/priorities/{priorities['programme'].pk}")
    if status == 200:
        assert response.json()["code"] == "2"
    else:
        assert_error(response, 404, "not_found")


@pytest.mark.parametrize(("role", "status"), writes(coordinator=201))
def test_only_the_coordinator_adds_a_priority(
    role: str, status: int, priorities: dict, client_for: Callable[[str], Client]
) -> None:
    payload = {
        "parent_id": priorities["public"].pk,
        "framework": "National Strategic Action Plan",
        "code": "1.1",
        "title_en": "Emergency shelter beds",
        "visibility": "programme",
    }
    response = client_for(role).post("/api/v1/programmes/JM/priorities", payload, content_type=JSON)
    assert_write_answer(response, status)
    created = GovernmentPriority.objects.filter(code="1.1")
    if status == 201:
        body = response.json()
        assert (body["programme"], body["parent_id"], body["title"], body["visibility"]) == (
            "JM",
            priorities["public"].pk,
            "Emergency shelter beds",
            "programme",
        )
        assert created.get().programme.code == "JM"
    else:
        assert not created.exists()


def test_priority_under_another_programmes_priority_is_refused_naming_parent_id(
    priorities: dict, client_for: Callable[[str], Client]
) -> None:
    response = client_for("coordinator").post(
        "/api/v1/programmes/JM/priorities",
        {"framework": "Plan", "code": "9", "title_en": "X", "parent_id": priorities["hn"].pk},
        content_type=JSON,
    )
    assert_error(response, 400, "invalid", "parent_id")
    assert not GovernmentPriority.objects.filter(code="9").exists()


def test_priority_with_an_unknown_visibility_is_refused(
    priorities: dict, client_for: Callable[[str], Client]
) -> None:
    response = client_for("coordinator").post(
        "/api/v1/programmes/JM/priorities",
        {"framework": "Plan", "code": "9", "title_en": "X", "visibility": "everyone"},
        content_type=JSON,
    )
    assert_error(response, 422, "invalid_request", "visibility")
    assert not GovernmentPriority.objects.filter(code="9").exists()


def test_priority_with_a_code_taken_in_its_framework_is_refused(
    priorities: dict, client_for: Callable[[str], Client]
) -> None:
    taken = priorities["public"]
    response = client_for("coordinator").post(
        "/api/v1/programmes/JM/priorities",
        {"framework": taken.framework, "code": taken.code, "title_en": "Duplicate"},
        content_type=JSON,
    )
    assert_error(response, 400, "invalid")
    assert not GovernmentPriority.objects.filter(title_en="Duplicate").exists()


@pytest.mark.parametrize(("role", "status"), writes(coordinator=200))
def test_only_the_coordinator_changes_a_priority(
    role: str, status: int, priorities: dict, client_for: Callable[[str], Client]
) -> None:
    priority = priorities["public"]
    response = client_for(role).patch(
        f"/api/v1/priorities/{priority.pk}", {"title_en": "Shelters for all"}, content_type=JSON
    )
    assert_write_answer(response, status)
    priority.refresh_from_db()
    assert (priority.title_en == "Shelters for all") is (status == 200)


@pytest.mark.parametrize(("role", "status"), writes(coordinator=204))
def test_only_the_coordinator_deletes_a_priority(
    role: str, status: int, priorities: dict, client_for: Callable[[str], Client]
) -> None:
    priority = priorities["public"]
    response = client_for(role).delete(f"/api/v1/priorities/{priority.pk}")
    assert_write_answer(response, status)
    assert GovernmentPriority.objects.filter(pk=priority.pk).exists() is (status != 204)


# --- Sessions need the CSRF token; anonymous writers are told to sign in ----------------------


def _write_requests(areas: dict, priorities: dict) -> list[tuple[str, str, dict | None]]:
    return [
        ("patch", "/api/v1/programmes/JM", {"time_zone": "America/Bogota"}),
        ("post", "/api/v1/programmes/JM/areas", {"level": 3, "name_en": "Spanish Town"}),
        ("patch", f"/api/v1/areas/{areas['public'].pk}", {"name_en": "Renamed"}),
        ("delete", f"/api/v1/areas/{areas['public'].pk}", None),
        (
            "post",
            "/api/v1/programmes/JM/priorities",
            {"framework": "Plan", "code": "9", "title_en": "New"},
        ),
        ("patch", f"/api/v1/priorities/{priorities['public'].pk}", {"title_en": "Renamed"}),
        ("delete", f"/api/v1/priorities/{priorities['public'].pk}", None),
    ]


WRITE_NAMES = [
    "patch-programme",
    "post-area",
    "patch-area",
    "delete-area",
    "post-priority",
    "patch-priority",
    "delete-priority",
]


def _snapshot() -> tuple:
    return (
        Programme.objects.get(code="JM").time_zone,
        sorted(Area.objects.values_list("pk", "name_en")),
        sorted(GovernmentPriority.objects.values_list("pk", "title_en")),
    )


def _send(client: Client, method: str, path: str, body: dict | None, **extra: str) -> HttpResponse:
    if body is None:
        return getattr(client, method)(path, **extra)
    return getattr(client, method)(path, body, content_type=JSON, **extra)


@pytest.mark.parametrize("index", range(len(WRITE_NAMES)), ids=WRITE_NAMES)
def test_session_write_without_csrf_token_is_refused_and_changes_nothing(
    index: int, people: dict, areas: dict, priorities: dict
) -> None:
    method, path, body = _write_requests(areas, priorities)[index]
    client = Client(enforce_csrf_checks=True)
    client.force_login(people["coordinator"])
    before = _snapshot()

    error = assert_error(_send(client, method, path, body), 403, "forbidden")

    assert "CSRF" in error["message"]
    assert _snapshot() == before


@pytest.mark.parametrize("index", range(len(WRITE_NAMES)), ids=WRITE_NAMES)
def test_session_write_with_csrf_token_is_accepted(
    index: int, people: dict, areas: dict, priorities: dict
) -> None:
    method, path, body = _write_requests(areas, priorities)[index]
    client = Client(enforce_csrf_checks=True)
    client.force_login(people["coordinator"])
    client.get(reverse("accounts:api_tokens"))  # a page with a form sets the CSRF cookie
    csrf_token = client.cookies["csrftoken"].value

    response = _send(client, method, path, body, HTTP_X_CSRFTOKEN=csrf_token)

    assert response.status_code in (200, 201, 204), response.content


@pytest.mark.parametrize("index", range(len(WRITE_NAMES)), ids=WRITE_NAMES)
def test_anonymous_write_is_told_to_sign_in_even_when_csrf_is_enforced(
    index: int, people: dict, areas: dict, priorities: dict
) -> None:
    method, path, body = _write_requests(areas, priorities)[index]
    before = _snapshot()
    response = _send(Client(enforce_csrf_checks=True), method, path, body)
    assert_error(response, 401, "unauthenticated")
    assert _snapshot() == before


# --- Requests the API cannot read -------------------------------------------------------------


def test_a_body_that_is_not_json_is_refused_in_the_error_shape(
    client_for: Callable[[str], Client],
) -> None:
    response = client_for("coordinator").post(
        "/api/v1/programmes/JM/areas", "{not json", content_type=JSON
    )
    assert_error(response, 400, "error")
    assert not Area.objects.exists()


def test_a_body_missing_a_required_field_names_it(client_for: Callable[[str], Client]) -> None:
    response = client_for("coordinator").post(
        "/api/v1/programmes/JM/areas", {"name_en": "Spanish Town"}, content_type=JSON
    )
    assert_error(response, 422, "invalid_request", "level")
    assert not Area.objects.exists()
