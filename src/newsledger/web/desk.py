"""The story desk's parts, computed from paged SQL reads (:mod:`newsledger.store.queries`,
:func:`newsledger.link.timeline.page`): the stance matrix by issue key, timeline
rows with their overdue marks, and the Vega-Lite specs of the charts.

Charts are Vega-Lite specs (plain dicts) that the page embeds as JSON and
``static/app.js`` renders with the vendored vega-embed (``static/vendor/``, no CDN).
Every mark links to its evidence (``href``), every label is data, never markup.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any
from urllib.parse import quote as urlquote

from newsledger.annotate.stances.issues import issues
from newsledger.link import Ledger
from newsledger.link import timeline as tl
from newsledger.records import Commitment, Event, Stance
from newsledger.store import queries
from newsledger.store.queries import Filters, Source
from newsledger.web import palette

#: Cap on the matrix: the most active holders and issues (a filter shows the others).
MAX_HOLDERS, MAX_ISSUES = 40, 30

#: Points drawn per chart: a page's worth; the table below the chart pages further.
MAX_POINTS = 500



def evidence_href(article_id: str, record_id: str) -> str:
    """``/articles/a%2F1#q-1``: the record highlighted in its article."""
    return f"/articles/{urlquote(article_id, safe='')}#{urlquote(record_id, safe='')}"


@cache
def issue_labels() -> dict[str, str]:
    """``{"troops-on-the-ground": "Troops on the ground", …}`` from ``resources/issues.csv``."""
    return {issue.key: issue.label for issue in issues()}


def position(stance: Stance) -> str:
    """``"support"``, or ``"possible oppose"`` when not certain."""
    return stance.polarity if stance.modality == "certain" else f"{stance.modality} {stance.polarity}"


@dataclass(frozen=True)
class Cell:
    """One holder's stances on one issue, oldest first; ``latest`` is shown."""

    history: tuple[tuple[Stance, Source], ...]

    @property
    def latest(self) -> tuple[Stance, Source]:
        return self.history[-1]

    @property
    def changed(self) -> bool:
        """Whether the holder's position on the issue moved at some point."""
        return len({position(s) for s, _ in self.history}) > 1


@dataclass(frozen=True)
class IssueMatrix:
    """Holders × issue keys, only rows and columns with a stance; ``unkeyed`` counts the
    stances passing the filters whose target matched no issue key."""

    holders: tuple[str, ...]
    issues: tuple[tuple[str, str], ...]
    cells: dict[tuple[str, str], Cell]
    unkeyed: int
    hidden_holders: int
    hidden_issues: int


def issue_matrix(ledger: Ledger, **filters: Any) -> IssueMatrix:
    """The matrix of the stances passing ``filters`` (:func:`newsledger.store.queries.stance_filters`)."""
    found = queries.records(ledger, "stances", queries.stance_filters(**filters, keyed=True))
    unkeyed = queries.count(ledger, "stances", queries.stance_filters(**filters, keyed=False)) if not filters.get("issue") else 0
    grouped: dict[tuple[str, str], list[tuple[Stance, Source]]] = {}
    for stance, source in found:  # oldest article first (queries.ORDER)
        grouped.setdefault((stance.holder or "(unattributed)", stance.issue or ""), []).append((stance, source))
    holder_counts: dict[str, int] = {}
    issue_counts: dict[str, int] = {}
    for (holder, key), rows in grouped.items():
        holder_counts[holder] = holder_counts.get(holder, 0) + len(rows)
        issue_counts[key] = issue_counts.get(key, 0) + len(rows)
    holders = sorted(holder_counts, key=lambda h: (h == "(unattributed)", -holder_counts[h], h))
    keys = sorted(issue_counts, key=lambda k: (-issue_counts[k], k))
    shown_holders, shown_keys = holders[:MAX_HOLDERS], sorted(keys[:MAX_ISSUES])
    labels = issue_labels()
    cells = {k: Cell(tuple(v)) for k, v in grouped.items() if k[0] in shown_holders and k[1] in shown_keys}
    # Hide a row or column left empty by the caps.
    shown_holders = [h for h in shown_holders if any((h, k) in cells for k in shown_keys)]
    shown_keys = [k for k in shown_keys if any((h, k) in cells for h in shown_holders)]
    return IssueMatrix(tuple(shown_holders), tuple((k, labels.get(k, k)) for k in shown_keys), cells, unkeyed,
                       len(holders) - len(shown_holders), len(keys) - len(shown_keys))


@dataclass(frozen=True)
class Row:
    """A timeline line with its overdue mark."""

    entry: tl.Entry
    overdue: bool


def timeline_rows(ledger: Ledger, query: tl.Query, as_of: str | None) -> list[Row]:
    """One page of the timeline; its commitments due before ``as_of`` with no
    fulfilling event marked overdue."""
    entries = tl.page(ledger, query)
    late: set[str] = set()
    ids = [e.record_id for e in entries if e.layer == "commitment"]
    if ids and as_of:
        commitments = [c for c, _ in queries.records(
            ledger, "commitments", Filters(where=(f"r.id IN ({', '.join('?' for _ in ids)})",), params=tuple(ids)))]
        late = tl.overdue_ids(ledger, commitments, as_of)
    return [Row(e, e.record_id in late) for e in entries]


