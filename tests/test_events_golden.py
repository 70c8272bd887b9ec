"""The reference article (Sky News, 2025-08-19) against its hand-made gold: all four
events with type, status, participants/actor, target and date; the attack with both
quantities and its source; nothing from the noise lines."""

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


def matching(events, gold):
    found = [e for e in events if e.type == gold["type"] and overlap(e.evidence, gold["evidence"]) >= 0.4]
    assert found, f"no {gold['type']} event for {gold['evidence'][:50]!r}"
    return found[0]


def near(iso: str | None, gold: str, days: int = 1) -> bool:
    return iso is not None and abs((date.fromisoformat(iso) - date.fromisoformat(gold)).days) <= days


def test_four_events_no_more(annotated, reference_gold) -> None:
    assert len(annotated.events) == len(reference_gold["events"]) == 4


@pytest.mark.parametrize("index", range(4))
def test_event_fields(annotated, reference_gold, index: int) -> None:
    gold = reference_gold["events"][index]
    event = matching(annotated.events, gold)
    assert event.status == gold["status"]
    if "actor" in gold:
        assert event.actor == gold["actor"]
    if "target" in gold:
        assert event.target == gold["target"]
    if "participants" in gold:
        assert set(gold["participants"]) <= set(event.participants)
    if "place_options" in gold:
        assert event.place_options == tuple(gold["place_options"])
    assert near(event.end or event.start, gold["end"])


def test_attack_quantities_and_source(annotated, reference_gold) -> None:
    attack = matching(annotated.events, reference_gold["events"][0])
    assert [(q.value, q.unit) for q in attack.quantities] == [(270.0, "drones"), (10.0, "missiles")]
    assert attack.source == "Ukrainian Air Force"


def test_nothing_from_noise(annotated, reference_gold) -> None:
    text = annotated.article.text
    for record in (*annotated.events, *annotated.stances, *annotated.commitments):
        assert text[record.span[0]:record.span[1]] == record.evidence
        assert "takeaways" not in record.evidence
