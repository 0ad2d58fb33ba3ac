"""The composer: abstention with a reason, sentence choice, and corroboration that needs
agreement on the asked value. Made-up passages from several domains."""

from __future__ import annotations

import dataclasses

import pytest

from rag.compose import compose, corroborates, shared_content
from rag.config import Settings
from rag.questions import analyse, has_answer_type
from rag.score import log_odds, relevance
from rag.slots import main_slot

SETTINGS = Settings.from_env({})


def test_no_passages_and_unknown_names_abstain_with_a_reason(make_passages) -> None:  # type: ignore[no-untyped-def]
    question = analyse("Who won the Tour de France?")
    assert compose(question, [], SETTINGS).abstention.reason == "no_passages"  # type: ignore[union-attr]
    passages = make_passages([("a", "The race finished in Paris.")])
    abstention = compose(question, passages, SETTINGS, unknown_names=["Tour"]).abstention
    assert abstention is not None and abstention.reason == "not_mentioned"
    assert "Tour" in abstention.message
    # named as the question writes the name, not by its one unknown word
    question = analyse("Who is the prime minister of New Zealand?")
    abstention = compose(question, passages, SETTINGS, unknown_names=["Zealand"]).abstention
    assert (
        abstention is not None and abstention.message == "The articles never mention New Zealand."
    )


def test_a_weak_best_passage_abstains_in_plain_words(make_passages) -> None:  # type: ignore[no-untyped-def]
    (passage,) = make_passages([("a", "The river rose overnight.")])
    weak = dataclasses.replace(passage, similarity=0, chunk_similarity=0, coverage=0,
                               neighbourhood=0, typed=False)  # fmt: skip
    abstention = compose(analyse("Who painted the mural?"), [weak], SETTINGS).abstention
    assert abstention is not None and abstention.reason == "low_confidence"
    assert not any(ch.isdigit() for ch in abstention.message)  # no scores in reader's words


def test_a_sentence_saying_the_opposite_is_no_answer(make_passages) -> None:  # type: ignore[no-untyped-def]
    # health and technology: only the opposite is said, then also what is asked
    question = analyse("Which drug was effective against migraine?")
    (opposite,) = make_passages([("a", "The older drug was ineffective against migraine.")])
    abstention = compose(question, [opposite], SETTINGS).abstention
    assert abstention is not None and abstention.reason == "says_opposite"
    assert "“ineffective”" in abstention.message and "“effective”" in abstention.message
    opposite, answer = make_passages(
        [
            ("a", "Card payments were unavailable during the outage."),
            ("b", "Cash machines were available throughout the outage."),
        ]
    )
    composition = compose(analyse("Which services were available during the outage?"),
                          [opposite, answer], SETTINGS)  # fmt: skip
    assert [g.main.sentence.text for g in composition.groups] == [answer.sentence.text]


@pytest.mark.parametrize(
    ("question", "sentences", "answered"),
    [
        # construction, energy: the close sentences speak of another year
        ("Why was construction of the hospital delayed in 2021?",
         ["Construction was delayed in 2023 when inspectors found faulty fire doors."], None),
        ("What did the Department of Energy end in 1974?",
         ["In 1977 the cabinet-level Department of Energy was created."], None),
        # a sentence of that year, or of a span holding it, answers
        ("Why was construction of the hospital delayed in 2021?",
         ["Construction was delayed in 2023 when inspectors found faulty fire doors.",
          "In March 2021 work stopped because steel prices doubled."], 1),
        ("What did oil prices do in 1975?",
         ["Oil prices rose sharply from 1973 to 1979."], 0),
        # a sentence that dates nothing is not set aside
        ("Why was construction of the hospital delayed in 2021?",
         ["Construction was delayed because steel prices doubled."], 0),
    ],
)  # fmt: skip
def test_a_sentence_of_another_year_than_the_one_asked_is_no_answer(  # type: ignore[no-untyped-def]
    make_passages, question: str, sentences: list[str], answered: int | None
) -> None:
    passages = make_passages([(f"doc{i}", text) for i, text in enumerate(sentences)])
    composition = compose(analyse(question), passages, SETTINGS)
    if answered is None:
        assert composition.abstention is not None
        assert composition.abstention.reason == "other_time"
        assert "2023" in composition.abstention.message or "1977" in composition.abstention.message
    else:
        assert composition.abstention is None
        assert composition.groups[0].main is passages[answered]


