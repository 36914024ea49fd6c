"""Run the whole suite: SQLite, then PostgreSQL, then the browser tests, and say what did not run.

Without PostgreSQL server binaries or Chromium the missing part is skipped and reported at the
end; with HUB_REQUIRE_ALL=1 (set by .ci/run) a missing part fails the run instead.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
NO_TESTS = 5  # pytest's exit status when it collected nothing

sys.path.insert(0, str(ROOT / "scripts"))
from with_postgres import find_bin  # noqa: E402

TOTALS = {"passed": 0, "failed": 0, "skipped": 0}


def pytest(args: list[str], env: dict[str, str], wrap: list[str] | None = None) -> int:
    with tempfile.TemporaryDirectory() as scratch:
        report = Path(scratch) / "report.xml"
        command = [*(wrap or []), PY, "-m", "pytest", *args, f"--junitxml={report}"]
        print(f"\n$ {' '.join(command)}", flush=True)
        code = subprocess.call(command, cwd=ROOT, env=env)
        if report.exists():
            # Our own pytest wrote this report a moment ago: trusted input.
            suite = ET.parse(report).getroot().find("testsuite")  # noqa: S314
            if suite is not None:
                tests, skipped = int(suite.get("tests", 0)), int(suite.get("skipped", 0))
                failed = int(suite.get("failures", 0)) + int(suite.get("errors", 0))
                TOTALS["passed"] += tests - skipped - failed
                TOTALS["failed"] += failed
                TOTALS["skipped"] += skipped
    return code


def outcome(code: int) -> str:
    return "passed" if code == 0 else f"FAILED (exit {code})"


def main() -> int:
    require_all = os.environ.get("HUB_REQUIRE_ALL") == "1"
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    results: list[tuple[str, str]] = []
    missing: list[str] = []
    codes: list[int] = []

    code = pytest(["-q", "-m", "not browser"], env)
    results.append(("SQLite suite", outcome(code)))
    codes.append(code)

    if find_bin("initdb") and find_bin("pg_ctl"):
        wrap = [PY, str(ROOT / "scripts" / "with_postgres.py"), "--"]
        code = pytest(["-q", "-m", "not browser"], env, wrap)
        results.append(("PostgreSQL suite", outcome(code)))
        codes.append(code)
    else:
        results.append(("PostgreSQL suite", "NOT RUN"))
        missing.append("PostgreSQL server binaries (initdb, pg_ctl): apt-get install postgresql")

    if os.access(CHROMIUM, os.X_OK) or shutil.which(CHROMIUM):
        code = pytest(["-q", "-m", "browser"], {**env, "CHROMIUM": CHROMIUM})
        code = 1 if code == NO_TESTS else code  # a browser run that finds no test is a defect
        results.append(("Browser tests (Chromium + axe-core)", outcome(code)))
        codes.append(code)
    else:
        results.append(("Browser tests (Chromium + axe-core)", "NOT RUN"))
        missing.append(f"Chromium at {CHROMIUM}: apt-get install chromium (or set CHROMIUM=path)")

    print("\n==== Summary ====")
    for name, result in results:
        print(f"  {name:<40} {result}")
    failed = any(codes)
    if missing:
        print("\nNot run, because this machine lacks:")
        for item in missing:
            print(f"  - {item}")
        if require_all:
            print("HUB_REQUIRE_ALL=1: every part must run, so this run fails.")
            print(f"\n{TOTALS['passed']} passed, {TOTALS['failed']} failed")
            return 1
        print("Only the parts above ran; install what is missing to run everything (CI does).")
    print(f"\n{TOTALS['passed']} passed, {TOTALS['failed']} failed, {TOTALS['skipped']} skipped")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
