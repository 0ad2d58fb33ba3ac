"""The embedding backends: the ONNX exports reproduce the torch model's vectors."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from rag.embed import (
    DIMENSION,
    MAX_WORDPIECES,
    ONNX_BACKENDS,
    Embedder,
    build_onnx_model,
    count_wordpieces,
    onnx_model_file,
)
from rag.errors import ConfigError
from rag.store import Store

pytestmark = pytest.mark.slow  # exports the model to ONNX once per session

# Measured on the bundled articles: int8 per-channel vectors have cosine >= 0.98 to torch's,
# 0.99 on average; the bounds leave a little room.
INT8_MIN_COSINE = 0.97
INT8_MEAN_COSINE = 0.985


@pytest.fixture(scope="session")
def model_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh cache: the exports are built from the packaged weights in this session."""
    cache = tmp_path_factory.mktemp("models")
    for backend in ONNX_BACKENDS:
        build_onnx_model(backend, cache)
    return cache


@pytest.fixture(scope="session")
def texts(store: Store) -> list[str]:
    """Sentences and chunks of the bundled articles, in their stored (mixed length) order,
    plus one text longer than the model reads, to check truncation."""
    long_text = " ".join(c.text for c in store.chunks[:4])
    assert count_wordpieces([long_text])[0] > MAX_WORDPIECES
    return (
        [s.text for s in store.sentences[:300]] + [c.text for c in store.chunks[:60]] + [long_text]
    )


@pytest.fixture(scope="session")
def torch_vectors(texts: list[str]) -> np.ndarray:
    return Embedder("torch").encode(texts)


def cosines(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return np.einsum("ij,ij->i", a, b)


def test_onnx_fp32_matches_torch(
    texts: list[str], torch_vectors: np.ndarray, model_cache: Path
) -> None:
    vectors = Embedder("onnx", batch_size=16, cache_dir=model_cache).encode(texts)
    assert vectors.shape == torch_vectors.shape == (len(texts), DIMENSION)
    assert vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert cosines(vectors, torch_vectors).min() >= 0.999


def test_onnx_int8_stays_close_to_torch(
    texts: list[str], torch_vectors: np.ndarray, model_cache: Path
) -> None:
    vectors = Embedder("onnx-int8", cache_dir=model_cache).encode(texts)
    similarity = cosines(vectors, torch_vectors)
    assert similarity.min() >= INT8_MIN_COSINE
    assert similarity.mean() >= INT8_MEAN_COSINE
    # Each vector is still nearest its own text's torch vector, not a neighbour's.
    assert (np.argmax(vectors @ torch_vectors.T, axis=1) == np.arange(len(texts))).mean() > 0.99


def test_the_export_is_built_once_and_reused(model_cache: Path) -> None:
    path = onnx_model_file("onnx", model_cache)
    before = path.stat().st_mtime_ns
    assert build_onnx_model("onnx", model_cache) == path
    assert path.stat().st_mtime_ns == before
    assert path.is_relative_to(model_cache)


def test_answering_without_the_export_says_to_run_setup(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="rag setup"):
        Embedder("onnx", cache_dir=tmp_path).encode(["A question?"])


def test_batch_order_and_empty_input(model_cache: Path) -> None:
    embedder = Embedder("onnx", batch_size=2, cache_dir=model_cache)
    texts = ["A short one.", "A much longer sentence about the talks in Istanbul today.", "Mid."]
    together = embedder.encode(texts)
    alone = np.vstack([embedder.encode([t]) for t in texts])
    np.testing.assert_allclose(together, alone, atol=1e-5)
    assert embedder.encode([]).shape == (0, DIMENSION)
