"""Issue keys: one name for one proposition however it is worded.

"boots on the ground", "troops in Ukraine" and "putting people on the ground" all
become ``troops-on-the-ground``. ``resources/issues.csv`` holds, per key, regular
expressions for the common wordings and plain paraphrases; a target that no pattern
matches is compared with the paraphrases by rapidfuzz's ``partial_ratio`` (the
wording may differ by inflection or by a word or two).

    >>> issue_key("Italy is opposed to putting boots on the ground in Ukraine")
    'troops-on-the-ground'
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from newsledger.settings import StanceSettings
from newsledger.tables import table


@dataclass(frozen=True, slots=True)
class IssueRow:
    """One row of ``issues.csv`` as written: ``patterns`` one regular expression (its
    alternatives joined by ``|``), ``paraphrases`` separated by ``;``."""

    key: str
    label: str
    patterns: str
    paraphrases: str


@dataclass(frozen=True, slots=True)
class Issue:
    """One issue, read from its :class:`IssueRow`."""

    key: str
    label: str
    pattern: re.Pattern[str]
    paraphrases: tuple[str, ...]


@functools.lru_cache(maxsize=1)
def issues() -> tuple[Issue, ...]:
    """The issue table shipped in ``resources/issues.csv``, in file order."""
    return tuple(
        Issue(
            row.key, row.label, re.compile(row.patterns, re.IGNORECASE),
            tuple(p.strip() for p in row.paraphrases.split(";") if p.strip()),
        )
        for row in table("issues.csv", IssueRow)
    )


def issue_key(target: str, threshold: int = StanceSettings.issue_fuzzy_threshold,
              min_length: int = StanceSettings.issue_min_fuzzy_length) -> str | None:
    """The issue a stance target is about, or ``None``: patterns first (in table
    order), then the closest paraphrase of at least ``min_length`` characters whose
    rapidfuzz ``partial_ratio`` reaches ``threshold``."""
    for issue in issues():
        if issue.pattern.search(target):
            return issue.key
    # a paraphrase must fit inside the target: "support" alone is no "air support"
    choices = {
        (issue.key, p): p.lower() for issue in issues() for p in issue.paraphrases
        if min_length <= len(p) <= len(target)
    }
    best = process.extractOne(
        target.lower(), choices, scorer=fuzz.partial_ratio, score_cutoff=threshold
    )
    return best[2][0] if best else None


def known_keys() -> tuple[str, ...]:
    """Every issue key, for the CLI's help and validation."""
    return tuple(issue.key for issue in issues())
