"""Train the reader (``rag/reader.py``): a cross-encoder from the packaged all-MiniLM-L6-v2.

Reproducible (fixed seeds), on CPU, from SQuAD v1.1 *train* only (pairs: ``evals/reader_data``).
Stages, each written to ``--out``:

1. build the training pairs (cached in ``pairs.jsonl``, keyed by the data settings);
2. train: BERT encoder (the first ``--layers`` layers) + mean pooling + one linear logit, binary
   cross-entropy with the shortcut-balancing weights; a checkpoint every few minutes
   (``checkpoint.pt``; a rerun with the same settings resumes from it). With ``--teacher
   FOLDER`` (a reader and its record) the student also learns the teacher's logit on every
   pair (squared error, ``--distill-weight`` of the loss; the teacher's logits are cached
   in ``--out``): how a reader with fewer layers keeps the larger one's judgement;
3. export to ONNX (opset 17, dynamic batch and length), fuse it with onnxruntime's BERT
   optimizer (attention, layer norms, GELU) in ``fp32/``, and quantize that (dynamic int8,
   matrix products and attention, per channel) in ``int8/``;
4. measure both on ``squad-v2.0-dev-part`` (``evals/reader_eval``: calibration half for the
   choice and thresholds, report half for the numbers) with the BM25 and bi-encoder baselines,
   keep int8 only if it is within ``--int8-tolerance`` of fp32 on the calibration half, and
   write ``reader.json`` beside each model. ``--ship`` copies the kept model and its record
   into ``rag/models``.

Example (about an hour on 2 cores)::

    nice -n 10 python -m evals.train_reader --out /tmp/reader-run --steps 4000 --minutes 55
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import json
import logging
import math
import os
import random
import shlex
import shutil
import sys
import time
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import numpy as np
from tqdm import tqdm

from evals import reader_eval
from evals.reader_data import (
    POSITIVE_KINDS,
    REWORDED_MAX_SHARED,
    Article,
    Pair,
    PairBuilder,
    Recipe,
    answer_sentence,
    article_words,
    balance_weights,
    entity_pools,
    kind_counts,
    load_article,
    parse_questions,
    shared_words,
    spacy_pipeline,
)
from rag.reader import (
    CONTEXT_MODES,
    RECORD_NAME,
    InputFormat,
    context_text,
    file_sha256,
    pad,
    special_ids,
    wordpiece_tokenizer,
)

logger = logging.getLogger(__name__)

TRAIN_DIR = Path("/work/shared/data/squad-v1.1-train")
MODEL_DIR = Path(__file__).resolve().parent.parent / "rag" / "models"
MAX_SHIPPED_BYTES = 60 * 1024 * 1024
FILES = {"fp32": "reader.onnx", "int8": "reader-int8.onnx"}


@dataclass(frozen=True)
class TrainSettings:
    """Everything that decides the model; written into the record and the checkpoint."""

    seed: int = 13
    questions: int = 30000  # training questions sampled from SQuAD v1.1 train
    # The share of them drawn from questions worded away from their answer sentence (sharing
    # at most REWORDED_MAX_SHARED stemmed content words with it; 13% of SQuAD's): users ask
    # in their own words, and a random draw gives the reader few such positives. 0: a plain
    # random draw, as the shipped reader had.
    reworded_share: float = 0.0
    holdout_articles: int = 16  # train articles kept out, for an early validation
    holdout_questions: int = 600
    layers: int = 6  # the first this many of MiniLM's 6 layers are kept
    context: str = "none"  # none, title, previous, title+previous, or mixed (one per pair)
    max_length: int = 128
    max_question_tokens: int = 48
    max_context_tokens: int = 32
    batch_size: int = 32
    steps: int = 640
    # The word-piece embeddings (half the weights) stay as packaged: a step costs ~20% less
    # and so few steps could only overfit them.
    freeze_embeddings: bool = True
    learning_rate: float = 8e-5
    head_learning_rate: float = 1e-3
    warmup: float = 0.06
    weight_decay: float = 0.01
    # A second stage starts from an earlier run's weights (its ``model.pt``) rather than the
    # packaged MiniLM; the record names that file's sha256 and the run that made it.
    init_from: str = ""
    # Distillation: a folder holding a reader and its record (``rag/models``, say). Its logit
    # on every training pair, read as the shipped reader reads, becomes a second target: the
    # loss is (1 - distill_weight) x the labels' cross-entropy + distill_weight x the squared
    # gap to the teacher's logit, so a smaller student learns the teacher's margins, not only
    # its side of 0.5.
    teacher: str = ""
    distill_weight: float = 1.0
    recipe: Recipe = Recipe()

    def data_key(self) -> str:
        """A digest of the settings that decide the pairs (the cache key)."""
        data = {
            "seed": self.seed,
            "questions": self.questions,
            # Only when set, so that earlier runs keep their cache keys.
            **({"reworded_share": self.reworded_share} if self.reworded_share else {}),
            "holdout_articles": self.holdout_articles,
            "holdout_questions": self.holdout_questions,
            "recipe": dataclasses.asdict(self.recipe),
        }
        return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()[:12]

    def input_format(self) -> InputFormat:
        return InputFormat(self.max_length, self.max_question_tokens, self.max_context_tokens)


# --- Data ------------------------------------------------------------------------------


class Schedule(Protocol):
    """What the shared training helpers read of a model's settings (``TrainSettings`` here,
    ``SpanSettings`` in ``evals/train_spans.py``)."""

    @property
    def seed(self) -> int: ...

    @property
    def holdout_articles(self) -> int: ...

    @property
    def steps(self) -> int: ...

    @property
    def learning_rate(self) -> float: ...

    @property
    def head_learning_rate(self) -> float: ...

    @property
    def warmup(self) -> float: ...

    @property
    def weight_decay(self) -> float: ...


def split_articles(train_dir: Path, settings: Schedule) -> tuple[list[str], list[str]]:
    """(training, held-out) article stems; the held-out ones are drawn with the seed."""
    stems = sorted(p.stem for p in (train_dir / "articles").glob("*.txt"))
    held_out = sorted(random.Random(settings.seed).sample(stems, settings.holdout_articles))
    return [s for s in stems if s not in held_out], held_out


def is_reworded(row: dict[str, Any], article: Article) -> bool:
    """Whether a question shares at most ``REWORDED_MAX_SHARED`` stemmed content words with
    its answer sentence (False when no sentence holds the answer)."""
    at = answer_sentence(article, row["question"], row["answers"])
    return at is not None and shared_words(row["question"], article.sentences[at]) <= (
        REWORDED_MAX_SHARED
    )


def sample_reworded(
    rows: Sequence[dict[str, Any]],
    reworded: set[int],
    settings: TrainSettings,
    rng: random.Random,
) -> list[dict[str, Any]]:
    """``settings.questions`` of ``rows``, ``reworded_share`` of them among the reworded ones
    (``reworded`` holds their ``id``; all of them, if fewer), the rest drawn from the others;
    in a shuffled order."""
    pool = [r for r in rows if id(r) in reworded]
    others = [r for r in rows if id(r) not in reworded]
    wanted = min(round(settings.questions * settings.reworded_share), len(pool))
    picked = rng.sample(pool, wanted) + rng.sample(others, settings.questions - wanted)
    rng.shuffle(picked)
    return picked


def build_pairs(
    train_dir: Path, settings: TrainSettings, cache: Path
) -> tuple[list[Pair], list[Pair], dict[str, Any]]:
    """Training pairs, held-out validation pairs and a report of what was built."""
    if cache.is_file():
        logger.info("reading the pairs from %s", cache)
        stored = json.loads(cache.read_text(encoding="utf-8"))
        return (
            [Pair(**p) for p in stored["train"]],
            [Pair(**p) for p in stored["holdout"]],
            stored["report"],
        )
    rows = [json.loads(line) for line in (train_dir / "qa.jsonl").read_text().splitlines()]
    train_articles, held_out = split_articles(train_dir, settings)
    rng = random.Random(settings.seed)
    loaded: dict[str, Article] = {}

    def article(stem: str) -> Article:
        if stem not in loaded:
            loaded[stem] = load_article(train_dir / "articles" / f"{stem}.txt")
        return loaded[stem]

    training, holding_out = set(train_articles), set(held_out)
    candidates = [r for r in rows if r["sources"][0] in training]
    reworded: set[int] = set()
    if settings.reworded_share:
        reworded = {
            id(r)
            for r in tqdm(candidates, desc="finding reworded questions", unit="question")
            if is_reworded(r, article(r["sources"][0]))
        }
        train_rows = sample_reworded(candidates, reworded, settings, rng)
    else:
        train_rows = rng.sample(candidates, settings.questions)
    holdout_rows = [r for r in rows if r["sources"][0] in holding_out]
    holdout_rows = rng.sample(holdout_rows, min(settings.holdout_questions, len(holdout_rows)))
    used = sorted({r["sources"][0] for r in train_rows + holdout_rows})
    articles = {a: article(a) for a in tqdm(used, desc="articles", unit="article")}
    nlp = spacy_pipeline()
    pools = entity_pools(nlp, articles.values())
    recipe = settings.recipe
    reads_words = recipe.word_swap_question or recipe.synonym_question
    words = article_words(nlp, articles.values()) if reads_words else {}
    built: dict[str, list[Pair]] = {}
    unlocated = {}
    for name, chosen in (("train", train_rows), ("holdout", holdout_rows)):
        parses = parse_questions(nlp, [r["question"] for r in chosen])
        builder = PairBuilder(
            settings.recipe, pools, random.Random(f"{settings.seed}-{name}"), words
        )
        pairs: list[Pair] = []
        missing = 0
        for group, (row, parse) in enumerate(zip(chosen, parses, strict=True)):
            made = builder.pairs(
                group, row["question"], row["answers"], articles[row["sources"][0]], parse
            )
            missing += not made
            pairs += made
        built[name] = pairs
        unlocated[name] = missing
    train, balance = balance_weights(built["train"], settings.recipe.max_positive_weight)
    report = {
        "source": str(train_dir),
        "training_articles": len(train_articles),
        "held_out_articles": held_out,
        "training_questions_sampled": len(train_rows),
        **(
            {"training_questions_reworded": sum(id(r) in reworded for r in train_rows)}
            if reworded
            else {}
        ),
        "training_questions_without_answer_sentence": unlocated["train"],
        "training_pairs": len(train),
        "training_pairs_by_kind": kind_counts(train),
        "held_out_questions": len(holdout_rows),
        "held_out_pairs_by_kind": kind_counts(built["holdout"]),
        "shortcut_balance": balance,
    }
    cache.parent.mkdir(parents=True, exist_ok=True)
    payload = {
        "train": [dataclasses.asdict(p) for p in train],
        "holdout": [dataclasses.asdict(p) for p in built["holdout"]],
        "report": report,
    }
    cache.write_text(json.dumps(payload), encoding="utf-8")
    return train, built["holdout"], report


def pair_contexts(pairs: Sequence[Pair], mode: str, seed: int) -> list[str]:
    """Each pair's context; with ``mixed``, a mode drawn per pair (seeded)."""
    rng = random.Random(f"{seed}-context")
    out = []
    for p in pairs:
        chosen = rng.choice(CONTEXT_MODES) if mode == "mixed" else mode
        out.append(context_text(chosen, p.title, p.previous))
    return out


