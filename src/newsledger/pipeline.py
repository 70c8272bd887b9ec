"""The annotation pipeline: one spaCy parse per article, then one stage per layer.

Each stage (``newsledger.annotate.STAGES``) is a pure function of the document and its
section of the :class:`~newsledger.settings.Settings`; it declares what it reads and
what it writes, and reads what earlier stages wrote. Right after parsing, the pipeline
computes what several stages share from the parse (``Document.analysis``). Building a
pipeline checks the order: a stage that requires what neither the parse nor an
earlier stage assigns is a ``ValueError`` naming both::

    pipeline = Pipeline.load()                      # or Pipeline.load(settings=...)
    for result in pipeline.annotate(documents):
        ...  # an annotated Document, or a StageFailure for an article that broke a stage

Articles are parsed in batches (:func:`batches`: at most ``batch_size`` articles and
``batch_chars`` characters, so one batch of long articles cannot blow the peak), each
inside a spaCy memory zone, and yielded as they are done: memory stays flat however
long the input.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import Any

from spacy.language import Language

from newsledger import nlp as nlp_loader
from newsledger.annotate import PARSED, STAGES, Stage, check_order
from newsledger.annotate.shared.analysis import parsed
from newsledger.layers import LAYERS
from newsledger.records import Document, stable_id
from newsledger.settings import PipelineSettings, Settings, section_names

log = logging.getLogger(__name__)

#: Held while a spaCy memory zone is open. The vocabulary is shared by every thread of a
#: process (a Dask worker may run several), and a zone frees what any of them added;
#: parsing holds the GIL, so threads lose no throughput by taking turns.
ZONE_LOCK = threading.Lock()

@dataclass(frozen=True, slots=True)
class StageFailure:
    """An article one stage could not process; the rest of the batch goes on."""

    source: str
    article_id: str
    stage: str
    message: str

    def __str__(self) -> str:
        return f"{self.source}: {self.stage} failed: {self.message}"


@dataclass(frozen=True)
class Pipeline:
    """A spaCy ``Language`` and the annotation stages run after it, with their settings.

    Each stage gets ``settings.<stage name>`` (:func:`section_of`); the order of
    ``stages`` is checked here.
    """

    nlp: Language
    stages: tuple[Stage, ...] = STAGES
    #: Articles per parse batch (``settings.pipeline.batch_size`` through :meth:`load`).
    batch_size: int = PipelineSettings.batch_size
    #: Characters per parse batch (``settings.pipeline.batch_chars`` through :meth:`load`).
    batch_chars: int = PipelineSettings.batch_chars
    settings: Settings = field(default_factory=Settings)
    #: Each stage with its section of ``settings``, in order (built here, not passed).
    _runs: tuple[tuple[Stage, Any], ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        check_order(self.stages, PARSED)
        runs = tuple((stage, section_of(self.settings, stage)) for stage in self.stages)
        object.__setattr__(self, "_runs", runs)

    @classmethod
    def load(cls, model: str | None = None, batch_size: int | None = None,
             settings: Settings | None = None) -> Pipeline:
        """The default pipeline over the installed model package (built once per process):
        the model and batch sizes of ``settings.pipeline`` unless ``model`` or
        ``batch_size`` say otherwise."""
        settings = settings or Settings()
        chosen = settings.pipeline
        return cls(
            nlp=nlp_loader.load(model or chosen.model),
            batch_size=batch_size or chosen.batch_size,
            batch_chars=chosen.batch_chars,
            settings=settings,
        )

    def annotate(self, documents: Iterable[Document]) -> Iterator[Document | StageFailure]:
        """Parse and annotate ``documents`` lazily, in order, a batch at a time.

        The yielded documents keep no spaCy ``Doc`` nor its analysis: records hold
        character offsets and plain strings. The batch sizes are bounded in characters,
        and each batch is parsed in a spaCy memory zone, so the words it adds to the
        vocabulary go with it: memory stays flat however long the input.
        """
        for batch in batches(documents, self.batch_size, self.batch_chars):
            yield from self._annotate_batch(batch)

    def _annotate_batch(self, batch: list[Document]) -> list[Document | StageFailure]:
        """One batch, parsed and annotated inside ``nlp.memory_zone()``.

        A zone frees every string added to the vocabulary while it is open, whichever
        thread added it, so a process runs one zone at a time (:data:`ZONE_LOCK`), and
        nothing leaves the zone but records of plain strings and offsets.
        """
        texts = [document.article.text for document in batch]
        try:
            with ZONE_LOCK, self.nlp.memory_zone():
                docs = self.nlp.pipe(texts, batch_size=len(batch))
                return [self._after_parse(document, doc) for document, doc in zip(batch, docs)]
        except Exception as err:  # the parser broke on one text: parse each alone to find it
            if len(batch) > 1:
                return [result for document in batch for result in self._annotate_batch([document])]
            log.debug("parsing %s failed", batch[0].article.id, exc_info=True)
            return [_failure(batch[0], "parse", err)]

    def _after_parse(self, document: Document, doc: Any) -> Document | StageFailure:
        try:
            document = parsed(document, doc)
        except Exception as err:  # the shared analysis of one odd parse
            return _failure(document, "analysis", err)
        return self.annotate_parsed(document)

    def annotate_parsed(self, document: Document) -> Document | StageFailure:
        """Run the stages on a document whose ``doc`` and ``analysis`` are already made
        (:func:`newsledger.annotate.shared.analysis.parsed`)."""
        for stage, section in self._runs:
            try:
                document = stage.annotate(document, section)
            except Exception as err:  # a bad article fails alone, with its reason
                log.debug("stage %s failed on %s", stage.name, document.article.id, exc_info=True)
                return _failure(document, stage.name, err)
        problem = bad_span(document)
        if problem:
            return StageFailure(document.article.source or document.article.id, document.article.id, "records", problem)
        return distinct_ids(document).evolve(doc=None, analysis=None)

    def annotate_one(self, document: Document) -> Document:
        """Annotate one document, raising on failure (for the Python API and tests)."""
        [result] = self._annotate_batch([document])
        if isinstance(result, StageFailure):
            raise RuntimeError(str(result))
        return result


def _failure(document: Document, stage: str, err: Exception) -> StageFailure:
    """The failure of ``document`` at ``stage``, its message on one line."""
    message = " ".join(f"{type(err).__name__}: {err}".split())
    return StageFailure(document.article.source or document.article.id, document.article.id, stage, message[:500])


def section_of(settings: Settings, stage: Stage) -> Any:
    """The settings section a stage is named after; ``None`` for a stage of one's own
    (a test's, a plugin's) that has no section."""
    return settings.section(stage.name) if stage.name in section_names() else None


def batches(documents: Iterable[Document], size: int, chars: int) -> Iterator[list[Document]]:
    """``documents`` in input order, in lists of at most ``size`` documents and at most
    ``chars`` characters of text (a longer document makes a batch of its own)."""
    batch: list[Document] = []
    held = 0
    for document in documents:
        length = len(document.article.text)
        if batch and held + length > chars:
            yield batch
            batch, held = [], 0
        batch.append(document)
        held += length
        if len(batch) >= size:  # full: out now, without reading the next document first
            yield batch
            batch, held = [], 0
    if batch:
        yield batch


def bad_span(document: Document) -> str | None:
    """A record whose span does not lie inside the clean text, described; else None."""
    size = len(document.article.text)
    for layer in LAYERS:
        for record in getattr(document, layer):
            start, end = record.span
            if not 0 <= start <= end <= size:
                return f"{layer} record {record.id} has span {record.span} outside the text (0..{size})"
    return None


def distinct_ids(document: Document) -> Document:
    """Exact repeats dropped, and a fresh id for a *different* record that reuses an id.

    Record ids come from spans (``stable_id(prefix, article_id, start, end)``); two
    readings of one span (two cues, two event types) are both kept, the later one with
    an id derived from the first (so the result stays deterministic).
    """
    changes = {}
    for layer in LAYERS:
        records = getattr(document, layer)
        seen: dict[str, object] = {}
        out = []
        for record in records:
            first = seen.get(record.id)
            if first == record:
                continue
            if first is not None:
                n = 1
                while (new_id := stable_id(record.id.split("-")[0], record.id, n)) in seen:
                    n += 1
                record = replace(record, id=new_id)
            seen[record.id] = record
            out.append(record)
        if len(out) != len(records) or any(a is not b for a, b in zip(out, records)):
            changes[layer] = tuple(out)
    return document.evolve(**changes) if changes else document
