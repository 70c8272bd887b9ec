"""Canonical names of surface forms, from the gazetteer: possessives, leading articles
and titles stripped; countries, demonyms, acronyms and state bodies named.

    >>> from newsledger.annotate.shared.gazetteer import load
    >>> canonical_non_person("the Russians", load())
    ('GPE', 'Russia')
    >>> strip_person_titles("Mr Trump’s", load())
    'Trump'
    >>> canonical_non_person("the Kremlin", load())
    ('ORG', 'Russian Presidency')
    >>> state_body_name(["Kyiv's", "air", "force"], load())
    ('Ukrainian Air Force', 3)
"""

from __future__ import annotations

import re

from newsledger.annotate.shared.gazetteer import Gazetteer

POSSESSIVE = ("’s", "'s", "’", "'")

#: A leading definite article: "the White House" -> "White House".
LEADING_ARTICLE = re.compile(r"^(?:the|The)\s+")


def canonical_non_person(text: str, gaz: Gazetteer) -> tuple[str, str] | None:
    """(type, name) for a country, demonym, known acronym or state body; else None."""
    text = strip_article(text)
    country = gaz.country(text)
    if country is not None:
        return "GPE", country
    if text in gaz.acronyms:
        return "ORG", gaz.acronyms[text]
    if text.casefold() in gaz.seats:  # "the Kremlin": the body that sits there
        return "ORG", gaz.seats[text.casefold()]
    body = state_body_name(text.split(), gaz)
    if body is not None and body[1] == len(text.split()):
        return "ORG", body[0]
    return None


def state_body_name(words: list[str], gaz: Gazetteer) -> tuple[str, int] | None:
    """``["Ukrainian", "air", "force"]`` -> ("Ukrainian Air Force", 3)."""
    if len(words) < 2:
        return None
    first, rest = words[0], words[1:]
    possessive = first.endswith(POSSESSIVE)
    if possessive:
        first = strip_possessive(first)
    elif len(rest) > 1 and rest[0] in POSSESSIVE:
        rest, possessive = rest[1:], True
    country = gaz.country(first)
    if country is None and possessive:  # "Kyiv's air force": a capital's body is its state's
        country = gaz.capitals.get(first.casefold())
    if country is None:
        return None
    lowered = tuple(w.casefold() for w in rest)
    for head in gaz.org_heads:
        if lowered[: len(head)] == head:
            demonym = gaz.demonym_of.get(country, country)
            used = len(words) - len(rest) + len(head)
            return f"{demonym} {' '.join(w.capitalize() for w in head)}", used
    return None


def strip_person_titles(text: str, gaz: Gazetteer) -> str:
    """Without a possessive and leading titles: "President Putin's" -> "Putin"."""
    words = strip_possessive(text).split()
    while len(words) > 1 and words[0].casefold() in gaz.titles:
        words = words[1:]
    return " ".join(words)


def strip_possessive(text: str) -> str:
    """"Kyiv’s" -> "Kyiv"; a bare mark stays."""
    for mark in POSSESSIVE:
        if text.endswith(mark) and len(text) > len(mark):
            return text[: -len(mark)]
    return text


def strip_article(text: str) -> str:
    """"the White House" -> "White House"."""
    return LEADING_ARTICLE.sub("", text.strip())
