"""What a sentence says on the point a question asks about: its *reading* of a slot.

A slot is one kind of point sources can agree or disagree on, declared as data
(:data:`SLOTS`): a *gate* (does the question ask about it?), a *reader* (what does this
sentence say on it?) and the *kind* of disagreement two different readings make. Readers
take the sentence's stored annotation (:mod:`rag.annotate`) and the analysed question; they
return None when the sentence says nothing on the point, so silence never counts as
disagreement.

- ``date``, ``number``, ``person``, ``place``, ``org``: the value the question asks for
  (:mod:`rag.values`), those of its kind nearest the question's own words; never one the
  question names, a birth for another event's date, a count of families for a population,
  a holder of the asked role elsewhere or a relative of another kind;
- ``stance``: yes or no to a yes/no question's predicate ("approved" / "did not approve",
  "rejected");
- ``tally``: a vote or a score ("a 6-3 vote", "voted five to four", "won 2-1");
- ``role``: the title a sentence gives the person the question names ("former chief
  executive" / "chief executive");
- ``first_time``: whether it calls something the first of its kind or reports an earlier one;
- ``attribution``: whether it asserts the answer or attributes it to someone ("police
  alleged"), the difference between sources that *frame* an event differently.

The composer uses :func:`agree` so a citation never backs a sentence whose asked value it
contradicts; the conflict detector uses the same readings to find disagreements.
"""

from __future__ import annotations

import dataclasses
import difflib
import functools
import itertools
import math
import re
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from rag import language as lang
from rag.aliases import asked_holder, gives_role, holds_elsewhere, titled_as
from rag.annotate import (
    AGE,
    LIFESPAN_DASH,
    SPEECH_STEMS,
    asserted_predicates,
    people,
    says_where,
    values_of,
    verb_starts,
)
from rag.lexical import bare, mentions, stem, tokenize
from rag.questions import QuestionInfo, asks_how_many, counts_people, counts_people_otherwise
from rag.schema import ConflictKind
from rag.values import (
    NAME_KINDS,
    Value,
    ValueKind,
    compatible,
    is_money,
    is_rate,
    normalise_name,
    same_name,
)


@dataclass(frozen=True)
class Reading:
    """What one sentence says on a slot: for readers (``label``, as written or in a few
    words) and for comparing (``values``, or ``norm`` for the slots without values)."""

    slot: str
    label: str
    norm: str
    values: tuple[Value, ...] = ()
    # Read from what may not be what is asked, for want of better in the sentence (a bare
    # figure for "how many"): a source's other reading that is not one comes first.
    fallback: bool = False


def agree(a: Reading, b: Reading) -> bool | None:
    """Whether two readings of one slot state the same (True: every value of each has a
    compatible one in the other), cannot both hold (False: no value of one is compatible
    with any of the other), or neither can be said (None: different slots, units that do
    not compare, or values that only partly match)."""
    if a.slot != b.slot:
        return None
    if a.slot == "role":
        return _titles_agree(a.norm, b.norm)
    if not a.values or not b.values:
        return a.norm == b.norm
    verdicts = {
        (i, j): compatible(x, y) for i, x in enumerate(a.values) for j, y in enumerate(b.values)
    }
    if all(v is False for v in verdicts.values()):
        return False
    # Each reading's first value is the one nearest the question's words, its answer; the
    # others may be of something else ("(15 July 1905 – 2 March 1977)" for "born").
    if verdicts[0, 0] is True:
        return True
    # Both state the same: each value of one has a compatible value in the other. A
    # reading with a value the other lacks may be about something else: not agreement.
    covered_a = all(any(verdicts[i, j] for j in range(len(b.values))) for i in range(len(a.values)))
    covered_b = all(any(verdicts[i, j] for i in range(len(a.values))) for j in range(len(b.values)))
    return True if covered_a and covered_b else None


Reader = Callable[[QuestionInfo, str, Mapping[str, Any]], Reading | None]


@dataclass(frozen=True)
class SlotSpec:
    """One kind of point sources can disagree on, declared as data."""

    name: str
    gate: Callable[[QuestionInfo], bool]  # does the question ask about it?
    read: Reader  # what a sentence (text, annotation) says on it
    kind: Callable[[QuestionInfo], ConflictKind]  # what two different readings make
    topic: str  # the note's words for it: "the date", "the figure"...
    # Read beside the name the question asks about (the reader finds the name itself), so
    # true of that name in any sentence that gives it, however little the rest of the
    # sentence has to do with the question ("former U.S. President Donald Trump" in one
    # about talks): every retrieved passage about what the question names (``named`` and
    # ``anchored``) is read, not only those nearly as relevant as the best.
    of_the_name: bool = False


# --- Value slots ---------------------------------------------------------------------------

VALUE_KINDS: dict[str, tuple[ValueKind, ...]] = {
    "date": ("date",),
    "number": ("number",),
    "person": ("person", "org"),  # the tagger often calls a person's name an organisation
    "org": ("org", "person"),
    "place": ("place", "org"),
}
_CLOCK_KINDS: tuple[ValueKind, ...] = ("clock",)
# What a name that says where may have been tagged as (rag.annotate.locates).
_WHERE_KINDS: tuple[ValueKind, ...] = ("place", "org", "thing")
_TOKEN = re.compile(r"[\w’'-]+")


def _longest_first(phrases: Iterable[str]) -> str:
    """A regex alternation of ``phrases``, the longest first, so that a longer one wins."""
    return "|".join(map(re.escape, sorted(phrases, key=len, reverse=True)))


# How a question that asks where something is or happens opens, read with the place slot
# only ("In what year" opens so too): "Where...?", "In which city...?", "From what country
# ...?"; not "Which countries did Russia approach?", which asks for places as such, nor
# (missed) "What city did they meet in?".
_WHERE_OPENING = re.compile(
    rf"^\W*(?:where|(?:{'|'.join(sorted(lang.PLACING_PREPOSITIONS))})\s+(?:which|what))\b", re.I
)


def _counts_other_people(question: str, text: str) -> bool:
    """Whether the question asks a toll of one kind (the evacuated) and the sentence gives
    tolls of other kinds only (the dead): lang.TOLL_CLASSES."""
    asked = _toll_classes(question)
    said = _toll_classes(text)
    return bool(asked) and bool(said) and not asked & said


_TOLL_WORD = _longest_first(set().union(*lang.TOLL_CLASSES.values()))
# A figure that is a toll: "Two firefighters were injured", "12 people died", "killed at least
# 40 people", "the evacuation of 300 homes"; not "200 homes and killed three", where the
# toll is the next figure's.
_TOLL_AFTER = re.compile(
    rf"(?:\s+(?!and\b|or\b|but\b)[a-z][\w-]*){{0,2}}"
    rf"(?:\s+(?:were|was|are|is|have|has|had)(?:\s+been)?)?\s+(?:{_TOLL_WORD})\b"
)
_TOLL_BEFORE = re.compile(
    rf"\b(?:{_TOLL_WORD})(?:\s+of)?(?:\s+(?:at\s+least|more\s+than|about|some|nearly))?\s+$"
)


def _a_toll(value: Value, text: str) -> bool:
    """Whether a figure counts the dead, injured, arrested... (lang.TOLL_CLASSES)."""
    return bool(_TOLL_AFTER.match(text, value.end) or _TOLL_BEFORE.search(text, 0, value.start))


def _toll_classes(text: str) -> set[str]:
    words = _lower_words(text)
    return {name for name, kind in lang.TOLL_CLASSES.items() if words & kind}


def _lower_words(text: str) -> set[str]:
    """The words of ``text`` in lower case, letters only, as the word lists write them."""
    return set(re.findall(r"[a-z]+", text.lower()))


# "Where is Millbrook?", "Where was the Larkin Covered Bridge located?": where the named
# thing itself stands.
_WHERE_IS_NAME = re.compile(
    r"^\W*where\s+(?:is|are|was|were)\s+(?:the\s+)?(?P<name>[^?]+?)"
    r"(?:\s+(?:located|situated|based|found))?\s*\?*\s*$",
    re.I,
)


def _inside_asked(question: QuestionInfo, text: str, value: Value) -> bool:
    """Whether the sentence puts the value inside the thing a "Where is X?" question names
    ("the Harlan Plastics factory in Millbrook"), which is not where X is."""
    asked = _WHERE_IS_NAME.match(question.text)
    if asked is None:
        return False
    name = re.escape(asked.group("name"))
    return (
        re.match(
            rf"(?:\s+[\w’'-]+){{0,2}}\s+(?:in|at)\s+(?:the\s+)?{name}\b", text[value.end :], re.I
        )
        is not None
    )


def _unasked_values(
    question: QuestionInfo, text: str, annotation: Mapping[str, Any]
) -> list[Value]:
    """The values a sentence states that the question does not already name (nor a time
    zone, which dates nothing)."""
    asked = question.text.lower()
    asked_names = tokenize(" ".join(question.names))
    return [
        v
        for v in values_of(annotation)
        if text[v.start : v.end].lower() not in asked
        and not (v.kind in NAME_KINDS and _named_by(v, question, asked_names))
        and text[v.start : v.end] not in lang.TIME_ZONES
    ]


def asked_kinds(question: QuestionInfo) -> tuple[ValueKind, ...]:
    """The kinds of value that may answer a value question, the asked one first (and the
    kinds the tagger confuses with it)."""
    assert question.slot is not None
    if question.slot == "place" and _WHERE_OPENING.match(question.text):
        return _WHERE_KINDS
    return _value_kinds(question)


def _value_kinds(question: QuestionInfo) -> tuple[ValueKind, ...]:
    """The kinds of value the question's slot is read in: a time of day for "At what
    time...?" (a date slot's), else the slot's own (``VALUE_KINDS``)."""
    assert question.slot is not None
    if question.slot == "date" and question.asks_clock:
        return _CLOCK_KINDS
    return VALUE_KINDS[question.slot]


def _of_asked_kinds(
    question: QuestionInfo, text: str, annotation: Mapping[str, Any], values: Sequence[Value]
) -> tuple[tuple[ValueKind, ...], list[Value]]:
    """The kinds that may answer the question, the asked one first, and ``values`` of them."""
    assert question.slot is not None
    if question.slot == "place" and _WHERE_OPENING.match(question.text):
        # "Where did they meet?": a name the sentence puts something in, which the tagger
        # may call an event or a work ("at the Riverside Pavilion"); not one that acts, owns
        # or is dealt with ("Russia has no preconditions", "talks with Ukraine").
        return _WHERE_KINDS, [
            v
            for v in values
            if v.kind in _WHERE_KINDS
            and says_where(v, annotation)
            and not _inside_asked(question, text, v)
        ]
    return _value_kinds(question), of_asked_kind(question, values)


def values_of_asked_kind(
    question: QuestionInfo, text: str, annotation: Mapping[str, Any]
) -> list[Value]:
    """Every value of a sentence that may answer the question by its kind alone: those
    :func:`read_value` starts from, before it weighs what the sentence says of each; not a
    name the question gives, nor a figure of a sentence that counts other people, a side of
    a tally ("voted 4-1") or one whose unit or count does not fit the question
    (:func:`_may_be_the_figure`: no age for "how many", no span of time for "how far"). For
    a reader that tells which of them the sentence gives as the answer
    (rag.conflicts._answered)."""
    assert question.slot is not None
    if question.slot == "number" and _counts_other_people(question.text, text):
        return []
    candidates = _unasked_values(question, text, annotation)
    _, found = _of_asked_kinds(question, text, annotation, candidates)
    if question.slot == "number":
        found = _dwellers_only(question, text, annotation, found)
        found = _may_be_the_figure(question, text, _no_tally_side(text, found))
    return found


def _no_tally_side(text: str, found: Sequence[Value]) -> list[Value]:
    """The figures but one side of a vote or a score, which counts nothing: "voted 4-1",
    "won 6-4, 3-6, 6-3"."""
    sides = _tally_sides(text)
    return [v for v in found if (v.start, v.end) not in sides]


def _may_be_the_figure(question: QuestionInfo, text: str, found: Sequence[Value]) -> list[Value]:
    """The figures that may be what a number question asks by their unit and what the
    sentence says they count: for "how old" an age first, else a span of time or a bare
    figure; for any other, no age, no size of a place people left, no share for "how many",
    no toll for a question about no toll, and a measure in the asked one ("How far...?")."""
    if question.asks_age:
        # An age first; else what else may say how old: a span of time ("515 million
        # years") or a bare figure ("won his first title at 19"), not a count or a sum.
        return [v for v in found if v.unit == AGE] or [v for v in found if v.unit in (None, "s")]
    found = [v for v in found if v.unit != AGE]  # "How many were arrested?": not "45"
    if not _asks_population(question) and not (_lower_words(question.text) & lang.DWELLING_VERBS):
        # "How many people were evacuated?": not the size of the town they left
        found = [v for v in found if not _sizes_a_place(v, text)]
    if asks_how_many(question) and not _SHARE.search(question.text):
        # "How many patients took part?": a count, not "9% of patients" who had a side
        # effect
        found = [v for v in found if v.unit != "%"]
    if not _lower_words(question.text) & lang.TOLL_QUESTION_WORDS:
        # "How many firefighters are battling the fire?": not "Two firefighters were
        # injured"
        found = [v for v in found if not _a_toll(v, text)]
    units, only = _measured_in(question)
    if units:
        found = [v for v in found if _may_measure(v, units, only)]
    return found


