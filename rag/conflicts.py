"""Conflict notes: where the sources that answer a question disagree on what it asks.

One engine over the slots of :mod:`rag.slots`. For each slot the question asks about, every
passage nearly as relevant as the best one (and at least ``Settings.conflict_floor``) is
read (its :class:`~rag.slots.Reading`; for a slot read beside the asked name, a title,
every retrieved passage about what the question names); the readings are grouped into
sides that agree (where they disagree on a value, the span reader of :mod:`rag.spans` says
which of each sentence's values answers); and two sides from different sources that cannot
both hold make a finding. The span reader also admits what no slot reader would, where it is
sure of its answer (``Settings.span_sure_margin``): a sentence less relevant than a side
needs, down to ``Settings.faint_floor``, that gives the value in other words; and, for a
question no slot asks about, a figure or a date that is a sentence's whole answer ("What
penalty...?": "£2.4 million").

- ``contradiction``: the same fact stated differently (or an ``occasion``: a statement made
  at different times or places, figures given as of different years, a toll that grew
  over the days it was reported; both may be true; or
  ``framing``: the same claim asserted by one source and attributed, or left open, by
  another);
- ``ambiguity``: the sides are about different things that share a name (two films called
  the same, two people called the same). Their sentences tell them apart by another value
  that cannot be shared (a different year, a different nationality) or by what they call it
  (a thriller, a documentary), so they are not a contradiction, but the reader should see
  both.

Sources whose sentences differ only in a short span (a near copy with one value changed,
as misinformation often is) contradict each other on that span even when the question's
slot has no reader for it, and when the reader did not read one of them, if the first
sentences of their articles are one text too.

A false note is worse than a missing one: a reading only counts when the sentence states
it, sides must come from different sources, and a slot's note on an asked value needs a
sentence the answer shows to state one, or else sentences that use the question's verb.
"""

from __future__ import annotations

import dataclasses
import itertools
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np

from rag import language as lang
from rag.annotate import values_of
from rag.compose import Composition
from rag.config import Settings
from rag.lexical import tokenize
from rag.questions import QuestionInfo
from rag.schema import ConflictKind
from rag.score import log_odds, relevance, title_context
from rag.slots import (
    POSSESSIVE,
    SETTING,
    SLOT_NAMED,
    VALUE_KINDS,
    Reading,
    SlotSpec,
    agree,
    as_occasion,
    asked_kinds,
    asked_life_event,
    asked_slots,
    changed_only_within,
    copied_within,
    copy_tokens,
    differing_spans,
    in_lifespan,
    may_be_near_copies,
    of_asked_kind,
    role_in_span,
    uses_asked_verb,
    values_of_asked_kind,
)
from rag.spans import AnswerSpan, SpanReader
from rag.subjects import named_apart, qualifier_spans
from rag.types import Passage
from rag.values import NAME_KINDS, YEAR, Value, each_states_another, same_name

# An article's gist by its id, for the articles asked (rag.store.Store.gists).
Gists = Callable[[Sequence[str]], Mapping[str, np.ndarray]]

# A year or coarser: a value that tells two subjects apart ("the 1912 film", "the 1936 film");
# a day is more often the date of a report than of what it is about.
_DISTINGUISHING_DAYS = 300


@dataclass(frozen=True)
class Side:
    """One position in a disagreement: what it says, and its passages (one per source)."""

    reading: Reading
    passages: tuple[Passage, ...]


@dataclass(frozen=True)
class Finding:
    """A disagreement: its slot, kind, topic words, and two or more sides."""

    slot: str
    kind: ConflictKind
    topic: str
    sides: tuple[Side, ...]
    # For figures each given as of another year, those years, side by side.
    as_of: tuple[str, ...] = ()

    def labelled(self) -> list[tuple[Reading, Passage]]:
        """Every passage with the reading of its side, side by side."""
        return [(side.reading, p) for side in self.sides for p in side.passages]


