"""What each page shows, computed from the ledger's public API: pure functions over
records, kept apart from the routes so they are tested without a server.

The reads are paged SQL (:mod:`newsledger.store.queries`): an entity's records by
their indexed columns, a page of entities ranked on the mentions index, one article's
own entities and story. The story desk's parts are in :mod:`newsledger.web.desk`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from newsledger.annotate.stances.options import Table, options_table
from newsledger.layers import LAYERS, REGISTRY
from newsledger.link import Ledger
from newsledger.link import stories as link_stories
from newsledger.link.entity_records import EntityRecords
from newsledger.records import (
    Article,
    Entity,
    Event,
    Quote,
    Stance,
    to_dict,
)
from newsledger.store import queries
from newsledger.web import palette
from newsledger.web.highlight import Mark

def headline(article: Article, width: int = 90) -> str:
    """The title, else the text's opening words: an untitled article stays recognisable.
    ``headline(Article("a", "Donald Trump has said American troops…"))`` ->
    ``"Donald Trump has said American troops…"``."""
    if article.title:
        return article.title
    line = " ".join(article.text.split())
    return line if len(line) <= width else line[: width - 1].rsplit(" ", 1)[0] + "…"


def speaker_classes(quotes: Iterable[Quote]) -> dict[str | None, str]:
    """CSS class per speaker in order of first quote: ``{"Donald Trump": "spk-0", …}``."""
    classes: dict[str | None, str] = {}
    for quote in sorted(quotes, key=lambda q: q.span):
        if quote.speaker not in classes:
            index = None if quote.speaker is None else sum(k is not None for k in classes)
            classes[quote.speaker] = palette.speaker_class(index)
    return classes


def marks(records: dict[str, list[Any]]) -> list[Mark]:
    """One :class:`Mark` per record of every layer (its CSS class the layer's singular,
    its label the registry's); quotes coloured by speaker."""
    colours = speaker_classes(records.get("quotes", ()))
    found = []
    for spec in REGISTRY:
        for record in records.get(spec.name, ()):
            css = colours[record.speaker] if spec.name == "quotes" else ""
            found.append(Mark(record.id, spec.singular, record.span[0], record.span[1], css,
                              spec.label(record)))
    return found


def article_records(ledger: Ledger, article_id: str) -> dict[str, list[Any]]:
    """Every layer's records of one article: ``{"quotes": [...], "times": [...], …}``."""
    return {layer: ledger.records(layer, article_id) for layer in LAYERS}


#: Fields the record panel leaves out: ids and offsets (the highlight and the citation
#: show where the record is), and the speaker's entity id (shown as a link).
INTERNAL_FIELDS = frozenset({"id", "article_id", "span", "speaker_span", "speaker_id", "cue_lemma", "date_source"})

#: Fields naming a person or body, linked to the entity page when the article names it.
NAME_FIELDS = ("speaker", "holder", "actor", "target", "source", "reports")


@dataclass(frozen=True)
class Detail:
    """What the record panel shows of one record: its fields, links to the entities it
    names, and a citation (outlet, day, URL and the quoted evidence)."""

    record_id: str
    layer: str
    fields: list[tuple[str, str]]
    entities: list[tuple[str, str]]
    evidence: str


def record_details(records: dict[str, list[Any]], article: Article | None = None,
                   entities: Iterable[Entity] = ()) -> list[Detail]:
    """One :class:`Detail` per record: set fields only, lists joined, internal fields
    (:data:`INTERNAL_FIELDS`) left out; the names in :data:`NAME_FIELDS` linked to the
    article's ``entities`` by name or alias; the evidence quoted from the article text."""
    by_name: dict[str, str] = {}
    for entity in entities:
        for name in (entity.name, *entity.aliases):
            by_name.setdefault(name, entity.id)
    details = []
    for spec in REGISTRY:
        for record in records.get(spec.name, ()):
            data = to_dict(record)
            fields = [(name.replace("_", " "), _show(value)) for name, value in data.items()
                      if name not in INTERNAL_FIELDS and value not in (None, [], "")]
            linked = {getattr(record, "speaker_id", None): getattr(record, "speaker", None)} if getattr(
                record, "speaker_id", None) else {}
            for name in NAME_FIELDS:
                value = data.get(name)
                if isinstance(value, str) and value in by_name:
                    linked.setdefault(by_name[value], value)
            for value in data.get("participants") or ():
                if value in by_name:
                    linked.setdefault(by_name[value], value)
            start, end = record.span
            quoted = article.text[start:end] if article is not None else ""
            details.append(Detail(record.id, spec.singular, fields,
                                  [(i, n or i) for i, n in linked.items() if i], " ".join(quoted.split())))
    return details


def _show(value: Any) -> str:
    if isinstance(value, list):
        if value and all(isinstance(v, int) for v in value):
            return "–".join(map(str, value))
        return ", ".join(_show(v) for v in value)
    if isinstance(value, dict):  # a quantity
        value = {k: v for k, v in value.items() if v is not None}
        number = value.get("value")
        number = int(number) if isinstance(number, float) and number.is_integer() else number
        return f"{number} {value.get('unit', '')}".strip()
    return str(value)


def option_tables(stances: Sequence[Stance], events: Sequence[Event]) -> list[tuple[str, Table]]:
    """(issue, options × parties table) for each issue weighing alternatives."""
    issues = sorted({s.issue for s in stances if s.issue and s.option}
                    | {f"{e.type}-venue" for e in events if e.place_options})
    return [(issue, options_table(stances, events, issue)) for issue in issues]


def entity_records(ledger: Ledger, entity: Entity) -> dict[str, list[Any]]:
    """Quotes by, stances and commitments held by, events with the entity's cross-article
    cluster: the library's one query (``link.entity_records``), as the CLI counts them."""
    return entity_view(ledger, entity).by_layer()


def entity_view(ledger: Ledger, entity: Entity) -> EntityRecords:
    """The corrected records of the entity's cluster, with the ids of corrected ones."""
    cluster = cluster_of(ledger, entity.id)
    return ledger.entity_records(cluster.id) if cluster else EntityRecords()


def entity_rows(ledger: Ledger, limit: int, offset: int = 0) -> list[dict[str, Any]]:
    """One page of entities, most mentioned first, as the ``entity_mentions`` view
    lists them (name, type, mentions, articles, entity_id). The ranking counts the
    covering index of ``mentions.entity_id``; names and article counts are read for the
    page's entities only (``entity_links`` holds one row per article and entity)."""
    ranked = ledger.execute("SELECT entity_id, COUNT(*) AS n FROM mentions GROUP BY entity_id "
                            "ORDER BY n DESC, entity_id LIMIT ? OFFSET ?", (limit, offset)).fetchall()
    rows = []
    for entity_id, n in ranked:
        entity = queries.entity(ledger, entity_id)
        if entity is None:
            continue
        articles = ledger.execute("SELECT COUNT(*) FROM entity_links WHERE entity_id = ?", (entity_id,)).fetchone()[0]
        if not articles:  # a ledger not linked yet: count the mentions' articles
            articles = ledger.execute("SELECT COUNT(DISTINCT article_id) FROM mentions WHERE entity_id = ?",
                                      (entity_id,)).fetchone()[0]
        rows.append({"name": entity.name, "type": entity.type, "mentions": n, "articles": articles,
                     "aliases": list(entity.aliases), "entity_id": entity_id})
    return rows


@dataclass(frozen=True)
class ClusterSummary:
    """What the entity page says of the entity's cross-article cluster."""

    id: str
    name: str
    articles: int
    aliases: tuple[str, ...]


def cluster_of(ledger: Ledger, entity_id: str) -> ClusterSummary | None:
    """The cross-article cluster the entity belongs to, read by the indexed
    ``entity_links.entity_id`` and ``cluster_id`` (not every cluster of the ledger)."""
    row = ledger.execute("SELECT l.cluster_id, c.name FROM entity_links l JOIN entity_clusters c ON c.id = l.cluster_id "
                         "WHERE l.entity_id = ? LIMIT 1", (entity_id,)).fetchone()
    if row is None:
        return None
    cluster_id, name = row
    articles = ledger.execute("SELECT COUNT(DISTINCT article_id) FROM entity_links WHERE cluster_id = ?",
                              (cluster_id,)).fetchone()[0]
    aliases = [r[0] for r in ledger.execute(
        "SELECT DISTINCT e.name FROM entity_links l JOIN entities e ON e.id = l.entity_id WHERE l.cluster_id = ? "
        "ORDER BY e.name LIMIT 50", (cluster_id,)) if r[0] != name]
    return ClusterSummary(cluster_id, name, int(articles), tuple(aliases))


def entity_by_id(ledger: Ledger, entity_id: str) -> Entity | None:
    """One entity by its id (the primary key)."""
    return queries.entity(ledger, entity_id)


def api_routes(schema: dict[str, Any]) -> list[dict[str, Any]]:
    """The API page's rows from the OpenAPI schema: method, path, summary, parameters."""
    rows = []
    for path, methods in schema.get("paths", {}).items():
        for method, spec in methods.items():
            params = [(p["name"], p.get("in", ""), p.get("description") or p.get("schema", {}).get("description", ""),
                       p.get("required", False)) for p in spec.get("parameters", [])]
            rows.append({"method": method.upper(), "path": path, "summary": spec.get("summary", ""),
                         "parameters": params})
    return rows


def article_export(ledger: Ledger, article: Article) -> dict[str, list[dict[str, Any]]]:
    """One article in the export's lists: the article, the entities it mentions, its
    mentions, records and stories."""
    mentions = ledger.mentions(article.id)
    used = sorted({m.entity_id for m in mentions})
    entities = [e for e in (queries.entity(ledger, i) for i in used) if e]
    data: dict[str, list[dict[str, Any]]] = {
        "articles": [to_dict(article)],
        "entities": [to_dict(e) for e in sorted(entities, key=lambda e: used.index(e.id))],
        "mentions": [to_dict(m) for m in mentions],
    }
    for layer in LAYERS:
        data[layer] = [to_dict(r) for r in ledger.records(layer, article.id)]
    row = ledger.execute("SELECT story_id FROM story_articles WHERE article_id = ?", (article.id,)).fetchone()
    story = link_stories.read_story(ledger, row[0]) if row else None
    data["stories"] = [to_dict(story)] if story else []
    return data
