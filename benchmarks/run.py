"""Measure one corpus: ingest, raw encode, warm and cold questions, memory, disk; and the same
store behind a real Chroma server with concurrent clients.

Every phase runs in a child process (:mod:`benchmarks.worker`); the parent reads its peak
resident memory from ``wait4`` and keeps the timings. A corpus's store lives under the bench
folder and is reused by later runs (``rebuild`` starts it over); when a run finds it up to date
the ingest and raw encode numbers of the run that built it are reported again, marked reused.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np

from benchmarks.corpora import Corpus, sample_questions
from benchmarks.server import chroma_server
from rag.config import PROJECT_ROOT, Settings
from rag.errors import RagError

COLD_RUNS = 3


@dataclass(frozen=True)
class Options:
    """What to run, from the ``rag bench`` flags."""

    bench_dir: Path
    questions: int = 200
    rebuild: bool = False
    server: bool = False
    clients: tuple[int, ...] = (1, 4, 16)


@dataclass(frozen=True)
class ChildResult:
    """What a child process printed, how long it ran, and its peak resident memory."""

    output: dict[str, Any]
    seconds: float
    peak_rss_mb: float


def child_env(settings: Settings) -> dict[str, str]:
    """The environment for a child: ours with every setting spelled out as ``RAG_*``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("RAG_")}
    for name, value in settings.to_dict().items():
        if value is not None and name != "auth":
            env[f"RAG_{name.upper()}"] = str(value)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(PROJECT_ROOT), env.get("PYTHONPATH")]))
    env.setdefault("HF_HUB_OFFLINE", "1")
    env.setdefault("TRANSFORMERS_OFFLINE", "1")
    env.setdefault("ANONYMIZED_TELEMETRY", "False")
    return env


def run_child(command: list[str], settings: Settings, *, parse: bool = True) -> ChildResult:
    """Run ``command`` with ``settings`` in its environment; stderr passes through (progress).

    Raises RagError with the child's exit code if it fails (its stderr was already shown).
    """
    with tempfile.TemporaryFile() as out:
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=out, env=child_env(settings))
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        stdout = out.read().decode("utf-8", errors="replace")
    if process.returncode != 0:
        raise RagError(
            f"benchmark step `{' '.join(command[:4])} ...` failed with exit code "
            f"{process.returncode}: see its messages above"
        )
    lines = stdout.strip().splitlines()
    output = json.loads(lines[-1]) if parse and lines else {}
    return ChildResult(output, seconds, usage.ru_maxrss / 1024)  # ru_maxrss is in KiB


def worker(phase: str, arguments: dict[str, Any], settings: Settings) -> ChildResult:
    command = [sys.executable, "-m", "benchmarks.worker", phase, json.dumps(arguments)]
    return run_child(command, settings)


def measure_corpus(corpus: Corpus, settings: Settings, options: Options) -> dict[str, Any]:
    """Every number of the benchmark table for one corpus (see the module docstring)."""
    load_average = os.getloadavg()  # other work on the machine skews every number
    backend, bench = settings.backend, options.bench_dir
    # dataclasses.replace: Settings.replace would skip the None (the embedded store).
    settings = dataclasses.replace(
        settings, store=corpus.path(bench, "store", backend), chroma_url=None
    )
    (bench / corpus.name).mkdir(parents=True, exist_ok=True)
    questions = sample_questions(corpus.questions, options.questions)
    cache = corpus.path(bench, "ingest", backend, ".json")
    build = _ingest_and_encode(corpus, settings, options.rebuild, cache)
    answers = corpus.path(bench, "answers", backend, ".json")
    query = worker("query", {"questions": questions, "answers": str(answers)}, settings)
    result = {
        "corpus": corpus.name,
        "articles": _relative(corpus.articles),
        "questions_file": _relative(corpus.questions),
        "measured_at": _now(),
        "load_average": load_average,
        "backend": settings.backend,
        **build,
        "query": {
            **_latency(query.output["latencies_ms"]),
            "encode_p50_ms": float(np.percentile(query.output["encode_ms"], 50)),
            "first_answer_seconds": query.output["first_answer_seconds"],
            "abstained": query.output["abstained"],
            "rejected": query.output["rejected"],
            "peak_rss_mb": query.peak_rss_mb,
        },
        "cold": cold_ask(questions, settings),
        "store_mb": _disk_mb(settings.store),
    }
    return result


