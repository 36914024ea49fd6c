"""Forms of the overview pages: the list's filters with a period and a level, and the editor of a
programme's government priorities."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.forms.models import fields_for_model
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.models import Visibility
from programmes.models import Area, GovernmentPriority, Programme
from programmes.services import PRIORITY_FIELDS
from workplan.forms import ActivityFilterForm, DateInput, _tree_choices

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


class OverviewFilterForm(ActivityFilterForm):
    """The activity list's filters, and the period the activities are active in."""

    active_from = forms.DateField(
        label=gettext_lazy("Active on or after"), required=False, widget=DateInput()
    )
    active_until = forms.DateField(
        label=gettext_lazy("Active on or before"), required=False, widget=DateInput()
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        start, end = data.get("active_from"), data.get("active_until")
        if start and end and end < start:
            self.add_error("active_until", _("The end of the period cannot come before its start."))
        return data

    def applied(self) -> list[tuple[str, str]]:
        """(label, value) of each filter in use, in words, for the page and the exports."""
        if not self.is_valid():
            return []
        result = []
        for name, field in self.fields.items():
            value = self.cleaned_data.get(name)
            if value in (None, "", []):
                continue
            if isinstance(field, forms.ChoiceField):
                labels = {str(key): str(label) for key, label in field.choices}
                shown = labels.get(str(value), str(value)).lstrip("— ")
            else:
                shown = str(value)
            result.append((str(field.label), shown))
        return result


class AreaFilterForm(OverviewFilterForm):
    level = forms.TypedChoiceField(
        label=gettext_lazy("Count at level"),
        required=False,
        coerce=int,
        empty_value=None,
        help_text=gettext_lazy(
            "An activity in a community counts for the area containing it at this level."
        ),
    )

    def __init__(self, *args: Any, levels: list[int], blank_label: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        names = dict(Area.Level.choices)
        self.fields["level"].choices = [("", blank_label)] + [
            (str(level), names[level]) for level in levels
        ]


class PriorityForm(forms.Form):
    """A government priority: bilingual title and description, framework, code, parent, visibility."""

    def __init__(
        self,
        *args: Any,
        programme: Programme,
        priority: GovernmentPriority | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        generated = fields_for_model(
            GovernmentPriority,
            fields=[name for name in PRIORITY_FIELDS if name != "parent"],
            widgets={
                f"description_{code}": forms.Textarea(attrs={"rows": 4}) for code in LANGUAGE_CODES
            },
        )
        languages = dict(settings.LANGUAGES)
        for name in PRIORITY_FIELDS:
            if name == "parent":
                self.fields[name] = self._parent_field(programme, priority)
                continue
            self.fields[name] = generated[name]
            base, _sep, code = name.rpartition("_")
            if base in ("title", "description") and code in languages:
                verbose = GovernmentPriority._meta.get_field(base).verbose_name
                self.fields[name].label = _("%(field)s (%(language)s)") % {
                    "field": capfirst(verbose),
                    "language": languages[code],
                }
                self.fields[name].required = False
        self.fields["visibility"].choices = Visibility.choices

    def _parent_field(
        self, programme: Programme, priority: GovernmentPriority | None
    ) -> forms.Field:
        candidates = list(
            GovernmentPriority.objects.filter(programme=programme).order_by("framework", "code")
        )
        if priority is not None:
            # Neither the priority itself nor one within it can contain it.
            within, grew = {priority.pk}, True
            while grew:
                grew = False
                for candidate in candidates:
                    if candidate.parent_id in within and candidate.pk not in within:
                        within.add(candidate.pk)
                        grew = True
            candidates = [candidate for candidate in candidates if candidate.pk not in within]
        self._parents = {candidate.pk: candidate for candidate in candidates}
        return forms.TypedChoiceField(
            label=capfirst(GovernmentPriority._meta.get_field("parent").verbose_name),
            required=False,
            coerce=int,
            empty_value=None,
            choices=[("", _("None: a priority of its own")), *_tree_choices(candidates)],
        )

    def values(self) -> dict[str, Any]:
        """What the services take, from a valid form."""
        data = {name: self.cleaned_data[name] for name in PRIORITY_FIELDS}
        data["parent"] = self._parents.get(data["parent"]) if data["parent"] else None
        for name in ("framework", "code", *(f"title_{c}" for c in LANGUAGE_CODES)):
            data[name] = (data[name] or "").strip()
        return data

    @staticmethod
    def initial_of(priority: GovernmentPriority) -> dict[str, Any]:
        initial = {name: getattr(priority, name) for name in PRIORITY_FIELDS if name != "parent"}
        initial["parent"] = priority.parent_id
        return initial
