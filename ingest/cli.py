"""``rag ingest``: articles into the store (see :func:`ingest.pipeline.ingest`), or with
``--explain``, what reading and cleaning make of them, without touching the store.

Kept light at import time (the ``rag`` parser imports it): the pipeline, the model and
Chroma are imported only when the command runs.

Exit codes: 0 when the articles are in the store (some may have been skipped, each named
with its reason), 1 when nothing given could be ingested or read, or on another error.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter

from rag.config import Settings

EXAMPLES = """\
examples:
  rag ingest                           # the bundled articles (data/articles)
  rag ingest ~/news/                   # every article file below a folder: .txt .md .html
                                       #   .htm .xml .rss .atom .pdf
  rag ingest https://example.com/news/story.html   # a page, fetched
  rag ingest https://example.com/feed.xml          # every entry of a feed
  rag ingest a.txt b.md --store /tmp/st  # into another store
  rag ingest ~/news/ --prune           # also drop articles whose files are gone
  rag ingest --rebuild                 # forget everything and embed it all again
  rag ingest --explain page.html       # what is kept, what is left out and why
  rag ingest --chroma-url http://127.0.0.1:8000   # vectors into a `chroma run` server

exit codes: 0 ingested (skipped files are named with the reason), 1 nothing could be
ingested, or another error.
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.epilog = EXAMPLES
    parser.add_argument(
        "paths",
        nargs="*",
        help="article files, folders, or http(s) URLs of pages and feeds "
        "(default: the bundled articles)",
    )
    parser.add_argument(
        "--explain",
        action="store_true",
        help="only show, for each article, the reader used, its metadata, and every span "
        "left out of the index with the reason; the store is not touched",
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
    if args.explain:
        return explain(args.paths or [str(settings.articles)], settings)
    from ingest.pipeline import ingest

    report = ingest(
        args.paths or None,
        settings,
        prune=args.prune,
        rebuild=args.rebuild,
        show_progress=sys.stderr.isatty() or args.verbose,
    )
    print(report.summary())
    if report.ingested_nothing:
        print(
            f"error: nothing could be ingested: all {len(report.skipped)} article source(s) "
            "given were skipped (reasons above)",
            file=sys.stderr,
        )
        return 1
    return 0


def explain(sources: list[str], settings: Settings) -> int:
    """Print what reading and cleaning make of each source; 1 if none could be read."""
    from ingest.load import Reading, clean_document, find_articles, read_source, with_site_lines
    from ingest.split import split_sentences
    from rag.errors import ArticleError

    found = find_articles(sources)
    reading = Reading.from_settings(settings, keep_originals=False)
    skipped: list[ArticleError] = list(found.skipped)
    documents = []
    origins = []
    for source in found.sources:
        try:
            read, failed = read_source(source, reading)
        except ArticleError as exc:
            skipped.append(exc)
            continue
        skipped += failed
        documents += read
        origins += [source] * len(read)
    for origin, doc in zip(origins, with_site_lines(documents), strict=True):
        info = doc.info
        cleaned = clean_document(doc)
        sentences = split_sentences(doc.doc_id, doc.text, cleaned.blocks)
        print(f"{origin}  ->  {doc.doc_id}")
        print(f"  reader: {info.reader} (offsets count characters of the {info.offsets_into})")
        for name in ("title", "publisher", "published", "author", "url"):
            print(f"  {name}: {getattr(info, name) or 'not stated'}")
        print(
            f"  kept: {len(sentences)} sentences in {len(cleaned.blocks)} blocks, "
            f"{sum(b.end - b.start for b in cleaned.blocks):,} characters"
        )
        if doc.left_out:
            print(f"  left out by the {info.reader} reader: {len(doc.left_out)} pieces")
            for piece in doc.left_out:
                print(f"    {_short(piece)}")
        if cleaned.dropped:
            counts = Counter(d.reason for d in cleaned.dropped)
            print(
                f"  left out of the text: {len(cleaned.dropped)} spans ("
                + ", ".join(f"{n} {reason}" for reason, n in counts.most_common())
                + ")"
            )
            for dropped in cleaned.dropped:
                quote = " ".join(doc.text[dropped.start : dropped.end].split())
                print(f"    {dropped.start}-{dropped.end} {dropped.reason}: {_short(quote)}")
        print()
    for error in skipped:
        print(f"skipped {error.path}: {error.reason}")
    return 0 if documents else 1


def _short(text: str, limit: int = 100) -> str:
    return f"“{text}”" if len(text) <= limit else f"“{text[: limit - 1]}…”"
