#!/usr/bin/env python3
"""Precision and recall of the events, stances and commitments layers on the hand-made
gold of issue 14: 20 PolNeAR dev articles (``benchmarks/gold/polnear/``) and the Zyte
news pages (``benchmarks/gold/zyte/``), split by ``benchmarks/gold/splits.json``.

Matching is ``shared/tools/score.py``'s: an event matches on evidence overlap (gold-token
recall >= 0.4) plus type, needing 1 of the 2 points; a stance on the same holder and
target overlap >= 0.3; a commitment on action overlap >= 0.5 and the holder when the
gold names one. The target figures ("P", "R") also need, of a matched pair:

* events: the type and the actor (``same_entity``; a gold event with no actor needs
  none);
* stances: the polarity (the holder is already part of the match);
* commitments: the kind (and the holder, part of the match).

"fields" is score.py's field check over matched events (type, status, actor, target,
quantities, source, date, where the gold has them).

The split is sealed: tune with ``--split train`` only; ``--split test`` is for the final
measurement. Each gold file names its text: PolNeAR's relative to ``--shared``, the
Zyte pages' relative to the repository root that holds their gold directory.

usage: python benchmarks/layers_gold.py --split train|test|all [--shared ../shared]
       [--zyte DIR] [--show]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from pathlib import Path

from newsledger.ingest.clean import clean
from newsledger.pipeline import Pipeline
from newsledger.records import Article, Document, to_dict

HERE = Path(__file__).resolve().parent
GOLD = HERE / "gold"
LAYERS = ("events", "stances", "commitments")


def load_scorer(shared: Path):
    """``shared/tools/score.py`` as a module: its overlap and entity rules are the contract."""
    spec = importlib.util.spec_from_file_location("score", shared / "tools" / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def split_names(splits: Path, corpus: str, split: str) -> set[str] | None:
    """The gold file stems of ``corpus`` in ``split`` (``None``: every file)."""
    if split == "all":
        return None
    entry = json.loads(splits.read_text(encoding="utf-8")).get(corpus, {})
    return set(entry.get(split, []))


def gold_files(shared: Path, zyte: Path, split: str) -> list[tuple[dict, Path]]:
    """Each gold article of ``split`` with the path of its text."""
    out: list[tuple[dict, Path]] = []
    sources = (("polnear", GOLD / "polnear", GOLD / "splits.json", shared),
               ("zyte", zyte, zyte.parent / "splits.json", zyte.parent.parent.parent))
    for corpus, directory, splits, root in sources:
        if not directory.is_dir():
            print(f"warning: no gold directory {directory}; {corpus} left out", file=sys.stderr)
            continue
        names = split_names(splits, corpus, split)
        for path in sorted(directory.glob("*.json")):
            if names is None or path.stem in names:
                gold = json.loads(path.read_text(encoding="utf-8"))
                out.append((gold, root / gold["article"]["file"]))
    return out


def annotate(pipeline: Pipeline, gold: dict, text_path: Path) -> dict:
    """The pipeline's records for one gold article, as plain dicts."""
    raw = text_path.read_text(encoding="utf-8")
    meta = gold["article"]
    article = Article(id=text_path.stem, text=raw, original=raw, published=meta.get("published"))
    document = pipeline.annotate_one(clean(Document(article)))
    return {layer: [to_dict(r) for r in getattr(document, layer)] for layer in LAYERS}


def matchers(score):
    """Per layer: (match score function, threshold, target predicate on a matched pair)."""

    def event(g, s):
        r, _ = score.overlap(s.get("evidence", ""), g.get("evidence", ""))
        return (r >= 0.4) + ((s.get("type") or "") == g["type"])

    def stance(g, s):
        if not score.same_entity(s.get("holder"), g["holder"]):
            return 0.0
        r, _ = score.overlap(s.get("target", ""), g["target"])
        return r if r >= 0.3 else 0.0

    def commitment(g, s):
        r, _ = score.overlap(s.get("action", "") + " " + (s.get("evidence") or ""), g["action"])
        if g.get("holder") and not score.same_entity(s.get("holder"), g["holder"]):
            return 0.0
        return r if r >= 0.5 else 0.0

    def event_right(g, s):
        actor_ok = not g.get("actor") or score.same_entity(s.get("actor"), g["actor"])
        return (s.get("type") or "") == g["type"] and actor_ok

    return {
        "events": (event, 1.0, event_right),
        "stances": (stance, 0.3, lambda g, s: s.get("polarity") == g["polarity"]),
        "commitments": (commitment, 0.5, lambda g, s: s.get("kind") == g["kind"]),
    }


