"""Conflict notes: each signal as a pure function, then the detectors on the real store."""

from __future__ import annotations

import pytest

from rag.api import Pipeline
from rag.conflicts import (
    Occasion,
    attribution,
    claims_first,
    conditions,
    different_occasions,
    occasion,
    person_titles,
    stance,
)
from rag.lexical import tokenize
from rag.questions import figures

# --- Signals ---------------------------------------------------------------------------------


def test_person_titles_read_current_and_former_titles() -> None:
    assert person_titles("Former President Donald Trump also expressed support.") == {
        "Donald Trump": "former president"
    }
    assert person_titles("Since January, US President Donald Trump has pivoted.") == {
        "Donald Trump": "president"
    }
    assert person_titles("Kremlin spokesman Dmitry Peskov later confirmed it.") == {
        "Dmitry Peskov": "spokesman"
    }
    assert person_titles("The president spoke to reporters.") == {}


def test_occasion_reads_day_date_event_and_venue_of_a_statement() -> None:
    assert occasion(
        "In a statement to Russian media on Monday, Putin said, “We are ready.”"
    ) == Occasion(day="Monday", venue="press")
    assert occasion(
        "Addressing the St. Petersburg International Economic Forum on Thursday, "
        "Putin insisted on it."
    ) == Occasion(day="Thursday", event="St. Petersburg International Economic Forum")
    assert occasion("On 21 April, Putin expressed openness to talks.") == Occasion(date="21 April")
    assert occasion("He told Russian state TV: “I am ready to meet.”") == Occasion(
        venue="television"
    )
    # No statement, or no when/where: no occasion.
    assert occasion("The war began on Monday.") is None
    assert occasion("Putin said he was ready.") is None


def test_occasions_differ_only_when_a_stated_slot_differs() -> None:
    monday_press = Occasion(day="Monday", venue="press")
    assert different_occasions(monday_press, Occasion(day="Thursday"))
    assert different_occasions(monday_press, Occasion(venue="television"))
    # "On 21 April" and "on Monday" may be the same day: not a difference.
    assert not different_occasions(monday_press, Occasion(date="21 April"))


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ('Putin said, "We are ready to discuss a ceasefire with Ukraine."', "for"),
        ("Moscow has “a positive attitude towards a ceasefire.”", "for"),
        ("He dismissed the idea of a temporary ceasefire, instead calling for peace.", "against"),
        ("The Kremlin has not yet explained if its proposal entails a ceasefire.", "undecided"),
        # The cue must be in the same clause, a few words before the term.
        ("Ukraine dismissed the offer, while Russia proposed a ceasefire.", None),
        ("While Ukraine called for an extension of the ceasefire, Russia refused to comply.", None),
    ],
)
def test_stance_towards_a_term(sentence: str, expected: str | None) -> None:
    assert stance(sentence, tokenize("ceasefire")[0]) == expected


def test_stance_is_towards_the_compound_not_its_modifier() -> None:
    # "peace" qualifies "proposals": no stance on peace itself.
    assert stance("Russia has rejected multiple peace proposals.", "peac") is None
    assert stance("Russia has rejected multiple peace proposals.", "propos") == "against"


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Putin underlined that Russia has no preconditions for negotiations.", "none"),
        ("The first step towards peace is an unconditional ceasefire.", "none"),
        ('Putin insisted the negotiations must respect "current realities."', "some"),
        ("He will hold talks, but only during a “final phase” of negotiations.", "some"),
        ("Putin is ready for direct talks.", None),
    ],
)
def test_conditions(sentence: str, expected: str | None) -> None:
    assert conditions(sentence) == expected


