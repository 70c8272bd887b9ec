"""The quotes layer: who said what, direct, mixed or indirect.

Three passes over one document:

1. **Marked quotations** (``quote_marks``): each quoted span in a prose paragraph is
   attributed to a cue — the reporting verb that governs it in the parse ("…," he told
   Fox News), else one in the rest of its sentence, else one that introduces it ("said:
   “…", "…,” said Y, “…") — or, when none, to the speaker of the quotation just before
   it (a *floating* quote). Short fragments without a cue (scare quotes, nicknames) and
   title-case fragments (titles of works) are not quotes; nor is anything in a
   paragraph that does not end as a sentence does (headlines, "Read more" link lists).
2. **Kind**: ``direct`` when the marks hold the whole reported material, ``mixed`` when
   words of the reporter's own stand between the cue and the marks (Leavitt told
   reporters US air support was “an option and a possibility”).
3. **Indirect** quotations: a cue verb with a clausal complement and a subject, or
   "according to X", whose complement holds no accepted quotation; and lines credited
   by a label and a colon (headlines, transcripts: ``labelled``).

Two quotations of one paragraph credited to one cue are one record ("“A,” he said.
“B.”"); a mixed quotation's record is its whole reported clause.

Speakers resolve through the entities layer and the coref resolver (``speakers``).

>>> from newsledger.pipeline import Pipeline
>>> from newsledger.records import Article, Document
>>> def annotated(text):
...     return Pipeline.load().annotate_one(Document(Article("a", text, published="2025-08-19")))
>>> text = "Donald Trump said American troops will not be sent to Ukraine."
>>> [(q.kind, q.speaker, q.text) for q in annotated(text).quotes]
[('indirect', 'Donald Trump', 'American troops will not be sent to Ukraine')]
"""

from __future__ import annotations

import logging
from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from newsledger.annotate.quotes.attribution import (
    CLOSING_MARKS,
    PARAGRAPH_BREAK,
    Attribution,
    attribute,
    colon_before,
    latest_attribution,
)
from newsledger.annotate.quotes.coref import Resolver
from newsledger.annotate.quotes.cues import Cue, clause_range, find_cues, is_cue
from newsledger.annotate.quotes.subjects import subject_of
from newsledger.annotate.quotes.labelled import labelled_lines
from newsledger.annotate.quotes.quote_marks import Marked, find_marked, paragraphs
from newsledger.annotate.quotes.speakers import medium_text, speaker
from newsledger.annotate.stage import Stage
from newsledger.records import Document, Quote, stable_id
from newsledger.settings import QuoteSettings

log = logging.getLogger(__name__)

#: How a prose paragraph ends (after any closing quotation marks). Headlines and link
#: lists end without one.
SENTENCE_END = ".?!…:;"


def annotate(document: Document, settings: QuoteSettings = QuoteSettings()) -> Document:
    """Fill ``document.quotes``; reads ``entities``/``mentions`` and ``document.doc``.

    ``settings`` gives the fewest words of a quotation without a cue
    (``min_fragment_words``, ``min_floating_words``), of a reported object
    (``min_object_words``) and the coreference windows (``coref_window`` in sentences,
    ``document_window`` in tokens).
    """
    doc: Doc = document.doc
    text = document.article.text
    prose = [p for p in paragraphs(text) if _is_prose(text[p[0] : p[1]])]
    marks = [m for m in find_marked(text) if _within(m.outer, prose)]
    resolver = Resolver(document, quoted=[m.content for m in marks], window=settings.coref_window,
                        document_window=settings.document_window)
    cues = [c for c in find_cues(doc, settings.min_object_words) if _within((c.verb.idx, c.verb.idx + 1), prose)]
    marked, cue_verbs, parts = _marked_quotes(document, resolver, marks, cues, settings)
    cues = [c for c in cues if c.verb.i not in cue_verbs]  # already credited a quotation
    labelled, superseded = _labelled_quotes(document, resolver, marked)
    marked = [q for q in marked if q.span not in superseded]
    # the parts of a joined record, not the frame between them ("“A,” X said, suggesting that …. “B.”")
    taken = [p for p in parts if any(q.span[0] <= p[0] and p[1] <= q.span[1] for q in marked)]
    own_words = [m.content for m in marks] + [q.span for q in labelled if q.kind == "direct"]
    indirect = _indirect_quotes(document, resolver, cues, own_words, taken + [q.span for q in labelled])
    quotes = list({q.span: q for q in reversed(sorted(marked + indirect + labelled, key=lambda q: q.span))}.values())
    quotes.sort(key=lambda q: q.span)  # one record per span: the first reading of it
    log.debug("article %s: %d quotes", document.article.id, len(quotes))
    return document.evolve(quotes=tuple(quotes))


