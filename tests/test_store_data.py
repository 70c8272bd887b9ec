"""Hand-built documents with records in every layer, shared by the store and export tests.

No spaCy: the records are constructed directly, as an annotator would return them.
"""

from __future__ import annotations

import json
from pathlib import Path

from newsledger.records import (
    Article,
    Commitment,
    Document,
    Entity,
    Event,
    Mention,
    Quantity,
    Quote,
    Stance,
    TimeExpr,
    stable_id,
)

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
REFERENCE = "sky-2025-08-19-us-air-support"

TEXT = (
    "Donald Trump said on Monday that Russia must stop. "
    '"We will help by air," Mr Trump told Fox News. '
    "Russia launched 270 drones at Ukraine. "
    "Zelenskyy backs a ceasefire and will meet Putin within two weeks."
)


def span_of(text: str, needle: str, start: int = 0) -> tuple[int, int]:
    """The [start, end) of ``needle`` in ``text``: ``span_of("ab", "b") == (1, 2)``."""
    at = text.index(needle, start)
    return (at, at + len(needle))


def entity(name: str, type_: str, *aliases: str) -> Entity:
    return Entity(Entity.make_id(name, type_), name, type_, aliases)


def make_document(
    article_id: str = "art-1",
    *,
    outlet: str = "Sky News",
    published: str | None = "2025-08-19",
    title: str = "Trump offers air support",
    text: str = TEXT,
) -> Document:
    """A document with every layer filled (two quotes, a time, an event, …)."""
    article = Article(
        id=article_id, text=text, original="Share this\n" + text, title=title,
        outlet=outlet, url=f"https://news.example/{article_id}", published=published,
        author="A. Reporter", language="en", headings=("Air support",), noise=("Share this",),
        source=f"{article_id}.txt",
    )
    trump = entity("Donald Trump", "PERSON", "Mr Trump", "Trump")
    russia = entity("Russia", "GPE")
    ukraine = entity("Ukraine", "GPE")
    zelenskyy = entity("Volodymyr Zelenskyy", "PERSON", "Zelenskyy")
    putin = entity("Vladimir Putin", "PERSON", "Putin")

    def mention(ent: Entity, surface: str, start: int = 0) -> Mention:
        span = span_of(text, surface, start)
        return Mention(stable_id("m", article_id, *span), article_id, ent.id, surface, span)

    def rid(prefix: str, span: tuple[int, int]) -> str:
        return stable_id(prefix, article_id, *span)

    said = span_of(text, "Russia must stop")
    direct = span_of(text, "We will help by air,")
    monday = span_of(text, "on Monday")
    attack = span_of(text, "Russia launched 270 drones at Ukraine")
    backs = span_of(text, "Zelenskyy backs a ceasefire")
    meet = span_of(text, "will meet Putin within two weeks")
    return Document(
        article=article,
        entities=(trump, russia, ukraine, zelenskyy, putin),
        mentions=(
            mention(trump, "Donald Trump"), mention(russia, "Russia"),
            mention(trump, "Mr Trump"), mention(russia, "Russia", said[1]),
            mention(ukraine, "Ukraine"), mention(zelenskyy, "Zelenskyy"), mention(putin, "Putin"),
        ),
        quotes=(
            Quote(rid("q", said), article_id, "Russia must stop", said, "indirect",
                  speaker="Donald Trump", speaker_id=trump.id, speaker_mention="Donald Trump",
                  speaker_span=span_of(text, "Donald Trump"), cue="said", cue_lemma="say"),
            Quote(rid("q", direct), article_id, "We will help by air,", direct, "direct",
                  speaker="Donald Trump", speaker_id=trump.id, speaker_mention="Mr Trump",
                  speaker_span=span_of(text, "Mr Trump"), cue="told", cue_lemma="tell",
                  medium="Fox News"),
        ),
        times=(
            TimeExpr(rid("t", monday), article_id, "on Monday", monday, "DATE",
                     value="2025-08-18", start="2025-08-18", end="2025-08-18"),
            TimeExpr(rid("t", span_of(text, "two weeks")), article_id, "two weeks",
                     span_of(text, "two weeks"), "DURATION", value="P2W"),
        ),
        events=(
            Event(rid("ev", attack), article_id, "attack", "happened", text[slice(*attack)],
                  attack, actor="Russia", target="Ukraine", start="2025-08-18",
                  end="2025-08-18", quantities=(Quantity(270, "drones", "270 drones"),),
                  trigger="launched"),
            Event(rid("ev", meet), article_id, "meeting", "planned", text[slice(*meet)], meet,
                  participants=("Volodymyr Zelenskyy", "Vladimir Putin"),
                  place_options=("Geneva", "Budapest"), topic="peace deal"),
        ),
        stances=(
            Stance(rid("st", backs), article_id, "support", "certain", "a ceasefire",
                   text[slice(*backs)], backs, holder="Volodymyr Zelenskyy", issue="ceasefire"),
        ),
        commitments=(
            Commitment(rid("c", meet), article_id, "plan", "meet Putin", text[slice(*meet)],
                       meet, holder="Volodymyr Zelenskyy", due="2025-09-02",
                       due_start="2025-08-19"),
        ),
    )


