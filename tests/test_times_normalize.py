"""Times, normalisation: TIMEX3 values and date ranges against a publication date.

The anchor is the reference article's: Tuesday 19 August 2025.
"""

from __future__ import annotations

from datetime import date

import pytest

from newsledger.annotate.times.detect import find
from newsledger.annotate.times.normalize import normalize
from newsledger.annotate.times.values import Context, Resolution, quantity

ANCHOR = date(2025, 8, 19)  # a Tuesday
PAST, UNKNOWN, FUTURE = -1, 0, 1


def resolve(text: str, direction: int = UNKNOWN, anchor: date | None = ANCHOR,
            before: str = "") -> Resolution:
    found = find(text)
    assert found, f"nothing found in {text!r}"
    result = normalize(found[0], Context(anchor, direction, None, before))
    assert result is not None
    return result


def iso(day: date | None) -> str | None:
    assert day is None or type(day) is date  # never a datetime: ranges are whole days
    return day.isoformat() if day else None


@pytest.mark.parametrize(
    "text,direction,type_,value,start,end,mod",
    [
        # the reference article's eight
        ("the end of the month", FUTURE, "DATE", "2025-08", "2025-08-31", "2025-08-31", "END"),
        ("next week", FUTURE, "DATE", "2025-W35", "2025-08-25", "2025-08-31", None),
        ("early September", FUTURE, "DATE", "2025-09", "2025-09-01", "2025-09-10", "START"),
        ("Monday", PAST, "DATE", "2025-08-18", "2025-08-18", "2025-08-18", None),
        ("the next couple of weeks", FUTURE, "DURATION", "P2W", "2025-08-19", "2025-09-02", None),
        ("more than a month", UNKNOWN, "DURATION", "P1M", None, None, "MORE_THAN"),
        ("Monday night", PAST, "TIME", "2025-08-18TNI", "2025-08-18", "2025-08-18", None),
        ("Tuesday", PAST, "DATE", "2025-08-19", "2025-08-19", "2025-08-19", None),
        # weekdays and their side
        ("Monday", FUTURE, "DATE", "2025-08-25", "2025-08-25", "2025-08-25", None),
        ("Tuesday", FUTURE, "DATE", "2025-08-19", "2025-08-19", "2025-08-19", None),
        ("Friday", UNKNOWN, "DATE", "2025-08-15", "2025-08-15", "2025-08-15", None),
        ("last Tuesday", UNKNOWN, "DATE", "2025-08-12", "2025-08-12", "2025-08-12", None),
        ("next Tuesday", UNKNOWN, "DATE", "2025-08-26", "2025-08-26", "2025-08-26", None),
        ("this Friday", UNKNOWN, "DATE", "2025-08-22", "2025-08-22", "2025-08-22", None),
        # deictic days
        ("yesterday", UNKNOWN, "DATE", "2025-08-18", "2025-08-18", "2025-08-18", None),
        ("tomorrow", UNKNOWN, "DATE", "2025-08-20", "2025-08-20", "2025-08-20", None),
        ("today", UNKNOWN, "DATE", "2025-08-19", "2025-08-19", "2025-08-19", None),
        ("tonight", UNKNOWN, "TIME", "2025-08-19TNI", "2025-08-19", "2025-08-19", None),
        ("yesterday morning", UNKNOWN, "TIME", "2025-08-18TMO", "2025-08-18", "2025-08-18", None),
        # periods
        ("this month", UNKNOWN, "DATE", "2025-08", "2025-08-01", "2025-08-31", None),
        ("last month", UNKNOWN, "DATE", "2025-07", "2025-07-01", "2025-07-31", None),
        ("next year", UNKNOWN, "DATE", "2026", "2026-01-01", "2026-12-31", None),
        ("last week", UNKNOWN, "DATE", "2025-W33", "2025-08-11", "2025-08-17", None),
        ("earlier this year", PAST, "DATE", "2025", "2025-01-01", "2025-08-18", None),
        ("later this month", FUTURE, "DATE", "2025-08", "2025-08-20", "2025-08-31", None),
        ("this weekend", FUTURE, "DATE", "2025-W34-WE", "2025-08-23", "2025-08-24", None),
        ("the end of the year", FUTURE, "DATE", "2025", "2025-12-01", "2025-12-31", "END"),
        ("the past decade", PAST, "DURATION", "P10Y", "2015-08-19", "2025-08-19", None),
        ("this quarter", UNKNOWN, "DATE", "2025-Q3", "2025-07-01", "2025-09-30", None),
        # months and month-days without a year
        ("mid-September", FUTURE, "DATE", "2025-09", "2025-09-11", "2025-09-20", "MID"),
        ("late August", PAST, "DATE", "2025-08", "2025-08-21", "2025-08-31", "END"),
        ("in March", PAST, "DATE", "2025-03", "2025-03-01", "2025-03-31", None),
        ("in March", FUTURE, "DATE", "2026-03", "2026-03-01", "2026-03-31", None),
        ("September", UNKNOWN, "DATE", "2025-09", "2025-09-01", "2025-09-30", None),
        ("last October", UNKNOWN, "DATE", "2024-10", "2024-10-01", "2024-10-31", None),
        ("Aug. 7", PAST, "DATE", "2025-08-07", "2025-08-07", "2025-08-07", None),
        ("Aug. 30", FUTURE, "DATE", "2025-08-30", "2025-08-30", "2025-08-30", None),
        ("Sept. 2", UNKNOWN, "DATE", "2025-09-02", "2025-09-02", "2025-09-02", None),
        # a past-tense clause does not send a date eleven months back
        ("on July 10", PAST, "DATE", "2025-07-10", "2025-07-10", "2025-07-10", None),
        ("Sept. 2", PAST, "DATE", "2025-09-02", "2025-09-02", "2025-09-02", None),
        ("Aug. 7", FUTURE, "DATE", "2025-08-07", "2025-08-07", "2025-08-07", None),
        # absolute dates (dateparser)
        ("March 5, 1946", UNKNOWN, "DATE", "1946-03-05", "1946-03-05", "1946-03-05", None),
        ("5 March 2025", UNKNOWN, "DATE", "2025-03-05", "2025-03-05", "2025-03-05", None),
        ("2025-08-19", UNKNOWN, "DATE", "2025-08-19", "2025-08-19", "2025-08-19", None),
        ("08/19/2025", UNKNOWN, "DATE", "2025-08-19", "2025-08-19", "2025-08-19", None),
        ("June 1998", UNKNOWN, "DATE", "1998-06", "1998-06-01", "1998-06-30", None),
        # years, decades, seasons, quarters, holidays
        ("in 1995", UNKNOWN, "DATE", "1995", "1995-01-01", "1995-12-31", None),
        ("the 1990s", UNKNOWN, "DATE", "199", "1990-01-01", "1999-12-31", None),
        ("the early 1990s", UNKNOWN, "DATE", "199", "1990-01-01", "1993-05-01", "START"),
        ("this summer", UNKNOWN, "DATE", "2025-SU", "2025-06-01", "2025-08-31", None),
        ("last winter", UNKNOWN, "DATE", "2024-WI", "2024-12-01", "2025-02-28", None),
        ("next spring", UNKNOWN, "DATE", "2026-SP", "2026-03-01", "2026-05-31", None),
        ("the third quarter", UNKNOWN, "DATE", "2025-Q3", "2025-07-01", "2025-09-30", None),
        ("Q1 2024", UNKNOWN, "DATE", "2024-Q1", "2024-01-01", "2024-03-31", None),
        ("Christmas", FUTURE, "DATE", "2025-12-25", "2025-12-25", "2025-12-25", None),
        ("Thanksgiving", PAST, "DATE", "2024-11-28", "2024-11-28", "2024-11-28", None),
        ("Easter", PAST, "DATE", "2025-04-20", "2025-04-20", "2025-04-20", None),
        ("Election Day", FUTURE, "DATE", "2025-11-04", "2025-11-04", "2025-11-04", None),
        ("Labor Day", PAST, "DATE", "2025-09-01", "2025-09-01", "2025-09-01", None),
        ("Memorial Day", PAST, "DATE", "2025-05-26", "2025-05-26", "2025-05-26", None),
        ("Easter week", PAST, "DATE", "2025-W16", "2025-04-14", "2025-04-20", None),
        ("the week of Sept. 8", FUTURE, "DATE", "2025-W37", "2025-09-08", "2025-09-14", None),
        # offsets
        ("two weeks ago", UNKNOWN, "DATE", "2025-W32", "2025-08-04", "2025-08-10", None),
        ("three days ago", UNKNOWN, "DATE", "2025-08-16", "2025-08-16", "2025-08-16", None),
        ("50 years ago", UNKNOWN, "DATE", "1975", "1975-01-01", "1975-12-31", None),
        ("two months from now", UNKNOWN, "DATE", "2025-10", "2025-10-01", "2025-10-31", None),
        # durations
        ("three years", UNKNOWN, "DURATION", "P3Y", None, None, None),
        ("four hours", UNKNOWN, "DURATION", "PT4H", None, None, None),
        ("5 1/2 hours", UNKNOWN, "DURATION", "PT5H30M", None, None, None),
        ("a decade", UNKNOWN, "DURATION", "P10Y", None, None, None),
        ("a fortnight", UNKNOWN, "DURATION", "P2W", None, None, None),
        ("several weeks", UNKNOWN, "DURATION", "PXW", None, None, None),
        ("at least 72 hours", UNKNOWN, "DURATION", "PT72H", None, None, "EQUAL_OR_MORE"),
        ("the past two months", PAST, "DURATION", "P2M", "2025-06-19", "2025-08-19", None),
        ("16-hour", UNKNOWN, "DURATION", "PT16H", None, None, None),
        ("the past four hours", PAST, "DURATION", "PT4H", "2025-08-19", "2025-08-19", None),
        ("the next 48 hours", FUTURE, "DURATION", "PT48H", "2025-08-19", "2025-08-21", None),
        # sets and references
        ("every Monday", UNKNOWN, "SET", "XXXX-WXX-1", None, None, None),
        ("every day", UNKNOWN, "SET", "P1D", None, None, None),
        ("weekly", UNKNOWN, "SET", "P1W", None, None, None),
        ("annually", UNKNOWN, "SET", "P1Y", None, None, None),
        ("recently", UNKNOWN, "DATE", "PAST_REF", None, None, None),
        ("now", UNKNOWN, "DATE", "PRESENT_REF", None, None, None),
        ("the future", UNKNOWN, "DATE", "FUTURE_REF", None, None, None),
        # clock times
        ("10 a.m.", UNKNOWN, "TIME", "2025-08-19T10:00", "2025-08-19", "2025-08-19", None),
        ("10:35 p.m.", UNKNOWN, "TIME", "2025-08-19T22:35", "2025-08-19", "2025-08-19", None),
        ("9 a.m. Monday", PAST, "TIME", "2025-08-18T09:00", "2025-08-18", "2025-08-18", None),
        ("noon", UNKNOWN, "TIME", "2025-08-19T12:00", "2025-08-19", "2025-08-19", None),
        ("12 a.m.", UNKNOWN, "TIME", "2025-08-19T00:00", "2025-08-19", "2025-08-19", None),
    ],
)
def test_value_and_range(text: str, direction: int, type_: str, value: str,
                         start: str | None, end: str | None, mod: str | None) -> None:
    found = resolve(text, direction)
    assert (found.type, found.value, iso(found.start), iso(found.end), found.mod) == (
        type_, value, start, end, mod)


