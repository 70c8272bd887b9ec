"""``newsledger watch``: new entries only, conditional polls, seen ids in the ledger,
against a local server on 127.0.0.1."""

from __future__ import annotations

import os

import pytest
from click.testing import CliRunner

from newsledger.cli import main
from newsledger.link import Ledger
from newsledger.link.feeds import feed_state, seen_entries
from newsledger.settings import Settings
from newsledger.watch import parse_interval, poll
from tests import pg_support
from tests.http_support import ARTICLE, LOCAL, Route, feed, serving

SETTINGS = Settings(ingest=LOCAL)
THIRD = """<item><guid>tag:local,2025:3</guid><title>Talks resume in Geneva</title>
<link>http://HOST/third.html</link><pubDate>Wed, 20 Aug 2025 09:00:00 +0000</pubDate>
<description>&lt;p&gt;Negotiators from both sides returned to Geneva on Wednesday for a second round of talks on a ceasefire, diplomats said.&lt;/p&gt;</description></item>"""


def as_read(documents):
    """An engine that stores documents as read (no spaCy: these tests are about feeds)."""
    for document in documents:
        yield document.evolve()


@pytest.fixture
def site():
    with serving() as site:
        site.routes["/article.html"] = Route(ARTICLE.read_bytes())
        site.routes["/feed.rss"] = Route(feed(site), "application/rss+xml", etag='"v1"')
        yield site


def test_second_poll_is_conditional_and_ingests_new_entries_only(site) -> None:
    url = site.url("/feed.rss")
    with Ledger.open(":memory:") as ledger:
        [first] = poll(ledger, [url], settings=SETTINGS, annotate=as_read)
        assert first.line() == f"{url}: 2 new entries: 2 new, 0 duplicate"
        assert seen_entries(ledger, url) == {"tag:local,2025:1", "tag:local,2025:2"}
        assert feed_state(ledger, url).etag == '"v1"'

        [second] = poll(ledger, [url], settings=SETTINGS, annotate=as_read)
        assert second.line() == f"{url}: unchanged"
        assert site.requests[-1] == ("/feed.rss", '"v1"')  # sent the ETag, got a 304

        site.routes["/feed.rss"] = Route(feed(site, THIRD.replace("http://HOST", site.base)),
                                         "application/rss+xml", etag='"v2"')
        fetched_before = [path for path, _ in site.requests].count("/article.html")
        [third] = poll(ledger, [url], settings=SETTINGS, annotate=as_read)
        assert third.line() == f"{url}: 1 new entry: 1 new, 0 duplicate"
        # the entries seen before were not read again
        assert [path for path, _ in site.requests].count("/article.html") == fetched_before
        titles = sorted(a.title for a in ledger.articles())
        assert titles == ["Allies weigh air support for Ukraine deal", "Kremlin weighs summit venues",
                          "Talks resume in Geneva"]


def test_a_feed_that_fails_is_one_line_and_the_others_go_on(site) -> None:
    lines: list[str] = []
    missing, good = site.url("/nope.rss"), site.url("/feed.rss")
    with Ledger.open(":memory:") as ledger:
        results = poll(ledger, [missing, good], settings=SETTINGS, annotate=as_read, on_failure=lines.append)
        assert lines == [f"{missing}: HTTP 404"]
        assert [r.status for r in results] == ["failed", "polled"]
        assert len(ledger.articles()) == 2


@pytest.mark.parametrize("text,seconds", [("15m", 900.0), ("1h", 3600.0), ("90s", 90.0), ("2h30m", 9000.0)])
def test_parse_interval(text: str, seconds: float) -> None:
    assert parse_interval(text) == seconds


@pytest.mark.parametrize("text", ["", "15", "m", "0m", "15 minutes"])
def test_bad_interval(text: str) -> None:
    with pytest.raises(ValueError):
        parse_interval(text)


def _config(tmp_path) -> str:
    path = tmp_path / "local.toml"
    path.write_text("[ingest]\nfetch_private_hosts = true\nfetch_delay = 0.0\nurl_timeout = 1.0\n"
                    "fetch_timeout = 1.0\n", encoding="utf-8")
    return str(path)


def test_cli_watch_once_then_unchanged(site, tmp_path) -> None:
    db, url = str(tmp_path / "l.db"), site.url("/feed.rss")
    runner = CliRunner()
    first = runner.invoke(main, ["--config", _config(tmp_path), "watch", url, "--once", "--db", db])
    assert first.exit_code == 0, first.output
    assert f"{url}: 2 new entries: 2 new, 0 duplicate" in first.output
    again = runner.invoke(main, ["--config", _config(tmp_path), "watch", url, "--once", "--db", db])
    assert again.exit_code == 0 and f"{url}: unchanged" in again.output


def test_cli_ingest_urls_from_a_list(site, tmp_path) -> None:
    listing = tmp_path / "urls.txt"
    listing.write_text(f"# saved pages\n{site.url('/gone.html')}\n\n{site.url('/article.html')}\n",
                       encoding="utf-8")
    db = str(tmp_path / "l.db")
    result = CliRunner().invoke(main, ["--config", _config(tmp_path), "ingest", "-i", str(listing), "--db", db])
    assert result.exit_code == 1  # one input failed
    assert f"error: {site.url('/gone.html')}: HTTP 404" in result.output
    assert "1 new, 0 duplicate, 1 failed" in result.output
    with Ledger.open(db) as ledger:
        [article] = ledger.articles()
        assert article.source == site.url("/article.html") and article.fetched and article.language == "en"


@pytest.fixture(scope="module")
def pg_admin():
    try:
        with pg_support.server() as url:
            yield url
    except RuntimeError as exc:
        if os.environ.get(pg_support.REQUIRED):
            pytest.fail(f"no PostgreSQL server: {exc}")
        pytest.skip(f"no PostgreSQL server: {exc}")


def test_feed_state_on_postgres(site, pg_admin) -> None:
    url = site.url("/feed.rss")
    with Ledger.open(pg_support.fresh_database(pg_admin)) as ledger:
        [first] = poll(ledger, [url], settings=SETTINGS, annotate=as_read)
        [second] = poll(ledger, [url], settings=SETTINGS, annotate=as_read)
        assert (first.entries, second.status) == (2, "unchanged")
        assert seen_entries(ledger, url) == {"tag:local,2025:1", "tag:local,2025:2"}
        assert {a.language for a in ledger.articles()} == {"en"}


def test_a_feed_that_times_out_is_one_line(site) -> None:
    lines: list[str] = []
    site.routes["/slow.rss"] = Route(feed(site), "application/rss+xml", delay=3.0)
    slow = site.url("/slow.rss")
    with Ledger.open(":memory:") as ledger:
        results = poll(ledger, [slow, site.url("/feed.rss")], settings=SETTINGS, annotate=as_read,
                       on_failure=lines.append)
    assert lines == [f"{slow}: timed out after 1 s"]
    assert [r.status for r in results] == ["failed", "polled"]
