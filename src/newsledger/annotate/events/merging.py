"""Merging the mentions of one event: "his White House meeting" … "Monday's White
House summit" are one meeting; "a possible Zelenskyy-Putin summit" … "Talks between
the Ukrainian and Russian president" … "a meeting could happen before the end of the
month" are one planned meeting.

Two clauses ("X endorsed Clinton", "Y also endorsed Clinton") are two events; a
later mention joins the latest earlier event of the same type when nothing
contradicts it: the same status family (done vs. to come), no disjoint participant
lists, no dates more than a day apart. A mention with no status of its own ("the
meeting") takes the status of the event it joins; one that joins nothing and has no
status is dropped. The merged event keeps the union of the arguments, and its
evidence is the most informative mention: a clause over a bare noun, then the one
with most named arguments, then the first.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from spacy.tokens import Token

from newsledger.annotate.events.arguments import Arguments

DONE = frozenset({"happened", "denied"})
TO_COME = frozenset({"planned", "possible", "hypothetical"})


@dataclass(frozen=True, slots=True)
class Mention:
    """One mention of an event, before merging."""

    type: str
    status: str | None
    head: Token
    trigger: Token
    args: Arguments
    is_clause: bool


def family(status: str | None) -> str | None:
    if status in DONE:
        return "done"
    if status in TO_COME:
        return "to-come"
    return None


def named(args: Arguments) -> set[str]:
    return {n for n in (args.actor, args.target, *args.participants) if n}


def day(iso: str | None) -> date | None:
    return date.fromisoformat(iso[:10]) if iso else None


def compatible(event: Mention, mention: Mention) -> bool:
    """Whether ``mention`` may be another mention of ``event``."""
    if event.type != mention.type or (event.is_clause and mention.is_clause):
        return False
    fam_a, fam_b = family(event.status), family(mention.status)
    if fam_a and fam_b and fam_a != fam_b:
        return False
    names_a, names_b = named(event.args), named(mention.args)
    if names_a and names_b and not names_a & names_b:
        return False
    if event.args.place and mention.args.place and event.args.place != mention.args.place:
        return False
    a = event.args.located, mention.args.located
    if a[0] and a[1]:
        da, db = day(a[0].start or a[0].end), day(a[1].start or a[1].end)
        if da and db and abs((da - db).days) > 1:
            return False
    return True


def weight(mention: Mention) -> tuple[int, int, int]:
    """How informative a mention is as the event's evidence (higher is better)."""
    return (int(mention.is_clause), len(named(mention.args)), -mention.head.i)


def union(event: Mention, mention: Mention) -> Mention:
    """The merged event: the better mention's evidence, both mentions' arguments."""
    best, other = (mention, event) if weight(mention) > weight(event) else (event, mention)
    a, b = best.args, other.args
    args = replace(
        a,
        actor=a.actor or b.actor,
        target=a.target or b.target,
        participants=tuple(dict.fromkeys((*a.participants, *b.participants))),
        place=a.place or b.place,
        place_options=a.place_options or b.place_options,
        topic=a.topic or b.topic,
        located=a.located or b.located,
        quantities=a.quantities or b.quantities,
        source=a.source or b.source,
    )
    status = best.status or other.status
    if event.status in DONE or mention.status in DONE:
        status = best.status if best.status in DONE else other.status
    elif "planned" in (event.status, mention.status):
        status = "planned"
    return replace(best, args=args, status=status)


def merge(mentions: list[Mention]) -> list[Mention]:
    """The events the mentions describe, in order of first mention. A mention with no
    status that precedes its event ("the start of the first debate between Trump and
    Clinton" … "Monday night's debate") joins the first compatible event after it."""
    events: list[Mention] = []
    waiting: list[Mention] = []
    for mention in mentions:
        host = next((i for i in range(len(events) - 1, -1, -1) if compatible(events[i], mention)), None)
        if mention.is_clause and mention.status is None:
            continue
        if host is not None:
            events[host] = union(events[host], mention)
        elif mention.status is not None:
            events.append(mention)
        elif not mention.is_clause:  # a clause with no tense ("to vote") is no event
            waiting.append(mention)
    for mention in waiting:
        later = [i for i, e in enumerate(events) if e.head.i > mention.head.i and compatible(e, mention)]
        if later:
            events[later[0]] = union(events[later[0]], mention)
    return events
