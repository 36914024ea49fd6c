from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

from config.api import api

urlpatterns = [
    path("api/v1/", api.urls),
    path("api/hsds/", include("directory.hsds.api")),
    # A bare address goes to the English site; the language is always in the path, never a cookie.
    path("", RedirectView.as_view(url="/en/", permanent=False)),
]

urlpatterns += i18n_patterns(
    path("", include("core.urls")),
    path("accounts/", include("accounts.urls")),
    path("programmes/", include("programmes.urls")),
    path("organisations/", include("organisations.urls")),
    path("directory/", include("directory.urls")),
    path("workplan/", include("workplan.urls")),
    path("coordination/", include("coordination.urls")),
    path("admin/", admin.site.urls),
    prefix_default_language=True,
)

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
