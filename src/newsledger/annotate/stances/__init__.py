"""Stances: who supports or opposes what, how firmly.

Readings of the parse, each driven by a table under ``resources/``:

* a cue of position (``stance_cues.csv``): verbs "oppose", "reject", "rule out",
  "want", "not favoured"; adjectives "willing", "confident", "opposed to"; "against".
  The holder is the subject (the agent when passive), the target its complement.
* an evaluation (``stance_evaluations.csv``): "Talks … are seen by Mr Trump as vital"
  -> Trump supports the talks; "Geneva is considered the best option".
* a reported policy: "Trump has said American troops will not be sent" -> Trump
  opposes sending troops; "the US may provide air support" -> supports, possibly;
* a label or a reported evaluation (:mod:`newsledger.annotate.stances.labels`):
  "Erekat called it unacceptable", "'That was an outrageous tweet,' Axelrod said".

Then the frames' stances (:mod:`newsledger.annotate.stances.frames`) on what those
left. A party's members hold as the party ("Democrats" -> Democratic Party), "the
group" as the body last named (:mod:`newsledger.annotate.shared.bodies`).

Negation flips support to oppose ("not favoured"); a negated opposition is left out
(not opposing is not supporting). A stance whose holder does not resolve to an entity
is left out, except a stance on a venue option (kept with holder ``None``). Targets
get an issue key (:mod:`newsledger.annotate.stances.issues`); targets naming an option of a
planned event (``Event.place_options``) get ``option`` too.

    >>> from newsledger.pipeline import Pipeline
    >>> from newsledger.records import Article, Document
    >>> def annotated(text):
    ...     return Pipeline.load().annotate_one(Document(Article("a", text, published="2025-08-19")))
    >>> text = "Italy is opposed to putting boots on the ground in Ukraine."
    >>> [(s.holder, s.polarity, s.target) for s in annotated(text).stances]
    [('Italy', 'oppose', 'putting boots on the ground in Ukraine')]
"""

from __future__ import annotations

import functools
import logging
import re
from dataclasses import dataclass

from spacy.tokens import Token

from newsledger.annotate.shared import clauses
from newsledger.annotate.shared.bodies import described_body, members_party
from newsledger.annotate.shared.metonymy import holder_name
from newsledger.annotate.stage import Stage
from newsledger.annotate.stances.issues import issue_key
from newsledger.annotate.stances import labels
from newsledger.annotate.stances.frames import frame_stances
from newsledger.annotate.stances.options import link_options
from newsledger.annotate.stances.targets import (
    PREPS_OF,
    TARGET_DEPS,
    agent_of,
    complement,
    has_content,
    left_target,
    particle_object,
    subject_of,
    trimmed,
)
from newsledger.records import Document, Stance, stable_id
from newsledger.settings import StanceSettings
from newsledger.tables import table

log = logging.getLogger(__name__)

# Verbs of an actor's own policy, read as a position when reported with a negated
# future ("will not be sent") or a hedge ("may provide"); from the reference article
# and PolNeAR dev.
POLICY_VERBS = frozenset(
    {"send", "deploy", "provide", "put", "impose", "lift", "allow", "accept",
     "sign", "give", "withdraw", "ban", "build", "release", "join", "recognise", "recognize"}
)
# Verbs that state a judgement of their object: "seen as vital", "considered the best".
EVALUATION_VERBS = frozenset({"see", "consider", "regard", "view", "deem"})
# Verbs that turn a stance noun into a stance of their subject ("sounded a call for",
# "showing support for", "signaled willingness to"); from PolNeAR dev.
LIGHT_VERBS = frozenset(
    {"sound", "issue", "make", "show", "express", "voice", "signal", "offer", "throw", "announce", "reiterate"}
)
# Attitudes whose negation is the opposite attitude ("does not support" = opposes);
# directives ("call for", "urge", "demand", "insist") are left out: not demanding is
# not opposing. From the cue table, checked on PolNeAR dev.
NEGATABLE = frozenset(
    {"support", "back", "endorse", "favour", "favor", "prefer", "want", "welcome", "willing", "keen", "eager"}
)
# Dependents of a cue outside its stance's evidence (coordinated clauses, "with …" asides).
EVIDENCE_SKIP = ("conj", "cc", "dep", "parataxis", "prep")


