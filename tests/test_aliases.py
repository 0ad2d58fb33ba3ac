"""People the articles name by role, so a question may use the role: pure text, no store."""

from __future__ import annotations

import pytest

from rag.aliases import covered_terms, resolve, titled
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
def people() -> frozenset:
    return titled(ARTICLE_LINES)


def test_the_articles_name_people_with_an_origin_and_a_role(people: frozenset) -> None:
    named = {(t.origin, t.role, t.name) for t in people}
    assert ("russian", "president", "Vladimir Putin") in named
    assert ("us", "president", "Donald Trump") in named
    assert ("us", "secretary of state", "Marko Rubio") in named
    assert ("ukrainian", "president", "Volodymyr Zelenskyy") in named  # possessive left off
    assert ("kremlin", "spokesman", "Dmitry Peskov") not in named  # "Kremlin" is Russia's
    assert ("russia", "spokesman", "Dmitry Peskov") in named
    assert ("ukrain", "spokesman", "Andriy Demchenko") in named  # "Name, a role for Origin"


def test_a_title_without_an_origin_names_no_one(people: frozenset) -> None:
    assert not {t.name for t in people} & {"Wilson", "Nicola Sturgeon"}


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
        ("Who is the president of Ukraine?", ["Volodymyr Zelenskyy"]),
        ("What did the spokesman for Ukraine’s border service say?", ["Andriy Demchenko"]),
        ("Who were the Russian leaders before him?", []),  # a class, not a person
        ("What did Putin, the Russian president, say?", []),  # the question names him already
        ("What did the French president say?", []),  # nobody the articles name
        ("What did the new president say?", []),  # no origin
        ("Who was the first president of Ukraine?", []),  # maybe not the one they name
    ],
)
def test_a_description_in_a_question_stands_for_the_one_person_it_fits(
    people: frozenset, question: str, names: list[str]
) -> None:
    assert [a.name for a in resolve(question, people)] == names


def test_a_description_that_fits_two_people_stands_for_neither() -> None:
    people = titled(["US President Barack Obama spoke.", "US President Ronald Reagan spoke."])
    assert resolve("What did the US president say?", people) == ()


def test_a_sentence_naming_the_person_covers_the_description(people: frozenset) -> None:
    aliases = resolve("What gift did the Russian leader hand the American president?", people)
    covered = covered_terms(set(tokenize("Putin gives Trump a soccer ball")), aliases)
    assert covered == {"russian", "leader", "american", "presid"}
    assert covered_terms(set(tokenize("Zelensky said")), aliases) == set()
