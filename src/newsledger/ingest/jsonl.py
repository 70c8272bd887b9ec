"""JSON Lines: one article per line, read as a stream.

Each line is an object with ``text`` (plain) or ``html`` (a page or a fragment),
and optionally ``url``, ``title``, ``outlet``, ``published``, ``author`` and ``id``
(which replaces the content hash). A bad line — not JSON, not an object, no text,
or a ``published`` value that is no date — gives an :class:`IngestError` named
``file.jsonl:7`` and the other lines go on: a date the user wrote into the file is
checked strictly, unlike page metadata.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import replace

from newsledger.ingest.build import Found, IngestError
from newsledger.ingest.html import extract_html, fragment_text
from newsledger.settings import IngestSettings

#: A whole page rather than a fragment: worth trafilatura's boilerplate removal.
_PAGE = re.compile(r"<(?:!doctype|html|body)\b", re.IGNORECASE)

_SURROGATE = re.compile("[\ud800-\udfff]")

#: The string fields an entry may carry besides its text.
FIELDS = ("url", "title", "outlet", "published", "author", "id")


def read_jsonl(
    lines: Iterable[bytes], source: str, settings: IngestSettings = IngestSettings()
) -> Iterator[Found | IngestError]:
    """One :class:`Found` (or :class:`IngestError`) per non-blank line."""
    for number, raw in enumerate(lines, 1):
        if not raw.strip():
            continue
        name = f"{source}:{number}"
        try:
            yield _entry(raw, name, settings)
        except IngestError as err:
            yield err


def _entry(raw: bytes, name: str, settings: IngestSettings) -> Found:
    try:
        # A "\\ud800" escape decodes to a lone surrogate, which no later stage can
        # encode: replace those with U+FFFD.
        data = json.loads(raw.decode("utf-8-sig"), object_hook=_no_surrogates)
    except UnicodeDecodeError as err:
        raise IngestError(name, f"not UTF-8 ({err.reason})") from err
    except json.JSONDecodeError as err:
        raise IngestError(
            name, f"invalid JSON: {err.msg} at column {err.colno}"
        ) from err
    if not isinstance(data, dict):
        raise IngestError(name, f"expected a JSON object, got {type(data).__name__}")
    meta = {key: _string(data.get(key), key, name) for key in FIELDS}
    text, html = data.get("text"), data.get("html")
    if isinstance(text, str) and text.strip():
        return Found(body=text, source=name, strict_date=True, **meta)
    if isinstance(html, str) and html.strip():
        return _from_html(html, name, meta, settings)
    raise IngestError(name, "no 'text' or 'html' field with content")


def _from_html(
    html: str, name: str, meta: dict[str, str | None], settings: IngestSettings
) -> Found:
    found = None
    if _PAGE.search(html[:2000]):
        try:
            found = extract_html(html, name, url=meta["url"], settings=settings)
        except IngestError:
            pass  # a page trafilatura finds no body in may still be one text block
    if found is None:
        found = Found(body=fragment_text(html), source=name)
    given = {key: value for key, value in meta.items() if value is not None}
    # Only a date the user wrote is checked strictly, not the page's own metadata.
    return replace(found, strict_date="published" in given, **given)


def _no_surrogates(data: dict) -> dict:
    return {
        key: _SURROGATE.sub("\ufffd", value) if isinstance(value, str) else value
        for key, value in data.items()
    }


def _string(value: object, key: str, name: str) -> str | None:
    if value is None or isinstance(value, str):
        return value or None
    if isinstance(value, (int, float)) and key == "id":
        return str(value)
    raise IngestError(
        name, f"field {key!r} must be a string, got {type(value).__name__}"
    )
