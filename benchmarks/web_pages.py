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
import shutil
import statistics
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build")
    b.add_argument("folder", type=Path)
    b.add_argument("--source", type=int, default=100)
    r = sub.add_parser("run")
    r.add_argument("folder", type=Path)
    r.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    if args.command == "build":
        build(args.folder, args.source)
    else:
        run(args.folder, args.repeat)


if __name__ == "__main__":
    main()