def encode_pairs(
    pairs: Sequence[Pair], contexts: Sequence[str], fmt: InputFormat
) -> list[tuple[list[int], list[int]]]:
    """(ids, segment ids) of every pair, as the shipped wrapper builds them."""
    tokenizer = wordpiece_tokenizer()
    texts = sorted(
        {t for p, c in zip(pairs, contexts, strict=True) for t in (p.question, p.sentence, c)}
    )
    pieces = {
        t: e.ids
        for t, e in zip(texts, tokenizer.encode_batch(texts, add_special_tokens=False), strict=True)
    }
    cls, sep = special_ids()
    return [
        fmt.pair_ids(pieces[p.question], pieces[p.sentence], pieces[c], cls, sep)
        for p, c in zip(pairs, contexts, strict=True)
    ]


def batch_order(lengths: Sequence[int], batch_size: int, steps: int, seed: int) -> list[list[int]]:
    """``steps`` batches of pair indices: shuffled epochs, each cut into pools of 50 batches
    sorted by length so a batch pads little."""
    rng = random.Random(f"{seed}-batches")
    batches: list[list[int]] = []
    pool = 50 * batch_size
    while len(batches) < steps:
        order = list(range(len(lengths)))
        rng.shuffle(order)
        for start in range(0, len(order), pool):
            chunk = sorted(order[start : start + pool], key=lambda i: lengths[i])
            group = [chunk[i : i + batch_size] for i in range(0, len(chunk), batch_size)]
            rng.shuffle(group)
            batches += group
    return batches[:steps]


