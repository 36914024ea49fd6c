"""Building blocks every domain app shares."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Visibility(models.TextChoices):
    """Who may read a record. Records of later apps (services, activities, materials) reuse it."""

    PROGRAMME = "programme", _("Members of its programme")
    REGION = "region", _("Members of any programme in its region")
    PUBLIC = "public", _("Public")


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


def require_some_language(instance: models.Model, *fields: str) -> None:
    """Bilingual fields must hold text in at least one language: the other falls back to it."""
    from django.core.exceptions import ValidationError
    from modeltranslation.settings import AVAILABLE_LANGUAGES
    from modeltranslation.utils import build_localized_fieldname

    errors = {}
    for field in fields:
        names = [build_localized_fieldname(field, code) for code in AVAILABLE_LANGUAGES]
        if not any(str(getattr(instance, name, "") or "").strip() for name in names):
            errors[names[0]] = _("Write this in at least one language.")
    if errors:
        raise ValidationError(errors)
