"""The ``rag`` command: a thin layer that parses, calls the library, and prints.

Subcommands are ``ingest``, ``ask``, ``doctor``, ``setup``, ``ui``, ``eval`` and ``bench``.
``ask``, ``doctor`` and ``setup`` are the library's own; the others live with their packages
(``ingest.cli``, ``ui.cli``, ``evals.cli``, ``benchmarks.cli``), each exposing
``add_arguments(parser)`` and ``run(args, settings) -> exit code``, named here only as
strings: the library does not depend on the packages built on it, and they are imported only
when used, so ``rag --help`` and ``rag ask`` start quickly.
"""

from __future__ import annotations

import argparse
import importlib
import io
import json
import logging
import os
import signal
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TextIO

from rag.config import Settings
from rag.errors import QuestionError, RagError
from rag.schema import Answer, Source

EXIT_USAGE = 2

MAIN_EXAMPLES = """\
examples:
  rag ingest                                 # the bundled articles into the default store
  rag ask "What did Putin give Trump in 2018?"
  rag ask --json "Does Russia have preconditions for talks?"
  rag ui                                     # chat in the browser at http://127.0.0.1:7860
  rag eval                                   # gold Q&A, metrics and report
  rag bench                                  # speed and memory at three corpus sizes

settings: every flag also reads a RAG_* environment variable (RAG_STORE, RAG_CHROMA_URL, ...).
"""

ASK_EXAMPLES = """\
examples:
  rag ask "What did Putin give Trump in 2018?"
  rag ask --json "Who violated the Easter truce?"
  rag ask --explain "Who violated the Easter truce?"   # and how the answer was reached
  printf 'Who is Dmitry Peskov?\\nWhat is the red line?\\n' | rag ask --json   # one JSON per line

exit codes: 0 answered or abstained, 1 error (e.g. nothing ingested), 2 bad question or usage.
Bytes that are not UTF-8 in a question are replaced by U+FFFD; in batch mode a question that
fails gets an {"question", "error"} line and the next one is asked.
"""

DOCTOR_EXAMPLES = """\
examples:
  rag doctor                       # check the default store and repair what can be repaired
  rag doctor --store /srv/st --dry-run   # only report

Repairs need no embedding: leftovers of a crashed ingest, CURRENT, a missing lexical index, a
missing text whose file is unchanged, a damaged catalog (set aside; the next `rag ingest`
rebuilds it reusing every vector). Exit code 0 when the store is healthy afterwards, else 1.
"""

# (subcommand, module, help) for the subcommands that live with their own packages.
PLUGGED = (
    ("ingest", "ingest.cli", "add or update articles in the store"),
    ("ui", "ui.cli", "open the chat UI in the browser"),
    ("eval", "evals.cli", "run the gold Q&A evaluation and write a report"),
    ("bench", "benchmarks.cli", "measure ingest and question speed and memory"),
)


