"""Quantities: numbers with their units, from spaCy number entities."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsledger.annotate.events.quantities import parse_money, parse_value, quantities_in


@pytest.mark.parametrize(
    "text,value",
    [
        ("270", 270.0),
        ("1,200", 1200.0),
        ("a dozen", 12.0),
        ("dozens", 12.0),
        ("three hundred", 300.0),
        ("twenty-five", 25.0),
        ("1.5 million", 1_500_000.0),
        ("more than 200", 200.0),
        ("about 30", 30.0),
        ("Five", 5.0),
        ("", None),
        ("several", None),
    ],
)
def test_parse_value(text: str, value: float | None) -> None:
    assert parse_value(text) == value


@pytest.mark.parametrize(
    "text,value,currency",
    [("$1.5 million", 1_500_000.0, "$"), ("£300", 300.0, "£"), ("€20bn", 20e9, "€"), ("$143 million", 143e6, "$")],
)
def test_parse_money(text: str, value: float, currency: str) -> None:
    assert parse_money(text) == (value, currency)


@pytest.mark.parametrize(
    "sentence,expected",
    [
        ("Russia sent 270 drones and 10 missiles.", [(270.0, "drones"), (10.0, "missiles")]),
        ("About a dozen people were killed.", [(12.0, "people")]),
        ("Three hundred troops arrived.", [(300.0, "troops")]),
        ("Dozens of protesters gathered.", [(12.0, "protesters")]),
        ("Turnout rose 5 percent.", [(5.0, "%")]),
        ("Clinton raised $143 million in August.", [(143e6, "$")]),
        ("He arrived on Monday.", []),
    ],
)
def test_quantities_in_sentences(nlp, sentence: str, expected: list) -> None:
    found = [(q.value, q.unit) for q, _ in quantities_in(nlp(sentence))]
    assert found == expected


def test_spans_point_at_the_numbers(nlp) -> None:
    doc = nlp("Russia sent 270 drones and 10 missiles.")
    assert [doc.text[s:e] for _, (s, e) in quantities_in(doc)] == ["270", "10"]


@given(st.integers(min_value=0, max_value=10**9))
def test_digits_round_trip(n: int) -> None:
    assert parse_value(str(n)) == float(n)
    assert parse_value(f"{n:,}") == float(n)


@given(st.integers(min_value=1, max_value=999), st.sampled_from(["thousand", "million", "billion"]))
def test_multipliers_scale(n: int, word: str) -> None:
    scale = {"thousand": 1e3, "million": 1e6, "billion": 1e9}[word]
    assert parse_value(f"{n} {word}") == n * scale


@given(st.text(max_size=40))
def test_never_raises(text: str) -> None:
    value = parse_value(text)
    assert value is None or isinstance(value, float)
