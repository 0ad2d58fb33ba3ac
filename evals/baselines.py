"""The plain systems ours is compared with, run on the same store and questions.

- ``bm25``: the two best sentences by BM25 (``store.lexical_sentences``);
- ``dense``: the two sentences nearest the question's embedding (``store.nearest_sentences``);
- ``hybrid``: the two best sentences of our own fused retrieval (:meth:`Pipeline.retrieve`),
  as the composer receives them: what the composer adds, or loses;
- ``top_chunk``: the text of the nearest chunk, as a plain vector-store RAG returns it;
- ``naive_conflict``: our own answers, flagged as a disagreement whenever they cite two or
  more distinct sources (see :func:`naive_conflict`).

Baselines never abstain. Headings are skipped, as the pipeline skips them: a title is never
offered as an answer. A baseline's ranking of documents, for recall and MRR, is the order in
which documents first appear in its ranked list, read ``settings.dense_k`` deep.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from rag.config import Settings
from rag.store import Store
from rag.types import Passage, Sentence

# Sentences in a sentence baseline's answer: the reference numbers are for the top two.
ANSWER_SENTENCES = 2


@dataclass(frozen=True)
class Quote:
    """A span a baseline returns as (part of) its answer, located in the article."""

    doc_id: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class BaselineAnswer:
    """A baseline's answer (its quotes, in order) and its ranking of documents, best first."""

    quotes: tuple[Quote, ...]
    ranking: tuple[str, ...]

    @property
    def text(self) -> str:
        return " ".join(q.text for q in self.quotes)


def doc_ranking(doc_ids: Iterable[str]) -> tuple[str, ...]:
    """Documents in the order of their first appearance.

    >>> doc_ranking(["b", "a", "b", "c", "a"])
    ('b', 'a', 'c')
    """
    return tuple(dict.fromkeys(doc_ids))


def bm25_sentences(question: str, store: Store, settings: Settings) -> BaselineAnswer:
    """The two best BM25 sentences (fewer if fewer share a term with the question).

    Example::

        bm25_sentences("Who is Dmitry Peskov?", store, settings).text
    """
    ranked = store.lexical_sentences(question, settings.lexical_k + ANSWER_SENTENCES)
    return _sentence_answer([hit.sentence for hit in ranked if not hit.sentence.heading])


def dense_sentences(vector: np.ndarray, store: Store, settings: Settings) -> BaselineAnswer:
    """The two sentences nearest the question's embedding ``vector``.

    Example::

        dense_sentences(embedder.encode(["Who is Dmitry Peskov?"])[0], store, settings).text
    """
    ranked = store.nearest_sentences(vector, settings.dense_k + ANSWER_SENTENCES)
    return _sentence_answer([hit.sentence for hit in ranked if not hit.sentence.heading])


def hybrid_sentences(passages: Sequence[Passage]) -> BaselineAnswer:
    """The first two of the retrieved ``passages`` (best fused score first).

    Example::

        hybrid_sentences(pipeline.retrieve("Who is Dmitry Peskov?")).text
    """
    return _sentence_answer([p.sentence for p in passages])


def top_chunk(vector: np.ndarray, store: Store, settings: Settings) -> BaselineAnswer:
    """The nearest chunk's text as the answer, cited to the chunk's document and span.

    A chunk's text leaves out furniture between its sentences, so unlike a sentence it need
    not equal the article's text at its offsets: the verbatim metric shows when it does not.

    Example::

        top_chunk(embedder.encode(["Who is Dmitry Peskov?"])[0], store, settings).text
    """
    chunks = [hit.chunk for hit in store.nearest_chunks(vector, settings.dense_k)]
    quotes = tuple(Quote(c.doc_id, c.start, c.end, c.text) for c in chunks[:1])
    return BaselineAnswer(quotes, doc_ranking(c.doc_id for c in chunks))


def naive_conflict(cited_docs: Sequence[str]) -> bool:
    """The naive disagreement detector: any answer citing two or more sources is flagged.

    >>> naive_conflict(["a", "a"]), naive_conflict(["a", "b"])
    (False, True)
    """
    return len(set(cited_docs)) >= 2


def _sentence_answer(sentences: Sequence[Sentence]) -> BaselineAnswer:
    """The first sentences as the answer; all of them, in order, rank the documents."""
    quotes = tuple(Quote(s.doc_id, s.start, s.end, s.text) for s in sentences[:ANSWER_SENTENCES])
    return BaselineAnswer(quotes, doc_ranking(s.doc_id for s in sentences))
