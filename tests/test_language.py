"""The language data of rag/language.py, each list on sentences from two or more domains
(politics, sport, business, science, courts, local news) through the code that reads it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rag import language as lang
from rag.annotate import annotate
from rag.api import unknown_names
from rag.config import Settings
from rag.questions import analyse, has_answer_type
from rag.slots import SLOTS
from rag.store import Store
from rag.values import parse_date, parse_number, same_name


def reading(slot: str, question: str, sentence: str) -> str | None:
    spec = next(s for s in SLOTS if s.name == slot)
    found = spec.read(analyse(question), sentence, annotate([sentence])[0])
    return None if found is None else found.norm


@pytest.mark.parametrize(
    ("question", "sentence", "answer"),
    [
        ("Did the senate approve the bill?", "The senate rejected the bill.", "no"),  # politics
        ("Did Kestrel win the match?", "Kestrel lost the match 2-1.", "no"),  # sport
        ("Did the regulator allow the merger?", "The regulator banned the merger.", "no"),
        ("Did the drug increase survival?", "The drug did not increase survival.", "no"),
        ("Did the minister attend the summit?", "The minister never attended it.", "no"),
    ],
)
def test_antonyms_and_negations_deny_the_question_predicate(
    question: str, sentence: str, answer: str
) -> None:
    assert reading("stance", question, sentence) == answer


def test_wordnet_antonyms_come_with_their_source_and_licence() -> None:
    record = json.loads((Path(lang.__file__).parent / "antonyms.json").read_text("utf-8"))
    assert record["source"].startswith("WordNet 3.1") and "Princeton" in record["licence"]
    assert record["parts_of_speech"] == ["adj", "adv", "noun"]
    pairs = set(lang.WORDNET_ANTONYMS)
    # health, law, technology: a word and its negation by a prefix
    assert {("effective", "ineffective"), ("illegal", "legal")} <= pairs
    assert ("available", "unavailable") in pairs
    # not antonyms of other forms ("hot" for the "cold" of "cold case"), nor verbs
    assert ("cold", "hot") not in pairs and ("criticize", "praise") not in pairs


@pytest.mark.parametrize(
    ("question", "sentence", "answer"),
    [
        ("Does the union back the takeover?", "The union said it supported the deal.", "yes"),
        ("Does the union back the takeover?", "The union said it would oppose it.", "no"),
        ("Did the senator endorse the bill?", "The senator backed the bill.", "yes"),  # politics
        ("Did the board support the offer?", "The board dismissed the offer.", None),
        ("Did the council ban the drug?", "The council outlawed the drug.", "yes"),  # health
        ("Did the plant open on time?", "The plant was shut for a week.", "no"),  # business
        ("Did nurses establish the charity?", "Two nurses founded the charity.", "yes"),  # aid
        ("Did the city build the bridge?", "The city constructed the bridge.", "yes"),  # works
    ],
)
def test_synonyms_say_the_same_and_share_their_antonyms(
    question: str, sentence: str, answer: str | None
) -> None:
    assert reading("stance", question, sentence) == answer


@pytest.mark.parametrize(
    ("question", "sentence", "answer"),
    [
        # a museum, a tennis final, a theft: the question's irregular past in its base
        ("When was the museum built?",
         "The museum, which reopened in 2004, was constructed in 1887.", "1887"),
        ("Who won the title?",
         "Coco Gauff clinched the title in Paris after Iga Swiatek won the opening set.",
         "Coco Gauff"),
        # "found" is the past of "find" here, not the verb of "founded"
        ("When was the wallet found?",
         "Police recovered the wallet on Friday in a park established in 1902.", "Friday"),
    ],
)  # fmt: skip
def test_irregular_past_forms_are_read_in_their_base(
    question: str, sentence: str, answer: str
) -> None:
    spec = next(s for s in SLOTS if s.name == analyse(question).slot)
    found = spec.read(analyse(question), sentence, annotate([sentence])[0])
    assert found is not None and found.label == answer


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("more than 21,000", 21000, float("inf")),  # sport: a crowd
        ("nearly 3,000", 2550, 3000),  # business: jobs
        ("up to 40", 0, 40),  # science: a dose
        ("an estimated 500", 425, 575),  # disaster: homes
    ],
)
def test_approximate_qualifiers_bound_a_figure(text: str, low: float, high: float) -> None:
    value = parse_number(text)
    assert value is not None
    assert value.low == pytest.approx(low) and value.high == pytest.approx(high)


@pytest.mark.parametrize(
    ("text", "unit"),
    [("£40m", "GBP"), ("200 roubles", "RUB"), ("¥1,000", "JPY"), ("45 percent", "%")],
)
def test_currencies_and_percent_are_units(text: str, unit: str) -> None:
    value = parse_number(text)
    assert value is not None and value.unit == unit


@pytest.mark.parametrize(
    ("text", "norm"),
    [
        ("spring 2024", "spring 2024"),
        ("the third quarter of 2025", "2025-Q3"),
        ("late 1998", "late 1998"),
    ],
)
def test_seasons_quarters_and_period_parts_are_periods(text: str, norm: str) -> None:
    value = parse_date(text)
    assert value is not None and value.norm == norm


@pytest.mark.parametrize(
    ("question", "sentence", "said"),
    [
        (
            "When did the coach say he would resign?",
            "The coach said on Monday he would resign.",
            True,
        ),
        ("When did the company announce the recall?", "It announced the recall on May 2.", True),
        ("When did the bridge open?", "The bridge opened on May 2.", False),
    ],
)
def test_speech_verbs_make_a_when_question_about_an_occasion(
    question: str, sentence: str, said: bool
) -> None:
    assert analyse(question).about_speech is said


@pytest.mark.parametrize(
    ("question", "sentence", "norm"),
    [
        ("Did Pike steal the money?", "Prosecutors alleged that Pike stole the money.",
         "attributed"),
        ("Did the drug halve migraine days?", "The maker claimed the drug halved migraine days.",
         "attributed"),
        ("Did the drug halve migraine days?", "The drug halved migraine days, the study found.",
         "asserted"),
    ],
)  # fmt: skip
def test_attribution_verbs_keep_a_distance_from_the_claim(
    question: str, sentence: str, norm: str
) -> None:
    assert reading("attribution", question, sentence) == norm


@pytest.mark.parametrize(
    ("question", "sentence", "label"),
    [
        # labour, politics: a negative implicative denies what it governs
        ("Did the union accept the pay offer?", "The union refused to accept the pay offer.",
         "no"),
        ("Did the union accept the pay offer?", "The union did not refuse to accept the offer.",
         "yes"),
        ("Did Kyiv cede territory?", "Kyiv's refusal to cede territory angered Moscow.", "no"),
        ("Did the drug reduce pain?", "The drug failed to reduce pain in the second trial.",
         "no"),
        # what others urge or want is no stance of the one urged (politics, business, sport)
        ("Will Ukraine accept the concessions?",
         "As Washington pressures Ukraine to accept concessions, it asks nothing of Moscow.",
         None),
        ("Did the board approve the merger?",
         "Shareholders urged the board to approve the merger.", None),
        ("Will the manager be sacked?", "Fans have been calling for the manager to be sacked.",
         None),
        ("Did the board approve the merger?", "The board agreed to approve the merger.", None),
        # a participle describing a noun states nothing ("occupied territories"); a verb does
        ("Does Russia occupy the territories?",
         "Ukraine will not recognize any occupied territories as part of Russia.", None),
        ("Did the trial treat hypertension?",
         "The trial enrolled 300 patients with treated hypertension.", None),
        ("Has Russia occupied territories?", "Russia has occupied territories since 2014.",
         "yes"),
        ("Did the army occupy villages?", "The army, having occupied villages, advanced.",
         "yes"),
        ("Did Chelsea beat Arsenal?", "After beating Arsenal, Chelsea went top.", "yes"),
        # intentions say nothing yet (business, politics, sport, technology)
        ("Did the firm cut jobs?", "The firm plans to cut 500 jobs.", None),
        ("Did the party join the coalition?", "The party agreed to join the coalition.", None),
        ("Did the club sign the striker?", "The club's bid to sign the striker collapsed.",
         None),
        ("Did the startup launch the app?", "The startup hopes to launch the app next year.",
         None),
        # implicatives, however written (courts, health, politics, sport)
        ("Did the witness testify?", "The witness was persuaded to testify.", "yes"),
        ("Did the club win the league?", "The club did not manage to win the league.", "no"),
        ("Did officials confirm it?", "Officials were not able to confirm it.", "no"),
        ("Will the Fed raise rates?", "The Fed is not going to raise rates.", "no"),
        ("Did the minister resign?", "The minister was not forced to resign.", None),
        ("Did Kyiv accept the deal?", "The US did not persuade Kyiv to accept the deal.", None),
        ("Did the workers return to work?", "The union refused the company's plea to return to "
         "work.", None),
        ("Did the government resign?", "Protesters urged the elected government to resign.",
         None),
        ("Did Kyiv accept the offer?", "The board urged Kyiv to not accept the offer.", None),
        ("Did officials confirm the report?", "Officials were unable to confirm the report.",
         "no"),
        ("Did the referee award a penalty?", "The referee did not hesitate to award a penalty.",
         "yes"),
        ("Did the council reopen the library?", "It proved impossible to reopen the library.",
         "no"),  # local news
        ("Did the forest sustain large populations?", "The soil made it impossible to sustain "
         "large populations.", "no"),  # science
        ("Did the climbers reach the summit?", "It was not impossible to reach the summit.",
         None),  # sport: possible, not done
        ("Did the lab verify the data?", "The lab said it was not impossible to verify the "
         "data.", None),  # science
        ("Did the minister comment?", "The minister declined, however, to comment.", "no"),
        ("Did Kyiv accept the proposal?", "Kyiv refused to immediately accept the proposal.",
         "no"),
        ("Did Kyiv recognise the result?", "Kyiv refused to accept or recognise the result.",
         "no"),
        ("Did the board renew the contract?", "The board chose not to renew the contract.",
         "no"),
        ("Did the party withdraw?", "The party did not agree to withdraw.", None),
        # preventives (courts, technology, business)
        ("Did the company sell the data?", "The court blocked the company from selling the "
         "data.", "no"),
        ("Did Meta launch the app?", "Regulators stopped Meta from launching the app.", "no"),
        ("Did the company pay taxes?", "The company avoided paying taxes for a decade.", "no"),
        ("Did patients take the drug?", "Many patients avoided taking the drug.", "no"),
        # no governor after "than", nor a phone call, nor a manager who manages nothing
        ("Did inflation hit 5%?", "Inflation rose more than expected to hit 5% in May.",
         "yes"),
        ("Did the striker seal the win?", "The striker scored late, as expected, to seal the "
         "win.", "yes"),
        ("Did the CEO congratulate the engineers?", "The CEO called to congratulate the "
         "engineers.", "yes"),
        ("Was the manager sacked?", "Fans called for the manager to be sacked.", None),
        ("Did residents save water?", "The council called upon residents to save water.",
         None),
        ("Did analysts comment on the merger?", "Analysts refrained from commenting on the "
         "merger.", "no"),
        # a sentence that uses the asked verb unasserted answers nothing, not another word
        ("Did the bank pay a fine?", "Regulators ordered the bank to pay a $10m fine.", None),
        # a verb of change before a session's end and a level is a movement, not a refusal
        # (markets, commodities, sport); before anything else it still refuses
        ("Did the shares close lower?", "Shares of the retailer declined to close lower on "
         "Friday.", "yes"),
        ("Did oil settle lower?", "Oil prices declined to settle lower on Friday.", "yes"),
        ("Did the index close down 2%?", "The index declined to close down 2% on the day.",
         "yes"),
        ("Did attendance finish flat?", "Attendance declined to finish flat for the season.",
         "yes"),
        ("Did the stock end unchanged?", "The stock declines to end unchanged.", "yes"),
        ("Did Boeing settle?", "Boeing declined to settle at $2 billion.", "no"),
        ("Did the company report higher profits?", "The company declined to report higher "
         "profits.", "no"),
        ("Did the bar close at 11?", "The bar declined to close at 11 on weekdays.", "no"),
        ("Did the governor close the schools?", "The governor declined to close the schools.",
         "no"),
        ("Did the minister step down?", "The minister declined to step down.", "no"),
        ("Did the coach meet reporters?", "The coach declined to meet at 5 pm with reporters.",
         "no"),
    ],
)  # fmt: skip
def test_governing_words_say_whether_the_subject_does_it(
    question: str, sentence: str, label: str | None
) -> None:
    assert reading("stance", question, sentence) == label


@pytest.mark.parametrize(
    ("question", "sentence", "label"),
    [
        # verbs spaCy lists as stop words state something all the same (politics, courts,
        # business, sport)
        ("Did Putin give Trump a ball?", "Putin did not give Trump a ball.", "no"),
        ("Did police name the suspect?", "Police declined to name the suspect.", "no"),
        ("Did the court take the case?", "The court refused to take the case.", "no"),
        ("Did the firm make a profit?", "The firm did not make a profit in 2024.", "no"),
        ("Did the club show the final?", "The club did not show the final.", "no"),
        ("Was the stadium full?", "The stadium was not full.", "no"),
        ("Did the player get a red card?", "The player got a red card in the final.", "yes"),
        # "used to" states nothing of using (local news)
        ("Did police use the area?", "Police used to patrol the area.", None),
    ],
)  # fmt: skip
def test_only_verbs_that_state_nothing_are_no_predicates(
    question: str, sentence: str, label: str | None
) -> None:
    assert reading("stance", question, sentence) == label


@pytest.mark.parametrize(
    ("sentence", "stated"),
    [
        ("The council did approve it, and it has.", ["approv"]),  # politics
        ("They’ve a long way to go, the coach said.", ["go", "say"]),  # sport
        ("Shares were first listed in 2019 and have been second to none.", ["list"]),
    ],
)
def test_be_do_have_modals_contractions_and_ordinals_state_nothing(
    sentence: str, stated: list[str]
) -> None:
    assert [p[0] for p in annotate([sentence])[0]["predicates"]] == stated


@pytest.mark.parametrize(
    ("sentence", "norm"),
    [
        ("It was the club's first ever league title.", "first"),  # sport
        ("The outage was the first in the company's history.", "first"),  # technology
        ("It was the first title since 1998.", "not first"),
        ("The bank had previously been fined for the same failure.", "not first"),  # business
    ],
)
def test_first_time_and_earlier_cues(sentence: str, norm: str) -> None:
    assert reading("first_time", "Was it the first time?", sentence) == norm


@pytest.mark.parametrize(
    ("question", "sentence", "norm"),
    [
        ("What is the union's position on the takeover?", "The union opposed the takeover.",
         "against"),
        ("What is the union's position on the takeover?", "The union welcomed the takeover.",
         "for"),
        ("What is Russia's view on a ceasefire?", "Moscow is ready to discuss a ceasefire.", "for"),
    ],
)  # fmt: skip
def test_positive_and_negative_cues_take_a_side(question: str, sentence: str, norm: str) -> None:
    assert reading("position", question, sentence) == norm


@pytest.mark.parametrize(
    ("question", "sentence", "title"),
    [
        ("What is Ruth Delaney's role?", "Assistant coach Ruth Delaney left.", "assistant coach"),
        ("What is Ana Ruiz's title?", "Chief executive Ana Ruiz resigned.", "chief executive"),
        ("What is Ana Ruiz's title?", "Former chief executive Ana Ruiz spoke.",
         "former chief executive"),
    ],
)  # fmt: skip
def test_title_words_and_former_read_a_role(question: str, sentence: str, title: str) -> None:
    spec = next(s for s in SLOTS if s.name == "role")
    found = spec.read(analyse(question), sentence, annotate([sentence])[0])
    assert found is not None and found.label == title


@pytest.mark.parametrize(
    ("question", "asks"),
    [
        ("What was Judge Ana Ruiz's exact title at the tribunal?", True),  # courts
        ("Which official position did Ruth Delaney take on in the club?", True),  # sport
        ("What role does Ruth Delaney play in the squad now?", True),
        ("What title did Ruth Delaney win at Wimbledon?", False),  # a title won, not held
        ("What is Ana Ruiz's new post at the hospital trust?", True),  # health
        ("What did Ana Ruiz's office say about the ruling?", False),
    ],
)
def test_role_qualifiers_and_followers_frame_an_asked_title(question: str, asks: bool) -> None:
    # "official position did": a qualifier before the title, an auxiliary after it; "office
    # say": a verb after it, so the title word is the subject, not what is asked.
    assert ("role" in [s.name for s in SLOTS if s.gate(analyse(question))]) is asks


@pytest.mark.parametrize(
    ("question", "slot"),
    [
        ("Which striker scored twice?", "person"),
        ("Which official announced the cut?", "person"),
        ("In which city did the summit take place?", "place"),
        ("Which river floods the town?", "place"),
        ("Which company bought the chain?", "org"),
        ("Which team won the cup?", "org"),
        ("Which Japanese foundation funded the reef survey?", "org"),  # science
        ("Which airline operated the flight?", "org"),  # transport
        ("Which museum acquired the painting?", "org"),  # culture
        ("Which authority issued the flood warning?", "org"),  # weather
        ("Which contractor will build the new bridge?", "org"),  # construction
        # facilities are places (PLACE_NOUNS)
        ("At which data centre did the fire start?", "place"),  # technology
        ("To which hospital was the driver taken?", "place"),  # a rail accident
        ("At which stadium will the final be played?", "place"),  # sport
    ],
)
def test_head_nouns_of_which_questions_name_the_slot(question: str, slot: str) -> None:
    assert analyse(question).slot == slot


@pytest.mark.parametrize(
    ("question", "sentence", "norm"),
    [
        (
            "How long did the outage last?",
            "It left 4,000 firms offline for seven hours.",
            "7 hours",
        ),
        (
            "How far did the storm travel?",
            "It moved 300 miles inland, hitting 12 towns.",
            "300 miles",
        ),
        ("How heavy was the payload?", "The 3 rockets carried 5 tonnes in all.", "5 tonnes"),
        # a measure of another kind answers nothing (a mine rescue, a flood)
        (
            "How far underground were the miners?",
            "They were brought up 52 hours after the collapse.",
            None,
        ),
        # another measure answers where time is not asked (weather, finance)
        ("How high did temperatures climb?", "Temperatures climbed to 46 °C.", "46 °C"),
        ("How high were the winds?", "Winds reached 130 km/h on the coast.", "130 kph"),
        (
            "How deep was the floodwater?",
            "The water stood for three days, 1.2 metres deep in places.",
            "1.2 metres",
        ),
    ],
)
def test_measure_questions_read_their_units(question: str, sentence: str, norm: str | None) -> None:
    assert reading("number", question, sentence) == norm


@pytest.mark.parametrize(
    ("question", "counted"),
    [
        ("How many major rites exist?", ("rite",)),  # religion
        ("How many different major dialects of Dutch are there?", ("dialect",)),  # language
        ("How many new jobs will the plant create?", ("job",)),  # business
        ("How many unique visitors did the site get?", ("visitor",)),  # technology
    ],
)
def test_count_modifiers_are_not_what_is_counted(question: str, counted: tuple[str]) -> None:
    assert analyse(question).counted == counted


@pytest.mark.parametrize(
    ("question", "sentence"),
    [
        ("What was the vote on the closure?", "The council voted five to four against it."),
        ("What was the vote?", "The bill passed by 52 votes to 48."),  # politics
        ("What was the final score?", "Rovers won 2-1."),  # sport
        ("By what margin did the court rule?", "The court ruled 5-4."),  # courts
    ],
)
def test_tally_words_ask_for_and_lead_a_tally(question: str, sentence: str) -> None:
    assert reading("tally", question, sentence) is not None


@pytest.mark.parametrize(
    ("question", "sentence", "norm"),
    [
        ("When did Arteaga begin his professional career?",  # sport
         "Arteaga, born 29 November 1970 in Guadalajara, turned professional in 1990.", "1990"),
        ("When was Arteaga born?",
         "Arteaga, born 29 November 1970 in Guadalajara, turned professional in 1990.",
         "1970"),
        ("When did Okafor die?",  # politics
         "Okafor, born in Enugu in 1950, died in Lagos in 2020.", "2020"),
        ("When did Okafor become governor?",
         "Okafor, born in Enugu in 1950, became governor in 1999.", "1999"),
        ("When was Smith elected?",  # a birth before another date marks only its own
         "Smith, born in 1950, was elected in 1992.", "1992"),
        ("When was Smith born?", "Smith was born in St. Louis, Missouri, on 4 March 1950.",
         "1950-03-04"),
        ("When did Lincoln die?", "Lincoln was assassinated on April 14, 1865.", "1865-04-14"),
        ("When did Hawking die?", "Hawking's death on 14 March 2018 was mourned.",
         "2018-03-14"),  # science
        # names and other counts are no births nor deaths
        ("When did the Black Death reach England?", "The plague reached England in 1348.",
         "1348"),
        ("When was Die Hard released?", "Die Hard was released in 1988.", "1988"),
        ("When did the birth rate fall?", "The birth rate fell in 1973.", "1973"),
        # local news, disasters: a death is often the event itself; a death toll no death
        ("When did the bridge collapse?",
         "Three people died when the bridge collapsed on Tuesday.", "2024-05-07"),
        ("When did the death toll pass 40?", "The death toll passed 40 on Tuesday.",
         "2024-05-07"),
    ],
)  # fmt: skip
def test_life_events_mark_a_birth_or_a_death(question: str, sentence: str, norm: str) -> None:
    spec = next(s for s in SLOTS if s.name == "date")
    found = spec.read(analyse(question), sentence, annotate([sentence], "2024-05-09")[0])
    assert found is not None and found.norm.startswith(norm)


@pytest.mark.parametrize(
    ("question", "sentence", "norm"),
    [
        ("What is the population of Middlesex Township?",  # a census
         "It had 6,669 people, 2,298 households and 1,730 families.", "6669 people"),
        ("How large is the populace of the island?",  # geography
         "The island's 1,200 farms support 8,400 residents.", "8400 residents"),
        ("What is the population of Wadi?", "Wadi had a population of 120,000.", "120000"),
        # the figure a population is, not another crowd the sentence counts
        ("What is the population of Springfield?",
         "Springfield, with a population of 167,000, drew 12,000 people to the parade.",
         "167000"),
        ("What is the population of Wadi?",
         "Wadi has a population of 120,000, including 30,000 people displaced by the floods.",
         "120000"),
        # a share of a population, an animal population: no count of people asked
        ("What percentage of the population is Hispanic?",
         "Of 262,000 people, 12.5% are Hispanic.", "12.5 %"),
        ("What proportion of the population voted?",  # elections
         "Of the town's 40,000 people, 62% voted in the election.", "62 %"),
        ("How large is the elephant population in Botswana?",  # wildlife
         "Botswana's 130,000 elephants live among 2.6 million people.", "130000 elephants"),
    ],
)  # fmt: skip
def test_population_words_ask_for_a_count_of_people(
    question: str, sentence: str, norm: str
) -> None:
    assert reading("number", question, sentence) == norm


@pytest.mark.parametrize(
    ("question", "sentence", "norm"),
    [
        ("Who was Mahmud I's father?",  # history
         "Mahmud I was the older brother of Osman III (1754–57).", None),
        ("Who was Chilperic's father?", "Chilperic, son of Clotaire I, ruled Soissons.",
         "clotaire"),
        ("Who is the mayor's wife?",  # local news
         "The mayor's wife, Maria Lopez, opened the fair on Saturday.", "maria lopez"),
        ("Who is the husband of Maria Lopez?", "Maria Lopez is married to John Smith, a banker.",
         "john smith"),
        ("Who is the husband of Maria Lopez?",
         "Maria Lopez thanked her lawyer, John Smith, on Friday.", None),
        ("Who is the husband of Maria Lopez?", "Maria Lopez wed John Smith in 2001.",
         "john smith"),
        # the nearest kinship word decides, in lower case and no in-law
        ("Who was Clotaire I's father?", "Chilperic, son of Clotaire I, ruled Soissons.", None),
        ("Who was Lennon's father?",  # music
         "His father left early; his mother, Julia Stanley, raised him.", None),
        ("Who was Kushner's father?", "Kushner's father-in-law, Donald Trump, spoke on Monday.",
         None),
        ("Who was Smith's father?",
         "Smith was tutored by Father Ignatius Mouradgea, a Jesuit priest.", None),
        ("Who were Henry VIII's wives?",
         "Henry VIII's six wives included Anne Boleyn and Jane Seymour.", "anne boleyn"),
        # a kinship word in a name asks for no relative
        ("Who is the CEO of Mother Jones?",
         "At Mother Jones, its chief executive, Monika Bauerlein, spoke.", "monika bauerlein"),
    ],
)  # fmt: skip
def test_kinship_words_ask_for_a_name_given_that_relation(
    question: str, sentence: str, norm: str | None
) -> None:
    assert reading("person", question, sentence) == norm


def test_aliases_and_dots_name_the_same_country_or_body() -> None:
    assert same_name("us", "united states") and same_name("u.n.", "united nations")
    assert lang.alias_group("Britain") == lang.alias_group("U.K.")
    assert not same_name("eu", "un")


def test_phrases_match_whole_words_only() -> None:
    assert lang.phrases_in("For the first time, the cup comes home.", lang.FIRST_TIME)
    assert not lang.phrases_in("The firstborn son inherited.", ("first",))


@pytest.mark.parametrize(
    ("sentence", "kept"),
    [
        ("Retrieved 3 January 2013. The single peaked at number four.", []),  # music page
        ("Accessed March 2, 2020. The trial enrolled patients in 2019.", ["2019"]),  # science
        ("Archived from the original on 5 May 2016. The club was founded in 1888.", ["1888"]),
    ],
)
def test_citation_date_cues_mark_a_web_pages_notes(sentence: str, kept: list[str]) -> None:
    (annotation,) = annotate([sentence])
    dates = [v[3] for v in annotation["values"] if v[0] == "date"]
    assert dates == kept


@pytest.mark.parametrize(
    ("question", "sentence", "answer"),
    [
        ("How many people per square mile live in Manvel?",  # census
         "The population density was 624.6 inhabitants per square mile.",
         "624.6 inhabitants per square mile"),
        ("How much does the warehouse job pay per hour?",  # labour
         "The warehouse job pays $15 per hour and offers 20 days of leave.", "15 USD per hour"),
        ("What is the population of Manvel?",
         "The population density was 624.6 inhabitants per square mile.", None),
        # a sum per period without "per": a salary, a merger's savings; not a price
        ("What is the mayor's salary?",
         "The mayor earns $120,000 a year.", "120000 USD per year"),
        ("How much will the merger save a year?",
         "The merger will save $180 million a year.", "180000000 USD per year"),
        ("What price is Kestridge paying for Pellow?",
         "The merger will save $180 million a year.", None),
    ],
)  # fmt: skip
def test_rate_words_ask_for_a_rate_and_only_they_do(
    question: str, sentence: str, answer: str | None
) -> None:
    assert reading("number", question, sentence) == answer


@pytest.mark.parametrize(
    ("question", "sentence", "answer"),
    [
        ("How much money did the council save?",  # local news
         "By a 6-3 vote the council saved $380,000.", "380000 USD"),
        ("How much funding did the lab receive?",  # science
         "The lab, one of 12 in the network, received €2.5 million.", "2500000 EUR"),
    ],
)  # fmt: skip
def test_money_words_ask_for_a_sum(question: str, sentence: str, answer: str) -> None:
    assert reading("number", question, sentence) == answer


@pytest.mark.parametrize(
    ("question", "about_speech"),
    [
        ("When did the coach say he would resign?", True),  # sport
        ("In which state is the reactor located?", False),  # energy
        ("What was the address of the embassy?", False),  # diplomacy
    ],
)
def test_noun_markers_make_a_speech_word_a_noun(question: str, about_speech: bool) -> None:
    assert analyse(question).about_speech is about_speech


@pytest.mark.parametrize(
    ("words", "unknown"),
    [
        (["Sen", "Zorbia"], ["Zorbia"]),  # politics: the articles write no "Sen."
        (["Senator", "Zorbia"], ["Zorbia"]),
        (["Gen", "Lt", "Col", "Zorbia"], ["Zorbia"]),  # military
        (["Queen"], ["Queen"]),  # a title with no name after it may be a name (the band)
    ],
)
def test_titles_and_their_abbreviations_are_no_names_to_look_up(
    store: Store, words: list[str], unknown: list[str]
) -> None:
    assert unknown_names(tuple(words), store) == unknown


def test_a_doctors_title_written_out_is_no_unknown_name(other_settings: Settings) -> None:
    # medicine: the trial article writes "Dr. Samuel Okoye"; a reader asks after "Professor"
    store = Store.open(other_settings)
    try:
        assert unknown_names(("Professor", "Okoye", "Okafor"), store) == ["Okafor"]
    finally:
        store.close()


@pytest.mark.parametrize(
    ("question", "sentence"),
    [
        # A place for "where" (LOCATIVE_PREPOSITIONS, DETERMINERS)
        (  # local news
            "Where were the injured taken?",
            "The injured men were taken to a regional hospital, where two remain.",
        ),
        ("Where do the juveniles live?", "The juveniles live among the plankton."),  # science
        ("Where did the squad train?", "The squad trained behind the old stadium."),  # sport
        # An event for a plain "when" (TEMPORAL_CONNECTIVES)
        (  # local news
            "When will the depot reopen?",
            "The depot will stay closed until the inspection is complete, the operator said.",
        ),
        (  # science
            "When do the juveniles become adults?",
            "The juveniles become adults after dropping to the sea floor.",
        ),
        ("When did the striker score?", "The striker scored during the second half."),  # sport
        # A speaker for "who said" (SPEECH_FORMS, NOUN_MARKERS, PASSIVE_AUXILIARIES)
        (  # local news
            "Who said the depot will stay closed?",
            "The depot will stay closed until the inspection is complete, the operator said.",
        ),
        (  # courts
            "Who told the jury the valve was faulty?",
            "The valve had been faulty for months, prosecutors told the jury.",
        ),
        ("Who announced the signing?", "The club announced the signing on its website."),
        # A person described for another "who" (DESCRIBED_PEOPLE)
        (  # a rail accident
            "Who was taken to hospital?",
            "The train driver was taken to hospital with minor injuries, police said.",
        ),
        ("Who was injured?", "Four workers were injured when a tank exploded."),  # industry
        ("Who scored the equaliser?", "One of two academy players scored it late on."),  # sport
    ],
)
def test_an_answer_without_a_name_or_date(question: str, sentence: str) -> None:
    assert has_answer_type(sentence, analyse(question))


def test_a_place_without_a_name_does_not_answer_which_city() -> None:
    question = analyse("In which city were the injured treated?")
    assert not has_answer_type("The injured were treated at a regional hospital.", question)
    assert has_answer_type("The injured were treated in Leeds.", question)


def test_an_event_does_not_answer_in_what_year() -> None:
    question = analyse("In what year will the depot reopen?")
    assert not has_answer_type("The depot will stay closed until the inspection ends.", question)


def test_a_speaker_answers_only_who_said() -> None:
    question = analyse("Who repaired the valve?")
    assert not has_answer_type("The valve was repaired, the operator said.", question)


@pytest.mark.parametrize(
    ("question", "sentence"),
    [
        ("Where were the injured taken?", "On the other hand, the injured were taken quickly."),
        ("Where were the injured taken?", "At the time, the injured were taken within the hour."),
        ("Where was the mayor born?", "The mayor was born to a family of teachers."),
        ("When did the depot open?", "The depot was once the town's biggest employer."),
        ("When did the club pay?", "The club paid, since the owners had the money."),
        ("Who said the state would pay?", "The state would pay for the repairs."),
        ("Who said the residents must leave?", "Residents were told they must leave."),
        ("Who wrote the novel?", "The novel was written in prison."),
        ("Who found the leak?", "Nobody noticed the leak for hours."),
        ("Who was taken to hospital?", "The hospital was built by the council in 1950."),
        # A person described, but not doing what is asked, or no person at all
        ("Who scored the goal?", "A crowd of 40,000 fans watched the goal."),
        ("Who won the final?", "The men's final was delayed by rain."),
        ("Who built the lake?", "It is a man-made lake in the hills."),
        ("Who was injured?", "None of the passengers were injured."),
        ("Who is the new coach?", "The new coach met the players on Monday."),
        ("Who were the victims?", "The victim's family asked for privacy."),
    ],
)
def test_no_name_answers_only_what_they_answer(question: str, sentence: str) -> None:
    assert not has_answer_type(sentence, analyse(question))


@pytest.mark.parametrize(
    ("text", "after", "low", "high"),
    [
        ("between 20 and 30", "people were hurt", 20, 30),  # a range
        ("unemployment rose 5% to 7%", "", 5, 5),  # economy: a change
        ("the club cut its squad by 20 to 25", "players", 20, 20),  # sport: a change
        ("emissions fell from 40 to 35", "tonnes", 40, 40),  # science: a change
    ],
)
def test_change_words_make_two_figures_a_change_not_a_range(
    text: str, after: str, low: float, high: float
) -> None:
    value = parse_number(text, after)
    assert value is not None and (value.low, value.high) == (low, high)


@pytest.mark.parametrize(
    ("after", "unit"),
    [
        ("points in the final quarter", "count:point"),  # sport
        ("points as markets fell", "count:point"),  # finance
        ("shots were fired", "count:shot"),  # crime
        ("cups of coffee", "count:cup"),  # food, not a volume
    ],
)
def test_not_units_are_counted_words(after: str, unit: str) -> None:
    value = parse_number("12", after)
    assert value is not None and value.unit == unit


@pytest.mark.parametrize(
    ("question", "sentence", "answer"),
    [
        # A place of a route only after a verb (ROUTE_PREPOSITIONS)
        ("Where were the patients flown?", "The patients were flown from Cork to Dublin.",
         "cork"),  # local news
        ("Where did the talks happen?", "Talks began amid pressure from Washington.", None),
        ("Where did the flight stop?", "The flight was rerouted via Singapore.", "singapore"),
        # The object of a verb of going or attending (VISITING_VERBS)
        ("Where did the minister speak?", "The minister addressed the Lisbon Summit.",
         "lisbon summit"),  # politics
        ("Where did the team go?", "The team visited Madrid before the final.", "madrid"),
        ("Where did the suspects go?", "The suspects left Leeds on Friday.", "leeds"),  # courts
        # Not what acts or is dealt with
        ("Where did the minister speak?", "The minister criticised Madrid.", None),
        # Who receives, wins or supplies, or what is targeted (NOT_PLACING_AFTER)
        ("Where was the final played?", "Leeds lost to Chelsea in the FA Cup final at Wembley.",
         "wembley"),  # sport
        ("Where did the envoy work?", "The ambassador to France resigned.", None),  # politics
        ("Where did the fund invest?", "The fund took a stake in Mistral.", None),  # business
        # A part of a place (PLACE_PARTS) and a place a hyphen joins (PLACED_BY)
        ("Where did the floods hit?", "Floods hit villages on the outskirts of Dhaka.",
         "dhaka"),  # disasters
        ("Where was the ship sighted?", "The ship was sighted off the coast of Somalia.",
         "somalia"),  # shipping
        ("Where is the insurer based?", "The Munich-based insurer cut 200 jobs.", "munich"),
        ("Where was the actor born?", "The London-born actor won an award.", "london"),
        # A place that hosts (HOSTING_VERBS) or that a thing struck (STRIKING_VERBS)
        ("Where was the summit held?", "Geneva hosted the summit in July.", "geneva"),
        ("Where were the talks held?", "The talks were hosted by Turkey.", "turkey"),
        ("Where was the final played?", "Doha hosted the final in December.", "doha"),  # sport
        ("Where were the Olympics held?", "Paris staged the 2024 Olympics.", "paris"),
        ("Where did the earthquake strike?", "A strong earthquake struck Taiwan on Monday.",
         "taiwan"),  # disasters
        ("Where did the floods hit?", "Severe floods hit northern Pakistan last week.",
         "pakistan"),  # weather
        ("Where were sanctions imposed?", "The EU hit Russia with new sanctions.", None),
        ("Where was the call held?", "Microsoft hosted a call with analysts.", None),
        # a known city the tagger calls a body where it hosts an event (PLACES,
        # HOSTED_EVENTS): diplomacy, culture; not a company named after a city (business)
        ("Where were the talks held?", "Nairobi hosted the peace talks.", "nairobi"),
        ("Where was the ceremony held?", "Oslo hosted the ceremony on Friday.", "oslo"),
        ("Where was the summit held?", "The summit was hosted by Helsinki.", "helsinki"),
        ("Where was the call held?", "Toyota hosted a call with analysts on Tuesday.", None),
        ("Where did the cyberattack happen?", "Toyota was hit by a cyberattack last week.",
         None),
        # a hazard named after its kind is still a thing (NAMED_HAZARDS); a club, a person
        # whose name ends in one is not (weather, sport, politics)
        ("Where did the hurricane make landfall?", "Hurricane Ian hit Florida on Wednesday.",
         "florida"),
        ("Where did the typhoon strike?", "Typhoon Haiyan struck the Philippines in 2013.",
         "philippines"),
        ("Where were the tariffs imposed?", "President Biden hit China with new tariffs.", None),
        ("Where did the club score?", "Chicago Fire hit Toronto with three late goals.", None),
        ("Where were the tariffs imposed?", "Senator Jane Storm hit China with new tariffs.",
         None),
    ],
)  # fmt: skip
def test_where_a_name_stands_says_whether_it_says_where(
    question: str, sentence: str, answer: str | None
) -> None:
    assert reading("place", question, sentence) == answer


@pytest.mark.parametrize(
    ("question", "sentence", "answer"),
    [
        # war news: a province is no city; a city called one, or called nothing, is
        ("Which Ukrainian city did Russia hit?",
         "Russia launched an offensive in Ukraine’s northeastern province of Sumy.", None),
        ("Which Ukrainian city did Russia hit?", "Missiles struck the Kharkiv region.", None),
        ("Which Ukrainian city did Russia hit?", "Missiles struck the city of Kharkiv.",
         "kharkiv"),
        ("Which Ukrainian city did Russia hit?", "Russia hit Kharkiv this week.", "kharkiv"),
        # travel and sport: a city is no country; a ranked or capital city is in the place
        ("Which country did the team visit?", "The team visited the city of Lyon in May.",
         None),
        ("Which country did the team visit?", "The team toured the largest city of Brazil.",
         "brazil"),
        ("Which country did the team visit?", "The team toured the capital of France.",
         "france"),
        ("Which city hosted the games?", "The games were held in Mexico City in 1968.",
         "mexico city"),
        ("Which country did the team visit?", "The team toured the most populous city of Brazil.",
         "brazil"),
        ("Which country did the team visit?", "The team toured the capital city of France.",
         "france"),
        # diplomacy and business: a county is no state; a state may be a country, a
        # city-state a city, and a country named a city a country
        ("In which state is the plant?", "The plant is in Franklin County, Ohio.", "ohio"),
        ("Which country did the envoy visit?", "The envoy flew to the state of Israel in May.",
         "israel"),
        ("Which city did the minister visit?", "The minister visited the city-state of Singapore.",
         "singapore"),
        ("Which country did the pope return to?", "The pope returned to Vatican City.",
         "vatican city"),
    ],
)  # fmt: skip
def test_a_place_the_sentence_calls_another_kind_of_place_is_no_answer(
    question: str, sentence: str, answer: str | None
) -> None:
    assert reading("place", question, sentence) == answer


@pytest.mark.parametrize(
    ("question", "sentence", "answer"),
    [
        # U.S. politics: the party by its members' name, not the House they sit in
        ("What political party was Fields affiliated with?",
         "Fields was a Republican member of the House of Representatives.", "republican"),
        ("What political party was Fields affiliated with?",
         "Fields remained firmly aligned with the Democratic Party.", "democratic"),
        ("What political party was Fields affiliated with?",
         "Fields, a Democrat, served two terms in the Senate.", "democratic"),
        # British and Kenyan politics: a party by its name or its nickname
        ("Which party does the MP belong to?", "Tory MPs voted against the bill.",
         "conservative"),
        ("Which party does the MP belong to?",
         "The MP, a member of the Labour Party, voted against the bill.", "labour"),
        ("What party is President Kibaki part of?", "Kibaki leads the Party of National Unity.",
         "party of national unity"),
        # no party named: a nation, a person with a family's name, a body that is no party
        ("Which party won the election?", "The American voters went to the polls.", None),
        ("Which party does the MP belong to?", "Joe Green voted against the bill.", None),
        ("Which party won the election?", "Senator Green said the Democrats would vote no.",
         "democratic"),
        ("Which party did Fields join?",
         "Fields worked at the Labor Department before joining the Republicans.", "republican"),
        # a party in a lawsuit is a side, read as any body (law)
        ("Which party filed the appeal?", "Apple filed the appeal on Monday.", "apple"),
    ],
)  # fmt: skip
def test_a_party_is_read_by_its_family(question: str, sentence: str, answer: str | None) -> None:
    assert reading("org", question, sentence) == answer


def test_a_superlative_or_an_ordinal_ranks_a_place_a_point_of_the_compass_does_not() -> None:
    assert all(lang.ranks(w) for w in ("largest", "Biggest", "second", "only", "most"))
    assert not any(lang.ranks(w) for w in ("northwest", "southwest", "northeastern", ""))
    assert lang.ranks("capital")  # "the capital city of France"
    assert lang.PLACE_KINDS["state"] == {"country", "province"}
    assert "capital" not in lang.PLACE_KINDS_BEFORE_OF


def test_a_negation_is_read_whether_the_tagger_split_it_or_a_word_pattern_kept_it_whole() -> None:
    assert all(lang.is_negation(w) for w in ("not", "n't", "n’t", "wasn't", "Couldn’t", "never"))
    assert not any(lang.is_negation(w) for w in ("note", "Nottingham", "want", "Kant", "nothing"))


@pytest.mark.parametrize(
    ("words", "between"),
    [
        ("has been", True),  # courts: "has not been charged"
        ("to", True),  # politics: "decided not to sign"
        ("significantly Fully", True),  # medicine: "was not significantly troubled"
        ("the", False),  # a noun phrase: "not the first time"
        ("who", False),  # another clause: "those who did not register were ineligible"
        ("sign", False),  # a verb: "did not sign or ratify" denies "sign" and stops there
    ],
)
def test_only_auxiliaries_to_and_adverbs_stand_between_a_negation_and_its_verb(
    words: str, between: bool
) -> None:
    assert all(lang.between_negation_and_verb(w) == between for w in words.split())


@pytest.mark.parametrize(
    ("question", "sentence", "answer"),
    [
        # WORK_NOUNS: the "by" after the work's noun names its maker (music, books, games).
        ("Who recorded Homogenic?",
         "Homogenic is the third studio album by Icelandic singer Björk.", "björk"),
        ("Who wrote The Salt Road?",
         "The Salt Road, a memoir by the former diplomat John Bolton, sold well.", "john bolton"),
        ("Who developed Skyfall Rising?",
         "Skyfall Rising, a game by Polish designer Tomasz Nowak, sold a million copies.",
         "tomasz nowak"),
        # MAKER_ROLES: a name the tagger misses after its maker's role (music, architecture).
        ("Who recorded the song?", "The song was recorded by the hip hop duo OutKast.",
         "outkast"),
        ("Who designed the pavilion?",
         "The pavilion was designed by the Danish studio Bjarke Ingels Group.",
         "bjarke ingels group"),
    ],
)  # fmt: skip
def test_work_nouns_and_maker_roles_find_who_made_a_work(
    question: str, sentence: str, answer: str
) -> None:
    assert reading("person", question, sentence) == answer


def test_a_title_before_a_name_is_read_with_or_without_its_dot_in_any_case() -> None:
    assert all(lang.is_title(w) for w in ("Judge", "Sen.", "sen", "Dr", "Professor"))
    assert not any(lang.is_title(w) for w in ("Harbour", "Lake", "Ann", "Point"))


@pytest.mark.parametrize(
    ("question", "sentence", "answer"),
    [
        # DWELLER_WORDS, HOME_TO: what says how many live somewhere (a census, a village
        # profile, an encyclopedia's town), not the people an event touched (a census's
        # newcomers, a disaster's sheltered).
        ("How many people live in Bramford?",
         "Bramford, a market town of about 12,400 residents, added 1,900 people since the "
         "last count.", "about 12400 residents"),
        ("How many people live in Ashby?", "The village, home to 800 people, lost its last shop.",
         "800 people"),
        ("How many people live in Tarrow?",
         "Tarrow has some 5,000 inhabitants and 2,000 people visit its fair each year.",
         "some 5000 inhabitants"),
        ("How many people live in Corlett?",
         "Shelters in Corlett were housing about 1,200 people on Sunday.", None),
    ],
)  # fmt: skip
def test_dweller_words_and_home_to_say_how_many_live_somewhere(
    question: str, sentence: str, answer: str | None
) -> None:
    assert reading("number", question, sentence) == answer
