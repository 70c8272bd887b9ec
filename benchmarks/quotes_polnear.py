"""Quotation extraction on PolNeAR, beside textacy, with the quote layer's cost.

Usage: ``python benchmarks/quotes_polnear.py [--split dev|train] [--offset K] [--limit N]``

``--offset K --limit N`` reads texts K .. K+N-1 of the split (sorted by name): a train
sample other than the one a rule was tuned on.

PolNeAR (2016 US election news) annotates every attribution as brat standoff: a
``Source``, a ``Cue`` and a ``Content`` span linked by an ``Attribution`` event. A text
may have several annotators' files; the first (by name) is used. The split is ingested
as JSONL (id, text, published from ``metadata.tsv``), parsed once with the shared spaCy
pipeline, then run through the entities and quotes layers. The texts are already clean
article bodies, so the cleaner is not run on them.

Scores:

* **content P/R/F1**: a gold content is found when a system quote's token overlap with
  it is >= 0.5 both ways (one-to-one, greedy by overlap);
* **speaker accuracy** of found quotes: the system speaker (canonical name or mention)
  shares a word with the gold Source, function words aside (pronouns count: a gold
  "he" is matched by a system "he");
* **speed**: the quote layer's time against the spaCy parse of the same texts.

textacy's ``direct_quotations`` runs on the same parsed docs; a doc on which it raises
``ValueError`` (unbalanced quotation marks) counts as 0 quotes.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from newsledger.annotate import entities, quotes
from newsledger.nlp import load
from newsledger.records import Article, Document, to_dict

POLNEAR = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "polnear"
#: The independent scorer: reads an export (articles and quotes lists) and a split.
SHARED_SCORER = Path(__file__).resolve().parents[1].parent / "shared" / "tools" / "score_polnear.py"
WORD = re.compile(r"\w+")
#: Words that say nothing about who spoke (determiners, prepositions, conjunctions).
FUNCTION_WORDS = frozenset(
    ["the", "a", "an", "of", "for", "to", "in", "on", "at", "by", "with", "and", "or", "but", "'s", "s", "from", "as", "that", "this", "these", "those"]
)


@dataclass
class Gold:
    content: str
    source: str | None


@dataclass
class Tally:
    gold: int = 0
    system: int = 0
    found: int = 0
    speaker_ok: int = 0
    speaker_total: int = 0
    seconds: float = 0.0
    misses: list[str] = field(default_factory=list)


def read_split(root: Path, split: str, limit: int | None, offset: int = 0) -> list[dict]:
    """The split as JSONL records: ``{"id", "text", "published", "ann"}``."""
    dates = {}
    with open(root / "metadata.tsv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            dates[row["filename"]] = row["publication_date"]
    texts = sorted((root / split / "text").glob("*.txt"))[offset:][: limit or None]
    anns = sorted((root / split / "attributions").glob("*.ann"))
    records = []
    for path in texts:
        first = next((a for a in anns if a.stem.rsplit("_", 1)[0] == path.stem), None)
        if first is not None:
            records.append({"id": path.stem, "text": path.read_text(encoding="utf-8"),
                            "published": dates.get(path.stem), "ann": str(first)})
    return records


def as_jsonl(records: list[dict]) -> list[dict]:
    """Round-trip the records through a JSONL file, as the ingest stage reads them."""
    with tempfile.NamedTemporaryFile("w+", suffix=".jsonl", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
        handle.seek(0)
        return [json.loads(line) for line in handle]


def read_gold(path: str, text: str) -> list[Gold]:
    """Attribution events of one .ann file: content text and source text."""
    spans, events = {}, []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            label, _, ranges = parts[1].partition(" ")
            pieces = [tuple(map(int, r.split())) for r in ranges.split(";")]
            spans[parts[0]] = (label, " ".join(text[s:e] for s, e in pieces))
        elif line.startswith("E") and len(parts) >= 2:
            events.append(dict(arg.split(":", 1) for arg in parts[1].split()[1:]))
    gold = []
    for event in events:
        if "Content" in event and event["Content"] in spans:
            source = spans.get(event.get("Source", ""), (None, None))[1]
            gold.append(Gold(spans[event["Content"]][1], source))
    return gold


def overlap(a: str, b: str) -> tuple[float, float]:
    """Token overlap of ``a`` with ``b``: (share of b covered, share of a covered)."""
    ta, tb = Counter(WORD.findall(a.lower())), Counter(WORD.findall(b.lower()))
    common = sum((ta & tb).values())
    return (common / sum(tb.values()) if tb else 0.0, common / sum(ta.values()) if ta else 0.0)


def match(gold: list[Gold], system: list[tuple[str, str]]) -> list[tuple[int, int]]:
    """Greedy one-to-one pairs (gold index, system index) with overlap >= 0.5 both ways."""
    scored = []
    for gi, g in enumerate(gold):
        for si, (text, _) in enumerate(system):
            recall, precision = overlap(text, g.content)
            if recall >= 0.5 and precision >= 0.5:
                scored.append((min(recall, precision), gi, si))
    pairs, used_g, used_s = [], set(), set()
    for _, gi, si in sorted(scored, reverse=True):
        if gi not in used_g and si not in used_s:
            pairs.append((gi, si))
            used_g.add(gi)
            used_s.add(si)
    return pairs


def same_speaker(system: str, source: str) -> bool:
    words = lambda s: set(WORD.findall(s.lower())) - FUNCTION_WORDS
    return bool(words(system) & words(source))


def tally(result: Tally, gold: list[Gold], system: list[tuple[str, str]]) -> None:
    pairs = match(gold, system)
    result.gold += len(gold)
    result.system += len(system)
    result.found += len(pairs)
    for gi, si in pairs:
        if gold[gi].source:
            result.speaker_total += 1
            result.speaker_ok += same_speaker(system[si][1], gold[gi].source)
    found = {gi for gi, _ in pairs}
    result.misses.extend(g.content[:80] for i, g in enumerate(gold) if i not in found)


def ours(document: Document) -> list[tuple[str, str]]:
    """System contents, one per record, as the export carries them: the quote layer
    already makes one record of an utterance its frame splits ("“A,” he said, “B.”")
    and gives a mixed quotation its whole reported clause, PolNeAR's units."""
    return [(q.text, " ".join(filter(None, (q.speaker, q.speaker_mention)))) for q in document.quotes]


