"""From what a reader found to a cleaned :class:`~newsledger.records.Document`.

Readers (:mod:`newsledger.ingest.sources` and the per-format modules) yield
:class:`Found` — the body text before cleaning plus whatever metadata the format
carried — or an :class:`IngestError`; :func:`build` applies the user's overrides,
normalises the date, computes the id, cleans and guesses the language.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, replace

from newsledger.ingest.clean import clean
from newsledger.ingest.metadata import (
    article_id,
    detect_language,
    normalise_language,
    parse_published,
)
from newsledger.records import Article, Document
from newsledger.settings import IngestSettings

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Overrides:
    """Metadata given on the command line (``--published --outlet --url``); wins over the input's."""

    published: str | None = None  # already-normalised ISO string
    outlet: str | None = None
    url: str | None = None


class IngestError(Exception):
    """A bad input or entry: ``str(error)`` is one line naming it, ``.source`` the name.

    >>> str(IngestError("feed.xml", "malformed feed: not well-formed"))
    'feed.xml: malformed feed: not well-formed'
    """

    def __init__(self, source: str, reason: str) -> None:
        self.source = source
        self.reason = " ".join(str(reason).split())
        super().__init__(f"{source}: {self.reason}")


@dataclass(frozen=True)
class Found:
    """One article as a reader found it: the body before cleaning and its metadata.

    ``published`` is the raw value; ``strict_date`` says whether an unparsable one is
    an error (a JSONL field the user wrote) or a warning (page metadata, which is
    often junk: then the date is left unknown).
    """

    body: str
    source: str
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: str | None = None
    author: str | None = None
    language: str | None = None
    id: str | None = None
    fetched: str | None = None  # ISO 8601 UTC, when read from the web
    strict_date: bool = False
    #: whether ``body`` may be a whole page's text, for :func:`~newsledger.ingest.clean.classify`
    page: bool | None = None


def build(
    found: Found,
    overrides: Overrides = Overrides(),
    settings: IngestSettings = IngestSettings(),
) -> Document | IngestError | None:
    """The cleaned document for ``found``, an :class:`IngestError` when it has no text,
    or ``None`` when it is in a language ``settings.languages`` leaves out (one warning
    is logged: ``"page.html: language pt, not en: skipped (--lang any keeps it)"``)."""
    if not found.body.strip():
        return IngestError(found.source, "no article text")
    if _url_list(found.body):
        return IngestError(
            found.source,
            "a list of URLs, not an article: give it with -i to fetch each URL",
        )
    published = overrides.published
    if published is None and found.published:
        try:
            published = parse_published(found.published)
        except ValueError as err:
            if found.strict_date:
                return IngestError(found.source, f"bad 'published' value: {err}")
            logger.warning("%s: ignoring publication date: %s", found.source, err)
    if published is None:
        logger.warning(
            "%s: no publication date; times will stay unanchored", found.source
        )
    article = Article(
        id=found.id or article_id(found.body),
        text=found.body,
        original=found.body,
        title=_clean_field(found.title),
        outlet=overrides.outlet or _clean_field(found.outlet),
        url=overrides.url or _clean_field(found.url),
        fetched=found.fetched,
        published=published,
        author=_clean_field(found.author),
        language=found.language,
        source=found.source,
    )
    document = clean(Document(article=article), page=found.page)
    if not document.article.text.strip():
        return IngestError(
            found.source, "no article text left after removing page furniture"
        )
    # The text says which language it is in; a page's declared language (often a
    # site-wide template default) only when the text is too short to tell.
    language = detect_language(document.article.text, settings) or normalise_language(
        document.article.language
    )
    document = document.evolve(article=_with_language(document.article, language))
    if not _language_kept(language, settings.languages):
        logger.warning(
            "%s: language %s, not %s: skipped (--lang any keeps it)",
            found.source, language or "unknown", settings.languages,
        )
        return None
    return document


def _language_kept(language: str | None, wanted: str) -> bool:
    """Whether ``settings.languages`` ("en", "en,fr", "any") keeps ``language``; an
    article whose language cannot be told is kept."""
    codes = {code.strip().casefold() for code in wanted.split(",") if code.strip()}
    return "any" in codes or language is None or language in codes


def _url_list(body: str) -> bool:
    """A text made only of URLs, one a line (a URL list given as an article)."""
    lines = [line.strip() for line in body.splitlines() if line.strip()]
    return bool(lines) and all(
        re.fullmatch(r"https?://\S+", line) for line in lines
    )


def _clean_field(value: object) -> str | None:
    text = " ".join(str(value).split()) if value is not None else ""
    return text or None


def _with_language(article: Article, language: str | None) -> Article:
    return replace(article, language=language)
