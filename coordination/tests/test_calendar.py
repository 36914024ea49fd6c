"""Calendar feeds: what they hold (parsed back with icalendar), at which times and in which time
zone, in whose language, and who may have one; a revoked or unknown address is a plain 404."""

from __future__ import annotations

import datetime
import zoneinfo
from types import SimpleNamespace

import pytest
from django.test import Client
from django.urls import reverse
from icalendar import Calendar

from coordination import services
from coordination.calendar import feed_calendar
from coordination.models import Body, CalendarFeed
from coordination.tests.conftest import meeting
from programmes.models import Membership

pytestmark = pytest.mark.django_db

UTC = datetime.UTC
JAMAICA = zoneinfo.ZoneInfo("America/Jamaica")
START = datetime.datetime(2030, 11, 5, 15, 0, tzinfo=UTC)  # 10:00 in Kingston


def fetch(secret: str) -> tuple[int, Calendar | None, dict]:
    response = Client().get(reverse("coordination:calendar_feed", args=[secret]))
    parsed = Calendar.from_ical(response.content) if response.status_code == 200 else None
    return response.status_code, parsed, response


def events(calendar: Calendar) -> dict[str, object]:
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def test_body_feed_parses_back_with_each_meeting_at_its_time_in_the_programme_zone(
    world: SimpleNamespace,
) -> None:
    first = meeting(world, START, place="Jamaica House", mode="both")
    second = meeting(world, START + datetime.timedelta(days=28), duration_minutes=60)
    _feed, secret = services.calendar_feed_create(
        owner=world.people["focal_point"], body=world.task_force
    )

    status, calendar, response = fetch(secret)

    assert status == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Cache-Control"] == "private, no-store"
    found = events(calendar)
    assert set(found) == {f"meeting-{first.pk}@localhost", f"meeting-{second.pk}@localhost"}
    event = found[f"meeting-{first.pk}@localhost"]
    start = event.decoded("DTSTART")
    assert start == START
    assert start.tzinfo.key == "America/Jamaica"
    assert start.astimezone(JAMAICA).hour == 10
    assert event["DTSTART"].params["TZID"] == "America/Jamaica"
    assert event.decoded("DTEND") == START + datetime.timedelta(minutes=90)
    assert str(event["SUMMARY"]) == "Communications Task Force"
    assert "Jamaica House" in str(event["LOCATION"])
    assert "https://meet.example.org/task-force" in str(event["LOCATION"])
    assert str(event["URL"]).endswith(f"/coordination/JM/meetings/{first.pk}/")
    assert str(event["STATUS"]) == "CONFIRMED"
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["America/Jamaica"]
    assert found[f"meeting-{second.pk}@localhost"].decoded("DTEND") == START + datetime.timedelta(
        days=28, minutes=60
    )


def test_moved_meeting_gets_a_higher_sequence_and_cancelled_one_status_cancelled(
    world: SimpleNamespace,
) -> None:
    moved = meeting(world, START)
    dropped = meeting(world, START + datetime.timedelta(days=7))
    coordinator = world.people["coordinator"]
    services.meeting_move(
        meeting=moved, user=coordinator, start=START + datetime.timedelta(hours=2)
    )
    services.meeting_cancel(meeting=dropped, user=coordinator)
    _feed, secret = services.calendar_feed_create(owner=coordinator, body=world.task_force)

    found = events(fetch(secret)[1])

    event = found[f"meeting-{moved.pk}@localhost"]
    assert event.decoded("DTSTART") == START + datetime.timedelta(hours=2)
    assert event.decoded("SEQUENCE") == 1
    cancelled = found[f"meeting-{dropped.pk}@localhost"]
    assert str(cancelled["STATUS"]) == "CANCELLED"
    assert cancelled.decoded("SEQUENCE") == 1


def test_person_feed_holds_own_bodies_guest_invitations_and_own_open_action_items(
    world: SimpleNamespace,
) -> None:
    person = world.people["partner"]
    coordinator = world.people["coordinator"]
    own = meeting(world, START)
    other_body = services.body_create(
        programme=world.programme,
        user=coordinator,
        type=Body.Type.PILLAR_GROUP,
        name_en="Pillar 3 group",
    )
    invited = meeting(world, START + datetime.timedelta(days=1), body=other_body)
    services.guest_add(
        meeting=invited,
        user=coordinator,
        name="P",
        email=person.email.upper(),
        stakeholder_type="civil_society",
    )
    not_mine = meeting(world, START + datetime.timedelta(days=2), body=other_body)
    mine = services.action_item_create(
        meeting=own,
        user=coordinator,
        text="Draft the press release",
        owner=person,
        due_date=datetime.date(2030, 11, 20),
    )
    done = services.action_item_create(
        meeting=own, user=coordinator, text="Old", owner=person, due_date=datetime.date(2030, 11, 8)
    )
    services.action_item_set_status(item=done, user=coordinator, status="done")
    _feed, secret = services.calendar_feed_create(owner=person)

    found = events(fetch(secret)[1])

    assert f"meeting-{own.pk}@localhost" in found
    assert f"meeting-{invited.pk}@localhost" in found
    assert f"meeting-{not_mine.pk}@localhost" not in found
    assert f"action-{done.pk}@localhost" not in found
    action = found[f"action-{mine.pk}@localhost"]
    assert action.decoded("DTSTART") == datetime.date(2030, 11, 20)
    assert action.decoded("DTEND") == datetime.date(2030, 11, 21)
    assert "Draft the press release" in str(action["SUMMARY"])


