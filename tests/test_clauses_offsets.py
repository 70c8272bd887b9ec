"""``clauses.line_of`` (over ``Document.analysis``) and ``clauses.question_tokens`` read token indices instead of
``doc.text`` / ``token.sent`` (see docs/performance.md): they must give what the
string definitions give, on every token."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsledger.annotate.shared import clauses
from newsledger.annotate.shared.analysis import parsed
from newsledger.records import Article, Document
from tests.conftest import REFERENCE_TEXT


def string_line(text: str, idx: int) -> tuple[int, int]:
    """The definition: from after the last line break before ``idx`` to the next one."""
    end = text.find("\n", idx)
    return text.rfind("\n", 0, idx) + 1, len(text) if end < 0 else end


def string_question(sent_text: str) -> bool:
    return sent_text.rstrip().rstrip("\"'”’").endswith("?")


def check(doc) -> None:
    asked = clauses.question_tokens(doc)
    document = parsed(Document(Article("t", doc.text)), doc)
    assert document.analysis.questions == asked
    for token in doc:
        assert clauses.line_of(document, token) == string_line(doc.text, token.idx), token.i
        assert clauses.is_question(token) == string_question(token.sent.text) == (token.i in asked), token.i


@pytest.mark.parametrize(
    "text",
    [
        "Why won't he release his tax returns?\n\nHe said no.",
        'He asked: "Will you pledge?"  \n Nobody answered.',
        "Heading\nA paragraph that runs on? No.\r\nLast line ?  '",
        "\n\nLeading breaks. And a question?\t\n",
        "One line, no break",
    ],
)
def test_sentences_and_lines_match_their_string_definitions(nlp, text: str) -> None:
    check(nlp(text))


def test_the_reference_article(nlp) -> None:
    check(nlp(REFERENCE_TEXT.read_text(encoding="utf-8")))


WORDS = st.sampled_from(["Will", "he", "go", "?", ".", '"', "’", "\n", "\n\n", " \n ", "\t", "Trump", "said", "no"])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(WORDS, max_size=30).map(" ".join))
def test_any_text(nlp, text: str) -> None:
    check(nlp(text))
