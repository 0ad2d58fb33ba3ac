"""Value objects passed between the stages: files -> sentences -> chunks -> store -> answer.

All offsets are character offsets into the original file text as decoded from UTF-8,
so ``original_text[start:end] == text`` holds for every ``Sentence``, ``Citation`` and ``Claim``.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

import numpy as np

ConflictKind = Literal["contradiction", "occasion", "framing"]


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

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


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
    context: float  # cosine(question, best retrieved chunk holding the sentence), 0 if none
    lexical: float  # BM25 score of the sentence, 0 if it shares no term with the question
    coverage: float  # share of the question's term weight (idf) the sentence contains
    neighbourhood: float  # the same, for the sentence with its neighbours
    typed: bool  # holds the kind of thing asked for (a number for "how many"...), or no kind
    novelty: float  # share of the sentence's terms the question does not use
    anchored: bool  # it or a neighbour names one of the question's rare names (or it has none)
    embedding: np.ndarray = field(repr=False, compare=False)


@dataclass(frozen=True)
class Citation:
    """Numbered pointer to the exact characters a sentence of the answer came from."""

    n: int
    doc_id: str
    title: str
    publisher: str | None
    published: str | None
    start: int
    end: int
    quote: str
    context_start: int  # the paragraph around the quote, for display
    context: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class AnswerSentence:
    """One sentence of the answer: verbatim text of its first citation, plus corroborations."""

    text: str
    citations: tuple[int, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "citations": list(self.citations)}


@dataclass(frozen=True)
class Claim:
    """One side of a disagreement: a cited verbatim sentence, and what it says on the point
    in dispute (a value read from the sentence, e.g. "former president", "Thursday")."""

    citation: int
    doc_id: str
    quote: str
    published: str | None
    says: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class ConflictNote:
    """Where the sources that answer the question disagree, and how."""

    topic: str
    kind: ConflictKind
    claims: tuple[Claim, ...]
    note: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "topic": self.topic,
            "kind": self.kind,
            "claims": [c.to_dict() for c in self.claims],
            "note": self.note,
        }


@dataclass(frozen=True)
class NearestPassage:
    """A passage shown when the articles do not answer: labelled as not an answer."""

    doc_id: str
    title: str
    publisher: str | None
    published: str | None
    start: int
    end: int
    quote: str
    similarity: float
    label: str = "nearest passage, not an answer"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Answer:
    """The result of :func:`rag.ask`: verbatim sentences with citations, or an abstention."""

    question: str
    abstained: bool
    sentences: tuple[AnswerSentence, ...]
    citations: tuple[Citation, ...]
    conflicts: tuple[ConflictNote, ...] = ()
    nearest: tuple[NearestPassage, ...] = ()
    message: str | None = None  # why it abstained, in words for the reader

    @property
    def answer(self) -> str:
        """The answer text with ``[n]`` markers; empty when abstained."""
        return " ".join(
            s.text + " " + "".join(f"[{n}]" for n in s.citations) for s in self.sentences
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "question": self.question,
            "abstained": self.abstained,
            "answer": self.answer,
            "sentences": [s.to_dict() for s in self.sentences],
            "citations": [c.to_dict() for c in self.citations],
            "conflicts": [c.to_dict() for c in self.conflicts],
            "nearest": [p.to_dict() for p in self.nearest],
            "message": self.message,
        }
