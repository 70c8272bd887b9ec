"""The server-rendered pages over the reference article, and the pure view helpers."""

from __future__ import annotations

import json
import re

import pytest

from newsledger.link import Ledger
from newsledger.records import Article, Quote
from newsledger.web import desk, views


@pytest.fixture(scope="module")
def stored(db):
    with Ledger.open(db) as ledger:
        article = ledger.articles()[0]
        return article, {layer: ledger.records(layer, article.id) for layer in
                         ("quotes", "times", "events", "stances", "commitments")}


def test_article_view_highlights_every_record(client, stored):
    article, records = stored
    html = client.get(f"/articles/{article.id}").text
    for layer, found in records.items():
        assert found, layer
        for record in found:
            assert f'id="{record.id}"' in html, f"{layer} {record.id} has no anchor"
            assert f'data-record="{record.id}"' in html, f"{layer} {record.id} has no details"
    assert html.count('tabindex="0"') >= len(records["quotes"])
    # quotes coloured by speaker: Trump's quotes share one class, Leavitt's another
    trump = re.findall(r'class="hl hl-quote (spk-\d)[^"]*"[^>]*id="q-', html)
    assert len(set(trump)) >= 2
    assert "<dt>speaker</dt><dd>Donald Trump</dd>" in html
    assert "<dt>cue</dt><dd>told</dd>" in html
    assert "<dt>value</dt><dd>2025-08-18</dd>" in html


def test_article_view_offers_the_noise(client, stored):
    article, _ = stored
    html = client.get(f"/articles/{article.id}").text
    assert article.noise
    assert f"Removed noise ({len(article.noise)} lines" in html
    assert "<details" in html


def test_unknown_article_is_a_404_page(client):
    response = client.get("/articles/nope")
    assert response.status_code == 404
    assert "no article" in response.text and "<html" in response.text


def test_who_said_what_links_to_the_span(client, stored):
    article, records = stored
    html = client.get("/quotes", params={"q": "air support"}).text
    first = next(q for q in records["quotes"] if "air support" in q.text)
    assert "2 quote(s)" in html  # Trump's, and Leavitt's mixed quote ("US air support was …")
    assert f'href="/articles/{article.id}#{first.id}"' in html
    assert "Donald Trump" in html
    html = client.get("/quotes", params={"speaker": "Leavitt"}).text
    assert "2 quote(s)" in html and "Karoline Leavitt" in html
    assert client.get("/quotes", params={"since": "2025-13-01"}).status_code == 400


def test_stance_matrix_and_options(client, stored):
    _, records = stored
    html = client.get("/stances").text
    labels = desk.issue_labels()
    keyed = [s for s in records["stances"] if s.issue]
    assert keyed
    for stance in keyed:  # columns are issue keys with their labels; every stance in a cell's history
        assert f'<th scope="row">{stance.holder or "(unattributed)"}</th>' in html
        assert f'<th scope="col" title="{stance.issue}">{labels[stance.issue]}</th>' in html
        assert f'href="/articles/{stance.article_id}#{stance.id}"' in html
    unkeyed = len(records["stances"]) - len(keyed)
    assert not unkeyed or f"{unkeyed} stance(s) matching these filters have a target no issue key names" in html
    one = keyed[0]
    filtered = client.get("/stances", params={"issue": one.issue}).text
    assert f'title="{one.issue}"' in filtered
    assert all(f'title="{s.issue}"' not in filtered for s in keyed if s.issue != one.issue)
    assert "No stances on a known issue match" in client.get("/stances", params={"holder": "nobody at all"}).text
    venues = next(e.place_options for e in records["events"] if e.place_options)
    assert "Options: meeting-venue" in html
    for venue in venues:
        assert f'<th scope="row">{venue}</th>' in html
    opposed = [s for s in records["stances"] if s.option and s.polarity == "oppose"]
    assert opposed and 'class="pol-oppose">oppose</td>' in html


