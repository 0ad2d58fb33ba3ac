"""Assembling the public answer: sides of a disagreement shown in the answer, reading order,
citations numbered once, the paragraph around a quote."""

from __future__ import annotations

from rag.assemble import assemble, paragraph_around
from rag.compose import compose
from rag.config import Settings
from rag.conflicts import detect
from rag.questions import analyse

SETTINGS = Settings.from_env({})


def test_each_side_is_an_answer_sentence_and_a_numbered_claim(make_passages) -> None:  # type: ignore[no-untyped-def]
    passages = make_passages(
        [
            ("gazette", "The lighthouse was built in 1856 by the harbour board."),
            ("courier", "Built in 1900, the lighthouse is the oldest on the coast."),
        ]
    )
    composition = compose(analyse("When was the lighthouse built?"), passages, SETTINGS)
    texts = {p.doc.doc_id: p.sentence.text for p in passages}
    answer = assemble(composition, detect(composition, SETTINGS), texts.__getitem__, SETTINGS)
    assert [c.n for c in answer.citations] == [1, 2]
    (note,) = answer.conflicts
    assert {answer.citation(c.citation).source.doc_id for c in note.claims} == set(texts)
    assert {c.value for c in note.claims} == {"1856", "1900"}
    assert {s.text for s in answer.sentences} == set(texts.values())


def test_an_abstention_keeps_its_reason_and_the_nearest_passages(make_passages) -> None:  # type: ignore[no-untyped-def]
    passages = make_passages([("a", "The ferry sails at dawn.")])
    composition = compose(analyse("Who won?"), passages, SETTINGS, unknown_names=["Zorbia"])
    answer = assemble(composition, [], lambda _: "", SETTINGS)
    assert answer.abstained and answer.reason == "not_mentioned" and not answer.citations
    assert answer.nearest[0].quote == "The ferry sails at dawn."


def test_the_paragraph_around_a_quote_is_its_line_clipped_to_a_window() -> None:
    text = "Title\n\nFirst sentence. The quoted one. Last one.\nNext paragraph."
    start = text.index("The quoted")
    left, context = paragraph_around(text, start, start + 15, window=700)
    assert context == "First sentence. The quoted one. Last one."
    assert text[left : left + len(context)] == context
