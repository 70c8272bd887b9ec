"""Entities across articles: each article's canonical entities linked to one cluster.

The entities layer names each person once per article ("Mrs. Clinton" -> "Hillary
Clinton" when the article spells the name out). Across articles this module links
every (article, entity) pair to a cross-article cluster, by rules applied in order:

1. *same name* — organisations, places and groups: one cluster per canonical name and
   type (``Entity.make_id`` already gives them one row across articles); a PERSON whose
   name ends in an organisation head ("Trump campaign", "Clinton Foundation") is an
   organisation.
2. *full name* — a person with first name and surname joins the cluster with the same
   first name (familiar forms folded: Bill = William), surname and suffix: "Hillary
   Rodham Clinton" = "Hillary Clinton", "Donald J. Trump" = "Donald Trump", while
   "Donald Trump Jr.", "Ivanka Trump" and "George H.W. Bush" (middle initials differ
   from George W. Bush's) stay apart; a stray sentence word taken into the name is
   dropped when the rest is a well-known person ("Billionaire Donald Trump").
3. *dominant* — a surname or first name alone ("Clinton", "Trump", "Hillary", or a
   one-word ORG the tagger mislabelled; the article never spells it out) joins the full-name cluster named in full in at least
   ``LinkSettings.dominance`` times as many articles as any other person with that name, after
   dropping clusters whose gender contradicts the article's titles ("Mr. Clinton" is
   not Hillary Clinton). Otherwise it stays a cluster of its own, named as written.

Links are per (article, entity) pair, so a surname stands for the right person in each
article. Clusters are named by their most reported full name; aliases accumulate from
every member name and every surface form.
"""

from __future__ import annotations

import json
import logging
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from newsledger.link.names import (
    NameKey,
    clean_name,
    familiar_keys,
    first_name_keys,
    fold,
    name_key,
    office_titles,
)
from newsledger.records import Entity, stable_id
from newsledger.settings import LinkSettings
from newsledger.store import Ledger

log = logging.getLogger(__name__)

#: Last words of a PERSON-tagged name that make it an organisation (spaCy's small
#: model tags "Trump campaign" and "Clinton Foundation" as people; from PolNeAR).
ORG_HEADS = frozenset({
    "campaign", "campaigns", "foundation", "administration", "organization",
    "organisation", "tower", "towers", "university", "institute", "inc", "inc.", "corp",
    "co", "family", "team", "camp", "presidency", "transition", "white", "house",
})


@dataclass(frozen=True, slots=True)
class Pair:
    """One entity of one article, with the surface forms the article used for it."""

    article_id: str
    entity_id: str
    name: str
    type: str
    surfaces: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Cluster:
    """A cross-article entity: ``Cluster("ent-…", "Hillary Clinton", "PERSON", …)``."""

    id: str
    name: str
    type: str
    aliases: tuple[str, ...]
    articles: int
    members: tuple[str, ...]  # entity ids of the per-article rows linked to it


def is_organisation(name: str) -> bool:
    """``"Trump campaign"`` -> True; ``"Donald Trump"`` -> False."""
    words = fold(name).split()
    return len(words) > 1 and words[-1] in ORG_HEADS


def gender_votes(surfaces: Sequence[str]) -> tuple[int, int]:
    """(male, female) titles among the surface forms: ``["Mrs. Clinton"]`` -> (0, 1)."""
    genders = Counter(name_key(s).gender for s in surfaces)
    return genders["m"], genders["f"]


def article_pairs(ledger: Ledger, article_ids: Sequence[str]) -> list[Pair]:
    """The (article, entity) pairs of ``article_ids``, with their surface forms."""
    pairs: dict[tuple[str, str], list[str]] = {}
    names: dict[str, tuple[str, str]] = {}
    for chunk in _chunks(article_ids):
        marks = ", ".join("?" for _ in chunk)
        rows = ledger.execute(
            "SELECT m.article_id, m.entity_id, e.name, e.type, m.text FROM mentions m "
            f"JOIN entities e ON e.id = m.entity_id WHERE m.article_id IN ({marks}) "
            "ORDER BY m.rowid",
            chunk,
        )
        for article_id, entity_id, name, type_, text in rows:
            pairs.setdefault((article_id, entity_id), []).append(text)
            names[entity_id] = (name, type_)
    return [
        Pair(article, entity, *names[entity], tuple(dict.fromkeys(texts)))
        for (article, entity), texts in pairs.items()
    ]


