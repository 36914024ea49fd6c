"""The public directory: search, service pages, suggestions, safety and the offline copy.

No page here sets a cookie or stores anything about the visitor; see directory.public for how the
suggestion form is protected without one.
"""

from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from directory.forms import SearchForm, SuggestionForm
from directory.models import Language, ServiceAtLocation, Suggestion, TaxonomyTerm
from directory.page_cache import public_page_cache
from directory.public import form_token, form_token_valid, rate_limited
from directory.reference import ESP_CODE
from directory.search import directory_version
from directory.selectors import (
    SearchParams,
    SearchResults,
    phones_for,
    public_services,
)
from programmes.models import Area, Programme

PAGE_SIZE = 20
SUGGESTIONS_PER_HOUR = 5


def _programme(code: str) -> Programme:
    return get_object_or_404(Programme.objects.active(), code=code.upper())


@public_page_cache
def programme_choice(request: HttpRequest) -> HttpResponse:
    programmes = (
        Programme.objects.active()
        .filter(kind=Programme.Kind.COUNTRY)
        .prefetch_related("hotlines")
        .order_by("name")
    )
    return render(request, "directory/programme_choice.html", {"programmes": programmes})


# The languages a programme's services speak: reading them visits every language record of the
# programme (a third of a second at 100,000 services), so each process keeps them this long, and
# forgets them at once when it changes a service itself (directory_version).
LANGUAGES_CACHE_SECONDS = 300


def _spoken_languages(programme: Programme) -> list[tuple[str, str]]:
    key = f"directory:languages:{programme.pk}:{directory_version()}"
    languages = cache.get(key)
    if languages is None:
        codes = (
            Language.objects.filter(
                Q(service__programme=programme) | Q(location__programme=programme)
            )
            .exclude(code="")
            .values_list("code", "name")
            .distinct()
        )
        languages = sorted(
            {code: name or code for code, name in codes}.items(), key=lambda item: item[1]
        )
        cache.set(key, languages, LANGUAGES_CACHE_SECONDS)
    return languages


def _search_choices(programme: Programme) -> dict:
    """The search form's choices in the active language, kept per process like the languages."""
    key = f"directory:choices:{programme.pk}:{get_language()}:{directory_version()}"
    choices = cache.get(key)
    if choices is None:
        terms = TaxonomyTerm.objects.filter(taxonomy__code=ESP_CODE).order_by("code")
        areas = Area.objects.filter(programme=programme, visibility="public").order_by(
            "level", "name"
        )
        choices = {
            "terms": [(term.code, term.name, term.parent_id is not None) for term in terms],
            "areas": [(area.pk, area.name) for area in areas],
        }
        cache.set(key, choices, LANGUAGES_CACHE_SECONDS)
    return {**choices, "languages": _spoken_languages(programme)}


@public_page_cache
def search(request: HttpRequest, code: str) -> HttpResponse:
    """Search the programme's public directory. The shared location is used for this answer only."""
    programme = _programme(code)
    form = SearchForm(request.GET or None, **_search_choices(programme))
    params = SearchParams()
    if form.is_valid():
        data = form.cleaned_data
        params = SearchParams(
            query=data["q"] or "",
            term=data["type"] or "",
            area_id=data["area"],
            language=data["language"] or "",
            open_now=data["open_now"],
            open_24_7=data["open_24_7"],
            latitude=data["lat"],
            longitude=data["lon"],
        )
    # Counted up to results.limit: past it the page says "more than" (results.more).
    results = SearchResults(programme, params, request.user)
    page = Paginator(results, PAGE_SIZE).get_page(request.GET.get("page"))
    query_string = request.GET.copy()
    query_string.pop("page", None)
    context = {
        "programme": programme,
        "form": form,
        "page": page,
        "rows": page.object_list,
        "more": results.more,
        "count_limit": results.limit,
        "query_string": query_string.urlencode(),
        "searched": bool(request.GET),
    }
    template = (
        "directory/includes/_results.html"
        if request.headers.get("HX-Request")
        else "directory/search.html"
    )
    return render(request, template, context)


