"""API for programmes, their areas and government priorities, and the Spotlight pillars."""

from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from typing import Any, Literal

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.pagination import LimitOffsetPagination, paginate

from core.api import WRITE_AUTH, forbid
from core.permissions import can_create_programme, can_manage_programme
from programmes import services
from programmes.models import Area, GovernmentPriority, Pillar, Programme

router = Router()

VisibilityCode = Literal["programme", "region", "public"]


# --- Schemas ----------------------------------------------------------------------------------


class ProgrammeOut(Schema):
    code: str
    name: str
    name_en: str | None
    name_es: str | None
    kind: str
    country: str
    region: str
    languages: list[str]
    default_language: str
    time_zone: str
    is_active: bool

    @staticmethod
    def resolve_country(obj: Programme) -> str:
        return obj.country.code or ""


class ProgrammeUpdateIn(Schema):
    name_en: str | None = None
    name_es: str | None = None
    languages: list[str] | None = None
    default_language: str | None = None
    time_zone: str | None = None
    is_active: bool | None = None


class ProgrammeCreateIn(Schema):
    code: str
    name_en: str = ""
    name_es: str = ""
    kind: Literal["country", "regional"] = "country"
    country: str = ""
    region: str
    languages: list[str]
    default_language: str
    time_zone: str = "UTC"


class PillarOut(Schema):
    number: int
    name: str
    name_en: str
    name_es: str
    outcome: str
    outcome_en: str
    outcome_es: str


class AreaOut(Schema):
    id: int
    programme: str = Field(..., alias="programme.code")
    parent_id: int | None
    level: int
    name: str
    name_en: str | None
    name_es: str | None
    code: str
    latitude: Decimal | None
    longitude: Decimal | None
    boundary: dict[str, Any] | None
    visibility: str


class AreaIn(Schema):
    parent_id: int | None = None
    level: int
    name_en: str = ""
    name_es: str = ""
    code: str = ""
    latitude: Decimal | None = None
    longitude: Decimal | None = None
    boundary: dict[str, Any] | None = None
    visibility: VisibilityCode = "public"


class AreaPatch(Schema):
    parent_id: int | None = None
    level: int | None = None
    name_en: str | None = None
    name_es: str | None = None
    code: str | None = None
    latitude: Decimal | None = None
    longitude: Decimal | None = None
    boundary: dict[str, Any] | None = None
    visibility: VisibilityCode | None = None


class PriorityOut(Schema):
    id: int
    programme: str = Field(..., alias="programme.code")
    parent_id: int | None
    framework: str
    code: str
    title: str
    title_en: str | None
    title_es: str | None
    description: str
    visibility: str


class PriorityIn(Schema):
    parent_id: int | None = None
    framework: str
    code: str
    title_en: str = ""
    title_es: str = ""
    description_en: str = ""
    description_es: str = ""
    visibility: VisibilityCode = "public"


class PriorityPatch(Schema):
    parent_id: int | None = None
    framework: str | None = None
    code: str | None = None
    title_en: str | None = None
    title_es: str | None = None
    description_en: str | None = None
    description_es: str | None = None
    visibility: VisibilityCode | None = None


# --- Helpers ----------------------------------------------------------------------------------


def _visible_programme(request: HttpRequest, code: str) -> Programme:
    return get_object_or_404(Programme.objects.visible_to(request.user), code=code.upper())


def _managed_programme(request: HttpRequest, code: str) -> Programme:
    programme = _visible_programme(request, code)
    if not can_manage_programme(request.user, programme):
        forbid()
    return programme


def _sent(payload: Schema) -> dict[str, Any]:
    """Only the fields the client sent, so that PATCH leaves the others alone."""
    return payload.dict(exclude_unset=True)


def _resolve_parent(model: type, data: dict[str, Any]) -> None:
    """Turn ``parent_id`` into the parent record; one from another programme fails validation."""
    if "parent_id" in data:
        parent_id = data.pop("parent_id")
        data["parent"] = (
            model.objects.filter(pk=parent_id).first() if parent_id is not None else None
        )
        if parent_id is not None and data["parent"] is None:
            raise ValidationError({"parent_id": _("There is no record with this id.")})


@contextmanager
def _errors_named_as_sent() -> Iterator[None]:
    """Name errors after the fields the client sends: ``parent_id``, not the model's ``parent``."""
    try:
        yield
    except ValidationError as error:
        if hasattr(error, "error_dict") and "parent" in error.error_dict:
            error.error_dict["parent_id"] = error.error_dict.pop("parent")
        raise


# --- Programmes -------------------------------------------------------------------------------


@router.get("/programmes", response=list[ProgrammeOut], tags=["programmes"])
@paginate(LimitOffsetPagination)
def list_programmes(request: HttpRequest) -> QuerySet[Programme]:
    return Programme.objects.visible_to(request.user).order_by("code")


@router.post("/programmes", response={201: ProgrammeOut}, auth=WRITE_AUTH, tags=["programmes"])
def create_programme(request: HttpRequest, payload: ProgrammeCreateIn) -> Status[Programme]:
    if not can_create_programme(request.user):
        forbid()
    return Status(201, services.programme_create(**payload.dict()))


@router.get("/programmes/{code}", response=ProgrammeOut, tags=["programmes"])
def get_programme(request: HttpRequest, code: str) -> Programme:
    return _visible_programme(request, code)


