"""Times, detection: one sentence per rule, and the phrases that are not times."""

from __future__ import annotations

import itertools

import pytest

from newsledger.annotate.times.detect import find


def texts(sentence: str) -> list[str]:
    return [c.text for c in find(sentence)]


@pytest.mark.parametrize(
    "sentence,expected,rule",
    [
        ("The deal was signed on 2025-08-19 in Geneva.", "2025-08-19", "iso"),
        ("Churchill spoke on March 5, 1946, at Fulton.", "March 5, 1946", "absolute"),
        ("It happened on 5 March 2025 in Kyiv.", "5 March 2025", "absolute"),
        ("The form was dated 08/19/2025 by the clerk.", "08/19/2025", "numeric"),
        ("He was shot to death last Oct. 23 at his home.", "last Oct. 23", "month_day"),
        ("The editorial appeared on Monday, Oct. 26: it said…", "Monday, Oct. 26", "month_day"),
        ("The summit is planned for 21st August.", "21st August", "month_day"),
        ("Allies could return in early September to celebrate.", "early September", "month"),
        ("Munero fled to Florida in June 1998.", "June 1998", "month"),
        ("The vote is expected in May.", "May", "month"),
        ("The blast occurred at 10:35 a.m. Friday.", "10:35 a.m. Friday", "time"),
        ("The deadline is 9 a.m. EST Tuesday.", "9 a.m. EST Tuesday", "time"),
        ("He will leave at 4 in the morning.", "4 in the morning", "time"),
        ("The polls close at 22:00 tonight.", "22:00 tonight", "clock"),
        ("They met at noon on Friday.", "noon on Friday", "clock_word"),
        ("Russia launched drones on Monday night.", "Monday night", "weekday"),
        ("Talks resume next Friday.", "next Friday", "weekday"),
        ("Protesters gathered yesterday morning.", "yesterday morning", "day_word"),
        ("The president speaks tonight.", "tonight", "day_word"),
        ("The alliance is now larger.", "now", "reference"),
        ("Such a deal may come in the near future.", "the near future", "reference"),
        ("A meeting could happen before the end of the month.", "the end of the month", "period"),
        ("The treaty could be completed by next week.", "next week", "period"),
        ("She was wounded earlier this year.", "this year", "period"),  # "earlier": read, not marked
        ("Lawyers met over the weekend.", "the weekend", "period"),
        ("The site was crossed out that same day.", "that same day", "anaphor"),
        ("He arrived the next morning.", "the next morning", "anaphor"),
        ("NATO was founded 50 years ago.", "50 years ago", "offset"),
        ("It was built more than four decades ago.", "more than four decades ago", "offset"),
        ("The biggest assault in more than a month.", "more than a month", "duration"),
        ("We will know in the next couple of weeks.", "the next couple of weeks", "duration"),
        ("The standoff lasted 5 1/2 hours.", "5 1/2 hours", "duration"),
        ("A 16-hour flight.", "16-hour", "duration"),
        ("Unemployment rose over the past two months.", "the past two months", "duration"),
        ("The talks have dragged on for years.", "years", "bare_units"),
        ("Protesters gather every Monday outside.", "every Monday", "set"),
        ("The pill is taken twice a day.", "twice a day", "set"),
        ("The paper is published weekly.", "weekly", "frequency"),
        ("Elections are due this summer.", "this summer", "season"),
        ("Growth slowed in the third quarter of 2024.", "the third quarter of 2024", "quarter"),
        ("Profits rose in Q3 2025.", "Q3 2025", "quarter"),
        ("The boy was found on Thanksgiving Day.", "Thanksgiving Day", "holiday"),
        ("Protesters prayed as Easter week began.", "Easter week", "holiday"),
        ("A hearing is set for the week of March 6.", "the week of March 6", "week_of"),
        ("Spain joined in 1982.", "1982", "year"),
        ("The vitriol of the late 1980s faded.", "late 1980s", "year"),
        ("Rules of the post-1959 state.", "post-1959", "year"),
    ],
)
def test_rule_finds(sentence: str, expected: str, rule: str) -> None:
    found = {c.text: c.rule for c in find(sentence)}
    assert expected in found, found
    assert found[expected] == rule


@pytest.mark.parametrize(
    "sentence",
    [
        "4:14",  # a video length left by the scraper
        "Please use Chrome browser for a more accessible video player\n\n\n4:14\n\nWhat next?",
        "Arsenal won 2-1 at home.",  # a score
        "Shares rose by 2.15 percent.",  # a decimal after "by"
        "Sky’s Mark Stone takes you inside Zelenskyy-Trump 2.0",  # a version number
        "The Times reported the story first.",  # the newspaper
        "He came second in the race, the second time this year he lost.",  # ordinals
        "You may march on the square.",  # modal and verb, not months
        "Prices fall in the autumn of their lives",  # "fall" as a verb
        "He is a 44-year-old protester.",  # an age
        "Wait a second.",
        "The court ruled. Now, the lawyers said, the case is over.",  # a discourse marker
        "A day after his White House meeting, he spoke.",  # an offset from an undated event
        "Watch 60 Minutes tonight.",  # a TV show (but "tonight" is a time)
        "The Jan Kavan government.",  # an abbreviation alone
        "👉 Listen to Sky News Daily on your podcast app 👈",  # a programme name
    ],
)
def test_not_times(sentence: str) -> None:
    found = texts(sentence)
    assert not [t for t in found if t not in ("tonight", "this year", "the autumn")], found


def test_candidates_are_ordered_and_disjoint() -> None:
    found = find("On Monday night and Tuesday, next week, in early September 2025.")
    spans = [(c.start, c.end) for c in found]
    assert spans == sorted(spans)
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans))


def test_longest_match_wins() -> None:
    assert texts("on Thursday, April 6") == ["Thursday, April 6"]


@pytest.mark.parametrize("text", ["The economy of spring 2000, when unemployment fell.", "Fall 2015 was warm."])
def test_season_without_a_determiner_does_not_crash(text: str) -> None:
    """A season pattern whose optional determiner group did not match (regression)."""
    assert any("2000" in c.text or "2015" in c.text for c in find(text))
