"""Shared fixtures: the named people every permission test uses, on a real database.

Programme ``JM`` (Latin America and the Caribbean) has one person per role; ``outsider`` belongs
only to ``HN``, another programme in the same region; ``stranger`` belongs to ``FJ`` in another
region; ``anonymous`` is nobody.
"""

from collections.abc import Callable

import pytest
from django.test import Client

from accounts.tests.factories import UserFactory
from programmes.models import Membership, Programme
from programmes.tests.factories import MembershipFactory, ProgrammeFactory

ROLES = ["coordinator", "focal_point", "partner", "observer", "outsider", "stranger", "anonymous"]


@pytest.fixture
def programme(db: None) -> Programme:
    return ProgrammeFactory(code="JM", name_en="Spotlight Jamaica", name_es="Spotlight Jamaica")


@pytest.fixture
def other_programme(db: None) -> Programme:
    return ProgrammeFactory(
        code="HN",
        name_en="Spotlight Honduras",
        name_es="Spotlight Honduras",
        country="HN",
        languages=["es", "en"],
        default_language="es",
        time_zone="America/Tegucigalpa",
    )


@pytest.fixture
def far_programme(db: None) -> Programme:
    return ProgrammeFactory(
        code="FJ",
        name_en="Pacific Spotlight",
        name_es="Spotlight Pacífico",
        country="FJ",
        region="pacific",
        time_zone="Pacific/Fiji",
    )


@pytest.fixture
def people(programme: Programme, other_programme: Programme, far_programme: Programme) -> dict:
    """One user per role name in ROLES (``anonymous`` maps to None)."""
    users = {}
    for role in (
        Membership.Role.COORDINATOR,
        Membership.Role.FOCAL_POINT,
        Membership.Role.PARTNER,
        Membership.Role.OBSERVER,
    ):
        users[str(role)] = MembershipFactory(
            programme=programme, role=role, user=UserFactory(username=str(role))
        ).user
    users["outsider"] = MembershipFactory(
        programme=other_programme,
        role=Membership.Role.COORDINATOR,
        user=UserFactory(username="outsider"),
    ).user
    users["stranger"] = MembershipFactory(
        programme=far_programme,
        role=Membership.Role.COORDINATOR,
        user=UserFactory(username="stranger"),
    ).user
    users["anonymous"] = None
    return users


@pytest.fixture
def client_for(people: dict) -> Callable[[str], Client]:
    """A test client signed in as the named person (or anonymous)."""

    def make(role: str) -> Client:
        client = Client()
        if people[role] is not None:
            client.force_login(people[role])
        return client

    return make


@pytest.fixture(autouse=True)
def _empty_cache() -> None:
    """Rate-limit counters and other cached values must not leak from one test to the next."""
    from django.core.cache import caches

    for cache in caches.all(initialized_only=True):
        cache.clear()
