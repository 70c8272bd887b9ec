"""Stances from labels and reported evaluations (``stances/labels.py``), one real-news
sentence per case: the label's evaluation word gives the polarity, an anaphoric object
takes the nearest earlier proposal phrase, and a hedge, a raised negation, a moment or a
label the evaluation table does not judge say nothing."""

from __future__ import annotations

import pytest

from newsledger.pipeline import Pipeline
from newsledger.records import Article, Document


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline.load()


def stances(pipeline: Pipeline, text: str) -> list[tuple[str | None, str, str]]:
    document = pipeline.annotate_one(Document(Article("a", text, published="2019-11-20")))
    return sorted((s.holder, s.polarity, s.target) for s in document.stances)


@pytest.mark.parametrize(
    "text,expected",
    [
        # a label: the polarity of its evaluation word; "it" -> the earlier decision
        ("Israel announced its decision to expand the settlements. Saeb Erekat called it unacceptable.",
         [("Saeb Erekat", "oppose", "its decision to expand the settlements")]),
        ("Mike Pompeo described the plan as dangerous.", [("Mike Pompeo", "oppose", "the plan")]),
        # a label the table does not judge
        ("Norman Ham described Hillary Clinton as a lifetime politician.", []),
        # a reported evaluation of a demonstrative
        ("“That was a really outrageous tweet,” David Axelrod said.",
         [("David Axelrod", "oppose", "That was a really outrageous tweet")]),
        ("Gwynne Shotwell said this is a really neat program.",
         [("Gwynne Shotwell", "support", "this is a really neat program")]),
        # a raised negation, a hedge, a moment
        ("“I don’t think this is a ridiculous idea,” Howard Dean said.", []),
        ("“This could be a ridiculous idea,” Howard Dean said.", []),
        ("“So this is a very dangerous time,” Michael Flynn said.", []),
    ],
)
def test_label_stances(pipeline, text, expected) -> None:
    assert stances(pipeline, text) == expected
