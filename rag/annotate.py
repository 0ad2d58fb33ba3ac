"""Per-sentence annotations: what is read from a sentence once, at ingest, and stored with
the store's generation, so that answering a question never reads the articles again.

:func:`annotate` maps sentence texts to JSON-friendly dictionaries; the store writes them
beside the sentences and hands them back with :meth:`rag.store.Store.annotation`. Bump
:data:`ANNOTATOR_VERSION` whenever what it reads changes: a store annotated by another
version is re-indexed by the next ``rag ingest`` (the version is part of the index
fingerprint).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from rag.aliases import Titled, people_by_role

ANNOTATOR_VERSION = 1

Annotation = dict[str, Any]


def annotate(texts: Sequence[str]) -> list[Annotation]:
    """One annotation per sentence text, in order.

    - ``people``: the people the sentence names with an origin and a role ("Russian
      President Vladimir Putin"), as ``[origin, role, name, surname]`` (see
      :func:`rag.aliases.people_by_role`).

    >>> annotate(["Russian President Vladimir Putin spoke.", "It rained."])[0]["people"]
    [['russian', 'president', 'Vladimir Putin', 'putin']]
    """
    return [
        {"people": sorted([t.origin, t.role, t.name, t.surname] for t in people_by_role([text]))}
        for text in texts
    ]


def people(annotations: Iterable[Mapping[str, Any]]) -> frozenset[Titled]:
    """Everyone the annotated sentences name by role, for :func:`rag.aliases.resolve`."""
    return frozenset(Titled(*person) for a in annotations for person in a.get("people", ()))
