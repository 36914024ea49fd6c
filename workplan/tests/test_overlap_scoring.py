"""The duplicate-activity scorer: what it flags, what it does not, how it explains itself.

Pure Python, no database: these tests need no ``django_db`` mark.
"""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import replace

from django.utils import translation

from workplan.overlaps import (
    THRESHOLD,
    ActivityFacts,
    Overlap,
    material_signature,
    rank,
    reasons,
    scan,
    score_pair,
    terms_of,
)
from workplan.overlaps_eval import evaluate, load, pairs_of

KINGSTON, AUGUST_TOWN, MONTEGO_BAY = 1, 3, 5
AREA_NAMES = {KINGSTON: "Kingston", AUGUST_TOWN: "August Town", MONTEGO_BAY: "Montego Bay"}


def facts(**changes: object) -> ActivityFacts:
    base = ActivityFacts(
        id=1,
        title_en="Training of police officers on survivor-centred response to domestic violence",
        title_es="",
        description_en=(
            "Two-day workshops for police in Kingston on receiving reports, risk assessment and "
            "referral of survivors to shelters and counselling."
        ),
        description_es="",
        pillar_id=2,
        area_ids=frozenset({KINGSTON, AUGUST_TOWN}),
        start=datetime.date(2025, 2, 1),
        end=datetime.date(2025, 9, 30),
        organisation_ids=frozenset({10}),
    )
    return replace(base, **changes)  # type: ignore[arg-type]


SPANISH = dict(
    id=2,
    title_en="",
    title_es="Capacitación a agentes de policía en la atención centrada en las sobrevivientes de violencia doméstica",
    description_en="",
    description_es=(
        "Talleres de dos días para policías de Kingston sobre recepción de denuncias, evaluación "
        "de riesgo y derivación de sobrevivientes a refugios y consejería."
    ),
    organisation_ids=frozenset({11}),
)


def test_spanish_translation_of_english_activity_is_flagged() -> None:
    overlap = score_pair(facts(), facts(**SPANISH))
    assert overlap.score >= THRESHOLD
    assert overlap.wording >= 0.7


def test_reworded_english_duplicate_is_flagged() -> None:
    reworded = facts(
        id=2,
        title_en="Capacity building for JCF officers in handling GBV and domestic violence cases",
        description_en="Police sessions on victim-centred interviewing, risk assessment and referrals.",
        area_ids=frozenset({KINGSTON}),
        start=datetime.date(2025, 4, 1),
        end=datetime.date(2025, 7, 31),
    )
    assert score_pair(facts(), reworded).score >= THRESHOLD


def test_shelter_and_casa_de_acogida_are_the_same_concept() -> None:
    english = facts(title_en="Women's shelter in Montego Bay", description_en="", pillar_id=4)
    spanish = facts(
        id=2, title_en="", title_es="Casa de acogida para mujeres en Montego Bay", pillar_id=4
    )
    assert "shelter" in terms_of(english) & terms_of(spanish)


def test_same_place_different_pillar_is_not_flagged() -> None:
    theatre = facts(
        id=2,
        title_en="Community theatre on healthy relationships for young people",
        description_en="A touring play in Kingston community centres on dating violence and consent.",
        pillar_id=3,
    )
    overlap = score_pair(facts(), theatre)
    assert overlap.shared_area_ids == {KINGSTON, AUGUST_TOWN}
    assert overlap.score < THRESHOLD


def test_same_wording_in_another_place_is_not_flagged() -> None:
    elsewhere = facts(id=2, area_ids=frozenset({MONTEGO_BAY}))
    assert score_pair(facts(), elsewhere).score < THRESHOLD


def test_same_wording_in_another_year_is_not_flagged() -> None:
    last_year = facts(id=2, start=datetime.date(2023, 2, 1), end=datetime.date(2023, 9, 30))
    overlap = score_pair(facts(), last_year)
    assert overlap.wording == 1.0
    assert overlap.overlap_days == 0
    assert overlap.score < THRESHOLD


