"""API of the joint workplan: activities, and the activities each may duplicate.

Reads follow visibility; writes follow ``can_create_activity``, ``can_lead_activity_as`` and
``can_change_activity``. Records are named by id, pillars by their number, groups by their code,
programmes by their code. Errors name the fields as sent (``area_ids``, not ``areas``).
"""

import datetime
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from typing import Any, Literal

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status
from ninja.pagination import LimitOffsetPagination, paginate

from core.api import WRITE_AUTH, forbid
from core.permissions import can_change_activity, can_create_activity, can_lead_activity_as
from organisations.models import Organisation
from programmes.models import Area, GovernmentPriority, Pillar, Programme
from workplan import exchange, services
from workplan.facts import facts_for
from workplan.models import Activity, Output, TargetGroup
from workplan.selectors import (
    activities_visible_to,
    activity_list,
    describe_candidates,
    overlap_candidates,
    with_related,
)

router = Router(tags=["activities"])

VisibilityCode = Literal["programme", "region", "public"]

NULLABLE = {"budget", "planned_start", "planned_end", "actual_start", "actual_end"}

# Model field → the name the API uses for it.
SENT_NAMES = {
    "lead_organisation": "lead_organisation_id",
    "output": "output_id",
    "areas": "area_ids",
    "priorities": "priority_ids",
}


# --- Schemas ----------------------------------------------------------------------------------


class ParticipationSchema(Schema):
    organisation_id: int
    role: Literal[1, 2, 3, 4]


class ActivityOut(Schema):
    id: int
    programme: str
    title: str
    title_en: str | None
    title_es: str | None
    description: str
    description_en: str | None
    description_es: str | None
    lead_organisation_id: int
    lead_organisation: str
    participations: list[ParticipationSchema]
    pillar: int
    output_id: int | None
    output: str | None
    area_ids: list[int]
    planned_start: datetime.date | None
    planned_end: datetime.date | None
    actual_start: datetime.date | None
    actual_end: datetime.date | None
    status: int
    status_name: str
    budget: Decimal | None
    currency: str
    priority_ids: list[int]
    groups: list[str]
    sector: str
    gender_marker: int
    visibility: str
    iati_identifier: str
    created_at: datetime.datetime
    updated_at: datetime.datetime

    @staticmethod
    def resolve_programme(obj: Activity) -> str:
        return obj.programme.code

    @staticmethod
    def resolve_lead_organisation(obj: Activity) -> str:
        return str(obj.lead_organisation)

    @staticmethod
    def resolve_participations(obj: Activity) -> list[dict[str, int]]:
        return [
            {"organisation_id": p.organisation_id, "role": p.role} for p in obj.participations.all()
        ]

    @staticmethod
    def resolve_pillar(obj: Activity) -> int:
        return obj.pillar.number

    @staticmethod
    def resolve_output(obj: Activity) -> str | None:
        return obj.output.number if obj.output else None

    @staticmethod
    def resolve_area_ids(obj: Activity) -> list[int]:
        return [area.pk for area in obj.areas.all()]

    @staticmethod
    def resolve_status_name(obj: Activity) -> str:
        return str(obj.get_status_display())

    @staticmethod
    def resolve_priority_ids(obj: Activity) -> list[int]:
        return [priority.pk for priority in obj.priorities.all()]

    @staticmethod
    def resolve_groups(obj: Activity) -> list[str]:
        return [group.code for group in obj.groups.all()]


class ActivityPatch(Schema):
    title_en: str | None = None
    title_es: str | None = None
    description_en: str | None = None
    description_es: str | None = None
    lead_organisation_id: int | None = None
    participations: list[ParticipationSchema] | None = None
    pillar: int | None = None
    output_id: int | None = None
    area_ids: list[int] | None = None
    planned_start: datetime.date | None = None
    planned_end: datetime.date | None = None
    actual_start: datetime.date | None = None
    actual_end: datetime.date | None = None
    status: int | None = None
    budget: Decimal | None = None
    currency: str | None = None
    priority_ids: list[int] | None = None
    groups: list[str] | None = None
    sector: str | None = None
    gender_marker: int | None = None
    visibility: VisibilityCode | None = None
    iati_identifier: str | None = None


