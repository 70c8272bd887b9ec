"""The times layer: temporal expressions with TIMEX3 values, anchored on the publication date.

``annotate(document)`` fills ``document.times`` with :class:`~newsledger.records.TimeExpr`
records. Pipeline: :mod:`.detect` finds candidates with rules (plus spaCy's DATE/TIME
entities the rules missed), :mod:`.anchor` reads each one's tense side from the parse,
:mod:`.normalize` gives value, type, mod and an inclusive date range.

The anchor is ``article.published``. Without it, values stay unanchored (``XXXX-WXX-1``,
``XXXX-09``), ranges are None, and one warning is logged per article: never today's date.
"""

from __future__ import annotations

import logging
from datetime import date, datetime

from spacy.tokens import Doc

from newsledger.annotate.stage import Stage
from newsledger.annotate.times.anchor import direction
from newsledger.annotate.times.detect import Candidate, find
from newsledger.annotate.times.fallback import candidates_from_ents
from newsledger.annotate.times.normalize import normalize
from newsledger.annotate.times.values import Context, Resolution, granularity
from newsledger.records import Document, TimeExpr, stable_id
from newsledger.settings import TimeSettings

__all__ = ["STAGE", "Resolution", "annotate", "extract", "parse_anchor"]

log = logging.getLogger(__name__)

#: spaCy labels taken as extra candidates when no rule matched there.
SPACY_LABELS = ("DATE", "TIME")

#: Rules whose results may serve as the reference day of a later "that day".
_DAY_RULES = frozenset({"iso", "absolute", "numeric", "month_day", "weekday", "day_word", "holiday"})


def annotate(document: Document, settings: TimeSettings = TimeSettings()) -> Document:
    """``document`` with its ``times`` layer filled (tense and horizon from ``settings``).

    >>> from newsledger.annotate.shared.analysis import parsed
    >>> from newsledger.nlp import load
    >>> from newsledger.records import Article
    >>> text = "A meeting could happen before the end of the month."
    >>> document = parsed(Document(Article("a", text, published="2025-08-19")), load()(text))
    >>> [(t.text, t.value, t.start, t.end) for t in annotate(document).times]
    [('the end of the month', '2025-08', '2025-08-31', '2025-08-31')]
    """
    article = document.article
    anchor = parse_anchor(article.published)
    if anchor is None:
        log.warning("article %s has no usable publication date (%r): times stay unanchored",
                    article.id, article.published)
    records = tuple(
        TimeExpr(
            id=stable_id("t", article.id, cand.start, cand.end),
            article_id=article.id,
            text=cand.text,
            span=(cand.start, cand.end),
            type=found.type,
            value=found.value,
            start=found.start.isoformat() if found.start else None,
            end=found.end.isoformat() if found.end else None,
            mod=found.mod,
        )
        for cand, found in extract(article.text, document.doc, anchor, settings)
    )
    return document.evolve(times=records)


def parse_anchor(published: str | None) -> date | None:
    """The calendar day of an ISO date or datetime string; None when absent or unreadable.

    >>> parse_anchor("2025-08-19T07:30:00+01:00")
    datetime.date(2025, 8, 19)
    """
    if not published:
        return None
    text = published.strip()
    try:
        return datetime.fromisoformat(text).date()
    except ValueError:
        try:
            return date.fromisoformat(text[:10])
        except ValueError:
            return None


def extract(text: str, doc: Doc | None, anchor: date | None,
            settings: TimeSettings = TimeSettings()) -> list[tuple[Candidate, Resolution]]:
    """Every temporal expression of ``text`` with its resolution, in text order.

    ``doc`` (the spaCy ``Doc`` of ``text``) gives tense and extra candidates; without it
    the rules still run, with the default direction of ``settings``.
    """
    candidates = find(text)
    if doc is not None:
        candidates = [c for c in candidates if not _is_quantity(doc, c) and not _is_modifier(doc, c)]
        candidates = sorted(candidates + _spacy_candidates(doc, candidates), key=lambda c: c.start)
    results: list[tuple[Candidate, Resolution]] = []
    previous: date | None = None
    reference: Resolution | None = None
    year: int | None = None
    for cand in candidates:
        ctx = Context(anchor, direction(doc, cand.start, cand.end, settings.max_hops), previous,
                      text[max(0, cand.start - 12):cand.start].lower(),
                      settings.default_direction, settings.tense_horizon_days, reference, year,
                      settings.decade_notation)
        found = normalize(cand, ctx)
        if found is None or (found.value is None and found.start is None and anchor is not None):
            continue
        results.append((cand, found))
        if cand.rule in _DAY_RULES and found.start is not None and found.start == found.end:
            previous = found.start
        if found.start is not None and granularity(found.value) is not None:
            reference = found
            if _names_year(cand):
                year = found.start.year
    return results


def _names_year(cand: Candidate) -> bool:
    """Whether ``cand`` names its year ("in 1988", "March 3, 2022", "last year"), so that
    a later yearless "the third quarter" belongs to it."""
    if cand.rule in ("year", "spelled_year", "iso", "absolute", "numeric"):
        return "s" not in cand.parts and "yy" not in cand.parts  # not a decade
    if cand.rule == "period":
        return cand.parts.get("unit", "").lower() == "year"
    return any(cand.parts.get(k) for k in ("year", "year0", "yrel"))


def _is_modifier(doc: Doc, cand: Candidate) -> bool:
    """A part of the day that modifies a noun ("in the morning meetings") names a kind
    of thing, not a time. (A frequency that does, "his weekly radio address", is still
    a set: TimeML marks it.)"""
    if cand.rule != "part_of_day" or "rel" in cand.parts:
        return False
    span = doc.char_span(cand.start, cand.end, alignment_mode="expand")
    if span is None:
        return False
    last = span[-1]
    return last.dep_ in ("compound", "amod", "nmod") and last.head.i > last.i


def _is_quantity(doc: Doc, cand: Candidate) -> bool:
    """A bare four-digit number counting something ("2000 troops") is not a year; one
    modifying a singular noun ("a 1996 law") is."""
    if cand.rule != "year" or len(cand.parts) > 1:
        return False
    span = doc.char_span(cand.start, cand.end, alignment_mode="expand")
    if span is None:
        return False
    token = span.root
    head = token.head
    return token.dep_ == "nummod" and head.i > token.i and head.tag_ in ("NNS", "NNPS") \
        and head.ent_type_ not in ("DATE", "TIME")


def _spacy_candidates(doc: Doc, taken: list[Candidate]) -> list[Candidate]:
    """spaCy DATE/TIME entities no rule matched, as candidates for dateparser."""
    return candidates_from_ents(doc, taken, SPACY_LABELS)


#: The times stage: reads the text and the parse, writes the time expressions.
STAGE = Stage("times", annotate, requires=("doc",), assigns=("times",))
