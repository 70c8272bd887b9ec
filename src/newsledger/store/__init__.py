"""The ledger store: SQLite tables generated from the records, migrations, search.

    from newsledger.store import Ledger
    with Ledger.open("newsledger.db") as ledger:
        result = ledger.add(documents)        # AddResult(new=[...], duplicates=[...])
        quotes = ledger.records("quotes")

The store is the bottom of store -> link -> export -> web/cli and imports none of them:
this :class:`Ledger` holds the records alone (schema version 1, :data:`MIGRATIONS`).
The ledger with the cross-article links, the one the CLI, the web app and
``newsledger.Ledger`` open, is :class:`newsledger.link.Ledger`.
"""

from newsledger.store.errors import (
    LedgerBusyError,
    LedgerError,
    RecordConflictError,
    SchemaDriftError,
    SchemaVersionError,
)
from newsledger.store.ledger import AddResult, Ledger
from newsledger.store.migrations import MIGRATIONS, Migration

__all__ = [
    "MIGRATIONS",
    "AddResult",
    "Ledger",
    "LedgerBusyError",
    "LedgerError",
    "Migration",
    "RecordConflictError",
    "SchemaDriftError",
    "SchemaVersionError",
]
