"""Write the ledger in the export contract: JSON, JSON Lines or CSV.

The contract is ``resources/export.schema.json`` (JSON Schema, draft 2020-12) and
``docs/schema.md``. Every record is serialised with :func:`newsledger.records.to_dict`,
so each list carries every field of its dataclass.

- **json**: one object ``{"schema_version", "generator", "articles", "entities",
  "mentions", "quotes", "times", "events", "stances", "commitments", "stories"}``
  (``stories`` from the cross-article links, :mod:`newsledger.link`), and
  ``corrections`` when the ledger holds any: records are exported as corrected
  (``newsledger fix`` / ``reject``, :mod:`newsledger.link.corrections`), and each
  correction is listed with who made it and when.
- **jsonl**: one line per record, ``{"record_type": "quote", …record}``, lists in that
  order (articles first). The discriminator is ``record_type``, not ``type``, because
  entities, times and events have a ``type`` field of their own.
- **csv**: one file per list. ``-o DIR`` (an existing folder, or a path without a
  ``.csv`` suffix) writes ``DIR/articles.csv``, ``DIR/quotes.csv``…; ``-o out.csv``
  writes ``out.articles.csv``, ``out.quotes.csv``… Lists and objects (``span``,
  ``aliases``, ``quantities``) are JSON strings in their cells; ``None`` is empty.

The export sits above the store and the links (it reads a :class:`newsledger.link.Ledger`);
:mod:`newsledger.export.datasette` describes a ledger file for Datasette from the same
schema.
"""

from __future__ import annotations

import csv
import json
import logging
from collections.abc import Iterable, Iterator
from dataclasses import asdict, fields
from importlib import resources
from pathlib import Path
from typing import Any, TextIO

import jsonschema

from newsledger import __version__
from newsledger.layers import REGISTRY
from newsledger.link import Ledger, corrections
from newsledger.records import Article, Entity, Mention, Story, to_dict
from newsledger.store import queries

log = logging.getLogger(__name__)

#: Version of the export contract; equals the schema's ``schema_version`` const.
EXPORT_SCHEMA_VERSION = 1

#: The JSONL key naming each line's record kind (no record field is called this).
JSONL_KEY = "record_type"

#: Top-level lists in export order, with the record class and the JSONL kind of each.
LISTS: dict[str, tuple[type, str]] = {
    "articles": (Article, "article"),
    "entities": (Entity, "entity"),
    "mentions": (Mention, "mention"),
    **{spec.name: (spec.record, spec.singular) for spec in REGISTRY},
    "stories": (Story, "story"),
}

FORMATS = ("json", "jsonl", "csv")

#: The layers whose records corrections apply to.
LAYER_NAMES = frozenset(spec.name for spec in REGISTRY)

#: The list of record corrections (``link.corrections.Correction``), after the others;
#: records are exported as corrected. JSONL kind ``correction``, CSV ``corrections.csv``.
CORRECTIONS = "corrections"


def _records(ledger: Ledger, name: str) -> Iterable[Any]:
    """The list's records in the store's order, streamed from the database a chunk at a
    time (:func:`newsledger.store.queries.stream`), a layer's with the ledger's
    corrections applied (``link.corrections``): exporting a ledger of any size holds one
    chunk of rows in memory, not the ledger."""
    if name in LAYER_NAMES:
        return corrections.corrected(ledger, name, queries.stream(ledger, name))
    if name == "stories":
        return ledger.stories()
    return queries.stream(ledger, name)


def iter_records(ledger: Ledger) -> Iterator[tuple[str, Iterator[dict[str, Any]]]]:
    """``("articles", <the articles' dicts, streamed>)``, then each list in :data:`LISTS`
    order, then ``corrections`` when there are any."""
    for name in LISTS:
        yield name, (to_dict(record) for record in _records(ledger, name))
    found = corrections.corrections(ledger)
    if found:
        yield CORRECTIONS, (asdict(c) for c in found)


def iter_lists(ledger: Ledger) -> Iterator[tuple[str, list[dict[str, Any]]]]:
    """``("articles", [{…}, …])``, then each further list in :data:`LISTS` order, then
    ``corrections`` (every fix and rejection, with who and when) when there are any."""
    for name, rows in iter_records(ledger):
        yield name, list(rows)


