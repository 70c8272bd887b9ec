"""Cleaning: split an article's text into body, section headings and page furniture.

The cleaner looks at each non-blank line once with the line rules of
:mod:`newsledger.ingest.rules` (durations, player notices, promos, credits, bylines,
datelines, share bars, advert markers, comment labels, teasers, standalone labels),
then walks the lines in order with the context rules that need the neighbours:

* ``link_list`` — a list intro ("Read more on Sky News:") and the headline-like
  lines that follow it, until a real paragraph;
* ``video_caption`` — the one short, non-sentence line right after a player notice
  or a duration (the video's title);
* ``author_line`` — a short name-like line right above a dateline;
* ``heading`` — a short title-like paragraph followed by a body paragraph. Headings
  are kept OUT of the clean text and recorded in ``Article.headings``, so every
  annotator reads running prose only; a repeat of the article's title is noise;
* ``edge_fragment`` — short title-like lines before the first or after the last
  body paragraph (author names, tag lists); before the body, the first one is the
  title of an article that has none, and its repeats are ``title_repeat``;
* ``caption_slug`` — a Title Case line right above a caption or credit;
* ``outside_body`` — for a whole page's text (menus, teasers, comments and footers
  around the article, as a reader copying a page gets it): every line outside the
  article's stretch of running text, the maximum-weight run of lines.

Everything else is body, kept verbatim (lines stripped of surrounding whitespace;
paragraphs joined by one blank line), so quotes in the clean text are character for
character those of the source. Each decision carries the rule that made it
(:func:`classify`), so tests can check *why* a line went.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace

from newsledger.ingest import rules
from newsledger.records import Document

logger = logging.getLogger(__name__)

BODY, HEADING, NOISE, TITLE = "body", "heading", "noise", "title"


@dataclass(frozen=True)
class Line:
    """One non-blank line of the input: its text (stripped) and its paragraph."""

    text: str
    paragraph: int  # index of the blank-line-separated block it belongs to
    alone: bool  # the only line of its paragraph


@dataclass(frozen=True)
class Verdict:
    """What the cleaner decided for one line, and which rule decided it."""

    line: Line
    kind: str  # BODY, HEADING, NOISE or TITLE
    rule: str | None = None


def split_lines(text: str) -> list[Line]:
    """The non-blank lines of ``text`` with their paragraph numbers.

    >>> [(l.text, l.paragraph) for l in split_lines("a\\nb\\n\\n c ")]
    [('a', 0), ('b', 0), ('c', 1)]
    """
    blocks: list[list[str]] = [[]]
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        stripped = raw.strip()
        if stripped:
            blocks[-1].append(stripped)
        elif blocks[-1]:
            blocks.append([])
    return [
        Line(text, number, len(block) == 1)
        for number, block in enumerate(b for b in blocks if b)
        for text in block
    ]


def classify(
    text: str, title: str | None = None, page: bool | None = None
) -> list[Verdict]:
    """One :class:`Verdict` per non-blank line of ``text``.

    ``page`` says whether ``text`` may be a whole page's text (menus, teasers and
    footers around the article, as a reader copying a page gets it): ``True`` looks
    for the article's stretch of running text (``outside_body``), ``False`` does not
    (the text is an extracted body, e.g. trafilatura's), ``None`` decides from the
    text: it is a page when at least ``PAGE_MIN_MENU_LINES`` menu-shaped lines lie
    outside that stretch.

    >>> [(v.line.text, v.kind, v.rule) for v in classify("4:14\\n\\nHe left on Monday.")]
    [('4:14', 'noise', 'duration'), ('He left on Monday.', 'body', None)]
    """
    lines = split_lines(text)
    first_pass = [rules.line_rule(line.text) for line in lines]
    verdicts = _trim_edges(list(_walk(lines, first_pass, title)), title)
    return verdicts if page is False else _outside_body(verdicts, page is True)


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


def _outside_body(verdicts: list[Verdict], page: bool) -> list[Verdict]:
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
    return _page_title(out, first)


def _page_title(verdicts: list[Verdict], first: int) -> list[Verdict]:
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


def _walk(
    lines: Sequence[Line], first_pass: Sequence[str | None], title: str | None
) -> Iterator[Verdict]:
    """The context pass: link lists, video captions, headings, the title."""
    after_player = in_list = False
    list_paragraph = -1
    title_key = _key(title) if title else None
    followed = _followed_by_body(lines, first_pass)
    for i, (line, rule) in enumerate(zip(lines, first_pass)):
        if rules.is_list_intro(line.text):
            # Before the line rules: "Read more on Sky News:" is also a promo, but
            # as a list intro it tells us the lines after it are links.
            in_list, list_paragraph, after_player = True, line.paragraph, False
            yield Verdict(line, NOISE, "link_list")
            continue
        if rule is not None:
            after_player = rule in rules.PLAYER_RULES
            in_list = False
            yield Verdict(line, NOISE, rule)
            continue
        followed_by_body = followed[i]
        if title_key and _key(line.text) == title_key:
            verdict = Verdict(line, NOISE, "title_repeat")
        elif in_list and _is_list_item(line, list_paragraph, followed_by_body):
            verdict, list_paragraph = Verdict(line, NOISE, "link_list"), line.paragraph
        elif after_player and _is_caption(line.text):
            verdict = Verdict(line, NOISE, "video_caption")
        elif first_pass[i + 1 : i + 2] == ["photo_credit"] and rules.is_title_case(line.text):
            # a picture's slug in title case right above its caption or credit
            verdict = Verdict(line, NOISE, "caption_slug")
        elif _is_author_line(line.text, first_pass[i + 1 : i + 2]):
            verdict = Verdict(line, NOISE, "author_line")
        elif line.alone and rules.is_heading_like(line.text) and followed_by_body:
            verdict = Verdict(line, HEADING, "heading")
        else:
            verdict = Verdict(line, BODY)
        in_list = in_list and verdict.rule == "link_list"
        after_player = False
        yield verdict


def _trim_edges(verdicts: list[Verdict], title: str | None) -> list[Verdict]:
    """The title, and heading-like lines before the first or after the last body paragraph.

    Page furniture gathers at the edges of an article (author names, "BBC News,
    Kyiv", tag lists, "Reuse this content"). The first kept line of an article
    without a title is its title when it is title-shaped (a question too). Trimming
    before the body stops at the first kept line that is not a fragment; after the
    body, a kept line ending with ":" introduces content (a list of key dates), so
    trimming stops there.
    """
    out = _find_title(verdicts) if title is None else list(verdicts)
    running = _running_paragraphs(out)
    body = [
        i for i, v in enumerate(out) if v.kind == BODY and v.line.paragraph in running
    ]
    if not body:
        return list(verdicts)
    last = None  # the last fragment trimmed before the body
    for i in range(body[0]):
        if not _is_fragment(out[i]):
            if out[i].kind == BODY:
                # Content of another shape (a schedule, a list) starts here; the
                # fragment right above it is its heading.
                if last is not None and last == _previous_kept(out, i):
                    out[last] = verdicts[last]
                break
            continue
        out[i], last = Verdict(out[i].line, NOISE, "edge_fragment"), i
    for i in range(body[-1] + 1, len(out)):
        if out[i].kind == BODY and out[i].line.text.rstrip().endswith(":"):
            break
        if _is_fragment(out[i]):
            out[i] = Verdict(out[i].line, NOISE, "edge_fragment")
    return out


def _find_title(verdicts: list[Verdict]) -> list[Verdict]:
    """The first kept line as the title when title-shaped; its repeats (a page prints
    its headline in the breadcrumb, the header and the share bar) are furniture."""
    out = list(verdicts)
    first = next((i for i, v in enumerate(out) if v.kind in (BODY, HEADING)), None)
    if first is not None and _is_fragment(out[first], as_title=True):
        out[first] = Verdict(out[first].line, TITLE, "heading")
        key = _key(out[first].line.text)
        for i, verdict in enumerate(out):
            if i != first and verdict.kind in (BODY, HEADING) and _key(verdict.line.text) == key:
                out[i] = Verdict(verdict.line, NOISE, "title_repeat")
    return out


def _previous_kept(verdicts: Sequence[Verdict], i: int) -> int | None:
    """The index of the last line before ``i`` that no line rule removed."""
    return next(
        (
            j
            for j in range(i - 1, -1, -1)
            if verdicts[j].rule in (None, "heading", "edge_fragment")
        ),
        None,
    )


def _running_paragraphs(verdicts: Sequence[Verdict]) -> set[int]:
    """Paragraphs whose body lines, joined, read as running text (hard-wrapped or not)."""
    texts: dict[int, list[str]] = {}
    for verdict in verdicts:
        if verdict.kind == BODY:
            texts.setdefault(verdict.line.paragraph, []).append(verdict.line.text)
    return {
        number
        for number, lines in texts.items()
        if rules.is_body_paragraph(" ".join(lines))
    }


def _is_fragment(verdict: Verdict, as_title: bool = False) -> bool:
    """A short line alone in its paragraph (lines of a multi-line paragraph are
    wrapped text or a list: content). An article's title may be any title-shaped
    line, even a question; furniture must look like a heading."""
    shape = rules.is_title_like if as_title else rules.is_heading_like
    return (
        verdict.kind in (BODY, HEADING)
        and verdict.line.alone
        and shape(verdict.line.text)
    )


def _is_author_line(text: str, next_rule: Sequence[str | None]) -> bool:
    """A short name-like line right above a dateline ("Jane Smith in Kyiv")."""
    return (
        bool(next_rule)
        and next_rule[0] == "dateline"
        and rules.is_title_like(text, max_words=8)
    )


def _key(text: str) -> str:
    return " ".join(rules.words(text))


def _followed_by_body(
    lines: Sequence[Line], first_pass: Sequence[str | None]
) -> list[bool]:
    """For each line, whether the next line no line rule removed reads as running text."""
    followed = [False] * len(lines)
    upcoming = False
    for i in range(len(lines) - 1, -1, -1):
        followed[i] = upcoming
        if first_pass[i] is None:
            upcoming = rules.is_body_paragraph(lines[i].text)
    return followed


def _is_list_item(line: Line, list_paragraph: int, followed_by_body: bool) -> bool:
    """A headline-like line continuing a link list.

    In the list's own paragraph any headline-like line is an item; across a blank
    line it is one only when no body paragraph follows (then it is a heading).
    """
    if not rules.is_title_like(line.text, max_words=16) and not _is_quoted_headline(
        line.text
    ):
        return False
    return line.paragraph == list_paragraph or not followed_by_body


def _is_quoted_headline(text: str) -> bool:
    # Headlines that lead with a quote end with the attribution ("‘Don’t trust
    # Russia,’ diplomat warns"): short, no final full stop.
    return len(rules.words(text)) <= 16 and not rules.ends_sentence(text)


def _is_caption(text: str) -> bool:
    """A video title: short and not a full-stop sentence (a question is fine)."""
    stripped = text.rstrip("\"'”’)")
    return len(rules.words(text)) <= 16 and not stripped.endswith((".", ":", ";", ","))


def assemble(verdicts: Sequence[Verdict]) -> str:
    """The clean text: body lines verbatim, paragraphs separated by one blank line."""
    out: list[str] = []
    paragraph = None
    for verdict in verdicts:
        if verdict.kind != BODY:
            continue
        if out and verdict.line.paragraph != paragraph:
            out.append("")
        out.append(verdict.line.text)
        paragraph = verdict.line.paragraph
    return "\n".join(out)


def clean(document: Document, page: bool | None = None) -> Document:
    """Remove page furniture from ``document.article``; record headings and noise.

    Cleaning always starts from ``article.original`` (or ``article.text`` when there
    is no original), so cleaning twice gives the same article. ``page`` is as for
    :func:`classify`. Example: an
    article whose original is ``"4:14\\n\\nHe left on Monday."`` comes out with
    text ``"He left on Monday."`` and noise ``("4:14",)``.
    """
    article = document.article
    original = article.original or article.text
    verdicts = classify(original, article.title, page)
    found_title = next((v.line.text for v in verdicts if v.kind == TITLE), None)
    cleaned = replace(
        article,
        original=original,
        text=assemble(verdicts),
        title=article.title or found_title,
        headings=tuple(v.line.text for v in verdicts if v.kind == HEADING),
        noise=tuple(v.line.text for v in verdicts if v.kind == NOISE),
    )
    logger.debug(
        "%s: removed %d noise lines", article.source or article.id, len(cleaned.noise)
    )
    return document.evolve(article=cleaned)
