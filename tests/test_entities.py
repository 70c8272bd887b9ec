"""Entities: spaCy NER repaired and canonicalised within one article."""

from __future__ import annotations

import pytest

from newsledger.annotate import entities
from newsledger.annotate.shared import mentions
from newsledger.annotate.shared.gazetteer import load as gazetteer
from newsledger.records import Article, Document


def annotate(nlp, text: str) -> Document:
    return entities.annotate(Document(Article(id="a1", text=text), doc=nlp(text)))


def names(document: Document) -> dict[str, str]:
    """surface text -> canonical name, for every mention."""
    by_id = {e.id: e for e in document.entities}
    return {m.text: by_id[m.entity_id].name for m in document.mentions}


@pytest.mark.parametrize(
    "text,surface,canonical",
    [
        ("Donald Trump spoke on Monday. Later Mr Trump said more.", "Mr Trump", "Donald Trump"),
        ("Vladimir Putin met aides. Putin then left.", "Putin", "Vladimir Putin"),
        ("Putin was silent. Vladimir Putin had no comment.", "Putin", "Vladimir Putin"),
        ("The talks included Sir Keir Starmer and Emmanuel Macron.", "Sir Keir Starmer", "Keir Starmer"),
        ("The US may provide air support.", "US", "United States"),
        ("Rome was disliked by the Russians.", "Russians", "Russia"),
        ("American troops will not be sent.", "American", "United States"),
        ("The leaders of Kyiv’s European allies met.", "Kyiv", "Ukraine"),
        ("Russia launched drones, the Ukrainian air force said.", "Ukrainian air force", "Ukrainian Air Force"),
        ("Officials said Ukraine's air force shot down 20 drones.", "Ukraine's air force", "Ukrainian Air Force"),
        ("But EU diplomats are confident.", "EU", "European Union"),
        ("Allies in the so-called Coalition of the Willing met.", "Coalition of the Willing", "Coalition of the Willing"),
        ("The World Food Programme (WFP) warned. WFP staff left.", "WFP", "World Food Programme"),
        # issue 17: bodies by their usual names
        ("The Kremlin said the talks would go on.", "Kremlin", "Russian Presidency"),
        ("Officials said Kyiv's air force shot down 20 drones.", "Kyiv's air force", "Ukrainian Air Force"),
        ("The White House said no.", "White House", "White House"),
    ],
)
def test_canonical_names(nlp, text: str, surface: str, canonical: str) -> None:
    assert names(annotate(nlp, text))[surface] == canonical


def test_hyphenated_pair_of_known_people(nlp) -> None:
    text = "Volodymyr Zelenskyy and Vladimir Putin may meet. A Zelenskyy-Putin summit is planned."
    document = annotate(nlp, text)
    start = text.index("Zelenskyy-Putin")
    found = {m.text for m in document.mentions if m.span[0] >= start}
    assert {"Zelenskyy", "Putin"} <= found


def test_family_members_stay_distinct(nlp) -> None:
    text = "Hillary Clinton spoke. Bill Clinton listened. Clinton then left the stage."
    document = annotate(nlp, text)
    people = {e.name for e in document.entities if e.type == "PERSON"}
    assert {"Hillary Clinton", "Bill Clinton"} <= people
    # a bare surname is the story's principal bearer of it (first introduced on a tie)
    assert names(document)["Clinton"] == "Hillary Clinton"


def test_bare_surname_goes_to_the_most_mentioned_bearer(nlp) -> None:
    text = ("Chelsea Clinton spoke first. Hillary Clinton then took the stage. "
            "Hillary Clinton thanked the crowd. Clinton said she would win.")
    assert names(annotate(nlp, text))["Clinton"] == "Hillary Clinton"


def test_mentions_point_at_their_text(nlp) -> None:
    text = "Mr Trump told Fox News that Russians and Ukrainians must talk."
    document = annotate(nlp, text)
    for mention in document.mentions:
        assert text[mention.span[0] : mention.span[1]] == mention.text


@pytest.mark.parametrize(
    "surface,canonical",
    [("Mr Trump", "Donald Trump"), ("the Ukrainian air force", "Ukrainian Air Force"), ("Russians", "Russia"),
     ("the EU", "European Union"), ("a diplomat", None), ("sources", None), ("She", None)],
)
def test_entity_named(nlp, surface: str, canonical: str | None) -> None:
    document = annotate(nlp, "Donald Trump met Volodymyr Zelenskyy at the White House.")
    found = mentions.entity_named(document, surface)
    assert (found.name if found else None) == canonical


def test_entity_at_prefers_the_covering_mention(nlp) -> None:
    text = "The Ukrainian air force said 270 drones were launched."
    document = annotate(nlp, text)
    start = text.index("Ukrainian")
    assert mentions.entity_at(document, start, start + len("Ukrainian air force")).name == "Ukrainian Air Force"
    assert mentions.entity_at(document, text.index("270"), text.index("270") + 3) is None


@pytest.mark.parametrize(
    "form,country",
    [("US", "United States"), ("USA", "United States"), ("UK", "United Kingdom"), ("British", "United Kingdom"),
     ("Ukrainians", "Ukraine"), ("Swiss", "Switzerland"), ("Russian Federation", "Russia"), ("Chinese", "China"),
     ("Dutch", "Netherlands"), ("Frenchman", None)],
)
def test_country_table(form: str, country: str | None) -> None:
    assert gazetteer().country(form) == country


def test_reference_article_canonical_entities(nlp, reference_gold) -> None:
    from tests.conftest import REFERENCE_TEXT

    document = annotate(nlp, REFERENCE_TEXT.read_text(encoding="utf-8"))
    found = {e.name for e in document.entities}
    missing = [g["name"] for g in reference_gold["entities"] if g["name"] not in found]
    assert missing == []


def test_lone_surname_mislabelled_as_organisation_is_the_person(nlp) -> None:
    text = "Bernie Sanders spoke in Iowa. Sanders told supporters the race was not over."
    document = annotate(nlp, text)
    by_id = {e.id: e for e in document.entities}
    start = text.index("Sanders told")
    mention = next(m for m in document.mentions if m.span[0] == start)
    assert by_id[mention.entity_id].name == "Bernie Sanders"
