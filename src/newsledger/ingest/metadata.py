"""Article metadata: publication dates, content ids and the language.

* :func:`parse_published` normalises a date from a user flag, a feed, a page's
  metadata or a WARC header to ISO 8601 (a date alone stays a date: times are never
  invented);
* :func:`article_id` is the stable content hash of an article's body;
* :func:`detect_language` is py3langid's classifier (the detector trafilatura itself
  uses for its ``target_language``), saying ``None`` when it cannot tell.
"""

from __future__ import annotations

import email.utils
import hashlib
import re
from datetime import date, datetime
from functools import cache
from types import MappingProxyType
from typing import Any

from newsledger.settings import IngestSettings

#: A clock time somewhere in the input ("10:14", "T10:30:00"): only then does the
#: normalised value carry a time, so "19 August 2025" stays "2025-08-19".
_CLOCK = re.compile(r"\d{1,2}:\d{2}")

#: A year written out ("2025", "19/08/25"): natural-language dates must have one,
#: so relative expressions ("yesterday", "Monday") are refused, not guessed.
_EXPLICIT_YEAR = re.compile(r"\b\d{4}\b|\b\d{1,2}[/.-]\d{1,2}[/.-]\d{2}\b")

#: Trailing words dateparser does not know but datelines use ("10:14, UK").
_TRAILING_PLACE = re.compile(
    r"[,\s]+(UK|US|ET|PT|CET|CEST|BST|GMT|UTC)\s*$", re.IGNORECASE
)

#: dateparser settings: a value must name day, month and year (never guess a missing
#: part) and stay in the time zone it was written in.
_DATEPARSER_SETTINGS = MappingProxyType(
    {
        "REQUIRE_PARTS": ("day", "month", "year"),
        "RETURN_AS_TIMEZONE_AWARE": False,
        "PREFER_DATES_FROM": "past",
        "STRICT_PARSING": True,
    }
)


def parse_published(text: str) -> str:
    """Normalise a publication date to ISO 8601, raising ``ValueError`` when unparsable.

    >>> parse_published("Tue, 19 Aug 2025 10:30:00 +0100")
    '2025-08-19T10:30:00+01:00'
    >>> parse_published("19 August 2025")
    '2025-08-19'
    """
    value = " ".join(str(text).split())
    if not value:
        raise ValueError("empty publication date")
    parsed = _parse_iso(value) or _parse_rfc2822(value) or _parse_natural(value)
    if parsed is None:
        raise ValueError(f"unparsable publication date: {value!r}")
    if isinstance(parsed, datetime) and _CLOCK.search(value):
        return parsed.isoformat()
    return (
        parsed.date().isoformat()
        if isinstance(parsed, datetime)
        else parsed.isoformat()
    )


def _parse_iso(value: str) -> date | datetime | None:
    candidate = value[:-1] + "+00:00" if value.endswith(("Z", "z")) else value
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", candidate):
            return date.fromisoformat(candidate)
        return datetime.fromisoformat(candidate)
    except ValueError:
        return None


def _parse_rfc2822(value: str) -> datetime | None:
    try:
        return email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None


def _parse_natural(value: str) -> datetime | None:
    # Imported here: dateparser takes about a second to import, and most inputs are
    # ISO or RFC 2822 dates that never need it.
    import dateparser

    if not _EXPLICIT_YEAR.search(value):
        return None  # "yesterday", "3 hours ago": relative to an unknown now
    stripped = _TRAILING_PLACE.sub("", value)
    # English first: searching all of dateparser's languages costs seconds per miss.
    for candidate, languages in ((value, ["en"]), (stripped, ["en"]), (stripped, None)):
        parsed = dateparser.parse(
            candidate, languages=languages, settings=_dateparser_settings()
        )
        if parsed is not None:
            return parsed
    return None


def _dateparser_settings() -> dict:
    # dateparser wants a plain dict (and a list of parts); give it a fresh copy.
    settings = dict(_DATEPARSER_SETTINGS)
    settings["REQUIRE_PARTS"] = list(settings["REQUIRE_PARTS"])
    return settings


def article_id(body: str) -> str:
    """The stable id of an article: sha256 of its whitespace-normalised body, 16 hex chars.

    >>> article_id("Hello   world") == article_id("Hello world\\n")
    True
    """
    normalised = " ".join(body.split())
    return hashlib.sha256(normalised.encode("utf-8", "surrogatepass")).hexdigest()[:16]


_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


@cache
def _identifier() -> Any:
    """py3langid's classifier (its model ships inside the package; loaded once, ~1 s)."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(
    text: str, settings: IngestSettings = IngestSettings()
) -> str | None:
    """An ISO 639-1 code from py3langid (langid.py's model: 97 languages, trained on
    news, Wikipedia and web text), or ``None`` when the text is too short or the
    classifier unsure (see IngestSettings.language_min_words and
    IngestSettings.language_min_probability).

    >>> detect_language("The president said that the talks were going well and that he would meet the leaders of the European allies in the coming weeks.")
    'en'
    >>> detect_language("O presidente disse que as negociações estavam a correr bem e que se reuniria com os líderes dos aliados europeus nas próximas semanas.")
    'pt'
    """
    sample = text[:20_000]
    if len(_WORD.findall(sample)) < settings.language_min_words:
        return None
    language, probability = _identifier().classify(sample)
    if probability < settings.language_min_probability or len(language) != 2:
        return None
    return str(language)


def normalise_language(code: str | None) -> str | None:
    """A declared language (``<html lang="en-GB">``) as its ISO 639-1 part: ``"en"``."""
    if not code:
        return None
    primary = code.strip().replace("_", "-").split("-")[0].casefold()
    return primary if len(primary) == 2 and primary.isalpha() else None
