"""Quantities with their units: "270 drones and 10 missiles" -> two quantities.

spaCy marks the numbers (CARDINAL, QUANTITY, MONEY, PERCENT entities); the unit is
the noun the number modifies ("270" -> "drones"). Spelled-out numbers go through
``number-parser`` plus a small table of multipliers it does not know ("a dozen",
"1.5 million"); money goes through ``price-parser`` (quantulum3 cannot load its
pickled classifier with the scikit-learn installed here).

    >>> from newsledger.nlp import load
    >>> nlp = load()
    >>> [(q.value, q.unit) for q, _ in quantities_in(nlp("sending 270 drones and 10 missiles"))]
    [(270.0, 'drones'), (10.0, 'missiles')]

A layer that asks for the quantities of many spans of one document reads its number
entities once (:func:`number_entities`; ``Doc.ents`` rebuilds every entity span on
each access) and asks :func:`quantities_within` per span. The parsers are cached on
the text: number-parser rebuilds its language tables on every call.
"""

from __future__ import annotations

import functools
import logging
import re
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from itertools import takewhile

from number_parser import parse_number
from price_parser import Price
from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from newsledger.records import Quantity

log = logging.getLogger(__name__)

#: spaCy entity labels that carry a measurable number.
NUMBER_LABELS = frozenset({"CARDINAL", "QUANTITY", "MONEY", "PERCENT"})

# Multiplier words number-parser leaves alone ("a dozen" -> None, "1.5 million" ->
# "1.5 1000000"); from the English number-word list in CLDR's spellout rules, plus
# the newsroom abbreviations "bn", "m", "k" (Reuters and BBC style guides).
MULTIPLIERS: dict[str, float] = {
    "dozen": 12, "dozens": 12, "score": 20, "hundred": 100, "hundreds": 100,
    "thousand": 1e3, "thousands": 1e3, "million": 1e6, "millions": 1e6,
    "billion": 1e9, "billions": 1e9, "trillion": 1e12, "bn": 1e9, "m": 1e6, "k": 1e3,
}
# Words that open a number phrase without a value of their own.
ARTICLES = frozenset({"a", "an", "one"})
# Approximators spaCy folds into the entity ("more than 200", "about 30").
APPROXIMATORS = re.compile(
    r"^(?:more than|less than|fewer than|over|under|about|around|nearly|almost|"
    r"roughly|some|at least|up to|approximately)\s+",
    re.IGNORECASE,
)
NUMERAL = re.compile(r"[-+]?\d[\d,]*(?:\.\d+)?")


def safe_parse_number(text: str) -> int | float | None:
    """``number_parser.parse_number``, which raises on some digits ("¼"), made total."""
    try:
        return parse_number(text)
    except ValueError:
        log.debug("number-parser failed on %r", text)
        return None


@functools.lru_cache(maxsize=4096)
def parse_value(text: str) -> float | None:
    """The number a phrase spells: "270" -> 270.0, "a dozen" -> 12.0,
    "three hundred" -> 300.0, "1.5 million" -> 1500000.0, "dozens" -> 12.0."""
    words = APPROXIMATORS.sub("", text.strip().lower()).replace("-", " ").split()
    if not words:
        return None
    value: float | None = None
    rest = words
    match = NUMERAL.fullmatch(words[0])
    if match:
        value, rest = float(words[0].replace(",", "")), words[1:]
    elif words[0] in ARTICLES:
        value, rest = 1.0, words[1:]
    else:
        cut = next((i for i, w in enumerate(words) if w in MULTIPLIERS and w not in
                    {"hundred", "thousand", "million", "billion", "trillion"}), len(words))
        parsed = safe_parse_number(" ".join(words[:cut])) if cut else None
        if parsed is not None:
            value, rest = float(parsed), words[cut:]
    for word in rest:
        if word not in MULTIPLIERS:
            break
        value = (value if value is not None else 1.0) * MULTIPLIERS[word]
    return value


@functools.lru_cache(maxsize=4096)
def parse_money(text: str) -> tuple[float, str | None] | None:
    """Amount and currency: "$1.5 million" -> (1500000.0, "$"), "£300" -> (300.0, "£")."""
    price = Price.fromstring(text)
    if price.amount is None:
        return None
    value = float(price.amount)
    tail = text.lower().split(str(price.amount_text or ""), 1)[-1].split()
    for word in tail:
        if word.strip(".") in MULTIPLIERS:
            value *= MULTIPLIERS[word.strip(".")]
        else:
            break
    return value, price.currency


def unit_of(ent: SpacySpan) -> str | None:
    """The noun a number entity counts: the head it modifies, or the noun inside it."""
    root = ent.root
    if ent.label_ == "PERCENT":
        return "%"
    if root.pos_ in {"NOUN", "PROPN"} and root.i > ent.start and root.lower_ not in MULTIPLIERS:
        return root.text
    if root.dep_ in {"nummod", "quantmod", "amod", "compound", "npadvmod"} and root.head.pos_ == "NOUN":
        return root.head.text
    if root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.pos_ == "NOUN":
        return None
    for child in root.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            objs = [g for g in child.children if g.dep_ == "pobj" and g.pos_ == "NOUN"]
            if objs:
                return objs[0].text
    return None


def quantity_of(ent: SpacySpan) -> Quantity | None:
    """The :class:`Quantity` an entity denotes, or ``None`` when its number is unclear."""
    if ent.label_ not in NUMBER_LABELS:
        return None
    if ent.label_ == "MONEY":
        money = parse_money(ent.text)
        if money is None:
            return None
        return Quantity(money[0], money[1] or "money", ent.text)
    words = [t.text for t in ent if not (t.pos_ in {"NOUN"} and t.lower_ not in MULTIPLIERS)]
    value = parse_value(" ".join(words).replace("%", ""))
    if value is None:
        log.debug("no number in %r", ent.text)
        return None
    return Quantity(value, unit_of(ent), ent.text)


def quantities_in(span: SpacySpan | Doc) -> list[tuple[Quantity, tuple[int, int]]]:
    """Every quantity in ``span`` (a ``Doc`` or ``Span``) with its char range."""
    return quantities_of(span.ents)


def number_entities(doc: Doc) -> tuple[SpacySpan, ...]:
    """The entities of ``doc`` that may carry a quantity, in text order."""
    return tuple(ent for ent in doc.ents if ent.label_ in NUMBER_LABELS)


def quantities_within(
    numbers: Sequence[SpacySpan], start: int, end: int
) -> list[tuple[Quantity, tuple[int, int]]]:
    """:func:`quantities_in` for the tokens ``[start, end)`` of a document, given its
    :func:`number_entities`: the entities that lie wholly inside the range."""
    first = bisect_left(numbers, start, key=lambda ent: ent.start)
    return quantities_of(takewhile(lambda ent: ent.end <= end, numbers[first:]))


def quantities_of(ents: Iterable[SpacySpan]) -> list[tuple[Quantity, tuple[int, int]]]:
    """The quantities the entities ``ents`` denote, each with its char range."""
    found = []
    for ent in ents:
        quantity = quantity_of(ent)
        if quantity is not None:
            found.append((quantity, (ent.start_char, ent.end_char)))
    return found
