"""The HSDS 3.0 API of each programme's directory, under ``/api/hsds/{programme_code}/``.

A NinjaAPI of its own (its OpenAPI document and docs at ``/api/hsds/docs``), with the same
authentication and error shape as the hub's API v1. The programme is the first segment of every
path: ``/api/hsds/JM/services``. Mounted with ``path("api/hsds/", include("directory.hsds.api"))``.

Who reads what is decided as everywhere else: services by ``directory.selectors`` (anonymous
readers get the public directory), confidential locations and private phones by
``core.permissions.can_see_confidential`` through ``serialize.Reader``. Texts are in the language
of the request (``Accept-Language``), falling back to the other language.

``proximity=lat,lon`` orders service-at-locations by distance from that point; a confidential
location is never given a distance nor ordered by one (it sorts last), so that nobody can
triangulate a shelter. No distance is ever written in a response.
"""

from __future__ import annotations

import json
import math
import uuid
from collections.abc import Callable, Iterator
from datetime import datetime
from typing import Any

from csp.constants import SELF, UNSAFE_INLINE
from csp.decorators import csp_update
from django.conf import settings
from django.db.models import (
    Case,
    ExpressionWrapper,
    F,
    FloatField,
    Model,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce, NullIf
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import NinjaAPI, Query
from ninja.errors import ValidationError as RequestInvalid

from core.api import READ_AUTH, install_error_handlers
from core.permissions import can_view_programme_space
from directory import models as m
from directory.hsds import HSDS_VERSION
from directory.hsds import serialize as s
from directory.search import query_condition
from directory.selectors import public_services, services_visible_to
from organisations.models import Organisation
from programmes.models import Programme

SCHEMAS = "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/"
PAGE_SIZE = settings.API_PAGE_SIZE
MAX_PAGE_SIZE = settings.NINJA_PAGINATION_MAX_LIMIT

api = NinjaAPI(
    title="Spotlight Coordination Hub: HSDS API",
    version=HSDS_VERSION,
    description=str(
        gettext_lazy(
            "Open Referral HSDS 3.0 API of each programme's service directory, at "
            "/api/hsds/{programme_code}/. Anonymous readers get the public directory; members "
            "authenticate with their session or a personal API token (Authorization: Bearer "
            "<token>). Confidential locations and private phones reach only members whose role "
            "allows it, marked with the attribute spotlight-hub/confidential. Texts are in the "
            "language of Accept-Language. Errors share the hub's shape: "
            '{"error": {"status", "code", "message", "fields"}}.'
        )
    ),
    urls_namespace="hsds",
    auth=READ_AUTH,
    # Swagger UI, served from our own static files, styles itself inline.
    docs_decorator=csp_update({"style-src": [SELF, UNSAFE_INLINE], "img-src": [SELF, "data:"]}),
)
install_error_handlers(api)


# --- OpenAPI: the HSDS schemas each answer follows ---------------------------------------------

_PAGE = {
    "type": "object",
    "properties": {
        "total_items": {"type": "integer"},
        "total_pages": {"type": "integer"},
        "page_number": {"type": "integer"},
        "size": {"type": "integer"},
        "first_page": {"type": "boolean"},
        "last_page": {"type": "boolean"},
        "empty": {"type": "boolean"},
    },
}


def _answers(schema: str, *, paged: bool = False) -> dict[str, Any]:
    content = {"$ref": SCHEMAS + schema}
    if paged:
        content = {
            "allOf": [_PAGE],
            "properties": {"contents": {"type": "array", "items": content}},
        }
    return {
        "responses": {
            200: {
                "description": "OK",
                "content": {
                    "application/json": {"schema": content},
                    **(
                        {"application/x-ndjson": {"schema": {"$ref": SCHEMAS + schema}}}
                        if paged
                        else {}
                    ),
                },
            }
        }
    }


# --- Who sees what ----------------------------------------------------------------------------


def _programme(request: HttpRequest, code: str) -> Programme:
    return get_object_or_404(Programme.objects.visible_to(request.user), code=code.upper())


def _services(request: HttpRequest, programme: Programme) -> QuerySet[m.Service]:
    """Anonymous readers get the public directory; others what their roles allow. Inactive and
    defunct services are for the programme's members."""
    user = request.user
    if not user.is_authenticated:
        return public_services(programme)
    services = services_visible_to(user).filter(programme=programme)
    if not can_view_programme_space(user, programme):
        services = services.filter(
            status__in=[m.Service.Status.ACTIVE, m.Service.Status.TEMPORARILY_CLOSED]
        )
    return services


def _service_at_locations(
    services: QuerySet[m.Service], reader: s.Reader
) -> QuerySet[m.ServiceAtLocation]:
    return m.ServiceAtLocation.objects.filter(service__in=services).filter(
        s.visible_locations_q(reader, "location__")
    )


def _organisations(services: QuerySet[m.Service]) -> QuerySet[Organisation]:
    """The organisations that provide a service the reader may see: that service names them."""
    return Organisation.objects.filter(pk__in=services.values("organisation_id"))


# --- Parameters -------------------------------------------------------------------------------


def _invalid(field: str, message: str) -> RequestInvalid:
    return RequestInvalid([{"loc": ("query", field), "msg": message}])


def _uuid_or_404(value: str) -> uuid.UUID:
    try:
        return uuid.UUID(value)
    except ValueError as error:
        raise Http404 from error


def _proximity(value: str) -> tuple[float, float] | None:
    if not value.strip():
        return None
    try:
        latitude, longitude = (float(part) for part in value.split(","))
    except ValueError as error:
        raise _invalid(
            "proximity", _("Give a point as latitude,longitude, e.g. 18.01,-76.79.")
        ) from error
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180) or math.isnan(latitude + longitude):
        raise _invalid("proximity", _("The latitude must be within ±90 and the longitude ±180."))
    return latitude, longitude


