"""Fit the composer's relevance model on questions from outside our gold set.

A logistic regression over :func:`rag.compose.features` predicts whether a retrieved sentence
contains a gold answer. It is fitted on SQuAD v1.1 *train* questions (never on
``evals/gold.jsonl`` nor SQuAD dev, which measure it), so the weights it prints carry no
knowledge of the evaluation sets. Run::

    rag ingest --store /tmp/sqtrain/store ARTICLES...      # a sample of SQuAD train articles
    python -m evals.fit_relevance --store /tmp/sqtrain/store --gold QA.jsonl --limit 3000

and copy the printed weights into ``rag/models/relevance.json`` with the record of the run.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np

from rag.api import Pipeline
from rag.config import Settings
from rag.score import model, relevance


def normalise(text: str) -> str:
    for a, b in (("’", "'"), ("‘", "'"), ("“", '"'), ("”", '"'), ("–", "-"), ("—", "-")):
        text = text.replace(a, b)
    return " ".join(text.casefold().split())


def collect(
    pipeline: Pipeline, gold: list[dict]
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Feature rows, labels, question index and the old relevance of every candidate."""
    rows, labels, groups, old = [], [], [], []
    for i, item in enumerate(gold):
        answers = [normalise(a) for a in item["answers"]]
        for passage in pipeline.retrieve(item["question"]):
            rows.append(model().features_of(passage))
            labels.append(any(a in normalise(passage.sentence.text) for a in answers))
            groups.append(i)
            old.append(relevance(passage))
    return np.array(rows), np.array(labels, float), np.array(groups), np.array(old)


def fit(x: np.ndarray, y: np.ndarray, l2: float = 1e-2, steps: int = 50) -> np.ndarray:
    """Logistic regression by Newton's method; returns weights with the bias last."""
    x1 = np.hstack([x, np.ones((len(x), 1))])
    w = np.zeros(x1.shape[1])
    for _ in range(steps):
        p = 1 / (1 + np.exp(-x1 @ w))
        gradient = x1.T @ (p - y) + l2 * w
        hessian = (x1 * (p * (1 - p))[:, None]).T @ x1 + l2 * np.eye(len(w))
        w -= np.linalg.solve(hessian, gradient)
    return w


def hit_at(scores: np.ndarray, y: np.ndarray, groups: np.ndarray, k: int) -> float:
    hits = []
    for g in np.unique(groups):
        idx = np.flatnonzero(groups == g)
        top = idx[np.argsort(-scores[idx], kind="stable")[:k]]
        hits.append(y[top].any())
    return float(np.mean(hits))


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--store", type=Path, required=True)
    parser.add_argument("--gold", type=Path, required=True)
    parser.add_argument("--limit", type=int, default=3000)
    args = parser.parse_args()
    pipeline = Pipeline(Settings.from_env(store=args.store))
    docs = set(pipeline.store.docs)
    gold = [
        g
        for g in map(json.loads, args.gold.read_text(encoding="utf-8").splitlines())
        if set(g["sources"]) <= docs
    ][: args.limit]
    x, y, groups, old = collect(pipeline, gold)
    train = groups % 5 != 0  # every fifth question held out
    w = fit(x[train], y[train])
    new = np.hstack([x, np.ones((len(x), 1))]) @ w
    held = ~train
    print(f"{len(gold)} questions, {len(x)} candidates, {y.mean():.3f} positive")
    for k in (1, 2):
        print(
            f"held-out hit@{k}: old {hit_at(old[held], y[held], groups[held], k):.3f}  "
            f"new {hit_at(new[held], y[held], groups[held], k):.3f}"
        )
    print("weights (similarity, context, coverage, neighbourhood, typed, novelty, bias):")
    print("RELEVANCE_WEIGHTS = (" + ", ".join(f"{v:.3f}" for v in w) + ")")


if __name__ == "__main__":
    main()
