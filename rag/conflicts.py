"""Conflict notes: where the sources that answer a question disagree, and how.

No language model: each kind of disagreement is a *detector* made of small pure signals that
read a typed slot out of a sentence (a person's title, the day or venue of a statement, the
stance towards a term, whether conditions are set, a "first time" claim, who is said to have
done something, a figure with its unit). A detector compares that slot across sentences from
different sources that the composer found relevant, and only when the question asks about
that slot (its *gate*): two sources may differ on a detail, but a note is only worth the
reader's attention when the detail is what they asked about. A false note is worse than a
missing one, so every signal errs on the side of silence.

Kinds (after the CONFLICTS benchmark): ``contradiction`` (the same fact stated differently),
``occasion`` (different events or dates, both may be true), ``framing`` (the same event told
with different judgement).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import partial

import numpy as np

from rag.lexical import tokenize
from rag.questions import QuestionInfo, figures
from rag.schema import ConflictKind
from rag.types import Passage

# Two claims are about the same thing when their sentences are at least this similar.
SAME_TOPIC = 0.35
# Two sentences report the same kind of statement when they are at least this similar.
SAME_STATEMENT = 0.5


@dataclass(frozen=True)
class Side:
    """One position in a disagreement: a short label of what it says, and its passages."""

    label: str  # the slot value, e.g. "former president", "Thursday", "against"
    passages: tuple[Passage, ...]


@dataclass(frozen=True)
class Finding:
    """A disagreement: what it is about, its kind, and two or more sides."""

    topic: str
    kind: ConflictKind
    sides: tuple[Side, ...]
    slot: str  # what they disagree on, as the JSON names it: "title", "number", "stance"...

    def labelled(self) -> list[tuple[str, Passage]]:
        """Every passage with the label of its side, side by side."""
        return [(side.label, p) for side in self.sides for p in side.passages]


# A detector reads the relevant pool and, where its signal is specific enough to stand on
# its own, all retrieved passages.
Detector = Callable[[QuestionInfo, Sequence[Passage], Sequence[Passage]], list[Finding]]


# --- Signals: pure functions of one sentence ------------------------------------------------

_TITLE = re.compile(
    r"\b(?P<former>[Ff]ormer |[Ee]x-)?(?P<country>(?:U\.S\.|US|American|Russian|Ukrainian) )?"
    r"(?P<role>[Pp]resident|[Pp]rime [Mm]inister|[Cc]hancellor|[Ss]ecretary of [Ss]tate|"
    r"[Mm]inister|[Ss]pokes(?:man|woman|person)|[Gg]overnor|[Ss]enator)"
    r",? (?P<name>[A-Z][\w’'-]+(?: [A-Z][\w’'-]+)+)"
)


def person_titles(sentence: str) -> dict[str, str]:
    """Titles given to named people: ``{"Donald Trump": "former president"}``."""
    titles = {}
    for m in _TITLE.finditer(sentence):
        role = m.group("role").lower()
        titles[m.group("name")] = ("former " if m.group("former") else "") + role
    return titles


def title_of(name: str, sentence: str) -> str | None:
    """The title the sentence gives ``name``, if any."""
    return person_titles(sentence).get(name)


_WEEKDAY = re.compile(
    r"\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|"
    r"[Yy]esterday|[Tt]oday)\b"
)
_DAY_MONTH = re.compile(
    r"\b(\d{1,2} (?:January|February|March|April|May|June|July|August|September|October|"
    r"November|December)|(?:January|February|March|April|May|June|July|August|September|"
    r"October|November|December) \d{1,2})\b"
)
_EVENT = re.compile(
    r"\b((?:[A-Z][\w.’'-]* )+(?:Forum|Summit|Conference|Congress|Council|Assembly)|"
    r"annual Q&A(?: session)?|press conference|news conference)\b"
)
_VENUES = (
    ("television", re.compile(r"\b(?:state )?(?:television|TV)\b")),
    ("press", re.compile(r"\b(?:media|reporters|the press|journalists)\b")),
)
_SPEECH = re.compile(
    r"\b(?:say|said|says|told|tell\w*|announc\w*|stat(?:ed|es|ing|ement)|express\w*|"
    r"insist\w*|claim\w*|address\w*|speak\w*|remarks?|declar\w*)\b",
    re.I,
)


@dataclass(frozen=True)
class Occasion:
    """When and where a statement was made, as far as the sentence says."""

    day: str | None = None  # weekday or relative day
    date: str | None = None  # "21 April"
    event: str | None = None  # "St. Petersburg International Economic Forum"
    venue: str | None = None  # "television" or "press"

    def label(self) -> str:
        return ", ".join(v for v in (self.day, self.date, self.event, self.venue) if v)

    def when(self) -> Occasion:
        """Only the time of the occasion: what "When did he say..." compares."""
        return Occasion(day=self.day, date=self.date)

    def where(self) -> Occasion:
        """Only the place of the occasion: what "Where did he say..." compares."""
        return Occasion(event=self.event, venue=self.venue)


def occasion(sentence: str) -> Occasion | None:
    """The occasion of a reported statement, or None if the sentence reports no statement
    or says nothing about when or where it was made."""
    if not _SPEECH.search(sentence):
        return None
    day = _WEEKDAY.search(sentence)
    date = _DAY_MONTH.search(sentence)
    event = _EVENT.search(sentence)
    venue = next((name for name, pattern in _VENUES if pattern.search(sentence)), None)
    found = Occasion(
        day=day.group(1).capitalize() if day else None,
        date=date.group(1) if date else None,
        event=event.group(1) if event else None,
        venue=venue,
    )
    return found if found.label() else None


def different_occasions(a: Occasion, b: Occasion) -> bool:
    """Whether two occasions cannot be the same: a slot both state differs."""
    return any(
        x is not None and y is not None and x != y
        for x, y in ((a.day, b.day), (a.date, b.date), (a.event, b.event), (a.venue, b.venue))
    )


_POSITIVE = re.compile(
    r"\b(?:ready|willing|willingness|prepared|positive attitude|open(?:ness)? to|welcome[sd]?|"
    r"agree[sd]? to|accept(?:s|ed)?|support(?:s|ed)?|favou?rs?)\b",
    re.I,
)
_NEGATIVE = re.compile(
    r"\b(?:dismiss(?:ed|es)?|reject(?:ed|s)?|refus(?:ed|es)|ruled out|oppos(?:ed|es)|"
    r"against)\b",
    re.I,
)
_UNDECIDED = re.compile(
    r"\b(?:has not (?:yet )?(?:explained|said|clarified|specified)|not (?:yet )?clear|"
    r"unclear)\b",
    re.I,
)
_STANCE_WORDS = 6  # at most this many words between a stance cue and its target
_STANCE_FOCUS = 2  # stance targets are terms of the question or of this many top passages
_STANCE_LABELS = {"for": "in favour", "against": "against", "undecided": "undecided"}


def stance(sentence: str, target: str) -> str | None:
    """``"for"``, ``"against"`` or ``"undecided"`` towards ``target`` (a stemmed term), judged
    from the nearest cue before the term in the same clause, at most a few words away;
    None without such a cue."""
    words = list(re.finditer(r"[\w’'-]+", sentence))
    for i, m in enumerate(words):
        if tokenize(m.group()) != [target] or _modifies_next(sentence, words, i):
            continue
        clause_start = max(sentence.rfind(p, 0, m.start()) for p in ",;:(") + 1
        before = sentence[clause_start : m.start()]
        cues = [
            (c.end(), label)
            for label, pattern in (
                ("for", _POSITIVE),
                ("against", _NEGATIVE),
                ("undecided", _UNDECIDED),
            )
            for c in pattern.finditer(before)
            if len(before[c.end() :].split()) <= _STANCE_WORDS
        ]
        if cues:
            return max(cues)[1]
    return None


def _modifies_next(sentence: str, words: list[re.Match[str]], i: int) -> bool:
    """Whether word ``i`` qualifies the next one ("peace" in "peace proposals"): then the
    stance is towards the compound, not the word."""
    if i + 1 >= len(words):
        return False
    gap = sentence[words[i].end() : words[i + 1].start()]
    return gap.isspace() and bool(tokenize(words[i + 1].group()))


_NO_CONDITIONS = re.compile(
    r"\b(?:no (?:pre)?conditions|without (?:any )?(?:pre)?conditions|unconditional(?:ly)?)\b", re.I
)
_CONDITIONS = re.compile(
    r"\b(?:must|condition that|on condition|provided that|only (?:if|when|during|after)|"
    r"as a condition)\b",
    re.I,
)


def conditions(sentence: str) -> str | None:
    """``"none"`` if the sentence says no conditions are set, ``"some"`` if it states one."""
    if _NO_CONDITIONS.search(sentence):
        return "none"
    if _CONDITIONS.search(sentence):
        return "some"
    return None


_FIRST_TIME = re.compile(
    r"\b(?:first time|first such|for the first time|never before|unprecedented)\b", re.I
)


def claims_first(sentence: str) -> bool:
    """Whether the sentence calls something the first of its kind."""
    return bool(_FIRST_TIME.search(sentence))


_MUTUAL = re.compile(r"\b(?:both sides|each other|one another)\b", re.I)
_ATTRIBUTION = re.compile(r"\b(?:accus\w*|alleg\w*|claim\w*|blam\w*)\b", re.I)


def attribution(sentence: str, event: str) -> str | None:
    """How a sentence presents ``event`` (a stemmed verb such as "violat"): as a mutual
    accusation, as one side's claim, or asserted as fact; None if it does not mention it."""
    if event not in tokenize(sentence):
        return None
    if _MUTUAL.search(sentence) and _ATTRIBUTION.search(sentence):
        return "mutual accusation"
    if _ATTRIBUTION.search(sentence) and not _asserted(sentence, event):
        return "one side's claim"
    return "asserted as fact"