def _ingest_and_encode(
    corpus: Corpus, settings: Settings, rebuild: bool, cache: Path
) -> dict[str, Any]:
    """Ingest (resuming or skipping when the store is there) and, after a real ingest, the raw
    encode of the same texts; the numbers of the last real ingest are kept in ``cache``."""
    print(f"[{corpus.name}] ingest {corpus.articles} -> {settings.store}", file=sys.stderr)
    run = worker("ingest", {"articles": str(corpus.articles), "rebuild": rebuild}, settings)
    if not run.output["changed"]:
        if cache.is_file():
            kept: dict[str, Any] = json.loads(cache.read_text(encoding="utf-8"))
            kept["ingest"]["reused"] = True
            return kept
        # An up-to-date store this folder has no numbers for: build it again to measure.
        run = worker("ingest", {"articles": str(corpus.articles), "rebuild": True}, settings)
    print(f"[{corpus.name}] raw encode of the same texts", file=sys.stderr)
    raw = worker("encode", {}, settings)
    out = run.output
    texts = raw.output["sentences"] + raw.output["chunks"]
    raw_seconds = raw.output["sentences_seconds"] + raw.output["chunks_seconds"]
    raw_cpu = raw.output["sentences_cpu_seconds"] + raw.output["chunks_cpu_seconds"]
    ingest_rate = out["embedded"] / out["seconds"] if out["seconds"] else 0.0
    raw_rate = texts / raw_seconds if raw_seconds else 0.0
    build = {
        "documents": out["documents"],
        "sentences": out["sentences"],
        "chunks": out["chunks"],
        "ingest": {
            "seconds": out["seconds"],
            "cpu_seconds": out["cpu_seconds"],
            "embedded": out["embedded"],
            "encode_seconds": out["encode_seconds"],
            "model_load_seconds": out["model_load_seconds"],
            "sentences_per_s": out["sentences"] / out["seconds"],
            "chunks_per_s": out["chunks"] / out["seconds"],
            "texts_per_s": ingest_rate,
            "peak_rss_mb": run.peak_rss_mb,
            "reused": False,
            # True when an interrupted earlier run had embedded part of the corpus already.
            "resumed": out["embedded"] < out["sentences"] + out["chunks"],
        },
        "raw_encode": {
            "seconds": raw_seconds,
            "cpu_seconds": raw_cpu,
            "sentences_per_s": raw.output["sentences"] / raw.output["sentences_seconds"],
            "chunks_per_s": raw.output["chunks"] / raw.output["chunks_seconds"],
            "texts_per_s": raw_rate,
            "batch_size": settings.batch_size,
        },
        "ingest_vs_raw": ingest_rate / raw_rate if raw_rate else None,
        # The same ratio in CPU seconds per text (robust to other load on the machine).
        "ingest_vs_raw_cpu": (raw_cpu / texts) / (out["cpu_seconds"] / out["embedded"])
        if out["embedded"]
        else None,
    }
    cache.write_text(json.dumps(build, indent=2), encoding="utf-8")
    return build


def cold_ask(questions: list[str], settings: Settings) -> dict[str, Any]:
    """``rag ask QUESTION`` in a fresh process, a few times: wall time and peak memory."""
    rag = Path(sys.executable).with_name("rag")
    command = [str(rag)] if rag.exists() else [sys.executable, "-m", "rag.cli"]
    runs = [
        run_child([*command, "ask", question], settings, parse=False)
        for question in questions[1 : COLD_RUNS + 1]
    ]
    return {
        "seconds": [r.seconds for r in runs],
        "median_seconds": statistics.median(r.seconds for r in runs),
        "peak_rss_mb": max(r.peak_rss_mb for r in runs),
    }


