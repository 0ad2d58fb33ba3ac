"""People the articles name by role, so a question may use the role: pure text, no store."""

from __future__ import annotations

import pytest

from rag.aliases import (
    Titled,
    asked_holder,
    covered_terms,
    holds_elsewhere,
    named_in_place,
    people_by_role,
    resolve,
    titled_as,
)
from rag.lexical import tokenize

ARTICLE_LINES = [
    "Russian President Vladimir Putin met US President Donald Trump in Helsinki.",
    "U.S. Secretary of State, Marko Rubio, warned on Friday.",
    "Ukrainian President Volodymyr Zelenskyy’s office dismissed the offer.",
    "Kremlin spokesman Dmitry Peskov later confirmed it.",
    "Attacks fell, according to Andriy Demchenko, a spokesman for Ukraine’s Border Service.",
    "Prime Minister Wilson and First Minister Nicola Sturgeon spoke.",
]


@pytest.fixture(scope="module")
def people() -> frozenset[Titled]:
    return people_by_role(ARTICLE_LINES)


def _named(texts: list[str]) -> set[tuple[str, str, str]]:
    return {(t.origin, t.role, t.name) for t in people_by_role(texts)}


def test_the_articles_name_people_with_an_origin_and_a_role(people: frozenset[Titled]) -> None:
    named = {(t.origin, t.role, t.name) for t in people}
    assert ("russian", "president", "Vladimir Putin") in named
    assert ("us", "president", "Donald Trump") in named
    assert ("us", "secretary of state", "Marko Rubio") in named
    assert ("ukrainian", "president", "Volodymyr Zelenskyy") in named  # possessive left off
    assert ("russia", "spokesman", "Dmitry Peskov") in named  # "Kremlin" is Russia's
    # "Name, a role for Origin": the spokesman of the Border Service, not of all Ukraine.
    assert ("ukrain border servic", "spokesman", "Andriy Demchenko") in named


def test_a_title_without_an_origin_names_no_one(people: frozenset[Titled]) -> None:
    assert not {t.name for t in people} & {"Wilson", "Nicola Sturgeon"}


@pytest.mark.parametrize(
    ("text", "named"),
    [
        # A title-case headline or a dateline runs on after the name.
        ("US President Trump To Meet Putin", ("us", "president", "Trump")),
        (
            "Ukrainian President Volodymyr Zelensky Monday said",
            ("ukrainian", "president", "Volodymyr Zelensky"),
        ),
        # A ministry belongs to the role.
        ("Israeli Defense Minister Israel Katz said", ("isra", "defense minister", "Israel Katz")),
        # "South Korean" is not "North Korean".
        (
            "South Korean President Yoon Suk Yeol spoke.",
            ("south korean", "president", "Yoon Suk Yeol"),
        ),
    ],
)
def test_names_and_origins_are_read_whole_and_no_further(
    text: str, named: tuple[str, str, str]
) -> None:
    assert _named([text]) == {named}


@pytest.mark.parametrize(
    "text",
    [
        "Slovakia's pro-Russian Prime Minister Robert Fico spoke.",  # not Russia's
        "Former U.S. President Barack Obama criticised it.",  # not the current one
        "According to Reuters, the Russian president said so.",  # no apposition
        "North Korean leader Kim Jong Un spoke.",  # "Un" is also the UN
    ],
)
def test_mentions_that_name_no_one_by_role(text: str) -> None:
    assert _named([text]) == set()


@pytest.mark.parametrize(
    ("question", "names"),
    [
        (
            "What gift did the Russian leader hand the American president?",
            ["Vladimir Putin", "Donald Trump"],
        ),
        ("Where did Ukraine’s leader speak?", ["Volodymyr Zelenskyy"]),
        ("what did america's top diplomat threaten?", ["Marko Rubio"]),
        ("What justification did the Kremlin leader give?", ["Vladimir Putin"]),
        ("Who did the president of Ukraine meet?", ["Volodymyr Zelenskyy"]),
        # What the question asks to identify: the articles may name another holder.
        ("Who is the president of Ukraine?", []),
        ("Which Russian leader met Trump?", []),
        ("What did the spokesman for Ukraine’s border service say?", ["Andriy Demchenko"]),
        ("What did the spokesman for Ukraine’s air force say?", []),  # another office
        ("What did Ukraine's spokesman say?", []),  # nobody speaks for all Ukraine
        ("Who were the Russian leaders before him?", []),  # a class, not a person
        ("What did Putin, the Russian president, say?", []),  # the question names him already
        ("What did the French president say?", []),  # nobody the articles name
        ("What did the new president say?", []),  # no origin
        ("Who was the first president of Ukraine?", []),  # maybe not the one they name
        ("What did the former US president say?", []),
    ],
)
def test_a_description_in_a_question_stands_for_the_one_person_it_fits(
    people: frozenset[Titled], question: str, names: list[str]
) -> None:
    assert [a.name for a in resolve(question, people)] == names


