"""An article's clean text with its records' spans as escaped, nested-safe HTML.

Spans may nest (a stance inside a quote) or overlap (an event crossing a quote's end),
so marks are never opened and closed as tags around spans — that would give
mis-nested HTML. Instead the text is cut at every span boundary into segments; each
segment is one ``<span>`` listing the records that cover it (innermost first). The
segment where a record starts carries the record's id as its HTML ``id`` (so
``/articles/{id}#q-…`` scrolls to it) and is focusable; a second record starting at
the same character gets an empty anchor of its own. Every piece of text goes through
:func:`markupsafe.escape`: an article containing ``<script>`` shows it as text.

    >>> str(render("Hi <b>", [Mark("q-1", "quote", 0, 2, "spk-0", "quote")]))
    '<span class="hl hl-quote spk-0" data-records="q-1" id="q-1" tabindex="0" role="button" aria-label="quote">Hi</span> &lt;b&gt;'
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise

from markupsafe import Markup, escape


@dataclass(frozen=True, slots=True)
class Mark:
    """One record to highlight: ``layer`` is quote, time, event, stance or commitment;
    ``css`` extra classes (the speaker colour); ``label`` what a screen reader says."""

    record_id: str
    layer: str
    start: int
    end: int
    css: str = ""
    label: str = ""


Segment = tuple[int, int, tuple[Mark, ...]]


def clamp(marks: Iterable[Mark], size: int) -> list[Mark]:
    """Marks cut to ``[0, size]``; empty ones dropped (a stored span always fits, but a
    page must not break on one that does not)."""
    kept = []
    for mark in marks:
        start, end = max(0, mark.start), min(size, mark.end)
        if start < end:
            kept.append(mark if (start, end) == (mark.start, mark.end) else
                        Mark(mark.record_id, mark.layer, start, end, mark.css, mark.label))
    return kept


def segments(size: int, marks: Sequence[Mark]) -> list[Segment]:
    """The text ``[0, size)`` cut at every mark boundary, each piece with the marks
    covering it, innermost (shortest) first: ``segments(5, [Mark("a", "quote", 1, 3)])``
    -> ``[(0, 1, ()), (1, 3, (Mark(...),)), (3, 5, ())]``."""
    cuts = sorted({0, size, *(m.start for m in marks), *(m.end for m in marks)})
    pieces = []
    for start, end in pairwise(cuts):
        covering = [m for m in marks if m.start <= start and end <= m.end]
        covering.sort(key=lambda m: (m.end - m.start, m.record_id))
        pieces.append((start, end, tuple(covering)))
    return pieces


def _classes(covering: Sequence[Mark]) -> str:
    names = ["hl"]
    for mark in covering:
        for name in (f"hl-{mark.layer}", *mark.css.split()):
            if name not in names:
                names.append(name)
    return " ".join(names)


def _segment_html(text: str, covering: Sequence[Mark], start: int) -> str:
    starting = [m for m in covering if m.start == start]
    attrs = [f'class="{escape(_classes(covering))}"',
             f'data-records="{escape(" ".join(m.record_id for m in covering))}"']
    anchors = ""
    if starting:
        first, others = starting[0], starting[1:]
        anchors = "".join(f'<span class="anchor" id="{escape(m.record_id)}"></span>' for m in others)
        label = "; ".join(m.label for m in starting if m.label)
        attrs += [f'id="{escape(first.record_id)}"', 'tabindex="0"', 'role="button"']
        if label:
            attrs.append(f'aria-label="{escape(label)}"')
    return f'{anchors}<span {" ".join(attrs)}>{escape(text)}</span>'


def render(text: str, marks: Iterable[Mark]) -> Markup:
    """``text`` as HTML with every mark highlighted; safe to insert into a page."""
    kept = clamp(marks, len(text))
    html = []
    for start, end, covering in segments(len(text), kept):
        piece = text[start:end]
        html.append(_segment_html(piece, covering, start) if covering else str(escape(piece)))
    return Markup("".join(html))
