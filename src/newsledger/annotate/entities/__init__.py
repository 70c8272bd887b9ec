"""Entities within one article: spaCy NER, repaired and canonicalised.

spaCy's small model finds most names but splits and labels them the way a tagger does,
not the way a reader names things. This stage turns its entities into mentions of
canonical entities:

* persons by their full name: "Mr Trump", "Trump" -> "Donald Trump" (titles stripped,
  surnames and first names linked to the full name nearest before, else after);
* countries by their short English name: "US" -> "United States", "Russians" -> "Russia",
  "Kyiv’s allies" -> "Ukraine" (a capital in the possessive stands for its state);
* state bodies named by a country and a head noun: "the Ukrainian air force",
  "Ukraine's air force" -> "Ukrainian Air Force";
* acronyms: "EU" -> "European Union" (a table, plus the article's own "Name (ACR)");
* capitalised "X of the Y" bodies the model misses: "Coalition of the Willing".

Example: ``annotate(document).entities`` of the reference article holds
``Entity(name="Donald Trump", type="PERSON", aliases=("Mr Trump", "Trump"))``.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter, defaultdict
from dataclasses import dataclass

from spacy.attrs import IDX, LENGTH
from spacy.tokens import Doc, Span as SpacySpan

from newsledger.annotate.entities import hygiene
from newsledger.annotate.shared.gazetteer import Gazetteer, load
from newsledger.annotate.shared.names import (
    POSSESSIVE,
    canonical_non_person,
    state_body_name,
    strip_article,
    strip_person_titles,
)
from newsledger.annotate.stage import Stage
from newsledger.records import Document, Entity, Mention, stable_id
from newsledger.settings import EntitySettings

#: spaCy labels that name things the ledger tracks.
NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"})

#: Head nouns of collective bodies.
BODY_HEADS = (
    r"(?:Coalition|Council|Alliance|Union|League|Committee|Commission|"
    r"Organi[sz]ation|Assembly|Court|Bank|Ministry|Department|Office|Movement|Front|Party)"
)

#: Capitalised bodies spaCy's small model tends to miss: a head noun of a collective
#: body followed by "of (the) Capitalised…" ("Coalition of the Willing").
BODY_NAME = re.compile(r"\b(?:[A-Z][a-z]+ )*" + BODY_HEADS + r"(?: of(?: the)?(?: [A-Z][\w-]+)+)+")

#: What every ``BODY_NAME`` contains: a quick test that spares most articles its search.
BODY_HEAD_OF = re.compile(BODY_HEADS + " of")

#: "European Union (EU)": an article defining its own acronym.
ACRONYM_DEFINITION = re.compile(r"\b((?:[A-Z][\w-]+ )(?:(?:of |for |the |and )?[A-Z][\w-]+ ?)+)\(([A-Z]{2,6})\)")

#: A whole run of name characters (word characters, hyphens, spaces) that ends in a
#: bracketed acronym: the only stretches of text where ``ACRONYM_DEFINITION`` can match.
#: Searching these alone spares its backtracking over every capitalised word.
DEFINITION_WINDOW = re.compile(r"(?<![\w\- ])[\w\- ]*\([A-Z]{2,6}\)")

@dataclass(frozen=True, slots=True)
class Candidate:
    """A name in the text before grouping: where it is, what it is, what it stands for."""

    start: int
    end: int
    text: str
    type: str
    canonical: str


def annotate(document: Document, settings: EntitySettings = EntitySettings()) -> Document:
    """Fill ``entities`` and ``mentions`` from ``document.doc`` (``settings``: no knobs yet)."""
    doc: Doc = document.doc
    gaz = load()
    candidates = _repair(doc, document.article.text, gaz)
    candidates = _clean_people(candidates, document.article.text, gaz)
    candidates = _link_people(candidates)
    entities, mentions = _group(document.article.id, candidates)
    return document.evolve(entities=entities, mentions=mentions)


# --- repairing spaCy's entities -------------------------------------------------------


def _repair(doc: Doc, text: str, gaz: Gazetteer) -> list[Candidate]:
    """spaCy's named entities split, relabelled and extended; sorted, non-overlapping.

    ``text`` is ``doc.text``, passed along because spaCy rebuilds that string on every access.
    """
    # The repairs come first: on equal spans they win over spaCy's own reading.
    found = [*_defined_acronyms(text), *_state_bodies(doc, text, gaz), *_body_names(text)]
    for ent in doc.ents:
        if ent.label_ not in NAME_LABELS:
            continue
        for part in _split_possessives(ent):
            candidate = _classify(part, text, gaz)
            if candidate is not None:
                found.append(candidate)
    found = _split_hyphen_pairs(found)
    return _without_overlaps(found)


def _split_possessives(ent: SpacySpan) -> list[SpacySpan]:
    """``"Kyiv’s European"`` -> ``["Kyiv", "European"]``; a trailing possessive is dropped."""
    parts, begin = [], ent.start
    for token in ent:
        if token.text in POSSESSIVE or token.tag_ == "POS":
            if token.i > begin:
                parts.append(ent.doc[begin : token.i])
            begin = token.i + 1
    if begin < ent.end:
        parts.append(ent.doc[begin : ent.end])
    # Leading articles are not part of a name ("the White House").
    out = []
    for part in parts:
        while len(part) and part[0].lower_ in ("the",):
            part = part[1:]
        if len(part):
            out.append(part)
    return out


def _classify(part: SpacySpan, doc_text: str, gaz: Gazetteer) -> Candidate | None:
    text = doc_text[part.start_char : part.end_char]
    # part[0], not part.root: Span.root checks the whole Doc's parse on every call.
    label = part.label_ or part[0].ent_type_ or "ORG"
    if len(part) == 1 and part[0].pos_ == "ADJ":
        label = "NORP"  # a piece split off an entity: "European" in "Kyiv’s European"
    if label == "PERSON":
        stripped = strip_person_titles(text, gaz)
        country = gaz.country(stripped)
        if country is None:
            start = _title_start(part, gaz)
            return Candidate(start, part.end_char, doc_text[start : part.end_char], "PERSON", stripped)
    if _is_capital_metonym(part, gaz):
        return Candidate(part.start_char, part.end_char, text, "GPE", gaz.capitals[text.casefold()])
    canonical = canonical_non_person(text, gaz)
    if canonical is not None:
        return Candidate(part.start_char, part.end_char, text, canonical[0], canonical[1])
    if label == "PERSON":
        return None
    if label == "FAC" and text[:1].isupper() and " " not in text:
        label = "GPE"  # one-word facilities are mostly places the small model mislabels ("Vatican")
    return Candidate(part.start_char, part.end_char, text, label, text)


def _title_start(part: SpacySpan, gaz: Gazetteer) -> int:
    """Where a person's mention starts, a title before the name included ("Mr Trump")."""
    before = part.doc[part.start - 1] if part.start > 0 else None
    if before is not None and before.text[:1].isupper() and before.text.casefold() in gaz.titles:
        return before.idx
    return part.start_char


