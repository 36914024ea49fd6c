from django.contrib import admin

from directory import models as m
from programmes.admin import HistoryTranslationAdmin, HttpsUrlAdmin


class AddressInline(admin.TabularInline):
    model = m.Address
    extra = 0


class PhoneInline(admin.TabularInline):
    model = m.Phone
    extra = 0
    fields = ["number", "extension", "type", "description_en", "description_es", "is_private"]


class ScheduleInline(admin.TabularInline):
    model = m.Schedule
    extra = 0
    fields = [
        "byday",
        "opens_at",
        "closes_at",
        "valid_from",
        "valid_to",
        "description_en",
        "description_es",
    ]


class ServiceAtLocationInline(admin.TabularInline):
    model = m.ServiceAtLocation
    extra = 0
    autocomplete_fields = ["location"]
    fields = ["location", "description_en", "description_es"]


@admin.register(m.Taxonomy)
class TaxonomyAdmin(HistoryTranslationAdmin):
    list_display = ["code", "name", "version"]


@admin.register(m.TaxonomyTerm)
class TaxonomyTermAdmin(HistoryTranslationAdmin):
    list_display = ["code", "name", "taxonomy", "parent"]
    list_filter = ["taxonomy"]
    search_fields = ["code", "name_en", "name_es"]
    list_select_related = ["taxonomy", "parent"]


@admin.register(m.Service)
class ServiceAdmin(HistoryTranslationAdmin):
    list_display = [
        "name",
        "organisation",
        "programme",
        "status",
        "assured_date",
        "open_24_7",
        "visibility",
    ]
    list_filter = ["programme", "status", "visibility", "terms"]
    search_fields = ["name_en", "name_es", "organisation__name_en", "organisation__acronym"]
    autocomplete_fields = ["organisation"]
    filter_horizontal = ["terms"]
    list_select_related = ["organisation", "programme"]
    inlines = [PhoneInline, ScheduleInline, ServiceAtLocationInline]


@admin.register(m.Location)
class LocationAdmin(HistoryTranslationAdmin):
    list_display = ["name", "programme", "area", "location_type", "is_confidential"]
    list_filter = ["programme", "is_confidential", "location_type"]
    search_fields = ["name_en", "name_es"]
    autocomplete_fields = ["organisation"]
    list_select_related = ["programme", "area"]
    inlines = [AddressInline, PhoneInline]


@admin.register(m.Hotline)
class HotlineAdmin(HistoryTranslationAdmin):
    list_display = ["name", "number", "programme", "order"]
    list_filter = ["programme"]


@admin.register(m.DirectorySettings)
class DirectorySettingsAdmin(HttpsUrlAdmin):
    list_display = ["programme", "quick_exit_url"]


@admin.register(m.Suggestion)
class SuggestionAdmin(admin.ModelAdmin):
    list_display = ["service", "status", "created_at", "decided_by"]
    list_filter = ["status", "service__programme"]
    readonly_fields = ["service", "message", "decided_by", "decided_at"]
    list_select_related = ["service", "decided_by"]

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        # Suggestions come from the public form only.
        return False
