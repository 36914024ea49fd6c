"""Every page carries the security headers, and pages load nothing from another host."""

import re

import pytest
from django.test import Client
from django.urls import reverse


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/en/", "/es/", "/en/accounts/login/", "/en/organisations/"])
def test_pages_send_security_headers(url: str) -> None:
    response = Client().get(url)
    assert response.status_code == 200
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/en/", "/es/", "/en/accounts/login/", "/en/organisations/"])
def test_pages_have_no_inline_script_and_no_foreign_assets(url: str) -> None:
    html = Client().get(url).content.decode()
    for tag in re.findall(r"<script\b[^>]*>", html):
        assert "src=" in tag, f"inline script: {tag}"
    for attribute in re.findall(r"""(?:src|href)=["']([^"']+)["']""", html):
        assert not attribute.startswith(("http://", "https://", "//")), attribute
    assert " style=" not in html


@pytest.mark.django_db
def test_landing_page_sets_no_cookie() -> None:
    response = Client().get("/en/")
    assert response.cookies == {}


@pytest.mark.django_db
def test_bare_address_goes_to_a_language() -> None:
    response = Client().get("/")
    assert response.status_code == 302
    assert response["Location"] == "/en/"


@pytest.mark.django_db
def test_api_docs_are_served_from_our_own_static_files() -> None:
    response = Client().get(reverse("api:openapi-view"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "cdn" not in html.lower()
    assert "/static/ninja/swagger-ui-bundle.js" in html


@pytest.mark.django_db
def test_forms_are_protected_against_forgery(programme, people) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(people["coordinator"])
    response = client.post(
        reverse("programmes:invite", args=["JM"]), {"email": "new@example.org", "role": "partner"}
    )
    assert response.status_code == 403


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/en/", "/es/", "/en/organisations/", "/api/v1/programmes"])
def test_pages_without_forms_send_no_referrer_at_all(url: str) -> None:
    assert Client().get(url)["Referrer-Policy"] == "no-referrer"


@pytest.mark.django_db
def test_pages_with_a_protected_form_keep_the_referrer_on_this_site_only() -> None:
    """Under no-referrer, browsers post ``Origin: null`` and Django's CSRF check refuses it."""
    assert Client().get("/en/accounts/login/")["Referrer-Policy"] == "same-origin"


@pytest.mark.django_db
def test_sign_in_works_when_the_browser_sends_the_origin() -> None:
    from accounts.tests.factories import PASSWORD, UserFactory

    UserFactory(username="someone")
    client = Client(enforce_csrf_checks=True)
    page = client.get("/en/accounts/login/")
    token = page.cookies["csrftoken"].value
    response = client.post(
        "/en/accounts/login/",
        {"username": "someone", "password": PASSWORD, "csrfmiddlewaretoken": token},
        HTTP_ORIGIN="http://testserver",
    )
    assert response.status_code == 302
