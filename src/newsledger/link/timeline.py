"""Timelines across articles: dated records per story or entity, stance changes,
overdue commitments.

A record's date is its own when it has one (times, events, commitments' due dates),
else its article's publication day (quotes, stances) — the ``timeline`` view of the
store. A record belongs to an entity when its speaker, holder, actor or a participant
is a name that :mod:`newsledger.link.resolve` linked to the entity's cluster *in that
record's article* ("Clinton" counts for Hillary Clinton only where it stands for her).

* :func:`stance_changes`: one holder's stances on one issue (the stance's ``issue``,
  else targets sharing half the content words of the longer), in date order; every change of polarity
  or modality is reported with both evidence spans.
* :func:`overdue`: commitments due before ``as_of`` with no matching event — an event
  that happened, by the same entity (when the holder is known), dated between the
  commitment's article and ``as_of``, sharing a content word stem with the action.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from newsledger.link.names import fold
from newsledger.records import Commitment, Event, Stance
from newsledger.store import Ledger
from newsledger.store.queries import Filters, records

#: Words too common to tie an action to an event (sklearn's English stop words are
#: applied too); from PolNeAR commitments ("will make America great").
GENERIC = frozenset({"make", "will", "going", "year", "years", "new", "people", "time"})


@dataclass(frozen=True, slots=True)
class Entry:
    """One dated line of a timeline, with the span back into its article."""

    date: str | None
    layer: str
    kind: str
    who: str | None
    what: str
    evidence: str
    article_id: str
    span: tuple[int, int]
    record_id: str
    outlet: str | None
    date_source: str


@dataclass(frozen=True, slots=True)
class StanceChange:
    """``holder`` moved from ``before`` to ``after`` on ``topic`` between two dates."""

    holder: str
    topic: str
    before: Stance
    after: Stance
    before_date: str
    after_date: str

    def describe(self) -> str:
        """``"Jeb Bush moved from oppose to possible support on Trump between …"``."""
        return (f"{self.holder} moved from {_position(self.before)} to {_position(self.after)} "
                f"on {self.topic} between {self.before_date} and {self.after_date}")


def _position(stance: Stance) -> str:
    return stance.polarity if stance.modality == "certain" else f"{stance.modality} {stance.polarity}"


class Names:
    """Which cluster a name stands for in an article, from the stored links."""

    def __init__(self, ledger: Ledger, article_ids: Sequence[str] | None = None) -> None:
        """Every article's names, or (``article_ids``) those of a few articles only: a
        page of a timeline reads the links of its own articles."""
        self._by_name: dict[tuple[str, str], str] = {}
        if article_ids is None:
            self._cluster_names = dict(ledger.execute("SELECT id, name FROM entity_clusters").fetchall())
            links = ledger.execute("SELECT l.article_id, e.name, l.cluster_id FROM entity_links l "
                                   "JOIN entities e ON e.id = l.entity_id").fetchall()
        else:
            links, self._cluster_names = [], {}
            ids = sorted(set(article_ids))
            for at in range(0, len(ids), 500):
                part = ids[at:at + 500]
                marks = ", ".join("?" for _ in part)
                links += ledger.execute(
                    "SELECT l.article_id, e.name, l.cluster_id FROM entity_links l JOIN entities e ON e.id = l.entity_id "
                    f"WHERE l.article_id IN ({marks})", part).fetchall()
                self._cluster_names.update(ledger.execute(
                    "SELECT c.id, c.name FROM entity_clusters c WHERE c.id IN (SELECT l.cluster_id FROM entity_links l "
                    f"WHERE l.article_id IN ({marks}))", part).fetchall())
        for article_id, name, cluster_id in links:
            self._by_name[(article_id, fold(name))] = cluster_id

    def cluster(self, article_id: str, name: str | None) -> str | None:
        """The cluster id ``name`` stands for in the article, or None."""
        return None if name is None else self._by_name.get((article_id, fold(name)))

    def canonical(self, article_id: str, name: str | None) -> str | None:
        """The cross-article name: ``("a1", "Clinton")`` -> ``"Hillary Clinton"``."""
        cluster = self.cluster(article_id, name)
        return self._cluster_names.get(cluster, name) if cluster else name


def _who(row: dict[str, Any]) -> list[str]:
    who = row["who"]
    if who is None:
        return []
    if who.startswith("["):
        return list(json.loads(who))
    return [who]


def timeline(ledger: Ledger, cluster_id: str | None = None, article_ids: Sequence[str] | None = None) -> list[Entry]:
    """Dated records of an entity's cluster and/or a set of articles (a story), by date."""
    names = Names(ledger)
    wanted = set(article_ids) if article_ids is not None else None
    entries = []
    for row in ledger.view("timeline"):
        if wanted is not None and row["article_id"] not in wanted:
            continue
        who = _who(row)
        if cluster_id is not None and cluster_id not in {names.cluster(row["article_id"], w) for w in who}:
            continue
        entries.append(Entry(
            row["date_start"], row["layer"], row["kind"],
            ", ".join(filter(None, (names.canonical(row["article_id"], w) for w in who))) or None,
            row["what"], row["evidence"], row["article_id"], (row["span_start"], row["span_end"]),
            row["record_id"], row["outlet"], row["date_source"],
        ))
    return entries


