"""The line cleaner on scraped text: whole pages as a reader copies them, line by line.

Usage::

    .venv/bin/python benchmarks/cleanup_scraped.py build   # (re)make the labelled lines
    .venv/bin/python benchmarks/cleanup_scraped.py [--part dev|sealed|both] [--show N]

``build`` renders each of Zyte's 181 article pages (``/work/shared/eval/
zyte-article-extraction``) to its whole visible text (:func:`newsledger.ingest.
pagetext.page_text`: block elements on their own lines, a blank line around
paragraphs, as a browser's select-all-and-copy gives it) and labels every non-blank
line **body** or **furniture** from the page's ground-truth ``articleBody``:

* a line of 4 or more words is body when at least half of its 4-word shingles occur
  in ``articleBody``;
* a shorter line is body when it is a whole line of ``articleBody`` (a heading, a
  short paragraph), or when its words occur in ``articleBody`` in that order and a
  neighbouring line is body (a fragment of a paragraph broken by ``<br>``);
* anything else, and a line with no words, is furniture.

The labels go to ``benchmarks/gold/scraped/lines.jsonl`` (one page per line: its key,
part, text and one label per non-blank line). A third of the pages is **sealed**: a
page is sealed when ``sha256("newsledger-scraped-seal-v1:" + key)`` is 0 mod 3, a rule
fixed before any tuning, and the list is committed in
``benchmarks/gold/scraped/split.json`` (``benchmarks/extraction_zyte.py`` uses the same
split). Tune on ``dev`` only; the sealed part prints figures, never lines.

Scoring runs :func:`newsledger.ingest.clean.classify` on each page's text (no title,
as for a pasted ``.txt``) and counts a line as *kept* when it ends up in the text or
the headings, *removed* otherwise (noise, or the title). It prints, per part:
furniture-line recall (furniture removed / furniture lines) and body-line recall
(body kept / body lines), over all lines and averaged over pages, and the body kept
on the worst page with the number of pages that keep less than 0.90 of their body
(a page that loses most of its article is a user's lost quotes).
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import re
import statistics
import sys
import unicodedata
from collections import Counter
from pathlib import Path

from newsledger.ingest.clean import BODY, HEADING, classify, split_lines
from newsledger.ingest.decode import decode
from newsledger.ingest.pagetext import page_text

HERE = Path(__file__).resolve().parent
GOLD = HERE / "gold" / "scraped"
LINES = GOLD / "lines.jsonl"
SPLIT = GOLD / "split.json"
DATA = HERE.parents[1] / "shared" / "eval" / "zyte-article-extraction"
SEAL_SALT = "newsledger-scraped-seal-v1:"
_TOKEN = re.compile(r"\w+", re.UNICODE)


def sealed(key: str) -> bool:
    """The fixed sealing rule: a third of the pages, by a salted hash of the key."""
    digest = hashlib.sha256((SEAL_SALT + key).encode()).hexdigest()
    return int(digest, 16) % 3 == 0


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(unicodedata.normalize("NFKC", text).casefold())


def _shingles(words: list[str], n: int = 4) -> set[tuple[str, ...]]:
    return {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}


def _contains(haystack: list[str], needle: list[str], first: dict[str, list[int]]) -> bool:
    return any(
        haystack[i : i + len(needle)] == needle for i in first.get(needle[0], ())
    )


def label_lines(lines: list[str], body: str) -> list[str]:
    """``body`` or ``furniture`` for each line, from the ground-truth article body."""
    body_words = tokens(body)
    body_shingles = _shingles(body_words)
    body_lines = {tuple(tokens(line)) for line in body.splitlines() if line.strip()}
    first: dict[str, list[int]] = {}
    for i, word in enumerate(body_words):
        first.setdefault(word, []).append(i)
    words = [tokens(line) for line in lines]
    labels = []
    for w in words:
        if len(w) >= 4:
            share = len(_shingles(w) & body_shingles) / max(len(_shingles(w)), 1)
            labels.append("body" if share >= 0.5 else "furniture")
        else:
            labels.append("body" if w and tuple(w) in body_lines else "furniture")
    for i, w in enumerate(words):  # short fragments between body lines
        if labels[i] == "furniture" and 0 < len(w) < 4 and _contains(body_words, w, first):
            near = labels[i - 1 : i] + labels[i + 1 : i + 2]
            if "body" in near and any(len(words[j]) >= 4 for j in (i - 1, i + 1) if 0 <= j < len(words)):
                labels[i] = "body"
    return labels


def build(data: Path) -> None:
    truth = json.loads((data / "ground-truth.json").read_text(encoding="utf-8"))
    GOLD.mkdir(parents=True, exist_ok=True)
    split = {"rule": f"sha256({SEAL_SALT!r} + key) % 3 == 0", "sealed": [], "dev": []}
    counts: Counter = Counter()
    with LINES.open("w", encoding="utf-8") as out:
        for key in sorted(truth):
            html = gzip.decompress((data / "html" / f"{key}.html.gz").read_bytes())
            text = page_text(decode(html, key))
            lines = [line.text for line in split_lines(text)]
            labels = label_lines(lines, truth[key].get("articleBody", ""))
            part = "sealed" if sealed(key) else "dev"
            split[part].append(key)
            counts.update(f"{part}:{label}" for label in labels)
            record = {"key": key, "part": part, "url": truth[key].get("url"), "text": text, "labels": labels}
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    SPLIT.write_text(json.dumps(split, indent=1) + "\n", encoding="utf-8")
    print(f"{len(split['dev'])} dev pages, {len(split['sealed'])} sealed; lines: {dict(sorted(counts.items()))}")


def load() -> list[dict]:
    with LINES.open(encoding="utf-8") as stream:
        return [json.loads(line) for line in stream]


def score(pages: list[dict], show: int = 0) -> dict[str, float]:
    """Furniture and body recall over ``pages``; ``show`` prints that many misses of each kind."""
    totals: Counter = Counter()
    per_page_f, per_page_b = [], []
    misses: dict[str, list[str]] = {"furniture kept": [], "body removed": []}
    for page in pages:
        verdicts = classify(page["text"])
        assert len(verdicts) == len(page["labels"]), page["key"]
        page_counts: Counter = Counter()
        for verdict, label in zip(verdicts, page["labels"]):
            kept = verdict.kind in (BODY, HEADING)
            page_counts[(label, kept)] += 1
            if label == "furniture" and kept:
                misses["furniture kept"].append(f"{page['key'][:8]}: {verdict.line.text[:110]}")
            elif label == "body" and not kept:
                misses["body removed"].append(f"{page['key'][:8]} [{verdict.rule}]: {verdict.line.text[:110]}")
        totals.update(page_counts)
        furniture = page_counts[("furniture", False)] + page_counts[("furniture", True)]
        body = page_counts[("body", True)] + page_counts[("body", False)]
        if furniture:
            per_page_f.append(page_counts[("furniture", False)] / furniture)
        if body:
            per_page_b.append(page_counts[("body", True)] / body)
    for kind, lines in misses.items():
        for line in lines[:show]:
            print(f"  {kind}: {line}")
    furniture = totals[("furniture", False)] + totals[("furniture", True)]
    body = totals[("body", True)] + totals[("body", False)]
    return {
        "pages": len(pages),
        "furniture_lines": furniture,
        "body_lines": body,
        "furniture_removed": totals[("furniture", False)] / max(furniture, 1),
        "body_kept": totals[("body", True)] / max(body, 1),
        "furniture_removed_page_mean": statistics.mean(per_page_f) if per_page_f else 0.0,
        "body_kept_page_mean": statistics.mean(per_page_b) if per_page_b else 0.0,
        "body_kept_page_min": min(per_page_b, default=0.0),
        "pages_under_90": sum(1 for share in per_page_b if share < 0.9),
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("command", nargs="?", choices=("score", "build"), default="score")
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--part", choices=("dev", "sealed", "both"), default="both")
    parser.add_argument("--show", type=int, default=0, help="print this many misses (dev only)")
    args = parser.parse_args(argv)
    if args.command == "build":
        build(args.data)
        return
    pages = load()
    for part in ("dev", "sealed"):
        if args.part not in (part, "both"):
            continue
        chosen = [p for p in pages if p["part"] == part]
        s = score(chosen, args.show if part == "dev" else 0)
        print(
            f"{part:<7} pages={s['pages']:<4} furniture lines={s['furniture_lines']:<6} "
            f"body lines={s['body_lines']:<6} furniture removed={s['furniture_removed']:.3f} "
            f"body kept={s['body_kept']:.3f}  (page means: {s['furniture_removed_page_mean']:.3f}, "
            f"{s['body_kept_page_mean']:.3f}; body kept on the worst page "
            f"{s['body_kept_page_min']:.3f}, pages under 0.90: {s['pages_under_90']})"
        )
    sys.stdout.flush()


if __name__ == "__main__":
    main()
