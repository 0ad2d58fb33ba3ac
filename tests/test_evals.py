"""The eval suite: metric functions on hand-made values, the gold loader, the baselines on the
real store, the CI gate on evals/gold.jsonl, and ``rag eval --corpus`` end to end."""

from __future__ import annotations

import dataclasses
import json
import os
import subprocess
from pathlib import Path

import pytest

from evals import baselines as bl
from evals import build_antonyms, build_places, build_synonyms
from evals.gate import Limit, failures, gate_file, load_limits, remeasured, write_limits
from evals.gold import GoldFileError, load_gold, parse_line
from evals.metrics import (
    FUNNEL_STAGES,
    METRIC_NAMES,
    GoldQuestion,
    Metric,
    Prediction,
    Scores,
    answer_quotes_verbatim,
    calibration,
    contains_answer,
    funnel_rows,
    gold_sides,
    normalize,
    recall_at_k,
    reciprocal_rank,
    score,
)
from evals.report import markdown
from evals.runner import EvalRun, corpus_settings, evaluate, side_stages
from ingest.pipeline import ingest
from rag.api import Pipeline
from rag.config import PROJECT_ROOT, Settings
from rag.schema import Answer, AnswerSentence, Citation, Claim, ConflictNote, Context, Source
from rag.store import Store
from tests.conftest import GOLD, make_settings, rag_command

RAMDOCS = PROJECT_ROOT / "evals" / "data" / "ramdocs-dev"

SQUAD_SAMPLE = PROJECT_ROOT / "evals" / "data" / "squad-sample"


# --- Matching ------------------------------------------------------------------------------


def test_normalize_folds_quotes_dashes_space_and_case() -> None:
    assert normalize("Putin’s “RED\u00a0line”\n –  now") == 'putin\'s "red line" - now'
    assert normalize("‘a’ — b − c") == "'a' - b - c"


@pytest.mark.parametrize(
    ("text", "answers", "hit"),
    [
        ("Kremlin spokesman Dmitry Peskov said so.", ["dmitry peskov"], True),
        ("Russia’s offer came on Monday.", ["Russia's offer"], True),
        ("a 30–hour truce", ["30-hour"], True),
        ("It began in 2018.", ["1"], False),  # inside a number
        ("It began in 2018.", ["201"], False),
        ("talks with the Frances", ["France"], False),  # inside a word
        ("Marco Rubio warned", ["Marko Rubio"], False),  # no fuzzy matching
        ("Rubio warned", ["", "Rubio"], True),
        ("(Rubio) warned", ["Rubio"], True),  # punctuation is a boundary
        ("nothing here", [], False),
    ],
)
def test_contains_answer(text: str, answers: list[str], hit: bool) -> None:
    assert contains_answer(text, answers) is hit


def test_recall_and_reciprocal_rank() -> None:
    assert recall_at_k(["a", "b", "c", "d"], ["d", "b"], k=3) == 0.5
    assert recall_at_k(["a", "b"], ["b"], k=1) == 0.0
    assert reciprocal_rank(["a", "b", "c"], ["c", "b"]) == 0.5
    assert reciprocal_rank(["a"], ["z"]) == 0.0


# --- Scoring hand-made predictions ---------------------------------------------------------


def _gold(
    qid: str,
    answers: tuple[str, ...],
    sources: tuple[str, ...],
    conflict: bool | None,
    category: str,
    kind: str | None = None,
) -> GoldQuestion:
    return GoldQuestion(qid, "?", answers, sources, conflict, bool(answers), category, kind)


GOLD_SET = [
    _gold("q1", ("Peskov",), ("d1",), False, "factoid"),
    _gold("q2", ("30-hour",), ("d1", "d2"), False, "multi"),
    _gold("q3", ("ceasefire",), ("d1", "d3"), True, "conflict", "contradiction"),
    _gold("q4", ("Monday",), ("d2", "d3"), True, "conflict", "occasion"),
    _gold("q5", (), (), None, "unanswerable"),
    _gold("q6", (), (), None, "unanswerable"),
]


def _pred(
    qid: str,
    text: str,
    cited: tuple[str, ...],
    ranking: tuple[str, ...],
    conflict: bool | None = False,
    kinds: tuple[str, ...] = (),
    latency: float = 10.0,
    verbatim: bool = True,
) -> Prediction:
    return Prediction(qid, not text, text, cited, verbatim, ranking, conflict, kinds, latency)


