from django.contrib import admin
from django.db import models
from modeltranslation.admin import TranslationAdmin
from simple_history.admin import SimpleHistoryAdmin

from programmes.models import Area, GovernmentPriority, Membership, Pillar, Programme


class HttpsUrlAdmin(admin.ModelAdmin):
    # A pasted "example.org" becomes https://example.org (Django 6's default, asked for now).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


class HistoryTranslationAdmin(SimpleHistoryAdmin, TranslationAdmin, HttpsUrlAdmin):
    """History of every change beside the bilingual fields, for every shared record."""


@admin.register(Programme)
class ProgrammeAdmin(HistoryTranslationAdmin):
    list_display = ["code", "name", "kind", "country", "region", "default_language", "is_active"]
    list_filter = ["kind", "region", "is_active"]
    search_fields = ["code", "name_en", "name_es"]


@admin.register(Membership)
class MembershipAdmin(SimpleHistoryAdmin):
    list_display = ["user", "programme", "role", "created_at"]
    list_filter = ["programme", "role"]
    search_fields = ["user__username", "user__email", "user__first_name", "user__last_name"]
    autocomplete_fields = ["user", "programme"]
    list_select_related = ["user", "programme"]


@admin.register(Area)
class AreaAdmin(HistoryTranslationAdmin):
    list_display = ["name", "programme", "level", "parent", "code", "visibility"]
    list_filter = ["programme", "level", "visibility"]
    search_fields = ["name_en", "name_es", "code"]
    autocomplete_fields = ["parent"]
    list_select_related = ["programme", "parent"]


@admin.register(Pillar)
class PillarAdmin(HistoryTranslationAdmin):
    list_display = ["number", "name"]


@admin.register(GovernmentPriority)
class GovernmentPriorityAdmin(HistoryTranslationAdmin):
    list_display = ["code", "title", "framework", "programme", "parent", "visibility"]
    list_filter = ["programme", "visibility"]
    search_fields = ["code", "title_en", "title_es", "framework"]
    autocomplete_fields = ["parent"]
    list_select_related = ["programme", "parent"]
