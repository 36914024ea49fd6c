"""Writing activities: validation that names the field, in the reader's language; all or nothing;
history with the person who changed it; the term index kept up to date."""

from __future__ import annotations

import datetime
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from workplan import overlaps, services
from workplan.facts import facts_for
from workplan.iati.codelists import codelist
from workplan.models import (
    Activity,
    ActivityStatus,
    ActivityTerm,
    OrganisationRole,
    OverlapDecision,
    Participation,
    PolicySignificance,
    TargetGroup,
)
from workplan.tests.conftest import enter
from workplan.tests.factories import OutputFactory, pillar

pytestmark = pytest.mark.django_db


def errors_of(call, **kwargs) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as caught:
        call(**kwargs)
    return caught.value.message_dict


# --- Reference data -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("choices", "name"),
    [
        (ActivityStatus, "ActivityStatus"),
        (OrganisationRole, "OrganisationRole"),
        (PolicySignificance, "PolicySignificance"),
    ],
)
def test_choices_are_exactly_the_codes_of_the_iati_codelist(choices, name: str) -> None:  # type: ignore[no-untyped-def]
    assert [str(value) for value in choices.values] == list(codelist(name))


def test_default_sector_is_ending_violence_against_women_and_girls_in_the_codelist() -> None:
    assert codelist("Sector")["15180"].name == "Ending violence against women and girls"
    assert Activity._meta.get_field("sector").default == "15180"


def test_groups_reached_are_seeded_in_both_languages_with_those_not_to_leave_behind() -> None:
    groups = {group.code: group for group in TargetGroup.objects.all()}
    assert groups["women-girls-disabilities"].name_es == "Mujeres y niñas con discapacidad"
    assert groups["lgbtiq"].leave_no_one_behind
    assert not groups["men-and-boys"].leave_no_one_behind
    assert all(group.name_en and group.name_es for group in groups.values())


# --- Creating -----------------------------------------------------------------------------------


def test_activity_is_created_with_its_links_participations_and_history(
    world: SimpleNamespace,
) -> None:
    activity = enter(
        world,
        title_es="Formación de la policía",
        description_en="Five workshops.",
        areas=[world.spanish_town],
        priorities=[world.priority],
        groups=list(TargetGroup.objects.filter(code__in=["rural-women", "lgbtiq"])),
        budget=Decimal("125000.50"),
        currency="JMD",
        participations=[(world.undp, OrganisationRole.FUNDING), (world.cso, 4)],
    )
    activity.refresh_from_db()
    assert activity.title_es == "Formación de la policía"
    assert list(activity.areas.all()) == [world.spanish_town]
    assert {p.organisation.name for p in activity.participations.all()} == {
        "UNDP",
        "Women's Media Watch",
    }
    assert activity.history.get().history_user == world.people["coordinator"]
    assert {row.history_user for row in Participation.history.all()} == {
        world.people["coordinator"]
    }


def test_the_title_in_one_language_is_enough_and_the_other_falls_back(
    world: SimpleNamespace,
) -> None:
    activity = enter(world, title_en="", title_es="Campaña en escuelas")
    with translation.override("en"):
        assert activity.title == "Campaña en escuelas"


def test_an_activity_without_a_title_in_any_language_is_refused_at_the_english_title(
    world: SimpleNamespace,
) -> None:
    errors = errors_of(enter, world=world, title_en="", title_es=" ")
    assert errors["title_en"] == ["Write this in at least one language."]
    assert not Activity.objects.exists()


def test_every_problem_is_reported_at_once_under_its_field(world: SimpleNamespace) -> None:
    errors = errors_of(
        enter,
        world=world,
        planned_start=datetime.date(2026, 5, 1),
        planned_end=datetime.date(2026, 4, 1),
        actual_start=datetime.date(2026, 5, 1),
        actual_end=datetime.date(2026, 4, 30),
        budget=Decimal("-1"),
        currency="XXY",
        sector="99999",
        areas=[world.honduran_area],
        priorities=[world.honduran_priority],
        participations=[(world.honduran, 4)],
    )
    assert set(errors) == {
        "planned_end",
        "actual_end",
        "budget",
        "currency",
        "sector",
        "areas",
        "priorities",
        "participations",
    }
    assert errors["areas"] == ["Choose areas of this programme only."]
    assert not Activity.objects.exists()
    assert not Participation.objects.exists()