def read_value(question: QuestionInfo, text: str, annotation: Mapping[str, Any]) -> Reading | None:
    """The values of the asked kind (or of a kind the tagger confuses with it) a sentence
    states that the question does not already name, nearest the question's own words when
    there are several; no figure from a sentence that counts other people of the event."""
    assert question.slot is not None
    if question.slot == "number" and _counts_other_people(question.text, text):
        return None
    candidates = _unasked_values(question, text, annotation)
    # Values of the asked kind and of the kinds the tagger confuses with it (a company read
    # as a person, a theatre as an organisation), the nearest to the question's words;
    # among equally near ones, the asked kind first.
    kinds, found = _of_asked_kinds(question, text, annotation, candidates)
    orders = _asked_orders(question.text) if question.slot == "place" else frozenset()
    if question.slot in ("org", "place") and not orders and (noun := _which_noun(question)):
        # "Which council approved the plan?": a body whose name says it is one ("Fingal
        # County Council"), not another the sentence names ("The plan by Cairn Homes");
        # "Which hospital treated the injured?": "Beaumont Hospital". By the name's head, so
        # a modifier is no kind: "Which rail company...?" is no "State Rail Safety Office".
        # Kinds of place ("Which city...?") are read below, by what the sentence calls each.
        # A body, among those the question's verb ties to it when it ties any: the winner in
        # "Pupils from Brackley Academy won the competition, beating Ashcombe Grammar School"
        # for "Which school won...?". A place does not do the verb: its kind decides.
        predicates = annotation.get("predicates", ())
        tied = _of_asked_event(found, text, question, predicates) if question.slot == "org" else []
        found = [v for v in tied or found if _head(text[v.start : v.end]) == noun] or found
    if orders:
        # "In which city...?": a body the tagger names ("the 57th United States Congress") is
        # no city unless the sentence calls it one or it is a known place.
        found = [
            v
            for v in found
            if _called_orders(text, v) & orders
            and (
                v.kind == "place"
                or _called_orders(text, v) is not _ANY_ORDER
                or text[v.start : v.end] in lang.PLACES
            )
        ]
    if question.slot == "org" and _asks_party(question):
        # "What party...?": a party, named as a body or by its members ("the Whig party", "a
        # Republican member of the House"), not the House; compared by its family, so
        # "Democrats" and "the Democratic Party" agree.
        kinds = _PARTY_KINDS
        found = [party for v in candidates if (party := _as_party(v, text)) is not None]
    if question.slot == "person":
        verbs = verb_starts(annotation)
        found = [v for v in found if v.kind == "person" or not _attributive(v, text, verbs)]
    if question.slot == "person" and (holder := asked_holder(question.text)):
        # "Who is the president of Ukraine?": not one who holds it for another country
        # ("Russian President Vladimir Putin"), and a name the sentence gives the title when
        # the question asks nothing else or the sentence uses the title; "Which US president
        # signed the act?" is answered by "Lyndon Johnson signed the act".
        elsewhere = {
            t.surname for t in people([annotation]) if holds_elsewhere(holder, t, question.text)
        }
        found = [v for v in found if not any(mentions(tokenize(v.norm), s) for s in elsewhere)]
        described = tokenize(" ".join(holder))
        only_the_role = all(mentions(described, t) for t in question.terms)
        if only_the_role or gives_role(holder, text):
            found = [v for v in found if titled_as(holder, text, v.start, v.end)]
    if question.slot == "person" and _asks_maker(question):
        # "Who is the artist of the album?": the name the sentence says made it, or none;
        # not the label that released it, the gallery that shows it, or the site that
        # reviewed it, which the nearest name would be.
        found = _makers(question, found, text, annotation)
    if question.slot == "person" and (kin := _KINSHIP_ASKED.search(question.text)):
        relation = lang.KINSHIP_PLURALS.get(kin.group(1), kin.group(1))
        found = [v for v in found if _related_as(relation, text, v)]
    if question.slot == "date":
        found = _of_asked_life_event(question, found, text, annotation)
    fallback = False
    if question.slot == "number":
        found = _no_tally_side(text, found)
    found = _dwellers_only(question, text, annotation, found)
    if question.slot == "number" and question.counted:
        found, fallback = _figures_of_counted(question.counted, found, text)
    elif question.slot == "number" and _asks_population(question):
        # Failing a figure said to count people, any figure but a sum of money; but none
        # from a flattened table, whose labels say what its figures count ("Housing units
        # with a mortgage : 603 ( 96 second mortgage").
        labels = [_table_label(v, text) for v in found]
        counting = [
            v for v, label in zip(found, labels, strict=True) if _counts_population(v, text, label)
        ]
        if counting or sum(map(bool, labels)) >= _TABLE_CELLS:
            found = counting
        else:
            found = [v for v in found if not is_money(v.unit)]
    if question.slot == "number":
        found = _may_be_the_figure(question, text, found)
    found = _nearest_to_question(found, text, question, annotation.get("predicates", ()))
    found.sort(key=lambda v: kinds.index(v.kind))
    if not found:
        return None
    first = found[0]
    label = text[first.start : first.end]
    return Reading(question.slot, label, first.norm, tuple(found), fallback=fallback)


_WHICH = re.compile(r"\b(?:which|what)\s+((?:[\w’'-]+\s+){0,2}[\w’'-]+)", re.I)


def _head(name: str) -> str | None:
    """The stem of a name's head: its last word, or the last before "of" ("council" of
    "Fingal County Council", "univers" of "the University of Oxford")."""
    words = tokenize(re.split(r"\s+of\s+", name, maxsplit=1)[0])
    return words[-1] if words else None


def _which_noun(question: QuestionInfo) -> str | None:
    """The stem of the noun a "Which N...?" question asks with ("council" in "Which council
    approved the plan?"): its focus, when one of the three words after "which" or "what"."""
    asked = _WHICH.search(question.text)
    if asked is None or question.focus is None:
        return None
    return question.focus if question.focus in tokenize(asked.group(1)) else None


_KIND_OF_PLACE = _longest_first(lang.PLACE_KINDS)
# "Which Ukrainian city...?", "In what country...?": the kind of place asked for.
_ASKED_KIND = re.compile(rf"\b(?:which|what)\s+(?:[\w.’'-]+\s+){{0,2}}?({_KIND_OF_PLACE})\b", re.I)
# What a text calls a place: "(Ukraine's northeastern) province of Sumy", "Sumy region",
# "Mexico City". Before "of", one place only: "the cities of Ukraine" are in it, and "the
# largest city of Ukraine", "the capital of France" are another place in it.
_KIND_OF = re.compile(
    rf"(?<![\w-])({'|'.join(lang.PLACE_KINDS_BEFORE_OF)})\s+of\s+(?:the\s+)?$", re.I
)
_KIND_AFTER = re.compile(rf"\s+({_KIND_OF_PLACE})\b", re.I)
_RANK_REACH = 2  # words before the kind that may rank it: "the most populous city of"
_ANY_ORDER = frozenset(order for orders in lang.PLACE_KINDS.values() for order in orders)


def _asked_orders(question: str) -> frozenset[str]:
    """The orders of place (:data:`rag.language.PLACE_KINDS`) the kind a question asks for
    may be; none when it asks for no kind ("Where...?")."""
    asked = _ASKED_KIND.search(question)
    return lang.PLACE_KINDS[asked.group(1).lower()] if asked else frozenset()


def _called_orders(text: str, value: Value) -> frozenset[str]:
    """The orders of place a place value may be by what the sentence calls it ("the province
    of Sumy": a province), or any where it calls it nothing."""
    name = text[value.start : value.end]
    before = _KIND_OF.search(text, 0, value.start)
    after = _KIND_AFTER.match(text, value.end)
    if before is not None and not any(
        lang.ranks(w) for w in text[: before.start()].split()[-_RANK_REACH:]
    ):
        word = before.group(1)
    elif after is not None:
        word = after.group(1)
    elif " " in name and name not in lang.PLACES:
        word = name.split()[-1]  # "Orange County"; not "Vatican City", a country
    else:
        return _ANY_ORDER
    return lang.PLACE_KINDS.get(word.lower(), _ANY_ORDER)


_PARTY_ASKED = re.compile(r"\b(?:what|which)\s+(?:[\w-]+\s+)?part(?:y|ies)\b", re.I)
_PARTY_KINDS: tuple[ValueKind, ...] = ("org", "group", "person")
_PARTY_AFTER = re.compile(r"\s+part(?:y|ies)\b", re.I)
_NOT_OF_A_PARTY_NAME = frozenset({"the", "party", "parties"})


def _asks_party(question: QuestionInfo) -> bool:
    """Whether a question asks for a political party: "What political party...?", "Which
    party won the election?"; not a side in a lawsuit ("Which party filed the appeal?")."""
    return _PARTY_ASKED.search(question.text) is not None and any(
        w in lang.POLITICAL_WORDS for w in _TOKEN.findall(question.text.lower())
    )


def _as_party(value: Value, text: str) -> Value | None:
    """A name value of ``text`` as a political party, its norm the families it names, with
    their qualifiers ("Democrats", "the Democratic Party": "democratic"; "the Social
    Democrats": "social democratic"; lang.PARTY_FAMILIES), or an organisation that calls
    itself a party ("Party of National Unity"); None for any other name: a body only by its
    family's words or "party" ("the Labor Department" is none), a name the tagger calls a
    person only before "party" or as a family's plural ("the Whig party", "the Whigs"; not
    "Senator Green")."""
    words = value.norm.split()
    named = [w for w in words if w not in _NOT_OF_A_PARTY_NAME]
    families = [w for w in named if w in lang.PARTY_FAMILIES]
    if value.kind not in _PARTY_KINDS or not (families or "party" in words):
        return None
    if value.kind == "person" and not (
        _PARTY_AFTER.match(text, value.end) or (named == families and named[-1].endswith("s"))
    ):
        return None
    if value.kind == "org" and named != families and "party" not in words:
        return None
    if not families:
        return value
    return dataclasses.replace(value, norm=" ".join(lang.PARTY_FAMILIES.get(w, w) for w in named))


def _named_by(value: Value, question: QuestionInfo, asked_names: Sequence[str]) -> bool:
    """Whether the question already names what a name value names: the same name, or every
    word of it in another form among the question's names ("Ukraine" in "Which Ukrainian
    city...?"; not "American Airlines" in "...airline flights in America?")."""
    if any(same_name(value.norm, e) for e in question.entities):
        return True
    words = tokenize(value.norm)
    return bool(words) and all(mentions(asked_names, w) for w in words)


_THE_BEFORE = re.compile(r"\b(?:the|an?)\s+$")
_LOWER_WORDS_AFTER = re.compile(r"(?:\s+[a-z][\w’'-]*){1,3}")


def _attributive(value: Value, text: str, verbs: set[int]) -> bool:
    """Whether a name only says which place or event the noun after it is ("the Eastside
    branch library", "a European Council meeting"): no answer to "who". Not a name before a
    verb ("the Rolling Stones performed") nor before what it owns or does ("the Cleveland
    Cavaliers squad", "a Gates Foundation grant")."""
    if _THE_BEFORE.search(text, 0, value.start) is None:
        return False
    after = _LOWER_WORDS_AFTER.match(text, value.end)
    if after is None:
        return False
    for word in re.finditer(r"[\w’'-]+", after.group()):
        if after.start() + word.start() in verbs or not tokenize(word.group()):
            return False
        if word.group() in lang.SETTING_NOUNS:
            return True
    return False


_LIFE_WORD = {
    event: re.compile(rf"\b(?:{'|'.join(map(re.escape, words))})\b", re.I)
    for event, words in lang.LIFE_EVENTS.items()
}
# Lower case, so not a name ("the Black Death", "Die Hard"), and not "birth rate".
_LIFE_QUESTION = {
    event: re.compile(rf"\b(?:{'|'.join(words)})\b(?!\s+(?:{'|'.join(lang.NOT_LIFE_AFTER)})\b)")
    for event, words in lang.LIFE_QUESTIONS.items()
}
_LIFE_REACH = 60  # characters: "born at a hospital in Bombay, then part of British India, on"
_NAME_TO_BRACKET = 25  # "Louis II, Cardinal of Guise (": a name, its title, the bracket
_CLAUSE_END = re.compile(r"[;:()]")  # not ".": "born in St. Louis"
_TITLE_WORDS = re.compile(r"(?:[,\s]+(?:[A-Z0-9][\w.’'-]*|of|de|von|van))*[,\s]*")


def in_lifespan(value: Value, text: str, values: Sequence[Value]) -> str | None:
    """ "birth" or "death" for a date in a bracket after a person's name (and title) that
    holds a date on either side of a dash: the first is the birth and the second the death
    ("(15 April 1787 – 17 January 1848)", "(6 July 1555, Dampierre – 24 December 1588,
    Blois)"). Not a bracket after a war's or a trial's name, nor a party and a seat
    ("Sarah Jones (Labour – Croydon Central, elected 8 June 2017)")."""
    opened = text.rfind("(", 0, value.start)
    closed = text.find(")", value.end)
    if opened <= text.rfind(")", 0, value.start) or closed < 0:
        return None
    dash = LIFESPAN_DASH.search(text, opened, closed)
    if dash is None:
        return None
    after_name = any(
        v.kind == "person"
        and 0 <= opened - v.end <= _NAME_TO_BRACKET
        and _TITLE_WORDS.fullmatch(text, v.end, opened)
        for v in values
    )
    dates = [v for v in values if v.kind == "date" and opened < v.start and v.end <= closed]
    on_both_sides = any(v.end <= dash.start() for v in dates) and any(
        v.start >= dash.end() for v in dates
    )
    if not (after_name and on_both_sides):
        return None
    return "birth" if value.end <= dash.start() else "death"


def _after_life_word(value: Value, text: str, values: Sequence[Value]) -> str | None:
    """ "birth" or "death" for a date a few words after "born" or "died" in its clause, with
    no other date between ("born in 1950, was elected in 1992": 1992 is no birth), or None."""
    start = max(
        [value.start - _LIFE_REACH]
        + [v.end for v in values if v.kind == "date" and v.end <= value.start]
    )
    before = _CLAUSE_END.split(text[max(0, start) : value.start])[-1]
    nearest = {
        event: max((m.end() for m in word.finditer(before)), default=-1)
        for event, word in _LIFE_WORD.items()
    }
    event, at = max(nearest.items(), key=lambda item: item[1])
    return event if at >= 0 else None


def asked_life_event(question: QuestionInfo) -> str | None:
    """ "birth" or "death" for a question about when or where someone was born or died."""
    return next((e for e, words in _LIFE_QUESTION.items() if words.search(question.text)), None)


def _of_asked_life_event(
    question: QuestionInfo, dates: list[Value], text: str, annotation: Mapping[str, Any]
) -> list[Value]:
    """The dates that may answer the question. A question about a birth or a death is
    answered only by one; any other question by no date of a lifespan nor of a birth."""
    asked = asked_life_event(question)
    values = values_of(annotation)
    kept = []
    for v in dates:
        lifespan = in_lifespan(v, text, values)
        word = _after_life_word(v, text, values)
        if asked is not None:
            keep = (lifespan or word) == asked
        else:
            keep = lifespan is None and word != "birth"
        if keep:
            kept.append(v)
    return kept


_KINSHIP_ASKED = re.compile(rf"\b({_longest_first([*lang.KINSHIP, *lang.KINSHIP_PLURALS])})s?\b")
# Every kinship word, lower case and not an in-law's: "father-in-law" is no father.
_KINSHIP_WORD = re.compile(
    rf"\b(?:{_longest_first({w for ws in lang.KINSHIP.values() for w in ws})})\b(?!-in-law)"
)
_KINSHIP_REACH = 40  # characters either side of a name: "his wife, Ana Ruiz"


def _related_as(relation: str, text: str, value: Value) -> bool:
    """Whether the sentence gives the name at ``value`` the asked relation: the phrase that
    says it from the other side right before it ("Chilperic, son of Clotaire I"), or the
    nearest kinship word to it, before or after, is one of the relation's."""
    before = text[max(0, value.start - _KINSHIP_REACH) : value.start]
    for phrase in lang.KINSHIP_BEFORE.get(relation, ()):
        if re.search(rf"\b{phrase}\s+$", before):
            return True
    after = text[value.end : value.end + _KINSHIP_REACH]
    distances = [(len(before) - m.end(), m.group()) for m in _KINSHIP_WORD.finditer(before)]
    distances += [(m.start(), m.group()) for m in _KINSHIP_WORD.finditer(after)]
    return bool(distances) and min(distances)[1] in lang.KINSHIP[relation]


_PEOPLE = tuple(tokenize("people"))
_POPULATION = "|".join(lang.POPULATION_WORDS)
# "the population of", "Wadi's population", "How many inhabitants...": not "the elephant
# population", nor "What percentage of the population...".
_ASKS_POPULATION = re.compile(
    rf"(?:\b(?:the|its|their|total|current|estimated|overall|how\s+many)|['’]s)\s+"
    rf"(?:{_POPULATION})\b",
    re.I,
)
_SHARE = re.compile(rf"\b(?:{'|'.join(lang.SHARE_WORDS)})\b", re.I)
_POPULATION_BEFORE = re.compile(
    rf"\b(?:{_POPULATION})\s+(?:of|is|was|stood\s+at|reached|rose\s+to|fell\s+to)\s+"
    r"(?:about\s+|around\s+|some\s+|nearly\s+|over\s+)?$",
    re.I,
)


# "a lakeside town of about 28,000 people", "a country of 50 million": the place's size.
_SIZE_OF_PLACE = re.compile(
    rf"\b(?:{'|'.join(w for w in lang.PLACE_KINDS if not w.endswith('s'))})\s+of\s+"
    r"(?:about\s+|around\s+|some\s+|nearly\s+|almost\s+|over\s+|more\s+than\s+)?$",
    re.I,
)


