"""What a question asks for, read without a model: its expected answer type and key terms.

These are small pure functions used as evidence by the composer (does a sentence hold the
kind of thing asked for?) and by abstention (does the corpus even mention the question's
names?). They return ``None``/empty when unsure, never a guess presented as fact.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from rag import language as lang
from rag.annotate import AGE, OLDEST_AGE
from rag.lexical import bare, stem, tokenize
from rag.values import (
    CLOCK,
    Value,
    is_money,
    last_digit_of,
    month_end,
    normalise_name,
    parse_clock,
    parse_number,
)

AnswerType = Literal["number", "time", "person", "place"]
# What may answer with no name or date: a place phrase for "where", an event for a plain
# "when", an event or a condition for "when can", an unnamed speaker for "who said", a
# person described for another "who".
UnnamedAnswer = Literal["place", "event", "condition", "speaker", "person"]
# What conflicts compare for a question: a value of a kind, or the answer to a yes/no one.
Slot = Literal["person", "place", "org", "date", "number", "stance"]


def _one_of(words: Iterable[str]) -> str:
    """A word list as the alternatives of a pattern (``"a|an|the"``), in a fixed order."""
    return "|".join(sorted(words))


# A word, with the apostrophes and hyphens inside it ("O’Brien", "man-made").
_WORD = re.compile(r"[\w’'-]+")
# A word that may be a name: it starts with a letter ("Kyiv’s", "U", not "2025").
NAME_WORD = re.compile(r"[A-Za-z][\w’'-]*")


def as_name(word: str) -> str:
    """A word as a question names it: without a possessive ending ("Ukraine’s" is
    "ukraine", as :func:`rag.lexical.bare` writes it), otherwise as written."""
    return bare(word) if word.endswith(("’s", "'s")) else word


def name_runs(question: QuestionInfo) -> list[tuple[str, ...]]:
    """The question's names in runs of words with only a space between them ("United
    States"; "Messi and Ronaldo" and "GM, Ford" are two each)."""
    runs: list[list[str]] = []
    end = -1
    for found in NAME_WORD.finditer(question.text):
        name = as_name(found.group())
        if name not in question.names:
            end = -1
            continue
        if end >= 0 and question.text[end : found.start()].isspace():
            runs[-1].append(name)
        else:
            runs.append([name])
        end = found.end()
    return [tuple(run) for run in runs]


def descriptions(question: QuestionInfo, names: Sequence[str]) -> list[str]:
    """The common nouns by which an article may go on to call what the question names with
    ``names``, lower case: the last word of the name ("museum" of "the Van Roosen Museum") or
    the noun right after it ("rocket" of "the Aurora-2 rocket's first stage"), so that "the
    museum's director" is about it."""
    found = []
    for run in _runs_holding(question, names):
        found.append(run[-1].lower())
        after = re.match(
            r"\W*" + r"\W+".join(map(re.escape, run)) + r"\s+([a-z]+)\b",
            question.text[question.text.find(run[0]) :],
        )
        if after:
            found.append(after.group(1))
    return [w for w in dict.fromkeys(found) if w.isalpha() and len(w) > 2 and tokenize(w)]


def name_parts(question: QuestionInfo, names: Sequence[str]) -> list[str]:
    """The other words of the names that hold ``names``, as the question writes them, by
    which an article that has named the whole may go on to call it ("Halvorsen" of
    "Halvorsen Therapeutics"); none under three letters nor a word that names nothing."""
    return list(
        dict.fromkeys(
            word
            for run in _runs_holding(question, names)
            for word in run
            if word not in names and len(word) > 2 and word.lower() not in lang.NOT_NAMES
        )
    )


def _runs_holding(question: QuestionInfo, names: Sequence[str]) -> list[tuple[str, ...]]:
    """The question's names in runs (:func:`name_runs`) that hold one of ``names``."""
    return [run for run in name_runs(question) if set(run) & set(names)]


# "Which official", "what lower-ranking figure": asks for a person as surely as "who" does.
_PERSON_NOUNS = _one_of(lang.PERSON_NOUNS)
_PLACE_NOUNS = _one_of(lang.PLACE_NOUNS)
# Words that cannot modify the noun of "which X": "What caused the factory fire?" asks no place.
_NOT_MODIFIERS = _one_of(lang.AUXILIARIES | lang.DETERMINERS | {"this", "that", "these", "those"})

