"""Ingest: read articles from files, feeds, archives and stdin; clean them.

The public API the CLI and the pipeline call::

    from newsledger.ingest import Overrides, IngestError, read_inputs, clean, parse_published

    for item in read_inputs(["corpus/", "feed.xml", "-"], Overrides(outlet="Sky News")):
        if isinstance(item, IngestError):
            print(item)          # one line naming the input
        else:
            item.article.text    # the clean text, a Document ready for annotation

Modules: ``sources`` (paths, directories, stdin, format dispatch), ``html``,
``feeds``, ``warc``, ``jsonl`` (one reader per format), ``fetch`` and ``urls`` (URLs:
polite fetching, then a page, feed or text), ``chunks`` (bodies split over sibling
containers), ``decode`` (bytes to text), ``build`` (overrides, id, date, language),
``clean``, ``rules``, ``page`` and ``lines`` (page furniture; ``page`` for a whole
copied page), ``pagetext`` (a page's visible text), ``metadata`` (dates, ids,
language). See ``docs/ingest.md``.
"""

from newsledger.ingest.build import IngestError, Overrides
from newsledger.ingest.clean import clean
from newsledger.ingest.metadata import parse_published
from newsledger.ingest.sources import read_inputs

__all__ = ["IngestError", "Overrides", "clean", "parse_published", "read_inputs"]