def add_store_arguments(parser: argparse.ArgumentParser) -> None:
    """Flags shared by every subcommand that opens the store."""
    parser.add_argument("--store", type=Path, help="store folder (RAG_STORE; default .rag/store)")
    parser.add_argument(
        "--chroma-url", help="use a Chroma server, e.g. http://127.0.0.1:8000 (RAG_CHROMA_URL)"
    )
    parser.add_argument("--backend", help="embedding backend (RAG_BACKEND)")
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress details")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="rag",
        description="Answer questions about news articles with verbatim, cited sentences.",
        epilog=MAIN_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    ask = sub.add_parser(
        "ask",
        help="answer a question from the articles",
        epilog=ASK_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    ask.add_argument(
        "question",
        nargs="?",
        help="the question; with --json and no question, one per line from stdin",
    )
    ask.add_argument("--json", action="store_true", help="print the answer as JSON")
    ask.add_argument(
        "--explain",
        action="store_true",
        help="after the answer, show how it was reached: the best candidate sentences and "
        "their relevance, why it abstained, the disagreements found",
    )
    add_store_arguments(ask)
    ask.set_defaults(handler=run_ask)

    doctor = sub.add_parser(
        "doctor",
        help="check the store and repair it without embedding again",
        epilog=DOCTOR_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    doctor.add_argument("--dry-run", action="store_true", help="report only, change nothing")
    add_store_arguments(doctor)
    doctor.set_defaults(handler=run_doctor)

    setup = sub.add_parser(
        "setup",
        help="build the embedding model's ONNX files once (make install runs this)",
    )
    add_store_arguments(setup)
    setup.set_defaults(handler=run_setup)

    for name, module, help_text in PLUGGED:
        sub_parser = sub.add_parser(
            name, help=help_text, formatter_class=argparse.RawDescriptionHelpFormatter
        )
        add_store_arguments(sub_parser)
        _plugin(module).add_arguments(sub_parser)
        sub_parser.set_defaults(handler=_plugged_handler(module))
    return parser


def _plugin(module: str) -> Any:
    return importlib.import_module(module)


def _plugged_handler(module: str) -> Callable[[argparse.Namespace, Settings], int]:
    def handler(args: argparse.Namespace, settings: Settings) -> int:
        return int(_plugin(module).run(args, settings))

    return handler


def settings_from(args: argparse.Namespace) -> Settings:
    """Defaults, then RAG_* variables, then the flags given."""
    overrides = {
        name: getattr(args, name, None)
        for name in (
            "store",
            "chroma_url",
            "backend",
            "chunk_tokens",
            "chunk_overlap",
            "host",
            "port",
        )
    }
    return Settings.from_env(**overrides)


def run_setup(args: argparse.Namespace, settings: Settings) -> int:
    from rag.embed import ONNX_BACKENDS, build_onnx_model, default_model_cache

    for backend in ONNX_BACKENDS:
        print(f"{backend}: {build_onnx_model(backend, default_model_cache())}")
    return 0


def run_ask(args: argparse.Namespace, settings: Settings) -> int:
    from rag.api import Pipeline

    pipeline = Pipeline(settings)
    if args.explain:
        if args.json or args.question is None:
            raise QuestionError(
                'rag ask --explain takes one question and prints text: rag ask --explain "your '
                'question" (without --json)'
            )
        from rag.explain import explain

        trace = pipeline.trace(args.question)
        print(format_answer(trace.answer) + "\n\n" + explain(trace, settings))
        return 0
    if args.question is not None:
        answer = pipeline.ask(args.question)
        print(
            json.dumps(answer.to_dict(), ensure_ascii=False) if args.json else format_answer(answer)
        )
        return 0
    if not args.json:
        raise QuestionError(
            'no question given: rag ask "your question" (or --json to read '
            "questions from stdin, one per line)"
        )
    # Bad bytes on one line must not end the batch: they are replaced like in an argument.
    lines = io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8", errors="replace")
    return _ask_batch(pipeline, lines, sys.stdout)


def _ask_batch(pipeline: Any, lines: TextIO, out: TextIO) -> int:
    """One JSON object per input line; a question that fails (a bad question, an unreachable
    Chroma server) yields ``{"question", "error"}`` and the batch goes on."""
    for line in lines:
        question = line.rstrip("\n")
        if not question.strip():
            continue
        try:
            payload = pipeline.ask(question).to_dict()
        except RagError as exc:
            payload = {"question": question, "error": str(exc)}
        out.write(json.dumps(payload, ensure_ascii=False) + "\n")
        out.flush()
    return 0


def run_doctor(args: argparse.Namespace, settings: Settings) -> int:
    from rag.store import doctor

    checkup = doctor(settings, repair=not args.dry_run)
    print(f"store {checkup.store}: live generation {checkup.live or 'none'}")
    for finding in checkup.findings:
        mark = "repaired" if finding.repaired else "PROBLEM"
        print(f"  {mark}: {finding.problem}" + (f" ({finding.advice})" if finding.advice else ""))
    print("healthy" if checkup.healthy and checkup.live else "not healthy")
    return 0 if checkup.healthy and checkup.live else 1


def format_answer(answer: Answer) -> str:
    """The readable form: answer with [n] markers, conflict notes, numbered sources."""
    lines: list[str] = []
    if answer.abstained:
        lines.append(f"Not in the articles. {answer.message or ''}".rstrip())
        if answer.nearest:
            lines += ["", "Nearest passages (not an answer):"]
            lines += [f"  - “{p.quote}” ({_source_line(p.source)})" for p in answer.nearest]
        return "\n".join(lines)
    lines.append(answer.answer)
    for note in answer.conflicts:
        lines += ["", f"⚠ {note.note}"]
        lines += [
            f"  [{c.citation}] ({c.says}) “{answer.citation(c.citation).quote}”"
            for c in note.claims
        ]

    lines += ["", "Sources:"]
    lines += [
        f"  [{c.n}] {_source_line(c.source)}, characters {c.start}-{c.end}"
        for c in answer.citations
    ]
    return "\n".join(lines)


def _source_line(source: Source) -> str:
    parts = [
        source.title,
        source.publisher or "publisher not stated",
        source.published or "date not stated",
    ]
    return " — ".join(parts) + f" [{source.url or source.doc_id}]"


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return EXIT_USAGE
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    try:
        return int(args.handler(args, settings_from(args)))
    except BrokenPipeError:
        # The reader went away (`rag ask ... | head -1`): exit quietly, as a pipe tool does.
        # Python would flush stdout again at exit and fail once more, so point it at nothing.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 128 + signal.SIGPIPE
    except QuestionError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except RagError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(
            "interrupted: the store is as it was before this command (re-run to resume)",
            file=sys.stderr,
        )
        return 130


if __name__ == "__main__":
    sys.exit(main())
