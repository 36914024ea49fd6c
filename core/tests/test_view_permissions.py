"""Every HTML page against every named person: who may open it, who is sent to sign in, who is refused.

The people come from the root conftest: four roles in JM, ``outsider`` (coordinator of HN, same
region), ``stranger`` (coordinator of FJ, another region) and ``anonymous``.
"""

from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.http import HttpResponse
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import ApiToken, Invitation
from accounts.services import api_token_create, invitation_create
from accounts.tests.factories import UserFactory
from conftest import ROLES
from core.models import Visibility
from core.tests.helpers import every_role
from organisations.tests.factories import OrganisationFactory
from programmes.models import Membership, Programme
from programmes.tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db

SIGNED_IN = [role for role in ROLES if role != "anonymous"]
JM_MEMBERS = ["coordinator", "focal_point", "partner", "observer"]


def assert_sent_to_login(response: HttpResponse, path: str) -> None:
    assert response.status_code == 302
    assert response.url == f"{reverse('accounts:login')}?next={path}"


def check_status(response: HttpResponse, role: str, expected: int, path: str) -> None:
    if role == "anonymous" and expected == 302:
        assert_sent_to_login(response, path)
    else:
        assert response.status_code == expected


def superuser_client() -> Client:
    client = Client()
    client.force_login(UserFactory(username="admin", is_superuser=True, is_staff=True))
    return client


def jm_invitation(programme: Programme, people: dict, email: str = "new@example.org") -> Invitation:
    invitation, _link = invitation_create(
        programme=programme,
        email=email,
        role=Membership.Role.PARTNER,
        invited_by=people["coordinator"],
        base_url="http://testserver/",
    )
    return invitation


# --- Pages anyone may open --------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_home_page_opens_for_everyone(role: str, client_for: Callable[[str], Client]) -> None:
    response = client_for(role).get(reverse("core:home"))
    assert response.status_code == 200
    assert "Spotlight Jamaica" in response.content.decode()


@pytest.mark.parametrize(
    ("role", "links_to_jm"),
    every_role(
        coordinator=True,
        focal_point=True,
        partner=True,
        observer=True,
        outsider=False,
        stranger=False,
        anonymous=False,
    ),
)
def test_home_page_links_to_the_programme_space_only_for_its_members(
    role: str, links_to_jm: bool, client_for: Callable[[str], Client]
) -> None:
    body = client_for(role).get(reverse("core:home")).content.decode()
    assert (f'href="{reverse("programmes:detail", args=["JM"])}"' in body) is links_to_jm


@pytest.mark.parametrize("role", ROLES)
def test_organisation_list_opens_for_everyone(
    role: str, client_for: Callable[[str], Client]
) -> None:
    assert client_for(role).get(reverse("organisations:list")).status_code == 200


@pytest.mark.parametrize("role", ROLES)
def test_login_page_opens_for_everyone(role: str, client_for: Callable[[str], Client]) -> None:
    response = client_for(role).get(reverse("accounts:login"))
    assert response.status_code == 200
    assert 'name="password"' in response.content.decode()


# --- Pages for people who are signed in -------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "status"),
    every_role(
        coordinator=200,
        focal_point=200,
        partner=200,
        observer=200,
        outsider=200,
        stranger=200,
        anonymous=302,
    ),
)
def test_people_list_is_for_members_of_a_programme(
    role: str, status: int, client_for: Callable[[str], Client]
) -> None:
    path = reverse("accounts:people")
    check_status(client_for(role).get(path), role, status, path)


def test_people_list_refuses_a_signed_in_person_without_any_programme(people: dict) -> None:
    client = Client()
    client.force_login(UserFactory(username="loner"))
    assert client.get(reverse("accounts:people")).status_code == 403


@pytest.mark.parametrize(
    ("role", "status"),
    every_role(
        coordinator=200,
        focal_point=200,
        partner=200,
        observer=200,
        outsider=200,
        stranger=200,
        anonymous=302,
    ),
)
def test_api_tokens_page_is_for_anyone_signed_in(
    role: str, status: int, client_for: Callable[[str], Client]
) -> None:
    path = reverse("accounts:api_tokens")
    response = client_for(role).get(path)
    check_status(response, role, status, path)
    if status == 200:
        assert response["Cache-Control"] == "no-store"


