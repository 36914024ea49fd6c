"""Coverage: for each community, which Essential Services sectors have no active provider."""

import csv
import io
from collections.abc import Callable

import pytest
from django.test import Client

from directory import models as d
from directory.manage_selectors import coverage
from directory.tests.manage_factories import (
    LocationFactory,
    ServiceAtLocationFactory,
    VerifiedServiceFactory,
    url,
)
from programmes.models import Area, Programme
from programmes.tests.factories import AreaFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def places(programme: Programme, people: dict) -> dict[str, Area]:
    """Two parishes; the first has two communities. One service of each kind of presence."""
    kingston = AreaFactory(programme=programme, name_en="Kingston", level=Area.Level.REGION)
    august_town = AreaFactory(
        programme=programme, name_en="August Town", parent=kingston, level=Area.Level.COMMUNITY
    )
    papine = AreaFactory(
        programme=programme, name_en="Papine", parent=kingston, level=Area.Level.COMMUNITY
    )
    portland = AreaFactory(programme=programme, name_en="=Portland", level=Area.Level.REGION)

    # A clinic located in August Town: health there, and in the parish around it.
    clinic = VerifiedServiceFactory(programme=programme, terms=["health.first-line"])
    ServiceAtLocationFactory(
        service=clinic, location=LocationFactory(programme=programme, area=august_town)
    )
    # Legal aid serving the whole of Kingston parish: justice in both of its communities.
    legal = VerifiedServiceFactory(programme=programme, terms=["justice.legal-aid"])
    d.ServiceArea.objects.create(service=legal, area=kingston)
    # A closed shelter in Papine counts for nothing.
    closed = VerifiedServiceFactory(
        programme=programme, terms=["social.shelter"], status=d.Service.Status.INACTIVE
    )
    ServiceAtLocationFactory(
        service=closed, location=LocationFactory(programme=programme, area=papine)
    )
    # A national helpline (a sector term itself) serving Portland.
    helpline = VerifiedServiceFactory(programme=programme, terms=["social"])
    d.ServiceArea.objects.create(service=helpline, area=portland)
    return {
        "kingston": kingston,
        "august_town": august_town,
        "papine": papine,
        "portland": portland,
    }


def test_coverage_counts_active_providers_by_area_and_sector(
    programme: Programme, places: dict[str, Area]
) -> None:
    sectors, rows = coverage(programme)

    assert [s.code for s in sectors] == ["health", "justice", "social", "coordination"]
    table = {row.area.name_en: (row.providers, [g.code for g in row.gaps]) for row in rows}
    assert table == {
        "Kingston": ([1, 1, 0, 0], ["social", "coordination"]),
        "August Town": ([1, 1, 0, 0], ["social", "coordination"]),
        "Papine": ([0, 1, 0, 0], ["health", "social", "coordination"]),
        "=Portland": ([0, 0, 1, 0], ["health", "justice", "coordination"]),
    }
    # Communities follow their parish, indented by depth.
    assert [(row.area.name_en, row.depth) for row in rows] == [
        ("=Portland", 0),
        ("Kingston", 0),
        ("August Town", 1),
        ("Papine", 1),
    ]


def test_the_coverage_table_says_none_in_words_not_only_in_colour(
    places: dict[str, Area], client_for: Callable[[str], Client]
) -> None:
    response = client_for("observer").get(url("manage_coverage"))
    body = response.content.decode()
    assert response.status_code == 200
    assert "<caption" in body and 'scope="col"' in body and 'scope="row"' in body
    assert body.count('<strong class="gap">None</strong>') == 10
    assert "Health; Social services; Coordination and governance" in body


def test_the_coverage_csv_holds_the_same_table(
    places: dict[str, Area], client_for: Callable[[str], Client]
) -> None:
    response = client_for("partner").get(url("manage_coverage_csv"))

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="coverage-JM-')
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows[0] == [
        "Community",
        "Code",
        "Level",
        "Within",
        "Health: active providers",
        "Justice and policing: active providers",
        "Social services: active providers",
        "Coordination and governance: active providers",
        "Sectors without an active provider",
    ]
    by_name = {row[0]: row for row in rows[1:]}
    assert by_name["Papine"][3:] == [
        "Kingston",
        "0",
        "1",
        "0",
        "0",
        "Health; Social services; Coordination and governance",
    ]
    # A name a spreadsheet would run as a formula is written as text.
    assert "'=Portland" in by_name


def test_coverage_of_a_programme_without_areas_says_so(
    programme: Programme, people: dict, client_for: Callable[[str], Client]
) -> None:
    body = client_for("coordinator").get(url("manage_coverage")).content.decode()
    assert "No community has been recorded" in body
