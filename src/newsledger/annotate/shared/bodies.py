"""Holders named by their kind or their members: a definite description of a body
("the group" -> the organisation last named), a demonym or party-member plural
("Russians" -> Russia, "Democrats" -> Democratic Party).

Both are read only where the text gives the body: a bare description resolves to the
nearest earlier mention of an entity of the matching type, up to three sentences back
(the centering preference for recent, salient referents), and a group noun maps to a
body only when that body is itself an entity of the article. Otherwise the holder
stays unknown: a guessed holder is worse than none.

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
    """The body "the group" stands for: the nearest earlier mention of an ORG (for
    "the group", "the company", …) or GPE ("the country") entity, within :data:`REACH`
    sentences. Only a bare definite description counts ("the group", not "a group",
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
        if floor <= start and end <= token.idx and start > best_start:
            entity = entity_at(document, start, end)
            if entity is not None and entity.type in types:
                best, best_start = entity, start
    return best
