"""The fallback: spaCy DATE/TIME entities the rules missed, valued by dateparser.

spaCy's NER finds expressions no rule anticipated; dateparser turns them into a date
with a granularity (``period``: day, week, month, year). Only those dateparser can
place are kept: an entity it cannot read ("the age of 42") is not a time value.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from datetime import date, datetime

from spacy.tokens import Doc

from newsledger.annotate.times.calendar import month_range, week_range, week_value
from newsledger.annotate.times.detect import Candidate, find
from newsledger.annotate.times.lexicon import UNITS
from newsledger.annotate.times.values import Context, Resolution, day, unit_key

#: Words spaCy tags DATE that are ages, counts or adjectives rather than times.
NOT_TIMES = frozenset({"annual", "age", "aged", "old", "daily", "weekly", "monthly", "the day",
                       "day", "days", "the year", "year", "years", "decades"})


def candidates_from_ents(doc: Doc, taken: list[Candidate], labels: Iterable[str]) -> list[Candidate]:
    """Entities with a label in ``labels`` that overlap no candidate in ``taken``."""
    spans = [(c.start, c.end) for c in taken]
    found = []
    for ent in doc.ents:
        if ent.label_ not in labels or ent.text.lower() in NOT_TIMES:
            continue
        if any(ent.start_char < e and s < ent.end_char for s, e in spans):
            continue
        if "old" in ent.text.lower().replace("-", " ").split() or not any(ch.isalpha() for ch in ent.text):
            continue
        if find(ent.text):
            continue  # the rules saw this phrase and chose differently (e.g. "13 days" before)
        if any(t.is_title and not t.is_sent_start and unit_key(t.text) in UNITS for t in ent):
            continue  # a title ("60 Minutes"), not a duration
        found.append(Candidate(ent.start_char, ent.end_char, ent.text, "spacy", {"text": ent.text}))
    return found


def dateparser_value(parts: Mapping[str, str], ctx: Context) -> Resolution | None:
    """The dateparser reading of an entity: a day, a week, a month or a year."""
    if ctx.anchor is None:
        return None
    prefer = "future" if ctx.direction > 0 else "past"
    parsed = parse_relative(parts["text"], ctx.anchor, prefer)
    if parsed is None:
        return None
    when, period = parsed
    if period == "week":
        first, last = week_range(when)
        return Resolution("DATE", week_value(when), first, last)
    if period == "month":
        return Resolution("DATE", f"{when.year}-{when.month:02d}", *month_range(when.year, when.month))
    if period == "year":
        return Resolution("DATE", str(when.year), date(when.year, 1, 1), date(when.year, 12, 31))
    return day(when)


@functools.lru_cache(maxsize=4096)
def parse_relative(text: str, anchor: date, prefer: str = "past") -> tuple[date, str] | None:
    """dateparser's (date, period) for ``text`` relative to ``anchor``, or None.

    >>> parse_relative("two weeks ago", date(2025, 8, 19))
    (datetime.date(2025, 8, 5), 'week')
    """
    settings = {"RELATIVE_BASE": datetime(anchor.year, anchor.month, anchor.day),
                "PREFER_DATES_FROM": prefer, "RETURN_AS_TIMEZONE_AWARE": False}
    try:
        data = _parser(tuple(sorted(settings.items()))).get_date_data(text)
    except (ValueError, OverflowError, TypeError):
        return None
    if data is None or data.date_obj is None:
        return None
    return data.date_obj.date(), data.period or "day"


@functools.lru_cache(maxsize=64)
def _parser(settings: tuple[tuple[str, object], ...]) -> object:
    from dateparser.date import DateDataParser  # heavy import, only on demand

    return DateDataParser(languages=["en"], settings=dict(settings))
