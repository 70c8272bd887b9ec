"""Personal names reduced to the parts that identify a person across articles.

Within an article the entities layer already gives each person one canonical name
("Mrs. Clinton" -> "Hillary Clinton" when the article names her in full). Across
articles the same person still appears under several canonical names ("Hillary
Clinton", "Hillary Rodham Clinton", "Secretary Clinton", "Clinton"), so this module
reduces a name to a :class:`NameKey`: first name, surname, generational suffix and the
gender its titles imply. Two full names are one person when their keys agree::

    >>> name_key("Hillary Rodham Clinton")
    NameKey(first='hilary', last='clinton', suffix='', gender='', middle='r')
    >>> name_key("Hilary Clinton") == name_key("Hillary Clinton")
    True
    >>> name_key("Volodymyr Zelenskiy").last, name_key("Zelenskyy").last
    ('zelensky', 'zelensky')

Keys are spelling keys: doubled letters are written once and the transliterated endings
of Slavic names (-iy, -yy, -ij, -yj, -ii) as -y, so one person spelled two ways has one
key (``spelling``); relatives whose names differ by a letter stay apart ("Ivana",
"Ivanka").
    >>> name_key("Donald Trump Jr.")
    NameKey(first='donald', last='trump', suffix='jr', gender='', middle='')
    >>> name_key("Mrs. Clinton")
    NameKey(first='', last='clinton', suffix='', gender='f', middle='')
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache


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
    "chris": "christopher", "dan": "daniel", "dave": "david",
    "tim": "timothy", "tony": "anthony", "pat": "patrick", "ron": "ronald",
    "don": "donald", "liz": "elizabeth", "beth": "elizabeth", "kate": "katherine",
}

#: NICKNAMES by spelling key, both ways (built once from the table above; see ``spelling``).
_FORMAL_KEYS: dict[str, str] = {}
_FAMILIAR_KEYS: dict[str, tuple[str, ...]] = {}

_PARTICLES = frozenset({"de", "van", "von", "der", "da", "di", "la", "le", "del", "bin", "al"})


@dataclass(frozen=True, slots=True)
class NameKey:
    """The identifying parts of a personal name; empty strings for unknown parts."""

    first: str
    last: str
    suffix: str
    gender: str
    middle: str = ""  # initials of the middle names: "George H.W. Bush" -> "hw"

    @property
    def is_full(self) -> bool:
        """Whether both a first name and a surname are known."""
        return bool(self.first and self.last)


def fold(text: str) -> str:
    """Case-folded, accents removed, curly quotes straightened: ``"Rénee’s"`` -> ``"renee's"``."""
    text = unicodedata.normalize("NFKD", text.replace("\u2019", "'").replace("\u2018", "'"))
    return "".join(c for c in text if not unicodedata.combining(c)).casefold()


#: Characters a tagger leaves stuck to a name ("-Donald Trump", "Hillary] Clinton").
_STRAY = "-[](){}<>\"*:;!?|/\\_=+#@“”‘’`~"


#: Epithets that stand before a name like a title (Trump's nicknames for rivals in
#: 2016 copy: "Crooked Hillary", "Lyin' Ted", "Little Marco", "Low-energy Jeb").
EPITHETS = frozenset({"crooked", "lyin'", "lyin", "little", "low-energy", "crazy", "sleepy"})

#: Prefixes of one-word surnames that look like two joined names ("McDonald").
_JOINED_PREFIXES = ("Mc", "Mac", "De", "Di", "La", "Le", "Van", "Von", "Da", "Du", "St")


def clean_name(raw: str) -> str:
    """Undo what taggers and headlines stick to a name: ``"@HillaryClinton w"`` ->
    ``"Hillary Clinton"``, ``"Donald Trump-led"`` -> ``"Donald Trump"``, ``"Mr. Trump -
    60 percent"`` -> ``"Mr. Trump"``, ``"Donald Trump''"`` -> ``"Donald Trump"``."""
    name = re.split(r"\s[-–—]\s", raw.strip())[0]  # "Donald Trump - and"
    name = re.sub(r"(?:''|'|‘|’|”)+(?:s\b)?$", "", name.strip())  # quotes, possessives
    name = re.sub(r"-[a-z]+$", "", name.lstrip("@#"))  # "Trump-led"
    words = name.split()
    while len(words) > 1 and words[-1].islower():  # "@HillaryClinton w"
        words.pop()
    if len(words) == 1:
        joined = re.fullmatch(r"([A-Z][a-z]{2,})([A-Z][a-z]{2,})", words[0])
        if joined and not joined.group(1).startswith(_JOINED_PREFIXES):
            words = [joined.group(1), joined.group(2)]
    return " ".join(words)


def _words(name: str) -> list[str]:
    name = re.sub(r"'s$", "", fold(clean_name(name)).strip())
    words = (w.replace("]", "").replace("[", "").strip(_STRAY) for w in re.split(r"[\s,]+", name))
    return [w for w in words if w]


