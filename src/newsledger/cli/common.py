"""Options and helpers the commands share."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import click
from rich.console import Console

from newsledger.link import Ledger
from newsledger.settings import Settings
from newsledger.store import LedgerError
from newsledger.store.postgres import is_postgres_url

DEFAULT_DB = "newsledger.db"

db_option = click.option(
    "--db",
    default=DEFAULT_DB,
    show_default=True,
    envvar="NEWSLEDGER_DB",
    help="The ledger: a SQLite file, or a postgresql://user@host/dbname URL. Also read from $NEWSLEDGER_DB.",
)


def settings_of(ctx: click.Context) -> Settings:
    """The settings ``newsledger --config FILE`` read (the defaults without one)."""
    settings = ctx.find_root().obj
    return settings if isinstance(settings, Settings) else Settings()


#: C0 and C1 control characters but tab and newline: an ANSI escape (``\x1b[2J``) or a
#: terminal title sequence in an article's text must not reach the user's terminal.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def printable(text: str) -> str:
    """``text`` without control characters: ``printable("a\x1b[31mb")`` -> ``"a[31mb"``."""
    return _CONTROL.sub("", text)


class _Console(Console):
    """A console whose printed strings lose their control characters (article text is
    interpolated into them)."""

    def print(self, *objects: Any, **kwargs: Any) -> None:
        super().print(*(printable(o) if isinstance(o, str) else o for o in objects), **kwargs)


def console(width: int | None = None, soft_wrap: bool = True) -> Console:
    """A console on stdout; plain text (no colour) when not a terminal; rich reads the
    width from the terminal, or from ``COLUMNS`` when piped; control characters of the
    text printed are dropped (:func:`printable`)."""
    return _Console(highlight=False, soft_wrap=soft_wrap, width=width)


@contextmanager
def open_ledger(path: str, must_exist: bool = True) -> Iterator[Ledger]:
    """The ledger at ``path``, or a one-line error (a read command on a missing file is one);
    a database error while it is in use is a one-line error too."""
    import os

    # A PostgreSQL database is created by its administrator; opening it migrates it.
    if must_exist and path != ":memory:" and not is_postgres_url(path) and not os.path.exists(path):
        raise click.ClickException(f"{path}: no ledger here; run `newsledger ingest` first or pass --db")
    try:
        ctx = click.get_current_context(silent=True)
        ledger = Ledger.open(path).configure((settings_of(ctx) if ctx else Settings()).limits)
    except LedgerError as err:
        raise click.ClickException(str(err)) from err
    with ledger:
        try:
            yield ledger
        except ledger.database_errors as err:  # a dropped connection, a file locked too long
            reason = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
            raise click.ClickException(
                f"{ledger.name}: database error: {reason} (an unfinished write was rolled back)") from err


def iso_date(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """A click callback: ``"2025-08-19"`` stays, anything else is a usage error (exit 2)."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date (YYYY-MM-DD)") from None


def clip(text: str | None, width: int = 110) -> str:
    """One line of at most ``width`` characters."""
    line = " ".join(printable(text or "").split())
    return line if len(line) <= width else line[: width - 1] + "…"
