"""One case per noise rule, and the lines each rule must leave alone.

The furniture lines are shapes seen on Sky News, BBC, Guardian, Reuters, AP and CNN
pages; the body lines are sentences from real reports (mostly the reference article)
that look a little like furniture.
"""

from __future__ import annotations

import pytest

from newsledger.ingest import rules


@pytest.mark.parametrize(
    "line,rule",
    [
        ("4:14", "duration"),
        ("1:02:33", "duration"),
        ("(2:30)", "duration"),
        ("12:03 pm", "clock_time"),
        ("6:05 p.m.", "clock_time"),
        ("4:40 p.m.:", "clock_time"),
        ("10.14 BST", "clock_time"),
        ("Duration: 1:45", "duration"),
        ("Tuesday 19 August 2025 10:14, UK", "dateline"),
        ("Updated 3 hours ago", "dateline"),
        ("2 hours ago", "dateline"),
        ("Published: Aug 19, 2025 at 10:14 a.m. ET", "dateline"),
        ("Tue 19 Aug 2025 10.14 BST", "dateline"),
        ("August 19, 2025 10:14 AM GMT+1 Updated 3 hours ago", "dateline"),
        ("19/08/2025", "dateline"),
        (
            "Please use Chrome browser for a more accessible video player",
            "player_notice",
        ),
        ("This video can not be played", "player_notice"),
        ("Media playback is unsupported on your device", "player_notice"),
        ("To view this video please enable JavaScript", "player_notice"),
        ("We use cookies to improve your experience", "player_notice"),
        ("Ukraine war – follow the latest developments", "call_to_action"),
        ("👉 Listen to Sky News Daily on your podcast app 👈", "call_to_action"),
        ("Subscribe to our newsletter", "call_to_action"),
        (
            "Sign up to First Edition, our free daily newsletter – every weekday morning at 7am BST",
            "call_to_action",
        ),
        ("Download the CNN app for breaking news alerts.", "call_to_action"),
        ("Read more: Why peace may be further away", "call_to_action"),
        ("Watch the moment talks begin at the White House", "call_to_action"),
        ("Click here to get the latest updates", "call_to_action"),
        ("Pic: Reuters", "photo_credit"),
        ("Image: AP/Getty", "photo_credit"),
        ("Image source, Getty Images", "photo_credit"),
        ("Image caption, Mr Zelensky spoke to reporters", "photo_credit"),
        ("Photo by Jane Doe/Getty Images", "photo_credit"),
        ("Volodymyr Zelenskyy and Donald Trump on Monday. Pic: AP", "photo_credit"),
        ("Getty Images", "photo_credit"),
        ("Main image credit: Getty", "photo_credit"),
        ("Photo credit: Jane Doe", "photo_credit"),
        ("Video: Zelensky speaks after the meeting", "photo_credit"),
        ("AP/Reuters", "photo_credit"),
        ("By Jane Smith, political reporter", "byline"),
        ("By Jane Smith and John Doe", "byline"),
        ("By Jane Smith, CNN", "byline"),
        ("Reporting by Jane Smith in Moscow; Editing by John Doe", "byline"),
        ("Associated Press writer Jane Doe contributed to this report.", "byline"),
        ("© 2025 Sky UK", "copyright"),
        ("Copyright 2025 The Associated Press. All rights reserved.", "copyright"),
        ("Copyright © 2019 Hawaii News Now", "copyright"),
        ("(Reporting by Valerie Volcovici; Editing by Will Dunham.)", "byline"),
        ("Share", "share_bar"),
        ("Share this article", "share_bar"),
        ("Facebook Twitter Email", "share_bar"),
        ("Copy link", "share_bar"),
        ("Advertisement", "ad_marker"),
        ("Story continues below advertisement", "ad_marker"),
        ("Skip to content", "ad_marker"),
        ("Advertisement · Scroll to continue", "ad_marker"),
    ],
)
def test_line_rule_removes(line: str, rule: str) -> None:
    assert rules.line_rule(line) == rule


