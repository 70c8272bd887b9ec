"""The docstring examples of the annotate modules (and the modules they use) are true."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import newsledger.annotate

#: Every module of the annotate package, plus the loader, the stage checker and pipeline.
MODULES = sorted(
    [m.name for m in pkgutil.walk_packages(newsledger.annotate.__path__, "newsledger.annotate.")]
    + ["newsledger.annotate", "newsledger.tables", "newsledger.pipeline", "newsledger.records"]
)


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0
