"""Looking up the entities layer's records: which entity a char range or a surface
name stands for. Every later layer asks these of ``Document.entities`` and
``Document.mentions``; none reaches into the entities stage itself.

    >>> from newsledger.records import Article, Document, Entity, Mention
    >>> trump = Entity("ent-1", "Donald Trump", "PERSON", ("Trump",))
    >>> document = Document(Article("a", "Donald Trump has said"), entities=(trump,),
    ...                     mentions=(Mention("m-1", "a", "ent-1", "Donald Trump", (0, 12)),))
    >>> entity_at(document, 0, 6).name
    'Donald Trump'
    >>> entity_named(document, "Mr Trump’s").name
    'Donald Trump'
"""

from __future__ import annotations

from newsledger.annotate.shared.gazetteer import load
from newsledger.annotate.shared.names import (
    canonical_non_person,
    strip_article,
    strip_person_titles,
    strip_possessive,
)
from newsledger.records import Document, Entity, Mention


def entity_at(document: Document, start: int, end: int) -> Entity | None:
    """The entity whose mention best covers ``[start, end)`` (the largest overlap, the
    shortest mention of equals), or None."""
    best, best_key = None, None
    for mention in document.mentions:
        mention_start, mention_end = mention.span
        if mention_start >= end or mention_end <= start:
            continue  # disjoint, as most are
        overlap = min(end, mention_end) - max(start, mention_start)
        if overlap <= 0:
            continue
        key = (overlap, -(mention_end - mention_start))
        if best_key is None or key > best_key:
            best, best_key = mention, key
    if best is None:
        return None
    return entity_of_mention(document, best)


def entity_covering(document: Document, start: int, end: int) -> Entity | None:
    """The entity of the shortest mention that covers all of ``[start, end)`` (the first
    of equals), or None: what ``entity_at`` answers for a non-empty range that a mention
    covers, in one pass."""
    covering = [m for m in document.mentions if m.span[0] <= start and end <= m.span[1]]
    if not covering:
        return None
    return entity_of_mention(document, min(covering, key=lambda m: m.span[1] - m.span[0]))


def entity_of_mention(document: Document, mention: Mention) -> Entity | None:
    """The entity record a mention points to."""
    return next((e for e in document.entities if e.id == mention.entity_id), None)


def entity_named(document: Document, text: str) -> Entity | None:
    """Canonicalise a surface name within the article: ``"Mr Trump"`` -> Donald Trump.

    Looks up the article's entities by name and alias, then the gazetteer (countries,
    demonyms, acronyms, state bodies), then surnames of the article's people.
    Returns None for what it cannot name ("a diplomat", "sources").
    """
    gaz = load()
    name = strip_person_titles(strip_article(strip_possessive(text.strip())), gaz)
    if not name:
        return None
    key = name.casefold()
    for entity in document.entities:
        if entity.name.casefold() == key or key in (a.casefold() for a in entity.aliases):
            return entity
    canonical = canonical_non_person(name, gaz)
    if canonical is not None:
        type_, canonical_name = canonical
        known = next((e for e in document.entities if e.name == canonical_name), None)
        return known or Entity(Entity.make_id(canonical_name, type_), canonical_name, type_, ())
    if " " not in name:
        people = [e for e in document.entities if e.type == "PERSON"]
        for person in people:
            parts = person.name.split()
            if len(parts) > 1 and key in (parts[-1].casefold(), parts[0].casefold()):
                return person
    return None
