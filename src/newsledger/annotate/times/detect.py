"""Finding temporal expressions: HeidelTime-style regular-expression rules over the text.

Each rule is a row of :data:`RULES`: a name (the normaliser that reads it) and a pattern
built from the word tables of :mod:`~newsledger.annotate.times.lexicon`, with named
groups for the parts the normaliser needs. :func:`find` runs them all and keeps the
longest non-overlapping matches, earlier rules winning ties.

Names and weekdays must be capitalised (``(?-i:…)``) so that "may", "march", "sun" stay
words; ambiguous month names need context (see :func:`_plausible`). A bare ``m:ss`` line
such as a video length "4:14" never matches: clock times need a.m./p.m., a zone or a
preposition ("at 10:30").

>>> [c.text for c in find("Talks on Monday night; a meeting before the end of the month.")]
['Monday night', 'the end of the month']
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from newsledger.annotate.times.grammar import RULE_PATTERNS
from newsledger.annotate.times.lexicon import AMBIGUOUS_MONTHS


@dataclass(frozen=True, slots=True)
class Candidate:
    """A matched expression: char offsets into the text, the rule name and its parts."""

    start: int
    end: int
    text: str
    rule: str
    parts: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Trigger:
    """A compiled trigger: case-sensitive, searched in the lower-cased text unless ``cased``."""

    pattern: re.Pattern[str]
    cased: bool

    def found(self, text: str, lowered: str) -> bool:
        """Whether it occurs in ``text`` (whose lower-cased form is ``lowered``)."""
        return self.pattern.search(text if self.cased else lowered) is not None


@dataclass(frozen=True, slots=True)
class Rule:
    """A compiled row of :data:`RULE_PATTERNS`."""

    name: str
    pattern: re.Pattern[str]
    triggers: tuple[Trigger, ...]


def _compile(rows: tuple[tuple[str, str, tuple[str, ...]], ...]) -> tuple[Rule, ...]:
    """The rules of ``rows``, case-insensitive (but ``(?-i:…)``), with one object per
    distinct trigger so that :func:`find` searches each once per text.

    Each pattern starts with a look-behind for a non-word character: the engine then gives
    up at once inside words, which makes the scan several times faster.
    """
    triggers = {t: Trigger(re.compile(t), cased=t != t.lower()) for _, _, row in rows for t in row}
    return tuple(
        Rule(name, re.compile(r"(?<!\w)(?:" + pattern + ")", re.IGNORECASE), tuple(triggers[t] for t in row))
        for name, pattern, row in rows
    )


#: The compiled rules, in order of precedence on ties.
RULES: tuple[Rule, ...] = _compile(RULE_PATTERNS)

#: Words before an ambiguous month name ("may", "march") that make it a date.
MONTH_CONTEXT = re.compile(
    r"(?:\b(?:in|on|by|since|until|till|through|during|from|of|to|before|after|early|"
    r"late|mid|last|next|this|between|and|or)\s*-?|[,(])\s*$", re.IGNORECASE)

#: Words before a season name ("fall") that make it a season, not a verb.
SEASON_CONTEXT = re.compile(r"\b(?:in|this|last|next|the|during|by|until|since|of|early|late|"
                            r"mid|past|coming)\s+$", re.IGNORECASE)


#: Words before a bare clock time "10:30" that make it a time (a lone "4:14" is a video length).
CLOCK_CONTEXT = re.compile(r"\b(?:at|by|until|till|from|before|after|around|about|since|to)\s+$",
                           re.IGNORECASE)

#: What may follow an expression that ends in "before"/"after" ("the day before", "two
#: weeks after") for it to be anchored on the narrative: the end of the clause. Followed
#: by a noun phrase ("the day before the vote") its base is an event the text may not date.
CLAUSE_END = re.compile(r"(?:\s*(?:[,.;:!?)\]\"'”’—–]|$)|\s+(?:-|and|but|or|when|while|as)\b)")

#: Words before "the morning/night" that make it a time of day ("in the night"), not a noun.
PART_OF_DAY_CONTEXT = re.compile(r"\b(?:in|during|through|throughout|into|overnight|by|all|"
                                 r"until|till|of)\s+$", re.IGNORECASE)

#: Words before a spelled-out year "two thousand and five" that make it a year, not a count.
SPELLED_YEAR_CONTEXT = re.compile(r"\b(?:in|since|until|till|by|from|of|year|before|after|"
                                  r"during|early|late|mid)\s+$", re.IGNORECASE)

#: Words before a bare plural unit ("for years") that make it a vague duration.
BARE_UNIT_CONTEXT = re.compile(r"\b(?:for|within|in|after|over|take|takes|took|lasted)\s+$",
                               re.IGNORECASE)


def find(text: str) -> list[Candidate]:
    """All rule matches in ``text``, longest first, without overlaps, in text order."""
    found: list[tuple[int, int, int, re.Match[str], str]] = []
    lowered = _lowered(text)
    present: dict[Trigger, bool] = {}  # the triggers searched so far in this text
    for order, rule in enumerate(RULES):
        if lowered is not None and not _triggered(rule, text, lowered, present):
            continue
        for match in rule.pattern.finditer(text):
            if match.end() > match.start() and _plausible(rule.name, match, text):
                found.append((_extent_start(match, text), match.end(), order, match, rule.name))
    found.sort(key=lambda f: (-(f[1] - f[0]), f[2], f[0]))
    starts: list[int] = []  # the chosen spans, disjoint, so sorted by start and by end alike
    ends: list[int] = []
    chosen: list[Candidate] = []
    for start, end, _, match, name in found:
        at = bisect.bisect_left(starts, end)
        if at and ends[at - 1] > start:
            continue  # overlaps a longer (or earlier-rule) match already chosen
        starts.insert(at, start)
        ends.insert(at, end)
        parts = {k: v for k, v in match.groupdict().items() if v is not None}
        chosen.append(Candidate(start, end, text[start:end], name, parts))
    return sorted(chosen, key=lambda c: c.start)


#: Letters besides A-Z that the case-insensitive rules read as ASCII ones (İ, ı, ſ and the
#: Kelvin sign: "ſpring" is "spring" to them). Lower-casing does not fold them, so in a
#: text holding one, a lower-case trigger could miss a match: no rule is skipped there.
_FOLDED_LETTERS = "\u0130\u0131\u017f\u212a"


def _lowered(text: str) -> str | None:
    """``text`` lower-cased, for the triggers; None if a trigger could miss a match in it."""
    if any(letter in text for letter in _FOLDED_LETTERS):
        return None
    return text.lower()


def _triggered(rule: Rule, text: str, lowered: str, present: dict[Trigger, bool]) -> bool:
    """Whether every trigger of ``rule`` occurs in ``text``; ``present`` memoises the
    searches of one text."""
    for trigger in rule.triggers:
        if trigger not in present:
            present[trigger] = trigger.found(text, lowered)
        if not present[trigger]:
            return False
    return True


def _extent_start(match: re.Match[str], text: str) -> int:
    """Where the expression starts: after a ``lead`` group (words read but not marked)."""
    if "lead" not in match.re.groupindex or match.group("lead") is None:
        return match.start()
    start = match.end("lead")
    return start + len(text[start:match.end()]) - len(text[start:match.end()].lstrip())


def _word_boundary(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return not (before.isalnum() or after.isalnum() or before in "-_/" and after.isalnum())


def _plausible(name: str, match: re.Match[str], text: str) -> bool:
    """Context checks a pattern cannot express: word edges, ambiguous month/season words."""
    start, end = match.span()
    if not _word_boundary(text, start, end):
        return False
    parts = match.groupdict()
    if name == "month" and not (parts.get("mod") or parts.get("rel") or parts.get("year")):
        month = parts["mon"].rstrip(".").lower()
        if len(month) <= 4 and month not in ("may", "june", "july"):
            return False  # a bare "Jan" or "Oct." is a name or a cut-off date, not a month
        if month in AMBIGUOUS_MONTHS and not MONTH_CONTEXT.search(text[max(0, start - 12):start]):
            return False
    if name == "season" and not (parts.get("mod") or parts.get("rel") or parts.get("year")):
        return bool(SEASON_CONTEXT.search(text[max(0, start - 12):start]))
    if name == "season" and (parts.get("rel") or "").lower() == "the" and parts["season"].lower() == "fall":
        return bool(re.match(r"\s+(?:of|,|\.|and|\bin\b)", text[end:end + 5]) or end == len(text))
    before = text[max(0, start - 12):start]
    if name == "clock" and not (parts.get("ampm") or parts.get("zone")):
        # "at 10:30" is a time; "by 2.15 percent" and a lone "4:14" are not
        return ":" in match.group(0) and bool(CLOCK_CONTEXT.search(before))
    if name == "bare_units":
        return bool(BARE_UNIT_CONTEXT.search(before))
    if name == "duration" and (re.match(r"(?:-|\s+)(?:old|-old)\b", text[end:end + 6])
                               or re.match(r"an?\s+second", match.group(0), re.IGNORECASE)):
        return False  # ages ("a 6-year-old") and "a second time" are not durations
    if name == "duration" and re.match(r"\s+(?:after|before)\b", text[end:end + 8], re.IGNORECASE):
        # "A day after his meeting", "ten days before the shooting": an offset from an
        # event whose date the text does not give; neither a placeable date nor a
        # duration a reader wants in the ledger, so left out (the reference gold agrees)
        return False
    if name == "period" and parts["rel"].lower() == "the":
        # "the year"/"the week" alone is a noun phrase, not a date; "the end of the month",
        # "the weekend" and a report's "the quarter" are dates
        return bool(parts.get("mod")) or parts["unit"].lower() in ("weekend", "quarter")
    after = text[end:end + 12]
    if name == "offset" and parts["dir"].lower() in ("before", "after", "prior"):
        return bool(CLAUSE_END.match(after))  # "two weeks before the vote": an undated event
    if name == "anaphor" and parts.get("dir2"):
        return bool(CLAUSE_END.match(after))  # "the day before", not "the day before the vote"
    if name == "part_of_day" and parts.get("rel") == "This" and match.group(0).istitle() and \
            not re.search(r"(?:^|[.!?]['\"”’]*\s+|\n\s*)$", before):
        return False  # "CBS This Morning": a programme's name mid-sentence
    if name == "part_of_day" and "word" not in parts and "rel" not in parts:
        return bool(parts.get("mod") or PART_OF_DAY_CONTEXT.search(before)) and \
            not re.match(r"\s+of\b", after)
    if name == "spelled_year" and parts.get("millennium"):
        return bool(SPELLED_YEAR_CONTEXT.search(before))
    if name == "reference" and parts["word"].lower() == "soon":
        # "as soon as" is a conjunction, "soon after the vote" is anchored on an event
        return not re.search(r"\bas\s+$", before, re.IGNORECASE) and \
            not re.match(r"\s+(?:as|after|afterwards?|thereafter|before)\b", after, re.IGNORECASE)
    if name == "reference" and parts["word"].lower() == "now":
        # "now" inside a clause is PRESENT_REF in TimeML; "now that" is a conjunction
        # ("because"), and a sentence-opening "Now, …" / "Now the …" mostly a discourse
        # marker that turns the story, not a time
        if re.match(r"\s+that\b", text[end:end + 6]):
            return False
        return not (parts["word"] == "Now" and re.search(r"(?:^|[.!?]['\"”’]*\s+|\n\s*)$", before))
    return True
