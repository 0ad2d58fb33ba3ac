"""Run gold questions through the pipeline and the baselines, and score them.

Ours is :meth:`rag.api.Pipeline.trace`, in process: :meth:`~rag.api.Pipeline.ask`'s code
path (``rag ask --json`` reading questions from stdin) with what each step made. Its
ranking of documents (for recall and MRR) is the order in which documents first appear in
:meth:`Pipeline.retrieve`; each question's best passage relevance
(:func:`rag.score.relevance`, after the reader) feeds the abstention calibration curve; and
how far the sentences stating each side of a disagreement got feeds the funnel
(:func:`side_stages`).
"""

from __future__ import annotations

import dataclasses
import functools
import logging
import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np

from evals import baselines as bl
from evals.metrics import (
    FUNNEL_STAGES,
    SPAN_SLOTS,
    CalibrationPoint,
    FunnelRow,
    GoldQuestion,
    Prediction,
    Scores,
    answer_quotes_verbatim,
    calibration,
    contains_answer,
    funnel_rows,
    gold_sides,
    says_value,
    score,
    score_by,
)
from rag.api import Pipeline, Trace, clean_question
from rag.config import Settings
from rag.conflicts import Finding, compared_slots, is_disagreement, side_pool
from rag.errors import QuestionError
from rag.questions import QuestionInfo
from rag.schema import Answer
from rag.score import relevance, was_read
from rag.slots import SlotSpec
from rag.store import Store
from rag.types import Passage, content_hash

logger = logging.getLogger(__name__)

# Documents read for retrieval recall@k.
RECALL_K = 3
# Thresholds swept for the abstention calibration curve.
THRESHOLDS = tuple(round(t, 2) for t in np.arange(0.0, 1.001, 0.01))
# Systems in the order tables show them, with their display names.
SYSTEMS = {
    "ours": "ours",
    "bm25": "BM25",
    "dense": "dense",
    "hybrid": "hybrid",
    "top_chunk": "top chunk",
    "naive_conflict": "naive flag",
}
# What each baseline is, for the legend under tables.
LEGEND = (
    "BM25 / dense / hybrid: the top 2 sentences by BM25, by embedding, and by our own fused "
    "retrieval (Pipeline.retrieve, no composer); top chunk: the nearest chunk's text; naive "
    "flag: our answers, flagged as a conflict whenever they cite 2+ sources. Baselines never "
    "abstain."
)

# The answering baselines (they do not detect conflicts; naive_conflict re-flags ours).
BASELINES = ("bm25", "dense", "hybrid", "top_chunk")

# The naive conflict baseline is our answers re-flagged: only these metrics of it are its own.
NAIVE_CONFLICT_METRICS = ("conflict_precision", "conflict_recall")

Progress = Callable[[int, int], None]  # questions done, total


@dataclass(frozen=True)
class EvalRun:
    """Everything one evaluation produced: predictions per system, scores, calibration."""

    questions: list[GoldQuestion]
    predictions: dict[str, dict[str, Prediction]]  # system -> question id -> prediction
    best_relevance: dict[str, float]  # question id -> best passage relevance (ours)
    settings: Settings
    store_counts: dict[str, int]
    unknown_sources: list[str]  # gold source ids the store does not hold
    finished: str = field(default_factory=lambda: datetime.now(UTC).isoformat(timespec="seconds"))

    @property
    def systems(self) -> list[str]:
        return [s for s in SYSTEMS if s in self.predictions]

    @functools.cached_property
    def scores(self) -> dict[str, Scores]:
        return {s: score(self.questions, self.predictions[s], RECALL_K) for s in self.systems}

    @functools.cached_property
    def by_category(self) -> dict[str, dict[str, Scores]]:
        return {
            s: score_by(self.questions, self.predictions[s], lambda g: g.category, RECALL_K)
            for s in self.systems
        }

    @functools.cached_property
    def funnel(self) -> list[FunnelRow]:
        """Where our notes lose the sides of the gold's disagreements (empty rows' metrics are
        n/a when no question lists what its sources give)."""
        return funnel_rows(self.questions, self.predictions["ours"])

    @functools.cached_property
    def calibration(self) -> list[CalibrationPoint]:
        return calibration(self.questions, self.best_relevance, THRESHOLDS)

    def to_dict(self) -> dict[str, Any]:
        """The metrics as one JSON-friendly object (what ``rag eval --json`` prints)."""
        return {
            "questions": len(self.questions),
            "store": str(self.settings.store),
            "store_counts": self.store_counts,
            "recall_k": RECALL_K,
            "min_answer_score": self.settings.min_answer_score,
            "finished": self.finished,
            "unknown_sources": self.unknown_sources,
            "systems": {s: _shown_dict(s, v) for s, v in self.scores.items()},
            "by_category": {
                s: {c: _shown_dict(s, v) for c, v in cats.items()}
                for s, cats in self.by_category.items()
            },
            "calibration": [p.to_dict() for p in self.calibration],
            "funnel": [row.to_dict() for row in self.funnel],
        }


