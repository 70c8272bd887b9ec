"""Word tables for the temporal layer: the English vocabulary of dates and durations.

The lists follow the TimeML/TIMEX3 guidelines (Ferro et al., "TIDES 2005 Standard for
the Annotation of Temporal Expressions") and the English resource files of HeidelTime
(``resources/english/normalization/*.txt``: month, weekday, season, part-of-day and
number words), cut down to the forms newswire uses. They are data: the rules in
:mod:`newsledger.annotate.times.detect` are built from them, and tests check one row each.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

#: Month names and newswire abbreviations (AP style: "Aug.", "Sept.") -> month number.
MONTHS: Mapping[str, int] = MappingProxyType({
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3,
    "april": 4, "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7,
    "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9, "october": 10,
    "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
})

#: Month words that are also common English words: only dates with some context
#: (a day, a year, "in"/"last"/"early" before them).
AMBIGUOUS_MONTHS = frozenset({"may", "march", "mar", "jan", "jun", "jul", "sep", "dec", "apr", "aug"})

#: Weekday names and abbreviations -> ISO weekday (Monday = 1).
WEEKDAYS: Mapping[str, int] = MappingProxyType({
    "monday": 1, "mon": 1, "tuesday": 2, "tue": 2, "tues": 2, "wednesday": 3, "wed": 3,
    "thursday": 4, "thu": 4, "thur": 4, "thurs": 4, "friday": 5, "fri": 5,
    "saturday": 6, "sat": 6, "sunday": 7, "sun": 7,
})

#: Full weekday names only: the abbreviations are too ambiguous in running text ("Sun", "Wed").
WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

#: Number words -> value (HeidelTime ``resources/english/normalization/numbers.txt``).
NUMBERS: Mapping[str, float] = MappingProxyType({
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
    "a couple of": 2, "a couple": 2, "couple of": 2, "a dozen": 12, "dozen": 12,
    "half a": 0.5, "a half": 0.5,
})

#: The parts of compound number words ("twenty-four", "nineteen ninety-six").
ONES = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
TEENS = ("ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen",
         "seventeen", "eighteen", "nineteen")
TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")

#: Vague quantities: the value keeps an ``X`` ("several weeks" -> PXW).
VAGUE_NUMBERS = frozenset({"a few", "few", "several", "many", "some", "the coming", "coming",
                           "recent", "the past few", "dozens of", "hundreds of"})

#: Unit word -> (TIMEX3 designator, is a time unit needing ``T``).
UNITS: Mapping[str, tuple[str, bool]] = MappingProxyType({
    "second": ("S", True), "minute": ("M", True), "hour": ("H", True),
    "day": ("D", False), "night": ("D", False), "week": ("W", False),
    "fortnight": ("W", False), "month": ("M", False), "year": ("Y", False),
    "decade": ("DE", False), "century": ("CE", False), "weekend": ("WE", False),
    "quarter": ("Q", False),
})

#: Multipliers for units TIMEX3 writes in another unit ("a fortnight" = P2W, "a decade" = P10Y).
UNIT_SCALE: Mapping[str, tuple[str, int]] = MappingProxyType({
    "fortnight": ("W", 2), "decade": ("Y", 10), "century": ("Y", 100), "quarter": ("M", 3),
    "weekend": ("D", 2),
})

#: Seasons -> TIMEX3 season code (northern hemisphere, as in TimeML).
SEASONS: Mapping[str, str] = MappingProxyType({
    "spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI",
})

#: Season -> (first month, last month) of its meteorological range.
SEASON_MONTHS: Mapping[str, tuple[int, int]] = MappingProxyType({
    "SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 2),
})

#: Parts of the day -> TIMEX3 part-of-day code.
PARTS_OF_DAY: Mapping[str, str] = MappingProxyType({
    "morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI",
    "overnight": "NI", "midday": "MI", "noon": "MI", "midnight": "NI",
    "dawn": "MO", "daybreak": "MO", "dusk": "EV",
})

#: Fixed-point times of day -> HH:MM.
CLOCK_WORDS: Mapping[str, str] = MappingProxyType({"noon": "12:00", "midday": "12:00", "midnight": "24:00"})

#: Ordinals -> number ("the third quarter", "the 1st").
ORDINALS: Mapping[str, int] = MappingProxyType({
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
    "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "last": -1, "final": -1,
})

#: Adverbs and nouns with a TIMEX3 reference value (TIMEX3 guidelines §4.3).
REFERENCES: Mapping[str, str] = MappingProxyType({
    "now": "PRESENT_REF", "right now": "PRESENT_REF", "currently": "PRESENT_REF",
    "at present": "PRESENT_REF", "nowadays": "PRESENT_REF", "these days": "PRESENT_REF",
    "the present": "PRESENT_REF", "at the moment": "PRESENT_REF",
    "recently": "PAST_REF", "lately": "PAST_REF", "the past": "PAST_REF",
    "the future": "FUTURE_REF", "the near future": "FUTURE_REF",
    "the foreseeable future": "FUTURE_REF",
    # issue 16. The adjectives "future"/"current" ("any future attack", "his current
    # wife") are left out: TempEval-3 marks them, but they date nothing a ledger reader
    # looks up, and the reference article's gold leaves "any future Russian attack" out.
    "in future": "FUTURE_REF", "soon": "FUTURE_REF",
    "the near term": "FUTURE_REF", "the short term": "FUTURE_REF", "of late": "PAST_REF",
    "in recent times": "PAST_REF",
})

#: Day offsets of the deictic day words.
DAY_WORDS: Mapping[str, int] = MappingProxyType({
    "today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1,
    "the day before yesterday": -2, "the day after tomorrow": 2,
})

#: Sets: frequency adverbs -> TIMEX3 SET value.
FREQUENCIES: Mapping[str, str] = MappingProxyType({
    "hourly": "PT1H", "daily": "P1D", "nightly": "P1D", "weekly": "P1W",
    "fortnightly": "P2W", "monthly": "P1M", "quarterly": "P3M", "yearly": "P1Y",
    "annually": "P1Y", "biannually": "P6M",
})

#: Modifier words before a period -> TIMEX3 ``mod`` ("early September" -> START).
PERIOD_MODS: Mapping[str, str] = MappingProxyType({
    "early": "START", "beginning of": "START", "start of": "START", "the start of": "START",
    "the beginning of": "START", "mid": "MID", "middle of": "MID", "the middle of": "MID",
    "late": "END", "end of": "END", "the end of": "END", "the close of": "END",
})

#: Quantity modifiers before a duration -> TIMEX3 ``mod``.
QUANTITY_MODS: Mapping[str, str] = MappingProxyType({
    "more than": "MORE_THAN", "over": "MORE_THAN", "upwards of": "MORE_THAN",
    "less than": "LESS_THAN", "under": "LESS_THAN", "fewer than": "LESS_THAN",
    "at least": "EQUAL_OR_MORE", "at most": "EQUAL_OR_LESS", "no more than": "EQUAL_OR_LESS",
    "about": "APPROX", "around": "APPROX", "nearly": "APPROX", "almost": "APPROX",
    "roughly": "APPROX", "some": "APPROX", "approximately": "APPROX", "up to": "EQUAL_OR_LESS",
})

#: US federal holidays and feasts newswire dates by name: fixed (month, day) ones.
FIXED_HOLIDAYS: Mapping[str, tuple[int, int]] = MappingProxyType({
    "new year's day": (1, 1), "new year's eve": (12, 31), "valentine's day": (2, 14),
    "independence day": (7, 4), "halloween": (10, 31), "veterans day": (11, 11),
    "christmas eve": (12, 24), "christmas day": (12, 25), "christmas": (12, 25),
    "boxing day": (12, 26), "may day": (5, 1), "bastille day": (7, 14),
})

#: Holidays on a weekday of a month: name -> (month, ISO weekday, earliest day of the
#: month), i.e. the first such weekday on or after that day: Thanksgiving is the fourth
#: Thursday (22-28 November), US Election Day the Tuesday after the first Monday (2-8).
NTH_WEEKDAY_HOLIDAYS: Mapping[str, tuple[int, int, int]] = MappingProxyType({
    "thanksgiving": (11, 4, 22), "thanksgiving day": (11, 4, 22), "election day": (11, 2, 2),
    "memorial day": (5, 1, 25), "labor day": (9, 1, 1), "martin luther king day": (1, 1, 15),
    "presidents day": (2, 1, 15), "presidents' day": (2, 1, 15),
})

#: Holidays counted from Easter Sunday: name -> day offset.
EASTER_HOLIDAYS: Mapping[str, int] = MappingProxyType({
    "easter": 0, "easter sunday": 0, "easter day": 0, "good friday": -2,
    "easter monday": 1, "palm sunday": -7, "ash wednesday": -46, "pentecost": 49,
})


#: Nouns of events that are arranged ahead of time: a date attached to one ("talks on
#: Thursday", "the vote on Monday") names when the event is to happen, so a clause that
#: only reports or demands it ("demanded talks on Thursday") does not make it past. Our
#: own list, from the scheduled events news reports (meetings, votes, legal and sporting
#: fixtures, visits).
PLANNED_EVENT_NOUNS = frozenset({
    "talk", "talks", "meeting", "summit", "vote", "election", "referendum", "ballot", "poll",
    "hearing", "trial", "sentencing", "session", "conference", "visit", "trip", "tour",
    "negotiation", "negotiations", "ceremony", "rally", "protest", "march", "strike",
    "debate", "launch", "funeral", "match", "game", "race", "final", "inauguration",
    "consultation", "consultations", "round", "deadline", "meet", "briefing", "interview",
    "appearance", "address", "speech", "parade", "festival", "opening",
    "ceasefire", "truce", "deployment", "exercise", "exercises", "auction", "meetings",
})

#: Verbs whose object or complement is a wish, plan or demand, so still ahead whatever
#: their own tense: "demanded talks on Thursday", "agreed to meet on Friday", "called for
#: a vote on Monday" (directives and commissives in Searle's classification).
PROSPECTIVE_VERBS = frozenset({
    "demand", "propose", "call", "urge", "seek", "request", "ask", "suggest", "offer",
    "invite", "want", "push", "press", "insist", "order", "agree", "decide", "promise",
    "vow", "pledge", "plan", "intend", "aim", "hope", "expect", "schedule", "set",
    "arrange", "prepare", "threaten", "consider", "await", "announce", "confirm",
    "approve", "back", "support", "convene", "organize", "organise", "reschedule",
    "postpone", "delay", "due", "slate",
})

#: Adjectives that put an event noun ahead: "the proposed talks on Thursday".
PROSPECTIVE_MODIFIERS = frozenset({
    "proposed", "planned", "scheduled", "upcoming", "expected", "coming", "forthcoming",
    "possible", "potential", "likely", "future", "anticipated", "rescheduled", "next",
})
