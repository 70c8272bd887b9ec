"""Speakers and cues on unseen news (issue 15): one parametrized table per mechanism,
each row a sentence of the kind that failed (PolNeAR train, 2025 news pages), with who
said what."""

from __future__ import annotations

import pytest

from newsledger.annotate import entities, quotes
from newsledger.nlp import load
from newsledger.records import Article, Document


def annotate(text: str) -> Document:
    document = Document(Article(id="t", text=text, published="2025-08-19"), doc=load()(text))
    return quotes.annotate(entities.annotate(document))


def said(text: str) -> list[tuple[str | None, str | None, str]]:
    """(speaker, mention, text) of each quote."""
    return [(q.speaker, q.speaker_mention, q.text) for q in annotate(text).quotes]


@pytest.mark.parametrize(
    "text,speaker",
    [
        # a definite description takes the latest body named with its head noun
        ("Russia's foreign ministry summoned the ambassador on Monday. The ministry said the talks would resume.",
         "Russian Foreign Ministry"),
        ("The Ukrainian Air Force shot down 40 drones. Kyiv's air force said Russia launched 270 drones overnight.",
         "Ukrainian Air Force"),
        # an appositive name
        ("The head of the Ukrainian delegation, Rustem Umerov, said the talks would resume in May.", "Rustem Umerov"),
        # a class noun of organisations: the latest organisation named
        ("United Technologies employs 200,000 people. The company says it fears it could end up in a similar "
         "situation.", "United Technologies"),
    ],
)
def test_descriptions(text: str, speaker: str) -> None:
    assert said(text)[0][0] == speaker


@pytest.mark.parametrize(
    "text,content,speaker",
    [
        ("“You don’t win the nomination by how many states you win,” Rubio responded before adding that "
         "he will have to win some winner-take-all states in March.",
         "he will have to win some winner-take-all states in March", "Rubio"),
        ("Marco Rubio concluded by implying that some government-provided insurance would be necessary.",
         "some government-provided insurance would be necessary", "Marco Rubio"),
        ("Ted Cruz spoke in Iowa, saying the border must be secured first.", "the border must be secured first",
         "Ted Cruz"),
        # of two subjects the parser gave the main verb, the nearest; a naming verb keeps its object
        ("Speaking at a town hall event in Salem, New Hampshire, Trump went after Bush, calling him “a total stiff.”",
         "him “a total stiff.”", "Trump"),
    ],
)
def test_participle_cues_take_the_main_subject(text: str, content: str, speaker: str) -> None:
    assert (speaker, content) in [(s, t) for s, _, t in said(text)]


@pytest.mark.parametrize(
    "text,mention",
    [
        # a singular common noun the parser hung the participle on does not speak; the clause's subject does
        ("Mr. Coleman spoke at length. He said he had a hard time imagining that ''our standard-bearer "
         "articulating that is going to be appealing to a majority of Americans.''", "he"),
        # a plural noun does, and so does a document
        ("Police received 911 calls saying shots had been fired.", "911 calls"),
        ("The ministry issued a statement saying the talks would resume.", "a statement"),
    ],
)
def test_participles_on_nouns(text: str, mention: str) -> None:
    assert said(text)[-1][1] == mention


def test_a_document_first_named_as_an_object_is_its_subjects() -> None:
    text = "Russia's foreign ministry summoned the ambassador. The ministry issued a statement saying the talks would resume."
    assert said(text)[-1][:2] == ("Russian Foreign Ministry", "a statement")


@pytest.mark.parametrize(
    "text,speaker,mention",
    [
        # the mention is the document as written, the speaker its author
        ("A statement from the White House said the talks would resume in May.", "White House", "A statement"),
        ("Hillary Clinton's emails show that she knew about the attack.", "Hillary Clinton",
         "Hillary Clinton's emails"),
        ("A statement issued by the Russian foreign ministry said the talks would resume.",
         "Russian Foreign Ministry", "A statement"),
        # a document named again: its author is who issued it the first time
        ("Peter Cook provided a written statement on Monday. “The secretary believes it was a mistake,” the "
         "statement said.", "Peter Cook", "the statement"),
        # no author in the phrase: the medium is no speaker
        ("Leaked emails showed that the committee favoured Clinton.", None, "Leaked emails"),
    ],
)
def test_documents_are_media(text: str, speaker: str | None, mention: str) -> None:
    assert [(s, m) for s, m, _ in said(text)] == [(speaker, mention)]


