"""Where a stance's target and holder are in the parse: the subject or agent of a
cue, its complement (object, clause, or the cue's own preposition), the words before
a subject-less participle, and the trimming of a target's wording.

In "Italy is opposed to putting boots on the ground", ``clauses.text_of(complement(opposed))``
is ``'putting boots on the ground'``.
"""

from __future__ import annotations

from spacy.tokens import Token

from newsledger.annotate.shared import clauses
from newsledger.records import Document

# Dependents that hold a stance's target, in order of preference.
TARGET_DEPS = ("dobj", "xcomp", "ccomp", "nsubjpass")
TARGET_PREPS = frozenset({"to", "of", "about", "for", "on"})
# A verb takes its target from a preposition only when the cue names it ("insist on",
# "call for"); adjectives take "opposed to", "confident of", "sceptical about".
PREPS_OF = {"VERB": frozenset({"on"}), "ADJ": TARGET_PREPS, "ADP": frozenset(), "NOUN": frozenset()}

# Words that end a left-hand target found without a subject ("…, and Budapest, not favoured").
LEFT_STOPS = frozenset({"and", "with", "while", "but", ";", "–", "—"})

# Hedges and auxiliaries dropped from a target's wording ("will not be sent" -> "sent").
TRIM_LEMMAS = frozenset({"be", "do", "have", "will", "shall", "would", "may", "might", "could", "can"})


def trimmed(token: Token, head: Token) -> bool:
    """Whether a token is left out of a target's wording: the negation, hedges and
    auxiliaries of the target's own head (polarity and modality record them), never a
    negation deeper inside ("make a pledge not to pardon")."""
    if token.head != head:
        return False
    if token.dep_ == "neg" or token.lower_ in clauses.HEDGE_ADVERBS:
        return True
    return token.dep_ in {"aux", "auxpass"} and (token.tag_ == "MD" or token.lemma_.lower() in TRIM_LEMMAS)

def subject_of(token: Token) -> Token | None:
    """The subject of ``token``'s clause, climbing xcomp/conj/acomp chains
    ("European allies are understood to want …" -> "allies")."""
    current = token
    for _ in range(4):
        subj = [c for c in current.children if c.dep_ in {"nsubj", "nsubjpass"}]
        if len(subj) > 1:
            return None  # two subjects: a broken parse ("Trump, while 5 percent prefer …")
        if subj:
            return subj[0]
        if current.dep_ not in {"xcomp", "conj", "acomp", "advcl", "pcomp"} or current.head == current:
            return None
        current = current.head
    return None


def agent_of(token: Token) -> Token | None:
    """The by-phrase object of a passive: "disliked by the Russians" -> "Russians"."""
    for child in token.children:
        if child.dep_ == "agent":
            return next((g for g in child.children if g.dep_ == "pobj"), None)
    return None


def left_target(document: Document, cue: Token) -> list[Token]:
    """The words before a subject-less cue, back to a clause boundary:
    "and Budapest, Hungary, not favoured" -> "Budapest, Hungary"."""
    low = clauses.line_of(document, cue)[0]
    first = min((c for c in cue.subtree if c.dep_ == "neg"), key=lambda t: t.i, default=cue)
    taken: list[Token] = []
    for i in range(first.i - 1, cue.sent.start - 1, -1):
        token = cue.doc[i]
        if token.lower_ in LEFT_STOPS or token.idx < low or token.dep_ == "agent":
            break
        taken.append(token)
    return [t for t in taken if not t.is_punct] and taken


def complement(cue: Token, deps: tuple[str, ...] = TARGET_DEPS, preps: frozenset[str] = TARGET_PREPS) -> list[Token]:
    """The target tokens of an active cue: object, clause, or prepositional object."""
    for dep in deps:
        for child in cue.children:
            if child.dep_ == dep:
                # "urged North Korea to resume talks"; "backs Trump over Clinton" (a preference)
                then = [t for c in cue.children if dep == "dobj" and (c.dep_ in {"xcomp", "ccomp"} or (
                    c.dep_ == "prep" and c.lower_ == "over")) for t in c.subtree]
                return without_asides([*child.subtree, *then], child)
    for child in cue.children:
        if child.dep_ == "prep" and child.lower_ in preps:
            objs = [g for g in child.children if g.dep_ in {"pobj", "pcomp"}]
            if objs:
                return without_asides(list(objs[0].subtree), objs[0])
    return []


def without_asides(tokens: list[Token], head: Token) -> list[Token]:
    """A target without the apposition on its head, nor the relative clause on a name
    ("Trump, who says he is honored" -> "Trump"; "policies that create more revenue" stays)."""
    asides = {"relcl", "appos"} if head.pos_ == "PROPN" else {"appos"}
    aside = {t.i for c in head.children if c.dep_ in asides for t in c.subtree}
    return [t for t in tokens if t.i not in aside]


def particle_object(cue: Token, particle: str) -> list[Token]:
    """The object of a cue's own preposition: "called for the repeal" -> "the repeal"."""
    for child in cue.children:
        if child.dep_ == "prep" and child.lower_ == particle:
            objs = [g for g in child.children if g.dep_ in {"pobj", "pcomp"} and g.ent_type_ not in {"DATE", "TIME"}]
            if not objs:
                continue  # "called on Wednesday on Dean …": a date is no target
            then = [t for c in cue.children if c.dep_ == "xcomp" for t in c.subtree]
            return [*objs[0].subtree, *then] if objs else []  # "called on Dean to apologize"
    for child in cue.children:
        if child.dep_ in {"advcl", "acl"} and any(m.dep_ == "mark" and m.lower_ == particle for m in child.children):
            return [t for t in child.subtree if not (t.dep_ == "mark" and t.head == child)]
    return []

def has_content(target: list[Token]) -> bool:
    """A target names something: not empty, not a bare relative pronoun ("the answer that he wanted")."""
    first = min(target, key=lambda t: t.i, default=None)
    if first is None or first.tag_ in {"WDT", "WP"}:
        return False  # "she supported that …" in a relative clause
    return any(t.pos_ in {"NOUN", "PROPN", "VERB", "ADJ"} for t in target)
