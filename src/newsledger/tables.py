"""The rule tables under ``resources/``, read by one loader that checks their columns.

A table is a CSV (``.csv``) or tab-separated (``.tsv``) file whose first row names
its columns; lines starting with ``#`` are comments (each file says there where its
rows came from). Each table has a row dataclass whose fields are exactly its columns,
so a renamed or missing column is one clear error when the table is first read, not a
``KeyError`` in the middle of an article (spaCy's SpanRuler validates its patterns
when they are added in the same spirit)::

    >>> from dataclasses import dataclass
    >>> @dataclass(frozen=True)
    ... class Evaluation:
    ...     word: str
    ...     polarity: str
    ...     judges: str
    ...     source: str
    >>> table("stance_evaluations.csv", Evaluation)[0].word
    'vital'
    >>> @dataclass(frozen=True)
    ... class Misnamed:
    ...     word: str
    ...     sign: str
    >>> table("stance_evaluations.csv", Misnamed)
    Traceback (most recent call last):
    ...
    newsledger.tables.TableError: resources/stance_evaluations.csv: no column 'sign' (columns: word, polarity, judges, source)

Plain word lists (``.txt``, one entry a line) are read by :func:`words`. Both are
cached: the tables are read once per process and never change.
"""

from __future__ import annotations

import csv
import functools
import keyword
from dataclasses import fields
from importlib import resources
from pathlib import Path
from typing import TypeVar

R = TypeVar("R")

#: The package folder holding the tables.
PACKAGE = "newsledger.resources"


class TableError(ValueError):
    """A table whose header does not fit its row dataclass: names the file and column."""


def lines(name: str, folder: Path | None = None) -> list[str]:
    """The lines of ``resources/NAME`` (or ``folder/NAME``) without comments and blanks."""
    if folder is None:
        text = resources.files(PACKAGE).joinpath(name).read_text("utf-8")
    else:
        text = (folder / name).read_text("utf-8")
    return [line for line in text.splitlines() if line.strip() and not line.startswith("#")]


@functools.cache
def table(name: str, row: type[R], folder: Path | None = None) -> tuple[R, ...]:
    """The rows of ``resources/NAME`` as ``row`` instances, in file order.

    The header must name exactly the fields of ``row`` (in any order; a column named
    by a Python keyword, ``class``, is the field ``class_``); otherwise a
    :class:`TableError` names the file and the first missing or unknown column. A
    short row's missing cells are empty strings. ``folder`` reads another folder (tests).
    """
    rows = csv.reader(lines(name, folder), delimiter="\t" if name.endswith(".tsv") else ",")
    header = next(rows, [])
    wanted = tuple(f.name.removesuffix("_") if _is_keyword_field(f.name) else f.name for f in fields(row))  # type: ignore[arg-type]
    check_header(_where(name, folder), header, wanted)
    keys = [column + "_" if keyword.iskeyword(column) else column for column in header]
    width = len(keys)
    return tuple(row(**dict(zip(keys, [*cells, *[""] * (width - len(cells))]))) for cells in rows)


def _is_keyword_field(name: str) -> bool:
    return name.endswith("_") and keyword.iskeyword(name[:-1])


def check_header(where: str, header: list[str], wanted: tuple[str, ...]) -> None:
    """Raise :class:`TableError` unless ``header`` names each of ``wanted`` once, no more."""
    columns = ", ".join(header)
    for name in wanted:
        if name not in header:
            raise TableError(f"{where}: no column {name!r} (columns: {columns})")
    for name in header:
        if name not in wanted or header.count(name) > 1:
            raise TableError(f"{where}: unexpected column {name!r} (expected: {', '.join(wanted)})")


@functools.cache
def words(name: str, folder: Path | None = None) -> tuple[str, ...]:
    """The entries of the word list ``resources/NAME``, one a line, stripped, in order."""
    return tuple(line.strip() for line in lines(name, folder))


def _where(name: str, folder: Path | None) -> str:
    return f"resources/{name}" if folder is None else str(folder / name)
