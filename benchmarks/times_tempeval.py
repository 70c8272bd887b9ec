"""TempEval-3 AQUAINT benchmark for the times layer, beside a spaCy + dateparser baseline.

usage: python benchmarks/times_tempeval.py [DIR] [--split train|test|all] [--errors N] [--baselines]

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
- ``baseline``: spaCy DATE/TIME entities + ``dateparser.parse(text, RELATIVE_BASE=dct)``
  (these three only with ``--baselines``).

``--split`` scores the sealed part (``test``: every third file of the sorted names, listed
in ``benchmarks/gold/tempeval_split.json``, never tuned on), the rest (``train``) or all.
For ``newsledger`` it also prints the type accuracy (TIMEX3 ``type`` on relaxed matches)
and, per category of expression (:func:`category`: weekdays, months, quarters and fiscal
periods, reference-relative, narrative, vague references, parts of day, …), the gold
count, the values right, wrong and missed, and the spurious expressions.
"""

from __future__ import annotations

import argparse
import html
import json
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
from newsledger.settings import TimeSettings

DEFAULT_DIR = Path("/work/shared/eval/tempeval3-aquaint")
SPLIT_FILE = Path(__file__).resolve().parent / "gold" / "tempeval_split.json"
#: The layer's settings, with decades in the notation of TempEval-3's gold (``198X``; our
#: default is TimeML 1.2's ``198``): a choice of spelling, not of reading.
SETTINGS = TimeSettings(decade_notation="X")
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
    type: str | None = None


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


def same_notation(gold: str, ours: str | None) -> bool:
    """Whether two values differ only in notation: week numbers with or without their
    zero (``2000-W7`` = ``2000-W07``), unspecified trailing parts (``1968-XX`` and
    ``1968-XX-XX`` = ``1968``). A second, looser value score; the targets use the exact one.

    >>> same_notation("2000-W7", "2000-W07"), same_notation("1994-XX-XX", "1994")
    (True, True)
    """
    def canonical(value: str) -> str:
        value = re.sub(r"-W(\d)\b", r"-W0\1", value)
        return re.sub(r"(?:-XX)+$", "", value)
    return ours is not None and canonical(gold) == canonical(ours)


def prf(tp_sys: int, n_sys: int, tp_gold: int, n_gold: int) -> tuple[float, float, float]:
    p = tp_sys / n_sys if n_sys else 0.0
    r = tp_gold / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


