"""What a question asks for, read without a model: answer types and their evidence."""

from __future__ import annotations

import pytest

from rag.questions import (
    analyse,
    descriptions,
    has_answer_type,
    name_parts,
    opposite_of_asked,
    stated_dates,
    stated_figures,
)


@pytest.mark.parametrize(
    ("question", "answer_type"),
    [
        ("Which Ukrainian city did Russia hit with missile attacks this week?", "place"),
        ("In which province has Russia launched an offensive?", "place"),
        ("Which U.S. Secretary of State warned about withdrawing?", "person"),
        ("Which lower-ranking figure led Moscow’s negotiating teams?", "person"),
        ("Which Ukrainian politicians described the draft as a surrender?", "person"),
        ("On which day of the week did Putin announce his readiness?", "time"),
        ("In what month did Trump say he was angry?", "time"),
        ("Which proposal did Putin mention?", None),
        ("What kind of ceasefire does the U.S. proposal envisage?", None),
        # An opening condition is not what is asked (biology and local news).
        ("When a pathogen is eaten by a phagocyte, what vesicle traps it?", None),
        ("When the council meets, who chairs the session?", "person"),
        ("If the ferry is cancelled, how many passengers are stranded?", "number"),
        ("When did the council meet?", "time"),
        ("When was the bridge that crosses which river opened?", "time"),
        # The asking clause starts after the comma, a question word in the condition aside
        # (forestry and local news).
        ("When a big tree is cut up, will the pieces of wood differ?", None),
        ("While there is a link between where and how a tree grows, what governs it?", None),
        ("When the plant closes, how many jobs will be lost?", "number"),
        # A date asked for by its noun, or at the end of the question.
        ("What is the birth date of Richard Aldworth?", "time"),
        ("What was the release date of the council's report?", "time"),
        ("302 Squadron was formed in which year?", "time"),
        ("The ferry service closed on what date?", "time"),
        ("What is the population of the town?", "number"),
        # A measure asked for by its noun or its adjective (geography, sport, building).
        ("What is the length of the Moravica river?", "number"),
        ("What is the height of the new tower?", "number"),
        ("How tall is the goalkeeper?", "number"),
        ("How deep is the harbour after dredging?", "number"),
        # A figure asked for by its noun after a possessive, or alone (business, sport,
        # disasters); not other nouns so asked, nor "number one" or "number of" uses
        ("What was Norvell Systems' net profit for the quarter?", "number"),
        ("What was the net profit in 2020?", "number"),
        ("What is the club's wage budget?", "number"),
        ("What was the storm's death toll?", "number"),
        ("What was Norvell's strategy?", None),
        ("What is the number one cause of death?", None),
        # A measure asked for by its noun right after "what" (mountaineering, weather,
        # auctions, transport); not a tally, nor a noun of no measure
        ("At what altitude were the climbers found?", "number"),
        ("What temperature did the town reach on Sunday?", "number"),
        ("What price did the painting fetch?", "number"),
        ("What speed did the train reach before it derailed?", "number"),
        ("What score did the judges give?", None),
        ("What role did the minister play?", None),
        # The strength of a quake or a storm is a figure; of a law or a party, words
        ("How strong was the Valdoro earthquake?", "number"),
        ("How powerful were the winds when the storm made landfall?", "number"),
        ("How strong is the rule of law in most Asian countries?", None),
        ("How strong was the opposition to the plan?", None),
        # A facility is a place, after up to two modifiers (technology, health).
        ("At which Nimbus data centre did the outage start?", "place"),
        ("To which children's hospital was the boy taken?", "place"),
        ("What is the location of the school?", None),  # "is the" are no modifiers
        ("What caused the factory fire?", None),  # a verb and "the" are no modifiers
        ("Which centre-right party won?", None),  # "centre" of "centre-right" is no noun
        # People a report describes (DESCRIBED_PEOPLE) make no "what X" ask for a person
        ("What drove residents to quieter suburban housing?", None),
        # "age" and "share" ask for a figure as whole words only (air crashes, television,
        # business)
        ("Which agency is investigating the crash?", None),
        ("What agency did the Spanish version of the Super Bowl?", None),
        ("What shareholders backed the takeover?", None),
        ("At what age did she retire?", "number"),
        ("What share of voters backed the plan?", "number"),
    ],
)
def test_the_kind_of_answer_a_question_asks_for(question: str, answer_type: str | None) -> None:
    assert analyse(question).answer_type == answer_type