# --- Model -----------------------------------------------------------------------------


def build_model(layers: int, attention: str = "sdpa") -> Any:
    """The cross-encoder; ``attention`` is transformers' implementation, the same weights
    either way (export uses "eager", whose graph onnxruntime can fuse)."""
    import torch
    from transformers import AutoModel

    from rag.embed import model_path

    class CrossEncoder(torch.nn.Module):
        """MiniLM encoder, mean pooling over real tokens, one logit."""

        def __init__(self) -> None:
            super().__init__()
            self.encoder = AutoModel.from_pretrained(
                str(model_path()), attn_implementation=attention
            )
            self.encoder.encoder.layer = self.encoder.encoder.layer[:layers]
            self.encoder.config.num_hidden_layers = layers
            self.head = torch.nn.Linear(self.encoder.config.hidden_size, 1)

        def forward(self, input_ids: Any, attention_mask: Any, token_type_ids: Any) -> Any:
            hidden = self.encoder(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
            ).last_hidden_state
            mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
            pooled = (hidden * mask).sum(dim=1) / mask.sum(dim=1).clamp(min=1e-9)
            return self.head(pooled).squeeze(-1)

    return CrossEncoder()


def optimizer_for(model: Any, settings: Schedule) -> tuple[Any, Any]:
    """AdamW over the trainable weights, the ``head``'s at ``settings.head_learning_rate`` and
    the encoder's at ``settings.learning_rate``, and a schedule that warms up linearly over the
    first ``settings.warmup`` of ``settings.steps`` and then decays linearly to 0."""
    import torch

    head = list(model.head.parameters())
    body = [p for n, p in model.named_parameters() if p.requires_grad and not n.startswith("head.")]
    optimizer = torch.optim.AdamW(
        [
            {"params": body, "lr": settings.learning_rate},
            {"params": head, "lr": settings.head_learning_rate},
        ],
        weight_decay=settings.weight_decay,
    )
    warmup = max(1, int(settings.warmup * settings.steps))

    def schedule(step: int) -> float:
        if step < warmup:
            return (step + 1) / warmup
        return max(0.0, (settings.steps - step) / max(1, settings.steps - warmup))

    return optimizer, torch.optim.lr_scheduler.LambdaLR(optimizer, schedule)