@pytest.mark.parametrize(
    ("question", "sentences", "answered", "reason"),
    [
        # history: a day the question names, and the sentence's other day
        ("What did Nixon ask Congress for on October 20, 1973?",
         ["On October 19, Nixon requested Congress to appropriate $2.2 billion in aid."],
         None, "other_time"),
        # disasters, broadcasting, elections: the question's figure given otherwise
        ("What fire left 2,000 people homeless?",
         ["The Great Fire left 10,000 people homeless in a single night."], None, "other_figure"),
        ("When did Sky say 3,222,000 homes had Sky+HD?",
         ["On 31 March 2012, Sky announced the total number of homes with Sky+HD was 4,222,000."],
         None, "other_figure"),
        ("Which party won 11.6% of the vote?",
         ["The Greens won 18.4% of the vote, their best result."], None, "other_figure"),
        ("What type of hypersensitivity takes between two and three weeks to develop?",
         ["Type IV hypersensitivity usually takes between two and three days to develop."],
         None, "other_figure"),
        # courts, sport: an age the question states, and the sentence's
        ("Which 30-year-old man was charged with arson?",
         ["Police charged Daniel Reyes, 45, with arson after three homes burned."],
         None, "other_figure"),
        ("Which 45-year-old man was charged with arson?",
         ["Police charged Daniel Reyes, 45, with arson after three homes burned."], 0, None),
        # the same figure written otherwise, or rounded, answers
        ("What fire left 2,000 people homeless?",
         ["The Great Fire left 2,150 people homeless in a single night."], 0, None),
        ("Which party won 11.6% of the vote?",
         ["The Greens won 11.6% of the vote, their best result."], 0, None),
        # a figure of another unit, or a question that asks for a figure, is not compared
        ("Which party won 11.6% of the vote?",
         ["The Greens won 412,000 votes, their best result."], 0, None),
        ("How many of the 500 passengers were injured?",
         ["Officials said 23 passengers were injured in the crash."], 0, None),
        # nor a figure or a date of something else: a season's tally, the day it was said, a
        # mark "since" sets, a change given as levels (sport, business, economics)
        ("Which striker scored 2 goals on Saturday?",
         ["Okafor scored twice on Saturday, taking his tally to 14 goals this season."], 0, None),
        ("Which bank made a £2bn profit in 2023?",
         ["Lloyds said on Tuesday that it made a profit of £2.1bn last year."], 0, None),
        ("Which index hit 10.1% in July 2022?",
         ["The index hit 10.1% in July, the highest since 1982."], 0, None),
        ("Which party's vote share rose 5%?",
         ["The Greens' share of the vote rose from 12% to 17%, their best result."], 0, None),
        ("Who won the marathon in 2 hours 5 minutes?",
         ["Kiprotich won the marathon in 2 hours 5 minutes on a cold morning."], 0, None),
    ],
)  # fmt: skip
def test_a_sentence_giving_another_date_or_figure_than_the_question_is_no_answer(  # type: ignore[no-untyped-def]
    make_passages, question: str, sentences: list[str], answered: int | None, reason: str | None
) -> None:
    passages = make_passages([(f"doc{i}", text) for i, text in enumerate(sentences)])
    composition = compose(analyse(question), passages, SETTINGS)
    if answered is None:
        assert composition.abstention is not None
        assert composition.abstention.reason == reason
    else:
        assert composition.abstention is None, composition.abstention
        assert composition.groups[0].main is passages[answered]


