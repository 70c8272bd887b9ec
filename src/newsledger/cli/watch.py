"""``newsledger watch FEED_URL… --every 15m``: poll feeds and ingest their new entries."""

from __future__ import annotations

import logging
import sys
import time

import click

from newsledger.cli.common import db_option, open_ledger, settings_of
from newsledger.ingest import Overrides
from newsledger.store import LedgerError
from newsledger.watch import parse_interval, poll


def _interval(ctx: click.Context, param: click.Parameter, value: str) -> float:
    try:
        return parse_interval(value)
    except ValueError as err:
        raise click.BadParameter(str(err)) from None


@click.command()
@click.argument("feeds", nargs=-1, required=True, metavar="FEED_URL...")
@db_option
@click.option("--every", "every", default="15m", show_default=True, callback=_interval,
              help="Time between polls: 15m, 1h, 90s, 2h30m.")
@click.option("--once", is_flag=True, help="Poll each feed once and exit.")
@click.option("--lang", "languages", metavar="CODES",
              help="Languages to keep: 'en' (the default setting), 'en,fr', or 'any'.")
@click.option("--outlet", help="Outlet name for the entries (default: the feed's title).")
@click.option("-q", "--quiet", is_flag=True, help="Errors only.")
@click.pass_context
def watch(ctx: click.Context, feeds: tuple[str, ...], db: str, every: float, once: bool,
          languages: str | None, outlet: str | None, quiet: bool) -> None:
    """Poll RSS/Atom feeds and ingest the entries not seen before, every --every.

    Each poll is a conditional request (an unchanged feed costs a 304); the ids of the
    entries ingested are kept in the ledger, so an entry is read once however often
    the feed repeats it. A feed or entry that fails is one line naming it; the others
    go on. Stop with Ctrl-C.
    """
    settings = settings_of(ctx)
    if languages:
        settings = settings.replace("ingest", languages=languages)
    if quiet:
        logging.getLogger("newsledger").setLevel(logging.ERROR)
    failed = False
    try:
        while True:
            with open_ledger(db, must_exist=False) as ledger:
                try:
                    results = poll(ledger, list(feeds), settings=settings, overrides=Overrides(outlet=outlet),
                                   on_failure=lambda line: click.echo(f"error: {line}", err=True))
                except LedgerError as err:
                    raise click.ClickException(f"{db}: nothing stored: {err}") from err
            for result in results:
                failed = failed or result.status == "failed"
                if not quiet and result.status != "failed":
                    click.echo(result.line())
            if once:
                break
            time.sleep(every)
    except KeyboardInterrupt:
        pass
    if once and failed:
        sys.exit(1)
