"""Entities across articles: one person under many names, family members apart,
organisations apart from people, aliases accumulating."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsledger.link.names import NameKey, fold, name_key
from newsledger.link.resolve import find_cluster, is_organisation
from tests.link_support import cluster_names, document, linked_ledger


@pytest.mark.parametrize(
    ("name", "first", "last", "suffix", "gender", "middle"),
    [
        ("Hillary Clinton", "hilary", "clinton", "", "", ""),
        ("Hillary Rodham Clinton", "hilary", "clinton", "", "", "r"),
        ("Mrs. Clinton", "", "clinton", "", "f", ""),
        ("Secretary Clinton", "", "clinton", "", "", ""),
        ("Mr. Trump's", "", "trump", "", "m", ""),
        ("Donald J. Trump", "donald", "trump", "", "", "j"),
        ("Donald Trump Jr.", "donald", "trump", "jr", "", ""),
        ("Bill Clinton", "wiliam", "clinton", "", "", ""),
        ("former President Bill Clinton", "wiliam", "clinton", "", "", ""),
        ("George H.W. Bush", "george", "bush", "", "", "hw"),
        ("Sen. Ted Cruz", "ted", "cruz", "", "", ""),
        ("Hillary", "", "hilary", "", "", ""),
        # issue 17: spellings and transliterations of one name share a key
        ("Hilary Clinton", "hilary", "clinton", "", "", ""),
        ("Volodymyr Zelenskyy", "volodymyr", "zelensky", "", "", ""),
        ("Volodymyr Zelenskiy", "volodymyr", "zelensky", "", "", ""),
        ("Volodymyr Zelensky", "volodymyr", "zelensky", "", "", ""),
        ("Presidents Obama", "", "obama", "", "", ""),
        ("Ivanka Trump", "ivanka", "trump", "", "", ""),
        ("Ivana Trump", "ivana", "trump", "", "", ""),
    ],
)
def test_name_key(name: str, first: str, last: str, suffix: str, gender: str, middle: str) -> None:
    assert name_key(name) == NameKey(first, last, suffix, gender, middle)


@settings(deadline=None)  # no timing in unit tests: the machine is shared
@given(st.text(max_size=40))
def test_name_key_never_fails_and_is_folded(text: str) -> None:
    key = name_key(text)
    assert key.first == fold(key.first) and key.last == fold(key.last)
    assert name_key(text) == key


@settings(deadline=None)  # no timing in unit tests: the machine is shared
@given(st.text(alphabet=st.characters(whitelist_categories=("Lu", "Ll")), min_size=2, max_size=12))
def test_titles_do_not_change_the_key_of_a_full_name(word: str) -> None:
    full = f"Ann {word.capitalize()}"
    titled, plain = name_key(f"Mrs. {full}"), name_key(full)
    assert (titled.first, titled.last, titled.gender) == (plain.first, plain.last, "f")


@pytest.mark.parametrize(
    ("name", "expected"),
    [("Trump campaign", True), ("Clinton Foundation", True), ("Donald Trump", False), ("Trump", False)],
)
def test_is_organisation(name: str, expected: bool) -> None:
    assert is_organisation(name) is expected


HRC = ("Hillary Clinton", "PERSON", "Hillary Clinton")
DJT = ("Donald Trump", "PERSON", "Donald Trump")


def corpus() -> list:
    """Seven articles of 2016 copy: one person under many names, and her family."""
    return [
        document("a1", "Hillary Clinton met Donald Trump. Mrs. Clinton smiled.",
                 [HRC, DJT, ("Hillary Clinton", "PERSON", "Mrs. Clinton")], published="2016-09-26"),
        document("a2", "Hillary Rodham Clinton and Donald J. Trump debated.",
                 [("Hillary Rodham Clinton", "PERSON", "Hillary Rodham Clinton"),
                  ("Donald J. Trump", "PERSON", "Donald J. Trump")], published="2016-09-27"),
        document("a3", "Secretary Clinton answered Mr. Trump on the Trump campaign.",
                 [("Clinton", "PERSON", "Secretary Clinton"), ("Trump", "PERSON", "Mr. Trump"),
                  ("Trump campaign", "PERSON", "Trump campaign")], published="2016-09-28"),
        document("a4", "Bill Clinton and Chelsea Clinton campaigned; Mr. Clinton spoke. "
                 "Donald Trump Jr. and Ivanka Trump too. Hillary Clinton did not.",
                 [("Bill Clinton", "PERSON", "Bill Clinton"), ("Chelsea Clinton", "PERSON", "Chelsea Clinton"),
                  ("Bill Clinton", "PERSON", "Mr. Clinton"), ("Donald Trump Jr.", "PERSON", "Donald Trump Jr."),
                  ("Ivanka Trump", "PERSON", "Ivanka Trump"), HRC], published="2016-09-28"),
        document("a5", "Mr. Clinton said the former president would campaign. Trump said.",
                 [("Clinton", "PERSON", "Mr. Clinton"), ("Trump", "ORG", "Trump")], published="2016-09-29"),
        document("a6", "Donald Trump spoke in Ohio.", [DJT], published="2016-09-29"),
        document("a7", "Donald Trump and Hillary Clinton led the polls.", [DJT, HRC], published="2016-09-30"),
    ]


def test_one_person_under_many_names_and_family_apart() -> None:
    with linked_ledger(corpus()) as ledger:
        people = cluster_names(ledger)
        assert people["Hillary Clinton"] == 5  # a1, a2, a3 (Secretary Clinton), a4, a7
        assert people["Donald Trump"] == 6  # a1, a2, a3 (Mr. Trump), a5 (Trump tagged ORG), a6, a7
        for relative in ("Bill Clinton", "Chelsea Clinton", "Donald Trump Jr.", "Ivanka Trump"):
            assert people[relative] == 1, relative
        assert not {"Trump", "Mrs. Clinton", "Secretary Clinton"} & set(people)
        assert people.get("Clinton") == 1  # a5's "Mr. Clinton": no man named Clinton dominates
        assert "Trump campaign" in cluster_names(ledger, "ORG")


def test_a_title_of_the_other_gender_is_not_resolved_to_her() -> None:
    """"Mr. Clinton" alone (a5) is not Hillary Clinton: with Bill named in full in one
    article only, no man named Clinton dominates, so it stays unresolved."""
    with linked_ledger(corpus()) as ledger:
        cluster = find_cluster(ledger, "Hillary Clinton")
        assert cluster is not None
        rows = ledger.execute(
            "SELECT cluster_id FROM entity_links WHERE article_id = 'a5' AND entity_id IN "
            "(SELECT id FROM entities WHERE name = 'Clinton')").fetchall()
        assert rows and all(r[0] != cluster.id for r in rows)


def test_aliases_accumulate_across_articles() -> None:
    with linked_ledger(corpus()) as ledger:
        cluster = find_cluster(ledger, "Mrs. Clinton")
        assert cluster is not None and cluster.name == "Hillary Clinton"
        assert {"Hillary Rodham Clinton", "Mrs. Clinton", "Secretary Clinton"} <= set(cluster.aliases)


def test_incremental_equals_batch() -> None:
    """Adding articles one by one links them as one batch does."""
    with linked_ledger(corpus()) as batch:
        expected = sorted((c.name, c.type, c.articles) for c in batch.entity_clusters())
    with linked_ledger([]) as ledger:
        from newsledger import link

        for doc in corpus():
            ledger.add([doc], then=link.update)
        assert sorted((c.name, c.type, c.articles) for c in ledger.entity_clusters()) == expected


def test_relink_is_idempotent() -> None:
    from newsledger import link

    with linked_ledger(corpus()) as ledger:
        before = sorted((c.name, c.articles) for c in ledger.entity_clusters())
        link.relink(ledger)
        assert sorted((c.name, c.articles) for c in ledger.entity_clusters()) == before


def test_an_office_title_picks_the_namesake_who_holds_it() -> None:
    """"President Clinton" is the Clinton written "President Bill Clinton", even where
    Hillary Clinton is named in more articles; "Secretary Clinton" is Hillary."""
    docs = [document(f"h{i}", "Secretary Hillary Clinton spoke.", [("Hillary Clinton", "PERSON", "Secretary Hillary Clinton")])
            for i in range(6)]
    docs += [document(f"b{i}", "Former President Bill Clinton spoke.", [("Bill Clinton", "PERSON", "President Bill Clinton")])
             for i in range(2)]
    docs += [document("p", "President Clinton signed it.", [("Clinton", "PERSON", "President Clinton")]),
             document("s", "Secretary Clinton said no.", [("Clinton", "PERSON", "Secretary Clinton")])]
    with linked_ledger(docs) as ledger:
        assert cluster_names(ledger) == {"Hillary Clinton": 7, "Bill Clinton": 3}


def test_a_generational_suffix_is_no_stray_word() -> None:
    """Donald Trump named in 12 articles: "Donald Trump Jr." is still his son, not a
    stray word stuck to the father's name (the rule for "Billionaire Donald Trump")."""
    many = [document(f"t{i}", "Donald Trump spoke.", [DJT], published=f"2016-09-{i + 1:02d}") for i in range(12)]
    son = document("jr", "Donald Trump Jr. spoke.", [("Donald Trump Jr.", "PERSON", "Donald Trump Jr.")],
                   published="2016-09-20")
    stray = document("st", "Billionaire Donald Trump spoke.",
                     [("Billionaire Donald Trump", "PERSON", "Billionaire Donald Trump")], published="2016-09-21")
    with linked_ledger([*many, son, stray]) as ledger:
        people = cluster_names(ledger)
        assert people["Donald Trump Jr."] == 1 and people["Donald Trump"] == 13


