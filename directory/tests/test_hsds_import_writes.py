"""The importer writes records and their history rows as tuples: what it writes is what Django's
bulk_create and simple_history's bulk_history_create would have written."""

import datetime
import uuid
from decimal import Decimal
from typing import Any

import pytest
from django.db import models
from django.utils import translation
from simple_history.utils import bulk_create_with_history

from directory import models as d
from directory.hsds.importer.records import insert_history, insert_rows
from directory.tests.factories import LocationFactory, ServiceFactory
from programmes.models import Programme

pytestmark = pytest.mark.django_db

# Set by the database or the moment of writing, not by the record.
MOMENTS = {"id", "created_at", "updated_at", "history_id", "history_date"}


def twins(programme: Programme) -> list[tuple[type[models.Model], dict[str, Any]]]:
    """Records of several kinds, with texts in both languages, dates, times, decimals, links
    and empty values."""
    service = ServiceFactory(programme=programme)
    location = LocationFactory(programme=programme)
    return [
        (
            d.Service,
            {
                "programme_id": programme.pk,
                "organisation_id": service.organisation_id,
                "name_en": "Crisis counselling",
                "name_es": "Consejería en crisis",
                "description_en": "Support.",
                "assured_date": datetime.date(2026, 1, 15),
                "status": d.Service.Status.ACTIVE,
            },
        ),
        (
            d.Location,
            {
                "programme_id": programme.pk,
                "name_en": "",
                "name_es": "Centro",
                "latitude": Decimal("18.0123"),
                "longitude": Decimal("-76.8"),
                "is_confidential": True,
            },
        ),
        (
            d.Schedule,
            {
                "service_id": service.pk,
                "byday": "MO,TU",
                "opens_at": datetime.time(8, 30),
                "closes_at": datetime.time(16, 0),
            },
        ),
        (d.Address, {"location_id": location.pk, "address_1": "1 Main Road", "country": "JM"}),
        (d.Phone, {"service_id": service.pk, "number": "555-0100", "is_private": True}),
    ]


def row(model: type[models.Model], pk: uuid.UUID) -> dict[str, Any]:
    values = model.objects.filter(pk=pk).values().get()
    return {name: value for name, value in values.items() if name not in MOMENTS}


def history(model: type[models.Model], pk: uuid.UUID) -> dict[str, Any]:
    historical = model.history.model  # type: ignore[attr-defined]
    values = historical.objects.filter(id=pk).values().get()
    return {name: value for name, value in values.items() if name not in MOMENTS}


@pytest.mark.parametrize("language", ["en", "es"])
def test_records_and_history_rows_are_those_django_and_simple_history_write(
    programme: Programme, language: str
) -> None:
    with translation.override(language):
        for model, fields in twins(programme):
            by_django, by_import = (
                model(id=uuid.uuid4(), **fields),
                model(id=uuid.uuid4(), **fields),
            )
            bulk_create_with_history([by_django], model, default_change_reason="HSDS import")
            insert_history(model, [by_import], "+", "HSDS import", insert_rows(model, [by_import]))
            assert row(model, by_import.pk) == row(model, by_django.pk), model
            assert history(model, by_import.pk) == history(model, by_django.pk), model
            stored = model.objects.get(pk=by_import.pk)
            assert stored.created_at == stored.updated_at == by_import.created_at  # type: ignore[attr-defined]


def test_a_changed_record_gets_a_history_row_of_its_own(programme: Programme) -> None:
    service = ServiceFactory(programme=programme, name_en="Before")
    service.name_en = "After"
    service.save()
    insert_history(d.Service, [service], "~", "HSDS import")
    latest = d.Service.history.filter(id=service.pk).latest("history_date")  # type: ignore[attr-defined]
    assert (latest.history_type, latest.name_en, latest.history_change_reason) == (
        "~",
        "After",
        "HSDS import",
    )
    assert latest.history_user is None
