"""The ledger store: SQLite tables generated from the records, migrations, search.

    from newsledger.store import Ledger
    with Ledger.open("newsledger.db") as ledger:
        result = ledger.add(documents)        # AddResult(new=[...], duplicates=[...])
        quotes = ledger.records("quotes")
"""

from newsledger.store.errors import (
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
    "LedgerError",
    "Migration",
    "RecordConflictError",
    "SchemaDriftError",
    "SchemaVersionError",
]