def test_a_sentence_stating_the_opposite_event_is_no_answer(make_passages) -> None:  # type: ignore[no-untyped-def]
    # local news and sport: a closing date is no opening date, a loss no win
    (closing,) = make_passages([("a", "The Eastside library will close at the end of June.")])
    abstention = compose(
        analyse("When did the Eastside library open?"), [closing], SETTINGS
    ).abstention
    assert abstention is not None and abstention.reason == "says_opposite"
    assert "“close”" in abstention.message and "“open”" in abstention.message
    opposite, answer = make_passages(
        [
            ("a", "Harlow rejected the transfer offer in March."),
            ("b", "Harlow accepted the new contract in May."),
        ]
    )
    composition = compose(analyse("When did Harlow accept the offer?"), [opposite, answer],
                          SETTINGS)  # fmt: skip
    assert [g.main.sentence.text for g in composition.groups] == [answer.sentence.text]


def test_a_sentence_asserting_what_the_question_negates_is_no_answer(make_passages) -> None:  # type: ignore[no-untyped-def]
    (asserting,) = make_passages([("a", "Macrophages also act as scavengers in the body.")])
    question = analyse("What cell is unable to act as a scavenger?")
    abstention = compose(question, [asserting], SETTINGS).abstention
    assert abstention is not None and abstention.reason == "says_opposite"
    assert "“not act”" in abstention.message


@pytest.mark.parametrize(
    ("question", "sentence", "answered"),
    [
        # health and business: the sentence denies what the question takes as done
        ("Who said the hospital would pay the ransom?",
         "The trust's chief executive, Martin Hale, said the hospital would not pay the ransom.",
         False),
        ("How much profit did Kurio make last year?",
         "Kurio raised money twice, but the company has never made a profit.", False),
        # the same verb also asserted, said after all, or conceded beside what the
        # sentence says (lang.NEGATION_LIFTERS, NEGATION_NARROWERS, CONCESSIVES); a
        # question that negates, or "why": not set aside
        ("When did the bridge open?", "The bridge did not open until March 2019.", True),
        ("When did the band last perform?",
         "The band never performed again after its 1998 show in Oslo.", True),
        ("Who paid the ransom?",
         "Martin Hale not only paid the ransom but also hired a negotiator.", True),
        ("How many people did the earthquake kill?",
         "At least 30 people died, though the quake did not kill anyone in the capital.", True),
        ("How many people did the floods kill?",
         "While the floods did not kill anyone in the city, 12 people died upriver.", True),
        ("Who paid the ransom?",
         "The insurer did not pay at first, but Martin Hale paid the ransom on Friday.", True),
        ("Why did the hospital not pay the ransom?",
         "The hospital did not pay the ransom because backups were intact.", True),
        # the question denies it as the sentence does (history, sport)
        ("When was the general dismissed for his refusal to serve in the west?",
         "In May the general was struck off the list for his refusal to serve in the west.",
         True),
        ("Which club was docked points for its refusal to play the final?",
         "In March, Rovers lost ten points over their refusal to play the final.", True),
        # but the same words with the denial further back still deny (health, politics)
        ("When did the regulator at first approve the drug?",
         "The regulator did not at first approve the drug.", False),
        ("Which bill did the senate in fact pass?", "The senate did not in fact pass the bill.",
         False),
    ],
)  # fmt: skip
def test_a_sentence_negating_what_the_question_asserts_is_no_answer(  # type: ignore[no-untyped-def]
    make_passages, question: str, sentence: str, answered: bool
) -> None:
    (passage,) = make_passages([("a", sentence)])
    abstention = compose(analyse(question), [passage], SETTINGS).abstention
    if answered:
        assert abstention is None
    else:
        assert abstention is not None and abstention.reason == "says_opposite"
        assert "“not " in abstention.message


