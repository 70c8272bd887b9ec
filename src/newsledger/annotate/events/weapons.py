"""Attacks told through their weapons: launches and interceptions.

* a launch: a verb of launching (CAMEO 190/194 "fire" patterns, and "launch") with a
  weapon object: "Russia launched 108 drones overnight" -> attack, actor Russia, the
  count as a quantity;
* an interception, roles reversed: "its forces downed three drones", "Ukraine's air
  defence intercepted 90 missiles" -> attack whose *target* is the subject (the
  defender), and whose actor is the weapons' owner when the text names it ("Russian
  drones" -> Russia), else unknown.

Weapons are the ``&WEAPON`` synset of the vendored CAMEO dictionary plus its unmanned
aircraft (``&AIRCRAFT``'s drones: a launched drone is a weapon, a launched jet an
airline's news).
"""

from __future__ import annotations

import functools

from spacy.tokens import Token

from newsledger.annotate.shared.cameo import synset

#: Verbs that send a weapon ("launch", "fire"; CAMEO codes "fire missile" 190).
LAUNCH_VERBS = frozenset({"launch", "fire"})
#: Verbs that stop a weapon in flight; "shoot" and "bring" count with "down".
INTERCEPT_VERBS = frozenset({"intercept", "down", "repel", "repulse"})
#: Verbs that intercept with the particle "down" ("shot down", "brought down").
DOWN_VERBS = frozenset({"shoot", "bring", "take"})
#: The unmanned aircraft of the dictionary's ``&AIRCRAFT`` synset.
UNMANNED = frozenset({"drone", "rpv"})


@functools.lru_cache(maxsize=1)
def weapon_nouns() -> frozenset[str]:
    """Nouns of weapons that are launched or intercepted.

    >>> {"missile", "rocket", "drone"} <= weapon_nouns(), "jet" in weapon_nouns()
    (True, False)
    """
    return synset("WEAPON") | (synset("AIRCRAFT") & UNMANNED)


def weapon_object(verb: Token) -> Token | None:
    """The weapon a verb acts on: its object (or passive subject) of the weapon class."""
    for child in verb.children:
        if child.dep_ in {"dobj", "nsubjpass"} and child.lemma_.lower() in weapon_nouns():
            return child
    return None


def reading(verb: Token) -> tuple[Token, bool] | None:
    """(weapon, roles reversed) for a launch or an interception verb, else ``None``."""
    if verb.pos_ != "VERB":
        return None
    lemma = verb.lemma_.lower()
    down = lemma in DOWN_VERBS and any(c.dep_ == "prt" and c.lower_ == "down" for c in verb.children)
    if lemma not in LAUNCH_VERBS and lemma not in INTERCEPT_VERBS and not down:
        return None
    weapon = weapon_object(verb)
    if weapon is None:
        return None
    return weapon, lemma not in LAUNCH_VERBS


def owner_token(weapon: Token) -> Token | None:
    """Whose weapons the text says: "Russian drones", "Iran's missiles"."""
    for child in weapon.children:
        if child.dep_ in {"poss", "amod", "compound"} and child.ent_type_ in {"NORP", "GPE", "ORG"}:
            return child
    return None
