"""The arguments of one event mention: actor, target, participants, place, venue
options, topic, time, quantities and the source that reported it.

For "Russia launched its biggest air assault on Ukraine", :func:`arguments` of the
attack anchored on "launched" (trigger "assault") gives actor ``'Russia'`` and target
``'Ukraine'`` (``newsledger.annotate.events`` shows it run).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from newsledger.annotate.events.quantities import number_entities, quantities_within
from newsledger.annotate.shared import clauses
from newsledger.annotate.shared.clauses import OCCURRENCE_VERBS
from newsledger.records import Document, Quantity

# Types whose subject and companions are participants rather than an actor.
JOINT_TYPES = frozenset({"meeting", "debate", "agreement", "rally", "election", "vote"})
# Prepositions introducing a target ("an assault on Ukraine", "sanctions against Iran").
TARGET_PREPS = frozenset({"on", "against", "into", "at"})
PARTNER_PREPS = frozenset({"with", "between", "among"})
PLACE_PREPS = frozenset({"in", "at"})
TOPIC_PREPS = frozenset({"on", "about", "over", "regarding"})
# Entity types that name a place ("in Geneva", "the White House meeting").
PLACE_TYPES = frozenset({"GPE", "LOC", "FAC"})
# Buildings that stand for a place when they modify a meeting noun; spaCy tags them
# ORG ("White House meeting", "Kremlin talks").
PLACE_BUILDINGS = frozenset({"white house", "kremlin", "elysee", "élysée", "downing street", "vatican", "camp david"})
# Nouns that introduce a list of alternative places ("among the venues being considered").
VENUE_NOUNS = frozenset(
    {"venue", "venues", "location", "locations", "site", "sites", "host", "hosts", "option", "options"}
)
# Prepositions that date a noun event ("the summit on Monday", "talks in March").
TIME_PREPS = frozenset({"on", "in", "at", "during", "before", "by", "until", "within", "next", "last", "this"})
# Clause dependents that hold another clause's material.
FOREIGN_DEPS = ("ccomp", "relcl", "parataxis", "csubj")


@dataclass(frozen=True, slots=True)
class Arguments:
    """What an event mention says about its event."""

    span: tuple[int, int]
    actor: str | None = None
    target: str | None = None
    participants: tuple[str, ...] = ()
    place: str | None = None
    place_options: tuple[str, ...] = ()
    topic: str | None = None
    located: clauses.Located | None = None
    quantities: tuple[Quantity, ...] = ()
    source: str | None = None


@dataclass(frozen=True, slots=True)
class IndexedDocument:
    """A document with what its event mentions look up again and again, read once per
    article (:func:`index`): its number entities (``Doc.ents`` rebuilds every entity
    span on each access) and the char ranges its entity mentions cover."""

    document: Document
    numbers: tuple[SpacySpan, ...]
    named_ranges: tuple[tuple[int, int], ...]  # disjoint, in text order

    def is_named(self, start: int, end: int) -> bool:
        """Whether an entity mention overlaps the chars ``[start, end)``."""
        last_before_end = bisect_left(self.named_ranges, end, key=lambda r: r[0]) - 1
        return last_before_end >= 0 and self.named_ranges[last_before_end][1] > start


def index(document: Document) -> IndexedDocument:
    """The :class:`IndexedDocument` of a parsed document with its entities layer."""
    return IndexedDocument(
        document, number_entities(document.doc), merged_ranges(m.span for m in document.mentions)
    )


def merged_ranges(spans: Iterable[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    """The chars the non-empty ``spans`` cover, as disjoint ranges in text order."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if start >= end:
            continue
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return tuple(merged)


def name_at(indexed: IndexedDocument, token: Token) -> str | None:
    """The canonical name of the entity ``token`` belongs to, if any."""
    start, end = token.idx, token.idx + len(token.text)
    if not indexed.is_named(start, end):
        return None  # no entity mention there to name it
    entity = clauses.entity_of(indexed.document, start, end)
    return entity.name if entity else None


