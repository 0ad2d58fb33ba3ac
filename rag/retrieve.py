"""Hybrid retrieval: dense (Chroma) and lexical (BM25) evidence, fused per sentence.

Four ranked lists are fused with reciprocal rank fusion: sentences nearest the question,
sentences best matched by BM25, and the same two over chunks (each sentence inherits the
rank of the best retrieved chunk that holds it, so a sentence whose neighbours carry the
question's words still surfaces). In the pool handed to the composer each source first has
its share, so corroborating and disagreeing articles both reach it; room left goes to the
best of the rest.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Collection, Iterable, Sequence
from typing import Literal

import numpy as np

from rag import language as lang
from rag.aliases import Alias, covered_terms
from rag.config import Settings
from rag.lexical import mentions, tokenize
from rag.questions import (
    NAME_WORD,
    QuestionInfo,
    as_name,
    descriptions,
    has_answer_type,
    name_parts,
    name_runs,
)
from rag.store import Store
from rag.types import Chunk, Passage, Sentence

Mode = Literal["hybrid", "dense", "lexical"]


def retrieve(
    info: QuestionInfo,
    vector: np.ndarray,
    store: Store,
    settings: Settings,
    anchors: Sequence[str],
    aliases: Sequence[Alias],
    mode: Mode = "hybrid",
    sources: Collection[str] | None = None,
) -> list[Passage]:
    """Candidate sentences for the question ``info`` analyses (embedded as ``vector``), best
    fused score first. ``anchors`` are its :func:`rare_names`: a passage is ``anchored`` when
    it, the sentence after it or one of the two before it mentions one of them, ``named``
    when its article mentions one of the question's names.
    ``aliases`` are the people it describes by role
    (:func:`rag.aliases.resolve`): a sentence naming one covers the description's terms.

    ``mode`` selects the evidence: ``hybrid`` (the default), or ``dense`` / ``lexical`` alone
    over sentences, which the evals run as baselines. ``sources`` restricts every list to
    those articles (doc ids), when given.
    """
    question = info.text
    fused: dict[str, float] = defaultdict(float)
    chunk_similarity: dict[str, float] = defaultdict(float)
    by_id: dict[str, Sentence] = {}

    def add(ranked: Iterable[Sentence]) -> None:
        for rank, sentence in enumerate(ranked):
            by_id[sentence.id] = sentence
            fused[sentence.id] += 1.0 / (settings.rrf_k + rank + 1)

    if mode in ("hybrid", "dense"):
        add(hit.sentence for hit in store.nearest_sentences(vector, settings.dense_k, sources))
    if mode in ("hybrid", "lexical"):
        add(hit.sentence for hit in store.lexical_sentences(question, settings.lexical_k, sources))
    if mode == "hybrid":
        dense_chunks = store.nearest_chunks(vector, settings.chunk_k, sources)
        for chunk, similarity in dense_chunks:
            for sentence in store.sentences_in(chunk):
                chunk_similarity[sentence.id] = max(chunk_similarity[sentence.id], similarity)
        lexical_chunks = store.lexical_chunks(question, settings.chunk_k, sources)
        add(_inherit(store, [hit.chunk for hit in dense_chunks]))
        add(_inherit(store, [hit.chunk for hit in lexical_chunks]))
    pool = _pool([by_id[i] for i in fused], fused, settings.per_source, settings.pool_size)
    vectors = store.vectors(pool)
    similarities = vectors @ vector if pool else np.zeros(0)
    bm25 = store.bm25(question)
    covered = Coverage(question, store, aliases)
    anchor_terms = [set(tokenize(name)) for name in anchors]
    described = _described(descriptions(info, anchors), name_parts(info, anchors))
    name_terms = _name_terms(info)
    passages = []
    for i, sentence in enumerate(pool):
        lead = store.lead(sentence.doc_id)
        # Two sentences back for what the sentence is about ("X is ... . It is ... . The
        # parish was founded in 1856."), one each side for the evidence of its words.
        wider = store.neighbourhood(sentence, before=2)
        at = wider.index(sentence)
        about = " ".join(s.text for s in wider[: at + 1 if _refers_back(sentence) else None])
        neighbours = wider[max(at - 1, 0) :]
        around = " ".join(s.text for s in neighbours)
        passages.append(
            Passage(
                sentence=sentence,
                doc=store.docs[sentence.doc_id],
                score=fused[sentence.id],
                similarity=float(similarities[i]),
                chunk_similarity=chunk_similarity.get(sentence.id, 0.0),
                lexical=bm25.get(sentence.id, 0.0),
                coverage=covered(sentence.text),
                neighbourhood=covered(around),
                anchored=_about_any(about, anchor_terms)
                or _about_any(_dateline(lead.text), anchor_terms)
                or bool(
                    described
                    and described.search(about)
                    and store.mentions(sentence.doc_id, anchor_terms)
                ),
                typed=has_answer_type(sentence.text, info),
                novelty=novelty(sentence.text, info),
                embedding=vectors[i],
                annotation=store.annotation(sentence),
                before=next((s.text for s in neighbours if s.position < sentence.position), ""),
                named=not name_terms or store.mentions(sentence.doc_id, name_terms),
                lead=lead.text,
                lead_annotation=store.annotation(lead),
                story_names=store.names(sentence.doc_id),
                story_sentences=len(store.sentences_of(sentence.doc_id)),
            )
        )
    return passages


# A story's dateline, before the dash that ends it: "MURCIA, Spain —", "LOS ANGELES —",
# "LONDON, March 3 (Reuters) -". The whole story happens there.
_DATELINE = re.compile(
    r"^(?P<place>[A-ZÀ-Þ][A-ZÀ-Þ .'’-]*[A-ZÀ-Þ])"
    r"(?P<region>,[\w .'’]+?)?(?P<agency>\s*\([^()]+\))?\s*(?:—|–|--|-)(?=\s|[A-Z])"
)


def _dateline(text: str) -> str:
    """The dateline a story's first sentence opens with, or "": a known place in capitals
    (:data:`rag.language.PLACES`), or capitals with a region after a comma or an agency in
    brackets; not "NATO —" nor "EXCLUSIVE -"."""
    found = _DATELINE.match(text)
    if found is None:
        return ""
    said = found.group("region") or found.group("agency")
    return found.group() if said or found.group("place").title() in lang.PLACES else ""


# Where a title's subtitle starts: "Star Wars: Episode IV – A New Hope".
_SUBTITLE = re.compile(r"\s*[:–—]\s|\s+-\s+")


def _name_terms(info: QuestionInfo) -> list[set[str]]:
    """The question's names, tokenized, of which an article must mention one (every term of
    it) to be about what the question names. A quoted title is one name: an article about
    the album "War Music" names both words, where one that mentions war or music alone is
    about anything. A title of three terms or more may lack one, as a snippet cut at its start
    ("Keep Fallin' on My Head") or a rewording ("David holding the head of Goliath") does,
    and its main part may stand alone ("Star Wars" of "Star Wars: A New Hope"). Another
    name may be called otherwise ("UK", "Britain")."""
    names = set(info.names)
    titles = [
        (terms, covered)
        for title in info.titles
        if (covered := {as_name(w) for w in NAME_WORD.findall(title)} & names)
        # the whole title, and its main part alone: "Star Wars" of "Star Wars: A New Hope"
        for part in dict.fromkeys((title, _SUBTITLE.split(title, maxsplit=1)[0]))
        if (terms := set(tokenize(part)))
    ]
    in_titles = {name for _, covered in titles for name in covered}
    return [
        *(
            shortened
            for terms, _ in titles
            for shortened in ([terms - {t} for t in terms] if len(terms) >= 3 else [terms])
        ),
        *(
            set(form_terms)
            for name in info.names
            if not name.lower().endswith(lang.DEMONYM_ENDINGS)
            and name.lower() not in lang.CALENDAR_WORDS  # "Tuesday" names no subject
            and name not in in_titles
            for form in (name, *(lang.alias_group(name) or ()))
            if (form_terms := tokenize(form))
        ),
    ]


def _inherit(store: Store, chunks: list[Chunk]) -> list[Sentence]:
    """Sentences in the order of the chunks holding them (first chunk wins)."""
    seen: dict[str, Sentence] = {}
    for chunk in chunks:
        for sentence in store.sentences_in(chunk):
            seen.setdefault(sentence.id, sentence)
    return list(seen.values())


def _pool(
    sentences: list[Sentence], fused: dict[str, float], per_source: int, size: int
) -> list[Sentence]:
    """Up to ``size`` sentences, headings left out, in fused order (ties in article order):
    first each article's ``per_source`` best, so that a second source is not crowded out by
    the first; then, while there is room, the best of the rest, so that a question one long
    article answers is not cut to that article's ``per_source`` best-fused sentences."""
    ranked = sorted(
        (s for s in sentences if not s.heading),
        key=lambda s: (-fused[s.id], s.doc_id, s.position),
    )
    seen: dict[str, int] = defaultdict(int)  # sentences of each article so far
    first: list[Sentence] = []
    rest: list[Sentence] = []
    for sentence in ranked:
        seen[sentence.doc_id] += 1
        (first if seen[sentence.doc_id] <= per_source else rest).append(sentence)
    chosen = {s.id for s in (first + rest)[:size]}
    return [s for s in ranked if s.id in chosen]


