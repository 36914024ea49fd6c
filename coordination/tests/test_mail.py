"""Invitations with an .ics (REQUEST, CANCEL) sent by the services, in each recipient's language,
and ``send_reminders``: before meetings, before action items fall due, once when overdue, and
never the same reminder twice."""

from __future__ import annotations

import datetime
from types import SimpleNamespace

import pytest
from django.core import mail as outbox
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone
from icalendar import Calendar

from coordination import services
from coordination.models import ReminderSent
from coordination.reminders import reminders_send
from coordination.tests.conftest import meeting

pytestmark = pytest.mark.django_db

UTC = datetime.UTC
START = datetime.datetime(2030, 11, 5, 15, 0, tzinfo=UTC)


def ics_of(message) -> Calendar:  # type: ignore[no-untyped-def]
    (part,) = [a for a in message.attachments if a.get_content_type() == "text/calendar"]
    return Calendar.from_ical(part.get_payload(decode=True))


def to(address: str) -> list:
    return [m for m in outbox.outbox if m.to == [address]]


def test_new_meeting_invites_members_with_a_request_ics_in_spanish_for_a_spanish_member(
    world: SimpleNamespace, django_capture_on_commit_callbacks
) -> None:
    spanish = world.people["observer"]
    spanish.preferred_language = "es"
    spanish.save()
    with django_capture_on_commit_callbacks(execute=True):
        held = meeting(world, START)

    assert sorted(m.to[0] for m in outbox.outbox) == sorted(
        world.people[role].email for role in ("focal_point", "partner", "observer")
    )
    (message,) = to(spanish.email)
    assert "Grupo de Trabajo de Comunicaciones" in message.subject
    assert "noviembre" in message.subject
    html = message.alternatives[0][0]
    assert 'lang="es"' in html
    calendar = ics_of(message)
    assert str(calendar["METHOD"]) == "REQUEST"
    (event,) = calendar.walk("VEVENT")
    assert str(event["UID"]) == f"meeting-{held.pk}@localhost"
    assert event.decoded("DTSTART") == START
    assert str(event["SUMMARY"]) == "Grupo de Trabajo de Comunicaciones"
    assert str(event["ATTENDEE"]) == f"mailto:{spanish.email}"
    (english,) = to(world.people["partner"].email)
    assert "Communications Task Force" in english.subject


def test_cancelling_sends_method_cancel_with_a_higher_sequence(
    world: SimpleNamespace, django_capture_on_commit_callbacks
) -> None:
    held = meeting(world, START)
    outbox.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_cancel(meeting=held, user=world.people["coordinator"])

    assert len(outbox.outbox) == 3
    calendar = ics_of(outbox.outbox[0])
    assert str(calendar["METHOD"]) == "CANCEL"
    (event,) = calendar.walk("VEVENT")
    assert str(event["STATUS"]) == "CANCELLED"
    assert event.decoded("SEQUENCE") == 1


def test_moving_sends_a_new_request_and_a_title_change_sends_nothing(
    world: SimpleNamespace, django_capture_on_commit_callbacks
) -> None:
    held = meeting(world, START)
    outbox.outbox.clear()
    later = START + datetime.timedelta(days=1)
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_update(meeting=held, user=None, data={"title": "Campaign review"})
    assert outbox.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_move(meeting=held, user=None, start=later)

    assert len(outbox.outbox) == 3
    (event,) = ics_of(outbox.outbox[0]).walk("VEVENT")
    assert event.decoded("DTSTART") == later
    assert event.decoded("SEQUENCE") == 1


def test_guest_is_invited_in_the_meeting_language(
    world: SimpleNamespace, django_capture_on_commit_callbacks
) -> None:
    held = meeting(world, START, language="es")
    outbox.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.guest_add(
            meeting=held,
            user=None,
            name="Delegation",
            email="delegation@eeas.example.eu",
            organisation=world.eu,
        )

    (message,) = outbox.outbox
    assert message.to == ["delegation@eeas.example.eu"]
    assert "Grupo de Trabajo de Comunicaciones" in message.subject
    assert str(ics_of(message)["METHOD"]) == "REQUEST"


