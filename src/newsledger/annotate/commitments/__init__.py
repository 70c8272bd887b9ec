"""Commitments: what was promised, threatened, planned or expected, by whom, by when.

Four readings of the parse:

* a commitment verb and its complement: "He's previously threatened to put more
  sanctions on Russia if a peace deal isn't reached" -> threat, condition "if …";
* a dated future: "We're going to find out about President Putin in the next couple
  of weeks" -> expectation due 2025-09-02 (holder: the quoted speaker of "we");
* a hedged, dated event: "a meeting could happen before the end of the month",
  "A NATO-like treaty … could be completed by next week" -> plan, holder unknown;
* a deadline or ultimatum noun with a date: "set a Friday deadline".

``due`` is the end of the time expression's range and ``due_start`` its start, so a
later overdue check (``--as-of``) needs nothing else.

    >>> from newsledger.pipeline import Pipeline
    >>> from newsledger.records import Article, Document
    >>> def annotated(text):
    ...     return Pipeline.load().annotate_one(Document(Article("a", text, published="2025-08-19")))
    >>> text = "Donald Trump has threatened to put more sanctions on Russia if a peace deal is not reached."
    >>> [(c.kind, c.action) for c in annotated(text).commitments]
    [('threat', 'put more sanctions on Russia')]
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from spacy.tokens import Token

from newsledger.annotate.commitments.forward import shifted
from newsledger.annotate.commitments.repeats import without_repeats
from newsledger.annotate.commitments.frames import embedded, read_frame as read_commitment_frame
from newsledger.annotate.shared import clauses, metonymy
from newsledger.annotate.shared.bodies import described_body
from newsledger.annotate.shared.datelines import is_dateline
from newsledger.annotate.shared.event_types import type_of_noun
from newsledger.annotate.stage import Stage
from newsledger.records import Commitment, Document, stable_id
from newsledger.settings import CommitmentSettings

log = logging.getLogger(__name__)

# Verbs of commitment and the kind each makes, from the kinds (promise, threat,
# plan, expectation) and the commissive verbs of Searle's taxonomy (1976) that occur
# in PolNeAR dev.
COMMITMENT_VERBS: dict[str, str] = {
    "promise": "promise", "pledge": "promise", "vow": "promise", "commit": "promise",
    "guarantee": "promise",
    "threaten": "threat",
    "plan": "plan", "intend": "plan", "aim": "plan", "prepare": "plan", "schedule": "plan",
    "set": "plan", "expect": "expectation",
}
# Subjects that cannot commit: "That promises to make life a lot more difficult".
NON_AGENTS = frozenset({"it", "that", "this", "which", "what", "these", "those"})
# Nouns naming a commitment with a date.
COMMITMENT_NOUNS: dict[str, str] = {"deadline": "deadline", "ultimatum": "ultimatum"}
# Verbs whose dated future is an expectation rather than a plan: cognition and
# outcome verbs ("find out", "know", "see", "decide").
EXPECTATION_VERBS = frozenset({"find", "know", "see", "learn", "hear", "decide", "get", "become", "come", "happen"})
# Dependents that stay out of an action's wording: conditions and asides are recorded
# apart, times go to ``due``.
ACTION_SKIP = ("advcl", "conj", "cc", "parataxis", "npadvmod")


@dataclass(frozen=True, slots=True)
class Reading:
    """A commitment before it becomes a record."""

    kind: str
    holder: str | None
    head: Token
    action: list[Token]
    evidence: list[Token]


def holder_name(document: Document, verb: Token) -> str | None:
    """The resolved subject of ``verb``'s clause (the quoted speaker for "we"/"I")."""
    current = verb
    for _ in range(4):
        subj = [c for c in current.children if c.dep_ in {"nsubj", "nsubjpass"}]
        if subj:
            if is_dateline(subj[0]):
                return None  # "SAN FRANCISCO (AP) — PG&E was set to …": the place it was filed from
            entity = clauses.holder_of(document, subj[0]) or described_body(document, subj[0])
            return metonymy.holder_name(entity.name) if entity else None
        if current.dep_ not in {"xcomp", "conj"} or current.head == current:
            return None
        current = current.head
    return None


def subject_token(verb: Token) -> Token | None:
    """The subject of ``verb``, climbing conjunctions ("treaty … is being worked on
    and could be completed" -> "treaty")."""
    current = verb
    for _ in range(4):
        subj = [c for c in current.children if c.dep_ in {"nsubj", "nsubjpass"}]
        if subj:
            return subj[0]
        if current.dep_ not in {"conj", "xcomp"} or current.head == current:
            return None
        current = current.head
    return None


