"""Forms of the members' directory pages.

The service editor is one form for the service and a formset for each list (locations, phones,
opening hours). It works without JavaScript: each list shows one empty row, and "Add another"
buttons post the form back with one more. It validates what a person typed and hands the
services a payload (``directory.manage_payload``); the services validate the records again.
"""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.conf import settings
from django.conf.locale import LANG_INFO
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db.models import URLField
from django.forms import formset_factory
from django.utils import timezone
from django.utils.dates import WEEKDAYS
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from core.models import Visibility
from directory.manage_payload import (
    ADDRESS_FIELDS,
    COORDINATOR_ONLY,
    LOCATION_FIELDS,
    PHONE_FIELDS,
    SERVICE_FIELDS,
    byday_json,
    service_payload,
    value_json,
)
from directory.manage_selectors import esp_terms, field_label, programme_areas, sectors_of
from directory.models import Address, Location, Phone, Schedule, Service
from organisations.models import Organisation
from programmes.models import Programme

TEXTAREAS = {
    "description_en",
    "description_es",
    "eligibility_description_en",
    "eligibility_description_es",
    "fees_description_en",
    "fees_description_es",
    "application_process_en",
    "application_process_es",
    "alert_en",
    "alert_es",
}


class GroupedCheckboxes(forms.CheckboxSelectMultiple):
    """Checkboxes in one fieldset per group (the Essential Services sectors)."""

    template_name = "directory/manage/widgets/grouped_checkboxes.html"


def _area_choices(programme: Programme) -> list[tuple[str, str]]:
    """The programme's areas as a tree: each indented by its depth."""
    return [
        (str(row.node.pk), f"{'— ' * row.depth}{row.node.name}")
        for row in programme_areas(programme)
    ]


def _formfield(model_field: Any, **kwargs: Any) -> forms.Field | None:
    if isinstance(model_field, URLField):
        kwargs.setdefault("assume_scheme", "https")
    return model_field.formfield(**kwargs)


def _bilingual_labels(form: forms.Form, model: type) -> None:
    for name, form_field in form.fields.items():
        if name[-3:] in {f"_{code}" for code, _name in settings.LANGUAGES}:
            form_field.label = field_label(model, name)


# --- The dashboard's filters ----------------------------------------------------------------


