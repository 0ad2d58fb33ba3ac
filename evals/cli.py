"""``rag eval``: run a gold file through ours and the baselines, print a table, write a report.

Kept light at import time (the ``rag`` parser imports it): the runner, the model and
matplotlib are imported only when the command runs.
"""

from __future__ import annotations

import argparse
import json
import shlex
import sys
from collections.abc import Callable
from pathlib import Path

from rag.config import PROJECT_ROOT, Settings
from rag.errors import ConfigError, EmptyStoreError, StoreError

EXAMPLES = """\
examples:
  rag eval                                   # evals/gold.jsonl on the default store
  rag eval --corpus data/articles --report gold   # the committed report, on its own store
  rag eval --corpus data/articles --report gold --update-thresholds   # and re-set the CI gate
  rag eval --json --no-baselines             # metrics of ours as one JSON object
  rag eval --gold my-gold.jsonl --limit 50   # the first 50 questions of another gold file
  rag eval --corpus ../shared/data/squad-v1.1-dev/articles \\
           --gold ../shared/data/squad-v1.1-dev/qa.jsonl --limit 2000 --report squad-dev

--corpus DIR ingests DIR into a store of its own (under eval-stores/ beside the default
store, reused by later runs) and evaluates there. The report goes to
evals/reports/NAME.md (NAME defaults to the gold file's name) with its PNG charts beside it;
a --report ending in .md is used as the report's path.
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.epilog = EXAMPLES
    parser.add_argument(
        "--gold",
        type=Path,
        metavar="FILE",
        help="gold JSONL file (default evals/gold.jsonl; format in GOLD.md)",
    )
    parser.add_argument(
        "--corpus",
        type=Path,
        metavar="DIR",
        help="ingest this folder into its own store and evaluate there",
    )
    parser.add_argument(
        "--limit", type=int, metavar="N", help="only the first N questions of the gold file"
    )
    parser.add_argument(
        "--half",
        choices=("calibration", "report"),
        help="only one half of the gold file, split by article (even / odd in sorted order)",
    )
    parser.add_argument("--json", action="store_true", help="print the metrics as one JSON object")
    parser.add_argument(
        "--report",
        metavar="NAME",
        help="report name (evals/reports/NAME.md) or a path ending in .md",
    )
    parser.add_argument(
        "--no-baselines", action="store_true", help="run ours only (faster; no comparison)"
    )
    parser.add_argument(
        "--update-thresholds",
        action="store_true",
        help="re-set the gold file's CI gate (evals/thresholds/NAME.json) from this run",
    )


def report_path(args: argparse.Namespace, gold: Path) -> Path:
    """Where the report goes: ``--report`` as a .md path, or evals/reports/<name>.md."""
    from evals.report import REPORTS

    name = args.report or gold.stem
    if name.endswith(".md"):
        return Path(name)
    if "/" in name or not name.strip(". "):
        raise ConfigError(
            f"--report {name!r} is neither a plain name nor a .md path: "
            "use e.g. --report squad-dev or --report /tmp/eval.md"
        )
    return REPORTS / f"{name}.md"


def command_line(args: argparse.Namespace) -> str:
    """The command that regenerates the report, as written at its top."""
    words = [".venv/bin/rag", "eval"]
    for flag in ("gold", "corpus", "store", "limit", "half", "report"):
        value = getattr(args, flag, None)
        if value is not None:
            words += [f"--{flag}", str(value)]
    if args.no_baselines:
        words.append("--no-baselines")
    return shlex.join(words)


def run(args: argparse.Namespace, settings: Settings) -> int:
    from evals.gate import gate_file, load_limits, remeasured, write_limits
    from evals.gold import DEFAULT_GOLD, half, load_gold
    from evals.report import format_table, write_report
    from evals.runner import corpus_settings, evaluate
    from rag.api import Pipeline

    if args.corpus is not None and args.store is not None:
        raise ConfigError(
            "give either --store or --corpus, not both: --corpus builds its own store"
        )
    if args.limit is not None and args.limit <= 0:
        raise ConfigError(f"--limit must be a positive number of questions, got {args.limit}")
    gold_path = args.gold or DEFAULT_GOLD
    gate = gate_file(gold_path)
    if args.update_thresholds and (gate is None or args.limit is not None or args.half):
        raise ConfigError(
            "--update-thresholds measures the CI gate on the whole of a gated gold file "
            "(one with evals/thresholds/NAME.json): drop --limit and --half"
        )
    questions = load_gold(gold_path, args.limit)
    if args.half is not None:
        questions = half(questions, args.half)
    report = report_path(args, gold_path)
    show_progress = sys.stderr.isatty() or args.verbose
    if args.corpus is not None:
        settings = corpus_settings(args.corpus, settings)
        _ingest_corpus(args.corpus, settings, show_progress)
    pipeline = Pipeline(settings)
    try:
        pipeline.store  # noqa: B018  (open it now, so an empty store fails before any work)
    except EmptyStoreError as exc:
        raise StoreError(
            f"{exc}; or evaluate a folder of articles with `rag eval --corpus DIR`"
        ) from None
    progress = _bar(len(questions)) if show_progress else None
    run_ = evaluate(questions, pipeline, baselines=not args.no_baselines, progress=progress)
    gold_label = _relative(gold_path)
    # Thresholds belong to the whole of a gated set, not to a part of it.
    limits = load_limits(gate) if gate and args.limit is None and not args.half else []
    if args.update_thresholds and gate is not None:
        limits = remeasured(limits, run_.scores["ours"])
        write_limits(limits, run_.scores["ours"], gate)
        print(f"thresholds re-set from this run in {_relative(gate)}", file=sys.stderr)
    files = write_report(run_, report, gold_label, command_line(args), limits)
    if args.json:
        print(json.dumps({**run_.to_dict(), "gold": gold_label, "report": str(files[0])}))
    else:
        print(format_table(run_, gold_label, limits))
        print(f"\nreport: {_relative(files[0])} (charts beside it)")
    return 0


def _ingest_corpus(corpus: Path, settings: Settings, show_progress: bool) -> None:
    from ingest.pipeline import ingest

    print(f"ingesting {corpus} into {settings.store} (reused next time) ...", file=sys.stderr)
    summary = ingest([corpus], settings, show_progress=show_progress).summary()
    print(summary, file=sys.stderr)


def _bar(total: int) -> Callable[[int, int], None]:
    from tqdm import tqdm

    bar = tqdm(total=total, unit="question", desc="evaluating", file=sys.stderr)

    def progress(done: int, _total: int) -> None:
        bar.update(done - bar.n)
        if done == _total:
            bar.close()

    return progress


def _relative(path: Path) -> str:
    """``path`` relative to the project when inside it (reports stay machine-independent)."""
    try:
        return str(path.resolve().relative_to(PROJECT_ROOT))
    except ValueError:
        return str(path)
