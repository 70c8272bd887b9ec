"""The records newsledger extracts, and the document that carries them through the pipeline.

Every record is a frozen dataclass with ``article_id`` and ``span``: a ``(start, end)``
pair of character offsets, end exclusive, into the article's *clean* text, so that
``article.text[start:end]`` is the evidence. The export contract
(``resources/export.schema.json``) is tested against these classes, and the SQLite
tables are generated from them (``store/schema.py``): one definition, three faces.

Canonical entity names (``speaker``, ``actor``, ``holder``, ``source``, ``reports``)
are ``None`` when unknown: an unresolved speaker is recorded as unknown, never guessed.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, fields, replace
from typing import Any, TypeVar

Span = tuple[int, int]

def stable_id(prefix: str, *parts: object) -> str:
    """A short deterministic id: ``stable_id("q", "a1", 3, 9)`` -> ``"q-5d41402abc4b"``."""
    digest = hashlib.sha1("\x1f".join(map(str, parts)).encode("utf-8")).hexdigest()
    return f"{prefix}-{digest[:12]}"


@dataclass(frozen=True, slots=True)
class Article:
    """One news article: metadata, the text as received and the cleaned text.

    ``published`` is an ISO 8601 date or datetime string, or ``None`` when no source
    gave one (then times stay unanchored). ``noise`` holds the lines the cleaner
    removed, so a reader can see what was dropped.
    """

    id: str
    text: str
    original: str = ""
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: str | None = None
    author: str | None = None
    language: str | None = None
    headings: tuple[str, ...] = ()
    noise: tuple[str, ...] = ()
    source: str | None = None  # where it was read from: a path, "path:line", "-"


@dataclass(frozen=True, slots=True)
class Entity:
    """A canonical entity: ``Entity("ent-…", "Donald Trump", "PERSON", ("Mr Trump", "Trump"))``."""

    id: str
    name: str
    type: str
    aliases: tuple[str, ...] = ()

    @staticmethod
    def make_id(name: str, type_: str) -> str:
        return stable_id("ent", type_, name.casefold())


@dataclass(frozen=True, slots=True)
class Mention:
    """One occurrence of an entity in an article's clean text."""

    id: str
    article_id: str
    entity_id: str
    text: str
    span: Span


@dataclass(frozen=True, slots=True)
class Quote:
    """Who said what: ``kind`` is ``direct``, ``mixed`` or ``indirect``.

    ``speaker`` is the canonical name (``None`` when unresolved), ``speaker_mention``
    the surface form in the text ("the US president", "She"), ``cue`` the reporting
    verb as written, ``medium`` the addressee or channel ("Fox News", "reporters"),
    ``reports`` whose words a nested attribution carries.
    """

    id: str
    article_id: str
    text: str
    span: Span
    kind: str
    speaker: str | None = None
    speaker_id: str | None = None
    speaker_mention: str | None = None
    speaker_span: Span | None = None
    cue: str | None = None
    cue_lemma: str | None = None
    medium: str | None = None
    reports: str | None = None


@dataclass(frozen=True, slots=True)
class TimeExpr:
    """A temporal expression with its TIMEX3 ``value`` and an inclusive date range.

    ``type`` is DATE, TIME, DURATION or SET; ``start``/``end`` are ISO dates when the
    expression can be placed on the calendar (``None`` otherwise).
    """

    id: str
    article_id: str
    text: str
    span: Span
    type: str
    value: str | None = None
    start: str | None = None
    end: str | None = None
    mod: str | None = None


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number with its unit: ``Quantity(270, "drones")``."""

    value: float
    unit: str | None = None
    text: str | None = None


@dataclass(frozen=True, slots=True)
class Event:
    """What happened (or is planned, possible, hypothetical, denied)."""

    id: str
    article_id: str
    type: str
    status: str
    evidence: str
    span: Span
    actor: str | None = None
    target: str | None = None
    participants: tuple[str, ...] = ()
    place: str | None = None
    place_options: tuple[str, ...] = ()
    topic: str | None = None
    start: str | None = None
    end: str | None = None
    quantities: tuple[Quantity, ...] = ()
    source: str | None = None
    trigger: str | None = None


@dataclass(frozen=True, slots=True)
class Stance:
    """Who stands where: ``holder`` supports/opposes ``target`` (``issue`` is its normalised key)."""

    id: str
    article_id: str
    polarity: str
    modality: str
    target: str
    evidence: str
    span: Span
    holder: str | None = None
    issue: str | None = None
    option: str | None = None


@dataclass(frozen=True, slots=True)
class Commitment:
    """What was promised, threatened or planned, by when (``due`` is an ISO date)."""

    id: str
    article_id: str
    kind: str
    action: str
    evidence: str
    span: Span
    holder: str | None = None
    condition: str | None = None
    due: str | None = None
    due_start: str | None = None


@dataclass(frozen=True, slots=True)
class Story:
    """Articles about one developing story, clustered across outlets and days."""

    id: str
    title: str
    start: str | None = None
    end: str | None = None
    article_ids: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class LineBreaks:
    """Where a Doc's text lines end, read from its whitespace tokens.

    ``token_indices`` are the whitespace tokens holding a line break, in order; for
    each, ``firsts`` is the char offset of its first ``\\n`` (the end of the line before
    it) and ``after_lasts`` the offset just after its last one (the start of the line
    after it). ``text_end`` is the length of the Doc's text.
    """

    token_indices: tuple[int, ...]
    firsts: tuple[int, ...]
    after_lasts: tuple[int, ...]
    text_end: int


@dataclass(frozen=True, slots=True)
class Analysis:
    """What several stages read from one parse, computed once right after it
    (``newsledger.annotate.shared.analysis.analyse``): the text's line breaks (a
    heading and its paragraph never share a clause) and the tokens of question
    sentences (no stance or commitment is read from a question)."""

    line_breaks: LineBreaks
    questions: frozenset[int]


@dataclass(frozen=True)
class Document:
    """The one type every pipeline stage takes and returns.

    Ingest fills ``article``; cleaning rewrites ``article.text``; the annotators fill
    one layer each; ``doc`` holds the spaCy ``Doc`` of ``article.text`` for the
    annotators, and ``analysis`` what several of them read from it (both filled by the
    pipeline right after parsing, dropped after the stages; never stored or exported).
    """

    article: Article
    entities: tuple[Entity, ...] = ()
    mentions: tuple[Mention, ...] = ()
    quotes: tuple[Quote, ...] = ()
    times: tuple[TimeExpr, ...] = ()
    events: tuple[Event, ...] = ()
    stances: tuple[Stance, ...] = ()
    commitments: tuple[Commitment, ...] = ()
    doc: Any = field(default=None, compare=False, repr=False)
    analysis: Analysis | None = field(default=None, compare=False, repr=False)

    def evolve(self, **changes: Any) -> Document:
        """A copy with ``changes`` applied: ``document.evolve(quotes=(...))``."""
        return replace(self, **changes)


R = TypeVar("R")


def to_dict(record: Any) -> dict[str, Any]:
    """A record as plain JSON-ready data (tuples become lists, nested records dicts)."""
    return {f.name: _plain(getattr(record, f.name)) for f in fields(record)}


def _plain(value: Any) -> Any:
    if hasattr(value, "__dataclass_fields__"):
        return to_dict(value)
    if isinstance(value, (tuple, list)):
        return [_plain(v) for v in value]
    return value
