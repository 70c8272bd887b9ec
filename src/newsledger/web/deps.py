"""What the routes of :mod:`newsledger.web.api` and :mod:`newsledger.web.pages` share:
the request's ledger, the ISO-date check of a query parameter, the templates.

:mod:`newsledger.web.app` builds the app from the routers and these; the routers never
import the app (it hands them its state on ``request.app.state``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from fastapi import Request
from fastapi.templating import Jinja2Templates

from newsledger import __version__
from newsledger.link import Ledger
from newsledger.web.views import headline

HERE = Path(__file__).resolve().parent


@contextmanager
def open_ledger(request: Request) -> Iterator[Ledger]:
    """The app's ledger for the length of one request."""
    with Ledger.open(request.app.state.db_path) as ledger:
        gone = getattr(request.state, "client_gone", None)  # set by the app's middleware
        ledger.cancelled = gone.is_set if gone is not None else None
        yield ledger


def day(value: str | None, name: str) -> str | None:
    """``"2025-08-19"`` stays; anything else is a 400: ``day("19/8", "since")`` raises."""
    if value is None or value == "":
        return None
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise ValueError(f"{name}: {value[:40]!r} is not an ISO date (YYYY-MM-DD)") from None  # not 10 KB back


def templates(allow_writes: bool) -> Jinja2Templates:
    """The Jinja2 templates (autoescaped) with the app's globals and filters."""
    found = Jinja2Templates(directory=str(HERE / "templates"))
    found.env.globals.update(version=__version__, allow_writes=allow_writes)
    found.env.filters["headline"] = headline
    return found
