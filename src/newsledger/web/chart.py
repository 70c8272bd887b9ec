"""Event quantities over time as an SVG bar chart, laid out server-side.

Each event with a start date and quantities ("sending 270 drones and 10 missiles")
gives one point per quantity; the chart puts one group of bars per date, one bar per
unit, heights on a linear scale from zero. :func:`layout` is pure geometry; the
template draws the rectangles, so every label is escaped like any other text.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from newsledger.records import Event


@dataclass(frozen=True, slots=True)
class Point:
    """One quantity of one dated event: ``Point("2025-08-18", "drones", 270, …)``."""

    date: str
    unit: str
    value: float
    event_id: str
    article_id: str
    evidence: str


@dataclass(frozen=True, slots=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    series: int
    point: Point


@dataclass(frozen=True, slots=True)
class Chart:
    """Bars plus the axis: ``ticks`` are (x, date) labels, ``units`` the legend."""

    width: int
    height: int
    bars: tuple[Bar, ...]
    ticks: tuple[tuple[float, str], ...]
    units: tuple[str, ...]
    top: float
    baseline: float


#: Margins (px) around the plot area: room for the legend, value labels and dates.
MARGIN_TOP, MARGIN_BOTTOM, MARGIN_SIDE = 36, 36, 16


def points(events: Iterable[Event]) -> list[Point]:
    """The quantities of dated events, by date then unit."""
    found = [
        Point(e.start, q.unit or "count", q.value, e.id, e.article_id, e.evidence)
        for e in events if e.start
        for q in e.quantities
    ]
    return sorted(found, key=lambda p: (p.date, p.unit, p.event_id))


def layout(data: Sequence[Point], width: int = 640, height: int = 240) -> Chart | None:
    """Bars for ``data`` in a ``width`` × ``height`` box, or ``None`` with no data."""
    if not data:
        return None
    dates = sorted({p.date for p in data})
    units = tuple(sorted({p.unit for p in data}))
    per_date = {d: [p for p in data if p.date == d] for d in dates}
    slots = max(len(v) for v in per_date.values())
    group = (width - 2 * MARGIN_SIDE) / len(dates)
    bar_width = min(48.0, group * 0.8 / slots)
    baseline = height - MARGIN_BOTTOM
    scale = (baseline - MARGIN_TOP) / (max(p.value for p in data) or 1.0)
    bars, ticks = [], []
    for i, date in enumerate(dates):
        left = MARGIN_SIDE + i * group + (group - bar_width * len(per_date[date])) / 2
        ticks.append((MARGIN_SIDE + (i + 0.5) * group, date))
        for j, p in enumerate(per_date[date]):
            h = max(p.value * scale, 1.0)
            bars.append(Bar(left + j * bar_width, baseline - h, bar_width * 0.9, h, units.index(p.unit), p))
    return Chart(width, height, tuple(bars), tuple(ticks), units, MARGIN_TOP, baseline)
