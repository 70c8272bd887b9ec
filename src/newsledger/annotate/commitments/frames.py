"""Commitments read from the frame layer, dated or not.

Two kinds of frame commit their holder:

* a frame of class intent or threat (CAMEO 03, 13) with a clause or object theme:
  "pledged to cut emissions", "is ready to hold talks", "warned it would retaliate";
  the kind follows the CAMEO block the verb was read from (promise, pledge, offer,
  vow -> promise; intend, plan, prepare -> plan; predict -> expectation; 13 -> threat),
  and "agreed to" + an action (CAMEO 05 agree block) is a promise;
* a future frame (will, going to, 'll; "would" in reported speech, its future in the
  past): "we will inform you soon", "the airline will recommence its expansion",
  Tim Clark said. The holder is who reports it (the quote's speaker, the subject of
  "said"), else the agent when it is an entity. The kind comes from one table
  (:func:`future_kind`): a plan when the agent can act (an entity, a person pronoun,
  a role or group noun of the CAMEO agents dictionary or a collective body, or an
  agentless passive: "will be turned into a police station") or names a scheduled
  event, an expectation otherwise ("the exit will raise many questions"); negated, a
  promise ("we won't …"), or a threat under a condition.

Left out: questions, if-clauses, states ("will be", "will house"), frames embedded in
another commitment's theme (read from the outer one), "would" outside reported speech
(a hypothetical), futures under a verb of wishing ("hoped the swap would …"), hedged
speculation, and frames whose holder resolves to no one.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from newsledger.annotate.shared.frame import Frame
from newsledger.annotate.shared.cameo import block_of
from newsledger.annotate.shared import clauses
from newsledger.annotate.shared.event_types import type_of_noun

#: Kinds by the CAMEO block an intent verb was read from (``cameo_verbs.txt``).
INTENT_KINDS = {
    "promise": "promise", "pledge": "promise", "offer": "promise", "vow": "promise",
    "intend": "plan", "prepare": "plan", "predict": "expectation",
}
#: Verbs of state: their future is neither a plan nor a forecast of an outcome
#: ("would have access to", "would depend on", "would like to"); with the verbs of
#: containing (VerbNet contain-15.4 but "hold", which also holds talks): "it will house
#: the police offices" describes a use.
STATES = frozenset({"be", "have", "depend", "remain", "seem", "like", "love", "mean", "need",
                    "include", "contain", "house", "accommodate", "encompass", "comprise"})
#: Cognition and outcome verbs: their future is an expectation ("find out", "see").
EXPECTATION_LEMMAS = frozenset({"find", "know", "see", "learn", "hear", "become", "happen", "lead", "grow", "fall", "rise"})


@dataclass(frozen=True, slots=True)
class FrameCommitment:
    """A commitment read from one frame, before it becomes a record."""

    kind: str
    holder: str | None
    head: Token
    with_subject: bool


def intent_kind(frame: Frame) -> str | None:
    if frame.cls == "threat":
        return "threat"
    if frame.cls == "support" and block_of(frame.lemma) == "agree":
        return "promise"  # "agreed to pause strikes": an agreement to act commits the agent
    if frame.cls != "intent":
        return None
    if frame.pos != "VERB":
        return "promise" if frame.lemma in {"pledge", "promise", "committed"} else "plan"
    return INTENT_KINDS.get(block_of(frame.lemma) or frame.lemma, "plan")


def can_act(document, frame: Frame) -> bool:
    """Whether the frame's agent can commit (``Frame.animate``), or nobody is named
    in an agentless passive ("will be turned into a police station")."""
    if frame.animate:
        return True
    head = document.doc[frame.predicate]
    return frame.agent is None and any(c.dep_ == "auxpass" for c in head.children)


def read_frame(document, frame: Frame) -> FrameCommitment | None:
    """The commitment a frame states, or ``None``."""
    if frame.question or frame.pos not in {"VERB", "AUX", "ADJ", "NOUN"}:
        return None
    head = document.doc[frame.predicate]
    if clauses.in_if_clause(head):
        return None
    if is_hypothetical(head):
        return None
    kind = intent_kind(frame)
    action = intended_action(document, frame, head)
    if kind is not None and action is not None and not frame.negated and frame.asserted:
        if frame.holder:
            return FrameCommitment(kind, frame.holder, action, False)
        if frame.agent is None and any(c.dep_ == "auxpass" for c in head.children):
            # "the hearing, which is scheduled to take place in February": a plan, whose unsaid
            return FrameCommitment(kind, None, action, True)
    if frame.pos not in {"VERB", "AUX"} or frame.lemma in STATES:
        return None
    if is_relative(head) or (head.dep_ == "conj" and not own_clause(head)):
        return None  # a relative clause describes its noun; a bare conjunct is its head's action
    future = frame.modality == "future" or (frame.modality == "would" and frame.reporter is not None) or (
        frame.modality == "possible" and frame.reporter is not None and looks_ahead(document, frame, head))
    if not future or (is_infinitive(head) and not governed_future(head)):
        return None  # "will ask the ICC to open …": the asking is the commitment
    holder = frame.reporter or frame.holder
    if holder is None or wished(head):
        return None
    kind = future_kind(frame, can_act(document, frame), scheduled_event(document, frame))
    if kind is None:
        return None
    return FrameCommitment(kind, holder, head, holder != frame.holder)


def future_kind(frame: Frame, acts: bool, event: bool) -> str | None:
    """The kind of a future or hedged frame, from its modality, negation, condition and
    whether its agent can act (one table, read top down):

    ======================================  ===========  =====================================
    frame                                   kind         example
    ======================================  ===========  =====================================
    hedged, under a condition               none         "if he gets his message out, voters
                                                         could see …" (a speculation)
    hedged cognition or outcome verb        none         "voters could see defeating Trump"
    hedged, a scheduled event               plan         "missions could begin in 2022"
    negated, agent can act, condition       threat       "if it becomes uncontrollable, the
                                                         government would not sit on its hands"
    negated, agent can act                  promise      "he would never diagnose …", "we
                                                         won't …"
    negated otherwise                       none         "the decision would not change …",
                                                         "we will not know"
    agent can act, or a scheduled event     plan         "the airline will recommence …",
                                                         "the hearing will take place"
    otherwise                               expectation  "the exit will raise questions"
    ======================================  ===========  =====================================
    """
    cognition = frame.lemma in EXPECTATION_LEMMAS
    if frame.modality == "possible":
        if frame.condition or cognition:
            return None
        if event:
            return "plan"
    if frame.negated:
        if not acts or frame.agent is None or cognition:
            # "troops will not be sent": a policy, which the stances layer reads; "we
            # will not know": no outcome foretold
            return None
        return "threat" if frame.condition else "promise"
    return "plan" if (acts or event) and not cognition else "expectation"


#: Aspectual verbs of beginning (VerbNet class begin-55.1): "missions could begin",
#: "flights will resume": the start of an activity someone schedules.
BEGIN_VERBS = frozenset({"begin", "start", "commence", "resume", "recommence", "initiate", "launch"})


def scheduled_event(document, frame: Frame) -> bool:
    """Whether the frame foretells a scheduled event: its agent names an event
    ("the summit will take place") or it begins an activity ("missions could begin")."""
    if frame.agent is None:
        return False
    return type_of_noun(document.doc[frame.agent]) is not None or frame.lemma in BEGIN_VERBS


#: Verbs of wishing (VerbNet classes want-32.1 and long-32.2): a future under them is
#: hoped for, not foretold ("he hoped the swap would pave the way").
WISH_VERBS = frozenset({"hope", "wish", "want", "desire", "long", "yearn", "pray", "crave"})


def wished(verb: Token) -> bool:
    """Whether ``verb``'s clause is the complement of a verb of wishing."""
    if verb.dep_ not in {"ccomp", "xcomp"}:
        return False
    gov = verb.head
    # the small model lemmatises "hoped" as "hop": the regular forms are read too
    form = gov.lower_
    forms = {gov.lemma_.lower(), form, form[:-1], form[:-2], form[:-3] + "e", form[:-3]}
    return bool(forms & WISH_VERBS)


