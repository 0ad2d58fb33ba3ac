"""How an answer was reached, in words: what ``rag ask --explain`` prints after the answer.

Built from a :class:`~rag.api.Trace` (one question's way through the pipeline): how the
question was read, the best candidate sentences with their relevance and what became of
each (read by the reader, in the pool that conflict notes are read from, shown), why the
composer abstained when it did, and each disagreement found with its sides. For whoever
wonders why the tool answered as it did; nothing here changes an answer.
"""

from __future__ import annotations

from collections.abc import Sequence

from rag.api import Trace
from rag.config import Settings
from rag.conflicts import compared_slots, side_pool
from rag.questions import QuestionInfo
from rag.score import relevance, was_read
from rag.slots import SlotSpec
from rag.types import Passage

# The candidates shown: the reader's (Settings.reader_candidates) and a couple below them.
CANDIDATES_SHOWN = 10
_QUOTE_CHARS = 110


def explain(trace: Trace, settings: Settings) -> str:
    """The explanation of one traced question, as lines of text."""
    composition = trace.composition
    question = composition.question
    ranked = composition.ranked
    pool = {p.sentence.id for p in side_pool(composition, settings)}
    shown = composition.shown()
    if question.yes_no:
        asks = "yes or no"
    elif question.answer_type:
        asks = f"a {question.answer_type}"
    else:
        asks = "no particular kind of value"
    compared = compared_slots(question)
    slots = ", ".join(dict.fromkeys(spec.name for spec, _ in compared)) or "none"
    lines = [
        "How this answer was reached",
        f"  The question asks for {asks}; the slots a note compares: {slots}.",
    ]
    if question.names:
        lines.append(f"  Its names: {', '.join(question.names)}.")
    # a text several sources repeat is read once (rag.score.rank)
    read = len({p.sentence.text for p in ranked if was_read(p)})
    lines += [
        "",
        f"  {len(ranked)} candidate sentences; the reader read {read} (the best by evidence).",
    ]
    if ranked:
        lines.append(
            f"  Best {min(CANDIDATES_SHOWN, len(ranked))} by relevance (read / in the conflict "
            "pool / shown):"
        )
    for n, p in enumerate(ranked[:CANDIDATES_SHOWN], start=1):
        marks = "".join(
            mark if on else "-"
            for mark, on in (
                ("R", was_read(p)),
                ("P", p.sentence.id in pool),
                ("S", p.sentence.id in shown),
            )
        )
        lines.append(
            f"  {n:>3}. {relevance(p):.2f} {marks} [{p.doc.doc_id}] “{_clip(p.sentence.text)}”"
        )
        if p.sentence.id in pool and compared:
            lines.append(f"         {_readings(compared, p)}")
    if composition.abstention is not None:
        best = relevance(ranked[0]) if ranked else None
        lines += [
            "",
            f"  Abstained ({composition.abstention.reason}): {composition.abstention.message}",
        ]
        if composition.abstention.reason == "low_confidence" and best is not None:
            lines.append(
                f"  The best sentence's relevance is {best:.2f}; an answer needs "
                f"{settings.min_answer_score:.2f} (min_answer_score)."
            )
    if trace.findings:
        lines += ["", "  Where the sources disagree or tell of different things:"]
        for finding in trace.findings:
            sides = " against ".join(
                f"“{side.reading.label}” ({', '.join(p.doc.doc_id for p in side.passages)})"
                for side in finding.sides
            )
            lines.append(f"    {finding.slot}, {finding.kind}: {sides}")
    elif composition.abstention is None:
        lines += ["", "  No disagreement found on what the question asks."]
    return "\n".join(lines)


def _readings(compared: Sequence[tuple[SlotSpec, QuestionInfo]], passage: Passage) -> str:
    """What each slot a note compares reads in a pool sentence, as its reader reads it, or
    that none reads a thing: where a disagreement is lost, when the sentence states a side.
    Not all that rag.conflicts.detect weighs: it has the span reader check a value, and reads
    the role and the yes or no of some sentences beyond the pool."""
    read = [
        f"{spec.name} “{_clip(reading.label)}”"
        for spec, asked in compared
        if (reading := spec.read(asked, passage.sentence.text, passage.annotation))
    ]
    return "reads: " + "; ".join(read) if read else "no slot a note compares reads a value here"


def _clip(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _QUOTE_CHARS else text[: _QUOTE_CHARS - 1] + "…"
