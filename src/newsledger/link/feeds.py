"""The state of watched feeds in the ledger: conditional-request headers and seen entries.

``newsledger watch`` keeps, per feed URL, the ``ETag`` and ``Last-Modified`` of its last
answer (so the next poll can be a conditional request that costs a 304 when nothing
changed) and the id of every entry it has ingested (so an entry is ingested once,
however often the feed repeats it). The tables are ``feeds`` and ``feed_entries``
(:data:`newsledger.link.tables.FEED_DDL`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from newsledger.store import Ledger


@dataclass(frozen=True)
class FeedState:
    """What the last poll of a feed left: ``FeedState("https://x.org/rss", etag='"abc"')``."""

    url: str
    etag: str | None = None
    modified: str | None = None
    title: str | None = None
    checked: str | None = None  # ISO 8601 UTC, last poll
    changed: str | None = None  # ISO 8601 UTC, last poll that got a new feed body


def feed_state(ledger: Ledger, url: str) -> FeedState:
    """The stored state of ``url`` (an empty one for a feed never polled)."""
    row = ledger.execute(
        "SELECT url, etag, modified, title, checked, changed FROM feeds WHERE url = ?", (url,)
    ).fetchone()
    return FeedState(*row) if row else FeedState(url)


def save_feed_state(ledger: Ledger, state: FeedState) -> None:
    """Store ``state`` (replacing the feed's previous one)."""
    with ledger.transaction():
        ledger.execute(
            "INSERT INTO feeds (url, etag, modified, title, checked, changed) VALUES (?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (url) DO UPDATE SET etag = excluded.etag, modified = excluded.modified, "
            "title = excluded.title, checked = excluded.checked, changed = excluded.changed",
            (state.url, state.etag, state.modified, state.title, state.checked, state.changed),
        )


def seen_entries(ledger: Ledger, url: str) -> set[str]:
    """The ids of the entries of feed ``url`` already ingested."""
    rows = ledger.execute("SELECT entry_id FROM feed_entries WHERE feed_url = ?", (url,))
    return {entry_id for (entry_id,) in rows.fetchall()}


def mark_seen(ledger: Ledger, url: str, entries: Iterable[tuple[str, str | None]], when: str) -> None:
    """Record ``(entry id, article id)`` pairs of feed ``url`` as ingested at ``when``."""
    with ledger.transaction():
        ledger.executemany(
            "INSERT OR IGNORE INTO feed_entries (feed_url, entry_id, article_id, seen) VALUES (?, ?, ?, ?)",
            [(url, entry_id, article_id, when) for entry_id, article_id in entries],
        )


__all__ = ["FeedState", "feed_state", "mark_seen", "save_feed_state", "seen_entries"]
