"""The API's own refusals (unknown address, wrong method) share the one error shape."""

import pytest
from django.test import Client


@pytest.mark.django_db
def test_unknown_api_address_answers_json_not_found() -> None:
    response = Client().get("/api/v1/no-such-thing")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


@pytest.mark.django_db
def test_wrong_method_answers_json_with_allowed_methods(programme) -> None:
    response = Client().delete("/api/v1/programmes/JM")
    assert response.status_code == 405
    body = response.json()["error"]
    assert body["code"] == "method_not_allowed"
    assert "DELETE" in body["message"]
    assert "PATCH" in response["Allow"]


@pytest.mark.django_db
def test_html_pages_keep_their_html_not_found_page() -> None:
    response = Client().get("/en/no-such-page/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")