def _since(value: datetime | None) -> datetime | None:
    if value is not None and timezone.is_naive(value):
        return timezone.make_aware(value, timezone.UTC)
    return value


def _by_name(prefix: str, language: str) -> Any:
    """Order by the name in the reader's language, or in the other when that one is empty."""
    other = next(code for code, _name in settings.LANGUAGES if code != language)
    return Coalesce(
        NullIf(F(f"{prefix}name_{language}"), Value("")), F(f"{prefix}name_{other}")
    ).asc()


def _search_services(services: QuerySet[m.Service], search: str) -> QuerySet[m.Service]:
    condition, has_words = query_condition(search)
    if not has_words:
        return services
    return services.filter(
        pk__in=m.ServiceAtLocation.objects.filter(condition).values("service_id")
    )


def _by_term(
    services: QuerySet[m.Service], taxonomy_term_id: uuid.UUID | None, taxonomy_id: uuid.UUID | None
) -> QuerySet[m.Service]:
    links = m.Service.terms.through.objects
    if taxonomy_term_id is not None:
        # A sector includes its kinds of service.
        services = services.filter(
            pk__in=links.filter(
                Q(taxonomyterm_id=taxonomy_term_id) | Q(taxonomyterm__parent_id=taxonomy_term_id)
            ).values("service_id")
        )
    if taxonomy_id is not None:
        services = services.filter(
            pk__in=links.filter(taxonomyterm__taxonomy_id=taxonomy_id).values("service_id")
        )
    return services


# --- Answers ----------------------------------------------------------------------------------


def _json(request: HttpRequest, body: Any, reader: s.Reader) -> HttpResponse:
    response = JsonResponse(body, safe=False, json_dumps_params={"ensure_ascii": False})
    response["Content-Language"] = reader.language
    return response


def _listing(
    request: HttpRequest,
    queryset: QuerySet[Any],
    to_object: Callable[[Any], dict[str, Any] | None],
    reader: s.Reader,
    *,
    page: int,
    per_page: int,
    output: str,
) -> HttpResponse:
    """An HSDS page of objects, or every object as NDJSON (``format=ndjson``)."""
    if output == "ndjson":
        ids = list(queryset.values_list("pk", flat=True))

        def lines() -> Iterator[str]:
            for start in range(0, len(ids), 200):
                batch = ids[start : start + 200]
                objects: dict[Any, Model] = {obj.pk: obj for obj in queryset.filter(pk__in=batch)}
                for pk in batch:
                    obj = to_object(objects[pk])
                    if obj is not None:
                        yield json.dumps(obj, ensure_ascii=False) + "\n"

        response = StreamingHttpResponse(lines(), content_type="application/x-ndjson")
        response["Content-Language"] = reader.language
        return response
    total = queryset.count()
    pages = math.ceil(total / per_page)
    start = (page - 1) * per_page
    contents = [
        obj for obj in map(to_object, queryset[start : start + per_page]) if obj is not None
    ]
    body = {
        "total_items": total,
        "total_pages": pages,
        "page_number": page,
        "size": len(contents),
        "first_page": page == 1,
        "last_page": page >= pages,
        "empty": total == 0,
        "contents": contents,
    }
    return _json(request, body, reader)


