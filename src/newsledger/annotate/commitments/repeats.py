"""One record per commitment reported twice: "Austria will invite architects to submit
plans …" and, a paragraph on, "Architects from across the European Union will be invited
to submit plans …" (the active and the passive of one plan).

Two commitments of one kind repeat each other when most content words (the lemmas of
their nouns, verbs and names) of the shorter action are in the longer; the dated one,
else the fuller one, is kept.
"""

from __future__ import annotations

from newsledger.records import Commitment, Document

#: Parts of speech whose lemmas say what an action is.
CONTENT_POS = frozenset({"NOUN", "VERB", "PROPN"})


def content_lemmas(document: Document, commitment: Commitment) -> frozenset[str]:
    """The lemmas of the content words of ``commitment``'s action, read in its span."""
    words = {w.strip("“”\"'.,").lower() for w in commitment.action.split()}
    span = document.doc.char_span(*commitment.span, alignment_mode="expand")
    if span is None:
        return frozenset()
    return frozenset(t.lemma_.lower() for t in span if t.pos_ in CONTENT_POS and t.lower_ in words)


def repeats(a: frozenset[str], b: frozenset[str], overlap: float) -> bool:
    """Whether a share ``overlap`` of the shorter lemma set is in the longer (at least
    three words: "will meet" twice is not one plan).

    >>> repeats(frozenset({"invite", "architect", "submit", "plan"}),
    ...         frozenset({"architect", "invite", "submit", "plan", "building"}), 0.7)
    True
    """
    short, long_ = sorted((a, b), key=len)
    return len(short) >= 3 and len(short & long_) / len(short) >= overlap


def fuller(a: Commitment, b: Commitment) -> bool:
    """Whether ``a`` says more than ``b``: a due date, else the longer action."""
    return (a.due is not None, len(a.action)) > (b.due is not None, len(b.action))


def without_repeats(document: Document, found: list[Commitment], overlap: float) -> list[Commitment]:
    """``found`` (in text order) with one record per repeated commitment of one kind:
    the dated one, else the one with the fuller action (as the stances keep the fullest
    target)."""
    kept: list[tuple[Commitment, frozenset[str]]] = []
    for commitment in found:
        lemmas = content_lemmas(document, commitment)
        twin = next((i for i, (k, seen) in enumerate(kept)
                     if k.kind == commitment.kind and repeats(lemmas, seen, overlap)), None)
        if twin is None:
            kept.append((commitment, lemmas))
        elif fuller(commitment, kept[twin][0]):
            kept[twin] = (commitment, lemmas)
    return [c for c, _ in kept]
