"""The issue's acceptance journey, in a real browser: Spanish landing page, switch to English,
sign in as the demo coordinator, read the programme page; with and without JavaScript, checked
for accessibility on every page and for requests to any other host.
"""

import re
from collections.abc import Callable

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from core.tests.browser.conftest import Traffic, check_accessibility, follow, visit
from demo import data

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("demo")]

PROGRAMME_SECTIONS = {
    "organisations": "Organisations",
    "people": "People",
    "areas": "Target communities",
    "pillars": "Pillars",
    "priorities": "Government priorities",
}


def sign_in(page: Page, username: str, password: str) -> None:
    """Fill in and send the sign-in form the page shows; the next page is checked by ``follow``."""
    page.get_by_label(re.compile("user ?name", re.IGNORECASE)).fill(username)
    page.locator("input[name=password]").fill(password)
    follow(page, page.locator("main form button[type=submit]"))


def assert_programme_page(page: Page) -> None:
    """The programme page for JM, with every section and something in each."""
    expect(page).to_have_url(re.compile(r"/en/programmes/JM/$"))
    for section, heading in PROGRAMME_SECTIONS.items():
        expect(page.locator(f"section#{section} h2")).to_have_text(heading)
        # The table of contents links to each section.
        expect(page.locator(f"nav.toc a[href='#{section}']")).to_be_visible()
    expect(page.locator("#organisations tbody")).to_contain_text("UN Women")
    expect(page.locator("#people tbody")).to_contain_text("Claudette Brown")
    expect(page.locator("#areas li").first).to_be_visible()
    expect(page.locator("#pillars li")).to_have_count(6)
    expect(page.locator("#priorities li").first).to_be_visible()


def test_journey_from_spanish_landing_page_to_programme_page(
    page: Page, live_server, traffic: Traffic
) -> None:
    visit(page, f"{live_server.url}/es/")
    expect(page.locator("html")).to_have_attribute("lang", "es")
    current = page.locator("nav.lang [aria-current]")
    expect(current).to_have_attribute("lang", "es")
    switch = page.locator("nav.lang a[hreflang=en]")
    expect(switch).to_have_attribute("href", "/en/")
    expect(switch).to_have_attribute("lang", "en")

    follow(page, switch)
    expect(page).to_have_url(f"{live_server.url}/en/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("nav.lang a[hreflang=es]")).to_have_attribute("href", "/es/")

    follow(page, page.locator("nav.main-nav").get_by_role("link", name="Sign in"))
    expect(page).to_have_url(re.compile(r"/en/accounts/login/"))
    sign_in(page, "coordinator", data.PASSWORD)
    expect(page).to_have_url(f"{live_server.url}/en/")
    expect(page.get_by_role("button", name=re.compile(r"Sign out"))).to_be_visible()

    # Signed in, the coordinator's programme is a link on the landing page.
    follow(page, page.get_by_role("link", name="Spotlight Initiative Jamaica"))
    assert_programme_page(page)

    # The recording works (the style sheet and htmx were fetched) and nothing left this host.
    assert any(url.endswith(".css") for url in traffic.urls)
    assert any("htmx" in url for url in traffic.urls)
    assert traffic.foreign(live_server.url) == []


def test_sign_in_and_programme_page_work_without_javascript(
    new_context: Callable[..., BrowserContext], live_server, traffic: Traffic
) -> None:
    page = new_context(java_script_enabled=False).new_page()

    # An anonymous visitor is sent to sign in, and comes back to the programme page after.
    visit(page, f"{live_server.url}/en/programmes/JM/")
    expect(page).to_have_url(re.compile(r"/en/accounts/login/\?next=/en/programmes/JM/"))
    sign_in(page, "coordinator", data.PASSWORD)
    assert_programme_page(page)
    assert traffic.foreign(live_server.url) == []


def test_skip_link_is_the_first_thing_tab_reaches(page: Page, live_server) -> None:
    visit(page, f"{live_server.url}/en/")

    page.keyboard.press("Tab")
    skip_link = page.locator("a.skip-link")
    expect(skip_link).to_be_focused()
    expect(skip_link).to_be_in_viewport()
    expect(skip_link).to_have_attribute("href", "#main")

    page.keyboard.press("Enter")
    expect(page.locator("main#main")).to_be_focused()


def test_organisation_search_updates_results_with_htmx(
    page: Page, live_server, traffic: Traffic
) -> None:
    visit(page, f"{live_server.url}/en/organisations/")
    rows = page.locator("#results tbody tr")
    expect(rows.nth(1)).to_be_visible()
    page.evaluate("window.samePage = true")

    with page.expect_request(lambda request: "hx-request" in request.headers) as swap:
        page.get_by_role("searchbox").fill("Population")
    assert "q=Population" in swap.value.url
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("United Nations Population Fund")
    # The results were swapped in place, not loaded as a new page, and the address follows.
    assert page.evaluate("window.samePage") is True
    expect(page).to_have_url(re.compile(r"/en/organisations/\?q=Population$"))
    check_accessibility(page)
    assert traffic.foreign(live_server.url) == []


def test_organisation_search_works_without_javascript(
    new_context: Callable[..., BrowserContext], live_server, traffic: Traffic
) -> None:
    page = new_context(java_script_enabled=False).new_page()
    visit(page, f"{live_server.url}/en/organisations/")
    rows = page.locator("#results tbody tr")
    expect(rows.nth(1)).to_be_visible()

    # The form is sent as a plain GET: ``follow`` insists on a whole new page.
    page.get_by_role("searchbox").fill("Population")
    follow(page, page.get_by_role("button", name="Search"))
    expect(page).to_have_url(re.compile(r"/en/organisations/\?q=Population$"))
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("United Nations Population Fund")
    assert traffic.foreign(live_server.url) == []


def test_every_page_in_the_signed_in_navigation_passes_axe(page: Page, live_server) -> None:
    visit(page, f"{live_server.url}/en/accounts/login/")
    sign_in(page, "coordinator", data.PASSWORD)

    links = page.locator("nav.main-nav a")
    hrefs = [links.nth(index).get_attribute("href") for index in range(links.count())]
    assert "/en/accounts/people/" in hrefs
    for href in hrefs:
        visit(page, f"{live_server.url}{href}")
