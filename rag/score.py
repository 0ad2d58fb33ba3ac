"""How likely a retrieved sentence is to answer its question, in two steps.

1. *Evidence*: a logistic regression over what retrieval gathered for a passage (similarity
   to the question, term coverage, whether it holds the kind of thing asked for...). Its
   weights are data, in ``rag/models/relevance.json``, with the record of what they were
   fitted on (``python -m evals.fit_relevance``). It orders all candidates cheaply.
2. *The reader* (:mod:`rag.reader`): a cross-encoder that reads the question and a sentence
   together. It scores the best ``reader_candidates`` by evidence; its probability is the
   relevance of those, and the others are no answer.

Relevance comparisons between sentences are margins in log-odds (:func:`log_odds`);
thresholds are probabilities (:func:`relevance`). Nothing here was fitted on a set that
reports a number.
"""

from __future__ import annotations

import dataclasses
import functools
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from rag.config import Settings
from rag.reader import Reader, context_text
from rag.types import Passage

MODEL_FILE = Path(__file__).resolve().parent / "models" / "relevance.json"


@dataclass(frozen=True)
class RelevanceModel:
    """Feature names (attributes of :class:`~rag.types.Passage`), weights and bias of the
    evidence; and the weights that combine the reader's logit with it."""

    features: tuple[str, ...]
    weights: np.ndarray
    bias: float
    reader_weight: float
    evidence_weight: float
    combined_bias: float

    @classmethod
    def load(cls, path: Path = MODEL_FILE) -> RelevanceModel:
        data = json.loads(path.read_text(encoding="utf-8"))
        combination = data["combination"]
        return cls(
            tuple(data["features"]),
            np.asarray(data["weights"], float),
            data["bias"],
            combination["reader_logit"],
            combination["evidence"],
            combination["bias"],
        )

    def features_of(self, passage: Passage) -> np.ndarray:
        return np.array([float(getattr(passage, name)) for name in self.features])

    def log_odds(self, passage: Passage) -> float:
        return float(self.features_of(passage) @ self.weights + self.bias)


@functools.cache
def model() -> RelevanceModel:
    """The shipped relevance model, loaded once."""
    return RelevanceModel.load()


def evidence(passage: Passage) -> float:
    """The evidence model's log-odds that the sentence answers (step 1)."""
    return model().log_odds(passage)


def log_odds(passage: Passage) -> float:
    """The relevance before the logistic, comparable by differences: for a passage the
    reader read, its logit and the evidence combined; else the evidence alone."""
    if passage.reader_logit is None:
        return evidence(passage)
    if passage.reader_logit <= NOT_READ:
        return NOT_READ
    m = model()
    return (
        m.reader_weight * passage.reader_logit
        + m.evidence_weight * evidence(passage)
        + m.combined_bias
    )


def relevance(passage: Passage) -> float:
    """Estimated probability that the sentence answers its question (0 to 1)."""
    return float(1.0 / (1.0 + np.exp(-np.clip(log_odds(passage), -50.0, 50.0))))


def rank(
    question: str,
    passages: Sequence[Passage],
    reader: Reader | None = None,
    candidates: int = Settings.reader_candidates,
) -> list[Passage]:
    """Most relevant first; ties in article order, so answers are deterministic. With a
    reader, the best ``candidates`` distinct texts by evidence are read with the question
    and ordered by its logit; the rest follow, marked as read and found no answer.

    A text that several sources repeat word for word is read once, beside the title of its
    most evident source, and its logit shared: copies of a wire story or of a web page do
    not take the places of other sentences (their titles would move the score a little, not
    what the sentence says)."""
    by_evidence = sorted(passages, key=lambda p: (-evidence(p), p.doc.doc_id, p.sentence.start))
    if reader is None:
        return by_evidence
    # Each distinct text once, with the context of its most evident copy.
    first: dict[str, Passage] = {}
    for p in by_evidence:
        first.setdefault(p.sentence.text, p)
    distinct = list(first)[:candidates]
    contexts = _contexts([first[text] for text in distinct], reader)
    logits = reader.logits(question, distinct, contexts)
    logit_of = {text: float(x) for text, x in zip(distinct, logits, strict=True)}
    read = [
        dataclasses.replace(p, reader_logit=logit_of[p.sentence.text])
        for p in by_evidence
        if p.sentence.text in logit_of
    ]
    read.sort(key=lambda p: (-log_odds(p), p.doc.doc_id, p.sentence.start))
    rest = [
        dataclasses.replace(p, reader_logit=NOT_READ)
        for p in by_evidence
        if p.sentence.text not in logit_of
    ]
    return read + rest


# The logit of a candidate the reader was not given: below any it gives.
NOT_READ = -50.0


def was_read(passage: Passage) -> bool:
    """Whether the reader read the passage (one of its best candidates by evidence)."""
    return passage.reader_logit is not None and passage.reader_logit > NOT_READ


def _contexts(passages: Sequence[Passage], reader: Reader) -> list[str] | None:
    """What the reader reads beside each sentence, as its record says: nothing, or its
    article's title and/or the sentence before it (:func:`rag.reader.context_text`)."""
    if reader.context == "none":
        return None
    return [context_text(reader.context, title_context(p), p.before) for p in passages]


def title_context(passage: Passage) -> str:
    """The article's title as the reader's context; none beside the sentence it is, where
    ingest, finding no title, took the article's first sentence (it would say it twice). An
    id that is also the title stays ("Construction.txt" titled "Construction")."""
    title = passage.doc.title
    return "" if title == passage.sentence.text else title
