"""The joint workplan in a real browser: a focal point enters an activity that duplicates one
already in the workplan in the other language, sees the possible duplicate with its score and
reasons before saving (htmx, and the "Check for duplicates" button without JavaScript), and saves
anyway. Every page passes axe-core, with the possible duplicates shown too.
"""

import importlib
import re
from collections.abc import Callable

import pytest
from django.apps import apps
from playwright.sync_api import BrowserContext, Page, expect

from accounts.models import User
from core.tests.browser.conftest import check_accessibility, follow, visit
from core.tests.browser.test_journey import sign_in
from demo import data
from demo.workplan import demo_workplan_load
from organisations.models import Organisation
from programmes.models import Area, Membership, Pillar, Programme
from workplan.models import Activity

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("demo")]

# The demo's police course in San Pedro Sula, led by UNDP, is written in Spanish only.
EXISTING_ES = "Capacitación de policías de San Pedro Sula"
TYPED_EN = "Training of National Police officers in San Pedro Sula on domestic violence response"


@pytest.fixture
def focal_point(demo: None) -> User:
    """Honduras's demo workplan and a UN Women focal point working in it (signs in in English).

    The groups reached are reference data of a migration, emptied with the rest of the database
    after each browser test, so they are loaded again first (as ``demo`` does for the pillars).
    """
    importlib.import_module("workplan.migrations.0002_target_groups").load_groups(apps, None)
    demo_workplan_load(codes=["HN"])
    user = User.objects.create_user(
        "enlace",
        password=data.PASSWORD,
        first_name="Rosa",
        last_name="Maldonado",
        organisation=Organisation.objects.get(acronym="UN Women"),
        preferred_language="en",
    )
    Membership.objects.create(
        user=user, programme=Programme.objects.get(code="HN"), role=Membership.Role.FOCAL_POINT
    )
    return user


def _fill_draft(page: Page) -> None:
    """Pillar and place first, then the title, as people fill the form from the top."""
    pillar = Pillar.objects.get(number=2)
    place = Area.objects.get(programme__code="HN", name_en="San Pedro Sula")
    page.locator("select[name=pillar]").select_option(str(pillar.pk))
    page.locator(f"input[name=areas][value='{place.pk}']").check()
    page.get_by_label("Title (English)").fill(TYPED_EN)


def _expect_duplicate_shown(page: Page) -> None:
    panel = page.locator("#overlaps")
    candidate = panel.locator("li.candidate").filter(has_text=EXISTING_ES)
    expect(candidate).to_be_visible()
    expect(candidate.locator(".score")).to_have_text(re.compile(r"Similarity \d+%"))
    expect(candidate).to_contain_text("Both take place in")
    expect(candidate).to_contain_text("Same pillar")
    expect(candidate).to_contain_text("Similar wording")


def test_focal_point_sees_a_spanish_duplicate_while_typing_and_saves_anyway(
    focal_point: User, new_context: Callable[..., BrowserContext], live_server
) -> None:
    page = new_context(viewport={"width": 1280, "height": 900}).new_page()
    visit(page, f"{live_server.url}/en/accounts/login/")
    sign_in(page, "enlace", data.PASSWORD)
    visit(page, f"{live_server.url}/en/programmes/HN/")
    follow(page, page.get_by_role("link", name=re.compile("Who does what, where and when")))
    expect(page).to_have_url(re.compile(r"/en/workplan/HN/$"))
    expect(page.get_by_role("navigation", name="Main")).to_contain_text("Joint workplan (HN)")
    visit(page, f"{live_server.url}/en/workplan/HN/new/")
    expect(page.locator("#overlaps")).not_to_contain_text("Similarity")

    _fill_draft(page)
    _expect_duplicate_shown(page)  # before anything is saved
    assert not Activity.objects.filter(title_en=TYPED_EN).exists()
    check_accessibility(page)  # the form with the possible duplicates shown

    follow(page, page.get_by_role("button", name="Create the activity").first)
    created = Activity.objects.get(programme__code="HN", title_en=TYPED_EN)
    expect(page).to_have_url(re.compile(rf"/en/workplan/HN/{created.pk}/$"))
    assert created.lead_organisation.acronym == "UN Women"
    # Its own page lists the Spanish course as a possible duplicate, too.
    expect(page.get_by_text(re.compile(EXISTING_ES)).first).to_be_visible()


def test_without_javascript_check_for_duplicates_shows_them_and_saves_nothing(
    focal_point: User, new_context: Callable[..., BrowserContext], live_server
) -> None:
    page = new_context(java_script_enabled=False).new_page()
    visit(page, f"{live_server.url}/en/accounts/login/")
    sign_in(page, "enlace", data.PASSWORD)
    visit(page, f"{live_server.url}/en/workplan/HN/new/")
    before = Activity.objects.count()

    _fill_draft(page)
    follow(page, page.get_by_role("button", name="Check for duplicates"))
    _expect_duplicate_shown(page)
    assert Activity.objects.count() == before
    # What was typed is still there, ready to save.
    expect(page.get_by_label("Title (English)")).to_have_value(TYPED_EN)
