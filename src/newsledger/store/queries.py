"""Read queries whose cost follows the size of the answer, not of the ledger.

Every function filters and pages in SQL (``WHERE``, ``ORDER BY``, ``LIMIT``/``OFFSET``
on the indexed ``article_id``, ``speaker``, ``holder``… columns of
:mod:`newsledger.store.schema`) and joins each record to its article's metadata
(:class:`Source`) without reading the article's text. The CLI listings and the web
pages read through these; ``Ledger.records(layer)`` (everything) stays for the export.

Portable SQL only (``?`` parameters, ``lower()``, ``substr()``): ``Ledger.execute``
translates it for PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from newsledger.store import schema
from newsledger.store.ledger import Ledger

#: Article columns read with a record: everything but the texts.
SOURCE_SQL = "a.id, a.title, a.outlet, a.published, a.url"

#: Oldest article first, then the record's place in its article. Written so that SQLite
#: walks ``idx_articles_published`` and stops at the page's end (a ``CROSS JOIN`` keeps
#: articles the outer loop; only each article's own records are sorted): a page of the
#: oldest quotes reads a page, where ``published IS NULL, published`` sorted every
#: quote of the ledger (0.1 s at 10,000 articles against 1 ms). Undated articles come
#: first in SQLite (NULL sorts low), last in PostgreSQL.
ORDER = "a.published, a.rowid, r.span_start"
NEWEST = "a.published DESC, a.rowid DESC, r.span_start"


@dataclass(frozen=True, slots=True)
class Source:
    """Where a record was read: its article's id, title, outlet, day and URL."""

    article_id: str
    title: str | None = None
    outlet: str | None = None
    published: str | None = None
    url: str | None = None

    @property
    def day(self) -> str | None:
        return (self.published or "")[:10] or None

    def as_dict(self) -> dict[str, Any]:
        return {"title": self.title, "outlet": self.outlet, "published": self.published, "url": self.url}


@dataclass(frozen=True)
class Filters:
    """What a listing asks for: ``where`` clauses on the record (alias ``r``) or its
    article (alias ``a``) with their ``params``, the article filters, and the page."""

    where: tuple[str, ...] = ()
    params: tuple[Any, ...] = ()
    outlet: str | None = None
    since: str | None = None
    until: str | None = None
    article_ids: Sequence[str] | None = None
    limit: int | None = None
    offset: int = 0
    newest_first: bool = False
    extra: dict[str, Any] = field(default_factory=dict)

    def sql(self) -> tuple[str, list[Any]]:
        """``"WHERE …"`` and its parameters (empty when nothing filters)."""
        clauses, params = list(self.where), list(self.params)
        if self.outlet:
            clauses.append("lower(a.outlet) = lower(?)")
            params.append(self.outlet)
        if self.since:
            clauses.append("substr(a.published, 1, 10) >= ?")
            params.append(self.since[:10])
        if self.until:
            clauses.append("substr(a.published, 1, 10) <= ?")
            params.append(self.until[:10])
        if self.article_ids is not None:
            ids = list(self.article_ids)
            clauses.append(f"a.id IN ({', '.join('?' for _ in ids)})" if ids else "1 = 0")
            params.extend(ids)
        return ("WHERE " + " AND ".join(clauses) if clauses else ""), params

    def page_sql(self) -> tuple[str, list[Any]]:
        if self.limit is None:
            return ("", []) if not self.offset else (" LIMIT ? OFFSET ?", [2**62, self.offset])
        return " LIMIT ? OFFSET ?", [self.limit, self.offset]


@cache
def _table(name: str) -> schema.Table:
    return schema.table(name)


def _columns(t: schema.Table, alias: str = "r") -> str:
    return ", ".join(f"{alias}.{schema.ident(c)}" for c in t.columns)


def stance_filters(*, holder: str | None = None, issue: str | None = None, article_ids: Sequence[str] | None = None,
                   since: str | None = None, until: str | None = None, keyed: bool | None = None,
                   limit: int | None = None) -> Filters:
    """Stances whose holder's name contains ``holder`` (any case) and whose issue key is
    ``issue``; ``keyed`` True / False: only stances with / without an issue key (the
    stance matrix and its "no key" count; the ``stances`` command takes both)."""
    where, params = [], []
    if keyed is not None:
        where.append("r.issue IS NOT NULL" if keyed else "r.issue IS NULL")
    if holder:
        where.append("lower(r.holder) LIKE ?")
        params.append(f"%{holder.casefold()}%")
    if issue:
        where.append("r.issue = ?")
        params.append(issue)
    return Filters(where=tuple(where), params=tuple(params), article_ids=article_ids, since=since, until=until,
                   limit=limit)


