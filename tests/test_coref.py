"""The salience-based resolver: pronouns by gender and recency, role nouns by evidence."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsledger.annotate import entities
from newsledger.annotate.quotes.coref import Resolver, first_name_gender
from newsledger.nlp import load
from newsledger.records import Article, Document


def resolve(text: str, word: str, occurrence: int = 0) -> str | None:
    document = entities.annotate(Document(Article(id="t", text=text), doc=load()(text)))
    tokens = [t for t in document.doc if t.text == word]
    entity = Resolver(document).resolve(tokens[occurrence])
    return entity.name if entity else None


@pytest.mark.parametrize(
    "text,word,expected",
    [
        # gender from the first name
        ("Karoline Leavitt met Donald Trump on Monday. She said the talks went well.", "She", "Karoline Leavitt"),
        ("Karoline Leavitt met Donald Trump on Monday. He said the talks went well.", "He", "Donald Trump"),
        # the main-clause subject beats the embedded one
        ("Mr Trump has admitted Vladimir Putin might not be sincere. He spoke on Fox News.", "He", "Trump"),
        # names inside quotation marks are the speaker's words, not antecedents
        ("Emmanuel Macron arrived. “We will find out about Vladimir Putin,” he said.", "he", "Emmanuel Macron"),
        # nothing compatible within the window
        ("The meeting ended late. She said it went well.", "She", None),
        # organisations for "it"
        ("The European Commission met on Monday. It said the rules would change.", "It", "European Commission"),
    ],
)
def test_pronouns(text: str, word: str, expected: str | None) -> None:
    assert resolve(text, word) == expected


@pytest.mark.parametrize(
    "text,word,expected",
    [
        # a role the person holds by apposition/pre-modifier in the article
        ("White House press secretary Karoline Leavitt spoke first. Later the press secretary said no.",
         "secretary", "Karoline Leavitt"),
        # a definite role as an anaphor of the lead subject; never the Ukrainian president
        (("Donald Trump has said troops will not be sent. After meeting Ukrainian President Volodymyr "
          "Zelenskyy, the US president told Fox News it was good."), "president", "Donald Trump"),
        # indefinite, possessed or plural roles stay unknown
        ("Donald Trump spoke. A spokesman said no.", "spokesman", None),
        ("Donald Trump spoke. Trump's spokesman said no.", "spokesman", None),
        ("Donald Trump spoke. The officials said no.", "officials", None),
    ],
)
def test_role_nouns(text: str, word: str, expected: str | None) -> None:
    assert resolve(text, word, -1) == expected


@pytest.mark.parametrize("name,gender", [("Karoline Leavitt", "f"), ("Donald Trump", "m"), ("Xq Zz", None)])
def test_first_name_gender(name: str, gender: str | None) -> None:
    assert first_name_gender(name) == gender


@given(st.text(max_size=30))
def test_first_name_gender_never_fails(name: str) -> None:
    assert first_name_gender(name) in ("m", "f", None)
