"""One query per fact: the records of one cross-article entity (issue 17).

The CLI (``newsledger entity NAME``), the web page of an entity and its API route all
read an entity's records through :func:`records_of`, so their counts agree. A record
belongs to the entity when its speaker (quotes), holder (stances, commitments) or actor,
target, source or a participant (events) is a name linked to the entity's cluster *in
that record's article* — the rule of :mod:`newsledger.link.timeline` — with the
corrections of :mod:`newsledger.link.corrections` applied first: a rejected record
counts nowhere, a record whose speaker or holder was fixed counts for the entity it
names now.

    >>> from newsledger.link import Ledger
    >>> with Ledger.open(":memory:") as ledger:
    ...     records_of(ledger, "no-such-cluster").counts()
    {'quotes': 0, 'stances': 0, 'events': 0, 'commitments': 0}
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from newsledger.link import corrections
from newsledger.link.names import fold
from newsledger.link.resolve import Cluster
from newsledger.link.timeline import Names
from newsledger.store import Ledger, queries

#: The layers an entity has records in, and the fields that name it.
WHO_FIELDS: dict[str, tuple[str, ...]] = {
    "quotes": ("speaker",),
    "stances": ("holder",),
    "events": ("actor", "target", "source", "participants"),
    "commitments": ("holder",),
}


@dataclass(frozen=True)
class EntityRecords:
    """An entity's records per layer, and which of them a correction touched."""

    quotes: tuple[Any, ...] = ()
    stances: tuple[Any, ...] = ()
    events: tuple[Any, ...] = ()
    commitments: tuple[Any, ...] = ()
    corrected: frozenset[str] = frozenset()

    def by_layer(self) -> dict[str, list[Any]]:
        """``{"quotes": [...], "stances": [...], ...}`` in :data:`WHO_FIELDS` order."""
        return {layer: list(getattr(self, layer)) for layer in WHO_FIELDS}

    def counts(self) -> dict[str, int]:
        """Records per layer: what the CLI, the web page and the API all print."""
        return {layer: len(getattr(self, layer)) for layer in WHO_FIELDS}


def records_of(ledger: Ledger, cluster: Cluster | str) -> EntityRecords:
    """The corrected records of the entity ``cluster`` (a cluster or its id)."""
    cluster_id = cluster if isinstance(cluster, str) else cluster.id
    row = ledger.execute("SELECT name FROM entity_clusters WHERE id = ?", (cluster_id,)).fetchone()
    if row is None:
        return EntityRecords()
    # Only the articles the cluster is linked in can hold its records (plus records a
    # correction moved to it): the read is proportional to the entity, not the ledger.
    article_ids = [r[0] for r in ledger.execute(
        "SELECT DISTINCT article_id FROM entity_links WHERE cluster_id = ?", (cluster_id,))]
    name, names = fold(row[0]), Names(ledger, article_ids)
    fixed = {c.record_id for c in corrections.corrections(ledger) if c.action == "fix"}
    found: dict[str, tuple[Any, ...]] = {}
    for layer, fields in WHO_FIELDS.items():
        records = corrections.apply(ledger, layer, _candidates(ledger, layer, cluster_id, fixed))
        found[layer] = tuple(r for r in records if _belongs(r, fields, cluster_id, name, names, r.id in fixed))
    touched = corrections.corrected_ids(ledger)
    ids = {r.id for records in found.values() for r in records}
    return EntityRecords(**found, corrected=frozenset(ids & touched))


def _candidates(ledger: Ledger, layer: str, cluster_id: str, fixed: set[str]) -> list[Any]:
    """The layer's records in the articles linked to the cluster, then the fixed records
    elsewhere, in the store's reading order (oldest article first)."""
    linked = "r.article_id IN (SELECT article_id FROM entity_links WHERE cluster_id = ?)"
    out = [r for r, _ in queries.records_where(ledger, layer, linked, [cluster_id], limit=None)]
    seen = {r.id for r in out}
    wanted = sorted(fixed - seen)
    for at in range(0, len(wanted), 500):
        part = wanted[at:at + 500]
        marks = ", ".join("?" for _ in part)
        out += [r for r, _ in queries.records_where(ledger, layer, f"r.id IN ({marks})", part, limit=None)]
    return out


def _names_in(record: Any, fields: Iterable[str]) -> list[str]:
    out: list[str] = []
    for field in fields:
        value = getattr(record, field)
        if isinstance(value, (tuple, list)):
            out += [v for v in value if v]
        elif value:
            out.append(value)
    return out


def _belongs(record: Any, fields: tuple[str, ...], cluster_id: str, name: str, names: Names, fixed: bool) -> bool:
    who = _names_in(record, fields)
    if fixed and any(fold(w) == name for w in who):
        return True  # a corrected speaker or holder is the entity's cross-article name
    return cluster_id in {names.cluster(record.article_id, w) for w in who}


__all__ = ["WHO_FIELDS", "EntityRecords", "records_of"]
