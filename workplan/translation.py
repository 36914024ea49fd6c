from modeltranslation.translator import TranslationOptions, register
from simple_history import register as track_history

from workplan.models import (
    Activity,
    ActivityUpdate,
    Output,
    OverlapDecision,
    Participation,
    TargetGroup,
)


@register(Activity)
class ActivityTranslation(TranslationOptions):
    fields = ("title", "description")
    required_languages = ()


@register(Output)
class OutputTranslation(TranslationOptions):
    fields = ("title",)
    required_languages = ()


@register(TargetGroup)
class TargetGroupTranslation(TranslationOptions):
    # Reference data, complete in both languages like the pillars.
    fields = ("name",)
    required_languages = ("en", "es")


# After the translation fields exist, so that the historical tables record every language.
track_history(Activity, m2m_fields=["areas", "priorities", "groups"])
for model in (Output, Participation, OverlapDecision, ActivityUpdate):
    track_history(model)
