"""The records newsledger extracts, and the document that carries them through the pipeline.

Every record is a frozen dataclass with ``article_id`` and ``span``: a ``(start, end)``
pair of character offsets, end exclusive, into the article's *clean* text, so that
``article.text[start:end]`` is the evidence. Each field carries its description (and
any JSON Schema constraint) next to it, declared with :func:`described`; the export
contract (``resources/export.schema.json``, :mod:`newsledger.contract`) is generated
from these classes, and so are the SQLite tables (``store/schema.py``): one definition,
three faces. A class's export description is the first paragraph of its docstring.

Canonical entity names (``speaker``, ``actor``, ``holder``, ``source``, ``reports``)
are ``None`` when unknown: an unresolved speaker is recorded as unknown, never guessed.
"""

from __future__ import annotations

import hashlib
from dataclasses import MISSING, dataclass, field, fields, replace
from types import MappingProxyType
from typing import Any, TypeVar

Span = tuple[int, int]

#: JSON Schema keyword for dates: an ISO 8601 date, possibly followed by a time.
ISO_DATE = r"^\d{4}-\d{2}-\d{2}"

#: Key of a field's ``metadata`` holding its description.
DESCRIPTION = "description"
#: Key of a field's ``metadata`` holding its further JSON Schema keywords.
CONSTRAINTS = "schema"


def stable_id(prefix: str, *parts: object) -> str:
    """A short deterministic id: ``stable_id("q", "a1", 3, 9)`` -> ``"q-5d41402abc4b"``."""
    digest = hashlib.sha1("\x1f".join(map(str, parts)).encode("utf-8")).hexdigest()
    return f"{prefix}-{digest[:12]}"


def described(
    description: str,
    default: Any = MISSING,
    *,
    enum: tuple[str, ...] = (),
    pattern: str | None = None,
    min_length: int | None = None,
    min_items: int | None = None,
) -> Any:
    """A :func:`dataclasses.field` carrying its export description and JSON Schema constraints.

    The second argument is the field's default (none: the field is required).
    :mod:`newsledger.contract` reads the description from ``metadata["description"]``
    and the constraints, as JSON Schema keywords, from ``metadata["schema"]``:

    >>> f = described("TIMEX3 type.", enum=("DATE", "TIME"))
    >>> f.metadata["description"], dict(f.metadata["schema"])
    ('TIMEX3 type.', {'enum': ('DATE', 'TIME')})
    >>> described("Headline.", default=None).default is None
    True
    """
    keywords: dict[str, Any] = {
        "enum": enum or None, "pattern": pattern,
        "minLength": min_length, "minItems": min_items,
    }
    constraints = {key: value for key, value in keywords.items() if value is not None}
    metadata = {DESCRIPTION: description, CONSTRAINTS: MappingProxyType(constraints)}
    return field(default=default, metadata=metadata)


def record_id() -> Any:
    """The ``id`` field of a record of an article."""
    return described("Stable record id (`records.stable_id`).", min_length=1)


def article_ref() -> Any:
    """The ``article_id`` field linking a record to its article."""
    return described("Id of the article the record comes from (`articles[].id`).", min_length=1)


def evidence_span() -> Any:
    """The ``span`` field: where in the clean text the evidence is."""
    return described("[start, end) character offsets into the article's clean text; "
                     "`text[start:end]` is the evidence.")


def iso_date(description: str) -> Any:
    """An optional ISO 8601 date field: ``iso_date("When it starts")``."""
    return described(f"{description}; ISO 8601 date (YYYY-MM-DD, possibly followed by a time).",
                     None, pattern=ISO_DATE)