class Coverage:
    """Share of a question's term weight (BM25 idf) that a text contains, 0 to 1. A text
    naming a person the question describes by role covers the description's terms.

    Example::

        covered = Coverage("Who declared the Easter truce?", store, aliases=())
        covered("Russia declared a 30-hour Easter ceasefire.")   # about 0.6
    """

    def __init__(self, question: str, store: Store, aliases: Sequence[Alias]) -> None:
        self.terms = list(dict.fromkeys(tokenize(question)))
        self.weights = store.idf(self.terms)
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


def rare_names(
    question: QuestionInfo, store: Store, settings: Settings, aliases: Sequence[Alias] = ()
) -> list[str]:
    """The question's names that the articles mention rarely ("Sumy", not "Russia"): an
    answer must be about one of them. A name the articles use often, an adjective like
    "Ukrainian" or a publisher's name pins nothing down, nor does a name within a
    description that stands for a person (``aliases``: "American" of "the American
    president", who is Donald Trump); a name they never use is
    :func:`rag.api.unknown_names`' business."""
    runs = name_runs(question)
    said_whole: dict[tuple[str, ...], bool] = {}  # each longer name is searched for once
    described = {term for alias in aliases for term in alias.terms}
    return [
        name
        for name in question.names
        if not name.lower().endswith(lang.DEMONYM_ENDINGS)
        and (terms := tokenize(name))
        and not set(terms) <= described
        and not store.in_metadata(name)
        and 0 < store.sentence_frequency(terms).max() <= settings.rare_name_sentences
        and _named_whole(next((r for r in runs if name in r), (name,)), store, said_whole)
    ]


