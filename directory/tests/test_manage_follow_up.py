"""Records not verified for six months are flagged and listed; "verified today" clears them."""

import datetime
from collections.abc import Callable

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone

from directory.manage_selectors import stale_cutoff
from directory.models import Service
from directory.tests.manage_factories import VerifiedServiceFactory, World, programme_today, url
from programmes.models import Programme

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(programme: Programme, people: dict) -> World:
    return World(programme, people)


def days_ago(days: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=days)


def test_six_months_is_the_default() -> None:
    assert settings.DIRECTORY_STALE_DAYS == 182


def test_follow_up_lists_the_never_and_long_unverified_first(
    world: World, client_for: Callable[[str], Client]
) -> None:
    programme = world.programme
    VerifiedServiceFactory(programme=programme, name_en="Recent", assured_date=days_ago(10))
    VerifiedServiceFactory(programme=programme, name_en="Just in time", assured_date=days_ago(182))
    VerifiedServiceFactory(programme=programme, name_en="Just too old", assured_date=days_ago(183))
    VerifiedServiceFactory(programme=programme, name_en="Years ago", assured_date=days_ago(900))
    VerifiedServiceFactory(programme=programme, name_en="Never", assured_date=None)

    response = client_for("observer").get(url("manage_follow_up"))

    names = [service.name_en for service in response.context["page"]]
    assert names == ["Never", "Years ago", "Just too old"]
    body = response.content.decode()
    assert "3 services need following up." in body
    assert "183 days ago" in body


def test_the_period_comes_from_the_setting(
    world: World, settings: object, client_for: Callable[[str], Client]
) -> None:
    settings.DIRECTORY_STALE_DAYS = 30  # type: ignore[attr-defined]
    VerifiedServiceFactory(
        programme=world.programme, name_en="Last month", assured_date=days_ago(31)
    )
    assert stale_cutoff() == days_ago(30)
    response = client_for("coordinator").get(url("manage_follow_up"))
    assert [s.name_en for s in response.context["page"]] == ["Last month"]


def test_the_dashboard_flags_and_filters_records_needing_follow_up(
    world: World, client_for: Callable[[str], Client]
) -> None:
    VerifiedServiceFactory(
        programme=world.programme, name_en="Old record", assured_date=days_ago(400)
    )
    client = client_for("partner")

    everything = client.get(url("manage_dashboard"))
    assert everything.context["counts"].stale == 1
    assert everything.content.decode().count("Needs follow-up") == 1

    only_stale = client.get(url("manage_dashboard"), {"stale": "on"})
    assert [s.name_en for s in only_stale.context["page"]] == ["Old record"]


def test_mark_as_verified_today_records_the_date_and_who_verified(
    world: World, client_for: Callable[[str], Client]
) -> None:
    Service.objects.filter(pk=world.service.pk).update(assured_date=days_ago(400))
    coordinator = world.people["coordinator"]

    response = client_for("coordinator").post(
        url("manage_service_verify", world.service.pk), {"next": url("manage_follow_up")}
    )

    assert response.status_code == 302
    assert response.url == url("manage_follow_up")
    world.service.refresh_from_db()
    assert world.service.assured_date == programme_today(world.programme)
    assert world.service.assurer_email == coordinator.email
    row = world.service.history.latest("history_date", "history_id")
    assert (row.history_user, row.assured_date) == (coordinator, world.service.assured_date)
    listed = client_for("coordinator").get(url("manage_follow_up")).context["page"]
    assert world.service not in list(listed)


def test_verifying_does_not_follow_a_next_address_on_another_host(
    world: World, client_for: Callable[[str], Client]
) -> None:
    response = client_for("coordinator").post(
        url("manage_service_verify", world.service.pk), {"next": "https://evil.example/"}
    )
    assert response.url == url("manage_service", world.service.pk)


def test_only_members_services_are_listed(
    world: World, other_programme: Programme, client_for: Callable[[str], Client]
) -> None:
    VerifiedServiceFactory(programme=other_programme, name_en="Honduran record", assured_date=None)
    body = client_for("coordinator").get(url("manage_follow_up")).content.decode()
    assert "Honduran record" not in body
