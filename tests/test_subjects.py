"""Telling apart different things that share the question's name (rag/subjects.py)."""

from __future__ import annotations

import pytest

from rag.questions import analyse
from rag.subjects import named_apart


@pytest.mark.parametrize(
    ("question", "one", "other", "apart"),
    [
        (  # film: a qualifier in brackets after the shared name
            'What is the genre of "Bright Lights"?',
            "Bright Lights (1928 film) Bright Lights is a cartoon short.",
            "Bright Lights (1930 film) Bright Lights is a musical comedy film.",
            True,
        ),
        (  # sport: fuller names that extend the asked one
            "When was Arteaga born?",
            "Mario Arteaga was born on 29 November 1970 in Guadalajara.",
            "Gerardo Arteaga was born on 7 September 1998 in Zapopan.",
            True,
        ),
        (  # publishing: kinds of thing that cannot be one (a novel and a film)
            'Who wrote "Monkey Grip"?',
            "Monkey Grip is a novel by Helen Garner.",
            "Monkey Grip is a film directed by Ken Cameron.",
            True,
        ),
        (  # the same qualifier, or a name only one sentence qualifies, tells nothing apart
            "Where is Van Horn High School?",
            "Van Horn High School (Texas) is in Van Horn.",
            "Van Horn High School (Texas) serves the town of Van Horn.",
            False,
        ),
        (
            "When was Arteaga born?",
            "Mario Arteaga was born in 1970.",
            "Arteaga was born in Guadalajara.",
            False,
        ),
    ],
)
def test_sentences_naming_the_subject_otherwise_are_apart(
    make_passages, question: str, one: str, other: str, apart: bool
) -> None:
    a, b = make_passages([("one", one), ("other", other)])
    info = analyse(question)
    assert named_apart(info, (a,), (b,)) is apart
    assert named_apart(info, (b,), (a,)) is apart
