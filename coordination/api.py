"""API of coordination bodies: bodies, meetings and action items.

Reads follow the body's visibility through each model's ``visible_to`` (members of the programme
read all its bodies, coordinators included; the region and the public what is shared with them).
People's names, person ids and the link to join online are given only to members of the
programme, as on the pages (``can_view_programme_space``); everyone else reads organisations.
An action item's status is changed by its owner, the people of its owning organisation, the
body's chair and secretariat and the programme's coordinators (``can_update_action_item``),
through ``services.action_item_set_status``.
"""

import datetime
from typing import Any, Literal

from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Field, Query, Router, Schema
from ninja.pagination import LimitOffsetPagination, paginate

from coordination import services
from coordination.models import ActionItem, Attendance, Body, Meeting
from core.api import WRITE_AUTH, forbid
from core.permissions import can_update_action_item, can_view_programme_space
from programmes.models import Pillar, Programme

router = Router()

BodyType = Literal[
    "steering",
    "technical",
    "task_force",
    "pillar_group",
    "sub_committee",
    "reference_group",
    "partner_forum",
]
MeetingStatus = Literal["planned", "held", "cancelled"]
ActionStatus = Literal["open", "in_progress", "done", "dropped"]


def _sees_people(context: Any, programme: Programme) -> bool:
    return can_view_programme_space(context["request"].user, programme)


# --- Schemas ----------------------------------------------------------------------------------


class BodyOut(Schema):
    id: int
    programme: str = Field(..., alias="programme.code")
    type: str
    type_name: str
    pillar: int | None
    name: str
    name_en: str | None
    name_es: str | None
    mandate: str
    mandate_en: str | None
    mandate_es: str | None
    chair_organisation_id: int | None
    chair_organisation: str | None
    co_chair_organisation_id: int | None
    co_chair_organisation: str | None
    parent_id: int | None
    visibility: str

    @staticmethod
    def resolve_type_name(obj: Body) -> str:
        return str(obj.get_type_display())

    @staticmethod
    def resolve_pillar(obj: Body) -> int | None:
        return obj.pillar.number if obj.pillar_id else None

    @staticmethod
    def resolve_chair_organisation(obj: Body) -> str | None:
        return str(obj.chair_organisation) if obj.chair_organisation_id else None

    @staticmethod
    def resolve_co_chair_organisation(obj: Body) -> str | None:
        return str(obj.co_chair_organisation) if obj.co_chair_organisation_id else None


class MemberOut(Schema):
    person: str | None
    person_id: int | None
    organisation_id: int | None
    organisation: str | None
    stakeholder_type: str
    role: str


class BodyDetailOut(BodyOut):
    members: list[MemberOut]

    @staticmethod
    def resolve_members(obj: Body, context: Any) -> list[dict[str, Any]]:
        sees = _sees_people(context, obj.programme)
        return [
            {
                "person": str(m.person) if sees else None,
                "person_id": m.person_id if sees else None,
                "organisation_id": m.organisation_id,
                "organisation": str(m.organisation) if m.organisation_id else None,
                "stakeholder_type": m.stakeholder_type,
                "role": m.role,
            }
            for m in obj.members.all()
        ]


class MeetingOut(Schema):
    id: int
    body_id: int
    body: str
    programme: str
    title: str
    series_id: int | None
    original_start: datetime.datetime | None
    start: datetime.datetime
    end: datetime.datetime
    duration_minutes: int
    status: str
    status_name: str
    language: str
    mode: str
    place: str
    online_link: str | None
    minutes_approved_at: datetime.datetime | None

    @staticmethod
    def resolve_body(obj: Meeting) -> str:
        return obj.body.name

    @staticmethod
    def resolve_programme(obj: Meeting) -> str:
        return obj.body.programme.code

    @staticmethod
    def resolve_title(obj: Meeting) -> str:
        return obj.display_title

    @staticmethod
    def resolve_status_name(obj: Meeting) -> str:
        return str(obj.get_status_display())

    @staticmethod
    def resolve_online_link(obj: Meeting, context: Any) -> str | None:
        return obj.online_link if _sees_people(context, obj.body.programme) else None


class AgendaItemOut(Schema):
    id: int
    order: int
    title: str
    title_en: str | None
    title_es: str | None
    presenter: str | None
    presenter_organisation_id: int | None
    presenter_organisation: str | None
    duration_minutes: int | None
    activity_ids: list[int]