_TYPE_PATTERNS: tuple[tuple[AnswerType, re.Pattern[str]], ...] = (
    (
        "number",
        re.compile(
            # "How fast...?", "How hot...?": a speed or a temperature, a figure (14 of 15 such
            # questions of SQuAD v1.1 train are answered by one; "the speed of light" is not)
            r"^\s*(?:how (?:many|much|long|old|far|big|large|often|tall|high|wide|deep|heavy|"
            r"fast|hot|cold|warm)\b|"
            # "How strong was the earthquake?": a magnitude (lang.MEASURED_HAZARDS)
            r"how (?:strong|powerful|intense|severe) (?:was|is|were|are|will|would)\b"
            rf"(?:\s+[\w'’.-]+){{0,4}}?\s+(?:{_one_of(lang.MEASURED_HAZARDS)})\b|"
            # each a whole word: "Which agency...?" asks for no age, "What shareholders...?"
            # for no share
            rf"(?:at )?(?:{_one_of(lang.AGE_QUESTIONS)})\b|"
            r"what (?:number|percentage|proportion|share|amount|size)s?\b|by how much|"
            # "At what altitude were they found?", "What price did the painting fetch?"
            rf"(?:(?:at|to|by|from) )?what (?:{_one_of(lang.MEASURE_NOUNS)})s? "
            r"(?:did|does|do|was|were|is|are|will|would|has|have|had|can|could)\b|"
            r"what (?:is|was|are|were) the "
            rf"(?:{_one_of(lang.NUMBER_NOUNS)}) of|"
            # "What was Norvell's net profit?", "What is its population?"; not "the final
            # score", a tally (lang.TALLY_WORDS)
            r"what (?:is|was|are|were) (?:the |its |his |her |their |"
            r"(?:the )?(?:[\w.&-]+ ){0,3}?\w+['’]s? )"
            rf"(?:[\w-]+ )?(?:{_one_of(lang.NUMBER_NOUNS - lang.TALLY_WORDS)})"
            r"\s*(?:[?,]|$|(?:for|in|at|on)\b))",
            re.I,
        ),
    ),
    (
        "time",
        re.compile(
            r"^\s*(?:when|since when|until when|(?:(?:in|on|by|at) )?(?:what|which) "
            r"(?:calendar )?(?:year|date|day|month|time|decade|century)s?|"
            # "What is the birth date of...", "What was the founding year of..."
            r"(?:what|which) (?:is|was|are|were) (?:the|its|his|her|their) (?:[\w-]+ )?"
            r"(?:date|year|day|month)s?)\b"
            # and asked at the end: "The squadron was formed in which year?"
            r"|\b(?:in|on|by|since|until) (?:what|which) (?:calendar )?"
            r"(?:year|date|day|month|decade|century)s?\b",
            re.I,
        ),
    ),
    (
        "person",
        re.compile(
            r"^\s*(?:who|whom|whose|what (?:is|was|are|were) the names? of|name the|"
            rf"(?:what|which) (?:[\w.-]+ )?(?:{_PERSON_NOUNS}))\b|\bby name\b",
            re.I,
        ),
    ),
    (
        "place",
        re.compile(
            # up to two modifiers, no verb: "which Nimbus data centre", not "what is the"
            rf"^\s*(?:where|(?:(?:in|to|from|at) )?(?:what|which) "
            rf"(?:(?!(?:{_NOT_MODIFIERS})\b)[\w.’'-]+ ){{0,2}}(?:{_PLACE_NOUNS}))(?![\w-])",
            re.I,
        ),
    ),
)
_NUMBER_WORDS = "|".join(
    [*lang.NUMBER_WORDS, *(w for w in lang.MAGNITUDES if len(w) > 2), "hundreds", "thousands"]
    + ["millions", "billions", "dozens", "several"]
)
# A month by name, or abbreviated as news writes it before a day or a year ("Feb. 17",
# "Sept 3"), not a bare "Mar" or "Dec"; capitalised only, even in patterns that ignore case:
# "may" and "march" are also verbs.
_MONTH_ABBREVIATIONS = "|".join(
    sorted((a.capitalize() for a in lang.MONTH_ABBREVIATIONS), key=len, reverse=True)
)
_MONTHS = f"(?-i:{'|'.join(lang.MONTHS)}|(?:{_MONTH_ABBREVIATIONS})(?=\\.?\\s+\\d))"
_WEEKDAYS = "|".join(lang.WEEKDAYS).lower()
_PERIODS = "week|month|year|day|decade|century|spring|summer|autumn|fall|winter|weekend"
# A year of an era, however many digits: "430 BC", "2,000 BC", "AD 79"; the era a word of
# its own ("AD-supported" is none).
_ERA_YEAR = (
    r"(?<![\d,.])(?:\d{1,3},\d{3}|\d{1,4}) ?(?-i:BCE?|CE|AD)(?![\w-])"
    r"|(?-i:AD) ?\d{1,4}(?!\d)"
)
# A year of three digits, as history writes it: "in 661", "the year 720", "(644–656)"; not
# "in 300 cases", nor "(842)" alone, which is as often a score ("Root (153)").
_SHORT_YEAR = (
    r"(?i:in|since|until|by|from|around|circa|after|before|between|year) \d{3}"
    rf"(?![\d%]|[,.]\d| (?:{_one_of(lang.NOT_AFTER_YEAR)})\b|(?-i: [a-z]+s\b)(?<!was)(?<!has))"
    r"|(?<=\()\d{3} ?[–-] ?\d{3}(?=\))"
)
# The day of a month, "21 April", "April 21st": a date, no figure for "how many / old / much".
_DAY_OF_MONTH = re.compile(
    rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTHS}\b|\b{_MONTHS}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?\b"
)
# A capitalised word, or initials with their stops ("the U.S.", "the U.K."), which the word
# alone would not find: a single capital letter is no name.
_NAME_EVIDENCE = re.compile(r"\b[A-Z](?:\.[A-Z])+\.?|\b[A-Z][\w’'-]+")
_TYPE_EVIDENCE: dict[AnswerType, re.Pattern[str]] = {
    "number": re.compile(rf"\d[\d,.]*\d|\d|\b(?:{_NUMBER_WORDS})\b", re.I),
    "time": re.compile(
        rf"\b(?:{_ERA_YEAR}|{_SHORT_YEAR}|\d{{4}}s?|\d{{1,2}}(?:st|nd|rd|th)|"
        rf"\d{{1,2}}(?::\d{{2}})?\s*(?:[ap]\.?m\b\.?|o['’]clock)|{_MONTHS}|"
        rf"{_WEEKDAYS}|yesterday|today|tomorrow|tonight|ago|"
        rf"(?:this|last|next|that|the same|the previous|the following|"
        rf"earlier this|later this|recent|past|coming) (?:{_PERIODS})s?|centur(?:y|ies)|"
        rf"(?:{_PERIODS}|hour|minute)s? (?:later|earlier)|the (?:{_PERIODS}) (?:after|before)|"
        r"decades?)\b",
        re.I,
    ),
    "person": _NAME_EVIDENCE,
    "place": _NAME_EVIDENCE,
}


@dataclass(frozen=True)
class QuestionInfo:
    """The parts of a question the composer checks answers against."""

    text: str
    answer_type: AnswerType | None
    terms: tuple[str, ...]  # stemmed content tokens
    names: tuple[str, ...]  # capitalised words past the first, e.g. ("German",)
    yes_no: bool = False  # "Is...", "Does...", "Would...": asks whether, not what
    focus: str | None = None  # first term after a wh-word: "condit" in "What conditions..."
    counted: tuple[str, ...] = ()  # what "how many"/"how much" counts: ("deleg",)
    # that with its modifiers: ("russian", "soldier") for "How many Russian soldiers were
    # killed?", which "the Russians have suffered a million casualties" answers
    count_phrase: tuple[str, ...] = ()
    time_unit: str | None = None  # "year" in "In what year...": a time answer of that kind
    asks_rate: bool = False  # it names a rate ("density", "per hour"): a rate may answer it
    asks_age: bool = False  # "How old...?", "At what age...?": an age answers it first
    slot: Slot | None = None  # the kind of value asked for, as conflicts compare it
    entities: tuple[str, ...] = ()  # the names it uses, normalised: ("light brigade",)
    # the titles it quotes, as written: ("War Music",) for 'the album "War Music"'
    titles: tuple[str, ...] = ()
    objects: tuple[str, ...] = ()  # its terms that are no names, last first
    about_speech: bool = False  # asks when or where something was said (an occasion)
    # asks on what occasion ("In what setting did she say...?", "How did he tell families
    # that...?"): its sources' dates are read as "when" is (rag.slots.as_occasion)
    asks_occasion: bool = False
    asks_clock: bool = False  # "At what time...?": a time of day answers it, not a date
    unnamed: UnnamedAnswer | None = None  # what may answer it with no name or date
    # "Which countries...?", "What cities...?": several answers, of which a source may give
    # some, so sources that name different ones do not contradict each other
    asks_several: bool = False


# "At what time...", "What time did...", "At what hour...": a time of day; not "what time
# zone", "what time period", "what time of the year", nor a race's "What time did she finish
# in?".
_WHAT_TIME = re.compile(
    r"\b(?:what|which)\s+(?:time|hour)\b"
    r"(?!\s+(?:zone|period|frame|span|slot|of\s+(?:the\s+)?year)\b)(?!.*\bin\W*$)",
    re.I,
)
# "How much will the merger save a year?", "...each month?": a rate, as "per year" asks one;
# not "What was the population a year ago?" nor "...which hosts the festival each year?".
_A_PERIOD = re.compile(
    rf"^\W*how\s+much\b.*\b(?:a|an|each|every)\s+(?:{_one_of(lang.PERIOD_WORDS)})\W*$", re.I
)
_ASKS_AGE = re.compile(rf"\b(?:{_one_of(lang.AGE_QUESTIONS)})\b", re.I)
_YES_NO = re.compile(
    r"^\s*(?:is|are|was|were|do|does|did|would|will|can|could|has|have|had|should|may|might)\b",
    re.I,
)
_WH = re.compile(r"^\s*(?:what|which|whose|how many|how much)\b", re.I)
# "How many people were killed" counts "people": the nouns (and their adjectives) after it.
_HOW_MANY = re.compile(r"\bhow (?:many|much)\b", re.I)
# Only "how many" needs its figure beside what it counts: "How much land" is answered in
# square kilometres, away from the word "land".
_COUNTED_NEAR = re.compile(r"\bhow many\b", re.I)
_HOW_MUCH = re.compile(r"\bhow much\b", re.I)
# What makes a four-digit figure an amount: a currency sign before it, a word after it
# that is no function word ("$2000", "2000 dollars", "1500 tonnes"; not "in 2016 by").
_CURRENCY_BEFORE = re.compile(r"[$€£¥]\s*$")
_WORD_AFTER = re.compile(r"\s*(%|[a-z]+)")