def _asserted(sentence: str, event: str) -> bool:
    """The event verb appears in a clause of its own, not as the object of an accusation."""
    for clause in re.split(r"[,;]| while | but ", sentence):
        if event in tokenize(clause) and not _ATTRIBUTION.search(clause):
            return True
    return False


def figure_of(unit: str, sentence: str) -> str | None:
    """The number the sentence gives for ``unit`` ("30" for "hour" in "a 30-hour truce")."""
    return next((value for value, u in figures(sentence) if u == unit), None)


# --- Gates: does the question ask about the slot? -------------------------------------------


def _asks(question: QuestionInfo, *stems: str) -> bool:
    """Whether the question uses one of these (stemmed) terms."""
    return any(t in stems for t in question.terms)


def _asks_when_or_where_said(question: QuestionInfo) -> bool:
    """Asks when or where something was said (not when something else happened)."""
    said = _asks(
        question,
        "say",
        "said",
        "announc",
        "remark",
        "statement",
        "speak",
        "spoke",
        "told",
        "tell",
        "express",
        "declar",
        "comment",
    )
    return said and (
        question.answer_type in ("time", "place")
        or _asks(question, "occas", "venu", "day", "where")
    )


_STANCE_TERMS = (
    "readi",
    "will",
    "willing",
    "prepar",
    "accept",
    "agre",
    "support",
    "oppos",
    "reject",
    "refus",
    "dismiss",
    "posit",
    "stanc",
    "attitud",
    "view",
    "open",
    "includ",
    "favour",
    "want",
)


