"""Annotated documents spooled to a temporary file before they are written.

``newsledger ingest`` stores a whole call in one transaction, and a transaction holds
the ledger's write lock (SQLite's single writer, PostgreSQL's advisory lock). Writing
documents as they come out of the parser would hold that lock for as long as the
parsing takes, so a second ingest process — another member of a team sharing one
PostgreSQL ledger, or a cron job on the same SQLite file — would wait for all of it.
:func:`spooled` first runs the annotation to the end, one pickled document after
another in an anonymous temporary file, then gives the documents back one at a time:
the lock is held only while they are stored and linked, and memory stays flat::

    with spooled(annotate(documents)) as ready:
        ledger.add(ready, then=link.update)

The file lives in ``$TMPDIR`` (about 50 KiB per full-length article) and is gone when
the block ends, whether it ends well or not.
"""

from __future__ import annotations

import pickle
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import IO, TypeVar

Item = TypeVar("Item")


@contextmanager
def spooled(items: Iterable[Item]) -> Iterator[Iterator[Item]]:
    """Consume ``items`` into a temporary file, then yield an iterator over them, in order."""
    with tempfile.TemporaryFile(prefix="newsledger-spool-") as spool:
        count = 0
        for item in items:
            pickle.dump(item, spool, protocol=pickle.HIGHEST_PROTOCOL)
            count += 1
        spool.seek(0)
        yield _replay(spool, count)


def _replay(spool: IO[bytes], count: int) -> Iterator[Item]:
    for _ in range(count):
        yield pickle.load(spool)  # noqa: S301 - our own anonymous temporary file
