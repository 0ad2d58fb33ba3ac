"""The shipped span reader, through its wrapper: real model, no mocks.

The sentences are hand-written (elections, sport, business, courts, weather), not from SQuAD,
which the model was trained on; each states more than one value of the asked kind.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from evals.train_reader import MAX_SHIPPED_BYTES
from rag.reader import MODEL_DIR, ReaderModelError, file_sha256
from rag.spans import MAX_SPAN_PIECES, RECORD_NAME, SpanReader, best_span


@pytest.fixture(scope="module")
def spans() -> SpanReader:
    return SpanReader()


@pytest.fixture(scope="module")
def record() -> dict:
    return json.loads((MODEL_DIR / RECORD_NAME).read_text(encoding="utf-8"))


def test_the_shipped_model_is_the_recorded_one(record: dict) -> None:
    path = MODEL_DIR / record["model_file"]
    assert file_sha256(path) == record["sha256"]
    assert path.stat().st_size == record["bytes"] <= MAX_SHIPPED_BYTES


def test_the_record_says_how_it_was_made_and_measured(record: dict) -> None:
    assert record["command"].startswith("python -m evals.train_spans")
    assert len(record["git_commit"]) == 40  # the training code it was run with
    assert "SQuAD v1.1 train" in record["data"]["source"]
    assert record["data"]["held_out_articles"]
    held_out = record["held_out"]["int8" if record["int8_kept"] else "fp32"]
    # Measured on SQuAD train articles kept out of training: most answers found exactly.
    assert held_out["exact_match"] > 0.5
    assert held_out["negatives_read_as_none"] > 0.5


@pytest.mark.parametrize(
    ("question", "sentence", "title", "answer"),
    [
        (
            "When will the recount result be certified?",
            "The recount ended late Tuesday and the result will be certified on Friday.",
            "Ward 4 recount confirms Lindgren",
            "Friday",
        ),
        (
            "Who won the final?",
            "Ines Castillo won the final on Sunday, a week after Marta Oyelaran won the semi.",
            "Castillo takes the title",
            "Ines Castillo",
        ),
        (
            "How much did Northwind pay for the startup?",
            "Northwind, which had $4 billion in cash, paid $2.1 billion for the startup.",
            "Northwind buys a startup",
            "$2.1 billion",
        ),
        (
            "How many jurors voted to convict?",
            "After 12 days of deliberation, 10 jurors voted to convict and two to acquit.",
            "Split jury convicts",
            "10",
        ),
        (
            "How hot did it get in Seville?",
            "Temperatures in Seville hit 45C on Tuesday, while Madrid stayed at 39C.",
            "Heat wave in Spain",
            "45C",
        ),
    ],
)
def test_the_answer_is_the_value_that_answers(
    spans: SpanReader, question: str, sentence: str, title: str, answer: str
) -> None:
    (found,) = spans.read(question, [sentence], [title])
    assert found.margin > 0
    assert answer in found.text and len(found.text) <= len(answer) + 12
    assert sentence[found.start : found.end] == found.text


@pytest.mark.parametrize(
    ("question", "sentence", "title"),
    [
        (
            "When will the recount result be certified?",
            "Turnout in Ward 4 was 41 percent, up from 36 percent in 2019.",
            "Ward 4 recount confirms Lindgren",
        ),
        (
            "Who won the final?",
            "Tickets for the final sold out within an hour, the club said.",
            "Castillo takes the title",
        ),
    ],
)
def test_a_sentence_without_the_answer_reads_as_none(
    spans: SpanReader, question: str, sentence: str, title: str
) -> None:
    (found,) = spans.read(question, [sentence], [title])
    assert found.margin < 0


def test_each_sentence_is_read_on_its_own(spans: SpanReader) -> None:
    question = "Who won the final?"
    sentences = [
        "Ines Castillo won the final on Sunday.",
        "Tickets for the final sold out within an hour.",
    ]
    together = SpanReader(threads=2).read(question, sentences, ["Final", "Final"])
    alone = [spans.read(question, [s], ["Final"])[0] for s in sentences]
    assert together == alone
    assert spans.read(question, [], []) == []


def test_the_best_span_is_within_the_sentence_and_not_too_long() -> None:
    starts = np.array([1.0, 9.0, 0.0, 3.0, 0.0, 0.0])
    ends = np.array([1.0, 0.0, 0.0, 4.0, 9.0, 0.0])
    # Word pieces 2..4 are the sentence: 1 and 5 are outside it, whatever their logits.
    (start, end), score, none = best_span(starts, ends, 2, 5)
    assert (start, end) == (3, 4) and score == 12.0 and none == 2.0
    long = np.zeros(MAX_SPAN_PIECES + 10)
    long[1], long[-1] = 5.0, 5.0
    (start, end), _, _ = best_span(long, long, 1, len(long))
    assert end - start < MAX_SPAN_PIECES


def test_a_missing_or_different_model_is_refused(tmp_path: Path, record: dict) -> None:
    with pytest.raises(ReaderModelError, match="record .* is missing"):
        SpanReader(tmp_path).read("Who won?", ["Ana won."], [""])
    shutil.copy(MODEL_DIR / RECORD_NAME, tmp_path / RECORD_NAME)
    (tmp_path / record["model_file"]).write_bytes(b"not the model")
    with pytest.raises(ReaderModelError, match="different builds"):
        SpanReader(tmp_path).read("Who won?", ["Ana won."], [""])
