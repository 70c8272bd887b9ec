"""Faults an operator meets (issue 21): ``kill -9`` mid-ingest, concurrent writers on
SQLite and PostgreSQL, a database server stopped mid-ingest.

Every run is a real ``newsledger ingest`` process on PolNeAR texts. A killed run is made
to kill itself with SIGKILL at a chosen moment (while annotating, in the middle of a
store transaction, in the middle of linking, between two committed batches), so the
moment is exact rather than a race; the ledger must then pass ``PRAGMA
integrity_check``, hold whole batches only, and a re-run must store each article once:
the final export equals that of an uninterrupted ingest, record for record.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests import pg_support
from tests.conftest import ROOT
from tests.test_engine_dask import polnear_rows, write_jsonl

pytestmark = pytest.mark.faults

#: Articles per write transaction in these runs, so one run has several batches.
BATCH = 2
CONFIG = f"[limits]\nwrite_batch = {BATCH}\n"

#: Kills its own process with SIGKILL (what ``kill -9`` sends) at one moment of an ingest,
#: then runs the CLI: ``python -c KILLER MOMENT ingest …``.
KILLER = textwrap.dedent(
    """
    import os, signal, sys
    import newsledger.link.stories as stories
    import newsledger.workflow as workflow
    from newsledger.pipeline import Pipeline
    from newsledger.store.ledger import Ledger
    from newsledger.cli import main

    moment, calls = sys.argv[1], {}

    def die_at(owner, name, nth):
        original = getattr(owner, name)
        def wrapped(*args, **kwargs):
            calls[name] = calls.get(name, 0) + 1
            if calls[name] == nth:
                os.kill(os.getpid(), signal.SIGKILL)
            return original(*args, **kwargs)
        setattr(owner, name, wrapped)

    if moment == "annotating":
        die_at(Pipeline, "annotate_parsed", 2)
    elif moment == "storing":      # the second article of the second batch's transaction
        die_at(Ledger, "_insert_document", BATCH + 2)
    elif moment == "linking":      # inside the second batch's link step
        die_at(stories, "assign_article", BATCH + 1)
    elif moment == "between":      # the first batch committed, the second not begun
        die_at(workflow, "_store", 2)
    main(sys.argv[2:])
    """
).replace("BATCH", str(BATCH))


def cli(*args: str, env: dict[str, str] | None = None, code: str | None = None) -> subprocess.Popen:
    command = [sys.executable, "-c", code or "from newsledger.cli import main; main()", *args]
    return subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def finished(proc: subprocess.Popen, timeout: float = 600) -> tuple[int, str]:
    out, err = proc.communicate(timeout=timeout)
    return proc.returncode, out + err


def env_with(config: Path) -> dict[str, str]:
    return {**os.environ, "NEWSLEDGER_CONFIG": str(config)}


def exported_json(db: str, out: Path) -> dict[str, list[str]]:
    code, output = finished(cli("export", "--db", db, "-o", str(out)))
    assert code == 0, output
    data = json.loads(out.read_text(encoding="utf-8"))
    return {k: sorted(json.dumps(r, sort_keys=True) for r in v) for k, v in data.items() if isinstance(v, list)}


def records_by_article(export: dict[str, list[str]]) -> dict[str, list[str]]:
    """Each article's own records (not the links, which depend on the order of arrival)."""
    own: dict[str, list[str]] = {}
    for name in ("articles", "mentions", "quotes", "times", "events", "stances", "commitments"):
        for row in export.get(name, []):
            record = json.loads(row)
            own.setdefault(record.get("article_id") or record["id"], []).append(f"{name}:{row}")
    return {k: sorted(v) for k, v in own.items()}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> tuple[Path, Path]:
    """Six PolNeAR texts as JSONL, and the settings file giving batches of two."""
    folder = tmp_path_factory.mktemp("faults")
    config = folder / "settings.toml"
    config.write_text(CONFIG, encoding="utf-8")
    return write_jsonl(folder / "polnear.jsonl", polnear_rows(6)), config