def test_same_training_for_other_people_is_not_flagged() -> None:
    health = facts(
        id=2,
        title_en="Training of health workers on survivor-centred response to domestic violence",
        description_en="Workshops for nurses and doctors in Kingston on first-line support and referral.",
    )
    assert score_pair(facts(), health).score < THRESHOLD


def test_generic_titles_with_different_descriptions_are_not_flagged() -> None:
    nurses = facts(
        title_en="Training workshop",
        description_en="One-day workshop for community health workers on signs of abuse.",
    )
    budgets = facts(
        id=2,
        title_en="Training workshop",
        description_en="Workshop for parish council staff on gender-responsive budgeting.",
    )
    assert score_pair(nurses, budgets).score < THRESHOLD


def test_score_pair_reports_shared_areas_pillar_and_overlap_days() -> None:
    later = facts(id=7, start=datetime.date(2025, 9, 1), end=datetime.date(2025, 12, 31))
    overlap = score_pair(facts(), later)
    assert overlap.other_id == 7
    assert overlap.same_pillar
    assert overlap.shared_area_ids == {KINGSTON, AUGUST_TOWN}
    assert overlap.overlap_days == 30  # 1 to 30 September
    assert 0.0 <= overlap.score <= 1.0


def test_unknown_dates_count_no_overlap_days() -> None:
    undated = facts(id=2, start=None, end=None)
    overlap = score_pair(facts(), undated)
    assert overlap.overlap_days == 0
    assert overlap.score >= THRESHOLD  # unknown is not evidence against


def test_rank_orders_highest_first_and_leaves_out_the_activity_itself() -> None:
    candidate = facts()
    others = [
        facts(),  # the same activity, being edited
        facts(**{**SPANISH, "id": 3}),  # a translation: a little less alike
        facts(id=2, area_ids=frozenset({KINGSTON})),  # the same wording in one of its places
        facts(id=4, title_en="Data on femicide", description_en="", pillar_id=5),
    ]
    found = rank(candidate, others)
    assert [o.other_id for o in found] == [2, 3]
    assert found[0].score > found[1].score


def test_rank_respects_limit_and_threshold() -> None:
    others = [facts(id=n) for n in range(2, 30)]
    assert len(rank(facts(), others, limit=5)) == 5
    assert rank(facts(), others, threshold=1.01) == []


def test_reasons_name_shared_areas_in_words() -> None:
    overlap = score_pair(facts(), facts(**SPANISH))
    sentences = reasons(overlap, area_names=AREA_NAMES, pillar_name="2 Institutions")
    assert "Both take place in August Town and Kingston." in sentences
    assert "Same pillar: 2 Institutions." in sentences
    assert "Dates overlap by 8 months." in sentences
    wording = next(s for s in sentences if s.startswith("Similar wording ("))
    assert "police" in wording


def test_reasons_leave_out_what_is_not_shared() -> None:
    overlap = Overlap(
        other_id=2,
        score=0.5,
        shared_area_ids=frozenset(),
        same_pillar=False,
        overlap_days=0,
        wording=0.5,
        shared_terms=("shelter",),
    )
    assert reasons(overlap, area_names=AREA_NAMES, pillar_name=None) == [
        "Similar wording (50%): shelter."
    ]


def test_reasons_give_short_overlaps_in_days() -> None:
    week = facts(id=2, start=datetime.date(2025, 9, 24), end=datetime.date(2025, 12, 31))
    sentences = reasons(score_pair(facts(), week), area_names=AREA_NAMES, pillar_name=None)
    assert "Dates overlap by 7 days." in sentences


