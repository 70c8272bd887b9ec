"""A whole page's text: the article is its heaviest stretch of running text.

Text copied from a browser holds the menus, teasers, comments and footers around the
article. :func:`outside_body` weighs every line (running text for the article, the rest
against it), takes the maximum-sum stretch of lines as the article, keeps a list or
table that follows it and a standfirst above it, and marks ``outside_body`` the lines
outside it that carry a second furniture signal: a confident stretch, a menu block, a
labelled section after the article (position alone never removes a run of prose);
:func:`page_title` finds the headline just above it. :func:`newsledger.ingest.clean.classify` calls it
after its own rules.
"""

from __future__ import annotations

import re

from newsledger.ingest import rules
from newsledger.ingest.lines import BODY, HEADING, NOISE, TITLE, Verdict

# The weighing of a whole page's lines (``outside_body``), fitted on the dev part of
# the scraped-text set (benchmarks/cleanup_scraped.py). They describe the shape of a
# page, as the word limits of the line rules describe the shape of a line.
#: What a line that is not running text counts against the article's stretch
#: (a content-shaped one, a quarter of it; one a line rule removed, NOISE_PENALTY).
OFF_BODY_PENALTY = 3.0
NOISE_PENALTY = 2.0
#: A running-text line counts its words less this for the article.
RUNNING_OFFSET = 4
#: With ``page=None``, this many menu-shaped lines outside the stretch make a page.
PAGE_MIN_MENU_LINES = 8
#: Running text after a comment section counts this much; the section ends the
#: article only after this much article weight (a "Comments" button by the byline
#: does not).
COMMENTS_DISCOUNT = 0.2
COMMENTS_AFTER_WORDS = 100
#: After a list intro, running lines shorter than this are teasers' summaries.
TEASER_MAX_WORDS = 30
#: The stretch is a confident choice when it holds this share of the page's
#: running-text words; otherwise a line outside it goes only with a furniture
#: signal of its own (a menu block, a labelled section after the article).
CONFIDENT_SHARE = 0.6
#: A block of at least this many lines, this share of them menu-shaped, is a menu.
MENU_BLOCK_MIN_LINES = 6
MENU_BLOCK_SHARE = 0.5
#: A numbered list after the article goes on while the next number comes within
#: this many lines.
LIST_ITEM_GAP = 2
#: A standfirst: a sentence-case line of this many words, this close above the article.
STANDFIRST_MIN_WORDS = 10
STANDFIRST_LOOKBACK = 2
#: How many lines above the article's stretch its headline is looked for.
TITLE_LOOKBACK = 10


def _line_weight(verdict: Verdict) -> float:
    text = verdict.line.text
    count = len(rules.words(text))
    if verdict.kind == BODY and rules.is_body_paragraph(text):
        return count - RUNNING_OFFSET
    if verdict.kind == NOISE:
        return -NOISE_PENALTY
    if "\t" in text and count >= 3:
        return 0.0  # a table row: data the article may be about (results, standings)
    if text.endswith(":") or "\t" in text or count >= 6:
        # a list or table intro, a table row, a long list item: content-shaped
        return -OFF_BODY_PENALTY / 4
    return -OFF_BODY_PENALTY


def _menu_shaped(text: str) -> bool:
    """A menu or button label: one to three words, no sentence punctuation."""
    return 1 <= len(rules.words(text)) <= 3 and not re.search(r"[.!?,;:]$", text)


def _content_shaped(text: str) -> bool:
    """A list item, table row or intro of the article's own: several words, a tab, or a colon."""
    return len(rules.words(text)) >= 5 or "\t" in text or text.endswith(":")


def _content_after(verdicts: list[Verdict], last: int) -> int:
    """Extend the body past a list or table that follows the last paragraph
    (tour dates, results), with at most one heading above it (kept as a heading even
    if edge trimming took it for a fragment); menus are short lines."""
    end, i, heading = last, last + 1, None
    if i < len(verdicts) and (
        verdicts[i].kind in (BODY, HEADING) or verdicts[i].rule == "edge_fragment"
    ):
        if not _content_shaped(verdicts[i].line.text) or rules.is_heading_like(verdicts[i].line.text):
            heading, i = i, i + 1  # the list's heading, kept only if a list follows
    while i < len(verdicts):
        # a paragraph at a time: list items with their links, rows of one table
        block = [j for j in range(i, len(verdicts)) if verdicts[j].line.paragraph == verdicts[i].line.paragraph]
        block = block[: next((n for n, j in enumerate(block) if j != i + n), len(block))]
        texts = [verdicts[j].line.text for j in block]
        shaped = sum(_content_shaped(t) for t in texts)
        if (
            any(verdicts[j].kind not in (BODY, HEADING) for j in block)
            or 2 * shaped < len(texts)
            or any(rules.is_body_paragraph(t) for t in texts)
        ):
            break
        end, i = block[-1], block[-1] + 1
    if heading is not None and end > heading and verdicts[heading].rule == "edge_fragment":
        verdicts[heading] = Verdict(verdicts[heading].line, HEADING, "heading")
    return _numbered_after(verdicts, end)