@dataclass(frozen=True, slots=True)
class Article:
    """One news article: metadata, the clean text every span points into, and what cleaning removed.

    ``published`` is an ISO 8601 date or datetime string, or ``None`` when no source
    gave one (then times stay unanchored). ``noise`` holds the lines the cleaner
    removed, so a reader can see what was dropped.
    """

    id: str = described("Stable article id (content hash).", min_length=1)
    text: str = described("Clean article text; every `span` indexes into it.")
    original: str = described("The text as received, before cleaning (empty when not kept).", "")
    title: str | None = described("Headline.", None)
    outlet: str | None = described('Publisher, e.g. "Sky News".', None)
    url: str | None = described("Where the article was published.", None)
    fetched: str | None = described(
        "When newsledger fetched the article from `url` (ISO 8601, UTC); null when it was read from a file.",
        None, pattern=ISO_DATE)
    published: str | None = described(
        "Publication date or datetime, ISO 8601; null when no source gave one.", None,
        pattern=ISO_DATE)
    author: str | None = described("Byline.", None)
    language: str | None = described(
        'ISO 639-1 code of the language the text is in, e.g. "en" (detected with py3langid); '
        "null when too short to tell.", None)
    headings: tuple[str, ...] = described("Section headings kept out of the body text.", ())
    noise: tuple[str, ...] = described("Lines the cleaner removed as page furniture.", ())
    source: str | None = described('Where the article was read from: a path, "path:line", "-".', None)


@dataclass(frozen=True, slots=True)
class Entity:
    """A canonical entity, one per id across the ledger.

    ``Entity("ent-…", "Donald Trump", "PERSON", ("Mr Trump", "Trump"))``.
    """

    id: str = described("`Entity.make_id(name, type)`.", min_length=1)
    name: str = described('Canonical name, e.g. "Donald Trump".')
    type: str = described("Entity type: PERSON, ORG, GPE, NORP, …")
    aliases: tuple[str, ...] = described('Surface forms seen across articles ("Mr Trump", "Trump").', ())

    @staticmethod
    def make_id(name: str, type_: str) -> str:
        return stable_id("ent", type_, name.casefold())


@dataclass(frozen=True, slots=True)
class Mention:
    """One occurrence of an entity in an article."""

    id: str = record_id()
    article_id: str = article_ref()
    entity_id: str = described("`entities[].id` of the entity mentioned.")
    text: str = described("The mention as written.")
    span: Span = evidence_span()


#: The kinds of quote, from most to least literal.
QUOTE_KINDS = ("direct", "mixed", "indirect")


@dataclass(frozen=True, slots=True)
class Quote:
    """Who said what.

    ``kind`` is ``direct``, ``mixed`` or ``indirect``; ``speaker`` is the canonical name
    (``None`` when unresolved), ``speaker_mention`` the surface form in the text ("the US
    president", "She"), ``cue`` the reporting verb as written, ``medium`` the addressee or
    channel ("Fox News", "reporters"), ``reports`` whose words a nested attribution carries.
    """

    id: str = record_id()
    article_id: str = article_ref()
    text: str = described("The quoted (or reported) content as written.")
    span: Span = evidence_span()
    kind: str = described("direct (in quotation marks), mixed (partly quoted) or indirect "
                          "(reported speech).", enum=QUOTE_KINDS)
    speaker: str | None = described("Canonical name of the speaker; null when unresolved.", None)
    speaker_id: str | None = described("`entities[].id` of the speaker; null when unresolved.", None)
    speaker_mention: str | None = described('The speaker as written ("the US president", "She").', None)
    speaker_span: Span | None = described("Span of `speaker_mention`, or null.", None)
    cue: str | None = described('Reporting verb as written ("told").', None)
    cue_lemma: str | None = described('Lemma of the cue ("tell").', None)
    medium: str | None = described('Addressee or channel ("Fox News", "reporters").', None)
    reports: str | None = described("Canonical name of whose words a nested attribution carries.", None)


#: TIMEX3 types (ISO-TimeML).
TIME_TYPES = ("DATE", "TIME", "DURATION", "SET")


