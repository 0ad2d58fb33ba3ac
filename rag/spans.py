"""The span reader: which words of a sentence answer a question, or that none do.

all-MiniLM-L6-v2 fine-tuned on SQuAD v1.1 train (``evals/train_spans.py``) to point at the
answer's first and last word piece in ``[CLS] question [SEP] sentence [SEP] title [SEP]``, or
at ``[CLS]`` when the sentence holds no answer. Shipped in ``rag/models/`` with its record
``spans.json`` (data, settings, held-out measurements, sha256), loaded and checked as the
sentence reader is (:func:`rag.reader.load`).

Conflict notes use it to tell which of a sentence's values of the asked kind answers: "The
recount ended late Tuesday and will be certified on Friday" answers "When will the result be
certified?" with "Friday" only.

What it does not do well (``spans.json`` has its held-out measurements): say that a sentence
holds no answer (it misses about one in four of SQuAD's "no answer" sentences), and tell who
did what to whom ("Oyelaran lost the final to Castillo" reads "Oyelaran" for "Who won the final?").

Example::

    spans = SpanReader()
    sentence = "The recount ended on Tuesday and will be certified on Friday."
    (found,) = spans.read("When will it be certified?", [sentence], ["Recount ends"])
    found.text                           # "Friday"
    found.margin > 0                     # True: the span outscores "no answer here"
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from rag.reader import MODEL_DIR, encode_pieces, load, run_each, sentence_bounds

RECORD_NAME = "spans.json"
# The longest answer read, in word pieces (SQuAD's answers are short; a value is shorter).
MAX_SPAN_PIECES = 24


@dataclass(frozen=True)
class AnswerSpan:
    """The answer the span reader reads in one sentence: its characters in the sentence
    (``start == end`` for an empty sentence), the span's score, and the score of "no answer
    here" (logits, comparable within one sentence)."""

    text: str
    start: int
    end: int
    score: float
    none_score: float

    @property
    def margin(self) -> float:
        """How much more likely (in logits) the model holds the span than "no answer here":
        above 0, it holds that the sentence answers."""
        return self.score - self.none_score


def best_span(
    starts: np.ndarray, ends: np.ndarray, first: int, last: int
) -> tuple[tuple[int, int], float, float]:
    """The best ``(start, end)`` word pieces within ``[first, last)`` (at most
    ``MAX_SPAN_PIECES`` long), its score, and the score of ``[CLS]`` (no answer)."""
    none = float(starts[0] + ends[0])
    if last <= first:
        return (0, 0), float("-inf"), none
    s = np.asarray(starts[first:last], dtype=np.float64)
    e = np.asarray(ends[first:last], dtype=np.float64)
    grid = s[:, None] + e[None, :]
    n = len(s)
    allowed = np.triu(np.ones((n, n), dtype=bool)) & ~np.triu(
        np.ones((n, n), dtype=bool), MAX_SPAN_PIECES
    )
    grid[~allowed] = -np.inf
    i, j = np.unravel_index(int(np.argmax(grid)), grid.shape)
    return (first + int(i), first + int(j)), float(grid[i, j]), none


class SpanReader:
    """Reads the answer span of each sentence for a question, with the shipped model."""

    def __init__(self, model_dir: Path = MODEL_DIR, threads: int = 1) -> None:
        self.model_dir = Path(model_dir).resolve()
        self.threads = threads

    def read(
        self, question: str, sentences: Sequence[str], contexts: Sequence[str]
    ) -> list[AnswerSpan]:
        """One :class:`AnswerSpan` per sentence, in input order; ``contexts`` holds each
        sentence's article title."""
        if len(contexts) != len(sentences):
            raise ValueError(
                f"got {len(contexts)} contexts for {len(sentences)} sentences: give one each"
            )
        model = load(self.model_dir, RECORD_NAME)
        rows, pieces = encode_pieces(model.fmt, question, sentences, contexts)
        found = []
        outputs = run_each(model.session, rows, self.threads)
        for sentence, words, (ids, segments), (starts, ends) in zip(
            sentences, pieces, rows, outputs, strict=True
        ):
            first, last = sentence_bounds(ids, segments)
            (a, b), score, none = best_span(starts[0], ends[0], first, last)
            if a == 0:  # an empty sentence: no word piece to point at
                found.append(AnswerSpan("", 0, 0, score, none))
                continue
            # A sentence longer than the input's room is read up to the cut (and a value
            # past it is not within its answer): rare in news, whose sentences run to about
            # 40 word pieces against the 77 or more left beside a question.
            start, end = words.offsets[a - first][0], words.offsets[b - first][1]
            found.append(AnswerSpan(sentence[start:end], start, end, score, none))
        return found

    def warm_up(self) -> None:
        """Load and check the model now rather than on the first question that needs it."""
        self.read("warm up", ["warm up"], [""])
