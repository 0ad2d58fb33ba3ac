"""The ``rag`` command as a user runs it, in a subprocess, against a real store."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ARTICLES, rag_command


def rag(*args: str, env: dict[str, str], stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*rag_command(), *args], env=env, input=stdin, capture_output=True, text=True, timeout=300
    )


def test_help_lists_the_subcommands_with_runnable_examples(cli_env: dict[str, str]) -> None:
    result = rag("--help", env=cli_env)
    assert result.returncode == 0
    for command in ("ingest", "ask", "ui", "eval", "bench"):
        assert command in result.stdout
    assert 'rag ask "What did Putin give Trump in 2018?"' in result.stdout
    for command in ("ingest", "ask", "ui", "eval", "bench"):
        sub = rag(command, "--help", env=cli_env)
        assert sub.returncode == 0 and "examples:" in sub.stdout, command


def test_ask_prints_the_answer_with_markers_and_numbered_sources(cli_env: dict[str, str]) -> None:
    result = rag("ask", "What did Putin give Trump in 2018?", env=cli_env)
    assert result.returncode == 0, result.stderr
    assert "soccer ball" in result.stdout and "[1]" in result.stdout
    assert "Sources:" in result.stdout
    assert (
        "[1] Putin claims direct Ukraine talks possible as US pressure mounts — "
        "Euromaidan Press" in result.stdout
    )


def test_ask_shows_conflict_notes_in_the_readable_output(cli_env: dict[str, str]) -> None:
    result = rag("ask", "Who violated the Easter ceasefire?", env=cli_env)
    assert "⚠ Sources disagree on" in result.stdout
    assert "(attributes it to others)" in result.stdout and "(states it as fact)" in result.stdout


def test_ask_explain_prints_the_answer_then_how_it_was_reached(cli_env: dict[str, str]) -> None:
    done = rag("ask", "--explain", "What did Putin give Trump in 2018?", env=cli_env)
    assert done.returncode == 0, done.stderr
    answer, _, explained = done.stdout.partition("How this answer was reached")
    assert "[1]" in answer and "Sources:" in answer
    assert re.search(r"\d+ candidate sentences; the reader read \d+ ", explained)
    refused = rag("ask", "--explain", "--json", "What did Putin give Trump?", env=cli_env)
    assert refused.returncode == 2 and "without --json" in refused.stderr


def test_ask_json_prints_one_object_with_the_documented_keys(
    cli_env: dict[str, str], article_texts: dict[str, str]
) -> None:
    result = rag("ask", "--json", "Does Russia have preconditions for talks?", env=cli_env)
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout)
    assert answer["schema_version"] == 5
    assert {"question", "abstained", "answer", "citations", "conflicts", "nearest"} <= set(answer)
    for citation in answer["citations"]:
        assert set(citation) >= {"n", "source", "start", "end", "quote", "context"}
        assert set(citation["source"]) >= {"doc_id", "title", "publisher", "published"}
        text = article_texts[citation["source"]["doc_id"]]
        assert text[citation["start"] : citation["end"]] == citation["quote"]


def test_ask_json_without_a_question_reads_one_question_per_line(
    cli_env: dict[str, str],
) -> None:
    questions = [
        "Who is Dmitry Peskov?",
        "",
        "What did the German chancellor say?",
        "What is the red line?",
    ]
    result = rag("ask", "--json", env=cli_env, stdin="\n".join(questions) + "\n")
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [a["question"] for a in lines] == [q for q in questions if q]
    assert lines[1]["abstained"] and lines[1]["answer"] == "" and lines[1]["nearest"]
    assert not lines[0]["abstained"] and "Peskov" in lines[0]["answer"]


@pytest.mark.parametrize("question", ["", "   "])
def test_an_empty_question_exits_2_with_a_message(cli_env: dict[str, str], question: str) -> None:
    result = rag("ask", question, env=cli_env)
    assert result.returncode == 2
    assert "error: the question is empty" in result.stderr and "Traceback" not in result.stderr


def test_asking_an_empty_store_says_to_ingest(cli_env: dict[str, str], tmp_path: Path) -> None:
    env = dict(cli_env, RAG_STORE=str(tmp_path / "empty"))
    result = rag("ask", "Who is Putin?", env=env)
    assert result.returncode == 1
    assert "no articles ingested" in result.stderr and "rag ingest" in result.stderr


def test_ingest_names_the_bad_file_and_ingests_the_good_one(
    cli_env: dict[str, str], tmp_path: Path
) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    shutil.copy(ARTICLES / "002_72acc11ac7a82a21.txt", folder)
    (folder / "scan.txt").write_bytes(b"%PDF-1.7\n\x00\x01\x02binary")
    env = dict(cli_env, RAG_STORE=str(tmp_path / "store"))
    first = rag("ingest", str(folder), env=env)
    assert first.returncode == 0, first.stderr
    assert "added 1" in first.stdout and "1 documents" in first.stdout
    assert "skipped" in first.stdout and "scan.txt" in first.stdout and "binary" in first.stdout
    assert "DEBUG" not in first.stderr  # libraries' debug chatter stays out of the terminal
    second = rag("ingest", str(folder), env=env)
    assert "nothing to re-ingest" in second.stdout


def test_answering_never_imports_torch_or_sentence_transformers(cli_env: dict[str, str]) -> None:
    # The ONNX export is an installation step (`rag setup`); a question only loads ONNX files.
    script = (
        "import sys\n"
        "from rag.cli import main\n"
        "main(['ask', 'What did Putin give Trump in 2018?'])\n"
        "heavy = ('torch', 'sentence_transformers', 'transformers')\n"
        "print(sorted(m for m in heavy if m in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], env=cli_env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert "soccer ball" in result.stdout
    assert result.stdout.strip().splitlines()[-1] == "[]"
