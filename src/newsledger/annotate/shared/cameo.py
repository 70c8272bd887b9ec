"""Predicate classes from the CAMEO verb dictionary of PETRARCH2 (vendored, MIT).

``resources/cameo_verbs.txt`` is read once: every verb block (``--- VERB [code] ---``)
gives its verbs (synonyms, ``+`` multi-word forms, ``{…}`` irregular forms) a code,
their own when a line names one, else the block's; a block without a code takes the
root most of its patterns carry, when at least half do. One-word object patterns
(``- * PROPOSAL [120]``) refine a verb's code for that object. ``cameo_classes.csv``
maps codes to newsledger's classes (longest prefix first); ``frame_overrides.csv``
holds the predicates the dictionary lacks or codes wrongly for us, each with a reason.

    >>> cameo_verbs()["condemn"], class_of("condemn", "VERB")
    ('111', 'oppose')
    >>> class_of("threaten", "VERB"), class_of("promise", "VERB"), class_of("say", "VERB")
    ('threat', 'intent', 'speech')
    >>> class_of("reject", "VERB", "proposal"), class_of("ready", "ADJ")
    ('oppose', 'intent')
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass
from importlib import resources

from newsledger.tables import PACKAGE, table

#: The vendored dictionary, its licence beside it (``cameo_verbs.LICENSE``).
DICTIONARY = "cameo_verbs.txt"

_BLOCK = re.compile(r"^---\s+(\S+)\s+\[([^\]]*)\]")
_VERB = re.compile(r"^\+?([A-Z][A-Z_']*)\s*(?:\{[^}]*\})?\s*(?:\[([^\]]*)\])?")
_OBJECT = re.compile(r"^-\s+\*\s+([A-Z][A-Z-]*)\s+\[([0-9]+)\]")


@dataclass(frozen=True, slots=True)
class ClassRow:
    """One row of ``cameo_classes.csv``: a CAMEO code prefix (and, optionally, the
    dictionary block it is limited to) and its class."""

    code: str
    block: str
    cls: str
    reason: str


@dataclass(frozen=True, slots=True)
class Override:
    """One row of ``frame_overrides.csv``: a predicate's class and why it is not CAMEO's."""

    lemma: str
    pos: str
    cls: str
    reason: str


@dataclass(frozen=True, slots=True)
class Cameo:
    """What the dictionary gives: verb lemma -> code, (verb, object) -> code, and
    the block (its head verb) each verb was read from."""

    verbs: dict[str, str]
    objects: dict[tuple[str, str], str]
    blocks: dict[str, str]


def _lemma(word: str) -> str:
    """A dictionary word as a lemma: ``RULE_OUT`` -> ``rule out``."""
    return word.lower().replace("_", " ")


@functools.lru_cache(maxsize=1)
def cameo() -> Cameo:
    """The verb blocks of the vendored dictionary (read once per process)."""
    text = resources.files(PACKAGE).joinpath(DICTIONARY).read_text("utf-8")
    body = text.split("####### VERB PATTERNS #######", 1)[1]
    verbs: dict[str, str] = {}
    objects: dict[tuple[str, str], str] = {}
    blocks: dict[str, str] = {}
    for block in re.split(r"\n(?=---\s)", body):
        lines = [line.split("#", 1)[0].rstrip() for line in block.splitlines()]
        head = _BLOCK.match(lines[0]) if lines else None
        if head is None:
            continue
        members, patterns = [], []
        for line in (s.strip() for s in lines[1:] if s.strip()):
            if line.startswith("-"):
                patterns.append(line)
            elif match := _VERB.match(line):
                members.append((_lemma(match.group(1)), match.group(2)))
        code = head.group(2) if head.group(2)[:1].isdigit() else majority_root(patterns)
        for lemma, own in members:
            value = own if own and own[:1].isdigit() else code
            if value and lemma not in verbs:  # a verb in several blocks keeps its first code
                verbs[lemma] = value.split(":")[0]
                blocks[lemma] = _lemma(head.group(1))
            for pattern in patterns:
                if match := _OBJECT.match(pattern):
                    objects.setdefault((lemma, match.group(1).lower()), match.group(2))
    return Cameo(verbs, objects, blocks)


def majority_root(patterns: list[str]) -> str | None:
    """The two-digit root at least half of a block's coded patterns carry, if any."""
    roots = Counter(m.group(1)[:2] for p in patterns if (m := re.search(r"\[([0-9]{2,})", p)))
    if not roots:
        return None
    root, count = roots.most_common(1)[0]
    return root + "0" if count * 2 >= sum(roots.values()) else None


