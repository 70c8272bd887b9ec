"""Personal names reduced to the parts that identify a person across articles.

Within an article the entities layer already gives each person one canonical name
("Mrs. Clinton" -> "Hillary Clinton" when the article names her in full). Across
articles the same person still appears under several canonical names ("Hillary
Clinton", "Hillary Rodham Clinton", "Secretary Clinton", "Clinton"), so this module
reduces a name to a :class:`NameKey`: first name, surname, generational suffix and the
gender its titles imply. Two full names are one person when their keys agree::

    >>> name_key("Hillary Rodham Clinton")
    NameKey(first='hillary', last='clinton', suffix='', gender='')
    >>> name_key("Donald Trump Jr.")
    NameKey(first='donald', last='trump', suffix='jr', gender='')
    >>> name_key("Mrs. Clinton")
    NameKey(first='', last='clinton', suffix='', gender='f')
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from newsledger.annotate.gazetteer import load as load_gazetteer

#: Titles that imply a gender; the other titles (the gazetteer's person_titles.txt:
#: "Secretary", "Senator", "President"…) are stripped without implying one.
#: Source: AP style's courtesy titles.
GENDER_TITLES: dict[str, str] = {
    "mr": "m", "mr.": "m", "sir": "m", "lord": "m", "king": "m", "prince": "m",
    "mrs": "f", "mrs.": "f", "ms": "f", "ms.": "f", "miss": "f", "dame": "f",
    "lady": "f", "queen": "f", "princess": "f", "madam": "f",
}

#: Office titles US news copy puts before a name that the gazetteer list lacks
#: (seen in PolNeAR: "Gov. Pence", "Sen. Kaine", "former President Clinton").
EXTRA_TITLES = frozenset({
    "former", "first", "candidate", "nominee", "gop", "democratic", "republican",
    "sen", "gov", "rep", "speaker", "attorney", "vice", "presidential", "secretary of state",
})

#: Generational suffixes that make a different person ("Donald Trump Jr.").
SUFFIXES: dict[str, str] = {
    "jr": "jr", "jr.": "jr", "junior": "jr", "sr": "sr", "sr.": "sr", "senior": "sr",
    "ii": "ii", "iii": "iii", "iv": "iv",
}

#: Formal first names and the familiar forms news copy uses for the same person
#: (a short list of the common English hypocorisms; only a familiar-formal pair with
#: one surname is merged, so "Bill Clinton" = "William Clinton").
NICKNAMES: dict[str, str] = {
    "bill": "william", "billy": "william", "will": "william", "bob": "robert",
    "rob": "robert", "dick": "richard", "rick": "richard", "jim": "james",
    "jimmy": "james", "mike": "michael", "tom": "thomas", "joe": "joseph",
    "chris": "christopher", "dan": "daniel", "dave": "david", "ted": "edward",
    "tim": "timothy", "tony": "anthony", "pat": "patrick", "ron": "ronald",
    "don": "donald", "liz": "elizabeth", "beth": "elizabeth", "kate": "katherine",
    "jeb": "john",
}

_PARTICLES = frozenset({"de", "van", "von", "der", "da", "di", "la", "le", "del", "bin", "al"})


@dataclass(frozen=True, slots=True)
class NameKey:
    """The identifying parts of a personal name; empty strings for unknown parts."""

    first: str
    last: str
    suffix: str
    gender: str

    @property
    def is_full(self) -> bool:
        """Whether both a first name and a surname are known."""
        return bool(self.first and self.last)


def fold(text: str) -> str:
    """Case-folded, accents removed, curly quotes straightened: ``"Rénee’s"`` -> ``"renee's"``."""
    text = unicodedata.normalize("NFKD", text.replace("\u2019", "'"))
    return "".join(c for c in text if not unicodedata.combining(c)).casefold()


def _words(name: str) -> list[str]:
    name = re.sub(r"'s$", "", fold(name).strip())
    return [w for w in re.split(r"[\s,]+", name) if w]


def _is_initial(word: str) -> bool:
    return bool(re.fullmatch(r"[a-z]\.?", word))


def name_key(name: str) -> NameKey:
    """The :class:`NameKey` of a person's name (see the module examples)."""
    titles = load_gazetteer().titles | EXTRA_TITLES
    words, gender = _words(name), ""
    while words and (words[0] in titles or words[0] in GENDER_TITLES):
        gender = GENDER_TITLES.get(words[0], gender)
        words = words[1:]
    suffix = ""
    if len(words) > 1 and words[-1] in SUFFIXES:
        suffix = SUFFIXES[words.pop()]
    words = [w for w in words if not _is_initial(w)]
    if not words:
        return NameKey("", "", suffix, gender)
    if len(words) == 1:
        return NameKey("", words[0].strip("."), suffix, gender)
    last = words[-1]
    if len(words) > 2 and words[-2] in _PARTICLES:
        last = f"{words[-2]} {last}"
    first = words[0].strip(".")
    return NameKey(NICKNAMES.get(first, first), last.strip("."), suffix, gender)


def title_gender(surface: str) -> str:
    """The gender a title in front of ``surface`` implies: ``"Mrs. Clinton"`` -> ``"f"``."""
    return name_key(surface).gender
