"""Commitments: kind, holder, action, condition and due date, one case per rule."""

from __future__ import annotations

import pytest

from newsledger.annotate import commitments
from newsledger.records import Commitment
from tests.layers_support import document

NEXT_WEEK = {"next week": ("2025-08-25", "2025-08-31")}


def run(nlp, text: str, times: dict | None = None, quotes: dict | None = None) -> list[Commitment]:
    return list(commitments.annotate(document(nlp, text, times, quotes)).commitments)


@pytest.mark.parametrize(
    "text,times,kind,holder,action,due",
    [
        ("Donald Trump threatened to put more sanctions on Russia.", {}, "threat", "Donald Trump",
         "put more sanctions on Russia", None),
        ("Russia promised to withdraw its troops by next week.", NEXT_WEEK, "promise", "Russia",
         "withdraw its troops", "2025-08-31"),
        ("Germany plans to send more aid next week.", NEXT_WEEK, "plan", "Germany", "send more aid", "2025-08-31"),
        ("A NATO-like treaty could be completed by next week.", NEXT_WEEK, "plan", None,
         "A NATO-like treaty could be completed", "2025-08-31"),
        ("Donald Trump will visit Kyiv next week.", NEXT_WEEK, "plan", "Donald Trump", "visit Kyiv", "2025-08-31"),
        ("Donald Trump vowed to punish those who violate the rules.", {}, "promise", "Donald Trump",
         "punish those who violate the rules", None),
        ("The veto is expected to come next week.", NEXT_WEEK, "expectation", None, "The veto come", "2025-08-31"),
    ],
)
def test_commitment_cases(nlp, text, times, kind, holder, action, due) -> None:
    (found,) = run(nlp, text, times)
    assert (found.kind, found.holder, found.action, found.due) == (kind, holder, action, due)


def test_condition_is_recorded_apart(nlp) -> None:
    text = "Donald Trump has threatened to put more sanctions on Russia if a peace deal isn’t reached."
    (found,) = run(nlp, text)
    assert found.condition == "if a peace deal isn’t reached"
    assert found.action == "put more sanctions on Russia"


def test_first_person_in_a_quote_is_the_speaker(nlp) -> None:
    text = "“We’re going to find out about Vladimir Putin in the next couple of weeks,” Donald Trump told Fox News."
    content = "We’re going to find out about Vladimir Putin in the next couple of weeks"
    (found,) = run(nlp, text, {"the next couple of weeks": ("2025-08-19", "2025-09-02")}, {content: "Donald Trump"})
    assert (found.kind, found.holder) == ("expectation", "Donald Trump")
    assert (found.due_start, found.due) == ("2025-08-19", "2025-09-02")
    assert found.action == "find out about Vladimir Putin"


def test_a_pronoun_goes_to_the_reporting_subject(nlp) -> None:
    text = "Jill Stein said she plans to join her supporters at the protest."
    (found,) = run(nlp, text)
    assert found.holder == "Jill Stein"


@pytest.mark.parametrize(
    "text,times",
    [
        ("Promise mama you’ll keep your hands in sight.", {}),  # an imperative commits no one
        ("Allies could return to Washington next week.", NEXT_WEEK),  # a hedge about actors, not a plan
        ("Donald Trump met Vladimir Putin last week.", {"last week": ("2025-08-11", "2025-08-17")}),  # past
        ("Russia did not promise to withdraw.", {}),
        ("Mr. President, will you pledge not to issue a pardon?", {}),  # a question asks for one
        ("That promises to make life a lot more difficult.", {}),  # a forecast, no one commits
        ("The FBI warned officials to boost their election security.", {}),  # advice, not a threat
        ("The debate next week will be Trump's first.", NEXT_WEEK),  # a state, not an action
    ],
)
def test_no_commitment(nlp, text: str, times: dict) -> None:
    assert run(nlp, text, times) == []

