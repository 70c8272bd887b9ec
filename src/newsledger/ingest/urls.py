"""URLs given to ``newsledger ingest``: fetched, then read as a page, a feed or text.

The kind comes from the response's Content-Type, then from its first bytes (a feed
announces itself with ``<rss``/``<feed``). The article keeps its URL (the final one,
after redirects) and the fetch date (``Article.fetched``).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from newsledger.ingest.build import Found, IngestError
from newsledger.ingest.decode import decode
from newsledger.ingest.feeds import read_feed
from newsledger.ingest.fetch import Fetched, Fetcher
from newsledger.ingest.html import extract_html
from newsledger.settings import IngestSettings

#: Markers of a feed in the first bytes of a response, when its type does not say.
FEED_MARKERS = (b"<rss", b"<feed", b"<rdf:rdf")


def read_url(
    url: str, fetcher: Fetcher, settings: IngestSettings = IngestSettings()
) -> Iterator[Found | IngestError]:
    """The article at ``url`` (or, for a feed, one per entry), with its URL and fetch date."""
    try:
        fetched = fetcher.page(url)
    except IngestError as err:
        yield err
        return
    kind = content_kind(fetched)
    if kind == "feed":
        for item in read_feed(fetched.data, url, None, settings, fetcher=fetcher):
            yield item if isinstance(item, IngestError) else replace(item, fetched=item.fetched or fetched.fetched)
        return
    text = decode(fetched.data, url, settings)
    if kind == "html":
        try:
            found = extract_html(text, url, url=fetched.url, settings=settings)
        except IngestError as err:
            yield err
            return
    else:
        found = Found(body=text, source=url, url=fetched.url)
    yield replace(found, url=found.url or fetched.url, fetched=fetched.fetched)


def content_kind(fetched: Fetched) -> str:
    """``feed``, ``html`` or ``text``, from the Content-Type and then the first bytes."""
    kind = fetched.headers.get("content-type", "").split(";")[0].strip().lower()
    head = fetched.data[:2000].lstrip().lower()
    if any(marker in head for marker in FEED_MARKERS) or kind.endswith(("rss+xml", "atom+xml")):
        return "feed"
    if kind in ("text/plain", "text/markdown"):
        return "text"
    return "html"
