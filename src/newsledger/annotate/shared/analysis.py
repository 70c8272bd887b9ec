"""The per-Doc analysis several stages share, computed once right after parsing.

The pipeline calls :func:`parsed` on every document as soon as spaCy has parsed it:
the result carries the ``Doc`` and its :class:`~newsledger.records.Analysis` (line
breaks, question tokens), and the stages read ``document.analysis`` instead of each
deriving (or caching) the same thing from the ``Doc``::

    >>> from newsledger.nlp import load
    >>> from newsledger.records import Article, Document
    >>> text = "Talks resume.\\nWill he come? He may."
    >>> document = parsed(Document(Article("a", text)), load()(text))
    >>> document.analysis.line_breaks.firsts, sorted(document.analysis.questions)
    ((13,), [4, 5, 6, 7])
"""

from __future__ import annotations

from spacy.attrs import IS_SPACE
from spacy.tokens import Doc

from newsledger.annotate.shared.clauses import question_tokens
from newsledger.records import Analysis, Document, LineBreaks


def parsed(document: Document, doc: Doc) -> Document:
    """``document`` with its parse ``doc`` and that parse's :class:`Analysis`."""
    return document.evolve(doc=doc, analysis=analyse(doc))


def analyse(doc: Doc) -> Analysis:
    """What the stages share from ``doc``, in one pass each."""
    return Analysis(line_breaks=line_breaks(doc), questions=question_tokens(doc))


def line_breaks(doc: Doc) -> LineBreaks:
    """The :class:`LineBreaks` of ``doc``, read from its whitespace tokens only.

    Never from ``doc.text``: spaCy rebuilds that string on every access (see
    docs/performance.md). A line break always sits in a whitespace token's text (the
    tokenizer keeps only a single space as trailing whitespace), and ``Doc.to_array``
    finds those tokens without creating a Python ``Token`` for every word.
    """
    spaces = (doc[i] for i, space in enumerate(doc.to_array(IS_SPACE).tolist()) if space)
    breaks = [(t.i, t.idx, t.text) for t in spaces if "\n" in t.text]
    last = doc[-1] if len(doc) else None
    return LineBreaks(
        token_indices=tuple(i for i, _, _ in breaks),
        firsts=tuple(idx + text.find("\n") for _, idx, text in breaks),
        after_lasts=tuple(idx + text.rfind("\n") + 1 for _, idx, text in breaks),
        text_end=last.idx + len(last.text_with_ws) if last is not None else 0,
    )
