"""Personal API tokens: a script acts as its owner, with the owner's roles, and nothing more.

A token is shown once and stored as a SHA-256 digest; a revoked or wrong token is refused, never
mistaken for an anonymous reader; history records name the token's owner.
"""

import hashlib
import re
from collections.abc import Callable

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from accounts.models import ApiToken
from accounts.services import api_token_create, api_token_revoke
from accounts.tests.factories import UserFactory
from conftest import ROLES
from core.tests.helpers import assert_error, every_role
from organisations.models import Organisation
from programmes.models import Area, GovernmentPriority, Membership, Programme
from programmes.tests.factories import AreaFactory, GovernmentPriorityFactory, MembershipFactory

pytestmark = pytest.mark.django_db

JSON = "application/json"
SIGNED_IN = [role for role in ROLES if role != "anonymous"]


def bearer(secret: str) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


@pytest.fixture
def secret_of(people: dict) -> Callable[[str], str]:
    """A fresh token secret of the named person."""

    def make(role: str) -> str:
        _token, secret = api_token_create(user=people[role], name=f"{role} script")
        return secret

    return make


# --- A token acts as its owner ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("coordinator", 200),
        ("focal_point", 403),
        ("partner", 403),
        ("observer", 403),
        ("outsider", 403),
        ("stranger", 403),
    ],
)
def test_a_token_carries_its_owners_role(
    role: str, status: int, programme: Programme, secret_of: Callable[[str], str]
) -> None:
    response = Client().patch(
        "/api/v1/programmes/JM",
        {"time_zone": "America/Bogota"},
        content_type=JSON,
        **bearer(secret_of(role)),
    )
    programme.refresh_from_db()
    if status == 200:
        assert response.status_code == 200
        assert programme.time_zone == "America/Bogota"
    else:
        assert_error(response, 403, "forbidden")
        assert programme.time_zone == "America/Jamaica"


def test_a_token_write_needs_no_csrf_token(
    programme: Programme, secret_of: Callable[[str], str]
) -> None:
    response = Client(enforce_csrf_checks=True).patch(
        "/api/v1/programmes/JM",
        {"time_zone": "America/Bogota"},
        content_type=JSON,
        **bearer(secret_of("coordinator")),
    )
    assert response.status_code == 200
    programme.refresh_from_db()
    assert programme.time_zone == "America/Bogota"


def test_a_token_reads_what_its_owner_may_read(
    programme: Programme, secret_of: Callable[[str], str]
) -> None:
    members_only = AreaFactory(programme=programme, name_en="Safe House", visibility="programme")
    path = f"/api/v1/areas/{members_only.pk}"
    assert Client().get(path, **bearer(secret_of("observer"))).status_code == 200
    assert_error(Client().get(path, **bearer(secret_of("outsider"))), 404, "not_found")


def test_using_a_token_records_when_it_was_last_used(people: dict) -> None:
    token, secret = api_token_create(user=people["observer"], name="Dashboard")
    assert token.last_used_at is None
    assert Client().get("/api/v1/programmes", **bearer(secret)).status_code == 200
    token.refresh_from_db()
    assert token.last_used_at is not None


# --- A token that does not work is refused, never taken for anonymous -------------------------


def test_a_revoked_token_is_refused_for_reads_and_writes(
    programme: Programme, people: dict
) -> None:
    token, secret = api_token_create(user=people["coordinator"], name="Old script")
    api_token_revoke(token=token)
    client = Client()

    write = client.patch(
        "/api/v1/programmes/JM", {"time_zone": "UTC"}, content_type=JSON, **bearer(secret)
    )
    read = client.get("/api/v1/programmes", **bearer(secret))

    assert_error(write, 401, "unauthenticated")
    assert_error(read, 401, "unauthenticated")
    programme.refresh_from_db()
    assert programme.time_zone == "America/Jamaica"


