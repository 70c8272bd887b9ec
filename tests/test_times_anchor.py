"""Times, anchoring: the tense side of a clause sends weekdays and months past or future."""

from __future__ import annotations

import pytest

from newsledger.annotate.times.anchor import FUTURE, PAST, UNKNOWN, direction


@pytest.mark.parametrize(
    "sentence,expression,side",
    [
        ("On Monday night, Russia launched 270 drones.", "Monday night", PAST),
        ("Russia launched its biggest air assault on Monday night.", "Monday night", PAST),
        ("Talks on Friday will decide the matter.", "Friday", FUTURE),
        ("The leaders will meet on Friday in Geneva.", "Friday", FUTURE),
        ("A meeting could happen before Friday.", "Friday", FUTURE),
        ("Allies discussed sanctions on Tuesday.", "Tuesday", PAST),
        ("She has spoken to him on Thursday.", "Thursday", PAST),
        ("The group would be ready to leave as soon as Tuesday, Castro said.", "Tuesday", FUTURE),
        ("The attorney has scheduled a news conference Thursday.", "Thursday", FUTURE),
        ("The minister is meeting his counterpart on Friday.", "Friday", FUTURE),
        ("The agency extended its deadline until 9 a.m. Tuesday.", "9 a.m. Tuesday", FUTURE),
        ("Prices have risen since Monday.", "Monday", PAST),
        ("Despite the optimism following Monday’s White House summit, Mr Trump has admitted doubts.",
         "Monday", PAST),
        ("The regime is planning to hold elections in March.", "March", FUTURE),
        ("Nothing happens on Sunday.", "Sunday", UNKNOWN),
        ("The family could not be reached Wednesday.", "Wednesday", PAST),
        ("They will appeal the decision, announced Wednesday by the agency.", "Wednesday", PAST),
        # planned-event nouns and verbs of wish or plan (issue 16): the event lies ahead
        ("Zelensky demanded talks on Thursday.", "Thursday", FUTURE),
        ("He proposed talks on Thursday.", "Thursday", FUTURE),
        ("Ukraine called for a vote on Monday.", "Monday", FUTURE),
        ("The vote on Monday is crucial.", "Monday", FUTURE),
        ("Putin agreed to meet Zelensky on Friday.", "Friday", FUTURE),
        ("The summit is to be held on Friday.", "Friday", FUTURE),
        ("The troops are set to leave on Friday.", "Friday", FUTURE),
        # ... unless the clause tells what became of it
        ("The talks on Thursday ended badly.", "Thursday", PAST),
        ("He attended the meeting on Monday.", "Monday", PAST),
    ],
)
def test_direction(nlp, sentence: str, expression: str, side: int) -> None:
    start = sentence.index(expression)
    assert direction(nlp(sentence), start, start + len(expression)) == side


def test_no_doc_is_unknown() -> None:
    assert direction(None, 0, 6) == UNKNOWN


def test_proposed_talks_on_thursday_in_a_monday_article_are_the_coming_thursday(nlp) -> None:
    from datetime import date

    from newsledger.annotate.times import extract

    text = "Kyiv proposed talks on Thursday, officials said."
    [(cand, found)] = extract(text, nlp(text), date(2025, 8, 18))  # a Monday
    assert (cand.text, found.value) == ("Thursday", "2025-08-21")