_ITEM_NUMBER = re.compile(r"^(\d{1,3})[.)]\s")


def _item_number(text: str) -> int | None:
    match = _ITEM_NUMBER.match(text)
    return int(match.group(1)) if match else None


def _numbered_after(verdicts: list[Verdict], end: int) -> int:
    """A numbered list that the article's stretch ends inside ("7) …" near its end)
    goes on while the next number follows within LIST_ITEM_GAP lines (an item's link
    or price between two items): the list is the article's, however its items weigh."""
    numbered = [
        j for j in range(max(end - LIST_ITEM_GAP, 0), end + 1)
        if _item_number(verdicts[j].line.text) is not None
    ]
    if not numbered:
        return end
    expected, j = _item_number(verdicts[numbered[-1]].line.text) + 1, end + 1
    while j < len(verdicts) and j <= end + LIST_ITEM_GAP + 1:
        if _item_number(verdicts[j].line.text) == expected:
            end, expected = j, expected + 1
            # the item's own lines (its link) up to the next item
            while (
                end + 1 < len(verdicts)
                and verdicts[end + 1].line.paragraph == verdicts[j].line.paragraph
                and _item_number(verdicts[end + 1].line.text) is None
            ):
                end += 1
        j += 1
    return end


def outside_body(verdicts: list[Verdict], page: bool) -> list[Verdict]:
    """Lines outside the article's running text: before or after the stretch of lines
    where running-text paragraphs outweigh everything else (menus, teasers, footers
    of a whole copied page). The stretch is the maximum-sum run of line weights."""
    best = (0.0, 0, -1)
    total, start = 0.0, 0
    discount, running, teasers = 1.0, 0.0, False
    for i, verdict in enumerate(verdicts):
        if verdict.rule in rules.SECTION_ENDS and running >= COMMENTS_AFTER_WORDS:
            # A comment section after the article (not a "Comments" button by the
            # byline): the body does not run on past it, and the running text
            # after it (the comments) counts for less than the article's.
            total, start, discount = 0.0, i, COMMENTS_DISCOUNT
        elif total <= 0:
            total, start = 0.0, i
        weight = _line_weight(verdict)
        if verdict.rule == "link_list" and rules.is_list_intro(verdict.line.text):
            # "Most read", "Related" after the article: headlines with one-line summaries
            teasers = running >= COMMENTS_AFTER_WORDS
        elif teasers and weight > 0:
            teasers = len(rules.words(verdict.line.text)) < TEASER_MAX_WORDS
            weight = -NOISE_PENALTY if teasers else weight
        running += max(weight, 0.0)
        total += weight * discount if weight > 0 else weight
        if total > best[0]:
            best = (total, start, i)
    _, first, last = best
    if last < 0:
        return verdicts
    stretch = list(verdicts)
    last = _content_after(stretch, last)
    first = _standfirst(stretch, first)
    outside = [
        v.line.text
        for i, v in enumerate(stretch)
        if (i < first or i > last) and v.kind in (BODY, HEADING)
    ]
    menu = sum(1 for text in outside if _menu_shaped(text))
    if not page and menu < PAGE_MIN_MENU_LINES:
        return verdicts  # no page around the article: the edge rules suffice
    confident = _stretch_share(stretch, first, last) >= CONFIDENT_SHARE
    comments = _labelled_section(stretch, last, rules.SECTION_ENDS)
    related = _labelled_section(stretch, last, {"link_list"})
    menus = _menu_blocks(stretch)
    out = [
        Verdict(v.line, NOISE, "outside_body")
        if (i < first or i > last)
        and v.kind in (BODY, HEADING, TITLE)
        and (i > comments or _removable(stretch, i, confident or i > related, menus))
        else v
        for i, v in enumerate(stretch)
    ]
    return page_title(out, first)


