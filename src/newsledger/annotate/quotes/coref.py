"""A salience-based resolver for pronouns and role nouns over spaCy's parse.

coreferee's English model cannot be installed here, so speakers such as "he", "She"
or "the US president" are resolved by rule, over the named mentions the entities
layer found:

* **Pronouns** ("he", "she", "they", "it") take the most recent compatible named
  mention, searching back sentence by sentence (at most ``window`` sentences, the
  quotes settings' ``coref_window``);
  within a sentence a main-clause subject beats any other subject, which beats a
  non-subject. Mentions inside quotation marks are never antecedents (they are the
  quoted speaker's words). Gender comes from titles ("Mr", "Mrs", "Sir") and from
  first names (gender-guesser's name table); number and animacy from the type.
* **Role nouns** ("the US president", "the press secretary"): first by article
  evidence, a PERSON earlier in the text whose own mention carries that role as a
  title or pre-modifier ("White House press secretary Karoline Leavitt", "Ukrainian
  President Volodymyr Zelenskyy") with a compatible country; failing that, a definite
  role noun is read as an anaphor and takes the most recent main-clause subject
  PERSON within ``window`` sentences whose known roles do not conflict (so "the US
  president" after "Donald Trump has said …" is Donald Trump, but never Zelenskyy,
  whose article role is *Ukrainian* president). Indefinite ("a diplomat"), plural or
  possessed ("Trump's spokesman") role nouns stay unresolved.

In the reference article, ``Resolver(document).resolve(token)`` of the "She" in "She
said …" gives the entity Karoline Leavitt (tests/test_coref.py runs cases like it).
"""

from __future__ import annotations

import functools
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import accumulate, chain

from spacy.tokens import Doc, Span, Token

from newsledger.annotate.quotes.quote_marks import find_marked
from newsledger.annotate.shared.mentions import entity_at
from newsledger.records import Document, Entity
from newsledger.settings import QuoteSettings
from newsledger.tables import words

#: Pronoun -> (wanted gender or None, wanted entity types). Source: English personal
#: pronouns in subject, object and possessive case; "they"/"it" for bodies and states.
PRONOUNS: dict[str, tuple[str | None, frozenset[str]]] = {
    "he": ("m", frozenset({"PERSON"})),
    "him": ("m", frozenset({"PERSON"})),
    "his": ("m", frozenset({"PERSON"})),
    "she": ("f", frozenset({"PERSON"})),
    "her": ("f", frozenset({"PERSON"})),
    "they": (None, frozenset({"ORG", "NORP"})),
    "them": (None, frozenset({"ORG", "NORP"})),
    "it": (None, frozenset({"ORG", "GPE"})),
}

#: Courtesy titles that give a gender. Source: AP style's courtesy titles plus the UK
#: honours used in news copy.
TITLE_GENDER = {
    "mr": "m", "mr.": "m", "sir": "m", "lord": "m", "king": "m", "prince": "m",
    "mrs": "f", "mrs.": "f", "ms": "f", "ms.": "f", "miss": "f", "dame": "f",
    "lady": "f", "queen": "f", "princess": "f",
}

#: gender-guesser's answers (without "mostly_") -> our gender; "andy" (androgynous)
#: and "unknown" give none.
GUESSER = {"male": "m", "female": "f"}

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})


@dataclass(frozen=True, slots=True)
class Candidate:
    """A named mention that can be an antecedent."""

    entity: Entity
    start: int
    sentence: int
    rank: int  # 0 main-clause subject, 1 other subject, 2 anything else


@dataclass(frozen=True, slots=True)
class Role:
    """A role a person holds by article evidence: ``Role("president", "Ukraine")``."""

    head: str
    country: str | None


@functools.lru_cache(maxsize=1)
def _detector():  # type: ignore[no-untyped-def]
    import gender_guesser.detector as gender_detector

    return gender_detector.Detector(case_sensitive=False)


