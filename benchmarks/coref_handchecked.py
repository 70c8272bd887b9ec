"""The coref resolver on hand-checked pronoun speakers from PolNeAR train.

Usage: ``python benchmarks/coref_handchecked.py``

Each row of ``tests/fixtures/quotes/coref_handchecked.tsv`` names a text, the char
offset of a pronoun that is a quote's speaker, and its antecedent as read by hand (empty
when the text does not name it). A resolution is right when the resolved entity's name
shares a word with the antecedent (or both are empty). Prints the accuracy and the
wrong cases.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

from newsledger.annotate import entities
from newsledger.annotate.quotes.coref import Resolver
from newsledger.nlp import load
from newsledger.records import Article, Document

ROOT = Path(__file__).resolve().parents[1]
CASES = ROOT / "tests" / "fixtures" / "quotes" / "coref_handchecked.tsv"
POLNEAR = ROOT.parent / "shared" / "eval" / "polnear" / "train" / "text"


def words(name: str | None) -> set[str]:
    return {w.casefold() for w in (name or "").split()}


def main() -> None:
    rows = [r for r in csv.reader(
        (line for line in CASES.read_text(encoding="utf-8").splitlines() if not line.startswith("#")),
        delimiter="\t")]
    nlp = load()
    documents: dict[str, Document] = {}
    right = 0
    for name, offset, pronoun, antecedent in rows:
        if name not in documents:
            text = (POLNEAR / f"{name}.txt").read_text(encoding="utf-8")
            documents[name] = entities.annotate(Document(Article(name, text), doc=nlp(text)))
        document = documents[name]
        token = document.doc.char_span(int(offset), int(offset) + len(pronoun)).root
        entity = Resolver(document).resolve(token)
        ok = bool(words(entity.name if entity else None) & words(antecedent)) or (not antecedent and entity is None)
        right += ok
        if not ok:
            print(f"  wrong: {name}@{offset} {pronoun!r} -> {entity.name if entity else None!r}, hand: {antecedent!r}")
    print(f"coref on {len(rows)} hand-checked pronoun speakers: accuracy {right / len(rows):.3f} ({right}/{len(rows)})")


if __name__ == "__main__":
    sys.exit(main())