def cameo_verbs() -> dict[str, str]:
    """Verb lemma -> CAMEO code (``"condemn"`` -> ``"111"``)."""
    return cameo().verbs


@functools.lru_cache(maxsize=1)
def class_rows() -> tuple[ClassRow, ...]:
    """The rows of ``cameo_classes.csv``, longest code first, a block row before the
    plain row of its code."""
    return tuple(sorted(table("cameo_classes.csv", ClassRow), key=lambda r: (-len(r.code), not r.block)))


@functools.lru_cache(maxsize=1)
def overrides() -> dict[tuple[str, str], str]:
    """(lemma, pos) -> class, from ``frame_overrides.csv``."""
    return {(r.lemma, r.pos): r.cls for r in table("frame_overrides.csv", Override)}


def class_of_code(code: str | None, block: str | None = None) -> str | None:
    """The newsledger class of a CAMEO code read from ``block`` (longest matching
    prefix; a row limited to another block does not match)."""
    if not code:
        return None
    row = next((r for r in class_rows() if code.startswith(r.code) and r.block in ("", block)), None)
    return None if row is None or row.cls == "none" else row.cls


def code_of(lemma: str, obj: str | None = None) -> str | None:
    """A verb's CAMEO code, refined by its object's pattern when one matches."""
    lexicon = cameo()
    if obj is not None and (lemma, obj) in lexicon.objects:
        return lexicon.objects[(lemma, obj)]
    return lexicon.verbs.get(lemma)


@functools.lru_cache(maxsize=4096)
def class_of(lemma: str, pos: str, obj: str | None = None) -> str | None:
    """The class of a predicate: an override row first, else the CAMEO code's class
    (verbs only: nouns and adjectives are classed by the override table alone)."""
    found = overrides().get((lemma, pos))
    if found is not None:
        return None if found == "none" else found
    if pos != "VERB":
        return None
    return class_of_code(code_of(lemma, obj), block_of(lemma))


def block_of(lemma: str) -> str | None:
    """The head verb of the dictionary block ``lemma`` was read from ("vouch" -> "promise")."""
    return cameo().blocks.get(lemma)


#: The vendored CAMEO agents dictionary (PETRARCH2, MIT): role and group nouns.
AGENTS = "cameo_agents.txt"


@functools.lru_cache(maxsize=1)
def agent_nouns() -> frozenset[str]:
    """The one-word role and group nouns of the agents dictionary, lower-cased
    (multi-word entries are left out: their last word is as often a place or a
    thing as a role), read once.

    >>> {"lawmaker", "airline", "police"} <= agent_nouns(), "exit" in agent_nouns()
    (True, False)
    """
    text = resources.files(PACKAGE).joinpath(AGENTS).read_text("utf-8")
    found = set()
    for line in text.splitlines():
        match = re.match(r"^([A-Z][A-Z]+)_?\s", line)
        if match:
            found.add(match.group(1).lower())
    return frozenset(found)


@functools.lru_cache(maxsize=8)
def synset(name: str) -> frozenset[str]:
    """The one-word members of a noun synset of the vendored dictionary (``&WEAPON``:
    "missile", "rocket", "bomb", …), lower-cased, without the stop mark ``_``.

    >>> {"missile", "rocket"} <= synset("WEAPON"), "drone" in synset("AIRCRAFT")
    (True, True)
    """
    text = resources.files(PACKAGE).joinpath(DICTIONARY).read_text("utf-8")
    head = text.split("####### VERB PATTERNS #######", 1)[0]
    match = re.search(rf"^&{re.escape(name)}\s*$(.*?)(?=^\s*$|^&)", head, re.M | re.S)
    if match is None:
        return frozenset()
    words = (line.strip().lstrip("+").rstrip("_").lower() for line in match.group(1).splitlines())
    return frozenset(w for w in words if w and "_" not in w)
