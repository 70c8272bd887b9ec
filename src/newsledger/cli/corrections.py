"""Commands that correct single records: ``fix`` and ``reject``.

``newsledger fix RECORD_ID --speaker NAME`` (quotes), ``--holder NAME`` (stances,
commitments) or ``--polarity support|oppose`` (stances); ``newsledger reject RECORD_ID``.
Each correction is stored with who made it and when (:mod:`newsledger.link.corrections`),
kept through ``relink`` and re-ingest, applied by every reader and listed in the export;
``newsledger corrections`` lists them. Record ids are in the export and the web app.
"""

from __future__ import annotations

import click
from rich.table import Table

from newsledger.cli.common import console, db_option, open_ledger
from newsledger.link import corrections as corr
from newsledger.store import LedgerError

_BY = click.option("--by", "author", help="Who makes the correction (default: your login name).")


@click.command()
@click.argument("record_id")
@click.option("--speaker", help="The quote's speaker: a name or alias `newsledger entities` shows.")
@click.option("--holder", help="The stance's or commitment's holder: a name or alias the ledger shows.")
@click.option("--polarity", type=click.Choice(["support", "oppose"]), help="The stance's polarity.")
@_BY
@db_option
def fix(record_id: str, speaker: str | None, holder: str | None, polarity: str | None, author: str | None,
        db: str) -> None:
    """Correct one field of the record RECORD_ID (kept through relink and re-ingest)."""
    given = {k: v for k, v in (("speaker", speaker), ("holder", holder), ("polarity", polarity)) if v}
    if len(given) != 1:
        raise click.UsageError("give exactly one of --speaker, --holder, --polarity")
    (field, value), = given.items()
    with open_ledger(db) as ledger:
        try:
            done = corr.fix(ledger, record_id, field, value, author)
        except LedgerError as err:
            raise click.ClickException(str(err)) from err
    click.echo(f"fixed {done.layer} record {record_id}: {field} = {value!r} (by {done.author}, {done.created})")


@click.command()
@click.argument("record_id")
@_BY
@db_option
def reject(record_id: str, author: str | None, db: str) -> None:
    """Mark the record RECORD_ID as wrong: it leaves the pages, counts and export."""
    with open_ledger(db) as ledger:
        try:
            done = corr.reject(ledger, record_id, author)
        except LedgerError as err:
            raise click.ClickException(str(err)) from err
    click.echo(f"rejected {done.layer} record {record_id} (by {done.author}, {done.created})")


@click.command("corrections")
@db_option
def corrections_command(db: str) -> None:
    """Every record correction, oldest first, with who made it and when."""
    with open_ledger(db) as ledger:
        found = corr.corrections(ledger)
    table = Table(title=f"Corrections ({len(found)})", title_justify="left")
    for column in ("when", "by", "record", "layer", "correction"):
        table.add_column(column)
    for c in found:
        table.add_row(c.created, c.author, c.record_id, c.layer,
                      "reject" if c.action == "reject" else f"{c.field} = {c.value}")
    console().print(table)


#: The commands to register on the ``newsledger`` group.
COMMANDS = (fix, reject, corrections_command)

__all__ = ["COMMANDS"]
