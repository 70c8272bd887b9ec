"""Stances from labels and evaluations: what a holder calls a thing gives the stance.

* a verb of naming or characterising with an object and a label (VerbNet dub-29.3:
  call, dub, label, brand, term; characterize-29.2: describe, portray, characterize):
  "X called it 'unacceptable'", "described the plan as a disaster" -> the polarity of
  the label's evaluation word (``stance_evaluations.csv``); the target is the object,
  or, for "it"/"this"/"that", the nearest earlier proposal phrase (:func:`antecedent`);
* a reported evaluation of a demonstrative: "That was a really outrageous tweet,"
  Axelrod said -> Axelrod opposes what "that" evaluates (the clause is the target).

A label with no evaluation word in the table says nothing ("described Clinton as a
lifetime politician" needs a judgement the table does not make): precision first.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Token

#: Verbs of naming and characterising (VerbNet dub-29.3 and characterize-29.2).
LABEL_VERBS = frozenset(
    {"call", "dub", "label", "brand", "term", "describe", "portray", "characterize", "characterise", "depict"}
)
#: Dependencies under which the parser puts a label ("called it *unacceptable*").
LABEL_DEPS = frozenset({"oprd", "xcomp", "acomp", "attr", "ccomp"})
#: Words standing for an earlier thing.
ANAPHORS = frozenset({"it", "this", "that"})
#: Heads of a proposal or act phrase an anaphor may stand for (FrameNet's
#: Deciding, Statement-of-proposal and Intentionally_act nouns that news labels).
PROPOSAL_NOUNS = frozenset(
    {"decision", "move", "plan", "proposal", "policy", "deal", "offer", "demand", "measure", "bill",
     "initiative", "strategy", "step", "shift", "idea", "announcement", "agreement", "order", "ban"}
)
#: Nouns of time: an evaluation of a moment is no stance on a thing.
TIME_NOUNS = frozenset({"time", "moment", "day", "week", "year", "period", "era", "age", "hour"})
#: How many earlier sentences an anaphor's antecedent may lie back.
REACH = 2


def evaluation_in(tokens, evaluations: dict[str, str]) -> str | None:
    """The polarity of the first evaluation word among ``tokens``."""
    return next((evaluations[t.lower_] for t in tokens if t.lower_ in evaluations), None)


def label_of(verb: Token) -> list[Token]:
    """The label of a naming verb: its object predicate or its "as" phrase."""
    for child in verb.children:
        if child.dep_ in LABEL_DEPS:
            return list(child.subtree)
        if child.dep_ == "prep" and child.lower_ == "as":
            return list(child.subtree)
    return []


def antecedent(pronoun: Token) -> list[Token]:
    """The nearest earlier noun phrase headed by a proposal noun ("its decision to no
    longer consider settlements illegal"), up to :data:`REACH` sentences back; none
    found, no target."""
    doc = pronoun.doc
    floor = pronoun.sent.start
    earlier = [s for s in doc.sents if s.end <= floor][-REACH:]
    if earlier:
        floor = earlier[0].start
    for i in range(pronoun.i - 1, floor - 1, -1):
        token = doc[i]
        if token.pos_ == "NOUN" and token.lemma_.lower() in PROPOSAL_NOUNS:
            return [t for t in token.subtree if t.i < pronoun.i]
    return []


def label_stance(verb: Token, evaluations: dict[str, str], negated: Callable[[Token], bool]):
    """(subject token, polarity, target tokens) of a labelling verb, or ``None``.

    ``negated`` is the parse's negation test (a negated label says nothing sure)."""
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in LABEL_VERBS or negated(verb):
        return None
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    label = label_of(verb)
    if obj is None and label and label[0].dep_ == "ccomp":
        # "called it unacceptable" parsed as a clause: its subject is the object
        obj = next((c for c in label[0].children if c.dep_ == "nsubj"), None)
        label = [t for t in label if obj is None or t not in obj.subtree]
    if obj is None or not label:
        return None
    polarity = evaluation_in(label, evaluations)
    if polarity is None:
        return None
    target = antecedent(obj) if obj.lower_ in ANAPHORS else [t for t in obj.subtree if t not in label]
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None and verb.dep_ in {"advcl", "xcomp", "conj"}:
        subject = next((c for c in verb.head.children if c.dep_ == "nsubj"), None)  # "…, calling it …"
    if not target or subject is None:
        return None
    return subject, polarity, target


def demonstrative_evaluation(copula: Token, evaluations: dict[str, str], negated: Callable[[Token], bool]):
    """(polarity, target tokens) of "that was a really outrageous tweet", or ``None``:
    a copula whose subject is a demonstrative and whose attribute an evaluation word
    modifies."""
    if copula.lemma_ != "be" or negated(copula) or (copula.dep_ == "ccomp" and negated(copula.head)):
        return None  # "I don't think this is a ridiculous idea": the negation is raised
    subject = next((c for c in copula.children if c.dep_ == "nsubj"), None)
    attr = next((c for c in copula.children if c.dep_ in {"attr", "acomp"}), None)
    if subject is None or attr is None or subject.lower_ not in {"this", "that"}:
        return None
    if any(c.dep_ == "aux" for c in copula.children) or attr.lemma_.lower() in TIME_NOUNS:
        return None  # "this could be …" hedges; "this is a very dangerous time" judges a moment
    modifiers = [t for c in attr.children if c.dep_ in {"amod", "compound"} for t in c.subtree]
    polarity = evaluation_in(modifiers if attr.pos_ == "NOUN" else [attr], evaluations)
    if polarity is None:
        return None
    return polarity, [t for t in copula.subtree if not t.is_punct]
