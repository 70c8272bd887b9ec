"""RSS and Atom feeds (via feedparser): one article per entry.

An entry's text is its linked page when that page can be read — a local file
(``file://`` URL or a path relative to the feed) or an HTTP(S) page fetched with a
short timeout (see IngestSettings.fetch_timeout) through a polite
:class:`~newsledger.ingest.fetch.Fetcher` — and otherwise, quietly, the
entry's own content or summary HTML. Entry metadata wins over the page's: the entry's
title, link, date and author, and the feed's title as the outlet. Entries are named
``feed.xml#3`` (1-based).
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Container, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from urllib.request import url2pathname

from newsledger.ingest.build import Found, IngestError
from newsledger.ingest.decode import decode
from newsledger.ingest.fetch import Fetcher
from newsledger.ingest.html import extract_html, fragment_text
from newsledger.settings import IngestSettings

logger = logging.getLogger(__name__)


def read_feed(
    data: bytes,
    source: str,
    base_dir: Path | None = None,
    settings: IngestSettings = IngestSettings(),
    fetcher: Fetcher | None = None,
    seen: Container[str] = frozenset(),
) -> Iterator[Found | IngestError]:
    """The entries of the feed in ``data``; :class:`IngestError` if it is not a feed.

    Linked pages are fetched with ``fetcher`` (a new one, with the feed-entry timeout,
    when none is given), which spaces requests to one host. Entries whose
    :func:`entry_id` is in ``seen`` are passed over (``newsledger watch``).
    """
    parsed = _parse(data)
    if not parsed.entries:
        if parsed.get("bozo"):
            raise IngestError(source, f"malformed feed: {parsed.get('bozo_exception')}")
        raise IngestError(source, "feed has no entries")
    if parsed.get("bozo"):
        logger.warning(
            "%s: malformed feed (%s); reading the %d entries recovered",
            source,
            parsed.get("bozo_exception"),
            len(parsed.entries),
        )
    outlet = parsed.feed.get("title")
    unreachable: set[str] = set()  # hosts that failed once are not retried in this feed
    if fetcher is None:
        fetcher = Fetcher(_entry_fetch_settings(settings))
    for number, entry in enumerate(parsed.entries, 1):
        name = f"{source}#{number}"
        if seen and entry_id(entry) in seen:
            continue
        try:
            yield _entry_article(entry, name, outlet, base_dir, unreachable, settings, fetcher)
        except IngestError as err:
            yield err


def _parse(data: bytes) -> Any:
    import feedparser

    return feedparser.parse(data)


def entry_id(entry: Any) -> str:
    """An entry's stable id: its ``<guid>``/``<id>``, else its link, else a hash of its
    title and date (feeds without ids exist)."""
    explicit = entry.get("id") or entry.get("link")
    if explicit:
        return str(explicit)
    key = f"{entry.get('title', '')}\n{entry.get('published') or entry.get('updated') or ''}"
    return "sha256:" + hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def entry_ids(data: bytes) -> list[str]:
    """The :func:`entry_id` of each entry of the feed in ``data``, in feed order
    (entry ``n`` is ``feed#n``, 1-based)."""
    return [entry_id(entry) for entry in _parse(data).entries]


def _entry_article(
    entry: Any,
    name: str,
    outlet: str | None,
    base_dir: Path | None,
    unreachable: set[str],
    settings: IngestSettings,
    fetcher: Fetcher,
) -> Found:
    link = entry.get("link")
    found = _linked_article(link, name, base_dir, unreachable, settings, fetcher)
    if found is None:
        body = fragment_text(_entry_html(entry))
        if not body.strip():
            raise IngestError(name, "entry has no text and its link could not be read")
        found = Found(body=body, source=name)
    web_link = link if link and urlsplit(link).scheme in ("http", "https") else None
    author = (entry.get("author_detail") or {}).get("name") or entry.get("author")
    return replace(
        found,
        title=entry.get("title") or found.title,
        url=web_link or found.url or link,
        published=entry.get("published") or entry.get("updated") or found.published,
        author=author or found.author,
        outlet=outlet or found.outlet,
    )


def _entry_html(entry: Any) -> str:
    contents = entry.get("content") or []
    values = [c.get("value", "") for c in contents if c.get("value")]
    return max(values, key=len) if values else entry.get("summary", "")


def _linked_article(
    link: str | None,
    name: str,
    base_dir: Path | None,
    unreachable: set[str],
    settings: IngestSettings,
    fetcher: Fetcher,
) -> Found | None:
    """The article at the entry's link, or ``None`` when it cannot be read."""
    got = _linked_bytes(link, base_dir, unreachable, fetcher) if link else None
    if got is None:
        return None
    data, fetched = got
    try:
        text = decode(data, name, settings)
        found = extract_html(text, name, url=link, settings=settings)
        return replace(found, fetched=fetched)
    except IngestError as err:
        logger.info(
            "%s: linked page unusable (%s); using the entry's summary", name, err.reason
        )
        return None


def _linked_bytes(
    link: str, base_dir: Path | None, unreachable: set[str], fetcher: Fetcher
) -> tuple[bytes, str | None] | None:
    """The bytes at ``link`` and, when fetched from the web, the fetch date."""
    parts = urlsplit(link)
    if parts.scheme in ("http", "https"):
        if parts.netloc in unreachable:
            return None
        try:
            page = fetcher.page(link)
        except IngestError as err:
            logger.debug("%s: not reachable (%s)", link, err.reason)
            unreachable.add(parts.netloc)
            return None
        return page.data, page.fetched
    if parts.scheme == "file":
        # feedparser turns "file:///tmp/a.html" into "file://tmp/a.html": a netloc
        # other than localhost is the first folder of the path.
        host = "" if parts.netloc in ("", "localhost") else "/" + parts.netloc
        path = Path(url2pathname(host + parts.path))
    elif not parts.scheme and base_dir is not None:
        path = base_dir / url2pathname(parts.path)
    else:
        return None
    try:
        return (path.read_bytes(), None) if path.is_file() else None
    except OSError:
        return None


def _entry_fetch_settings(settings: IngestSettings) -> IngestSettings:
    """The settings for fetching feed entries: the short feed-entry timeout."""
    return replace(settings, url_timeout=settings.fetch_timeout)
