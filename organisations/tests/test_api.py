"""The organisations API against every named person: reads follow visibility; a coordinator links
organisations only to the programmes they coordinate."""

from collections.abc import Callable

import pytest
from django.http import HttpResponse
from django.test import Client

from accounts.tests.factories import UserFactory
from core.models import Visibility
from core.tests.helpers import assert_error, assert_write_answer, every_role
from organisations.models import Organisation
from organisations.tests.factories import OrganisationFactory
from programmes.models import Programme

pytestmark = pytest.mark.django_db

JSON = "application/json"
UNICEF_IATI = "XM-DAC-41122"


def names(response: HttpResponse) -> set[str]:
    assert response.status_code == 200, response.content
    return {organisation["name"] for organisation in response.json()["items"]}


@pytest.fixture
def organisations(programme: Programme, other_programme: Programme) -> dict[str, Organisation]:
    return {
        "unicef": OrganisationFactory(
            name_en="UNICEF",
            name_es="UNICEF",
            acronym="UNICEF",
            type=Organisation.Type.UN_AGENCY,
            iati_identifier=UNICEF_IATI,
            programmes=[programme, other_programme],
        ),
        "ministry": OrganisationFactory(
            name_en="Ministry of Gender",
            name_es="Ministerio de Género",
            type=Organisation.Type.GOVERNMENT,
            programmes=[programme],
        ),
        "members": OrganisationFactory(
            name_en="Survivors Advisory Panel",
            type=Organisation.Type.CIVIL_SOCIETY,
            visibility=Visibility.PROGRAMME,
            programmes=[programme],
        ),
        "region": OrganisationFactory(
            name_en="Caribbean Shelter Network",
            type=Organisation.Type.CIVIL_SOCIETY,
            visibility=Visibility.REGION,
            programmes=[programme],
        ),
        "honduras": OrganisationFactory(
            name_en="Red de Mujeres",
            type=Organisation.Type.CIVIL_SOCIETY,
            visibility=Visibility.PROGRAMME,
            programmes=[other_programme],
        ),
    }


PUBLIC = {"UNICEF", "Ministry of Gender"}
JM_MEMBER_SEES = PUBLIC | {"Survivors Advisory Panel", "Caribbean Shelter Network"}


# --- Reading ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "listed"),
    every_role(
        coordinator=JM_MEMBER_SEES,
        focal_point=JM_MEMBER_SEES,
        partner=JM_MEMBER_SEES,
        observer=JM_MEMBER_SEES,
        outsider=PUBLIC | {"Caribbean Shelter Network", "Red de Mujeres"},
        stranger=PUBLIC,
        anonymous=PUBLIC,
    ),
)
def test_organisation_list_shows_what_the_visibility_allows(
    role: str, listed: set[str], organisations: dict, client_for: Callable[[str], Client]
) -> None:
    response = client_for(role).get("/api/v1/organisations")
    assert names(response) == listed
    assert response.json()["count"] == len(listed)


def test_organisation_list_shows_a_superuser_everything(organisations: dict, people: dict) -> None:
    client = Client()
    client.force_login(UserFactory(username="admin", is_superuser=True))
    assert names(client.get("/api/v1/organisations")) == JM_MEMBER_SEES | {"Red de Mujeres"}


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
def test_members_only_organisation_is_not_found_for_non_members(
    role: str, status: int, organisations: dict, client_for: Callable[[str], Client]
) -> None:
    response = client_for(role).get(f"/api/v1/organisations/{organisations['members'].pk}")
    if status == 200:
        assert response.status_code == 200
        assert response.json()["name"] == "Survivors Advisory Panel"
    else:
        assert_error(response, 404, "not_found")


@pytest.mark.parametrize(
    ("role", "programmes"),
    every_role(
        coordinator=["HN", "JM"],
        focal_point=["HN", "JM"],
        partner=["HN", "JM"],
        observer=["HN", "JM"],
        outsider=["HN", "JM"],
        stranger=["HN", "JM"],
        anonymous=["HN", "JM"],
    ),
)
def test_an_organisation_lists_the_codes_of_its_programmes(
    role: str, programmes: list[str], organisations: dict, client_for: Callable[[str], Client]
) -> None:
    response = client_for(role).get(f"/api/v1/organisations/{organisations['unicef'].pk}")
    assert response.status_code == 200
    body = response.json()
    assert (body["programmes"], body["iati_identifier"], body["type"]) == (
        programmes,
        UNICEF_IATI,
        "un_agency",
    )


