"""The Dask engine: partitions of documents annotated on a Dask cluster.

The client reads the inputs and keeps a bounded number of partitions in flight; each
worker process builds the spaCy pipeline once (:func:`worker_pipeline`) and returns the
annotated documents without their spaCy ``Doc``; the client yields them as partitions
complete, so the caller writes them in its one ledger transaction while the cluster
works on the next ones. Memory on the client stays bounded by the partitions in flight.

    with dask_engine(workers=2) as annotate:          # a LocalCluster of 2 processes
        for result in annotate(documents): ...
    with dask_engine(scheduler="tcp://10.0.0.5:8786") as annotate: ...   # a cluster

Results come back in input order, so the ledger equals the sequential run's.
"""

from __future__ import annotations

import functools
import itertools
import logging
import os
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager

import dask
from distributed import Client, Future, LocalCluster, as_completed

from newsledger.engine.local import Annotate
from newsledger.pipeline import Pipeline, StageFailure, batches
from newsledger.records import Document
from newsledger.settings import Settings

log = logging.getLogger(__name__)

# Documents and characters per task: one parse batch of the pipeline
# (``settings.pipeline.batch_size`` and ``batch_chars``), a few seconds of work on one
# core, so scheduling costs little (~1 ms a task), a slow article holds back little, and
# the workers finish a corpus within a partition of each other. Partitions in flight:
# ``settings.engine.in_flight_per_thread`` per worker thread.

#: Worker settings for a parsing workload (docs/scale.md). With distributed's defaults a
#: spaCy worker loses about a quarter of its throughput: the nanny starts workers with
#: ``MALLOC_TRIM_THRESHOLD_=65536``, which also freezes glibc's mmap threshold, so the
#: parser's large arrays are fresh mmaps with fresh page faults each time; and the
#: statistical profiler walks every thread's stack every 10 ms, holding the GIL the
#: parse needs (only both settings together give the sequential pipeline's speed). A
#: ``LocalCluster`` gets these settings; the workers of an existing cluster are checked
#: (:func:`worker_settings`) and a warning says what they lack.
WORKER_CONFIG = {
    "distributed.worker.profile.enabled": False,
    "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None,  # None: not set
}


@functools.cache
def worker_pipeline(settings: Settings = Settings()) -> Pipeline:
    """The pipeline of this worker process for ``settings`` (the client's, sent with each
    task), loaded on its first task and kept."""
    return Pipeline.load(settings=settings)


def load_pipeline(settings: Settings = Settings()) -> list[str]:
    """Build the worker's pipeline now (run on every worker when the engine opens, so
    the first partitions do not wait for the model; a worker joining later loads it on
    its first task), and say which of :data:`WORKER_CONFIG` the worker lacks."""
    worker_pipeline(settings)
    return worker_settings(dask.config.get("distributed.worker.profile.enabled"), os.environ)


def worker_settings(profiling: bool, environ: Mapping[str, str]) -> list[str]:
    """What slows a worker with this profiler setting and environment, one phrase each."""
    slow = []
    if profiling:
        slow.append("the statistical profiler is on (distributed.worker.profile.enabled)")
    if "MALLOC_TRIM_THRESHOLD_" in environ:
        slow.append(f"MALLOC_TRIM_THRESHOLD_={environ['MALLOC_TRIM_THRESHOLD_']} is set")
    return slow


def prepare_workers(client: Client, settings: Settings = Settings()) -> None:
    """Load the pipeline on every worker; warn once about workers set up to run slowly."""
    slow = sorted({phrase for phrases in client.run(load_pipeline, settings).values() for phrase in phrases})
    if slow:
        log.warning("dask workers set up to lose about a quarter of their throughput: %s (see docs/scale.md)",
                    "; ".join(slow))


def annotate_partition(documents: list[Document], settings: Settings = Settings()) -> list[Document | StageFailure]:
    """The task run on a worker: annotate one partition (``doc=None`` on the way back)."""
    return list(worker_pipeline(settings).annotate(documents))


def annotate_on(
    client: Client,
    documents: Iterable[Document],
    *,
    settings: Settings = Settings(),
    partition_size: int | None = None,
    in_flight: int | None = None,
) -> Iterator[Document | StageFailure]:
    """Annotate ``documents`` on ``client``'s cluster, yielding the results in input order.

    Partitions hold at most ``partition_size`` documents (default: the pipeline's parse
    batch) and ``settings.pipeline.batch_chars`` characters
    (:func:`newsledger.pipeline.batches`). At most ``in_flight`` partitions (default:
    ``settings.engine.in_flight_per_thread`` per worker thread) are submitted and not
    yet yielded, so a corpus of any length streams through bounded memory.
    Partitions are collected as they complete and released in input order: the ledger
    keeps the first-seen spelling of an entity shared by several articles ("Republican
    Party" or "Republican party"), so only the input order gives the sequential ledger.
    """
    if in_flight is None:
        in_flight = max(2, settings.engine.in_flight_per_thread * sum(client.nthreads().values()))
    size = partition_size or settings.pipeline.batch_size
    partitions = enumerate(batches(documents, size, settings.pipeline.batch_chars))
    position: dict[Future, int] = {}
    running = as_completed()

    def submit() -> None:
        for index, partition in itertools.islice(partitions, 1):
            future = client.submit(annotate_partition, partition, settings, pure=False)
            position[future] = index
            running.add(future)

    for _ in range(in_flight):
        submit()
    done: dict[int, list[Document | StageFailure]] = {}
    turn = 0
    for future in running:
        done[position.pop(future)] = future.result()
        future.release()
        while turn in done:
            results = done.pop(turn)
            turn += 1
            submit()
            yield from results


@contextmanager
def dask_engine(
    scheduler: str | None = None,
    workers: int | None = None,
    *,
    processes: bool = True,
    settings: Settings = Settings(),
    partition_size: int | None = None,
) -> Iterator[Annotate]:
    """An annotate function on an existing scheduler (``scheduler`` address) or on a
    ``LocalCluster`` of ``workers`` single-threaded processes (default: one per core);
    the workers annotate with ``settings``."""
    annotate = functools.partial(annotate_on, settings=settings, partition_size=partition_size)
    if scheduler is not None:
        with Client(scheduler) as client:
            log.info("dask: scheduler %s, %d worker threads", scheduler, sum(client.nthreads().values()))
            prepare_workers(client, settings)
            yield functools.partial(annotate, client)
        return
    n = workers or os.cpu_count() or 1
    # threads_per_worker=1: spaCy and the stages hold the GIL, so a process per core;
    # the dashboard on any free port (":0"): the default 8787 may be taken
    with (
        dask.config.set(WORKER_CONFIG),
        LocalCluster(n_workers=n, threads_per_worker=1, processes=processes, dashboard_address=":0") as cluster,
        Client(cluster) as client,
    ):
        log.info("dask: local cluster of %d worker %s", n, "processes" if processes else "threads")
        prepare_workers(client, settings)
        yield functools.partial(annotate, client)