def detect(
    composition: Composition,
    settings: Settings,
    spans: SpanReader | None = None,
    *,
    asked_as: str | None = None,
    gists: Gists | None = None,
) -> list[Finding]:
    """Every disagreement on what the question asks among the passages nearly as relevant
    as the best one (a title: among all about what the question names), one finding per
    slot and kind. Nothing for an abstention.

    ``spans`` (the pipeline's) checks sides that disagree on a value: each sentence's value
    must be its answer (:func:`_answered`); without it, the readers' choice stands. It also
    admits, where it is sure of their answers, sentences less relevant than a side needs
    (``Settings.faint_floor``) and figures or dates no slot asks for
    (:func:`_answer_values`). It reads the question as ``asked_as`` when given: as the
    sentence reader reads it, with the people it describes by role named
    (:func:`rag.aliases.named_in_place`). ``gists`` (the store's, :meth:`rag.store.Store.gists`)
    tells sides about two stories far apart as two things of one name (:func:`_far_stories`);
    without it, only their names do."""
    if composition.abstention is not None or not composition.ranked:
        return []
    question = composition.question
    best = log_odds(composition.ranked[0])
    pool = side_pool(composition, settings)
    findings: list[Finding] = []
    shown = composition.shown()
    in_pool = {id(p) for p in pool}
    # sentences the span reader may admit as sides of a value slot (_slot_findings)
    faint = [
        p
        for p in (composition.ranked if spans is not None else ())
        if id(p) not in in_pool
        and log_odds(p) >= best - settings.conflict_margin
        and relevance(p) >= settings.faint_floor
        and p.named
        and p.anchored
    ]
    specs = [(spec, question) for spec in asked_slots(question)]
    if not specs and spans is not None and not question.yes_no and not question.asks_several:
        findings.extend(_answer_values(question, pool, settings, spans, asked_as, gists))
    if not any(f.slot == "date" for f in findings):
        # the span reader reads what was said, not when: where it found no dates that
        # disagree, the date reader reads those of the saying
        specs += as_occasion(question)
    for spec, asked in specs:
        if spec is SETTING and any(f.kind == "occasion" for f in findings):
            continue  # the days already tell the occasions apart: one note is enough
        if spec.of_the_name:
            read_from = [p for p in composition.ranked if p.named and p.anchored]
        elif spec.name == "stance":
            # whether it happened: also a sentence that says it with the question's verb,
            # which the reader may hold far less relevant than one on the events around it
            # ("Tamm conceded on Wednesday morning." beside "A recount ... has confirmed
            # Lindgren's victory" for "Has Tamm conceded the race?")
            read_from = pool + [
                p
                for p in composition.ranked
                if id(p) not in in_pool
                and _may_be_a_side(p, settings)
                and uses_asked_verb(asked, p.annotation)
                and _names_the_subject(asked, p)
            ]
        elif spec is SETTING:
            # A source may report the words so unlike the question that the reader holds
            # them far less relevant ("speaking to Stride in an interview on Monday, said:
            # 'These were the best conditions...'" for "...describe the weather as the best
            # in ten years?"): a faint sentence is read too where it is as alike as a
            # report of the same words to a sentence of the pool that names a setting.
            told = [p for p in pool if spec.read(asked, p.sentence.text, p.annotation)]
            read_from = pool + [
                p
                for p in faint
                if any(_similar(p, q) >= settings.same_words_reported for q in told)
            ]
        else:
            read_from = pool
        findings.extend(
            _slot_findings(
                spec,
                asked,
                read_from,
                shown,
                settings,
                spans,
                asked_as,
                faint,
                gists,
                ranked=composition.ranked,
            )
        )
    # Near copies show what the sources dispute even where no reader knows the slot, or
    # where the readers took another value of the sentence for the asked one; not between
    # sources a slot's findings already set on different sides or subjects.
    sides_by_slot: dict[str, dict[int, Side]] = {}
    for f in findings:
        sides_by_slot.setdefault(f.slot, {}).update((id(side), side) for side in f.sides)
    opposed = {
        frozenset((p.doc.doc_id, q.doc.doc_id))
        for sides in sides_by_slot.values()
        for side, other in itertools.combinations(sides.values(), 2)
        for p in side.passages
        for q in other.passages
    }
    findings.extend(_near_copies(question, pool, composition.ranked, opposed, settings))
    return findings


def compared_slots(question: QuestionInfo) -> list[tuple[SlotSpec, QuestionInfo]]:
    """Every slot a note on the question may compare, each with the question as it is read
    for that slot: the slots it asks about, then the date of an occasion question read as
    asking "when" (:func:`rag.slots.as_occasion`, which :func:`detect` reads where the span
    reader found no dates that disagree)."""
    return [(spec, question) for spec in asked_slots(question)] + as_occasion(question)


def side_pool(composition: Composition, settings: Settings) -> list[Passage]:
    """The passages whose readings may be sides of a note, most relevant first: nearly as
    relevant as the best one (``Settings.conflict_margin``) and fit to be a side
    (:func:`_may_be_a_side`); none for an abstention."""
    if composition.abstention is not None or not composition.ranked:
        return []
    best = log_odds(composition.ranked[0])
    return [
        p
        for p in composition.ranked
        if log_odds(p) >= best - settings.conflict_margin and _may_be_a_side(p, settings)
    ]


def _answered(
    question: QuestionInfo,
    read: Sequence[tuple[Passage, Reading]],
    spans: SpanReader,
    asked_as: str | None,
    margin: float,
    *,
    unsure_floor: float | None,
) -> list[tuple[Passage, Reading]]:
    """The readings of the sentences whose answer, as the span reader reads it
    (:mod:`rag.spans`), is a value of the asked kind, each with only the values within that
    answer; a reading whose answer the span reader holds less than ``margin`` more likely
    than "no answer here" as it is where its margin is above ``unsure_floor`` (the model
    unsure, not sure the sentence answers nothing), else none.

    The readers take a sentence's value of the asked kind nearest the question's words; the
    span reader reads the question and the sentence together. A sentence whose answer holds
    no such value is no side ("Which company operates the Tern?": not "Skerry Point" in "The
    Halden Marine bulk carrier Tern ran aground off Skerry Point"), and one whose answer is
    a value the readers passed over gives that value ("Who won the open?": "Nico Ferrante",
    not his home town), if it is one they may read (:func:`rag.slots.values_of_asked_kind`:
    not a name the question gives, a side of a tally, an age for "how many"). Where the span
    reader is wrong, a note may be lost: it may read the year of a clause about something
    else ("Haddad, who joined Halvorsen in 2011, was appointed chief executive on 3 March"),
    and "2011" does not contradict another source's "10 March".
    """
    found = _span_answers(question, [p for p, _ in read], spans, asked_as)
    kinds = asked_kinds(question)
    kept = []
    for (passage, reading), span in zip(read, found, strict=True):
        if span.margin < margin:
            if unsure_floor is not None and span.margin > unsure_floor:
                # not sure enough to overrule the readers, nor to stand before a reading of
                # the same source it is sure of (rag.conflicts._sides)
                kept.append((passage, dataclasses.replace(reading, fallback=True)))
            continue
        text = passage.sentence.text
        said = {
            v.norm for v in values_of(passage.annotation) if v.kind in kinds and _overlaps(v, span)
        }
        within = _within(reading.values, span, said)
        if not within:
            admissible = values_of_asked_kind(question, text, passage.annotation)
            within = _within(admissible, span, said)
            if not within and said and not any(v.norm in said for v in admissible):
                # The model's answer is a value the readers may not take ("added 1,900
                # people since the last count" for "How many people live in Bramford?"):
                # their own reading stands, as one read for want of better.
                kept.append((passage, dataclasses.replace(reading, fallback=True)))
                continue
        if within:
            # the model's answer: no longer a value read for want of better
            answer = dataclasses.replace(
                reading,
                label=text[within[0].start : within[0].end],
                norm=within[0].norm,
                values=tuple(within),
                fallback=False,
            )
            kept.append((passage, answer))
    return kept


