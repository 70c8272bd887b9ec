"""Golden: the reference article with its gold records, through the store and its views."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsledger.link import Ledger
from tests.test_store_data import EXAMPLES, REFERENCE, reference_document

GOLD = json.loads((EXAMPLES / "gold" / f"{REFERENCE}.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def ledger(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Ledger]:
    with Ledger.open(tmp_path_factory.mktemp("gold") / "ref.db") as opened:
        opened.add([reference_document()])
        yield opened


def view(ledger: Ledger, name: str) -> list[dict]:
    return ledger.view(name)


def test_who_said_what_has_every_gold_quote(ledger: Ledger) -> None:
    rows = view(ledger, "who_said_what")
    assert sorted((r["speaker"], r["quote"]) for r in rows) == sorted(
        (q["speaker"], q["text"]) for q in GOLD["quotes"]
    )
    article = ledger.articles()[0]
    for row in rows:
        assert article.text[row["span_start"]:row["span_end"]] == row["quote"]
        assert (row["outlet"], row["published"]) == ("Sky News", "2025-08-19")


@pytest.mark.parametrize("speaker", ["Donald Trump", "Mr Trump", "the US president", "trump"])
def test_search_quotes_by_any_name_of_trump(ledger: Ledger, speaker: str) -> None:
    expected = sorted(q["text"] for q in GOLD["quotes"] if q.get("speaker") == "Donald Trump")
    assert sorted(q.text for q, _ in ledger.search_quotes(speaker=speaker)) == expected


def test_entity_mentions_view(ledger: Ledger) -> None:
    rows = {r["name"]: r for r in view(ledger, "entity_mentions")}
    assert set(rows) == {e["name"] for e in GOLD["entities"]}
    trump = rows["Donald Trump"]
    assert (trump["type"], trump["mentions"], trump["articles"]) == ("PERSON", 6, 1)


def test_timeline_is_sorted_and_dated(ledger: Ledger) -> None:
    rows = view(ledger, "timeline")
    dates = [r["date_start"] for r in rows]
    assert dates == sorted(dates)
    layers = {r["layer"] for r in rows}
    assert layers == {"time", "event", "commitment", "quote", "stance"}
    dated_times = [t for t in GOLD["times"] if t.get("start")]
    assert sum(r["layer"] == "time" for r in rows) == len(dated_times)


def test_view_limit_and_unknown_view(ledger: Ledger) -> None:
    top = ledger.view("entity_mentions", limit=3)
    assert [row["name"] for row in top][0] == "Donald Trump"
    assert len(top) == 3
    with pytest.raises(ValueError, match="unknown view"):
        ledger.view("sqlite_master")


def test_commitments_due_view(ledger: Ledger) -> None:
    rows = view(ledger, "commitments_due")
    dues = [r["due"] for r in rows]
    stored = [c.due for c in ledger.records("commitments")]
    assert dues == sorted(stored, key=lambda d: (d is None, d or ""))  # undated last
    assert dues[0] == min(d for d in stored if d)
    assert sorted(map(str, (r["holder"] for r in rows))) == sorted(
        str(c.holder) for c in ledger.records("commitments"))


def test_stance_table_view(ledger: Ledger) -> None:
    rows = view(ledger, "stance_table")
    assert {r["polarity"] for r in rows} <= {"support", "oppose"}
    assert len(rows) == len(ledger.records("stances"))


def test_article_search_finds_the_reference(ledger: Ledger) -> None:
    assert [a.outlet for a in ledger.search_articles("sanctions")] == ["Sky News"]
    assert [a.outlet for a in ledger.search_articles("drone")] == ["Sky News"]  # stemmed


def test_fts_follows_updates(tmp_path: Path) -> None:
    """The triggers keep the external-content FTS tables in sync with their tables."""
    with Ledger.open(tmp_path / "l.db") as ledger:
        ledger.add([reference_document()])
        ledger._conn.execute("UPDATE articles SET title = 'Hovercraft news'")
        assert len(ledger.search_articles("hovercraft")) == 1
        ledger._conn.execute("UPDATE quotes SET text = 'zeppelin' WHERE rowid = 1")
        assert len(ledger.search_quotes(text="zeppelin")) == 1
        ledger._conn.execute("DELETE FROM quotes WHERE rowid = 1")
        assert ledger.search_quotes(text="zeppelin") == []
