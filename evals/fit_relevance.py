"""Fit the composer's relevance model on questions from outside our gold set.

A logistic regression over :func:`rag.compose.features` predicts whether a retrieved sentence
contains a gold answer. It is fitted on SQuAD v1.1 *train* questions (never on
``evals/gold.jsonl`` nor SQuAD dev, which measure it), so the weights it prints carry no
knowledge of the evaluation sets. Run::

    rag ingest --store /tmp/sqtrain/store ARTICLES...      # a sample of SQuAD train articles
    python -m evals.fit_relevance --store /tmp/sqtrain/store --gold QA.jsonl --limit 3000

and copy the printed weights into ``rag/models/relevance.json`` with the record of the run.

The second step, how the reader's logit and that evidence combine (``combination`` in the same
file), depends on the reader, so it is refitted whenever the reader is retrained: a logistic
regression, one row per question (its best candidate by the reader), labelled answerable or
not, on the *calibration* half of ``squad-v2.0-dev-part`` (split by article as in
:func:`evals.gold.half`); it prints the AUC on both halves and the abstention thresholds
(``Settings.min_answer_score``) for 5% and 10% false abstention on the calibration half::

    rag ingest --store /tmp/v2/store ../shared/data/squad-v2.0-dev-part/articles
    python -m evals.fit_relevance --combination --store /tmp/v2/store \
        --gold ../shared/data/squad-v2.0-dev-part/qa.jsonl
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np

from evals.gold import HALVES, half, load_gold
from evals.reader_eval import auc
from rag.api import Pipeline
from rag.config import Settings
from rag.score import evidence, model, relevance


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


def best_read(pipeline: Pipeline, question: str) -> tuple[float, float]:
    """(reader logit, evidence) of the question's best candidate by the reader, ranked as
    :meth:`Pipeline.ask` ranks."""
    ranked = pipeline.rank(question, pipeline.retrieve(question))
    best = max(ranked, key=lambda p: p.reader_logit or 0.0)
    return float(best.reader_logit or 0.0), evidence(best)


def fit_combination(pipeline: Pipeline, gold_file: Path) -> None:
    """Fit the combination on the calibration half; print it with both halves' AUC and the
    calibration half's thresholds."""
    questions = load_gold(gold_file)
    rows: dict[str, tuple[np.ndarray, np.ndarray]] = {}
    for which in HALVES:
        chosen = half(questions, which)
        x = np.array([best_read(pipeline, q.question) for q in chosen])
        rows[which] = x, np.array([q.answerable for q in chosen])
    x, answerable = rows["calibration"]
    w = fit(x, answerable.astype(float), l2=1.0)
    print(f"combination: reader_logit {w[0]:.4f}, evidence {w[1]:.4f}, bias {w[2]:.4f}")
    combined = {which: x @ w[:2] + w[2] for which, (x, _) in rows.items()}
    for which, (x, answerable) in rows.items():
        print(
            f"{which}: {len(x)} questions, {int((~answerable).sum())} unanswerable; AUC "
            f"{auc(combined[which][answerable], combined[which][~answerable]):.3f}, reader "
            f"alone {auc(x[answerable, 0], x[~answerable, 0]):.3f}"
        )
    answerable = rows["calibration"][1]
    probabilities = np.sort(1 / (1 + np.exp(-combined["calibration"][answerable])))
    for target in (0.05, 0.10):
        print(
            f"min_answer_score at {target:.0%} false abstention (calibration half): "
            f"{probabilities[int(np.floor(target * len(probabilities)))]:.3f}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--store", type=Path, required=True)
    parser.add_argument("--gold", type=Path, required=True)
    parser.add_argument("--limit", type=int, default=3000)
    parser.add_argument(
        "--combination", action="store_true", help="fit how the reader and evidence combine"
    )
    args = parser.parse_args()
    pipeline = Pipeline(Settings.from_env(store=args.store))
    if args.combination:
        fit_combination(pipeline, args.gold)
        return
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
