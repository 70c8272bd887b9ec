"""Page and API response times of the web app (newsledger.web) on a ledger.

    python benchmarks/web_pages.py [--db LEDGER] [--repeat 20]

Without --db, the reference article is ingested into a temporary ledger first. Prints
the median and worst milliseconds per route, through Starlette's TestClient (in-process:
no network, so the figures are the app's own cost, including one Ledger.open per request).
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from click.testing import CliRunner
from fastapi.testclient import TestClient

from newsledger.cli import main
from newsledger.link import Ledger
from newsledger.web import create_app

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = ROOT / "examples" / "corpus" / "sky-2025-08-19-us-air-support.txt"


def reference_db(folder: Path) -> Path:
    db = folder / "reference.db"
    result = CliRunner().invoke(main, ["ingest", str(REFERENCE), "--published", "2025-08-19",
                                       "--outlet", "Sky News", "--db", str(db), "-q"])
    if result.exit_code != 0:
        raise SystemExit(result.output)
    return db


def routes(db: Path) -> list[str]:
    with Ledger.open(db) as ledger:
        article = ledger.articles()[0].id
        entity = ledger.entities()[0].id
    return ["/", f"/articles/{article}", "/quotes?q=air+support", "/quotes?speaker=trump", "/stances",
            "/timeline", f"/entities/{entity}", "/stories", "/api/export", f"/api/articles/{article}",
            "/api/quotes?speaker=trump", "/api/timeline"]


def measure(client: TestClient, path: str, repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        response = client.get(path)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (path, response.status_code)
    return times


def main_() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or reference_db(Path(tmp))
        with TestClient(create_app(db)) as client:
            print(f"{'route':40} {'median ms':>10} {'max ms':>8}")
            for path in routes(db):
                times = measure(client, path, args.repeat)
                print(f"{path[:40]:40} {statistics.median(times):10.1f} {max(times):8.1f}")


if __name__ == "__main__":
    main_()