def names_in_chain(indexed: IndexedDocument, token: Token) -> list[str]:
    """Names of ``token`` and its conjuncts ("Trump and Zelenskyy")."""
    names = []
    for item in [token, *[t for t in token.conjuncts if t.i > token.i]]:
        name = name_at(indexed, item)
        if name and item.pos_ != "ADJ" and name not in names:
            names.append(name)
    return names


def possessor(indexed: IndexedDocument, noun: Token) -> str | None:
    """Whose event a possessive names: "Russia's attack" -> Russia; "his meeting" ->
    the person subject of the main clause, else the latest quoted person."""
    for child in noun.children:
        if child.dep_ != "poss":
            continue
        if child.pos_ == "PRON":
            if child.lower_ in {"its", "their"}:
                return None
            root = child.sent.root
            subj = [c for c in root.children if c.dep_ == "nsubj"]
            entity = clauses.holder_of(indexed.document, subj[0]) if subj else None
            if entity is None:
                entity = clauses.holder_of(indexed.document, child)
            return entity.name if entity and entity.type == "PERSON" else None
        return name_at(indexed, child)
    return None


def subject_names(indexed: IndexedDocument, verb: Token, trigger: Token) -> list[str]:
    """The resolved subject of ``verb`` (the agent when passive), never the trigger."""
    for child in verb.children:
        if child.dep_ == "nsubj" and child != trigger and child.tag_ not in {"WP", "WDT"}:
            entity = clauses.holder_of(indexed.document, child)
            first = [entity.name] if entity else []
            return first + [n for n in names_in_chain(indexed, child)[1:] if n not in first]
        if child.dep_ == "agent":
            objs = [g for g in child.children if g.dep_ == "pobj"]
            return names_in_chain(indexed, objs[0]) if objs else []
    if verb.dep_ == "conj" and verb.head.pos_ in {"VERB", "AUX"}:
        return subject_names(indexed, verb.head, trigger)  # "Romney had a lead but still lost"
    return []


def prep_objects(head: Token, preps: frozenset[str]) -> list[Token]:
    """The objects of ``head``'s prepositions in ``preps``."""
    return [
        obj for prep in head.children if prep.dep_ == "prep" and prep.lower_ in preps
        for obj in prep.children if obj.dep_ == "pobj"
    ]


def compound_parts(indexed: IndexedDocument, noun: Token) -> tuple[list[str], str | None]:
    """(participants, place) named in a noun's modifiers: "Zelenskyy-Putin summit" ->
    participants; "White House meeting" -> place; "Russian attack" -> participant."""
    people, place = [], None
    for child in noun.children:
        if child.dep_ not in {"compound", "amod", "nmod"}:
            continue
        span = [t for t in child.subtree if t.dep_ != "det"]
        text = " ".join(t.text for t in span).lower()
        single_place = child.ent_type_ == "GPE" and "-" not in text  # "a Michigan rally"
        if text in PLACE_BUILDINGS or child.ent_type_ in {"FAC", "LOC"} or single_place:
            place = name_at(indexed, child) or " ".join(t.text for t in span)
            continue
        for part in span:
            part_name = name_at(indexed, part) if part.pos_ in {"PROPN", "ADJ"} else None
            for person in split_pair(indexed.document, part_name):
                if person not in people:
                    people.append(person)
    return people, place


def split_pair(document: Document, name: str | None) -> list[str]:
    """A hyphenated pair the entities layer kept whole ("Zelenskyy-Putin") as the two
    people of the article it names; any other name as itself."""
    if not name:
        return []
    parts = name.split("-")
    if len(parts) < 2:
        return [name]
    people = {e.name.split()[-1]: e.name for e in document.entities if "-" not in e.name}
    found = [people.get(p) for p in parts]
    return [f for f in found if f] if all(found) else [name]


def place_options(indexed: IndexedDocument, head: Token) -> tuple[str, ...]:
    """Alternative places listed in the clause: "with Geneva, Vienna, Rome, Budapest,
    and Doha among the venues being considered" -> the five cities."""
    tokens = clauses.clause_tokens(indexed.document, head)
    if not any(t.lower_ in VENUE_NOUNS for t in tokens):
        return ()
    for token in tokens:
        if token.ent_type_ in PLACE_TYPES and len(token.conjuncts) >= 2:
            chain = sorted([token, *token.conjuncts], key=lambda t: t.i)
            names = [name_at(indexed, t) or t.text for t in chain]
            return tuple(dict.fromkeys(names))
    return ()


