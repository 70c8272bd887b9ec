"""Words credited by a label and a colon, with no verb: headlines ("Graham: Trump’s
‘Hateful Rhetoric’ Destroying GOP’s Chance"), transcripts ("FALLIN: Well, I think …")
and introductions ("former Carter adviser Alfred Kahn: “I’d love …”").

A label is a short noun phrase (at most ``MAX_LABEL_WORDS`` words, no verb) that opens
its line, or follows the end of a verb phrase, and is a name: a named mention of a
speaking type, or a name the article's entities know ("FALLIN" for Mary Fallin).

>>> from newsledger.nlp import load
>>> doc = load()("Marco Rubio: ‘You Don’t Win The Nomination By How Many States You Win.’")
>>> colon_label(doc, doc.text, 13).text
'Rubio'
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
from spacy.attrs import IDX
from spacy.tokens import Doc, Token

from newsledger.annotate.shared.mentions import entity_covering, entity_named
from newsledger.records import Document

#: The most words a label may have ("Texas Sen. Ted Cruz (R-Texas)").
MAX_LABEL_WORDS = 12

#: Entity types that can speak (as ``speakers.SPEAKER_TYPES``, which imports this module's users).
LABEL_TYPES = frozenset({"PERSON", "ORG", "GPE", "NORP"})


def colon_label(doc: Doc, text: str, opening: int) -> Token | None:
    """The head of the label before a colon that ends right before char ``opening``
    (the opening quotation mark): "Marco Rubio: ‘…" -> Rubio; None when the words
    before the colon hold a verb or no name."""
    before = text[:opening].rstrip()
    if not before.endswith(":"):
        return None
    colon = int(np.searchsorted(doc.to_array(IDX), len(before) - 1))
    words: list[Token] = []
    for token in reversed(doc[max(0, colon - MAX_LABEL_WORDS - 1) : colon]):
        verb = token.pos_ in ("VERB", "AUX") and token.ent_type_ not in LABEL_TYPES  # "Trump:" tagged a verb
        if "\n" in token.text or "\n" in token.whitespace_ or verb or token.is_sent_end:
            break
        words.append(token)
    words.reverse()
    if not words or len(words) > MAX_LABEL_WORDS or not any(
        t.pos_ == "PROPN" or t.ent_type_ in LABEL_TYPES or t.is_title for t in words
    ):
        return None
    inside = {t.i for t in words}
    roots = [t for t in words if t.head.i not in inside or t.head.i == t.i]
    head = roots[-1] if roots else None
    return head if head is not None and head.pos_ in ("PROPN", "NOUN") else None


def labelled_lines(document: Document, paragraphs: list[tuple[int, int]]) -> Iterator[tuple[Token, tuple[int, int], bool]]:
    """Lines "LABEL: words" whose label opens the line and names a speaker: (the label's
    head token, the char range of the words, whether the line is a transcript turn, its
    label in capitals). "UPDATE: …" and "Read more on Sky News:" are not: no name, or
    nothing after the colon."""
    doc: Doc = document.doc
    text = document.article.text
    for start, end in paragraphs:
        line = text[start:end]
        colon = line.find(":")
        if colon <= 0 or colon > 80 or "\n" in line[:colon]:
            continue
        label = line[:colon].strip()
        rest_start = start + colon + 1
        while rest_start < end and text[rest_start].isspace():
            rest_start += 1
        rest = text[rest_start:end].split("\n", 1)[0].rstrip()
        if len(rest.split()) < 3 or not label or len(label.split()) > MAX_LABEL_WORDS:
            continue
        span = doc.char_span(start + line.index(label), start + line.index(label) + len(label), alignment_mode="expand")
        if span is None or any(t.pos_ in ("VERB", "AUX") and t.ent_type_ not in LABEL_TYPES for t in span) or not any(
            t.pos_ == "PROPN" or t.ent_type_ in LABEL_TYPES for t in span
        ):
            continue
        entity = entity_covering(document, span.root.idx, span.root.idx + len(span.root)) or entity_named(document, label)
        if entity is None or entity.type not in LABEL_TYPES:
            continue
        yield span.root, (rest_start, rest_start + len(rest)), label.isupper()
