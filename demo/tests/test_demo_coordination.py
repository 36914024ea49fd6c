"""The demo coordination bodies: loaded through the services, idempotent, with the bodies of the
seed and a year of meetings whose action items are in every state."""

import pytest
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
from demo.coordination import demo_coordination_load
from demo.services import demo_load

MODELS = (Body, BodyMember, Meeting, MeetingGuest, AgendaItem, Decision, Attendance, ActionItem)


def _counts() -> list[int]:
    return [n for model in MODELS for n in (model.objects.count(), model.history.count())]


@pytest.fixture
def jamaica(db: None) -> None:
    demo_load()
    demo_coordination_load(codes=["JM"])


def test_a_second_run_changes_nothing(jamaica: None) -> None:
    counts = _counts()
    demo_coordination_load(codes=["JM"])
    assert _counts() == counts
    assert Body.objects.filter(programme__code="JM").count() == 9


def test_the_communications_task_force_meets_monthly_with_the_eu_delegation(
    jamaica: None,
) -> None:
    task_force = Body.objects.get(programme__code="JM", type=Body.Type.TASK_FORCE)
    assert task_force.series.get().rrule == "FREQ=MONTHLY;BYDAY=1TU"
    held = task_force.meetings.filter(status=Meeting.Status.HELD)
    assert held.count() >= 10
    guests = MeetingGuest.objects.filter(meeting__body=task_force)
    assert guests.exists()
    assert all(g.organisation.acronym == "EU Delegation" for g in guests)
    assert Attendance.objects.filter(
        meeting__body=task_force, guest__isnull=False, status=Attendance.Status.PRESENT
    ).exists()
    # One meeting of the past year cancelled, one moved; the coming one is invited too.
    assert task_force.meetings.filter(status=Meeting.Status.CANCELLED).count() == 1
    assert sum(m.is_moved for m in task_force.meetings.all()) == 1
    coming = task_force.meetings.filter(start__gte=timezone.now()).order_by("start").first()
    assert coming.guests.exists()


def test_sub_committees_seat_government_and_civil_society(jamaica: None) -> None:
    for body in Body.objects.filter(programme__code="JM", type=Body.Type.SUB_COMMITTEE):
        assert body.parent is not None and body.parent.type == Body.Type.PILLAR_GROUP
        types = set(body.members.values_list("stakeholder_type", flat=True))
        assert {"government", "civil_society"} <= types


def test_meetings_have_minutes_approved_at_the_next_one_and_action_items_in_every_state(
    jamaica: None,
) -> None:
    held = Meeting.objects.filter(body__programme__code="JM", status=Meeting.Status.HELD)
    assert all(m.minutes for m in held)
    approved = held.filter(minutes_approved_at__isnull=False).select_related(
        "minutes_approved_at_meeting"
    )
    assert approved.exists()
    assert all(m.minutes_approved_at_meeting.start > m.start for m in approved)

    items = ActionItem.objects.filter(programme__code="JM")
    assert set(items.values_list("status", flat=True)) == {"open", "in_progress", "done", "dropped"}
    assert items.overdue().exists()
    done = [i for i in items.filter(status="done")]
    on_time = [i for i in done if timezone.localdate(i.closed_at) <= i.due_date]
    assert on_time and len(on_time) < len(done)  # some were done late


def test_government_is_in_the_room_more_often_than_civil_society(jamaica: None) -> None:
    def rate(kind: str) -> float:
        rows = Attendance.objects.filter(meeting__body__programme__code="JM", stakeholder_type=kind)
        return rows.filter(status="present").count() / rows.count()

    assert rate("government") > rate("civil_society")
