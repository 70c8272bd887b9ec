"""Noise rules: what page furniture looks like, as named patterns and small predicates.

Each rule recognises a *shape* of furniture (a bare duration, a line addressing the
reader about their browser, an imperative promo, a photo credit, ...), never a
particular outlet's strings. The word lists come from reading the furniture of
Sky News, BBC, Guardian, Reuters, AP and CNN article pages (and trafilatura's own
boilerplate lists in ``trafilatura/settings.py`` and ``htmlprocessing.py``); each
table says what it is for. :mod:`newsledger.ingest.clean` applies these line rules
first, then its context rules (link lists, video captions, headings).

Every predicate takes one stripped line and is pure; ``LINE_RULES`` is the table,
in the order the cleaner tries it (the first match names the reason).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

# --- shapes shared by several rules -------------------------------------------------

#: Characters that end a sentence, possibly followed by closing quotes/brackets.
_SENTENCE_END = re.compile(r"[.!?…][\"'”’»)\]]*$")
_WORD = re.compile(r"[^\W_]+(?:['’.-][^\W_]+)*", re.UNICODE)
#: Pictographs, arrows and dingbats promos decorate themselves with.
_EMOJI = re.compile("[\u2190-\u21ff\u2600-\u27bf\u2b00-\u2bff\U0001f000-\U0001faff]")
_OPENING_QUOTES = "\"'‘“«"
_QUOTE_MARKS = re.compile("[\"“”«»]|(?:^|\\s)[‘'](?=\\w)")


@lru_cache(maxsize=4096)
def words(line: str) -> tuple[str, ...]:
    """The words of a line, lower-cased: ``words("Don’t go!") == ("don’t", "go")``.

    Memoised: a dozen rules ask for the words of each line of an article."""
    return tuple(w.casefold() for w in _WORD.findall(line))


def ends_sentence(line: str) -> bool:
    """True when the line ends like a sentence: ``ends_sentence("He left.”")``."""
    return bool(_SENTENCE_END.search(_EMOJI.sub("", line).rstrip()))


def is_title_like(line: str, max_words: int = 14) -> bool:
    """A short line shaped like a title: capitalised, no final ``. ! : ; ,``.

    A final ``?`` is allowed ("What happens next?" is a common section heading).
    """
    count = len(words(line))
    if not 1 <= count <= max_words or len(line) > 140:
        return False
    if re.search(r"[.!:;,…][\"'”’)\]]*$", line):
        return False
    if not (line[0].isalnum() or line[0] in _OPENING_QUOTES):
        return False  # "* footnote", "— Name (@handle)", "[citation]"
    first = next((c for c in line if c.isalnum()), "")
    return first.isupper() or first.isdigit()


#: A transcript speaker label: "Q:", "TAPPER:", "MR SMITH:".
_SPEAKER_LABEL = re.compile(r"^(?:Q|A|[A-Z][A-Z.' -]{1,30}):\s")
#: Openers and back-references that make a question part of the prose, not a heading.
_PROSE_QUESTION = re.compile(
    r"^(?:so|but|and|or|yet)\b|\b(?:that|this|it|he|she|they|them|him|his|her|their|"
    r"those|these|we|you|i)\b",
    re.IGNORECASE,
)


def is_heading_like(line: str) -> bool:
    """A title-like line that can be a section heading, not a line of an interview.

    Questions are common in prose and interviews, so a question is a heading only
    when it is short, unquoted and self-contained: "What happens next?" is one,
    "How is that possible?" and "Q: Have you talked to her?" are not.
    """
    if not is_title_like(line) or _SPEAKER_LABEL.match(line):
        return False
    if not line.rstrip().rstrip("\"'”’»)]").endswith("?"):
        return True
    return (
        len(words(line)) <= 7
        and not _has_quote(line)
        and not _PROSE_QUESTION.search(line)
    )


#: Short words title case leaves in lower case ("Leaders of the World at a Summit").
_MINOR_WORDS = frozenset(
    "a an the and or but nor of in on at to for from by with as vs via de la".split()
)


def is_title_case(line: str) -> bool:
    """A short line in Title Case, no final punctuation: "Vladimir Putin In Alaska".

    A slug or label, not a sentence: sentences capitalise only their first word
    and names, so every word but the minor ones capitalised, over 2+ words, is the mark.
    """
    tokens = line.split()
    if not 2 <= len(tokens) <= 10 or re.search(r"[.!?:;,…]$", line):
        return False
    major = [t for t in tokens if t.casefold().strip("\"'‘’“”()") not in _MINOR_WORDS]
    return bool(major) and all(t[:1].isupper() or t[:1].isdigit() for t in major)


def is_body_paragraph(line: str, min_words: int = 4) -> bool:
    """A line that reads as running text: several words ending like a sentence."""
    return ends_sentence(line) and len(words(line)) >= min_words


def _has_quote(line: str) -> bool:
    return bool(_QUOTE_MARKS.search(line))


# --- 1. durations and timestamps ----------------------------------------------------

#: A bare media duration ("4:14", "1:02:33", "(2:30)", "Duration: 1:45"): a video's length.
DURATION = re.compile(
    r"^(?:(?:duration|video|watch|play|length)\s*[:,]?\s*)?\(?\d{1,2}:\d{2}(?::\d{2})?\)?$",
    re.IGNORECASE,
)
#: A bare clock time ("12:03 pm", "6:05 p.m.", "10:14 BST"): a live-blog or update stamp.
CLOCK_TIME = re.compile(
    r"^\(?\d{1,2}[:.]\d{2}\)?\s*(?:[ap]\.?m\.?|gmt|bst|utc|et|edt|est|cet|cest)\s*:?$",
    re.IGNORECASE,
)


def is_duration(line: str) -> bool:
    return bool(DURATION.match(line))


def is_clock_time(line: str) -> bool:
    return bool(CLOCK_TIME.match(line))


# --- 2. datelines ---------------------------------------------------------------------

#: Words a publication dateline is made of ("Tuesday 19 August 2025 10:14, UK",
#: "Updated 3 hours ago", "Published: Aug 19, 2025 at 10:14 a.m. ET").
DATELINE_WORDS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur "
    "thurs fri sat sun january february march april may june july august september "
    "october november december jan feb mar apr jun jul aug sep sept oct nov dec "
    "published updated last first posted modified on at am pm a.m p.m gmt bst utc et "
    "est edt pt pst pdt cet cest uk us ago hour hours minute minutes min mins hr hrs "
    "day days week weeks yesterday today".split()
)
_DATE_TOKEN = re.compile(
    r"^\d{1,4}(?:st|nd|rd|th)?$|^\d{1,2}[:.]\d{2}$|^\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}$|"
    r"^(?:gmt|utc)[+-]\d{1,2}$"
)
_DATE_ANCHOR = re.compile(
    r"\b(?:ago|yesterday|today|\d{1,2}[:.]\d{2}|\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}|"
    r"jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|"
    r"mon|tue|wed|thu|fri|sat|sun)",
    re.IGNORECASE,
)


def is_dateline(line: str) -> bool:
    """Only date words, numbers and times, and at least one date anchor."""
    tokens = [t.strip(".,|:()").casefold() for t in line.split()]
    tokens = [t for t in tokens if t and t not in {"-", "–", "—", "/"}]
    if not tokens or len(tokens) > 12 or not _DATE_ANCHOR.search(line):
        return False
    return all(t in DATELINE_WORDS or _DATE_TOKEN.match(t) for t in tokens)


# --- 3. notices to the reader about the browser, player, cookies ----------------------

#: What such notices are about (the reader's software, never the story's subject).
PLAYER_TERMS = re.compile(
    r"\b(?:browser|video player|media player|javascript|cookies?|html5|flash player|"
    r"playback|this (?:video|content|media|embed)|your device|ad ?blocker)\b",
    re.IGNORECASE,
)
#: How they address the reader: a request or a refusal, not just "you" (product copy
#: says "gives you 3 hours of playback" too).
READER_TERMS = re.compile(
    r"\b(?:please|enable|upgrade|update your|unsupported|not supported|we use|"
    r"your (?:browser|experience|consent|settings)|"
    r"can ?not be (?:played|displayed|loaded)|is unavailable|to (?:view|watch|play))\b",
    re.IGNORECASE,
)


def is_player_notice(line: str) -> bool:
    """A short unquoted line addressing the reader about their software."""
    if len(words(line)) > 25 or _has_quote(line):
        return False
    return bool(PLAYER_TERMS.search(line) and READER_TERMS.search(line))


# --- 4. calls to action ---------------------------------------------------------------

#: Imperatives promos open with (Sky, BBC, Guardian, CNN, Reuters newsletter/app promos).
CTA_VERBS = re.compile(
    r"^(?:follow|listen|subscribe|sign[ -]up|download|share|read more|read the latest|"
    r"watch|click|tap|join|register|get (?:the|our|alerts|breaking|notified)|"
    r"try|discover|explore|send us|tell us|contact us|email us)\b(?!-)",
    re.IGNORECASE,
)
#: What promos promote: when one is named, even a sentence-shaped promo is one.
PROMO_TARGETS = re.compile(
    r"\b(?:newsletters?|podcasts?|app|here|channel|inbox|alerts|whatsapp|youtube|"
    r"live|latest|updates|subscription|subscribe|free trial|notifications|friends?)\b",
    re.IGNORECASE,
)
#: Where a promo segment may start: the line start, or after a dash, colon or bar
#: ("Ukraine war – follow the latest developments").
_SEGMENT_SPLIT = re.compile(r"\s[–—|-]\s|:\s|(?<=[?!])\s")


def is_call_to_action(line: str) -> bool:
    """An imperative promo: a segment opening with a CTA verb, short and not reported speech."""
    if len(words(line)) > 25 or _has_quote(line):
        return False
    bare = re.sub(r"^[^\w]+", "", _EMOJI.sub(" ", line)).strip()
    segments = [bare] + [s.strip() for s in _SEGMENT_SPLIT.split(bare)[1:]]
    if not any(CTA_VERBS.match(s) for s in segments):
        return False
    decorated = bool(_EMOJI.search(line))
    return decorated or not ends_sentence(line) or bool(PROMO_TARGETS.search(line))


# --- 5. photo credits and captions ----------------------------------------------------

#: "Pic: Reuters", "Image: AP/Getty", "Photo credit: ...", "Image caption, ...",
#: "Photo by Jane Doe/Getty Images".
CREDIT_LABEL = re.compile(
    r"^(?:(?:main|top|lead|header|cover|featured)\s+)?"
    r"(?:pic(?:ture)?s?|photo(?:graph)?s?|images?|credit|footage|media|video)"
    r"(?:\s*[:/]|\s+by\b|\s+(?:credit|source|caption)\s*[:,])\s*\S",
    re.IGNORECASE,
)
#: A caption ending in a credit, in any of its spellings: "… on Monday. Pic: AP",
#: "… (Image: GETTY)", "… (Credit: iStock)", "(…/AP pic)", "… Photo: Jane Doe/Reuters".
CREDIT_TAIL = re.compile(
    r"(?:\b(?:Pic|Picture|Photo(?:graph)?|Image|Credit|Photo credit|Image credit)s?"
    r"\s*(?::|\.{2,}|…)\s*[\w .&/'’-]{2,40}\)?"
    r"|/\s*[\w .&'’-]{1,30}\s(?:pic|photo|image)s?\)?"
    r"|\(\s*(?:[\w .&'’-]{1,30}/)?\s*(?:AP|AFP|EPA|PA|Reuters|Getty(?: Images)?|Shutterstock|"
    r"Alamy|Bloomberg|Xinhua|Anadolu|iStock|Handout)(?:\s+(?:pic|photo|images?))?\s*\))$",
    re.IGNORECASE,
)
#: Picture agencies, for lines that are only a credit ("Getty Images", "AP/Reuters").
AGENCIES = frozenset(
    "ap afp epa pa reuters getty images shutterstock alamy bloomberg xinhua anadolu "
    "sipa rex wire media photo via handout".split()
)


def is_photo_credit(line: str) -> bool:
    """A credit label, a caption that ends in a credit, or a line of agency names.

    A caption may quote someone ("… 'We will win,' he said. Pic: PA"): the credit at
    its end is what marks it, so quote marks do not make it prose; a bare label
    ("Pic: …") in a quoted line does not count.
    """
    if len(words(line)) > 40:
        return False
    if CREDIT_TAIL.search(line) and not ends_sentence(line.rstrip(")")):
        return True
    if _has_quote(line) or len(words(line)) > 30:
        return False
    if CREDIT_LABEL.match(line):
        return True
    tokens = [t for t in re.split(r"[\s/,()|]+", line.casefold()) if t]
    return bool(tokens) and len(tokens) <= 6 and all(t in AGENCIES for t in tokens)


# --- 6. bylines and credits lines -----------------------------------------------------

#: "By Jane Smith, political reporter", "By Jane Smith and John Doe | BBC News".
BYLINE = re.compile(r"^By\s+(?:[A-Z][\w'’.-]*\s*){1,4}(?:$|[,|–—-]|\band\b|&)")
#: News-agency credit lines: "Reporting by ...; Editing by ...".
AGENCY_CREDITS = re.compile(
    r"^\(?(?:additional\s+)?(?:reporting|writing|editing|compiled|produced|research)\s+by\b|"
    r"\bcontributed (?:to )?(?:this|the) (?:report|story|article)\b",
    re.IGNORECASE,
)


#: How to reach the author: "Write to Al Root at allen.root@dowjones.com",
#: "Email Tariq Malik at tmalik@space.com or follow him @tariqjmalik".
CONTACT_LINE = re.compile(
    r"^(?:write\s+to|e-?mail|contact|reach)\b[^@]{0,80}\b[\w.+-]+@[\w-]+\.[\w.-]+",
    re.IGNORECASE,
)


def is_byline(line: str) -> bool:
    if CONTACT_LINE.search(line) and len(words(line)) <= 40:
        return True
    if AGENCY_CREDITS.search(line) and len(words(line)) <= 40:
        # The wire shape: parenthesised, "; Editing by", "contributed", or no full
        # stop; "Reporting by the BBC suggested that ..." is prose.
        wire = line.startswith("(") or ";" in line or "contribut" in line.casefold()
        return wire or not ends_sentence(line)
    return (
        bool(BYLINE.match(line)) and len(words(line)) <= 14 and not ends_sentence(line)
    )


# --- 7. copyright notices -----------------------------------------------------------

#: "© 2025 Sky UK", "Copyright 2025 The Associated Press. All rights reserved."
COPYRIGHT = re.compile(
    r"^(?:©|\(c\)|copyright\s*(?:©|\(c\))?\s*\d{4})|\ball rights reserved\b",
    re.IGNORECASE,
)


def is_copyright(line: str) -> bool:
    return (
        bool(COPYRIGHT.search(line)) and len(words(line)) <= 40 and not _has_quote(line)
    )


# --- 8. share bars and advert markers -------------------------------------------------

#: Share/social bars: lines made only of these words, naming a share action or network.
SHARE_CORE = frozenset(
    "share facebook twitter whatsapp linkedin email e-mail copy print reddit messenger "
    "pinterest bluesky threads telegram save tweet flipboard".split()
)
SHARE_WORDS = SHARE_CORE | frozenset(
    "this article story page on via link x the with friends comments comment gift "
    "options close url".split()
)
#: Advert and navigation markers ("Advertisement", "Story continues below advertisement",
#: "Skip to content", "Continue reading").
AD_CORE = frozenset(
    "advertisement advert ad ads sponsored scroll skip loading promoted".split()
)
AD_WORDS = AD_CORE | frozenset(
    "content to continue continues continued reading below story article the after this "
    "paid partner main feedback".split()
)


def _only_words(
    line: str, allowed: frozenset[str], core: frozenset[str], limit: int
) -> bool:
    tokens = words(line)
    return (
        0 < len(tokens) <= limit and set(tokens) <= allowed and bool(set(tokens) & core)
    )


def is_share_bar(line: str) -> bool:
    return _only_words(line, SHARE_WORDS, SHARE_CORE, 10)


def is_ad_marker(line: str) -> bool:
    return _only_words(line, AD_WORDS, AD_CORE | {"continue", "continues"}, 8)


# --- 9. link-list intros (a context rule's trigger) -----------------------------------

#: Words of the lines that introduce related-link lists ("Read more on Sky News:",
#: "Related:", "More on this story", "You may also like", "Most read").
LIST_WORDS = frozenset(
    "read more related also see watch listen latest stories story coverage popular "
    "recommended trending explore topics links further elsewhere reading top most "
    "on this from in you may like the around web news other content what next "
    "features analysis watched viewed these".split()
)
_LIST_CORE = frozenset(
    "read more related also see latest stories story topics links".split()
)


#: "More From the Los Angeles Times", "More Washington Examiner", "Latest from BBC
#: Sport": a list intro naming the outlet or section its links go to.
_MORE_FROM = re.compile(
    r"^(?i:more|latest|also|top\s+stories|most\s+read)(?i:\s+(?:from|on|at|in))?\s+(?i:the\s+)?[A-Z]"
)


def is_list_intro(line: str) -> bool:
    """A short line introducing a list of links, by its words (and a final colon)."""
    tokens = words(line)
    if not 1 <= len(tokens) <= 8:
        return False
    if _MORE_FROM.match(line) and is_title_like(line, max_words=8) and len(tokens) >= 2:
        return True
    if not set(tokens) & (_LIST_CORE | {"popular", "recommended", "trending", "most"}):
        return False
    if line.rstrip().endswith(":"):
        return True
    return set(tokens) <= LIST_WORDS


# --- 10. teasers and standalone labels ------------------------------------------------

#: "Headline - Outlet" / "Headline | Outlet": a related-article link that names the
#: outlet it points to, the outlet a short run of capitalised words.
_TEASER_OUTLET = re.compile(
    r"^(?P<head>.+?)\s+[-–—|]\s+(?P<outlet>(?:The\s+)?(?:[A-Z][\w.&'’-]*|[A-Z0-9.]{2,})"
    r"(?:\s+(?:[A-Z][\w.&'’-]*|of|and|&))*(?:\.com|\.co\.uk)?)$"
)
#: A headline with an uppercase tag ("… [VIDEO]", "… [INSIGHT]|", "… (PICTURES)").
_TEASER_TAG = re.compile(r"[\[(][A-Z][A-Z ]{2,20}[\])]\s*\|?$")
#: A link-list label in front of a headline ("SEE MORE: …", "READ MORE: …",
#: "RELATED: …", "Also on rt.com …").
_TEASER_LABEL = re.compile(
    r"^[\[(]?(?:(?:see|read|watch)\s+(?:more|also)|related(?:\s+(?:article|story|content))?|"
    r"more(?:\s+on\s+this(?:\s+story)?)?|recommended|trending|also(?:\s+read)?|"
    r"don['’]?t\s+miss)\s*[:|>»]\s*\S|^also\s+on\s+[\w-]+\.[a-z.]{2,6}\s",
    re.IGNORECASE,
)


def is_teaser(line: str) -> bool:
    """A link to another article: "headline - Outlet", "headline [VIDEO]", "SEE MORE: headline"."""
    if len(words(line)) > 30 or ends_sentence(line):
        return bool(_TEASER_LABEL.match(line)) and len(words(line)) <= 30
    if _TEASER_LABEL.match(line):
        return True
    tag = _TEASER_TAG.search(line)
    if tag:
        head = line[: tag.start()].rstrip()
        return len(words(head)) >= 3 and not ends_sentence(head)
    match = _TEASER_OUTLET.match(line)
    if not match or len(words(match["outlet"])) > 4:
        return False
    head = match["head"]
    # a headline has one separator before the outlet; list items ("12) Title – Label",
    # "August 8 – City @ Venue – City") have several, or start with a number
    return (
        len(words(head)) >= 3
        and is_title_like(head, max_words=24)
        and not re.search(r"\s[-–—|]\s", head)
        and not head[0].isdigit()
    )


#: Words of labels that stand alone on their line above or beside what they label
#: (trafilatura's boilerplate lists, and the pages of the outlets named at the top).
LABEL_WORDS = frozenset(
    "published updated posted image images photo photos picture pictures video videos "
    "gallery caption credit credits source sources author authors tags tag topics "
    "category categories filed under advertisement sponsored print email reprints "
    "order next previous prev back to top close menu search home don't don’t miss "
    "more also read watch listen view full text abstract story continues article "
    "page loading show hide expand collapse transcript follow topic sections".split()
)


def is_label(line: str) -> bool:
    """A label standing alone: "Image:", "Published", "ABSTRACT.", "FULL TEXT.", "DON'T MISS"."""
    tokens = words(line)
    if not 1 <= len(tokens) <= 3 or re.search(r"[?!,;]$", line):
        return False
    return all(t in LABEL_WORDS for t in tokens)


# --- 11. comment sections -------------------------------------------------------------

#: The label that opens a page's comment section, alone on its line ("167 comments",
#: "[ 167 comments ]", "Leave a Reply", "Top Rated Comments", "Join the conversation"),
#: and the header of one comment ("Gary M on September 17, 2018 at 8:50 pm said:").
#: Blog engines (WordPress, Disqus, Discourse) and news sites print these shapes.
COMMENTS_LABEL = re.compile(
    r"^[\[(]?\s*(?:\d[\d,.]*k?\s+)?(?:(?:top|most|best)\s+(?:rated|recent|liked)\s+|"
    r"reader\s+|user\s+|all\s+|view\s+(?:all\s+)?|show\s+(?:all\s+)?|see\s+(?:all\s+)?|"
    r"read\s+(?:all\s+)?)?(?:comments?|replies|responses|reactions)\s*(?:\(\d+\))?\s*[\])]?:?$|"
    r"^(?:leave|post|add|write|submit)\s+(?:a|your|new)\s+(?:comment|reply|response)\b|"
    r"^(?:join|start)\s+the\s+(?:discussion|conversation|debate)\b|"
    r"\|\s*\d+\s+comments?\s*$",
    re.IGNORECASE,
)
_COMMENT_HEADER = re.compile(r"\bsaid:$|\bsays:$|\bwrote:$")


def is_comments_label(line: str) -> bool:
    """A comment section's label, or one comment's "Name on date said:" header."""
    if len(words(line)) > 14:
        return False
    if COMMENTS_LABEL.search(line):
        return True
    return bool(_COMMENT_HEADER.search(line) and _DATE_ANCHOR.search(line))


# --- the table ------------------------------------------------------------------------


@dataclass(frozen=True)
class LineRule:
    """A named noise rule over one stripped line."""

    name: str
    test: Callable[[str], bool]
    description: str


LINE_RULES: tuple[LineRule, ...] = (
    LineRule("duration", is_duration, "a bare media duration: '4:14'"),
    LineRule("clock_time", is_clock_time, "a bare clock time: '12:03 pm'"),
    LineRule(
        "dateline",
        is_dateline,
        "a publication timestamp: 'Tuesday 19 August 2025 10:14, UK'",
    ),
    LineRule(
        "player_notice",
        is_player_notice,
        "addresses the reader about browser/player/cookies",
    ),
    LineRule("share_bar", is_share_bar, "share/social buttons: 'Share this article'"),
    LineRule(
        "call_to_action",
        is_call_to_action,
        "an imperative promo: 'Listen to ... on your podcast app'",
    ),
    LineRule(
        "photo_credit", is_photo_credit, "a picture credit or caption: 'Pic: Reuters'"
    ),
    LineRule(
        "byline", is_byline, "an author line: 'By Jane Smith, political reporter'"
    ),
    LineRule("copyright", is_copyright, "a copyright notice: '© 2025 Sky UK'"),
    LineRule("ad_marker", is_ad_marker, "advert or navigation marker: 'Advertisement'"),
    LineRule(
        "comments", is_comments_label, "a comment section's label: '167 comments'"
    ),
    LineRule("teaser", is_teaser, "a link to another article: 'Headline - The Economist'"),
    LineRule("label", is_label, "a label standing alone: 'Image:', 'Published'"),
)

#: Line rules that end the article: its body never runs on past them.
SECTION_ENDS = frozenset({"comments"})

#: Line rules after which the next short line is a video title or caption.
PLAYER_RULES = frozenset({"player_notice", "duration"})


def line_rule(line: str) -> str | None:
    """The name of the first line rule ``line`` matches, or ``None``: ``line_rule("4:14") == "duration"``."""
    return next((rule.name for rule in LINE_RULES if rule.test(line)), None)
