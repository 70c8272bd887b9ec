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

import csv
import functools
import re
from dataclasses import dataclass
from importlib import resources

from rapidfuzz import fuzz, process

#: The least rapidfuzz ``partial_ratio`` at which a paraphrase names the issue;
#: 90 accepts "putting troops on ground" for "putting people on the ground" but not
#: "air support" for "support" alone (checked on the reference article and PolNeAR dev).
FUZZY_THRESHOLD = 90
#: Paraphrases shorter than this are too generic for fuzzy matching.
MIN_FUZZY_LENGTH = 8


@dataclass(frozen=True, slots=True)
class Issue:
    """One row of ``issues.csv``."""

    key: str
    label: str
    pattern: re.Pattern[str]
    paraphrases: tuple[str, ...]


@functools.lru_cache(maxsize=1)
def issues() -> tuple[Issue, ...]:
    """The issue table shipped in ``resources/issues.csv``, in file order."""
    path = resources.files("newsledger.resources").joinpath("issues.csv")
    with path.open(encoding="utf-8") as handle:
        return tuple(
            Issue(
                row["key"], row["label"], re.compile(row["patterns"], re.IGNORECASE),
                tuple(p.strip() for p in row["paraphrases"].split(";") if p.strip()),
            )
            for row in csv.DictReader(handle)
        )


def issue_key(target: str) -> str | None:
    """The issue a stance target is about, or ``None``: patterns first (in table
    order), then the closest paraphrase above :data:`FUZZY_THRESHOLD`."""
    for issue in issues():
        if issue.pattern.search(target):
            return issue.key
    # a paraphrase must fit inside the target: "support" alone is no "air support"
    choices = {
        (issue.key, p): p.lower() for issue in issues() for p in issue.paraphrases
        if MIN_FUZZY_LENGTH <= len(p) <= len(target)
    }
    best = process.extractOne(
        target.lower(), choices, scorer=fuzz.partial_ratio, score_cutoff=FUZZY_THRESHOLD
    )
    return best[2][0] if best else None


def known_keys() -> tuple[str, ...]:
    """Every issue key, for the CLI's help and validation."""
    return tuple(issue.key for issue in issues())
