"""newsledger: a sourced ledger of who said what, who stands where, what happened and
what was promised by when, built from news articles.

Python API::

    from newsledger import Ledger, Pipeline, read_inputs

    pipeline = Pipeline.load()
    with Ledger.open("newsledger.db") as ledger:
        documents = (d for d in read_inputs(["article.txt"]) if not isinstance(d, Exception))
        ledger.add(d for d in pipeline.annotate(documents) if not isinstance(d, StageFailure))
        for quote, article in ledger.search_quotes(speaker="Trump"):
            print(quote.speaker, quote.text, article.outlet)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = ["Ledger", "Pipeline", "StageFailure", "read_inputs", "Overrides", "IngestError", "__version__"]

if TYPE_CHECKING:  # pragma: no cover
    from newsledger.ingest import IngestError, Overrides, read_inputs
    from newsledger.pipeline import Pipeline, StageFailure
    from newsledger.link import Ledger

_LAZY = {
    "Ledger": "newsledger.link",  # the ledger with its cross-article links
    "Pipeline": "newsledger.pipeline",
    "StageFailure": "newsledger.pipeline",
    "read_inputs": "newsledger.ingest",
    "Overrides": "newsledger.ingest",
    "IngestError": "newsledger.ingest",
}


def __getattr__(name: str) -> Any:
    """Import the API on first use, so ``import newsledger`` does not load spaCy."""
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'newsledger' has no attribute {name!r}")