@pytest.mark.parametrize(
    ("question", "sentence", "holds"),
    [
        (
            "In what year did the invasion begin?",
            "The war began with Russia’s 2022 invasion.",
            True,
        ),
        (
            "In what year did the invasion begin?",
            "Russia launched an offensive in recent weeks.",
            False,
        ),
        ("On what dates is the forum held?", "He addressed the forum on Thursday.", False),
        ("On what date did he speak?", "On 21 April, Putin expressed openness to talks.", True),
        # a number of one or two digits is a time only as a day or an hour (sport, business)
        (
            "When did Moretti sign?",
            "Kingsbridge signed Moretti in a deal worth 52 million euros.",
            False,
        ),
        ("When did Moretti sign?", "Moretti signed on the 12th.", True),
        ("When did the blast happen?", "The blast at the plant happened at 5 pm.", True),
        ("When did trading halt?", "Trading halted at 10:30 a.m. after shares fell 12%.", True),
        ("When did trading halt?", "Trading halted after shares fell 12 percent.", False),
        ("On what calendar date does the deadline expire?", "Rubio warned on Friday.", False),
        (
            "On what calendar date does the deadline expire?",
            "Rubio warned that the United States may withdraw.",
            False,
        ),
        # a month abbreviated as wire copy writes it (transport, politics)
        (
            "When will the shuttle bus start running?",
            "The shuttle bus will run from Marlow station starting on Feb. 17.",
            True,
        ),
        ("When was the vote held?", "The council voted on Sept 3 to approve it.", True),
        ("When was the vote held?", "The vote was run by Mar Holdings.", False),
        ("How many buses will run?", "Buses will run from Feb. 17.", False),
        ("What day did Putin speak?", "In a statement on Monday, Putin said so.", True),
        ("When did Putin speak?", "Putin spoke earlier this week.", True),
        # a time of day on the 24-hour clock, as wire copy and emergency services write it
        # (a fire, a ferry, a race)
        (
            "At what time was the alarm first raised?",
            "The fire service received the first emergency call at 02:10.",
            True,
        ),
        ("At what time did the ferry sail?", "The ferry left the harbour at 21:20.", True),
        ("When did the race start?", "The race started at 09:45 local time.", True),
        ("At what time did the ferry sail?", "The crossing takes 1:30 hours.", False),
        ("At what time did the ferry sail at 21:20?", "The ferry sailed at 21:20.", False),
        ("At what time did the ferry sail after the 02:10 alarm?", "It sailed at 2:10.", False),
        # what no clock shows, and words (sport, athletics, books)
        ("When did the derby end?", "Kiel beat Flensburg 28:25 in the derby.", False),
        ("When did Bannister run the mile?", "Bannister ran the mile in 3:59.4.", False),
        ("When did Rushdie win the prize?", "Rushdie won it for Midnight's Children.", False),
    ],
)
def test_a_time_answer_is_of_the_unit_asked_for(question: str, sentence: str, holds: bool) -> None:
    assert has_answer_type(sentence, analyse(question)) is holds


def test_a_who_answer_names_someone_the_question_does_not() -> None:
    question = analyse("Which Ukrainian politicians described the draft as a surrender?")
    assert not has_answer_type(
        "This draft, viewed by some Ukrainian politicians as a surrender.", question
    )
    assert has_answer_type("Oleksiy Honcharenko called the draft a surrender.", question)


@pytest.mark.parametrize(
    ("question", "sentence", "holds"),
    [
        # space, business, farming: "how much" asks an amount, and a year is none
        (
            "How much did the launch cost the company?",
            "The rocket was built by Halvard Aerospace, a company founded in 2016 by engineers.",
            False,
        ),
        ("How much did the launch cost?", "The launch cost 2000 dollars.", True),
        ("How much did the launch cost?", "The launch cost $2000.", True),
        ("How much grain was harvested?", "Farmers harvested 1500 tonnes.", True),
    ],
)
def test_how_much_is_not_answered_by_a_year(question: str, sentence: str, holds: bool) -> None:
    assert has_answer_type(sentence, analyse(question)) is holds


@pytest.mark.parametrize(
    ("question", "sentence", "holds"),
    [
        # trade, diplomacy, history: initials with stops name a country
        ("Which country imposed the tariffs?", "The U.S. imposed the tariffs on Monday.", True),
        ("Who vetoed the resolution?", "The U.K. vetoed the resolution.", True),
        (
            "Which country considered seizing the oilfields?",
            "In 2004, documents revealed that the U.S. briefly considered seizing them.",
            True,
        ),
        # but not when the question names them already, with or without the stops
        ("Who did the US sanction?", "The U.S. sanctioned them.", False),
        ("Who did the U.S. sanction?", "The US sanctioned them.", False),
    ],
)
def test_initials_are_a_name_of_the_kind_asked(question: str, sentence: str, holds: bool) -> None:
    assert has_answer_type(sentence, analyse(question)) is holds


def test_a_who_is_the_role_of_answer_need_not_repeat_the_role_word() -> None:
    # Pages say "album by John Coltrane", "directed by Jean Renoir", not "the artist is".
    artist = analyse('Who is the artist of the album "Giant Steps"?')
    assert has_answer_type("Giant Steps is the fifth studio album by John Coltrane.", artist)
    director = analyse("Who was the director of the Manhattan Project's laboratory?")
    assert has_answer_type("The laboratory was led by J. Robert Oppenheimer.", director)