#: (category, test on the lower-cased text, value and type), first that holds wins: the
#: kinds of expression issue 16 names, so that errors can be counted by mechanism.
CATEGORIES: tuple[tuple[str, "re.Pattern[str] | None", "re.Pattern[str] | None", str | None], ...] = (
    ("set", None, None, "SET"),
    ("vague reference", None, re.compile(r"(PRESENT|PAST|FUTURE)_REF"), None),
    ("vague reference", re.compile(r"\b(now|current(ly)?|recent(ly)?|soon|future|present|"
                                   r"near term|lately|nowadays|these days)\b"), None, None),
    ("part of day", None, re.compile(r"T(MO|AF|EV|NI|MI|DT)"), None),
    ("part of day", re.compile(r"\b(morning|afternoon|evening|night|overnight|tonight|noon|"
                               r"midnight)\b"), None, None),
    ("clock time", None, re.compile(r"T\d\d"), None),
    ("narrative", re.compile(r"\b(that|the same|the (day|week|month|year|night) (before|after)|"
                             r"the (following|next|previous|preceding) (day|week|month|year|"
                             r"morning|night))\b"), None, None),
    ("quarter / fiscal", re.compile(r"\b(quarter|fiscal|half|q[1-4])\b"), None, None),
    ("reference-relative", re.compile(r"\b(ago|earlier|later|before|after|year-earlier|"
                                      r"year-ago)\b"), None, None),
    ("duration", None, None, "DURATION"),
    ("weekday", re.compile(r"\b(mon|tues|wednes|thurs|fri|satur|sun)day\b"), None, None),
    ("month / date", re.compile(r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\b"),
     None, None),
    ("deictic period", re.compile(r"\b(today|yesterday|tomorrow|this|next|last|past|coming|"
                                  r"week|month|year|weekend)\b"), None, None),
    ("year / decade", re.compile(r"\d\d|s\b|century"), None, None),
)


def category(text: str, value: str | None, type_: str | None) -> str:
    """The kind of an expression, from its text and (gold or system) value and type.

    >>> category("the year-earlier quarter", "1997-Q3", "DATE")
    'quarter / fiscal'
    >>> category("Thursday", "1998-08-06", "DATE")
    'weekday'
    """
    low = " ".join(text.lower().split())
    for name, words, val, typ in CATEGORIES:
        if typ is not None and type_ != typ:
            continue
        if val is not None and not (value and val.search(value)):
            continue
        if words is not None and not words.search(low):
            continue
        return name
    return "other"


class Tally:
    """Counts for one system over the corpus."""

    def __init__(self) -> None:
        self.counts: Counter[str] = Counter()
        self.by_category: dict[str, Counter[str]] = {}
        self.errors: list[tuple[str, str, str, str | None]] = []
        self.missed: list[tuple[str, str, str]] = []
        self.spurious: list[tuple[str, str]] = []

    def _cat(self, name: str, key: str) -> None:
        self.by_category.setdefault(name, Counter())[key] += 1

    def add(self, doc: Tml, found: list[Found]) -> None:
        gold = list(doc.gold)
        strict, relaxed = match(gold, found, True), match(gold, found, False)
        good = sum(value_ok(gold[g], found[f]) for g, f in relaxed.items())
        typed = sum(gold[g].type == found[f].type for g, f in relaxed.items())
        notation = sum(value_ok(gold[g], found[f]) or same_notation(gold[g].value, found[f].value)
                       for g, f in relaxed.items())
        self.counts.update(gold=len(gold), sys=len(found), strict=len(strict),
                           relaxed=len(relaxed), value=good, type=typed, notation=notation)
        for gi, g in enumerate(gold):
            name = category(g.text, g.value, g.type)
            self._cat(name, "gold")
            if gi not in relaxed:
                self._cat(name, "missed")
            elif value_ok(g, found[relaxed[gi]]):
                self._cat(name, "right")
            else:
                self._cat(name, "wrong")
        for g, f in relaxed.items():
            if not value_ok(gold[g], found[f]):
                self.errors.append((doc.name, gold[g].text, gold[g].value, found[f].value))
        self.missed += [(doc.name, gold[i].text, gold[i].value) for i in range(len(gold)) if i not in relaxed]
        used = set(relaxed.values())
        for i, f in enumerate(found):
            if i not in used:
                self.spurious.append((doc.name, f.text))
                self._cat(category(f.text, f.value, f.type), "spurious")

    def line(self, name: str) -> str:
        c = self.counts
        s = prf(c["strict"], c["sys"], c["strict"], c["gold"])
        r = prf(c["relaxed"], c["sys"], c["relaxed"], c["gold"])
        v = prf(c["value"], c["sys"], c["value"], c["gold"])
        return (f"{name:<40} strict P/R/F1 {s[0]:.3f} {s[1]:.3f} {s[2]:.3f}   relaxed "
                f"{r[0]:.3f} {r[1]:.3f} {r[2]:.3f}   value {v[0]:.3f} {v[1]:.3f} {v[2]:.3f}")

    def summary(self) -> str:
        """F1s, type accuracy and the per-category table."""
        c = self.counts
        f1 = {k: prf(c[k], c["sys"], c[k], c["gold"])[2] for k in ("strict", "relaxed", "value", "notation")}
        lines = [f"strict span F1 {f1['strict']:.3f}   relaxed span F1 {f1['relaxed']:.3f}   "
                 f"value F1 {f1['value']:.3f}   type accuracy "
                 f"{c['type'] / c['relaxed'] if c['relaxed'] else 0:.3f} ({c['type']}/{c['relaxed']})",
                 f"value F1 with equivalent notations (W7 = W07, 1968-XX = 1968): {f1['notation']:.3f}",
                 f"{'category':<20} {'gold':>5} {'right':>6} {'wrong':>6} {'missed':>7} {'spurious':>9}"]
        order = [name for name, *_ in CATEGORIES] + ["other"]
        for name in dict.fromkeys(order):
            n = self.by_category.get(name)
            if n:
                lines.append(f"{name:<20} {n['gold']:>5} {n['right']:>6} {n['wrong']:>6} "
                             f"{n['missed']:>7} {n['spurious']:>9}")
        return "\n".join(lines)


def split_names(split: str, path: Path = SPLIT_FILE) -> set[str] | None:
    """The file stems of ``split`` ("train", "test"), None for "all"."""
    if split == "all":
        return None
    names = json.loads(path.read_text(encoding="utf-8"))[split]
    return {Path(n).stem for n in names}


def dateparser_value(text: str, dct: date) -> str | None:
    base = datetime(dct.year, dct.month, dct.day)
    try:
        parsed = dateparser.parse(text, languages=["en"], settings={"RELATIVE_BASE": base})
    except Exception:  # noqa: BLE001 - the baseline must not stop the run
        return None
    return parsed.date().isoformat() if parsed else None


def run(directory: Path, errors: int, split: str = "all", baselines: bool = False) -> None:
    nlp = load()
    wanted = split_names(split)
    docs = [read_tml(p) for p in sorted(directory.glob("*.tml")) if wanted is None or p.stem in wanted]
    names = ["newsledger"] + (["newsledger, rules only", "newsledger spans + dateparser values",
                               "baseline"] if baselines else [])
    systems = {k: Tally() for k in names}
    warm = time.perf_counter()
    extract("It began on March 5, 1946.", None, date(2000, 1, 1))  # dateparser's one-off setup
    print(f"first call (imports dateparser, builds its parser): {time.perf_counter() - warm:.2f}s")
    started, layer_seconds = time.perf_counter(), 0.0
    for tml, sdoc in zip(docs, nlp.pipe([d.text for d in docs])):
        layer_started = time.perf_counter()
        pairs = extract(tml.text, sdoc, tml.dct, SETTINGS)
        layer_seconds += time.perf_counter() - layer_started
        ours = [Found(c.start, c.end, c.text, r.value, _iso(r.start), _iso(r.end), r.type) for c, r in pairs]
        systems["newsledger"].add(tml, ours)
        if not baselines:
            continue
        rules = [Found(c.start, c.end, c.text, r.value, _iso(r.start), _iso(r.end), r.type)
                 for c, r in extract(tml.text, sdoc, tml.dct, SETTINGS) if c.rule != "spacy"]
        systems["newsledger, rules only"].add(tml, rules)
        systems["newsledger spans + dateparser values"].add(
            tml, [Found(f.start, f.end, f.text, dateparser_value(f.text, tml.dct)) for f in ours])
        base = [Found(e.start_char, e.end_char, e.text, dateparser_value(e.text, tml.dct))
                for e in sdoc.ents if e.label_ in ("DATE", "TIME")]
        systems["baseline"].add(tml, base)
    elapsed = time.perf_counter() - started
    gold = systems["newsledger"].counts["gold"]
    print(f"TempEval-3 AQUAINT, split {split}: {len(docs)} documents, {gold} gold TIMEX3 "
          f"(DCT excluded), {elapsed:.1f}s")
    words = sum(len(d.text.split()) for d in docs)
    print(f"times layer alone (spaCy parse excluded): {1000 * layer_seconds / len(docs):.1f} ms/document, "
          f"{words / layer_seconds:,.0f} words/s")
    for name, tally in systems.items():
        print(tally.line(name))
    print()
    print(systems["newsledger"].summary())
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
    parser.add_argument("--split", choices=("train", "test", "all"), default="all",
                        help="the sealed test third, the rest, or all files (default)")
    parser.add_argument("--errors", type=int, default=0, help="print up to N errors of each kind")
    parser.add_argument("--baselines", action="store_true",
                        help="also score the rules alone and the dateparser baselines")
    args = parser.parse_args(argv)
    run(args.directory, args.errors, args.split, args.baselines)
    return 0


if __name__ == "__main__":
    sys.exit(main())
