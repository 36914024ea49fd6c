"""Requests per second of the search page served by gunicorn, against a bare page of the same app.

    .venv/bin/python -m bench.serve                    # 100,000 services, 20 s per page
    .venv/bin/python -m bench.serve --size 10000 --seconds 10

Starts gunicorn with 2 workers on 127.0.0.1 (a free port) serving the hub on the generated
directory, with ``bench.settings_bench``: the product's URLs plus ``/bench/bare/``, a page that
runs through the same middleware and returns a constant. Drives the bare page, then the search
page (the mix of ``bench.search.QUERIES``, in turn), each for a fixed time after a short warm-up,
with ``wrk`` when it is installed (apt-get install wrk) or else a small thread-pool client; both
stop by themselves. Prints requests per second of each and their ratio (target ≥ 0.3), then stops
gunicorn. The anonymous page cache (directory/page_cache.py) is on, as in production, so after the
first answer of each query in each worker the search page is a cached page; ``--no-page-cache``
measures every request afresh. Run ``bench.generate`` first.
"""

from __future__ import annotations

import argparse
import http.client
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from bench.common import ROOT, database, setup, var_dir

TARGET_RATIO = 0.3
WORKERS = 2
CONNECTIONS = 8


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _start(size: int, port: int) -> subprocess.Popen:  # type: ignore[type-arg]
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings_bench",
        "VAR_DIR": str(var_dir(size)),
    }
    env.pop("DATABASE_URL", None)
    command = [str(Path(sys.executable).with_name("gunicorn")), "config.wsgi:application"]
    command += ["--bind", f"127.0.0.1:{port}", "--workers", str(WORKERS), "--log-level", "warning"]
    server = subprocess.Popen(command, cwd=ROOT, env=env)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            status, _body = _get(port, "/bench/bare/")
            if status == 200:
                return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    sys.exit("gunicorn did not answer within 60 s")


def _get(port: int, path: str) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def _wrk(port: int, paths: list[str], seconds: int) -> dict[str, float]:
    """Requests per second and latency from wrk, rotating through ``paths``."""
    script = "local paths = {" + ", ".join(f'"{path}"' for path in paths) + "}\n"
    script += (
        "local i = 0\n"
        "request = function()\n"
        "  i = i % #paths + 1\n"
        '  return wrk.format("GET", paths[i])\n'
        "end\n"
    )
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as handle:
        handle.write(script)
    try:
        command = ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{seconds}s", "--latency"]
        command += ["-s", handle.name, f"http://127.0.0.1:{port}/"]
        done = subprocess.run(
            command,
            check=True,
            capture_output=True,
            text=True,
        )
    finally:
        os.unlink(handle.name)
    output = done.stdout
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    if errors:
        sys.exit(f"{errors.group(1)} responses were errors:\n{output}")
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))  # type: ignore[union-attr]
    latency = dict(re.findall(r"^\s+(50|99)%\s+([\d.]+\w+)", output, re.MULTILINE))
    return {"rps": rate, "p50": latency.get("50", "?"), "p99": latency.get("99", "?")}  # type: ignore[dict-item]


def _threads(port: int, paths: list[str], seconds: int) -> dict[str, float]:
    """The same with Python threads: at most ``seconds`` and 100,000 requests."""
    deadline = time.monotonic() + seconds
    counts, failures, lock = [0], [0], threading.Lock()

    def client(offset: int) -> None:
        index = offset
        while time.monotonic() < deadline and counts[0] < 100_000:
            status, _body = _get(port, paths[index % len(paths)])
            index += 1
            with lock:
                counts[0] += 1
                failures[0] += status != 200

    started = time.monotonic()
    workers = [threading.Thread(target=client, args=(n,)) for n in range(CONNECTIONS)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    if failures[0]:
        sys.exit(f"{failures[0]} responses were errors")
    return {"rps": counts[0] / (time.monotonic() - started), "p50": "?", "p99": "?"}  # type: ignore[dict-item]


def _search_paths(size: int) -> list[str]:
    setup(size)
    from bench.search import _urls

    return [url for _label, url, _matches in _urls()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=100_000, help="generated directory to serve")
    parser.add_argument("--seconds", type=int, default=20, help="measured seconds per page")
    parser.add_argument(
        "--no-page-cache",
        action="store_true",
        help="serve every request afresh (the anonymous page cache off), to see the search's own cost",
    )
    args = parser.parse_args()
    if not database(args.size).exists():
        sys.exit(f"No {database(args.size)}: run python -m bench.generate --size {args.size}")
    search_paths = _search_paths(args.size)
    drive = _wrk if shutil.which("wrk") else _threads
    port = _free_port()
    if args.no_page_cache:
        os.environ["DIRECTORY_PAGE_CACHE_SECONDS"] = "0"
    cache_seconds = int(os.environ.get("DIRECTORY_PAGE_CACHE_SECONDS", "60"))
    server = _start(args.size, port)
    try:
        for path in search_paths:  # every worker answers each query once before timing
            for _worker in range(WORKERS * 2):
                status, _body = _get(port, path)
                if status != 200:
                    sys.exit(f"{path} answered {status}")
        drive(port, ["/bench/bare/"], 3)
        bare = drive(port, ["/bench/bare/"], args.seconds)
        drive(port, search_paths, 3)
        search = drive(port, search_paths, args.seconds)
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
    ratio = search["rps"] / bare["rps"]
    one, five, _fifteen = os.getloadavg()
    print(
        f"gunicorn, {WORKERS} workers, {CONNECTIONS} connections, {args.seconds} s each, "
        f"{args.size:,} services at locations, client: {drive.__name__.strip('_')} "
        f"(load average {one:.1f} / {five:.1f} on {os.cpu_count()} CPUs); "
        + (f"page cache on ({cache_seconds} s)" if cache_seconds > 0 else "page cache off")
    )
    print(f"{'page':<44} {'requests/s':>10} {'p50':>9} {'p99':>9}")
    print(f"{'bare page (same middleware, constant body)':<44} {bare['rps']:>10.1f} "
          f"{bare['p50']:>9} {bare['p99']:>9}")  # fmt: skip
    print(f"{'search page, mix of ' + str(len(search_paths)) + ' queries':<44} "
          f"{search['rps']:>10.1f} {search['p50']:>9} {search['p99']:>9}")  # fmt: skip
    print(
        f"ratio search / bare: {ratio:.3f}  (target ≥ {TARGET_RATIO}: "
        f"{'met' if ratio >= TARGET_RATIO else 'MISSED'})"
    )


if __name__ == "__main__":
    main()
