"""Web archives (``.warc``, ``.warc.gz``, via warcio): one article per HTML response.

Each ``response`` record whose HTTP Content-Type is HTML becomes an article, with the
record's ``WARC-Target-URI`` as its url and its ``WARC-Date`` as the date when the
page itself gives none. Records are named ``archive.warc.gz#3`` (the 3rd HTML
response). Other records (requests, metadata, images) are skipped; an archive whose
first record is not a WARC/ARC record is malformed, and one without any HTML
response is an error too (the input gave no article).
"""

from __future__ import annotations

import logging
import zlib
from collections.abc import Iterator
from dataclasses import replace
from typing import IO

from newsledger.ingest.build import Found, IngestError
from newsledger.ingest.decode import decode
from newsledger.ingest.html import extract_html
from newsledger.ingest.limits import read_capped
from newsledger.settings import IngestSettings, LimitSettings

logger = logging.getLogger(__name__)


def read_warc(
    stream: IO[bytes], source: str, settings: IngestSettings = IngestSettings(),
    limits: LimitSettings = LimitSettings(),
) -> Iterator[Found | IngestError]:
    """The HTML responses in a WARC stream; :class:`IngestError` if it is not a WARC."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    number = 0
    try:
        for index, record in enumerate(ArchiveIterator(stream)):
            if index == 0 and not _is_archive_record(record):
                raise IngestError(
                    source, "malformed WARC: the first record has no WARC or ARC header"
                )
            if record.rec_type != "response" or not _is_html(record):
                continue
            number += 1
            yield _record_article(record, f"{source}#{number}", settings, limits)
    except ArchiveLoadFailed as err:
        raise IngestError(source, f"malformed WARC: {err}") from err
    except (ValueError, AttributeError, EOFError, OSError, zlib.error) as err:
        # warcio fails on truncated or headerless records with assorted errors.
        raise IngestError(
            source, f"malformed WARC, or truncated after {number} HTML responses "
            f"({type(err).__name__}: {err})"
        ) from err
    if number == 0:
        raise IngestError(source, "no HTML responses in this WARC")


def _is_archive_record(record: object) -> bool:
    """Whether warcio really parsed a record: it reads any text line as an ARC header."""
    headers = record.rec_headers  # type: ignore[attr-defined]
    if record.format == "warc":  # type: ignore[attr-defined]
        return bool(headers.get_header("WARC-Type"))
    uri = headers.get_header("uri") or ""
    return "://" in uri or uri.startswith(("filedesc:", "dns:"))


def _is_html(record: object) -> bool:
    headers = getattr(record, "http_headers", None)
    content_type = headers.get_header("Content-Type", "") if headers is not None else ""
    return "html" in content_type.lower()


def _record_article(
    record: object, name: str, settings: IngestSettings, limits: LimitSettings = LimitSettings()
) -> Found | IngestError:
    url = record.rec_headers.get_header("WARC-Target-URI")  # type: ignore[attr-defined]
    warc_date = record.rec_headers.get_header("WARC-Date")  # type: ignore[attr-defined]
    try:
        payload = read_capped(
            record.content_stream(), name, limits.max_record_bytes, "max_record_bytes"  # type: ignore[attr-defined]
        )
        missing = _truncated(record, name)
        if missing:
            return IngestError(name, missing)
        found = extract_html(
            decode(payload, name, settings), name, url=url, settings=settings
        )
    except IngestError as err:
        return err
    except Exception as err:  # a truncated or badly compressed payload
        return IngestError(
            name, f"unreadable WARC record ({type(err).__name__}: {err})"
        )
    return replace(found, url=found.url or url, published=found.published or warc_date)


def _truncated(record: object, name: str) -> str | None:
    """Why a record cut short by the end of the archive is not stored, or ``None``.

    warcio stops quietly where a ``.warc.gz`` ends; the bytes of the record it never
    read tell. A record that says it is partial (``WARC-Truncated``) is kept, with a warning."""
    missing = getattr(getattr(record, "raw_stream", None), "limit", 0) or 0
    marked = record.rec_headers.get_header("WARC-Truncated")  # type: ignore[attr-defined]
    if marked:
        logger.warning("%s: the archive marks this record partial (WARC-Truncated: %s); stored as it is", name, marked)
    if not missing or marked:
        return None
    length = record.rec_headers.get_header("Content-Length")  # type: ignore[attr-defined]
    return (f"truncated WARC record: the archive ends {missing:,} bytes before the record's end "
            f"(Content-Length {length}); the partial page is not stored")