def _sizes_a_place(value: Value, text: str) -> bool:
    """Whether a figure says how many live in a place the sentence names beside it ("Pucón,
    a town of about 28,000 people"), not how many the asked event touched."""
    return _SIZE_OF_PLACE.search(text, 0, value.start) is not None


_HOME_TO = re.compile(
    rf"\b(?:{'|'.join(lang.HOME_TO)})\s+(?:about\s+|around\s+|some\s+|nearly\s+|almost\s+"
    r"|over\s+|more\s+than\s+)?$",
    re.I,
)
_DWELLER_STEMS = tuple(stem(w) for w in lang.DWELLER_WORDS)
_DWELLING_STEMS = frozenset(stem(w) for w in lang.DWELLING_VERBS)


def _dwellers_only(
    question: QuestionInfo, text: str, annotation: Mapping[str, Any], found: Sequence[Value]
) -> list[Value]:
    """For "How many people live in Corlett?", the figures that say how many live there ("a
    town of about 2,600 people", "12,400 residents", "home to 800 people", "2,600 people
    live there"), not those of the people an event touched ("shelters were housing about
    1,200 people", "added 1,900 people since the last count"); for any other question, all
    of them."""
    if question.slot != "number" or not question.counted or not _asks_dwellers(question):
        return list(found)
    predicates = annotation.get("predicates", ())
    return [v for v in found if _says_dwellers(v, text, predicates)]


def _asks_dwellers(question: QuestionInfo) -> bool:
    """Whether a "how many" question asks how many live somewhere ("How many people live in
    Bramford?")."""
    return bool(_lower_words(question.text) & lang.DWELLING_VERBS)


def _says_dwellers(value: Value, text: str, predicates: Sequence[Any]) -> bool:
    """Whether a figure says how many live in a place: the place's size ("a town of about
    2,600 people", "home to 800 people", "a population of 1.2 million"), a count of its
    residents or inhabitants, or a figure a verb of dwelling is nearest to ("2,600 people
    live there")."""
    before = text[: value.start]
    if _sizes_a_place(value, text) or _HOME_TO.search(before) or _POPULATION_BEFORE.search(before):
        return True
    if _counts_as_said(value, text, _DWELLER_STEMS):
        return True
    nearest = _nearest_verb(value, text, predicates)
    return nearest is not None and nearest[0] in _DWELLING_STEMS


def _asks_population(question: QuestionInfo) -> bool:
    """Whether the question asks how many people live somewhere ("What is the population of
    Middlesex Township?")."""
    return (
        _ASKS_POPULATION.search(question.text) is not None
        and _SHARE.search(question.text) is None
        and not question.asks_rate
    )


def _counts_population(value: Value, text: str, label: Sequence[str] = ()) -> bool:
    """Whether a figure is a population: right after "population of / was..." or a count of
    people ("6,669 people"; not "1,730 families", nor "drew 12,000 people" beside "a
    population of 167,000", which the words nearest the question's decide), or labelled as
    one in a table (``label``, :func:`_table_label`: "Population (2010) : 2,764", "Pop. :
    8,400"; not "Population density : 76.3", whose last word says what it is)."""
    return (
        _POPULATION_BEFORE.search(text, 0, value.start) is not None
        or _counts(value, text, _PEOPLE)
        or (bool(label) and label[-1] in lang.POPULATION_LABELS and value.unit != "%")
    )


# What ends the cell before a table's label: a figure (so "at 10:30" and "won 2:1" have
# none), a bullet, a bar, a semicolon or a colon. Figures in brackets are the label's own
# ("Population ( 2010 ) : 2,764").
_CELL_END = re.compile(r"[\d•|;:]")
_BRACKETED = re.compile(r"\([^()]*\)")
_LABEL_WORD = re.compile(r"[^\W\d_]+")
# A line with this many labelled figures is a table ("Mobile homes : 3 ... with a mortgage
# : 603"); one colon is a sentence's ("The mayor told reporters: 2,800 live here").
_TABLE_CELLS = 2


def _table_label(value: Value, text: str) -> tuple[str, ...]:
    """The words, lower case, of the label a flattened table gives a figure right before
    it, which say what the figure counts ("Housing units in Orrock township with a
    mortgage : 603"); none where no label ends in a colon there, or where it says only which
    of a heading's figures this is ("Population (2020) • Total : 2,764": lang.TABLE_SUBLABELS)."""
    before = text[: value.start].rstrip()
    if not before.endswith(":"):
        return ()
    label = _BRACKETED.sub(" ", before[:-1])
    cells = [m.end() for m in _CELL_END.finditer(label)]
    words = tuple(w.lower() for w in _LABEL_WORD.findall(label[cells[-1] if cells else 0 :]))
    return () if not words or words[-1] in lang.TABLE_SUBLABELS else words


_HOW_MEASURED = re.compile(rf"\bhow ({'|'.join(sorted(lang.MEASURE_UNITS))})\b", re.I)


def _measured_in(question: QuestionInfo) -> tuple[tuple[str, ...], bool]:
    """The base units a "how long/far/tall..." question's answer is in ("How long did the
    trial run?": seconds or metres, not "1,250 adults"), or none; and whether only those
    answer it (:data:`rag.language.ONLY_MEASURES`)."""
    found = _HOW_MEASURED.search(question.text)
    if found is None:
        return (), False
    measure = found.group(1).lower()
    return lang.MEASURE_UNITS[measure], measure in lang.ONLY_MEASURES


def _may_measure(value: Value, units: Sequence[str], only: bool) -> bool:
    """Whether a value may answer a "how long/high..." question in ``units``: one in them, or
    unless ``only``, another measure, a share or a sum ("How high is inflation?": 3.2%;
    "How high did temperatures climb?": 46 °C), but not a span of time ("How far
    underground were the miners?": not "52 hours"); never a bare figure or a count ("How
    long did the trial run?": not "roughly in half", "1,250 adults")."""
    unit = value.unit or ""
    if unit in units:
        return True
    # not a span of time where it does not ask one ("52 hours" for "How far underground?")
    return not only and unit not in ("", "s") and not unit.startswith("count:")


def of_asked_kind(question: QuestionInfo, values: Sequence[Value]) -> list[Value]:
    """The values of the kind the question's slot asks for, or of a kind the tagger confuses
    with it; a rate ("inhabitants per square mile") only when the question asks for one."""
    assert question.slot is not None
    found = [v for v in values if v.kind in _value_kinds(question)]
    if not question.asks_rate:
        found = [v for v in found if not is_rate(v.unit)]
    return found


def _figures_of_counted(
    counted: Sequence[str], values: Sequence[Value], text: str
) -> tuple[list[Value], bool]:
    """The figures of a sentence that count what a "how many" question counts, and whether
    they are a fallback: those that count it as the question says ("12 children" for
    children), else people of any description ("30 people"); failing those, people
    described otherwise ("640 students" for children) or a bare figure of one or more ("the
    death toll rose to 40", "Organisers said 20,000 took part"). Never a figure of another
    thing ("16 migraine days") nor one below one ("in half")."""
    tiers: tuple[tuple[bool, Callable[[Value], bool]], ...] = (
        (False, lambda v: _counts_as_said(v, text, counted)),
        (False, lambda v: counts_people(counted, text[v.end :])),
        (True, lambda v: counts_people_otherwise(counted, text[v.end :])),
        (True, lambda v: v.unit is None and v.low is not None and v.low >= 1),
    )
    for fallback, counts in tiers:
        chosen = [v for v in values if counts(v)]
        if chosen:
            return chosen, fallback
    return [], False


def _counts(value: Value, text: str, counted: Sequence[str]) -> bool:
    """Whether a figure counts what the question counts ("how many patients"), people of
    any description counting people."""
    return _counts_as_said(value, text, counted) or counts_people(counted, text[value.end :])


def _counts_as_said(value: Value, text: str, counted: Sequence[str]) -> bool:
    """Whether a figure counts what the question counts, in its words ("12 children"),
    within the figure itself when its unit is one ("12,500 acres", read in square metres)."""
    after = text[value.end : value.end + 40]
    if verb := _AUXILIARY.search(after):
        after = after[: verb.start()]  # it ends the figure's noun phrase ("two chains have")
    if is_money(value.unit) and not _MONEY_STEMS.isdisjoint(counted):
        return True  # "how much money": a sum in any currency
    if value.unit is not None and not value.unit.startswith("count:"):
        # a measure counts its own unit, or what it measures after "of" ("180 millimetres
        # of rain"), not a noun after it: "a 72-hour strike by nurses" counts no nurses
        measured = _MEASURE_OF.match(after)
        words = tokenize(" ".join(w for w in measured.groups() if w)) if measured else []
    else:
        words = tokenize(after)[:2]
    following = tokenize(text[value.start : value.end]) + words
    unit = (value.unit or "").removeprefix("count:")
    return any(t in counted for t in following) or (unit != "" and stem(unit) in counted)


# The word after a measure's figure (its unit word, when the figure's span holds none), and
# the two words after "of" that say what it measures: "180 [millimetres] (7 in) of [heavy
# rain]", "40 km of the coastline".
_MEASURE_OF = re.compile(
    r"\s*(?!of\b)([\w’'-]+)?(?:\s*\([^()]*\))?(?:\s*\bof\s+([\w’'-]+(?:\s+[\w’'-]+)?))?"
)
# Not within a hyphenated word: "40 do-it-yourself stores" counts stores.
_AUXILIARY = re.compile(rf"(?<![\w-])(?:{'|'.join(sorted(lang.AUXILIARIES))})(?![\w-])", re.I)
_MONEY_STEMS = frozenset(stem(w) for w in lang.MONEY_WORDS)


def _nearest_to_question(
    values: list[Value], text: str, question: QuestionInfo, predicates: Sequence[Any] = ()
) -> list[Value]:
    """The values closest (in words) to a word of the question outside them, among those of
    the asked event when the sentence uses its verb; all of them if the sentence uses none
    of its words."""
    if question.slot == "date" and not question.about_speech:
        # "..., the company said on Wednesday": the day of the saying, not of what is asked
        # about, even when the sentence gives no other date.
        values = [v for v in values if not _dates_a_saying(v, text, predicates)]
    if len(values) <= 1:
        return values
    if question.slot in _EVENT_SLOTS and not question.about_speech:
        # "When was the parish established?": the values the verb of the asked event (or of
        # a synonym) is the nearest verb to ("founded in 1900"), if any, not those of
        # another event ("raised to cathedral status in 1970").
        values = _of_asked_event(values, text, question, predicates) or values
        if len(values) == 1:
            return values
    if question.about_speech:
        # "When did she say...": the date of the saying, not of what was said.
        speech = SPEECH_STEMS
        anchors = [start for word, _, start in predicates if word in speech]
    else:
        anchors = []
    terms = _asked_terms(question)
    anchors = anchors or [
        m.start() for m in _TOKEN.finditer(text) if set(tokenize(m.group())) & terms
    ]
    if not anchors:
        return values

    def distance(value: Value) -> int | float:
        # A word of the question inside the name is no nearness: it makes the name a
        # description of the asked thing ("Varden Mountain Rescue" for "Who headed the
        # rescuers?"), not a value beside it.
        outside = [a for a in anchors if not value.start <= a < value.end]
        return min(
            (len(_TOKEN.findall(text[min(a, value.start) : max(a, value.start)])) for a in outside),
            default=math.inf,
        )

    distances = [distance(v) for v in values]
    nearest = min(distances)
    # in the order given: kind first
    return [v for v, d in zip(values, distances, strict=True) if d == nearest]


# The slots whose value belongs to an event a verb of the question may name: when or where
# it happened, who did it, how many it touched.
_EVENT_SLOTS = ("date", "person", "org", "place", "number")
# Of those, the slots that ask who did it.
_DOER_SLOTS = ("person", "org")
# What ends a clause or sets one apart inside a sentence: a mark, or a conjunction.
_MARKS = r"[,;:()\[\]–—]|\s-\s"
_CLAUSE_MARK = re.compile(rf"{_MARKS}|\b(?:and|but|or|while|which|who|whose|where|when)\b", re.I)
_CLAUSE_EDGE = re.compile(_MARKS)  # the marks alone
_PHRASE_END = re.compile(
    rf"{_MARKS}|\b(?:and|but|or|while|which|who|whose|where|when|for|with|after|before|"
    r"at|in|on|from|as|to|during|until|since|about|starring|featuring)\b",
    re.I,
)
# What opens a clause that says something besides the sentence's own point: a relative
# clause ("who had won the Pulitzer") or one that dates or explains it by another event
# ("two years after a similar bill passed the Senate").
_SUBORDINATE = re.compile(
    r"\b(?:which|who|whose|whom|where|when|after|before|since|until|while|because|"
    r"although|though|if|once)\b",
    re.I,
)


def _of_asked_event(
    values: list[Value], text: str, question: QuestionInfo, predicates: Sequence[Any]
) -> list[Value]:
    """The values the sentence ties to what the question asks about: those whose nearest
    verb is the question's or a synonym of it, in a clause of the sentence's own ("founded
    in 1900"; not "two years after a similar bill passed the Senate in 2017"), and for
    "who" the one the asked thing is said to be by ("the fifth album by jazz musician John
    Coltrane"); none when it ties none."""
    asked = _asked_verbs(question)

    def asked_verb(value: Value) -> int | None:
        """Where the value's nearest verb starts, if it is the asked one."""
        nearest = _nearest_verb(value, text, predicates)
        if nearest is None:
            return None
        word, _, start = nearest
        return start if word in asked and not _subordinate(text, start) else None

    maker = question.slot == "person" and _asks_maker(question)
    if question.slot not in _DOER_SLOTS:
        agents = []
    elif maker:
        # "the album by Icelandic singer Björk" for "Who recorded Homogenic?"
        agents = _agents(
            values, text, _asked_terms(question) | asked | _work_stems(), reach=_MAKER_REACH
        )
    else:
        agents = _agents(values, text, _asked_terms(question) | asked)
    verb_at = [(v, asked_verb(v)) for v in values]
    tied = [v for v, at in verb_at if at is not None or v in agents]
    if question.slot not in _DOER_SLOTS:
        return tied
    if maker and agents and not _does_before(verb_at):
        # The name the sentence says made it, not one the description before it holds
        # ("created by Welsh software engineer Josh Wardle"), unless a person does the asked
        # verb before it ("Whitney Houston performed the song by Dolly Parton"). Not for
        # other acts, whose doer is the verb's subject: "Pickford saved the penalty by Saka".
        return agents
    # Who did it: those in the verb's own clause, when there are any ("written by Sue
    # Townsend", not the title before it in "Adrian Mole: The Wilderness Years is the
    # fourth book in the series, written by Sue Townsend"). Not for a date or a place, which
    # an opening phrase sets apart by a comma ("In 1931, the bridge opened in May").
    own = [v for v, at in verb_at if v in agents or (at is not None and not _apart(text, at, v)[0])]
    return own or tied


def _does_before(verb_at: Sequence[tuple[Value, int | None]]) -> bool:
    """Whether a person comes before the asked verb its value is tied to (its subject)."""
    return any(at is not None and v.end <= at and v.kind == "person" for v, at in verb_at)


def _apart(text: str, verb: int, value: Value) -> tuple[bool, int]:
    """How far a verb starting at ``verb`` is from a value: whether a clause mark stands
    between them, then the words between (a verb of the same clause is nearer: "which
    listed its shares in 1998, was established in 1962")."""
    if verb < value.start:
        word = _TOKEN.match(text, verb)
        between = text[word.end() if word else verb : value.start]
    else:
        between = text[value.end : verb]
    return _CLAUSE_MARK.search(between) is not None, len(_TOKEN.findall(between))


