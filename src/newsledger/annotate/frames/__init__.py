"""Frames: the predications of an article, read once from the parse for the events,
stances and commitments views.

A :class:`Frame` is one predicate with one agent: the predicate (a verb, "voiced
*support* for" a noun under a light verb, "X's *call* for" a possessed noun, "*ready*
to" a predicative adjective), its class (CAMEO, :mod:`newsledger.annotate.shared.cameo`), the agent (subject;
passive agent; through control, relative pronouns and coordination, one frame per
coordinated agent; never a dateline) and the entity it names, the theme (the whole
complement), negation, modality, condition, the attached time expression, and who
reports it (a quote's speaker, or the subject of a governing "said"). Inside a quote,
"we"/"I" resolve to its speaker. Frames are kept on the document for the later stages
and dropped with the parse (not stored: each view stores what it reads from them).

    >>> from newsledger.pipeline import Pipeline
    >>> from newsledger.records import Article, Document
    >>> text = "European leaders joined Zelenskyy in demanding a ceasefire."
    >>> document = Pipeline.load().annotate_one(Document(Article("a", text)))
    >>> [(f.lemma, f.cls, f.agent_text) for f in document.frames if f.cls]
    [('demand', 'demand', 'European leaders')]
"""

from __future__ import annotations

import logging

from spacy.tokens import Token

from newsledger.annotate.frames.agents import agents
from newsledger.annotate.shared import clauses
from newsledger.annotate.shared.bodies import described_body
from newsledger.annotate.shared.cameo import agent_nouns, class_of
from newsledger.annotate.shared.frame import Frame
from newsledger.annotate.shared.metonymy import holder_name
from newsledger.annotate.stage import Stage
from newsledger.records import Document
from newsledger.settings import FrameSettings

log = logging.getLogger(__name__)

# Verbs that turn a predicate noun into their subject's predication ("voiced support
# for", "expressed desire to", "made a pledge"); light-verb constructions, as the
# stances stage listed them from PolNeAR dev, plus "give" and "reiterate".
LIGHT_VERBS = frozenset(
    {"sound", "issue", "make", "show", "express", "voice", "signal", "offer", "throw", "announce",
     "reiterate", "give", "renew", "repeat", "lend", "declare", "pledge"}
)
# Prepositions that carry a predicate's theme ("support for", "opposed to", "call on").
THEME_PREPS = frozenset({"for", "to", "of", "on", "against", "about", "over", "with", "at"})
# Auxiliaries of modality, by the modality they give.
FUTURE = clauses.FUTURE_MODALS | {"going"}
POSSIBLE = frozenset({"may", "might", "could", "can", "should", "must"})
# Pronouns that name someone able to act.
PERSON_PRONOUNS = frozenset({"i", "we", "he", "she", "they", "you"})
# Collective bodies that act as one: the CAMEO agents dictionary files them only in
# multi-word entries (COUNCIL_OF_STATE, STATE_COMMISSION, COMMITTEE_OF_STATE), which
# its one-word reader (:func:`agent_nouns`) leaves out; "the country would declare",
# "a jury ... will pick".
BODY_NOUNS = frozenset(
    {"country", "nation", "state", "jury", "panel", "committee", "council", "commission", "board",
     "party", "union", "coalition", "alliance", "group", "team", "agency"}
)
# Modals of obligation: a reported "should" is the reporter's position on the clause.
DEONTIC = frozenset({"should", "must", "ought"})
# Parts of speech a predicate can have.
PREDICATE_POS = frozenset({"VERB", "AUX", "NOUN", "ADJ"})


def predicate_lemma(token: Token) -> str:
    """The lemma with a particle the verb takes ("rule out", "call for" from its preposition)."""
    lemma = token.lemma_.lower()
    prt = next((c.lower_ for c in token.children if c.dep_ == "prt"), None)
    if prt:
        return f"{lemma} {prt}"
    if lemma == "call":
        prep = next((c.lower_ for c in token.children if c.dep_ == "prep" and c.lower_ in {"for", "on"}), None)
        return f"call {prep}" if prep else lemma
    return lemma


def object_of(token: Token) -> Token | None:
    return next((c for c in token.children if c.dep_ == "dobj"), None)


def verb_theme(token: Token) -> tuple[list[Token], bool]:
    """A verb's complement: object (with the clause it controls: "urged X to Y"), a
    to-clause, a that-clause (flagged), a preposition's object, or a passive subject."""
    kids = list(token.children)
    obj = next((c for c in kids if c.dep_ == "dobj"), None)
    xcomp = next((c for c in kids if c.dep_ == "xcomp"), None)
    if obj is not None:  # "urged X to Y", "recommends all individuals get a vaccine"
        then = next((c for c in kids if c.dep_ in {"xcomp", "ccomp"} and c.i > obj.i), None)
        return list(obj.subtree) + (list(then.subtree) if then is not None else []), False
    if xcomp is not None:
        return list(xcomp.subtree), False
    ccomp = next((c for c in kids if c.dep_ == "ccomp"), None)
    if ccomp is not None:
        return list(ccomp.subtree), True
    prep = next((c for c in kids if c.dep_ == "prep" and c.lower_ in THEME_PREPS
                 and any(g.dep_ in {"pobj", "pcomp"} for g in c.children)), None)
    if prep is not None:
        return [t for g in prep.children if g.dep_ in {"pobj", "pcomp"} for t in g.subtree], False
    subject = next((c for c in kids if c.dep_ == "nsubjpass"), None)
    return (list(subject.subtree) if subject is not None else []), False


