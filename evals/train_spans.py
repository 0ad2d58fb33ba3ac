"""Train the span reader (``rag/spans.py``): which words of a sentence answer a question.

The sentence reader (``rag/reader.py``) says whether a sentence answers; this one says where,
or that it holds no answer. Conflict notes need it: a sentence often states several values of
the asked kind ("The recount ended late Tuesday and will be certified on Friday"), and only
one of them answers "When will the result be certified?".

From the packaged all-MiniLM-L6-v2, on CPU, from SQuAD v1.1 *train* only, with fixed seeds:

- positives: a question with its answer sentence (the one holding an answer span, ties broken
  by BM25, as for the sentence reader), the first answer span found in it as the target;
- negatives: the same question with the sentence of its article most like it by BM25 that
  holds no answer span, the ``[CLS]`` token as the target ("no answer here"): such sentences
  often state a value of the asked kind about something else;
- input: ``[CLS] question [SEP] sentence [SEP] title [SEP]``, the sentence reader's format;
- model: the encoder, one linear layer giving a start and an end logit per word piece, cross
  entropy over the ``[CLS]`` token and the sentence's word pieces;
- exported to ONNX, fused, dynamic int8 (kept only if it holds the fp32 file's exact match on
  held-out articles), with ``spans.json`` beside it (data, settings, measurements, sha256).

Example (about half an hour on 2 cores)::

    nice -n 10 python -m evals.train_spans --out /tmp/spans-run --steps 2400 --ship
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import logging
import random
import shlex
import shutil
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from tqdm import tqdm

from evals.reader_data import Article, load_article
from evals.train_reader import (
    MAX_SHIPPED_BYTES,
    TRAIN_DIR,
    batch_order,
    export_onnx,
    optimizer_for,
    split_articles,
)
from rag.reader import InputFormat, encode_pieces, file_sha256, pad, sentence_bounds
from rag.spans import RECORD_NAME, best_span

logger = logging.getLogger(__name__)

REPO_ROOT = Path(__file__).resolve().parent.parent
MODEL_DIR = REPO_ROOT / "rag" / "models"
FILES = {"fp32": "spans.onnx", "int8": "spans-int8.onnx"}


@dataclass(frozen=True)
class SpanSettings:
    """Everything that decides the model; written into its record."""

    seed: int = 13
    questions: int = 48000  # training questions sampled from SQuAD v1.1 train
    negative_share: float = 0.5  # one "no answer here" sentence for every other question
    holdout_articles: int = 16  # the sentence reader's held-out articles (its seed and rule)
    holdout_questions: int = 1500
    max_length: int = 128
    max_question_tokens: int = 48
    max_context_tokens: int = 32
    batch_size: int = 32
    steps: int = 2400
    learning_rate: float = 8e-5
    head_learning_rate: float = 1e-3
    warmup: float = 0.06
    weight_decay: float = 0.01
    int8_tolerance: float = 0.01  # exact match int8 may lose against fp32

    def input_format(self) -> InputFormat:
        return InputFormat(self.max_length, self.max_question_tokens, self.max_context_tokens)


@dataclass(frozen=True)
class Example:
    """A question, a sentence, its article's title and the answer's characters in the sentence
    (``None``: the sentence holds no answer)."""

    question: str
    sentence: str
    title: str
    answer: tuple[int, int] | None


def locate(sentence: str, answers: Sequence[str]) -> tuple[int, int] | None:
    """The first answer span in the sentence, exactly or ignoring case, as a whole word."""
    for answer in answers:
        for haystack, needle in ((sentence, answer), (sentence.lower(), answer.lower())):
            at = haystack.find(needle)
            while at >= 0:
                end = at + len(needle)
                before = sentence[at - 1] if at else " "
                after = sentence[end] if end < len(sentence) else " "
                if not before.isalnum() and not after.isalnum():
                    return at, end
                at = haystack.find(needle, at + 1)
    return None


def build_examples(
    settings: SpanSettings, stems: Sequence[str], count: int, seed: str
) -> list[Example]:
    """``count`` questions of the articles ``stems`` as positives, and negatives for
    ``negative_share`` of them."""
    wanted = set(stems)
    rows = [
        r
        for line in (TRAIN_DIR / "qa.jsonl").read_text(encoding="utf-8").splitlines()
        if (r := json.loads(line))["sources"][0] in wanted
    ]
    rng = random.Random(seed)
    picked = rng.sample(rows, min(count, len(rows)))
    articles: dict[str, Article] = {}
    examples: list[Example] = []
    for row in tqdm(picked, desc="examples", unit="question", mininterval=30):
        stem = row["sources"][0]
        if stem not in articles:
            articles[stem] = load_article(TRAIN_DIR / "articles" / f"{stem}.txt")
        article = articles[stem]
        located = [(i, locate(s, row["answers"])) for i, s in enumerate(article.sentences)]
        holding = [(i, span) for i, span in located if span is not None]
        if not holding:
            continue
        scores = article.index.scores(row["question"])
        at, span = max(holding, key=lambda item: (float(scores[item[0]]), -item[0]))
        examples.append(Example(row["question"], article.sentences[at], article.title, span))
        if rng.random() < settings.negative_share:
            others = [i for i, found in located if found is None]
            if others:
                other = max(others, key=lambda i: float(scores[i]))
                examples.append(
                    Example(row["question"], article.sentences[other], article.title, None)
                )
    rng.shuffle(examples)
    return examples


def encode(fmt: InputFormat, example: Example) -> tuple[list[int], list[int], int, int]:
    """Token ids, segment ids, and the target's start and end word pieces (0, 0: none; also
    for an answer the sentence's cut left out, as the model will then read it)."""
    (row,), (sentence,) = encode_pieces(fmt, example.question, [example.sentence], [example.title])
    ids, segments = row
    first, last = sentence_bounds(ids, segments)
    kept = sentence.offsets[: last - first]  # the pieces the cut kept
    start = end = 0
    if example.answer is not None:
        a, b = example.answer
        inside = [k for k, (x, y) in enumerate(kept) if x < b and a < y]
        if inside and kept[inside[-1]][1] >= b:
            start, end = first + inside[0], first + inside[-1]
    return ids, segments, start, end