def _chunks(items: Sequence[str], size: int = 500) -> list[Sequence[str]]:
    return [items[i : i + size] for i in range(0, len(items), size)]


def link_pairs(ledger: Ledger, pairs: Sequence[Pair], settings: LinkSettings = LinkSettings()) -> set[str]:
    """Link each pair to a cluster (rules 1-2 first, so rule 3 sees every full name
    of the batch); returns the ids of the clusters touched."""
    linked: list[tuple[str, str]] = []  # (cluster id, the linked row's name)
    partial = []
    for pair in pairs:
        key = name_key(pair.name) if pair.type == "PERSON" else None
        if _may_be_surname(pair):
            partial.append((pair, name_key(pair.name)))
        elif key is None or is_organisation(pair.name):
            linked.append((_link(ledger, pair, _same_name_cluster(ledger, pair), "same-name"), pair.name))
        elif key.is_full:
            key = _without_stray_word(ledger, pair.name, key, settings.stray_word_articles)
            linked.append((_link(ledger, pair, _full_name_cluster(ledger, pair, key, settings.dominance),
                                 "full-name"), pair.name))
        else:
            partial.append((pair, key))
    for pair, key in partial:
        linked.append((_link_partial(ledger, pair, key, settings), pair.name))
    # A new full name may resolve lone surnames and lone first names left unresolved earlier.
    people = [p.name for p in pairs if p.type == "PERSON"]
    keys = [name_key(name) for name in people]
    written = {w for name in people for w in clean_name(name).split()[-1:] + clean_name(name).split()[:1]}
    firsts = {f for k in keys for f in familiar_keys(k.first)}
    moved = _revisit(ledger, {k.last for k in keys} | firsts - {""}, written,
                     {(p.article_id, p.entity_id) for p in pairs}, settings)
    # A link under the cluster's own name only strengthens that name: no re-count.
    names = dict(_cluster_names(ledger, {c for c, _ in linked}))
    for cluster_id in moved | {c for c, name in linked if names.get(c) != name}:
        _rename(ledger, cluster_id)
    return {c for c, _ in linked} | moved


def _cluster_names(ledger: Ledger, ids: set[str]) -> list[tuple[str, str]]:
    wanted = sorted(ids)
    found: list[tuple[str, str]] = []
    for at in range(0, len(wanted), 500):
        part = wanted[at : at + 500]
        marks = ", ".join("?" for _ in part)
        found += ledger.execute(f"SELECT id, name FROM entity_clusters WHERE id IN ({marks})", part).fetchall()
    return found


def _link_partial(ledger: Ledger, pair: Pair, key: NameKey, settings: LinkSettings) -> str:
    cluster = _dominant_cluster(ledger, pair, key, settings)
    if cluster is not None:
        return _link(ledger, pair, cluster, "dominant")
    if pair.type != "PERSON":
        return _link(ledger, pair, _same_name_cluster(ledger, pair), "unresolved")
    return _link(ledger, pair, _own_cluster(ledger, pair, key), "unresolved")


def _revisit(ledger: Ledger, lasts: set[str], written: set[str], done: set[tuple[str, str]],
             settings: LinkSettings) -> set[str]:
    """Re-try the lone names left unresolved earlier whose surname (or first name) the
    new articles name in full: a person who has come to dominate a name takes them over.
    ``lasts`` are the spelling keys of those names, ``written`` the words as written."""
    if not lasts:
        return set()
    wanted, names = sorted(lasts), sorted(written)
    marks = ", ".join("?" for _ in wanted)
    name_marks = ", ".join("?" for _ in names)
    # Unresolved people sit in clusters keyed by their surname; unresolved one-word
    # ORGs in clusters named by it: both found through an index, not a scan.
    rows = ledger.execute(
        "SELECT l.article_id, l.entity_id, e.name, e.type, l.cluster_id FROM entity_clusters c "
        "JOIN entity_links l ON l.cluster_id = c.id JOIN entities e ON e.id = l.entity_id "
        f"WHERE l.rule = 'unresolved' AND (c.last IN ({marks}) OR c.name IN ({name_marks}))",
        (*wanted, *names),
    ).fetchall()
    touched = set()
    for article_id, entity_id, name, type_, old in rows:
        key = name_key(name)
        if key.last not in lasts or (article_id, entity_id) in done:
            continue
        surfaces = tuple(r[0] for r in ledger.execute(
            "SELECT text FROM mentions WHERE article_id = ? AND entity_id = ?", (article_id, entity_id)))
        cluster = _dominant_cluster(ledger, Pair(article_id, entity_id, name, type_, surfaces), key, settings)
        if cluster is not None:
            ledger.execute("UPDATE entity_links SET cluster_id = ?, rule = 'dominant' "
                           "WHERE article_id = ? AND entity_id = ?", (cluster, article_id, entity_id))
            touched |= {cluster, old}
    return touched


