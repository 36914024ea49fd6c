"""Reading the workplan: filters, and the possible duplicates of an activity being entered."""

from __future__ import annotations

import datetime
from types import SimpleNamespace

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.models import Visibility
from workplan import overlaps, services
from workplan.facts import AreaTree, build_facts, facts_for
from workplan.models import ActivityStatus, OverlapDecision, TargetGroup
from workplan.selectors import activity_list, describe_candidates, overlap_candidates
from workplan.tests.conftest import enter

pytestmark = pytest.mark.django_db

POLICE_EN = {
    "title_en": "Training police officers on survivor-centred response to domestic violence",
    "description_en": "Workshops for police officers in St Catherine on taking reports of "
    "domestic violence and referring survivors to shelters and counselling.",
}
POLICE_ES = {
    "title_es": "Capacitación de agentes de policía en atención centrada en sobrevivientes de "
    "violencia doméstica",
    "description_es": "Talleres para policías de Santa Catalina sobre la recepción de denuncias de "
    "violencia doméstica y la derivación de sobrevivientes a refugios y consejería.",
}


def titles(queryset) -> set[str]:  # type: ignore[no-untyped-def]
    return {activity.title_en for activity in queryset}


# --- Filters ------------------------------------------------------------------------------------


@pytest.fixture
def listed(world: SimpleNamespace) -> SimpleNamespace:
    rural = TargetGroup.objects.get(code="rural-women")
    return SimpleNamespace(
        town=enter(world, title_en="Town", areas=[world.spanish_town], groups=[rural]),
        parish=enter(
            world,
            title_en="Parish",
            areas=[world.st_catherine],
            lead_organisation=world.cso,
            priorities=[world.sub_priority],
        ),
        clarendon=enter(
            world,
            title_en="Clarendon",
            title_es="Refugio en Clarendon",
            areas=[world.clarendon],
            participations=[(world.cso, 4)],
            status=ActivityStatus.IMPLEMENTATION,
            pillar_number=4,
        ),
    )


def test_area_filter_includes_what_lies_within(world, listed, people) -> None:  # type: ignore[no-untyped-def]
    found = activity_list(user=people["coordinator"], area=world.st_catherine)
    assert titles(found) == {"Town", "Parish"}
    assert titles(activity_list(user=people["coordinator"], area=world.spanish_town)) == {"Town"}


def test_organisation_filter_includes_lead_and_participating(world, listed, people) -> None:  # type: ignore[no-untyped-def]
    assert titles(activity_list(user=people["coordinator"], organisation=world.cso)) == {
        "Parish",
        "Clarendon",
    }


def test_priority_filter_includes_the_priorities_within(world, listed, people) -> None:  # type: ignore[no-untyped-def]
    assert titles(activity_list(user=people["coordinator"], priority=world.priority)) == {"Parish"}


def test_group_status_pillar_and_words_filter(world, listed, people) -> None:  # type: ignore[no-untyped-def]
    user = people["coordinator"]
    assert titles(activity_list(user=user, group="rural-women")) == {"Town"}
    assert titles(activity_list(user=user, status=ActivityStatus.IMPLEMENTATION)) == {"Clarendon"}
    assert titles(activity_list(user=user, pillar=listed.clarendon.pillar)) == {"Clarendon"}
    assert titles(activity_list(user=user, query="refugio")) == {"Clarendon"}


def test_filters_never_show_what_the_reader_may_not_see(world, listed, people) -> None:  # type: ignore[no-untyped-def]
    assert titles(activity_list(user=people["outsider"])) == set()
    listed.town.visibility = Visibility.REGION
    listed.town.save()
    assert titles(activity_list(user=people["outsider"], area=world.st_catherine)) == {"Town"}
    assert titles(activity_list(user=people["stranger"])) == set()


# --- Possible duplicates ----------------------------------------------------------------------


def typed(world: SimpleNamespace, **values) -> overlaps.ActivityFacts:  # type: ignore[no-untyped-def]
    """What someone has typed into the form, not saved."""
    values.setdefault("pillar_id", values.pop("pillar_number", 2))
    from programmes.models import Pillar

    values["pillar_id"] = Pillar.objects.get(number=values["pillar_id"]).pk
    return build_facts(
        activity_id=None,
        planned_start=datetime.date(2026, 4, 1),
        planned_end=datetime.date(2026, 10, 31),
        organisation_ids={world.undp.pk},
        tree=AreaTree.of([world.programme.pk]),
        **values,
    )