def records(ledger: Ledger, layer: str, filters: Filters = Filters()) -> list[tuple[Any, Source]]:
    """``(record, Source)`` of one layer (``"quotes"``, ``"events"``…) that pass ``filters``,
    oldest article first (newest with ``newest_first``), one page of them."""
    t = _table(layer)
    where, params = filters.sql()
    page, page_params = filters.page_sql()
    order = NEWEST if filters.newest_first else ORDER
    # Walk the articles in order unless a clause on the record (an indexed speaker,
    # entity, holder…) is more selective: then the planner finds the matches first.
    # (CROSS JOIN is SQLite's way to fix the loop order; PostgreSQL plans a plain JOIN.)
    cross = "CROSS JOIN" if ledger.backend == "sqlite" else "JOIN"
    join = f"articles a {cross} {t.name} r ON r.article_id = a.id" if not filters.where else \
        f"{t.name} r JOIN articles a ON a.id = r.article_id"
    sql = f"SELECT {_columns(t)}, {SOURCE_SQL} FROM {join} {where} ORDER BY {order}{page}"
    n = len(t.columns)
    return [(schema.from_row(t, row[:n]), Source(*row[n:])) for row in ledger.execute(sql, [*params, *page_params])]


def count(ledger: Ledger, layer: str, filters: Filters = Filters()) -> int:
    """How many records of ``layer`` pass ``filters`` (ignoring the page)."""
    where, params = filters.sql()
    sql = f"SELECT COUNT(*) FROM {_table(layer).name} r JOIN articles a ON a.id = r.article_id {where}"
    return int(ledger.execute(sql, params).fetchone()[0])


def sources(ledger: Ledger, filters: Filters = Filters()) -> list[Source]:
    """Articles (without their text) passing ``filters``, newest first with ``newest_first``."""
    where, params = filters.sql()
    page, page_params = filters.page_sql()
    order = "a.published DESC, a.rowid DESC" if filters.newest_first else "a.published, a.rowid"
    sql = f"SELECT {SOURCE_SQL} FROM articles a {where} ORDER BY {order}{page}"
    return [Source(*row) for row in ledger.execute(sql, [*params, *page_params])]


def sources_by_id(ledger: Ledger, ids: Sequence[str], chunk: int = 500) -> dict[str, Source]:
    """``{article id: Source}`` for ``ids`` (unknown ids left out)."""
    found: dict[str, Source] = {}
    ordered = sorted(set(ids))
    for at in range(0, len(ordered), chunk):
        part = ordered[at:at + chunk]
        rows = ledger.execute(f"SELECT {SOURCE_SQL} FROM articles a WHERE a.id IN ({', '.join('?' for _ in part)})",
                              part)
        found.update((row[0], Source(*row)) for row in rows)
    return found


def top_values(ledger: Ledger, layer: str, column: str, limit: int = 200) -> list[tuple[str, int]]:
    """The most frequent values of an (indexed) column with their counts:
    ``top_values(ledger, "quotes", "speaker")`` -> ``[("Donald Trump", 412), …]``."""
    col = schema.ident(column)
    sql = (f"SELECT {col}, COUNT(*) AS n FROM {_table(layer).name} WHERE {col} IS NOT NULL "
           f"GROUP BY {col} ORDER BY n DESC, {col} LIMIT ?")
    return [(row[0], int(row[1])) for row in ledger.execute(sql, (limit,))]


def outlets(ledger: Ledger, limit: int = 500) -> list[str]:
    """Distinct outlets, most articles first."""
    sql = "SELECT outlet FROM articles WHERE outlet IS NOT NULL GROUP BY outlet ORDER BY COUNT(*) DESC, outlet LIMIT ?"
    return [row[0] for row in ledger.execute(sql, (limit,))]


def latest_published(ledger: Ledger) -> str | None:
    """The ledger's latest publication day (``articles.published`` is indexed): the
    "today" of a ledger, for overdue commitments, instead of the host's clock."""
    row = ledger.execute("SELECT MAX(substr(published, 1, 10)) FROM articles").fetchone()
    return row[0] if row and row[0] else None


def mentions_of(ledger: Ledger, entity_id: str, limit: int | None = 100, offset: int = 0) -> list[tuple[Any, Source]]:
    """Mentions of one entity (by the indexed ``entity_id``), with their articles."""
    return records_where(ledger, "mentions", "r.entity_id = ?", [entity_id], limit, offset)


def records_where(ledger: Ledger, layer: str, clause: str, params: Sequence[Any],
                  limit: int | None = 100, offset: int = 0) -> list[tuple[Any, Source]]:
    """:func:`records` with one ``clause`` on the record (alias ``r``)."""
    return records(ledger, layer, Filters(where=(clause,), params=tuple(params), limit=limit, offset=offset))


def entity(ledger: Ledger, entity_id: str) -> Any | None:
    """The :class:`~newsledger.records.Entity` with this id, or ``None``."""
    t = _table("entities")
    row = ledger.execute(f"SELECT {_columns(t, 'e')} FROM entities e WHERE e.id = ?", (entity_id,)).fetchone()
    return schema.from_row(t, row) if row else None


def stream(ledger: Ledger, name: str, chunk: int = 1000) -> Iterator[Any]:
    """Every record of the table ``name`` in the store's order (``rowid``, as
    ``Ledger.records`` and friends give them), ``chunk`` rows in memory at a time."""
    t = _table(name)
    cursor = ledger.execute(f"SELECT {_columns(t, 'r')} FROM {t.name} r ORDER BY r.rowid")
    while rows := cursor.fetchmany(chunk):
        for row in rows:
            yield schema.from_row(t, row)
