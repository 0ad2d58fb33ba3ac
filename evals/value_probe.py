"""How well the annotator reads the values news writes, and when two sources' values agree.

Three sets in ``evals/data/values/``, each written blind by a helper (from how wire
services and British, American, Australian, Indian and African outlets write; without the
code or the other sets) and first run once on the code of its day (docs/evaluation-log.md,
*Conflicts*, 4 Dec, stop 42; since mended on, so they now measure fit):

- ``pairs.jsonl``: two sentences as two outlets would state one fact, the span holding the
  value in each, and whether the values ``agree`` (the same, or one less precise, rounded
  or converted) or ``disagree`` (they cannot both be true). Each sentence is read alone
  with its own publication date; the value read where the span is (the one overlapping it
  most) is compared with :func:`rag.values.compatible`.
- ``unread.jsonl``: a sentence and a span that names something rather than stating a figure
  ("Apollo 11", "at 18:00", "Route 66"): reading a figure there is a fault.

Run ``python -m evals.value_probe`` (every set) or ``python -m evals.value_probe DIR``.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rag.annotate import annotate, values_of
from rag.values import Value, compatible

SETS = Path(__file__).resolve().parent / "data" / "values"
OUTCOMES = ("agree", "disagree", "incomparable", "unread")


@dataclass(frozen=True)
class PairResult:
    """One pair: its label, what the code made of it, and the two values it read."""

    id: str
    label: str  # "agree" or "disagree"
    outcome: str  # one of OUTCOMES
    spans: tuple[str, str]
    values: tuple[Value | None, Value | None]

    @property
    def right(self) -> bool:
        return self.outcome == self.label


@dataclass(frozen=True)
class SetResult:
    """A set's pairs and its sentences whose named figure was read as a value (misread)."""

    name: str
    pairs: tuple[PairResult, ...]
    misread: tuple[str, ...]
    unread_rows: int

    @property
    def accuracy(self) -> float:
        return sum(p.right for p in self.pairs) / len(self.pairs)


def _rows(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def _read(sentences: Sequence[tuple[str, str | None]]) -> list[list[Value]]:
    """The values of each (sentence, publication date), read alone, in batches by date."""
    by_date: dict[str | None, list[int]] = defaultdict(list)
    for i, (_, published) in enumerate(sentences):
        by_date[published].append(i)
    found: list[list[Value]] = [[] for _ in sentences]
    for published, indices in by_date.items():
        annotations = annotate([sentences[i][0] for i in indices], published)
        for i, annotation in zip(indices, annotations, strict=True):
            found[i] = values_of(annotation)
    return found


def _at(sentence: str, span: str, values: Sequence[Value]) -> Value | None:
    """The value that overlaps ``span`` in ``sentence`` most, or None."""
    start = sentence.index(span)
    end = start + len(span)
    overlaps = [(min(end, v.end) - max(start, v.start), v) for v in values]
    best = max(overlaps, key=lambda pair: pair[0], default=(0, None))
    return best[1] if best[0] > 0 else None


def _outcome(first: Value | None, second: Value | None) -> str:
    if first is None or second is None:
        return "unread"
    holds = compatible(first, second)
    return "incomparable" if holds is None else ("agree" if holds else "disagree")


def run(directory: Path) -> SetResult:
    """Read and compare every pair of a set, and read its unread sentences."""
    pairs = _rows(directory / "pairs.jsonl")
    unread = _rows(directory / "unread.jsonl")
    sentences = [(row[side], row[f"published_{side}"]) for row in pairs for side in ("a", "b")]
    sentences += [(row["sentence"], row.get("published")) for row in unread]
    found = _read(sentences)
    results = []
    for i, row in enumerate(pairs):
        first = _at(row["a"], row["span_a"], found[2 * i])
        second = _at(row["b"], row["span_b"], found[2 * i + 1])
        results.append(
            PairResult(
                row["id"],
                row["label"],
                _outcome(first, second),
                (row["span_a"], row["span_b"]),
                (first, second),
            )
        )
    misread = []
    for row, values in zip(unread, found[2 * len(pairs) :], strict=True):
        start = row["sentence"].index(row["span"])
        end = start + len(row["span"])
        if any(v.kind == "number" and v.start < end and start < v.end for v in values):
            misread.append(row["id"])
    return SetResult(directory.name, tuple(results), tuple(misread), len(unread))


def _shown(value: Value | None) -> str:
    if value is None:
        return "-"
    return (
        f"{value.norm!r} [{value.low:g}, {value.high:g}] {value.unit}"
        if value.low is not None
        else repr(value.norm)
    )


def report(result: SetResult, wrong: bool = True) -> str:
    """The set's confusion table, accuracy and (with ``wrong``) each wrong pair."""
    counts = Counter((p.outcome, p.label) for p in result.pairs)
    lines = [
        f"## {result.name}: {len(result.pairs)} pairs",
        "outcome        agree  disagree",
        *(f"{o:<13}{counts[o, 'agree']:>6}{counts[o, 'disagree']:>10}" for o in OUTCOMES),
        f"accuracy {sum(p.right for p in result.pairs)}/{len(result.pairs)}"
        f" = {result.accuracy:.3f}",
        f"names read as figures: {len(result.misread)}/{result.unread_rows} "
        + " ".join(result.misread),
    ]
    if wrong:
        for p in result.pairs:
            if not p.right:
                lines.append(
                    f"  {p.id} {p.label} -> {p.outcome}: {p.spans[0]!r} {_shown(p.values[0])}"
                    f" | {p.spans[1]!r} {_shown(p.values[1])}"
                )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sets", nargs="*", type=Path, help="set folders (default: every set)")
    parser.add_argument("--brief", action="store_true", help="no line per wrong pair")
    args = parser.parse_args(argv)
    for directory in args.sets or sorted(p for p in SETS.iterdir() if p.is_dir()):
        print(report(run(directory), wrong=not args.brief))


if __name__ == "__main__":
    main()
