"""``rag bench``: speed, memory and disk at growing corpus sizes, printed and charted.

Kept light at import time (the ``rag`` parser imports it): everything heavy runs in child
processes or is imported when the command runs.
"""

from __future__ import annotations

import argparse
import shlex
import sys
from pathlib import Path

from rag.config import Settings
from rag.errors import ConfigError

EXAMPLES = """\
examples:
  rag bench                                  # the bundled articles (gold questions)
  rag bench --sizes small,dev,train          # + SQuAD v1.1 dev (48) and train (440 articles)
  rag bench --sizes dev --server             # + a `chroma run` server, 1/4/16 clients
  rag bench --corpus ~/news --questions ~/news-qa.jsonl
  rag bench --backends torch,onnx,onnx-int8  # embedding backends side by side
  rag bench --show                           # print the saved tables, redraw the chart

Each corpus is ingested into its own store under --bench-dir (default: bench/ beside the
store), reused by later runs (--rebuild starts over; an interrupted ingest resumes).
Results merge into benchmarks/results/bench.{json,md,png}, one entry per corpus.
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.epilog = EXAMPLES
    parser.add_argument(
        "--sizes",
        help="built-in corpora, comma-separated: small, dev, train "
        "(default: small, unless --corpus is given)",
    )
    parser.add_argument(
        "--corpus", type=Path, action="append", default=[], help="a folder of articles (repeat)"
    )
    parser.add_argument(
        "--questions",
        type=Path,
        action="append",
        default=[],
        help="JSONL questions for the --corpus in the same position (default: qa.jsonl beside)",
    )
    parser.add_argument(
        "-n", "--questions-per-corpus", type=int, default=200, help="questions asked (200)"
    )
    parser.add_argument("--bench-dir", type=Path, help="where the bench stores live")
    parser.add_argument("--rebuild", action="store_true", help="ingest every corpus from scratch")
    parser.add_argument(
        "--server", action="store_true", help="also measure through a real Chroma server"
    )
    parser.add_argument(
        "--clients", default="1,4,16", help="concurrent clients for --server (1,4,16)"
    )
    parser.add_argument(
        "--backends", help="compare embedding backends instead, e.g. torch,onnx,onnx-int8"
    )
    parser.add_argument("--results", type=Path, help="results folder (default benchmarks/results)")
    parser.add_argument(
        "--show", action="store_true", help="only print the saved results and redraw the chart"
    )


def run(args: argparse.Namespace, settings: Settings) -> int:
    from benchmarks import report
    from benchmarks.corpora import builtin, from_folders
    from benchmarks.run import Options, measure_corpus, measure_server

    if args.questions_per_corpus <= 0:
        raise ConfigError(f"-n must be a positive number, got {args.questions_per_corpus}")
    results = args.results or report.RESULTS
    options = Options(
        bench_dir=args.bench_dir or settings.store.parent / "bench",
        questions=args.questions_per_corpus,
        rebuild=args.rebuild,
        server=args.server,
        clients=_numbers(args.clients, "--clients"),
    )
    sizes = args.sizes or ("" if args.corpus else "small")
    corpora = [builtin(s.strip(), settings) for s in sizes.split(",") if s.strip()]
    corpora += from_folders(args.corpus, args.questions)
    command = shlex.join(["rag", *sys.argv[1:]]) if sys.argv[1:2] == ["bench"] else "rag bench"

    if args.backends:
        from benchmarks.backends import compare_backends

        names = [b.strip() for b in args.backends.split(",") if b.strip()]
        print(compare_backends(names, corpora, settings, options, results, command))
        return 0

    data = report.merge(results / "bench.json", [], [])
    for corpus in [] if args.show else corpora:
        # Saved corpus by corpus: a long run that fails late keeps what it measured.
        data = report.merge(results / "bench.json", [measure_corpus(corpus, settings, options)], [])
        if options.server:
            data = report.merge(
                results / "bench.json", [], [measure_server(corpus, settings, options)]
            )
    if not data["corpora"]:
        raise ConfigError(f"no results in {results} yet: run `rag bench` without --show first")
    chart = results / "bench.png"
    report.draw_chart(data, chart)
    report.write_markdown(data, results / "bench.md", command, chart)
    for title, table in report.tables(data):
        print(f"\n{title}\n{report.format_text(table)}")
    print(f"\nwritten: {results / 'bench.md'}, {chart}, {results / 'bench.json'}")
    return 0


def _numbers(text: str, flag: str) -> tuple[int, ...]:
    try:
        numbers = tuple(int(n) for n in text.split(",") if n.strip())
    except ValueError:
        raise ConfigError(f"{flag} {text!r}: give comma-separated whole numbers") from None
    if not numbers or min(numbers) <= 0:
        raise ConfigError(f"{flag} {text!r}: give positive numbers, e.g. 1,4,16")
    return numbers
