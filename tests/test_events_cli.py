"""The layer commands (events, stances, commitments, options) against a ledger filled
with hand-built documents: output and filters."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from newsledger.cli.layers import commitments_command, events_command, options_command, stances_command
from newsledger.link import Ledger
from newsledger.records import Article, Commitment, Document, Event, Quantity, Stance

TEXT = (
    "Russia launched an assault on Ukraine on Monday night. A meeting could happen in Geneva or Rome. "
    "Rome is disliked by the Russians. Italy is opposed to boots on the ground. "
    "Trump threatened more sanctions. The treaty could be completed by next week."
)


def span_of(text: str) -> tuple[int, int]:
    start = TEXT.index(text)
    return start, start + len(text)


def build() -> Document:
    attack = "Russia launched an assault on Ukraine on Monday night"
    meeting = "A meeting could happen in Geneva or Rome"
    rome = "Rome is disliked by the Russians"
    italy = "Italy is opposed to boots on the ground"
    threat = "Trump threatened more sanctions"
    treaty = "The treaty could be completed by next week"
    return Document(
        Article(id="a1", text=TEXT, published="2025-08-19", outlet="Test"),
        events=(
            Event("ev-1", "a1", "attack", "happened", attack, span_of(attack), actor="Russia", target="Ukraine",
                  start="2025-08-18", end="2025-08-19", quantities=(Quantity(270.0, "drones"),),
                  source="Ukrainian Air Force"),
            Event("ev-2", "a1", "meeting", "planned", meeting, span_of(meeting), place_options=("Geneva", "Rome"),
                  trigger="meeting"),
        ),
        stances=(
            Stance("st-1", "a1", "oppose", "certain", "Rome as meeting venue", rome, span_of(rome), holder="Russia",
                   issue="meeting-venue", option="Rome"),
            Stance("st-2", "a1", "oppose", "certain", "boots on the ground", italy, span_of(italy), holder="Italy",
                   issue="troops-on-the-ground"),
        ),
        commitments=(
            Commitment("cm-1", "a1", "threat", "more sanctions", threat, span_of(threat), holder="Donald Trump"),
            Commitment("cm-2", "a1", "plan", "The treaty could be completed", treaty, span_of(treaty),
                       due="2025-08-31", due_start="2025-08-25"),
        ),
    )


@pytest.fixture()
def db(tmp_path: Path) -> str:
    path = tmp_path / "ledger.db"
    with Ledger.open(path) as ledger:
        ledger.add([build()])
    return str(path)


def invoke(command, *args: str):
    result = CliRunner(env={"COLUMNS": "250"}).invoke(command, list(args), catch_exceptions=False)
    return result


def test_events_table(db: str) -> None:
    result = invoke(events_command, "--db", db)
    assert result.exit_code == 0, result.output
    assert "2 events" in result.output
    assert "attack" in result.output and "Ukrainian Air Force" in result.output and "270 drones" in result.output
    assert "1 events" in invoke(events_command, "--db", db, "--type", "meeting").output


def test_stances_filters(db: str) -> None:
    assert "2 stances" in invoke(stances_command, "--db", db).output
    by_holder = invoke(stances_command, "--db", db, "--holder", "ital").output
    assert "1 stances" in by_holder and "Italy" in by_holder
    by_issue = invoke(stances_command, "--db", db, "--issue", "meeting-venue").output
    assert "1 stances" in by_issue and "Russia" in by_issue


def test_commitments_due_before(db: str) -> None:
    assert "2 commitments" in invoke(commitments_command, "--db", db).output
    due = invoke(commitments_command, "--db", db, "--due-before", "2025-09-01").output
    assert "1 commitments" in due and "plan" in due
    bad = invoke(commitments_command, "--db", db, "--due-before", "soon")
    assert bad.exit_code == 2 and "not a date" in bad.output


def test_options_table(db: str) -> None:
    result = invoke(options_command, "--db", db, "meeting-venue")
    assert result.exit_code == 0, result.output
    rows = {line.split("│")[1].strip(): line for line in result.output.splitlines() if line.count("│") > 2}
    assert "oppose" in rows["Rome"] and rows["Rome"].rstrip("│ ").endswith("no")
    assert rows["Geneva"].rstrip("│ ").endswith("yes")


def test_options_unknown_issue_is_one_line(db: str) -> None:
    result = invoke(options_command, "--db", db, "no-such-issue")
    assert result.exit_code == 1
    assert "no options recorded" in result.output


def test_missing_ledger_is_one_line(tmp_path: Path) -> None:
    result = invoke(events_command, "--db", str(tmp_path / "none.db"))
    assert result.exit_code == 1 and "no ledger here" in result.output