def test_capitalised_function_words_of_a_quoted_title_are_not_names() -> None:
    names = analyse('Who is the artist of the album "It Is No Secret"?').names
    assert names == ("Secret",)


@pytest.mark.parametrize(
    ("question", "titles"),
    [
        ('Who is the artist of the album "It Is No Secret"?', ("It Is No Secret",)),
        ("Who painted \u201cThe Harvest at Dawn\u201d?", ("The Harvest at Dawn",)),
        # words a speaker is quoted as saying are no title
        ('When did Mayor Harrow call closing Eastside "the hardest choice"?', ()),
    ],
)
def test_a_quoted_title_is_read_whole(question: str, titles: tuple[str, ...]) -> None:
    assert analyse(question).titles == titles


@pytest.mark.parametrize(
    ("question", "sentence"),
    [
        # "How much" is answered in units, far from the word it asks about.
        (
            "How much land do farms use in Victoria?",
            "Some 32,463 farms occupied around 136,000 square kilometres of the state.",
        ),
        ("How much rain fell on the valley?", "Gauges recorded 42 millimetres overnight."),
    ],
)
def test_how_much_needs_a_figure_not_the_word_it_asks_about(question: str, sentence: str) -> None:
    assert has_answer_type(sentence, analyse(question))


def test_how_many_needs_the_figure_to_count_what_is_asked() -> None:
    question = analyse("How many passengers did the ferry carry?")
    assert has_answer_type("The ferry carried 80 passengers that night.", question)
    assert not has_answer_type("The ferry, built in 1998, sailed at night.", question)


@pytest.mark.parametrize(
    ("question", "sentence"),
    [
        (  # the counted noun comes after an adjective
            "How many naval bases are located in Jacksonville?",
            "Its riverine location facilitates two United States Navy bases.",
        ),
        (  # and after a noun that modifies it
            "How many city officials were indicted?",
            "After a grand jury was convened, 11 officials were indicted.",
        ),
        (  # sport
            "How many home runs did the shortstop hit last season?",
            "The shortstop hit 31 home runs, a club record.",
        ),
        (  # religion: the noun after an adjective, the verb last
            "How many major rites exist?",
            "Canon law includes the main five rites of churches in union with Rome.",
        ),
        (  # culture: after a name used as an adjective
            "How many Estonian museums existed in 2010?",
            "In 2010, there were 245 museums in Estonia.",
        ),
    ],
)
def test_how_many_counts_the_whole_noun_phrase(question: str, sentence: str) -> None:
    assert has_answer_type(sentence, analyse(question))


def test_a_common_noun_counted_is_not_a_word_of_a_name_near_the_figure() -> None:
    # a festival and a shipyard: "Film" and "Ships" are words of names, not what is counted
    films = analyse("How many films were shown at the Westbrook Film Festival?")
    assert not has_answer_type(
        "For the third time in five years the Westbrook Film Festival sold out.", films
    )
    assert has_answer_type("The Westbrook Film Festival screened 146 films.", films)
    ships = analyse("How many ships did the yard build?")
    assert not has_answer_type(
        "The yard was sold in 1990 to Harland Ships Ltd for 12 million.", ships
    )
    oscars = analyse("How many Oscars did the film win?")  # a counted name stays a name
    assert has_answer_type("The film won three Oscars.", oscars)
    # a question typed in lower case says nothing by its case
    democrats = analyse("how many democrats voted for the bill?")
    assert has_answer_type("Twelve Democrats voted for the bill.", democrats)
    # nor does a sentence's first word, nor a headline's
    cases = analyse("How many cases were recorded on Friday?")
    assert has_answer_type("Cases rose to 1,200 on Friday.", cases)
    assert has_answer_type("Floods Destroy 300 Homes", analyse("How many homes were destroyed?"))
    # but what comes right after the figure is what it counts, however written (sport, war)
    series = analyse("How many world series have the Cubs appeared in?")
    assert has_answer_type("The team has appeared in seven World Series since 1908.", series)
    allies = analyse("How many allies were lost during the battle?")
    assert has_answer_type("The Battle of the Alma had 3,300 Allied losses.", allies)
    types = analyse("How many types of flagella are there?")  # biology: not past a bracket
    assert not has_answer_type("They form four classes (Type I - IV) by mechanism.", types)
    # and so does a name that qualifies what is counted
    soldiers = analyse("How many Russian soldiers were wounded?")
    assert has_answer_type("The Russians have suffered 1,008,240 casualties.", soldiers)


