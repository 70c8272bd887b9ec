"""Options weighed in a text and each party's stance on each option.

"Geneva, Vienna, Rome, Budapest, and Doha among the venues being considered" gives
a planned meeting five ``place_options``; "Rome or the Vatican disliked by the
Russians" is Russia's stance on the option Rome. :func:`options_table` lays them out
as options × parties, and :func:`unopposed` names the options no party objects to.

For the reference article's stances and events, ``options_table(stances, events,
"meeting-venue")`` has ``cells[("Rome", "Russia")] == "oppose"``, and ``unopposed`` of
it is ``('Geneva', 'Vienna', 'Doha')`` (tests/test_stances_golden.py checks it).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import replace

from newsledger.records import Event, Stance

Cells = dict[tuple[str, str | None], str]
Table = tuple[tuple[str, ...], tuple[str | None, ...], Cells]


def venue_issue(event: Event) -> str:
    """The issue key of the choice among an event's places: meeting -> "meeting-venue"."""
    return f"{event.type}-venue"


def mentioned(option: str, text: str) -> int | None:
    """Where ``option`` is named in ``text`` as a whole word, or ``None``."""
    match = re.search(rf"\b{re.escape(option)}\b", text, re.IGNORECASE)
    return match.start() if match else None


def option_in(target: str, event: Event) -> str | None:
    """The first of the event's options named in a stance target."""
    found = [(mentioned(o, target), o) for o in event.place_options]
    found = [(pos, o) for pos, o in found if pos is not None]
    return min(found)[1] if found else None


def link_options(stances: Sequence[Stance], events: Iterable[Event]) -> list[Stance]:
    """Stances on an option of an event (the nearest such event before the stance, else
    the first after) get ``option``, the venue issue key and an explicit target."""
    choices = sorted((e for e in events if e.place_options), key=lambda e: e.span)
    if not choices:
        return list(stances)
    linked = []
    for stance in stances:
        before = [e for e in choices if e.span[0] <= stance.span[0]]
        event = before[-1] if before else choices[0]
        option = option_in(stance.target, event)
        if option is None:
            linked.append(stance)
            continue
        noun = (event.trigger or event.type).lower()
        linked.append(replace(stance, option=option, issue=venue_issue(event),
                              target=f"{stance.target} as {noun} venue"))
    return linked


def options_table(stances: Iterable[Stance], events: Iterable[Event], issue: str) -> Table:
    """(options, parties, cells) for ``issue``: the options of the events whose choice
    the issue names plus any option a stance names; the parties holding a stance on an
    option (``None`` for an unattributed one); cells[(option, party)] = polarity."""
    options: dict[str, None] = {}
    for event in events:
        if venue_issue(event) == issue:
            options.update(dict.fromkeys(event.place_options))
    parties: dict[str | None, None] = {}
    cells: Cells = {}
    for stance in stances:
        if stance.issue != issue or not stance.option:
            continue
        options.setdefault(stance.option, None)
        parties.setdefault(stance.holder, None)
        key = (stance.option, stance.holder)
        # an objection outweighs support from the same party
        if cells.get(key) != "oppose":
            cells[key] = stance.polarity
    return tuple(options), tuple(parties), cells


def unopposed(table: Table) -> tuple[str, ...]:
    """The options no party objects to."""
    options, _, cells = table
    objected = {option for (option, _), polarity in cells.items() if polarity == "oppose"}
    return tuple(o for o in options if o not in objected)
