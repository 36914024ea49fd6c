"""The members' pages read a fixed number of queries, however many rows they show."""

from collections.abc import Callable

import pytest
from django.test import Client

from directory.manage_payload import service_payload
from directory.manage_proposals import service_change_request_create
from directory.tests.manage_factories import (
    OLD,
    AccessibilityFactory,
    CostOptionFactory,
    PhoneFactory,
    RequiredDocumentFactory,
    ScheduleFactory,
    ServiceAtLocationFactory,
    SuggestionFactory,
    World,
    full_service,
    url,
)
from programmes.models import Area, Programme
from programmes.tests.factories import AreaFactory

pytestmark = pytest.mark.django_db


def fill(world: World, rows: int) -> None:
    """``rows`` of everything each page lists."""
    programme = world.programme
    parish = AreaFactory(programme=programme, level=Area.Level.REGION)
    for index in range(rows):
        AreaFactory(programme=programme, parent=parish, level=Area.Level.COMMUNITY)
        service = full_service(programme, organisation=world.centre, assured_date=OLD)
        PhoneFactory(service=world.service)
        ScheduleFactory(service=world.service, byday="SA")
        link = ServiceAtLocationFactory(service=world.service, location__area=parish)
        AccessibilityFactory(location=link.location)
        CostOptionFactory(service=world.service, option=f"Option {index}")
        RequiredDocumentFactory(service=world.service)
        SuggestionFactory(service=service)
        service_change_request_create(
            service=service,
            user=world.people["partner"],
            payload={"service": {"name_es": f"Propuesta {index}"}},
        )


PAGES = [
    ("manage_dashboard", False, 14),
    ("manage_follow_up", False, 6),
    ("manage_coverage", False, 9),
    ("manage_coverage_csv", False, 9),
    ("manage_changes", False, 6),
    ("manage_suggestions", False, 6),
    # One query per kind of record the editor and the history show (cost options, documents,
    # accessibility included), however many rows each holds.
    ("manage_service", True, 31),
]


@pytest.mark.parametrize("rows", [1, 12])
@pytest.mark.parametrize(("page", "of_service", "limit"), PAGES)
def test_queries_do_not_grow_with_the_rows(
    rows: int,
    page: str,
    of_service: bool,
    limit: int,
    programme: Programme,
    people: dict,
    client_for: Callable[[str], Client],
    django_assert_max_num_queries: Callable,
) -> None:
    world = World(programme, people)
    fill(world, rows)
    client = client_for("coordinator")
    path = url(page, world.service.pk) if of_service else url(page)
    client.get(path)  # the session and the user are read once per client anyway
    with django_assert_max_num_queries(limit):
        response = client.get(path)
    assert response.status_code == 200


@pytest.mark.parametrize("rows", [1, 12])
def test_comparing_a_proposal_reads_a_fixed_number_of_queries(
    rows: int,
    programme: Programme,
    people: dict,
    client_for: Callable[[str], Client],
    django_assert_max_num_queries: Callable,
) -> None:
    world = World(programme, people)
    fill(world, rows)
    payload = service_payload(world.service)
    for row in payload["locations"]:
        row["name_en"] += " (moved)"
    payload["phones"] = payload["phones"][1:]
    payload["service"]["name_es"] = "Refugio"
    change = service_change_request_create(
        service=world.service, user=world.people["partner"], payload=payload
    )
    client = client_for("coordinator")
    client.get(url("manage_change", change.pk))
    with django_assert_max_num_queries(18):
        response = client.get(url("manage_change", change.pk))
    assert response.status_code == 200
    assert response.content.decode().count("(moved)") == rows + 1