@dataclass(frozen=True, slots=True)
class Cue:
    """One row of ``stance_cues.csv``: ``source`` says where the cue came from."""

    lemma: str
    pos: str
    polarity: str
    particle: str
    source: str


@dataclass(frozen=True, slots=True)
class EvaluationRow:
    """One row of ``stance_evaluations.csv``: ``judges`` is ``yes`` for a word that
    judges a person or a claim when reported ("X was right")."""

    word: str
    polarity: str
    judges: str
    source: str


@functools.lru_cache(maxsize=1)
def cues() -> dict[tuple[str, str], tuple[Cue, ...]]:
    """Position cues by (lemma, part of speech); a lemma may have several particles."""
    by_key: dict[tuple[str, str], tuple[Cue, ...]] = {}
    for cue in table("stance_cues.csv", Cue):
        by_key[(cue.lemma, cue.pos)] = (*by_key.get((cue.lemma, cue.pos), ()), cue)
    return by_key


def evaluation_rows() -> tuple[EvaluationRow, ...]:
    """The rows of ``resources/stance_evaluations.csv``, in file order."""
    return table("stance_evaluations.csv", EvaluationRow)


@functools.lru_cache(maxsize=1)  # read for every token: build the table once
def evaluations() -> dict[str, str]:
    """Evaluative words and the polarity they lend to their subject."""
    return {r.word: r.polarity for r in evaluation_rows()}


@functools.lru_cache(maxsize=1)  # read for every token: build the table once
def judgements() -> dict[str, str]:
    """The evaluative words that judge a person or a claim when reported ("X was right")."""
    return {r.word: r.polarity for r in evaluation_rows() if r.judges == "yes"}


@dataclass(frozen=True, slots=True)
class Reading:
    """A stance before it becomes a record."""

    cue: Token
    holder: str | None
    polarity: str
    target: list[Token]
    modality: str


def cue_of(token: Token) -> Cue | None:
    """The position cue ``token`` is, if any ("opposed" in "is opposed to" is an ADJ cue)."""
    lemma = token.lemma_.lower()
    if token.lower_ == "opposed" and any(c.dep_ == "auxpass" for c in token.children):
        return cues()[("opposed", "ADJ")][0]
    pos = token.pos_
    candidates = cues().get((lemma if pos != "ADJ" else token.lower_, pos), ())
    if not candidates:
        return None
    if pos == "NOUN" and not (token.dep_ == "dobj" and token.head.lemma_.lower() in LIGHT_VERBS):
        return None
    particles = {c.lower_ for c in token.children if c.dep_ in {"prt", "prep"}} | {
        m.lower_ for c in token.children if c.dep_ in {"advcl", "acl"} for m in c.children if m.dep_ == "mark"
    }  # "a call for the US to accept …" parses "for" as the mark of a clause
    cue = next((c for c in candidates if not c.particle or c.particle in particles), None)
    if cue and not cue.particle and any(c.dep_ == "prt" for c in token.children):
        return None  # "backed off": a particle changes the verb
    if cue and lemma == "want" and is_intention(token):
        return None
    if cue and lemma == "insist" and not is_directive(token):
        return None
    return cue


def is_directive(token: Token) -> bool:
    """"insisted that the first lady go", "that Pyongyang stop": a demand (base-form or
    should/must clause); "insisted he has different questions" asserts a fact."""
    for clause in (c for c in token.children if c.dep_ == "ccomp"):
        modals = {a.lower_ for a in clause.children if a.dep_ == "aux"}
        singular = any(c.dep_ == "nsubj" and c.tag_ in {"NN", "NNP"} for c in clause.children)
        # a subjunctive: base form, or a plural form after a singular subject ("that Clinton go")
        subjunctive = clause.tag_ == "VB" or (clause.tag_ == "VBP" and singular)
        return subjunctive and not modals or bool(modals & {"should", "must"})
    return any(c.dep_ == "prep" and c.lower_ == "on" for c in token.children)  # "insist on"


def is_intention(token: Token) -> bool:
    """"wanted to speak": a wish for one's own action is an intention, not a position."""
    return any(c.dep_ == "xcomp" and not any(g.dep_ == "nsubj" for g in c.children) for c in token.children)


