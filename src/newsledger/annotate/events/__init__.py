"""Events: what happened or is planned, by whom, to whom, where, when, per whom.

A trigger is a verb or noun from ``resources/event_types.csv`` (our types mapped to
PLOVER, CAMEO and ACLED). Three shapes are read from the dependency parse:

* a trigger verb: "Russia attacked Kyiv", "the allies discussed sanctions";
* a trigger noun under a light verb, anchored on the verb: "Russia launched its
  biggest air assault on Ukraine" (attack, actor Russia, target Ukraine);
* a trigger noun alone, kept only with evidence of its status: a date ("Monday's
  summit"), a planning modifier ("a possible summit"), a past frame ("a day after
  his meeting"), or a verb of occurrence ("a meeting could happen before …").

Mentions of one event are merged (:mod:`newsledger.annotate.events.merging`), and only
``happened``, ``planned`` and ``denied`` events with at least one argument are kept:
hedged or conditional clauses are positions and promises, left to the stances and
commitments layers (precision first).

    >>> from newsledger.pipeline import Pipeline
    >>> from newsledger.records import Article, Document
    >>> def annotated(text):
    ...     return Pipeline.load().annotate_one(Document(Article("a", text, published="2025-08-19")))
    >>> [(e.type, e.actor, e.target, e.start) for e in annotated("Russia attacked Ukraine on Monday.").events]
    [('attack', 'Russia', 'Ukraine', '2025-08-18')]
"""

from __future__ import annotations

import logging
from dataclasses import replace

from spacy.tokens import Doc, Token

from newsledger.annotate.events import weapons
from newsledger.annotate.events.arguments import (
    JOINT_TYPES, IndexedDocument, arguments, index, name_at, subject_names,
)
from newsledger.annotate.events.frames import frame_triggers
from newsledger.annotate.events.merging import Mention, merge
from newsledger.annotate.shared import clauses
from newsledger.annotate.shared.clauses import OCCURRENCE_VERBS
from newsledger.annotate.shared.event_types import EventType, event_types, type_of_noun, type_of_verb
from newsledger.annotate.stage import Stage
from newsledger.records import Document, Event, stable_id
from newsledger.settings import EventSettings

log = logging.getLogger(__name__)

STATUSES = ("happened", "planned", "possible", "hypothetical", "denied")
KEPT_STATUSES = frozenset({"happened", "planned", "denied"})

# Modifiers that mark a noun event as planned or as merely imagined; from the
# reference article ("a possible summit", "any future attack") and PolNeAR dev.
PLANNED_MODIFIERS = frozenset(
    {"possible", "planned", "proposed", "upcoming", "potential", "expected",
     "scheduled", "next", "forthcoming", "prospective"}
)
# Types whose event is its parties (see keep()).
PARTY_TYPES = frozenset({"meeting"})
HYPOTHETICAL_DETERMINERS = frozenset({"any", "no", "every", "such", "future"})
# Prepositions placing a noun event in the past relative to the clause ("a day
# after his meeting", "following Monday's summit").
PAST_FRAMES = frozenset({"after", "following", "since"})
# Verbs whose object may still lie ahead ("announced a summit", "called for talks").
FORWARD_VERBS = frozenset(
    {"announce", "plan", "schedule", "propose", "call", "seek", "want", "expect", "prepare",
     "promise", "pledge", "vow", "threaten", "set", "agree", "hope", "urge", "demand", "discuss",
     "consider", "offer", "suggest", "request", "invite", "cancel", "postpone", "delay"}
)
# Entity types an armed attack can hit; "attack" with any other object is criticism.
PHYSICAL_TARGETS = frozenset({"GPE", "FAC", "LOC"})
# Verbs planning their object ("planning for a possible summit").
PLANNING_WORDS = frozenset({"plan", "planning", "prepare", "schedule", "arrange", "organise", "organize"})


def trigger_tokens(doc: Doc) -> list[Token]:
    """The nouns and verbs of ``doc`` that :func:`type_of_noun` or :func:`type_of_verb`
    types, in text order (the other tokens never become ``Token`` objects)."""
    return [
        token for token in clauses.tokens_with_pos(doc, ("NOUN", "VERB"))
        if type_of_noun(token) is not None or type_of_verb(token) is not None
    ]


