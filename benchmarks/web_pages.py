"""Pages, API routes and listing commands at 1,000 and 10,000 articles (issue 18).

    python benchmarks/web_pages.py build DIR [--source 100]     # DIR/ledger1000.db, DIR/ledger10000.db
    python benchmarks/web_pages.py run DIR [--repeat 3]         # the table below

**The ledgers.** Annotating 10,000 articles takes hours on this 2-core machine, so the
ledgers are synthesised from real annotations, as ``benchmarks/incremental.py`` does:
``--source`` PolNeAR train texts are annotated by the full pipeline
(``benchmarks/polnear_corpus.py``), then replicated with light perturbation
(``incremental.copy_document``: new ids, publication dates moved by 37 days per copy,
a third of the words outside every span scrambled) up to 1,000 and 10,000 articles,
linked per chunk of 500 (``link.update``), so both ledgers hold real records at real
densities and real links.

**What is measured.** Every page and API route through Starlette's TestClient
(in-process: the app's own cost, one ``Ledger.open`` per request) and every listing
command through click's CliRunner (in-process, after the imports): the median of
``--repeat`` runs and the response size at both sizes, and their ratio. Start-up is
measured in fresh processes: ``python -c "import newsledger"``, ``newsledger
--version`` and ``newsledger quotes --limit 5`` (its wall time, start-up included).
Export peak memory (``tracemalloc`` peak of ``export --format jsonl`` to a file) at both
sizes. Targets: every page and query under 1 s at 10,000 articles and at most 2× its
time at 1,000; start-up under 0.5 s; export memory flat.
"""

from __future__ import annotations

import argparse
import os
import random
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

SIZES = (1_000, 10_000)


def build(folder: Path, source_count: int) -> None:
    """The source ledger (annotated), then the 1k and 10k replicas."""
    import incremental

    folder.mkdir(parents=True, exist_ok=True)
    source = folder / f"source{source_count}.db"
    if not source.exists():
        subprocess.run([sys.executable, str(ROOT / "benchmarks" / "polnear_corpus.py"), str(source),
                        "--limit", str(source_count)], check=True)
    documents = incremental.load_documents(str(source))
    for size in SIZES:
        target = folder / f"ledger{size}.db"
        if target.exists():
            continue
        partial = target.with_suffix(".partial")
        partial.unlink(missing_ok=True)
        began = time.perf_counter()
        incremental.build(partial, documents, size, random.Random(18))
        partial.rename(target)
        print(f"built {target} in {time.perf_counter() - began:.0f} s", flush=True)


def _ids(db: Path) -> dict[str, str]:
    """Ids the routes need, read with plain SQL (so the old code can be measured too)."""
    conn = sqlite3.connect(db)
    one = lambda sql: conn.execute(sql).fetchone()[0]  # noqa: E731
    ids = {
        "article": one("SELECT article_id FROM quotes GROUP BY article_id ORDER BY COUNT(*) DESC LIMIT 1"),
        "entity": one("SELECT e.id FROM entities e JOIN quotes q ON q.speaker_id = e.id "
                      "GROUP BY e.id ORDER BY COUNT(*) DESC LIMIT 1"),
        "story": one("SELECT story_id FROM story_articles GROUP BY story_id ORDER BY COUNT(*) DESC LIMIT 1"),
        "outlet": one("SELECT outlet FROM articles WHERE outlet IS NOT NULL LIMIT 1"),
    }
    conn.close()
    return ids


#: Every page and API route; ``{article}`` is the article with most quotes, ``{entity}``
#: the most quoted speaker, ``{story}`` the largest story, ``{outlet}`` an outlet (each
#: read from the ledger measured, so the 1k and 10k rows name the same kind of thing).
ROUTES = (
    "/", "/articles/{article}", "/quotes?q=president", "/quotes?speaker=trump", "/stances",
    "/stances?holder=trump", "/timeline", "/timeline?story={story}", "/timeline?layer=time&layer=stance",
    "/entities", "/entities/{entity}", "/stories", "/stories/{story}", "/docs",
    "/api", "/api/articles?outlet={outlet}", "/api/articles/{article}", "/api/quotes?speaker=trump",
    "/api/quotes?q=president", "/api/times", "/api/events", "/api/stances", "/api/commitments", "/api/mentions",
    "/api/entities", "/api/entities/{entity}", "/api/stories", "/api/stories/{story}", "/api/timeline",
)


def routes(db: Path) -> list[tuple[str, str]]:
    """(route as named in the table, the path requested)."""
    ids = {k: quote(v, safe="") for k, v in _ids(db).items()}
    return [(route, route.format(**ids)) for route in ROUTES]


#: Listing commands (the new options where the old code lacks them are measured as n/a).
COMMANDS = (
    ("quotes", "--limit", "50"), ("quotes", "--speaker", "Trump", "--limit", "50"),
    ("quotes", "--search", "president", "--limit", "50"), ("quotes", "--format", "json", "--limit", "50"),
    ("events", "--limit", "50"), ("stances", "--limit", "50"), ("commitments", "--limit", "50"),
    ("stories", "--limit", "30"), ("timeline", "--limit", "50"), ("entities", "--limit", "30"),
    ("summary",),
)


def _median(fn: Callable[[], int], repeat: int) -> tuple[float, int]:
    times, size = [], 0
    for _ in range(repeat):
        began = time.perf_counter()
        size = fn()
        times.append(time.perf_counter() - began)
    return statistics.median(times), size