def test_a_new_series_sends_one_mail_per_person_with_every_occurrence(
    world: SimpleNamespace, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        series = services.series_create(
            body=world.task_force,
            user=None,
            until=datetime.datetime(2031, 3, 1, tzinfo=UTC),
            rrule="FREQ=MONTHLY;BYDAY=1TU",
            start_date=datetime.date(2030, 11, 1),
            start_time=datetime.time(10, 0),
            mode="online",
            online_link="https://meet.example.org/tf",
        )

    assert len(outbox.outbox) == 3
    calendar = ics_of(outbox.outbox[0])
    assert str(calendar["METHOD"]) == "PUBLISH"
    uids = {str(e["UID"]) for e in calendar.walk("VEVENT")}
    assert uids == {f"meeting-{m.pk}@localhost" for m in series.meetings.all()}
    assert len(uids) == 4


def test_nothing_is_sent_for_a_meeting_already_over(
    world: SimpleNamespace, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        meeting(world, datetime.datetime(2020, 1, 7, 15, tzinfo=UTC))
    assert outbox.outbox == []


# --- Reminders --------------------------------------------------------------------------------

NOW = datetime.datetime(2030, 11, 4, 8, 0, tzinfo=UTC)


def test_send_reminders_twice_sends_each_reminder_once(world: SimpleNamespace) -> None:
    meeting(world, NOW + datetime.timedelta(days=1))  # within 2 days
    meeting(world, NOW + datetime.timedelta(days=5))  # not yet
    outbox.outbox.clear()

    first = reminders_send(now=NOW)
    second = reminders_send(now=NOW)

    assert first.sent == 3 and second.sent == 0 and second.already == 3
    assert len(outbox.outbox) == 3
    assert ReminderSent.objects.filter(kind="meeting").count() == 3


def test_send_reminders_command_dry_run_sends_and_records_nothing(
    world: SimpleNamespace, capsys
) -> None:
    meeting(world, timezone.now() + datetime.timedelta(days=1))
    outbox.outbox.clear()

    call_command("send_reminders", "--dry-run")
    assert outbox.outbox == [] and not ReminderSent.objects.exists()
    call_command("send_reminders")
    call_command("send_reminders")

    assert len(outbox.outbox) == 3
    out = capsys.readouterr().out
    assert "3 reminders would be sent" in out
    assert "0 reminders sent; 3 were sent before" in out


def test_action_item_reminded_before_due_and_once_when_overdue(world: SimpleNamespace) -> None:
    owner = world.people["partner"]
    owner.preferred_language = "es"
    owner.save()
    held = meeting(world, datetime.datetime(2030, 10, 1, 15, tzinfo=UTC))
    services.action_item_create(
        meeting=held,
        user=None,
        text="Enviar el calendario de la campaña",
        owner=owner,
        due_date=datetime.date(2030, 11, 6),
    )
    outbox.outbox.clear()

    reminders_send(now=NOW)  # due in two days
    reminders_send(now=NOW + datetime.timedelta(days=1))
    reminders_send(now=NOW + datetime.timedelta(days=3))  # overdue
    reminders_send(now=NOW + datetime.timedelta(days=10))

    assert [m.to for m in outbox.outbox] == [[owner.email], [owner.email]]
    due, overdue = outbox.outbox
    assert "noviembre" in due.subject
    assert "Enviar el calendario" in due.body
    assert list(ReminderSent.objects.values_list("kind", flat=True).order_by("pk")) == [
        "action_due",
        "action_overdue",
    ]
    assert "Grupo de Trabajo de Comunicaciones" in overdue.subject


def test_action_owned_by_an_organisation_reaches_its_focal_points(world: SimpleNamespace) -> None:
    held = meeting(world, datetime.datetime(2030, 10, 1, 15, tzinfo=UTC))
    services.action_item_create(
        meeting=held,
        user=None,
        text="Brief the agencies",
        owner_organisation=world.un_women,
        due_date=datetime.date(2030, 11, 1),
    )
    outbox.outbox.clear()

    reminders_send(now=NOW)

    (message,) = outbox.outbox
    assert message.to == [world.people["focal_point"].email]  # the UN Women focal point
    assert "UN Women" in message.body


@override_settings(COORDINATION_MEETING_REMINDER_DAYS=0)
def test_meeting_reminder_days_come_from_the_setting(world: SimpleNamespace) -> None:
    meeting(world, NOW + datetime.timedelta(days=1))
    outbox.outbox.clear()
    assert reminders_send(now=NOW).sent == 0