def tensors(rows: Sequence[tuple[list[int], list[int]]]) -> dict[str, Any]:
    import torch

    return {k: torch.from_numpy(v) for k, v in pad(rows).items()}


def train(
    settings: TrainSettings,
    pairs: Sequence[Pair],
    encoded: Sequence[tuple[list[int], list[int]]],
    out: Path,
    minutes: float,
    taught: np.ndarray | None = None,
) -> dict[str, Any]:
    """Train (resuming from ``out/checkpoint.pt`` if it is there); returns a log summary.
    ``taught``: the teacher's logit per pair, for ``settings.distill_weight``."""
    import torch

    torch.manual_seed(settings.seed)
    model = build_model(settings.layers)
    if settings.freeze_embeddings:
        model.encoder.embeddings.word_embeddings.weight.requires_grad_(False)
    optimizer, scheduler = optimizer_for(model, settings)
    checkpoint = out / "checkpoint.pt"
    step, seconds, losses = 0, 0.0, []
    if checkpoint.is_file():
        state = torch.load(checkpoint, weights_only=False)
        if state["settings"] != dataclasses.asdict(settings):
            raise SystemExit(
                f"{checkpoint} was made with other settings: remove it or use another --out"
            )
        model.load_state_dict(state["model"])
        optimizer.load_state_dict(state["optimizer"])
        scheduler.load_state_dict(state["scheduler"])
        step, seconds, losses = state["step"], state["seconds"], state["losses"]
        torch.set_rng_state(state["torch_rng"])
        logger.info("resumed from %s at step %d", checkpoint, step)
    elif settings.init_from:
        model.load_state_dict(torch.load(settings.init_from))
        logger.info("starting from the weights in %s", settings.init_from)

    def save() -> None:
        state = {
            "settings": dataclasses.asdict(settings),
            "model": model.state_dict(),
            "optimizer": optimizer.state_dict(),
            "scheduler": scheduler.state_dict(),
            "step": step,
            "seconds": seconds,
            "losses": losses,
            "torch_rng": torch.get_rng_state(),
        }
        torch.save(state, checkpoint.with_suffix(".tmp"))
        os.replace(checkpoint.with_suffix(".tmp"), checkpoint)

    batches = batch_order(
        [len(ids) for ids, _ in encoded], settings.batch_size, settings.steps, settings.seed
    )
    labels = torch.tensor([p.label for p in pairs], dtype=torch.float32)
    weights = torch.tensor([p.weight for p in pairs], dtype=torch.float32)
    loss_fn = torch.nn.BCEWithLogitsLoss(reduction="none")
    teacher = torch.from_numpy(taught) if taught is not None else None
    hard = 1.0 - settings.distill_weight if teacher is not None else 1.0

    def pair_losses(logits: Any, rows: list[int]) -> Any:
        losses = hard * loss_fn(logits, labels[rows]) if hard else 0.0
        if teacher is not None:
            losses = losses + settings.distill_weight * (logits - teacher[rows]) ** 2
        return losses

    model.train()
    started = time.monotonic() - seconds
    last_save = time.monotonic()
    progress = tqdm(
        total=settings.steps, initial=step, desc="training", unit="step", mininterval=30
    )
    window: list[float] = []
    while step < settings.steps:
        if time.monotonic() - started > 60 * minutes:
            logger.warning("stopping at step %d: the %.0f-minute budget is spent", step, minutes)
            break
        rows = batches[step]
        inputs = tensors([encoded[i] for i in rows])
        logits = model(**inputs)
        loss = (pair_losses(logits, rows) * weights[rows]).sum() / weights[rows].sum()
        optimizer.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optimizer.step()
        scheduler.step()
        step += 1
        window.append(loss.item())
        if step % 100 == 0:
            losses.append((step, round(float(np.mean(window)), 4)))
            window = []
            progress.set_postfix(loss=losses[-1][1])
        progress.update(1)
        seconds = time.monotonic() - started
        if time.monotonic() - last_save > 300:
            save()
            last_save = time.monotonic()
    progress.close()
    save()
    torch.save(model.state_dict(), out / "model.pt")
    return {"steps_done": step, "minutes": round(seconds / 60, 1), "loss_every_100_steps": losses}


