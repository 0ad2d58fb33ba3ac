"""The blind conflict sets' checker (evals/blind_check.py): every set passes, and a copy of the
second set with a fault fails with a message that names it."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from evals.blind_check import check_set, load_own
from rag.config import PROJECT_ROOT

SETS = sorted((PROJECT_ROOT / "evals" / "data").glob("conflicts-blind*"))


@pytest.fixture()
def second_set(tmp_path: Path) -> Path:
    folder = tmp_path / "conflicts-blind2"
    shutil.copytree(PROJECT_ROOT / "evals" / "data" / "conflicts-blind2", folder)
    return folder


@pytest.mark.parametrize("folder", SETS, ids=[s.name for s in SETS])
def test_every_blind_set_passes_its_checks(folder: Path) -> None:
    # as a helper writing a set runs it: the script, from the repository root
    run = subprocess.run(
        [sys.executable, "evals/blind_check.py", str(folder.relative_to(PROJECT_ROOT))],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0 and run.stdout.rstrip().endswith("OK"), run.stdout[-500:]


def test_an_answer_no_article_holds_is_an_error(
    second_set: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    qa = second_set / "qa.jsonl"
    lines = qa.read_text(encoding="utf-8").splitlines()
    first = json.loads(lines[0])
    first["answers"] = ["a span no article holds", *first["answers"][1:]]
    qa.write_text("\n".join([json.dumps(first, ensure_ascii=False), *lines[1:]]) + "\n")
    assert check_set(second_set, *load_own(second_set)) == 1
    assert "answer not verbatim in any article" in capsys.readouterr().out


def test_an_article_without_its_publisher_line_is_an_error(
    second_set: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article = sorted((second_set / "articles").glob("*.txt"))[0]
    lines = article.read_text(encoding="utf-8").split("\n")
    article.write_text("\n".join([lines[0], "By a reporter", *lines[2:]]), encoding="utf-8")
    assert check_set(second_set, *load_own(second_set)) == 1
    assert "line 2 must be 'Publisher: <Name>'" in capsys.readouterr().out
