"""The overview pages against every named person, and query counts that do not grow with the
number of activities."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.urls import reverse

from core.models import Visibility
from core.tests.helpers import every_role
from workplan.models import TargetGroup
from workplan.tests.conftest import enter
from workplan.tests.factories import ActivityFactory, pillar

pytestmark = pytest.mark.django_db

PAGES = ["agency_pillar", "area_pillar", "map", "alignment"]


def url(world: SimpleNamespace, name: str, query: str = "") -> str:
    return reverse(f"workplan:{name}", args=[world.programme.code]) + query


@pytest.fixture
def shared(world: SimpleNamespace) -> SimpleNamespace:
    return SimpleNamespace(
        members_only=enter(
            world, title_en="Members-only plan", areas=[world.clarendon], budget=Decimal(500)
        ),
        public=enter(
            world,
            title_en="Public campaign",
            areas=[world.st_catherine],
            visibility=Visibility.PUBLIC,
            budget=Decimal(700),
        ),
    )


@pytest.mark.parametrize(
    ("role", "total"),
    every_role(
        coordinator=2,
        focal_point=2,
        partner=2,
        observer=2,
        outsider=1,
        stranger=1,
        anonymous=1,
    ),
)
@pytest.mark.parametrize("page", PAGES)
def test_every_overview_page_opens_and_counts_what_the_reader_may_read(
    world, shared, client_for, role, total, page
) -> None:  # type: ignore[no-untyped-def]
    response = client_for(role).get(url(world, page))
    assert response.status_code == 200
    matrix = response.context["matrix"]
    assert matrix.total.count == total
    content = response.content.decode()
    assert ("Members-only plan" in content) is (total == 2 and page == "alignment")
    as_file = client_for(role).get(url(world, page, "?format=csv"))
    rows = list(csv.reader(io.StringIO(as_file.content.decode("utf-8-sig"))))
    counted = [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]
    if page == "map":
        assert sum(int(row["Activities"]) for row in counted) == total
    else:
        assert int(counted[-1]["Total: activities"]) == total


@pytest.mark.parametrize(
    ("role", "expected"),
    every_role(
        coordinator=200,
        focal_point=403,
        partner=403,
        observer=403,
        outsider=403,
        stranger=403,
        anonymous=302,
    ),
)
def test_only_coordinators_open_the_priority_editor(world, client_for, role, expected) -> None:  # type: ignore[no-untyped-def]
    for address in (
        url(world, "priority_create"),
        reverse("workplan:priority_edit", args=[world.programme.code, world.priority.pk]),
    ):
        response = client_for(role).get(address)
        assert response.status_code == expected, address
        if expected == 302:
            assert reverse("accounts:login") in response.url


@pytest.mark.parametrize(
    ("role", "expected"),
    every_role(
        coordinator=2,
        focal_point=2,
        partner=2,
        observer=2,
        outsider=1,
        stranger=1,
        anonymous=1,
    ),
)
def test_activity_export_holds_only_what_the_reader_may_read(
    world, shared, client_for, role, expected
) -> None:  # type: ignore[no-untyped-def]
    response = client_for(role).get(url(world, "activities_export", "?format=csv"))
    assert response.status_code == 200
    lines = response.content.decode("utf-8-sig").strip().splitlines()
    assert len(lines) == 1 + expected


def test_list_page_links_to_every_overview_page_and_its_exports(world, client_for) -> None:  # type: ignore[no-untyped-def]
    content = client_for("observer").get(url(world, "list", "?status=2")).content.decode()
    for page in PAGES:
        assert url(world, page, "?status=2") in content
    assert url(world, "activities_export", "?status=2&amp;format=csv") in content
    assert url(world, "activities_export", "?status=2&amp;format=xlsx") in content


def test_htmx_refresh_of_the_list_sends_the_nav_with_the_new_filters(world, client_for) -> None:  # type: ignore[no-untyped-def]
    response = client_for("observer").get(url(world, "list", "?status=2"), HTTP_HX_REQUEST="true")
    content = response.content.decode()
    assert 'hx-swap-oob="true"' in content
    assert url(world, "alignment", "?status=2") in content


def square(lon: float, lat: float, size: float = 0.1) -> dict:
    ring = [[lon, lat], [lon + size, lat], [lon + size, lat + size], [lon, lat + size], [lon, lat]]
    return {"type": "Polygon", "coordinates": [ring]}


def _make(world: SimpleNamespace, count: int) -> None:
    """``count`` activities; those with an odd number match every filter of the test below."""
    rural = TargetGroup.objects.get(code="rural-women")
    for index in range(count):
        activity = ActivityFactory(
            programme=world.programme,
            lead_organisation=[world.un_women, world.undp, world.cso][index % 3],
            pillar=pillar(1 + index % 6),
            budget=Decimal(1000 + index),
            currency=["USD", "JMD"][index % 2],
            areas=[[world.spanish_town], [world.clarendon, world.st_catherine]][index % 2],
            priorities=[world.priority] if index % 2 else [],
            groups=[rural],
        )
        activity.participations.create(organisation=world.undp, role=4)


# Measured with every filter in use: the session, the person and their memberships, the filter
# form's choices, the area and priority trees the filters expand, then the page's own reads.
QUERY_LIMITS = {
    "agency_pillar": 16,
    "area_pillar": 18,
    "map": 20,
    "alignment": 18,
    "activities_export": 18,
}


@pytest.mark.parametrize("count", [5, 50])
@pytest.mark.parametrize("page", [*PAGES, "activities_export"])
@pytest.mark.parametrize("as_file", [False, True])
def test_query_count_does_not_grow_with_the_number_of_activities(
    world, client_for, django_assert_max_num_queries, count, page, as_file
) -> None:  # type: ignore[no-untyped-def]
    _make(world, count)
    for parish in (world.st_catherine, world.clarendon):
        parish.boundary = square(-77.0 + parish.pk / 10, 18.0)
        parish.save()
    query = (
        f"?area={world.country.pk}&priority={world.priority.pk}&active_from=2026-01-01"
        f"&status=1&group=rural-women&organisation={world.undp.pk}&q=Activity&level=2"
    )
    if as_file:
        query += "&format=xlsx"
    client = client_for("coordinator")
    with django_assert_max_num_queries(QUERY_LIMITS[page]):
        response = client.get(url(world, page, query))
    assert response.status_code == 200
    if not as_file and page != "activities_export":
        assert response.context["matrix"].total.count == count // 2
    if page == "map" and not as_file:
        assert response.context["map"] is not None
