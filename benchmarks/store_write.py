"""Store throughput: ``Ledger.add`` against bare ``executemany`` of the same rows.

    .venv/bin/python benchmarks/store_write.py [N_DOCUMENTS]

Builds N synthetic documents (20 mentions and 10 records per layer each), then times,
in the same run: (1) the baseline, the same rows inserted with plain ``executemany``
into tables without FTS, triggers, foreign keys or duplicate checks; (2) ``Ledger.add``
of all documents in one batch; (3) ``Ledger.add`` one document per batch (one
transaction each, as a cautious ingest would do); (4) the JSON export; then the time
of a quote search. Prints documents/second and the ratio to the baseline.
"""

from __future__ import annotations

import io
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

from newsledger.export import export_ledger
from newsledger.layers import LAYERS
from newsledger.records import (
    Article,
    Commitment,
    Document,
    Entity,
    Event,
    Mention,
    Quantity,
    Quote,
    Stance,
    TimeExpr,
    stable_id,
)
from newsledger.link import Ledger
from newsledger.store import schema

SENTENCE = "Mr Trump told Fox News that Russia launched 270 drones at Ukraine on Monday. "


def document(n: int) -> Document:
    aid = f"a-{n}"
    text = SENTENCE * 20 + f"Article {n}."
    ents = tuple(Entity(Entity.make_id(f"Person {i}", "PERSON"), f"Person {i}", "PERSON",
                        (f"Mr {i}",)) for i in range(5))
    step = len(SENTENCE)

    def sp(i: int) -> tuple[int, int]:
        return (i * step, i * step + 20)

    def rid(p: str, i: int) -> str:
        return stable_id(p, aid, *sp(i))

    return Document(
        article=Article(aid, text, text, f"Title {n}", "Bench News", None, "2025-08-19"),
        entities=ents,
        mentions=tuple(Mention(rid("m", i), aid, ents[i % 5].id, "Mr Trump", sp(i))
                       for i in range(20)),
        quotes=tuple(Quote(rid("q", i), aid, "Russia launched drones", sp(i), "indirect",
                           speaker="Person 1", cue="told") for i in range(10)),
        times=tuple(TimeExpr(rid("t", i), aid, "on Monday", sp(i), "DATE", "2025-08-18",
                             "2025-08-18", "2025-08-18") for i in range(10)),
        events=tuple(Event(rid("e", i), aid, "attack", "happened", "launched", sp(i),
                           actor="Russia", quantities=(Quantity(270, "drones"),))
                     for i in range(10)),
        stances=tuple(Stance(rid("s", i), aid, "support", "certain", "x", "y", sp(i))
                      for i in range(10)),
        commitments=tuple(Commitment(rid("c", i), aid, "plan", "x", "y", sp(i), due="2025-09-01")
                          for i in range(10)),
    )


def baseline(path: Path, documents: list[Document]) -> None:
    """The same rows with plain executemany: no FTS, triggers, FKs or checks."""
    conn = sqlite3.connect(path)
    tables = schema.tables()
    for t in tables:
        conn.execute(f"CREATE TABLE {t.name} ({', '.join(map(schema.ident, t.columns))})")
    by_name = {"articles": lambda d: [d.article], "entities": lambda d: d.entities,
               "mentions": lambda d: d.mentions}
    with conn:
        for t in tables:
            get = by_name.get(t.name, lambda d, n=t.name: getattr(d, n))
            rows = [schema.to_row(t, r) for d in documents for r in get(d)
                    if t.name != "entities" or d is documents[0]]
            marks = ", ".join("?" for _ in t.columns)
            conn.executemany(f"INSERT INTO {t.name} VALUES ({marks})", rows)
    conn.close()


def timed(label: str, n: int, base: float | None, func) -> float:
    start = time.perf_counter()
    func()
    seconds = time.perf_counter() - start
    ratio = f"  {seconds / base:5.1f}x baseline" if base else ""
    print(f"{label:<34} {seconds:7.3f} s  {n / seconds:9.1f} docs/s{ratio}")
    return seconds


def main(n: int) -> None:
    documents = [document(i) for i in range(n)]
    records = sum(len(getattr(d, layer)) for d in documents for layer in LAYERS)
    print(f"{n} documents, {records} layer records, {20 * n} mentions")
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        base = timed("baseline executemany", n, None, lambda: baseline(root / "b.db", documents))
        with Ledger.open(root / "one.db") as ledger:
            timed("Ledger.add, one batch", n, base, lambda: ledger.add(documents))
            timed("export json", n, base, lambda: export_ledger(ledger, "json", io.StringIO()))
            for label, kwargs in (("speaker + text, all match", {"speaker": "Mr 1",
                                   "text": "drones"}), ("text, no match", {"text": "zeppelin"})):
                start = time.perf_counter()
                hits = [len(ledger.search_quotes(**kwargs)) for _ in range(10)][0]
                ms = (time.perf_counter() - start) * 100
                print(f"search_quotes ({label}): {ms:7.1f} ms per query, {hits} results")
        with Ledger.open(root / "each.db") as ledger:
            timed("Ledger.add, one batch per doc", n, base,
                  lambda: [ledger.add([d]) for d in documents])


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 500)
