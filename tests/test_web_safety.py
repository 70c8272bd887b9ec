"""Safety: escaping (an article full of ``<script>``), no path traversal, read-only by
default, loopback Host only, no third-party assets."""

from __future__ import annotations

import html
import json
import re
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from newsledger.store import LedgerError
from newsledger.web import create_app
from tests.web_support import HOSTILE_ID, hostile_ledger, reference_ledger


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    db = hostile_ledger(tmp_path_factory.mktemp("hostile") / "hostile.db")
    with TestClient(create_app(db)) as client:
        yield client


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return reference_ledger(tmp_path_factory.getbasetemp())


#: The hostile article's path: its id percent-encoded, slashes kept (as the pages link it).
ARTICLE = "/articles/" + quote(HOSTILE_ID, safe="/")

PAGES = [ARTICLE, "/", "/quotes?speaker=Mallory", "/quotes?q=fine", "/stances",
         "/timeline?as_of=2026-01-01", "/entities", "/stories"]


@pytest.mark.parametrize("path", PAGES)
def test_article_content_is_escaped(hostile, path):
    response = hostile.get(path)
    assert response.status_code == 200
    html = response.text
    # the only scripts are the app's own and the vendored charting library, from /static;
    # chart specs are JSON data blocks, never run
    for tag in re.findall(r"<script[^>]*>", html):
        assert (re.fullmatch(r'<script src="/static/(app\.js|vendor/vega[-a-z]*(\.min)?\.js)" defer>', tag)
                or re.fullmatch(r'<script type="application/json" id="chart-[a-z]+-spec">', tag)), tag
    for raw in ("<img", "<b>", "<i>", "<drones>", "<issue>", "<attack>", "javascript:"):
        assert raw not in html, f"{raw} reached {path} unescaped"


def test_the_article_view_shows_the_script_as_text(hostile):
    html = hostile.get(ARTICLE).text
    assert "&lt;script&gt;alert(1)&lt;/script&gt; is fine" in html
    assert "&lt;img src=x onerror=alert(2)&gt;" in html
    assert "&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;" in html
    assert "&lt;script&gt;alert(&#39;noise&#39;)&lt;/script&gt;" in html
    assert "Mallory &lt;b&gt;" in html
    assert "javascript:" not in html, "a javascript: URL is never a link"
    assert "<img" not in html and "<b>" not in html


def test_links_to_an_article_with_an_odd_id_work(hostile):
    index = hostile.get("/").text
    hrefs = [html.unescape(h) for h in re.findall(r'href="(/articles/[^"]*)"', index)]
    assert hrefs == [ARTICLE]
    page = hostile.get(hrefs[0])
    assert page.status_code == 200 and "&lt;script&gt;alert(1)" in page.text
    assert hostile.get("/api" + hrefs[0]).json()["articles"][0]["id"] == HOSTILE_ID


def test_entity_page_escapes(hostile):
    entity_id = hostile.get("/api/entities").json()["entities"][0]["id"]
    html = hostile.get(f"/entities/{entity_id}").text
    assert "<b>" not in html and "Mallory &lt;b&gt;" in html


def test_chart_labels_are_escaped(hostile):
    html = hostile.get("/timeline").text
    assert "\\u003cdrones\\u003e" in html and "<drones>" not in html  # tojson escapes < and > in the spec


def test_api_returns_the_text_verbatim_as_json(hostile):
    response = hostile.get("/api" + ARTICLE)
    assert response.headers["content-type"].startswith("application/json")
    assert response.json()["quotes"][0]["text"] == "<script>alert(1)</script> is fine"


@pytest.mark.parametrize(
    "path",
    [
        "/static/../../../../etc/passwd",
        "/static/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "/static/..%2f..%2f..%2f..%2fetc%2fpasswd",
        "/static/....//....//etc/passwd",
        "/static//etc/passwd",
        "/static/%2fetc%2fpasswd",
        "/static/../app.py",
        "/static/%2e%2e/app.py",
        "/articles/..%2f..%2f..%2fetc%2fpasswd",
        "/articles/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
        "/entities/..%2F..%2Fetc%2Fpasswd",
        "/stories/..%5c..%5cetc%5cpasswd",
        "/api/articles/..%2f..%2fetc%2fpasswd",
        "/api/quotes?article_id=../../etc/passwd",
        "/timeline?story=../../etc/passwd",
        "/quotes?speaker=../../etc/passwd&outlet=/etc/passwd",
    ],
)
def test_no_path_traversal(hostile, path):
    response = hostile.get(path)
    assert response.status_code in (200, 404)
    assert "root:" not in response.text
    assert "def create_app" not in response.text