@pytest.mark.parametrize(
    ("question", "sentence"),
    [
        # sport and health: people of the other sex, written as a possessive
        ("Who won the men's race?", "In the women's race, Tigist Alemu won in 2:21:40."),
        ("How many boys' schools closed?", "Nine girls' schools closed during the outbreak."),
        # the pairs of rag.language: suspending is no restoring nor resuming, increasing
        # (a rise) no falling, arriving no departing, firing no hiring, the most no fewest
        ("When did the airline resume flights to Tunis?",
         "The airline suspended flights to Tunis in 2021."),
        ("When did the council restore the label?", "The council suspended the label in 2019."),
        ("By how much did revenue fall?", "Revenue increased 35 percent last year."),
        ("How many flights departed on Sunday?", "Some 120 flights arrived on Sunday."),
        ("How many engineers will Kurio hire?", "Kurio will fire 60 engineers this year."),
        ("Which country reported the fewest cases?",
         "Romania reported the most cases of any EU country."),
    ],
)  # fmt: skip
def test_possessives_and_news_verbs_say_the_opposite(  # type: ignore[no-untyped-def]
    make_passages, question: str, sentence: str
) -> None:
    (passage,) = make_passages([("a", sentence)])
    abstention = compose(analyse(question), [passage], SETTINGS).abstention
    assert abstention is not None and abstention.reason == "says_opposite"


def test_the_answer_keeps_near_best_sentences_within_the_budget(make_passages) -> None:  # type: ignore[no-untyped-def]
    passages = make_passages(
        [
            ("wire", "The ferry will carry up to 80 passengers on its night crossings."),
            ("wire", "Tickets for the night ferry go on sale in May."),
        ]
    )
    composition = compose(analyse("How many passengers will the night ferry carry?"), passages,
                          SETTINGS)  # fmt: skip
    assert composition.abstention is None
    assert composition.groups[0].main.sentence.text.startswith("The ferry will carry")
    assert sum(len(g.main.sentence.text) for g in composition.groups) <= SETTINGS.answer_chars + 80


def test_a_further_sentence_comes_from_an_article_naming_what_is_asked(make_passages) -> None:  # type: ignore[no-untyped-def]
    # culture, science: the sleep study's cost is no price of the festival's tickets
    festival, more, study = make_passages(
        [
            ("festival", "Tickets for the Greenhollow festival cost 95 pounds for the weekend."),
            ("festival", "Day tickets for the Greenhollow festival cost 40 pounds."),
            ("sleep", "The study was funded by a national institute and cost about $2.8 million."),
        ]
    )
    question = analyse("How much did a ticket to the Greenhollow festival cost?")
    shown = [g.main for g in compose(question, [festival, more, study], SETTINGS).groups]
    assert study in shown  # as ranked, with no word on which articles name it
    shown = [
        g.main
        for g in compose(
            question, [festival, more, dataclasses.replace(study, named=False)], SETTINGS
        ).groups
    ]
    assert shown == [festival, more]


POINTING_BACK = [
    # local politics, medicine, sport: a pronoun subject and its verb point back
    ("What spurred support for government reform?",
     "Public high schools lost their accreditation in 1964.",
     "This added momentum to proposals for government reform.", True),
    ("Which vaccines does the clinic offer?",
     "The clinic offers two vaccines against shingles and one against flu.",
     "These include a new single-dose shot.", True),
    ("Why was the final postponed?",
     "Heavy rain flooded the pitch on Saturday morning.",
     "It forced the organisers to postpone the final.", True),
    ("What is the union's red line?",
     "The union would not accept any cut to pensions.",
     "This is their red line.", True),
    # an "it" that stands for what follows (sport, politics), not for the sentence before
    ("Has the club won the league before?",
     "Harwell won the league on Saturday.",
     "It is the first time the club has won the title since 1987.", False),
    ("Will the minister resign?",
     "The minister met party leaders on Monday.",
     "It was not clear whether the minister would resign.", False),
    # a determiner, not a subject: the sentence says what it means by itself
    ("How much did the council cut from the budget?",
     "The council met on Tuesday.",
     "This year the council cut the budget by $3 million.", False),
]  # fmt: skip