@pytest.mark.parametrize(
    ("question", "several"),
    [
        ("Which countries did Russia ask to mediate?", True),
        ("Which Ukrainian cities were hit overnight?", True),
        ("What new drugs did the agency approve?", True),
        ("In which years did Port Alder win the cup?", True),
        ("Which country did Russia ask to mediate?", False),
        ("Which company makes the drug?", False),  # "makes" is its verb
        ("What causes migraines?", False),
        ("Which news agency first reported it?", False),
        ("Which gas leaked from the plant?", False),  # singular in "s"
        ("Which players’ union called the strike?", False),  # a possessive
        ("Which US president signed the act?", False),
    ],
)
def test_a_question_asking_for_several_things_is_told_apart(question: str, several: bool) -> None:
    assert analyse(question).asks_several is several


@pytest.mark.parametrize(
    ("question", "sentence", "opposite"),
    [
        # health, law, technology, politics: the sentence says the opposite of what is asked
        (
            "Which drug was effective?",
            "The old drug was ineffective.",
            ("effective", "ineffective"),
        ),
        ("Which bill was legal?", "The court called the bill illegal.", ("legal", "illegal")),
        (
            "Which services were available?",
            "Payments were unavailable.",
            ("available", "unavailable"),
        ),
        (
            "Who was eligible to stand?",
            "Okafor was ineligible to stand.",
            ("eligible", "ineligible"),
        ),
        # comparatives (science, medicine)
        (
            "How much higher did short sleepers score on memory tests?",
            "Short sleepers scored 12 percent lower on memory tests.",
            ("higher", "lower"),
        ),
        (
            "What has a stronger association with the complex than killer T cells?",
            "Helper T cells have a weaker association with the complex than killer T cells.",
            ("stronger", "weaker"),
        ),
        # superlatives (climate, sport)
        (
            "What is concentrated in the coldest months of the year?",
            "Seasonal rainfall is concentrated in the warmest months.",
            ("coldest", "warmest"),
        ),
        (
            "Which club had the lowest attendance?",
            "Rovers had the highest attendance of the season.",
            ("lowest", "highest"),
        ),
        # nouns (business, public finance), not the converse of one event
        (
            "What pre-tax profit did Brenner report last year?",
            "Brenner reported a pre-tax loss of 4 million pounds.",
            ("profit", "loss"),
        ),
        (
            "How large was the budget surplus?",
            "The state ran a budget deficit of 2 billion.",
            ("surplus", "deficit"),
        ),
        ("Who suffered the defeat?", "It was a famous victory for Kestrel.", None),
        # people of the other sex (advertising, medicine), not a converse ("X's husband Y")
        (
            "When did Sky launch a campaign aimed at men?",
            "Sky launched a campaign aimed at women in 2007.",
            ("men", "women"),
        ),
        (
            "What is an autoimmune disease that mostly strikes men?",
            "Some autoimmune diseases such as lupus strike women preferentially.",
            ("men", "women"),
        ),
        ("Who is Macron's wife?", "Brigitte Macron's husband became president in 2017.", None),
        # "non-" denies the word after it (medicine, politics)
        (
            "What defenses respond to pathogens in a specific way?",
            "Innate immune defenses are non-specific.",
            ("specific", "non-specific"),
        ),
        (
            "Which groups were violent?",
            "The marchers were non-violent, police said.",
            ("violent", "non-violent"),
        ),
        ("Which protests were violent?", "Some were violent, most non-violent.", None),
        # another ordinal (biology, sport), but "debut" calls it the first
        (
            "What are leukocytes the first arm of?",
            "Leukocytes are the second arm of the innate immune system.",
            ("first", "second"),
        ),
        (
            "Who scored the first goal?",
            "Okafor scored the second goal in the 70th minute.",
            ("first", "second"),
        ),
        (
            "What was the band's first album?",
            "Their debut album, Hollow, was followed by a second in 1999.",
            None,
        ),
        (
            "What is the second busiest airport in the country?",
            "LAX is the second-busiest airport in the country and the third-busiest worldwide.",
            None,
        ),
        # but not "younger" against a census sentence's "or older"
        (
            "How many residents are younger than 18?",
            "23.9% were under the age of 18 and 10.9% were 65 years of age or older.",
            None,
        ),
        # not when it also says what is asked, nor to a yes/no question, which it answers
        ("Which drug was effective?", "The new drug was effective, the old ineffective.", None),
        ("Was the drug effective?", "The drug was ineffective.", None),
        # nor an antonym of another form, which news uses of other things
        ("How far did the missile travel?", "It landed near Hokkaido.", None),
        ("How old was the victim?", "The young victim, 19, died.", None),
        ("Who won the final?", "Port Alder lost the final to Kestrel.", None),
        ("When will the bridge open?", "It has been closed since the storm.", None),
        # denying one side says the other (law, health), unless both are denied
        (
            "Which migrants were not eligible for asylum?",
            "The court ruled that the three men were ineligible for asylum.",
            None,
        ),
        (
            "Who was untroubled by the delay?",
            "Investors were not greatly troubled by the delay.",
            None,
        ),
        (
            "Which drug was not effective?",
            "The older drug was not ineffective.",
            ("effective", "ineffective"),
        ),
        # a negation of another clause denies nothing here (welfare, family)
        (
            "Who was eligible for the grant?",
            "Residents who did not register were ineligible for the grant.",
            ("eligible", "ineligible"),
        ),
        (
            "Who was eligible for the grant?",
            "Couples with no children were ineligible for the grant.",
            ("eligible", "ineligible"),
        ),
        # nor one of a noun phrase, or one narrowed to a part (politics, education)
        (
            "Which measures were popular?",
            "Voters said no to unpopular measures on Tuesday.",
            ("popular", "unpopular"),
        ),
        (
            "Which students were eligible?",
            "The grants went not only to ineligible students but also to graduates.",
            ("eligible", "ineligible"),
        ),
        # "to" stands between a negation and what it denies: denying one side says the
        # other (sport)
        (
            "Which players were ineligible?",
            "The league ruled the two players not to be eligible.",
            None,
        ),
    ],
)
def test_a_sentence_saying_the_opposite_of_what_is_asked_is_found(
    question: str, sentence: str, opposite: tuple[str, str] | None
) -> None:
    assert opposite_of_asked(sentence, analyse(question)) == opposite


