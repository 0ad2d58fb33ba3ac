"""Show an :class:`~evals.runner.EvalRun`: the terminal table, and the markdown report with
its PNG charts (written with matplotlib, imported only when a report is written)."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from evals.gate import Limit
from evals.metrics import (
    FUNNEL_STAGES,
    LOWER_IS_BETTER,
    METRIC_NAMES,
    GoldQuestion,
    Prediction,
    Scores,
    contains_answer,
)
from evals.runner import LEGEND, RECALL_K, SYSTEMS, EvalRun, shown
from rag.config import PROJECT_ROOT
from rag.errors import ConfigError

REPORTS = PROJECT_ROOT / "evals" / "reports"
# Metrics compared in the "where we lose" list and the baselines chart (rates in 0..1).
RATES = (
    "answer_hit",
    "source_hit",
    "citation_precision",
    "verbatim",
    "recall_at_k",
    "mrr",
    "correct_abstention",
    "false_abstention",
    "conflict_precision",
    "conflict_recall",
    "conflict_kind_accuracy",
)
# Columns of the per-category tables.
CATEGORY_COLUMNS = (
    "answer_hit",
    "source_hit",
    "citation_precision",
    "recall_at_k",
    "mrr",
    "correct_abstention",
    "false_abstention",
    "conflict_precision",
    "conflict_recall",
)
SHORT = {
    "answer_hit": "ans hit",
    "source_hit": "src hit",
    "citation_precision": "cit prec",
    "verbatim": "verbatim",
    "recall_at_k": f"rec@{RECALL_K}",
    "mrr": "MRR",
    "correct_abstention": "abst ok",
    "false_abstention": "false abst",
    "conflict_precision": "conf P",
    "conflict_recall": "conf R",
    "conflict_kind_accuracy": "kind acc",
}
MISSES_SHOWN = 40


def label(metric: str) -> str:
    """Display name of a metric (``recall_at_k`` -> ``retrieval recall@3``)."""
    return METRIC_NAMES[metric].replace("@k", f"@{RECALL_K}")


def fmt(metric: str, value: float | None) -> str:
    """A metric value for a table: rates with 3 decimals, characters whole, times in ms."""
    if value is None:
        return "n/a"
    if metric == "median_answer_chars":
        return f"{value:.0f}"
    if metric.startswith("latency"):
        return f"{value:.1f}"
    return f"{value:.3f}"


def losses(run: EvalRun) -> list[str]:
    """One plain sentence per rate on which some baseline does better than ours, overall,
    then per category for its headline metric (answer hit, or correct abstention)."""
    out = [
        _beaten(metric, run.scores, run.systems, "")
        for metric in RATES
        if metric != "correct_abstention"  # baselines never abstain: they cannot win it
    ]
    headlines = _headline_metrics(run)
    for category, metric in headlines.items() if len(headlines) > 1 else ():
        scores = {s: run.by_category[s][category] for s in run.systems}
        out.append(_beaten(metric, scores, run.systems, f" in {category}"))
    return [x for x in out if x]


def _beaten(metric: str, scores: dict[str, Scores], systems: list[str], where: str) -> str:
    mine = scores["ours"].value(metric)
    better = []
    for system in systems[1:]:
        theirs = scores[system].value(metric)
        if not shown(system, metric) or mine is None or theirs is None:
            continue
        if theirs < mine if metric in LOWER_IS_BETTER else theirs > mine:
            better.append(f"{SYSTEMS[system]} {fmt(metric, theirs)}")
    if not better:
        return ""
    why = " (baselines never abstain)" if metric == "false_abstention" else ""
    return f"{label(metric)}{where}: ours {fmt(metric, mine)}; {', '.join(better)}{why}"


def _headline_metrics(run: EvalRun) -> dict[str, str]:
    """Per category, answer hit if it has answerable questions, else correct abstention."""
    ours = run.by_category["ours"]
    return {
        c: "answer_hit" if ours[c].value("answer_hit") is not None else "correct_abstention"
        for c in sorted(ours)
    }


def _grid(rows: Sequence[Sequence[str]], markdown: bool, numbers: bool = True) -> str:
    """Rows as an aligned text table, or markdown: first column left, the rest right
    (left too when they hold text rather than ``numbers``)."""
    if markdown:
        head, *body = rows
        lines = [
            "| " + " | ".join(head) + " |",
            "|" + "|".join(["---"] + ["--:" if numbers else "---"] * (len(head) - 1)) + "|",
        ]
        return "\n".join(lines + ["| " + " | ".join(r) + " |" for r in body])
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    return "\n".join(
        "  ".join(
            cell.ljust(widths[i]) if i == 0 else cell.rjust(widths[i]) for i, cell in enumerate(r)
        ).rstrip()
        for r in rows
    )


def summary_rows(run: EvalRun) -> list[list[str]]:
    """Metric rows with one column per system (n = questions the metric is over, for ours)."""
    scores = run.scores
    rows = [["metric", "n", *(SYSTEMS[s] for s in run.systems)]]
    for metric in METRIC_NAMES:
        rows.append(
            [
                label(metric),
                str(scores["ours"].metrics[metric].n),
                *(
                    fmt(metric, scores[s].value(metric)) if shown(s, metric) else ""
                    for s in run.systems
                ),
            ]
        )
    return rows


def category_rows(scores: dict[str, Scores]) -> list[list[str]]:
    rows = [["category", "n", *(SHORT[m] for m in CATEGORY_COLUMNS)]]
    for category, s in sorted(scores.items()):
        rows.append([category, str(s.questions), *(fmt(m, s.value(m)) for m in CATEGORY_COLUMNS)])
    return rows


def hit_by_category_rows(run: EvalRun) -> list[list[str]]:
    """Answer hit (answerable categories) or correct abstention (the others), every system."""
    systems = [s for s in run.systems if s != "naive_conflict"]
    rows = [["category", "metric", *(SYSTEMS[s] for s in systems)]]
    for category, metric in _headline_metrics(run).items():
        values = (run.by_category[s][category].value(metric) for s in systems)
        rows.append([category, SHORT[metric], *(fmt(metric, v) for v in values)])
    return rows


def gate_rows(run: EvalRun, limits: Sequence[Limit]) -> list[list[str]]:
    """Ours against the CI thresholds (no regression) and the targets (the goals)."""
    ours = run.scores["ours"]
    rows = [["metric", "ours", "threshold", "gate", "target", "target met"]]
    for limit in limits:
        value = ours.value(limit.metric)
        side = "<=" if limit.lower else ">="
        rows.append(
            [
                label(limit.metric),
                fmt(limit.metric, value),
                f"{side} {fmt(limit.metric, limit.threshold)}",
                "pass" if limit.passes(value, limit.threshold) else "FAIL",
                "" if limit.target is None else f"{side} {fmt(limit.metric, limit.target)}",
                ""
                if limit.target is None
                else ("yes" if limit.passes(value, limit.target) else "not yet"),
            ]
        )
    return rows


def calibration_summary(run: EvalRun) -> list[str]:
    """What the threshold sweep says, in sentences."""
    current = run.settings.min_answer_score
    points = run.calibration
    at = min(points, key=lambda p: abs(p.threshold - current))
    ours = run.scores["ours"]
    answered = _complement(ours.value("correct_abstention"))

    def rates(false_abstention: float | None, wrong: float | None) -> str:
        text = f"false abstention {fmt('rate', false_abstention)}"
        return text if wrong is None else f"{text}, unanswerable answered {fmt('rate', wrong)}"

    lines = [
        f"min_answer_score = {current:.2f}: by the score threshold alone, "
        f"{rates(at.false_abstention, at.wrong_answers)}; measured with every abstention "
        f"rule, {rates(ours.value('false_abstention'), answered)}."
    ]
    both = [p for p in points if p.false_abstention is not None and p.wrong_answers is not None]
    if both:
        best = min(both, key=lambda p: (p.false_abstention or 0) + (p.wrong_answers or 0))
        lines.append(
            f"Fewest errors of both kinds together at threshold {best.threshold:.2f}: "
            f"{rates(best.false_abstention, best.wrong_answers)}."
        )
    else:
        lines.append("These questions are all answerable: only false abstention is shown.")
    return lines


def _complement(value: float | None) -> float | None:
    return None if value is None else 1.0 - value


def format_table(run: EvalRun, gold: str, limits: Sequence[Limit] = ()) -> str:
    """The terminal output of ``rag eval``: summary, where we lose, categories, threshold."""
    counts = run.store_counts
    parts = [
        f"{len(run.questions)} questions from {gold}; store {run.settings.store} "
        f"({counts['documents']} documents, {counts['sentences']} sentences)",
        "",
        _grid(summary_rows(run), markdown=False),
    ]
    if len(run.systems) > 1:
        lose = losses(run)
        parts += [textwrap.fill(LEGEND, 100), ""]
        parts += (
            ["Where a baseline beats ours:", *(f"  - {x}" for x in lose)]
            if lose
            else ["No baseline beats ours on any rate."]
        )
    parts += ["", "Ours by category:", _grid(category_rows(run.by_category["ours"]), False)]
    if len(run.systems) > 1:
        parts += ["", "By category, every system:", _grid(hit_by_category_rows(run), False)]
    if limits:
        parts += ["", "CI gate (evals/thresholds/) and targets:"]
        parts += [_grid(gate_rows(run, limits), markdown=False)]
    parts += ["", "Abstention threshold:"]
    parts += [
        textwrap.fill(x, 100, initial_indent="  ", subsequent_indent="    ")
        for x in calibration_summary(run)
    ]
    if run.unknown_sources:
        parts += [
            "",
            f"warning: {len(run.unknown_sources)} gold source id(s) are not in this store, "
            f"e.g. {run.unknown_sources[0]}",
        ]
    return "\n".join(parts)


# --- The markdown report -------------------------------------------------------------------


def write_report(
    run: EvalRun, path: Path, gold: str, command: str, limits: Sequence[Limit] = ()
) -> list[Path]:
    """Write the markdown report at ``path`` and its three charts beside it; returns the files."""
    path.parent.mkdir(parents=True, exist_ok=True)
    stem = path.with_suffix("")
    charts = {
        "baselines": stem.with_name(stem.name + "-baselines.png"),
        "categories": stem.with_name(stem.name + "-categories.png"),
        "abstention": stem.with_name(stem.name + "-abstention.png"),
    }
    plot_baselines(run, charts["baselines"])
    plot_categories(run, charts["categories"])
    plot_abstention(run, charts["abstention"])
    path.write_text(markdown(run, path.stem, gold, command, charts, limits), encoding="utf-8")
    return [path, *charts.values()]


def markdown(
    run: EvalRun,
    name: str,
    gold: str,
    command: str,
    charts: dict[str, Path],
    limits: Sequence[Limit] = (),
) -> str:
    counts, settings = run.store_counts, run.settings
    lose = losses(run)
    lines = [
        f"# Eval report: {name}",
        "",
        "Regenerate this report (and its charts) with:",
        "",
        "```sh",
        command,
        "```",
        "",
        f"{len(run.questions)} questions from `{gold}`, on a store of {counts['documents']} "
        f"documents ({counts['sentences']} sentences, {counts['chunks']} chunks); finished "
        f"{run.finished}. Settings: min_answer_score {settings.min_answer_score}, "
        f"max_sentences {settings.max_sentences}, chunk_tokens {settings.chunk_tokens}, "
        f"dense_k {settings.dense_k}, lexical_k {settings.lexical_k}. Latency is measured warm, "
        "in process, on whatever else the machine was doing at the time.",
        "",
        "## Ours vs baselines",
        "",
        _grid(summary_rows(run), markdown=True),
        "",
        "`n` is the number of questions a metric is computed over (for ours); `n/a`: none. "
        + (LEGEND if len(run.systems) > 1 else ""),
        "",
    ]
    if len(run.systems) > 1:
        lines += ["**Where a baseline beats ours:**", ""]
        lines += [f"- {x}" for x in lose] if lose else ["- nowhere, on these questions."]
        lines += ["", f"![ours vs baselines]({charts['baselines'].name})", ""]
    if limits:
        lines += [
            "## CI gate and targets",
            "",
            "`make test` fails when ours crosses a threshold of `evals/thresholds/` (set "
            "a little below measured values: no regression). The targets are the goals.",
            "",
            _grid(gate_rows(run, limits), markdown=True, numbers=False),
            "",
        ]
    lines += [
        "## By category (ours)",
        "",
        _grid(category_rows(run.by_category["ours"]), markdown=True),
        "",
        f"![metrics by category]({charts['categories'].name})",
        "",
    ]
    if len(run.systems) > 1:
        lines += [
            "### Every system by category",
            "",
            "Answer hit for categories of answerable questions, correct abstention for the others.",
            "",
            _grid(hit_by_category_rows(run), markdown=True),
            "",
        ]
    lines += _funnel_section(run)
    lines += [
        "## Abstention threshold",
        "",
        "The composer abstains when the best passage relevance (`rag.score.relevance`) is "
        "below `min_answer_score` (it also abstains for other reasons: names no article "
        "mentions, no sentence of the asked answer type). The curve shows, for each threshold, "
        "what the score rule alone would do with each question's best relevance.",
        "",
        *calibration_summary(run),
        "",
        f"![abstention threshold curve]({charts['abstention'].name})",
        "",
        _grid(_calibration_rows(run), markdown=True),
        "",
        *_misses(run),
        *DEFINITIONS,
    ]
    return "\n".join(lines) + "\n"


def _funnel_section(run: EvalRun) -> list[str]:
    """Where our notes lose the gold's disagreements, for a set whose gold says what each
    source gives; nothing for another set."""
    rows = run.funnel
    if not rows or not rows[0].questions.n:
        return []
    table = [["stage", "sides that reach it", "questions with 2+ sides there"]]
    for row in rows:
        table.append(
            [
                FUNNEL_STAGES[row.stage],
                f"{fmt('rate', row.sides.value)} of {row.sides.n}",
                f"{fmt('rate', row.questions.value)} of {row.questions.n}",
            ]
        )
    return [
        "## Where disagreements are lost (ours)",
        "",
        "For each conflict question whose gold lists what each source gives (its claim groups, "
        "or RAMDocs' answers and wrong answers), each side is one value; a side reaches a stage "
        "when a sentence that states it does. A note needs two sides at the last stage. The "
        "stages are not nested: a note may take a side from beyond the pool, without a slot's "
        "reading (the span reader, near copies) and from a sentence the answer does not show; "
        "where the count of questions with two sides falls is where notes are lost.",
        "",
        _grid(table, markdown=True, numbers=False),
        "",
    ]


def _calibration_rows(run: EvalRun) -> list[list[str]]:
    """Every 0.05 of the sweep, and the current setting; no unanswerable column without any."""
    current = run.settings.min_answer_score
    points = run.calibration
    wrong = points[0].wrong_answers is not None
    rows = [["threshold", "false abstention (answerable)"]]
    rows[0] += ["answered (unanswerable)"] if wrong else []
    for p in points:
        is_current = abs(p.threshold - current) < 0.005
        if round(p.threshold * 100) % 5 == 0 or is_current:
            row = [f"{p.threshold:.2f}" + (" (current)" if is_current else "")]
            row += [fmt("rate", p.false_abstention)]
            rows.append(row + ([fmt("rate", p.wrong_answers)] if wrong else []))
    return rows


def _misses(run: EvalRun) -> list[str]:
    """Tables of our mistakes, at most ``MISSES_SHOWN`` of each kind."""
    ours = run.predictions["ours"]
    groups: dict[str, list[tuple[GoldQuestion, Prediction]]] = {
        "Answerable, missed (abstained or no gold span in the answer)": [],
        "Unanswerable, answered": [],
        "Conflict flag wrong (gold conflict vs ours)": [],
    }
    keys = list(groups)
    for g in run.questions:
        p = ours[g.id]
        if g.answerable and (p.abstained or not contains_answer(p.answer_text, g.answers)):
            groups[keys[0]].append((g, p))
        if not g.answerable and not p.abstained:
            groups[keys[1]].append((g, p))
        if g.conflict is not None and p.conflict is not None and g.conflict != p.conflict:
            groups[keys[2]].append((g, p))
    lines = ["## Misses (ours)", ""]
    for title, items in groups.items():
        more = f", first {MISSES_SHOWN} shown" if len(items) > MISSES_SHOWN else ""
        lines += [f"### {title}: {len(items)}{more}", ""]
        if not items:
            continue
        rows = [["id", "category", "question", "gold", "ours"]]
        for g, p in items[:MISSES_SHOWN]:
            said = "(abstained)" if p.abstained else _clip(p.answer_text, 160)
            if title.startswith("Conflict"):
                said = f"conflict {p.conflict} {'/'.join(p.conflict_kinds)}".strip() + ": " + said
                gold = f"conflict {g.conflict} {g.conflict_kind or ''}".strip()
            else:
                gold = " / ".join(g.answers) or "(unanswerable)"
            rows.append([g.id, g.category, _clip(g.question, 120), _clip(gold, 80), said])
        escaped = [[c.replace("|", "\\|") for c in r] for r in rows]
        lines += [_grid(escaped, markdown=True, numbers=False), ""]
    return lines


def _clip(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


DEFINITIONS = [
    "## Definitions",
    "",
    "- **Matching**: a gold span counts when it occurs in the answer text (the answer's "
    "sentences, without the `[n]` markers) after normalisation: curly quotes and apostrophes "
    "made straight, dashes and the minus sign made `-`, runs of white space folded to one "
    "space, casefolded. The match must be whole: no letter or digit right before or after it. "
    "Nothing fuzzier.",
    "- **answer hit**: answerable questions whose answer holds a gold span (an abstention "
    "is a miss).",
    "- **source hit**: answerable questions where a cited document is a gold source.",
    "- **citation precision**: share of the distinct cited documents that are gold sources, "
    "averaged over answered answerable questions.",
    "- **verbatim**: questions where every citation and nearest passage equals the article "
    "file's `text[start:end]`, every answer sentence equals its first citation's quote, and "
    "every conflict claim's quote occurs in its document. Must be 1.000 for ours.",
    f"- **retrieval recall@{RECALL_K} / MRR**: documents ranked by their first appearance in "
    "the retrieved passages; share of gold sources in the first "
    f"{RECALL_K}, and 1/rank of the first gold source.",
    "- **correct abstention**: unanswerable questions abstained on; **false abstention**: "
    "answerable questions abstained on.",
    "- **conflict precision / recall**: per question, predicted = the answer carries at least "
    "one conflict note, gold = the `conflict` field (`null` is not scored). **Kind accuracy**: "
    "among true positives with a gold `conflict_kind`, a note of that kind.",
    "- **median answer chars**: answered questions; **latency**: `Pipeline.ask` per question, "
    "warm, in process (baselines: their own retrieval, plus encoding the question for the "
    "dense ones).",
    "- **Baselines** (never abstain; headings skipped): *BM25 top-2* and *dense top-2* answer "
    "with the two best sentences by BM25 / by embedding; *top chunk* answers with the nearest "
    "chunk's text, cited to its document (chunk text joins sentences with single spaces, so "
    "it is rarely the file's exact text at its offsets: hence its low verbatim); *naive "
    "conflict* re-flags our answers as a disagreement whenever they cite two or more sources.",
]


# --- Charts ---------------------------------------------------------------------------------


def _pyplot() -> Any:
    try:
        import matplotlib
    except ImportError:
        raise ConfigError(
            "the report's charts need matplotlib: install it with `.venv/bin/pip install "
            "matplotlib` (or `make install-dev`)"
        ) from None

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


COLOURS = {
    "ours": "#1b6ca8",
    "bm25": "#e39b2d",
    "dense": "#7aa95c",
    "hybrid": "#8c6bb1",
    "top_chunk": "#a0a0a0",
    "naive_conflict": "#c44e52",
}


def plot_baselines(run: EvalRun, path: Path) -> None:
    """Grouped horizontal bars: every rate for every system, and the median answer length."""
    plt = _pyplot()
    scores = run.scores
    metrics = [
        m for m in RATES if any(scores[s].value(m) is not None and shown(s, m) for s in run.systems)
    ]
    fig, (bars, lengths) = plt.subplots(
        1, 2, figsize=(12, 0.55 * len(metrics) + 2.5), gridspec_kw={"width_ratios": [3, 1]}
    )
    # Only systems with a bar to draw (the naive flag has none without conflict questions).
    systems = [
        s
        for s in run.systems
        if any(scores[s].value(m) is not None and shown(s, m) for m in metrics)
    ]
    height = 0.8 / len(systems)
    for i, system in enumerate(systems):
        ys, xs = [], []
        for j, metric in enumerate(metrics):
            value = scores[system].value(metric)
            if value is not None and shown(system, metric):
                ys.append(j + (i - (len(systems) - 1) / 2) * height)
                xs.append(value)
        bars.barh(ys, xs, height=height, color=COLOURS[system], label=SYSTEMS[system])
        for y, x in zip(ys, xs, strict=True):
            bars.text(x + 0.01, y, f"{x:.2f}", va="center", fontsize=7)
    bars.set_yticks(range(len(metrics)))
    bars.set_yticklabels(
        [label(m) + (" (lower is better)" if m in LOWER_IS_BETTER else "") for m in metrics]
    )
    bars.invert_yaxis()
    bars.set_xlim(0, 1.12)
    bars.set_title("Ours vs baselines (same store, same questions)")
    bars.legend(loc="upper center", bbox_to_anchor=(0.5, -0.04), ncol=len(run.systems), fontsize=8)
    bars.grid(axis="x", alpha=0.3)
    answering = [s for s in run.systems if s != "naive_conflict"]
    chars = [scores[s].value("median_answer_chars") or 0 for s in answering]
    lengths.barh(range(len(answering)), chars, height=0.6, color=[COLOURS[s] for s in answering])
    lengths.set_yticks(range(len(answering)))
    lengths.set_yticklabels([SYSTEMS[s] for s in answering])
    lengths.invert_yaxis()
    lengths.set_title("Median answer length (chars)")
    for y, x in enumerate(chars):
        lengths.text(x, y, f" {x:.0f}", va="center", fontsize=8)
    lengths.set_xlim(0, max(chars + [1]) * 1.3)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def plot_categories(run: EvalRun, path: Path) -> None:
    """A heat map of our metrics by category, values written in, n/a cells blank."""
    plt = _pyplot()
    by_category = run.by_category["ours"]
    categories = sorted(by_category)
    metrics = [
        m for m in CATEGORY_COLUMNS if any(by_category[c].value(m) is not None for c in categories)
    ]
    values = np.array(
        [
            [
                by_category[c].value(m) if by_category[c].value(m) is not None else np.nan
                for m in metrics
            ]
            for c in categories
        ],
        dtype=float,
    )
    # Colour by goodness, so red is bad whichever way a metric points.
    goodness = np.where([m in LOWER_IS_BETTER for m in metrics], 1 - values, values)
    fig, ax = plt.subplots(figsize=(1.1 * len(metrics) + 3, 0.5 * len(categories) + 1.8))
    cmap = plt.get_cmap("RdYlGn").copy()
    cmap.set_bad("#eeeeee")
    ax.imshow(np.ma.masked_invalid(goodness), cmap=cmap, vmin=0, vmax=1, aspect="auto")
    for i in range(len(categories)):
        for j in range(len(metrics)):
            text = "n/a" if np.isnan(values[i, j]) else f"{values[i, j]:.2f}"
            ax.text(j, i, text, ha="center", va="center", fontsize=8)
    ax.set_xticks(range(len(metrics)))
    ax.set_xticklabels([SHORT[m] for m in metrics], rotation=30, ha="right")
    ax.set_yticks(range(len(categories)))
    ax.set_yticklabels([f"{c} ({by_category[c].questions})" for c in categories])
    ax.set_title("Ours by category (green = good; false abst: lower is better)")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def plot_abstention(run: EvalRun, path: Path) -> None:
    """False abstentions and answered unanswerables against the threshold, current marked."""
    plt = _pyplot()
    points = run.calibration
    current = run.settings.min_answer_score
    fig, ax = plt.subplots(figsize=(8, 4.8))
    xs = [p.threshold for p in points]
    if points[0].false_abstention is not None:
        ax.plot(
            xs,
            [p.false_abstention for p in points],
            color="#c44e52",
            label="false abstention (answerable abstained on)",
        )
    if points[0].wrong_answers is not None:
        ax.plot(
            xs,
            [p.wrong_answers for p in points],
            color="#1b6ca8",
            label="wrong answers (unanswerable answered)",
        )
    ax.axvline(current, color="black", linestyle="--", linewidth=1)
    ax.text(current + 0.005, 0.97, f"current {current:.2f}", fontsize=8, va="top")
    ours = run.scores["ours"]
    measured = [
        (ours.value("false_abstention"), "#c44e52"),
        (_complement(ours.value("correct_abstention")), "#1b6ca8"),
    ]
    for value, colour in measured:
        if value is not None:
            ax.plot(
                [current], [value], marker="o", color=colour, markersize=7, markerfacecolor="white"
            )
    ax.plot(
        [],
        [],
        marker="o",
        color="black",
        markerfacecolor="white",
        linestyle="",
        label="measured at current setting (all abstention rules)",
    )
    ax.set_xlabel("min_answer_score (abstain when best relevance is below it)")
    ax.set_ylabel("share of questions")
    ax.set_ylim(-0.02, 1.02)
    ax.set_xlim(xs[0], xs[-1])
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8, loc="center right")
    ax.set_title("Abstention threshold: the trade-off")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