def test_spelling_variants_and_maiden_names_join_one_person() -> None:
    docs = [document(f"h{i}", "Hillary Rodham Clinton spoke.", [("Hillary Rodham Clinton", "PERSON",
                     "Hillary Rodham Clinton")], published=f"2016-09-{i + 1:02d}") for i in range(3)]
    docs += [document("m1", "Hilary Clinton spoke.", [("Hilary Clinton", "PERSON", "Hilary Clinton")],
                      published="2016-09-10"),
             document("m2", "Hillary Rodham spoke.", [("Hillary Rodham", "PERSON", "Hillary Rodham")],
                      published="2016-09-11"),
             document("z1", "Volodymyr Zelenskyy spoke.", [("Volodymyr Zelenskyy", "PERSON", "Volodymyr Zelenskyy")]),
             document("z2", "Volodymyr Zelenskiy spoke.", [("Volodymyr Zelenskiy", "PERSON", "Volodymyr Zelenskiy")]),
             document("z3", "Zelensky spoke.", [("Zelensky", "PERSON", "Zelensky")]),
             document("z4", "Volodymyr Zelensky spoke.", [("Volodymyr Zelensky", "PERSON", "Volodymyr Zelensky")]),
             document("i1", "Ivana Trump spoke. Ivanka Trump too.", [("Ivana Trump", "PERSON", "Ivana Trump"),
                                                                     ("Ivanka Trump", "PERSON", "Ivanka Trump")])]
    with linked_ledger(docs) as ledger:
        people = cluster_names(ledger)
        assert people["Hillary Rodham Clinton"] == 5
        assert sum(n for name, n in people.items() if "Zelensk" in name) == 4 and len(
            [name for name in people if "Zelensk" in name]) == 1
        assert people["Ivana Trump"] == 1 and people["Ivanka Trump"] == 1


