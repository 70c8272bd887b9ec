"""Reading inputs: paths, directories and stdin, dispatched to a reader per format.

The format comes from the file name (``FORMATS``); an unknown extension, and stdin,
are sniffed from the first bytes (``sniff``). ``.gz`` files other than ``.warc.gz``
are decompressed and dispatched on the inner name (``page.html.gz``). Directories
are walked recursively in sorted order, skipping hidden files and folders. Every
reader is a generator, so a directory or a large JSONL/WARC file is streamed.
"""

from __future__ import annotations

import gzip
import io
import logging
import os
import sys
import zlib
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from types import MappingProxyType
from typing import BinaryIO, TextIO

from newsledger.ingest import limits as bounds
from newsledger.ingest.build import Found, IngestError, Overrides, build
from newsledger.ingest.decode import decode
from newsledger.ingest.feeds import read_feed
from newsledger.ingest.fetch import Fetcher, is_url
from newsledger.ingest.html import extract_html
from newsledger.ingest.jsonl import read_jsonl
from newsledger.ingest.urls import read_url
from newsledger.ingest.warc import read_warc
from newsledger.records import Document
from newsledger.settings import IngestSettings, LimitSettings

logger = logging.getLogger(__name__)

#: File name endings and their formats; anything else is sniffed.
FORMATS: Mapping[str, str] = MappingProxyType({
    ".txt": "text", ".text": "text", ".md": "text",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".xml": "feed", ".rss": "feed", ".atom": "feed",
    ".warc": "warc", ".warc.gz": "warc",
    ".jsonl": "jsonl", ".ndjson": "jsonl",
})  # fmt: skip

#: Markers that identify a format in the first bytes of an input (lower-cased).
FEED_MARKERS = (b"<rss", b"<feed", b"<rdf:rdf")
HTML_MARKERS = (
    b"<!doctype html",
    b"<html",
    b"<head",
    b"<body",
    b"<article",
    b"<div",
    b"<p>",
    b"<p ",
)

Result = Document | IngestError


def read_inputs(
    paths: Iterable[str],
    overrides: Overrides = Overrides(),
    stdin: TextIO | BinaryIO | None = None,
    settings: IngestSettings = IngestSettings(),
    limits: LimitSettings = LimitSettings(),
) -> Iterator[Result]:
    """One cleaned :class:`Document` per article in ``paths``, or an :class:`IngestError`.

    A bad input (or JSONL line, feed entry, WARC record) yields its error and reading
    goes on. An ``http(s)://`` path is fetched (:mod:`newsledger.ingest.urls`). ``"-"``
    reads ``stdin`` (default ``sys.stdin``), sniffing its format. ``settings`` go down
    to every reader (see :class:`IngestSettings`); ``limits`` bound every input and
    record (:mod:`newsledger.ingest.limits`).
    """
    fetcher = Fetcher(settings)  # one per run: it spaces requests to each host
    for path in paths:
        reader = read_url(path, fetcher, settings) if is_url(path) else _read_path(path, stdin, settings, limits)
        for found in _guarded(path, reader):
            if isinstance(found, IngestError):
                yield found
            elif (document := build(found, overrides, settings)) is not None:
                yield document  # None: skipped for its language, with a warning


def _guarded(
    name: str, found: Iterator[Found | IngestError]
) -> Iterator[Found | IngestError]:
    """The items of a reader; an error raised mid-way ends that input with its error."""
    try:
        yield from found
    except IngestError as err:
        yield err
    except OSError as err:
        yield IngestError(name, f"cannot read ({err.strerror or err})")


def _read_path(
    path: str, stdin: TextIO | BinaryIO | None, settings: IngestSettings,
    limits: LimitSettings = LimitSettings(),
) -> Iterator[Found | IngestError]:
    if path == "-":
        yield from _read_bytes(_stdin_bytes(stdin, limits), "-", None, settings, limits)
        return
    target = Path(path)
    if target.is_dir():
        for file in _walk(target):
            yield from _guarded(str(file), _read_file(file, settings, limits))
    elif not target.exists():
        raise IngestError(path, "no such file or directory")
    else:
        yield from _read_file(target, settings, limits)


