"""Who does what a predicate says: the agent phrase(s) of a frame in the parse.

The subject, or the ``by``-agent of a passive; a subject-less verb takes the subject of
the verb that controls it ("European leaders joined Zelenskyy in demanding …", "China
is seeking to remove …"), of the verb it is coordinated with, or the noun a relative
clause or participle modifies ("Democrats, who are demanding …"). Coordinated subjects
give one agent each ("Warren, Sanders and Harris joined …"). A dateline ("WASHINGTON —")
is never an agent.
"""

from __future__ import annotations

from spacy.tokens import Token

from newsledger.annotate.shared.cameo import overrides
from newsledger.annotate.shared.datelines import heads_dateline

# Dependencies through which a subject-less verb takes its governor's subject.
CONTROL_DEPS = frozenset({"xcomp", "conj", "pcomp", "advcl"})
# Relative words that stand for the noun their clause modifies.
RELATIVES = frozenset({"who", "which", "that", "whom"})
# Heads of a poll's shares ("1 percent support …"): no agent.
POLL_SHARES = frozenset({"percent", "%", "per cent", "percentage"})


def is_passive(verb: Token) -> bool:
    return any(c.dep_ in {"auxpass", "nsubjpass"} for c in verb.children)


def own_agent(verb: Token) -> Token | None:
    """The agent written on ``verb`` itself: the ``by`` object of a passive, else its
    subject (of an adjectival passive too: "Italy is opposed to …")."""
    if is_passive(verb) and not adjectival(verb):
        return next((g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"), None)
    return next((c for c in verb.children if c.dep_ in {"nsubj", "csubj", "nsubjpass"}), None)


def adjectival(verb: Token) -> bool:
    """A participle that is a predicate adjective of the frame lexicon ("opposed",
    "committed", "prepared to"), with no by-agent."""
    return (verb.lower_, "ADJ") in overrides() and not any(c.dep_ == "agent" for c in verb.children)


def agent_head(predicate: Token, limit: int = 4) -> Token | None:
    """The head token of the agent phrase, climbing control, coordination, relative
    clauses and participles up to ``limit`` steps."""
    current = predicate
    for _ in range(limit):
        if sum(c.dep_ in {"nsubj", "nsubjpass"} for c in current.children) > 1:
            return None  # two subjects: a broken parse ("Trump, while 5 percent prefer …")
        found = own_agent(current)
        if found is not None:
            if found.lower_ in RELATIVES and current.dep_ == "relcl":
                return current.head  # "Democrats, who are demanding …"
            return found
        if is_passive(current) and not adjectival(current):
            return None  # an agentless passive names no one
        if current.dep_ == "acl" and current.tag_ in {"VBG", "VBN"} and current.head.pos_ in {"NOUN", "PROPN"}:
            return current.head  # "Democrats demanding …" (a finite verb here is a misparse)
        if current.dep_ in {"acl", "relcl"}:
            return None
        if current.dep_ == "pcomp" and current.head.dep_ == "prep":
            current = current.head.head  # "joined Zelenskyy in demanding": the joiner
            continue
        if current.dep_ not in CONTROL_DEPS or current.head == current:
            return None
        current = current.head
    return None


def coordinated(head: Token) -> list[Token]:
    """``head`` and the nouns coordinated with it: "Warren, Sanders and Harris"."""
    out, stack = [head], [head]
    while stack:
        token = stack.pop()
        for child in token.children:
            if child.dep_ == "conj" and child.pos_ in {"PROPN", "NOUN", "PRON"} and not one_name(token, child):
                out.append(child)
                stack.append(child)
    return sorted(out, key=lambda t: t.i)


def one_name(first: Token, conj: Token) -> bool:
    """Whether a coordination lies inside one named entity ("Customs and Border
    Protection", "Doctors for Camp Closure and …" is two): every token from the first
    conjunct to the second continues the entity the first is in."""
    doc = first.doc
    return bool(first.ent_type_) and all(doc[i].ent_iob_ == "I" for i in range(first.i + 1, conj.i + 1))


def agents(predicate: Token) -> list[Token]:
    """One head token per agent of ``predicate`` (none for a dateline or no agent)."""
    head = agent_head(predicate)
    if head is None or heads_dateline(head):
        return []
    named = next((c for c in head.children if c.dep_ == "appos" and c.pos_ == "PROPN"), None)
    if named is not None and head.pos_ == "NOUN":
        head = named  # "The only two Arab states … - Egypt and Jordan - criticised"
    found = coordinated(head)
    if any(t.like_num or t.lemma_.lower() in POLL_SHARES for t in found):
        return []  # "5 percent prefer Gary Johnson and 1 percent support …": a poll, misparsed
    return found
