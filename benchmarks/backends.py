"""Embedding backends side by side: encode speed, closeness to torch, gold metrics, cold start.

For each corpus and backend: a store ingested with that backend (under the bench folder,
reused by later runs), the raw encode of a fixed sample of its sentences and chunks (speed,
and the vectors, compared with torch's by cosine), the gold metrics of ``Pipeline.ask``
through the evals runner, and ``rag ask`` in a fresh process.
"""

from __future__ import annotations

import dataclasses
import json
import sys
from pathlib import Path
from typing import Any

import numpy as np

from benchmarks.corpora import Corpus, sample_questions
from benchmarks.report import Table, format_markdown, format_text, machine
from benchmarks.run import Options, cold_ask, worker
from rag.config import Backend, Settings

METRICS = ("answer_hit", "source_hit", "recall_at_k", "mrr", "false_abstention", "verbatim")
# Texts of each kind (sentences, chunks) encoded to measure speed and closeness to torch.
ENCODE_SAMPLE = 2000
# A faster backend becomes the default only if no gold metric moves more than this.
QUALITY_TOLERANCE = 0.01


def compare_backends(
    backends: list[str],
    corpora: list[Corpus],
    settings: Settings,
    options: Options,
    results: Path,
    command: str,
) -> str:
    """Measure every backend on every corpus; write backends.{json,md}; return the tables."""
    # Settings refuses an unknown backend, naming the known ones.
    checked = [settings.replace(backend=backend).backend for backend in backends]
    runs = [(corpus, backend) for corpus in corpora for backend in checked]
    entries = [_build(corpus, backend, settings, options) for corpus, backend in runs]
    # Evaluations back to back, after all the builds: close in time, they differ only in
    # the backend (not, say, in a code or machine-load change between two long builds).
    for entry, (corpus, backend) in zip(entries, runs, strict=True):
        entry.update(_evaluate(corpus, backend, settings, options))
    _add_cosines(entries)
    results.mkdir(parents=True, exist_ok=True)
    data: dict[str, Any] = {"machine": machine(), "command": command, "entries": entries}
    (results / "backends.json").write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    table = backend_table(entries)
    (results / "backends.md").write_text(
        "\n".join(
            [
                "# Embedding backends",
                "",
                f"Printed and written by `{command}` on {data['machine']['cpus']} CPUs "
                f"({data['machine']['cpu']}). Cosine: each text's vector against torch's. "
                "Metrics: the evals runner (ours) on the corpus's questions; Δ against torch in "
                "points.",
                "",
                format_markdown(table),
                "",
            ]
        ),
        encoding="utf-8",
    )
    return format_text(table)


def _backend_settings(
    corpus: Corpus, backend: Backend, settings: Settings, options: Options
) -> Settings:
    store = corpus.path(options.bench_dir, "store", backend)
    return dataclasses.replace(settings, backend=backend, store=store, chroma_url=None)


def _build(
    corpus: Corpus, backend: Backend, settings: Settings, options: Options
) -> dict[str, Any]:
    """Ingest with ``backend`` (reusing its store) and time the raw encode of a sample."""
    settings = _backend_settings(corpus, backend, settings, options)
    print(f"[{corpus.name}] backend {backend}: ingest and encode", file=sys.stderr)
    arguments = {"articles": str(corpus.articles), "rebuild": options.rebuild}
    ingest = worker("ingest", arguments, settings)
    vectors = corpus.path(options.bench_dir, "vectors", backend, ".npy")
    encode = worker("encode", {"vectors": str(vectors), "limit": ENCODE_SAMPLE}, settings).output
    texts = encode["sentences"] + encode["chunks"]
    return {
        "corpus": corpus.name,
        "backend": backend,
        "vectors": str(vectors),
        "texts": texts,
        "model_load_seconds": encode["model_load_seconds"],
        "sentences_per_s": encode["sentences"] / encode["sentences_seconds"],
        "chunks_per_s": encode["chunks"] / encode["chunks_seconds"],
        "texts_per_s": texts / (encode["sentences_seconds"] + encode["chunks_seconds"]),
        "ingest_seconds": ingest.output["seconds"] if ingest.output["changed"] else None,
    }


def _evaluate(
    corpus: Corpus, backend: Backend, settings: Settings, options: Options
) -> dict[str, Any]:
    """Gold metrics, warm latency and a cold ``rag ask`` with ``backend``."""
    settings = _backend_settings(corpus, backend, settings, options)
    print(f"[{corpus.name}] backend {backend}: eval and cold ask", file=sys.stderr)
    scores = worker(
        "eval", {"gold": str(corpus.questions), "limit": options.questions}, settings
    ).output["scores"]
    cold = cold_ask(sample_questions(corpus.questions, options.questions), settings)
    return {
        "metrics": {m: scores[m]["value"] for m in METRICS},
        "questions": scores["questions"],
        "latency_p50_ms": scores["latency_p50_ms"]["value"],
        "latency_p95_ms": scores["latency_p95_ms"]["value"],
        "cold_seconds": cold["median_seconds"],
        "cold_peak_rss_mb": cold["peak_rss_mb"],
    }


def _add_cosines(entries: list[dict[str, Any]]) -> None:
    reference = {e["corpus"]: e for e in entries if e["backend"] == "torch"}
    for entry in entries:
        torch = reference.get(entry["corpus"])
        if torch is None:
            continue
        ours, theirs = np.load(entry["vectors"]), np.load(torch["vectors"])
        cosine = np.einsum("ij,ij->i", ours, theirs)
        entry["cosine_min"], entry["cosine_mean"] = float(cosine.min()), float(cosine.mean())
        entry["speedup"] = entry["texts_per_s"] / torch["texts_per_s"]
        entry["delta_points"] = {
            m: 100 * (entry["metrics"][m] - torch["metrics"][m])
            for m in METRICS
            if entry["metrics"][m] is not None and torch["metrics"][m] is not None
        }
        entry["within_tolerance"] = all(
            abs(d) <= 100 * QUALITY_TOLERANCE for d in entry["delta_points"].values()
        )


def backend_table(entries: list[dict[str, Any]]) -> Table:
    header = [
        "corpus",
        "backend",
        "texts",
        "sent/s",
        "chunks/s",
        "x torch",
        "cos min",
        "cos mean",
        *METRICS,
        "max |Δ| pt",
        "warm p50 ms",
        "cold ask s",
        "cold RSS MB",
    ]
    rows = []
    for e in entries:
        deltas = e.get("delta_points", {})
        rows.append(
            [
                e["corpus"],
                e["backend"],
                f"{e['texts']:,}",
                f"{e['sentences_per_s']:.1f}",
                f"{e['chunks_per_s']:.1f}",
                f"{e.get('speedup', 1.0):.2f}",
                f"{e.get('cosine_min', 1.0):.4f}",
                f"{e.get('cosine_mean', 1.0):.5f}",
                *(_metric(e["metrics"][m], deltas.get(m)) for m in METRICS),
                f"{max((abs(d) for d in deltas.values()), default=0.0):.1f}",
                f"{e['latency_p50_ms']:.1f}",
                f"{e['cold_seconds']:.2f}",
                f"{e['cold_peak_rss_mb']:,.0f}",
            ]
        )
    return header, rows


def _metric(value: float | None, delta: float | None) -> str:
    if value is None:
        return "n/a"
    return f"{100 * value:.1f}" + (f" ({delta:+.1f})" if delta else "")
