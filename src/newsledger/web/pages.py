"""The server-rendered pages: index, article view, who said what, stance matrix,
timeline, entities and stories. Each route reads the ledger, shapes the data with
:mod:`newsledger.web.views` and renders one Jinja2 template (autoescaped)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, Response

from newsledger.layers import REGISTRY
from newsledger.link import stories as link_stories
from newsledger.link import timeline as tl
from newsledger.store import queries
from newsledger.store.queries import Filters, Source
from newsledger.web import desk, highlight, palette, views
from newsledger.web.deps import day, open_ledger

router = APIRouter(include_in_schema=False)

#: Timeline layers a reader can filter on (the ``timeline`` view's layer names), in
#: registry order.
TIMELINE_LAYERS: tuple[str, ...] = tuple(spec.singular for spec in REGISTRY)

#: Rows per page of every listing page (``?page=N``).
PAGE = 100


def _pager(request: Request, page: int, more: bool) -> dict[str, str | None]:
    """Links to the previous and next page, the other filters kept in the URL."""
    def at(n: int) -> str:
        url = request.url.include_query_params(page=n)
        return f"{url.path}?{url.query}"

    return {"page": str(page), "prev": at(page - 1) if page > 1 else None, "next": at(page + 1) if more else None}


def desk_days(found: list[Source]) -> list[tuple[str, list[Source]]]:
    """Articles grouped by publication day, in the order given (newest first)."""
    groups: dict[str, list[Source]] = {}
    for source in found:
        groups.setdefault(source.day or "undated", []).append(source)
    return list(groups.items())


def _page(request: Request, template: str, **context: Any) -> HTMLResponse:
    return request.app.state.templates.TemplateResponse(request, template, context)


#: Most speaker classes ``/palette.css?speakers=N`` defines.
MAX_SPEAKERS = 5000


@router.get("/palette.css")
def palette_css(speakers: Annotated[int, Query(ge=0, le=MAX_SPEAKERS)] = 0) -> Response:
    """The colours; ``speakers=N`` adds a class for each of an article's N speakers."""
    return Response(palette.stylesheet(speakers), media_type="text/css")


@router.get("/", response_class=HTMLResponse)
def index(request: Request, page: Annotated[int, Query(ge=1)] = 1) -> HTMLResponse:
    with open_ledger(request) as ledger:
        found = queries.sources(ledger, Filters(limit=PAGE + 1, offset=(page - 1) * PAGE, newest_first=True))
        stories = link_stories.stories_page(ledger, min_articles=2, limit=10)
        return _page(request, "index.html", days=desk_days(found[:PAGE]), stories=stories,
                     counts=ledger.counts(), pager=_pager(request, page, len(found) > PAGE))


@router.get("/articles/{article_id:path}", response_class=HTMLResponse)
def article(request: Request, article_id: str) -> HTMLResponse:
    with open_ledger(request) as ledger:
        found = ledger.article(article_id)
        if found is None:
            raise HTTPException(404, f"no article {article_id!r}")
        records = views.article_records(ledger, article_id)
        speakers = views.speaker_classes(records["quotes"])
        # The legend: speakers, then each layer marked by a line of its colour.
        return _page(request, "article.html", article=found,
                     body=highlight.render(found.text, views.marks(records)),
                     details=views.record_details(records, found, _article_entities(ledger, article_id)),
                     speakers=speakers, palette_speakers=sum(k is not None for k in speakers),
                     legend=[(spec.singular, len(records[spec.name])) for spec in REGISTRY if spec.colour])


def _article_entities(ledger, article_id: str) -> list:  # type: ignore[no-untyped-def]
    """The entities one article mentions (by the indexed ``mentions.article_id``)."""
    ids = sorted({m.entity_id for m, _ in queries.records_where(ledger, "mentions", "r.article_id = ?",
                                                               [article_id], limit=None)})
    return [e for e in (queries.entity(ledger, i) for i in ids) if e]


