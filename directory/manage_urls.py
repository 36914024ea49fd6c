"""Members' pages of a programme's directory, under /<lang>/directory/<code>/manage/.

Included by ``directory.urls`` (namespace ``directory``); every name starts with ``manage_``.
"""

from django.urls import path

from directory import manage_views

urlpatterns = [
    path("", manage_views.dashboard, name="manage_dashboard"),
    path("services/new/", manage_views.service_create, name="manage_service_create"),
    path("services/<uuid:service_id>/", manage_views.service_edit, name="manage_service"),
    path(
        "services/<uuid:service_id>/verify/",
        manage_views.service_verify,
        name="manage_service_verify",
    ),
    path("follow-up/", manage_views.follow_up, name="manage_follow_up"),
    path("changes/", manage_views.change_requests, name="manage_changes"),
    path("changes/<int:pk>/", manage_views.change_request, name="manage_change"),
    path("suggestions/", manage_views.suggestions, name="manage_suggestions"),
    path("suggestions/<int:pk>/", manage_views.suggestion_decide, name="manage_suggestion_decide"),
    path("coverage/", manage_views.coverage_table, name="manage_coverage"),
    path("coverage.csv", manage_views.coverage_csv, name="manage_coverage_csv"),
]
