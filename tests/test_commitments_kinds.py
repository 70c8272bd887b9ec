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
        # a verb of containing describes a use, not a plan
        ("It will house the local police force's offices, the Interior Ministry said in a statement.", []),
        # an agent who is no entity commits no one
        ("Officers had earlier threatened to use live fire if petrol bombs were used.", []),
    ],
)
def test_future_kinds(pipeline, text, expected) -> None:
    assert kinds(pipeline, text) == expected


def test_a_commitment_reported_twice_is_one_record(pipeline) -> None:
    text = ("Austria will invite architects to submit plans for a redesign of the building. "
            "Architects from across the European Union will be invited to submit plans for the building, "
            "the Interior Ministry said.")
    assert kinds(pipeline, text) == [("Interior Ministry", "plan")]


def test_different_plans_of_one_holder_stay_apart(pipeline) -> None:
    text = "Germany will send more aid to Ukraine. Germany will close its embassy in Moscow."
    assert kinds(pipeline, text) == [("Germany", "plan"), ("Germany", "plan")]
