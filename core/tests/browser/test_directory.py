"""The public directory in a real browser: quick exit, no cookies and no other host, search with and
without JavaScript, the opt-in offline copy, the referral pathway PDF, and axe-core on every public
page in both languages at a phone's narrowest width and at a desktop's.

Everything runs on the demo directory of Honduras (HN), whose communities have legal clinics,
confidential shelters and more than one page of services. Addresses on another host (the neutral
page of Quick exit) are answered inside the browser, so that no request leaves the machine.
"""

import importlib.util
import re
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from playwright.sync_api import BrowserContext, Page, expect

from core.tests.browser.conftest import (
    Traffic,
    answer_locally,
    check_accessibility,
    follow,
    visit,
)
from directory import public
from directory.models import Service, Suggestion
from programmes.models import Programme

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("demo")]

CODE = "HN"
LANGUAGES = ["en", "es"]
WIDTHS = {"phone": {"width": 320, "height": 640}, "desktop": {"width": 1280, "height": 800}}
NEUTRAL_PAGE = "<!DOCTYPE html><html lang=en><title>Weather</title><p>Sunny.</p></html>"


def _pathways_exist() -> bool:
    """The referral pathway pages are written in parallel with these tests: use them if present."""
    if importlib.util.find_spec("directory.pathway_urls") is None:
        return False
    try:
        reverse("directory:pathway_list", args=[CODE])
    except NoReverseMatch:
        return False
    return True


PATHWAYS = _pathways_exist()
needs_pathways = pytest.mark.skipif(not PATHWAYS, reason="no referral pathway pages yet")


# -- Where things are ---------------------------------------------------------------------------


def url(live_server: Any, language: str, name: str, *args: Any, query: str = "") -> str:
    with translation.override(language):
        path = reverse(f"directory:{name}", args=args)
    return f"{live_server.url}{path}{'?' + query if query else ''}"


def service(kind: str) -> Service:
    """The first of the programme's public demo services whose English name contains ``kind``."""
    return (
        Service.objects.filter(programme__code=CODE, name_en__contains=kind).order_by("pk").first()
    )


def legal_clinics(language: str) -> dict[str, str]:
    """The programme's legal clinics: name -> the name of its community, in ``language``."""
    services = Service.objects.filter(
        programme__code=CODE, terms__code="justice.legal-aid"
    ).prefetch_related("service_at_locations__location__area")
    return {
        getattr(item, f"name_{language}"): getattr(
            item.service_at_locations.get().location.area, f"name_{language}"
        )
        for item in services
    }


def pathway_area_id() -> int:
    from directory.pathway import pathway_areas

    return pathway_areas(Programme.objects.get(code=CODE)).order_by("pk").first().pk


def public_pages(live_server: Any, language: str) -> dict[str, str]:
    """Every public page of the directory that a GET reaches (the suggestion's answer is a POST)."""
    legal = service("Legal Aid Clinic")
    pages = {
        "programme choice": url(live_server, language, "programmes"),
        "search": url(live_server, language, "search", CODE),
        "results": url(
            live_server,
            language,
            "search",
            CODE,
            query="q=abogada&type=justice.legal-aid&area=&open_now=&page=1",
        ),
        "results, page 2": url(live_server, language, "search", CODE, query="page=2"),
        "no results": url(live_server, language, "search", CODE, query="q=zzzzqqq"),
        "service": url(live_server, language, "service", CODE, legal.pk),
        "confidential shelter": url(
            live_server, language, "service", CODE, service("Safe House").pk
        ),
        "suggestion form": url(live_server, language, "suggest", CODE, legal.pk),
        "cover your tracks": url(live_server, language, "safety", CODE),
        "offline copy": url(live_server, language, "offline", CODE),
    }
    if PATHWAYS:
        pages["referral pathways"] = url(live_server, language, "pathway_list", CODE)
        pages["referral pathway"] = url(live_server, language, "pathway", CODE, pathway_area_id())
    return pages


# -- Small checks -------------------------------------------------------------------------------


def service_workers(page: Page) -> list[str]:
    return page.evaluate(
        "navigator.serviceWorker.getRegistrations().then(rs => rs.map(r => r.scope))"
    )


def cached_urls(page: Page) -> dict[str, list[str]]:
    return page.evaluate(
        """async () => {
            const found = {};
            for (const name of await caches.keys()) {
                found[name] = (await (await caches.open(name)).keys()).map(r => r.url);
            }
            return found;
        }"""
    )


