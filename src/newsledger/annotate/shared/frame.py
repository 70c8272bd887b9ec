"""The :class:`Frame` the frames stage writes and the events, stances and commitments
stages read (``Document.frames``): here in ``shared`` so that no layer package
imports another (the frames stage's reader is ``annotate/frames/``)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Frame:
    """One predication with one agent; token positions index ``document.doc``."""

    predicate: int
    lemma: str
    pos: str
    cls: str | None
    agent: int | None
    agent_text: str | None
    holder: str | None
    theme: tuple[int, ...]
    theme_is_clause: bool
    negated: bool
    modality: str
    condition: str | None
    time_start: str | None
    time_end: str | None
    reporter: str | None
    in_quote: bool
    question: bool
    asserted: bool
    deontic: bool
    animate: bool
