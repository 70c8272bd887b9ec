"""Datelines ("WASHINGTON —", "KYIV, Ukraine (AP) —"): the place a wire story was filed
from, never the subject of its first sentence, a speaker, a holder or an agent.

The parser often makes the dateline's place the subject of the lead sentence
("SAN FRANCISCO (AP) — Pacific Gas & Electric Co. was set to begin …"); every layer
that takes a clause's subject as who speaks, holds or acts asks here first.
"""

from __future__ import annotations

from spacy.tokens import Token

#: Dashes that close a dateline (and open a parenthetical).
DASHES = frozenset({"—", "–", "--", "-"})


def in_dateline(token: Token) -> bool:
    """``token`` lies in a dateline: capitals opening a line, closed by a dash
    ("WASHINGTON —", "KYIV, Ukraine (AP) —")."""
    if not (token.is_upper and len(token) > 1):
        return False  # a dateline's words are capitals
    doc = token.doc
    start = token.i
    while start > 0 and "\n" not in doc[start - 1].text and "\n" not in doc[start - 1].whitespace_:
        start -= 1
        if token.i - start > 8:
            return False
    words = doc[start : min(len(doc), start + 10)]
    dash = next((t.i for t in words if t.text in DASHES), None)
    if dash is None or dash <= token.i:
        return False
    alpha = [t for t in doc[start:dash] if t.is_alpha]
    return bool(alpha) and alpha[0].is_upper and len(alpha[0]) > 1


def heads_dateline(head: Token) -> bool:
    """Whether the phrase ``head`` heads is a dateline: a capitalised phrase that opens its
    line and is followed by a dash ("WASHINGTON —", "KABUL, Afghanistan (AP) —", "Kyiv —")."""
    phrase = list(head.subtree)
    first = phrase[0]
    opens_line = first.i == 0 or "\n" in first.doc[first.i - 1].text_with_ws or first.doc[first.i - 1].is_space
    if not opens_line:
        return False
    doc = head.doc
    after = [doc[i] for i in range(phrase[-1].i + 1, min(len(doc), phrase[-1].i + 5))]
    dash = next((t for t in after if t.text in DASHES), None)
    return dash is not None and all(t.is_punct or t.text.isupper() or t.is_title for t in after[: after.index(dash)])


def is_dateline(head: Token) -> bool:
    """Either reading: the phrase is a dateline, or its head lies in one."""
    return heads_dateline(head) or in_dateline(head)
