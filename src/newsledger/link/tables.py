"""Tables, views and migrations of the cross-article links (schema versions 2 to 4).

:mod:`newsledger.link` owns these tables: their DDL, their migrations and every query
against them live in this package; the store (:mod:`newsledger.store`) knows only the
record tables. They hold what :mod:`newsledger.link` derives from the stored records,
never records themselves: which per-article entity is which person across articles, near-duplicate
articles, one quote carried by several articles, stories. The record tables stay as
they are (a quote row per article keeps its span true to that article's text).

=====================  ==================================================================
table                  one row per
=====================  ==================================================================
entity_clusters        cross-article entity ("Hillary Clinton", PERSON), with name parts
entity_links           (article, entity row) and the cluster it resolves to, by which rule
entity_overrides       manual decision: ``merge`` A B, or ``split`` member B out of A, with who/when
record_overrides       correction of one record: ``fix`` a field (speaker, holder, polarity) or
                       ``reject`` it, with who/when; records themselves are never rewritten
article_signatures     article's MinHash signature (datasketch), for near duplicates
article_bands          LSH band hash of an article: candidates share a (band, hash)
duplicates             article that near-duplicates an earlier one (``duplicate_of``)
quote_sources          quote and the group of identical quotes it belongs to
stories                story with its title, date range and term centroid
story_articles         article and its story
term_df                document frequency of a term, for TF-IDF story vectors
=====================  ==================================================================
"""

from __future__ import annotations

from newsledger.store.dialect import Connection, dialect_for
from newsledger.store.migrations import MIGRATIONS as STORE_MIGRATIONS
from newsledger.store.migrations import Migration, add_missing_columns, execute_all

#: Migration 2's tables, in dependency order.
TABLES_DDL: tuple[str, ...] = (
    """CREATE TABLE IF NOT EXISTS entity_clusters (
    id TEXT PRIMARY KEY, name TEXT NOT NULL, type TEXT NOT NULL,
    first TEXT NOT NULL DEFAULT '', last TEXT NOT NULL DEFAULT '',
    suffix TEXT NOT NULL DEFAULT '', middle TEXT NOT NULL DEFAULT '', male INTEGER NOT NULL DEFAULT 0,
    female INTEGER NOT NULL DEFAULT 0)""",
    "CREATE INDEX IF NOT EXISTS idx_entity_clusters_last ON entity_clusters(last)",
    "CREATE INDEX IF NOT EXISTS idx_entity_clusters_first ON entity_clusters(first)",
    "CREATE INDEX IF NOT EXISTS idx_entity_clusters_name ON entity_clusters(name)",
    """CREATE TABLE IF NOT EXISTS entity_links (
    article_id TEXT NOT NULL REFERENCES articles(id),
    entity_id TEXT NOT NULL REFERENCES entities(id),
    cluster_id TEXT NOT NULL REFERENCES entity_clusters(id),
    rule TEXT NOT NULL,
    PRIMARY KEY (article_id, entity_id)) WITHOUT ROWID""",
    "CREATE INDEX IF NOT EXISTS idx_entity_links_cluster ON entity_links(cluster_id)",
    "CREATE INDEX IF NOT EXISTS idx_entity_links_entity ON entity_links(entity_id)",
    """CREATE TABLE IF NOT EXISTS entity_overrides (
    id INTEGER PRIMARY KEY, action TEXT NOT NULL CHECK (action IN ('merge', 'split')),
    target TEXT NOT NULL, other TEXT NOT NULL, created TEXT NOT NULL)""",
    """CREATE TABLE IF NOT EXISTS article_signatures (
    article_id TEXT PRIMARY KEY REFERENCES articles(id), minhash BLOB NOT NULL)""",
    """CREATE TABLE IF NOT EXISTS article_bands (
    band INTEGER NOT NULL, hash TEXT NOT NULL, article_id TEXT NOT NULL REFERENCES articles(id),
    PRIMARY KEY (band, hash, article_id)) WITHOUT ROWID""",
    """CREATE TABLE IF NOT EXISTS duplicates (
    article_id TEXT PRIMARY KEY REFERENCES articles(id),
    duplicate_of TEXT NOT NULL REFERENCES articles(id),
    similarity REAL NOT NULL)""",
    "CREATE INDEX IF NOT EXISTS idx_duplicates_of ON duplicates(duplicate_of)",
    """CREATE TABLE IF NOT EXISTS quote_sources (
    quote_id TEXT PRIMARY KEY REFERENCES quotes(id), group_id TEXT NOT NULL,
    key TEXT NOT NULL)""",
    "CREATE INDEX IF NOT EXISTS idx_quote_sources_key ON quote_sources(key)",
    "CREATE INDEX IF NOT EXISTS idx_quote_sources_group ON quote_sources(group_id)",
    """CREATE TABLE IF NOT EXISTS stories (
    id TEXT PRIMARY KEY, title TEXT NOT NULL, "start" TEXT, "end" TEXT,
    size INTEGER NOT NULL DEFAULT 0, centroid TEXT NOT NULL DEFAULT '{}')""",
    """CREATE TABLE IF NOT EXISTS story_articles (
    article_id TEXT PRIMARY KEY REFERENCES articles(id),
    story_id TEXT NOT NULL REFERENCES stories(id), similarity REAL,
    vector TEXT NOT NULL DEFAULT '{}')""",
    "CREATE INDEX IF NOT EXISTS idx_story_articles_story ON story_articles(story_id)",
    "CREATE TABLE IF NOT EXISTS term_df (term TEXT PRIMARY KEY, df INTEGER NOT NULL) WITHOUT ROWID",
)

