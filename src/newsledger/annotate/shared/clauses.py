"""Clause-level helpers shared by the events, stances and commitments layers.

Each function reads one spaCy token (the head of a clause) and answers one question:
is it negated, hedged, conditional, future; which time expressions and which
entities it carries; who reported it. The word lists are data (module constants),
each with a note on where it came from; the functions are small and pure.

Example::

    >>> from newsledger.nlp import load
    >>> sent = load()("American troops will not be sent to Ukraine.")[5]
    >>> sent.text, is_negated(sent), modality(sent), is_future(sent)
    ('sent', True, 'certain', True)
"""

from __future__ import annotations

import bisect
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from spacy.attrs import POS
from spacy.parts_of_speech import IDS as UNIVERSAL_POS
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from newsledger.annotate.shared.mentions import entity_at
from newsledger.records import Analysis, Document, Entity, Quote, TimeExpr

log = logging.getLogger(__name__)

# Hedges: the modal verbs and adverbs of epistemic possibility in Hyland's hedge
# list (Hyland 1998, "Hedging in scientific research articles") that occur in the
# reference article and in PolNeAR dev ("may", "could", "probably", "perhaps").
POSSIBLE_MODALS = frozenset({"may", "might", "could", "can", "would"})
HEDGE_ADVERBS = frozenset(
    {"probably", "perhaps", "possibly", "maybe", "likely", "potentially", "reportedly"}
)
# Future markers: English future auxiliaries plus the semi-modals of intention.
FUTURE_MODALS = frozenset({"will", "shall", "'ll", "’ll", "wo"})
FUTURE_GOVERNORS = frozenset({"going", "plan", "intend", "expect", "set", "due", "schedule"})
# Negators: spaCy's ``neg`` dependency covers "not"/"n't"/"never"; the determiners
# below negate a noun phrase ("no troops").
NEGATORS = frozenset({"not", "n't", "n’t", "never", "no"})
# Subordinators that make a clause a condition (Quirk et al. 1985, §15.33).
CONDITION_MARKERS = frozenset({"if", "unless", "provided", "once"})
# Reporting verbs whose subject is the source of the reported clause; the core of
# the PolNeAR cue inventory (Newell et al. 2018) plus "understand" for the
# newsroom formula "Sky News understands ...".
REPORTING_LEMMAS = frozenset(
    {
        "say", "tell", "report", "claim", "announce", "state", "confirm", "add",
        "understand", "according", "write", "insist", "warn", "note", "explain",
        "argue", "suggest", "declare", "reveal", "acknowledge", "admit", "believe",
        "think", "stress", "tweet", "allege",
    }
)
# First-person pronouns: inside a quote they stand for the speaker.
FIRST_PERSON = frozenset({"i", "we", "me", "us"})
# Verbs of occurrence whose subject is the event ("a meeting could happen").
OCCURRENCE_VERBS = frozenset({"happen", "take", "occur", "go", "begin", "start", "resume"})
# Third-person pronouns resolved to the latest quoted person (see :func:`holder_of`).
PERSONAL_PRONOUNS = frozenset({"he", "she", "his", "her", "him"})


@dataclass(frozen=True, slots=True)
class Located:
    """A time expression and its ISO range, as an event or commitment needs it."""

    time: TimeExpr
    start: str | None
    end: str | None


def analysis_of(document: Document) -> Analysis:
    """The shared analysis of ``document``'s parse; a clear error when it was never made."""
    if document.analysis is None:
        raise ValueError(
            f"article {document.article.id!r}: no analysis of the parse; "
            "parse it with newsledger.annotate.shared.analysis.parsed"
        )
    return document.analysis


def line_of(document: Document, token: Token) -> tuple[int, int]:
    """The char range of the text line holding ``token``: a heading and the paragraph
    that follows it are parsed as one sentence, but never share a clause.

    The line starts after the last line break in a token before ``token`` and ends at
    the first one in ``token`` or after it (looked up in the document's
    :class:`~newsledger.records.LineBreaks`, computed once after parsing).
    """
    breaks = analysis_of(document).line_breaks
    k = bisect.bisect_left(breaks.token_indices, token.i)
    start = breaks.after_lasts[k - 1] if k else 0
    end = breaks.firsts[k] if k < len(breaks.firsts) else breaks.text_end
    return start, end