def event_fields(score, g: dict, s: dict) -> list[bool]:
    """score.py's field checks of one matched event pair."""
    checks = [(s.get("type") or "").lower() == g["type"], (s.get("status") or "") == g.get("status")]
    for key in ("actor", "target", "source"):
        if g.get(key):
            checks.append(score.same_entity(s.get(key), g[key]))
    if g.get("quantities"):
        sysq = {(float(q.get("value", -1)), (q.get("unit") or "").lower().rstrip("s"))
                for q in s.get("quantities", [])}
        checks.append(all((float(q["value"]), q["unit"].rstrip("s")) in sysq for q in g["quantities"]))
    if g.get("end"):
        end = score.as_date(s.get("end")) or score.as_date(s.get("start"))
        checks.append(bool(end and abs((end - score.as_date(g["end"])).days) <= 1))
    return checks


def tally(score, golds: list[dict], systems: list[dict], show: bool) -> dict:
    """Counts per layer: gold, system, matched, matched and right; event fields."""
    counts = {layer: {"gold": 0, "sys": 0, "match": 0, "right": 0} for layer in LAYERS}
    fields: list[bool] = []
    for gold, system in zip(golds, systems, strict=True):
        for layer, (fn, threshold, right) in matchers(score).items():
            g, s = gold.get(layer, []), system[layer]
            pairs = score.greedy_match(g, s, fn, threshold)
            c = counts[layer]
            c["gold"] += len(g)
            c["sys"] += len(s)
            c["match"] += len(pairs)
            c["right"] += sum(1 for gi, si in pairs.items() if right(g[gi], s[si]))
            if layer == "events":
                fields += [ok for gi, si in pairs.items() for ok in event_fields(score, g[gi], s[si])]
            if show:
                report(gold["article"]["file"], layer, g, s, pairs, right)
    counts["fields"] = {"ok": sum(fields), "all": len(fields)}
    return counts


def report(name: str, layer: str, gold: list, system: list, pairs: dict, right) -> None:
    """The matched (OK, or WRONG when the target figure's fields differ) and unmatched
    (FP, FN) records of one article and layer (--show)."""
    stem = Path(name).stem[:36]
    for gi, si in pairs.items():
        tag = "OK" if right(gold[gi], system[si]) else "WRONG"
        print(f"  {tag} {stem} {layer}: {dumps(system[si])[:200]}  gold {dumps(gold[gi])[:120]}")
    used = set(pairs.values())
    for i, s in enumerate(system):
        if i not in used:
            print(f"  FP {stem} {layer}: {dumps(s)}")
    for i, g in enumerate(gold):
        if i not in pairs:
            print(f"  FN {stem} {layer}: {dumps(g)}")


def dumps(record: dict) -> str:
    keys = ("type", "status", "actor", "holder", "polarity", "kind", "target", "action", "evidence")
    brief = {k: (record[k][:90] if isinstance(record.get(k), str) else record.get(k))
             for k in keys if k in record}
    return json.dumps(brief, ensure_ascii=False)


def print_table(counts: dict, n: int, split: str) -> None:
    print(f"{n} gold articles, split {split}")
    print(f"{'layer':12} {'gold':>5} {'sys':>5} {'match':>6} {'right':>6} {'P':>6} {'R':>6}"
          f" {'P match':>8} {'R match':>8}")
    for layer in LAYERS:
        c = counts[layer]
        p = c["right"] / c["sys"] if c["sys"] else 0.0
        r = c["right"] / c["gold"] if c["gold"] else 0.0
        pm = c["match"] / c["sys"] if c["sys"] else 0.0
        rm = c["match"] / c["gold"] if c["gold"] else 0.0
        print(f"{layer:12} {c['gold']:5} {c['sys']:5} {c['match']:6} {c['right']:6} {p:6.2f} {r:6.2f}"
              f" {pm:8.2f} {rm:8.2f}")
    f = counts["fields"]
    print(f"event fields {f['ok']}/{f['all']} = {f['ok'] / f['all'] if f['all'] else 0.0:.2f}")


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("train", "test", "all"), required=True)
    parser.add_argument("--shared", type=Path, default=HERE.parent.parent / "shared")
    parser.add_argument("--zyte", type=Path, default=GOLD / "zyte",
                        help="the Zyte gold directory (its splits.json is the one beside it)")
    parser.add_argument("--show", action="store_true", help="print matched and unmatched records")
    args = parser.parse_args(argv)
    score = load_scorer(args.shared)
    pipeline = Pipeline.load()
    items = gold_files(args.shared, args.zyte.resolve(), args.split)
    golds = [gold for gold, _ in items]
    systems = [annotate(pipeline, gold, path) for gold, path in items]
    print_table(tally(score, golds, systems, args.show), len(golds), args.split)


if __name__ == "__main__":
    main(sys.argv[1:])
