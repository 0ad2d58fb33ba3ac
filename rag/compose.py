"""Compose an extractive answer: decide whether the articles answer, pick the sentences,
and find which other sources state the same thing.

Pure: takes the analysed question and the ranked passages (:func:`rag.score.rank`),
returns a :class:`Composition`. Nothing here writes a word of its own: every answer
sentence is a passage's sentence, and the conflict stage and :mod:`rag.assemble` turn the
composition into the public :class:`~rag.schema.Answer`.

A corroboration needs more than similar wording: when the question asks for a value (a
date, a figure, a name, a yes or no), the backing sentence must state a compatible one
(:func:`rag.slots.agree`). A citation never backs a sentence whose asked value it
contradicts, nor a sentence about another thing of the same name.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from rag import language as lang
from rag.annotate import values_of, verb_starts
from rag.config import Settings
from rag.lexical import stem, tokenize
from rag.questions import (
    QuestionInfo,
    a_share,
    has_answer_type,
    name_runs,
    opposite_of_asked,
    stated_dates,
    stated_figures,
)
from rag.schema import AbstentionReason
from rag.score import log_odds, relevance
from rag.slots import (
    EDITED_COPY,
    Reading,
    SlotSpec,
    agree,
    asserts_what_question_negates,
    dates_no_event,
    differing_spans,
    main_slot,
    negates_what_question_asserts,
    opposite_event,
)
from rag.subjects import named_apart
from rag.types import Passage
from rag.values import Value, compatible, each_states_another

ANSWER_TYPE_WORDS = {
    "number": "a number",
    "time": "a date or time",
    "person": "a name",
    "place": "a place",
}


@dataclass(frozen=True)
class Group:
    """One answer sentence: its passage and the passages from other sources that state the
    same thing."""

    main: Passage
    corroborations: tuple[Passage, ...] = ()

    def passages(self) -> tuple[Passage, ...]:
        return (self.main, *self.corroborations)


@dataclass(frozen=True)
class Abstention:
    """Why the articles do not answer: a code and the same in words for a reader."""

    reason: AbstentionReason
    message: str


@dataclass(frozen=True)
class Composition:
    """The composer's result: answer groups, or an abstention with the nearest passages.
    ``ranked`` keeps every candidate, most relevant first, for the conflict stage."""

    question: QuestionInfo
    ranked: tuple[Passage, ...]
    groups: tuple[Group, ...] = ()
    abstention: Abstention | None = None

    def shown(self) -> set[str]:
        """Ids of the sentences the answer cites."""
        return {p.sentence.id for g in self.groups for p in g.passages()}


def compose(
    question: QuestionInfo,
    ranked: Sequence[Passage],
    settings: Settings,
    unknown_names: Sequence[str] = (),
    anchors: Sequence[str] = (),
) -> Composition:
    """The answer's sentences for ``question``, or why there is none. ``ranked`` are the
    candidates, most relevant first; ``unknown_names`` the question's names no article
    mentions; ``anchors`` its rarely mentioned names, one of which an answer must be about
    (``Passage.anchored`` says whether a passage is)."""
    judged = _candidates(question, ranked, settings, unknown_names, anchors)
    if isinstance(judged, Abstention):
        return Composition(question, tuple(ranked), abstention=judged)
    groups = _select(question, judged, settings)
    groups = _with_antecedents(groups, ranked, settings)
    return Composition(question, tuple(ranked), groups=tuple(groups))


def _candidates(
    question: QuestionInfo,
    ranked: Sequence[Passage],
    settings: Settings,
    unknown_names: Sequence[str],
    anchors: Sequence[str],
) -> list[Passage] | Abstention:
    """The passages an answer may be made of, most relevant first: relevant enough, about
    what the question names, not set aside, of the asked kind (:func:`_typed`); or why there
    are none, or why the best left may not stand in for a better one set aside."""
    if not ranked:
        return Abstention("no_passages", "The articles do not answer this question.")
    if unknown_names:
        named = ", ".join(_as_named(question, unknown_names))
        return Abstention("not_mentioned", f"The articles never mention {named}.")
    if relevance(ranked[0]) < settings.min_answer_score:
        return Abstention(
            "low_confidence",
            "No sentence in the articles answers this question closely enough.",
        )
    relevant = _answerable(ranked, settings)
    if not relevant:
        named = " or ".join(anchors)
        return Abstention(
            "not_about_asked_name",
            f"The sentences that mention {named} do not answer this, and the ones that come "
            f"closest are not about {named}.",
        )
    aside = _set_aside(relevant[0], question)
    answerable = _not_set_aside(relevant, question)
    if not answerable:  # each relevant passage is set aside: the first one tells why
        assert aside is not None
        return aside
    typed = _typed(answerable, question, settings)
    if not typed:
        return _states_no_answer_type(question)
    # The best relevant passage is set aside and the best left is far weaker: no answer,
    # rather than a weaker sentence standing in for the one set aside ("How many shops will
    # it close?": "it will open 20 new shops", then "it runs 146 shops").
    if aside is not None and log_odds(typed[0]) < log_odds(relevant[0]) - settings.set_aside_margin:
        return aside
    return typed


def _as_named(question: QuestionInfo, words: Sequence[str]) -> list[str]:
    """The names that hold ``words`` as the question writes them: "New Zealand", not
    "Zealand", when only "Zealand" is unknown ("new" is in every article)."""
    runs = [" ".join(run) for run in name_runs(question)]
    named = [next((r for r in runs if word in r.split()), word) for word in words]
    return list(dict.fromkeys(named))


# What a passage says instead of what the question asks or states (as the question writes
# it, as the passage writes it), or None: a reason to set the passage aside.
_SetAsideCheck = Callable[[Passage, QuestionInfo], tuple[str, str] | None]


def _set_aside(passage: Passage, question: QuestionInfo) -> Abstention | None:
    """Why a relevant passage cannot answer: it says the opposite of what is asked
    (:func:`_opposite`), speaks of another time (:func:`_other_time`) or gives another figure
    than the question's (:func:`_other_figure`); None if none of these."""
    checks: tuple[tuple[_SetAsideCheck, AbstentionReason, str], ...] = (
        (_opposite, "says_opposite", "say “{stated}” where the question says “{asked}”"),
        (_other_time, "other_time", "speak of {stated}, not of {asked} as the question does"),
        (_other_figure, "other_figure", "give {stated} where the question says {asked}"),
    )
    for check, reason, says in checks:
        if found := check(passage, question):
            asked, stated = found
            message = says.format(asked=asked, stated=stated)
            return Abstention(reason, f"The closest passages {message}, so they do not answer it.")
    return None


