"""Read a gold file: one JSON object a line, in the format evals/GOLD.md describes.

Only the documented keys are read (``id``, ``question``, ``answers``, ``sources``,
``conflict``, ``answerable``, ``category``, and the optional ``conflict_kind``,
``wrong_answers`` (RAMDocs' misinformation), ``claims`` (each source's span and agreement
group, as in ``evals/data/conflicts``) and ``ambiguous``); other keys are ignored, so gold
files written elsewhere run as they are.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from evals.metrics import GoldQuestion
from rag.config import PROJECT_ROOT
from rag.errors import RagError

DEFAULT_GOLD = PROJECT_ROOT / "evals" / "gold.jsonl"
CONFLICT_KINDS = ("contradiction", "occasion", "framing")


class GoldFileError(RagError):
    """A gold file is missing or one of its lines does not follow the format."""


def load_gold(path: Path, limit: int | None = None) -> list[GoldQuestion]:
    """The questions of a gold file, the first ``limit`` of them if given.

    Example::

        questions = load_gold(DEFAULT_GOLD)
        questions[0].id, questions[0].answers     # ("g001", ("Marko Rubio", "Rubio"))
    """
    try:
        # utf-8-sig: a byte-order mark, as some editors write one, is not part of line 1.
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except OSError as exc:
        raise GoldFileError(
            f"cannot read the gold file {path} ({exc.strerror or exc}): pass an existing "
            "JSONL file with --gold"
        ) from exc
    except UnicodeDecodeError as exc:
        raise GoldFileError(
            f"the gold file {path} is not UTF-8 (byte {exc.start}): save it as UTF-8"
        ) from None
    questions: list[GoldQuestion] = []
    seen: set[str] = set()
    for number, line in enumerate(lines, start=1):
        if limit is not None and len(questions) >= limit:
            break
        if not line.strip():
            continue
        try:
            question = parse_line(json.loads(line))
        except (ValueError, TypeError) as exc:
            raise GoldFileError(
                f"{path}, line {number}: {exc}: fix the line (format in evals/GOLD.md)"
            ) from None
        if question.id in seen:
            raise GoldFileError(
                f"{path}, line {number}: id {question.id!r} is used twice: ids must be unique"
            )
        seen.add(question.id)
        questions.append(question)
    if not questions:
        raise GoldFileError(f"{path} holds no questions: add one JSON object per line")
    return questions


def parse_line(row: Any) -> GoldQuestion:
    """One gold line (already decoded from JSON), validated; ``ValueError`` says what is wrong.

    >>> parse_line({"id": "q1", "question": "Who?", "answers": ["Rubio"], "sources": ["d"],
    ...             "conflict": False, "answerable": True, "category": "factoid"}).answers
    ('Rubio',)
    """
    if not isinstance(row, dict):
        raise ValueError(f"expected a JSON object, got {type(row).__name__}")
    missing = [
        k
        for k in ("id", "question", "answers", "sources", "conflict", "answerable", "category")
        if k not in row
    ]
    if missing:
        raise ValueError(f"missing key(s) {', '.join(missing)}")
    for key in ("id", "question", "category"):
        if not isinstance(row[key], str) or not row[key].strip():
            raise ValueError(f"{key!r} must be a non-empty string, got {row[key]!r}")
    for key in ("answers", "sources"):
        if not isinstance(row[key], list) or not all(isinstance(x, str) for x in row[key]):
            raise ValueError(f"{key!r} must be a list of strings, got {row[key]!r}")
    if not isinstance(row["answerable"], bool):
        raise ValueError(f"'answerable' must be true or false, got {row['answerable']!r}")
    if row["conflict"] is not None and not isinstance(row["conflict"], bool):
        raise ValueError(f"'conflict' must be true, false or null, got {row['conflict']!r}")
    if row["answerable"] and not row["answers"]:
        raise ValueError("an answerable question needs at least one answer span")
    kind = row.get("conflict_kind")
    if kind is not None and kind not in CONFLICT_KINDS:
        raise ValueError(
            f"'conflict_kind' must be one of {', '.join(CONFLICT_KINDS)}, got {kind!r}"
        )
    wrong = row.get("wrong_answers")
    if wrong is not None and (
        not isinstance(wrong, list) or not all(isinstance(x, str) for x in wrong)
    ):
        raise ValueError(f"'wrong_answers' must be a list of strings, got {wrong!r}")
    claims = row.get("claims", [])
    if not isinstance(claims, list) or not all(
        isinstance(c, dict) and isinstance(c.get("span"), str) and isinstance(c.get("group"), str)
        for c in claims
    ):
        raise ValueError(f"'claims' must be a list of {{span, group, source}} objects: {claims!r}")
    return GoldQuestion(
        id=row["id"],
        question=row["question"],
        answers=tuple(row["answers"]),
        sources=tuple(row["sources"]),
        conflict=row["conflict"],
        answerable=row["answerable"],
        category=row["category"],
        conflict_kind=kind,
        wrong_answers=None if wrong is None else tuple(dict.fromkeys(wrong)),
        claim_groups=tuple((c["span"], c["group"]) for c in claims),
        ambiguous=bool(row.get("ambiguous", False)),
    )
