"""The CI gate: thresholds (no regression) and targets (the goals) for ours on gated sets.

Each gated gold set has a file ``evals/thresholds/<name>.json`` (``gold`` for
``evals/gold.jsonl``; ``ramdocs-dev`` for ``evals/data/ramdocs-dev/qa.jsonl``) that maps
each metric to ``{"min" or "max": threshold, "measured": value it was set from, "target":
goal or null}``. ``make test`` fails when ours crosses a threshold. ``rag eval
--update-thresholds`` re-sets them from a run: :data:`MARGIN`, or one question's worth when
that is more, on the safe side of each measured value, except ``verbatim``, which is always
exactly 1. One question's worth because a metric over few questions (support precision over
30) moves by 1/n when one answer changes, and the reader's int8 scores may differ in the last
digits on another CPU.
"""

from __future__ import annotations

import dataclasses
import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from evals.metrics import METRIC_NAMES, Scores
from rag.config import PROJECT_ROOT
from rag.errors import ConfigError

THRESHOLDS_DIR = PROJECT_ROOT / "evals" / "thresholds"
THRESHOLDS = THRESHOLDS_DIR / "gold.json"


def gate_file(gold: Path) -> Path | None:
    """The thresholds file of a gold file, if it is gated: ``<name>.json`` where the name is
    the gold file's stem, or its folder's name for a ``qa.jsonl``."""
    name = gold.parent.name if gold.stem == "qa" else gold.stem
    path = THRESHOLDS_DIR / f"{name}.json"
    return path if path.is_file() else None


# How far below a measured value (above, for lower-is-better) its threshold is set.
MARGIN = 0.02
# Metrics whose threshold is fixed whatever was measured: quotes are verbatim, always.
FIXED = {"verbatim": 1.0}


@dataclass(frozen=True)
class Limit:
    """One metric's threshold and target; ``lower`` when lower is better (a maximum)."""

    metric: str
    threshold: float | None
    target: float | None
    lower: bool

    def passes(self, value: float | None, bound: float | None) -> bool:
        """Whether ``value`` is on the right side of ``bound`` (no bound: always)."""
        if bound is None:
            return True
        if value is None:
            return False
        return value <= bound if self.lower else value >= bound


def load_limits(path: Path = THRESHOLDS) -> list[Limit]:
    """The limits of a thresholds file.

    Example::

        [limit.metric for limit in load_limits()][:2]   # ["answer_hit", "source_hit"]
    """
    try:
        config: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        return [
            Limit(
                metric=name,
                threshold=spec["max"] if "max" in spec else spec["min"],
                target=spec["target"],
                lower="max" in spec,
            )
            for name, spec in config["metrics"].items()
            if name in METRIC_NAMES
        ]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ConfigError(
            f"cannot read the thresholds in {path} ({exc}): each metric needs a min or max "
            "and a target (see evals/gate.py)"
        ) from exc


def failures(scores: Scores, limits: list[Limit]) -> list[str]:
    """The thresholds ``scores`` crosses, in words; empty when the gate passes.

    >>> from evals.metrics import Metric
    >>> s = Scores(3, {"answer_hit": Metric(0.5, 3)})
    >>> failures(s, [Limit("answer_hit", 0.8, 0.95, lower=False)])
    ['answer hit 0.500 is below its threshold 0.800']
    """
    out = []
    for limit in limits:
        value = scores.value(limit.metric)
        if not limit.passes(value, limit.threshold):
            shown = "n/a" if value is None else f"{value:.3f}"
            side = "above" if limit.lower else "below"
            out.append(
                f"{METRIC_NAMES[limit.metric]} {shown} is {side} its threshold "
                f"{limit.threshold:.3f}"
            )
    return out


def remeasured(limits: Sequence[Limit], scores: Scores) -> list[Limit]:
    """The limits with thresholds re-set from ``scores`` (two decimals, on the safe side;
    a metric with nothing to measure is not gated).

    >>> from evals.metrics import Metric
    >>> s = Scores(9, {"answer_hit": Metric(0.868, 9), "false_abstention": Metric(0.011, 9)})
    >>> [(x.metric, x.threshold) for x in remeasured(
    ...     [Limit("answer_hit", 0.5, 0.95, False), Limit("false_abstention", 0.5, 0.05, True)], s)]
    [('answer_hit', 0.75), ('false_abstention', 0.13)]
    >>> s = Scores(90, {"answer_hit": Metric(0.868, 90)})
    >>> remeasured([Limit("answer_hit", 0.5, 0.95, False)], s)[0].threshold
    0.84
    """
    out = []
    for limit in limits:
        measured = scores.metrics[limit.metric]
        value = measured.value
        margin = max(MARGIN, 1 / max(1, measured.n))
        if limit.metric in FIXED:
            threshold: float | None = FIXED[limit.metric]
        elif value is None:
            threshold = None
        elif limit.lower:
            threshold = min(1.0, math.ceil(round((value + margin) * 100, 6)) / 100)
        else:
            threshold = max(0.0, math.floor(round((value - margin) * 100, 6)) / 100)
        out.append(dataclasses.replace(limit, threshold=threshold))
    return out


def write_limits(limits: Sequence[Limit], scores: Scores, path: Path = THRESHOLDS) -> None:
    """Write ``limits`` with the values they were measured from, keeping the file's notes."""
    config: dict[str, Any] = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    config["measured_on"] = date.today().isoformat()
    config["metrics"] = {
        limit.metric: {
            ("max" if limit.lower else "min"): limit.threshold,
            "measured": _rounded(scores.value(limit.metric)),
            "target": limit.target,
        }
        for limit in limits
    }
    path.write_text(json.dumps(config, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 4)
