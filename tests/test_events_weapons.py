"""Attacks told through their weapons (``events/weapons.py``): launches with weapon
nouns, interceptions with roles reversed, one wire-style sentence per case."""

from __future__ import annotations

import pytest

from newsledger.annotate.events.weapons import weapon_nouns
from newsledger.pipeline import Pipeline
from newsledger.records import Article, Document


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline.load()


def events(pipeline: Pipeline, text: str) -> list[tuple]:
    document = pipeline.annotate_one(Document(Article("a", text, published="2025-08-19")))
    return [(e.type, e.actor, e.target, tuple(q.value for q in e.quantities)) for e in document.events]


@pytest.mark.parametrize(
    "text,expected",
    [
        # a launch: the launcher acts, the count is kept
        ("Russia launched 108 drones at Ukraine overnight.", [("attack", "Russia", "Ukraine", (108.0,))]),
        # an interception: the downer defends, the weapons' owner attacks
        ("Ukraine's forces downed 90 Russian drones on Sunday.", [("attack", "Russia", "Ukraine", (90.0,))]),
        ("Ukraine shot down 12 Russian missiles on Sunday.", [("attack", "Russia", "Ukraine", (12.0,))]),
        # a launched jet or product is no attack
        ("Emirates launched a new jet on Monday.", []),
        ("Apple launched a new phone on Monday.", []),
    ],
)
def test_weapon_events(pipeline, text, expected) -> None:
    assert events(pipeline, text) == expected


@pytest.mark.parametrize("word", ["missile", "rocket", "bomb", "drone", "artillery"])
def test_weapon_nouns_come_from_the_cameo_synsets(word) -> None:
    assert word in weapon_nouns()