class DecisionOut(Schema):
    id: int
    number: int
    text: str
    agenda_item_id: int | None


class AttendanceCounts(Schema):
    present: int
    apologies: int
    absent: int


class MeetingDetailOut(MeetingOut):
    minutes: str
    agenda: list[AgendaItemOut]
    decisions: list[DecisionOut]
    attendance: AttendanceCounts

    @staticmethod
    def resolve_agenda(obj: Meeting, context: Any) -> list[dict[str, Any]]:
        sees = _sees_people(context, obj.body.programme)
        return [
            {
                "id": item.pk,
                "order": item.order,
                "title": item.title,
                "title_en": item.title_en,
                "title_es": item.title_es,
                "presenter": str(item.presenter) if sees and item.presenter_id else None,
                "presenter_organisation_id": item.presenter_organisation_id,
                "presenter_organisation": str(item.presenter_organisation)
                if item.presenter_organisation_id
                else None,
                "duration_minutes": item.duration_minutes,
                "activity_ids": [activity.pk for activity in item.activities.all()],
            }
            for item in obj.agenda_items.all()
        ]

    @staticmethod
    def resolve_decisions(obj: Meeting) -> list[Any]:
        return list(obj.decisions.all())

    @staticmethod
    def resolve_attendance(obj: Meeting) -> dict[str, int]:
        return {status: getattr(obj, f"attendance_{status}") for status in Attendance.Status.values}


class ActionItemOut(Schema):
    id: int
    programme: str
    body_id: int
    body: str
    meeting_id: int
    meeting_start: datetime.datetime
    agenda_item_id: int | None
    decision_id: int | None
    decision_number: int | None
    text: str
    owner: str | None
    owner_id: int | None
    owner_organisation_id: int | None
    owner_organisation: str | None
    due_date: datetime.date
    status: str
    status_name: str
    overdue: bool
    closed_at: datetime.datetime | None

    @staticmethod
    def resolve_programme(obj: ActionItem) -> str:
        return obj.programme.code

    @staticmethod
    def resolve_body(obj: ActionItem) -> str:
        return obj.body.name

    @staticmethod
    def resolve_meeting_start(obj: ActionItem) -> datetime.datetime:
        return obj.meeting.start

    @staticmethod
    def resolve_decision_number(obj: ActionItem) -> int | None:
        return obj.decision.number if obj.decision_id else None

    @staticmethod
    def resolve_owner(obj: ActionItem, context: Any) -> str | None:
        if obj.owner_id is None or not _sees_people(context, obj.programme):
            return None
        return str(obj.owner)

    @staticmethod
    def resolve_owner_id(obj: ActionItem, context: Any) -> int | None:
        return obj.owner_id if _sees_people(context, obj.programme) else None

    @staticmethod
    def resolve_owner_organisation(obj: ActionItem) -> str | None:
        return str(obj.owner_organisation) if obj.owner_organisation_id else None

    @staticmethod
    def resolve_status_name(obj: ActionItem) -> str:
        return str(obj.get_status_display())

    @staticmethod
    def resolve_overdue(obj: ActionItem) -> bool:
        return obj.is_overdue()


class ActionStatusIn(Schema):
    status: ActionStatus


class BodyFilters(Schema):
    programme: str | None = None
    type: BodyType | None = None
    pillar: int | None = None


class MeetingFilters(Schema):
    body: int | None = None
    programme: str | None = None
    from_: datetime.date | None = Field(None, alias="from")
    to: datetime.date | None = None
    status: MeetingStatus | None = None


class ActionItemFilters(Schema):
    body: int | None = None
    programme: str | None = None
    status: ActionStatus | None = None
    owner_organisation: int | None = None
    overdue: bool | None = None


# --- Reading ----------------------------------------------------------------------------------


def _programme(request: HttpRequest, code: str) -> Programme:
    return get_object_or_404(Programme.objects.visible_to(request.user), code=code.upper())


def _bodies(request: HttpRequest) -> QuerySet[Body]:
    return Body.objects.visible_to(request.user).select_related(
        "programme", "pillar", "chair_organisation", "co_chair_organisation"
    )


def _meetings(request: HttpRequest) -> QuerySet[Meeting]:
    return Meeting.objects.visible_to(request.user).select_related("body__programme", "series")