def measure_server(corpus: Corpus, settings: Settings, options: Options) -> dict[str, Any]:
    """The corpus ingested into a real Chroma server (catalog and bm25 index local), then
    asked by 1, 4, 16 ... concurrent clients; answers compared with the embedded store's.

    The server is ``settings.chroma_url`` if set, else a ``chroma run`` started here.
    """
    folder = corpus.path(options.bench_dir, "server", settings.backend)
    answers = corpus.path(options.bench_dir, "answers", settings.backend, ".json")
    if not answers.is_file():
        raise RagError(f"{answers} is missing: run the embedded benchmark of {corpus.name} first")
    load_average = os.getloadavg()
    questions = sample_questions(corpus.questions, options.questions)
    # Its own collection, so a shared server given with --chroma-url keeps its other data.
    settings = settings.replace(store=folder / "store", collection=f"bench-{corpus.name}")
    with contextlib.ExitStack() as stack:
        url = settings.chroma_url or stack.enter_context(
            chroma_server(folder / "chroma", log=folder / "chroma.log")
        )
        settings = settings.replace(chroma_url=url)
        print(f"[{corpus.name}] ingest into the Chroma server at {url}", file=sys.stderr)
        ingest = worker(
            "ingest", {"articles": str(corpus.articles), "rebuild": options.rebuild}, settings
        )
        print(f"[{corpus.name}] {', '.join(map(str, options.clients))} clients", file=sys.stderr)
        clients = worker(
            "clients",
            {"questions": questions, "answers": str(answers), "clients": list(options.clients)},
            settings,
        )
        print(f"[{corpus.name}] rebuild the local catalog from the server", file=sys.stderr)
        rebuilt_store = folder / "store-rebuilt"
        shutil.rmtree(rebuilt_store, ignore_errors=True)
        rebuilt = worker(
            "ingest",
            {"articles": str(corpus.articles), "rebuild": False},
            settings.replace(store=rebuilt_store),
        ).output
    levels = []
    for level in clients.output["levels"]:
        levels.append(
            {
                "clients": level["clients"],
                **_latency(level["latencies_ms"]),
                "answers_per_s": level["answered"] / level["seconds"],
                "asked": level["asked"],
                "answered": level["answered"],
                "equal_to_embedded": level["answered"] - len(level["differing"]),
                "differing": level["differing"][:5],
                "errors": level["errors"][:5],
            }
        )
    out = ingest.output
    return {
        "corpus": corpus.name,
        "measured_at": _now(),
        "load_average": load_average,
        "sentences": out["sentences"],
        "chunks": out["chunks"],
        "ingest": {
            "seconds": out["seconds"],
            "embedded": out["embedded"],
            "texts_per_s": out["embedded"] / out["seconds"] if out["seconds"] else 0.0,
            "peak_rss_mb": ingest.peak_rss_mb,
        },
        "vectors_in_server": clients.output["vectors"],
        # A fresh local catalog from the articles, the vectors already on the server.
        "catalog_rebuild": {"seconds": rebuilt["seconds"], "embedded": rebuilt["embedded"]},
        "clients_peak_rss_mb": clients.peak_rss_mb,
        "levels": levels,
        "local_sidecar_mb": _disk_mb(settings.store)["total"],
        "server_mb": _disk_mb(folder / "chroma")["total"],
    }


def _latency(values: list[float]) -> dict[str, Any]:
    return {
        "questions": len(values),
        "p50_ms": float(np.percentile(values, 50)),
        "p95_ms": float(np.percentile(values, 95)),
        "mean_ms": float(np.mean(values)),
        "max_ms": float(np.max(values)),
    }


def _disk_mb(folder: Path) -> dict[str, float]:
    """Space used on disk: in total and by Chroma's files (the rest is the catalog)."""

    def used(path: Path) -> int:
        if not path.exists():
            return 0
        files = [path] if path.is_file() else [p for p in path.rglob("*") if p.is_file()]
        return sum(p.stat().st_blocks * 512 for p in files)

    total, chroma = used(folder), used(folder / "chroma")
    mib = 1024 * 1024
    return {"total": total / mib, "chroma": chroma / mib, "catalog": (total - chroma) / mib}


def _relative(path: Path) -> str:
    """``path`` relative to the project (results stay machine-independent)."""
    return os.path.relpath(path.resolve(), PROJECT_ROOT)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
