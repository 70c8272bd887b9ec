"""Metadata normalisers: publication dates, content ids, language."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from email.utils import format_datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsledger.ingest import parse_published
from newsledger.ingest.metadata import article_id, detect_language
from tests.conftest import REFERENCE_TEXT

REFERENCE = REFERENCE_TEXT.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "text,expected",
    [
        ("2025-08-19", "2025-08-19"),
        ("2025-08-19T10:30:00+01:00", "2025-08-19T10:30:00+01:00"),
        ("2025-08-19T10:30:00Z", "2025-08-19T10:30:00+00:00"),
        ("2025-08-19 10:30", "2025-08-19T10:30:00"),
        ("Tue, 19 Aug 2025 10:30:00 +0100", "2025-08-19T10:30:00+01:00"),
        ("Tue, 19 Aug 2025 10:30:00 GMT", "2025-08-19T10:30:00+00:00"),
        ("19 August 2025", "2025-08-19"),
        ("August 19, 2025", "2025-08-19"),
        ("Tuesday 19 August 2025", "2025-08-19"),
        ("Tuesday 19 August 2025 10:14, UK", "2025-08-19T10:14:00"),
        ("19/08/2025", "2025-08-19"),
        ("19 août 2025", "2025-08-19"),
        ("  2025-08-19  ", "2025-08-19"),
    ],
)
def test_parse_published(text: str, expected: str) -> None:
    assert parse_published(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "sometime soon",
        "yesterday",
        "3 hours ago",
        "Monday",
        "2025",
        "August 2025",
    ],
)
def test_parse_published_refuses_to_guess(text: str) -> None:
    with pytest.raises(ValueError) as info:
        parse_published(text)
    assert "\n" not in str(info.value)


_DATETIMES = st.datetimes(
    min_value=datetime(1990, 1, 1),
    max_value=datetime(2040, 12, 31),
    timezones=st.just(UTC),
).map(lambda d: d.replace(microsecond=0))
_OFFSETS = st.integers(min_value=-12 * 4, max_value=14 * 4).map(
    lambda q: timezone(timedelta(minutes=15 * q))
)


@settings(max_examples=200, deadline=None)
@given(_DATETIMES, _OFFSETS)
def test_iso_datetimes_round_trip(moment: datetime, offset: timezone) -> None:
    local = moment.astimezone(offset)
    assert datetime.fromisoformat(parse_published(local.isoformat())) == local


@settings(max_examples=200, deadline=None)
@given(_DATETIMES)
def test_rfc2822_agrees_with_iso(moment: datetime) -> None:
    assert parse_published(format_datetime(moment)) == moment.isoformat()


@settings(max_examples=60, deadline=None)
@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2040, 12, 31)))
def test_written_dates_stay_dates(day: date) -> None:
    for written in (
        day.isoformat(),
        day.strftime("%d %B %Y"),
        day.strftime("%B %d, %Y"),
    ):
        assert parse_published(written) == day.isoformat()


@settings(max_examples=100, deadline=None)
@given(st.one_of(_DATETIMES.map(datetime.isoformat), st.dates().map(date.isoformat)))
def test_parse_published_is_idempotent(text: str) -> None:
    once = parse_published(text)
    assert parse_published(once) == once


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=40))
def test_parse_published_only_raises_value_error(text: str) -> None:
    try:
        parse_published(text)
    except ValueError:
        pass


def test_article_id() -> None:
    assert article_id("Hello   world\n\n") == article_id("Hello world")
    assert article_id("Hello world") != article_id("Hello world!")
    assert len(article_id("x")) == 16 and int(article_id("x"), 16) >= 0


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.text(alphabet=st.characters(blacklist_categories=("Zs", "Cc")), min_size=1),
        min_size=1,
    )
)
def test_article_id_ignores_whitespace_layout(parts: list[str]) -> None:
    assert article_id(" ".join(parts)) == article_id("\n\n  ".join(parts) + "\t")


@pytest.mark.parametrize(
    "text,lang",
    [
        (REFERENCE, "en"),
        ("Le président a déclaré mardi que les négociations reprendraient à Genève, selon l'Élysée, "
         "et que les alliés européens sont prêts à participer aux garanties de sécurité pour l'Ukraine.", "fr"),
        ("Der Präsident hat am Dienstag gesagt, dass die Verhandlungen in Genf fortgesetzt werden und "
         "die europäischen Verbündeten sich an den Sicherheitsgarantien für die Ukraine beteiligen wollen.", "de"),
        ("El presidente dijo el martes que las negociaciones se reanudarán en Ginebra y que los aliados "
         "europeos están dispuestos a participar en las garantías de seguridad para Ucrania.", "es"),
        ("Too short to tell.", None),
        ("1234 5678 " * 30, None),
    ],
)  # fmt: skip
def test_detect_language(text: str, lang: str | None) -> None:
    assert detect_language(text) == lang
