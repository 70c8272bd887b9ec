"""From a speaker token to a canonical entity: names, short names, organisations,
pronouns and role nouns.

In the reference article, :func:`speaker` of the subject of "… Karoline Leavitt told
reporters …" gives ``Speaker(entity=<Karoline Leavitt>, mention='White House press
secretary Karoline Leavitt', span=(540, 584))``.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from spacy.tokens import Token

from newsledger.annotate.quotes.coref import PRONOUNS, Resolver
from newsledger.annotate.quotes.cues import phrase
from newsledger.annotate.quotes.subjects import antecedent, subject_of
from newsledger.annotate.shared.mentions import entity_covering, entity_named
from newsledger.records import Document, Entity
from newsledger.tables import words as words_of

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
    """The speaker headed by ``token``, resolved through the entities layer and coref.

    A document ("a statement from the White House", "Clinton's emails") is a medium:
    its author speaks. A description with an appositive name ("the head of the
    delegation, Rustem Umerov,") is the name's entity."""
    if token.lemma_.lower() in document_nouns() or token.lower_ in document_nouns():
        author = author_of(token) or _earlier_author(token, resolver.document_window) or _issuer(token)
        words = phrase(token)  # the document as written; its author speaks
        who = speaker(document, resolver, author).entity if author is not None else None
        return Speaker(who, words.text, (words.start_char, words.end_char))
    words = phrase(token)
    span = (words.start_char, words.end_char)
    noun = antecedent(token)  # "who" is written; the noun it stands for is resolved
    if noun is not token:
        return Speaker(resolve(document, resolver, noun, phrase(noun).text), words.text, span)
    named = _appositive_name(document, token)
    return Speaker(named or resolve(document, resolver, token, words.text), words.text, span)


@functools.lru_cache(maxsize=1)
def document_nouns() -> frozenset[str]:
    """Nouns of documents and recordings (``quote_documents.txt``)."""
    return frozenset(words_of("quote_documents.txt"))


#: Prepositions that introduce a document's author ("a statement from X", "a report by X").
AUTHOR_PREPOSITIONS = frozenset({"from", "by", "of"})


def author_of(noun: Token) -> Token | None:
    """Who wrote or recorded the document ``noun`` heads: its possessor ("Clinton's
    emails"), a name before it ("the Trump campaign statement"), "from/by/of X", or the
    agent of a participle ("a statement issued by the ministry"); None when the phrase
    names no one."""
    for child in noun.children:
        if child.dep_ == "poss" and child.pos_ in ("PROPN", "NOUN"):
            return child
    for child in noun.lefts:
        if child.dep_ == "compound" and child.ent_type_ in SPEAKER_TYPES:
            return child
    for child in noun.rights:
        if child.dep_ == "prep" and child.lower_ in AUTHOR_PREPOSITIONS:
            obj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if obj is not None and (obj.ent_type_ in SPEAKER_TYPES or obj.pos_ == "PROPN"):
                return obj
        if child.dep_ == "acl":
            agent = next((c for c in child.children if c.dep_ == "agent"), None)
            obj = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
            if obj is not None:
                return obj
    return None


def _earlier_author(noun: Token, window: int) -> Token | None:
    """The author of the document a definite description names again: "the statement
    said" after "Cook provided a written statement" -> Cook (the subject of the verb
    the earlier mention is the object of, or that mention's own author), at most
    ``window`` tokens back."""
    first = noun.doc[noun.left_edge.i]
    if first.lower_ != "the":
        return None
    lemma = noun.lemma_.lower()
    for earlier in reversed(noun.doc[max(0, noun.i - window) : noun.left_edge.i]):
        if earlier.lemma_.lower() != lemma or earlier.pos_ != "NOUN":
            continue
        author = author_of(earlier)
        if author is None and earlier.dep_ in ("dobj", "pobj"):
            verb = earlier.head if earlier.dep_ == "dobj" else earlier.head.head
            author = subject_of(verb) if verb.pos_ in ("VERB", "AUX") else None
        return author
    return None


def _issuer(noun: Token) -> Token | None:
    """Who put out a document named for the first time as the object of their verb:
    "His office put out a statement saying …", "the ministry issued a statement
    saying …" -> the verb's subject; not a document named before ("the statement")."""
    first = noun.doc[noun.left_edge.i]
    if noun.dep_ != "dobj" or first.lower_ not in ("a", "an") or noun.head.pos_ not in ("VERB", "AUX"):
        return None
    subject = subject_of(noun.head)
    return subject if subject is not None and subject.i != noun.i and subject.lemma_.lower() not in document_nouns() else None


def _appositive_name(document: Document, token: Token) -> Entity | None:
    """The entity of a name in apposition to a description: "the head of the
    delegation, Rustem Umerov, said" (the apposition may hang on the description's
    head or on the noun of its "of" phrase)."""
    if token.pos_ == "PROPN":
        return None
    heads = [token] + [o for p in token.children if p.dep_ == "prep" for o in p.children if o.dep_ == "pobj"]
    for head in heads:
        for child in head.children:
            if child.dep_ == "appos" and child.pos_ == "PROPN":
                entity = _mention_over(document, child)
                if entity is not None:
                    return entity
    return None


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