@router.get("/quotes", response_class=HTMLResponse)
def quotes(request: Request, speaker: str = "", q: str = "", outlet: str = "",
           since: str = "", until: str = "", raw: bool = False, page: Annotated[int, Query(ge=1)] = 1) -> HTMLResponse:
    form = {"speaker": speaker, "q": q, "outlet": outlet, "since": since, "until": until}
    searched = any(form.values())
    with open_ledger(request) as ledger:
        results = ledger.search_quotes(speaker or None, q or None, outlet or None, day(since, "since"),
                                       day(until, "until"), raw=raw, limit=PAGE + 1,
                                       offset=(page - 1) * PAGE) if searched else []
        speakers = [name for name, _ in queries.top_values(ledger, "quotes", "speaker", 300)]
        return _page(request, "quotes.html", form=form, searched=searched, results=results[:PAGE],
                     speakers=speakers, palette_speakers=sum(k is not None for k in speakers), outlets=queries.outlets(ledger),
                     pager=_pager(request, page, len(results) > PAGE))


def _story(ledger, story: str):  # type: ignore[no-untyped-def]
    """The story a ``?story=`` names (404 when unknown), or None."""
    if not story:
        return None
    found = link_stories.read_story(ledger, story)
    if found is None:
        raise HTTPException(404, f"no story {story!r}")
    return found


@router.get("/stances", response_class=HTMLResponse)
def stances(request: Request, story: str = "", holder: str = "", issue: str = "",
            since: str = "", until: str = "") -> HTMLResponse:
    form = {"story": story, "holder": holder, "issue": issue, "since": since, "until": until}
    with open_ledger(request) as ledger:
        picked = _story(ledger, story)
        matrix = desk.issue_matrix(ledger, holder=holder or None, issue=issue or None,
                                   article_ids=picked.article_ids if picked else None,
                                   since=day(since, "since"), until=day(until, "until"))
        stances_shown = [s for cell in matrix.cells.values() for s, _ in cell.history]
        events = [e for e, _ in queries.records(ledger, "events", Filters(
            where=("r.place_options != '[]'",), article_ids=picked.article_ids if picked else None, limit=500))]
        return _page(request, "stances.html", matrix=matrix, form=form, story=picked,
                     issues=sorted(desk.issue_labels().items()),
                     tables=views.option_tables(stances_shown, events))


def _layers(layer: list[str] | None, times: bool) -> tuple[str, ...]:
    chosen = tuple(x for x in (layer or ()) if x in TIMELINE_LAYERS)
    if not chosen:
        chosen = tl.DEFAULT_LAYERS
    return (*chosen, "time") if times and "time" not in chosen else chosen


@router.get("/timeline", response_class=HTMLResponse)
def timeline(request: Request, layer: Annotated[list[str] | None, Query()] = None,
             since: str = "", until: str = "", story: str = "", as_of: str = "", times: bool = False,
             page: Annotated[int, Query(ge=1)] = 1) -> HTMLResponse:
    chosen = _layers(layer, times)
    with open_ledger(request) as ledger:
        picked = _story(ledger, story)
        as_of = day(as_of, "as_of") or queries.latest_published(ledger) or dt.date.today().isoformat()
        ids = picked.article_ids if picked else None
        query = tl.Query(chosen, day(since, "since"), day(until, "until"), ids, limit=PAGE + 1,
                         offset=(page - 1) * PAGE)
        rows = desk.timeline_rows(ledger, query, as_of)
        figures = desk.figure_events(ledger, Filters(article_ids=ids, since=query.since, until=query.until))
        return _page(request, "timeline.html", rows=rows[:PAGE], chosen=chosen, layers=TIMELINE_LAYERS,
                     form={"since": since, "until": until, "story": story, "as_of": as_of, "times": times},
                     story=picked, stories=link_stories.stories_page(ledger, min_articles=2, limit=50),
                     timeline_spec=desk.timeline_spec(rows[:PAGE]), figures_spec=desk.figures_spec(figures),
                     pager=_pager(request, page, len(rows) > PAGE))


@router.get("/entities", response_class=HTMLResponse)
def entities(request: Request, page: Annotated[int, Query(ge=1)] = 1) -> HTMLResponse:
    with open_ledger(request) as ledger:
        rows = views.entity_rows(ledger, PAGE + 1, (page - 1) * PAGE)
        return _page(request, "entities.html", rows=rows[:PAGE], pager=_pager(request, page, len(rows) > PAGE))


