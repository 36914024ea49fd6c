from django.contrib import admin
from modeltranslation.admin import TranslationAdmin
from simple_history.admin import SimpleHistoryAdmin

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


class HistoryTranslationAdmin(SimpleHistoryAdmin, TranslationAdmin):
    """History of every change beside the bilingual fields."""


class BodyMemberInline(admin.TabularInline):
    model = BodyMember
    extra = 0
    autocomplete_fields = ["person", "organisation"]


@admin.register(Body)
class BodyAdmin(HistoryTranslationAdmin):
    list_display = ["name", "programme", "type", "pillar", "visibility"]
    list_filter = ["programme", "type", "visibility"]
    search_fields = ["name_en", "name_es"]
    autocomplete_fields = ["chair_organisation", "co_chair_organisation"]
    list_select_related = ["programme", "pillar"]
    inlines = [BodyMemberInline]


@admin.register(MeetingSeries)
class MeetingSeriesAdmin(SimpleHistoryAdmin):
    # Occurrences are created by coordination.services.series_extend, not here.
    list_display = ["__str__", "body", "rrule", "start_date", "start_time", "time_zone"]
    list_select_related = ["body"]


class AgendaItemInline(admin.TabularInline):
    model = AgendaItem
    extra = 0
    fields = ["order", "title_en", "title_es", "presenter", "presenter_organisation"]
    raw_id_fields = ["presenter", "presenter_organisation"]


@admin.register(Meeting)
class MeetingAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "body", "start", "status", "language"]
    list_filter = ["status", "body__programme"]
    list_select_related = ["body", "series"]
    raw_id_fields = ["series", "minutes_approved_at_meeting"]
    inlines = [AgendaItemInline]


@admin.register(ActionItem)
class ActionItemAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "body", "owner", "owner_organisation", "due_date", "status"]
    list_filter = ["status", "programme"]
    list_select_related = ["body", "owner", "owner_organisation"]
    raw_id_fields = ["meeting", "agenda_item", "decision", "owner", "owner_organisation"]


for model in (MeetingGuest, Decision, Attendance, BodyMember):
    admin.site.register(model, SimpleHistoryAdmin)
