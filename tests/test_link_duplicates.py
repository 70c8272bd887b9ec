"""Near-duplicate articles are linked, not double-counted; one quote carried by several
outlets is one group with several sources, each row keeping its own span."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsledger.link import duplicates
from tests.link_support import document, linked_ledger

WIRE = (
    "Donald Trump said on Tuesday that he would release his tax returns after an audit "
    "was complete, repeating a promise he has made for months as Democrats pressed him. "
    '"We will release them when the audit is done, believe me," Mr. Trump told reporters '
    "at a rally in Ohio, where thousands of supporters gathered on a cold evening to hear him "
    "speak about jobs, trade and the economy of the industrial Midwest."
)
UPDATED = WIRE + " His campaign did not say when the audit would end."
OTHER = (
    "Hillary Clinton spent the day preparing for the debate at her home in New York, aides "
    'said. "We will release them when the audit is done, believe me," Mr. Trump had told '
    "reporters, a line her campaign quickly put in an advertisement about transparency."
)
QUOTE = "We will release them when the audit is done, believe me,"


@pytest.mark.parametrize(
    ("text", "expected"),
    [("a b c d e f", {b"a b c d e", b"b c d e f"}), ("A, b", {b"a b"}), ("", set())],
)
def test_shingles(text: str, expected: set[bytes]) -> None:
    assert duplicates.shingles(text) == expected


@settings(deadline=None)  # no timing in unit tests: the machine is shared
@given(st.text(max_size=200))
def test_a_text_is_its_own_near_duplicate(text: str) -> None:
    found = duplicates.shingles(text)
    if found:
        assert duplicates.signature(found).jaccard(duplicates.signature(found)) == 1.0


@pytest.mark.parametrize(
    ("text", "expected"),
    [(QUOTE, True), ("“We will release them when the audit is DONE, believe me”", True), ("Believe me", False)],
)
def test_quote_key_folds_case_and_punctuation(text: str, expected: bool) -> None:
    key = duplicates.quote_key(text)
    assert (key == duplicates.quote_key(QUOTE)) is expected


def corpus() -> list:
    return [
        document("wire", WIRE, outlet="AP", published="2016-09-27", quotes=[(QUOTE, "Donald Trump")]),
        document("update", UPDATED, outlet="AP", published="2016-09-28", quotes=[(QUOTE, "Donald Trump")]),
        document("other", OTHER, outlet="NYT", published="2016-09-28", quotes=[(QUOTE, "Donald Trump")]),
    ]


def test_updated_version_is_a_duplicate_of_the_original_and_not_counted() -> None:
    with linked_ledger(corpus()) as ledger:
        pairs = duplicates.duplicate_pairs(ledger)
        assert [(a, b) for a, b, _ in pairs] == [("update", "wire")]
        assert pairs[0][2] >= duplicates.THRESHOLD
        assert {row["id"] for row in ledger.view("distinct_articles")} == {"wire", "other"}


def test_one_quote_in_three_articles_is_one_group_with_three_sources() -> None:
    with linked_ledger(corpus()) as ledger:
        groups = ledger.view("quote_groups")
        assert len(groups) == 1
        assert groups[0]["articles"] == 3 and groups[0]["outlets"] == 2
        for quote in ledger.records("quotes"):  # every row still points into its own text
            text = ledger.article(quote.article_id).text
            assert text[quote.span[0]:quote.span[1]] == quote.text


def test_articles_without_words_are_not_duplicates_of_each_other() -> None:
    with linked_ledger([document("e1", "...", published="2016-09-27"), document("e2", "—", published="2016-09-27")]) as ledger:
        assert duplicates.duplicate_pairs(ledger) == []
        assert len(ledger.stories()) == 2
