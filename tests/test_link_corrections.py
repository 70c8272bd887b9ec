"""Corrections that last (issue 17): record fixes and rejections, entity merge/split by
alias, and one query per fact (CLI, web page and API count an entity's records alike)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from newsledger import link
from newsledger.cli import main
from newsledger.export import build_export
from newsledger.link import Ledger, corrections
from newsledger.link.resolve import find_cluster
from newsledger.store import LedgerError
from newsledger.web.app import create_app
from tests.link_support import document

HRC = ("Hillary Clinton", "PERSON", "Hillary Clinton")
WJC = ("Bill Clinton", "PERSON", "Bill Clinton")
DJT = ("Donald Trump", "PERSON", "Donald Trump")


def corpus() -> list:
    """Three 2016 articles: a quote given to the wrong Clinton, a stance of Trump's."""
    return [
        document("c1", 'Bill Clinton and Hillary Clinton spoke. "We will win," Bill Clinton said.',
                 [WJC, HRC], published="2016-09-26", quotes=[("We will win,", "Bill Clinton")]),
        document("c2", "Secretary Clinton met Hillary Clinton's aides. Donald Trump opposed the trade deal.",
                 [("Hillary Clinton", "PERSON", "Secretary Clinton"), HRC, DJT], published="2016-09-27",
                 stances=[("Donald Trump opposed the trade deal", "Donald Trump", "oppose", "trade")]),
        document("c3", '"It is over," Hillary Clinton said. Donald Trump spoke.', [HRC, DJT], published="2016-09-28",
                 quotes=[("It is over,", "Hillary Clinton")]),
    ]


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "c.db"
    with Ledger.open(path) as ledger:
        ledger.add(corpus(), then=link.update)
    return path


def run(db: Path, *args: str):
    return CliRunner().invoke(main, [*args, "--db", str(db)])


def quote_id(db: Path, text: str) -> str:
    with Ledger.open(db) as ledger:
        return next(q.id for q in ledger.records("quotes") if q.text == text)


def counts(db: Path, name: str) -> dict[str, int]:
    with Ledger.open(db) as ledger:
        cluster = find_cluster(ledger, name)
        assert cluster is not None
        return ledger.entity_records(cluster).counts()


def test_fix_speaker_moves_the_quote_and_lasts(db: Path) -> None:
    wrong = quote_id(db, "We will win,")
    assert counts(db, "Hillary Clinton")["quotes"] == 1
    result = run(db, "fix", wrong, "--speaker", "Secretary Clinton", "--by", "ana")  # an alias the ledger shows
    assert result.exit_code == 0, result.output
    assert "by ana" in result.output
    assert counts(db, "Hillary Clinton")["quotes"] == 2 and counts(db, "Bill Clinton")["quotes"] == 0
    assert run(db, "relink").exit_code == 0
    with Ledger.open(db) as ledger:  # re-ingest of the same articles, then linked again
        ledger.add(corpus(), then=link.update)
        link.relink(ledger)
    assert counts(db, "Hillary Clinton")["quotes"] == 2 and counts(db, "Bill Clinton")["quotes"] == 0
    with Ledger.open(db) as ledger:
        (fixed,) = ledger.corrections()
        assert (fixed.record_id, fixed.field, fixed.value, fixed.author) == (wrong, "speaker", "Secretary Clinton", "ana")
        quote = next(q for q in build_export(ledger)["quotes"] if q["id"] == wrong)
        assert quote["speaker"] == "Hillary Clinton"


def test_reject_removes_the_record_from_every_reader_and_is_exported(db: Path) -> None:
    with Ledger.open(db) as ledger:
        stance = ledger.records("stances")[0].id
    assert counts(db, "Donald Trump")["stances"] == 1
    assert run(db, "reject", stance).exit_code == 0
    assert counts(db, "Donald Trump")["stances"] == 0
    assert run(db, "relink").exit_code == 0
    with Ledger.open(db) as ledger:
        exported = build_export(ledger)
    assert exported["stances"] == []
    assert [(c["record_id"], c["action"]) for c in exported["corrections"]] == [(stance, "reject")]
    listing = run(db, "corrections")
    assert listing.exit_code == 0 and "reject" in listing.output


def test_fix_polarity(db: Path) -> None:
    with Ledger.open(db) as ledger:
        stance = ledger.records("stances")[0].id
    assert run(db, "fix", stance, "--polarity", "support").exit_code == 0
    with Ledger.open(db) as ledger:
        assert corrections.apply(ledger, "stances", ledger.records("stances"))[0].polarity == "support"
        assert ledger.records("stances")[0].polarity == "oppose"  # the record itself is never rewritten


@pytest.mark.parametrize("args,message", [
    (("fix", "q-nothing", "--speaker", "Hillary Clinton"), "no record with id"),
    (("fix", "QUOTE", "--polarity", "support"), "does not apply"),
    (("fix", "QUOTE", "--speaker", "Nobody Atall"), "no entity named"),
    (("fix", "QUOTE"), "exactly one of"),
])
def test_bad_corrections_are_one_line_errors(db: Path, args: tuple[str, ...], message: str) -> None:
    args = tuple(quote_id(db, "We will win,") if a == "QUOTE" else a for a in args)
    result = run(db, *args)
    assert result.exit_code != 0 and message in result.output and "Traceback" not in result.output
    with Ledger.open(db) as ledger:
        assert ledger.corrections() == []