class ActivityIn(Schema):
    programme: str
    title_en: str = ""
    title_es: str = ""
    description_en: str = ""
    description_es: str = ""
    lead_organisation_id: int | None = None
    participations: list[ParticipationSchema] = []
    pillar: int
    output_id: int | None = None
    area_ids: list[int] = []
    planned_start: datetime.date | None = None
    planned_end: datetime.date | None = None
    actual_start: datetime.date | None = None
    actual_end: datetime.date | None = None
    status: int = 1
    budget: Decimal | None = None
    currency: str = "USD"
    priority_ids: list[int] = []
    groups: list[str] = []
    sector: str = "15180"
    gender_marker: int = 2
    visibility: VisibilityCode = "programme"
    iati_identifier: str = ""


class ActivityFilters(Schema):
    programme: str | None = None
    pillar: int | None = None
    area: int | None = None
    organisation: int | None = None
    status: int | None = None
    group: str | None = None
    priority: int | None = None
    q: str = ""


class OverlapOut(Schema):
    activity_id: int
    title: str
    lead_organisation: str
    score: float
    same_pillar: bool
    shared_area_ids: list[int]
    overlap_days: int
    wording: float
    reasons: list[str]


class UpdateOut(Schema):
    id: int
    kind: str
    kind_name: str
    language: str
    text: str
    previous_status: int | None
    new_status: int | None
    organisation_id: int | None
    organisation: str | None
    created_at: datetime.datetime

    @staticmethod
    def resolve_kind_name(obj: Any) -> str:
        return str(obj.get_kind_display())

    @staticmethod
    def resolve_organisation(obj: Any) -> str | None:
        return str(obj.organisation) if obj.organisation_id else None


# --- Turning what was sent into records -------------------------------------------------------


def _one(model: type, pk: int | None, field: str, **lookup: Any) -> Any:
    if pk is None:
        return None
    found = model.objects.filter(pk=pk, **lookup).first()
    if found is None:
        raise ValidationError({field: _("There is no record with this id.")})
    return found


def _many(model: type, ids: list[int], field: str) -> list[Any]:
    found = list(model.objects.filter(pk__in=set(ids)))
    if len(found) != len(set(ids)):
        raise ValidationError({field: _("There is no record with some of these ids.")})
    return found


def _resolve(sent: dict[str, Any]) -> tuple[dict[str, Any], list[tuple[Organisation, int]] | None]:
    """Model values and participations from the fields the client sent."""
    data = dict(sent)
    values: dict[str, Any] = {}
    if "lead_organisation_id" in data:
        lead_id = data.pop("lead_organisation_id")
        if lead_id is None:
            raise ValidationError({"lead_organisation_id": _("Name the lead organisation.")})
        values["lead_organisation"] = _one(Organisation, lead_id, "lead_organisation_id")
    if "pillar" in data:
        number = data.pop("pillar")
        pillar = Pillar.objects.filter(number=number).first() if number is not None else None
        if pillar is None:
            raise ValidationError({"pillar": _("There is no pillar with this number.")})
        values["pillar"] = pillar
    if "output_id" in data:
        values["output"] = _one(Output, data.pop("output_id"), "output_id")
    if "area_ids" in data:
        values["areas"] = _many(Area, data.pop("area_ids") or [], "area_ids")
    if "priority_ids" in data:
        values["priorities"] = _many(
            GovernmentPriority, data.pop("priority_ids") or [], "priority_ids"
        )
    if "groups" in data:
        codes = set(data.pop("groups") or [])
        groups = list(TargetGroup.objects.filter(code__in=codes))
        unknown = codes - {group.code for group in groups}
        if unknown:
            raise ValidationError(
                {
                    "groups": _("Unknown group codes: %(codes)s.")
                    % {"codes": ", ".join(sorted(unknown))}
                }
            )
        values["groups"] = groups
    participations = None
    if "participations" in data:
        rows = data.pop("participations") or []
        organisations = {
            o.pk: o
            for o in Organisation.objects.filter(pk__in={row["organisation_id"] for row in rows})
        }
        if len(organisations) != len({row["organisation_id"] for row in rows}):
            raise ValidationError(
                {"participations": _("There is no organisation with some of these ids.")}
            )
        participations = [(organisations[row["organisation_id"]], row["role"]) for row in rows]
    for name, value in data.items():
        if value is None and name not in NULLABLE:
            raise ValidationError({name: _("This field cannot be empty.")})
        values[name] = value
    return values, participations


@contextmanager
def _errors_named_as_sent() -> Iterator[None]:
    try:
        yield
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            for model_name, sent_name in SENT_NAMES.items():
                if model_name in error.error_dict:
                    error.error_dict[sent_name] = error.error_dict.pop(model_name)
        raise


