"""HTML pages: the article body and metadata via trafilatura, paragraphs kept apart.

trafilatura finds the main content and drops most boilerplate; we ask it for its XML
body rather than its plain text, because its text output joins paragraphs with a
single newline and we need the paragraph structure (blank lines between paragraphs,
list items on consecutive lines) for the line rules of
:mod:`newsledger.ingest.clean`, which run on its output too. When the article is cut
over sibling containers, trafilatura keeps the first; :mod:`newsledger.ingest.chunks`
adds the paragraphs of the others. Short HTML fragments
(feed summaries) go through :func:`fragment_text`, since trafilatura rejects content
shorter than its minimum extraction size.
"""

from __future__ import annotations

import logging
from typing import Any

from newsledger.ingest.build import Found, IngestError
from newsledger.ingest.chunks import missing_chunks
from newsledger.settings import IngestSettings

logger = logging.getLogger(__name__)

#: trafilatura elements that break the line when nested inside another block.
_NESTED_BLOCKS = frozenset({"list", "item", "p", "head", "quote", "row"})

#: Block-level tags of an HTML fragment (feed summaries, JSONL ``html`` snippets).
_FRAGMENT_BLOCKS = (
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "blockquote",
    "pre",
    "div",
)


def extract_html(
    html: str,
    source: str,
    url: str | None = None,
    settings: IngestSettings = IngestSettings(),
) -> Found:
    """The article in an HTML page, or :class:`IngestError` when none is found.

    Title, date, author and outlet (trafilatura's ``sitename``) come from the page's
    metadata; ``url`` is the page's canonical URL, else the one given. A body under
    ``settings.min_body_words`` words is no article (see IngestSettings.min_body_words).
    """
    import trafilatura

    try:
        result = trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            output_format="python",
        )
    except Exception as err:  # trafilatura raises assorted lxml/parser errors on junk
        raise IngestError(
            source, f"unreadable HTML ({type(err).__name__}: {err})"
        ) from err
    body = _body_text(getattr(result, "body", None)) if result is not None else ""
    if body:
        # trafilatura reads the first of a body split over sibling containers
        before, after = missing_chunks(html, body)
        body = "\n\n".join([*before, body, *after])
    if len(body.split()) < settings.min_body_words:
        raise IngestError(source, "malformed HTML or no article body found")
    return Found(
        body=body,
        source=source,
        title=result.title,
        outlet=result.sitename,
        url=result.url or url,
        published=result.date,
        author=result.author,
        language=result.language,
        page=False,
    )


def _body_text(body: Any) -> str:
    """trafilatura's XML body as text: one paragraph per block, separated by blank lines.

    Text trafilatura leaves between blocks (an element's tail, e.g. a paragraph
    after a ``<head>`` that it did not wrap in ``<p>``) is a paragraph of its own.
    """
    if body is None:
        return ""
    paragraphs = [_squash(body.text)]
    for element in body:
        paragraphs.append(_block_text(element))
        paragraphs.append(_squash(element.tail))
    return "\n\n".join(p for p in paragraphs if p.strip())


def _block_text(element: Any) -> str:
    if element.tag == "list":
        items = (_inline_text(item) for item in element.findall("item"))
        return "\n".join(i for i in items if i)
    if element.tag == "table":
        rows = (" | ".join(_inline_text(c) for c in row) for row in element.iter("row"))
        return "\n".join(r for r in rows if r.strip(" |"))
    return _inline_text(element)


def _squash(text: str | None) -> str:
    return " ".join((text or "").split())


def _inline_text(element: Any) -> str:
    """The text of one block: ``<lb/>`` and nested blocks (a list in an item) start lines."""
    parts: list[str] = [element.text or ""]
    for child in element:
        if child.tag == "lb":
            parts.append("\n")
        elif child.tag in _NESTED_BLOCKS:
            parts.extend(("\n", _inline_text(child), "\n"))
        else:
            parts.append(_inline_text(child))
        parts.append(child.tail or "")
    lines = (" ".join(line.split()) for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)


def fragment_text(html: str) -> str:
    """The text of an HTML fragment, one paragraph per block element.

    >>> fragment_text("<p>One <b>two</b>.</p><p>Three.</p>")
    'One two.\\n\\nThree.'
    """
    import lxml.html

    if "<" not in html:
        return html.strip()
    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
    except Exception:  # lxml's errors on junk markup vary; fall back to the raw text
        logger.debug("unparsable HTML fragment; using it as text")
        return html.strip()
    blocks = [el for el in root.iter(*_FRAGMENT_BLOCKS) if not _has_block_child(el)]
    texts = [" ".join(el.text_content().split()) for el in blocks] or [
        " ".join(root.text_content().split())
    ]
    return "\n\n".join(t for t in texts if t)


def _has_block_child(element: Any) -> bool:
    return any(child.tag in _FRAGMENT_BLOCKS for child in element.iterdescendants())
