"""Normalisers for times anchored on the narrative rather than on the publication date.

A careful reader dates "the day before", "the following month", "that year", "a year
earlier" and "the previous Friday" from the last date the story placed
(:attr:`Context.reference`), at that date's granularity: after "the third quarter of
1988", "a year earlier" is the third quarter of 1987, not a year-long duration and not
1987 as a whole. Without a placed date they fall back on the publication date (the
story's "now"). The financial periods ("the year-earlier quarter", "fiscal 1989") and
the parts of the day ("overnight", "later this morning") live here too: each reads the
story's reference point as much as the anchor.

>>> from datetime import date
>>> from newsledger.annotate.times.detect import find
>>> third = Resolution("DATE", "1988-Q3", date(1988, 7, 1), date(1988, 9, 30))
>>> offset_from_reference(find("a year earlier")[0].parts, Context(date(1988, 10, 20), reference=third))
Resolution(type='DATE', value='1987-Q3', start=datetime.date(1987, 7, 1), end=datetime.date(1987, 9, 30), mod=None)
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, timedelta

from newsledger.annotate.times.calendar import quarter_range, week_range
from newsledger.annotate.times.durations import at_granularity, iso_duration, shift
from newsledger.annotate.times.lexicon import NUMBERS, ONES, PARTS_OF_DAY, QUANTITY_MODS, TEENS, TENS
from newsledger.annotate.times.periods import latest_quarter, unit_period
from newsledger.annotate.times.values import (
    Context,
    Resolution,
    day,
    granularity,
    quantity,
    unit_key,
    weekday_number,
)

#: Words of a time counted back from the reference ("a year earlier") or on from it.
_BACK = frozenset({"earlier", "before", "previously", "prior"})
_ON = frozenset({"later", "after", "afterward", "afterwards"})


def _words(text: str | None) -> str:
    return " ".join((text or "").lower().split())


def reference_point(ctx: Context) -> Resolution | None:
    """The story's last placed date (or day), else the publication day, else None."""
    if ctx.reference is not None and ctx.reference.start is not None:
        return ctx.reference
    if ctx.previous is not None:
        return day(ctx.previous)
    return day(ctx.anchor) if ctx.anchor else None


def _quarter_of(value: str) -> tuple[int, int]:
    year, quarter = value.split("-Q")
    return int(year), int(quarter)


def quarter_value(year: int, quarter: int) -> Resolution:
    """``quarter_value(1987, 3)`` -> 1987-Q3 with its range (quarters carried across years)."""
    year, index = divmod(year * 4 + quarter - 1, 4)
    return Resolution("DATE", f"{year}-Q{index + 1}", *quarter_range(year, index + 1))


def shifted(base: Resolution, amount: float, unit: str, sign: int) -> Resolution | None:
    """``base`` moved ``amount`` ``unit``s, written at ``base``'s granularity when that is a
    quarter, month or year (a quarter a year back is a quarter), else at the unit's; None
    when the story's period is too coarse for the step ("two months later" after "1998")."""
    grain = granularity(base.value)
    assert base.start is not None
    if grain == "quarter" and unit in ("year", "quarter") and int(amount) == amount:
        year, quarter = _quarter_of(base.value or "")
        return quarter_value(year, quarter + sign * int(amount) * (4 if unit == "year" else 1))
    coarse = {"month": ("month", "year", "decade", "century"), "year": ("year", "decade", "century"),
              "season": ()}
    if grain in coarse:
        if unit not in coarse[grain]:
            return None
        return at_granularity(shift(base.start, amount, unit, sign), grain)
    return at_granularity(shift(base.start, amount, unit, sign), unit)


def offset_from_reference(parts: Mapping[str, str], ctx: Context) -> Resolution | None:
    """"a year earlier" after the third quarter of 1988 -> 1987-Q3; "two days later" after
    3 March -> 5 March; "ten years ago" -> ten years before the publication date (at the
    granularity of a quarter when the story reports one)."""
    unit = unit_key(parts["unit"])
    amount = quantity(parts["num"])
    word = _words(parts["dir"])
    sign = -1 if word == "ago" or word in _BACK else 1
    if amount is None:
        return Resolution("DATE", "PAST_REF" if sign < 0 else "FUTURE_REF")
    if ctx.anchor is None:
        return Resolution("DATE", None)
    reported = ctx.reference if ctx.reference is not None and ctx.reference.start else None
    if word in _ON and reported is None:
        # "two years later" with no date placed before: counted from an event the story
        # does not date, so only the length is known
        return Resolution("DURATION", iso_duration(amount, unit))
    if word in _BACK or word in _ON:
        base = reported or day(ctx.anchor)
    elif reported is not None and granularity(reported.value) == "quarter" and unit in ("year", "quarter"):
        base = reported  # "profit rose from a year ago": the reported quarter, a year back
    else:
        base = day(ctx.anchor)
    found = shifted(base, amount, unit, sign)
    if found is None:
        return None
    return Resolution(found.type, found.value, found.start, found.end,
                      QUANTITY_MODS.get(_words(parts.get("qmod"))))


def prior_period(parts: Mapping[str, str], ctx: Context) -> Resolution | None:
    """"the year-earlier quarter" -> the reported quarter a year back; "the same period
    last year" -> the reported period's year before."""
    unit = (parts.get("unit") or parts["unit2"]).lower()
    base = latest_quarter(ctx) if unit in ("quarter", "period") else reference_point(ctx)
    if base is None or base.start is None:
        return None
    if unit in ("month", "week") and granularity(base.value) not in (unit, "day"):
        return None
    if unit in ("month", "week"):
        base = at_granularity(base.start, unit)
    return shifted(base, 1, "year", -1)


