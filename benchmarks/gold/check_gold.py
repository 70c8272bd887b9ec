#!/usr/bin/env python3
"""Check hand-made gold files (events, stances, commitments) before anyone scores on them.

For every gold JSON file given (default: ``benchmarks/gold/polnear/*.json`` and
``benchmarks/gold/zyte/*.json``) it checks:

* shape: ``about`` (text), ``article`` (with ``file`` and ``published``) and the lists
  ``events``, ``stances``, ``commitments`` whose records have the fields of the shared
  gold format (``shared/gold/*.json``) with values from the guidelines (docs/layers.md);
* every string the scorer matches on (event ``evidence``, stance ``target``,
  commitment ``action`` and ``condition``) occurs verbatim in the article's text;
* a Zyte page's text is its ground-truth ``articleBody`` unchanged (``article.zyte`` is
  the key in ``shared/eval/zyte-article-extraction/ground-truth.json``);
* dates (``published``, ``start``, ``end``, ``due``, ``due_start``) are ISO
  ``YYYY-MM-DD`` and ranges are not reversed.

``article.file`` is resolved against the repository root, then against the shared
folder (``--shared``, default ``../shared`` beside the repository, as the other
benchmarks do).

usage: python benchmarks/gold/check_gold.py [--shared DIR] [FILE ...]
Prints one line per problem and a summary; exits 1 when any file has a problem.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]

EVENT_TYPES = frozenset(
    "attack meeting sanction agreement aid deployment protest rally debate election vote "
    "investigation endorsement".split()
)
STATUSES = frozenset({"happened", "planned", "denied"})
POLARITIES = frozenset({"support", "oppose"})
MODALITIES = frozenset({"certain", "possible", "conditional"})
KINDS = frozenset({"promise", "threat", "plan", "expectation", "demand", "ultimatum"})

# field -> (required, allowed type(s)); names are entity names, None where unnamed
EVENT_FIELDS = {
    "type": (True, str), "status": (True, str), "evidence": (True, str),
    "actor": (False, (str, type(None))), "target": (False, (str, type(None))),
    "participants": (False, list), "place": (False, (str, type(None))),
    "place_options": (False, list), "topic": (False, str),
    "start": (False, (str, type(None))), "end": (False, (str, type(None))),
    "quantities": (False, list), "source": (False, (str, type(None))),
}
STANCE_FIELDS = {
    "holder": (True, (str, type(None))), "polarity": (True, str),
    "modality": (True, str), "target": (True, str), "holder_mention": (False, str),
}
COMMITMENT_FIELDS = {
    "holder": (True, (str, type(None))), "kind": (True, str), "action": (True, str),
    "condition": (False, str), "due": (False, (str, type(None))),
    "due_start": (False, (str, type(None))), "tolerance_days": (False, int),
}
VERBATIM = {"events": ("evidence",), "stances": ("target",), "commitments": ("action", "condition")}
ENUMS = {
    "events": {"type": EVENT_TYPES, "status": STATUSES},
    "stances": {"polarity": POLARITIES, "modality": MODALITIES},
    "commitments": {"kind": KINDS},
}
FIELDS = {"events": EVENT_FIELDS, "stances": STANCE_FIELDS, "commitments": COMMITMENT_FIELDS}
DATES = ("start", "end", "due", "due_start")


def iso(value: object) -> date | None:
    """The date of an ISO ``YYYY-MM-DD`` string, else None.

    >>> iso("2019-11-20"), iso("20 Nov 2019"), iso("2019-11-20T08:00")
    (datetime.date(2019, 11, 20), None, None)
    """
    if not isinstance(value, str) or len(value) != 10:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def text_of(article: dict, shared: Path) -> str | None:
    """The article text named by ``article.file``: repository root first, then shared/."""
    name = article.get("file")
    if not isinstance(name, str):
        return None
    for base in (REPO, shared):
        path = base / name
        if path.is_file():
            return path.read_text(encoding="utf-8")
    return None


def zyte_body(shared: Path, key: str, _cache: dict = {}) -> str | None:
    """The ground-truth ``articleBody`` of Zyte page KEY (the file is read once)."""
    if "truth" not in _cache:
        path = shared / "eval" / "zyte-article-extraction" / "ground-truth.json"
        _cache["truth"] = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
    return _cache["truth"].get(key, {}).get("articleBody")


def check_record(layer: str, index: int, record: object, text: str | None) -> list[str]:
    """Problems of one record of LAYER (empty when it is well formed)."""
    where = f"{layer}[{index}]"
    if not isinstance(record, dict):
        return [f"{where}: not an object"]
    problems = []
    fields = FIELDS[layer]
    for field in record:
        if field not in fields:
            problems.append(f"{where}: unknown field {field!r}")
    for field, (required, kind) in fields.items():
        if field not in record:
            if required:
                problems.append(f"{where}: missing {field!r}")
            continue
        if not isinstance(record[field], kind):
            problems.append(f"{where}: {field!r} has type {type(record[field]).__name__}")
    for field, allowed in ENUMS[layer].items():
        if field in record and record[field] not in allowed:
            problems.append(f"{where}: {field}={record[field]!r} not in {sorted(allowed)}")
    for field in VERBATIM[layer]:
        value = record.get(field)
        if isinstance(value, str) and text is not None and value not in text:
            problems.append(f"{where}: {field} not verbatim in text: {value[:70]!r}")
        if isinstance(value, str) and not value.strip():
            problems.append(f"{where}: {field} is empty")
    for field in DATES:
        if record.get(field) is not None and iso(record[field]) is None:
            problems.append(f"{where}: {field}={record[field]!r} is not an ISO date")
    for low, high in (("start", "end"), ("due_start", "due")):
        a, b = iso(record.get(low)), iso(record.get(high))
        if a and b and a > b:
            problems.append(f"{where}: {low} {a} after {high} {b}")
    for key in ("participants", "place_options"):
        if key in record and not all(isinstance(p, str) for p in record[key]):
            problems.append(f"{where}: {key} must be a list of names")
    for q in record.get("quantities", []) if isinstance(record.get("quantities"), list) else []:
        if not (isinstance(q, dict) and isinstance(q.get("value"), (int, float)) and isinstance(q.get("unit"), str)):
            problems.append(f"{where}: quantity {q!r} needs a number 'value' and a 'unit'")
    return problems


def check_file(path: Path, shared: Path) -> list[str]:
    """Problems of one gold file."""
    try:
        gold = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        return [f"cannot read: {err}"]
    if not isinstance(gold, dict):
        return ["not a JSON object"]
    problems = []
    if not isinstance(gold.get("about"), str):
        problems.append("missing 'about' text")
    article = gold.get("article")
    if not isinstance(article, dict):
        return problems + ["missing 'article' object"]
    text = text_of(article, shared)
    if text is None:
        problems.append(f"article file not found: {article.get('file')!r}")
    if "zyte" in article and text is not None:
        body = zyte_body(shared, article["zyte"])
        if body is None:
            problems.append(f"zyte key {article['zyte']!r} not in the ground truth")
        elif body != text:
            problems.append("text differs from the Zyte ground-truth articleBody")
    if "published" not in article:
        problems.append("article has no 'published' (null when unknown)")
    elif article["published"] is not None and iso(article["published"]) is None:
        problems.append(f"published={article['published']!r} is not an ISO date")
    for layer in FIELDS:
        records = gold.get(layer)
        if not isinstance(records, list):
            problems.append(f"missing list {layer!r}")
            continue
        for i, record in enumerate(records):
            problems.extend(check_record(layer, i, record, text))
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    args = parser.parse_args(argv)
    files = args.files or sorted(HERE.glob("polnear/*.json")) + sorted(HERE.glob("zyte/*.json"))
    bad = 0
    for path in files:
        problems = check_file(path, args.shared)
        bad += bool(problems)
        for problem in problems:
            print(f"{path}: {problem}")
    print(f"{len(files) - bad} of {len(files)} gold files clean")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
