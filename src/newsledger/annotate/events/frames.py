"""Event triggers read from the frame layer: verbs of a CAMEO class that names an
event type, beyond the trigger lemmas of ``event_types.csv`` (which stay first).

A frame's class gives the type (CAMEO 18-20 -> attack, 14 -> protest); precision rules per type keep words
from counting as deeds: an attack needs a person, people or country hit ("he was hit
by a brick", "troops killed three civilians"; "hit a record" has no victim), a
protest an animate agent ("teachers marched"). CAMEO 04 (meet, consider, visit) and
05/06 are too broad to trigger on their own: the table's meeting and agreement
triggers stay the only ones.
"""

from __future__ import annotations

from spacy.tokens import Token

from newsledger.annotate.shared.frame import Frame
from newsledger.annotate.shared.cameo import agent_nouns
from newsledger.annotate.shared.event_types import EventType, event_types

#: Frame class -> event type (``event_types.csv``'s ``type``). CAMEO 07 (provide aid:
#: give, boost, defend) and 09 (investigate: check, inspect) counted deeds and words
#: alike on the train split; their table triggers stay the only ones.
CLASS_TYPES = {"attack": "attack", "protest": "protest"}
#: Entity types an attack read from a frame can hit.
VICTIMS = frozenset({"PERSON", "NORP", "GPE"})
#: Pronouns standing for people hit.
PEOPLE = frozenset({"he", "she", "they", "him", "her", "them", "we", "us"})


def victim(token: Token) -> bool:
    return token.ent_type_ in VICTIMS or token.lower_ in PEOPLE or (
        token.pos_ == "NOUN" and any(c.dep_ == "nummod" for c in token.children))


def fits(frame: Frame, token: Token, etype: str) -> bool:
    """The per-type precision rule of a frame trigger."""
    if etype == "attack":
        hit = [c for c in token.children if c.dep_ in {"dobj", "nsubjpass"}]
        return any(victim(c) for c in hit)
    if frame.animate:
        return True
    # a protest: "thousands of teachers marched"
    agent = token.doc[frame.agent] if frame.agent is not None else None
    return agent is not None and any(t.lemma_.lower() in agent_nouns() for t in agent.subtree)


def frame_triggers(document, taken: set[int]) -> list[tuple[EventType, Token]]:
    """(type, verb) for each frame verb of an event class no table trigger took."""
    by_name = {t.type: t for t in event_types()}
    found, seen = [], set(taken)
    for frame in document.frames:
        name = CLASS_TYPES.get(frame.cls or "")
        if name is None or frame.pos != "VERB" or frame.predicate in seen or name not in by_name:
            continue
        token = document.doc[frame.predicate]
        if not frame.asserted or not fits(frame, token, name):
            continue
        seen.add(frame.predicate)
        found.append((by_name[name], token))
    return found
