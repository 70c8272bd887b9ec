"""Holders named by their kind or their members: a definite description of a body
("the group" -> the organisation last named), a party-member plural ("Democrats" ->
Democratic Party; demonyms, "Russians" -> Russia, are the entities layer's).

A bare description resolves only to the nearest earlier subject naming an entity of
the matching type, up to three sentences back (the centering preference for recent,
salient referents); otherwise the holder stays unknown: a guessed holder is worse
than none.

    >>> KINDS["group"], KINDS["country"]
    (frozenset({'ORG'}), frozenset({'GPE'}))
"""

from __future__ import annotations

from spacy.tokens import Token

from newsledger.annotate.shared.mentions import entity_at
from newsledger.records import Document, Entity

#: Nouns that describe a body by its kind, and the entity types they can stand for.
#: The generic heads of organisation and country names (the ACE 2005 guidelines'
#: nominal mentions of ORG and GPE entities).
ORG = frozenset({"ORG"})
GPE = frozenset({"GPE"})
KINDS: dict[str, frozenset[str]] = {
    "group": ORG, "organization": ORG, "organisation": ORG, "company": ORG, "firm": ORG,
    "agency": ORG, "union": ORG, "coalition": ORG, "alliance": ORG, "campaign": ORG,
    "country": GPE, "nation": GPE,
}
#: How many earlier sentences a description may reach back.
REACH = 3


def described_body(document: Document, token: Token) -> Entity | None:
    """The body "the group" stands for: the nearest earlier subject mention of an ORG
    (for "the group", "the company", …) or GPE ("the country") entity, within
    :data:`REACH` sentences. Only a bare definite description counts ("the group", not "a group",
    "the Hong Kong group", "the group of protesters")."""
    types = KINDS.get(token.lemma_.lower())
    if types is None or token.pos_ != "NOUN":
        return None
    deps = {c.dep_: c for c in token.children}
    det = deps.get("det")
    if det is None or det.lower_ != "the" or deps.keys() - {"det"}:
        return None
    sentence = token.sent
    earlier = [s for s in token.doc.sents if s.end <= sentence.start][-REACH:]
    floor = earlier[0].start_char if earlier else sentence.start_char
    best: Entity | None = None
    best_start = -1
    for mention in document.mentions:
        start, end = mention.span
        if floor <= start and end <= token.idx and start > best_start and is_subject(token.doc, start, end):
            entity = entity_at(document, start, end)
            if entity is not None and entity.type in types:
                best, best_start = entity, start
    return best


def is_subject(doc, start: int, end: int) -> bool:
    """Whether the mention at ``[start, end)`` is a clause's subject (the likeliest
    antecedent; an object or a prepositional phrase is passed over)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    return span is not None and span.root.dep_ in {"nsubj", "nsubjpass"}



#: Party members' plurals and the party they stand for as a holder (each party's own
#: name, as on its Wikipedia page). A hand table, kept to the parties whose members'
#: noun is not also a religion or an ideology ("Socialists", "Nationalists" stay).
PARTY_MEMBERS = {
    "democrats": "Democratic Party", "republicans": "Republican Party",
    "conservatives": "Conservative Party", "tories": "Conservative Party", "liberals": "Liberal Party",
}


def members_party(name: str, entity_type: str) -> str | None:
    """The party whose members a group name names, or ``None``: the entities layer
    types "Democrats", "Republicans" as NORP (nationalities, religious and political
    groups).

    >>> members_party("Democrats", "NORP"), members_party("Tories", "NORP")
    ('Democratic Party', 'Conservative Party')
    >>> members_party("Russians", "NORP"), members_party("Democrats", "ORG")
    (None, None)
    """
    if entity_type != "NORP":
        return None
    return PARTY_MEMBERS.get(name.casefold())
