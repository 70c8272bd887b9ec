"""The quotes layer, rule by rule on single sentences, and on the reference article."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsledger.annotate import entities, quotes
from newsledger.nlp import load
from newsledger.records import Article, Document
from tests.conftest import REFERENCE_GOLD, REFERENCE_TEXT


def annotate(text: str) -> Document:
    document = Document(Article(id="t", text=text, published="2025-08-19"), doc=load()(text))
    return quotes.annotate(entities.annotate(document))


def found(text: str) -> list[tuple[str, str | None, str]]:
    return [(q.kind, q.speaker, q.text) for q in annotate(text).quotes]


@pytest.mark.parametrize(
    "text,expected",
    [
        # speaker after the quote
        ("“We will find out in two weeks,” Donald Trump told Fox News.",
         [("direct", "Donald Trump", "We will find out in two weeks")]),
        # inverted cue
        ("“This is a disaster for the country,” said Senator John Smith.",
         [("direct", "John Smith", "This is a disaster for the country")]),
        # speaker before, with a colon
        ("Angela Merkel said: “We will manage this together.”",
         [("direct", "Angela Merkel", "We will manage this together.")]),
        # speaker inside: one utterance in two parts, one record
        ("“We tried,” said Karoline Leavitt, “and we will try again tomorrow.”",
         [("direct", "Karoline Leavitt", "We tried … and we will try again tomorrow.")]),
        # whole complement quoted after the cue and addressee
        ("Donald Trump told Fox News “we are willing to help them with things”.",
         [("direct", "Donald Trump", "we are willing to help them with things")]),
    ],
)
def test_direct(text: str, expected: list) -> None:
    assert found(text) == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        # a mixed quotation keeps the whole reported clause, its marks included
        ("Karoline Leavitt told reporters US air support was “an option and a possibility”.",
         [("mixed", "Karoline Leavitt", "US air support was “an option and a possibility”")]),
        ("Boris Johnson said the plan was “a complete and utter disaster” for Britain.",
         [("mixed", "Boris Johnson", "the plan was “a complete and utter disaster” for Britain")]),
    ],
)
def test_mixed(text: str, expected: list) -> None:
    assert found(text) == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Donald Trump has said American troops will not be sent to Ukraine.",
         [("indirect", "Donald Trump", "American troops will not be sent to Ukraine")]),
        ("Russia launched 270 drones overnight, the Ukrainian air force said.",
         [("indirect", "Ukrainian Air Force", "Russia launched 270 drones overnight")]),
        ("Mr Trump has admitted Vladimir Putin might not be sincere.",
         [("indirect", "Trump", "Vladimir Putin might not be sincere")]),  # no full name in the text
        ("According to Emmanuel Macron, the talks will resume in May.",
         [("indirect", "Emmanuel Macron", "the talks will resume in May")]),
        ("Keir Starmer insisted that the deal was fair to both sides.",
         [("indirect", "Keir Starmer", "the deal was fair to both sides")]),
        ("A diplomat warned that the ceasefire would not hold.",
         [("indirect", None, "the ceasefire would not hold")]),
    ],
)
def test_indirect(text: str, expected: list) -> None:
    assert found(text) == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        # a "that" clause the parser hangs on a noun of the cue's prepositional phrase
        ("Sheldon Adelson said during a news conference that he may wait until February.",
         "he may wait until February"),
        # the object of an evidence verb
        ("The latest Reuters poll showed Donald Trump leading the field with 31 percent.",
         "Donald Trump leading the field with 31 percent"),
        # the object of a speech act, at least three words
        ("Barack Obama announced a series of steps to tighten gun sales.", "a series of steps"),
        # a charge
        ("Hillary Clinton accused Bernie Sanders of running a smear campaign.",
         "running a smear campaign"),
        # a request: object and infinitive
        ("The American Legion asked the Sanders campaign to stop using its emblem.",
         "the Sanders campaign to stop using its emblem"),
        # a noun of saying with a "that" clause
        ("Emmanuel Macron made the observation that there was no real disagreement.",
         "there was no real disagreement"),
        # a cue set inside the clause it reports
        ("The plan, Keir Starmer said, was doomed from the start.", "The plan, Keir Starmer said, was doomed from the start"),
        # a coordinated attribution of its own is not part of the first one
        ("Most voters said they were worried about the economy, and 40 percent said Trump would do best.",
         "they were worried about the economy"),
    ],
)
def test_indirect_contents(text: str, expected: str) -> None:
    assert expected in [q.text for q in annotate(text).quotes]


@pytest.mark.parametrize(
    "text,speaker",
    [
        # the relative pronoun stands for the noun it modifies
        ("Jon Ralston, who said the race was close, runs a newsletter.", "Jon Ralston"),
        # a speaker the parser hung elsewhere, between the quote and its cue
        ("“Yes, I support Ted Cruz,” Brent Bozell, founder of the Media Research Center, tells Breitbart News.",
         "Brent Bozell"),
    ],
)
def test_speaker_repairs(text: str, speaker: str) -> None:
    assert [q.speaker for q in annotate(text).quotes] == [speaker]


@pytest.mark.parametrize(
    "text",
    [
        "He has threatened to put more sanctions on Russia.",  # an intention: commitments layer
        "Donald Trump said it.",  # an object too short to be what was said
        "To say that the plan failed would be unfair.",  # an infinitive cue
        "Donald Trump continued to be a popular candidate in Iowa.",  # "continue" with an infinitive
    ],
)
def test_not_indirect(text: str) -> None:
    assert found(text) == []


def test_doubled_apostrophe_marks() -> None:
    quote = annotate("''We will win this state,'' Donald Trump said.").quotes[0]
    assert (quote.kind, quote.speaker, quote.text) == ("direct", "Donald Trump", "We will win this state")


def test_reporter_words_after_the_marks_make_it_mixed() -> None:
    text = "Barack Obama said “it gets me mad” every time he thinks about the shooting."
    assert found(text) == [("mixed", "Barack Obama", "“it gets me mad” every time he thinks about the shooting")]


@pytest.mark.parametrize(
    "text",
    [
        "‘Don’t trust Russia,’ diplomat warns",  # a headline: no sentence end
        "Read more on Sky News:\n‘Don’t trust Russia,’ diplomat warns\nWhy peace may be further away",
        "The so-called “peace plan” was announced on Monday.",  # scare quote
        "She read “The Art of the Deal” on the plane.",  # title of a work
        "Dwayne “The Rock” Johnson arrived in Washington.",  # nickname
        "The allies’ plan was not Kyiv’s plan.",  # apostrophes
        "Sky News understands a meeting could happen before the end of the month.",
    ],
)
def test_not_quotes(text: str) -> None:
    assert found(text) == []


def test_unbalanced_mark_is_no_direct_quote() -> None:
    text = "He said “we will never surrender and then left.\n\nThe meeting ended."
    assert [kind for kind, _, _ in found(text)] == ["indirect"]


def test_medium_and_cue() -> None:
    quote = annotate("“We are ready to fight,” Donald Trump told reporters.").quotes[0]
    assert (quote.cue, quote.cue_lemma, quote.medium) == ("told", "tell", "reporters")


def test_floating_quote_keeps_the_previous_speaker() -> None:
    text = ("“We are ready to fight,” Donald Trump told reporters.\n\n"
            "“Nobody will stop us from winning this time.”")
    assert [q.speaker for q in annotate(text).quotes] == ["Donald Trump", "Donald Trump"]


def test_multi_paragraph_quote() -> None:
    text = ("Donald Trump said: “The first part of the plan is simple.\n\n"
            "“The second part is harder, but we will get it done.”")
    result = annotate(text).quotes
    assert [(q.kind, q.speaker) for q in result] == [("direct", "Donald Trump")] * 2


def test_pronoun_speaker() -> None:
    text = "Karoline Leavitt spoke on Monday. She said the deal was close to being signed."
    quote = annotate(text).quotes[0]
    assert (quote.speaker, quote.speaker_mention) == ("Karoline Leavitt", "She")


def within_span(text: str, quote) -> bool:  # type: ignore[no-untyped-def]
    """The record's text is its span's text, or (one utterance in parts) its parts in order."""
    covered = text[quote.span[0] : quote.span[1]]
    if covered == quote.text:
        return True
    parts, at = quote.text.split(" … "), 0
    for part in parts:
        at = covered.find(part, at)
        if at < 0:
            return False
    return len(parts) > 1 and covered.startswith(parts[0]) and covered.endswith(parts[-1])


def test_spans_are_exact() -> None:
    document = annotate("“We tried,” said Karoline Leavitt, “and we will try again.” She left.")
    for quote in document.quotes:
        assert within_span(document.article.text, quote)
        start, end = quote.speaker_span
        assert document.article.text[start:end] == quote.speaker_mention


# --- the reference article --------------------------------------------------------------


def reference(clean: bool) -> tuple[Document, dict]:
    raw = REFERENCE_TEXT.read_text(encoding="utf-8")
    gold = json.loads(REFERENCE_GOLD.read_text(encoding="utf-8"))
    if clean:  # as the cleaner leaves it: noise and headings gone, paragraphs kept
        dropped = set(gold["article"]["noise"]) | set(gold["article"]["headings"])
        raw = "\n\n".join(line for line in raw.splitlines() if line.strip() and line.strip() not in dropped)
    return annotate(raw), gold


@pytest.fixture(scope="module")
def clean_reference() -> tuple[Document, dict]:
    return reference(clean=True)


def test_reference_finds_every_gold_quote_and_nothing_else(clean_reference) -> None:
    document, gold = clean_reference
    assert len(document.quotes) == len(gold["quotes"])
    for expected in gold["quotes"]:  # a mixed record holds the gold's quoted fragment in its clause
        quote = next(q for q in document.quotes if expected["text"] in q.text)
        assert (quote.speaker, quote.kind, quote.cue) == (expected["speaker"], expected["kind"], expected["cue"])
        assert quote.speaker_mention == expected["speaker_mention"]
        assert quote.medium == expected.get("medium")
        assert quote.reports == expected.get("reports")


def test_reference_raw_text_has_no_headline_quote() -> None:
    document, gold = reference(clean=False)
    refused = [n["text"] for n in gold["not_quotes"]]
    assert not [q for q in document.quotes if any(r.strip(",") in q.text for r in refused)]
    wanted = {g["text"] for g in gold["quotes"]} - {
        "Vladimir Putin might not be sincere about wanting to end the war"  # parse runs over the link list
    }
    assert all(any(w in q.text for q in document.quotes) for w in wanted)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(["“", "”", "‘", "’", '"', "'", "''", "He said", "Trump told reporters",
                                 " we will win", ",", ".", "\n\n", " she ", "according to Reuters"]),
                max_size=14))
def test_any_text_gives_exact_spans_and_never_crashes(parts: list[str]) -> None:
    text = "".join(parts)
    document = annotate(text)
    for quote in document.quotes:
        assert within_span(text, quote)
