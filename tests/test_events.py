"""Events: typed, dated, sourced occurrences from sentences and the reference article."""

from __future__ import annotations

import pytest

from newsledger.annotate import events
from newsledger.annotate.shared.event_types import event_types
from newsledger.records import Event
from tests.layers_support import document

MONDAY = {"on Monday": ("2025-08-18", "2025-08-18")}


def run(nlp, text: str, times: dict | None = None, quotes: dict | None = None) -> list[Event]:
    return list(events.annotate(document(nlp, text, times, quotes)).events)


@pytest.mark.parametrize(
    "text,times,type_,status,actor,target",
    [
        ("Russia attacked Ukraine on Monday.", MONDAY, "attack", "happened", "Russia", "Ukraine"),
        ("Russia launched a major assault on Ukraine on Monday.", MONDAY, "attack", "happened", "Russia", "Ukraine"),
        ("Russia did not attack Ukraine on Monday.", MONDAY, "attack", "denied", "Russia", "Ukraine"),
        ("Russia imposed sanctions on Ukraine on Monday.", MONDAY, "sanction", "happened", "Russia", "Ukraine"),
    ],
)
def test_actor_target_events(nlp, text, times, type_, status, actor, target) -> None:
    (event,) = run(nlp, text, times)
    assert (event.type, event.status, event.actor, event.target) == (type_, status, actor, target)
    assert event.start == "2025-08-18"


@pytest.mark.parametrize(
    "text,times,status,participants",
    [
        ("Donald Trump and Vladimir Putin will meet in Geneva next week.",
         {"next week": ("2025-08-25", "2025-08-31")}, "planned", ("Donald Trump", "Vladimir Putin")),
        ("Emmanuel Macron met Keir Starmer on Monday.", MONDAY, "happened", ("Emmanuel Macron", "Keir Starmer")),
        ("Volodymyr Zelenskyy spoke to Vladimir Putin.\n\nA possible Zelenskyy-Putin summit is being discussed.",
         {}, "planned", ("Volodymyr Zelenskyy", "Vladimir Putin")),
    ],
)
def test_meetings(nlp, text, times, status, participants) -> None:
    (event,) = run(nlp, text, times)
    assert event.type == "meeting" and event.status == status
    assert [p.split()[-1] for p in event.participants] == [p.split()[-1] for p in participants]


@pytest.mark.parametrize(
    "text",
    [
        "Five key takeaways from White House talks",
        "Air support could take many forms.",
        "If talks fail, Russia will attack Ukraine.",
        "Any future Russian attack would be met with force.",
        "It is not clear what role the US would play under any proposed peace deal.",
        "Caddell went on to discuss recently released polls.",
        "Muslims worldwide will kill and ritually sacrifice animals.",
        "Donald Trump attacked Hillary Clinton on Monday.",  # criticism, not an assault
        "Scholars have long debated the salience of ethnic ties.",  # a topic, not a debate
        "She did not meet the 15 percent polling threshold.",
        "The plan has been met with opposition.",
        "Voters are going to vote, he said, and to vote early.",
    ],
)
def test_no_event(nlp, text: str) -> None:
    assert run(nlp, text) == []


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Mitt Romney still lost the election.", [("election", "happened")]),
        ("Howard Dean poked at Donald Trump during the debate.", []),  # happened, but no argument
        ("Donald Trump announced a summit.", []),  # announced: the summit may lie ahead
        ("Donald Trump will attend the summit.", [("meeting", "planned")]),  # "attend" carries the tense
    ],
)
def test_noun_events_in_past_clauses(nlp, text: str, expected: list) -> None:
    assert [(e.type, e.status) for e in run(nlp, text)] == expected


def test_quantities_and_source(nlp) -> None:
    text = ("Russia launched its biggest air assault on Ukraine on Monday night, sending 270 drones "
            "and 10 missiles, the Ukrainian air force said.")
    (event,) = run(nlp, text, {"Monday night": ("2025-08-18", "2025-08-18")})
    assert [(q.value, q.unit) for q in event.quantities] == [(270.0, "drones"), (10.0, "missiles")]
    assert event.source == "Ukrainian Air Force"
    assert (event.start, event.end) == ("2025-08-18", "2025-08-19")  # a night runs into the next day


def test_mentions_of_one_planned_meeting_merge(nlp) -> None:
    text = ("Volodymyr Zelenskyy spoke to Vladimir Putin.\n\n"
            "It comes as planning for a possible Zelenskyy-Putin summit gets under way.\n\n"
            "Talks between the Ukrainian and Russian president are seen as vital.\n\n"
            "Sky News understands a meeting could happen before the end of the month.")
    (event,) = run(nlp, text, {"the end of the month": ("2025-08-31", "2025-08-31")})
    assert event.status == "planned" and event.end == "2025-08-31"
    assert event.source == "Sky News"
    assert "Vladimir Putin" in event.participants
    assert event.evidence == "a meeting could happen before the end of the month"


def test_two_clauses_are_two_events(nlp) -> None:
    text = "Germany endorsed Hillary Clinton on Monday. France also endorsed Hillary Clinton on Monday."
    found = run(nlp, text, {"on Monday": ("2025-08-18", "2025-08-18")})
    assert [e.type for e in found] == ["endorsement", "endorsement"]


def test_venue_options(nlp) -> None:
    text = ("A meeting could happen before the end of the month, with Geneva, Vienna, Rome, Budapest, "
            "and Doha among the venues being considered.")
    (event,) = run(nlp, text, {"the end of the month": ("2025-08-31", "2025-08-31")})
    assert event.place_options == ("Geneva", "Vienna", "Rome", "Budapest", "Doha")


def test_spans_are_evidence(nlp) -> None:
    text = "Russia attacked Ukraine on Monday."
    doc = document(nlp, text, MONDAY)
    for event in events.annotate(doc).events:
        assert text[event.span[0]:event.span[1]] == event.evidence


def test_typology_table() -> None:
    types = event_types()
    names = [t.type for t in types]
    assert len(names) == len(set(names))
    assert {"attack", "meeting", "statement", "sanction", "agreement", "aid", "deployment", "protest"} <= set(names)
    for etype in types:
        if etype.extracted:
            assert etype.verbs or etype.nouns, etype.type
        assert etype.plover or etype.cameo or not etype.extracted or etype.type in {"rally", "election", "vote"}


def test_requires_a_parse(nlp) -> None:
    doc = document(nlp, "Russia attacked Ukraine.").evolve(doc=None)
    with pytest.raises(ValueError, match="a1"):
        events.annotate(doc)