def _walk(root: Path) -> Iterator[Path]:
    """Files under ``root``, sorted, recursively, without hidden files or folders."""
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith("."):
                yield Path(folder) / name


def _read_file(
    path: Path, settings: IngestSettings, limits: LimitSettings = LimitSettings()
) -> Iterator[Found | IngestError]:
    name = str(path)
    if path.stat().st_size == 0:
        raise IngestError(name, "empty file")
    kind = file_format(path.name)
    if kind == "warc":  # streamed record by record, each bounded by max_record_bytes
        with path.open("rb") as stream:
            yield from read_warc(stream, name, settings, limits)
    elif kind == "jsonl":
        bounds.check_size(path.stat().st_size, name, limits)
        with path.open("rb") as stream:
            yield from read_jsonl(stream, name, settings)
    else:
        bounds.check_size(path.stat().st_size, name, limits)
        yield from _read_bytes(path.read_bytes(), name, path, settings, limits)


def file_format(name: str) -> str | None:
    """The format a file name announces: ``file_format("a.warc.gz") == "warc"``; ``None`` to sniff."""
    lower = name.lower()
    for suffix in sorted(FORMATS, key=len, reverse=True):
        if lower.endswith(suffix):
            return FORMATS[suffix]
    return None


def _read_bytes(
    data: bytes, name: str, path: Path | None, settings: IngestSettings,
    limits: LimitSettings = LimitSettings(),
) -> Iterator[Found | IngestError]:
    """Dispatch in-memory bytes (a file or stdin) to their reader."""
    if (
        path is not None
        and path.name.lower().endswith(".gz")
        and file_format(path.name) != "warc"
    ):
        data = bounds.gunzip(data, name, limits)
        kind = file_format(path.name[:-3]) or sniff(data, settings)
    else:
        named = file_format(path.name) if path is not None else None
        kind = named or sniff(data, settings)
        if kind == "gzip":
            data = bounds.gunzip(data, name, limits)
            kind = sniff(data, settings)
    if kind == "warc":
        yield from read_warc(io.BytesIO(data), name, settings, limits)
    elif kind == "jsonl":
        yield from read_jsonl(io.BytesIO(data), name, settings)
    elif kind == "feed":
        base_dir = path.parent if path is not None else None
        yield from read_feed(data, name, base_dir, settings)
    elif kind == "html":
        yield extract_html(decode(data, name, settings), name, settings=settings)
    else:
        yield Found(body=decode(data, name, settings), source=name)


def sniff(data: bytes, settings: IngestSettings = IngestSettings()) -> str:
    """The format of ``data`` from its first bytes: warc, feed, html, jsonl or text.

    Looks at the first ``settings.sniff_bytes`` bytes (see IngestSettings.sniff_bytes).
    """
    if data[:2] == b"\x1f\x8b":
        return "warc" if _gunzip_head(data).startswith(b"WARC/") else "gzip"
    head = data[: settings.sniff_bytes].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"warc/"):
        return "warc"
    if any(marker in head[:1000] for marker in FEED_MARKERS):
        return "feed"
    if head.startswith(b"<") and any(marker in head for marker in HTML_MARKERS):
        return "html"
    if head.startswith(b"{") and head.split(b"\n", 1)[0].rstrip().endswith(b"}"):
        return "jsonl"
    return "text"


def _gunzip_head(data: bytes) -> bytes:
    try:
        return gzip.GzipFile(fileobj=io.BytesIO(data)).read(16)
    except (OSError, EOFError, zlib.error):
        return b""


def _stdin_bytes(stdin: TextIO | BinaryIO | None, limits: LimitSettings = LimitSettings()) -> bytes:
    stream = stdin if stdin is not None else sys.stdin.buffer
    data = bounds.read_capped(stream, "-", limits.max_input_bytes, "max_input_bytes")  # type: ignore[arg-type]
    return data.encode("utf-8") if isinstance(data, str) else data
