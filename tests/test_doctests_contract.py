"""The docstring examples of the records and the export contract are true."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = ["newsledger.records", "newsledger.contract"]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0
    assert result.failed == 0
