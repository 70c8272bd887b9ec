"""The layer registry: one :class:`LayerSpec` per record layer, which every face loops over.

A layer is one ``annotate/<layer>`` package, one record class in
:mod:`newsledger.records` (plus its field on :class:`~newsledger.records.Document`), and
one entry here. The store makes its table from the entry, the export lists it and the
JSON schema describes it, the Datasette metadata facets it, the timeline view dates it,
the web app marks it in its colour and labels it, and the CLI prints its columns::

    >>> from newsledger.layers import LAYERS, layer
    >>> LAYERS
    ('quotes', 'times', 'events', 'stances', 'commitments')
    >>> spec = layer("commitments")
    >>> spec.singular, spec.record.__name__, spec.holder
    ('commitment', 'Commitment', 'holder')
    >>> from newsledger.records import Stance
    >>> layer("stances").label(Stance("s-1", "a", "oppose", "certain", "troops", "", (0, 0), "Italy"))
    'stance of Italy: oppose troops'

Adding a layer: docs/architecture.md has the checklist.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from newsledger.records import Commitment, Event, Quote, Stance, TimeExpr


@dataclass(frozen=True)
class Column:
    """One column of a layer's CLI listing: a header, the value, a width to clip to."""

    header: str
    value: Callable[[Any], Any]
    width: int | None = None


@dataclass(frozen=True)
class TimelineSQL:
    """How the ``timeline`` view dates a layer's records: SQL expressions over the
    layer's table aliased ``r`` and its article ``a``.

    ``start``/``end`` are the record's own dates; with ``None`` the record is dated by
    its article's publication day (``date_source`` says which). ``dated`` is what puts
    a record on the timeline when not null (default: ``start``): a commitment shows when
    it has a deadline, though its start is ``COALESCE(due_start, due)``.
    """

    kind: str
    who: str
    what: str
    evidence: str
    start: str | None = None
    end: str | None = None
    dated: str | None = None


@dataclass(frozen=True)
class LayerSpec:
    """Everything the faces of newsledger need to know about one record layer."""

    #: Plural name: the Document field, the table, the export list, the API route.
    name: str
    #: The record class (a frozen dataclass with ``id``, ``article_id`` and ``span``).
    record: type
    #: Singular name: the JSONL ``record_type``, the timeline layer, the CSS class.
    singular: str
    #: Heading of the layer's listings.
    title: str
    #: One line describing a record (web highlights, timeline rows).
    label: Callable[[Any], str]
    #: The field naming who the record is of: speaker, holder, actor (None: nobody).
    holder: str | None
    #: The columns ``newsledger summary`` prints for the layer.
    columns: tuple[Column, ...]
    #: How the ``timeline`` view dates the layer's records.
    timeline: TimelineSQL
    #: Columns Datasette offers as facets on the layer's table.
    facets: tuple[str, ...] = ()
    #: Line colour marking the layer's records in the web app (WCAG-checked in
    #: ``web/palette.py``); ``None`` for quotes, which are coloured by speaker instead.
    colour: str | None = None


def _figures(event: Event) -> str:
    return ", ".join(f"{q.value:g} {q.unit or ''}".strip() for q in event.quantities)


QUOTES = LayerSpec(
    name="quotes",
    record=Quote,
    singular="quote",
    title="Quotes",
    label=lambda r: f"{r.kind} quote by {r.speaker or 'unknown speaker'}",
    holder="speaker",
    columns=(
        Column("speaker", lambda r: r.speaker or f"? ({r.speaker_mention})"),
        Column("kind", lambda r: r.kind),
        Column("cue", lambda r: r.cue),
        Column("to", lambda r: r.medium),
        Column("quote", lambda r: r.text, 70),
    ),
    timeline=TimelineSQL(kind="r.kind", who="r.speaker", what="r.text", evidence="r.text"),
    facets=("speaker", "kind"),
)

