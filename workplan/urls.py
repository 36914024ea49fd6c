from django.urls import path

from workplan import views, views_exchange, views_overview, views_review

app_name = "workplan"

urlpatterns = [
    path("<str:code>/", views.activity_list_view, name="list"),
    path("<str:code>/new/", views.activity_create, name="create"),
    path("<str:code>/check/", views.overlap_check, name="check"),
    path("<str:code>/<int:pk>/", views.activity_detail, name="detail"),
    path("<str:code>/<int:pk>/edit/", views.activity_edit, name="edit"),
    path("<str:code>/<int:pk>/check/", views.overlap_check, name="check_activity"),
    # Overview pages (workplan/views_overview.py)
    path("<str:code>/overview/agencies/", views_overview.agency_pillar, name="agency_pillar"),
    path("<str:code>/overview/areas/", views_overview.area_pillar, name="area_pillar"),
    path("<str:code>/overview/map/", views_overview.area_map, name="map"),
    path("<str:code>/overview/alignment/", views_overview.alignment, name="alignment"),
    path("<str:code>/export/", views_overview.activities_export, name="activities_export"),
    path("<str:code>/priorities/new/", views_overview.priority_create, name="priority_create"),
    path(
        "<str:code>/priorities/<int:pk>/edit/",
        views_overview.priority_edit,
        name="priority_edit",
    ),
    # Partner exchange
    path("<str:code>/updates/", views_exchange.feed, name="feed"),
    path("<str:code>/<int:pk>/updates/", views_exchange.update_post, name="update_post"),
    path(
        "<str:code>/organisations/<int:organisation_pk>/",
        views_exchange.organisation_neighbours,
        name="organisation",
    ),
    path(
        "digests/unsubscribe/<str:token>/",
        views_exchange.digest_unsubscribe,
        name="digest_unsubscribe",
    ),
    # Duplicate review
    path("<str:code>/review/", views_review.review_list, name="review"),
    path(
        "<str:code>/review/<int:first>-<int:second>/",
        views_review.review_pair,
        name="review_pair",
    ),
]