def _may_be_surname(pair: Pair) -> bool:
    """An ORG named by one capitalised word may be a person's surname the tagger
    mislabelled ("Trump said" tagged ORG); rule 3 decides, else it stays an ORG."""
    words = pair.name.split()
    return pair.type == "ORG" and len(words) == 1 and words[0][:1].isupper() and not words[0].isupper()


def _link(ledger: Ledger, pair: Pair, cluster_id: str, rule: str) -> str:
    ledger.execute(
        "INSERT OR REPLACE INTO entity_links (article_id, entity_id, cluster_id, rule) "
        "VALUES (?, ?, ?, ?)",
        (pair.article_id, pair.entity_id, cluster_id, rule),
    )
    if pair.type != "PERSON":
        return cluster_id
    male, female = gender_votes(pair.surfaces)
    if male or female:
        ledger.execute(
            "UPDATE entity_clusters SET male = male + ?, female = female + ? WHERE id = ?",
            (male, female, cluster_id),
        )
    # Office titles count only on full names: "President Bill Clinton" says whose title it is.
    titles = Counter(t for s in pair.surfaces if name_key(s).is_full for t in office_titles(s))
    if titles:
        row = ledger.execute("SELECT titles FROM entity_clusters WHERE id = ?", (cluster_id,)).fetchone()
        votes = Counter(json.loads(row[0])) + titles
        ledger.execute("UPDATE entity_clusters SET titles = ? WHERE id = ?",
                       (json.dumps(dict(sorted(votes.items()))), cluster_id))
    return cluster_id


def _same_name_cluster(ledger: Ledger, pair: Pair) -> str:
    type_ = "ORG" if pair.type == "PERSON" else pair.type
    cluster_id = pair.entity_id if type_ == pair.type else Entity.make_id(pair.name, type_)
    ledger.execute(
        "INSERT OR IGNORE INTO entity_clusters (id, name, type) VALUES (?, ?, ?)",
        (cluster_id, pair.name, type_),
    )
    return cluster_id


def _without_stray_word(ledger: Ledger, name: str, key: NameKey, stray_word_articles: int) -> NameKey:
    """"Certainly Donald Trump", "Donald Trump Wins": a sentence or headline word the
    tagger took into a name. When the name without its first (else last) word is a person named in full
    in at least ``stray_word_articles`` (``LinkSettings.stray_word_articles``) articles and the
    whole name in none, that person is meant; rare two-word names ("Rodham Clinton") are never
    that common, so real middle names are kept."""
    words = clean_name(name).split()
    if len(words) < 3 or key.suffix or _articles_named(ledger, key) > 0:
        return key  # "Donald Trump Jr.": a suffix is no stray word
    for rest in (name_key(" ".join(words[1:])), name_key(" ".join(words[:-1]))):
        if rest.is_full and _articles_named(ledger, rest) >= stray_word_articles:
            return rest
    return key


def _articles_named(ledger: Ledger, key: NameKey) -> int:
    row = ledger.execute(
        "SELECT COUNT(DISTINCT l.article_id) FROM entity_clusters c JOIN entity_links l ON l.cluster_id = c.id "
        "WHERE c.type = 'PERSON' AND c.first = ? AND c.last = ? AND c.suffix = ? AND (? = '' OR c.middle = ?)",
        (key.first, key.last, key.suffix, key.middle, key.middle),
    ).fetchone()
    return int(row[0])


