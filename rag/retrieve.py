"""Hybrid retrieval: dense (Chroma) and lexical (BM25) evidence, fused per sentence.

Four ranked lists are fused with reciprocal rank fusion: sentences nearest the question,
sentences best matched by BM25, and the same two over chunks (each sentence inherits the
rank of the best retrieved chunk that holds it, so a sentence whose neighbours carry the
question's words still surfaces). The pool handed to the composer is then capped per
source, so corroborating and disagreeing articles both reach it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Literal

import numpy as np

from rag.aliases import Alias, covered_terms
from rag.config import Settings
from rag.lexical import mentions, tokenize, top_rows
from rag.questions import DEMONYM_ENDINGS, QuestionInfo, has_answer_type
from rag.store import Store
from rag.types import Passage

Mode = Literal["hybrid", "dense", "lexical"]
# How many fused candidates feed the composer, at most.
POOL_SIZE = 48
# A question's name is specific enough to anchor its answer when at most this many sentences
# mention it: then the answer is in or next to one of them.
RARE_NAME_SENTENCES = 3


def retrieve(
    info: QuestionInfo,
    vector: np.ndarray,
    store: Store,
    settings: Settings,
    anchors: Sequence[str],
    aliases: Sequence[Alias],
    mode: Mode = "hybrid",
) -> list[Passage]:
    """Candidate sentences for the question ``info`` analyses (embedded as ``vector``), best
    fused score first. ``anchors`` are its :func:`rare_names`: a passage is ``anchored`` when
    it or a neighbour mentions one of them. ``aliases`` are the people it describes by role
    (:func:`rag.aliases.resolve`): a sentence naming one covers the description's terms.

    ``mode`` selects the evidence: ``hybrid`` (the default), or ``dense`` / ``lexical`` alone
    over sentences, which the evals run as baselines.
    """
    question = info.text
    fused: dict[int, float] = defaultdict(float)
    context: dict[int, float] = defaultdict(float)

    def add(ranked_rows: list[int]) -> None:
        for rank, row in enumerate(ranked_rows):
            fused[row] += 1.0 / (settings.rrf_k + rank + 1)

    lexical_scores = store.lexical_sentences.scores(question)
    if mode in ("hybrid", "dense"):
        add([row for row, _ in store.dense_sentences(vector, settings.dense_k)])
    if mode in ("hybrid", "lexical"):
        add([row for row, _ in top_rows(lexical_scores, settings.lexical_k)])
    if mode == "hybrid":
        dense_chunks = store.dense_chunks(vector, settings.chunk_k)
        for chunk_row, similarity in dense_chunks:
            for row in store.chunk_sentence_rows[chunk_row]:
                context[row] = max(context[row], similarity)
        add(_inherit(store, [c for c, _ in dense_chunks]))
        add(_inherit(store, [c for c, _ in store.lexical_chunks.top(question, settings.chunk_k)]))
    rows = _pool(store, fused, settings.per_source)
    vectors = store.sentence_vectors(rows)
    similarities = vectors @ vector if len(rows) else np.zeros(0)
    covered = Coverage(question, store, aliases)
    anchor_terms = [set(tokenize(name)) for name in anchors]
    around = {row: _neighbourhood(store, row) for row in rows}
    return [
        Passage(
            sentence=store.sentences[row],
            doc=store.docs[store.sentences[row].doc_id],
            score=fused[row],
            similarity=float(similarities[i]),
            chunk_similarity=context.get(row, 0.0),
            lexical=float(lexical_scores[row]),
            coverage=covered(store.sentences[row].text),
            neighbourhood=covered(around[row]),
            anchored=_about_any(around[row], anchor_terms),
            typed=has_answer_type(store.sentences[row].text, info),
            novelty=novelty(store.sentences[row].text, info),
            embedding=vectors[i],
        )
        for i, row in enumerate(rows)
    ]


def _inherit(store: Store, chunk_rows: list[int]) -> list[int]:
    """Sentence rows in the order of the chunks holding them (first chunk wins)."""
    seen: dict[int, None] = {}
    for chunk_row in chunk_rows:
        for row in store.chunk_sentence_rows[chunk_row]:
            seen.setdefault(row, None)
    return list(seen)


def _pool(store: Store, fused: dict[int, float], per_source: int) -> list[int]:
    """Best fused rows, headings left out, at most ``per_source`` from any one article."""
    taken: dict[str, int] = defaultdict(int)
    rows = []
    for row in sorted(fused, key=lambda r: (-fused[r], r)):
        sentence = store.sentences[row]
        if sentence.heading or taken[sentence.doc_id] >= per_source:
            continue
        taken[sentence.doc_id] += 1
        rows.append(row)
        if len(rows) == POOL_SIZE:
            break
    return rows


class Coverage:
    """Share of a question's term weight (BM25 idf) that a text contains, 0 to 1. A text
    naming a person the question describes by role covers the description's terms.

    Example::

        covered = Coverage("Who declared the Easter truce?", store, aliases=())
        covered("Russia declared a 30-hour Easter ceasefire.")   # about 0.6
    """

    def __init__(self, question: str, store: Store, aliases: Sequence[Alias]) -> None:
        self.terms = list(dict.fromkeys(tokenize(question)))
        self.weights = store.lexical_sentences.idf(self.terms)
        self.total = float(self.weights.sum())
        self.aliases = aliases

    def __call__(self, text: str) -> float:
        if not self.terms:
            return 0.0
        present = set(tokenize(text))
        present |= covered_terms(present, self.aliases)
        found = sum(w for t, w in zip(self.terms, self.weights, strict=True) if t in present)
        return float(found / self.total)


def novelty(text: str, question: QuestionInfo) -> float:
    """Share of a sentence's terms the question does not use: an answer adds something."""
    terms = set(tokenize(text))
    return len(terms - set(question.terms)) / len(terms) if terms else 0.0


def rare_names(question: QuestionInfo, store: Store) -> list[str]:
    """The question's names that the articles mention rarely ("Sumy", not "Russia"): an
    answer must be about one of them. A name the articles use often, an adjective like
    "Ukrainian" or a publisher's name pins nothing down, and a name they never use is
    :func:`rag.api.unknown_names`' business."""
    index = store.lexical_sentences
    metadata = store.metadata_text()
    return [
        name
        for name in question.names
        if not name.lower().endswith(DEMONYM_ENDINGS)
        and name.lower() not in metadata
        and (terms := tokenize(name))
        and 0 < index.document_frequency(terms).max() <= RARE_NAME_SENTENCES
    ]


def _about_any(text: str, names: list[set[str]]) -> bool:
    """Whether ``text`` mentions one of the (tokenized) names, or there are none."""
    terms = set(tokenize(text))
    return not names or any(all(mentions(terms, term) for term in name) for name in names)


def _neighbourhood(store: Store, row: int) -> str:
    """The sentence with the ones before and after it in the same article: questions often
    name what a neighbouring sentence says and ask what this one adds."""
    doc_id = store.sentences[row].doc_id
    return " ".join(
        store.sentences[r].text
        for r in (row - 1, row, row + 1)
        if 0 <= r < len(store.sentences) and store.sentences[r].doc_id == doc_id
    )
