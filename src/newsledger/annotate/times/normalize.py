"""TIMEX3 values and date ranges for detected expressions, against an anchor date.

:func:`normalize` dispatches a :class:`~newsledger.annotate.times.detect.Candidate` to the
normaliser of its rule. Day-level rules (weekdays, "yesterday", "Aug. 7", months) live
here; periods in :mod:`.periods`, durations/sets/clock times in :mod:`.durations`.
Absolute dates in any format ("March 5, 1946", "5 March 2025", "08/19/2025") go to
dateparser, which parses formats well; relative ones ("Monday", "next week", "early
September") go to rules, because dateparser ignores tense and returns a single instant
where TIMEX3 wants a week, a month or a range.

>>> from datetime import date
>>> from newsledger.annotate.times.detect import find
>>> normalize(find("next week")[0], Context(date(2025, 8, 19)))
Resolution(type='DATE', value='2025-W35', start=datetime.date(2025, 8, 25), end=...)
"""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Callable, Mapping
from dataclasses import replace
from datetime import date, timedelta

from newsledger.annotate.times import durations, fallback, narrative, periods
from newsledger.annotate.times.calendar import (
    day_near,
    easter_offset,
    month_near,
    month_range,
    week_range,
    week_value,
    weekday_near,
    weekday_on_or_after,
)
from newsledger.annotate.times.detect import Candidate
from newsledger.annotate.times.lexicon import (
    DAY_WORDS,
    EASTER_HOLIDAYS,
    FIXED_HOLIDAYS,
    NTH_WEEKDAY_HOLIDAYS,
    PARTS_OF_DAY,
    REFERENCES,
)
from newsledger.annotate.times.values import (
    Context,
    Resolution,
    day,
    day_number,
    month_number,
    weekday_number,
)

log = logging.getLogger(__name__)

Normaliser = Callable[[Mapping[str, str], Context], "Resolution | None"]

#: An arbitrary anchor used to compute the shape of an unanchored value, then masked.
_SHAPE_ANCHOR = date(2001, 6, 13)


def _side(rel: str | None, ctx: Context) -> int:
    """-2/+2 for an explicit "last"/"next", else the clause's tense (or the context's
    default direction: the past, in news)."""
    word = " ".join((rel or "").lower().split())
    if word in ("last", "past", "this past", "previous"):
        return -2
    if word in ("next", "coming", "this coming"):
        return 2
    if word == "this":
        return ctx.direction or 1
    return ctx.direction or ctx.default_direction


#: Words that date a weekday from the story's last placed day, not from the anchor.
_NARRATIVE_WEEKDAY = frozenset({"the previous", "the preceding", "the following", "the next", "that"})


def weekday(parts: Mapping[str, str], ctx: Context) -> Resolution | None:
    """"Monday" in a past clause of a Tuesday report -> the day before; "Monday night" ->
    a TIME with the TIMEX3 part of day (…TNI)."""
    if parts.get("wrel"):
        return narrative.weekday_of_week(parts, ctx)  # "Friday last week"
    if " ".join(parts.get("rel", "").lower().split()) in _NARRATIVE_WEEKDAY:
        return narrative.relative_weekday(parts, ctx)  # "the previous Friday"
    number = weekday_number(parts["wd"])
    part = PARTS_OF_DAY.get(parts.get("part", "").lower())
    suffix, type_ = (f"T{part}", "TIME") if part else ("", "DATE")
    if ctx.anchor is None:
        return Resolution(type_, f"XXXX-WXX-{number}{suffix}")
    return day(weekday_near(ctx.anchor, number, _side(parts.get("rel"), ctx)), type_, suffix)


def day_word(parts: Mapping[str, str], ctx: Context) -> Resolution | None:
    """"yesterday" -> the anchor minus one day; "tonight" -> <anchor>TNI."""
    word = " ".join(parts["word"].lower().split())
    part = PARTS_OF_DAY.get(parts.get("part", "").lower()) or ("NI" if word == "tonight" else None)
    when = ctx.anchor + timedelta(days=DAY_WORDS[word])
    return day(when, "TIME", f"T{part}") if part else day(when)