def _a_year(sentence: str, figure: re.Match[str]) -> bool:
    """Whether a figure found in a sentence is a year, not an amount ("founded in 2016")."""
    if not _YEAR.fullmatch(figure.group()):
        return False
    after = _WORD_AFTER.match(sentence, figure.end())
    return not (
        _CURRENCY_BEFORE.search(sentence, 0, figure.start())
        or (after is not None and (after.group(1) == "%" or bool(tokenize(after.group(1)))))
    )


# "In what year" is answered by a year, "on what date" by a date: not by "this week".
_TIME_UNIT = re.compile(r"\b(?:what|which) (?:calendar )?(year|date|day|month)s?\b", re.I)
_TIME_UNIT_EVIDENCE = {
    "year": re.compile(rf"\b(?:{_ERA_YEAR}|{_SHORT_YEAR}|\d{{4}})\b"),
    "month": re.compile(rf"\b(?:{_MONTHS})\b", re.I),
    "date": re.compile(rf"\b(?:{_MONTHS}|{_SHORT_YEAR}|\d{{4}}|\d{{1,2}}/\d{{1,2}})\b", re.I),
    "day": re.compile(
        rf"\b(?:{_MONTHS}|{_WEEKDAYS}|yesterday|today|tomorrow|\d{{1,2}}(?:st|nd|rd|th)?)\b", re.I
    ),
}


def analyse(question: str) -> QuestionInfo:
    """Answer type, slot, content terms, names and form of ``question``.

    Read without a model, so that a question costs no tagger (spaCy runs at ingest only):
    the sentences' annotations carry what a model reads, and the slot readers match the
    question's words against them."""
    asking = _asking_clause(question)
    answer_type = next((t for t, p in _TYPE_PATTERNS if p.search(asking)), None)
    words = NAME_WORD.findall(question)
    names = tuple(
        dict.fromkeys(
            as_name(w)
            for i, w in enumerate(words)
            # Not a capitalised function word ("The" of a quoted title, "No", "It").
            if i > 0
            and w[0].isupper()
            and w.lower() not in lang.QUESTION_OPENERS
            and bare(w) not in lang.NOT_NAMES
        )
    )
    wh = _WH.match(question)
    focus = next(iter(tokenize(question[wh.end() :])), None) if wh else None
    unit = _TIME_UNIT.search(question) if answer_type == "time" else None
    yes_no = bool(_YES_NO.match(asking))
    terms = tuple(dict.fromkeys(tokenize(question)))
    named = {t for n in names for t in tokenize(n)}
    return QuestionInfo(
        question,
        answer_type,
        terms,
        names,
        yes_no=yes_no,
        focus=focus,
        counted=(counted := _counted(question)),
        count_phrase=_count_phrase(question, counted),
        time_unit=unit.group(1).lower() if unit else None,
        asks_rate=not lang.RATE_WORDS.isdisjoint(re.findall(r"[a-z]+", question.lower()))
        or _A_PERIOD.search(question) is not None,
        asks_age=_ASKS_AGE.search(question) is not None,
        slot=_slot(question, answer_type, yes_no),
        entities=_entities(question),
        titles=(titles := _quoted_titles(question)),
        # What a yes/no question asks about, last: "...agree to a ceasefire with Ukraine?"
        objects=tuple(reversed([t for t in terms if t not in named])),
        about_speech=(speech := _about_speech(words) or _quotes_words(question, titles)),
        asks_occasion=_asks_occasion(question, speech),
        asks_clock=_WHAT_TIME.search(question) is not None,
        unnamed=_unnamed(asking, answer_type, unit is not None),
        asks_several=_asks_several(question),
    )


# "Which countries", "Which Ukrainian cities", "In which years", "What new cities did";
# not "What is", "Which company makes", "Which US president", nor "What causes floods" (after
# "what" a word in "s" may be its verb: it must be followed by an auxiliary or "of")
_WHICH_PLURAL = re.compile(
    rf"^\W*(?:[A-Za-z]+\s+)?(?:(?i:which)|(?i:what)(?=\s+(?:\S+\s+)?[a-z]+s\s+"
    rf"(?:{'|'.join(sorted(lang.AUXILIARIES))}|of)\b))\s+"
    rf"(?:(?:[A-Z][\w-]*|{'|'.join(sorted(lang.COUNT_MODIFIERS))})\s+)?([a-z]+s)\b(?![’'])"
)


def _asks_several(question: str) -> bool:
    """Whether the question asks for things in the plural ("Which countries did...?")."""
    found = _WHICH_PLURAL.match(question)
    if found is None:
        return False
    word = found.group(1)
    return (
        word not in lang.AUXILIARIES
        and word not in lang.SINGULAR_IN_S
        and not word.endswith(("ss", "us", "is"))
    )


# "On what occasion...", "In which setting...", "At what event..." (not "What event did the
# team win?", which asks a thing); "How did the head teacher tell families...?" (not "How did
# the thieves get in?", a way, nor "How did officials label the offer?", what they said).
_OCCASION_AFTER = r"^\W*(?:on|at|in|during)\s+(?:what|which)\s+"
_OCCASION = re.compile(rf"{_OCCASION_AFTER}(?:{_one_of(lang.OCCASION_NOUNS)})\b", re.I)
_SPEECH_OCCASION = re.compile(
    rf"{_OCCASION_AFTER}(?:{_one_of(lang.SPEECH_OCCASION_NOUNS)})\b", re.I
)
# Of something done: "How did ... tell", "How has ... notified"; not "How do you tell if...",
# "How did police tell the suspects apart?"
_HOW_DID_TELL = re.compile(
    r"^\W*how\s+(?:did|has|have|had)\s+(?:\S+\s+){1,5}?"
    rf"(?:{_one_of(lang.TELLING_VERBS)})\b(?!.*\b(?:apart|if|whether)\b)",
    re.I,
)


def _asks_occasion(question: str, about_speech: bool) -> bool:
    """Whether the question asks on what occasion something was done or said: "On what
    occasion did the director describe the weather as...?", "How did the head teacher tell
    families that...?" (a letter, a meeting), "At which event did she announce...?"."""
    return bool(
        _OCCASION.match(question)
        or _HOW_DID_TELL.match(question)
        or (about_speech and _SPEECH_OCCASION.match(question))
    )


def _about_speech(words: Sequence[str]) -> bool:
    """Whether a speech verb is asked about ("When did she say..."); a speech form after a
    determiner is a noun ("In which state is...", "the address"), a capitalised one past
    the first word is part of a name ("the album Talk Show") unless most words are
    capitalised too, and "declare" or "claim" before a determiner is an act
    ("When did the governor declare a state of emergency?": ``lang.ACTING_SPEECH_VERBS``)."""
    title_case = sum(w[0].isupper() for w in words) > len(words) / 2  # "When Did Trump Say..."
    return any(
        bare(w) in lang.SPEECH_FORMS
        and (
            i == 0
            or (
                words[i - 1].lower() not in lang.NOUN_MARKERS and (title_case or not w[0].isupper())
            )
        )
        and not (
            stem(w) in _ACTING_STEMS
            and i + 1 < len(words)
            and words[i + 1].lower() in lang.DETERMINERS
        )
        for i, w in enumerate(words)
    )