def test_a_token_revoked_on_the_tokens_page_stops_working(
    people: dict, client_for: Callable[[str], Client]
) -> None:
    token, secret = api_token_create(user=people["coordinator"], name="Old script")
    assert Client().get("/api/v1/me", **bearer(secret)).status_code == 200

    page = client_for("coordinator").post(reverse("accounts:api_token_revoke", args=[token.pk]))

    assert page.status_code == 302
    assert_error(Client().get("/api/v1/me", **bearer(secret)), 401, "unauthenticated")


@pytest.mark.parametrize("path", ["/api/v1/programmes", "/api/v1/pillars", "/api/v1/organisations"])
def test_a_wrong_token_is_refused_even_where_anonymous_may_read(path: str, people: dict) -> None:
    assert Client().get(path).status_code == 200  # anonymous may read this
    error = assert_error(
        Client().get(path, **bearer("hub_not-a-real-token")), 401, "unauthenticated"
    )
    assert "token" in error["message"].lower()


@pytest.mark.parametrize(
    "header",
    ["Token hub_abc", "Basic dXNlcjpwYXNz", "Bearer ", "Bearer"],
    ids=["token-scheme", "basic-scheme", "bearer-blank", "bearer-alone"],
)
def test_an_authorization_header_in_another_form_is_refused(header: str, people: dict) -> None:
    response = Client().get("/api/v1/programmes", HTTP_AUTHORIZATION=header)
    assert_error(response, 401, "unauthenticated")


def test_a_wrong_token_is_refused_even_with_a_signed_in_session(
    programme: Programme, client_for: Callable[[str], Client]
) -> None:
    # The session belongs to the coordinator, but the script sent a token: the token decides.
    response = client_for("coordinator").patch(
        "/api/v1/programmes/JM",
        {"time_zone": "UTC"},
        content_type=JSON,
        **bearer("hub_not-a-real-token"),
    )
    assert_error(response, 401, "unauthenticated")
    programme.refresh_from_db()
    assert programme.time_zone == "America/Jamaica"


def test_a_token_of_a_deactivated_person_is_refused(people: dict) -> None:
    _token, secret = api_token_create(user=people["coordinator"], name="Script")
    people["coordinator"].is_active = False
    people["coordinator"].save()
    assert_error(Client().get("/api/v1/me", **bearer(secret)), 401, "unauthenticated")


# --- Only a digest is stored ------------------------------------------------------------------


def test_only_a_sha256_digest_of_the_secret_is_stored(people: dict) -> None:
    token, secret = api_token_create(user=people["coordinator"], name="IATI publishing")

    assert secret.startswith("hub_") and len(secret) > 40
    stored = ApiToken.objects.get(pk=token.pk)
    assert stored.token_hash == hashlib.sha256(secret.encode()).hexdigest()
    assert stored.hint == secret[:8]
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {ApiToken._meta.db_table}")  # noqa: S608
        rows = cursor.fetchall()
    assert len(rows) == 1
    assert not any(secret in str(value) for value in rows[0])
    assert not any(secret[8:] in str(value) for value in rows[0])


def test_tokens_page_shows_the_secret_once_and_stores_its_digest(
    people: dict, client_for: Callable[[str], Client]
) -> None:
    client = client_for("observer")
    created = client.post(reverse("accounts:api_tokens"), {"name": "Dashboard"})
    token = ApiToken.objects.get(user=people["observer"])
    shown = re.findall(r"hub_[A-Za-z0-9_-]{40,}", created.content.decode())
    assert len(shown) == 1
    secret = shown[0]

    assert secret.startswith("hub_")
    assert token.token_hash == hashlib.sha256(secret.encode()).hexdigest()
    assert secret not in client.get(reverse("accounts:api_tokens")).content.decode()
    assert Client().get("/api/v1/me", **bearer(secret)).json()["username"] == "observer"


