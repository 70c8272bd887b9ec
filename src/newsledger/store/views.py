"""Views over the ledger tables for people browsing the file (Datasette, sqlite3).

Each view answers one common question with readable column names and the
``article_id`` / ``span_start`` / ``span_end`` needed to go back to the evidence.
Plain SQL with no SQLite-only functions, so a second backend can reuse it. The
``timeline`` view is generated from the layer registry (:mod:`newsledger.layers`).
"""

from __future__ import annotations

from newsledger.layers import REGISTRY, LayerSpec

#: The source block every view joins for article context.
_ARTICLE = "a.outlet AS outlet, a.published AS published, a.title AS title"

#: The publication day, for a layer the registry dates by its article.
_PUBLISHED_DAY = "substr(a.published, 1, 10)"

#: Ties are ordered by layer, article and span so every backend lists them alike (a
#: sort need not keep the order of the UNION's branches).
_TIMELINE_ORDER = "date_start, date_end, layer, article_id, span_start, span_end, record_id"


def _timeline_branch(spec: LayerSpec) -> str:
    """One layer's SELECT of the ``timeline`` view, from its registry ``timeline`` SQL."""
    sql = spec.timeline
    if sql.start is not None:
        start, end, source = sql.start, sql.end or "NULL", "record"
        dated = sql.dated or sql.start
    else:
        start, end, source, dated = _PUBLISHED_DAY, _PUBLISHED_DAY, "published", "a.published"
    return f"""SELECT {start} AS date_start, {end} AS date_end, '{source}' AS date_source,
       '{spec.singular}' AS layer, {sql.kind} AS kind, {sql.who} AS who, {sql.what} AS what,
       {sql.evidence} AS evidence, {_ARTICLE}, r.article_id AS article_id,
       r.span_start AS span_start, r.span_end AS span_end, r.id AS record_id
FROM {spec.name} r JOIN articles a ON a.id = r.article_id WHERE {dated} IS NOT NULL"""


def _timeline_select() -> str:
    """The ``timeline`` view: one ``UNION ALL`` branch per layer of the registry."""
    branches = "\nUNION ALL\n".join(_timeline_branch(spec) for spec in REGISTRY)
    return f"{branches}\nORDER BY {_TIMELINE_ORDER}"


#: (view name, SELECT). ``timeline`` dates each layer as the registry says
#: (:class:`~newsledger.layers.TimelineSQL`): times, events and commitments by their own
#: dates, quotes and stances by their article's publication day (``date_source``); an
#: event's ``who`` is its actor, else its participants (a JSON list).
VIEWS: tuple[tuple[str, str], ...] = (
    (
        "who_said_what",
        f"""SELECT q.speaker AS speaker, q.text AS quote, q.kind AS kind, q.cue AS cue,
       q.medium AS medium, q.speaker_mention AS speaker_mention, q.reports AS reports,
       {_ARTICLE}, a.url AS url, q.article_id AS article_id,
       q.span_start AS span_start, q.span_end AS span_end, q.id AS quote_id
FROM quotes q JOIN articles a ON a.id = q.article_id""",
    ),
    ("timeline", _timeline_select()),
    (
        "stance_table",
        f"""SELECT s.holder AS holder, s.polarity AS polarity, s.modality AS modality,
       s.target AS target, s.issue AS issue, s.option AS option, s.evidence AS evidence,
       {_ARTICLE}, s.article_id AS article_id, s.span_start AS span_start,
       s.span_end AS span_end, s.id AS stance_id
FROM stances s JOIN articles a ON a.id = s.article_id""",
    ),
    (
        "commitments_due",
        f"""SELECT c.holder AS holder, c.kind AS kind, c.action AS action,
       c.condition AS condition, c.due_start AS due_start, c.due AS due,
       c.evidence AS evidence, {_ARTICLE}, c.article_id AS article_id,
       c.span_start AS span_start, c.span_end AS span_end, c.id AS commitment_id
FROM commitments c JOIN articles a ON a.id = c.article_id
ORDER BY c.due IS NULL, c.due, c.holder""",
    ),
    (
        "entity_mentions",
        """SELECT e.name AS name, e.type AS type, COUNT(m.id) AS mentions,
       COUNT(DISTINCT m.article_id) AS articles, e.aliases AS aliases, e.id AS entity_id
FROM entities e LEFT JOIN mentions m ON m.entity_id = e.id
GROUP BY e.id, e.name, e.type, e.aliases
ORDER BY mentions DESC, name""",
    ),
)


#: The view names, for callers that list or validate them.
VIEW_NAMES: tuple[str, ...] = tuple(name for name, _ in VIEWS)


def views_ddl() -> list[str]:
    """``CREATE VIEW`` statements for :data:`VIEWS`."""
    return [f"CREATE VIEW IF NOT EXISTS {name} AS\n{select}" for name, select in VIEWS]


def drop_views_ddl() -> list[str]:
    """``DROP VIEW`` statements, for migrations that change a view's tables."""
    return [f"DROP VIEW IF EXISTS {name}" for name, _ in VIEWS]
