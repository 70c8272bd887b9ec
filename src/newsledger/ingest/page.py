"""A whole page's text: the article is its heaviest stretch of running text.

Text copied from a browser holds the menus, teasers, comments and footers around the
article. :func:`outside_body` weighs every line (running text for the article, the rest
against it), takes the maximum-sum stretch of lines as the article, keeps a list or
table that follows it, and marks everything else ``outside_body``; :func:`page_title`
finds the headline just above it. :func:`newsledger.ingest.clean.classify` calls it
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
    outside = [
        v.line.text
        for i, v in enumerate(stretch)
        if (i < first or i > last) and v.kind in (BODY, HEADING)
    ]
    menu = sum(1 for text in outside if _menu_shaped(text))
    if not page and menu < PAGE_MIN_MENU_LINES:
        return verdicts  # no page around the article: the edge rules suffice
    out = [
        Verdict(v.line, NOISE, "outside_body")
        if (i < first or i > last) and v.kind in (BODY, HEADING, TITLE)
        else v
        for i, v in enumerate(stretch)
    ]
    return page_title(out, first)


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
