"""Writes for organisations. Callers check permission first (core.permissions)."""

from typing import Any

from core.services import model_create, model_update
from organisations.models import Organisation
from programmes.models import Programme

ORGANISATION_FIELDS = [
    "name_en",
    "name_es",
    "acronym",
    "type",
    "iati_identifier",
    "parent",
    "website",
    "visibility",
    "programmes",
]


def organisation_create(*, programmes: list[Programme], **values: Any) -> Organisation:
    return model_create(model=Organisation, programmes=programmes, **values)


def organisation_update(*, organisation: Organisation, data: dict[str, Any]) -> Organisation:
    organisation, _changed = model_update(
        instance=organisation, data=data, fields=ORGANISATION_FIELDS
    )
    return organisation
