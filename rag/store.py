"""The store: vectors in Chroma, everything else in a small versioned folder beside it.

Layout of ``settings.store``::

    chroma/                  Chroma's own files (embedded mode; absent with --chroma-url)
    CURRENT                  name of the live generation, replaced atomically
    gen-000007/              one generation, never modified once written
        manifest.json        settings fingerprint, versions, documents and counts
        sentences.jsonl      one sentence a line: id, doc id, position, start, end, heading
        annotations.jsonl    one line per sentence, in the same order: rag.annotate's reading
        chunks.jsonl         one chunk a line: id, doc id, index, start, end, sentence ids
        lexical/sentences/   bm25s index over sentences
        lexical/chunks/      bm25s index over chunks
    texts/<hash>.txt         original article texts, addressed by content hash
    .lock                    held while an ingest writes

Chroma holds two collections, ``<name>-chunks`` and ``<name>-sentences``, with ids derived
from doc id, offsets and content hash. An ingest upserts new vectors first, then writes a new
generation and switches ``CURRENT`` to it, and only then deletes vectors no generation needs:
a crash at any point leaves ``CURRENT`` pointing at a complete generation whose vectors are
all still there. Vectors Chroma holds that the live generation does not list are ignored.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import logging
import os
import shutil
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from types import MappingProxyType
from typing import Any, NamedTuple
from urllib.parse import urlparse

import numpy as np

from rag.annotate import ANNOTATOR_VERSION, Annotation, people
from rag.config import Settings
from rag.errors import ConfigError, EmptyStoreError, StoreError, StoreMismatchError
from rag.lexical import LexicalIndex
from rag.types import Chunk, DocInfo, Sentence

logger = logging.getLogger(__name__)

FORMAT_VERSION = 1
_CHROMA_BATCH = 1000


@dataclass(frozen=True)
class Generation:
    """Everything one generation of the store lists, ready to write or just read."""

    manifest: dict[str, Any]
    docs: dict[str, DocInfo]
    texts: dict[str, str]  # doc id -> original text
    sentences: list[Sentence]
    chunks: list[Chunk]
    annotations: dict[str, Annotation]  # sentence id -> what rag.annotate read from it


# --- Chroma ------------------------------------------------------------------------------


def chroma_client(settings: Settings) -> Any:
    """An embedded ``PersistentClient`` under the store, or an ``HttpClient`` for ``chroma_url``."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False)
    if not settings.chroma_url:
        path = settings.store / "chroma"
        path.mkdir(parents=True, exist_ok=True)
        return chromadb.PersistentClient(path=str(path), settings=chroma_settings)
    url = urlparse(settings.chroma_url)
    if url.scheme not in ("http", "https") or not url.hostname:
        raise ConfigError(
            f"chroma_url {settings.chroma_url!r} is not an http(s)://HOST:PORT address"
        )
    try:
        client = chromadb.HttpClient(
            host=url.hostname,
            port=url.port or (443 if url.scheme == "https" else 8000),
            ssl=url.scheme == "https",
            settings=chroma_settings,
        )
        client.heartbeat()
    except Exception as exc:  # chromadb raises several unrelated types for "unreachable"
        raise StoreError(
            f"cannot reach the Chroma server at {settings.chroma_url} ({exc}): start it with "
            "`chroma run --path DIR --host 127.0.0.1 --port PORT` or drop --chroma-url"
        ) from exc
    return client


def collection_names(settings: Settings) -> tuple[str, str]:
    """Names of the (chunks, sentences) collections."""
    return f"{settings.collection}-chunks", f"{settings.collection}-sentences"


def open_collections(client: Any, settings: Settings) -> tuple[Any, Any]:
    """The (chunks, sentences) collections, created with cosine distance if missing."""
    chunks, sentences = (
        client.get_or_create_collection(
            name=name,
            configuration={"hnsw": {"space": "cosine"}},
            embedding_function=None,  # vectors always come from our embedder
        )
        for name in collection_names(settings)
    )
    return chunks, sentences


def upsert(
    collection: Any, ids: Sequence[str], vectors: np.ndarray, metadatas: Sequence[dict[str, Any]]
) -> None:
    """Upsert in batches Chroma accepts.

    The texts are not sent: the catalog holds them, and Chroma would index them for its own
    full-text search, which nothing here uses (a third of the write time, measured).
    """
    for i in range(0, len(ids), _CHROMA_BATCH):
        j = i + _CHROMA_BATCH
        collection.upsert(
            ids=list(ids[i:j]), embeddings=vectors[i:j], metadatas=list(metadatas[i:j])
        )


