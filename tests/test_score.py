"""The relevance model: weights loaded from a file that records what they were fitted on."""

from __future__ import annotations

import dataclasses
import json

from rag.score import MODEL_FILE, RelevanceModel, log_odds, rank, relevance
from rag.types import Passage


def test_the_weights_file_records_its_data_and_names_passage_evidence() -> None:
    data = json.loads(MODEL_FILE.read_text(encoding="utf-8"))
    assert data["record"]["data"] and data["record"]["command"]
    fields = {f.name for f in dataclasses.fields(Passage)}
    assert set(data["features"]) <= fields
    assert len(data["weights"]) == len(data["features"])
    assert RelevanceModel.load().features == tuple(data["features"])


def test_more_evidence_is_more_relevant_and_ranks_first(make_passages) -> None:  # type: ignore[no-untyped-def]
    strong, weak = make_passages(
        [("a", "The bridge opened in 1931."), ("b", "The bridge is painted green.")]
    )
    weak = dataclasses.replace(weak, similarity=0.1, coverage=0.1, neighbourhood=0.1)
    assert 0 < relevance(weak) < relevance(strong) < 1
    assert log_odds(strong) > log_odds(weak)
    assert rank("When did the bridge open?", [weak, strong]) == [strong, weak]


def test_the_reader_reads_the_best_candidates_and_the_rest_are_no_answer(make_passages) -> None:  # type: ignore[no-untyped-def]
    from rag.reader import Reader

    passages = make_passages(
        [
            ("a", "The bridge opened in 1931 after four years of work."),
            ("b", "The bridge is painted green every decade."),
            ("c", "Tolls were abolished in 1975."),
        ]
    )
    ranked = rank("When did the bridge open?", passages, Reader(), candidates=2)
    assert ranked[0].sentence.text.startswith("The bridge opened")
    assert [p.reader_logit is not None for p in ranked] == [True, True, True]
    assert relevance(ranked[-1]) < 1e-6 < relevance(ranked[0])


def test_a_text_several_sources_repeat_is_read_once_and_leaves_room_for_others(
    make_passages,
) -> None:  # type: ignore[no-untyped-def]
    from rag.reader import Reader

    copy = "The bridge opened in 1931 after four years of work."
    passages = make_passages(
        [("a", copy), ("b", copy), ("c", "Tolls were abolished in 1975."), ("d", "It is green.")]
    )
    ranked = rank("When did the bridge open?", passages, Reader(), candidates=2)
    logits = {(p.doc.doc_id, p.sentence.text): p.reader_logit for p in ranked}
    # Both copies read, with one logit; the next distinct text read too; the last one not.
    assert logits[("a", copy)] == logits[("b", copy)] > -50.0
    read = [p for p in ranked if p.reader_logit is not None and p.reader_logit > -50.0]
    assert len(read) == 3


def test_the_reader_reads_a_title_only_where_the_article_has_one(make_passages) -> None:  # type: ignore[no-untyped-def]
    from rag.score import title_context

    (passage,) = make_passages([("a", "The bridge opened in 1931.")])
    headline = dataclasses.replace(passage.doc, title="Harbor Bridge reopens")
    assert title_context(dataclasses.replace(passage, doc=headline)) == "Harbor Bridge reopens"
    # ingest's fallback for an article without a title: its first sentence, not read twice
    first = dataclasses.replace(passage.doc, title=passage.sentence.text)
    assert title_context(dataclasses.replace(passage, doc=first)) == ""
    # a file named by its title keeps it ("Construction.txt", "Construction")
    named = dataclasses.replace(passage.doc, doc_id="bridge", title="bridge")
    assert title_context(dataclasses.replace(passage, doc=named)) == "bridge"
