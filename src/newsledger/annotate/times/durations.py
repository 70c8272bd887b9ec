"""Normalisers for durations, sets and clock times (offsets such as "two weeks ago" are
in :mod:`.narrative`, which dates them from the story's reference point).

Durations follow ISO 8601 as TIMEX3 uses it: ``P3Y``, ``PT4H``, ``P2W``, vague ones with
``X`` (``PXY`` for "years"). A duration bound to the anchor ("the past two months", "the
next couple of weeks") also gets its date range.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from newsledger.annotate.times.calendar import (
    month_range,
    week_range,
    week_value,
    weekday_near,
)
from newsledger.annotate.times.lexicon import (
    CLOCK_WORDS,
    DAY_WORDS,
    FREQUENCIES,
    MONTHS,
    QUANTITY_MODS,
    SEASONS,
    UNIT_SCALE,
    UNITS,
    WEEKDAYS,
)
from newsledger.annotate.times.values import (
    Context,
    Resolution,
    quantity,
    unit_key,
    weekday_number,
)

#: Smaller unit and factor for fractional amounts ("5 1/2 hours" -> PT5H30M).
_FRACTION: Mapping[str, tuple[str, int, bool]] = {
    "Y": ("M", 12, False), "W": ("D", 7, False), "D": ("H", 24, True), "H": ("M", 60, True),
    "M": ("D", 30, False),
}

_PAST_SPANS = ("past", "last", "previous", "recent")
_NEXT_SPANS = ("next", "coming")


def iso_duration(amount: float | None, unit: str) -> str:
    """The TIMEX3 value of ``amount`` ``unit``s: ``iso_duration(5.5, "hour")`` -> "PT5H30M"."""
    designator, is_time = UNITS[unit]
    if unit in UNIT_SCALE:
        designator, scale = UNIT_SCALE[unit]
        amount = None if amount is None else amount * scale
    prefix = "PT" if is_time else "P"
    if amount is None:
        return f"{prefix}X{designator}"
    whole, fraction = int(amount), amount - int(amount)
    if not fraction:
        return f"{prefix}{whole}{designator}"
    small, factor, small_time = _FRACTION.get(designator, ("", 0, False))
    if not small:
        return f"{prefix}{amount:g}{designator}"
    rest = round(fraction * factor)
    if whole == 0:
        return f"{'PT' if small_time else 'P'}{rest}{small}"
    joint = "T" if small_time and not is_time else ""
    return f"{prefix}{whole}{designator}{joint}{rest}{small}"


#: Seconds in each clock unit: a span of hours moves the date only by whole days.
_CLOCK_SECONDS: Mapping[str, int] = {"second": 1, "minute": 60, "hour": 3600}


def shift(anchor: date, amount: float, unit: str, sign: int) -> date:
    """``anchor`` moved ``amount`` ``unit``s forwards (+1) or back (-1), as a date:
    clock units count only their whole days ("the past four hours" stays on the anchor)."""
    if unit in _CLOCK_SECONDS:
        return anchor + timedelta(days=sign * int(amount * _CLOCK_SECONDS[unit] // 86400))
    if unit in UNIT_SCALE:
        base, scale = UNIT_SCALE[unit]
        unit, amount = {"Y": "year", "W": "week", "M": "month", "D": "day"}[base], amount * scale
    steps = {"day": relativedelta(days=1), "night": relativedelta(days=1),
             "week": relativedelta(weeks=1), "month": relativedelta(months=1),
             "year": relativedelta(years=1)}
    whole = int(amount)
    moved = anchor + sign * whole * steps[unit]
    if amount != whole and unit in ("year", "month"):
        moved += sign * relativedelta(months=6 if unit == "year" else 0, days=15 if unit == "month" else 0)
    elif amount != whole:
        moved += sign * relativedelta(days=round((amount - whole) * (7 if unit == "week" else 1)))
    return moved


def at_granularity(point: date, unit: str) -> Resolution:
    """``point`` written at the precision of ``unit``: days, weeks, months or years."""
    if unit in ("second", "minute", "hour", "day", "night"):
        return Resolution("DATE", point.isoformat(), point, point)
    if unit in ("week", "fortnight", "weekend"):
        first, last = week_range(point)
        return Resolution("DATE", week_value(point), first, last)
    if unit in ("month", "quarter"):
        first, last = month_range(point.year, point.month)
        return Resolution("DATE", f"{point.year}-{point.month:02d}", first, last)
    return Resolution("DATE", str(point.year), date(point.year, 1, 1), date(point.year, 12, 31))


def duration(parts: Mapping[str, str], ctx: Context) -> Resolution | None:
    """"three years" -> P3Y; "the past two months" -> P2M with its range; "in two weeks"
    said of the future -> the date two weeks on."""
    unit = unit_key(parts["unit"])
    amount = quantity(parts["num"]) if "num" in parts else None
    mod = QUANTITY_MODS.get(" ".join((parts.get("qmod") or parts.get("lead", "")).lower().split()))
    value = iso_duration(amount, unit)
    span_word = " ".join(parts.get("span", "").lower().split()).removeprefix("the ").removeprefix("in ")
    if ctx.anchor is None or amount is None:
        return Resolution("DURATION", value, mod=mod)
    if span_word in _PAST_SPANS:
        return Resolution("DURATION", value, shift(ctx.anchor, amount, unit, -1), ctx.anchor, mod)
    if span_word in _NEXT_SPANS:
        return Resolution("DURATION", value, ctx.anchor, shift(ctx.anchor, amount, unit, 1), mod)
    if not span_word and not mod and re.search(r"\bin\s+$", ctx.before) and ctx.direction > 0:
        found = at_granularity(shift(ctx.anchor, amount, unit, 1), unit)
        return found
    return Resolution("DURATION", value, mod=mod)


def bare_units(parts: Mapping[str, str], ctx: Context) -> Resolution:
    """"for years" -> PXY."""
    return Resolution("DURATION", iso_duration(None, unit_key(parts["unit"])))


def every(parts: Mapping[str, str], ctx: Context) -> Resolution:
    """"every Monday" -> XXXX-WXX-1; "every day" -> P1D; "twice a week" -> P1W; "each
    July" -> XXXX-07; "every summer" -> XXXX-SU."""
    unit = parts["unit"].lower()
    if unit in WEEKDAYS:
        return Resolution("SET", f"XXXX-WXX-{weekday_number(unit)}")
    if unit.rstrip(".") in MONTHS:
        return Resolution("SET", f"XXXX-{MONTHS[unit.rstrip('.')]:02d}")
    if unit in SEASONS:
        return Resolution("SET", f"XXXX-{SEASONS[unit]}")
    parts_of_day = {"morning": "MO", "evening": "EV", "night": "NI"}
    if unit in parts_of_day:
        return Resolution("SET", f"XXXX-XX-XXT{parts_of_day[unit]}")
    if unit == "weekend":
        return Resolution("SET", "XXXX-WXX-WE")
    return Resolution("SET", iso_duration(2 if parts.get("other") else 1, unit_key(unit)))


