"""A page's whole visible text, as a reader selecting all and copying it would get it.

Block elements (paragraphs, headings, list items, table cells, ``<div>``s, ``<br>``)
start a new line; inline elements run on; whitespace inside a line collapses as a
browser collapses it, except in ``<pre>``. What a browser does not show is left out:
``<script>``, ``<style>``, ``<template>``, ``<noscript>`` (a browser with scripts on
hides it), form controls, and elements marked ``hidden``, ``aria-hidden="true"`` or
``style="display:none"``. The result is the kind of text a user pastes into a
``.txt`` file, which is what the line cleaner (:mod:`newsledger.ingest.clean`) must
cope with; :mod:`newsledger.ingest.html` also uses it as a fallback when trafilatura
finds no body.

>>> page_text("<p>One <b>bold</b> word.</p><ul><li>Home</li><li>World</li></ul>")
'One bold word.\\n\\nHome\\nWorld'
"""

from __future__ import annotations

import re

import lxml.etree
import lxml.html

#: Elements a browser lays out as blocks (the HTML standard's rendering section):
#: each starts and ends a line. ``<p>`` leaves a blank line either side, as
#: ``innerText`` does, so paragraphs stay apart for the cleaner.
BLOCK_TAGS = frozenset(
    "address article aside blockquote body caption center dd details dialog dir div dl "
    "dt fieldset figcaption figure footer form frameset h1 h2 h3 h4 h5 h6 header hgroup "
    "hr legend li listing main menu nav ol p plaintext pre section summary table tbody "
    "tfoot thead tr ul xmp".split()
)
#: Table cells: separated by a tab within their row, as a browser copies them.
CELL_TAGS = frozenset({"td", "th"})
#: Elements a browser does not render as text.
HIDDEN_TAGS = frozenset(
    "script style template noscript head title meta link select option optgroup "
    "textarea input button iframe object embed svg math canvas audio video source "
    "track map area datalist".split()
)
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_SPACE = re.compile(r"[ \t\r\n\f\u200b]+")
_PREFORMATTED = frozenset({"pre", "listing", "xmp", "plaintext"})


def page_text(html: str | bytes) -> str:
    """The visible text of ``html``: one block per line, a blank line around paragraphs."""
    try:
        root = lxml.html.document_fromstring(html)
    except (lxml.etree.ParserError, ValueError):
        return ""
    parts: list[str | int] = []
    _render(root, parts, preformatted=False)
    return _join(parts)


def _join(parts: list[str | int]) -> str:
    """Text runs and required line breaks (ints) into lines: adjacent breaks merge to
    the largest, and a run that is only whitespace does not separate them."""
    out: list[str] = []
    line: list[str] = []
    pending = 0
    for part in parts:
        if isinstance(part, int):
            text = " ".join("".join(line).split(" ")).strip(" ")
            if text.strip():
                out.extend(["\n" * pending if out else "", text])
                pending = 0
            line = []
            pending = max(pending, part)
        else:
            line.append(part)
    text = "".join(line).strip(" ")
    if text.strip():
        out.extend(["\n" * pending if out else "", text])
    lines = "".join(out).split("\n")
    return "\n".join(" ".join(l.split()) if "\t" not in l else l.strip() for l in lines)


def _hidden(element: lxml.html.HtmlElement) -> bool:
    tag = element.tag.lower() if isinstance(element.tag, str) else ""
    if not tag or tag in HIDDEN_TAGS:
        return True
    attrib = element.attrib
    return (
        "hidden" in attrib
        or attrib.get("aria-hidden", "").lower() == "true"
        or bool(_HIDDEN_STYLE.search(attrib.get("style", "")))
    )


def _render(element: lxml.html.HtmlElement, parts: list[str | int], preformatted: bool) -> None:
    tag = element.tag.lower() if isinstance(element.tag, str) else ""
    breaks = 2 if tag == "p" else 1 if tag in BLOCK_TAGS else 0
    preformatted = preformatted or tag in _PREFORMATTED
    if tag == "br":
        parts.append("\n")
    elif not _hidden(element):
        if breaks:
            parts.append(breaks)
        elif tag in CELL_TAGS:
            parts.append("\t")
        if element.text:
            parts.append(_text(element.text, preformatted))
        for child in element:
            _render(child, parts, preformatted)
        if breaks:
            parts.append(breaks)
    if element.tail:
        parts.append(_text(element.tail, preformatted))


def _text(text: str, preformatted: bool) -> str:
    if preformatted:
        return text.replace("\r\n", "\n")
    return _SPACE.sub(" ", text)