TIMES = LayerSpec(
    name="times",
    record=TimeExpr,
    singular="time",
    title="Times",
    label=lambda r: f"time: {r.value or r.text}",
    holder=None,
    columns=(
        Column("text", lambda r: r.text),
        Column("type", lambda r: r.type),
        Column("value", lambda r: r.value),
        Column("from", lambda r: r.start),
        Column("to", lambda r: r.end),
    ),
    timeline=TimelineSQL(kind="r.type", who="NULL", what="r.text", evidence="r.text",
                         start='r."start"', end='r."end"'),
    colour="#6a3d9a",
)

EVENTS = LayerSpec(
    name="events",
    record=Event,
    singular="event",
    title="Events",
    label=lambda r: f"event: {r.type} ({r.status})",
    holder="actor",
    columns=(
        Column("type", lambda r: r.type),
        Column("status", lambda r: r.status),
        Column("who", lambda r: r.actor or ", ".join(r.participants)),
        Column("target", lambda r: r.target),
        Column("when", lambda r: r.start),
        Column("figures", _figures),
        Column("source", lambda r: r.source),
        Column("evidence", lambda r: r.evidence, 50),
    ),
    timeline=TimelineSQL(kind="r.type || ' (' || r.status || ')'",
                         who="COALESCE(r.actor, NULLIF(r.participants, '[]'))",
                         what='COALESCE(r."trigger", r.type)', evidence="r.evidence",
                         start='r."start"', end='r."end"'),
    facets=("type", "status"),
    colour="#a84300",
)

STANCES = LayerSpec(
    name="stances",
    record=Stance,
    singular="stance",
    title="Stances",
    label=lambda r: f"stance of {r.holder or 'unknown holder'}: {r.polarity} {r.target}",
    holder="holder",
    columns=(
        Column("holder", lambda r: r.holder),
        Column("polarity", lambda r: r.polarity),
        Column("modality", lambda r: r.modality),
        Column("target", lambda r: r.target, 60),
    ),
    timeline=TimelineSQL(kind="r.polarity", who="r.holder", what="r.target", evidence="r.evidence"),
    facets=("holder", "polarity"),
    colour="#1f5f99",
)

COMMITMENTS = LayerSpec(
    name="commitments",
    record=Commitment,
    singular="commitment",
    title="Commitments",
    label=lambda r: f"commitment: {r.kind} by {r.holder or 'unknown'}",
    holder="holder",
    columns=(
        Column("holder", lambda r: r.holder),
        Column("kind", lambda r: r.kind),
        Column("action", lambda r: r.action, 50),
        Column("condition", lambda r: r.condition),
        Column("due", lambda r: r.due),
    ),
    timeline=TimelineSQL(kind="r.kind", who="r.holder", what="r.action", evidence="r.evidence",
                         start="COALESCE(r.due_start, r.due)", end="r.due", dated="r.due"),
    facets=("holder", "kind"),
    colour="#1d6b2a",
)

#: Every layer, in export order.
REGISTRY: tuple[LayerSpec, ...] = (QUOTES, TIMES, EVENTS, STANCES, COMMITMENTS)

#: The layer names in export order; each is a field of ``Document`` and a table.
LAYERS: tuple[str, ...] = tuple(spec.name for spec in REGISTRY)

#: The record class of each layer: ``LAYER_TYPES["quotes"] is Quote``.
LAYER_TYPES: dict[str, type] = {spec.name: spec.record for spec in REGISTRY}

_BY_NAME = {spec.name: spec for spec in REGISTRY}
_BY_SINGULAR = {spec.singular: spec for spec in REGISTRY}


def layer(name: str) -> LayerSpec:
    """The layer called ``name`` (plural or singular): ``layer("quote").name`` -> ``"quotes"``."""
    spec = _BY_NAME.get(name) or _BY_SINGULAR.get(name)
    if spec is None:
        raise KeyError(f"unknown layer {name!r}; choose one of {', '.join(LAYERS)}")
    return spec


def layer_of(record: Any) -> LayerSpec:
    """The layer a record belongs to, by its class."""
    for spec in REGISTRY:
        if isinstance(record, spec.record):
            return spec
    raise KeyError(f"{type(record).__name__} is not the record of any layer")
