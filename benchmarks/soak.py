"""Soak run of the store's concurrency design (issue 18): the default embedded store, `rag ui`
running, 8 concurrent `rag ask --json` processes, 2 uploads through the UI and 3 CLI ingests.

Every answer is checked (no error, every quote equal to its file's ``text[start:end]``), the
UI is asked between the writes, and at the end the store is compared with a fresh ingest of
the same files (the same sentence ids). Prints the numbers; exit code 1 on any failure.

    python -m benchmarks.soak --minutes 10          # the issue's run
    python -m benchmarks.soak --minutes 1 --askers 2   # a quick look
"""

from __future__ import annotations

import argparse
import html
import json
import os
import re
import select
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from benchmarks.server import free_port
from rag.config import PROJECT_ROOT

BUNDLED = PROJECT_ROOT / "data" / "articles"
CONFLICTS = PROJECT_ROOT / "evals" / "data" / "conflicts"
RAG = [str(Path(sys.executable).with_name("rag"))]


def questions() -> list[str]:
    found = []
    for path in (PROJECT_ROOT / "evals" / "gold.jsonl", CONFLICTS / "qa.jsonl"):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                found.append(json.loads(line)["question"])
    return found


class Asker(threading.Thread):
    """One `rag ask --json` process answering questions until the deadline."""

    def __init__(self, n: int, env: dict[str, str], asked: list[str], texts: Any, until: float):
        super().__init__(daemon=True)
        self.n, self.env, self.asked, self.texts, self.until = n, env, asked, texts, until
        self.answers = self.abstained = 0
        self.errors: list[str] = []
        self.latencies: list[float] = []

    def run(self) -> None:
        process = subprocess.Popen(
            [*RAG, "ask", "--json"],
            env=self.env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        assert process.stdin is not None and process.stdout is not None
        i = self.n
        while time.monotonic() < self.until:
            question = self.asked[i % len(self.asked)]
            i += 8
            started = time.perf_counter()
            process.stdin.write(question + "\n")
            process.stdin.flush()
            ready, _, _ = select.select([process.stdout], [], [], 120)
            line = process.stdout.readline() if ready else ""
            self.latencies.append(time.perf_counter() - started)
            if not line:
                self.errors.append(f"no answer to {question!r} (exit {process.poll()})")
                break
            self.check(question, json.loads(line))
        process.stdin.close()
        process.wait(timeout=60)

    def check(self, question: str, answer: dict[str, Any]) -> None:
        if "error" in answer:
            self.errors.append(f"{question!r}: {answer['error']}")
            return
        self.answers += 1
        self.abstained += bool(answer["abstained"])
        for citation in answer["citations"]:
            text = self.texts(citation["source"]["doc_id"])
            if text[citation["start"] : citation["end"]] != citation["quote"]:
                self.errors.append(f"{question!r}: quote {citation['quote'][:40]!r} not verbatim")


def upload(client: Any, url: str, path: Path) -> str:
    """Add an article as the chat's drop zone does: upload the file into Gradio's cache, then
    name it to ``/add_articles``; the status it shows."""
    import httpx

    with path.open("rb") as f:
        cached = httpx.post(f"{url}gradio_api/upload", files={"files": f}, timeout=60).json()[0]
    sent = json.dumps([{"path": cached, "name": path.name, "size": path.stat().st_size}])
    status = str(client.predict(sent, api_name="/add_articles")[0])
    return " ".join(re.sub(r"<[^>]+>", " ", html.unescape(status)).split())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--askers", type=int, default=8)
    args = parser.parse_args()
    from gradio_client import Client

    work = Path(tempfile.mkdtemp(prefix="newsrag-soak-"))
    store, uploads, incoming = work / "store", work / "uploads", work / "incoming"
    env = {k: v for k, v in os.environ.items() if not k.startswith("RAG_")}
    env |= {"RAG_STORE": str(store), "RAG_UPLOADS": str(uploads), "PYTHONPATH": str(PROJECT_ROOT)}
    batches = sorted((CONFLICTS / "articles").glob("*.txt"))
    cli_batches = [batches[0:7], batches[7:14], batches[14:21]]
    upload_files = batches[21:23]
    folders = []
    for n, batch in enumerate(cli_batches):
        folder = incoming / f"batch{n}"
        folder.mkdir(parents=True)
        for path in batch:
            shutil.copy(path, folder)
        folders.append(folder)

    known = {p.stem: p for p in [*BUNDLED.glob("*.txt"), *batches]}

    def text_of(doc_id: str) -> str:
        path = known.get(doc_id) or next(uploads.glob(f"{doc_id}.*"))
        return path.read_bytes().decode("utf-8")

    subprocess.run([*RAG, "ingest"], env=env, check=True, capture_output=True)
    port = free_port()
    ui = subprocess.Popen(
        [*RAG, "ui", "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert ui.stdout is not None
    ui.stdout.readline()  # "newsrag chat: URL" once it listens
    client = Client(f"http://127.0.0.1:{port}/", verbose=False)
    started = time.monotonic()
    until = started + args.minutes * 60
    askers = [Asker(n, env, questions(), text_of, until) for n in range(args.askers)]
    for asker in askers:
        asker.start()
    writes: list[str] = []
    ui_failures: list[str] = []
    plan = [("cli", f) for f in folders]
    plan.insert(1, ("upload", upload_files[0]))
    plan.insert(3, ("upload", upload_files[1]))
    step = args.minutes * 60 / (len(plan) + 1)
    for n, (kind, what) in enumerate(plan, start=1):
        time.sleep(max(0.0, started + n * step - time.monotonic()))
        t = time.perf_counter()
        if kind == "cli":
            done = subprocess.run(
                [*RAG, "ingest", str(what)], env=env, capture_output=True, text=True
            )
            ok = done.returncode == 0
            detail = done.stdout.strip().splitlines()[0] if ok else done.stderr.strip()
        else:
            status = upload(client, f"http://127.0.0.1:{port}/", Path(what))
            ok = "added as" in status
            detail = status[:120]
        writes.append(
            f"{kind} {Path(what).name}: {'ok' if ok else 'FAILED'} "
            f"({time.perf_counter() - t:.1f} s) {detail}"
        )
        answer = str(client.predict("Who scored the winning goal?", [], [], api_name="/ask")[2])
        if "Something went wrong" in answer:
            ui_failures.append(f"after {kind} {Path(what).name}")
    for asker in askers:
        asker.join()
    ui.terminate()
    ui.wait(timeout=60)

    fresh = work / "fresh"
    fresh_env = env | {"RAG_STORE": str(fresh)}
    every = [BUNDLED, *folders, *sorted(uploads.glob("*.txt"))]
    subprocess.run(
        [*RAG, "ingest", *map(str, every)], env=fresh_env, check=True, capture_output=True
    )
    from rag.config import Settings
    from rag.store import Store

    soaked = Store.open(Settings.from_env({}, store=store))
    rebuilt = Store.open(Settings.from_env({}, store=fresh))
    same = [s.id for s in soaked.sentences] == [s.id for s in rebuilt.sentences]
    latencies = sorted(x for a in askers for x in a.latencies)
    errors = [e for a in askers for e in a.errors]
    minutes = (time.monotonic() - started) / 60
    print(f"soak: {minutes:.1f} min, {len(askers)} askers, store {store}")
    print(
        f"answers: {sum(a.answers for a in askers)} "
        f"({sum(a.abstained for a in askers)} abstained), errors: {len(errors)}"
    )
    if latencies:
        p50, p95 = latencies[len(latencies) // 2], latencies[int(len(latencies) * 0.95)]
        print(
            f"latency p50 {p50 * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms, max {latencies[-1]:.1f} s"
        )
    print("\n".join(f"write: {w}" for w in writes))
    print(f"UI answers that failed: {len(ui_failures)} {ui_failures}")
    print(
        f"final store: {len(soaked.docs)} documents, {len(soaked.sentences)} sentences; "
        f"same sentence ids as a fresh ingest: {same}"
    )
    for error in errors[:20]:
        print(f"error: {error}")
    ok = not errors and not ui_failures and same and all("ok" in w.split(":")[1] for w in writes)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