# Sentences searched for a longer name said whole: more than a rare word's few mentions.
_WHOLE_NAME_HITS = 10


def _named_whole(
    run: tuple[str, ...], store: Store, said_whole: dict[tuple[str, ...], bool]
) -> bool:
    """Whether some sentence names the whole of a name of the question (two or more
    capitalised words in a row), as the question writes it: "Town" of "Delaney Town" pins
    nothing down where the articles name "Kestrel Town" and "Ruth Delaney"; "Okafor" of
    "John Okafor" does where they write "John Okafor". ``said_whole`` keeps the verdicts."""
    if len(run) == 1:
        return True
    if run not in said_whole:
        said = re.compile(r"\b" + r"\W+".join(re.escape(w) for w in run) + r"\b", re.I)
        said_whole[run] = any(
            said.search(hit.sentence.text)
            for hit in store.lexical_sentences(" ".join(run), _WHOLE_NAME_HITS)
        )
    return said_whole[run]


def _described(nouns: Sequence[str], parts: Sequence[str]) -> re.Pattern[str] | None:
    """What finds "the museum" or "the rocket's" for those nouns (lower case, as a name's
    own capitalised word is another name: "the Museum of Flight") or a part of the name as
    written ("Halvorsen"), or None for none."""
    found = [rf"\b[Tt]he\s+(?:{'|'.join(map(re.escape, nouns))})(?![\w-])"] if nouns else []
    found += [rf"\b(?:{'|'.join(map(re.escape, parts))})(?![\w-])"] if parts else []
    return re.compile("|".join(found)) if found else None


def _refers_back(sentence: Sentence) -> bool:
    """Whether the sentence opens with a pronoun (:data:`rag.language.BACK_REFERRING_OPENERS`),
    so that what it is about is named before it, not in the sentence after."""
    first = sentence.text.split(" ", 1)[0]
    return first[:1].isupper() and first.lower() in lang.BACK_REFERRING_OPENERS


def _about_any(text: str, names: list[set[str]]) -> bool:
    """Whether ``text`` mentions one of the (tokenized) names, or there are none."""
    terms = set(tokenize(text))
    return not names or any(all(mentions(terms, term) for term in name) for name in names)
