"""Options weighed in a text (venues of a planned meeting) and the options × parties table."""

from __future__ import annotations

from newsledger.annotate.stances.options import link_options, options_table, unopposed
from newsledger.records import Event, Stance

VENUES = ("Geneva", "Vienna", "Rome", "Budapest", "Doha")


def event() -> Event:
    return Event("ev-1", "a1", "meeting", "planned", "a meeting could happen", (10, 30),
                 place_options=VENUES, trigger="meeting")


def stance(holder: str | None, polarity: str, target: str, at: int = 40) -> Stance:
    return Stance(f"st-{at}", "a1", polarity, "certain", target, target, (at, at + len(target)), holder)


def test_link_options_sets_option_issue_and_target() -> None:
    (linked,) = link_options([stance("Russia", "oppose", "Rome or the Vatican")], [event()])
    assert (linked.option, linked.issue) == ("Rome", "meeting-venue")
    assert linked.target == "Rome or the Vatican as meeting venue"


def test_stances_without_options_pass_through() -> None:
    plain = stance("Italy", "oppose", "boots on the ground")
    assert link_options([plain], [event()]) == [plain]
    assert link_options([plain], []) == [plain]


def test_table_and_unopposed() -> None:
    linked = link_options(
        [stance(None, "support", "Geneva, Switzerland", 40), stance("Russia", "oppose", "Rome or the Vatican", 60),
         stance("Ukraine", "oppose", "Budapest, Hungary", 90)],
        [event()],
    )
    table = options_table(linked, [event()], "meeting-venue")
    options, parties, cells = table
    assert options == VENUES
    assert parties == (None, "Russia", "Ukraine")
    assert cells == {("Geneva", None): "support", ("Rome", "Russia"): "oppose", ("Budapest", "Ukraine"): "oppose"}
    assert unopposed(table) == ("Geneva", "Vienna", "Doha")


def test_objection_outweighs_support_from_the_same_party() -> None:
    linked = link_options([stance("Russia", "oppose", "Rome", 40), stance("Russia", "support", "Rome", 60)], [event()])
    _, _, cells = options_table(linked, [event()], "meeting-venue")
    assert cells[("Rome", "Russia")] == "oppose"


def test_other_issue_is_empty() -> None:
    assert options_table([], [event()], "troops-on-the-ground") == ((), (), {})
