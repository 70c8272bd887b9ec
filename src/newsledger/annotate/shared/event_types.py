"""The event typology of ``resources/event_types.csv``: which verbs and nouns trigger
which type (our types mapped to PLOVER, CAMEO and ACLED). Shared: the events layer
types its triggers with it, the commitments layer tells an event subject ("a meeting
could happen") from an agent.

    >>> type_of_lemma("summit", "nouns").type, type_of_lemma("attack", "verbs").cameo
    ('meeting', '18 ASSAULT / 19 FIGHT')
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from spacy.tokens import Token

from newsledger.tables import table


@dataclass(frozen=True, slots=True)
class EventTypeRow:
    """One row of ``event_types.csv`` as written: lemma lists are space-separated,
    ``extracted`` is ``yes`` or ``no``."""

    type: str
    plover_root: str
    cameo_root: str
    acled_event_type: str
    extracted: str
    verb_lemmas: str
    noun_lemmas: str
    light_verbs: str


@dataclass(frozen=True, slots=True)
class EventType:
    """One event type, read from its :class:`EventTypeRow`."""

    type: str
    plover: str
    cameo: str
    acled: str
    extracted: bool
    verbs: frozenset[str]
    nouns: frozenset[str]
    light_verbs: frozenset[str]

    @classmethod
    def of(cls, row: EventTypeRow) -> EventType:
        return cls(
            row.type, row.plover_root, row.cameo_root, row.acled_event_type,
            row.extracted == "yes", frozenset(row.verb_lemmas.split()),
            frozenset(row.noun_lemmas.split()), frozenset(row.light_verbs.split()),
        )


@functools.lru_cache(maxsize=1)
def event_types() -> tuple[EventType, ...]:
    """The typology shipped in ``resources/event_types.csv``, in file order."""
    return tuple(EventType.of(row) for row in table("event_types.csv", EventTypeRow))


@functools.lru_cache(maxsize=2)
def types_by_lemma(kind: Literal["verbs", "nouns"]) -> Mapping[str, EventType]:
    """Trigger lemma -> the first extracted type listing it among its ``kind``."""
    index: dict[str, EventType] = {}
    for etype in event_types():
        if etype.extracted:
            for lemma in getattr(etype, kind):
                index.setdefault(lemma, etype)
    return index


def type_of_lemma(lemma: str, kind: Literal["verbs", "nouns"]) -> EventType | None:
    """The extracted type a trigger lemma of ``kind`` names, if any."""
    return types_by_lemma(kind).get(lemma)


def type_of_verb(token: Token) -> EventType | None:
    """The event type a verb triggers on its own ("attacked" -> attack)."""
    if token.pos_ != "VERB":
        return None
    return types_by_lemma("verbs").get(token.lemma_.lower())


def type_of_noun(token: Token) -> EventType | None:
    """The event type a noun names ("summit" -> meeting); proper names never count."""
    if token.pos_ != "NOUN":
        return None
    return types_by_lemma("nouns").get(token.lemma_.lower())
