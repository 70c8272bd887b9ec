"""Bytes to text: refuse binary data, then try UTF-8 and guess the rest.

Order: a byte-order mark decides; else UTF-8; else a charset the input declared
(an HTML ``<meta charset>``); else charset-normalizer's guess (already installed as a
dependency of trafilatura), preferring Windows-1252 among equally good guesses
because that is what mislabelled Western news pages are. A result full of control
characters is refused as undecodable. Thresholds: see IngestSettings.sniff_bytes,
IngestSettings.max_control_ratio and IngestSettings.min_guess_bytes.
"""

from __future__ import annotations

import codecs
import logging
import re

from newsledger.ingest.build import IngestError
from newsledger.settings import IngestSettings

logger = logging.getLogger(__name__)

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
#: Encodings we take from charset-normalizer's ranking before its first choice.
_PREFERRED = ("utf_8", "cp1252", "latin_1")


def decode(data: bytes, source: str, settings: IngestSettings = IngestSettings()) -> str:
    """The text of ``data``, or :class:`IngestError` naming ``source``.

    >>> decode("café".encode("cp1252"), "x.txt")
    'café'
    """
    if not data.strip():
        raise IngestError(source, "empty file")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _checked(data.decode(encoding, errors="replace"), source, settings)
    if b"\x00" in data[: settings.sniff_bytes]:
        raise IngestError(source, "binary file (contains NUL bytes), not text")
    for encoding in ("utf-8", _declared_charset(data, settings.sniff_bytes)):
        if encoding:
            try:
                return _checked(data.decode(encoding), source, settings)
            except (UnicodeDecodeError, LookupError):
                continue
    mixed = _per_line(data, source)
    if mixed is not None:
        return _checked(mixed, source, settings)
    return _checked(_guess(data, source, settings.min_guess_bytes), source, settings)


def _per_line(data: bytes, source: str) -> str | None:
    """UTF-8 text with a few Windows-1252 lines (a paragraph pasted from elsewhere),
    decoded line by line with a warning naming them; ``None`` unless some line really
    is UTF-8 beyond ASCII (else the whole input is one other encoding: guess it).

    >>> _per_line("café\\n".encode() + "naïve\\n".encode("cp1252"), "x.txt")
    'café\\nnaïve\\n'
    """
    lines = data.splitlines(keepends=True)
    utf8, other, out = 0, [], []
    for number, line in enumerate(lines, 1):
        try:
            out.append(line.decode("utf-8"))
            utf8 += not line.isascii()
        except UnicodeDecodeError:
            other.append(number)
            out.append(line.decode("cp1252", errors="replace"))
    if not utf8 or not other:
        return None
    shown = ", ".join(map(str, other[:5])) + (f" and {len(other) - 5} more" if len(other) > 5 else "")
    logger.warning("%s: line%s %s not UTF-8 like the rest; read as Windows-1252",
                   source, "s" * (len(other) > 1), shown + (" are" if len(other) > 1 else " is"))
    return "".join(out)


def _declared_charset(data: bytes, sniff_bytes: int) -> str | None:
    match = _META_CHARSET.search(data[:sniff_bytes])
    return match.group(1).decode("ascii", errors="ignore") if match else None


def _guess(data: bytes, source: str, min_guess_bytes: int) -> str:
    """charset-normalizer's best reading; under ``min_guess_bytes``, cp1252 if it fits
    (see IngestSettings.min_guess_bytes)."""
    from charset_normalizer import from_bytes

    if len(data) < min_guess_bytes:
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


def _checked(text: str, source: str, settings: IngestSettings) -> str:
    """``text``, unless its head is full of control characters (see
    IngestSettings.max_control_ratio)."""
    sample = text[: settings.sniff_bytes]
    controls = len(_CONTROL.findall(sample))
    if sample and controls / len(sample) > settings.max_control_ratio:
        raise IngestError(
            source, "binary or undecodable content (control characters), not text"
        )
    return text