def action_tokens(document: Document, verb: Token, *, with_subject: bool) -> list[Token]:
    """The action's words: the verb phrase without conditions, asides and its date."""
    tokens = clauses.clause_tokens(document, verb, skip_deps=ACTION_SKIP)
    times = [t.span for t in document.times]
    dated = {
        t.i for child in verb.children if child.dep_ in {"prep", "agent"}
        if is_dated(child, times) or is_absolute(child)
        for t in child.subtree
    }
    own_subject = {g.i for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"} for g in c.subtree}
    tokens = [t for t in tokens if t.i not in dated and t.i not in own_subject]
    if with_subject:
        subject = subject_token(verb)
        if subject is not None:
            words = list(subject.subtree)
            clause = next((a for a in subject.ancestors if a.dep_ == "relcl"), None)
            if subject.tag_ in {"WDT", "WP"} and clause is not None:  # "the hearing, which is …"
                inner = {t.i for t in clause.subtree}
                words = [t for t in clause.head.subtree if t.i not in inner and not t.is_punct]
            tokens = [*words, *[c for c in verb.children if c.dep_ in {"aux", "auxpass"}], *tokens]
            tokens = [t for t in tokens if clauses.line_of(document, t) == clauses.line_of(document, verb)]
    # the verb's own "to" and, without a subject, its own auxiliaries stay out
    unique = {
        t.i: t for t in tokens
        if not (t.dep_ == "aux" and t.head == verb and (t.tag_ == "TO" or not with_subject))
    }
    return [unique[i] for i in sorted(unique)]


def is_dated(prep: Token, times: list[tuple[int, int]]) -> bool:
    """Whether a prepositional phrase is a time expression ("by next week")."""
    return any(s <= g.idx < e for g in prep.subtree if g.dep_ == "pobj" for s, e in times)


def is_absolute(prep: Token) -> bool:
    """An aside after a comma: "…, with Geneva, Vienna … among the venues"."""
    return prep.lower_ == "with" and prep.i > 0 and prep.doc[prep.i - 1].is_punct


def read_verb(document: Document, token: Token) -> Reading | None:
    """"threatened to put more sanctions on Russia if …" -> threat."""
    kind = COMMITMENT_VERBS.get(token.lemma_.lower())
    if kind is None or token.pos_ != "VERB" or clauses.is_negated(token):
        return None
    subject = subject_token(token)
    if subject is None or subject.lower_ in NON_AGENTS or subject.tag_ in {"WDT", "WP"}:
        return None  # an imperative commits no one; "that promises to make life harder" is a forecast
    complements = [c for c in token.children if c.dep_ in {"xcomp", "ccomp"}]
    if not complements or (kind == "plan" and token.lemma_.lower() == "set" and
                           not any(c.dep_ == "auxpass" for c in token.children)):
        return None
    action_head = complements[0]
    holder = holder_name(document, token)
    passive = any(c.dep_ == "auxpass" for c in token.children)
    if holder is None and not passive:
        return None  # "officers had threatened to …": an agent who is no entity commits no one
    # "Obama's veto is expected to come …": whose expectation is unsaid; the action keeps its subject
    action = action_tokens(document, action_head, with_subject=passive)
    evidence = clauses.clause_tokens(document, token, skip_deps=("conj", "cc"))
    return Reading(kind, None if passive and kind == "expectation" else holder,
                   action_head, action, evidence)


def read_dated_future(document: Document, token: Token) -> Reading | None:
    """"We're going to find out … in the next couple of weeks" -> expectation;
    "a meeting could happen before the end of the month" -> plan (holder unknown)."""
    if token.pos_ not in {"VERB", "AUX"}:
        return None
    lemma = token.lemma_.lower()
    if lemma in COMMITMENT_VERBS or lemma == "be":
        return None  # "the debate will be Trump's first": a state
    if token.dep_ in {"xcomp", "ccomp"} and token.head.lemma_.lower() in COMMITMENT_VERBS:
        return None  # "plans to send …": read from the commitment verb
    if not has_time_under(document, token):
        return None  # no date in reach: skip reading the clause
    scope = action_scope(document, token)
    located = clauses.time_of(document, scope)
    if located is None or not clauses.is_after_publication(document, located.end):
        return None
    subject = subject_token(token)
    event_subject = subject is not None and type_of_noun(subject) is not None
    passive = any(c.dep_ == "auxpass" for c in token.children)
    if passive and not event_subject:
        return None  # "Florida will be inundated": a state
    if clauses.is_future(token) and not clauses.is_negated(token):
        kind = "expectation" if lemma in EXPECTATION_VERBS or event_subject else "plan"
        holder = None if event_subject else holder_name(document, token)
        if holder is None and not event_subject:
            return None
    elif clauses.modality(token) == "possible" and event_subject and not clauses.is_negated(token):
        kind, holder = "plan", None
    else:
        return None
    action = action_tokens(document, token, with_subject=holder is None)
    return Reading(kind, holder, token, action, scope)


def has_time_under(document: Document, verb: Token) -> bool:
    """Whether a calendar-placed time expression lies inside the text of ``verb``'s
    subtree: a cheap test that :func:`clauses.time_of` of the verb's clause (a part of
    that subtree) could find one."""
    first, last = verb.left_edge, verb.right_edge
    start, end = first.idx, last.idx + len(last.text)
    return any(start <= t.span[0] and t.span[1] <= end and (t.start or t.end) for t in document.times)


def action_scope(document: Document, verb: Token) -> list[Token]:
    """The verb's own clause (no nested reports, no coordinated clauses)."""
    return clauses.clause_tokens(document, verb, skip_deps=("ccomp", "conj", "cc", "parataxis", "advcl"))


def read_noun(document: Document, token: Token) -> Reading | None:
    """"Russia set a Friday deadline" -> deadline due that Friday."""
    kind = COMMITMENT_NOUNS.get(token.lemma_.lower())
    if kind is None or token.pos_ != "NOUN":
        return None
    phrase = list(token.subtree)
    if clauses.time_of(document, phrase) is None:
        return None
    verb = token.head if token.dep_ in {"dobj", "nsubjpass"} else None
    holder = holder_name(document, verb) if verb is not None else None
    if holder is None and verb is not None and subject_token(verb) is not None:
        return None  # "The group had set a deadline": a subject who is no entity
    return Reading(kind, holder, token, phrase, clauses.clause_tokens(document, verb or token))


READERS = (read_verb, read_dated_future, read_noun)
# The parts of speech the readers start from: a commitment verb or a dated future
# (VERB, AUX), a deadline (NOUN).
READ_POS = frozenset({"VERB", "AUX", "NOUN"})


def to_commitment(document: Document, reading: Reading) -> Commitment:
    """The :class:`Commitment` record of a reading, dated from its action."""
    start, end = clauses.span_of([*reading.evidence, *reading.action])
    located = clauses.time_of(document, reading.evidence)
    due, due_start = (located.end, located.start) if located else (None, None)
    if located is not None:  # a weekday or month under a commitment looks forward
        published = clauses.published_date(document)
        moved_end = shifted(located.time.text, located.end, published)
        if moved_end is not None:
            due, due_start = moved_end, shifted(located.time.text, located.start, published) or moved_end
    return Commitment(
        id=stable_id("cm", document.article.id, start, end),
        article_id=document.article.id,
        kind=reading.kind,
        action=clauses.text_of(reading.action),
        evidence=document.article.text[start:end],
        span=(start, end),
        holder=reading.holder,
        condition=clauses.condition_of(reading.head),
        due=due,
        due_start=due_start,
    )


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def frame_readings(document: Document, found: list[Commitment]) -> list[tuple[Reading, bool]]:
    """The commitments of ``document.frames`` (:mod:`.frames`) on predicates no reader
    above took with a holder (``found``): one per predicate and holder, each with
    whether its holder is the frame's own agent (not only its reporter)."""
    inner = embedded(document.frames)
    asked = clauses.analysis_of(document).questions
    taken = [c.span for c in found]
    readings, seen = [], set()
    for frame in document.frames:
        if frame.predicate in inner or frame.predicate in asked:
            continue
        token = document.doc[frame.predicate]
        if any(s <= token.idx < e for s, e in taken):
            continue
        got = read_commitment_frame(document, frame)
        if got is None or (got.head.i, got.holder) in seen:
            continue
        seen.add((got.head.i, got.holder))
        action = action_tokens(document, got.head, with_subject=got.with_subject)
        evidence = clauses.clause_tokens(document, token, skip_deps=("conj", "cc"))
        if action:
            readings.append((Reading(got.kind, got.holder, got.head, action, evidence), not got.with_subject))
    return readings


def annotate(document: Document, settings: CommitmentSettings = CommitmentSettings()) -> Document:
    """Fill ``document.commitments`` from the parse and the times, one record per
    commitment reported twice (``settings.repeat_overlap``)."""
    if document.doc is None:
        raise ValueError(f"article {document.article.id!r}: no spaCy Doc; run the parser first")
    found: dict[tuple[int, int], Commitment] = {}
    asked = clauses.analysis_of(document).questions
    for token in clauses.tokens_with_pos(document.doc, READ_POS):
        if token.i in asked:
            continue  # "Mr. President, will you pledge …?" asks for a commitment
        for reader in READERS:
            reading = reader(document, token)
            if reading is not None and reading.action:
                record = to_commitment(document, reading)
                found.setdefault(record.span, record)
                break
    for reading, own_agent in frame_readings(document, [c for c in found.values() if c.holder]):
        record = to_commitment(document, reading)
        holderless = [s for s, c in found.items() if c.holder is None and overlaps(s, record.span)]
        if holderless and not own_agent:
            continue  # "Sky News understands a meeting could happen": the reporter is no holder
        # a frame whose agent names the holder a reader could not replaces that reader's record
        for span in holderless:
            del found[span]
        found.setdefault(record.span, record)
    commitments = tuple(without_repeats(document, sorted(found.values(), key=lambda c: c.span),
                                        settings.repeat_overlap))
    log.debug("article %s: %d commitments", document.article.id, len(commitments))
    return document.evolve(commitments=commitments)


#: The commitments stage: reads the parse and its analysis, entities, times and quotes.
STAGE = Stage(
    "commitments", annotate,
    requires=("doc", "analysis", "entities", "mentions", "times", "quotes", "frames"), assigns=("commitments",),
)
