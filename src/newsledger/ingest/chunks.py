"""Article bodies split over sibling containers, which trafilatura reads only the first of.

Some sites cut a long article into several containers of the same kind, with adverts
or embeds between them (WIRED: a ``<div class="… article__body …">`` per chunk).
trafilatura keeps the first container it recognises and stops, losing half the
article. :func:`missing_chunks` finds the container that holds trafilatura's
paragraphs, looks for other elements of the same tag and class, and returns the
running-text paragraphs they hold that trafilatura left out, each tagged with whether
it comes before or after the extracted body in the page.

>>> first = 'One two three four five six seven eight nine ten. ' * 2
>>> more = '<p>Eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty.</p>'
>>> page = (f'<main><div class="chunk"><p>{first}</p></div><aside>Ad</aside>'
...         f'<div class="chunk">{more}{more.replace("Eleven", "Twelve")}</div></main>')
>>> before, after = missing_chunks(page, 'One two three four five six seven eight nine ten. ' * 2)
>>> before, [p.split()[0] for p in after]
([], ['Eleven', 'Twelve'])
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import lxml.etree
import lxml.html

from newsledger.ingest.pagetext import page_text

_TOKEN = re.compile(r"\w+", re.UNICODE)
#: A paragraph of running text: at least this many words.
MIN_PARAGRAPH_WORDS = 10
#: A chunk worth adding holds at least this many such paragraphs.
MIN_CHUNK_PARAGRAPHS = 2
#: Class or id words of page parts that repeat their container's markup but are not
#: the article (the same kind of names trafilatura's own boilerplate XPaths avoid).
_NOT_ARTICLE = re.compile(
    r"comment|repl(?:y|ies)|respon|disqus|discussion|sidebar|related|recommend|promo|"
    r"newsletter|subscri|footer|advert|sponsor|(?:^|[-_\s])ads?(?:$|[-_\s])|share|social|"
    r"author-?bio|about",
    re.IGNORECASE,
)


def _key(text: str) -> str:
    return " ".join(_TOKEN.findall(text.casefold()))


def _signature(element: lxml.html.HtmlElement) -> tuple[str, str] | None:
    classes = (element.get("class") or "").split()
    return (element.tag, " ".join(sorted(classes))) if classes else None


def missing_chunks(html: str | bytes, body: str) -> tuple[list[str], list[str]]:
    """Paragraphs of sibling body containers that ``body`` lacks: (before it, after it)."""
    try:
        root = lxml.html.document_fromstring(html)
    except (lxml.etree.ParserError, ValueError):
        return [], []
    have = {_key(line) for line in body.splitlines() if line.strip()}
    paragraphs = [p for p in root.iter("p") if len(p.text_content().split()) >= MIN_PARAGRAPH_WORDS]
    found = [p for p in paragraphs if _key(p.text_content()) in have]
    if not found:
        return [], []
    container = found[0].getparent()
    signature = _signature(container)
    if signature is None:
        return [], []
    order = {element: i for i, element in enumerate(root.iter())}
    extracted = {p.getparent() for p in found}
    before: list[str] = []
    after: list[str] = []
    for element in root.iter(container.tag):
        if element in extracted or _signature(element) != signature:
            continue
        ancestors = list(element.iterancestors())
        if any(a in extracted for a in ancestors) or any(_boilerplate(a) for a in [element, *ancestors]):
            continue
        texts = list(_missing(element, have))
        if len(texts) < MIN_CHUNK_PARAGRAPHS:
            continue
        (before if order[element] < order[container] else after).extend(texts)
    return before, after


def _boilerplate(element: lxml.html.HtmlElement) -> bool:
    names = f"{element.get('class') or ''} {element.get('id') or ''}"
    return bool(_NOT_ARTICLE.search(names))


def _missing(element: lxml.html.HtmlElement, have: set[str]) -> Iterable[str]:
    """The running-text paragraphs of ``element`` not already in the body."""
    for p in element.iter("p"):
        text = page_text(lxml.html.tostring(p, encoding="unicode"))
        if len(text.split()) >= MIN_PARAGRAPH_WORDS and _key(text) not in have:
            yield " ".join(text.split())
