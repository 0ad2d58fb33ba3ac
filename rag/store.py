"""The store: vectors in Chroma, everything else in a small versioned folder beside them.

Layout of ``settings.store``::

    CURRENT                  name of the live generation, replaced atomically
    gen-000007/              one generation, never modified once published
        chroma/              its own Chroma database (embedded mode; absent with --chroma-url)
        manifest.json        settings fingerprint, versions, documents and counts
        sentences.jsonl      one sentence a line: id, doc id, position, start, end, heading
        annotations.jsonl    one line per sentence, in the same order: rag.annotate's reading
        chunks.jsonl         one chunk a line: id, doc id, index, start, end, sentence ids
        lexical/sentences/   bm25s index over sentences
        lexical/chunks/      bm25s index over chunks
    staging/                 the generation an ingest is writing (published by renaming it)
    texts/<hash>.txt         original article texts, addressed by content hash
    .lock                    held while an ingest (or ``rag doctor``) writes

**Who may open a store at once.** Any number of reader processes and one writer. Embedded
Chroma (``PersistentClient``) is not safe for several processes writing one folder, and a
reader's Chroma is not safe against a writer changing its folder: the writer therefore never
touches a folder a reader may have open. It copies the live generation's ``chroma/`` into
``staging/``, upserts and deletes there, closes its client (everything persisted), writes the
catalog beside it, renames ``staging`` to ``gen-N`` and points ``CURRENT`` at it. A reader of a
published folder writes only one row into Chroma's sqlite file when it opens (sqlite locks
that itself); a store it cannot write is read from a private copy. With ``--chroma-url`` the
server owns the vectors: upserts go there directly, and vectors only the replaced generation
lists are deleted one generation late, so a reader mid-question still finds them.

A reader holds a shared ``flock`` on its generation's folder; an old generation is deleted only
while an exclusive lock on it succeeds, else the next ingest or ``rag doctor`` does it.

**Crashes.** Renaming ``staging`` is the commit point: a crash before it leaves the previous
generation live (``staging`` is resumed if its Chroma was closed cleanly, as after Ctrl-C, and
discarded otherwise); a crash after it is finished by the next writer (:func:`recover`), which
points ``CURRENT`` at the newest published generation. A full disk raises
:class:`~rag.errors.DiskFullError` and leaves the previous generation answering.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import functools
import json
import logging
import os
import re
import shutil
import signal
import sqlite3
import tempfile
import time
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from types import MappingProxyType
from typing import Any, Literal, NamedTuple, TypeVar
from urllib.parse import urlparse

import numpy as np

from rag import language as lang
from rag.annotate import ANNOTATOR_VERSION, Annotation, people, values_of
from rag.config import Settings
from rag.errors import (
    ChromaUnavailableError,
    ConfigError,
    DiskFullError,
    EmptyStoreError,
    StoreBusyError,
    StoreDamagedError,
    StoreError,
    StoreMismatchError,
)
from rag.lexical import LexicalIndex, Vocabulary
from rag.types import Chunk, DocInfo, Sentence, content_hash

logger = logging.getLogger(__name__)

FORMAT_VERSION = 1
_CHROMA_BATCH = 1000
Kind = Literal["chunks", "sentences"]
KINDS: tuple[Kind, Kind] = ("chunks", "sentences")
CURRENT = "CURRENT"
STAGING = "staging"
# In ``staging/``: its Chroma was closed cleanly after writing on top of the named generation,
# so the next ingest may carry on in it instead of copying and embedding again.
RESUMABLE = "RESUMABLE"
_PUBLISHED = re.compile(r"gen-(\d{6})")
# Set aside by ``rag doctor``: a generation whose catalog is damaged; its vectors seed the next
# ingest (ids are content hashes), so rebuilding the catalog embeds nothing again.
_DAMAGED = ".damaged"
_RETRY_PAUSE = 0.5  # seconds before the first retry of a server call; doubled after each
T = TypeVar("T")


@dataclass(frozen=True)
class Generation:
    """Everything one generation of the store lists, ready to write or just read."""

    manifest: dict[str, Any]
    docs: dict[str, DocInfo]
    texts: dict[str, str]  # doc id -> original text
    sentences: list[Sentence]
    chunks: list[Chunk]
    annotations: dict[str, Annotation]  # sentence id -> what rag.annotate read from it

    def ids(self, kind: Kind) -> set[str]:
        return {x.id for x in (self.chunks if kind == "chunks" else self.sentences)}


# --- Failures ----------------------------------------------------------------------------


def _is_disk_full(exc: BaseException) -> bool:
    """ENOSPC from Python, or the same from Chroma's sqlite or Rust code, which only say so."""
    if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return True
    text = str(exc).lower()
    return "disk is full" in text or "no space left" in text


def _disk_full(store: Path, exc: BaseException) -> DiskFullError:
    return DiskFullError(
        f"the disk holding {store} is full ({exc}): nothing was published and the store "
        "answers as before; free some space and run `rag ingest` again"
    )


def _fault_point(name: str) -> None:
    """Test hook for the fault-injection suite: ``RAG_TEST_KILL_AT=NAME`` kills this process
    with SIGKILL at the point called ``NAME``, as a power cut would."""
    if os.environ.get("RAG_TEST_KILL_AT") == name:
        os.kill(os.getpid(), signal.SIGKILL)


# --- Chroma ------------------------------------------------------------------------------


def collection_names(settings: Settings) -> tuple[str, str]:
    """Names of the (chunks, sentences) collections."""
    return f"{settings.collection}-chunks", f"{settings.collection}-sentences"


def chroma_client(settings: Settings, path: Path | None = None) -> Any:
    """An ``HttpClient`` for ``chroma_url`` (with timeouts), else an embedded
    ``PersistentClient`` on ``path`` (default: the live generation's Chroma folder)."""
    if settings.chroma_url:
        return _http_client(settings)
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    if path is None:
        path = chroma_path(settings.store, live_generation(settings.store) or STAGING)
    path.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(
        path=str(path), settings=ChromaSettings(anonymized_telemetry=False)
    )