def test_feed_speaks_the_owner_preferred_language(world: SimpleNamespace) -> None:
    owner = world.people["observer"]
    owner.preferred_language = "es"
    owner.save()
    held = meeting(world, START)
    feed, _secret = services.calendar_feed_create(owner=owner, body=world.task_force)

    calendar = Calendar.from_ical(feed_calendar(feed))

    event = events(calendar)[f"meeting-{held.pk}@localhost"]
    assert str(event["SUMMARY"]) == "Grupo de Trabajo de Comunicaciones"
    assert str(event["URL"]).endswith(f"/es/coordination/JM/meetings/{held.pk}/")


def test_unknown_or_revoked_token_is_a_plain_404(world: SimpleNamespace) -> None:
    meeting(world, START)
    feed, secret = services.calendar_feed_create(owner=world.people["focal_point"])
    assert fetch(secret)[0] == 200

    services.calendar_feed_revoke(feed=feed)

    revoked = fetch(secret)
    unknown = fetch(secret[:-2] + "xx")
    assert revoked[0] == 404 and unknown[0] == 404
    assert b"revoked" not in revoked[2].content.lower()


def test_feed_records_when_it_was_last_used(world: SimpleNamespace) -> None:
    feed, secret = services.calendar_feed_create(owner=world.people["focal_point"])
    fetch(secret)
    feed.refresh_from_db()
    assert feed.last_used_at is not None


def test_person_removed_from_programme_gets_an_empty_feed(world: SimpleNamespace) -> None:
    person = world.people["focal_point"]
    held = meeting(world, START)
    services.action_item_create(
        meeting=held, user=person, text="Brief", owner=person, due_date=datetime.date(2030, 12, 1)
    )
    _feed, personal = services.calendar_feed_create(owner=person)
    _feed, of_body = services.calendar_feed_create(owner=person, body=world.task_force)
    assert len(events(fetch(personal)[1])) == 2

    Membership.objects.filter(user=person, programme=world.programme).delete()

    for secret in (personal, of_body):
        status, calendar, _response = fetch(secret)
        assert status == 200
        assert events(calendar) == {}


def test_closed_account_feed_is_a_404(world: SimpleNamespace) -> None:
    person = world.people["focal_point"]
    _feed, secret = services.calendar_feed_create(owner=person)
    person.is_active = False
    person.save()
    assert fetch(secret)[0] == 404


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("coordinator", 200),
        ("focal_point", 200),
        ("partner", 200),
        ("observer", 200),
        ("outsider", 404),
        ("stranger", 404),
        ("anonymous", 404),
    ],
)
def test_body_feed_page_is_for_members_of_the_programme(
    world: SimpleNamespace, client_for, role: str, expected: int
) -> None:
    url = reverse("coordination:body_calendar", args=["JM", world.task_force.pk])
    assert client_for(role).get(url).status_code == expected
    created = client_for(role).post(url)
    assert created.status_code == expected
    assert CalendarFeed.objects.filter(body=world.task_force).count() == (
        1 if expected == 200 else 0
    )


def test_body_feed_page_of_a_regional_body_refuses_readers_from_elsewhere(
    world: SimpleNamespace, client_for
) -> None:
    services.body_update(body=world.task_force, user=None, data={"visibility": "region"})
    url = reverse("coordination:body_calendar", args=["JM", world.task_force.pk])
    assert client_for("outsider").get(url).status_code == 403
    assert client_for("focal_point").get(url).status_code == 200


def test_new_address_is_shown_once_and_works(world: SimpleNamespace, client_for) -> None:
    client = client_for("partner")
    url = reverse("coordination:my_calendar")

    created = client.post(url)

    assert created["Cache-Control"] == "no-store"
    feed_url = created.context["new_url"]
    assert feed_url.startswith("http://testserver/en/coordination/calendar/cal_")
    assert Client().get(feed_url).status_code == 200
    again = client.get(url)
    assert feed_url not in again.content.decode()
    assert CalendarFeed.objects.get().hint in again.content.decode()


@pytest.mark.parametrize("role", ["focal_point", "outsider", "anonymous"])
def test_only_the_owner_revokes_a_feed(world: SimpleNamespace, client_for, role: str) -> None:
    feed, secret = services.calendar_feed_create(owner=world.people["focal_point"])
    response = client_for(role).post(reverse("coordination:calendar_feed_revoke", args=[feed.pk]))
    feed.refresh_from_db()
    if role == "focal_point":
        assert response.status_code == 302
        assert feed.revoked_at is not None
        assert fetch(secret)[0] == 404
    else:
        assert response.status_code in (302, 404)
        assert feed.revoked_at is None