@functools.lru_cache(maxsize=4096)
def first_name_gender(name: str) -> str | None:
    """``"Karoline Leavitt"`` -> ``"f"``; None when the table is unsure.

    The table's overall answer counts unless its US usage says the opposite ("Rand" is
    female overall, male in the US; "Bernie" mostly female overall, mostly male in the
    US: no gender); a "mostly" answer counts only when US usage agrees ("Corey").
    """
    first = name.split()[0] if name.split() else ""
    if not first.isalpha():
        return None
    detector = _detector()
    overall = detector.get_gender(first.capitalize())
    usage = detector.get_gender(first.capitalize(), "usa")
    gender = overall.removeprefix("mostly_")
    if gender not in GUESSER:
        return None
    opposite = "female" if gender == "male" else "male"
    if usage in (opposite, f"mostly_{opposite}"):
        return None
    if overall.startswith("mostly_") and usage not in (gender, overall):
        return None
    return GUESSER[gender]


class Resolver:
    """Resolves pronoun and role-noun speakers of one document (built once per document).

    ``quoted`` are the char ranges inside quotation marks (found here when not given);
    ``window`` is how many sentences back an antecedent may be, ``document_window`` how
    many tokens back a document named again ("the statement") may have been named.
    """

    def __init__(self, document: Document, quoted: list[tuple[int, int]] | None = None,
                 window: int = QuoteSettings.coref_window,
                 document_window: int = QuoteSettings.document_window) -> None:
        self.document = document
        self.window = window
        self.document_window = document_window
        self.doc: Doc = document.doc
        self.sentence_starts = [s.start_char for s in self.doc.sents]
        self.by_id = {e.id: e for e in document.entities}
        if quoted is None:
            quoted = [m.content for m in find_marked(document.article.text)]
        self.quoted = _Containment.of(quoted)
        self.candidates = self._candidates(quoted)
        # Both ascend with the candidates (sorted by start): prefixes are found by bisection.
        self.candidate_starts = [c.start for c in self.candidates]
        self.candidate_sentences = [c.sentence for c in self.candidates]
        self.genders = {e.id: self._gender(e) for e in document.entities if e.type == "PERSON"}
        self.roles = self._roles()

    def inside_quotes(self, token: Token) -> bool:
        """``token`` lies inside quotation marks (the quoted speaker's words)."""
        return self.quoted.holds((token.idx, token.idx + len(token.text)))

    def resolve(self, token: Token) -> Entity | None:
        """The entity a pronoun or definite role noun (head ``token``) refers to, or None."""
        word = token.lower_
        if word in PRONOUNS:
            return self.pronoun(token)
        if token.pos_ == "NOUN" and token.tag_ in ("NN", "NNP"):
            return self.role_noun(token)
        if token.pos_ == "NOUN" and token.tag_ == "NNS":
            return self.body(token, self.doc[token.left_edge.i : token.i + 1])
        return None

    def pronoun(self, token: Token) -> Entity | None:
        """The most recent compatible named mention before ``token``."""
        gender, types = PRONOUNS[token.lower_]
        for pool in self._pools(token.idx):
            fits = [c for c in pool if c.entity.type in types and self._gender_fits(c.entity, gender)]
            if fits:
                return min(fits, key=lambda c: (c.rank, -c.start)).entity
        return None

    def role_noun(self, token: Token) -> Entity | None:
        """A definite singular role noun: a body named with that head noun earlier ("the
        ministry", "Kyiv's air force"), else by article evidence, else the salient subject."""
        noun = self.doc[token.left_edge.i : token.i + 1]
        body = self.body(token, noun)
        if body is not None or token.lemma_.lower() in _body_nouns():
            return body  # an organisation's description is never a person
        if not _definite_bare(noun, token):
            return None
        wanted = Role(token.lemma_.lower(), self._country(noun))
        holders = [c for c in self._before(token.idx) if _matches(self.roles.get(c.entity.id, ()), wanted)]
        if holders:
            return max(holders, key=lambda c: c.start).entity
        for pool in self._pools(token.idx):
            fits = [c for c in pool if c.rank == 0 and c.entity.type == "PERSON"
                    and not _conflicts(self.roles.get(c.entity.id, ()), wanted)]
            if fits:
                return max(fits, key=lambda c: c.start).entity
        return None

    def body(self, token: Token, noun: Span) -> Entity | None:
        """The latest organisation, state or people named before ``token`` whose name or
        alias holds its head noun: "the ministry" -> Russian Foreign Ministry, "Kyiv's
        air force" -> Ukrainian Air Force; definite descriptions only ("the", or a name
        as possessor), plurals too. Else, for a singular head of ``quote_bodies.txt``
        ("the company"), the latest organisation named in the window."""
        first = noun[0]
        possessor = next((t for t in noun if t.dep_ == "poss"), None)
        if first.lower_ != "the" and (possessor is None or possessor.pos_ != "PROPN"):
            return None
        heads = {token.lower_, token.lemma_.lower()}
        before = self._before(token.idx)
        for candidate in reversed(before):
            entity = candidate.entity
            if entity.type in ("ORG", "GPE", "NORP") and any(
                heads & set(name.casefold().split()) for name in (entity.name, *entity.aliases)
            ):
                return entity
        if token.lemma_.lower() in _body_nouns() and first.lower_ == "the" and token.tag_ == "NN":
            # "the company says": the latest organisation named in the window
            for pool in self._pools(token.idx):
                fits = [c for c in pool if c.entity.type == "ORG"]
                if fits:
                    return min(fits, key=lambda c: (c.rank, -c.start)).entity
        return None

    # --- candidates and features -----------------------------------------------------

    def _candidates(self, quoted: list[tuple[int, int]]) -> list[Candidate]:
        found = []
        inside_quotes = _Containment.of(quoted)
        for mention in self.document.mentions:
            entity = self.by_id.get(mention.entity_id)
            if entity is None or inside_quotes.holds(mention.span):
                continue
            span = self.doc.char_span(*mention.span, alignment_mode="expand")
            if span is None:
                continue
            root = span.root
            if root.dep_ == "compound" and root.head.pos_ == "NOUN":
                continue  # "the Clinton campaign" names the campaign, not Clinton
            found.append(Candidate(entity, mention.span[0], self._sentence(mention.span[0]), _rank(root)))
        return sorted(found, key=lambda c: c.start)

    def _sentence(self, char: int) -> int:
        """Index of the sentence holding ``char`` (the first one for a char before it)."""
        return max(0, bisect_right(self.sentence_starts, char) - 1)

    def _before(self, char: int) -> list[Candidate]:
        return self.candidates[: bisect_left(self.candidate_starts, char)]

    def _pools(self, char: int) -> list[list[Candidate]]:
        """Candidates before ``char`` grouped by sentence, nearest sentence first."""
        here = self._sentence(char)
        end = bisect_left(self.candidate_starts, char)
        start = bisect_left(self.candidate_sentences, here - self.window, 0, end)
        window = self.candidates[start:end]
        return [[c for c in window if c.sentence == s] for s in range(here, max(-1, here - self.window - 1), -1)]

    def _gender(self, entity: Entity) -> str | None:
        for text in chain((entity.name, *entity.aliases), self._mention_texts(entity)):
            title = text.split()[0].casefold() if text.split() else ""
            if title in TITLE_GENDER:
                return TITLE_GENDER[title]
        return first_name_gender(entity.name) if " " in entity.name else None

    def _mention_texts(self, entity: Entity) -> Iterator[str]:
        """The entity's mentions with the word before each ("Mr Trump"), lazily: the
        name and aliases usually settle the gender first."""
        for mention in self.document.mentions:
            if mention.entity_id == entity.id and mention.span[0] > 0:
                previous = self.doc.char_span(*mention.span, alignment_mode="expand")
                if previous is not None and previous.start > 0:
                    yield f"{self.doc[previous.start - 1].text} {mention.text}"

    def _gender_fits(self, entity: Entity, wanted: str | None) -> bool:
        if wanted is None:
            return True
        known = self.genders.get(entity.id)
        return known is None or known == wanted

    def _roles(self) -> dict[str, tuple[Role, ...]]:
        """Roles each PERSON carries in its own mentions: title words and pre-modifiers."""
        roles: dict[str, list[Role]] = {}
        for mention in self.document.mentions:
            entity = self.by_id.get(mention.entity_id)
            if entity is None or entity.type != "PERSON":
                continue
            span = self.doc.char_span(*mention.span, alignment_mode="expand")
            if span is None:
                continue
            for role in self._mention_roles(span):
                roles.setdefault(entity.id, []).append(role)
        return {k: tuple(v) for k, v in roles.items()}

    def _mention_roles(self, span: Span) -> list[Role]:
        """"Ukrainian President Volodymyr Zelenskyy" -> [Role("president", "Ukraine")]."""
        root = span.root
        premods = [t for t in root.subtree if t.i < root.i and t.dep_ in ("compound", "amod", "nmod")]
        found = []
        for word in premods:
            if word.pos_ == "NOUN" or (word.pos_ == "PROPN" and word.lower_ in _role_titles()):
                country = self._country(self.doc[premods[0].i : word.i]) if premods[0].i < word.i else None
                found.append(Role(word.lemma_.lower(), country))
        for child in root.children:
            if child.dep_ == "appos" and child.pos_ == "NOUN":
                found.append(Role(child.lemma_.lower(), self._country(self.doc[child.left_edge.i : child.i])))
        return found

    def _country(self, words: Span) -> str | None:
        """The state named by a demonym or country among ``words`` ("US", "Ukrainian")."""
        for token in words:
            if token.ent_type_ in ("GPE", "NORP"):
                entity = entity_at(self.document, token.idx, token.idx + len(token))
                if entity is not None and entity.type == "GPE":
                    return entity.name
        return None


