"""Duplicate-activity scorer: precision and recall on the labelled set, and its speed.

    .venv/bin/python -m bench.overlaps [--sizes 1000 10000] [--reps 100]

Prints precision, recall and F1 at ``workplan.overlaps.THRESHOLD`` for each split of
``workplan/tests/data/overlap_pairs.json``, a table over thresholds, the time of one
``score_pair``, of ``rank`` over 200 candidates (the entry-time check, each activity read afresh
as it would be from the database), and of ``scan`` over generated programmes of 1,000 and 10,000
activities (seconds, then peak memory in a second run under tracemalloc). Pure Python: no
database is used.
"""

from __future__ import annotations

import argparse
import datetime
import os
import random
import time
import tracemalloc
from dataclasses import replace

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings_test")

from bench.common import median, percentile
from workplan import overlaps
from workplan.overlaps import ActivityFacts, rank, scan, score_pair
from workplan.overlaps_eval import SPLITS, figures, scored

# Pieces of generated activities: (pillar, English, Spanish) actions and topics, people, places.
ACTIONS = [
    (2, "Training of {who} on {topic}", "Capacitación de {who_es} sobre {topic_es}"),
    (2, "Protocol for {who} on {topic}", "Protocolo para {who_es} sobre {topic_es}"),
    (
        3,
        "Awareness campaign on {topic} for {who}",
        "Campaña de sensibilización sobre {topic_es} para {who_es}",
    ),
    (
        3,
        "Community dialogues with {who} on {topic}",
        "Diálogos comunitarios con {who_es} sobre {topic_es}",
    ),
    (
        4,
        "Services for {who} affected by {topic}",
        "Servicios para {who_es} afectadas por {topic_es}",
    ),
    (
        4,
        "Psychosocial support groups for {who} on {topic}",
        "Grupos de apoyo psicosocial para {who_es} sobre {topic_es}",
    ),
    (5, "Study of {topic} among {who}", "Estudio sobre {topic_es} entre {who_es}"),
    (
        1,
        "Review of the law on {topic} with {who}",
        "Revisión de la ley sobre {topic_es} con {who_es}",
    ),
    (
        6,
        "Small grants to organisations working with {who} on {topic}",
        "Subvenciones a organizaciones que trabajan con {who_es} sobre {topic_es}",
    ),
    (
        6,
        "Leadership school for {who} on {topic}",
        "Escuela de liderazgo para {who_es} sobre {topic_es}",
    ),
]
TOPICS = [
    ("domestic violence", "violencia doméstica"),
    ("sexual harassment", "acoso sexual"),
    ("femicide", "feminicidio"),
    ("child marriage", "matrimonio infantil"),
    ("online violence", "violencia digital"),
    ("trafficking in persons", "trata de personas"),
    ("dating violence", "violencia en el noviazgo"),
    ("sexual violence", "violencia sexual"),
    ("economic violence", "violencia económica"),
    ("protection orders", "medidas de protección"),
    ("referral pathways", "rutas de atención"),
    ("shelters", "casas de acogida"),
    ("the helpline", "la línea de ayuda"),
    ("legal aid", "asistencia legal"),
    ("comprehensive sexuality education", "educación integral en sexualidad"),
]
WHO = [
    ("police officers", "policías"),
    ("judges", "jueces"),
    ("prosecutors", "fiscales"),
    ("health workers", "personal de salud"),
    ("teachers", "docentes"),
    ("adolescents", "adolescentes"),
    ("indigenous women", "mujeres indígenas"),
    ("migrant women", "mujeres migrantes"),
    ("women with disabilities", "mujeres con discapacidad"),
    ("rural women", "mujeres rurales"),
    ("journalists", "periodistas"),
    ("faith leaders", "líderes religiosos"),
    ("parents", "madres y padres"),
    ("young men", "hombres jóvenes"),
    ("municipal staff", "personal municipal"),
]
DETAILS = [
    ("with {n} participants in {place}", "con {n} participantes en {place}"),
    ("in {place}, with a follow-up visit", "en {place}, con visita de seguimiento"),
    ("run by local organisations in {place}", "a cargo de organizaciones locales en {place}"),
    (
        "with materials in Spanish and English for {place}",
        "con materiales en español e inglés para {place}",
    ),
]
PLACES = [f"District {i}" for i in range(1, 151)]  # communities of a country programme