def _span_answers(
    question: QuestionInfo, passages: Sequence[Passage], spans: SpanReader, asked_as: str | None
) -> list[AnswerSpan]:
    """The span reader's answer in each passage's sentence, read with its article's title,
    to the question as ``asked_as`` words it when given."""
    return spans.read(
        asked_as or question.text,
        [p.sentence.text for p in passages],
        [title_context(p) for p in passages],
    )


def _answer_values(
    question: QuestionInfo,
    pool: Sequence[Passage],
    settings: Settings,
    spans: SpanReader,
    asked_as: str | None,
    gists: Gists | None,
) -> list[Finding]:
    """Disagreements on a figure or a date that no slot asks for, read by the span reader:
    a question whose answer, in the pool's sentences, is a value ("What fee did the club
    pay?": "£18 million", "£21.5 million"; "For how long will the bridge be shut?": "about
    six weeks", "around four months"). Each sentence the model holds answers
    (``Settings.span_sure_margin``) with a span that is no more than a value of one of
    these kinds is read as that value; the readings of each kind compare as the kind's
    slot's do."""
    # Only a sentence with a value of these kinds may be read as one (and the model is read
    # for no other).
    valued = [
        (p, stated)
        for p in pool
        if (stated := [v for v in values_of(p.annotation) if v.kind in _ANSWER_VALUE_KINDS])
    ]
    if not valued:
        return []
    found = _span_answers(question, [p for p, _ in valued], spans, asked_as)
    by_kind: dict[str, list[tuple[Passage, Reading]]] = {}
    for (passage, stated), span in zip(valued, found, strict=True):
        if span.margin < settings.span_sure_margin:
            continue
        values = [v for v in stated if _overlaps(v, span)]
        kinds = {v.kind for v in values}
        if len(kinds) != 1 or not _only_values(passage.sentence.text, span, values):
            continue  # no value, or a date and a figure ("a 2023 fee of £18 million")
        (kind,) = kinds
        label = passage.sentence.text[values[0].start : values[0].end]
        reading = Reading(kind, label, values[0].norm, tuple(values))
        by_kind.setdefault(kind, []).append((passage, reading))
    # Not held to the answer's shown sentences as a slot's readings are (_using_asked_verb):
    # the span reader has read each of these as the answer, and "For how long will drivers
    # be unable to use the bridge?" is answered by "the closure will last about six weeks"
    # whichever sentences the answer shows.
    return [
        finding
        for slot, read in by_kind.items()
        for finding in _disagreements(SLOT_NAMED[slot], question, read, settings, gists)
    ]


# The kinds of value a span read without a slot may be: figures and dates compare by what
# they state; names, read without a slot's filters, may be of anything the sentence names.
_ANSWER_VALUE_KINDS = ("number", "date")
# The most words a span may hold besides its values and still be read as one ("for a fee
# of £18 million" is not the answer "£18 million"; "about six weeks" is one value). Set by
# hand.
_SPAN_EXTRA_WORDS = 2


def _only_values(text: str, span: AnswerSpan, values: Sequence[Value]) -> bool:
    """Whether the span is its values and at most a couple of words besides."""
    rest = list(text[span.start : span.end])
    for v in values:
        for i in range(max(v.start, span.start), min(v.end, span.end)):
            rest[i - span.start] = " "
    # a possessive is no word of its own, nor the part of the day a date's day has, which
    # the tagger reads apart: "Tuesday night's council meeting" is a date and two words
    words = re.findall(r"\w+", POSSESSIVE.sub(" ", "".join(rest)))
    return len([w for w in words if w.lower() not in lang.PARTS_OF_DAY]) <= _SPAN_EXTRA_WORDS


def _within(values: Sequence[Value], span: AnswerSpan, said: set[str]) -> list[Value]:
    """The values that overlap the span's characters or name what it names (``said``: the
    norms of the sentence's values within it), as where a sentence names a value twice and
    the span is the mention the readers do not read ("Larkin Covered Bridge (Chester
    Springs, Pennsylvania) ... is located in Chester Springs")."""
    return [v for v in values if _overlaps(v, span) or v.norm in said]


def _overlaps(value: Value, span: AnswerSpan) -> bool:
    return value.start < span.end and span.start < value.end


def _may_be_a_side(passage: Passage, settings: Settings) -> bool:
    """Whether a sentence relevant enough for the pool may be a side of a note: at least
    ``conflict_floor`` relevant; from an article about what the question names, however
    relevant the sentence (not a college's "first convocation was held in 2007" beside a film
    festival's, nor another town's mayor for "Who is the mayor of Millbrook?"); and below
    what an answer needs only when about a rare name the question uses (not "40,000 marched
    in Manchester" beside "12,000 in Leeds" for a march in Leeds)."""
    return (
        relevance(passage) >= settings.conflict_floor
        and passage.named
        and (passage.anchored or relevance(passage) >= settings.min_answer_score)
    )