#: What a timeline shows unless asked: what happened, who said what, what was promised.
#: Time mentions (every bare year an article names) and stances come on request.
DEFAULT_LAYERS: tuple[str, ...] = ("event", "quote", "commitment")


@dataclass(frozen=True)
class Query:
    """One page of a timeline: its layers, days (inclusive), articles (a story), entity
    cluster, and the page (``limit`` entries from ``offset``)."""

    layers: tuple[str, ...] = DEFAULT_LAYERS
    since: str | None = None
    until: str | None = None
    article_ids: Sequence[str] | None = None
    cluster_id: str | None = None
    limit: int | None = 100
    offset: int = 0


def cluster_articles(ledger: Ledger, cluster_id: str) -> list[str]:
    """The articles where an entity cluster is named (the indexed ``entity_links.cluster_id``)."""
    rows = ledger.execute("SELECT DISTINCT article_id FROM entity_links WHERE cluster_id = ?", (cluster_id,))
    return [row[0] for row in rows]


def cluster_names(ledger: Ledger, cluster_id: str) -> list[str]:
    """Every name the cluster's member entities carry (the canonical one included)."""
    rows = ledger.execute("SELECT DISTINCT e.name FROM entity_links l JOIN entities e ON e.id = l.entity_id "
                          "WHERE l.cluster_id = ?", (cluster_id,)).fetchall()
    return sorted({row[0] for row in rows})


def page(ledger: Ledger, query: Query) -> list[Entry]:
    """The entries of one timeline page, filtered in SQL on the ``timeline`` view (layer,
    days, articles) and paged there; an entity's timeline reads the articles that name
    it and keeps the entries whose speaker, holder or actor stands for it."""
    clauses, params = [], []
    if query.layers:
        clauses.append(f"layer IN ({', '.join('?' for _ in query.layers)})")
        params.extend(query.layers)
    if query.since:
        clauses.append("date_start >= ?")
        params.append(query.since)
    if query.until:
        clauses.append("substr(date_start, 1, 10) <= ?")
        params.append(query.until)
    article_ids = query.article_ids
    if query.cluster_id is not None:
        if article_ids is not None:
            named = set(cluster_articles(ledger, query.cluster_id))
            article_ids = [a for a in article_ids if a in named]
        # Only rows whose speaker, holder or actor is one of the cluster's names (or a
        # list of participants) can stand for it; each is then checked in its article.
        names = cluster_names(ledger, query.cluster_id)
        if not names:
            return []
        listed = " OR ".join("who LIKE ? ESCAPE '\\'" for _ in names)  # a JSON list of participants
        clauses.append(f"(who IN ({', '.join('?' for _ in names)}) OR {listed})")
        params.extend(names)
        params.extend('%"' + re.sub(r"([%_\\])", r"\\\1", json.dumps(n, ensure_ascii=False)[1:-1]) + '"%' for n in names)
    if article_ids is not None:
        clauses.append(f"article_id IN ({', '.join('?' for _ in article_ids)})" if article_ids else "1 = 0")
        params.extend(article_ids)
    sql = f"SELECT * FROM timeline {'WHERE ' + ' AND '.join(clauses) if clauses else ''} ORDER BY {_ORDER}"
    if query.cluster_id is None:
        return _entries(ledger, sql, params, query.limit, query.offset)
    # An entity's rows are checked name by name in their articles: read them a chunk at
    # a time until the page is full (the SQL name filter lets most of them through).
    wanted = None if query.limit is None else query.offset + query.limit
    chunk, at, kept = max(200, 2 * (wanted or 0)), 0, []
    while True:
        rows = _entries(ledger, sql, params, None if wanted is None else chunk, at, query.cluster_id)
        kept += rows[1]
        at += chunk
        if wanted is None or len(kept) >= wanted or rows[0] < chunk:
            break
    return kept[query.offset:wanted]


