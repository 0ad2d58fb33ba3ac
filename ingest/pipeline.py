"""``ingest()``: articles (files, folders, URLs) into the store, idempotent, incremental and
crash-safe.

Order of work, chosen so that an interruption at any point loses nothing:

1. read every file and URL (bad ones are reported and skipped), compare content hashes with
   the live generation, and stop there if nothing changed;
2. split and chunk the new or changed articles, embed what the store's staging vectors do not
   already hold (so a re-run after Ctrl-C resumes instead of starting over) and upsert it,
   then annotate their sentences (:func:`rag.annotate.annotate`);
3. commit the new generation (:meth:`rag.store.StoreWriter.commit`: stale vectors out,
   catalog written, published atomically, old generations removed when no reader holds them).
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import os
import signal
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ingest.chunk import chunk_sentences
from ingest.load import (
    Found,
    Reading,
    Source,
    clean_document,
    find_articles,
    read_source,
    reread,
    with_site_lines,
)
from ingest.split import split_sentences
from rag import store as st
from rag.annotate import Annotation, annotate
from rag.config import Settings
from rag.embed import MAX_WORDPIECES, Embedder, count_wordpieces, fits_model
from rag.errors import ArticleError
from rag.types import Chunk, DocInfo, Document, Sentence

logger = logging.getLogger(__name__)

Progress = Callable[[int, int, str], None]  # done, total, what


@dataclass
class IngestReport:
    """What an ingest did, for the CLI, the UI and the tests."""

    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    skipped: list[ArticleError] = field(default_factory=list)
    # Spans of page furniture left out of the articles read, by reason ("date line": 3;
    # "left out by the reader": pieces of a page its reader did not take into the text).
    dropped: Counter[str] = field(default_factory=Counter)
    readers: Counter[str] = field(default_factory=Counter)  # articles read, by reader
    documents: int = 0  # in the store afterwards
    sentences: int = 0
    chunks: int = 0
    embedded: int = 0  # texts encoded by this run (reused vectors not counted)
    seconds: float = 0.0

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.removed)

    def summary(self) -> str:
        if not self.changed:
            head = f"nothing to re-ingest: {len(self.unchanged)} article(s) unchanged"
        else:
            head = (
                f"added {len(self.added)}, updated {len(self.updated)}, "
                f"removed {len(self.removed)}, unchanged {len(self.unchanged)}"
            )
        lines = [
            f"{head}; the store holds {self.documents} documents, {self.sentences} sentences, "
            f"{self.chunks} chunks ({self.seconds:.1f} s)"
        ]
        if self.readers:
            read = sorted(self.readers.items())
            lines.append("read " + ", ".join(f"{n} with the {r} reader" for r, n in read))
        if self.dropped:
            reasons = ", ".join(f"{n} {reason}" for reason, n in self.dropped.most_common())
            lines.append(
                f"left out {self.dropped.total()} spans of page furniture ({reasons}); "
                "`rag ingest --explain FILE` shows them"
            )
        lines += [f"skipped {e.path}: {e.reason}" for e in self.skipped]
        return "\n".join(lines)

    @property
    def ingested_nothing(self) -> bool:
        """True when articles were given but none could be read (every one skipped)."""
        return bool(self.skipped) and not (self.added or self.updated or self.unchanged)


def split_document(doc: Document) -> list[Sentence]:
    """The indexable sentences of a document, each short enough for the embedder."""
    return split_sentences(
        doc.doc_id,
        doc.text,
        clean_document(doc).blocks,
        fits=fits_model,
    )


def chunk_document(sentences: Sequence[Sentence], settings: Settings) -> list[Chunk]:
    return chunk_sentences(
        sentences,
        chunk_tokens=settings.chunk_tokens,
        chunk_overlap=settings.chunk_overlap,
        max_wordpieces=MAX_WORDPIECES,
        count_wordpieces=count_wordpieces,
    )


def ingest(
    paths: Sequence[Source] | None = None,
    settings: Settings | None = None,
    *,
    prune: bool = False,
    rebuild: bool = False,
    embedder: Embedder | None = None,
    progress: Progress | None = None,
    show_progress: bool = False,
) -> IngestReport:
    """Ingest articles (files, folders, or http(s) URL strings of pages and feeds; default:
    the bundled articles) into the store.

    Unchanged articles are left alone; a changed article replaces exactly its old chunks;
    with ``prune``, articles whose files are gone are removed; with ``rebuild``, the store
    is emptied first (needed after changing chunk settings). ``progress(done, total, what)``
    is called as embedding proceeds (the UI shows it); ``show_progress`` draws a tqdm bar.
    """
    settings = settings or Settings.from_env()
    started = time.perf_counter()
    report = IngestReport()
    documents = _read_documents(
        find_articles(paths or [settings.articles]), report, Reading.from_settings(settings)
    )
    with st.StoreWriter.open(settings) as writer:
        settings = writer.settings
        if rebuild:
            writer.start_over()
        old = writer.live
        reindex = False
        if old is not None and not st.fingerprint_matches(old.manifest, settings):
            logger.warning(
                "the store was built with other index settings (%s): re-indexing every "
                "article; vectors of unchanged texts are reused",
                st.fingerprint_differences(old.manifest, settings),
            )
            documents = _with_stored_articles(documents, old, prune)
            reindex = True
        new_docs = _plan(documents, old, prune, report, reindex)
        if not report.changed:
            _fill_counts(report, old, started)
            return report
        new_sentences = {d.doc_id: split_document(d) for d in new_docs}
        new_chunks = {d: chunk_document(s, settings) for d, s in new_sentences.items()}
        infos = {d.doc_id: d.info for d in new_docs}
        report.embedded = _embed_missing(
            [s for ss in new_sentences.values() for s in ss],
            [c for cc in new_chunks.values() for c in cc],
            infos,
            writer,
            settings,
            embedder or Embedder(settings.backend, settings.batch_size),
            progress,
            show_progress,
        )
        annotations = _annotate(new_docs, new_sentences, progress, show_progress)
        generation = _next_generation(
            settings, old, new_docs, new_sentences, new_chunks, report.removed, annotations
        )
        writer.commit(generation)
    _fill_counts(report, generation, started)
    logger.info("%s", report.summary())
    return report


def _read_documents(found: Found, report: IngestReport, reading: Reading) -> list[Document]:
    """Every article of the sources found; what cannot be read goes to ``report.skipped``,
    and the furniture left out of what can is counted in ``report.dropped``."""
    report.skipped.extend(found.skipped)
    documents: dict[str, Document] = {}
    for source in found.sources:
        try:
            read, failed = read_source(source, reading)
        except ArticleError as exc:
            logger.warning("skipping %s", exc)
            report.skipped.append(exc)
            continue
        report.skipped.extend(failed)
        for doc in read:
            if doc.doc_id in documents:
                first = documents[doc.doc_id].info
                report.skipped.append(
                    ArticleError(
                        source,
                        f"holds {first.url} again, read already"
                        if doc.info.url and doc.info.url == first.url
                        else f"has the same id {doc.doc_id!r} as {first.path}: rename one of "
                        "them (the file stem is the document id)",
                    )
                )
                continue
            documents[doc.doc_id] = doc
    read_together = with_site_lines(list(documents.values()))
    report.readers.update(doc.info.reader for doc in read_together)
    for doc in read_together:
        cleaned = clean_document(doc)
        report.dropped.update(d.reason for d in cleaned.dropped)
        if doc.left_out:
            report.dropped["left out by the reader"] += len(doc.left_out)
    return read_together


def _with_stored_articles(
    documents: list[Document], old: st.Generation, prune: bool
) -> list[Document]:
    """``documents`` plus the stored articles not among them, re-read from the store's copy
    of their text (their files may be gone), so that re-indexing keeps every article; with
    ``prune``, those whose files are gone are left for :func:`_plan` to remove."""
    given = {d.doc_id for d in documents}
    kept = [
        reread(info, old.texts[doc_id])
        for doc_id, info in old.docs.items()
        if doc_id not in given and not (prune and not Path(info.path).exists())
    ]
    return with_site_lines(documents + kept)


def _plan(
    documents: list[Document],
    old: st.Generation | None,
    prune: bool,
    report: IngestReport,
    reindex: bool = False,
) -> list[Document]:
    """Sort documents into added / updated / unchanged (and removed, with ``prune``);
    with ``reindex`` every stored document counts as updated."""
    old_docs = old.docs if old else {}
    changed = []
    for doc in documents:
        before = old_docs.get(doc.doc_id)
        if before is None:
            report.added.append(doc.doc_id)
        elif reindex or before.content_hash != doc.info.content_hash or before != doc.info:
            report.updated.append(doc.doc_id)
        else:
            report.unchanged.append(doc.doc_id)
            continue
        changed.append(doc)
    if prune:
        given = {d.doc_id for d in documents}
        report.removed = sorted(
            d for d, info in old_docs.items() if d not in given and not Path(info.path).exists()
        )
    return changed


# Sentences annotated per task (about a second's work on one core).
_ANNOTATE_SLICE = 256
# From this many sentences, one process per core annotates: starting one costs about a
# second (Python, spaCy), and 2,000 sentences take about seven on one core.
_PROCESSES_FROM = 2000
# At most this many: each loads its own spaCy (about 300 MB).
_MOST_PROCESSES = 4


def _annotate(
    docs: list[Document],
    sentences: dict[str, list[Sentence]],
    progress: Progress | None,
    show_progress: bool,
) -> dict[str, list[Annotation]]:
    """The annotations of each document's sentences, by document id, in order.

    After the embedding, not beside it: the encoder keeps both cores busy, and spaCy on a
    thread beside it slowed it by 40% (SQuAD dev: 101 s in the model against 72 s alone).
    spaCy holds the GIL, so a second thread gains nothing; a second process nearly halves
    the time (SQuAD dev's 10,293 sentences: 36 s on one thread, 17 s on two processes; 3,000
    sentences: 8.9 s and 6.7 s, the processes' start included)."""
    owners, slices, dates = [], [], []
    for doc in docs:
        texts = [s.text for s in sentences[doc.doc_id]]
        for i in range(0, len(texts), _ANNOTATE_SLICE):
            owners.append(doc.doc_id)
            slices.append(texts[i : i + _ANNOTATE_SLICE])
            dates.append(doc.info.published)
    workers = _cores() if sum(map(len, slices)) >= _PROCESSES_FROM else 1
    try:
        read = _annotate_slices(slices, dates, min(workers, len(slices)), progress, show_progress)
    except (BrokenProcessPool, OSError) as exc:  # OSError: no processes allowed here
        logger.warning(
            "the annotating processes failed (%s); annotating on one core instead. For "
            "example, a script that calls ingest() must do so under `if __name__ == "
            '"__main__":`, as Python\'s multiprocessing requires, or each process starts it '
            "again",
            exc,
        )
        read = _annotate_slices(slices, dates, 1, progress, show_progress)
    annotations: dict[str, list[Annotation]] = {doc.doc_id: [] for doc in docs}
    for owner, part in zip(owners, read, strict=True):
        annotations[owner].extend(part)
    return annotations


def _cores() -> int:
    """The cores this process may run on (a container's share, not the host's), at most
    :data:`_MOST_PROCESSES`."""
    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        usable = os.cpu_count() or 1
    return min(usable, _MOST_PROCESSES)


def _annotate_slices(
    slices: list[list[str]],
    dates: list[str | None],
    workers: int,
    progress: Progress | None,
    show_progress: bool,
) -> list[list[Annotation]]:
    total = sum(map(len, slices))
    bar = _progress_bar(total, show_progress, unit="sentence", desc="annotating")
    read, done = [], 0
    try:
        with _annotator(workers) as run:
            for part in run(slices, dates):
                read.append(part)
                done += len(part)
                if bar is not None:
                    bar.update(len(part))
                if progress:
                    progress(done, total, "annotations")
    finally:
        if bar is not None:
            bar.close()
    return read


Annotator = Callable[[list[list[str]], list[str | None]], Iterable[list[Annotation]]]


@contextlib.contextmanager
def _annotator(workers: int) -> Iterator[Annotator]:
    """A function that annotates slices of sentences (each with its article's date), in
    order: here, or on ``workers`` processes. On an error or Ctrl-C the slices not yet sent
    to a worker are cancelled and the pool waits for the few that were (a worker holds at
    most two); the workers ignore Ctrl-C once started, so they finish and stop rather than
    each print a traceback."""
    if workers <= 1:
        yield lambda slices, dates: map(annotate, slices, dates)
        return
    executor = ProcessPoolExecutor(
        max_workers=workers,
        # Not forked: the parent's onnxruntime and tokenizer threads do not survive a fork.
        mp_context=multiprocessing.get_context("spawn"),
        initializer=signal.signal,
        initargs=(signal.SIGINT, signal.SIG_IGN),
    )
    try:
        yield lambda slices, dates: executor.map(annotate, slices, dates)
    finally:
        executor.shutdown(wait=True, cancel_futures=True)


def _embed_missing(
    sentences: list[Sentence],
    chunks: list[Chunk],
    infos: dict[str, DocInfo],
    writer: st.StoreWriter,
    settings: Settings,
    embedder: Embedder,
    progress: Progress | None,
    show_progress: bool,
) -> int:
    """Embed and upsert the sentences and chunks Chroma does not hold yet.

    Work goes in slices so that an interrupted run keeps what it finished (a re-run skips
    it: ids are content hashes) and so that the progress callback moves. Texts are taken
    longest first, so each slice holds texts of similar length: the model pads every batch
    to its longest text, and unsorted slices cost ~15% more padding (measured on SQuAD dev).
    """
    work: list[tuple[st.Kind, list[tuple[str, str, dict[str, Any]]]]] = [
        ("sentences", [(s.id, s.text, st.sentence_metadata(s)) for s in sentences]),
        ("chunks", [(c.id, c.text, st.chunk_metadata(c, infos[c.doc_id])) for c in chunks]),
    ]
    todo = []
    for kind, records in work:
        held = writer.held(kind, [r[0] for r in records])
        missing = [r for r in records if r[0] not in held]
        todo.append((kind, sorted(missing, key=lambda r: -len(r[1]))))
    total = sum(len(records) for _, records in todo)
    resumed = len(sentences) + len(chunks) - total
    if resumed:
        logger.info("reusing %d vectors already in Chroma from an earlier run", resumed)
    bar = _progress_bar(sum(len(r[1]) for _, rs in todo for r in rs), show_progress)
    done = 0
    slice_size = settings.batch_size * 8  # 512 texts by default
    for kind, records in todo:
        for i in range(0, len(records), slice_size):
            ids, texts, metadatas = zip(*records[i : i + slice_size], strict=True)
            writer.upsert(kind, ids, embedder.encode(texts), metadatas)
            done += len(ids)
            if bar is not None:
                bar.update(sum(map(len, texts)))
                bar.set_postfix_str(f"{done:,}/{total:,} texts", refresh=False)
            if progress:
                progress(done, total, kind)
    if bar is not None:
        bar.close()
    return total


def _progress_bar(total: int, show: bool, unit: str = "char", desc: str = "embedding") -> Any:
    """A tqdm bar; embedding counts characters: the model's time follows length, so the ETA
    holds even though the longest texts go first."""
    if not show or not total:
        return None
    from tqdm import tqdm

    return tqdm(total=total, unit=unit, unit_scale=True, desc=desc, smoothing=0.05)


def _next_generation(
    settings: Settings,
    old: st.Generation | None,
    new_docs: list[Document],
    new_sentences: dict[str, list[Sentence]],
    new_chunks: dict[str, list[Chunk]],
    removed: list[str],
    new_annotations: dict[str, list[Annotation]],
) -> st.Generation:
    replaced = set(new_sentences) | set(removed)
    docs = {d: info for d, info in (old.docs.items() if old else []) if d not in replaced}
    texts = {d: t for d, t in (old.texts.items() if old else []) if d not in replaced}
    sentences = [s for s in (old.sentences if old else []) if s.doc_id not in replaced]
    chunks = [c for c in (old.chunks if old else []) if c.doc_id not in replaced]
    annotations = {s.id: old.annotations[s.id] for s in sentences} if old else {}
    for doc in new_docs:
        docs[doc.doc_id] = doc.info
        texts[doc.doc_id] = doc.text
        sentences.extend(new_sentences[doc.doc_id])
        chunks.extend(new_chunks[doc.doc_id])
        annotations.update(
            zip(
                (s.id for s in new_sentences[doc.doc_id]),
                new_annotations[doc.doc_id],
                strict=True,
            )
        )
    order = {d: i for i, d in enumerate(sorted(docs))}
    sentences.sort(key=lambda s: (order[s.doc_id], s.position))
    chunks.sort(key=lambda c: (order[c.doc_id], c.index))
    manifest = st.build_manifest(settings, docs, sentences, chunks)
    return st.Generation(manifest, docs, texts, sentences, chunks, annotations)


def _fill_counts(report: IngestReport, generation: st.Generation | None, started: float) -> None:
    if generation is not None:
        report.documents = len(generation.docs)
        report.sentences = len(generation.sentences)
        report.chunks = len(generation.chunks)
    report.seconds = time.perf_counter() - started
