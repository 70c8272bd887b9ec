"""URLs as inputs, against a local server on 127.0.0.1 (no test reaches the internet):
the page, its URL and fetch date; a 404 and a timeout as one line each, the other
inputs going on; feeds by URL; the per-host delay; languages."""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import pytest

from newsledger.ingest import IngestError, read_inputs
from newsledger.ingest.fetch import Fetcher, is_url
from newsledger.records import Document
from newsledger.settings import IngestSettings
from tests.http_support import ARTICLE, LOCAL, WEB, Route, feed, serving


@pytest.fixture
def site():
    with serving() as site:
        site.routes["/article.html"] = Route(ARTICLE.read_bytes())
        site.routes["/noticia.html"] = Route((WEB / "noticia-pt.html").read_bytes())
        site.routes["/slow.html"] = Route(ARTICLE.read_bytes(), delay=3.0)
        site.routes["/feed.rss"] = Route(feed(site), "application/rss+xml")
        yield site


def read(*paths: str, settings: IngestSettings = LOCAL) -> list[Document | IngestError]:
    return list(read_inputs(list(paths), settings=settings))


def test_a_url_is_fetched_with_its_url_and_fetch_date(site) -> None:
    [document] = read(site.url("/article.html"))
    article = document.article
    assert article.text.startswith("European allies are weighing")
    assert article.source == site.url("/article.html")
    assert article.url == "https://news.example.com/world/allies-air-support"  # the page's canonical URL
    assert datetime.fromisoformat(article.fetched).tzinfo is not None
    assert article.language == "en"


def test_a_404_is_one_line_naming_the_url_and_the_others_go_on(site) -> None:
    missing, document = read(site.url("/gone.html"), site.url("/article.html"))
    assert isinstance(missing, IngestError)
    assert str(missing) == f"{site.url('/gone.html')}: HTTP 404"
    assert isinstance(document, Document)


def test_a_timeout_is_one_line_naming_the_url_and_the_others_go_on(site) -> None:
    slow, document = read(site.url("/slow.html"), site.url("/article.html"))
    assert isinstance(slow, IngestError)
    assert str(slow).startswith(site.url("/slow.html") + ": timed out")
    assert "\n" not in str(slow)
    assert isinstance(document, Document)


def test_private_addresses_are_refused_unless_allowed(site) -> None:
    [error] = read(site.url("/article.html"), settings=IngestSettings(fetch_delay=0.0))
    assert isinstance(error, IngestError) and "private address" in str(error)


def test_a_feed_url_gives_its_entries(site) -> None:
    first, second = read(site.url("/feed.rss"))
    assert first.article.title == "Allies weigh air support for Ukraine deal"
    assert first.article.text.startswith("European allies are weighing")  # the linked page
    assert first.article.fetched is not None
    # the second entry's page is missing: its summary is used, quietly
    assert second.article.text.startswith("The Kremlin is weighing Geneva")


def test_a_portuguese_page_is_skipped_with_one_warning(site, caplog) -> None:
    caplog.set_level(logging.WARNING, logger="newsledger")
    assert read(site.url("/noticia.html")) == []
    warnings = [r.getMessage() for r in caplog.records if "skipped" in r.getMessage()]
    assert warnings == [f"{site.url('/noticia.html')}: language pt, not en: skipped (--lang any keeps it)"]


def test_a_portuguese_page_is_kept_with_lang_any(site) -> None:
    [document] = read(site.url("/noticia.html"), settings=replace(LOCAL, languages="any"))
    assert document.article.language == "pt"
    assert document.article.text.startswith("O governo estadual anunciou")


def test_a_text_file_of_urls_is_not_an_article(tmp_path: Path) -> None:
    listing = tmp_path / "urls.txt"
    listing.write_text("https://example.org/a\nhttps://example.org/b\n", encoding="utf-8")
    [error] = read(str(listing))
    assert isinstance(error, IngestError) and "give it with -i" in str(error)


@pytest.mark.parametrize(
    "path,expected",
    [("https://x.org/a", True), ("http://x.org", True), ("page.html", False), ("-", False),
     ("file:///tmp/a.html", False)],
)
def test_is_url(path: str, expected: bool) -> None:
    assert is_url(path) is expected


class FakeClock:
    def __init__(self) -> None:
        self.now, self.slept = 100.0, []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


def test_requests_to_one_host_are_spaced_by_the_delay(site) -> None:
    clock = FakeClock()
    fetcher = Fetcher(replace(LOCAL, fetch_delay=2.0), clock=clock, sleep=clock.sleep)
    fetcher.page(site.url("/article.html"))
    clock.now += 0.5
    fetcher.page(site.url("/article.html"))
    assert clock.slept == [1.5]
    other = site.url("/article.html").replace("127.0.0.1", "localhost")
    fetcher.page(other)  # another host: no wait
    assert clock.slept == [1.5]