def test_static_files_are_served(hostile):
    assert "addEventListener" in hostile.get("/static/app.js").text


def test_read_only_by_default(hostile):
    for path in ("/api/entities/merge", "/api/entities/split"):
        assert hostile.post(path, json={"target": "a", "other": "b", "member": "b"}).status_code in (404, 405)
    for method in ("post", "put", "delete", "patch"):
        assert getattr(hostile, method)("/api" + ARTICLE).status_code == 405


def test_writes_only_with_the_flag(db, tmp_path):
    import shutil

    copy = tmp_path / "copy.db"
    shutil.copy(db, copy)
    with TestClient(create_app(copy, allow_writes=True, write_token="s3cret")) as client:
        schema = client.get("/openapi.json").json()
        assert "post" in schema["paths"]["/api/entities/merge"]
        response = client.post("/api/entities/merge", json={"target": "Donald Trump", "other": "Karoline Leavitt"},
                               headers={"X-Newsledger-Token": "s3cret"})
        assert response.status_code == 200, response.text
        assert "read-write" in client.get("/").text


MERGE = {"target": "Donald Trump", "other": "Karoline Leavitt"}


@pytest.mark.parametrize(
    ("headers", "status"),
    [
        ({}, 403),  # no token: a local process or page cannot write
        ({"X-Newsledger-Token": "wrong"}, 403),
        ({"X-Newsledger-Token": "s3cret", "Origin": "http://evil.example"}, 403),
        ({"X-Newsledger-Token": "s3cret", "Origin": "http://testserver.evil.example"}, 403),
        ({"Origin": "http://testserver"}, 403),  # same origin, still the token
        ({"X-Newsledger-Token": "s3cret", "Origin": "http://testserver"}, 200),
        ({"X-Newsledger-Token": "s3cret"}, 200),  # curl, with the token
    ],
)
def test_writes_need_the_token_and_this_origin(db, tmp_path, headers, status):
    import shutil

    from newsledger.link import Ledger

    copy = tmp_path / "copy.db"
    shutil.copy(db, copy)
    with Ledger.open(copy) as ledger:
        before = ledger.entity_clusters()
    with TestClient(create_app(copy, allow_writes=True, write_token="s3cret")) as client:
        response = client.post("/api/entities/merge", json=MERGE, headers=headers)
        assert response.status_code == status, response.text
        if status == 403:
            assert len(response.json()["detail"].splitlines()) == 1
    with Ledger.open(copy) as ledger:
        assert (ledger.entity_clusters() == before) is (status == 403)


def test_each_app_gets_its_own_random_token(db):
    one, two = create_app(db, allow_writes=True), create_app(db, allow_writes=True)
    assert len(one.state.write_token) >= 32 and one.state.write_token != two.state.write_token
    assert create_app(db).state.write_token is None


def test_foreign_host_header_is_refused(hostile):
    assert hostile.get("/", headers={"host": "evil.example"}).status_code == 400
    assert hostile.get("/", headers={"host": "127.0.0.1:8000"}).status_code == 200


def test_security_headers_and_local_assets(hostile):
    response = hostile.get(ARTICLE)
    policy = response.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "default-src 'none'" in policy
    assert response.headers["x-content-type-options"] == "nosniff"
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", response.text), "no CDN, no external fonts"
    css = hostile.get("/static/app.css").text + hostile.get("/palette.css").text
    assert "@import" not in css and "url(" not in css


def test_no_docs_pages_loading_a_cdn(hostile):
    docs = hostile.get("/docs")  # our own page, from the OpenAPI schema: no Swagger UI from a CDN
    assert docs.status_code == 200 and "/api/quotes" in docs.text and "/openapi.json" in docs.text
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", docs.text)
    assert hostile.get("/redoc").status_code == 404


def test_missing_ledger_is_an_error_not_a_new_file(tmp_path):
    with pytest.raises(LedgerError, match="no ledger here"):
        create_app(tmp_path / "missing.db")
    assert not (tmp_path / "missing.db").exists()


# -- search that forgives, and its limits (issues 18, 21) ------------------------------------


@pytest.fixture(scope="module")
def searched(tmp_path_factory):
    """A ledger of one real article quoting "Putin's demands" and "the e-mail"."""
    from click.testing import CliRunner

    from newsledger.cli import main
    from tests.conftest import ROOT

    db = str(tmp_path_factory.mktemp("search") / "search.db")
    article = ROOT / "tests" / "fixtures" / "reliability" / "search.txt"
    result = CliRunner().invoke(main, ["ingest", str(article), "--published", "2025-08-20", "--db", db, "-q"])
    assert result.exit_code == 0, result.output
    return db