Page = Query(1, ge=1, description="Page number, from 1.")
PerPage = Query(PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE, description="Objects per page.")
Output = Query("json", alias="format", pattern="^(json|ndjson)$", description="json or ndjson.")


# --- Endpoints --------------------------------------------------------------------------------


@api.get("/{programme_code}/", summary="About this API", tags=["hsds"])
def about(request: HttpRequest, programme_code: str) -> HttpResponse:
    programme = _programme(request, programme_code)
    reader = s.Reader.for_user(request.user, programme)
    body = {
        "version": HSDS_VERSION,
        "openapi_url": request.build_absolute_uri(reverse(f"{api.urls_namespace}:openapi-json")),
    }
    return _json(request, body, reader)


@api.get(
    "/{programme_code}/services",
    summary="Services, one page at a time",
    tags=["hsds"],
    openapi_extra=_answers("compiled/service_list.json", paged=True),
)
def list_services(
    request: HttpRequest,
    programme_code: str,
    search: str = "",
    page: int = Page,
    per_page: int = PerPage,
    output: str = Output,
    taxonomy_term_id: uuid.UUID | None = None,
    taxonomy_id: uuid.UUID | None = None,
    organization_id: uuid.UUID | None = None,
    modified_after: datetime | None = None,
    minimal: bool = False,
    full: bool = False,
) -> HttpResponse:
    programme = _programme(request, programme_code)
    reader = s.Reader.for_user(request.user, programme)
    services = _by_term(
        _search_services(_services(request, programme), search), taxonomy_term_id, taxonomy_id
    )
    if organization_id is not None:
        services = services.filter(organisation__hsds_id=organization_id)
    if modified_after is not None:
        services = services.filter(updated_at__gte=_since(modified_after))
    services = s.with_service_data(services, reader, full=full and not minimal).order_by(
        _by_name("", reader.language), "pk"
    )
    if minimal:
        return _listing(
            request,
            services,
            lambda service: s.minimal_service_object(service, reader),
            reader,
            page=page,
            per_page=per_page,
            output=output,
        )
    return _listing(
        request,
        services,
        lambda service: s.service_object(service, reader, full=full),
        reader,
        page=page,
        per_page=per_page,
        output=output,
    )


@api.get(
    "/{programme_code}/services/{service_id}",
    summary="One service, with everything about it",
    tags=["hsds"],
    openapi_extra=_answers("compiled/service.json"),
)
def get_service(request: HttpRequest, programme_code: str, service_id: str) -> HttpResponse:
    programme = _programme(request, programme_code)
    reader = s.Reader.for_user(request.user, programme)
    services = s.with_service_data(_services(request, programme), reader)
    service = get_object_or_404(services, pk=_uuid_or_404(service_id))
    return _json(request, s.service_object(service, reader), reader)


def _organisation_data(
    organisations: QuerySet[Organisation],
    services: QuerySet[m.Service],
    programme: Programme,
    reader: s.Reader,
    *,
    full_service: bool,
) -> QuerySet[Organisation]:
    from django.db.models import Prefetch

    return organisations.prefetch_related(
        Prefetch(
            "services",
            queryset=s.with_service_data(
                m.Service.objects.filter(pk__in=services.values("pk")), reader, full=full_service
            ).order_by(_by_name("", reader.language), "pk"),
            to_attr="hsds_services",
        ),
        Prefetch(
            "locations",
            queryset=s.locations_queryset(reader).filter(programme=programme),
            to_attr="hsds_locations",
        ),
        Prefetch(
            "phones",
            # The organisation's own lines; those of its services come with the services.
            queryset=s.phones_queryset(reader).filter(
                service__isnull=True, location__isnull=True, service_at_location__isnull=True
            ),
            to_attr="hsds_phones",
        ),
    )


def _organisation_full(organisation: Organisation, reader: s.Reader, full_service: bool) -> dict:
    return s.organization_full(
        organisation,
        reader,
        services=organisation.hsds_services,
        locations=organisation.hsds_locations,
        phones=organisation.hsds_phones,
        full_services=full_service,
    )