@pytest.mark.parametrize(
    "text,speakers",
    [
        # a quotation-only paragraph after a quote is the same speaker's
        ("“We are ready to fight,” Donald Trump told reporters.\n\n“Nobody will stop us from winning this time.”",
         ["Donald Trump", "Donald Trump"]),
        # unless another speaker intervenes
        ("“We are ready to fight,” Donald Trump told reporters.\n\nJohn Kerry said the United States would accept "
         "100,000 refugees.\n\n\"That adds up to 185,000 over two years. But this would be the total number.\"",
         ["Donald Trump", "John Kerry", "John Kerry"]),
    ],
)
def test_continuation_quotes(text: str, speakers: list[str]) -> None:
    assert [s for s, _, _ in said(text)] == speakers


@pytest.mark.parametrize(
    "text,speaker",
    [
        # "Some people" is inside the marks: the speaker is the cue's subject outside them
        ("“Some people get a little carried away, have you noticed that?” Clinton said, telling the crowd to calm down.",
         "Clinton"),
        # nor are words inside another quotation (the parse gives no subject: unknown, not Cruz)
        ("When someone in the audience shouted, “Cruz,” Beck joked, again using an exaggerated Southern accent, "
         "“Amen, brother! Come on up and get baptized!”", None),
    ],
)
def test_mentions_inside_the_quote_are_not_speakers(text: str, speaker: str | None) -> None:
    assert said(text)[0][0] == speaker


@pytest.mark.parametrize(
    "text,mention",
    [
        ("Donald Trump — who had been silent for days — said the talks would resume in May.", "Donald Trump"),
        ("Saturday at the Massachusetts Democratic party convention Sen. Elizabeth Warren (D-MA) said Donald Trump "
         "was a failure.", "Sen. Elizabeth Warren"),
        ("Elizabeth Warren on Saturday said Donald Trump was a failure in business.", "Elizabeth Warren"),
        ("About 4 in 10 say they want the next president to have more liberal policies.", "About 4 in 10"),
        # a participle the parser made a clausal subject (the quantity keeps its group)
        ("Large majorities of Republican primary voters in six states going to the polls on Super Tuesday said "
         "they support a proposal to ban Muslims.", "Large majorities of Republican primary voters"),
        # the comma after an apposition
        ("In a statement to the Observer, her senior policy adviser, Jake Sullivan, said: “Hillary Clinton believes "
         "that transatlantic cooperation is essential.”", "Jake Sullivan"),
        # object control: the object of "prompted" is who states
        ("That record prompted Dave Leip’s Atlas of U.S. Presidential Elections to state, “Vigo County, Indiana is "
         "the most prominent bellwether of presidential elections.”", "Dave Leip’s Atlas"),
    ],
)
def test_dashes_dates_and_lost_subjects(text: str, mention: str) -> None:
    assert said(text)[0][1] == mention


@pytest.mark.parametrize(
    "text,mention",
    [
        # an inverted frame whose name the tagger took for an adverb
        ("“Having access to the RNC file and two people who understand it is valuable,” said Skelly, explaining he "
         "worked more closely with Chrabaszcz.", "Skelly"),
        # the name the parser hung on a later verb
        ("''Anyone who talks about dividing people is a threat,'' said Richard L. Trumka, president of the "
         "A.F.L.-C.I.O. The potential pairing greased the wheels.", "Richard L. Trumka"),
        # the speaker the parser made an object
        ("“There are more candidates competing in New Hampshire, many of them strong,” added another New Hampshire "
         "Republican.", "another New Hampshire Republican"),
    ],
)
def test_postposed_speakers(text: str, mention: str) -> None:
    assert said(text)[0][1] == mention


@pytest.mark.parametrize(
    "text,speaker",
    [
        # the quoted words' own verb, which the parser set above the frame, reports nothing
        ("''He says what everyone else wants to say but they're too scared to say,'' Steve Moody, a small-business "
         "owner, said at Mr. Trump's rally on Tuesday.", "Steve Moody"),
        # nor does a cue of the paragraph before, which the parse ran on into this one
        ("Her editor, John Hale, said she considered it.\n\n''Isabelle thinks it's O.K. to want to make money,'' Ms. Sherry "
         "said, ''and ambition is not a bad thing.''", "Sherry"),
    ],
)
def test_the_nearest_frame_reports_the_quotation(text: str, speaker: str) -> None:
    assert said(text)[-1][0] == speaker


def test_a_trailing_cue_stops_at_a_line_break() -> None:
    # the parse runs on over the single newline; "a new poll showing" is the next paragraph's
    text = ("“He’s trying to appeal to a sense of displacement,” he said. “Elect me and we’ll finally have a "
            "leader who will undo all these terribles.”\nPriebus, in the wake of a new poll showing Trump’s "
            "standing down to 14 percent, told Fox News on Sunday that Trump appreciates the need to do better.")
    assert said(text)[0][1] == "he"


