"""The JSON API against the real app over the reference article's ledger."""

from __future__ import annotations

import pytest

from newsledger.export import build_export, validate_export
from newsledger.layers import LAYERS
from newsledger.link import Ledger


@pytest.fixture(scope="module")
def article_id(db):
    with Ledger.open(db) as ledger:
        return ledger.articles()[0].id


def test_export_endpoint_is_the_export(client, db):
    data = client.get("/api/export").json()
    with Ledger.open(db) as ledger:
        assert data == build_export(ledger)
    validate_export(data)


def test_article_answer_validates_against_the_export_schema(client, article_id):
    data = client.get(f"/api/articles/{article_id}").json()
    validate_export(data)
    assert [a["id"] for a in data["articles"]] == [article_id]
    assert {q["speaker"] for q in data["quotes"]} >= {"Donald Trump", "Karoline Leavitt"}
    assert data["stories"] and article_id in data["stories"][0]["article_ids"]


@pytest.mark.parametrize(
    ("query", "speaker"),
    [("Donald Trump", "Donald Trump"), ("trump", "Donald Trump"), ("Mr Trump", "Donald Trump"),
     ("Karoline Leavitt", "Karoline Leavitt"), ("Nobody Atall", None)],
)
def test_quotes_by_speaker(client, db, query, speaker):
    with Ledger.open(db) as ledger:
        expected = [q.id for q in ledger.records("quotes") if speaker and q.speaker == speaker]
    quotes = client.get("/api/quotes", params={"speaker": query}).json()["quotes"]
    assert [q["id"] for q in quotes] == expected
    assert len(expected) == {"Donald Trump": 4, "Karoline Leavitt": 2, None: 0}[speaker]  # as in the gold


def test_quotes_by_words_and_filters(client):
    found = client.get("/api/quotes", params={"q": "air support"}).json()["quotes"]
    # Trump's indirect quote, and Leavitt's mixed quote, whose reported clause is
    # "US air support was “an option and a possibility”"
    assert [q["speaker"] for q in found] == ["Donald Trump", "Karoline Leavitt"]
    assert all("air support" in q["text"] for q in found)
    assert client.get("/api/quotes", params={"outlet": "Sky News"}).json()["quotes"]
    assert not client.get("/api/quotes", params={"outlet": "BBC"}).json()["quotes"]
    assert client.get("/api/quotes", params={"since": "2025-08-19", "until": "2025-08-19"}).json()["quotes"]
    assert not client.get("/api/quotes", params={"since": "2025-08-20"}).json()["quotes"]


def test_quote_fields_are_the_record_fields(client, db):
    quote = client.get("/api/quotes").json()["quotes"][0]
    with Ledger.open(db) as ledger:
        first = build_export(ledger)["quotes"][0]
    assert quote == first


@pytest.mark.parametrize(
    ("params", "message"),
    [({"since": "19/08/2025"}, "not an ISO date"), ({"q": '"unterminated', "raw": 1}, "bad search query")],
)
def test_bad_input_is_a_400_with_one_line(client, params, message):
    response = client.get("/api/quotes", params=params)
    assert response.status_code == 400
    assert message in response.json()["detail"]


@pytest.mark.parametrize("layer", [layer for layer in LAYERS if layer != "quotes"])
def test_layer_endpoints(client, layer, article_id):
    everything = client.get(f"/api/{layer}").json()[layer]
    mine = client.get(f"/api/{layer}", params={"article_id": article_id}).json()[layer]
    assert everything and everything == mine
    assert not client.get(f"/api/{layer}", params={"article_id": "nope"}).json()[layer]


def test_entities_and_entity(client):
    entities = client.get("/api/entities").json()["entities"]
    trump = next(e for e in entities if e["name"] == "Donald Trump")
    data = client.get(f"/api/entities/{trump['id']}").json()
    assert len(data["quotes"]) == len(client.get("/api/quotes", params={"speaker": "Donald Trump"}).json()["quotes"])
    assert any(s["issue"] == "air-support" for s in data["stances"])
    assert all(m["entity_id"] == trump["id"] for m in data["mentions"]) and data["mentions"]


def test_stories_and_timeline(client, article_id):
    stories = client.get("/api/stories").json()["stories"]
    assert len(stories) == 1 and stories[0]["article_ids"] == [article_id]
    story = client.get(f"/api/stories/{stories[0]['id']}").json()
    assert [a["id"] for a in story["articles"]] == [article_id]
    rows = client.get("/api/timeline", params={"as_of": "2026-01-01"}).json()["timeline"]
    assert {r["layer"] for r in rows} == {"event", "quote", "commitment"}  # time mentions on request
    every = client.get("/api/timeline", params={"as_of": "2026-01-01", "layer": ["time", "event", "quote", "stance",
                                                                                  "commitment"]}).json()["timeline"]
    assert {r["layer"] for r in every} == {"time", "event", "quote", "stance", "commitment"}
    page = client.get("/api/timeline", params={"layer": "time", "limit": 2, "offset": 1}).json()["timeline"]
    times = client.get("/api/timeline", params={"layer": "time"}).json()["timeline"]
    assert page == times[1:3]
    assert [r["date"] for r in rows] == sorted(r["date"] for r in rows)
    overdue = {r["record_id"] for r in rows if r["overdue"]}
    assert overdue and all(r["layer"] == "commitment" for r in rows if r["overdue"])
    early = client.get("/api/timeline", params={"as_of": "2025-08-20"}).json()["timeline"]
    assert not any(r["overdue"] for r in early)
    events = client.get("/api/timeline", params={"layer": "event", "since": "2025-08-19"}).json()["timeline"]
    assert events and all(r["layer"] == "event" and r["date"] >= "2025-08-19" for r in events)


@pytest.mark.parametrize("path", ["/api/articles/nope", "/api/entities/nope", "/api/stories/nope",
                                  "/api/timeline?story=nope"])
def test_unknown_ids_are_404(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert "nope" in response.json()["detail"]


def test_openapi_lists_the_api(client):
    schema = client.get("/openapi.json").json()
    paths = schema["paths"]
    assert {"/api/quotes", "/api/articles/{article_id}", "/api/export", "/api/timeline"} <= set(paths)
    assert {p["name"] for p in paths["/api/quotes"]["get"]["parameters"]} >= {"speaker", "q", "outlet", "since", "until"}
    assert not [p for p in paths if not p.startswith("/api")], "pages stay out of the API schema"
    assert all(set(ops) == {"get"} for ops in paths.values()), "read-only by default"
