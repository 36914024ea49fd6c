"""What the forms of the members' directory pages share: choices, widgets and labels."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.db.models import URLField

from directory.manage_selectors import field_label, programme_areas
from programmes.models import Programme

LANGUAGE_SUFFIXES = {f"_{code}" for code, _name in settings.LANGUAGES}


class GroupedCheckboxes(forms.CheckboxSelectMultiple):
    """Checkboxes in one fieldset per group (the Essential Services sectors)."""

    template_name = "directory/manage/widgets/grouped_checkboxes.html"


def area_choices(programme: Programme) -> list[tuple[str, str]]:
    """The programme's areas as a tree: each indented by its depth."""
    return [
        (str(row.node.pk), f"{'— ' * row.depth}{row.node.name}")
        for row in programme_areas(programme)
    ]


def formfield(model_field: Any, **kwargs: Any) -> forms.Field | None:
    """A model field's form field; web addresses typed without a scheme are https."""
    if isinstance(model_field, URLField):
        kwargs.setdefault("assume_scheme", "https")
    return model_field.formfield(**kwargs)


def model_fields(model: type, names: list[str], **kwargs: Any) -> dict[str, forms.Field]:
    return forms.fields_for_model(model, fields=names, formfield_callback=formfield, **kwargs)


def bilingual_labels(form: forms.Form, model: type, names: list[str] | None = None) -> None:
    """Name the language in the label of each bilingual field: "Name (Spanish)"."""
    for name in names if names is not None else list(form.fields):
        if name[-3:] in LANGUAGE_SUFFIXES:
            form.fields[name].label = field_label(model, name)
