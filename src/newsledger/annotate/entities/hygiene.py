"""Name hygiene for PERSON names from NER: repaired or dropped before grouping (issue 17).

spaCy's small model reads headlines and quotes into names: "pro-Clinton" (an adjective),
"Combine Clinton" (a headline's verb), "Obama Speech", "Trump Wants", "Donald Trump ''"
(a closing quote), "Marcia \\"" (half a nickname). Each rule is a class of words, checked
against published lists (``resources/given_names.tsv``: the 1990 US Census first names and their sex;
``resources/common_words.tsv``: WordNet's content words, with the Census surnames among
them marked), never a list of names seen in one corpus:

1. *prefix form*: a first word ``pro-X`` / ``anti-X`` / ``non-X`` makes an adjective,
   not a person: dropped.
2. *quote marks*: quotes and a possessive at either end are trimmed; a quoted nickname
   inside is left out of the name ("Jesús \\"Chuy\\" García" -> "Jesús García"); the name
   is cut before an unbalanced quote ("Robert C. \\"Bobby" -> "Robert C."); nothing left: dropped.
3. *trailing headline word*: a last word that is an inflected verb ("Wants", "Says",
   "Leads") is dropped; a common noun ("Speech", "Campaign", "Plaza") makes the name a
   thing named after the person: an ORG. A word that is also a surname ("Young",
   "Bush", "Trump") is kept.
4. *leading headline word*: a first word that is a common word and no given name
   ("Combine", "Beneath", "Certainly", "Team") is dropped when the name is written so only
   once in the article and either the rest is a full name ("Certainly Donald Trump"), or
   the rest is part of another person's full name in the article ("Combine Clinton" beside
   "Hillary Clinton"), or the word is a verb, adjective or adverb starting a sentence or
   line ("Derelict Obama and Clinton").

    >>> trailing_role("Speech"), trailing_role("Wants"), trailing_role("Bush")
    ('thing', 'verb', None)
    >>> trim_quotes('Donald Trump \\'\\'')
    (0, 12, 'Donald Trump')
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from newsledger.tables import table

#: Prefixes that turn a name into an adjective ("pro-Clinton super PAC").
PREFIX_FORM = re.compile(r"^(?:pro|anti|non)[-‐–]", re.IGNORECASE)

#: A generational suffix as a word: "Jr.", "Sr", "III".
SUFFIX_WORD = re.compile(r"(?:Jr|Sr)\.?|III|II|IV")

#: Quote marks (double and single, straight and curly, TeX-style pairs).
QUOTE_CHARS = "\"“”„«»‘’'`"

_WORD = re.compile(r"\S+")


@dataclass(frozen=True, slots=True)
class WordRow:
    """One row of ``common_words.tsv``: a word, its WordNet parts of speech, ``s`` if a surname."""

    word: str
    pos: str
    surname: str


@dataclass(frozen=True, slots=True)
class GivenNameRow:
    """One row of ``given_names.tsv``: a first name and its sex in the Census (m, f, mf)."""

    name: str
    sex: str


@dataclass(frozen=True)
class Lexicon:
    """Given names and common words (see the module docstring for their sources)."""

    given: Mapping[str, str]  # "hillary" -> "f"
    pos: Mapping[str, str]  # "combine" -> "nv"
    surnames: frozenset[str]  # common words that are also surnames: "young", "bush"


@functools.cache
def lexicon() -> Lexicon:
    """The process-wide lexicon (read on first use)."""
    rows = table("common_words.tsv", WordRow)
    return Lexicon(
        given=MappingProxyType({r.name: r.sex for r in table("given_names.tsv", GivenNameRow)}),
        pos=MappingProxyType({r.word: r.pos for r in rows}),
        surnames=frozenset(r.word for r in rows if r.surname),
    )


#: Courtesy titles and the sex they imply (AP style's courtesy titles).
TITLE_SEX: Mapping[str, str] = MappingProxyType({
    "mr": "m", "mr.": "m", "sir": "m", "lord": "m", "mrs": "f", "mrs.": "f", "ms": "f", "ms.": "f",
    "miss": "f", "lady": "f", "dame": "f", "madam": "f",
})


def sex_fits(first_name: str, sex: str) -> bool:
    """Whether a first name can be a person of ``sex`` ("m"/"f") in the Census lists: an
    unknown name fits either. ``sex_fits("Hillary", "m")`` -> False."""
    found = lexicon().given.get(first_name.casefold())
    return found is None or sex in found


def is_prefix_form(name: str) -> bool:
    """``"pro-Clinton"`` -> True; ``"Jean-Pierre Raffarin"`` -> False."""
    return bool(PREFIX_FORM.match(name.strip()))


def trim_quotes(text: str) -> tuple[int, int, str] | None:
    """(start, end, name) of ``text`` without quote marks: trimmed at both ends with a
    trailing possessive, a quoted nickname left out, cut before an unbalanced quote;
    None when nothing is left. ``'Marcia "'`` -> ``(0, 6, 'Marcia')``."""
    start, end = 0, len(text)
    while start < end and (text[start] in QUOTE_CHARS or text[start].isspace()):
        start += 1
    while end > start:
        tail = text[start:end]
        trimmed = re.sub(r"(?:['’]s|[\s" + re.escape(QUOTE_CHARS) + r"])$", "", tail)
        if trimmed == tail:
            break
        end = start + len(trimmed)
    kept: list[str] = []
    nickname = False
    for match in _WORD.finditer(text, start, end):
        word = match.group()
        opens = word[0] in QUOTE_CHARS
        closes = word[-1] in QUOTE_CHARS and len(word) > 1
        if opens and closes:
            continue  # a quoted nickname: "Chuy"
        if opens or nickname:
            nickname = True
            if closes:
                nickname = False
                continue
            if match.end() == end:  # the quote never closes: cut before it
                end = _end_of(text, start, kept)
            continue
        if any(c in QUOTE_CHARS for c in word.strip("'’")) and not _is_apostrophe(word):
            end = _end_of(text, start, kept)
            break
        kept.append(word)
    if nickname:
        end = _end_of(text, start, kept)
    name = " ".join(kept).strip()
    return (start, end, name) if name else None


def _is_apostrophe(word: str) -> bool:
    """An apostrophe inside a word: "O'Brien", "D’Allesandro"."""
    return bool(re.fullmatch(r"[^\W\d_]+(?:['’][^\W\d_]+)+\.?", word))


def _end_of(text: str, start: int, kept: list[str]) -> int:
    """Where the last kept word ends in ``text``."""
    at = start
    for word in kept:
        at = text.index(word, at) + len(word)
    return at


def _lemmas(word: str) -> list[str]:
    """The word and the verb lemmas its inflection allows: "wants" -> ["wants", "want"]."""
    out = [word]
    for suffix, repl in (("ies", "y"), ("es", ""), ("es", "e"), ("s", ""), ("ed", ""), ("ed", "e"),
                         ("ing", ""), ("ing", "e")):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            out.append(word[: -len(suffix)] + repl)
    return out


def trailing_role(word: str) -> str | None:
    """What a capitalised last word of a PERSON name is: ``"verb"`` (an inflected verb of
    a headline: dropped), ``"thing"`` (a common noun: the name is an ORG named after the
    person), or None (a name: kept). Surnames and given names are names."""
    lex = lexicon()
    folded = word.strip(".,:;").casefold()
    if folded in lex.surnames or folded in lex.given or folded not in lex.pos and not _inflected_verb(folded):
        return None
    if _inflected_verb(folded):
        return "verb"
    return "thing" if "n" in lex.pos[folded] else None


def _inflected_verb(word: str) -> bool:
    lex = lexicon()
    return word != _lemmas(word)[-1] and any("v" in lex.pos.get(lemma, "") for lemma in _lemmas(word)[1:])


def headline_word(word: str) -> str | None:
    """The parts of speech of a capitalised first word that is a common English word and
    no given name (``"Combine"`` -> ``"nv"``), else None (``"Bill"``, ``"Barack"``)."""
    lex = lexicon()
    folded = word.strip(".,:;").casefold()
    if folded in lex.given or len(folded) < 3:
        return None
    found = [lex.pos[lemma] for lemma in _lemmas(folded) if lemma in lex.pos]
    return "".join(found) or None


@dataclass(frozen=True, slots=True)
class Context:
    """What the article says about a name: how often it is written so, whether it starts a
    sentence or line, and the words of the other people's full names."""

    occurrences: int
    starts_sentence: bool
    other_name_words: frozenset[str]


def drop_leading(name_words: list[str], context: Context) -> bool:
    """Whether the first of ``name_words`` is a headline word stuck to the name (rule 4)."""
    if len(name_words) < 2 or context.occurrences > 1 or name_words[0] in context.other_name_words:
        return False  # "Trump v. Trump": a name of the article is no headline word
    pos = headline_word(name_words[0])
    if pos is None:
        return False
    rest = name_words[1:]
    if len(rest) >= 2 and rest[0].casefold() in lexicon().given:
        return True
    if rest[-1] in context.other_name_words:
        return True
    return context.starts_sentence and pos != "n" and set(pos) - {"n"} != set()


__all__ = ["SUFFIX_WORD", "TITLE_SEX", "Context", "Lexicon", "sex_fits", "drop_leading", "headline_word", "is_prefix_form", "lexicon",
           "trailing_role", "trim_quotes"]
