"""Bounded input: no file, stream or record may cost more than ``[limits]`` allows.

A 2 MB ``.txt.gz`` that inflates to 1.5 GB, or a WARC record of a gigabyte, is refused
with one line naming the input, after reading at most one byte past the limit; a gzip
stream or WARC record that ends early is reported with the point where it ends. The
readers (``sources.py``, ``warc.py``) call these functions where they read bytes, so the
limits hold whatever the format (:class:`~newsledger.settings.LimitSettings`)::

    >>> import gzip
    >>> gunzip(gzip.compress(b"hello"), "a.txt.gz", LimitSettings())
    b'hello'
    >>> gunzip(gzip.compress(b"x" * 100), "a.txt.gz", LimitSettings(max_input_bytes=10))
    Traceback (most recent call last):
    ...
    newsledger.ingest.build.IngestError: a.txt.gz: larger than 10 bytes once decompressed ([limits] max_input_bytes); split it or raise the limit
"""

from __future__ import annotations

import zlib
from typing import IO

from newsledger.ingest.build import IngestError
from newsledger.settings import LimitSettings

#: Bytes inflated per step: small enough that a bomb is caught within one step's output.
_STEP = 1 << 20


def too_large(source: str, cap: int, setting: str, what: str = "") -> IngestError:
    """The one-line error for an input over ``cap`` bytes (``setting`` names the knob)."""
    return IngestError(source, f"larger than {cap:,} bytes{what} ([limits] {setting}); split it or raise the limit")


def check_size(size: int, source: str, limits: LimitSettings) -> None:
    """Refuse a file whose size on disk is over ``max_input_bytes`` before reading it."""
    if size > limits.max_input_bytes:
        raise too_large(source, limits.max_input_bytes, "max_input_bytes")


def read_capped(stream: IO[bytes], source: str, cap: int, setting: str) -> bytes:
    """At most ``cap`` bytes of ``stream`` (stdin, a WARC payload); more is an error."""
    data = stream.read(cap + 1)
    if len(data) > cap:
        raise too_large(source, cap, setting)
    return data


def gunzip(data: bytes, source: str, limits: LimitSettings) -> bytes:
    """The content of gzip ``data`` (every member), never more than ``max_input_bytes``.

    A stream that ends before its end-of-member marker is truncated: an error naming the
    point (compressed and decompressed bytes read), and the partial text is not stored —
    a text cut short is no article (a WARC's own ``WARC-Truncated`` marks what is)."""
    cap = limits.max_input_bytes
    out = bytearray()
    rest = data
    while rest:
        inflate = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
        pending = rest
        try:
            while pending and not inflate.eof:
                out += inflate.decompress(pending, _STEP)
                if len(out) > cap:
                    raise too_large(source, cap, "max_input_bytes", " once decompressed")
                pending = inflate.unconsumed_tail
            if not inflate.eof:
                out += inflate.flush()
        except zlib.error as err:
            raise IngestError(source, f"bad gzip data ({err})") from err
        if not inflate.eof:
            raise truncated(source, len(data), len(out))
        rest = inflate.unused_data.lstrip(b"\0")  # members may be padded with NULs
    return bytes(out)


def truncated(source: str, read: int, content: int) -> IngestError:
    """The one-line error for a compressed stream that ends early."""
    return IngestError(
        source, f"truncated gzip stream: it ends after {read:,} compressed bytes ({content:,} bytes of "
        "content) without its end marker; the partial content is not stored"
    )


__all__ = ["check_size", "gunzip", "read_capped", "too_large", "truncated"]
