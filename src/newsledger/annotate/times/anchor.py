"""Which side of the publication date an expression points to, from its clause's tense.

"on Monday night, Russia launched…" -> past (-1); "talks on Friday will…" -> future
(+1); unknown -> 0. The governing verb is found by walking up the dependency tree from
the expression to the first verb; its tag (Penn: VBD past, MD modal) and its auxiliaries
decide. This is the tense heuristic of HeidelTime's news mode (Strötgen & Gertz 2013,
§3.3), with spaCy's parse in place of TreeTagger's.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from newsledger.annotate.times.lexicon import (
    PLANNED_EVENT_NOUNS,
    PROSPECTIVE_MODIFIERS,
    PROSPECTIVE_VERBS,
)
from newsledger.settings import TimeSettings

PAST, UNKNOWN, FUTURE = -1, 0, 1

#: Auxiliaries and modals that put a clause in the future (or the hypothetical, which in
#: news is about what is to come: "could happen before the end of the month").
FUTURE_AUX = frozenset({"will", "'ll", "shall", "could", "may", "might", "would", "should",
                        "can", "must", "wo", "ca"})

#: Verbs of planning: what they govern lies ahead even when they are in the past tense
#: ("has scheduled a news conference Thursday", "planned a demonstration on Saturday").
PLAN_VERBS = frozenset({"plan", "schedule", "reschedule", "expect", "intend", "slate", "set",
                        "postpone", "delay", "adjourn", "defer", "prepare", "propose", "aim",
                        "hope", "vow", "pledge", "promise", "threaten"})

#: Prepositions that fix the side themselves: "since Monday" is past.
PAST_PREPOSITIONS = frozenset({"since", "ago"})

#: Prepositions of a deadline, and the verbs that set one: "extended its deadline until
#: 9 a.m. Tuesday", "postponed until Tuesday morning" look ahead whatever their tense.
DEADLINE_PREPOSITIONS = frozenset({"until", "till", "by"})
DEADLINE_VERBS = PLAN_VERBS | {"extend", "give", "wait", "suspend", "hold", "keep"}

#: Words right after an expression that make it the subject of a future clause.
_FUTURE_NEXT = frozenset({"will", "'ll", "shall"})
_PLANNED_NEXT = frozenset({"expected", "scheduled", "due", "set", "slated"})


def direction(doc: Doc | None, start: int, end: int, max_hops: int = TimeSettings.max_hops) -> int:
    """The tense side of the expression at chars ``[start, end)`` of ``doc``: -1, 0 or +1
    (the governing verb at most ``max_hops`` dependency hops up).

    >>> from newsledger.nlp import load
    >>> nlp = load()
    >>> direction(nlp("Russia launched drones on Monday night."), 27, 39)
    -1
    """
    if doc is None:
        return UNKNOWN
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return UNKNOWN
    first = span[0]
    previous = doc[first.i - 1] if first.i > 0 else None
    if previous is not None and previous.lower_ in PAST_PREPOSITIONS:
        return PAST
    if previous is not None and previous.lower_ in DEADLINE_PREPOSITIONS:
        verb = _governing_verb(span.root, max_hops)
        if verb is not None and verb.lemma_ in DEADLINE_VERBS:
            return FUTURE
    if _future_tail(doc, span.end):
        return FUTURE  # "Friday will see talks", "Friday is expected to…"
    if span.end < len(doc) and doc[span.end].tag_ == "POS":
        return _possessive(span.root, max_hops)
    event = _planned_event(span.root)
    if event is not None:
        return _event_side(event, max_hops)
    verb = _governing_verb(span.root, max_hops)
    return UNKNOWN if verb is None else verb_tense(verb, max_hops)


def _future_tail(doc: Doc, after: int) -> bool:
    """"Friday will…", "Friday is expected to…" (token indices, never ``doc.text``: slow)."""
    if after >= len(doc):
        return False
    first = doc[after].lower_
    if first in _FUTURE_NEXT:
        return True
    return first in ("is", "are") and after + 1 < len(doc) and doc[after + 1].lower_ in _PLANNED_NEXT


def _planned_event(token: Token) -> Token | None:
    """The planned-event noun the expression dates, if any: "talks on Thursday", "the vote
    Monday", or the event object of a wish the date hangs on ("demanded talks on
    Thursday", "called for a vote on Monday", where the parse attaches the date to the verb)."""
    head = token.head.head if token.dep_ == "pobj" and token.head.dep_ == "prep" else \
        token.head if token.dep_ in ("npadvmod", "nmod", "compound", "appos") else None
    if head is None or head is token:
        return None
    if head.pos_ in ("NOUN", "PROPN") and head.lemma_.lower() in PLANNED_EVENT_NOUNS:
        return head
    if head.pos_ == "VERB" and head.lemma_ in PROSPECTIVE_VERBS:
        for child in head.children:
            noun = next((c for c in child.children if c.dep_ == "pobj"), None) \
                if child.dep_ == "prep" and child.lower_ == "for" else child if child.dep_ == "dobj" else None
            if noun is not None and noun.lemma_.lower() in PLANNED_EVENT_NOUNS:
                return noun
    return None


