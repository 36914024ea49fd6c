"""Signing in and out, lockout after repeated wrong passwords, and changing or resetting a password.

Every sign-in goes through the login view with ``client.post``: django-axes needs the request.
"""

import re
from urllib.parse import urlsplit

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.core import mail
from django.http import HttpResponse
from django.test import Client
from django.urls import reverse

from accounts.models import User
from accounts.tests.factories import PASSWORD, UserFactory

NEW_PASSWORD = "another-long-password-2"


def sign_in(client: Client, username: str, password: str) -> HttpResponse:
    return client.post(reverse("accounts:login"), {"username": username, "password": password})


def signed_in_user_id(client: Client) -> int | None:
    value = client.session.get("_auth_user_id")
    return int(value) if value is not None else None


@pytest.fixture
def person(db: None) -> User:
    return UserFactory(username="marcia", email="marcia@example.org")


@pytest.mark.django_db
def test_login_page_has_labelled_username_and_password_fields() -> None:
    response = Client().get(reverse("accounts:login"))

    assert response.status_code == 200
    body = response.content.decode()
    assert re.search(r'<label for="id_username"[^>]*>', body)
    assert re.search(r'<label for="id_password"[^>]*>', body)
    assert re.search(r'<input[^>]*name="username"[^>]*id="id_username"', body)
    assert 'autocomplete="current-password"' in body


def test_right_password_signs_in_and_goes_home(person: User) -> None:
    client = Client()

    response = sign_in(client, "marcia", PASSWORD)

    assert response.status_code == 302
    assert response["Location"] == reverse(settings.LOGIN_REDIRECT_URL)
    assert signed_in_user_id(client) == person.pk


def test_sign_in_returns_to_the_page_asked_for(person: User) -> None:
    client = Client()
    target = reverse("accounts:api_tokens")

    response = client.post(
        reverse("accounts:login"), {"username": "marcia", "password": PASSWORD, "next": target}
    )

    assert response.status_code == 302
    assert response["Location"] == target


def test_sign_in_never_sends_the_person_to_another_site(person: User) -> None:
    response = Client().post(
        reverse("accounts:login"),
        {"username": "marcia", "password": PASSWORD, "next": "https://evil.example/"},
    )

    assert response.status_code == 302
    assert response["Location"] == reverse(settings.LOGIN_REDIRECT_URL)


def test_wrong_password_is_refused_with_the_form_again(person: User) -> None:
    client = Client()

    response = sign_in(client, "marcia", "not-the-password")

    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert signed_in_user_id(client) is None


def test_repeated_wrong_passwords_lock_the_account_even_for_the_right_one(person: User) -> None:
    limit = settings.AXES_FAILURE_LIMIT
    assert limit == 5
    client = Client()

    before_limit = [sign_in(client, "marcia", f"wrong-{n}") for n in range(limit - 1)]
    reaching_limit = sign_in(client, "marcia", "wrong-again")
    right_password = sign_in(client, "marcia", PASSWORD)

    assert [r.status_code for r in before_limit] == [200] * (limit - 1)
    # The attempt that reaches the limit is itself answered with the lockout page.
    assert reaching_limit.status_code == 429
    assert right_password.status_code == 429
    assert "accounts/locked_out.html" in [t.name for t in right_password.templates]
    assert "Too many failed attempts" in right_password.content.decode()
    assert signed_in_user_id(client) is None
    attempt = AccessAttempt.objects.get(username="marcia")
    assert attempt.failures_since_start >= limit
    assert attempt.ip_address == "127.0.0.1"


def test_lockout_is_per_user_name(person: User) -> None:
    other = UserFactory(username="other")
    client = Client()
    for n in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "marcia", f"wrong-{n}")

    response = sign_in(client, "other", PASSWORD)

    assert response.status_code == 302
    assert signed_in_user_id(client) == other.pk