def teacher_logits(
    settings: TrainSettings,
    encoded: Sequence[tuple[list[int], list[int]]],
    out: Path,
    threads: int,
) -> np.ndarray:
    """The logit of ``settings.teacher``'s reader for every pair, each row read on its own as
    the shipped reader reads it (``rag.reader.row_logits``); cached in ``out`` by the teacher
    file's sha256, the pairs' data key and the context they are read with."""
    from rag.reader import load, row_logits

    model = load(Path(settings.teacher).resolve())
    if dataclasses.asdict(model.fmt) != dataclasses.asdict(settings.input_format()):
        raise SystemExit(
            f"the teacher in {settings.teacher} reads {model.fmt}, the student "
            f"{settings.input_format()}: give both the same --max-*-tokens"
        )
    context = settings.context.replace("+", "-")
    cache = out / f"teacher-{model.record['sha256'][:12]}-{settings.data_key()}-{context}.npy"
    if cache.is_file():
        return np.load(cache)
    logits = np.zeros(len(encoded), dtype=np.float32)
    step = 1024
    for start in tqdm(range(0, len(encoded), step), desc="teacher", unit="block"):
        block = encoded[start : start + step]
        logits[start : start + len(block)] = row_logits(model.session, block, threads)
    np.save(cache, logits)
    return logits


def distilled_from(settings: TrainSettings) -> dict[str, Any] | None:
    """The teacher a distilled run learned from: its file's sha256 and its command."""
    if not settings.teacher:
        return None
    from rag.reader import read_record

    record = read_record(Path(settings.teacher).resolve())
    return {
        "folder": settings.teacher,
        "model_file": record["model_file"],
        "sha256": record["sha256"],
        "command": record.get("command"),
        "distill_weight": settings.distill_weight,
    }


def model_paths(out: Path) -> dict[str, Path]:
    """Where a run in ``out`` writes each exported variant (its record beside it)."""
    return {variant: out / variant / name for variant, name in FILES.items()}


def load_trained(settings: TrainSettings, out: Path) -> Any:
    """The trained weights in a model built for export: its eager attention graph is the one
    onnxruntime's optimizer fuses into one Attention operator (sdpa's is not fused)."""
    import torch

    model = build_model(settings.layers, attention="eager")
    model.load_state_dict(torch.load(out / "model.pt"))
    return model.eval()