@router.get("/entities/{entity_id}", response_class=HTMLResponse)
def entity(request: Request, entity_id: str) -> HTMLResponse:
    with open_ledger(request) as ledger:
        found = views.entity_by_id(ledger, entity_id)
        if found is None:
            raise HTTPException(404, f"no entity {entity_id!r}")
        mentions = queries.mentions_of(ledger, found.id, limit=PAGE)
        cluster = views.cluster_of(ledger, found.id)
        rows = desk.timeline_rows(ledger, tl.Query(cluster_id=cluster.id, limit=PAGE), None) if cluster else []
        shown = views.entity_view(ledger, found)  # the library's one query: the CLI and the API count the same
        full = shown.by_layer()
        counts = {layer: len(found_records) for layer, found_records in full.items()}
        counts["mentions"] = queries.count(ledger, "mentions", Filters(where=("r.entity_id = ?",), params=(found.id,)))
        return _page(request, "entity.html", entity=found, mentions=mentions, cluster=cluster,
                     records={layer: rs[:PAGE] for layer, rs in full.items()}, corrected=shown.corrected,
                     rows=rows, counts=counts)


@router.get("/stories", response_class=HTMLResponse)
def stories(request: Request, page: Annotated[int, Query(ge=1)] = 1, min_articles: int = 1) -> HTMLResponse:
    with open_ledger(request) as ledger:
        found = link_stories.stories_page(ledger, min_articles=min_articles, limit=PAGE + 1, offset=(page - 1) * PAGE)
        return _page(request, "stories.html", stories=found[:PAGE], pager=_pager(request, page, len(found) > PAGE))


@router.get("/stories/{story_id}", response_class=HTMLResponse)
def story(request: Request, story_id: str, as_of: str = "", since: str = "",
          layer: Annotated[list[str] | None, Query()] = None, times: bool = False,
          page: Annotated[int, Query(ge=1)] = 1) -> HTMLResponse:
    """The desk: one story on one page."""
    with open_ledger(request) as ledger:
        found = link_stories.read_story(ledger, story_id)
        if found is None:
            raise HTTPException(404, f"no story {story_id!r}")
        ids = found.article_ids
        members = queries.sources_by_id(ledger, ids)
        articles = sorted(members.values(), key=lambda s: (s.published or "", s.article_id))
        as_of = day(as_of, "as_of") or queries.latest_published(ledger) or dt.date.today().isoformat()
        last_day = max((a.day for a in articles if a.day), default=None)
        since = day(since, "since") or (_day_before(last_day) if last_day else "")
        chosen = _layers(layer, times)
        rows = desk.timeline_rows(ledger, tl.Query(chosen, article_ids=ids, limit=PAGE + 1,
                                                   offset=(page - 1) * PAGE), as_of)
        said = queries.records(ledger, "quotes", Filters(article_ids=ids, limit=PAGE))
        figures = desk.figure_events(ledger, Filters(article_ids=ids))
        return _page(request, "story.html", story=found, articles=articles, rows=rows[:PAGE],
                     title=found.title or (articles[0].title if articles and articles[0].title else "Untitled story"),
                     timeline_spec=desk.timeline_spec(rows[:PAGE]), figures_spec=desk.figures_spec(figures),
                     said=said, matrix=desk.issue_matrix(ledger, article_ids=ids),
                     due=desk.commitments_due(ledger, ids, as_of), new=desk.new_since(ledger, ids, since),
                     form={"as_of": as_of, "since": since, "times": times}, chosen=chosen, layers=TIMELINE_LAYERS,
                     pager=_pager(request, page, len(rows) > PAGE))


def _day_before(value: str) -> str:
    return (dt.date.fromisoformat(value) - dt.timedelta(days=1)).isoformat()


@router.get("/docs", response_class=HTMLResponse)
def api_docs(request: Request) -> HTMLResponse:
    """The API described from the app's own OpenAPI schema (no Swagger UI: it loads from a CDN)."""
    return _page(request, "docs.html", routes=views.api_routes(request.app.openapi()))