def existing_ids(collection: Any, ids: Sequence[str]) -> set[str]:
    """Which of ``ids`` the collection already holds (for resuming an interrupted ingest)."""
    found: set[str] = set()
    for i in range(0, len(ids), _CHROMA_BATCH):
        found.update(collection.get(ids=list(ids[i : i + _CHROMA_BATCH]), include=[])["ids"])
    return found


def delete_except(collection: Any, keep: set[str]) -> int:
    """Delete every vector whose id is not in ``keep``; returns how many were deleted."""
    stale = [i for i in collection.get(include=[])["ids"] if i not in keep]
    for i in range(0, len(stale), _CHROMA_BATCH):
        collection.delete(ids=stale[i : i + _CHROMA_BATCH])
    return len(stale)


def sentence_metadata(sentence: Sentence) -> dict[str, Any]:
    return {
        "doc_id": sentence.doc_id,
        "position": sentence.position,
        "start": sentence.start,
        "end": sentence.end,
        "heading": sentence.heading,
    }


def chunk_metadata(chunk: Chunk, doc: DocInfo) -> dict[str, Any]:
    meta: dict[str, Any] = {
        "doc_id": chunk.doc_id,
        "title": doc.title,
        "chunk_index": chunk.index,
        "start": chunk.start,
        "end": chunk.end,
    }
    # Chroma metadata cannot hold None: unknown publisher/date are simply absent.
    if doc.publisher:
        meta["publisher"] = doc.publisher
    if doc.published:
        meta["published"] = doc.published
    return meta


# --- The generation folder ---------------------------------------------------------------


def current_generation(store: Path) -> str | None:
    """Name of the live generation, or None for a store never written."""
    try:
        name = (store / "CURRENT").read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        return None
    return name or None


def bind_collection(settings: Settings) -> Settings:
    """``settings`` naming the Chroma collection the store's live generation indexes: a store
    folder belongs to one collection, whatever the collection setting says."""
    name = current_generation(settings.store)
    if name is None:
        return settings
    try:
        manifest = json.loads((settings.store / name / "manifest.json").read_text("utf-8"))
    except (OSError, ValueError):
        return settings  # read_generation reports the damage
    return settings.replace(collection=manifest.get("collection"))


def read_generation(store: Path, name: str) -> Generation:
    """Load a generation written by :func:`write_generation`."""
    folder = store / name
    try:
        manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise StoreError(
            f"{folder}/manifest.json is missing or damaged ({exc}): "
            "rebuild the store with `rag ingest --rebuild`"
        ) from exc
    docs = {d: DocInfo(doc_id=d, **meta["info"]) for d, meta in manifest["documents"].items()}
    texts = {
        d: (store / "texts" / f"{info.content_hash}.txt").read_text(encoding="utf-8")
        for d, info in docs.items()
    }
    sentences = []
    for line in (folder / "sentences.jsonl").read_text(encoding="utf-8").splitlines():
        doc_id, position, start, end, heading = json.loads(line)
        sentences.append(
            Sentence(doc_id, position, start, end, texts[doc_id][start:end], bool(heading))
        )
    chunks = []
    for line in (folder / "chunks.jsonl").read_text(encoding="utf-8").splitlines():
        doc_id, index, start, end, text, sentence_ids = json.loads(line)
        chunks.append(Chunk(doc_id, index, start, end, text, tuple(sentence_ids)))
    # A generation written before annotations existed has none; its fingerprint differs, so
    # it is only read to be re-indexed (which annotates every sentence again).
    annotated = folder / "annotations.jsonl"
    lines = annotated.read_text(encoding="utf-8").splitlines() if annotated.exists() else []
    annotations = {s.id: json.loads(line) for s, line in zip(sentences, lines, strict=False)}
    return Generation(manifest, docs, texts, sentences, chunks, annotations)


