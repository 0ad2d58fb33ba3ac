"""``rag.explain``: how an answer was reached, told from the pipeline's own trace."""

from __future__ import annotations

import re

from rag.api import Pipeline
from rag.config import Settings
from rag.explain import explain
from rag.score import relevance


def _candidate_lines(text: str) -> list[re.Match[str]]:
    return list(re.finditer(r"^\s+\d+\. (\d\.\d\d) ([R-][P-][S-]) \[([^\]]+)\] “", text, re.M))


def test_an_answer_is_explained_by_its_candidates_best_first(
    pipeline: Pipeline, settings: Settings
) -> None:
    trace = pipeline.trace("How many people were killed in the attack on Kyiv?")
    text = explain(trace, settings)
    assert text.startswith("How this answer was reached")
    assert "asks for a number" in text
    lines = _candidate_lines(text)
    shown = [m for m in lines if m.group(2).endswith("S")]
    scores = [float(m.group(1)) for m in lines]
    assert len(lines) == 10 and scores == sorted(scores, reverse=True)
    assert scores[0] == round(relevance(trace.composition.ranked[0]), 2)
    # what is marked shown is what the answer cites
    cited = {c.source.doc_id for c in trace.answer.citations}
    assert shown and {m.group(3) for m in shown} <= cited
    assert "No disagreement found" in text


def test_an_abstention_says_why_with_the_threshold_it_missed(
    pipeline: Pipeline, settings: Settings
) -> None:
    trace = pipeline.trace("What is the boiling point of water?")
    text = explain(trace, settings)
    best = relevance(trace.composition.ranked[0])
    assert "Abstained (low_confidence)" in text
    assert f"relevance is {best:.2f}; an answer needs {settings.min_answer_score:.2f}" in text
    assert not any(m.group(2).endswith("S") for m in _candidate_lines(text))


def test_a_disagreement_is_explained_by_its_sides_and_their_sources(
    pipeline: Pipeline, settings: Settings
) -> None:
    trace = pipeline.trace("When did Putin say he was ready for direct talks with Ukraine?")
    text = explain(trace, settings)
    finding = next(f for f in trace.findings if f.kind == "occasion")
    line = next(line for line in text.splitlines() if line.strip().startswith("date, occasion"))
    for side in finding.sides:
        assert f"“{side.reading.label}”" in line
        assert all(p.doc.doc_id in line for p in side.passages)


def test_each_pool_sentence_says_what_the_compared_slots_read_in_it(
    pipeline: Pipeline, settings: Settings
) -> None:
    trace = pipeline.trace("How many people were killed in the attack on Kyiv?")
    lines = explain(trace, settings).splitlines()
    candidates = [(i, m) for i, line in enumerate(lines) if (m := _candidate_lines(line + "\n"))]
    assert any(m[0].group(2)[1] == "P" for _, m in candidates)
    for i, m in candidates:
        after = lines[i + 1].strip()
        if m[0].group(2)[1] == "P":
            assert after.startswith(("reads: number “", "no slot a note compares reads"))
        else:
            assert not after.startswith(("reads:", "no slot"))
    figures = [line for line in lines if line.strip().startswith("reads: number “")]
    assert figures, "a pool sentence that states a toll is read by the number slot"
    ranked = {p.sentence.text for p in trace.composition.ranked}
    for line in figures:
        label = line.split("“", 1)[1].split("”", 1)[0]
        assert any(label in text for text in ranked)