def topic_of(head: Token, etype: str) -> str | None:
    """What a meeting was about: the object of "discuss", or "talks on X"."""
    if etype not in JOINT_TYPES:
        return None
    objs = [c for c in head.children if c.dep_ == "dobj" and head.pos_ == "VERB"]
    objs += prep_objects(head, TOPIC_PREPS)
    if not objs:
        return None
    return clauses.text_of(list(objs[0].subtree))


def actor_and_others(indexed: IndexedDocument, etype: str, head: Token, trigger: Token) -> dict:
    """Actor, target, participants and place of a mention."""
    subjects = subject_names(indexed, head, trigger) if head.pos_ != "NOUN" else []
    owner = possessor(indexed, trigger)
    people, place = compound_parts(indexed, trigger)
    hosts = [trigger] if head.lemma_.lower() in OCCURRENCE_VERBS else [trigger, head]
    partners = [n for h in dict.fromkeys(hosts) for obj in prep_objects(h, PARTNER_PREPS)
                for n in names_in_chain(indexed, obj) if obj.ent_type_ not in PLACE_TYPES]
    targets = [] if etype in JOINT_TYPES else [
        n for obj in prep_objects(trigger, TARGET_PREPS) for n in names_in_chain(indexed, obj)
    ]
    if head.pos_ == "VERB" and trigger == head and etype not in JOINT_TYPES:
        # "Russia attacked Kyiv"; passive "Crutcher was shot" (the agent is the subject)
        object_deps = {"dobj", "nsubjpass"}
        targets += [n for c in head.children if c.dep_ in object_deps for n in names_in_chain(indexed, c)]
    places = [name_at(indexed, o) for o in prep_objects(head, PLACE_PREPS) if o.ent_type_ in PLACE_TYPES]
    place = place or next((p for p in places if p), None)
    result: dict = {"place": place, "target": targets[0] if targets else None}
    if etype in JOINT_TYPES:
        met = [n for c in head.children if c.dep_ == "dobj" and head == trigger and c.ent_type_
               for n in names_in_chain(indexed, c)]  # "Macron met Starmer"
        members = [*([owner] if owner else []), *subjects, *met, *people, *partners]
        result["participants"] = tuple(dict.fromkeys(members))
    else:
        actor = subjects[0] if subjects else owner or (people[0] if people else None)
        result["actor"] = actor
        result["participants"] = ()
    return result


def time_tokens(head: Token, tokens: list[Token]) -> list[Token]:
    """The tokens that may date the event: for a noun, only its own modifiers and
    temporal prepositions ("Monday's summit", "the summit on Monday"), never a nested
    event ("a deal following Monday's summit")."""
    if head.pos_ != "NOUN":
        return tokens
    nested = {
        t.i for c in head.children
        if c.dep_ in {"prep", "acl", "relcl"} and c.lower_ not in TIME_PREPS
        for t in c.subtree
    }
    return [t for t in tokens if t.i not in nested]


def arguments(indexed: IndexedDocument, etype: str, head: Token, trigger: Token) -> Arguments:
    """Everything the clause around ``head`` says about the event."""
    skip_deps = (*FOREIGN_DEPS, "conj", "cc") if head.pos_ == "NOUN" else FOREIGN_DEPS
    tokens = clauses.clause_tokens(indexed.document, head, skip_deps=skip_deps)
    located = clauses.time_of(indexed.document, time_tokens(head, tokens))
    span = clauses.span_of(tokens)
    sub = indexed.document.doc.char_span(span[0], span[1], alignment_mode="expand")
    quantities = tuple(
        q for q, _ in (quantities_within(indexed.numbers, sub.start, sub.end) if sub is not None else [])
        if q.unit and q.unit != trigger.text
    )
    return Arguments(
        span=span,
        topic=topic_of(head, etype),
        located=located,
        quantities=quantities,
        source=clauses.reporter_of(indexed.document, head),
        place_options=place_options(indexed, head),
        **actor_and_others(indexed, etype, head, trigger),
    )
