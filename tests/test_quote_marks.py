"""Pairing quotation marks: apostrophes, nesting, paragraphs, unbalanced marks."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsledger.annotate.quotes.quote_marks import find_marked, paragraphs


def contents(text: str) -> list[str]:
    return [text[m.content[0] : m.content[1]] for m in find_marked(text)]


@pytest.mark.parametrize(
    "text,expected",
    [
        ("He said “We’re going,” and left.", ["We’re going,"]),
        ('He said "We are going," and left.', ["We are going,"]),
        ("‘Don’t trust Russia,’ diplomat warns", ["Don’t trust Russia,"]),
        ("The allies’ plan and Kyiv’s view.", []),  # apostrophes only
        ("Back in the ’90s it was ‘a mess’.", ["a mess"]),
        ("“A ‘nested’ quote,” she said.", ["A ‘nested’ quote,"]),
        ("It's 'rock' music.", ["rock"]),
        ("“One,” he said, “two.”", ["One,", "two."]),
        ("“Let’s go. We can stop it.’ She left.", ["Let’s go. We can stop it."]),  # mistyped close
        ("''I hope not,'' he said.", ["I hope not,"]),  # doubled apostrophes
        ("The ''people's'' choice.", ["people's"]),
    ],
)
def test_pairs(text: str, expected: list[str]) -> None:
    assert contents(text) == expected


def test_multi_paragraph_quote_continues() -> None:
    text = "“First paragraph goes on.\n\n“Second paragraph ends,” he said."
    marks = find_marked(text)
    assert [m.continues for m in marks] == [True, False]
    assert text[marks[0].content[0] : marks[0].content[1]] == "First paragraph goes on."


@pytest.mark.parametrize(
    "text",
    ["He said “unclosed and never reopened.\n\nNext paragraph.", "“", "”", "‘’", "a “b", "x\n\n“"],
)
def test_unbalanced_marks_are_dropped(text: str) -> None:
    assert contents(text) == []


def test_paragraphs() -> None:
    assert paragraphs("a\n\nb\nc") == [(0, 1), (3, 4), (5, 6)]


@given(st.text(alphabet="ab “”‘’\"'\n.,", max_size=80))
def test_never_crashes_and_spans_are_inside(text: str) -> None:
    for mark in find_marked(text):
        assert 0 <= mark.outer[0] < mark.content[0] <= mark.content[1] <= mark.outer[1] <= len(text)


@given(st.text(alphabet="abc .,", max_size=60))
def test_text_without_marks_has_no_quotes(text: str) -> None:
    assert find_marked(text) == []