def write_generation(store: Path, generation: Generation) -> str:
    """Write a complete new generation, then point ``CURRENT`` at it; returns its name.

    Readers see either the old or the new generation, never a half-written one.
    """
    previous = current_generation(store)
    number = int(previous.split("-")[1]) + 1 if previous else 1
    name = f"gen-{number:06d}"
    staging = store / f"{name}.partial"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    texts_dir = store / "texts"
    texts_dir.mkdir(exist_ok=True)
    for doc_id, text in generation.texts.items():
        path = texts_dir / f"{generation.docs[doc_id].content_hash}.txt"
        if not path.exists():
            _write_atomic(path, text)
    manifest = dict(generation.manifest, generation=number)
    _write_atomic(staging / "manifest.json", json.dumps(manifest, indent=2, sort_keys=True))
    _write_atomic(
        staging / "sentences.jsonl",
        "".join(
            json.dumps([s.doc_id, s.position, s.start, s.end, int(s.heading)]) + "\n"
            for s in generation.sentences
        ),
    )
    _write_atomic(
        staging / "chunks.jsonl",
        "".join(
            json.dumps(
                [c.doc_id, c.index, c.start, c.end, c.text, list(c.sentence_ids)],
                ensure_ascii=False,
            )
            + "\n"
            for c in generation.chunks
        ),
    )
    _write_atomic(
        staging / "annotations.jsonl",
        "".join(
            json.dumps(generation.annotations[s.id], ensure_ascii=False) + "\n"
            for s in generation.sentences
        ),
    )
    LexicalIndex.build([s.text for s in generation.sentences]).save(
        staging / "lexical" / "sentences"
    )
    LexicalIndex.build([c.text for c in generation.chunks]).save(staging / "lexical" / "chunks")
    staging.rename(store / name)
    _write_atomic(store / "CURRENT", name + "\n")
    return name


def remove_stale_files(store: Path) -> None:
    """Delete generations other than the live one and texts it does not use."""
    live = current_generation(store)
    if live is None:
        return
    for folder in store.glob("gen-*"):
        if folder.name != live:
            shutil.rmtree(folder, ignore_errors=True)
    manifest = json.loads((store / live / "manifest.json").read_text(encoding="utf-8"))
    used = {meta["info"]["content_hash"] for meta in manifest["documents"].values()}
    for path in (store / "texts").glob("*.txt"):
        if path.stem not in used:
            path.unlink(missing_ok=True)


def build_manifest(
    settings: Settings,
    docs: dict[str, DocInfo],
    sentences: Sequence[Sentence],
    chunks: Sequence[Chunk],
) -> dict[str, Any]:
    """The manifest of a generation: what it was built with and what it holds."""
    from importlib.metadata import version

    per_doc_sentences: dict[str, int] = {}
    per_doc_chunks: dict[str, int] = {}
    for s in sentences:
        per_doc_sentences[s.doc_id] = per_doc_sentences.get(s.doc_id, 0) + 1
    for c in chunks:
        per_doc_chunks[c.doc_id] = per_doc_chunks.get(c.doc_id, 0) + 1
    info_fields = ("title", "publisher", "published", "path", "content_hash")
    return {
        "format": FORMAT_VERSION,
        "fingerprint": index_fingerprint(settings),
        "collection": settings.collection,
        "versions": {p: version(p) for p in ("chromadb", "bm25s", "sentence-transformers")},
        "written_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "counts": {"documents": len(docs), "sentences": len(sentences), "chunks": len(chunks)},
        "documents": {
            d: {
                "info": {f: getattr(info, f) for f in info_fields},
                "sentences": per_doc_sentences.get(d, 0),
                "chunks": per_doc_chunks.get(d, 0),
            }
            for d, info in sorted(docs.items())
        },
    }


def index_fingerprint(settings: Settings) -> dict[str, Any]:
    """What a stored index depends on: the settings that shape it and the annotator."""
    return settings.index_fingerprint() | {"annotator": ANNOTATOR_VERSION}


def fingerprint_matches(manifest: dict[str, Any], settings: Settings) -> bool:
    """Whether a store with ``manifest`` was built with the index settings of ``settings``."""
    return manifest.get("format") == FORMAT_VERSION and manifest.get(
        "fingerprint", {}
    ) == index_fingerprint(settings)


def fingerprint_differences(manifest: dict[str, Any], settings: Settings) -> str:
    """What differs, e.g. ``chunk_tokens: store has 160, settings say 200``."""
    built, wanted = manifest.get("fingerprint", {}), index_fingerprint(settings)
    return (
        ", ".join(
            f"{k}: store has {built.get(k)!r}, settings say {wanted[k]!r}"
            for k in wanted
            if built.get(k) != wanted[k]
        )
        or f"format {manifest.get('format')} (this version reads {FORMAT_VERSION})"
    )


