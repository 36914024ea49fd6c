"""Time and peak memory of importing the generated directory with ``import_hsds``.

    .venv/bin/python -m bench.import                  # 100,000 services
    .venv/bin/python -m bench.import --size 10000
    .venv/bin/python -m bench.import --size 10000 --reuse-export   # import only

Exports the generated directory (``bench.generate``) with ``manage.py export_hsds
--include-confidential`` into ``var/bench-<N>-hsds/``, prepares a fresh database in
``var/bench-import-<N>/`` holding only the programme and its communities (as an installation
has before its first import), then runs ``manage.py import_hsds`` into it as a separate process.
Prints the seconds, the CPU seconds and the peak resident memory (ru_maxrss) of the export and
of the import, against the targets (import ≤ 120 s, ≤ 500 MB), the machine's load average (other
work on it slows both), and the import's own summary. ``--reuse-export`` imports the files an earlier run
exported, skipping the export.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import time
from pathlib import Path

from bench.common import PROGRAMME, ROOT, database, var_dir

TARGET_SECONDS = 120
TARGET_MB = 500


def _env(folder: Path) -> dict[str, str]:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "bench.settings_bench", "VAR_DIR": str(folder)}
    env.pop("DATABASE_URL", None)
    return env


def _run(command: list[str], folder: Path) -> tuple[float, float, float, str]:
    """Seconds, CPU seconds, peak resident megabytes and output of one command, in its own
    process (CPU time says how much of the wall time was the machine's other work)."""
    started = time.perf_counter()
    process = subprocess.Popen(
        command,
        cwd=ROOT,
        env=_env(folder),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    output = process.stdout.read()  # type: ignore[union-attr]
    _pid, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"{' '.join(command)} failed:\n{output}")
    return seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, output


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=100_000, help="generated directory")
    parser.add_argument(
        "--reuse-export", action="store_true", help="import the files of an earlier export"
    )
    parser.add_argument("--prepare", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.prepare:
        _prepare_database(args.prepare, args.size)
        return
    if not database(args.size).exists():
        sys.exit(f"No {database(args.size)}: run python -m bench.generate --size {args.size}")
    python, manage = sys.executable, str(ROOT / "manage.py")
    export = var_dir(args.size).with_name(f"bench-{args.size}-hsds")
    target = var_dir(args.size).with_name(f"bench-import-{args.size}")
    reuse = args.reuse_export and export.exists()
    for folder in (target,) if reuse else (export, target):
        if folder.exists():
            shutil.rmtree(folder)
    target.mkdir(parents=True)

    print(f"HSDS round trip of {args.size:,} services at locations")
    print(f"  load average before: {_load()}")
    if not reuse:
        seconds, cpu, megabytes, _output = _run(
            [
                python,
                manage,
                "export_hsds",
                "--programme",
                PROGRAMME,
                str(export),
                "--include-confidential",
            ],
            var_dir(args.size),
        )
        print(f"  export_hsds:  {seconds:6.1f} s ({cpu:.1f} s CPU), peak {megabytes:5.0f} MB")
    files = sum(1 for _ in export.glob("*.csv"))
    size = sum(path.stat().st_size for path in export.iterdir()) / 1e6
    print(f"  files: {files} CSV files, {size:.0f} MB{' (an earlier export)' if reuse else ''}")
    _run([python, "-m", "bench.import", "--size", str(args.size), "--prepare", str(target)], target)
    seconds, cpu, megabytes, output = _run(
        [python, manage, "import_hsds", str(export), "--programme", PROGRAMME], target
    )
    print(
        f"  import_hsds:  {seconds:6.1f} s ({cpu:.1f} s CPU), peak {megabytes:5.0f} MB"
        "  into a fresh database"
    )
    print(f"  load average after: {_load()}")
    met = seconds <= TARGET_SECONDS and megabytes <= TARGET_MB
    print(
        f"  targets (≤ {TARGET_SECONDS} s, ≤ {TARGET_MB} MB): {'met' if met else 'MISSED'}"
        f"  [{'ok' if seconds <= TARGET_SECONDS else 'too slow'}, "
        f"{'ok' if megabytes <= TARGET_MB else 'too much memory'}]"
    )
    print("  import_hsds said:")
    for line in output.strip().splitlines():
        print(f"    {line}")


def _load() -> str:
    """The machine's load average over 1, 5 and 15 minutes (it has 2 cores shared with others)."""
    return ", ".join(f"{load:.2f}" for load in os.getloadavg())


def _prepare_database(folder: Path, size: int) -> None:
    os.environ["VAR_DIR"] = str(folder)
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings_bench"
    os.environ.pop("DATABASE_URL", None)
    import django

    django.setup()
    from django.db import transaction

    from bench.generate import _fresh_database, _programme_and_areas

    _fresh_database()
    with transaction.atomic():
        # The same programme and communities as the generated directory (same seed).
        _programme_and_areas(random.Random(size))  # noqa: S311  (reproducible data)


if __name__ == "__main__":
    main()