#: Transliterations of the Slavic ending -ий / -ій: "Zelenskiy", "Zelenskyy", "Zelenskij" (BGN/PCGN,
#: Library of Congress and scholarly romanisation) are one name, written -y here.
_SLAVIC_ENDING = re.compile(r"(?:iy|yy|ij|yj|ii|yi)$")


def spelling(word: str) -> str:
    """The spelling key of a name: ``"hillary"`` -> ``"hilary"``, ``"zelenskiy"`` -> ``"zelensky"``."""
    word = _SLAVIC_ENDING.sub("y", word) if len(word) > 4 else word
    return re.sub(r"([a-z])\1+", r"\1", word)


def first_name_keys(key: str) -> tuple[str, ...]:
    """The first-name keys a lone name's key can stand for: itself and, for a familiar
    form, the formal one: ``first_name_keys("bil")`` (Bill) -> ``("bil", "wiliam")``."""
    formal = _FORMAL_KEYS.get(key)
    return (key, formal) if formal else (key,)


def familiar_keys(first: str) -> tuple[str, ...]:
    """The lone-name keys that may stand for a first name: ``familiar_keys("wiliam")`` ->
    ``("wiliam", "bil", "bily", "wil")``."""
    return (first, *_FAMILIAR_KEYS.get(first, ()))


def _is_initial(word: str) -> bool:
    return bool(re.fullmatch(r"[a-z]\.?", word))


@lru_cache(maxsize=1)
def _titles() -> frozenset[str]:
    # Imported here for cost, not to dodge a cycle: importing any module of
    # newsledger.annotate runs annotate/__init__, which imports every stage and spaCy
    # (~0.5 s), and reading a ledger needs none of that (issue 18: start in < 0.5 s).
    from newsledger.annotate.shared.gazetteer import load as load_gazetteer

    return load_gazetteer().titles | EXTRA_TITLES


@lru_cache(maxsize=65536)
def name_key(name: str) -> NameKey:
    """The :class:`NameKey` of a person's name (see the module examples); cached, as
    every link update keys the same few thousand names."""
    titles = _titles()
    words, gender = _words(name), ""
    while words and (words[0] in titles or words[0] in GENDER_TITLES or words[0] in EPITHETS
                     or (len(words) > 1 and words[0].endswith("s") and words[0][:-1] in titles)):  # "Presidents Obama"
        gender = GENDER_TITLES.get(words[0], gender)
        words = words[1:]
    suffix = ""
    if len(words) > 1 and words[-1] in SUFFIXES:
        suffix = SUFFIXES[words.pop()]
    if not words:
        return NameKey("", "", suffix, gender)
    if len(words) == 1:
        return NameKey("", spelling(words[0].strip(".")), suffix, gender)
    n_last = 2 if len(words) > 2 and words[-2] in _PARTICLES else 1
    last = " ".join(words[-n_last:]).strip(".")
    first = words[0].strip(".")
    middle = "".join(_initials(w) for w in words[1:-n_last])
    if _is_initial(first) and middle:  # "J. Danforth Quayle": known by the middle name
        first, middle = words[1].strip("."), ""
    return NameKey(spelling(NICKNAMES.get(first, first)), spelling(last), suffix, gender, middle)


def _initials(word: str) -> str:
    """``"h.w."`` -> ``"hw"``, ``"rodham"`` -> ``"r"``, ``"w"`` -> ``"w"``."""
    if "." in word.strip(".") or _is_initial(word):
        return "".join(part[:1] for part in word.split(".") if part)
    return word[:1]


#: Office titles that tell namesakes apart ("President Clinton" is Bill, "Secretary
#: Clinton" Hillary), with their abbreviations folded (AP style).
OFFICE_TITLES: dict[str, str] = {
    "president": "president", "secretary": "secretary", "senator": "senator", "sen": "senator",
    "sen.": "senator", "governor": "governor", "gov": "governor", "gov.": "governor",
    "rep": "representative", "rep.": "representative", "representative": "representative",
    "mayor": "mayor", "judge": "judge", "justice": "justice", "general": "general", "gen.": "general",
    "ambassador": "ambassador", "speaker": "speaker",
}


def office_titles(surface: str) -> tuple[str, ...]:
    """Office titles in front of a name: ``"former President Bill Clinton"`` -> ``("president",)``."""
    found = []
    for word in fold(clean_name(surface)).split():
        if word in OFFICE_TITLES:
            found.append(OFFICE_TITLES[word])
        elif word not in _titles() and word not in GENDER_TITLES and word not in EPITHETS:
            break
    return tuple(found)


def title_gender(surface: str) -> str:
    """The gender a title in front of ``surface`` implies: ``"Mrs. Clinton"`` -> ``"f"``."""
    return name_key(surface).gender


_FORMAL_KEYS.update({spelling(familiar): spelling(formal) for familiar, formal in NICKNAMES.items()})
for _familiar, _formal in _FORMAL_KEYS.items():
    _FAMILIAR_KEYS[_formal] = (*_FAMILIAR_KEYS.get(_formal, ()), _familiar)
