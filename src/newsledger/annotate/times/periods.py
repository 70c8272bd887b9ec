"""Normalisers for calendar periods: weeks, months, years, decades, seasons, quarters,
"the end of the month", "earlier this year" (the story-anchored "that day", "the next
morning" are in :mod:`.narrative`).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from newsledger.annotate.times.calendar import (
    DateRange,
    month_end,
    month_range,
    quarter_range,
    season_of,
    season_range,
    shift_months,
    sub_range,
    week_range,
    week_value,
)
from newsledger.annotate.times.lexicon import PERIOD_MODS, SEASONS
from newsledger.annotate.times.values import Context, Resolution, granularity

#: Relative words -> step from the anchor's period (0: the anchor's own).
STEPS: Mapping[str, int] = {
    "last": -1, "previous": -1, "this past": -1, "next": 1, "coming": 1, "this coming": 1,
    "following": 1, "this": 0, "current": 0, "the": 0, "latest": -1, "most recent": -1,
}

#: Modifier words that name one edge of a period rather than a third of it.
EDGE_WORDS = ("end of", "beginning of", "start of", "close of", "middle of")


def _words(text: str | None) -> str:
    return " ".join((text or "").lower().split())


def period_mod(word: str | None) -> str | None:
    """"early" -> START, "the end of" -> END."""
    return PERIOD_MODS.get(_words(word))


def modded_range(first: date, last: date, word: str | None) -> DateRange:
    """The part of ``[first, last]`` a modifier names: "early" a third (days 1-10 of a
    month), "the end of" the last day of a month or week, the last month of a year."""
    mod = period_mod(word)
    if mod is None:
        return first, last
    if not any(edge in _words(word) for edge in EDGE_WORDS):
        return sub_range(first, last, mod)
    length = (last - first).days + 1
    if length > 62:  # a year or longer: its first/last month
        if mod == "START":
            return first, month_end(first.year, first.month)
        if mod == "END":
            return last.replace(day=1), last
        return sub_range(first, last, mod)
    if mod == "MID":
        middle = first + timedelta(days=length // 2)
        return middle, middle
    return (first, first) if mod == "START" else (last, last)


def unit_period(anchor: date, unit: str, step: int) -> tuple[str, date, date]:
    """The value and range of the ``unit`` that is ``step`` units from the anchor's."""
    if unit in ("week", "weekend"):
        first, last = week_range(anchor + timedelta(weeks=step))
        if unit == "weekend":
            return week_value(first) + "-WE", first + timedelta(days=5), last
        return week_value(first), first, last
    if unit == "month":
        moved = shift_months(anchor, step)
        return f"{moved.year}-{moved.month:02d}", *month_range(moved.year, moved.month)
    if unit == "quarter":
        index = (anchor.year * 4 + (anchor.month - 1) // 3) + step
        year, quarter = divmod(index, 4)
        return f"{year}-Q{quarter + 1}", *quarter_range(year, quarter + 1)
    if unit == "decade":
        start = anchor.year // 10 * 10 + 10 * step
        return f"{start // 10}X", date(start, 1, 1), date(start + 9, 12, 31)
    if unit == "century":
        start = anchor.year // 100 * 100 + 100 * step
        return str(start // 100), date(start, 1, 1), date(start + 99, 12, 31)
    year = anchor.year + step
    return str(year), date(year, 1, 1), date(year, 12, 31)


def period(parts: Mapping[str, str], ctx: Context) -> Resolution | None:
    """"next week" -> 2025-W35 (25..31 Aug); "the end of the month" -> 2025-08, END, 31 Aug;
    "earlier this year" -> 2025, 1 Jan .. the day before the anchor."""
    if ctx.anchor is None:
        return None
    unit, rel, mod = parts["unit"].lower(), _words(parts["rel"]), _words(parts.get("mod") or parts.get("lead"))
    rel = rel.removeprefix("the ") if rel.endswith(("latest", "recent")) else rel
    if rel == "past":  # "the past decade": the span up to the anchor
        length = _unit_duration(unit)
        back = {"W": relativedelta(weeks=1), "D": relativedelta(days=2), "M": relativedelta(
            months=int(length[1:-1]))}.get(length[-1], relativedelta(years=int(length[1:-1])))
        return Resolution("DURATION", length, ctx.anchor - back, ctx.anchor)
    if unit == "quarter" and rel in ("the", "latest", "most recent"):
        return latest_quarter(ctx)  # the quarter a report is about
    step = STEPS.get(rel, 0)
    if unit == "weekend" and rel in ("the", "this") and ctx.anchor.isoweekday() < 6:
        step = -1 if ctx.direction < 0 else 0
    value, first, last = unit_period(ctx.anchor, unit, step)
    if mod == "earlier":
        return Resolution("DATE", value, first, max(first, ctx.anchor - timedelta(days=1)))
    if mod == "later":
        return Resolution("DATE", value, min(last, ctx.anchor + timedelta(days=1)), last)
    first, last = modded_range(first, last, mod)
    return Resolution("DATE", value, first, last, period_mod(mod))


def _unit_duration(unit: str) -> str:
    return {"week": "P1W", "weekend": "P2D", "month": "P1M", "quarter": "P3M",
            "decade": "P10Y", "century": "P100Y"}.get(unit, "P1Y")


def season(parts: Mapping[str, str], ctx: Context) -> Resolution | None:
    """"last fall" -> 1998-FA; "this summer" -> 2025-SU (1 Jun .. 31 Aug)."""
    code = SEASONS[parts["season"].lower()]
    mod, rel = parts.get("mod"), _words(parts.get("rel"))
    if parts.get("year"):
        year = int(parts["year"])
    elif ctx.anchor is None:
        return Resolution("DATE", f"XXXX-{code}", mod=period_mod(mod))
    else:
        year = _season_year(ctx.anchor, code, STEPS.get(rel, 0) if rel not in ("the", "") else 0,
                            ctx.direction)
    first, last = modded_range(*season_range(year, code), mod)
    return Resolution("DATE", f"{year}-{code}", first, last, period_mod(mod))


def _season_year(anchor: date, code: str, step: int, direction: int) -> int:
    """The year of the season ``code`` meant: the current one, or the one before/after."""
    order = ("SP", "SU", "FA", "WI")  # chronological within a season-year
    current_year, current = season_of(anchor)
    now, wanted = current_year * 4 + order.index(current), order.index(code)
    back = now - (now - wanted) % 4
    forward = now + (wanted - now) % 4
    if step < 0 and back == now:
        back -= 4
    if step > 0 and forward == now:
        forward += 4
    pick = back if (step < 0 or (step == 0 and direction <= 0)) else forward
    return pick // 4


def quarter(parts: Mapping[str, str], ctx: Context) -> Resolution | None:
    """"the third quarter" -> 2025-Q3; "Q1 2024", "the 1988 second quarter" -> 1988-Q2;
    after "In 1988, …" a yearless "the third quarter" is 1988's; "the fiscal 1989 third
    quarter" -> FY1989-Q3 (no range: fiscal years are the company's own)."""
    ordinal = (parts.get("ord") or parts.get("q", "")).lower()
    number = {"first": 1, "1st": 1, "1": 1, "second": 2, "2nd": 2, "2": 2, "third": 3, "3rd": 3,
              "3": 3, "fourth": 4, "4th": 4, "4": 4, "final": 4}[ordinal]
    named = parts.get("year") or parts.get("year0")
    if any(parts.get(k) for k in ("fiscal", "fiscal0", "fiscal2")):
        fiscal_year = named or ctx.year
        return Resolution("DATE", f"FY{fiscal_year}-Q{number}" if fiscal_year else None)
    if named:
        year = int(named)
    elif ctx.year is not None:
        year = ctx.year
    elif ctx.anchor is None:
        return Resolution("DATE", f"XXXX-Q{number}")
    else:
        current = (ctx.anchor.month - 1) // 3 + 1
        year = ctx.anchor.year
        if ctx.direction < 0 and number >= current:
            year -= 1  # a quarter reported in the past tense has ended: not the current one
        elif ctx.direction > 0 and number < current:
            year += 1
    return Resolution("DATE", f"{year}-Q{number}", *quarter_range(year, number))


def latest_quarter(ctx: Context) -> Resolution | None:
    """The quarter a report is about: the last one the story named, else the last one
    ended before the publication date (results are reported after the quarter closes)."""
    if ctx.reference is not None and granularity(ctx.reference.value) == "quarter":
        return ctx.reference
    if ctx.anchor is None:
        return None
    value, first, last = unit_period(ctx.anchor, "quarter", -1)
    return Resolution("DATE", value, first, last)


def year(parts: Mapping[str, str], ctx: Context) -> Resolution | None:
    """"1995" -> 1995; "the 1990s" -> 199; "early 1990s" -> 199, START; "post-1959" -> AFTER.

    Decades are written as TimeML 1.2 writes them (``199``), or as TIDES and TempEval-3's
    gold do (``199X``) when ``ctx.decade_notation`` is "X".
    """
    if parts.get("yy"):
        two = int(parts["yy"])
        century = 2000 if ctx.anchor is not None and ctx.anchor.year >= 2000 + two + 10 else 1900
        number, decade = century + two, True
    else:
        number, decade = int(parts["year"]), bool(parts.get("s"))
    if decade:
        number = number // 10 * 10
        first, last = date(number, 1, 1), date(number + 9, 12, 31)
        value = f"{number // 10}X" if ctx.decade_notation == "X" else str(number // 10)
    else:
        first, last, value = date(number, 1, 1), date(number, 12, 31), str(number)
    if parts.get("pre"):
        return Resolution("DATE", value, mod="BEFORE" if parts["pre"].lower() == "pre" else "AFTER")
    mod = parts.get("mod")
    first, last = modded_range(first, last, mod)
    return Resolution("DATE", value, first, last, period_mod(mod))
