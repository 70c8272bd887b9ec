"""Stances read from the frame layer: a frame of class support, oppose or demand
(CAMEO 02 appeal, 05 support, 051 praise, 10 demand, 11 disapprove, 12 reject) with
an entity agent and a theme is the agent's position on the theme.

The cue table's readers (:mod:`newsledger.annotate.stances`) run first and stay the
override: a predicate they read is not read again here. What this adds is every
predicate of those classes the tables never listed ("proposed", "accepted", "agreed
to", "voiced support for", "X's call for"), and every agent they could not reach
(control, relative pronouns, coordination: one stance per holder).

Precision rules: no holder that is not an entity; a finite that-clause is a stance
only for a demand ("insisted that X go"; "complained that …" reports a claim); a
negated support becomes opposition only for attitudes (``NEGATABLE``), a negated
opposition or demand says nothing; no questions, no if-clauses.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from spacy.tokens import Token

from newsledger.annotate.shared.frame import Frame
from newsledger.annotate.shared.cameo import code_of
from newsledger.annotate.shared import clauses
from newsledger.annotate.stances.targets import has_content, without_asides
from newsledger.records import Document

#: Frame classes that state a position, and the polarity each gives its theme.
POLARITY = {"support": "support", "demand": "support", "oppose": "oppose"}
#: Support predicates whose negation is opposition ("does not support", "did not
#: welcome"); CAMEO 05 SUPPORT / AGREE and 051 ENDORSE blocks' attitude verbs.
NEGATABLE = frozenset(
    {"support", "back", "endorse", "favour", "favor", "prefer", "welcome", "agree", "accept",
     "embrace", "willing", "willingness", "satisfied"}
)


#: Classes whose theme is an action wanted, not one done.
EMBEDDING = frozenset({"demand", "intent", "threat"})


@dataclass(frozen=True, slots=True)
class FrameStance:
    """A stance read from one frame, before it becomes a record."""

    cue: Token
    holder: str
    polarity: str
    target: list[Token]
    modality: str


def polarity_of(frame: Frame) -> str | None:
    polarity = POLARITY.get(frame.cls or "")
    if polarity is None or not frame.negated:
        return polarity
    return "oppose" if polarity == "support" and frame.lemma in NEGATABLE else None


def modality_of(frame: Frame) -> str:
    if frame.condition:
        return "conditional"
    return "possible" if frame.modality in {"possible", "would"} else "certain"


def clause_allowed(frame: Frame) -> bool:
    """A that-clause theme makes a stance only of a demand (CAMEO 10)."""
    return not frame.theme_is_clause or (code_of(frame.lemma) or "").startswith("10")


def read_obligation(document: Document, frame: Frame) -> FrameStance | None:
    """A reported obligation: "Gambill told teachers that the Legislature should direct
    money …" -> Gambill supports it; "we need to keep teachers in the classroom" in a
    quote -> its speaker supports it; "should not" -> opposes."""
    if not frame.deontic or frame.reporter is None or frame.question or frame.condition or not frame.animate:
        return None  # "the house's future use should send a signal" forecasts
    head = document.doc[frame.predicate]
    if clauses.in_if_clause(head) or head.dep_ in {"relcl", "acl", "advcl"}:
        return None
    target = clauses.clause_tokens(document, head, skip_deps=("conj", "cc", "parataxis", "advcl", "mark"))
    target = [t for t in target if not (t.head == head and t.dep_ in {"aux", "neg"})]
    if not has_content(target):
        return None
    return FrameStance(head, frame.reporter, "oppose" if frame.negated else "support", target, "certain")


def read_frame(document: Document, frame: Frame, obligations: bool = False) -> FrameStance | None:
    """The stance a frame states, or ``None`` (reported obligations only if ``obligations``)."""
    if frame.deontic and frame.cls not in POLARITY:
        return read_obligation(document, frame) if obligations else None
    polarity = polarity_of(frame)
    if polarity is None or frame.holder is None or frame.question or not frame.theme or not frame.asserted:
        return None
    if not clause_allowed(frame):
        return None
    doc = document.doc
    cue = doc[frame.predicate]
    if clauses.in_if_clause(cue):
        return None
    target = [doc[i] for i in frame.theme]
    target = without_asides(target, clauses.root_of(target))
    if not has_content(target) or (frame.agent is not None and frame.agent in frame.theme):
        return None
    head = clauses.root_of(target)
    if any(c.dep_ == "nummod" for c in head.children):
        return None  # "accepted 11,491 Syrian refugees": counted things are material, not a position
    return FrameStance(cue, frame.holder, polarity, target, modality_of(frame))


def frame_stances(document: Document, taken: Iterable[tuple[int, str]], obligations: bool = False) -> list[FrameStance]:
    """The stances of ``document.frames`` but those (predicate, holder) a cue reader
    took; reported obligations too when ``obligations`` (``[stances]
    reported_obligations``)."""
    seen = set(taken)
    # what a demand, an intent or a threat is about is not asserted ("called for the
    # US to accept", "demanded that China agree to")
    inner = {i for f in document.frames if f.cls in EMBEDDING for i in f.theme}
    found = []
    for frame in document.frames:
        if frame.predicate in inner:
            continue
        reading = read_frame(document, frame, obligations)
        if reading is not None and (frame.predicate, reading.holder) not in seen:
            seen.add((frame.predicate, reading.holder))
            found.append(reading)
    return found
