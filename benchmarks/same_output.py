#!/usr/bin/env python3
"""Behaviour unchanged? Export every record of a fixed corpus, and compare two exports.

A refactoring must not change what newsledger extracts. This script ingests the
reference article and the first 149 PolNeAR train texts (with their publisher, date and
title from ``metadata.tsv``) through the CLI into a fresh ledger, exports it as JSON,
and compares two such exports list by list, record by record::

    python benchmarks/same_output.py export /tmp/before.json    # on the old checkout
    python benchmarks/same_output.py export /tmp/after.json     # on the new one
    python benchmarks/same_output.py compare /tmp/before.json /tmp/after.json

``compare`` ignores only the ``generator`` line (the version string) and the articles'
``source`` (the path each was read from); it prints the count of every list and the
first differing records, and exits 1 when anything differs.
"""

from __future__ import annotations

import argparse
import csv
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = ROOT / "examples" / "corpus" / "sky-2025-08-19-us-air-support.txt"
IGNORED = {"articles": ("source",)}


def polnear_jsonl(shared: Path, limit: int, out: Path) -> int:
    """The first ``limit`` PolNeAR train texts as ``ingest`` JSON Lines; returns the count."""
    root = shared / "eval" / "polnear"
    with (root / "metadata.tsv").open(encoding="utf-8") as handle:
        meta = {row["filename"]: row for row in csv.DictReader(handle, delimiter="\t")}
    paths = sorted((root / "train" / "text").glob("*.txt"))[:limit]
    with out.open("w", encoding="utf-8") as handle:
        for path in paths:
            row = meta.get(path.stem, {})
            line = {
                "id": path.stem,
                "text": path.read_text(encoding="utf-8"),
                "title": row.get("title") or None,
                "outlet": row.get("publisher") or None,
                "published": row.get("publication_date") or None,
            }
            handle.write(json.dumps(line, ensure_ascii=False) + "\n")
    return len(paths)


def newsledger_command() -> list[str]:
    found = shutil.which("newsledger", path=str(Path(sys.executable).parent))
    return [found] if found else [sys.executable, "-m", "newsledger.cli"]


def export(out: Path, shared: Path, limit: int) -> None:
    """Ingest the fixed corpus into a fresh ledger and export it to ``out``."""
    cli = newsledger_command()
    with tempfile.TemporaryDirectory() as tmp:
        db, corpus = Path(tmp) / "ledger.db", Path(tmp) / "polnear.jsonl"
        count = polnear_jsonl(shared, limit, corpus)
        for args in (
            [str(REFERENCE), "--published", "2025-08-19", "--outlet", "Sky News"],
            [str(corpus)],
        ):
            subprocess.run([*cli, "ingest", *args, "--db", str(db), "-q"], check=True)
        subprocess.run([*cli, "export", "--db", str(db), "--format", "json", "-o", str(out)], check=True)
    print(f"{out}: the reference article and {count} PolNeAR texts")


def _comparable(data: dict) -> dict:
    data = {k: v for k, v in data.items() if k != "generator"}
    for name, keys in IGNORED.items():
        data[name] = [{k: v for k, v in row.items() if k not in keys} for row in data.get(name, [])]
    return data


def compare(before_path: Path, after_path: Path, shown: int = 3) -> bool:
    """Print each list's count and its first differences; ``True`` when identical."""
    before = _comparable(json.loads(before_path.read_text(encoding="utf-8")))
    after = _comparable(json.loads(after_path.read_text(encoding="utf-8")))
    same = True
    for name in dict.fromkeys([*before, *after]):
        old, new = before.get(name), after.get(name)
        if not isinstance(old, list) or not isinstance(new, list):
            if old != new:
                same = False
                print(f"{name}: {old!r} -> {new!r}")
            continue
        diffs = [(i, a, b) for i, (a, b) in enumerate(zip(old, new)) if a != b]
        status = "identical" if not diffs and len(old) == len(new) else "DIFFERENT"
        print(f"{name:12} {len(old):6} -> {len(new):6}  {status}")
        if status != "identical":
            same = False
            for i, a, b in diffs[:shown]:
                print(f"  [{i}] before: {json.dumps(a, ensure_ascii=False)[:300]}")
                print(f"  [{i}] after:  {json.dumps(b, ensure_ascii=False)[:300]}")
    print("identical" if same else "outputs differ")
    return same


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("export", help="ingest the fixed corpus and export it as JSON")
    run.add_argument("out", type=Path)
    run.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    run.add_argument("--limit", type=int, default=149, help="PolNeAR train texts (149)")
    both = sub.add_parser("compare", help="compare two exports")
    both.add_argument("before", type=Path)
    both.add_argument("after", type=Path)
    args = parser.parse_args()
    if args.command == "export":
        export(args.out, args.shared, args.limit)
    else:
        sys.exit(0 if compare(args.before, args.after) else 1)


if __name__ == "__main__":
    main()
