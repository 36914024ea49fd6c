"""The coordination pages against every named person, the forms without JavaScript, the minutes
preview with htmx, and query counts that do not grow with the rows."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from types import SimpleNamespace
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from conftest import ROLES
from coordination import services
from coordination.models import ActionItem, Attendance, Body, Meeting, MeetingSeries
from coordination.tests.conftest import meeting, member
from core.tests.helpers import every_role

pytestmark = pytest.mark.django_db

UTC = datetime.UTC


def check_status(response: Any, expected: int) -> None:
    if expected == 302:
        assert response.status_code == 302
        assert reverse("accounts:login") in response.url
    else:
        assert response.status_code == expected, response.content[:500]


def url(name: str, *args: Any) -> str:
    return reverse(f"coordination:{name}", args=["JM", *args])


@pytest.fixture
def held(world: SimpleNamespace) -> Meeting:
    """A January meeting with an agenda, a decision and an open action item."""
    at = meeting(world, datetime.datetime(2026, 1, 6, 15, tzinfo=UTC), status="held")
    services.agenda_item_add(meeting=at, user=world.people["partner"], title_en="Campaign calendar")
    services.decision_record(meeting=at, user=world.people["partner"], text="Adopt the plan.")
    services.action_item_create(
        meeting=at,
        user=world.people["partner"],
        text="Share the calendar",
        owner=world.people["observer"],
        due_date=datetime.date(2026, 1, 31),
    )
    return at


# --- Reading ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "expected"),
    every_role(
        coordinator=200,
        focal_point=200,
        partner=200,
        observer=200,
        outsider=404,
        stranger=404,
        anonymous=404,
    ),
)
def test_body_space_of_a_programme_body_is_for_its_programme(
    world: SimpleNamespace,
    held: Meeting,
    client_for: Callable[[str], Client],
    role: str,
    expected: int,
) -> None:
    for page in (url("body", world.task_force.pk), url("meeting", held.pk)):
        check_status(client_for(role).get(page), expected)


@pytest.mark.parametrize(
    ("role", "expected"),
    every_role(
        coordinator=(True, True),
        focal_point=(True, True),
        partner=(True, True),
        observer=(True, True),
        outsider=(True, False),
        stranger=(False, False),
        anonymous=(False, False),
    ),
)
def test_region_body_is_read_in_the_region_without_the_names_of_people(
    world: SimpleNamespace,
    held: Meeting,
    client_for: Callable[[str], Client],
    role: str,
    expected: tuple[bool, bool],
) -> None:
    sees_body, sees_names = expected
    services.body_update(
        body=world.task_force, user=world.people["coordinator"], data={"visibility": "region"}
    )
    listing = client_for(role).get(url("list")).content.decode()
    assert ("Communications Task Force" in listing) is sees_body
    response = client_for(role).get(url("body", world.task_force.pk))
    assert response.status_code == (200 if sees_body else 404)
    if sees_body:
        page = response.content.decode()
        assert "UN Women" in page
        assert (str(world.people["observer"]) in page) is sees_names


@pytest.mark.parametrize("role", ROLES)
def test_body_list_opens_for_everyone_and_shows_public_bodies(
    world: SimpleNamespace, client_for: Callable[[str], Client], role: str
) -> None:
    services.body_create(
        programme=world.programme,
        user=world.people["coordinator"],
        type=Body.Type.STEERING,
        name_en="National Steering Committee",
        visibility="public",
    )
    page = client_for(role).get(url("list")).content.decode()
    assert "National Steering Committee" in page


# --- Managing bodies ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "expected"),
    every_role(
        coordinator=302,
        focal_point=403,
        partner=403,
        observer=403,
        outsider=403,
        stranger=403,
        anonymous=302,
    ),
)
def test_only_coordinators_create_bodies(
    world: SimpleNamespace, client_for: Callable[[str], Client], role: str, expected: int
) -> None:
    response = client_for(role).post(
        url("body_create"),
        {"name_en": "Pillar 1 group", "type": "pillar_group", "visibility": "programme"},
    )
    if role == "coordinator":
        body = Body.objects.get(name_en="Pillar 1 group")
        assert response.url == url("body", body.pk)
    else:
        check_status(response, expected)
        assert not Body.objects.filter(name_en="Pillar 1 group").exists()


def test_terms_of_reference_of_the_wrong_type_is_refused_on_the_form(
    world: SimpleNamespace, client_for: Callable[[str], Client]
) -> None:
    response = client_for("coordinator").post(
        url("body_edit", world.task_force.pk),
        {
            "name_en": "Communications Task Force",
            "type": "task_force",
            "visibility": "programme",
            "terms_of_reference": SimpleUploadedFile("tor.xlsx", b"PK"),
        },
    )
    assert response.status_code == 400
    assert "Upload a PDF, Word (.docx) or OpenDocument (.odt) file; “tor.xlsx” is not one." in (
        response.content.decode()
    )


@pytest.mark.parametrize(
    ("role", "expected"),
    every_role(
        coordinator=200,
        focal_point=200,
        partner=200,
        observer=200,
        outsider=404,
        stranger=404,
        anonymous=404,
    ),
)
def test_terms_of_reference_are_served_only_to_readers_of_the_body(
    world: SimpleNamespace,
    client_for: Callable[[str], Client],
    role: str,
    expected: int,
    settings,
    tmp_path,  # type: ignore[no-untyped-def]
) -> None:
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path)},
        },
    }
    services.body_update(
        body=world.task_force,
        user=world.people["coordinator"],
        data={"terms_of_reference": SimpleUploadedFile("tor.pdf", b"%PDF-1.7 terms")},
    )
    response = client_for(role).get(url("terms_of_reference", world.task_force.pk))
    assert response.status_code == expected
    if expected == 200:
        assert b"".join(response.streaming_content) == b"%PDF-1.7 terms"
        assert 'filename="tor.pdf"' in response["Content-Disposition"]


def test_coordinator_adds_and_removes_a_member(
    world: SimpleNamespace, client_for: Callable[[str], Client]
) -> None:
    client = client_for("coordinator")
    response = client.post(
        url("members", world.task_force.pk),
        {"person": world.people["coordinator"].pk, "role": "member", "stakeholder_type": "un"},
    )
    assert response.status_code == 302
    added = world.task_force.members.get(person=world.people["coordinator"])
    assert added.stakeholder_type == "un"
    response = client.post(url("member_change", world.task_force.pk, added.pk), {"remove": "1"})
    assert response.status_code == 302
    assert not world.task_force.members.filter(person=world.people["coordinator"]).exists()


# --- Meetings -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "expected"),
    every_role(
        coordinator=302,
        focal_point=302,  # chair
        partner=302,  # secretariat
        observer=403,  # sits on the body as an observer
        outsider=404,
        stranger=404,
        anonymous=404,
    ),
)
def test_chair_secretariat_and_coordinators_record_the_meeting(
    world: SimpleNamespace,
    held: Meeting,
    client_for: Callable[[str], Client],
    role: str,
    expected: int,
) -> None:
    client = client_for(role)
    posts = {
        "agenda_add": {"title_en": "Pillar 3 update"},
        "decision_add": {"text": "Launch the campaign in March."},
        "action_add": {
            "text": "Book the venue",
            "owner_organisation": world.un_women.pk,
            "due_date": "2026-02-01",
        },
        "minutes": {"minutes": "## Notes\n\nAll agreed."},
        "attendance": {f"attendance-{member(world, 'observer').pk}": "apologies"},
        "guest_add": {"name": "EU Delegation officer", "organisation": world.eu.pk},
    }
    for name, data in posts.items():
        response = client.post(url(name, held.pk), data)
        if expected == 302:
            assert response.status_code == 302, (name, response.content[:400])
        else:
            assert response.status_code == expected, name
    recorded = expected == 302
    assert held.agenda_items.filter(title_en="Pillar 3 update").exists() is recorded
    assert held.decisions.filter(text__startswith="Launch").exists() is recorded
    assert held.action_items.filter(text="Book the venue").exists() is recorded
    held.refresh_from_db()
    assert (held.minutes == "## Notes\n\nAll agreed.") is recorded
    assert Attendance.objects.filter(meeting=held, status="apologies").exists() is recorded
    assert held.guests.filter(organisation=world.eu).exists() is recorded


def test_meeting_form_creates_a_first_tuesday_series_from_the_preset(
    world: SimpleNamespace, client_for: Callable[[str], Client]
) -> None:
    response = client_for("partner").post(
        url("meeting_create", world.task_force.pk),
        {
            "title": "Monthly task force",
            "date": timezone.localdate().isoformat(),
            "time": "10:00",
            "duration_minutes": "90",
            "repeat": "monthly_first_tuesday",
            "language": "en",
            "mode": "both",
            "place": "UN House, Kingston",
            "online_link": "meet.example.org/ctf",
        },
    )
    assert response.status_code == 302, response.content[:800]
    series = MeetingSeries.objects.get()
    assert series.rrule == "FREQ=MONTHLY;BYDAY=1TU"
    assert series.online_link == "https://meet.example.org/ctf"
    assert 12 <= series.meetings.count() <= 13


def test_custom_rule_error_is_shown_under_the_rule_field(
    world: SimpleNamespace, client_for: Callable[[str], Client]
) -> None:
    response = client_for("partner").post(
        url("meeting_create", world.task_force.pk),
        {
            "date": "2026-12-01",
            "time": "10:00",
            "duration_minutes": "90",
            "repeat": "custom",
            "rrule": "FREQ=MINUTELY",
            "language": "en",
            "mode": "online",
            "online_link": "https://meet.example.org/ctf",
        },
    )
    assert response.status_code == 400
    form = response.context["form"]
    assert form.errors["rrule"] == [
        "Give FREQ=DAILY, WEEKLY, MONTHLY or YEARLY; meetings do not recur more often."
    ]
    assert not MeetingSeries.objects.exists()


def test_moving_an_occurrence_keeps_its_original_start(
    world: SimpleNamespace, client_for: Callable[[str], Client]
) -> None:
    series = services.series_create(
        body=world.task_force,
        user=world.people["partner"],
        rrule="FREQ=MONTHLY;BYDAY=1TU",
        start_date=datetime.date(2027, 1, 1),
        start_time=datetime.time(10),
        mode="online",
        online_link="https://meet.example.org/ctf",
        until=datetime.datetime(2027, 3, 1, tzinfo=UTC),
    )
    first = series.meetings.order_by("start").first()
    response = client_for("partner").post(
        url("meeting_edit", first.pk),
        {
            "date": "2027-01-08",
            "time": "14:30",
            "duration_minutes": "60",
            "status": "planned",
            "language": "en",
            "mode": "online",
            "online_link": "https://meet.example.org/ctf",
        },
    )
    assert response.status_code == 302
    first.refresh_from_db()
    assert first.start == datetime.datetime(2027, 1, 8, 19, 30, tzinfo=UTC)  # 14:30 in Jamaica
    assert first.original_start == datetime.datetime(2027, 1, 5, 15, 0, tzinfo=UTC)
    assert "Moved" in client_for("observer").get(url("meeting", first.pk)).content.decode()
    response = client_for("partner").post(url("meeting_cancel", first.pk))
    first.refresh_from_db()
    assert first.status == "cancelled"


def test_minutes_preview_without_javascript_and_with_htmx_shows_sanitised_html(
    world: SimpleNamespace, held: Meeting, client_for: Callable[[str], Client]
) -> None:
    client = client_for("partner")
    text = "**Agreed**<script>alert(1)</script>"
    response = client.post(url("minutes", held.pk), {"minutes": text, "preview": "1"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "<strong>Agreed</strong>" in page and "<script>alert(1)" not in page
    held.refresh_from_db()
    assert held.minutes == ""  # a preview saves nothing
    partial = client.post(
        url("minutes_preview", held.pk), {"minutes": text}, HTTP_HX_REQUEST="true"
    )
    assert partial.content.decode().startswith('<div id="minutes-preview"')
    assert "<strong>Agreed</strong>" in partial.content.decode()
    assert "<script" not in partial.content.decode()


def test_minutes_of_the_previous_meeting_are_approved_from_the_next(
    world: SimpleNamespace, held: Meeting, client_for: Callable[[str], Client]
) -> None:
    services.minutes_save(meeting=held, user=world.people["partner"], minutes="We met.")
    february = meeting(world, datetime.datetime(2026, 2, 3, 15, tzinfo=UTC))
    page = client_for("partner").get(url("meeting", february.pk)).content.decode()
    assert "Approve them at this meeting" in page
    assert "Share the calendar" in page  # carried over from January
    response = client_for("partner").post(url("minutes_approve", february.pk))
    assert response.status_code == 302
    held.refresh_from_db()
    assert held.minutes_approved_at_meeting == february


# --- Action items -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "expected"),
    every_role(
        coordinator=302,
        focal_point=302,  # chair of the body
        partner=302,  # secretariat
        observer=302,  # owns the item
        outsider=404,
        stranger=404,
        anonymous=404,
    ),
)
def test_owner_and_those_who_run_the_body_update_an_action_items_status(
    world: SimpleNamespace,
    held: Meeting,
    client_for: Callable[[str], Client],
    role: str,
    expected: int,
) -> None:
    item = held.action_items.get()
    response = client_for(role).post(url("action_status", item.pk), {"status": "in_progress"})
    assert response.status_code == expected
    item.refresh_from_db()
    assert (item.status == "in_progress") is (expected == 302)


def test_member_who_neither_owns_nor_runs_may_not_update_an_action_item(
    world: SimpleNamespace, held: Meeting, client_for: Callable[[str], Client]
) -> None:
    item = services.action_item_create(
        meeting=held,
        user=world.people["partner"],
        text="Ministry to confirm",
        owner_organisation=world.ministry,
        due_date=datetime.date(2026, 2, 1),
    )
    # The observer works for the ministry but, as an observer of the programme, acts for nobody.
    assert (
        client_for("observer").post(url("action_status", item.pk), {"status": "done"}).status_code
        == 403
    )


def test_action_items_per_person_and_organisation_say_overdue_in_words(
    world: SimpleNamespace, held: Meeting, client_for: Callable[[str], Client]
) -> None:
    services.action_item_create(
        meeting=held,
        user=world.people["partner"],
        text="Far in the future",
        owner_organisation=world.cso,
        due_date=timezone.localdate() + datetime.timedelta(days=60),
    )
    mine = client_for("observer").get(url("actions")).content.decode()
    assert "Share the calendar" in mine and "Overdue" in mine
    assert "Far in the future" not in mine
    by_org = client_for("observer").get(url("actions"), {"organisation": world.cso.pk})
    page = by_org.content.decode()
    assert "Far in the future" in page and "Share the calendar" not in page
    assert "Overdue" not in page
    check_status(client_for("outsider").get(url("actions")), 403)
    check_status(client_for("anonymous").get(url("actions")), 302)


# --- Query counts -------------------------------------------------------------------------------


def fill(world: SimpleNamespace, rows: int) -> Meeting:
    """``rows`` bodies, members, meetings, decisions, actions and agenda items."""
    coordinator = world.people["coordinator"]
    at = meeting(world, datetime.datetime(2026, 3, 3, 15, tzinfo=UTC))
    earlier = meeting(world, datetime.datetime(2026, 2, 3, 15, tzinfo=UTC), status="held")
    for n in range(rows):
        services.body_create(
            programme=world.programme,
            user=coordinator,
            type=Body.Type.PILLAR_GROUP,
            name_en=f"Group {n}",
            chair_organisation=world.un_women,
            parent=world.task_force,
        )
        services.agenda_item_add(meeting=at, user=coordinator, title_en=f"Item {n}")
        services.decision_record(meeting=at, user=coordinator, text=f"Decision {n}")
        for raised in (at, earlier):
            services.action_item_create(
                meeting=raised,
                user=coordinator,
                text=f"Action {n}",
                owner=world.people["focal_point"],
                owner_organisation=world.un_women,
                due_date=datetime.date(2026, 1, 1),
            )
        meeting(world, datetime.datetime(2025, 1, 1, tzinfo=UTC) + datetime.timedelta(days=n))
        services.guest_add(
            meeting=at, user=coordinator, name=f"Guest {n}", organisation=world.eu, status="present"
        )
    return at


# Measured with the chair (focal point) signed in; the same at 5 and at 50 rows.
QUERY_LIMITS = {"list": 5, "body": 13, "meeting": 22, "actions": 8}


@pytest.mark.parametrize("page", list(QUERY_LIMITS))
@pytest.mark.parametrize("rows", [5, 50])
def test_pages_take_a_fixed_number_of_queries(
    world: SimpleNamespace,
    client_for: Callable[[str], Client],
    django_assert_max_num_queries: Callable,
    page: str,
    rows: int,
) -> None:
    at = fill(world, rows)
    address = {
        "list": url("list"),
        "body": url("body", world.task_force.pk),
        "meeting": url("meeting", at.pk),
        "actions": url("actions"),
    }[page]
    client = client_for("focal_point")
    with django_assert_max_num_queries(QUERY_LIMITS[page]):
        response = client.get(address)
    assert response.status_code == 200
    assert ActionItem.objects.count() == 2 * rows
