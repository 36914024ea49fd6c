"""Run a command against a throwaway PostgreSQL cluster, then remove the cluster.

    python scripts/with_postgres.py -- pytest -q

Creates a cluster with initdb in a temporary directory, starts it on a Unix socket only (no TCP
port to collide with), exports DATABASE_URL for the command, and stops and deletes it afterwards,
whatever the command's outcome. initdb refuses to run as root, so as root the server runs as the
``postgres`` system user that Debian's package creates.

Exit status: the command's; 3 when PostgreSQL server binaries are missing.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import subprocess
import sys
import tempfile
import urllib.parse
from pathlib import Path

MISSING = 3


def find_bin(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), reverse=True)
    return candidates[0] if candidates else None


def main(argv: list[str]) -> int:
    if "--" in argv:
        argv = argv[argv.index("--") + 1 :]
    if not argv:
        print("usage: with_postgres.py -- COMMAND [ARGS…]", file=sys.stderr)
        return 2
    initdb, pg_ctl = find_bin("initdb"), find_bin("pg_ctl")
    if not (initdb and pg_ctl):
        print("PostgreSQL server binaries (initdb, pg_ctl) not found.", file=sys.stderr)
        return MISSING

    as_root = os.geteuid() == 0
    run_as: list[str] = []
    root_dir = tempfile.mkdtemp(prefix="hub-pg-")
    if as_root:
        try:
            pg_user = pwd.getpwnam("postgres")
        except KeyError:
            print(
                "Running as root needs the 'postgres' system user (apt-get install postgresql).",
                file=sys.stderr,
            )
            return MISSING
        os.chown(root_dir, pg_user.pw_uid, pg_user.pw_gid)
        run_as = ["runuser", "-u", "postgres", "--"]
    data_dir = Path(root_dir) / "data"
    socket_dir = Path(root_dir)
    log = Path(root_dir) / "server.log"
    try:
        subprocess.run(
            [
                *run_as,
                initdb,
                "-D",
                str(data_dir),
                "-U",
                "hub",
                "--auth=trust",
                "-E",
                "UTF8",
                "--locale=C.UTF-8",
                "--no-sync",
            ],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        options = (
            f"-c listen_addresses='' -c unix_socket_directories={socket_dir} -c fsync=off "
            "-c synchronous_commit=off -c full_page_writes=off -c max_connections=50"
        )
        subprocess.run(
            [*run_as, pg_ctl, "-D", str(data_dir), "-l", str(log), "-o", options, "-w", "start"],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        env = dict(os.environ)
        host = urllib.parse.quote(str(socket_dir), safe="")
        env["DATABASE_URL"] = f"postgres://hub@{host}/postgres"
        return subprocess.call(argv, env=env)
    except subprocess.CalledProcessError as error:
        print(f"Could not start PostgreSQL: {error}", file=sys.stderr)
        if log.exists():
            print(log.read_text(), file=sys.stderr)
        return 1
    finally:
        subprocess.run(
            [*run_as, pg_ctl, "-D", str(data_dir), "-m", "immediate", "-w", "stop"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            check=False,
        )
        shutil.rmtree(root_dir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
