"""Annotations read once at ingest: typed values, predicates with negation, people by role."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import rag.annotate
from rag import language as lang
from rag.annotate import AGE, Annotation, _uncapitalised, annotate, people, predicate, values_of
from rag.values import Value


def stated(sentences: list[str], *kinds: str) -> list[list[str]]:
    """The values of these kinds each sentence states, as written."""
    return [
        [text[v.start : v.end] for v in values_of(a) if v.kind in kinds]
        for text, a in zip(sentences, annotate(sentences), strict=True)
    ]


def test_values_are_read_with_offsets_into_the_sentence() -> None:
    sentence = "Brightvale agreed to buy Tansy Market for $3.2 billion on Monday."
    (annotation,) = annotate([sentence], published="2025-03-12")
    by_kind = {v.kind: v for v in values_of(annotation)}
    assert sentence[by_kind["number"].start : by_kind["number"].end] == "$3.2 billion"
    assert by_kind["number"].unit == "USD"
    assert by_kind["date"].norm == "2025-03-10"  # the Monday before the article's date


@pytest.mark.parametrize(
    ("sentence", "dates"),
    [
        # the tagger runs a date on to the name after "to" (a zoo, a chess final)
        ("The female calf was born on June 24 to Marigold, who is 14.", ["June 24"]),
        ("The title passed on 4 July to Ferrante after a tiebreak.", ["4 July"]),
        ("He served from 2019 until last year.", ["2019", "last year"]),
        ("The festival runs from June 24 to 27.", []),  # a range, not its first day
        ("The offer is valid from June 24 through the holiday weekend.", []),  # a period
    ],
)
def test_a_date_is_read_without_a_name_the_tagger_ran_on_to(
    sentence: str, dates: list[str]
) -> None:
    (annotation,) = annotate([sentence], published="2026-06-26")
    assert [sentence[v.start : v.end] for v in values_of(annotation) if v.kind == "date"] == dates


@pytest.mark.parametrize(
    ("sentence", "clocks"),
    [
        ("The replacement jet finally took off at 9:20 p.m. on Friday.", ["21:20"]),  # travel
        ("It did not leave until shortly after 11 p.m.", ["shortly after 23:00"]),
        ("The aircraft departed at 21:20, flight-tracking data showed.", ["21:20"]),  # a number
        ("The train arrived at 07:52.", ["07:52"]),  # a date, to the tagger
        ("The quake hit at 9:14 p.m. and was felt across the province.", ["21:14"]),  # a quake
        ("The zoo is open from 9:30 a.m. to 6 p.m. every day.", []),  # opening hours
        ("The race took 3:10 hours.", []),  # a duration
    ],
)
def test_a_time_of_day_is_read_as_a_clock(sentence: str, clocks: list[str]) -> None:
    (annotation,) = annotate([sentence], published="2026-07-11")
    assert [v.norm for v in values_of(annotation) if v.kind == "clock"] == clocks


def test_durations_are_figures_not_dates() -> None:
    (annotation,) = annotate(["The outage lasted nearly seven hours across Europe."])
    (figure,) = [v for v in values_of(annotation) if v.kind == "number"]
    assert figure.unit == "s" and figure.high == 7 * 3600


def test_predicates_carry_their_negation_and_irregular_base() -> None:
    (science, sport) = annotate(
        ["The vaccine did not reduce infections in older adults.", "Kestrel won the cup."]
    )
    assert ["reduc", True, 20] in science["predicates"]
    assert ["win", False, 8] in sport["predicates"]
    assert predicate("went", "VERB") == "go"


@pytest.mark.parametrize(
    ("sentence", "verb", "denied"),
    [
        # an object that is none denies the verb: crime, politics, markets, science
        ("Police found no evidence of a break-in.", "find", True),
        ("The minister gave no reason for the delay.", "give", True),
        ("Police arrested no one after the match.", "arrest", True),
        ("Investors showed little interest, and the bank found no buyer.", "find", True),
        ("The trial found absolutely no effect on blood pressure.", "find", True),
        ("Police arrested no-one after the match.", "arrest", True),
        ("Economists expect no change in interest rates.", "expect", True),
        # but not a degree, an understatement or an idiom, nor a verb with an object
        ("Arsenal won no more than five games all season.", "win", False),
        ("Leeds finished no higher than tenth.", "finish", False),
        ("The repairs cost no small sum.", "cost", False),
        ("Parliament voted no confidence in the government.", "vote", False),
        ("The minister gave a reason for the delay.", "give", False),
        # nor where "no" opens a clause of its own: news, rescue
        ("Officials said no one was injured.", "say", False),
        ("Police said no arrests had been made.", "say", False),
        ("The captain ensured no one was left behind.", "ensur", False),
        # a negation of a noun denies no verb past a conjunction or punctuation: business,
        # sport; "not" and "never" do: diplomacy, news, sport
        ("The board lost a vote of no confidence and resigned on Friday.", "resign", False),
        ("He had no appeal left, so he retired.", "retir", False),
        ("The club did not sign the striker.", "sign", True),
        ("The United States did not sign or ratify the treaty.", "ratifi", True),
        ("Police have not confirmed or denied the reports.", "deni", True),
        ("She has never, ever lost a final.", "lose", True),
    ],
)
def test_what_denies_a_verb(sentence: str, verb: str, denied: bool) -> None:
    (annotation,) = annotate([sentence])
    assert [said for word, said, _ in annotation["predicates"] if word == verb] == [denied]


@pytest.mark.parametrize(
    ("sentence", "verb", "asserted"),
    [
        # politics, business, health, sport
        ("Ukraine will not recognize any occupied territories.", "occupi", False),
        ("Russia has occupied territories since 2014.", "occupi", True),
        ("A growing number of patients failed to respond.", "grow", False),
        ("The company keeps attacking rivals in court.", "attack", True),
        ("Regulators said that proposed changes would raise prices.", "propos", False),
        # a verb the tagger calls a participle after a noun still states ("angered")
        ("Kyiv's refusal to cede territory angered Moscow.", "anger", True),
        ("Shareholders urged the board to approve the merger.", "approv", False),
        ("The striker was asked to leave the pitch.", "leav", False),
        ("Critics called on the minister to resign.", "resign", False),
        ("The board agreed to approve the merger.", "approv", False),
        ("The council is ready to approve the plan.", "approv", False),
        ("The army, having occupied villages, advanced.", "occupi", True),
        ("The retailer grew by acquiring rivals.", "acquir", True),
        ("Campaigners called for the plant to be closed.", "close", False),
        ("Proposed changes would raise prices.", "propos", False),
        ("The CEO called to congratulate the engineers.", "congratul", True),
        ("The party did not agree to withdraw.", "withdraw", False),
        ("The witness was persuaded to testify.", "testifi", True),
        # what is weighed, and a question inside the sentence (business, local politics,
        # health, sport)
        ("The board was considering approving the merger.", "approv", False),
        ("The council discussed cutting 500 jobs.", "cut", False),
        ("The council is weighing whether to approve the plan.", "approv", False),
        ("Doctors asked how to reduce the waiting list.", "reduc", False),
        ("The club considered the offer and sold the striker.", "sell", True),
        ("The club is selling the striker.", "sell", True),
        ("The board decided to approve the merger.", "approv", True),
        # a clause opened by "whether" or "if" (an environment agency, a mine, a board), not
        # by "when"
        ("It was too early to say whether the spill had killed the fish.", "kill", False),
        ("Investors asked if the mine would reopen next year.", "reopen", False),
        ("If the board approves the bid, the shares will rise.", "approv", False),
        ("The spill killed thousands of fish.", "kill", True),
        ("The club asked when the striker had signed.", "sign", True),
        # a relative clause within it, and "if any"
        ("Lawyers asked whether the company that spilled the oil would pay.", "spill", True),
        ("Few if any survivors were found in the rubble.", "find", True),
        ("The club rarely if ever lost at home.", "lose", True),
        (
            "The court asked whether the doctor who treated the patient would testify.",
            "treat",
            True,
        ),
    ],
)
def test_unasserted_verbs_are_those_that_say_nothing_of_their_subject(
    sentence: str, verb: str, asserted: bool
) -> None:
    (annotation,) = annotate([sentence])
    start = next(start for word, _, start in annotation["predicates"] if word == verb)
    assert (start not in annotation["unasserted"]) is asserted


def test_people_by_role_are_collected_from_annotations() -> None:
    annotations = annotate(
        ["French President Emmanuel Macron arrived.", "The weather was mild all week."]
    )
    assert {p.name for p in people(annotations)} == {"Emmanuel Macron"}


def test_a_sentence_without_names_or_figures_has_no_values() -> None:
    assert annotate(["it was raining all week."]) == [
        {
            "values": [],
            "predicates": [["rain", False, 7]],
            "unasserted": [],
            "people": [],
            "located": [],
        }
    ]


def test_coordinates_bracketed_captions_and_citation_dates_are_not_values() -> None:
    town, page, house = annotate(
        [
            "New Lebanon is located at (39.745729, -84.393494).",  # a gazetteer
            "Retrieved January 3, 2013. The single peaked at number 4.",  # a web page's notes
            "[View of the Jones House, June 2018] The house was built in 1895.",  # a caption
        ]
    )
    assert [v.kind for v in values_of(town)] == ["place"]
    assert "2013-01-03" not in [v.norm for v in values_of(page)]
    assert [v.norm for v in values_of(house) if v.kind == "date"] == ["1895"]


def test_the_date_of_a_cited_work_is_not_a_value() -> None:
    dates = [
        [v.norm for v in values_of(a) if v.kind == "date"]
        for a in annotate(
            [
                # a music page's reference list, and a scholar's citations in prose
                "^ Hartmann , Graham ( March 21 , 2016 ) . `` Band Secures Highest Chart ''",
                "^ a b Camp , Zoe ( November 15 , 2017 ) . `` Interiors Album Review ''",
                "Historians, including Samuel K. Cohn, Jr. (2002), dated the plague to 1347.",
                # a place written "town, country" before a bracketed date is no author
                "The stadium opened in Leeds, England (May 2019).",
                "Paris, France (2024) hosted the games.",
            ]
        )
    ]
    assert dates == [[], [], ["1347"], ["2019-05"], ["2024"]]


def test_a_reference_list_states_nothing() -> None:
    notes, sport, prose, maths = annotate(
        [
            # a music page's and a sports page's reference lists, after the last one's page
            "1883 . ^ a b Cravens , Stanley H. ( 1983 ) . Retrieved 4 March 2020 .",
            "^ NFL Rules 2012 , pp . 24–27 . ^ NCAA Rules 2011–2012 , p. 22",
            # the sentence before a list the splitter joined to it keeps its values
            "It won the league in 1901. ^ a b Cravens, Stanley H. (1983).",
            # a caret in a formula, even spaced, is no reference mark
            "The sun 's mass is about 2 × 10 ^ 30 kg , astronomers said in 2019 .",
        ]
    )
    assert values_of(notes) == [] and values_of(sport) == []
    assert [v.norm for v in values_of(prose)] == ["1901"]
    assert [v.norm for v in values_of(maths) if v.kind == "date"] == ["2019"]


@pytest.mark.parametrize(
    ("sentence", "day"),
    [
        # labour, politics, transport: a weekday of what is to come is the next one
        ("Rail workers will strike for 48 hours starting on Thursday.", "2025-02-06"),
        ("The strike, which begins on Thursday, will halt most trains.", "2025-02-06"),
        ("Voters go to the polls on Sunday.", "2025-02-09"),
        ("The bridge is closed until Friday.", "2025-02-07"),
        # and of what was, or was said, the last one
        ("A strike by rail workers began on Thursday.", "2025-01-30"),
        ("The road has been closed since Thursday.", "2025-01-30"),
        ("Putin says on Monday he is ready.", "2025-02-03"),
    ],
)
def test_a_weekday_is_read_by_the_tense_of_its_verb(sentence: str, day: str) -> None:
    (annotation,) = annotate([sentence], "2025-02-04")  # a Tuesday
    assert [v.norm for v in values_of(annotation) if v.kind == "date"] == [day]


def test_a_dateline_is_not_what_the_story_states() -> None:
    museum, war, schools, agency, acronym = annotate(
        [
            # culture, war, education: where and when it was filed, and the agency
            "ROTTERDAM, March 20 (Continental Arts Review) - The painting was found in Utrecht, "
            "director Claire Maes said.",
            "KYIV, Ukraine (AP) — Russian forces struck Kharkiv on Monday.",
            "NORTHBROOK, Aug. 14 — A record 91.4 percent of pupils passed.",
            "WASHINGTON (Reuters) - The Fed raised rates by 50 basis points.",
            # a name in capitals that starts a sentence is no dateline
            "NASA said on Monday that the launch was delayed to March 3.",
        ]
    )
    assert [v.norm for v in values_of(museum)] == ["utrecht", "claire maes"]
    assert [v.norm for v in values_of(war)] == ["russian", "kharkiv", "monday"]
    assert [v.unit for v in values_of(schools)] == ["%"]
    assert "reuters" not in [v.norm for v in values_of(agency)]
    assert [v.norm for v in values_of(acronym)][:2] == ["nasa", "monday"]


def test_the_cells_of_a_table_flattened_into_text_are_not_values() -> None:
    census, league, posted, prose = annotate(
        [
            # a statistics page's table, and a league table: rows of figures without words
            "Lawrence Town 237 240 311 302 303 Wisconsin State 4,891,769 5,363,675 5,686,986",
            "Arsenal 38 26 6 6 91 Chelsea 38 24 7 7 79",
            # a row that begins where a date ends leaves the date
            "Posted 5 May 2019 15 30 by the editor.",
            # figures side by side in prose, and a list, are figures
            "In 2016, 1,200 people came; 3,046, 1,085 households, 5, 7 or 9 cars.",
        ]
    )
    assert [v for v in values_of(census) if v.kind in ("number", "date")] == []
    assert [v for v in values_of(league) if v.kind in ("number", "date")] == []
    assert [v.norm for v in values_of(posted)] == ["2019-05-05"]
    assert [v.norm for v in values_of(prose) if v.kind in ("number", "date")] == [
        "2016",
        "1200 people",
        "3046",
        "1085 households",
        "5",
        "7",
        "9 cars",
    ]


def test_a_name_is_capitalised_where_its_script_has_capitals() -> None:
    sentences = [
        # a plant's common name, and a page's link, that the tagger calls names
        "Banksia lemanniana, commonly known as the yellow lantern banksia, is a woody shrub.",
        "See //en.wikipedia.org/w/index.php for the map of the lake.",
        # names in mixed case stay names
        "Charles de Gaulle sold his car on eBay.",
    ]
    names = stated(sentences, "person", "org", "place")
    assert names == [["Banksia"], [], ["Charles de Gaulle", "eBay"]]
    assert not _uncapitalised("القاهرة")  # a script without case


def test_a_name_is_read_without_what_the_tagger_left_on_its_edges() -> None:
    sentences = [
        # music, from web pages: a possessive before what it possesses, a name cut short at
        # "&", quotation marks, a site's name repeated as its logo
        "The Love Album (2003) - Taylor Swift's tribute to classic country music.",
        "He arranged albums for artists such as Kool & the Gang , Con Funk Shun and others.",
        "Notes by Lankford , Jr. , Ronnie D. `` The Love Album '' .",
        "Album Search for `` Talk Show '' | AllMusic AllMusic relies heavily on JavaScript .",
        # news and business: what is part of a name stays
        "Talk Show is the third album by the rock band the Go-Go's, released in 1984.",
        "Shares of AT&T and Procter & Gamble rose after Cosimo de' Medici spoke.",
        "Macy's chief executive met Mr. O'Brien's lawyers.",
        "Sirhan Sirhan was denied parole; Duran Duran played Bora Bora.",  # names said twice
    ]
    names = stated(sentences, "person", "org")
    assert "Taylor Swift" in names[0]
    assert not any(name.endswith(("&", "`", "'s")) for found in names[:4] for name in found)
    assert "Ronnie D." in names[2]
    assert names[3][0] == "AllMusic"
    assert "the Go-Go's" in names[4]
    assert {"AT&T", "Procter & Gamble", "Cosimo de'"} <= set(names[5])
    assert not any(name.endswith("'s") for name in names[6])
    assert "Sirhan Sirhan" in names[7]


def test_a_place_the_tagger_calls_a_person_is_a_place_where_the_article_places_it() -> None:
    # war news: the article names Ukraine, where Kyiv lies
    war = [
        "Ukraine's president returned on Monday.",
        "Zelenskyy will visit Kyiv next week, his office said.",
        "Medinsky dismissed Kyiv's demands for sovereignty.",
    ]
    assert stated(war, "place") == [["Ukraine"], ["Kyiv"], ["Kyiv"]]
    assert stated(war[1:2], "place") == [[]]  # alone, nothing says Kyiv is the city
    # culture: the countries; football: a preposition of place
    festival = ["The festival moved from Kraków to Vilnius.", "Poland and Lithuania paid."]
    assert stated(festival, "place")[0] == ["Kraków", "Vilnius"]
    club = ["He started his career in Wigan.", "Wigan's academy signed him at 16."]
    assert stated(club, "place") == [["Wigan"], ["Wigan"]]
    # people named like cities stay people: sport, art, history
    people = [
        "Kobe scored 81 points against Toronto in 2006.",
        "Dali painted The Persistence of Memory in Spain in 1931.",
        "Kirov was assassinated in Leningrad in 1934.",
    ]
    assert [found[:1] for found in stated(people, "person")] == [["Kobe"], ["Dali"], ["Kirov"]]
    # a person whose name the place is part of, with a possessive too, stays a person
    striker = [
        "The striker Ivan Wigan's goal won it.",
        "Wigan said the team had earned it.",
        "The club is based in Wigan.",
    ]
    assert stated(striker, "person")[1] == ["Wigan"]


def test_a_name_whose_own_words_make_it_a_place_is_a_place_whatever_the_tagger_says() -> None:
    # shipping and mountain rescue; town streets; a building after "the"
    places = [
        "The bulk carrier ran aground early Thursday on a sandbar off Gannet Point.",
        "Rescuers reached the two climbers on Mount Carrow at dawn.",
        "Residents of Quarry Road were told to leave their homes.",
        "The event at the Brightwater Convention Hall drew 212 players.",
        # a word that is also a surname, after a preposition of place; a noun after the name;
        # a river the tagger names not at all
        "The whaler was lost off Gannet Head in 1838.",
        "The flight from Holmport diverted to Castellan airport on Friday.",
        "The Tarrow River crested on Tuesday morning at 6.8 metres.",
        "Trains stop at Old Mill Road Junction on weekdays.",
    ]
    found = stated(places, "place", "org")
    assert "Gannet Point" in found[0] and "Mount Carrow" in found[1]
    assert "Quarry Road" in found[2] and "the Brightwater Convention Hall" in found[3]
    assert "Gannet Head" in found[4] and "Castellan" in found[5] and "Tarrow River" in found[6]
    assert found[7] == ["Old Mill Road Junction"]  # one name, not two that overlap
    assert not any(stated(places, "person"))
    # a name the article calls a place once is a place wherever it names it
    flight = ["Flight SV417 landed safely at Castellan.", "It diverted to Castellan airport."]
    assert [found[-1:] for found in stated(flight, "place")] == [["Castellan"], ["Castellan"]]
    # people whose surname is a word of places stay people, each article read alone: film,
    # music, sport, courts, business, politics, science
    people = {
        "Damon Hill": ["Damon Hill won the race, ahead of Stuart Hall."],
        "Sally Field": ["Sally Field accepted the award in Los Angeles."],
        "Randall Park": ["Randall Park hosted the ceremony."],
        "David Harbour": ["David Harbour is filming in Prague."],
        "George Strait": ["George Strait sang at the rodeo."],
        "Wayne Bridge": ["Bridge said he believed in the project.", "Wayne Bridge signed."],
        "Ann Lake": ["Judge Ann Lake adjourned the trial."],
        "Grace Park": ["Chief executive Grace Park resigned on Monday."],
        "Dan Forest": ["Supporters of Dan Forest rallied in Raleigh."],
        "Michael Bay": ["In Michael Bay's latest film, robots fight.", "Michael Bay said so."],
        "Stuart Hall": ["The Stuart Hall case prompted an inquiry."],
        "Fiona Hill": ["The case rested on Fiona Hill.", "Fiona Hill testified on Tuesday."],
        # the airport is a place; the man it is named after is not
        "Ronald Reagan": ["Flights to Ronald Reagan airport resumed.", "Ronald Reagan spoke."],
        "Professor Lake": ["Professor Lake and colleagues published the study."],
        "Bruce Arena": ["US Soccer expressed confidence in Bruce Arena."],
        "Tiger Woods": ["Golfers lined up beside Tiger Woods."],
        "Taylor Swift": ["Fans queued for the Taylor Swift stadium shows."],
        "Carla Hills": ["Former trade representative Carla Hills spoke."],
    }
    for person, article in people.items():
        assert not any(person in place for place in stated(article, "place")[-1]), article


def test_known_places_come_with_where_they_lie_their_source_and_licence() -> None:
    record = json.loads((Path(rag.annotate.__file__).parent / "places.json").read_text("utf-8"))
    assert "GeoNames" in record["source"] and "census" in record["source"]
    assert "Attribution" in record["licence"]
    assert lang.PLACES["Kyiv"] == ("Ukraine",) and "Poland" in lang.PLACES["Kraków"]
    assert lang.PLACES["Memphis"] == ("Tennessee",)  # a U.S. city: its state
    assert "England" in lang.PLACES["Wigan"] and "Netherlands" in lang.PLACES["Rotterdam"]
    # one-word places that are also first names or common surnames are not listed
    assert not {"Jackson", "Austin", "Victoria", "Paris", "Jordan"} & set(lang.PLACES)
    assert "New York" in lang.PLACES  # more than one word: nobody's name


def test_a_house_number_is_no_date_nor_count() -> None:
    sentences = [
        # a heritage listing, a protest, a police report
        "The courthouse is an historic building located at 1313 Belknap Street, listed in 1982.",
        "Protesters gathered outside 1600 Pennsylvania Avenue in 2020.",
        "Police were called to 14 Hill Road, where 3 men were arrested.",
        # a year or a day before a street is still a date
        "In 1998 Main Street flooded.",
        "On Tuesday Downing Street announced an inquiry into the leak.",
    ]
    assert stated(sentences, "date", "number") == [["1982"], ["2020"], ["3"], ["1998"], ["Tuesday"]]


def test_each_figure_of_a_list_counts_its_own_noun() -> None:
    (census,) = annotate(["Manvel had a population of 3,046, 1,085 households, and 870 families."])
    figures = {v.norm: v.unit for v in values_of(census) if v.kind == "number"}
    assert figures == {
        "3046": None,
        "1085 households": "count:household",
        "870 families": "count:family",
    }


def test_a_figure_that_is_a_verb_s_subject_counts_nothing_it_names() -> None:
    # a march, a football match, a strike: the word after the figure is what its doers do
    annotations = annotate(
        [
            "Organisers said 20,000 took part in the march.",
            "Three were arrested after the match.",
            "About 600 joined the strike, and 1,200 workers stayed at home.",
        ]
    )
    units = [[v.unit for v in values_of(a) if v.kind == "number"] for a in annotations]
    assert units == [[None], [None], [None, "count:worker"]]


@pytest.mark.parametrize(
    ("sentence", "span", "norm", "unit"),
    [
        # The tokenizer splits a unit from its figure; the text joins them.
        ("The city has 5.2m residents.", "5.2", "5200000 residents", "count:resident"),  # census
        ("The wall is 5.2m high.", "5.2", "5.2 m", "m"),  # a flood defence
        ("Winds reached 320km/h on the coast.", "320", "320 kph", "m / s"),  # a cyclone
        ("The house sold for A$1.6m last month.", "A$1.6m", "1600000 AUD", "AUD"),  # housing
    ],
)
def test_a_unit_joined_to_its_figure_is_read_with_it(
    sentence: str, span: str, norm: str, unit: str
) -> None:
    (annotation,) = annotate([sentence])
    (value,) = [v for v in values_of(annotation) if sentence[v.start : v.end] == span]
    assert (value.norm, value.unit) == (norm, unit)


@pytest.mark.parametrize(
    ("sentence", "span", "unit"),
    [
        ("Microsoft closed the $69bn Activision deal.", "$69bn", "USD"),  # business
        ("Braemar recorded a low of -7C on Wednesday night.", "-7C", "°C"),  # weather
        ("A third of voters remain undecided, the poll found.", "A third", "%"),  # politics
        ("About 1 in 5 adults now work from home.", "About 1 in 5", "%"),  # a survey
        ("Two and a half billion people use the app.", "Two and a half billion", "count:people"),
        ("Three in ten adults say so.", "Three in ten", "%"),  # a poll, read apart by the tagger
        ("Fees rose by a quarter.", "a quarter", "%"),  # a change, before a full stop
    ],
)
def test_figures_the_tagger_misses_are_read(sentence: str, span: str, unit: str | None) -> None:
    (annotation,) = annotate([sentence], "2024-01-19")
    numbers = [v for v in values_of(annotation) if v.kind == "number"]
    assert [(sentence[v.start : v.end], v.unit) for v in numbers] == [(span, unit)]


@pytest.mark.parametrize(
    "sentence",
    [
        "Lockheed sold 25 F-35 jets to Poland.",  # defence: no temperature
        "He scored 5 in 2023 and 7 in 2024.",  # sport: no share
        "The meeting ran a quarter of an hour late.",  # local news: no share
    ],
)
def test_a_figure_pattern_reads_no_share_or_temperature_where_there_is_none(
    sentence: str,
) -> None:
    (annotation,) = annotate([sentence], "2024-05-01")
    assert not [v for v in values_of(annotation) if v.unit in ("%", "°C")]


@pytest.mark.parametrize(
    ("sentence", "kept"),
    [
        ("Apollo 11 landed on the Moon in 1969.", []),  # space
        ("Traffic on Interstate 95 was stopped for hours.", []),  # transport
        ("Fans queued at midnight for EA Sports FC 25.", []),  # games
        ("Wearing the number 23 jersey, he scored 41 points.", ["41"]),  # sport
        ("On day 3 of the trial, 12 witnesses spoke.", ["12"]),  # courts
    ],
)
def test_a_figure_that_numbers_a_series_is_no_value(sentence: str, kept: list[str]) -> None:
    (annotation,) = annotate([sentence])
    numbers = [v for v in values_of(annotation) if v.kind == "number"]
    assert [sentence[v.start : v.end] for v in numbers] == kept


def test_a_date_counted_from_the_article_is_read_against_its_date() -> None:
    # a company's results, a transfer
    results, transfer = annotate(
        ["Sales rose 12% last year.", "He joined the club last month from Lyon."], "2024-03-10"
    )
    assert [v.norm for v in values_of(results) if v.kind == "date"] == ["2023"]
    assert [v.norm for v in values_of(transfer) if v.kind == "date"] == ["2024-02"]


@pytest.mark.parametrize(
    ("sentence", "published", "values"),
    [
        # a zoo, an airport: the tagger calls the whole a time
        ("The giraffe gave birth to a calf in the early hours of Wednesday, June 24.",
         "2026-07-02", [("date", "early 2026-06-24")]),
        ("The replacement aircraft left at 9:20 p.m. on Friday.",
         "2026-07-02", [("clock", "21:20"), ("date", "2026-06-26")]),
        ("The meeting ran until 10 p.m.", "2026-07-02", [("clock", "22:00")]),  # no day
        # a fire, a bridge: a part of the article's own day is that day; a time of day on
        # it stays a time of day
        ("\u201cWe were lucky,\u201d she told reporters at the scene this afternoon.",
         "2026-07-22", [("date", "2026-07-22")]),
        ("The minister said this morning that the bridge had reopened.",
         "2026-07-22", [("date", "2026-07-22")]),
        ("Officers made the arrest at 9.20pm this evening.",
         "2026-07-22", [("clock", "21:20")]),
    ],
)  # fmt: skip
def test_a_time_that_names_its_day_is_a_date(
    sentence: str, published: str, values: list[tuple[str, str]]
) -> None:
    (annotation,) = annotate([sentence], published)
    assert [(v.kind, v.norm) for v in values_of(annotation)] == values


def test_the_dates_of_a_life_span_are_read_where_the_tagger_misses_them() -> None:
    (general,) = annotate(["Blackshear Bryan (July 15, 1905 – March 2, 1977) was an Army general."])
    (painter,) = annotate(["Gwen John (22 June 1876 – 18 September 1939) was a Welsh artist."])
    assert [v.norm for v in values_of(general) if v.kind == "date"] == ["1905-07-15", "1977-03-02"]
    assert [v.norm for v in values_of(painter) if v.kind == "date"] == ["1876-06-22", "1939-09-18"]


def test_the_ends_of_a_life_span_written_to_different_precision_are_both_read() -> None:
    # a footballer's page, a painter's: the tagger reads "13 January 1891 – 1965" as one
    # date, which as a whole is none
    footballer, painter = annotate(
        [
            "Fred Ashby (13 January 1891 – 1965) was an English footballer.",
            "Ada Moreau (March 2, 1850 – 1921) was a French painter.",
        ]
    )
    assert [v.norm for v in values_of(footballer) if v.kind == "date"] == ["1891-01-13", "1965"]
    assert [v.norm for v in values_of(painter) if v.kind == "date"] == ["1850-03-02", "1921"]
    # the day the tagger leaves out of the date is read with it; a season is no two dates
    sailor, season = annotate(
        ["Tom Ridley (4 March 1891 – 1965) was a sailor.", "The 2023–24 season ended in May."]
    )
    assert [v.norm for v in values_of(sailor) if v.kind == "date"] == ["1891-03-04", "1965"]
    assert [v.norm for v in values_of(season) if v.kind == "date"] == []


def test_a_count_written_right_after_a_weekday_or_a_year_is_a_count() -> None:
    floods, stores, final, match, poor, voters = annotate(
        [
            "By Monday 30 people had died in the floods.",
            "In 2019 40 stores closed across the region.",
            "On Saturday 40,000 fans watched the final.",
            "The report was published on Monday 30 June.",
            "In 2019 20 percent of households were poor.",
            "By Friday 2 million people had voted.",
        ],
        published="2025-05-28",
    )

    def read(annotation: Annotation) -> list[tuple[str, str]]:
        return [(v.kind, v.norm) for v in values_of(annotation)]

    assert read(floods) == [("date", "2025-05-26"), ("number", "30 people")]
    assert read(stores) == [("date", "2019"), ("number", "40 stores")]
    assert read(final) == [("date", "2025-05-24"), ("number", "40000 fans")]
    assert read(match) == [("date", "2024-06-30")]  # the day of the month, no count
    assert read(poor) == [("date", "2019"), ("number", "20 %")]
    assert read(voters) == [("date", "2025-05-23"), ("number", "2000000 people")]


def test_a_range_the_tagger_calls_a_date_is_a_range_of_what_it_counts() -> None:
    injured, season, war, spring, rain = annotate(
        [
            "Between 20 and 30 people were injured.",
            "The club celebrated its 2019 season.",
            "Between 1914 and 1918 soldiers from 30 countries fought.",
            "Between 1 January and 31 March 2020, 300 people died.",
            "Between 1 and 3 March heavy rain fell.",
        ]
    )
    (figure,) = values_of(injured)
    assert (figure.low, figure.high, figure.unit) == (20, 30, "count:people")
    # Years and days are no count: of seasons, soldiers, Januaries or Marches (years from
    # one to another are a date).
    assert values_of(season) == [] and values_of(rain) == []
    assert [v.norm for v in values_of(war)] == ["1914-1918", "30 countries"]
    assert [v.norm for v in values_of(spring)] == ["2020-03-31", "300 people"]


def test_ages_are_read_where_news_writes_them() -> None:
    texts = [
        "A 45-year-old man was arrested.",
        "She died at the age of 92.",
        "Ms Rossi, 52, said she would appeal.",
        "The striker, 23, signed a new contract.",
        # no age: a tally after a party, a list, a count too large
        "Labour, 1,204, finished first.",
        "There were 1,085 households, 5, 7 or 9 cars.",
    ]
    ages = [[v.low for v in values_of(a) if v.unit == AGE] for a in annotate(texts)]
    assert ages == [[45], [92], [52], [23], [], []]


@pytest.mark.parametrize(
    ("sentence", "places"),
    [
        # diplomacy: where talks happen, not who acts, owns or is talked with
        ("Putin and Trump met in Helsinki, Finland, on July 16, 2018.", ["Helsinki", "Finland"]),
        ("Putin said Russia has no preconditions for talks with Ukraine.", []),
        ("Moscow's approach left U.S. President Donald Trump fuming.", []),
        ("The talks took place in the Saudi city of Jeddah.", ["Jeddah"]),
        ("Addressing the St. Petersburg International Economic Forum, Putin insisted.",
         ["the St. Petersburg International Economic Forum"]),
        ("The remarks came amid growing pressure from Washington.", []),
        # crime and disasters
        ("Minneapolis police said a gunman opened fire at Annunciation Church.",
         ["Annunciation Church"]),
        ("The injured were flown from Cork to Dublin and Galway.", ["Cork", "Dublin", "Galway"]),
        # sport and culture: a venue the tagger calls an event, a visit
        ("The festival ended with a ceremony at the Riverside Pavilion.",
         ["the Riverside Pavilion"]),
        ("The team visited Madrid before the final.", ["Madrid"]),
        ("Manchester United lost to Tottenham in the final in Bilbao.", ["Bilbao"]),
        ("The match between Celtic and Porto was played in Glasgow.", ["Glasgow"]),
        # business: a target or a supplier is no place; a company placed by "-based" is
        ("The EU imposed sanctions on Russia and bought gas from Norway.", []),
        ("The Paris-based firm took a stake in Mistral.", ["Paris"]),
        # disasters and courts: a part of a place, an origin, a "where" clause
        ("Floods hit villages on the outskirts of Dhaka.", ["Dhaka"]),
        ("Water poured through a levee south of the Route 9 overpass.", ["Route 9"]),
        ("The plane crashed just west of Denver.", ["Denver"]),
        ("The suspect, a 34-year-old from Leeds, appeared in court.", ["Leeds"]),
        ("Istanbul, where the talks took place, will host the next round.", ["Istanbul"]),
        # a long list; a topic before a setting; a body one leaves is no place
        ("The injured were flown to Berlin, Rome, Madrid, Lisbon, Vienna, Prague, Oslo and "
         "Warsaw.", ["Berlin", "Rome", "Madrid", "Lisbon", "Vienna", "Prague", "Oslo", "Warsaw"]),
        ("Delegates arrived for the Gaza ceasefire talks in Cairo.", ["Cairo"]),
        ("The minister left Labour and flew to Kabul.", ["Kabul"]),
        ("The EU imposed sanctions on Russia at a summit in Brussels.", ["Brussels"]),
        # a place in brackets after a name says where the named thing is (web titles)
        ("Van Horn High School (Texas) is a public high school.", ["Texas"]),
    ],
)  # fmt: skip
def test_a_name_is_located_where_the_sentence_puts_something(
    sentence: str, places: list[str]
) -> None:
    (annotation,) = annotate([sentence])
    assert [sentence[start:end] for start, end in annotation["located"]] == places


def test_a_fault_reading_one_sentence_leaves_it_unread_and_the_rest_read(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    # A fault injected into the value reader, as a bug on an odd sentence would raise.
    real = rag.annotate.read_values

    def faulty(doc: Any, published: str | None) -> list[Value]:
        if "Labour" in doc.text:
            raise ValueError("could not convert string to float: '1,204'")
        return real(doc, published)

    monkeypatch.setattr(rag.annotate, "read_values", faulty)
    odd, fine = annotate(["Labour, 1,204, finished first.", "The vote was held in 2019."])
    assert odd == {
        "values": [],
        "predicates": [],
        "unasserted": [],
        "people": [],
        "located": [],
    }
    assert [v.norm for v in values_of(fine)] == ["2019"]
    assert "indexed without it" in caplog.text


def test_a_fault_parsing_one_sentence_leaves_its_places_unread_and_the_rest_parsed(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    # A fault injected into the parser's run, as a bug on an odd sentence would raise.
    real = rag.annotate._parse_batch

    def faulty(docs: list[Any]) -> None:
        if any("Labour" in doc.text for doc in docs):
            raise ValueError("[E1041] the parser could not read this sentence")
        real(docs)

    monkeypatch.setattr(rag.annotate, "_parse_batch", faulty)
    odd, fine = annotate(["Labour held its conference in Liverpool.", "They flew to Kabul."])
    assert odd["located"] == [] and [v.norm for v in values_of(odd)] == ["liverpool"]
    assert fine["located"] == [[13, 18]]  # "Kabul"
    assert "could not parse this sentence" in caplog.text


@pytest.mark.parametrize(
    ("sentence", "dates"),
    [
        (  # archaeology
            "A hoard of 212 objects buried around 1100 BC was excavated at Thornby Fen in 2025.",
            ["2025"],
        ),
        ("The temple was built in 480 BCE and restored in 1820.", ["1820"]),  # history
    ],
)
def test_a_year_before_the_common_era_is_no_date(sentence: str, dates: list[str]) -> None:
    # The days this project compares count from the year 1: "1100 BC" is not the year 1100
    # (which would tell the hoard apart from one "3,000 years ago"), and "BC" names no body.
    values = values_of(annotate([sentence], None)[0])
    assert [v.norm for v in values if v.kind == "date"] == dates
    assert not any(v.norm in lang.ERAS_BEFORE_COMMON for v in values)


@pytest.mark.parametrize(
    ("sentence", "kept"),
    [
        ("BC Hydro raised its rates on Monday.", {"bc hydro"}),  # utilities
        ("About 2,000 BC Hydro customers lost power.", {"about 2000", "bc hydro"}),
        ("Storms left 40,000 B.C. residents without power.", {"40000", "b.c"}),  # weather
        ("The BC Lions won 24-10 in 2023.", {"bc lions", "24", "2023"}),  # sport
    ],
)
def test_british_columbia_is_no_era(sentence: str, kept: set[str]) -> None:
    # "BC" after a year is an era; before a name, or after a count, it is a province.
    values = values_of(annotate([sentence], None)[0])
    assert kept <= {v.norm for v in values}