def resolve(document: Document, token: Token | None) -> str | None:
    """The canonical name of the holder a token names, or ``None``."""
    if token is None:
        return None
    entity = clauses.holder_of(document, token) or described_body(document, token)
    return holder_name(entity.name) if entity else None


def polarity_of(cue: Cue, negated: bool) -> str | None:
    """Negation flips an attitude of support to oppose ("not favoured", "does not
    support"); a negated opposition or demand says nothing sure ("not that he is
    calling for …" is no call against)."""
    if not negated:
        return cue.polarity
    return "oppose" if cue.polarity == "support" and cue.lemma in NEGATABLE else None


def read_cue(document: Document, token: Token) -> Reading | None:
    """A stance from a position cue: "Italy is opposed to putting boots …"."""
    cue = cue_of(token)
    if cue is None or token.dep_ == "amod":
        return None
    if token.dep_ == "relcl" and not any(c.dep_ == "dobj" for c in token.children):
        return None  # "policies that she supported …": the object is the antecedent
    copula = token.head if token.dep_ in {"acomp", "prep"} and token.head.lemma_ == "be" else None
    if cue.pos == "ADP" and copula is None:
        return None
    negated = clauses.is_negated(token) or (copula is not None and clauses.is_negated(copula))
    polarity = polarity_of(cue, negated)
    if polarity is None:
        return None
    agent = agent_of(token)
    if cue.pos == "VERB" and agent is not None:
        holder_token = agent
        target = [t for c in token.children if c.dep_ in {"nsubj", "nsubjpass"} for t in c.subtree]
        target = target or left_target(document, token)
    elif cue.pos == "NOUN":
        holder_token = subject_of(token.head)  # "Trump sounded a call for …"
        if cue.particle:
            target = particle_object(token, cue.particle)
        else:  # "willingness to change ACA"
            target = complement(token, ("acl", "xcomp"), frozenset())
    else:
        holder_token = subject_of(copula or token)
        target = complement(token, TARGET_DEPS[:-1], PREPS_OF[cue.pos])
        if cue.particle:
            target = particle_object(token, cue.particle)
    if not has_content(target):
        return None
    head = clauses.root_of(target)
    modality = clauses.modality(token)
    if modality == "certain" and clauses.modality(head) != "certain":
        modality = clauses.modality(head)
    return Reading(token, resolve(document, holder_token), polarity, target, modality)


def evaluation_word(verb: Token) -> str | None:
    """The polarity an evaluation lends: "as vital" -> support, "the best option" -> support."""
    table = evaluations()
    for child in verb.children:
        if child.dep_ in {"advcl", "advmod", "oprd", "xcomp", "prep", "acomp", "attr"}:
            for token in child.subtree:
                if token.lower_ in table:
                    return table[token.lower_]
    return None


def read_evaluation(document: Document, token: Token) -> Reading | None:
    """A stance from an evaluation: "Talks … are seen by Mr Trump as vital …"."""
    if token.lemma_.lower() not in EVALUATION_VERBS or token.pos_ != "VERB":
        return None
    polarity = evaluation_word(token)
    if polarity is None or clauses.is_negated(token):
        return None
    passive = any(c.dep_ == "auxpass" for c in token.children)
    holder_token = agent_of(token) if passive else subject_of(token)
    target_dep = "nsubjpass" if passive else "dobj"
    target = [t for c in token.children if c.dep_ == target_dep for t in c.subtree]
    if not target:
        return None
    return Reading(token, resolve(document, holder_token), polarity, target, clauses.modality(token))


def read_policy(document: Document, token: Token) -> Reading | None:
    """A reported policy: "Trump has said American troops will not be sent to Ukraine"
    -> oppose (certain); "the US may provide air support" -> support (possible)."""
    if token.pos_ != "VERB" or token.lemma_.lower() not in POLICY_VERBS:
        return None
    if token.dep_ in {"xcomp", "amod", "acl", "pcomp", "advcl", "relcl"}:
        return None
    if clauses.condition_of(token):
        return None  # "if it becomes uncontrollable, … the army could be deployed": a scenario
    words = clauses.aux_words(token)
    negated = clauses.is_negated(token)
    if negated and words & clauses.FUTURE_MODALS:
        polarity, modality = "oppose", "certain"
    elif not negated and words & {"may", "might", "could", "can"}:
        polarity, modality = "support", "possible"
    else:
        return None
    holder = clauses.reporter_of(document, token)
    if holder is None:
        return None
    target = clauses.clause_tokens(document, token, skip_deps=("conj", "cc", "advcl", "ccomp", "punct"))
    return Reading(token, holder, polarity, target, modality)


