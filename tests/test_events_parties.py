"""A past meeting names its parties (``events.keep``): real sentences from the
issue-14 train split."""

from __future__ import annotations

import pytest

from newsledger.pipeline import Pipeline
from newsledger.records import Article, Document


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline.load()


@pytest.mark.parametrize(
    "text,expected",
    [
        ("The talks were scuttled in September.", []),
        # a meeting noun whose one party is another verb's subject
        ("The deal collapsed when President Donald Trump scuttled the talks in September.", []),
        ("Washington and the Taliban held direct talks in Doha in September.", [("meeting", True)]),
        ("Donald Trump met Vladimir Putin in Alaska on Friday.", [("meeting", True)]),
    ],
)
def test_a_meeting_needs_a_party(pipeline, text, expected) -> None:
    document = pipeline.annotate_one(Document(Article("a", text, published="2025-08-19")))
    assert [(e.type, bool(e.actor or e.participants)) for e in document.events] == expected
