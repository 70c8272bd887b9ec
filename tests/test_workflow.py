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