def _entries(ledger: Ledger, sql: str, params: list[Any], limit: int | None, offset: int,
             cluster_id: str | None = None) -> Any:
    """The entries of one SQL page; with ``cluster_id``, (rows read, entries of the cluster)."""
    if limit is not None:
        sql += " LIMIT ? OFFSET ?"
        params = [*params, limit, offset]
    cursor = ledger.execute(sql, params)
    columns = [d[0] for d in cursor.description]
    rows = [dict(zip(columns, row, strict=True)) for row in cursor]
    names = Names(ledger, [row["article_id"] for row in rows])
    if cluster_id is None:
        return [_entry(row, names) for row in rows]
    return len(rows), [_entry(row, names) for row in rows
                       if cluster_id in {names.cluster(row["article_id"], w) for w in _who(row)}]


#: The view's own order (store/views.py), repeated so a filtered page keeps it.
_ORDER = "date_start, date_end, layer, article_id, span_start, span_end, record_id"


def _entry(row: dict[str, Any], names: Names) -> Entry:
    who = _who(row)
    return Entry(
        row["date_start"], row["layer"], row["kind"],
        ", ".join(filter(None, (names.canonical(row["article_id"], w) for w in who))) or None,
        row["what"], row["evidence"], row["article_id"], (row["span_start"], row["span_end"]),
        row["record_id"], row["outlet"], row["date_source"],
    )


def overdue_ids(ledger: Ledger, commitments: Sequence[Commitment], as_of: str) -> set[str]:
    """Which of ``commitments`` (one page's) are overdue as of ``as_of``, by the rule of
    :func:`overdue`, reading only the happened events that could fulfil them: published
    between the earliest commitment's day and ``as_of``, in articles that name one of the
    holders (every such event when a holder is unknown)."""
    due = [c for c in commitments if c.due is not None and c.due < as_of]
    if not due:
        return set()
    articles = sorted({c.article_id for c in due})
    names, days = Names(ledger, articles), _published_of(ledger, articles)
    holders = {c.id: names.cluster(c.article_id, c.holder) for c in due}
    where, params = ["r.status = 'happened'"], []
    clusters = sorted({h for h in holders.values() if h is not None})
    if None not in holders.values():
        where.append("r.article_id IN (SELECT article_id FROM entity_links WHERE cluster_id IN "
                     f"({', '.join('?' for _ in clusters)}))")
        params.extend(clusters)
    earliest = min((days[a] for a in articles if a in days), default=None)
    found = records(ledger, "events", Filters(where=tuple(where), params=tuple(params), since=earliest, until=as_of))
    event_days = {source.article_id: source.day for _, source in found if source.day}
    event_names = Names(ledger, sorted({e.article_id for e, _ in found}))
    words = {e.id: _content(" ".join(filter(None, (e.trigger, e.type, e.evidence)))) for e, _ in found}
    late = set()
    for c in due:
        holder, made, wanted = holders[c.id], days.get(c.article_id), _content(c.action)
        if not any(_happened_for(e, holder, made, as_of, event_names, event_days) and wanted & words[e.id]
                   for e, _ in found):
            late.add(c.id)
    return late


