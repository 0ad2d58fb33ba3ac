"""How the reader's training questions are drawn, and what a teacher gives each pair
(evals/train_reader.py)."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from evals.reader_data import Article, Pair
from evals.train_reader import (
    TrainSettings,
    distilled_from,
    encode_pairs,
    is_reworded,
    pair_contexts,
    sample_reworded,
    teacher_logits,
)
from rag.lexical import LexicalIndex
from rag.reader import MODEL_DIR, Reader

# Two domains: a city's transport and marine biology.
SENTENCES = {
    "transport": (
        "The city's bus fleet runs on compressed natural gas.",
        "A new tram line opened in the northern suburbs in 2019.",
    ),
    "ctenophora": (
        "Most lobates are quite passive when moving through the water.",
        "Ctenophores are found in every ocean.",
    ),
}
ARTICLES = {
    name: Article(name, name, sentences, (0, 1), LexicalIndex.build(sentences))
    for name, sentences in SENTENCES.items()
}


def _row(article: str, question: str, answer: str) -> dict[str, Any]:
    return {"question": question, "answers": [answer], "sources": [article]}


LITERAL = [
    _row("transport", "What does the city's bus fleet run on?", "compressed natural gas"),
    _row("transport", "When did the new tram line open in the northern suburbs?", "2019"),
    _row("ctenophora", "How are most lobates when moving through the water?", "quite passive"),
]
REWORDED = [
    _row(
        "transport", "Which energy source do the municipal coaches use?", "compressed natural gas"
    ),
    _row("ctenophora", "How do lobates behave as they swim?", "quite passive"),
]


def test_a_question_worded_away_from_its_answer_sentence_is_reworded() -> None:
    assert all(is_reworded(r, ARTICLES[r["sources"][0]]) for r in REWORDED)
    assert not any(is_reworded(r, ARTICLES[r["sources"][0]]) for r in LITERAL)
    unanswered = _row("ctenophora", "Which energy source do comb jellies use?", "sunlight")
    assert not is_reworded(unanswered, ARTICLES["ctenophora"])


def test_the_draw_takes_its_share_of_reworded_questions_and_the_rest_from_the_others() -> None:
    rows = LITERAL + REWORDED
    for seed in range(5):
        half = sample_reworded(
            rows,
            {id(r) for r in REWORDED},
            TrainSettings(questions=2, reworded_share=0.5),
            random.Random(seed),
        )
        assert sum(r in REWORDED for r in half) == 1
        assert len({id(r) for r in half}) == 2
    # More asked for than there are: all of them, and the others fill the draw.
    every = sample_reworded(
        rows,
        {id(r) for r in REWORDED},
        TrainSettings(questions=4, reworded_share=1.0),
        random.Random(0),
    )
    assert sum(r in REWORDED for r in every) == 2 and len({id(r) for r in every}) == 4


def test_the_teacher_gives_each_pair_the_logit_the_shipped_reader_gives_it(tmp_path: Path) -> None:
    reader = Reader()
    settings = TrainSettings(
        context=reader.context, teacher=str(MODEL_DIR), **reader.record["input_format"]
    )
    pairs = [
        Pair(
            "What does the city's bus fleet run on?",
            SENTENCES["transport"][0],
            "Transport in the city",
            "",
            1,
            "positive",
            0,
        ),
        Pair(
            "Where are ctenophores found?",
            SENTENCES["ctenophora"][0],
            "Ctenophora",
            "",
            0,
            "same_paragraph",
            1,
        ),
    ]
    contexts = pair_contexts(pairs, settings.context, settings.seed)
    encoded = encode_pairs(pairs, contexts, settings.input_format())
    taught = teacher_logits(settings, encoded, tmp_path, threads=1)
    for pair, context, logit in zip(pairs, contexts, taught, strict=True):
        assert logit == pytest.approx(reader.logits(pair.question, [pair.sentence], [context])[0])
    assert taught[0] > 0 > taught[1]
    # Cached by the teacher's file, the pairs' data and context: read back, not recomputed.
    (cache,) = tmp_path.glob("teacher-*.npy")
    np.save(cache, taught + 1.0)
    assert np.array_equal(teacher_logits(settings, encoded, tmp_path, threads=1), taught + 1.0)
    record = distilled_from(settings)
    assert record is not None and record["sha256"] == reader.record["sha256"]
    assert distilled_from(TrainSettings()) is None