def test_reasons_show_shared_concepts_in_the_active_language() -> None:
    overlap = score_pair(
        facts(title_en="Women's shelter", description_en="", pillar_id=4),
        facts(id=2, title_en="", title_es="Casa de acogida para mujeres", pillar_id=4),
    )
    with translation.override("es"):
        spanish = reasons(overlap, area_names=AREA_NAMES, pillar_name=None)
    with translation.override("en"):
        english = reasons(overlap, area_names=AREA_NAMES, pillar_name=None)
    assert any("refugio" in s for s in spanish)
    assert any("shelter" in s for s in english)


def test_terms_of_are_language_neutral_and_short() -> None:
    english, spanish = terms_of(facts()), terms_of(facts(**SPANISH))
    assert {"police", "survivor_centred", "domestic_violence", "training"} <= english & spanish
    assert all(len(term) <= 40 for term in english | spanish)


def test_terms_of_leave_out_generic_words() -> None:
    terms = terms_of(facts(title_en="Ending violence against women and girls", description_en=""))
    assert not terms & {"violence", "women", "girls", "vawg", "ending"}


def test_signature_changes_when_areas_change() -> None:
    assert material_signature(facts()) != material_signature(facts(area_ids=frozenset({KINGSTON})))


def test_signature_changes_when_dates_move_to_another_month() -> None:
    assert material_signature(facts()) != material_signature(facts(end=datetime.date(2025, 10, 31)))


def test_signature_ignores_changes_within_the_month_and_of_wording_with_the_same_terms() -> None:
    original = material_signature(facts())
    assert original == material_signature(facts(end=datetime.date(2025, 9, 2)))
    assert original == material_signature(
        facts(
            title_en="Training of police officers on survivor-centred responses to domestic violence."
        )
    )
    assert original == material_signature(facts(organisation_ids=frozenset({99})))


def test_scan_finds_the_same_pairs_as_scoring_every_pair() -> None:
    activities = list(load()[1].values())
    for threshold in (0.3, THRESHOLD):
        scanned = {(a, b) for a, b, _overlap in scan(activities, threshold=threshold)}
        every = {
            (min(x.id, y.id), max(x.id, y.id))  # type: ignore[type-var]
            for i, x in enumerate(activities)
            for y in activities[i + 1 :]
            if score_pair(x, y).score >= threshold
        }
        assert scanned == every


def test_scan_returns_pairs_highest_first_with_the_lower_id_first() -> None:
    found = scan([facts(), facts(**SPANISH), facts(id=3, area_ids=frozenset({KINGSTON}))])
    assert [row[2].score for row in found] == sorted((row[2].score for row in found), reverse=True)
    assert all(a < b for a, b, _overlap in found)
    assert len(found) == 3


def test_labelled_set_is_large_and_varied() -> None:
    pairs = pairs_of("all")
    assert len(pairs) >= 240
    labels = Counter(p.duplicate for p in pairs)
    assert labels[True] >= 80 and labels[False] >= 120
    assert {p.split for p in pairs} == {"tune", "test", "holdout"}
    assert {p.a.pillar_id for p in pairs} | {p.b.pillar_id for p in pairs} == {1, 2, 3, 4, 5, 6}
    languages = Counter(p.languages for p in pairs)
    assert (
        languages["en-en"] and languages["es-es"] and languages["en-es"] + languages["es-en"] >= 40
    )
    kinds = {p.kind for p in pairs}
    for kind in (
        "translated",
        "reworded",
        "abbreviated",
        "same_place_different_pillar",
        "same_pillar_different_place",
        "same_wording_different_years",
        "different_target_group",
        "generic_title",
    ):
        assert kind in kinds


def test_precision_and_recall_on_labelled_set_at_least_0_9() -> None:
    # The threshold was chosen on "tune"; "test" is reported as held out (see docs/benchmarks.md
    # for what was changed after the first look at it and for the later "holdout" batch).
    for split in ("test", "all"):
        figures = evaluate(split, THRESHOLD)
        assert figures.precision >= 0.9, (split, figures)
        assert figures.recall >= 0.9, (split, figures)