def generate(size: int, seed: int = 7) -> list[ActivityFacts]:
    """A programme of ``size`` activities in English, Spanish or both, 3% of them translated or
    reworded copies of another (the duplicates a scan should find)."""
    rng = random.Random(seed)  # noqa: S311 - reproducible data, not secrets
    found: list[ActivityFacts] = []
    for number in range(1, size + 1):
        if found and rng.random() < 0.03:
            original = rng.choice(found)
            copy_en, copy_es = (original.title_es, original.title_en)  # swap languages
            found.append(
                replace(
                    original,
                    id=number,
                    title_en=copy_es if copy_es and not copy_en else "",
                    title_es=copy_en if copy_en and not copy_es else original.title_es,
                    organisation_ids=frozenset({rng.randrange(1, size // 25 + 2)}),
                )
            )
            continue
        pillar, action_en, action_es = rng.choice(ACTIONS)
        topic_en, topic_es = rng.choice(TOPICS)
        who_en, who_es = rng.choice(WHO)
        detail_en, detail_es = rng.choice(DETAILS)
        areas = frozenset(rng.sample(range(len(PLACES)), rng.choice((1, 1, 1, 2, 3))))
        place = PLACES[min(areas)]
        n = rng.randrange(10, 400)
        title_en = action_en.format(who=who_en, topic=topic_en)
        title_es = action_es.format(who_es=who_es, topic_es=topic_es)
        language = rng.choice(("en", "es", "both"))
        start = datetime.date(2023, 1, 1) + datetime.timedelta(days=rng.randrange(0, 1100))
        end = start + datetime.timedelta(days=rng.randrange(30, 540))
        found.append(
            ActivityFacts(
                id=number,
                title_en=title_en if language != "es" else "",
                title_es=title_es if language != "en" else "",
                description_en=(title_en + " " + detail_en.format(n=n, place=place))
                if language != "es"
                else "",
                description_es=(title_es + " " + detail_es.format(n=n, place=place))
                if language != "en"
                else "",
                pillar_id=pillar,
                area_ids=areas,
                start=start,
                end=end,
                organisation_ids=frozenset({rng.randrange(1, size // 25 + 2)}),
            )
        )
    return found


def cold() -> None:
    """Forget every activity and text seen (word stems stay: a running server has them)."""
    overlaps.prepare.cache_clear()
    overlaps._terms_of_text.cache_clear()


def fresh(facts: ActivityFacts) -> ActivityFacts:
    """An equal but distinct object, as a new request reads it from the database."""
    return replace(facts, title_en=facts.title_en + "")


def quality() -> None:
    print(f"Labelled set at THRESHOLD = {overlaps.THRESHOLD}")
    print(
        f"{'split':<8} {'pairs':>5} {'dup':>4} {'TP':>3} {'FP':>3} {'FN':>3} {'precision':>9} {'recall':>6} {'F1':>5}"
    )
    all_scores = {split: scored(split) for split in SPLITS}
    for split in SPLITS:
        f = figures(all_scores[split], overlaps.THRESHOLD)
        duplicates = f.true_positives + f.false_negatives
        print(
            f"{split:<8} {f.pairs:>5} {duplicates:>4} {f.true_positives:>3} {f.false_positives:>3} "
            f"{f.false_negatives:>3} {f.precision:>9.3f} {f.recall:>6.3f} {f.f1:>5.3f}"
        )
    print("\nPrecision / recall by threshold (tune | test | all)")
    for threshold in (0.30, 0.34, 0.38, 0.40, 0.42, 0.44, 0.46, 0.50, 0.55, 0.60):
        cells = []
        for split in ("tune", "test", "all"):
            f = figures(all_scores[split], threshold)
            cells.append(f"{f.precision:.3f} / {f.recall:.3f}")
        print(f"  {threshold:.2f}   " + "   |   ".join(cells))


def speed(sizes: list[int], reps: int) -> None:
    activities = generate(10_000)
    rng = random.Random(1)  # noqa: S311 - reproducible sampling, not secrets

    # score_pair on prepared activities (the cache hit), then including preparing both sides.
    pairs = [(rng.choice(activities), rng.choice(activities)) for _ in range(20_000)]
    for a, b in pairs:
        score_pair(a, b)
    started = time.perf_counter()
    for a, b in pairs:
        score_pair(a, b)
    warm = (time.perf_counter() - started) / len(pairs) * 1e6
    cold_pairs = [(fresh(a), fresh(b)) for a, b in pairs[:2000]]
    cold()
    started = time.perf_counter()
    for a, b in cold_pairs:
        score_pair(a, b)
    unprepared = (time.perf_counter() - started) / len(cold_pairs) * 1e6
    print(f"\nscore_pair: {warm:.1f} µs prepared, {unprepared:.1f} µs preparing both sides")

    # Entry-time check: one new activity against 200 candidates, all read afresh.
    timings, cpu = [], []
    for _ in range(reps):
        cold()
        candidate = fresh(rng.choice(activities))
        others = [fresh(o) for o in rng.sample(activities, 200)]
        started, started_cpu = time.perf_counter(), time.process_time()
        rank(candidate, others)
        timings.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    print(
        f"rank over 200 candidates (cold): p50 {median(timings):.1f} ms, "
        f"p95 {percentile(timings, 0.95):.1f} ms wall; p50 {median(cpu):.1f} ms, "
        f"p95 {percentile(cpu, 0.95):.1f} ms CPU (target ≤ 100 ms)"
    )

    for size in sizes:
        programme = [fresh(a) for a in generate(size, seed=size)]
        cold()
        started, started_cpu = time.perf_counter(), time.process_time()
        found = scan(programme)
        seconds, cpu_seconds = time.perf_counter() - started, time.process_time() - started_cpu
        cold()
        programme = [fresh(a) for a in programme]
        tracemalloc.start()
        scan(programme)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        print(
            f"scan of {size:,}: {seconds:.2f} s wall, {cpu_seconds:.2f} s CPU, {len(found):,} pairs at or above the threshold, "
            f"peak {peak / 2**20:.0f} MB traced (target ≤ 10 s at 10,000)"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10_000])
    parser.add_argument("--reps", type=int, default=100)
    args = parser.parse_args()
    print(f"load average {os.getloadavg()[0]:.2f}, {os.cpu_count()} CPUs")
    quality()
    speed(args.sizes, args.reps)


if __name__ == "__main__":
    main()
