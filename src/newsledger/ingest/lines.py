"""The lines the cleaner judges, and its verdicts on them.

A :class:`Line` is one non-blank line of an article with its paragraph; a
:class:`Verdict` is what :mod:`newsledger.ingest.clean` (and, for a whole page,
:mod:`newsledger.ingest.page`) decided for it, and which rule decided.
"""

from __future__ import annotations

from dataclasses import dataclass

BODY, HEADING, NOISE, TITLE = "body", "heading", "noise", "title"


@dataclass(frozen=True)
class Line:
    """One non-blank line of the input: its text (stripped) and its paragraph."""

    text: str
    paragraph: int  # index of the blank-line-separated block it belongs to
    alone: bool  # the only line of its paragraph


@dataclass(frozen=True)
class Verdict:
    """What the cleaner decided for one line, and which rule decided it."""

    line: Line
    kind: str  # BODY, HEADING, NOISE or TITLE
    rule: str | None = None


def split_lines(text: str) -> list[Line]:
    """The non-blank lines of ``text`` with their paragraph numbers.

    >>> [(l.text, l.paragraph) for l in split_lines("a\\nb\\n\\n c ")]
    [('a', 0), ('b', 0), ('c', 1)]
    """
    blocks: list[list[str]] = [[]]
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        stripped = raw.strip()
        if stripped:
            blocks[-1].append(stripped)
        elif blocks[-1]:
            blocks.append([])
    return [
        Line(text, number, len(block) == 1)
        for number, block in enumerate(b for b in blocks if b)
        for text in block
    ]