def _is_prose(paragraph: str) -> bool:
    """A paragraph that ends as a sentence: ``"‘Don’t trust Russia,’ diplomat warns"`` is not."""
    stripped = paragraph.rstrip().rstrip(CLOSING_MARKS).rstrip()
    return bool(stripped) and stripped[-1] in SENTENCE_END


def _within(span: tuple[int, int], ranges: list[tuple[int, int]]) -> bool:
    return any(start <= span[0] and span[1] <= end for start, end in ranges)


# --- marked quotations ---------------------------------------------------------------


def _marked_quotes(document: Document, resolver: Resolver, marks: list[Marked], cues: list[Cue],
                   settings: QuoteSettings) -> tuple[list[Quote], set[int], list[tuple[int, int]]]:
    """The quotations among ``marks``, the token indices of the cues they took and the
    spans of their parts (a joined record has two)."""
    doc: Doc = document.doc
    quotes: list[Quote] = []
    cue_verbs: set[int] = set()
    parts: list[tuple[int, int]] = []
    previous: tuple[Marked, Attribution] | None = None
    for mark in marks:
        content = _content_span(doc, mark)
        if content is None:
            continue
        before = latest_attribution(document, resolver, previous, mark, cues)
        attribution = attribute(document, resolver, mark, content, before, settings)
        if attribution is None:
            continue
        kind = _kind(doc, mark, attribution)
        fragment = _trim(document.article.text, mark.content)
        span = _reported_clause(document, mark, fragment, attribution.cue) if kind == "mixed" else fragment
        quote = _quote(document, span, kind, attribution, resolver, fragment)
        parts.append(span)
        if quotes and previous is not None and _one_utterance(document.article.text, previous, (mark, attribution)):
            quote = _joined(quotes.pop(), quote)
        quotes.append(quote)
        if attribution.cue is not None and not attribution.floating:
            cue_verbs.add(attribution.cue.verb.i)
        previous = (mark, attribution)
    return quotes, cue_verbs, parts


def _one_utterance(text: str, earlier: tuple[Marked, Attribution], later: tuple[Marked, Attribution]) -> bool:
    """Two quotations of one paragraph credited to the same cue are the parts of one
    utterance its frame splits: "“A,” he said. “B.”" and "“A,” said Y, “B.”"."""
    first, second = earlier[1].cue, later[1].cue
    if first is None or second is None or first.verb.i != second.verb.i:
        return False
    return not PARAGRAPH_BREAK.search(text, earlier[0].outer[1], later[0].outer[0])


def _joined(first: Quote, second: Quote) -> Quote:
    """One record of an utterance in two parts: the span covers both (and the frame
    between them), the text is the two parts with an ellipsis for the frame."""
    span = (first.span[0], second.span[1])
    return replace(first, id=stable_id("q", first.article_id, *span), span=span,
                   text=f"{first.text} … {second.text}")


def _trim(text: str, span: tuple[int, int]) -> tuple[int, int]:
    """Without the comma, colon or space the marks enclose at the end ("… weeks,”)."""
    start, end = span
    while end > start + 1 and (text[end - 1].isspace() or text[end - 1] in ",;:"):
        end -= 1
    while start < end - 1 and text[start].isspace():
        start += 1
    return start, end


def _content_span(doc: Doc, mark: Marked) -> Span | None:
    span = doc.char_span(*mark.content, alignment_mode="expand")
    if span is None or not any(t.is_alpha for t in span):
        return None
    return span


