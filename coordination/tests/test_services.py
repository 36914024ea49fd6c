"""Bodies, members, agendas, minutes, decisions, attendance and action items through the
services: what they accept, what they refuse (in the reader's language, under the right field),
and the carry-over of open action items."""

from __future__ import annotations

import datetime
import io
import zipfile
from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone, translation

from coordination import markdown, selectors, services
from coordination.files import MAX_DOCUMENT_BYTES
from coordination.models import ActionItem, Attendance, Body, BodyMember, Decision
from coordination.tests.conftest import meeting, member
from workplan.tests.factories import ActivityFactory

pytestmark = pytest.mark.django_db

UTC = datetime.UTC
TODAY = datetime.date(2026, 6, 15)


def errors_of(call, **kwargs) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as caught:
        call(**kwargs)
    return caught.value.message_dict


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        package.writestr("word/document.xml", "<document/>")
    return buffer.getvalue()


def action(world: SimpleNamespace, at, **values):  # type: ignore[no-untyped-def]
    values.setdefault("text", "Share the campaign calendar with the EU Delegation")
    values.setdefault("owner", world.people["focal_point"])
    values.setdefault("due_date", datetime.date(2026, 3, 31))
    return services.action_item_create(meeting=at, user=world.people["partner"], **values)


# --- Bodies and members -------------------------------------------------------------------------


def test_body_needs_a_name_in_one_language_and_says_so_in_spanish(world: SimpleNamespace) -> None:
    with translation.override("es"):
        errors = errors_of(
            services.body_create,
            programme=world.programme,
            user=world.people["coordinator"],
            type=Body.Type.PILLAR_GROUP,
        )
        assert errors["name_en"] == ["Escriba esto al menos en un idioma."]
    assert Body.objects.count() == 1


def test_sub_committee_cannot_sit_under_its_own_sub_committee(world: SimpleNamespace) -> None:
    coordinator = world.people["coordinator"]
    sub = services.body_create(
        programme=world.programme,
        user=coordinator,
        type=Body.Type.SUB_COMMITTEE,
        name_en="Pillar 3 sub-committee",
        parent=world.task_force,
    )
    errors = errors_of(
        services.body_update, body=world.task_force, user=coordinator, data={"parent": sub}
    )
    assert "sub-committee of itself or of its own" in errors["parent"][0]


def test_parent_body_must_be_of_the_same_programme(world: SimpleNamespace) -> None:
    honduran = services.body_create(
        programme=world.other_programme,
        user=world.people["outsider"],
        type=Body.Type.STEERING,
        name_es="Comité Directivo",
    )
    errors = errors_of(
        services.body_create,
        programme=world.programme,
        user=world.people["coordinator"],
        type=Body.Type.SUB_COMMITTEE,
        name_en="Sub",
        parent=honduran,
    )
    assert errors["parent"] == ["The parent body must belong to the same programme."]


def test_chair_organisation_must_work_in_the_programme(world: SimpleNamespace) -> None:
    errors = errors_of(
        services.body_update,
        body=world.task_force,
        user=world.people["coordinator"],
        data={"chair_organisation": world.honduran},
    )
    assert "does not work in the programme" in errors["chair_organisation"][0]


def test_terms_of_reference_of_the_wrong_type_is_refused_with_a_clear_message(
    world: SimpleNamespace,
) -> None:
    upload = SimpleUploadedFile("tor.exe", b"MZ...", content_type="application/octet-stream")
    with translation.override("en"):
        errors = errors_of(
            services.body_update,
            body=world.task_force,
            user=world.people["coordinator"],
            data={"terms_of_reference": upload},
        )
    assert errors["terms_of_reference"] == [
        "Upload a PDF, Word (.docx) or OpenDocument (.odt) file; “tor.exe” is not one."
    ]
    world.task_force.refresh_from_db()
    assert not world.task_force.terms_of_reference


def test_terms_of_reference_over_ten_megabytes_is_refused(world: SimpleNamespace) -> None:
    upload = SimpleUploadedFile("tor.pdf", b"%PDF-" + b"0" * MAX_DOCUMENT_BYTES)
    errors = errors_of(
        services.body_update,
        body=world.task_force,
        user=world.people["coordinator"],
        data={"terms_of_reference": upload},
    )
    assert errors["terms_of_reference"] == ["This file is 10.0 MB; files may be at most 10 MB."]


