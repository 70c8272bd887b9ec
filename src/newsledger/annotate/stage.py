"""A declared annotation stage: its name, its function, what it reads and what it writes.

spaCy's ``@Language.factory(requires=[…], assigns=[…])`` in our words: each layer
package exposes one :class:`Stage`, and the pipeline checks, when it is built, that
every stage comes after the stages (or the parse) that assign what it requires::

    >>> parse = ("doc", "analysis")
    >>> check_order((Stage("quotes", lambda d, s: d, ("entities",), ("quotes",)),), parse)
    Traceback (most recent call last):
    ...
    ValueError: stage 'quotes' requires 'entities', which neither the parse nor any earlier stage assigns (earlier stages: none)

The names are fields of :class:`~newsledger.records.Document`: ``doc`` and
``analysis`` come from the parse, the layers from their stages.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from newsledger.records import Document

#: A stage's function: the document and the stage's section of the settings.
Annotate = Callable[[Document, Any], Document]


@dataclass(frozen=True)
class Stage:
    """One annotation layer's stage; ``name`` is also its section of ``Settings``."""

    name: str
    annotate: Annotate
    requires: tuple[str, ...] = ()
    assigns: tuple[str, ...] = ()


def check_order(stages: Iterable[Stage], given: Iterable[str] = ()) -> None:
    """Raise ``ValueError`` naming the stage and the field when a stage requires what
    neither ``given`` (what the parse fills) nor an earlier stage assigns."""
    assigned = set(given)
    earlier: list[str] = []
    for stage in stages:
        for need in stage.requires:
            if need not in assigned:
                raise ValueError(
                    f"stage {stage.name!r} requires {need!r}, which neither the parse nor any "
                    f"earlier stage assigns (earlier stages: {', '.join(earlier) or 'none'})"
                )
        assigned.update(stage.assigns)
        earlier.append(stage.name)
