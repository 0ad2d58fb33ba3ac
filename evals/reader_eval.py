"""Measure the reader and its baselines on ``squad-v2.0-dev-part``, split by article.

Protocol: each question's candidates are the top :data:`CANDIDATES` sentences of its own article
by BM25 (``rag.lexical``: bm25s over stemmed, lower-cased words without stop words), with the
article split into sentences by the pipeline's splitter (``ingest.pipeline.split_document``,
headings left out). A score ranks the candidates (hit@1: the top one contains an answer span,
:func:`evals.metrics.contains_answer`), and the best candidate's score separates answerable from
unanswerable questions (AUC; abstention below a threshold).

The 12 articles, sorted by file stem, alternate: even positions are the *calibration* half
(model choice and thresholds), odd positions the *report* half (numbers only). A threshold is
chosen on the calibration half for a target false-abstention rate and then applied, unchanged,
to the report half.

Run ``python -m evals.reader_eval --model-dir rag/models`` to measure a model folder.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from tqdm import tqdm

from evals.metrics import contains_answer
from evals.reader_data import Article, has_negation, load_article
from rag.reader import CONTEXT_MODES, Reader, context_text

logger = logging.getLogger(__name__)

V2_DIR = Path("/work/shared/data/squad-v2.0-dev-part")
CALIBRATION_ARTICLES = (
    "1973_oil_crisis",
    "Ctenophora",
    "Immune_system",
    "Jacksonville,_Florida",
    "Sky_(United_Kingdom)",
    "Victoria_(Australia)",
)
REPORT_ARTICLES = (
    "Construction",
    "Economic_inequality",
    "Imperialism",
    "Private_school",
    "Southern_California",
    "Warsaw",
)
CANDIDATES = 20
FALSE_ABSTENTION_TARGETS = (0.05, 0.10, 0.15, 0.20)
LATENCY_CANDIDATES = (8, 12, 16, 20)


def check_halves(folder: Path) -> None:
    """Fail unless the folder's articles, sorted by stem, alternate as the halves above."""
    stems = sorted(p.stem for p in (folder / "articles").glob("*.txt"))
    if tuple(stems[0::2]) != CALIBRATION_ARTICLES or tuple(stems[1::2]) != REPORT_ARTICLES:
        raise ValueError(f"{folder} holds {stems}, not the expected 12 articles")


@dataclass(frozen=True)
class Candidates:
    """One question and its candidate sentences (BM25 order), with what is needed to score."""

    question: str
    answerable: bool
    answers: tuple[str, ...]
    article: str
    half: str  # "calibration" or "report"
    title: str
    sentences: tuple[str, ...]
    previous: tuple[str, ...]
    bm25: np.ndarray
    holds_answer: tuple[bool, ...]

    def contexts(self, mode: str) -> list[str] | None:
        if mode == "none":
            return None
        return [context_text(mode, self.title, p) for p in self.previous]


def load_candidates(folder: Path = V2_DIR, k: int = CANDIDATES, every: int = 1) -> list[Candidates]:
    """Every question of the folder (or every ``every``-th, for quick checks only) with its
    top ``k`` BM25 sentences."""
    check_halves(folder)
    half = {a: "calibration" for a in CALIBRATION_ARTICLES} | {a: "report" for a in REPORT_ARTICLES}
    articles: dict[str, Article] = {
        a: load_article(folder / "articles" / f"{a}.txt") for a in sorted(half)
    }
    out = []
    for line in (folder / "qa.jsonl").read_text(encoding="utf-8").splitlines()[::every]:
        row = json.loads(line)
        article = articles[row["article"]]
        bm25 = article.index.scores(row["question"])
        top = np.argsort(-bm25, kind="stable")[:k]
        answers = tuple(row["answers"])
        out.append(
            Candidates(
                question=row["question"],
                answerable=bool(row["answerable"]),
                answers=answers,
                article=row["article"],
                half=half[row["article"]],
                title=article.title,
                sentences=tuple(article.sentences[i] for i in top),
                previous=tuple(article.previous(int(i)) for i in top),
                bm25=bm25[top].astype(np.float32),
                holds_answer=tuple(
                    row["answerable"] and contains_answer(article.sentences[i], answers)
                    for i in top
                ),
            )
        )
    return out


