"""Reads for coordination bodies. Which rows a user may read is decided in core.permissions
(``body_read_q`` through each model's ``visible_to``); these add what each page needs, in a fixed
number of queries whatever the number of rows."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.utils import timezone

from coordination.models import (
    ActionItem,
    AgendaItem,
    Attendance,
    Body,
    BodyMember,
    Decision,
    Meeting,
    MeetingGuest,
)
from programmes.models import Programme

RECENT_DECISIONS = 10
PAST_MEETINGS = 20
UPCOMING_MEETINGS = 6


def bodies_visible_to(user: Any) -> QuerySet[Body]:
    return Body.objects.visible_to(user)


def body_list(*, user: Any, programme: Programme) -> QuerySet[Body]:
    """The programme's bodies the user reads, with what the list shows of each."""
    now = timezone.now()
    next_start = (
        Meeting.objects.filter(body=OuterRef("pk"), start__gte=now)
        .exclude(status=Meeting.Status.CANCELLED)
        .order_by("start")
        .values("start")[:1]
    )
    return (
        bodies_visible_to(user)
        .filter(programme=programme)
        .select_related("pillar", "chair_organisation", "co_chair_organisation", "parent")
        .annotate(
            member_count=Count("members", distinct=True),
            open_actions=Count(
                "action_items",
                filter=Q(action_items__status__in=ActionItem.OPEN_STATUSES),
                distinct=True,
            ),
            next_meeting_start=Subquery(next_start),
        )
        .order_by("type", "name", "pk")
    )


def members_of(body: Body) -> QuerySet[BodyMember]:
    return body.members.select_related("person", "organisation").order_by(
        "role", "person__first_name", "person__last_name", "pk"
    )


def with_owners(items: QuerySet[ActionItem]) -> QuerySet[ActionItem]:
    return items.select_related(
        "owner", "owner_organisation", "meeting", "body", "decision", "agenda_item"
    )


def body_space(*, body: Body, user: Any) -> dict[str, Any]:
    """What a body's space shows: coming and past meetings, open actions, decisions, members."""
    now = timezone.now()
    meetings = body.meetings.select_related("series")
    upcoming = list(
        meetings.filter(start__gte=now - datetime.timedelta(hours=12)).order_by("start")[
            :UPCOMING_MEETINGS
        ]
    )
    next_meeting = next((m for m in upcoming if not m.is_cancelled), None)
    past = list(
        meetings.filter(start__lt=now - datetime.timedelta(hours=12)).order_by("-start")[
            :PAST_MEETINGS
        ]
    )
    return {
        "next_meeting": next_meeting,
        "upcoming": upcoming,
        "past_meetings": past,
        "open_action_items": list(with_owners(body.action_items.open()).order_by("due_date", "pk")),
        "recent_decisions": list(
            body.decisions.select_related("meeting").order_by("-number")[:RECENT_DECISIONS]
        ),
        "members": list(members_of(body)),
        "sub_bodies": list(body.children.filter(pk__in=bodies_visible_to(user)).order_by("name")),
        "today": timezone.localdate(),
    }


def carried_over(meeting: Meeting) -> QuerySet[ActionItem]:
    """Action items of the body's earlier meetings that were still open when this one began.

    For the coming meeting that is simply every open or in-progress item raised before it; an
    item stays on each agenda until it is closed, and an earlier meeting's agenda keeps the
    items that were open on its day.
    """
    return with_owners(
        ActionItem.objects.filter(body_id=meeting.body_id, meeting__start__lt=meeting.start)
        .filter(Q(status__in=ActionItem.OPEN_STATUSES) | Q(closed_at__gt=meeting.start))
        .order_by("due_date", "pk")
    )


@dataclass
class AttendanceRow:
    member: BodyMember
    status: str


def meeting_page(*, meeting: Meeting) -> dict[str, Any]:
    """Agenda, carried-over actions, attendance grid, guests, decisions and actions of a meeting."""
    members = list(members_of(meeting.body))
    recorded = {
        row.person_id: row.status for row in meeting.attendance.filter(person__isnull=False)
    }
    guests = list(
        MeetingGuest.objects.filter(meeting=meeting)
        .select_related("organisation")
        .prefetch_related(Prefetch("attendance", queryset=Attendance.objects.all()))
    )
    agenda = list(
        AgendaItem.objects.filter(meeting=meeting)
        .select_related("presenter", "presenter_organisation")
        .prefetch_related("activities")
        .order_by("order", "pk")
    )
    earlier = (
        Meeting.objects.filter(body_id=meeting.body_id, start__lt=meeting.start)
        .exclude(status=Meeting.Status.CANCELLED)
        .order_by("-start")
        .first()
    )
    return {
        "agenda": agenda,
        "carried_over": list(carried_over(meeting)),
        "attendance_rows": [
            AttendanceRow(member=member, status=recorded.get(member.person_id, ""))
            for member in members
        ],
        "members": members,
        "guests": guests,
        "decisions": list(
            Decision.objects.filter(meeting=meeting)
            .select_related("agenda_item")
            .order_by("number")
        ),
        "action_items": list(
            with_owners(ActionItem.objects.filter(meeting=meeting)).order_by("pk")
        ),
        # The meeting before, whose minutes this one may approve.
        "previous": earlier,
        "today": timezone.localdate(),
    }


def action_items_list(
    *,
    user: Any,
    programme: Programme,
    person: Any = None,
    organisation: Any = None,
    include_closed: bool = False,
) -> QuerySet[ActionItem]:
    """Action items the user may read in the programme, of a person and/or an organisation,
    overdue first (then by due date)."""
    items = ActionItem.objects.visible_to(user).filter(programme=programme)
    if person is not None:
        items = items.filter(owner=person)
    if organisation is not None:
        items = items.filter(owner_organisation=organisation)
    if not include_closed:
        items = items.open()
    return with_owners(items).order_by("due_date", "pk")
