from modeltranslation.translator import TranslationOptions, register
from simple_history import register as track_history

from organisations.models import Organisation


@register(Organisation)
class OrganisationTranslation(TranslationOptions):
    fields = ("name",)
    required_languages = ()


# After the translation fields exist, so that history records every language.
track_history(Organisation, m2m_fields=["programmes"])
