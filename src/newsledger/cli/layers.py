"""Commands over the analytic layers: ``events``, ``stances``, ``commitments`` and
``options ISSUE`` (the options × parties table). Each reads the ledger, filters in
Python, and prints one rich table; the work is done by library functions.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import click
from rich.table import Table

from newsledger.annotate.stances.issues import known_keys
from newsledger.annotate.stances.options import options_table, unopposed
from newsledger.cli.common import clip, console, db_option, iso_date, open_ledger
from newsledger.records import Commitment, Event, Stance

UNATTRIBUTED = "(unattributed)"


#: Width of the table when printing to a pipe or file: wide rows beat elided cells.
PIPE_WIDTH = 200


def _print(table: Table) -> None:
    out = console()
    if not out.is_terminal:
        out.width = PIPE_WIDTH
    out.print(table)


def _table(title: str, columns: Iterable[str], rows: Iterable[Iterable[Any]]) -> Table:
    table = Table(title=title, show_lines=False, title_justify="left")
    for column in columns:
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(*["" if v is None else str(v) for v in row])
    return table


def _dates(start: str | None, end: str | None) -> str:
    if start and end and start != end:
        return f"{start} – {end}"
    return start or end or ""


def event_rows(events: Iterable[Event]) -> list[tuple]:
    """One printable row per event."""
    return [
        (e.article_id, e.type, e.status, e.actor or ", ".join(e.participants), e.target,
         e.place or " / ".join(e.place_options), _dates(e.start, e.end),
         ", ".join(f"{q.value:g} {q.unit or ''}".strip() for q in e.quantities), e.source,
         clip(e.evidence, 70))
        for e in events
    ]


@click.command("events")
@db_option
@click.option("--type", "type_", help="Only events of this type (attack, meeting, …).")
def events_command(db: str, type_: str | None) -> None:
    """What happened or is planned: type, status, who, where, when, per whom."""
    with open_ledger(db) as ledger:
        events = [e for e in ledger.records("events") if type_ is None or e.type == type_]
    columns = ("article", "type", "status", "who", "target", "place", "when", "quantities", "source", "evidence")
    _print(_table(f"{len(events)} events", columns, event_rows(events)))


def stance_matches(stance: Stance, holder: str | None, issue: str | None) -> bool:
    """Whether a stance passes the ``--holder`` (case-insensitive substring) and ``--issue`` filters."""
    if holder and holder.casefold() not in (stance.holder or "").casefold():
        return False
    return issue is None or stance.issue == issue


@click.command("stances")
@db_option
@click.option("--holder", help="Only stances whose holder's name contains this.")
@click.option("--issue", help="Only stances on this issue key (e.g. troops-on-the-ground).")
def stances_command(db: str, holder: str | None, issue: str | None) -> None:
    """Who stands where: holder, polarity, modality, target and its issue key."""
    with open_ledger(db) as ledger:
        stances = [s for s in ledger.records("stances") if stance_matches(s, holder, issue)]
    rows = [
        (s.article_id, s.holder or UNATTRIBUTED, s.polarity, s.modality, clip(s.target, 60),
         s.issue, s.option, clip(s.evidence, 60))
        for s in stances
    ]
    columns = ("article", "holder", "polarity", "modality", "target", "issue", "option", "evidence")
    _print(_table(f"{len(stances)} stances", columns, rows))


def is_due_before(commitment: Commitment, limit: str | None) -> bool:
    """Whether a commitment is due before ``limit`` (an undated one never is)."""
    return limit is None or bool(commitment.due and commitment.due[:10] < limit)


@click.command("commitments")
@db_option
@click.option("--due-before", callback=iso_date, help="Only commitments due before this date (YYYY-MM-DD).")
def commitments_command(db: str, due_before: str | None) -> None:
    """What was promised, threatened, planned or expected, by whom and by when."""
    with open_ledger(db) as ledger:
        found = [c for c in ledger.records("commitments") if is_due_before(c, due_before)]
    rows = [
        (c.article_id, c.holder or UNATTRIBUTED, c.kind, clip(c.action, 60), c.condition,
         _dates(c.due_start, c.due) if c.due else "", clip(c.evidence, 60))
        for c in found
    ]
    columns = ("article", "holder", "kind", "action", "condition", "due", "evidence")
    _print(_table(f"{len(found)} commitments", columns, rows))


@click.command("options")
@db_option
@click.argument("issue")
def options_command(db: str, issue: str) -> None:
    """The options weighed for ISSUE (e.g. meeting-venue) and each party's stance on
    each; the last column says whether any party objects."""
    with open_ledger(db) as ledger:
        table = options_table(ledger.records("stances"), ledger.records("events"), issue)
    options, parties, cells = table
    if not options:
        keys = ", ".join(k for k in known_keys() if k.endswith("-venue"))
        raise click.ClickException(f"no options recorded for issue {issue!r} (try: {keys})")
    free = set(unopposed(table))
    header = ("option", *[p or UNATTRIBUTED for p in parties], "no objection")
    rows = [
        (option, *[cells.get((option, p), "") for p in parties], "yes" if option in free else "no")
        for option in options
    ]
    _print(_table(f"options for {issue}", header, rows))


#: The commands this module adds to the ``newsledger`` group.
COMMANDS = (events_command, stances_command, commitments_command, options_command)
