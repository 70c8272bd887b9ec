"""Search over a ledger: full-text queries on articles and quotes, speakers by name.

:class:`LedgerSearch` is the search half of :class:`~newsledger.store.ledger.Ledger`:
FTS5 ``MATCH`` on SQLite, ``tsvector`` on PostgreSQL, both asked of the ledger's
:class:`~newsledger.store.dialect.Dialect`. Speakers match by name words
(:func:`names_match`), so "trump", "Mr Trump" and "Donald Trump" all find Donald Trump.

What a user types is searched as text (:func:`forgiving_query`): "e-mail", "Putin's",
``NOT`` or a stray quote are words, never FTS syntax errors; ``raw=True`` passes the
query through as FTS5 syntax (SQLite) or web-search syntax (PostgreSQL). Every query is
bounded (:class:`~newsledger.settings.LimitSettings`): at most ``max_query_terms``
words and ``max_query_chars`` characters, and ``query_seconds`` of running time.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from newsledger.records import Article, Entity, Quote
from newsledger.settings import LimitSettings
from newsledger.store import schema
from newsledger.store.dialect import Connection, Dialect
from newsledger.store.errors import LedgerError


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.casefold())


#: A phrase in double quotes, or a run of anything but white space and quotes.
_TERM = re.compile(r'"([^"]*)"?|([^\s"]+)')
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_POSSESSIVE = re.compile(r"(\w)(?:['’]s)+\b")


def query_terms(query: str) -> list[str]:
    """The words and quoted phrases of what a user typed, with no word character dropped.

    >>> query_terms("Putin's e-mail -")
    ["Putin's", 'e-mail']
    >>> query_terms('"air  support" now')
    ['air support', 'now']
    """
    printable = _CONTROL.sub(" ", query)  # FTS5 ends a string at NUL
    terms = (" ".join((phrase or word or "").split()) for phrase, word in _TERM.findall(printable))
    return [term for term in terms if re.search(r"\w", term)]


def forgiving_query(query: str) -> str:
    """User text as a query FTS5 and PostgreSQL's ``websearch_to_tsquery`` both read as
    plain text: each word or phrase double-quoted, so all must match, hyphens and
    apostrophes join words as in the text, operators are words.

    A possessive ``'s`` is dropped ("Putin's" finds "Putin" and "Putin's"), as
    PostgreSQL's English stemmer does, so both backends find the same quotes.

    >>> forgiving_query('e-mail OR "air support" NOT')
    '"e-mail" "OR" "air support" "NOT"'
    >>> forgiving_query("Putin’s demands")
    '"Putin" "demands"'
    """
    return " ".join('"' + _POSSESSIVE.sub(r"\1", term) + '"' for term in query_terms(query))


def shown(query: str, width: int = 60) -> str:
    """``query`` clipped for an error message (a 10 KB query is not echoed back)."""
    return repr(query if len(query) <= width else query[: width - 1] + "…")


def check_query(query: str, limits: LimitSettings) -> None:
    """Refuse a query over the term or length limit, as one :class:`LedgerError`."""
    words = len(query.split())
    if len(query) > limits.max_query_chars or words > limits.max_query_terms:
        raise LedgerError(
            f"search query too long ({words:,} words, {len(query):,} characters; at most "
            f"{limits.max_query_terms} words and {limits.max_query_chars:,} characters): {shown(query)}"
        )


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
        raise ValueError(f"{name}: {shown(str(value))} is not an ISO date (YYYY-MM-DD)") from None


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
    #: The bounds on every search (``ledger.limits = settings.limits`` to change them).
    limits: LimitSettings = LimitSettings()
    #: Asked while a search runs, unless a call passes its own: true stops the query (the
    #: web app sets it to "the client has gone away").
    cancelled: Callable[[], bool] | None = None

    if TYPE_CHECKING:  # provided by Ledger

        def _select(self, table_name: str, where: str = "", params: Sequence[Any] = ()) -> list[Any]: ...

        def entities(self) -> list[Entity]: ...

    def search_articles(self, query: str, *, raw: bool = False,
                        cancelled: Callable[[], bool] | None = None) -> list[Article]:
        """Articles whose title or text match ``query``, best first: every word or
        quoted phrase of it (:func:`forgiving_query`), or with ``raw`` FTS5 syntax on
        SQLite, web-search syntax on PostgreSQL. ``cancelled()`` true stops the query
        (a client that went away)."""
        match = self._match(query, raw)
        if not match:
            return []
        t = self._tables["articles"]
        columns = ", ".join(f"a.{schema.ident(c)}" for c in t.columns)
        sql = self._dialect.search_articles_sql(columns)
        rows = self._fts(sql, (match,), query, cancelled)
        return [schema.from_row(t, row) for row in rows]

    def _match(self, query: str, raw: bool) -> str:
        check_query(query, self.limits)
        return query if raw else forgiving_query(query)

    def search_quotes(
        self,
        speaker: str | None = None,
        text: str | None = None,
        outlet: str | None = None,
        since: str | dt.date | None = None,
        until: str | dt.date | None = None,
        limit: int | None = None,
        offset: int = 0,
        *,
        raw: bool = False,
        cancelled: Callable[[], bool] | None = None,
    ) -> list[tuple[Quote, Article]]:
        """Quotes with their articles, in published then text order.

        ``speaker`` matches the quote's canonical speaker name or any name or alias of
        the speaker's entity, word by word and case-insensitive ("trump", "Mr Trump"
        and "Donald Trump" all find Donald Trump); ``text`` searches the quote text as
        :meth:`search_articles` searches articles (``raw`` and ``cancelled`` alike).
        """
        where, params = article_filters(self._dialect, "a", outlet, since, until)
        clauses = [where.removeprefix("WHERE ")] if where else []
        if speaker is not None:
            clause, speaker_params = self._speaker_clause(speaker)
            clauses.append(clause)
            params += speaker_params
        if text is not None:
            match = self._match(text, raw)
            if not match:
                return []
            clause, param = self._dialect.quote_text_clause(match)
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
        quotes = [schema.from_row(qt, row) for row in self._fts(sql, params, text or "", cancelled)]
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

    def _fts(self, sql: str, params: Sequence[Any], query: str,
             cancelled: Callable[[], bool] | None = None) -> list[Any]:
        seconds = self.limits.query_seconds
        with self._dialect.time_limit(self._conn, seconds, cancelled or self.cancelled) as stopped:
            try:
                return self._conn.execute(sql, params).fetchall()
            except Exception as exc:
                if stopped(exc):
                    raise LedgerError(
                        f"search stopped after {seconds:g} s ([limits] query_seconds): {shown(query)}; "
                        "narrow the query") from exc
                if not self._dialect.is_bad_query(exc):
                    raise
                raise LedgerError(f"bad search query {shown(query)}: {exc}") from exc
