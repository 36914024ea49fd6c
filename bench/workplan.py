"""The joint workplan's duplicate checks on a database: entry time and the programme-wide scan.

    .venv/bin/python -m bench.workplan                 # 1,000 and 10,000 activities
    .venv/bin/python -m bench.workplan --size 10000    # one size
    .venv/bin/python -m bench.workplan --rebuild       # generate the databases again

Each size has a SQLite database of its own, ``var/bench-workplan-<N>/hub.sqlite3``, built by this
script the first time (seeded: the same N gives the same programme): one bilingual programme with
150 districts, N/25 organisations and N activities from ``bench.overlaps.generate`` (English,
Spanish or both; 3% translated copies of another), with their areas and the term index
(``workplan.services.activities_reindex``). Activities are written in bulk, not one by one through
the services, so a database of 10,000 takes a minute rather than an hour; their history is not
written, which the checks do not read.

Prints:

- **entry time**: ``workplan.selectors.overlap_candidates`` as the editor calls it (a programme
  member's visibility, the term-index query, the candidates' facts, decisions, scoring) for 100
  drafts of new activities, a fifth of them a translation of an existing one; p50 and p95 wall
  and CPU, with the scorer's caches emptied before each draft (a cold server) and kept (a warm
  one). Target p95 ≤ 100 ms at 10,000.
- **programme-wide scan**: ``workplan.review.review_candidates`` over the whole programme
  (reading every activity's facts, ``overlaps.scan``, leaving out decided pairs): seconds, then
  peak memory traced in a second run. Target ≤ 10 s at 10,000.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import time
import tracemalloc
from dataclasses import replace
from pathlib import Path
from typing import Any

from bench.common import ROOT, median, percentile

SIZES = (1_000, 10_000)
DRAFTS = 100
CODE = "BW"
TARGET_P95_MS = 100.0
TARGET_SCAN_S = 10.0


def var_dir(size: int) -> Path:
    return ROOT / "var" / f"bench-workplan-{size}"


def setup(size: int) -> None:
    """Start Django on the workplan database of ``size`` activities (SQLite, DEBUG off)."""
    var_dir(size).mkdir(parents=True, exist_ok=True)
    os.environ["VAR_DIR"] = str(var_dir(size))
    os.environ.pop("DATABASE_URL", None)
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings_bench"
    import django

    django.setup()


# --- Building the database --------------------------------------------------------------------


def build(size: int) -> None:
    from django.core.management import call_command
    from django.db import transaction

    from accounts.models import User
    from bench.overlaps import PLACES, generate
    from organisations.models import Organisation
    from programmes.models import Area, Membership, Pillar, Programme
    from workplan.models import Activity
    from workplan.services import activities_reindex

    started = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    facts = generate(size, seed=size)
    with transaction.atomic():
        programme = Programme.objects.create(
            code=CODE,
            name="Spotlight Initiative Benchmark",
            name_en="Spotlight Initiative Benchmark",
            name_es="Iniciativa Spotlight de prueba",
            country="HN",
            languages=["es", "en"],
            default_language="es",
            region="lac",
            time_zone="America/Tegucigalpa",
        )
        country = Area.objects.create(
            programme=programme, name="Benchmark", name_en="Benchmark", level=Area.Level.COUNTRY
        )
        areas = Area.objects.bulk_create(
            Area(programme=programme, parent=country, name=p, name_en=p, level=Area.Level.REGION)
            for p in PLACES
        )
        organisations = Organisation.objects.bulk_create(
            Organisation(name=f"Agency {n}", name_en=f"Agency {n}", type="un_agency")
            for n in range(1, size // 25 + 2)
        )
        Organisation.programmes.through.objects.bulk_create(
            Organisation.programmes.through(organisation=o, programme=programme)
            for o in organisations
        )
        pillars = {p.number: p for p in Pillar.objects.all()}
        rows = Activity.objects.bulk_create(
            (
                Activity(
                    programme=programme,
                    title=f.title_en or f.title_es,
                    title_en=f.title_en,
                    title_es=f.title_es,
                    description_en=f.description_en,
                    description_es=f.description_es,
                    lead_organisation=organisations[min(f.organisation_ids) - 1],
                    pillar=pillars[f.pillar_id],
                    planned_start=f.start,
                    planned_end=f.end,
                    status=2,
                )
                for f in facts
            ),
            batch_size=1000,
        )
        Activity.areas.through.objects.bulk_create(
            (
                Activity.areas.through(activity_id=row.pk, area_id=areas[index].pk)
                for row, f in zip(rows, facts, strict=True)
                for index in f.area_ids
            ),
            batch_size=2000,
        )
        member = User.objects.create_user("member", password=None)
        Membership.objects.create(user=member, programme=programme, role="focal_point")
        User.objects.create_superuser("admin", password=None)
    print(f"  {size:,} activities written in {time.perf_counter() - started:.1f} s", flush=True)
    started = time.perf_counter()
    activities_reindex(programme=programme)
    print(f"  term index built in {time.perf_counter() - started:.1f} s", flush=True)


# --- Measuring ---------------------------------------------------------------------------------


def drafts(size: int) -> list[Any]:
    """What 100 people might type into the editor: new activities, and translations of
    existing ones (the duplicates the check is there for), as the form's facts."""
    from bench.overlaps import generate
    from programmes.models import Area, Pillar
    from workplan.facts import AreaTree, facts_for
    from workplan.models import Activity

    programme_areas = list(
        Area.objects.filter(programme__code=CODE, level=Area.Level.REGION)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    pillars = dict(Pillar.objects.values_list("number", "pk"))
    tree = AreaTree.of(
        Area.objects.filter(programme__code=CODE).values_list("programme_id", flat=True)[:1]
    )
    rng = random.Random(size)  # noqa: S311 - reproducible sampling, not secrets
    existing = list(
        Activity.objects.filter(programme__code=CODE).order_by("pk").values_list("pk", flat=True)
    )
    found = []
    for number, new in enumerate(generate(DRAFTS, seed=size + 1)):
        if number % 5 == 4:
            original = facts_for([rng.choice(existing)])
            item = next(iter(original.values()))
            # The same activity typed in the other language, as a new draft.
            found.append(
                replace(
                    item,
                    id=None,
                    title_en=item.title_es if not item.title_en else "",
                    title_es=item.title_en if not item.title_es else "",
                    description_en=item.description_es if not item.description_en else "",
                    description_es=item.description_en if not item.description_es else "",
                )
            )
            continue
        found.append(
            replace(
                new,
                id=None,
                pillar_id=pillars[new.pillar_id],
                area_ids=tree.expand(programme_areas[i] for i in new.area_ids),
            )
        )
    return found


def _cold() -> None:
    from workplan import overlaps

    overlaps.prepare.cache_clear()
    overlaps._terms_of_text.cache_clear()


def measure(size: int) -> dict[str, Any]:
    from accounts.models import User
    from programmes.models import Programme
    from workplan.models import Activity
    from workplan.review import review_candidates
    from workplan.selectors import overlap_candidates

    programme = Programme.objects.get(code=CODE)
    member = User.objects.get(username="member")
    admin = User.objects.get(username="admin")
    assert Activity.objects.filter(programme=programme).count() == size
    items = drafts(size)
    result: dict[str, Any] = {"size": size}
    for label, cold in (("cold", True), ("warm", False)):
        wall, cpu, found = [], [], 0
        for facts in items[:5]:  # connection, query plans, stems
            overlap_candidates(facts, programme, user=member)
        for facts in items:
            if cold:
                _cold()
            started, started_cpu = time.perf_counter(), time.process_time()
            candidates = overlap_candidates(facts, programme, user=member)
            wall.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - started_cpu) * 1000)
            found += bool(candidates)
        result[label] = {
            "p50": median(wall),
            "p95": percentile(wall, 0.95),
            "cpu50": median(cpu),
            "cpu95": percentile(cpu, 0.95),
            "with_candidates": found,
        }
    _cold()
    started, started_cpu = time.perf_counter(), time.process_time()
    pairs = review_candidates(user=admin, programme=programme)
    result["scan"] = {
        "seconds": time.perf_counter() - started,
        "cpu": time.process_time() - started_cpu,
        "pairs": len(pairs),
    }
    _cold()
    tracemalloc.start()
    review_candidates(user=admin, programme=programme)
    result["scan"]["peak_mb"] = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    return result