def _states_no_answer_type(question: QuestionInfo) -> Abstention:
    assert question.answer_type is not None
    return Abstention(
        "no_answer_type",
        f"The closest passages do not state {ANSWER_TYPE_WORDS[question.answer_type]}, "
        "which is what the question asks for.",
    )


def _typed(
    passages: Sequence[Passage], question: QuestionInfo, settings: Settings
) -> list[Passage]:
    """The passages that may answer by what they hold: those that hold something of the
    asked kind (:func:`has_answer_type`, which reads figures, dates and names by their
    form); where none does, those the reader is so sure of that its reading stands where
    the words do not show the kind ("nineteen justices" for "How many judges...?", "by his
    opponents" for "Who considered him a tyrant?"), none if no relevance reaches
    ``answer_type_trust``."""
    typed = [p for p in passages if has_answer_type(p.sentence.text, question)]
    return typed or [p for p in passages if relevance(p) >= settings.answer_type_trust]


def _answerable(ranked: Sequence[Passage], settings: Settings) -> list[Passage]:
    """Passages relevant enough to answer, about what the question names."""
    return [p for p in ranked if relevance(p) >= settings.min_answer_score and p.anchored]


def _not_set_aside(passages: Sequence[Passage], question: QuestionInfo) -> list[Passage]:
    """The passages that are not set aside (:func:`_set_aside`)."""
    return [p for p in passages if _set_aside(p, question) is None]


