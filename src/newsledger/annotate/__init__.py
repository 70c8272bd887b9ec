"""The annotation layers, a package each, and the order the pipeline runs them in.

Each layer package (``entities``, ``times``, ``quotes``, ``frames``, ``events``, ``stances``,
``commitments``) exposes one :class:`~newsledger.annotate.stage.Stage` that declares
what it reads and what it writes; ``shared`` holds what several layers use, and no
layer imports another. The pipeline checks :data:`STAGES` when it is built::

    >>> [stage.name for stage in STAGES]
    ['entities', 'times', 'quotes', 'frames', 'events', 'stances', 'commitments']
    >>> STAGES[4].requires
    ('doc', 'analysis', 'entities', 'mentions', 'times', 'quotes', 'frames')
"""

from __future__ import annotations

from newsledger.annotate import commitments, entities, events, frames, quotes, stances, times
from newsledger.annotate.stage import Stage, check_order

#: What the parse gives every document before the first stage (``Document`` fields).
PARSED: tuple[str, ...] = ("doc", "analysis")

#: The stages in the order the pipeline runs them (checked: :func:`check_order`).
STAGES: tuple[Stage, ...] = (
    entities.STAGE,
    times.STAGE,
    quotes.STAGE,
    frames.STAGE,
    events.STAGE,
    stances.STAGE,
    commitments.STAGE,
)

__all__ = ["PARSED", "STAGES", "Stage", "check_order"]