@pytest.fixture(scope="module")
def clean(corpus, tmp_path_factory) -> dict[str, list[str]]:
    """The export of an ingest nobody interrupted."""
    source, config = corpus
    db = tmp_path_factory.mktemp("clean") / "clean.db"
    code, output = finished(cli("ingest", str(source), "--db", str(db), "-q", env=env_with(config)))
    assert code == 0, output
    return exported_json(str(db), db.with_suffix(".json"))


# -- kill -9 ------------------------------------------------------------------------------


@pytest.mark.parametrize(("moment", "whole"), [("annotating", 0), ("storing", BATCH), ("linking", BATCH),
                                               ("between", BATCH)])
def test_kill_9_leaves_a_sound_ledger_and_a_rerun_stores_each_article_once(corpus, clean, tmp_path, moment, whole):
    source, config = corpus
    db = tmp_path / "ledger.db"
    code, output = finished(cli(moment, "ingest", str(source), "--db", str(db), "-q", env=env_with(config), code=KILLER))
    assert code == -signal.SIGKILL, output
    if db.exists():
        with sqlite3.connect(db) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
            stored = conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
            linked = conn.execute("SELECT COUNT(DISTINCT article_id) FROM story_articles").fetchone()[0]
        assert stored == linked == whole  # whole batches only, each stored with its links
    code, output = finished(cli("ingest", str(source), "--db", str(db), env=env_with(config)))
    assert code == 0, output
    assert f"{6 - whole} new, {whole} duplicate" in output
    assert exported_json(str(db), tmp_path / "after.json") == clean


# -- concurrent writers --------------------------------------------------------------------


def _sets(n: int, size: int) -> list[list[dict]]:
    rows = polnear_rows(n * size)
    return [rows[i * size : (i + 1) * size] for i in range(n)]


def _four_ingests(db: str, folder: Path, config: Path, hold: float = 0.0) -> tuple[list[tuple[int, str]], int]:
    """Four ingest processes of different PolNeAR sets into ``db`` at once (on SQLite,
    another connection holds the write lock for ``hold`` seconds first, longer than the
    old 5 s busy timeout: a writer must wait its turn, not fail)."""
    sets = _sets(4, 3)
    paths = [write_jsonl(folder / f"set{i}.jsonl", rows) for i, rows in enumerate(sets)]
    holder = None
    if hold:
        holder = sqlite3.connect(db, isolation_level=None)
        holder.execute("BEGIN IMMEDIATE")
    started = time.monotonic()
    procs = [cli("ingest", str(p), "--db", db, "-q", env=env_with(config)) for p in paths]
    if holder is not None:
        time.sleep(max(0.0, hold - (time.monotonic() - started)))
        holder.execute("COMMIT")
        holder.close()
    return [finished(p) for p in procs], sum(len(s) for s in sets)


def _each_article_once(export: dict[str, list[str]], expected: int) -> None:
    ids = [json.loads(a)["id"] for a in export["articles"]]
    assert len(ids) == len(set(ids)) == expected
    for name in ("quotes", "mentions"):
        keys = [json.loads(r)["id"] for r in export[name]]
        assert len(keys) == len(set(keys)), name


def test_four_concurrent_sqlite_ingests_all_land(corpus, tmp_path):
    _, config = corpus
    db = tmp_path / "shared.db"
    code, output = finished(cli("ingest", str(ROOT / "tests" / "fixtures" / "reliability" / "search.txt"),
                                "--db", str(db), "-q", env=env_with(config)))
    assert code == 0, output
    results, total = _four_ingests(str(db), tmp_path, config, hold=20.0)
    for code, output in results:
        assert code == 0, output
    export = exported_json(str(db), tmp_path / "shared.json")
    _each_article_once(export, total + 1)
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("SELECT COUNT(DISTINCT article_id) FROM story_articles").fetchone()[0] == total + 1


# -- PostgreSQL ----------------------------------------------------------------------------


