"""The service's own fields in the editor, and the dashboard's filters."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.conf import settings
from django.conf.locale import LANG_INFO
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from directory.manage_forms.common import (
    GroupedCheckboxes,
    area_choices,
    bilingual_labels,
    model_fields,
)
from directory.manage_payload import COORDINATOR_ONLY, SERVICE_FIELDS, value_json
from directory.manage_selectors import esp_terms, sectors_of
from directory.models import Service
from organisations.models import Organisation
from programmes.models import Programme

TEXTAREAS = {
    f"{name}_{code}"
    for name in (
        "description",
        "eligibility_description",
        "fees_description",
        "application_process",
        "interpretation_services",
        "alert",
    )
    for code, _name in settings.LANGUAGES
} | {"accreditations", "licenses"}


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
        self.fields["area"].choices = [("", _("Any community")), *area_choices(programme)]
        self.fields["stale"].help_text = ngettext_lazy(
            "Not verified for %(days)d day or more.",
            "Not verified for %(days)d days or more.",
            "days",
        ) % {"days": settings.DIRECTORY_STALE_DAYS}


# --- Languages spoken -----------------------------------------------------------------------

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


# --- The service ----------------------------------------------------------------------------


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
        (
            _("Languages and service areas"),
            [
                "languages",
                "interpretation_services_en",
                "interpretation_services_es",
                "service_areas",
            ],
        ),
        (_("Accreditations and licences"), ["accreditations", "licenses"]),
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
        self,
        *args: Any,
        programme: Programme,
        proposing: bool = False,
        areas: list[tuple[str, str]] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        names = [name for name in SERVICE_FIELDS if not (proposing and name in COORDINATOR_ONLY)]
        self.fields.update(
            model_fields(
                Service,
                names,
                widgets={
                    **{name: forms.Textarea(attrs={"rows": 3}) for name in TEXTAREAS},
                    "assured_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                },
            )
        )
        self.fields["interpretation_services_en"].help_text = _(
            "Such as: sign language or an interpreter on request."
        )
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
        self.fields["service_areas"].choices = (
            areas if areas is not None else area_choices(programme)
        )
        bilingual_labels(self, Service)
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