def _full_name_cluster(ledger: Ledger, pair: Pair, key: NameKey, dominance: float) -> str:
    """The cluster of the same first name, surname and suffix whose middle initials
    agree ("George H.W. Bush" is not "George W. Bush"; "Donald J. Trump" is "Donald
    Trump"); a name without middle initials joins the most reported one if it has
    ``dominance`` (``LinkSettings.dominance``) times the articles of the next, else a
    cluster of its own."""
    rows = ledger.execute(
        "SELECT c.id, c.middle, (SELECT COUNT(*) FROM entity_links l WHERE l.cluster_id = c.id) "
        "FROM entity_clusters c WHERE c.type = 'PERSON' AND c.first = ? AND c.last = ? AND c.suffix = ? "
        "ORDER BY c.rowid",
        (key.first, key.last, key.suffix),
    ).fetchall()
    same = [r for r in rows if r[1] == key.middle]
    if not key.middle and rows:
        ranked = sorted(rows, key=lambda r: -r[2])
        plain = [r for r in rows if r[1] == ""]
        if len(ranked) == 1 or ranked[0][2] >= dominance * ranked[1][2]:
            return str(ranked[0][0])  # "George Bush" is George W. Bush only if he dominates
        if plain:
            return str(plain[0][0])
        key = NameKey(key.first, key.last, key.suffix, key.gender, "")
    if same:
        return str(same[0][0])
    if not rows:
        maiden = _maiden_name_cluster(ledger, key, dominance)
        if maiden is not None:
            return maiden
    if len(rows) == 1 and rows[0][1] == "":
        ledger.execute("UPDATE entity_clusters SET middle = ? WHERE id = ?", (key.middle, rows[0][0]))
        return str(rows[0][0])
    cluster_id = stable_id("person", key.first, key.middle, key.last, key.suffix)
    ledger.execute(
        "INSERT INTO entity_clusters (id, name, type, first, last, suffix, middle) "
        "VALUES (?, ?, 'PERSON', ?, ?, ?, ?)",
        (cluster_id, pair.name, key.first, key.last, key.suffix, key.middle),
    )
    return cluster_id


def _maiden_name_cluster(ledger: Ledger, key: NameKey, dominance: float) -> str | None:
    """A first name and a middle name without the surname ("Hillary Rodham" of "Hillary
    Rodham Clinton", "Sandra Day" of "Sandra Day O'Connor"): the cluster of that first name
    whose middle initial is this surname's, when one such person dominates."""
    rows = ledger.execute(
        "SELECT c.id, COUNT(DISTINCT l.article_id) FROM entity_clusters c JOIN entity_links l ON l.cluster_id = c.id "
        "WHERE c.type = 'PERSON' AND c.first = ? AND c.middle = ? AND c.suffix = ? AND c.last != ? "
        "GROUP BY c.id ORDER BY 2 DESC",
        (key.first, key.last[:1], key.suffix, key.last),
    ).fetchall()
    if rows and (len(rows) == 1 or rows[0][1] >= dominance * rows[1][1]):
        return str(rows[0][0])
    return None


def _own_cluster(ledger: Ledger, pair: Pair, key: NameKey) -> str:
    """A lone name nobody dominates: one cluster per name as written ("Clinton")."""
    cluster_id = stable_id("person", "", key.last, key.suffix)
    name = pair.name if name_key(pair.name).gender == "" else key.last.title()
    ledger.execute(
        "INSERT OR IGNORE INTO entity_clusters (id, name, type, last, suffix) "
        "VALUES (?, ?, 'PERSON', ?, ?)",
        (cluster_id, name, key.last, key.suffix),
    )
    return cluster_id


def _dominant_cluster(ledger: Ledger, pair: Pair, key: NameKey, settings: LinkSettings) -> str | None:
    """The full-name cluster a lone surname or first name stands for, or None: among the
    people bearing it as either ("Barack": Barack Obama, not Tom Barrack, whose surname
    has the same spelling key), the one named in full in at least
    ``LinkSettings.min_articles`` articles and ``LinkSettings.dominance`` times as many as
    the next candidate."""
    male, female = gender_votes((pair.name, *pair.surfaces))
    wanted = "m" if male > female else "f" if female > male else ""
    offices = {t for s in (pair.name, *pair.surfaces) for t in office_titles(s)}
    rows = ledger.execute(
        "SELECT c.id, c.male, c.female, COUNT(DISTINCT l.article_id), c.titles FROM entity_clusters c "
        "JOIN entity_links l ON l.cluster_id = c.id AND l.rule = 'full-name' "
        "WHERE c.type = 'PERSON' AND (c.last = ? OR c.first IN (?, ?)) AND c.first != '' AND c.suffix = ? "
        "GROUP BY c.id, c.male, c.female, c.titles",
        (key.last, first_name_keys(key.last)[0], first_name_keys(key.last)[-1], key.suffix),
    ).fetchall()
    fitting = [r for r in rows if _gender_fits(wanted, r[1], r[2])]
    titled = _by_office(fitting, offices, settings)
    if titled:
        return titled
    fitting.sort(key=lambda r: -r[3])
    if not fitting:
        return None
    runner_up = fitting[1][3] if len(fitting) > 1 else 0
    if fitting[0][3] >= settings.min_articles and fitting[0][3] >= settings.dominance * runner_up:
        return str(fitting[0][0])
    return None


