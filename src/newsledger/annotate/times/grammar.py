"""The grammar of temporal expressions: building blocks and one pattern per rule.

Each row of :data:`RULE_PATTERNS` is a rule name (the normaliser that reads it), a
regular expression built from the word tables of :mod:`~newsledger.annotate.times.lexicon`
with named groups for the parts the normaliser needs, and its triggers (see below).
:mod:`~newsledger.annotate.times.detect` compiles and runs them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from newsledger.annotate.times.lexicon import (
    DAY_WORDS,
    EASTER_HOLIDAYS,
    FIXED_HOLIDAYS,
    FREQUENCIES,
    MONTHS,
    NTH_WEEKDAY_HOLIDAYS,
    NUMBERS,
    ONES,
    PARTS_OF_DAY,
    PERIOD_MODS,
    QUANTITY_MODS,
    REFERENCES,
    SEASONS,
    TEENS,
    TENS,
    VAGUE_NUMBERS,
    WEEKDAY_NAMES,
)


def _alt(words: Iterable[object], capital: bool = False) -> str:
    """A regex alternation of ``words``, as a prefix tree: ``_alt(["early", "earlier",
    "early next"])`` is ``(?:earl(?:ier|y(?:\\s+next)?))``.

    It matches exactly what the plain longest-first alternation (``early next|earlier|early``)
    matches: two words that both fit at one position are a word and its extension, and the
    optional tail tries the extension first. But the engine tries one branch per letter
    instead of one per word, which makes the rules several times cheaper where long word
    lists open them ("more than", "about", "a couple of", …). Spaces match any whitespace.
    ``capital``: the words are capitalised and matched case-sensitively (names).
    """
    items = {str(w) for w in words}
    if capital:
        items = {w[0].upper() + w[1:] for w in items}
    alternatives = _branches(_prefix_tree(sorted(items)))
    return ("(?-i:" if capital else "(?:") + "|".join(alternatives) + ")"


#: A prefix tree of words: next character -> subtree; the key :data:`_END` marks a word's end.
PrefixTree = dict[str, "PrefixTree"]
_END = ""


def _prefix_tree(words: Iterable[str]) -> PrefixTree:
    """The prefix tree of ``words``."""
    root: PrefixTree = {}
    for word in words:
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[_END] = {}
    return root


def _branches(node: PrefixTree) -> list[str]:
    """One regex per continuation of ``node``, by its next character (a space: any whitespace)."""
    return [(r"\s+" if char == " " else re.escape(char)) + _tail(child)
            for char, child in node.items() if char != _END]


def _tail(node: PrefixTree) -> str:
    """The regex of what may follow a prefix: optional (greedy, so tried first) when a
    word also ends there."""
    branches = _branches(node)
    if not branches:
        return ""
    if _END in node:
        return "(?:" + "|".join(branches) + ")?"
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"


_FULL_MONTHS = [m for m, n in MONTHS.items() if len(m) > 4 or m in ("june", "july", "may")]
_ABBR_MONTHS = [m for m in MONTHS if m not in _FULL_MONTHS]
MONTH = (f"(?:{_alt(_FULL_MONTHS, True)}|{_alt(_ABBR_MONTHS, True)}\\.?)(?![a-z])")
WEEKDAY = _alt(WEEKDAY_NAMES, True) + r"(?![a-z])"
DAYNUM = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?!\d|:\d)"
YEAR = r"(?<![\d$£€.,])(?:1[6-9]\d\d|20\d\d)(?![\d,]\d|%|\.\d)"
#: "twenty-four", "thirty one": tried before the single number words, which would stop at "twenty".
COMPOUND = rf"(?:{_alt(TENS)}[\s-]+{_alt(ONES)}(?![a-z]))"
NUM = (r"(?:\d+(?:\.\d+)?(?:\s+1/2|\s+and\s+a\s+half)?|" + COMPOUND + "|" + _alt(NUMBERS)
       + r"(?:\s+and\s+a\s+half)?)")
#: Years spelled out: "nineteen ninety-six", "nineteen eighty", "two thousand and five".
SPELLED_YEAR = (rf"(?P<century>eighteen|nineteen)[\s-]+(?P<rest>{_alt(TENS)}(?:[\s-]+{_alt(ONES)})?|"
                rf"{_alt(TEENS)}|oh[\s-]+{_alt(ONES)})(?![a-z])|(?P<millennium>two\s+thousand)"
                rf"(?:(?:\s+and)?[\s-]+(?P<rest2>{_alt(TENS)}(?:[\s-]+{_alt(ONES)})?|{_alt(TEENS)}|"
                rf"{_alt(ONES)}))?(?![a-z])")
VAGUE = _alt(VAGUE_NUMBERS)
UNIT = (r"(?-i:seconds?|minutes?|hours?|days?|nights?|weeks?|fortnights?|months?|years?|"
        r"decades?|century|centuries|weekends?|quarters?)(?![a-z])")
PART = _alt(PARTS_OF_DAY)
PMOD = _alt(PERIOD_MODS)
QMOD = _alt(QUANTITY_MODS)
#: Approximators ("about five hours"): read for the mod, but outside the extent, as
#: TempEval-3's annotators mark them (a group named ``lead`` is kept out of the span).
APPROX = _alt(w for w, mod in QUANTITY_MODS.items() if mod == "APPROX")
BOUND = _alt(w for w, mod in QUANTITY_MODS.items() if mod != "APPROX")
REL = (r"(?:last|next|this|this\s+past|this\s+coming|past|previous|coming|following|current|"
       r"(?:the\s+)?(?:latest|most\s+recent)|the)")
ANCHORED_UNIT = r"(?:week|weekend|month|year|decade|century|quarter)(?![a-z])"
AMPM = r"(?:[ap]\.\s?m\b\.?|[ap]m\b)"
ZONE = r"(?-i:[ECMP][SD]T|GMT|BST|UTC|CET|CEST)"
DAYREF = rf"(?:{WEEKDAY}|today|tonight|tomorrow|yesterday)"
HOLIDAY = "(?-i:" + _alt(w.title().replace("'S", "'s") for w in (
    list(FIXED_HOLIDAYS) + list(NTH_WEEKDAY_HOLIDAYS) + list(EASTER_HOLIDAYS))) + ")"

#: Triggers: cheap searches that let :func:`find` skip a rule's full scan of a text. The
#: engine tries a rule at every word of the text, but finds a literal, a digit or a capital
#: letter fast. A trigger occurs in every text its rule matches (a part of the pattern, or
#: a word it cannot match without); one written in lower case is searched in the
#: lower-cased text (so it finds its words in any case), one with a capital in the text
#: as it is (names, which the rules want capitalised). Shared ones are named here.
HAS_DIGIT = r"\d"
HAS_YEAR = r"(?:1[6-9]|20)\d\d"  # the digits of YEAR
HAS_MONTH = "|".join(sorted({name[:3].title() for name in MONTHS}))  # every MONTH name starts so
HAS_WEEKDAY = "|".join(name.title() for name in WEEKDAY_NAMES)
HAS_HOLIDAY = r"Day|Eve|Christmas|Easter|Thanksgiving|Halloween|Pentecost|Sunday|Friday|Wed"

#: (rule name, pattern, triggers): the grammar, longest-match resolved across rules.
RULE_PATTERNS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("iso", r"\b(?P<y>\d{4})-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b", (r"\d{4}-\d",)),
    ("absolute", (rf"(?:{WEEKDAY},?\s+)?(?:(?P<mon>{MONTH})\s+(?P<day>{DAYNUM}),?\s+|"
                  rf"(?P<day2>{DAYNUM})\s+(?:of\s+)?(?P<mon2>{MONTH}),?\s+)(?P<year>{YEAR})"),
     (HAS_MONTH, HAS_YEAR)),
    ("numeric", r"(?<![\d/])(?P<a>[01]?\d)/(?P<b>[0-3]?\d)/(?P<y>(?:19|20)\d\d)(?![\d/])",
     (r"\d/\d",)),
    ("month_day", (rf"(?:(?P<rel>last|next|this|this\s+past|this\s+coming|past|coming)\s+)?"
                   rf"(?:(?P<wd>{WEEKDAY}),?\s+)?(?:(?P<mon>{MONTH})\s+(?P<day>{DAYNUM})"
                   rf"|(?P<day2>{DAYNUM})\s+(?:of\s+)?(?P<mon2>{MONTH}))"
                   rf"(?:,?\s+(?P<yrel>last|next|this)\s+year(?![a-z]))?"), (HAS_MONTH, HAS_DIGIT)),
    ("month", (rf"(?:(?P<mod>{PMOD})[\s-]*|(?P<rel>last|next|this|this\s+past|this\s+coming|"
               rf"past|coming)\s+)?(?P<mon>{MONTH})(?:,?\s+(?:of\s+)?(?P<year>{YEAR})|,?\s+(?:of\s+)?"
               rf"(?P<yrel>last|next|this)\s+year(?![a-z]))?"),
     (HAS_MONTH,)),
    ("time", (rf"(?P<h>[01]?\d)(?:[:.](?P<mi>[0-5]\d))?\s*(?P<ampm>{AMPM})(?:\s+(?P<zone>{ZONE}))?"
              rf"(?:(?:\s+\([^()]{{1,20}}\))?,?\s+(?:on\s+)?(?P<dref>{DAYREF}))?"),
     (rf"\d\s*{AMPM}",)),
    ("clock", (rf"(?P<h>[0-2]?\d)[:.](?P<mi>[0-5]\d)(?![\d:])(?:\s*(?P<ampm>{AMPM}))?"
              rf"(?:\s+(?P<zone>{ZONE}))?(?:,?\s+(?:on\s+)?(?P<dref>{DAYREF}))?"), (r"\d[:.]\d",)),
    ("time", r"(?P<h>[01]?\d)\s+o'clock(?:\s+in\s+the\s+(?P<part>morning|afternoon|evening))?",
     (r"\d\s+o'clock",)),
    ("time", r"(?<![\w:])(?P<h>[01]?\d)\s+in\s+the\s+(?P<part>morning|afternoon|evening)",
     (r"\d\s+in\s+the\s+(?:morning|afternoon|evening)",)),
    ("clock_word", rf"(?P<word>noon|midday|midnight)(?:\s+(?:on\s+)?(?P<dref>{DAYREF}))?",
     (r"noon|midday|midnight",)),
    ("weekday", (rf"(?:(?P<rel>last|next|this|this\s+past|this\s+coming|past|coming|the\s+previous|"
                 rf"the\s+preceding|the\s+following|the\s+next|that)\s+)?(?P<wd>{WEEKDAY})"
                 rf"(?:,?\s+(?:of\s+)?(?P<wrel>last|next|this)\s+week(?![a-z]))?"
                 rf"(?:\s+(?P<part>{PART})(?![a-z]))?"), (HAS_WEEKDAY,)),
    ("day_word", rf"(?P<word>{_alt(DAY_WORDS)})(?![a-z])(?:\s+(?P<part>{PART})(?![a-z]))?",
     (_alt(DAY_WORDS),)),
    ("part_of_day", (r"(?:(?P<mod>earlier|later)\s+)?(?P<rel>this)\s+"
                     r"(?P<part>morning|afternoon|evening)(?![a-z])"), (r"this\s",)),
    ("part_of_day", r"(?P<word>overnight)(?![a-z-])", (r"overnight",)),
    ("part_of_day", (r"(?:(?P<mod>early|late)\s+in\s+)?the\s+(?P<part>morning|afternoon|evening|night)"
                     r"(?![a-z'’-])"), (r"the\s+(?:morning|afternoon|evening|night)",)),
    ("reference", rf"(?P<word>{_alt(REFERENCES)})(?![a-z])", ()),
    ("period", (rf"(?:(?P<mod>{PMOD})(?:\s+in)?[\s-]+|(?P<lead>earlier|later)(?:\s+in)?\s+)?(?P<rel>{REL})\s+"
                rf"(?P<unit>{ANCHORED_UNIT})(?:\s+of\s+(?P<year>{YEAR}))?"), ()),
    ("anaphor", (r"(?:(?P<mod>earlier|later)\s+)?(?:(?P<rel>that(?:\s+same)?|the\s+same|the\s+next|"
                 r"the\s+following|the\s+previous|the\s+preceding)\s+(?P<unit>day|morning|"
                 r"afternoon|evening|night|week|month|year)|the\s+(?P<rel2>day|night|week|month|year)\s+"
                 r"(?P<dir2>before|after))(?![a-z])"),
     ()),
    ("offset", (rf"(?:(?P<qmod>{QMOD})\s+)?(?P<num>{NUM}|{VAGUE})\s+(?P<unit>{UNIT})\s+"
                rf"(?P<dir>ago|from\s+now|hence|earlier|later|before|after|afterwards?|"
                rf"previously|prior)(?![a-z])"),
     (r"ago|from\s+now|hence|earlier|later|before|after|previously|prior",)),
    ("prior_period", (r"the\s+(?:year[\s-]+(?:earlier|ago|before)|year-earlier|year-ago|prior[\s-]+year|"
                      r"previous[\s-]+year)\s+(?P<unit>quarter|period|month|week)(?![a-z])|the\s+same\s+"
                      r"(?P<unit2>quarter|period|month|week)\s+(?:of\s+)?(?:last\s+year|a\s+year\s+"
                      r"(?:ago|earlier|before)|the\s+previous\s+year)(?![a-z])"),
     (r"quarter|period|month|week",)),
    ("fiscal", (rf"(?:the\s+)?fiscal(?:\s+year)?\s+(?P<year>{YEAR}|'\d\d)(?![\w-])|"
                r"(?-i:FY)\s?(?P<fy>\d{4}|\d\d)\b"), (r"fiscal|FY",)),
    ("duration", (rf"(?:(?P<lead>{APPROX})\s+(?!the\b))?(?:(?P<qmod>{BOUND})\s+(?!the\b))?(?:(?P<span>the\s+(?:past|last|next|coming|previous|"
                  rf"first|final)|past|last|next|coming|another)\s+)?(?P<num>{NUM}|{VAGUE})[\s-]+(?:more\s+)?"
                  rf"(?P<unit>{UNIT})(?:-long)?"), ()),
    ("duration", (r"(?:(?P<lead>in)\s+(?=recent))?(?:(?P<span>the\s+(?:past|last|next|coming|previous)|"
                  r"past|recent|coming|the\s+coming)\s+)(?P<unit>(?:hours|days|weeks|months|years|"
                  r"decades))(?![a-z])"),
     (r"(?:past|last|next|coming|previous|recent)\s+(?:hours|days|weeks|months|years|decades)",)),
    ("duration", r"(?P<unit>days|weeks|months|years|decades|hours)-long", (r"-long",)),
    ("bare_units", (r"(?P<unit>hours|days|"
                    r"weeks|months|years|decades)(?![a-z\-])(?!\s+(?:of|ago|old|later|earlier|before))"),
     ()),
    ("set", (rf"(?:every|each)\s+(?:(?P<other>other)\s+)?(?P<unit>day|night|morning|evening|week|weekend|"
             rf"month|year|hour|{WEEKDAY}|{MONTH}|{_alt(SEASONS)})(?![a-z])"), (r"every|each",)),
    ("set", (r"(?P<times>once|twice|three\s+times|\d+\s+times)\s+(?:a|per|each)\s+"
             r"(?P<unit>day|week|month|year)(?![a-z])"),
     (r"(?:once|twice|times)\s+(?:a|per|each)\s",)),
    ("frequency", rf"(?-i:(?P<word>{_alt(FREQUENCIES)}))(?![a-z])",
     (_alt(FREQUENCIES),)),
    ("season", (rf"(?:(?P<mod>{PMOD})\s+|(?P<rel>last|next|this|this\s+past|this\s+coming|"
                rf"past|coming|the)\s+)?(?P<season>{_alt(SEASONS)})(?![a-z])"
                rf"(?:\s+(?:of\s+)?(?P<year>{YEAR}))?"), (_alt(SEASONS),)),
    ("quarter", (rf"(?:the\s+)?(?:(?:(?P<fiscal0>fiscal)\s+)?(?P<year0>{YEAR})\s+)?(?:(?P<fiscal>fiscal)\s+)?"
                 r"(?P<ord>first|second|third|fourth|final|1st|2nd|3rd|4th)[\s-]+quarter"
                 rf"(?:\s+of\s+(?:the\s+year\s+)?(?:(?P<fiscal2>fiscal)\s+(?:year\s+)?)?(?P<year>{YEAR}))?"
                 r"(?![a-z])"),
     (r"quarter",)),
    ("quarter", rf"\b(?-i:Q)(?P<q>[1-4])(?:\s+(?P<year>{YEAR}))?\b",
     (r"Q[1-4]",)),
    ("holiday", rf"(?:(?P<rel>last|next|this)\s+)?(?P<name>{HOLIDAY})(?![a-z])(?:\s+(?P<week>week)\b)?",
     (HAS_HOLIDAY,)),
    ("week_of", rf"the\s+week\s+of\s+(?P<mon>{MONTH})\s+(?P<day>{DAYNUM})",
     (r"week\s+of", HAS_MONTH)),
    ("year", (rf"(?:(?P<mod>{PMOD})[\s-]*)?(?:(?P<year>{YEAR})(?P<s>'?s)|'(?P<yy>\d0)s)"
              rf"(?![\w-])"), (r"\d'?s",)),
    ("year", rf"(?:(?P<mod>{PMOD})[\s-]*|(?P<pre>post|pre)-)?(?P<year>{YEAR})(?![\w-])",
     (HAS_YEAR,)),
    ("spelled_year", SPELLED_YEAR, (r"eighteen|nineteen|two\s+thousand",)),
)
