"""Helpers for the events/stances/commitments tests: a parsed Document with real
entities and hand-built times and quotes (so each test states exactly what the
earlier layers give)."""

from __future__ import annotations

from newsledger.annotate import entities
from newsledger.annotate.shared.analysis import parsed
from newsledger.records import Article, Document, Quote, TimeExpr, stable_id

#: A publication date for the sentence cases (Tuesday).
PUBLISHED = "2025-08-19"


def times_for(text: str, times: dict[str, tuple[str | None, str | None]]) -> tuple[TimeExpr, ...]:
    """TimeExpr records for each ``{"next week": ("2025-08-25", "2025-08-31")}`` found in text."""
    found = []
    for phrase, (start, end) in times.items():
        at = text.index(phrase)
        found.append(TimeExpr(stable_id("t", at), "a1", phrase, (at, at + len(phrase)), "DATE", None, start, end))
    return tuple(found)


def quotes_for(document: Document, quotes: dict[str, str]) -> tuple[Quote, ...]:
    """Quote records for each ``{"quoted text": "Canonical Speaker"}``."""
    text = document.article.text
    by_name = {e.name: e.id for e in document.entities}
    found = []
    for content, speaker in quotes.items():
        at = text.index(content)
        found.append(Quote(stable_id("q", at), "a1", content, (at, at + len(content)), "indirect",
                           speaker=speaker, speaker_id=by_name.get(speaker)))
    return tuple(found)


def document(nlp, text: str, times: dict | None = None, quotes: dict | None = None,
             published: str | None = PUBLISHED) -> Document:
    """``text`` parsed (with its analysis), with entities, the given times and quotes."""
    doc = parsed(Document(Article(id="a1", text=text, published=published)), nlp(text))
    doc = entities.annotate(doc)
    return doc.evolve(times=times_for(text, times or {}), quotes=quotes_for(doc, quotes or {}))


def reference(nlp, reference_text: str) -> Document:
    """The reference article through the whole pipeline, cleaned first."""
    from newsledger.ingest.clean import clean
    from newsledger.pipeline import Pipeline

    article = Article(id="sky", text=reference_text, original=reference_text, published=PUBLISHED)
    return Pipeline(nlp=nlp).annotate_one(clean(Document(article)))


def overlap(system: str, gold: str) -> float:
    """Share of the gold's words found in the system's text (as shared/tools/score.py)."""
    import re

    words = lambda s: {w.lower() for w in re.findall(r"\w+", s or "")}  # noqa: E731
    gold_words = words(gold)
    return len(words(system) & gold_words) / len(gold_words) if gold_words else 0.0