@pytest.mark.parametrize(("question", "before", "pointing", "shown"), POINTING_BACK)
def test_a_sentence_that_points_back_brings_the_one_before(  # type: ignore[no-untyped-def]
    make_passages, question: str, before: str, pointing: str, shown: bool
) -> None:
    earlier, answer = make_passages([("a", before), ("a", pointing)])
    # the sentence before is retrieved, but far too weak to answer by itself
    earlier = dataclasses.replace(earlier, similarity=0, chunk_similarity=0, coverage=0,
                                  neighbourhood=0, typed=False)  # fmt: skip
    composition = compose(analyse(question), [answer, earlier], SETTINGS)
    texts = [g.main.sentence.text for g in composition.groups]
    assert texts == ([pointing, before] if shown else [pointing])


def test_corroboration_needs_the_same_asked_value(make_passages) -> None:  # type: ignore[no-untyped-def]
    question = analyse("How many people attended the march?")
    about, exact, other = make_passages(
        [
            ("herald", "About 12,000 people attended the march through the city centre."),
            ("post", "Police said 12,400 people attended the march through the city centre."),
            ("daily", "Organisers said 21,000 people attended the march through the city centre."),
        ]
    )
    slot = main_slot(question)
    assert slot is not None

    def reading(p):  # type: ignore[no-untyped-def]
        return slot.read(question, p.sentence.text, p.annotation)

    assert corroborates(about, exact, question, SETTINGS, reading(about), reading(exact))
    assert not corroborates(about, other, question, SETTINGS, reading(about), reading(other))


@pytest.mark.parametrize(
    ("question", "stated", "left_open"),
    [
        ("Did the leak kill fish in the canal?",
         "The weekend spill on the canal killed thousands of fish along a four-kilometre "
         "stretch.",
         "The agency said it was too early to say whether the spill had killed the fish."),
        ("Has the mine reopened?",
         "The Carrow mine reopened on Monday after a two-year closure.",
         "Union leaders asked if the Carrow mine had reopened after the two-year closure."),
    ],
)  # fmt: skip
def test_a_sentence_that_leaves_the_answer_open_never_corroborates(  # type: ignore[no-untyped-def]
    make_passages, question: str, stated: str, left_open: str
) -> None:
    asked = analyse(question)
    a, b = make_passages([("one", stated), ("two", left_open)])
    slot = main_slot(asked)
    assert slot is not None
    readings = [slot.read(asked, p.sentence.text, p.annotation) for p in (a, b)]
    assert not corroborates(a, b, asked, SETTINGS, *readings)


def test_a_near_copy_with_another_value_never_corroborates(make_passages) -> None:  # type: ignore[no-untyped-def]
    a, b = make_passages(
        [
            ("one", "The lantern banksia is a woody shrub known as the yellow lantern."),
            ("two", "The lantern banksia is a woody shrub known as the red lantern."),
        ]
    )
    question = analyse("What is the lantern banksia known as?")
    assert not corroborates(a, b, question, SETTINGS)


def test_a_copy_with_a_clause_rewritten_never_corroborates(make_passages) -> None:  # type: ignore[no-untyped-def]
    original, rewritten = make_passages(
        [
            ("review", "Eder wrote that 'The Great McGonagall,' which opened yesterday at the "
             "Cinema Village, is endearing, and parts of it are lovely and hilarious."),
            ("rewrite", "Eder wrote that 'The Great McGonagall,' who is celebrated for his comic "
             "verse, is endearing, and parts of his poetry are lovely and hilarious."),
        ]
    )  # fmt: skip
    question = analyse("What is The Great McGonagall known for?")
    assert not corroborates(original, rewritten, question, SETTINGS)
    assert not corroborates(rewritten, original, question, SETTINGS)


def test_shared_content_ignores_the_question_words() -> None:
    question = analyse("What did the council decide about the library?")
    assert (
        shared_content(
            "The council decided to close the library in June.",
            "The library will close in June, the council decided.",
            question,
        )
        > 0.6
    )


