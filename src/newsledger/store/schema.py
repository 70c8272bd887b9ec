"""The SQLite schema, generated from the record dataclasses in :mod:`newsledger.records`.

One definition, three faces: the dataclasses are the source of truth, the tables are
derived here and the export JSON Schema is tested against the same classes. Each
dataclass field maps to columns by its type hint:

======================  ============================================  ==========
field type              columns                                       example
======================  ============================================  ==========
``str`` / ``int``       one TEXT / INTEGER column                     ``speaker``
``float``               one REAL column                               —
``Span`` (``(s, e)``)   ``<name>_start``, ``<name>_end`` INTEGER      ``span``
tuple / dataclass       one TEXT column holding JSON                  ``participants``
======================  ============================================  ==========

Fields that are not ``Optional`` are ``NOT NULL``. SQL that only SQLite speaks (FTS5,
its triggers) is kept in :func:`sqlite_fts_ddl` so a second backend can replace it.
"""

from __future__ import annotations

import json
import types
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, fields, is_dataclass
from functools import cached_property
from typing import Any, Union, get_args, get_origin, get_type_hints

from newsledger.layers import REGISTRY
from newsledger.records import Article, Entity, Mention

#: Column kinds: how a field is stored and rebuilt.
TEXT, INTEGER, REAL, SPAN, JSON = "text", "integer", "real", "span", "json"

_SQL_TYPES = {TEXT: "TEXT", INTEGER: "INTEGER", REAL: "REAL", JSON: "TEXT"}
_SCALARS = {str: TEXT, int: INTEGER, bool: INTEGER, float: REAL}

#: Columns holding canonical entity names (or entity ids) that queries filter on;
#: from the task brief ("indexes on article_id and the canonical-name columns").
INDEXED_COLUMNS = ("article_id", "entity_id", "speaker", "speaker_id", "holder", "actor")


@dataclass(frozen=True)
class Field:
    """One dataclass field and how it is stored: ``Field("span", SPAN, False, ...)``."""

    name: str
    kind: str
    nullable: bool
    hint: Any

    @property
    def columns(self) -> tuple[str, ...]:
        if self.kind == SPAN:
            return (f"{self.name}_start", f"{self.name}_end")
        return (self.name,)


@dataclass(frozen=True)
class Table:
    """A table generated from a record class, with its foreign keys."""

    name: str
    record: type
    fields: tuple[Field, ...]
    references: tuple[tuple[str, str], ...] = ()  # (column, "table(column)")

    @cached_property
    def columns(self) -> tuple[str, ...]:
        return tuple(column for f in self.fields for column in f.columns)


def _unwrap_optional(hint: Any) -> tuple[Any, bool]:
    """``str | None`` -> ``(str, True)``; ``str`` -> ``(str, False)``."""
    if get_origin(hint) in (Union, types.UnionType):
        args = [a for a in get_args(hint) if a is not type(None)]
        if len(args) == 1:
            return args[0], True
    return hint, False


def field_kind(hint: Any) -> str:
    """The column kind of a (non-optional) type hint: ``tuple[int, int]`` -> ``"span"``."""
    if hint in _SCALARS:
        return _SCALARS[hint]
    if get_origin(hint) is tuple and get_args(hint) == (int, int):
        return SPAN
    if get_origin(hint) in (tuple, list, dict) or is_dataclass(hint):
        return JSON
    raise TypeError(f"no column mapping for type {hint!r}; extend store/schema.py")


def record_fields(record: type) -> tuple[Field, ...]:
    """The storage description of every field of a record dataclass, in field order."""
    hints = get_type_hints(record)
    result = []
    for f in fields(record):
        hint, nullable = _unwrap_optional(hints[f.name])
        result.append(Field(f.name, field_kind(hint), nullable, hint))
    return tuple(result)


def _article_ref() -> tuple[str, str]:
    return ("article_id", "articles(id)")


def tables() -> tuple[Table, ...]:
    """Every table of the ledger, parents before children."""
    layer_tables = tuple(
        Table(spec.name, spec.record, record_fields(spec.record), (_article_ref(),))
        for spec in REGISTRY
    )
    return (
        Table("articles", Article, record_fields(Article)),
        Table("entities", Entity, record_fields(Entity)),
        Table(
            "mentions",
            Mention,
            record_fields(Mention),
            (_article_ref(), ("entity_id", "entities(id)")),
        ),
        *layer_tables,
    )


def table(name: str) -> Table:
    """The table called ``name``: ``table("quotes").record is Quote``."""
    for t in tables():
        if t.name == name:
            return t
    raise KeyError(f"no table {name!r}; known: {', '.join(t.name for t in tables())}")


def ident(identifier: str) -> str:
    """A quoted SQL identifier: fields such as ``end`` are SQL keywords."""
    return '"' + identifier.replace('"', '""') + '"'


def _column_defs(f: Field) -> Iterator[str]:
    null = "" if f.nullable else " NOT NULL"
    if f.kind == SPAN:
        for column in f.columns:
            yield f"{ident(column)} INTEGER{null}"
    elif f.name == "id":
        yield '"id" TEXT PRIMARY KEY'
    else:
        yield f"{ident(f.name)} {_SQL_TYPES[f.kind]}{null}"


