"""Throughput of the whole pipeline beside bare spaCy, sequential and on Dask, in one run.

    python benchmarks/throughput.py [--n 60] [--repeat 3] [--polnear ../shared/eval/polnear] [--no-dask]

Texts: the reference article plus PolNeAR article texts (train then dev), written to a
temporary JSONL file. Timings over the same texts, in the same run:

* **bare spaCy against the full pipeline, side by side.** The machine is shared, and
  its speed drifts by ±20 % from one minute to the next, so two timings taken one after
  the other compare badly. Each repeat therefore starts one fresh process that holds
  both: bare spaCy (a ``Language`` of its own, loaded from the model package, sharing no
  vocabulary with the pipeline) and the full sequential ingest (JSONL reading and
  cleaning -> parse -> every annotation stage -> the spool, ``engine/spool.py`` -> one
  SQLite transaction with the cross-article link step, ``link.update``, in it: what
  ``newsledger ingest`` does). As the ingest reads the texts, the two take turns every
  ``GROUP`` (16) articles, who goes first alternating, so whatever slows the machine
  slows both; the full pipeline's time is the ingest's minus bare spaCy's turns. Both
  are first warmed up, unmeasured, on ``WARM_UP`` PolNeAR texts that are not measured
  (the model, dateparser's tables, the first-name table and the link step's imports
  load once per process). Bare spaCy is run both ways it can batch:
  ``nlp.pipe(texts, batch_size=16)`` and ``nlp.pipe`` over the pipeline's own batches
  (at most 16 articles and 30,000 characters: ``pipeline.batches``), each in its own
  repeats, so the pipeline's batching is not counted as a gain over spaCy. Ratios are
  by CPU time (and by the wall clock); the median over all repeats is the figure;
* **the Dask engine** (``newsledger ingest --engine dask``): LocalClusters of 1 and of
  2 worker processes, both started, every worker's pipeline loaded and warmed up before
  the clock starts, the two timed in turn ``--repeat`` times (the fastest of each kept,
  since other work only ever slows a run down), written by this process in one
  transaction. Scaling is printed for the whole ingest and for its annotation (before
  the one transaction stores and links, which no number of workers shortens);
* **the machine's own ceiling:** bare spaCy in 2 processes started together, each on
  half the texts, against 1 process on all of them (``--repeat`` times): what this
  machine, with whatever else it is running, gives any 2-way parallel parse. Scaling
  of the Dask engine is to be read against it;
* each annotation stage alone, on already parsed documents, in this process (its share
  of the parse's CPU time).

Prints articles/second and the ratio of each run to bare spaCy (1.00 = no overhead over
parsing on one core).
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from newsledger.ingest import IngestError, read_inputs
from newsledger.link import Ledger
from newsledger.nlp import MODEL_PACKAGE
from newsledger.annotate.shared.analysis import parsed as analysed
from newsledger.pipeline import Pipeline, StageFailure, batches
from newsledger.records import Document
from newsledger.workflow import ingest_paths

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = ROOT / "examples/corpus/sky-2025-08-19-us-air-support.txt"

#: The bare spaCy runs: how each batches the texts.
BARE_MODES = {"batches16": "bare spaCy, batches of 16", "pipeline": "bare spaCy, pipeline batches"}


def corpus(n: int, polnear: Path) -> list[dict]:
    """The reference article and the first n-1 PolNeAR texts, with their dates."""
    dates = {}
    meta = polnear / "metadata.tsv"
    if meta.exists():
        for line in meta.read_text(encoding="utf-8").splitlines()[1:]:
            cols = line.split("\t")
            dates[cols[1]] = cols[5]
    rows = [{"text": REFERENCE.read_text(encoding="utf-8"),
             "published": "2025-08-19", "outlet": "Sky News", "title": "reference"}]
    for split in ("train", "dev"):
        for path in sorted((polnear / split / "text").glob("*.txt")):
            if len(rows) >= n:
                return rows
            rows.append({"text": path.read_text(encoding="utf-8"), "published": dates.get(path.stem),
                         "outlet": path.stem.split("_")[0], "title": path.stem})
    return rows


Annotate = Callable[[Iterable[Document]], Iterator[Document | StageFailure]]
Timing = tuple[float, float]  # (wall seconds, CPU seconds of this process)


def clock() -> Timing:
    return time.perf_counter(), time.process_time()


def since(start: Timing) -> Timing:
    wall, cpu = clock()
    return wall - start[0], cpu - start[1]


def read(path: Path) -> Iterator[Document]:
    """The documents of an input file, as ``newsledger ingest`` reads them (errors skipped)."""
    return (d for d in read_inputs([str(path)]) if not isinstance(d, IngestError))


def ingest(source: Path, db: Path, annotate: Annotate) -> dict:
    """Read -> annotate -> one transaction that stores and links: ``newsledger ingest``'s
    own flow (``ingest_paths``) on the engine ``annotate``."""
    start = clock()
    with Ledger.open(db) as ledger:
        report = ingest_paths([str(source)], ledger, annotate=annotate)
    wall, cpu = since(start)
    link_wall, link_cpu = report.seconds.get("link", (0.0, 0.0))
    return {"stored": len(report.new), "wall": wall, "cpu": cpu, "link_wall": link_wall, "link_cpu": link_cpu,
            "annotated_wall": report.seconds["annotate"][0]}


#: PolNeAR texts after the measured ones that every process is warmed up on, unmeasured:
#: enough for the first-use costs (dateparser builds its timezone and locale regexes,
#: about a second, the first time a time expression falls through to it).
WARM_UP = 4
#: Articles each side parses before the other takes its turn.
GROUP = 16


def warm_up_file(source: Path) -> Path:
    """The warm-up input beside ``source`` (``WARM_UP`` texts that ``source`` does not hold)."""
    return source.with_name("warm-up.jsonl")


def side_by_side(mode: str, source: Path, tmp: Path) -> dict:
    """Bare spaCy (batched as ``mode`` says) and the full sequential ingest of ``source``
    in this process, taking turns every :data:`GROUP` articles; CPU and wall seconds of each."""
    pipeline = Pipeline.load()
    bare = importlib.import_module(MODEL_PACKAGE).load()  # a Language of its own: no vocabulary shared
    warm_up = warm_up_file(source)
    ingest(warm_up, tmp / "warm-up.db", pipeline.annotate)
    list(bare.pipe(d.article.text for d in read(warm_up)))
    spent = {"wall": 0.0, "cpu": 0.0}

    def parse_bare(group: list[Document]) -> None:
        start = clock()
        parts = [group] if mode == "batches16" else batches(group, pipeline.batch_size, pipeline.batch_chars)
        for part in parts:
            for _ in bare.pipe([d.article.text for d in part], batch_size=len(part)):
                pass
        wall, cpu = since(start)
        spent["wall"] += wall
        spent["cpu"] += cpu

    def annotate_in_turns(stream: Iterable[Document]) -> Iterator[Document | StageFailure]:
        for turn, group in enumerate(batches(stream, GROUP, sys.maxsize)):
            if turn % 2 == 0:  # who goes first alternates
                parse_bare(group)
            results = list(pipeline.annotate(group))
            if turn % 2 == 1:
                parse_bare(group)
            yield from results

    run = ingest(source, tmp / "ledger.db", annotate_in_turns)
    return {"bare_wall": spent["wall"], "bare_cpu": spent["cpu"], "full_wall": run["wall"] - spent["wall"],
            "full_cpu": run["cpu"] - spent["cpu"], "link_cpu": run["link_cpu"], "stored": run["stored"],
            "db_bytes": (tmp / "ledger.db").stat().st_size}


def in_a_fresh_process(mode: str, source: Path, tmp: Path) -> dict:
    """:func:`side_by_side` in a new Python process: every repeat reads the texts for the first time."""
    folder = Path(tempfile.mkdtemp(dir=tmp))
    done = subprocess.run([sys.executable, __file__, "--child", mode, str(source), str(folder)],
                          capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def parse_share(source: Path, share: int, shares: int) -> None:
    """Bare spaCy over every ``shares``-th text of ``source`` from the ``share``-th, when told
    to start (a line on stdin); prints its wall-clock seconds."""
    nlp = importlib.import_module(MODEL_PACKAGE).load()
    list(nlp.pipe(d.article.text for d in read(warm_up_file(source))))
    texts = [d.article.text for d in read(source)][share::shares]
    print("ready", flush=True)
    sys.stdin.readline()
    start = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=GROUP):
        pass
    print(json.dumps({"wall": time.perf_counter() - start}), flush=True)


def processes_at_once(source: Path, count: int) -> float:
    """Wall-clock seconds for ``count`` bare spaCy processes started together to parse
    the texts between them: what the machine gives any ``count``-way parallel parse."""
    procs = [subprocess.Popen([sys.executable, __file__, "--share", str(k), str(count), str(source)],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
             for k in range(count)]
    for proc in procs:
        if proc.stdout.readline().strip() != "ready":
            raise RuntimeError(f"a bare spaCy process failed to start (exit {proc.wait()})")
    start = time.perf_counter()
    for proc in procs:
        proc.stdin.write("go\n")
        proc.stdin.flush()
    for proc in procs:
        proc.stdout.readline()
        proc.wait()
    return time.perf_counter() - start


def dask_runs(source: Path, tmp: Path, repeat: int) -> dict[int, dict]:
    """The fastest of ``repeat`` Dask ingests on 1 and on 2 workers, timed in turn."""
    from newsledger.engine.dask import (
        dask_engine,  # only when asked: --no-dask runs without distributed
    )

    fastest: dict[int, dict] = {}
    with dask_engine(workers=1) as one, dask_engine(workers=2) as two:
        # the warm-up texts four times over: a partition or more for every worker (repeats are duplicates)
        warm_up = tmp / "dask-warm-up.jsonl"
        warm_up.write_text(warm_up_file(source).read_text(encoding="utf-8") * 4, encoding="utf-8")
        for workers, annotate in ((1, one), (2, two)):
            ingest(warm_up, tmp / f"dask{workers}-warm-up.db", annotate)
        for attempt in range(repeat):
            for workers, annotate in ((1, one), (2, two)):
                run = ingest(source, tmp / f"dask{workers}-{attempt}.db", annotate)
                if workers not in fastest or run["wall"] < fastest[workers]["wall"]:
                    fastest[workers] = run
    return fastest


def stage_seconds(source: Path) -> tuple[float, dict[str, float]]:
    """CPU seconds of the parse, and of each stage alone on the parsed documents."""
    pipeline = Pipeline.load()
    for document in read(warm_up_file(source)):  # first-use tables load outside the clock
        pipeline.annotate_one(document)
    documents = list(read(source))
    start = time.process_time()
    parsed = pipeline.nlp.pipe((d.article.text for d in documents), batch_size=pipeline.batch_size)
    current = [analysed(d, doc) for d, doc in zip(documents, parsed)]
    parse = time.process_time() - start
    stage_times = {}
    for stage in pipeline.stages:
        section = pipeline.settings.section(stage.name)
        start = time.process_time()
        current = [stage.annotate(d, section) for d in current]
        stage_times[stage.name] = time.process_time() - start
    return parse, stage_times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=60, help="number of articles (keep it modest: shared machine)")
    parser.add_argument("--polnear", type=Path, default=ROOT.parent / "shared" / "eval" / "polnear")
    parser.add_argument("--no-dask", action="store_true", help="only bare spaCy and the sequential pipeline")
    parser.add_argument("--repeat", type=int, default=3, help="side-by-side runs of each bare mode; Dask runs of each size")
    parser.add_argument("--child", nargs=3, metavar=("MODE", "SOURCE", "TMP"), help=argparse.SUPPRESS)
    parser.add_argument("--share", nargs=3, metavar=("K", "OF", "SOURCE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        mode, source, tmp = args.child
        print(json.dumps(side_by_side(mode, Path(source), Path(tmp))))
        return
    if args.share:
        share, shares, source = args.share
        parse_share(Path(source), int(share), int(shares))
        return
    rows = corpus(args.n + WARM_UP, args.polnear)
    rows, warm_up = rows[: args.n], rows[args.n :]
    n = len(rows)
    words = sum(len(r["text"].split()) for r in rows)
    load = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "corpus.jsonl"
        source.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
        warm_up_file(source).write_text("".join(json.dumps(r) + "\n" for r in warm_up), encoding="utf-8")
        runs: dict[str, list[dict]] = {mode: [] for mode in BARE_MODES}
        for _ in range(args.repeat):
            for mode in BARE_MODES:
                runs[mode].append(in_a_fresh_process(mode, source, Path(tmp)))
        dask = {} if args.no_dask else dask_runs(source, Path(tmp), args.repeat)
        ceiling = [] if args.no_dask else [processes_at_once(source, 1) / processes_at_once(source, 2)
                                           for _ in range(args.repeat)]
        parse_cpu, stage_times = stage_seconds(source)

    median = statistics.median
    every = [run for mode in BARE_MODES for run in runs[mode]]
    print(f"articles: {n} ({words} words), ledger {every[0]['db_bytes'] / n / 1024:.0f} KiB per article; "
          f"load average {load:.1f} at start, {os.getloadavg()[0]:.1f} at end ({os.cpu_count()} cores)")
    print(f"bare spaCy and the full pipeline side by side in one process, {args.repeat} fresh processes each:")
    print(f"  {'':<29}  {'bare spaCy':<20}  {'full pipeline':<20}  full / bare: CPU time (median, each run), wall clock")
    for mode, label in (*BARE_MODES.items(), ("all", "both bare batchings")):
        chosen = every if mode == "all" else runs[mode]
        cpu_ratios = [r["bare_cpu"] / r["full_cpu"] for r in chosen]
        print(f"  {label:<29}  {n / median(r['bare_cpu'] for r in chosen):5.2f} articles/CPU-s  "
              f"{n / median(r['full_cpu'] for r in chosen):5.2f} articles/CPU-s  "
              f"{median(cpu_ratios):4.2f} ({', '.join(f'{x:.2f}' for x in cpu_ratios)}), "
              f"{median(r['bare_wall'] / r['full_wall'] for r in chosen):4.2f}")
    print(f"  the link step is {100 * median(r['link_cpu'] / r['full_cpu'] for r in every):.1f} % of the full pipeline's CPU time")
    if dask:
        sequential = median(r["full_wall"] for r in every)
        print(f"dask (wall clock, fastest of {args.repeat}; the sequential pipeline above: {n / sequential:.2f} articles/s)")
        for workers, run in dask.items():
            print(f"  {workers} worker{'s' * (workers > 1)}: {n / run['wall']:5.2f} articles/s ({run['wall']:5.1f} s), "
                  f"{sequential / run['wall']:4.2f} x the sequential pipeline; client {n / run['cpu']:5.1f} articles/CPU-s, "
                  f"stored {run['stored']}")
        print(f"  scaling 1 -> 2 workers: {dask[1]['wall'] / dask[2]['wall']:.2f} x the whole ingest, "
              f"{dask[1]['annotated_wall'] / dask[2]['annotated_wall']:.2f} x its annotation "
              f"(before the one transaction stores and links)  (2.00 = linear)")
        print(f"  this machine's own ceiling: bare spaCy in 2 processes at once parses {median(ceiling):.2f} x "
              f"as fast as in 1 ({', '.join(f'{c:.2f}' for c in ceiling)})")
    print(f"stages alone, in this process (parse: {parse_cpu:.1f} CPU-s):")
    for name, seconds in stage_times.items():
        print(f"  {name:<12}: {seconds:5.2f} CPU-s = {100 * seconds / parse_cpu:4.1f} % of the parse")


if __name__ == "__main__":
    main()