def tokens_with_pos(doc: Doc, parts_of_speech: Iterable[str]) -> list[Token]:
    """The tokens whose ``pos_`` is one of ``parts_of_speech``, in text order.

    Found on ``Doc.to_array(POS)``: the other tokens never become Python ``Token``
    objects, the cost of a loop over every token of an article.
    """
    wanted = {UNIVERSAL_POS[name] for name in parts_of_speech}
    return [doc[i] for i, pos in enumerate(doc.to_array(POS).tolist()) if pos in wanted]


def clause_tokens(document: Document, head: Token, *, skip_deps: Iterable[str] = ()) -> list[Token]:
    """The tokens of ``head``'s subtree on its line, minus subtrees under ``skip_deps``."""
    low, high = line_of(document, head)
    skipped = {t.i for c in head.children if c.dep_ in skip_deps for t in c.subtree}
    return [t for t in head.subtree if low <= t.idx < high and t.i not in skipped]


def text_of(tokens: list[Token], *, drop_deps: Iterable[str] = ()) -> str:
    """The tokens as text, trimmed of edge punctuation and of tokens in ``drop_deps``."""
    drop = set(drop_deps)
    kept = [t for t in sorted(tokens, key=lambda t: t.i) if t.dep_ not in drop]
    while kept and (kept[0].is_punct or kept[0].is_space or kept[0].dep_ in {"cc", "mark"}
                    or kept[0].tag_ == "TO"):
        kept = kept[1:]
    while kept and (kept[-1].is_punct or kept[-1].is_space or kept[-1].dep_ == "cc"):
        kept = kept[:-1]
    # a dropped hedge leaves no doubled comma: "especially, probably, by air" -> "especially, by air"
    kept = [t for i, t in enumerate(kept) if not (t.text == "," and i and kept[i - 1].text == ",")]
    # a gap left by a dropped token keeps a space: "Meh, we" without the comma is "Meh we"
    parts = [
        t.text_with_ws if i + 1 == len(kept) or kept[i + 1].i == t.i + 1 else t.text + " "
        for i, t in enumerate(kept)
    ]
    return " ".join("".join(parts).split())


def root_of(tokens: list[Token]) -> Token:
    """The token of ``tokens`` whose head lies outside them (the phrase's head)."""
    inside = {t.i for t in tokens}
    return next((t for t in tokens if t.head.i not in inside or t.head == t), tokens[0])


def edge_tokens(tokens: list[Token]) -> tuple[Token, Token]:
    """The first and the last of ``tokens`` in text order, edge punctuation trimmed."""
    ordered = sorted(tokens, key=lambda t: t.i)
    inner = [t for t in ordered if not (t.is_punct or t.is_space)] or ordered
    return inner[0], inner[-1]


def span_of(tokens: list[Token]) -> tuple[int, int]:
    """The char range [start, end) covering ``tokens``, edge punctuation trimmed."""
    first, last = edge_tokens(tokens)
    return first.idx, last.idx + len(last.text)


def aux_words(head: Token) -> set[str]:
    """The lower-cased auxiliaries and adverbs attached to ``head`` (and its chain)."""
    words = {c.lower_ for c in head.children if c.dep_ in {"aux", "auxpass", "advmod"}}
    if head.dep_ in {"xcomp", "conj"} and head.head.pos_ in {"VERB", "AUX", "ADJ"}:
        words |= {c.lower_ for c in head.head.children if c.dep_ in {"aux", "advmod"}}
    return words


def is_negated(head: Token) -> bool:
    """``True`` for "will not be sent", "did not attack", "no troops"."""
    return any(c.dep_ == "neg" or (c.lower_ in NEGATORS and c.dep_ == "det") for c in head.children)