Scorer = Callable[[Candidates], np.ndarray]


def reader_scorer(reader: Reader, context: str = "none") -> Scorer:
    """The reader's logits (monotone in its probabilities, finer-grained for thresholds)."""
    return lambda c: reader.logits(c.question, c.sentences, c.contexts(context))


def bm25_scorer() -> Scorer:
    return lambda c: c.bm25


def biencoder_scorer(candidates: Sequence[Candidates]) -> Scorer:
    """Cosine of all-MiniLM-L6-v2 question and sentence vectors (the pipeline's embedder)."""
    from rag.embed import Embedder

    embedder = Embedder("onnx")
    texts = sorted({s for c in candidates for s in c.sentences})
    vectors = dict(zip(texts, embedder.encode(texts), strict=True))
    questions = sorted({c.question for c in candidates})
    question_vectors = dict(zip(questions, embedder.encode(questions), strict=True))
    return lambda c: np.array([vectors[s] @ question_vectors[c.question] for s in c.sentences])


def score_all(candidates: Sequence[Candidates], scorer: Scorer, desc: str) -> list[np.ndarray]:
    return [scorer(c) for c in tqdm(candidates, desc=desc, unit="question", mininterval=10)]


# --- Metrics ---------------------------------------------------------------------------


def auc(positive: np.ndarray, negative: np.ndarray) -> float:
    """Probability that a random positive scores above a random negative (ties count half)."""
    ranks = _average_ranks(np.concatenate([positive, negative]))
    n_pos, n_neg = len(positive), len(negative)
    return float((ranks[:n_pos].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg))


def _average_ranks(values: np.ndarray) -> np.ndarray:
    order = np.argsort(values, kind="stable")
    ranks = np.empty(len(values), dtype=np.float64)
    ranks[order] = np.arange(1, len(values) + 1)
    _, inverse, counts = np.unique(values, return_inverse=True, return_counts=True)
    sums = np.bincount(inverse, weights=ranks)
    return (sums / counts)[inverse]


def threshold_for(answerable_best: np.ndarray, false_abstention: float) -> float:
    """The highest threshold at which at most ``false_abstention`` of the answerable questions
    have a best score below it (abstention is ``best < threshold``)."""
    ordered = np.sort(answerable_best)
    return float(ordered[int(np.floor(false_abstention * len(ordered)))])


@dataclass(frozen=True)
class Best:
    """Per question of one half: the best candidate's score and whether the top one hits."""

    answerable: np.ndarray  # bool
    best: np.ndarray
    hit_at_1: np.ndarray  # bool (answerable questions only are meaningful)
    hit_at_2: np.ndarray
    negation: np.ndarray  # bool: the question has a negation word

    @classmethod
    def of(cls, candidates: Sequence[Candidates], scores: Sequence[np.ndarray]) -> Best:
        hit1, hit2 = [], []
        for c, s in zip(candidates, scores, strict=True):
            order = np.argsort(-s, kind="stable")
            hit1.append(c.holds_answer[order[0]])
            hit2.append(any(c.holds_answer[i] for i in order[:2]))
        return cls(
            answerable=np.array([c.answerable for c in candidates]),
            best=np.array([float(np.max(s)) for s in scores]),
            hit_at_1=np.array(hit1),
            hit_at_2=np.array(hit2),
            negation=np.array([has_negation(c.question) for c in candidates]),
        )

    def abstention(self, threshold: float) -> dict[str, float]:
        abstains = self.best < threshold
        return {
            "correct_abstention": round(float(abstains[~self.answerable].mean()), 4),
            "false_abstention": round(float(abstains[self.answerable].mean()), 4),
        }

    def summary(self) -> dict[str, Any]:
        a = self.answerable
        own = threshold_for(self.best[a], 0.10)
        return {
            "questions": int(len(a)),
            "answerable": int(a.sum()),
            "hit_at_1": round(float(self.hit_at_1[a].mean()), 4),
            "hit_at_2": round(float(self.hit_at_2[a].mean()), 4),
            "auc": round(auc(self.best[a], self.best[~a]), 4),
            "own_threshold_at_10pct": own,
            "own_correct_abstention_at_10pct": self.abstention(own)["correct_abstention"],
        }

    def negation_shortcut(self, threshold: float) -> dict[str, Any]:
        """Abstention rates with and without a negation word in the question."""
        abstains = self.best < threshold
        out = {}
        for answerable in (True, False):
            for negated in (True, False):
                rows = (self.answerable == answerable) & (self.negation == negated)
                kind = "answerable" if answerable else "unanswerable"
                key = f"{kind}_{'with' if negated else 'without'}_negation"
                out[key] = {
                    "questions": int(rows.sum()),
                    "abstention": round(float(abstains[rows].mean()), 4) if rows.any() else None,
                }
        return out


