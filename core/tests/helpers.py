"""Assertions shared by the permission and API tests."""

from typing import Any

from django.http import HttpResponse

from conftest import ROLES


def every_role(**expected: Any) -> list[tuple[str, Any]]:
    """The expectation for each named person; a missing person is a mistake in the test."""
    assert set(expected) == set(ROLES), f"name every role: {sorted(set(ROLES) ^ set(expected))}"
    return list(expected.items())


def assert_error(response: HttpResponse, status: int, code: str, field: str | None = None) -> dict:
    """The one error shape; with ``field``, that field is named with at least one message."""
    assert response.status_code == status, response.content
    body = response.json()
    assert list(body) == ["error"]
    error = body["error"]
    assert set(error) == {"status", "code", "message", "fields"}
    assert error["status"] == status
    assert error["code"] == code
    assert isinstance(error["message"], str) and error["message"].strip()
    assert isinstance(error["fields"], dict)
    if field is not None:
        assert field in error["fields"], error["fields"]
        assert all(isinstance(m, str) and m for m in error["fields"][field])
    return error


def assert_write_answer(response: HttpResponse, expected: int) -> None:
    """A refused write has the error shape; an allowed one has the expected status."""
    if expected in (401, 403):
        assert_error(response, expected, "unauthenticated" if expected == 401 else "forbidden")
    else:
        assert response.status_code == expected, response.content