def assert_fits(page: Page) -> None:
    """Nothing makes the page scroll sideways (WCAG 1.4.10, reflow at 320 CSS pixels)."""
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{page.url} is {overflow}px wider than the window"


def result_names(page: Page) -> list[str]:
    return page.locator("#results .result h3").all_inner_texts()


@pytest.fixture
def quick_forms(monkeypatch: pytest.MonkeyPatch) -> None:
    """A person needs a few seconds to write a suggestion; the tests do not wait for them."""
    monkeypatch.setattr(public, "TOKEN_MIN_AGE", 0)


@pytest.fixture
def neutral(live_server: Any) -> str:
    """The programme's neutral page for Quick exit: an address on another host."""
    address = Programme.objects.get(code=CODE).directory_settings.quick_exit_url
    assert urlsplit(address).netloc != urlsplit(live_server.url).netloc
    return address


# -- 1. Quick exit ------------------------------------------------------------------------------


def leave_and_come_back(
    page: Page, live_server: Any, traffic: Traffic, neutral: str, leave: Callable[[], None]
) -> None:
    """From a service page reached from the search page, ``leave``: the neutral page replaces the
    service page in the history, so Back goes to the search page, never to the service page."""
    first = url(live_server, "es", "search", CODE)
    visit(page, first)
    follow(page, page.locator("#results .result h3 a").first)
    left = page.url
    length = page.evaluate("history.length")
    answer_locally(page, neutral, traffic, NEUTRAL_PAGE)

    with page.expect_request(lambda request: request.url == neutral) as request:
        leave()
    page.wait_for_url(lambda address: address == neutral)
    expect(page.locator("p")).to_have_text("Sunny.")
    # Nothing about the directory travels with the request, and nothing left the machine.
    assert "referer" not in request.value.headers
    assert traffic.intercepted == [neutral]
    assert traffic.foreign(live_server.url) == []
    # Replaced, not added: the history is as long as before.
    assert page.evaluate("history.length") == length

    page.go_back()
    assert page.url != left
    assert page.url == first
    page.go_forward()
    assert page.url == neutral


def test_quick_exit_button_replaces_the_page_in_the_history(
    page: Page, live_server: Any, traffic: Traffic, neutral: str
) -> None:
    leave_and_come_back(
        page, live_server, traffic, neutral, lambda: page.locator("#quick-exit").click()
    )


def test_shift_three_times_replaces_the_page_in_the_history(
    page: Page, live_server: Any, traffic: Traffic, neutral: str
) -> None:
    def press_shift_three_times() -> None:
        for _press in range(3):
            page.keyboard.press("Shift")

    leave_and_come_back(page, live_server, traffic, neutral, press_shift_three_times)


def test_quick_exit_is_first_in_tab_order_and_a_plain_link_without_javascript(
    new_context: Callable[..., BrowserContext], live_server: Any, traffic: Traffic, neutral: str
) -> None:
    page = new_context(java_script_enabled=False).new_page()
    visit(page, url(live_server, "en", "service", CODE, service("Legal Aid Clinic").pk))
    page.keyboard.press("Tab")
    exit_link = page.get_by_role("link", name=re.compile("^Quick exit"))
    expect(exit_link).to_be_focused()
    expect(exit_link).to_be_in_viewport()
    expect(exit_link).to_have_attribute("href", neutral)
    page.keyboard.press("Tab")
    expect(page.locator("a.skip-link")).to_be_focused()

    answer_locally(page, neutral, traffic, NEUTRAL_PAGE)
    with page.expect_navigation():
        exit_link.click()
    assert page.url == neutral
    expect(page.locator("p")).to_have_text("Sunny.")
    assert traffic.intercepted == [neutral]
    assert traffic.foreign(live_server.url) == []


