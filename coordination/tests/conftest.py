"""The Jamaica bodies every coordination test starts from, on top of the named people.

The Communications Task Force is chaired by UN Women: the focal point (UN Women) chairs it and
the partner (Women's Media Watch) is its secretariat; the observer sits on it as an observer.
The coordinator is not a member: coordinators manage every body of their programme anyway.
The EU Delegation works in the programme and is invited as a guest.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from types import SimpleNamespace
from typing import Any

import pytest
from django.utils import translation

from coordination import services
from coordination.models import Body, BodyMember, Meeting
from organisations.models import Organisation
from organisations.tests.factories import OrganisationFactory
from programmes.models import Programme

UTC = datetime.UTC


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    with translation.override("en"):
        yield


@pytest.fixture
def world(programme: Programme, other_programme: Programme, people: dict) -> SimpleNamespace:
    un_women = OrganisationFactory(
        name_en="UN Women", acronym="UNW", type=Organisation.Type.UN_AGENCY, programmes=[programme]
    )
    cso = OrganisationFactory(
        name_en="Women's Media Watch",
        type=Organisation.Type.CIVIL_SOCIETY,
        programmes=[programme],
    )
    ministry = OrganisationFactory(
        name_en="Ministry of Culture, Gender, Entertainment and Sport",
        type=Organisation.Type.GOVERNMENT,
        programmes=[programme],
    )
    eu = OrganisationFactory(
        name_en="EU Delegation to Jamaica", type=Organisation.Type.DONOR, programmes=[programme]
    )
    honduran = OrganisationFactory(name_en="Honduran Network", programmes=[other_programme])
    for role, organisation in (
        ("focal_point", un_women),
        ("partner", cso),
        ("observer", ministry),
    ):
        people[role].organisation = organisation
        people[role].save()
    coordinator = people["coordinator"]
    task_force = services.body_create(
        programme=programme,
        user=coordinator,
        type=Body.Type.TASK_FORCE,
        name_en="Communications Task Force",
        name_es="Grupo de Trabajo de Comunicaciones",
        chair_organisation=un_women,
    )
    services.body_member_add(
        body=task_force, user=coordinator, person=people["focal_point"], role="chair"
    )
    services.body_member_add(
        body=task_force, user=coordinator, person=people["partner"], role="secretariat"
    )
    services.body_member_add(
        body=task_force, user=coordinator, person=people["observer"], role="observer"
    )
    return SimpleNamespace(
        programme=programme,
        other_programme=other_programme,
        people=people,
        un_women=un_women,
        cso=cso,
        ministry=ministry,
        eu=eu,
        honduran=honduran,
        task_force=task_force,
    )


def meeting(world: SimpleNamespace, start: datetime.datetime, **values: Any) -> Meeting:
    """A one-off meeting of the task force (or ``body=``) through the services."""
    values.setdefault("body", world.task_force)
    values.setdefault("mode", "online")
    values.setdefault("online_link", "https://meet.example.org/task-force")
    return services.meeting_create(user=world.people["coordinator"], start=start, **values)


def member(world: SimpleNamespace, role: str) -> BodyMember:
    return world.task_force.members.get(person=world.people[role])