def shown(system: str, metric: str) -> bool:
    """Whether ``metric`` is the system's own (tables leave the others blank)."""
    return system != "naive_conflict" or metric in NAIVE_CONFLICT_METRICS


def _shown_dict(system: str, scores: Scores) -> dict[str, Any]:
    return {k: v for k, v in scores.to_dict().items() if k == "questions" or shown(system, k)}


def corpus_settings(corpus: Path, settings: Settings) -> Settings:
    """Settings for the store of its own that ``rag eval --corpus DIR`` ingests ``corpus`` into.

    The store sits beside the default one, named after the corpus path, and is reused by
    later runs (ingest skips unchanged articles). Its Chroma collection is named after the
    path too, so corpora never mix even on a shared ``--chroma-url`` server.

    Example::

        corpus_settings(Path("data/articles"), Settings()).store.name  # "data-articles-1f0c..."
    """
    resolved = corpus.expanduser().resolve()
    digest = content_hash(str(resolved), 8)
    readable = re.sub(r"[^A-Za-z0-9._-]+", "-", "-".join(resolved.parts[-2:])).strip("-._")
    return settings.replace(
        store=settings.store.parent / "eval-stores" / f"{readable}-{digest}",
        articles=resolved,
        collection=f"eval-{digest}",
    )


def article_texts(store: Store) -> dict[str, str]:
    """Each stored document's text as read from its file now, for the verbatim check.

    A file that is gone or changed since ingest cannot be what the offsets point into; the
    copy the store kept of it at ingest is used instead (and a warning logged).
    """
    texts = {}
    for doc_id, info in store.docs.items():
        try:
            text = Path(info.path).read_bytes().decode("utf-8-sig")
        except (OSError, UnicodeDecodeError):
            text = None
        if text is None or content_hash(text) != info.content_hash:
            logger.warning(
                "%s changed or vanished since ingest: checking its stored copy", info.path
            )
            text = store.text(doc_id)
        texts[doc_id] = text
    return texts


def evaluate(
    questions: Sequence[GoldQuestion],
    pipeline: Pipeline,
    *,
    baselines: bool = True,
    progress: Progress | None = None,
) -> EvalRun:
    """Ask every question of ours (and of the baselines), timing ours warm.

    Example::

        run = evaluate(load_gold(DEFAULT_GOLD), Pipeline(settings))
        run.scores["ours"].value("answer_hit")
    """
    store = pipeline.store
    texts = article_texts(store)
    pipeline.ask("What happened?")  # load the model and warm the caches before timing
    pipeline.spans.warm_up()  # conflict notes load it on the first disagreement
    systems = ["ours", *((*BASELINES, "naive_conflict") if baselines else ())]
    predictions: dict[str, dict[str, Prediction]] = {s: {} for s in systems}
    best: dict[str, float] = {}
    for done, gold in enumerate(questions, start=1):
        try:
            text = clean_question(gold.question, pipeline.settings)
        except QuestionError as exc:
            logger.warning("%s: %s (counted as abstained by every system)", gold.id, exc)
            text = None
        if text is None:
            answers = {s: _unasked(gold.id, s) for s in systems}
        else:
            answers, best[gold.id] = _ask(pipeline, text, gold, texts, baselines)
        for system, prediction in answers.items():
            predictions[system][gold.id] = prediction
        if progress:
            progress(done, len(questions))
    known = set(store.docs)
    unknown = sorted({s for g in questions for s in g.sources if s not in known})
    if unknown:
        logger.warning(
            "%d gold source id(s) are not in the store %s (e.g. %s): is this the right store?",
            len(unknown),
            pipeline.settings.store,
            unknown[0],
        )
    return EvalRun(
        questions=list(questions),
        predictions=predictions,
        best_relevance=best,
        settings=pipeline.settings,
        store_counts=store.counts(),
        unknown_sources=unknown,
    )


def _ask(
    pipeline: Pipeline, text: str, gold: GoldQuestion, texts: dict[str, str], baselines: bool
) -> tuple[dict[str, Prediction], float]:
    """Every system's prediction for one question, and our best passage relevance."""
    question_id = gold.id
    started = time.perf_counter()
    trace = pipeline.trace(text)
    latency = (time.perf_counter() - started) * 1000
    answer = trace.answer
    started = time.perf_counter()
    passages = pipeline.retrieve(text)
    retrieval = time.perf_counter() - started
    cited = tuple(c.source.doc_id for c in answer.citations)
    # The claims of the notes that say the sources disagree, each with its note.
    sides = [(n, c) for n in answer.conflicts if is_disagreement(n.kind) for c in n.claims]
    ours = Prediction(
        question_id=question_id,
        abstained=answer.abstained,
        answer_text=answer_text(answer),
        cited_docs=cited,
        verbatim=answer_quotes_verbatim(answer, texts),
        ranking=bl.doc_ranking(p.doc.doc_id for p in passages),
        conflict=any(is_disagreement(n.kind) for n in answer.conflicts),
        conflict_kinds=tuple(n.kind for n in answer.conflicts),
        backed=tuple(
            (s.text, tuple(answer.citation(n).quote for n in s.citations[1:]))
            for s in answer.sentences
        ),
        noted=tuple(answer.citation(c.citation).quote for _, c in sides),
        sides=tuple((n.slot, c.says) for n, c in sides),
        latency_ms=latency,
        side_stages=side_stages(gold_sides(gold), trace, pipeline.settings),
    )
    out = {"ours": ours}
    if baselines:
        out |= _baselines(pipeline, text, question_id, texts, passages, retrieval)
        out["naive_conflict"] = dataclasses.replace(
            ours, conflict=bl.naive_conflict(cited), conflict_kinds=(), side_stages=()
        )
    ranked = trace.composition.ranked
    best = relevance(ranked[0]) if ranked else float("-inf")
    return out, best