@pytest.mark.parametrize(
    "line",
    [
        # One-sentence paragraphs, quotes and sentences that borrow furniture's words.
        "Like the US, Sky News understands Italy is opposed to putting boots on the ground in Ukraine.",
        "European allies are understood to want security guarantees to be defined before the meeting.",
        "“We’re going to find out about President Putin in the next couple of weeks,” he told Fox News.",
        "He said.",
        "Follow-up talks are expected in Geneva next week.",
        "Listen, they said, the details will take weeks.",
        "“Follow the money,” the senator told reporters.",
        "Watch this space, the diplomat said.",
        "By Monday, the troops had left the city.",
        "Sky News understands a meeting could happen before the end of the month.",
        "“If you use Chrome, your browser may be at risk,” the researcher said.",
        "The company said the update to its browser would ship next week.",
        "Share prices fell sharply in early trading on Tuesday.",
        "Russia launched its biggest air assault on Ukraine in more than a month on Monday night, sending 270 drones and 10 missiles, the Ukrainian air force said.",
        "Image rights are a growing concern for broadcasters, the regulator said.",
        "Talks resumed at 10:30 on Tuesday, officials said.",
        "On 19 August 2025 the leaders met in Washington.",
        "Zelenskyy-Putin summit",
        "Trump still has doubts about Putin",
        "Reuters reported the talks had stalled, citing three sources.",
        # Prose that opens like a credit or notice.
        "Copyright infringement cases have risen sharply, lawyers said.",
        "Reporting by the BBC suggested that the talks had stalled.",
        "Footage, filmed by residents, showed smoke rising over the city.",
        "Video footage showed the moment the drone struck the building.",
        "Download speeds have doubled since 2020, the regulator said.",
        # Product copy that mentions playback and devices (Zyte benchmark page e7d77f).
        "5 minutes of charging gives you 3 hours of playback when battery is low",
        "Connectivity Technology: Wireless Connect via Class 1 Bluetooth with your device for wireless workout freedom",
    ],
)
def test_line_rules_keep_body(line: str) -> None:
    assert rules.line_rule(line) is None


@pytest.mark.parametrize(
    "line,expected",
    [
        ("Read more on Sky News:", True),
        ("Related:", True),
        ("Related topics", True),
        ("More on this story", True),
        ("Explore more on these topics", True),
        ("Suggested Topics:", True),
        ("Most read", True),
        ("The plan includes:", False),
        ("He listed three demands:", False),
        ("More to come", False),
        ("What happens next?", False),
        ("More From the Los Angeles Times", True),
        ("More Washington Examiner", True),
        ("Latest from BBC Sport", True),
        ("More than 40 people died", False),
    ],
)
def test_list_intro(line: str, expected: bool) -> None:
    assert rules.is_list_intro(line) is expected


@pytest.mark.parametrize(
    "line,expected",
    [
        ("Zelenskyy-Putin summit", True),
        ("What happens next?", True),
        ("He left.", False),
        ("introducing a list:", False),
        ("lower-case start", False),
        ("* Calendar subject to change by the organiser", False),
        ("— The Nigerian Senate (@NGRSenate) October 9, 2018", False),
        ("‘Don’t trust Russia,’ diplomat warns", True),
        (
            "A very long line that goes on and on well past the number of words that any heading would have",
            False,
        ),
    ],
)
def test_title_like(line: str, expected: bool) -> None:
    assert rules.is_title_like(line) is expected


@pytest.mark.parametrize(
    "line,expected",
    [
        ("Zelenskyy-Putin summit", True),
        ("What happens next?", True),
        ("Who pays?", True),
        # Questions from the prose and interviews of PolNeAR's news texts.
        ("How is that possible?", False),
        ("So where should policy makers go from here?", False),
        ("But can they deliver on their promises to fight global warming?", False),
        ("Q: Have you talked to her?", False),
        ("TAPPER: Do you think Donald Trump has campaigned as a racial healer?", False),
        (
            '"Can the liberal media destroy any truly conservative presidential candidate?"',
            False,
        ),
        ("RAMOS: Secretary Clinton, did you lie to them", False),
    ],
)
def test_heading_like(line: str, expected: bool) -> None:
    assert rules.is_heading_like(line) is expected