_ACTING_STEMS = frozenset(stem(w) for w in lang.ACTING_SPEECH_VERBS)


# "When a pathogen is eaten, what does it become trapped in?": an opening "when" (or "if",
# "after"...) that a later question word follows is a condition, not what is asked.
# "When did..." and "When was..." ask when.
_CONDITION = re.compile(
    r"^\s*(?:when|if|after|before|once|while|whenever)\b(?!\s+(?:is|are|was|were|do|does|did|"
    r"will|would|can|could|has|have|had|should|may|might)\b)",
    re.I,
)
_LATER_WH = re.compile(r"\b(?:what|which|who|whom|whose|where|how (?:many|much))\b", re.I)
# Where the asking clause starts after an opening condition: a question word or an
# auxiliary right after a comma ("When a big tree is cut up, will the pieces differ?").
_AFTER_CONDITION = re.compile(
    rf",\s*(?=(?:what|which|who|whom|whose|where|when|how|{_one_of(lang.AUXILIARIES)})\b)",
    re.I,
)


def _asking_clause(question: str) -> str:
    """The part of a question that asks: all of it, or what follows an opening condition:
    from the comma that ends it, else from the next question word ("While there is a link
    between where and how a tree grows, what can't anyone formulate?" asks "what")."""
    condition = _CONDITION.match(question)
    if condition is None:
        return question
    # the last such comma: one inside the condition may open a relative clause ("If the
    # deal, which was signed in 2019, collapses, will prices rise?")
    if commas := list(_AFTER_CONDITION.finditer(question, condition.end())):
        return question[commas[-1].end() :]
    if later := _LATER_WH.search(question, condition.end()):
        return question[later.start() :]
    return question


# Names as a question writes them: capitalised words, with the small words titles keep
# inside ("Charge of the Light Brigade").
_NAMED = re.compile(
    r"(?<![\w’'])[A-Z][\w’'.&-]*(?:\s+(?:(?:of|the|de|and|for|on|in)\s+)*[A-Z][\w’'.&-]*)*"
)


# Text in double quotes, straight or curly: a title when its words are capitalised
# (:func:`_quoted_titles`).
_QUOTED = re.compile(r'["“]([^"“”]*)["”]')


def _quotes_words(question: str, titles: tuple[str, ...]) -> bool:
    """Whether the question quotes words someone said, not one of its ``titles``
    (:func:`_quoted_titles`): 'When did Venn call the winner "a film about people who refuse
    to leave"?' asks about their saying."""
    return any(
        len(quoted.split()) >= 3 and quoted.strip() not in titles
        for quoted in (m.group(1) for m in _QUOTED.finditer(question))
    )


def _quoted_titles(question: str) -> tuple[str, ...]:
    """The titles a question quotes: text in double quotes whose words are capitalised,
    but for the small words titles keep ('the album "War Music"', '"David with the Head of
    Goliath"'); not words quoted from a speaker ('say "Putin will pay a price"', 'call it
    "the hardest choice"')."""
    return tuple(
        quoted
        for match in _QUOTED.finditer(question)
        if (quoted := match.group(1).strip())
        and (quoted[0].isupper() or quoted[0].isdigit())
        and all(w[0].isupper() or w[0].isdigit() or not tokenize(w) for w in quoted.split())
    )


def _entities(question: str) -> tuple[str, ...]:
    """The names a question uses, normalised, a capitalised question or function word left
    off the front ("Did Helen Okafor..." names "helen okafor")."""
    found = []
    for match in _NAMED.finditer(question):
        words = match.group().split()
        while words and (
            words[0].lower() in lang.QUESTION_OPENERS or bare(words[0]) in lang.NOT_NAMES
        ):
            words = words[1:]
        if words and (name := normalise_name(" ".join(words))):
            found.append(name)
    return tuple(dict.fromkeys(found))


_COUNTED_STEMS = 3  # of the noun phrase after "how many": "naval bases", "city officials"


def _counted(question: str) -> tuple[str, ...]:
    """Stems of what "how many"/"how much" counts, modifiers left out: the words after it up
    to an auxiliary ("How many naval bases are there?" counts "naval" and "base", for the
    noun may come last), or else the first word alone ("How many people died?" counts
    "peopl": "died" is the verb, not what is counted). Modifiers are common adjectives
    (``lang.COUNT_MODIFIERS``: "How many major rites exist?"), a possessive ("How many
    people's homes") and a capitalised word before another ("How many Estonian museums";
    not "How many Estonians live abroad?")."""
    found = _HOW_MANY.search(question)
    if found is None:
        return ()
    counted: list[str] = []
    words = _WORD.findall(question[found.end() :])
    for word, following in itertools.zip_longest(words, words[1:], fillvalue=""):
        stems = tokenize(word)
        if not stems:  # a stop word ends the noun phrase
            return tuple(
                counted[:_COUNTED_STEMS] if word.lower() in lang.AUXILIARIES else counted[:1]
            )
        if _modifies(word, following):
            continue
        counted.extend(stems)
        if len(counted) > _COUNTED_STEMS:
            break
    return tuple(counted[:1])


def _count_phrase(question: str, counted: tuple[str, ...]) -> tuple[str, ...]:
    """Stems of the words after "how many" up to the last of ``counted``: what is counted
    and its modifiers, not the verb after it."""
    found = _HOW_MANY.search(question)
    if found is None or not counted:
        return ()
    stems: list[str] = []
    for word in _WORD.findall(question[found.end() :]):
        if _generic_modifier(word):
            continue  # "new" of "How many new jobs" is near many a figure
        stems.extend(tokenize(word))
        if counted[-1] in stems:
            return tuple(stems)
    return counted


def _modifies(word: str, following: str) -> bool:
    """Whether ``word`` after "how many" modifies the noun after it (see :func:`_counted`):
    a generic modifier, or a capitalised word before a plural noun ("Estonian museums", not
    "How many Japanese died?")."""
    return _generic_modifier(word) or (
        word[0].isupper() and not word.endswith("s") and following.endswith("s")
    )


def _generic_modifier(word: str) -> bool:
    """A common adjective ("new", "major") or a possessive ("people's"): never what is
    counted, nor near what a figure counts."""
    return word.lower() in lang.COUNT_MODIFIERS or word.endswith(("’s", "'s"))


_ORGANISATION = re.compile(
    rf"^\s*(?:(?:in|for|at|from|by) )?(?:what|which) (?:[\w.-]+ )?"
    rf"(?:{_one_of(lang.ORGANISATION_NOUNS)})\b",
    re.I,
)
_SLOT_OF_TYPE: dict[AnswerType, Slot] = {
    "number": "number",
    "time": "date",
    "person": "person",
    "place": "place",
}


def _slot(question: str, answer_type: AnswerType | None, yes_no: bool) -> Slot | None:
    """The kind of value the question asks for, as sources would state it."""
    if answer_type is not None:
        return _SLOT_OF_TYPE[answer_type]
    if _ORGANISATION.match(question):
        return "org"
    if yes_no:
        return "stance"
    return None


