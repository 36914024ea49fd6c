"""Time the public search view in-process over the generated directories.

    .venv/bin/python -m bench.search                 # both sizes, side by side
    .venv/bin/python -m bench.search --size 100000   # one size
    .venv/bin/python -m bench.search --reps 100

Each query is a GET of the public search page through the whole Django stack (middleware, URL
resolution, form, selectors, template) with ``django.test.Client``, as a phone would ask for it:
typical searches (words + type + community), a word that nearly every service contains, and the
page a visitor lands on before searching. Prints p50 and p95 per query and size; with both sizes,
also the growth of p95 from 10,000 to 100,000 and whether the targets are met (p95 ≤ 50 ms at
100,000 for every query, growth under 2×). Run ``bench.generate`` first.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from urllib.parse import urlencode

from bench.common import PROGRAMME, SIZES, database, median, percentile, setup

TARGET_P95_MS = 50.0
TARGET_GROWTH = 2.0

# (label, language, parameters); "area" names a community, looked up in the generated data.
QUERIES = [
    ("landing page, no search", "en", {}),
    ("abogada + legal aid + Chaguanas", "es", {"q": "abogada", "type": "justice.legal-aid", "area": "Chaguanas"}),
    ("counselling + social + Port of Spain", "en", {"q": "counselling", "type": "social", "area": "Port of Spain"}),
    ("safe house + shelter + Belmont", "en", {"q": "safe house", "type": "social.shelter", "area": "Belmont"}),
    ("protection order + police + San Fernando", "en", {"q": "protection order", "type": "justice.police", "area": "San Fernando"}),
    ("línea de crisis + helplines + Tobago", "es", {"q": "línea de crisis", "type": "social.helpline", "area": "Tobago"}),
    ("violencia", "es", {"q": "violencia"}),
    ("violence", "en", {"q": "violence"}),
    ("violence + open now", "en", {"q": "violence", "open_now": "on"}),
]  # fmt: skip


def _urls() -> list[tuple[str, str, int]]:
    """(label, URL, number of matches) of each query, on the generated programme."""
    from django.utils import translation

    from directory.selectors import SearchParams, search
    from programmes.models import Area, Programme

    programme = Programme.objects.get(code=PROGRAMME)
    found = []
    for label, language, params in QUERIES:
        query = dict(params)
        if "area" in query:
            query["area"] = str(
                Area.objects.filter(programme=programme, name_en=query["area"])
                .order_by("level")
                .values_list("pk", flat=True)
                .first()
            )
        with translation.override(language):
            matches = search(
                programme,
                SearchParams(
                    query=query.get("q", ""),
                    term=query.get("type", ""),
                    area_id=int(query["area"]) if "area" in query else None,
                    open_now="open_now" in query,
                ),
            ).count()
        url = f"/{language}/directory/{PROGRAMME}/" + (f"?{urlencode(query)}" if query else "")
        found.append((label, url, matches))
    return found


def measure(size: int, reps: int, warmup: int = 3, page_cache: bool = False) -> list[dict]:  # type: ignore[type-arg]
    # Without the page cache every request searches and renders: the cost of the search itself.
    # With it, all but the first request of a query are the cached page an anonymous visitor
    # gets (directory/page_cache.py).
    os.environ["DIRECTORY_PAGE_CACHE_SECONDS"] = "60" if page_cache else "0"
    setup(size)
    from django.test import Client

    client = Client()
    results = []
    for label, url, matches in _urls():
        for _warm_up in range(warmup):
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)
        timings, cpu = [], []
        for _rep in range(reps):
            started, started_cpu = time.perf_counter(), time.process_time()
            response = client.get(url)
            timings.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - started_cpu) * 1000)
        results.append(
            {
                "label": label,
                "url": url,
                "matches": matches,
                "bytes": len(response.content),
                "p50": median(timings),
                "p95": percentile(timings, 0.95),
                "cpu50": median(cpu),
                "cpu95": percentile(cpu, 0.95),
            }
        )
    return results


def _load() -> str:
    one, five, _fifteen = os.getloadavg()
    return f"load average {one:.1f} / {five:.1f} on {os.cpu_count()} CPUs"


def _print_one(size: int, results: list[dict]) -> None:  # type: ignore[type-arg]
    print(f"\nSearch view at {size:,} services at locations ({_load()})")
    print(f"{'query':<44} {'matches':>8} {'p50 ms':>8} {'p95 ms':>8} {'CPU p50':>8} {'CPU p95':>8}")
    for row in results:
        print(
            f"{row['label']:<44} {row['matches']:>8,} {row['p50']:>8.1f} {row['p95']:>8.1f} "
            f"{row['cpu50']:>8.1f} {row['cpu95']:>8.1f}"
        )


def _print_both(by_size: dict[int, list[dict]], cached: bool) -> None:  # type: ignore[type-arg]
    small, large = (by_size[size] for size in SIZES)
    print(f"\nSearch view, in-process ({_load()}; page cache {'on' if cached else 'off'})")
    header = (
        f"{'query':<44} {'matches 10k':>11} {'p50':>6} {'p95':>6} "
        f"{'matches 100k':>12} {'p50':>6} {'p95':>6} {'growth':>7}  target"
    )
    print(header)
    print("-" * len(header))
    met = True
    for a, b in zip(small, large, strict=True):
        growth = b["p95"] / a["p95"]
        ok = b["p95"] <= TARGET_P95_MS and growth < TARGET_GROWTH
        met &= ok
        print(
            f"{a['label']:<44} {a['matches']:>11,} {a['p50']:>6.1f} {a['p95']:>6.1f} "
            f"{b['matches']:>12,} {b['p50']:>6.1f} {b['p95']:>6.1f} {growth:>6.2f}×  "
            f"{'met' if ok else 'MISSED'}"
        )
    print(
        f"Targets (p95 ≤ {TARGET_P95_MS:.0f} ms at 100,000, growth < {TARGET_GROWTH:.0f}×): "
        f"{'all met' if met else 'not all met'}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, help="one size only (default: 10,000 and 100,000)")
    parser.add_argument("--reps", type=int, default=60, help="timed requests per query")
    parser.add_argument("--warmup", type=int, default=3, help="untimed requests per query first")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument(
        "--page-cache",
        action="store_true",
        help="keep the public page cache on (default: off, so that every request searches)",
    )
    args = parser.parse_args()
    if args.size:
        if not database(args.size).exists():
            sys.exit(f"No {database(args.size)}: run python -m bench.generate --size {args.size}")
        results = measure(args.size, args.reps, args.warmup, args.page_cache)
        if args.json:
            print(json.dumps(results))
        else:
            _print_one(args.size, results)
        return
    by_size = {}
    for size in SIZES:
        # One process per size: Django settles on one database when it starts.
        command = [sys.executable, "-m", "bench.search", "--size", str(size), "--json"]
        command += ["--reps", str(args.reps), "--warmup", str(args.warmup)]
        command += ["--page-cache"] if args.page_cache else []
        done = subprocess.run(
            command,
            check=True,
            capture_output=True,
            text=True,
        )
        by_size[size] = json.loads(done.stdout.strip().splitlines()[-1])
        _print_one(size, by_size[size])
    _print_both(by_size, args.page_cache)


if __name__ == "__main__":
    main()