def _names_the_subject(question: QuestionInfo, passage: Passage) -> bool:
    """Whether the sentence itself is about the question's subject: it names one of the
    question's names ("Tamm conceded", "Tansy's board approved", which the tagger may miss)
    and no other person, who would be its subject ("Omar Haddad conceded the Ward 2 race",
    "Lindgren conceded the 2019 race to Tamm")."""
    text = passage.sentence.text
    values = [v for v in values_of(passage.annotation) if v.kind in NAME_KINDS]
    asked = [e for e in question.entities if len(e) >= 3]

    def asked_name(value: Value) -> bool:
        return any(same_name(value.norm, e) for e in asked)

    named = any(asked_name(v) for v in values) or any(
        re.search(rf"(?<!\w){re.escape(e)}(?!\w)", text, re.I) for e in asked
    )
    return named and not any(v.kind == "person" and not asked_name(v) for v in values)


def _slot_findings(
    spec: SlotSpec,
    question: QuestionInfo,
    pool: Sequence[Passage],
    shown: set[str],
    settings: Settings,
    spans: SpanReader | None = None,
    asked_as: str | None = None,
    faint: Sequence[Passage] = (),
    gists: Gists | None = None,
    ranked: Sequence[Passage] = (),
) -> list[Finding]:
    if question.asks_several and spec.name in VALUE_KINDS:
        return []  # "Which countries...?": each source may name some of them, not all
    read = [(p, r) for p in pool if (r := spec.read(question, p.sentence.text, p.annotation))]
    shows_none = spec.name in VALUE_KINDS and not any(p.sentence.id in shown for p, _ in read)
    if shows_none:
        read = _using_asked_verb(question, read)
    if spec.name == "attribution":
        # a sentence that asks what the question asks may share few of its words ("are
        # examining whether blasting played a role"), so it may be faint (faint sentences
        # come only with the span reader, which the pipeline always passes)
        left_open = [
            (p, r)
            for p in faint
            if (r := spec.read(question, p.sentence.text, p.annotation)) and r.norm == "open"
        ]
        return _framing(spec, question, [*read, *left_open], settings)
    # A slot whose disagreements are occasions asks when or where something was said: the
    # span reader reads what was said ("in June" for "When did the mayor say the library
    # would close?"), the readers the saying.
    when_said = spec.kind(question) == "occasion"
    if spans is not None and spec.name == "role":
        titled = {id(p) for p, _ in read}
        untitled = [p for p in pool if id(p) not in titled]
        read = [*read, *_titles_by_span(question, untitled, spans, asked_as, settings)]
    if spans is None or spec.name not in VALUE_KINDS or when_said:
        return _disagreements(spec, question, read, settings, gists)
    faint_read: list[tuple[Passage, Reading]] = []
    if read:
        # A source that gives the value in other words than the question's is a side where
        # the span reader is sure of it (Settings.faint_floor): one the pool has no reading
        # of, held to what the pool's readings are held to, and about the same thing
        # (:func:`_of_the_same_thing`).
        placed = {p.doc.doc_id for p, _ in read}
        candidates = [
            (p, r)
            for p in faint
            if p.doc.doc_id not in placed
            and (r := spec.read(question, p.sentence.text, p.annotation))
            and _of_the_same_thing(question, p, r, [r for _, r in read])
        ]
        if shows_none:
            candidates = _using_asked_verb(question, candidates)
        margin = settings.span_sure_margin
        faint_read = _answered(question, candidates, spans, asked_as, margin, unsure_floor=None)
    if len(_sides([*read, *faint_read])) >= 2:
        read = _answered(
            question,
            read,
            spans,
            asked_as,
            settings.span_margin,
            unsure_floor=settings.span_none_margin,
        )
    read = [*read, *faint_read]
    both = _giving_both(spec, question, read, ranked)
    return _disagreements(
        spec, question, [(p, r) for p, r in read if p.doc.doc_id not in both], settings, gists
    )


def _giving_both(
    spec: SlotSpec,
    question: QuestionInfo,
    read: Sequence[tuple[Passage, Reading]],
    ranked: Sequence[Passage],
) -> set[str]:
    """The sources that give the figures of two sides, in any of their retrieved sentences
    (``ranked``): a source that gives both disputes neither. Its other figure is of
    something else the question's words also fit: a trial's 14,200 volunteers beside the
    610 people its drug maker employs, the three killed in Sunday's quake beside the nine
    of one in 1987. Figures only, as measured: a story's days and people recur in every
    source's sentences about its other events ("sparked on Saturday" beside "the
    evacuation order came early Sunday"), so sources that each give one day or one name
    would be lost."""
    if spec.name != "number":
        return set()
    sides = _sides(read)
    if len(sides) < 2:
        return set()
    side_of = {p.doc.doc_id: side for side in sides for p in side.passages}
    figures: dict[str, list[Reading]] = {}
    for passage in ranked:
        doc = passage.doc.doc_id
        if doc in side_of and (
            reading := spec.read(question, passage.sentence.text, passage.annotation)
        ):
            figures.setdefault(doc, []).append(reading)
    return {
        doc
        for doc, side in side_of.items()
        if any(
            agree(figure, other.reading) is True
            for figure in figures.get(doc, ())
            for other in sides
            if other is not side
        )
    }