def test_a_renamed_file_is_not_taken_for_a_pdf(world: SimpleNamespace) -> None:
    upload = SimpleUploadedFile("tor.pdf", b"<html>not a pdf</html>")
    errors = errors_of(
        services.body_update,
        body=world.task_force,
        user=world.people["coordinator"],
        data={"terms_of_reference": upload},
    )
    assert "is not a readable PDF file" in errors["terms_of_reference"][0]


def test_terms_of_reference_docx_is_stored_under_the_programme(
    world: SimpleNamespace, settings, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path)},
        },
    }
    upload = SimpleUploadedFile("Terms of reference.docx", docx_bytes())
    body = services.body_update(
        body=world.task_force,
        user=world.people["coordinator"],
        data={"terms_of_reference": upload},
    )
    assert body.terms_of_reference.name.startswith("coordination/JM/bodies/")
    assert body.terms_of_reference.name.endswith("/Terms_of_reference.docx")


def test_member_defaults_to_their_organisation_and_its_stakeholder_type(
    world: SimpleNamespace,
) -> None:
    chair = member(world, "focal_point")
    assert chair.organisation == world.un_women
    assert chair.stakeholder_type == "un"
    assert member(world, "observer").stakeholder_type == "government"


def test_person_sits_on_a_body_once(world: SimpleNamespace) -> None:
    errors = errors_of(
        services.body_member_add,
        body=world.task_force,
        user=world.people["coordinator"],
        person=world.people["partner"],
    )
    assert errors["person"] == ["This person is already a member of this body."]


def test_only_members_of_the_programme_sit_on_its_bodies(world: SimpleNamespace) -> None:
    errors = errors_of(
        services.body_member_add,
        body=world.task_force,
        user=world.people["coordinator"],
        person=world.people["outsider"],
        stakeholder_type="un",
    )
    assert "not a member of the programme" in errors["person"][0]
    assert BodyMember.objects.filter(person=world.people["outsider"]).count() == 0


def test_history_records_who_added_a_member(world: SimpleNamespace) -> None:
    row = BodyMember.history.filter(person=world.people["partner"]).latest()
    assert row.history_user == world.people["coordinator"]


# --- Meetings -----------------------------------------------------------------------------------


def test_cancelled_meeting_cannot_be_moved_and_held_cannot_be_cancelled(
    world: SimpleNamespace,
) -> None:
    past = meeting(world, datetime.datetime(2026, 1, 6, 15, tzinfo=UTC), status="held")
    assert (
        "cannot be cancelled"
        in errors_of(services.meeting_cancel, meeting=past, user=world.people["partner"])["status"][
            0
        ]
    )
    coming = meeting(world, timezone.now() + datetime.timedelta(days=3))
    services.meeting_cancel(meeting=coming, user=world.people["partner"])
    assert (
        "cannot be moved"
        in errors_of(
            services.meeting_move,
            meeting=coming,
            user=world.people["partner"],
            start=timezone.now() + datetime.timedelta(days=5),
        )["start"][0]
    )


def test_meeting_in_the_future_cannot_be_marked_held(world: SimpleNamespace) -> None:
    errors = errors_of(
        meeting, world=world, start=timezone.now() + datetime.timedelta(days=1), status="held"
    )
    assert "has not started yet" in errors["status"][0]


def test_in_person_meeting_needs_a_place(world: SimpleNamespace) -> None:
    errors = errors_of(
        meeting,
        world=world,
        start=timezone.now(),
        mode="in_person",
        online_link="",
    )
    assert errors["place"] == ["Say where the meeting takes place."]


def test_agenda_items_are_numbered_and_link_activities_of_the_programme_only(
    world: SimpleNamespace,
) -> None:
    at = meeting(world, datetime.datetime(2026, 2, 3, 15, tzinfo=UTC))
    ours = ActivityFactory(programme=world.programme)
    theirs = ActivityFactory(programme=world.other_programme)
    first = services.agenda_item_add(
        meeting=at, user=world.people["partner"], title_en="Campaign calendar", activities=[ours]
    )
    second = services.agenda_item_add(
        meeting=at, user=world.people["partner"], title_es="Informe del pilar 3"
    )
    assert (first.order, second.order) == (1, 2)
    assert list(first.activities.all()) == [ours]
    errors = errors_of(
        services.agenda_item_add,
        meeting=at,
        user=world.people["partner"],
        title_en="",
        activities=[theirs],
    )
    assert errors["activities"] == ["Choose activities of this programme only."]
    assert errors["title_en"] == ["Write this in at least one language."]


