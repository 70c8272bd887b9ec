"""Frames and the three views read from them: one parametrized real-news sentence per
mechanism (agent through control, relative pronouns, coordination, datelines, quotes;
light verbs, possessed nouns, adjectives; negation, modality, condition), and one case
per row of the CAMEO class and override tables."""

from __future__ import annotations

import pytest

from newsledger.annotate.shared.cameo import Override, class_of, class_of_code, class_rows, code_of, overrides
from newsledger.pipeline import Pipeline
from newsledger.records import Article, Document
from newsledger.tables import table


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline.load()


def annotated(pipeline: Pipeline, text: str) -> Document:
    return pipeline.annotate_one(Document(Article("a", text, published="2025-08-18")))


@pytest.mark.parametrize(
    "text,lemma,cls,agents",
    [
        # control: the subject of the controlling verb
        ("European leaders joined Zelenskyy in demanding a ceasefire.", "demand", "demand", ["European leaders"]),
        ("China is seeking to remove the tariffs, officials said.", "remove", "coerce", ["China"]),
        # relative pronoun: the noun the clause modifies
        ("Democrats, who are demanding an extension of subsidies, voted against the bill.", "demand", "demand",
         ["Democrats"]),
        # coordination: one frame per holder
        ("Senators Warren and Sanders rejected the proposal.", "reject", "oppose", ["Senators Warren", "Sanders"]),
        # a dateline is never an agent
        ("WASHINGTON — Lawmakers rejected the plan on Monday.", "reject", "oppose", ["Lawmakers"]),
        # light verb + noun, possessed noun, passive agent, adjective
        ("Germany voiced support for the plan.", "support", "support", ["Germany"]),
        ("Russia's call for talks was welcomed by Hungary.", "call", "demand", ["Russia's"]),
        ("Russia's call for talks was welcomed by Hungary.", "welcome", "support", ["Hungary"]),
        ("Ukraine is ready to hold talks.", "ready", "intent", ["Ukraine"]),
        ("Italy is opposed to sending troops.", "oppose", "oppose", ["Italy"]),
        # CAMEO classes: speech, threat, intent
        ("Moscow threatened to cut gas supplies.", "threaten", "threat", ["Moscow"]),
        ("The minister pledged to cut emissions.", "pledge", "intent", ["The minister"]),
    ],
)
def test_frame_predicate_class_and_agents(pipeline, text, lemma, cls, agents) -> None:
    frames = [f for f in annotated(pipeline, text).frames if f.lemma == lemma]
    assert frames, [f.lemma for f in annotated(pipeline, text).frames]
    assert {f.cls for f in frames} == {cls}
    assert [f.agent_text for f in frames if f.agent_text] == agents


@pytest.mark.parametrize(
    "text,lemma,negated,modality,condition",
    [
        ("France does not support the plan.", "support", True, "certain", None),
        ("Iran will retaliate if Israel strikes.", "retaliate", False, "future", "if Israel strikes"),
        ("Officials said the talks would resume.", "resume", False, "would", None),
        ("The US may impose new sanctions.", "impose", False, "possible", None),
        ("We are going to start with something smaller.", "start", False, "future", None),
    ],
)
def test_frame_negation_modality_condition(pipeline, text, lemma, negated, modality, condition) -> None:
    [frame] = [f for f in annotated(pipeline, text).frames if f.lemma == lemma]
    assert (frame.negated, frame.modality, frame.condition) == (negated, modality, condition)


def test_first_person_in_a_quote_is_its_speaker(pipeline) -> None:
    document = annotated(pipeline, '"We will inform you soon," Vladimir Putin said.')
    [frame] = [f for f in document.frames if f.lemma == "inform"]
    assert (frame.holder, frame.reporter, frame.in_quote) == ("Vladimir Putin", "Vladimir Putin", True)


def test_frames_carry_the_attached_time(pipeline) -> None:
    [frame] = [f for f in annotated(pipeline, "Russia rejected the proposal on Monday.").frames if f.lemma == "reject"]
    assert frame.time_end == "2025-08-18"


# --- the tables: one case per row --------------------------------------------------

@pytest.mark.parametrize("row", class_rows(), ids=lambda r: f"{r.code}-{r.block or 'any'}")
def test_every_class_row_is_what_its_code_and_block_give(row) -> None:
    # a two-digit root padded with 9 (a specified sub-code: "129" veto) is the root's row
    expected = None if row.cls == "none" else row.cls
    assert class_of_code(row.code.ljust(3, "9"), row.block or None) == expected