def _titles_by_span(
    question: QuestionInfo,
    pool: Sequence[Passage],
    spans: SpanReader,
    asked_as: str | None,
    settings: Settings,
) -> list[tuple[Passage, Reading]]:
    """The titles of sentences the role reader reads none in, as the span reader reads them
    where it is sure (``Settings.span_sure_margin``), right before the asked person's name
    or in an apposition after it (:func:`rag.slots.role_in_span`): mostly titles that end in
    no word of lang.TITLE_WORDS ("Harlan Voss, Pemberford's chief bridge engineer", "mission
    director Oona Reinholt"); never a span that holds a name (not the firm, "Veltrane", for
    "What is Solberg's position at Veltrane?")."""
    if not pool:
        return []
    found = _span_answers(question, pool, spans, asked_as)
    read = []
    for passage, span in zip(pool, found, strict=True):
        if span.margin < settings.span_sure_margin:
            continue
        names = [v for v in values_of(passage.annotation) if v.kind in NAME_KINDS]
        if any(_overlaps(v, span) for v in names):
            continue
        text = passage.sentence.text
        if reading := role_in_span(question, text, span.start, span.end):
            read.append((passage, reading))
    return read


def _using_asked_verb(
    question: QuestionInfo, read: Sequence[tuple[Passage, Reading]]
) -> list[tuple[Passage, Reading]]:
    """The readings of sentences that use the question's own verb: what is left of a value
    slot's readings when none of the sentences the answer shows states a value of the
    asked kind. Either the answer is of another kind ("legitimate Ukrainian authorities" for
    "Who did Putin say must be involved?"), and the values of less relevant sentences
    answer other questions (the forum where he spoke, the channel that reported it); or it
    says it without the value ("The factory closed after 80 years"), and sources that use
    the question's own verb may still disagree on it ("closed in March 2019")."""
    return [(p, r) for p, r in read if uses_asked_verb(question, p.annotation)]


def _of_the_same_thing(
    question: QuestionInfo, passage: Passage, reading: Reading, others: Sequence[Reading]
) -> bool:
    """Whether a faint sentence's reading may be of what the others' are: a figure in the
    unit of one of theirs ("9%" beside "14%", "£3.2 million" beside "£4.5 million"; not a
    firm's "1,700 people" beside the "2.1 million passengers" asked about); any other value
    from a sentence that uses the question's verb (not the day workers "met at the mill to
    mark its centenary" for "When did the mill close?"), as the span reader, sure as it may
    be, takes a date of another event for the asked one."""
    if reading.slot == "number" and reading.values:
        unit = reading.values[0].unit
        return any(o.values and o.values[0].unit == unit for o in others)
    return uses_asked_verb(question, passage.annotation)


def _disagreements(
    spec: SlotSpec,
    question: QuestionInfo,
    read: Sequence[tuple[Passage, Reading]],
    settings: Settings,
    gists: Gists | None,
) -> list[Finding]:
    """The findings of a slot's readings: sides that contradict one another about one
    subject, and sides about subjects that share a name."""
    sides = _sides(read)
    if len(sides) < 2:
        return []
    if years := _as_of_different_years(spec, sides):
        # The years date the figures, not their subjects: one subject at different times.
        return [Finding(spec.name, "occasion", spec.topic, tuple(sides), as_of=years)]
    subjects = _by_subject(question, sides, settings, gists)
    findings = []
    for first, *others in subjects:
        # Only a side that contradicts the subject's first is a side against it; one that
        # merely fails to agree ("Missouri, United States" beside "Missouri") is not.
        same = [first, *(s for s in others if agree(first.reading, s.reading) is False)]
        if len(same) >= 2:
            grew = _toll_grew_over_days(spec, question, same, settings)
            kind = "occasion" if grew else spec.kind(question)
            findings.append(Finding(spec.name, kind, spec.topic, tuple(same)))
    if len(subjects) >= 2:
        distinct = tuple(first for first, *_ in subjects)
        findings.append(Finding(spec.name, "ambiguity", spec.topic, distinct))
    return findings


# A year a figure is given as of: right after "as of" ("As of 2011 Census", "as of March
# 2019", "as of mid-2020"), or right before "census", "estimate"... ("the 2016 census").
_AS_OF = re.compile(
    r"\b(?:"
    + "|".join(map(re.escape, lang.AS_OF_BEFORE))
    + rf")\s+(?:[a-z]+[\s-])?{YEAR}\b|\b{YEAR}\s+(?:"
    + "|".join(map(re.escape, lang.AS_OF_AFTER))
    + r")\b",
    re.I,
)


def _as_of_different_years(spec: SlotSpec, sides: Sequence[Side]) -> tuple[str, ...]:
    """The years each side gives its figure as of, when every side gives one and each
    another: populations at different censuses (3,998 in 2011, 11,012 in 2016) may all be
    right. Empty otherwise."""
    if spec.name != "number":
        return ()
    years = [next(filter(None, (_as_of_year(p, side.reading) for p in side.passages)), None)
             for side in sides]  # fmt: skip
    if None in years or len(set(years)) < len(years):
        return ()
    return tuple(y for y in years if y is not None)


def _as_of_year(passage: Passage, reading: Reading) -> str | None:
    """The year a sentence gives its figure as of, not a figure it states."""
    read = [(v.start, v.end) for v in reading.values]
    for match in _AS_OF.finditer(passage.sentence.text):
        group = 1 if match.group(1) else 2
        start, end = match.span(group)
        if not any(start < b and a < end for a, b in read):
            return match.group(group)
    return None


