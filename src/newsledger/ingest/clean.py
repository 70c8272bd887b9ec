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
from collections.abc import Iterator, Sequence
from dataclasses import replace

from newsledger.ingest import rules
from newsledger.ingest.lines import BODY, HEADING, NOISE, TITLE, Line, Verdict, split_lines
from newsledger.ingest.page import outside_body
from newsledger.records import Document

__all__ = [
    "BODY", "HEADING", "NOISE", "TITLE", "Line", "Verdict",
    "assemble", "classify", "clean", "split_lines",
]

logger = logging.getLogger(__name__)

def classify(
    text: str, title: str | None = None, page: bool | None = None
) -> list[Verdict]:
    """One :class:`Verdict` per non-blank line of ``text``.

    ``page`` says whether ``text`` may be a whole page's text (menus, teasers and
    footers around the article, as a reader copying a page gets it): ``True`` looks
    for the article's stretch of running text (``outside_body``), ``False`` does not
    (the text is an extracted body, e.g. trafilatura's), ``None`` decides from the
    text: it is a page when at least ``page.PAGE_MIN_MENU_LINES`` menu-shaped lines lie
    outside that stretch.

    >>> [(v.line.text, v.kind, v.rule) for v in classify("4:14\\n\\nHe left on Monday.")]
    [('4:14', 'noise', 'duration'), ('He left on Monday.', 'body', None)]
    """
    lines = split_lines(text)
    first_pass = [rules.line_rule(line.text) for line in lines]
    verdicts = _trim_edges(list(_walk(lines, first_pass, title)), title)
    return verdicts if page is False else outside_body(verdicts, page is True)


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