def _is_capital_metonym(part: SpacySpan, gaz: Gazetteer) -> bool:
    """A capital in the possessive stands for its government: "Kyiv’s European allies"."""
    if part.text.casefold() not in gaz.capitals or part.end >= len(part.doc):
        return False
    return part.doc[part.end].text in POSSESSIVE


def _state_bodies(doc: Doc, text: str, gaz: Gazetteer) -> list[Candidate]:
    """"the Ukrainian air force", "Russia's defence ministry": country + body noun."""
    # Offsets and texts of the tokens, sliced from ``text``: no Token objects needed.
    table = doc.to_array([IDX, LENGTH]).tolist()
    starts = [start for start, _ in table]
    words = [text[start : start + length] for start, length in table]
    out = []
    for i, word in enumerate(words):
        if not word[:1].isupper():
            continue
        named = state_body_name(words[i : i + 6], gaz)
        if named is None:
            continue
        start, last = starts[i], i + named[1] - 1
        end = starts[last] + len(words[last])
        out.append(Candidate(start, end, text[start:end], "ORG", named[0]))
    return out


def _body_names(text: str) -> list[Candidate]:
    if not BODY_HEAD_OF.search(text):
        return []
    return [Candidate(m.start(), m.end(), m.group(), "ORG", m.group()) for m in BODY_NAME.finditer(text)]


