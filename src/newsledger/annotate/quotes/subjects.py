"""Who a reporting verb's subject is: the parse's subject, or the one it inherits
(coordinated verbs, participles, object control) or lost (dash parentheticals, fronted
phrases, inverted frames, a subject hung elsewhere); never a date or a dateline.

>>> from newsledger.nlp import load
>>> doc = load()("“We tried,” said Skelly, explaining the plan.")
>>> subject_of(doc[5]).text  # of "said": "Skelly", which the tagger takes for an adverb
'Skelly'
"""

from __future__ import annotations

import calendar
import functools

from spacy.tokens import Token

from newsledger.annotate.shared.datelines import DASHES, in_dateline
from newsledger.tables import words

#: Heads through which a cue inherits its subject: "He smiled and said …",
#: "…, saying …", "went on to say …".
SUBJECT_INHERIT = frozenset({"conj", "xcomp", "advcl"})

#: Relative pronouns: the subject of a relative clause stands for the noun it modifies.
RELATIVE = frozenset({"who", "that", "which"})


def subject_of(verb: Token) -> Token | None:
    """The nominal subject of ``verb``, or of the verb it is coordinated with (a
    relative pronoun stands for the noun its clause modifies: see :func:`antecedent`);
    for a participial clause, the noun the clause modifies; for a participle
    after a preposition ("…, before adding that …", "by pointing out that …"), the
    subject of the clause the preposition hangs on. A date ("Saturday said") or a
    dateline ("WASHINGTON — …") is never a subject; a subject cut off by a dash
    parenthetical ("Trump — who had been silent — said") is found before the dashes."""
    current = verb
    for _ in range(5):
        subject = _nearest_subject(current) or _clausal_subject(current)
        if subject is not None and subject.lower_ in RELATIVE and current.dep_ == "relcl":
            return subject  # "Jon Ralston, who runs a newsletter, said": "who", standing for Ralston
        if subject is not None:
            return subject
        if current.dep_ == "acl" and current.head.pos_ in ("NOUN", "PROPN"):
            if current.head.ent_type_ not in PLACE_TYPES and not _mass_or_event(current.head):
                return current.head  # "911 calls saying shots have been fired"
            return _clause_subject(current.head) or current.head  # "in Salem, New Hampshire, Trump …, calling him"
        if current.dep_ == "xcomp":  # object control: "prompted the Atlas to state, “…”"
            controller = next((c for c in current.head.children if c.dep_ == "dobj" and c.i < current.i), None)
            if controller is not None and controller.pos_ in ("PROPN", "NOUN") and not _not_a_speaker(controller):
                return controller
        if current.dep_ == "pcomp" and current.head.pos_ == "ADP" and current.head.head.i != current.head.i:
            current = current.head.head  # "before adding that …": the clause "before" modifies
            continue
        if current.dep_ not in SUBJECT_INHERIT or current.head.i == current.i:
            return _before_dashes(verb) or _lost_subject(verb) or _lost_subject(current) or _postposed_subject(current)
        current = current.head
    return None


#: Entity types of nouns a participle hangs on by a parse error, not its speaker.
PLACE_TYPES = frozenset({"GPE", "LOC", "FAC", "DATE", "TIME", "EVENT"})


def _mass_or_event(noun: Token) -> bool:
    """A singular common noun a participle hangs on by a parse of "had a hard time
    imagining that …", "using a crude expression to describe …": no entity, no plural
    and no document ("a statement saying" is the statement's), so not its speaker:
    the clause's subject is."""
    return (noun.pos_ == "NOUN" and noun.tag_ == "NN" and not noun.ent_type_
            and noun.lemma_.lower() not in _document_nouns())


@functools.lru_cache(maxsize=1)
def _document_nouns() -> frozenset[str]:
    """Nouns of documents (``quote_documents.txt``), which speak through a participle."""
    return frozenset(words("quote_documents.txt"))