@pytest.mark.parametrize(
    ("query", "listed"),
    [
        pytest.param({"q": "ministerio"}, {"Ministry of Gender"}, id="q-in-spanish"),
        pytest.param({"q": "gender"}, {"Ministry of Gender"}, id="q-in-english"),
        pytest.param({"q": "unicef"}, {"UNICEF"}, id="q-acronym"),
        pytest.param({"type": "government"}, {"Ministry of Gender"}, id="type"),
        pytest.param(
            {"type": "civil_society"},
            {"Survivors Advisory Panel", "Caribbean Shelter Network"},
            id="type-with-visibility",
        ),
        pytest.param({"programme": "hn"}, {"UNICEF"}, id="programme-hides-members-only-of-hn"),
        pytest.param({"programme": "JM"}, JM_MEMBER_SEES, id="programme"),
        pytest.param(
            {"q": "shelter", "programme": "JM"}, {"Caribbean Shelter Network"}, id="q-and-programme"
        ),
        pytest.param({"q": "nothing like it"}, set(), id="q-no-match"),
    ],
)
def test_organisation_list_filters(
    query: dict, listed: set[str], organisations: dict, client_for: Callable[[str], Client]
) -> None:
    # Read by the JM coordinator: HN's members-only organisation stays hidden under any filter.
    assert names(client_for("coordinator").get("/api/v1/organisations", query)) == listed


def test_organisation_list_refuses_an_unknown_type_naming_it(
    organisations: dict, client_for: Callable[[str], Client]
) -> None:
    response = client_for("coordinator").get("/api/v1/organisations", {"type": "spaceship"})
    assert_error(response, 422, "invalid_request", "type")


def test_organisation_list_pages_with_limit_and_offset(
    organisations: dict, client_for: Callable[[str], Client]
) -> None:
    client = client_for("coordinator")
    pages = [
        client.get("/api/v1/organisations", {"limit": 3, "offset": offset}).json()
        for offset in (0, 3)
    ]
    assert [page["count"] for page in pages] == [4, 4]
    assert [len(page["items"]) for page in pages] == [3, 1]
    assert {o["name"] for page in pages for o in page["items"]} == JM_MEMBER_SEES


# --- Creating ---------------------------------------------------------------------------------


NEW_ORGANISATION = {
    "name_en": "Women's Media Watch",
    "acronym": "WMW",
    "type": "civil_society",
    "website": "https://womensmediawatch.example.org",
    "visibility": "public",
}


@pytest.mark.parametrize(
    ("role", "status"),
    every_role(
        coordinator=201,
        focal_point=403,
        partner=403,
        observer=403,
        outsider=403,
        stranger=403,
        anonymous=401,
    ),
)
def test_only_the_coordinator_adds_an_organisation_to_jm(
    role: str, status: int, client_for: Callable[[str], Client]
) -> None:
    response = client_for(role).post(
        "/api/v1/organisations", {**NEW_ORGANISATION, "programmes": ["JM"]}, content_type=JSON
    )
    assert_write_answer(response, status)
    created = Organisation.objects.filter(acronym="WMW")
    if status == 201:
        body = response.json()
        assert (body["name"], body["programmes"], body["visibility"]) == (
            "Women's Media Watch",
            ["JM"],
            "public",
        )
        assert [p.code for p in created.get().programmes.all()] == ["JM"]
    else:
        assert not created.exists()


def test_a_coordinator_cannot_add_an_organisation_to_a_programme_they_do_not_coordinate(
    client_for: Callable[[str], Client],
) -> None:
    client = client_for("coordinator")
    for programmes in (["HN"], ["JM", "HN"]):
        response = client.post(
            "/api/v1/organisations",
            {**NEW_ORGANISATION, "programmes": programmes},
            content_type=JSON,
        )
        assert_error(response, 403, "forbidden")
    assert not Organisation.objects.filter(acronym="WMW").exists()


def test_each_coordinator_adds_organisations_to_their_own_programme(
    client_for: Callable[[str], Client],
) -> None:
    response = client_for("outsider").post(
        "/api/v1/organisations", {**NEW_ORGANISATION, "programmes": ["hn"]}, content_type=JSON
    )
    assert response.status_code == 201
    assert response.json()["programmes"] == ["HN"]


@pytest.mark.parametrize(
    ("payload", "status", "code", "field"),
    [
        pytest.param({"programmes": []}, 400, "invalid", "programmes", id="no-programme"),
        pytest.param({"programmes": ["ZZ"]}, 400, "invalid", "programmes", id="unknown-programme"),
        pytest.param({"type": "club"}, 422, "invalid_request", "type", id="unknown-type"),
        pytest.param(
            {"visibility": "friends"}, 422, "invalid_request", "visibility", id="unknown-visibility"
        ),
        pytest.param({"website": "not a url"}, 400, "invalid", "website", id="bad-website"),
        pytest.param(
            {"iati_identifier": "41122"}, 400, "invalid", "iati_identifier", id="bad-iati-form"
        ),
        pytest.param(
            {"iati_identifier": UNICEF_IATI},
            400,
            "invalid",
            "iati_identifier",
            id="duplicate-iati-identifier",
        ),
        pytest.param({"parent_id": 999999}, 400, "invalid", "parent_id", id="unknown-parent"),
        pytest.param({"name_en": ""}, 400, "invalid", "name_en", id="no-name"),
    ],
)
def test_organisation_with_a_bad_value_names_the_field_and_writes_nothing(
    payload: dict,
    status: int,
    code: str,
    field: str,
    organisations: dict,
    client_for: Callable[[str], Client],
) -> None:
    before = Organisation.objects.count()
    response = client_for("coordinator").post(
        "/api/v1/organisations",
        {**NEW_ORGANISATION, "programmes": ["JM"], **payload},
        content_type=JSON,
    )
    assert_error(response, status, code, field)
    assert Organisation.objects.count() == before


