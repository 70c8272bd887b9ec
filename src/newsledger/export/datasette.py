"""Datasette metadata for a ledger file: table, view and column descriptions.

Datasette shows these next to each table and column, so a person browsing the file
reads what ``speaker`` or ``span_start`` means without opening the docs::

    python -c "import json; from newsledger.export.datasette import metadata; \\
               print(json.dumps(metadata('newsledger')))" > metadata.json
    datasette newsledger.db -m metadata.json

Column descriptions come from the export JSON Schema (the one documented source of
field meanings); table descriptions from the record docstrings' first line; the layer
tables' facets from the layer registry (:mod:`newsledger.layers`). It lives with the
export, above the store and the links, because it reads the export's schema and both
packages' views.
"""

from __future__ import annotations

from typing import Any

from newsledger.export import LISTS, load_schema
from newsledger.layers import REGISTRY
from newsledger.link.tables import LINK_VIEWS
from newsledger.store import schema
from newsledger.store.views import VIEWS

#: What each view answers (shown as its description in Datasette).
VIEW_DESCRIPTIONS = {
    "who_said_what": "Every quote with its speaker, cue, medium and source article.",
    "timeline": "Dated records of every layer, by date: times, events and commitments by "
                "their own dates, quotes and stances by their article's publication day.",
    "stance_table": "Who stands where: holder, polarity, modality and target of each stance.",
    "commitments_due": "Promises, threats and plans with their deadlines, soonest first.",
    "entity_mentions": "Each canonical entity with its number of mentions and articles.",
    "quote_groups": "One quote carried by several articles: its sources, most carried first.",
    "distinct_articles": "Articles that near-duplicate no earlier article (count these).",
    "entity_directory": "Cross-article entities (one per person or body), most reported first.",
}

#: The column Datasette shows for a foreign key pointing at these tables.
LABEL_COLUMNS = {"articles": "title", "entities": "name"}

#: Facets Datasette offers on opening a table or view: the columns people filter by
#: (a layer's table: its registry ``facets``).
FACETS = {
    **{spec.name: list(spec.facets) for spec in REGISTRY if spec.facets},
    "who_said_what": ["speaker", "outlet"],
    "stance_table": ["holder", "polarity"],
    "timeline": ["layer"],
}

#: FTS tables as Datasette should use them (``schema.FTS_TABLES``).
_FTS = {content: fts for fts, content, _ in schema.FTS_TABLES}


def _column_descriptions(field_specs: dict[str, Any], table: schema.Table) -> dict[str, str]:
    described = {}
    for f in table.fields:
        text = field_specs.get(f.name, {}).get("description", "")
        if f.kind == schema.SPAN:
            start, end = f.columns
            described[start] = f"Start offset (inclusive) of `{f.name}`. {text}".strip()
            described[end] = f"End offset (exclusive) of `{f.name}`."
        elif text:
            described[f.name] = text
    return described


def _record_doc(record: type) -> str:
    return (record.__doc__ or "").strip().splitlines()[0]


def metadata(database: str = "newsledger") -> dict[str, Any]:
    """Datasette metadata for a ledger opened as ``database`` (the file's stem)."""
    spec = load_schema()
    by_table = {
        name: spec["$defs"][spec["properties"][name]["items"]["$ref"].rsplit("/", 1)[1]]
        for name in LISTS
    }
    tables: dict[str, Any] = {}
    for t in schema.tables():
        entry: dict[str, Any] = {
            "description": by_table[t.name].get("description") or _record_doc(t.record),
            "columns": _column_descriptions(by_table[t.name]["properties"], t),
        }
        if t.name in LABEL_COLUMNS:
            entry["label_column"] = LABEL_COLUMNS[t.name]
        if t.name in _FTS:
            entry["fts_table"] = _FTS[t.name]
        tables[t.name] = entry
    for name, _ in (*VIEWS, *LINK_VIEWS):
        tables[name] = {"description": VIEW_DESCRIPTIONS[name]}
    for name, columns in FACETS.items():
        tables[name]["facets"] = columns
    return {
        "title": "newsledger",
        "description": "Who said what, who stands where, what happened and what was "
                       "promised, each record linked to its article by article_id and span.",
        "databases": {database: {"tables": tables}},
    }
