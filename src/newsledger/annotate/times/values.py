"""The value types of the temporal layer and the small parsers they share.

A :class:`Resolution` is what a normaliser returns for one candidate: TIMEX3 ``type``,
``value`` and ``mod``, and an inclusive date range when the expression is placeable.
A :class:`Context` is what it may look at: the anchor (publication date), the tense
side of the clause, the last day placed before it (for "the next day"), the last period
placed at any granularity (for "that year", "the following month", "a year earlier") and
the last year the text named (for "the third quarter").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from newsledger.annotate.times.lexicon import (
    MONTHS,
    NUMBERS,
    UNITS,
    VAGUE_NUMBERS,
    WEEKDAYS,
)
from newsledger.settings import TimeSettings


@dataclass(frozen=True, slots=True)
class Resolution:
    """A normalised expression: ``Resolution("DATE", "2025-W35", date(…), date(…))``."""

    type: str
    value: str | None
    start: date | None = None
    end: date | None = None
    mod: str | None = None


@dataclass(frozen=True, slots=True)
class Context:
    """What a normaliser may use: ``anchor`` None means "unanchored: use XXXX forms".

    ``default_direction`` and ``tense_horizon_days`` come from the times settings
    (:class:`~newsledger.settings.TimeSettings`, which says why they are what they are).
    """

    anchor: date | None
    direction: int = 0
    previous: date | None = None
    before: str = ""  # the few characters before the expression, for "in two weeks"
    default_direction: int = TimeSettings.default_direction
    tense_horizon_days: int = TimeSettings.tense_horizon_days
    reference: Resolution | None = None  # the last placed date, at its own granularity
    year: int | None = None  # the last year the text named ("in 1988", "last year")
    decade_notation: str = TimeSettings.decade_notation


def day(value: date, type_: str = "DATE", suffix: str = "") -> Resolution:
    """A one-day resolution: ``day(date(2025, 8, 18), "TIME", "TNI")`` -> value 2025-08-18TNI."""
    return Resolution(type_, value.isoformat() + suffix, value, value)


def span(value: str, first: date, last: date, mod: str | None = None, type_: str = "DATE") -> Resolution:
    """A ranged resolution."""
    return Resolution(type_, value, first, last, mod)


def month_number(word: str) -> int:
    """``month_number("Sept.")`` -> 9."""
    return MONTHS[word.rstrip(".").lower()]


def weekday_number(word: str) -> int:
    """``weekday_number("Monday")`` -> 1 (ISO)."""
    return WEEKDAYS[word.lower()]


def day_number(word: str) -> int:
    """``day_number("21st")`` -> 21."""
    return int(re.sub(r"\D", "", word))


def quantity(word: str) -> float | None:
    """A number written in digits or words; None for vague ones ("several").

    >>> quantity("5 1/2"), quantity("a couple of"), quantity("several"), quantity("twenty-four")
    (5.5, 2.0, None, 24.0)
    """
    text = re.sub(r"\s+", " ", word.strip().lower())
    half = 0.0
    for tail in (" 1/2", " and a half"):
        if text.endswith(tail):
            text, half = text[: -len(tail)], 0.5
    if text in VAGUE_NUMBERS:
        return None
    try:
        return float(text) + half
    except ValueError:
        pass
    if text in NUMBERS:
        return NUMBERS[text] + half
    words = re.split(r"[\s-]+", text)  # "twenty-four", "twenty four"
    if len(words) == 2 and all(w in NUMBERS for w in words) and NUMBERS[words[0]] >= 20 > NUMBERS[words[1]]:
        return NUMBERS[words[0]] + NUMBERS[words[1]] + half
    return None


def unit_key(word: str) -> str:
    """The singular unit name: ``unit_key("centuries")`` -> "century"."""
    text = word.lower().rstrip()
    if text == "centuries":
        return "century"
    text = text[:-1] if text.endswith("s") and text[:-1] in UNITS else text
    return text


#: TIMEX3 value shapes -> granularity, most specific first.
_GRANULARITY = (
    (re.compile(r"\d{4}-\d\d-\d\d"), "day"), (re.compile(r"\d{4}-W\d\d"), "week"),
    (re.compile(r"\d{4}-\d\d$"), "month"), (re.compile(r"\d{4}-Q\d$"), "quarter"),
    (re.compile(r"\d{4}-(?:SP|SU|FA|WI)$"), "season"), (re.compile(r"\d{4}$"), "year"),
)


def granularity(value: str | None) -> str | None:
    """The unit a calendar value is written in: ``granularity("1998-Q3")`` -> "quarter";
    None for durations, sets and references."""
    for pattern, name in _GRANULARITY:
        if value and pattern.match(value):
            return name
    return None
