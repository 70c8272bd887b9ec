"""Reading inputs: every format, every kind of bad input, overrides, stdin, directories."""

from __future__ import annotations

import gzip
import io
import json
import logging
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsledger.ingest import IngestError, Overrides, read_inputs
from newsledger.ingest.fetch import Fetched, Fetcher
from newsledger.ingest.metadata import article_id
from newsledger.ingest.sources import file_format, sniff
from newsledger.records import Document
from newsledger.settings import IngestSettings
from tests.conftest import REFERENCE_TEXT

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
REFERENCE = REFERENCE_TEXT


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every HTTP fetch fails, as it does offline; the list records what was tried."""
    tried: list[str] = []

    def refuse(self: Fetcher, url: str) -> Fetched:
        tried.append(url)
        raise IngestError(url, "network disabled in tests")

    monkeypatch.setattr(Fetcher, "page", refuse)
    return tried


def read(
    *paths: str | Path, overrides: Overrides = Overrides(), stdin=None
) -> list[Document | IngestError]:
    return list(read_inputs([str(p) for p in paths], overrides, stdin=stdin))


def one(*paths: str | Path, **kwargs) -> Document:
    [item] = read(*paths, **kwargs)
    assert isinstance(item, Document), item
    return item


# --- plain text ---------------------------------------------------------------------------


def test_reference_text(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING):
        document = one(REFERENCE)
    article = document.article
    assert article.source == str(REFERENCE)
    assert article.language == "en"
    assert article.published is None
    assert "no publication date; times will stay unanchored" in caplog.text
    assert str(REFERENCE) in caplog.text
    assert article.original == REFERENCE.read_text(encoding="utf-8")
    assert len(article.noise) == 11 and len(article.headings) == 2
    assert article.id == article_id(article.original)


def test_overrides_win_and_silence_the_date_warning(
    caplog: pytest.LogCaptureFixture,
) -> None:
    overrides = Overrides(
        published="2025-08-19", outlet="Sky News", url="https://news.sky.com/x"
    )
    with caplog.at_level(logging.WARNING):
        article = one(REFERENCE, overrides=overrides).article
    assert (article.published, article.outlet, article.url) == (
        "2025-08-19",
        "Sky News",
        "https://news.sky.com/x",
    )
    assert "no publication date" not in caplog.text


def test_id_is_stable_under_whitespace(tmp_path: Path) -> None:
    text = REFERENCE.read_text(encoding="utf-8")
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    (tmp_path / "b.txt").write_text(
        text.replace("\n\n", "\n \n\n") + "\n\n", encoding="utf-8"
    )
    first, second = read(tmp_path / "a.txt", tmp_path / "b.txt")
    assert first.article.id == second.article.id
    assert len(first.article.id) == 16


@pytest.mark.parametrize(
    "name,expected",
    [
        ("cp1252.txt", "Le président a déclaré mardi"),
        ("bom.txt", "The minister said"),
        ("utf16.txt", "The minister said"),
    ],
)
def test_encodings(name: str, expected: str) -> None:
    text = one(FIXTURES / name).article.text
    assert text.startswith(expected)
    assert "\ufeff" not in text


def test_unknown_extension_read_as_text(tmp_path: Path) -> None:
    path = tmp_path / "story.article"
    path.write_text(
        "The minister resigned on Tuesday, officials said.", encoding="utf-8"
    )
    assert one(path).article.text == "The minister resigned on Tuesday, officials said."


# --- HTML ------------------------------------------------------------------------------------


def test_html_page_metadata_and_paragraphs() -> None:
    article = one(FIXTURES / "article.html").article
    assert article.title == "Allies weigh air support for Ukraine deal"
    assert article.outlet == "Example News"
    assert article.author == "Jane Smith"
    assert article.url == "https://news.example.com/world/allies-air-support"
    assert article.published == "2025-08-19"
    assert article.language == "en"
    assert article.headings == ("Summit venues",)
    assert "Read more: Five key takeaways from the White House talks" in article.noise
    paragraphs = article.text.split("\n\n")
    assert paragraphs[0].startswith("European allies are weighing")
    assert (
        "Like the US, Italy is opposed to putting troops on the ground in Ukraine, diplomats said."
        in paragraphs
    )
    assert (
        "“We’re going to find out about President Putin in the next couple of weeks,” the president said."
        in paragraphs
    )
    for furniture in (
        "Home",
        "Most read",
        "Storm hits coast",
        "All rights reserved",
        "Pic: Reuters",
    ):
        assert furniture not in article.text


def test_gzipped_html(tmp_path: Path) -> None:
    path = tmp_path / "page.html.gz"
    path.write_bytes(gzip.compress((FIXTURES / "article.html").read_bytes()))
    assert one(path).article.title == "Allies weigh air support for Ukraine deal"


# --- feeds -------------------------------------------------------------------------------------


def test_rss_entries(no_network: list[str]) -> None:
    first, second, third = read(FIXTURES / "feed.rss")
    # 1: a relative link to a local page: the page's text, the entry's metadata.
    assert first.article.source == f"{FIXTURES / 'feed.rss'}#1"
    assert first.article.text.startswith("European allies are weighing")
    assert first.article.outlet == "Example News - World"
    assert first.article.author == "Jane Smith"
    assert first.article.published == "2025-08-19T10:14:00+01:00"
    assert first.article.url == "https://news.example.com/world/allies-air-support"
    # 2: an unreachable web link: quietly the entry's description.
    assert second.article.text.startswith("The Kremlin is weighing Geneva")
    assert "\n\n“No decision has been taken,” a spokesman said." in second.article.text
    assert second.article.url == "https://news.example.invalid/world/kremlin-venues"
    # 3: nothing to read at all.
    assert isinstance(third, IngestError) and third.source.endswith("feed.rss#3")
    # the host that failed once is not tried again for entry 3
    assert no_network == ["https://news.example.invalid/world/kremlin-venues"]


def test_rss_file_url_link(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    shutil.copy(FIXTURES / "article.html", page)
    feed = (
        (FIXTURES / "feed.rss")
        .read_text(encoding="utf-8")
        .replace("<link>article.html", f"<link>{page.as_uri()}")
    )
    (tmp_path / "feed.xml").write_text(feed, encoding="utf-8")
    first = read(tmp_path / "feed.xml")[0]
    assert first.article.text.startswith("European allies are weighing")


def test_rss_fetches_web_pages_when_reachable(monkeypatch: pytest.MonkeyPatch) -> None:
    page = (FIXTURES / "article.html").read_bytes()
    monkeypatch.setattr(
        Fetcher, "page", lambda self, url: Fetched(url, page, 200, {}, "2025-08-19T10:00:00+00:00")
    )
    second = read(FIXTURES / "feed.rss")[1]
    assert second.article.text.startswith("European allies are weighing")
    assert (
        second.article.title == "Kremlin weighs summit venues"
    )  # the entry's title wins


def test_atom_entry_content_is_cleaned() -> None:
    article = one(FIXTURES / "feed.atom").article
    assert article.title == "Drone attack hits Ukraine overnight"
    assert article.outlet == "Example Wire"
    assert article.author == "John Doe"
    assert article.published == "2025-08-19T06:30:00+00:00"
    assert article.noise == (
        "Please use Chrome browser for a more accessible video player",
    )
    assert article.text.endswith("Air defences shot down most of them, officials said.")


def test_truncated_feed_reads_what_it_can(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING):
        [item] = read(FIXTURES / "truncated.rss")
    assert "malformed feed" in caplog.text
    assert isinstance(item, IngestError)  # its one entry was cut before any text


# --- WARC -----------------------------------------------------------------------------------------


def test_warc_html_responses_only(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING):
        first, second = read(FIXTURES / "archive.warc.gz")
    assert first.article.url == "https://news.example.com/world/allies-air-support"
    assert first.article.published == "2025-08-19"  # the page's own date wins
    assert first.article.source.endswith("archive.warc.gz#1")
    assert second.article.url == "https://news.example.com/world/undated"
    assert (
        second.article.published == "2025-08-20T08:00:00+00:00"
    )  # WARC-Date as fallback
    assert "no publication date" not in caplog.text


def test_uncompressed_warc_and_sniffing(tmp_path: Path) -> None:
    raw = gzip.decompress((FIXTURES / "archive.warc.gz").read_bytes())
    (tmp_path / "archive.warc").write_bytes(raw)
    (tmp_path / "archive.bin").write_bytes(raw)
    assert len(read(tmp_path / "archive.warc")) == 2
    assert len(read(tmp_path / "archive.bin")) == 2


# --- JSONL ---------------------------------------------------------------------------------------------


def test_jsonl_lines() -> None:
    items = read(FIXTURES / "articles.jsonl")
    by_source = {
        item.source if isinstance(item, IngestError) else item.article.source: item
        for item in items
    }
    name = str(FIXTURES / "articles.jsonl")
    first = by_source[f"{name}:1"].article
    assert first.id == "custom-1"
    assert (first.title, first.outlet, first.published) == (
        "Rome conference",
        "Example Wire",
        "2025-08-19",
    )
    assert first.headings == ("Funding gap",)
    assert by_source[f"{name}:2"].article.published == "2025-08-20"
    assert "invalid JSON" in str(by_source[f"{name}:3"])
    assert "expected a JSON object" in str(by_source[f"{name}:4"])
    assert "no 'text' or 'html'" in str(by_source[f"{name}:5"])
    assert "bad 'published' value" in str(by_source[f"{name}:6"])
    html_entry = by_source[f"{name}:8"].article
    assert (
        html_entry.text
        == "The Kremlin said on Tuesday that no decision had been taken on a venue for the talks."
    )
    assert html_entry.published == "2025-08-19T12:00:00+00:00"
    assert len(items) == 7  # the blank line 7 is skipped


# --- bad inputs: one clear line each, and the other inputs still read ------------------------------------


@pytest.mark.parametrize(
    "name,message",
    [
        ("missing.txt", "no such file or directory"),
        ("empty.txt", "empty file"),
        ("binary.bin", "binary file"),
        ("undecodable.dat", "undecodable"),
        ("no_body.html", "no article body found"),
        ("malformed.xml", "malformed feed"),
        ("broken.warc", "malformed WARC"),
    ],
)
def test_bad_input_gives_one_line_error_and_reading_goes_on(
    name: str, message: str
) -> None:
    bad, good = read(FIXTURES / name, REFERENCE)
    assert isinstance(bad, IngestError)
    assert bad.source == str(FIXTURES / name)
    assert message in str(bad)
    assert "\n" not in str(bad) and str(bad).startswith(str(FIXTURES / name))
    assert isinstance(good, Document)


# --- settings: a non-default IngestSettings takes effect through read_inputs ------------------------


@pytest.mark.parametrize("name", ["article.html", "archive.warc.gz"])
def test_min_body_words_setting(name: str) -> None:
    [too_short] = read(FIXTURES / "no_body.html")
    assert all(isinstance(item, Document) for item in read(FIXTURES / name))
    strict = IngestSettings(min_body_words=1000)
    items = list(read_inputs([str(FIXTURES / name)], settings=strict))
    assert items and all(isinstance(item, IngestError) for item in items)
    assert {item.reason for item in items} == {too_short.reason}


def test_language_min_words_setting() -> None:
    assert one(REFERENCE).article.language == "en"
    strict = IngestSettings(language_min_words=1_000_000)
    [document] = read_inputs([str(REFERENCE)], settings=strict)
    assert isinstance(document, Document)
    assert document.article.language is None


def test_fetch_settings_reach_the_feed_reader(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[IngestSettings] = []

    def fetch(self: Fetcher, url: str) -> Fetched:
        seen.append(self.settings)
        raise IngestError(url, "network disabled in tests")

    monkeypatch.setattr(Fetcher, "page", fetch)
    quick = IngestSettings(fetch_timeout=0.5, max_page_bytes=1000)
    list(read_inputs([str(FIXTURES / "feed.rss")], settings=quick))
    # feed entries are fetched with the short feed-entry timeout
    assert seen and all(s.url_timeout == 0.5 and s.max_page_bytes == 1000 for s in seen)


def test_whitespace_only_file(tmp_path: Path) -> None:
    path = tmp_path / "blank.txt"
    path.write_text("  \n\n \t\n", encoding="utf-8")
    [error] = read(path)
    assert isinstance(error, IngestError) and "empty file" in str(error)


def test_all_furniture_file(tmp_path: Path) -> None:
    path = tmp_path / "furniture.txt"
    path.write_text("Share\n\n4:14\n\nAdvertisement\n", encoding="utf-8")
    [error] = read(path)
    assert isinstance(error, IngestError) and "no article text left" in str(error)


# --- directories and stdin ---------------------------------------------------------------------------------


def test_directory_recursive_sorted_skipping_hidden(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / ".hidden").mkdir()
    shutil.copy(REFERENCE, tmp_path / "b" / "z.txt")
    shutil.copy(FIXTURES / "article.html", tmp_path / "a.html")
    shutil.copy(REFERENCE, tmp_path / ".secret.txt")
    shutil.copy(REFERENCE, tmp_path / ".hidden" / "x.txt")
    (tmp_path / "b" / "empty.txt").write_bytes(b"")
    items = read(tmp_path)
    sources = [
        i.source if isinstance(i, IngestError) else i.article.source for i in items
    ]
    assert sources == [
        str(tmp_path / "a.html"),
        str(tmp_path / "b" / "empty.txt"),
        str(tmp_path / "b" / "z.txt"),
    ]
    assert isinstance(items[1], IngestError)


def test_read_inputs_is_lazy(tmp_path: Path) -> None:
    for i in range(3):
        shutil.copy(REFERENCE, tmp_path / f"{i}.txt")
    iterator = read_inputs([str(tmp_path)])
    first = next(iterator)
    assert isinstance(first, Document) and first.article.source.endswith("0.txt")


@pytest.mark.parametrize(
    "stdin,expected_title",
    [
        (io.StringIO(REFERENCE.read_text(encoding="utf-8")), None),
        (io.BytesIO(REFERENCE.read_bytes()), None),
        (
            io.BytesIO((FIXTURES / "article.html").read_bytes()),
            "Allies weigh air support for Ukraine deal",
        ),
    ],
)
def test_stdin_text_or_html(stdin, expected_title: str | None) -> None:
    article = one("-", stdin=stdin).article
    assert article.source == "-"
    assert article.title == expected_title
    assert article.language == "en"


def test_stdin_jsonl() -> None:
    lines = [
        json.dumps({"text": "The minister resigned on Tuesday, officials said."}),
        "{bad",
    ]
    items = read("-", stdin=io.StringIO("\n".join(lines)))
    assert isinstance(items[0], Document) and items[0].article.source == "-:1"
    assert isinstance(items[1], IngestError) and str(items[1]).startswith(
        "-:2: invalid JSON"
    )


def test_empty_stdin() -> None:
    [error] = read("-", stdin=io.BytesIO(b""))
    assert isinstance(error, IngestError) and str(error) == "-: empty file"


# --- format detection ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name,fmt",
    [
        ("a.txt", "text"), ("a.HTML", "html"), ("a.htm", "html"), ("a.rss", "feed"), ("a.atom", "feed"),
        ("a.xml", "feed"), ("a.warc", "warc"), ("a.warc.gz", "warc"), ("a.jsonl", "jsonl"), ("a.weird", None),
    ],
)  # fmt: skip
def test_file_format(name: str, fmt: str | None) -> None:
    assert file_format(name) == fmt


@pytest.mark.parametrize(
    "data,fmt",
    [
        (b"<?xml version='1.0'?><rss><channel>", "feed"),
        (b'<feed xmlns="http://www.w3.org/2005/Atom">', "feed"),
        (b"<!DOCTYPE html><html><body><p>Hi</p>", "html"),
        (b"  <div><p>Hello</p></div>", "html"),
        (b"WARC/1.0\r\n", "warc"),
        (b'{"text": "hello"}\n{"text": "again"}', "jsonl"),
        (b"Plain words < and > signs.", "text"),
    ],
)
def test_sniff(data: bytes, fmt: str) -> None:
    assert sniff(data) == fmt


def test_jsonl_lone_surrogates_are_replaced(tmp_path: Path) -> None:
    path = tmp_path / "s.jsonl"
    path.write_text('{"text": "The minister said \\ud800 on Tuesday that talks would resume."}\n', encoding="utf-8")
    article = one(path).article
    assert "\ufffd" in article.text
    article.text.encode("utf-8")


# --- never a traceback ----------------------------------------------------------------------------------------

_SEEDS = [
    b"",
    b"WARC/1.0\r\n",
    b"\x1f\x8b\x08\x00",
    b"<rss><channel><item>",
    b"<!DOCTYPE html><html><body><p>",
    b'{"text": ',
    b"The minister said on Tuesday that talks would resume.",
]


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    prefix=st.sampled_from(_SEEDS),
    tail=st.binary(max_size=300),
    suffix=st.sampled_from([".txt", ".html", ".rss", ".warc", ".warc.gz", ".jsonl", ".gz", ".dat"]),
)
def test_any_bytes_give_documents_or_errors(tmp_path: Path, prefix: bytes, tail: bytes, suffix: str) -> None:
    path = tmp_path / f"input{suffix}"
    path.write_bytes(prefix + tail)
    for item in read(path):
        assert isinstance(item, (Document, IngestError))
        if isinstance(item, IngestError):
            assert "\n" not in str(item) and str(item).startswith(str(path))


def test_trafilatura_body_tails_and_nested_lists() -> None:
    # trafilatura sometimes leaves a paragraph as the tail of a <head> (Zyte page 287e4d9f).
    from lxml import etree

    from newsledger.ingest.html import _body_text

    body = etree.fromstring(
        "<body>Lead text.<head rend='h2'>Deal one</head>The price dropped today."
        "<p>A <hi>bold</hi> claim.<lb/>Second line.</p>"
        "<list><item>a</item><item>b<list><item>c</item></list></item></list></body>"
    )
    assert _body_text(body).split("\n\n") == [
        "Lead text.",
        "Deal one",
        "The price dropped today.",
        "A bold claim.\nSecond line.",
        "a\nb\nc",
    ]


@pytest.mark.parametrize(
    "data,message",
    [
        (gzip.compress(b"this is not a WARC record\r\n\r\n"), "malformed WARC"),
        (b"WARC/1.0\r\nWARC-Type: warcinfo\r\nContent-Length: 0\r\n\r\n\r\n\r\n", "no HTML responses"),
    ],
)
def test_warc_without_articles_is_an_error(tmp_path: Path, data: bytes, message: str) -> None:
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(data)
    [error] = read(path)
    assert isinstance(error, IngestError) and message in str(error)