def _defined_acronyms(text: str) -> list[Candidate]:
    """"the European Union (EU)": both the name and the acronym, wherever it recurs."""
    out = []
    for match in _acronym_definitions(text):
        name, acronym = strip_article(match.group(1)), match.group(2)
        initials = "".join(w[0] for w in name.split() if w[0].isupper())
        if initials != acronym:
            continue
        for use in re.finditer(rf"\b{re.escape(acronym)}\b", text):
            out.append(Candidate(use.start(), use.end(), acronym, "ORG", name))
    return out


def _acronym_definitions(text: str) -> list[re.Match[str]]:
    """The matches of ``ACRONYM_DEFINITION.finditer(text)``, found window by window."""
    found = (ACRONYM_DEFINITION.search(text, w.start(), w.end()) for w in DEFINITION_WINDOW.finditer(text))
    return [match for match in found if match is not None]


def _split_hyphen_pairs(found: list[Candidate]) -> list[Candidate]:
    """"Zelenskyy-Putin summit": a hyphenated pair of the article's surnames is two people."""
    surnames = {c.canonical.split()[-1] for c in found if c.type == "PERSON"}
    out = []
    for c in found:
        parts = c.text.split("-")
        if len(parts) > 1 and all(p in surnames for p in parts):
            offset = c.start
            for p in parts:
                out.append(Candidate(offset, offset + len(p), p, "PERSON", p))
                offset += len(p) + 1
        else:
            out.append(c)
    return out


def _without_overlaps(found: list[Candidate]) -> list[Candidate]:
    """Keep the longest of overlapping candidates (a state body over its demonym)."""
    kept: list[Candidate] = []
    taken: list[tuple[int, int]] = []  # spans of ``kept``, sorted and pairwise disjoint
    for c in sorted(found, key=lambda c: (-(c.end - c.start), c.start)):
        # Of the taken spans that start before ``c`` ends, the last ends latest.
        before_end = bisect_left(taken, (c.end,))
        if before_end == 0 or taken[before_end - 1][1] <= c.start:
            kept.append(c)
            taken.insert(before_end, (c.start, c.end))
    return sorted(kept, key=lambda c: c.start)


# --- name hygiene (hygiene.py) -----------------------------------------------------------


#: A generational suffix the tagger left outside a person's span: "Donald Trump Jr.".
SUFFIX_AFTER = re.compile(r",? ((?:Jr|Sr)\.?|III|II|IV)(?![\w])")

#: What may stand before a name that starts a sentence or a line.
_SENTENCE_END = ".!?:;\n\"“”'‘’([—–-|"


def _clean_people(found: list[Candidate], text: str, gaz: Gazetteer) -> list[Candidate]:
    """PERSON candidates repaired or dropped by the rules of :mod:`hygiene`; the others as they are."""
    full = Counter(c.canonical for c in found if c.type == "PERSON" and " " in c.canonical)
    named = Counter(w for c in found if c.type == "PERSON" for w in c.canonical.split())
    out = []
    for c in found:
        repaired = _clean_person(c, text, gaz, full, named) if c.type == "PERSON" else c
        if repaired is not None:
            out.append(repaired)
    return out