def test_first_time_claims() -> None:
    assert claims_first("This is the first time he has made such a statement since 2022.")
    assert claims_first("marking the first such suggestion since the beginning of the invasion")
    assert not claims_first("Putin expressed openness to negotiations.")


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Both sides accused each other of violating the ceasefire.", "mutual accusation"),
        (
            "The truce, which Russian violated multiple times while accusing Ukraine of "
            "violations.",
            "asserted as fact",
        ),
        ("Kyiv accused Moscow of violating the truce.", "one side's claim"),
        ("The truce held for thirty hours.", None),
    ],
)
def test_attribution_of_an_event(sentence: str, expected: str | None) -> None:
    assert attribution(sentence, "violat") == expected


def test_figures_with_their_units() -> None:
    assert figures("Russia declared a 30-hour Easter ceasefire.") == [("30", "hour")]
    assert figures("an army of around 50,000 on its border") == [("50,000", None)]
    assert figures("at least 28 people dead, 1,008,240 in all") == [
        ("28", "people"),
        ("1,008,240", None),
    ]


# --- Detectors on the bundled articles --------------------------------------------------------

MUST_CATCH = [
    (
        "Is this the first time since the 2022 invasion that Putin has said he is willing to talk "
        "directly with Ukraine?",
        "contradiction",
        {"000_a8e0354666d9b320", "003_56b82167046989ac"},
    ),
    (
        "What is Russia’s position on a ceasefire?",
        "contradiction",
        {"001_1ebcad579dd464c2", "003_56b82167046989ac"},
    ),
    ("Does Putin set preconditions for negotiations?", "contradiction", {"003_56b82167046989ac"}),
    (
        "Is Donald Trump described as the current or a former U.S. president?",
        "contradiction",
        {"000_a8e0354666d9b320", "001_1ebcad579dd464c2"},
    ),
    (
        "When did Putin say he was ready for direct talks with Ukraine?",
        "occasion",
        {"000_a8e0354666d9b320", "002_72acc11ac7a82a21"},
    ),
    (
        "Who violated the Easter ceasefire?",
        "framing",
        {"000_a8e0354666d9b320", "001_1ebcad579dd464c2"},
    ),
]


@pytest.mark.parametrize(("question", "kind", "docs"), MUST_CATCH)
def test_disagreements_between_the_articles_are_noted(
    pipeline: Pipeline, article_texts: dict[str, str], question: str, kind: str, docs: set[str]
) -> None:
    answer = pipeline.ask(question)
    assert answer.conflicts, question
    note = answer.conflicts[0]
    assert note.kind == kind
    assert note.note.startswith("Sources disagree on ")
    assert docs <= {answer.citation(c.citation).source.doc_id for c in note.claims}
    assert len({c.says for c in note.claims}) >= 2  # at least two sides
    for claim in note.claims:
        cited = answer.citation(claim.citation)
        assert article_texts[cited.source.doc_id][cited.start : cited.end] == cited.quote


def test_preconditions_pits_no_preconditions_against_a_stated_condition(pipeline: Pipeline) -> None:
    answer = pipeline.ask("Does Putin set preconditions for negotiations?")
    sides = {c.says: answer.citation(c.citation).quote for c in answer.conflicts[0].claims}
    assert "no preconditions" in sides["no conditions"]


def test_occasion_notes_name_the_most_recent_dated_source(pipeline: Pipeline) -> None:
    answer = pipeline.ask("When did Putin say he was ready for direct talks with Ukraine?")
    note = next(n for n in answer.conflicts if n.kind == "occasion")
    assert "published 2025-05-12" in note.note  # 002 is the newest dated article


@pytest.mark.parametrize(
    "question",
    [
        "What does the U.S. framework for compromise propose?",
        "What kind of ceasefire does the U.S. proposal envisage?",
        "How long was Russia’s Easter ceasefire?",
        "Will Ukraine recognize occupied territories as part of Russia?",
        "Where is the upcoming high-level meeting on the war being held?",
        "Who declared the Easter truce?",
        "Is Putin ready to hold direct talks with Ukraine?",
    ],
)
def test_sources_that_agree_in_different_words_are_not_flagged(
    pipeline: Pipeline, question: str
) -> None:
    answer = pipeline.ask(question)
    assert not answer.abstained
    assert answer.conflicts == ()
