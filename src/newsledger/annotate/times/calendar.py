"""Pure calendar arithmetic for the temporal layer: weeks, months, seasons, holidays.

Every function takes and returns :class:`datetime.date` values (or plain numbers) and
never looks at the clock: the anchor is always passed in.
"""

from __future__ import annotations

import calendar as _stdcal
from datetime import date, timedelta

from dateutil.easter import easter
from dateutil.relativedelta import relativedelta

from newsledger.annotate.times.lexicon import SEASON_MONTHS

DateRange = tuple[date, date]


def month_end(year: int, month: int) -> date:
    """The last day of a month: ``month_end(2025, 2)`` -> ``date(2025, 2, 28)``."""
    return date(year, month, _stdcal.monthrange(year, month)[1])


def month_range(year: int, month: int) -> DateRange:
    """First and last day of a month."""
    return date(year, month, 1), month_end(year, month)


def week_range(day: date) -> DateRange:
    """Monday and Sunday of the ISO week holding ``day``."""
    monday = day - timedelta(days=day.isoweekday() - 1)
    return monday, monday + timedelta(days=6)


def week_value(day: date) -> str:
    """The TIMEX3 week value of ``day``: ``date(2025, 8, 25)`` -> ``"2025-W35"``."""
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def shift_months(day: date, months: int) -> date:
    """``day`` moved by whole months, clamped to the month's end."""
    return day + relativedelta(months=months)


def weekday_near(anchor: date, weekday: int, direction: int) -> date:
    """The ``weekday`` (ISO, Monday = 1) nearest ``anchor`` on the side ``direction``.

    The anchor's own weekday is the anchor itself unless ``direction`` is ±2 (an explicit
    "last"/"next"), which forces a different week.
    """
    delta = weekday - anchor.isoweekday()
    if delta == 0 and abs(direction) < 2:
        return anchor
    if direction < 0:
        return anchor + timedelta(days=delta if delta < 0 else delta - 7)
    if direction > 0:
        return anchor + timedelta(days=delta if delta > 0 else delta + 7)
    # unknown direction: the nearer of the two, the past on a tie
    back = anchor + timedelta(days=delta if delta < 0 else delta - 7)
    fwd = back + timedelta(days=7)
    return fwd if (fwd - anchor) < (anchor - back) else back


def month_near(anchor: date, month: int, direction: int) -> int:
    """The year of the month ``month`` meant from ``anchor`` on the side ``direction``.

    ``direction`` -1: on or before the anchor's month; +1: on or after; ±2: strictly;
    0: the nearest (past on a tie).
    """
    year = anchor.year
    if direction <= -2:
        return year if month < anchor.month else year - 1
    if direction >= 2:
        return year if month > anchor.month else year + 1
    if direction == -1:
        return year if month <= anchor.month else year - 1
    if direction == 1:
        return year if month >= anchor.month else year + 1
    diff = month - anchor.month
    if diff > 6:
        return year - 1
    if diff < -5:
        return year + 1
    return year


def day_near(anchor: date, month: int, day: int, direction: int) -> date | None:
    """The date ``month``/``day`` nearest ``anchor`` on the side ``direction`` (None if invalid)."""
    candidates = []
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        try:
            candidates.append(date(year, month, day))
        except ValueError:
            continue
    if not candidates:
        return None
    if direction < 0:
        past = [c for c in candidates if c <= anchor]
        return max(past) if past else min(candidates)
    if direction > 0:
        future = [c for c in candidates if c >= anchor]
        return min(future) if future else max(candidates)
    return min(candidates, key=lambda c: (abs((c - anchor).days), c > anchor))


def season_range(year: int, code: str) -> DateRange:
    """The meteorological season ``code`` ("SU") of ``year``; winter runs Dec-Feb."""
    first, last = SEASON_MONTHS[code]
    if first > last:
        return date(year, first, 1), month_end(year + 1, last)
    return date(year, first, 1), month_end(year, last)


def season_of(day: date) -> tuple[int, str]:
    """The (year, code) of the season holding ``day`` (January belongs to the winter before)."""
    for code, (first, last) in SEASON_MONTHS.items():
        if first <= last and first <= day.month <= last:
            return day.year, code
    return (day.year if day.month == 12 else day.year - 1), "WI"


def quarter_range(year: int, quarter: int) -> DateRange:
    """First and last day of a calendar quarter."""
    first = 3 * (quarter - 1) + 1
    return date(year, first, 1), month_end(year, first + 2)


def weekday_on_or_after(year: int, month: int, weekday: int, earliest: int) -> date:
    """The first ``weekday`` (ISO) on or after day ``earliest`` of a month:
    ``weekday_on_or_after(2025, 11, 4, 22)`` -> Thanksgiving, ``date(2025, 11, 27)``."""
    first = date(year, month, earliest)
    return first + timedelta(days=(weekday - first.isoweekday()) % 7)


def easter_offset(year: int, offset: int) -> date:
    """Easter Sunday of ``year`` plus ``offset`` days (western calendar)."""
    return easter(year) + timedelta(days=offset)


def sub_range(first: date, last: date, mod: str | None) -> DateRange:
    """The START/MID/END part of a range: thirds, or days 1-10/11-20/21-end of a month."""
    if mod not in ("START", "MID", "END"):
        return first, last
    if first.day == 1 and last == month_end(first.year, first.month) and first.month == last.month:
        bounds = {"START": (1, 10), "MID": (11, 20), "END": (21, last.day)}[mod]
        return first.replace(day=bounds[0]), first.replace(day=bounds[1])
    span = (last - first).days + 1
    third = max(span // 3, 1)
    if mod == "START":
        return first, first + timedelta(days=third - 1)
    if mod == "MID":
        return first + timedelta(days=third), last - timedelta(days=third)
    return last - timedelta(days=third - 1), last
