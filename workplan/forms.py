"""Forms of the workplan pages: the list's filters and the activity editor.

The editor is one form for the activity and a formset of participating organisations. It works
without JavaScript: the formset always shows empty rows, and "Add more rows" posts the form back
with more. The services validate again; their errors come back under the same field names.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.forms import formset_factory
from django.forms.models import fields_for_model
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.models import Visibility
from organisations.models import Organisation
from programmes.models import Area, GovernmentPriority, Pillar, Programme
from programmes.selectors import as_tree
from workplan import overlaps
from workplan.currencies import currency_choices
from workplan.facts import AreaTree, build_facts
from workplan.iati.codelists import names as codelist_names
from workplan.iati.codelists import sector_label
from workplan.models import (
    Activity,
    ActivityStatus,
    OrganisationRole,
    Output,
    PolicySignificance,
    TargetGroup,
)

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]
BILINGUAL = ["title", "description"]
TEXT_FIELDS = [f"{base}_{code}" for base in BILINGUAL for code in LANGUAGE_CODES]
DATE_FIELDS = ["planned_start", "planned_end", "actual_start", "actual_end"]


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%d")


def _tree_choices(records: list[Any], label: Any = str) -> list[tuple[str, str]]:
    return [(str(row.node.pk), f"{'— ' * row.depth}{label(row.node)}") for row in as_tree(records)]


# --- The list's filters -----------------------------------------------------------------------


class ActivityFilterForm(forms.Form):
    q = forms.CharField(label=gettext_lazy("Words"), required=False, max_length=100)
    pillar = forms.TypedChoiceField(
        label=gettext_lazy("Pillar"), required=False, coerce=int, empty_value=None
    )
    area = forms.TypedChoiceField(
        label=gettext_lazy("Area (and what lies within)"),
        required=False,
        coerce=int,
        empty_value=None,
    )
    organisation = forms.TypedChoiceField(
        label=gettext_lazy("Organisation (lead or taking part)"),
        required=False,
        coerce=int,
        empty_value=None,
    )
    status = forms.TypedChoiceField(
        label=gettext_lazy("Status"), required=False, coerce=int, empty_value=None
    )
    group = forms.ChoiceField(label=gettext_lazy("Group reached"), required=False)
    priority = forms.TypedChoiceField(
        label=gettext_lazy("Government priority"), required=False, coerce=int, empty_value=None
    )

    def __init__(self, *args: Any, programme: Programme, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["pillar"].choices = [("", _("Any pillar"))] + [
            (str(pillar.pk), str(pillar)) for pillar in Pillar.objects.order_by("number")
        ]
        areas = list(
            Area.objects.visible_to(user).filter(programme=programme).order_by("level", "name")
        )
        self.fields["area"].choices = [("", _("Any area")), *_tree_choices(areas)]
        organisations = Organisation.objects.visible_to(user).filter(programmes=programme)
        self.fields["organisation"].choices = [("", _("Any organisation"))] + [
            (str(organisation.pk), str(organisation))
            for organisation in organisations.order_by("name")
        ]
        self.fields["status"].choices = [("", _("Any status")), *ActivityStatus.choices]
        self.fields["group"].choices = [("", _("Any group"))] + [
            (group.code, group.name) for group in TargetGroup.objects.order_by("order", "code")
        ]
        priorities = list(
            GovernmentPriority.objects.visible_to(user)
            .filter(programme=programme)
            .order_by("framework", "code")
        )
        self.fields["priority"].choices = [("", _("Any priority")), *_tree_choices(priorities)]


# --- The activity editor ----------------------------------------------------------------------

EDITOR_FIELDS = [
    *TEXT_FIELDS,
    "lead_organisation",
    "pillar",
    "output",
    "areas",
    *DATE_FIELDS,
    "status",
    "budget",
    "currency",
    "priorities",
    "groups",
    "sector",
    "gender_marker",
    "visibility",
    "iati_identifier",
]


class ActivityForm(forms.Form):
    """The activity's own fields. A focal point or partner leads with their own organisation only."""

    def __init__(
        self,
        *args: Any,
        programme: Programme,
        user: Any,
        lead_choices: list[Organisation] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.programme = programme
        generated = fields_for_model(
            Activity,
            fields=EDITOR_FIELDS,
            widgets={
                **{name: DateInput() for name in DATE_FIELDS},
                **{
                    f"description_{code}": forms.Textarea(attrs={"rows": 4})
                    for code in LANGUAGE_CODES
                },
            },
        )
        for name in EDITOR_FIELDS:
            self.fields[name] = generated[name]
        languages = dict(settings.LANGUAGES)
        for base in BILINGUAL:
            verbose = Activity._meta.get_field(base).verbose_name
            for code in LANGUAGE_CODES:
                field = self.fields[f"{base}_{code}"]
                field.label = _("%(field)s (%(language)s)") % {
                    "field": capfirst(verbose),
                    "language": languages[code],
                }
                field.required = False
        organisations = Organisation.objects.filter(programmes=programme).order_by("name")
        if lead_choices is not None:
            organisations = organisations.filter(pk__in=[item.pk for item in lead_choices])
        self.fields["lead_organisation"].queryset = organisations
        self.fields["pillar"].queryset = Pillar.objects.order_by("number")
        self.fields["output"].queryset = (
            Output.objects.filter(programme=programme).select_related("pillar").order_by("number")
        )
        areas = list(Area.objects.filter(programme=programme).order_by("level", "name", "pk"))
        self.fields["areas"] = forms.MultipleChoiceField(
            label=capfirst(Activity._meta.get_field("areas").verbose_name),
            help_text=Activity._meta.get_field("areas").help_text,
            required=False,
            choices=_tree_choices(areas),
            widget=forms.CheckboxSelectMultiple,
        )
        self._areas = {area.pk: area for area in areas}
        priorities = list(
            GovernmentPriority.objects.filter(programme=programme).order_by("framework", "code")
        )
        self.fields["priorities"] = forms.MultipleChoiceField(
            label=capfirst(Activity._meta.get_field("priorities").verbose_name),
            required=False,
            choices=_tree_choices(priorities),
            widget=forms.CheckboxSelectMultiple,
        )
        self._priorities = {priority.pk: priority for priority in priorities}
        self.fields["groups"].queryset = TargetGroup.objects.order_by("order", "code")
        self.fields["groups"].widget = forms.CheckboxSelectMultiple()
        self.fields["groups"].widget.choices = self.fields["groups"].choices
        self.fields["currency"] = forms.ChoiceField(
            label=capfirst(Activity._meta.get_field("currency").verbose_name),
            choices=currency_choices(),
            initial="USD",
        )
        self.fields["sector"] = forms.ChoiceField(
            label=capfirst(Activity._meta.get_field("sector").verbose_name),
            help_text=Activity._meta.get_field("sector").help_text,
            choices=[(code, sector_label(code)) for code in codelist_names("Sector")],
            initial="15180",
        )
        self.fields["visibility"].choices = Visibility.choices
        self.fields["status"].choices = ActivityStatus.choices
        self.fields["gender_marker"].choices = PolicySignificance.choices

    FIELDSETS = [
        (gettext_lazy("What"), [*TEXT_FIELDS]),
        (
            gettext_lazy("Who and under which result"),
            ["lead_organisation", "pillar", "output", "sector", "gender_marker"],
        ),
        (gettext_lazy("Where and when"), ["areas", *DATE_FIELDS, "status"]),
        (gettext_lazy("Money"), ["budget", "currency"]),
        (gettext_lazy("Alignment and reach"), ["priorities", "groups"]),
        (gettext_lazy("Publication"), ["visibility", "iati_identifier"]),
    ]

    def fieldsets(self) -> list[tuple[Any, list[Any], list[Any]]]:
        """(legend, bilingual pairs, other fields) for the template."""
        result = []
        for legend, names in self.FIELDSETS:
            pairs = [
                [self[f"{base}_{code}"] for code in LANGUAGE_CODES]
                for base in BILINGUAL
                if f"{base}_{LANGUAGE_CODES[0]}" in names
            ]
            others = [self[name] for name in names if name not in TEXT_FIELDS]
            result.append((legend, pairs, others))
        return result

    def values(self) -> dict[str, Any]:
        """What the services take, from a valid form."""
        data = {name: self.cleaned_data[name] for name in EDITOR_FIELDS}
        data["areas"] = [self._areas[int(pk)] for pk in data["areas"]]
        data["priorities"] = [self._priorities[int(pk)] for pk in data["priorities"]]
        data["groups"] = list(data["groups"])
        for name in TEXT_FIELDS:
            data[name] = (data[name] or "").strip()
        return data

    def facts(
        self, *, activity_id: int | None, organisation_ids: set[int]
    ) -> overlaps.ActivityFacts:
        """What has been typed so far, valid or not, as facts for the duplicate check."""
        if not hasattr(self, "cleaned_data"):
            self.full_clean()
        data = self.cleaned_data
        pillar = data.get("pillar")
        lead = data.get("lead_organisation")
        return build_facts(
            activity_id=activity_id,
            **{name: (data.get(name) or "").strip() for name in TEXT_FIELDS},
            pillar_id=pillar.pk if pillar else None,
            area_ids=[int(pk) for pk in data.get("areas") or [] if int(pk) in self._areas],
            **{name: data.get(name) for name in DATE_FIELDS},
            organisation_ids={*organisation_ids, lead.pk if lead else None},
            tree=AreaTree.of([self.programme.pk]),
        )


class ParticipationForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=gettext_lazy("Organisation"), queryset=Organisation.objects.none(), required=False
    )
    role = forms.TypedChoiceField(
        label=gettext_lazy("Role"),
        choices=[("", "—"), *OrganisationRole.choices],
        coerce=int,
        empty_value=None,
        required=False,
    )

    def __init__(self, *args: Any, organisations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if bool(data.get("organisation")) != bool(data.get("role")):
            missing = "role" if data.get("organisation") else "organisation"
            self.add_error(missing, _("Choose both the organisation and its role, or neither."))
        return data


class BaseParticipationFormSet(forms.BaseFormSet):
    def __init__(self, *args: Any, organisations: Any, **kwargs: Any) -> None:
        self.organisations = organisations
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index: int | None) -> dict[str, Any]:
        return {"organisations": self.organisations}

    @property
    def empty_form(self) -> forms.Form:
        return self.form(
            auto_id=self.auto_id,
            prefix=self.add_prefix("__prefix__"),
            empty_permitted=True,
            use_required_attribute=False,
            organisations=self.organisations,
            renderer=self.renderer,
        )

    def rows(self) -> list[tuple[Organisation, int]]:
        rows = []
        for form in self.forms:
            data = getattr(form, "cleaned_data", {})
            if data.get("organisation") and data.get("role") and not data.get("DELETE"):
                rows.append((data["organisation"], data["role"]))
        return rows

    def organisation_ids(self) -> set[int]:
        if not hasattr(self, "_errors") or self._errors is None:
            self.full_clean()
        return {organisation.pk for organisation, _role in self.rows()}


ParticipationFormSet = formset_factory(
    ParticipationForm, formset=BaseParticipationFormSet, extra=2, can_delete=True
)


def participation_formset(
    *, programme: Programme, data: Any = None, activity: Activity | None = None, extra_rows: int = 0
) -> BaseParticipationFormSet:
    organisations = Organisation.objects.filter(programmes=programme).order_by("name")
    initial = (
        [{"organisation": p.organisation_id, "role": p.role} for p in activity.participations.all()]
        if activity is not None
        else []
    )
    if data is not None and extra_rows:
        data = data.copy()
        key = "participations-TOTAL_FORMS"
        data[key] = str(int(data.get(key) or 0) + extra_rows)
    return ParticipationFormSet(
        data, initial=initial, prefix="participations", organisations=organisations
    )


def apply_service_errors(
    error: ValidationError, form: ActivityForm, formset: BaseParticipationFormSet
) -> None:
    """Put the services' errors under the fields they name, the rest above the form."""
    for field, messages in error.update_error_dict({}).items():
        if field in form.fields:
            form.add_error(field, messages)
        elif field == "participations":
            formset._non_form_errors = formset.error_class(
                [str(m) for item in messages for m in ValidationError(item).messages]
            )
        else:
            form.add_error(None, messages)
