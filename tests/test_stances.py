"""Stances: holder, polarity, modality and issue key, one parametrized case per rule."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsledger.annotate import stances
from newsledger.annotate.stances.issues import issue_key, known_keys
from newsledger.records import Stance
from tests.layers_support import document


def run(nlp, text: str, quotes: dict | None = None) -> list[Stance]:
    return list(stances.annotate(document(nlp, text, quotes=quotes)).stances)


@pytest.mark.parametrize(
    "text,holder,polarity,modality,issue",
    [
        # adjectives of position
        ("Sky News understands Italy is opposed to putting boots on the ground in Ukraine.",
         "Italy", "oppose", "certain", "troops-on-the-ground"),
        ("EU diplomats are confident this is the best chance yet to stop the war.",
         "European Union", "support", "certain", "peace-deal"),
        ("Germany is willing to send troops to Ukraine.", "Germany", "support", "certain", "troops-on-the-ground"),
        ("Germany is not willing to send troops to Ukraine.", "Germany", "oppose", "certain", "troops-on-the-ground"),
        # verbs of position, negation, passives
        ("Russia rejected the peace plan.", "Russia", "oppose", "certain", "peace-deal"),
        ("Germany does not support the peace plan.", "Germany", "oppose", "certain", "peace-deal"),
        ("Rome was disliked by the Russians.", "Russia", "oppose", "certain", None),
        ("Donald Trump has called for the complete repeal of Obamacare.", "Donald Trump", "support", "certain",
         "health-care"),
        ("Hillary Clinton said she didn't want the escort.", "Hillary Clinton", "oppose", "certain", None),
        ("France may support new sanctions.", "France", "support", "possible", "sanctions"),
        ("Russia insisted that North Korea stop its missile tests.", "Russia", "support", "certain", None),
        ("John Kerry urged North Korea to resume talks.", "John Kerry", "support", "certain", "peace-talks"),
        ("Barack Obama sounded a call for the United States to accept more refugees.", "Barack Obama", "support",
         "certain", "immigration"),
        # evaluations
        ("Talks between the two presidents are seen by Donald Trump as vital to ending the war.",
         "Donald Trump", "support", "certain", "peace-talks"),
    ],
)
def test_position_cues(nlp, text, holder, polarity, modality, issue) -> None:
    (stance,) = run(nlp, text)
    assert (stance.holder, stance.polarity, stance.modality, stance.issue) == (holder, polarity, modality, issue)


@pytest.mark.parametrize(
    "text,speaker,polarity,modality",
    [
        ("Donald Trump has said American troops will not be sent to Ukraine.", "Donald Trump", "oppose", "certain"),
        ("Donald Trump has said the US may provide air support.", "Donald Trump", "support", "possible"),
    ],
)
def test_reported_policy(nlp, text, speaker, polarity, modality) -> None:
    content = text.split("said ", 1)[1].rstrip(".")
    (stance,) = run(nlp, text, {content: speaker})
    assert (stance.holder, stance.polarity, stance.modality) == (speaker, polarity, modality)
    assert "will" not in stance.target.split() and "may" not in stance.target.split()


@pytest.mark.parametrize(
    "text",
    [
        "France did not oppose the plan.",  # not opposing is not supporting
        "Hillary Clinton wanted to speak directly to white people.",  # an intention
        "European allies are understood to want security guarantees.",  # no named holder
        "None of them gave Barack Obama the answer that he wanted.",  # a bare relative pronoun
        "Air support could take many forms.",
        "Why won't Donald Trump release his tax returns?",  # a question
        "If the FBI wanted the laptops, it could get them.",  # inside an if-clause
        "Donald Trump backed off some of his initial proposals.",  # a particle changes the verb
        "Hillary Clinton called Alicia Machado on Friday.",  # "call on <date>" is no call on someone
        "Hillary Clinton and Bill Clinton met. Clinton opposed the plan.",  # a shared surname
        "Don Fowler is not calling for a successor.",  # a negated demand
        "Jason Chaffetz insisted he has different questions.",  # an assertion, not a demand
    ],
)
def test_no_stance(nlp, text: str) -> None:
    assert run(nlp, text) == []


@pytest.mark.parametrize(
    "target",
    ["boots on the ground", "troops in Ukraine", "putting people on the ground", "American troops sent to Ukraine",
     "putting troops on ground"],
)
def test_issue_paraphrases_meet(target: str) -> None:
    assert issue_key(target) == "troops-on-the-ground"


@pytest.mark.parametrize("target", ["support", "the economy", ""])
def test_no_issue(target: str) -> None:
    assert issue_key(target) is None


@given(st.text(max_size=80))
def test_issue_key_is_known_or_none(text: str) -> None:
    assert issue_key(text) in (None, *known_keys())


def test_reported_judgement(nlp) -> None:
    text = "Michael Flynn said Donald Trump was absolutely right when he spoke of the generals."
    (stance,) = run(nlp, text)
    assert (stance.holder, stance.polarity) == ("Michael Flynn", "support")
    assert stance.target.startswith("Donald Trump was absolutely right")


def test_a_negation_inside_the_target_stays(nlp) -> None:
    text = "Donald Trump is demanding Barack Obama make a pledge not to pardon Hillary Clinton."
    (stance,) = run(nlp, text)
    assert stance.holder == "Donald Trump" and "not to pardon" in stance.target


def test_a_surname_alone_goes_to_the_one_full_name(nlp) -> None:
    text = "Connie Mariano wrote a memoir.\n\nMariano insisted that Hillary Clinton go to the hospital."
    (stance,) = run(nlp, text)
    assert stance.holder == "Connie Mariano"


def test_evidence_is_the_text(nlp) -> None:
    text = "Sky News understands Italy is opposed to putting boots on the ground in Ukraine."
    (stance,) = run(nlp, text)
    assert text[stance.span[0]:stance.span[1]] == stance.evidence
    assert stance.target == "putting boots on the ground in Ukraine"