def _asks_stance(question: QuestionInfo) -> bool:
    """Asks whether someone is for or against something: "Would Moscow accept...?",
    "Is Putin willing...?", or "What is Russia's position on...?"."""
    return (question.yes_no and _asks(question, *_STANCE_TERMS)) or _asks(
        question, "posit", "stanc", "attitud"
    )


def _stance_objects(question: QuestionInfo) -> list[str]:
    """What the question asks a stance on: the terms after its stance word, names aside
    ("Does the offer of talks include a truce?" -> ["truce"])."""
    terms = list(question.terms)
    first = next((i for i, t in enumerate(terms) if t in _STANCE_TERMS), len(terms))
    names = {t for n in question.names for t in tokenize(n)}
    return [t for t in terms[first + 1 :] if t not in _STANCE_TERMS and t not in names]


# --- Detectors --------------------------------------------------------------------------------


def first_per_source(passages: Iterable[Passage]) -> tuple[Passage, ...]:
    """The first passage of each source, in order."""
    first: dict[str, Passage] = {}
    for p in passages:
        first.setdefault(p.doc.doc_id, p)
    return tuple(first.values())


def _similarity(a: Passage, b: Passage) -> float:
    return float(np.dot(a.embedding, b.embedding))


def _similar(a: Passage, b: Passage) -> bool:
    return _similarity(a, b) >= SAME_TOPIC


