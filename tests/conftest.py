"""Shared fixtures: the spaCy pipeline (loaded once) and the reference article."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
REFERENCE_TEXT = ROOT / "examples" / "corpus" / "sky-2025-08-19-us-air-support.txt"
REFERENCE_GOLD = ROOT / "examples" / "gold" / "sky-2025-08-19-us-air-support.json"


@pytest.fixture(scope="session")
def nlp():
    from newsledger.nlp import load

    return load()


@pytest.fixture(scope="session")
def reference_gold() -> dict:
    return json.loads(REFERENCE_GOLD.read_text(encoding="utf-8"))