def test_a_figure_counts_what_the_number_of_names_however_far_before() -> None:
    # a ferry sinking, a strike: "the number of X ... has risen to N"
    toll = analyse("How many people died when the ferry sank?")
    assert has_answer_type(
        "The number of people confirmed dead after the ferry sank off Sulawesi on Sunday "
        "night has risen to 17, officials said.",
        toll,
    )
    closures = analyse("How many schools closed during the strike?")
    assert has_answer_type(
        "The total of schools shut by the strike across the northern districts of the "
        "region reached 40 on Monday.",
        closures,
    )
    assert not has_answer_type(
        "The number of buses running across the northern districts of the region during "
        "the strike fell to 40 on Monday.",
        closures,
    )


def test_people_are_counted_by_what_describes_them() -> None:
    study = analyse("How many people took part in the study?")  # health
    assert has_answer_type("The researchers followed 48,000 adults for nine years.", study)
    assert not has_answer_type("The researchers spent 48,000 euros on the study.", study)
    blast = analyse("How many people were injured in the blast?")  # industry
    assert has_answer_type("Four workers were injured when a tank exploded.", blast)
    # and by words that fit anyone ("persons" in police reports, "individuals")
    assert has_answer_type("Police said five persons were hurt.", blast)
    vigil = analyse("How many people attended the vigil?")
    assert has_answer_type("About 300 individuals attended the vigil.", vigil)


@pytest.mark.parametrize(
    ("question", "sentence", "counts"),
    [
        # health, transport, labour, education, war
        ("How many patients took part in the trial?", "It was tested in 1,250 adults.", True),
        ("How many passengers were on the ferry?", "The ferry carried 80 people.", True),
        ("How many workers will lose their jobs?", "About 600 people will lose jobs.", True),
        ("How many students attend the college?", "The college employs 300 staff.", False),
        ("How many soldiers were killed?", "The shelling killed 12 civilians.", False),
    ],
)
def test_people_described_one_way_are_counted_by_a_word_that_fits_anyone(
    question: str, sentence: str, counts: bool
) -> None:
    assert has_answer_type(sentence, analyse(question)) is counts


@pytest.mark.parametrize(
    ("question", "sentence"),
    [
        ("How many people were hurt?", "The mine opened in 1998 and its owners were fined."),
        ("How many people voted?", "Turnout was 62% among voters."),
        ("How many people voted?", "The plan has the backing of 15 member states."),
        ("How many people's homes were flooded?", "About 300 residents were evacuated."),
        ("How many people died in the crash?", "The crash on March 3 killed the driver."),
    ],
)
def test_people_are_not_counted_by_a_year_a_share_or_other_things(
    question: str, sentence: str
) -> None:
    assert not has_answer_type(sentence, analyse(question))


@pytest.mark.parametrize(
    ("question", "sentence"),
    [
        ("How many people died in the fire?", "The owner, who died in 1998, had built the hall."),
        ("How many students attend Harvard?", "Harvard was founded in 1636."),  # education
        ("How many fans watched the final?", "The final was watched on 3 screens downtown."),
    ],
)
def test_how_many_does_not_count_the_verb_or_a_name_after_the_noun(
    question: str, sentence: str
) -> None:
    assert not has_answer_type(sentence, analyse(question))


def test_a_generic_modifier_is_near_no_count() -> None:
    question = analyse("How many new jobs will the plant create?")
    assert not has_answer_type("The new plant will cost 40 million pounds.", question)
    assert analyse("How many Japanese died in the war?").counted == ("japanes",)


