"""The evaluation harness: matching rules and the reference gold end to end."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsledger.cli import main
from newsledger.eval.harness import article_path, load_gold
from newsledger.eval.scoring import near_day, overlap, same_name
from tests.conftest import REFERENCE_GOLD, REFERENCE_TEXT


@pytest.mark.parametrize(
    "system,gold,expected",
    [("Donald Trump", "donald trump", True), ("Trump", "Donald Trump", False), (None, None, True), ("X", None, False)],
)
def test_same_name(system, gold, expected) -> None:
    assert same_name(system, gold) is expected


@pytest.mark.parametrize(
    "system,gold,tolerance,expected",
    [("2025-08-31", "2025-08-29", 3, True), ("2025-08-31", "2025-08-27", 3, False), (None, "2025-08-31", 3, False),
     ("2025-08-18T22:00", "2025-08-18", 0, True), ("not a date", "2025-08-18", 5, False)],
)
def test_near_day(system, gold, tolerance, expected) -> None:
    assert near_day(system, gold, tolerance) is expected


def test_overlap_is_word_based_both_ways() -> None:
    found, precise = overlap("an option and a possibility", "option and possibility")
    assert found == 1.0 and precise == pytest.approx(3 / 5)


def test_article_path_resolves_like_the_shared_gold() -> None:
    gold = load_gold(REFERENCE_GOLD)
    assert article_path(REFERENCE_GOLD, gold["article"]["file"]) == REFERENCE_TEXT.resolve()


def test_a_broken_gold_file_is_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "gold.json"
    bad.write_text(json.dumps({"about": "no article"}), encoding="utf-8")
    result = CliRunner().invoke(main, ["eval", str(bad)])
    assert result.exit_code == 1 and "not a gold file" in result.stderr


def test_eval_on_the_reference_gold() -> None:
    result = CliRunner().invoke(main, ["eval", str(REFERENCE_GOLD), "--details"], env={"COLUMNS": "160"})
    assert result.exit_code == 0, result.output
    rows = {line.split("│")[1].strip(): [c.strip() for c in line.split("│")[2:-1]]
            for line in result.stdout.splitlines() if line.startswith("│")}
    # gold, system, found P/R/F1, correct P/R/F1: quotes and times are complete and right
    assert rows["quotes"][0] == "7" and rows["quotes"][6] == "1.00"
    assert rows["times"][0] == "8" and rows["times"][6] == "1.00"
    assert rows["cleanup"][3] == "1.00"
    assert float(rows["events"][6]) >= 0.75 and float(rows["stances"][6]) >= 6 / 7