@public_page_cache
def service_detail(request: HttpRequest, code: str, service_id) -> HttpResponse:  # type: ignore[no-untyped-def]
    programme = _programme(code)
    service = get_object_or_404(
        public_services(programme)
        .select_related("organisation")
        .prefetch_related(
            "terms__parent",
            "schedules",
            "languages",
            "required_documents",
            "cost_options",
            "service_areas__area",
        ),
        pk=service_id,
    )
    phones = phones_for(request.user, programme)
    sals = (
        ServiceAtLocation.objects.filter(service=service)
        .select_related("location__area")
        .prefetch_related(
            "location__addresses",
            "location__accessibility",
            "schedules",
            "location__schedules",
            "location__languages",
        )
    )
    context = {
        "programme": programme,
        "service": service,
        "service_phones": phones.filter(service=service),
        "locations": [
            {
                "sal": sal,
                "phones": phones.filter(Q(location=sal.location) | Q(service_at_location=sal)),
            }
            for sal in sals
        ],
        "suggest_url": reverse("directory:suggest", args=[programme.code, service.pk]),
    }
    return render(request, "directory/service_detail.html", context)


@csrf_exempt  # no cookie on public pages: the form carries a signed token instead
@require_http_methods(["GET", "POST"])
def suggest(request: HttpRequest, code: str, service_id) -> HttpResponse:  # type: ignore[no-untyped-def]
    programme = _programme(code)
    service = get_object_or_404(public_services(programme), pk=service_id)
    purpose = f"suggest:{service.pk}"
    if request.method == "POST":
        form = SuggestionForm(request.POST)
        if form.is_valid():
            if form.cleaned_data["website"] or not form_token_valid(
                form.cleaned_data["token"], purpose
            ):
                form.add_error(
                    None,
                    _(
                        "This form has expired or was sent too quickly. Please write your message again."
                    ),
                )
            elif rate_limited(request, "suggest", SUGGESTIONS_PER_HOUR):
                form.add_error(
                    None,
                    _(
                        "Too many suggestions from this connection in the last hour. Please try again later."
                    ),
                )
            else:
                suggestion = Suggestion(
                    service=service, message=form.cleaned_data["message"].strip()
                )
                suggestion.full_clean()
                suggestion.save()
                return render(
                    request,
                    "directory/suggest_thanks.html",
                    {"programme": programme, "service": service},
                )
        form.data = form.data.copy()
        form.data["token"] = form_token(purpose)
        return render(
            request,
            "directory/suggest.html",
            {"programme": programme, "service": service, "form": form},
            status=400,
        )
    form = SuggestionForm(initial={"token": form_token(purpose)})
    return render(
        request,
        "directory/suggest.html",
        {"programme": programme, "service": service, "form": form},
    )


@public_page_cache
def cover_your_tracks(request: HttpRequest, code: str) -> HttpResponse:
    return render(request, "directory/safety.html", {"programme": _programme(code)})


def offline(request: HttpRequest, code: str) -> HttpResponse:
    """Where a frontline worker asks for (or removes) an offline copy of the public directory."""
    return render(request, "directory/offline.html", {"programme": _programme(code)})


@cache_control(max_age=300)
def offline_pages(request: HttpRequest, code: str) -> JsonResponse:
    """The pages the offline copy keeps: the search page and every public service page."""
    programme = _programme(code)
    pages = [reverse("directory:search", args=[programme.code])]
    pages += [
        reverse("directory:service", args=[programme.code, pk])
        for pk in public_services(programme).values_list("pk", flat=True)
    ]
    return JsonResponse({"pages": pages})


def service_worker(request: HttpRequest, code: str) -> HttpResponse:
    """The offline copy's service worker, scoped to this programme's directory in this language.

    It is only registered when a person asks for it on the offline page.
    """
    programme = _programme(code)
    response = render(
        request,
        "directory/sw.js",
        {
            "pages_url": reverse("directory:offline_pages", args=[programme.code]),
            "cache_name": f"hub-directory-{programme.code}-{request.LANGUAGE_CODE}",
        },
        content_type="text/javascript",
    )
    response["Cache-Control"] = "no-cache"
    return response


def manifest(request: HttpRequest, code: str) -> JsonResponse:
    """The web app manifest, so the directory can be installed on a phone's home screen."""
    from django.templatetags.static import static

    programme = _programme(code)
    start = reverse("directory:search", args=[programme.code])
    data = {
        "name": _("%(programme)s: services for survivors of violence")
        % {"programme": programme.name},
        "short_name": _("Services"),
        "start_url": start,
        "scope": start,
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": "#5a2a82",
        "lang": request.LANGUAGE_CODE,
        "icons": [
            {
                "src": static("directory/icons/icon-192.png"),
                "sizes": "192x192",
                "type": "image/png",
            },
            {
                "src": static("directory/icons/icon-512.png"),
                "sizes": "512x512",
                "type": "image/png",
            },
        ],
    }
    return JsonResponse(
        data, content_type="application/manifest+json", json_dumps_params={"ensure_ascii": False}
    )
