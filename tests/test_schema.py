"""The public answer schema: real answers validate against rag/answer.schema.json and
round-trip through ``to_dict``/``from_dict``."""

from __future__ import annotations

import json

import jsonschema
import pytest

from rag.api import Pipeline
from rag.config import PROJECT_ROOT
from rag.schema import SCHEMA_VERSION, Answer, SchemaError

SCHEMA = json.loads((PROJECT_ROOT / "rag" / "answer.schema.json").read_text(encoding="utf-8"))
QUESTIONS = (
    "What did Putin give Trump in 2018?",  # one source
    "Who violated the Easter ceasefire?",  # a conflict note
    "Who won the 2024 Champions League final?",  # abstains
)


@pytest.fixture(scope="module")
def answers(pipeline: Pipeline) -> list[Answer]:
    return [pipeline.ask(q) for q in QUESTIONS]


def test_the_schema_file_is_a_valid_json_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    assert SCHEMA["properties"]["schema_version"]["const"] == SCHEMA_VERSION


def test_real_answers_validate_against_the_schema(answers: list[Answer]) -> None:
    assert any(a.abstained for a in answers) and any(a.conflicts for a in answers)
    for answer in answers:
        # Through JSON text, as a program reading `rag ask --json` sees it.
        jsonschema.validate(json.loads(json.dumps(answer.to_dict())), SCHEMA)


def test_answers_round_trip_through_from_dict(answers: list[Answer]) -> None:
    for answer in answers:
        again = Answer.from_dict(json.loads(json.dumps(answer.to_dict())))
        assert again == answer
        assert again.answer == answer.answer


def test_an_abstention_says_why_as_a_code_and_in_words(answers: list[Answer]) -> None:
    abstained = next(a for a in answers if a.abstained)
    assert abstained.reason is not None and abstained.message
    assert all(a.reason is None for a in answers if not a.abstained)


def test_another_schema_version_is_refused_with_a_message(answers: list[Answer]) -> None:
    data = answers[0].to_dict() | {"schema_version": 1}
    with pytest.raises(SchemaError, match="schema version 1"):
        Answer.from_dict(data)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"abstained": "no"}, "'abstained' has the wrong type"),
        ({"reason": "tired"}, "abstention reason 'tired'"),
        ({"citations": [{"n": True}]}, "'n' has the wrong type"),
    ],
)
def test_a_malformed_answer_says_what_is_wrong(
    answers: list[Answer], change: dict[str, object], message: str
) -> None:
    with pytest.raises(SchemaError, match=message):
        Answer.from_dict(answers[0].to_dict() | change)
