"""The reader's training negatives: made from real spaCy parses of questions from two domains."""

from __future__ import annotations

import random
from typing import Any

import pytest

from evals.reader_data import NOUN_POOL, PairBuilder, Recipe, parse_questions, spacy_pipeline


@pytest.fixture(scope="module")
def nlp() -> Any:
    return spacy_pipeline()


def builder() -> PairBuilder:
    return PairBuilder(Recipe(), {}, random.Random(0))


@pytest.mark.parametrize(
    ("question", "sentence", "swapped"),
    [
        (  # biology
            "How does the phagocyte kill the pathogen?",
            "The phagocyte kills the pathogen with digestive enzymes.",
            "How does the pathogen kill the phagocyte?",
        ),
        (  # sport
            "Which team did the striker leave for the club?",
            "The striker left the team for the club in June.",
            None,  # three nouns shared: any two may swap, so only the kind of change is fixed
        ),
    ],
)
def test_a_role_swap_puts_two_shared_things_in_each_others_place(
    nlp: Any, question: str, sentence: str, swapped: str | None
) -> None:
    (parse,) = parse_questions(nlp, [question])
    made = builder()._role_swap(question, sentence, parse)
    assert made is not None and made != question
    assert sorted(made.rstrip("?").split()) == sorted(question.rstrip("?").split())
    if swapped is not None:
        assert made == swapped


def test_a_noun_swap_asks_about_a_noun_the_sentence_does_not_use(nlp: Any) -> None:
    question = "How many households lived in Jacksonville in 2010?"
    sentence = "In 2010 there were 366,273 households in Jacksonville."
    (parse,) = parse_questions(nlp, [question])
    made = builder()._noun_swap(question, sentence, parse, {NOUN_POOL: ["households", "people"]})
    assert made == "How many people lived in Jacksonville in 2010?"


def test_no_swap_without_anything_shared(nlp: Any) -> None:
    question = "What did the court rule on the appeal?"
    sentence = "Rain is expected across the north on Sunday."
    (parse,) = parse_questions(nlp, [question])
    assert builder()._noun_swap(question, sentence, parse, {NOUN_POOL: ["weather"]}) is None
    assert builder()._role_swap(question, sentence, parse) is None
