"""The corpora ``rag bench`` measures: a folder of articles and a file of questions about it."""

from __future__ import annotations

import json
import random
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from rag.config import PROJECT_ROOT, Settings
from rag.errors import ConfigError

SHARED_DATA = PROJECT_ROOT.parent / "shared" / "data"
SIZES = ("small", "dev", "train")
# Fixed, so every run asks the same sample of questions.
SAMPLE_SEED = 7
T = TypeVar("T")


@dataclass(frozen=True)
class Corpus:
    """A named folder of articles with a JSONL file of questions (``{"question": ...}`` lines).

    Example::

        corpus = Corpus("dev", Path("articles"), Path("qa.jsonl"))
        corpus.path(Path(".rag/bench"), "store", "onnx")      # .rag/bench/dev/store-onnx
    """

    name: str
    articles: Path
    questions: Path

    def path(self, bench_dir: Path, name: str, backend: str, suffix: str = "") -> Path:
        """A store, server folder or cached measurement of this corpus under the bench
        folder, one per embedding backend (torch's without a backend in its name)."""
        tag = "" if backend == "torch" else f"-{backend}"
        return bench_dir / self.name / f"{name}{tag}{suffix}"


def builtin(size: str, settings: Settings) -> Corpus:
    """``small`` (the configured articles with the gold questions), ``dev`` or ``train``
    (SQuAD v1.1, from the shared data folder)."""
    if size == "small":
        return Corpus("small", settings.articles, PROJECT_ROOT / "evals" / "gold.jsonl")
    if size not in SIZES:
        raise ConfigError(f"--sizes: {size!r} is not one of {', '.join(SIZES)}")
    folder = SHARED_DATA / f"squad-v1.1-{size}"
    corpus = Corpus(size, folder / "articles", folder / "qa.jsonl")
    if not corpus.articles.is_dir() or not corpus.questions.is_file():
        raise ConfigError(
            f"--sizes {size}: {folder} does not hold articles/ and qa.jsonl: "
            "pass the corpus with --corpus DIR --questions FILE instead"
        )
    return corpus


def from_folders(folders: list[Path], questions: list[Path]) -> list[Corpus]:
    """Corpora given as ``--corpus DIR`` (repeated) with ``--questions FILE`` in the same order;
    a missing questions file defaults to ``qa.jsonl`` in or beside the folder."""
    if len(questions) > len(folders):
        raise ConfigError("more --questions than --corpus: give one questions file per corpus")
    corpora = []
    for i, folder in enumerate(folders):
        if not folder.is_dir():
            raise ConfigError(f"--corpus {folder} is not a folder of articles")
        qa = questions[i] if i < len(questions) else _default_questions(folder)
        if not qa.is_file():
            raise ConfigError(f"--questions {qa} does not exist: give a JSONL file of questions")
        corpora.append(Corpus(_name(folder), folder, qa))
    return corpora


def _default_questions(folder: Path) -> Path:
    for candidate in (folder / "qa.jsonl", folder.parent / "qa.jsonl"):
        if candidate.is_file():
            return candidate
    raise ConfigError(
        f"--corpus {folder}: no qa.jsonl in or beside it: add --questions FILE for this corpus"
    )


def _name(folder: Path) -> str:
    resolved = folder.resolve()
    parts = resolved.parts[-2:] if resolved.name == "articles" else resolved.parts[-1:]
    return re.sub(r"[^A-Za-z0-9._-]+", "-", "-".join(parts)).strip("-._") or "corpus"


def sample_questions(path: Path, n: int) -> list[str]:
    """``n`` questions from a JSONL file (all of them if it has fewer), the same every run."""
    questions = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            questions.append(str(json.loads(line)["question"]))
        except (ValueError, KeyError, TypeError):
            raise ConfigError(
                f'{path}:{number} is not a JSON object with a "question": fix the line'
            ) from None
    return sample(list(dict.fromkeys(questions)), n)


def sample(items: Sequence[T], n: int) -> list[T]:
    """``n`` of the items (all if there are fewer), chosen the same way every run."""
    if len(items) <= n:
        return list(items)
    return random.Random(SAMPLE_SEED).sample(list(items), n)