# -- 2. No cookie, no other host ----------------------------------------------------------------


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no-javascript"])
def test_public_pages_set_no_cookie_and_ask_no_other_host(
    new_context: Callable[..., BrowserContext],
    live_server: Any,
    traffic: Traffic,
    quick_forms: None,
    javascript: bool,
) -> None:
    context = new_context(java_script_enabled=javascript)
    page = context.new_page()
    for language in LANGUAGES:
        for name, address in public_pages(live_server, language).items():
            response = visit(page, address)
            assert response is not None
            assert response.headers.get("referrer-policy") == "no-referrer", name
            assert "set-cookie" not in response.headers, name
            assert context.cookies() == [], f"{name} ({language}) set a cookie"

        # The offline page offers its button only to a browser that runs the script behind it;
        # without one it says so (and registers nothing: see the offline test).
        visit(page, url(live_server, language, "offline", CODE))
        expect(page.locator("#offline-save")).to_be_visible(visible=javascript)
        expect(page.locator("#offline-remove")).to_be_hidden()
        if javascript:
            expect(page.get_by_role("status")).not_to_contain_text("JavaScript")
        else:
            expect(page.get_by_role("status")).to_contain_text("JavaScript")

        # The suggestion form, sent.
        visit(page, url(live_server, language, "suggest", CODE, service("Legal Aid Clinic").pk))
        page.locator("textarea[name=message]").fill("The phone number has changed.")
        follow(page, page.locator("main form button[type=submit]"))
        expect(page.locator("h1")).to_have_text("Thank you" if language == "en" else "Gracias")
        assert context.cookies() == []

    assert Suggestion.objects.count() == 2
    assert traffic.intercepted == []
    assert traffic.foreign(live_server.url) == []
    # The style sheet (and, with JavaScript, the scripts) came from this host.
    assert any(address.endswith("hub.css") for address in traffic.urls)
    assert any(address.endswith("quick-exit.js") for address in traffic.urls) == javascript


# -- 3. Search ----------------------------------------------------------------------------------


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no-javascript"])
def test_search_in_spanish_finds_the_legal_clinics_and_filters_apply(
    new_context: Callable[..., BrowserContext],
    live_server: Any,
    traffic: Traffic,
    javascript: bool,
) -> None:
    page = new_context(java_script_enabled=javascript).new_page()
    visit(page, url(live_server, "es", "search", CODE))
    clinics = legal_clinics("es")
    assert len(clinics) >= 2
    clinic, community = sorted(clinics.items())[0]

    # "abogado" finds services that speak of "una abogada", whatever the accents and word form.
    page.get_by_role("searchbox").fill("abogado")
    follow(page, page.get_by_role("button", name="Buscar", exact=True))
    expect(page).to_have_url(re.compile(r"/es/directory/HN/\?q=abogado"))
    assert set(clinics) <= set(result_names(page))

    # Filters: the type of service, then a community.
    filters = page.locator("details.filters")
    expect(filters).to_have_attribute("open", "")
    page.get_by_label("Tipo de servicio").select_option("justice.legal-aid")
    follow(page, page.get_by_role("button", name="Aplicar filtros"))
    assert set(result_names(page)) == set(clinics)
    expect(page.locator("#results")).to_contain_text(f"{len(clinics)} servicios encontrados")

    page.get_by_label("Comunidad").select_option(label=community)
    follow(page, page.get_by_role("button", name="Aplicar filtros"))
    assert result_names(page) == [clinic]
    expect(page.locator("#results .result a.call").first).to_have_attribute(
        "href", re.compile("^tel:")
    )

    # "Open 24 hours": the clinics keep office hours.
    page.get_by_label("Abierto las 24 horas").check()
    follow(page, page.get_by_role("button", name="Aplicar filtros"))
    assert result_names(page) == []
    expect(page.locator("#results")).to_contain_text("Ningún servicio coincide")
    assert traffic.foreign(live_server.url) == []


# -- 4. The offline copy ------------------------------------------------------------------------