def noun_theme(token: Token) -> list[Token]:
    """A predicate noun's complement: "support *for the plan*", "efforts *to end it*"."""
    for child in token.children:
        if child.dep_ in {"acl", "xcomp", "relcl"} and any(g.tag_ == "TO" for g in child.children):
            return list(child.subtree)
        if inner := _prep_object(child):
            return inner
    return []


def adjective_theme(token: Token) -> list[Token]:
    """A predicative adjective's complement: "ready *to talk*", "opposed *to the deal*"."""
    for child in token.children:
        if child.dep_ in {"xcomp", "ccomp"}:
            return list(child.subtree)
        if inner := _prep_object(child):
            return inner
    return []


def _prep_object(child: Token) -> list[Token]:
    """The object of a theme preposition ("for *the plan*", "to *the deal*"), else []."""
    if child.dep_ != "prep" or child.lower_ not in THEME_PREPS:
        return []
    return [t for g in child.children if g.dep_ in {"pobj", "pcomp"} for t in g.subtree]


def modality_of(head: Token) -> str:
    """``future`` (will, going to, plan to), ``would``, ``possible`` (may, could,
    should), else ``certain``; read on the head and the verb governing an xcomp."""
    own = {c.lower_ for c in head.children if c.dep_ in {"aux", "auxpass"}}
    if own & POSSIBLE and not own & FUTURE:
        return "possible"  # "… will come out, and it could get out of control"
    words = clauses.aux_words(head)
    if words & FUTURE or clauses.is_future(head):
        return "future"
    if "would" in words or "'d" in words:
        return "would"
    if words & POSSIBLE:
        return "possible"
    return "certain"


def read(document: Document, token: Token) -> list[tuple[Token, str, str | None, Token, list[Token], bool]]:
    """The predications ``token`` heads: (predicate, lemma, class, clause head, theme,
    theme is a that-clause), none when it heads none."""
    pos = token.pos_
    if pos in {"VERB", "AUX"}:
        if token.lemma_.lower() == "be" or token.dep_ == "amod":
            return []
        lemma = predicate_lemma(token)
        obj = object_of(token)
        if obj is not None and lemma in LIGHT_VERBS and class_of(obj.lemma_.lower(), "NOUN"):
            return []  # "voiced criticism of": the noun is the predicate
        cls = class_of(lemma, "VERB", obj.lemma_.lower() if obj is not None else None)
        if cls is None and " " in lemma and lemma.split()[0] != "call":
            return []  # "backed off": a particle the dictionary does not list changes the verb
        theme, is_clause = verb_theme(token)
        return [(token, lemma, cls, token, theme, is_clause)]
    if pos == "NOUN":
        cls = class_of(token.lemma_.lower(), "NOUN")
        if cls is None:
            return []
        possessed = any(c.dep_ == "poss" for c in token.children)
        light = token.dep_ == "dobj" and token.head.lemma_.lower() in LIGHT_VERBS
        if not (possessed or light):
            return []
        return [(token, token.lemma_.lower(), cls, token.head if light else token, noun_theme(token), False)]
    if pos == "ADJ" and token.dep_ == "acomp" and token.head.lemma_ == "be":
        cls = class_of(token.lower_, "ADJ")
        return [(token, token.lower_, cls, token.head, adjective_theme(token), False)] if cls else []
    return []


def agent_tokens(predicate: Token, clause: Token) -> list[Token]:
    """The agents: a possessor for a possessed noun, else those of the clause head."""
    if predicate.pos_ == "NOUN" and predicate is clause:
        return [c for c in predicate.children if c.dep_ == "poss"]
    return agents(clause)


