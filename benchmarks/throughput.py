"""Throughput of the whole pipeline beside bare spaCy, measured in one run.

    python benchmarks/throughput.py [--n 200] [--polnear ../shared/eval/polnear]

Texts: the reference article plus PolNeAR article texts (train then dev), written to a
temporary JSONL file. Three timings over the same texts:

* bare spaCy: ``nlp.pipe(texts)`` with the same batch size;
* the full pipeline: JSONL ingest and cleaning -> parse -> every annotation stage ->
  one SQLite transaction (what ``newsledger ingest`` does);
* each annotation stage alone, on the already parsed documents (its share of parse time).

Prints articles/second and the ratio full/bare (1.0 = no overhead over parsing).
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

from newsledger.ingest import IngestError, read_inputs
from newsledger.pipeline import STAGES, Pipeline
from newsledger.store import Ledger

ROOT = Path(__file__).resolve().parent.parent


def corpus(n: int, polnear: Path) -> list[dict]:
    """The reference article and the first n-1 PolNeAR texts, with their dates."""
    dates = {}
    meta = polnear / "metadata.tsv"
    if meta.exists():
        for line in meta.read_text(encoding="utf-8").splitlines()[1:]:
            cols = line.split("\t")
            dates[cols[1]] = cols[5]
    rows = [{"text": (ROOT / "examples/corpus/sky-2025-08-19-us-air-support.txt").read_text(encoding="utf-8"),
             "published": "2025-08-19", "outlet": "Sky News", "title": "reference"}]
    for split in ("train", "dev"):
        for path in sorted((polnear / split / "text").glob("*.txt")):
            if len(rows) >= n:
                return rows
            rows.append({"text": path.read_text(encoding="utf-8"), "published": dates.get(path.stem),
                         "outlet": path.stem.split("_")[0], "title": path.stem})
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=200, help="number of articles")
    parser.add_argument("--polnear", type=Path, default=ROOT.parent / "shared" / "eval" / "polnear")
    args = parser.parse_args()
    rows = corpus(args.n, args.polnear)
    pipeline = Pipeline.load()
    pipeline.nlp("warm up")
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "corpus.jsonl"
        source.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
        documents = [d for d in read_inputs([str(source)]) if not isinstance(d, IngestError)]
        texts = [d.article.text for d in documents]
        words = sum(len(t.split()) for t in texts)

        start = time.perf_counter()
        parsed = list(pipeline.nlp.pipe(texts, batch_size=pipeline.batch_size))
        bare = time.perf_counter() - start

        start = time.perf_counter()
        with Ledger.open(Path(tmp) / "bench.db") as ledger:
            inputs = (d for d in read_inputs([str(source)]) if not isinstance(d, IngestError))
            result = ledger.add(d for d in pipeline.annotate(inputs) if not hasattr(d, "stage"))
        full = time.perf_counter() - start

        stage_times = {}
        current = [d.evolve(doc=doc) for d, doc in zip(documents, parsed)]
        for name, stage in STAGES:
            start = time.perf_counter()
            current = [stage(d) for d in current]
            stage_times[name] = time.perf_counter() - start

    n = len(texts)
    print(f"articles: {n} ({words} words), stored {len(result.new)}")
    print(f"bare spaCy nlp.pipe : {n / bare:7.2f} articles/s  ({bare:.2f} s)")
    print(f"full pipeline       : {n / full:7.2f} articles/s  ({full:.2f} s)")
    print(f"ratio full / bare   : {bare / full:7.2f}  (throughput; 1.00 = no overhead)")
    for name, seconds in stage_times.items():
        print(f"  stage {name:<12}: {seconds:6.2f} s = {100 * seconds / bare:5.1f} % of parse time")


if __name__ == "__main__":
    main()