def build_model() -> Any:
    """MiniLM's encoder and a start/end logit per word piece."""
    import torch
    from transformers import AutoModel

    from rag.embed import model_path

    class SpanHead(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.encoder = AutoModel.from_pretrained(str(model_path()), attn_implementation="eager")
            self.head = torch.nn.Linear(self.encoder.config.hidden_size, 2)

        def forward(self, input_ids: Any, attention_mask: Any, token_type_ids: Any) -> Any:
            hidden = self.encoder(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
            ).last_hidden_state
            logits = self.head(hidden)
            return logits[..., 0], logits[..., 1]

    return SpanHead()


def _answer_mask(rows: Sequence[tuple[list[int], list[int], int, int]]) -> np.ndarray:
    """Where a start or end may fall: ``[CLS]`` and the sentence's word pieces."""
    width = max(len(r[0]) for r in rows)
    mask = np.zeros((len(rows), width), dtype=bool)
    for k, (ids, segments, _, _) in enumerate(rows):
        mask[k, 0] = True
        first, last = sentence_bounds(ids, segments)
        mask[k, first:last] = True
    return mask


def train(settings: SpanSettings, encoded: Sequence[tuple[list[int], list[int], int, int]]) -> Any:
    import torch

    torch.manual_seed(settings.seed)
    model = build_model()
    model.encoder.embeddings.word_embeddings.weight.requires_grad_(False)
    optimizer, scheduler = optimizer_for(model, settings)
    batches = batch_order(
        [len(r[0]) for r in encoded], settings.batch_size, settings.steps, settings.seed
    )
    model.train()
    losses: list[tuple[int, float]] = []
    window: list[float] = []
    started = time.monotonic()
    for step, rows_at in enumerate(tqdm(batches, desc="training", unit="step", mininterval=30)):
        rows = [encoded[i] for i in rows_at]
        inputs = {k: torch.from_numpy(v) for k, v in pad([(r[0], r[1]) for r in rows]).items()}
        allowed = torch.from_numpy(_answer_mask(rows))
        starts, ends = model(**inputs)
        starts = starts.masked_fill(~allowed, -1e4)
        ends = ends.masked_fill(~allowed, -1e4)
        loss = torch.nn.functional.cross_entropy(
            starts, torch.tensor([r[2] for r in rows])
        ) + torch.nn.functional.cross_entropy(ends, torch.tensor([r[3] for r in rows]))
        optimizer.zero_grad()
        (loss / 2).backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optimizer.step()
        scheduler.step()
        window.append(loss.item() / 2)
        if (step + 1) % 100 == 0:
            losses.append((step + 1, round(float(np.mean(window)), 4)))
            window = []
    minutes = round((time.monotonic() - started) / 60, 1)
    return model.eval(), {"minutes": minutes, "loss_every_100_steps": losses}


def export(model: Any, out: Path) -> dict[str, Path]:
    """fp32 ONNX (fused with onnxruntime's BERT optimizer) and its dynamic int8 quantization."""
    paths = {variant: out / name for variant, name in FILES.items()}
    axes = {0: "batch", 1: "tokens"}
    export_onnx(model, paths["fp32"], paths["int8"], {"start_logits": axes, "end_logits": axes})
    return paths


def measure(path: Path, rows: Sequence[tuple[list[int], list[int], int, int]]) -> dict[str, Any]:
    """Held-out exact match of the start and end word pieces on positives, and how often a
    negative's best is "no answer" (a null score above the best span's), one row per call as
    ``rag/spans.py`` reads them."""
    import onnxruntime

    session = onnxruntime.InferenceSession(str(path), providers=["CPUExecutionProvider"])
    exact = null_right = positives = negatives = 0
    for ids, segments, start, end in rows:
        starts, ends = session.run(None, pad([(ids, segments)]))
        span, score, null = best_span(starts[0], ends[0], *sentence_bounds(ids, segments))
        if start:
            positives += 1
            exact += span == (start, end)
        else:
            negatives += 1
            null_right += null > score
    return {
        "positives": positives,
        "exact_match": round(exact / max(positives, 1), 4),
        "negatives": negatives,
        "negatives_read_as_none": round(null_right / max(negatives, 1), 4),
    }


def _git_commit() -> str:
    """The commit the training code was run at (with "+changes" if the tree had edits)."""
    import subprocess

    def git(*args: str) -> str:
        done = subprocess.run(["git", *args], capture_output=True, text=True, cwd=REPO_ROOT)
        return done.stdout.strip()

    commit = git("rev-parse", "HEAD")
    return commit + ("+changes" if git("status", "--porcelain", "--", "*.py") else "")


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, required=True, help="folder for the run's files")
    parser.add_argument("--steps", type=int, default=SpanSettings.steps)
    parser.add_argument("--questions", type=int, default=SpanSettings.questions)
    parser.add_argument("--threads", type=int, default=2, help="torch threads")
    parser.add_argument("--ship", action="store_true", help="copy the kept model to rag/models")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    import torch

    torch.set_num_threads(args.threads)
    settings = SpanSettings(steps=args.steps, questions=args.questions)
    args.out.mkdir(parents=True, exist_ok=True)
    training, held_out = split_articles(TRAIN_DIR, settings)
    fmt = settings.input_format()
    examples = build_examples(settings, training, settings.questions, f"{settings.seed}-train")
    train_rows = [encode(fmt, e) for e in examples]
    held_rows = [
        encode(fmt, e)
        for e in build_examples(
            settings, held_out, settings.holdout_questions, f"{settings.seed}-held-out"
        )
    ]
    model, log = train(settings, train_rows)
    paths = export(model, args.out)
    measured = {variant: measure(path, held_rows) for variant, path in paths.items()}
    loss = measured["fp32"]["exact_match"] - measured["int8"]["exact_match"]
    kept = "int8" if loss <= settings.int8_tolerance else "fp32"
    record = {
        "model_file": FILES[kept],
        "sha256": file_sha256(paths[kept]),
        "bytes": paths[kept].stat().st_size,
        "what": "span reader: start and end word pieces of the answer in a sentence, or [CLS]",
        "input_format": dataclasses.asdict(fmt),
        "context": "title",
        "command": "python -m evals.train_spans "
        + shlex.join(sys.argv[1:] if argv is None else argv),
        "git_commit": _git_commit(),
        "settings": dataclasses.asdict(settings),
        "data": {
            "source": "SQuAD v1.1 train (../shared/data/squad-v1.1-train)",
            "training_examples": len(train_rows),
            "training_negatives": sum(1 for e in examples if e.answer is None),
            "training_answers_cut_off": sum(
                1 for e, r in zip(examples, train_rows, strict=True) if e.answer and not r[2]
            ),
            "held_out_articles": held_out,
        },
        "training": log,
        "held_out": measured,
        "int8_kept": kept == "int8",
    }
    if paths[kept].stat().st_size > MAX_SHIPPED_BYTES:
        raise SystemExit(f"{paths[kept]} is over {MAX_SHIPPED_BYTES} bytes: not shippable")
    (args.out / RECORD_NAME).write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
    logger.info("held out: %s", json.dumps(measured))
    if args.ship:
        shutil.copy(paths[kept], MODEL_DIR / FILES[kept])
        shutil.copy(args.out / RECORD_NAME, MODEL_DIR / RECORD_NAME)
        logger.info("shipped %s and its record to %s", FILES[kept], MODEL_DIR)


if __name__ == "__main__":
    main()
