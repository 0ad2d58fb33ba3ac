"""Follow-up questions for an answer, drawn from what surrounds its cited passages.

Nothing is generated freely: a candidate is a fixed question form about a person the
neighbouring sentences name ("Who is Dmitry Peskov?", "What did Dmitry Peskov say?"), and
it is offered only if :meth:`rag.api.Pipeline.ask` answers it from the articles with at
least one passage the current answer does not already cite.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from rag.api import Pipeline
from rag.schema import Answer

# How far around a cited passage its neighbouring sentences are read (characters).
NEIGHBOURHOOD_CHARS = 400
# Candidates asked at most per answer: each costs one answer (tens of milliseconds).
MAX_TRIED = 6
_NAME = r"[A-Z][\w’'-]+(?: [A-Z][\w’'-]+){1,2}"
_SPEECH = r"(?:said|says|told|stated|added|noted|announced|wrote)"
# "Peskov said", "Dmitry Peskov told reporters", "said Dmitry Peskov".
_SPEAKERS = (
    re.compile(rf"\b({_NAME}),? {_SPEECH}\b"),
    re.compile(rf"\b{_SPEECH},? ({_NAME})\b"),
)


def follow_ups(
    pipeline: Pipeline, answer: Answer, asked: Iterable[str] = (), limit: int = 3
) -> list[str]:
    """Up to ``limit`` questions the articles answer with something ``answer`` does not cite.

    ``asked`` are the questions of the conversation so far, never suggested again.

    Example::

        answer = pipeline.ask("Does Russia have preconditions for talks?")
        follow_ups(pipeline, answer)   # ["Who is Dmitry Peskov?", ...]
    """
    seen = {_key(q) for q in (*asked, answer.question)}
    cited = {(c.source.doc_id, c.start) for c in answer.citations}
    found: list[str] = []
    tried = 0
    for question in candidates(pipeline, answer):
        if tried == MAX_TRIED or len(found) == limit:
            break
        if _key(question) in seen:
            continue
        seen.add(_key(question))
        tried += 1
        reply = pipeline.ask(question)
        if not reply.abstained and any(
            (c.source.doc_id, c.start) not in cited for c in reply.citations
        ):
            found.append(question)
    return found


def candidates(pipeline: Pipeline, answer: Answer) -> Iterator[str]:
    """Questions about the people named around the cited passages, nearest passage first."""
    store = pipeline.store
    asked = answer.question.lower()
    for citation in answer.citations:
        text = store.text(citation.source.doc_id)
        around = text[
            max(0, citation.start - NEIGHBOURHOOD_CHARS) : citation.end + NEIGHBOURHOOD_CHARS
        ]
        for person in sorted(store.people_by_role, key=lambda p: p.name):
            if person.name in around and person.name.lower() not in asked:
                yield f"Who is {person.name}?"
        for pattern in _SPEAKERS:
            for match in pattern.finditer(around):
                name = match.group(1)
                if name.lower() not in asked:
                    yield f"What did {name} say?"


def _key(question: str) -> str:
    return " ".join(question.lower().split())