@pytest.mark.parametrize(
    ("question", "one", "other"),
    [
        (
            'What is the genre of the film "Bright Lights"?',
            "Bright Lights (1928 film) Bright Lights is a 1928 romantic drama produced by Walt "
            "Disney Productions.",
            "Bright Lights (1930 film) Bright Lights is a 1930 musical comedy film produced by "
            "First National Pictures.",
        ),
        (
            "What sport does Tyler Moore play?",
            "Tyler Moore (baseball) Tyler Moore is an American professional baseball first "
            "baseman for the Washington Nationals.",
            "Tyler Moore (pitcher) Tyler Moore is an American professional baseball pitcher for "
            "the Seattle Mariners.",
        ),
        (  # told apart by a fuller name, not a bracket
            "What sport does Arteaga play?",
            "Mario Arteaga, a Mexican midfielder, plays professional football for Club America.",
            "Gerardo Arteaga, a Mexican defender, plays professional football for Genk in Belgium.",
        ),
    ],
)
def test_a_sentence_about_another_thing_of_the_same_name_never_corroborates(  # type: ignore[no-untyped-def]
    make_passages, question: str, one: str, other: str
) -> None:
    # Similar enough, and agreeing on the asked value where it is read ("baseball"), to back
    # each other but for the names that tell the two apart.
    a, b = make_passages([("one", one), ("other", other)])
    info = analyse(question)
    slot = main_slot(info)
    readings = [
        None if slot is None else slot.read(info, p.sentence.text, p.annotation) for p in (a, b)
    ]
    assert not corroborates(a, b, info, SETTINGS, *readings)
    assert not corroborates(b, a, info, SETTINGS, *reversed(readings))


@pytest.mark.parametrize(
    ("question", "one", "other", "backs"),
    [
        (
            "What did Norvell say about its net profit?",
            "Net profit for the quarter was 610 million dollars.",
            "Net profit fell to 580 million dollars.",
            False,
        ),
        (
            "What happened in Millbrook?",
            "Seven workers died when fire swept through the Harlan Plastics factory in Millbrook "
            "on Tuesday, March 4.",
            "The death toll from the fire at the Harlan Plastics factory in Millbrook rose to "
            "nine on Thursday, after two injured workers died in hospital.",
            False,
        ),
        (
            "What happened to the bridge?",
            "The old bridge over the Tamar collapsed in 1962 after a week of heavy rain.",
            "After a week of heavy rain, the old bridge over the Tamar collapsed in 1964.",
            False,
        ),
        (  # a figure of its own beside the same one is no contradiction
            "What did Norvell report?",
            "Net profit for the quarter was 610 million dollars.",
            "Norvell said net profit for the quarter was 610 million dollars, on revenue of 4.2 "
            "billion dollars.",
            True,
        ),
    ],
)
def test_with_no_asked_value_a_sentence_giving_its_figures_otherwise_never_corroborates(  # type: ignore[no-untyped-def]
    make_passages, question: str, one: str, other: str, backs: bool
) -> None:
    # These questions ask for no value, so similar wording would do but for the figures.
    info = analyse(question)
    assert main_slot(info) is None
    a, b = make_passages([("one", one), ("other", other)])
    assert corroborates(a, b, info, SETTINGS) is backs
    assert corroborates(b, a, info, SETTINGS) is backs


@pytest.mark.parametrize(
    ("question", "set_aside", "weaker", "reason"),
    [
        (
            "How many shops will Hollins close?",
            "Hollins will open 20 new shops next year.",
            "Hollins runs 146 shops across the north of England.",
            "says_opposite",
        ),
        (
            "When did the Eastside library open?",
            "The Eastside library will close at the end of June.",
            "The Eastside library was renovated in 1998.",
            "says_opposite",
        ),
    ],
)
def test_a_far_weaker_sentence_does_not_stand_in_for_one_set_aside(  # type: ignore[no-untyped-def]
    make_passages, question: str, set_aside: str, weaker: str, reason: str
) -> None:
    # The best sentence says the opposite; the next one answers only if nearly as relevant
    # (Settings.set_aside_margin).
    best, other = make_passages([("a", set_aside), ("b", weaker)])
    info = analyse(question)
    assert [g.main.sentence.text for g in compose(info, [best, other], SETTINGS).groups] == [weaker]
    weak = dataclasses.replace(
        other,
        similarity=0.8 * other.similarity,
        chunk_similarity=0.8 * other.chunk_similarity,
        coverage=0.8 * other.coverage,
        neighbourhood=0.8 * other.neighbourhood,
    )
    assert log_odds(weak) < log_odds(best) - SETTINGS.set_aside_margin
    assert relevance(weak) >= SETTINGS.min_answer_score  # relevant enough on its own
    abstention = compose(info, [best, weak], SETTINGS).abstention
    assert abstention is not None and abstention.reason == reason


