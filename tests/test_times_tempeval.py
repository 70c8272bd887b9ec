"""The TempEval-3 benchmark's TimeML reader and scoring, on a two-sentence file."""

from __future__ import annotations

import importlib.util
import sys
from datetime import date
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MINI = ROOT / "tests" / "fixtures" / "times" / "mini.tml"


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("times_tempeval", ROOT / "benchmarks" / "times_tempeval.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def test_read_tml_keeps_offsets_and_skips_the_dct(bench) -> None:
    tml = bench.read_tml(MINI)
    assert tml.dct == date(1998, 8, 7)
    assert "AT&T said Thursday" in tml.text  # entities unescaped, tags removed
    assert [(g.text, g.value) for g in tml.gold] == [("Thursday", "1998-08-06"), ("next week", "1998-W33")]
    for gold in tml.gold:
        assert tml.text[gold.start:gold.end] == gold.text


def test_value_ok_accepts_the_gold_day_as_a_range(bench) -> None:
    gold = bench.Gold(0, 8, "Thursday", "DATE", "1998-08-06")
    assert bench.value_ok(gold, bench.Found(0, 8, "Thursday", "1998-08-06"))
    assert bench.value_ok(gold, bench.Found(0, 8, "Thursday", "1998-08-06TNI", "1998-08-06", "1998-08-06"))
    assert not bench.value_ok(gold, bench.Found(0, 8, "Thursday", "1998-08-13", "1998-08-13", "1998-08-13"))


def test_matching_is_one_to_one(bench) -> None:
    gold = [bench.Gold(0, 8, "Thursday", "DATE", "x"), bench.Gold(9, 18, "next week", "DATE", "y")]
    found = [bench.Found(0, 18, "Thursday next week", "x")]
    assert bench.match(gold, found, strict=False) == {0: 0}
    assert bench.match(gold, found, strict=True) == {}


def test_categories_name_the_mechanism(bench) -> None:
    assert bench.category("the year-earlier quarter", "1997-Q3", "DATE") == "quarter / fiscal"
    assert bench.category("Thursday", "1998-08-06", "DATE") == "weekday"
    assert bench.category("recently", "PAST_REF", "DATE") == "vague reference"
    assert bench.category("overnight", "1998-08-06TNI", "TIME") == "part of day"
    assert bench.category("each July", "XXXX-07", "SET") == "set"
    assert bench.category("the day before", "1998-08-05", "DATE") == "narrative"


def test_the_split_is_sealed_and_disjoint(bench) -> None:
    test, train = bench.split_names("test"), bench.split_names("train")
    assert not test & train and len(test) == 24 and len(train) == 49
    assert bench.split_names("all") is None


def test_equivalent_notations_are_only_notations(bench) -> None:
    assert bench.same_notation("2000-W7", "2000-W07") and bench.same_notation("1968-XX", "1968")
    assert not bench.same_notation("1998-10", "1998") and not bench.same_notation("P1W", "1998-W33")
    assert not bench.same_notation("1998", None)
