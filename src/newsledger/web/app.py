"""The web app: :func:`create_app` builds a FastAPI application over one ledger file.

Server-rendered pages (:mod:`newsledger.web.pages`) and a JSON API under ``/api``
(:mod:`newsledger.web.api`, OpenAPI at ``/openapi.json``); what both share (the
request's ledger, the templates) is in :mod:`newsledger.web.deps`. The app imports the
routers; they never import it. Safety by construction:

- read-only unless ``allow_writes`` (the write endpoints are then the only ones added),
  and then every write needs the app's token in the ``X-Newsledger-Token`` header
  (``newsledger serve`` prints it) and, from a browser, an ``Origin`` of the server
  itself: another page or a local process without the token cannot write;
- each request opens its own :class:`~newsledger.link.Ledger` (SQLite connections
  stay on the thread that made them), and ids and filters only ever reach SQL as
  parameters, never a file path; static files come from the package's ``static/``
  folder through Starlette's ``StaticFiles``, which refuses paths outside it;
- templates autoescape everything; a Content-Security-Policy allows only the app's
  own scripts, styles and images (no CDN, no inline script), and the Host header must
  name the server (no DNS rebinding onto a loopback server).
"""

from __future__ import annotations

import asyncio
import hmac
import logging
import secrets
import threading
from collections.abc import Sequence
from urllib.parse import urlsplit
from pathlib import Path

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.trustedhost import TrustedHostMiddleware

from newsledger import __version__
from newsledger.link import Ledger
from newsledger.store import LedgerError
from newsledger.store.postgres import is_postgres_url, redact
from newsledger.web import api, deps, pages

log = logging.getLogger(__name__)

HERE = Path(__file__).resolve().parent

#: Host names a loopback server answers to ("testserver" is Starlette's TestClient).
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "[::1]", "::1", "testserver")

#: Sent with every response: the pages load nothing from elsewhere.
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}


#: The request header that carries the write token.
TOKEN_HEADER = "X-Newsledger-Token"
#: Methods that never write.
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def create_app(db_path: str | Path, allow_writes: bool = False,
               allowed_hosts: Sequence[str] = LOOPBACK_HOSTS, write_token: str | None = None) -> FastAPI:
    """The app over the ledger at ``db_path`` (which must exist: the app never creates
    one). ``allow_writes`` adds the entity merge/split endpoints, guarded by
    ``write_token`` (a fresh random one unless given: ``app.state.write_token``)."""
    path: str | Path = str(db_path) if is_postgres_url(str(db_path)) else Path(db_path)
    if isinstance(path, Path) and not path.is_file():
        raise LedgerError(f"{db_path}: no ledger here; run `newsledger ingest` first or pass --db")
    Ledger.open(path).close()  # fail now on a file that is not a ledger, migrate once
    app = FastAPI(title="newsledger", version=__version__, docs_url=None, redoc_url=None,
                  description="The newsledger ledger as JSON: the shapes of `newsledger export`.")
    app.state.db_path = str(path)
    app.state.allow_writes = allow_writes
    app.state.write_token = (write_token or secrets.token_urlsafe(24)) if allow_writes else None
    app.state.templates = deps.templates(allow_writes)
    app.add_middleware(TrustedHostMiddleware, allowed_hosts=list(allowed_hosts))
    app.middleware("http")(_security_headers)
    app.middleware("http")(_write_guard)
    app.add_middleware(ClientGone)
    _add_error_handlers(app)
    app.include_router(api.router)
    if allow_writes:
        app.include_router(api.write_router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    log.info("web app over %s (%s)", redact(str(path)), "read-write" if allow_writes else "read-only")
    return app


async def _security_headers(request: Request, call_next):  # type: ignore[no-untyped-def]
    response: Response = await call_next(request)
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    return response


class ClientGone:
    """ASGI middleware: ``request.state.client_gone``, an event set when the client
    disconnects before its response is done, so a long search stops (the ledger asks it
    while a query runs) instead of burning CPU for nobody."""

    def __init__(self, app) -> None:  # type: ignore[no-untyped-def]
        self.app = app

    async def __call__(self, scope, receive, send) -> None:  # type: ignore[no-untyped-def]
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        gone = threading.Event()
        scope.setdefault("state", {})["client_gone"] = gone
        inbox: asyncio.Queue = asyncio.Queue()

        async def listen() -> None:  # the only reader of the client's messages
            while True:
                message = await receive()
                await inbox.put(message)
                if message["type"] == "http.disconnect":
                    gone.set()
                    return

        listener = asyncio.ensure_future(listen())
        try:
            await self.app(scope, inbox.get, send)
        finally:
            listener.cancel()


async def _write_guard(request: Request, call_next):  # type: ignore[no-untyped-def]
    """A write (any method but GET/HEAD/OPTIONS) needs the token, and an ``Origin``, if
    sent, naming this server: a page elsewhere cannot post to it (CSRF), a process
    without the token cannot write."""
    token = request.app.state.write_token
    if request.method in SAFE_METHODS or token is None:
        return await call_next(request)
    origin = request.headers.get("origin")
    if origin is not None and urlsplit(origin).netloc != request.headers.get("host"):
        return _error(request, 403, f"writes are refused from another origin ({origin[:100]})")
    sent = request.headers.get(TOKEN_HEADER, "")
    if not hmac.compare_digest(sent.encode(), token.encode()):
        return _error(request, 403, f"writes need the {TOKEN_HEADER} header that `newsledger serve` printed")
    return await call_next(request)


def _add_error_handlers(app: FastAPI) -> None:
    """A user's bad input (a bad date, bad FTS syntax) is a 400 with one clear line:
    JSON under ``/api``, a page elsewhere."""

    async def bad_input(request: Request, exc: Exception) -> Response:
        return _error(request, 400, str(exc))

    async def http_error(request: Request, exc: HTTPException) -> Response:
        return _error(request, exc.status_code, str(exc.detail))

    app.add_exception_handler(ValueError, bad_input)
    app.add_exception_handler(LedgerError, bad_input)
    app.add_exception_handler(HTTPException, http_error)  # type: ignore[arg-type]
    app.add_exception_handler(StarletteHTTPException, http_error)  # type: ignore[arg-type]


def _error(request: Request, status: int, message: str) -> Response:
    if request.url.path.startswith("/api") or request.url.path == "/openapi.json":
        return JSONResponse({"detail": message}, status_code=status)
    templates: Jinja2Templates = request.app.state.templates
    return templates.TemplateResponse(request, "error.html", {"status": status, "message": message},
                                      status_code=status)