def _toll_grew_over_days(
    spec: SlotSpec, question: QuestionInfo, sides: Sequence[Side], settings: Settings
) -> bool:
    """Whether the sides count what grows as an event unfolds (the dead, the injured, the
    arrested: ``lang.DEVELOPING_TOLLS``; or anything each later source says has grown to
    its figure, ``lang.GROWTH_WORDS``: "grew to 18,000 acres"), each in articles of later
    days than the one before it, within ``Settings.developing_days``, and none fewer than
    the one before: "30 people had died" on Monday and "41" on Wednesday may both have been
    right, and the newest source says which is latest. A toll that falls, or one counted on
    the same day, still contradicts."""
    if spec.name != "number":
        return False
    words = set(re.findall(r"[a-z]+", question.text.lower()))
    tolls = bool(words & lang.DEVELOPING_TOLLS)
    try:
        dated = [
            ([date.fromisoformat(p.doc.published or "") for p in side.passages], side)
            for side in sides
        ]
    except ValueError:  # an article without a date, or one of a month only
        return False
    dated.sort(key=lambda ds: min(ds[0]))
    if not tolls and not all(_said_grown(side) for _, side in dated[1:]):
        return False
    for (days, side), (later_days, later) in itertools.pairwise(dated):
        if min(later_days) <= max(days) or not side.reading.values or not later.reading.values:
            return False
        low, later_low = side.reading.values[0].low, later.reading.values[0].low
        if low is None or later_low is None or later_low < low:
            return False
    span = max(dated[-1][0]) - min(dated[0][0])
    return span.days <= settings.developing_days


def _said_grown(side: Side) -> bool:
    """Whether the side's first sentence says its figure is what something grew to."""
    if not side.reading.values:
        return False
    before = side.passages[0].sentence.text[: side.reading.values[0].start]
    return bool(set(re.findall(r"[a-z]+", before.lower())[-3:]) & lang.GROWTH_WORDS)


def _sides(read: Sequence[tuple[Passage, Reading]]) -> list[Side]:
    """Readings grouped into sides that agree, most relevant first; each source on the side
    of its most relevant reading (one read for want of better only if it has no other), and
    one passage per source within a side."""
    sides: list[tuple[Reading, list[Passage]]] = []
    placed: set[str] = set()
    # A reading read for want of better (Reading.fallback) places its source last of all.
    for passage, reading in sorted(read, key=lambda pr: pr[1].fallback):
        if passage.doc.doc_id in placed:
            continue  # a source may hedge within itself; sides are about sources
        placed.add(passage.doc.doc_id)
        for side_reading, passages in sides:
            if agree(side_reading, reading) is True:
                passages.append(passage)
                break
        else:
            sides.append((reading, [passage]))
    # Only sides that contradict another one matter; a reading that compares with none
    # (other units) is left out rather than shown as a side.
    disagreeing = [
        (r, ps)
        for r, ps in sides
        if any(agree(r, other) is False for other, _ in sides if other is not r)
    ]
    return [Side(r, tuple(ps)) for r, ps in disagreeing]


def _by_subject(
    question: QuestionInfo, sides: Sequence[Side], settings: Settings, gists: Gists | None
) -> list[list[Side]]:
    """The sides grouped by the subject they are about, most relevant first: each side with
    the first group whose first side it is not told apart from, or in a group of its own.
    Sides of one group that contradict its first are a contradiction; the groups' first
    sides, side by side, an ambiguity (two cricketers called Morea, and two debuts given
    for one of them: both notes)."""
    subjects: list[list[Side]] = []
    for side in sides:
        group = next(
            (g for g in subjects if not _told_apart(question, g[0], side, settings, gists)), None
        )
        if group is None:
            subjects.append([side])
        else:
            group.append(side)
    return subjects


def _told_apart(
    question: QuestionInfo, a: Side, b: Side, settings: Settings, gists: Gists | None
) -> bool:
    """Whether two sides are about different subjects that share the question's name.

    A side's sources agree on the asked value, so they are taken to be about one subject:
    the sides differ when their sentences name it otherwise (:func:`rag.subjects.named_apart`).
    Otherwise every pair of their sentences must differ in another value a subject has only
    one of (a year, a nationality). Sentences that are the same but for values of the asked
    kind are one text edited, however they name their subject ("Larkin Covered Bridge
    (Springfield, Massachusetts) ... located in Springfield, Massachusetts near the village
    of Eagle" beside the page on the bridge in Chester Springs): two things that share a
    name differ in more than that (another holder's name, another setting)."""
    if any(
        _edited_copy(question, x, y, a.reading, b.reading) for x in a.passages for y in b.passages
    ):
        return False
    if (
        named_apart(question, a.passages, b.passages)
        or _other_stories(question, a, b, settings)
        or (gists is not None and _far_stories(a, b, settings, gists))
    ):
        return True
    return all(
        _distinguishing(question, x, a.reading, y, b.reading)
        for x in a.passages
        for y in b.passages
    )


def _other_stories(question: QuestionInfo, a: Side, b: Side, settings: Settings) -> bool:
    """Whether every pair of the two sides' articles tells another story: each names at
    least ``Settings.story_names`` names the question does not use, they share none
    (:func:`_share_a_name`), and their first sentences share at most
    ``Settings.story_shared_lead`` of their words. Articles about one subject share a name
    besides the question's (a place, a body, a person quoted) or tell the same event at the
    start (a wire story and a local paper's on one fire); two that do neither tell of two
    things of one name (a chess player and a fire chief called Nico Ferrante)."""
    asked = [*question.entities, " ".join(question.names).lower()]
    asked_words = set(tokenize(" ".join(asked)))

    def story(passage: Passage) -> tuple[list[str], set[str]]:
        others = [n for n in passage.story_names if not any(same_name(n, q) for q in asked)]
        return others, set(tokenize(passage.lead)) - asked_words

    stories_b = [story(p) for p in b.passages]
    for names_x, lead_x in (story(p) for p in a.passages):
        for names_y, lead_y in stories_b:
            if min(len(names_x), len(names_y)) < settings.story_names:
                return False
            if _share_a_name(names_x, names_y):
                return False
            if len(lead_x & lead_y) > settings.story_shared_lead * min(len(lead_x), len(lead_y)):
                return False
    return True


