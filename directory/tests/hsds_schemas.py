"""Validation against the HSDS 3.0 JSON Schemas (copies in data/hsds/schema), for the tests.

The schema files name each other by relative ``$ref`` ("phone.json"); a ``referencing``
registry serves them under one base address. Formats are checked, with ``uri`` and
``date-time`` added to what jsonschema checks by itself.
"""

import json
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

DATA = Path(__file__).resolve().parent / "data" / "hsds"
BASE = "https://hsds.example/schema/"
PAGE_FIELDS = [
    "total_items",
    "total_pages",
    "page_number",
    "size",
    "first_page",
    "last_page",
    "empty",
]

_formats = FormatChecker()
_formats.checkers.update(Draft202012Validator.FORMAT_CHECKER.checkers)


@_formats.checks("uri", raises=ValidationError)
def _uri(value: object) -> bool:
    if isinstance(value, str):
        URLValidator()(value)
    return True


@_formats.checks("date-time", raises=ValueError)
def _date_time(value: object) -> bool:
    if isinstance(value, str):
        datetime.fromisoformat(value)
    return True


@cache
def _registry() -> Registry:
    resources = []
    for path in sorted((DATA / "schema").glob("*.json")):
        if path.name == "openapi.json":
            continue
        contents = {**json.loads(path.read_text(encoding="utf-8")), "$id": BASE + path.name}
        resources.append(
            (BASE + path.name, Resource.from_contents(contents, default_specification=DRAFT202012))
        )
    return Registry().with_resources(resources)


@cache
def _page_schema() -> dict[str, Any]:
    openapi = json.loads((DATA / "schema" / "openapi.json").read_text(encoding="utf-8"))
    return openapi["components"]["schemas"]["Page"]


def _errors(schema: dict[str, Any], instance: Any) -> list[str]:
    validator = Draft202012Validator(schema, registry=_registry(), format_checker=_formats)
    return [
        f"{'/'.join(map(str, error.absolute_path))}: {error.message}"
        for error in validator.iter_errors(instance)
    ]


def assert_valid(entity: str, instance: Any) -> None:
    """``instance`` is a valid HSDS ``entity`` (service, organization, …)."""
    errors = _errors({"$ref": f"{BASE}{entity}.json"}, instance)
    assert not errors, f"not a valid HSDS {entity}: {errors}"


def assert_valid_page(entity: str, body: Any) -> list[dict[str, Any]]:
    """``body`` is an HSDS page of ``entity`` objects; returns its contents."""
    schema = {
        "allOf": [_page_schema()],
        "required": [*PAGE_FIELDS, "contents"],
        "properties": {"contents": {"type": "array", "items": {"$ref": f"{BASE}{entity}.json"}}},
    }
    errors = _errors(schema, body)
    assert not errors, f"not a valid HSDS page of {entity}: {errors}"
    return body["contents"]


def schema_of(entity: str) -> dict[str, Any]:
    return json.loads((DATA / "schema" / f"{entity}.json").read_text(encoding="utf-8"))