@pytest.mark.parametrize(
    ("question", "sentence"),
    [
        (  # history
            "When was the first known reference to immunity?",
            "The earliest known reference to immunity was during the plague of Athens in 430 BC.",
        ),
        ("In what year did Vesuvius erupt?", "Vesuvius erupted in AD 79, burying Pompeii."),
        ("In what year was the city founded?", "Settlers founded it around 2,000 BC."),
    ],
)
def test_a_year_of_an_era_is_a_time(question: str, sentence: str) -> None:
    assert has_answer_type(sentence, analyse(question))


@pytest.mark.parametrize(
    ("question", "sentence", "holds"),
    [
        ("In what year was Ali killed?", "Ali was assassinated in 661 by a partisan.", True),
        ("In what year was Ali killed?", "Ali was assassinated in 661.", True),
        ("In what year did Charles win?", "In 732 Charles Martel won at Tours.", True),
        ("In what year did arrests peak?", "Police arrested around 100 people.", False),  # news
        ("In what year did output peak?", "Output rose by 500 million.", False),  # business
        ("In what year did staff leave?", "Between 100 and 200 staff left.", False),
        ("When did the caliphate end?", "the caliphate of Uthman (644–656), a member", True),
        ("In what year was the abbey built?", "In 980 the monks built the abbey.", True),
        ("In what year did Root score?", "Root (153) and Stokes (120) put on 250.", False),
        ("In what year did Umar die?", "Umar was later poisoned in the year 720.", True),
        ("In what year did the tower fall?", "The tower fell in the year 980.", True),
        ("In what year did the team score?", "The team scored (120 runs) in total.", False),
        ("In what year did the outbreak peak?", "It was found in 300 cases.", False),  # health
        ("In what year did the outbreak peak?", "It peaked in 300 of the wards.", False),
        ("When did sales peak?", "Sales peaked at 661 per day.", False),  # business
    ],
)
def test_a_year_of_three_digits_is_a_time_after_a_preposition(
    question: str, sentence: str, holds: bool
) -> None:
    assert has_answer_type(sentence, analyse(question)) is holds


@pytest.mark.parametrize(
    ("question", "sentence", "holds"),
    [
        ("When was Feynman allowed to go to Tuva?",  # biography
         "The day after he died, a letter arrived giving him authorization.", True),
        ("When did the plant close?", "The plant closed two weeks later.", True),  # business
        ("When did the striker return?", "Three months earlier he had torn a ligament.", True),
        ("When did the striker return?", "He spent three months in rehabilitation.", False),
        ("When did the fire start?", "Crews arrived two hours later.", True),  # local news
        ("When did the striker sign?", "He earns £150,000 a week before tax.", False),
    ],
)  # fmt: skip
def test_a_period_before_or_after_something_is_a_time(
    question: str, sentence: str, holds: bool
) -> None:
    assert has_answer_type(sentence, analyse(question)) is holds


def test_a_yes_no_question_after_an_opening_condition_is_yes_no() -> None:
    assert analyse("When a big tree is cut up, will the pieces differ?").yes_no
    assert not analyse("When the plant closes, how many jobs will be lost?").yes_no


@pytest.mark.parametrize(
    ("question", "sentence"),
    [
        (  # an organisation's rules
            "When can exclusive jurisdiction be waived?",
            "Exclusive jurisdiction can be waived when the two lodges agree to share it.",
        ),
        (  # local news
            "When can residents return to their homes?",
            "Residents may go back once the water has receded.",
        ),
        ("When can a lodge be declared irregular?", "If the differences are significant, it is."),
    ],
)
def test_when_can_is_answered_by_a_condition(question: str, sentence: str) -> None:
    assert has_answer_type(sentence, analyse(question))


def test_a_condition_does_not_answer_a_plain_when() -> None:
    sentence = "Residents may go back once the water has receded."
    assert not has_answer_type(sentence, analyse("When did residents return to their homes?"))


@pytest.mark.parametrize(
    "sentence",
    ["The river once again burst its banks.", "It is unclear if the bridge is safe."],
)
def test_once_again_and_unclear_if_set_no_condition(sentence: str) -> None:
    assert not has_answer_type(sentence, analyse("When can residents return to their homes?"))


def test_the_asking_clause_starts_after_the_conditions_last_comma() -> None:
    question = analyse("If the deal, which was signed in 2019, collapses, will prices rise?")
    assert question.yes_no and question.answer_type is None


def test_an_era_must_be_a_word_of_its_own() -> None:
    question = analyse("In what year was the plan approved?")
    assert not has_answer_type("A 5 AD-supported plan was approved.", question)


