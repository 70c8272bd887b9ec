"""Corrections of single records: fix a field or reject the record (issue 17).

A wrong speaker, holder or polarity is corrected by an override stored in
``record_overrides`` (who, when, what); the record row itself is never rewritten, so
the correction outlives a relink (the table is not derived) and a re-ingest (no foreign
key: it is keyed by the record's stable id). Readers apply the overrides when they read
(:func:`apply`): the entity pages, the CLI and the export all show corrected records::

    fix(ledger, "q-1a2b…", "speaker", "Hillary Clinton", author="ana")
    reject(ledger, "s-9f8e…", author="ana")
    apply(ledger, "quotes", ledger.records("quotes"))   # fixed, rejected ones left out

A fixed speaker or holder must be a name or alias the ledger shows (``newsledger
entities``); the record then counts for that entity. The last fix of a field wins; a
rejected record stays rejected.
"""

from __future__ import annotations

import datetime as dt
import getpass
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from typing import Any

from newsledger.layers import REGISTRY
from newsledger.link.resolve import find_cluster
from newsledger.store import Ledger, LedgerError

#: What can be fixed, per layer: the field and, where it is closed, its values.
FIELDS: dict[str, dict[str, tuple[str, ...] | None]] = {
    "speaker": {"quotes": None},
    "holder": {"stances": None, "commitments": None},
    "polarity": {"stances": ("support", "oppose")},
}


@dataclass(frozen=True, slots=True)
class Correction:
    """One stored correction: ``Correction(1, "q-…", "quotes", "fix", "speaker", "Hillary Clinton", "ana", "2026-…")``."""

    id: int
    record_id: str
    layer: str
    action: str  # "fix" or "reject"
    field: str  # "" for a rejection
    value: str
    author: str
    created: str


def who() -> str:
    """The default author of a correction: the login name."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def layer_of(ledger: Ledger, record_id: str) -> str:
    """The layer whose table holds ``record_id``; a :class:`LedgerError` naming it otherwise."""
    for spec in REGISTRY:
        if ledger.execute(f"SELECT 1 FROM {spec.name} WHERE id = ?", (record_id,)).fetchone():
            return spec.name
    raise LedgerError(f"no record with id {record_id!r}; the ids are in `newsledger export` and the web app")


def fix(ledger: Ledger, record_id: str, field: str, value: str, author: str | None = None) -> Correction:
    """Record that ``field`` of the record is ``value``. Raises :class:`LedgerError` for an
    unknown record, a field its layer lacks, a value outside the field's values, or a
    speaker/holder that names no entity."""
    layer = layer_of(ledger, record_id)
    layers = FIELDS.get(field)
    if layers is None or layer not in layers:
        fixable = ", ".join(f for f, ls in FIELDS.items() if layer in ls) or "nothing"
        raise LedgerError(f"{record_id!r} is one of the {layer}: --{field} does not apply (fixable: {fixable})")
    allowed = layers[layer]
    value = " ".join(value.split())
    if allowed is not None and value not in allowed:
        raise LedgerError(f"--{field} must be one of {', '.join(allowed)}, not {value!r}")
    if allowed is None and find_cluster(ledger, value) is None:
        raise LedgerError(f"no entity named {value!r}; `newsledger entities` lists them")
    return _store(ledger, record_id, layer, "fix", field, value, author)


def reject(ledger: Ledger, record_id: str, author: str | None = None) -> Correction:
    """Record that the record is wrong: it leaves every reader (and the export)."""
    return _store(ledger, record_id, layer_of(ledger, record_id), "reject", "", "", author)


def corrections(ledger: Ledger, layer: str | None = None) -> list[Correction]:
    """Every stored correction, oldest first (of one layer when ``layer`` is given)."""
    sql = "SELECT id, record_id, layer, action, field, value, author, created FROM record_overrides"
    rows = ledger.execute(sql + (" WHERE layer = ?" if layer else "") + " ORDER BY id", (layer,) if layer else ())
    return [Correction(*row) for row in rows]


def apply(ledger: Ledger, layer: str, records: Iterable[Any]) -> list[Any]:
    """``records`` of ``layer`` as corrected: fixed fields replaced (a speaker or holder by
    the name of the entity it names now), rejected records left out."""
    return list(corrected(ledger, layer, records))


def corrected(ledger: Ledger, layer: str, records: Iterable[Any]) -> Iterator[Any]:
    """:func:`apply` one record at a time (an export streams the records)."""
    found = corrections(ledger, layer)
    if not found:
        yield from records
        return
    rejected = {c.record_id for c in found if c.action == "reject"}
    fixes: dict[str, dict[str, str]] = {}
    for c in found:
        if c.action == "fix":
            fixes.setdefault(c.record_id, {})[c.field] = c.value
    for record in records:
        if record.id in rejected:
            continue
        changes = fixes.get(record.id)
        yield replace(record, **_fields(ledger, record, changes)) if changes else record


def corrected_ids(ledger: Ledger) -> frozenset[str]:
    """The ids of the records a correction touches (for the web app's mark)."""
    return frozenset(row[0] for row in ledger.execute("SELECT DISTINCT record_id FROM record_overrides"))


def _fields(ledger: Ledger, record: Any, changes: dict[str, str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for field, value in changes.items():
        if field == "polarity":
            out[field] = value
            continue
        cluster = find_cluster(ledger, value)
        out[field] = cluster.name if cluster is not None else value
        if field == "speaker":
            out["speaker_id"] = _member_in(ledger, record.article_id, cluster.id) if cluster else None
    return out


def _member_in(ledger: Ledger, article_id: str, cluster_id: str) -> str | None:
    """The entity row of the article linked to the cluster, if the article names it."""
    row = ledger.execute("SELECT entity_id FROM entity_links WHERE article_id = ? AND cluster_id = ?",
                         (article_id, cluster_id)).fetchone()
    return row[0] if row else None


def _store(ledger: Ledger, record_id: str, layer: str, action: str, field: str, value: str,
           author: str | None) -> Correction:
    created = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    author = author or who()
    with ledger.transaction():
        ledger.execute(
            "INSERT INTO record_overrides (record_id, layer, action, field, value, author, created) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (record_id, layer, action, field, value, author, created),
        )
        row = ledger.execute("SELECT MAX(id) FROM record_overrides WHERE record_id = ?", (record_id,)).fetchone()
    return Correction(int(row[0]), record_id, layer, action, field, value, author, created)


__all__ = ["FIELDS", "Correction", "apply", "corrected_ids", "corrections", "fix", "layer_of", "reject", "who"]
