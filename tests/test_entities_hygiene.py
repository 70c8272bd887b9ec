"""Name hygiene (issue 17): PERSON names from NER repaired or dropped, one test per rule."""

from __future__ import annotations

import pytest

from newsledger.annotate import entities
from newsledger.annotate.entities import hygiene
from newsledger.annotate.shared.gazetteer import SeatRow
from newsledger.annotate.shared.gazetteer import load as gazetteer
from newsledger.annotate.shared.names import canonical_non_person
from newsledger.records import Article, Document
from newsledger.tables import table


def people(nlp, text: str) -> dict[str, str]:
    """surface -> canonical name of every PERSON mention (non-persons left out)."""
    document = entities.annotate(Document(Article(id="a1", text=text), doc=nlp(text)))
    by_id = {e.id: e for e in document.entities}
    return {m.text: by_id[m.entity_id].name for m in document.mentions if by_id[m.entity_id].type == "PERSON"}


def types(nlp, text: str) -> dict[str, str]:
    document = entities.annotate(Document(Article(id="a1", text=text), doc=nlp(text)))
    return {e.name: e.type for e in document.entities}


@pytest.mark.parametrize("name,expected", [
    ("pro-Clinton", True), ("anti-Obama", True), ("Pro-Clinton", True), ("non-Trump", True),
    ("Jean-Pierre Raffarin", False), ("Donald Trump", False),
])
def test_prefix_form(name: str, expected: bool) -> None:
    assert hygiene.is_prefix_form(name) is expected


@pytest.mark.parametrize("text,expected", [
    ("Donald Trump ''", (0, 12, "Donald Trump")),          # a closing TeX quote
    ("Hillary Clinton ''", (0, 15, "Hillary Clinton")),
    ("Jack Kennedy'", (0, 12, "Jack Kennedy")),              # a closing single quote
    ("Hillary Clinton’s", (0, 15, "Hillary Clinton")),       # a possessive
    ('Marcia "', (0, 6, "Marcia")),                          # half a nickname
    ('Robert C. "Bobby', (0, 9, "Robert C.")),               # an unbalanced quote: cut before it
    ('Jesús "Chuy" García', (0, 19, "Jesús García")),        # a quoted nickname left out
    ("‘pivot", (1, 6, "pivot")),
    ("'", None),
    ("Beto O'Rourke", (0, 13, "Beto O'Rourke")),              # an apostrophe inside a word stays
    ("Lou D’Allesandro", (0, 16, "Lou D’Allesandro")),
])
def test_trim_quotes(text: str, expected) -> None:
    assert hygiene.trim_quotes(text) == expected


@pytest.mark.parametrize("word,role", [
    ("Speech", "thing"), ("Campaign", "thing"),              # a thing named after the person
    ("Wants", "verb"), ("Says", "verb"), ("Leads", "verb"), ("Revealed", "verb"),
    ("Bush", None), ("Young", None), ("Trump", None), ("Warren", None),  # surnames that are words
    ("Jobs", None), ("Wins", None),                          # surnames that look like verbs
    ("Sanders", None), ("Pence", None), ("Obama", None),
])
def test_trailing_role(word: str, role: str | None) -> None:
    assert hygiene.trailing_role(word) == role


@pytest.mark.parametrize("word,headline", [
    ("Combine", True), ("Beneath", True), ("Classic", True), ("Asserting", True), ("Certainly", True),
    ("Bill", False), ("Grant", False), ("Hope", False), ("Barack", False), ("Hillary", False), ("Ted", False),
])
def test_headline_word(word: str, headline: bool) -> None:
    assert (hygiene.headline_word(word) is not None) is headline


def test_leading_word_kept_when_the_name_recurs() -> None:
    context = hygiene.Context(occurrences=2, starts_sentence=True, other_name_words=frozenset({"Romney"}))
    assert not hygiene.drop_leading(["Mitt", "Romney"], context)


def test_leading_noun_kept_at_a_sentence_start_without_a_namesake() -> None:
    """"Mitt" is a WordNet noun and no 1990 Census first name: at a sentence start alone
    that is not enough to drop it."""
    context = hygiene.Context(occurrences=1, starts_sentence=True, other_name_words=frozenset())
    assert not hygiene.drop_leading(["Mitt", "Romney"], context)


# Real sentences from PolNeAR (2016) through spaCy and the entities stage.

def test_prefix_forms_are_no_people(nlp) -> None:
    found = people(nlp, "Hillary Clinton spoke. Priorities USA, the leading pro-Clinton super PAC, and "
                        "anti-Obama groups spent more.")
    assert not any(name.lower().startswith(("pro-", "anti-")) for name in found.values())


