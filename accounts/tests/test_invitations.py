"""Inviting someone to a programme, and joining it from the e-mailed link."""

import re
from collections.abc import Callable
from datetime import timedelta
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.http import HttpResponse
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import Invitation, User, hash_secret
from accounts.tests.factories import PASSWORD, UserFactory
from programmes.models import Membership, Programme

INVITEE = "new.person@example.org"
NEW_PASSWORD = "a-fresh-password-for-the-hub-9"
LINK = re.compile(r"https?://\S+/accounts/invitations/(?P<token>[^/\s]+)/")


def invite(
    client: Client,
    *,
    email: str = INVITEE,
    role: str = "partner",
    code: str = "JM",
    capture: Callable[..., Any],
) -> HttpResponse:
    """POST the programme page's invitation form, running the on-commit e-mail."""
    with capture(execute=True):
        return client.post(
            reverse("programmes:invite", args=[code]), {"email": email, "role": role}
        )


def sent_link() -> str:
    """The path of the invitation link in the last e-mail sent."""
    match = LINK.search(mail.outbox[-1].body)
    assert match, mail.outbox[-1].body
    return urlsplit(match.group(0)).path


def signup(client: Client, path: str, username: str = "newperson") -> HttpResponse:
    return client.post(
        path,
        {
            "username": username,
            "first_name": "Nadia",
            "last_name": "Campbell",
            "password1": NEW_PASSWORD,
            "password2": NEW_PASSWORD,
        },
    )


@pytest.fixture
def invited(
    client_for: Callable[[str], Client], django_capture_on_commit_callbacks
) -> tuple[Invitation, str]:
    """A coordinator of JM has invited INVITEE as a partner; returns (invitation, link path)."""
    response = invite(client_for("coordinator"), capture=django_capture_on_commit_callbacks)
    assert response.status_code == 302
    return Invitation.objects.get(email=INVITEE), sent_link()