def _load() -> str:
    one, five, _fifteen = os.getloadavg()
    return f"load average {one:.1f} / {five:.1f} on {os.cpu_count()} CPUs"


def _print(result: dict[str, Any]) -> None:
    size = result["size"]
    print(f"\nJoint workplan at {size:,} activities ({_load()})")
    for label in ("cold", "warm"):
        row = result[label]
        print(
            f"  entry-time check, {label:<4}: p50 {row['p50']:6.1f} ms, p95 {row['p95']:6.1f} ms "
            f"wall; p50 {row['cpu50']:6.1f} ms, p95 {row['cpu95']:6.1f} ms CPU; "
            f"{row['with_candidates']}/{DRAFTS} drafts with possible duplicates"
        )
    scan = result["scan"]
    print(
        f"  programme-wide scan: {scan['seconds']:.2f} s wall, {scan['cpu']:.2f} s CPU, "
        f"{scan['pairs']:,} pairs, peak {scan['peak_mb']:.0f} MB traced"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, help="one size only (default: 1,000 and 10,000)")
    parser.add_argument("--rebuild", action="store_true", help="generate the database again")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    if args.size:
        database = var_dir(args.size) / "hub.sqlite3"
        if args.rebuild and database.exists():
            database.unlink()
        fresh = not database.exists()
        setup(args.size)
        if fresh:
            print(f"Building {database}", file=sys.stderr if args.json else sys.stdout)
            build(args.size)
        result = measure(args.size)
        if args.json:
            print(json.dumps(result))
        else:
            _print(result)
        return
    results = []
    for size in SIZES:
        # One process per size: Django settles on one database when it starts.
        command = [sys.executable, "-m", "bench.workplan", "--size", str(size), "--json"]
        command += ["--rebuild"] if args.rebuild else []
        done = subprocess.run(command, check=True, capture_output=True, text=True)
        results.append(json.loads(done.stdout.strip().splitlines()[-1]))
        _print(results[-1])
    large = results[-1]
    met_entry = large["cold"]["p95"] <= TARGET_P95_MS
    met_scan = large["scan"]["seconds"] <= TARGET_SCAN_S
    print(
        f"\nTargets at {large['size']:,}: entry-time p95 ≤ {TARGET_P95_MS:.0f} ms (cold) "
        f"{'met' if met_entry else 'MISSED'}; scan ≤ {TARGET_SCAN_S:.0f} s "
        f"{'met' if met_scan else 'MISSED'}"
    )


if __name__ == "__main__":
    main()