def validate(
    model: Any, pairs: Sequence[Pair], encoded: Sequence[tuple[list[int], list[int]]]
) -> dict[str, Any]:
    """Early validation on the held-out train articles: AUC of positives against each kind of
    negative, and the mean probability per kind."""
    import torch

    logits = []
    with torch.no_grad():
        for start in range(0, len(encoded), 64):
            logits.append(model(**tensors(encoded[start : start + 64])).numpy())
    scores = np.concatenate(logits)
    kinds = np.array([p.kind for p in pairs])
    positive = scores[kinds == "positive"]
    out: dict[str, Any] = {}
    for kind in sorted(set(kinds)):
        chosen = scores[kinds == kind]
        out[kind] = {
            "pairs": int(len(chosen)),
            "mean_probability": round(float(np.mean(1 / (1 + np.exp(-chosen)))), 4),
        }
        if kind not in POSITIVE_KINDS:
            out[kind]["auc_vs_positive"] = round(reader_eval.auc(positive, chosen), 4)
    return out


# --- Export ----------------------------------------------------------------------------


def export(model: Any, out: Path) -> dict[str, Path]:
    """fp32 ONNX (opset 17, dynamic batch and length), fused, and its dynamic int8 quantization.

    Fusing attention, skip-layer-norms and GELU into onnxruntime's own operators before
    quantizing made 8 candidates a quarter faster on 2 threads (the record's "latency": 32
    -> 24 ms with the r4 weights), with logits as close to fp32 as the unfused int8 file's
    (mean |int8 - fp32| 0.078 both).
    """
    paths = model_paths(out)
    export_onnx(model, paths["fp32"], paths["int8"], {"logit": {0: "batch"}})
    return paths


def export_onnx(model: Any, fp32: Path, int8: Path, outputs: dict[str, dict[int, str]]) -> None:
    """``model`` (MiniLM's encoder as ``model.encoder``, inputs as the packaged model's) to
    ONNX at opset 17 with a dynamic batch and length, fused with onnxruntime's BERT optimizer
    into ``fp32``, and that quantized (dynamic int8, per channel) into ``int8``. ``outputs``
    names the model's outputs and their dynamic axes."""
    import onnx
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic
    from onnxruntime.transformers import optimizer

    for path in (fp32, int8):
        path.parent.mkdir(parents=True, exist_ok=True)
    names = ["input_ids", "attention_mask", "token_type_ids"]
    example = tuple(torch.ones((2, 8), dtype=torch.long) for _ in names)
    unfused = fp32.with_name("unfused.onnx")
    with warnings.catch_warnings(), torch.no_grad():
        warnings.simplefilter("ignore")  # the TorchScript exporter's deprecation notices
        torch.onnx.export(
            model,
            example,
            str(unfused),
            input_names=names,
            output_names=list(outputs),
            dynamic_axes={n: {0: "batch", 1: "tokens"} for n in names} | dict(outputs),
            opset_version=17,
            dynamo=False,
        )
    config = model.encoder.config
    fused = optimizer.optimize_model(
        str(unfused),
        model_type="bert",
        num_heads=config.num_attention_heads,
        hidden_size=config.hidden_size,
    )
    fusions = {op: n for op, n in fused.get_fused_operator_statistics().items() if n}
    if not fusions.get("Attention"):
        raise RuntimeError(f"onnxruntime fused no attention in {unfused} (fused: {fusions})")
    logger.info("fused operators: %s", fusions)
    fused.save_model_to_file(str(fp32))
    unfused.unlink()
    quantize_dynamic(
        fp32,
        int8,
        weight_type=QuantType.QInt8,
        op_types_to_quantize=["MatMul", "Attention"],
        per_channel=True,
        # The fused operators carry no type information for the quantizer's shape inference.
        extra_options={"DefaultTensorType": onnx.TensorProto.FLOAT},
    )


def check_export(model: Any, path: Path, encoded: Sequence[tuple[list[int], list[int]]]) -> float:
    """The largest difference between torch's and the fp32 ONNX file's logits on some pairs."""
    import onnxruntime
    import torch

    session = onnxruntime.InferenceSession(str(path), providers=["CPUExecutionProvider"])
    rows = list(encoded[:64])
    with torch.no_grad():
        expected = model(**tensors(rows)).numpy()
    (actual,) = session.run(None, pad(rows))
    return float(np.max(np.abs(actual - expected)))


# --- Record ----------------------------------------------------------------------------