#: Views answering the common cross-article questions (Datasette shows them).
LINK_VIEWS: tuple[tuple[str, str], ...] = (
    (
        "quote_groups",
        """SELECT s.group_id AS group_id, MIN(q.text) AS quote, MIN(q.speaker) AS speaker,
       COUNT(*) AS articles, COUNT(DISTINCT a.outlet) AS outlets,
       GROUP_CONCAT(DISTINCT a.outlet) AS outlet_names
FROM quote_sources s JOIN quotes q ON q.id = s.quote_id JOIN articles a ON a.id = q.article_id
GROUP BY s.group_id ORDER BY articles DESC""",
    ),
    (
        "distinct_articles",
        """SELECT a.* FROM articles a
WHERE NOT EXISTS (SELECT 1 FROM duplicates d WHERE d.article_id = a.id)""",
    ),
    (
        "entity_directory",
        """SELECT c.name AS name, c.type AS type, COUNT(DISTINCT l.article_id) AS articles,
       COUNT(DISTINCT l.entity_id) AS names, c.id AS cluster_id
FROM entity_clusters c JOIN entity_links l ON l.cluster_id = c.id
GROUP BY c.id, c.name, c.type ORDER BY articles DESC, name""",
    ),
)

LINK_VIEW_NAMES: tuple[str, ...] = tuple(name for name, _ in LINK_VIEWS)


def links_ddl() -> list[str]:
    """Migration 2: the link tables and their views."""
    views = [f"CREATE VIEW IF NOT EXISTS {name} AS\n{select}" for name, select in LINK_VIEWS]
    return [*TABLES_DDL, *views]


def create_v2(conn: Connection) -> None:
    """The cross-article link tables and views (:data:`TABLES_DDL`, :data:`LINK_VIEWS`)."""
    execute_all(conn, links_ddl())


def add_cluster_titles(conn: Connection) -> None:
    """``entity_clusters.titles``: office-title votes (``{"president": 12}``) that tell
    namesakes apart; idempotent, as files made after it already have the column."""
    if "titles" not in dialect_for(conn).table_columns(conn, "entity_clusters"):
        conn.execute("ALTER TABLE entity_clusters ADD COLUMN titles TEXT NOT NULL DEFAULT '{}'")


#: Migration 4's table: record-level corrections. No foreign key to the records, so a
#: correction outlives its record being stored again (re-ingest) and every relink.
RECORD_OVERRIDES_DDL: tuple[str, ...] = (
    """CREATE TABLE IF NOT EXISTS record_overrides (
    id INTEGER PRIMARY KEY, record_id TEXT NOT NULL, layer TEXT NOT NULL,
    action TEXT NOT NULL CHECK (action IN ('fix', 'reject')),
    field TEXT NOT NULL DEFAULT '', value TEXT NOT NULL DEFAULT '',
    author TEXT NOT NULL DEFAULT '', created TEXT NOT NULL)""",
    "CREATE INDEX IF NOT EXISTS idx_record_overrides_record ON record_overrides(record_id)",
)


def add_record_overrides(conn: Connection) -> None:
    """``record_overrides`` (fix / reject one record) and ``entity_overrides.author``
    (who took a merge or split); idempotent."""
    execute_all(conn, list(RECORD_OVERRIDES_DDL))
    if "author" not in dialect_for(conn).table_columns(conn, "entity_overrides"):
        conn.execute("ALTER TABLE entity_overrides ADD COLUMN author TEXT NOT NULL DEFAULT ''")


#: The state of watched feeds (``newsledger watch``): what the last poll of each feed
#: got (its ETag and Last-Modified, for a conditional request), and every entry seen.
FEED_DDL: tuple[str, ...] = (
    """CREATE TABLE IF NOT EXISTS feeds (
    url TEXT PRIMARY KEY, etag TEXT, modified TEXT, title TEXT,
    checked TEXT, changed TEXT)""",
    """CREATE TABLE IF NOT EXISTS feed_entries (
    feed_url TEXT NOT NULL REFERENCES feeds(url), entry_id TEXT NOT NULL,
    article_id TEXT, seen TEXT NOT NULL,
    PRIMARY KEY (feed_url, entry_id))""",
    "CREATE INDEX IF NOT EXISTS idx_articles_language ON articles(language)",
)


def add_feeds_and_fetch_date(conn: Connection) -> None:
    """``articles.fetched`` (when a URL was fetched), the feed-state tables
    (:data:`FEED_DDL`) and an index on ``articles.language``; idempotent."""
    add_missing_columns(conn)
    execute_all(conn, FEED_DDL)


#: The link migrations. They continue the store's numbering in the one schema version
#: a ledger file holds (``PRAGMA user_version``, PostgreSQL's ``schema_version``): files
#: written before the store and the links were split carry versions 1-3 in this very
#: order, so the numbers and the SQL must never change. Append new ones.
LINK_MIGRATIONS: tuple[Migration, ...] = (
    Migration(2, "cross-article links: entity clusters, duplicates, quote sources, stories", create_v2),
    Migration(3, "entity_clusters.titles: office-title votes", add_cluster_titles),
    Migration(4, "record_overrides: record-level corrections; entity_overrides.author", add_record_overrides),
    Migration(5, "articles.fetched, watched feeds and their seen entries, articles.language index",
              add_feeds_and_fetch_date),
)

#: Every migration of a ledger with links: the store's (version 1, the record tables),
#: then the links'. What :meth:`newsledger.link.Ledger.open` applies by default.
MIGRATIONS: tuple[Migration, ...] = (*STORE_MIGRATIONS, *LINK_MIGRATIONS)
