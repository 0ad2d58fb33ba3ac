"""The measured work of ``rag bench``, each phase in a fresh process of its own.

A fresh process per phase makes the timings cold where they should be and the peak memory
(``ru_maxrss``, read by the parent) that of the phase alone. Run by :mod:`benchmarks.run`
as ``python -m benchmarks.worker PHASE ARGUMENTS_JSON``; the settings come from ``RAG_*``
variables, the result is one JSON object on the last line of stdout, progress on stderr.
"""

from __future__ import annotations

import json
import queue
import resource
import sys
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from rag.config import Settings
from rag.embed import Embedder

Phase = Callable[[dict[str, Any], Settings], dict[str, Any]]


class TimedEmbedder(Embedder):
    """The real embedder, keeping count of the seconds spent inside the model."""

    seconds = 0.0

    def encode(self, texts: Sequence[str], *, show_progress: bool = False) -> np.ndarray:
        started = time.perf_counter()
        vectors = super().encode(texts, show_progress=show_progress)
        self.seconds += time.perf_counter() - started
        return vectors


def _cpu_seconds() -> float:
    """This process's CPU time and that of its children that have ended (ingest's
    annotating processes)."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def ingest_phase(args: dict[str, Any], settings: Settings) -> dict[str, Any]:
    """``ingest()`` the corpus with a progress bar; how long it took and how much it did."""
    from ingest.pipeline import ingest

    embedder = TimedEmbedder(settings.backend, settings.batch_size)
    started = time.perf_counter()
    embedder.warm_up()  # model loading is reported apart; the raw encode excludes it too
    model_load = time.perf_counter() - started
    embedder.seconds = 0.0
    cpu = _cpu_seconds()
    report = ingest(
        [Path(args["articles"])],
        settings,
        rebuild=args["rebuild"],
        embedder=embedder,
        show_progress=True,
    )
    return {
        "seconds": report.seconds,
        # CPU seconds of every thread and of the annotating processes: less skewed than wall
        # time when others share the CPUs.
        "cpu_seconds": _cpu_seconds() - cpu,
        "changed": report.changed,
        "documents": report.documents,
        "sentences": report.sentences,
        "chunks": report.chunks,
        "embedded": report.embedded,
        "encode_seconds": embedder.seconds,
        "model_load_seconds": model_load,
    }


def encode_phase(args: dict[str, Any], settings: Settings) -> dict[str, Any]:
    """Raw ``encode`` of everything the ingest embedded (the store's sentences and chunks),
    or of a fixed sample of at most ``limit`` of each."""
    from benchmarks.corpora import sample
    from rag import store as st

    name = st.current_generation(settings.store)
    assert name is not None, "encode runs after ingest"
    generation = st.read_generation(settings.store, name)
    embedder = Embedder(settings.backend, settings.batch_size)
    started = time.perf_counter()
    embedder.warm_up()
    result: dict[str, Any] = {"model_load_seconds": time.perf_counter() - started}
    vectors = []
    limit = args.get("limit") or len(generation.sentences) + len(generation.chunks)
    for kind, texts in (
        ("sentences", sample([s.text for s in generation.sentences], limit)),
        ("chunks", sample([c.text for c in generation.chunks], limit)),
    ):
        started, cpu = time.perf_counter(), time.process_time()
        vectors.append(embedder.encode(texts, show_progress=True))
        result[kind] = len(texts)
        result[f"{kind}_seconds"] = time.perf_counter() - started
        result[f"{kind}_cpu_seconds"] = time.process_time() - cpu
    if args.get("vectors"):  # kept for comparing backends
        np.save(args["vectors"], np.vstack(vectors))
    return result


def eval_phase(args: dict[str, Any], settings: Settings) -> dict[str, Any]:
    """The gold metrics of ``Pipeline.ask`` (the evals runner, ours only) on a sample."""
    from benchmarks.corpora import sample
    from evals.gold import load_gold
    from evals.runner import evaluate
    from rag.api import Pipeline

    questions = sample(load_gold(Path(args["gold"])), args["limit"])
    run = evaluate(questions, Pipeline(settings), baselines=False)
    return {"scores": run.scores["ours"].to_dict()}


def query_phase(args: dict[str, Any], settings: Settings) -> dict[str, Any]:
    """Warm ``Pipeline.ask`` latency over the questions; answers saved for the server check."""
    from rag.api import Pipeline
    from rag.errors import QuestionError

    questions: list[str] = args["questions"]
    started = time.perf_counter()
    pipeline = Pipeline(settings)
    pipeline.ask(questions[0])  # opens the store, loads the model
    first = time.perf_counter() - started
    latencies, answers, rejected = [], {}, 0
    for question in questions:
        started = time.perf_counter()
        try:
            answer = pipeline.ask(question)
        except QuestionError:
            rejected += 1
            continue
        latencies.append((time.perf_counter() - started) * 1000)
        answers[question] = answer.to_dict()
    # The query embedding's share of the latency, measured apart.
    encode_ms = []
    for question in questions:
        started = time.perf_counter()
        pipeline.embedder.encode([question])
        encode_ms.append((time.perf_counter() - started) * 1000)
    Path(args["answers"]).write_text(json.dumps(answers, ensure_ascii=False), encoding="utf-8")
    return {
        "first_answer_seconds": first,
        "latencies_ms": latencies,
        "encode_ms": encode_ms,
        "abstained": sum(a["abstained"] for a in answers.values()),
        "rejected": rejected,
    }


def clients_phase(args: dict[str, Any], settings: Settings) -> dict[str, Any]:
    """The questions from ``c`` concurrent clients (threads, each with its own Pipeline),
    for each ``c`` in ``args["clients"]``; every answer compared with the embedded store's."""
    from rag import store as st

    expected: dict[str, Any] = json.loads(Path(args["answers"]).read_text(encoding="utf-8"))
    questions = [q for q in args["questions"] if q in expected]
    levels = [_concurrent(questions, expected, settings, c) for c in args["clients"]]
    client = st.chroma_client(settings)
    held = {name: client.get_collection(name).count() for name in st.collection_names(settings)}
    return {"levels": levels, "vectors": held}


def _concurrent(
    questions: list[str], expected: dict[str, Any], settings: Settings, clients: int
) -> dict[str, Any]:
    from rag.api import Pipeline

    pipelines = [Pipeline(settings) for _ in range(clients)]
    for pipeline in pipelines:  # open every store and warm up before the clock starts
        pipeline.ask(questions[0])
    todo: queue.SimpleQueue[str] = queue.SimpleQueue()
    for question in questions:
        todo.put(question)
    latencies: list[float] = []
    differing: list[str] = []
    errors: list[str] = []
    lock = threading.Lock()

    def client(pipeline: Pipeline) -> None:
        while True:
            try:
                question = todo.get_nowait()
            except queue.Empty:
                return
            started = time.perf_counter()
            try:
                answer = pipeline.ask(question).to_dict()
            except Exception as exc:  # counted and reported: the benchmark must not stop
                with lock:
                    errors.append(f"{question}: {exc!r}")
                continue
            elapsed = (time.perf_counter() - started) * 1000
            with lock:
                latencies.append(elapsed)
                if answer != expected[question]:
                    differing.append(question)

    threads = [threading.Thread(target=client, args=(p,)) for p in pipelines]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started
    return {
        "clients": clients,
        "asked": len(questions),
        "answered": len(latencies),
        "latencies_ms": latencies,
        "seconds": wall,
        "differing": differing,
        "errors": errors,
    }


PHASES: dict[str, Phase] = {
    "ingest": ingest_phase,
    "encode": encode_phase,
    "query": query_phase,
    "eval": eval_phase,
    "clients": clients_phase,
}


def main(argv: Sequence[str]) -> int:
    phase, arguments = argv
    result = PHASES[phase](json.loads(arguments), Settings.from_env())
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
