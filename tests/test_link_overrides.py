"""Manual merge and split decisions are stored, applied, and survive new ingests and relinks."""

from __future__ import annotations

import pytest

from newsledger import link
from newsledger.link import overrides
from newsledger.store import LedgerError
from tests.link_support import cluster_names, document, linked_ledger
from tests.test_link_resolve import corpus


def test_merge_moves_every_link_and_is_kept_for_new_articles() -> None:
    with linked_ledger(corpus()) as ledger:
        ledger.merge_entities("Hillary Clinton", "Chelsea Clinton")
        assert "Chelsea Clinton" not in cluster_names(ledger)
        ledger.add([document("a8", "Chelsea Clinton spoke.", [("Chelsea Clinton", "PERSON", "Chelsea Clinton")])],
                   then=link.update)
        people = cluster_names(ledger)
        assert "Chelsea Clinton" not in people and people["Hillary Clinton"] == 6
        assert overrides.decisions(ledger)[0][:3] == ("merge", "Hillary Clinton", "Chelsea Clinton")


def test_split_survives_relink_and_new_ingest() -> None:
    with linked_ledger(corpus()) as ledger:
        ledger.split_entity("Donald Trump", "Trump")
        assert cluster_names(ledger)["Trump"] == 2  # a3's "Mr. Trump", a5's "Trump" (tagged ORG)
        link.relink(ledger)
        assert cluster_names(ledger)["Trump"] == 2
        ledger.add([document("a9", "Mr. Trump spoke.", [("Trump", "PERSON", "Mr. Trump")])], then=link.update)
        assert cluster_names(ledger)["Trump"] == 3


@pytest.mark.parametrize(("target", "other", "message"), [
    ("Nobody Known", "Hillary Clinton", "no entity named 'Nobody Known'"),
    ("Hillary Clinton", "Nobody Known", "no entity named 'Nobody Known'"),
])
def test_unknown_names_are_one_clear_error(target: str, other: str, message: str) -> None:
    with linked_ledger(corpus()) as ledger, pytest.raises(LedgerError, match=message):
        ledger.merge_entities(target, other)


def test_split_of_a_name_that_is_not_a_member_names_the_members() -> None:
    with linked_ledger(corpus()) as ledger, pytest.raises(LedgerError, match="no member named 'Bill Clinton'"):
        ledger.split_entity("Hillary Clinton", "Bill Clinton")