# --- Minutes --------------------------------------------------------------------------------------


def test_minutes_are_sanitised_script_tags_stripped() -> None:
    html = markdown.render(
        "# Minutes\n\n<script>alert('x')</script>\n\n"
        "- item with <img src=x onerror=alert(1)>\n\n"
        "[link](javascript:alert(1)) and [site](https://example.org)"
    )
    assert "<script" not in html and "alert('x')" not in html
    assert "onerror" not in html and "<img" not in html
    assert "javascript:" not in html
    assert '<a href="https://example.org" rel="noopener noreferrer nofollow">site</a>' in html
    assert "<h2>Minutes</h2>" in html
    assert "<li>item with" in html


def test_minutes_are_approved_at_a_later_meeting_and_then_frozen(world: SimpleNamespace) -> None:
    january = meeting(world, datetime.datetime(2026, 1, 6, 15, tzinfo=UTC))
    february = meeting(world, datetime.datetime(2026, 2, 3, 15, tzinfo=UTC))
    secretariat = world.people["partner"]
    assert errors_of(
        services.minutes_approve, meeting=january, at_meeting=february, user=secretariat
    )["minutes"] == ["There are no minutes to approve yet."]
    services.minutes_save(meeting=january, user=secretariat, minutes="We met.")
    services.minutes_save(meeting=february, user=secretariat, minutes="We met again.")
    assert errors_of(
        services.minutes_approve, meeting=february, at_meeting=january, user=secretariat
    )["minutes"] == ["Minutes are approved at a later meeting of the same body."]
    services.minutes_approve(meeting=january, at_meeting=february, user=secretariat)
    january.refresh_from_db()
    assert january.minutes_approved_at_meeting == february
    assert january.minutes_approved_at is not None
    assert (
        "can no longer be changed"
        in errors_of(
            services.minutes_save, meeting=january, user=secretariat, minutes="Rewritten."
        )["minutes"][0]
    )


# --- Decisions and attendance ---------------------------------------------------------------------


def test_decisions_are_numbered_within_the_body(world: SimpleNamespace) -> None:
    january = meeting(world, datetime.datetime(2026, 1, 6, 15, tzinfo=UTC))
    february = meeting(world, datetime.datetime(2026, 2, 3, 15, tzinfo=UTC))
    user = world.people["partner"]
    services.decision_record(meeting=january, user=user, text="Adopt the campaign plan.")
    services.decision_record(meeting=january, user=user, text="Invite the EU Delegation.")
    third = services.decision_record(meeting=february, user=user, text="Launch in March.")
    assert third.number == 3
    assert list(Decision.objects.values_list("number", flat=True)) == [1, 2, 3]


def test_attendance_records_members_and_a_guest_by_stakeholder_type(
    world: SimpleNamespace,
) -> None:
    at = meeting(world, datetime.datetime(2026, 1, 6, 15, tzinfo=UTC))
    user = world.people["partner"]
    rows = [
        (member(world, "focal_point"), "present"),
        (member(world, "partner"), "present"),
        (member(world, "observer"), "apologies"),
    ]
    services.attendance_record(meeting=at, user=user, rows=rows)
    services.attendance_record(meeting=at, user=user, rows=[(member(world, "observer"), "absent")])
    guest = services.guest_add(
        meeting=at, user=user, name="Ana Programme Officer", organisation=world.eu, status="present"
    )
    assert guest.stakeholder_type == "donor"
    present = Attendance.objects.filter(meeting=at, status="present")
    assert sorted(present.values_list("stakeholder_type", flat=True)) == [
        "civil_society",
        "donor",
        "un",
    ]
    assert Attendance.objects.get(meeting=at, person=world.people["observer"]).status == "absent"
    services.attendance_record(meeting=at, user=user, rows=[(member(world, "observer"), "")])
    assert not Attendance.objects.filter(meeting=at, person=world.people["observer"]).exists()


def test_attendance_status_must_be_one_of_the_three(world: SimpleNamespace) -> None:
    at = meeting(world, datetime.datetime(2026, 1, 6, 15, tzinfo=UTC))
    errors = errors_of(
        services.attendance_record,
        meeting=at,
        user=world.people["partner"],
        rows=[(member(world, "partner"), "late")],
    )
    assert errors["status"] == ["Choose present, apologies or absent."]


# --- Action items -------------------------------------------------------------------------------