def _kind(doc: Doc, mark: Marked, attribution: Attribution) -> str:
    """``mixed`` when reporter's words stand between the cue and the opening mark, or
    the reported clause goes on after the closing one."""
    cue = attribution.cue
    if cue is None or attribution.floating or cue.verb.idx > mark.outer[0]:
        return "direct"
    if (cue.complement is None or cue.complement[1] <= mark.outer[0]) and colon_before(doc, mark.outer[0]):
        return "direct"  # a colon introduces the words themselves: "released the following statement: “…”"
    if cue.complement is not None and cue.complement[0] <= mark.content[0] and cue.complement[1] > mark.outer[1] + 1:
        return "mixed"  # reporter's words go on after the marks: said “it gets me mad” every time …
    frame = {t.i for t in _frame_tokens(cue)}
    for token in doc[cue.verb.i + 1 :]:
        if token.idx >= mark.outer[0]:
            break
        if token.i in frame or token.is_punct or token.is_space or token.dep_ in ("mark", "advmod", "npadvmod"):
            continue
        if token.dep_ == "prep" or token.head.dep_ in ("prep", "pobj"):
            continue  # "told Fox News on Tuesday “…"
        if token.dep_ == "dobj" and token.lower_ == "it" and token.head.i == cue.verb.i:
            continue  # "as Tom Ridge put it: “…"
        return "mixed"
    return "direct"


def _frame_tokens(cue: Cue) -> list[Token]:
    """The cue's own words: subject and addressee phrases."""
    tokens = []
    for token in (cue.subject, cue.medium):
        if token is not None:
            tokens.extend(token.subtree)
    return tokens


def _reported_clause(document: Document, mark: Marked, fragment: tuple[int, int],
                     cue: Cue | None) -> tuple[int, int]:
    """The whole reported clause around a mixed quotation's marks (Leavitt told reporters
    *US air support was “an option and a possibility”*), its edge marks included: the
    dependent of the governing cue on the path up from the quoted words, or the cue's
    complement running into the marks; else the quoted fragment."""
    content = document.doc.char_span(*fragment, alignment_mode="expand")
    if content is None or cue is None:
        return fragment
    clause = None
    below = content.root
    for ancestor in content.root.ancestors:
        if ancestor.i == cue.verb.i:
            clause = clause_range(below, ancestor)
            break
        below = ancestor
    holds = cue.complement and cue.complement[0] < fragment[0] and fragment[1] <= cue.complement[1] + 2
    if not (clause and clause[0] <= fragment[0] and fragment[1] <= clause[1] + 2) or (
        holds and cue.complement[0] < clause[0]  # "calling him “a total stiff”": the object too
    ):
        clause = cue.complement
    if not clause or clause[0] > fragment[0] or fragment[0] - clause[1] > 3:
        return fragment
    start = mark.outer[0] if clause[0] >= fragment[0] - 1 else clause[0]
    end = mark.outer[1] if clause[1] <= mark.outer[1] else clause[1]
    return start, end


def _quote(document: Document, span: tuple[int, int], kind: str, attribution: Attribution,
           resolver: Resolver, fragment: tuple[int, int] | None = None) -> Quote:
    """The record of one quotation (``fragment``: the quoted words of a mixed one)."""
    article = document.article
    who, cue = attribution.speaker, attribution.cue
    reports = _reports(document, resolver, fragment or span, cue) if kind == "mixed" else None
    return Quote(
        id=stable_id("q", article.id, *span),
        article_id=article.id,
        text=article.text[span[0] : span[1]],
        span=span,
        kind=kind,
        speaker=who.entity.name if who and who.entity else None,
        speaker_id=who.entity.id if who and who.entity else None,
        speaker_mention=who.mention if who else None,
        speaker_span=who.span if who else None,
        cue=cue.verb.text if cue and not cue.according_to else ("according to" if cue else None),
        cue_lemma=cue.lemma if cue else None,
        medium=medium_text(document, cue.medium) if cue and cue.medium is not None else None,
        reports=reports,
    )