def test_rule_table_is_documented() -> None:
    names = [rule.name for rule in rules.LINE_RULES]
    assert len(names) == len(set(names))
    assert all(rule.description for rule in rules.LINE_RULES)
    assert rules.PLAYER_RULES <= set(names)


# --- issue 20: furniture by general signals, one case per form -----------------------


@pytest.mark.parametrize(
    "line,rule",
    [
        # credit tails in any form, quotes in the caption or not
        ("“We will not give up,” Mr Zelenskyy told reporters in Kyiv. Pic: PA", "photo_credit"),
        ("Protesters outside parliament in Kuala Lumpur (Reuters/AP pic)", "photo_credit"),
        ("A 14th century plague doctor (Image: GETTY)", "photo_credit"),
        ("More than 4,000 people are expected to receive notice in coming weeks (Credit: iStock)", "photo_credit"),
        ("Credit...Doug Mills/The New York Times", "photo_credit"),
        ("Mr Putin arrives in Anchorage. Photo: Jane Doe/Reuters", "photo_credit"),
        ("Getty Images", "photo_credit"),
        ("Reuters", "photo_credit"),
        # labels standing alone
        ("Image:", "label"),
        ("Published", "label"),
        ("ABSTRACT.", "label"),
        ("FULL TEXT.", "label"),
        ("DON'T MISS", "label"),
        ("Tags:", "label"),
        # teasers: a link to another article
        ("How Europe plans to pay for Ukraine’s defence - The Economist", "teaser"),
        ("Trump and Putin agree to meet in Budapest | Reuters", "teaser"),
        ("China furious at Macron for Hong Kong protest jibe [INSIGHT]", "teaser"),
        ("SEE MORE: Hong Kong protests: 800 students under siege in university", "teaser"),
        ("Also on rt.com Journalists threatened with sedition arrests", "teaser"),
        ("[Related: Salesforce keynote: AI, integration and protesters]", "teaser"),
        # how to reach the author
        ("Write to Al Root at allen.root@dowjones.com", "byline"),
        ("Email Tariq Malik at tmalik@space.com or follow him @tariqjmalik.", "byline"),
        # comment sections
        ("167 comments", "comments"),
        ("Leave a Reply", "comments"),
        ("Gary M on September 17, 2018 at 8:50 pm said:", "comments"),
        # a share request after a question
        ("Like this story? Share it with a friend!", "call_to_action"),
    ],
)
def test_general_furniture_forms(line: str, rule: str) -> None:
    assert rules.line_rule(line) == rule


@pytest.mark.parametrize(
    "line",
    [
        # sentences and headings that share a form's words or punctuation
        "He said it was time to go - and they went.",
        "The war in Ukraine - what we know",
        "Ukraine’s allies - and its enemies - are watching",
        "Comments made by the minister on Tuesday drew sharp criticism from the opposition.",
        "“We rely on the Reuters report,” the spokesman said.",
        "Published figures show inflation fell to 2.1% in July.",
        "Image rights are a growing concern for broadcasters, the regulator said.",
        "-One poll shows Ted Cruz 16 points ahead of Trump in Indiana. [IPFW]",
        "The ceasefire - a first step",
        "More talks are planned",
        "Also, the minister said no.",
        "Contact tracing apps failed to slow the virus, officials said.",
    ],
)
def test_general_forms_keep_body(line: str) -> None:
    assert rules.line_rule(line) is None


@pytest.mark.parametrize(
    "line,expected",
    [
        ("Vladimir Putin And Donald Trump In Alaska", True),
        ("Leaders of the World at a Summit", True),
        ("Trump still has doubts about Putin", False),
        ("He left.", False),
        ("Kyiv", False),
    ],
)
def test_title_case(line: str, expected: bool) -> None:
    assert rules.is_title_case(line) is expected