def test_action_item_needs_an_owner_person_or_organisation(world: SimpleNamespace) -> None:
    at = meeting(world, datetime.datetime(2026, 1, 6, 15, tzinfo=UTC))
    errors = errors_of(action, world=world, at=at, owner=None)
    assert errors["owner"] == ["Name the person or the organisation who owns it."]
    with translation.override("es"):
        errors = errors_of(action, world=world, at=at, due_date=None)
        assert errors["due_date"] == ["Este campo no puede ser nulo."]
    assert not ActionItem.objects.exists()


def test_open_action_items_carry_over_to_the_next_meetings_until_closed(
    world: SimpleNamespace,
) -> None:
    january = meeting(world, datetime.datetime(2026, 1, 6, 15, tzinfo=UTC))
    february = meeting(world, datetime.datetime(2026, 2, 3, 15, tzinfo=UTC))
    march = meeting(world, datetime.datetime(2026, 3, 3, 15, tzinfo=UTC))
    april = meeting(world, datetime.datetime(2026, 4, 7, 15, tzinfo=UTC))
    other_body = services.body_create(
        programme=world.programme,
        user=world.people["coordinator"],
        type=Body.Type.PILLAR_GROUP,
        name_en="Pillar 3 group",
    )
    elsewhere = meeting(world, datetime.datetime(2026, 1, 6, 15, tzinfo=UTC), body=other_body)
    calendar = action(world, january, text="Share the calendar")
    spots = action(world, january, text="Draft radio spots", owner_organisation=world.cso)
    action(world, elsewhere, text="Of another body")
    brief = action(world, february, text="Brief the ministry")

    assert list(selectors.carried_over(january)) == []
    assert list(selectors.carried_over(february)) == [calendar, spots]
    services.action_item_set_status(item=spots, user=world.people["partner"], status="in_progress")
    assert list(selectors.carried_over(march)) == [calendar, spots, brief]

    # Closed between the March and the April meetings: gone from April's agenda, kept on March's.
    services.action_item_set_status(item=calendar, user=world.people["focal_point"], status="done")
    calendar.refresh_from_db()
    ActionItem.objects.filter(pk=calendar.pk).update(
        closed_at=datetime.datetime(2026, 3, 20, tzinfo=UTC)
    )
    services.action_item_set_status(item=brief, user=world.people["partner"], status="dropped")
    ActionItem.objects.filter(pk=brief.pk).update(
        closed_at=datetime.datetime(2026, 3, 21, tzinfo=UTC)
    )
    assert list(selectors.carried_over(april)) == [spots]
    assert list(selectors.carried_over(march)) == [calendar, spots, brief]


def test_closing_records_when_and_reopening_clears_it(world: SimpleNamespace) -> None:
    item = action(world, meeting(world, datetime.datetime(2026, 1, 6, 15, tzinfo=UTC)))
    services.action_item_set_status(item=item, user=world.people["focal_point"], status="done")
    assert item.closed_at is not None
    services.action_item_set_status(item=item, user=world.people["focal_point"], status="open")
    item.refresh_from_db()
    assert item.closed_at is None and item.status == "open"


def test_overdue_items_listed_per_person_and_per_organisation(world: SimpleNamespace) -> None:
    at = meeting(world, datetime.datetime(2026, 1, 6, 15, tzinfo=UTC))
    late = action(world, at, text="Late", due_date=TODAY - datetime.timedelta(days=1))
    due_today = action(world, at, text="Due today", due_date=TODAY)
    org_late = action(
        world,
        at,
        text="Organisation's",
        owner=None,
        owner_organisation=world.cso,
        due_date=TODAY - datetime.timedelta(days=30),
    )
    done = action(world, at, text="Done late", due_date=TODAY - datetime.timedelta(days=9))
    services.action_item_set_status(item=done, user=world.people["focal_point"], status="done")

    overdue = ActionItem.objects.overdue(TODAY)
    assert set(overdue) == {late, org_late}
    assert late.is_overdue(TODAY) and not due_today.is_overdue(TODAY)
    assert not done.is_overdue(TODAY)

    mine = selectors.action_items_list(
        user=world.people["focal_point"],
        programme=world.programme,
        person=world.people["focal_point"],
    )
    assert list(mine) == [late, due_today]
    theirs = selectors.action_items_list(
        user=world.people["focal_point"], programme=world.programme, organisation=world.cso
    )
    assert list(theirs) == [org_late]
    everything = selectors.action_items_list(
        user=world.people["coordinator"],
        programme=world.programme,
        person=world.people["focal_point"],
        include_closed=True,
    )
    assert done in list(everything)
