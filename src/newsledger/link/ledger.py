"""The ledger with its cross-article links: what ``newsledger.Ledger`` is.

:class:`Ledger` is the store's :class:`newsledger.store.Ledger` opened with every
migration (the record tables, then the link tables, :data:`tables.MIGRATIONS`), with
the link views readable through :meth:`~newsledger.store.Ledger.view` and the link
readers and manual decisions as methods::

    from newsledger import Ledger          # this class
    with Ledger.open("newsledger.db") as ledger:
        ledger.add(documents, then=link.update)
        ledger.stories()                   # [Story(...), ...], oldest first

The store-only ledger (``newsledger.store.Ledger.open``) has the record tables alone
(schema version 1); it cannot open a ledger with links, which is at a later version.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Self

from newsledger.link import corrections, entity_records, overrides, resolve, stories, tables
from newsledger.records import Story
from newsledger.store import Ledger as StoreLedger
from newsledger.store import Migration
from newsledger.store.views import VIEW_NAMES


class Ledger(StoreLedger):
    """A ledger with the cross-article link tables. Open with :meth:`open`; use as a
    context manager."""

    VIEW_NAMES: tuple[str, ...] = (*VIEW_NAMES, *tables.LINK_VIEW_NAMES)

    @classmethod
    def open(cls, path: str | Path, *, migrations: Sequence[Migration] = tables.MIGRATIONS) -> Self:
        """Open (creating or migrating to the links' latest version) the ledger at
        ``path``: a SQLite file, ``":memory:"`` or a ``postgresql://`` URL."""
        return super().open(path, migrations=migrations)

    def stories(self) -> list[Story]:
        """Stories, oldest first, each with its articles and key actors."""
        return stories.read_stories(self)

    def entity_clusters(self) -> list[resolve.Cluster]:
        """Cross-article entities (:class:`~newsledger.link.resolve.Cluster`), most
        widely reported first."""
        return resolve.read_clusters(self)

    def merge_entities(self, target: str, other: str, author: str = "") -> str:
        """Record and apply a manual merge: ``other`` (any name or alias) becomes ``target``; returns its id."""
        return overrides.merge(self, target, other, author)

    def split_entity(self, target: str, member: str, author: str = "") -> str:
        """Record and apply a manual split: the rows named or written ``member`` leave ``target``."""
        return overrides.split(self, target, member, author)

    def fix_record(self, record_id: str, field: str, value: str, author: str = "") -> corrections.Correction:
        """Record a correction of one field of one record (speaker, holder, polarity)."""
        return corrections.fix(self, record_id, field, value, author or None)

    def reject_record(self, record_id: str, author: str = "") -> corrections.Correction:
        """Record that one record is wrong: it leaves every reader and the export."""
        return corrections.reject(self, record_id, author or None)

    def corrections(self) -> list[corrections.Correction]:
        """Every record correction, oldest first."""
        return corrections.corrections(self)

    def entity_records(self, cluster: resolve.Cluster | str) -> entity_records.EntityRecords:
        """The corrected records of one cross-article entity: what every face counts."""
        return entity_records.records_of(self, cluster)


__all__ = ["Ledger"]