def fiscal(parts: Mapping[str, str], ctx: Context) -> Resolution:
    """"fiscal 1989" -> FY1989. No range: a company's fiscal year is its own (Apple's 1989
    began in October 1988), so none is invented."""
    text = (parts.get("year") or parts["fy"]).lstrip("'")
    year = int(text) if len(text) == 4 else _two_digit_year(int(text), ctx)
    return Resolution("DATE", f"FY{year}")


def _two_digit_year(two: int, ctx: Context) -> int:
    """"FY99" -> 1999, "FY25" -> 2025: the century nearest the anchor (or 2000s)."""
    base = ctx.anchor.year if ctx.anchor else 2000
    options = (base // 100 * 100 - 100 + two, base // 100 * 100 + two, base // 100 * 100 + 100 + two)
    return min(options, key=lambda y: abs(y - base))


def anaphor(parts: Mapping[str, str], ctx: Context) -> Resolution | None:
    """"that day" -> the story's last placed day; "the following month" -> the month after
    the last placed date; "the day before" -> the day before it. A day-level anaphor after
    a month-level date stays at the month ("that same day" after "in October 1998" is
    1998-10-XX): the story has not said which day."""
    base = reference_point(ctx)
    if base is None or base.start is None:
        return None
    if parts.get("rel2"):
        unit, step = parts["rel2"].lower(), -1 if parts["dir2"].lower() == "before" else 1
    else:
        rel, unit = _words(parts["rel"]), parts["unit"].lower()
        step = 1 if rel in ("the next", "the following") else -1 if rel in ("the previous", "the preceding") else 0
    grain = granularity(base.value)
    if unit in PARTS_OF_DAY or unit == "day":
        if grain != "day":
            return _unknown_day(base)
        when = base.start + timedelta(days=step)
        return day(when) if unit == "day" else day(when, "TIME", "T" + PARTS_OF_DAY[unit])
    value, first, last = unit_period(base.start, unit, step)
    return Resolution("DATE", value, first, last)


def _unknown_day(base: Resolution) -> Resolution:
    """A day inside ``base`` (a month, a year) that the story does not give."""
    assert base.start is not None and base.end is not None
    value = base.value or ""
    grain = granularity(value)
    masked = {"month": f"{value}-XX", "year": f"{value}-XX-XX"}.get(grain or "", value)
    return Resolution("DATE", masked, base.start, base.end)


def relative_weekday(parts: Mapping[str, str], ctx: Context) -> Resolution | None:
    """"the previous Friday" -> the Friday before the story's last placed day; "the
    following Monday" -> the one after; "that Friday" -> the nearest to it."""
    base = ctx.previous or ctx.anchor
    if base is None:
        return None
    number = weekday_number(parts["wd"])
    rel = _words(parts["rel"])
    gap = (base.isoweekday() - number) % 7 or 7
    if rel in ("the previous", "the preceding"):
        return day(base - timedelta(days=gap))
    ahead = (number - base.isoweekday()) % 7 or 7
    if rel in ("the following", "the next"):
        return day(base + timedelta(days=ahead))
    return day(base - timedelta(days=gap) if gap <= ahead else base + timedelta(days=ahead))


def weekday_of_week(parts: Mapping[str, str], ctx: Context) -> Resolution | None:
    """"Friday last week" -> the Friday of the ISO week before the anchor's."""
    if ctx.anchor is None:
        return None
    step = {"last": -1, "next": 1, "this": 0}[_words(parts["wrel"])]
    monday, _ = week_range(ctx.anchor + timedelta(weeks=step))
    return day(monday + timedelta(days=weekday_number(parts["wd"]) - 1))


def part_of_day(parts: Mapping[str, str], ctx: Context) -> Resolution | None:
    """"this morning", "later this afternoon" -> the anchor's; "overnight" -> the night
    before the publication day in a report of what happened, the anchor's in a plan;
    "in the night" -> the night of the story's last placed day."""
    if ctx.anchor is None:
        return None
    if parts.get("word"):  # overnight
        if ctx.direction > 0:
            when = ctx.anchor
        elif ctx.previous is not None and ctx.previous < ctx.anchor:
            when = ctx.previous
        else:
            when = ctx.anchor - timedelta(days=1)
        return day(when, "TIME", "TNI")
    if parts.get("rel"):
        return day(ctx.anchor, "TIME", "T" + PARTS_OF_DAY[parts["part"].lower()])
    found = anaphor({"rel": "that", "unit": parts["part"]}, ctx)  # "in the night": the story's day
    if found is not None and found.value and "X" in found.value:
        return Resolution("TIME", found.value + "T" + PARTS_OF_DAY[parts["part"].lower()],
                          found.start, found.end)
    return found


def spelled_year(parts: Mapping[str, str], ctx: Context) -> Resolution | None:
    """"nineteen ninety-six" -> 1996; "two thousand and five" -> 2005."""
    if parts.get("millennium"):
        year = 2000 + (_small_number(parts["rest2"]) if parts.get("rest2") else 0)
    else:
        century = 1800 if parts["century"].lower() == "eighteen" else 1900
        rest = _words(parts["rest"]).replace("-", " ")
        year = century + _small_number(rest.removeprefix("oh "))
    return Resolution("DATE", str(year), date(year, 1, 1), date(year, 12, 31))


def _small_number(text: str) -> int:
    """"ninety six" / "ninety-six" / "twelve" -> the number (0-99)."""
    total = 0
    for word in re.split(r"[\s-]+", text.lower().strip()):
        if word in ONES or word in TEENS or word in TENS:
            total += int(NUMBERS[word])
    return total
