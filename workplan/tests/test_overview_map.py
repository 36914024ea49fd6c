"""The map: an inline SVG drawn from the areas' own boundaries, and the table of every area."""

from __future__ import annotations

import re
from types import SimpleNamespace

import pytest
from django.urls import reverse

from programmes.tests.factories import AreaFactory
from workplan.map import Projection, draw, shade_classes, shade_of, svg_path
from workplan.tests.conftest import enter
from workplan.tests.test_overview_pages import square

pytestmark = pytest.mark.django_db


def map_url(world: SimpleNamespace, query: str = "") -> str:
    return reverse("workplan:map", args=[world.programme.code]) + query


@pytest.fixture
def mapped(world: SimpleNamespace) -> SimpleNamespace:
    """St Catherine and Clarendon have boundaries; a third parish, Portland, has none."""
    world.st_catherine.boundary = square(-77.1, 17.9, 0.3)
    world.st_catherine.save()
    world.clarendon.boundary = {
        "type": "MultiPolygon",
        "coordinates": [
            square(-77.5, 17.8, 0.3)["coordinates"],
            square(-77.6, 17.7, 0.05)["coordinates"],
        ],
    }
    world.clarendon.save()
    world.portland = AreaFactory(
        programme=world.programme, parent=world.country, name_en="Portland", name_es="Portland"
    )
    enter(world, title_en="Town", areas=[world.spanish_town])
    enter(world, title_en="Parish", areas=[world.st_catherine, world.spanish_town])
    enter(world, title_en="Clarendon", areas=[world.clarendon])
    return world


def paths(content: str) -> list[str]:
    return re.findall(r"<path [^>]*>", content)


def test_svg_has_one_path_per_area_with_a_boundary_and_the_table_lists_every_area(
    mapped, client_for
) -> None:  # type: ignore[no-untyped-def]
    response = client_for("coordinator").get(map_url(mapped))
    content = response.content.decode()
    assert response.context["map"] is not None
    assert len(paths(content)) == 2  # St Catherine and Clarendon; Portland has no boundary
    assert content.count("<svg") == 1
    table = content[content.index('id="areas-caption"') :]
    for name in ("St Catherine", "Clarendon", "Portland"):
        assert f'<th scope="row" class="depth-1">{name}</th>' in table
    # Spanish Town's activities count for St Catherine at the parish level (once each).
    assert "<title>St Catherine: 2 activities</title>" in content
    assert 'aria-label="Clarendon: 1 activity"' in content


def test_counts_are_in_words_in_the_map_and_not_in_colour_alone(mapped, client_for) -> None:  # type: ignore[no-untyped-def]
    content = client_for("coordinator").get(map_url(mapped)).content.decode()
    assert 'aria-labelledby="map-title map-desc"' in content
    assert '<title id="map-title">' in content
    legend = content[content.index('class="legend"') :]
    for shade, words in ((0, "0"), (1, "1"), (2, "2")):  # the counts each shade stands for
        assert (
            f'<span class="swatch shade-{shade}" aria-hidden="true"></span> {words}</li>' in legend
        )
    shapes = content.split("<path ")[1:]
    assert all("<title>" in shape.split("</path>")[0] for shape in shapes)
    st_catherine = next(shape for shape in shapes if "St Catherine" in shape.split("</path>")[0])
    assert 'class="area shade-2"' in st_catherine


def test_each_area_links_to_the_list_of_its_activities_with_the_filters_in_use(
    mapped, client_for
) -> None:  # type: ignore[no-untyped-def]
    content = client_for("coordinator").get(map_url(mapped, "?status=1")).content.decode()
    list_url = reverse("workplan:list", args=[mapped.programme.code])
    assert f'href="{list_url}?status=1&amp;area={mapped.st_catherine.pk}"' in content


def test_without_any_boundary_the_page_shows_the_table_and_says_why(world, client_for) -> None:  # type: ignore[no-untyped-def]
    enter(world, title_en="Town", areas=[world.spanish_town])
    response = client_for("coordinator").get(map_url(world))
    content = response.content.decode()
    assert "<svg" not in content
    assert "areas has a boundary yet, so there is no map" in content
    assert '<th scope="row" class="depth-1">St Catherine</th>' in content


def test_a_level_without_boundaries_shows_the_table_and_says_so(mapped, client_for) -> None:  # type: ignore[no-untyped-def]
    community = mapped.spanish_town.level
    content = client_for("coordinator").get(map_url(mapped, f"?level={community}")).content.decode()
    assert "<svg" not in content
    assert "No area at this level has a boundary" in content
    assert "Spanish Town" in content


def test_an_outsider_sees_no_path_for_an_area_kept_to_the_programme(mapped, client_for) -> None:  # type: ignore[no-untyped-def]
    mapped.clarendon.visibility = "programme"
    mapped.clarendon.save()
    content = client_for("outsider").get(map_url(mapped)).content.decode()
    assert len(paths(content)) == 1
    assert "Clarendon" not in content


def test_projection_fits_the_bounds_north_up_and_keeps_proportions() -> None:
    project = Projection([(-78.0, 18.0), (-76.0, 18.5)])
    west_north = project(-78.0, 18.5)
    east_south = project(-76.0, 18.0)
    assert west_north == (8.0, 8.0)
    assert east_south[0] == pytest.approx(632.0, abs=0.2)
    assert east_south[1] > west_north[1]  # south is lower on the page
    # 2° of longitude at 18°N are about 1.9° of latitude wide: the height follows.
    assert project.height == pytest.approx(0.5 / (2 * 0.9502) * 624 + 16, abs=1)


def test_path_has_one_subpath_per_ring_and_drops_points_closer_than_a_pixel() -> None:
    project = Projection([(0.0, 0.0), (1.0, 1.0)])
    ring = [[0, 0], [1, 0], [1, 1], [0.0000001, 1], [0, 1], [0, 0]]
    hole = [[0.4, 0.4], [0.6, 0.4], [0.6, 0.6], [0.4, 0.4]]
    data = svg_path({"type": "Polygon", "coordinates": [ring, hole]}, project)
    assert data.count("M") == 2 and data.count("Z") == 2
    assert data.split("Z")[0].count("L") == 4  # the near-duplicate point is gone


def test_shades_cover_every_count_with_classes_stated_in_the_legend() -> None:
    legend = shade_classes(10)
    assert [(entry.low, entry.high) for entry in legend] == [
        (0, 0),
        (1, 3),
        (4, 5),
        (6, 8),
        (9, 10),
    ]
    assert shade_of(0, legend) == 0
    assert shade_of(5, legend) == 2
    assert shade_of(10, legend) == 4
    assert [(entry.low, entry.high) for entry in shade_classes(2)] == [(0, 0), (1, 1), (2, 2)]


def test_nothing_to_draw_gives_no_map() -> None:
    assert draw([(1, "Nowhere", 3, None, "")]) is None