def _http_client(settings: Settings) -> Any:
    import chromadb
    import httpx
    from chromadb.config import Settings as ChromaSettings

    url = urlparse(settings.chroma_url)
    if url.scheme not in ("http", "https") or not url.hostname:
        raise ConfigError(
            f"chroma_url {settings.chroma_url!r} is not an http(s)://HOST:PORT address"
        )
    port = url.port or (443 if url.scheme == "https" else 8000)

    def connect() -> Any:
        # chromadb 1.5.9 builds its httpx client with timeout=None and already calls the
        # server in the constructor: a heartbeat with our timeout first, so that a frozen
        # server is an error here rather than a hang there.
        base = f"{url.scheme}://{url.hostname}:{port}"
        httpx.get(f"{base}/api/v2/heartbeat", timeout=settings.chroma_timeout).raise_for_status()
        client: Any = chromadb.HttpClient(
            host=url.hostname or "",
            port=port,
            ssl=url.scheme == "https",
            settings=ChromaSettings(anonymized_telemetry=False),
        )
        client._server._session.timeout = httpx.Timeout(settings.chroma_timeout)
        return client

    return _call_server(settings, "connect", connect)


def _call_server(settings: Settings, what: str, call: Callable[[], T]) -> T:
    """``call()``, retried after connection errors; a timeout or the last failure becomes a
    :class:`ChromaUnavailableError` that names the server and what to do."""
    import httpx

    for attempt in range(settings.chroma_retries + 1):
        try:
            return call()
        except httpx.TimeoutException as exc:
            raise ChromaUnavailableError(
                f"the Chroma server at {settings.chroma_url} did not answer ({what}) within "
                f"{settings.chroma_timeout:g} s: it may be stopped or overloaded; check it, "
                "or allow longer with RAG_CHROMA_TIMEOUT"
            ) from exc
        except (httpx.TransportError, httpx.HTTPStatusError) as exc:
            if attempt == settings.chroma_retries:
                raise ChromaUnavailableError(
                    f"cannot reach the Chroma server at {settings.chroma_url} ({what}: {exc}; "
                    f"{attempt + 1} tries): start it with `chroma run --path DIR --host "
                    "127.0.0.1 --port PORT` or drop --chroma-url"
                ) from exc
            logger.warning("Chroma server %s: %s (%s); retrying", settings.chroma_url, exc, what)
            time.sleep(_RETRY_PAUSE * 2**attempt)
    raise AssertionError("unreachable")


def chroma_path(store: Path, name: str) -> Path:
    """The embedded Chroma folder of generation ``name``: its own, or for a generation written
    before generations had one, the store's shared ``chroma/``."""
    own = store / name / "chroma"
    return own if own.is_dir() or name == STAGING else store / "chroma"


def copy_chroma(source: Path, target: Path) -> None:
    """Copy an embedded Chroma folder that readers may have open. Readers write only to the
    sqlite file, so it is copied with sqlite's backup API (a consistent snapshot even during
    their writes); the vector segment folders they never write are copied as files."""
    target.mkdir(parents=True)
    with contextlib.closing(sqlite3.connect(source / "chroma.sqlite3")) as src:
        with contextlib.closing(sqlite3.connect(target / "chroma.sqlite3")) as dst:
            src.backup(dst)
    for entry in os.scandir(source):
        if entry.is_dir():
            shutil.copytree(entry.path, target / entry.name)


class Vectors:
    """The (chunks, sentences) collections of one Chroma database, a generation's own folder
    or the server, with every call's failure turned into a :class:`StoreError`."""

    def __init__(self, settings: Settings, client: Any, where: str) -> None:
        self._settings = settings
        self._client = client
        self.where = where
        chunks, sentences = self._call(
            "open the collections",
            lambda: [
                client.get_or_create_collection(
                    name=name,
                    configuration={"hnsw": {"space": "cosine"}},
                    embedding_function=None,  # vectors always come from our embedder
                )
                for name in collection_names(settings)
            ],
        )
        self._collections: dict[Kind, Any] = {"chunks": chunks, "sentences": sentences}

    def _call(self, what: str, call: Callable[[], T]) -> T:
        if self._settings.chroma_url:
            return _call_server(self._settings, what, call)
        try:
            return call()
        except Exception as exc:  # chromadb raises its own, sqlite's and Rust's errors
            if _is_disk_full(exc):
                raise _disk_full(self._settings.store, exc) from exc
            raise StoreError(
                f"Chroma failed to {what} in {self.where} ({type(exc).__name__}: {exc}): "
                f"run `rag doctor --store {self._settings.store}`"
            ) from exc

    def query(
        self, kind: Kind, vector: np.ndarray, n: int, docs: Collection[str] | None = None
    ) -> list[tuple[str, float]]:
        """The ``n`` nearest ids with their cosine distance, from the articles ``docs`` only
        when given."""
        where = None if docs is None else {"doc_id": {"$in": sorted(docs)}}
        result = self._call(
            "query",
            lambda: self._collections[kind].query(
                query_embeddings=vector[None, :], n_results=n, where=where, include=["distances"]
            ),
        )
        return list(zip(result["ids"][0], result["distances"][0], strict=True))

    def embeddings(self, kind: Kind, ids: Sequence[str]) -> dict[str, Any]:
        result = self._call(
            "read vectors",
            lambda: self._collections[kind].get(ids=list(ids), include=["embeddings"]),
        )
        return dict(zip(result["ids"], result["embeddings"], strict=True))

    def held(self, kind: Kind, ids: Sequence[str]) -> set[str]:
        """Which of ``ids`` the collection holds (what an ingest need not embed again)."""
        found: set[str] = set()
        for i in range(0, len(ids), _CHROMA_BATCH):
            batch = list(ids[i : i + _CHROMA_BATCH])
            get = functools.partial(self._collections[kind].get, ids=batch, include=[])
            found.update(self._call("list ids", get)["ids"])
        return found

    def upsert(
        self,
        kind: Kind,
        ids: Sequence[str],
        vectors: np.ndarray,
        metadatas: Sequence[dict[str, Any]],
    ) -> None:
        """Upsert in batches Chroma accepts.

        The texts are not sent: the catalog holds them, and Chroma would index them for its
        own full-text search, which nothing here uses (a third of the write time, measured).
        """
        for i in range(0, len(ids), _CHROMA_BATCH):
            j = i + _CHROMA_BATCH
            upsert = functools.partial(
                self._collections[kind].upsert,
                ids=list(ids[i:j]),
                embeddings=vectors[i:j],
                metadatas=list(metadatas[i:j]),
            )
            self._call("upsert", upsert)

    def delete_except(self, kind: Kind, keep: set[str]) -> int:
        """Delete every vector whose id is not in ``keep``; returns how many were deleted."""
        every = self._call("list ids", lambda: self._collections[kind].get(include=[])["ids"])
        stale = [i for i in every if i not in keep]
        for i in range(0, len(stale), _CHROMA_BATCH):
            delete = functools.partial(
                self._collections[kind].delete, ids=stale[i : i + _CHROMA_BATCH]
            )
            self._call("delete", delete)
        return len(stale)

    def drop(self) -> None:
        """Delete both collections (``rag ingest --rebuild`` on a server)."""
        names = set(collection_names(self._settings))
        existing = self._call("list collections", self._client.list_collections)
        for collection in existing:
            name = getattr(collection, "name", collection)
            if name in names:
                drop = functools.partial(self._client.delete_collection, name)
                self._call("delete a collection", drop)

    def seal(self) -> None:
        """Close an embedded database so that readers never write its vector files.

        Chroma flushes its HNSW index only every ``sync_threshold`` (1,000) writes and keeps
        the rest in its sqlite log; every process that opens the folder replays that log and
        rewrites ``length.bin`` (seen with three readers of the five bundled articles). So the
        threshold is lowered to 1, the client reopened (the new setting takes effect only
        then), one vector per collection rewritten as it is, which flushes the whole log, and
        Chroma's defaults restored. Afterwards readers write only to sqlite, which locks.
        """
        eager = {"hnsw": {"sync_threshold": 1, "batch_size": 1}}
        for collection in self._collections.values():
            self._call("configure", functools.partial(collection.modify, configuration=eager))
        self.close()
        reopened = Vectors(
            self._settings, chroma_client(self._settings, Path(self.where)), self.where
        )
        for collection in reopened._collections.values():
            one = reopened._call(
                "read",
                functools.partial(collection.get, limit=1, include=["embeddings", "metadatas"]),
            )
            if one["ids"]:
                rewrite = functools.partial(
                    collection.upsert,
                    ids=one["ids"],
                    embeddings=one["embeddings"],
                    metadatas=one["metadatas"],
                )
                reopened._call("flush", rewrite)
            defaults = {"hnsw": {"sync_threshold": 1000, "batch_size": 100}}
            reopened._call(
                "configure", functools.partial(collection.modify, configuration=defaults)
            )
        reopened.close()

    def close(self) -> None:
        """Release the client; an embedded one persists everything it holds first."""
        if not self._settings.chroma_url:
            self._call("close", self._client.close)


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