def _by_office(rows: Sequence[tuple], offices: set[str], settings: LinkSettings) -> str | None:
    """The candidate whose full name carries the article's office title ("President
    Clinton" -> the Clinton most often written "President Bill Clinton") at least
    ``LinkSettings.min_articles`` times and ``LinkSettings.dominance`` times as often as
    any other; None when no title or no clear one."""
    if not offices:
        return None
    votes = sorted(((sum(json.loads(r[4]).get(t, 0) for t in offices), r) for r in rows), key=lambda v: -v[0])
    if not votes or votes[0][0] < settings.min_articles:
        return None
    runner_up = votes[1][0] if len(votes) > 1 else 0
    return str(votes[0][1][0]) if votes[0][0] >= settings.dominance * runner_up else None


def _gender_fits(wanted: str, male: int, female: int) -> bool:
    """Whether a cluster with these title votes can be the person titled ``wanted``."""
    if wanted == "m":
        return female <= male
    if wanted == "f":
        return male <= female
    return True


def _rename(ledger: Ledger, cluster_id: str) -> None:
    """Name a cluster by its member name linked in the most articles (full names first)."""
    row = ledger.execute(
        "SELECT e.name FROM entity_links l JOIN entities e ON e.id = l.entity_id "
        "WHERE l.cluster_id = ? GROUP BY e.name "
        "ORDER BY MAX(CASE WHEN l.rule = 'full-name' THEN 1 ELSE 0 END) DESC, COUNT(*) DESC, LENGTH(e.name), e.name LIMIT 1",
        (cluster_id,),
    ).fetchone()
    if row is not None:
        ledger.execute("UPDATE entity_clusters SET name = ? WHERE id = ?", (row[0], cluster_id))


def read_clusters(ledger: Ledger) -> list[Cluster]:
    """Every cluster, most reported first, with its aliases: the names of its member
    rows and every surface form its linked mentions use ("Mrs. Clinton")."""
    aliases: dict[str, dict[str, None]] = {}
    members: dict[str, dict[str, None]] = {}
    articles: Counter[str] = Counter()
    for cluster_id, entity_id, name, n in ledger.execute(
        "SELECT l.cluster_id, e.id, e.name, COUNT(DISTINCT l.article_id) FROM entity_links l "
        "JOIN entities e ON e.id = l.entity_id GROUP BY l.cluster_id, e.id ORDER BY 4 DESC"
    ):
        aliases.setdefault(cluster_id, {})[name] = None
        members.setdefault(cluster_id, {})[entity_id] = None
    for cluster_id, text in ledger.execute(
        "SELECT l.cluster_id, m.text FROM entity_links l JOIN mentions m "
        "ON m.article_id = l.article_id AND m.entity_id = l.entity_id "
        "GROUP BY l.cluster_id, m.text ORDER BY COUNT(*) DESC"
    ):
        aliases.setdefault(cluster_id, {})[" ".join(text.split())] = None
    for cluster_id, n in ledger.execute(
        "SELECT cluster_id, COUNT(DISTINCT article_id) FROM entity_links GROUP BY cluster_id"
    ):
        articles[cluster_id] = n
    clusters = [
        Cluster(cid, name, type_, tuple(a for a in aliases.get(cid, {}) if a != name),
                articles[cid], tuple(members.get(cid, {})))
        for cid, name, type_ in ledger.execute("SELECT id, name, type FROM entity_clusters")
        if articles[cid]
    ]
    return sorted(clusters, key=lambda c: (-c.articles, c.name))


def find_cluster(ledger: Ledger, name: str) -> Cluster | None:
    """The cluster called ``name``, else the most reported one with ``name`` among its
    aliases (case-insensitive): ``find_cluster(ledger, "Mrs. Clinton")``."""
    wanted = fold(" ".join(name.split()))
    clusters = read_clusters(ledger)
    for cluster in clusters:
        if fold(cluster.name) == wanted:
            return cluster
    for cluster in clusters:
        if wanted in (fold(a) for a in cluster.aliases):
            return cluster
    return None