def _reports(document: Document, resolver: Resolver, span: tuple[int, int], cue: Cue | None) -> str | None:
    """Whose words a mixed quotation carries: a cue inside the marks whose subject stands
    outside them (Leavitt said the president “has definitively stated …”)."""
    doc: Doc = document.doc
    content = doc.char_span(*span, alignment_mode="expand")
    if content is None:
        return None
    for token in content:
        subject = subject_of(token) if is_cue(token) else None
        if subject is not None and not span[0] <= subject.idx < span[1]:
            who = speaker(document, resolver, subject)
            if who.entity is not None:
                return who.entity.name
    return None


def _labelled_quotes(document: Document, resolver: Resolver, marked: list[Quote]) -> tuple[list[Quote], set]:
    """Lines credited by a name and a colon ("Graham: Trump’s ‘Hateful Rhetoric’ …",
    "FALLIN: Well, I think …") that no quotation found already covers: a transcript
    turn is direct speech, a headline's words are the writer's report of what was said
    (mixed when they quote some of it). Also the spans of the speakerless quotations
    inside such lines, which the line's record replaces."""
    taken = [q.span for q in marked]
    unknown = {q.span for q in marked if q.speaker_mention is None}
    superseded: set[tuple[int, int]] = set()
    found = []
    for head, span, transcript in labelled_lines(document, paragraphs(document.article.text)):
        if any(s < span[1] and span[0] < e for s, e in taken if (s, e) not in unknown):
            continue  # a quotation with a speaker of its own is there already
        superseded.update(q for q in unknown if span[0] <= q[0] and q[1] <= span[1])
        words = document.article.text[span[0] : span[1]]
        kind = "direct" if transcript else ("mixed" if any(m in words for m in "“‘\"") else "indirect")
        found.append(_quote(document, span, kind, Attribution(None, speaker(document, resolver, head)), resolver))
    return found, superseded


# --- indirect quotations -------------------------------------------------------------


def _indirect_quotes(document: Document, resolver: Resolver, cues: list[Cue],
                     marked: list[tuple[int, int]], taken: list[tuple[int, int]]) -> list[Quote]:
    """Reported clauses of cues outside any quotation marks whose complement holds no
    accepted quotation (clipped to the cue's paragraph: a parse may run over a break)."""
    paragraph_spans = paragraphs(document.article.text)
    quotes = []
    for cue in cues:
        span = _clip(cue.complement, _paragraph_of(paragraph_spans, cue.verb.idx))
        if span is None or _inside_any(cue.verb.idx, marked):
            continue
        if any(s < span[1] and span[0] < e for s, e in taken) or _inside_any(span[0], marked):
            continue
        subject = cue.subject
        if subject is not None and subject.pos_ == "PRON" and subject.lower_ in ("you", "it") and not cue.according_to:
            if subject.lower_ == "you" or resolver.resolve(subject) is None:
                continue  # "it is said that …"; but "In a statement, it said …" of a company named before
        if subject is None and not _unnamed_source(cue.verb):
            continue
        who = speaker(document, resolver, subject) if subject is not None else None
        quotes.append(_quote(document, span, "indirect", Attribution(cue, who), resolver))
    return quotes


def _unnamed_source(verb: Token) -> bool:
    """A cue whose source the sentence leaves out or the parser lost: a passive ("it was
    reported that …"), a participle ("polls showing that …"), a mis-parsed subject
    ("About 4 in 10 say …"); not an infinitive ("to say that …") or an imperative
    ("Say what you like")."""
    if any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return False
    return not (verb.tag_ == "VB" and verb.i == verb.sent.start)


def _paragraph_of(spans: list[tuple[int, int]], char: int) -> tuple[int, int] | None:
    return next(((s, e) for s, e in spans if s <= char < e), None)


def _clip(span: tuple[int, int] | None, paragraph: tuple[int, int] | None) -> tuple[int, int] | None:
    """``span`` within ``paragraph``, or None when nothing of it is left."""
    if span is None or paragraph is None:
        return None
    start, end = max(span[0], paragraph[0]), min(span[1], paragraph[1])
    return (start, end) if end > start else None


def _inside_any(char: int, ranges: list[tuple[int, int]]) -> bool:
    return any(start <= char < end for start, end in ranges)


#: The quotes stage: reads the parse, the entities and mentions; writes the quotes.
STAGE = Stage("quotes", annotate, requires=("doc", "entities", "mentions"), assigns=("quotes",))