def frequency(parts: Mapping[str, str], ctx: Context) -> Resolution:
    """"weekly" -> P1W (type SET)."""
    return Resolution("SET", FREQUENCIES[parts["word"].lower()])


def clock(parts: Mapping[str, str], ctx: Context) -> Resolution | None:
    """"10:35 a.m." -> <anchor>T10:35; "9 a.m. Tuesday" -> that Tuesday at 09:00."""
    if "word" in parts:
        hhmm = CLOCK_WORDS[parts["word"].lower()]
    else:
        hour, minute = int(parts["h"]), int(parts.get("mi") or 0)
        meridiem = re.sub(r"[^ap]", "", parts.get("ampm", "").lower())
        if meridiem == "p" and hour < 12 or parts.get("part", "").lower() in ("afternoon", "evening") and hour < 12:
            hour += 12
        if meridiem == "a" and hour == 12:
            hour = 0
        if hour > 24 or (hour == 24 and minute):
            return None
        hhmm = f"{hour:02d}:{minute:02d}"
    when = _day_of(parts.get("dref"), ctx)
    if when is None:
        return Resolution("TIME", f"XXXX-XX-XXT{hhmm}")
    return Resolution("TIME", f"{when.isoformat()}T{hhmm}", when, when)


def _day_of(word: str | None, ctx: Context) -> date | None:
    """The day a clock time sits on: its weekday or day word, else the day the text last
    placed (a report's "at 10 p.m." continues the story's day), else the anchor."""
    if ctx.anchor is None:
        return None
    if not word:
        return ctx.previous or ctx.anchor
    key = word.lower()
    if key in DAY_WORDS:
        return ctx.anchor + timedelta(days=DAY_WORDS[key])
    return weekday_near(ctx.anchor, weekday_number(key), ctx.direction or -1)
