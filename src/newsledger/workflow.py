"""The whole ingest flow as one library call: read → annotate → spool → store → link.

The CLI's ``newsledger ingest``, the Dask engine's users and the benchmarks all run it
through :func:`ingest_paths`, so there is one flow to test::

    from newsledger import Ledger, ingest_paths
    with Ledger.open("newsledger.db") as ledger:
        report = ingest_paths(["article.txt", "feeds/"], ledger)
    print(report.line())            # "12 new, 1 duplicate, 2 failed"

Inputs are read lazily; articles already stored are skipped before they are parsed; a
bad input, an article over ``[limits] max_article_chars``, or an article that breaks a
stage, its storing or its linking is a failure of its own (reported through
``on_failure`` as it happens, and listed in the report) while the others go on. A
publication date outside the plausible years (``[limits] min_year``,
``max_years_ahead``: 0001-01-01 and 9999-12-31 are placeholders) is dropped with a
warning. The annotated documents are spooled to a temporary file first, so the
ledger's write lock is held only while they are stored and linked, in transactions of
``[limits] write_batch`` articles: each batch is atomic, and other writers get their
turn between batches. A batch that fails for one of its articles is stored again one
article at a time, so only that article fails; a database error (a lost connection, a
full disk, a lock held past the busy timeout) stops the call with a
:class:`~newsledger.store.LedgerError` saying how many articles were stored before it.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import logging
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field, replace
from typing import BinaryIO, TextIO

from newsledger import link
from newsledger.engine import Annotate, open_engine
from newsledger.engine.spool import spooled
from newsledger.ingest import IngestError, Overrides, read_inputs
from newsledger.pipeline import StageFailure
from newsledger.records import Document
from newsledger.settings import LimitSettings, Settings
from newsledger.store import Ledger, LedgerBusyError, LedgerError

log = logging.getLogger(__name__)


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
    limits = settings.limits
    with opened as annotate_all:
        inputs = read_inputs(paths, overrides, stdin=stdin, settings=settings.ingest, limits=limits) \
            if documents is None else documents  # already read (newsledger watch)
        fresh = _fresh(inputs, ledger, report, fail, limits)
        annotated = _annotated(annotate_all(fresh), fail, functools.partial(on_progress, "annotating"))
        # Annotate everything first, so the write lock is held only to store and link.
        started = _clock()
        with _spooled(annotated) as ready:
            report.seconds["annotate"] = _since(started)
            on_progress("storing and linking", 0)
            with _timed(report, "store"):
                for batch in _chunks(ready, limits.write_batch):
                    _store(ledger, batch, report, fail, link_new)
                    on_progress("storing and linking", len(report.new) + len(report.duplicates))
    if not (report.new or report.duplicates or report.failures):
        fail(f"{', '.join(paths)}: no article found (an empty folder, or only hidden files)")
    return report


@contextmanager
def _spooled(annotated: Iterable[Document]) -> Iterator[Iterator[Document]]:
    """:func:`spooled`, with a full or unwritable ``$TMPDIR`` as one :class:`LedgerError`."""
    try:
        with spooled(annotated) as ready:
            yield ready
    except OSError as err:
        if err.errno is None:
            raise
        raise LedgerError(f"nothing stored: cannot spool the annotated articles to {tempfile.gettempdir()} "
                          f"({err.strerror}); free some space there or set TMPDIR") from err


def _chunks(items: Iterable[Document], size: int) -> Iterator[list[Document]]:
    iterator = iter(items)
    while batch := list(itertools.islice(iterator, max(1, size))):
        yield batch


def _store(
    ledger: Ledger, batch: list[Document], report: IngestReport, fail: Callable[[object], None],
    link_new: Callable[[Ledger, list[str]], object],
) -> None:
    """Store and link ``batch`` in one transaction; when it fails for an article (not for
    the database), store its articles one by one so that only the bad one fails."""
    try:
        result = ledger.add(batch, then=link_new)
    except (LedgerBusyError, *ledger.database_errors) as err:
        stored = len(report.new)
        before = f"{stored} new article{'s' * (stored != 1)} stored before it" if stored else "nothing stored"
        raise LedgerError(f"{before}: {err}".strip()) from err
    except Exception as err:  # one article's records or links: find it, keep the others
        if len(batch) > 1:
            for document in batch:
                _store(ledger, [document], report, fail, link_new)
            return
        article = batch[0].article
        log.debug("storing %s failed", article.id, exc_info=True)
        fail(f"{article.source or article.id}: storing and linking failed: {type(err).__name__}: {err}")
        return
    report.new.extend(result.new)
    report.duplicates.extend(result.duplicates)


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
        wall, cpu = _since(started)
        before = report.seconds.get(phase, (0.0, 0.0))  # link runs once per write batch
        report.seconds[phase] = (before[0] + wall, before[1] + cpu)


def _fresh(
    inputs: Iterable[Document | IngestError], ledger: Ledger, report: IngestReport,
    fail: Callable[[object], None], limits: LimitSettings = LimitSettings(),
) -> Iterator[Document]:
    """The documents not yet in the ledger (no point parsing a stored article), within
    the article length limit, with a plausible publication date or none."""
    for item in inputs:
        if isinstance(item, IngestError):
            fail(item)
        elif len(item.article.text) > limits.max_article_chars:
            fail(IngestError(item.article.source or item.article.id, too_long(len(item.article.text), limits)))
        elif bad_id(item.article.id):
            fail(IngestError(item.article.source or item.article.id, bad_id(item.article.id) or ""))
        elif ledger.has_article(item.article.id):
            report.duplicates.append(item.article.id)
        else:
            yield plausible_date(item, limits)


def bad_id(article_id: str) -> str | None:
    """Why an article id cannot be used (a ``.`` or ``..`` path segment makes a link that
    browsers rewrite, control characters an unprintable one), or ``None``.

    >>> bad_id("../etc/passwd")
    "article id '../etc/passwd' has a '.' or '..' path segment, which no link can reach; give another id"
    >>> bad_id("bbc/2025/talks") is None
    True
    """
    if any(segment in (".", "..") for segment in article_id.split("/")):
        return f"article id {article_id[:60]!r} has a '.' or '..' path segment, which no link can reach; give another id"
    if any(ord(c) < 32 or 127 <= ord(c) < 160 for c in article_id):
        return f"article id {article_id[:60]!r} has control characters; give another id"
    return None


def too_long(chars: int, limits: LimitSettings) -> str:
    """Why an article over the length limit is refused.

    >>> too_long(1_500_000, LimitSettings())
    'article of 1,500,000 characters is longer than 1,000,000 ([limits] max_article_chars); split it or raise the limit'
    """
    return (f"article of {chars:,} characters is longer than {limits.max_article_chars:,} "
            "([limits] max_article_chars); split it or raise the limit")


def plausible_date(document: Document, limits: LimitSettings, today: dt.date | None = None) -> Document:
    """``document``, its publication date dropped (with a warning) when its year is
    before ``min_year`` or more than ``max_years_ahead`` after ``today``."""
    article = document.article
    published = article.published
    if not published:
        return document
    try:
        year = int(published[:4])
    except ValueError:
        return document
    last = (today or dt.date.today()).year + limits.max_years_ahead
    if limits.min_year <= year <= last:
        return document
    log.warning("%s: publication date %s is outside %d..%d ([limits] min_year, max_years_ahead); "
                "stored without a date", article.source or article.id, published[:10], limits.min_year, last)
    return document.evolve(article=replace(article, published=None))


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