# --- /api/v1/me -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "memberships"),
    every_role(
        coordinator=[{"programme": "JM", "role": "coordinator"}],
        focal_point=[{"programme": "JM", "role": "focal_point"}],
        partner=[{"programme": "JM", "role": "partner"}],
        observer=[{"programme": "JM", "role": "observer"}],
        outsider=[{"programme": "HN", "role": "coordinator"}],
        stranger=[{"programme": "FJ", "role": "coordinator"}],
        anonymous=None,
    ),
)
def test_me_answers_who_the_session_belongs_to_and_their_roles(
    role: str, memberships: list | None, client_for: Callable[[str], Client]
) -> None:
    response = client_for(role).get("/api/v1/me")
    if memberships is None:
        assert_error(response, 401, "unauthenticated")
    else:
        assert response.status_code == 200
        body = response.json()
        assert (body["username"], body["email"]) == (role, f"{role}@example.org")
        assert body["memberships"] == memberships


def test_me_through_a_token_lists_every_membership_by_programme_code(
    programme: Programme, other_programme: Programme, far_programme: Programme
) -> None:
    person = UserFactory(username="roving", first_name="Ana", preferred_language="es")
    MembershipFactory(user=person, programme=programme, role=Membership.Role.PARTNER)
    MembershipFactory(user=person, programme=far_programme, role=Membership.Role.OBSERVER)
    MembershipFactory(user=person, programme=other_programme, role=Membership.Role.FOCAL_POINT)
    _token, secret = api_token_create(user=person, name="Script")

    response = Client().get("/api/v1/me", **bearer(secret))

    assert response.status_code == 200
    body = response.json()
    assert (body["username"], body["first_name"], body["preferred_language"]) == (
        "roving",
        "Ana",
        "es",
    )
    assert body["memberships"] == [
        {"programme": "FJ", "role": "observer"},
        {"programme": "HN", "role": "focal_point"},
        {"programme": "JM", "role": "partner"},
    ]


# --- History names the token's owner ----------------------------------------------------------


def test_an_area_added_through_a_token_records_its_owner_in_history(
    people: dict, secret_of: Callable[[str], str]
) -> None:
    response = Client().post(
        "/api/v1/programmes/JM/areas",
        {"level": 2, "name_en": "St Catherine"},
        content_type=JSON,
        **bearer(secret_of("coordinator")),
    )
    assert response.status_code == 201
    area = Area.objects.get(pk=response.json()["id"])
    record = area.history.first()
    assert (record.history_type, record.history_user) == ("+", people["coordinator"])


def test_a_change_and_a_deletion_through_a_token_record_its_owner_in_history(
    programme: Programme, people: dict, secret_of: Callable[[str], str]
) -> None:
    area = AreaFactory(programme=programme, name_en="Clarendon")
    priority = GovernmentPriorityFactory(programme=programme, code="7")
    secret = secret_of("coordinator")
    client = Client()

    patched = client.patch(
        f"/api/v1/areas/{area.pk}", {"name_es": "Clarendon"}, content_type=JSON, **bearer(secret)
    )
    programme_patched = client.patch(
        "/api/v1/programmes/JM", {"time_zone": "UTC"}, content_type=JSON, **bearer(secret)
    )
    deleted = client.delete(f"/api/v1/priorities/{priority.pk}", **bearer(secret))

    assert (patched.status_code, programme_patched.status_code, deleted.status_code) == (
        200,
        200,
        204,
    )
    area_record = area.history.first()
    programme_record = programme.history.first()
    priority_record = GovernmentPriority.history.filter(id=priority.pk).first()
    assert (area_record.history_type, area_record.history_user) == ("~", people["coordinator"])
    assert (programme_record.history_type, programme_record.history_user) == (
        "~",
        people["coordinator"],
    )
    assert (priority_record.history_type, priority_record.history_user) == (
        "-",
        people["coordinator"],
    )


def test_an_organisation_added_through_a_token_records_its_owner_not_a_session(
    people: dict, secret_of: Callable[[str], str], client_for: Callable[[str], Client]
) -> None:
    # The request also carries the observer's session; the token's owner made the change.
    client = client_for("observer")
    response = client.post(
        "/api/v1/organisations",
        {"name_en": "Jamaica Women's Fund", "type": "donor", "programmes": ["JM"]},
        content_type=JSON,
        **bearer(secret_of("coordinator")),
    )
    assert response.status_code == 201
    organisation = Organisation.objects.get(pk=response.json()["id"])
    assert organisation.history.first().history_user == people["coordinator"]