def _standfirst(verdicts: list[Verdict], first: int) -> int:
    """The article's standfirst (dek) sits just above its first paragraph: a long
    sentence-case line among the STANDFIRST_LOOKBACK lines above the stretch (a
    heading between them is the article's) stays with it, even unpunctuated or
    cut short by the page."""
    for j in range(first - 1, max(first - 1 - STANDFIRST_LOOKBACK, -1), -1):
        text = verdicts[j].line.text
        if (
            verdicts[j].kind == BODY
            and len(rules.words(text)) >= STANDFIRST_MIN_WORDS
            and not rules.is_title_case(text)
        ):
            return j
    return first


def _labelled_section(verdicts: list[Verdict], last: int, labels: set[str] | frozenset[str]) -> int:
    """Where a section labelled by one of ``labels`` (line rules) begins after the
    article: a comment section's label, or a list intro ("Related", "Most read").
    The label is a furniture signal of its own for what follows: everything after a
    comment label goes; after a list intro, all but a run of prose (a widget's
    label inside the article)."""
    return next(
        (
            j
            for j in range(last + 1, len(verdicts))
            if verdicts[j].rule in labels
            and (verdicts[j].rule != "link_list" or rules.is_list_intro(verdicts[j].line.text))
        ),
        len(verdicts),
    )


def _running_words(verdict: Verdict) -> int:
    text = verdict.line.text
    return len(rules.words(text)) if verdict.kind == BODY and rules.is_body_paragraph(text) else 0


def _stretch_share(verdicts: list[Verdict], first: int, last: int) -> float:
    """The share of the page's running-text words that lie in the chosen stretch:
    near 1 when the article is plainly the page's prose, low when other prose (a
    comment thread, a product list, a second story) competes with it."""
    total = sum(_running_words(v) for v in verdicts)
    inside = sum(_running_words(v) for v in verdicts[first : last + 1])
    return inside / total if total else 1.0


def _in_prose_run(verdicts: list[Verdict], i: int) -> bool:
    """Line ``i`` is running text next to running text: a paragraph of prose is
    never taken out by its position alone."""
    def running(j: int) -> bool:
        return 0 <= j < len(verdicts) and _running_words(verdicts[j]) > 0
    return running(i) and (running(i - 1) or running(i + 1))


def _removable(
    verdicts: list[Verdict], i: int, confident: bool, menus: set[int]
) -> bool:
    """Position is evidence only with a second signal: a confident choice of the
    article's stretch, or a menu block around the line; a run of prose stays."""
    if _in_prose_run(verdicts, i):
        return False
    return confident or verdicts[i].line.paragraph in menus


def _menu_blocks(verdicts: list[Verdict]) -> set[int]:
    """Blocks (a copied page's ``<div>`` with no paragraph break inside) made mostly
    of menu labels: a nav bar, a footer, a teaser rail, whatever their long lines.
    A product card (name, price, "Buy now") is too short a block to count."""
    lines: dict[int, list[str]] = {}
    for verdict in verdicts:
        lines.setdefault(verdict.line.paragraph, []).append(verdict.line.text)
    return {
        number
        for number, texts in lines.items()
        if len(texts) >= MENU_BLOCK_MIN_LINES
        and sum(map(_menu_shaped, texts)) >= MENU_BLOCK_SHARE * len(texts)
    }


def page_title(verdicts: list[Verdict], first: int) -> list[Verdict]:
    """A page's headline sits just above its article: of the headline-shaped lines
    among the few above the stretch, the longest becomes the title."""
    if any(v.kind == TITLE for v in verdicts):
        return verdicts
    candidates = [
        i
        for i in range(max(first - TITLE_LOOKBACK, 0), first)
        if verdicts[i].rule == "outside_body" and _headline_shaped(verdicts[i].line.text)
    ]
    if candidates:
        # the longest: bylines, datelines and buttons above an article are short
        best = max(candidates, key=lambda i: (len(rules.words(verdicts[i].line.text)), i))
        verdicts[best] = Verdict(verdicts[best].line, TITLE, "heading")
    return verdicts


def _headline_shaped(text: str) -> bool:
    """Title-like, 4 to 20 words, no digits-led date or byline ("By …", "… @handle")."""
    return (
        4 <= len(rules.words(text)) <= 20
        and rules.is_title_like(text, max_words=20)
        and not text[0].isdigit()
        and not re.search(r"^By\s|@|\t|\d{1,2}:\d{2}", text)
    )
