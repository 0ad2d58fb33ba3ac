"""Compose an extractive answer: pick sentences, merge corroborations, number citations.

Pure: takes the question, the retrieved passages and the article texts, returns an
:class:`~rag.types.Answer`. Nothing here writes a word of its own into the answer: every
answer sentence is ``original_text[start:end]`` of the passage it came from, and every
citation is built from that passage's provenance, never by searching text again.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from rag import conflicts
from rag.config import Settings
from rag.lexical import tokenize
from rag.questions import QuestionInfo, answer_values, has_answer_type
from rag.schema import (
    AbstentionReason,
    Answer,
    AnswerSentence,
    Citation,
    Claim,
    ConflictNote,
    Context,
    NearestPassage,
)
from rag.types import Passage

# Weights of (similarity, context, coverage, neighbourhood, typed, novelty) and the bias,
# printed by `python -m evals.fit_relevance` (SQuAD v1.1 train: 2,500 questions, 40 articles).
RELEVANCE_WEIGHTS = (4.429, 1.364, 3.179, 1.287, 1.532, -1.243, -7.487)
# Relevance comparisons between sentences are margins in log-odds, where the model is linear.
# A further sentence joins the answer only if it is nearly as relevant as the best one...
KEEP_MARGIN = 1.5
# ...and the answer is not already this long (characters); the best sentence always goes in.
CHAR_BUDGET = 400
# Two sentences from different sources corroborate each other when they are this similar,
# or when they are somewhat similar and share most of what they add to the question.
SHARED_CONTENT = 0.45
MIN_SIMILARITY_FOR_SHARED = 0.35
MIN_SIMILARITY_FOR_SAME_ANSWER = 0.5
CONTEXT_CHARS = 700
# Conflicts are looked for among passages nearly as relevant as the best one (a wider
# margin): a disagreeing source may phrase the point less like the question than the answer.
CONFLICT_MARGIN = 2.5

ANSWER_TYPE_WORDS = {
    "number": "a number",
    "time": "a date or time",
    "person": "a name",
    "place": "a place",
}


@dataclass(frozen=True)
class _Group:
    """One answer sentence: its passage and the passages from other sources that corroborate it."""

    main: Passage
    corroborations: tuple[Passage, ...]


def features(passage: Passage) -> np.ndarray:
    """The evidence a sentence answers its question, as the relevance model reads it."""
    return np.array(
        [
            passage.similarity,
            passage.chunk_similarity,
            passage.coverage,
            passage.neighbourhood,
            float(passage.typed),
            passage.novelty,
        ]
    )


def log_odds(passage: Passage) -> float:
    """The relevance model's score before the logistic: comparable by differences."""
    *weights, bias = RELEVANCE_WEIGHTS
    return float(features(passage) @ np.array(weights) + bias)


def relevance(passage: Passage) -> float:
    """Estimated probability that a sentence answers its question (0 to 1), from a logistic
    regression over :func:`features` fitted on SQuAD train questions (evals/fit_relevance.py)."""
    return float(1.0 / (1.0 + np.exp(-log_odds(passage))))


def compose(
    question: QuestionInfo,
    passages: Sequence[Passage],
    text_of: Callable[[str], str],
    settings: Settings,
    unknown_names: Sequence[str] = (),
    anchors: Sequence[str] = (),
) -> Answer:
    """An answer of verbatim sentences with citations, or an abstention with the nearest
    passages. ``unknown_names`` are names in the question that no article mentions;
    ``anchors`` are its rarely mentioned names, one of which an answer must be about
    (``Passage.anchored`` says whether a passage is)."""
    ranked = sorted(passages, key=lambda p: (-relevance(p), p.doc.doc_id, p.sentence.start))
    abstention = _abstain_reason(question, ranked, settings, unknown_names, anchors)
    if abstention is not None:
        reason, message = abstention
        return Answer(
            question=question.text,
            abstained=True,
            sentences=(),
            citations=(),
            nearest=tuple(_nearest(ranked[: settings.nearest_k])),
            reason=reason,
            message=message,
        )
    best = log_odds(ranked[0])
    findings = conflicts.detect(
        question, [p for p in ranked if log_odds(p) >= best - CONFLICT_MARGIN], ranked
    )
    groups = _select(question, ranked, settings, _opposed(findings))
    groups = _with_each_side(groups, findings, settings)
    groups = _with_antecedents(groups, ranked, settings)
    return _number(question.text, groups, findings, text_of)


