"""Commands that fill and read the ledger: ingest, export, summary, quotes."""

from __future__ import annotations

import logging
import sys
from collections import Counter

import click
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from newsledger.cli.common import clip, console, db_option, iso_date, open_ledger, settings_of
from newsledger.engine import ENGINES
from newsledger.export import export_ledger
from newsledger.ingest import Overrides, parse_published
from newsledger.layers import REGISTRY, LayerSpec
from newsledger.link import Ledger
from newsledger.store import LedgerError
from newsledger.workflow import ingest_paths


def _published(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return parse_published(value)
    except ValueError as err:
        raise click.BadParameter(str(err)) from None


@click.command()
@click.argument("paths", nargs=-1, metavar="PATH|URL...")
@click.option("-i", "--input-list", "lists", multiple=True, type=click.File("r", encoding="utf-8"),
              help="A file of inputs, one a line (URLs or paths; blank lines and # comments skipped); - for stdin.")
@click.option("--lang", "languages", metavar="CODES",
              help="Languages to keep: 'en' (the default setting), 'en,fr', or 'any'; others are skipped with a warning.")
@db_option
@click.option("--published", callback=_published, help="Publication date (ISO 8601) for the inputs; overrides their metadata.")
@click.option("--outlet", help="Outlet name for the inputs (e.g. 'Sky News').")
@click.option("--url", help="URL of the article (for a single input).")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar, warnings or summary line; errors only.")
@click.option("--engine", "engine_name", type=click.Choice(ENGINES), default="local", show_default=True,
              help="Where to annotate: this process, or a Dask cluster (docs/scale.md).")
@click.option("--scheduler", metavar="ADDRESS", help="Dask scheduler to use (e.g. tcp://10.0.0.5:8786); default: a local cluster.")
@click.option("--workers", type=click.IntRange(min=1), help="Worker processes of the local Dask cluster (default: one per core).")
@click.pass_context
def ingest(
    ctx: click.Context, paths: tuple[str, ...], lists: tuple, languages: str | None, db: str, published: str | None,
    outlet: str | None, url: str | None, quiet: bool, engine_name: str, scheduler: str | None, workers: int | None,
) -> None:
    """Read articles, extract their records and store them in the ledger.

    PATH is a .txt, .html, RSS/Atom feed, .warc(.gz) or .jsonl file, a directory
    (read recursively), - for stdin, or an http(s) URL (fetched, keeping the URL and
    the fetch date; requests to one host are spaced by [ingest] fetch_delay). -i FILE
    reads inputs from FILE, one a line. Articles not in English (or --lang) are
    skipped with a warning. An article already in the ledger is skipped
    and reported as a duplicate; a bad input is reported on one line and the others
    are still ingested. The whole call is one transaction, taken once every article is
    annotated (other writers wait only while it stores and links). With ``--engine dask``
    the articles are annotated on a Dask cluster and written here.
    """
    if engine_name != "dask" and (scheduler or workers):
        raise click.UsageError("--scheduler and --workers need --engine dask")
    if scheduler and workers:
        raise click.UsageError("--workers sizes the local cluster: an existing scheduler has its own workers")
    if quiet:
        logging.getLogger("newsledger").setLevel(logging.ERROR)
    paths = (*paths, *(line.strip() for listed in lists for line in listed
                       if line.strip() and not line.lstrip().startswith("#")))
    if not paths:
        raise click.UsageError("give at least one PATH or URL, or -i FILE")
    settings = settings_of(ctx) if not languages else settings_of(ctx).replace("ingest", languages=languages)
    overrides = Overrides(published=published, outlet=outlet, url=url)
    with open_ledger(db, must_exist=False) as ledger, _progress(quiet) as progress:
        task = progress.add_task("ingesting", total=None)

        def advance(phase: str, done: int) -> None:
            progress.update(task, description=phase, completed=done if phase == "annotating" else None)

        try:
            report = ingest_paths(
                paths, ledger, overrides=overrides, settings=settings, engine=engine_name,
                scheduler=scheduler, workers=workers, stdin=sys.stdin.buffer,
                on_failure=lambda line: click.echo(f"error: {line}", err=True), on_progress=advance,
            )
        except LedgerError as err:
            raise click.ClickException(f"{db}: nothing stored: {err}") from err
    if not quiet:
        click.echo(report.line())
    if report.failures:
        sys.exit(1)


def _progress(quiet: bool) -> Progress:
    return Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.completed} articles"),
        TimeElapsedColumn(),
        transient=True,
        disable=quiet or not sys.stderr.isatty(),
        console=None,
    )


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
    """A readable view of the ledger: articles, top entities, and every layer's records."""
    with open_ledger(db) as ledger:
        out = console()
        articles = ledger.articles()
        out.print(f"[bold]{ledger.name}[/bold]: " + ", ".join(f"{n} {t}" for t, n in ledger.counts().items()))
        table = Table(title="Articles", title_justify="left")
        for column in ("published", "outlet", "title", "id"):
            table.add_column(column)
        for article in articles[:limit]:
            table.add_row(article.published or "?", article.outlet or "?", clip(article.title or article.text, 60), article.id)
        out.print(table)
        out.print(_top_entities(ledger, limit))
        for spec in REGISTRY:
            records = ledger.records(spec.name)
            if records:
                out.print(_layer_table(spec, records[:limit]))