_WHERE = re.compile(r"^\s*where\b", re.I)
_WHEN = re.compile(r"^\s*when\b", re.I)
_WHEN_MAY = re.compile(rf"^\s*when (?:{_one_of(lang.CONDITION_MODALS)})\b", re.I)
_WHO_SAID = re.compile(
    rf"^\s*who\s+(?:(?:{_one_of(lang.AUXILIARIES)})\s+)?"
    rf"(?:{_one_of(lang.SPEECH_FORMS)})\b",
    re.I,
)
_SPEECH = re.compile(rf"\b(?:{_one_of(lang.SPEECH_FORMS)})\b", re.I)
# "Who was taken...", not "Who is the new coach?": that asks who someone is.
_WHO_DID = re.compile(
    rf"^\s*who\b(?!\s+(?:is|are|was|were)\s+(?:{_one_of(lang.DETERMINERS)})\b|’s|'s)", re.I
)
# People described, not named: "the train driver", "four workers", "two local teenagers";
# group 1 is the noun, which is no modifier ("the men's final", "a man-made lake").
_DESCRIBED_PERSON = re.compile(
    rf"(?<![\w,.])(?:{_one_of(lang.DETERMINERS | (set(lang.NUMBER_WORDS) - lang.NOT_COUNTS))}"
    rf"|\d[\d,]*)\s+(?:[a-z][\w’'-]*\s+){{0,2}}?({_one_of(lang.DESCRIBED_PEOPLE)})(?![-’'\w])",
    re.I,
)
_DOING = 3  # auxiliaries and adverbs a described person's verb may come after
_NOBODY_OF = re.compile(rf"\b(?:{_one_of(lang.NEGATIVE_QUANTIFIERS)})\s+of\s*$", re.I)
# A noun phrase after a preposition of place: "to a regional hospital"; its first word.
_LOCATIVE = re.compile(
    rf"\b(?:{_one_of(lang.LOCATIVE_PREPOSITIONS)})\s+"
    rf"(?:{_one_of(lang.DETERMINERS)})\s+([a-z][\w’'-]*)",
    re.I,
)
# An event that dates what is asked: "after the night shift ended", "after dropping".
_TEMPORAL = re.compile(
    rf"\b(?:{_one_of(lang.TEMPORAL_CONNECTIVES)})\s+"
    rf"(?:(?:{_one_of(lang.DETERMINERS)})\s+([a-z][\w’'-]*)|([a-z][\w’'-]*ing)\b)",
    re.I,
)

# A condition for "when can": "if the differences are significant", "once the all-clear is
# given"; a clause, so a word follows the connective. Not "once again", nor "unclear if".
_CONDITIONAL = re.compile(
    "".join(rf"(?<!\b{word} )" for word in sorted(lang.IF_IS_WHETHER))
    + rf"\b(?:{_one_of(lang.CONDITIONAL_CONNECTIVES)})\s+(?!again\b|more\b)[a-z]",
    re.I,
)


def _unnamed(
    asking: str, answer_type: AnswerType | None, has_time_unit: bool
) -> UnnamedAnswer | None:
    """What may answer the asking clause with no name or date (``QuestionInfo.unnamed``)."""
    if answer_type == "place" and _WHERE.match(asking):
        return "place"
    if answer_type == "time" and not has_time_unit and _WHEN_MAY.match(asking):
        return "condition"
    if answer_type == "time" and not has_time_unit and _WHEN.match(asking):
        return "event"
    if answer_type == "person" and _WHO_SAID.match(asking):
        return "speaker"
    if answer_type == "person" and _WHO_DID.match(asking):
        return "person"
    return None


def _unnamed_answer(sentence: str, question: QuestionInfo) -> bool:
    """Whether ``sentence`` answers with no name or date: a place for "where" ("taken to a
    regional hospital"), an event for a plain "when" ("until the inspection is complete"),
    that or a condition for "when can" ("once the water recedes"), a speaker for "who said"
    ("..., the operator said"), a person described for another "who" ("The train driver was
    taken to hospital")."""
    if question.unnamed == "speaker":
        return any(_spoken(sentence, m.start()) for m in _SPEECH.finditer(sentence))
    if question.unnamed == "person":
        return _described_person_did(sentence, question)
    question_words = _words(question.text)
    if question.unnamed == "place":
        return any(
            bare(m.group(1)) not in question_words and m.group(1).lower() not in lang.NOT_PLACES
            for m in _LOCATIVE.finditer(sentence)
        )
    if question.unnamed == "condition" and _CONDITIONAL.search(sentence):
        return True
    return any(
        bare(m.group(1) or m.group(2)) not in question_words for m in _TEMPORAL.finditer(sentence)
    )


def _described_person_did(sentence: str, question: QuestionInfo) -> bool:
    """Whether someone the question does not name is described doing what it asks: the
    question's verb right after the person, auxiliaries and adverbs aside ("The train driver
    was taken to hospital" for "Who was taken to hospital?"; not "40,000 fans watched the
    goal" for "Who scored the goal?")."""
    asked = set(question.terms)
    at = 0
    while found := _DESCRIBED_PERSON.search(sentence, at):
        at = found.start() + 1  # phrases may overlap: "the passengers' driver was hurt"
        if asked.intersection(tokenize(found.group(1))):
            continue  # the question's own word ("Who were the victims?")
        if _NOBODY_OF.search(sentence, 0, found.start()):
            continue  # "None of the passengers were injured"
        after = _WORD.findall(sentence[found.end() :])[: _DOING + 1]
        verb = next((w for w in after if not _auxiliary_or_adverb(w)), "")
        if asked.intersection(tokenize(verb)):
            return True
    return False


def _auxiliary_or_adverb(word: str) -> bool:
    # Not lang.between_negation_and_verb: after a person, "to" opens another verb's
    # infinitive ("the driver was expected to ..."), which is not what the person did.
    return word.lower() in lang.AUXILIARIES or word.lower().endswith("ly")


def _words(text: str) -> set[str]:
    """The words of ``text``, lower case, without a possessive ending."""
    return {bare(w) for w in _WORD.findall(text)}


def _spoken(sentence: str, offset: int) -> bool:
    """Whether the speech word at ``offset`` is a verb with its speaker: not a noun ("the
    claim") nor a passive ("residents were told")."""
    before = _WORD.findall(sentence[:offset])[-1:]
    return not before or (
        before[0].lower() not in lang.NOUN_MARKERS
        and before[0].lower() not in lang.PASSIVE_AUXILIARIES
    )


def opposite_of_asked(sentence: str, question: QuestionInfo) -> tuple[str, str] | None:
    """A word of the question whose antonym the sentence uses, not using the word itself,
    with that antonym: ("effective", "ineffective") for "Which drug was effective?" and "The
    old drug was ineffective". Such a sentence says the opposite of what is asked, so it
    answers no "what", "who" or "how many"; it may answer a yes/no question ("Was the drug
    effective?": "it proved ineffective"), so None for those. Words are matched in lower
    case as written (a capitalised one is part of a name: "The Independent")."""
    if question.yes_no:
        return None
    said = set(_LOWER_WORD.findall(sentence))
    negated = set(_NON_WORD.findall(sentence))
    for word in _LOWER_WORD.findall(question.text):
        if word in said:
            continue
        if word in negated:
            return word, f"non-{word}"
        for opposite in _antonyms().get(word, ()):
            # Denying one side says the other: "not eligible" is "ineligible", and "not
            # significantly troubled" is "untroubled".
            if opposite in said and _denied(question.text, word) == _denied(sentence, opposite):
                return word, opposite
    return _other_ordinal(sentence, question)


