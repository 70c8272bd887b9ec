"""Reporting cues over spaCy's dependency parse: the verb, its speaker, its addressee
and its complement.

>>> from newsledger.nlp import load
>>> nlp = load()
>>> cue = find_cues(nlp("Mr Trump has admitted Putin might not be sincere."))[0]
>>> cue.verb.text, phrase(cue.subject).text, cue.complement
('admitted', 'Mr Trump', (22, 48))
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np
from spacy.attrs import LOWER, POS
from spacy.symbols import AUX, NOUN, VERB
from spacy.tokens import Doc, Span, Token

from newsledger.annotate.quotes.subjects import subject_of
from newsledger.settings import QuoteSettings
from newsledger.tables import table, words

#: Parts of speech of cue verbs.
VERBAL = frozenset({VERB, AUX})

#: Dependents kept when a subject or addressee token is widened to its noun phrase:
#: the pre-modifiers that make a name or role ("White House press secretary Karoline
#: Leavitt", "the Ukrainian air force"); appositions, clauses and prepositional
#: phrases are left out so the phrase stays a name.
NP_DEPS = frozenset({"det", "compound", "amod", "poss", "nmod", "nummod", "quantmod", "case", "flat"})

#: Non-clausal complements some cue classes report: "the poll showed Trump leading …"
#: (dobj). Infinitives of commitment verbs ("threatened to put more sanctions") are
#: left to the commitments layer: they report an intention, not a statement.
COMPLEMENT_BY_CLASS = {"evidence": "dobj"}

#: Speech verbs whose object is the addressee ("told Fox News", "reminded voters").
TELL_VERBS = frozenset({"tell", "inform", "assure", "warn", "remind", "reassure", "advise", "notify", "brief"})

#: Speech acts whose object names what was said ("announced a series of steps to
#: tighten firearms sales", "repeated his promise to repeal …"): reported as indirect
#: quotations when the object has at least ``QuoteSettings.min_object_words`` words. Source: the
#: noun-phrase contents of PolNeAR train's cues, speech acts only (not "support",
#: "praise", "want": stances and wishes are other layers).
OBJECT_REPORTS = frozenset({"announce", "confirm", "deny", "repeat", "reiterate", "reveal", "disclose",
                            "report", "mention", "propose", "predict", "cite", "recount", "describe",
                            "say", "write", "tweet", "post", "discuss", "explain", "acknowledge"})

#: Speech acts that ask someone to do something: the object and the infinitive.
REQUEST_VERBS = frozenset({"ask", "urge", "tell", "warn", "advise", "remind"})

#: Speech acts that charge someone "of" something: the charge is what was said.
CHARGE_VERBS = frozenset({"accuse"})

#: Addressee prepositions of speech verbs ("said to reporters").
TO_PREPOSITIONS = frozenset({"to"})


@dataclass(frozen=True, slots=True)
class Cue:
    """A reporting verb with what hangs on it (tokens of the same ``Doc``).

    ``complement`` is the char range of the reported clause (without "that"), or None
    when the verb has no clausal complement (it may still introduce a direct quote).
    """

    verb: Token
    lemma: str
    subject: Token | None
    medium: Token | None
    complement: tuple[int, int] | None
    according_to: bool = False


#: The classes of ``quote_cues.csv`` (its header comment says what each credits).
CUE_CLASSES = frozenset({"speech", "writing", "belief", "evidence", "naming", "frame", "commitment"})


@dataclass(frozen=True, slots=True)
class QuoteCueRow:
    """One row of ``quote_cues.csv``: a cue verb's lemma and its class (the column
    ``class``, a Python keyword, is the field ``class_``)."""

    lemma: str
    class_: str


@functools.lru_cache(maxsize=1)
def cue_classes() -> dict[str, str]:
    """The cue table: ``{"say": "speech", "believe": "belief", …}``."""
    return {row.lemma: row.class_ for row in table("quote_cues.csv", QuoteCueRow)}


def is_cue(token: Token) -> bool:
    """A verb of the cue table: ``said`` in "she said", not "say" in "a say in it"."""
    if token.pos not in VERBAL:
        return False
    kind = cue_classes().get(token.lemma_.lower())
    if kind is None:
        return _put_it(token)
    return kind != "frame" or not any(c.dep_ == "xcomp" for c in token.children)


def _put_it(token: Token) -> bool:
    """The idiom of saying "as X put it" (object "it", introduced by "as"), never
    "put" alone: "Or, as Tom Ridge put it: “The barbarians are …”"."""
    if token.lemma_.lower() != "put":
        return False
    children = list(token.children)
    return any(c.dep_ == "dobj" and c.lower_ == "it" for c in children) and any(
        c.dep_ in ("mark", "advmod", "prep") and c.lower_ == "as" for c in children)


@functools.lru_cache(maxsize=1)
def cue_nouns() -> frozenset[str]:
    """Nouns of saying that take a "that" clause: ``{"assertion", "claim", …}``."""
    return frozenset(words("quote_nouns.txt"))


def find_cues(doc: Doc | Span, min_object_words: int = QuoteSettings.min_object_words) -> list[Cue]:
    """Every reporting cue in ``doc``: cue verbs, "according to X", and nouns of saying
    with a "that" clause ("made the observation that …"); an object reports what was
    said from ``min_object_words`` words (:func:`complement_of`)."""
    found = []
    for token in _cue_heads(doc):
        if is_cue(token):
            found.append(make_cue(token, min_object_words))
        elif token.lower_ == "according" and _according_object(token) is not None:
            found.append(_according_cue(token))
        elif token.pos_ == "NOUN" and token.lemma_.lower() in cue_nouns():
            cue = _noun_cue(token)
            if cue is not None:
                found.append(cue)
    return found


def _cue_heads(doc: Doc | Span) -> list[Token]:
    """The tokens that can head a cue: verbs, nouns and "according". Read off the token
    table in one pass, so that the other words are never built as Python objects."""
    table = doc.to_array([POS, LOWER])
    according = doc.vocab.strings["according"]
    wanted = np.isin(table[:, 0], [VERB, AUX, NOUN]) | (table[:, 1] == according)
    return [doc[int(i)] for i in np.flatnonzero(wanted)]


def _noun_cue(noun: Token) -> Cue | None:
    """ "Trump's assertion that X" / "he expressed concern that X": the possessor, or
    the subject of the verb the noun is the object of, is the speaker."""
    clause = next((c for c in noun.children if any(
        m.dep_ == "mark" and m.lower_ == "that" for m in c.children) and c.i > noun.i), None)
    if clause is None:
        return None
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    if owner is None and noun.dep_ in ("dobj", "pobj"):
        verb = noun.head if noun.dep_ == "dobj" else noun.head.head
        owner = subject_of(verb) if verb.pos_ in ("VERB", "AUX") else None
    span = clause_range(clause, noun)
    return Cue(noun, noun.lemma_.lower(), owner, None, span) if owner is not None else None


def make_cue(verb: Token, min_object_words: int = QuoteSettings.min_object_words) -> Cue:
    """The :class:`Cue` of a cue verb, its subject inherited through conj/xcomp/advcl."""
    # the nearest of several: a parse that runs over a paragraph break hangs a
    # clause of the paragraph before on the verb too
    complement = complement_of(verb, min_object_words)
    span = clause_range(complement, verb) if complement is not None else _request(verb) or _parenthetical(verb)
    return Cue(verb, verb.lemma_.lower(), subject_of(verb), medium_of(verb), span)


def _parenthetical(verb: Token) -> tuple[int, int] | None:
    """A cue set inside the clause it reports: "The plan, he said, was doomed", "As
    Politico reported, the plan was doomed" -> the clause without the cue's words."""
    as_clause = verb.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children)
    if (verb.dep_ != "parataxis" and not as_clause) or verb.head.pos_ not in ("VERB", "AUX"):
        return None
    inside = {t.i for t in verb.subtree}
    tokens = [t for t in verb.head.subtree if t.i not in inside and not t.is_punct and not t.is_space]
    if len(tokens) < 3:
        return None
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)