def _opposite(passage: Passage, question: QuestionInfo) -> tuple[str, str] | None:
    """A word of the question and the word by which the passage says its opposite: an
    antonym made by a prefix ("effective", "ineffective"), or one of the predicates that
    deny each other ("included", "excluded"; :func:`rag.slots.opposite_event`). A yes/no
    question is answered by either (it may say no)."""
    if question.yes_no:
        return None
    text = passage.sentence.text
    return (
        opposite_of_asked(text, question)
        or opposite_event(question, text, passage.annotation)
        or asserts_what_question_negates(question, text, passage.annotation)
        or negates_what_question_asserts(question, text, passage.annotation)
    )


def _other_time(passage: Passage, question: QuestionInfo) -> tuple[str, str] | None:
    """A date the question places what it asks about in ("What did the department end in
    1974?", "What did Nixon join on October 20, 1973?") and the passage's first date that
    can be compared with it, when the passage dates what it says and none of its dates is
    compatible with that one ("in 1977 the Department of Energy was created", "On October
    19"): it speaks of another time."""
    return _other_value(passage, question, stated_dates(question))


def _other_figure(passage: Passage, question: QuestionInfo) -> tuple[str, str] | None:
    """A figure the question states ("What fire left 2,000 people homeless?") and the
    passage's first figure of the same unit, when it gives figures in that unit and none is
    compatible ("destroyed over 10,000 buildings, left about 10,000 homeless"): it speaks of
    something else. Not for a question that asks for a figure, whose own figures may count
    others ("How many of the 500 passengers were hurt?": "23 passengers were hurt")."""
    if question.answer_type == "number":
        return None
    return _other_value(passage, question, stated_figures(question))


def _other_value(
    passage: Passage, question: QuestionInfo, stated: Sequence[Value]
) -> tuple[str, str] | None:
    """The first of the question's ``stated`` values that the passage gives otherwise, as
    the question writes it, with the passage's first such value as it writes it: the
    passage states values comparable with it (:func:`_comparable`), none compatible. A
    yes/no question is answered by such a passage: it may say no."""
    if question.yes_no:
        return None
    text = passage.sentence.text
    values = values_of(passage.annotation)
    for asked in stated:
        judged = [(v, compatible(asked, v)) for v in values]
        comparable = [
            (v, holds)
            for v, holds in judged
            if holds is not None and _comparable(asked, v, question, passage)
        ]
        if comparable and not any(holds for _, holds in comparable):
            first = comparable[0][0]
            return question.text[asked.start : asked.end], text[first.start : first.end]
    return None


def _comparable(asked: Value, stated: Value, question: QuestionInfo, passage: Passage) -> bool:
    """Whether a value the passage states, of a kind and measure :func:`compatible` compares
    with the question's ``asked`` value, is one it may be checked against: a date that dates
    an event the sentence states (not "said on Tuesday", "the highest since 1982"), or a
    figure of the same measure (:func:`_same_unit`; a percentage only as a share) with a word
    of the question beside it (:func:`_beside_question_words`)."""
    text = passage.sentence.text
    if asked.kind == "date":
        return not dates_no_event(stated, text, passage.annotation)
    if not _same_unit(asked, stated, question.text, passage):
        return False
    if stated.unit == "%" and not a_share(text, stated.end):
        return False
    counted = frozenset(tokenize(asked.unit.removeprefix("count:"))) if asked.unit else frozenset()
    return _beside_question_words(stated, text, question, counted)


def _same_unit(asked: Value, stated: Value, question: str, passage: Passage) -> bool:
    """Whether a figure of the question and one of the passage measure the same thing: the
    same unit, or a bare figure and a count of what the other side's text names ("was
    4,222,000" in a sentence about homes, for "3,222,000 homes")."""
    if asked.unit == stated.unit:
        return True
    for bare_figure, counted, text in (
        (asked, stated, question),
        (stated, asked, passage.sentence.text),
    ):
        if bare_figure.unit is None and counted.unit and counted.unit.startswith("count:"):
            noun = set(tokenize(counted.unit.removeprefix("count:")))
            return bool(noun) and noun <= set(tokenize(text))
    return False