def test_timeline_chart_and_overdue(client):
    html = client.get("/timeline", params={"as_of": "2026-01-01"}).text
    spec = json.loads(re.search(r'id="chart-figures-spec">(.*?)</script>', html, re.S).group(1))
    units = {v["unit"] for v in spec["data"]["values"]}
    assert {"drones", "missiles"} <= units and spec["resolve"]["scale"]["y"] == "independent"
    points = json.loads(re.search(r'id="chart-timeline-spec">(.*?)</script>', html, re.S).group(1))
    assert points["encoding"]["x"]["type"] == "temporal"
    assert {v["layer"] for v in points["data"]["values"]} <= {"event", "quote", "commitment"}
    assert 'class="layer-time' not in html  # time mentions only on request
    assert 'class="layer-time' in client.get("/timeline", params={"times": "true"}).text
    assert "overdue" in html and 'class="layer-commitment overdue"' in html
    html = client.get("/timeline", params={"as_of": "2025-08-20", "layer": "event"}).text
    assert 'class="layer-commitment' not in html and 'class="layer-event"' in html


def test_entity_and_story_pages(client, stored):
    entities = client.get("/entities").text
    link = re.search(r'href="(/entities/[^"]+)">Donald Trump<', entities)
    assert link
    page = client.get(link.group(1)).text
    said = [q for q in stored[1]["quotes"] if q.speaker == "Donald Trump"]
    assert f"Quotes ({len(said)})" in page and all(q.id in page for q in said)
    story = client.get("/api/stories").json()["stories"][0]
    page = client.get(f"/stories/{story['id']}").text
    assert "Dated records of this story" in page and "/articles/" in page
    assert story["id"] in client.get("/stories").text


def test_index_groups_articles_by_day(client, stored):
    html = client.get("/").text
    assert "<h3>2025-08-19</h3>" in html and f"/articles/{stored[0].id}" in html


def _quote(qid, speaker, start):
    return Quote(qid, "a", "x", (start, start + 1), "direct", speaker=speaker)


def test_speaker_classes_by_first_quote():
    quotes = [_quote("q2", "B", 10), _quote("q1", "A", 0), _quote("q3", None, 5), _quote("q4", "A", 20)]
    assert views.speaker_classes(quotes) == {"A": "spk-0", None: "spk-unknown", "B": "spk-1"}


@pytest.mark.parametrize(("title", "text", "expected"), [
    ("Trump on Ukraine", "Body.", "Trump on Ukraine"),
    (None, "Donald Trump  has\nsaid.", "Donald Trump has said."),
    (None, "word " * 40, " ".join(["word"] * 17) + "…"),  # cut at a word, within 90 characters
])
def test_headline(title, text, expected):
    assert views.headline(Article("a", text, title=title)) == expected


def test_record_panel_cites_and_links_the_entity(client, stored):
    article, records = stored
    html = client.get(f"/articles/{article.id}").text
    quote = next(q for q in records["quotes"] if q.speaker == "Donald Trump" and q.speaker_id)
    section = html[html.index(f'data-record="{quote.id}"'):]
    section = section[:section.index("</section>")]
    assert f'href="/entities/{quote.speaker_id}">Donald Trump</a>' in section
    evidence = " ".join(article.text[quote.span[0]:quote.span[1]].split())
    assert f"“{evidence}”" in section.replace("&#39;", "'").replace("&quot;", '"')
    assert "Sky News, 2025-08-19" in section
    assert "<dt>speaker id</dt>" not in section and "<dt>span</dt>" not in section  # no internal fields


def test_paged_reads_give_what_the_whole_reads_give(db):
    """The desk's paged SQL reads (link.timeline.page, overdue_ids) agree with the
    functions that read the whole ledger (timeline, overdue)."""
    from newsledger.link import timeline as tl

    with Ledger.open(db) as ledger:
        whole = tl.timeline(ledger)
        assert tl.page(ledger, tl.Query(limit=None)) == [e for e in whole if e.layer in tl.DEFAULT_LAYERS]
        every = tuple(dict.fromkeys(e.layer for e in whole))
        assert tl.page(ledger, tl.Query(every, limit=3, offset=2)) == whole[2:5]
        trump = next(c for c in ledger.entity_clusters() if c.name == "Donald Trump")
        mine = [e for e in tl.timeline(ledger, trump.id) if e.layer in tl.DEFAULT_LAYERS]
        assert mine and tl.page(ledger, tl.Query(cluster_id=trump.id, limit=None)) == mine
        assert tl.page(ledger, tl.Query(cluster_id=trump.id, limit=2, offset=1)) == mine[1:3]
        commitments = ledger.records("commitments")
        for as_of in ("2025-08-20", "2026-01-01"):
            assert tl.overdue_ids(ledger, commitments, as_of) == {c.id for c, _ in tl.overdue(ledger, as_of)}