@pytest.mark.parametrize(
    "text,mention,kind",
    [
        # the verb the colon closes, not the clause before it
        ("In the hours after 14 people were killed in San Bernardino, Calif., a familiar voice celebrated the attacks "
         "on Twitter: ''California, we have already arrived with our soldiers. Decide how to be your end.''",
         "a familiar voice", "direct"),
        # the cue highest in the parse, not one in its subordinate clause; the words after the colon are direct
        ("Mr. Amar said that if viewed through the lens of negotiating strategy, some kind of grand bargain might be "
         "possible: ''In business, the question always is, is there an overlap between the bid and ask price?''",
         "Mr. Amar", "direct"),
    ],
)
def test_a_colon_frame_is_the_clause_it_closes(text: str, mention: str, kind: str) -> None:
    quote = annotate(text).quotes[-1]
    assert (quote.speaker_mention, quote.kind) == (mention, kind)


@pytest.mark.parametrize(
    "text,mention",
    [
        ("Less than three months before the caucuses, Mr. Coons spoke. Or, as Tom Ridge, a former secretary of "
         "homeland security, put it: ''The barbarians are no longer at the gate. They're inside.''", "Tom Ridge"),
        ("As Professor Foner put it: ''The United States does a better job at accepting immigrants as Americans in "
         "the making.''", "Professor Foner"),
    ],
)
def test_as_x_put_it(text: str, mention: str) -> None:
    quote = annotate(text).quotes[-1]
    assert (quote.speaker_mention, quote.kind) == (mention, "direct")


def test_put_alone_is_no_cue() -> None:
    assert said("He put it on the table, and the committee put the vote off until May.") == []


@pytest.mark.parametrize(
    "text,mention",
    [
        # a part or a quantity is named with the group its "of" phrase gives
        ("On a major issue, nearly two-thirds of Democratic primary voters said that Wall Street does more to hurt "
         "the economy.", "two-thirds of Democratic primary voters"),
        ("Some 55 percent of voters nationwide said they do not believe her.", "Some 55 percent of voters"),
        ("A majority of Republicans said the party was divided.", "A majority of Republicans"),
        # a singular one is not a group
        ("A member of the committee said the vote was delayed.", "A member"),
    ],
)
def test_a_quantity_speaks_with_its_group(text: str, mention: str) -> None:
    assert said(text)[0][1] == mention


@pytest.mark.parametrize(
    "text,speaker",
    [
        # the parser hung the subject, with its appositive, on the fronted phrase
        ("But in a conference call with reporters on Dec. 2, Col. Steven H. Warren, a military spokesman in Baghdad, "
         "said, ''I mean, a raid is a combat operation.''", "Steven H. Warren"),
        ("At Boca West, where it costs new members $70,000 to sign up, Jay DiPietro, the club's 78-year-old "
         "president and general manager, suggested that the troubles could be blamed on poor management.",
         "Jay DiPietro"),
        # a coordinated cue whose first verb lost its subject to a fronted phrase
        ("At a June Trump campaign event in St. Clairsville, Ohio, 62-year-old Brenda Johnson also railed against "
         "immigrants, and explained how much it upset her to hear them speak in other languages.", "Brenda Johnson"),
    ],
)
def test_subjects_lost_to_a_fronted_phrase(text: str, speaker: str) -> None:
    assert said(text)[0][0] == speaker


@pytest.mark.parametrize(
    "text,mention",
    [
        # a short frame of any verb after a quotation its comma leaves open
        ("John Oliver appeared to lose his temper.\n“OK, for a start, his wife has explained that she chose not "
         "to speak,” Oliver barked.", "Oliver"),
        ("Grassley has been taking heat.\n\n“There are invertebrates that have shown more spine than Sen. Charles "
         "Grassley,” reads a Wednesday editorial in The Des Moines Register.", "a Wednesday editorial"),
        ("“France is no longer France,” he claimed.\n“France will always be France. It never gives up,” "
         "retaliated an angry Hollande.", "an angry Hollande"),
    ],
)
def test_bare_frames(text: str, mention: str) -> None:
    assert said(text)[-1][1] == mention


@pytest.mark.parametrize(
    "text,mention",
    [
        # a main clause's verb before the comma and the marks, whatever the verb
        ("During their first debate, Hillary Clinton cracked, ''I'm a progressive, but I'm a progressive who likes "
         "to get things done.''", "Hillary Clinton"),
        # not a subordinate clause's: the frame after the quotation speaks
        ("When he arrived, “We are here to stay,” the crowd chanted.", "the crowd"),
    ],
)
def test_bare_leading_frames(text: str, mention: str) -> None:
    assert said(text)[-1][1] == mention