def read_judgement(document: Document, token: Token) -> Reading | None:
    """A reported judgement of a named person's words or deeds: "Michael Flynn said
    Donald Trump was 'absolutely right' when he said …" -> Flynn supports it."""
    polarity = judgements().get(token.lower_)
    copula = token.head
    if polarity is None or token.dep_ != "acomp" or copula.lemma_ != "be":
        return None
    subject = [c for c in copula.children if c.dep_ == "nsubj"]
    if not subject or not any(t.pos_ == "PROPN" for t in subject[0].subtree):
        return None  # "that was outrageous": no named target
    if clauses.is_negated(copula) or clauses.is_negated(token):
        return None
    holder = clauses.reporter_of(document, copula)
    if holder is None:
        return None
    target = clauses.clause_tokens(document, copula, skip_deps=("conj", "cc", "parataxis"))
    return Reading(token, holder, polarity, target, clauses.modality(copula))


def read_label(document: Document, token: Token) -> Reading | None:
    """A stance from a label (:mod:`.labels`): "Netanyahu called it 'historic'"."""
    found = labels.label_stance(token, evaluations(), clauses.is_negated)
    if found is None:
        return None
    subject, polarity, target = found
    return Reading(token, resolve(document, subject), polarity, target, clauses.modality(token))


def read_demonstrative(document: Document, token: Token) -> Reading | None:
    """A reported evaluation (:mod:`.labels`): "That was a really outrageous tweet,"
    Axelrod said -> Axelrod opposes it."""
    found = labels.demonstrative_evaluation(token, evaluations(), clauses.is_negated)
    if found is None:
        return None
    holder = clauses.reporter_of(document, token)
    if holder is None:
        return None
    polarity, target = found
    return Reading(token, holder, polarity, target, clauses.modality(token))


# Tried in order on each token; a new reader adds the words it starts from to trigger_words().
READERS = (read_cue, read_evaluation, read_policy, read_judgement, read_label, read_demonstrative)


def to_stance(document: Document, reading: Reading, settings: StanceSettings = StanceSettings()) -> Stance:
    """The :class:`Stance` record of a reading; its issue key matched by ``settings``."""
    head = clauses.root_of(reading.target)
    target = clauses.text_of([t for t in reading.target if not trimmed(t, head)])
    holder = party_holder(document, reading.holder)
    tokens = [*reading.target, *clauses.clause_tokens(document, reading.cue, skip_deps=EVIDENCE_SKIP)]
    start, end = clauses.span_of(tokens)
    return Stance(
        id=stable_id("st", document.article.id, start, end, holder, target),
        article_id=document.article.id,
        polarity=reading.polarity,
        modality=reading.modality,
        target=target,
        evidence=document.article.text[start:end],
        span=(start, end),
        holder=holder,
        issue=issue_key(target, settings.issue_fuzzy_threshold, settings.issue_min_fuzzy_length),
    )


def party_holder(document: Document, holder: str | None) -> str | None:
    """A party's members as a holder are the party ("Democrats" -> Democratic Party)."""
    if holder is None:
        return None
    entity = next((e for e in document.entities if e.name == holder), None)
    return (members_party(holder, entity.type) if entity else None) or holder


@functools.lru_cache(maxsize=1)
def trigger_words() -> frozenset[str]:
    """Every word a reader starts from, as a lemma or as the lower-cased token: the
    cues, "opposed", the evaluation and policy verbs and the judging words. A token
    whose lemma and form are both outside it is read by no reader."""
    return frozenset(
        {lemma for lemma, _ in cues()} | {"opposed", "be"} | EVALUATION_VERBS | POLICY_VERBS | set(judgements())
        | labels.LABEL_VERBS
    )


