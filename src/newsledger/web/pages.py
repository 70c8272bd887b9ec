"""The server-rendered pages: index, article view, who said what, stance matrix,
timeline, entities and stories. Each route reads the ledger, shapes the data with
:mod:`newsledger.web.views` and renders one Jinja2 template (autoescaped)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, Response

from newsledger.layers import REGISTRY
from newsledger.web import chart, highlight, palette, views
from newsledger.web.deps import day, open_ledger

router = APIRouter(include_in_schema=False)

#: Timeline layers a reader can filter on (the ``timeline`` view's layer names), in
#: registry order.
TIMELINE_LAYERS: tuple[str, ...] = tuple(spec.singular for spec in REGISTRY)


def _page(request: Request, template: str, **context: Any) -> HTMLResponse:
    return request.app.state.templates.TemplateResponse(request, template, context)


@router.get("/palette.css")
def palette_css() -> Response:
    return Response(palette.stylesheet(), media_type="text/css")


@router.get("/", response_class=HTMLResponse)
def index(request: Request) -> HTMLResponse:
    with open_ledger(request) as ledger:
        articles, stories = ledger.articles(), ledger.stories()
        return _page(request, "index.html", days=views.by_day(articles), stories=stories,
                     story_titles=views.story_titles(stories, articles), counts=ledger.counts())


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
                     details=views.record_details(records), speakers=speakers,
                     legend=[(spec.singular, len(records[spec.name])) for spec in REGISTRY if spec.colour])


@router.get("/quotes", response_class=HTMLResponse)
def quotes(request: Request, speaker: str = "", q: str = "", outlet: str = "",
           since: str = "", until: str = "", raw: bool = False) -> HTMLResponse:
    form = {"speaker": speaker, "q": q, "outlet": outlet, "since": since, "until": until}
    searched = any(form.values())
    with open_ledger(request) as ledger:
        results = ledger.search_quotes(speaker or None, q or None, outlet or None,
                                       day(since, "since"), day(until, "until"), raw=raw) if searched else []
        speakers = sorted({qt.speaker for qt in ledger.records("quotes") if qt.speaker})
        outlets = sorted({a.outlet for a in ledger.articles() if a.outlet})
        return _page(request, "quotes.html", form=form, searched=searched, results=results,
                     speakers=speakers, outlets=outlets)


@router.get("/stances", response_class=HTMLResponse)
def stances(request: Request) -> HTMLResponse:
    with open_ledger(request) as ledger:
        found, events = ledger.records("stances"), ledger.records("events")
        return _page(request, "stances.html", matrix=views.stance_matrix(found),
                     tables=views.option_tables(found, events))


@router.get("/timeline", response_class=HTMLResponse)
def timeline(request: Request, layer: Annotated[list[str] | None, Query()] = None,
             since: str = "", until: str = "", story: str = "", as_of: str = "") -> HTMLResponse:
    chosen = [x for x in (layer or ()) if x in TIMELINE_LAYERS]
    as_of = day(as_of, "as_of") or dt.date.today().isoformat()
    with open_ledger(request) as ledger:
        stories = ledger.stories()
        picked = next((s for s in stories if s.id == story), None) if story else None
        if story and picked is None:
            raise HTTPException(404, f"no story {story!r}")
        rows = views.timeline_rows(ledger, layers=chosen, since=day(since, "since"), until=day(until, "until"),
                                   article_ids=picked.article_ids if picked else None, as_of=as_of)
        events = [e for e in ledger.records("events") if picked is None or e.article_id in picked.article_ids]
        return _page(request, "timeline.html", rows=rows, chosen=chosen, layers=TIMELINE_LAYERS,
                     form={"since": since, "until": until, "story": story, "as_of": as_of},
                     stories=stories, story_titles=views.story_titles(stories, ledger.articles()),
                     chart=chart.layout(chart.points(events)))


@router.get("/entities", response_class=HTMLResponse)
def entities(request: Request) -> HTMLResponse:
    with open_ledger(request) as ledger:
        return _page(request, "entities.html", rows=ledger.view("entity_mentions"))


@router.get("/entities/{entity_id}", response_class=HTMLResponse)
def entity(request: Request, entity_id: str) -> HTMLResponse:
    with open_ledger(request) as ledger:
        found = views.entity_by_id(ledger, entity_id)
        if found is None:
            raise HTTPException(404, f"no entity {entity_id!r}")
        mentions = [m for m in ledger.mentions() if m.entity_id == found.id]
        cluster = views.cluster_of(ledger, found.id)
        rows = views.timeline_rows(ledger, cluster_id=cluster.id) if cluster else []
        titles = {a.id: views.headline(a, 50) for a in ledger.articles()}
        shown = views.entity_view(ledger, found)
        return _page(request, "entity.html", entity=found, mentions=mentions, cluster=cluster,
                     records=shown.by_layer(), corrected=shown.corrected, rows=rows, titles=titles)


@router.get("/stories", response_class=HTMLResponse)
def stories(request: Request) -> HTMLResponse:
    with open_ledger(request) as ledger:
        stories = ledger.stories()
        return _page(request, "stories.html", stories=stories,
                     story_titles=views.story_titles(stories, ledger.articles()))


@router.get("/stories/{story_id}", response_class=HTMLResponse)
def story(request: Request, story_id: str) -> HTMLResponse:
    with open_ledger(request) as ledger:
        found = next((s for s in ledger.stories() if s.id == story_id), None)
        if found is None:
            raise HTTPException(404, f"no story {story_id!r}")
        members = [a for a in (ledger.article(i) for i in found.article_ids) if a]
        rows = views.timeline_rows(ledger, article_ids=found.article_ids)
        return _page(request, "story.html", story=found, articles=members, rows=rows,
                     title=views.story_titles([found], members)[found.id])