def _denied(text: str, word: str) -> bool:
    """Whether a negation denies the first ``word`` (lower case, as written) of ``text``:
    one at most :data:`rag.language.NEGATION_REACH` words before it with only what
    :func:`rag.language.between_negation_and_verb` allows between ("were not eligible", "was
    not significantly troubled"); not one of another clause ("Residents who did not register
    were ineligible")."""
    words = re.findall(r"[\w’'-]+", text)
    at = next((i for i, w in enumerate(words) if w == word), None)
    if at is None:
        return False
    between: list[str] = []
    for before in reversed(words[max(at - lang.NEGATION_REACH, 0) : at]):
        if lang.is_negation(before):
            # not "not only ineligible", nor "said no to unpopular measures": "no" denies
            # the noun phrase after "to", not the word
            narrowed = between and between[-1].lower() in lang.NEGATION_NARROWERS
            of_a_noun = before.lower() in lang.NOUN_NEGATIONS and "to" in between
            return not (narrowed or of_a_noun)
        if not lang.between_negation_and_verb(before):
            return False
        between.append(before.lower())
    return False


# A word written in lower case, possessive or not ("the men's race", "girls' schools").
_LOWER_WORD = re.compile(r"(?<![\w’'-])[a-z]+(?=['’]s\b|['’](?!\w)|(?![\w’'-]))")
# "non-specific", "non-self": the word after the prefix, which the sentence denies.
_NON_WORD = re.compile(r"(?<![\w’'-])non-([a-z]+)(?![\w’'-])")
_ORDINALS = frozenset(lang.ORDINALS)


def _other_ordinal(sentence: str, question: QuestionInfo) -> tuple[str, str] | None:
    """An ordinal of the question and another that the sentence uses instead: "the second
    arm of the innate immune system" answers no "What are leukocytes the first arm of?".
    "Their debut album" calls it the first (:data:`rag.language.FIRST_WORDS`), and an
    ordinal within a compound counts ("the second-busiest airport")."""
    said = set(re.findall(r"[a-z]+", sentence))
    for word in _LOWER_WORD.findall(question.text):
        if word not in _ORDINALS:
            continue
        same = lang.FIRST_WORDS if word == "first" else {word}
        others = sorted((said & _ORDINALS) - same)
        if others and not said & same:
            return word, others[0]
    return None


@functools.cache
def _antonyms() -> dict[str, frozenset[str]]:
    """Each word of the pairs of :mod:`rag.language` that say the opposite of each other
    (prefixed antonyms, comparatives, superlatives, nouns, people of either sex) with the
    words it is paired with."""
    return lang.both_ways(
        (
            *lang.WORDNET_ANTONYMS,
            *lang.COMPARATIVE_ANTONYMS,
            *lang.SUPERLATIVE_ANTONYMS,
            *lang.NOUN_ANTONYMS,
            *lang.SEX_COUNTERPARTS,
        )
    )


# "What did the Department of Energy end in 1974?", "during 2021": the year the question
# asks about; not "since 2004", "before 1990" (a sentence of 1985 answers those), nor a
# year that names an event ("the 1973 oil crisis") or a span ("in 2003-04").
_IN_YEAR = re.compile(r"\b(?:in|during)\s+(1\d{3}|20\d{2})(?![\w–-])", re.I)
_MONTH_NAMES = f"(?-i:{'|'.join(lang.MONTHS)})"
# A day the question names: "on October 20, 1973", "20 October 1973", "on October 20"; a
# month: "in March 2019". Read by hand: dateparser takes most of a second to load.
_DAY_MONTH_YEAR = re.compile(
    rf"\b(?:(?P<month>{_MONTH_NAMES})\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+"
    rf"|(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<month2>{_MONTH_NAMES}),?\s+)"
    r"(?P<year>1\d{3}|20\d{2})(?![\w–-])"
)
_ON_MONTH_DAY = re.compile(
    rf"\bon\s+(?P<month>{_MONTH_NAMES})\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?![\w,]|,?\s+\d)",
    re.I,
)
_IN_MONTH_YEAR = re.compile(
    rf"\b(?:in|during)\s+(?P<month>{_MONTH_NAMES})\s+(?P<year>1\d{{3}}|20\d{{2}})(?![\w–-])", re.I
)


@functools.lru_cache(maxsize=256)  # asked once for each candidate of a question
def stated_dates(question: QuestionInfo) -> tuple[Value, ...]:
    """The days, months and years the question places what it asks about in: "on October
    20, 1973", "in March 2019", "during 2021" (not "since 2004" nor "the 1973 oil crisis",
    which do not say when the asked thing happened). A day without its year is partial
    ("--10-20"), as :func:`rag.values.compatible` compares it."""
    text = question.text
    found: list[Value] = []
    taken: list[tuple[int, int]] = []

    def add(match: re.Match[str], low: dt.date | None, high: dt.date | None, norm: str) -> None:
        if any(s < match.end() and match.start() < e for s, e in taken):
            return
        taken.append(match.span())
        found.append(
            Value(
                "date",
                match.start(),
                match.end(),
                norm,
                None if low is None else float(low.toordinal()),
                None if high is None else float(high.toordinal()),
            )
        )

    for m in _DAY_MONTH_YEAR.finditer(text):
        month = lang.MONTHS.index(m.group("month") or m.group("month2")) + 1
        day = _a_day(int(m.group("year")), month, int(m.group("day") or m.group("day2")))
        if day is not None:
            add(m, day, day, day.isoformat())
    for m in _IN_MONTH_YEAR.finditer(text):
        year, month = int(m.group("year")), lang.MONTHS.index(m.group("month")) + 1
        add(m, dt.date(year, month, 1), month_end(year, month), f"{year}-{month:02d}")
    for m in _ON_MONTH_DAY.finditer(text):
        month = lang.MONTHS.index(m.group("month")) + 1
        if _a_day(2000, month, int(m.group("day"))) is not None:  # 2000: a leap year
            add(m, None, None, f"--{month:02d}-{int(m.group('day')):02d}")
    for m in _IN_YEAR.finditer(text):
        year = int(m.group(1))
        add(m, dt.date(year, 1, 1), dt.date(year, 12, 31), str(year))
    return tuple(sorted(found, key=lambda v: v.start))


