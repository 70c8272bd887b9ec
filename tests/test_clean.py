"""Cleaning: the golden reference article, made-up outlet shapes, and properties."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsledger.ingest import clean
from newsledger.ingest.clean import (
    BODY,
    HEADING,
    NOISE,
    TITLE,
    assemble,
    classify,
    split_lines,
)
from newsledger.records import Article, Document
from tests.conftest import REFERENCE_GOLD, REFERENCE_TEXT

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
REFERENCE = REFERENCE_TEXT.read_text(encoding="utf-8")
GOLD = json.loads(
    REFERENCE_GOLD.read_text(encoding="utf-8")
)
CASES = json.loads((FIXTURES / "clean_cases.json").read_text(encoding="utf-8"))["cases"]


def _norm(text: str) -> str:
    return " ".join(text.split())


def _clean_text(text: str, title: str | None = None) -> Article:
    return clean(Document(article=Article(id="a", text=text, title=title))).article


# --- the reference article -------------------------------------------------------------


@pytest.fixture(scope="module")
def reference() -> Article:
    return _clean_text(REFERENCE)


def test_reference_noise_is_exactly_the_gold_noise(reference: Article) -> None:
    assert {_norm(n) for n in reference.noise} == {
        _norm(n) for n in GOLD["article"]["noise"]
    }


@pytest.mark.parametrize("noise", GOLD["article"]["noise"])
def test_reference_noise_gone_from_text(reference: Article, noise: str) -> None:
    assert _norm(noise) not in _norm(reference.text)


def test_reference_headings(reference: Article) -> None:
    assert list(reference.headings) == GOLD["article"]["headings"]
    for heading in reference.headings:
        assert heading not in reference.text.split("\n")


def test_reference_body_paragraphs_kept_verbatim(reference: Article) -> None:
    removed = {_norm(x) for x in GOLD["article"]["noise"] + GOLD["article"]["headings"]}
    body = [
        p.strip()
        for p in REFERENCE.split("\n")
        if p.strip() and _norm(p) not in removed
    ]
    assert reference.text.split("\n\n") == body


@pytest.mark.parametrize("quote", [q["text"] for q in GOLD["quotes"]])
def test_reference_gold_quotes_found_in_clean_text(
    reference: Article, quote: str
) -> None:
    assert quote in reference.text


def test_reference_reasons() -> None:
    reasons = {v.line.text: v.rule for v in classify(REFERENCE)}
    assert reasons["4:14"] == "duration"
    assert (
        reasons["Please use Chrome browser for a more accessible video player"]
        == "player_notice"
    )
    assert reasons["What security guarantees could work?"] == "video_caption"
    assert (
        reasons["Sky’s Mark Stone takes you inside Zelenskyy-Trump 2.0"]
        == "video_caption"
    )
    assert reasons["Read more on Sky News:"] == "link_list"
    assert reasons["Five key takeaways from White House talks"] == "link_list"
    assert reasons["Ukraine war – follow the latest developments"] == "call_to_action"
    assert reasons["Zelenskyy-Putin summit"] == "heading"


# --- other outlets' shapes (trafilatura evaldata style) --------------------------------


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_cleaning_cases(case: dict) -> None:
    article = _clean_text(case["text"], case.get("title"))
    for keep in case["must_keep"]:
        assert keep in article.text, f"body lost: {keep!r}"
    for gone in case["must_remove"]:
        assert gone not in article.text + "\n", f"furniture left: {gone!r}"
    assert list(article.headings) == case["headings"]
    if "title_expected" in case:
        assert article.title == case["title_expected"]


def test_hard_wrapped_paragraphs_at_the_edges_are_kept() -> None:
    # trafilatura keeps <br> line breaks: a wrapped paragraph's lines are not
    # sentences one by one, but the paragraph is (Zyte benchmark page 34a732).
    text = (
        "Veteran Nollywood actress, Kate Henshaw, who in 2008, won the\n"
        "Africa Movie Academy Award for Best Actress in a Leading Role, has taken\n"
        "to social media to celebrate.\n\nShe posted a photo on Tuesday.\n\nComments"
    )
    article = _clean_text(text, "Kate Henshaw celebrates")
    assert article.text.startswith(
        "Veteran Nollywood actress, Kate Henshaw, who in 2008, won the\nAfrica Movie"
    )
    assert article.noise == ("Comments",)


def test_head_trimming_stops_at_other_content() -> None:
    # A schedule page with no prose before its notice (Zyte benchmark page cc03dd):
    # the list's heading and its footnotes are content, not edge furniture.
    text = (
        "Stock Car calendar 2018\n\n1: 10 March – Interlagos\n2: 8 April – Curitiba\n\n"
        "* Calendar subject to change by the organiser\n\n"
        "Comments that are unintelligible will not be approved by the moderator."
    )
    article = _clean_text(text, "Calendar")
    assert article.text.startswith("Stock Car calendar 2018\n\n1: 10 March")
    assert "* Calendar subject to change by the organiser" in article.text


def test_live_blog_stamps_go_but_entries_stay() -> None:
    # AP's "The Latest" shape (PolNeAR breitbart_2016-02-20): a clock time is not a
    # video duration, so the line after it is not a video caption.
    text = (
        "The Latest on the Republican primary in South Carolina (all times local):\n\n"
        "4:40 p.m.:\n\nWill there be a Haley effect in South Carolina’s Republican primary?\n\n"
        "Exit polls suggest the governor’s endorsement helped Marco Rubio, officials said."
    )
    article = _clean_text(text, "The Latest")
    assert article.noise == ("4:40 p.m.:",)
    assert "Will there be a Haley effect in South Carolina’s Republican primary?" in article.text


def test_interview_questions_stay_in_the_text() -> None:
    text = (
        "The senator spoke to reporters on Tuesday in Washington.\n\nQ: Have you talked to her?\n\n"
        "A: Not yet, but I expect to this week.\n\nHow is that possible?\n\n"
        "Aides said the call had been scheduled for Thursday."
    )
    article = _clean_text(text, "Interview")
    assert article.headings == ()
    assert "Q: Have you talked to her?" in article.text
    assert "How is that possible?" in article.text


def test_title_repeat_is_noise_and_title_kept() -> None:
    article = _clean_text(
        "Big news today\n\nThe minister resigned on Tuesday, officials said.",
        "Big news today",
    )
    assert article.title == "Big news today"
    assert article.noise == ("Big news today",)
    assert article.text == "The minister resigned on Tuesday, officials said."


def test_content_list_after_body_is_kept() -> None:
    text = "The timetable was agreed on Tuesday, officials said.\n\nKey dates:\n1 September: talks\n5 September: summit"
    article = _clean_text(text)
    assert "Key dates:\n1 September: talks\n5 September: summit" in article.text


def test_list_items_across_blank_lines_stop_at_heading() -> None:
    text = (
        "Talks resumed on Tuesday in Geneva, officials said.\n\nRead more:\nStorm hits coast\n\n"
        "Prices rise again\n\nWhat comes next\n\nDiplomats expect a deal within days, two sources said."
    )
    verdicts = {v.line.text: (v.kind, v.rule) for v in classify(text)}
    assert verdicts["Storm hits coast"] == (NOISE, "link_list")
    assert verdicts["What comes next"] == (HEADING, "heading")


def test_clean_starts_from_original_so_it_is_idempotent() -> None:
    once = clean(Document(article=Article(id="a", text=REFERENCE)))
    twice = clean(once)
    assert twice.article == once.article


def test_clean_keeps_other_fields() -> None:
    article = Article(
        id="x",
        text="4:14\n\nHe left on Monday.",
        outlet="Sky News",
        published="2025-08-19",
    )
    cleaned = clean(Document(article=article)).article
    assert (cleaned.id, cleaned.outlet, cleaned.published) == (
        "x",
        "Sky News",
        "2025-08-19",
    )
    assert cleaned.original == "4:14\n\nHe left on Monday."
    assert cleaned.noise == ("4:14",)


def test_split_lines_handles_crlf_and_spacing() -> None:
    lines = split_lines("a\r\nb\r\n\r\n\r\n  c  \n")
    assert [(l.text, l.paragraph, l.alone) for l in lines] == [
        ("a", 0, False),
        ("b", 0, False),
        ("c", 1, True),
    ]


# --- properties --------------------------------------------------------------------------

_LINES = st.sampled_from(
    [line for case in CASES for line in case["text"].split("\n")]
    + REFERENCE.split("\n")
    + ["", "", "4:14", "Share", "Read more:", "Heading here", "A sentence ends here."]
)


@settings(max_examples=150, deadline=None)
@given(st.lists(_LINES, max_size=40))
def test_every_line_is_accounted_for(lines: list[str]) -> None:
    text = "\n".join(lines)
    verdicts = classify(text)
    assert [v.line.text for v in verdicts] == [l.strip() for l in lines if l.strip()]
    assert all(v.kind in (BODY, HEADING, NOISE, TITLE) for v in verdicts)
    assert all((v.rule is None) == (v.kind == BODY) for v in verdicts)


@settings(max_examples=150, deadline=None)
@given(st.lists(_LINES, max_size=40))
def test_clean_text_is_made_of_original_lines(lines: list[str]) -> None:
    text = "\n".join(lines)
    originals = {l.strip() for l in lines}
    clean_text = assemble(classify(text))
    assert all(line in originals for line in clean_text.split("\n") if line)
    assert "\n\n\n" not in clean_text


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=300))
def test_classify_never_crashes(text: str) -> None:
    classify(text)


# --- issue 20: context forms ------------------------------------------------------------

_BODY = [
    "European allies are weighing whether the United States could provide air support as part of a peace deal, officials said on Tuesday.",
    "The president told a television interviewer that American troops would not be sent to Ukraine, but that Washington was willing to help.",
    "Geneva is considered the most likely venue for a meeting between the two presidents, with Budapest and Vienna also under discussion.",
    "A treaty guaranteeing that Ukraine’s allies would come to its defence is being drafted and could be ready by next week, diplomats said.",
    "Officials in Kyiv said they had not yet seen a draft, and that any guarantee would have to be approved by parliament before it could take effect.",
    "The Kremlin has said it will not accept troops from NATO countries on Ukrainian soil, whatever flag they fly, and repeated that position on Tuesday.",
    "European leaders are expected to discuss the plan at a summit in Brussels later this month, where the question of who pays is likely to dominate.",
]


def _rules_of(text: str) -> dict[str, tuple[str, str | None]]:
    return {v.line.text: (v.kind, v.rule) for v in classify(text)}


def test_caption_slug_above_its_caption() -> None:
    text = "\n\n".join([_BODY[0], "Vladimir Putin And Donald Trump", "The leaders met in Alaska. Pic: AP", *_BODY[1:]])
    found = _rules_of(text)
    assert found["Vladimir Putin And Donald Trump"] == (NOISE, "caption_slug")
    assert found["The leaders met in Alaska. Pic: AP"] == (NOISE, "photo_credit")
    assert all(found[p] == (BODY, None) for p in _BODY)


def test_repeated_title_lines_without_a_given_title() -> None:
    title = "Allies weigh air support for Ukraine deal"
    text = "\n\n".join([title, "By Jane Smith", title, *_BODY])
    verdicts = classify(text)
    assert [(v.kind, v.rule) for v in verdicts[:3]] == [(TITLE, "heading"), (NOISE, "byline"), (NOISE, "title_repeat")]


_MENU = ["Home", "World", "Politics", "Business", "Tech", "Science", "Health", "Sport", "Video", "Sign in"]
_TEASERS = [
    "Storm batters the coast",
    "Thousands lost power overnight as winds of up to 90mph hit the region.",
    "Prices rise again",
    "Inflation rose for a third month as food and energy costs climbed.",
]


def test_a_whole_page_keeps_the_article_and_drops_what_surrounds_it() -> None:
    page = "\n".join(_MENU) + "\n\n" + "\n\n".join(_BODY) + "\n\nMost read\n" + "\n".join(_TEASERS) + "\n" + "\n".join(_MENU)
    found = classify(page)
    kept = [v.line.text for v in found if v.kind in (BODY, HEADING)]
    assert kept == _BODY
    assert {v.rule for v in found if v.line.text in _MENU} == {"outside_body", "label"}


def test_comments_after_the_article_are_not_body() -> None:
    comments = ["12 comments", "Gary M on September 17, 2018 at 8:50 pm said:",
                "I think the allies are right to be careful about this, and the treaty will take months to agree.",
                "Reply"]
    page = "\n".join(_MENU) + "\n\n" + "\n\n".join(_BODY) + "\n\n" + "\n\n".join(comments)
    kept = [v.line.text for v in classify(page) if v.kind in (BODY, HEADING)]
    assert kept == _BODY


def test_extracted_bodies_are_not_treated_as_pages() -> None:
    # page=False (trafilatura's output): no outside_body trimming, even with many short lines
    text = "\n".join(_MENU) + "\n\n" + "\n\n".join(_BODY)
    assert not any(v.rule == "outside_body" for v in classify(text, page=False))


def test_a_whole_page_gets_its_headline_as_title() -> None:
    headline = "Allies weigh air support for Ukraine deal"
    page = "\n".join(_MENU) + "\n\n" + f"Skip to content\n{headline}\nBy Jane Smith\n\n" + "\n\n".join(_BODY) + "\n\n" + "\n".join(_MENU)
    titles = [v.line.text for v in classify(page) if v.kind == TITLE]
    assert titles == [headline]


def test_a_results_table_in_a_page_is_kept() -> None:
    intro = "The final standings of the season after 36 races, with the points each driver scored, are below."
    rows = [f"{n}\tDriver {chr(64 + n)}\t{5000 - 10 * n}\t{n % 4}" for n in range(1, 31)]
    page = "\n".join(_MENU) + "\n\n" + intro + "\n\n" + "\n".join(["Pos\tDriver\tPoints\tWins", *rows]) + "\n\n" + "\n".join(_MENU)
    kept = [v.line.text for v in classify(page) if v.kind in (BODY, HEADING)]
    assert intro in kept and all(row in kept for row in rows)


# --- outside_body is conservative: position alone is never enough (issue 20) ---------

_OTHER_PROSE = [
    "The museum reopens on Saturday after a two-year renovation of its east wing and its gardens.",
    "Tickets are free for residents of the city, and the cafe will stay open late on Fridays.",
    "The new wing holds the collection of maps that the city bought from a private owner in 2019.",
]


def _page(*blocks: list[str]) -> str:
    return "\n".join(_MENU) + "\n\n" + "\n\n".join("\n".join(b) for b in blocks) + "\n\n" + "\n".join(_MENU)


def _kept(text: str) -> list[str]:
    return [v.line.text for v in classify(text) if v.kind in (BODY, HEADING)]


_CARDS = [[f"Wireless Earphones {n}", f"${n}9.99", "Buy Now"] for n in range(1, 5)]
_LIST_INTRO = [
    ["These are the offers worth a look this week, from box sets to board games:"],
    ["1) The complete box set of the original series on Blu-ray", "http://amzn.to/x1"],
    ["2) The director's cut of the film in a steel case on Blu-ray"],
]


@pytest.mark.parametrize(
    "article, after, kept_after",
    [
        # a numbered list the article ends inside goes on, its links between items,
        # however little its items weigh
        (
            _BODY + [line for block in _LIST_INTRO for line in block],
            [["http://amzn.to/x2"]] + [[f"{n}) Thriller", f"http://amzn.to/x{n}"] for n in range(3, 12)],
            "all",
        ),
        # product cards then prose: the article's stretch holds half the page's prose,
        # not a confident choice, and cards are blocks too short to be a menu
        (
            _BODY[:2],
            _CARDS + [[_OTHER_PROSE[0]], _CARDS[0], [_OTHER_PROSE[1]], _CARDS[1], [_OTHER_PROSE[2]]],
            "all",
        ),
        # a run of prose outside a confident stretch is never removed by position alone
        (_BODY, _CARDS[:3] + [_OTHER_PROSE[:2]], _OTHER_PROSE[:2]),
        # nor after a widget's list intro inside the article ("Trending"): only a
        # comment section's label takes prose with it
        (_BODY, [["Trending"], _OTHER_PROSE[:2], ["Related articles", *_MENU[:6]]], _OTHER_PROSE[:2]),
    ],
    ids=["numbered list", "unconfident page", "prose run", "prose after a list intro"],
)
def test_outside_the_stretch_needs_a_second_signal(
    article: list[str], after: list[list[str]], kept_after: str | list[str]
) -> None:
    kept = _kept(_page(*[[p] for p in article], *after))
    expected = [line for block in after for line in block] if kept_after == "all" else kept_after
    assert all(line in kept for line in expected)
    assert all(line in kept for line in _BODY if line in article)
    assert not any(m in kept for m in _MENU)


def test_a_standfirst_above_the_article_stays() -> None:
    standfirst = "Allies are weighing what air support they could offer Kyiv after a peace deal and who would pay for it"
    kept = _kept(_page(["Allies weigh air support", "By Jane Smith"], [standfirst], *[[p] for p in _BODY]))
    assert standfirst in kept and "By Jane Smith" not in kept


def test_an_unconfident_page_loses_its_menu_blocks_and_labelled_sections() -> None:
    # the comments outweigh the article, so the stretch is not a confident choice;
    # the menu block and the comment section go on their own signals
    comments = [f"Reader {n} on September 17, 2018 at 8:50 pm said:" for n in range(4)]
    thread = [line for c in comments for line in (c, _OTHER_PROSE[0], _OTHER_PROSE[1], _OTHER_PROSE[2])]
    page = "\n".join(_MENU) + "\n\n" + "\n\n".join(_BODY) + "\n\n12 comments\n" + "\n".join(thread)
    kept = _kept(page)
    assert kept == _BODY
