"""Property tests: records round-trip through the store; the small normalisers hold."""

from __future__ import annotations

import datetime as dt
import types
from dataclasses import fields, is_dataclass
from typing import Any, Union, get_args, get_origin, get_type_hints

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsledger.layers import LAYER_TYPES
from newsledger.records import Article, Document, Entity, Mention
from newsledger.store import Ledger, schema
from newsledger.store.ledger import _merge_aliases
from newsledger.store.search import _iso_day, names_match

OFFSETS = st.integers(min_value=0, max_value=2**31)
TEXT_SIZE = 1000
SPAN_ENDS = st.integers(min_value=0, max_value=TEXT_SIZE)


def strategy(hint: Any) -> st.SearchStrategy:
    """Values of a type hint, built independently of the store's own mapping."""
    origin, args = get_origin(hint), get_args(hint)
    if origin in (Union, types.UnionType):
        return st.one_of(*(strategy(a) for a in args))
    if hint is type(None):
        return st.none()
    if hint is str:
        return st.text(max_size=20)
    if hint is int:
        return OFFSETS
    if hint is float:
        return st.floats(allow_nan=False, allow_infinity=False)
    if origin is tuple and args == (int, int):  # a span: ordered, inside ARTICLE's text
        return st.tuples(SPAN_ENDS, SPAN_ENDS).map(lambda pair: tuple(sorted(pair)))
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        return st.lists(strategy(args[0]), max_size=3).map(tuple)
    if origin is tuple:
        return st.tuples(*(strategy(a) for a in args))
    if is_dataclass(hint):
        return records(hint)
    raise TypeError(hint)


def records(record: type, **fixed: Any) -> st.SearchStrategy:
    hints = get_type_hints(record)
    kwargs = {f.name: strategy(hints[f.name]) for f in fields(record)}
    kwargs.update({name: st.just(value) for name, value in fixed.items()})
    return st.builds(record, **kwargs)


ARTICLE = Article("a-1", "x" * TEXT_SIZE)


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(
    layer=st.sampled_from(sorted(LAYER_TYPES)),
    data=st.data(),
)
def test_layer_record_round_trip(layer: str, data: st.DataObject) -> None:
    record = data.draw(records(LAYER_TYPES[layer], article_id="a-1", id="r-1"))
    with Ledger.open(":memory:") as ledger:
        ledger.add([Document(ARTICLE, **{layer: (record,)})])
        assert ledger.records(layer) == [record]


@settings(max_examples=40, deadline=None)
@given(article=records(Article), entity=records(Entity))
def test_article_entity_mention_round_trip(article: Article, entity: Entity) -> None:
    end = min(1, len(article.text))
    mention = Mention("m-1", article.id, entity.id, article.text[:end], (0, end))
    with Ledger.open(":memory:") as ledger:
        ledger.add([Document(article, (entity,), (mention,))])
        assert ledger.articles() == [article]
        assert ledger.entities() == [Entity(entity.id, entity.name, entity.type,
                                            tuple(dict.fromkeys(entity.aliases)))]
        assert ledger.mentions() == [mention]


@given(record=st.sampled_from(sorted(LAYER_TYPES)).flatmap(lambda n: records(LAYER_TYPES[n])))
def test_to_row_from_row_inverse(record: Any) -> None:
    table = schema.table({v: k for k, v in LAYER_TYPES.items()}[type(record)])
    row = schema.to_row(table, record)
    assert len(row) == len(table.columns)
    assert schema.from_row(table, row) == record


@given(day=st.dates(), time=st.times(), as_text=st.booleans())
def test_iso_day_normalises_dates_and_datetimes(day: dt.date, time: dt.time, as_text: bool) -> None:
    moment = dt.datetime.combine(day, time)
    assert _iso_day(day, "since") == day.isoformat()
    assert _iso_day(moment.isoformat() if as_text else moment, "since") == day.isoformat()


@given(text=st.text(max_size=12))
def test_iso_day_refuses_non_dates(text: str) -> None:
    try:
        expected = dt.date.fromisoformat(text[:10]).isoformat()
    except ValueError:
        with pytest.raises(ValueError, match="until"):
            _iso_day(text, "until")
    else:
        assert _iso_day(text, "until") == expected


@given(old=st.lists(st.sampled_from("abcde")), new=st.lists(st.sampled_from("abcdef")))
def test_merge_aliases(old: list[str], new: list[str]) -> None:
    merged = _merge_aliases(old, new)
    assert len(merged) == len(set(merged))
    assert set(merged) == set(old) | set(new)
    assert merged[: len(set(old))] == list(dict.fromkeys(old))


WORDS = st.lists(st.text(alphabet="abcXYZé", min_size=1, max_size=6), min_size=1, max_size=4)


@given(words=WORDS, data=st.data())
def test_any_run_of_a_names_words_matches_it(words: list[str], data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(words) - 1))
    end = data.draw(st.integers(start + 1, len(words)))
    name = " ".join(words)
    assert names_match(" ".join(words[start:end]).upper(), name)
    assert not names_match(" ".join(words) + " qqq", name)


_SEARCHED = Ledger.open(":memory:")
_SEARCHED.add([Document(article=Article(id="s-1", text='He said "e-mail" and NOT (or AND) Putin\'s * ^ : -x'))])


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_any_user_text_searches_without_a_syntax_error(query: str) -> None:
    """Whatever a user types (within the length limits) is words, never FTS5 syntax."""
    from newsledger.store.search import forgiving_query

    if len(query.split()) <= _SEARCHED.limits.max_query_terms:
        _SEARCHED.search_articles(query)
        _SEARCHED.search_quotes(text=query)
    assert forgiving_query(forgiving_query(query)) == forgiving_query(query)
