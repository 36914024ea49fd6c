"""Public forms of the directory. They work without cookies: see ``directory.public``."""

from django import forms
from django.utils.translation import gettext_lazy as _

from directory.models import TaxonomyTerm
from programmes.models import Area


class SearchForm(forms.Form):
    q = forms.CharField(label=_("What are you looking for?"), required=False, max_length=200)
    type = forms.ChoiceField(label=_("Type of service"), required=False)
    area = forms.TypedChoiceField(
        label=_("Community"), required=False, coerce=int, empty_value=None
    )
    language = forms.ChoiceField(label=_("Language spoken"), required=False)
    open_now = forms.BooleanField(label=_("Open now"), required=False)
    open_24_7 = forms.BooleanField(label=_("Open 24 hours"), required=False)
    lat = forms.FloatField(required=False, min_value=-90, max_value=90, widget=forms.HiddenInput)
    lon = forms.FloatField(required=False, min_value=-180, max_value=180, widget=forms.HiddenInput)

    def __init__(
        self,
        *args,
        terms: list[TaxonomyTerm],
        areas: list[Area],
        languages: list[tuple[str, str]],
        **kwargs,
    ) -> None:  # type: ignore[no-untyped-def]
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        choices = [("", _("All types"))]
        for term in terms:
            prefix = "— " if term.parent_id else ""
            choices.append((term.code, prefix + term.name))
        self.fields["type"].choices = choices
        self.fields["area"].choices = [("", _("All communities"))] + [(a.pk, a.name) for a in areas]
        self.fields["language"].choices = [("", _("Any language")), *languages]


class SuggestionForm(forms.Form):
    message = forms.CharField(
        label=_("What is wrong or missing?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "For example a new phone number or opening hours. Do not write anything about yourself or anyone else."
        ),
    )
    # Filled in only by robots: people never see it.
    website = forms.CharField(required=False, label=_("Leave this empty"))
    token = forms.CharField(widget=forms.HiddenInput)
