"""``rag ingest``: articles into the store (see :func:`ingest.pipeline.ingest`).

Kept light at import time (the ``rag`` parser imports it): the pipeline, the model and
Chroma are imported only when the command runs.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from rag.config import Settings

EXAMPLES = """\
examples:
  rag ingest                           # the bundled articles (data/articles)
  rag ingest ~/news/                   # every .txt and .md file below a folder
  rag ingest a.txt b.md --store /tmp/st  # into another store
  rag ingest ~/news/ --prune           # also drop articles whose files are gone
  rag ingest --rebuild                 # forget everything and embed it all again
  rag ingest --chroma-url http://127.0.0.1:8000   # vectors into a `chroma run` server
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.epilog = EXAMPLES
    parser.add_argument(
        "paths",
        nargs="*",
        type=Path,
        help=".txt/.md files or folders (default: the bundled articles)",
    )
    parser.add_argument(
        "--prune", action="store_true", help="remove stored articles whose files no longer exist"
    )
    parser.add_argument(
        "--rebuild", action="store_true", help="empty the store first, then embed everything again"
    )
    parser.add_argument("--chunk-tokens", type=int, help="chunk size in tokens (RAG_CHUNK_TOKENS)")
    parser.add_argument(
        "--chunk-overlap", type=int, help="overlap between chunks in tokens (RAG_CHUNK_OVERLAP)"
    )


def run(args: argparse.Namespace, settings: Settings) -> int:
    from ingest.pipeline import ingest

    report = ingest(
        args.paths or None,
        settings,
        prune=args.prune,
        rebuild=args.rebuild,
        show_progress=sys.stderr.isatty() or args.verbose,
    )
    print(report.summary())
    return 0
