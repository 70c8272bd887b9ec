"""The ledger file opens in Datasette with its tables and views listed and queryable.

Datasette is a dev-only tool (``pip install datasette``); skipped when it is absent.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from newsledger import link
from newsledger.export.datasette import metadata
from newsledger.layers import LAYERS
from newsledger.link import Ledger
from newsledger.link.tables import LINK_VIEWS
from newsledger.store import schema
from newsledger.store.views import VIEW_NAMES, VIEWS
from tests.test_store_data import make_document, reference_document

datasette_app = pytest.importorskip("datasette.app")


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("ds") / "ledger.db"
    with Ledger.open(path) as ledger:
        ledger.add([make_document(), reference_document()], then=link.update)
    return path


async def _get_json(path: Path, url: str) -> dict:
    ds = datasette_app.Datasette([str(path)])
    response = await ds.client.get(url)
    assert response.status_code == 200, (url, response.text[:300])
    return response.json()


def get_json(path: Path, url: str) -> dict:
    return asyncio.run(_get_json(path, url))


def test_tables_and_views_are_listed(database: Path) -> None:
    data = get_json(database, "/ledger.json")
    tables = {t["name"] for t in data["tables"]}
    assert {"articles", "entities", "mentions", *LAYERS, "articles_fts", "quotes_fts"} <= tables
    assert {v["name"] for v in data["views"]} == {name for name, _ in (*VIEWS, *LINK_VIEWS)}
    fts = {t["name"]: t["fts_table"] for t in data["tables"]}
    assert fts["articles"] == "articles_fts"
    assert fts["quotes"] == "quotes_fts"


@pytest.mark.parametrize("view", [name for name, _ in (*VIEWS, *LINK_VIEWS)])
def test_views_are_queryable(database: Path, view: str) -> None:
    data = get_json(database, f"/ledger/{view}.json?_shape=objects")
    assert data["rows"], view


def test_who_said_what_lists_the_reference_quotes(database: Path) -> None:
    data = get_json(
        database, "/ledger/who_said_what.json?_shape=objects&speaker=Karoline+Leavitt"
    )
    assert {row["outlet"] for row in data["rows"]} == {"Sky News"}
    assert any(row["quote"] == "an option and a possibility" for row in data["rows"])


def test_full_text_search_in_datasette(database: Path) -> None:
    data = get_json(database, "/ledger/quotes.json?_search=air&_shape=objects")
    assert data["rows"]
    assert all("air" in row["text"].lower() for row in data["rows"])


def test_metadata_describes_every_table_view_and_column(database: Path) -> None:
    meta = metadata("ledger")
    tables = meta["databases"]["ledger"]["tables"]
    assert set(tables) == {t.name for t in schema.tables()} | set(VIEW_NAMES) | {
        name for name, _ in LINK_VIEWS
    }
    assert all(entry["description"] for entry in tables.values())
    for t in schema.tables():
        assert set(tables[t.name]["columns"]) == set(t.columns), t.name


def test_datasette_accepts_the_metadata(database: Path) -> None:
    async def page() -> str:
        ds = datasette_app.Datasette([str(database)], metadata=metadata("ledger"))
        response = await ds.client.get("/ledger/quotes")
        assert response.status_code == 200
        return response.text

    html = asyncio.run(page())
    assert "Who said what." in html


def test_metadata_facets_show(database: Path) -> None:
    async def facets() -> dict:
        ds = datasette_app.Datasette([str(database)], metadata=metadata("ledger"))
        response = await ds.client.get("/ledger/who_said_what.json?_extra=facet_results")
        assert response.status_code == 200
        return response.json()

    data = asyncio.run(facets())
    results = data.get("facet_results", {})
    results = results.get("results", results)
    assert {"speaker", "outlet"} <= set(results)