def verb_status(verb: Token) -> str | None:
    """The status of a verbal clause: past -> happened, future -> planned, hedged ->
    possible, if-clause -> hypothetical, negated past -> denied; ``None`` when the
    tense says nothing (a present habit, an infinitive)."""
    if clauses.is_conditional(verb):
        return "hypothetical"
    if clauses.is_negated(verb):
        return "denied" if clauses.is_past(verb) else None
    if clauses.modality(verb) == "possible":
        return "possible"
    if clauses.is_future(verb):
        return "planned"
    if clauses.is_past(verb):
        return "happened"
    if verb.tag_ == "VBG" and any(c.lemma_ == "be" and c.dep_ == "aux" for c in verb.children):
        return "happened"
    if verb.tag_ == "VBN" and any(c.lower_ == "being" and c.dep_ == "auxpass" for c in verb.children):
        return "happened"  # "WeWork is being investigated": under way
    return None


def noun_status(noun: Token) -> str | None:
    """The status words around a bare event noun say ("a possible summit" -> planned)."""
    mods = {c.lower_ for c in noun.children if c.dep_ in {"amod", "det", "compound"}}
    if mods & HYPOTHETICAL_DETERMINERS:
        return "hypothetical"
    if mods & PLANNED_MODIFIERS:
        return "planned"
    gov = noun.head
    if noun.dep_ == "pobj" and gov.lower_ in PAST_FRAMES:
        return "happened"
    if noun.dep_ == "pobj" and gov.head.lemma_.lower() in PLANNING_WORDS:
        return "planned"
    return None


def in_past_clause(noun: Token) -> bool:
    """Whether a noun event is the object of a past verb, directly or through a
    preposition ("still lost the election", "poked at his sniffing during the
    debate"), a verb that does not look forward ("announced a summit" does)."""
    if noun.tag_ == "NNS" and not any(c.dep_ in {"det", "poss"} for c in noun.children):
        return False  # "criticized long-standing free-trade deals": a kind, not an event
    gov = noun.head
    if noun.dep_ == "pobj" and gov.dep_ == "prep":
        gov = gov.head
    elif noun.dep_ != "dobj":
        return False
    return gov.pos_ == "VERB" and clauses.is_past(gov) and gov.lemma_.lower() not in FORWARD_VERBS


def anchor(token: Token) -> tuple[EventType, Token, Token] | None:
    """(type, anchor, trigger) for a trigger token: the anchor is the verb that carries
    tense and arguments (the light verb, the verb of occurrence), else the noun."""
    noun_type = type_of_noun(token)
    if noun_type is not None:
        gov = token.head
        if token.dep_ == "dobj" and gov.lemma_.lower() in noun_type.light_verbs:
            return noun_type, gov, token
        if token.dep_ == "nsubj" and gov.lemma_.lower() in OCCURRENCE_VERBS:
            return noun_type, gov, token
        return noun_type, token, token
    verb_type = type_of_verb(token)
    if verb_type is None:
        return None
    objects = [c for c in token.children if c.dep_ == "dobj"]
    if token.lemma_.lower() in {"meet", "debate"}:
        partners = objects + [o for p in token.children if p.dep_ == "prep" and p.lower_ == "with"
                              for o in p.children if o.dep_ == "pobj"]
        passive = any(c.dep_ == "auxpass" for c in token.children)
        if passive or any(not c.ent_type_ for c in partners):
            return None  # "did not meet the threshold", "was met with opposition": no one met
    if token.lemma_.lower() == "attack" and not any(c.ent_type_ in PHYSICAL_TARGETS for c in objects):
        return None  # "Trump attacked Clinton": words, not an assault (CAMEO 11, not 18)
    for child in token.children:
        noun_type = type_of_noun(child) if child.dep_ == "dobj" else None
        if noun_type is not None and token.lemma_.lower() in noun_type.light_verbs:
            return None  # "hold talks": the noun decides, seen from the noun
    return verb_type, token, token


def mention_at(indexed: IndexedDocument, token: Token, etype: EventType | None = None) -> Mention | None:
    """The event mention a trigger token makes (of ``etype`` for a frame's verb), or ``None``."""
    found = anchor(token) if etype is None else (etype, token, token)
    if found is None:
        return None
    etype, head, trigger = found
    if head.pos_ == "NOUN":
        status = noun_status(head)
        args = arguments(indexed, etype.type, head, trigger)
        if status is None and args.located is not None:
            after = clauses.is_after_publication(indexed.document, args.located.end)
            status = None if after is None else ("planned" if after else "happened")
        if status is None and args.located is None and in_past_clause(head):
            status = "happened"
            gov = head.head if head.dep_ == "dobj" else head.head.head
            # the evidence is the past clause that dates it: "but still lost the election"
            args = replace(args, span=clauses.span_of(clauses.clause_tokens(indexed.document, gov, skip_deps=("conj", "cc"))))
            if head.dep_ == "dobj" and etype.type in JOINT_TYPES:  # "Romney lost the election"
                people = subject_names(indexed, gov, trigger)
                args = replace(args, participants=tuple(dict.fromkeys((*args.participants, *people))))
    else:
        status = verb_status(head)
        args = arguments(indexed, etype.type, head, trigger)
        if status == "possible" and args.located is not None:
            after = clauses.is_after_publication(indexed.document, args.located.end)
            status = "planned" if after else status
    return Mention(etype.type, status, head, trigger, args, head.pos_ != "NOUN")


