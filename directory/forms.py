"""Public forms of the directory. They work without cookies: see ``directory.public``."""

from typing import Any

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _


class PlainSelect(forms.Select):
    """A single-choice select written out in Python.

    The search form shows some eighty options on every public page; Django renders each option
    through a template of its own, which cost more than a millisecond in ten of a page's time.
    """

    def render(
        self,
        name: str,
        value: Any,
        attrs: dict[str, Any] | None = None,
        renderer: Any = None,
    ) -> SafeString:
        chosen = set(self.format_value(value))
        selected = mark_safe(" selected")
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            ((key, selected if str(key) in chosen else "", label) for key, label in self.choices),
        )
        final_attrs = self.build_attrs(self.attrs, {**(attrs or {}), "name": name})
        return format_html("<select{}>{}</select>", flatatt(final_attrs), options)


class SearchForm(forms.Form):
    q = forms.CharField(label=_("What are you looking for?"), required=False, max_length=200)
    type = forms.ChoiceField(label=_("Type of service"), required=False, widget=PlainSelect)
    area = forms.TypedChoiceField(
        label=_("Community"), required=False, coerce=int, empty_value=None, widget=PlainSelect
    )
    language = forms.ChoiceField(label=_("Language spoken"), required=False, widget=PlainSelect)
    open_now = forms.BooleanField(label=_("Open now"), required=False)
    open_24_7 = forms.BooleanField(label=_("Open 24 hours"), required=False)
    lat = forms.FloatField(required=False, min_value=-90, max_value=90, widget=forms.HiddenInput)
    lon = forms.FloatField(required=False, min_value=-180, max_value=180, widget=forms.HiddenInput)

    def __init__(
        self,
        *args,
        terms: list[tuple[str, str, bool]],  # code, name, whether it is a sub-type
        areas: list[tuple[int, str]],
        languages: list[tuple[str, str]],
        **kwargs,
    ) -> None:  # type: ignore[no-untyped-def]
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        choices = [("", _("All types"))]
        for code, name, is_sub_type in terms:
            choices.append((code, f"— {name}" if is_sub_type else name))
        self.fields["type"].choices = choices
        self.fields["area"].choices = [("", _("All communities")), *areas]
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