def _group(pool: Sequence[Passage], read: Callable[[str], str | None]) -> dict[str, list[Passage]]:
    """Passages by the slot value ``read`` finds in their sentence (None: left out)."""
    groups: dict[str, list[Passage]] = {}
    for passage in pool:
        v = read(passage.sentence.text)
        if v is not None:
            groups.setdefault(v, []).append(passage)
    return groups


def _across_sources(groups: dict[str, list[Passage]]) -> bool:
    """At least two values, and not all from a single source."""
    docs = {p.doc.doc_id for ps in groups.values() for p in ps}
    return len(groups) >= 2 and len(docs) >= 2


def _sides(
    groups: dict[str, list[Passage]], labels: dict[str, str] | None = None
) -> tuple[Side, ...]:
    """One side per value (labelled through ``labels`` where given), one passage per source
    within a side, sides in a stable order."""
    out = []
    for value in sorted(groups, key=lambda v: min(_order(p) for p in groups[v])):
        seen: dict[str, Passage] = {}
        for p in sorted(groups[value], key=_order):
            seen.setdefault(p.doc.doc_id, p)
        out.append(Side((labels or {}).get(value, value), tuple(seen.values())))
    return tuple(out)


def _one_side_each(
    groups: dict[str, list[Passage]], ranked: Sequence[Passage]
) -> dict[str, list[Passage]]:
    """For a contradiction, each source on one side only: that of its most relevant
    passage (``ranked`` is most relevant first). A source may hedge within itself; the note
    is about sources disagreeing with each other."""
    rank = {p.sentence.id: i for i, p in enumerate(ranked)}
    side_of: dict[str, tuple[int, str]] = {}
    for value, passages in groups.items():
        for p in passages:
            here = (rank.get(p.sentence.id, len(rank)), value)
            side_of[p.doc.doc_id] = min(side_of.get(p.doc.doc_id, here), here)
    kept = {v: [p for p in ps if side_of[p.doc.doc_id][1] == v] for v, ps in groups.items()}
    return {v: ps for v, ps in kept.items() if ps}


def _order(p: Passage) -> tuple[str, int]:
    return (p.doc.doc_id, p.sentence.start)


def detect_titles(
    question: QuestionInfo, pool: Sequence[Passage], retrieved: Sequence[Passage]
) -> list[Finding]:
    """The same person given different titles (``former President`` vs ``President``)."""
    findings = []
    people = {name for p in pool for name in person_titles(p.sentence.text)}
    for name in sorted(people):
        named = all(t in question.terms for t in tokenize(name.split()[-1]))
        if not (
            named
            and _asks(question, "titl", "offic", "presid", "role", "former", "current", "still")
        ):
            continue
        groups = _one_side_each(_group(pool, partial(title_of, name)), pool)
        if _across_sources(groups) and _only_former_differs(set(groups)):
            findings.append(
                Finding(f"the title of {name}", "contradiction", _sides(groups), "title")
            )
    return findings


def _only_former_differs(titles: set[str]) -> bool:
    """Titles that contradict: the same role, once as current and once as former."""
    roles = {t.removeprefix("former ") for t in titles}
    return len(roles) == 1 and any(t.startswith("former ") for t in titles)


def detect_occasions(
    question: QuestionInfo, pool: Sequence[Passage], retrieved: Sequence[Passage]
) -> list[Finding]:
    """The same kind of statement reported from different days or venues. A statement with
    its occasion is specific enough to be read from every retrieved passage."""
    if not _asks_when_or_where_said(question):
        return []

    def asked(sentence: str) -> Occasion | None:
        """The part of a statement's occasion the question asks about, if stated."""
        found = occasion(sentence)
        if found is not None and question.answer_type == "time":
            found = found.when()
        elif found is not None and question.answer_type == "place":
            found = found.where()
        return found if found is not None and found.label() else None

    dated = [(p, o) for p in retrieved if (o := asked(p.sentence.text)) is not None]
    differing = {
        p.sentence.id
        for p, o in dated
        for q, r in dated
        if p.doc.doc_id != q.doc.doc_id and _similar(p, q) and different_occasions(o, r)
    }
    labels = {p.sentence.text: o.label() for p, o in dated}  # e.g. "Monday, press"
    groups = _group([p for p, _ in dated if p.sentence.id in differing], labels.get)
    if not _across_sources(groups):
        return []
    asked_about = {"time": "when", "place": "where"}.get(
        question.answer_type or "", "when and where"
    )
    return [
        Finding(f"{asked_about} the statement was made", "occasion", _sides(groups), "occasion")
    ]


