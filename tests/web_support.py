"""Ledgers and a live server for the web tests: the reference article ingested through
the CLI (built once per test session), and a hand-built hostile article."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsledger.records import (
    Article,
    Commitment,
    Document,
    Entity,
    Event,
    Mention,
    Quantity,
    Quote,
    Stance,
)
from newsledger.link import Ledger
from tests.conftest import REFERENCE_TEXT

#: The hand-built article whose text, title and records carry HTML and script.
HOSTILE_ID = "feed/evil 1?<x>&#"  # ids from JSONL inputs may hold any character
HOSTILE_TEXT = (
    'Mallory said "<script>alert(1)</script> is fine" on Monday.\n\n'
    "<img src=x onerror=alert(2)> Mallory will attack by Friday, sending 5 drones & 2 \"missiles\"."
)


def reference_ledger(base: Path) -> Path:
    """``base/reference.db``: the reference article ingested like a user would, once
    per session (later calls reuse the file)."""
    from newsledger.cli import main

    path = base / "reference.db"
    if not path.exists():
        result = CliRunner().invoke(main, ["ingest", str(REFERENCE_TEXT), "--published", "2025-08-19",
                                           "--outlet", "Sky News", "--db", str(path), "-q"])
        assert result.exit_code == 0, result.output
    return path


def _span(text: str, needle: str) -> tuple[int, int]:
    at = text.index(needle)
    return at, at + len(needle)


def hostile_ledger(path: Path) -> Path:
    """A ledger with one article whose text, title, noise and records carry HTML."""
    text = HOSTILE_TEXT
    entity = Entity(Entity.make_id("Mallory <b>", "PERSON"), "Mallory <b>", "PERSON", ("Mallory",))
    article = Article(id=HOSTILE_ID, text=text, title="<script>alert('title')</script>", outlet="<i>Evil</i>",
                      published="2025-08-19", noise=("<script>alert('noise')</script>",),
                      url="javascript:alert(3)")
    quote_span = _span(text, "<script>alert(1)</script> is fine")
    document = Document(
        article=article,
        entities=(entity,),
        mentions=(Mention("m-1", HOSTILE_ID, entity.id, "Mallory", (0, 7)),),
        quotes=(Quote("q-evil", HOSTILE_ID, text[slice(*quote_span)], quote_span, "direct",
                      speaker="Mallory <b>", speaker_id=entity.id, cue="said"),),
        events=(Event("ev-evil", HOSTILE_ID, "attack", "planned", "attack by Friday", _span(text, "attack by Friday"),
                      actor="Mallory <b>", start="2025-08-22",
                      quantities=(Quantity(5, "<drones>", "5"), Quantity(2, "missiles", "2"))),),
        stances=(Stance("st-evil", HOSTILE_ID, "support", "certain", "<script>", "<script>alert(1)</script> is fine",
                        quote_span, holder="Mallory <b>", issue="<issue>"),),
        commitments=(Commitment("cm-evil", HOSTILE_ID, "threat", "<attack>", "will attack by Friday",
                                _span(text, "will attack by Friday"), holder="Mallory <b>", due="2025-08-22"),),
    )
    with Ledger.open(path) as ledger:
        ledger.add([document])
    return path


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def live_server(db: Path) -> Iterator[str]:
    """The real app under uvicorn on a free loopback port, in a thread; yields its URL."""
    import uvicorn

    from newsledger.web import create_app

    port = free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the web server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)


def desk_ledger(base: Path, copies: int = 3) -> Path:
    """``base/desk.db``: the reference article and ``copies`` later copies of it (new
    ids, one day apart, another outlet each), linked into one story; in the last copy
    every keyed stance flips its polarity, so the stance matrix has changes to mark."""
    from dataclasses import replace

    from newsledger import link
    from newsledger.layers import LAYERS
    from newsledger.records import stable_id

    path = base / "desk.db"
    if path.exists():
        return path
    source = reference_ledger(base)
    with Ledger.open(source) as ledger:
        (article,) = ledger.articles()
        entities = ledger.entities()
        mentions = ledger.mentions()
        records = {layer: ledger.records(layer) for layer in LAYERS}
    documents = [Document(article, entities=tuple(entities), mentions=tuple(mentions),
                          **{k: tuple(v) for k, v in records.items()})]
    flip = {"support": "oppose", "oppose": "support"}
    for n in range(1, copies + 1):
        new_id = f"{article.id}~{n}"

        def renamed(found, new_id=new_id):
            return tuple(replace(r, id=stable_id(r.id.split("-")[0], new_id, r.id), article_id=new_id) for r in found)

        layers = {layer: renamed(found) for layer, found in records.items()}
        if n == copies:
            layers["stances"] = tuple(replace(s, polarity=flip.get(s.polarity, s.polarity)) if s.issue else s
                                      for s in layers["stances"])
        day = f"2025-08-{19 + n:02d}"
        documents.append(Document(replace(article, id=new_id, published=day, outlet=f"Outlet {n}",
                                          title=f"{article.title or 'Air support'} (day {n})"),
                                  entities=tuple(entities), mentions=renamed(mentions), **layers))
    with Ledger.open(path) as ledger:
        ledger.add(documents, then=link.update)
    return path
