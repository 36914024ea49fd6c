from modeltranslation.translator import TranslationOptions, register
from simple_history import register as track_history

from coordination.models import (
    ActionItem,
    AgendaItem,
    Attendance,
    Body,
    BodyMember,
    Decision,
    Meeting,
    MeetingGuest,
    MeetingSeries,
)


@register(Body)
class BodyTranslation(TranslationOptions):
    fields = ("name", "mandate")
    required_languages = ()


@register(AgendaItem)
class AgendaItemTranslation(TranslationOptions):
    fields = ("title",)
    required_languages = ()


# After the translation fields exist, so that the historical tables record every language.
track_history(AgendaItem, m2m_fields=["activities"])
for model in (
    Body,
    BodyMember,
    MeetingSeries,
    Meeting,
    MeetingGuest,
    Decision,
    Attendance,
    ActionItem,
):
    track_history(model)
