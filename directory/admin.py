from django.contrib import admin
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

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


class CostOptionInline(admin.TabularInline):
    model = m.CostOption
    extra = 0
    fields = ["option", "amount", "currency", "amount_description", "valid_from", "valid_to"]


class RequiredDocumentInline(admin.TabularInline):
    model = m.RequiredDocument
    extra = 0
    fields = ["document_en", "document_es", "uri"]


class AccessibilityInline(admin.TabularInline):
    model = m.Accessibility
    extra = 0
    fields = ["description_en", "description_es", "details_en", "details_es", "url"]


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
    inlines = [
        PhoneInline,
        ScheduleInline,
        CostOptionInline,
        RequiredDocumentInline,
        ServiceAtLocationInline,
    ]


@admin.register(m.Location)
class LocationAdmin(HistoryTranslationAdmin):
    list_display = ["name", "programme", "area", "location_type", "is_confidential"]
    list_filter = ["programme", "is_confidential", "location_type"]
    search_fields = ["name_en", "name_es"]
    autocomplete_fields = ["organisation"]
    list_select_related = ["programme", "area"]
    inlines = [AddressInline, AccessibilityInline, PhoneInline]


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
    search_fields = ["message", "service__name_en", "service__name_es"]
    date_hierarchy = "created_at"
    readonly_fields = ["service", "message", "decided_by", "decided_at"]
    list_select_related = ["service", "decided_by"]

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        # Suggestions come from the public form only.
        return False


@admin.register(m.ServiceChangeRequest)
class ServiceChangeRequestAdmin(admin.ModelAdmin):
    """Proposals by focal points and partners, to look up; they are decided on the members' page.

    Approving applies the proposal through ``directory.manage_proposals`` (history, search index,
    checks), which the admin would bypass: here they can only be read, and deleted.
    """

    list_display = [
        "service_name",
        "programme",
        "new_service",
        "status",
        "proposed_by",
        "created_at",
        "decided_by",
        "decided_at",
    ]
    list_filter = ["status", "new_service", "programme"]
    search_fields = [
        "service__name_en",
        "service__name_es",
        "proposed_by__username",
        "proposed_by__email",
        "note",
    ]
    list_select_related = ["service", "programme", "proposed_by", "decided_by"]
    date_hierarchy = "created_at"
    fields = [
        "programme",
        "service",
        "new_service",
        "status",
        "proposed_by",
        "created_at",
        "data",
        "original",
        "decided_by",
        "decided_at",
        "note",
        "decide_on_members_page",
    ]
    readonly_fields = fields

    @admin.display(description=_("service"))
    def service_name(self, change: m.ServiceChangeRequest) -> str:
        return change.service_name

    @admin.display(description=_("decide"))
    def decide_on_members_page(self, change: m.ServiceChangeRequest) -> str:
        path = reverse("directory:manage_change", args=[change.programme.code, change.pk])
        return format_html('<a href="{}">{}</a>', path, _("Open on the members' page"))

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # proposals come from the members' pages only

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