def reference(parts: Mapping[str, str], ctx: Context) -> Resolution:
    """"now" -> PRESENT_REF, "recently" -> PAST_REF, "the future" -> FUTURE_REF."""
    return Resolution("DATE", REFERENCES[" ".join(parts["word"].lower().split())])


def month(parts: Mapping[str, str], ctx: Context) -> Resolution:
    """"early September" -> 2025-09, START, 1..10 Sep; "last October" -> the one before;
    the tense moves a yearless month at most ``ctx.tense_horizon_days`` away."""
    number = month_number(parts["mon"])
    mod = parts.get("mod")
    if parts.get("year"):
        year = int(parts["year"])
    elif ctx.anchor is None:
        return Resolution("DATE", f"XXXX-{number:02d}", mod=periods.period_mod(mod))
    elif parts.get("yrel"):  # "July last year"
        year = ctx.anchor.year + periods.STEPS[parts["yrel"].lower()]
    else:
        side = _side(parts.get("rel"), ctx) if parts.get("rel") or ctx.direction else 0
        year = month_near(ctx.anchor, number, side)
        distance = abs((year - ctx.anchor.year) * 12 + number - ctx.anchor.month)
        if abs(side) == 1 and distance * 30 > ctx.tense_horizon_days:
            year = month_near(ctx.anchor, number, 0)
    first, last = periods.modded_range(*month_range(year, number), mod)
    return Resolution("DATE", f"{year}-{number:02d}", first, last, periods.period_mod(mod))


def month_day(parts: Mapping[str, str], ctx: Context) -> Resolution | None:
    """"Aug. 7" -> the Aug 7 on the clause's side of the anchor (within half a year);
    "Monday, Oct. 26" -> the Oct 26 that is a Monday."""
    number = month_number(parts.get("mon") or parts["mon2"])
    dom = day_number(parts.get("day") or parts["day2"])
    if ctx.anchor is None:
        return Resolution("DATE", f"XXXX-{number:02d}-{dom:02d}")
    if parts.get("yrel"):  # "March 3 last year"
        return day(date(ctx.anchor.year + periods.STEPS[parts["yrel"].lower()], number, dom))
    if parts.get("wd"):
        fits = [d for d in _yearly(ctx.anchor, number, dom) if d.isoweekday() == weekday_number(parts["wd"])]
        if fits:
            return day(min(fits, key=lambda d: abs((d - ctx.anchor).days)))
    side = _side(parts.get("rel"), ctx) if parts.get("rel") or ctx.direction else 0
    found = day_near(ctx.anchor, number, dom, side)
    if found and abs(side) == 1 and abs((found - ctx.anchor).days) > ctx.tense_horizon_days:
        found = day_near(ctx.anchor, number, dom, 0)
    return day(found) if found else None


def _yearly(anchor: date, month_: int, dom: int) -> list[date]:
    out = []
    for year in range(anchor.year - 2, anchor.year + 3):
        try:
            out.append(date(year, month_, dom))
        except ValueError:
            continue
    return out


def absolute(parts: Mapping[str, str], ctx: Context, text: str = "") -> Resolution | None:
    """A full date in any format, parsed by dateparser: "March 5, 1946" -> 1946-03-05."""
    parsed = _parse_absolute(text, "MDY" if "/" in text else "")
    return day(parsed) if parsed else None


@functools.lru_cache(maxsize=4096)
def _parse_absolute(text: str, order: str) -> date | None:
    import dateparser  # heavy import, only needed for absolute dates

    settings = {"REQUIRE_PARTS": ["day", "month", "year"], "RETURN_AS_TIMEZONE_AWARE": False}
    if order:
        settings["DATE_ORDER"] = order
    parsed = dateparser.parse(text, languages=["en"], settings=settings)
    return parsed.date() if parsed else None