@pytest.mark.django_db
def test_coordinator_invites_from_programme_page_and_the_mail_carries_a_working_link(
    programme: Programme, people: dict, client_for, django_capture_on_commit_callbacks
) -> None:
    response = invite(
        client_for("coordinator"), role="focal_point", capture=django_capture_on_commit_callbacks
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("programmes:detail", args=["JM"])
    invitation = Invitation.objects.get()
    assert (invitation.programme, invitation.email, invitation.role) == (
        programme,
        INVITEE,
        "focal_point",
    )
    assert invitation.invited_by == people["coordinator"]
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [INVITEE]
    assert "Spotlight Jamaica" in message.subject
    path = sent_link()
    assert path.startswith("/en/")
    programme_page = client_for("coordinator").get(reverse("programmes:detail", args=["JM"]))
    assert INVITEE in programme_page.content.decode()

    page = Client().get(path)

    assert page.status_code == 200
    assert page.templates[0].name == "accounts/invitation_signup.html"
    assert INVITEE in page.content.decode()


@pytest.mark.django_db
def test_mail_is_sent_only_when_the_invitation_is_committed(
    people: dict, client_for, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        client_for("coordinator").post(
            reverse("programmes:invite", args=["JM"]), {"email": INVITEE, "role": "partner"}
        )

    assert mail.outbox == []
    assert len(callbacks) == 1


@pytest.mark.django_db
def test_following_the_link_anonymously_shows_a_labelled_signup_form(invited) -> None:
    _invitation, path = invited

    response = Client().get(path)

    assert response.status_code == 200
    body = response.content.decode()
    for field in ["username", "first_name", "last_name", "password1", "password2"]:
        assert f'<label for="id_{field}"' in body
    assert "Partner" in body


@pytest.mark.django_db
def test_valid_signup_creates_the_member_with_invited_email_and_role_and_signs_in(
    programme: Programme, invited
) -> None:
    invitation, path = invited
    client = Client()

    response = signup(client, path)

    assert response.status_code == 302
    assert response["Location"] == reverse("programmes:detail", args=["JM"])
    user = User.objects.get(username="newperson")
    assert user.email == INVITEE
    assert user.check_password(NEW_PASSWORD)
    assert Membership.objects.get(user=user, programme=programme).role == "partner"
    assert int(client.session["_auth_user_id"]) == user.pk
    invitation.refresh_from_db()
    assert invitation.accepted_by == user
    assert invitation.accepted_at is not None
    assert client.get(response["Location"]).status_code == 200


@pytest.mark.django_db
def test_invalid_signup_creates_nobody_and_keeps_the_link_usable(invited) -> None:
    invitation, path = invited

    response = Client().post(
        path,
        {
            "username": "newperson",
            "first_name": "Nadia",
            "password1": NEW_PASSWORD,
            "password2": NEW_PASSWORD + "x",
        },
    )

    assert response.status_code == 400
    assert "password2" in response.context["form"].errors
    assert not User.objects.filter(username="newperson").exists()
    invitation.refresh_from_db()
    assert invitation.is_usable


@pytest.mark.django_db
def test_signup_with_an_address_another_account_uses_is_refused_and_keeps_the_link(
    invited,
) -> None:
    invitation, path = invited
    UserFactory(username="earlier", email=INVITEE.upper())

    response = signup(Client(), path)

    assert response.status_code == 400
    assert response.context["form"].non_field_errors() == [
        "Another person already uses this e-mail address."
    ]
    assert not User.objects.filter(username="newperson").exists()
    invitation.refresh_from_db()
    assert invitation.is_usable


@pytest.mark.django_db
def test_sign_in_link_on_the_signup_page_brings_an_existing_person_back_to_accept(
    invited,
) -> None:
    _invitation, path = invited
    existing = UserFactory(username="existing")
    client = Client()
    page = client.get(path).content.decode()
    login_link = re.search(r'href="([^"]*/accounts/login/\?next=[^"]*)"', page)
    assert login_link, page

    response = client.post(
        login_link.group(1).replace("&amp;", "&"),
        {"username": existing.username, "password": PASSWORD, "next": path},
    )

    assert response.status_code == 302
    assert response["Location"] == path
    assert "accounts/invitation_accept.html" in [t.name for t in client.get(path).templates]


@pytest.mark.django_db
def test_link_works_once(invited) -> None:
    _invitation, path = invited
    assert signup(Client(), path).status_code == 302

    again = Client()
    shown = again.get(path)
    reused = signup(again, path, username="someoneelse")

    for response in (shown, reused):
        assert response.status_code == 410
        assert "accounts/invitation_invalid.html" in [t.name for t in response.templates]
    assert not User.objects.filter(username="someoneelse").exists()


@pytest.mark.django_db
def test_unknown_token_is_not_found() -> None:
    response = Client().get(reverse("accounts:invitation_accept", args=["no-such-token"]))

    assert response.status_code == 404


@pytest.mark.django_db
def test_expired_invitation_cannot_be_used(invited) -> None:
    invitation, path = invited
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - timedelta(minutes=1)
    )

    shown = Client().get(path)
    posted = signup(Client(), path)

    assert shown.status_code == 410
    assert posted.status_code == 410
    assert not User.objects.filter(email=INVITEE).exists()


@pytest.mark.django_db
def test_withdrawn_invitation_cannot_be_used(invited, client_for) -> None:
    invitation, path = invited

    withdrawn = client_for("coordinator").post(
        reverse("programmes:invitation_withdraw", args=["JM", invitation.pk])
    )

    assert withdrawn.status_code == 302
    invitation.refresh_from_db()
    assert invitation.revoked_at is not None
    assert Client().get(path).status_code == 410
    assert signup(Client(), path).status_code == 410
    assert not User.objects.filter(email=INVITEE).exists()


@pytest.mark.django_db
def test_inviting_again_withdraws_the_earlier_pending_link(
    invited, client_for, django_capture_on_commit_callbacks
) -> None:
    first, first_path = invited

    invite(client_for("coordinator"), role="observer", capture=django_capture_on_commit_callbacks)

    second_path = sent_link()
    assert second_path != first_path
    first.refresh_from_db()
    assert first.revoked_at is not None
    assert Invitation.objects.pending().get().role == "observer"
    assert Client().get(first_path).status_code == 410
    assert Client().get(second_path).status_code == 200


@pytest.mark.django_db
def test_inviting_an_existing_member_is_a_form_error_and_sends_nothing(
    people: dict, client_for, django_capture_on_commit_callbacks
) -> None:
    member_email = people["partner"].email.upper()

    response = invite(
        client_for("coordinator"), email=member_email, capture=django_capture_on_commit_callbacks
    )

    assert response.status_code == 400
    assert response.context["form"].errors["email"] == [
        "This person is already a member of the programme."
    ]
    assert mail.outbox == []
    assert not Invitation.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["focal_point", "partner", "observer", "outsider", "stranger"])
