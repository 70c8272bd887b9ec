"""Fetching pages and feeds over HTTP(S), politely.

Pages go through trafilatura's own fetching (``trafilatura.downloads.fetch_response``:
its retries with back-off, compressed transfers, user agent, size cap and SSRF
protection). Feeds need a conditional request (``If-None-Match`` /
``If-Modified-Since``, so an unchanged feed costs a 304 and no parsing), which
trafilatura's fetching cannot send, so they go through urllib3, which trafilatura
uses underneath, with the same kind of retry policy, compression and refusal of
private addresses.

A :class:`Fetcher` waits ``settings.fetch_delay`` seconds between two requests to one
host. A failure is an :class:`~newsledger.ingest.build.IngestError` naming the URL,
one line: ``"https://x.org/a: HTTP 404"``, ``"https://x.org/b: timed out after 20 s"``.
"""

from __future__ import annotations

import configparser
import ipaddress
import logging
import socket
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import urlsplit

import trafilatura.downloads
import trafilatura.settings
import urllib3

from newsledger import __version__
from newsledger.ingest.build import IngestError
from newsledger.settings import IngestSettings

logger = logging.getLogger(__name__)

#: HTTP statuses worth retrying (trafilatura's FORCE_STATUS, less the client errors).
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})


def is_url(path: str) -> bool:
    """``is_url("https://x.org/a") is True``; a path or ``-`` is not."""
    return urlsplit(path).scheme in ("http", "https")


@dataclass(frozen=True)
class Fetched:
    """One response: its final URL, body, status, headers (lower-cased) and when it came."""

    url: str
    data: bytes
    status: int
    headers: Mapping[str, str]
    fetched: str  # ISO 8601, UTC, seconds

    @property
    def not_modified(self) -> bool:
        return self.status == 304


def _now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


@dataclass
class Fetcher:
    """Fetches URLs, waiting ``settings.fetch_delay`` between requests to one host.

    ``clock`` and ``sleep`` are there for tests; one Fetcher serves one ingest run.
    """

    settings: IngestSettings = field(default_factory=IngestSettings)
    clock: Callable[[], float] = time.monotonic
    sleep: Callable[[float], None] = time.sleep
    _last: dict[str, float] = field(default_factory=dict)
    _pool: urllib3.PoolManager | None = None

    def page(self, url: str) -> Fetched:
        """The page at ``url`` via trafilatura's fetching; :class:`IngestError` if it fails."""
        self._wait(url)
        with _captured("trafilatura.downloads") as messages:
            response = trafilatura.downloads.fetch_response(url, config=self._config())
        if response is None or response.data is None:
            raise IngestError(url, _reason(messages, self.settings))
        if response.status != 200:
            raise IngestError(url, f"HTTP {response.status}")
        return Fetched(response.url or url, response.data, response.status,
                       dict(response.headers or {}), _now())

    def conditional(self, url: str, etag: str | None = None, modified: str | None = None) -> Fetched:
        """``url`` unless unchanged since ``etag`` / ``modified`` (then status 304, no data)."""
        self._wait(url)
        headers = urllib3.util.make_headers(accept_encoding=True, user_agent=_user_agent())
        if etag:
            headers["If-None-Match"] = etag
        if modified:
            headers["If-Modified-Since"] = modified
        if not self.settings.fetch_private_hosts:
            _refuse_private(url)
        try:
            response = self._urllib3().request(
                "GET", url, headers=headers, timeout=self.settings.url_timeout,
                retries=urllib3.util.Retry(total=2, connect=0, backoff_factor=0.5,
                                           status_forcelist=RETRY_STATUSES),
                preload_content=False,
            )
            try:
                data = response.read(self.settings.max_page_bytes, decode_content=True)
            finally:
                response.release_conn()
        except urllib3.exceptions.MaxRetryError as err:
            raise IngestError(url, _urllib3_reason(err.reason, self.settings)) from err
        except (urllib3.exceptions.HTTPError, OSError) as err:
            raise IngestError(url, _urllib3_reason(err, self.settings)) from err
        if response.status not in (200, 304):
            raise IngestError(url, f"HTTP {response.status}")
        return Fetched(url, data or b"", response.status,
                       {k.lower(): v for k, v in response.headers.items()}, _now())

    def _wait(self, url: str) -> None:
        host = urlsplit(url).netloc.lower()
        last = self._last.get(host)
        if last is not None:
            pause = self.settings.fetch_delay - (self.clock() - last)
            if pause > 0:
                self.sleep(pause)
        self._last[host] = self.clock()

    def _config(self) -> configparser.ConfigParser:
        config = configparser.ConfigParser()
        config.read_dict({"DEFAULT": dict(trafilatura.settings.DEFAULT_CONFIG["DEFAULT"])})
        config["DEFAULT"]["DOWNLOAD_TIMEOUT"] = str(max(1, round(self.settings.url_timeout)))
        config["DEFAULT"]["MAX_FILE_SIZE"] = str(self.settings.max_page_bytes)
        config["DEFAULT"]["SSRF_PROTECTION"] = "off" if self.settings.fetch_private_hosts else "on"
        return config

    def _urllib3(self) -> urllib3.PoolManager:
        if self._pool is None:
            self._pool = urllib3.PoolManager(num_pools=10)
        return self._pool


