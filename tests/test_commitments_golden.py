"""The reference article's commitments: at least 3 of the 4 gold commitments with the
right kind, and due dates for the dated ones (within the gold's tolerance)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tests.layers_support import overlap, reference

ROOT = Path(__file__).resolve().parent.parent
REFERENCE_TEXT = ROOT / "examples" / "corpus" / "sky-2025-08-19-us-air-support.txt"


@pytest.fixture(scope="module")
def annotated(nlp):
    return reference(nlp, REFERENCE_TEXT.read_text(encoding="utf-8"))


def right(commitment, gold) -> bool:
    if gold.get("holder") and commitment.holder != gold["holder"]:
        return False
    if overlap(f"{commitment.action} {commitment.evidence}", gold["action"]) < 0.5 or commitment.kind != gold["kind"]:
        return False
    if gold.get("due"):
        tolerance = gold.get("tolerance_days", 0)
        return bool(commitment.due) and abs(
            (date.fromisoformat(commitment.due) - date.fromisoformat(gold["due"])).days) <= tolerance
    return True


def test_three_of_four(annotated, reference_gold) -> None:
    hits = [g for g in reference_gold["commitments"] if any(right(c, g) for c in annotated.commitments)]
    assert len(hits) >= 3, [g["action"] for g in reference_gold["commitments"] if g not in hits]


def test_threat_keeps_its_condition(annotated) -> None:
    (threat,) = [c for c in annotated.commitments if c.kind == "threat"]
    assert threat.holder == "Donald Trump"
    assert threat.condition == "if a peace deal isn’t reached"
