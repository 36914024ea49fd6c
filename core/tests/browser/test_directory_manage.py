"""The members' directory pages in a real browser: every page passes axe-core, and a coordinator
edits a service (adding a row, fixing a mistake) with JavaScript off.
"""

import re
from collections.abc import Callable

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from core.tests.browser.conftest import check_accessibility, follow, visit
from core.tests.browser.test_journey import sign_in
from demo import data
from directory.models import Service

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("demo")]

PAGES = ["", "services/new/", "follow-up/", "coverage/", "changes/", "suggestions/"]


@pytest.mark.parametrize("width", [320, 1280])
def test_every_management_page_passes_axe(
    width: int, new_context: Callable[..., BrowserContext], live_server
) -> None:
    page = new_context(viewport={"width": width, "height": 800}).new_page()
    visit(page, f"{live_server.url}/en/accounts/login/")
    sign_in(page, "coordinator", data.PASSWORD)
    base = f"{live_server.url}/en/directory/JM/manage/"
    for path in PAGES:
        visit(page, base + path)
    service = Service.objects.filter(programme__code="JM").order_by("name").first()
    assert service is not None
    visit(page, f"{base}services/{service.pk}/")


def test_coordinator_edits_a_service_without_javascript(
    new_context: Callable[..., BrowserContext], live_server
) -> None:
    page: Page = new_context(java_script_enabled=False).new_page()
    visit(page, f"{live_server.url}/en/accounts/login/")
    sign_in(page, "coordinator", data.PASSWORD)
    service = Service.objects.filter(programme__code="JM").order_by("name").first()
    assert service is not None
    visit(page, f"{live_server.url}/en/directory/JM/manage/services/{service.pk}/")

    follow(page, page.get_by_role("button", name="Add another phone"))
    rows = page.locator("#phones fieldset.row")
    new_row = rows.nth(rows.count() - 1)
    new_row.get_by_label("Number").fill("876-555-4242")
    # A mistake first: an opening time without a closing time, shown on its field.
    page.locator("#schedules fieldset.row").last.get_by_label("Opens at").fill("09:00")
    page.locator("#schedules fieldset.row").last.get_by_label("Mon").check()
    with page.expect_navigation() as navigation:
        page.get_by_role("button", name="Save changes").first.click()
    assert navigation.value is not None and navigation.value.status == 400
    check_accessibility(page)  # the page with its errors, too
    expect(page.get_by_role("alert").first).to_contain_text("Please correct")
    closes = page.locator("#schedules fieldset.row").last.get_by_label("Closes at")
    expect(closes).to_have_attribute("aria-invalid", "true")
    closes.fill("13:00")
    follow(page, page.get_by_role("button", name="Save changes").first)

    expect(page).to_have_url(re.compile(rf"/manage/services/{service.pk}/$"))
    expect(page.get_by_role("status")).to_contain_text("saved")
    assert service.phones.filter(number="876-555-4242").exists()
    assert service.schedules.filter(byday="MO").exists()
