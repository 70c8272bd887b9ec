"""Bytes to text: refuse binary data, then try UTF-8 and guess the rest.

Order: a byte-order mark decides; else UTF-8; else a charset the input declared
(an HTML ``<meta charset>``); else charset-normalizer's guess (already installed as a
dependency of trafilatura), preferring Windows-1252 among equally good guesses
because that is what mislabelled Western news pages are. A result full of control
characters is refused as undecodable.
"""

from __future__ import annotations

import codecs
import re

from newsledger.ingest.build import IngestError

#: How much of the input the binary check looks at.
SNIFF_BYTES = 8192
#: Above this share of control characters, decoded "text" is really binary.
MAX_CONTROL_RATIO = 0.02

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_META_CHARSET = re.compile(
    rb"<meta[^>]+charset\s*=\s*[\"']?\s*([\w.:-]+)", re.IGNORECASE
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
#: Below this many bytes, non-UTF-8 input is read as Windows-1252 if it can be.
MIN_GUESS_BYTES = 32
#: Encodings we take from charset-normalizer's ranking before its first choice.
_PREFERRED = ("utf_8", "cp1252", "latin_1")


def decode(data: bytes, source: str) -> str:
    """The text of ``data``, or :class:`IngestError` naming ``source``.

    >>> decode("café".encode("cp1252"), "x.txt")
    'café'
    """
    if not data.strip():
        raise IngestError(source, "empty file")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _checked(data.decode(encoding, errors="replace"), source)
    if b"\x00" in data[:SNIFF_BYTES]:
        raise IngestError(source, "binary file (contains NUL bytes), not text")
    for encoding in ("utf-8", _declared_charset(data)):
        if encoding:
            try:
                return _checked(data.decode(encoding), source)
            except (UnicodeDecodeError, LookupError):
                continue
    return _checked(_guess(data, source), source)


def _declared_charset(data: bytes) -> str | None:
    match = _META_CHARSET.search(data[:SNIFF_BYTES])
    return match.group(1).decode("ascii", errors="ignore") if match else None


def _guess(data: bytes, source: str) -> str:
    from charset_normalizer import from_bytes

    if len(data) < MIN_GUESS_BYTES:
        # Too little evidence for a statistical guess ("café" comes out as CJK).
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            pass

    matches = list(from_bytes(data))
    if not matches:
        raise IngestError(source, "undecodable bytes: not UTF-8 and no charset fits")
    least_chaos = min(m.chaos for m in matches)
    good = [m for m in matches if m.chaos <= least_chaos]
    best = next((m for enc in _PREFERRED for m in good if m.encoding == enc), good[0])
    return str(best)


def _checked(text: str, source: str) -> str:
    sample = text[:SNIFF_BYTES]
    if sample and len(_CONTROL.findall(sample)) / len(sample) > MAX_CONTROL_RATIO:
        raise IngestError(
            source, "binary or undecodable content (control characters), not text"
        )
    return text
