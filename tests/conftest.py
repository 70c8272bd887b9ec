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


# The web tests' ledger and app client (tests/test_web_api.py, tests/test_web_pages.py).
@pytest.fixture(scope="module")
def db(tmp_path_factory):
    """The reference article's ledger, built once per session."""
    from tests.web_support import reference_ledger

    return reference_ledger(tmp_path_factory.getbasetemp())


@pytest.fixture(scope="module")
def client(db):
    from fastapi.testclient import TestClient

    from newsledger.web import create_app

    with TestClient(create_app(db)) as test_client:
        yield test_client