def _top_entities(ledger: Ledger, limit: int) -> Table:
    counts = Counter(m.entity_id for m in ledger.mentions())
    by_id = {e.id: e for e in ledger.entities()}
    table = Table(title="Top entities", title_justify="left")
    for column in ("entity", "type", "mentions", "aliases"):
        table.add_column(column)
    for entity_id, n in counts.most_common(limit):
        entity = by_id[entity_id]
        table.add_row(entity.name, entity.type, str(n), clip(", ".join(entity.aliases), 50))
    return table


def _layer_table(spec: LayerSpec, records: list) -> Table:
    """The layer's records under its registry columns (``LayerSpec.columns``)."""
    table = Table(title=spec.title, title_justify="left")
    for column in spec.columns:
        table.add_column(column.header)
    for record in records:
        cells = []
        for column in spec.columns:
            value = column.value(record)
            if column.width is not None:
                value = clip(value, column.width)
            cells.append(str(value) if value not in (None, "") else "–")
        table.add_row(*cells)
    return table


@click.command()
@db_option
@click.option("--speaker", help="Canonical name or alias of the speaker (e.g. 'Trump').")
@click.option("--search", "text", help="Full-text search over the quote text (SQLite FTS5 syntax).")
@click.option("--outlet", help="Only quotes from this outlet.")
@click.option("--since", callback=iso_date, help="Articles published on or after this date (YYYY-MM-DD).")
@click.option("--until", callback=iso_date, help="Articles published on or before this date (YYYY-MM-DD).")
def quotes(db: str, speaker: str | None, text: str | None, outlet: str | None, since: str | None, until: str | None) -> None:
    """Who said what: quotes with speaker, outlet, date and the words."""
    with open_ledger(db) as ledger:
        try:
            found = ledger.search_quotes(speaker=speaker, text=text, outlet=outlet, since=since, until=until)
        except LedgerError as err:
            raise click.ClickException(str(err)) from err
    out = console()
    for quote, article in found:
        who = quote.speaker or f"unknown ({quote.speaker_mention or 'unattributed'})"
        how = " ".join(p for p in (quote.cue, quote.medium) if p)
        where = " · ".join(p for p in (article.outlet, (article.published or "")[:10]) if p)
        out.print(f"[bold]{who}[/bold] {how} [dim]({quote.kind}; {where})[/dim]")
        mark = "“{}”" if quote.kind != "indirect" else "{}"
        out.print("  " + mark.format(" ".join(quote.text.split())))
    if not found:
        out.print("no quotes match")