def measure_routes(db: Path, repeat: int, match: str | None = None) -> dict[str, tuple[float, int] | None]:
    from fastapi.testclient import TestClient

    from newsledger.web import create_app

    found: dict[str, tuple[float, int] | None] = {}
    with TestClient(create_app(db)) as client:
        client.get("/timeline")  # warm: first-use imports (sklearn's stop words for overdue)
        for route, path in routes(db):
            if match and match not in route:
                continue
            def get(path: str = path) -> int:
                response = client.get(path)
                if response.status_code != 200:
                    raise RuntimeError(f"{path}: {response.status_code}")
                return len(response.content)
            try:
                found[route] = _median(get, repeat)
            except RuntimeError as err:
                print(f"  {err}", flush=True)
                found[route] = None
    return found


def measure_commands(db: Path, repeat: int) -> dict[str, tuple[float, int] | None]:
    from click.testing import CliRunner

    from newsledger.cli import main as cli

    found: dict[str, tuple[float, int] | None] = {}
    runner = CliRunner(env={"COLUMNS": "160"})
    for args in COMMANDS:
        def run_once(args: tuple[str, ...] = args) -> int:
            result = runner.invoke(cli, [*args, "--db", str(db)])
            if result.exit_code != 0:
                raise RuntimeError(result.output.strip().splitlines()[-1] if result.output.strip() else "failed")
            return len(result.output.encode())
        key = " ".join(args)
        try:
            found[key] = _median(run_once, repeat)
        except RuntimeError as err:
            if "No such option" not in str(err):
                raise
            # the code before --limit/--format: the same command as it ran then (all rows)
            bare = _without_new_options(args)
            print(f"  {key}: {err}; measured as `{' '.join(bare)}`", flush=True)
            found[key] = _median(lambda: run_once(bare), repeat)
    return found


def _without_new_options(args: tuple[str, ...]) -> tuple[str, ...]:
    kept, skip = [], False
    for arg in args:
        if skip:
            skip = False
        elif arg in ("--limit", "--format"):
            skip = True
        else:
            kept.append(arg)
    return tuple(kept)


def export_peak(db: Path, folder: Path) -> tuple[float, float]:
    """(seconds, peak MiB traced) of ``export --format jsonl`` of the ledger to a file."""
    from newsledger.export import export_ledger
    from newsledger.link import Ledger

    out = folder / "export.jsonl"
    tracemalloc.start()
    began = time.perf_counter()
    with Ledger.open(db) as ledger, out.open("w", encoding="utf-8") as handle:
        export_ledger(ledger, "jsonl", handle)
    seconds = time.perf_counter() - began
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    out.unlink()
    return seconds, peak


def startup(db: Path, repeat: int = 5) -> dict[str, float]:
    """Median wall seconds of fresh processes."""
    exe = Path(sys.executable).with_name("newsledger")
    runs = {
        'python -c "import newsledger"': [sys.executable, "-c", "import newsledger"],
        "newsledger --version": [str(exe), "--version"],
        "newsledger quotes --limit 5": [str(exe), "quotes", "--limit", "5", "--db", str(db)],
        # what the code before --limit can run: start-up plus a query that finds nothing
        "newsledger quotes --outlet none": [str(exe), "quotes", "--outlet", "no such outlet", "--db", str(db)],
    }
    found = {}
    for name, argv in runs.items():
        times = []
        for _ in range(repeat):
            began = time.perf_counter()
            done = subprocess.run(argv, check=False, capture_output=True, env={**os.environ, "COLUMNS": "120"})
            times.append(time.perf_counter() - began)
        found[name] = statistics.median(times) if done.returncode == 0 else float("nan")
    return found


def _fmt(value: tuple[float, int] | None) -> tuple[str, str]:
    if value is None:
        return "n/a", "n/a"
    return f"{value[0] * 1000:.0f}", f"{value[1] / 1024:.0f}"


def run(folder: Path, repeat: int, only: str = "all", match: str | None = None) -> None:
    small, large = (folder / f"ledger{n}.db" for n in SIZES)
    if only in ("all", "startup"):
        print(f"startup (median of 5 fresh processes, {large.name}):")
        for name, seconds in startup(large).items():
            print(f"  {name:32} {seconds:.2f} s")
    results = {}
    for db in (small, large):
        print(f"measuring {db.name} …", flush=True)
        results[db] = {**(measure_routes(db, repeat, match) if only in ("all", "routes") else {}),
                       **(measure_commands(db, repeat) if only in ("all", "commands") else {})}
    print(f"\n| page, route or command | ms at 1k | KiB at 1k | ms at 10k | KiB at 10k | time 10k/1k |")
    print("|---|---:|---:|---:|---:|---:|")
    for key in results[small]:
        a, b = results[small][key], results[large].get(key)
        ratio = f"{b[0] / a[0]:.2f}" if a and b and a[0] > 0 else "n/a"
        print(f"| `{key}` | {' | '.join(_fmt(a))} | {' | '.join(_fmt(b))} | {ratio} |")
    if only not in ("all", "export"):
        return
    with tempfile.TemporaryDirectory() as tmp:
        for db in (small, large):
            seconds, peak = export_peak(db, Path(tmp))
            print(f"export --format jsonl of {db.name}: {seconds:.1f} s, peak traced memory {peak:.1f} MiB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build")
    b.add_argument("folder", type=Path)
    b.add_argument("--source", type=int, default=100)
    r = sub.add_parser("run")
    r.add_argument("folder", type=Path)
    r.add_argument("--repeat", type=int, default=3)
    r.add_argument("--only", choices=("all", "startup", "routes", "commands", "export"), default="all")
    r.add_argument("--match", help="only the routes containing this")
    args = parser.parse_args()
    if args.command == "build":
        build(args.folder, args.source)
    else:
        run(args.folder, args.repeat, args.only, args.match)


if __name__ == "__main__":
    main()
