from modeltranslation.translator import TranslationOptions, register
from simple_history import register as track_history

from programmes.models import Area, GovernmentPriority, Pillar, Programme


@register(Programme)
class ProgrammeTranslation(TranslationOptions):
    fields = ("name",)
    required_languages = ()


@register(Area)
class AreaTranslation(TranslationOptions):
    fields = ("name",)
    required_languages = ()


@register(Pillar)
class PillarTranslation(TranslationOptions):
    fields = ("name", "outcome")
    required_languages = ("en", "es")


@register(GovernmentPriority)
class GovernmentPriorityTranslation(TranslationOptions):
    # The framework keeps its official title, in the government's language.
    fields = ("title", "description")
    required_languages = ()


# History is attached here, after the translation fields exist, so that the historical tables
# record every language (django-simple-history would otherwise miss name_en, name_es, …).
for model in (Programme, Area, Pillar, GovernmentPriority):
    track_history(model)