@dataclass(frozen=True, slots=True)
class TimeExpr:
    """A temporal expression with its TIMEX3 value and inclusive calendar range.

    ``type`` is DATE, TIME, DURATION or SET; ``start``/``end`` are ISO dates when the
    expression can be placed on the calendar (``None`` otherwise).
    """

    id: str = record_id()
    article_id: str = article_ref()
    text: str = described('The expression as written ("Monday night").')
    span: Span = evidence_span()
    type: str = described("TIMEX3 type.", enum=TIME_TYPES)
    value: str | None = described('TIMEX3 value ("2025-08-18", "P1M").', None)
    start: str | None = iso_date("First day of the range (inclusive)")
    end: str | None = iso_date("Last day of the range (inclusive)")
    mod: str | None = described('TIMEX3 modifier ("APPROX", "START", …).', None)


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number with its unit.

    ``Quantity(270, "drones")``.
    """

    value: float = described("The number (270).")
    unit: str | None = described('What is counted ("drones").', None)
    text: str | None = described("The quantity as written.", None)


@dataclass(frozen=True, slots=True)
class Event:
    """What happened, or is planned, possible, hypothetical, denied."""

    id: str = record_id()
    article_id: str = article_ref()
    type: str = described('Event type ("attack", "meeting").')
    status: str = described("happened, planned, possible, hypothetical, denied, …")
    evidence: str = described("The sentence or clause stating the event.")
    span: Span = evidence_span()
    actor: str | None = described("Canonical name of who acts; null when unknown.", None)
    target: str | None = described("Canonical name of whom or what it is done to.", None)
    participants: tuple[str, ...] = described("Canonical names of further participants.", ())
    place: str | None = described("Where.", None)
    place_options: tuple[str, ...] = described("Candidate places when the text leaves it open.", ())
    topic: str | None = described("What it is about (for meetings, talks).", None)
    start: str | None = iso_date("When it starts")
    end: str | None = iso_date("When it ends (inclusive)")
    quantities: tuple[Quantity, ...] = described("Counted things (270 drones, 10 missiles).", ())
    source: str | None = described(
        'Canonical name of who reports the event ("Ukrainian Air Force").', None)
    trigger: str | None = described('The word that evokes the event ("launched").', None)


@dataclass(frozen=True, slots=True)
class Stance:
    """Who stands where: holder supports or opposes target.

    ``issue`` is the target's normalised key, to compare stances across articles.
    """

    id: str = record_id()
    article_id: str = article_ref()
    polarity: str = described("support or oppose (…).")
    modality: str = described("certain, possible or conditional.")
    target: str = described("What the stance is about, as written.")
    evidence: str = described("The clause stating the stance.")
    span: Span = evidence_span()
    holder: str | None = described("Canonical name of who holds the stance; null when unknown.", None)
    issue: str | None = described(
        "Normalised key of the target, to compare stances across articles.", None)
    option: str | None = described("Which option of the issue the holder takes.", None)


@dataclass(frozen=True, slots=True)
class Commitment:
    """What was promised, threatened or planned, by when.

    ``due`` is an ISO date: the deadline's last day, ``due_start`` its first.
    """

    id: str = record_id()
    article_id: str = article_ref()
    kind: str = described("promise, threat, plan, expectation, deadline, ultimatum, …")
    action: str = described('What is committed to ("put more sanctions on Russia").')
    evidence: str = described("The clause stating the commitment.")
    span: Span = evidence_span()
    holder: str | None = described("Canonical name of who commits; null when unknown.", None)
    condition: str | None = described('Condition attached ("if a peace deal isn\'t reached").', None)
    due: str | None = iso_date("Deadline (last day)")
    due_start: str | None = iso_date("Start of the deadline window")


@dataclass(frozen=True, slots=True)
class Story:
    """Articles about one developing story, clustered across outlets and days
    (newsledger.link.stories)."""

    id: str = described('Stable story id (`records.stable_id("story", first article id)`).',
                        min_length=1)
    title: str = described("Title of the story's most central article (closest to the "
                           "story's TF-IDF centroid).")
    start: str | None = described("Publication day of the story's first article (ISO 8601 "
                                  "date); null when undated.", None, pattern=ISO_DATE)
    end: str | None = described("Publication day of the story's last article (ISO 8601 "
                                "date); null when undated.", None, pattern=ISO_DATE)
    article_ids: tuple[str, ...] = described(
        "Ids of the story's articles (`articles[].id`), by publication date.", (), min_items=1)
    actors: tuple[str, ...] = described("Cross-article names of the people and organisations "
                                        "named in most of its articles.", ())


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
    #: The frames stage's predications (``annotate.frames.Frame``), read by the events,
    #: stances and commitments stages; not a stored layer: each view stores what it
    #: reads from them. Their token positions index ``doc`` (gone after the stages).
    frames: tuple[Any, ...] = field(default=(), compare=False, repr=False)

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
