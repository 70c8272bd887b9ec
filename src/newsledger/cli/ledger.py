"""The command that fills the ledger: ingest (the reading commands are in
:mod:`newsledger.cli.listings`, which imports no pipeline)."""

from __future__ import annotations

import logging
import sys
from collections.abc import Sequence
from pathlib import Path

import click
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from newsledger.cli.common import db_option, open_ledger, settings_of
from newsledger.engine import ENGINES
from newsledger.ingest import Overrides, parse_published
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
        task = progress.add_task("ingesting", total=known_total(paths))

        def advance(phase: str, done: int) -> None:
            progress.update(task, description=phase, completed=done if phase == "annotating" else None)

        try:
            report = ingest_paths(
                paths, ledger, overrides=overrides, settings=settings, engine=engine_name,
                scheduler=scheduler, workers=workers, stdin=sys.stdin.buffer,
                on_failure=lambda line: click.echo(f"error: {line}", err=True), on_progress=advance,
            )
        except LedgerError as err:
            raise click.ClickException(f"{db}: {err}") from err  # says what was stored before it
    if not quiet:
        click.echo(report.line())
    if report.failures:
        sys.exit(1)


#: Inputs that hold exactly one article each: their count is the ingest's total.
ONE_ARTICLE_SUFFIXES = frozenset({".txt", ".html", ".htm"})


def known_total(paths: Sequence[str]) -> int | None:
    """How many articles ``paths`` hold when every input is one article (text or HTML
    files, directories of them), else ``None`` (a feed, JSONL or WARC file, stdin: the
    count is known only once read). The progress bar is determinate, with an ETA, when
    this is known."""
    total = 0
    for name in paths:
        path = Path(name)
        files = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else None
        if files is None or any(f.suffix.lower() not in ONE_ARTICLE_SUFFIXES for f in files):
            return None
        total += len(files)
    return total or None


def _progress(quiet: bool) -> Progress:
    """A bar with done/total and the time left when the total is known; a pulsing bar
    and the count when it is not."""
    return Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("articles"),
        TimeElapsedColumn(),
        TextColumn("ETA"),
        TimeRemainingColumn(),
        transient=True,
        disable=quiet or not sys.stderr.isatty(),
        console=None,
    )
