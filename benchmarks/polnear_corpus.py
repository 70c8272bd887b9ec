#!/usr/bin/env python3
"""Build a ledger of PolNeAR train+dev (924 articles from 7 outlets, 2016) for the
cross-article benchmarks: each text is cleaned, annotated by the full pipeline and
stored with its publisher, date and title from ``metadata.tsv``. No links are computed
here (``newsledger.link.update`` does that, timed separately).

The pipeline costs about 0.5-1 s per article on a 2-core machine, so build the ledger
once into a file outside the repository and reuse it.

usage: python benchmarks/polnear_corpus.py /tmp/polnear.db [--shared /work/shared] [--limit N]
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from newsledger.ingest.clean import clean
from newsledger.link import Ledger
from newsledger.pipeline import Pipeline, StageFailure
from newsledger.records import Article, Document
from newsledger.store import LedgerError

SPLITS = ("train", "dev")


def metadata(root: Path) -> dict[str, dict[str, str]]:
    """``metadata.tsv`` rows by file name (without ``.txt``)."""
    with (root / "metadata.tsv").open(encoding="utf-8") as handle:
        return {row["filename"]: row for row in csv.DictReader(handle, delimiter="\t")}


def polnear_documents(root: Path, limit: int | None = None) -> Iterator[Document]:
    """Cleaned PolNeAR train+dev documents, ids = file names, in split/name order."""
    meta = metadata(root)
    paths = [p for split in SPLITS for p in sorted((root / split / "text").glob("*.txt"))]
    for path in paths[:limit]:
        row = meta.get(path.stem, {})
        raw = path.read_text(encoding="utf-8")
        article = Article(
            id=path.stem,
            text=raw,
            original=raw,
            title=row.get("title") or None,
            outlet=row.get("publisher") or None,
            published=row.get("publication_date") or None,
            author=row.get("author") if row.get("author") not in (None, "", "None") else None,
            source=str(path),
        )
        yield clean(Document(article))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db")
    parser.add_argument("--shared", default="/work/shared", type=Path)
    parser.add_argument("--limit", type=int)
    args = parser.parse_args()
    root = args.shared / "eval" / "polnear"
    pipeline = Pipeline.load()
    began, failed = time.perf_counter(), 0

    def good() -> Iterator[Document]:
        nonlocal failed
        for result in pipeline.annotate(polnear_documents(root, args.limit)):
            if isinstance(result, StageFailure):
                failed += 1
                print(result, file=sys.stderr)
            else:
                yield result

    stored = 0
    with Ledger.open(args.db) as ledger:
        for document in good():
            try:  # one article per transaction: a record an annotator got wrong skips it alone
                stored += len(ledger.add([document]).new)
            except LedgerError as err:
                failed += 1
                print(f"not stored: {err}", file=sys.stderr)
    seconds = time.perf_counter() - began
    print(f"{stored} stored, {failed} failed, {seconds:.0f} s ({seconds / max(1, stored):.2f} s/article)")


if __name__ == "__main__":
    main()
