"""The whole ingest flow as one library call: read → annotate → spool → store → link.

The CLI's ``newsledger ingest``, the Dask engine's users and the benchmarks all run it
through :func:`ingest_paths`, so there is one flow to test::

    from newsledger import Ledger, ingest_paths
    with Ledger.open("newsledger.db") as ledger:
        report = ingest_paths(["article.txt", "feeds/"], ledger)
    print(report.line())            # "12 new, 1 duplicate, 2 failed"

Inputs are read lazily; articles already stored are skipped before they are parsed; a
bad input or an article that breaks a stage is a failure of its own (reported through
``on_failure`` as it happens, and listed in the report) while the others go on. The
annotated documents are spooled to a temporary file first, so the ledger's write lock
is held only while they are stored and linked, in one transaction: an error there
(:class:`~newsledger.store.LedgerError`) stores nothing and is raised.
"""

from __future__ import annotations

import functools
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from typing import BinaryIO, TextIO

from newsledger import link
from newsledger.engine import Annotate, open_engine
from newsledger.engine.spool import spooled
from newsledger.ingest import IngestError, Overrides, read_inputs
from newsledger.pipeline import StageFailure
from newsledger.records import Document
from newsledger.settings import Settings
from newsledger.store import Ledger


@dataclass
class IngestReport:
    """What one :func:`ingest_paths` call stored, skipped and failed.

    >>> IngestReport(new=["a1", "a2"], duplicates=["a0"], failures=["x.html: empty"]).line()
    '2 new, 1 duplicate, 1 failed'
    """

    #: Ids of the articles stored by this call.
    new: list[str] = field(default_factory=list)
    #: Ids of the articles that were stored already (skipped before or at storing).
    duplicates: list[str] = field(default_factory=list)
    #: One line per input or article that failed (``IngestError`` or ``StageFailure``).
    failures: list[str] = field(default_factory=list)
    #: What linking the new articles did (``None`` when nothing new was stored).
    linked: link.LinkResult | None = None
    #: (wall, CPU) seconds of each phase: ``annotate`` (reading and annotating, to the
    #: spool), ``store`` (storing and linking, the transaction) and ``link`` (within it).
    seconds: dict[str, tuple[float, float]] = field(default_factory=dict)

    def line(self) -> str:
        """``"12 new, 1 duplicate, 2 failed"`` (the failed part only when some failed)."""
        parts = [f"{len(self.new)} new", f"{len(self.duplicates)} duplicate"]
        if self.failures:
            parts.append(f"{len(self.failures)} failed")
        return ", ".join(parts)


#: Called once per failure as it happens, with its one-line description.
OnFailure = Callable[[str], None]
#: Called with the phase ("annotating", "storing and linking") and the count done so far.
OnProgress = Callable[[str, int], None]


def _ignore(*_: object) -> None:
    return None


def ingest_paths(
    paths: Sequence[str],
    ledger: Ledger,
    *,
    overrides: Overrides = Overrides(),
    settings: Settings = Settings(),
    engine: str = "local",
    scheduler: str | None = None,
    workers: int | None = None,
    stdin: TextIO | BinaryIO | None = None,
    annotate: Annotate | None = None,
    on_failure: OnFailure = _ignore,
    on_progress: OnProgress = _ignore,
    documents: Iterable[Document | IngestError] | None = None,
) -> IngestReport:
    """Read ``paths``, annotate the new articles on ``engine`` and store and link them in
    ``ledger`` in one transaction; returns the :class:`IngestReport`.

    ``paths`` are files, directories or ``-`` (``stdin``), as ``read_inputs`` takes
    them; ``engine`` is ``local`` or ``dask`` (``scheduler`` an address, or ``workers``
    processes of a local cluster), unless ``annotate`` is an engine already open.
    """
    report = IngestReport()

    def fail(error: object) -> None:
        report.failures.append(str(error))
        on_failure(str(error))

    def link_new(ledger: Ledger, article_ids: list[str]) -> None:
        with _timed(report, "link"):
            report.linked = link.update(ledger, article_ids, settings=settings.link)

    opened = nullcontext(annotate) if annotate is not None else \
        open_engine(engine, scheduler=scheduler, workers=workers, settings=settings)
    with opened as annotate_all:
        inputs = read_inputs(paths, overrides, stdin=stdin, settings=settings.ingest) \
            if documents is None else documents  # already read (newsledger watch)
        fresh = _fresh(inputs, ledger, report, fail)
        annotated = _annotated(annotate_all(fresh), fail, functools.partial(on_progress, "annotating"))
        # Annotate everything first, so the write lock is held only to store and link.
        started = _clock()
        with spooled(annotated) as ready:
            report.seconds["annotate"] = _since(started)
            on_progress("storing and linking", 0)
            with _timed(report, "store"):
                result = ledger.add(ready, then=link_new)  # records and links in one transaction
    report.new.extend(result.new)
    report.duplicates.extend(result.duplicates)
    return report


def _clock() -> tuple[float, float]:
    return time.perf_counter(), time.process_time()


def _since(start: tuple[float, float]) -> tuple[float, float]:
    wall, cpu = _clock()
    return wall - start[0], cpu - start[1]


@contextmanager
def _timed(report: IngestReport, phase: str) -> Iterator[None]:
    started = _clock()
    try:
        yield
    finally:
        report.seconds[phase] = _since(started)


def _fresh(
    inputs: Iterable[Document | IngestError], ledger: Ledger, report: IngestReport,
    fail: Callable[[object], None],
) -> Iterator[Document]:
    """The documents not yet in the ledger (no point parsing a stored article)."""
    for item in inputs:
        if isinstance(item, IngestError):
            fail(item)
        elif ledger.has_article(item.article.id):
            report.duplicates.append(item.article.id)
        else:
            yield item


def _annotated(
    results: Iterable[Document | StageFailure], fail: Callable[[object], None],
    tick: Callable[[int], None],
) -> Iterator[Document]:
    done = 0
    for result in results:
        done += 1
        tick(done)
        if isinstance(result, StageFailure):
            fail(result)
        else:
            yield result


__all__ = ["IngestReport", "ingest_paths"]