def _far_stories(a: Side, b: Side, settings: Settings, gists: Gists) -> bool:
    """Whether every pair of the two sides' articles tells stories far apart: each has at
    least ``Settings.story_sentences`` sentences and their gists (the mean of their
    sentences' vectors, :meth:`rag.store.Store.gists`) are less similar than
    ``Settings.story_similarity``. Two reports of one event tell one story whatever they
    disagree on (a crowd of 21,400 or 12,400 at one final); a town's flood and another
    town's census, both "Bramwick", do not, though they may share a place or a body the
    names test (:func:`_other_stories`) finds in both. A snippet of a few sentences is
    not judged so: its gist is its sentences, which say little of a story."""
    pairs = [(x.doc.doc_id, y.doc.doc_id) for x in a.passages for y in b.passages]
    long_enough = {
        p.doc.doc_id
        for p in (*a.passages, *b.passages)
        if p.story_sentences >= settings.story_sentences
    }
    if not all(x != y and x in long_enough and y in long_enough for x, y in pairs):
        return False  # one article on both sides tells one story, and costs no reading
    read = gists(sorted(long_enough))
    return all(float(read[x] @ read[y]) < settings.story_similarity for x, y in pairs)


def _share_a_name(names_x: Sequence[str], names_y: Sequence[str]) -> bool:
    """Whether two articles' names share one: the same name, a one-word name that is a word
    of the other's ("Brightvale", "Brightvale Grocers"), or names that end in one word (a
    surname, or a body's or place's head: "Ada Winslow", "Dr Winslow"); not a first name
    alone ("Marta Cole", "Marta Oyelaran"). Sets, not a fuzzy match of every pair, so a
    long article costs little."""

    def words(names: Sequence[str]) -> tuple[set[str], set[str], set[str]]:
        split = [n.split() for n in names]
        return (
            {w for ws in split for w in ws},
            {ws[-1] for ws in split if ws},
            {ws[0] for ws in split if len(ws) == 1},
        )

    every_x, last_x, single_x = words(names_x)
    every_y, last_y, single_y = words(names_y)
    return bool(
        set(names_x) & set(names_y) or last_x & last_y or single_x & every_y or single_y & every_x
    )


def _edited_copy(
    question: QuestionInfo, x: Passage, y: Passage, said_x: Reading, said_y: Reading
) -> bool:
    """Whether two sentences are one text with only values of the asked kind (or the
    qualifier after the asked name) changed, in articles that begin as one text too: pages
    written from one template differ where they begin ("Wadi, Karnataka Wadi is a census
    town in Gulbarga district", "Wadi, Maharashtra Wadi is a census town in Nagpur
    district"), an edited copy does not. What each side reads is a value of the asked kind
    wherever its sentence says it, though the tagger missed it there ("War Music (Jay-Z
    album) ... by American rapper Jay-Z" beside the same page of Slim the Mobster's)."""
    if question.slot not in VALUE_KINDS:
        return False
    sentence_spans = (
        _asked_spans(question, x.sentence.text, x.annotation, said_x),
        _asked_spans(question, y.sentence.text, y.annotation, said_y),
    )
    lead_spans = (
        _asked_spans(question, x.lead, x.lead_annotation, said_x),
        _asked_spans(question, y.lead, y.lead_annotation, said_y),
    )
    return changed_only_within(x.sentence.text, y.sentence.text, *sentence_spans) and copied_within(
        x.lead, y.lead, *lead_spans
    )


def _asked_spans(
    question: QuestionInfo, text: str, annotation: Mapping[str, Any], said: Reading
) -> list[tuple[int, int]]:
    """Where an annotated sentence states a value of the asked kind (or the value its side
    reads, as written there) or qualifies the asked name: what an edited copy changes."""
    values = of_asked_kind(question, values_of(annotation))
    label = rf"(?<!\w){re.escape(said.label)}(?!\w)"
    written = [m.span() for m in re.finditer(label, text)] if said.values else []
    return (
        [(v.start, v.end) for v in values] + written + qualifier_spans(question, text, annotation)
    )


def _distinguishing(
    question: QuestionInfo, x: Passage, rx: Reading, y: Passage, ry: Reading
) -> bool:
    return each_states_another(_defining(question, x, rx), _defining(question, y, ry))


def _defining(question: QuestionInfo, passage: Passage, reading: Reading) -> list[Value]:
    """The values of a sentence, other than those read for the question, that its subject
    has only one of: a year or coarser date, a nationality or group, and the ends of a
    person's lifespan but the one the question asks about ("(13 January 1891 – 1965)" and
    "(6 May 1892 – 1980)" are two people's for "When was he born?", for they died in other
    years; an edited birth date leaves the death as it was)."""
    asked = {(v.start, v.end) for v in reading.values}
    text, values = passage.sentence.text, values_of(passage.annotation)
    life_event = asked_life_event(question)
    return [
        v
        for v in values
        if (v.start, v.end) not in asked
        and (
            _defines(v)
            or (v.kind == "date" and in_lifespan(v, text, values) not in (None, life_event))
        )
    ]


def _defines(value: Value) -> bool:
    """Values a subject has one of: a year or coarser date, a nationality or group."""
    if value.kind == "group":
        return True
    return (
        value.kind == "date"
        and value.low is not None
        and value.high is not None
        and value.high - value.low >= _DISTINGUISHING_DAYS
    )


