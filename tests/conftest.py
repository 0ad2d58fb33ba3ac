"""Shared fixtures: one real store (real model, real Chroma) built once per test session.

Outbound network is blocked for the whole session except loopback, so a test (or a library
under test) that tries to download anything fails loudly instead of passing by luck.
"""

from __future__ import annotations

import ipaddress
import os
import socket
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

from ingest.pipeline import ingest  # noqa: E402
from rag.api import Pipeline  # noqa: E402
from rag.config import PROJECT_ROOT, Settings  # noqa: E402
from rag.store import Store  # noqa: E402

ARTICLES = PROJECT_ROOT / "data" / "articles"
GOLD = PROJECT_ROOT / "evals" / "gold.jsonl"
TEST_OUTPUT = PROJECT_ROOT / "test-output"


class NetworkBlocked(RuntimeError):
    pass


def _is_loopback(address: object) -> bool:
    if not isinstance(address, tuple) or not address:
        return True  # AF_UNIX paths and the like
    host = str(address[0])
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.split("%")[0]).is_loopback
    except ValueError:
        return False


_real_connect = socket.socket.connect
_real_connect_ex = socket.socket.connect_ex


def _guarded_connect(self: socket.socket, address: object) -> None:
    if not _is_loopback(address):
        raise NetworkBlocked(f"test tried to connect to {address!r}: only loopback is allowed")
    return _real_connect(self, address)  # type: ignore[arg-type]


def _guarded_connect_ex(self: socket.socket, address: object) -> int:
    if not _is_loopback(address):
        raise NetworkBlocked(f"test tried to connect to {address!r}: only loopback is allowed")
    return _real_connect_ex(self, address)  # type: ignore[arg-type]


def pytest_configure(config: pytest.Config) -> None:
    socket.socket.connect = _guarded_connect  # type: ignore[method-assign]
    socket.socket.connect_ex = _guarded_connect_ex  # type: ignore[method-assign]


def make_settings(store: Path, **overrides: object) -> Settings:
    """Settings for a test: the given store, nothing read from the developer's RAG_* vars."""
    return Settings.from_env({}, store=store, **overrides)


@pytest.fixture(scope="session")
def settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """A store holding the five bundled articles, ingested once for the session."""
    store_settings = make_settings(tmp_path_factory.mktemp("store") / "store")
    ingest(None, store_settings)
    return store_settings


@pytest.fixture(scope="session")
def pipeline(settings: Settings) -> Pipeline:
    return Pipeline(settings)


@pytest.fixture(scope="session")
def store(settings: Settings) -> Store:
    return Store.open(settings)


@pytest.fixture(scope="session")
def article_texts() -> dict[str, str]:
    """The bundled articles' original texts by document id."""
    return {p.stem: p.read_bytes().decode("utf-8") for p in sorted(ARTICLES.glob("*.txt"))}


@pytest.fixture()
def cli_env(settings: Settings) -> Iterator[dict[str, str]]:
    """Environment for running the ``rag`` command in a subprocess against the session store."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("RAG_")}
    env["RAG_STORE"] = str(settings.store)
    env["PYTHONPATH"] = str(PROJECT_ROOT)
    yield env


def rag_command() -> list[str]:
    """How to run the CLI from tests: the venv's console script, or the module."""
    script = Path(sys.executable).with_name("rag")
    return [str(script)] if script.exists() else [sys.executable, "-m", "rag.cli"]


@pytest.fixture(scope="session")
def make_passages() -> Any:
    """Build ranked passages from sentences of made-up articles, as retrieval would hand them
    on: real annotations (spaCy) and real embeddings, evidence set so that each is relevant
    and the first the most relevant. ``make_passages([(doc_id, sentence), ...])``."""
    from rag.annotate import annotate
    from rag.embed import Embedder
    from rag.types import DocInfo, Passage, Sentence

    embedder = Embedder()

    def build(sentences: list[tuple[str, str]], published: str | None = None) -> list[Passage]:
        vectors = embedder.encode([text for _, text in sentences])
        annotations = annotate([text for _, text in sentences], published)
        passages = []
        for i, ((doc_id, text), vector, annotation) in enumerate(
            zip(sentences, vectors, annotations, strict=True)
        ):
            doc = DocInfo(doc_id, doc_id, None, published, f"/nowhere/{doc_id}.txt", "0" * 16)
            strength = 1.0 - 0.02 * i  # most relevant first, all of them relevant
            passages.append(
                Passage(
                    sentence=Sentence(doc_id, i, 0, len(text), text),
                    doc=doc,
                    score=strength,
                    similarity=0.8 * strength,
                    chunk_similarity=0.8 * strength,
                    lexical=5.0,
                    coverage=0.9 * strength,
                    neighbourhood=0.9,
                    typed=True,
                    novelty=0.5,
                    anchored=True,
                    embedding=vector,
                    annotation=annotation,
                )
            )
        return passages

    return build
