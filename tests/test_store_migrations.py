"""Schema versions: new files get every migration, old files the pending ones, newer
files are refused; the store's version 1 and the links' 2 and 3 share one counter, so
files written before the store and the links were split open unchanged; the generated
tables follow the record dataclasses."""

from __future__ import annotations

import sqlite3
from dataclasses import fields
from pathlib import Path

import pytest

from newsledger.layers import LAYER_TYPES
from newsledger.link import MIGRATIONS, Ledger
from newsledger.link import tables as link_tables
from newsledger.link.tables import LINK_MIGRATIONS
from newsledger.records import Article, Entity, Mention
from newsledger.store import MIGRATIONS as STORE_MIGRATIONS
from newsledger.store import Ledger as StoreLedger
from newsledger.store import (
    Migration,
    SchemaDriftError,
    SchemaVersionError,
    schema,
)
from newsledger.store import migrations as store_migrations
from newsledger.store.migrations import add_missing_columns, apply_migrations
from tests.test_store_data import make_document


def columns(path: Path, table: str) -> list[str]:
    with sqlite3.connect(path) as conn:
        return [row[1] for row in conn.execute(f"PRAGMA table_info({table})")]


def tables_of(path: Path) -> set[str]:
    with sqlite3.connect(path) as conn:
        return {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def user_version(path: Path) -> int:
    with sqlite3.connect(path) as conn:
        return conn.execute("PRAGMA user_version").fetchone()[0]


def add_review_table(conn: sqlite3.Connection) -> None:
    conn.execute("CREATE TABLE reviews (id TEXT PRIMARY KEY, note TEXT)")
    conn.execute("ALTER TABLE quotes ADD COLUMN confidence REAL")


#: The version this newsledger writes, and a hypothetical next migration on top of it.
LATEST = len(MIGRATIONS)
NEXT = LATEST + 1
V2 = (*MIGRATIONS, Migration(NEXT, "reviews table, quotes.confidence", add_review_table))


def test_new_file_is_at_the_latest_version(tmp_path: Path) -> None:
    db = tmp_path / "l.db"
    Ledger.open(db).close()
    assert user_version(db) == len(MIGRATIONS) == LATEST


def test_v1_file_gets_pending_migrations_and_keeps_data(tmp_path: Path) -> None:
    db = tmp_path / "l.db"
    with Ledger.open(db) as ledger:
        ledger.add([make_document()])
    with Ledger.open(db, migrations=V2) as ledger:
        assert ledger.schema_version == NEXT
        assert ledger.records("quotes") == list(make_document().quotes)
    assert "confidence" in columns(db, "quotes")
    assert columns(db, "reviews") == ["id", "note"]
    Ledger.open(db, migrations=V2).close()  # already at NEXT: nothing re-applied


def test_newer_file_is_refused_with_a_clear_error(tmp_path: Path) -> None:
    db = tmp_path / "l.db"
    Ledger.open(db, migrations=V2).close()
    with pytest.raises(SchemaVersionError, match=rf"schema version {NEXT} .* newer newsledger"):
        Ledger.open(db)


def test_failing_migration_leaves_previous_version(tmp_path: Path) -> None:
    db = tmp_path / "l.db"
    Ledger.open(db).close()

    def broken(conn: sqlite3.Connection) -> None:
        conn.execute("CREATE TABLE half_done (x)")
        raise RuntimeError("migration bug")

    with pytest.raises(RuntimeError, match="migration bug"):
        Ledger.open(db, migrations=(*MIGRATIONS, Migration(NEXT, "broken", broken)))
    assert user_version(db) == LATEST
    with sqlite3.connect(db) as conn:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    assert "half_done" not in tables


def test_misnumbered_migrations_are_a_programming_error(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="numbered"):
        Ledger.open(tmp_path / "l.db", migrations=(*MIGRATIONS, *V2[LATEST:], *V2[LATEST:]))


def test_missing_column_is_detected_and_add_missing_columns_repairs(tmp_path: Path) -> None:
    """A field added to a record without a migration: old files fail loudly on open."""
    db = tmp_path / "l.db"
    Ledger.open(db).close()
    with sqlite3.connect(db) as conn:
        conn.execute("ALTER TABLE events DROP COLUMN topic")
        conn.execute("ALTER TABLE quotes DROP COLUMN cue_lemma")
    with pytest.raises(SchemaDriftError, match="quotes.cue_lemma, events.topic"):
        Ledger.open(db)
    with sqlite3.connect(db, isolation_level=None) as conn:
        assert add_missing_columns(conn) == ["quotes.cue_lemma", "events.topic"]
    Ledger.open(db).close()


def test_apply_migrations_on_memory_connection() -> None:
    conn = sqlite3.connect(":memory:", isolation_level=None)
    assert apply_migrations(conn, MIGRATIONS) == LATEST
    assert apply_migrations(conn, MIGRATIONS) == LATEST


# -- the store's version 1, the links' 2 and 3: one counter ---------------------------


def dump(path: Path) -> list[str]:
    with sqlite3.connect(path) as conn:
        return list(conn.iterdump())


def test_full_list_is_the_store_then_the_links() -> None:
    assert [m.version for m in MIGRATIONS] == list(range(1, LATEST + 1))
    assert MIGRATIONS[:1] == STORE_MIGRATIONS
    assert MIGRATIONS[1:] == LINK_MIGRATIONS


def test_store_only_file_gets_the_link_migrations(tmp_path: Path) -> None:
    db = tmp_path / "l.db"
    with StoreLedger.open(db) as ledger:
        ledger.add([make_document()])
        assert ledger.schema_version == 1
    assert "entity_clusters" not in tables_of(db)
    with Ledger.open(db) as ledger:
        assert ledger.schema_version == LATEST
        assert ledger.records("quotes") == list(make_document().quotes)
        assert ledger.stories() == []
    assert "titles" in columns(db, "entity_clusters")


def test_store_only_ledger_refuses_a_file_with_links(tmp_path: Path) -> None:
    db = tmp_path / "l.db"
    Ledger.open(db).close()
    with pytest.raises(SchemaVersionError, match=f"schema version {LATEST}"):
        StoreLedger.open(db)


def _old_file(db: Path, version: int) -> None:
    """A file as the code before the store/link split wrote it: its migrations 1..version
    (the same SQL, spelt out here once more)."""
    conn = sqlite3.connect(db, isolation_level=None)
    store_migrations.create_v1(conn)
    if version >= 2:
        for statement in link_tables.links_ddl():
            conn.execute(statement)
    if version >= 3:
        conn.execute("ALTER TABLE entity_clusters ADD COLUMN titles TEXT NOT NULL DEFAULT '{}'")
    if version >= 4:
        link_tables.add_record_overrides(conn)
    conn.execute(f"PRAGMA user_version = {version}")
    conn.close()


def test_file_written_before_the_split_opens_unchanged(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    _old_file(db, 4)
    before = dump(db)
    with Ledger.open(db) as ledger:
        assert ledger.schema_version == LATEST
    # later migrations add to it (issue 20: articles.fetched, the feed tables); the
    # rest is as it was
    after = dump(db)
    assert [s for s in before if '"articles"' not in s] == [s for s in after if s in before]


def test_version_2_file_gets_migration_3(tmp_path: Path) -> None:
    old, new = tmp_path / "old.db", tmp_path / "new.db"
    _old_file(old, 2)
    Ledger.open(old).close()
    Ledger.open(new).close()
    assert user_version(old) == LATEST
    assert columns(old, "entity_clusters") == columns(new, "entity_clusters")
    assert columns(old, "entity_overrides") == columns(new, "entity_overrides")


# -- the tables are the dataclasses --------------------------------------------------


def expected_columns(record: type) -> list[str]:
    """``span`` -> ``span_start, span_end``; every other field one column of its name."""
    result: list[str] = []
    for f in fields(record):
        if f.name.endswith("span"):
            result += [f"{f.name}_start", f"{f.name}_end"]
        else:
            result.append(f.name)
    return result


@pytest.mark.parametrize(
    ("table", "record"),
    [("articles", Article), ("entities", Entity), ("mentions", Mention), *LAYER_TYPES.items()],
)
def test_every_field_has_its_column(tmp_path: Path, table: str, record: type) -> None:
    db = tmp_path / "l.db"
    Ledger.open(db).close()
    assert columns(db, table) == expected_columns(record)


@pytest.mark.parametrize(
    ("hint", "kind"),
    [
        (str, schema.TEXT),
        (int, schema.INTEGER),
        (float, schema.REAL),
        (tuple[int, int], schema.SPAN),
        (tuple[str, ...], schema.JSON),
        (dict[str, int], schema.JSON),
        (Entity, schema.JSON),
    ],
)
def test_field_kind(hint: object, kind: str) -> None:
    assert schema.field_kind(hint) == kind


def test_unmapped_field_type_is_an_error() -> None:
    with pytest.raises(TypeError, match="no column mapping"):
        schema.field_kind(bytes)


def test_foreign_keys_declared(tmp_path: Path) -> None:
    db = tmp_path / "l.db"
    Ledger.open(db).close()
    with sqlite3.connect(db) as conn:
        def refs(table: str) -> set[tuple[str, str]]:
            rows = conn.execute(f"PRAGMA foreign_key_list({table})")
            return {(r[3], r[2]) for r in rows}

        assert refs("mentions") == {("article_id", "articles"), ("entity_id", "entities")}
        for layer in LAYER_TYPES:
            assert refs(layer) == {("article_id", "articles")}


def test_indexes_on_article_and_name_columns(tmp_path: Path) -> None:
    db = tmp_path / "l.db"
    Ledger.open(db).close()
    with sqlite3.connect(db) as conn:
        names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='index'")}
    for expected in ("idx_quotes_article_id", "idx_quotes_speaker", "idx_events_actor",
                     "idx_stances_holder", "idx_commitments_holder", "idx_mentions_entity_id"):
        assert expected in names
