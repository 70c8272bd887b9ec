"""Quotation marks in plain text: pair them into quoted spans, never crash.

Pairing is done per paragraph and per mark family, so a stray mark spoils at most one
paragraph. Curly single marks double as apostrophes ("don’t", "allies’", "’90s"): a
``’`` closes a quotation only when a single quotation is open and it is not between
two letters. Straight marks are read by their neighbours (after a space: opening;
before a space or punctuation: closing); two apostrophes ('') are a double mark.

A quotation that runs over several paragraphs opens each paragraph with a mark and
closes only at the end; it comes back as one :class:`Marked` per paragraph, with
``continues`` set on all but the last.

>>> [m.content for m in find_marked("He said “We’re going,” and left.")]
[(9, 21)]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: Opening and closing marks of each family. Double marks are the quotation marks of
#: US and most UK copy; single marks are the BBC/Guardian headline style and nested
#: quotations. Source: Unicode General Punctuation block, Pi/Pf classes.
DOUBLE_OPEN = "“„«"
DOUBLE_CLOSE = "”»"
SINGLE_OPEN = "‘‚"
SINGLE_CLOSE = "’"
STRAIGHT = {'"': "double", "'": "single"}
#: Two apostrophes for a double mark: the typewriter style of some wire copy (''Yes,'').
DOUBLED = "''"

PARAGRAPH = re.compile(r"\n\s*\n|\n")

#: Any character that can be a quotation mark of some family: pairing only needs to
#: look at these, not at every character of a paragraph.
MARK_CHAR = re.compile("[" + re.escape(DOUBLE_OPEN + DOUBLE_CLOSE + SINGLE_OPEN + SINGLE_CLOSE + "".join(STRAIGHT)) + "]")


@dataclass(frozen=True, slots=True)
class Marked:
    """A quoted span: ``outer`` includes the marks, ``content`` excludes them.

    ``closed`` is False when the paragraph ended before a closing mark;
    ``continues`` is True when the next paragraph reopens the same quotation.
    """

    outer: tuple[int, int]
    content: tuple[int, int]
    family: str
    closed: bool = True
    continues: bool = False


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Character ranges of the non-empty lines of ``text``: ``"a\\n\\nb"`` -> ``[(0, 1), (3, 4)]``."""
    spans, start = [], 0
    for match in PARAGRAPH.finditer(text):
        if text[start : match.start()].strip():
            spans.append((start, match.start()))
        start = match.end()
    if text[start:].strip():
        spans.append((start, len(text)))
    return spans


def find_marked(text: str) -> list[Marked]:
    """All top-level quoted spans of ``text`` (double marks, else single), in order."""
    found: list[Marked] = []
    open_previous = False
    for start, end in paragraphs(text):
        spans = _pair(text, start, end, "double")
        if not spans:
            spans = _pair(text, start, end, "single")
        if open_previous and found and spans and spans[0].outer[0] == _first_char(text, start):
            previous = found.pop()
            found.append(Marked(previous.outer, previous.content, previous.family, False, True))
        if open_previous and found and not found[-1].continues:
            found.pop()  # unclosed and not reopened: a stray or mistyped mark
        open_previous = bool(spans) and not spans[-1].closed
        found.extend(spans)
    if open_previous and found:
        found.pop()
    return [m for m in found if m.content[1] > m.content[0]]


def _first_char(text: str, start: int) -> int:
    while start < len(text) and text[start].isspace():
        start += 1
    return start


def _pair(text: str, start: int, end: int, family: str) -> list[Marked]:
    """Pair the marks of one ``family`` within ``text[start:end]``; an unclosed
    quotation runs to the paragraph end (trailing space excluded)."""
    spans: list[Marked] = []
    opened: tuple[int, int] | None = None  # (position, width) of the opening mark
    resume = start  # a doubled mark ('') takes the character after it too
    for candidate in MARK_CHAR.finditer(text, start, end):
        i = candidate.start()
        if i < resume:
            continue
        width = 2 if text.startswith(DOUBLED, i) else 1
        if width == 2 and family == "double":
            role = _straight_role(text[i - 1] if i > 0 else " ", text[i + 2] if i + 2 < len(text) else " ", opened is not None)
        else:
            role = None if width == 2 else mark_role(text, i, family, opened is not None)
        if role == "open" and opened is None:
            opened = (i, width)
        elif role == "close" and opened is not None:
            spans.append(Marked((opened[0], i + width), (opened[0] + opened[1], i), family))
            opened = None
        resume = i + width
    if opened is not None:
        stop = end
        while stop > opened[0] + opened[1] and text[stop - 1].isspace():
            stop -= 1
        spans.append(Marked((opened[0], stop), (opened[0] + opened[1], stop), family, closed=False))
    return spans


def mark_role(text: str, i: int, family: str, is_open: bool) -> str | None:
    """``"open"``, ``"close"`` or None (not a mark of ``family`` here, or an apostrophe)."""
    char = text[i]
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    opens, closes = (DOUBLE_OPEN, DOUBLE_CLOSE) if family == "double" else (SINGLE_OPEN, SINGLE_CLOSE)
    if char in opens:
        return "open"
    if char in closes:
        if family == "single" and (not is_open or _is_apostrophe(before, after)):
            return None
        return "close"
    if family == "double" and is_open and char in SINGLE_CLOSE and before in ".?!," and after.isspace():
        return "close"  # a mistyped close: “Let’s go. We can stop it.’ She …
    if STRAIGHT.get(char) != family:
        return None
    if family == "single" and _is_apostrophe(before, after):
        return None
    return _straight_role(before, after, is_open)


def _straight_role(before: str, after: str, is_open: bool) -> str | None:
    """A straight mark closes after a non-space and opens before one."""
    if is_open and not before.isspace():
        return "close"
    if not is_open and not after.isspace():
        return "open"
    return None


def _is_apostrophe(before: str, after: str) -> bool:
    """Between letters ("don’t"), or before a digit ("’90s")."""
    return (before.isalpha() and after.isalpha()) or after.isdigit()
