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
    assert response["Referrer-Policy"] == "no-referrer"
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
