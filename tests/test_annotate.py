"""Annotations read once at ingest: typed values, predicates with negation, people by role."""

from __future__ import annotations

from rag.annotate import annotate, people, predicate, values_of


def test_values_are_read_with_offsets_into_the_sentence() -> None:
    sentence = "Brightvale agreed to buy Tansy Market for $3.2 billion on Monday."
    (annotation,) = annotate([sentence], published="2025-03-12")
    by_kind = {v.kind: v for v in values_of(annotation)}
    assert sentence[by_kind["number"].start : by_kind["number"].end] == "$3.2 billion"
    assert by_kind["number"].unit == "USD"
    assert by_kind["date"].norm == "2025-03-10"  # the Monday before the article's date


def test_durations_are_figures_not_dates() -> None:
    (annotation,) = annotate(["The outage lasted nearly seven hours across Europe."])
    (figure,) = [v for v in values_of(annotation) if v.kind == "number"]
    assert figure.unit == "s" and figure.high == 7 * 3600


def test_predicates_carry_their_negation_and_irregular_base() -> None:
    (science, sport) = annotate(
        ["The vaccine did not reduce infections in older adults.", "Kestrel won the cup."]
    )
    assert ["reduc", True] in science["predicates"]
    assert ["win", False] in sport["predicates"]
    assert predicate("went", "VERB") == "go"


def test_people_by_role_are_collected_from_annotations() -> None:
    annotations = annotate(
        ["French President Emmanuel Macron arrived.", "The weather was mild all week."]
    )
    assert {p.name for p in people(annotations)} == {"Emmanuel Macron"}


def test_a_sentence_without_names_or_figures_has_no_values() -> None:
    assert annotate(["it was raining all week."]) == [
        {"values": [], "predicates": [["rain", False]], "people": []}
    ]