@pytest.mark.parametrize(
    ("question", "asks_occasion"),
    [
        ("On what occasion did the race director describe the weather as ideal?", True),  # sport
        ("In what setting did the water company's chief executive apologise?", True),  # utility
        ("During which event did the minister announce the grant?", True),  # politics
        ("How did the head teacher tell parents about the merger?", True),  # a school
        ("How did the airline notify passengers of the delay?", True),  # travel
        ("How has the council notified residents of the closure?", True),  # local news
        ("What event did the team win?", False),  # a thing, not an occasion
        ("At which venue will the cup final be played?", False),  # a place: no speech
        ("In which event did the sprinter set the record?", False),
        ("How did the thieves get into the museum?", False),  # a way
        ("How did officials label the offer of talks?", False),  # what they said
        ("How do you tell if a melon is ripe?", False),  # a way, of anyone
        ("How did police tell the suspects apart?", False),
        ("When did the minister announce the grant?", False),  # a date, asked as one
    ],
)
def test_an_occasion_is_asked_after_a_preposition_or_as_how_someone_was_told(
    question: str, asks_occasion: bool
) -> None:
    assert analyse(question).asks_occasion is asks_occasion


@pytest.mark.parametrize(
    ("question", "asks_clock"),
    [
        ("At what time did the replacement flight depart?", True),  # travel
        ("What time did the quake strike?", True),  # a disaster
        ("At what hour was the curfew lifted?", True),
        ("In what time period was the castle built?", False),
        ("At what time of the year do storks arrive?", False),
        ("What time did she finish the marathon in?", False),  # a race's time
        ("When did the flight depart?", False),  # a date, or a time: not asked as one
    ],
)
def test_a_time_of_day_is_asked_by_what_time(question: str, asks_clock: bool) -> None:
    assert analyse(question).asks_clock is asks_clock


@pytest.mark.parametrize(
    ("question", "asks_rate"),
    [
        ("How much will the merger save a year?", True),  # banking
        ("How much does a rail pass cost each month?", True),  # transport
        ("What is the mayor's salary?", True),
        ("What price is the bank paying for its rival?", False),
        ("What was the population of Fairview a year ago?", False),  # a time, not a rate
        ("How many visitors came to the festival, which is held each year?", False),
    ],
)
def test_a_rate_is_asked_by_its_word_or_by_a_period(question: str, asks_rate: bool) -> None:
    assert analyse(question).asks_rate is asks_rate


@pytest.mark.parametrize(
    ("question", "about_speech"),
    [
        ("When did Putin say troops should have been deployed?", True),  # news
        ("Where did the minister announce the budget?", True),
        ("In which state is Van Horn High School located?", False),  # a school, a noun
        ("What is the address of the Smithsonian?", False),  # a museum, a noun
        # part of a name: an album, a broadcast
        ('Who is the artist of the album "Talk Show"?', False),
        ("When did Say Anything first play in cinemas?", False),
        ("When Did Trump Say He Would Run Again?", True),  # a headline's capitals
        # an act done once: a wildfire's emergency, an election's result
        ("When did Governor Lowe declare a state of emergency?", False),
        ("When did Delgado claim the victory?", False),
        ("When did Lowe declare that the fire was contained?", True),
        # words quoted from a speaker (culture, politics), not a title
        ('When did Venn call the winner "a film about people who refuse to leave"?', True),
        ('Where did the minister describe the plan as "a betrayal of farmers"?', True),
        ('When was "The Power of Darkness" released?', False),
    ],
)
def test_a_speech_word_after_a_determiner_or_in_a_name_is_a_noun(
    question: str, about_speech: bool
) -> None:
    assert analyse(question).about_speech is about_speech


@pytest.mark.parametrize(
    ("question", "sentence", "typed"),
    [
        # floods: the day of a month is a date, no figure of the dead
        ("How many people died in the floods?", "On 21 April the floods hit the town.", False),
        ("How many people died in the floods?", "On 21 April, 30 people died in the floods.", True),
        # markets: "May 3rd" is no price
        ("How much did the shares cost?", "The shares were first sold on May 3rd.", False),
        ("How much did the shares cost?", "The shares were first sold at $12 on May 3rd.", True),
    ],
)
def test_the_day_of_a_month_is_no_figure(question: str, sentence: str, typed: bool) -> None:
    assert has_answer_type(sentence, analyse(question)) is typed


@pytest.mark.parametrize("question", ["How many?", "How many", "how much ... ?"])
def test_a_question_asking_how_many_of_nothing_is_read(question: str) -> None:
    assert analyse(question).counted == ()


def test_what_an_article_may_go_on_to_call_the_named_thing() -> None:
    museum = analyse("Who is the director of the Van Roosen Museum?")
    assert descriptions(museum, ["Roosen"]) == ["museum"]
    rocket = analyse("Where did the Aurora-2 rocket's first stage land?")
    assert "rocket" in descriptions(rocket, ["Aurora-2"])
    assert descriptions(rocket, []) == []


def test_the_other_words_of_a_name_an_article_may_go_on_to_use() -> None:
    company = analyse("Who is the chief executive of Halvorsen Therapeutics?")
    assert name_parts(company, ["Therapeutics"]) == ["Halvorsen"]
    assert name_parts(company, []) == []