def _happened_for(event: Event, holder: str | None, made: str | None, as_of: str,
                  names: Names, days: dict[str, str]) -> bool:
    """Whether ``event`` happened by ``holder`` (when known) between ``made`` and ``as_of``."""
    when = event.start or days.get(event.article_id)
    if when is None or when > as_of or (made is not None and when < made):
        return False
    return holder is None or names.cluster(event.article_id, event.actor) == holder


def _published_of(ledger: Ledger, article_ids: Sequence[str]) -> dict[str, str]:
    if not article_ids:
        return {}
    marks = ", ".join("?" for _ in article_ids)
    rows = ledger.execute(f"SELECT id, substr(published, 1, 10) FROM articles WHERE published IS NOT NULL "
                          f"AND id IN ({marks})", list(article_ids))
    return dict(rows.fetchall())


def _content(text: str) -> set[str]:
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    words = re.findall(r"[a-z]{3,}", fold(text))
    return {w[:5] for w in words if w not in ENGLISH_STOP_WORDS and w not in GENERIC}


def same_topic(a: Stance, b: Stance) -> bool:
    """One issue, or targets sharing at least half the content words (stems) of the
    longer one: "the trade deal" = "that trade deal", not "the deal" = "a trade war"."""
    if a.issue and b.issue:
        return a.issue == b.issue
    wa, wb = _content(a.target), _content(b.target)
    return bool(wa & wb) and len(wa & wb) >= 0.5 * max(len(wa), len(wb))


def _published(ledger: Ledger) -> dict[str, str]:
    rows = ledger.execute("SELECT id, substr(published, 1, 10) FROM articles WHERE published IS NOT NULL")
    return dict(rows.fetchall())


def stance_changes(ledger: Ledger, cluster_id: str | None = None, since: str | None = None) -> list[StanceChange]:
    """Changes of position of each holder (or one cluster), the later one on or after ``since``."""
    names, days = Names(ledger), _published(ledger)
    by_holder: dict[str, list[Stance]] = defaultdict(list)
    for stance in ledger.records("stances"):
        holder = names.cluster(stance.article_id, stance.holder)
        if holder is None or stance.article_id not in days or cluster_id not in (None, holder):
            continue
        by_holder[holder].append(stance)
    changes = []
    for holder, stances in by_holder.items():
        stances.sort(key=lambda s: (days[s.article_id], s.article_id, s.span))
        for i, later in enumerate(stances):
            earlier = next((s for s in reversed(stances[:i]) if same_topic(s, later)), None)
            if earlier is None or _position(earlier) == _position(later):
                continue
            if since is not None and days[later.article_id] < since:
                continue
            topic = later.issue or later.target
            changes.append(StanceChange(names.canonical(later.article_id, later.holder) or holder, topic,
                                        earlier, later, days[earlier.article_id], days[later.article_id]))
    return changes


def overdue(ledger: Ledger, as_of: str, cluster_id: str | None = None,
            article_ids: Sequence[str] | None = None) -> list[tuple[Commitment, str]]:
    """(commitment, its article's day) for each commitment due before ``as_of`` that no
    matching event fulfils, earliest due first."""
    names, days = Names(ledger), _published(ledger)
    wanted = set(article_ids) if article_ids is not None else None
    events = [e for e in ledger.records("events") if e.status == "happened"]
    found = []
    for c in ledger.records("commitments"):
        if c.due is None or c.due >= as_of or (wanted is not None and c.article_id not in wanted):
            continue
        holder = names.cluster(c.article_id, c.holder)
        if cluster_id is not None and holder != cluster_id:
            continue
        made = days.get(c.article_id)
        if not any(_fulfils(e, c, holder, made, as_of, names, days) for e in events):
            found.append((c, made or ""))
    return sorted(found, key=lambda item: (item[0].due or "", item[0].article_id))


def _fulfils(event: Event, c: Commitment, holder: str | None, made: str | None, as_of: str,
             names: Names, days: dict[str, str]) -> bool:
    if not _happened_for(event, holder, made, as_of, names, days):
        return False
    return bool(_content(c.action) & _content(" ".join(filter(None, (event.trigger, event.type, event.evidence)))))
