"""A coordinator's decisions: on a proposal, and on a suggestion from the public."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _


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
