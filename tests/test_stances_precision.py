"""Stance precision rules of round 2, one real-news sentence each (issue-14 train
split): a misparsed conjunct, a policy inside a scenario, a coordination inside one
name, a body named by its kind."""

from __future__ import annotations

import pytest

from newsledger.pipeline import Pipeline
from newsledger.records import Article, Document


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline.load()


def stances(pipeline: Pipeline, text: str) -> list[tuple[str | None, str, str]]:
    document = pipeline.annotate_one(Document(Article("a", text, published="2019-11-20")))
    return [(s.holder, s.polarity, s.target) for s in document.stances]


@pytest.mark.parametrize(
    "text,expected",
    [
        # a present-tense conjunct under a past verb is a misparsed noun
        ("It is apparent that Hillary Clinton wanted to shield her shady dealings and favors to foreign "
         "governments from the U.S. public.", []),
        # a real conjunct keeps its head's tense
        ("Germany rejected Russia's proposal and criticised new sanctions.",
         [("Germany", "oppose", "Russia's proposal"), ("Germany", "oppose", "new sanctions")]),
        # a hedged policy under an if-clause is a scenario, not a position
        ("Liu Xiaming said that if the protests continue, troops could be deployed in Hong Kong.", []),
        # a coordination inside one name is one holder
        ("Customs and Border Protection, part of Homeland Security, did not accept the offer.",
         [("Customs and Border Protection", "oppose", "the offer")]),
    ],
)
def test_stance_precision(pipeline, text, expected) -> None:
    assert sorted(stances(pipeline, text)) == sorted(expected)


@pytest.mark.parametrize(
    "text,expected",
    [
        # a party's members stand for the party; a demonym for its country
        ("Democrats rejected the proposal.", [("Democratic Party", "oppose", "the proposal")]),
        ("Russians rejected the proposal.", [("Russia", "oppose", "the proposal")]),
    ],
)
def test_group_holders_are_their_body(pipeline, text, expected) -> None:
    assert stances(pipeline, text) == expected


def test_a_described_body_is_the_one_last_named(pipeline) -> None:
    text = ("Amnesty International wrote to the ministry on Monday. "
            "The group rejected the new detention rules.")
    assert stances(pipeline, text) == [("Amnesty International", "oppose", "the new detention rules")]
