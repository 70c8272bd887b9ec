"""The export contract, generated: the JSON Schema of ``newsledger export`` from the records.

The schema (``resources/export.schema.json``) and the field tables of ``docs/schema.md``
are built from two sources only: the record dataclasses of :mod:`newsledger.records`
(field types from their annotations, descriptions and constraints from
:func:`~newsledger.records.described`, a class's description from its docstring's first
paragraph) and the layer registry :data:`newsledger.layers.REGISTRY` (which lists there are,
in which order, and the ``$defs`` name of each). ``scripts/build_export_schema.py``
writes both files; ``tests/test_export_schema.py`` fails when they lag behind.

This module sits below the store: anything may import it for column descriptions.

    >>> from newsledger.records import Quote
    >>> schema = export_schema()
    >>> [name for name, _, _ in export_lists()][:4]
    ['articles', 'entities', 'mentions', 'quotes']
    >>> schema["properties"]["quotes"]["items"]
    {'$ref': '#/$defs/quote'}
    >>> schema["$defs"]["quote"]["properties"]["speaker_span"]["anyOf"]
    [{'$ref': '#/$defs/span'}, {'type': 'null'}]
    >>> field_descriptions(Quote)["cue_lemma"]
    'Lemma of the cue ("tell").'
"""

from __future__ import annotations

import json
import re
import sys
import types
import typing
from collections.abc import Iterable
from dataclasses import Field, fields, is_dataclass
from typing import Any

from newsledger.layers import REGISTRY, LayerSpec
from newsledger.records import (
    CONSTRAINTS,
    DESCRIPTION,
    Article,
    Entity,
    Mention,
    Span,
    Story,
)

#: Version of the export contract: the schema's ``schema_version`` const.
SCHEMA_VERSION = 1

#: The lists before the layers' and after them: (list name, ``$defs`` name, record).
CORE_LISTS: tuple[tuple[str, str, type], ...] = (
    ("articles", "article", Article),
    ("entities", "entity", Entity),
    ("mentions", "mention", Mention),
)
LATE_LISTS: tuple[tuple[str, str, type], ...] = (("stories", "story", Story),)

_DESCRIPTION = (
    "The ledger as one JSON object (`newsledger export --format json`). Records are the "
    "dataclasses of newsledger.records serialised with records.to_dict: every field present, "
    "null when unknown. Canonical entity names (speaker, actor, holder, source, reports) are "
    "null when unresolved. Later versions may add top-level lists."
)

_SPAN = {
    "description": "[start, end) character offsets (end exclusive) into the article's clean `text`.",
    "type": "array",
    "prefixItems": [{"type": "integer", "minimum": 0}, {"type": "integer", "minimum": 0}],
    "minItems": 2,
    "maxItems": 2,
    "items": False,
}

_SCALARS: dict[Any, str] = {str: "string", int: "integer", float: "number", bool: "boolean"}


def export_lists(registry: Iterable[LayerSpec] = REGISTRY) -> tuple[tuple[str, str, type], ...]:
    """The export's top-level lists in order: ``("quotes", "quote", Quote)``, …"""
    layers = tuple((spec.name, spec.singular, spec.record) for spec in registry)
    return (*CORE_LISTS, *layers, *LATE_LISTS)


def field_descriptions(record: type) -> dict[str, str]:
    """Each field of ``record`` and its description, in field order."""
    return {f.name: _description(record, f) for f in fields(record)}


def record_description(record: type) -> str:
    """The first paragraph of ``record``'s docstring, on one line: its description in the schema."""
    if sys.flags.optimize >= 2:
        raise RuntimeError("python -OO strips the docstrings the schema's descriptions come from")
    paragraph = (record.__doc__ or "").strip().split("\n\n", 1)[0]
    return " ".join(paragraph.split())