def _action_items(request: HttpRequest) -> QuerySet[ActionItem]:
    return ActionItem.objects.visible_to(request.user).select_related(
        "programme", "body", "meeting", "decision", "owner", "owner_organisation"
    )


def _day_start(day: datetime.date) -> datetime.datetime:
    # Dates are taken in the hub's time zone; a client wanting another sends a wider range.
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


# --- Endpoints --------------------------------------------------------------------------------


@router.get("/bodies", response=list[BodyOut], tags=["coordination"])
@paginate(LimitOffsetPagination)
def list_bodies(request: HttpRequest, filters: Query[BodyFilters]) -> QuerySet[Body]:
    bodies = _bodies(request)
    if filters.programme:
        bodies = bodies.filter(programme=_programme(request, filters.programme))
    if filters.type:
        bodies = bodies.filter(type=filters.type)
    if filters.pillar is not None:
        bodies = bodies.filter(pillar=get_object_or_404(Pillar, number=filters.pillar))
    return bodies.order_by("programme__code", "type", "name", "pk")


@router.get("/bodies/{body_id}", response=BodyDetailOut, tags=["coordination"])
def get_body(request: HttpRequest, body_id: int) -> Body:
    return get_object_or_404(
        _bodies(request).prefetch_related("members__person", "members__organisation"),
        pk=body_id,
    )


@router.get("/meetings", response=list[MeetingOut], tags=["coordination"])
@paginate(LimitOffsetPagination)
def list_meetings(request: HttpRequest, filters: Query[MeetingFilters]) -> QuerySet[Meeting]:
    meetings = _meetings(request)
    if filters.body is not None:
        meetings = meetings.filter(body_id=filters.body)
    if filters.programme:
        meetings = meetings.filter(body__programme=_programme(request, filters.programme))
    if filters.from_ is not None:
        meetings = meetings.filter(start__gte=_day_start(filters.from_))
    if filters.to is not None:
        meetings = meetings.filter(start__lt=_day_start(filters.to + datetime.timedelta(days=1)))
    if filters.status:
        meetings = meetings.filter(status=filters.status)
    return meetings.order_by("start", "pk")


@router.get("/meetings/{meeting_id}", response=MeetingDetailOut, tags=["coordination"])
def get_meeting(request: HttpRequest, meeting_id: int) -> Meeting:
    counts = {
        f"attendance_{status}": Count("attendance", filter=Q(attendance__status=status))
        for status in Attendance.Status.values
    }
    return get_object_or_404(
        _meetings(request)
        .annotate(**counts)
        .prefetch_related(
            "agenda_items__presenter",
            "agenda_items__presenter_organisation",
            "agenda_items__activities",
            "decisions",
        ),
        pk=meeting_id,
    )


@router.get("/action-items", response=list[ActionItemOut], tags=["coordination"])
@paginate(LimitOffsetPagination)
def list_action_items(
    request: HttpRequest, filters: Query[ActionItemFilters]
) -> QuerySet[ActionItem]:
    items = _action_items(request)
    if filters.body is not None:
        items = items.filter(body_id=filters.body)
    if filters.programme:
        items = items.filter(programme=_programme(request, filters.programme))
    if filters.status:
        items = items.filter(status=filters.status)
    if filters.owner_organisation is not None:
        items = items.filter(owner_organisation_id=filters.owner_organisation)
    if filters.overdue is not None:
        overdue = ActionItem.objects.overdue().values("pk")
        items = items.filter(pk__in=overdue) if filters.overdue else items.exclude(pk__in=overdue)
    return items.order_by("due_date", "pk")


@router.get("/action-items/{item_id}", response=ActionItemOut, tags=["coordination"])
def get_action_item(request: HttpRequest, item_id: int) -> ActionItem:
    return get_object_or_404(_action_items(request), pk=item_id)


@router.patch(
    "/action-items/{item_id}", response=ActionItemOut, auth=WRITE_AUTH, tags=["coordination"]
)
def update_action_item(request: HttpRequest, item_id: int, payload: ActionStatusIn) -> ActionItem:
    """Change the status only: open, in_progress, done (records when) or dropped."""
    item = get_object_or_404(_action_items(request), pk=item_id)
    if not can_update_action_item(request.user, item):
        forbid()
    services.action_item_set_status(item=item, user=request.user, status=payload.status)
    return get_object_or_404(_action_items(request), pk=item_id)
