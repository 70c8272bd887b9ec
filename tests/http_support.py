"""A local HTTP server on 127.0.0.1 serving saved pages and feeds, for the fetch tests.

No test reaches the internet: every URL is ``http://127.0.0.1:PORT/...``. A route can
answer with any status, wait before answering (a timeout), and send an ``ETag``,
answering ``If-None-Match`` with a 304 (a conditional feed poll).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from newsledger.settings import IngestSettings

WEB = Path(__file__).parent / "fixtures" / "ingest" / "web"
ARTICLE = Path(__file__).parent / "fixtures" / "ingest" / "article.html"
#: Settings that let the fetcher reach the local server quickly.
LOCAL = IngestSettings(fetch_private_hosts=True, fetch_delay=0.0, url_timeout=1.0, fetch_timeout=1.0)


@dataclass
class Route:
    body: bytes
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    delay: float = 0.0
    etag: str | None = None


@dataclass
class Site:
    """The routes served, and every request seen: ``(path, If-None-Match)``."""

    base: str = ""
    routes: dict[str, Route] = field(default_factory=dict)
    requests: list[tuple[str, str | None]] = field(default_factory=list)

    def url(self, path: str) -> str:
        return self.base + path


def _handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (http.server's name)
            site.requests.append((self.path, self.headers.get("If-None-Match")))
            route = site.routes.get(self.path)
            if route is None:
                self.send_error(404, "Not Found")
                return
            time.sleep(route.delay)
            if route.etag and self.headers.get("If-None-Match") == route.etag:
                self.send_response(304)
                self.send_header("ETag", route.etag)
                self.end_headers()
                return
            self.send_response(route.status)
            self.send_header("Content-Type", route.content_type)
            self.send_header("Content-Length", str(len(route.body)))
            if route.etag:
                self.send_header("ETag", route.etag)
            self.end_headers()
            self.wfile.write(route.body)

        def log_message(self, *args: object) -> None:
            return None

    return Handler


@contextmanager
def serving() -> Iterator[Site]:
    """A running server; its routes can change while it runs."""
    site = Site()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(site))
    server.daemon_threads = True
    server.block_on_close = False  # a slow route must not hold the test up
    site.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield site
    finally:
        server.shutdown()
        server.server_close()


def feed(site: Site, extra_entry: str = "") -> bytes:
    """The saved feed, its links pointing at ``site``, with ``extra_entry`` added."""
    text = (WEB / "feed.rss").read_text(encoding="utf-8").replace("http://HOST", site.base)
    return text.replace("<!-- NEW ENTRY -->", extra_entry).encode("utf-8")