PREDICTIONS = {
    p.question_id: p
    for p in [
        # hit, cites its gold source only, gold source ranked 2nd
        _pred("q1", "Dmitry Peskov said it.", ("d1",), ("d2", "d1"), latency=10),
        # hit, one of two cited docs is gold, sources ranked 1st and 3rd
        _pred("q2", "A 30–hour truce.", ("d1", "d4"), ("d1", "d4", "d2"), latency=20),
        # miss (no span), cites a gold source, flagged with the right kind
        _pred("q3", "Talks may begin.", ("d3",), ("d3",), True, ("contradiction",), 30),
        # abstained on an answerable question (so no conflict flagged)
        _pred("q4", "", (), ("d1", "d2"), latency=40),
        # correct abstention
        _pred("q5", "", (), ("d1",), latency=50),
        # answered an unanswerable question, and flagged a conflict there (not scored)
        _pred("q6", "The weather was fine.", ("d2",), ("d2",), True, ("framing",), 60),
    ]
}


def test_score_on_hand_made_predictions() -> None:
    s = score(GOLD_SET, PREDICTIONS, k=2)
    values = {name: m.value for name, m in s.metrics.items()}
    counts = {name: m.n for name, m in s.metrics.items()}
    assert s.questions == 6
    assert values["answer_hit"] == pytest.approx(2 / 4)  # q1, q2 of q1..q4
    assert values["source_hit"] == pytest.approx(3 / 4)  # q4 abstained
    assert values["citation_precision"] == pytest.approx((1 + 0.5 + 1) / 3)
    assert counts["citation_precision"] == 3
    assert values["verbatim"] == 1.0
    # recall@2: q1 1/1, q2 1/2 (d2 is 3rd), q3 1/2, q4 1/2 (d2 2nd, d3 missing)
    assert values["recall_at_k"] == pytest.approx((1 + 0.5 + 0.5 + 0.5) / 4)
    assert values["mrr"] == pytest.approx((0.5 + 1 + 1 + 0.5) / 4)
    assert values["correct_abstention"] == 0.5
    assert values["false_abstention"] == 0.25
    # Conflicts scored on q1..q4 only: flagged q3 (true); q4 true but not flagged.
    assert values["conflict_precision"] == 1.0
    assert values["conflict_recall"] == 0.5
    assert values["conflict_kind_accuracy"] == 1.0
    assert counts["conflict_kind_accuracy"] == 1
    assert values["median_answer_chars"] == pytest.approx((16 + 21) / 2)
    assert values["latency_p50_ms"] == pytest.approx(35.0)
    assert values["latency_p95_ms"] == pytest.approx(57.5)


def test_score_counts_a_wrong_kind_and_a_false_flag() -> None:
    wrong = dict(PREDICTIONS)
    wrong["q3"] = _pred("q3", "Talks may begin.", ("d3",), ("d3",), True, ("framing",))
    wrong["q1"] = _pred("q1", "Dmitry Peskov said it.", ("d1",), ("d1",), True, ("framing",))
    wrong["q2"] = _pred("q2", "A 30–hour truce.", ("d1",), ("d1",), verbatim=False)
    s = score(GOLD_SET, wrong, k=2)
    assert s.value("conflict_precision") == 0.5
    assert s.value("conflict_kind_accuracy") == 0.0
    assert s.value("verbatim") == pytest.approx(5 / 6)


def test_metrics_without_questions_are_none_not_zero() -> None:
    s = score(GOLD_SET[:2], PREDICTIONS)
    assert s.value("correct_abstention") is None
    assert s.value("conflict_precision") is None  # nothing flagged
    assert s.value("conflict_recall") is None  # no gold conflict among them
    # A system that does not detect conflicts (conflict None) has no conflict recall at all.
    baseline = {
        k: Prediction(k, False, p.answer_text, p.cited_docs, True, (), None)
        for k, p in PREDICTIONS.items()
    }
    assert score(GOLD_SET, baseline).value("conflict_recall") is None
    assert score(GOLD_SET, baseline).value("correct_abstention") == 0.0


def test_side_precision_judges_the_values_a_note_sets_against_each_other() -> None:
    def misinformed(qid: str, answers: tuple[str, ...], wrong: tuple[str, ...]) -> GoldQuestion:
        gold = _gold(qid, answers, ("d1", "d2"), True, "conflict")
        return dataclasses.replace(gold, wrong_answers=wrong)

    gold = [
        misinformed("w", ("Helsinki, Finland",), ()),
        misinformed("m", ("1900",), ("1856",)),
        # answers that are phrases about one value, no wrong answers listed: not judged
        _gold("n", ("a statement to Russian media",), ("d1",), True, "conflict"),
    ]
    noted = {
        "w": _pred("w", "They met in Helsinki.", ("d1", "d2"), (), True, ("contradiction",)),
        "m": _pred("m", "Founded in 1900.", ("d1",), (), True, ("contradiction",)),
        "n": _pred("n", "Putin said so.", ("d1",), (), True, ("contradiction",)),
    }
    sides = {
        # a side within a longer gold value, and one that states no gold value
        "w": (("place", "Helsinki"), ("place", "Russia")),
        # a wrong answer is a value at stake; a stance's "no" quotes no span: not judged
        "m": (("date", "1900"), ("date", "1856"), ("stance", "no")),
        "n": (("place", "Russian"),),
    }
    predictions = {k: dataclasses.replace(p, sides=sides[k]) for k, p in noted.items()}
    side_precision = score(gold, predictions).metrics["side_precision"]
    assert (side_precision.value, side_precision.n) == (pytest.approx(3 / 4), 4)
    assert score(GOLD_SET, PREDICTIONS).value("side_precision") is None  # no sides


