#!/usr/bin/env python3
"""Cost of adding one article to a 10,000-article ledger (issue 6: incremental links).

Running the spaCy pipeline on 10k articles takes hours on this 2-core machine, so the
10k ledger is generated: the annotated PolNeAR ledger (``benchmarks/polnear_corpus.py``,
~900 articles) is replicated with light perturbation — each copy gets a new id, its
publication date moved by ``37 * copy`` days (so copies spread over years and stories
stay a realistic size), and about a third of the words *outside every record and
mention span* replaced by a same-length scramble (spans stay valid; copies are mostly
not near-duplicates of each other). Entities, mentions and records are copied with new
ids. The ledger is linked as it is built (``link.update`` per chunk), then one new
perturbed article at a time is added with ``Ledger.add(..., then=link.update)`` and
timed: the link step alone, and the whole add.

usage: python benchmarks/incremental.py /tmp/polnear.db [--target 10000] [--out /tmp/ledger10k.db] [--trials 5]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import time
from collections import defaultdict
from dataclasses import replace
from pathlib import Path

from newsledger import link
from newsledger.layers import LAYERS
from newsledger.link import Ledger
from newsledger.records import Document, stable_id


def load_documents(path: str) -> list[Document]:
    """Every stored article of ``path`` back as a Document with all its records."""
    with Ledger.open(path) as ledger:
        entities = {e.id: e for e in ledger.entities()}
        per_article: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
        for mention in ledger.mentions():
            per_article[mention.article_id]["mentions"].append(mention)
        for layer in LAYERS:
            for record in ledger.records(layer):
                per_article[record.article_id][layer].append(record)
        documents = []
        for article in ledger.articles():
            parts = per_article[article.id]
            used = {m.entity_id for m in parts["mentions"]}
            documents.append(Document(article, entities=tuple(entities[i] for i in sorted(used)),
                                      **{k: tuple(v) for k, v in parts.items()}))
    return documents


def _covered(document: Document) -> list[bool]:
    covered = [False] * len(document.article.text)
    for layer in ("mentions", *LAYERS):
        for record in getattr(document, layer):
            for name in ("span", "speaker_span"):
                span = getattr(record, name, None)
                if span:
                    covered[span[0]:span[1]] = [True] * (span[1] - span[0])
    return covered


def perturb_text(document: Document, rng: random.Random, share: float = 0.33) -> str:
    """Scramble about ``share`` of the words outside every span, keeping lengths."""
    text, covered = list(document.article.text), _covered(document)
    i = 0
    while i < len(text):
        if not text[i].isalpha():
            i += 1
            continue
        j = i
        while j < len(text) and text[j].isalpha():
            j += 1
        if j - i >= 3 and not any(covered[i:j]) and rng.random() < share:
            word = text[i:j]
            rng.shuffle(word)
            text[i:j] = word
        i = j
    return "".join(text)


def copy_document(document: Document, copy: int, rng: random.Random) -> Document:
    """A perturbed copy with new ids (records keep their spans)."""
    article = document.article
    new_id = f"{article.id}~{copy}"
    published = None
    if article.published:
        day = dt.date.fromisoformat(article.published[:10]) + dt.timedelta(days=37 * copy)
        published = day.isoformat()

    def renamed(records: tuple) -> tuple:
        return tuple(replace(r, id=stable_id(r.id.split("-")[0], new_id, r.id), article_id=new_id) for r in records)

    return replace(
        document,
        article=replace(article, id=new_id, text=perturb_text(document, rng), published=published,
                        title=f"{article.title or ''} ({copy})"),
        mentions=renamed(document.mentions),
        **{layer: renamed(getattr(document, layer)) for layer in LAYERS},
    )


def build(path: Path, documents: list[Document], target: int, rng: random.Random, chunk: int = 500) -> float:
    """Write ``target`` articles (originals then copies) to ``path``, linking per chunk;
    returns the seconds spent linking."""
    linking = 0.0
    with Ledger.open(path) as ledger:
        batch: list[Document] = []
        for n in range(target):
            source = documents[n % len(documents)]
            copy = n // len(documents)
            batch.append(source if copy == 0 else copy_document(source, copy, rng))
            if len(batch) == chunk or n == target - 1:
                ids = ledger.add(batch).new
                began = time.perf_counter()
                link.update(ledger, ids)
                linking += time.perf_counter() - began
                batch = []
                print(f"  {n + 1} articles stored and linked ({linking:.0f} s linking so far)", flush=True)
    return linking


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", help="annotated PolNeAR ledger (benchmarks/polnear_corpus.py)")
    parser.add_argument("--target", type=int, default=10_000)
    parser.add_argument("--out", default="/tmp/ledger10k.db", type=Path)
    parser.add_argument("--trials", type=int, default=5)
    args = parser.parse_args()
    rng = random.Random(6)
    documents = load_documents(args.source)
    print(f"{len(documents)} annotated articles read from {args.source}")
    if not args.out.exists():
        linking = build(args.out, documents, args.target, rng)
        print(f"built {args.out}: {args.target} articles; linking them in chunks of 500 took {linking:.0f} s "
              f"({linking / args.target * 1000:.1f} ms/article)")
    link_times, add_times = [], []
    with Ledger.open(args.out) as ledger:
        size = ledger.counts()["articles"]
        for trial in range(args.trials):
            document = copy_document(documents[rng.randrange(len(documents))], size + trial, rng)
            timed: list[float] = []

            def timed_update(ledger: Ledger, ids: list[str], timed: list[float] = timed) -> None:
                began = time.perf_counter()
                link.update(ledger, ids)
                timed.append(time.perf_counter() - began)

            began = time.perf_counter()
            ledger.add([document], then=timed_update)
            add_times.append(time.perf_counter() - began)
            link_times.append(timed[0])
    print(f"adding one article to a {size}-article ledger ({args.trials} trials): "
          f"link step median {statistics.median(link_times) * 1000:.0f} ms "
          f"(min {min(link_times) * 1000:.0f}, max {max(link_times) * 1000:.0f}); "
          f"whole add incl. records median {statistics.median(add_times) * 1000:.0f} ms")


if __name__ == "__main__":
    main()
