"""Pure metric functions: gold questions and predictions in, numbers out.

Matching is exact after a documented normalisation (:func:`normalize`), never fuzzy: a gold
span counts only if it occurs in the answer as a whole (not inside a longer word or number).
Every metric comes with the number of questions it was computed over; a metric with no
question to compute it on is ``None`` (shown as "n/a"), never a made-up 0 or 1.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from rag.schema import Answer

# Typographic variants folded to their ASCII form before matching.
_FOLD = str.maketrans(
    {
        "\u2018": "'",  # ‘
        "\u2019": "'",  # ’
        "\u201a": "'",  # ‚
        "\u201b": "'",  # ‛
        "\u2032": "'",  # ′
        "\u201c": '"',  # “
        "\u201d": '"',  # ”
        "\u201e": '"',  # „
        "\u201f": '"',  # ‟
        "\u2033": '"',  # ″
        "\u2010": "-",  # ‐ hyphen
        "\u2011": "-",  # non-breaking hyphen
        "\u2012": "-",  # ‒ figure dash
        "\u2013": "-",  # – en dash
        "\u2014": "-",  # — em dash
        "\u2015": "-",  # ― horizontal bar
        "\u2212": "-",  # − minus sign
    }
)

# Order of the metrics in tables, reports and JSON, with their display names.
METRIC_NAMES: dict[str, str] = {
    "answer_hit": "answer hit",
    "source_hit": "source hit",
    "citation_precision": "citation precision",
    "verbatim": "verbatim",
    "recall_at_k": "retrieval recall@k",
    "mrr": "retrieval MRR",
    "correct_abstention": "correct abstention",
    "false_abstention": "false abstention",
    "conflict_precision": "conflict precision",
    "conflict_recall": "conflict recall",
    "conflict_kind_accuracy": "conflict kind accuracy",
    "ambiguity_recall": "ambiguity recall",
    "support_precision": "support precision",
    "side_precision": "note side precision",
    "wrong_outside_note": "wrong answer outside a note",
    "ramdocs_accuracy": "RAMDocs accuracy",
    "median_answer_chars": "median answer chars",
    "latency_p50_ms": "latency p50 (ms)",
    "latency_p95_ms": "latency p95 (ms)",
}
# Metrics where lower is better (everything else: higher is better).
LOWER_IS_BETTER = frozenset(
    {
        "false_abstention",
        "wrong_outside_note",
        "median_answer_chars",
        "latency_p50_ms",
        "latency_p95_ms",
    }
)


def normalize(text: str) -> str:
    """Text as compared for answer matching: curly quotes and apostrophes made straight,
    dashes and the minus sign made ``-``, runs of white space folded to one space, casefolded.

    >>> normalize("Putin’s  “RED   line” — ")
    'putin\\'s "red line" -'
    """
    return " ".join(text.translate(_FOLD).split()).casefold()


def contains_answer(text: str, answers: Sequence[str]) -> bool:
    """Whether any gold span occurs in ``text`` after :func:`normalize`, as a whole: the
    characters either side of the match must not be letters or digits ("1" is not found
    in "2018", "France" not in "Frances").

    >>> contains_answer("The talks begin on Friday in London.", ["friday", "Paris"])
    True
    >>> contains_answer("It began in 2018.", ["1"])
    False
    """
    haystack = normalize(text)
    for answer in answers:
        needle = normalize(answer)
        if not needle:
            continue
        pattern = r"(?<![^\W_])" + re.escape(needle) + r"(?![^\W_])"
        if re.search(pattern, haystack):
            return True
    return False


def answer_quotes_verbatim(answer: Answer, texts: Mapping[str, str]) -> bool:
    """Whether every quoted span of ``answer`` is the article text it claims to be.

    Each citation and nearest passage must equal ``texts[doc_id][start:end]``, each answer
    sentence must be the quote of its first citation, and each conflict claim must point at
    one of the citations. ``texts`` maps doc ids to the original file texts.

    Example::

        answer_quotes_verbatim(pipeline.ask("Who is Peskov?"), article_texts)  # True
    """
    by_number = {c.n: c for c in answer.citations}
    spans = [(c.source.doc_id, c.start, c.end, c.quote) for c in answer.citations]
    spans += [(p.source.doc_id, p.start, p.end, p.quote) for p in answer.nearest]
    if not all(d in texts and texts[d][s:e] == q for d, s, e, q in spans):
        return False
    for sentence in answer.sentences:
        first = by_number.get(sentence.citations[0]) if sentence.citations else None
        if first is None or first.quote != sentence.text:
            return False
    return all(claim.citation in by_number for note in answer.conflicts for claim in note.claims)


@dataclass(frozen=True)
class GoldQuestion:
    """One line of a gold file (see evals/GOLD.md for the format)."""

    id: str
    question: str
    answers: tuple[str, ...]
    sources: tuple[str, ...]
    conflict: bool | None  # None: not scored
    answerable: bool
    category: str
    conflict_kind: str | None = None
    # Misinformation's answers (RAMDocs); None when the gold file does not list them.
    wrong_answers: tuple[str, ...] | None = None
    claim_groups: tuple[tuple[str, str], ...] = ()  # (span, agreement group) per source
    ambiguous: bool = False  # sources answer about different things that share a name
    group: str = ""  # what it is asked about (its article or story), for splitting a set
    half: str | None = None  # the set's own split, when it fixes one ("calibration"...)


@dataclass(frozen=True)
class Prediction:
    """What one system did with one question, reduced to what the metrics need.

    ``cited_docs`` are the documents of the citations in citation order; ``ranking`` the
    retrieved documents, best first; ``conflict`` is ``None`` for a system that does not
    try to detect disagreement.
    """

    question_id: str
    abstained: bool
    answer_text: str
    cited_docs: tuple[str, ...]
    verbatim: bool
    ranking: tuple[str, ...]
    conflict: bool | None
    conflict_kinds: tuple[str, ...] = ()
    latency_ms: float | None = None
    # Each answer sentence with the quotes of the other sources cited as saying the same.
    backed: tuple[tuple[str, tuple[str, ...]], ...] = ()
    noted: tuple[str, ...] = ()  # quotes that are sides of a note saying sources disagree
    # Each of those sides' slot and what it says (its value as written).
    sides: tuple[tuple[str, str], ...] = ()
    # For a conflict question, each value its sources give (gold_sides) with the stages of
    # the pipeline that a sentence stating it reached (FUNNEL_STAGES); ours only, empty for
    # the baselines.
    side_stages: tuple[tuple[str, ...], ...] = ()


@dataclass(frozen=True)
class Metric:
    """A value and how many questions it was computed over (``None`` when there were none)."""

    value: float | None
    n: int

    def to_dict(self) -> dict[str, Any]:
        return {"value": self.value, "n": self.n}


@dataclass(frozen=True)
class Scores:
    """All metrics of one system on one set of questions."""

    questions: int
    metrics: dict[str, Metric] = field(default_factory=dict)

    def value(self, name: str) -> float | None:
        return self.metrics[name].value

    def to_dict(self) -> dict[str, Any]:
        return {"questions": self.questions, **{k: m.to_dict() for k, m in self.metrics.items()}}


def mean(flags: Sequence[bool | float]) -> Metric:
    """Mean of booleans or numbers, with its count; ``None`` for an empty sequence."""
    return Metric(float(np.mean(flags)) if len(flags) else None, len(flags))


def percentile(values: Sequence[float], q: float) -> Metric:
    """The ``q``-th percentile (linear interpolation) with its count."""
    return Metric(float(np.percentile(values, q)) if len(values) else None, len(values))


def recall_at_k(ranking: Sequence[str], sources: Sequence[str], k: int) -> float:
    """Share of the gold sources among the first ``k`` ranked documents.

    >>> recall_at_k(["a", "b", "c"], ["c", "d"], k=3)
    0.5
    """
    return len(set(ranking[:k]) & set(sources)) / len(set(sources))


def reciprocal_rank(ranking: Sequence[str], sources: Sequence[str]) -> float:
    """1 / rank of the first gold source in the ranking, 0 if none is retrieved.

    >>> reciprocal_rank(["a", "b", "c"], ["c"])
    0.3333333333333333
    """
    wanted = set(sources)
    return next((1.0 / (i + 1) for i, doc in enumerate(ranking) if doc in wanted), 0.0)


def score(
    gold: Sequence[GoldQuestion], predictions: Mapping[str, Prediction], k: int = 3
) -> Scores:
    """Every metric of one system over ``gold`` (predictions keyed by question id).

    - answer hit, source hit, false abstention, recall@k, MRR: over answerable questions
      (an abstention is a miss); source hit, recall and MRR only where the gold lists sources;
    - citation precision: over answered answerable questions that cite something: the share
      of distinct cited documents that are gold sources, averaged;
    - verbatim: over all questions; correct abstention: over unanswerable questions;
    - conflict precision / recall: over questions whose ``conflict`` is not ``None``, for
      systems that predict conflicts; kind accuracy: over true positives with a gold kind;
    - ambiguity recall: over questions the gold marks ambiguous (a note of that kind);
    - support precision: see :func:`_support_precision`; note side precision: see
      :func:`_side_precision`;
    - wrong answer outside a note: over answered questions whose gold lists wrong answers
      (RAMDocs' misinformation), the share stating one outside a disagreement note;
    - RAMDocs accuracy: over answerable questions with wrong answers listed, the share whose
      reply contains every correct answer and no wrong one outside a note (the published
      metric asks a generator for all correct answers and no wrong one at all);
    - median answer length (characters) over answered questions; latency over all.
    """
    pairs = [(g, predictions[g.id]) for g in gold]
    answerable = [(g, p) for g, p in pairs if g.answerable]
    sourced = [(g, p) for g, p in answerable if g.sources]
    answered = [(g, p) for g, p in answerable if not p.abstained and p.cited_docs]
    scored_conflicts = [(g, p) for g, p in pairs if g.conflict is not None]
    predicting = [(g, p) for g, p in scored_conflicts if p.conflict is not None]
    flagged = [(g, p) for g, p in predicting if p.conflict]
    true_positives = [(g, p) for g, p in flagged if g.conflict]
    latencies = [p.latency_ms for _, p in pairs if p.latency_ms is not None]
    metrics = {
        "answer_hit": mean(
            [not p.abstained and contains_answer(p.answer_text, g.answers) for g, p in answerable]
        ),
        "source_hit": mean(
            [not p.abstained and bool(set(p.cited_docs) & set(g.sources)) for g, p in sourced]
        ),
        "citation_precision": mean(
            [len(set(p.cited_docs) & set(g.sources)) / len(set(p.cited_docs)) for g, p in answered]
        ),
        "verbatim": mean([p.verbatim for _, p in pairs]),
        "recall_at_k": mean([recall_at_k(p.ranking, g.sources, k) for g, p in sourced]),
        "mrr": mean([reciprocal_rank(p.ranking, g.sources) for g, p in sourced]),
        "correct_abstention": mean([p.abstained for g, p in pairs if not g.answerable]),
        "false_abstention": mean([p.abstained for _, p in answerable]),
        "conflict_precision": mean([bool(g.conflict) for g, _ in flagged]),
        "conflict_recall": mean([bool(p.conflict) for g, p in predicting if g.conflict]),
        "conflict_kind_accuracy": mean(
            [g.conflict_kind in p.conflict_kinds for g, p in true_positives if g.conflict_kind]
        ),
        "ambiguity_recall": mean(
            [p.conflict_kinds.count("ambiguity") > 0 for g, p in predicting if g.ambiguous]
        ),
        "support_precision": _support_precision(pairs),
        "side_precision": _side_precision(pairs),
        "wrong_outside_note": mean(
            [
                _wrong_outside_note(g, p)
                for g, p in answerable
                if g.wrong_answers and not p.abstained
            ]
        ),
        "ramdocs_accuracy": mean(
            [
                not p.abstained
                and all(contains_answer(p.answer_text, [a]) for a in g.answers)
                and not _wrong_outside_note(g, p)
                for g, p in answerable
                if g.wrong_answers is not None
            ]
        ),
        "median_answer_chars": _median(
            [len(p.answer_text) for _, p in pairs if not p.abstained and p.answer_text]
        ),
        "latency_p50_ms": percentile(latencies, 50),
        "latency_p95_ms": percentile(latencies, 95),
    }
    return Scores(questions=len(pairs), metrics=metrics)


def _wrong_outside_note(gold: GoldQuestion, prediction: Prediction) -> bool:
    """Whether an answer sentence states a wrong answer without being a side of a note
    that says the sources disagree."""
    noted = set(prediction.noted)
    return any(
        contains_answer(text, gold.wrong_answers or ()) and text not in noted
        for text, _ in prediction.backed
    )


def _support_precision(pairs: Sequence[tuple[GoldQuestion, Prediction]]) -> Metric:
    """Share of the citations that back an answer sentence (its second and later citations)
    whose quote states the same asked value as the sentence, as far as the gold can tell:

    - with claim groups (each source's span and agreement group, ``evals/data/conflicts``):
      the quote must state a span of a group the sentence states;
    - with wrong answers listed (RAMDocs): the answers, and each wrong answer, are distinct
      values; the quote must state one the sentence states.

    A citation is judged only when both the sentence and the quote state a known value;
    gold files with neither (SQuAD, whose answer lists are paraphrases of one value) judge
    none, and the metric is then n/a."""
    verdicts = []
    for gold, prediction in pairs:
        if gold.claim_groups:
            values = dict(gold.claim_groups)
        elif gold.wrong_answers is not None:
            values = {span: span for span in (*gold.answers, *gold.wrong_answers)}
        else:
            continue
        for sentence, backing in prediction.backed:
            stated = {values[s] for s in values if contains_answer(sentence, [s])}
            for quote in backing:
                said = {values[s] for s in values if contains_answer(quote, [s])}
                if stated and said:
                    verdicts.append(bool(stated & said))
    return mean(verdicts)


# Slots whose sides say a span of the text (rag/slots.py; "text": near copies that differ).
SPAN_SLOTS = frozenset({"date", "number", "person", "org", "place", "tally", "role", "text"})


def says_value(said: str, values: Sequence[str]) -> bool:
    """Whether what a side or a reading says is one of ``values``: it contains one, or one
    contains it ("Helsinki" and "Helsinki, Finland", "Tuesday" and "crested on Tuesday
    morning"), a hyphen and a space alike (a title reader's "director general" says
    "director-general").

    >>> says_value("Tuesday", ["crested on Tuesday morning"]), says_value("May", ["June 4"])
    (True, False)
    >>> says_value("vice president", ["Veltrane's vice-president of manufacturing"])
    True
    """
    said, values = _unhyphenated(said), [_unhyphenated(v) for v in values]
    return contains_answer(said, values) or any(contains_answer(v, [said]) for v in values)


def _unhyphenated(text: str) -> str:
    return re.sub(r"(?<=\w)-(?=\w)", " ", normalize(text))


def _side_precision(pairs: Sequence[tuple[GoldQuestion, Prediction]]) -> Metric:
    """Share of the sides of disagreement notes whose value is one the gold says a source
    gives: a note must set the answers at stake against each other, not other values its
    sentences state ("Donbas" and "Russia" for where a speech was made). A side matches a
    value it contains or that contains it ("Helsinki" and "Helsinki, Finland", "Tuesday" and
    "crested on Tuesday morning").

    Judged, as support precision is, only where the gold lists what each source gives: claim
    groups (``evals/data/conflicts``) or wrong answers beside the right ones (RAMDocs); gold
    files whose answers are phrases about one value (ours, SQuAD) judge none. Only for slots
    whose sides quote a span (not a stance's "yes" or "no")."""
    verdicts = []
    for gold, prediction in pairs:
        if not gold.claim_groups and gold.wrong_answers is None:
            continue
        values = [*gold.answers, *(gold.wrong_answers or ()), *(s for s, _ in gold.claim_groups)]
        for slot, side in prediction.sides:
            if slot in SPAN_SLOTS:
                verdicts.append(says_value(side, values))
    return mean(verdicts)


# The stages of the pipeline a sentence that states a side of a disagreement may reach on
# its way into a note, with what each means (the report's words). They are not nested: a
# note may take a side from beyond the pool (the span reader's faint sentences, near
# copies), without a slot's reading (the span reader's answers, near copies) and from a
# sentence the answer does not show; where the count of questions with two sides falls is
# where notes are lost.
FUNNEL_STAGES: dict[str, str] = {
    "retrieved": "retrieved (a candidate sentence)",
    "read": "read by the reader (one of its best candidates by evidence)",
    "pool": "in the conflict pool (nearly as relevant as the best; rag.conflicts.side_pool)",
    "slot": "there, read by a slot as its value (or as yes or no; framing left out)",
    "shown": "shown in the answer",
    "noted": "a side of a disagreement note, as its value",
}


def gold_sides(gold: GoldQuestion) -> list[tuple[str, ...]]:
    """The values a conflict question's sources give, as spans that state each: one side per
    claim group, or (RAMDocs) each answer and each wrong answer; none for a question the gold
    does not call a conflict.

    >>> gold_sides(GoldQuestion("q", "?", ("6-3",), (), True, True, "c",
    ...     claim_groups=(("6-3", "A"), ("six to three", "A"), ("5-4", "B"))))
    [('6-3', 'six to three'), ('5-4',)]
    """
    if not gold.conflict:
        return []
    if gold.claim_groups:
        groups: dict[str, list[str]] = {}
        for span, group in gold.claim_groups:
            groups.setdefault(group, []).append(span)
        return [tuple(spans) for spans in groups.values()]
    values = {normalize(v): v for v in (*gold.answers, *(gold.wrong_answers or ()))}
    return [(v,) for v in values.values()] if gold.wrong_answers is not None else []


@dataclass(frozen=True)
class FunnelRow:
    """How many sides of disagreements reached one stage, and how many conflict questions
    had two or more there."""

    stage: str
    sides: Metric
    questions: Metric

    def to_dict(self) -> dict[str, Any]:
        return {
            "stage": self.stage,
            "sides": self.sides.to_dict(),
            "questions": self.questions.to_dict(),
        }


def funnel_rows(
    gold: Sequence[GoldQuestion], predictions: Mapping[str, Prediction]
) -> list[FunnelRow]:
    """Per stage of :data:`FUNNEL_STAGES`, over the questions with two or more gold sides:
    the share of their sides a sentence stating it reached, and the share of the questions
    with two or more sides there.

    >>> g = [GoldQuestion("q", "?", (), (), True, True, "c")]
    >>> p = {"q": Prediction("q", False, "", (), True, (), True,
    ...      side_stages=(("retrieved", "read"), ("retrieved",)))}
    >>> [(r.stage, r.sides.value, r.questions.value) for r in funnel_rows(g, p)][:2]
    [('retrieved', 1.0, 1.0), ('read', 0.5, 0.0)]
    """
    judged = [predictions[g.id].side_stages for g in gold]
    judged = [stages for stages in judged if len(stages) >= 2]
    return [
        FunnelRow(
            stage,
            mean([stage in side for stages in judged for side in stages]),
            mean([sum(stage in side for side in stages) >= 2 for stages in judged]),
        )
        for stage in FUNNEL_STAGES
    ]


def _median(values: Sequence[int]) -> Metric:
    return Metric(float(statistics.median(values)) if values else None, len(values))


def score_by(
    gold: Sequence[GoldQuestion],
    predictions: Mapping[str, Prediction],
    key: Callable[[GoldQuestion], str],
    k: int = 3,
) -> dict[str, Scores]:
    """:func:`score` for each group of questions (e.g. ``key=lambda g: g.category``)."""
    groups: dict[str, list[GoldQuestion]] = {}
    for g in gold:
        groups.setdefault(key(g), []).append(g)
    return {name: score(members, predictions, k) for name, members in groups.items()}


@dataclass(frozen=True)
class CalibrationPoint:
    """Abstention rates if the composer abstained whenever the best relevance < threshold."""

    threshold: float
    false_abstention: float | None  # share of answerable questions abstained on
    wrong_answers: float | None  # share of unanswerable questions answered

    def to_dict(self) -> dict[str, Any]:
        return {
            "threshold": self.threshold,
            "false_abstention": self.false_abstention,
            "wrong_answers": self.wrong_answers,
        }


def calibration(
    gold: Sequence[GoldQuestion], best_relevance: Mapping[str, float], thresholds: Sequence[float]
) -> list[CalibrationPoint]:
    """The abstention trade-off over a sweep of thresholds, from each question's best
    passage relevance (questions with no passage at all count as abstained at any threshold).

    >>> g = [GoldQuestion("a", "?", ("x",), ("d",), None, True, "f"),
    ...      GoldQuestion("b", "?", (), (), None, False, "u")]
    >>> [p.to_dict() for p in calibration(g, {"a": 0.5, "b": 0.3}, [0.4])]
    [{'threshold': 0.4, 'false_abstention': 0.0, 'wrong_answers': 0.0}]
    """
    answerable = [best_relevance.get(g.id, -np.inf) for g in gold if g.answerable]
    unanswerable = [best_relevance.get(g.id, -np.inf) for g in gold if not g.answerable]
    return [
        CalibrationPoint(
            threshold=round(float(t), 4),
            false_abstention=mean([r < t for r in answerable]).value,
            wrong_answers=mean([r >= t for r in unanswerable]).value,
        )
        for t in thresholds
    ]
