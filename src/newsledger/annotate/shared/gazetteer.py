"""Name tables for canonicalising entities: countries, demonyms, capitals, acronyms, titles.

Loaded once per process from ``newsledger/resources`` (see each file's header for its
source); the tables are read-only after loading.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from newsledger.tables import table, words


@dataclass(frozen=True)
class Gazetteer:
    """Lookup tables; keys are case-folded except ``country_codes`` (codes are upper case)."""

    countries: Mapping[str, str]  # "russian federation" -> "Russia"
    country_codes: Mapping[str, str]  # "US" -> "United States"
    demonyms: Mapping[str, str]  # "russians" -> "Russia"
    capitals: Mapping[str, str]  # "kyiv" -> "Ukraine"
    demonym_of: Mapping[str, str]  # "Ukraine" -> "Ukrainian"
    acronyms: Mapping[str, str]  # "EU" -> "European Union"
    titles: frozenset[str]  # "mr", "president", …
    org_heads: tuple[tuple[str, ...], ...]  # ("air", "force"), longest first
    seats: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))  # "kremlin" -> "Russian Presidency"

    def country(self, text: str) -> str | None:
        """The country a name, code or demonym stands for: ``country("Russians") -> "Russia"``."""
        key = text.strip().casefold()
        return (
            self.country_codes.get(text.strip())
            or self.countries.get(key)
            or self.demonyms.get(key)
        )


@dataclass(frozen=True, slots=True)
class CountryRow:
    """One row of ``countries.tsv``: ``|``-separated lists in ``demonyms`` and ``aliases``."""

    name: str
    iso2: str
    demonyms: str
    capital: str
    aliases: str


@dataclass(frozen=True, slots=True)
class OrganisationRow:
    """One row of ``organisations.tsv``: an acronym news copy uses bare, and its name."""

    acronym: str
    name: str


@dataclass(frozen=True, slots=True)
class SeatRow:
    """One row of ``seats_of_power.tsv``: a seat of government and the body it stands for."""

    seat: str
    body: str


@functools.cache
def load() -> Gazetteer:
    """The process-wide gazetteer (built on first use)."""
    countries: dict[str, str] = {}
    codes: dict[str, str] = {}
    demonyms: dict[str, str] = {}
    capitals: dict[str, str] = {}
    demonym_of: dict[str, str] = {}
    # Rows are most populous first: the first row to claim a form keeps it.
    for row in table("countries.tsv", CountryRow):
        name = row.name
        countries.setdefault(name.casefold(), name)
        for alias in filter(None, row.aliases.split("|")):
            if alias.isupper():
                codes.setdefault(alias, name)
            else:
                countries.setdefault(alias.casefold(), name)
        forms = [d for d in row.demonyms.split("|") if d]
        for form in forms:
            demonyms.setdefault(form.casefold(), name)
        if forms:
            demonym_of.setdefault(name, forms[0])
        if row.capital:
            capitals.setdefault(row.capital.casefold(), name)
    acronyms = {row.acronym: row.name for row in table("organisations.tsv", OrganisationRow)}
    heads = sorted((tuple(h.split()) for h in words("org_heads.txt")), key=len, reverse=True)
    return Gazetteer(
        countries=MappingProxyType(countries),
        country_codes=MappingProxyType(codes),
        demonyms=MappingProxyType(demonyms),
        capitals=MappingProxyType(capitals),
        demonym_of=MappingProxyType(demonym_of),
        acronyms=MappingProxyType(acronyms),
        titles=frozenset(words("person_titles.txt")),
        org_heads=tuple(heads),
        seats=MappingProxyType({row.seat.casefold(): row.body for row in table("seats_of_power.tsv", SeatRow)}),
    )
