"""Recording a meeting in a real browser: the secretariat of Jamaica's Communications Task Force
opens the coming meeting from the programme page, adds an agenda item, records attendance, a
decision and an action item, and finds all four on the meeting page; the open action item is
then on the next meeting's agenda, carried over. Every page passes axe-core.
"""

import datetime
import re
from collections.abc import Callable

import pytest
from django.utils import timezone
from playwright.sync_api import BrowserContext, Page, expect

from coordination.models import ActionItem, Body, BodyMember, Meeting
from core.tests.browser.conftest import check_accessibility, follow, visit
from core.tests.browser.test_journey import sign_in
from demo import data
from demo.coordination import demo_coordination_load

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("demo")]

AGENDA_ITEM = "Launch of the survivors' stories campaign"
DECISION = "The campaign launches on 25 November with the EU Delegation."
ACTION = "Book the venue for the campaign launch"


@pytest.fixture
def task_force(demo: None) -> Body:
    """Jamaica's Communications Task Force with its year of meetings; its secretariat is the
    demo's UN Women focal point ("focalpoint")."""
    demo_coordination_load(codes=["JM"], keys=["communications"])
    return Body.objects.get(programme__code="JM", type=Body.Type.TASK_FORCE)


def _open_details(page: Page, summary: str) -> None:
    page.locator("summary", has_text=summary).click()


def test_secretariat_records_a_meeting_and_its_action_is_carried_over(
    task_force: Body, new_context: Callable[..., BrowserContext], live_server
) -> None:
    coming, following = (
        task_force.meetings.filter(start__gte=timezone.now(), status=Meeting.Status.PLANNED)
        .order_by("start")
        .all()[:2]
    )
    chair = task_force.members.get(role=BodyMember.Role.CHAIR)
    absent = task_force.members.filter(role=BodyMember.Role.MEMBER).order_by("pk").first()
    due = timezone.localdate() + datetime.timedelta(days=20)

    page = new_context(viewport={"width": 1280, "height": 900}).new_page()
    visit(page, f"{live_server.url}/en/accounts/login/")
    sign_in(page, "focalpoint", data.PASSWORD)
    visit(page, f"{live_server.url}/en/programmes/JM/")
    follow(page, page.get_by_role("link", name=re.compile("committees, task forces")))
    expect(page).to_have_url(re.compile(r"/en/coordination/JM/$"))
    expect(page.get_by_role("navigation", name="Main")).to_contain_text("Coordination bodies (JM)")
    follow(page, page.get_by_role("link", name="Communications Task Force", exact=True))
    follow(page, page.locator("section[aria-labelledby=next-heading] a").first)
    expect(page).to_have_url(re.compile(rf"/en/coordination/JM/meetings/{coming.pk}/$"))

    _open_details(page, "Add an agenda item")
    page.get_by_label("Item (English)").fill(AGENDA_ITEM)
    follow(page, page.get_by_role("button", name="Add to the agenda"))
    expect(page.locator("section[aria-labelledby=agenda] ol")).to_contain_text(AGENDA_ITEM)

    page.locator(f"#attendance-{chair.pk}-present").check()
    page.locator(f"#attendance-{absent.pk}-apologies").check()
    follow(page, page.get_by_role("button", name="Save attendance"))

    _open_details(page, "Record a decision")
    page.locator("form[action$='/decisions/'] textarea[name=text]").fill(DECISION)
    follow(page, page.get_by_role("button", name="Record", exact=True))

    _open_details(page, "Add an action item")
    form = page.locator("form[action$='/actions/']")
    form.locator("textarea[name=text]").fill(ACTION)
    form.locator("select[name=owner]").select_option(str(absent.person_id))
    form.locator("input[name=due_date]").fill(due.isoformat())
    follow(page, page.get_by_role("button", name="Add", exact=True))

    # The meeting page shows all four.
    expect(page.locator("section[aria-labelledby=agenda] ol")).to_contain_text(AGENDA_ITEM)
    expect(page.locator(f"#attendance-{chair.pk}-present")).to_be_checked()
    expect(page.locator(f"#attendance-{absent.pk}-apologies")).to_be_checked()
    expect(page.locator("section[aria-labelledby=decisions]")).to_contain_text(DECISION)
    raised = page.locator("section[aria-labelledby=actions] table")
    expect(raised).to_contain_text(ACTION)
    expect(raised).to_contain_text(str(absent.person.get_full_name()))
    check_accessibility(page)
    item = ActionItem.objects.get(text=ACTION)
    assert (item.meeting_id, item.owner_id, item.due_date) == (coming.pk, absent.person_id, due)

    # Open, it is on the next meeting's agenda until closed.
    visit(page, f"{live_server.url}/en/coordination/JM/meetings/{following.pk}/")
    carried = page.locator("#carried-over + table, [aria-labelledby=carried-caption]")
    expect(carried.first).to_contain_text(ACTION)
