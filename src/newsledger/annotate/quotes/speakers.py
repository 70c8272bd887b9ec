"""From a speaker token to a canonical entity: names, short names, organisations,
pronouns and role nouns.

In the reference article, :func:`speaker` of the subject of "… Karoline Leavitt told
reporters …" gives ``Speaker(entity=<Karoline Leavitt>, mention='White House press
secretary Karoline Leavitt', span=(540, 584))``.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from newsledger.annotate.quotes.coref import PRONOUNS, Resolver
from newsledger.annotate.quotes.cues import phrase
from newsledger.annotate.shared.mentions import entity_covering, entity_named
from newsledger.records import Document, Entity

#: Entity types that can speak: people, bodies, and states or peoples by metonymy
#: ("Russia said", "the Russians say").
SPEAKER_TYPES = frozenset({"PERSON", "ORG", "GPE", "NORP"})

#: Pronouns that refer to the writer or reader, not to anyone the article names.
DEICTIC = frozenset({"i", "me", "we", "us", "you"})


@dataclass(frozen=True, slots=True)
class Speaker:
    """Who is credited: the canonical entity (None when unknown) and the surface form."""

    entity: Entity | None
    mention: str
    span: tuple[int, int]


def speaker(document: Document, resolver: Resolver, token: Token) -> Speaker:
    """The speaker headed by ``token``, resolved through the entities layer and coref."""
    words = phrase(token)
    span = (words.start_char, words.end_char)
    return Speaker(resolve(document, resolver, token, words.text), words.text, span)


def resolve(document: Document, resolver: Resolver, token: Token, text: str) -> Entity | None:
    """Named mention over the head, else the article's name for the phrase, else coref."""
    if token.pos_ == "PRON" and token.lower_ in DEICTIC:
        return None
    if token.lower_ in PRONOUNS:
        return resolver.resolve(token)
    named = _mention_over(document, token)
    if named is not None:
        return named
    entity = entity_named(document, text)
    if entity is not None and entity.type in SPEAKER_TYPES and _names_head(entity, token):
        return entity
    return resolver.resolve(token)


def _mention_over(document: Document, token: Token) -> Entity | None:
    """The entity of a mention that covers the head token itself ("Leavitt", "force")."""
    entity = entity_covering(document, token.idx, token.idx + len(token.text))
    return entity if entity is not None and entity.type in SPEAKER_TYPES else None


def _names_head(entity: Entity, token: Token) -> bool:
    """Guards ``entity_named`` against a modifier's entity ("the US president" is not the US)."""
    head = token.text.casefold()
    return any(head in name.casefold().split() for name in (entity.name, *entity.aliases))


def medium_text(document: Document, token: Token) -> str:
    """The addressee as a name: the entity's canonical name, else the phrase ("reporters")."""
    words = phrase(token)
    entity = _mention_over(document, token)
    if entity is not None:
        return entity.name
    text = words.text
    for article in ("the ", "The "):
        if text.startswith(article) and text[len(article):][:1].isupper():
            return text[len(article):]
    return text