# How many words of content either side of a sentence's figure or date say what it is of.
_CONTEXT_WORDS = 3


def _beside_question_words(
    value: Value, text: str, question: QuestionInfo, counted: frozenset[str]
) -> bool:
    """Whether a word of the question other than what the figure counts stands within
    :data:`_CONTEXT_WORDS` words of content of a sentence's value, so that it is a figure
    of what the question speaks of: "left about 10,000 homeless" for "What fire left 2,000
    people homeless?", not "taking his tally to 14 goals" for "Who scored 2 goals on
    Saturday?"."""
    before, after = (
        [t for t in tokenize(part) if not t[0].isdigit() and t not in _TIME_WORDS]
        for part in (text[: value.start], text[value.end :])
    )
    beside = set(before[-_CONTEXT_WORDS:] + after[:_CONTEXT_WORDS]) - counted
    return not beside.isdisjoint(question.terms)


# Words that say when, not what a figure is of ("scored twice on Saturday, taking his tally
# to 14 goals").
_TIME_WORDS = frozenset(stem(w) for w in lang.CALENDAR_WORDS)


def _select(
    question: QuestionInfo, candidates: Sequence[Passage], settings: Settings
) -> list[Group]:
    """The best sentence of the ``candidates`` (:func:`_candidates`), then those nearly as
    good, each with its corroborations."""
    best = log_odds(candidates[0])
    slot = main_slot(question)
    readings = {p.sentence.id: _read(slot, question, p) for p in candidates}
    groups: list[Group] = []
    used: set[str] = set()
    length = 0
    for passage in candidates:
        if passage.sentence.id in used:
            continue
        if groups and (
            len(groups) >= settings.max_sentences
            or log_odds(passage) < best - settings.keep_margin
            or length + len(passage.sentence.text) > settings.answer_chars
            # nor from an article that names nothing the question names: not a sleep
            # study's "cost about $2.8 million" beside the Greenhollow festival's tickets
            # (the best sentence may, as a name can be misspelt)
            or not passage.named
        ):
            continue
        corroborations = _first_per_source(
            other
            for other in candidates
            if other.doc.doc_id != passage.doc.doc_id
            and other.sentence.id not in used
            and corroborates(
                passage,
                other,
                question,
                settings,
                readings[passage.sentence.id],
                readings[other.sentence.id],
            )
        )
        groups.append(Group(passage, corroborations))
        used.update(p.sentence.id for p in (passage, *corroborations))
        length += len(passage.sentence.text)
    return groups


def _read(slot: SlotSpec | None, question: QuestionInfo, passage: Passage) -> Reading | None:
    return None if slot is None else slot.read(question, passage.sentence.text, passage.annotation)


