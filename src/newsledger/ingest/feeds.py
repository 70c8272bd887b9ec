"""RSS and Atom feeds (via feedparser): one article per entry.

An entry's text is its linked page when that page can be read — a local file
(``file://`` URL or a path relative to the feed) or an HTTP(S) page fetched with a
short timeout (see IngestSettings.fetch_timeout) — and otherwise, quietly, the
entry's own content or summary HTML. Entry metadata wins over the page's: the entry's
title, link, date and author, and the feed's title as the outlet. Entries are named
``feed.xml#3`` (1-based).
"""

from __future__ import annotations

import logging
import urllib.request
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from urllib.request import url2pathname

from newsledger.ingest.build import Found, IngestError
from newsledger.ingest.decode import decode
from newsledger.ingest.html import extract_html, fragment_text
from newsledger.settings import IngestSettings

logger = logging.getLogger(__name__)


def fetch_url(url: str, settings: IngestSettings = IngestSettings()) -> bytes:
    """The bytes at an HTTP(S) ``url``; raises ``OSError`` (or ``ValueError``) on failure.

    Waits and reads at most what settings allow (see IngestSettings.fetch_timeout and
    IngestSettings.max_page_bytes).
    """
    request = urllib.request.Request(url, headers={"User-Agent": "newsledger"})
    with urllib.request.urlopen(request, timeout=settings.fetch_timeout) as response:
        return response.read(settings.max_page_bytes)


def read_feed(
    data: bytes,
    source: str,
    base_dir: Path | None = None,
    settings: IngestSettings = IngestSettings(),
) -> Iterator[Found | IngestError]:
    """The entries of the feed in ``data``; :class:`IngestError` if it is not a feed."""
    import feedparser

    parsed = feedparser.parse(data)
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
    for number, entry in enumerate(parsed.entries, 1):
        name = f"{source}#{number}"
        try:
            yield _entry_article(entry, name, outlet, base_dir, unreachable, settings)
        except IngestError as err:
            yield err


def _entry_article(
    entry: Any,
    name: str,
    outlet: str | None,
    base_dir: Path | None,
    unreachable: set[str],
    settings: IngestSettings,
) -> Found:
    link = entry.get("link")
    found = _linked_article(link, name, base_dir, unreachable, settings)
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
) -> Found | None:
    """The article at the entry's link, or ``None`` when it cannot be read."""
    data = _linked_bytes(link, base_dir, unreachable, settings) if link else None
    if data is None:
        return None
    try:
        text = decode(data, name, settings)
        return extract_html(text, name, url=link, settings=settings)
    except IngestError as err:
        logger.info(
            "%s: linked page unusable (%s); using the entry's summary", name, err.reason
        )
        return None


def _linked_bytes(
    link: str, base_dir: Path | None, unreachable: set[str], settings: IngestSettings
) -> bytes | None:
    parts = urlsplit(link)
    if parts.scheme in ("http", "https"):
        if parts.netloc in unreachable:
            return None
        try:
            return fetch_url(link, settings)
        except (OSError, ValueError) as err:  # URLError and timeouts are OSErrors
            logger.debug("%s: not reachable (%s)", link, err)
            unreachable.add(parts.netloc)
            return None
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
        return path.read_bytes() if path.is_file() else None
    except OSError:
        return None
