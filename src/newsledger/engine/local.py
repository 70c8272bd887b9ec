"""The sequential engine: the spaCy pipeline in this process, documents in input order."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager

from newsledger.pipeline import Pipeline, StageFailure
from newsledger.records import Document
from newsledger.settings import Settings

#: What an engine offers: documents in, annotated documents (``doc=None``) or failures out.
Annotate = Callable[[Iterable[Document]], Iterator[Document | StageFailure]]


@contextmanager
def local_engine(pipeline: Pipeline | None = None, settings: Settings = Settings()) -> Iterator[Annotate]:
    """``Pipeline.annotate`` of ``pipeline`` (by default the one ``settings`` describe)."""
    yield (pipeline or Pipeline.load(settings=settings)).annotate
