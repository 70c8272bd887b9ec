"""Times, properties: for any publication date the normalisers agree with the calendar."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from newsledger.annotate.times import extract
from newsledger.annotate.times.calendar import quarter_range, weekday_near
from newsledger.annotate.times.detect import find
from newsledger.annotate.times.normalize import normalize
from newsledger.annotate.times.values import Context, Resolution

anchors = st.dates(min_value=date(1700, 1, 1), max_value=date(2199, 12, 31))
sides = st.sampled_from([-1, 0, 1])
PHRASES = ["yesterday", "today", "tomorrow", "next week", "last week", "this month", "next month",
           "last year", "early September", "late February", "the end of the month", "Monday",
           "Sunday night", "this weekend", "last winter", "the third quarter", "Feb. 29",
           "two weeks ago", "the next couple of weeks", "the past two months", "Christmas",
           "Thanksgiving", "earlier this year", "later this month", "mid-December", "the 1990s",
           "10 p.m. Friday", "Easter", "next spring", "the past decade", "the past four hours",
           "the next 48 hours", "the past 2 1/2 weeks", "a year and a half ago"]


def resolve(text: str, anchor: date | None, side: int = 0):
    return normalize(find(text)[0], Context(anchor, side))


@given(anchors)
def test_yesterday_is_one_day_before(anchor: date) -> None:
    found = resolve("yesterday", anchor)
    assert found.start == found.end == anchor - timedelta(days=1)


@given(anchors)
def test_next_week_starts_on_the_monday_after(anchor: date) -> None:
    found = resolve("next week", anchor)
    assert found.start.isoweekday() == 1
    assert 0 < (found.start - anchor).days <= 7
    assert (found.end - found.start).days == 6


@given(anchors, sides, st.sampled_from(PHRASES))
def test_ranges_are_ordered(anchor: date, side: int, phrase: str) -> None:
    found = resolve(phrase, anchor, side)
    if found is not None and found.start is not None:
        assert type(found.start) is date and type(found.end) is date
        assert found.start <= found.end


@given(anchors, st.integers(1, 7), st.sampled_from([-2, -1, 0, 1, 2]))
def test_weekday_is_that_weekday_within_a_week(anchor: date, weekday: int, side: int) -> None:
    day = weekday_near(anchor, weekday, side)
    assert day.isoweekday() == weekday
    assert abs((day - anchor).days) <= 7
    if side < 0:
        assert day <= anchor
    if side > 0:
        assert day >= anchor


@settings(max_examples=200)
@given(st.text(alphabet=st.sampled_from(list("0123456789 :/-.,aAmpMonday JulyweekFriago'sthe")),
               max_size=60),
       st.one_of(st.none(), anchors))
def test_never_raises(text: str, anchor: date | None) -> None:
    for cand, found in extract(text, None, anchor):
        assert text[cand.start:cand.end] == cand.text
        if found.start is not None:
            assert found.start <= found.end


WEEKDAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
NARRATIVE = ["the day before", "the following month", "that year", "a year earlier", "two days later",
             "the previous Friday", "the following Monday", "the year-earlier quarter", "overnight",
             "later this morning", "through the night", "July last year", "Friday last week",
             "the latest quarter", "the 1988 second quarter", "the last twenty four hours"]
references = st.one_of(st.none(), st.builds(lambda d: Resolution("DATE", d.isoformat(), d, d), anchors),
                       st.builds(lambda y, q: Resolution("DATE", f"{y}-Q{q}", *quarter_range(y, q)),
                                 st.integers(1701, 2198), st.integers(1, 4)))


@given(anchors, st.sampled_from(WEEKDAY_NAMES))
def test_forward_weekdays_fall_within_the_week_after(anchor: date, name: str) -> None:
    found = resolve(name, anchor, 1)
    assert 0 <= (found.start - anchor).days <= 7 and found.start.strftime("%A") == name


@given(anchors, st.sampled_from(WEEKDAY_NAMES))
def test_backward_weekdays_fall_within_the_week_before(anchor: date, name: str) -> None:
    found = resolve(name, anchor, -1)
    assert 0 <= (anchor - found.start).days <= 7 and found.start.strftime("%A") == name


@given(anchors, sides, references, st.sampled_from(NARRATIVE))
def test_narrative_ranges_are_ordered_and_never_raise(anchor: date, side: int, reference, phrase: str) -> None:
    previous = reference.start if reference is not None and reference.value[4] == "-" and \
        len(reference.value) == 10 else None
    found = normalize(find(phrase)[0], Context(anchor, side, previous, reference=reference))
    if found is not None and found.start is not None:
        assert found.start <= found.end