def intended_action(document, frame: Frame, head: Token) -> Token | None:
    """The verb an intent or threat frame commits to: its to-clause ("pledged *to
    cut*", "ready *to talk*"), never a that-clause ("warned that the vote could …"
    forecasts) nor an object ("offered analysis")."""
    for child in head.children:
        if child.dep_ == "xcomp" and child.pos_ in {"VERB", "AUX"} and child.i in frame.theme:
            return child
    return None


def is_relative(verb: Token) -> bool:
    """Whether ``verb`` heads a relative clause ("during which Muslims will kill",
    "that only she would have"), not a mis-attached main clause after a dash."""
    if verb.dep_ not in {"relcl", "acl"}:
        return False
    near = [c for c in verb.children] + [g for c in verb.children if c.dep_ == "prep" for g in c.children]
    return any(t.tag_ in {"WDT", "WP", "WP$", "WRB"} for t in near) or verb.dep_ == "acl"


def looks_ahead(document, frame: Frame, head: Token) -> bool:
    """Whether a hedged clause is dated after publication or says "soon": "missions
    could begin in 2022", "the war may soon conclude"."""
    if any(c.lower_ == "soon" for c in head.children):
        return True
    return bool(frame.time_end) and bool(clauses.is_after_publication(document, frame.time_end))


def governed_future(verb: Token) -> bool:
    """An infinitive whose governor makes it the future: "going to start", "plans to fly"."""
    gov = verb.head
    return verb.dep_ == "xcomp" and (gov.lower_ == "going" or gov.lemma_.lower() in clauses.FUTURE_GOVERNORS)


def is_infinitive(verb: Token) -> bool:
    return any(c.dep_ == "aux" and c.tag_ == "TO" for c in verb.children)


def own_clause(verb: Token) -> bool:
    """Whether a conjunct verb has its own subject or auxiliary ("and it could get …")."""
    return any(c.dep_ in {"nsubj", "nsubjpass", "aux", "auxpass"} for c in verb.children)


def is_hypothetical(head: Token) -> bool:
    """Whether ``head`` sits in an if- or whether-clause, or under one ("whether he
    believes it will benefit …")."""
    for token in (head, *head.ancestors):
        if any(c.dep_ == "mark" and c.lower_ in {"if", "whether", "unless"} for c in token.children):
            return True
    return False


def embedded(frames: tuple[Frame, ...]) -> set[int]:
    """Predicates inside an intent or threat frame's theme (read from the outer frame)."""
    return {i for f in frames if f.cls in {"intent", "threat"} for i in f.theme}
