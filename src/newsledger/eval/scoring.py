"""Scoring an annotated document against a gold file (the format of ``tests/fixtures/gold``).

Conventions follow the gold's ``about``: strings are copied exactly from the text,
dates are inclusive ISO ranges with a per-item ``tolerance_days``. A system record
*matches* a gold item by text overlap (the gold's evidence or quote text); it is
*correct* when the fields a user relies on are right too (speaker, dates, polarity…).
Precision and recall are reported for both, per layer.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from newsledger.records import Document

WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class LayerScore:
    """Counts for one layer: ``matched`` by text, ``correct`` with the key fields right."""

    layer: str
    gold: int
    system: int
    matched: int
    correct: int
    notes: tuple[str, ...] = ()

    def prf(self, hits: int) -> tuple[float, float, float]:
        p = hits / self.system if self.system else 0.0
        r = hits / self.gold if self.gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def words(text: str | None) -> set[str]:
    return {w.lower() for w in WORD.findall(text or "")}


def overlap(system: str | None, gold: str | None) -> tuple[float, float]:
    """(share of gold words found, share of system words in gold)."""
    a, b = words(system), words(gold)
    if not a or not b:
        return 0.0, 0.0
    return len(a & b) / len(b), len(a & b) / len(a)


def same_name(system: str | None, gold: str | None) -> bool:
    """Canonical names compared case- and punctuation-insensitively; None matches None."""
    if gold is None or system is None:
        return gold is None and system is None
    return " ".join(WORD.findall(system.lower())) == " ".join(WORD.findall(gold.lower()))


def near_day(system: str | None, gold: str | None, tolerance: int) -> bool:
    if not system or not gold:
        return False
    try:
        return abs((dt.date.fromisoformat(system[:10]) - dt.date.fromisoformat(gold[:10])).days) <= tolerance
    except ValueError:
        return False


def match(gold: Sequence[dict], system: Sequence[Any], score: Callable[[dict, Any], float]) -> dict[int, int]:
    """Greedy one-to-one matching of gold items to system records by ``score`` (> 0)."""
    pairs = sorted(
        ((s, gi, si) for gi, g in enumerate(gold) for si, r in enumerate(system) if (s := score(g, r)) > 0),
        reverse=True,
    )
    out: dict[int, int] = {}
    used: set[int] = set()
    for _, gi, si in pairs:
        if gi not in out and si not in used:
            out[gi] = si
            used.add(si)
    return out


def _layer(name: str, gold: list[dict], system: Sequence[Any], score, correct) -> LayerScore:
    pairs = match(gold, system, score)
    right = [gi for gi, si in pairs.items() if correct(gold[gi], system[si])]
    notes = tuple(f"missed: {_label(gold[gi])}" for gi in range(len(gold)) if gi not in pairs)
    notes += tuple(f"wrong fields: {_label(gold[gi])}" for gi in pairs if gi not in right)
    return LayerScore(name, len(gold), len(system), len(pairs), len(right), notes)


def _label(item: dict) -> str:
    return str(item.get("text") or item.get("evidence") or item.get("target") or item.get("action") or item)[:60]


def _text_score(key: str, threshold: float, both_ways: bool = True) -> Callable[[dict, Any], float]:
    """Overlap of ``record.<key>`` with ``gold[key]``: quotes must match both ways; an
    event's evidence may be a longer stretch of text than the gold's (``both_ways=False``)."""

    def score(gold: dict, record: Any) -> float:
        found, precise = overlap(getattr(record, key, None), gold.get(key))
        if found < threshold:
            return 0.0
        if not both_ways:
            return found
        return min(found, precise) if precise >= threshold * 0.8 else 0.0

    return score


def score_quotes(gold: dict, document: Document) -> LayerScore:
    return _layer(
        "quotes", gold.get("quotes", []), document.quotes, _text_score("text", 0.6),
        lambda g, q: same_name(q.speaker, g.get("speaker")) and q.kind == g.get("kind"),
    )


def _time_score(gold: dict, record: Any) -> float:
    a, b = " ".join(WORD.findall(record.text.lower())), " ".join(WORD.findall(gold["text"].lower()))
    return 1.0 if a == b else 0.8 if (a in b or b in a) and abs(len(a) - len(b)) <= 12 else 0.0


def _time_correct(gold: dict, record: Any) -> bool:
    if gold.get("type") == "DURATION":
        return (record.value or "") == gold.get("value")
    tolerance = gold.get("tolerance_days", 0)
    return near_day(record.start, gold.get("start"), tolerance) and near_day(record.end, gold.get("end"), tolerance)


def score_times(gold: dict, document: Document) -> LayerScore:
    return _layer("times", gold.get("times", []), document.times, _time_score, _time_correct)


def _event_correct(gold: dict, event: Any) -> bool:
    checks = [event.type == gold["type"], event.status == gold.get("status")]
    for key in ("actor", "target", "source", "place"):
        if key in gold:
            checks.append(same_name(getattr(event, key), gold[key]))
    if "participants" in gold:
        checks.append({p.lower() for p in gold["participants"]} <= {p.lower() for p in event.participants})
    if "quantities" in gold:
        found = {(float(q.value), (q.unit or "").lower()) for q in event.quantities}
        checks.append(all((float(q["value"]), q["unit"].lower()) in found for q in gold["quantities"]))
    if gold.get("end"):
        checks.append(near_day(event.end or event.start, gold["end"], 1))
    return all(checks)


def score_events(gold: dict, document: Document) -> LayerScore:
    return _layer("events", gold.get("events", []), document.events, _text_score("evidence", 0.4, both_ways=False), _event_correct)


def _stance_score(gold: dict, stance: Any) -> float:
    if not same_name(stance.holder, gold.get("holder")):
        return 0.0
    found, _ = overlap(stance.target, gold["target"])
    return found if found >= 0.3 else 0.0


def score_stances(gold: dict, document: Document) -> LayerScore:
    return _layer(
        "stances", gold.get("stances", []), document.stances, _stance_score,
        lambda g, s: s.polarity == g["polarity"] and s.modality == g.get("modality", s.modality),
    )


def _commitment_score(gold: dict, commitment: Any) -> float:
    if gold.get("holder") and not same_name(commitment.holder, gold["holder"]):
        return 0.0
    found, _ = overlap(f"{commitment.action} {commitment.evidence}", gold["action"])
    return found if found >= 0.5 else 0.0


def _commitment_correct(gold: dict, commitment: Any) -> bool:
    due_ok = not gold.get("due") or near_day(commitment.due, gold["due"], gold.get("tolerance_days", 0))
    return commitment.kind == gold["kind"] and due_ok


def score_commitments(gold: dict, document: Document) -> LayerScore:
    return _layer("commitments", gold.get("commitments", []), document.commitments, _commitment_score, _commitment_correct)


def score_entities(gold: dict, document: Document) -> LayerScore:
    """Canonical names: a gold entity is matched by a system entity of the same name."""
    names = [{"text": e["name"], **e} for e in gold.get("entities", [])]
    return _layer(
        "entities", names, document.entities,
        lambda g, e: 1.0 if same_name(e.name, g["name"]) else 0.0,
        lambda g, e: e.type == g.get("type", e.type),
    )


def score_cleanup(gold: dict, document: Document) -> LayerScore:
    """Noise lines gone and gold headings kept: gold = noise lines + headings."""
    text, headings = document.article.text, document.article.headings
    noise = gold["article"].get("noise", [])
    gold_headings = gold["article"].get("headings", [])
    removed = [n for n in noise if n.strip() not in text]
    kept = [h for h in gold_headings if h in headings]
    notes = tuple(f"noise left: {n}" for n in noise if n not in removed)
    notes += tuple(f"heading lost: {h}" for h in gold_headings if h not in kept)
    total = len(noise) + len(gold_headings)
    return LayerScore("cleanup", total, total, len(removed) + len(kept), len(removed) + len(kept), notes)


SCORERS = (score_cleanup, score_entities, score_quotes, score_times, score_events, score_stances, score_commitments)


def score_document(gold: dict, document: Document) -> list[LayerScore]:
    """Every layer's score; layers absent from the gold file are left out."""
    out = []
    for scorer in SCORERS:
        layer = scorer.__name__.removeprefix("score_")
        if layer == "cleanup":
            annotated = bool(gold["article"].get("noise") or gold["article"].get("headings"))
        else:
            annotated = layer in gold
        if annotated:
            out.append(scorer(gold, document))
    return out
