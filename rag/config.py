"""The one settings object.

Defaults live in :class:`Settings`; every field can be overridden by a ``RAG_<FIELD>``
environment variable (read in :meth:`Settings.from_env`, and nowhere else) and then by
CLI flags (``settings.replace(...)``). The fields that shape the index are written into the
store's manifest and checked when the store is opened (:meth:`Settings.index_fingerprint`).
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, Literal, get_args

from rag.errors import ConfigError

PROJECT_ROOT = Path(__file__).resolve().parent.parent
Backend = Literal["torch", "onnx", "onnx-int8"]

MODEL_NAME = "sentence-transformers/all-MiniLM-L6-v2"
# Bumped whenever cleaning, splitting or chunking changes what gets indexed.
# 4: furniture is left out by structure, not by words inside a line (issue 15).
PIPELINE_VERSION = 4


def default_home() -> Path:
    """``.rag`` in the source checkout (the README's install), else a per-user folder."""
    if (PROJECT_ROOT / "pyproject.toml").is_file():
        return PROJECT_ROOT / ".rag"
    return Path.home() / ".local" / "share" / "newsrag"


@dataclass(frozen=True)
class Settings:
    """Every knob of ingest, retrieval, composition and the UI, in one place."""

    # Where things live.
    store: Path = field(default_factory=lambda: default_home() / "store")
    articles: Path = PROJECT_ROOT / "data" / "articles"
    uploads: Path = field(default_factory=lambda: default_home() / "uploads")
    chroma_url: str | None = None
    collection: str = "news"

    # Embedding.
    # onnx: the packaged model exported once to ONNX; the same vectors as torch, and a fresh
    # process answers in ~2 s instead of ~8 (benchmarks/results/backends.md).
    backend: Backend = "onnx"
    batch_size: int = 64

    # Reading articles.
    # One article's file or download. News pages with inline scripts and PDFs with a few
    # images run to 1-3 MB; a 50 MB text file took 1.85 GB of memory to ingest (issue 18).
    max_article_bytes: int = 5_000_000
    # Seconds to wait for a server to answer (each connect and read) when fetching a URL.
    fetch_timeout: float = 20.0

    # Chunking (tiktoken cl100k tokens); chunks are also checked against the model's limit.
    chunk_tokens: int = 160
    chunk_overlap: int = 32

    # Retrieval.
    dense_k: int = 40
    lexical_k: int = 40
    chunk_k: int = 8
    rrf_k: int = 60
    per_source: int = 8

    # Composition.
    max_sentences: int = 5
    min_answer_score: float = 0.03
    corroborate_similarity: float = 0.85
    nearest_k: int = 3
    max_question_chars: int = 2000

    # UI.
    host: str = "127.0.0.1"
    port: int = 7860
    auth: str | None = None
    upload_max_bytes: int = 1_000_000

    def __post_init__(self) -> None:
        for name in ("store", "articles", "uploads"):
            value = getattr(self, name)
            if not isinstance(value, Path):  # accept str paths from callers
                object.__setattr__(self, name, Path(value).expanduser())
        if self.backend not in get_args(Backend):
            raise ConfigError(
                f"backend {self.backend!r} is not one of {', '.join(get_args(Backend))}: "
                "set RAG_BACKEND or --backend to one of them"
            )
        positive = (
            "batch_size",
            "chunk_tokens",
            "dense_k",
            "lexical_k",
            "chunk_k",
            "rrf_k",
            "per_source",
            "max_sentences",
            "nearest_k",
            "max_question_chars",
            "upload_max_bytes",
            "max_article_bytes",
            "fetch_timeout",
        )
        for name in positive:
            if getattr(self, name) <= 0:
                raise ConfigError(f"{name} must be a positive number, got {getattr(self, name)}")
        if not 0 <= self.chunk_overlap < self.chunk_tokens:
            raise ConfigError(
                f"chunk_overlap must be between 0 and chunk_tokens ({self.chunk_tokens}), "
                f"got {self.chunk_overlap}"
            )
        if not 1 <= self.port <= 65535:
            raise ConfigError(f"port must be 1-65535, got {self.port}")

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **overrides: Any) -> Settings:
        """Defaults, then ``RAG_*`` variables, then explicit ``overrides`` (``None`` = unset)."""
        environ = os.environ if environ is None else environ
        values: dict[str, Any] = {}
        for f in fields(cls):
            raw = environ.get(f"RAG_{f.name.upper()}")
            if raw is not None and raw != "":
                values[f.name] = _parse(f.name, f.type, raw)
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)

    def replace(self, **changes: Any) -> Settings:
        """A copy with ``changes`` applied; ``None`` values are ignored (unset CLI flags)."""
        return dataclasses.replace(self, **{k: v for k, v in changes.items() if v is not None})

    def index_fingerprint(self) -> dict[str, Any]:
        """The settings a stored index depends on; a store built with others is refused."""
        return {
            "model": MODEL_NAME,
            "chunk_tokens": self.chunk_tokens,
            "chunk_overlap": self.chunk_overlap,
            "pipeline_version": PIPELINE_VERSION,
        }

    def to_dict(self) -> dict[str, Any]:
        """JSON-friendly view (paths as strings, the login secret hidden)."""
        out = {f.name: getattr(self, f.name) for f in fields(self)}
        out["store"], out["articles"] = str(self.store), str(self.articles)
        out["uploads"] = str(self.uploads)
        out["auth"] = "***" if self.auth else None
        return out


def _parse(name: str, annotation: Any, raw: str) -> Any:
    kind = str(annotation)
    try:
        if kind == "int":
            return int(raw)
        if kind == "float":
            return float(raw)
        if kind == "Path":
            return Path(raw).expanduser()
    except ValueError:
        raise ConfigError(
            f"RAG_{name.upper()}={raw!r} is not a valid {kind}: fix or unset the variable"
        ) from None
    return raw
