"""Commands over the ledger across articles: entities, entity, stories, timeline,
changes, relink.

``newsledger entity NAME`` shows one entity; ``newsledger entity merge A B`` and
``newsledger entity split A MEMBER`` record a manual decision (kept in the ledger and
re-applied on every later ingest). The library does the work (:mod:`newsledger.link`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict

import click
from rich.table import Table

from newsledger import link
from newsledger.cli.common import clip, console, db_option, iso_date, open_ledger, settings_of
from newsledger.cli.output import FORMATS, Listing, Row, emit, limit_of, listing_options
from newsledger.layers import REGISTRY
from newsledger.link import Ledger
from newsledger.link import stories as link_stories
from newsledger.link import timeline as tl
from newsledger.records import to_dict
from newsledger.store import queries
from newsledger.store.queries import Filters, Source
from newsledger.link.resolve import Cluster, find_cluster, read_clusters
from newsledger.store import LedgerError


#: The ``timeline`` view's layer names, in registry order.
TIMELINE_LAYERS: tuple[str, ...] = tuple(spec.singular for spec in REGISTRY)


class DefaultGroup(click.Group):
    """A group whose first argument, when not a subcommand, goes to ``show``:
    ``entity "Hillary Clinton"`` is ``entity show "Hillary Clinton"``."""

    default = "show"

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ("-h", "--help"):
            args = [self.default, *args]
        return super().parse_args(ctx, args)


def _cluster(ledger: Ledger, name: str) -> Cluster:
    found = find_cluster(ledger, name)
    if found is None:
        raise click.ClickException(f"no entity named {name!r}; `newsledger entities` lists them")
    return found


@click.command()
@db_option
@click.option("--type", "type_", help="Only this type (PERSON, ORG, GPE, NORP…).")
@click.option("--limit", default=30, show_default=True, help="Rows shown.")
def entities(db: str, type_: str | None, limit: int) -> None:
    """Entities across articles: one row per person or body, with its aliases."""
    with open_ledger(db) as ledger:
        clusters = [c for c in read_clusters(ledger) if type_ is None or c.type == type_.upper()]
    table = Table(title=f"Entities ({len(clusters)})", title_justify="left")
    for column in ("entity", "type", "articles", "aliases"):
        table.add_column(column)
    for c in clusters[:limit]:
        table.add_row(c.name, c.type, str(c.articles), clip(", ".join(c.aliases), 70))
    console().print(table)


@click.group(cls=DefaultGroup, invoke_without_command=False)
def entity() -> None:
    """One entity across articles: `entity NAME`, `entity merge A B`, `entity split A B`."""


@entity.command("show")
@click.argument("name")
@db_option
@click.option("--limit", default=10, show_default=True, help="Records shown per layer.")
def show(name: str, db: str, limit: int) -> None:
    """Aliases, quotes, stances, events and commitments of the entity called NAME (or an
    alias): the same records, counted the same way, as its web page and API route."""
    with open_ledger(db) as ledger:
        cluster = _cluster(ledger, name)
        found = ledger.entity_records(cluster)
        days = dict(ledger.execute("SELECT id, substr(published, 1, 10) FROM articles").fetchall())
    out = console()
    out.print(f"[bold]{cluster.name}[/bold] ({cluster.type}, {cluster.articles} articles)")
    out.print("aliases: " + (", ".join(cluster.aliases) or "–"))
    for layer, records in found.by_layer().items():
        out.print(f"[bold]{layer}[/bold] ({len(records)})")
        for r in records[:limit]:
            mark = " [bold yellow]corrected[/bold yellow]" if r.id in found.corrected else ""
            out.print(f"  {days.get(r.article_id) or '?'} {_label(r)}: {clip(_evidence(r), 100)} "
                      f"[dim]({r.article_id}; {r.id})[/dim]{mark}")


def _label(record: object) -> str:
    """What kind of record: a quote's kind, a stance's polarity, an event's type, a commitment's kind."""
    return str(getattr(record, "polarity", None) or getattr(record, "kind", None) or getattr(record, "type", ""))


def _evidence(record: object) -> str:
    return str(getattr(record, "text", None) or getattr(record, "evidence", None) or getattr(record, "action", ""))


@entity.command("merge")
@click.argument("target")
@click.argument("other")
@click.option("--by", "author", default="", help="Who takes the decision (default: your login name).")
@db_option
def merge(target: str, other: str, author: str, db: str) -> None:
    """Record that OTHER is the same entity as TARGET (any name or alias the ledger
    shows; kept for later ingests and relinks)."""
    with open_ledger(db) as ledger:
        try:
            ledger.merge_entities(target, other, author)
        except LedgerError as err:
            raise click.ClickException(str(err)) from err
    click.echo(f"merged {other!r} into {target!r}")


@entity.command("split")
@click.argument("target")
@click.argument("member")
@click.option("--by", "author", default="", help="Who takes the decision (default: your login name).")
@db_option
def split(target: str, member: str, author: str, db: str) -> None:
    """Record that MEMBER (a member name or an alias TARGET shows, "President Clinton")
    is not TARGET: the rows that carry it become an entity of their own."""
    with open_ledger(db) as ledger:
        try:
            ledger.split_entity(target, member, author)
        except LedgerError as err:
            raise click.ClickException(str(err)) from err
    click.echo(f"split {member!r} out of {target!r}")


@click.command()
@db_option
@click.option("--min-articles", default=2, show_default=True, help="Hide smaller stories.")
@listing_options(limit=30)
def stories(db: str, min_articles: int, fmt: str, limit: int | None, since: str | None, until: str | None) -> None:
    """Stories: articles clustered across outlets and days, largest first."""
    with open_ledger(db) as ledger:
        found = link_stories.stories_page(ledger, min_articles=min_articles, since=since, until=until,
                                          limit=limit_of(limit))
    rows = [Row({"id": s.id, "from": s.start, "to": s.end, "articles": len(s.article_ids), "title": s.title,
                 "actors": ", ".join(s.actors)}, to_dict(s)) for s in found]
    columns = ("title", "from", "to", "articles", "actors", "id")
    emit(Listing("stories", "story", f"Stories with at least {min_articles} articles ({len(rows)} shown)", columns,
                 rows, "no stories match"), fmt)


@click.command()
@db_option
@click.option("--entity", "name", help="Only records of this entity (name or alias).")
@click.option("--story", help="Only records of this story (id from `newsledger stories`).")
@click.option("--layer", "layers", multiple=True, type=click.Choice(TIMELINE_LAYERS),
              help="Layers to show (repeat it); default: event, quote, commitment.")
@click.option("--times", is_flag=True, help="Add the time mentions (every date an article names).")
@click.option("--as-of", callback=iso_date,
              help="Flag commitments due before this date with no matching event (default: the ledger's latest publication day).")
@click.option("--offset", type=click.IntRange(min=0), default=0, help="Skip this many entries (the next page).")
@listing_options()
def timeline(db: str, name: str | None, story: str | None, layers: tuple[str, ...], times: bool,
             as_of: str | None, offset: int, fmt: str, limit: int | None, since: str | None,
             until: str | None) -> None:
    """A dated sequence of events, quotes and commitments (stances and time mentions on request)."""
    chosen = layers or tl.DEFAULT_LAYERS
    if times and "time" not in chosen:
        chosen = (*chosen, "time")
    with open_ledger(db) as ledger:
        cluster_id = _cluster(ledger, name).id if name else None
        article_ids = _story_articles(ledger, story) if story else None
        entries = tl.page(ledger, tl.Query(tuple(chosen), since, until, article_ids, cluster_id,
                                           limit=limit_of(limit), offset=offset))
        as_of = as_of or queries.latest_published(ledger)
        ids = [e.record_id for e in entries if e.layer == "commitment"]
        late: set[str] = set()
        if ids and as_of:
            commitments = [c for c, _ in queries.records(ledger, "commitments", Filters(
                where=(f"r.id IN ({', '.join('?' for _ in ids)})",), params=tuple(ids)))]
            late = tl.overdue_ids(ledger, commitments, as_of)
        sources = queries.sources_by_id(ledger, [e.article_id for e in entries])
    rows = []
    for e in entries:
        source = sources.get(e.article_id, Source(e.article_id))
        record = {**asdict(e), "span": list(e.span), "overdue": e.record_id in late}
        rows.append(Row({"date": e.date, "layer": e.layer, "kind": e.kind, "who": e.who, "what": e.what,
                         "overdue": "OVERDUE" if e.record_id in late else "", "outlet": e.outlet,
                         "evidence": " ".join(e.evidence.split()), "title": source.title},
                        record, source, e.span))
    columns = ("date", "layer", "kind", "who", "what", "overdue", "outlet", "evidence", "title")
    title = f"{len(rows)} dated records" + (f" (overdue as of {as_of})" if as_of else "")
    emit(Listing("timeline", "timeline_entry", title, columns, rows, "no dated records match"), fmt)


def _story_articles(ledger: Ledger, story_id: str) -> list[str]:
    found = link_stories.read_story(ledger, story_id)
    if found is None:
        raise click.ClickException(f"no story {story_id!r}; `newsledger stories` lists them")
    return list(found.article_ids)


@click.command()
@db_option
@click.option("--since", callback=iso_date, required=True, help="Changes on or after this date (YYYY-MM-DD).")
@click.option("--as-of", callback=iso_date,
              help="Today's date for overdue commitments (default: the ledger's latest publication day).")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True,
              help="table for reading; csv, json or jsonl for scripts.")
def changes(db: str, since: str, as_of: str | None, fmt: str) -> None:
    """What changed since a date: stance changes, commitments that fell overdue."""
    with open_ledger(db) as ledger:
        as_of = as_of or queries.latest_published(ledger) or dt.date.today().isoformat()
        moved = tl.stance_changes(ledger, since=since)
        late = [(c, day) for c, day in tl.overdue(ledger, as_of) if (c.due or "") >= since]
        names = tl.Names(ledger)
    if fmt != "table":
        rows = [Row({"change": "stance", "date": change.after_date, "who": change.holder, "what": change.describe(),
                     "evidence": change.after.evidence},
                    {"kind": "stance_change", "holder": change.holder, "topic": change.topic,
                     "before": to_dict(change.before), "after": to_dict(change.after),
                     "before_date": change.before_date, "after_date": change.after_date}, None, change.after.span)
                for change in moved]
        rows += [Row({"change": "overdue", "date": c.due, "who": names.canonical(c.article_id, c.holder),
                      "what": f"{c.kind} to {c.action}", "evidence": c.evidence},
                     {"kind": "overdue_commitment", "made": day, "as_of": as_of, "commitment": to_dict(c)},
                     None, c.span) for c, day in late]
        emit(Listing("changes", "change", "changes", ("change", "date", "who", "what", "evidence"), rows), fmt)
        return
    out = console()
    out.print(f"[bold]stance changes since {since}[/bold] ({len(moved)})")
    for change in moved:
        out.print(f"  {change.describe()}")
        for stance, day in ((change.before, change.before_date), (change.after, change.after_date)):
            out.print(f"    {day}: {clip(stance.evidence, 100)} [dim]({stance.article_id} {list(stance.span)})[/dim]")
    out.print(f"[bold]commitments due since {since}, overdue as of {as_of}[/bold] ({len(late)})")
    for c, day in late:
        who = names.canonical(c.article_id, c.holder) or "?"
        out.print(f"  due {c.due}: {who} {c.kind} to {clip(c.action, 80)} [dim](made {day or '?'}; "
                  f"{c.article_id} {list(c.span)})[/dim]")


@click.command()
@db_option
@click.pass_context
def relink(ctx: click.Context, db: str) -> None:
    """Recompute every cross-article link from the stored records (decisions kept),
    with the [link] settings of ``newsledger --config FILE``."""
    with open_ledger(db) as ledger:
        result = link.relink(ledger, settings_of(ctx).link)
    click.echo(f"{result.articles} articles linked: {result.duplicates} duplicates, "
               f"{result.stories} stories")


#: The commands to register on the ``newsledger`` group.
COMMANDS = (entities, entity, stories, timeline, changes, relink)

__all__ = ["COMMANDS", "DefaultGroup"]