@api.get(
    "/{programme_code}/organizations",
    summary="Organisations that provide the programme's services",
    tags=["hsds"],
    openapi_extra=_answers("compiled/organization_list.json", paged=True),
)
def list_organisations(
    request: HttpRequest,
    programme_code: str,
    search: str = "",
    full_service: bool = False,
    full: bool = False,
    page: int = Page,
    per_page: int = PerPage,
    output: str = Output,
) -> HttpResponse:
    programme = _programme(request, programme_code)
    reader = s.Reader.for_user(request.user, programme)
    services = _services(request, programme)
    organisations = (
        _organisations(services).search(search).order_by(_by_name("", reader.language), "pk")
    )
    if full or full_service:
        organisations = _organisation_data(
            organisations, services, programme, reader, full_service=full_service
        )
        return _listing(
            request,
            organisations,
            lambda org: _organisation_full(org, reader, full_service),
            reader,
            page=page,
            per_page=per_page,
            output=output,
        )
    return _listing(
        request,
        organisations,
        lambda org: s.organization_object(org, reader),
        reader,
        page=page,
        per_page=per_page,
        output=output,
    )


@api.get(
    "/{programme_code}/organizations/{organization_id}",
    summary="One organisation, with its services, locations and phones",
    tags=["hsds"],
    openapi_extra=_answers("compiled/organization.json"),
)
def get_organisation(
    request: HttpRequest, programme_code: str, organization_id: str, full_service: bool = False
) -> HttpResponse:
    programme = _programme(request, programme_code)
    reader = s.Reader.for_user(request.user, programme)
    services = _services(request, programme)
    organisations = _organisation_data(
        _organisations(services), services, programme, reader, full_service=full_service
    )
    organisation = get_object_or_404(organisations, hsds_id=_uuid_or_404(organization_id))
    return _json(request, _organisation_full(organisation, reader, full_service), reader)


def _by_proximity(
    sals: QuerySet[m.ServiceAtLocation], point: tuple[float, float], language: str
) -> QuerySet[m.ServiceAtLocation]:
    """Nearest first, by an equirectangular distance (good enough within a country). A
    confidential location gets no distance and sorts last: a distance would let anyone
    triangulate a shelter."""
    latitude, longitude = point
    scale = math.cos(math.radians(latitude))
    dlat = Cast("location__latitude", FloatField()) - Value(latitude)
    dlon = (Cast("location__longitude", FloatField()) - Value(longitude)) * Value(scale)
    nothing = Value(None, output_field=FloatField())
    return sals.annotate(
        hsds_distance=Case(
            When(location__is_confidential=True, then=nothing),
            When(location__latitude__isnull=True, then=nothing),
            When(location__longitude__isnull=True, then=nothing),
            default=ExpressionWrapper(dlat * dlat + dlon * dlon, output_field=FloatField()),
            output_field=FloatField(),
        )
    ).order_by(F("hsds_distance").asc(nulls_last=True), _by_name("service__", language), "pk")


@api.get(
    "/{programme_code}/service_at_locations",
    summary="Services at their locations, one page at a time",
    tags=["hsds"],
    openapi_extra=_answers("compiled/service_at_location_list.json", paged=True),
)
def list_service_at_locations(
    request: HttpRequest,
    programme_code: str,
    search: str = "",
    taxonomy_term_id: uuid.UUID | None = None,
    taxonomy_id: uuid.UUID | None = None,
    organization_id: uuid.UUID | None = None,
    modified_after: datetime | None = None,
    full: bool = False,
    page: int = Page,
    per_page: int = PerPage,
    output: str = Output,
    proximity: str = Query(
        "", description="latitude,longitude: nearest first (confidential locations last)."
    ),
) -> HttpResponse:
    programme = _programme(request, programme_code)
    reader = s.Reader.for_user(request.user, programme)
    point = _proximity(proximity)
    services = _by_term(_services(request, programme), taxonomy_term_id, taxonomy_id)
    if organization_id is not None:
        services = services.filter(organisation__hsds_id=organization_id)
    sals = _service_at_locations(services, reader)
    condition, has_words = query_condition(search)
    if has_words:
        sals = sals.filter(condition)
    if modified_after is not None:
        since = _since(modified_after)
        sals = sals.filter(
            Q(updated_at__gte=since)
            | Q(service__updated_at__gte=since)
            | Q(location__updated_at__gte=since)
        )
    sals = s.with_sal_data(sals, reader, full=full)
    if full:
        sals = sals.prefetch_related(
            *s.service_prefetches(reader, "service__", with_locations=False)
        )
    if point is not None:
        sals = _by_proximity(sals, point, reader.language)
    else:
        sals = sals.order_by(_by_name("service__", reader.language), "pk")
    return _listing(
        request,
        sals,
        lambda sal: s.service_at_location_object(sal, reader, full=full),
        reader,
        page=page,
        per_page=per_page,
        output=output,
    )