def detect_stances(
    question: QuestionInfo, pool: Sequence[Passage], retrieved: Sequence[Passage]
) -> list[Finding]:
    """Opposite stances towards the same term (``ready to discuss a ceasefire`` vs
    ``dismissed the idea of a temporary ceasefire``). The term must be one the question or
    the most relevant passages are about; the claims may come from any retrieved passage,
    since a sentence taking a stance on the very term asked about is relevant by itself."""
    if not _asks_stance(question):
        return []
    shared = _shared_terms(retrieved)
    objects = [
        t
        for t in _stance_objects(question)
        if t in shared and any(stance(p.sentence.text, t) for p in retrieved)
    ]
    # The question names its object: judge stances on that. Otherwise (it calls a ceasefire
    # "a truce"), on what the most relevant passages are about.
    focus = {t for p in pool[:_STANCE_FOCUS] for t in tokenize(p.sentence.text)}
    for target in objects or [t for t in shared if t in focus]:
        groups = _one_side_each(_group(retrieved, partial(stance, target=target)), retrieved)
        if {"for", "against"} <= set(groups) and _from_different_sources(
            groups["for"], groups["against"]
        ):
            return [
                Finding(
                    f"the stance on {_word(retrieved, target)}",
                    "contradiction",
                    _sides(groups, _STANCE_LABELS),
                    "stance",
                )
            ]
    return []


def _shared_terms(pool: Sequence[Passage]) -> list[str]:
    """Terms found in sentences of two or more sources, most widely shared first."""
    docs: dict[str, set[str]] = {}
    for p in pool:
        for t in set(tokenize(p.sentence.text)):
            docs.setdefault(t, set()).add(p.doc.doc_id)
    return sorted((t for t, d in docs.items() if len(d) >= 2), key=lambda t: (-len(docs[t]), t))


def _word(pool: Sequence[Passage], stem: str) -> str:
    """The surface word for a stem, as the first sentence using it spells it."""
    for p in pool:
        for w in re.findall(r"[\w’'-]+", p.sentence.text):
            if tokenize(w) == [stem]:
                return w.lower()
    return stem


def detect_conditions(
    question: QuestionInfo, pool: Sequence[Passage], retrieved: Sequence[Passage]
) -> list[Finding]:
    """One source says there are no conditions, another names one. Condition cues are
    specific enough to read them in every retrieved passage."""
    condition_terms = ("condit", "precondit", "demand", "requir", "attach")
    if not (
        question.yes_no and _asks(question, *condition_terms) or question.focus in condition_terms
    ):
        return []
    groups = _one_side_each(_group(retrieved, conditions), retrieved)
    if not ({"none", "some"} <= set(groups) and _opposed_pairs(groups["none"], groups["some"])):
        return []
    return [
        Finding(
            "whether conditions are set",
            "contradiction",
            _sides(groups, {"none": "no conditions", "some": "sets a condition"}),
            "conditions",
        )
    ]


def _from_different_sources(side_a: Sequence[Passage], side_b: Sequence[Passage]) -> bool:
    return any(a.doc.doc_id != b.doc.doc_id for a in side_a for b in side_b)


def _opposed_pairs(side_a: Sequence[Passage], side_b: Sequence[Passage]) -> bool:
    return any(a.doc.doc_id != b.doc.doc_id and _similar(a, b) for a in side_a for b in side_b)