def _nearest_verb(value: Value, text: str, predicates: Sequence[Any]) -> Any | None:
    """The predicate nearest a value (:func:`_apart`), outside it; None if there is none."""
    outside = [p for p in predicates if not value.start <= p[2] < value.end]
    return min(outside, key=lambda p: _apart(text, p[2], value)) if outside else None


def _dates_a_saying(value: Value, text: str, predicates: Sequence[Any]) -> bool:
    """Whether the value's nearest verb is a speech verb ("said on Wednesday")."""
    nearest = _nearest_verb(value, text, predicates)
    return nearest is not None and nearest[0] in SPEECH_STEMS


def _subordinate(text: str, at: int) -> bool:
    """Whether the word at ``at`` is in a relative or subordinate clause: a word that opens
    one stands between it and the start of its clause."""
    edges = [m.end() for m in _CLAUSE_EDGE.finditer(text, 0, at)]
    return _SUBORDINATE.search(text, edges[-1] if edges else 0, at) is not None


# Read once per question, not once per sentence a reader reads for it (a bound, as a
# server answers questions without end).
@functools.lru_cache(maxsize=256)
def _asked_verbs(question: QuestionInfo) -> frozenset[str]:
    """The stems a sentence's verb may take to state what the question asks about: each of
    its words in its base form ("built": "build"; "found": "find", not "founded"), with its
    synonyms, and for "who" the verbs of its agent nouns ("director": "direct"); not what
    it counts ("How many votes did the bill get?": not "40 MPs voted against it")."""
    stems: set[str] = set()
    for word in _TOKEN.findall(question.text):
        stems.update(tokenize(_base(word)))
    stems = _with_agent_verbs(question, stems) - set(question.counted)
    return frozenset(same for term in stems for same in _same(term))


def _base(word: str) -> str:
    """An irregular past form's verb ("built": "build"; "written": "write"), else the word."""
    return lang.IRREGULAR_PAST.get(word.lower(), word)


def uses_asked_verb(question: QuestionInfo, annotation: Mapping[str, Any]) -> bool:
    """Whether an annotated sentence states something with one of the question's words (or
    a synonym) as its verb, a verb of saying apart ("Who did Putin say must be involved?"
    is about involving): "The factory closed in 2019" for "When did the factory close?"."""
    asked = _asked_verbs(question) - SPEECH_STEMS
    return any(word in asked for word, *_ in asserted_predicates(annotation))


# A negation in a question and the words after it: "unable to act", "can't act", "didn't
# recover", "has not been charged", "isn't active".
_QUESTION_NEGATION = re.compile(
    r"(?:\b(?:"
    + "|".join(r"\s+".join(map(re.escape, n.split())) for n in lang.VERB_NEGATIONS)
    + r")|n['’]t)((?:\s+[a-z]+){1,4})",
    re.I,
)


# Words that deny the verb they govern: an infinitive after "refused", "failing", "unable"
# ("What did Jews refuse to accept?"; not "impossible", which leaves it open, nor
# "hesitate", which says nothing unless negated), or an "-ing" verb after "avoid" ("avoid
# engaging"); matched by their stems, so every form counts.
_DENYING_STEMS = frozenset(
    stem(w)
    for w in lang.NEGATIVE_IMPLICATIVES - lang.OPEN_WHEN_NEGATED - lang.SAY_NOTHING_UNLESS_NEGATED
)
_AVOIDING_STEMS = frozenset(stem(w) for w in lang.AVOIDING)
# (a lookahead, so that "was refusing to sign" is read at "refusing" too)
_GOVERNED = re.compile(r"\b(?=([\w’'-]+)\s+(?:to\s+([a-z]+)\b|((?-i:[a-z]+ing))\b))", re.I)


# Cached as _asked_verbs is: each candidate sentence of a question asks it again.
@functools.lru_cache(maxsize=256)
def denied_by_question(question: QuestionInfo) -> frozenset[str]:
    """Stems of the verbs a question denies: the first word after a negation that is no
    auxiliary, "to" or "-ly" adverb ("did not agree": "agre"), or the verb governed by a
    word that denies it ("refuse to accept", "unable to deal", "avoid engaging")."""
    denied: set[str] = set()
    for match in _QUESTION_NEGATION.finditer(question.text):
        said = match.group(1).split()
        if said[0].lower() in lang.NEGATION_NARROWERS:
            continue  # "not only opened in June" denies nothing
        words = [w for w in said if not lang.between_negation_and_verb(w)]
        if words:
            denied.update(tokenize(_base(words[0])))
    for match in _GOVERNED.finditer(question.text):
        governor, infinitive, gerund = match.groups()
        stems = _DENYING_STEMS if infinitive else _AVOIDING_STEMS
        before = _TOKEN.findall(question.text[: match.start()])[-lang.NEGATION_REACH :]
        # a denying word itself denied asserts the verb: "did not refuse to sign"
        if stem(_base(governor)) in stems and not any(lang.is_negation(w) for w in before):
            denied.update(tokenize(_base(infinitive or gerund)))
    return frozenset(denied)


_WHY = re.compile(r"\bwhy\b", re.I)


def asserts_what_question_negates(
    question: QuestionInfo, text: str, annotation: Mapping[str, Any]
) -> tuple[str, str] | None:
    """The word a question negates and the word by which an annotated sentence asserts it,
    not negated (nor by what governs it: "refused to allow"): "Macrophages also act as
    scavengers" answers no "What cell is unable to act as a scavenger?"; ``("not act", "act")``.
    The negated word is the first after the negation that is no auxiliary, "to" or "-ly"
    adverb ("has not been charged": "charged"). Not for "why": a reason is given beside the
    thing it stopped ("Why was CBS unable to broadcast...?": "broadcasting was delayed by
    technical problems")."""
    if _WHY.search(question.text):
        return None
    said = asserted_predicates(annotation)
    for match in _QUESTION_NEGATION.finditer(question.text):
        words = [w for w in match.group(1).split() if not lang.between_negation_and_verb(w)]
        if not words:
            continue
        negated_stem = stem(_base(words[0]))
        found = [(negated, at) for w, negated, at in said if w == negated_stem]
        if found and not any(negated for negated, _ in found):
            return f"not {words[0]}", _written(text, found[0][1], negated_stem)
    return None


def negates_what_question_asserts(
    question: QuestionInfo, text: str, annotation: Mapping[str, Any]
) -> tuple[str, str] | None:
    """The word a question asserts and the words by which an annotated sentence negates
    it, when the sentence asserts none of the question's words as a verb: "said the
    hospital would not pay the ransom" answers no "Who said the hospital would pay the
    ransom?", nor "the company has never made a profit" "How much profit did Kurio
    make?"; ``("pay", "not pay")``. Not for a question that negates (that is
    :func:`asserts_what_question_negates`), nor for "why" (a reason is given beside what
    did not happen: "The launch did not go ahead because of high winds")."""
    if _WHY.search(question.text) or _QUESTION_NEGATION.search(question.text):
        return None
    # a verb the question denies as the sentence does is no contradiction ("Which type of
    # jihad does HT avoid engaging in?": "HT does not engage in armed jihad")
    asked = _asked_verbs(question) - SPEECH_STEMS - denied_by_question(question)
    stated = asserted_predicates(annotation)
    if any(word in asked and not negated for word, negated, _ in stated):
        return None
    for word, negated, at in stated:
        if word in asked and negated and not _negation_lifted(text, at):
            said = _written(text, at, word)
            if _denied_alike(question, text, at, said):
                continue
            return said, f"not {said}"
    return None


def _denied_alike(question: QuestionInfo, text: str, at: int, written: str) -> bool:
    """Whether the question says the word ``written`` at ``at`` with the same two words
    before it as the sentence, which deny it there: "refused to give" and "...refuse to
    give...?", "with no husband present" in both (the question then asserts nothing the
    sentence denies)."""
    before = _TOKEN.findall(text[:at])[-2:]
    if not any(lang.is_negation(w) or stem(w) in _DENYING_STEMS for w in before):
        return False  # the denial lies further back: "did not at first approve"
    said = [stem(w) for w in (*before, written)]
    asked = [stem(w) for w in _TOKEN.findall(question.text)]
    return len(said) == 3 and any(asked[i : i + 3] == said for i in range(len(asked) - 2))


def _negation_lifted(text: str, at: int) -> bool:
    """Whether the negated verb at ``at`` is said after all ("did not open until March",
    "never performed again", "not only paid") or in a clause that concedes it beside what
    the sentence says ("though the quake did not kill anyone in the capital")."""
    before = re.findall(r"[a-z]+", text[:at].lower())
    after = re.findall(r"[a-z]+", text[at:].lower())[1:3]
    return bool(
        set(before[-2:]) & lang.NEGATION_NARROWERS
        or set(after) & lang.NEGATION_LIFTERS
        or set(before) & lang.CONCESSIVES
    )


def _written(text: str, at: int, stem_: str) -> str:
    """The word of ``text`` at ``at`` as written, or the stem when none starts there."""
    written = _TOKEN.match(text, at)
    return written.group() if written else stem_


@functools.cache
def _converse_stems() -> dict[str, frozenset[str]]:
    """Each predicate's stem with those of its converses (``lang.CONVERSES``)."""
    return lang.both_ways((stem(a), stem(b)) for a, b in lang.CONVERSES)


def opposite_event(
    question: QuestionInfo, text: str, annotation: Mapping[str, Any]
) -> tuple[str, str] | None:
    """A word of the question and the word of an annotated sentence that states its opposite
    (an antonym of it or of a synonym, asserted and not negated; not a converse, "won" for
    "Who lost?"), when the sentence asserts none of the question's verbs: "will close at the
    end of June" answers no "When did the library open?", though it states a date;
    ``("open", "close")``."""
    if uses_asked_verb(question, annotation):
        return None
    said = asserted_predicates(annotation)
    # the opposite of a word the question denies is what it asks ("What analyst did not
    # agree with the ruling?": "disagreed"; "What did they refuse to accept?": "rejected")
    denied = denied_by_question(question)
    for word in _TOKEN.findall(question.text):
        asked = {same for t in tokenize(_base(word)) if t not in denied for same in _same(t)}
        asked -= SPEECH_STEMS
        opposite = {o for a in asked for o in _antonym_stems().get(a, ())} - asked
        opposite -= {o for a in asked for o in _converse_stems().get(a, ())}
        for predicate, negated, at in said:
            if predicate in opposite and not negated:
                written = _TOKEN.match(text, at)
                return word, written.group() if written else predicate
    return None


# "by" names who made, did or said what the word before it names ("the album by R&B
# singer Beyoncé", "directed by Ken Loach"), a name at most this many words after it; not
# a figure ("ahead by 20 points", "won by 12 seconds").
_BY = re.compile(r"\bby\s+(?![\d$£€]|(?:" + "|".join(lang.NUMBER_WORDS) + r")\b)", re.I)
_BY_REACH = 4
# A maker's name may come after a long description: "by former Baltimore Sun police
# reporter David Simon", "by Dutch Golden Age painter Johannes Vermeer".
_MAKER_REACH = 7
# A work's maker is also the name after "of" right after a word of the question ("the
# debut album of Jovit Baldivino"), or the name that owns it ("Massimo Stanzione's David").
_OF = re.compile(r"\bof\s+(?:the\s+)?", re.I)
POSSESSIVE = re.compile(r"['’]s\b")
_FROM = re.compile(r"\bfrom\s+", re.I)


def _agents(
    values: Sequence[Value],
    text: str,
    asked: set[str] | frozenset[str],
    link: re.Pattern[str] = _BY,
    reach: int = _BY_REACH,
) -> list[Value]:
    """The values a sentence says an asked word is by, one per "by" (or other ``link``)
    right after a word of ``asked`` (the question's terms and verbs), at most ``reach``
    words after it: not "the speech introduced by Sadiq Khan" for "Who gave the speech?".
    Beyond the usual reach, the last person, as a long description comes before the name
    and may hold names ("by Dutch Golden Age painter Johannes Vermeer")."""
    found = []
    for by in link.finditer(text):
        before = _TOKEN.findall(text[: by.start()])[-1:]
        if not before or not asked.intersection(tokenize(_base(before[0]))):
            continue
        # a long description ends where a clause or a prepositional phrase begins:
        # "composed by Igor Stravinsky for Sergei Diaghilev's Ballets Russes"
        mark = (_CLAUSE_MARK if reach <= _BY_REACH else _PHRASE_END).search(text, by.end())
        phrase = text[by.end() : mark.start() if mark else len(text)]
        words = list(re.finditer(r"\S+", phrase))[:reach]
        if not words:
            continue
        end = by.end() + words[-1].start()
        named = [v for v in values if by.end() <= v.start <= end]
        persons = [v for v in named if v.kind == "person"]
        # What describes a person comes before the name, and may be a name the tagger calls
        # an organisation ("by R&B singer Beyoncé", "by Reuters reporter Ann Lee"); a second
        # person belongs to another phrase ("a goal by Bukayo Saka after Mo Salah...").
        # A nationality only describes ("by Welsh software engineer Josh Wardle").
        others = [v for v in named if v.kind != "group"]
        if persons:
            found.append(persons[0] if reach <= _BY_REACH else persons[-1])
        elif others:
            found.append(others[-1])
        elif reach > _BY_REACH and (
            untagged := _ROLE_THEN_NAME.search(text, by.end(), by.end() + words[-1].end())
        ):
            found.append(_named_after_role(untagged))
    return found


def _named_after_role(match: re.Match[str]) -> Value:
    """The name a :data:`_ROLE_THEN_NAME` match found, as a person's value."""
    name = match.group("name").rstrip(".")  # the sentence's full stop
    start = match.start("name")
    return Value("person", start, start + len(name), normalise_name(name))


def _from_maker(text: str, values: Sequence[Value]) -> list[Value]:
    """The names after a maker's role in a "from" phrase: "a 2017 game from Australian
    developer Team Cherry", "Toni Erdmann, from writer-director Maren Ade"."""
    found = []
    for link in _FROM.finditer(text):
        mark = _PHRASE_END.search(text, link.end())
        end = mark.start() if mark else len(text)
        role = _ROLE_THEN_NAME.search(text, link.end(), end)
        if role is None:
            continue
        tagged = [v for v in values if role.start("name") <= v.start < end]
        found.append(tagged[0] if tagged else _named_after_role(role))
    return found


# A capitalised run after a maker's role ("duo OutKast", "band Florence + the Machine",
# "rapper Slim the Mobster"), up to the end of the "by" phrase.
_ROLE_THEN_NAME = re.compile(
    r"\b(?i:" + "|".join(sorted(lang.MAKER_ROLES)) + r")\s+"
    r"(?P<name>[A-Z][\w’'!.-]*(?:\s+(?:(?:the|of|and|&|\+)\s+)?[A-Z][\w’'!.-]*)*)"
)


# "Who made it" questions: an agent noun or a verb of making (``lang.MAKERS``), as in
# "Who is the artist of X?", "Who directed X?", "Who wrote X?". Cached as _asked_verbs is:
# every candidate sentence of a question asks it again, on the answer's hot path.
@functools.lru_cache(maxsize=256)
def _asks_maker(question: QuestionInfo) -> bool:
    """Whether a "who" question asks who made a work (not who holds a role: "Who is the
    president of Ukraine?" is read by title)."""
    if asked_holder(question.text) is not None:
        return False
    terms = set(question.terms)
    if set(_maker_stems()) & terms:
        return True  # "artist", "author", "architect": a maker whatever they made
    # An agent noun or a verb of making asks for a maker only of a work the question names
    # or calls one ("Who directed Jaws?", "Who painted the mural?"); not "Who is the
    # director of the CIA?" by title, nor "Who made the decision?", "Who performed the
    # surgery?".
    if not (question.names or question.titles or _work_stems() & terms):
        return False
    verb = _QUESTION_VERB.match(question.text)
    said = set(tokenize(_base(verb.group(1)))) if verb else set()
    making = _making_stems()
    return bool(making & ({v for t in terms for v in _agent_verb_stems(t)} | said))