def test_gold_sides_are_claim_groups_or_each_listed_value_of_a_conflict() -> None:
    grouped = GoldQuestion(
        "g", "?", ("£4.2m",), (), True, True, "conflict",
        claim_groups=(("£4.2m", "A"), ("£4.2 million", "A"), ("£6.1m", "B")),
    )  # fmt: skip
    ramdocs = GoldQuestion(
        "r", "?", ("Film", "film"), (), True, True, "misinfo", wrong_answers=("Novel",)
    )
    agreeing = dataclasses.replace(grouped, conflict=False)
    listed = dataclasses.replace(ramdocs, wrong_answers=None)
    assert gold_sides(grouped) == [("£4.2m", "£4.2 million"), ("£6.1m",)]
    assert gold_sides(ramdocs) == [("film",), ("Novel",)]  # one side per value, not per case
    assert gold_sides(agreeing) == [] and gold_sides(listed) == []


def test_funnel_counts_sides_at_each_stage_and_questions_with_two_there() -> None:
    gold = [GoldQuestion(q, "?", ("x",), (), True, True, "conflict") for q in "abc"]
    everywhere = ("retrieved", "read", "pool", "slot", "shown", "noted")
    stages = {
        # both sides read, one shown, both in a note: lost nowhere
        "a": (everywhere, ("retrieved", "read", "pool", "slot", "noted")),
        # the second side retrieved but never read: lost at reading
        "b": (("retrieved", "read", "pool", "shown"), ("retrieved",), ()),
        # one side only: not judged
        "c": (("retrieved",),),
    }  # fmt: skip
    predictions = {
        q: Prediction(q, False, "x", (), True, (), q == "a", side_stages=s)
        for q, s in stages.items()
    }
    rows = {r.stage: r for r in funnel_rows(gold, predictions)}
    assert list(rows) == ["retrieved", "read", "pool", "slot", "shown", "noted"]
    assert (rows["retrieved"].sides.value, rows["retrieved"].sides.n) == (4 / 5, 5)
    assert (rows["retrieved"].questions.value, rows["retrieved"].questions.n) == (1.0, 2)
    assert rows["read"].questions.value == 0.5
    assert rows["shown"].sides.value == 2 / 5 and rows["shown"].questions.value == 0.0
    assert rows["noted"].questions.value == 0.5


def test_a_report_shows_where_disagreements_are_lost_and_its_json_too(settings: Settings) -> None:
    gold = [GoldQuestion("q", "?", ("x",), (), True, True, "conflict")]
    stages = (("retrieved", "read"), ("retrieved",))
    ours = Prediction("q", False, "x", (), True, (), True, side_stages=stages)
    run = EvalRun(
        questions=gold,
        predictions={"ours": {"q": ours}},
        best_relevance={"q": 0.5},
        settings=settings,
        store_counts={"documents": 1, "sentences": 1, "chunks": 1},
        unknown_sources=[],
    )
    charts = {name: Path(f"{name}.png") for name in ("baselines", "categories", "abstention")}
    text = markdown(run, "t", "qa.jsonl", "rag eval", charts)
    assert "## Where disagreements are lost (ours)" in text
    assert f"| {FUNNEL_STAGES['read']} | 0.500 of 2 | 0.000 of 1 |" in text
    assert run.to_dict()["funnel"][1] == {
        "stage": "read",
        "sides": {"value": 0.5, "n": 2},
        "questions": {"value": 0.0, "n": 1},
    }
    # a set whose gold says nothing of what each source gives has no such section
    alone = dataclasses.replace(ours, side_stages=(("retrieved",),))
    quiet = dataclasses.replace(run, predictions={"ours": {"q": alone}})
    assert "Where disagreements are lost" not in markdown(quiet, "t", "qa.jsonl", "x", charts)


