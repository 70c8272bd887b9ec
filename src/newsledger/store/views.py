"""Views over the ledger tables for people browsing the file (Datasette, sqlite3).

Each view answers one common question with readable column names and the
``article_id`` / ``span_start`` / ``span_end`` needed to go back to the evidence.
Plain SQL with no SQLite-only functions, so a second backend can reuse it.
"""

from __future__ import annotations

#: The source block every view joins for article context.
_ARTICLE = "a.outlet AS outlet, a.published AS published, a.title AS title"

#: (view name, SELECT). ``timeline`` dates times, events and commitments by their own
#: dates and quotes and stances by their article's publication date (``date_source``);
#: an event's ``who`` is its actor, else its participants (a JSON list). Ties are
#: ordered by article and span so every backend lists them alike (a sort need not keep
#: the order of the UNION's branches).
VIEWS: tuple[tuple[str, str], ...] = (
    (
        "who_said_what",
        f"""SELECT q.speaker AS speaker, q.text AS quote, q.kind AS kind, q.cue AS cue,
       q.medium AS medium, q.speaker_mention AS speaker_mention, q.reports AS reports,
       {_ARTICLE}, a.url AS url, q.article_id AS article_id,
       q.span_start AS span_start, q.span_end AS span_end, q.id AS quote_id
FROM quotes q JOIN articles a ON a.id = q.article_id""",
    ),
    (
        "timeline",
        f"""SELECT t."start" AS date_start, t."end" AS date_end, 'record' AS date_source,
       'time' AS layer, t.type AS kind, NULL AS who, t.text AS what, t.text AS evidence,
       {_ARTICLE}, t.article_id AS article_id, t.span_start AS span_start,
       t.span_end AS span_end, t.id AS record_id
FROM times t JOIN articles a ON a.id = t.article_id WHERE t."start" IS NOT NULL
UNION ALL
SELECT e."start", e."end", 'record', 'event', e.type || ' (' || e.status || ')',
       COALESCE(e.actor, NULLIF(e.participants, '[]')), COALESCE(e."trigger", e.type),
       e.evidence, {_ARTICLE},
       e.article_id, e.span_start, e.span_end, e.id
FROM events e JOIN articles a ON a.id = e.article_id WHERE e."start" IS NOT NULL
UNION ALL
SELECT COALESCE(c.due_start, c.due), c.due, 'record', 'commitment', c.kind, c.holder,
       c.action, c.evidence, {_ARTICLE}, c.article_id, c.span_start, c.span_end, c.id
FROM commitments c JOIN articles a ON a.id = c.article_id WHERE c.due IS NOT NULL
UNION ALL
SELECT substr(a.published, 1, 10), substr(a.published, 1, 10), 'published', 'quote',
       q.kind, q.speaker, q.text, q.text, {_ARTICLE}, q.article_id, q.span_start,
       q.span_end, q.id
FROM quotes q JOIN articles a ON a.id = q.article_id WHERE a.published IS NOT NULL
UNION ALL
SELECT substr(a.published, 1, 10), substr(a.published, 1, 10), 'published', 'stance',
       s.polarity, s.holder, s.target, s.evidence, {_ARTICLE}, s.article_id,
       s.span_start, s.span_end, s.id
FROM stances s JOIN articles a ON a.id = s.article_id WHERE a.published IS NOT NULL
ORDER BY date_start, date_end, layer, article_id, span_start, span_end, record_id""",
    ),
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
