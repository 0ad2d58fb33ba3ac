"""The public answer: what :func:`rag.ask` returns and ``rag ask --json`` prints.

These types are the contract with everything outside the library (the CLI's JSON, the UI,
the evals, other programs). They carry a :data:`SCHEMA_VERSION`; ``to_dict`` and
``from_dict`` round-trip them, and ``rag/answer.schema.json`` describes the JSON (a test
checks real answers against it). Internal values (sentences with their vectors and scores)
live in :mod:`rag.types` and never appear here.

Every quote is verbatim: ``stored_text[start:end] == quote`` for the document the
``source`` names, where the stored text is the article's text as ingested.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal, cast, get_args

# 2: citations and nearest passages carry a nested ``source``; conflict claims point at
# citations by number and carry the value they state; abstentions carry a ``reason`` code.
# 3: the reason ``says_opposite``.
# 4: the reason ``other_time``.
# 5: the reason ``other_figure``.
SCHEMA_VERSION = 5

ConflictKind = Literal["contradiction", "occasion", "framing", "ambiguity"]
# Why the articles do not answer, as a code programs can act on; ``message`` says it in words.
AbstentionReason = Literal[
    "no_passages",  # nothing retrieved at all
    "not_mentioned",  # the question names something no article mentions
    "low_confidence",  # no sentence answers the question closely enough
    "not_about_asked_name",  # the closest sentences are not about what the question names
    "no_answer_type",  # no close sentence holds the kind of thing asked for (a date, a name)
    "says_opposite",  # the close sentences say the opposite of what is asked ("ineffective")
    "other_time",  # the close sentences speak of another time than the one asked about
    "other_figure",  # the close sentences give another figure than the question states
]
OffsetsInto = Literal["file text", "extracted text"]
REASONS: tuple[str, ...] = get_args(AbstentionReason)
CONFLICT_KINDS: tuple[str, ...] = get_args(ConflictKind)


class SchemaError(ValueError):
    """A dictionary does not follow the answer schema (``from_dict``)."""


@dataclass(frozen=True)
class Source:
    """The article a quote comes from; ``None`` where the article does not state it."""

    doc_id: str
    title: str
    publisher: str | None
    published: str | None  # ISO date, e.g. "2025-04-22"
    url: str | None = None  # where the article was read from, when it came from the web
    # Which text citation offsets count characters of: the file's text as decoded, or the
    # text a reader extracted from a web page, feed entry or PDF (kept in the store).
    offsets_into: OffsetsInto = "file text"

    def to_dict(self) -> dict[str, Any]:
        return {
            "doc_id": self.doc_id,
            "title": self.title,
            "publisher": self.publisher,
            "published": self.published,
            "url": self.url,
            "offsets_into": self.offsets_into,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Source:
        return cls(
            doc_id=_get(data, "doc_id", str),
            title=_get(data, "title", str),
            publisher=_get(data, "publisher", str, optional=True),
            published=_get(data, "published", str, optional=True),
            url=_get(data, "url", str, optional=True),
            offsets_into=_offsets_into(_get(data, "offsets_into", str)),
        )


@dataclass(frozen=True)
class Context:
    """The paragraph around a quote, for display: ``stored_text[start:start + len(text)]``."""

    start: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "text": self.text}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Context:
        return cls(start=_get(data, "start", int), text=_get(data, "text", str))


@dataclass(frozen=True)
class Citation:
    """Numbered pointer to the exact characters an answer sentence or a claim came from."""

    n: int
    source: Source
    start: int
    end: int
    quote: str
    context: Context

    def to_dict(self) -> dict[str, Any]:
        return {
            "n": self.n,
            "source": self.source.to_dict(),
            "start": self.start,
            "end": self.end,
            "quote": self.quote,
            "context": self.context.to_dict(),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Citation:
        return cls(
            n=_get(data, "n", int),
            source=Source.from_dict(_get(data, "source", dict)),
            start=_get(data, "start", int),
            end=_get(data, "end", int),
            quote=_get(data, "quote", str),
            context=Context.from_dict(_get(data, "context", dict)),
        )


@dataclass(frozen=True)
class AnswerSentence:
    """One sentence of the answer: the verbatim quote of its first citation; the others
    state the same thing in other sources."""

    text: str
    citations: tuple[int, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "citations": list(self.citations)}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> AnswerSentence:
        return cls(text=_get(data, "text", str), citations=tuple(_ints(data, "citations")))


@dataclass(frozen=True)
class Claim:
    """One side of a conflict note: a cited sentence and what it says on the point in
    dispute, as a label for readers (``says``) and, where one was read, a normalised value
    programs can compare (``value``: "1856", "2025-04-21", "12000 people")."""

    citation: int
    says: str
    value: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"citation": self.citation, "says": self.says, "value": self.value}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Claim:
        return cls(
            citation=_get(data, "citation", int),
            says=_get(data, "says", str),
            value=_get(data, "value", str, optional=True),
        )


@dataclass(frozen=True)
class ConflictNote:
    """Where the sources that answer the question disagree, and how. ``slot`` names what
    they disagree on in a word programs can switch on ("date", "number", "stance"...);
    ``note`` says it in a fixed template; the rest is quotes."""

    kind: ConflictKind
    topic: str
    slot: str
    claims: tuple[Claim, ...]
    note: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "topic": self.topic,
            "slot": self.slot,
            "claims": [c.to_dict() for c in self.claims],
            "note": self.note,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ConflictNote:
        kind = _get(data, "kind", str)
        if kind not in CONFLICT_KINDS:
            raise SchemaError(f"conflict kind {kind!r} is not one of {', '.join(CONFLICT_KINDS)}")
        return cls(
            kind=cast(ConflictKind, kind),  # checked just above
            topic=_get(data, "topic", str),
            slot=_get(data, "slot", str),
            claims=tuple(Claim.from_dict(c) for c in _get(data, "claims", list)),
            note=_get(data, "note", str),
        )


@dataclass(frozen=True)
class NearestPassage:
    """A passage shown when the articles do not answer, labelled as not an answer."""

    source: Source
    start: int
    end: int
    quote: str
    similarity: float
    label: str = "nearest passage, not an answer"

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source.to_dict(),
            "start": self.start,
            "end": self.end,
            "quote": self.quote,
            "similarity": self.similarity,
            "label": self.label,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> NearestPassage:
        return cls(
            source=Source.from_dict(_get(data, "source", dict)),
            start=_get(data, "start", int),
            end=_get(data, "end", int),
            quote=_get(data, "quote", str),
            similarity=float(_get(data, "similarity", (int, float))),
            label=_get(data, "label", str),
        )


@dataclass(frozen=True)
class Answer:
    """The result of :func:`rag.ask`: verbatim sentences with citations, or an abstention
    (``abstained``, a ``reason`` code, a ``message`` in words, and the nearest passages)."""

    question: str
    abstained: bool
    sentences: tuple[AnswerSentence, ...]
    citations: tuple[Citation, ...]
    conflicts: tuple[ConflictNote, ...] = ()
    nearest: tuple[NearestPassage, ...] = ()
    reason: AbstentionReason | None = None
    message: str | None = None  # why it abstained, in words for the reader

    @property
    def answer(self) -> str:
        """The answer text with ``[n]`` markers; empty when abstained."""
        return " ".join(
            s.text + " " + "".join(f"[{n}]" for n in s.citations) for s in self.sentences
        )

    def citation(self, n: int) -> Citation:
        """Citation number ``n``."""
        return self.citations[n - 1]

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema_version": SCHEMA_VERSION,
            "question": self.question,
            "abstained": self.abstained,
            "reason": self.reason,
            "message": self.message,
            "answer": self.answer,
            "sentences": [s.to_dict() for s in self.sentences],
            "citations": [c.to_dict() for c in self.citations],
            "conflicts": [c.to_dict() for c in self.conflicts],
            "nearest": [p.to_dict() for p in self.nearest],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Answer:
        """The answer ``to_dict`` produced; raises :class:`SchemaError` for another schema
        version or a malformed dictionary (``answer`` is derived, so it is not read)."""
        version = data.get("schema_version")
        if version != SCHEMA_VERSION:
            raise SchemaError(
                f"answer schema version {version!r} is not {SCHEMA_VERSION}: produce it with "
                "this version of newsrag, or convert it"
            )
        reason = _get(data, "reason", str, optional=True)
        if reason is not None and reason not in REASONS:
            raise SchemaError(f"abstention reason {reason!r} is not one of {', '.join(REASONS)}")
        return cls(
            question=_get(data, "question", str),
            abstained=_get(data, "abstained", bool),
            sentences=tuple(AnswerSentence.from_dict(s) for s in _get(data, "sentences", list)),
            citations=tuple(Citation.from_dict(c) for c in _get(data, "citations", list)),
            conflicts=tuple(ConflictNote.from_dict(c) for c in _get(data, "conflicts", list)),
            nearest=tuple(NearestPassage.from_dict(p) for p in _get(data, "nearest", list)),
            reason=cast(AbstentionReason | None, reason),  # checked just above
            message=_get(data, "message", str, optional=True),
        )


def _offsets_into(value: str) -> OffsetsInto:
    if value not in get_args(OffsetsInto):
        raise SchemaError(f"offsets_into {value!r} is not 'file text' or 'extracted text'")
    return cast(OffsetsInto, value)


def _get(data: dict[str, Any], key: str, kind: Any, *, optional: bool = False) -> Any:
    if not isinstance(data, dict):
        raise SchemaError(f"expected an object with {key!r}, got {type(data).__name__}")
    if key not in data:
        raise SchemaError(f"missing key {key!r}")
    value = data[key]
    if value is None and optional:
        return None
    # bool is an int in Python: an int field must not accept true/false, nor the reverse.
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise SchemaError(f"{key!r} has the wrong type ({type(value).__name__}): {value!r}")
    return value


def _ints(data: dict[str, Any], key: str) -> list[int]:
    values = _get(data, key, list)
    if not all(isinstance(v, int) and not isinstance(v, bool) for v in values):
        raise SchemaError(f"{key!r} must be a list of integers: {values!r}")
    return values
