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
from newsledger.link import stories as link_stories
from newsledger.link import timeline as tl
from newsledger.store import queries
from newsledger.store.queries import Filters
from newsledger.web import desk, views
from newsledger.web.deps import day, open_ledger

router = APIRouter(prefix="/api", tags=["read"])
write_router = APIRouter(prefix="/api", tags=["write"])

Json = dict[str, Any]
DateQuery = Annotated[str | None, Query(description="ISO date YYYY-MM-DD (inclusive)")]
Limit = Annotated[int, Query(ge=1, le=1000, description="At most this many records (default 100, at most 1000)")]
Offset = Annotated[int, Query(ge=0, description="Skip this many records (the next page: offset + limit)")]


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
             until: DateQuery = None, q: str | None = None, raw: bool = False, limit: Limit = 100, offset: Offset = 0) -> Json:
    with open_ledger(request) as ledger:
        if q:
            found = ledger.search_articles(q, raw=raw)[offset:offset + limit]
        else:
            ids = [s.article_id for s in queries.sources(ledger, Filters(
                outlet=outlet, since=day(since, "since"), until=day(until, "until"), limit=limit, offset=offset))]
            found = [a for a in (ledger.article(i) for i in ids) if a]
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
           article_id: str | None = None, raw: bool = False, limit: Limit = 100, offset: Offset = 0) -> Json:
    with open_ledger(request) as ledger:
        if article_id is not None and not (speaker or q):
            found = queries.records(ledger, "quotes", Filters(where=("r.article_id = ?",), params=(article_id,),
                                                              outlet=outlet or None, since=day(since, "since"),
                                                              until=day(until, "until"), limit=limit, offset=offset))
            return {"quotes": [to_dict(quote) for quote, _ in found]}
        found = ledger.search_quotes(speaker or None, q or None, outlet or None,
                                     day(since, "since"), day(until, "until"), raw=raw,
                                     limit=None if article_id else limit, offset=0 if article_id else offset)
        kept = [quote for quote, _ in found if article_id is None or quote.article_id == article_id]
        return {"quotes": [to_dict(quote) for quote in (kept[offset:offset + limit] if article_id else kept)]}


def _layer_route(layer: str) -> Callable[..., Json]:
    def read(request: Request, article_id: str | None = None, since: DateQuery = None, until: DateQuery = None,
             limit: Limit = 100, offset: Offset = 0) -> Json:
        where = ("r.article_id = ?",) if article_id is not None else ()
        filters = Filters(where=where, params=(article_id,) if article_id is not None else (),
                          since=day(since, "since"), until=day(until, "until"), limit=limit, offset=offset)
        with open_ledger(request) as ledger:
            return {layer: [to_dict(r) for r, _ in queries.records(ledger, layer, filters)]}

    read.__name__ = f"read_{layer}"
    return read


# One route per layer from the registry; quotes have their own search route above.
for _spec in REGISTRY:
    if _spec.name != "quotes":
        router.add_api_route(f"/{_spec.name}", _layer_route(_spec.name), methods=["GET"],
                             summary=f"The {_spec.name} records, of one article or all, a page at a time")


@router.get("/entities", summary="Canonical entities, aliases merged across articles")
def entities(request: Request, limit: Limit = 100, offset: Offset = 0) -> Json:
    with open_ledger(request) as ledger:
        ids = [row["entity_id"] for row in views.entity_rows(ledger, limit, offset)]
        return {"entities": [to_dict(e) for e in (queries.entity(ledger, i) for i in ids) if e]}


@router.get("/entities/{entity_id}", summary="One entity with its mentions and records")
def entity(request: Request, entity_id: str) -> Json:
    with open_ledger(request) as ledger:
        found = views.entity_by_id(ledger, entity_id)
        if found is None:
            raise HTTPException(404, f"no entity {entity_id!r}")
        records = views.entity_records(ledger, found)  # the library's one query, as the CLI and the page count
        return {
            "entities": [to_dict(found)],
            "mentions": [to_dict(m) for m, _ in queries.mentions_of(ledger, found.id, limit=1000)],
            **{layer: [to_dict(r) for r in rs] for layer, rs in records.items()},
        }


@router.get("/mentions", summary="Entity mentions, of one article or all")
def mentions(request: Request, article_id: str | None = None, limit: Limit = 100, offset: Offset = 0) -> Json:
    where = ("r.article_id = ?",) if article_id is not None else ()
    filters = Filters(where=where, params=(article_id,) if article_id is not None else (), limit=limit, offset=offset)
    with open_ledger(request) as ledger:
        return {"mentions": [to_dict(m) for m, _ in queries.records(ledger, "mentions", filters)]}


@router.get("/stories", summary="Stories: articles clustered across outlets and days")
def stories(request: Request, min_articles: int = 1, limit: Limit = 100, offset: Offset = 0) -> Json:
    with open_ledger(request) as ledger:
        found = link_stories.stories_page(ledger, min_articles=min_articles, limit=limit, offset=offset)
        return {"stories": [to_dict(s) for s in found]}


@router.get("/stories/{story_id}", summary="One story with its articles")
def story(request: Request, story_id: str) -> Json:
    with open_ledger(request) as ledger:
        found = link_stories.read_story(ledger, story_id)
        if found is None:
            raise HTTPException(404, f"no story {story_id!r}")
        members = [ledger.article(a) for a in found.article_ids]
        return {"stories": [to_dict(found)], "articles": [to_dict(a) for a in members if a]}


@router.get("/timeline", summary="Dated records, overdue commitments marked")
def timeline(request: Request, layer: Annotated[list[str] | None, Query()] = None,
             since: DateQuery = None, until: DateQuery = None, story: str | None = None,
             as_of: DateQuery = None, limit: Limit = 100, offset: Offset = 0) -> Json:
    """``layer`` defaults to event, quote and commitment (add ``layer=time`` for time
    mentions); ``as_of`` to the ledger's latest publication day."""
    with open_ledger(request) as ledger:
        article_ids = _story_articles(ledger, story)
        as_of = day(as_of, "as_of") or queries.latest_published(ledger)
        query = tl.Query(tuple(layer) if layer else tl.DEFAULT_LAYERS, day(since, "since"), day(until, "until"),
                         article_ids, limit=limit, offset=offset)
        rows = desk.timeline_rows(ledger, query, as_of)
        return {"timeline": [{**asdict(r.entry), "span": list(r.entry.span), "overdue": r.overdue}
                             for r in rows]}


def _story_articles(ledger: Ledger, story_id: str | None) -> tuple[str, ...] | None:
    if not story_id:
        return None
    found = link_stories.read_story(ledger, story_id)
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