def _event_side(noun: Token, max_hops: int) -> int:
    """The side of a planned event: ahead when proposed, demanded, announced or merely
    named ("the vote on Monday is crucial"); the clause's tense when the clause tells what
    became of it ("the talks on Thursday ended", "attended the meeting on Monday")."""
    if any(c.lower_ in PROSPECTIVE_MODIFIERS for c in noun.children if c.dep_ in ("amod", "compound")):
        return FUTURE
    verb = _governing_verb(noun, max_hops)
    if verb is None or verb.lemma_ in PROSPECTIVE_VERBS:
        return FUTURE
    side = verb_tense(verb, max_hops)
    return FUTURE if side == UNKNOWN else side


def _possessive(token: Token, max_hops: int) -> int:
    """"Monday's summit": the event is reported as known, so past, unless the noun phrase
    is the subject of a future verb ("Friday's talks will decide…")."""
    noun = token.head
    if noun.dep_ in ("nsubj", "nsubjpass") and noun.head.pos_ in ("VERB", "AUX"):
        side = verb_tense(noun.head, max_hops)
        if side == FUTURE:
            return FUTURE
    return PAST


def _governing_verb(token: Token, max_hops: int) -> Token | None:
    """The nearest verb above ``token`` in the parse (``token`` itself excluded), at
    most ``max_hops`` up."""
    current = token
    for _ in range(max_hops):
        if current.head is current:
            return current if current.pos_ in ("VERB", "AUX") else None
        current = current.head
        if current.pos_ in ("VERB", "AUX"):
            return current
    return None


def verb_tense(verb: Token, max_hops: int = TimeSettings.max_hops) -> int:
    """-1 for past (VBD, have + VBN, was + VBN), +1 for future/modal/planned, else 0.

    A non-finite verb ("to leave", "following") has no tense of its own: the verbs above
    it decide ("would be ready to leave as soon as Tuesday" -> future).
    """
    current: Token | None = verb
    for _ in range(max_hops):
        if current is None:
            return UNKNOWN
        if current.lemma_ in PLAN_VERBS and _plans_ahead(current):
            return FUTURE
        if _prospective_infinitive(current):
            return FUTURE
        side = _own_tense(current)
        if side != UNKNOWN or current.tag_ in ("VBD", "VBZ", "VBP", "MD"):
            return side
        if current.head is current:
            return UNKNOWN
        current = _governing_verb(current, max_hops)
    return UNKNOWN


def _prospective_infinitive(verb: Token) -> bool:
    """"agreed to meet on Friday", "is to be held Friday", "set to vote Monday": an
    infinitive under a verb of wish or plan, or under "be", lies ahead."""
    if verb.tag_ not in ("VB", "VBN") or verb.dep_ not in ("xcomp", "ccomp", "advcl") or \
            not any(c.tag_ == "TO" for c in verb.children):
        return False
    head = verb.head
    return head.lemma_ in PROSPECTIVE_VERBS or (head.lemma_ == "be" and head.dep_ != "auxpass")


def _negated(verb: Token) -> bool:
    """"could not", "couldn't", "Neither he nor … could"."""
    if any(c.dep_ == "neg" for c in verb.children):
        return True
    return any(t.lower_ in ("neither", "nor", "nobody", "no-one") for t in verb.sent
               if t.i < verb.i)


def _plans_ahead(verb: Token) -> bool:
    """"has scheduled", "plans to", "is expected": a live plan. A past "planned for
    Saturday" or a participle "a service planned for Saturday" may be over already."""
    if verb.tag_ in ("VBZ", "VBP", "VBG", "VB"):
        return True
    aux = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    return verb.tag_ == "VBN" and bool(aux & {"has", "have", "is", "are", "be", "been"})


def _own_tense(verb: Token) -> int:
    """The tense a verb's own tag and auxiliaries show; 0 for non-finite or plain present."""
    aux = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    words = {a.lower_ for a in aux}
    if words & {"could", "ca"} and _negated(verb):
        return PAST  # "could not be reached Wednesday": past ability, not a plan
    if words & FUTURE_AUX or any(a.tag_ == "MD" for a in aux):
        return FUTURE
    if "going" in words and any(c.tag_ == "TO" for c in verb.children):
        return FUTURE
    if any(a.tag_ == "VBD" for a in aux) or words & {"has", "have", "had", "'ve", "'d"}:
        return PAST
    if verb.tag_ == "VBD" or (verb.tag_ == "VBN" and verb.dep_ in ("acl", "advcl") and not aux):
        return PAST  # "said Friday"; "the decision, announced Wednesday, …"
    if verb.tag_ == "VBG" and words & {"is", "are", "'s", "'re", "am"}:
        return FUTURE  # present progressive with a date: an arrangement ("is meeting Friday")
    return UNKNOWN
