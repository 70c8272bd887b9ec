"""Engines: where the annotation runs. Each turns a stream of documents into a stream
of annotated documents (or :class:`~newsledger.pipeline.StageFailure`), and the caller
writes them to the ledger in one transaction::

    with engine.open_engine("dask", workers=2) as annotate:
        ledger.add(d for d in annotate(documents) if isinstance(d, Document))

* ``local`` (:mod:`newsledger.engine.local`): this process, in input order;
* ``dask`` (:mod:`newsledger.engine.dask`): partitions annotated on a Dask cluster
  (a ``LocalCluster`` or an existing scheduler), also in input order: the ledger keeps
  the first spelling it sees of a shared entity, so order matters (see docs/scale.md).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from newsledger.engine.local import Annotate, local_engine
from newsledger.settings import Settings

ENGINES = ("local", "dask")

__all__ = ["ENGINES", "Annotate", "open_engine"]


@contextmanager
def open_engine(
    name: str, *, scheduler: str | None = None, workers: int | None = None, settings: Settings = Settings()
) -> Iterator[Annotate]:
    """The annotate function of engine ``name`` with ``settings``, its resources held for
    the block."""
    if name == "local":
        with local_engine(settings=settings) as annotate:
            yield annotate
    elif name == "dask":
        from newsledger.engine.dask import (
            dask_engine,  # distributed is imported only when asked for
        )

        with dask_engine(scheduler=scheduler, workers=workers, settings=settings) as annotate:
            yield annotate
    else:
        raise ValueError(f"unknown engine {name!r}: choose one of {', '.join(ENGINES)}")
