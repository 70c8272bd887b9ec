"""A throwaway PostgreSQL server for the tests, or the one ``$NEWSLEDGER_TEST_PG`` names.

Without ``NEWSLEDGER_TEST_PG`` (a URL such as ``postgresql://postgres@127.0.0.1:5432/postgres``)
the tests run ``initdb`` and ``pg_ctl`` from Debian's ``postgresql`` package
(``/usr/lib/postgresql/<version>/bin``) into a temporary folder, listening on a free
loopback port; as root they run them as the ``postgres`` user (initdb refuses root).
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ENV = "NEWSLEDGER_TEST_PG"
#: Set (to anything) where the tests must not skip for want of a server, as in CI.
REQUIRED = "NEWSLEDGER_TEST_PG_REQUIRED"


def _pg_bin() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _as_user() -> list[str]:
    """``runuser -u postgres --`` when root (initdb refuses root), else nothing."""
    if os.geteuid() != 0:
        return []
    return ["runuser", "-u", "postgres", "--"]


@contextmanager
def server() -> Iterator[str]:
    """The URL of an admin database on a running server; raises ``RuntimeError`` with
    the reason when none can be started."""
    if os.environ.get(ENV):
        yield os.environ[ENV]
        return
    bindir = _pg_bin()
    if bindir is None:
        raise RuntimeError(f"no PostgreSQL binaries (apt-get install postgresql) and ${ENV} unset")
    folder = Path(tempfile.mkdtemp(prefix="newsledger-pg-"))
    user = _as_user()
    if user:
        shutil.chown(folder, "postgres")
    data, port = folder / "data", _free_port()
    run = lambda *args: subprocess.run([*user, *args], check=True, capture_output=True, text=True)
    try:
        run(str(bindir / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres", "-E", "UTF8")
        run(str(bindir / "pg_ctl"), "-D", str(data), "-w", "-l", str(folder / "log"), "-o",
            f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off", "start")
    except (subprocess.CalledProcessError, OSError) as exc:
        shutil.rmtree(folder, ignore_errors=True)
        detail = getattr(exc, "stderr", "") or str(exc)
        raise RuntimeError(f"cannot start PostgreSQL from {bindir}: {detail.strip()}") from exc
    try:
        yield f"postgresql://postgres@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run([*user, str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"], check=False,
                       capture_output=True)
        shutil.rmtree(folder, ignore_errors=True)


def fresh_database(admin_url: str) -> str:
    """Create an empty database on the server of ``admin_url``; returns its URL."""
    import psycopg

    name = f"newsledger_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return admin_url.rsplit("/", 1)[0] + "/" + name