# The verb right after "Who" or "Which band": "wrote" in "Who wrote X?", not the noun
# "record" of "Who holds the record?".
_QUESTION_VERB = re.compile(
    r"\s*(?:who|which\s+[\w-]+)\s+(?:(?:did|has|have|had|first|originally)\s+)*([\w’'-]+)",
    re.I,
)


@functools.cache
def _making_stems() -> frozenset[str]:
    return frozenset(v for verbs in _maker_stems().values() for v in verbs)


@functools.cache
def _work_stems() -> frozenset[str]:
    return frozenset(stem(w) for w in lang.WORK_NOUNS)


def _makers(
    question: QuestionInfo, values: list[Value], text: str, annotation: Mapping[str, Any]
) -> list[Value]:
    """The values a sentence says made what the question asks about: tied to its verb of
    making or the "by" after its words (:func:`_of_asked_event`), else a name one of its
    words titles, else a name a relative clause says made it, else a name that owns the
    work, else the name after "of" right after them, else one after a maker's role in a
    "from" phrase; none when the sentence says no such thing."""
    tied = _of_asked_event(values, text, question, annotation.get("predicates", ()))
    if tied:
        return tied
    # the words that say what was made, not those of its name ("the Head of Goliath")
    named = set(tokenize(" ".join(question.names)))
    asked = _asked_terms(question) - named
    if titled := [v for v in values if _called(text, v, asked | (_asked_verbs(question) - named))]:
        return titled
    if relative := [v for v in values if _who_did(text, v, _asked_verbs(question))]:
        return relative
    if owners := [v for v in values if _owns(text, v, asked | _work_stems(), question.names)]:
        return owners  # before "of": "Walter Isaacson's biography of Elon Musk"
    if of := _agents(values, text, asked, _OF):
        return of
    return _from_maker(text, values)


# A relative clause right after a name: "Hilary Mantel, who wrote Wolf Hall, died...".
_WHO_CLAUSE = re.compile(r",?\s+who\s+(?:(?:had|has|have|also|later|first)\s+)?([\w’'-]+)", re.I)


def _who_did(text: str, value: Value, verbs: frozenset[str]) -> bool:
    """Whether a relative clause right after a name says it did an asked verb."""
    clause = _WHO_CLAUSE.match(text, value.end)
    return clause is not None and bool(verbs.intersection(tokenize(_base(clause.group(1)))))


_OWNED_REACH = 3  # "Radiohead's fourth album", "Anna Berg's third novel"


def _owns(text: str, value: Value, work: set[str], names: Sequence[str]) -> bool:
    """Whether a name in the possessive owns the work: the work's name follows it, or an
    asked word or a work's noun within a few words ("Massimo Stanzione's David", "Anna
    Berg's third novel"; not "Churchill's years", "Beyoncé's mentor", "Glenn Gould's 1955
    recording of the Goldberg Variations")."""
    owner = POSSESSIVE.match(text, value.end)
    if owner is None:
        return False
    after = text[owner.end() :].lstrip().lower()
    if names and after.startswith(names[0].lower()):
        return True
    following = _TOKEN.findall(after)[:_OWNED_REACH]
    return any(work.intersection(tokenize(word)) for word in following)


def _called(text: str, value: Value, asked: set[str]) -> bool:
    """Whether the word right before a name (or before the comma ahead of it) or the last
    of an apposition after it is an asked one or its agent noun: "FBI Director Christopher
    Wray", "the tower's architect, Jean Nouvel", "Hans Zimmer, the film's composer," and
    "Sue Townsend, the book's author," for "Who wrote the book?"."""
    before = _TOKEN.findall(text[: value.start].rstrip().rstrip(","))[-1:]
    after = _APPOSITION.match(text, value.end)
    return any(
        asked & {*stems, *(v for s in stems for v in _agent_verb_stems(s))}
        for stems in (tokenize(w) for w in (*before, *(after.groups() if after else ())))
    )


# ", the film's composer," / ", medical director at": a short apposition's last word.
_APPOSITION = re.compile(
    r",\s+(?:(?:a|an|the)\s+)?(?:[\w’'.-]+\s+){0,3}?([\w-]+)(?=\s*[,;.]|\s+(?:at|of|for)\b)"
)


def _asked_terms(question: QuestionInfo) -> set[str]:
    """The question's terms, with the verbs of its agent nouns when it asks who ("director":
    "direct")."""
    return _with_agent_verbs(question, set(question.terms))


def _with_agent_verbs(question: QuestionInfo, stems: set[str]) -> set[str]:
    """``stems``, and for "who" the verbs of the agent nouns among them."""
    if question.slot != "person":
        return stems
    return stems | {verb for term in stems for verb in _agent_verb_stems(term)}


# An agent noun names who does what its verb says: "Who is the director of X?" is answered
# where X was "directed by" someone, "Who was its founder?" where it was "founded by" one.
_AGENT_ENDINGS = ("or", "er")
_SHORTEST_AGENT_NOUN = 6  # not "user", "owner": their bare stems ("us", "own") say too little


def _agent_verb_stems(term: str) -> tuple[str, ...]:
    """The stems the verb of an agent noun's stem may take ("director" -> "direct",
    "writer" -> "writ", "write"; "author" -> "write", from ``lang.MAKERS``), or none."""
    made = _maker_stems().get(term, ())
    if len(term) < _SHORTEST_AGENT_NOUN or not term.endswith(_AGENT_ENDINGS):
        return made
    verb = term[:-2]
    return (verb, f"{verb}e", *made)


@functools.cache
def _maker_stems() -> dict[str, tuple[str, ...]]:
    return {stem(noun): tuple(map(stem, verbs.split())) for noun, verbs in lang.MAKERS.items()}


# --- Stance ------------------------------------------------------------------------------


@functools.cache
def _synonym_stems() -> dict[str, frozenset[str]]:
    """Each predicate's stem with those of its synonyms (itself included)."""
    return {stem(w): frozenset(stem(x) for x in group) for group in lang.SYNONYMS for w in group}


def _same(predicate: str) -> frozenset[str]:
    return _synonym_stems().get(predicate, frozenset({predicate}))


@functools.cache
def _antonym_stems() -> dict[str, frozenset[str]]:
    """Each predicate's stem with those of its antonyms and of its synonyms' antonyms."""
    pairs: dict[str, set[str]] = {}
    for a, b in lang.ANTONYMS:
        for x, y in ((a, b), (b, a)):
            for same in _same(stem(x)):
                pairs.setdefault(same, set()).update(_same(stem(y)))
    return {k: frozenset(v) for k, v in pairs.items()}


def read_stance(question: QuestionInfo, text: str, annotation: Mapping[str, Any]) -> Reading | None:
    """Yes or no to the question's predicate: the same predicate or a synonym, or an
    antonym, with or without a negation ("did not approve" and "rejected" both say no to
    "approve"; "supported" says yes to "back")."""
    asked = _asked_predicate(question, annotation)
    if asked is None:
        return None
    same, opposite = _same(asked), _antonym_stems().get(asked, frozenset())
    complements = {f for t in question.terms for f in _same(t)} - same - opposite
    predicates = asserted_predicates(annotation)
    answers = set()
    for i, (word, negated, at) in enumerate(predicates):
        if word in same:
            yes = not negated
        elif word in opposite:
            yes = bool(negated)
        else:
            continue
        # A negated complement the question asks with turns the answer: "pleaded not
        # guilty" says no to "Did he plead guilty?", "was found not liable" to "found liable".
        after = predicates[i + 1] if i + 1 < len(predicates) else None
        if (
            after is not None
            and after[1]
            and not negated  # "did not plead guilty": one negation, the verb's
            and after[0] in complements
            and _negated_next_to(text, at, after[2])
        ):
            yes = not yes
        answers.add(yes)
    if len(answers) != 1:
        return None  # saying both
    yes = answers.pop()
    return Reading("stance", "yes" if yes else "no", "yes" if yes else "no")


# A complement follows its verb closely: "pleaded not guilty", "declared the deal not valid".
_COMPLEMENT_REACH = 4  # words from the verb to its complement, the verb included


def _negated_next_to(text: str, verb: int, complement: int) -> bool:
    """Whether a complement follows its verb closely with a negation of its own between
    them ("pleaded not guilty"; not "refused to approve", which the verb negates)."""
    between = _TOKEN.findall(text, verb, complement)
    return len(between) <= _COMPLEMENT_REACH and any(map(lang.is_negation, between))


def _asked_predicate(question: QuestionInfo, annotation: Mapping[str, Any]) -> str | None:
    """The question's predicate as the sentence states it: the first word of the question
    that the sentence uses as a verb or adjective, or whose antonym it uses; None when the
    sentence uses that word only where it states nothing of its subject ("ordered the bank
    to pay"). Read in the sentence, where the tagger is surer than in a question ("Did the
    drug increase survival?" tags "increase" as a noun)."""
    first = _used_predicate(question, annotation)
    if first is None:
        return None
    # A sentence that uses it but says nothing of its subject ("ordered the bank to pay")
    # answers nothing, not the question's next word it happens to use ("a $10m fine").
    asked, forms = first
    asserted = {word for word, *_ in asserted_predicates(annotation)}
    return asked if asserted & forms else None


def _used_predicate(
    question: QuestionInfo, annotation: Mapping[str, Any]
) -> tuple[str, frozenset[str]] | None:
    """The first word of the question that the sentence uses as a verb or adjective, or
    whose antonym it uses, whether or not it states it, with the stems that count as it."""
    used = {word for word, *_ in annotation.get("predicates", ())}
    opposite = _antonym_stems()
    modifying = _participles(question.text) | _determined(question.text)
    return next(
        (
            (t, forms)
            for t in question.terms
            if t not in modifying and used & (forms := _same(t) | opposite.get(t, frozenset()))
        ),
        None,
    )


# After "do" or a modal the question's verb is bare: an "-ing" word modifies a noun ("Does
# the union representing the workers back the deal?" asks about backing, not representing),
# and so does an "-ed" word, unless it follows a form of "be" or "have" ("Will Ukraine
# recognize occupied territories?" asks about recognizing; "Will the bill be passed?" about
# passing, "Could the storm have caused the outage?" about causing).
_BARE_VERB_QUESTION = re.compile(
    r"^\s*(?:do|does|did|can|could|will|would|should|shall|may|might|must)\b", re.I
)


def _determined(question: str) -> frozenset[str]:
    """Stems of the words right after a determiner, nouns that are no predicate of the
    question: "Did Finch concede the election?" asks about conceding, so "Voters elected
    Delgado" says nothing to it."""
    words = _TOKEN.findall(question)
    return frozenset(
        stem(word)
        for before, word in itertools.pairwise(words)
        if before.lower() in lang.DETERMINERS
    )


def _participles(question: str) -> frozenset[str]:
    """Stems of the "-ing" and "-ed" words that cannot be a question's predicate."""
    if not _BARE_VERB_QUESTION.match(question):
        return frozenset()
    words = _TOKEN.findall(question)
    verbal = lang.PASSIVE_AUXILIARIES | lang.PARTICIPLE_AUXILIARIES  # "be passed", "have caused"
    return frozenset(
        t
        for before, w in zip(words, words[1:], strict=False)
        if w.endswith("ing") or (w.endswith("ed") and before.lower() not in verbal)
        for t in tokenize(w)
        if t != w.lower()  # a suffix, not "bring", "sing" or "need"
    )


# --- Role --------------------------------------------------------------------------------

# The words of a title just before a name ("former U.S. President", "assistant coach"), or
# set off by a comma before it ("The company's chief financial officer, Dana Whitfield,").
_TITLE_BEFORE = re.compile(r"((?:[A-Za-z][\w.’'-]*\s+){0,3}[A-Za-z][\w.’'-]*),?\s+$")
# Or an apposition after it ("Okafor, the chief executive,"), which may name whose title it
# is ("Voss, the county's director of transportation,", "Solberg, Veltrane's vice-president
# of manufacturing,"): the body after "of" is compared as the title's other words, so that
# "secretary of state" is not "secretary of defense". Without a determiner or an owner, the
# apposition must start with a title word ("Okafor, chief executive of Tansy,"; not "Voss,
# Ian Lund and the president").
_OWNER = (
    r"(?P<owner>(?:(?:the|a|an|its|his|her|their)\s+)?(?:(?:[\w.’'-]+\s+){0,2}[\w.’'-]+['’]s\s+)?)"
)
_OF_BODY = r"(?:\s*\bof\s+(?:the\s+)?(?P<body>(?:[\w.’'-]+\s*){1,3}?))?"
_TITLE_AFTER = re.compile(
    rf"^,\s+{_OWNER}(?P<title>(?:[\w.’'-]+\s*){{1,5}}?){_OF_BODY}(?=[,.;)]|$)"
)


def read_role(question: QuestionInfo, text: str, annotation: Mapping[str, Any]) -> Reading | None:
    """The title the sentence gives the person the question names, from the words just
    before the name ("former chief executive Amara Okafor", "US President Donald Trump",
    "its chief financial officer, Dana Whitfield,") or an apposition after it ("Okafor, the
    chief executive,"); compared by :func:`_titles_agree`
    through its ``norm`` ("former|executive|chief")."""
    # "Kestrel Town head coach" for a question about Kestrel Town: "head coach"
    named = {w.lower() for n in question.names for w in n.split()}
    for start, end in _name_spans(question, text):
        before = _TITLE_BEFORE.search(text[:start])
        if before and (reading := _role_reading(_title_words(before.group(1)), named)):
            return reading
        after = _TITLE_AFTER.match(text[end:])
        if after is None:
            continue
        words = _title_words(after["title"])
        if words and (after["owner"] or after["title"].split()[0].lower() in lang.TITLE_WORDS):
            if reading := _role_reading(words, named, _body_words(after["body"])):
                return reading
    return None


_OF_MARK = "of:"  # marks a title's word from the body it is "of" in its norm


def _body_words(body: str | None) -> list[str]:
    """The words of the body a title is "of", lower case, less determiners and owners."""
    words = [w.lower().replace("’", "'") for w in (body or "").split()]
    return [w for w in words if w not in lang.DETERMINERS and not w.endswith("'s")]


def _role_reading(
    words: Sequence[str], named: Collection[str], body: Sequence[str] = ()
) -> Reading | None:
    """The reading of a title's words, lower case, and of the words of the body it is "of";
    its ``norm`` ("former|executive|chief") is what :func:`_titles_agree` compares."""
    former = any(w in lang.FORMER for w in words)
    kept = [w for w in words if w not in lang.FORMER and w not in named]
    if not kept:
        return None
    # the body's words marked, as no body a title is held at ("transportation" of "director
    # of transportation" is a portfolio, not "Kingsbridge" of "Kingsbridge manager")
    others = sorted({*kept[:-1], *(f"{_OF_MARK}{w}" for w in body if w not in named)})
    norm = "|".join(["former" if former else "current", kept[-1], *others])
    label = " ".join([*words, *(["of", *body] if body else [])])
    return Reading("role", label, norm)


# The most words a title the span reader reads may hold ("deputy director of public
# works": "deputy director"); a longer span is a clause, not a title. Set by hand.
_SPAN_TITLE_WORDS = 4
_SPAN_TITLE = re.compile(rf"^{_OWNER}(?P<title>[^,;:()]+?){_OF_BODY}$", re.I)
# What may stand between the asked person's name and a title the span reader reads after
# it: an apposition's comma, determiner and owner ("Voss, Pemberford's chief bridge
# engineer"), not "'s" ("Ekberg's deputy") nor a verb ("Ekberg was the port's engineer").
_OWNER_APPOSITION = re.compile(rf"^,\s+{_OWNER}$")


