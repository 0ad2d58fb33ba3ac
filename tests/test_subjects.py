"""Telling apart different things that share the question's name (rag/subjects.py)."""

from __future__ import annotations

import dataclasses

import pytest

from rag.questions import analyse
from rag.subjects import named_apart


@pytest.mark.parametrize(
    ("question", "one", "other", "apart"),
    [
        (  # film: a qualifier in brackets after the shared name
            'What is the genre of "Bright Lights"?',
            "Bright Lights (1928 film) Bright Lights is a cartoon short.",
            "Bright Lights (1930 film) Bright Lights is a musical comedy film.",
            True,
        ),
        (  # sport: fuller names that extend the asked one
            "When was Arteaga born?",
            "Mario Arteaga was born on 29 November 1970 in Guadalajara.",
            "Gerardo Arteaga was born on 7 September 1998 in Zapopan.",
            True,
        ),
        (  # publishing: kinds of thing that cannot be one (a novel and a film)
            'Who wrote "Monkey Grip"?',
            "Monkey Grip is a novel by Helen Garner.",
            "Monkey Grip is a film directed by Ken Cameron.",
            True,
        ),
        (  # towns: the region after a comma, as a page's title writes it
            "What is the population of Wadi?",
            "Wadi, Karnataka Wadi is a census town in Gulbarga district.",
            "Wadi, Maharashtra Wadi is a census town in Nagpur district.",
            True,
        ),
        (  # local news: the state after a comma, as a dateline writes it
            "How many people were evacuated in Springfield?",
            "Officials in Springfield, Illinois, evacuated 300 homes on Tuesday.",
            "Firefighters in Springfield, Massachusetts said 40 people left their homes.",
            True,
        ),
        (  # a press release in capitals after the dateline (read in one way, not in
            # every way its capitals could be cut into words, which took minutes)
            "How many homes were evacuated in Springfield?",
            "Springfield, Illinois, FOR IMMEDIATE RELEASE THE CITY COUNCIL EVACUATED 300 HOMES",
            "Firefighters in Springfield, Massachusetts said 40 homes were emptied.",
            True,
        ),
        (  # the same state written short and in full is one place
            "How many people were evacuated in Springfield?",
            "Officials in Springfield, Ill., evacuated 300 homes on Tuesday.",
            "Firefighters in Springfield, Illinois said 40 people left their homes.",
            False,
        ),
        (  # a place after a comma that is an item of a list is no region of the name
            "When did the minister visit Warsaw?",
            "The minister visited Warsaw, Kyiv and Berlin in May.",
            "The minister visited Warsaw, Poland, in June.",
            False,
        ),
        (  # festivals: two names whose initials spell the asked one
            "When was the GIFF first held?",
            "The Guwahati International Film Festival (GIFF) was first held in 2017.",
            "The Geneva International Film Festival (GIFF) began in 1995.",
            True,
        ),
        (  # sport and law: one acronym, two bodies
            "When was the ICC founded?",
            "The International Cricket Council (ICC) was founded in 1909.",
            "The International Criminal Court (ICC) was set up in 2002.",
            True,
        ),
        (  # the same body spelled out twice is one
            "When was the NTSB report released?",
            "The National Transportation Safety Board released its report on Monday.",
            "A report by the National Transportation Safety Board (NTSB) came out this week.",
            False,
        ),
        (  # the same qualifier, or a name only one sentence qualifies, tells nothing apart
            "Where is Van Horn High School?",
            "Van Horn High School (Texas) is in Van Horn.",
            "Van Horn High School (Texas) serves the town of Van Horn.",
            False,
        ),
        (
            "When was Arteaga born?",
            "Mario Arteaga was born in 1970.",
            "Arteaga was born in Guadalajara.",
            False,
        ),
        (  # history: an ordinal numbers one of several battles of one name
            "When was the Battle of Marsh Hollow fought?",
            "The First Battle of Marsh Hollow was fought in April 1781.",
            "The second Battle of Marsh Hollow was fought in June 1783.",
            True,
        ),
        (  # sport: as a figure or a word, the same ordinal is one race
            "How many runners finished the Lakeside Marathon?",
            "About 4,000 runners finished the 2nd Lakeside Marathon on Sunday.",
            "The second Lakeside Marathon had 3,800 finishers.",
            False,
        ),
        (  # sport: another edition of the race
            "How many runners finished the Lakeside Marathon?",
            "About 4,000 runners finished the 2nd Lakeside Marathon on Sunday.",
            "The 3rd Lakeside Marathon had 5,100 finishers.",
            True,
        ),
        (  # politics and sport: an ordinal that numbers a noun after the name, or what
            # someone did, numbers no namesake
            "How many seats did Labour win?",
            "Labour won 411 seats, the first Labour majority since 2005.",
            "Labour won 412 seats, the fourth Labour landslide in its history.",
            False,
        ),
        (
            "When was the Dutch Grand Prix held?",
            "Verstappen won his third Dutch Grand Prix on 27 August.",
            "The second Dutch Grand Prix since its return was held on 26 August.",
            False,
        ),
        (  # a city and a company where a title is held: their bodies are not its holder
            "On what occasion did Ravensholm's mayor say the budget lives within its means?",
            "Ravensholm Mayor Lorna Petrakis said so during Tuesday night's council meeting.",
            "Petrakis told the Ravensholm City Council on Wednesday morning that it does.",
            False,
        ),
        (
            "What did the chief executive of Tansy Market say about the takeover?",
            "Tansy Market chief executive Helen Okafor welcomed the takeover.",
            "Tansy Market Holdings said the takeover would close in June.",
            False,
        ),
        (  # health: things named after the asked town are no fuller names of it
            "Who opened Fellhampton's new community hospital?",
            "Fellhampton Community Hospital was opened by Health Secretary Marcus Pell.",
            "It was opened by the chair of the Fellhampton Health Board, Dame Hilary Okonjo.",
            False,
        ),
        (  # education: a school, and a parents' body named after the village
            "When did Bramley's primary school reopen?",
            "Bramley Primary School reopened on Monday.",
            "The Bramley Parents Association said the school reopened on Tuesday.",
            False,
        ),
        (  # sport: but where no sentence names what is owned, two clubs of one name
            "How many fans attended Dundee's derby?",
            "Dundee United drew 12,000 fans to the derby.",
            "Dundee FC said 11,000 fans attended the derby.",
            True,
        ),
        (  # business: two companies of one name, asked as an owner
            "How much did Apple's revenue rise?",
            "Apple Inc. said revenue rose 8% in the quarter.",
            "Apple Records said its revenue rose 3% last year.",
            True,
        ),
        (  # a word that qualifies a title qualifies other nouns too: the hospital is asked
            "When did Ravensholm's general hospital open?",
            "Ravensholm General Hospital opened in 1954.",
            "Ravensholm Community Hospital opened in 1987.",
            True,
        ),
        (  # but the thing itself, named more fully, is told apart
            "When was Arteaga born?",
            "Mario Arteaga was born in 1988.",
            "Gerardo Arteaga was born in 1998.",
            True,
        ),
        (  # an ordinal the question says, in either form, tells nothing apart
            "When was the 2nd Battle of Marsh Hollow fought?",
            "The Second Battle of Marsh Hollow was fought in June 1783.",
            "The second Battle of Marsh Hollow began on 2 June.",
            False,
        ),
    ],
)
def test_sentences_naming_the_subject_otherwise_are_apart(
    make_passages, question: str, one: str, other: str, apart: bool
) -> None:
    a, b = make_passages([("one", one), ("other", other)])
    info = analyse(question)
    assert named_apart(info, (a,), (b,)) is apart
    assert named_apart(info, (b,), (a,)) is apart


