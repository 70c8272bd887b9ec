"""The spool between annotation and the ledger: order, completeness, and the write lock
left free while articles are parsed."""

from __future__ import annotations

import sqlite3
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from newsledger.cli import main
from newsledger import engine
from newsledger.engine.spool import spooled
from newsledger.records import Document
from newsledger.settings import Settings
from tests.conftest import REFERENCE_TEXT


@given(st.lists(st.one_of(st.text(), st.integers(), st.tuples(st.text(), st.floats(allow_nan=False)))))
def test_spool_gives_back_every_item_in_order(items: list) -> None:
    with spooled(iter(items)) as ready:
        assert list(ready) == items


def test_spool_file_is_gone_after_the_block(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    with pytest.raises(RuntimeError), spooled(iter(range(3))) as ready:
        next(ready)
        raise RuntimeError("the writer failed")
    assert list(tmp_path.iterdir()) == []


def test_ingest_holds_no_write_lock_while_it_annotates(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """While ``newsledger ingest`` parses, another process can still write the file:
    the transaction starts only once every article is annotated."""
    db = tmp_path / "ledger.db"
    CliRunner().invoke(main, ["ingest", str(REFERENCE_TEXT), "--db", str(db), "-q"], catch_exceptions=False)
    probes: list[str] = []
    local_engine = engine.local_engine

    @contextmanager
    def probing_engine(pipeline=None, settings=Settings()) -> Iterator:
        with local_engine(pipeline, settings) as annotate:
            def annotate_and_probe(documents: Iterable[Document]) -> Iterator:
                for result in annotate(documents):
                    other = sqlite3.connect(db, timeout=0, isolation_level=None)
                    try:
                        other.execute("BEGIN IMMEDIATE")
                        other.execute("ROLLBACK")
                        probes.append("free")
                    except sqlite3.OperationalError as exc:
                        probes.append(str(exc))
                    finally:
                        other.close()
                    yield result
            yield annotate_and_probe

    monkeypatch.setattr(engine, "local_engine", probing_engine)
    source = tmp_path / "other.txt"
    source.write_text(REFERENCE_TEXT.read_text(encoding="utf-8").replace("Trump", "Vance"), encoding="utf-8")
    result = CliRunner().invoke(main, ["ingest", str(source), "--db", str(db), "--published", "2025-08-20"],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert result.output.strip().splitlines()[-1] == "1 new, 0 duplicate"
    assert probes == ["free"]