def _visible(request: HttpRequest, activity_id: int) -> Activity:
    return get_object_or_404(
        with_related(activities_visible_to(request.user), user=request.user), pk=activity_id
    )


# --- Endpoints --------------------------------------------------------------------------------


@router.get("", response=list[ActivityOut])
@paginate(LimitOffsetPagination)
def list_activities(request: HttpRequest, filters: Query[ActivityFilters]) -> QuerySet[Activity]:
    programme = None
    if filters.programme:
        programme = get_object_or_404(
            Programme.objects.visible_to(request.user), code=filters.programme.upper()
        )
    pillar = None
    if filters.pillar is not None:
        pillar = get_object_or_404(Pillar, number=filters.pillar)
    activities = activity_list(
        user=request.user,
        programme=programme,
        pillar=pillar,
        area=filters.area,
        organisation=filters.organisation,
        status=filters.status,
        group=filters.group or None,
        priority=filters.priority,
        query=filters.q,
    )
    return with_related(activities, user=request.user).order_by("pk")


@router.post("", response={201: ActivityOut}, auth=WRITE_AUTH)
def create_activity(request: HttpRequest, payload: ActivityIn) -> Status[Activity]:
    programme = get_object_or_404(
        Programme.objects.visible_to(request.user), code=payload.programme.upper()
    )
    if not can_create_activity(request.user, programme):
        forbid()
    sent = payload.dict()
    sent.pop("programme")
    if sent.get("lead_organisation_id") is None and request.user.organisation_id:
        # A focal point or partner enters their own organisation's activities.
        sent["lead_organisation_id"] = request.user.organisation_id
    with _errors_named_as_sent():
        values, participations = _resolve(sent)
        if not can_lead_activity_as(request.user, programme, values["lead_organisation"].pk):
            forbid(_("You may enter activities of your own organisation only."))
        activity = services.activity_create(
            programme=programme, user=request.user, participations=participations or [], **values
        )
    return Status(201, _visible(request, activity.pk))


@router.get("/{activity_id}", response=ActivityOut)
def get_activity(request: HttpRequest, activity_id: int) -> Activity:
    return _visible(request, activity_id)


@router.patch("/{activity_id}", response=ActivityOut, auth=WRITE_AUTH)
def update_activity(request: HttpRequest, activity_id: int, payload: ActivityPatch) -> Activity:
    activity = _visible(request, activity_id)
    if not can_change_activity(request.user, activity):
        forbid()
    with _errors_named_as_sent():
        values, participations = _resolve(payload.dict(exclude_unset=True))
        lead = values.get("lead_organisation")
        if lead is not None and not can_lead_activity_as(
            request.user, activity.programme_id, lead.pk
        ):
            forbid(_("You may enter activities of your own organisation only."))
        services.activity_update(
            activity=activity, user=request.user, data=values, participations=participations
        )
    return _visible(request, activity_id)


@router.get("/{activity_id}/overlaps", response=list[OverlapOut])
def activity_overlaps(request: HttpRequest, activity_id: int) -> list[dict[str, Any]]:
    """Existing activities this one may duplicate, best first, with the reasons in words."""
    activity = _visible(request, activity_id)
    facts = facts_for([activity.pk])[activity.pk]
    found = overlap_candidates(facts, activity.programme_id, activity.pk, user=request.user)
    return [
        {
            "activity_id": candidate.activity.pk,
            "title": candidate.activity.title,
            "lead_organisation": str(candidate.activity.lead_organisation),
            "score": round(candidate.overlap.score, 4),
            "same_pillar": candidate.overlap.same_pillar,
            "shared_area_ids": sorted(candidate.overlap.shared_area_ids),
            "overlap_days": candidate.overlap.overlap_days,
            "wording": round(candidate.overlap.wording, 4),
            "reasons": [str(reason) for reason in candidate.reasons],
        }
        for candidate in describe_candidates(found, facts=facts, user=request.user)
    ]


@router.get("/{activity_id}/updates", response=list[UpdateOut])
@paginate(LimitOffsetPagination)
def activity_updates(request: HttpRequest, activity_id: int) -> QuerySet[Any]:
    """Updates on the activity, newest first: whoever may read the activity reads them. Authors
    are not named (people are seen only inside their programme); their organisation is."""
    return exchange.activity_updates(user=request.user, activity=_visible(request, activity_id))