# --- The generation folders --------------------------------------------------------------


def check_store_folder(store: Path) -> None:
    """Refuse a ``--store`` that names a file (a typo that would otherwise end in a traceback)."""
    if store.exists() and not store.is_dir():
        raise StoreError(
            f"{store} is a file, not a store folder: point --store (RAG_STORE) at a folder"
        )


def current_generation(store: Path) -> str | None:
    """The name ``CURRENT`` holds, or None for a store never written."""
    try:
        name = (store / CURRENT).read_text(encoding="utf-8").strip()
    except (FileNotFoundError, NotADirectoryError):
        return None
    return name or None


def published_generations(store: Path) -> list[str]:
    """Names of the published generation folders, oldest first."""
    try:
        names = [p.name for p in store.iterdir() if _PUBLISHED.fullmatch(p.name) and p.is_dir()]
    except (FileNotFoundError, NotADirectoryError):
        return []
    return sorted(names)


def live_generation(store: Path) -> str | None:
    """The generation readers use: the one ``CURRENT`` names, or if ``CURRENT`` is missing or
    names nothing (a crash between publishing and switching, a file deleted by hand), the
    newest published one: every published folder is complete (renaming it is the last step)."""
    named = current_generation(store)
    if named is not None and (store / named).is_dir():
        return named
    published = published_generations(store)
    if published:
        logger.warning(
            "%s names %s, which does not exist: reading %s, the newest generation "
            "(`rag doctor` repairs CURRENT)",
            store / CURRENT,
            named or "nothing",
            published[-1],
        )
        return published[-1]
    return None


def read_generation(store: Path, name: str) -> Generation:
    """Load a published generation; a missing or damaged file raises StoreDamagedError."""
    folder = store / name
    try:
        manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
        docs = {d: DocInfo(doc_id=d, **meta["info"]) for d, meta in manifest["documents"].items()}
        texts = {
            d: (store / "texts" / f"{info.content_hash}.txt").read_text(encoding="utf-8")
            for d, info in docs.items()
        }
        sentences = []
        for line in _lines(folder / "sentences.jsonl", manifest["counts"]["sentences"]):
            doc_id, position, start, end, heading = json.loads(line)
            sentences.append(
                Sentence(doc_id, position, start, end, texts[doc_id][start:end], bool(heading))
            )
        chunks = []
        for line in _lines(folder / "chunks.jsonl", manifest["counts"]["chunks"]):
            doc_id, index, start, end, text, sentence_ids = json.loads(line)
            chunks.append(Chunk(doc_id, index, start, end, text, tuple(sentence_ids)))
        # A generation written before annotations existed has none; its fingerprint differs,
        # so it is only read to be re-indexed (which annotates every sentence again).
        annotated = folder / "annotations.jsonl"
        lines = annotated.read_text(encoding="utf-8").splitlines() if annotated.exists() else []
        annotations = {s.id: json.loads(line) for s, line in zip(sentences, lines, strict=False)}
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise StoreDamagedError(
            f"generation {name} of the store at {store} is damaged ({type(exc).__name__}: "
            f"{exc}): run `rag doctor --store {store}` to repair it"
        ) from exc
    return Generation(manifest, docs, texts, sentences, chunks, annotations)


