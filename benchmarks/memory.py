"""Peak resident memory of a streamed ingest as the corpus grows.

    python benchmarks/memory.py [--sizes 1000 10000] [--chars 0] [--polnear ../shared/eval/polnear]

For each size N a JSONL stream of N articles is written to a temporary file, then a
fresh Python process runs ``newsledger ingest FILE --db TMP.db -q`` (the default,
sequential engine: one transaction) and reports its peak RSS
(``resource.getrusage(RUSAGE_SELF).ru_maxrss``) beside its RSS once the spaCy model is
loaded, so the growth over the model is what the ingest itself holds.

The articles are the PolNeAR texts (train then dev, 924) in turn; from the 925th on
the same texts repeat, each copy lightly perturbed so that it is a new article (its
own id) and parses differently: one word pair of
``SWAPS`` is swapped (the n-th swap for the n-th copy, all occurrences) and a dateline
naming the copy number is put first. ``--chars C`` keeps each text up to the first line
break after C characters (the title and first paragraphs) so that a 10k stream fits in
minutes on a small machine; ``--chars 0`` (the default) keeps the whole texts.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

#: Word swaps for the repeated copies: common words of the PolNeAR texts, swapped for
#: words of the same class so the parse stays plausible.
SWAPS = (("said", "stated"), ("The ", "This "), ("Trump", "Donald Trump"), ("Clinton", "Hillary Clinton"),
         ("Monday", "Tuesday"), ("would", "could"))


def texts(polnear: Path, chars: int) -> list[str]:
    """The PolNeAR texts, train then dev, each up to the line break after ``chars`` characters (0: whole)."""
    found = []
    for split in ("train", "dev"):
        for path in sorted((polnear / split / "text").glob("*.txt")):
            text = path.read_text(encoding="utf-8")
            cut = text.find("\n", chars) if chars else -1
            found.append(text[:cut] if cut > 0 else text)
    return found


def perturbed(text: str, copy: int) -> str:
    """Copy ``copy`` (>= 1) of ``text``: a dateline and one swap, both by copy number."""
    old, new = SWAPS[copy % len(SWAPS)]
    return f"WASHINGTON (copy {copy}) —\n" + text.replace(old, new)


def stream(n: int, base: list[str]) -> Iterator[dict]:
    for i in range(n):
        copy, text = divmod(i, len(base))
        yield {"text": base[text] if copy == 0 else perturbed(base[text], copy), "published": "2016-09-12"}


def child(source: str, db: str) -> None:
    """Run in the measured process: load the model, then ingest; print the figures."""
    from newsledger.cli import main
    from newsledger.nlp import load

    load()
    loaded = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    main(["ingest", source, "--db", db, "-q"], standalone_mode=False)
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"loaded_kib": loaded, "peak_kib": peak, "seconds": seconds}))


def measure(n: int, base: list[str], tmp: Path) -> dict:
    source = tmp / f"corpus-{n}.jsonl"
    with source.open("w", encoding="utf-8") as out:
        for row in stream(n, base):
            out.write(json.dumps(row) + "\n")
    db = tmp / f"ledger-{n}.db"
    done = subprocess.run([sys.executable, __file__, "--child", str(source), str(db)],
                          capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--chars", type=int, default=0, help="keep the first C characters of each text (0: all)")
    parser.add_argument("--polnear", type=Path, default=ROOT.parent / "shared" / "eval" / "polnear")
    parser.add_argument("--child", nargs=2, metavar=("SOURCE", "DB"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return
    base = texts(args.polnear, args.chars)
    words = sum(len(t.split()) for t in base) / len(base)
    print(f"{len(base)} PolNeAR texts, {words:.0f} words on average" + (f" (first {args.chars} chars)" if args.chars else ""))
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            got = measure(n, base, Path(tmp))
            print(f"{n:>6} articles: peak RSS {got['peak_kib'] / 1024:7.1f} MiB "
                  f"(model loaded {got['loaded_kib'] / 1024:6.1f} MiB, ingest adds {(got['peak_kib'] - got['loaded_kib']) / 1024:6.1f} MiB), "
                  f"{got['seconds']:.0f} s, {n / got['seconds']:.1f} articles/s")


if __name__ == "__main__":
    main()