def corroborates(
    a: Passage,
    b: Passage,
    question: QuestionInfo,
    settings: Settings,
    reading_a: Reading | None = None,
    reading_b: Reading | None = None,
) -> bool:
    """Whether ``b`` says what ``a`` says on what the question asks.

    Never when they name the question's subject as different things
    (:func:`rag.subjects.named_apart`). When either states the asked value (its reading),
    both must, compatibly, and ``b`` must be similar to ``a`` or nearly as good an answer.
    Otherwise ``b`` must be nearly the same sentence, or similar and share most of what it
    adds beyond the question's words, not be a copy of ``a`` with a clause changed and not
    give one of its figures or dates otherwise. A near copy with a span changed never backs
    it.
    """
    if named_apart(question, (a,), (b,)):
        return False  # about another thing of the same name ("Bright Lights (1930 film)")
    similarity = float(np.dot(a.embedding, b.embedding))
    if reading_a is not None or reading_b is not None:
        if reading_a is None or reading_b is None or agree(reading_a, reading_b) is not True:
            return False
        if differing_spans(a.sentence.text, b.sentence.text) is not None:
            return False  # a near copy with a span changed states something else
        return similarity >= settings.corroborate_similarity or (
            similarity >= settings.same_answer_similarity
            and log_odds(b) >= log_odds(a) - settings.keep_margin
        )
    # With no value to compare, what a copy changed may be the answer itself. (Looser than
    # the near-copy check above: every near copy with a span changed is such a copy.)
    if differing_spans(a.sentence.text, b.sentence.text, near=EDITED_COPY, longest=None, cut=True):
        return False
    # Nor does a sentence back one whose figures or dates it gives otherwise ("net profit was
    # 610 million dollars" and "fell to 580 million"), whatever the question asks.
    if each_states_another(_facts(a), _facts(b)):
        return False
    if similarity >= settings.corroborate_similarity:
        return True
    return (
        similarity >= settings.shared_content_similarity
        and shared_content(a.sentence.text, b.sentence.text, question) >= settings.shared_content
    )


def _facts(passage: Passage) -> list[Value]:
    """The figures and dates a sentence states."""
    return [v for v in values_of(passage.annotation) if v.kind in ("number", "date")]


def shared_content(a: str, b: str, question: QuestionInfo) -> float:
    """Overlap (Dice) of the terms two sentences use beyond the question's terms."""
    asked = set(question.terms)
    terms_a = set(tokenize(a)) - asked
    terms_b = set(tokenize(b)) - asked
    if not terms_a or not terms_b:
        return 0.0
    return 2 * len(terms_a & terms_b) / (len(terms_a) + len(terms_b))


def _first_per_source(passages: Iterable[Passage]) -> tuple[Passage, ...]:
    """The first passage of each source, in order: one corroboration per source is enough."""
    first: dict[str, Passage] = {}
    for p in passages:
        first.setdefault(p.doc.doc_id, p)
    return tuple(first.values())


def _with_antecedents(
    groups: list[Group], ranked: Sequence[Passage], settings: Settings
) -> list[Group]:
    """A sentence that points back (:func:`points_back`) is preceded by the sentence it
    points to, when that sentence was retrieved too (within ``max_sentences``)."""
    by_position = {(p.doc.doc_id, p.sentence.position): p for p in ranked}
    shown = {p.sentence.id for g in groups for p in g.passages()}
    for group in list(groups):
        main = group.main
        before = by_position.get((main.doc.doc_id, main.sentence.position - 1))
        if (
            before is not None
            and before.sentence.id not in shown
            and points_back(main)
            and len(groups) < settings.max_sentences
        ):
            groups.append(Group(before))
            shown.add(before.sentence.id)
    return groups


# "It is the first time since 2005", "It was not clear whether", "It is expected to": an "it"
# that a clause after it (or "time") fills, pointing forward, not back.
_ANTICIPATORY_IT = re.compile(
    r"It(?:['’]s|\s+(?:is|was|has been|had been|will be|would be|remains|remained|seems|"
    r"seemed))\s+(?:(?:[\w-]+\s+){0,3}?time\b|(?:[\w-]+\s+){0,2}?(?:that|to|whether|if)\b)"
)


def points_back(passage: Passage) -> bool:
    """Whether the sentence's subject is a pronoun that stands for the sentence before, its
    verb right after it: "This is their red line.", "This added momentum to the reform."
    (:data:`rag.language.POINTING_SUBJECTS`); not "This year the river flooded.", nor an
    "It" that stands for what follows ("It is the first time the club...", "It was unclear
    whether...")."""
    text = passage.sentence.text
    first, _, rest = text.partition(" ")
    if first.lower() not in lang.POINTING_SUBJECTS or not first[0].isupper():
        return False
    if _ANTICIPATORY_IT.match(text):
        return False
    after = rest.split(" ", 1)[0].lower()
    return after in lang.POINTING_AUXILIARIES or len(first) + 1 in verb_starts(passage.annotation)