def check_fingerprint(manifest: dict[str, Any], settings: Settings, store: Path) -> None:
    """Refuse a store built with other index settings than ``settings``."""
    if not fingerprint_matches(manifest, settings):
        raise StoreMismatchError(
            f"the store at {store} was built with other settings "
            f"({fingerprint_differences(manifest, settings)}): run `rag ingest` to re-index "
            "it with these settings, or use the settings it was built with"
        )


def _write_atomic(path: Path, text: str) -> None:
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "w", encoding="utf-8", newline="") as f:
        f.write(text)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


@contextlib.contextmanager
def write_lock(store: Path) -> Iterator[None]:
    """Hold the store's write lock; a second ingest at the same time is refused."""
    store.mkdir(parents=True, exist_ok=True)
    with open(store / ".lock", "w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise StoreError(
                f"another ingest is writing to {store}: wait for it to finish"
            ) from None
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


# --- Reading -----------------------------------------------------------------------------


class SentenceHit(NamedTuple):
    """A sentence found for a query, with its score (cosine similarity or BM25)."""

    sentence: Sentence
    score: float


class ChunkHit(NamedTuple):
    """A chunk found for a query, with its score (cosine similarity or BM25)."""

    chunk: Chunk
    score: float


class Store:
    """The live generation of a store, opened for questions: its articles, sentences and
    chunks, and the queries retrieval makes of them (dense, lexical, term statistics).

    Example::

        store = Store.open(Settings.from_env())
        store.docs["000_a8e0354666d9b320"].title
        [hit.sentence.text for hit in store.lexical_sentences("red line", k=3)]
    """

    def __init__(
        self,
        settings: Settings,
        name: str,
        generation: Generation,
        chunks_collection: Any,
        sentences_collection: Any,
    ) -> None:
        self.settings = settings
        self.generation_name = name
        self.manifest = generation.manifest
        self.docs: Mapping[str, DocInfo] = MappingProxyType(generation.docs)
        self.sentences: tuple[Sentence, ...] = tuple(generation.sentences)
        self.chunks: tuple[Chunk, ...] = tuple(generation.chunks)
        self._texts = generation.texts
        self._sentence_row = {s.id: i for i, s in enumerate(self.sentences)}
        self._chunk_row = {c.id: i for i, c in enumerate(self.chunks)}
        self._chunk_sentences = [
            tuple(self.sentences[self._sentence_row[sid]] for sid in c.sentence_ids)
            for c in self.chunks
        ]
        folder = settings.store / name / "lexical"
        self._lexical_sentences = LexicalIndex.load(folder / "sentences", len(self.sentences))
        self._lexical_chunks = LexicalIndex.load(folder / "chunks", len(self.chunks))
        self._chunks_collection = chunks_collection
        self._sentences_collection = sentences_collection
        self._annotations = generation.annotations
        # The people the articles name with an origin and a role ("Russian President
        # Vladimir Putin"), whom a question may call by the role alone.
        self.people_by_role = people(self._annotations.values())
        self._metadata_text = " ".join(
            f"{d.title} {d.publisher or ''}" for d in self.docs.values()
        ).lower()

    @classmethod
    def open(cls, settings: Settings) -> Store:
        """Open the live generation; raises if there is none or it was built differently."""
        name = current_generation(settings.store)
        if name is None:
            raise EmptyStoreError(settings.store)
        settings = bind_collection(settings)
        generation = read_generation(settings.store, name)
        check_fingerprint(generation.manifest, settings, settings.store)
        if not generation.docs:
            raise EmptyStoreError(settings.store)
        chunks_collection, sentences_collection = open_collections(
            chroma_client(settings), settings
        )
        return cls(settings, name, generation, chunks_collection, sentences_collection)

    def is_current(self) -> bool:
        """False once another ingest has switched the store to a newer generation."""
        return current_generation(self.settings.store) == self.generation_name

    # --- Articles ------------------------------------------------------------------------

    def text(self, doc_id: str) -> str:
        """The stored text of an article: what every offset points into."""
        return self._texts[doc_id]

    def counts(self) -> dict[str, int]:
        return {
            "documents": len(self.docs),
            "sentences": len(self.sentences),
            "chunks": len(self.chunks),
        }

    def in_metadata(self, name: str) -> bool:
        """Whether an article's title or publisher holds ``name`` (any case): a question may
        take a name from them rather than from the text ("according to Euromaidan Press")."""
        return name.lower() in self._metadata_text

    def neighbourhood(self, sentence: Sentence) -> tuple[Sentence, ...]:
        """The sentence with the ones before and after it in the same article."""
        row = self._sentence_row[sentence.id]
        return tuple(
            self.sentences[r]
            for r in (row - 1, row, row + 1)
            if 0 <= r < len(self.sentences) and self.sentences[r].doc_id == sentence.doc_id
        )

    def annotation(self, sentence: Sentence) -> Annotation:
        """What :func:`rag.annotate.annotate` read from the sentence at ingest."""
        return self._annotations[sentence.id]

    def sentences_in(self, chunk: Chunk) -> tuple[Sentence, ...]:
        """The sentences a chunk holds, in order."""
        return self._chunk_sentences[self._chunk_row[chunk.id]]

    # --- Dense ---------------------------------------------------------------------------

    def nearest_sentences(self, vector: np.ndarray, k: int) -> list[SentenceHit]:
        """The ``k`` sentences nearest ``vector`` by cosine similarity, best first."""
        return [
            SentenceHit(self.sentences[row], score)
            for row, score in self._query(self._sentences_collection, self._sentence_row, vector, k)
        ]

    def nearest_chunks(self, vector: np.ndarray, k: int) -> list[ChunkHit]:
        """The ``k`` chunks nearest ``vector`` by cosine similarity, best first."""
        return [
            ChunkHit(self.chunks[row], score)
            for row, score in self._query(self._chunks_collection, self._chunk_row, vector, k)
        ]

    def vectors(self, sentences: Sequence[Sentence]) -> np.ndarray:
        """Stored embeddings of ``sentences``, in that order."""
        if not sentences:
            return np.zeros((0, 384), dtype=np.float32)
        ids = [s.id for s in sentences]
        result = self._sentences_collection.get(ids=ids, include=["embeddings"])
        by_id = dict(zip(result["ids"], result["embeddings"], strict=True))
        missing = [i for i in ids if i not in by_id]
        if missing:
            raise StoreError(
                f"Chroma lacks {len(missing)} sentence vectors the store lists "
                f"(e.g. {missing[0]}): re-ingest with `rag ingest --rebuild`"
            )
        return np.asarray([by_id[i] for i in ids], dtype=np.float32)

    def _query(
        self, collection: Any, rows: dict[str, int], vector: np.ndarray, k: int
    ) -> list[tuple[int, float]]:
        # Over-fetch a little: vectors of an interrupted ingest may still sit in Chroma.
        n = min(len(rows), k + 8)
        result = collection.query(
            query_embeddings=vector[None, :], n_results=max(n, 1), include=["distances"]
        )
        hits = [
            (rows[i], 1.0 - float(d))
            for i, d in zip(result["ids"][0], result["distances"][0], strict=True)
            if i in rows
        ]
        return sorted(hits, key=lambda h: (-h[1], h[0]))[:k]

    # --- Lexical -------------------------------------------------------------------------

    def lexical_sentences(self, query: str, k: int) -> list[SentenceHit]:
        """The ``k`` sentences with the best positive BM25 score for ``query``, best first."""
        return [
            SentenceHit(self.sentences[row], score)
            for row, score in self._lexical_sentences.top(query, k)
        ]

    def lexical_chunks(self, query: str, k: int) -> list[ChunkHit]:
        """The ``k`` chunks with the best positive BM25 score for ``query``, best first."""
        return [
            ChunkHit(self.chunks[row], score) for row, score in self._lexical_chunks.top(query, k)
        ]

    def bm25(self, query: str) -> dict[str, float]:
        """BM25 score for ``query`` of every sentence that shares a term with it, by id."""
        scores = self._lexical_sentences.scores(query)
        return {self.sentences[row].id: float(scores[row]) for row in np.flatnonzero(scores > 0)}

    def sentence_frequency(self, terms: Sequence[str]) -> np.ndarray:
        """In how many sentences each (tokenized) term occurs; 0 for unseen terms."""
        return self._lexical_sentences.document_frequency(terms)

    def idf(self, terms: Sequence[str]) -> np.ndarray:
        """BM25 inverse document frequency of each (tokenized) term over the sentences."""
        return self._lexical_sentences.idf(terms)

    def knows(self, token: str) -> bool:
        """Whether the sentences use ``token`` (or, from four letters, a word it begins)."""
        return self._lexical_sentences.knows(token)