def test_in_two_weeks_said_of_the_future_is_a_date() -> None:
    found = resolve("two weeks", FUTURE, before="talks resume in ")
    assert (found.type, found.value, iso(found.start)) == ("DATE", "2025-W36", "2025-09-01")


def test_in_more_than_a_month_stays_a_duration() -> None:
    found = resolve("more than a month", PAST, before="biggest assault in ")
    assert (found.type, found.value) == ("DURATION", "P1M")


def test_anaphor_takes_the_last_placed_day() -> None:
    cand = find("the next day")[0]
    found = normalize(cand, Context(ANCHOR, PAST, date(2025, 8, 10)))
    assert found is not None and iso(found.start) == "2025-08-11"


@pytest.mark.parametrize(
    "text,value",
    [
        ("Monday", "XXXX-WXX-1"),
        ("Monday night", "XXXX-WXX-1TNI"),
        ("September", "XXXX-09"),
        ("Aug. 7", "XXXX-08-07"),
        ("next week", "XXXX-WXX"),
        ("yesterday", "XXXX-XX-XX"),
        ("tonight", "XXXX-XX-XXTNI"),
        ("next month", "XXXX-XX"),
        ("this summer", "XXXX-SU"),
        ("10 a.m.", "XXXX-XX-XXT10:00"),
        ("three years", "P3Y"),
        ("every Monday", "XXXX-WXX-1"),
        ("Christmas", "XXXX-12-25"),
    ],
)
def test_unanchored_values_keep_x(text: str, value: str) -> None:
    found = resolve(text, PAST, anchor=None)
    assert found.value == value
    assert found.start is None and found.end is None


@pytest.mark.parametrize("text", ["1995", "March 5, 1946", "June 1998", "the 1990s"])
def test_absolute_dates_need_no_anchor(text: str) -> None:
    found = resolve(text, UNKNOWN, anchor=None)
    assert found.start is not None and found.end is not None


@pytest.mark.parametrize(
    "word,amount",
    [("three", 3), ("5 1/2", 5.5), ("a couple of", 2), ("an", 1), ("two and a half", 2.5),
     ("several", None), ("12", 12)],
)
def test_quantity(word: str, amount: float | None) -> None:
    assert quantity(word) == amount