def _user_agent() -> str:
    return f"newsledger/{__version__}"


def _refuse_private(url: str) -> None:
    host = urlsplit(url).hostname or ""
    try:
        addresses = {info[4][0] for info in socket.getaddrinfo(host, None)}
    except OSError as err:
        raise IngestError(url, f"cannot resolve host {host!r} ({err.strerror or err})") from err
    for address in addresses:
        if not ipaddress.ip_address(address.split("%")[0]).is_global:
            raise IngestError(url, f"refused: {host} is a private address "
                                   "(set [ingest] fetch_private_hosts = true to allow it)")


def _reason(messages: list[str], settings: IngestSettings) -> str:
    text = " ".join(messages).lower()
    if "timed out" in text or "timeout" in text:
        return f"timed out after {settings.url_timeout:g} s"
    if "ssrf" in text or "non-public" in text:
        return "refused: a private address (set [ingest] fetch_private_hosts = true to allow it)"
    if "name or service not known" in text or "nodename nor servname" in text or "resolve" in text:
        return "cannot resolve the host name"
    if "refused" in text:
        return "connection refused"
    if messages:
        return "download failed: " + messages[-1].split(" ", 3)[-1][:160]
    return "download failed (empty response)"


def _urllib3_reason(err: BaseException | None, settings: IngestSettings) -> str:
    if isinstance(err, (urllib3.exceptions.TimeoutError, TimeoutError, socket.timeout)):
        return f"timed out after {settings.url_timeout:g} s"
    if isinstance(err, urllib3.exceptions.NewConnectionError):
        return "connection refused" if "refused" in str(err).lower() else "cannot connect"
    if isinstance(err, urllib3.exceptions.ResponseError):
        return f"too many retries ({err})"
    return f"download failed ({type(err).__name__})"


class _Collect(logging.Handler):
    def __init__(self, messages: list[str]) -> None:
        super().__init__(logging.DEBUG)
        self.messages = messages

    def emit(self, record: logging.LogRecord) -> None:
        if record.levelno >= logging.WARNING:
            self.messages.append(record.getMessage())


@contextmanager
def _captured(name: str) -> Iterator[list[str]]:
    """The warnings and errors logger ``name`` emits meanwhile, kept from the console:
    the fetch error becomes one line of ours that names the URL."""
    target = logging.getLogger(name)
    messages: list[str] = []
    handler, propagate = _Collect(messages), target.propagate
    target.addHandler(handler)
    target.propagate = False
    try:
        yield messages
    finally:
        target.removeHandler(handler)
        target.propagate = propagate