def role_in_span(question: QuestionInfo, text: str, start: int, end: int) -> Reading | None:
    """The title the span reader's answer ``text[start:end]`` gives the person the question
    names, for a sentence whose title :func:`read_role` cannot read because it ends in no
    title word ("Harlan Voss, Pemberford's chief bridge engineer", "mission director Oona
    Reinholt"): only a span right before the name or in an apposition right after it; its
    words before any "of", less a determiner and whose title it is, and the body's after;
    None for a span that holds a name the question gives, a figure, or more words than a
    title."""
    beside = any(
        (end <= name_start and not text[end:name_start].strip(" ,"))
        or (name_end <= start and _OWNER_APPOSITION.match(text[name_end:start]))
        for name_start, name_end in _name_spans(question, text)
    )
    span = text[start:end].strip()
    found = _SPAN_TITLE.match(span)
    if not beside or found is None or re.search(r"\d", span):
        return None
    words = [w.lower().replace("’", "'") for w in _title_parts(found["title"])]
    if not words or len(words) > _SPAN_TITLE_WORDS:
        return None
    named = {w.lower() for n in (*question.names, *question.entities) for w in n.split()}
    if any(w in named for w in words) or not all(re.fullmatch(r"[a-z'-]+", w) for w in words):
        return None
    return _role_reading(words, named, _body_words(found["body"]))


def _name_spans(question: QuestionInfo, text: str) -> list[tuple[int, int]]:
    """Where the sentence names the person the question names: its full name as the
    question writes it, else its surname (the tagger misses names, so the question's own
    capitalised words are tried too)."""
    names = sorted([n for n in question.entities if n] + [" ".join(question.names)], key=len)
    # Every full name before any surname: "Town" of "Kestrel Town" is not Ruth Delaney.
    full = [*reversed(names)]
    surnames = [name.split()[-1] for name in full if name.split()]
    for candidates in (full, surnames):
        spans = [
            (_first_name_start(text, match.start()), match.end())
            for candidate in candidates
            if len(candidate) >= 3
            for match in re.finditer(rf"\b{re.escape(candidate)}\b", text, re.I)
        ]
        if spans:
            return spans
    return []


def _first_name_start(text: str, start: int) -> int:
    """Where a name found by its surname starts: back over the capitalised words before it
    that are no title words ("Mary Ann" of "General Mary Ann Schultz")."""
    while match := _WORD_BEFORE.search(text[:start]):
        word = match.group(1)
        if not word[:1].isupper() or word.lower().strip(".") in lang.TITLE_WORDS:
            break
        start = match.start(1)
    return start


_WORD_BEFORE = re.compile(r"(\S+)\s+$")


# Lower-case words a title may hold between its title words: "deputy fisheries minister",
# "assistant first-team coach" (set by hand; two let "turned" and "striker" of "the former
# striker turned coach" in).
_TITLE_GAP = 1
# Words that make a title more precise before its title word, but are none by themselves.
_QUALIFYING = lang.TITLE_MODIFIERS | lang.DEPUTIES


def _title_words(text: str) -> list[str]:
    """The title at the end of ``text``, lower case, dots dropped: it ends in a title word
    ("coach", "president"), and runs back over title words, "former", the words that make a
    title more precise ("financial" officer), capitalised qualifiers ("US", "Russian") and a
    lower-case word between two title words ("fisheries" of "deputy fisheries minister") to
    the first word that is none of them."""
    title: list[str] = []
    pending: list[str] = []  # a lower-case word kept only if a title word comes before it
    for raw in reversed(_title_parts(text)):
        word = raw.lower().replace(".", "").replace("’", "'")
        if not word or raw[-1] in ',;:("“”' or word.endswith("'s") or word in lang.DETERMINERS:
            break
        if word in lang.TITLE_WORDS or (title and word in _QUALIFYING):
            title[:0] = [word, *pending]
            pending = []
        elif pending:
            break  # only a title word may come before the word between: not "Officials said"
        elif word in lang.FORMER or (title and raw[:1].isupper()):
            title.insert(0, word)  # "former"; a capitalised qualifier: "US", "Fisheries"
        elif title and len(pending) < _TITLE_GAP:
            pending.insert(0, word)
        else:
            break  # a title ends in a title word; before it, only qualifiers
    return title


def _title_parts(text: str) -> list[str]:
    """The words of ``text``, a hyphenated one split where it is no title word itself but
    joins one ("vice-president", "director-general", "ex-president"; not "co-founder"), so
    that it reads as its spaced form does."""
    parts: list[str] = []
    for raw in text.split():
        pieces = raw.split("-")
        bare = raw.lower().strip(".,;:")
        joins_a_title = any(p.lower().strip(".,;:") in lang.TITLE_WORDS for p in pieces)
        if len(pieces) > 1 and all(pieces) and bare not in lang.TITLE_WORDS and joins_a_title:
            parts.extend(pieces)
        else:
            parts.append(raw)
    return parts


def _titles_agree(a: str, b: str) -> bool | None:
    """Titles agree when both are current or both former, with the same head word and the
    same deputy's words (lang.DEPUTIES), and one's other words within the other's ("us
    president" and "president"). Different titles at
    bodies each names otherwise ("Kingsbridge United manager", "Port Alder mayor") cannot
    be compared: two posts, or two people of one name."""
    status_a, head_a, *rest_a = a.split("|")
    status_b, head_b, *rest_b = b.split("|")
    bodies_a, bodies_b = _bodies(rest_a), _bodies(rest_b)
    if head_a != head_b and bodies_a and bodies_b and not bodies_a & bodies_b:
        return None
    if status_a != status_b or head_a != head_b:
        return False
    if lang.DEPUTIES.intersection(rest_a) != lang.DEPUTIES.intersection(rest_b):
        return False  # a deputy minister is not the minister
    # "director of transportation" is the "transportation director"
    words_a = {w.removeprefix(_OF_MARK) for w in rest_a}
    words_b = {w.removeprefix(_OF_MARK) for w in rest_b}
    return words_a <= words_b or words_b <= words_a


def _bodies(words: Sequence[str]) -> set[str]:
    """The words of a title that name where it is held, not what it is ("kingsbridge" of
    "Kingsbridge United manager"; not "chief", "financial")."""
    return {
        w
        for w in words
        if w not in lang.TITLE_WORDS
        and w not in lang.TITLE_MODIFIERS
        and not w.startswith(_OF_MARK)
    }


# --- Position on a proposal ------------------------------------------------------------------

_STANCE_REACH = 6  # at most this many words between a stance cue and what it is about


def read_position(
    question: QuestionInfo, text: str, annotation: Mapping[str, Any]
) -> Reading | None:
    """For or against what the question asks a position on ("What is Russia's position on
    a ceasefire?"): the nearest stance cue before its word in the same clause, at most a
    few words away ("ready to discuss a ceasefire", "dismissed the idea of a ceasefire")."""
    target = _position_target(question)
    if target is None:
        return None
    words = list(_TOKEN.finditer(text))
    for i, match in enumerate(words):
        if stem(match.group()) != target:
            continue
        clause_start = max(text.rfind(p, 0, match.start()) for p in ",;:(") + 1
        before = [w.group().lower() for w in words[:i] if w.start() >= clause_start]
        before = before[-_STANCE_REACH:]
        for j in range(len(before) - 1, -1, -1):
            phrase = " ".join(before[j:])
            for label, cues in (("for", lang.POSITIVE_CUES), ("against", lang.NEGATIVE_CUES)):
                if before[j] in cues or any(phrase.startswith(c + " ") for c in cues):
                    return Reading("position", label, label)
    return None


def _position_target(question: QuestionInfo) -> str | None:
    """The stem of what the question asks a position on: X in "What is Russia's position on
    X?", or the object of a yes/no question's predicate ("Is Putin willing to agree to a
    ceasefire?")."""
    found = re.search(
        rf"\b(?:{'|'.join(lang.POSITION_NOUNS)})\s+(?:on|towards?|about|regarding)\s+"
        r"(?:the\s+|a\s+|an\s+)?(?:[\w-]+\s+)??([\w-]+)\??$",
        question.text.lower(),
    )
    if found:
        return stem(found.group(1))
    return question.objects[0] if question.yes_no and question.objects else None


# --- Kind --------------------------------------------------------------------------------

# The scales a question may ask a kind on, each word with its class (rag.language).
_SCALES: dict[str, dict[str, str]] = {**lang.KINDS_OF_THING, "sport": lang.SPORTS}
_KIND_WORDS = "|".join(sorted(lang.KIND_QUESTIONS))
# "What sport does he play?", "What is the medium of...?"; not "What sports facilities will
# the city build?", which asks for facilities.
_ASKS_KIND = re.compile(
    rf"\b(?:what|which)\s+(?:kind\s+of\s+|type\s+of\s+)?({_KIND_WORDS})\s+"
    rf"(?:{'|'.join(sorted(lang.AUXILIARIES))})\b"
    rf"|\bthe\s+({_KIND_WORDS})\s+(?:of|associated)\b",
    re.I,
)
_WORD = re.compile(r"[A-Za-z]+")


def _asked_scale(question: QuestionInfo) -> dict[str, str] | None:
    found = _ASKS_KIND.search(question.text)
    if found is None:
        return None
    return _SCALES[lang.KIND_QUESTIONS[(found.group(1) or found.group(2)).lower()]]


def _asks_kind(question: QuestionInfo) -> bool:
    return _asked_scale(question) is not None


def _says_whole(name: str, lowered: str) -> bool:
    """Whether a lower-cased text has every word of a normalised name ("wayne jones")."""
    return all(re.search(rf"\b{re.escape(word)}\b", lowered) for word in name.split())


def read_kind(question: QuestionInfo, text: str, annotation: Mapping[str, Any]) -> Reading | None:
    """The kind a sentence says the asked thing is, on the scale the question asks about
    ("a former Welsh professional snooker player": snooker; "a 1982 Australian drama film":
    a screen work), in a sentence that names it; none when it names kinds of two classes
    ("played both cricket and rugby"), which may be one subject's or two subjects'."""
    scale = _asked_scale(question)
    assert scale is not None
    lowered = text.lower()
    if question.entities and not any(_says_whole(name, lowered) for name in question.entities):
        return None  # a kind is a common word: the sentence must say it of the asked name
    asked = {w.lower() for w in _WORD.findall(question.text)}  # not "Single" of "A Single Man"
    # In lower case: a capitalised kind is part of a name ("the Australian Film Industry").
    named = [w for w in _WORD.finditer(text) if w.group() in scale and w.group() not in asked]
    classes = {scale[w.group()] for w in named}
    if len(classes) != 1:
        return None
    (kind,) = classes
    return Reading("kind", named[0].group(), kind)


# --- Tally -------------------------------------------------------------------------------

_TALLY_NUMBER_WORDS = sorted(w for w in lang.NUMBER_WORDS if w not in lang.NOT_COUNTS | {"dozen"})
_TALLY_NUMBER = rf"\d{{1,3}}|{'|'.join(_TALLY_NUMBER_WORDS)}"
_TALLY = re.compile(
    # "a 6-3 vote", "won 2–1"; not a date, a time, a share or a code ("COVID-19")
    r"(?<![\w/.:–-])(\d{1,3}) ?[-–] ?(\d{1,3})(?![\w/%:–-]|\.\d)"
    # "voted five to four", "a vote of 7 to 2", "by 52 votes to 48"; not "rose from 10 to 15"
    rf"|\b(?:{'|'.join(sorted(lang.TALLY_LEADS))})\s+({_TALLY_NUMBER})\s+(?:votes?\s+)?to\s+"
    rf"({_TALLY_NUMBER})\b"
    rf"|\bby\s+({_TALLY_NUMBER})\s+votes?\s+to\s+({_TALLY_NUMBER})\b",
    re.I,
)


def _asks_tally(question: QuestionInfo) -> bool:
    """Asks for a vote or a score: not a count ("How many votes did she get?"), a date
    ("When is the vote?"), a place, a person nor whether."""
    return (
        bool(_lower_words(question.text) & lang.TALLY_WORDS)
        and question.answer_type is None
        and not question.yes_no
    )


def read_setting(
    question: QuestionInfo, text: str, annotation: Mapping[str, Any]
) -> Reading | None:
    """The kind of setting a sentence that reports speech, or does what the question asks
    ("described the weather as..."), says it was done in (``lang.SAYING_SETTINGS``):
    "speaking to Stride in an interview on Monday" is an interview, "at the finish-line
    press conference" a public event, "said in a statement posted on its website" a written
    one. None for a sentence that reports neither or names settings of two kinds ("said in
    a statement after the meeting")."""
    if not (
        any(bare(word) in lang.SPEECH_FORMS for word in _TOKEN.findall(text))
        or uses_asked_verb(question, annotation)
    ):
        return None
    found = list(_SETTING.finditer(text))
    kinds = {_SETTING_KIND[_phrase_key(m.group())] for m in found}
    if len(kinds) != 1:
        return None
    # The setting as the sentence gives it, up to the clause's end: "speaking to Stride in
    # an interview on Monday", not "speaking to".
    start = found[0].start()
    end = _SETTING_END.search(text, found[0].end())
    label = text[start : end.start() if end else len(text)].strip()
    return Reading("setting", label, kinds.pop())


def _phrase_key(written: str) -> str:
    return " ".join(re.findall(r"[\w'’-]+", written.lower()))


_SETTING_KIND = {_phrase_key(phrase): kind for phrase, kind in lang.SAYING_SETTINGS.items()}
_SETTING_END = re.compile(r"[,;:.!?“”\"(]|\s(?:that|and|but|when|where|as)\s")
# The longest phrase first, so that "speaking to reporters" is read before "speaking to".
_SETTING = re.compile(
    r"(?<![\w'’-])(?:"
    + "|".join(
        r"\s+".join(map(re.escape, phrase.split()))
        for phrase in sorted(_SETTING_KIND, key=len, reverse=True)
    )
    + r")(?![\w'’-])",
    re.I,
)


def read_tally(question: QuestionInfo, text: str, annotation: Mapping[str, Any]) -> Reading | None:
    """The first tally the sentence states (:func:`_tallies`), the larger side first, so
    that "won 2-1" and "lost 1-2" agree and "5-4" and "five to four" are one ("5-4")."""
    for found in _tallies(text):
        sides = sorted((_tally_number(g) for g in found.groups() if g is not None), reverse=True)
        return Reading("tally", found.group(), "-".join(str(n) for n in sides))
    return None


def _tallies(text: str) -> Iterator[re.Match[str]]:
    """Each vote or score the sentence states; not a range ("aged 18-24", "June 5-7", "2-3
    weeks", "15-20%")."""
    for found in _TALLY.finditer(text):
        before = _TOKEN.findall(text[: found.start()])[-1:]
        after = re.findall(r"[\w%’'-]+", text[found.end() :])[:1]
        if any(w.lower() in lang.BEFORE_RANGE or w in lang.MONTHS for w in before) or any(
            w.lower() in lang.RANGE_UNITS for w in after
        ):
            continue
        yield found


def _tally_sides(text: str) -> set[tuple[int, int]]:
    """The ``(start, end)`` of each side of every tally the sentence states
    (:func:`_tallies`)."""
    return {
        found.span(group)
        for found in _tallies(text)
        for group in range(1, len(found.groups()) + 1)
        if found.group(group) is not None
    }


def _tally_number(text: str) -> int:
    return int(text) if text.isdigit() else int(lang.NUMBER_WORDS[text.lower()])


# --- First time, attribution ---------------------------------------------------------------


