"""Regenerate the export contract from the records: the JSON Schema and the docs' field tables.

Writes ``src/newsledger/resources/export.schema.json`` (:func:`newsledger.contract.schema_text`)
and the generated block of ``docs/schema.md`` (:func:`newsledger.contract.fields_markdown`,
between its two marker lines) from :mod:`newsledger.records` and the layer registry.
Run it after changing a record class or the registry::

    python scripts/build_export_schema.py           # rewrite both files
    python scripts/build_export_schema.py --check   # exit 1 if either is stale
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from newsledger.contract import DOCS_BEGIN, DOCS_END, fields_markdown, schema_text

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = ROOT / "src" / "newsledger" / "resources" / "export.schema.json"
DOCS = ROOT / "docs" / "schema.md"


def spliced(docs: str, block: str) -> str:
    """``docs`` with the text from the line :data:`DOCS_BEGIN` to the line :data:`DOCS_END`
    (both included) replaced by ``block``."""
    if DOCS_BEGIN not in docs or DOCS_END not in docs:
        raise SystemExit(f"{DOCS}: the marker lines {DOCS_BEGIN!r} and {DOCS_END!r} are missing")
    head, rest = docs.split(DOCS_BEGIN, 1)
    tail = rest.split(DOCS_END + "\n", 1)[1]
    return head + block + tail


def main(argv: list[str] | None = None) -> int:
    """Write (or with ``--check`` compare) the schema file and the docs' field tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report stale files; exit 1 if any")
    args = parser.parse_args(argv)
    wanted = {SCHEMA: schema_text(), DOCS: spliced(DOCS.read_text(encoding="utf-8"), fields_markdown())}
    stale = [path for path, text in wanted.items() if path.read_text(encoding="utf-8") != text]
    for path in stale:
        if args.check:
            print(f"stale: {path.relative_to(ROOT)}")
        else:
            path.write_text(wanted[path], encoding="utf-8")
            print(f"wrote {path.relative_to(ROOT)}")
    if not stale:
        print("export schema and docs/schema.md are up to date")
    return 1 if args.check and stale else 0


if __name__ == "__main__":
    sys.exit(main())
