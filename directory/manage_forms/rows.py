"""The lists of the service editor, one form per row: locations, phones, opening hours, cost
options and documents to bring."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.conf import settings
from django.db import models
from django.forms import formset_factory
from django.utils.dates import WEEKDAYS
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from directory.manage_forms.common import bilingual_labels, model_fields
from directory.manage_payload import (
    ACCESSIBILITY_FIELDS,
    ACCESSIBILITY_PREFIX,
    ADDRESS_FIELDS,
    COST_OPTION_FIELDS,
    DOCUMENT_FIELDS,
    LOCATION_FIELDS,
    PHONE_FIELDS,
    byday_json,
    value_json,
)
from directory.models import (
    Accessibility,
    Address,
    CostOption,
    Location,
    Phone,
    RequiredDocument,
    Schedule,
)

LANGUAGES = dict(settings.LANGUAGES)


class RowForm(forms.Form):
    """One row of a list; ``id`` names the record it edits (empty for a new one).

    ``groups`` sorts a long row's fields into fieldsets (legend, names); a short row has one
    group without a legend.
    """

    model: type[models.Model] = Location
    fields_order: list[str] = []
    groups: list[tuple[Any, list[str]]] = []

    id = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.pop("area_choices", None)
        super().__init__(*args, **kwargs)

    def model_of(self, name: str) -> tuple[type[models.Model], str]:
        """The model and field that a field of the row stands for."""
        return self.model, name

    def row(self) -> dict[str, Any]:
        data = self.cleaned_data
        row = {"id": data.get("id") or None}
        for name in self.fields_order:
            model, field = self.model_of(name)
            row[name] = value_json(model, field, data.get(name))
        return row

    def fieldsets(self) -> list[tuple[Any, list[forms.BoundField]]]:
        """The visible fields by group; those of no group (such as "Remove") come last."""
        grouped = {name for _legend, names in self.groups for name in names}
        rest = [bound for bound in self.visible_fields() if bound.name not in grouped]
        sets = [
            (legend, [self[name] for name in names if name in self.fields])
            for legend, names in self.groups
        ]
        return [*sets, ("", rest)] if rest else sets


class LocationForm(RowForm):
    model = Location
    fields_order = (
        LOCATION_FIELDS
        + ADDRESS_FIELDS
        + [ACCESSIBILITY_PREFIX + name for name in ACCESSIBILITY_FIELDS]
    )
    groups = [
        (
            _("The place"),
            [
                "name_en",
                "name_es",
                "is_confidential",
                "area",
                "latitude",
                "longitude",
                "transportation_en",
                "transportation_es",
            ],
        ),
        (_("Address"), ADDRESS_FIELDS),
        (_("Accessibility"), [ACCESSIBILITY_PREFIX + name for name in ACCESSIBILITY_FIELDS]),
    ]

    def __init__(
        self, *args: Any, area_choices: list[tuple[str, str]] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields.update(
            model_fields(
                Location,
                ["name_en", "name_es", "is_confidential", "transportation_en", "transportation_es"],
                widgets={
                    "transportation_en": forms.Textarea(attrs={"rows": 2}),
                    "transportation_es": forms.Textarea(attrs={"rows": 2}),
                },
            )
        )
        self.fields["area"] = forms.TypedChoiceField(
            label=_("Community"),
            required=False,
            coerce=int,
            empty_value=None,
            choices=[("", "—"), *(area_choices or [])],
        )
        self.fields.update(model_fields(Address, ADDRESS_FIELDS))
        for name in ADDRESS_FIELDS:
            self.fields[name].required = False
        self.fields["country"].help_text = _(
            "Two letters, such as JM; the programme's country when empty."
        )
        for name, limit, help_text in (
            ("latitude", 90, _("Decimal degrees, such as 18.0179.")),
            ("longitude", 180, _("Decimal degrees, such as -76.8099.")),
        ):
            self.fields[name] = forms.DecimalField(
                label=capfirst(Location._meta.get_field(name).verbose_name),
                required=False,
                max_digits=9,
                decimal_places=6,
                min_value=-limit,
                max_value=limit,
                help_text=help_text,
            )
        bilingual_labels(self, Location, ["name_en", "name_es"])
        bilingual_labels(self, Location, ["transportation_en", "transportation_es"])
        self._add_accessibility()

    def _add_accessibility(self) -> None:
        """HSDS accessibility of the place, under names of its own in the row."""
        fields = model_fields(
            Accessibility,
            ACCESSIBILITY_FIELDS,
            widgets={name: forms.Textarea(attrs={"rows": 2}) for name in ACCESSIBILITY_FIELDS[:4]},
        )
        labels = {
            "description": _("Accessibility"),
            "details": _("Accessibility details"),
        }
        for name, field in fields.items():
            base, _sep, code = name.rpartition("_")
            if base in labels:
                field.label = _("%(field)s (%(language)s)") % {
                    "field": labels[base],
                    "language": LANGUAGES[code],
                }
            self.fields[ACCESSIBILITY_PREFIX + name] = field
        self.fields[f"{ACCESSIBILITY_PREFIX}description_en"].help_text = _(
            "What the place offers people with disabilities, such as: step-free entrance, "
            "accessible toilet, sign language."
        )
        self.fields[f"{ACCESSIBILITY_PREFIX}url"].label = _("Web page about its accessibility")

    def model_of(self, name: str) -> tuple[type[models.Model], str]:
        if name.startswith(ACCESSIBILITY_PREFIX):
            return Accessibility, name.removeprefix(ACCESSIBILITY_PREFIX)
        if name in ADDRESS_FIELDS:
            return Address, name
        return Location, name

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if (data.get("latitude") is None) != (data.get("longitude") is None) and not (
            self.has_error("latitude") or self.has_error("longitude")
        ):
            missing = "longitude" if data.get("longitude") is None else "latitude"
            self.add_error(missing, _("Give both the latitude and the longitude, or neither."))
        address = [
            data.get(name)
            for name in ("address_1", "address_2", "city", "state_province", "postal_code")
        ]
        if any(address):
            for name in ("address_1", "city", "state_province"):
                if not data.get(name) and not self.has_error(name):
                    self.add_error(
                        name, _("An address needs this; leave every address field empty for none.")
                    )
        if data.get("country"):
            data["country"] = data["country"].upper()
        details = [f"{ACCESSIBILITY_PREFIX}{name}" for name in ("details_en", "details_es", "url")]
        described = [f"{ACCESSIBILITY_PREFIX}description_{code}" for code in LANGUAGES]
        if any(data.get(name) for name in details) and not any(
            data.get(name) for name in described
        ):
            self.add_error(
                described[0],
                _("Say in a few words how the place is accessible, in at least one language."),
            )
        return data


class PhoneForm(RowForm):
    model = Phone
    fields_order = PHONE_FIELDS

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields.update(model_fields(Phone, PHONE_FIELDS))
        bilingual_labels(self, Phone)


ALL_DAYS = ",".join(Schedule.DAYS)


class ScheduleForm(RowForm):
    model = Schedule
    fields_order = ["byday", "opens_at", "closes_at", "description_en", "description_es"]

    all_week = forms.BooleanField(label=_("Open 24 hours, 7 days"), required=False)
    days = forms.MultipleChoiceField(
        label=_("Days"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=[(code, WEEKDAYS[index]) for index, code in enumerate(Schedule.DAYS)],
    )
    opens_at = forms.TimeField(
        label=_("Opens at"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )
    closes_at = forms.TimeField(
        label=_("Closes at"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        help_text=_("Earlier than the opening time for hours that run past midnight."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        initial = kwargs.get("initial")
        if initial and "byday" in initial:
            days = [day for day in initial["byday"].split(",") if day]
            all_week = (
                byday_json(initial["byday"]) == ALL_DAYS
                and initial.get("opens_at") == "00:00"
                and initial.get("closes_at") in ("23:59", "00:00")
            )
            kwargs["initial"] = {**initial, "days": days, "all_week": all_week}
        super().__init__(*args, **kwargs)
        self.fields.update(model_fields(Schedule, ["description_en", "description_es"]))
        for name in ("description_en", "description_es"):
            self.fields[name].widget = forms.TextInput()
        bilingual_labels(self, Schedule)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("all_week"):
            data["byday"] = ALL_DAYS
            data["opens_at"], data["closes_at"] = (
                forms.TimeField().to_python("00:00"),
                forms.TimeField().to_python("23:59"),
            )
            return data
        data["byday"] = byday_json(",".join(data.get("days") or []))
        if not data["byday"] and not self.has_error("days"):
            self.add_error("days", _("Tick the days it is open, or “Open 24 hours, 7 days”."))
        if (data.get("opens_at") is None) != (data.get("closes_at") is None):
            missing = "closes_at" if data.get("closes_at") is None else "opens_at"
            if not self.has_error(missing):
                self.add_error(
                    missing, _("Give both the opening and the closing time, or neither.")
                )
        return data


_CURRENCY = re.compile(r"^[A-Z]{3}$")


class CostOptionForm(RowForm):
    """One HSDS cost option: what is paid for, how much, in which currency, when."""

    model = CostOption
    fields_order = COST_OPTION_FIELDS

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        date = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
        self.fields.update(
            model_fields(
                CostOption,
                COST_OPTION_FIELDS,
                widgets={
                    "amount_description": forms.Textarea(attrs={"rows": 2}),
                    "valid_from": date,
                    "valid_to": date,
                },
            )
        )
        self.fields["option"].help_text = _(
            "What is paid for, such as: consultation, or medical certificate."
        )
        self.fields["amount"] = forms.DecimalField(
            label=self.fields["amount"].label,
            required=False,
            max_digits=12,
            decimal_places=2,
            min_value=0,
            help_text=_("0 when it is free."),
        )
        self.fields["currency"].help_text = _("Three letters, such as JMD, HNL or USD.")
        self.fields["amount_description"].help_text = _(
            "Such as: free for survivors referred by the police, or a sliding scale."
        )

    def clean_currency(self) -> str:
        currency = (self.cleaned_data.get("currency") or "").strip().upper()
        if currency and not _CURRENCY.match(currency):
            raise forms.ValidationError(
                _("Write the currency as its three-letter code, such as JMD or USD.")
            )
        return currency

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if (
            data.get("amount") is not None
            and not data.get("currency")
            and not self.has_error("currency")
        ):
            self.add_error("currency", _("Give the currency of the amount, such as JMD."))
        if not any(data.get(name) for name in ("option", "amount_description")) and (
            data.get("amount") is None and not self.has_error("amount")
        ):
            self.add_error("option", _("Say what is paid for, or give an amount."))
        start, end = data.get("valid_from"), data.get("valid_to")
        if start and end and end < start:
            self.add_error("valid_to", _("The end must not be before the start."))
        return data


class RequiredDocumentForm(RowForm):
    """A document people need to bring (HSDS required_document)."""

    model = RequiredDocument
    fields_order = DOCUMENT_FIELDS

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields.update(
            model_fields(
                RequiredDocument,
                DOCUMENT_FIELDS,
                widgets={"document_en": forms.TextInput(), "document_es": forms.TextInput()},
            )
        )
        self.fields["uri"].label = _("Web page about the document")
        self.fields["uri"].help_text = _("Where to get it, for instance.")
        bilingual_labels(self, RequiredDocument)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not (data.get("document_en") or data.get("document_es")) and not self.has_error(
            "document_en"
        ):
            self.add_error("document_en", _("Name the document in at least one language."))
        return data


class RowFormSet(forms.BaseFormSet):
    def add_fields(self, form: forms.Form, index: int | None) -> None:
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = _("Remove")


FORMSET_OPTIONS: dict[str, Any] = {
    "formset": RowFormSet,
    "extra": 1,
    "can_delete": True,
    "can_delete_extra": False,
    "max_num": 100,
    "validate_max": True,
}
LocationFormSet = formset_factory(LocationForm, **FORMSET_OPTIONS)
PhoneFormSet = formset_factory(PhoneForm, **FORMSET_OPTIONS)
ScheduleFormSet = formset_factory(ScheduleForm, **FORMSET_OPTIONS)
CostOptionFormSet = formset_factory(CostOptionForm, **FORMSET_OPTIONS)
RequiredDocumentFormSet = formset_factory(RequiredDocumentForm, **FORMSET_OPTIONS)


def formset_rows(formset: forms.BaseFormSet) -> list[dict[str, Any]]:
    """The wanted list: rows kept or added, without the empty row and the ones marked to remove."""
    rows = []
    for form in formset.forms:
        if formset.can_delete and formset._should_delete_form(form):
            continue
        if not form.cleaned_data or (not form.has_changed() and not form.cleaned_data.get("id")):
            continue
        rows.append(form.row())
    return rows