def test_a_sentence_takes_the_qualifier_its_article_begins_with(make_passages) -> None:
    """A sentence that names the subject plainly is about the one its article's first
    sentence qualifies (a page's title, a dateline)."""
    question = analyse("What is the population of Wadi?")
    lead_a, said_a, lead_b, said_b = make_passages(
        [
            ("a", "Wadi, Karnataka Wadi is a census town in Gulbarga district."),
            ("a", "India census, Wadi had a population of 120,000."),
            ("b", "Wadi, Maharashtra Wadi is a census town in Nagpur district."),
            ("b", "India census, Wadi had a population of 40,147."),
        ]
    )

    def led(passage, lead):
        return dataclasses.replace(
            passage, lead=lead.sentence.text, lead_annotation=lead.annotation
        )

    assert not named_apart(question, (said_a,), (said_b,))  # the sentences alone say nothing
    assert named_apart(question, (led(said_a, lead_a),), (led(said_b, lead_b),))
    assert not named_apart(question, (led(said_a, lead_a),), (led(said_b, lead_a),))


def test_a_sentence_takes_the_qualifier_its_page_s_title_gives(make_passages) -> None:
    """A page's title qualifies the name where its text does not: two footballers, two
    ferries."""
    footballer = analyse("Where was Joel Marrick born?")
    ferry = analyse("How many passengers can the Skerry Queen carry?")
    older, newer, first_ferry, second_ferry = make_passages(
        [
            ("a", "Marrick was born in Hallowby and joined the academy at nine."),
            ("b", "Born in Dunsford, Marrick was released by the academy at 16."),
            ("c", "The Skerry Queen could carry 420 passengers and 60 cars."),
            ("d", "The Skerry Queen is certified to carry 650 passengers."),
        ]
    )

    def titled(passage, title):
        return dataclasses.replace(passage, doc=dataclasses.replace(passage.doc, title=title))

    assert not named_apart(footballer, (older,), (newer,))  # the sentences alone say nothing
    assert named_apart(
        footballer,
        (titled(older, "Joel Marrick (footballer, born 1994)"),),
        (titled(newer, "Joel Marrick (footballer, born 2001)"),),
    )
    assert named_apart(
        ferry,
        (titled(first_ferry, "MV Skerry Queen (1968)"),),
        (titled(second_ferry, "MV Skerry Queen (2024)"),),
    )
    # a headline that qualifies nothing tells nothing apart, nor one whose brackets hold an
    # aside
    assert not named_apart(
        footballer,
        (titled(older, "Joel Marrick (footballer, born 1994)"),),
        (titled(newer, "Marrick hat-trick sends Stenbridge top"),),
    )
    assert not named_apart(
        footballer,
        (titled(older, "Joel Marrick (finally) signs a new deal"),),
        (titled(newer, "Joel Marrick (pictured) scores three"),),
    )