@pytest.mark.parametrize("row", table("frame_overrides.csv", Override), ids=lambda r: f"{r.lemma}-{r.pos}")
def test_every_override_row_wins_over_the_dictionary(row) -> None:
    expected = None if row.cls == "none" else row.cls
    assert class_of(row.lemma, row.pos) == expected
    assert overrides()[(row.lemma, row.pos)] == row.cls


@pytest.mark.parametrize(
    "lemma,obj,code",
    [("condemn", None, "111"), ("threaten", None, "130"), ("ask", "extradition", "0213"), ("meet", None, "040")],
)
def test_cameo_codes_and_object_patterns(lemma, obj, code) -> None:
    assert code_of(lemma, obj) == code


# --- the views ---------------------------------------------------------------------

@pytest.mark.parametrize(
    "text,expected",
    [
        ("Germany voiced criticism of the new sanctions.", [("Germany", "oppose", "the new sanctions")]),
        ("Senators Elizabeth Warren and Bernie Sanders rejected the proposal.",
         [("Elizabeth Warren", "oppose", "the proposal"), ("Bernie Sanders", "oppose", "the proposal")]),
        ("The Taliban have refused to negotiate with the government in Kabul.",
         [("Taliban", "oppose", "negotiate with the government in Kabul")]),
        ("Britain proposed a ceasefire in Gaza.", [("Britain", "support", "a ceasefire in Gaza")]),
        # precision: polls, embedded demands, whether-clauses, counted things
        ("In the poll, 1 percent support Jill Stein.", []),
        ("Barack Obama issued a call for the United States to accept more refugees.",
         [("Barack Obama", "support", "the United States to accept more refugees")]),
        ("Analysts said whether Donald Trump will agree to the deal is unclear.", []),
        ("Germany accepted 11,000 refugees last year.", []),
        # a reported obligation is off by default ([stances] reported_obligations)
        ("Keith Gambill told teachers that the Legislature should direct money toward schools.", []),
    ],
)
def test_stances_from_frames(pipeline, text, expected) -> None:
    got = [(s.holder, s.polarity, s.target) for s in annotated(pipeline, text).stances]
    assert got == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Keith Gambill told teachers that the Legislature should direct money toward schools.",
         [("Keith Gambill", "support", "the Legislature direct money toward schools")]),
        ('"We need to keep teachers in the classroom," Angela Cooper said.',
         [("Angela Cooper", "support", "keep teachers in the classroom")]),
        ("The house's future use should send a signal, Wolfgang Peschorn said.", []),
    ],
)
def test_reported_obligations_when_switched_on(text, expected) -> None:
    from newsledger.settings import Settings

    pipeline = Pipeline.load(settings=Settings().replace("stances", reported_obligations=True))
    got = [(s.holder, s.polarity, s.target) for s in annotated(pipeline, text).stances]
    assert got == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        ('"We will inform you soon," Vladimir Putin said.', [("Vladimir Putin", "plan")]),
        ("Tim Clark said the airline will recommence its expansion in the early 2020s.", [("Tim Clark", "plan")]),
        ("The International Monetary Fund said the exit will raise many questions.",
         [("International Monetary Fund", "expectation")]),
        ("Russia agreed to pause strikes on energy facilities.", [("Russia", "promise")]),
        ("Ukraine is ready to hold talks with Russia.", [("Ukraine", "plan")]),
        # an agentless schedule is a plan whose holder is unsaid
        ("The extradition hearing, which is scheduled to take place in London in February, was confirmed.",
         [(None, "plan")]),
        # a newsroom's "understands" reports; it holds nothing
        ("Sky News understands a meeting could happen before the end of the month.", [(None, "plan")]),
        # not commitments: a negated outcome, a whether-clause, a hypothetical would
        ("The United Nations said the decision would not change the reality.", []),
        ("Derek Scissors said whether Donald Trump will agree depends on the polls.", []),
        ("Germany would never accept such a deal.", []),
    ],
)
def test_commitments_from_frames(pipeline, text, expected) -> None:
    got = [(c.holder, c.kind) for c in annotated(pipeline, text).commitments]
    assert got == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Russian troops killed three Ukrainians in Kharkiv on Sunday.", [("attack", "happened")]),
        ("Thousands of teachers marched in Indianapolis on Tuesday.", [("protest", "happened")]),
        ("The company hit a record high on Friday.", []),
    ],
)
def test_events_from_frames(pipeline, text, expected) -> None:
    got = [(e.type, e.status) for e in annotated(pipeline, text).events]
    assert got == expected


def test_a_weekday_under_a_commitment_looks_forward(pipeline) -> None:
    # published on a Monday: "on Thursday" is the coming Thursday
    [commitment] = annotated(pipeline, "Russia proposed that the delegations would meet on Thursday, Dmitry Peskov said.").commitments
    assert commitment.due == "2025-08-21"