def holiday(parts: Mapping[str, str], ctx: Context) -> Resolution | None:
    """"Thanksgiving" -> the fourth Thursday of November on the clause's side (within the
    tense horizon); "Easter week" -> the ISO week holding Easter Sunday."""
    name = " ".join(parts["name"].lower().split())
    if ctx.anchor is None:
        fixed = FIXED_HOLIDAYS.get(name)
        return Resolution("DATE", f"XXXX-{fixed[0]:02d}-{fixed[1]:02d}" if fixed else None)
    side = _side(parts.get("rel"), ctx)
    options = [_holiday_date(name, y) for y in range(ctx.anchor.year - 1, ctx.anchor.year + 2)]
    if side < 0:
        chosen = max((d for d in options if d <= ctx.anchor), default=options[0])
    else:
        chosen = min((d for d in options if d >= ctx.anchor), default=options[-1])
    if abs(side) == 1 and abs((chosen - ctx.anchor).days) > ctx.tense_horizon_days:
        chosen = min(options, key=lambda d: abs((d - ctx.anchor).days))
    if parts.get("week"):
        first, last = week_range(chosen)
        return Resolution("DATE", week_value(chosen), first, last)
    return day(chosen)


def week_of(parts: Mapping[str, str], ctx: Context) -> Resolution | None:
    """"the week of March 6" -> the ISO week holding that day."""
    found = month_day(parts, ctx)
    if found is None or found.start is None:
        return Resolution("DATE", "XXXX-WXX") if found else None
    first, last = week_range(found.start)
    return Resolution("DATE", week_value(found.start), first, last)


def _holiday_date(name: str, year: int) -> date:
    if name in FIXED_HOLIDAYS:
        return date(year, *FIXED_HOLIDAYS[name])
    if name in NTH_WEEKDAY_HOLIDAYS:
        return weekday_on_or_after(year, *NTH_WEEKDAY_HOLIDAYS[name])
    return easter_offset(year, EASTER_HOLIDAYS[name])


#: Rule name -> normaliser. Every rule of ``detect.RULES`` has one.
NORMALISERS: Mapping[str, Normaliser] = {
    "iso": absolute, "absolute": absolute, "numeric": absolute, "month_day": month_day,
    "month": month, "time": durations.clock, "clock": durations.clock,
    "clock_word": durations.clock, "weekday": weekday, "day_word": day_word,
    "reference": reference, "period": periods.period, "anaphor": narrative.anaphor,
    "offset": narrative.offset_from_reference, "duration": durations.duration,
    "prior_period": narrative.prior_period, "fiscal": narrative.fiscal,
    "part_of_day": narrative.part_of_day, "spelled_year": narrative.spelled_year,
    "bare_units": durations.bare_units, "set": durations.every,
    "frequency": durations.frequency, "season": periods.season, "quarter": periods.quarter,
    "holiday": holiday, "week_of": week_of, "year": periods.year, "spacy": fallback.dateparser_value,
}

#: Rules whose values need the anchor: without one they are computed on a stand-in and
#: their anchor-dependent digits masked with X.
_RELATIVE = frozenset({"time", "clock", "clock_word", "day_word", "period", "anaphor", "offset",
                       "duration", "part_of_day", "prior_period"})


def normalize(candidate: Candidate, ctx: Context) -> Resolution | None:
    """The resolution of ``candidate`` in ``ctx``; None when it is not a time after all.

    Never raises on odd input: a value that cannot be computed (an invalid day, an
    out-of-range year) is logged and dropped.
    """
    rule = NORMALISERS[candidate.rule]
    try:
        if candidate.rule in ("iso", "absolute", "numeric"):
            return absolute(candidate.parts, ctx, candidate.text)
        if ctx.anchor is None and candidate.rule in _RELATIVE:
            return _unanchored(rule(candidate.parts, replace(ctx, anchor=_SHAPE_ANCHOR)))
        return rule(candidate.parts, ctx)
    except (ValueError, OverflowError, KeyError) as err:
        log.debug("no value for %r (%s): %s", candidate.text, candidate.rule, err)
        return None


def _unanchored(found: Resolution | None) -> Resolution | None:
    """``found`` with the anchor's digits masked: 2001-06-12 -> XXXX-XX-XX, no range."""
    if found is None:
        return None
    value = found.value
    if value and re.match(r"\d", value):
        date_part, sep, rest = value.partition("T")
        date_part = re.sub(r"\d", "X", date_part)
        value = date_part + sep + rest
    elif value and value.startswith("P") and found.start is not None:
        pass  # an anchored duration keeps its length; only its range goes
    return Resolution(found.type, value, None, None, found.mod)
