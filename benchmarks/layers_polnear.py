#!/usr/bin/env python3
"""Precision and recall of the events, stances and commitments layers on 20 PolNeAR
dev articles annotated by hand (``benchmarks/gold/polnear/*.json``, the gold format of
``shared/gold``).

Matching follows ``shared/tools/score.py``: an event matches on evidence overlap
(gold-token recall >= 0.4) plus type, needing 1 of the 2 points; the strict line
needs both. A stance matches on the same holder and target overlap >= 0.3 (the strict
line also needs the polarity). A commitment matches on action overlap >= 0.5 and the
holder when the gold names one (strict: the kind too).

usage: python benchmarks/layers_polnear.py [--shared ../shared] [--show]
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
GOLD_DIR = HERE / "gold" / "polnear"
LAYERS = ("events", "stances", "commitments")


def load_scorer(shared: Path):
    """``shared/tools/score.py`` as a module: its overlap and entity rules are the contract."""
    spec = importlib.util.spec_from_file_location("score", shared / "tools" / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def annotate(pipeline: Pipeline, shared: Path, gold: dict) -> dict:
    """The pipeline's records for one gold article, as plain dicts."""
    meta = gold["article"]
    raw = (shared / meta["file"]).read_text(encoding="utf-8")
    article = Article(id=Path(meta["file"]).stem, text=raw, original=raw, published=meta.get("published"))
    document = pipeline.annotate_one(clean(Document(article)))
    return {layer: [to_dict(r) for r in getattr(document, layer)] for layer in LAYERS}


def matchers(score):
    """Per layer: (loose score function, threshold, strict predicate)."""

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

    return {
        "events": (event, 1.0, lambda g, s: event(g, s) == 2),
        "stances": (stance, 0.3, lambda g, s: s.get("polarity") == g["polarity"]),
        "commitments": (commitment, 0.5, lambda g, s: s.get("kind") == g["kind"]),
    }


def tally(score, golds: list[dict], systems: list[dict], show: bool) -> dict:
    """Counts per layer: gold, system, matched, matched strictly."""
    counts = {layer: {"gold": 0, "sys": 0, "match": 0, "strict": 0} for layer in LAYERS}
    for gold, system in zip(golds, systems, strict=True):
        for layer, (fn, threshold, strict) in matchers(score).items():
            g, s = gold.get(layer, []), system[layer]
            pairs = score.greedy_match(g, s, fn, threshold)
            c = counts[layer]
            c["gold"] += len(g)
            c["sys"] += len(s)
            c["match"] += len(pairs)
            c["strict"] += sum(1 for gi, si in pairs.items() if strict(g[gi], s[si]))
            if show:
                report(gold["article"]["file"], layer, g, s, pairs)
    return counts


def report(name: str, layer: str, gold: list, system: list, pairs: dict) -> None:
    """The matched (OK) and unmatched (FP, FN) records of one article and layer (--show)."""
    used = set(pairs.values())
    for si in pairs.values():
        print(f"  OK {Path(name).stem[:40]} {layer}: {json.dumps(brief(system[si]), ensure_ascii=False)[:160]}")
    for i, s in enumerate(system):
        if i not in used:
            print(f"  FP {Path(name).stem[:40]} {layer}: {json.dumps(brief(s), ensure_ascii=False)}")
    for i, g in enumerate(gold):
        if i not in pairs:
            print(f"  FN {Path(name).stem[:40]} {layer}: {json.dumps(brief(g), ensure_ascii=False)}")


def brief(record: dict) -> dict:
    keys = ("type", "status", "holder", "polarity", "kind", "target", "action", "evidence")
    return {k: (record[k][:80] if isinstance(record.get(k), str) else record.get(k)) for k in keys if k in record}


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=HERE.parent.parent / "shared")
    parser.add_argument("--show", action="store_true", help="print unmatched records")
    args = parser.parse_args(argv)
    score = load_scorer(args.shared)
    pipeline = Pipeline.load()
    golds = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(GOLD_DIR.glob("*.json"))]
    systems = [annotate(pipeline, args.shared, g) for g in golds]
    counts = tally(score, golds, systems, args.show)
    print(f"{len(golds)} PolNeAR dev articles")
    print(f"{'layer':12} {'gold':>5} {'sys':>5} {'match':>6} {'P':>6} {'R':>6} {'P strict':>9} {'R strict':>9}")
    for layer, c in counts.items():
        p = c["match"] / c["sys"] if c["sys"] else 0.0
        r = c["match"] / c["gold"] if c["gold"] else 0.0
        ps = c["strict"] / c["sys"] if c["sys"] else 0.0
        rs = c["strict"] / c["gold"] if c["gold"] else 0.0
        print(f"{layer:12} {c['gold']:5} {c['sys']:5} {c['match']:6} {p:6.2f} {r:6.2f} {ps:9.2f} {rs:9.2f}")


if __name__ == "__main__":
    main(sys.argv[1:])
