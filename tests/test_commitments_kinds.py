"""Commitment kinds of future and hedged frames (``commitments.frames.future_kind``),
who can act (collective bodies, "a jury of experts"), wishes, and agents who are no
entity: one real-news sentence per row, from the Zyte and PolNeAR train articles."""

from __future__ import annotations

import pytest

from newsledger.pipeline import Pipeline
from newsledger.records import Article, Document


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline.load()


def kinds(pipeline: Pipeline, text: str) -> list[tuple[str | None, str]]:
    document = pipeline.annotate_one(Document(Article("a", text, published="2019-11-20")))
    return [(c.holder, c.kind) for c in document.commitments]


@pytest.mark.parametrize(
    "text,expected",
    [
        # negated, the agent can act: a promise ("we won't …")
        ("He would “never” diagnose someone through television, Howard Dean said.", [("Howard Dean", "promise")]),
        ("Ashraf Ghani said that the freed militants would not return to the front line.",
         [("Ashraf Ghani", "promise")]),
        # negated under a condition: a warning
        ("Liu Xiaming said that if the situation becomes uncontrollable, the central government certainly "
         "would not sit on our hands.", [("Liu Xiaming", "threat")]),
        # hedged, a scheduled activity
        ("Gwynne Shotwell said Starship lunar lander missions could begin in 2022.", [("Gwynne Shotwell", "plan")]),
        # hedged under a condition, hedged cognition: speculation, no commitment
        ("Eyamba Sowers said if Deval Patrick can get his message out, voters could see him win in 2020.", []),
        # a collective body acts through its members
        ("The Interior Ministry said a jury of experts and public officials will pick the winning design.",
         [("Interior Ministry", "plan")]),
        # a hope is not a forecast
        ("Ashraf Ghani also said he hoped the swap would pave the way for direct talks.", []),
        # an agent who is no entity commits no one
        ("Officers had earlier threatened to use live fire if petrol bombs were used.", []),
    ],
)
def test_future_kinds(pipeline, text, expected) -> None:
    assert kinds(pipeline, text) == expected