def test_errors_are_in_the_language_of_the_reader(world: SimpleNamespace) -> None:
    with translation.override("es"):
        errors = errors_of(enter, world=world, title_en="", budget=Decimal("-1"))
    assert errors["title_en"] == ["Escriba esto al menos en un idioma."]
    assert errors["budget"] == ["Asegúrese de que este valor es mayor o igual a 0."]


def test_date_errors_point_at_the_end_field_that_is_wrong(world: SimpleNamespace) -> None:
    errors = errors_of(
        enter,
        world=world,
        planned_start=datetime.date(2026, 5, 1),
        planned_end=datetime.date(2026, 4, 1),
    )
    assert errors == {"planned_end": ["The planned end cannot come before the planned start."]}


def test_lead_organisation_must_work_in_the_programme(world: SimpleNamespace) -> None:
    errors = errors_of(enter, world=world, lead_organisation=world.honduran)
    assert list(errors) == ["lead_organisation"]


def test_output_must_be_of_the_same_programme_and_pillar(world: SimpleNamespace) -> None:
    output = OutputFactory(programme=world.programme, pillar=pillar(3), number="3.1")
    errors = errors_of(enter, world=world, output=output, pillar_number=2)
    assert errors == {"output": ["The output must belong to the activity's pillar."]}
    assert enter(world, output=output, pillar_number=3).output == output


def test_output_number_must_start_with_its_pillar(world: SimpleNamespace) -> None:
    output = OutputFactory.build(programme=world.programme, pillar=pillar(2), number="3.1")
    with pytest.raises(ValidationError) as caught:
        output.full_clean()
    assert list(caught.value.message_dict) == ["number"]


def test_iati_identifier_is_unique_within_a_programme_only(world: SimpleNamespace) -> None:
    enter(world, iati_identifier="XM-DAC-41146-JM-001")
    errors = errors_of(enter, world=world, iati_identifier="XM-DAC-41146-JM-001")
    assert errors == {
        "iati_identifier": ["Another activity of this programme has this IATI identifier."]
    }
    other = enter(
        world,
        programme=world.other_programme,
        lead_organisation=world.honduran,
        iati_identifier="XM-DAC-41146-JM-001",
    )
    assert other.pk


def test_a_malformed_iati_identifier_is_refused(world: SimpleNamespace) -> None:
    errors = errors_of(enter, world=world, iati_identifier="JM 001")
    assert list(errors) == ["iati_identifier"]


def test_the_same_organisation_twice_in_one_role_is_refused(world: SimpleNamespace) -> None:
    errors = errors_of(enter, world=world, participations=[(world.undp, 4), (world.undp, 4)])
    assert list(errors) == ["participations"]


# --- Updating -----------------------------------------------------------------------------------


def test_update_changes_what_was_sent_and_records_who(world: SimpleNamespace) -> None:
    activity = enter(world)
    services.activity_update(
        activity=activity,
        user=world.people["focal_point"],
        data={"status": ActivityStatus.IMPLEMENTATION, "areas": [world.clarendon]},
        participations=[(world.cso, 4)],
    )
    activity.refresh_from_db()
    assert activity.status == ActivityStatus.IMPLEMENTATION
    assert list(activity.areas.all()) == [world.clarendon]
    latest = activity.history.order_by("-history_date").first()
    assert latest.history_user == world.people["focal_point"]
    assert [p.organisation for p in activity.participations.all()] == [world.cso]


def test_update_that_changes_nothing_adds_no_history(world: SimpleNamespace) -> None:
    activity = enter(world, areas=[world.clarendon])
    services.activity_update(
        activity=activity,
        user=world.people["coordinator"],
        data={"title_en": activity.title_en, "areas": [world.clarendon]},
    )
    assert activity.history.count() == 1


