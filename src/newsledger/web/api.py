"""The JSON API under ``/api``: the export's shapes (:mod:`newsledger.export`).

Every answer is an object of export lists — ``{"quotes": [to_dict(quote), …]}`` —
so a client reads ``/api/articles/{id}`` exactly as it reads ``newsledger export``
(that answer even validates against the export schema). Only GET, unless the app was
made with ``allow_writes`` (then :data:`write_router` adds entity merge and split).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict
from typing import Annotated, Any

from fastapi import APIRouter, Body, HTTPException, Query, Request

from newsledger import __version__
from newsledger.export import EXPORT_SCHEMA_VERSION, build_export
from newsledger.layers import REGISTRY
from newsledger.link import Ledger
from newsledger.records import to_dict
from newsledger.web import views
from newsledger.web.deps import day, open_ledger

router = APIRouter(prefix="/api", tags=["read"])
write_router = APIRouter(prefix="/api", tags=["write"])

Json = dict[str, Any]
DateQuery = Annotated[str | None, Query(description="ISO date YYYY-MM-DD (inclusive)")]


def _header() -> Json:
    return {"schema_version": EXPORT_SCHEMA_VERSION, "generator": f"newsledger {__version__}"}


@router.get("", summary="What the ledger holds: rows per table")
def index(request: Request) -> Json:
    with open_ledger(request) as ledger:
        return {**_header(), "counts": ledger.counts()}


@router.get("/export", summary="The whole ledger, as `newsledger export --format json`")
def export(request: Request) -> Json:
    with open_ledger(request) as ledger:
        return build_export(ledger)


@router.get("/articles", summary="Articles, filtered by outlet, day range or FTS words")
def articles(request: Request, outlet: str | None = None, since: DateQuery = None,
             until: DateQuery = None, q: str | None = None, raw: bool = False) -> Json:
    with open_ledger(request) as ledger:
        found = ledger.search_articles(q, raw=raw) if q else ledger.articles(outlet, day(since, "since"), day(until, "until"))
        return {"articles": [to_dict(a) for a in found]}


@router.get("/articles/{article_id:path}", summary="One article with its entities, mentions, records and stories")
def article(request: Request, article_id: str) -> Json:
    with open_ledger(request) as ledger:
        found = ledger.article(article_id)
        if found is None:
            raise HTTPException(404, f"no article {article_id!r}")
        return {**_header(), **views.article_export(ledger, found)}


@router.get("/quotes", summary="Who said what: quotes by speaker, words (FTS5), outlet, days")
def quotes(request: Request, speaker: str | None = None,
           q: Annotated[str | None, Query(description="Words of the quote text (raw=1: FTS5 syntax)")] = None,
           outlet: str | None = None, since: DateQuery = None, until: DateQuery = None,
           article_id: str | None = None, raw: bool = False) -> Json:
    with open_ledger(request) as ledger:
        found = ledger.search_quotes(speaker or None, q or None, outlet or None,
                                     day(since, "since"), day(until, "until"), raw=raw)
        return {"quotes": [to_dict(quote) for quote, _ in found
                           if article_id is None or quote.article_id == article_id]}


def _layer_route(layer: str) -> Callable[..., Json]:
    def read(request: Request, article_id: str | None = None) -> Json:
        with open_ledger(request) as ledger:
            return {layer: [to_dict(r) for r in ledger.records(layer, article_id)]}

    read.__name__ = f"read_{layer}"
    return read


# One route per layer from the registry; quotes have their own search route above.
for _spec in REGISTRY:
    if _spec.name != "quotes":
        router.add_api_route(f"/{_spec.name}", _layer_route(_spec.name), methods=["GET"],
                             summary=f"The {_spec.name} records, of one article or all")


@router.get("/entities", summary="Canonical entities, aliases merged across articles")
def entities(request: Request) -> Json:
    with open_ledger(request) as ledger:
        return {"entities": [to_dict(e) for e in ledger.entities()]}


@router.get("/entities/{entity_id}", summary="One entity with its mentions and records")
def entity(request: Request, entity_id: str) -> Json:
    with open_ledger(request) as ledger:
        found = views.entity_by_id(ledger, entity_id)
        if found is None:
            raise HTTPException(404, f"no entity {entity_id!r}")
        records = views.entity_records(ledger, found)
        return {
            "entities": [to_dict(found)],
            "mentions": [to_dict(m) for m in ledger.mentions() if m.entity_id == found.id],
            **{layer: [to_dict(r) for r in rs] for layer, rs in records.items()},
        }


@router.get("/mentions", summary="Entity mentions, of one article or all")
def mentions(request: Request, article_id: str | None = None) -> Json:
    with open_ledger(request) as ledger:
        return {"mentions": [to_dict(m) for m in ledger.mentions(article_id)]}


@router.get("/stories", summary="Stories: articles clustered across outlets and days")
def stories(request: Request) -> Json:
    with open_ledger(request) as ledger:
        return {"stories": [to_dict(s) for s in ledger.stories()]}


@router.get("/stories/{story_id}", summary="One story with its articles")
def story(request: Request, story_id: str) -> Json:
    with open_ledger(request) as ledger:
        found = next((s for s in ledger.stories() if s.id == story_id), None)
        if found is None:
            raise HTTPException(404, f"no story {story_id!r}")
        members = [ledger.article(a) for a in found.article_ids]
        return {"stories": [to_dict(found)], "articles": [to_dict(a) for a in members if a]}


@router.get("/timeline", summary="Dated records, overdue commitments marked")
def timeline(request: Request, layer: Annotated[list[str] | None, Query()] = None,
             since: DateQuery = None, until: DateQuery = None, story: str | None = None,
             as_of: DateQuery = None) -> Json:
    with open_ledger(request) as ledger:
        article_ids = _story_articles(ledger, story)
        rows = views.timeline_rows(ledger, layers=layer or (), since=day(since, "since"),
                                   until=day(until, "until"), article_ids=article_ids,
                                   as_of=day(as_of, "as_of"))
        return {"timeline": [{**asdict(r.entry), "span": list(r.entry.span), "overdue": r.overdue}
                             for r in rows]}


def _story_articles(ledger: Ledger, story_id: str | None) -> tuple[str, ...] | None:
    if not story_id:
        return None
    found = next((s for s in ledger.stories() if s.id == story_id), None)
    if found is None:
        raise HTTPException(404, f"no story {story_id!r}")
    return found.article_ids


@write_router.post("/entities/merge", summary="Merge entity `other` into `target` (needs --allow-writes)")
def merge(request: Request, target: Annotated[str, Body()], other: Annotated[str, Body()]) -> Json:
    with open_ledger(request) as ledger, ledger.transaction():
        return {"merged": ledger.merge_entities(target, other)}


@write_router.post("/entities/split", summary="Split names `member` off entity `target` (needs --allow-writes)")
def split(request: Request, target: Annotated[str, Body()], member: Annotated[str, Body()]) -> Json:
    with open_ledger(request) as ledger, ledger.transaction():
        return {"split": ledger.split_entity(target, member)}