def textacy_quotes(doc) -> list[tuple[str, str]] | None:  # type: ignore[no-untyped-def]
    """textacy's quotations joined per speaker and cue (one utterance, as ours); None when
    textacy is not installed."""
    try:
        from textacy.extract.triples import direct_quotations
    except ImportError:
        return None
    try:
        triples = list(direct_quotations(doc))
    except ValueError:
        return []
    groups: dict[object, list] = {}
    for q in triples:
        groups.setdefault((tuple(t.i for t in q.speaker), tuple(t.i for t in q.cue)), []).append(q)
    return [(" ".join(t.text for q in group for t in q.content), " ".join(t.text for t in group[0].speaker))
            for group in groups.values()]


def report(name: str, result: Tally) -> None:
    p = result.found / result.system if result.system else 0.0
    r = result.found / result.gold if result.gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    acc = result.speaker_ok / result.speaker_total if result.speaker_total else 0.0
    print(f"{name:10s} gold {result.gold:5d} sys {result.system:5d} found {result.found:5d}  "
          f"P {p:.3f} R {r:.3f} F1 {f:.3f}  speaker acc {acc:.3f} ({result.speaker_ok}/{result.speaker_total})")


def shared_scorer(exported: dict[str, list[dict]], split: Path, subset: bool) -> None:
    """Print the figures of ``shared/tools/score_polnear.py`` on the records as the export
    contract writes them (one system content per record, no grouping or widening). With
    ``subset``, the scorer sees a copy of the split holding only the texts read."""
    if not SHARED_SCORER.exists():
        print(f"shared scorer: {SHARED_SCORER} not found, skipped")
        return
    with tempfile.TemporaryDirectory() as tmp:
        root = split
        if subset:
            root = Path(tmp) / "split"
            for sub in ("text", "attributions"):
                (root / sub).mkdir(parents=True)
            ids = {a["id"] for a in exported["articles"]}
            for path in (split / "text").glob("*.txt"):
                if path.stem in ids:
                    (root / "text" / path.name).symlink_to(path)
            for path in (split / "attributions").glob("*.ann"):
                if path.stem.rsplit("_", 1)[0] in ids:
                    (root / "attributions" / path.name).symlink_to(path)
        export = Path(tmp) / "export.json"
        export.write_text(json.dumps(exported, ensure_ascii=False), encoding="utf-8")
        result = subprocess.run([sys.executable, str(SHARED_SCORER), str(export), str(root)],
                                capture_output=True, text=True, check=True)
    figures = json.loads(result.stdout)
    print(f"shared scorer (score_polnear.py): gold {figures['gold']} sys {figures['sys']}  "
          f"content P {figures['content_P']:.3f} R {figures['content_R']:.3f} F1 {figures['content_F1']:.3f}  "
          f"speaker acc {figures['speaker_acc_of_found']:.3f}  end-to-end F1 {figures['e2e_F1']:.3f}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="dev", choices=("dev", "train"))
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--offset", type=int, default=0, help="skip this many texts first")
    parser.add_argument("--root", type=Path, default=POLNEAR)
    parser.add_argument("--misses", type=int, default=0, help="print this many missed gold contents")
    args = parser.parse_args(argv)
    records = as_jsonl(read_split(args.root, args.split, args.limit, args.offset))
    nlp = load()
    nlp("Warm-up.")
    warm = Document(Article("warm", "“I said it,” she told us."), doc=nlp("“I said it,” she told us."))
    quotes.annotate(entities.annotate(warm))  # loads the cue and first-name tables
    exported: dict[str, list[dict]] = {"articles": [], "quotes": []}
    parse, ents = Tally(), Tally()
    mine, baseline = Tally(), Tally()
    for record in records:
        started = time.perf_counter()
        doc = nlp(record["text"])
        parse.seconds += time.perf_counter() - started
        document = Document(Article(record["id"], record["text"], published=record["published"]), doc=doc)
        started = time.perf_counter()
        document = entities.annotate(document)
        ents.seconds += time.perf_counter() - started
        started = time.perf_counter()
        document = quotes.annotate(document)
        mine.seconds += time.perf_counter() - started
        exported["articles"].append({"id": record["id"], "url": "polnear:" + record["id"], "text": record["text"]})
        exported["quotes"].extend(to_dict(q) for q in document.quotes)
        gold = read_gold(record["ann"], record["text"])
        tally(mine, gold, ours(document))
        started = time.perf_counter()
        theirs = textacy_quotes(doc)
        if theirs is not None:
            tally(baseline, gold, theirs)
        baseline.seconds += time.perf_counter() - started
    print(f"PolNeAR {args.split}: {len(records)} texts")
    report("newsledger", mine)
    if baseline.gold:
        report("textacy", baseline)
    else:
        print("textacy    not installed, skipped")
    print(f"time: parse {parse.seconds:.2f}s, entities {ents.seconds:.2f}s, quotes {mine.seconds:.2f}s "
          f"({100 * mine.seconds / parse.seconds:.1f}% of parse), textacy {baseline.seconds:.2f}s")
    shared_scorer(exported, args.root / args.split, bool(args.limit or args.offset))
    for miss in mine.misses[: args.misses]:
        print("  missed:", miss)


if __name__ == "__main__":
    sys.exit(main())
