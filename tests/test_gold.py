"""The gold file itself: valid lines, unique ids, every answer span verbatim in its sources."""

from __future__ import annotations

import json
from collections import Counter

import pytest

from evals.gold import CONFLICT_KINDS, load_gold
from tests.conftest import GOLD, PROJECT_ROOT

CATEGORIES = {
    "factoid",
    "multi",
    "paraphrase",
    "conflict",
    "agreement",
    "unanswerable",
    "near_miss",
}
KEYS = ["id", "question", "answers", "sources", "conflict", "answerable", "category"]


@pytest.fixture(scope="module")
def rows() -> list[dict]:
    return [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines()]


def test_every_line_loads_and_ids_are_unique(rows: list[dict]) -> None:
    questions = load_gold(GOLD)  # raises on a bad line or a repeated id
    assert len(questions) == len(rows) >= 100
    assert len({r["id"] for r in rows}) == len(rows)


def test_keys_are_exactly_the_documented_ones_in_order(rows: list[dict]) -> None:
    for r in rows:
        expected = KEYS + (["conflict_kind"] if "conflict_kind" in r else [])
        assert list(r) == expected, r["id"]


def test_fields_are_valid(rows: list[dict], article_texts: dict[str, str]) -> None:
    for r in rows:
        assert r["category"] in CATEGORIES, r["id"]
        assert r["question"].strip() and r["question"] == " ".join(r["question"].split())
        assert set(r["sources"]) <= set(article_texts), r["id"]
        assert len(set(r["sources"])) == len(r["sources"]), r["id"]
        if r["answerable"]:
            assert r["answers"] and r["sources"], r["id"]
            assert all(a.strip() == a and a for a in r["answers"]), r["id"]
            assert isinstance(r["conflict"], bool), r["id"]
            assert r["category"] not in ("unanswerable", "near_miss"), r["id"]
        else:
            assert r["answers"] == [] and r["sources"] == [], r["id"]
            assert r["conflict"] is None, r["id"]
            assert r["category"] in ("unanswerable", "near_miss"), r["id"]
        if r["conflict"] is True:
            assert r.get("conflict_kind") in CONFLICT_KINDS, r["id"]
            assert len(r["sources"]) >= 2, r["id"]  # a disagreement needs two sides
        else:
            assert "conflict_kind" not in r, r["id"]
        assert (r["category"] == "conflict") == (r["conflict"] is True), r["id"]
        if r["category"] in ("multi", "agreement"):
            assert len(r["sources"]) >= 2 and r["conflict"] is False, r["id"]


def test_every_answer_span_is_verbatim_in_one_of_its_sources(
    rows: list[dict], article_texts: dict[str, str]
) -> None:
    missing = [
        (r["id"], a)
        for r in rows
        for a in r["answers"]
        if not any(a in article_texts[s] for s in r["sources"])
    ]
    assert missing == []


def test_every_listed_source_holds_one_of_the_answers(
    rows: list[dict], article_texts: dict[str, str]
) -> None:
    unsupported = [
        (r["id"], s)
        for r in rows
        for s in r["sources"]
        if not any(a in article_texts[s] for a in r["answers"])
    ]
    assert unsupported == []


def test_coverage_of_articles_and_kinds(rows: list[dict], article_texts: dict[str, str]) -> None:
    categories = Counter(r["category"] for r in rows)
    assert all(categories[c] > 0 for c in CATEGORIES), categories
    unanswerable = [r for r in rows if not r["answerable"]]
    assert len(unanswerable) >= 25
    assert categories["near_miss"] * 3 >= len(unanswerable)
    assert {s for r in rows for s in r["sources"]} == set(article_texts)
    kinds = {r.get("conflict_kind") for r in rows if r["conflict"]}
    assert kinds == set(CONFLICT_KINDS)


NAMESAKES = PROJECT_ROOT / "evals" / "data" / "namesakes"


def test_the_namesake_set_is_consistent() -> None:
    """evals/data/namesakes: each question's spans verbatim in its sources, two claim groups
    from two sources or more (one value each, or one subject each), sources of its own story
    only, both questions of a story in the story's half (odd stories calibration), a slot."""
    texts = {p.stem: p.read_text(encoding="utf-8") for p in (NAMESAKES / "articles").glob("*.txt")}
    slots = json.loads((NAMESAKES / "slots.json").read_text(encoding="utf-8"))
    questions = load_gold(NAMESAKES / "qa.jsonl")
    assert len(questions) == 48 and set(slots) == {q.id for q in questions}
    stories = list(dict.fromkeys(q.group for q in questions))
    for q in questions:
        assert all(s in texts for s in q.sources), q.id
        assert {s.split("_")[0] for s in q.sources} == {q.group}, q.id
        assert q.half == ("calibration" if stories.index(q.group) % 2 == 0 else "report"), q.id
        assert q.conflict is (q.category == "conflict"), q.id
        groups = dict(q.claim_groups)
        assert len(set(groups.values())) >= 2, q.id
        for span in q.answers:
            assert any(span in texts[s] for s in q.sources), (q.id, span)
    lines = (NAMESAKES / "qa.jsonl").read_text(encoding="utf-8").splitlines()
    rows = [json.loads(line) for line in lines]
    for row in rows:
        claims = row["claims"]
        assert len({c["source"] for c in claims}) >= 2, row["id"]
        assert {c["source"] for c in claims} == set(row["sources"]), row["id"]
        for claim in claims:
            assert claim["span"] in texts[claim["source"]], (row["id"], claim)