@pytest.mark.parametrize("role", SIGNED_IN)
def test_api_tokens_page_creates_a_token_for_the_person_signed_in(
    role: str, people: dict, client_for: Callable[[str], Client]
) -> None:
    response = client_for(role).post(reverse("accounts:api_tokens"), {"name": "IATI script"})
    assert response.status_code == 200
    token = ApiToken.objects.get()
    assert token.user == people[role]
    assert token.hint in response.content.decode()


def test_api_tokens_page_creates_nothing_for_anonymous(people: dict) -> None:
    response = Client().post(reverse("accounts:api_tokens"), {"name": "IATI script"})
    assert_sent_to_login(response, reverse("accounts:api_tokens"))
    assert not ApiToken.objects.exists()


@pytest.mark.parametrize(
    ("role", "status"),
    every_role(
        coordinator=404,
        focal_point=404,
        partner=404,
        observer=302,
        outsider=404,
        stranger=404,
        anonymous=302,
    ),
)
def test_only_its_owner_revokes_a_token(
    role: str, status: int, people: dict, client_for: Callable[[str], Client]
) -> None:
    token, _secret = api_token_create(user=people["observer"], name="Observer's script")
    path = reverse("accounts:api_token_revoke", args=[token.pk])

    response = client_for(role).post(path)

    token.refresh_from_db()
    if role == "observer":
        assert response.status_code == 302
        assert response.url == reverse("accounts:api_tokens")
        assert token.revoked_at is not None
    else:
        check_status(response, role, status, path)
        assert token.revoked_at is None


def test_token_revoke_does_not_answer_a_get(
    people: dict, client_for: Callable[[str], Client]
) -> None:
    token, _secret = api_token_create(user=people["observer"], name="Observer's script")
    response = client_for("observer").get(reverse("accounts:api_token_revoke", args=[token.pk]))
    assert response.status_code == 405
    token.refresh_from_db()
    assert token.revoked_at is None


@pytest.mark.parametrize(
    ("role", "status"),
    every_role(
        coordinator=200,
        focal_point=200,
        partner=200,
        observer=200,
        outsider=200,
        stranger=200,
        anonymous=302,
    ),
)
def test_password_change_page_is_for_anyone_signed_in(
    role: str, status: int, client_for: Callable[[str], Client]
) -> None:
    path = reverse("accounts:password_change")
    check_status(client_for(role).get(path), role, status, path)


# --- The programme space ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "status"),
    every_role(
        coordinator=200,
        focal_point=200,
        partner=200,
        observer=200,
        outsider=403,
        stranger=403,
        anonymous=302,
    ),
)
def test_programme_page_is_for_its_members(
    role: str, status: int, client_for: Callable[[str], Client]
) -> None:
    path = reverse("programmes:detail", args=["JM"])
    check_status(client_for(role).get(path), role, status, path)


def test_programme_page_opens_for_a_superuser_who_is_not_a_member(people: dict) -> None:
    response = superuser_client().get(reverse("programmes:detail", args=["JM"]))
    assert response.status_code == 200


@pytest.mark.parametrize("role", ROLES)
def test_programme_page_of_an_unknown_programme_is_not_found(
    role: str, client_for: Callable[[str], Client]
) -> None:
    assert client_for(role).get(reverse("programmes:detail", args=["ZZ"])).status_code == 404


@pytest.mark.parametrize(
    ("role", "shows_invitation_form"),
    every_role(
        coordinator=True,
        focal_point=False,
        partner=False,
        observer=False,
        outsider=False,
        stranger=False,
        anonymous=False,
    ),
)
def test_programme_page_offers_invitations_only_to_its_coordinator(
    role: str, shows_invitation_form: bool, client_for: Callable[[str], Client]
) -> None:
    body = client_for(role).get(reverse("programmes:detail", args=["JM"])).content.decode()
    assert (reverse("programmes:invite", args=["JM"]) in body) is shows_invitation_form


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
def test_invitation_form_is_for_the_coordinator(
    role: str, status: int, client_for: Callable[[str], Client]
) -> None:
    path = reverse("programmes:invite", args=["JM"])
    check_status(client_for(role).get(path), role, status, path)


