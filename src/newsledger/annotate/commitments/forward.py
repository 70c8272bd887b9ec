"""A weekday or a month under a commitment looks forward: "proposed talks on Thursday"
in a Monday article is the coming Thursday, "will vote in March" written in June is
next March. The times layer places a bare weekday or month by the sentence's tense;
a commitment is about the future whatever its reporting verb's tense, so its due date
is moved on by a week (a year) when the times layer put it before publication.

    >>> from datetime import date
    >>> shifted("Thursday", "2025-08-14", date(2025, 8, 18))
    '2025-08-21'
    >>> shifted("March", "2025-03-31", date(2025, 6, 2)), shifted("last Thursday", "2025-08-14", date(2025, 8, 18))
    ('2026-03-31', None)
"""

from __future__ import annotations

import re
from datetime import date, timedelta

WEEKDAYS = re.compile(r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", re.I)
MONTHS = re.compile(
    r"\b(january|february|march|april|may|june|july|august|september|october|november|december)\b", re.I)
# Words that anchor a weekday or month in the past on purpose.
BACKWARD = re.compile(r"\b(last|past|previous|earlier|ago)\b|\d{4}", re.I)


def shifted(text: str, iso: str | None, published: date | None) -> str | None:
    """``iso`` moved forward past ``published`` when ``text`` is a bare weekday or
    month the times layer placed before it; ``None`` when nothing moves."""
    if not iso or published is None or BACKWARD.search(text):
        return None
    day = date.fromisoformat(iso[:10])
    if day >= published:
        return None
    if WEEKDAYS.search(text) and (published - day).days < 7:
        return (day + timedelta(days=7)).isoformat()
    if MONTHS.search(text) and not WEEKDAYS.search(text) and (published - day).days < 366:
        try:
            return day.replace(year=day.year + 1).isoformat()
        except ValueError:  # 29 February
            return (day + timedelta(days=365)).isoformat()
    return None