def reference_document() -> Document:
    """The reference article with its gold records (those whose strings occur verbatim)."""
    text = (EXAMPLES / "corpus" / f"{REFERENCE}.txt").read_text(encoding="utf-8")
    gold = json.loads((EXAMPLES / "gold" / f"{REFERENCE}.json").read_text(encoding="utf-8"))
    aid = stable_id("a", text)
    article = Article(id=aid, text=text, title="US could provide air support",
                      outlet="Sky News", published=gold["article"]["published"],
                      headings=tuple(gold["article"]["headings"]))
    entities = tuple(entity(e["name"], e["type"], *e["mentions"]) for e in gold["entities"])
    mentions = tuple(
        Mention(stable_id("m", aid, *span_of(text, m)), aid, ent.id, m, span_of(text, m))
        for ent, e in zip(entities, gold["entities"], strict=True)
        for m in dict.fromkeys(e["mentions"])
    )
    names = {e.name: e.id for e in entities}

    def found(items: list[dict], key: str) -> list[tuple[dict, tuple[int, int]]]:
        return [(g, span_of(text, g[key])) for g in items if g[key] in text]

    quotes = tuple(
        Quote(stable_id("q", aid, *sp), aid, g["text"], sp, g["kind"], speaker=g.get("speaker"),
              speaker_id=names.get(g.get("speaker")), speaker_mention=g.get("speaker_mention"),
              cue=g.get("cue"), medium=g.get("medium"), reports=g.get("reports"))
        for g, sp in found(gold["quotes"], "text")
    )
    times = tuple(
        TimeExpr(stable_id("t", aid, *sp), aid, g["text"], sp, g["type"], value=g.get("value"),
                 start=g.get("start"), end=g.get("end"))
        for g, sp in found(gold["times"], "text")
    )
    events = tuple(
        Event(stable_id("ev", aid, *sp), aid, g["type"], g["status"], g["evidence"], sp,
              actor=g.get("actor"), target=g.get("target"),
              participants=tuple(g.get("participants", ())), place=g.get("place"),
              place_options=tuple(g.get("place_options", ())), topic=g.get("topic"),
              start=g.get("start"), end=g.get("end"), source=g.get("source"),
              quantities=tuple(Quantity(q["value"], q.get("unit"))
                               for q in g.get("quantities", ())))
        for g, sp in found(gold["events"], "evidence")
    )
    stances = tuple(
        Stance(stable_id("st", aid, *sp), aid, g["polarity"], g["modality"], g["target"],
               g["target"], sp, holder=g.get("holder"))
        for g, sp in found(gold["stances"], "target")
    )
    commitments = tuple(
        Commitment(stable_id("c", aid, *sp), aid, g["kind"], g["action"], g["action"], sp,
                   holder=g.get("holder"), condition=g.get("condition"), due=g.get("due"))
        for g, sp in found(gold["commitments"], "action")
    )
    return Document(article, entities, mentions, quotes, times, events, stances, commitments)
