"""Chunks: consecutive sentences up to a token budget, overlapping, never over the model's
word-piece limit. Sentences of a made-up court report."""

from __future__ import annotations

import pytest

from ingest.chunk import chunk_sentences, chunk_text, count_tiktokens
from rag.embed import MAX_WORDPIECES, count_wordpieces
from rag.types import Sentence

TEXT = (
    "Gerald Pike was sentenced to six years in prison on Friday. "
    "The judge said the fraud had been planned over a decade. "
    "Pike admitted taking $2.1 million from the charity he ran. "
    "Prosecutors said the money paid gambling debts. "
    "His lawyer said he would appeal. "
)


def sentences(text: str = TEXT) -> list[Sentence]:
    out, start = [], 0
    for i, part in enumerate(text.split(". ")):
        if not part.strip():
            continue
        piece = part.strip() + "."
        start = text.index(piece[:-1], start)
        out.append(Sentence("court", i, start, start + len(piece), piece))
    return out


def test_chunks_cover_every_sentence_in_order_with_overlap() -> None:
    chunks = chunk_sentences(
        sentences(), chunk_tokens=30, chunk_overlap=12, max_wordpieces=MAX_WORDPIECES,
        count_wordpieces=count_wordpieces,
    )  # fmt: skip
    ids = [sid for c in chunks for sid in c.sentence_ids]
    assert set(ids) == {s.id for s in sentences()}
    assert len(chunks) >= 2 and set(chunks[0].sentence_ids) & set(chunks[1].sentence_ids)
    for chunk in chunks:
        assert count_tiktokens([chunk.text])[0] <= 30 or len(chunk.sentence_ids) == 1


def test_a_chunk_embeds_its_sentences_joined_by_spaces() -> None:
    group = sentences()[:2]
    assert chunk_text(group) == f"{group[0].text} {group[1].text}"


def test_a_chunk_never_exceeds_the_model_limit() -> None:
    long = [Sentence("long", i, 0, 10, "word " * 120) for i in range(3)]
    chunks = chunk_sentences(
        long, chunk_tokens=1000, chunk_overlap=0, max_wordpieces=MAX_WORDPIECES,
        count_wordpieces=count_wordpieces,
    )  # fmt: skip
    assert all(count_wordpieces([c.text])[0] <= MAX_WORDPIECES for c in chunks)


def test_one_sentence_over_the_limit_is_a_bug_reported_loudly() -> None:
    with pytest.raises(ValueError, match="exceeds"):
        chunk_sentences(
            [Sentence("x", 0, 0, 10, "word " * 400)], chunk_tokens=1000, chunk_overlap=0,
            max_wordpieces=MAX_WORDPIECES, count_wordpieces=count_wordpieces,
        )  # fmt: skip