def may_be_read(token: Token) -> bool:
    """Whether some reader could start from ``token`` (a cheap test before the readers)."""
    words = trigger_words()
    return token.lower_ in words or token.lemma_.lower() in words


def readings(document: Document, obligations: bool = StanceSettings.reported_obligations) -> list[Reading]:
    """Every stance reading in the document: the cue readers' (one per cue token),
    then the frames' (:mod:`.frames`) on the predicates they left; none from questions
    ("Why won't he release his tax returns?") or from inside an if-clause."""
    found = []
    asked = clauses.analysis_of(document).questions
    for token in document.doc:
        if not may_be_read(token) or token.i in asked or clauses.in_if_clause(token):
            continue
        for reader in READERS:
            reading = reader(document, token)
            if reading is not None and reading.target and not is_purpose(token):
                found.append(reading)
                break
    # a cue read without a holder, or for one of several coordinated holders: the frames
    # may find the others
    taken = {(r.cue.i, r.holder) for r in found if r.holder}
    for extra in frame_stances(document, taken, obligations):
        if extra.cue.i not in asked:
            found.append(Reading(extra.cue, extra.holder, extra.polarity, extra.target, extra.modality))
    return [r for r in found if not tense_clash(r.cue)]


def tense_clash(verb: Token) -> bool:
    """A present-tense conjunct with no subject of its own under a past-tense verb: the
    small model's misparse of a plural noun after "and" ("wanted to shield her shady
    dealings and *favors* to foreign governments"); a real conjunct keeps its head's
    tense ("rejected the plan and called for talks")."""
    return (verb.dep_ == "conj" and verb.tag_ in {"VBZ", "VBP"} and verb.head.tag_ == "VBD"
            and not any(c.dep_ in {"nsubj", "nsubjpass", "aux"} for c in verb.children))


def is_purpose(token: Token) -> bool:
    """A cue in a to-clause of purpose asserts no stance of the clause's subject
    ("teachers rallied in Indianapolis to call for better pay")."""
    return token.dep_ == "advcl" and any(c.dep_ == "aux" and c.tag_ == "TO" for c in token.children)


def words(text: str) -> set[str]:
    return set(re.findall(r"\w+", text.lower()))


def repeats(a: Stance, b: Stance, overlap: float = StanceSettings.repeat_overlap) -> bool:
    """The same stance said twice (a headline and its paragraph): same holder and
    polarity, and a share ``overlap`` (half) of the words of the shorter target in the longer."""
    if (a.holder, a.polarity, a.option) != (b.holder, b.polarity, b.option):
        return False
    short, long_ = sorted((words(a.target), words(b.target)), key=len)
    return bool(short) and len(short & long_) / len(short) >= overlap


def without_repeats(found: list[Stance], overlap: float = StanceSettings.repeat_overlap) -> list[Stance]:
    """One stance per repeated position (:func:`repeats`), the one with the fullest target."""
    kept: list[Stance] = []
    for stance in found:
        twin = next((i for i, k in enumerate(kept) if repeats(k, stance, overlap)), None)
        if twin is None:
            kept.append(stance)
        elif len(stance.target) > len(kept[twin].target):
            kept[twin] = stance
    return kept


def annotate(document: Document, settings: StanceSettings = StanceSettings()) -> Document:
    """Fill ``document.stances``; venue stances get their option from ``document.events``.

    ``settings`` gives the fuzzy issue match and the overlap that makes two stances one.
    """
    if document.doc is None:
        raise ValueError(f"article {document.article.id!r}: no spaCy Doc; run the parser first")
    stances = [to_stance(document, r, settings) for r in readings(document, settings.reported_obligations)]
    stances = link_options(stances, document.events)
    kept = [s for s in stances if s.holder or s.option]
    unique = without_repeats(kept, settings.repeat_overlap)
    log.debug("article %s: %d stances", document.article.id, len(unique))
    return document.evolve(stances=tuple(unique))


#: The stances stage: reads the parse and its analysis, entities, quotes and events.
STAGE = Stage(
    "stances", annotate,
    requires=("doc", "analysis", "entities", "mentions", "quotes", "frames", "events"), assigns=("stances",),
)