@pytest.mark.parametrize(("query", "words"), [("e-mail", "answered the e-mail"), ("Putin's", "Putin's demands")])
def test_user_text_finds_its_quote_in_cli_web_and_api(searched, query, words):
    from click.testing import CliRunner

    from newsledger.cli import main

    shown = CliRunner().invoke(main, ["quotes", "--search", query, "--db", searched, "--format", "jsonl"])
    assert shown.exit_code == 0 and [words in json.loads(line)["text"] for line in shown.output.splitlines()] == [True]
    with TestClient(create_app(searched)) as client:
        api = client.get("/api/quotes", params={"q": query})
        assert api.status_code == 200 and [words in q["text"] for q in api.json()["quotes"]] == [True]
        assert len(client.get("/api/articles", params={"q": query}).json()["articles"]) == 1
        page = client.get("/quotes", params={"q": query})
        assert page.status_code == 200 and words in html.unescape(re.sub(r"<[^>]+>", "", page.text))


def test_raw_search_takes_fts_syntax_and_says_when_it_is_wrong(searched):
    from click.testing import CliRunner

    from newsledger.cli import main

    shown = CliRunner().invoke(main, ["quotes", "--raw", "--search", "answer* NOT kremlin", "--db", searched])
    assert shown.exit_code == 0 and "e-mail" in shown.output
    wrong = CliRunner().invoke(main, ["quotes", "--raw", "--search", "Putin's", "--db", searched])
    assert wrong.exit_code == 1 and "bad search query" in wrong.output and len(wrong.output.splitlines()) == 1
    with TestClient(create_app(searched)) as client:
        assert client.get("/api/quotes", params={"q": "answer*", "raw": 1}).json()["quotes"]
        assert client.get("/api/quotes", params={"q": "Putin's", "raw": 1}).status_code == 400


def test_a_5000_word_query_is_refused_fast_and_the_server_answers_next(searched):
    import time

    query = " ".join(["ceasefire"] * 5_000)
    with TestClient(create_app(searched)) as client:
        for path in ("/api/articles", "/api/quotes", "/quotes"):
            started = time.perf_counter()
            response = client.get(path, params={"q": query})
            assert time.perf_counter() - started < 2, path
            assert response.status_code == 400 and "too long" in response.text
            assert len(response.text) < 5_000  # the query is not echoed back
            started = time.perf_counter()
            assert client.get("/api/quotes", params={"q": "e-mail"}).json()["quotes"]
            assert time.perf_counter() - started < 1


def test_a_client_that_goes_away_cancels_its_search(searched, monkeypatch):
    """The middleware's event reaches the request's ledger, which asks it while a query
    runs: a search whose client left stops (here one that would run 10 s otherwise)."""
    import asyncio
    import time

    from newsledger.link import Ledger

    waited = {}

    def slow_search(self, query, *, raw=False, cancelled=None):
        started = time.perf_counter()
        while not (self.cancelled and self.cancelled()) and time.perf_counter() - started < 10:
            time.sleep(0.01)
        waited["seconds"] = time.perf_counter() - started
        return []

    monkeypatch.setattr(Ledger, "search_articles", slow_search)
    app = create_app(searched)
    scope = {"type": "http", "http_version": "1.1", "method": "GET", "scheme": "http", "path": "/api/articles",
             "raw_path": b"/api/articles", "query_string": b"q=talks", "root_path": "",
             "headers": [(b"host", b"testserver")], "client": ("127.0.0.1", 1), "server": ("testserver", 80)}

    async def exchange() -> None:
        messages = [{"type": "http.request", "body": b"", "more_body": False}]

        async def receive():
            if messages:
                return messages.pop()
            await asyncio.sleep(0.2)  # the client closes the tab
            return {"type": "http.disconnect"}

        async def send(message):
            return None

        await app(scope, receive, send)

    asyncio.run(exchange())
    assert waited["seconds"] < 2


@pytest.mark.parametrize("params", [{"since": "x" * 10_000}, {"q": "y " * 5_000}, {"q": '"' + "z" * 10_000, "raw": 1}])
def test_a_400_does_not_echo_a_long_parameter(searched, params):
    with TestClient(create_app(searched)) as client:
        response = client.get("/api/quotes", params=params)
        assert response.status_code == 400 and len(response.text) < 400, response.text[:200]