def read_first_time(
    question: QuestionInfo, text: str, annotation: Mapping[str, Any]
) -> Reading | None:
    """ "first" when the sentence calls it the first of its kind (and not merely the first
    since a date, nor the first of something else: "her first priority" for "Is she the
    first woman to be mayor?"), "not the first" when it reports an earlier one or counts it
    after one."""
    earlier = (
        lang.phrases_in(text, lang.EARLIER_CUES)
        or _since_a_date(text, annotation)
        or _counted(question, text, lang.LATER_ORDINALS)
    )
    if (
        lang.phrases_in(text, lang.FIRST_TIME)
        or _counted(question, text, frozenset({"first"}), alone=True)
    ) and not earlier:
        return Reading("first_time", "calls it the first", "first")
    if earlier:
        return Reading("first_time", "reports an earlier one", "not first")
    return None


# "since the 2011 eruption": how far a date may start after "since" (in characters).
_SINCE_REACH = 12


def _since_a_date(text: str, annotation: Mapping[str, Any]) -> bool:
    """Whether "since" comes right before a date ("the first since 1998", "the first time
    since the 2011 eruption"), which makes it the first only since then."""
    return any(_after_since(text, v) for v in values_of(annotation) if v.kind == "date")


def _after_since(text: str, value: Value) -> bool:
    return any(
        0 <= value.start - since.end() <= _SINCE_REACH
        for since in re.finditer(r"\bsince\b", text[: value.start], re.I)
    )


def dates_no_event(value: Value, text: str, annotation: Mapping[str, Any]) -> bool:
    """Whether a date of an annotated sentence dates nothing the sentence states happened:
    the day it was said ("said on Tuesday that it made a profit of £2.1bn last year") or the
    mark "since" sets ("the highest since 1982")."""
    return _dates_a_saying(value, text, annotation.get("predicates", ())) or _after_since(
        text, value
    )


# Words from a later ordinal to what it counts: "the city's second female mayor".
_ORDINAL_REACH = 2


def _counted(
    question: QuestionInfo, text: str, ordinals: frozenset[str], alone: bool = False
) -> bool:
    """Whether the sentence counts what the question asks about with one of ``ordinals``:
    the ordinal right before a word the question uses ("Delgado will be the city's second
    female mayor" for "Is Delgado the first woman to be mayor?", "for the second time" for
    "Is this the first time...?"), or, with ``alone``, before no word of content at all
    ("the first in the company's history"); not "the second quarter" nor "her first
    priority"."""
    asked = set(question.terms) - {stem(o) for o in ordinals}
    words = _TOKEN.findall(text.lower())
    for i, word in enumerate(words):
        if word not in ordinals:
            continue
        following = [t for w in words[i + 1 : i + 1 + _ORDINAL_REACH] for t in tokenize(w)]
        if set(following) & asked or (alone and not tokenize(" ".join(words[i + 1 : i + 2]))):
            return True
    return False


_ATTRIBUTION_STEMS = frozenset(stem(v) for v in lang.ATTRIBUTION_VERBS)
_VERIFYING_STEMS = frozenset(stem(v) for v in lang.VERIFYING_VERBS)


# A distancing adverb at most two words before the claim's verb ("was allegedly started").
_DISTANCED = re.compile(
    r"\b(?:" + "|".join(sorted(lang.DISTANCING_ADVERBS)) + r")\s+(?:\S+\s+){0,2}$", re.I
)
# An unverified report or claim that states the claim ("unconfirmed reports that ...").
_UNVERIFIED_CLAIM = re.compile(
    r"\b(?:" + "|".join(sorted(lang.UNVERIFIED)) + r")\s+(?:\w+\s+){0,2}?"
    r"(?:" + "|".join(sorted(lang.CLAIM_NOUNS)) + r")\s+that\b",
    re.I,
)
# Right before a passive participle: "could not be independently confirmed".
_PASSIVE_BEFORE = re.compile(r"\b(?:be|been|being|is|are|was|were)\s+(?:\w+ly\s+)?$", re.I)
# Between a verb of confirming and the claim it governs: "that", and no comma ("did not
# confirm that the fire", not "did not confirm the victims' names, said that the fire").
_GOVERNED_CLAIM = re.compile(r"^[^,;:]*\bthat\b[^,;:]*$")

_CLAUSE_BREAK = re.compile(
    r"[;:]|,\s+(?:while|but|which|who|and|although|though|as)\b|\s+(?:while|though)\s+"
)


def read_attribution(
    question: QuestionInfo, text: str, annotation: Mapping[str, Any]
) -> Reading | None:
    """Whether the sentence attributes what the question asks about to someone ("both sides
    accused each other of violating", "prosecutors alleged"), leaves it unconfirmed ("could
    not be independently confirmed", "reportedly") or asserts it ("which Russia violated"):
    judged in the clause that states the question's predicate. Where it does not state it,
    whether it leaves it open (:func:`_left_open`); else None."""
    asked = _asked_predicate(question, annotation)
    said = annotation.get("predicates", ())
    if asked is not None:
        objects = _after_asked(question, asked)
        for at in (start for word, _, start in said if word in _same(asked)):
            if _asked_open(text, at, said, objects):
                continue  # "It is unclear what caused the outage"
            first, last = _clause_around(text, at)
            if any(w in _ATTRIBUTION_STEMS and first <= s < last for w, _, s in said) or (
                _left_unconfirmed(text, said, first, last, at)
            ):
                return Reading("attribution", "attributes it to others", "attributed")
            return Reading("attribution", "states it as fact", "asserted")
    if _left_open(question, text, annotation):
        return Reading("attribution", "leaves it open", "open")
    return None


def _left_unconfirmed(
    text: str, said: Sequence[Sequence[Any]], first: int, last: int, at: int
) -> bool:
    """Whether the clause ``text[first:last]`` leaves the claim whose verb starts at ``at``
    unconfirmed: a negated verb of confirming (lang.VERIFYING_VERBS) after it whose subject it
    is ("Reports that Dalgaard had passed a medical could not be independently confirmed")
    or before it governing it ("Police have not verified claims that the fire was started
    deliberately"); a distancing adverb right before its verb ("reportedly paid"); or an
    unverified report that states it ("unconfirmed reports that the minister resigned").
    Not a confirming verb about something else ("…, though police did not confirm the
    amount", "after the firm could not prove its scales were accurate")."""
    for word, negated, start in said:
        if not negated or word not in _VERIFYING_STEMS or not first <= start < last:
            continue
        if start > at and _PASSIVE_BEFORE.search(text, first, start):
            return True
        if start < at and _GOVERNED_CLAIM.match(text[start:at]):
            return True
    return bool(_DISTANCED.search(text[first:at]) or _UNVERIFIED_CLAIM.search(text, first, at))


def _left_open(question: QuestionInfo, text: str, annotation: Mapping[str, Any]) -> bool:
    """Whether the sentence asks what the question asks rather than answering it: it uses the
    question's predicate in a clause that asks (:func:`_asked_open`: "too early to say
    whether the spill had killed the fish"); or, for a question about causing, it says the
    cause is not settled or asks for it (:func:`_cause_left_open`)."""
    said = annotation.get("predicates", ())
    used = _used_predicate(question, annotation)
    if used is not None:
        objects = _after_asked(question, used[0])
        if any(word in used[1] and _asked_open(text, at, said, objects) for word, _, at in said):
            return True
    causing = _CAUSING.search(question.text)
    return causing is not None and _cause_left_open(question, text, said, causing)


# a word that opens a clause that asks (lang.ASKING_MARKS)
_ASKING = re.compile(rf"\b(?:{_longest_first(lang.ASKING_MARKS)})\b", re.I)
_OPEN_CLAUSE_REACH = 8  # at most this many words from the clause's mark to its verb


# A cue right before what it leaves open, or with an adverb or a time between: "unclear
# exactly what", "will decide on Monday whether"; not "investigating a gunman who".
_CUE_END = r"(?:\s+\w+ly|\s+(?:on|by|at|in|within|this|next)(?:\s+(?:this|the))?\s+\w+)?\s*$"
_UNSETTLED_CUE = re.compile(rf"\b(?:{_longest_first(lang.UNSETTLED_CUES)}){_CUE_END}", re.I)
_ANY_CUE = re.compile(
    rf"\b(?:{_longest_first(lang.UNSETTLED_CUES + lang.INQUIRY_CUES)}){_CUE_END}", re.I
)
# A phrase of causing (lang.CAUSING_PHRASES): in a question, it asks about causing ("Did a
# blasting charge cause the collapse?", "Was wiring to blame for the fire?")
_CAUSING = re.compile(rf"\b(?:{_longest_first(lang.CAUSING_PHRASES)})\b", re.I)
# a noun for the cause after a determiner: not the verb of "the effects the drug causes"
_CAUSE_NOUN = re.compile(
    r"\b(?:the|its|their|a|an)\s+(?:" + "|".join(sorted(lang.CAUSE_NOUNS)) + r")\b", re.I
)
# What ends the phrase that may say a cause is unsettled: a comma, a conjunction, a relative
# pronoun ("The cause of the fire was a heater whose owner is unknown").
_CAUSE_PHRASE_END = re.compile(r",|\b(?:and|but|whose|which|who|that|where)\b", re.I)
_UNSETTLED = re.compile(rf"\b(?:{_longest_first(lang.UNSETTLED)})\b", re.I)
# words from a noun for the cause to what says it is unsettled: "The cause of the fire at
# the Dunmore warehouse is still under investigation"
_CAUSE_REACH = 12
# the one verb that may stand between them: "The cause remains unclear"
_REMAIN = stem("remain")


def _after_asked(question: QuestionInfo, asked: str) -> frozenset[str]:
    """The question's terms after its word ``asked`` (a stem): what its predicate is about
    ("fish", "canal" for "Did the leak kill fish in the canal?"); none when it is not there,
    and then nothing is required of the clause."""
    words = _TOKEN.findall(question.text)
    at = next((i for i, w in enumerate(words) if stem(w) == asked), len(words))
    return frozenset(tokenize(" ".join(words[at + 1 :])))


def _asked_open(
    text: str, at: int, said: Sequence[Sequence[Any]], objects: Collection[str]
) -> bool:
    """Whether the verb at ``at`` is that of a clause that asks, within one clause of
    ``text``: opened by "whether", "what" or "who" right after a cue that leaves the answer
    open ("too early to say whether", "unclear what", "are examining whether"; not "a gunman
    who killed"), at most ``_OPEN_CLAUSE_REACH`` words before the verb with no other verb
    between; and about what the question asks it of (:func:`_about_the_objects`)."""
    first, last = _clause_around(text, at)
    marks = list(_ASKING.finditer(text, first, at))
    if not marks:
        return False
    mark = marks[-1]
    return (
        len(_TOKEN.findall(text, mark.end(), at)) <= _OPEN_CLAUSE_REACH
        and not any(mark.end() < start < at for _, _, start in said)
        and _ANY_CUE.search(text, first, mark.start()) is not None
        and _about_the_objects(text, mark.end(), at, last, objects)
    )


def _about_the_objects(text: str, mark: int, at: int, last: int, objects: Collection[str]) -> bool:
    """Whether the clause from ``mark`` to ``last``, whose verb starts at ``at``, is about
    the question's ``objects`` (if it has any): one of them, or a pronoun, after an active
    verb; one before a passive one ("whether Reyes had been sacked"). Not what the verb's
    subject is: "whether the flooding will cause landslides" is no answer to "What caused the
    flooding?", nor "whether Reyes will sack his assistant" to "Did Rovers sack Reyes?"."""
    if not objects:
        return True
    if _PASSIVE_BEFORE.search(text, mark, at):
        return bool(set(objects) & set(tokenize(text[mark:at])))
    after = _TOKEN.findall(text, at, last)[1:]
    return bool(
        set(objects) & set(tokenize(" ".join(after)))
        or lang.OBJECT_PRONOUNS & {w.lower() for w in after[:2]}
    )


def _cause_left_open(
    question: QuestionInfo, text: str, said: Sequence[Sequence[Any]], causing: re.Match[str]
) -> bool:
    """Whether a clause of the sentence leaves open the cause a question about ``causing``
    asks for. A noun for it (after a determiner) right after a cue of knowledge not yet had
    ("have yet to determine the cause"), or that an unsettled phrase after it speaks of
    (:func:`_said_unsettled`: "The cause of the fire is still under investigation"); or a
    cued clause that asks whether, what or who caused something the question names ("are
    examining whether blasting played a role" for "Did a blasting charge cause the
    collapse?") and, if it says what was caused, what the question says was (not "whether
    the flooding will cause landslides" for "What caused the flooding?"). Only in a sentence
    that uses a word of the question besides its phrase of causing."""
    named = set(tokenize(f"{question.text[: causing.start()]} {question.text[causing.end() :]}"))
    if not named & set(tokenize(text)):
        return False  # about something else: "The cause of the delay is unclear"
    for noun in _CAUSE_NOUN.finditer(text):
        first, last = _clause_around(text, noun.start())
        if _UNSETTLED_CUE.search(text, first, noun.start()) or _said_unsettled(
            text, noun.end(), last, said
        ):
            return True
    effect = set(tokenize(question.text[causing.end() :]))
    for mark in _ASKING.finditer(text):
        first, last = _clause_around(text, mark.start())
        if _ANY_CUE.search(text, first, mark.start()) is None:
            continue
        clause = text[mark.end() : last]
        cause = _CAUSING.search(clause)
        if cause is None or len(_TOKEN.findall(clause, 0, cause.start())) > _OPEN_CLAUSE_REACH:
            continue
        if not named & set(tokenize(clause)):
            continue
        # what was caused follows an active cause, and comes before a passive one ("whether
        # the collapse was caused by a blasting charge")
        passive = re.match(r"\s+by\b", clause[cause.end() :], re.I)
        caused = set(tokenize(clause[: cause.start()] if passive else clause[cause.end() :]))
        if not caused or caused & effect:
            return True
    return False


def _said_unsettled(text: str, start: int, last: int, said: Sequence[Sequence[Any]]) -> bool:
    """Whether an unsettled phrase (lang.UNSETTLED) follows a noun for the cause that ends at
    ``start``, in its phrase (up to ``_CAUSE_PHRASE_END`` or ``last``) within ``_CAUSE_REACH``
    words, with no verb but "remain" between (not "who backed the cause say its future is
    unclear"), and nothing after that says it is known since (lang.SETTLED_SINCE: "was not
    known at first, but tests found...")."""
    end = _CAUSE_PHRASE_END.search(text, start, last)
    stop = end.start() if end else last
    words = list(_TOKEN.finditer(text, start, stop))[:_CAUSE_REACH]
    if not words:
        return False
    found = _UNSETTLED.search(text, start, words[-1].end())
    if found is None:
        return False
    since = {w.lower() for w in _TOKEN.findall(text, start)}
    return not lang.SETTLED_SINCE & since and not any(
        start < at < found.start() and word != _REMAIN for word, _, at in said
    )


def _clause_around(text: str, at: int) -> tuple[int, int]:
    """Start and end of the clause of ``text`` holding offset ``at``."""
    first, last = 0, len(text)
    for found in _CLAUSE_BREAK.finditer(text):
        if found.end() <= at:
            first = found.end()
        elif found.start() >= at:
            last = found.start()
            break
    return first, last


def _asks_value(slot: str) -> Callable[[QuestionInfo], bool]:
    return lambda q: q.slot == slot


def _occasion_or_contradiction(question: QuestionInfo) -> ConflictKind:
    """When or where something was *said*, or on what occasion something was done:
    different occasions may both be true."""
    return "occasion" if question.about_speech or question.asks_occasion else "contradiction"


