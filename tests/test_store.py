"""The SQLite ledger: round trips, duplicates, atomic batches, search and views."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from newsledger.layers import LAYERS, REGISTRY, layer
from newsledger.link import MIGRATIONS, Ledger
from newsledger.records import Document, Mention, Quote, TimeExpr
from newsledger.store import AddResult, LedgerError, RecordConflictError
from newsledger.store.search import names_match
from tests.test_store_data import entity, make_document, span_of


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "ledger.db"


@pytest.fixture
def ledger(db: Path) -> Iterator[Ledger]:
    with Ledger.open(db) as opened:
        yield opened


def dump(path: Path) -> list[str]:
    """Every row of every table (and the schema) as text, to compare DB states exactly."""
    with sqlite3.connect(path) as conn:
        return list(conn.iterdump())


def test_open_creates_file_in_wal_mode_with_foreign_keys(db: Path) -> None:
    with Ledger.open(db) as ledger:
        assert ledger.schema_version == len(MIGRATIONS)
        conn = ledger._conn
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.exists()


def test_round_trip_every_layer(ledger: Ledger) -> None:
    document = make_document()
    assert ledger.add([document]) == AddResult(new=["art-1"], duplicates=[])
    assert ledger.article("art-1") == document.article
    assert ledger.articles() == [document.article]
    assert ledger.mentions("art-1") == list(document.mentions)
    assert ledger.entities() == list(document.entities)
    for layer in LAYERS:
        assert ledger.records(layer) == list(getattr(document, layer)), layer
        assert ledger.records(layer, "art-1") == list(getattr(document, layer)), layer
        assert ledger.records(layer, "other") == []


def test_counts(ledger: Ledger) -> None:
    document = make_document()
    ledger.add([document])
    expected = {"articles": 1, "entities": 5, "mentions": 7}
    expected.update({layer: len(getattr(document, layer)) for layer in LAYERS})
    assert ledger.counts() == expected


def test_reopen_keeps_data(db: Path) -> None:
    with Ledger.open(db) as ledger:
        ledger.add([make_document()])
    with Ledger.open(db) as ledger:
        assert ledger.has_article("art-1")
        assert ledger.records("events") == list(make_document().events)


def test_duplicate_article_is_skipped_not_rewritten(ledger: Ledger) -> None:
    ledger.add([make_document()])
    changed = make_document(title="Another title")
    assert ledger.add([changed]) == AddResult(new=[], duplicates=["art-1"])
    assert ledger.article("art-1").title == "Trump offers air support"


def test_duplicate_within_one_batch(ledger: Ledger) -> None:
    result = ledger.add([make_document(), make_document(), make_document("art-2")])
    assert result == AddResult(new=["art-1", "art-2"], duplicates=["art-1"])


def test_entities_merge_across_articles(ledger: Ledger) -> None:
    first = make_document("art-1")
    trump = entity("Donald Trump", "PERSON", "the US president", "Trump")
    second = make_document("art-2")
    second = second.evolve(entities=(trump, *second.entities[1:]))
    ledger.add([first, second])
    stored = {e.name: e for e in ledger.entities()}
    assert len(stored) == 5
    assert stored["Donald Trump"].aliases == ("Mr Trump", "Trump", "the US president")


def test_repeated_aliases_are_stored_once(ledger: Ledger) -> None:
    trump = entity("Donald Trump", "PERSON", "Trump", "Mr Trump", "Trump")
    document = make_document()
    ledger.add([document.evolve(entities=(trump, *document.entities[1:]))])
    assert ledger.entities()[0].aliases == ("Trump", "Mr Trump")


def test_missing_article_is_none(ledger: Ledger) -> None:
    assert ledger.article("nope") is None
    assert not ledger.has_article("nope")


def test_unknown_layer_is_refused(ledger: Ledger) -> None:
    with pytest.raises(ValueError, match="unknown layer"):
        ledger.records("rumours")


# -- atomicity --------------------------------------------------------------------------


def _bad_mention(document: Document) -> Document:
    """A mention of an entity that is not stored: the foreign key makes the insert fail."""
    ghost = Mention("m-ghost", document.article.id, "ent-ghost", "Ghost", (0, 5))
    return document.evolve(mentions=(*document.mentions, ghost))


def _bad_quote(document: Document) -> Document:
    """A quote with a NULL kind: the NOT NULL constraint makes the insert fail."""
    quote = Quote("q-bad", document.article.id, "x", (0, 1), None)  # type: ignore[arg-type]
    return document.evolve(quotes=(*document.quotes, quote))


def _span_outside(document: Document) -> Document:
    """A time whose span runs past the end of the clean text."""
    end = len(document.article.text)
    time = TimeExpr("t-bad", document.article.id, "x", (end - 1, end + 5), "DATE")
    return document.evolve(times=(*document.times, time))


def _span_reversed(document: Document) -> Document:
    quote = replace(document.quotes[0], id="q-rev", speaker_span=(9, 3))
    return document.evolve(quotes=(*document.quotes, quote))


@pytest.mark.parametrize(
    "spoil",
    [_bad_mention, _bad_quote, _span_outside, _span_reversed],
    ids=["foreign-key", "not-null", "span-outside", "span-reversed"],
)
def test_failing_insert_rolls_back_whole_batch(db: Path, spoil) -> None:
    with Ledger.open(db) as ledger:
        ledger.add([make_document("art-0")])
    before = dump(db)
    with Ledger.open(db) as ledger:
        batch = [make_document("art-1"), spoil(make_document("art-2")), make_document("art-3")]
        with pytest.raises(LedgerError, match="art-2"):
            ledger.add(batch)
        assert [a.id for a in ledger.articles()] == ["art-0"]
    assert dump(db) == before


def test_exception_from_iterable_rolls_back(db: Path) -> None:
    with Ledger.open(db) as ledger:
        ledger.add([make_document("art-0")])
    before = dump(db)

    def documents() -> Iterator[Document]:
        yield make_document("art-1")
        raise RuntimeError("annotator crashed")

    with Ledger.open(db) as ledger:
        with pytest.raises(RuntimeError, match="annotator crashed"):
            ledger.add(documents())
        ledger.add([make_document("art-4")])  # the ledger stays usable
    assert dump(db) != before
    with Ledger.open(db) as ledger:
        assert [a.id for a in ledger.articles()] == ["art-0", "art-4"]


def test_keyboard_interrupt_rolls_back(ledger: Ledger) -> None:
    def documents() -> Iterator[Document]:
        yield make_document("art-1")
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        ledger.add(documents())
    assert ledger.counts()["articles"] == 0


def test_repeated_identical_record_is_stored_once(ledger: Ledger) -> None:
    document = make_document()
    ledger.add([document.evolve(times=document.times + document.times[:1])])
    assert ledger.records("times") == list(document.times)


def test_conflicting_records_with_one_id_are_refused(ledger: Ledger) -> None:
    document = make_document()
    twin = Quote(document.quotes[0].id, "art-1", "other words", (0, 3), "direct")
    with pytest.raises(RecordConflictError, match="art-1"):
        ledger.add([document.evolve(quotes=(*document.quotes, twin))])
    assert ledger.counts()["quotes"] == 0


# -- filters and search ------------------------------------------------------------------


@pytest.fixture
def three(ledger: Ledger) -> Ledger:
    ledger.add([
        make_document("a-aug", published="2025-08-19"),
        make_document("a-sep", published="2025-09-02T08:30:00+01:00", outlet="BBC News"),
        make_document("a-none", published=None, title="Undated"),
    ])
    return ledger


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({}, ["a-aug", "a-sep", "a-none"]),
        ({"outlet": "bbc news"}, ["a-sep"]),
        ({"since": "2025-08-20"}, ["a-sep"]),
        ({"until": "2025-09-01"}, ["a-aug"]),
        ({"since": "2025-08-19", "until": "2025-09-02"}, ["a-aug", "a-sep"]),
        ({"since": "2025-09-02T00:00:00"}, ["a-sep"]),
    ],
)
def test_article_filters(three: Ledger, kwargs: dict, expected: list[str]) -> None:
    assert [a.id for a in three.articles(**kwargs)] == expected


def test_bad_date_filter_names_the_argument(three: Ledger) -> None:
    with pytest.raises(ValueError, match="since"):
        three.articles(since="last week")


@pytest.mark.parametrize(
    ("kwargs", "count"),
    [
        ({"speaker": "Donald Trump"}, 6),
        ({"speaker": "mr trump"}, 6),
        ({"speaker": "TRUMP"}, 6),
        ({"speaker": "donald"}, 6),
        ({"speaker": "Mr. Trump"}, 6),
        ({"speaker": "Don"}, 0),
        ({"speaker": ""}, 0),
        ({"speaker": "Vladimir Putin"}, 0),
        ({"speaker": "Nobody"}, 0),
        ({"text": "air"}, 3),
        ({"text": "trump"}, 0),  # FTS over the quote text only, not the speaker
        ({"text": "help AND air", "raw": True}, 3),
        ({"text": "help AND air"}, 0),  # forgiving: AND is a word, and no quote has it
        ({"text": '"air support'}, 0),  # a stray quote is no syntax error
        ({"text": "stop", "outlet": "Sky News"}, 2),
        ({"speaker": "Trump", "since": "2025-09-01"}, 2),
        ({"speaker": "Trump", "until": "2025-08-19", "text": "russia"}, 1),
    ],
)
def test_search_quotes(three: Ledger, kwargs: dict, count: int) -> None:
    found = three.search_quotes(**kwargs)
    assert len(found) == count
    for quote, article in found:
        assert quote.article_id == article.id
        assert article.text[slice(*quote.span)] == quote.text


def test_search_quotes_orders_by_published_then_position(three: Ledger) -> None:
    found = three.search_quotes(speaker="Trump")
    assert [(a.id, q.span[0]) for q, a in found] == sorted(
        [(a.id, q.span[0]) for q, a in found], key=lambda p: (p[0] == "a-none", p[0], p[1])
    )


def test_search_quotes_by_speaker_id_when_name_differs(ledger: Ledger) -> None:
    document = make_document()
    quote = document.quotes[0]
    renamed = Quote(quote.id, quote.article_id, quote.text, quote.span, quote.kind,
                    speaker="President Trump", speaker_id=quote.speaker_id)
    ledger.add([document.evolve(quotes=(renamed,))])
    assert [q for q, _ in ledger.search_quotes(speaker="Mr Trump")] == [renamed]


def test_search_quotes_by_speaker_without_entity(ledger: Ledger) -> None:
    document = make_document()
    quote = document.quotes[0]
    unlinked = Quote(quote.id, quote.article_id, quote.text, quote.span, quote.kind,
                     speaker="Karoline Leavitt")
    ledger.add([document.evolve(quotes=(unlinked,))])
    assert [q for q, _ in ledger.search_quotes(speaker="leavitt")] == [unlinked]
    assert ledger.search_quotes(speaker="Trump") == []


@pytest.mark.parametrize(
    ("query", "name", "expected"),
    [
        ("Trump", "Donald Trump", True),
        ("donald trump", "Donald Trump", True),
        ("Mr. Trump", "Mr Trump", True),
        ("the US president", "the US president", True),
        ("Don", "Donald Trump", False),
        ("Trump Donald", "Donald Trump", False),
        ("Zelenskyy", "Volodymyr Zelenskyy", True),
        ("Zelensky", "Volodymyr Zelenskyy", False),
        ("", "Donald Trump", False),
        ("...", "Donald Trump", False),
    ],
)
def test_names_match(query: str, name: str, expected: bool) -> None:
    assert names_match(query, name) is expected


def test_search_articles(three: Ledger) -> None:
    assert {a.id for a in three.search_articles("drones")} == {"a-aug", "a-sep", "a-none"}
    assert [a.id for a in three.search_articles("undated")] == ["a-none"]
    assert three.search_articles("hovercraft") == []


@pytest.mark.parametrize("query", ['"unbalanced', "AND", "text:("])
def test_bad_raw_fts_query_is_a_clear_error(three: Ledger, query: str) -> None:
    with pytest.raises(LedgerError, match="bad search query"):
        three.search_articles(query, raw=True)
    with pytest.raises(LedgerError, match="bad search query"):
        three.search_quotes(text=query, raw=True)
    three.search_articles(query)  # as user text, the same query is no error
    three.search_quotes(text=query)


def _quoted(article_id: str, text: str, quotes: tuple[Quote, ...]) -> Document:
    from newsledger.records import Article

    return Document(article=Article(id=article_id, text=text, title="t"), quotes=quotes)


FORGIVING_TEXT = ("Mr Putin's aide said: \"We read the e-mail and NOT the letter.\" "
                  "Others said \"email is not mail (or is it?)\" later.")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("e-mail", 1), ("Putin's", 0), ("NOT", 2), ("letter NOT", 1), ("e-mail OR", 0),
        ('"read the e-mail"', 1), ("(or", 1), ("-", 0), ("mail*", 2), ("text:email", 0),
        ("email", 1),
    ],
)
def test_user_text_is_searched_as_words(ledger: Ledger, query: str, expected: int) -> None:
    """Hyphens, apostrophes, quotes and FTS5 operators in user text are words: "e-mail"
    finds the quote that says e-mail (not "email"), "NOT" finds both quotes with "not"."""
    text = FORGIVING_TEXT
    spans = [span_of(text, "We read the e-mail and NOT the letter."), span_of(text, "email is not mail (or is it?)")]
    quotes = tuple(Quote(f"q{i}", "f-1", text[slice(*s)], s, "direct") for i, s in enumerate(spans))
    ledger.add([_quoted("f-1", text, quotes)])
    assert len(ledger.search_quotes(text=query)) == expected


def test_putins_finds_the_possessive(ledger: Ledger) -> None:
    text = "Officials said \"Putin's demands are unchanged\" on Monday, as before."
    span = span_of(text, "Putin's demands are unchanged")
    quote = Quote("q1", "p-1", text[slice(*span)], span, "direct")
    ledger.add([_quoted("p-1", text, (quote,))])
    assert [q.id for q, _ in ledger.search_quotes(text="Putin's")] == ["q1"]
    assert [a.id for a in ledger.search_articles("putin's demands")] == ["p-1"]


@pytest.mark.parametrize("words", [33, 5_000])
def test_long_query_is_refused_at_once_without_echoing_it(three: Ledger, words: int) -> None:
    import time

    query = " ".join(["ceasefire"] * words)
    started = time.perf_counter()
    with pytest.raises(LedgerError, match="too long") as raised:
        three.search_quotes(text=query)
    assert time.perf_counter() - started < 2
    assert len(str(raised.value)) < 250


def test_a_search_past_its_time_limit_stops(three: Ledger) -> None:
    from newsledger.settings import LimitSettings

    three.add([make_document(f"b-{i}") for i in range(40)])
    three.limits = LimitSettings(query_seconds=0.0)
    heavy = " OR ".join(f"{letter}*" for letter in "abcdefhilmnoprst")  # 31 words
    with pytest.raises(LedgerError, match="search stopped after 0 s"):
        three.search_articles(heavy, raw=True)
    three.limits = LimitSettings()
    assert three.search_articles("drones")  # the handler is gone with the query
    with pytest.raises(LedgerError, match="stopped"):
        three.search_articles(heavy, raw=True, cancelled=lambda: True)


# -- opening errors ------------------------------------------------------------------------


def test_open_directory_is_refused(tmp_path: Path) -> None:
    with pytest.raises(LedgerError, match="directory"):
        Ledger.open(tmp_path)


def test_open_in_missing_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(LedgerError, match="does not exist"):
        Ledger.open(tmp_path / "nowhere" / "x.db")


def test_open_non_database_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("this is not sqlite " * 100)
    with pytest.raises(LedgerError, match="not a usable newsledger database"):
        Ledger.open(path)


def test_memory_ledger(tmp_path: Path) -> None:
    with Ledger.open(":memory:") as ledger:
        ledger.add([make_document()])
        assert ledger.counts()["quotes"] == 2


def test_span_check_in_sql(ledger: Ledger) -> None:
    """The CHECK constraints hold for any writer, not only Ledger.add."""
    ledger.add([make_document()])
    with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
        ledger._conn.execute("UPDATE quotes SET span_end = span_start - 1")


@pytest.mark.parametrize("span", [(0, 0), (0, len(make_document().article.text))])
def test_span_bounds_are_inclusive_of_empty_and_whole_text(ledger: Ledger, span) -> None:
    document = make_document()
    time = TimeExpr("t-edge", "art-1", "", span, "DATE")
    ledger.add([document.evolve(times=(time,))])
    assert ledger.records("times") == [time]


def test_readers_do_not_see_a_batch_until_it_commits(db: Path) -> None:
    """WAL: another connection reads the old state while a batch is being written."""
    seen_during: list[int] = []
    with Ledger.open(db) as writer, Ledger.open(db) as reader:

        def documents() -> Iterator[Document]:
            yield make_document("art-1")
            seen_during.append(reader.counts()["articles"])
            yield make_document("art-2")

        writer.add(documents())
        assert seen_during == [0]
        assert reader.counts()["articles"] == 2


def test_locked_database_is_one_line_cli_error_and_loses_nothing(db: Path) -> None:
    """Another process holds the write lock past the busy timeout: the CLI's ledger
    reports one line, and the stored article is still there."""
    import click

    from newsledger.cli.common import open_ledger

    with Ledger.open(db) as ledger:
        ledger.add([make_document("art-1")])
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(click.ClickException) as raised, open_ledger(str(db)) as ledger:
            ledger.execute("PRAGMA busy_timeout = 50")
            ledger.add([make_document("art-2")])
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    message = raised.value.format_message()
    assert "database error: database is locked" in message and "\n" not in message
    with Ledger.open(db) as ledger:
        assert [r[0] for r in ledger.execute("SELECT id FROM articles")] == ["art-1"]


def test_timeline_view_dates_every_layer_of_the_registry(ledger: Ledger) -> None:
    """The view is generated from ``LayerSpec.timeline``: a branch per layer, records
    dated by their own dates or by the publication day as the registry says."""
    ledger.add([make_document()])
    rows = ledger.view("timeline")
    assert {r["layer"] for r in rows} == {spec.singular for spec in REGISTRY}
    for row in rows:
        own = layer(row["layer"]).timeline.start is not None
        assert row["date_source"] == ("record" if own else "published")
        if not own:
            assert row["date_start"] == row["date_end"] == "2025-08-19"
    keys = [(r["date_start"], r["date_end"], r["layer"], r["article_id"], r["span_start"],
             r["span_end"], r["record_id"]) for r in rows]
    assert keys == sorted(keys, key=lambda k: tuple("" if v is None else v for v in k))


def test_a_commitment_without_a_deadline_is_off_the_timeline(ledger: Ledger) -> None:
    """Dated by ``due``: a commitment with ``due_start`` alone stays off, as before the
    view was generated from the registry."""
    document = make_document()
    undated = tuple(replace(c, due=None) for c in document.commitments)
    ledger.add([replace(document, commitments=undated)])
    assert all(c.due_start for c in undated)
    assert "commitment" not in {r["layer"] for r in ledger.view("timeline")}


def test_a_ledger_on_a_read_only_disk_can_still_be_read(tmp_path: Path) -> None:
    """WAL mode writes a ``-shm`` file even to read; where nothing can be written the
    ledger is opened immutable: reads work, a write is one clear database error."""
    import subprocess

    folder = tmp_path / "ro"
    folder.mkdir()
    with Ledger.open(folder / "l.db") as ledger:
        ledger.add([make_document("a-1")])
    if subprocess.run(["chattr", "+i", str(folder / "l.db"), str(folder)], capture_output=True).returncode != 0:
        pytest.skip("chattr +i not available here (needs root and ext4): no read-only folder to try")
    try:
        with Ledger.open(folder / "l.db") as ledger:
            assert [a.id for a in ledger.articles()] == ["a-1"]
            assert ledger.search_quotes(speaker="Trump")
            with pytest.raises(sqlite3.OperationalError, match="readonly"):
                ledger.add([make_document("a-2")])
    finally:
        subprocess.run(["chattr", "-i", str(folder / "l.db"), str(folder)], capture_output=True)
