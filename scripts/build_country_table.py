"""Regenerate ``src/newsledger/resources/countries.tsv`` from the countryinfo package.

The table maps every way a news article names a country — its name, short alternative
spellings and codes ("US", "UK"), its demonym ("Russian") and the demonym's plural
("Russians") — to one canonical country name, and records the capital for metonymy
("Kyiv’s allies"). Data: countryinfo (MIT, from mledoze/countries), pulled in only to
build this file: ``pip install countryinfo && python scripts/build_country_table.py``.
"""

from __future__ import annotations

import csv
import glob
import json
import os
import sys

# Names a news reader expects instead of the dataset's formal ones.
PREFERRED_NAMES = {
    "Vatican City State": "Vatican City",
    "Holy See (Vatican City State)": "Vatican City",
    "Czech Republic": "Czech Republic",
    "Korea (Democratic People's Republic of)": "North Korea",
}

# Demonyms whose plural is not the singular + "s" (uninflected -ese/-ish/-ch/-ss forms).
UNINFLECTED_SUFFIXES = ("ese", "ish", "ch", "ss", "sh")


def plural(demonym: str) -> str | None:
    """``plural("Russian") -> "Russians"``, ``plural("Swiss") -> None``."""
    if not demonym or demonym.endswith(UNINFLECTED_SUFFIXES) or demonym.endswith("s"):
        return None
    return demonym + "s"


def short_aliases(row: dict) -> list[str]:
    """Codes and English alternative names, not the native-language spellings."""
    out = []
    for alias in row.get("altSpellings") or []:
        if alias.isascii() and (alias.isupper() and 2 <= len(alias) <= 3 or " " in alias):
            out.append(alias)
    return out


def main() -> None:
    import countryinfo

    data_dir = os.path.join(os.path.dirname(countryinfo.__file__), "data")
    writer = csv.writer(sys.stdout, delimiter="\t", lineterminator="\n")
    writer.writerow(["name", "iso2", "demonyms", "capital", "aliases"])
    rows = [json.load(open(path, encoding="utf-8")) for path in glob.glob(os.path.join(data_dir, "*.json"))]
    # Most populous first: a demonym shared by several territories ("American") means the
    # largest one, and the loader keeps the first row that claims a form.
    rows.sort(key=lambda row: (-(row.get("population") or 0), row["name"]))
    seen: set[str] = set()
    for row in rows:
        name = PREFERRED_NAMES.get(row["name"], row["name"])
        if name in seen:
            continue
        seen.add(name)
        capital = row.get("capital") or ""
        capital = capital[0] if isinstance(capital, list) else capital
        iso2 = (row.get("ISO") or {}).get("alpha2", "")
        demonym = (row.get("demonym") or "").strip()
        demonyms = [d for d in (demonym, plural(demonym)) if d]
        aliases = [a for a in short_aliases(row) if a != name]
        writer.writerow([name, iso2, "|".join(demonyms), capital, "|".join(aliases)])


if __name__ == "__main__":
    main()