def create_table_sql(t: Table) -> str:
    """``CREATE TABLE`` for ``t``: columns from the dataclass, span checks, foreign keys."""
    parts = [d for f in t.fields for d in _column_defs(f)]
    parts += [
        f"CHECK ({ident(start)} >= 0 AND {ident(end)} >= {ident(start)})"
        for start, end in (f.columns for f in t.fields if f.kind == SPAN)
    ]
    parts += [f"FOREIGN KEY ({ident(col)}) REFERENCES {target}" for col, target in t.references]
    body = ",\n    ".join(parts)
    return f"CREATE TABLE IF NOT EXISTS {t.name} (\n    {body}\n)"


def index_sql(t: Table) -> list[str]:
    """Indexes on ``article_id`` and the canonical-name columns present in ``t``."""
    statements = [
        f"CREATE INDEX IF NOT EXISTS idx_{t.name}_{col} ON {t.name}({ident(col)})"
        for col in INDEXED_COLUMNS
        if col in t.columns
    ]
    if t.name == "articles":
        statements += [
            f"CREATE INDEX IF NOT EXISTS idx_articles_{col} ON articles({col})"
            for col in ("outlet", "published")
        ]
    return statements


def core_ddl() -> list[str]:
    """Portable DDL: tables and indexes generated from the records."""
    statements: list[str] = []
    for t in tables():
        statements.append(create_table_sql(t))
        statements.extend(index_sql(t))
    return statements


#: Full-text indexes: (fts table, content table, indexed columns).
FTS_TABLES = (
    ("articles_fts", "articles", ("title", "text")),
    ("quotes_fts", "quotes", ("text", "speaker", "speaker_mention")),
)


def sqlite_fts_ddl() -> list[str]:
    """SQLite-only: FTS5 external-content tables kept in sync by triggers.

    ``content=[table]`` is the spelling sqlite-utils writes and Datasette detects (its
    ``detect_fts``), so Datasette offers a search box on ``articles`` and ``quotes``.
    Porter stemming lets "drone" find "drones".
    """
    statements = []
    for fts, content, cols in FTS_TABLES:
        names = ", ".join(ident(c) for c in cols)
        new = ", ".join(f"new.{ident(c)}" for c in cols)
        old = ", ".join(f"old.{ident(c)}" for c in cols)
        delete = f"INSERT INTO {fts}({fts}, rowid, {names}) VALUES ('delete', old.rowid, {old});"
        insert = f"INSERT INTO {fts}(rowid, {names}) VALUES (new.rowid, {new});"
        statements += [
            f"CREATE VIRTUAL TABLE IF NOT EXISTS {fts} USING fts5("
            f"{', '.join(cols)}, content=[{content}], content_rowid=rowid, "
            "tokenize='porter unicode61 remove_diacritics 2')",
            f"CREATE TRIGGER IF NOT EXISTS {content}_ai AFTER INSERT ON {content} "
            f"BEGIN {insert} END",
            f"CREATE TRIGGER IF NOT EXISTS {content}_ad AFTER DELETE ON {content} "
            f"BEGIN {delete} END",
            f"CREATE TRIGGER IF NOT EXISTS {content}_au AFTER UPDATE ON {content} "
            f"BEGIN {delete} {insert} END",
        ]
    return statements


# -- rows <-> records ------------------------------------------------------------------


def to_row(t: Table, record: Any) -> tuple[Any, ...]:
    """The column values of ``record`` in ``t.columns`` order."""
    values: list[Any] = []
    for f in t.fields:
        value = getattr(record, f.name)
        if f.kind == SPAN:
            values.extend(value if value is not None else (None, None))
        elif f.kind == JSON:
            values.append(None if value is None else json.dumps(_plain(value), ensure_ascii=False))
        else:
            values.append(value)
    return tuple(values)


def from_row(t: Table, row: Sequence[Any]) -> Any:
    """Rebuild the record stored in ``row`` (column values in ``t.columns`` order)."""
    kwargs = {}
    i = 0
    for f in t.fields:
        value = row[i]
        if f.kind == SPAN:
            kwargs[f.name] = None if value is None else (value, row[i + 1])
            i += 2
            continue
        if f.kind == JSON and value is not None:
            value = _rebuild(f.hint, json.loads(value))
        kwargs[f.name] = value
        i += 1
    return t.record(**kwargs)


def _plain(value: Any) -> Any:
    if is_dataclass(value):
        return {f.name: _plain(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, (tuple, list)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def _rebuild(hint: Any, data: Any) -> Any:
    """JSON data back into the shape of ``hint``: lists to tuples, dicts to records."""
    hint, _ = _unwrap_optional(hint)
    if data is None:
        return None
    if is_dataclass(hint) and isinstance(hint, type):
        sub = get_type_hints(hint)
        return hint(**{k: _rebuild(sub[k], v) for k, v in data.items()})
    origin, args = get_origin(hint), get_args(hint)
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_rebuild(args[0], v) for v in data)
        return tuple(_rebuild(a, v) for a, v in zip(args, data, strict=True))
    if origin is list:
        return [_rebuild(args[0], v) for v in data] if args else list(data)
    return data
