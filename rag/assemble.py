"""Assemble the public :class:`~rag.schema.Answer` from a composition and its conflicts.

When sources disagree on what was asked, the answer itself shows each side: a side the
answer lacks is added (within ``max_sentences``). Sentences are ordered by source (in order
of each source's best sentence) and, within a source, as the article has them; citations
are numbered in reading order, and each conflict claim cites its sentence by number.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rag.compose import Composition, Group
from rag.config import Settings
from rag.conflicts import Finding, note_text
from rag.schema import (
    Answer,
    AnswerSentence,
    Citation,
    Claim,
    ConflictNote,
    Context,
    NearestPassage,
)
from rag.types import Passage


def assemble(
    composition: Composition,
    findings: Sequence[Finding],
    text_of: Callable[[str], str],
    settings: Settings,
) -> Answer:
    """The answer to show: ``text_of(doc_id)`` gives an article's stored text, from which
    each citation takes the paragraph around its quote."""
    question = composition.question.text
    if composition.abstention is not None:
        return Answer(
            question=question,
            abstained=True,
            sentences=(),
            citations=(),
            nearest=tuple(_nearest(composition.ranked[: settings.nearest_k])),
            reason=composition.abstention.reason,
            message=composition.abstention.message,
        )
    groups = _with_each_side(list(composition.groups), findings, settings)
    citations: list[Citation] = []
    number: dict[str, int] = {}

    def cite_once(passage: Passage) -> int:
        if passage.sentence.id not in number:
            citations.append(cite(len(citations) + 1, passage, text_of, settings))
            number[passage.sentence.id] = len(citations)
        return number[passage.sentence.id]

    sentences = [
        AnswerSentence(g.main.sentence.text, tuple(cite_once(p) for p in g.passages()))
        for g in _reading_order(groups)
    ]
    notes = [
        ConflictNote(
            kind=finding.kind,
            topic=finding.topic,
            slot=finding.slot,
            claims=tuple(
                Claim(citation=cite_once(p), says=reading.label, value=reading.norm)
                for reading, p in finding.labelled()
            ),
            note=note_text(finding, number),
        )
        for finding in findings
    ]
    return Answer(
        question=question,
        abstained=False,
        sentences=tuple(sentences),
        citations=tuple(citations),
        conflicts=tuple(notes),
    )


def _with_each_side(
    groups: list[Group], findings: Sequence[Finding], settings: Settings
) -> list[Group]:
    """The first passage of each side the answer does not show yet, added as a sentence of
    its own (within ``max_sentences``)."""
    shown = {p.sentence.id for g in groups for p in g.passages()}
    for finding in findings:
        for side in finding.sides:
            if len(groups) >= settings.max_sentences:
                return groups
            if not shown & {p.sentence.id for p in side.passages}:
                groups.append(Group(side.passages[0]))
                shown.add(side.passages[0].sentence.id)
    return groups


def _reading_order(groups: Sequence[Group]) -> list[Group]:
    """Sources in order of their best sentence; within a source, the article's own order."""
    rank: dict[str, int] = {}
    for i, g in enumerate(groups):
        rank.setdefault(g.main.doc.doc_id, i)
    return sorted(groups, key=lambda g: (rank[g.main.doc.doc_id], g.main.sentence.position))


def cite(n: int, passage: Passage, text_of: Callable[[str], str], settings: Settings) -> Citation:
    """Citation ``n`` for a passage, with the paragraph around it for display."""
    s = passage.sentence
    start, context = paragraph_around(text_of(s.doc_id), s.start, s.end, settings.context_chars)
    return Citation(
        n=n,
        source=passage.doc.source,
        start=s.start,
        end=s.end,
        quote=s.text,
        context=Context(start, context),
    )


def paragraph_around(text: str, start: int, end: int, window: int) -> tuple[int, str]:
    """The line (paragraph) holding ``text[start:end]``, clipped to ``window`` characters
    around it."""
    left = text.rfind("\n", 0, start) + 1
    right = text.find("\n", end)
    right = len(text) if right == -1 else right
    left = max(left, start - window // 2)
    right = min(right, end + window // 2)
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
