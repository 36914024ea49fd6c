"""The service editor: the service form and its lists, validated into one payload together."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.models import Visibility
from directory.manage_forms.common import area_choices
from directory.manage_forms.rows import (
    CostOptionFormSet,
    LocationFormSet,
    PhoneFormSet,
    RequiredDocumentFormSet,
    ScheduleFormSet,
    formset_rows,
)
from directory.manage_forms.service import ServiceForm
from directory.manage_payload import service_payload
from directory.models import Service
from programmes.models import Programme


class ServiceEditor:
    """The service form and its lists, validated and turned into one payload together."""

    SECTIONS = {
        "locations": {
            "formset": LocationFormSet,
            "legend": _("Locations"),
            "row": _("Location %(number)s"),
            "new": _("New location"),
            "add": _("Add another location"),
            "help": _(
                "Where the service is offered. Tick “confidential” for a shelter or any place whose "
                "address must never be published."
            ),
        },
        "phones": {
            "formset": PhoneFormSet,
            "legend": _("Phones"),
            "row": _("Phone %(number)s"),
            "new": _("New phone"),
            "add": _("Add another phone"),
            "help": _("Tick “private” for a staff or direct line that the public must not see."),
        },
        "schedules": {
            "formset": ScheduleFormSet,
            "legend": _("Opening hours"),
            "row": _("Opening hours %(number)s"),
            "new": _("New opening hours"),
            "add": _("Add more opening hours"),
            "help": _("One row per set of days with the same hours."),
        },
        "cost_options": {
            "formset": CostOptionFormSet,
            "legend": _("Cost options"),
            "row": _("Cost option %(number)s"),
            "new": _("New cost option"),
            "add": _("Add another cost option"),
            "help": _(
                "What each part of the service costs. Say it in words under “Cost” above too, "
                "such as “Free”."
            ),
        },
        "required_documents": {
            "formset": RequiredDocumentFormSet,
            "legend": _("Documents to bring"),
            "row": _("Document %(number)s"),
            "new": _("New document"),
            "add": _("Add another document"),
            "help": _(
                "Only what the service truly requires: many survivors leave home without their "
                "papers. Leave it empty when nothing is needed."
            ),
        },
    }

    def __init__(
        self,
        *,
        programme: Programme,
        service: Service | None = None,
        data: Any = None,
        proposing: bool = False,
    ) -> None:
        current = service_payload(service) if service is not None else None
        areas = area_choices(programme)  # read once for the form and every row
        self.form = ServiceForm(
            data,
            programme=programme,
            proposing=proposing,
            areas=areas,
            initial=dict(current["service"]) if current else self.new_service_initial(),
        )
        self.formsets: dict[str, forms.BaseFormSet] = {}
        self.sections = []
        for prefix, section in self.SECTIONS.items():
            formset = section["formset"](
                data,
                prefix=prefix,
                initial=current[prefix] if current else None,
                form_kwargs={"area_choices": areas},
            )
            self.formsets[prefix] = formset
            initial_count = formset.initial_form_count()
            rows = [
                (
                    form,
                    section["row"] % {"number": number}
                    if number <= initial_count
                    else section["new"],
                )
                for number, form in enumerate(formset.forms, start=1)
            ]
            self.sections.append({**section, "prefix": prefix, "formset": formset, "rows": rows})

    @staticmethod
    def new_service_initial() -> dict[str, Any]:
        """A new record is usually entered from a check made today: it counts as verified."""
        return {
            "status": Service.Status.ACTIVE,
            "visibility": Visibility.PUBLIC,
            "assured_date": timezone.localdate(),
        }

    @property
    def has_errors(self) -> bool:
        if not self.form.is_bound:
            return False
        return bool(self.form.errors) or any(
            formset.total_error_count() for formset in self.formsets.values()
        )

    def is_valid(self) -> bool:
        results = [self.form.is_valid()] + [
            formset.is_valid() for formset in self.formsets.values()
        ]
        return all(results)

    def payload(self) -> dict[str, Any]:
        payload: dict[str, Any] = {"service": self.form.payload()}
        for prefix, formset in self.formsets.items():
            payload[prefix] = formset_rows(formset)
        return payload

    def add_error(self, error: ValidationError) -> None:
        """Show a service's ValidationError on the field it names, or above the form."""
        problems = (
            error.message_dict
            if hasattr(error, "error_dict")
            else {NON_FIELD_ERRORS: error.messages}
        )
        for name, messages in problems.items():
            self.form.add_error(name if name in self.form.fields else None, messages)

    @classmethod
    def with_another_row(cls, data: Any, prefix: str) -> Any:
        """The posted data with one more row in the list ``prefix``, as an empty row posts."""
        if prefix not in cls.SECTIONS:
            return data
        data = data.copy()
        key = f"{prefix}-TOTAL_FORMS"
        try:
            total = int(data.get(key, 0))
        except ValueError:
            total = 0
        if total >= 100:
            return data
        data[key] = str(total + 1)
        # The new row holds what its fields show when empty (such as a phone's kind), so that
        # it counts as untouched and asks for nothing yet.
        form_class = cls.SECTIONS[prefix]["formset"].form
        empty = form_class(prefix=f"{prefix}-{total}")
        for bound in empty:
            value = bound.value()
            if value not in (None, "", False, []):
                data[bound.html_name] = str(value)
        return data
