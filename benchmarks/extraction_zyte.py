"""Body extraction on Zyte's article-extraction benchmark: our HTML ingest vs bare trafilatura.

Usage::

    .venv/bin/python benchmarks/extraction_zyte.py [--data ../shared/eval/zyte-article-extraction] [--limit N]

For each of the 181 pages it scores, against ``ground-truth.json``'s ``articleBody``:

* ``trafilatura``  — ``trafilatura.extract(html)`` as the benchmark's own runner calls it;
* ``ingest``       — ``newsledger.ingest``'s clean text (trafilatura + our line rules,
  section headings moved out of the text);
* ``ingest+head``  — the same with the headings put back, to separate the heading
  policy from the noise rules.

The metric is the benchmark's: 4-word shingles of ``\\w+`` tokens; per page TP/FP/FN
normalised to sum 1; precision and recall averaged over pages; F1 of the averages.
It also counts lines our rules removed that are in the ground truth (rule harm),
per rule, and prints a few. Timing is wall-clock on this machine.

With ``--clean-texts DIR`` (default: PolNeAR's article texts, which are already
clean bodies) it also runs the cleaner alone over every file there and prints the
share of words it takes out of the text: on clean text, every removal is a
candidate false removal.
"""

from __future__ import annotations

import argparse
import gzip
import json
import logging
import re
import statistics
import time
from collections import Counter
from pathlib import Path

import trafilatura

from newsledger.ingest.build import IngestError, build
from newsledger.ingest.clean import NOISE, classify
from newsledger.ingest.decode import decode
from newsledger.ingest.html import extract_html
from newsledger.settings import IngestSettings

ALL_LANGUAGES = IngestSettings(languages="any")

SHARED_EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval"
DEFAULT_DATA = SHARED_EVAL / "zyte-article-extraction"
DEFAULT_CLEAN = SHARED_EVAL / "polnear"
_TOKEN = re.compile(r"\w+", re.UNICODE)


def shingles(text: str, n: int = 4) -> Counter:
    tokens = _TOKEN.findall(text or "")
    return Counter(
        tuple(tokens[i : i + n])
        for i in range(max(1, len(tokens) - n + 1))
        if tokens[i : i + n]
    )


def tp_fp_fn(true: str, pred: str) -> tuple[float, float, float]:
    t, p = shingles(true), shingles(pred)
    tp = sum((t & p).values())
    fp = sum((p - t).values())
    fn = sum((t - p).values())
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def summary(scores: list[tuple[float, float, float]]) -> dict[str, float]:
    def ratio(a: float, b: float, other: float) -> float:
        if b == other == 0:
            return 1.0
        return a / (a + b) if a + b else 0.0

    precision = statistics.mean(
        ratio(tp, fp, fn) for tp, fp, fn in scores if tp + fp > 0
    )
    recall = statistics.mean(ratio(tp, fn, fp) for tp, fp, fn in scores if tp + fn > 0)
    return {
        "P": precision,
        "R": recall,
        "F1": 2 * precision * recall / (precision + recall),
    }


def ours(html_bytes: bytes, name: str) -> tuple[str, str, list[tuple[str, str]]]:
    """Our clean text, text with headings, and (rule, line) for every removed line."""
    try:
        found = extract_html(decode(html_bytes, name), name)
    except IngestError:
        return "", "", []
    document = build(found, settings=ALL_LANGUAGES)  # the benchmark has pages in many languages
    if document is None or isinstance(document, IngestError):
        return "", "", []
    verdicts = classify(found.body, found.title, found.page)
    removed = [(v.rule or "", v.line.text) for v in verdicts if v.kind == NOISE]
    with_headings = "\n\n".join(
        v.line.text for v in verdicts if v.kind in ("body", "heading")
    )
    return document.article.text, with_headings, removed