def test_a_spanish_rewording_is_found_when_entering_an_english_activity(world) -> None:  # type: ignore[no-untyped-def]
    existing = enter(world, **POLICE_ES, title_en="", areas=[world.st_catherine])
    enter(
        world,
        title_en="Radio drama on healthy relationships for adolescents",
        areas=[world.clarendon],
        pillar_number=3,
    )
    found = overlap_candidates(
        typed(world, **POLICE_EN, area_ids=[world.st_catherine.pk]), world.programme
    )
    assert [item.other_id for item in found] == [existing.pk]
    assert found[0].score >= overlaps.THRESHOLD


def test_a_community_within_the_district_counts_as_a_shared_area(world) -> None:  # type: ignore[no-untyped-def]
    existing = enter(world, **POLICE_EN, areas=[world.st_catherine])
    facts = typed(world, **POLICE_EN, area_ids=[world.spanish_town.pk])
    found = overlap_candidates(facts, world.programme)
    assert [item.other_id for item in found] == [existing.pk]
    assert world.st_catherine.pk in found[0].shared_area_ids
    described = describe_candidates(found, facts=facts, user=world.people["coordinator"])
    assert described[0].activity == existing
    assert any("St Catherine" in reason for reason in described[0].reasons)


def test_an_activity_is_not_its_own_duplicate_when_edited(world) -> None:  # type: ignore[no-untyped-def]
    existing = enter(world, **POLICE_EN, areas=[world.st_catherine])
    facts = facts_for([existing.pk])[existing.pk]
    assert overlap_candidates(facts, world.programme, existing.pk) == []


def test_cancelled_activities_are_not_candidates(world) -> None:  # type: ignore[no-untyped-def]
    enter(world, **POLICE_EN, areas=[world.st_catherine], status=ActivityStatus.CANCELLED)
    assert (
        overlap_candidates(
            typed(world, **POLICE_EN, area_ids=[world.st_catherine.pk]), world.programme
        )
        == []
    )


def test_candidates_are_only_those_the_reader_may_see(world, people) -> None:  # type: ignore[no-untyped-def]
    enter(world, **POLICE_EN, areas=[world.st_catherine])
    facts = typed(world, **POLICE_EN, area_ids=[world.st_catherine.pk])
    assert len(overlap_candidates(facts, world.programme, user=people["focal_point"])) == 1
    assert overlap_candidates(facts, world.programme, user=people["outsider"]) == []


def test_a_decided_pair_is_raised_again_only_when_one_side_changes_materially(world) -> None:  # type: ignore[no-untyped-def]
    first = enter(world, **POLICE_EN, areas=[world.st_catherine])
    second = enter(world, **POLICE_ES, title_en="", areas=[world.st_catherine])
    facts = facts_for([first.pk])[first.pk]
    assert [item.other_id for item in overlap_candidates(facts, world.programme)] == [second.pk]

    services.overlap_decision_record(
        activity=first,
        other=second,
        decision=OverlapDecision.Decision.COMPLEMENTARY,
        note="UN Women trains St Catherine's officers; UNDP the ones in Spanish Town.",
        user=world.people["coordinator"],
    )
    assert overlap_candidates(facts, world.programme) == []

    services.activity_update(
        activity=second,
        user=world.people["coordinator"],
        data={"areas": [world.st_catherine, world.clarendon]},
    )
    assert [item.other_id for item in overlap_candidates(facts, world.programme)] == [second.pk]


def test_candidate_search_reads_a_constant_number_of_queries(world) -> None:  # type: ignore[no-untyped-def]
    def count() -> int:
        facts = typed(world, **POLICE_EN, area_ids=[world.st_catherine.pk])
        with CaptureQueriesContext(connection) as queries:
            overlap_candidates(facts, world.programme)
        return len(queries.captured_queries)

    enter(world, **POLICE_EN, areas=[world.st_catherine])
    few = count()
    for _index in range(5):
        enter(world, **POLICE_ES, title_en="", areas=[world.spanish_town])
    assert count() == few