def test_split_and_merge_by_an_alias_the_page_shows(db: Path) -> None:
    """``entity split "Hillary Clinton" "Secretary Clinton"``: a surface form, not a member
    row's name, was refused before ("not a member")."""
    result = run(db, "entity", "split", "Hillary Clinton", "Secretary Clinton")
    assert result.exit_code == 0, result.output
    with Ledger.open(db) as ledger:
        assert find_cluster(ledger, "Hillary Clinton").articles == 2
        assert find_cluster(ledger, "Secretary Clinton").articles == 1
    assert run(db, "relink").exit_code == 0  # the decision is re-applied
    with Ledger.open(db) as ledger:
        assert find_cluster(ledger, "Hillary Clinton").articles == 2
    assert run(db, "entity", "merge", "Hillary Clinton", "Secretary Clinton").exit_code == 0
    with Ledger.open(db) as ledger:
        assert find_cluster(ledger, "Hillary Clinton").articles == 3
        assert [d[0] for d in link.overrides.decisions(ledger)] == ["split", "merge"]


def test_counts_agree_across_cli_web_and_api(db: Path) -> None:
    run(db, "fix", quote_id(db, "We will win,"), "--speaker", "Hillary Clinton")
    with Ledger.open(db) as ledger:
        cluster = find_cluster(ledger, "Hillary Clinton")
        expected = ledger.entity_records(cluster).counts()
        entity_id = next(e.id for e in ledger.entities() if e.name == "Hillary Clinton")
    assert expected["quotes"] == 2
    cli = run(db, "entity", "Hillary Clinton").output
    cli_counts = {layer: int(n) for layer, n in re.findall(r"^(quotes|stances|events|commitments) \((\d+)\)", cli, re.M)}
    client = TestClient(create_app(str(db)))
    api = client.get(f"/api/entities/{entity_id}").json()
    page = client.get(f"/entities/{entity_id}").text
    page_counts = {layer.lower(): int(n) for layer, n in re.findall(r"<h2>(Quotes|Stances|Events|Commitments) \((\d+)\)", page)}
    assert cli_counts == expected
    assert {layer: len(api[layer]) for layer in expected} == expected
    assert page_counts == expected
    assert 'class="corrected"' in page  # the mark on the corrected quote


def test_a_correction_is_kept_when_its_record_is_gone(tmp_path: Path) -> None:
    """No foreign key: a correction of a record not in this ledger is kept and harmless."""
    with Ledger.open(tmp_path / "x.db") as ledger:
        ledger.add(corpus(), then=link.update)
        wrong = next(q.id for q in ledger.records("quotes"))
        corrections.reject(ledger, wrong, author="ana")
        with pytest.raises(LedgerError):
            corrections.reject(ledger, "q-missing")
        assert json.loads(json.dumps([c.record_id for c in ledger.corrections()])) == [wrong]


# -- the same on PostgreSQL (a throwaway server, as tests/test_store_postgres.py starts) ------


@pytest.fixture(scope="module")
def pg_admin():
    pytest.importorskip("psycopg", reason="psycopg not installed")
    import os

    from tests import pg_support

    try:
        with pg_support.server() as url:
            yield url
    except RuntimeError as exc:
        if os.environ.get(pg_support.REQUIRED):
            pytest.fail(f"no PostgreSQL server: {exc}")
        pytest.skip(f"no PostgreSQL server: {exc}")


def test_corrections_and_alias_split_on_postgres(pg_admin: str) -> None:
    from tests import pg_support

    with Ledger.open(pg_support.fresh_database(pg_admin)) as ledger:
        ledger.add(corpus(), then=link.update)
        wrong = next(q.id for q in ledger.records("quotes") if q.text == "We will win,")
        ledger.fix_record(wrong, "speaker", "Hillary Clinton", author="ana")
        ledger.reject_record(ledger.records("stances")[0].id, author="ana")
        ledger.split_entity("Hillary Clinton", "Secretary Clinton", author="ana")
        link.relink(ledger)
        assert ledger.entity_records(find_cluster(ledger, "Hillary Clinton")).counts()["quotes"] == 2
        assert ledger.entity_records(find_cluster(ledger, "Donald Trump")).counts()["stances"] == 0
        assert find_cluster(ledger, "Secretary Clinton").articles == 1
        assert [c["action"] for c in build_export(ledger)["corrections"]] == ["fix", "reject"]


def test_corrections_in_jsonl_and_csv(db: Path, tmp_path: Path) -> None:
    run(db, "reject", quote_id(db, "It is over,"), "--by", "ana")
    lines = [json.loads(line) for line in run(db, "export", "--format", "jsonl").output.splitlines()]
    assert [line["record_id"] for line in lines if line["record_type"] == "correction"] == [quote_id(db, "It is over,")]
    assert "It is over," not in {line.get("text") for line in lines if line["record_type"] == "quote"}
    assert run(db, "export", "--format", "csv", "-o", str(tmp_path / "out")).exit_code == 0
    assert "ana" in (tmp_path / "out" / "corrections.csv").read_text(encoding="utf-8")
