from modeltranslation.translator import TranslationOptions, register
from simple_history import register as track_history

from directory import models as m


@register(m.Taxonomy)
class TaxonomyTranslation(TranslationOptions):
    fields = ("name", "description")
    required_languages = ()


@register(m.TaxonomyTerm)
class TaxonomyTermTranslation(TranslationOptions):
    fields = ("name", "description")
    required_languages = ()


@register(m.Service)
class ServiceTranslation(TranslationOptions):
    fields = (
        "name",
        "alternate_name",
        "description",
        "interpretation_services",
        "application_process",
        "fees_description",
        "eligibility_description",
        "alert",
    )
    required_languages = ()


@register(m.Location)
class LocationTranslation(TranslationOptions):
    fields = ("name", "description", "transportation")
    required_languages = ()


@register(m.ServiceAtLocation)
class ServiceAtLocationTranslation(TranslationOptions):
    fields = ("description",)
    required_languages = ()


@register(m.Phone)
class PhoneTranslation(TranslationOptions):
    fields = ("description",)
    required_languages = ()


@register(m.Schedule)
class ScheduleTranslation(TranslationOptions):
    fields = ("description",)
    required_languages = ()


@register(m.Accessibility)
class AccessibilityTranslation(TranslationOptions):
    fields = ("description", "details")
    required_languages = ()


@register(m.ServiceArea)
class ServiceAreaTranslation(TranslationOptions):
    fields = ("description",)
    required_languages = ()


@register(m.RequiredDocument)
class RequiredDocumentTranslation(TranslationOptions):
    fields = ("document",)
    required_languages = ()


@register(m.Hotline)
class HotlineTranslation(TranslationOptions):
    fields = ("name", "note")
    required_languages = ()


# After the translation fields exist, so that history records every language.
for model in (
    m.Service,
    m.Location,
    m.Address,
    m.ServiceAtLocation,
    m.Phone,
    m.Schedule,
    m.Language,
    m.Accessibility,
    m.ServiceArea,
    m.CostOption,
    m.RequiredDocument,
    m.Hotline,
    m.TaxonomyTerm,
    m.DirectorySettings,
):
    # Service types are a many-to-many link: kept in the history too, so that a change of type
    # shows who made it.
    track_history(model, m2m_fields=["terms"] if model is m.Service else ())