def test_side_stages_follow_each_side_of_a_disagreement_through_the_pipeline(
    tmp_path: Path,
) -> None:
    """Two reports of one bridge's repairs that disagree on their cost: each cost reaches
    a note; a cost no article gives reaches no stage; the traced answer is ask()'s."""
    articles = tmp_path / "articles"
    articles.mkdir()
    reports = {
        "harbour-news": ("£4.2 million", "Helen Ward"),
        "coast-courier": ("£6.1 million", "Tom Hale"),
    }
    for name, (figure, engineer) in reports.items():
        (articles / f"{name}.txt").write_text(
            f"Harwick bridge reopens after repairs\nPublisher: {name}\nMarch 3, 2025\n\n"
            f"The Harwick bridge reopened on Monday after repairs that cost {figure}, the "
            f"county council said. The repairs were led by the council's chief engineer, "
            f"{engineer}. Engineers replaced the bridge's steel bearings and resurfaced its "
            "deck. The bridge carries about 9,000 vehicles a day.\n",
            encoding="utf-8",
        )
    settings = make_settings(tmp_path / "store")
    ingest([articles], settings)
    pipeline = Pipeline(settings)
    trace = pipeline.trace("How much did the repairs to the Harwick bridge cost?")
    sides = [("£4.2 million",), ("£6.1 million",), ("£9 million",), ("9,000 vehicles",)]
    four, six, nine, traffic = side_stages(sides, trace, settings)
    assert four == six == ("retrieved", "read", "pool", "slot", "shown", "noted"), trace.answer
    assert nine == ()
    # in the pool, but no cost: the figure slot reads nothing there, and no note has it
    assert traffic == ("retrieved", "read", "pool")
    trace = pipeline.trace("Who led the repairs to the Harwick bridge?")
    ward, hale = side_stages([("Helen Ward",), ("Tom Hale",)], trace, settings)
    assert ward == hale == ("retrieved", "read", "pool", "slot", "shown", "noted"), trace.answer


def test_calibration_sweep() -> None:
    best = {"q1": 0.6, "q2": 0.4, "q3": 0.5, "q4": 0.2, "q5": 0.3, "q6": 0.45}
    points = calibration(GOLD_SET, best, [0.0, 0.35, 0.5, 0.9])
    assert [(p.false_abstention, p.wrong_answers) for p in points] == [
        (0.0, 1.0),
        (0.25, 0.5),
        (0.5, 0.0),
        (1.0, 0.0),
    ]


# --- Verbatim check of a real Answer shape -------------------------------------------------


TEXTS = {"d1": "Title\n\nPeskov said talks may begin. Kyiv disagreed.", "d2": "Kyiv disagreed."}


def _citation(n: int, doc: str, quote: str, shift: int = 0) -> Citation:
    start = TEXTS[doc].index(quote) + shift if doc in TEXTS else 0
    source = Source(doc, "T", None, None)
    return Citation(n, source, start, start + len(quote), quote, Context(start, quote))


def _answer(citations: tuple[Citation, ...], sentence: str, claim_citation: int = 1) -> Answer:
    claims = (Claim(citation=claim_citation, says="no"), Claim(citation=2, says="yes"))
    return Answer(
        question="q",
        abstained=False,
        sentences=(AnswerSentence(sentence, tuple(c.n for c in citations)),),
        citations=citations,
        conflicts=(
            ConflictNote("contradiction", "talks", "stance", claims, "Sources disagree on talks"),
        ),
    )


def test_answer_quotes_verbatim() -> None:
    good = (_citation(1, "d1", "Peskov said talks may begin."), _citation(2, "d2", "Kyiv"))
    assert answer_quotes_verbatim(_answer(good, good[0].quote), TEXTS)
    shifted = (_citation(1, "d1", "Peskov said talks may begin.", shift=1), good[1])
    assert not answer_quotes_verbatim(_answer(shifted, shifted[0].quote), TEXTS)
    assert not answer_quotes_verbatim(_answer(good, "Peskov said talks will begin."), TEXTS)
    # A conflict claim that points at no citation is not a quote of anything.
    assert not answer_quotes_verbatim(_answer(good, good[0].quote, claim_citation=3), TEXTS)
    unknown_doc = (_citation(1, "d9", "Kyiv"), good[1])
    assert not answer_quotes_verbatim(_answer(unknown_doc, "Kyiv"), TEXTS)


# --- The gold loader (unknown gold files must work) ----------------------------------------