def test_closing_quote_is_trimmed(nlp) -> None:
    found = people(nlp, "Hillary Clinton boldly suggested that Donald Trump ''doesn't want the American people.''")
    assert "Donald Trump" in found.values() and not any("'" in n for n in found.values())


def test_leading_headline_word_beside_a_full_name(nlp) -> None:
    found = people(nlp, "Hillary Clinton won Ohio. Combine Clinton and Sanders’ Ohio numbers from Tuesday.")
    assert "Combine Clinton" not in found.values()
    assert found.get("Clinton") == "Hillary Clinton"


def test_leading_adverb_before_a_full_name(nlp) -> None:
    found = people(nlp, "“Certainly Donald Trump has gone in the opposite direction,” he said.")
    assert set(found.values()) == {"Donald Trump"}


def test_trailing_headline_verb(nlp) -> None:
    found = people(nlp, "Donald Trump Wants To Do Things 'A Hell Of A Lot Worse'. Trump Says He Will Win.")
    assert not any(n.endswith(("Wants", "Says")) for n in found.values())


def test_trailing_noun_makes_a_thing(nlp) -> None:
    found = types(nlp, "President Obama is rolling out a new message. [Video: FULL SPEECH: President Obama "
                       "Speech at Black Caucus Foundation in Washington DC]")
    assert found.get("Obama Speech", "ORG") != "PERSON"


def test_wordnet_person_is_no_thing(nlp) -> None:
    """WordNet lists some people ("putin"): a trailing noun makes a thing only after a
    name the article also uses on its own."""
    assert types(nlp, "Vladimir Putin met aides. Putin then left.").get("Vladimir Putin") == "PERSON"


def test_family_plural_is_no_person(nlp) -> None:
    found = types(nlp, "Bill Clinton and Hillary Clinton arrived. The Clintons left early.")
    assert found.get("Clintons") != "PERSON" and found.get("Clinton family") == "ORG"


def test_real_names_are_kept(nlp) -> None:
    found = people(nlp, "Mitt Romney, Rand Paul and Newt Gingrich met Bill Clinton and Ted Cruz.")
    assert {"Mitt Romney", "Rand Paul", "Newt Gingrich", "Bill Clinton", "Ted Cruz"} <= set(found.values())


# Titled surnames in an article naming several bearers (issue 17: "Mrs. Clinton" was Bill).

def test_courtesy_title_picks_the_bearer_of_its_sex(nlp) -> None:
    found = people(nlp, "Bill Clinton spoke. Bill Clinton left. Hillary Clinton arrived. Mrs. Clinton said no. "
                        "Mr. Clinton agreed.")
    assert found["Mrs. Clinton"] == "Hillary Clinton" and found["Mr. Clinton"] == "Bill Clinton"


def test_office_title_picks_the_bearer_named_with_it(nlp) -> None:
    found = people(nlp, "Former President Bill Clinton and Hillary Clinton arrived. President Clinton said hello.")
    assert found["President Clinton"] == "Bill Clinton"


def test_office_title_is_left_to_the_linker_when_unsure(nlp) -> None:
    """Neither Clinton is named "President" here: never a guess; the linker weighs the
    office across articles."""
    found = people(nlp, "Bill Clinton and Hillary Clinton arrived. President Clinton said hello.")
    assert found["President Clinton"] == "President Clinton"


def test_office_title_another_office_is_not_the_bearer(nlp) -> None:
    """Only Bill is named in full, as "former President": "Secretary Clinton" is not him."""
    found = people(nlp, "Former President Bill Clinton spoke. Secretary Clinton said no. Mr. Clinton agreed.")
    assert found["Secretary Clinton"] == "Secretary Clinton" and found["Mr. Clinton"] == "Bill Clinton"


def test_generational_suffix_outside_the_span_is_taken_in(nlp) -> None:
    found = people(nlp, "That prompted a harsh response from Donald Trump Jr., who spoke. Donald Trump left.")
    assert found["Donald Trump Jr."] == "Donald Trump Jr." and found["Donald Trump"] == "Donald Trump"


@pytest.mark.parametrize("row", table("seats_of_power.tsv", SeatRow), ids=lambda r: r.seat)
def test_seat_of_power_row(row: SeatRow) -> None:
    """Every row of ``seats_of_power.tsv``: "the Kremlin" is the body that sits there."""
    assert canonical_non_person(f"the {row.seat}", gazetteer()) == ("ORG", row.body)


def test_word_tables_read() -> None:
    lex = hygiene.lexicon()
    assert lex.given["hillary"] == "f" and lex.given["bill"] == "m"
    assert "v" in lex.pos["combine"] and "bush" in lex.surnames



def test_headline_verb_inside_a_name_ends_it(nlp) -> None:
    found = people(nlp, "Marco Rubio spoke. Video: Marco Rubio Responds To Question On Immigration.")
    assert set(found.values()) == {"Marco Rubio"}
