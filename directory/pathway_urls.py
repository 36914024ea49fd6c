"""Referral pathways, included by ``directory.urls`` under ``<code>/pathway/``.

No ``app_name``: the names live in the ``directory`` namespace (``directory:pathway``).
"""

from django.urls import path

from directory import pathway_views

urlpatterns = [
    path("", pathway_views.pathway_list, name="pathway_list"),
    path("<int:area_id>/", pathway_views.pathway, name="pathway"),
    path("<int:area_id>.pdf", pathway_views.pathway_pdf, name="pathway_pdf"),
]