# A question that asks for a title, three ways: a title word after "'s" and before the end
# or a preposition ("Okafor's current role at Tansy?", "Okafor's job title?"); after "the"
# and before "of" ("the role of Okafor"); or after "what" or "which" with a verb of holding
# later ("What office does Trump hold?", "What role did Okafor play?"). Not one that only
# uses such a word ("When did Trump take office?", "Tansy's office staff", "Okafor's
# position on the merger", "What title did Okafor win?", "Which offices did she visit?").
_ROLE_QUALIFIERS = (
    r"(?:(?:" + "|".join(map(re.escape, sorted(lang.FORMER | lang.ROLE_QUALIFIERS))) + r")\s+){0,2}"
)
_ROLE_NOUN = r"(?:" + "|".join(sorted(lang.ROLE_NOUNS)) + r")s?"
_ROLE_NOUNS = rf"{_ROLE_NOUN}(?:\s+{_ROLE_NOUN})?"  # "job title"
_ROLE_END = r"(?=\s*(?:[?,.;:!)\"'’]|-|$)|\s+(?:" + "|".join(sorted(lang.ROLE_FOLLOWERS)) + r")\b)"
_OWN_ROLE = re.compile(r"['’]s\s+" + _ROLE_QUALIFIERS + _ROLE_NOUNS + _ROLE_END, re.I)
_ROLE_OF = re.compile(r"\bthe\s+" + _ROLE_QUALIFIERS + _ROLE_NOUNS + r"\s+of\b", re.I)
_WHICH_ROLE = re.compile(r"\b(?:what|which)\s+" + _ROLE_QUALIFIERS + _ROLE_NOUNS + r"\b", re.I)


# "do" as the verb itself, after its auxiliary and the one asked about, ending the question
# or before where: "What job does Reinholt do (at the agency)?"; not "What jobs do the new
# stores offer?".
_DOES_AS_A_JOB = re.compile(
    r"\b(?:do|does|did)\s+\S.*?\bdo\b\s*(?:[?.!]|$|(?:at|for|in|with|now|then)\b)", re.I
)


def _asks_role(question: QuestionInfo) -> bool:
    """Asks a named person's title: "What is Okafor's role?", "What office does Trump hold?",
    or whether a named person still holds one or held it before ("Is Trump still the
    president?", "Is Trump an ex-president?")."""
    if not (question.entities or question.names):
        return False
    text = question.text
    if _OWN_ROLE.search(text) or _ROLE_OF.search(text):
        return True
    if (which := _WHICH_ROLE.search(text)) and (
        lang.HOLDING_VERBS & set(re.findall(r"[a-z]+", text[which.end() :].lower()))
        or _DOES_AS_A_JOB.search(text, which.end())
    ):
        return True
    # "ex-president": "ex-", "ex" and "president"; "vice-chair": "vice" and "chair"
    parts = re.findall(r"[a-z]+-?", text.lower())
    words = set(parts) | {p.rstrip("-") for p in parts}
    return (
        question.yes_no
        and bool(words & (lang.FORMER | {"still"}))
        and bool(words & (lang.ROLE_NOUNS | lang.TITLE_WORDS))
    )


def _asks_first(question: QuestionInfo) -> bool:
    return bool(lang.phrases_in(question.text, lang.FIRST_QUESTION_CUES))


def _asks_cause_or_whether(question: QuestionInfo) -> bool:
    """Questions whose answer is a claim that can be asserted or attributed: yes/no ones,
    ones about causes and blame, and who did something."""
    return (
        question.yes_no
        or question.slot == "person"
        or bool(lang.phrases_in(question.text, lang.CAUSE_CUES))
    )


def _asks_position(question: QuestionInfo) -> bool:
    return _position_target(question) is not None


def _contradiction(question: QuestionInfo) -> ConflictKind:
    return "contradiction"


def _framing(question: QuestionInfo) -> ConflictKind:
    return "framing"


SLOTS: tuple[SlotSpec, ...] = (
    SlotSpec("date", _asks_value("date"), read_value, _occasion_or_contradiction, "the date"),
    SlotSpec("number", _asks_value("number"), read_value, _contradiction, "the figure"),
    SlotSpec("person", _asks_value("person"), read_value, _contradiction, "who it was"),
    SlotSpec("org", _asks_value("org"), read_value, _contradiction, "which organisation"),
    SlotSpec("place", _asks_value("place"), read_value, _occasion_or_contradiction, "the place"),
    SlotSpec("tally", _asks_tally, read_tally, _contradiction, "the tally"),
    SlotSpec("stance", _asks_value("stance"), read_stance, _contradiction, "the answer"),
    SlotSpec("position", _asks_position, read_position, _contradiction, "the position"),
    SlotSpec("role", _asks_role, read_role, _contradiction, "the title", of_the_name=True),
    SlotSpec("first_time", _asks_first, read_first_time, _contradiction, "whether it was a first"),
    SlotSpec("kind", _asks_kind, read_kind, _contradiction, "what kind it is"),
    SlotSpec(
        "attribution", _asks_cause_or_whether, read_attribution, _framing, "how it is reported"
    ),
)
SLOT_NAMED: dict[str, SlotSpec] = {spec.name: spec for spec in SLOTS}


def asked_slots(question: QuestionInfo) -> list[SlotSpec]:
    """The slots the question asks about, in declaration order."""
    return [spec for spec in SLOTS if spec.gate(question)]


def _asks_occasion_only(question: QuestionInfo) -> bool:
    return question.asks_occasion and question.slot is None


def _occasion(question: QuestionInfo) -> ConflictKind:
    return "occasion"


# Not among SLOTS: an occasion question asks no value of its own, so the span reader reads
# it first (rag.conflicts._answer_values); then the date slot, then this (as_occasion).
SETTING = SlotSpec("setting", _asks_occasion_only, read_setting, _occasion, "the occasion")


def as_occasion(question: QuestionInfo) -> list[tuple[SlotSpec, QuestionInfo]]:
    """For an occasion question that asks no value itself, the date slot, with the question
    read as asking "when" ("In what setting did the chief executive say...?": "on
    Wednesday" and "on Thursday night" are two occasions), then the kind of setting (an
    interview, a statement, a public event: :func:`read_setting`). Not the place: an
    occasion is as often a medium or an event as a place ("in a letter", "during his annual
    Q&A"), and the place reader reads any name of a place in the sentence."""
    if not _asks_occasion_only(question):
        return []
    return [(SLOT_NAMED["date"], dataclasses.replace(question, slot="date")), (SETTING, question)]


def main_slot(question: QuestionInfo) -> SlotSpec | None:
    """The slot the question's answer is (a value or a yes/no), for corroboration."""
    return next((s for s in asked_slots(question) if s.name not in ("attribution",)), None)


# Near copies: sentences whose words match at least this much (difflib ratio over words and
# punctuation marks), differing in spans of at most this many words on each side.
NEAR_COPY = 0.8
NEAR_COPY_SPAN = 6
# Copies of one text, one of them edited: a sentence matching another this much, with a
# clause or a value changed, does not say what the other says (a snippet rewritten to make
# "'X,' which opened yesterday at the Cinema Village," into "'X,' who is celebrated for his
# comic verse,"). Set on the RAMDocs calibration half, where at 0.6 it parted such a rewrite,
# two places' coordinates and one true copy that translated two names ("West Morava",
# "Zapadna Morava"): a backing lost costs less than a false one. Measured there again when
# backing began to count copies cut from a longer sentence (``cut``): the same conflict
# notes, and two false backings of all 250 questions' gone.
EDITED_COPY = 0.6
# The shortest sentence (in words) measured as a copy cut from a longer one.
CUT_COPY_WORDS = 8
# A word (with the marks inside it: "1,234", "39.74", "U.S") or one punctuation mark, so
# that "1578," and "1578 ," (two pages' spacing) are the same two tokens; curly quotes and
# dashes compared as straight ones ("O’Brien" is "O'Brien").
_COPY_TOKEN = re.compile(r"\w+(?:[.,:'/-]\w+)*|[^\w\s]")
_TYPOGRAPHY = str.maketrans({"’": "'", "‘": "'", "–": "-", "—": "-"})


def differing_spans(
    a: str,
    b: str,
    *,
    near: float = NEAR_COPY,
    longest: int | None = NEAR_COPY_SPAN,
    cut: bool = False,
) -> tuple[str, str] | None:
    """The first span in which two otherwise identical sentences differ, as the texts of
    ``a`` and ``b``, if their words match at least ``near``: a near copy with a value
    changed states another value. The span holds at most ``longest`` words a side (any
    number for ``None``), and each side a word the other side lacks: words only one of them
    has (a page title repeated at the start, a clause one of them cut) and spelling
    ("well-known", "well known") are no difference of what they state. With ``cut``, a copy
    cut from a longer sentence counts as a copy (:func:`_copied_share`). A word that changed
    may be found elsewhere in the other sentence ("the film imagines", "the documentary
    imagines" beside "film noir"), so only the spans are compared.

    >>> differing_spans("It was founded in 1900 by monks.", "It was founded in 1856 by monks.")
    ('1900', '1856')
    """
    replaced = _replacements(a, b, near=near, cut=cut)
    for (start_a, end_a), (start_b, end_b) in replaced or ():
        words_a, words_b = _bare_words(a[start_a:end_a]), _bare_words(b[start_b:end_b])
        if longest is not None and max(len(words_a), len(words_b)) > longest:
            continue
        if set(words_a) - set(words_b) and set(words_b) - set(words_a):
            return a[start_a:end_a], b[start_b:end_b]
    return None


@dataclass(frozen=True)
class CopyTokens:
    """The lower-cased words and marks :func:`differing_spans` aligns, counted: enough to
    tell cheaply which sentences cannot be near copies (:func:`may_be_near_copies`). Shared
    through a cache, so never to be changed."""

    counts: Counter[str]
    total: int


@functools.lru_cache(maxsize=4096)
def copy_tokens(text: str) -> CopyTokens:
    """The :class:`CopyTokens` of a sentence; cached (a few megabytes at most), as the same
    sentences come back question after question."""
    counts = Counter(map(_compared, _copy_token_matches(text)))
    return CopyTokens(counts, counts.total())


def _copy_token_matches(text: str) -> list[re.Match[str]]:
    """The :data:`_COPY_TOKEN` tokens of a sentence, curly quotes and dashes read as
    straight ones; the translation keeps every offset."""
    return list(_COPY_TOKEN.finditer(text.translate(_TYPOGRAPHY)))


def _compared(token: re.Match[str]) -> str:
    """A copy token as it is compared: lower case, token by token, as the whole text's
    lower case may not keep offsets ("İ" lowers to two characters)."""
    return token.group().lower()


def may_be_near_copies(a: CopyTokens, b: CopyTokens) -> bool:
    """Whether sentences of these :func:`copy_tokens` may match at least :data:`NEAR_COPY`:
    the tokens they share bound the ratio :func:`differing_spans` measures (difflib's
    ``quick_ratio``), at a tenth of the cost of aligning them."""
    length = a.total + b.total
    if 2 * min(a.total, b.total) < NEAR_COPY * length:
        return False  # one is too long for all of the other to match enough of it
    return 2 * (a.counts & b.counts).total() >= NEAR_COPY * length


def changed_only_within(
    a: str, b: str, kept_a: Sequence[tuple[int, int]], kept_b: Sequence[tuple[int, int]]
) -> bool:
    """Whether ``a`` and ``b`` are near copies (:data:`NEAR_COPY`) in which every word put
    in place of another lies within the given ``(start, end)`` spans of its own sentence,
    and at least one word was: a copy with those values changed and nothing else, where a
    word either one merely adds or leaves out (a page title, a clause cut) does not count.

    >>> changed_only_within("Ames died at home in 1901.", "Ames died at home in 1950.",
    ...                     [(21, 25)], [(21, 25)])
    True
    """
    replaced = _replacements(a, b, near=NEAR_COPY, cut=False)
    if not replaced:
        return False
    return _replaced_within(a, b, replaced, kept_a, kept_b)


def copied_within(
    a: str, b: str, kept_a: Sequence[tuple[int, int]], kept_b: Sequence[tuple[int, int]]
) -> bool:
    """Whether ``a`` and ``b`` are near copies in which any word put in place of another
    lies within the given spans, as :func:`changed_only_within`, but none need be: the
    same sentence, or one with a page title added, is a copy too.

    >>> copied_within("Ames (born 1901) is a poet.", "Ames Ames (born 1901) is a poet.", [], [])
    True
    """
    replaced = _replacements(a, b, near=NEAR_COPY, cut=False)
    return replaced is not None and _replaced_within(a, b, replaced, kept_a, kept_b)


def _replaced_within(
    a: str,
    b: str,
    replaced: Sequence[tuple[tuple[int, int], tuple[int, int]]],
    kept_a: Sequence[tuple[int, int]],
    kept_b: Sequence[tuple[int, int]],
) -> bool:
    return all(
        _words_within(text, start, end, kept)
        for spans in replaced
        for text, (start, end), kept in zip((a, b), spans, (kept_a, kept_b), strict=True)
    )


def _words_within(text: str, start: int, end: int, kept: Sequence[tuple[int, int]]) -> bool:
    return all(
        any(k_start <= start + m.start() and start + m.end() <= k_end for k_start, k_end in kept)
        for m in re.finditer(r"\w+", text[start:end])
    )


def _replacements(
    a: str, b: str, *, near: float, cut: bool
) -> list[tuple[tuple[int, int], tuple[int, int]]] | None:
    """The ``(start, end)`` of each span of ``a`` put in place of one of ``b``, paired, when
    their words match at least ``near`` (as :func:`differing_spans` measures); else None."""
    tokens_a, tokens_b = _copy_token_matches(a), _copy_token_matches(b)
    matcher = difflib.SequenceMatcher(
        a=[_compared(t) for t in tokens_a], b=[_compared(t) for t in tokens_b], autojunk=False
    )
    share = _copied_share(matcher, tokens_a, tokens_b) if cut else matcher.ratio()
    if share < near:
        return None
    return [
        (
            (tokens_a[i1].start(), tokens_a[i2 - 1].end()),
            (tokens_b[j1].start(), tokens_b[j2 - 1].end()),
        )
        for op, i1, i2, j1, j2 in matcher.get_opcodes()
        if op == "replace"
    ]


def _copied_share(
    matcher: difflib.SequenceMatcher[str],
    tokens_a: list[re.Match[str]],
    tokens_b: list[re.Match[str]],
) -> float:
    """Share of the shorter sentence's words found, in order, in the longer one: a rewrite
    of part of a page's sentence ("On July 28, 1943, Flight 63 was flown by a Boeing 747." of
    "Flight 63 (Flagship Ohio) On 28 July 1943 Flight 63 was flown by a Douglas DC-3, ...,
    that crashed west of Trammel.") is as much a copy as one of equal length. A sentence of
    fewer than CUT_COPY_WORDS words is measured by the ratio over both: "The driver was
    injured." is no copy of every longer sentence about the driver."""
    shorter = min(sum(map(_is_word, tokens_a)), sum(map(_is_word, tokens_b)))
    if shorter < CUT_COPY_WORDS:
        return matcher.ratio()
    matched = sum(
        _is_word(token)
        for block in matcher.get_matching_blocks()
        for token in tokens_a[block.a : block.a + block.size]
    )
    return matched / shorter


def _is_word(token: re.Match[str]) -> bool:
    """Whether a :data:`_COPY_TOKEN` is a word, not a punctuation mark."""
    return token.group()[0].isalnum() or token.group()[0] == "_"


def _bare_words(text: str) -> list[str]:
    """Words without case and punctuation: "Kentucky," and "kentucky" are the same."""
    return re.findall(r"\w+", text.lower())