def thresholds_table(curve: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """The wrapper's thresholds: logit and probability per target false-abstention rate."""
    return [
        {
            "false_abstention_target": p["false_abstention_target"],
            "logit": round(p["threshold"], 5),
            "probability": round(1 / (1 + math.exp(-p["threshold"])), 5),
            "calibration": p["calibration"],
            "report": p["report"],
        }
        for p in curve
    ]


def initialised_from(settings: TrainSettings) -> dict[str, Any] | None:
    """The earlier run a second stage started from: its weights' sha256 and its command (from
    the record its run wrote beside the int8 model), so the chain can be rebuilt."""
    if not settings.init_from:
        return None
    weights = Path(settings.init_from)
    earlier = model_paths(weights.parent)["int8"].parent / RECORD_NAME
    record = json.loads(earlier.read_text(encoding="utf-8")) if earlier.is_file() else {}
    return {
        "weights": str(weights),
        "sha256": file_sha256(weights),
        "command": record.get("command"),
        "settings": record.get("settings"),
        "initialised_from": record.get("initialised_from"),
    }


def write_record(folder: Path, model_file: str, record: dict[str, Any]) -> None:
    path = folder / model_file
    full = {
        "model_file": model_file,
        "sha256": file_sha256(path),
        "bytes": path.stat().st_size,
        **record,
    }
    (folder / RECORD_NAME).write_text(json.dumps(full, indent=2) + "\n", encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> None:
    args = parse_args(argv)
    recipe = Recipe(**{f.name: getattr(args, f.name) for f in dataclasses.fields(Recipe)})
    settings = TrainSettings(
        **{
            f.name: getattr(args, f.name)
            for f in dataclasses.fields(TrainSettings)
            if f.name != "recipe"
        },
        recipe=recipe,
    )
    if settings.context == "mixed" and args.inference_context is None:
        raise SystemExit("--context mixed needs --inference-context: which one the model is given")
    inference_context = args.inference_context or settings.context
    # onnxruntime's quantizer logs every tensor at INFO on the root logger: only ours at INFO.
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(name)s %(message)s")
    for name in ("evals", "rag", "__main__"):
        logging.getLogger(name).setLevel(logging.INFO)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import torch

    torch.set_num_threads(args.threads)
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    fmt = settings.input_format()

    pairs, holdout, data = build_pairs(
        args.train_data, settings, out / f"pairs-{settings.data_key()}.json"
    )
    encoded = encode_pairs(pairs, pair_contexts(pairs, settings.context, settings.seed), fmt)
    taught = teacher_logits(settings, encoded, out, args.threads) if settings.teacher else None
    training = train(settings, pairs, encoded, out, args.minutes, taught)
    model = load_trained(settings, out)
    holdout_encoded = encode_pairs(
        holdout, pair_contexts(holdout, inference_context, settings.seed), fmt
    )
    validation = validate(model, holdout, holdout_encoded)
    paths = export(model, out)
    export_error = check_export(model, paths["fp32"], holdout_encoded)
    logger.info("largest |torch - onnx| logit difference: %.2g", export_error)

    record: dict[str, Any] = {
        "what": "cross-encoder reader: P(sentence answers question), all-MiniLM-L6-v2 fine-tuned"
        + (f" (its first {settings.layers} layers)" if settings.layers < 6 else ""),
        "input_format": dataclasses.asdict(fmt),
        "context": inference_context,
        "command": "nice -n 10 python -m evals.train_reader "
        + shlex.join(sys.argv[1:] if argv is None else argv),
        "seed": settings.seed,
        "settings": dataclasses.asdict(settings),
        "data": data,
        "training": training | {"threads": args.threads},
        "initialised_from": initialised_from(settings),
        "distilled_from": distilled_from(settings),
        "held_out_validation": validation,
        "onnx": {"opset": 17, "max_abs_logit_difference_torch_vs_fp32": export_error},
        "thresholds": [],
    }
    for path in paths.values():
        write_record(path.parent, path.name, record)  # provisional: lets Reader load it
    measured = measure_all(
        paths, inference_context, args.compare_contexts, args.threads, args.eval_every
    )
    kept = keep_int8(measured, paths["int8"], args.int8_tolerance)
    shipped = "int8" if kept["kept"] else "fp32"
    record["evaluation"] = {
        "folder": str(reader_eval.V2_DIR),
        "calibration_articles": reader_eval.CALIBRATION_ARTICLES,
        "report_articles": reader_eval.REPORT_ARTICLES,
        "protocol": reader_eval.__doc__.split("\n\n")[1],
        "candidates": reader_eval.CANDIDATES,
        "scores_are": "reader: logits (thresholds also as probabilities); bm25: BM25 score; "
        "biencoder: cosine of MiniLM vectors",
    }
    record["metrics"] = measured
    record["int8_decision"] = kept | {"shipped": shipped}
    record["latency"] = reader_eval.latency(
        paths[shipped].parent, reader_eval.load_candidates(every=args.eval_every), inference_context
    )
    for variant, path in paths.items():
        variant_record = record | {
            "variant": variant,
            "thresholds": thresholds_table(measured[f"reader_{variant}"]["thresholds"]),
        }
        write_record(path.parent, path.name, variant_record)
    logger.info("records written; shipped variant: %s", shipped)
    if args.ship:
        if paths[shipped].stat().st_size > MAX_SHIPPED_BYTES:
            raise SystemExit(f"{paths[shipped]} is larger than 60 MB: not shipped")
        MODEL_DIR.mkdir(parents=True, exist_ok=True)
        for stale in MODEL_DIR.glob("reader*"):
            stale.unlink()
        for name in (paths[shipped].name, RECORD_NAME):
            shutil.copy2(paths[shipped].parent / name, MODEL_DIR / name)
        logger.info("shipped %s into %s", paths[shipped].name, MODEL_DIR)


def measure_all(
    paths: dict[str, Path],
    context: str,
    compare_contexts: Sequence[str],
    threads: int,
    every: int,
) -> dict[str, Any]:
    """Every score on both halves, and the int8 model's calibration half per context mode."""
    from rag.reader import Reader

    candidates = reader_eval.load_candidates(every=every)
    scorers = {
        "bm25": reader_eval.bm25_scorer(),
        "biencoder": reader_eval.biencoder_scorer(candidates),
    } | {
        f"reader_{variant}": reader_eval.reader_scorer(Reader(path.parent, threads), context)
        for variant, path in paths.items()
    }
    measured: dict[str, Any] = {
        name: reader_eval.measure(candidates, reader_eval.score_all(candidates, scorer, name))
        for name, scorer in scorers.items()
    }
    calibration = [c for c in candidates if c.half == "calibration"]
    measured["int8_calibration_by_context"] = {
        mode: reader_eval.Best.of(
            calibration,
            reader_eval.score_all(
                calibration,
                reader_eval.reader_scorer(Reader(paths["int8"].parent, threads), mode),
                f"context {mode}",
            ),
        ).summary()
        for mode in compare_contexts
    }
    return measured


def keep_int8(measured: dict[str, Any], int8: Path, tolerance: float) -> dict[str, Any]:
    """Whether int8 stays within ``tolerance`` of fp32 (AUC and hit@1, calibration half)."""
    fp32, q8 = measured["reader_fp32"]["calibration"], measured["reader_int8"]["calibration"]
    gaps = {m: round(fp32[m] - q8[m], 4) for m in ("auc", "hit_at_1")}
    fits = int8.stat().st_size <= MAX_SHIPPED_BYTES
    return {
        "calibration_fp32_minus_int8": gaps,
        "tolerance": tolerance,
        "int8_bytes": int8.stat().st_size,
        "kept": all(g <= tolerance for g in gaps.values()) and fits,
    }


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    defaults = TrainSettings()
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, required=True, help="folder for everything built")
    parser.add_argument("--train-data", type=Path, default=TRAIN_DIR)
    parser.add_argument("--minutes", type=float, default=55, help="training time budget")
    parser.add_argument("--threads", type=int, default=2, help="torch and onnxruntime threads")
    parser.add_argument(
        "--inference-context",
        choices=CONTEXT_MODES,
        default=None,
        help="the context the shipped model is given (default: --context)",
    )
    parser.add_argument(
        "--compare-contexts",
        nargs="*",
        default=[],
        choices=CONTEXT_MODES,
        help="also score the int8 model on the calibration half with each of these contexts",
    )
    parser.add_argument(
        "--eval-every", type=int, default=1, help="measure every n-th question (quick checks only)"
    )
    parser.add_argument("--int8-tolerance", type=float, default=0.005)
    parser.add_argument("--ship", action="store_true", help="copy the kept model into rag/models")
    # Every setting and every field of the recipe is a flag ("--word-swap-question 1.0").
    fields: list[tuple[dataclasses.Field[Any], Any]] = [
        (f, defaults) for f in dataclasses.fields(TrainSettings) if f.name != "recipe"
    ]
    fields += [(f, defaults.recipe) for f in dataclasses.fields(Recipe)]
    for field, owner in fields:
        default = getattr(owner, field.name)
        flag = f"--{field.name.replace('_', '-')}"
        if isinstance(default, bool):
            parser.add_argument(flag, action=argparse.BooleanOptionalAction, default=default)
        else:
            parser.add_argument(flag, type=type(default), default=default)
    return parser.parse_args(argv)


if __name__ == "__main__":
    main()
