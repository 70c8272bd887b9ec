"""A capital standing for its government: "Beijing also wants Trump to …" is China's
position, "Moscow rejected the plan" Russia's. Used for the holders of stances and
commitments, where a city cannot hold a position (the entities layer keeps the city
as it is written: "talks in Beijing" stay in Beijing).

    >>> holder_name("Beijing"), holder_name("Kyiv"), holder_name("Donald Trump")
    ('China', 'Ukraine', 'Donald Trump')
"""

from __future__ import annotations

from newsledger.annotate.shared.gazetteer import load


def holder_name(name: str | None) -> str | None:
    """The country a capital's name stands for as a holder, else ``name``."""
    if not name:
        return name
    capitals = load().capitals
    key = name.casefold()
    return capitals.get(key) or capitals.get(f"{key} d.c.") or name
