"""TempEval-3 AQUAINT benchmark for the times layer, beside a spaCy + dateparser baseline.

usage: python benchmarks/times_tempeval.py [DIR] [--errors N]

Reads every ``*.tml`` of DIR (default ``/work/shared/eval/tempeval3-aquaint``): the
document text is the ``<TEXT>`` element with tags removed and entities unescaped, the
anchor is the DCT (the TIMEX3 with ``functionInDocument="CREATION_TIME"``, outside
``<TEXT>``, so it is not scored), the gold are the TIMEX3 inside ``<TEXT>``.

Prints, for each system, strict span P/R/F1 (same offsets), relaxed span P/R/F1 (any
overlap, one-to-one) and value P/R/F1 (a relaxed match whose value equals the gold
value, or whose start = end = the gold day):

- ``newsledger``: the times layer as the pipeline runs it;
- ``newsledger, rules only``: without the spaCy-entity fallback;
- ``newsledger spans + dateparser values``: our spans, values from
  ``dateparser.parse(text, RELATIVE_BASE=dct)``: the difference is what the rules add;
- ``baseline``: spaCy DATE/TIME entities + ``dateparser.parse(text, RELATIVE_BASE=dct)``.
"""

from __future__ import annotations

import argparse
import html
import re
import sys
import time
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import dateparser

from newsledger.annotate.times import extract
from newsledger.nlp import load

DEFAULT_DIR = Path("/work/shared/eval/tempeval3-aquaint")
TAG = re.compile(r"<(/?)(\w+)([^>]*)>")
ATTR = re.compile(r'(\w+)="([^"]*)"')


@dataclass(frozen=True)
class Gold:
    start: int
    end: int
    text: str
    type: str
    value: str


@dataclass(frozen=True)
class Found:
    start: int
    end: int
    text: str
    value: str | None
    first: str | None = None
    last: str | None = None


@dataclass(frozen=True)
class Tml:
    name: str
    dct: date
    text: str
    gold: tuple[Gold, ...]


def read_tml(path: Path) -> Tml:
    """Text of <TEXT> with gold TIMEX3 offsets into it, and the DCT."""
    raw = path.read_text(encoding="utf-8")
    dct = re.search(r'<TIMEX3[^>]*functionInDocument="CREATION_TIME"[^>]*value="([^"]+)"', raw) or \
        re.search(r'<TIMEX3[^>]*value="([^"]+)"[^>]*functionInDocument="CREATION_TIME"', raw)
    body = raw[raw.index("<TEXT>") + len("<TEXT>"):raw.index("</TEXT>")]
    out: list[str] = []
    length, pos, gold, opened = 0, 0, [], None
    for tag in TAG.finditer(body):
        chunk = html.unescape(body[pos:tag.start()])
        out.append(chunk)
        length += len(chunk)
        pos = tag.end()
        if tag.group(2) == "TIMEX3" and not tag.group(1):
            opened = (length, dict(ATTR.findall(tag.group(3))))
        elif tag.group(2) == "TIMEX3" and opened:
            start, attrs = opened
            gold.append((start, length, attrs))
            opened = None
    out.append(html.unescape(body[pos:]))
    text = "".join(out)
    golds = tuple(Gold(s, e, text[s:e], a.get("type", ""), a.get("value", "")) for s, e, a in gold)
    return Tml(path.stem, date.fromisoformat(dct.group(1)[:10]), text, golds)


def match(gold: list[Gold], found: list[Found], strict: bool) -> dict[int, int]:
    """One-to-one gold index -> found index, by exact offsets or by overlap."""
    pairs: dict[int, int] = {}
    used: set[int] = set()
    for gi, g in enumerate(gold):
        for fi, f in enumerate(found):
            if fi in used:
                continue
            if (f.start, f.end) == (g.start, g.end) if strict else (f.start < g.end and g.start < f.end):
                pairs[gi] = fi
                used.add(fi)
                break
    return pairs


def value_ok(g: Gold, f: Found) -> bool:
    if f.value and f.value == g.value:
        return True
    day = g.value[:10]
    return bool(re.fullmatch(r"\d{4}-\d\d-\d\d", day) and f.first and f.first == f.last == day)


def prf(tp_sys: int, n_sys: int, tp_gold: int, n_gold: int) -> tuple[float, float, float]:
    p = tp_sys / n_sys if n_sys else 0.0
    r = tp_gold / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