def _request(verb: Token) -> tuple[int, int] | None:
    """A reported request: "asked the campaign to “cease and desist” …" -> the object
    and the infinitive, as one span."""
    if verb.lemma_.lower() not in REQUEST_VERBS:
        return None
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    action = next((c for c in verb.children if c.dep_ == "xcomp"), None)
    if obj is None or action is None or not obj.i < action.i:
        return None
    last = max(action.subtree, key=lambda t: t.i)
    while last.is_punct and last.i > action.i:
        last = last.doc[last.i - 1]
    return obj.left_edge.idx, last.idx + len(last.text)


def complement_of(verb: Token, min_object_words: int = QuoteSettings.min_object_words) -> Token | None:
    """The head of what ``verb`` reports: its clausal complement (the nearest of several:
    a parse that runs over a paragraph break hangs a clause of the paragraph before on
    the verb too); else a "that" clause the parser hung on a noun ("said during a news
    conference that he may wait"); else the object of an evidence verb ("the poll
    showed Trump leading"), or of a speech act when it has ``min_object_words`` words."""
    clauses = [c for c in verb.children if c.dep_ == "ccomp"]
    if clauses:
        return min(clauses, key=lambda c: abs(c.i - verb.i))
    for token in verb.subtree:
        if token.i > verb.i and token.dep_ in ("relcl", "acl", "advcl") and any(
            c.dep_ == "mark" and c.lower_ == "that" for c in token.children
        ):
            return token
    lemma = verb.lemma_.lower()
    named = _naming(verb) if cue_classes().get(lemma) == "naming" else None
    if named is not None:
        return named
    if lemma in CHARGE_VERBS:  # "accused Sanders of subjecting her to a smear"
        return next((c for c in verb.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    wanted = "dobj" if lemma in OBJECT_REPORTS else COMPLEMENT_BY_CLASS.get(cue_classes().get(lemma, ""))
    found = next((c for c in verb.children if c.dep_ == wanted and c.i > verb.i), None)
    if found is None and cue_classes().get(lemma) in ("speech", "writing", "naming"):
        return _topic(verb)
    if found is None or wanted != "dobj":
        return found
    return found if sum(1 for t in found.subtree if t.is_alpha) >= min_object_words else None


#: Prepositions that introduce what a speech act is about ("talked about immigration",
#: "commented on the ruling", "called for a ban", "asked about his taxes").
TOPIC_PREPOSITIONS = frozenset({"about", "on", "for", "regarding", "over"})

#: What an "on" or "over" phrase names when it is the time or channel, not the topic
#: ("said on Monday", "spoke on CNN", "said over the weekend").
NOT_TOPIC_TYPES = frozenset({"DATE", "TIME", "ORG", "FAC", "GPE", "CARDINAL"})


def _topic(verb: Token) -> Token | None:
    """The topic of a speech act that has no clause or object: the preposition of
    "talked about X", "called for X" (its object is the content)."""
    for child in verb.rights:
        if child.dep_ != "prep" or child.lower_ not in TOPIC_PREPOSITIONS:
            continue
        obj = next((c for c in child.children if c.dep_ in ("pobj", "pcomp")), None)
        if obj is None or obj.ent_type_ in NOT_TOPIC_TYPES and child.lower_ in ("on", "over"):
            continue
        if child.lower_ == "for" and verb.lemma_.lower() not in ("call", "ask", "press", "push", "argue", "plead"):
            continue  # "said for years", "spoke for an hour"
        return child
    return None


def _naming(verb: Token) -> Token | None:
    """What a naming verb reports: its object with the name given to it ("called the
    senator “the next George Washington”", "described the plan as a failure"): the
    object is returned, and the name (``oprd``, or "as X") hangs on the verb after it;
    see :func:`clause_range`."""
    obj = next((c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i), None)
    if obj is None:
        return None
    name = next((c for c in verb.children if c.i > obj.i and (
        c.dep_ in ("oprd", "xcomp") or (c.dep_ == "prep" and c.lower_ == "as"))), None)
    if name is None:
        name = next((c for c in obj.children if c.dep_ in ("appos", "prep") and (c.dep_ == "appos" or c.lower_ == "as")), None)
    return obj if name is not None else None


def medium_of(verb: Token) -> Token | None:
    """The addressee of a speech verb: "told Fox News", "said to reporters", "told him"."""
    if cue_classes().get(verb.lemma_.lower()) not in ("speech", "commitment"):
        return None
    for child in verb.children:
        if child.dep_ in ("dobj", "dative") and verb.lemma_.lower() in TELL_VERBS:
            return child
        if child.dep_ in ("dative", "prep") and child.lower_ in TO_PREPOSITIONS:
            obj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if obj is not None:
                return obj
    return None


def phrase(token: Token) -> Span:
    """The name-like noun phrase headed by ``token``: pre-modifiers, no clauses."""
    left = token
    for child in token.lefts:
        if child.dep_ in NP_DEPS:
            left = child.left_edge if child.left_edge.i < left.i else left
            break
    right = token
    for child in token.rights:
        if child.dep_ in ("compound", "flat") and child.i == right.i + 1:
            right = child
    group = _group_of(token)
    if group is not None:
        right = phrase(group)[-1]  # "Some 55 percent of voters", "a majority of Republicans"
    return token.doc[left.i : right.i + 1]


def _group_of(token: Token) -> Token | None:
    """The plural noun of an "of" phrase that says who a part or a quantity is: "55
    percent *of voters*", "nearly two-thirds *of Democratic primary voters*" (the "of"
    may hang on the fraction), "a majority *of Republicans*"; None for a singular one
    ("a member of the committee" is the member), or a name's own ("Dave Leip’s Atlas of
    U.S. Presidential Elections")."""
    if token.pos_ not in ("NOUN", "NUM"):
        return None
    holders = [token, *(c for c in token.children if c.dep_ in ("quantmod", "nummod") and c.i > token.i)]
    for holder in holders:
        for child in holder.rights:
            if child.dep_ == "prep" and child.lower_ == "of":
                obj = next((c for c in child.children if c.dep_ == "pobj"), None)
                if obj is not None and obj.tag_ in ("NNS", "NNPS"):
                    return obj
    return None


def clause_range(clause: Token, cue: Token) -> tuple[int, int] | None:
    """Char range of a reported clause: its subtree without "that", edge punctuation,
    the cue's own words and a coordinated attribution of its own ("X worried, and
    4 in 10 said Y"); extended over a clause the parser coordinated with the cue
    instead ("said X, but Y may …")."""
    subtree = list(clause.subtree)
    nested = {t.i for d in subtree if d.dep_ == "conj" and (is_cue(d) or _reports_inside(d)) for t in d.subtree}
    tokens = [t for t in subtree if t.i != cue.i and t.i not in nested]
    if clause.i > cue.i:
        tokens += _coordinated_clauses(cue, clause)
    if clause.dep_ == "dobj" and cue_classes().get(cue.lemma_.lower()) == "naming":
        tokens += [t for c in cue.children if c.i > clause.i and (
            c.dep_ in ("oprd", "xcomp") or (c.dep_ == "prep" and c.lower_ == "as")) for t in c.subtree]
    tokens = sorted(tokens, key=lambda t: t.i)
    while tokens and (tokens[0].is_punct or tokens[0].dep_ == "mark" or tokens[0].is_space
                      or (tokens[0].dep_ == "aux" and tokens[0].lower_ == "to")
                      or (tokens[0] is clause and clause.pos_ == "ADP")):
        tokens.pop(0)
    while tokens and (tokens[-1].is_punct or tokens[-1].is_space or tokens[-1].dep_ == "cc"):
        tokens.pop()  # and the "and" left before a clause cut off
    if len(tokens) < 2:
        return None
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)


#: The forms of "say", the reporting verb the tagger most often mistakes for an
#: adjective or a noun ("more than 4 in 10 said billionaire Donald Trump would …").
SAY_FORMS = frozenset({"say", "says", "said"})


def _reports_inside(clause: Token) -> bool:
    """A coordinated clause that carries a "say" of its own before its verb: a second
    attribution ("…, and more than 4 in 10 said Trump would …"), not more of the first."""
    return any(t.lower_ in SAY_FORMS and t.i < clause.i for t in clause.subtree)


def _coordinated_clauses(cue: Token, clause: Token) -> list[Token]:
    """Clauses with their own subject conjoined to the cue after its complement, when
    the parser hung the second half of a reported sentence on the reporting verb."""
    extra: list[Token] = []
    for child in cue.rights:
        if child.i <= clause.i:
            continue
        if child.dep_ == "cc" or (child.dep_ == "punct" and child.text == ","):
            extra.append(child)
            continue
        has_subject = any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in child.children)
        if child.dep_ == "conj" and has_subject and not is_cue(child):
            extra.extend(child.subtree)
        break
    return extra if any(t.dep_ == "conj" for t in extra) else []


def _according_object(token: Token) -> Token | None:
    to = next((c for c in token.children if c.lower_ == "to"), None)
    if to is None and token.i + 1 < len(token.doc) and token.nbor().lower_ == "to":
        to = token.nbor()
    if to is None:
        return None
    return next((c for c in to.children if c.dep_ == "pobj"), None)


def _according_cue(token: Token) -> Cue:
    """ "according to X, …" / "…, according to X": the clause it modifies is the content."""
    source = _according_object(token)
    head = token.head
    outside = {t.i for t in token.subtree}
    tokens = [t for t in head.subtree if t.i not in outside]
    while tokens and (tokens[0].is_punct or tokens[0].is_space):
        tokens.pop(0)
    while tokens and (tokens[-1].is_punct or tokens[-1].is_space):
        tokens.pop()
    span = (tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)) if len(tokens) > 1 else None
    return Cue(token, "according to", source, None, span, according_to=True)