@pytest.mark.parametrize(
    ("role", "status"),
    every_role(
        coordinator=302,
        focal_point=403,
        partner=403,
        observer=403,
        outsider=403,
        stranger=403,
        anonymous=302,
    ),
)
def test_only_the_coordinator_sends_an_invitation(
    role: str,
    status: int,
    client_for: Callable[[str], Client],
    mailoutbox: list,
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    path = reverse("programmes:invite", args=["JM"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(role).post(
            path, {"email": "new.partner@example.org", "role": "partner"}
        )

    if role == "coordinator":
        assert response.status_code == 302
        assert response.url == reverse("programmes:detail", args=["JM"])
        invitation = Invitation.objects.get()
        assert (invitation.programme.code, invitation.email, invitation.role) == (
            "JM",
            "new.partner@example.org",
            "partner",
        )
        assert [message.to for message in mailoutbox] == [["new.partner@example.org"]]
    else:
        check_status(response, role, status, path)
        assert not Invitation.objects.exists()
        assert mailoutbox == []


@pytest.mark.parametrize(
    ("role", "status"),
    every_role(
        coordinator=302,
        focal_point=403,
        partner=403,
        observer=403,
        outsider=403,
        stranger=403,
        anonymous=302,
    ),
)
def test_only_the_coordinator_withdraws_an_invitation(
    role: str,
    status: int,
    programme: Programme,
    people: dict,
    client_for: Callable[[str], Client],
) -> None:
    invitation = jm_invitation(programme, people)
    path = reverse("programmes:invitation_withdraw", args=["JM", invitation.pk])

    response = client_for(role).post(path)

    invitation.refresh_from_db()
    if role == "coordinator":
        assert response.status_code == 302
        assert response.url == reverse("programmes:detail", args=["JM"])
        assert invitation.revoked_at is not None
    else:
        check_status(response, role, status, path)
        assert invitation.revoked_at is None


def test_a_coordinator_cannot_withdraw_another_programmes_invitation_through_their_own(
    programme: Programme, people: dict, client_for: Callable[[str], Client]
) -> None:
    invitation = jm_invitation(programme, people)
    # The outsider coordinates HN and names the JM invitation under HN's address.
    response = client_for("outsider").post(
        reverse("programmes:invitation_withdraw", args=["HN", invitation.pk])
    )
    assert response.status_code == 404
    invitation.refresh_from_db()
    assert invitation.revoked_at is None


def test_invitation_withdraw_does_not_answer_a_get(
    programme: Programme, people: dict, client_for: Callable[[str], Client]
) -> None:
    invitation = jm_invitation(programme, people)
    response = client_for("coordinator").get(
        reverse("programmes:invitation_withdraw", args=["JM", invitation.pk])
    )
    assert response.status_code == 405
    invitation.refresh_from_db()
    assert invitation.revoked_at is None


# --- What the lists show ----------------------------------------------------------------------


@pytest.fixture
def organisations_of_every_visibility(programme: Programme, other_programme: Programme) -> None:
    OrganisationFactory(
        name_en="Members Only Network", visibility=Visibility.PROGRAMME, programmes=[programme]
    )
    OrganisationFactory(
        name_en="Regional Shelter Alliance", visibility=Visibility.REGION, programmes=[programme]
    )
    OrganisationFactory(
        name_en="Public Helpline Trust", visibility=Visibility.PUBLIC, programmes=[programme]
    )
    OrganisationFactory(
        name_en="Honduran Members Circle",
        visibility=Visibility.PROGRAMME,
        programmes=[other_programme],
    )


ALL_ORGANISATIONS = {
    "Members Only Network",
    "Regional Shelter Alliance",
    "Public Helpline Trust",
    "Honduran Members Circle",
}
JM_MEMBER_SEES = {"Members Only Network", "Regional Shelter Alliance", "Public Helpline Trust"}


@pytest.mark.parametrize(
    ("role", "listed"),
    every_role(
        coordinator=JM_MEMBER_SEES,
        focal_point=JM_MEMBER_SEES,
        partner=JM_MEMBER_SEES,
        observer=JM_MEMBER_SEES,
        outsider={"Regional Shelter Alliance", "Public Helpline Trust", "Honduran Members Circle"},
        stranger={"Public Helpline Trust"},
        anonymous={"Public Helpline Trust"},
    ),
)
def test_organisation_list_shows_what_the_visibility_allows(
    role: str,
    listed: set[str],
    organisations_of_every_visibility: None,
    client_for: Callable[[str], Client],
) -> None:
    body = client_for(role).get(reverse("organisations:list")).content.decode()
    assert {name for name in ALL_ORGANISATIONS if name in body} == listed


def test_organisation_list_shows_a_superuser_every_organisation(
    people: dict, organisations_of_every_visibility: None
) -> None:
    body = superuser_client().get(reverse("organisations:list")).content.decode()
    assert {name for name in ALL_ORGANISATIONS if name in body} == ALL_ORGANISATIONS


JM_EMAILS = {f"{role}@example.org" for role in JM_MEMBERS}


@pytest.mark.parametrize(
    ("role", "listed"),
    every_role(
        coordinator=JM_EMAILS,
        focal_point=JM_EMAILS,
        partner=JM_EMAILS,
        observer=JM_EMAILS,
        outsider={"outsider@example.org"},
        stranger={"stranger@example.org"},
        anonymous=set(),
    ),
)
def test_people_list_shows_only_people_who_share_a_programme(
    role: str, listed: set[str], people: dict, client_for: Callable[[str], Client]
) -> None:
    body = client_for(role).get(reverse("accounts:people")).content.decode()
    everyone = {f"{name}@example.org" for name in SIGNED_IN}
    assert {email for email in everyone if email in body} == listed


def test_people_list_never_shows_an_outsider_the_programme_roles_of_a_shared_person(
    programme: Programme,
    other_programme: Programme,
    people: dict,
    client_for: Callable[[str], Client],
) -> None:
    # A person in both JM and HN is visible to the outsider, but only through the HN role.
    both = UserFactory(username="both", email="both@example.org")
    MembershipFactory(user=both, programme=programme, role=Membership.Role.FOCAL_POINT)
    MembershipFactory(user=both, programme=other_programme, role=Membership.Role.PARTNER)

    response = client_for("outsider").get(reverse("accounts:people", query={"q": "both"}))
    text = response.content.decode()

    assert "both@example.org" in text
    assert "HN: Partner" in text
    assert "JM:" not in text


# --- Query counts do not grow with the rows ---------------------------------------------------


def _queries_for(client: Client, path: str) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(path)
    assert response.status_code == 200
    return len(context.captured_queries)


def _add_organisations(count: int, programmes: list[Programme]) -> None:
    """A chain of organisations, each part of the one before, so every row has its own parent."""
    parent = None
    for _index in range(count):
        parent = OrganisationFactory(parent=parent, programmes=programmes)


def _add_people(count: int, programme: Programme, other_programme: Programme) -> None:
    for _index in range(count):
        person = UserFactory(organisation=OrganisationFactory())
        MembershipFactory(user=person, programme=programme, role=Membership.Role.PARTNER)
        MembershipFactory(user=person, programme=other_programme, role=Membership.Role.OBSERVER)


# Session, user, the reader's memberships, the count, the page of rows, one prefetch.
ORGANISATION_LIST_QUERIES = 6
PEOPLE_LIST_QUERIES = 6


def test_organisation_list_query_count_does_not_grow_with_rows(
    programme: Programme,
    other_programme: Programme,
    client_for: Callable[[str], Client],
    django_assert_max_num_queries: Callable[..., Any],
) -> None:
    client = client_for("coordinator")
    path = reverse("organisations:list")
    _add_organisations(5, [programme, other_programme])
    few = _queries_for(client, path)
    _add_organisations(20, [programme, other_programme])
    many = _queries_for(client, path)

    assert few == many
    with django_assert_max_num_queries(ORGANISATION_LIST_QUERIES):
        response = client.get(path)
    assert response.context["page"].paginator.count == 25


def test_people_list_query_count_does_not_grow_with_rows(
    programme: Programme,
    other_programme: Programme,
    client_for: Callable[[str], Client],
    django_assert_max_num_queries: Callable[..., Any],
) -> None:
    client = client_for("coordinator")
    path = reverse("accounts:people")
    _add_people(1, programme, other_programme)  # and the four JM members: 5 rows
    few = _queries_for(client, path)
    _add_people(20, programme, other_programme)  # 25 rows
    many = _queries_for(client, path)

    assert few == many
    with django_assert_max_num_queries(PEOPLE_LIST_QUERIES):
        response = client.get(path)
    assert response.context["page"].paginator.count == 25
