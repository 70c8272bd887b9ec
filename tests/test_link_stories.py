"""Stories over time, timelines per entity and story, stance changes with both
evidence spans, overdue commitments against an as-of date."""

from __future__ import annotations

import pytest

from newsledger import link
from newsledger.export import build_export, validate_export
from newsledger.link import stories as st
from newsledger.link import timeline as tl
from newsledger.link.resolve import find_cluster
from newsledger.settings import LinkSettings
from tests.link_support import document, linked_ledger

DEBATE = "Hillary Clinton and Donald Trump met in the first presidential debate at Hofstra University"
HEALTH = "Hillary Clinton was diagnosed with pneumonia and left a memorial ceremony early in New York"
HRC = ("Hillary Clinton", "PERSON", "Hillary Clinton")
DJT = ("Donald Trump", "PERSON", "Donald Trump")


@pytest.mark.parametrize(
    ("day", "start", "end", "expected"),
    [("2016-09-30", "2016-09-20", "2016-09-27", True), ("2016-10-30", "2016-09-20", "2016-09-27", False),
     ("2016-09-10", "2016-09-20", "2016-09-27", False), (None, None, None, True), (None, "2016-09-20", "2016-09-20", False)],
)
def test_in_window(day: str | None, start: str | None, end: str | None, expected: bool) -> None:
    assert st.in_window(day, start, end) is expected


@pytest.mark.parametrize(
    ("a", "b", "expected"), [({"x": 1.0}, {"x": 2.0}, 1.0), ({"x": 1.0}, {"y": 1.0}, 0.0), ({}, {"x": 1.0}, 0.0)]
)
def test_cosine(a: dict, b: dict, expected: float) -> None:
    assert st.cosine(a, b) == pytest.approx(expected)


def test_terms_count_the_title_twice() -> None:
    assert st.terms("Debate", "the debate")["debate"] == 3


def corpus() -> list:
    return [
        document("d1", DEBATE + ". Donald Trump opposed the trade deal.", [HRC, DJT], published="2016-09-26", title="The first debate",
                 stances=[("Donald Trump opposed the trade deal", "Donald Trump", "oppose", "trade")]),
        document("d2", DEBATE + " on Monday night. Clinton prepared.", [HRC, DJT], published="2016-09-27",
                 title="Debate at Hofstra", outlet="NYT"),
        document("h1", HEALTH + ". Her doctor spoke.", [HRC], published="2016-09-12", title="Clinton has pneumonia"),
        document("h2", HEALTH + " on Sunday, her doctor said.", [HRC], published="2016-09-13", title="Pneumonia"),
        document("late", "Donald Trump now supports the trade deal, he said. Donald Trump will release "
                 "his tax returns.", [DJT], published="2016-10-20", title="Trump on trade",
                 stances=[("Donald Trump now supports the trade deal", "Donald Trump", "support", "trade")],
                 commitments=[("will release his tax returns", "Donald Trump", "2016-10-31")]),
    ]


def test_articles_of_one_story_cluster_and_others_do_not() -> None:
    with linked_ledger(corpus()) as ledger:
        found = {frozenset(s.article_ids): s for s in ledger.stories()}
        assert set(found) == {frozenset({"d1", "d2"}), frozenset({"h1", "h2"}), frozenset({"late"})}
        debate = found[frozenset({"d1", "d2"})]
        assert (debate.start, debate.end) == ("2016-09-26", "2016-09-27")
        assert debate.actors[:2] == ("Donald Trump", "Hillary Clinton")
        assert debate.title in ("The first debate", "Debate at Hofstra")


def test_a_story_threshold_no_cosine_reaches_keeps_every_article_apart() -> None:
    """The settings given to link.update take effect: no cosine reaches 1.01, so the
    two debate reports the default joins are two stories."""
    with linked_ledger([]) as ledger:
        ledger.add(corpus(), then=lambda led, ids: link.update(led, ids, LinkSettings(story_threshold=1.01)))
        assert {frozenset(s.article_ids) for s in ledger.stories()} == {frozenset({a}) for a in
                                                                       ("d1", "d2", "h1", "h2", "late")}


def test_export_lists_the_stories_and_validates() -> None:
    with linked_ledger(corpus()) as ledger:
        data = build_export(ledger)
    validate_export(data)
    assert len(data["stories"]) == 3
    assert set(data["stories"][0]) == {"id", "title", "start", "end", "article_ids", "actors"}


def test_stance_change_reports_both_evidence_spans() -> None:
    with linked_ledger(corpus()) as ledger:
        changes = tl.stance_changes(ledger)
        assert len(changes) == 1
        change = changes[0]
        assert change.describe() == ("Donald Trump moved from oppose to support on trade "
                                     "between 2016-09-26 and 2016-10-20")
        for stance in (change.before, change.after):
            text = ledger.article(stance.article_id).text
            assert text[stance.span[0]:stance.span[1]] == stance.evidence
        assert tl.stance_changes(ledger, since="2016-10-21") == []


@pytest.mark.parametrize(("as_of", "late"), [("2016-11-01", 1), ("2016-10-31", 0), ("2016-10-01", 0)])
def test_commitments_past_due_without_an_event_are_overdue(as_of: str, late: int) -> None:
    with linked_ledger(corpus()) as ledger:
        assert len(tl.overdue(ledger, as_of)) == late


def test_a_matching_event_fulfils_the_commitment() -> None:
    docs = [*corpus(), document("kept", "Donald Trump released his tax returns on Friday.", [DJT],
                                published="2016-10-28",
                                events=[("Donald Trump released his tax returns", "Donald Trump", "2016-10-28")])]
    with linked_ledger(docs) as ledger:
        assert tl.overdue(ledger, "2016-11-01") == []


def test_entity_timeline_holds_its_records_in_date_order() -> None:
    with linked_ledger(corpus()) as ledger:
        trump = find_cluster(ledger, "donald trump")
        assert trump is not None
        entries = tl.timeline(ledger, trump.id)
        assert [(e.date, e.layer) for e in entries] == [
            ("2016-09-26", "stance"), ("2016-10-20", "stance"), ("2016-10-31", "commitment")]
        assert all(e.who == "Donald Trump" for e in entries)