def test_gold_loader_reads_other_formats_and_limits(tmp_path: Path) -> None:
    path = tmp_path / "other.jsonl"
    lines = [
        {
            "id": "a",
            "question": "Q1?",
            "answers": ["x"],
            "sources": ["d"],
            "conflict": None,
            "answerable": True,
            "category": "squad",
            "extra": 1,
        },
        {
            "id": "b",
            "question": "Q2?",
            "answers": [],
            "sources": [],
            "conflict": None,
            "answerable": False,
            "category": "other",
        },
        {
            "id": "c",
            "question": "Q3?",
            "answers": ["y"],
            "sources": ["d"],
            "conflict": True,
            "answerable": True,
            "category": "conflict",
            "conflict_kind": "framing",
        },
    ]
    path.write_text("\n".join(json.dumps(x) for x in lines) + "\n\n", encoding="utf-8")
    questions = load_gold(path)
    assert [q.id for q in questions] == ["a", "b", "c"]
    assert questions[0].conflict is None and questions[2].conflict_kind == "framing"
    assert [q.id for q in load_gold(path, limit=2)] == ["a", "b"]


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ({"id": "a"}, "missing key"),
        ([1, 2], "JSON object"),
        (
            {
                "id": "a",
                "question": "Q?",
                "answers": "x",
                "sources": [],
                "conflict": None,
                "answerable": True,
                "category": "f",
            },
            "'answers' must be a list",
        ),
        (
            {
                "id": "a",
                "question": "Q?",
                "answers": [],
                "sources": [],
                "conflict": None,
                "answerable": True,
                "category": "f",
            },
            "at least one answer",
        ),
        (
            {
                "id": "a",
                "question": "Q?",
                "answers": ["x"],
                "sources": [],
                "conflict": "yes",
                "answerable": True,
                "category": "f",
            },
            "'conflict' must be",
        ),
        (
            {
                "id": "a",
                "question": "Q?",
                "answers": ["x"],
                "sources": [],
                "conflict": True,
                "answerable": True,
                "category": "f",
                "conflict_kind": "war",
            },
            "conflict_kind",
        ),
    ],
)
def test_gold_line_errors_say_what_is_wrong(row: object, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_line(row)


def test_gold_file_errors_name_the_line(tmp_path: Path) -> None:
    first = GOLD.read_text(encoding="utf-8").splitlines()[0]
    path = tmp_path / "dup.jsonl"
    path.write_text(first + "\n" + first + "\n", encoding="utf-8")
    with pytest.raises(GoldFileError, match="line 2: id 'g001' is used twice"):
        load_gold(path)
    path.write_text(first + "\n{not json\n", encoding="utf-8")
    with pytest.raises(GoldFileError, match="line 2"):
        load_gold(path)
    with pytest.raises(GoldFileError, match="cannot read"):
        load_gold(tmp_path / "missing.jsonl")
    path.write_bytes('{"question": "Who is Zelensky’s envoy?"}\n'.encode("cp1252"))
    with pytest.raises(GoldFileError, match="not UTF-8"):
        load_gold(path)


def test_a_gold_file_saved_with_a_byte_order_mark_and_crlf_reads_as_any_other(
    tmp_path: Path,
) -> None:
    lines = GOLD.read_text(encoding="utf-8").splitlines()[:2]
    path = tmp_path / "windows.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + "\r\n".join(lines).encode("utf-8") + b"\r\n")
    assert [q.id for q in load_gold(path)] == ["g001", "g002"]


# --- Baselines on the real store -----------------------------------------------------------


def test_baselines_return_stored_sentences_and_chunks(pipeline: Pipeline, store: Store) -> None:
    settings = pipeline.settings
    question = "Is Putin ready for direct talks with Ukraine?"
    vector = pipeline.embedder.encode([question])[0]
    passages = pipeline.retrieve(question)
    for answer in (
        bl.bm25_sentences(question, store, settings),
        bl.dense_sentences(vector, store, settings),
        bl.hybrid_sentences(passages),
    ):
        assert len(answer.quotes) == bl.ANSWER_SENTENCES
        for q in answer.quotes:
            assert store.text(q.doc_id)[q.start : q.end] == q.text
        assert len(set(answer.ranking)) == len(answer.ranking) >= 1
        assert answer.quotes[0].doc_id == answer.ranking[0]
    assert [q.text for q in bl.hybrid_sentences(passages).quotes] == [
        p.sentence.text for p in passages[:2]
    ]
    peskov = bl.bm25_sentences("Who is Dmitry Peskov?", store, settings)
    assert len(peskov.quotes) == 1 and "Dmitry Peskov" in peskov.text  # the only such sentence
    chunk = bl.top_chunk(vector, store, settings)
    assert len(chunk.quotes) == 1 and chunk.quotes[0].doc_id == chunk.ranking[0]
    assert chunk.text in {c.text for c in store.chunks}


def test_corpus_store_is_named_after_the_path(tmp_path: Path) -> None:
    base = make_settings(tmp_path / "store")
    a = corpus_settings(tmp_path / "news" / "articles", base)
    b = corpus_settings(tmp_path / "other" / "articles", base)
    assert a.store.parent == tmp_path / "eval-stores"
    assert a.store.name.startswith("news-articles-")
    assert a.store != b.store and a.collection != b.collection
    assert corpus_settings(tmp_path / "news" / "articles", base) == a


# --- The CI gate ----------------------------------------------------------------------------


@pytest.mark.slow
def test_gold_eval_meets_thresholds(pipeline: Pipeline) -> None:
    """`make test` fails when ours drops below the thresholds set from measured values."""
    run = evaluate(load_gold(GOLD), pipeline, baselines=False)
    ours = run.scores["ours"]
    assert ours.value("verbatim") == 1.0
    crossed = failures(ours, load_limits())
    assert not crossed, "regression on evals/gold.jsonl: " + "; ".join(crossed)


@pytest.mark.slow
def test_ramdocs_eval_meets_thresholds(tmp_path_factory: pytest.TempPathFactory) -> None:
    """The gate on an outside set: RAMDocs' development questions, over their web snippets
    (misinformation and ambiguous names among them), on a store of their own."""
    settings = make_settings(tmp_path_factory.mktemp("ramdocs") / "store")
    ingest([RAMDOCS / "articles"], settings)
    gold = RAMDOCS / "qa.jsonl"
    run = evaluate(load_gold(gold), Pipeline(settings), baselines=False)
    ours = run.scores["ours"]
    assert ours.value("verbatim") == 1.0
    gate = gate_file(gold)
    assert gate is not None
    crossed = failures(ours, load_limits(gate))
    assert not crossed, "regression on RAMDocs (development split): " + "; ".join(crossed)


@pytest.mark.parametrize("gold", [GOLD, RAMDOCS / "qa.jsonl"])
def test_thresholds_files_are_consistent(gold: Path) -> None:
    gate = gate_file(gold)
    assert gate is not None
    limits = {limit.metric: limit for limit in load_limits(gate)}
    assert limits["verbatim"].threshold == 1.0 and not limits["verbatim"].lower
    assert limits["false_abstention"].lower and limits["wrong_outside_note"].lower
    assert set(limits) == set(METRIC_NAMES) - {
        "median_answer_chars",
        "latency_p50_ms",
        "latency_p95_ms",
    }  # every quality metric is gated; speed is printed, never asserted


def test_gate_failures_on_hand_made_scores() -> None:
    scores = Scores(
        4,
        {
            "answer_hit": Metric(0.9, 4),
            "false_abstention": Metric(0.25, 4),
            "conflict_precision": Metric(None, 0),
        },
    )
    limits = [
        Limit("answer_hit", 0.9, 0.95, lower=False),  # equal passes
        Limit("false_abstention", 0.2, 0.05, lower=True),
        Limit("conflict_precision", 0.5, 0.85, lower=False),  # n/a fails a set threshold
    ]
    assert failures(scores, limits) == [
        "false abstention 0.250 is above its threshold 0.200",
        "conflict precision n/a is below its threshold 0.500",
    ]


def test_thresholds_are_re_set_from_a_run_on_the_safe_side(tmp_path: Path) -> None:
    scores = Scores(
        100,
        {
            "answer_hit": Metric(0.868, 100),
            "false_abstention": Metric(0.011, 100),
            "verbatim": Metric(1.0, 100),
            "conflict_precision": Metric(None, 0),
        },
    )
    limits = [
        Limit("answer_hit", 0.5, 0.95, lower=False),
        Limit("false_abstention", 0.5, 0.05, lower=True),
        Limit("verbatim", 1.0, 1.0, lower=False),
        Limit("conflict_precision", 0.9, 0.85, lower=False),
    ]
    new = remeasured(limits, scores)
    assert [x.threshold for x in new] == [0.84, 0.04, 1.0, None]
    # Over 10 questions one answer moves a metric by 0.1: the margin is that, not 0.02.
    few = Scores(10, {"answer_hit": Metric(0.9, 10)})
    assert remeasured(limits[:1], few)[0].threshold == 0.8
    path = tmp_path / "thresholds.json"
    path.write_text(json.dumps({"about": "kept", "metrics": {}}), encoding="utf-8")
    write_limits(new, scores, path)
    assert load_limits(path) == new
    written = json.loads(path.read_text(encoding="utf-8"))
    assert written["about"] == "kept"
    assert written["metrics"]["false_abstention"] == {
        "max": 0.04,
        "measured": 0.011,
        "target": 0.05,
    }


# --- The command ----------------------------------------------------------------------------


@pytest.mark.slow
def test_rag_eval_on_a_squad_sample_end_to_end(tmp_path: Path, cli_env: dict[str, str]) -> None:
    report = tmp_path / "reports" / "squad-sample.md"
    result = subprocess.run(
        [
            *rag_command(),
            "eval",
            "--corpus",
            str(SQUAD_SAMPLE / "articles"),
            "--gold",
            str(SQUAD_SAMPLE / "qa.jsonl"),
            "--json",
            "--report",
            str(report),
        ],
        env=cli_env,
        capture_output=True,
        text=True,
        timeout=1200,
    )
    assert result.returncode == 0, result.stderr
    metrics = json.loads(result.stdout)
    assert metrics["questions"] == 30
    assert metrics["store_counts"]["documents"] == 2
    assert set(metrics["systems"]) == {
        "ours",
        "bm25",
        "dense",
        "hybrid",
        "top_chunk",
        "naive_conflict",
    }
    ours = metrics["systems"]["ours"]
    assert ours["verbatim"]["value"] == 1.0
    assert ours["conflict_recall"]["value"] is None  # SQuAD's conflict is null: not scored
    for system in ("bm25", "dense", "hybrid"):
        # Matching works on real text: two sentences hold the answer for many questions.
        assert metrics["systems"][system]["answer_hit"]["value"] >= 0.4
        assert metrics["systems"][system]["correct_abstention"]["value"] is None
    text = report.read_text(encoding="utf-8")
    header = text.split("## ")[0]  # the command that regenerates it comes first
    assert (
        f"rag eval --gold {SQUAD_SAMPLE / 'qa.jsonl'} --corpus {SQUAD_SAMPLE / 'articles'}"
        in header
    )
    for chart in ("baselines", "categories", "abstention"):
        assert (tmp_path / "reports" / f"squad-sample-{chart}.png").stat().st_size > 10_000
    own_store = corpus_settings(
        SQUAD_SAMPLE / "articles", make_settings(Path(cli_env["RAG_STORE"]))
    )
    assert (own_store.store / "CURRENT").is_file()  # ingested beside the default store


def _env(**extra: str) -> dict[str, str]:
    return {**{k: v for k, v in os.environ.items() if not k.startswith("RAG_")}, **extra}


def test_rag_eval_on_an_empty_store_says_to_ingest(tmp_path: Path) -> None:
    env = _env(RAG_STORE=str(tmp_path / "empty"))
    result = subprocess.run(
        [*rag_command(), "eval", "--no-baselines"], env=env, capture_output=True, text=True
    )
    assert result.returncode == 1
    assert "run `rag ingest`" in result.stderr and "Traceback" not in result.stderr


def test_rag_eval_refuses_store_and_corpus_together(tmp_path: Path) -> None:
    result = subprocess.run(
        [*rag_command(), "eval", "--store", str(tmp_path), "--corpus", str(tmp_path)],
        env=_env(),
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    assert "either --store or --corpus" in result.stderr


def test_known_places_are_read_from_geonames_with_where_they_lie(tmp_path: Path) -> None:
    geonames, census = tmp_path / "geonames", tmp_path / "census"
    geonames.mkdir()
    census.mkdir()
    countries = {
        "UA": {"name": "Ukraine", "capital": "Kyiv"},
        "NL": {"name": "The Netherlands", "capital": "Amsterdam"},
        "US": {"name": "United States", "capital": "Washington"},
    }
    cities = {
        "1": {"name": "Kharkiv", "population": 1_400_000, "countrycode": "UA", "admin1code": "7"},
        "2": {"name": "Memphis", "population": 650_000, "countrycode": "US", "admin1code": "TN"},
        "3": {"name": " Jackson", "population": 150_000, "countrycode": "US", "admin1code": "MS"},
        "4": {"name": "Smalltown", "population": 20_000, "countrycode": "UA", "admin1code": "7"},
    }
    states = {"TN": {"name": "Tennessee"}, "MS": {"name": "Mississippi"}}
    (geonames / "countries.json").write_text(json.dumps(countries))
    (geonames / "cities15000.json").write_text(json.dumps(cities))
    (geonames / "us_states.json").write_text(json.dumps(states))
    # the census lists: name, frequency, cumulative frequency, rank
    (census / "dist.female.first").write_text("GEORGIA 0.1 0.1 1\n")
    (census / "dist.male.first").write_text("JACKSON 0.1 0.1 1\nWASHINGTON 0.1 0.2 2\n")
    (census / "dist.all.last").write_text("MEMPHIS 0.0 90.0 60000\nAMSTERDAM 0.1 1.0 400\n")
    places = build_places.place_names(geonames)
    # a country lies in itself (as a sentence writes it), a city in its country, a U.S.
    # city in its state; small towns are left out
    assert places["Ukraine"] == {"Ukraine"} and places["Kharkiv"] == {"Ukraine"}
    assert places["Amsterdam"] == {"Netherlands"} and places["Memphis"] == {"Tennessee"}
    assert "Smalltown" not in places and "Jackson" in places
    # a first name or a common surname is a person's; a rare surname ("Memphis") is not
    people = build_places.person_names(census)
    kept = build_places.nobodys_places(places, people)
    assert list(kept) == ["Kharkiv", "Kyiv", "Memphis", "Mississippi", "Tennessee"] + [
        "The Netherlands",
        "Ukraine",
        "United States",
    ]


def _write_wordnet(folder: Path, files: dict[str, list[str]], line_end: str = "\n") -> None:
    """WordNet files of these lines by name ("data.adj"), each opening with a licence of
    numbered lines as WordNet's do."""
    licence = "  1 WordNet Copyright by Princeton University.  \n"
    for name, lines in files.items():
        (folder / name).write_text(licence + "".join(f"{x}{line_end}" for x in lines))


def test_antonyms_negating_by_a_prefix_are_read_from_wordnet_files(tmp_path: Path) -> None:
    # WordNet's data files: a licence of numbered lines, then one synset a line with its
    # words and pointers ("!" an antonym: target offset, part of speech, source/target word)
    synsets = {
        "adj": [
            "00000001 00 a 01 effective 0 001 ! 00000002 a 0101 | producing an effect",
            "00000002 00 a 01 ineffective 0 001 ! 00000001 a 0101 | not producing one",
        ],
        "noun": [
            "00000020 04 n 02 victory 0 triumph 0 001 ! 00000021 n 0101 | a win",
            "00000021 04 n 01 defeat 0 001 ! 00000020 n 0101 | a loss",
        ],
        "verb": [
            "00000010 29 v 01 win 0 001 ! 00000011 v 0101 | be victorious",
            "00000011 29 v 01 lose 0 001 ! 00000010 v 0101 | fail to win",
        ],
        "adv": [],
    }
    _write_wordnet(tmp_path, {f"data.{pos}": lines for pos, lines in synsets.items()})
    # a verb's antonyms and one not made by a negating prefix are left out
    assert build_antonyms.antonym_pairs(tmp_path, build_antonyms.PARTS_OF_SPEECH) == [
        ("effective", "ineffective"),
    ]
    assert build_antonyms.licence(tmp_path) == "WordNet Copyright by Princeton University."


def test_synonyms_of_the_first_sense_are_read_from_wordnet_files(tmp_path: Path) -> None:
    # data files: one synset a line; index files: a word, its pointers' count and symbols, its
    # senses' counts (all, tagged) and synset offsets, most frequent first; index.sense: a
    # sense key (word%type:...), offset, sense number and how often it was tagged
    data = {
        "noun": [
            "00000001 06 n 03 bank 0 slope 0 incline 0 000 | sloping land",
            "00000002 06 n 03 bank 0 lender 0 depository_financial_institution 0 000 | a lender",
            "00000003 06 n 03 physician 0 doctor 0 medico 0 000 | a doctor",
        ],
        "verb": ["00000010 40 v 02 buy 0 purchase 0 000 | obtain by paying"],
        "adj": ["00000020 00 a 02 large 0 big 0 000 | above average in size"],
        "adv": [],
    }
    index = {
        "noun": [
            "bank n 2 1 @ 2 2 00000001 00000002",
            "physician n 1 1 @ 1 1 00000003",
            "incline n 1 1 @ 1 0 00000001",
        ],
        "verb": ["buy v 1 1 @ 1 1 00000010"],
        "adj": ["large a 1 1 & 1 1 00000020"],
    }
    tagged = {
        "bank%1:17:01::": ("00000001", 1, 25),
        "slope%1:17:00::": ("00000001", 1, 3),
        "bank%1:14:00::": ("00000002", 2, 20),
        "lender%1:14:00::": ("00000002", 1, 8),
        "incline%1:17:00::": ("00000001", 1, 0),
        "physician%1:18:00::": ("00000003", 1, 12),
        "doctor%1:18:00::": ("00000003", 1, 40),
        "medico%1:18:00::": ("00000003", 1, 0),
        "buy%2:40:00::": ("00000010", 1, 60),
        "purchase%2:40:00::": ("00000010", 1, 9),
        "large%3:00:00::": ("00000020", 1, 50),
        "big%3:00:01::": ("00000020", 1, 30),
    }
    _write_wordnet(tmp_path, {f"data.{pos}": lines for pos, lines in data.items()})
    _write_wordnet(tmp_path, {f"index.{pos}": lines for pos, lines in index.items()}, "  \n")
    (tmp_path / "index.sense").write_text(
        "".join(f"{key} {o} {n} {c}\n" for key, (o, n, c) in sorted(tagged.items()))
    )
    # the first sense only ("bank": the slope, never "lender", tagged in the second); a
    # synonym never tagged in that sense ("medico", "incline") and a word whose senses never
    # were are left out; words of several parts ("depository_financial_institution") too
    assert build_synonyms.first_sense_synonyms(tmp_path) == {
        "noun": {"bank": ["slope"], "physician": ["doctor"]},
        "verb": {"buy": ["purchase"]},
        "adj": {"large": ["big"]},
    }