def mentions(document: Document) -> list[Mention]:
    """Every event mention in the document, in text order."""
    indexed = index(document)
    found = []
    # "shot down 12 missiles": an interception, read with its roles reversed below
    intercepts = {t.i for t in clauses.tokens_with_pos(document.doc, ("VERB",))
                  if (weapons.reading(t) or (None, False))[1]}
    triggers = [t for t in trigger_tokens(document.doc) if t.i not in intercepts]
    for token in triggers:
        mention = mention_at(indexed, token)
        if mention is not None:
            found.append(mention)
    taken = {t.i for t in triggers}
    for etype, token in frame_triggers(document, taken | intercepts):
        mention = mention_at(indexed, token, etype)
        if mention is not None:
            found.append(mention)
            taken.add(token.i)
    found += weapon_mentions(indexed, taken)
    return sorted(found, key=lambda m: m.head.i)


def weapon_mentions(indexed: IndexedDocument, taken: set[int]) -> list[Mention]:
    """Attacks told through their weapons (:mod:`.weapons`): "Russia launched 108
    drones" (actor Russia); "its forces downed three drones" (roles reversed: the
    subject is the target, the weapons' owner the actor)."""
    attack = next((t for t in event_types() if t.type == "attack"), None)
    found = []
    for token in clauses.tokens_with_pos(indexed.document.doc, ("VERB",)):
        got = weapons.reading(token) if token.i not in taken and attack is not None else None
        if got is None:
            continue
        mention = mention_at(indexed, token, attack)
        if mention is None:
            continue
        weapon, reversed_roles = got
        if reversed_roles:
            owner = weapons.owner_token(weapon)
            defender = subject_names(indexed, token, token)
            mention = replace(mention, args=replace(
                mention.args, actor=name_at(indexed, owner) if owner is not None else None,
                target=defender[0] if defender else None))
        found.append(mention)
    return found


def to_event(document: Document, mention: Mention) -> Event:
    """The :class:`Event` record of a (merged) mention."""
    args = mention.args
    start, end = args.span
    return Event(
        id=stable_id("ev", document.article.id, start, end, mention.type),
        article_id=document.article.id,
        type=mention.type,
        status=mention.status or "happened",
        evidence=document.article.text[start:end],
        span=(start, end),
        actor=args.actor,
        target=args.target,
        participants=args.participants,
        place=args.place,
        place_options=args.place_options,
        topic=args.topic,
        start=args.located.start if args.located else None,
        end=args.located.end if args.located else None,
        quantities=args.quantities,
        source=args.source,
        trigger=mention.trigger.text,
    )


def keep(mention: Mention) -> bool:
    """Precision first: a kept event has a definite status and at least one argument;
    a past meeting told by a noun names two parties ("Washington and the Taliban had
    been holding talks"; "the talks were scuttled in September" names none, "Trump
    scuttled the talks" one: the gold's "meeting without a named partner"), one told
    by a verb one; a planned one may still be looking for its parties and venue."""
    args = mention.args
    named = bool(args.actor or args.target or args.participants)
    # a meeting verb names its own parties ("the coalition discussed …"); a meeting noun
    # whose one party is another verb's subject is no record ("Trump scuttled the talks")
    parties_needed = 1 if mention.is_clause else 2
    if mention.type in PARTY_TYPES and mention.status == "happened" and len(args.participants) < parties_needed:
        return False
    has_argument = named or bool(args.place or args.place_options or args.located)
    return mention.status in KEPT_STATUSES and has_argument


def annotate(document: Document, settings: EventSettings = EventSettings()) -> Document:
    """Fill ``document.events`` from the parse, the times and the quotes (``settings``:
    no knobs yet)."""
    if document.doc is None:
        raise ValueError(f"article {document.article.id!r}: no spaCy Doc; run the parser first")
    merged = merge(mentions(document))
    events = tuple(to_event(document, m) for m in merged if keep(m))
    log.debug("article %s: %d events", document.article.id, len(events))
    return document.evolve(events=events)


#: The events stage: reads the parse, the entities, times and quotes; writes the events.
STAGE = Stage(
    "events", annotate,
    requires=("doc", "analysis", "entities", "mentions", "times", "quotes", "frames"), assigns=("events",),
)
