from django.urls import include, path

from directory import views

app_name = "directory"

urlpatterns = [
    # Public directory (no login, no cookies).
    path("", views.programme_choice, name="programmes"),
    path("<str:code>/", views.search, name="search"),
    path("<str:code>/safety/", views.cover_your_tracks, name="safety"),
    path("<str:code>/services/<uuid:service_id>/", views.service_detail, name="service"),
    path("<str:code>/services/<uuid:service_id>/suggest/", views.suggest, name="suggest"),
    path("<str:code>/offline/", views.offline, name="offline"),
    path("<str:code>/pathway/", include("directory.pathway_urls")),
    path("<str:code>/manage/", include("directory.manage_urls")),
    path("<str:code>/offline/pages.json", views.offline_pages, name="offline_pages"),
    path("<str:code>/sw.js", views.service_worker, name="service_worker"),
    path("<str:code>/manifest.webmanifest", views.manifest, name="manifest"),
]