@pytest.mark.parametrize(
    ("question", "sentence"),
    [
        # law: the count is of "justices", not of the asked "judges"
        ("How many judges sit on the supreme court?",
         "The supreme court sits with nineteen justices."),
        # history: "who" answered by a description, not by a name
        ("Who considered the emperor a tyrant?", "He was considered a tyrant by his opponents."),
        # business: the figure counts jobs, not the asked staff
        ("How many staff did the bank cut?", "The bank cut 300 jobs in its branches."),
    ],
)  # fmt: skip
def test_a_sentence_showing_no_asked_kind_answers_only_when_the_reader_is_sure(  # type: ignore[no-untyped-def]
    make_passages, question: str, sentence: str
) -> None:
    # has_answer_type reads kinds by their form; above Settings.answer_type_trust the
    # reader's reading stands where the form does not show the kind
    info = analyse(question)
    assert not has_answer_type(sentence, info)
    (passage,) = make_passages([("a", sentence)])
    sure = dataclasses.replace(passage, reader_logit=6.0)
    unsure = dataclasses.replace(passage, reader_logit=-1.0)
    assert relevance(sure) >= SETTINGS.answer_type_trust
    assert SETTINGS.min_answer_score <= relevance(unsure) < SETTINGS.answer_type_trust
    assert [g.main.sentence.text for g in compose(info, [sure], SETTINGS).groups] == [sentence]
    abstention = compose(info, [unsure], SETTINGS).abstention
    assert abstention is not None and abstention.reason == "no_answer_type"


def test_a_sentence_of_the_asked_kind_comes_before_a_surer_one_without(make_passages) -> None:  # type: ignore[no-untyped-def]
    # politics: the reader is sure of both, but only one names the mayor
    info = analyse("Who is the mayor of Fenwick Falls?")
    untyped, typed = make_passages(
        [
            ("a", "Fenwick Falls is governed by a mayor and a seven-member town council."),
            ("b", "The current mayor, Raymond Castellano, was elected in 2021."),
        ]
    )
    untyped = dataclasses.replace(untyped, reader_logit=6.0)
    typed = dataclasses.replace(typed, reader_logit=2.0)
    assert relevance(untyped) > relevance(typed) >= SETTINGS.answer_type_trust
    groups = compose(info, [untyped, typed], SETTINGS).groups
    assert [g.main.sentence.text for g in groups] == [typed.sentence.text]


@pytest.mark.parametrize(
    ("question", "sentence"),
    [
        # sport and labour: the opposite of what the question denies is what it asks
        ("Which analyst did not agree with the ruling?",
         "The analyst Mike Carey disagreed with the ruling on the pass."),
        ("Which offer did the union refuse to accept?",
         "The union rejected the latest pay offer on Monday."),
        # religion and business: a sentence that denies what the question denies
        ("What kind of protest does the group avoid engaging in?",
         "The group does not engage in violent protest."),
        ("Which market did the firm avoid entering?", "The firm did not enter the Chinese market."),
    ],
)  # fmt: skip
def test_what_a_question_denies_is_answered_by_a_sentence_that_denies_it(  # type: ignore[no-untyped-def]
    make_passages, question: str, sentence: str
) -> None:
    (passage,) = make_passages([("a", sentence)])
    composition = compose(analyse(question), [passage], SETTINGS)
    assert composition.abstention is None
    assert [g.main.sentence.text for g in composition.groups] == [sentence]