def _lines(path: Path, expected: int) -> list[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    if len(lines) != expected:
        raise ValueError(f"{path.name} has {len(lines)} lines, the manifest lists {expected}")
    return lines


def _write_catalog(folder: Path, generation: Generation, number: int) -> None:
    """The catalog files of ``generation`` into ``folder`` (not yet published)."""
    manifest = dict(generation.manifest, generation=number)
    _write_text(folder / "manifest.json", json.dumps(manifest, indent=2, sort_keys=True))
    _write_text(
        folder / "sentences.jsonl",
        "".join(
            json.dumps([s.doc_id, s.position, s.start, s.end, int(s.heading)]) + "\n"
            for s in generation.sentences
        ),
    )
    _write_text(
        folder / "chunks.jsonl",
        "".join(
            json.dumps(
                [c.doc_id, c.index, c.start, c.end, c.text, list(c.sentence_ids)],
                ensure_ascii=False,
            )
            + "\n"
            for c in generation.chunks
        ),
    )
    _write_text(
        folder / "annotations.jsonl",
        "".join(
            json.dumps(generation.annotations[s.id], ensure_ascii=False) + "\n"
            for s in generation.sentences
        ),
    )
    _write_lexical(folder, generation)


def _write_lexical(folder: Path, generation: Generation) -> None:
    shutil.rmtree(folder / "lexical", ignore_errors=True)
    LexicalIndex.build([s.text for s in generation.sentences]).save(
        folder / "lexical" / "sentences"
    )
    LexicalIndex.build([c.text for c in generation.chunks]).save(folder / "lexical" / "chunks")


def _write_texts(store: Path, generation: Generation) -> None:
    texts = store / "texts"
    texts.mkdir(exist_ok=True)
    for doc_id, text in generation.texts.items():
        path = texts / f"{generation.docs[doc_id].content_hash}.txt"
        if not path.exists():
            _write_atomic(path, text)
    _fsync_dir(texts)


def _write_text(path: Path, text: str) -> None:
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(text)


def _write_atomic(path: Path, text: str) -> None:
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "w", encoding="utf-8", newline="") as f:
        f.write(text)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_tree(folder: Path) -> None:
    """Flush every file below ``folder`` (bm25s and Chroma do not) and the folders themselves,
    so that a published generation survives a power cut."""
    for root, _, files in os.walk(folder):
        for name in files:
            fd = os.open(os.path.join(root, name), os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
        _fsync_dir(Path(root))


def _switch(store: Path, name: str) -> None:
    _write_atomic(store / CURRENT, name + "\n")
    _fsync_dir(store)


# --- Locks -------------------------------------------------------------------------------


@contextlib.contextmanager
def write_lock(store: Path) -> Iterator[None]:
    """Hold the store's write lock; a second writer at the same time is refused."""
    check_store_folder(store)
    try:
        store.mkdir(parents=True, exist_ok=True)
        handle = open(store / ".lock", "a")
    except OSError as exc:
        raise StoreError(
            f"cannot write to the store at {store} ({exc.strerror}): ingest needs a writable "
            "folder; a read-only copy can still answer questions"
        ) from exc
    with handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise StoreBusyError(
                f"another ingest is writing to {store}: wait for it to finish"
            ) from None
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


class Lease:
    """A shared ``flock`` on a generation folder, held while a :class:`Store` reads it. A
    writer deletes a generation only under an exclusive lock, renaming it first, so a reader
    that got its lease still finds the folder it leased (works on read-only mounts too)."""

    def __init__(self, fd: int) -> None:
        self._fd: int | None = fd

    @classmethod
    def take(cls, folder: Path) -> Lease | None:
        """The lease, or None if the folder was deleted before it could be locked."""
        try:
            fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
        except FileNotFoundError:
            return None
        fcntl.flock(fd, fcntl.LOCK_SH)  # waits only while a writer renames the folder away
        try:
            still_there = os.stat(folder).st_ino == os.fstat(fd).st_ino
        except FileNotFoundError:
            still_there = False
        if not still_there:
            os.close(fd)
            return None
        return cls(fd)

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None


def _delete_if_unused(folder: Path) -> bool:
    """Delete a generation folder unless a reader holds a lease on it."""
    try:
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    except FileNotFoundError:
        return True
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        doomed = folder.with_name(folder.name + ".deleting")
        os.rename(folder, doomed)
        shutil.rmtree(doomed)
        return True
    finally:
        os.close(fd)


# --- Recovery ----------------------------------------------------------------------------


def recover(store: Path) -> list[str]:
    """Finish or clean up after a writer that died; call with the write lock held. Returns
    what was done, one line each (``rag doctor`` prints them; an ingest logs them).

    A published folder newer than ``CURRENT`` was renamed by a writer killed before it could
    switch: renaming is the commit point, so ``CURRENT`` is moved forward to it. Then leftovers
    go: ``*.tmp`` files, half-deleted folders, a ``staging`` folder whose Chroma was not
    closed cleanly, older generations no reader holds, and texts no generation lists.
    """
    done: list[str] = []
    named = current_generation(store)
    published = published_generations(store)
    if published and named != published[-1]:
        _switch(store, published[-1])
        done.append(f"CURRENT named {named or 'nothing'}; pointed it at {published[-1]}")
    for path in [*store.glob("*.tmp"), *store.glob("texts/*.tmp")]:
        path.unlink(missing_ok=True)
        done.append(f"removed the half-written {path.relative_to(store)}")
    for folder in store.glob("*.deleting"):
        shutil.rmtree(folder, ignore_errors=True)
        done.append(f"removed the half-deleted {folder.name}")
    staging = store / STAGING
    if staging.exists() and not (staging / RESUMABLE).exists():
        shutil.rmtree(staging, ignore_errors=True)
        done.append("removed staging/, left by an ingest that did not close it cleanly")
    done += remove_unused(store)
    return done


def remove_unused(store: Path) -> list[str]:
    """Delete generations older than the live one that no reader holds, folders set aside by
    ``rag doctor`` once a new generation is live, and texts no remaining generation lists."""
    done: list[str] = []
    live = live_generation(store)
    if live is None:
        return done
    for name in published_generations(store):
        if name < live and _delete_if_unused(store / name):
            done.append(f"removed the old generation {name}")
    for folder in store.glob(f"gen-*{_DAMAGED}"):
        shutil.rmtree(folder, ignore_errors=True)
        done.append(f"removed {folder.name}, replaced by {live}")
    if (store / "chroma").is_dir() and all(
        (store / n / "chroma").is_dir() for n in published_generations(store)
    ):
        shutil.rmtree(store / "chroma")  # the shared folder of the layout before generations
        done.append("removed chroma/, which no generation uses any more")
    used: set[str] = set()
    for name in published_generations(store):
        try:
            manifest = json.loads((store / name / "manifest.json").read_text(encoding="utf-8"))
            used |= {meta["info"]["content_hash"] for meta in manifest["documents"].values()}
        except (OSError, ValueError, KeyError):
            return done  # a damaged generation: keep every text until `rag doctor` sees it
    for path in (store / "texts").glob("*.txt"):
        if path.stem not in used:
            path.unlink(missing_ok=True)
            done.append(f"removed texts/{path.name}, which no generation lists")
    return done


# --- Manifests ---------------------------------------------------------------------------


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
    info_fields = (
        "title",
        "publisher",
        "published",
        "path",
        "content_hash",
        "url",
        "reader",
        "author",
        "original",
    )
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


def is_hatnote(text: str) -> bool:
    """Whether a sentence is a page's note about other pages of a similar name
    (:data:`rag.language.HATNOTE_OPENINGS`), not about the page's own subject."""
    opening = text.lstrip(" \t\"'“‘(").lower()
    start = opening[: lang.HATNOTE_REACH]
    return (
        opening.startswith(lang.HATNOTE_OPENINGS)
        or (opening.startswith("for ") and lang.HATNOTE_SEND_ON in start)
        or lang.HATNOTE_REDIRECT in start
    )


# --- Writing -----------------------------------------------------------------------------


class StoreWriter:
    """The one way to change a store: vectors into a staging copy, then :meth:`commit`.

    Example::

        with StoreWriter.open(settings) as writer:
            missing = set(ids) - writer.held("sentences", ids)
            writer.upsert("sentences", ids, vectors, metadatas)
            writer.commit(generation)

    Opening takes the write lock, recovers from a writer that died (:func:`recover`) and binds
    the settings to the collection the store uses (``writer.settings``). Leaving the block
    without committing publishes nothing; the staging copy is kept for the next ingest to
    carry on in if its Chroma closed cleanly (Ctrl-C, an error), else removed.
    """

    def __init__(self, settings: Settings, live_name: str | None, live: Generation | None):
        self.settings = settings
        self.live_name = live_name
        self.live = live
        self._store = settings.store
        self._staging: Vectors | None = None
        self._starting_over = False

    @classmethod
    @contextlib.contextmanager
    def open(cls, settings: Settings) -> Iterator[StoreWriter]:
        with write_lock(settings.store):
            for line in recover(settings.store):
                logger.info("recovered: %s", line)
            name = live_generation(settings.store)
            live = None if name is None else read_generation(settings.store, name)
            if live is not None:
                # A store folder belongs to one collection, whatever the setting says.
                settings = settings.replace(collection=live.manifest.get("collection"))
            writer = cls(settings, name, live)
            try:
                yield writer
            finally:
                writer._put_staging_away()

    def start_over(self) -> None:
        """Forget the live generation (``rag ingest --rebuild``): the next commit holds only
        what this writer upserts. Embedded, the live generation answers until then; on a
        server its collections are emptied now."""
        self.live_name, self.live, self._starting_over = None, None, True
        shutil.rmtree(self._store / STAGING, ignore_errors=True)
        if self.settings.chroma_url:
            self._vectors().drop()
            self._staging = None

    def held(self, kind: Kind, ids: Sequence[str]) -> set[str]:
        """Which of ``ids`` the staging vectors hold already (from the live generation, an
        interrupted earlier run, or this one)."""
        return self._vectors().held(kind, ids)

    def upsert(
        self,
        kind: Kind,
        ids: Sequence[str],
        vectors: np.ndarray,
        metadatas: Sequence[dict[str, Any]],
    ) -> None:
        self._vectors().upsert(kind, ids, vectors, metadatas)

    def commit(self, generation: Generation) -> str:
        """Publish ``generation``; returns its name. Vectors it does not list are deleted from
        the staging copy (on a server: those neither it nor the replaced generation lists),
        the Chroma client is closed so that everything is on disk, the catalog is written
        beside it and flushed, ``staging`` is renamed ``gen-N`` (the commit point) and
        ``CURRENT`` switched; then generations no reader holds are removed."""
        vectors = self._vectors()
        for kind in KINDS:
            keep = generation.ids(kind)
            if self.settings.chroma_url and self.live is not None:
                keep |= self.live.ids(kind)  # a reader mid-question may still ask for them
            vectors.delete_except(kind, keep)
        if self.settings.chroma_url:
            vectors.close()
        else:
            vectors.seal()
        self._staging = None
        _fault_point("vectors-written")
        published = published_generations(self._store)
        number = int(published[-1].split("-")[1]) + 1 if published else 1
        name = f"gen-{number:06d}"
        staging = self._store / STAGING
        try:
            staging.mkdir(exist_ok=True)
            (staging / RESUMABLE).unlink(missing_ok=True)
            _write_texts(self._store, generation)
            _write_catalog(staging, generation, number)
            _fsync_tree(staging)
            _fault_point("catalog-written")
            os.rename(staging, self._store / name)
            _fsync_dir(self._store)
            _fault_point("renamed")
            _switch(self._store, name)
        except OSError as exc:
            if _is_disk_full(exc):
                shutil.rmtree(staging, ignore_errors=True)
                raise _disk_full(self._store, exc) from exc
            raise
        _fault_point("switched")
        self.live_name, self.live = name, generation
        for line in remove_unused(self._store):
            logger.info("%s", line)
        return name

    def _vectors(self) -> Vectors:
        if self._staging is None:
            self._staging = self._begin()
        return self._staging

    def _begin(self) -> Vectors:
        if self.settings.chroma_url:
            return Vectors(self.settings, chroma_client(self.settings), self.settings.chroma_url)
        staging = self._store / STAGING
        base = self.live_name or ""
        marker = staging / RESUMABLE
        if marker.exists() and marker.read_text(encoding="utf-8") == base:
            logger.info("carrying on in %s, left by an interrupted ingest", staging)
        else:
            shutil.rmtree(staging, ignore_errors=True)
            staging.mkdir()
            seed = self._seed()
            try:
                if seed is not None:
                    copy_chroma(seed, staging / "chroma")
            except (OSError, sqlite3.Error) as exc:
                shutil.rmtree(staging, ignore_errors=True)
                if _is_disk_full(exc):
                    raise _disk_full(self._store, exc) from exc
                raise StoreError(f"cannot copy {seed} into {staging}: {exc}") from exc
        marker.unlink(missing_ok=True)
        try:
            client = chroma_client(self.settings, staging / "chroma")
            return Vectors(self.settings, client, str(staging / "chroma"))
        except Exception as exc:
            if _is_disk_full(exc):
                shutil.rmtree(staging, ignore_errors=True)
                raise _disk_full(self._store, exc) from exc
            raise

    def _seed(self) -> Path | None:
        """The Chroma folder the staging copy starts from: the live generation's, or with no
        live generation the one ``rag doctor`` set aside with a damaged catalog."""
        if self._starting_over:
            return None
        if self.live_name is not None:
            return chroma_path(self._store, self.live_name)
        damaged = sorted(self._store.glob(f"gen-*{_DAMAGED}/chroma"))
        return damaged[-1] if damaged else None

    def _put_staging_away(self) -> None:
        """Leaving without a commit: close the staging Chroma and mark it resumable, or remove
        it if it cannot be closed cleanly (a full disk)."""
        if self._staging is None or self.settings.chroma_url:
            return
        staging, self._staging = self._staging, None
        try:
            staging.close()
            _write_atomic(self._store / STAGING / RESUMABLE, self.live_name or "")
        except (StoreError, OSError) as exc:
            logger.warning("removing %s: %s", self._store / STAGING, exc)
            shutil.rmtree(self._store / STAGING, ignore_errors=True)


# --- Reading -----------------------------------------------------------------------------


class SentenceHit(NamedTuple):
    """A sentence found for a query, with its score (cosine similarity or BM25)."""

    sentence: Sentence
    score: float


class ChunkHit(NamedTuple):
    """A chunk found for a query, with its score (cosine similarity or BM25)."""

    chunk: Chunk
    score: float


# Articles whose words Store.mentions keeps at once: a question reads a few dozen.
_VOCABULARIES_KEPT = 2048
_NAMES_KEPT = 2048  # articles whose names are kept, as a bound on memory
_GISTS_KEPT = 2048  # articles whose gists are kept, as a bound on memory
# The names that tell a story: not a nationality or a group ("American"), which many share.
_STORY_NAME_KINDS = frozenset({"person", "org", "place", "thing"})


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
        vectors: Vectors,
        lease: Lease | None = None,
        private_copy: Path | None = None,
    ) -> None:
        self.settings = settings
        self.generation_name = name
        self.manifest = generation.manifest
        self.docs: Mapping[str, DocInfo] = MappingProxyType(generation.docs)
        self.sentences: tuple[Sentence, ...] = tuple(generation.sentences)
        self.chunks: tuple[Chunk, ...] = tuple(generation.chunks)
        self._texts = generation.texts
        self._sentence_row = {s.id: i for i, s in enumerate(self.sentences)}
        # Each article's sentences, and its first one after its title and any hatnote
        # (sentences come in article order).
        self._leads: dict[str, Sentence] = {}
        by_doc: dict[str, list[Sentence]] = {}
        for sentence in self.sentences:
            by_doc.setdefault(sentence.doc_id, []).append(sentence)
            lead = self._leads.get(sentence.doc_id)
            if (
                lead is None
                or lead.text.strip() == self.docs[lead.doc_id].title.strip()
                or is_hatnote(lead.text)
            ):
                self._leads[sentence.doc_id] = sentence
        self._doc_sentences = {doc_id: tuple(ss) for doc_id, ss in by_doc.items()}
        self._chunk_row = {c.id: i for i, c in enumerate(self.chunks)}
        self._chunk_sentences = [
            tuple(self.sentences[self._sentence_row[sid]] for sid in c.sentence_ids)
            for c in self.chunks
        ]
        folder = settings.store / name / "lexical"
        try:
            self._lexical_sentences = LexicalIndex.load(folder / "sentences", len(self.sentences))
            self._lexical_chunks = LexicalIndex.load(folder / "chunks", len(self.chunks))
        except (OSError, ValueError) as exc:
            raise StoreDamagedError(
                f"the lexical index of generation {name} in {settings.store} is missing or "
                f"damaged ({exc}): run `rag doctor --store {settings.store}` to rebuild it"
            ) from exc
        self._vectors = vectors
        self._lease = lease
        self._private_copy = private_copy
        self._annotations = generation.annotations
        # The people the articles name with an origin and a role ("Russian President
        # Vladimir Putin"), whom a question may call by the role alone.
        self.people_by_role = people(self._annotations.values())
        self._vocabularies: dict[str, Vocabulary] = {}  # doc id -> its words, when asked
        self._names: dict[str, frozenset[str]] = {}  # doc id -> the names it names, when asked
        self._gists: dict[str, np.ndarray] = {}  # doc id -> its gist, when asked
        self._metadata_text = " ".join(
            f"{d.title} {d.publisher or ''}" for d in self.docs.values()
        ).lower()

    @classmethod
    def open(cls, settings: Settings) -> Store:
        """Open the live generation; raises if there is none or it was built differently.

        The store holds a lease on the generation until :meth:`close`, so that no ingest
        deletes it while it is read.
        """
        check_store_folder(settings.store)
        for _ in range(5):  # a generation deleted between reading CURRENT and leasing it
            name = live_generation(settings.store)
            if name is None:
                raise EmptyStoreError(settings.store)
            lease = Lease.take(settings.store / name)
            if lease is not None:
                break
        else:
            raise StoreError(f"the store at {settings.store} keeps changing: ask again")
        private_copy = None
        try:
            generation = read_generation(settings.store, name)
            settings = settings.replace(collection=generation.manifest.get("collection"))
            check_fingerprint(generation.manifest, settings, settings.store)
            if not generation.docs:
                raise EmptyStoreError(settings.store)
            if settings.chroma_url:
                vectors = Vectors(settings, chroma_client(settings), settings.chroma_url)
            else:
                path = chroma_path(settings.store, name)
                if not _writable(path):
                    private_copy = _private_copy(path)
                    path = private_copy / "chroma"
                vectors = Vectors(settings, chroma_client(settings, path), str(path))
            return cls(settings, name, generation, vectors, lease, private_copy)
        except BaseException:
            lease.release()
            if private_copy is not None:
                shutil.rmtree(private_copy, ignore_errors=True)
            raise

    def close(self) -> None:
        """Release the Chroma client and the lease (the catalog stays readable)."""
        self._vectors.close()
        if self._lease is not None:
            self._lease.release()
        if self._private_copy is not None:
            shutil.rmtree(self._private_copy, ignore_errors=True)

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

    def mentions(self, doc_id: str, names: Sequence[set[str]]) -> bool:
        """Whether the article (its title or text) has every term of one of the tokenized
        ``names``, in a longer or shorter form or spelled a letter or two off
        (:class:`rag.lexical.Vocabulary`)."""
        vocabulary = self._vocabularies.get(doc_id)
        if vocabulary is None:
            if len(self._vocabularies) >= _VOCABULARIES_KEPT:
                self._vocabularies.clear()  # a bound on memory in a large store
            text = f"{self.docs[doc_id].title} {self._texts[doc_id]}"
            vocabulary = self._vocabularies[doc_id] = Vocabulary(text)
        return any(all(vocabulary.mentions(term) for term in name) for name in names)

    def names(self, doc_id: str) -> frozenset[str]:
        """The names the article's sentences name (people, bodies, places, works; normalised
        as :func:`rag.values.normalise_name` does): what two articles about one story share."""
        found = self._names.get(doc_id)
        if found is None:
            if len(self._names) >= _NAMES_KEPT:
                self._names.clear()  # a bound on memory in a large store
            found = self._names[doc_id] = frozenset(
                v.norm
                for sentence in self.sentences_of(doc_id)
                for v in values_of(self.annotation(sentence))
                if v.kind in _STORY_NAME_KINDS
            )
        return found

    def gists(self, doc_ids: Sequence[str]) -> dict[str, np.ndarray]:
        """Each article's gist: the mean of its sentences' stored vectors, of unit length.
        Two reports of one event are near each other; two stories that merely share a name
        (a town's flood and another town's census) are far apart. The articles not read
        before are read in one call."""
        missing = [d for d in dict.fromkeys(doc_ids) if d not in self._gists]
        if missing:
            if len(self._gists) + len(missing) > _GISTS_KEPT:
                self._gists.clear()  # a bound on memory in a large store
            vectors = self.vectors([s for d in missing for s in self.sentences_of(d)])
            start = 0
            for doc_id in missing:
                end = start + len(self.sentences_of(doc_id))
                mean = vectors[start:end].mean(axis=0)
                self._gists[doc_id] = mean / max(float(np.linalg.norm(mean)), 1e-12)
                start = end
        return {d: self._gists[d] for d in doc_ids}

    def sentences_of(self, doc_id: str) -> tuple[Sentence, ...]:
        """The article's sentences, in order."""
        return self._doc_sentences[doc_id]

    def neighbourhood(self, sentence: Sentence, before: int = 1) -> tuple[Sentence, ...]:
        """The sentence with the ``before`` ones before it and the one after it in the same
        article."""
        row = self._sentence_row[sentence.id]
        return tuple(
            self.sentences[r]
            for r in range(row - before, row + 2)
            if 0 <= r < len(self.sentences) and self.sentences[r].doc_id == sentence.doc_id
        )

    def lead(self, doc_id: str) -> Sentence:
        """The first sentence of the article after its title and any hatnote (``Not to be
        confused with...``): where a page or a dateline says which of the places or things so
        called it is about ("Wadi, Karnataka", "SPRINGFIELD, Ill.")."""
        return self._leads[doc_id]

    def annotation(self, sentence: Sentence) -> Annotation:
        """What :func:`rag.annotate.annotate` read from the sentence at ingest."""
        return self._annotations[sentence.id]

    def sentences_in(self, chunk: Chunk) -> tuple[Sentence, ...]:
        """The sentences a chunk holds, in order."""
        return self._chunk_sentences[self._chunk_row[chunk.id]]

    # --- Dense ---------------------------------------------------------------------------

    def nearest_sentences(
        self, vector: np.ndarray, k: int, docs: Collection[str] | None = None
    ) -> list[SentenceHit]:
        """The ``k`` sentences nearest ``vector`` by cosine similarity, best first; from the
        articles ``docs`` only, when given."""
        return [
            SentenceHit(self.sentences[row], score)
            for row, score in self._query("sentences", self._sentence_row, vector, k, docs)
        ]

    def nearest_chunks(
        self, vector: np.ndarray, k: int, docs: Collection[str] | None = None
    ) -> list[ChunkHit]:
        """The ``k`` chunks nearest ``vector`` by cosine similarity, best first; from the
        articles ``docs`` only, when given."""
        return [
            ChunkHit(self.chunks[row], score)
            for row, score in self._query("chunks", self._chunk_row, vector, k, docs)
        ]

    def vectors(self, sentences: Sequence[Sentence]) -> np.ndarray:
        """Stored embeddings of ``sentences``, in that order."""
        if not sentences:
            return np.zeros((0, 384), dtype=np.float32)
        ids = [s.id for s in sentences]
        by_id = self._vectors.embeddings("sentences", ids)
        missing = [i for i in ids if i not in by_id]
        if missing:
            raise StoreError(
                f"Chroma lacks {len(missing)} sentence vectors the store lists "
                f"(e.g. {missing[0]}): run `rag doctor --store {self.settings.store}`"
            )
        return np.asarray([by_id[i] for i in ids], dtype=np.float32)

    def _query(
        self,
        kind: Kind,
        rows: dict[str, int],
        vector: np.ndarray,
        k: int,
        docs: Collection[str] | None = None,
    ) -> list[tuple[int, float]]:
        # Over-fetch: on a server, the vectors of the generation before may still be there.
        # Ask for more until k listed ones are found or the collection is exhausted.
        n = max(min(len(rows), k + 8), 1)
        while True:
            found = self._vectors.query(kind, vector, n, docs)
            hits = [(rows[i], 1.0 - float(d)) for i, d in found if i in rows]
            if len(hits) >= min(k, len(rows)) or len(found) < n:
                break
            n *= 4
        return sorted(hits, key=lambda h: (-h[1], h[0]))[:k]

    # --- Lexical -------------------------------------------------------------------------

    def lexical_sentences(
        self, query: str, k: int, docs: Collection[str] | None = None
    ) -> list[SentenceHit]:
        """The ``k`` sentences with the best positive BM25 score for ``query``, best first;
        from the articles ``docs`` only, when given."""
        rows = None if docs is None else self._rows_of(self.sentences, docs)
        return [
            SentenceHit(self.sentences[row], score)
            for row, score in self._lexical_sentences.top(query, k, rows)
        ]

    @staticmethod
    def _rows_of(items: Sequence[Sentence] | Sequence[Chunk], docs: Collection[str]) -> np.ndarray:
        """Which rows belong to the articles ``docs``, as a boolean mask."""
        return np.fromiter((item.doc_id in docs for item in items), dtype=bool, count=len(items))

    def lexical_chunks(
        self, query: str, k: int, docs: Collection[str] | None = None
    ) -> list[ChunkHit]:
        """The ``k`` chunks with the best positive BM25 score for ``query``, best first; from
        the articles ``docs`` only, when given."""
        rows = None if docs is None else self._rows_of(self.chunks, docs)
        return [
            ChunkHit(self.chunks[row], score)
            for row, score in self._lexical_chunks.top(query, k, rows)
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

    def knows_like(self, token: str) -> bool:
        """Whether the sentences use ``token`` or a word one typo away (see
        :meth:`rag.lexical.LexicalIndex.knows_like`)."""
        return self._lexical_sentences.knows_like(token)


def _writable(path: Path) -> bool:
    return os.access(path, os.W_OK) and os.access(path / "chroma.sqlite3", os.W_OK)


def _private_copy(path: Path) -> Path:
    """A copy of a Chroma folder this process cannot write, in a temporary folder: embedded
    Chroma writes to its sqlite file whenever it opens, so a read-only store (a read-only
    mount, another user's files) is read from a copy (~0.5 s for SQuAD dev's 70 MB)."""
    folder = Path(tempfile.mkdtemp(prefix="newsrag-chroma-"))
    logger.info("%s is read-only: reading a private copy in %s", path, folder)
    try:
        copy_chroma(path, folder / "chroma")
    except (OSError, sqlite3.Error) as exc:
        shutil.rmtree(folder, ignore_errors=True)
        raise StoreError(
            f"{path} is read-only and copying it to {folder} failed ({exc}): make the store "
            "writable or give the temporary folder (TMPDIR) room for a copy"
        ) from exc
    return folder


# --- rag doctor --------------------------------------------------------------------------


@dataclass(frozen=True)
class Finding:
    """One thing ``rag doctor`` saw: what is wrong, and whether it was repaired."""

    problem: str
    repaired: bool
    advice: str = ""


@dataclass(frozen=True)
class Checkup:
    """What ``rag doctor`` found in a store and what it did."""

    store: Path
    live: str | None
    findings: tuple[Finding, ...] = field(default_factory=tuple)

    @property
    def healthy(self) -> bool:
        """Nothing is left wrong (everything found was repaired)."""
        return all(f.repaired for f in self.findings)


def doctor(settings: Settings, repair: bool = True) -> Checkup:
    """Check a store and, with ``repair``, fix what can be fixed without embedding again:
    leftovers of a crashed writer, ``CURRENT``, a missing lexical index, a missing text whose
    original file is unchanged, and a damaged catalog (set aside so that the next ingest
    rebuilds it, reusing every vector). Missing vectors can only be embedded again."""
    store = settings.store
    check_store_folder(store)
    if not store.is_dir():
        return Checkup(
            store, None, (Finding(f"{store} does not exist", False, "run `rag ingest`"),)
        )
    if not repair:
        return _examine(settings, repair=False)
    with write_lock(store):
        recovered = tuple(Finding(line, True) for line in recover(store))
        checkup = _examine(settings, repair=True)
    return Checkup(store, checkup.live, recovered + checkup.findings)


def _examine(settings: Settings, repair: bool) -> Checkup:
    store = settings.store
    findings: list[Finding] = []
    name = live_generation(store)
    if name is None:
        advice = "run `rag ingest` (the vectors set aside are reused)"
        if list(store.glob(f"gen-*{_DAMAGED}")):
            findings.append(
                Finding("no live generation; a damaged one was set aside", False, advice)
            )
        return Checkup(store, None, tuple(findings))
    if current_generation(store) != name:
        findings.append(Finding(f"CURRENT does not name {name}, the newest generation", False))
    folder = store / name
    try:
        manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
        docs = {d: DocInfo(doc_id=d, **meta["info"]) for d, meta in manifest["documents"].items()}
    except (OSError, ValueError, KeyError, TypeError) as exc:
        findings.append(_set_aside(store, name, f"manifest.json is unreadable ({exc})", repair))
        return Checkup(store, name, tuple(findings))
    for doc_id, info in docs.items():
        path = store / "texts" / f"{info.content_hash}.txt"
        try:
            intact = content_hash(path.read_text(encoding="utf-8")) == info.content_hash
        except (OSError, UnicodeDecodeError):
            intact = False
        if not intact:
            findings.append(_restore_text(store, doc_id, info, repair))
    try:
        generation = read_generation(store, name)
    except StoreDamagedError as exc:
        findings.append(_set_aside(store, name, str(exc.__cause__ or exc), repair))
        return Checkup(store, name, tuple(findings))
    try:
        for kind in ("sentences", "chunks"):
            LexicalIndex.load(folder / "lexical" / kind, len(generation.ids(kind)))
    except (OSError, ValueError) as exc:
        if repair:
            _write_lexical(folder, generation)
            _fsync_tree(folder / "lexical")
        findings.append(Finding(f"the lexical index of {name} was unreadable ({exc})", repair))
    findings += _check_vectors(settings, name, generation)
    return Checkup(store, name, tuple(findings))


def _restore_text(store: Path, doc_id: str, info: DocInfo, repair: bool) -> Finding:
    problem = f"the stored text of {doc_id} (texts/{info.content_hash}.txt) is missing or changed"
    try:
        original = Path(info.path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        original = None
    if original is None or content_hash(original) != info.content_hash:
        return Finding(problem, False, f"its file {info.path} is gone or changed: re-ingest it")
    if repair:
        (store / "texts").mkdir(exist_ok=True)
        _write_atomic(store / "texts" / f"{info.content_hash}.txt", original)
    return Finding(f"{problem}; restored from {info.path}", repair)


def _set_aside(store: Path, name: str, problem: str, repair: bool) -> Finding:
    advice = "run `rag ingest` with the articles: it rebuilds the catalog and reuses every vector"
    if repair:
        os.rename(store / name, store / f"{name}{_DAMAGED}")
        (store / CURRENT).unlink(missing_ok=True)
        _fsync_dir(store)
        return Finding(
            f"{name} is damaged: {problem}; set aside as {name}{_DAMAGED}", False, advice
        )
    return Finding(f"{name} is damaged: {problem}", False, "run `rag doctor` to set it aside")


def _check_vectors(settings: Settings, name: str, generation: Generation) -> list[Finding]:
    settings = settings.replace(collection=generation.manifest.get("collection"))
    path = chroma_path(settings.store, name)
    advice = "the missing vectors must be embedded again: run `rag ingest --rebuild`"
    try:
        if settings.chroma_url:
            vectors = Vectors(settings, chroma_client(settings), settings.chroma_url)
        else:
            if not (path / "chroma.sqlite3").is_file():
                return [Finding(f"{path} holds no Chroma database", False, advice)]
            vectors = Vectors(settings, chroma_client(settings, path), str(path))
        try:
            missing = {
                k: generation.ids(k) - vectors.held(k, sorted(generation.ids(k))) for k in KINDS
            }
        finally:
            vectors.close()
    except StoreError as exc:
        return [Finding(f"Chroma cannot be read: {exc}", False, advice)]
    return [
        Finding(f"Chroma lacks {len(ids)} {kind} vectors that {name} lists", False, advice)
        for kind, ids in missing.items()
        if ids
    ]
