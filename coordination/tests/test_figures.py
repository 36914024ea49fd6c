"""Participation figures: right on a small known set, only over the bodies the reader reads, the
same in the files as on the page (formula cells defused), bars with their words, and a fixed
number of queries whatever the number of meetings."""

from __future__ import annotations

import csv
import datetime
import io
from collections.abc import Callable
from types import SimpleNamespace
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from coordination import figures, services
from coordination.models import ActionItem, Body, Meeting
from coordination.tests.conftest import meeting, member

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


def url(name: str, *args: Any) -> str:
    return reverse(f"coordination:{name}", args=["JM", *args])


def csv_rows(response: Any) -> list[list[str]]:
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))


@pytest.fixture
def known(world: SimpleNamespace) -> SimpleNamespace:
    """Four meetings planned so far in the period (two held, one cancelled, one not recorded),
    one to come; attendance of members and a guest; action items closed on time, late, dropped,
    overdue and open, and one overdue item due long before the period."""
    now = timezone.now()
    today = timezone.localdate()
    coordinator = world.people["coordinator"]
    chair, secretariat, observer = (
        member(world, r) for r in ("focal_point", "partner", "observer")
    )
    first = meeting(world, now - 60 * DAY, status="held", title='=HYPERLINK("http://x")')
    services.attendance_record(
        meeting=first,
        user=coordinator,
        rows=[(chair, "present"), (secretariat, "present"), (observer, "apologies")],
    )
    services.guest_add(
        meeting=first,
        user=coordinator,
        name="EU Delegation",
        organisation=world.eu,
        status="present",
    )
    second = meeting(world, now - 30 * DAY, status="held", title="Second")
    services.attendance_record(
        meeting=second,
        user=coordinator,
        rows=[(chair, "present"), (secretariat, "absent"), (observer, "present")],
    )
    meeting(world, now - 20 * DAY, status="cancelled", title="Cancelled")
    meeting(world, now - 10 * DAY, title="Not recorded")
    meeting(world, now + 10 * DAY, title="Coming")

    def action(
        text: str, due: datetime.date, status: str = "open", closed: Any = None, **owner: Any
    ) -> ActionItem:
        owner = owner or {"owner_organisation": world.un_women}
        item = services.action_item_create(
            meeting=first, user=coordinator, text=text, due_date=due, **owner
        )
        if status != "open":
            services.action_item_set_status(item=item, user=coordinator, status=status)
        if closed is not None:
            ActionItem.objects.filter(pk=item.pk).update(closed_at=closed)
        return item

    action("On time", today - 50 * DAY, "done", now - 55 * DAY)
    action("Late", today - 40 * DAY, "done", now - 35 * DAY)
    action("Dropped", today - 30 * DAY, "dropped")
    action("Overdue", today - 5 * DAY)
    action("Not yet due", today + 5 * DAY, owner_organisation=world.cso)
    action("Long overdue", today - 300 * DAY)
    action("A person's", today - 2 * DAY, owner=world.people["observer"])
    return SimpleNamespace(
        period={"from": (today - 200 * DAY).isoformat(), "to": (today + 30 * DAY).isoformat()},
        today=today,
    )


def compute(
    world: SimpleNamespace, known: SimpleNamespace, role: str = "coordinator"
) -> figures.Figures:
    period = figures.Period(
        start=datetime.date.fromisoformat(known.period["from"]),
        end=datetime.date.fromisoformat(known.period["to"]),
    )
    return figures.compute(user=world.people[role], programme=world.programme, period=period)


def test_meetings_held_are_counted_against_those_planned_so_far(world, known) -> None:  # type: ignore[no-untyped-def]
    total = compute(world, known).total
    assert (total.planned, total.held, total.cancelled, total.not_recorded, total.coming) == (
        4,
        2,
        1,
        1,
        1,
    )
    assert total.held_rate == 50.0


def test_attendance_rate_is_present_over_recorded_per_meeting_and_overall(world, known) -> None:  # type: ignore[no-untyped-def]
    found = compute(world, known)
    held = [row for row in found.meetings if row.status == Meeting.Status.HELD]
    assert [(row.present, row.apologies, row.absent, row.rate) for row in held] == [
        (3, 1, 0, 75.0),
        (2, 0, 1, 66.7),
    ]
    # People added up (5 of 7), not the mean of the two rates.
    assert found.total.attendance_rate == 71.4


