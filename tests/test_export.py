"""The export contract: JSON, JSON Lines and CSV writers, validated by the JSON Schema."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from dataclasses import fields
from pathlib import Path

import pytest

from newsledger import __version__
from newsledger.export import (
    EXPORT_SCHEMA_VERSION,
    JSONL_KEY,
    LISTS,
    build_export,
    csv_paths,
    export_ledger,
    load_schema,
    validate_export,
)
from newsledger.layers import LAYERS
from newsledger.link import Ledger
from newsledger.records import to_dict
from newsledger import link
from tests.test_store_data import make_document, reference_document

#: The fields the issue requires of each list ("Fields, at least").
REQUIRED_FIELDS = {
    "articles": {"id", "url", "outlet", "title", "published", "text", "headings"},
    "entities": {"id", "name", "type", "aliases"},
    "quotes": {"id", "article_id", "speaker", "speaker_id", "speaker_mention", "cue", "kind",
               "medium", "text", "span", "reports"},
    "times": {"id", "article_id", "text", "type", "value", "start", "end", "span"},
    "events": {"id", "article_id", "type", "status", "actor", "target", "participants", "place",
               "start", "end", "quantities", "source", "evidence", "span"},
    "stances": {"id", "article_id", "holder", "polarity", "modality", "target", "evidence",
                "span"},
    "commitments": {"id", "article_id", "holder", "kind", "action", "condition", "due",
                    "evidence", "span"},
}


@pytest.fixture
def ledger(tmp_path: Path) -> Iterator[Ledger]:
    with Ledger.open(tmp_path / "l.db") as opened:
        opened.add([make_document("art-1"), make_document("art-2", published=None)], then=link.update)
        yield opened


def test_json_export_has_every_list_and_validates(ledger: Ledger) -> None:
    out = io.StringIO()
    export_ledger(ledger, "json", out)
    data = json.loads(out.getvalue())
    assert data["schema_version"] == EXPORT_SCHEMA_VERSION
    assert data["generator"] == f"newsledger {__version__}"
    assert list(data)[2:] == list(LISTS)
    for name in LISTS:
        assert data[name], f"{name} is empty in the test ledger"
    validate_export(data)


@pytest.mark.parametrize("name", sorted(REQUIRED_FIELDS))
def test_export_carries_every_listed_field(ledger: Ledger, name: str) -> None:
    data = build_export(ledger)
    for row in data[name]:
        assert REQUIRED_FIELDS[name] <= set(row)


def test_export_rows_are_records_to_dict(ledger: Ledger) -> None:
    data = build_export(ledger)
    document = make_document("art-1")
    assert data["quotes"][:2] == [to_dict(q) for q in document.quotes]
    assert data["events"][0]["quantities"] == [{"value": 270, "unit": "drones",
                                                "text": "270 drones"}]
    assert data["quotes"][0]["span"] == list(document.quotes[0].span)


def test_spans_point_at_the_evidence(ledger: Ledger) -> None:
    data = build_export(ledger)
    texts = {a["id"]: a["text"] for a in data["articles"]}
    for layer, key in (("quotes", "text"), ("times", "text"), ("events", "evidence"),
                       ("stances", "evidence"), ("commitments", "evidence")):
        for row in data[layer]:
            start, end = row["span"]
            assert texts[row["article_id"]][start:end] == row[key]


def test_empty_ledger_export_validates(tmp_path: Path) -> None:
    with Ledger.open(tmp_path / "empty.db") as ledger:
        data = build_export(ledger)
    assert all(data[name] == [] for name in LISTS)
    validate_export(data)


def test_jsonl_one_line_per_record_articles_first(ledger: Ledger) -> None:
    out = io.StringIO()
    export_ledger(ledger, "jsonl", out)
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    counts = ledger.counts()
    assert len(lines) == sum(counts.values()) + len(ledger.stories())
    assert [line[JSONL_KEY] for line in lines[:2]] == ["article", "article"]
    kinds = [line[JSONL_KEY] for line in lines]
    assert kinds == sorted(kinds, key=[kind for _, kind in LISTS.values()].index)
    # regrouped by type, the lines form a valid JSON export
    regrouped = build_export(ledger) | {name: [] for name in LISTS}
    by_kind = {kind: name for name, (_, kind) in LISTS.items()}
    for line in lines:
        kind = line.pop(JSONL_KEY)
        regrouped[by_kind[kind]].append(line)
    validate_export(regrouped)
    assert regrouped == build_export(ledger)


def test_jsonl_keeps_record_type_fields(ledger: Ledger) -> None:
    out = io.StringIO()
    export_ledger(ledger, "jsonl", out)
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    events = [line for line in lines if line[JSONL_KEY] == "event"]
    assert events[0]["type"] == "attack"


@pytest.mark.parametrize("name", list(LISTS))
def test_jsonl_key_is_no_record_field(name: str) -> None:
    assert JSONL_KEY not in {f.name for f in fields(LISTS[name][0])}


def test_export_to_path(ledger: Ledger, tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    export_ledger(ledger, "json", target)
    validate_export(json.loads(target.read_text(encoding="utf-8")))


@pytest.mark.parametrize(
    ("target", "quotes_file"),
    [("out.csv", "out.quotes.csv"), ("outdir", "outdir/quotes.csv"),
     ("nested/dir", "nested/dir/quotes.csv")],
)
def test_csv_paths(tmp_path: Path, target: str, quotes_file: str) -> None:
    assert csv_paths(tmp_path / target)["quotes"] == tmp_path / quotes_file


def test_csv_one_file_per_list(ledger: Ledger, tmp_path: Path) -> None:
    export_ledger(ledger, "csv", tmp_path / "export")
    data = build_export(ledger)
    for name in LISTS:
        with (tmp_path / "export" / f"{name}.csv").open(encoding="utf-8", newline="") as f:
            rows = list(csv.DictReader(f))
        assert len(rows) == len(data[name]), name
        for row, expected in zip(rows, data[name], strict=True):
            assert list(row) == list(expected)
            for key, value in expected.items():
                if isinstance(value, (list, dict)):
                    assert json.loads(row[key]) == value
                elif value is None:
                    assert row[key] == ""
                else:
                    assert row[key] == str(value)


def test_csv_next_to_file_name(ledger: Ledger, tmp_path: Path) -> None:
    export_ledger(ledger, "csv", tmp_path / "ledger.csv")
    assert sorted(p.name for p in tmp_path.glob("ledger.*.csv")) == sorted(
        f"ledger.{name}.csv" for name in LISTS
    )


def test_csv_to_a_stream_is_refused(ledger: Ledger) -> None:
    with pytest.raises(ValueError, match="one file per list"):
        export_ledger(ledger, "csv", io.StringIO())


def test_unknown_format_is_refused(ledger: Ledger) -> None:
    with pytest.raises(ValueError, match="json, jsonl, csv"):
        export_ledger(ledger, "xml", io.StringIO())


def test_reference_article_gold_export_validates(tmp_path: Path) -> None:
    """Golden: the reference article with its gold records stores and exports losslessly."""
    document = reference_document()
    with Ledger.open(tmp_path / "ref.db") as ledger:
        ledger.add([document])
        data = build_export(ledger)
    validate_export(data)
    assert [e["name"] for e in data["entities"]][:4] == [
        "Donald Trump", "Volodymyr Zelenskyy", "Vladimir Putin", "Karoline Leavitt"]
    for layer in LAYERS:
        assert data[layer] == [to_dict(r) for r in getattr(document, layer)]
    assert {q["speaker"] for q in data["quotes"]} >= {"Donald Trump", "Karoline Leavitt"}
    attack = data["events"][0]
    assert attack["quantities"] == [{"value": 270, "unit": "drones", "text": None},
                                    {"value": 10, "unit": "missiles", "text": None}]
    assert attack["source"] == "Ukrainian Air Force"


def test_schema_version_matches_the_schema_file() -> None:
    assert load_schema()["properties"]["schema_version"]["const"] == EXPORT_SCHEMA_VERSION


def test_docs_list_every_field() -> None:
    """docs/schema.md documents every field of every list, under the list's heading."""
    docs = (Path(__file__).resolve().parent.parent / "docs" / "schema.md").read_text(
        encoding="utf-8"
    )
    for name, (record, _) in LISTS.items():
        section = docs.split(f"### `{name}`", 1)[1].split("###", 1)[0]
        for f in fields(record):
            assert f"| `{f.name}` |" in section, (name, f.name)