def condition_of(head: Token) -> str | None:
    """The if-clause of ``head`` or of its governor: "if a peace deal isn't reached"."""
    for token in (head, head.head):
        for child in token.children:
            if child.dep_ == "advcl" and any(
                m.dep_ == "mark" and m.lower_ in CONDITION_MARKERS for m in child.children
            ):
                first, last = edge_tokens(list(child.subtree))
                return head.doc[first.i : last.i + 1].text  # not Doc.text: it joins every token
    return None


def is_question(token: Token) -> bool:
    """Whether ``token``'s sentence is a question ("Why won't he release his tax returns?").

    Reads the sentence's last tokens only: ``token.sent`` checks the whole Doc's
    sentence annotation on every call and ``Span.text`` joins every token.
    """
    doc = token.doc
    end = next((i for i in range(token.i + 1, len(doc)) if doc[i].is_sent_start), len(doc))
    return ends_with_question(doc, end)


def ends_with_question(doc: Doc, end: int) -> bool:
    """Whether the sentence ending before token ``end`` ends with a question mark
    (then whitespace and closing quotes), read from its last tokens backwards."""
    tail = ""
    for i in range(end - 1, -1, -1):
        word = doc[i]
        tail = (word.text_with_ws if i < end - 1 else word.text) + tail
        stripped = tail.rstrip().rstrip(SENTENCE_CLOSERS)
        if stripped or word.is_sent_start:  # the rest of the sentence cannot change the last mark
            return stripped.endswith("?")
    return False


#: What may follow a sentence's final mark: whitespace, then closing quotes.
SENTENCE_CLOSERS = "\"'”’"


def question_tokens(doc: Doc) -> frozenset[int]:
    """The indices of the tokens whose sentence is a question (:func:`is_question` of
    every token, one pass over the sentences instead of one per token, reading only
    each sentence's last tokens). The pipeline computes it once per parse into
    ``Document.analysis.questions``."""
    bounds = [(sent.start, sent.end) for sent in doc.sents]
    return frozenset(
        i for start, end in bounds if ends_with_question(doc, end) for i in range(start, end)
    )


def in_if_clause(token: Token) -> bool:
    """Whether ``token`` heads a condition itself ("If the FBI wanted …")."""
    return any(c.dep_ == "mark" and c.lower_ in CONDITION_MARKERS for c in token.children)


def is_conditional(head: Token) -> bool:
    """Whether ``head`` or its governor carries an if-clause."""
    return condition_of(head) is not None


def modality(head: Token) -> str:
    """``possible`` for hedged clauses, ``conditional`` for if-clauses, else ``certain``."""
    words = aux_words(head)
    if is_conditional(head):
        return "conditional"
    if words & (POSSIBLE_MODALS | HEDGE_ADVERBS):
        return "possible"
    return "certain"


def is_future(head: Token) -> bool:
    """``True`` for "will meet", "is going to meet", "plans to meet"."""
    if aux_words(head) & FUTURE_MODALS:
        return True
    gov = head.head
    return head.dep_ == "xcomp" and (gov.lemma_.lower() in FUTURE_GOVERNORS or gov.lower_ == "going")


def is_past(head: Token) -> bool:
    """``True`` for a past-tense verb or a perfect ("launched", "has met")."""
    if head.tag_ == "VBD" or any(c.dep_ == "aux" and c.tag_ == "VBD" and c.lemma_ == "do" for c in head.children):
        return True
    if head.tag_ == "VBN":
        return any(c.lemma_ == "have" and c.dep_ == "aux" for c in head.children) or (
            any(c.dep_ == "auxpass" and c.tag_ == "VBD" for c in head.children)
        )
    return False


def times_in(document: Document, start: int, end: int) -> list[TimeExpr]:
    """The calendar-placed time expressions lying inside [start, end), in text order."""
    found = [
        t for t in document.times
        if t.span[0] >= start and t.span[1] <= end and (t.start or t.end)
    ]
    return sorted(found, key=lambda t: t.span)


def time_of(document: Document, tokens: list[Token]) -> Located | None:
    """The first calendar-placed time expression among ``tokens``, with its range;
    a night ("Monday night", "overnight") may run into the next day."""
    if not tokens:
        return None
    start, end = span_of(tokens)
    # a DURATION placed on the calendar ("in the next couple of weeks") dates too
    for time in times_in(document, start, end):
        stop = time.end or time.start
        if stop and "night" in time.text.lower():
            stop = (date.fromisoformat(stop[:10]) + timedelta(days=1)).isoformat()
        return Located(time, time.start, stop)
    return None