def test_stakeholder_mix_counts_meetings_with_government_and_civil_society_present(
    world, known
) -> None:  # type: ignore[no-untyped-def]
    total = compute(world, known).total
    assert total.with_attendance == 2
    assert (total.share_with("government"), total.average_of("government")) == (50.0, 0.5)
    assert (total.share_with("civil_society"), total.average_of("civil_society")) == (50.0, 0.5)
    assert (total.share_with("un"), total.average_of("un")) == (100.0, 1.0)
    assert total.share_with("donor") == 50.0  # the EU Delegation came as a guest once
    assert total.share_with("implementing_partner") == 0.0


def test_action_items_closed_on_time_late_dropped_open_and_overdue(world, known) -> None:  # type: ignore[no-untyped-def]
    total = compute(world, known).total
    assert (total.on_time, total.late, total.dropped, total.open, total.overdue) == (1, 1, 1, 1, 2)
    # Dropped items are left out of the share closed on time: 1 of 5.
    assert total.on_time_rate == 20.0


def test_open_and_overdue_items_by_organisation_are_counted_today_whatever_the_period(
    world, known
) -> None:  # type: ignore[no-untyped-def]
    rows = {row.name: (row.open, row.overdue) for row in compute(world, known).organisations}
    assert rows == {
        str(world.un_women): (2, 2),
        str(world.cso): (1, 0),
        "No organisation named (owned by a person)": (1, 1),
    }


def test_bodies_an_outsider_may_not_read_are_not_counted(world, known, client_for) -> None:  # type: ignore[no-untyped-def]
    public = services.body_create(
        programme=world.programme,
        user=world.people["coordinator"],
        type=Body.Type.PARTNER_FORUM,
        name_en="Open Partner Forum",
        visibility="public",
    )
    meeting(world, timezone.now() - 15 * DAY, body=public, status="held")
    outsider = compute(world, known, role="outsider")
    assert [body.name for body, _tally in outsider.bodies] == ["Open Partner Forum"]
    assert (outsider.total.planned, outsider.total.held) == (1, 1)
    assert outsider.organisations == []
    coordinator = compute(world, known)
    assert coordinator.total.planned == 5
    page = client_for("outsider").get(url("figures"), known.period).content.decode()
    assert "Open Partner Forum" in page and "Communications Task Force" not in page
    assert client_for("outsider").get(url("body_figures", world.task_force.pk)).status_code == 404
    assert client_for("anonymous").get(url("body_figures", public.pk)).status_code == 200


def test_default_period_is_the_last_twelve_months(world, client_for) -> None:  # type: ignore[no-untyped-def]
    response = client_for("coordinator").get(url("figures"))
    period = response.context["period"]
    assert period.end == timezone.localdate()
    assert period == figures.Period.last_twelve_months(period.end)
    assert period.start == period.end.replace(year=period.end.year - 1) + DAY


def test_period_ending_before_it_starts_is_refused_and_the_default_shown(world, client_for) -> None:  # type: ignore[no-untyped-def]
    response = client_for("coordinator").get(
        url("figures"), {"from": "2026-05-01", "to": "2026-01-01"}
    )
    assert response.status_code == 200
    assert "The start of the period must come before its end." in response.content.decode()
    assert response.context["period"].end == timezone.localdate()


def test_chart_bars_carry_their_figures_in_words_and_the_table_the_same(
    world, known, client_for
) -> None:  # type: ignore[no-untyped-def]
    page = client_for("coordinator").get(url("body_figures", world.task_force.pk), known.period)
    html = page.content.decode()
    assert "2 held of 4 planned (50.0 %)" in html
    assert "5 present of 7 recorded (71.4 %)" in html
    assert "1 of 2 meetings (50.0 %)" in html  # government, civil society, donor
    assert 'aria-hidden="true"' in html  # the bars themselves are decoration
    attendance = next(t for t in page.context["sections"] if t[0].slug == "attendance")[0]
    assert attendance.table.rows[-1][:7] == ["All meetings", "", "", 5, 1, 1, 71.4]
    assert '<td class="number">71.4</td>' in html