def _clause_subject(token: Token) -> Token | None:
    """The subject of the nearest verb above ``token``."""
    for ancestor in token.ancestors:
        if ancestor.pos_ in ("VERB", "AUX"):
            return next((c for c in ancestor.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return None


def _nearest_subject(verb: Token) -> Token | None:
    """The nominal subject of ``verb``; of several (a parse error: "in Salem, New
    Hampshire, Trump went"), the nearest before it."""
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and not _not_a_speaker(c)]
    before = [c for c in subjects if c.i < verb.i]
    return before[-1] if before else (subjects[0] if subjects else None)


def _clausal_subject(verb: Token) -> Token | None:
    """The noun a participle the parser made a clausal subject modifies: "Large
    majorities of voters going to the polls said …" ("going" is ``csubj``)."""
    clause = next((c for c in verb.children if c.dep_ == "csubj" and c.tag_ == "VBG"), None)
    if clause is None:
        return None
    return next((c for c in clause.children if c.dep_ == "nsubj" and c.pos_ in ("NOUN", "PROPN")), None)


def antecedent(token: Token) -> Token:
    """The noun a relative pronoun subject stands for ("Jon Ralston, who said …" ->
    Ralston); any other token itself."""
    if token.lower_ in RELATIVE and token.dep_ in ("nsubj", "nsubjpass") and token.head.dep_ == "relcl":
        return token.head.head
    return token


def _lost_subject(verb: Token) -> Token | None:
    """A subject the parser hung elsewhere, right before a finite cue that has none: the
    top of the phrase that ends just before the verb, when nothing but adverbs and
    auxiliaries (or a parenthesis, or the comma after an apposition) stand between:
    "About 4 in 10 say …" ("10" is the object of "in"), "Large majorities of voters
    going to the polls on Tuesday said …", "her senior policy adviser, Jake Sullivan,
    said …"."""
    if verb.tag_ not in ("VBP", "VBZ", "VBD"):
        return None
    doc = verb.doc
    i = verb.i - 1
    while i >= 0 and doc[i].pos_ in ("ADV", "AUX", "PART") and doc[i].dep_ != "punct":
        i -= 1
    if i > 0 and doc[i].text == ")":  # "Sen. Elizabeth Warren (D-MA) said"
        opening = next((j for j in range(i - 1, max(-1, i - 12), -1) if doc[j].text == "("), None)
        i = opening - 1 if opening else -1
    if i > 0 and doc[i].text == ",":
        named = _renamed(doc[i - 1], verb)
        if named is not None:
            return named
    if i > 0 and doc[i].text == "," and doc[i - 1].dep_ == "appos":
        i -= 1
    if i < 0 or doc[i].pos_ not in ("NOUN", "PROPN", "NUM") or in_dateline(doc[i]):
        return None
    top = doc[i]
    while top.head.i < verb.i and top.head.i != top.i:
        top = top.head  # the whole phrase before the verb
    if top.pos_ in ("NOUN", "PROPN", "NUM", "PRON") and not _not_a_speaker(top):
        return top
    top = doc[i]
    while top.pos_ == "NUM" and top.dep_ in ("pobj", "prep", "compound", "nummod", "quantmod") and top.head.i < verb.i:
        top = top.head  # "10" -> "in" -> "4" of "4 in 10"
        if top.dep_ == "prep":
            top = top.head
    return None if _not_a_speaker(top) else top


def _renamed(last: Token, verb: Token) -> Token | None:
    """The speaker of a phrase with an appositive the parser hung on a fronted phrase,
    ``last`` its last word before the comma and ``verb``: "In a conference call on
    Dec. 2, Col. Steven H. Warren, a military spokesman in Baghdad, said" (the name
    the appositive renames), "adviser, Jake Sullivan, said" (the name in apposition)."""
    token = last
    while token.head.i < verb.i and token.head.i != token.i:
        if token.dep_ == "appos":
            named = token if token.pos_ == "PROPN" else token.head
            if named.pos_ in ("PROPN", "NOUN") and not _not_a_speaker(named):
                return named
            return None
        token = token.head
    return None


#: Quotation marks that close a quotation before an inverted frame ("…,” said X).
CLOSING_QUOTES = frozenset({"”", "’", '"', "''", "'"})

#: Dependents that join the words of one name or noun phrase to its head.
NAME_DEPS = frozenset({"compound", "flat", "nmod", "amod", "det"})


def _postposed_subject(verb: Token) -> Token | None:
    """The speaker after an inverted frame the parser did not make the subject: "“…,”
    said Skelly, explaining …" ("Skelly" an adverb), "“…,” said Richard L. Trumka,
    president of …" (the name hung on a later verb), "“…,” added another New Hampshire
    Republican" (an object). Only a verb right after the closing mark and its comma:
    the head of the noun phrase that follows it, or a capitalised word the tagger took
    for another part of speech."""
    doc = verb.doc
    i = verb.i - 1
    while i >= 0 and doc[i].text in (",", "—"):
        i -= 1
    if i < 0 or doc[i].text not in CLOSING_QUOTES or verb.i + 1 >= len(doc):
        return None
    first = next((t for t in doc[verb.i + 1 : verb.i + 4] if t.pos_ not in ("DET", "ADJ", "NUM")), None)
    if first is None or not (first.pos_ in ("PROPN", "NOUN") or first.is_title) or _not_a_speaker(first):
        return None
    head = first
    while head.dep_ in NAME_DEPS and verb.i < head.head.i <= head.i + 4:
        head = head.head
    return head


#: Entity types of words that are never speakers when the parser makes them subjects
#: ("Saturday said"); numbers are ("Sixty-six percent said", "4 in 10 say").
NOT_SPEAKER_TYPES = frozenset({"DATE", "TIME"})


#: Day and month names (the calendar module's English names), dates even where the
#: entity recogniser misses them ("Saturday at the convention Warren said").
CALENDAR_WORDS = frozenset(w.lower() for w in (*calendar.day_name, *calendar.month_name) if w)


def _not_a_speaker(token: Token) -> bool:
    """A date or time the parser made a subject, or a dateline."""
    return token.ent_type_ in NOT_SPEAKER_TYPES or token.lower_ in CALENDAR_WORDS or in_dateline(token)


def _before_dashes(verb: Token) -> Token | None:
    """The noun before a dash parenthetical that stands between it and ``verb``."""
    doc = verb.doc
    i = verb.i - 1
    while i >= 0 and doc[i].pos_ in ("ADV", "AUX", "PART"):
        i -= 1
    if i < 2 or doc[i].text not in DASHES:
        return None
    opening = next((j for j in range(i - 1, max(-1, i - 30), -1) if doc[j].text in DASHES), None)
    if opening is None or opening == 0:
        return None
    before = doc[opening - 1]
    if before.pos_ in ("PROPN", "NOUN", "PRON") and not _not_a_speaker(before):
        return before
    return None
