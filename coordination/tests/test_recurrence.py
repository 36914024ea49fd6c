"""Recurring meetings: RFC 5545 rules expanded in the programme's time zone, occurrences stored
as meetings, moves and cancellations that hold when the series is extended."""

from __future__ import annotations

import datetime
import zoneinfo
from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from coordination import services
from coordination.models import Meeting, MeetingSeries

pytestmark = pytest.mark.django_db

JAMAICA = zoneinfo.ZoneInfo("America/Jamaica")
MADRID = zoneinfo.ZoneInfo("Europe/Madrid")


def series(world: SimpleNamespace, **values: object) -> MeetingSeries:
    values.setdefault("title", "Monthly meeting")
    values.setdefault("rrule", "FREQ=MONTHLY;BYDAY=1TU")
    values.setdefault("start_date", datetime.date(2026, 1, 1))
    values.setdefault("start_time", datetime.time(10, 0))
    values.setdefault("duration_minutes", 90)
    values.setdefault("mode", "online")
    values.setdefault("online_link", "https://meet.example.org/ctf")
    body = values.pop("body", world.task_force)
    values.setdefault("until", until(2026, 1, 1))  # tests extend it themselves
    return services.series_create(body=body, user=world.people["coordinator"], **values)


def until(year: int, month: int, day: int) -> datetime.datetime:
    return datetime.datetime(year, month, day, tzinfo=datetime.UTC)


def test_monthly_first_tuesday_series_with_one_meeting_moved(world: SimpleNamespace) -> None:
    monthly = series(world)
    assert monthly.time_zone == "America/Jamaica"  # the programme's
    services.series_extend(series=monthly, until=until(2026, 7, 1))
    meetings = list(Meeting.objects.filter(series=monthly).order_by("original_start"))
    local = [m.start.astimezone(JAMAICA) for m in meetings]
    assert [d.date() for d in local] == [
        datetime.date(2026, 1, 6),
        datetime.date(2026, 2, 3),
        datetime.date(2026, 3, 3),
        datetime.date(2026, 4, 7),
        datetime.date(2026, 5, 5),
        datetime.date(2026, 6, 2),
    ]
    assert all(d.weekday() == 1 and d.day <= 7 for d in local)
    # Jamaica keeps UTC-5 all year: 10:00 there is 15:00 UTC in January and in June alike.
    assert {(d.hour, d.minute) for d in local} == {(10, 0)}
    assert {m.start.astimezone(datetime.UTC).hour for m in meetings} == {15}

    march, april = meetings[2], meetings[3]
    moved_to = datetime.datetime(2026, 3, 10, 14, 0, tzinfo=JAMAICA)
    services.meeting_move(meeting=march, user=world.people["partner"], start=moved_to)
    services.meeting_cancel(meeting=april, user=world.people["partner"])

    created = services.series_extend(series=monthly, until=until(2026, 9, 1))
    # Only July and August are new: the moved March and the cancelled April are not re-created.
    assert [m.start.astimezone(JAMAICA).date() for m in created] == [
        datetime.date(2026, 7, 7),
        datetime.date(2026, 8, 4),
    ]
    # Asking again for a span already covered creates nothing either.
    monthly.generated_until = None
    assert services.series_extend(series=monthly, until=until(2026, 9, 1)) == []
    assert Meeting.objects.filter(series=monthly).count() == 8

    march.refresh_from_db()
    assert march.start == moved_to
    assert march.original_start == datetime.datetime(2026, 3, 3, 10, 0, tzinfo=JAMAICA)
    assert march.is_moved
    april.refresh_from_db()
    assert april.status == Meeting.Status.CANCELLED
    assert (
        Meeting.objects.filter(series=monthly, start__date=datetime.date(2026, 3, 3)).count() == 0
    )


def test_series_keeps_local_time_across_daylight_saving_in_its_time_zone(
    world: SimpleNamespace,
) -> None:
    """Where clocks change (a regional office in Madrid), 10:00 stays 10:00 local."""
    monthly = series(world, time_zone="Europe/Madrid", rrule="FREQ=MONTHLY;BYDAY=1TU")
    services.series_extend(series=monthly, until=until(2026, 5, 1))
    starts = [m.start for m in Meeting.objects.filter(series=monthly).order_by("start")]
    assert {s.astimezone(MADRID).hour for s in starts} == {10}
    assert [s.astimezone(datetime.UTC).hour for s in starts] == [9, 9, 9, 8]  # CET, then CEST


def test_every_other_week_series_is_fourteen_days_apart(world: SimpleNamespace) -> None:
    fortnightly = series(
        world, rrule="FREQ=WEEKLY;INTERVAL=2", start_date=datetime.date(2026, 1, 7)
    )
    services.series_extend(series=fortnightly, until=until(2026, 3, 1))
    dates = [
        m.start.astimezone(JAMAICA).date()
        for m in Meeting.objects.filter(series=fortnightly).order_by("start")
    ]
    assert dates == [datetime.date(2026, 1, 7) + datetime.timedelta(days=14 * n) for n in range(4)]


def test_series_create_makes_a_year_of_meetings(world: SimpleNamespace) -> None:
    start = datetime.date.today()
    monthly = series(world, rrule="FREQ=MONTHLY", start_date=start, until=None)
    count = Meeting.objects.filter(series=monthly).count()
    assert 12 <= count <= 13
    assert monthly.generated_until is not None


@pytest.mark.parametrize(
    ("rule", "problem"),
    [
        ("FREQ=HOURLY", "Give FREQ=DAILY, WEEKLY, MONTHLY or YEARLY"),
        ("FREQ=MONTHLY;BYDAY=1XX", "not a recurrence rule dateutil can read"),
        ("FREQ=MONTHLY;DTSTART=20260101T100000", "Leave the start and the time zone out"),
        ("MONTHLY", "is not a NAME=VALUE part"),
    ],
)
def test_bad_rule_is_refused_under_the_rule_field(
    world: SimpleNamespace, rule: str, problem: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        series(world, rrule=rule)
    assert problem in " ".join(caught.value.message_dict["rrule"])
    assert not MeetingSeries.objects.exists()


def test_rule_is_stored_normalised(world: SimpleNamespace) -> None:
    monthly = series(world, rrule="rrule: freq=monthly; byday=1tu")
    assert monthly.rrule == "FREQ=MONTHLY;BYDAY=1TU"


def test_online_series_without_link_is_refused_in_spanish(world: SimpleNamespace) -> None:
    with translation.override("es"):
        with pytest.raises(ValidationError) as caught:
            series(world, online_link="", duration_minutes=0)
        errors = caught.value.message_dict
    assert "online_link" in errors
    assert errors["duration_minutes"] == ["Asegúrese de que este valor es mayor o igual a 5."]