def test_programme_page_is_linked_from_the_bodies_list_and_body_page_from_the_body(
    world, client_for
) -> None:  # type: ignore[no-untyped-def]
    client = client_for("observer")
    assert url("figures") in client.get(url("list")).content.decode()
    body = world.task_force.pk
    assert url("body_figures", body) in client.get(url("body", body)).content.decode()


def test_exports_hold_what_the_page_shows_with_formula_cells_defused(
    world, known, client_for
) -> None:  # type: ignore[no-untyped-def]
    client = client_for("coordinator")
    address = url("body_figures", world.task_force.pk)
    page = client.get(address, known.period)
    shown = {table.slug: table.table for table, _charts in page.context["sections"]}
    response = client.get(address, {**known.period, "format": "csv", "table": "attendance"})
    assert response["Content-Disposition"].startswith(
        f'attachment; filename="coordination-JM-figures-{world.task_force.pk}-attendance-'
    )
    rows = csv_rows(response)
    assert rows[0] == shown["attendance"].headers
    assert len(rows) == 1 + len(shown["attendance"].rows)
    assert rows[1][1] == '\'=HYPERLINK("http://x")'
    assert rows[1][3:7] == ["3", "1", "0", "75.0"]
    assert rows[-1][:7] == ["All meetings", "", "", "5", "1", "1", "71.4"]

    workbook = load_workbook(
        io.BytesIO(client.get(address, {**known.period, "format": "xlsx"}).content)
    )
    assert workbook.sheetnames == [
        "Meetings",
        "Attendance",
        "Stakeholders",
        "Action items",
        "By organisation",
        "About",
    ]
    sheet = workbook["Attendance"]
    cell = sheet.cell(row=2, column=2)
    assert cell.value == '=HYPERLINK("http://x")' and cell.data_type == "s"
    assert [c.value for c in sheet[2]][3:7] == [3, 1, 0, 75.0]
    organisations = [[c.value for c in row] for row in workbook["By organisation"].iter_rows()]
    assert organisations[1:] == [list(r) for r in shown["organisations"].rows]
    assert client.get(address, {"format": "csv", "table": "nothing"}).status_code == 404


def test_programme_export_lists_every_body_it_counts(world, known, client_for) -> None:  # type: ignore[no-untyped-def]
    rows = csv_rows(
        client_for("coordinator").get(
            url("figures"), {**known.period, "format": "csv", "table": "bodies"}
        )
    )
    assert [row[0] for row in rows[1:]] == ["Communications Task Force", "All bodies"]
    assert rows[1][1:4] == ["4", "2", "50.0"]


def fill(world: SimpleNamespace, count: int) -> None:
    """``count`` held meetings with attendance and a guest, and an action item each."""
    coordinator = world.people["coordinator"]
    rows = [(member(world, r), "present") for r in ("focal_point", "partner", "observer")]
    start = timezone.now() - 300 * DAY
    for n in range(count):
        at = meeting(world, start + n * 5 * DAY, status="held")
        services.attendance_record(meeting=at, user=coordinator, rows=rows)
        services.guest_add(
            meeting=at, user=coordinator, name=f"Guest {n}", organisation=world.eu, status="present"
        )
        services.action_item_create(
            meeting=at,
            user=coordinator,
            text=f"Action {n}",
            owner_organisation=world.cso if n % 2 else world.un_women,
            due_date=timezone.localdate() - n * DAY,
        )


# Measured with the observer signed in; the same at 5 and at 50 meetings.
QUERY_LIMITS = {"figures": 9, "body_figures": 9}


@pytest.mark.parametrize("page", list(QUERY_LIMITS))
@pytest.mark.parametrize("count", [5, 50])
@pytest.mark.parametrize("wanted", ["", "xlsx"])
def test_figures_take_a_fixed_number_of_queries(
    world: SimpleNamespace,
    client_for: Callable[[str], Client],
    django_assert_max_num_queries: Callable,
    page: str,
    count: int,
    wanted: str,
) -> None:
    fill(world, count)
    address = url(page) if page == "figures" else url(page, world.task_force.pk)
    client = client_for("observer")
    with django_assert_max_num_queries(QUERY_LIMITS[page]):
        response = client.get(address, {"format": wanted} if wanted else {})
    assert response.status_code == 200
    if not wanted:
        assert response.context["figures"].total.held == count