def test_offline_copy_is_registered_only_on_request_and_removed_on_request(
    new_context: Callable[..., BrowserContext], live_server: Any, traffic: Traffic
) -> None:
    context = new_context()
    page = context.new_page()
    pages = public_pages(live_server, "en")

    # Service workers need a secure context: the live server at localhost is one.
    visit(page, pages["search"])
    assert urlsplit(live_server.url).hostname in {"localhost", "127.0.0.1"}
    assert page.evaluate("window.isSecureContext") is True
    assert page.evaluate("'serviceWorker' in navigator") is True

    # Reading the directory registers nothing, not even on the offline page.
    for address in pages.values():
        visit(page, address)
        assert service_workers(page) == [], f"{address} registered a service worker"
    assert cached_urls(page) == {}

    visit(page, pages["offline copy"])
    status = page.get_by_role("status")
    expect(status).to_have_text("No offline copy is saved on this device.")
    expect(page.get_by_role("button", name="Remove the offline copy")).to_be_hidden()
    opened = set(traffic.urls)
    page.get_by_role("button", name="Save for offline use").click()
    expect(status).to_have_text("An offline copy is saved on this device.")
    check_accessibility(page)

    scope = url(live_server, "en", "search", CODE)
    assert service_workers(page) == [scope]
    cached = cached_urls(page)
    assert list(cached) == [f"hub-directory-{CODE}-en"]
    public_service_urls = {
        url(live_server, "en", "service", CODE, pk)
        for pk in Service.objects.filter(programme__code=CODE).values_list("pk", flat=True)
    }
    assert {scope} | public_service_urls <= set(cached[f"hub-directory-{CODE}-en"])

    # The worker fetched the list of pages, then the pages, from this host (and nothing from
    # any other: see the end); among them a service page this browser had not opened.
    counselling = service("Counselling Centre")
    counselling_url = url(live_server, "en", "service", CODE, counselling.pk)
    assert counselling_url not in opened
    assert {url(live_server, "en", "offline_pages", CODE), counselling_url} <= set(traffic.urls)

    # Without a connection, that page opens from the copy.
    context.set_offline(True)
    response = page.goto(counselling_url)
    assert response is not None and response.ok
    assert response.from_service_worker
    expect(page.locator("h1")).to_have_text(counselling.name_en)
    context.set_offline(False)

    visit(page, pages["offline copy"])
    expect(status).to_have_text("An offline copy is saved on this device.")
    page.get_by_role("button", name="Remove the offline copy").click()
    expect(status).to_have_text("The offline copy has been removed from this device.")
    expect(page.get_by_role("button", name="Save for offline use")).to_be_visible()
    check_accessibility(page)
    assert service_workers(page) == []
    assert cached_urls(page) == {}
    assert context.cookies() == []
    assert traffic.foreign(live_server.url) == []


# -- 5. axe-core on every public page -----------------------------------------------------------


@pytest.mark.parametrize("width", list(WIDTHS))
@pytest.mark.parametrize("language", LANGUAGES)
def test_every_public_page_passes_axe(
    new_context: Callable[..., BrowserContext],
    live_server: Any,
    quick_forms: None,
    language: str,
    width: str,
) -> None:
    """Every page is checked, and every failure reported, before the test fails."""
    page = new_context(viewport=WIDTHS[width]).new_page()
    failures: list[str] = []

    def check(action: Callable[[], object]) -> None:
        try:
            action()
            if width == "phone":
                assert_fits(page)
        except (pytest.fail.Exception, AssertionError) as error:
            failures.append(str(error))

    for address in public_pages(live_server, language).values():
        check(lambda: visit(page, address))  # noqa: B023 (called at once)

    # The suggestion form with an error (sent too soon), then sent.
    legal = service("Legal Aid Clinic")
    page.goto(url(live_server, language, "suggest", CODE, legal.pk))  # checked above
    page.locator("textarea[name=message]").fill("The opening hours have changed.")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(public, "TOKEN_MIN_AGE", 3600)
        with page.expect_navigation() as sent:
            page.locator("main form button[type=submit]").click()
    assert sent.value is not None and sent.value.status == 400
    expect(page.get_by_role("alert")).to_be_visible()
    check(lambda: check_accessibility(page))
    page.locator("textarea[name=message]").fill("The opening hours have changed.")
    check(lambda: follow(page, page.locator("main form button[type=submit]")))

    # The offline page once its script has run, showing its button.
    page.goto(url(live_server, language, "offline", CODE))
    expect(page.locator("#offline-save")).to_be_visible()
    check(lambda: check_accessibility(page))

    if failures:
        pytest.fail("\n\n".join(failures), pytrace=False)


# -- 6. The referral pathway PDF ----------------------------------------------------------------


@needs_pathways
def test_referral_pathway_pdf_in_either_language(
    new_context: Callable[..., BrowserContext], live_server: Any, traffic: Traffic
) -> None:
    context = new_context()
    page = context.new_page()
    area_id = pathway_area_id()
    for language in LANGUAGES:
        visit(page, url(live_server, language, "pathway", CODE, area_id))
        link = page.locator("main a[type='application/pdf']").first
        address = f"{live_server.url}{link.get_attribute('href')}"
        assert address == url(live_server, language, "pathway_pdf", CODE, area_id)

        # Through the browser context's own requests (a PDF viewer is no page to test).
        response = context.request.get(address)
        assert response.ok, response.status
        assert response.headers["content-type"] == "application/pdf"
        assert response.body().startswith(b"%PDF")
        assert "set-cookie" not in response.headers
    assert context.cookies() == []
    assert traffic.foreign(live_server.url) == []
