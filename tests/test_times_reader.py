"""Times as a careful reader anchors them (issue 16): one real-style sentence per mechanism,
anchored on the publication date (Monday 18 August 2025), read through the whole layer."""

from __future__ import annotations

from datetime import date

import pytest

from newsledger.annotate.times import extract
from newsledger.settings import TimeSettings

MONDAY = date(2025, 8, 18)


def values(nlp, text: str, anchor: date = MONDAY, settings: TimeSettings = TimeSettings()
           ) -> dict[str, tuple[str, str | None]]:
    return {c.text: (r.type, r.value) for c, r in extract(text, nlp(text), anchor, settings)}


CASES = {
    "direction": [
        ("Kyiv proposed talks on Thursday.", "Thursday", "DATE", "2025-08-21"),
        ("Zelensky demanded talks on Thursday, his office said.", "Thursday", "DATE", "2025-08-21"),
        ("The opposition called for a vote on Friday.", "Friday", "DATE", "2025-08-22"),
        ("Putin agreed to meet Zelensky on Friday.", "Friday", "DATE", "2025-08-22"),
        ("The summit is to be held on Saturday.", "Saturday", "DATE", "2025-08-23"),
        ("The talks on Thursday ended without a deal.", "Thursday", "DATE", "2025-08-14"),
        ("Officials met on Thursday.", "Thursday", "DATE", "2025-08-14"),
        ("Talks will resume in March.", "March", "DATE", "2026-03"),
    ],
    "reference-relative": [
        ("Profit was $5 million in the third quarter of 2024, up from $3 million a year earlier.",
         "a year earlier", "DATE", "2023-Q3"),
        ("Profit was $5 million in the third quarter of 2024, up from $3 million a year ago.",
         "a year ago", "DATE", "2023-Q3"),
        ("Sales rose 5% in the second quarter of 2024 from the year-earlier quarter.",
         "the year-earlier quarter", "DATE", "2023-Q2"),
        ("In fiscal 1989 the company lost money.", "fiscal 1989", "DATE", "FY1989"),
        ("Profits fell in 1988. In the third quarter, they rose again.", "the third quarter", "DATE", "1988-Q3"),
        ("The company said its profit fell in the latest quarter.", "the latest quarter", "DATE", "2025-Q2"),
        ("The war began ten years ago.", "ten years ago", "DATE", "2015"),
    ],
    "composite": [
        ("In the last twenty four hours, 30 people died.", "the last twenty four hours", "DURATION", "PT24H"),
        ("In the last twenty-four hours, 30 people died.", "the last twenty-four hours", "DURATION", "PT24H"),
        ("In July last year, the talks collapsed.", "July last year", "DATE", "2024-07"),
        ("The 1988 second quarter was weak.", "The 1988 second quarter", "DATE", "1988-Q2"),
        ("They met on Friday last week.", "Friday last week", "DATE", "2025-08-15"),
        ("The army entered on Tuesday, August 5. It had massed on the previous Friday.",
         "the previous Friday", "DATE", "2025-08-01"),
        ("The elections are due on March 3 next year.", "March 3 next year", "DATE", "2026-03-03"),
    ],
    "vague": [
        ("Prices are now rising.", "now", "DATE", "PRESENT_REF"),
        ("Prices currently stand at $5.", "currently", "DATE", "PRESENT_REF"),
        ("Talks may resume soon.", "soon", "DATE", "FUTURE_REF"),
        ("In the near term, nothing will change.", "the near term", "DATE", "FUTURE_REF"),
        ("He recently left the party.", "recently", "DATE", "PAST_REF"),
        ("In future, visas will be needed.", "In future", "DATE", "FUTURE_REF"),
    ],
    "part of day": [
        ("Russia launched 200 drones overnight, officials said.", "overnight", "TIME", "2025-08-17TNI"),
        ("A statement is expected later this morning.", "later this morning", "TIME", "2025-08-18TMO"),
        ("He spoke to reporters this afternoon.", "this afternoon", "TIME", "2025-08-18TAF"),
        ("Troops will cross the border tonight.", "tonight", "TIME", "2025-08-18TNI"),
        ("The city was shelled on Saturday. Sirens sounded through the night.", "the night", "TIME",
         "2025-08-16TNI"),
    ],
    "narrative": [
        ("The army entered the city on March 3, 2022. The day before, the mayor fled.",
         "The day before", "DATE", "2022-03-02"),
        ("The army entered the city on March 3, 2022. The following month, the siege began.",
         "The following month", "DATE", "2022-04"),
        ("The army entered the city in 2022. That year, 5,000 people died.", "That year", "DATE", "2022"),
        ("He was shot in October 1998. His name was crossed out that same day.", "that same day", "DATE",
         "1998-10-XX"),
        ("He moved to Kyiv in June 1998 and married later that year.", "later that year", "DATE", "1998"),
        ("The plant closed on May 2, 2020. Two years later, it reopened.", "Two years later", "DATE", "2022"),
    ],
    "format": [
        ("In the 1980s, he worked abroad.", "1980s", "DATE", "198"),
        ("He visits the camp each July.", "each July", "SET", "XXXX-07"),
        ("The council meets every summer.", "every summer", "SET", "XXXX-SU"),
        ("Drones attack daily.", "daily", "SET", "P1D"),
        ("Inspectors visit every other week.", "every other week", "SET", "P2W"),
        ("He was born in nineteen ninety-six.", "nineteen ninety-six", "DATE", "1996"),
        ("The law dates from two thousand and five.", "two thousand and five", "DATE", "2005"),
        ("Aid will arrive next week.", "next week", "DATE", "2025-W35"),
        ("The siege lasted five and a half hours.", "five and a half hours", "DURATION", "PT5H30M"),
        ("The ceasefire held for a fortnight.", "a fortnight", "DURATION", "P2W"),
    ],
}


@pytest.mark.parametrize(
    "category,sentence,expression,type_,value",
    [(name, *case) for name, cases in CASES.items() for case in cases],
)
def test_reader_anchoring(nlp, category: str, sentence: str, expression: str, type_: str, value: str) -> None:
    found = values(nlp, sentence)
    assert found.get(expression) == (type_, value), (category, found)


@pytest.mark.parametrize(
    "sentence,expression",
    [
        ("Ukraine's allies would defend it in case of any future Russian attack.", "future"),
        ("Talks will resume as soon as Tuesday.", "soon"),
        ("The day before the vote, he spoke.", "The day before"),
        ("A day after he was hounded on the courthouse steps, he stayed home.", "A day after"),
        ("He spent the morning reading.", "the morning"),
        ("Two thousand troops crossed the border.", "Two thousand"),
        ("He shows a chart in the morning meetings, he said.", "the morning"),
        ("Robby Mook told CBS This Morning on Monday that it was fine.", "This Morning"),
    ],
)
def test_not_anchored_times(nlp, sentence: str, expression: str) -> None:
    assert expression not in values(nlp, sentence)


def test_decades_in_the_tempeval_notation(nlp) -> None:
    found = values(nlp, "In the 1980s, he worked abroad.", settings=TimeSettings(decade_notation="X"))
    assert found["1980s"] == ("DATE", "198X")


def test_two_years_later_without_a_placed_date_is_a_length(nlp) -> None:
    assert values(nlp, "Two years later, he died.")["Two years later"] == ("DURATION", "P2Y")