class ServiceFilterForm(forms.Form):
    q = forms.CharField(label=_("Name or organisation"), required=False, max_length=100)
    sector = forms.ChoiceField(label=_("Sector"), required=False)
    area = forms.TypedChoiceField(
        label=_("Community"), required=False, coerce=int, empty_value=None
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Any status")), *Service.Status.choices],
    )
    stale = forms.BooleanField(label=_("Only those needing follow-up"), required=False)

    def __init__(self, *args: Any, programme: Programme, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["sector"].choices = [("", _("Any sector"))] + [
            (term.code, term.name) for term in sectors_of(esp_terms())
        ]
        self.fields["area"].choices = [("", _("Any community")), *_area_choices(programme)]
        self.fields["stale"].help_text = ngettext_lazy(
            "Not verified for %(days)d day or more.",
            "Not verified for %(days)d days or more.",
            "days",
        ) % {"days": settings.DIRECTORY_STALE_DAYS}


# --- The service editor -----------------------------------------------------------------------

_LANGUAGE_WITH_CODE = re.compile(r"^(?P<name>.*?)\s*\((?P<code>[A-Za-z]{2,3}(?:-[A-Za-z0-9]+)?)\)$")


def parse_languages(text: str) -> list[dict[str, str]]:
    """ "English, es, Garifuna, Kriol (bzj)" → rows of code and name.

    A known language code or English name gets both; anything else is kept as a name.
    """
    by_name = {info["name"].lower(): code for code, info in LANG_INFO.items() if "name" in info}
    rows = []
    for part in re.split(r"[,;\n]", text):
        part = part.strip()
        if not part:
            continue
        match = _LANGUAGE_WITH_CODE.match(part)
        if match:
            rows.append({"code": match["code"].lower(), "name": match["name"].strip()})
        elif part.lower() in LANG_INFO and "name" in LANG_INFO[part.lower()]:
            rows.append({"code": part.lower(), "name": LANG_INFO[part.lower()]["name"]})
        elif part.lower() in by_name:
            code = by_name[part.lower()]
            rows.append({"code": code, "name": LANG_INFO[code]["name"]})
        else:
            rows.append({"code": "", "name": part})
    for row in rows:
        if len(row["name"]) > 100 or len(row["code"]) > 12:
            raise ValidationError(_("A language name is at most 100 characters long."))
    unique = {(row["code"], row["name"]) for row in rows}
    return [{"code": code, "name": name} for code, name in sorted(unique)]


def format_languages(rows: list[dict[str, str]]) -> str:
    return ", ".join(
        f"{row['name']} ({row['code']})"
        if row["name"] and row["code"]
        else row["name"] or row["code"]
        for row in rows
    )


class ServiceForm(forms.Form):
    """The service's own fields. A proposal leaves out what only a coordinator changes."""

    GROUPS = [
        (
            _("About the service"),
            [
                "name_en",
                "name_es",
                "alternate_name_en",
                "alternate_name_es",
                "description_en",
                "description_es",
                "organisation",
                "terms",
                "status",
                "alert_en",
                "alert_es",
                "url",
                "email",
            ],
        ),
        (
            _("Who can use it, and how"),
            [
                "eligibility_description_en",
                "eligibility_description_es",
                "minimum_age",
                "maximum_age",
                "fees_description_en",
                "fees_description_es",
                "application_process_en",
                "application_process_es",
                "wait_time",
            ],
        ),
        (_("Languages and service areas"), ["languages", "service_areas"]),
        (_("Publication and verification"), ["visibility", "assured_date"]),
    ]

    terms = forms.MultipleChoiceField(
        label=_("Service types"),
        required=False,
        widget=GroupedCheckboxes,
        help_text=_(
            "From the UN Essential Services Package. Tick a sector for its general services."
        ),
    )
    languages = forms.CharField(
        label=_("Languages spoken"),
        required=False,
        max_length=1000,
        help_text=_("Separated by commas, such as: English, Spanish, Garifuna."),
    )
    service_areas = forms.MultipleChoiceField(
        label=_("Service areas"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The communities the service serves, beyond where its offices are."),
    )

    def __init__(
        self, *args: Any, programme: Programme, proposing: bool = False, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        names = [name for name in SERVICE_FIELDS if not (proposing and name in COORDINATOR_ONLY)]
        model_fields = forms.fields_for_model(
            Service,
            fields=names,
            formfield_callback=_formfield,
            widgets={
                **{name: forms.Textarea(attrs={"rows": 3}) for name in TEXTAREAS},
                "assured_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            },
        )
        self.fields.update(model_fields)
        self.proposing = proposing
        if "organisation" in self.fields:
            self.fields["organisation"].queryset = Organisation.objects.filter(
                programmes=programme
            ).order_by("name")
        terms = esp_terms()
        groups = []
        for sector in sectors_of(terms):
            children = sorted(
                (term for term in terms if term.parent_id == sector.pk), key=lambda t: t.name
            )
            options = [(str(sector.pk), _("%(sector)s, in general") % {"sector": sector.name})]
            options += [(str(term.pk), term.name) for term in children]
            groups.append((sector.name, options))
        self.fields["terms"].choices = groups
        self.fields["service_areas"].choices = _area_choices(programme)
        _bilingual_labels(self, Service)
        if self.initial.get("languages") and not isinstance(self.initial["languages"], str):
            self.initial["languages"] = format_languages(self.initial["languages"])

    def fieldsets(self) -> list[tuple[str, list[forms.BoundField]]]:
        return [
            (legend, [self[name] for name in names if name in self.fields])
            for legend, names in self.GROUPS
            if any(name in self.fields for name in names)
        ]

    def clean_languages(self) -> list[dict[str, str]]:
        return parse_languages(self.cleaned_data["languages"])

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        lowest, highest = data.get("minimum_age"), data.get("maximum_age")
        if lowest is not None and highest is not None and lowest > highest:
            self.add_error("maximum_age", _("The maximum age must not be below the minimum age."))
        if not (data.get("name_en") or data.get("name_es")) and "name_en" not in self.errors:
            self.add_error("name_en", _("Write the name in at least one language."))
        return data

    def payload(self) -> dict[str, Any]:
        data = self.cleaned_data
        fields = {
            name: value_json(Service, name, data[name]) for name in SERVICE_FIELDS if name in data
        }
        fields["terms"] = sorted(data["terms"])
        fields["service_areas"] = sorted(int(pk) for pk in data["service_areas"])
        fields["languages"] = data["languages"]
        return fields


class RowForm(forms.Form):
    """One row of a list; ``id`` names the record it edits (empty for a new one)."""

    model: type = Location
    fields_order: list[str] = []

    id = forms.CharField(required=False, widget=forms.HiddenInput)

    def row(self) -> dict[str, Any]:
        data = self.cleaned_data
        row = {"id": data.get("id") or None}
        row.update(
            {name: value_json(self.model, name, data.get(name)) for name in self.fields_order}
        )
        return row


class LocationForm(RowForm):
    model = Location
    fields_order = LOCATION_FIELDS + ADDRESS_FIELDS

    def __init__(
        self, *args: Any, area_choices: list[tuple[str, str]] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields.update(
            forms.fields_for_model(Location, fields=["name_en", "name_es", "is_confidential"])
        )
        self.fields["area"] = forms.TypedChoiceField(
            label=_("Community"),
            required=False,
            coerce=int,
            empty_value=None,
            choices=[("", "—"), *(area_choices or [])],
        )
        self.fields.update(forms.fields_for_model(Address, fields=ADDRESS_FIELDS))
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
        _bilingual_labels(self, Location)

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
        return data


class PhoneForm(RowForm):
    model = Phone
    fields_order = PHONE_FIELDS

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.pop("area_choices", None)
        super().__init__(*args, **kwargs)
        self.fields.update(forms.fields_for_model(Phone, fields=PHONE_FIELDS))
        _bilingual_labels(self, Phone)


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
        kwargs.pop("area_choices", None)
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
        self.fields.update(
            forms.fields_for_model(Schedule, fields=["description_en", "description_es"])
        )
        for name in ("description_en", "description_es"):
            self.fields[name].widget = forms.TextInput()
        _bilingual_labels(self, Schedule)

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


class ServiceEditor:
    """The service form and its three lists, validated and turned into one payload together."""

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
        self.form = ServiceForm(
            data,
            programme=programme,
            proposing=proposing,
            initial=dict(current["service"]) if current else self.new_service_initial(),
        )
        self.formsets: dict[str, forms.BaseFormSet] = {}
        self.sections = []
        row_kwargs = {"area_choices": _area_choices(programme)}  # read once for every row
        for prefix, section in self.SECTIONS.items():
            formset = section["formset"](
                data,
                prefix=prefix,
                initial=current[prefix] if current else None,
                form_kwargs=row_kwargs,
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


# --- Decisions ------------------------------------------------------------------------------


class ChangeDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[("approve", _("Approve and apply")), ("reject", _("Reject"))],
        widget=forms.HiddenInput,
    )
    note = forms.CharField(
        label=_("Note to the person who proposed it"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Needed when you reject the proposal."),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("decision") == "reject" and not (data.get("note") or "").strip():
            self.add_error("note", _("Say why, so that the person who proposed it knows."))
        return data


class SuggestionDecisionForm(forms.Form):
    status = forms.ChoiceField(
        choices=[("applied", _("Applied")), ("dismissed", _("Dismissed"))],
        widget=forms.HiddenInput,
    )
