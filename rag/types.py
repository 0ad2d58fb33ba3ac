"""Internal value objects passed between the stages: files -> sentences -> chunks -> store ->
passages. The public answer types are in :mod:`rag.schema`.

All offsets are character offsets into the stored article text (the original file's text as
decoded), so ``stored_text[start:end] == text`` holds for every ``Sentence``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np

from rag.schema import Source


def content_hash(text: str, length: int = 16) -> str:
    """Stable short hex digest of ``text`` (sha256), used in ids and the manifest."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:length]


@dataclass(frozen=True)
class DocInfo:
    """What a citation says about its source; ``None`` where the article does not state it."""

    doc_id: str
    title: str
    publisher: str | None
    published: str | None  # ISO date, e.g. "2025-04-22"
    path: str
    content_hash: str
    url: str | None = None  # where it was read from, when it came from the web

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @property
    def source(self) -> Source:
        """The public view of the article, as citations show it."""
        return Source(self.doc_id, self.title, self.publisher, self.published, self.url)


@dataclass(frozen=True)
class Document:
    """One article: its metadata and the original text, exactly as decoded from the file."""

    info: DocInfo
    text: str = field(repr=False)

    @property
    def doc_id(self) -> str:
        return self.info.doc_id


@dataclass(frozen=True)
class Sentence:
    """A sentence (or headline) of an article, located by offsets into the original text.

    ``heading`` marks titles and section headings: they give chunks their context but are
    never offered as an answer on their own.
    """

    doc_id: str
    position: int
    start: int
    end: int
    text: str
    heading: bool = False

    @property
    def id(self) -> str:
        return f"{self.doc_id}:s{self.start}-{self.end}:{content_hash(self.text, 8)}"


@dataclass(frozen=True)
class Chunk:
    """Consecutive sentences of one article, embedded together for passage retrieval.

    ``text`` is what gets embedded (the sentences joined, furniture left out), so it may
    differ from ``original_text[start:end]``; ``start``/``end`` span its first to last sentence.
    """

    doc_id: str
    index: int
    start: int
    end: int
    text: str
    sentence_ids: tuple[str, ...]

    @property
    def id(self) -> str:
        return f"{self.doc_id}:c{self.start}-{self.end}:{content_hash(self.text, 8)}"


@dataclass(frozen=True)
class Passage:
    """A retrieved sentence with the evidence for it, the composer's input."""

    sentence: Sentence
    doc: DocInfo
    score: float  # fused retrieval score (higher is better)
    similarity: float  # cosine(question, sentence)
    chunk_similarity: float  # cosine(question, best retrieved chunk holding it), 0 if none
    lexical: float  # BM25 score of the sentence, 0 if it shares no term with the question
    coverage: float  # share of the question's term weight (idf) the sentence contains
    neighbourhood: float  # the same, for the sentence with its neighbours
    typed: bool  # holds the kind of thing asked for (a number for "how many"...), or no kind
    novelty: float  # share of the sentence's terms the question does not use
    anchored: bool  # it or a neighbour names one of the question's rare names (or it has none)
    embedding: np.ndarray = field(repr=False, compare=False)
    # What rag.annotate read from the sentence at ingest (values, predicates, people).
    annotation: Mapping[str, Any] = field(default_factory=dict, repr=False, compare=False)
