"""How every listing command prints: ``--format table|csv|json|jsonl``, ``--limit``,
``--since/--until``.

A command builds a :class:`Listing` (its rows, each with the record as the export
writes it and the article it came from) and calls :func:`emit`:

- **table**: a rich table as wide as the terminal (``COLUMNS`` when piped, 80 without
  it); a column that would fall under :data:`MIN_WIDTH` characters is left out, the
  lowest-priority first (the last columns of the listing), so no cell is squeezed to
  a few letters. Articles show as date · outlet · title, never as long ids.
- **csv**: one self-contained row per record: the table's columns unclipped, then the
  record id, article id, outlet, published, URL, title and the span as two columns.
- **json**: ``{"quotes": [record, …]}``, each record exactly as ``newsledger export``
  writes it plus ``"article": {"title", "outlet", "published", "url"}``.
- **jsonl**: the same records one per line, with the export's ``record_type``.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

import click
from rich.console import Console
from rich.table import Table

from newsledger.cli.common import clip, iso_date, printable
from newsledger.cli.common import console as common_console
from newsledger.store.queries import Source

FORMATS = ("table", "csv", "json", "jsonl")

#: The narrowest a table column may get before a column is dropped instead.
MIN_WIDTH = 10

#: The article columns every CSV row carries (self-contained rows).
SOURCE_COLUMNS = ("record_id", "article_id", "outlet", "published", "url", "title", "span_start", "span_end")

F = TypeVar("F", bound=Callable[..., Any])


def short(source: Source, width: int = 40) -> str:
    """``"2025-08-19 · Sky News · US offers air support…"``: an article, for a reader."""
    parts = [source.day or "undated", source.outlet or "?"]
    if source.title:
        parts.append(clip(source.title, width))
    return " · ".join(parts)


@dataclass(frozen=True, slots=True)
class Row:
    """One listed item: its table cells, its JSON object and where it came from."""

    cells: dict[str, Any]
    record: dict[str, Any]
    source: Source | None = None
    span: tuple[int, int] | None = None


@dataclass
class Listing:
    """``name`` is the JSON list's key (``"quotes"``), ``kind`` the JSONL ``record_type``."""

    name: str
    kind: str
    title: str
    columns: tuple[str, ...]
    rows: list[Row] = field(default_factory=list)
    empty: str = "nothing matches"


def listing_options(dated: bool = True, limit: int | None = 50) -> Callable[[F], F]:
    """``--format``, ``--limit`` and (when ``dated``) ``--since/--until`` on a command."""

    def decorate(command: F) -> F:
        if dated:
            command = click.option("--until", callback=iso_date,
                                   help="Articles published on or before this date (YYYY-MM-DD).")(command)
            command = click.option("--since", callback=iso_date,
                                   help="Articles published on or after this date (YYYY-MM-DD).")(command)
        command = click.option("--limit", type=click.IntRange(min=0), default=limit, show_default=True,
                               help="At most this many rows (0: all).")(command)
        return click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True,
                            help="table for reading; csv, json or jsonl for scripts.")(command)

    return decorate


def limit_of(value: int | None) -> int | None:
    """``--limit 0`` means no limit."""
    return None if not value else value


def console(width: int | None = None) -> Console:
    """Stdout for tables (:func:`newsledger.cli.common.console`, not soft-wrapped)."""
    return common_console(width, soft_wrap=False)


def emit(listing: Listing, fmt: str, out: Any = None) -> None:
    """Print ``listing`` in ``fmt`` (one of :data:`FORMATS`) on stdout."""
    if fmt == "json":
        data = {listing.name: [_json_record(row) for row in listing.rows]}
        click.echo(json.dumps(data, ensure_ascii=False, indent=1))
    elif fmt == "jsonl":
        for row in listing.rows:
            click.echo(json.dumps({"record_type": listing.kind, **_json_record(row)}, ensure_ascii=False))
    elif fmt == "csv":
        _write_csv(listing, out or sys.stdout)
    else:
        print_table(listing)


def _json_record(row: Row) -> dict[str, Any]:
    return {**row.record, "article": row.source.as_dict()} if row.source else row.record


def _write_csv(listing: Listing, out: Any) -> None:
    names = list(dict.fromkeys([*listing.columns, *SOURCE_COLUMNS]))
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(names)
    for row in listing.rows:
        source = row.source or Source("")
        extra = {
            "record_id": row.record.get("id", ""), "article_id": source.article_id,
            "outlet": source.outlet, "published": source.published, "url": source.url, "title": source.title,
            "span_start": row.span[0] if row.span else "", "span_end": row.span[1] if row.span else "",
        }
        cells = {**extra, **row.cells}
        writer.writerow(["" if cells.get(n) is None else cells.get(n) for n in names])


def fitting_columns(columns: Sequence[str], width: int) -> tuple[str, ...]:
    """The leading columns that fit ``width`` at :data:`MIN_WIDTH` or more each (rich
    spends 3 characters of border and padding per column): ``fitting_columns("abcdefgh", 80)``
    keeps 6 of the 8."""
    fit = max(1, (width - 1) // (MIN_WIDTH + 3))
    return tuple(columns[:fit])


def print_table(listing: Listing, out: Console | None = None) -> None:
    """``listing`` as one rich table fitted to the console's width."""
    out = out or console()
    if not listing.rows:
        out.print(listing.empty)
        return
    shown = fitting_columns(listing.columns, out.width)
    hidden = len(listing.columns) - len(shown)
    title = listing.title + (f" (narrow terminal: {hidden} columns left out; --format csv has all)" if hidden else "")
    table = Table(title=title, title_justify="left")
    for column in shown:
        table.add_column(column, overflow="fold", min_width=min(MIN_WIDTH, len(column)))
    for row in listing.rows:
        table.add_row(*[_cell(row.cells.get(c)) for c in shown])
    out.print(table)


def _cell(value: Any) -> str:
    if value is None or value == "":
        return "–"
    return printable(str(value))


def joined(values: Iterable[Any]) -> str:
    return ", ".join(str(v) for v in values if v not in (None, ""))
