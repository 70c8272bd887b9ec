"""Article metadata: publication dates, content ids and a cheap language guess.

* :func:`parse_published` normalises a date from a user flag, a feed, a page's
  metadata or a WARC header to ISO 8601 (a date alone stays a date: times are never
  invented);
* :func:`article_id` is the stable content hash of an article's body;
* :func:`detect_language` is a stopword-ratio detector, enough to tell the languages
  newsledger meets in news apart (and to say ``None`` when it cannot tell).
"""

from __future__ import annotations

import email.utils
import hashlib
import re
from collections.abc import Mapping
from datetime import date, datetime
from types import MappingProxyType

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


#: The most frequent function words of each language (from the stopword lists of
#: NLTK / the Snowball project, cut to words that are rare in the other languages
#: here), for a cheap ratio-based guess.
STOPWORDS: Mapping[str, frozenset[str]] = MappingProxyType(
    {
        "en": frozenset(
            "the and of to in is was that for it with as on be by at this are from have has "
            "had not but which they were their said would will been who its an".split()
        ),
        "fr": frozenset(
            "le la les des et est une dans du que qui pour pas sur au avec il elle sont ont "
            "ce cette aux nous vous mais être été".split()
        ),
        "de": frozenset(
            "der die und das ist nicht mit den dem ein eine zu von sich auch auf für des im "
            "sie wird wurde werden hat haben".split()
        ),
        "es": frozenset(
            "el la los las y del que en un una por con para es se no su al lo como más pero "
            "sus fue han ha".split()
        ),
        "it": frozenset(
            "il la di che e un una per non del della sono con gli le nel alla anche come più "
            "ma ha è stato".split()
        ),
        "pt": frozenset(
            "o a os as de do da que e um uma para com não em no na por mais se foi são ao "
            "dos das pelo".split()
        ),
        "nl": frozenset(
            "de het een en van dat is niet op te zijn met voor die er ook aan als maar bij "
            "door heeft werd".split()
        ),
    }
)

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def detect_language(
    text: str, settings: IngestSettings = IngestSettings()
) -> str | None:
    """An ISO 639-1 code from the share of each language's stopwords, or ``None``
    (see IngestSettings.language_min_words and IngestSettings.language_min_ratio).

    >>> detect_language("The president said that the talks were going well and that he would meet the leaders of the European allies in the coming weeks.")
    'en'
    """
    words = [w.casefold() for w in _WORD.findall(text[:20_000])]
    if len(words) < settings.language_min_words:
        return None
    ratios = {
        lang: sum(w in stop for w in words) / len(words)
        for lang, stop in STOPWORDS.items()
    }
    best = max(ratios, key=ratios.__getitem__)
    return best if ratios[best] >= settings.language_min_ratio else None