def export_schema(registry: Iterable[LayerSpec] = REGISTRY) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the JSON export whose layers are ``registry``."""
    lists = export_lists(registry)
    defs: dict[str, Any] = {"span": _SPAN}
    for _, singular, record in lists:
        _add_definition(defs, singular, record)
    properties: dict[str, Any] = {
        "schema_version": {"const": SCHEMA_VERSION, "description": "Version of this export contract."},
        "generator": {"type": "string", "pattern": "^newsledger ",
                      "description": '"newsledger <version>".'},
    }
    for name, singular, _ in lists:
        properties[name] = {"type": "array", "items": _ref(singular)}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"urn:newsledger:export-schema:{SCHEMA_VERSION}",
        "title": "newsledger export",
        "description": _DESCRIPTION,
        "type": "object",
        "properties": properties,
        "required": list(properties),
        "additionalProperties": {"type": "array"},
        "$defs": defs,
    }


def schema_text(registry: Iterable[LayerSpec] = REGISTRY) -> str:
    """:func:`export_schema` as the committed file holds it: indented by one, UTF-8, newline."""
    return json.dumps(export_schema(registry), indent=1, ensure_ascii=False) + "\n"


#: The lines around the generated field tables in ``docs/schema.md``.
DOCS_BEGIN = ("<!-- fields: generated from src/newsledger/records.py by "
              "scripts/build_export_schema.py; edit the records, not this -->")
DOCS_END = "<!-- end of generated fields -->"


def fields_markdown(registry: Iterable[LayerSpec] = REGISTRY) -> str:
    """The ``docs/schema.md`` sections listing every field: one table per list, then
    one per nested record (``quantity``), between :data:`DOCS_BEGIN` and :data:`DOCS_END`."""
    defs = export_schema(registry)["$defs"]
    sections, nested = [], {}
    for name, singular, record in export_lists(registry):
        heading = f'`{name}` ({record.__name__}; JSONL `record_type: "{singular}"`)'
        sections.append(_section(heading, defs[singular]))
        for f, hint in typing.get_type_hints(record).items():
            for inner in _nested_records(hint):
                nested.setdefault(_def_name(inner), f"{name}[].{f}")
    for def_name, where in nested.items():
        sections.append(_section(f"`{def_name}` (inside `{where}`)", defs[def_name]))
    return "\n".join([DOCS_BEGIN, "", *sections, DOCS_END]) + "\n"


def _section(heading: str, definition: dict[str, Any]) -> str:
    rows = [f"| `{name}` | {_type_words(spec)} | {_meaning(spec)} |"
            for name, spec in definition["properties"].items()]
    return "\n".join([f"### {heading}", "", definition["description"], "",
                      "| field | type | meaning |", "|---|---|---|", *rows, ""])


def _type_words(spec: dict[str, Any]) -> str:
    """A property's type in words: ``{"type": ["string", "null"]}`` -> ``string or null``."""
    if "$ref" in spec:
        name = spec["$ref"].rsplit("/", 1)[1]
        return "[start, end]" if name == "span" else name
    if "anyOf" in spec:
        return " or ".join(_type_words(option) for option in spec["anyOf"])
    if spec["type"] == "array":
        return f"array of {_type_words(spec['items'])}"
    kinds = spec["type"] if isinstance(spec["type"], list) else [spec["type"]]
    return " or ".join(kinds)


def _meaning(spec: dict[str, Any]) -> str:
    values = ", ".join(f"`{value}`" for value in spec.get("enum", ()))
    return f"{spec['description']} One of {values}." if values else spec["description"]


def _add_definition(defs: dict[str, Any], name: str, record: type) -> None:
    """Add ``record`` as ``defs[name]``, after the nested records its fields refer to."""
    hints = typing.get_type_hints(record)
    properties = {}
    for f in fields(record):
        for nested in _nested_records(hints[f.name]):
            _add_definition(defs, _def_name(nested), nested)
        properties[f.name] = {**_type_schema(hints[f.name], record, f.name),
                              "description": _description(record, f), **_constraints(f)}
    defs[name] = {
        "title": record.__name__,
        "description": record_description(record),
        "type": "object",
        "properties": properties,
        "required": list(properties),
        "additionalProperties": False,
    }


def _type_schema(hint: Any, record: type, name: str) -> dict[str, Any]:
    """The JSON Schema of one annotation: ``str | None`` -> ``{"type": ["string", "null"]}``."""
    if hint == Span:
        return _ref("span")
    if hint in _SCALARS:
        return {"type": _SCALARS[hint]}
    if is_dataclass(hint):
        return _ref(_def_name(hint))
    args = typing.get_args(hint)
    if isinstance(hint, types.UnionType) and len(args) == 2 and type(None) in args:
        inner = _type_schema(next(a for a in args if a is not type(None)), record, name)
        if set(inner) == {"type"}:
            return {"type": [inner["type"], "null"]}
        return {"anyOf": [inner, {"type": "null"}]}
    if typing.get_origin(hint) is tuple and len(args) == 2 and args[1] is Ellipsis:
        return {"type": "array", "items": _type_schema(args[0], record, name)}
    raise TypeError(f"{record.__name__}.{name}: no JSON Schema for the type {hint!r}; "
                    "use str, int, float, bool, Span, a record, tuple[X, ...] or X | None")


def _nested_records(hint: Any) -> list[type]:
    """The dataclasses an annotation refers to: ``tuple[Quantity, ...]`` -> ``[Quantity]``."""
    if is_dataclass(hint):
        return [hint]
    return [nested for arg in typing.get_args(hint) for nested in _nested_records(arg)]


def _description(record: type, f: Field[Any]) -> str:
    if DESCRIPTION not in f.metadata:
        raise ValueError(f"{record.__name__}.{f.name} has no description: declare it with "
                         "records.described(...)")
    description: str = f.metadata[DESCRIPTION]
    return description


def _constraints(f: Field[Any]) -> dict[str, Any]:
    """The field's JSON Schema keywords, tuples as JSON arrays."""
    return {key: list(value) if isinstance(value, tuple) else value
            for key, value in f.metadata.get(CONSTRAINTS, {}).items()}


def _def_name(record: type) -> str:
    """``$defs`` name of a record that is no list of its own: ``TimeExpr`` -> ``time_expr``."""
    return re.sub(r"(?<!^)(?=[A-Z])", "_", record.__name__).lower()


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/$defs/{name}"}


__all__ = [
    "CORE_LISTS",
    "LATE_LISTS",
    "SCHEMA_VERSION",
    "export_lists",
    "DOCS_BEGIN",
    "DOCS_END",
    "export_schema",
    "field_descriptions",
    "fields_markdown",
    "record_description",
    "schema_text",
]
