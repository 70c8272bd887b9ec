"""The pipeline's guarantees: one bad article fails alone, record ids are distinct, parse batches are bounded."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsledger.annotate import STAGES
from newsledger.annotate.stage import Stage
from newsledger.pipeline import Pipeline, StageFailure, bad_span, batches, distinct_ids
from newsledger.settings import Settings
from newsledger.records import Article, Document, Quote


def quote(id_: str, start: int, end: int, kind: str = "direct") -> Quote:
    return Quote(id=id_, article_id="a", text="x" * (end - start), span=(start, end), kind=kind)


def test_distinct_ids_keeps_both_readings_and_drops_repeats() -> None:
    document = Document(Article(id="a", text="x" * 20), quotes=(quote("q-1", 0, 5), quote("q-1", 0, 5), quote("q-1", 0, 5, "mixed")))
    out = distinct_ids(document).quotes
    assert [q.kind for q in out] == ["direct", "mixed"]
    assert len({q.id for q in out}) == 2 and out[0].id == "q-1" and out[1].id.startswith("q-")
    assert distinct_ids(document) == distinct_ids(document)  # deterministic


def test_bad_span_is_reported() -> None:
    document = Document(Article(id="a", text="short"), quotes=(quote("q-1", 2, 9),))
    assert "outside the text" in bad_span(document)
    assert bad_span(document.evolve(quotes=(quote("q-1", 0, 5),))) is None


def test_a_failing_stage_fails_that_article_only(nlp) -> None:
    def explode(document: Document, settings: object) -> Document:
        if "boom" in document.article.text:
            raise ValueError("cannot read this one")
        return document

    pipeline = Pipeline(nlp=nlp, stages=(Stage("explode", explode, requires=("doc",)),))
    docs = [Document(Article(id=i, text=t, source=f"{i}.txt")) for i, t in (("a", "Fine text."), ("b", "boom"), ("c", "Also fine."))]
    results = list(pipeline.annotate(docs))
    assert [type(r).__name__ for r in results] == ["Document", "StageFailure", "Document"]
    failure = results[1]
    assert isinstance(failure, StageFailure) and str(failure) == "b.txt: explode failed: ValueError: cannot read this one"
    assert all(r.doc is None for r in results if isinstance(r, Document))


def _documents(lengths: list[int]) -> list[Document]:
    return [Document(article=Article(id=f"a{i}", text="x" * n)) for i, n in enumerate(lengths)]


@settings(max_examples=200, deadline=None)
@given(lengths=st.lists(st.integers(0, 50), max_size=40), size=st.integers(1, 6), chars=st.integers(1, 120))
def test_batches_are_greedy_and_bounded(lengths: list[int], size: int, chars: int) -> None:
    documents = _documents(lengths)
    found = list(batches(documents, size, chars))
    assert [d for batch in found for d in batch] == documents  # every document once, in order
    for batch, following in zip(found, found[1:] + [None]):
        held = sum(len(d.article.text) for d in batch)
        assert 1 <= len(batch) <= size
        assert held <= chars or len(batch) == 1  # a longer document makes a batch of its own
        if following is not None and len(batch) < size:  # closed early only when the next would not fit
            assert held + len(following[0].article.text) > chars


def test_a_full_batch_goes_out_before_the_next_document_is_read() -> None:
    read = []

    def stream():
        for document in _documents([1] * 10):
            read.append(document.article.id)
            yield document

    first = next(batches(stream(), 3, 100))
    assert [d.article.id for d in first] == read == ["a0", "a1", "a2"]


def test_the_stage_order_is_checked_when_a_pipeline_is_built(nlp) -> None:
    swapped = (STAGES[0], STAGES[3], *STAGES[1:3], *STAGES[4:])
    with pytest.raises(ValueError, match="stage 'frames' requires 'times'.*earlier stages: entities"):
        Pipeline(nlp=nlp, stages=swapped)
    assert Pipeline(nlp=nlp).stages == STAGES


def test_each_stage_gets_its_section_of_the_settings(nlp) -> None:
    seen = []

    def record(document: Document, section: object) -> Document:
        seen.append(section)
        return document

    settings = Settings().replace("quotes", coref_window=2)
    pipeline = Pipeline(nlp=nlp, stages=(Stage("quotes", record),), settings=settings)
    pipeline.annotate_one(Document(Article(id="a", text="Fine text.")))
    assert seen == [settings.quotes]


def test_load_takes_model_and_batch_sizes_from_the_settings() -> None:
    settings = Settings().replace("pipeline", batch_size=4, batch_chars=1000)
    pipeline = Pipeline.load(settings=settings)
    assert (pipeline.batch_size, pipeline.batch_chars, pipeline.settings) == (4, 1000, settings)
    assert Pipeline.load(batch_size=2).batch_size == 2