def side_stages(
    sides: Sequence[Sequence[str]], trace: Trace, settings: Settings
) -> tuple[tuple[str, ...], ...]:
    """For each side (the spans that state one value), the stages of
    :data:`~evals.metrics.FUNNEL_STAGES` that a retrieved sentence stating it reached."""
    composition = trace.composition
    read = {p.sentence.id for p in composition.ranked if was_read(p)}
    pool = {p.sentence.id for p in side_pool(composition, settings)}
    shown = composition.shown()
    # framing reads any sentence that states the claim ("states it as fact"): no value
    slots = [(s, q) for s, q in compared_slots(composition.question) if s.name != "attribution"]
    notes = [f for f in trace.findings if is_disagreement(f.kind)]
    out = []
    for spans in sides:
        stating = [p for p in composition.ranked if contains_answer(p.sentence.text, spans)]
        ids = {p.sentence.id for p in stating}
        reached = {
            "retrieved": bool(stating),
            "read": bool(ids & read),
            "pool": bool(ids & pool),
            "slot": any(p.sentence.id in pool and _read_as(p, spans, slots) for p in stating),
            "shown": bool(ids & shown),
            "noted": any(_a_side_of(note, ids, spans) for note in notes),
        }
        out.append(tuple(stage for stage in FUNNEL_STAGES if reached[stage]))
    return tuple(out)


def _read_as(
    passage: Passage, spans: Sequence[str], slots: Sequence[tuple[SlotSpec, QuestionInfo]]
) -> bool:
    """Whether one of ``slots`` reads the passage as saying one of ``spans`` (a slot whose
    readings quote the text) or as saying anything (yes or no, a first time...)."""
    text, annotation = passage.sentence.text, passage.annotation
    return any(
        (reading := spec.read(asked, text, annotation)) is not None
        and (spec.name not in SPAN_SLOTS or says_value(reading.label, spans))
        for spec, asked in slots
    )


def _a_side_of(note: Finding, ids: set[str], spans: Sequence[str]) -> bool:
    """Whether one of the sentences ``ids`` is a side of the note, saying one of ``spans``
    where the note's sides quote the text (not another value of the same sentence)."""
    return any(
        p.sentence.id in ids
        and (note.slot not in SPAN_SLOTS or says_value(side.reading.label, spans))
        for side in note.sides
        for p in side.passages
    )


def _unasked(question_id: str, system: str) -> Prediction:
    """A question that cannot be asked: every system counts as abstaining on it."""
    conflict = None if system in BASELINES else False
    return Prediction(question_id, True, "", (), True, (), conflict)


def answer_text(answer: Answer) -> str:
    """The answer's sentences without the ``[n]`` markers (a marker is not an answer: "[1]"
    must not match a gold "1"); empty when abstained."""
    return " ".join(s.text for s in answer.sentences)


def _baselines(
    pipeline: Pipeline,
    text: str,
    question_id: str,
    texts: dict[str, str],
    passages: Sequence[Passage],
    retrieval: float,
) -> dict[str, Prediction]:
    """The answering baselines; each one's latency includes the question's encoding when it
    uses the embedding (the hybrid one's is the whole of ``Pipeline.retrieve``)."""
    store, settings = pipeline.store, pipeline.settings
    started = time.perf_counter()
    vector = pipeline.embedder.encode([text])[0]
    encoding = time.perf_counter() - started
    runs: dict[str, tuple[Callable[[], bl.BaselineAnswer], float]] = {
        "bm25": (lambda: bl.bm25_sentences(text, store, settings), 0.0),
        "dense": (lambda: bl.dense_sentences(vector, store, settings), encoding),
        "hybrid": (lambda: bl.hybrid_sentences(passages), retrieval),
        "top_chunk": (lambda: bl.top_chunk(vector, store, settings), encoding),
    }
    out = {}
    for system, (run, extra) in runs.items():
        started = time.perf_counter()
        result = run()
        latency = (time.perf_counter() - started + extra) * 1000
        out[system] = Prediction(
            question_id=question_id,
            abstained=False,
            answer_text=result.text,
            cited_docs=tuple(q.doc_id for q in result.quotes),
            verbatim=all(texts[q.doc_id][q.start : q.end] == q.text for q in result.quotes),
            ranking=result.ranking,
            conflict=None,
            latency_ms=latency,
            backed=tuple((q.text, ()) for q in result.quotes),
        )
    return out