def _framing(
    spec: SlotSpec,
    question: QuestionInfo,
    read: Sequence[tuple[Passage, Reading]],
    settings: Settings,
) -> list[Finding]:
    """The same statement asserted by one source and attributed, or left open, by another."""
    asserted = [(p, r) for p, r in read if r.norm == "asserted"]
    distanced = [(p, r) for p, r in read if r.norm in ("attributed", "open")]
    for p, r in distanced:
        for q, s in asserted:
            if p.doc.doc_id != q.doc.doc_id and _similar(p, q) >= settings.same_statement:
                sides = (Side(s, (q,)), Side(r, (p,)))
                return [Finding(spec.name, spec.kind(question), spec.topic, sides)]
    return []


def _similar(a: Passage, b: Passage) -> float:
    return float(a.embedding @ b.embedding)


def _near_copies(
    question: QuestionInfo,
    pool: Sequence[Passage],
    ranked: Sequence[Passage],
    opposed: set[frozenset[str]],
    settings: Settings,
) -> list[Finding]:
    """Two sources whose sentences are the same but for a short span each: what differs
    is what they disagree on (a near copy with a value changed), when it is what the
    question asks for: a value of the asked kind, or anything when it asks for no kind.
    Sources already ``opposed`` in a finding are not compared again.

    The pool's own pairs come first. Then one of the two may lie outside the pool, however
    little relevant (the reader reads only the best few candidates, and a line that does
    not name what it is about reads as far less relevant than the answer), and both may
    when one is at least ``conflict_floor`` relevant; then their articles' first sentences
    must be one text too (:func:`_same_page`)."""
    in_pool = {id(p) for p in pool}
    above: list[Passage] = []
    below: list[Passage] = []
    for p in ranked:
        if p.named and id(p) not in in_pool:
            (above if relevance(p) >= settings.conflict_floor else below).append(p)
    every = [*pool, *above, *below]
    tokens = [copy_tokens(p.sentence.text) for p in every]
    pairs = itertools.chain(
        itertools.combinations(range(len(pool)), 2),
        (  # a pool sentence or one above the floor, with any later one outside the pool
            (i, j)
            for i in range(len(pool) + len(above))
            for j in range(max(i + 1, len(pool)), len(every))
        ),
    )
    for i, j in pairs:
        a, b = every[i], every[j]
        if a.doc.doc_id == b.doc.doc_id or frozenset((a.doc.doc_id, b.doc.doc_id)) in opposed:
            continue
        if not may_be_near_copies(tokens[i], tokens[j]):
            continue
        spans = differing_spans(a.sentence.text, b.sentence.text)
        if spans is None:
            continue
        span_a, span_b = spans
        if same_name(span_a.lower(), span_b.lower()):
            continue
        if not (_asked_in(question, a, span_a) or _asked_in(question, b, span_b)):
            continue  # they differ on a detail the question does not ask about
        if j >= len(pool) and not _same_page(a, b, span_a, span_b):
            continue
        sides = (
            Side(Reading("text", span_a, span_a), (a,)),
            Side(Reading("text", span_b, span_b), (b,)),
        )
        return [Finding("text", "contradiction", "what the sources state", sides)]
    return []


def _same_page(a: Passage, b: Passage, span_a: str, span_b: str) -> bool:
    """Whether the first sentences (after the title) of two near copies' articles are one
    text, but for the spans the near copies differ in: an edited copy of one page (or of one
    wire story), not the page of another subject written from the same template ("Sandusky
    Township is one of the sixteen townships of Crawford County", "... of the seventeen
    townships of Richland County"). Not known without both first sentences."""
    if not (a.lead and b.lead):
        return False
    within_a = [m.span() for m in re.finditer(re.escape(span_a), a.lead)]
    within_b = [m.span() for m in re.finditer(re.escape(span_b), b.lead)]
    return copied_within(a.lead, b.lead, within_a, within_b)


def _asked_in(question: QuestionInfo, passage: Passage, span: str) -> bool:
    """Whether ``span`` of the passage's sentence states what the question asks for: a
    value of the kind it asks for; for a question a slot reads otherwise (a vote, a yes or
    no, a kind of thing), no date or figure, which that slot does not read ("ruled on June
    12" and "June 13" for "How did the judges vote?"); anything, for any other question."""
    at = passage.sentence.text.find(span)
    if at < 0:
        return question.slot not in VALUE_KINDS
    within = [v for v in values_of(passage.annotation) if v.start < at + len(span) and at < v.end]
    if question.slot in VALUE_KINDS:
        return bool(of_asked_kind(question, within))
    if asked_slots(question):
        return not any(v.kind in ("date", "number") for v in within)
    return True


KIND_SENTENCES: dict[ConflictKind, str] = {
    "contradiction": "They state it differently; at most one can be right.",
    "occasion": "They describe different occasions, so both may be true.",
    "framing": "They describe the same events with different judgement.",
    "ambiguity": "They are about different things that share a name.",
}


def note_text(finding: Finding, citations: dict[str, int]) -> str:
    """The fixed-template note: topic, kind, and which cited source is newest when dated."""
    text = f"Sources disagree on {finding.topic}. {KIND_SENTENCES[finding.kind]}"
    if finding.kind == "ambiguity":
        text = f"The sources answer about different subjects. {KIND_SENTENCES['ambiguity']}"
    dated = [p for _, p in finding.labelled() if p.doc.published]
    if finding.as_of:  # the figures' own years say which is latest, not the articles' dates
        text += f" Each gives it as of another year: {', '.join(finding.as_of)}."
    elif finding.kind == "occasion" and dated:
        newest = max(dated, key=lambda p: (p.doc.published, p.doc.doc_id))
        text += (
            f" The most recent source is [{citations[newest.sentence.id]}], "
            f"published {newest.doc.published}."
        )
    return text


def is_disagreement(kind: ConflictKind) -> bool:
    """Whether a note of this kind says the sources disagree (an ambiguity does not)."""
    return kind != "ambiguity"
