"""What differs between the SQL backends, behind one small :class:`Dialect` protocol.

:class:`~newsledger.store.ledger.Ledger` and :mod:`newsledger.store.migrations` write
SQLite-flavoured SQL (``?`` placeholders, ``INSERT OR IGNORE``, ``rowid``); the
PostgreSQL connection (:mod:`newsledger.store.postgres`) translates that on the way.
What cannot be translated word for word — the schema version, column listing, write
locking, full-text search, case-insensitive comparison — is asked of the dialect.

    dialect_for(sqlite3.connect(":memory:")).name  # -> "sqlite"
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from typing import TYPE_CHECKING, Any, Protocol, TypeAlias

from newsledger.store import schema

if TYPE_CHECKING:
    from newsledger.store.postgres import PgConnection

#: What the ledger and the migrations talk to: a SQLite connection or a PostgreSQL one
#: offering the same ``execute`` / ``executemany`` / ``in_transaction`` / ``close``.
Connection: TypeAlias = "sqlite3.Connection | PgConnection"


class Dialect(Protocol):
    """The backend-specific SQL a ledger needs; one instance per backend."""

    name: str
    #: Exceptions meaning "a constraint refused the row" (caught to name the article).
    integrity_errors: tuple[type[BaseException], ...]
    #: Every error of the database driver (a lost connection, a locked or damaged file).
    database_errors: tuple[type[BaseException], ...]
    #: Appended to the ``SELECT`` that reads an entity row before merging its aliases.
    lock_row: str

    def begin(self, conn: Any) -> None:
        """Open a write transaction (one writer at a time)."""

    def schema_version(self, conn: Any) -> int:
        """The stored schema version (0 for a new database)."""

    def set_schema_version(self, conn: Any, version: int) -> None:
        """Record ``version`` inside the current transaction."""

    def table_columns(self, conn: Any, table: str) -> set[str]:
        """The column names of ``table`` (empty if it does not exist)."""

    def fts_ddl(self) -> list[str]:
        """Full-text search structures for ``schema.FTS_TABLES``."""

    def search_articles_sql(self, columns: str) -> str:
        """``SELECT columns`` (prefixed ``a.``) of articles matching one parameter, best first."""

    def quote_text_clause(self, query: str) -> tuple[str, Any]:
        """A ``WHERE`` clause on quotes ``q`` matching the text ``query``, and its parameter."""

    def nocase_equals(self, expr: str) -> str:
        """``expr`` equals one parameter, ignoring case."""

    def is_bad_query(self, exc: BaseException) -> bool:
        """Whether ``exc`` means the user's search syntax is wrong (not a busy database)."""

    def time_limit(
        self, conn: Any, seconds: float, cancelled: Callable[[], bool] | None
    ) -> AbstractContextManager[Callable[[BaseException], bool]]:
        """Stop the statements run inside after ``seconds`` or once ``cancelled()``;
        yields a function telling whether an exception raised inside is that stop."""


class SQLiteDialect:
    """SQLite: ``PRAGMA user_version``, ``BEGIN IMMEDIATE``, FTS5 with triggers."""

    name = "sqlite"
    integrity_errors: tuple[type[BaseException], ...] = (sqlite3.IntegrityError,)
    database_errors: tuple[type[BaseException], ...] = (sqlite3.Error,)
    lock_row = ""  # BEGIN IMMEDIATE already holds the only write lock

    def begin(self, conn: sqlite3.Connection) -> None:
        conn.execute("BEGIN IMMEDIATE")

    def schema_version(self, conn: sqlite3.Connection) -> int:
        return int(conn.execute("PRAGMA user_version").fetchone()[0])

    def set_schema_version(self, conn: sqlite3.Connection, version: int) -> None:
        conn.execute(f"PRAGMA user_version = {version:d}")

    def table_columns(self, conn: sqlite3.Connection, table: str) -> set[str]:
        return {row[1] for row in conn.execute(f"PRAGMA table_info({table})")}

    def fts_ddl(self) -> list[str]:
        return schema.sqlite_fts_ddl()

    def search_articles_sql(self, columns: str) -> str:
        return (
            f"SELECT {columns} FROM articles_fts f JOIN articles a ON a.rowid = f.rowid "
            "WHERE articles_fts MATCH ? ORDER BY f.rank"
        )

    def quote_text_clause(self, query: str) -> tuple[str, Any]:
        clause = "q.rowid IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?)"
        return clause, f"text : ({query})"

    def nocase_equals(self, expr: str) -> str:
        return f"{expr} = ? COLLATE NOCASE"

    def is_bad_query(self, exc: BaseException) -> bool:
        # The SQL is ours; what fails is the user's FTS5 syntax ("unterminated string",
        # "fts5: syntax error near …") unless the file is busy.
        if not isinstance(exc, sqlite3.OperationalError):
            return False
        return "locked" not in str(exc) and "busy" not in str(exc)

    @contextmanager
    def time_limit(
        self, conn: sqlite3.Connection, seconds: float, cancelled: Callable[[], bool] | None
    ) -> Iterator[Callable[[BaseException], bool]]:
        """A progress handler, called every thousand VM steps, interrupts the
        statement (``sqlite3.OperationalError: interrupted``) past the deadline."""
        deadline = time.monotonic() + seconds
        stopped = False

        def check() -> bool:
            nonlocal stopped
            stopped = stopped or time.monotonic() > deadline or bool(cancelled and cancelled())
            return stopped

        conn.set_progress_handler(check, 1_000)
        try:
            yield lambda exc: stopped
        finally:
            conn.set_progress_handler(None, 0)


def dialect_for(conn: Connection) -> Dialect:
    """The dialect of a connection: a ``sqlite3.Connection`` or a PostgreSQL one."""
    if isinstance(conn, sqlite3.Connection):
        return SQLiteDialect()
    return conn.dialect