def layer_colours(layers: Sequence[str]) -> list[str]:
    """Each layer's colour in the charts: its highlight line colour (the registry's,
    contrast-checked in ``palette``), else a chart colour (quotes have none)."""
    spare = iter(palette.CHART_BARS)
    return [palette.LAYER_LINES.get(layer) or next(spare) for layer in layers]


def timeline_spec(rows: Iterable[Row]) -> dict[str, Any] | None:
    """Vega-Lite: one point per entry on a real time axis, a row per layer; a point
    links to its evidence, overdue commitments drawn as crosses."""
    values = [
        {"date": r.entry.date[:10], "layer": r.entry.layer, "who": r.entry.who or "", "what": r.entry.what or "",
         "outlet": r.entry.outlet or "", "status": "overdue" if r.overdue else "",
         "href": evidence_href(r.entry.article_id, r.entry.record_id)}
        for r in rows if r.entry.date and r.entry.date[:4].isdigit()
    ][:MAX_POINTS]
    if not values:
        return None
    layers = sorted({v["layer"] for v in values})
    return {
        "width": "container", "height": {"step": 36},
        "data": {"values": values},
        "mark": {"type": "point", "filled": True, "size": 70, "cursor": "pointer"},
        "encoding": {
            "x": {"field": "date", "type": "temporal", "title": None, "axis": {"format": "%Y-%m-%d", "labelAngle": 0}},
            "y": {"field": "layer", "type": "nominal", "title": None},
            "color": {"field": "layer", "type": "nominal", "legend": None,
                      "scale": {"domain": layers, "range": layer_colours(layers)}},
            "shape": {"field": "status", "type": "nominal", "legend": None,
                      "scale": {"domain": ["", "overdue"], "range": ["circle", "cross"]}},
            "href": {"field": "href"},
            "tooltip": [{"field": "date", "type": "temporal", "format": "%Y-%m-%d"}, {"field": "layer"},
                        {"field": "who"}, {"field": "what"}, {"field": "outlet"}, {"field": "status"}],
        },
    }


def figure_events(ledger: Ledger, filters: Filters) -> list[tuple[Event, Source]]:
    """Dated events with figures ("270 drones") passing ``filters``, at most :data:`MAX_POINTS`."""
    where = (*filters.where, "r.quantities != '[]'", 'r."start" IS NOT NULL')
    return queries.records(ledger, "events", Filters(where=where, params=filters.params, article_ids=filters.article_ids,
                                                     since=filters.since, until=filters.until, limit=MAX_POINTS))


def figures_spec(found: Iterable[tuple[Event, Source]]) -> dict[str, Any] | None:
    """Vega-Lite: event figures on a time axis, one panel per unit, each with its own
    scale (270 drones and 3 ministers never share a bar scale)."""
    values = [
        {"date": e.start[:10], "unit": q.unit or "count", "value": q.value, "what": e.evidence,
         "outlet": source.outlet or "", "href": evidence_href(e.article_id, e.id)}
        for e, source in found if e.start and e.start[:4].isdigit()
        for q in e.quantities
    ]
    if not values:
        return None
    return {
        "data": {"values": values},
        "facet": {"row": {"field": "unit", "type": "nominal", "title": None, "header": {"labelAngle": 0, "labelAlign": "left"}}},
        "spec": {
            "width": 560, "height": 70,
            "mark": {"type": "bar", "width": 4, "cursor": "pointer", "color": palette.CHART_BARS[0]},
            "encoding": {
                "x": {"field": "date", "type": "temporal", "title": None, "axis": {"format": "%Y-%m-%d"}},
                "y": {"field": "value", "type": "quantitative", "title": None},
                "href": {"field": "href"},
                "tooltip": [{"field": "date", "type": "temporal", "format": "%Y-%m-%d"}, {"field": "value"},
                            {"field": "unit"}, {"field": "what"}, {"field": "outlet"}],
            },
        },
        "resolve": {"scale": {"y": "independent"}},
    }


@dataclass(frozen=True)
class Due:
    """A commitment with its due date and whether it is overdue as of the desk's day."""

    commitment: Commitment
    source: Source
    overdue: bool


def commitments_due(ledger: Ledger, article_ids: Sequence[str] | None, as_of: str | None,
                    limit: int = 200) -> list[Due]:
    """Dated commitments of a set of articles, earliest due first, overdue marked."""
    found = queries.records(ledger, "commitments", Filters(where=("r.due IS NOT NULL",), article_ids=article_ids,
                                                           limit=limit))
    found.sort(key=lambda item: (item[0].due or "", item[1].article_id))
    late = tl.overdue_ids(ledger, [c for c, _ in found], as_of) if as_of else set()
    return [Due(c, s, c.id in late) for c, s in found]


def new_since(ledger: Ledger, article_ids: Sequence[str] | None, since: str, limit: int = 50) -> dict[str, list]:
    """Records of articles published on or after ``since``: quotes, events, stances,
    commitments (what is new on the story since a day)."""
    return {layer: queries.records(ledger, layer, Filters(article_ids=article_ids, since=since, limit=limit))
            for layer in ("quotes", "events", "stances", "commitments")}
