"""The Dask engine: the same ledger as the sequential run, streamed in bounded memory.

The unit tests run a ``LocalCluster`` of worker threads in this process
(``processes=False``) on at most 30 articles; the PolNeAR test ingests 120 articles
through the CLI on a cluster of 2 worker processes and compares the export with the
sequential ingest's: 93 s on the shared 2-core machine, 140 s under heavy load, most
of it parsing (the articles are parsed twice, once per engine).
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from distributed import Client, LocalCluster

from newsledger.cli import main
from newsledger.engine import open_engine
from newsledger.engine.dask import (
    annotate_on,
    dask_engine,
    prepare_workers,
    worker_settings,
)
from newsledger.annotate.stage import Stage
from newsledger.pipeline import Pipeline, StageFailure
from newsledger.records import Article, Document
from tests.conftest import REFERENCE_TEXT, ROOT

#: PolNeAR (LREC 2018) has no licence file, so its texts are read where the evaluation
#: data lives (NEWSLEDGER_POLNEAR, default ../shared/eval/polnear), not copied here.
POLNEAR = Path(os.environ.get("NEWSLEDGER_POLNEAR", ROOT.parent / "shared" / "eval" / "polnear"))


#: Real news committed with the project (22 Zyte benchmark bodies, MIT; see
#: benchmarks/gold/zyte/README.md): the texts of the tests that need several real
#: articles when PolNeAR is not beside the checkout (a fresh CI machine).
ZYTE_GOLD = ROOT / "benchmarks" / "gold" / "zyte"


def polnear_rows(n: int) -> list[dict]:
    """The first ``n`` PolNeAR train texts as JSONL rows, with outlet and date; without
    PolNeAR, the first ``n`` committed Zyte news bodies (:func:`zyte_rows`)."""
    if not (POLNEAR / "train" / "text").is_dir():
        return zyte_rows(n)
    dates = {}
    for line in (POLNEAR / "metadata.tsv").read_text(encoding="utf-8").splitlines()[1:]:
        cols = line.split("\t")
        dates[cols[1]] = cols[5]
    paths = sorted((POLNEAR / "train" / "text").glob("*.txt"))[:n]
    return [{"text": p.read_text(encoding="utf-8"), "published": dates.get(p.stem), "outlet": p.stem.split("_")[0],
             "title": p.stem} for p in paths]


def zyte_rows(n: int) -> list[dict]:
    """The first ``n`` news bodies of ``benchmarks/gold/zyte`` as JSONL rows (skips when
    fewer are committed)."""
    golds = sorted(ZYTE_GOLD.glob("*.json"))
    if len(golds) < n:
        pytest.skip(f"{n} real articles wanted: PolNeAR not found at {POLNEAR} (set NEWSLEDGER_POLNEAR) "
                    f"and {len(golds)} Zyte bodies committed")
    rows = []
    for path in golds[:n]:
        article = json.loads(path.read_text(encoding="utf-8"))["article"]
        rows.append({"text": (ROOT / article["file"]).read_text(encoding="utf-8"), "published": article.get("published"),
                     "outlet": article.get("outlet"), "title": path.stem, "url": article.get("url")})
    return rows


def write_jsonl(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def export_without_order(db: Path) -> dict[str, list[str]]:
    """The export of ``db`` with each list sorted: equal iff equal up to order."""
    result = run("export", "--db", str(db))
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    return {name: sorted(json.dumps(r, sort_keys=True) for r in records)
            for name, records in data.items() if isinstance(records, list)}


def documents(texts: list[str]) -> list[Document]:
    return [Document(article=Article(id=f"a{i:03d}", text=text, published="2016-09-12")) for i, text in enumerate(texts)]


@pytest.fixture(scope="module")
def texts() -> list[str]:
    rows = polnear_rows(9) if (POLNEAR / "train" / "text").is_dir() else []
    return [REFERENCE_TEXT.read_text(encoding="utf-8"), *(r["text"] for r in rows)]


@pytest.fixture(scope="module")
def client() -> Iterator[Client]:
    with (
        LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=":0") as cluster,
        Client(cluster) as dask_client,
    ):
        yield dask_client


def test_the_cluster_annotates_like_the_pipeline(client: Client, texts: list[str]) -> None:
    docs = documents(texts)
    sequential = list(Pipeline.load().annotate(docs))
    distributed = list(annotate_on(client, docs, partition_size=3))
    assert distributed == sequential  # in input order
    assert all(d.doc is None for d in distributed)
    assert sum(len(d.quotes) for d in distributed) > 0


def test_at_most_the_partitions_in_flight_are_read_ahead(client: Client, texts: list[str]) -> None:
    read = []

    def stream() -> Iterator[Document]:
        for document in documents(texts * 3):
            read.append(document.article.id)
            yield document

    results = annotate_on(client, stream(), partition_size=2, in_flight=2)
    next(results)
    assert len(read) <= 3 * 2  # two partitions submitted, a third once the first came back
    assert len([next(results) for _ in range(len(texts) * 3 - 1)]) == len(texts) * 3 - 1


def test_a_failing_stage_fails_its_article_alone(monkeypatch: pytest.MonkeyPatch, client: Client) -> None:
    def boom(document: Document, settings: object) -> Document:
        if "explode" in document.article.text:
            raise ValueError("no")
        return document

    broken = Pipeline(nlp=Pipeline.load().nlp, stages=(Stage("boom", boom),))
    monkeypatch.setattr("newsledger.engine.dask.worker_pipeline", lambda *settings: broken)
    results = list(annotate_on(client, documents(["Fine.", "Please explode.", "Fine too."])))
    failures = [r for r in results if isinstance(r, StageFailure)]
    assert [(f.article_id, f.stage) for f in failures] == [("a001", "boom")]
    assert len(results) == 3


def test_ingest_on_a_scheduler_address_stores_what_the_local_engine_stores(
    tmp_path: Path, client: Client, texts: list[str]
) -> None:
    source = write_jsonl(tmp_path / "in.jsonl", [{"text": t, "published": "2016-09-12"} for t in texts])
    local = run("ingest", str(source), "--db", str(tmp_path / "local.db"))
    dask = run("ingest", str(source), "--db", str(tmp_path / "dask.db"), "--engine", "dask",
               "--scheduler", client.scheduler.address)
    assert local.exit_code == dask.exit_code == 0, dask.output
    assert dask.output.splitlines()[-1] == local.output.splitlines()[-1] == f"{len(texts)} new, 0 duplicate"
    assert export_without_order(tmp_path / "dask.db") == export_without_order(tmp_path / "local.db")
    again = run("ingest", str(source), "--db", str(tmp_path / "dask.db"), "--engine", "dask",
                "--scheduler", client.scheduler.address)
    assert again.output.splitlines()[-1] == f"0 new, {len(texts)} duplicate"


@pytest.mark.parametrize(
    "args, message",
    [
        (["--scheduler", "tcp://127.0.0.1:1"], "--scheduler and --workers need --engine dask"),
        (["--workers", "2"], "--scheduler and --workers need --engine dask"),
        (["--engine", "dask", "--workers", "2", "--scheduler", "tcp://127.0.0.1:1"], "an existing scheduler has its own"),
    ],
)
def test_engine_options_are_checked(tmp_path: Path, args: list[str], message: str) -> None:
    result = CliRunner().invoke(main, ["ingest", str(REFERENCE_TEXT), "--db", str(tmp_path / "x.db"), *args])
    assert result.exit_code == 2 and message in result.output
    assert not (tmp_path / "x.db").exists()


def test_an_unknown_engine_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown engine 'spark'"), open_engine("spark"):
        pass


@pytest.mark.slow  # 1.5-2.5 min; CI runs it (deselect locally with -m "not slow")
def test_a_polnear_corpus_on_two_worker_processes_equals_the_sequential_ledger(tmp_path: Path) -> None:
    source = write_jsonl(tmp_path / "polnear.jsonl", polnear_rows(120))
    local = run("ingest", str(source), "--db", str(tmp_path / "local.db"), "-q")
    dask = run("ingest", str(source), "--db", str(tmp_path / "dask.db"), "-q", "--engine", "dask", "--workers", "2")
    assert local.exit_code == dask.exit_code == 0, dask.output
    expected = export_without_order(tmp_path / "local.db")
    assert len(expected["articles"]) == 120 and len(expected["quotes"]) > 500
    assert export_without_order(tmp_path / "dask.db") == expected


def test_the_local_cluster_engine_runs_in_threads_too(texts: list[str]) -> None:
    with dask_engine(workers=1, processes=False, partition_size=4) as annotate:
        results = list(annotate(documents(texts[:5])))
    assert [r.article.id for r in results] == [f"a{i:03d}" for i in range(min(5, len(texts)))]


@pytest.mark.parametrize(
    "profiling, environ, named",
    [
        (False, {}, []),
        (True, {}, ["profiler"]),
        (False, {"MALLOC_TRIM_THRESHOLD_": "65536"}, ["MALLOC_TRIM_THRESHOLD_=65536"]),
        (True, {"MALLOC_TRIM_THRESHOLD_": "0", "OMP_NUM_THREADS": "1"}, ["profiler", "MALLOC_TRIM_THRESHOLD_=0"]),
    ],
)
def test_worker_settings_name_what_slows_parsing(profiling: bool, environ: dict[str, str], named: list[str]) -> None:
    found = worker_settings(profiling, environ)
    assert len(found) == len(named) and all(n in phrase for n, phrase in zip(named, found))


def test_a_slow_worker_setup_is_one_warning(client: Client, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="newsledger.engine.dask"):
        prepare_workers(client)  # the fixture's in-process workers keep distributed's profiler on
    [record] = caplog.records
    assert "profiler" in record.getMessage() and "docs/scale.md" in record.getMessage()


def test_a_local_cluster_starts_its_worker_processes_set_up_for_parsing(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="newsledger.engine.dask"), dask_engine(workers=1) as annotate:
        [result] = annotate(documents(["The minister said the talks would resume on Monday."]))
    assert isinstance(result, Document) and result.quotes
    assert not caplog.records  # no profiler, no MALLOC_TRIM_THRESHOLD_ in the worker process