def published_date(document: Document) -> date | None:
    """The publication date, or ``None`` when the article has none."""
    value = document.article.published
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def is_after_publication(document: Document, iso: str | None) -> bool | None:
    """Whether ``iso`` lies after the publication date (``None`` when unknowable)."""
    pub = published_date(document)
    if not pub or not iso:
        return None
    return date.fromisoformat(iso[:10]) > pub


def entity_of(document: Document, start: int, end: int) -> Entity | None:
    """The canonical entity whose mention best covers [start, end); ``None`` for a bare
    surname several people of the article share ("Clinton" beside Hillary, Bill and
    Chelsea Clinton): an unsure holder is recorded as unknown, not guessed."""
    entity = entity_at(document, start, end)
    if entity is None or entity.type not in {"PERSON", "ORG"}:
        return entity
    surface = next((m.text for m in document.mentions if m.span[0] <= start and end <= m.span[1]), entity.name)
    if is_shared_surname(document, surface):
        return None
    return full_name(document, entity)


def full_names(document: Document, surname: str) -> list[Entity]:
    """The people of the article with a first and last name ending in ``surname``."""
    return [
        e for e in document.entities
        if e.type == "PERSON" and len(e.name.split()) > 1 and e.name.split()[-1] == surname
    ]


def is_shared_surname(document: Document, surface: str) -> bool:
    """Whether a one-word name is the surname of two or more people in the article."""
    words = surface.split()
    return len(words) == 1 and len(full_names(document, words[0])) >= 2


def full_name(document: Document, entity: Entity) -> Entity:
    """A one-word person the entities layer left apart ("Mariano", or "Ham" tagged ORG
    by spaCy) as the one person of the article with that surname ("Connie Mariano"),
    if there is exactly one."""
    if entity.type not in {"PERSON", "ORG"} or len(entity.name.split()) != 1:
        return entity
    found = full_names(document, entity.name)
    return found[0] if len(found) == 1 else entity


def entity_of_phrase(document: Document, head: Token) -> Entity | None:
    """The entity a noun phrase names: "the Russians" -> Russia, "EU diplomats" ->
    European Union, "allies in the Coalition of the Willing" -> Coalition of the Willing."""
    entity = entity_of(document, head.idx, head.idx + len(head.text))
    if entity is not None or head.lower_ not in GROUP_NOUNS:
        return entity
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ in {"in", "of", "from", "at", "including"}:
            for obj in child.children:
                entity = entity_of_phrase(document, obj) if obj.dep_ == "pobj" else None
                if entity is not None:
                    return entity
    for child in head.children:
        if child.dep_ in {"compound", "nmod", "amod", "poss"} and child.pos_ in {"PROPN", "ADJ"}:
            entity = entity_of(document, child.idx, child.idx + len(child.text))
            if entity is not None and entity.type != "NORP":
                return entity
    return None


# Group nouns standing for the body they belong to ("EU diplomats", "allies in the
# Coalition"): the spokesperson nouns of the PolNeAR source annotations.
GROUP_NOUNS = frozenset(
    {
        "diplomats", "officials", "allies", "members", "leaders", "spokesman",
        "spokeswoman", "spokesperson", "government", "ministers", "aides",
        "sources", "forces", "troops", "military", "campaign", "administration",
        "officers", "representatives", "negotiators", "delegation", "lawmakers",
        "union", "unions", "groups", "organizations", "organisations", "parties",
    }
)


def quote_covering(document: Document, start: int, end: int) -> Quote | None:
    """The quote whose span contains [start, end), the innermost first."""
    inside = [q for q in document.quotes if q.span[0] <= start and end <= q.span[1] + 1]
    return min(inside, key=lambda q: q.span[1] - q.span[0], default=None)


