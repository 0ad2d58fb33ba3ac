"""How likely a retrieved sentence is to answer its question: the relevance model.

A logistic regression over the evidence retrieval gathered for a passage (similarity to the
question, term coverage, whether it holds the kind of thing asked for...). Its weights are
data, in ``rag/models/relevance.json``, with the record of what they were fitted on
(``python -m evals.fit_relevance``); nothing here was fitted on a set that reports a number.

Relevance comparisons between sentences are margins in log-odds (:func:`log_odds`), where
the model is linear; thresholds are probabilities (:func:`relevance`).
"""

from __future__ import annotations

import functools
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from rag.types import Passage

MODEL_FILE = Path(__file__).resolve().parent / "models" / "relevance.json"


@dataclass(frozen=True)
class RelevanceModel:
    """Feature names (attributes of :class:`~rag.types.Passage`), weights and bias."""

    features: tuple[str, ...]
    weights: np.ndarray
    bias: float

    @classmethod
    def load(cls, path: Path = MODEL_FILE) -> RelevanceModel:
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(tuple(data["features"]), np.asarray(data["weights"], float), data["bias"])

    def features_of(self, passage: Passage) -> np.ndarray:
        return np.array([float(getattr(passage, name)) for name in self.features])

    def log_odds(self, passage: Passage) -> float:
        return float(self.features_of(passage) @ self.weights + self.bias)


@functools.cache
def model() -> RelevanceModel:
    """The shipped relevance model, loaded once."""
    return RelevanceModel.load()


def log_odds(passage: Passage) -> float:
    """The relevance model's score before the logistic: comparable by differences."""
    return model().log_odds(passage)


def relevance(passage: Passage) -> float:
    """Estimated probability that the sentence answers its question (0 to 1)."""
    return float(1.0 / (1.0 + np.exp(-log_odds(passage))))


def rank(passages: Sequence[Passage]) -> list[Passage]:
    """Most relevant first; ties in article order, so answers are deterministic."""
    return sorted(passages, key=lambda p: (-log_odds(p), p.doc.doc_id, p.sentence.start))