@functools.lru_cache(maxsize=1)
def _body_nouns() -> frozenset[str]:
    """Head nouns of descriptions that stand for an organisation (``quote_bodies.txt``)."""
    return frozenset(words("quote_bodies.txt"))


@functools.lru_cache(maxsize=1)
def _role_titles() -> frozenset[str]:
    """Office titles that spaCy tags as proper nouns before a name ("President")."""
    return frozenset({"president", "secretary", "senator", "governor", "minister", "chancellor",
                      "chairman", "chairwoman", "speaker", "mayor", "general", "judge", "leader"})


def _rank(root: Token) -> int:
    if root.dep_ not in SUBJECT_DEPS:
        return 2
    verb = root.head
    return 0 if verb.dep_ in ("ROOT", "conj") else 1


@dataclass(frozen=True, slots=True)
class _Containment:
    """Char ranges that tell, by bisection, whether a span lies inside one of them."""

    starts: list[int]  # of the ranges, ascending
    reach: list[int]  # the furthest end among the ranges up to each start

    @classmethod
    def of(cls, ranges: list[tuple[int, int]]) -> _Containment:
        ordered = sorted(ranges)
        return cls([start for start, _ in ordered], list(accumulate((end for _, end in ordered), max)))

    def holds(self, span: tuple[int, int]) -> bool:
        """Some range starts at or before ``span`` and ends at or after it."""
        opened = bisect_right(self.starts, span[0])
        return opened > 0 and self.reach[opened - 1] >= span[1]


def _definite_bare(noun: Span, head: Token) -> bool:
    """ "the US president" yes; "a diplomat", "Trump's spokesman", "officials" no."""
    if head.tag_ in ("NNS", "NNPS") or noun[0].lower_ != "the":
        return False
    return not any(t.dep_ == "poss" for t in noun)


def _matches(held: tuple[Role, ...], wanted: Role) -> bool:
    return any(r.head == wanted.head and r.country == wanted.country for r in held)


def _conflicts(held: tuple[Role, ...], wanted: Role) -> bool:
    """Known roles that exclude ``wanted``: another office, or the same in another country."""
    if not held:
        return False
    same = [r for r in held if r.head == wanted.head]
    if not same:
        return True
    return all(r.country is not None and wanted.country is not None and r.country != wanted.country for r in same)
