"""Who a marked quotation is attributed to: the cue that governs, follows or introduces
it, a label and a colon, or the attribution before it (a quotation that carries on).

>>> from newsledger.nlp import load
>>> doc = load()("“We tried,” she said.")
>>> token_at(doc, 11)  # the first token at or after char 11: "she"
5
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
from spacy.attrs import IDX
from spacy.tokens import Doc, Span, Token

from newsledger.annotate.quotes.coref import Resolver
from newsledger.annotate.quotes.cues import Cue, is_cue, make_cue
from newsledger.annotate.quotes.subjects import subject_of
from newsledger.annotate.quotes.labelled import colon_label
from newsledger.annotate.quotes.quote_marks import Marked
from newsledger.annotate.quotes.speakers import Speaker, speaker
from newsledger.records import Document
from newsledger.settings import QuoteSettings

#: Marks that close a quotation (and a parenthesis) at the end of a sentence.
CLOSING_MARKS = "”’\"'»)"
#: A paragraph break in the clean text (cleaners keep one or two newlines).
PARAGRAPH_BREAK = re.compile(r"\n\s*\n|\n")


@dataclass(frozen=True, slots=True)
class Attribution:
    """What a marked quotation was attributed to."""

    cue: Cue | None
    speaker: Speaker | None
    floating: bool = False


def attribute(document: Document, resolver: Resolver, mark: Marked, content: Span,
               previous: tuple[tuple[int, int], Attribution] | None, settings: QuoteSettings) -> Attribution | None:
    """The cue and speaker of a marked quotation, or None when it is not a quotation.

    ``previous`` is the latest attribution before it (a quotation's or a reporting
    cue's, with its char range): a quotation with no cue of its own carries it on when
    it is near (at most two paragraph breaks away)."""
    words = [t for t in content if t.is_alpha]
    least = settings.min_object_words
    cue = _governing_cue(content, least) or _trailing_cue(document.doc, mark, least) or _leading_cue(
        document.doc, document.article.text, mark, least
    ) or _bare_frame(document.doc, document.article.text, mark)
    if cue is not None and (len(words) >= settings.min_fragment_words
                            or _opens_sentence(document.article.text, mark)):
        if _title_like(words):
            return None
        subject = _outside(cue.subject, mark, resolver) or _outside(_frame_subject(document.doc, mark, cue), mark, resolver)
        return Attribution(cue, speaker(document, resolver, subject) if subject is not None else None)
    named = colon_label(document.doc, document.article.text, mark.outer[0])
    if named is not None and len(words) >= settings.min_fragment_words:
        return Attribution(None, speaker(document, resolver, named))
    if len(words) < settings.min_floating_words or _title_like(words) or not _sentence_like(content):
        return None
    if previous is not None and _near(document.article.text, previous[0], mark.outer):
        return Attribution(previous[1].cue, previous[1].speaker, floating=True)
    return Attribution(None, None, floating=True)


def _outside(token: Token | None, mark: Marked, resolver: Resolver) -> Token | None:
    """``token`` unless it lies inside these quotation marks or any others: quoted words
    are never a speaker ("“Some people get carried away,” she said, telling …"; "when
    someone shouted, “Cruz,” Beck joked, “Amen …”")."""
    if token is None or mark.outer[0] <= token.idx < mark.outer[1] or resolver.inside_quotes(token):
        return None
    return token


def latest_attribution(document: Document, resolver: Resolver, previous: tuple[Marked, Attribution] | None,
                       mark: Marked, cues: list[Cue]) -> tuple[tuple[int, int], Attribution] | None:
    """The latest attribution before ``mark``: the previous quotation's, unless a
    reporting cue whose subject can speak comes between them (another speaker
    intervenes: "Smith said the plan had failed.\n\n“It is over.”" is Smith's; "a
    cultish blind faith suggests …" is no speaker)."""
    start = previous[0].outer[1] if previous is not None else 0
    frame = previous[1].cue.verb if previous is not None and previous[1].cue is not None else None
    between = [c for c in cues if start <= c.verb.idx < mark.outer[0] and c.subject is not None
               and c.complement is not None and not mark.outer[0] <= c.subject.idx < mark.outer[1]
               and not _within_frame(c.verb, frame)]
    for cue in reversed(between):
        who = speaker(document, resolver, cue.subject)
        if who.entity is not None or cue.subject.pos_ in ("PRON", "PROPN") or cue.subject.tag_ == "NNS":
            return (cue.verb.idx, cue.complement[1]), Attribution(cue, who)
    return (previous[0].outer, previous[1]) if previous is not None else None


def _within_frame(verb: Token, frame: Token | None) -> bool:
    """``verb`` hangs on the previous quotation's cue ``frame``: "“A,” Jealous said,
    *suggesting* that …. “B.”" or "…,” Obama said …, *according to* a pool report.
    “B.”" is one speaker's frame going on, not another speaker between the parts."""
    if frame is None or verb.i == frame.i:
        return False
    return any(ancestor.i == frame.i for ancestor in verb.ancestors)


def _frame_subject(doc: Doc, mark: Marked, cue: Cue) -> Token | None:
    """The speaker the parser did not make the cue's subject: the noun phrase between
    the closing mark and a cue after it ("“Yes,” Brent Bozell III, founder of …, tells")."""
    if cue.verb.idx < mark.outer[1]:
        return None
    start = token_at(doc, mark.outer[1])
    for token in doc[start : cue.verb.i]:
        outside = not start <= token.head.i < cue.verb.i
        if outside and token.pos_ in ("PROPN", "NOUN", "PRON"):
            return token
    return None


def _opens_sentence(text: str, mark: Marked) -> bool:
    """The marks open a sentence with a capital: “We tried,” she said (not a fragment)."""
    before = text[: mark.outer[0]].rstrip()
    first = text[mark.content[0] : mark.content[0] + 1]
    return first.isupper() and (not before or before[-1] in ".?!:\n" or before[-1] in CLOSING_MARKS)


def _governing_cue(content: Span, min_object_words: int) -> Cue | None:
    """A cue verb outside the marks that the quoted words depend on."""
    start, end = content.start, content.end
    for token in content:
        if start <= token.head.i < end and token.head.i != token.i:
            continue
        for ancestor in token.ancestors:
            if not start <= ancestor.i < end and is_cue(ancestor):
                if _across_paragraphs(content, ancestor):
                    return None  # a parse run over a break: "“…”\n\nTrump, who …, has said"
                return make_cue(_outer_cue(ancestor, content), min_object_words)
    return None


def _across_paragraphs(content: Span, token: Token) -> bool:
    """A line break stands between the quoted words and ``token`` (outside them)."""
    doc = content.doc
    if content.start <= token.i < content.end:
        return False
    low, high = (token.i, content.start) if token.i < content.start else (content.end - 1, token.i)
    return any("\n" in t.text or "\n" in t.whitespace_ for t in doc[low:high])


def _outer_cue(cue: Token, content: Span) -> Token:
    """The outermost of nested cues: in "Kasich says he'd tell him “no more nonsense”"
    the quotation is reported by *says*, whose clause holds the *tell*. Not a cue the
    parser set above it from inside quotation marks ("“He says what …,” Steve Moody
    said": *says* is the quoted speaker's) or over a paragraph break ("she said …\n\n
    “Isabelle thinks …,” Ms. Sherry said": a parse run on into the next paragraph)."""
    while cue.dep_ == "ccomp" and is_cue(cue.head) and subject_of(cue.head) is not None:
        outer = cue.head
        if _inside_marks(content, outer) or _across_paragraphs(content, outer):
            break
        cue = outer
    return cue


def _inside_marks(content: Span, token: Token) -> bool:
    """``token`` lies in the quoted words or in the marks around them."""
    return content.start - 1 <= token.i <= content.end


def _trailing_cue(doc: Doc, mark: Marked, min_object_words: int) -> Cue | None:
    """A cue in the rest of the sentence after the closing mark ("…,” he told Fox News.)."""
    index = token_at(doc, mark.outer[1])
    for token in doc[index:]:
        if token.is_sent_start and token.i > index or token.text in "“‘\"" or "\n" in token.text:
            break  # a line break ends the paragraph even where the parser runs the sentence on
        if token.i > index and "\n" in doc[token.i - 1].whitespace_:
            break
        if is_cue(token) and subject_of(token) is not None:
            return make_cue(token, min_object_words)
    return None


#: The most tokens of a frame that follows a quotation and ends its sentence.
BARE_FRAME_TOKENS = 12


def _bare_frame(doc: Doc, text: str, mark: Marked) -> Cue | None:
    """A short frame of any verb after a quotation its comma (or question or exclamation
    mark) leaves open: "“OK, for a start, …,” Oliver barked.", "“…,” reads a Wednesday
    editorial in The Des Moines Register.", "“…,” retaliated an angry Hollande." The
    verb is a manner of saying the cue table need not list; the frame is the rest of
    the sentence, at most ``BARE_FRAME_TOKENS`` tokens, and holds the speaker."""
    inside = text[mark.content[0] : mark.content[1]].rstrip()
    if not inside or inside[-1] not in ",?!":
        return None
    index = token_at(doc, mark.outer[1])
    frame = []
    for token in doc[index : index + BARE_FRAME_TOKENS + 1]:
        if (token.i > index and token.is_sent_start) or "\n" in token.text or token.text in "“‘\"":
            break
        frame.append(token)
        if token.is_sent_end or token.text == ".":
            break
    else:
        return None  # the sentence goes on: not a frame
    words = [t for t in frame if not t.is_punct]
    verb = next((t for t in words if t.pos_ == "VERB"), None)
    if verb is None or any(c.dep_ in ("ccomp", "xcomp") and c.i > verb.i for c in verb.children):
        return None
    subject = subject_of(verb)
    if subject is None or not index <= subject.i < index + len(frame) or subject.pos_ not in ("PROPN", "NOUN", "PRON"):
        return None
    return Cue(verb, verb.lemma_.lower(), subject, None, None)


def _leading_cue(doc: Doc, text: str, mark: Marked, min_object_words: int) -> Cue | None:
    """A cue that introduces the marks: ``He said: “…`` or ``…,” said Y, “…``; a main
    clause's verb right before a comma and the marks, whatever the verb (``Clinton
    cracked, “…``), as after the marks in :func:`_bare_frame`."""
    before = text[max(0, mark.outer[0] - 200) : mark.outer[0]].rstrip()
    if not before or before[-1] not in ":,":
        return None
    index = token_at(doc, mark.outer[0]) - 1
    if index > 0 and doc[index].is_space:  # "… said in a statement:\n\n“…": the paragraph before
        index -= 1
    window = list(reversed(doc[max(0, index - 25) : index]))
    if before[-1] == ":":
        frame = _colon_frame(doc, mark, window)
        if frame is not None:
            return make_cue(frame, min_object_words)
    for token in window:
        if token.text in "”’\"" or "\n" in token.text:
            break
        if is_cue(token) and subject_of(token) is not None:
            return make_cue(token, min_object_words)
    if before[-1] == "," and window:
        verb = window[0]  # "Hillary Clinton cracked, “I'm a progressive …”": any verb of a main clause
        if (verb.pos_ == "VERB" and verb.dep_ in ("ROOT", "conj") and subject_of(verb) is not None
                and not any(c.dep_ in ("mark", "dobj", "ccomp", "xcomp") for c in verb.children if c.idx < mark.outer[0])):
            return Cue(verb, verb.lemma_.lower(), subject_of(verb), None, None)
    if before[-1] == ":":  # a clause and a colon: "Clinton released the following statement: “…"
        head = doc[window[0].i + 1].head if window and window[0].i + 1 < len(doc) else None
        if head is not None and head.idx < mark.outer[0] and head.pos_ in ("VERB", "AUX") and subject_of(head):
            return Cue(head, head.lemma_.lower(), subject_of(head), None, None)  # the verb the colon closes
        for token in window:
            if token.text in "”’\"" or "\n" in token.text or token.is_sent_end:
                break
            if token.pos_ in ("VERB", "AUX") and token.dep_ == "ROOT" and subject_of(token) is not None:
                return Cue(token, token.lemma_.lower(), subject_of(token), None, None)
    return None


def _colon_frame(doc: Doc, mark: Marked, window: list[Token]) -> Token | None:
    """The cue of the clause a colon closes before a quotation: the colon's own head or
    a cue above it ("a familiar voice celebrated the attacks on Twitter: “…”", not the
    "were killed" of the clause before it), else the cue of the sentence that stands
    highest in its parse ("Mr. Amar said that if viewed through …, a bargain might be
    possible: “…”" is *said*'s, not *viewed*'s)."""
    colon = doc[window[0].i + 1] if window and window[0].i + 1 < len(doc) else None
    if colon is None or colon.text != ":":
        return None
    head = colon.head
    if head.idx < mark.outer[0]:
        for verb in (head, *head.ancestors):
            if is_cue(verb) and subject_of(verb) is not None:
                return verb
    cues = []
    for token in window:
        if token.text in "”’\"" or "\n" in token.text:
            break
        if is_cue(token) and subject_of(token) is not None:
            cues.append(token)
        if token.is_sent_start:
            break
    return min(cues, key=lambda t: sum(1 for _ in t.ancestors), default=None)


def token_at(doc: Doc, char: int) -> int:
    """Index of the first token starting at or after ``char`` (``len(doc)`` when none)."""
    return int(np.searchsorted(doc.to_array(IDX), char))


def _near(text: str, earlier: tuple[int, int], later: tuple[int, int]) -> bool:
    """Within two paragraph breaks: a floating quote keeps the speaker before it."""
    return len(PARAGRAPH_BREAK.findall(text, earlier[1], later[0])) <= 2


def _title_like(words: list[Token]) -> bool:
    """Title case without a verb: a title of a work or a nickname ("The Art of the Deal").

    ``words`` are the alphabetic tokens of the quotation (at least one)."""
    if len(words) > 8 or any(t.pos_ in ("VERB", "AUX") for t in words):
        return False
    return all(t.is_title or t.is_stop for t in words) and words[0].is_title


def _sentence_like(content: Span) -> bool:
    """Reads as a sentence of its own: has a verb and starts with a capital or a mark."""
    first = next((t for t in content if not t.is_punct), None)
    has_verb = any(t.pos_ in ("VERB", "AUX") for t in content)
    return first is not None and has_verb and (first.text[0].isupper() or first.text[0].isdigit())


def colon_before(doc: Doc, char: int) -> bool:
    """The last token before ``char`` (spaces aside) is a colon."""
    index = token_at(doc, char) - 1
    while index >= 0 and doc[index].is_space:
        index -= 1
    return index >= 0 and doc[index].text == ":"