def test_a_frame_that_goes_on_is_no_bare_frame() -> None:
    # the quotation ends its sentence: it carries on the speaker before it, whatever follows
    text = "Sanders spoke in Iowa.\n“We will win. It is our time,” he said, “and it will come.” Clinton laughed."
    assert [m for _, m, _ in said(text)] == ["he"]


def test_datelines_are_never_speakers() -> None:
    text = "WASHINGTON — The Senate voted on Tuesday. Officials said the bill would pass."
    assert [m for _, m, _ in said(text)] == ["Officials"]


@pytest.mark.parametrize(
    "text,expected",
    [
        # one utterance split by its frame is one record
        ("“We tried,” she said. “And we will try again tomorrow.”", ["We tried … And we will try again tomorrow."]),
        ("“We tried,” said Karoline Leavitt, “and we will try again.”", ["We tried … and we will try again."]),
        # a participle of the same frame between the parts is no other speaker; its clause is a record too
        ("“I think that speaks volumes,” she said, adding that Trump’s campaign will work hard to win over those "
         "Latino voters. “I think they’re waiting to be courted.”",
         ["I think that speaks volumes … I think they’re waiting to be courted.",
          "Trump’s campaign will work hard to win over those Latino voters"]),
        # a mixed quotation keeps the whole reported clause
        ("Boris Johnson said the plan was “a complete and utter disaster” for Britain.",
         ["the plan was “a complete and utter disaster” for Britain"]),
    ],
)
def test_one_utterance_one_record(text: str, expected: list[str]) -> None:
    assert [t for _, _, t in said(text)] == expected


@pytest.mark.parametrize(
    "text,speaker,content",
    [
        ("The campaign is running out of money, analysts say.", None, "The campaign is running out of money"),
        ("As Politico reported, the campaign spent $2 million on ads in Iowa.", "Politico",
         "the campaign spent $2 million on ads in Iowa"),
        ("Sanders said, in an email to supporters, that the campaign would go on.", "Sanders",
         "the campaign would go on"),
        ("Clinton smiled and suggested that the campaign would go on.", "Clinton", "the campaign would go on"),
        ("Marco Rubio: ‘You Don’t Win The Nomination By How Many States You Win.’", "Marco Rubio",
         "You Don’t Win The Nomination By How Many States You Win."),
        ("Lindsey Graham spoke on Sunday.\n\nGraham: Trump’s ‘Incredibly Hateful Rhetoric’ Destroying GOP’s Chance",
         "Lindsey Graham", "Trump’s ‘Incredibly Hateful Rhetoric’ Destroying GOP’s Chance"),
        ("When Wallace died, President Bill Clinton released the following statement:\n\n“Hillary and I offer our "
         "condolences to the family.”", "Bill Clinton", "Hillary and I offer our condolences to the family."),
        # nested cues keep the outer attribution
        ("Kasich says he'd tell him “no more nonsense from you”.", "Kasich", "he'd tell him “no more nonsense from you”"),
        # a coordinated second attribution, its "said" mistagged, is cut off the first
        ("Even so, three-quarters of the voters said they were very worried about the direction of the nation’s "
         "economy, and more than 4 in 10 said billionaire Donald Trump would be best at handling the economy.", None,
         "they were very worried about the direction of the nation’s economy"),
        # topics and names of speech acts
        ("Bernie Sanders called for a ban on fracking.", "Bernie Sanders", "a ban on fracking"),
        ("Ted Cruz talked about immigration and the wall on Monday.", "Ted Cruz", "immigration and the wall"),
        ("Hillary Clinton described the plan as a failure of leadership.", "Hillary Clinton",
         "the plan as a failure of leadership"),
    ],
)
def test_cues_the_parser_misses(text: str, speaker: str | None, content: str) -> None:
    assert (speaker, content) in [(s, t) for s, _, t in said(text)]


@pytest.mark.parametrize(
    "text,contents",
    [
        ("UPDATE: The senator has since deleted the tweet.", []),  # a label that names no one
        ("Read more on Sky News:\n‘Don’t trust Russia,’ diplomat warns", []),
        ("Marco Rubio said on Monday that he would stay in the race.", ["he would stay in the race"]),  # no topic
    ],
)
def test_no_false_labels_or_topics(text: str, contents: list[str]) -> None:
    assert [t for _, _, t in said(text)] == contents
