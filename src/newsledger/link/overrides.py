"""Manual entity decisions: merge two clusters, or split names out of one.

A decision is stored in ``entity_overrides`` (action, target, other, who, when) and applied
at once; :func:`apply_all` re-applies every decision, in the order they were taken,
after each link update, so decisions survive new ingests and full relinks: a lone
"Clinton" that a new article resolves to Hillary Clinton leaves her again if the user
split "Clinton" out. Names are matched case-insensitively against cluster names, then
their aliases::

    merge(ledger, "Hillary Clinton", "HRC")     # HRC's cluster joins Hillary Clinton
    split(ledger, "Hillary Clinton", "Clinton") # the row named "Clinton" leaves her
"""

from __future__ import annotations

import datetime as dt
import logging

from newsledger.link.corrections import who
from newsledger.link.names import fold
from newsledger.link.resolve import Cluster, find_cluster
from newsledger.records import stable_id
from newsledger.store import Ledger, LedgerError

log = logging.getLogger(__name__)


def merge(ledger: Ledger, target: str, other: str, author: str = "") -> str:
    """Record and apply "``other`` is ``target``"; returns the surviving cluster id.

    Raises :class:`LedgerError` naming the name that matches no entity.
    """
    with ledger.transaction():
        kept = _apply_merge(ledger, target, other, strict=True)
        _record(ledger, "merge", target, other, author)
    return kept


def split(ledger: Ledger, target: str, member: str, author: str = "") -> str:
    """Record and apply "the rows named ``member`` are not ``target``"; returns the id of
    the cluster they now form. Raises :class:`LedgerError` when nothing matches."""
    with ledger.transaction():
        new = _apply_split(ledger, target, member, strict=True)
        _record(ledger, "split", target, member, author)
    return new


def decisions(ledger: Ledger) -> list[tuple[str, str, str, str]]:
    """Every decision in order: ``("merge", "Hillary Clinton", "HRC", "2026-…")``."""
    rows = ledger.execute("SELECT action, target, other, created FROM entity_overrides ORDER BY id")
    return [tuple(row) for row in rows]


def apply_all(ledger: Ledger) -> int:
    """Re-apply every stored decision in order; returns how many changed a link."""
    changed = 0
    for action, target, other, _ in decisions(ledger):
        if action == "merge":
            changed += _apply_merge(ledger, target, other, strict=False) != ""
        else:
            changed += _apply_split(ledger, target, other, strict=False) != ""
    return changed


def _record(ledger: Ledger, action: str, target: str, other: str, author: str) -> None:
    ledger.execute(
        "INSERT INTO entity_overrides (action, target, other, created, author) VALUES (?, ?, ?, ?, ?)",
        (action, target, other, dt.datetime.now(dt.UTC).isoformat(timespec="seconds"), author or who()),
    )


def _cluster(ledger: Ledger, name: str, strict: bool) -> Cluster | None:
    found = find_cluster(ledger, name)
    if found is None and strict:
        raise LedgerError(f"no entity named {name!r}; `newsledger entities` lists them")
    return found


def _apply_merge(ledger: Ledger, target: str, other: str, strict: bool) -> str:
    """Move every link of ``other``'s cluster to ``target``'s; "" when nothing moved."""
    kept, gone = _cluster(ledger, target, strict), _cluster(ledger, other, strict)
    if kept is None or gone is None:
        return ""
    if kept.id == gone.id:
        return kept.id if strict else ""
    ledger.execute("UPDATE entity_links SET cluster_id = ?, rule = 'merged' WHERE cluster_id = ?",
                   (kept.id, gone.id))
    ledger.execute("DELETE FROM entity_clusters WHERE id = ?", (gone.id,))
    log.info("merged %s into %s", gone.name, kept.name)
    return kept.id


def _apply_split(ledger: Ledger, target: str, member: str, strict: bool) -> str:
    """Move the links of ``target``'s rows named ``member`` to a cluster of their own."""
    cluster = _cluster(ledger, target, strict)
    if cluster is None:
        return ""
    wanted = fold(" ".join(member.split()))
    rows = ledger.execute(
        "SELECT DISTINCT e.id, e.name, e.type FROM entity_links l JOIN entities e ON e.id = l.entity_id "
        "WHERE l.cluster_id = ?",
        (cluster.id,),
    ).fetchall()
    moving = [(eid, name, type_) for eid, name, type_ in rows if fold(name) == wanted]
    if moving:
        links = ledger.execute("SELECT article_id, entity_id FROM entity_links WHERE cluster_id = ?",
                               (cluster.id,)).fetchall()
        pairs = [(a, e) for a, e in links if e in {m[0] for m in moving}]
    else:  # an alias: the (article, entity) rows whose mentions are written so
        pairs = sorted({(a, e) for a, e, text in ledger.execute(
            "SELECT l.article_id, l.entity_id, m.text FROM entity_links l JOIN mentions m "
            "ON m.article_id = l.article_id AND m.entity_id = l.entity_id WHERE l.cluster_id = ?",
            (cluster.id,)) if fold(" ".join(text.split())) == wanted})
        moving = [(pairs[0][1], " ".join(member.split()), cluster.type)] if pairs else []
    if not moving:
        if strict:
            raise LedgerError(f"{cluster.name!r} has no member named {member!r}; "
                              f"its names: {', '.join(sorted({r[1] for r in rows} | set(cluster.aliases)))}")
        return ""
    new_id = stable_id("split", cluster.id, wanted)
    ledger.execute("INSERT OR IGNORE INTO entity_clusters (id, name, type) VALUES (?, ?, ?)",
                   (new_id, moving[0][1], cluster.type))
    ledger.executemany(
        "UPDATE entity_links SET cluster_id = ?, rule = 'split' WHERE cluster_id = ? AND article_id = ? "
        "AND entity_id = ?",
        [(new_id, cluster.id, a, e) for a, e in pairs],
    )
    log.info("split %s out of %s", member, cluster.name)
    return new_id
