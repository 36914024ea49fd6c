"""Forms of the partner exchange and of the duplicate review."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from organisations.models import Organisation
from programmes.models import Area, Pillar, Programme
from workplan.forms import _tree_choices
from workplan.models import Activity, ActivityStatus, ActivityUpdate, OverlapDecision


class UpdateForm(forms.Form):
    """An update on an activity. "Status change" is offered only to those who may change it."""

    kind = forms.ChoiceField(label=gettext_lazy("Kind of update"))
    new_status = forms.TypedChoiceField(
        label=gettext_lazy("New status"), required=False, coerce=int, empty_value=None
    )
    text = forms.CharField(
        label=gettext_lazy("Update"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Write in your own language; one language is enough."),
    )
    language = forms.ChoiceField(label=gettext_lazy("Written in"), choices=settings.LANGUAGES)

    def __init__(
        self, *args: Any, activity: Activity, may_change_status: bool, user: Any, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        kinds = ActivityUpdate.Kind.choices
        if not may_change_status:
            kinds = [
                (value, label) for value, label in kinds if value != ActivityUpdate.Kind.STATUS
            ]
            del self.fields["new_status"]
        else:
            self.fields["new_status"].choices = [("", _("Unchanged"))] + [
                (value, label)
                for value, label in ActivityStatus.choices
                if value != activity.status
            ]
        self.fields["kind"].choices = kinds
        codes = {code for code, _name in settings.LANGUAGES}
        language = (get_language() or "en")[:2]
        self.fields["language"].initial = (
            getattr(user, "preferred_language", None) if language not in codes else language
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        kind = data.get("kind")
        if kind == ActivityUpdate.Kind.STATUS and data.get("new_status") is None:
            self.add_error("new_status", _("Choose the new status."))
        if kind and kind != ActivityUpdate.Kind.STATUS:
            data["new_status"] = None
            if not (data.get("text") or "").strip():
                self.add_error("text", _("Write the update."))
        return data


class FeedFilterForm(forms.Form):
    area = forms.TypedChoiceField(
        label=gettext_lazy("Area (and what lies within)"),
        required=False,
        coerce=int,
        empty_value=None,
    )
    pillar = forms.TypedChoiceField(
        label=gettext_lazy("Pillar"), required=False, coerce=int, empty_value=None
    )
    organisation = forms.TypedChoiceField(
        label=gettext_lazy("Organisation"),
        required=False,
        coerce=int,
        empty_value=None,
        help_text=gettext_lazy("Updates it posted, and on activities it leads or takes part in."),
    )

    def __init__(self, *args: Any, programme: Programme, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        areas = list(
            Area.objects.visible_to(user).filter(programme=programme).order_by("level", "name")
        )
        self.fields["area"].choices = [("", _("Any area")), *_tree_choices(areas)]
        self.fields["pillar"].choices = [("", _("Any pillar"))] + [
            (str(pillar.pk), str(pillar)) for pillar in Pillar.objects.order_by("number")
        ]
        organisations = Organisation.objects.visible_to(user).filter(programmes=programme)
        self.fields["organisation"].choices = [("", _("Any organisation"))] + [
            (str(organisation.pk), str(organisation))
            for organisation in organisations.order_by("name")
        ]


class DecisionForm(forms.Form):
    """A coordinator's decision on a pair of possibly duplicate activities."""

    decision = forms.ChoiceField(
        label=gettext_lazy("Decision"),
        choices=OverlapDecision.Decision.choices,
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=gettext_lazy("Note"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy("Required for a duplicate: say what will be done about it."),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if (
            data.get("decision") == OverlapDecision.Decision.DUPLICATE
            and not (data.get("note") or "").strip()
        ):
            self.add_error("note", _("Say what will be done about the duplicate."))
        return data