# --- Changing ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "status"),
    every_role(
        coordinator=200,
        focal_point=403,
        partner=403,
        observer=403,
        outsider=403,
        stranger=403,
        anonymous=401,
    ),
)
def test_only_a_coordinator_of_its_programme_changes_an_organisation(
    role: str, status: int, organisations: dict, client_for: Callable[[str], Client]
) -> None:
    ministry = organisations["ministry"]  # public, works only in JM
    response = client_for(role).patch(
        f"/api/v1/organisations/{ministry.pk}", {"acronym": "MGA"}, content_type=JSON
    )
    assert_write_answer(response, status)
    ministry.refresh_from_db()
    assert (ministry.acronym == "MGA") is (status == 200)
    if status == 200:
        assert response.json()["acronym"] == "MGA"
        assert ministry.name_en == "Ministry of Gender"


def test_a_coordinator_of_any_of_its_programmes_may_correct_a_shared_organisation(
    organisations: dict, client_for: Callable[[str], Client]
) -> None:
    unicef = organisations["unicef"]  # works in JM and HN
    response = client_for("outsider").patch(
        f"/api/v1/organisations/{unicef.pk}", {"website": "https://unicef.org"}, content_type=JSON
    )
    assert response.status_code == 200
    unicef.refresh_from_db()
    assert unicef.website == "https://unicef.org"


def test_a_members_only_organisation_is_not_found_for_another_programmes_coordinator(
    organisations: dict, client_for: Callable[[str], Client]
) -> None:
    panel = organisations["members"]
    response = client_for("outsider").patch(
        f"/api/v1/organisations/{panel.pk}", {"acronym": "X"}, content_type=JSON
    )
    assert_error(response, 404, "not_found")
    panel.refresh_from_db()
    assert panel.acronym == ""


def test_a_coordinator_cannot_link_or_unlink_a_programme_they_do_not_coordinate(
    organisations: dict, client_for: Callable[[str], Client]
) -> None:
    client = client_for("coordinator")
    ministry, unicef = organisations["ministry"], organisations["unicef"]

    link = client.patch(
        f"/api/v1/organisations/{ministry.pk}", {"programmes": ["JM", "HN"]}, content_type=JSON
    )
    unlink = client.patch(
        f"/api/v1/organisations/{unicef.pk}", {"programmes": ["JM"]}, content_type=JSON
    )

    assert_error(link, 403, "forbidden")
    assert_error(unlink, 403, "forbidden")
    assert sorted(ministry.programmes.values_list("code", flat=True)) == ["JM"]
    assert sorted(unicef.programmes.values_list("code", flat=True)) == ["HN", "JM"]


def test_a_coordinator_unlinks_an_organisation_from_their_own_programme_only(
    organisations: dict, client_for: Callable[[str], Client]
) -> None:
    unicef = organisations["unicef"]  # works in JM and HN
    response = client_for("coordinator").patch(
        f"/api/v1/organisations/{unicef.pk}", {"programmes": ["HN"]}, content_type=JSON
    )
    assert response.status_code == 200
    # The reply lists the programmes the reader may see; HN is public to everyone.
    assert response.json()["programmes"] == ["HN"]
    assert sorted(unicef.programmes.values_list("code", flat=True)) == ["HN"]


def test_organisation_patch_with_a_duplicate_iati_identifier_names_it(
    organisations: dict, client_for: Callable[[str], Client]
) -> None:
    ministry = organisations["ministry"]
    response = client_for("coordinator").patch(
        f"/api/v1/organisations/{ministry.pk}",
        {"iati_identifier": UNICEF_IATI},
        content_type=JSON,
    )
    assert_error(response, 400, "invalid", "iati_identifier")
    ministry.refresh_from_db()
    assert ministry.iati_identifier == ""


def test_organisation_patch_keeping_its_own_iati_identifier_is_accepted(
    organisations: dict, client_for: Callable[[str], Client]
) -> None:
    unicef = organisations["unicef"]
    response = client_for("coordinator").patch(
        f"/api/v1/organisations/{unicef.pk}",
        {"iati_identifier": UNICEF_IATI, "acronym": "UNICEF JM"},
        content_type=JSON,
    )
    assert response.status_code == 200
    assert response.json()["acronym"] == "UNICEF JM"
