from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from accounts.models import ApiToken, Invitation, User
from programmes.models import Membership


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["programme"]


@admin.register(User)
class HubUserAdmin(SimpleHistoryAdmin, UserAdmin):
    fieldsets = (
        *UserAdmin.fieldsets,
        (_("Profile"), {"fields": ("organisation", "job_title", "preferred_language")}),
    )
    list_display = ["username", "email", "first_name", "last_name", "organisation", "is_active"]
    list_select_related = ["organisation"]
    autocomplete_fields = ["organisation"]
    inlines = [MembershipInline]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = [
        "email",
        "programme",
        "role",
        "invited_by",
        "expires_at",
        "accepted_at",
        "revoked_at",
    ]
    list_filter = ["programme", "role"]
    search_fields = ["email"]
    readonly_fields = ["token_hash", "invited_by", "accepted_at", "accepted_by"]
    list_select_related = ["programme", "invited_by"]

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        # Invitations are created from the programme page so that the link is e-mailed.
        return False


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["name", "user", "hint", "created_at", "last_used_at", "revoked_at"]
    search_fields = ["name", "user__username"]
    readonly_fields = ["token_hash", "hint", "last_used_at"]
    list_select_related = ["user"]

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        # A token's secret is shown once to its owner, on their own tokens page.
        return False
