"""Stories: articles clustered across outlets and days, one pass in publication order.

Each article becomes a TF-IDF vector of its title (counted twice) and clean text —
sklearn's English analyzer, sublinear term frequency, document frequencies kept in
``term_df`` so they grow with the ledger — and joins the story whose centroid is most
similar, among the stories active within ``LinkSettings.story_window_days`` of its
publication day, when the cosine reaches ``LinkSettings.story_threshold``; else it
starts a story. Adding an article
therefore touches one article and a few stories, never the corpus.

TF-IDF over a sentence-embedding model (all-MiniLM-L6-v2): measured on PolNeAR in
``benchmarks/link_polnear.py`` and ``docs/ledger.md`` — see there for the figures.

A story's title is the title of its most central article, its dates the range of its
articles' publication days, its actors the people and organisations named in most of
its articles (cross-article clusters, :mod:`newsledger.link.resolve`; ties go to the
most mentioned).
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from newsledger.records import Story, stable_id
from newsledger.settings import LinkSettings
from newsledger.store import Ledger

Vector = Mapping[str, float]

#: The ``term_df`` row counting the articles themselves (the analyzer never yields "").
DOCUMENTS = ""


@lru_cache(maxsize=1)
def _analyzer() -> Callable[[str], list[str]]:
    from sklearn.feature_extraction.text import TfidfVectorizer

    # Words of two letters or more; sklearn's English stop list.
    return TfidfVectorizer(stop_words="english", token_pattern=r"(?u)\b[^\W\d_][^\W\d_]+\b").build_analyzer()


def terms(title: str | None, text: str) -> Counter[str]:
    """Term counts of an article, its title counted twice: ``terms("Debate", "the debate")``
    -> ``Counter({"debate": 3})``."""
    analyze = _analyzer()
    counts = Counter(analyze(text))
    for term in analyze(title or ""):
        counts[term] += 2
    return counts


def tfidf(counts: Mapping[str, int], df: Mapping[str, int], n_docs: int,
          terms_kept: int = LinkSettings.terms_per_article) -> dict[str, float]:
    """Sublinear TF times smoothed IDF (sklearn's formula), the top ``terms_kept`` terms
    (``LinkSettings.terms_per_article``), L2-normalised."""
    weights = {
        t: (1 + math.log(c)) * (math.log((1 + n_docs) / (1 + df.get(t, 0))) + 1)
        for t, c in counts.items()
    }
    return normalise(top(weights, terms_kept))


def top(vector: Vector, k: int) -> dict[str, float]:
    return dict(sorted(vector.items(), key=lambda kv: (-kv[1], kv[0]))[:k])


def normalise(vector: Vector) -> dict[str, float]:
    norm = math.sqrt(sum(v * v for v in vector.values())) or 1.0
    return {t: round(v / norm, 5) for t, v in vector.items()}


def cosine(a: Vector, b: Vector) -> float:
    """Cosine of two sparse vectors (``b`` need not be normalised)."""
    if len(a) > len(b):
        a, b = b, a
    dot = sum(v * b.get(t, 0.0) for t, v in a.items())
    na = math.sqrt(sum(v * v for v in a.values()))
    nb = math.sqrt(sum(v * v for v in b.values()))
    return dot / (na * nb) if na and nb else 0.0


def add_to(centroid: Vector, vector: Vector, terms_kept: int = LinkSettings.terms_per_centroid) -> dict[str, float]:
    """The centroid sum with ``vector`` added, truncated to its top ``terms_kept`` terms
    (``LinkSettings.terms_per_centroid``)."""
    total = dict(centroid)
    for t, v in vector.items():
        total[t] = total.get(t, 0.0) + v
    return {t: round(v, 5) for t, v in top(total, terms_kept).items()}


@dataclass(frozen=True, slots=True)
class Candidate:
    """An open story: its id, date range and centroid."""

    id: str
    start: str | None
    end: str | None
    centroid: Vector


def in_window(day: str | None, start: str | None, end: str | None,
              days: int = LinkSettings.story_window_days) -> bool:
    """Whether an article of ``day`` may join a story spanning ``start``..``end``
    (open ``days`` either side, ``LinkSettings.story_window_days``).

    >>> in_window("2016-09-30", "2016-09-20", "2016-09-27")
    True
    """
    if day is None or start is None or end is None:
        return day is None and start is None
    reach = dt.timedelta(days=days)
    return dt.date.fromisoformat(start) - reach <= dt.date.fromisoformat(day) <= dt.date.fromisoformat(end) + reach


def choose(vector: Vector, candidates: Sequence[Candidate], similarity: Callable[[Vector, Vector], float] = cosine,
           threshold: float = LinkSettings.story_threshold) -> tuple[str, float] | None:
    """The candidate story most similar to ``vector`` at or above ``threshold``
    (``LinkSettings.story_threshold``), or None."""
    scored = [(c.id, similarity(vector, c.centroid)) for c in candidates]
    best = max(scored, key=lambda s: s[1], default=None)
    return best if best is not None and best[1] >= threshold else None


# -- the ledger side ---------------------------------------------------------------------


def count_terms(ledger: Ledger, article_ids: Sequence[str]) -> dict[str, Counter[str]]:
    """Term counts of the articles, added to the ledger's document frequencies."""
    found = {}
    for article_id in article_ids:
        row = ledger.execute("SELECT title, text FROM articles WHERE id = ?", (article_id,)).fetchone()
        found[article_id] = terms(row[0], row[1])
    df = Counter(t for counts in found.values() for t in counts)
    df[DOCUMENTS] = len(found)
    ledger.executemany(
        "INSERT INTO term_df (term, df) VALUES (?, ?) ON CONFLICT(term) DO UPDATE SET df = df + excluded.df",
        sorted(df.items()),
    )
    return found


def assign_article(ledger: Ledger, article_id: str, counts: Mapping[str, int],
                   settings: LinkSettings = LinkSettings()) -> str:
    """Put one article (its terms already counted) into a story; returns the story id."""
    day = _day(ledger, article_id)
    vector = tfidf(counts, _df(ledger, counts), _n_docs(ledger), settings.terms_per_article)
    best = choose(vector, _open_stories(ledger, day, settings.story_window_days),
                  threshold=settings.story_threshold)
    story_id = best[0] if best else stable_id("story", article_id)
    if best is None:
        ledger.execute('INSERT INTO stories (id, title, "start", "end", size, centroid) VALUES (?, ?, ?, ?, 0, ?)',
                       (story_id, "", day, day, "{}"))
    ledger.execute("INSERT OR REPLACE INTO story_articles VALUES (?, ?, ?, ?)",
                   (article_id, story_id, round(best[1], 4) if best else 1.0, json.dumps(vector)))
    _grow(ledger, story_id, vector, day, settings.terms_per_centroid)
    return story_id


def _n_docs(ledger: Ledger) -> int:
    """The number of articles counted into ``term_df`` (its :data:`DOCUMENTS` row)."""
    row = ledger.execute("SELECT df FROM term_df WHERE term = ?", (DOCUMENTS,)).fetchone()
    return int(row[0]) if row else 0


def _df(ledger: Ledger, counts: Mapping[str, int]) -> dict[str, int]:
    wanted = sorted(counts)
    found: dict[str, int] = {}
    for at in range(0, len(wanted), 500):
        part = wanted[at : at + 500]
        marks = ", ".join("?" for _ in part)
        found.update(ledger.execute(f"SELECT term, df FROM term_df WHERE term IN ({marks})", part).fetchall())
    return found


def _day(ledger: Ledger, article_id: str) -> str | None:
    row = ledger.execute("SELECT substr(published, 1, 10) FROM articles WHERE id = ?", (article_id,)).fetchone()
    return row[0] if row and row[0] else None


def _open_stories(ledger: Ledger, day: str | None, window_days: int) -> list[Candidate]:
    if day is None:
        rows = ledger.execute('SELECT id, "start", "end", centroid FROM stories WHERE "start" IS NULL')
    else:
        reach = dt.timedelta(days=window_days)
        low = (dt.date.fromisoformat(day) - reach).isoformat()
        high = (dt.date.fromisoformat(day) + reach).isoformat()
        rows = ledger.execute('SELECT id, "start", "end", centroid FROM stories WHERE "end" >= ? AND "start" <= ?',
                              (low, high))
    return [Candidate(sid, start, end, json.loads(centroid)) for sid, start, end, centroid in rows]


def _grow(ledger: Ledger, story_id: str, vector: Vector, day: str | None, terms_per_centroid: int) -> None:
    """Add the article to the story's centroid and dates; re-choose the title."""
    start, end, centroid = ledger.execute('SELECT "start", "end", centroid FROM stories WHERE id = ?',
                                          (story_id,)).fetchone()
    centroid = add_to(json.loads(centroid), vector, terms_per_centroid)
    days = [d for d in (start, end, day) if d]
    members = ledger.execute(
        "SELECT a.title, s.vector FROM story_articles s JOIN articles a ON a.id = s.article_id "
        "WHERE s.story_id = ? ORDER BY a.published, a.rowid", (story_id,)).fetchall()
    title = max(members, key=lambda m: cosine(json.loads(m[1]), centroid))[0] or ""
    ledger.execute('UPDATE stories SET "start" = ?, "end" = ?, size = ?, centroid = ?, title = ? WHERE id = ?',
                   (min(days, default=None), max(days, default=None), len(members), json.dumps(centroid),
                    title, story_id))


def read_stories(ledger: Ledger, actors_kept: int = LinkSettings.story_actors) -> list[Story]:
    """Every story, oldest first: title, date range, articles by date, its
    ``actors_kept`` key actors (``LinkSettings.story_actors``)."""
    articles: dict[str, list[str]] = {}
    for story_id, article_id in ledger.execute(
        "SELECT s.story_id, s.article_id FROM story_articles s JOIN articles a ON a.id = s.article_id "
        "ORDER BY a.published, a.rowid"
    ):
        articles.setdefault(story_id, []).append(article_id)
    actors: dict[str, list[str]] = {}
    for story_id, name in ledger.execute(
        "SELECT s.story_id, c.name FROM story_articles s JOIN entity_links l ON l.article_id = s.article_id "
        "JOIN mentions m ON m.article_id = l.article_id AND m.entity_id = l.entity_id "
        "JOIN entity_clusters c ON c.id = l.cluster_id WHERE c.type IN ('PERSON', 'ORG') "
        "GROUP BY s.story_id, c.id ORDER BY s.story_id, COUNT(DISTINCT l.article_id) DESC, COUNT(*) DESC, c.name"
    ):
        found = actors.setdefault(story_id, [])
        if len(found) < actors_kept:
            found.append(name)
    rows = ledger.execute('SELECT id, title, "start", "end" FROM stories ORDER BY "start" IS NULL, "start", id')
    return [
        Story(sid, title, start, end, tuple(articles.get(sid, ())), tuple(actors.get(sid, ())))
        for sid, title, start, end in rows
        if sid in articles
    ]


def _stories_of(ledger: Ledger, ids: Sequence[str], actors_kept: int) -> dict[str, Story]:
    """The :class:`Story` of each id in ``ids`` (articles by date, key actors), read for
    those stories only."""
    if not ids:
        return {}
    marks = ", ".join("?" for _ in ids)
    articles: dict[str, list[str]] = {}
    for story_id, article_id in ledger.execute(
        "SELECT s.story_id, s.article_id FROM story_articles s JOIN articles a ON a.id = s.article_id "
        f"WHERE s.story_id IN ({marks}) ORDER BY a.published, a.rowid", list(ids)
    ):
        articles.setdefault(story_id, []).append(article_id)
    actors: dict[str, list[str]] = {}
    for story_id, name in ledger.execute(
        "SELECT s.story_id, c.name FROM story_articles s JOIN entity_links l ON l.article_id = s.article_id "
        "JOIN mentions m ON m.article_id = l.article_id AND m.entity_id = l.entity_id "
        f"JOIN entity_clusters c ON c.id = l.cluster_id WHERE c.type IN ('PERSON', 'ORG') AND s.story_id IN ({marks}) "
        "GROUP BY s.story_id, c.id ORDER BY s.story_id, COUNT(DISTINCT l.article_id) DESC, COUNT(*) DESC, c.name",
        list(ids),
    ):
        found = actors.setdefault(story_id, [])
        if len(found) < actors_kept:
            found.append(name)
    rows = ledger.execute(f'SELECT id, title, "start", "end" FROM stories WHERE id IN ({marks})', list(ids))
    return {sid: Story(sid, title, start, end, tuple(articles.get(sid, ())), tuple(actors.get(sid, ())))
            for sid, title, start, end in rows if sid in articles}


def read_story(ledger: Ledger, story_id: str, actors_kept: int = LinkSettings.story_actors) -> Story | None:
    """One story (as :func:`read_stories` gives it), or ``None``; reads that story only."""
    return _stories_of(ledger, [story_id], actors_kept).get(story_id)


def stories_page(ledger: Ledger, *, min_articles: int = 1, since: str | None = None, until: str | None = None,
                 limit: int | None = 50, offset: int = 0,
                 actors_kept: int = LinkSettings.story_actors) -> list[Story]:
    """Stories of at least ``min_articles`` articles, largest first (then latest), one
    page of them; ``since``/``until`` keep stories whose days overlap the range."""
    clauses, params = ["1 = 1"], []
    if since:
        clauses.append('COALESCE(st."end", st."start") >= ?')
        params.append(since)
    if until:
        clauses.append('st."start" <= ?')
        params.append(until)
    rows = ledger.execute(
        "SELECT st.id FROM stories st JOIN story_articles sa ON sa.story_id = st.id "
        f"WHERE {' AND '.join(clauses)} GROUP BY st.id HAVING COUNT(*) >= ? "
        'ORDER BY COUNT(*) DESC, st."end" DESC, st.id LIMIT ? OFFSET ?',
        [*params, min_articles, 2**62 if limit is None else limit, offset],
    ).fetchall()
    ids = [row[0] for row in rows]
    found = _stories_of(ledger, ids, actors_kept)
    return [found[i] for i in ids if i in found]