@api.get(
    "/{programme_code}/service_at_locations/{service_at_location_id}",
    summary="One service at one location, with everything about both",
    tags=["hsds"],
    openapi_extra=_answers("compiled/service_at_location.json"),
)
def get_service_at_location(
    request: HttpRequest, programme_code: str, service_at_location_id: str
) -> HttpResponse:
    programme = _programme(request, programme_code)
    reader = s.Reader.for_user(request.user, programme)
    sals = s.with_sal_data(_service_at_locations(_services(request, programme), reader), reader)
    sals = sals.prefetch_related(*s.service_prefetches(reader, "service__", with_locations=False))
    sal = get_object_or_404(sals, pk=_uuid_or_404(service_at_location_id))
    return _json(request, s.service_at_location_object(sal, reader), reader)


def _taxonomies(search: str) -> QuerySet[m.Taxonomy]:
    taxonomies = m.Taxonomy.objects.all()
    if search.strip():
        text = search.strip()
        taxonomies = taxonomies.filter(
            Q(code__icontains=text) | Q(name_en__icontains=text) | Q(name_es__icontains=text)
        )
    return taxonomies.order_by("code")


@api.get(
    "/{programme_code}/taxonomies",
    summary="Taxonomies",
    tags=["hsds"],
    openapi_extra=_answers("taxonomy.json", paged=True),
)
def list_taxonomies(
    request: HttpRequest,
    programme_code: str,
    search: str = "",
    page: int = Page,
    per_page: int = PerPage,
    output: str = Output,
) -> HttpResponse:
    programme = _programme(request, programme_code)
    reader = s.Reader.for_user(request.user, programme)
    return _listing(
        request,
        _taxonomies(search),
        lambda taxonomy: s.taxonomy_object(taxonomy, reader),
        reader,
        page=page,
        per_page=per_page,
        output=output,
    )


@api.get(
    "/{programme_code}/taxonomies/{taxonomy_id}",
    summary="One taxonomy",
    tags=["hsds"],
    openapi_extra=_answers("taxonomy.json"),
)
def get_taxonomy(request: HttpRequest, programme_code: str, taxonomy_id: str) -> HttpResponse:
    programme = _programme(request, programme_code)
    reader = s.Reader.for_user(request.user, programme)
    taxonomy = get_object_or_404(m.Taxonomy, pk=_uuid_or_404(taxonomy_id))
    return _json(request, s.taxonomy_object(taxonomy, reader), reader)


@api.get(
    "/{programme_code}/taxonomy_terms",
    summary="Taxonomy terms",
    tags=["hsds"],
    openapi_extra=_answers("taxonomy_term.json", paged=True),
)
def list_taxonomy_terms(
    request: HttpRequest,
    programme_code: str,
    search: str = "",
    page: int = Page,
    per_page: int = PerPage,
    output: str = Output,
    taxonomy_id: uuid.UUID | None = None,
    top_only: bool = False,
    parent_id: uuid.UUID | None = None,
) -> HttpResponse:
    programme = _programme(request, programme_code)
    reader = s.Reader.for_user(request.user, programme)
    terms = m.TaxonomyTerm.objects.select_related("taxonomy")
    if taxonomy_id is not None:
        terms = terms.filter(taxonomy_id=taxonomy_id)
    if parent_id is not None:
        terms = terms.filter(parent_id=parent_id)
    if top_only:
        terms = terms.filter(parent__isnull=True)
    if search.strip():
        text = search.strip()
        terms = terms.filter(
            Q(code__icontains=text) | Q(name_en__icontains=text) | Q(name_es__icontains=text)
        )
    return _listing(
        request,
        terms.order_by("taxonomy__code", "code"),
        lambda term: s.taxonomy_term_object(term, reader),
        reader,
        page=page,
        per_page=per_page,
        output=output,
    )


@api.get(
    "/{programme_code}/taxonomy_terms/{taxonomy_term_id}",
    summary="One taxonomy term",
    tags=["hsds"],
    openapi_extra=_answers("taxonomy_term.json"),
)
def get_taxonomy_term(
    request: HttpRequest, programme_code: str, taxonomy_term_id: str
) -> HttpResponse:
    programme = _programme(request, programme_code)
    reader = s.Reader.for_user(request.user, programme)
    term = get_object_or_404(
        m.TaxonomyTerm.objects.select_related("taxonomy"), pk=_uuid_or_404(taxonomy_term_id)
    )
    return _json(request, s.taxonomy_term_object(term, reader), reader)


# Mounted in config/urls.py with include("directory.hsds.api"); after every endpoint, since
# reading api.urls freezes the API.
urlpatterns = [path("", api.urls)]