def false_removals(root: Path) -> None:
    """Print what the cleaner takes out of texts that are already clean article bodies."""
    files = sorted(p for p in root.glob("**/text/*") if p.is_file()) or sorted(
        root.glob("*.txt")
    )
    total = out = 0
    by_rule: Counter = Counter()
    for path in files:
        for verdict in classify(path.read_text(encoding="utf-8", errors="replace")):
            count = len(verdict.line.text.split())
            total += count
            if verdict.kind not in ("body", "title"):
                out += count
                by_rule[f"{verdict.kind}:{verdict.rule}"] += 1
    print(
        f"clean texts: {len(files)} files, {total} words; out of the text: {out} ({out / max(total, 1):.2%})"
    )
    print(
        "  lines by reason: "
        + ", ".join(f"{rule} {n}" for rule, n in by_rule.most_common())
    )


SPLIT = Path(__file__).resolve().parent / "gold" / "scraped" / "split.json"


def zyte(data: Path, limit: int) -> None:
    """Score bare trafilatura and our ingest on the Zyte pages, and print the figures
    for all pages and for the two parts of ``benchmarks/gold/scraped/split.json``."""
    truth = json.loads((data / "ground-truth.json").read_text(encoding="utf-8"))
    keys = sorted(truth)[: limit or None]
    sealed = set(json.loads(SPLIT.read_text(encoding="utf-8"))["sealed"])
    scores: dict[str, list] = {"trafilatura": [], "ingest": [], "ingest+head": []}
    seconds: Counter = Counter()
    removed_total: Counter = Counter()
    harm: list[
        tuple[str, str]
    ] = []  # (rule, "page: line") for removed ground-truth lines
    for key in keys:
        html = gzip.decompress((data / "html" / f"{key}.html.gz").read_bytes())
        body = truth[key].get("articleBody", "")
        start = time.perf_counter()
        baseline = trafilatura.extract(
            html.decode("utf-8", errors="replace"), include_comments=False
        )
        seconds["trafilatura"] += time.perf_counter() - start
        start = time.perf_counter()
        text, with_headings, removed = ours(html, key)
        seconds["ingest"] += time.perf_counter() - start
        scores["trafilatura"].append(tp_fp_fn(body, baseline or ""))
        scores["ingest"].append(tp_fp_fn(body, text))
        scores["ingest+head"].append(tp_fp_fn(body, with_headings))
        flat_body = " ".join(body.split())
        for rule, line in removed:
            removed_total[rule] += 1
            if key not in sealed and len(line.split()) >= 3 and " ".join(line.split()) in flat_body:
                harm.append((rule, f"{key[:8]}: {line[:100]}"))
    print(f"pages: {len(keys)} ({len(sealed & set(keys))} sealed)")
    for part in ("all", "dev", "sealed"):
        chosen = [
            i for i, key in enumerate(keys)
            if part == "all" or (key in sealed) == (part == "sealed")
        ]
        for name, values in scores.items():
            s = summary([values[i] for i in chosen])
            print(f"{part:<7}{name:<12} P={s['P']:.3f}  R={s['R']:.3f}  F1={s['F1']:.3f}")
    base = summary(scores["trafilatura"])["F1"]
    print(f"F1 ratio ingest/trafilatura: {summary(scores['ingest'])['F1'] / base:.3f}")
    ratio = seconds["ingest"] / seconds["trafilatura"]
    print(
        f"seconds: trafilatura {seconds['trafilatura']:.1f}, ingest {seconds['ingest']:.1f} (ratio {ratio:.2f})"
    )
    harmed = Counter(rule for rule, _ in harm)
    print("lines removed by rule (of which in the ground truth, >= 3 words, dev pages only):")
    for rule, count in removed_total.most_common():
        print(f"  {rule:<16} {count:>5}  in truth: {harmed[rule]}")
    for rule, example in harm[:15]:
        print(f"  e.g. [{rule}] {example}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--limit", type=int, default=0)
    parser.add_argument("--clean-texts", type=Path, default=DEFAULT_CLEAN)
    args = parser.parse_args()
    logging.basicConfig(level=logging.ERROR)
    for name in ("trafilatura", "htmldate", "newsledger"):
        logging.getLogger(name).setLevel(logging.CRITICAL)
    zyte(args.data, args.limit)
    if args.clean_texts.exists():
        false_removals(args.clean_texts)


if __name__ == "__main__":
    main()