def frames_of(document: Document, token: Token, settings: FrameSettings) -> list[Frame]:
    """The frames ``token`` heads (one per agent), for classed predicates and for
    verbs of future or hedged modality (the commitments view reads those)."""
    found = []
    for predicate, lemma, cls, clause, theme, is_clause in read(document, token):
        modality = modality_of(clause)
        deontic = is_deontic(clause)
        if cls is None and modality == "certain" and not deontic:
            continue
        if len(theme) > settings.max_theme_tokens:
            theme = theme[: settings.max_theme_tokens]
        negated = clauses.is_negated(clause) or clauses.is_negated(predicate)
        scope = clauses.clause_tokens(document, clause, skip_deps=("ccomp", "conj", "cc", "parataxis"))
        located = clauses.time_of(document, scope)
        quote = clauses.quote_covering(document, predicate.idx, predicate.idx + len(predicate.text))
        heads = agent_tokens(predicate, clause) or [None]
        for agent in heads:
            entity = (clauses.holder_of(document, agent) or described_body(document, agent)) if is_agentive(agent) else None
            found.append(Frame(
                predicate=predicate.i, lemma=lemma, pos=predicate.pos_, cls=cls,
                agent=agent.i if agent is not None else None,
                agent_text=clauses.text_of(agent_phrase(agent)) if agent is not None else None,
                holder=holder_name(entity.name) if entity else None,
                theme=tuple(t.i for t in theme), theme_is_clause=is_clause, negated=negated,
                modality=modality, condition=clauses.condition_of(clause),
                time_start=located.start if located else None, time_end=located.end if located else None,
                reporter=holder_name(clauses.reporter_of(document, clause)), in_quote=quote is not None,
                question=clause.i in clauses.analysis_of(document).questions,
                asserted=is_asserted(clause),
                deontic=deontic,
                animate=entity is not None or can_act(agent),
            ))
    return found


def can_act(agent: Token | None) -> bool:
    """Whether an agent names someone who can act: a person pronoun, a role or group
    noun of the CAMEO agents dictionary ("lawmakers", "the airline"), or a name."""
    if agent is None:
        return False
    return (agent.lower_ in PERSON_PRONOUNS or agent_noun(agent)
            or agent.ent_type_ in {"PERSON", "ORG", "GPE", "NORP"} or collective_of_agents(agent))


def agent_noun(token: Token) -> bool:
    """A role or group noun: the CAMEO agents dictionary's, or a collective body."""
    lemma = token.lemma_.lower()
    return lemma in agent_nouns() or (token.pos_ == "NOUN" and lemma in BODY_NOUNS)


def collective_of_agents(agent: Token) -> bool:
    """"a group of physicians", "a jury of experts and public officials": a noun whose
    of-phrase names agents acts through them."""
    members = [g for c in agent.children if c.dep_ == "prep" and c.lower_ == "of"
               for g in c.children if g.dep_ == "pobj"]
    return any(can_act(m) for m in members)


def is_deontic(head: Token) -> bool:
    """Whether ``head`` says what ought to be: "the Legislature *should* direct money",
    "we *need to* keep teachers", "China is going to *have to* make a deal"."""
    if clauses.aux_words(head) & DEONTIC:
        return True
    gov = head.head
    return head.dep_ == "xcomp" and gov.lemma_.lower() in {"need", "have"} and gov.pos_ in {"VERB", "AUX"} and any(
        c.tag_ == "TO" for c in head.children)


def is_agentive(agent: Token | None) -> bool:
    """Whether an agent can hold a position: not a share of a poll ("1 percent support")."""
    if agent is None:
        return False
    return not (agent.like_num or agent.lemma_.lower() in {"percent", "%", "per cent"})


def is_asserted(clause: Token) -> bool:
    """Whether the text asserts the predication: not an infinitive ("for the US to
    accept", "rallied to call for"), not a bare infinitive, not an embedded question
    ("whether Trump will agree")."""
    if clause.tag_ == "VB" and not any(c.dep_ in {"aux", "auxpass"} for c in clause.children):
        return False  # a bare infinitive: "would like to see China agree to …"
    for child in clause.children:
        if child.dep_ == "aux" and child.tag_ == "TO":
            return False
        if child.dep_ == "mark" and child.lower_ in {"whether", "if"}:
            return False
    if clause.dep_ == "conj" and clause.head.pos_ in {"VERB", "AUX"} and not any(
            c.dep_ in {"nsubj", "nsubjpass", "aux"} for c in clause.children):
        return is_asserted(clause.head)  # "wanted to shield … and favors …": the conjunct shares its head's form
    return True


def agent_phrase(agent: Token) -> list[Token]:
    """The agent's own words, without what is coordinated with it or a relative clause."""
    skipped = {t.i for c in agent.children if c.dep_ in {"conj", "cc", "relcl", "acl", "appos", "punct"}
               for t in c.subtree}
    return [t for t in agent.subtree if t.i not in skipped]


def annotate(document: Document, settings: FrameSettings = FrameSettings()) -> Document:
    """Fill ``document.frames`` from the parse (``settings``: the theme's length cap)."""
    if document.doc is None:
        raise ValueError(f"article {document.article.id!r}: no spaCy Doc; run the parser first")
    frames = [f for t in clauses.tokens_with_pos(document.doc, PREDICATE_POS) for f in frames_of(document, t, settings)]
    log.debug("article %s: %d frames", document.article.id, len(frames))
    return document.evolve(frames=tuple(frames))


#: The frames stage: reads the parse, entities, times and quotes; the views read its frames.
STAGE = Stage(
    "frames", annotate,
    requires=("doc", "analysis", "entities", "mentions", "times", "quotes"), assigns=("frames",),
)
