"""What the benchmark scripts share: where each generated directory lives, Django set up on it."""

import math
import os
import statistics
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SIZES = (10_000, 100_000)
PROGRAMME = "TT"


def var_dir(size: int) -> Path:
    return ROOT / "var" / f"bench-{size}"


def database(size: int) -> Path:
    return var_dir(size) / "hub.sqlite3"


def setup(size: int) -> None:
    """Start Django on the generated directory of ``size`` services (SQLite, DEBUG off)."""
    os.environ["VAR_DIR"] = str(var_dir(size))
    # The benchmarks measure the SQLite default; a DATABASE_URL left in the shell would move them.
    os.environ.pop("DATABASE_URL", None)
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings_bench"
    import django

    django.setup()


def percentile(values: list[float], fraction: float) -> float:
    """The nearest-rank percentile: the smallest value with ``fraction`` of ``values`` at or
    below it (p95 of 60 values is the 57th smallest)."""
    ordered = sorted(values)
    rank = max(1, math.ceil(fraction * len(ordered)))
    return ordered[rank - 1]


def median(values: list[float]) -> float:
    return statistics.median(values)