def detect_first_time(
    question: QuestionInfo, pool: Sequence[Passage], retrieved: Sequence[Passage]
) -> list[Finding]:
    """A "first time" claim, and another source reporting the same kind of statement
    without calling it new (and not from a later date). Such a report may be phrased far
    from the question, so it is sought among all retrieved passages, but it must be close
    to a first-time claim."""
    if not _asks(question, "first", "previous", "ever", "unpreced", "again"):
        return []
    if not any(claims_first(p.sentence.text) for p in pool):
        return []
    # Every source that calls it a first, even in a sentence phrased far from the question.
    firsts = list(first_per_source(p for p in retrieved if claims_first(p.sentence.text)))
    first_docs = {p.doc.doc_id for p in firsts}
    earlier = [
        p
        for p in retrieved
        if p.doc.doc_id not in first_docs
        and not claims_first(p.sentence.text)
        and any(_similarity(p, f) >= SAME_STATEMENT for f in firsts)
        and all(_not_later(p, f) for f in firsts)
        and _SPEECH.search(p.sentence.text)
    ]
    if not firsts or not earlier:
        return []
    groups = {"first": firsts, "earlier": earlier}
    labels = {"first": "calls it the first", "earlier": "reports it, not as a first"}
    return [
        Finding(
            "whether this was the first such statement",
            "contradiction",
            _sides(groups, labels),
            "first_time",
        )
    ]


def _not_later(p: Passage, reference: Passage) -> bool:
    """True unless both are dated and ``p`` was published after ``reference``."""
    return not (
        p.doc.published and reference.doc.published and p.doc.published > reference.doc.published
    )


_EVENT_VERBS = ("violat", "breach", "broke", "break")


def detect_framing(
    question: QuestionInfo, pool: Sequence[Passage], retrieved: Sequence[Passage]
) -> list[Finding]:
    """The same event presented as a mutual accusation by one source and as fact by another."""
    if not _asks(question, "blame", "respons", "fault", "respect", *_EVENT_VERBS):
        return []
    for event in ("violat", "breach"):
        groups = _group(pool, partial(attribution, event=event))
        if _across_sources(groups) and _opposed_pairs(*list(groups.values())[:2]):
            return [
                Finding("who is said to be responsible", "framing", _sides(groups), "attribution")
            ]
    return []


def detect_figures(
    question: QuestionInfo, pool: Sequence[Passage], retrieved: Sequence[Passage]
) -> list[Finding]:
    """Different numbers for the same measure (``30-hour`` vs ``36-hour``)."""
    if question.answer_type not in ("number", "time"):
        return []
    findings = []
    units = {u for p in pool for _, u in figures(p.sentence.text) if u}
    for unit in sorted(units):
        groups = _one_side_each(_group(pool, partial(figure_of, unit)), pool)
        if _across_sources(groups) and _opposed_pairs(*list(groups.values())[:2]):
            findings.append(
                Finding(f"the figure for {unit}", "contradiction", _sides(groups), "number")
            )
    return findings


DETECTORS: tuple[Detector, ...] = (
    detect_titles,
    detect_occasions,
    detect_stances,
    detect_conditions,
    detect_first_time,
    detect_framing,
    detect_figures,
)


def detect(
    question: QuestionInfo, pool: Sequence[Passage], retrieved: Sequence[Passage]
) -> list[Finding]:
    """Every disagreement that concerns what ``question`` asks, one finding per topic, in
    detector order. ``pool`` holds the passages relevant to the question, most relevant
    first; ``retrieved`` all passages retrieval found."""
    findings: list[Finding] = []
    for detector in DETECTORS:
        findings.extend(detector(question, pool, retrieved))
    return findings


KIND_SENTENCES: dict[ConflictKind, str] = {
    "contradiction": "They state it differently; at most one can be right.",
    "occasion": "They describe different occasions, so both may be true.",
    "framing": "They describe the same events with different judgement.",
    "ambiguity": "They are about different things that share a name.",
}


def note_text(finding: Finding, citations: dict[str, int]) -> str:
    """The fixed-template note: topic, kind, and which cited source is newest when dated."""
    text = f"Sources disagree on {finding.topic}. {KIND_SENTENCES[finding.kind]}"
    dated = [p for _, p in finding.labelled() if p.doc.published]

    if finding.kind == "occasion" and dated:
        newest = max(dated, key=lambda p: (p.doc.published, p.doc.doc_id))
        text += (
            f" The most recent source is [{citations[newest.sentence.id]}], "
            f"published {newest.doc.published}."
        )
    return text