def test_a_lone_first_name_goes_to_its_dominant_bearer_not_a_namesake_spelling() -> None:
    """"Barack" is Barack Obama, not Tom Barrack (whose surname has the same spelling key)."""
    docs = [document(f"o{i}", "Barack Obama spoke.", [("Barack Obama", "PERSON", "Barack Obama")],
                     published=f"2016-09-{i + 1:02d}") for i in range(4)]
    docs += [document("tb", "Tom Barrack spoke.", [("Tom Barrack", "PERSON", "Tom Barrack")], published="2016-09-10"),
             document("b1", "Barack spoke.", [("Barack", "PERSON", "Barack")], published="2016-09-11")]
    with linked_ledger(docs) as ledger:
        assert cluster_names(ledger)["Barack Obama"] == 5


def test_a_lone_familiar_first_name_goes_to_the_formal_bearer() -> None:
    """"Bill" alone is the William (Bill) Clinton named in full in most articles."""
    docs = [document(f"w{i}", "Bill Clinton spoke.", [("Bill Clinton", "PERSON", "Bill Clinton")],
                     published=f"2016-09-{i + 1:02d}") for i in range(4)]
    docs.append(document("b1", "Bill spoke.", [("Bill", "PERSON", "Bill")], published="2016-09-11"))
    with linked_ledger(docs) as ledger:
        assert cluster_names(ledger)["Bill Clinton"] == 5
    early = [document("b0", "Bill spoke.", [("Bill", "PERSON", "Bill")], published="2016-08-01"), *docs[:4]]
    with linked_ledger(early) as ledger:  # named before the full name: revisited when it comes
        assert cluster_names(ledger)["Bill Clinton"] == 5