def _clean_person(c: Candidate, text: str, gaz: Gazetteer, full: Counter[str], named: Counter[str]) -> Candidate | None:
    """One PERSON candidate through the rules of :mod:`hygiene`; ``full`` counts the
    article's full person names, ``named`` the words of all its person names."""
    if hygiene.is_prefix_form(c.text) or hygiene.is_prefix_form(c.canonical):
        return None
    trimmed = hygiene.trim_quotes(c.text)
    if trimmed is None:
        return None
    start, end = c.start + trimmed[0], c.start + trimmed[1]
    canonical = strip_person_titles(trimmed[2], gaz) if trimmed[2] != c.text else c.canonical
    words, end, thing = _trailing_words(canonical.split(), text, start, end, named)
    if thing:  # "Obama Speech", "Trump Campaign": named after the person
        return Candidate(start, end, text[start:end], "ORG", " ".join(words))
    others = frozenset(w for name in full if name != canonical for w in name.split())
    before = text[:start].rstrip(" \t")
    context = hygiene.Context(
        occurrences=text.count(" ".join(words)),
        starts_sentence=not before or before[-1] in _SENTENCE_END,
        other_name_words=others,
    )
    suffix = SUFFIX_AFTER.match(text, end)
    if suffix and not hygiene.SUFFIX_WORD.fullmatch(words[-1]):  # "Donald Trump" + ", Jr."
        end, words = suffix.end(), [*words, suffix.group(1)]
    if hygiene.SUFFIX_WORD.fullmatch(" ".join(words)):
        return None  # a generational suffix the tagger split off alone ("Jr.")
    if hygiene.drop_leading(words, context):
        at = text.find(words[1], start + len(words[0]))
        start, words = at if at >= 0 else start, words[1:]
    if len(words) == 1 and words[0].endswith("s") and words[0][:-1] in {n.split()[-1] for n in full}:
        return Candidate(start, end, text[start:end], "ORG", f"{words[0][:-1]} family")  # "the Clintons"
    return Candidate(start, end, text[start:end], "PERSON", " ".join(words))


def _trailing_words(words: list[str], text: str, start: int, end: int,
                    named: Counter[str]) -> tuple[list[str], int, bool]:
    """(words, end, is a thing) after the headline words at a name's end: a verb inside
    or at the end cuts the name before it ("Marco Rubio Responds To Question", "Trump
    Wants"); a common noun after a name the article also uses alone makes it a thing
    named after the person ("Obama Speech"; WordNet lists some people too, "Putin", so
    "Vladimir Putin" stays a person)."""
    verb = next((i for i in range(1, len(words)) if words[i][:1].isupper()
                 and hygiene.trailing_role(words[i]) == "verb"), None)
    if verb is not None:
        cut = text.rfind(" " + words[verb], start, end)
        if cut > start:
            return words[:verb], start + len(text[start:cut].rstrip()), False
    if len(words) > 1 and words[-1][:1].isupper() and hygiene.trailing_role(words[-1]) == "thing":
        return words, end, named[words[-2]] > 1
    return words, end, False


# --- people ----------------------------------------------------------------------------


#: Labels the small model gives a lone surname by mistake ("Sanders" as an ORG).
MISLABELLED_SURNAME = frozenset({"ORG", "NORP", "FAC", "LOC"})


