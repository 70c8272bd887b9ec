"""Times on the reference article (Sky News, published Tuesday 2025-08-19), against its gold."""

from __future__ import annotations

import logging
from datetime import date

import pytest

from newsledger.annotate import times
from newsledger.records import Article, Document
from tests.conftest import REFERENCE_TEXT


@pytest.fixture(scope="module")
def reference(nlp) -> Document:
    text = REFERENCE_TEXT.read_text(encoding="utf-8")
    article = Article(id="sky-2025-08-19", text=text, published="2025-08-19")
    return times.annotate(Document(article, doc=nlp(text)))


def _days(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def test_every_gold_time_found_with_its_range(reference: Document, reference_gold: dict) -> None:
    by_text = {t.text: t for t in reference.times}
    for gold in reference_gold["times"]:
        found = by_text.get(gold["text"])
        assert found is not None, f"missed {gold['text']!r}"
        if gold["type"] == "DURATION":
            assert found.value == gold["value"]
            continue
        tolerance = gold.get("tolerance_days", 0)
        assert abs((_days(found.start) - _days(gold["start"])).days) <= tolerance, found
        assert abs((_days(found.end) - _days(gold["end"])).days) <= tolerance, found


@pytest.mark.parametrize(
    "text,type_,value,mod",
    [
        ("the end of the month", "DATE", "2025-08", "END"),
        ("next week", "DATE", "2025-W35", None),
        ("early September", "DATE", "2025-09", "START"),
        ("Monday", "DATE", "2025-08-18", None),
        ("the next couple of weeks", "DURATION", "P2W", None),
        ("more than a month", "DURATION", "P1M", "MORE_THAN"),
        ("Monday night", "TIME", "2025-08-18TNI", None),
        ("Tuesday", "DATE", "2025-08-19", None),
    ],
)
def test_reference_values(reference: Document, text: str, type_: str, value: str, mod: str | None) -> None:
    found = [t for t in reference.times if t.text == text]
    assert found and (found[0].type, found[0].value, found[0].mod) == (type_, value, mod)


def test_not_times(reference: Document, reference_gold: dict) -> None:
    texts = {t.text for t in reference.times}
    assert not texts & set(reference_gold["not_times"])


def test_a_day_after_an_event_is_left_out(reference: Document) -> None:
    assert not [t for t in reference.times if t.text.lower().startswith("a day")]
    assert len(reference.times) == 8


def test_records_point_into_the_text(reference: Document) -> None:
    text = reference.article.text
    assert reference.times
    for record in reference.times:
        assert record.text == text[record.span[0]:record.span[1]]
        assert record.article_id == "sky-2025-08-19"
        assert record.type in ("DATE", "TIME", "DURATION", "SET")
        if record.start and record.end:
            assert record.start <= record.end
    assert len({r.id for r in reference.times}) == len(reference.times)


def test_no_publication_date_stays_unanchored(nlp, caplog) -> None:
    text = "Russia launched drones on Monday night. Talks resume next week."
    document = Document(Article(id="undated", text=text), doc=nlp(text))
    with caplog.at_level(logging.WARNING, logger="newsledger.annotate.times"):
        result = times.annotate(document)
    assert [r.levelname for r in caplog.records].count("WARNING") == 1
    assert [(t.text, t.value, t.start) for t in result.times] == [
        ("Monday night", "XXXX-WXX-1TNI", None), ("next week", "XXXX-WXX", None)]


def test_datetime_anchor_and_missing_doc() -> None:
    text = "The vote is on Friday."
    document = Document(Article(id="a", text=text, published="2025-08-19T07:30:00+01:00"))
    (found,) = times.annotate(document).times
    assert found.value == "2025-08-15"  # no parse: the default side, the past


@pytest.mark.parametrize("published", [None, "", "not a date", "2025-13-45"])
def test_parse_anchor_rejects(published: str | None) -> None:
    assert times.parse_anchor(published) is None