def _a_day(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


# A figure a question states: digits, read as the sentences' figures are ("2,000 people",
# "11.6% of", "$5 million", "$5bn", "more than 300 jobs"), not a year, a day of a month, a
# time, an ordinal, one end of a range or a sum ("a 9 + 3 pattern"), a part of a compound
# ("2 hours 5 minutes"), a change ("rose 5%", "by 30%": only a share, "N% of", is compared,
# as a change may be given as the levels before and after), or a label after a name ("Super
# Bowl 50", "Type 1", "Category 2", "No. 5", "#3").
_STATED_FIGURE = re.compile(
    r"(?<![\w.,/:#-])[$€£¥]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
    r"(?![\d:/]|[.,]\d|(?!(?i:bn|mn|m|k|c|f)\b)[^\W\d_])"
)
_LABEL_BEFORE = re.compile(
    rf"(?:[A-Z][\w.-]*|(?i:no\.|#|\b(?:{'|'.join(sorted(lang.LABEL_NOUNS))})))\s*$"
)
_RANGE_AFTER = re.compile(r"\s*(?:-|–|to|and|or|\+|/|x|×)\s*[$€£¥]?\d")
_RANGE_BEFORE = re.compile(r"\d\s*(?:-|–|to|and|or|\+|/|x|×)\s*[$€£¥]?$")
_CLOCK_AFTER = re.compile(r"\s*(?:[ap]\.?m\b|o['’]clock)", re.I)
_COMPOUND_AFTER = re.compile(r"\s*[a-z]+,?\s+(?:and\s+)?\d")
_COMPOUND_BEFORE = re.compile(r"\d\s*[a-z]+,?\s+(?:and\s+)?$")
_SHARE_AFTER = re.compile(r"\s*(?:%|per\s*cent|percent)?\s+of\b", re.I)
_PERCENT_AFTER = re.compile(r"\s*(?:%|per\s*cent|percent)", re.I)
# A figure read as a question writes it may be rounded, by up to a quarter either way ("10
# years" for seven and a half is as far as a reader would round).
MAX_ROUNDING = 0.25
_TWO_WORDS_BEFORE = re.compile(r"(?:[A-Za-z]+\s+){0,2}$")
# A spelled figure, or a range of two, that states a measure ("between two and three weeks",
# "five miles"); a spelled count is left alone, as "What are two models...?" asks for two.
_SPELLED = _one_of(w for w in lang.NUMBER_WORDS if w not in lang.NOT_COUNTS)
_SPELLED_FIGURE = re.compile(
    rf"\b(?:(?:between|from)\s+)?(?:{_SPELLED})(?:\s+(?:and|to)\s+(?:{_SPELLED}))?\b", re.I
)
_NEXT_WORD = re.compile(r"\s*([a-z]+)")
_GLUED_UNIT = re.compile(r"°?[^\W\d_]+")
# An age as a question writes it: "the 45-year-old", "aged 87"; compared with the ages the
# annotator reads ("Daniel Reyes, 45,").
_STATED_AGE = re.compile(r"\b(\d{1,3})[-\s]years?[-\s]old\b|(?<=\baged )(\d{1,3})\b", re.I)


def _year_before_noun(text: str, figure: re.Match[str]) -> bool:
    """Whether a four-digit figure is a year before a noun it dates ("the 1871 hurricane",
    "the 2016 election"): not before a plural or people ("2000 homes", "2000 people")."""
    if not _YEAR.fullmatch(figure.group()):
        return False
    after = _NEXT_WORD.match(text, figure.end())
    if after is None:
        return False
    word = after.group(1)
    plural = word.endswith("s") and not word.endswith("ss") and word not in lang.SINGULAR_IN_S
    return not plural and word not in lang.ANY_PEOPLE


@functools.lru_cache(maxsize=256)
def stated_figures(question: QuestionInfo) -> tuple[Value, ...]:
    """The figures the question states ("What fire left 2,000 people homeless?", "...takes
    between two and three weeks?"), with their qualifier and unit as
    :func:`rag.values.parse_number` reads a sentence's, an exact one widened by the
    precision it is written with, since a question may round: "2,000" is 1,500 to 2,500,
    "11.6%" 11.55% to 11.65%."""
    text = question.text
    ages = [
        Value("number", m.start(group), m.end(group), f"{m.group(group)} {AGE}", n, n, AGE)
        for m in _STATED_AGE.finditer(text)
        for group in (1 if m.group(1) else 2,)
        if 0 < (n := float(m.group(group))) <= OLDEST_AGE
    ]
    found: list[Value] = list(ages)
    for m in _STATED_FIGURE.finditer(text):
        if not _a_stated_figure(text, m) or any(a.start == m.start() for a in ages):
            continue
        lead = _TWO_WORDS_BEFORE.search(text, 0, m.start())
        value = _read_figure(text, lead.start() if lead else m.start(), m)
        written = m.group().lstrip("$€£¥")
        figure = float(written.replace(",", ""))
        if value is not None and figure > 0:
            found.append(_widened(value, last_digit_of(written) / figure))
    for m in _SPELLED_FIGURE.finditer(text):
        value = _read_figure(text, m.start(), m)
        if value is not None and _measures(value):
            found.append(_widened(value, 1 / lang.NUMBER_WORDS[m.group().split()[-1].lower()]))
    return tuple(found)


def _a_stated_figure(text: str, figure: re.Match[str]) -> bool:
    before = text[: figure.start()]
    return not (
        _a_year(text, figure)
        or _year_before_noun(text, figure)
        or any(s <= figure.start() < e for s, e in (d.span() for d in _DAY_OF_MONTH.finditer(text)))
        or (_LABEL_BEFORE.search(before) and before.strip().count(" ") > 0)
        or _RANGE_AFTER.match(text, figure.end())
        or _RANGE_BEFORE.search(before)
        or _CLOCK_AFTER.match(text, figure.end())
        or _COMPOUND_AFTER.match(text, figure.end())
        or _COMPOUND_BEFORE.search(before)
        or (_PERCENT_AFTER.match(text, figure.end()) and not a_share(text, figure.end()))
    )


def a_share(text: str, end: int) -> bool:
    """Whether the percentage that ends at ``end`` (with or without its sign) is a share of
    something ("11.6% of the vote"), not a change ("rose 5%", "cutting costs by 10%"): only
    shares are compared, as a change may be given as the levels before and after it."""
    return _SHARE_AFTER.match(text, end) is not None


def _read_figure(text: str, start: int, figure: re.Match[str]) -> Value | None:
    """The figure ``figure`` found, read from ``start`` (its qualifier) and the words after it,
    placed where the question has it; a unit joined to it ("45C", "60k") is read with it."""
    glued = _GLUED_UNIT.match(text, figure.end())
    end = glued.end() if glued else figure.end()
    value = parse_number(text[start:end], text[end:], rounded=False)  # widened by the caller
    if value is None or value.low is None or value.high is None:
        return None
    return dataclasses.replace(value, start=figure.start(), end=figure.end())


def _widened(value: Value, precision: float) -> Value:
    """An exact figure widened either way by half its ``precision``: what its last written
    digit counts, as a share of the figure as written (0.1 for "10", 0.5 for "2,000")."""
    assert value.low is not None and value.high is not None
    if value.low != value.high or value.unit == "°C":
        return value  # a range, "more than 300", or a temperature, read to its degree
    spread = min(0.5 * precision, MAX_ROUNDING)
    return dataclasses.replace(value, low=value.low * (1 - spread), high=value.high * (1 + spread))


def _measures(value: Value) -> bool:
    """Whether a figure measures something in a dimensional unit ("weeks", "miles"): not a
    count, a share or a sum of money."""
    unit = value.unit
    return unit is not None and not (unit.startswith("count:") or unit == "%" or is_money(unit))


def asks_how_many(question: QuestionInfo) -> bool:
    """Whether the question asks "how many" (a count of things, to be found beside them),
    not "how much"."""
    return _COUNTED_NEAR.search(question.text) is not None


def has_answer_type(sentence: str, question: QuestionInfo) -> bool:
    """Whether ``sentence`` holds something of the kind asked for, beyond the question's own
    words (a "who" answer must name someone the question does not already name, or describe
    someone doing what it asks: :func:`_unnamed_answer`)."""
    if question.answer_type is None:
        return True
    pattern = _TYPE_EVIDENCE[question.answer_type]
    if question.time_unit:
        pattern = _TIME_UNIT_EVIDENCE[question.time_unit]
    if question.unnamed and _unnamed_answer(sentence, question):
        return True
    if question.answer_type not in ("person", "place"):
        asked = {m.lower() for m in pattern.findall(question.text)}
        found = [m for m in pattern.finditer(sentence) if m.group().lower() not in asked]
        if question.answer_type == "time" and not question.time_unit:
            # a time of day on the 24-hour clock too ("received the first call at 02:10")
            asked_times = _times_asked(question.text)
            found += [m for m, at in _times_of_day(sentence) if at not in asked_times]
        if question.answer_type == "number":
            days = [d.span() for d in _DAY_OF_MONTH.finditer(sentence)]
            found = [m for m in found if not any(s <= m.start() < e for s, e in days)]
            if _HOW_MUCH.search(question.text):
                # an amount, not a year: "a company founded in 2016" for "How much did the
                # launch cost?"
                found = [m for m in found if not _a_year(sentence, m)]
        if question.answer_type == "number" and question.counted and asks_how_many(question):
            common = _common_nouns(question)
            return any(
                _counts_something(m.group())
                and (
                    _near(sentence, m.span(), question.count_phrase, common)
                    or counts_people(question.counted, sentence[m.end() :])
                )
                for m in found
            )
        return bool(found)
    asked = _words(question.text) | set(_names_in(question.text))
    return any(name not in asked and name not in _NAMING_NOBODY for name in _names_in(sentence))


def _times_of_day(text: str) -> list[tuple[re.Match[str], str]]:
    """The times of day ``text`` writes with figures, each with its time ("21:20"; "9:20
    p.m." and "21:20" are one): not a word ("Midnight's Children", "the midday heat"), nor
    what no clock shows (a score, "beat Flensburg 28:25"; a race time, "the mile in
    3:59.4"; a span, "0:45 seconds")."""
    lowered = text.lower()
    found = []
    for m in CLOCK.finditer(lowered):
        clock = parse_clock(m.group())
        if clock is None or not any(c.isdigit() for c in m.group()):
            continue
        if _NOT_A_CLOCK_AFTER.match(lowered, m.end()):
            continue
        found.append((m, clock.norm))
    return found


@functools.lru_cache(maxsize=256)  # asked once for each candidate of a question
def _times_asked(question: str) -> frozenset[str]:
    """The times of day a question itself gives (:func:`_times_of_day`)."""
    return frozenset(at for _, at in _times_of_day(question))


# What follows a figure with a colon that makes it no time of day: tenths of a second, a unit
# of time ("0:45 seconds", "1:30h").
_NOT_A_CLOCK_AFTER = re.compile(r"\.\d|\s*(?:seconds?|secs?|h)\b")


def _names_in(text: str) -> list[str]:
    """The capitalised words and initials of ``text``, lower case, without a possessive
    ending or stops ("U.S." and "US" are one)."""
    return [bare(m.group()).replace(".", "") for m in _NAME_EVIDENCE.finditer(text)]


# Capitalised words that name no person or place: function words, months and weekdays.
_NAMING_NOBODY = lang.NOT_NAMES | lang.CALENDAR_WORDS


_COUNT_WINDOW = 8  # words between a number and what it counts
_OWN_WORDS = 2  # the words right after a figure that name what it counts ("seven World Series")
# "The number of people confirmed dead in the sinking has risen to 17": what a later figure
# counts, named however far before it.
_NUMBER_OF = re.compile(r"\b(?:number|total|count|tally)\s+of\s+([\w’'-]+(?:\s+[\w’'-]+)?)", re.I)
_PEOPLE_STEMS = frozenset(tokenize("people person persons"))
_DESCRIBED_STEMS = frozenset(t for w in lang.DESCRIBED_PEOPLE for t in tokenize(w))


def _after_figure(nouns: Iterable[str]) -> re.Pattern[str]:
    """One of ``nouns`` right after a figure, one adjective allowed: "48,000 adults", "four
    local workers"; not "the driver" three words on, nor "the men's"."""
    return re.compile(rf"\s+(?:[a-z][\w-]*\s+)?(?:{_one_of(nouns)})(?![-’'\w])")


_PEOPLE_AFTER_FIGURE = _after_figure(lang.DESCRIBED_PEOPLE | lang.ANY_PEOPLE)
_ANY_PEOPLE_AFTER_FIGURE = _after_figure(lang.ANY_PEOPLE)
_YEAR = re.compile(r"1\d{3}|20\d{2}")


def counts_people(counted: Sequence[str], after: str) -> bool:
    """Whether a figure followed by ``after`` counts the people a question counts: "How many
    people took part?" by any description ("48,000 adults", "four workers"; not "How many
    people's homes"), "How many patients took part?" by one that fits anyone ("1,250
    adults", "80 people"; not "12 civilians" for soldiers)."""
    if not counted:
        return False
    if counted[-1] in _PEOPLE_STEMS:
        return bool(_PEOPLE_AFTER_FIGURE.match(after))
    return counted[-1] in _DESCRIBED_STEMS and bool(_ANY_PEOPLE_AFTER_FIGURE.match(after))


def counts_people_otherwise(counted: Sequence[str], after: str) -> bool:
    """Whether a figure followed by ``after`` counts people, described in any way, where the
    question counts people described one way ("640 students" for "How many children...?"):
    not the answer, but a figure that may state it otherwise."""
    return (
        bool(counted)
        and counted[-1] in _DESCRIBED_STEMS
        and bool(_PEOPLE_AFTER_FIGURE.match(after))
    )


def _counts_something(figure: str) -> bool:
    """Whether a figure found in a sentence may count: not a year, nor "once" or "half"."""
    return not _YEAR.fullmatch(figure) and figure.lower() not in lang.NOT_COUNTS


def _common_nouns(question: QuestionInfo) -> frozenset[str]:
    """The stems of what the question counts that it writes in lower case ("films" of "How
    many films..."; not "Oscars", nor "Russian" of "How many Russian soldiers..."): in a
    sentence, a capitalised word is part of a name, not one of them. None when the question
    is typed in lower case ("how many democrats voted?"): its case tells nothing."""
    words = _WORD.findall(question.text)
    if not any(w[0].isupper() for w in words):
        return frozenset()
    return frozenset(
        t for word in words if word.islower() for t in tokenize(word) if t in question.count_phrase
    )


def _near(
    sentence: str, figure: tuple[int, int], terms: tuple[str, ...], common: frozenset[str]
) -> bool:
    """Whether a word stemming to one of ``terms`` is within a few words of the ``figure``
    (its span): "main five rites" for "How many major rites exist?", "two United States Navy
    bases". A ``common`` term is not matched by a name's capitalised word: "for the third
    time in five years at the Westbrook Film Festival" counts no films; but the words right
    after the figure are what it counts, however written ("seven World Series" for "How
    many world series...?", "3,300 Allied losses" for "How many allies...", not "four
    classes (Type I - IV)" for "How many types...?"); what "the number of" names before it
    counts too ("The number of people confirmed dead in the sinking has risen to 17"); and a
    sentence's first word, or any word of a title-case headline, may be capitalised for
    other reasons ("Cases rose to 1,200", "Floods Destroy 300 Homes")."""
    offset, end = figure
    words = list(_WORD.finditer(sentence))
    if sum(w.group()[0].isupper() for w in words) > len(words) / 2:
        common = frozenset()  # a headline's case tells nothing
    before = [w for w in words if w.start() < offset][-_COUNT_WINDOW:]
    after = [w for w in words if w.start() >= offset][: _COUNT_WINDOW + 1]
    own = set()
    for w in [w for w in words if w.start() >= end][:_OWN_WORDS]:
        if sentence[end : w.start()].strip():
            break  # not past a bracket or a comma: "four classes (Type I - IV)"
        own.add(w.start())
        end = w.end()
    named = [m.group(1) for m in _NUMBER_OF.finditer(sentence, 0, offset)]
    return any(t in terms for phrase in named for t in tokenize(phrase)) or any(
        t in terms
        and not (t in common and w.group()[0].isupper() and w.start() > 0 and w.start() not in own)
        for w in before + after
        for t in tokenize(w.group())
    )