def _norms(values) -> list[str]:  # type: ignore[no-untyped-def]
    return [v.norm for v in values]


def test_the_dates_a_question_places_what_it_asks_about_in() -> None:
    # government, health, politics, markets
    assert _norms(stated_dates(analyse("What did the Department of Energy end in 1974?"))) == [
        "1974"
    ]
    assert _norms(stated_dates(analyse("Why was the hospital delayed during 2021?"))) == ["2021"]
    assert _norms(stated_dates(analyse("What did Nixon join on October 20, 1973?"))) == [
        "1973-10-20"
    ]
    assert _norms(stated_dates(analyse("Who resigned on 3 May 2024 after the vote?"))) == [
        "2024-05-03"
    ]
    assert _norms(stated_dates(analyse("Why did shares fall in March 2019?"))) == ["2019-03"]
    assert _norms(stated_dates(analyse("What did the council approve on June 4?"))) == ["--06-04"]
    # not a year that names an event, a span, or a bound; nor a day that does not exist
    assert stated_dates(analyse("When did the 1973 oil crisis end?")) == ()
    assert stated_dates(analyse("How much did output grow in 2003-04?")) == ()
    assert stated_dates(analyse("How much did output grow since 2004?")) == ()
    assert stated_dates(analyse("What happened on February 30?")) == ()


def test_a_question_states_figures_as_news_writes_them() -> None:
    # weather, protests, transport: joined units and fractions, read as a sentence's are
    (heat,) = stated_figures(analyse("Where did temperatures reach 45C?"))
    assert (heat.unit, heat.low, heat.high) == ("°C", 45, 45)
    (crowd,) = stated_figures(analyse("Which group drew 60k protesters?"))
    assert crowd.unit == "count:protester" and crowd.low < 60_000 < crowd.high
    (delay,) = stated_figures(analyse("Which flight was delayed by two and a half hours?"))
    assert delay.unit == "s" and delay.low < 9000 < delay.high
    assert stated_figures(analyse("Which train left at 18:00?")) == ()
    assert stated_figures(analyse("What happened at 9pm on Friday?")) == ()


def test_the_figures_a_question_states() -> None:
    # disasters, census, markets, politics: read with their unit, widened by their precision
    (homeless,) = stated_figures(analyse("What fire left 2,000 people homeless?"))
    assert (homeless.unit, homeless.low, homeless.high) == ("count:people", 1500, 2500)
    (share,) = stated_figures(analyse("Which party won 11.6% of the vote?"))
    assert share.unit == "%" and share.low == pytest.approx(11.55)
    (fine,) = stated_figures(analyse("Which bank was fined $1bn?"))
    assert (fine.unit, fine.low, fine.high) == ("USD", 0.75e9, 1.25e9)  # rounded by a quarter
    (grant,) = stated_figures(analyse("What did the $5 million grant pay for?"))
    assert (grant.unit, grant.low) == ("USD", 4_500_000)
    (workers,) = stated_figures(analyse("Why did more than 300 workers strike?"))
    assert (workers.low, workers.high) == (300, float("inf"))
    # medicine, sport: a spelled measure, converted as a sentence's is; a spelled count is not
    (weeks,) = stated_figures(analyse("What takes between two and three weeks to develop?"))
    assert (weeks.unit, weeks.low, weeks.high) == ("s", 14 * 86400, 21 * 86400)
    (miles,) = stated_figures(analyse("Who ran five miles on Sunday?"))
    assert miles.unit == "m" and miles.low < 5 * 1609.344 < miles.high
    assert stated_figures(analyse("What are two small car models?")) == ()
    # an age, as the annotator reads a sentence's (crime, obituaries)
    (age,) = stated_figures(analyse("Which 45-year-old man was charged?"))
    assert (age.unit, age.low, age.high) == ("age", 45, 45)
    (died,) = stated_figures(analyse("Who died aged 87 on Monday?"))
    assert (died.unit, died.low) == ("age", 87)
    # years, days, times, ordinals, labels and ranges are no figures of what is asked
    for question in (
        "When did the 1871 hurricane strike?",
        "What happened in 1990?",
        "Who won Super Bowl 50?",
        "What mediates Type 1 hypersensitivity?",
        "What did the mayor say at 9 p.m. on March 3?",
        "Who finished 3rd in the race?",
        "Who was paid between 20 and 30 dollars?",
        "Who won the marathon in 2 hours 5 minutes?",
        "What is another term used for year 13?",  # schools, courts, transport: labels
        "Who testified on day 3 of the trial?",
        "Which bus serves route 9?",
        "Of Warsaw's inhabitants in 1901, what share was Catholic?",  # a year before a comma
        "Whose shares rose 5% on Monday?",
    ):
        assert stated_figures(analyse(question)) == (), question
