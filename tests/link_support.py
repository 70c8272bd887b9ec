"""Hand-built documents for the cross-article tests: entities found by their surface
forms in the text, records built directly (no spaCy)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager

from newsledger import link
from newsledger.records import (
    Article,
    Commitment,
    Document,
    Entity,
    Event,
    Mention,
    Quote,
    Stance,
    stable_id,
)
from newsledger.link import Ledger

#: (canonical name, type, surface form as written in the text)
Name = tuple[str, str, str]


def span(text: str, needle: str) -> tuple[int, int]:
    at = text.index(needle)
    return at, at + len(needle)


def document(
    article_id: str,
    text: str,
    names: Sequence[Name] = (),
    *,
    published: str | None = "2016-09-27",
    outlet: str = "AP",
    title: str | None = None,
    quotes: Sequence[tuple[str, str | None]] = (),
    stances: Sequence[tuple[str, str, str, str]] = (),
    events: Sequence[tuple[str, str, str]] = (),
    commitments: Sequence[tuple[str, str, str]] = (),
) -> Document:
    """A document whose entities are ``names`` found in ``text`` (each surface once).

    ``quotes``: (text, speaker); ``stances``: (evidence, holder, polarity, issue);
    ``events``: (evidence, actor, start); ``commitments``: (evidence, holder, due).
    """
    article = Article(id=article_id, text=text, title=title or text[:40], outlet=outlet, published=published)
    surfaces: dict[tuple[str, str], list[str]] = {}
    mentions = []
    for canonical, type_, surface in names:
        s = span(text, surface)
        entity_id = Entity.make_id(canonical, type_)
        surfaces.setdefault((canonical, type_), []).append(surface)
        mentions.append(Mention(stable_id("m", article_id, *s), article_id, entity_id, surface, s))
    entities = tuple(
        Entity(Entity.make_id(n, t), n, t, tuple(sorted(set(texts) - {n})))
        for (n, t), texts in surfaces.items()
    )

    def rid(prefix: str, s: tuple[int, int]) -> str:
        return stable_id(prefix, article_id, *s)

    return Document(
        article,
        entities=entities,
        mentions=tuple(mentions),
        quotes=tuple(Quote(rid("q", span(text, q)), article_id, q, span(text, q), "direct", speaker=who)
                     for q, who in quotes),
        stances=tuple(Stance(rid("s", span(text, ev)), article_id, pol, "certain", ev, ev, span(text, ev),
                             holder=who, issue=issue) for ev, who, pol, issue in stances),
        events=tuple(Event(rid("e", span(text, ev)), article_id, "statement", "happened", ev, span(text, ev),
                           actor=who, start=start, trigger=ev.split()[1]) for ev, who, start in events),
        commitments=tuple(Commitment(rid("c", span(text, ev)), article_id, "promise", ev, ev, span(text, ev),
                                     holder=who, due=due) for ev, who, due in commitments),
    )


@contextmanager
def linked_ledger(documents: Iterable[Document]) -> Iterator[Ledger]:
    """An in-memory ledger holding ``documents``, linked as ingest links them."""
    with Ledger.open(":memory:") as ledger:
        ledger.add(documents, then=link.update)
        yield ledger


def cluster_names(ledger: Ledger, type_: str = "PERSON") -> dict[str, int]:
    """``{"Hillary Clinton": 3, …}``: cluster name -> articles, for one type."""
    return {c.name: c.articles for c in ledger.entity_clusters() if c.type == type_}
