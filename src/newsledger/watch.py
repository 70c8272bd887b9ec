"""Watching feeds: poll each one, ingest the entries not seen before.

``newsledger watch FEED_URL… --every 15m`` calls :func:`poll` once per round::

    from newsledger import Ledger
    from newsledger.watch import poll
    with Ledger.open("newsledger.db") as ledger:
        for result in poll(ledger, ["https://example.org/rss"]):
            print(result.line())      # "https://example.org/rss: 3 new entries: 3 new, 0 duplicate"

Each feed is fetched with a conditional request (the ``ETag`` and ``Last-Modified``
its last answer gave, kept in the ledger's ``feeds`` table): an unchanged feed is a
304 and nothing more. Of a changed feed, only the entries whose id is not in
``feed_entries`` are read (their pages fetched, politely, by one
:class:`~newsledger.ingest.fetch.Fetcher` for the whole round) and go through
:func:`~newsledger.workflow.ingest_paths` like any input. An entry that fails is not
marked seen, so the next round tries it again; one skipped for its language is.
A feed that cannot be fetched is one line naming it, and the other feeds go on.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace

from newsledger.engine import Annotate
from newsledger.ingest.build import IngestError, Overrides, build
from newsledger.ingest.feeds import entry_ids, read_feed
from newsledger.ingest.fetch import Fetched, Fetcher
from newsledger.link import feeds as state
from newsledger.link import Ledger
from newsledger.records import Document
from newsledger.settings import Settings
from newsledger.workflow import IngestReport, OnFailure, ingest_paths


@dataclass
class PollResult:
    """What one poll of one feed did: ``unchanged``, ``polled`` or ``failed``."""

    url: str
    status: str
    entries: int = 0  # entries not seen before
    report: IngestReport | None = None
    error: str | None = None

    def line(self) -> str:
        """One line for the user: ``"https://x.org/rss: unchanged"``."""
        if self.status == "failed":
            return str(self.error)
        if self.status == "unchanged":
            return f"{self.url}: unchanged"
        done = f": {self.report.line()}" if self.report is not None else ""
        return f"{self.url}: {self.entries} new entr{'y' if self.entries == 1 else 'ies'}{done}"


def poll(
    ledger: Ledger,
    urls: Sequence[str],
    *,
    settings: Settings = Settings(),
    overrides: Overrides = Overrides(),
    fetcher: Fetcher | None = None,
    on_failure: OnFailure = lambda line: None,
    annotate: Annotate | None = None,
) -> list[PollResult]:
    """Poll every feed in ``urls`` once; the new entries are ingested into ``ledger``
    (annotated by ``annotate``, an engine already open, or the local engine)."""
    fetcher = fetcher or Fetcher(settings.ingest)
    results = []
    for url in urls:
        try:
            results.append(_poll_one(ledger, url, settings, overrides, fetcher, on_failure, annotate))
        except IngestError as err:
            on_failure(str(err))
            results.append(PollResult(url, "failed", error=str(err)))
    return results


def _poll_one(
    ledger: Ledger, url: str, settings: Settings, overrides: Overrides, fetcher: Fetcher,
    on_failure: OnFailure, annotate: Annotate | None,
) -> PollResult:
    before = state.feed_state(ledger, url)
    fetched = fetcher.conditional(url, before.etag, before.modified)
    checked = replace(before, checked=fetched.fetched)
    if fetched.not_modified:
        state.save_feed_state(ledger, checked)
        return PollResult(url, "unchanged")
    ids = entry_ids(fetched.data)
    seen = state.seen_entries(ledger, url)
    fresh = [(n, entry) for n, entry in enumerate(ids, 1) if entry not in seen]
    built: dict[int, str | None] = {}  # entry number -> article id (None: skipped)
    failed: set[int] = set()

    def note_failure(line: str) -> None:
        number = _entry_number(line, url)
        if number is not None:
            failed.add(number)
        on_failure(line)

    documents = _documents(fetched, url, set(seen), settings, overrides, fetcher, built)
    report = ingest_paths([], ledger, settings=settings, on_failure=note_failure,
                          documents=documents, annotate=annotate) if fresh else None
    state.save_feed_state(ledger, replace(
        checked, etag=fetched.headers.get("etag"), modified=fetched.headers.get("last-modified"),
        changed=fetched.fetched))
    done = [(ids[n - 1], built.get(n)) for n, _ in fresh if n not in failed and n in built]
    state.mark_seen(ledger, url, done, fetched.fetched)
    return PollResult(url, "polled", entries=len(fresh), report=report)


def _documents(
    fetched: Fetched, url: str, seen: set[str], settings: Settings, overrides: Overrides,
    fetcher: Fetcher, built: dict[int, str | None],
) -> Iterator[Document | IngestError]:
    """The unseen entries, read and built; ``built`` learns each entry's article id."""
    for found in read_feed(fetched.data, url, None, settings.ingest, fetcher=fetcher, seen=seen):
        if isinstance(found, IngestError):
            yield found
            continue
        number = _entry_number(found.source, url)
        document = build(replace(found, fetched=found.fetched or fetched.fetched), overrides,
                         settings.ingest)
        if isinstance(document, IngestError):
            yield document
        elif number is not None:
            built[number] = document.article.id if document is not None else None
            if document is not None:
                yield document


def _entry_number(line: str, url: str) -> int | None:
    """``3`` for ``"https://x.org/rss#3"`` or an error line starting with it."""
    match = re.match(re.escape(url) + r"#(\d+)", line)
    return int(match.group(1)) if match else None


#: ``15m``, ``1h``, ``90s``, ``2h30m``: how ``--every`` is written.
_INTERVAL = re.compile(r"^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$")


def parse_interval(text: str) -> float:
    """Seconds in an interval: ``parse_interval("15m") == 900.0``; ``ValueError`` if bad.

    >>> parse_interval("1h30m")
    5400.0
    """
    match = _INTERVAL.match(text.strip().lower())
    if not text.strip() or not match or not any(match.groups()):
        raise ValueError(f"{text!r} is not an interval: write e.g. 15m, 1h, 90s, 2h30m")
    hours, minutes, seconds = (int(g or 0) for g in match.groups())
    total = float(hours * 3600 + minutes * 60 + seconds)
    if total <= 0:
        raise ValueError(f"{text!r}: the interval must be longer than 0")
    return total

__all__ = ["PollResult", "parse_interval", "poll"]
