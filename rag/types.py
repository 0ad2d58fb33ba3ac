"""Internal value objects passed between the stages: files -> sentences -> chunks -> store ->
passages. The public answer types are in :mod:`rag.schema`.

All offsets are character offsets into the stored article text, so
``stored_text[start:end] == text`` holds for every ``Sentence``. The stored text is the file's
own text as decoded for plain text and Markdown, and the text the reader extracted for web
pages, feed entries and PDFs (:attr:`DocInfo.offsets_into` says which); the original bytes
of an extracted article are kept beside it (:attr:`DocInfo.original`).
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np

from rag.schema import OffsetsInto, Source


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
    # How the stored text was read: "text", "markdown", "html", "feed" or "pdf".
    reader: str = "text"
    author: str | None = None  # as the page or feed states it
    original: str | None = None  # the bytes an extracted text came from, kept in the store

    @property
    def offsets_into(self) -> OffsetsInto:
        """Which text citation offsets count characters of: ``"file text"`` (plain text and
        Markdown, stored as decoded) or ``"extracted text"`` (what a reader took out of a web
        page, feed entry or PDF)."""
        return "file text" if self.reader in ("text", "markdown") else "extracted text"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @property
    def source(self) -> Source:
        """The public view of the article, as citations show it."""
        return Source(
            self.doc_id, self.title, self.publisher, self.published, self.url, self.offsets_into
        )


@dataclass(frozen=True)
class Document:
    """One article: its metadata and the text every offset points into (see :class:`DocInfo`).

    ``site_lines`` are the lines (whitespace-collapsed, case-folded) it shares with other
    articles of the same site read with it: the site's template, left out of the index.
    ``left_out`` are the pieces of its page (menus, sidebars, page footers) the reader did not
    take into ``text``. ``footer`` are the first words of the line where its page's footer
    starts, when a sidecar file states them: the article text ends before that line.
    """

    info: DocInfo
    text: str = field(repr=False)
    site_lines: frozenset[str] = field(default=frozenset(), repr=False)
    left_out: tuple[str, ...] = field(default=(), repr=False)
    footer: str | None = field(default=None, repr=False)

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

    @functools.cached_property
    def id(self) -> str:
        # Cached: answering one question looks ids up over a thousand times.
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
    # It, the sentence after it or one of the two before it names one of the question's rare
    # names (or it has none).
    anchored: bool
    embedding: np.ndarray = field(repr=False, compare=False)
    # What rag.annotate read from the sentence at ingest (values, predicates, people).
    annotation: Mapping[str, Any] = field(default_factory=dict, repr=False, compare=False)
    before: str = ""  # the sentence before it in its article, if any
    # Its article's first sentence after the title and what rag.annotate read from it (the
    # sentence itself when it is that one): where a dateline or a page qualifies a name.
    lead: str = ""
    lead_annotation: Mapping[str, Any] = field(default_factory=dict, repr=False, compare=False)
    named: bool = True  # its article names one of the question's names (or it has none)
    # The names its article names (people, bodies, places, works), normalised.
    story_names: frozenset[str] = frozenset()
    # How many sentences its article has: a story of a few hardly says what it is about.
    story_sentences: int = 0
    reader_logit: float | None = None  # the reader's verdict, once it has read it