@contextmanager
def pg_server() -> Iterator[tuple[str, Path, list[str], Path]]:
    """A throwaway server this test may stop and start: (admin URL, data folder, the
    command prefix to run its binaries, bin folder)."""
    bindir = pg_support._pg_bin()
    if bindir is None or os.environ.get(pg_support.ENV):
        reason = "no PostgreSQL binaries" if bindir is None else f"${pg_support.ENV} names a server this test may not stop"
        if os.environ.get(pg_support.REQUIRED) and bindir is None:
            pytest.fail(reason)
        pytest.skip(reason)
    folder = Path(tempfile.mkdtemp(prefix="newsledger-pg-faults-"))
    user = pg_support._as_user()
    if user:
        shutil.chown(folder, "postgres")
    data, port = folder / "data", pg_support._free_port()
    options = f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off"
    run = lambda *args: subprocess.run([*user, *args], check=True, capture_output=True, text=True)
    run(str(bindir / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres", "-E", "UTF8")
    start = lambda: run(str(bindir / "pg_ctl"), "-D", str(data), "-w", "-l", str(folder / "log"), "-o", options, "start")
    start()
    try:
        yield f"postgresql://postgres@127.0.0.1:{port}/postgres", data, user, bindir
    finally:
        subprocess.run([*user, str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"], check=False,
                       capture_output=True)
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="module")
def pg():
    pytest.importorskip("psycopg")
    with pg_server() as server:
        yield server


def test_four_concurrent_postgres_ingests_all_land(corpus, pg, tmp_path):
    _, config = corpus
    url = pg_support.fresh_database(pg[0])
    results, total = _four_ingests(url, tmp_path, config)
    for code, output in results:
        assert code == 0, output
    export = exported_json(url, tmp_path / "pg.json")
    _each_article_once(export, total)
    lite = tmp_path / "lite.db"
    code, output = finished(cli("ingest", *(str(tmp_path / f"set{i}.jsonl") for i in range(4)), "--db", str(lite),
                                "-q", env=env_with(config)))
    assert code == 0, output
    # Each article's own records equal those of the same articles ingested one after another in SQLite.
    assert records_by_article(export) == records_by_article(exported_json(str(lite), tmp_path / "lite.json"))


def test_stopping_postgres_mid_ingest_leaves_a_consistent_ledger(corpus, clean, pg, tmp_path):
    import psycopg

    source, config = corpus
    admin, data, user, bindir = pg
    url = pg_support.fresh_database(admin)
    one = tmp_path / "one.toml"
    one.write_text("[limits]\nwrite_batch = 1\n", encoding="utf-8")
    proc = cli("ingest", str(source), "--db", url, env=env_with(one))
    deadline = time.monotonic() + 300
    stored = 0
    while stored < 2 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
        try:
            with psycopg.connect(url, autocommit=True) as conn:
                stored = conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
        except psycopg.Error:
            pass  # the schema is not there yet
    assert proc.poll() is None, "the ingest ended before the server could be stopped"
    subprocess.run([*user, str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"], check=True,
                   capture_output=True)
    code, output = finished(proc)
    subprocess.run([*user, str(bindir / "pg_ctl"), "-D", str(data), "-w", "-l", str(data.parent / "log"), "-o",
                    f"-p {url.split(':')[2].split('/')[0]} -k {data.parent} -c listen_addresses=127.0.0.1 -c fsync=off",
                    "start"], check=True, capture_output=True)
    assert code == 1 and "Traceback" not in output, output
    errors = [line for line in output.splitlines() if line.startswith("Error:")]
    assert len(errors) == 1 and "stored before it" in errors[0], output
    partial = records_by_article(exported_json(url, tmp_path / "partial.json"))
    whole = records_by_article(clean)
    assert 2 <= len(partial) < 6
    for article_id, records in partial.items():  # every stored article whole, with its records
        assert records == whole[article_id]
    with psycopg.connect(url, autocommit=True) as conn:
        linked = conn.execute("SELECT COUNT(DISTINCT article_id) FROM story_articles").fetchone()[0]
    assert linked == len(partial)
    code, output = finished(cli("ingest", str(source), "--db", url, env=env_with(one)))
    assert code == 0 and f"{6 - len(partial)} new, {len(partial)} duplicate" in output, output
    assert records_by_article(exported_json(url, tmp_path / "after.json")) == whole