def _abstain_reason(
    question: QuestionInfo,
    ranked: Sequence[Passage],
    settings: Settings,
    unknown_names: Sequence[str],
    anchors: Sequence[str],
) -> tuple[AbstentionReason, str] | None:
    """Why the articles do not answer, as a code and in words; None when they do."""
    if not ranked:
        return "no_passages", "The articles do not answer this question."
    if unknown_names:
        return "not_mentioned", f"The articles never mention {', '.join(unknown_names)}."
    best = relevance(ranked[0])
    if best < settings.min_answer_score:
        return (
            "low_confidence",
            f"No sentence in the articles answers this closely enough "
            f"(best match {best:.2f}, an answer needs {settings.min_answer_score:.2f}).",
        )
    answerable = _answerable(ranked, settings)
    if not answerable:
        named = " or ".join(anchors)
        return (
            "not_about_asked_name",
            f"The sentences that mention {named} do not answer this, and the ones that come "
            f"closest are not about {named}.",
        )
    if question.answer_type and not any(
        has_answer_type(p.sentence.text, question) for p in answerable
    ):
        return (
            "no_answer_type",
            f"The closest passages do not state {ANSWER_TYPE_WORDS[question.answer_type]}, "
            "which is what the question asks for.",
        )
    return None


def _answerable(ranked: Sequence[Passage], settings: Settings) -> list[Passage]:
    """Passages relevant enough to answer, about what the question names."""
    return [p for p in ranked if relevance(p) >= settings.min_answer_score and p.anchored]


def _opposed(findings: Sequence[conflicts.Finding]) -> set[frozenset[str]]:
    """Pairs of sentence ids on different sides of a disagreement: never merged."""
    return {
        frozenset((a.sentence.id, b.sentence.id))
        for f in findings
        for i, side in enumerate(f.sides)
        for other in f.sides[i + 1 :]
        for a in side.passages
        for b in other.passages
    }


def _select(
    question: QuestionInfo,
    ranked: Sequence[Passage],
    settings: Settings,
    opposed: set[frozenset[str]],
) -> list[_Group]:
    """The best sentence, then those nearly as good, each with its corroborations."""
    candidates = [
        p for p in _answerable(ranked, settings) if has_answer_type(p.sentence.text, question)
    ]
    best = log_odds(candidates[0])
    groups: list[_Group] = []
    used: set[str] = set()
    length = 0
    for passage in candidates:
        if passage.sentence.id in used:
            continue
        if groups and (
            len(groups) >= settings.max_sentences
            or log_odds(passage) < best - KEEP_MARGIN
            or length + len(passage.sentence.text) > CHAR_BUDGET
        ):
            continue
        # One corroboration per source is enough: the most relevant one.
        corroborations = conflicts.first_per_source(
            other
            for other in candidates
            if other.doc.doc_id != passage.doc.doc_id
            and other.sentence.id not in used
            and frozenset((passage.sentence.id, other.sentence.id)) not in opposed
            and corroborates(passage, other, question, settings)
        )
        groups.append(_Group(passage, corroborations))
        used.update([passage.sentence.id, *(c.sentence.id for c in corroborations)])
        length += len(passage.sentence.text)
    return groups


def _with_each_side(
    groups: list[_Group], findings: Sequence[conflicts.Finding], settings: Settings
) -> list[_Group]:
    """When the sources disagree on what was asked, the answer itself shows each side: the
    first claim of a side the answer lacks is added (within ``max_sentences``)."""
    shown = {p.sentence.id for g in groups for p in (g.main, *g.corroborations)}
    for finding in findings:
        for side in finding.sides:
            if len(groups) >= settings.max_sentences:
                return groups
            if not shown & {p.sentence.id for p in side.passages}:
                groups.append(_Group(side.passages[0], ()))
                shown.add(side.passages[0].sentence.id)
    return groups


# "This is their red line." says nothing without the sentence before it.
_POINTS_BACK = re.compile(
    r"^(?:This|That|These|Those|It|Such)\s+(?:is|was|are|were|has|had|will|would|marks?|"
    r"marked|means?|meant|remains?|remained)\b"
)


def _with_antecedents(
    groups: list[_Group], ranked: Sequence[Passage], settings: Settings
) -> list[_Group]:
    """A sentence that points back ("This is...") is preceded by the sentence it points to,
    when that sentence was retrieved too (within ``max_sentences``)."""
    by_position = {(p.doc.doc_id, p.sentence.position): p for p in ranked}
    shown = {p.sentence.id for g in groups for p in (g.main, *g.corroborations)}
    for group in list(groups):
        main = group.main
        before = by_position.get((main.doc.doc_id, main.sentence.position - 1))
        if (
            before is not None
            and before.sentence.id not in shown
            and _POINTS_BACK.match(main.sentence.text)
            and len(groups) < settings.max_sentences
        ):
            groups.append(_Group(before, ()))
            shown.add(before.sentence.id)
    return groups


