"""The directory dashboard: every service of the programme, filtered, with counts."""

from collections.abc import Callable

import pytest
from django.test import Client

from directory import models as d
from directory.tests.manage_factories import (
    OLD,
    LocationFactory,
    ServiceAtLocationFactory,
    VerifiedServiceFactory,
    World,
    url,
)
from programmes.models import Area, Programme
from programmes.tests.factories import AreaFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(programme: Programme, people: dict) -> World:
    world = World(programme, people)
    parish = AreaFactory(programme=programme, name_en="St Andrew", level=Area.Level.REGION)
    town = AreaFactory(
        programme=programme, name_en="August Town", parent=parish, level=Area.Level.COMMUNITY
    )
    world.parish, world.town = parish, town
    police = VerifiedServiceFactory(
        programme=programme, name_en="Police desk", terms=["justice.police"]
    )
    ServiceAtLocationFactory(
        service=police, location=LocationFactory(programme=programme, area=town)
    )
    VerifiedServiceFactory(
        programme=programme,
        name_en="Closed clinic",
        terms=["health.urgent-care"],
        status=d.Service.Status.TEMPORARILY_CLOSED,
        assured_date=OLD,
    )
    return world


def names(response: object) -> list[str]:
    return [service.name_en for service in response.context["page"]]  # type: ignore[attr-defined]


def test_dashboard_lists_the_programmes_services_with_counts(
    world: World, other_programme: Programme, client_for: Callable[[str], Client]
) -> None:
    VerifiedServiceFactory(programme=other_programme, name_en="Honduran service")
    response = client_for("observer").get(url("manage_dashboard"))
    assert names(response) == ["Closed clinic", "Police desk", "Women's Shelter"]
    counts = response.context["counts"]
    assert (counts.services, counts.active, counts.stale) == (3, 2, 1)
    body = response.content.decode()
    assert "August Town" in body and "Police: first contact" in body
    assert "3 services match." in body


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"sector": "justice"}, ["Police desk"]),
        ({"sector": "social"}, ["Women's Shelter"]),
        ({"status": "temporarily closed"}, ["Closed clinic"]),
        ({"stale": "on"}, ["Closed clinic"]),
        ({"q": "shelter"}, ["Women's Shelter"]),
        ({"q": "women's centre"}, ["Women's Shelter"]),
    ],
)
def test_dashboard_filters(
    query: dict, expected: list[str], world: World, client_for: Callable[[str], Client]
) -> None:
    assert names(client_for("partner").get(url("manage_dashboard"), query)) == expected


def test_a_community_filter_includes_the_areas_within_it(
    world: World, client_for: Callable[[str], Client]
) -> None:
    client = client_for("coordinator")
    assert names(client.get(url("manage_dashboard"), {"area": world.town.pk})) == ["Police desk"]
    assert names(client.get(url("manage_dashboard"), {"area": world.parish.pk})) == ["Police desk"]


def test_an_htmx_request_gets_only_the_results(
    world: World, client_for: Callable[[str], Client]
) -> None:
    response = client_for("coordinator").get(
        url("manage_dashboard"), {"sector": "justice"}, headers={"HX-Request": "true"}
    )
    body = response.content.decode()
    assert "<html" not in body
    assert "1 service matches." in body and "Police desk" in body


def test_pages_keep_the_filters(
    world: World, client_for: Callable[[str], Client], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("directory.manage_views.PAGE_SIZE", 1)
    body = client_for("coordinator").get(url("manage_dashboard"), {"status": "active"}).content
    assert b"?status=active&amp;page=2" in body
