"""The library's ingest flow, ``ingest_paths``: what the CLI, the engines and the
benchmarks all run."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsledger import IngestReport, Ledger, ingest_paths
from newsledger.ingest import Overrides
from newsledger.settings import Settings
from tests.conftest import REFERENCE_TEXT

SKY = Overrides(published="2025-08-19", outlet="Sky News")


@pytest.fixture()
def ledger():
    with Ledger.open(":memory:") as opened:
        yield opened


def test_stores_links_and_reports_the_reference_article(ledger: Ledger) -> None:
    phases: list[str] = []
    report = ingest_paths([str(REFERENCE_TEXT)], ledger, overrides=SKY,
                          on_progress=lambda phase, done: phases.append(phase))
    assert report.line() == "1 new, 0 duplicate"
    (article,) = ledger.articles()
    assert report.new == [article.id] and article.outlet == "Sky News"
    assert len(ledger.records("quotes")) == 7
    assert report.linked is not None and report.linked.articles == 1
    assert set(report.seconds) == {"annotate", "store", "link"}
    assert phases[0] == "annotating" and phases[-1] == "storing and linking"


def test_a_second_call_skips_what_is_stored(ledger: Ledger) -> None:
    ingest_paths([str(REFERENCE_TEXT)], ledger, overrides=SKY)
    again = ingest_paths([str(REFERENCE_TEXT)], ledger, overrides=SKY)
    assert again.line() == "0 new, 1 duplicate" and again.linked is None


def test_a_bad_input_fails_alone_and_is_reported_as_it_happens(ledger: Ledger, tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    seen: list[str] = []
    report = ingest_paths([str(empty), str(REFERENCE_TEXT)], ledger, overrides=SKY, on_failure=seen.append)
    assert report.line() == "1 new, 0 duplicate, 1 failed"
    assert seen == report.failures == [f"{empty}: empty file"]


def test_settings_reach_the_stages(ledger: Ledger) -> None:
    strict = Settings().replace("quotes", min_fragment_words=50, min_floating_words=50)
    ingest_paths([str(REFERENCE_TEXT)], ledger, overrides=SKY, settings=strict)
    with Ledger.open(":memory:") as default:
        ingest_paths([str(REFERENCE_TEXT)], default, overrides=SKY)
        assert len(ledger.records("quotes")) < len(default.records("quotes"))


def test_an_open_engine_can_be_passed_in(ledger: Ledger) -> None:
    seen = []

    def annotate(documents):
        for document in documents:
            seen.append(document.article.id)
            yield document.evolve()  # stored as read: no records

    report = ingest_paths([str(REFERENCE_TEXT)], ledger, overrides=SKY, annotate=annotate)
    assert report.new == seen and ledger.records("quotes") == []


def test_report_line_counts() -> None:
    assert IngestReport(new=["a"], duplicates=[], failures=["x"]).line() == "1 new, 0 duplicate, 1 failed"


# -- one bad article fails alone, writes in batches (issue 21) ------------------------------


def _articles(tmp_path: Path, n: int) -> list[str]:
    paths = []
    for i in range(n):
        path = tmp_path / f"a{i}.txt"
        path.write_text(f"Article {i} of the series. " + "The envoy said the talks would resume next week. " * 5,
                        encoding="utf-8")
        paths.append(str(path))
    return paths


def _as_read(documents):
    for document in documents:
        yield document.evolve()


@pytest.mark.parametrize("where", ["store", "link"])
def test_an_article_that_breaks_storing_or_linking_fails_alone(ledger: Ledger, tmp_path: Path, monkeypatch,
                                                               where: str) -> None:
    from newsledger import link
    from newsledger.store import Ledger as StoreLedger

    paths = _articles(tmp_path, 5)
    bad = "Article 2 of"
    if where == "store":
        original = StoreLedger._insert_document

        def insert(self, document):
            if document.article.text.startswith(bad):
                raise OverflowError("date value out of range")
            return original(self, document)

        monkeypatch.setattr(StoreLedger, "_insert_document", insert)
    else:
        original_update = link.update

        def update(led, ids, settings=None):
            if any(led.article(i).text.startswith(bad) for i in ids):
                raise OverflowError("date value out of range")
            return original_update(led, ids, settings)

        monkeypatch.setattr(link, "update", update)
    seen: list[str] = []
    report = ingest_paths(paths, ledger, overrides=SKY, annotate=_as_read, on_failure=seen.append)
    assert report.line() == "4 new, 0 duplicate, 1 failed"
    assert seen == [f"{paths[2]}: storing and linking failed: OverflowError: date value out of range"]
    assert sorted(a.source for a in ledger.articles()) == sorted(p for i, p in enumerate(paths) if i != 2)
    if where == "link":  # the four that landed are linked
        linked = ledger.execute("SELECT COUNT(DISTINCT article_id) FROM story_articles").fetchone()[0]
        assert linked == 4


def test_a_long_ingest_commits_in_batches(tmp_path: Path) -> None:
    """Each batch of ``[limits] write_batch`` articles is one transaction: a reader sees
    the first batch while the next is written."""
    db = tmp_path / "l.db"
    settings = Settings().replace("limits", write_batch=2)
    committed: list[int] = []

    def progress(phase: str, done: int) -> None:
        if phase == "storing and linking" and done:
            with Ledger.open(db) as reader:
                committed.append(len(reader.articles()))

    with Ledger.open(db) as ledger:
        report = ingest_paths(_articles(tmp_path, 5), ledger, overrides=SKY, settings=settings,
                              annotate=_as_read, on_progress=progress)
    assert report.line() == "5 new, 0 duplicate"
    assert committed == [2, 4, 5]


def test_a_database_error_stops_the_call_saying_what_was_stored(tmp_path: Path, monkeypatch) -> None:
    import sqlite3

    from newsledger.store import Ledger as StoreLedger
    from newsledger.store import LedgerError

    db = tmp_path / "l.db"
    original = StoreLedger._insert_document
    calls = []

    def insert(self, document):
        calls.append(document.article.id)
        if len(calls) == 3:
            raise sqlite3.OperationalError("database is locked")
        return original(self, document)

    monkeypatch.setattr(StoreLedger, "_insert_document", insert)
    with Ledger.open(db) as ledger, pytest.raises(LedgerError, match="^2 new articles stored before it: database is locked"):
        ingest_paths(_articles(tmp_path, 5), ledger, overrides=SKY, annotate=_as_read,
                     settings=Settings().replace("limits", write_batch=2))
    with Ledger.open(db) as ledger:
        assert len(ledger.articles()) == 2


def test_an_article_the_parser_breaks_on_fails_alone(ledger: Ledger, tmp_path: Path) -> None:
    """spaCy refuses a text over its max_length (E088) for the whole batch: the pipeline
    parses the batch's articles one by one, and only that one fails."""
    from newsledger.pipeline import Pipeline

    pipeline = Pipeline.load()
    paths = _articles(tmp_path, 3)
    Path(paths[1]).write_text("A long one. " * 20_000, encoding="utf-8")
    limit = pipeline.nlp.max_length
    pipeline.nlp.max_length = 100_000
    try:
        report = ingest_paths(paths, ledger, overrides=SKY, annotate=pipeline.annotate)
    finally:
        pipeline.nlp.max_length = limit
    assert report.line() == "2 new, 0 duplicate, 1 failed"
    assert report.failures[0].startswith(f"{paths[1]}: parse failed: ValueError: [E088]")


@pytest.mark.parametrize(("published", "kept"), [("2025-08-19", True), ("9999-12-31", False), ("0001-01-01", False),
                                                 ("1799-12-31", False), ("1800-01-01", True)])
def test_implausible_publication_dates_are_dropped(ledger: Ledger, published: str, kept: bool) -> None:
    report = ingest_paths([str(REFERENCE_TEXT)], ledger, overrides=Overrides(published=published))
    assert report.line() == "1 new, 0 duplicate"
    assert (ledger.articles()[0].published is not None) is kept
