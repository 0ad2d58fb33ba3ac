"""The shipped reader model, through its wrapper: real model, no mocks.

The examples are hand-written (sports, business, local news), not from SQuAD, which the model
was trained and measured on.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from rag.config import PROJECT_ROOT
from rag.reader import (
    CONTEXT_MODES,
    MODEL_DIR,
    RECORD_NAME,
    Reader,
    ReaderModelError,
    file_sha256,
)

MAX_SHIPPED_BYTES = 60 * 1024 * 1024

# (question, a sentence that answers it, a sentence on the same topic that does not)
ANSWERS = [
    (
        "Who scored the winning goal in the cup final?",
        "Maria Lopez scored the winning goal in the 89th minute of the cup final.",
        "The cup final was played in front of 40,000 fans at the national stadium.",
    ),
    (
        "How much did Northwind pay for the startup?",
        "Northwind paid $2.1 billion in cash for the startup, the company said on Tuesday.",
        "The startup was founded in 2015 by two former engineers from Seattle.",
    ),
    (
        "When will the new battery factory open?",
        "The carmaker said the new battery factory will open in March 2027.",
        "The new battery factory will employ about 1,200 people, the carmaker said.",
    ),
    (
        "Why was the marathon postponed?",
        "Organisers postponed the marathon because of a heat warning for Sunday.",
        "Last year's marathon drew a record 30,000 runners through the city centre.",
    ),
    (
        "How many seats did the Green Party win?",
        "The Green Party won 14 seats, its best result since 1998.",
        "The Green Party campaigned on cheaper public transport and new bike lanes.",
    ),
]

# (question, the same question about another entity, the sentence that answers the first)
ENTITY_SWAPS = [
    (
        "How much did Northwind pay for the startup?",
        "How much did Contoso pay for the startup?",
        "Northwind paid $2.1 billion in cash for the startup, the company said on Tuesday.",
    ),
    (
        "Who scored the winning goal for Arsenal?",
        "Who scored the winning goal for Chelsea?",
        "Bukayo Saka scored the winning goal for Arsenal in the second half.",
    ),
    (
        "What did the mayor of Leeds announce on Monday?",
        "What did the mayor of Bristol announce on Monday?",
        "The mayor of Leeds announced a free bus pass for students on Monday.",
    ),
]


@pytest.fixture(scope="module")
def reader() -> Reader:
    return Reader()


@pytest.fixture(scope="module")
def record() -> dict:
    return json.loads((MODEL_DIR / RECORD_NAME).read_text(encoding="utf-8"))


def test_shipped_file_is_the_recorded_one(record: dict) -> None:
    path = MODEL_DIR / record["model_file"]
    assert file_sha256(path) == record["sha256"]
    assert path.stat().st_size <= MAX_SHIPPED_BYTES


@pytest.mark.parametrize(("question", "answer", "other"), ANSWERS)
def test_answering_sentence_scores_higher(
    reader: Reader, question: str, answer: str, other: str
) -> None:
    answering, not_answering = reader.score(question, [answer, other])
    assert answering > not_answering


@pytest.mark.parametrize(("question", "swapped", "sentence"), ENTITY_SWAPS)
def test_entity_swapped_question_scores_lower(
    reader: Reader, question: str, swapped: str, sentence: str
) -> None:
    (original,) = reader.score(question, [sentence])
    (edited,) = reader.score(swapped, [sentence])
    assert edited < original


def test_scores_are_probabilities_in_input_order_and_deterministic(reader: Reader) -> None:
    question, answer, other = ANSWERS[1]
    sentences = [answer, other, ANSWERS[0][1]]
    forward = reader.score(question, sentences)
    backward = reader.score(question, sentences[::-1])
    assert forward.dtype == np.float32 and forward.shape == (3,)
    assert np.all((forward >= 0) & (forward <= 1))
    np.testing.assert_array_equal(forward, backward[::-1])
    np.testing.assert_array_equal(forward, reader.score(question, sentences))
    # Each pair is read alone: a sentence's score does not depend on the other candidates
    # (in a batch, the int8 model's shared activation scale moved it).
    single = np.array([reader.score(question, [s])[0] for s in sentences])
    np.testing.assert_array_equal(forward, single)
    # On two workers, as the pipeline reads, and on one: the same scores in the same order.
    np.testing.assert_array_equal(forward, Reader(threads=2).score(question, sentences))


def test_empty_input_gives_an_empty_array(reader: Reader) -> None:
    scores = reader.score("Who won?", [])
    assert scores.shape == (0,) and scores.dtype == np.float32


def test_one_context_per_sentence(reader: Reader) -> None:
    with pytest.raises(ValueError, match="one context per sentence"):
        reader.score("Who won?", ["Ana won.", "Bo lost."], contexts=["Tennis"])


def test_threshold_is_recorded(reader: Reader) -> None:
    assert 0.0 < reader.threshold(0.10) < 1.0
    with pytest.raises(ValueError, match="choose one of"):
        reader.threshold(0.33)


def test_missing_model_is_reported(tmp_path: Path, record: dict) -> None:
    with pytest.raises(ReaderModelError, match="record .* is missing"):
        Reader(tmp_path).warm_up()
    shutil.copy(MODEL_DIR / RECORD_NAME, tmp_path / RECORD_NAME)
    with pytest.raises(ReaderModelError, match="is missing: reinstall"):
        Reader(tmp_path).warm_up()


def test_a_different_model_file_is_refused(tmp_path: Path, record: dict) -> None:
    shutil.copy(MODEL_DIR / RECORD_NAME, tmp_path / RECORD_NAME)
    (tmp_path / record["model_file"]).write_bytes(b"not the model")
    with pytest.raises(ReaderModelError, match="different builds"):
        Reader(tmp_path).warm_up()


def test_wrapper_imports_neither_torch_nor_transformers() -> None:
    code = (
        "import sys; from rag.reader import Reader; Reader().warm_up(); "
        "print(sorted(m for m in ('torch', 'transformers', 'sentence_transformers') "
        "if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
        cwd=PROJECT_ROOT,
    )
    assert result.stdout.strip() == "[]"


def test_the_context_must_be_one_the_model_knows(tmp_path: Path, record: dict) -> None:
    # A training run's own mode, "mixed", names no context to answer with.
    (tmp_path / RECORD_NAME).write_text(json.dumps({**record, "context": "mixed"}))
    (tmp_path / record["model_file"]).symlink_to(MODEL_DIR / record["model_file"])
    with pytest.raises(ReaderModelError, match="--inference-context"):
        _ = Reader(tmp_path).context
    assert Reader().context in CONTEXT_MODES
