"""Errors the store raises; each message names the file or record and what to do."""

from __future__ import annotations


class LedgerError(Exception):
    """Base class of the store's errors (the CLI shows the message as one line)."""


class SchemaVersionError(LedgerError):
    """The database was written by a newer newsledger than this one."""


class SchemaDriftError(LedgerError):
    """The database lacks a column the record classes need: a migration is missing."""


class RecordConflictError(LedgerError):
    """Two different records of one batch carry the same id."""


class LedgerBusyError(LedgerError):
    """Another process held the write lock longer than this one would wait."""