def corroborates(a: Passage, b: Passage, question: QuestionInfo, settings: Settings) -> bool:
    """Whether ``b`` says what ``a`` says: nearly the same sentence, or similar sentences
    stating the same answer (the same figure, date or name for a question asking for one),
    or sharing most of the content they add beyond the question's own words."""
    similarity = float(np.dot(a.embedding, b.embedding))
    if similarity >= settings.corroborate_similarity:
        return True
    # A shared answer value is support only from a sentence that is itself nearly as good an
    # answer: "since 2022" does not back "troops should have gone in earlier than 2022".
    same_answer = (
        similarity >= MIN_SIMILARITY_FOR_SAME_ANSWER
        and log_odds(b) >= log_odds(a) - KEEP_MARGIN
        and bool(
            answer_values(a.sentence.text, question) & answer_values(b.sentence.text, question)
        )
    )
    return same_answer or (
        similarity >= MIN_SIMILARITY_FOR_SHARED
        and shared_content(a.sentence.text, b.sentence.text, question) >= SHARED_CONTENT
    )


def shared_content(a: str, b: str, question: QuestionInfo) -> float:
    """Overlap (Dice) of the terms two sentences use beyond the question's terms."""
    asked = set(question.terms)
    terms_a = set(tokenize(a)) - asked
    terms_b = set(tokenize(b)) - asked
    if not terms_a or not terms_b:
        return 0.0
    return 2 * len(terms_a & terms_b) / (len(terms_a) + len(terms_b))


def _number(
    question: str,
    groups: Sequence[_Group],
    findings: Sequence[conflicts.Finding],
    text_of: Callable[[str], str],
) -> Answer:
    """Order the groups readably, number their citations in reading order, then cite the
    claims of each conflict note that the answer text does not already cite."""
    citations: list[Citation] = []
    number: dict[str, int] = {}

    def cite_once(passage: Passage) -> int:
        if passage.sentence.id not in number:
            citations.append(cite(len(citations) + 1, passage, text_of))
            number[passage.sentence.id] = len(citations)
        return number[passage.sentence.id]

    sentences = [
        AnswerSentence(
            g.main.sentence.text, tuple(cite_once(p) for p in (g.main, *g.corroborations))
        )
        for g in _reading_order(groups)
    ]
    notes = []
    for finding in findings:
        claims = tuple(Claim(citation=cite_once(p), says=label) for label, p in finding.labelled())
        notes.append(
            ConflictNote(
                kind=finding.kind,
                topic=finding.topic,
                slot=finding.slot,
                claims=claims,
                note=conflicts.note_text(finding, number),
            )
        )
    return Answer(
        question=question,
        abstained=False,
        sentences=tuple(sentences),
        citations=tuple(citations),
        conflicts=tuple(notes),
    )


def _reading_order(groups: Sequence[_Group]) -> list[_Group]:
    """Sources in order of their best sentence; within a source, the article's own order."""
    rank: dict[str, int] = {}
    for i, g in enumerate(groups):
        rank.setdefault(g.main.doc.doc_id, i)
    return sorted(groups, key=lambda g: (rank[g.main.doc.doc_id], g.main.sentence.position))


def cite(n: int, passage: Passage, text_of: Callable[[str], str]) -> Citation:
    """Citation ``n`` for a passage, with the paragraph around it for display."""
    s, doc = passage.sentence, passage.doc
    context_start, context = paragraph_around(text_of(s.doc_id), s.start, s.end)
    return Citation(
        n=n,
        source=doc.source,
        start=s.start,
        end=s.end,
        quote=s.text,
        context=Context(context_start, context),
    )


def paragraph_around(text: str, start: int, end: int) -> tuple[int, str]:
    """The line (paragraph) holding ``text[start:end]``, clipped to a window around it."""
    left = text.rfind("\n", 0, start) + 1
    right = text.find("\n", end)
    right = len(text) if right == -1 else right
    left = max(left, start - CONTEXT_CHARS // 2)
    right = min(right, end + CONTEXT_CHARS // 2)
    return left, text[left:right]


def _nearest(passages: Sequence[Passage]) -> list[NearestPassage]:
    return [
        NearestPassage(
            source=p.doc.source,
            start=p.sentence.start,
            end=p.sentence.end,
            quote=p.sentence.text,
            similarity=round(p.similarity, 4),
        )
        for p in passages
    ]