def test_a_refused_update_leaves_the_activity_as_it_was(world: SimpleNamespace) -> None:
    activity = enter(world, areas=[world.clarendon])
    with pytest.raises(ValidationError):
        services.activity_update(
            activity=activity,
            user=world.people["coordinator"],
            data={"title_en": "New title", "areas": [world.honduran_area]},
        )
    activity.refresh_from_db()
    assert activity.title_en != "New title"
    assert list(activity.areas.all()) == [world.clarendon]


# --- The term index -----------------------------------------------------------------------------


def test_term_index_holds_the_terms_of_the_overlap_module_and_follows_updates(
    world: SimpleNamespace,
) -> None:
    activity = enter(world, areas=[world.spanish_town])
    indexed = set(ActivityTerm.objects.filter(activity=activity).values_list("term", flat=True))
    assert indexed == overlaps.terms_of(facts_for([activity.pk])[activity.pk])
    assert indexed

    services.activity_update(
        activity=activity,
        user=world.people["coordinator"],
        data={"title_en": "Radio campaign on consent for adolescents", "areas": [world.clarendon]},
    )
    updated = set(ActivityTerm.objects.filter(activity=activity).values_list("term", flat=True))
    assert updated == overlaps.terms_of(facts_for([activity.pk])[activity.pk])
    assert updated != indexed


def test_reindexing_a_programme_rebuilds_the_same_index(world: SimpleNamespace) -> None:
    first = enter(world)
    second = enter(world, title_en="Shelter standards for Clarendon", areas=[world.clarendon])
    before = set(ActivityTerm.objects.values_list("activity_id", "term"))
    ActivityTerm.objects.all().delete()
    assert services.activities_reindex(programme=world.programme) == 2
    assert set(ActivityTerm.objects.values_list("activity_id", "term")) == before
    assert {pk for pk, _term in before} == {first.pk, second.pk}


def test_facts_include_the_areas_containing_an_activitys_area_but_not_the_country(
    world: SimpleNamespace,
) -> None:
    activity = enter(world, areas=[world.spanish_town], participations=[(world.cso, 4)])
    facts = facts_for([activity.pk])[activity.pk]
    assert facts.area_ids == {world.spanish_town.pk, world.st_catherine.pk}
    assert facts.organisation_ids == {world.un_women.pk, world.cso.pk}
    assert facts.start == datetime.date(2026, 3, 1)


# --- Decisions on pairs -------------------------------------------------------------------------


def test_decision_stores_the_pair_in_order_with_both_signatures(world: SimpleNamespace) -> None:
    first, second = enter(world), enter(world, title_en="Police training, second round")
    decision = services.overlap_decision_record(
        activity=second,
        other=first,
        decision=OverlapDecision.Decision.COMPLEMENTARY,
        user=world.people["coordinator"],
    )
    facts = facts_for([first.pk, second.pk])
    assert (decision.activity_a, decision.activity_b) == (first, second)
    assert decision.signature_a == overlaps.material_signature(facts[first.pk])
    assert decision.signature_b == overlaps.material_signature(facts[second.pk])
    assert decision.decided_by == world.people["coordinator"]

    again = services.overlap_decision_record(
        activity=first,
        other=second,
        decision=OverlapDecision.Decision.DUPLICATE,
        note="UNDP folds its round into UN Women's.",
        user=world.people["coordinator"],
    )
    assert again.pk == decision.pk
    assert OverlapDecision.objects.count() == 1
    assert again.history.count() == 2


def test_a_duplicate_needs_a_note_saying_what_will_be_done(world: SimpleNamespace) -> None:
    first, second = enter(world), enter(world)
    with pytest.raises(ValidationError) as caught:
        services.overlap_decision_record(
            activity=first,
            other=second,
            decision=OverlapDecision.Decision.DUPLICATE,
            note="  ",
            user=world.people["coordinator"],
        )
    assert caught.value.message_dict == {"note": ["Say what will be done about the duplicate."]}
    assert not OverlapDecision.objects.exists()