def test_only_a_coordinator_of_the_programme_may_invite(
    role: str, people: dict, client_for, django_capture_on_commit_callbacks
) -> None:
    client = client_for(role)

    shown = client.get(reverse("programmes:invite", args=["JM"]))
    posted = invite(client, capture=django_capture_on_commit_callbacks)

    assert shown.status_code == 403
    assert posted.status_code == 403
    assert not Invitation.objects.exists()
    assert mail.outbox == []


@pytest.mark.django_db
def test_anonymous_visitor_is_sent_to_sign_in_instead_of_inviting(
    people: dict, client_for, django_capture_on_commit_callbacks
) -> None:
    url = reverse("programmes:invite", args=["JM"])

    response = invite(client_for("anonymous"), capture=django_capture_on_commit_callbacks)

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('accounts:login')}?next={url}"
    assert not Invitation.objects.exists()
    assert mail.outbox == []


@pytest.mark.django_db
def test_signed_in_person_accepts_with_a_post(
    programme: Programme, people: dict, client_for, django_capture_on_commit_callbacks
) -> None:
    existing = UserFactory(email=INVITEE)
    invite(client_for("coordinator"), role="observer", capture=django_capture_on_commit_callbacks)
    path = sent_link()
    client = Client()
    client.post(reverse("accounts:login"), {"username": existing.username, "password": PASSWORD})

    shown = client.get(path)

    assert shown.status_code == 200
    assert "accounts/invitation_accept.html" in [t.name for t in shown.templates]
    assert not Membership.objects.filter(user=existing).exists()

    accepted = client.post(path)

    assert accepted.status_code == 302
    assert accepted["Location"] == reverse("programmes:detail", args=["JM"])
    assert Membership.objects.get(user=existing, programme=programme).role == "observer"
    assert Invitation.objects.get().accepted_by == existing
    assert client.post(path).status_code == 410


@pytest.mark.django_db
def test_invitation_mail_is_written_in_the_programme_default_language(
    other_programme: Programme, people: dict, client_for, django_capture_on_commit_callbacks
) -> None:
    # The Spanish catalogue is still being written, so only the language of the link is checked.
    response = invite(client_for("outsider"), code="HN", capture=django_capture_on_commit_callbacks)

    assert response.status_code == 302
    assert sent_link().startswith("/es/")
    # The page the coordinator is sent back to stays in their own language.
    assert response["Location"].startswith("/en/")


@pytest.mark.django_db
def test_only_the_digest_of_the_token_is_stored(invited) -> None:
    invitation, path = invited
    token = LINK.search(mail.outbox[-1].body).group("token")

    assert token in path
    assert invitation.token_hash == hash_secret(token)
    assert token not in invitation.token_hash
    stored = Invitation.objects.filter(pk=invitation.pk).values().get()
    assert all(token not in str(value) for value in stored.values())
