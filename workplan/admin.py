from django.contrib import admin
from modeltranslation.admin import TranslationAdmin
from simple_history.admin import SimpleHistoryAdmin

from workplan.models import (
    Activity,
    ActivityUpdate,
    Output,
    OverlapDecision,
    Participation,
    TargetGroup,
)


class HistoryTranslationAdmin(SimpleHistoryAdmin, TranslationAdmin):
    """History of every change beside the bilingual fields."""


class ParticipationInline(admin.TabularInline):
    model = Participation
    extra = 0
    autocomplete_fields = ["organisation"]


@admin.register(Activity)
class ActivityAdmin(HistoryTranslationAdmin):
    # Changes made here skip the services, so the term index of the duplicate check is not
    # refreshed: use the workplan pages or the API, or ``activities_reindex`` afterwards.
    list_display = ["title", "programme", "lead_organisation", "pillar", "status", "visibility"]
    list_filter = ["programme", "pillar", "status", "visibility"]
    search_fields = ["title_en", "title_es", "iati_identifier"]
    autocomplete_fields = ["lead_organisation", "areas", "priorities"]
    filter_horizontal = ["groups"]
    list_select_related = ["programme", "lead_organisation", "pillar"]
    inlines = [ParticipationInline]


@admin.register(Output)
class OutputAdmin(HistoryTranslationAdmin):
    list_display = ["number", "title", "programme", "pillar"]
    list_filter = ["programme", "pillar"]
    search_fields = ["number", "title_en", "title_es"]
    list_select_related = ["programme", "pillar"]


@admin.register(TargetGroup)
class TargetGroupAdmin(TranslationAdmin):
    list_display = ["name", "code", "leave_no_one_behind", "order"]
    list_filter = ["leave_no_one_behind"]


@admin.register(OverlapDecision)
class OverlapDecisionAdmin(SimpleHistoryAdmin):
    list_display = ["activity_a", "activity_b", "decision", "decided_by", "decided_at"]
    list_filter = ["programme", "decision"]
    raw_id_fields = ["activity_a", "activity_b"]
    readonly_fields = ["signature_a", "signature_b"]
    list_select_related = ["activity_a", "activity_b", "decided_by"]


@admin.register(ActivityUpdate)
class ActivityUpdateAdmin(SimpleHistoryAdmin):
    # A status change made here does not change the activity: post it on the activity's page.
    list_display = ["activity", "kind", "organisation", "author", "created_at"]
    list_filter = ["kind", "activity__programme"]
    search_fields = ["text"]
    raw_id_fields = ["activity", "author"]
    list_select_related = ["activity", "organisation", "author"]
