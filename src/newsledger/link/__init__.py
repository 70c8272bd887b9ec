"""The ledger across articles: entities, duplicates, quotes carried by many, stories.

Everything here is derived from stored records and kept in the link tables, which this
package owns with their migrations (:mod:`newsledger.link.tables`); :class:`Ledger`
(``newsledger.Ledger``) is the store's ledger with them. Adding articles updates the
links of those articles only — the corpus is never reprocessed::

    with Ledger.open("newsledger.db") as ledger:
        ledger.add(documents, then=link.update)   # records and links in one transaction
        link.relink(ledger)                       # recompute every link from scratch

Modules: ``tables`` (link DDL, views, migrations), ``ledger`` (the :class:`Ledger`),
``names`` (personal-name keys), ``resolve`` (cross-article entities),
``overrides`` (manual merge/split), ``duplicates`` (MinHash/LSH, quote groups),
``stories`` (TF-IDF story clustering), ``timeline`` (dated records, stance changes,
overdue commitments).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass

from newsledger.link import duplicates, overrides, resolve, stories
from newsledger.link.ledger import Ledger
from newsledger.link.tables import MIGRATIONS
from newsledger.settings import LinkSettings

log = logging.getLogger(__name__)

#: The link tables :func:`relink` empties, children first (overrides are kept).
DERIVED_TABLES = (
    "entity_links", "entity_clusters", "duplicates", "article_bands", "article_signatures",
    "quote_sources", "story_articles", "stories", "term_df",
)


@dataclass(frozen=True)
class LinkResult:
    """What one update linked: articles, clusters touched, duplicates, stories."""

    articles: int
    clusters: int
    duplicates: int
    quotes_joined: int
    stories: int


def update(ledger: Ledger, article_ids: Sequence[str], settings: LinkSettings = LinkSettings()) -> LinkResult:
    """Link newly stored articles to the ledger, in one transaction (joining the caller's,
    e.g. :meth:`Ledger.add`'s ``then``). Articles are taken in publication order, in
    steps of ``LinkSettings.step``, so a batch gives the same links as one-by-one
    ingests: a step links its articles exactly as a separate ingest of them would."""
    ordered = _by_date(ledger, article_ids)
    touched: set[str] = set()
    story_ids: set[str] = set()
    dups = joined = 0
    with ledger.transaction():
        for at in range(0, len(ordered), settings.step):
            step = ordered[at : at + settings.step]
            touched |= resolve.link_pairs(ledger, resolve.article_pairs(ledger, step), settings)
            overrides.apply_all(ledger)
            counts = stories.count_terms(ledger, step)
            for article_id in step:
                text = ledger.execute("SELECT text FROM articles WHERE id = ?", (article_id,)).fetchone()[0]
                dups += duplicates.link_article(ledger, article_id, text) is not None
                joined += duplicates.link_quotes(ledger, article_id, settings.min_quote_words)
                story_ids.add(stories.assign_article(ledger, article_id, counts.pop(article_id), settings))
    result = LinkResult(len(ordered), len(touched), dups, joined, len(story_ids))
    log.info("%s: linked %s", ledger.name, result)
    return result


def relink(ledger: Ledger, settings: LinkSettings = LinkSettings()) -> LinkResult:
    """Recompute every link from the stored records (manual decisions re-applied)."""
    with ledger.transaction():
        for table in DERIVED_TABLES:
            ledger.execute(f"DELETE FROM {table}")
        ids = [row[0] for row in ledger.execute("SELECT id FROM articles ORDER BY rowid")]
        return update(ledger, ids, settings)


def _by_date(ledger: Ledger, article_ids: Sequence[str]) -> list[str]:
    """The ids ordered by publication day (undated last), then as given."""
    wanted = list(dict.fromkeys(article_ids))
    days: dict[str, str | None] = {}
    for at in range(0, len(wanted), 500):
        part = wanted[at : at + 500]
        marks = ", ".join("?" for _ in part)
        days.update(ledger.execute(f"SELECT id, published FROM articles WHERE id IN ({marks})", part).fetchall())
    position = {a: i for i, a in enumerate(wanted)}
    return sorted((a for a in wanted if a in days),
                  key=lambda a: (days[a] is None, (days[a] or "")[:10], position[a]))


__all__ = ["MIGRATIONS", "Ledger", "LinkResult", "relink", "update"]
