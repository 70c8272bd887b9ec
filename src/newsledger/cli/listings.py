"""Commands that read the ledger: ``quotes``, ``summary`` and ``export``.

They live apart from ``ingest`` (:mod:`newsledger.cli.ledger`) so that reading never
imports the pipeline, spaCy or the engines: ``newsledger quotes`` starts in the time
it takes to open the ledger. ``quotes`` pages in SQL (``--limit``) and prints through
:mod:`newsledger.cli.output` (``--format table|csv|json|jsonl``).
"""

from __future__ import annotations

import sys

import click
from rich.table import Table

from newsledger.cli.common import clip, db_option, open_ledger
from newsledger.cli.output import Listing, Row, console, emit, limit_of, listing_options, print_table, short
from newsledger.export import export_ledger
from newsledger.layers import REGISTRY, LayerSpec
from newsledger.records import to_dict
from newsledger.store import LedgerError, queries
from newsledger.store.queries import Filters, Source


@click.command()
@db_option
@click.option("--format", "fmt", type=click.Choice(["json", "jsonl", "csv"]), default="json", show_default=True)
@click.option("-o", "--output", help="File to write (default: stdout). CSV writes one file per list: FILE.csv -> FILE.quotes.csv, or a directory.")
def export(db: str, fmt: str, output: str | None) -> None:
    """Write the whole ledger in the documented export format (resources/export.schema.json)."""
    if fmt == "csv" and not output:
        raise click.UsageError("CSV export writes one file per list: give -o FILE.csv or -o DIR")
    with open_ledger(db) as ledger:
        try:
            export_ledger(ledger, fmt, output if output else sys.stdout)
        except OSError as err:
            raise click.ClickException(f"{output}: cannot write: {err.strerror}") from err


@click.command()
@db_option
@click.option("--limit", default=10, show_default=True, help="Rows shown per section.")
def summary(db: str, limit: int) -> None:
    """A readable view of the ledger: the newest articles, top speakers and holders, and
    the first records of every layer (each section one page, read in SQL)."""
    with open_ledger(db) as ledger:
        out = console()
        out.print(f"[bold]{ledger.name}[/bold]: " + ", ".join(f"{n} {t}" for t, n in ledger.counts().items()))
        articles = queries.sources(ledger, Filters(limit=limit, newest_first=True))
        table = Table(title="Newest articles", title_justify="left")
        for column in ("published", "outlet", "title"):
            table.add_column(column, overflow="fold")
        for a in articles:
            table.add_row(a.day or "?", a.outlet or "?", clip(a.title or a.article_id, 70))
        out.print(table)
        top = Table(title="Most quoted speakers", title_justify="left")
        for column in ("speaker", "quotes"):
            top.add_column(column)
        for name, n in queries.top_values(ledger, "quotes", "speaker", limit):
            top.add_row(name, str(n))
        out.print(top)
        for spec in REGISTRY:
            found = queries.records(ledger, spec.name, Filters(limit=limit))
            if found:
                print_table(layer_listing(spec, found), out)


def layer_listing(spec: LayerSpec, found: list[tuple[object, Source]]) -> Listing:
    """A layer's records under its registry columns (``LayerSpec.columns``), the article
    shown as date · outlet · title."""
    columns = tuple(c.header for c in spec.columns if c.header != "article") + ("article",)
    rows = []
    for record, source in found:
        cells = {}
        for column in spec.columns:
            value = column.value(record)
            cells[column.header] = clip(str(value), column.width) if column.width and value else value
        cells["article"] = short(source)
        rows.append(Row(cells, to_dict(record), source, getattr(record, "span", None)))
    return Listing(spec.name, spec.singular, spec.title, columns, rows)


@click.command()
@db_option
@click.option("--speaker", help="Canonical name or alias of the speaker (e.g. 'Trump').")
@click.option("--search", "text", help="Words to find in the quote text (e-mail, Putin's, \"a phrase\").")
@click.option("--raw", is_flag=True, help="Read --search as FTS5 syntax (AND, OR, NOT, prefix*) on SQLite, web-search syntax on PostgreSQL.")
@click.option("--outlet", help="Only quotes from this outlet.")
@listing_options()
def quotes(db: str, speaker: str | None, text: str | None, raw: bool, outlet: str | None, since: str | None,
           until: str | None, fmt: str, limit: int | None) -> None:
    """Who said what: quotes with speaker, outlet, date and the words, oldest first."""
    with open_ledger(db) as ledger:
        try:
            if speaker or text:
                found = [(quote, Source(a.id, a.title, a.outlet, a.published, a.url)) for quote, a in
                         ledger.search_quotes(speaker=speaker, text=text, outlet=outlet, since=since, until=until, raw=raw,
                                              limit=limit_of(limit))]
            else:  # a page of the oldest quotes, read along the published index
                found = queries.records(ledger, "quotes", Filters(outlet=outlet, since=since, until=until,
                                                                  limit=limit_of(limit)))
        except LedgerError as err:
            raise click.ClickException(str(err)) from err
    rows = []
    for quote, source in found:
        who = quote.speaker or f"unknown ({quote.speaker_mention or 'unattributed'})"
        cells = {"date": source.day, "outlet": source.outlet, "speaker": who,
                 "how": " ".join(p for p in (quote.cue, quote.medium) if p), "kind": quote.kind,
                 "quote": " ".join(quote.text.split()), "title": source.title}
        rows.append(Row(cells, to_dict(quote), source, quote.span))
    columns = ("date", "speaker", "quote", "outlet", "kind", "how", "title")
    emit(Listing("quotes", "quote", f"{len(rows)} quotes", columns, rows, "no quotes match"), fmt)