def test_success_before_the_limit_resets_the_count(person: User) -> None:
    client = Client()
    for n in range(settings.AXES_FAILURE_LIMIT - 1):
        sign_in(client, "marcia", f"wrong-{n}")
    assert sign_in(client, "marcia", PASSWORD).status_code == 302
    client.post(reverse("accounts:logout"))

    response = sign_in(client, "marcia", "wrong-once-more")

    assert response.status_code == 200


def test_logout_is_post_only_and_ends_the_session(person: User) -> None:
    client = Client()
    sign_in(client, "marcia", PASSWORD)

    by_get = client.get(reverse("accounts:logout"))

    assert by_get.status_code == 405
    assert signed_in_user_id(client) == person.pk

    by_post = client.post(reverse("accounts:logout"))

    assert by_post.status_code == 302
    assert by_post["Location"] == reverse(settings.LOGOUT_REDIRECT_URL)
    assert signed_in_user_id(client) is None
    assert client.get(reverse("accounts:api_tokens")).status_code == 302


def test_signed_in_person_changes_their_password(person: User) -> None:
    client = Client()
    sign_in(client, "marcia", PASSWORD)
    url = reverse("accounts:password_change")
    assert client.get(url).status_code == 200

    response = client.post(
        url,
        {
            "old_password": PASSWORD,
            "new_password1": NEW_PASSWORD,
            "new_password2": NEW_PASSWORD,
        },
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:password_change_done")
    person.refresh_from_db()
    assert person.check_password(NEW_PASSWORD)
    # The session survives the change.
    assert client.get(response["Location"]).status_code == 200
    assert signed_in_user_id(client) == person.pk
    client.post(reverse("accounts:logout"))
    assert sign_in(client, "marcia", PASSWORD).status_code == 200
    assert sign_in(client, "marcia", NEW_PASSWORD).status_code == 302


def test_password_change_needs_the_old_password(person: User) -> None:
    client = Client()
    sign_in(client, "marcia", PASSWORD)

    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": "wrong", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )

    assert response.status_code == 200
    assert "old_password" in response.context["form"].errors
    person.refresh_from_db()
    assert person.check_password(PASSWORD)


@pytest.mark.django_db
def test_password_change_is_for_signed_in_people_only() -> None:
    url = reverse("accounts:password_change")

    response = Client().get(url)

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('accounts:login')}?next={url}"


def test_password_reset_mails_a_link_that_lets_the_person_choose_a_new_password(
    person: User,
) -> None:
    client = Client()

    asked = client.post(reverse("accounts:password_reset"), {"email": "MARCIA@example.org"})

    assert asked.status_code == 302
    assert asked["Location"] == reverse("accounts:password_reset_done")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["marcia@example.org"]
    assert message.subject == "Reset your password on the Spotlight Coordination Hub"
    link = re.search(r"https?://testserver(/\S+)", message.body)
    assert link, message.body

    opened = client.get(link.group(1))

    # Django moves the token into the session and redirects to a URL without it.
    assert opened.status_code == 302
    form_url = opened["Location"]
    assert urlsplit(form_url).path.endswith("/set-password/")
    form_page = client.get(form_url)
    assert form_page.status_code == 200
    assert form_page.context["validlink"] is True

    saved = client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})

    assert saved.status_code == 302
    assert saved["Location"] == reverse("accounts:password_reset_complete")
    person.refresh_from_db()
    assert person.check_password(NEW_PASSWORD)
    assert sign_in(Client(), "marcia", NEW_PASSWORD).status_code == 302
    # The link works once.
    reused = Client().get(link.group(1), follow=True)
    assert reused.context["validlink"] is False


@pytest.mark.django_db
def test_password_reset_for_an_unknown_address_sends_nothing_and_says_the_same() -> None:
    response = Client().post(reverse("accounts:password_reset"), {"email": "nobody@example.org"})

    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:password_reset_done")
    assert mail.outbox == []