def measure(candidates: Sequence[Candidates], scores: Sequence[np.ndarray]) -> dict[str, Any]:
    """Both halves' summaries; thresholds from the calibration half applied to the report half."""
    halves = {
        h: Best.of(
            [c for c in candidates if c.half == h],
            [s for c, s in zip(candidates, scores, strict=True) if c.half == h],
        )
        for h in ("calibration", "report")
    }
    calibration, report = halves["calibration"], halves["report"]
    curve = []
    for target in FALSE_ABSTENTION_TARGETS:
        t = threshold_for(calibration.best[calibration.answerable], target)
        curve.append(
            {
                "false_abstention_target": target,
                "threshold": t,
                "calibration": calibration.abstention(t),
                "report": report.abstention(t),
            }
        )
    threshold_10 = threshold_for(calibration.best[calibration.answerable], 0.10)
    return {
        "calibration": calibration.summary(),
        "report": report.summary()
        | {"at_calibration_threshold_10pct": report.abstention(threshold_10)},
        "thresholds": curve,
        "negation_shortcut_calibration": calibration.negation_shortcut(threshold_10),
    }


# --- Latency ---------------------------------------------------------------------------


def latency(
    reader_dir: Path,
    candidates: Sequence[Candidates],
    context: str = "none",
    questions: int = 60,
    threads: Sequence[int] = (1, 2),
) -> dict[str, Any]:
    """Median ms per question to score its first n candidates (report-half questions, spread
    over its articles), per thread count: wall time, and the process's CPU time, which other
    work on the machine inflates less; with the load average before and after."""
    report = [c for c in candidates if c.half == "report"]
    sample = report[:: max(1, len(report) // questions)][:questions]
    out: dict[str, Any] = {
        "questions": len(sample),
        "load_average_before": [round(x, 2) for x in os.getloadavg()],
        "wall_ms": {},
        "cpu_ms": {},
    }
    for n_threads in threads:
        reader = Reader(reader_dir, threads=n_threads)
        reader.warm_up()
        for n in LATENCY_CANDIDATES:
            wall, cpu = [], []
            for c in sample:
                contexts = c.contexts(context)
                sentences = c.sentences[:n]
                start, start_cpu = time.perf_counter(), time.process_time()
                reader.logits(c.question, sentences, None if contexts is None else contexts[:n])
                wall.append(1000 * (time.perf_counter() - start))
                cpu.append(1000 * (time.process_time() - start_cpu))
            key = f"{n_threads}_threads_{n}_candidates"
            out["wall_ms"][key] = round(statistics.median(wall), 1)
            out["cpu_ms"][key] = round(statistics.median(cpu), 1)
    out["load_average_after"] = [round(x, 2) for x in os.getloadavg()]
    return out


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model-dir", type=Path, required=True, help="folder with reader.json")
    parser.add_argument(
        "--context", choices=CONTEXT_MODES, default=None, help="default: the record's context"
    )
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument(
        "--calibration-only", action="store_true", help="score the calibration half only"
    )
    parser.add_argument("--latency", action="store_true", help="also time the shipped sizes")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    reader = Reader(args.model_dir, threads=args.threads)
    context = args.context or reader.record["context"]
    candidates = load_candidates()
    result: dict[str, Any] = {"model_dir": str(args.model_dir), "context": context}
    if args.calibration_only:
        chosen = [c for c in candidates if c.half == "calibration"]
        best = Best.of(chosen, score_all(chosen, reader_scorer(reader, context), "reader"))
        result["calibration"] = best.summary()
    else:
        scores = score_all(candidates, reader_scorer(reader, context), "reader")
        result |= measure(candidates, scores)
    if args.latency:
        result["latency"] = latency(args.model_dir, candidates, context)
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