def _link_people(found: list[Candidate]) -> list[Candidate]:
    """Give each one-word person name the full name it abbreviates.

    News style introduces a person by full name and then uses the surname alone for the
    story's principal bearer of it, while relatives keep their first names ("Hillary
    Clinton … Bill Clinton … Clinton said" is Hillary). So a bare surname (or first name)
    goes to the full name mentioned most often in full, the first introduced on a tie.
    A one-word ORG/NORP/FAC/LOC that is the surname of a person named in full is that
    person ("Bernie Sanders … Sanders said").
    """
    full_mentions = Counter(c.canonical for c in found if c.type == "PERSON" and " " in c.canonical)
    first_seen = {}
    for c in found:
        if c.canonical in full_mentions:
            first_seen.setdefault(c.canonical, c.start)
    surnames = {name.split()[-1] for name in full_mentions}
    titled: dict[str, set[str]] = defaultdict(set)  # full name -> the titles written before it
    for c in found:
        if c.canonical in full_mentions:
            titled[c.canonical] |= set(_title_of(c))
    out = []
    for c in found:
        if c.type in MISLABELLED_SURNAME and c.canonical in surnames:
            c = Candidate(c.start, c.end, c.text, "PERSON", c.canonical)
        if c.type != "PERSON" or " " in c.canonical:
            out.append(c)
            continue
        word = c.canonical.casefold()
        bearers = [n for n in full_mentions if word in (n.split()[-1].casefold(), n.split()[0].casefold())]
        fitting = _titled_bearers(c, bearers, titled)
        if fitting:
            principal = max(fitting, key=lambda n: (full_mentions[n], -first_seen[n]))
            c = Candidate(c.start, c.end, c.text, c.type, principal)
        elif bearers:  # "President Clinton" beside a Bill and a Hillary: the linker decides
            c = Candidate(c.start, c.end, c.text, c.type, " ".join(c.text.split()))
        out.append(c)
    return out


#: Title words that name no office: courtesy titles and the words around an office.
NOT_OFFICES = frozenset(hygiene.TITLE_SEX) | {"former", "then", "late", "the", "u.s.", "us", "vice"}


def _title_of(c: Candidate) -> list[str]:
    """The title words written before a person's name: ``"Mrs. Clinton"`` -> ``["mrs."]``."""
    words = c.text.split()
    return [w.casefold() for w in words[: len(words) - len(c.canonical.split())]]


def _titled_bearers(c: Candidate, bearers: list[str], titled: dict[str, set[str]]) -> list[str]:
    """The bearers a titled surname can stand for when the article names several
    ("Hillary Clinton", "Bill Clinton"): a courtesy title keeps those whose first name fits
    its sex ("Mrs. Clinton"); an office title those named in full with it ("President
    Clinton" after "President Bill Clinton"), else none: ambiguous, never a guess."""
    title = _title_of(c)
    if not bearers or not title:
        return bearers
    sex = next((hygiene.TITLE_SEX[w] for w in title if w in hygiene.TITLE_SEX), "")
    if sex:
        fitting = [n for n in bearers if hygiene.sex_fits(n.split()[0], sex)]
        return fitting or bearers
    office = set(title) - NOT_OFFICES
    if not office:
        return bearers
    fitting = [n for n in bearers if office <= titled.get(n, set())]
    if fitting or len(bearers) > 1:
        return fitting
    # One bearer, named in full only under another office ("former President Bill
    # Clinton" beside "Secretary Clinton"): not this one; else the bearer.
    return [] if titled.get(bearers[0], set()) - NOT_OFFICES else bearers


# --- grouping ------------------------------------------------------------------------


def _group(article_id: str, found: list[Candidate]) -> tuple[tuple[Entity, ...], tuple[Mention, ...]]:
    surface: dict[tuple[str, str], set[str]] = defaultdict(set)
    mentions = []
    for c in found:
        entity_id = Entity.make_id(c.canonical, c.type)
        surface[(c.canonical, c.type)].add(c.text)
        mentions.append(Mention(stable_id("m", article_id, c.start, c.end), article_id, entity_id, c.text, (c.start, c.end)))
    entities = tuple(
        Entity(Entity.make_id(name, type_), name, type_, tuple(sorted(texts - {name})))
        for (name, type_), texts in sorted(surface.items())
    )
    return entities, tuple(mentions)


#: The entities stage: reads the parse, writes the entities and their mentions.
STAGE = Stage("entities", annotate, requires=("doc",), assigns=("entities", "mentions"))
