"""Commands over the analytic layers: ``events``, ``stances``, ``commitments`` and
``options ISSUE`` (the options × parties table). The listings filter and page in SQL
(:mod:`newsledger.store.queries`) and print through :mod:`newsledger.cli.output`
(``--format table|csv|json|jsonl``, ``--limit``, ``--since/--until``).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import click
from rich.table import Table

from newsledger.annotate.stances.issues import known_keys
from newsledger.annotate.stances.options import options_table, unopposed
from newsledger.cli.common import clip, console, db_option, iso_date, open_ledger
from newsledger.cli.output import Listing, Row, emit, limit_of, listing_options
from newsledger.records import Commitment, Event, Stance, to_dict
from newsledger.store import queries
from newsledger.store.queries import Filters, Source

UNATTRIBUTED = "(unattributed)"


def _print(table: Table) -> None:
    console().print(table)


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


def _listing(layer: str, kind: str, title: str, columns: tuple[str, ...],
             found: list[tuple[Any, Source]], cells: Any) -> Listing:
    rows = [Row({**cells(r), "date": s.day, "outlet": s.outlet, "title": clip(s.title, 50) if s.title else None},
                to_dict(r), s, r.span) for r, s in found]
    return Listing(layer, kind, f"{len(rows)} {title}", columns, rows, f"no {title} match")


@click.command("events")
@db_option
@click.option("--type", "type_", help="Only events of this type (attack, meeting, …).")
@listing_options()
def events_command(db: str, type_: str | None, fmt: str, limit: int | None, since: str | None,
                   until: str | None) -> None:
    """What happened or is planned: type, status, who, where, when, per whom."""
    where = (("r.type = ?",), (type_,)) if type_ else ((), ())
    with open_ledger(db) as ledger:
        found = queries.records(ledger, "events", Filters(where=where[0], params=where[1], since=since, until=until,
                                                          limit=limit_of(limit)))
    columns = ("date", "type", "status", "who", "evidence", "quantities", "when", "place", "target", "outlet",
               "source", "title")
    emit(_listing("events", "event", "events", columns, found, _event_cells), fmt)


def _event_cells(e: Event) -> dict[str, Any]:
    return {"type": e.type, "status": e.status, "who": e.actor or ", ".join(e.participants), "target": e.target,
            "place": e.place or " / ".join(e.place_options), "when": _dates(e.start, e.end),
            "quantities": ", ".join(f"{q.value:g} {q.unit or ''}".strip() for q in e.quantities),
            "source": e.source, "evidence": " ".join(e.evidence.split())}


def stance_matches(stance: Stance, holder: str | None, issue: str | None) -> bool:
    """Whether a stance passes the ``--holder`` (case-insensitive substring) and ``--issue`` filters."""
    if holder and holder.casefold() not in (stance.holder or "").casefold():
        return False
    return issue is None or stance.issue == issue


@click.command("stances")
@db_option
@click.option("--holder", help="Only stances whose holder's name contains this.")
@click.option("--issue", help="Only stances on this issue key (e.g. troops-on-the-ground).")
@listing_options()
def stances_command(db: str, holder: str | None, issue: str | None, fmt: str, limit: int | None,
                    since: str | None, until: str | None) -> None:
    """Who stands where: holder, polarity, modality, target and its issue key."""
    with open_ledger(db) as ledger:
        found = queries.records(ledger, "stances", queries.stance_filters(holder=holder, issue=issue, since=since,
                                                                          until=until, limit=limit_of(limit)))
    columns = ("date", "holder", "polarity", "issue", "target", "evidence", "modality", "option", "outlet", "title")
    emit(_listing("stances", "stance", "stances", columns, found, lambda s: {
        "holder": s.holder or UNATTRIBUTED, "polarity": s.polarity, "modality": s.modality, "target": s.target,
        "issue": s.issue, "option": s.option, "evidence": " ".join(s.evidence.split())}), fmt)


def is_due_before(commitment: Commitment, limit: str | None) -> bool:
    """Whether a commitment is due before ``limit`` (an undated one never is)."""
    return limit is None or bool(commitment.due and commitment.due[:10] < limit)


@click.command("commitments")
@db_option
@click.option("--due-before", callback=iso_date, help="Only commitments due before this date (YYYY-MM-DD).")
@listing_options()
def commitments_command(db: str, due_before: str | None, fmt: str, limit: int | None, since: str | None,
                        until: str | None) -> None:
    """What was promised, threatened, planned or expected, by whom and by when."""
    where = (("r.due IS NOT NULL", "substr(r.due, 1, 10) < ?"), (due_before,)) if due_before else ((), ())
    with open_ledger(db) as ledger:
        found = queries.records(ledger, "commitments", Filters(where=where[0], params=where[1], since=since,
                                                               until=until, limit=limit_of(limit)))
    columns = ("date", "holder", "kind", "action", "due", "evidence", "condition", "outlet", "title")
    emit(_listing("commitments", "commitment", "commitments", columns, found, lambda c: {
        "holder": c.holder or UNATTRIBUTED, "kind": c.kind, "action": c.action, "condition": c.condition,
        "due": _dates(c.due_start, c.due) if c.due else "", "evidence": " ".join(c.evidence.split())}), fmt)


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
