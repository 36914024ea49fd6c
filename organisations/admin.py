from django.contrib import admin

from organisations.models import Organisation
from programmes.admin import HistoryTranslationAdmin


@admin.register(Organisation)
class OrganisationAdmin(HistoryTranslationAdmin):
    list_display = ["name", "acronym", "type", "iati_identifier", "visibility"]
    list_filter = ["type", "visibility", "programmes"]
    search_fields = ["name_en", "name_es", "acronym", "iati_identifier"]
    filter_horizontal = ["programmes"]
    autocomplete_fields = ["parent"]
