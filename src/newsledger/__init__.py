"""newsledger: a sourced ledger of who said what, who stands where, what happened and
what was promised by when, built from news articles.

Python API::

    from newsledger import Ledger, Settings, ingest_paths

    with Ledger.open("newsledger.db") as ledger:
        report = ingest_paths(["article.txt", "feeds/"], ledger, settings=Settings())
        print(report.line())                       # "2 new, 0 duplicate"
        for quote, article in ledger.search_quotes(speaker="Trump"):
            print(quote.speaker, quote.text, article.outlet)

The parts, for finer control: ``read_inputs`` (ingest), ``Pipeline`` (annotate),
``Ledger.add`` (store) and ``newsledger.link.update`` (cross-article links).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = ["Ledger", "Pipeline", "StageFailure", "read_inputs", "Overrides", "IngestError", "Settings",
           "ingest_paths", "IngestReport", "__version__"]

if TYPE_CHECKING:  # pragma: no cover
    from newsledger.ingest import IngestError, Overrides, read_inputs
    from newsledger.pipeline import Pipeline, StageFailure
    from newsledger.link import Ledger
    from newsledger.settings import Settings
    from newsledger.workflow import IngestReport, ingest_paths

_LAZY = {
    "Ledger": "newsledger.link",  # the ledger with its cross-article links
    "Pipeline": "newsledger.pipeline",
    "StageFailure": "newsledger.pipeline",
    "read_inputs": "newsledger.ingest",
    "Overrides": "newsledger.ingest",
    "IngestError": "newsledger.ingest",
    "Settings": "newsledger.settings",
    "ingest_paths": "newsledger.workflow",
    "IngestReport": "newsledger.workflow",
}


def __getattr__(name: str) -> Any:
    """Import the API on first use, so ``import newsledger`` does not load spaCy."""
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'newsledger' has no attribute {name!r}")
