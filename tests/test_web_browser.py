"""End to end: the real server under uvicorn, driven by Debian's Chromium through
Playwright (no browser download: ``executable_path=/usr/bin/chromium``).

Screenshots go to pytest's tmp dir; ``docs/screenshots/`` holds copies for the README.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from newsledger.link import Ledger
from tests.web_support import live_server, reference_ledger

CHROMIUM = Path("/usr/bin/chromium")
LAUNCH_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed (/usr/bin/chromium); "
                                                               "apt-get install chromium chromium-driver")


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return reference_ledger(tmp_path_factory.getbasetemp())


@pytest.fixture(scope="module")
def server(db):
    with live_server(db) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    yield page
    context.close()
    assert not errors, f"browser errors: {errors}"


@pytest.fixture(scope="module")
def article_id(db):
    with Ledger.open(db) as ledger:
        return ledger.articles()[0].id


@pytest.fixture(scope="module")
def shots(tmp_path_factory):
    return tmp_path_factory.mktemp("screenshots")


def save(page, shots: Path, name: str) -> Path:
    """A full-page screenshot in the tmp dir; also into $NEWSLEDGER_SCREENSHOTS when set
    (``NEWSLEDGER_SCREENSHOTS=docs/screenshots pytest tests/test_web_browser.py``
    refreshes the README's copies)."""
    path = shots / name
    page.screenshot(path=str(path), full_page=True)
    if os.environ.get("NEWSLEDGER_SCREENSHOTS"):
        target = Path(os.environ["NEWSLEDGER_SCREENSHOTS"])
        target.mkdir(parents=True, exist_ok=True)
        (target / name).write_bytes(path.read_bytes())
    return path


def _quote_id(db, speaker: str) -> str:
    with Ledger.open(db) as ledger:
        return next(q.id for q in ledger.records("quotes") if q.speaker == speaker)


def test_click_a_quote_shows_its_speaker(page, server, article_id, db, shots):
    page.goto(f"{server}/articles/{article_id}")
    panel = page.locator("#panel")
    assert panel.is_hidden()
    quote_id = _quote_id(db, "Donald Trump")
    page.locator(f'.hl[data-records~="{quote_id}"]').first.click()
    assert panel.is_visible()
    visible = panel.locator("section.record:visible")
    assert "Donald Trump" in visible.first.inner_text()
    assert save(page, shots, "article.png").stat().st_size > 10_000


def test_keyboard_navigation(page, server, article_id):
    page.goto(f"{server}/articles/{article_id}")
    # Tab from the top reaches the skip link, the nav links, then the first highlight
    for _ in range(30):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('hl')"):
            break
    else:
        pytest.fail("no highlight reachable by Tab")
    focused = page.evaluate("document.activeElement.id")
    page.keyboard.press("Enter")
    panel = page.locator("#panel")
    assert panel.is_visible()
    assert focused in page.locator("section.record:visible").first.get_attribute("data-record")
    page.keyboard.press("Escape")
    assert panel.is_hidden()
    assert page.evaluate("document.activeElement.id") == focused, "focus returns to the highlight"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('hl')")


def test_search_air_support_and_follow_the_link(page, server, article_id, db, shots):
    page.goto(f"{server}/quotes")
    page.get_by_label("Words").fill("air support")
    page.get_by_role("button", name="Search").click()
    page.wait_for_url("**/quotes?*q=air+support*")
    assert "2 quote(s)" in page.locator(".count").inner_text()  # Trump's, and Leavitt's mixed quote
    result = page.locator(".result").first
    assert "Donald Trump" in result.inner_text()
    save(page, shots, "quotes.png")
    result.locator("a").first.click()
    quote_id = _quote_id(db, "Donald Trump")
    page.wait_for_url(f"**/articles/{article_id}#{quote_id}")
    # the linked record opens itself and takes the focus
    assert page.locator("#panel").is_visible()
    assert quote_id in page.evaluate("document.activeElement.dataset.records")
    first = page.locator("section.record:visible").first
    assert first.get_attribute("data-record") == quote_id and "Donald Trump" in first.inner_text()


@pytest.mark.parametrize(("path", "name", "needle"), [
    ("/stances", "stances.png", "meeting-venue"),
    ("/timeline?as_of=2026-01-01", "timeline.png", "270 drones"),
    ("/", "index.png", "2025-08-19"),
])
def test_pages_render(page, server, shots, path, name, needle):
    page.goto(f"{server}{path}")
    assert needle in page.content()
    save(page, shots, name)


def test_noise_opens_on_demand(page, server, article_id):
    page.goto(f"{server}/articles/{article_id}")
    noise = page.locator("details.noise li").first
    assert noise.is_hidden()
    page.locator("details.noise summary").click()
    assert noise.is_visible()


# -- the story desk, on a ledger of four articles (tests/web_support.desk_ledger) -----


@pytest.fixture(scope="module")
def desk_server(tmp_path_factory):
    from tests.web_support import desk_ledger

    db = desk_ledger(tmp_path_factory.getbasetemp())
    with Ledger.open(db) as ledger:
        story = max(ledger.stories(), key=lambda s: len(s.article_ids))
    assert len(story.article_ids) >= 2, "the copies should form one story"
    with live_server(db) as url:
        yield url, story.id


def _chart_drawn(page, selector: str) -> None:
    page.wait_for_selector(f"{selector}[data-rendered]", timeout=20_000)
    assert int(page.get_attribute(selector, "data-rendered")) > 0  # data points drawn
    box = page.locator(f"{selector} canvas").bounding_box()
    assert box and box["width"] > 100 and box["height"] > 20


def test_story_desk_charts_and_stance_evidence(page, desk_server, shots):
    url, story_id = desk_server
    page.goto(f"{url}/stories/{story_id}")
    _chart_drawn(page, "#chart-timeline")
    _chart_drawn(page, "#chart-figures")
    assert page.locator("#said ~ ol .result").count() > 0
    assert "Outlet 1" in page.inner_text("#said ~ ol")
    changed = page.locator("details.cell-history.changed").first
    assert changed.count() == 1, "the flipped stances are marked as changed"
    history = changed.locator(".history")
    assert not history.is_visible()
    changed.locator("summary").click()
    assert history.is_visible()
    assert history.locator("li").count() >= 2 and "Outlet" in history.inner_text()
    assert history.locator("a[href^='/articles/']").count() >= 2  # each stance links to its evidence
    assert page.locator("table.due").count() == 1
    save(page, shots, "story-desk.png")


def test_stance_matrix_filters_change_the_url_and_rows(page, desk_server, shots):
    url, _ = desk_server
    page.goto(f"{url}/stances")
    rows_before = page.locator("table.matrix tbody tr").count()
    assert rows_before >= 2
    holder = page.locator("table.matrix tbody th").first.inner_text()
    page.fill("input[name=holder]", holder)
    page.click("form.filters button[type=submit]")
    page.wait_for_url("**holder=**")
    assert "holder=" in page.url
    assert 1 <= page.locator("table.matrix tbody tr").count() < rows_before
    page.locator("details.cell-history summary").first.click()
    assert page.locator("details.cell-history[open] .history a").first.is_visible()
    save(page, shots, "stances.png")


def test_timeline_chart_and_layer_filter(page, desk_server, shots):
    url, story_id = desk_server
    page.goto(f"{url}/timeline")
    _chart_drawn(page, "#chart-timeline")
    assert page.locator("tr.layer-stance").count() == 0  # stances on request only
    page.check("input[name=layer][value=stance]")
    page.click("form.filters button[type=submit]")
    page.wait_for_url("**layer=stance**")
    assert page.locator("tr.layer-stance").count() > 0
    page.select_option("select[name=story]", story_id)
    page.click("form.filters button[type=submit]")
    page.wait_for_url(f"**story={story_id}**")
    assert page.locator("tr.layer-stance").count() > 0
    save(page, shots, "timeline.png")