@pytest.mark.parametrize(
    ("question", "read"),
    [
        (
            "What gift did the Russian leader hand the American president in Finland?",
            "What gift did Putin hand Trump in Finland?",
        ),
        ("What did America’s top diplomat threaten?", "What did Rubio threaten?"),
        ("Why did the president of Ukraine refuse?", "Why did Zelenskyy refuse?"),
        ("Who is the president of Ukraine?", "Who is the president of Ukraine?"),  # asked for
        ("What did the French president say?", "What did the French president say?"),
    ],
)
def test_the_reader_reads_the_person_a_description_stands_for(
    people: frozenset[Titled], question: str, read: str
) -> None:
    assert named_in_place(question, resolve(question, people)) == read


def test_a_description_is_named_in_place_in_other_governments_too() -> None:
    people = people_by_role(
        ["British Prime Minister Keir Starmer spoke.", "French President Emmanuel Macron replied."]
    )
    question = "When did the UK prime minister call the French president?"
    assert named_in_place(question, resolve(question, people)) == "When did Starmer call Macron?"


def test_the_korea_a_question_asks_about_is_the_one_the_articles_name() -> None:
    people = people_by_role(["South Korean President Yoon Suk Yeol spoke."])
    assert resolve("What did the North Korean leader say?", people) == ()
    assert [a.name for a in resolve("What did the South Korean leader say?", people)] == [
        "Yoon Suk Yeol"
    ]


def test_a_description_that_fits_two_people_stands_for_neither() -> None:
    people = people_by_role(
        ["US President Barack Obama spoke.", "US President Ronald Reagan spoke."]
    )
    assert resolve("What did the US president say?", people) == ()


def test_a_sentence_naming_the_person_covers_the_description(people: frozenset[Titled]) -> None:
    aliases = resolve("What gift did the Russian leader hand the American president?", people)
    covered = covered_terms(set(tokenize("Putin gives Trump a soccer ball")), aliases)
    assert covered == {"russian", "leader", "american", "presid"}
    assert covered_terms(set(tokenize("Zelensky said")), aliases) == set()


@pytest.mark.parametrize(
    ("question", "holder"),
    [
        ("Who is the president of Ukraine?", ("ukrain", "president")),  # politics
        ("Who is the mayor of Millbrook?", ("millbrook", "mayor")),  # local news
        ("Who is Ukraine's foreign minister?", ("ukrain", "foreign minister")),
        ("What did the president of Ukraine say?", None),  # a description, not asked for
        ("Who won the final?", None),
    ],
)
def test_a_question_may_ask_who_holds_a_role(question: str, holder: tuple[str, str] | None) -> None:
    assert asked_holder(question) == holder


def test_a_holder_of_the_role_elsewhere_is_no_answer() -> None:
    asked = ("ukrain", "president")
    (putin,) = people_by_role(["Russian President Vladimir Putin spoke."])
    (zelensky,) = people_by_role(["Ukrainian President Volodymyr Zelensky spoke."])
    question = "Who is the president of Ukraine?"
    assert holds_elsewhere(asked, putin, question)
    assert not holds_elsewhere(asked, zelensky, question)
    # an origin read otherwise than the question writes it is none other
    (malpass,) = people_by_role(["World Bank President David Malpass spoke."])
    assert not holds_elsewhere(
        ("world", "president"), malpass, "Who is the president of the World Bank?"
    )


@pytest.mark.parametrize(
    ("text", "name", "titled"),
    [
        ("Ukrainian President Zelenskyy questioned Putin's sanity.", "Zelenskyy", True),
        ("Ukrainian President Zelenskyy questioned Putin's sanity.", "Putin", False),
        ("The president of Ukraine, Volodymyr Zelensky, spoke.", "Volodymyr Zelensky", True),
        ("Vice President Kamala Harris spoke on Monday.", "Kamala Harris", False),
        ("The vote handed Mayor Denise Harrow a defeat.", "Denise Harrow", True),
        ("Denise Harrow, the town's mayor, said so.", "Denise Harrow", True),
        ("Denise Harrow was elected mayor in 2019.", "Denise Harrow", True),
        ("Denise Harrow said the mayor was wrong.", "Denise Harrow", False),
        ("Tom Abernathy, the mayor's chief of staff, resigned.", "Tom Abernathy", False),
        ("Tom Abernathy, who defeated the mayor, resigned.", "Tom Abernathy", False),
    ],
)
def test_a_name_is_titled_as_the_role_before_it_after_it_or_by_a_verb(
    text: str, name: str, titled: bool
) -> None:
    asked = ("ukrain", "president") if "resident" in text else ("millbrook", "mayor")
    start = text.index(name)
    assert titled_as(asked, text, start, start + len(name)) is titled
