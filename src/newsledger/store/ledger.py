"""The ledger in a SQLite file or a PostgreSQL database: :class:`Ledger` writes documents
and reads records back (its search methods live in :mod:`newsledger.store.search`).

Tables come from :mod:`newsledger.store.schema`, so every record class round-trips:
``ledger.records("quotes", article_id)`` returns the very ``Quote`` objects stored.
Writes are one ``BEGIN IMMEDIATE … COMMIT`` per :meth:`Ledger.add` batch (rollback on any
exception, the exception re-raised); the file runs in WAL mode with foreign keys on.
SQLite-only SQL (pragmas, FTS5 ``MATCH``) is asked of a :class:`~newsledger.store.dialect.Dialect`:
``Ledger.open("postgresql://user@host/db")`` opens the same ledger in PostgreSQL
(:mod:`newsledger.store.postgres`), anything else is a SQLite file.

This is the record store alone: it knows nothing of the cross-article links.
:class:`newsledger.link.Ledger` (``newsledger.Ledger``) extends it with the link tables,
their migrations and ``stories()``, ``entity_clusters()``, ``merge_entities()`` and
``split_entity()``; that is the ledger the CLI, the web app and the export open.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import sqlite3
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import TracebackType
from typing import Any, Self

from newsledger.layers import LAYERS
from newsledger.records import Article, Document, Entity, Mention
from newsledger.settings import LimitSettings
from newsledger.store import postgres, schema
from newsledger.store.dialect import Connection, Dialect, dialect_for
from newsledger.store.errors import LedgerError, RecordConflictError
from newsledger.store.migrations import (
    MIGRATIONS,
    Migration,
    apply_migrations,
    check_schema,
    schema_version,
)
from newsledger.store.search import LedgerSearch, article_filters
from newsledger.store.views import VIEW_NAMES

log = logging.getLogger(__name__)

#: Pragmas set on every connection (SQLite-only). WAL lets readers (Datasette, the
#: web UI) read while an ingest writes; the busy timeout (``[limits] busy_seconds``,
#: :meth:`Ledger.configure`) lets writers wait their turn for the write lock.
_PRAGMAS = ("PRAGMA foreign_keys = ON", f"PRAGMA busy_timeout = {int(LimitSettings.busy_seconds * 1000):d}")


@dataclass(frozen=True)
class AddResult:
    """Article ids written by :meth:`Ledger.add` and those skipped as already stored."""

    new: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)


def _writable(path: Path) -> bool:
    """Whether SQLite could write ``path`` and its journal files beside it: a probe file
    in its folder, since ``os.access`` says yes to root on a read-only mount."""
    try:
        with tempfile.TemporaryFile(dir=path.parent):
            pass
        with path.open("r+b"):
            pass
    except OSError:
        return False
    return True


def _merge_aliases(old: Sequence[str], new: Sequence[str]) -> list[str]:
    """``["Trump"] + ["Mr Trump", "Trump"]`` -> ``["Trump", "Mr Trump"]`` (order kept)."""
    return list(dict.fromkeys([*old, *new]))


def _unique(records: Iterable[Any], article_id: str) -> list[Any]:
    """Drop exact repeats of a record; refuse two *different* records with one id."""
    by_id: dict[str, Any] = {}
    for record in records:
        seen = by_id.setdefault(record.id, record)
        if seen != record:
            raise RecordConflictError(
                f"article {article_id}: two different {type(record).__name__} records "
                f"share the id {record.id}; the annotator must give distinct ids"
            )
    return list(by_id.values())


def _check_spans(document: Document) -> None:
    """Refuse a record whose span does not lie inside the clean text: every span must
    give back its evidence as ``text[start:end]``."""
    size = len(document.article.text)
    for layer in ("mentions", *LAYERS):
        for record in getattr(document, layer):
            for name in ("span", "speaker_span"):
                span = getattr(record, name, None)
                if span is not None and not 0 <= span[0] <= span[1] <= size:
                    raise LedgerError(
                        f"article {document.article.id}: {type(record).__name__} {record.id} "
                        f"has {name} {list(span)} outside the text [0, {size}]"
                    )


class Ledger(LedgerSearch):
    """A newsledger SQLite file or PostgreSQL database. Open with :meth:`open`; use as a
    context manager."""

    #: The views :meth:`view` reads (a subclass that adds views extends it).
    VIEW_NAMES: tuple[str, ...] = VIEW_NAMES

    def __init__(self, conn: Connection, name: str) -> None:
        self._conn = conn
        self.name = name
        self._dialect: Dialect = dialect_for(conn)
        # Built once per ledger: resolving the dataclass type hints is not free.
        self._tables = {t.name: t for t in schema.tables()}

    # -- lifecycle -------------------------------------------------------------------

    @classmethod
    def open(cls, path: str | Path, *, migrations: Sequence[Migration] = MIGRATIONS) -> Self:
        """Open (creating or migrating) the ledger at ``path``; ``":memory:"`` works too,
        and so does a ``postgresql://`` (or ``postgres://``) URL."""
        if postgres.is_postgres_url(path):
            return cls._open_postgres(str(path), migrations)
        name = str(path)
        if name != ":memory:":
            target = Path(path)
            if target.is_dir():
                raise LedgerError(f"{name}: is a directory; give a database file path")
            if not target.parent.is_dir():
                raise LedgerError(f"{name}: folder {target.parent} does not exist")
        new = name != ":memory:" and not Path(name).exists()
        try:
            conn = sqlite3.connect(name, isolation_level=None)
        except sqlite3.Error as exc:
            raise LedgerError(f"{name}: cannot open ({exc})") from exc

        def prepare() -> None:
            for pragma in _PRAGMAS:
                conn.execute(pragma)
            if name != ":memory:":
                conn.execute("PRAGMA journal_mode = WAL")

        try:
            return cls._migrated(conn, name, migrations, sqlite3.DatabaseError, prepare)
        except LedgerError as err:
            if not new:
                if isinstance(err.__cause__, sqlite3.OperationalError) and not _writable(Path(name)):
                    return cls._open_read_only(Path(name), migrations)
                raise
            if Path(name).exists():
                raise
            raise LedgerError(f"{name}: cannot create a ledger there ({err.__cause__}); "
                              f"is {Path(name).parent} writable?") from err

    @classmethod
    def _open_read_only(cls, path: Path, migrations: Sequence[Migration]) -> Self:
        """A ledger on a read-only disk or folder: WAL mode needs to write its ``-shm``
        file even to read, so the file is opened ``immutable`` (nothing can change it
        while it is read there); any write is then SQLite's "readonly database" error."""
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?immutable=1", uri=True, isolation_level=None)
        try:
            conn.execute("PRAGMA foreign_keys = ON")
            if schema_version(conn) < len(migrations):
                raise LedgerError(f"{path}: read-only, and written by an older newsledger: "
                                  "open it once where it can be written to migrate it")
            apply_migrations(conn, migrations, str(path))  # refuses a newer file; writes nothing
            check_schema(conn, str(path))
        except sqlite3.DatabaseError as exc:
            conn.close()
            raise LedgerError(f"{path}: not a usable newsledger database ({exc})") from exc
        except BaseException:
            conn.close()
            raise
        log.info("%s: opened read-only (the file or its folder cannot be written)", path)
        return cls(conn, str(path))

    @classmethod
    def _open_postgres(cls, url: str, migrations: Sequence[Migration]) -> Self:
        import psycopg  # lazily: only a PostgreSQL ledger needs the driver

        conn = postgres.connect(url)
        return cls._migrated(conn, conn.name, migrations, psycopg.Error)

    @classmethod
    def _migrated(
        cls,
        conn: Any,
        name: str,
        migrations: Sequence[Migration],
        database_error: type[Exception],
        prepare: Callable[[], None] | None = None,
    ) -> Self:
        """A ledger on ``conn`` once migrated and checked; the connection closed on failure,
        a backend's ``database_error`` turned into a one-line :class:`LedgerError`."""
        try:
            if prepare is not None:
                prepare()
            apply_migrations(conn, migrations, name)
            check_schema(conn, name)
        except database_error as exc:
            conn.close()
            raise LedgerError(f"{name}: not a usable newsledger database ({exc})") from exc
        except BaseException:
            conn.close()
            raise
        return cls(conn, name)

    def configure(self, limits: LimitSettings) -> Self:
        """Use ``limits`` (``settings.limits``) for searches and, on SQLite, for how long
        a writer waits for another's write lock."""
        self.limits = limits
        if self.backend == "sqlite":
            self._conn.execute(f"PRAGMA busy_timeout = {int(limits.busy_seconds * 1000):d}")
        return self

    @property
    def backend(self) -> str:
        """``"sqlite"`` or ``"postgresql"``."""
        return self._dialect.name

    @property
    def database_errors(self) -> tuple[type[BaseException], ...]:
        """The driver's exceptions (a dropped connection, a locked file), for callers
        that report them as one line."""
        return self._dialect.database_errors

    def close(self) -> None:
        """Close the connection (safe to call twice)."""
        self._conn.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    @property
    def schema_version(self) -> int:
        return schema_version(self._conn)

    # -- writing ---------------------------------------------------------------------

    def add(
        self,
        documents: Iterable[Document],
        then: Callable[[Ledger, list[str]], object] | None = None,
    ) -> AddResult:
        """Store ``documents`` in one transaction; already stored articles are skipped.

        ``then(ledger, new_article_ids)`` runs inside the same transaction once the
        batch is stored (``newsledger.link.update`` links the new articles to the
        corpus), so the records and their links are committed together. Any exception
        (a failing insert, one raised by the iterable or by ``then``) rolls the whole
        batch back and is re-raised, so the file is exactly as before.
        """
        result = AddResult()
        with self.transaction():
            for document in documents:
                article_id = document.article.id
                # has_article sees this batch's uncommitted rows: repeats are duplicates too
                if self.has_article(article_id) or not self._insert_document(document):
                    result.duplicates.append(article_id)
                    continue
                result.new.append(article_id)
            if then is not None and result.new:
                then(self, result.new)
        log.info("%s: %d new, %d duplicate", self.name, len(result.new), len(result.duplicates))
        return result

    @contextmanager
    def transaction(self) -> Iterator[Ledger]:
        """``BEGIN IMMEDIATE … COMMIT``, rolled back on any exception; inside a
        transaction already, it joins that one (the outer one commits)."""
        if self._conn.in_transaction:
            yield self
            return
        self._dialect.begin(self._conn)
        try:
            yield self
            self._conn.execute("COMMIT")
        except BaseException:
            if self._conn.in_transaction:  # a failed COMMIT may have rolled back already
                self._conn.execute("ROLLBACK")
            raise

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        """Run one SQL statement (for :mod:`newsledger.link`, which owns the link tables).

        Write it for SQLite (``?``, ``INSERT OR IGNORE``, ``rowid``); on PostgreSQL it is
        translated (:func:`newsledger.store.postgres.translate`)."""
        return self._conn.execute(sql, params)

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        """Run one SQL statement per row of parameters."""
        self._conn.executemany(sql, rows)

    def _insert_document(self, document: Document) -> bool:
        """Store one document; ``False`` when its article is stored already (another
        process sharing a PostgreSQL ledger may have stored it since ``has_article``)."""
        article_id = document.article.id
        _check_spans(document)
        try:
            if not self._insert("articles", [document.article], ignore_existing=True):
                return False
            for entity in document.entities:
                self._upsert_entity(entity)
            self._insert("mentions", _unique(document.mentions, article_id))
            for layer in LAYERS:
                self._insert(layer, _unique(getattr(document, layer), article_id))
        except self._dialect.integrity_errors as exc:
            raise LedgerError(f"article {article_id}: cannot store it ({exc})") from exc
        return True

    def _insert(self, table_name: str, records: Sequence[Any], ignore_existing: bool = False) -> bool:
        """Insert ``records``; with ``ignore_existing`` (one record) a row whose id is
        taken is skipped and ``False`` returned."""
        t = self._tables[table_name]
        columns = ", ".join(schema.ident(c) for c in t.columns)
        marks = ", ".join("?" for _ in t.columns)
        sql = f"INSERT INTO {t.name} ({columns}) VALUES ({marks})"
        if ignore_existing:
            # Only a taken id is skipped (unlike INSERT OR IGNORE, which also drops rows
            # breaking NOT NULL or CHECK); both backends speak this upsert clause.
            sql += ' ON CONFLICT ("id") DO NOTHING'
            (record,) = records
            return self._conn.execute(sql, schema.to_row(t, record)).rowcount == 1
        self._conn.executemany(sql, [schema.to_row(t, r) for r in records])
        return True

    def _upsert_entity(self, entity: Entity) -> None:
        """One row per entity id; aliases from every article merged, first name kept.

        Insert-if-absent, then read the row locked (``FOR UPDATE`` on PostgreSQL) and
        merge: two writers never lose each other's aliases."""
        aliases = tuple(_merge_aliases([], entity.aliases))
        if self._insert("entities", [replace(entity, aliases=aliases)], ignore_existing=True):
            return
        row = self._conn.execute(
            f"SELECT aliases FROM entities WHERE id = ?{self._dialect.lock_row}", (entity.id,)
        ).fetchone()
        old = json.loads(row[0])
        merged = _merge_aliases(old, entity.aliases)
        if merged != old:
            self._conn.execute(
                "UPDATE entities SET aliases = ? WHERE id = ?",
                (json.dumps(merged, ensure_ascii=False), entity.id),
            )

    # -- reading ---------------------------------------------------------------------

    def _select(self, table_name: str, where: str = "", params: Sequence[Any] = ()) -> list[Any]:
        t = self._tables[table_name]
        columns = ", ".join(schema.ident(c) for c in t.columns)
        sql = f"SELECT {columns} FROM {t.name} {where} ORDER BY rowid"
        return [schema.from_row(t, row) for row in self._conn.execute(sql, params)]

    def has_article(self, article_id: str) -> bool:
        """Whether an article with this id is stored."""
        row = self._conn.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,))
        return row.fetchone() is not None

    def article(self, article_id: str) -> Article | None:
        """The stored article, or ``None``."""
        found = self._select("articles", "WHERE id = ?", (article_id,))
        return found[0] if found else None

    def articles(
        self,
        outlet: str | None = None,
        since: str | dt.date | None = None,
        until: str | dt.date | None = None,
    ) -> list[Article]:
        """Articles in insertion order; ``since``/``until`` bound the published day (inclusive)."""
        where, params = article_filters(self._dialect, "articles", outlet, since, until)
        return self._select("articles", where, params)

    def entities(self) -> list[Entity]:
        """Every canonical entity, aliases accumulated across articles."""
        return self._select("entities")

    def mentions(self, article_id: str | None = None) -> list[Mention]:
        """Mentions of one article, or of all."""
        if article_id is None:
            return self._select("mentions")
        return self._select("mentions", "WHERE article_id = ?", (article_id,))

    def records(self, layer: str, article_id: str | None = None) -> list[Any]:
        """The records of ``layer`` (one of ``layers.LAYERS``), as stored."""
        if layer not in LAYERS:
            raise ValueError(f"unknown layer {layer!r}; choose one of {', '.join(LAYERS)}")
        if article_id is None:
            return self._select(layer)
        return self._select(layer, "WHERE article_id = ?", (article_id,))

    def counts(self) -> dict[str, int]:
        """Rows per table: ``{"articles": 1, "entities": 26, …}``."""
        return {
            t.name: self._conn.execute(f"SELECT COUNT(*) FROM {t.name}").fetchone()[0]
            for t in self._tables.values()
        }

    def view(self, name: str, limit: int | None = None) -> list[dict[str, Any]]:
        """The rows of one of the Datasette views (:attr:`VIEW_NAMES`) as dicts:
        ``ledger.view("entity_mentions", 10)`` -> the ten most mentioned entities."""
        known = self.VIEW_NAMES
        if name not in known:
            raise ValueError(f"unknown view {name!r}; choose one of {', '.join(known)}")
        sql = f"SELECT * FROM {name}" + (" LIMIT ?" if limit is not None else "")
        cursor = self._conn.execute(sql, () if limit is None else (limit,))
        columns = [d[0] for d in cursor.description]
        return [dict(zip(columns, row, strict=True)) for row in cursor]
