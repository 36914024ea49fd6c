"""The Jamaica workplan every workplan test starts from, on top of the named people.

The focal point works for UN Women and the partner for Women's Media Watch; UNDP works in the
programme too. St Catherine contains Spanish Town; Clarendon is elsewhere.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from types import SimpleNamespace
from typing import Any

import pytest
from django.utils import translation

from organisations.models import Organisation
from organisations.tests.factories import OrganisationFactory
from programmes.models import Area, Programme
from programmes.tests.factories import AreaFactory, GovernmentPriorityFactory
from workplan import services
from workplan.models import Activity
from workplan.tests.factories import pillar


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    """Each test starts in English, whatever language an earlier request left active."""
    with translation.override("en"):
        yield


@pytest.fixture
def world(programme: Programme, other_programme: Programme, people: dict) -> SimpleNamespace:
    un_women = OrganisationFactory(
        name_en="UN Women", acronym="UNW", type=Organisation.Type.UN_AGENCY, programmes=[programme]
    )
    undp = OrganisationFactory(
        name_en="UNDP", acronym="UNDP", type=Organisation.Type.UN_AGENCY, programmes=[programme]
    )
    cso = OrganisationFactory(name_en="Women's Media Watch", programmes=[programme])
    honduran = OrganisationFactory(name_en="Honduran Network", programmes=[other_programme])
    for role, organisation in (("focal_point", un_women), ("partner", cso)):
        people[role].organisation = organisation
        people[role].save()
    country = AreaFactory(
        programme=programme, level=Area.Level.COUNTRY, name_en="Jamaica", name_es="Jamaica"
    )
    st_catherine = AreaFactory(
        programme=programme, parent=country, name_en="St Catherine", name_es="Santa Catalina"
    )
    spanish_town = AreaFactory(
        programme=programme,
        parent=st_catherine,
        level=Area.Level.COMMUNITY,
        name_en="Spanish Town",
        name_es="Spanish Town",
    )
    clarendon = AreaFactory(
        programme=programme, parent=country, name_en="Clarendon", name_es="Clarendon"
    )
    honduran_area = AreaFactory(programme=other_programme, name_en="Atlántida")
    priority = GovernmentPriorityFactory(programme=programme, title_en="Safe homes")
    sub_priority = GovernmentPriorityFactory(
        programme=programme, parent=priority, title_en="Shelters"
    )
    honduran_priority = GovernmentPriorityFactory(programme=other_programme)
    return SimpleNamespace(
        programme=programme,
        other_programme=other_programme,
        people=people,
        un_women=un_women,
        undp=undp,
        cso=cso,
        honduran=honduran,
        country=country,
        st_catherine=st_catherine,
        spanish_town=spanish_town,
        clarendon=clarendon,
        honduran_area=honduran_area,
        priority=priority,
        sub_priority=sub_priority,
        honduran_priority=honduran_priority,
    )


def enter(world: SimpleNamespace, *, user: Any = None, **values: Any) -> Activity:
    """An activity entered through the services (so the term index is filled)."""
    values.setdefault("title_en", "Training police officers on survivor-centred response")
    values.setdefault("lead_organisation", world.un_women)
    values.setdefault("pillar", pillar(values.pop("pillar_number", 2)))
    values.setdefault("planned_start", datetime.date(2026, 3, 1))
    values.setdefault("planned_end", datetime.date(2026, 9, 30))
    return services.activity_create(
        programme=values.pop("programme", world.programme),
        user=user or world.people["coordinator"],
        **values,
    )
