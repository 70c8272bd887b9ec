"""The dateline reader every layer asks before taking a lead sentence's subject as who
speaks, holds or acts (``annotate/shared/datelines.py``)."""

from __future__ import annotations

import pytest

from newsledger.annotate.shared.datelines import is_dateline


@pytest.mark.parametrize(
    ("text", "word", "expected"),
    [
        ("LOS ANGELES (AP) — Southern California Edison was set to begin.", "ANGELES", True),
        ("WASHINGTON — The Senate will vote next week.", "WASHINGTON", True),
        ("KABUL, Afghanistan (AP) — The government plans to reopen the schools.", "KABUL", True),
        ("Kyiv — Ukraine's air force said on Tuesday.", "Kyiv", True),
        ("LOS ANGELES (AP) — Southern California Edison was set to begin.", "Edison", False),
        ("NATO leaders met in Brussels on Friday.", "NATO", False),
        ("The talks — held in Geneva — ended without a deal.", "talks", False),
    ],
)
def test_a_dateline_is_told_from_a_subject(nlp, text: str, word: str, expected: bool) -> None:
    token = next(t for t in nlp(text) if t.text == word)
    assert is_dateline(token) is expected
