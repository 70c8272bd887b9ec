"""The docstring examples of the ingest modules are true."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = ["build", "clean", "decode", "html", "metadata", "rules", "sources"]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    module = importlib.import_module(f"newsledger.ingest.{name}")
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