def reporter_of(document: Document, head: Token) -> str | None:
    """Who reported the clause headed by ``head``: the speaker of a quote covering it,
    else the resolved subject of a governing reporting verb ("…, the Ukrainian air
    force said"; "Sky News understands …")."""
    quote = quote_covering(document, head.idx, head.idx + len(head.text))
    if quote is not None and quote.speaker:
        return quote.speaker
    gov = head
    while gov.dep_ in {"ccomp", "conj", "xcomp", "advcl"} and gov.head != gov:
        gov = gov.head
        if gov.lemma_.lower() in REPORTING_LEMMAS:
            subjects = [c for c in gov.children if c.dep_ in {"nsubj", "nsubjpass"}]
            if subjects:
                entity = entity_of_phrase(document, subjects[0])
                return entity.name if entity else None
    return None


def holder_of(document: Document, subject: Token) -> Entity | None:
    """The entity a subject names. The speaker of a quote for its speaker mention and
    for "I"/"we" inside it; a third-person pronoun goes to its entity mention if the
    entities layer made one, else to :func:`antecedent`."""
    by_id = {e.id: e for e in document.entities}
    for quote in document.quotes:
        span = quote.speaker_span
        if span and span[0] <= subject.idx < span[1] and quote.speaker_id in by_id:
            if (quote.speaker_mention or "").lower() in PERSONAL_PRONOUNS:
                break  # a pronoun speaker: resolved below, by the same rule as any pronoun
            if is_shared_surname(document, quote.speaker_mention or ""):
                return None
            return full_name(document, by_id[quote.speaker_id])
    if subject.lower_ in FIRST_PERSON:
        quote = quote_covering(document, subject.idx, subject.idx + len(subject.text))
        return by_id.get(quote.speaker_id or "") if quote is not None else None
    entity = entity_of_phrase(document, subject)
    if entity is not None or subject.lower_ not in PERSONAL_PRONOUNS:
        return entity
    return antecedent(document, subject)


def person(entity: Entity | None) -> Entity | None:
    return entity if entity is not None and entity.type == "PERSON" else None


def antecedent(document: Document, pronoun: Token) -> Entity | None:
    """The person a he/she/his/her stands for: the subject of a reporting verb over it
    ("Stein said she plans" -> Stein), else the person subject or quoted speaker of
    the nearest earlier sentence, up to three back (subjects are the likeliest
    antecedents: the centering preference of Grosz, Joshi & Weinstein 1995)."""
    for gov in pronoun.ancestors:
        if gov.lemma_.lower() in REPORTING_LEMMAS:
            subj = [c for c in gov.children if c.dep_ == "nsubj" and c != pronoun and c.i < pronoun.i]
            if subj and subj[0].pos_ == "PROPN":
                # "Ham explained why he …": the reporter, or no one if not a known person
                return person(entity_of_phrase(document, subj[0]))
    own_start = pronoun.sent.start  # Token.sent walks the Doc: read it once
    sentences = [s for s in pronoun.doc.sents if s.end <= own_start][-3:]
    for sent in reversed(sentences):
        decided, found = sentence_subject(document, sent)
        if decided:
            return found
    return None


def sentence_subject(document: Document, sent: SpacySpan) -> tuple[bool, Entity | None]:
    """(decided, person) for the person a sentence is about: the speaker of a quote
    in or around it (decided even when that speaker is unsure), else its main subject."""
    by_id = {e.id: e for e in document.entities}
    for quote in document.quotes:
        span = quote.speaker_span
        around = quote.span[0] < sent.end_char and sent.start_char < quote.span[1]
        if quote.speaker_id is None:
            continue  # an unattributed quote says nothing about who the sentence is about
        if around or (span and sent.start_char <= span[0] < sent.end_char):
            if is_shared_surname(document, quote.speaker_mention or ""):
                return True, None
            speaker = by_id.get(quote.speaker_id or "")
            return True, person(full_name(document, speaker) if speaker else None)
    subj = [c for c in sent.root.children if c.dep_ in {"nsubj", "nsubjpass"}]
    if subj and subj[0].lower_ not in PERSONAL_PRONOUNS:
        found = person(entity_of_phrase(document, subj[0]))
        return found is not None, found
    return False, None
