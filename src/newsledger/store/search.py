"""Search over a ledger: full-text queries on articles and quotes, speakers by name.

:class:`LedgerSearch` is the search half of :class:`~newsledger.store.ledger.Ledger`:
FTS5 ``MATCH`` on SQLite, ``tsvector`` on PostgreSQL, both asked of the ledger's
:class:`~newsledger.store.dialect.Dialect`. Speakers match by name words
(:func:`names_match`), so "trump", "Mr Trump" and "Donald Trump" all find Donald Trump.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from newsledger.records import Article, Entity, Quote
from newsledger.store import schema
from newsledger.store.dialect import Connection, Dialect
from newsledger.store.errors import LedgerError


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.casefold())


def names_match(query: str, name: str) -> bool:
    """Whether ``query`` names ``name``: its words, case-folded, occur in order and
    adjacent in ``name``. ``names_match("trump", "Donald Trump")`` is true,
    ``names_match("Mr. Trump", "Mr Trump")`` too; ``names_match("Don", "Donald")`` is not.
    """
    wanted, words = _words(query), _words(name)
    if not wanted:
        return False
    n = len(wanted)
    return any(words[i : i + n] == wanted for i in range(len(words) - n + 1))


def _iso_day(value: str | dt.date | None, name: str) -> str | None:
    """``"2025-08-19T10:00"`` or ``date(2025, 8, 19)`` -> ``"2025-08-19"``; checks the date."""
    if value is None:
        return None
    text = value.isoformat() if isinstance(value, dt.date) else str(value)
    try:
        return dt.date.fromisoformat(text[:10]).isoformat()
    except ValueError:
        raise ValueError(f"{name}: {value!r} is not an ISO date (YYYY-MM-DD)") from None


def article_filters(
    dialect: Dialect, alias: str, outlet: str | None, since: str | dt.date | None, until: str | dt.date | None
) -> tuple[str, list[Any]]:
    """A ``WHERE`` on the article columns of ``alias``; days compare the published prefix."""
    clauses, params = [], []
    if outlet is not None:
        clauses.append(dialect.nocase_equals(f"{alias}.outlet"))
        params.append(outlet)
    for bound, op, name in ((since, ">=", "since"), (until, "<=", "until")):
        day = _iso_day(bound, name)
        if day is not None:
            clauses.append(f"substr({alias}.published, 1, 10) {op} ?")
            params.append(day)
    return ("WHERE " + " AND ".join(clauses) if clauses else ""), params


class LedgerSearch:
    """Search methods of a ledger (mixed into :class:`~newsledger.store.ledger.Ledger`,
    which provides the connection, dialect, tables and plain reads used here)."""

    _conn: Connection
    _dialect: Dialect
    _tables: dict[str, schema.Table]

    if TYPE_CHECKING:  # provided by Ledger

        def _select(self, table_name: str, where: str = "", params: Sequence[Any] = ()) -> list[Any]: ...

        def entities(self) -> list[Entity]: ...

    def search_articles(self, query: str) -> list[Article]:
        """Articles whose title or text match ``query`` (FTS5 syntax on SQLite, web-search
        syntax on PostgreSQL), best first."""
        t = self._tables["articles"]
        columns = ", ".join(f"a.{schema.ident(c)}" for c in t.columns)
        sql = self._dialect.search_articles_sql(columns)
        rows = self._fts(sql, (query,), query)
        return [schema.from_row(t, row) for row in rows]

    def search_quotes(
        self,
        speaker: str | None = None,
        text: str | None = None,
        outlet: str | None = None,
        since: str | dt.date | None = None,
        until: str | dt.date | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[tuple[Quote, Article]]:
        """Quotes with their articles, in published then text order.

        ``speaker`` matches the quote's canonical speaker name or any name or alias of
        the speaker's entity, word by word and case-insensitive ("trump", "Mr Trump"
        and "Donald Trump" all find Donald Trump); ``text`` is an FTS5 query over the
        quote text.
        """
        where, params = article_filters(self._dialect, "a", outlet, since, until)
        clauses = [where.removeprefix("WHERE ")] if where else []
        if speaker is not None:
            clause, speaker_params = self._speaker_clause(speaker)
            clauses.append(clause)
            params += speaker_params
        if text is not None:
            clause, param = self._dialect.quote_text_clause(text)
            clauses.append(clause)
            params.append(param)
        qt = self._tables["quotes"]
        columns = ", ".join(f"q.{schema.ident(c)}" for c in qt.columns)
        sql = (
            f"SELECT {columns} FROM quotes q JOIN articles a ON a.id = q.article_id "
            f"{'WHERE ' + ' AND '.join(clauses) if clauses else ''} "
            "ORDER BY a.published IS NULL, a.published, a.rowid, q.span_start, q.rowid"
        )
        if limit is not None or offset:  # one page (issue 18: reads proportional to the answer)
            sql += " LIMIT ? OFFSET ?"
            params += [2**62 if limit is None else limit, offset]
        quotes = [schema.from_row(qt, row) for row in self._fts(sql, params, text or "")]
        # Each article once, not once per quote: article rows carry the whole text.
        articles = self._articles_by_id({q.article_id for q in quotes})
        return [(quote, articles[quote.article_id]) for quote in quotes]

    def _articles_by_id(self, ids: set[str], chunk: int = 500) -> dict[str, Article]:
        ordered = sorted(ids)
        found: dict[str, Article] = {}
        for at in range(0, len(ordered), chunk):
            part = ordered[at : at + chunk]
            marks = ", ".join("?" for _ in part)
            rows = self._select("articles", f"WHERE id IN ({marks})", part)
            found.update((a.id, a) for a in rows)
        return found

    def _speaker_clause(self, speaker: str) -> tuple[str, list[Any]]:
        """SQL matching quotes whose speaker ``speaker`` names (see :func:`names_match`)."""
        names = {
            row[0]
            for row in self._conn.execute("SELECT DISTINCT speaker FROM quotes")
            if row[0] is not None and names_match(speaker, row[0])
        }
        ids = set()
        for entity in self.entities():
            if any(names_match(speaker, n) for n in (entity.name, *entity.aliases)):
                names.add(entity.name)
                ids.add(entity.id)
        if not names:
            return "1 = 0", []
        clause = f"(q.speaker IN ({', '.join('?' for _ in names)})"
        if ids:
            clause += f" OR q.speaker_id IN ({', '.join('?' for _ in ids)})"
        return clause + ")", [*sorted(names), *sorted(ids)]

    def _fts(self, sql: str, params: Sequence[Any], query: str) -> list[Any]:
        try:
            return self._conn.execute(sql, params).fetchall()
        except Exception as exc:
            if not self._dialect.is_bad_query(exc):
                raise
            raise LedgerError(f"bad search query {query!r}: {exc}") from exc