def build_export(ledger: Ledger) -> dict[str, Any]:
    """The whole ledger as one JSON-ready object in the export contract."""
    data: dict[str, Any] = {
        "schema_version": EXPORT_SCHEMA_VERSION,
        "generator": f"newsledger {__version__}",
    }
    data.update(iter_lists(ledger))
    return data


def write_json(ledger: Ledger, out: TextIO) -> None:
    """The export object, indented, UTF-8 characters kept: the text ``json.dump(
    build_export(ledger), indent=1)`` gives, written one record at a time (flat memory)."""
    out.write("{\n")
    out.write(f' "schema_version": {EXPORT_SCHEMA_VERSION},\n "generator": {json.dumps(f"newsledger {__version__}")}')
    for name, rows in iter_records(ledger):
        out.write(f',\n {json.dumps(name)}: [')
        first = True
        for row in rows:
            text = json.dumps(row, ensure_ascii=False, indent=1).replace("\n", "\n  ")
            out.write(("\n  " if first else ",\n  ") + text)
            first = False
        out.write("]" if first else "\n ]")
    out.write("\n}\n")


def write_jsonl(ledger: Ledger, out: TextIO) -> None:
    """One ``{"record_type": "quote", …record}`` line per record, articles first."""
    for name, rows in iter_records(ledger):
        kind = LISTS[name][1] if name in LISTS else "correction"
        for row in rows:
            out.write(json.dumps({JSONL_KEY: kind, **row}, ensure_ascii=False) + "\n")


def csv_paths(target: str | Path) -> dict[str, Path]:
    """Where each list goes: ``out.csv`` -> ``out.quotes.csv``; ``dir`` -> ``dir/quotes.csv``."""
    target = Path(target)
    names = (*LISTS, CORRECTIONS)
    if target.suffix.lower() == ".csv" and not target.is_dir():
        stem = target.with_suffix("")
        return {name: stem.with_name(f"{stem.name}.{name}.csv") for name in names}
    return {name: target / f"{name}.csv" for name in names}


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    return value


def write_csv(ledger: Ledger, target: str | Path) -> list[Path]:
    """One CSV per list (header = the dataclass fields); returns the files written."""
    paths = csv_paths(target)
    next(iter(paths.values())).parent.mkdir(parents=True, exist_ok=True)
    written = []
    for name, rows in iter_records(ledger):
        record = LISTS[name][0] if name in LISTS else corrections.Correction
        header = [f.name for f in fields(record)]
        with paths[name].open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(header)
            writer.writerows([_cell(row[column]) for column in header] for row in rows)
        written.append(paths[name])
    log.info("wrote %d CSV files next to %s", len(written), written[0])
    return written


def export_ledger(ledger: Ledger, fmt: str, out: TextIO | str | Path) -> None:
    """Write ``ledger`` as ``fmt`` (json, jsonl or csv) to ``out``.

    json and jsonl take a text stream or a file path; csv needs a path (see
    :func:`csv_paths`) because it writes one file per list.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if fmt == "csv":
        if not isinstance(out, (str, Path)):
            raise ValueError("CSV export writes one file per list: give -o DIR or -o FILE.csv")
        write_csv(ledger, out)
        return
    writer = write_json if fmt == "json" else write_jsonl
    if isinstance(out, (str, Path)):
        with Path(out).open("w", encoding="utf-8") as handle:
            writer(ledger, handle)
    else:
        writer(ledger, out)


def load_schema() -> dict[str, Any]:
    """The packaged export JSON Schema (``resources/export.schema.json``)."""
    path = resources.files("newsledger") / "resources" / "export.schema.json"
    schema: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return schema


def validate_export(data: dict[str, Any]) -> None:
    """Raise :class:`jsonschema.ValidationError` (the most relevant one) if ``data``
    breaks the export contract; return ``None`` when it conforms."""
    validator = jsonschema.Draft202012Validator(load_schema())
    error = jsonschema.exceptions.best_match(validator.iter_errors(data))
    if error is not None:
        raise error


__all__ = [
    "EXPORT_SCHEMA_VERSION",
    "FORMATS",
    "JSONL_KEY",
    "LISTS",
    "build_export",
    "csv_paths",
    "export_ledger",
    "load_schema",
    "validate_export",
    "write_csv",
    "write_json",
    "write_jsonl",
]
