"""The cross-article commands, through click's CliRunner, checking the ledger afterwards."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from newsledger import link
from newsledger.cli import main
from newsledger.link import overrides
from newsledger.link import Ledger
from tests import test_link_resolve, test_link_stories


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "l.db"
    with Ledger.open(path) as ledger:
        ledger.add([*test_link_resolve.corpus(), *test_link_stories.corpus()[4:]], then=link.update)
    return path


def run(db: Path, *args: str):
    result = CliRunner().invoke(main, [*args, "--db", str(db)])
    return result


def test_entities_lists_one_row_per_person(db: Path) -> None:
    result = run(db, "entities", "--type", "person")
    assert result.exit_code == 0, result.output
    lines = [line for line in result.output.splitlines() if "Hillary Clinton" in line]
    assert len(lines) == 1 and "PERSON" in lines[0]


def test_entity_name_shows_aliases_and_records(db: Path) -> None:
    result = run(db, "entity", "Mrs. Clinton")
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Hillary Clinton (PERSON")
    assert "Hillary Rodham Clinton" in result.output
    trump = run(db, "entity", "Donald Trump")
    assert "stances (1)" in trump.output and "commitments (1)" in trump.output


def test_entity_merge_and_split_are_stored(db: Path) -> None:
    assert run(db, "entity", "merge", "Hillary Clinton", "Chelsea Clinton").exit_code == 0
    assert run(db, "entity", "split", "Donald Trump", "Trump").exit_code == 0
    with Ledger.open(db) as ledger:
        assert [d[0] for d in overrides.decisions(ledger)] == ["merge", "split"]
        names = {c.name for c in ledger.entity_clusters()}
    assert "Chelsea Clinton" not in names and "Trump" in names


@pytest.mark.parametrize("args", [("entity", "Nobody"), ("entity", "merge", "Nobody", "Hillary Clinton"),
                                  ("timeline", "--story", "story-none")])
def test_unknown_names_are_one_line_errors(db: Path, args: tuple[str, ...]) -> None:
    result = run(db, *args)
    assert result.exit_code == 1
    assert "Traceback" not in result.output and "Error:" in result.output


def test_stories_timeline_and_changes(db: Path) -> None:
    stories = run(db, "stories", "--min-articles", "1")
    assert stories.exit_code == 0 and "Stories with at least 1 articles (" in stories.output
    timeline = run(db, "timeline", "--entity", "Donald Trump", "--as-of", "2016-11-02")
    assert timeline.exit_code == 0 and "OVERDUE" in timeline.output
    changes = run(db, "changes", "--since", "2016-10-01", "--as-of", "2016-11-02")
    assert changes.exit_code == 0, changes.output
    assert "commitments due since 2016-10-01, overdue as of 2016-11-02 (1)" in changes.output
    assert run(db, "changes", "--since", "Tuesday").exit_code == 2


def test_relink_keeps_the_clusters(db: Path) -> None:
    before = run(db, "entities").output
    assert run(db, "relink").exit_code == 0
    assert run(db, "entities").output == before


def test_relink_uses_the_link_settings_of_the_config_file(db: Path, tmp_path: Path) -> None:
    config = tmp_path / "link.toml"
    config.write_text("[link]\nstory_threshold = 1.01\n", encoding="utf-8")
    with Ledger.open(db) as ledger:
        before = len(ledger.stories())
    result = CliRunner().invoke(main, ["--config", str(config), "relink", "--db", str(db)])
    assert result.exit_code == 0, result.output
    with Ledger.open(db) as ledger:
        assert len(ledger.stories()) == ledger.counts()["articles"] > before


def test_ingest_links_the_reference_article(tmp_path: Path) -> None:
    """Golden: ingesting the Sky News reference links it in the same call — one Donald
    Trump with his short forms, one story holding the article, exported."""
    from tests.conftest import REFERENCE_TEXT

    db = tmp_path / "ref.db"
    args = ["ingest", str(REFERENCE_TEXT), "--db", str(db), "--published", "2025-08-19", "--outlet", "Sky News"]
    assert CliRunner().invoke(main, args).exit_code == 0
    with Ledger.open(db) as ledger:
        trump = [c for c in ledger.entity_clusters() if c.name == "Donald Trump"]
        assert len(trump) == 1 and trump[0].type == "PERSON"
        assert "Mr Trump" in trump[0].aliases
        (story,) = ledger.stories()
        assert story.start == story.end == "2025-08-19"
        assert story.article_ids == tuple(a.id for a in ledger.articles())
        assert "Donald Trump" in story.actors
