"""The reader's training pairs (evals/reader_data.py), built with the real spaCy pipeline."""

from __future__ import annotations

import random
import re
from typing import Any

import pytest

from evals.reader_data import (
    ANTONYMS,
    Article,
    Pair,
    PairBuilder,
    QuestionParse,
    Recipe,
    Word,
    article_words,
    parse_questions,
    spacy_pipeline,
    wordnet_antonym_pairs,
    wordnet_synonyms,
)
from rag.lexical import LexicalIndex


@pytest.fixture(scope="module")
def nlp() -> Any:
    return spacy_pipeline()


def _article(doc_id: str, paragraphs: list[list[str]]) -> Article:
    sentences = tuple(s for p in paragraphs for s in p)
    numbers = tuple(i for i, p in enumerate(paragraphs) for _ in p)
    return Article(doc_id, doc_id, sentences, numbers, LexicalIndex.build(sentences))


def _words(text: str) -> set[str]:
    return set(re.findall(r"[a-z]+", text.lower()))


# Two domains: marine biology (as SQuAD 2.0's ctenophore questions) and a city's transport.
ARTICLES = {
    "ctenophora": (
        [
            [
                "Most lobates are quite passive when moving through the water.",
                "The cilia on their comb rows beat in waves for propulsion.",
                "Some species of rotifers live among the plankton.",
            ],
            ["Ctenophores are found in every ocean."],
        ],
        "How are most lobates when moving through the water?",
        ["quite passive"],
    ),
    "transport": (
        [
            [
                "The city's bus fleet runs on compressed natural gas.",
                "A new tram line opened in the northern suburbs in 2019.",
                "Commuters praised the cheaper monthly tickets.",
            ],
            ["The airport lies to the southwest of the city."],
        ],
        "What fuel powers the city's bus fleet?",
        ["compressed natural gas"],
    ),
}


def _made(
    nlp: Any, name: str, kind: str, **rates: float
) -> tuple[dict[str, list[tuple[Word, ...]]], QuestionParse, list[Pair]]:
    """The pairs of ``kind`` that eight seeds make for the question of ``ARTICLES[name]``
    with these rates (and no other-sentence negatives), beside the article's words and the
    question's parse."""
    paragraphs, question, answers = ARTICLES[name]
    article = _article(name, paragraphs)
    words = article_words(nlp, [article])
    (parse,) = parse_questions(nlp, [question])
    recipe = Recipe(same_paragraph=0, bm25_other_paragraph=0, **rates)
    made = [
        p
        for seed in range(8)
        for p in PairBuilder(recipe, {}, random.Random(seed), words).pairs(
            0, question, answers, article, parse
        )
        if p.kind == kind
    ]
    return words, parse, made


@pytest.mark.parametrize("name", sorted(ARTICLES))
def test_a_word_the_sentence_says_is_swapped_for_one_of_its_paragraph(nlp: Any, name: str) -> None:
    paragraphs, question, _ = ARTICLES[name]
    words, _, swapped = _made(nlp, name, "word_swap_question", word_swap_question=1.0)
    assert swapped, "a question whose words the sentence says gets a swapped negative"
    answer = paragraphs[0][0]
    paragraph_words = {w.text.lower() for s in words[name][1:3] for w in s}
    for pair in swapped:
        assert pair.label == 0 and pair.sentence == answer
        (old,) = _words(question) - _words(pair.question)
        (new,) = _words(pair.question) - _words(question)
        assert old in _words(answer), "the swapped word is one the sentence says"
        assert new not in _words(answer), "and the new one is not"
        assert new in paragraph_words, "from the same paragraph"


@pytest.mark.parametrize("name", sorted(ARTICLES))
def test_a_word_the_sentence_says_is_put_another_way(nlp: Any, name: str) -> None:
    paragraphs, question, _ = ARTICLES[name]
    _, parse, reworded = _made(nlp, name, "synonym_question", synonym_question=1.0)
    assert reworded, "a question whose words the sentence says gets a reworded positive"
    answer = paragraphs[0][0]
    lemmas = {w.text.lower(): w.lemma for w in parse.words}
    synonyms = wordnet_synonyms()
    for pair in reworded:
        assert pair.label == 1 and pair.sentence == answer
        (old,) = _words(question) - _words(pair.question)
        (new,) = _words(pair.question) - _words(question)
        assert old in _words(answer) and new not in _words(answer)
        # a synonym of the replaced word, inflected as it was ("moving": "traveling")
        offered = {w for table in synonyms.values() for w in table.get(lemmas[old], ())}
        assert any(new.startswith(w[:-1]) for w in offered), (old, new, offered)
        assert old.endswith("ing") == new.endswith("ing")


def test_wordnet_synonyms_are_of_the_first_sense_without_stop_words() -> None:
    synonyms = wordnet_synonyms()
    assert "purchase" in synonyms["verb"]["buy"] and "doctor" in synonyms["noun"]["physician"]
    assert "big" in synonyms["adj"]["large"]
    # "begin": not "get" (a stop word); "year": not "yr"; "bank" is the slope first
    assert "get" not in synonyms["verb"]["begin"] and "start" in synonyms["verb"]["begin"]
    assert "year" not in synonyms["noun"] and "bank" not in synonyms["noun"]


def test_without_word_swaps_the_pairs_are_the_shipped_recipes(nlp: Any) -> None:
    """The random draws of a recipe without word swaps are those it always made."""
    paragraphs, question, answers = ARTICLES["transport"]
    article = _article("transport", paragraphs)
    (parse,) = parse_questions(nlp, [question])
    words = article_words(nlp, [article])
    plain = PairBuilder(Recipe(), {}, random.Random(4)).pairs(0, question, answers, article, parse)
    with_words = PairBuilder(Recipe(), {}, random.Random(4), words).pairs(
        0, question, answers, article, parse
    )
    assert plain == with_words
    assert not {"word_swap_question", "synonym_question"} & {p.kind for p in plain}
    assert ANTONYMS["end"] == ("start",)  # one antonym a word, the last pair's


def test_wordnet_antonyms_leave_out_stop_words_and_names(nlp: Any) -> None:
    pairs = set(wordnet_antonym_pairs())
    assert ("fall", "rise") in pairs and ("buy", "sell") in pairs
    assert ("off", "on") not in pairs and ("down", "up") not in pairs
    article = _article("delhi", [["New Delhi became the capital of India in 1931."]])
    question = "When did New Delhi become the capital of India?"
    (parse,) = parse_questions(nlp, [question])
    recipe = Recipe(same_paragraph=0, bm25_other_paragraph=0, wordnet_antonyms=True)
    made = PairBuilder(recipe, {}, random.Random(0)).pairs(0, question, ["1931"], article, parse)
    assert not any("Old Delhi" in p.question for p in made)
