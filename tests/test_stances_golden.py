"""The reference article's stances: at least 6 of the 7 gold stances with holder and
polarity right, and the venue table (Russia against Rome, Ukraine against Budapest)."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsledger.annotate.stances.options import options_table, unopposed
from tests.layers_support import overlap, reference

ROOT = Path(__file__).resolve().parent.parent
REFERENCE_TEXT = ROOT / "examples" / "corpus" / "sky-2025-08-19-us-air-support.txt"


@pytest.fixture(scope="module")
def annotated(nlp):
    return reference(nlp, REFERENCE_TEXT.read_text(encoding="utf-8"))


def found(stances, gold) -> bool:
    return any(
        s.holder == gold["holder"] and s.polarity == gold["polarity"] and overlap(s.target, gold["target"]) >= 0.3
        for s in stances
    )


def test_six_of_seven_stances(annotated, reference_gold) -> None:
    hits = [g for g in reference_gold["stances"] if found(annotated.stances, g)]
    assert len(hits) >= 6, [g["target"] for g in reference_gold["stances"] if g not in hits]


def test_troop_stances_share_an_issue(annotated) -> None:
    holders = {s.holder for s in annotated.stances if s.issue == "troops-on-the-ground"}
    assert {"Donald Trump", "Italy"} <= holders


def test_venue_table(annotated) -> None:
    table = options_table(annotated.stances, annotated.events, "meeting-venue")
    options, parties, cells = table
    assert options == ("Geneva", "Vienna", "Rome", "Budapest", "Doha")
    assert cells[("Rome", "Russia")] == "oppose"
    assert cells[("Budapest", "Ukraine")] == "oppose"
    assert cells[("Geneva", None)] == "support"
    assert unopposed(table) == ("Geneva", "Vienna", "Doha")