@router.patch("/programmes/{code}", response=ProgrammeOut, auth=WRITE_AUTH, tags=["programmes"])
def update_programme(request: HttpRequest, code: str, payload: ProgrammeUpdateIn) -> Programme:
    programme = _managed_programme(request, code)
    return services.programme_update(programme=programme, data=_sent(payload))


# --- Pillars ----------------------------------------------------------------------------------


@router.get("/pillars", response=list[PillarOut], tags=["pillars"])
def list_pillars(request: HttpRequest) -> QuerySet[Pillar]:
    """The six Spotlight pillars. Reference data of the Initiative: read-only here."""
    return Pillar.objects.order_by("number")


@router.get("/pillars/{number}", response=PillarOut, tags=["pillars"])
def get_pillar(request: HttpRequest, number: int) -> Pillar:
    return get_object_or_404(Pillar, number=number)


# --- Areas ------------------------------------------------------------------------------------


@router.get("/programmes/{code}/areas", response=list[AreaOut], tags=["areas"])
@paginate(LimitOffsetPagination)
def list_areas(request: HttpRequest, code: str) -> QuerySet[Area]:
    programme = _visible_programme(request, code)
    return (
        Area.objects.visible_to(request.user)
        .filter(programme=programme)
        .select_related("programme")
        .order_by("level", "name", "pk")
    )


@router.post("/programmes/{code}/areas", response={201: AreaOut}, auth=WRITE_AUTH, tags=["areas"])
def create_area(request: HttpRequest, code: str, payload: AreaIn) -> Status[Area]:
    programme = _managed_programme(request, code)
    data = payload.dict()
    _resolve_parent(Area, data)
    with _errors_named_as_sent():
        return Status(201, services.area_create(programme=programme, **data))


def _visible_area(request: HttpRequest, area_id: int) -> Area:
    return get_object_or_404(
        Area.objects.visible_to(request.user).select_related("programme"), pk=area_id
    )


@router.get("/areas/{area_id}", response=AreaOut, tags=["areas"])
def get_area(request: HttpRequest, area_id: int) -> Area:
    return _visible_area(request, area_id)


@router.patch("/areas/{area_id}", response=AreaOut, auth=WRITE_AUTH, tags=["areas"])
def update_area(request: HttpRequest, area_id: int, payload: AreaPatch) -> Area:
    area = _visible_area(request, area_id)
    if not can_manage_programme(request.user, area.programme):
        forbid()
    data = _sent(payload)
    _resolve_parent(Area, data)
    with _errors_named_as_sent():
        return services.area_update(area=area, data=data)


@router.delete("/areas/{area_id}", response={204: None}, auth=WRITE_AUTH, tags=["areas"])
def delete_area(request: HttpRequest, area_id: int) -> Status[None]:
    area = _visible_area(request, area_id)
    if not can_manage_programme(request.user, area.programme):
        forbid()
    services.area_delete(area=area)
    return Status(204, None)


# --- Government priorities --------------------------------------------------------------------


@router.get("/programmes/{code}/priorities", response=list[PriorityOut], tags=["priorities"])
@paginate(LimitOffsetPagination)
def list_priorities(request: HttpRequest, code: str) -> QuerySet[GovernmentPriority]:
    programme = _visible_programme(request, code)
    return (
        GovernmentPriority.objects.visible_to(request.user)
        .filter(programme=programme)
        .select_related("programme")
        .order_by("framework", "code", "pk")
    )


@router.post(
    "/programmes/{code}/priorities",
    response={201: PriorityOut},
    auth=WRITE_AUTH,
    tags=["priorities"],
)
def create_priority(
    request: HttpRequest, code: str, payload: PriorityIn
) -> Status[GovernmentPriority]:
    programme = _managed_programme(request, code)
    data = payload.dict()
    _resolve_parent(GovernmentPriority, data)
    with _errors_named_as_sent():
        return Status(201, services.priority_create(programme=programme, **data))


def _visible_priority(request: HttpRequest, priority_id: int) -> GovernmentPriority:
    return get_object_or_404(
        GovernmentPriority.objects.visible_to(request.user).select_related("programme"),
        pk=priority_id,
    )


@router.get("/priorities/{priority_id}", response=PriorityOut, tags=["priorities"])
def get_priority(request: HttpRequest, priority_id: int) -> GovernmentPriority:
    return _visible_priority(request, priority_id)


@router.patch(
    "/priorities/{priority_id}", response=PriorityOut, auth=WRITE_AUTH, tags=["priorities"]
)
def update_priority(
    request: HttpRequest, priority_id: int, payload: PriorityPatch
) -> GovernmentPriority:
    priority = _visible_priority(request, priority_id)
    if not can_manage_programme(request.user, priority.programme):
        forbid()
    data = _sent(payload)
    _resolve_parent(GovernmentPriority, data)
    with _errors_named_as_sent():
        return services.priority_update(priority=priority, data=data)


@router.delete(
    "/priorities/{priority_id}", response={204: None}, auth=WRITE_AUTH, tags=["priorities"]
)
def delete_priority(request: HttpRequest, priority_id: int) -> Status[None]:
    priority = _visible_priority(request, priority_id)
    if not can_manage_programme(request.user, priority.programme):
        forbid()
    services.priority_delete(priority=priority)
    return Status(204, None)