class Tally:
    """Counts for one system over the corpus."""

    def __init__(self) -> None:
        self.counts: Counter[str] = Counter()
        self.errors: list[tuple[str, str, str, str | None]] = []
        self.missed: list[tuple[str, str, str]] = []
        self.spurious: list[tuple[str, str]] = []

    def add(self, doc: Tml, found: list[Found]) -> None:
        gold = list(doc.gold)
        strict, relaxed = match(gold, found, True), match(gold, found, False)
        good = sum(value_ok(gold[g], found[f]) for g, f in relaxed.items())
        self.counts.update(gold=len(gold), sys=len(found), strict=len(strict),
                           relaxed=len(relaxed), value=good)
        for g, f in relaxed.items():
            if not value_ok(gold[g], found[f]):
                self.errors.append((doc.name, gold[g].text, gold[g].value, found[f].value))
        self.missed += [(doc.name, gold[i].text, gold[i].value) for i in range(len(gold)) if i not in relaxed]
        used = set(relaxed.values())
        self.spurious += [(doc.name, found[i].text) for i in range(len(found)) if i not in used]

    def line(self, name: str) -> str:
        c = self.counts
        s = prf(c["strict"], c["sys"], c["strict"], c["gold"])
        r = prf(c["relaxed"], c["sys"], c["relaxed"], c["gold"])
        v = prf(c["value"], c["sys"], c["value"], c["gold"])
        return (f"{name:<40} strict P/R/F1 {s[0]:.3f} {s[1]:.3f} {s[2]:.3f}   relaxed "
                f"{r[0]:.3f} {r[1]:.3f} {r[2]:.3f}   value {v[0]:.3f} {v[1]:.3f} {v[2]:.3f}")


def dateparser_value(text: str, dct: date) -> str | None:
    base = datetime(dct.year, dct.month, dct.day)
    try:
        parsed = dateparser.parse(text, languages=["en"], settings={"RELATIVE_BASE": base})
    except Exception:  # noqa: BLE001 - the baseline must not stop the run
        return None
    return parsed.date().isoformat() if parsed else None


def run(directory: Path, errors: int) -> None:
    nlp = load()
    docs = [read_tml(p) for p in sorted(directory.glob("*.tml"))]
    systems = {k: Tally() for k in ("newsledger", "newsledger, rules only",
                                    "newsledger spans + dateparser values", "baseline")}
    warm = time.perf_counter()
    extract("It began on March 5, 1946.", None, date(2000, 1, 1))  # dateparser's one-off setup
    print(f"first call (imports dateparser, builds its parser): {time.perf_counter() - warm:.2f}s")
    started, layer_seconds = time.perf_counter(), 0.0
    for tml, sdoc in zip(docs, nlp.pipe([d.text for d in docs])):
        layer_started = time.perf_counter()
        pairs = extract(tml.text, sdoc, tml.dct)
        layer_seconds += time.perf_counter() - layer_started
        ours = [Found(c.start, c.end, c.text, r.value, _iso(r.start), _iso(r.end)) for c, r in pairs]
        systems["newsledger"].add(tml, ours)
        rules = [Found(c.start, c.end, c.text, r.value, _iso(r.start), _iso(r.end))
                 for c, r in extract(tml.text, sdoc, tml.dct) if c.rule != "spacy"]
        systems["newsledger, rules only"].add(tml, rules)
        systems["newsledger spans + dateparser values"].add(
            tml, [Found(f.start, f.end, f.text, dateparser_value(f.text, tml.dct)) for f in ours])
        base = [Found(e.start_char, e.end_char, e.text, dateparser_value(e.text, tml.dct))
                for e in sdoc.ents if e.label_ in ("DATE", "TIME")]
        systems["baseline"].add(tml, base)
    elapsed = time.perf_counter() - started
    gold = systems["newsledger"].counts["gold"]
    print(f"TempEval-3 AQUAINT: {len(docs)} documents, {gold} gold TIMEX3 (DCT excluded), "
          f"{elapsed:.1f}s for all systems")
    words = sum(len(d.text.split()) for d in docs)
    print(f"times layer alone (spaCy parse excluded): {1000 * layer_seconds / len(docs):.1f} ms/document, "
          f"{words / layer_seconds:,.0f} words/s")
    for name, tally in systems.items():
        print(tally.line(name))
    if errors:
        _print_errors(systems["newsledger"], errors)


def _print_errors(tally: Tally, limit: int) -> None:
    print(f"\nwrong values ({len(tally.errors)}):")
    for row in tally.errors[:limit]:
        print("  ", row)
    print(f"\nmissed ({len(tally.missed)}):")
    for row in tally.missed[:limit]:
        print("  ", row)
    print(f"\nspurious ({len(tally.spurious)}):")
    for row in tally.spurious[:limit]:
        print("  ", row)


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory", nargs="?", type=Path, default=DEFAULT_DIR)
    parser.add_argument("--errors", type=int, default=0, help="print up to N errors of each kind")
    args = parser.parse_args(argv)
    run(args.directory, args.errors)
    return 0


if __name__ == "__main__":
    sys.exit(main())
