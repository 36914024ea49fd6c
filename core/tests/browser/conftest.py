"""Fixtures for the browser tests: Debian's Chromium driven by Playwright against the live server.

The browser is started once per session; each test gets fresh contexts whose every request is
recorded, so a test can show that a page loads nothing from another host. Every page a test opens
goes through ``visit``, which checks it with axe-core, so no page escapes the accessibility check.
"""

import importlib
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.apps import apps
from playwright.sync_api import (
    Browser,
    BrowserContext,
    Locator,
    Page,
    Response,
    sync_playwright,
)

from demo.services import demo_load

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PHONE = {"width": 375, "height": 740}

_axe = Axe()
# Contexts made with JavaScript disabled, whose pages axe cannot run in (see check_accessibility).
_SCRIPTLESS: list[BrowserContext] = []


@dataclass
class Traffic:
    """Every URL the browser asked for, in order, across all the contexts of one test.

    ``intercepted`` holds the requests to another host that a test answered inside the browser
    itself (see ``answer_locally``): they never left the machine, so ``foreign`` leaves them out.
    """

    urls: list[str] = field(default_factory=list)
    intercepted: list[str] = field(default_factory=list)

    def foreign(self, origin: str) -> list[str]:
        """URLs whose scheme, host or port differ from ``origin`` (data: URLs are local), except
        those a test answered locally."""
        expected = urlsplit(origin)
        return [
            url
            for url in self.urls
            if urlsplit(url).scheme != "data"
            and (urlsplit(url).scheme, urlsplit(url).netloc) != (expected.scheme, expected.netloc)
            and url not in self.intercepted
        ]


def answer_locally(
    target: Page | BrowserContext, url: str, traffic: Traffic, body: str = "<!DOCTYPE html>"
) -> None:
    """Answer every request for ``url`` (an address on another host) in the browser, with a small
    HTML page, and record it in ``traffic.intercepted``: nothing is sent. A page's routes come
    before its context's, which refuse all other hosts."""

    def fulfil(route: Any) -> None:
        traffic.intercepted.append(route.request.url)
        route.fulfill(status=200, content_type="text/html; charset=utf-8", body=body)

    target.route(lambda address: address == url, fulfil)


def check_accessibility(page: Page) -> None:
    """Fail the test, listing each violation, if axe-core finds any on the page as it stands."""
    if page.context in _SCRIPTLESS:
        violations = _violations_without_scripts(page)
    else:
        violations = _axe.run(page).response["violations"]
    if violations:
        lines = [f"axe-core found {len(violations)} accessibility violation(s) on {page.url}:"]
        for violation in violations:
            lines.append(
                f"- {violation['id']} ({violation['impact']}): {violation['help']} "
                f"[{violation['helpUrl']}]"
            )
            for node in violation["nodes"]:
                lines.append(f"    at {', '.join(map(str, node['target']))}")
        pytest.fail("\n".join(lines), pytrace=False)


def _violations_without_scripts(page: Page) -> list[dict[str, Any]]:
    """axe-core on what a browser without JavaScript shows.

    axe needs timers, which a page with JavaScript disabled never runs; so the page's document
    is served again, at the same address and with the same style sheets, to a page whose own
    scripts a Content Security Policy blocks, and axe runs there.
    """
    url, html = page.url, page.content()
    origin = urlsplit(url).netloc
    context = page.context.browser.new_context(viewport=page.viewport_size)  # type: ignore[union-attr]
    try:
        context.route(
            lambda address: address == url,
            lambda route: route.fulfill(
                status=200,
                headers={
                    "Content-Type": "text/html; charset=utf-8",
                    "Content-Security-Policy": "script-src 'none'",
                },
                body=html,
            ),
        )
        context.route(
            lambda address: urlsplit(address).netloc != origin, lambda route: route.abort()
        )
        copy = context.new_page()
        copy.goto(url)
        return _axe.run(copy).response["violations"]
    finally:
        context.close()


def visit(page: Page, url: str) -> Response | None:
    """Open ``url``, insist on a successful answer, and check the page for accessibility."""
    response = page.goto(url)
    if response is None or not response.ok:
        pytest.fail(f"{url} answered {response and response.status}", pytrace=False)
    check_accessibility(page)
    return response


def follow(page: Page, target: Locator) -> Response:
    """Click ``target`` (a link or a submit button), insist that the page it leads to loads with
    a successful answer, and check that page for accessibility."""
    with page.expect_navigation() as navigation:
        target.click()
    response = navigation.value
    if response is None or not response.ok:
        pytest.fail(f"{page.url} answered {response and response.status}", pytrace=False)
    check_accessibility(page)
    return response


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Run the browser tests after all others when a run holds both (see ``browser``)."""
    items.sort(key=lambda item: item.get_closest_marker("browser") is not None)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Chromium, for the rest of the session.

    Playwright's sync API leaves its event loop marked as running in this thread, and Django
    refuses ORM calls from a thread with a running loop unless told that it is safe, which it is
    here: the loop only drives the browser. The variable is set only while the browser runs, so
    that it reaches no other test (``check --deploy`` rightly rejects it).
    """
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=os.environ.get("CHROMIUM", "/usr/bin/chromium"),
                args=CHROMIUM_ARGS,
            )
            yield browser
            browser.close()


@pytest.fixture
def traffic() -> Traffic:
    return Traffic()


@pytest.fixture
def new_context(
    browser: Browser, traffic: Traffic, live_server: Any
) -> Iterator[Callable[..., BrowserContext]]:
    """Make browser contexts (extra options go to ``new_context``; the viewport is a phone's
    unless given) that record their requests.

    A request to any other host is recorded and then refused, so that a stray reference fails
    the test quickly instead of waiting on a network this machine does not have.
    """
    contexts: list[BrowserContext] = []
    origin = urlsplit(live_server.url)

    def make(**options: Any) -> BrowserContext:
        context = browser.new_context(**{"viewport": PHONE, **options})
        context.set_default_timeout(10_000)
        context.on("request", lambda request: traffic.urls.append(request.url))

        def route(route: Any) -> None:
            target = urlsplit(route.request.url)
            if target.scheme == "data" or target.netloc == origin.netloc:
                route.continue_()
            else:
                route.abort()

        context.route("**/*", route)
        contexts.append(context)
        if options.get("java_script_enabled") is False:
            _SCRIPTLESS.append(context)
        return context

    yield make
    for context in contexts:
        if context in _SCRIPTLESS:
            _SCRIPTLESS.remove(context)
        context.close()


@pytest.fixture
def page(new_context: Callable[..., BrowserContext]) -> Page:
    return new_context().new_page()


@pytest.fixture
def demo(transactional_db: None) -> None:
    """The demo installation, on the reference data that the migrations load.

    The live server needs a transactional database, which is emptied after each test, the
    reference data included (pillars, the directory's taxonomies); so it is loaded again here,
    by the migrations' own functions. (Serialized rollback cannot do it: once Playwright's loop
    runs, Django keeps its connections apart from the one pytest-django serialized the database
    with.)
    """
    importlib.import_module("programmes.migrations.0002_pillars").load_pillars(apps, None)
    importlib.import_module("directory.migrations.0002_reference_taxonomies").load(apps, None)
    demo_load()
