"""End to end: CLI -> SQLite -> export, and every bad input handled on one line."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsledger.cli import main
from newsledger.export import validate_export
from tests.conftest import REFERENCE_GOLD, REFERENCE_TEXT


def run(*args: str, input: bytes | None = None):
    return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)


def export(db: Path) -> dict:
    result = run("export", "--db", str(db))
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


@pytest.fixture(scope="module")
def reference_db(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("ledger") / "ledger.db"
    result = run("ingest", str(REFERENCE_TEXT), "--db", str(db), "--published", "2025-08-19", "--outlet", "Sky News")
    assert result.exit_code == 0, result.output
    assert result.output.strip().splitlines()[-1] == "1 new, 0 duplicate"
    return db


def test_export_validates_and_carries_the_reference(reference_db: Path) -> None:
    data = export(reference_db)
    validate_export(data)
    (article,) = data["articles"]
    assert article["outlet"] == "Sky News" and article["published"] == "2025-08-19"
    gold = json.loads(REFERENCE_GOLD.read_text(encoding="utf-8"))
    for noise in gold["article"]["noise"]:
        assert noise.strip() not in article["text"]
    assert article["headings"] == gold["article"]["headings"]
    for quote in gold["quotes"]:
        assert quote["text"] in article["text"]
    for layer in ("quotes", "times", "events", "stances", "commitments"):
        for record in data[layer]:
            start, end = record["span"]
            assert 0 <= start < end <= len(article["text"])
    names = {e["name"] for e in data["entities"]}
    assert {"Donald Trump", "Karoline Leavitt", "United States", "Ukrainian Air Force"} <= names


def test_reingest_is_a_duplicate(reference_db: Path) -> None:
    before = export(reference_db)
    result = run("ingest", str(REFERENCE_TEXT), "--db", str(reference_db), "--published", "2025-08-19")
    assert result.exit_code == 0
    assert result.output.strip() == "0 new, 1 duplicate"
    assert export(reference_db) == before


def test_summary_and_quotes_read_the_ledger(reference_db: Path) -> None:
    result = run("summary", "--db", str(reference_db))
    assert result.exit_code == 0
    assert "Donald Trump" in result.output and "Sky News" in result.output
    result = run("quotes", "--db", str(reference_db), "--speaker", "Trump", "--search", "air", "--format", "csv")
    assert result.exit_code == 0
    assert "Donald Trump" in result.output and "by air" in result.output


def test_every_listed_command_resolves() -> None:
    import click

    from newsledger.cli import COMMANDS, LazyGroup

    assert isinstance(main, LazyGroup)
    for name in COMMANDS:
        command = main.get_command(click.Context(main), name)
        assert isinstance(command, click.Command) and command.name == name


def test_quotes_json_matches_the_export(reference_db: Path) -> None:
    exported = {q["id"]: q for q in export(reference_db)["quotes"]}
    result = run("quotes", "--db", str(reference_db), "--format", "json", "--limit", "0")
    assert result.exit_code == 0, result.output
    listed = json.loads(result.output)["quotes"]
    assert len(listed) == len(exported)
    for quote in listed:
        article = quote.pop("article")
        assert quote == exported[quote["id"]]
        assert article["outlet"] == "Sky News" and article["published"] == "2025-08-19"
    limited = json.loads(run("quotes", "--db", str(reference_db), "--format", "json", "--limit", "2").output)
    assert [q["id"] for q in limited["quotes"]] == [q["id"] for q in listed[:2]]
    lines = run("quotes", "--db", str(reference_db), "--format", "jsonl", "--limit", "3").output.splitlines()
    assert [json.loads(line)["record_type"] for line in lines] == ["quote"] * 3


def test_quotes_csv_rows_are_self_contained(reference_db: Path) -> None:
    import csv
    import io

    result = run("quotes", "--db", str(reference_db), "--format", "csv", "--speaker", "Trump")
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert rows and all(r["outlet"] == "Sky News" and r["published"] == "2025-08-19" for r in rows)
    text = REFERENCE_TEXT.read_text(encoding="utf-8")
    exported = {q["id"]: q for q in export(reference_db)["quotes"]}
    for row in rows:
        assert {"url", "title", "article_id"} <= set(row)
        assert [int(row["span_start"]), int(row["span_end"])] == exported[row["record_id"]]["span"]
        assert row["speaker"] == "Donald Trump" and row["quote"]
    assert text  # the spans index the clean text the export carries


def test_quotes_since_until_filter_by_day(reference_db: Path) -> None:
    after = run("quotes", "--db", str(reference_db), "--since", "2025-08-20", "--format", "json")
    assert json.loads(after.output)["quotes"] == []
    within = run("quotes", "--db", str(reference_db), "--until", "2025-08-19", "--format", "json")
    assert json.loads(within.output)["quotes"]


@pytest.mark.parametrize("width", ["60", "200"])
def test_tables_follow_columns_when_piped(reference_db: Path, width: str) -> None:
    result = CliRunner(env={"COLUMNS": width}).invoke(main, ["quotes", "--db", str(reference_db), "--limit", "3"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert max(len(line) for line in lines) <= int(width)
    assert max(len(line) for line in lines) > int(width) - 20  # the table uses the width it has
    assert "2025-08-19" in result.output and "Sky News" in result.output


def test_export_formats(reference_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "ledger.jsonl"
    assert run("export", "--db", str(reference_db), "--format", "jsonl", "-o", str(out)).exit_code == 0
    kinds = {json.loads(line)["record_type"] for line in out.read_text(encoding="utf-8").splitlines()}
    assert "article" in kinds
    assert run("export", "--db", str(reference_db), "--format", "csv", "-o", str(tmp_path / "csv")).exit_code == 0
    assert (tmp_path / "csv" / "quotes.csv").exists()


def _bad_inputs(tmp: Path) -> dict[str, Path]:
    files = {
        "empty": ("empty.txt", b""),
        "binary": ("binary.txt", bytes(range(256)) * 4),
        "undecodable": ("latin.txt", "Caf\xe9 na\xefve r\xe9sum\xe9 ".encode("cp1252") + b"\x81\x8d\x8f\x90\x9d" * 40),
        "malformed html": ("broken.html", b"<html><head><title>x</title></head><body><div></body>"),
        "malformed feed": ("feed.rss", b"<?xml version='1.0'?><rss><channel><item><title>unclosed"),
        "malformed warc": ("crawl.warc.gz", gzip.compress(b"this is not a WARC record\r\n\r\n")),
        "malformed jsonl": ("articles.jsonl", b'{"text": "fine"\n'),
    }
    out = {}
    for name, (filename, data) in files.items():
        path = tmp / filename
        path.write_bytes(data)
        out[name] = path
    out["missing"] = tmp / "no-such-file.txt"
    return out


@pytest.mark.parametrize(
    "case", ["missing", "empty", "binary", "undecodable", "malformed html", "malformed feed", "malformed warc", "malformed jsonl"]
)
def test_bad_input_is_one_line_and_loses_nothing(case: str, reference_db: Path, tmp_path: Path) -> None:
    bad = _bad_inputs(tmp_path)[case]
    good = tmp_path / "good.txt"
    good.write_text("Olaf Scholz said on Monday that Germany would send more air defence systems to Ukraine.\n", encoding="utf-8")
    db = tmp_path / "l.db"
    db.write_bytes(reference_db.read_bytes())
    before = export(db)
    result = CliRunner().invoke(main, ["ingest", str(bad), str(good), "--db", str(db), "--published", "2025-08-20"])
    assert result.exit_code == 1, result.output
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and bad.name in errors[0], result.stderr
    assert "Traceback" not in result.output + result.stderr
    assert result.stdout.strip().endswith("1 new, 0 duplicate, 1 failed")
    after = export(db)
    assert after["articles"][: len(before["articles"])] == before["articles"] or all(
        a in after["articles"] for a in before["articles"]
    )
    assert len(after["articles"]) == len(before["articles"]) + 1


def test_unparsable_published_is_a_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["ingest", str(REFERENCE_TEXT), "--db", str(tmp_path / "l.db"), "--published", "the day after"])
    assert result.exit_code == 2
    assert "--published" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "l.db").exists() or export(tmp_path / "l.db")["articles"] == []


def test_unknown_flag_is_a_usage_error() -> None:
    result = CliRunner().invoke(main, ["ingest", "--frobnicate", "x.txt"])
    assert result.exit_code == 2 and "No such option" in result.stderr


def test_missing_date_warns(tmp_path: Path) -> None:
    article = tmp_path / "undated.txt"
    article.write_text("Emmanuel Macron said on Friday that talks would resume next week.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["ingest", str(article), "--db", str(tmp_path / "l.db")])
    assert result.exit_code == 0
    assert "undated.txt" in result.stderr and "publication date" in result.stderr


def test_stdin(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main, ["ingest", "-", "--db", str(tmp_path / "l.db"), "--published", "2025-08-19"],
        input="Keir Starmer said on Tuesday that allies would meet in Paris.\n".encode(),
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == "1 new, 0 duplicate"


def test_read_commands_need_a_ledger(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["summary", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 1 and "no ledger here" in result.stderr


def test_help_everywhere() -> None:
    for command in main.commands:
        result = run(command, "--help")
        assert result.exit_code == 0 and "Usage:" in result.output
