"""Fault injection (issue 18): each numbered case of the issue, reproduced with real processes,
real signals, a real small filesystem and a real `chroma run`, and the fixed behaviour asserted:
the store still answers, every quote is ``file[start:end]``, and nothing is lost."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from benchmarks.server import chroma_server
from benchmarks.soak import Asker
from ingest.pipeline import ingest
from rag.api import Pipeline
from rag.config import Settings
from rag.store import Store, doctor, live_generation, published_generations
from tests.conftest import ARTICLES, make_settings, rag_command

SMALL = ["002_72acc11ac7a82a21", "003_56b82167046989ac"]
QUESTIONS = [
    "Which countries did Russia approach to broker negotiations?",
    "What did Putin give Trump in 2018?",
    "Who is Dmitry Peskov?",
    "Who violated the Easter ceasefire?",
]
KILL_POINTS = ["vectors-written", "catalog-written", "renamed", "switched"]


def rag(
    *args: str, env: dict[str, str], stdin: str | bytes | None = None, timeout: float = 300
) -> subprocess.CompletedProcess[Any]:
    return subprocess.run(
        [*rag_command(), *args],
        env=env,
        input=stdin,
        capture_output=True,
        text=not isinstance(stdin, bytes),
        timeout=timeout,
    )


def env_for(cli_env: dict[str, str], store: Path, **extra: str) -> dict[str, str]:
    return cli_env | {"RAG_STORE": str(store)} | extra


def articles(folder: Path, stems: list[str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for stem in stems:
        shutil.copy(ARTICLES / f"{stem}.txt", folder)
    return folder


def original(doc_id: str) -> str:
    return (ARTICLES / f"{doc_id}.txt").read_bytes().decode("utf-8")


def assert_verbatim(answer: dict[str, Any]) -> None:
    assert "error" not in answer, answer
    for citation in answer["citations"]:
        text = original(citation["source"]["doc_id"])
        assert text[citation["start"] : citation["end"]] == citation["quote"]


def sentence_ids(store: Path, **overrides: object) -> list[str]:
    opened = Store.open(make_settings(store, **overrides))
    try:
        return [s.id for s in opened.sentences]
    finally:
        opened.close()


def ask_json(env: dict[str, str], question: str = QUESTIONS[0]) -> dict[str, Any]:
    done = rag("ask", "--json", question, env=env)
    assert done.returncode == 0, done.stderr
    answer: dict[str, Any] = json.loads(done.stdout)
    assert_verbatim(answer)
    return answer


# --- 1. Asking while an ingest writes -----------------------------------------------------


@pytest.mark.slow
def test_1_askers_in_other_processes_keep_answering_while_ingests_write(
    cli_env: dict[str, str], tmp_path: Path
) -> None:
    folder = articles(tmp_path / "articles", SMALL[:1])
    env = env_for(cli_env, tmp_path / "store")
    assert rag("ingest", str(folder), env=env).returncode == 0

    # Quotes are checked against the files as they are now: the change below only appends.
    def current_text(doc_id: str) -> str:
        return (folder / f"{doc_id}.txt").read_bytes().decode("utf-8")

    askers = [Asker(n, env, QUESTIONS, current_text, time.monotonic() + 600) for n in range(3)]
    for asker in askers:
        asker.start()
    articles(folder, [p.stem for p in sorted(ARTICLES.glob("*.txt"))])  # three more
    changed = folder / f"{SMALL[1]}.txt"
    for step in range(3):
        if step == 2:
            changed.write_text(original(SMALL[1]) + "\nPutin also praised the weather.\n")
        done = rag("ingest", str(folder), env=env)
        assert done.returncode == 0, done.stderr
    for asker in askers:
        asker.until = 0.0
        asker.join(timeout=120)
    assert all(a.answers > 0 for a in askers)
    assert [e for a in askers for e in a.errors] == []
    # Nothing lost: the store equals a fresh ingest of the same files, and nothing is re-embedded.
    again = rag("ingest", str(folder), env=env)
    assert "nothing to re-ingest" in again.stdout
    fresh = tmp_path / "fresh"
    assert rag("ingest", str(folder), env=env_for(cli_env, fresh)).returncode == 0
    assert sentence_ids(tmp_path / "store") == sentence_ids(fresh)


# --- 2. A running process sees what another process ingested -----------------------------


@pytest.mark.slow
def test_2_a_running_pipeline_answers_about_an_article_another_process_added(
    cli_env: dict[str, str], tmp_path: Path
) -> None:
    folder = articles(tmp_path / "articles", SMALL[1:])
    settings = make_settings(tmp_path / "store")
    ingest([folder], settings)
    pipeline = Pipeline(settings)  # as `rag ui` holds it
    before = pipeline.ask(QUESTIONS[0]).to_dict()
    assert not any(c["source"]["doc_id"] == SMALL[0] for c in before["citations"])
    articles(folder, SMALL[:1])
    assert rag("ingest", str(folder), env=env_for(cli_env, settings.store)).returncode == 0
    after = pipeline.ask(QUESTIONS[0]).to_dict()
    assert_verbatim(after)
    assert any(c["source"]["doc_id"] == SMALL[0] for c in after["citations"])
    # The generation the pipeline read before is released, and the next ingest removes it.
    ingest([folder], settings, prune=True)
    assert published_generations(settings.store) == [live_generation(settings.store)]


# --- 3. A full disk ------------------------------------------------------------------------


@contextlib.contextmanager
def tmpfs(folder: Path, size: str) -> Iterator[Path]:
    folder.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)])
    if mounted.returncode != 0:
        pytest.skip("mounting a tmpfs is not permitted here")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def resize(folder: Path, size: str) -> None:
    subprocess.run(["mount", "-o", f"remount,size={size}", str(folder)], check=True)


@pytest.mark.slow
def test_3_a_full_disk_fails_the_ingest_clearly_and_loses_nothing(
    cli_env: dict[str, str], tmp_path: Path
) -> None:
    folder = articles(tmp_path / "articles", SMALL[:1])
    with tmpfs(tmp_path / "disk", "64m") as disk:
        env = env_for(cli_env, disk / "store")
        assert rag("ingest", str(folder), env=env).returncode == 0
        before = ask_json(env)
        used = shutil.disk_usage(disk).used
        resize(disk, f"{used // 1024 + 256}k")  # room for a little, not for a new generation
        articles(folder, [p.stem for p in sorted(ARTICLES.glob("*.txt"))])
        full = rag("ingest", str(folder), env=env)
        assert full.returncode == 1 and "Traceback" not in full.stderr
        assert "is full" in full.stderr and "answers as before" in full.stderr
        assert ask_json(env) == before  # the old answers are intact
        resize(disk, "64m")
        assert ask_json(env) == before
        done = rag("ingest", str(folder), env=env)
        assert done.returncode == 0, done.stderr
        assert sentence_ids(disk / "store") == sentence_ids_of_fresh(folder, tmp_path)
        ask_json(env, QUESTIONS[1])


def sentence_ids_of_fresh(folder: Path, tmp_path: Path) -> list[str]:
    fresh = make_settings(tmp_path / "fresh")
    ingest([folder], fresh)
    return sentence_ids(fresh.store)


# --- 4. SIGKILL at chosen points of the commit ---------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("point", KILL_POINTS)
def test_4_a_kill_at_any_point_of_the_commit_leaves_a_store_that_answers_and_ingests(
    cli_env: dict[str, str], tmp_path: Path, point: str
) -> None:
    folder = articles(tmp_path / "articles", SMALL[:1])
    env = env_for(cli_env, tmp_path / "store")
    assert rag("ingest", str(folder), env=env).returncode == 0
    articles(folder, SMALL[1:])
    killed = rag("ingest", str(folder), env=env | {"RAG_TEST_KILL_AT": point})
    assert killed.returncode == -signal.SIGKILL
    ask_json(env)  # the old generation or the new one, never a broken one
    done = rag("ingest", str(folder), env=env)
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    assert sentence_ids(tmp_path / "store") == sentence_ids_of_fresh(folder, tmp_path)
    leftovers = {p.name for p in (tmp_path / "store").iterdir()}
    assert leftovers == {"CURRENT", ".lock", "texts", live_generation(tmp_path / "store")}


def test_4_a_deleted_current_still_answers_and_doctor_restores_it(
    cli_env: dict[str, str], tmp_path: Path
) -> None:
    settings = make_settings(tmp_path / "store")
    ingest([ARTICLES / f"{SMALL[0]}.txt"], settings)
    (settings.store / "CURRENT").unlink()
    env = env_for(cli_env, settings.store)
    ask_json(env)
    doctor = rag("doctor", env=env)
    assert doctor.returncode == 0 and "pointed it at gen-000001" in doctor.stdout
    assert (settings.store / "CURRENT").read_text().strip() == "gen-000001"


# --- 5. A frozen or killed Chroma server -------------------------------------------------


@pytest.mark.slow
@pytest.mark.server
def test_5_a_frozen_server_times_out_and_a_killed_one_fails_one_batch_line(
    cli_env: dict[str, str], tmp_path: Path
) -> None:
    folder = articles(tmp_path / "articles", SMALL[:1])
    with chroma_server(tmp_path / "chroma") as url:
        env = env_for(cli_env, tmp_path / "store", RAG_CHROMA_URL=url, RAG_CHROMA_TIMEOUT="2")
        assert rag("ingest", str(folder), env=env).returncode == 0
        server = _server_pid(url)
        os.kill(server, signal.SIGSTOP)
        try:
            started = time.monotonic()
            frozen = rag("ask", QUESTIONS[0], env=env, timeout=60)
            assert time.monotonic() - started < 30
            assert frozen.returncode == 1 and "did not answer" in frozen.stderr
            assert url in frozen.stderr and "Traceback" not in frozen.stderr
        finally:
            os.kill(server, signal.SIGCONT)
        ask_json(env)

        batch = subprocess.Popen(
            [*rag_command(), "ask", "--json"],
            env=env | {"RAG_CHROMA_RETRIES": "1"},
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert batch.stdin is not None and batch.stdout is not None
        batch.stdin.write(QUESTIONS[0] + "\n")
        batch.stdin.flush()
        assert_verbatim(json.loads(batch.stdout.readline()))
        os.kill(server, signal.SIGKILL)
        time.sleep(1)
        out, err = batch.communicate("\n".join(QUESTIONS[1:3]) + "\n", timeout=120)
        lines = [json.loads(line) for line in out.splitlines()]
        assert [line["question"] for line in lines] == QUESTIONS[1:3]
        assert all("cannot reach the Chroma server" in line["error"] for line in lines)
        assert batch.returncode == 0 and "Traceback" not in err


def _server_pid(url: str) -> int:
    port = url.rsplit(":", 1)[1]
    found = subprocess.run(["ss", "-ltnpH", f"sport = :{port}"], capture_output=True, text=True)
    return int(found.stdout.split("pid=")[1].split(",")[0])


# --- 6. A reader and the deletion of its generation --------------------------------------


def test_6_an_ingest_never_deletes_a_generation_a_reader_holds(tmp_path: Path) -> None:
    folder = articles(tmp_path / "articles", SMALL[:1])
    settings = make_settings(tmp_path / "store")
    ingest([folder], settings)
    reader = Store.open(settings)
    articles(folder, SMALL[1:])
    ingest([folder], settings)
    assert not reader.is_current()
    assert (settings.store / reader.generation_name).is_dir()  # leased: left in place
    # The old generation still answers in full: lexical index, vectors and texts.
    assert reader.lexical_sentences("Russia", k=3)
    hit = reader.nearest_sentences(reader.vectors(reader.sentences[:1])[0], k=1)[0]
    assert hit.sentence == reader.sentences[0]
    assert reader.text(SMALL[0])[hit.sentence.start : hit.sentence.end] == hit.sentence.text
    reader.close()
    checkup = doctor(settings)  # or the next ingest
    assert checkup.healthy and any(
        "removed the old generation" in f.problem for f in checkup.findings
    )
    assert published_generations(settings.store) == [live_generation(settings.store)]


# --- 7. Bad bytes and broken pipes --------------------------------------------------------


def test_7_bad_bytes_in_a_question_are_replaced_and_never_end_a_batch(
    cli_env: dict[str, str], pipeline: Pipeline
) -> None:
    argument = subprocess.run(
        [*rag_command(), "ask", "--json", b"What did Putin give \xff Trump in 2018?"],
        env=cli_env,
        capture_output=True,
        timeout=120,
    )
    assert argument.returncode == 0, argument.stderr
    answer = json.loads(argument.stdout)
    assert "\ufffd" in answer["question"] and "soccer ball" in answer["answer"]
    lines = b"Who is Dmitry Peskov?\nWhat is \xc3\x28 the red line?\nWhat did Putin give Trump?\n"
    batch = rag("ask", "--json", env=cli_env, stdin=lines)
    assert batch.returncode == 0 and b"Traceback" not in batch.stderr
    answers = [json.loads(line) for line in batch.stdout.splitlines()]
    assert len(answers) == 3 and all("error" not in a for a in answers)
    # The UI passes the browser's text to the same pipeline: a lone surrogate is replaced too.
    assert "soccer ball" in pipeline.ask("What did Putin give \udcff Trump in 2018?").answer


def test_7_a_closed_pipe_ends_the_command_quietly(cli_env: dict[str, str]) -> None:
    process = subprocess.Popen(
        [*rag_command(), "ask", "--json"],
        env=cli_env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None and process.stdin is not None
    process.stdout.close()  # `| head -1` that has what it wanted
    _, err = process.communicate("\n".join(QUESTIONS).encode() + b"\n", timeout=120)
    assert process.returncode == 128 + signal.SIGPIPE
    assert b"Traceback" not in err and b"BrokenPipe" not in err


# --- 8. Damaged or unusual stores: messages, and repairs without embedding ----------------


@pytest.fixture()
def small_store(tmp_path: Path) -> Settings:
    settings = make_settings(tmp_path / "store")
    ingest([articles(tmp_path / "articles", SMALL)], settings)
    return settings


@pytest.mark.parametrize("damage", ["sentences.jsonl", "chunks.jsonl"])
def test_8_a_truncated_catalog_is_explained_and_rebuilt_without_embedding(
    cli_env: dict[str, str], small_store: Settings, tmp_path: Path, damage: str
) -> None:
    path = small_store.store / "gen-000001" / damage
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    env = env_for(cli_env, small_store.store)
    failed = rag("ask", QUESTIONS[0], env=env)
    assert failed.returncode == 1 and "Traceback" not in failed.stderr
    assert "damaged" in failed.stderr and "rag doctor" in failed.stderr
    doctor = rag("doctor", env=env)
    assert doctor.returncode == 1 and "set aside" in doctor.stdout and "rag ingest" in doctor.stdout
    report = ingest([tmp_path / "articles"], small_store)
    assert report.embedded == 0  # every vector came from the generation set aside
    ask_json(env)
    assert rag("doctor", env=env).returncode == 0


def test_8_a_missing_lexical_index_or_text_is_repaired_by_doctor(
    cli_env: dict[str, str], small_store: Settings
) -> None:
    generation = small_store.store / "gen-000001"
    shutil.rmtree(generation / "lexical")
    text = next((small_store.store / "texts").glob("*.txt"))
    text.unlink()
    env = env_for(cli_env, small_store.store)
    failed = rag("ask", QUESTIONS[0], env=env)
    assert failed.returncode == 1 and "rag doctor" in failed.stderr
    assert "Traceback" not in failed.stderr
    doctor = rag("doctor", env=env)
    assert doctor.returncode == 0, doctor.stdout
    assert "lexical index" in doctor.stdout and "restored from" in doctor.stdout
    ask_json(env)


def test_8_a_store_that_is_a_file_is_refused_with_a_message(
    cli_env: dict[str, str], tmp_path: Path
) -> None:
    path = tmp_path / "store.txt"
    path.write_text("not a store")
    for command in (["ask", QUESTIONS[0]], ["ingest", str(ARTICLES / f"{SMALL[0]}.txt")]):
        done = rag(*command, env=env_for(cli_env, path))
        assert done.returncode == 1 and "is a file, not a store folder" in done.stderr


@pytest.mark.slow
def test_8_a_read_only_store_answers_and_refuses_ingest_with_a_message(
    cli_env: dict[str, str], small_store: Settings, tmp_path: Path
) -> None:
    mount = tmp_path / "ro"
    mount.mkdir()
    bound = subprocess.run(["mount", "--bind", "-o", "ro", str(small_store.store), str(mount)])
    if bound.returncode != 0:
        pytest.skip("a read-only bind mount is not permitted here")
    try:
        env = env_for(cli_env, mount)
        ask_json(env)
        refused = rag("ingest", str(ARTICLES / "000_a8e0354666d9b320.txt"), env=env)
        assert refused.returncode == 1 and "Traceback" not in refused.stderr
        assert "cannot write to the store" in refused.stderr
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)
