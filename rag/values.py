"""Typed values read from text, normalised so that two sources can be compared.

A :class:`Value` is what a sentence states for a slot: a date, a number with its unit, or a
name. Dates and numbers become intervals, so that a less precise value is *compatible* with a
more precise one ("March 2024" with "12 March 2024", "about 1,200" with "1,180") while
different values are not ("1856" and "1900"; "21,400" and "12,400"). Names compare by their
words, aliases and spelling variants ("Dr. Ana Ruiz" and "Ruiz"; "Zelensky" and "Zelenskyy").

Parsing (``parse_date``, ``parse_number``) runs at ingest, inside :mod:`rag.annotate`, and
uses dateparser and pint; answering only compares stored values (:func:`compatible`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from rag import language as lang

ValueKind = Literal["date", "number", "person", "org", "place", "group", "thing"]
NAME_KINDS: tuple[ValueKind, ...] = ("person", "org", "place", "group", "thing")
# Two exact figures within this relative distance are the same figure written differently
# ("21.4 thousand" and "21,400"; a rounded "3.2 million" and "3,204,000").
SAME_FIGURE = 0.005
# Spelling variants of one name ("Zelensky"/"Zelenskyy", "Tchaikovsky"/"Tchaikowsky"):
# rapidfuzz ratio of the normalised names, 0-100.
SAME_NAME_RATIO = 88


@dataclass(frozen=True)
class Value:
    """One value a sentence states: its kind, where it is in the sentence, and its
    normalised form. ``low``/``high`` bound a date (as proleptic ordinal days) or a number
    (in ``unit``); names carry only ``norm``."""

    kind: ValueKind
    start: int  # character offsets in the sentence
    end: int
    norm: str  # "2024-03", "21400 people", "ana ruiz"
    low: float | None = None
    high: float | None = None
    unit: str | None = None  # numbers: "USD", "m" (SI metres), "%", "count:patient"...

    def to_json(self) -> list[Any]:
        return [self.kind, self.start, self.end, self.norm, self.low, self.high, self.unit]

    @classmethod
    def from_json(cls, data: list[Any]) -> Value:
        kind, start, end, norm, low, high, unit = data
        return cls(kind, start, end, norm, low, high, unit)


def compatible(a: Value, b: Value) -> bool | None:
    """Whether two values can both be true of the same thing: the same, or one more precise
    than the other. None when they cannot be compared (different kinds or units)."""
    if a.kind != b.kind and not (a.kind in NAME_KINDS and b.kind in NAME_KINDS):
        return None  # names compare whatever the tagger called them (people, bodies...)
    if a.kind == "date":
        if a.low is None or b.low is None:
            return _partial_dates(a, b)
        return _overlap(a, b)
    if a.kind == "number":
        if not _same_measure(a.unit, b.unit) or a.low is None or b.low is None:
            return None
        return _overlap(a, b, SAME_FIGURE)
    return same_name(a.norm, b.norm)


def each_states_another(xs: Sequence[Value], ys: Sequence[Value]) -> bool:
    """Whether each of two sentences' values holds one the other's contradict: a value of a
    kind (and measure) the other also states, compatible with none of them there ("the 1912
    film" and "the 1936 film"; "610 million dollars" and "580 million dollars"), one each
    way. Not two sentences naming the same two years, nor one that adds a figure of its own
    ("610 million dollars on revenue of 4.2 billion")."""

    def unmatched(values: Sequence[Value], others: Sequence[Value]) -> bool:
        return any(
            any(compatible(v, o) is not None for o in others)
            and not any(compatible(v, o) for o in others)
            for v in values
        )

    return unmatched(xs, ys) and unmatched(ys, xs)


def _partial_dates(a: Value, b: Value) -> bool | None:
    """Compare dates when one or both are partial: a weekday ("monday"), a day or month
    without year ("--09-06", "--06"). A full date is read as the partial form of the other."""
    if a.low is not None:
        a, b = b, a  # ``a`` is partial
    if b.low is None:
        return a.norm == b.norm if _form(a.norm) == _form(b.norm) else None
    if b.high != b.low:
        return None  # a period against a partial day: cannot tell
    day = dt.date.fromordinal(int(b.low))
    if _form(a.norm) == "weekday":
        return a.norm == lang.WEEKDAYS[day.weekday()].lower()
    if _form(a.norm) == "month-day":
        return a.norm == f"--{day.month:02d}-{day.day:02d}"
    return a.norm == f"--{day.month:02d}"


def _form(norm: str) -> str:
    if not norm.startswith("--"):
        return "weekday"
    return "month-day" if norm.count("-") == 3 else "month"


def _same_measure(a: str | None, b: str | None) -> bool:
    """Whether figures in these units compare: the same unit, or both counts of things
    (a bare figure or "count:..."), whatever noun the two sources count them with."""
    if a == b:
        return True
    return all(u is None or (u.startswith("count:") and not is_rate(u)) for u in (a, b))


def is_rate(unit: str | None) -> bool:
    """Whether a figure's unit is a rate ("count:inhabitant per square mile", "USD per
    hour"), as :func:`parse_number` writes one."""
    return unit is not None and " per " in unit


def _overlap(a: Value, b: Value, slack: float = 0.0) -> bool:
    assert a.low is not None and a.high is not None and b.low is not None and b.high is not None
    pad = slack * max(abs(a.low), abs(b.low), 1e-9)
    return a.low <= b.high + pad and b.low <= a.high + pad


# --- Names -------------------------------------------------------------------------------

_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")


def normalise_name(text: str) -> str:
    """A name as compared: lower case, no leading article, honorific or possessive.

    >>> normalise_name("Dr. Ana Ruiz’s"), normalise_name("the United Nations")
    ('ana ruiz', 'united nations')
    """
    words = [w.strip('.,;:"“”()[]') for w in text.split()]
    words = [w for w in words if w]
    if words:
        words[-1] = _POSSESSIVE.sub("", words[-1])
    while words and (words[0].lower() in ("the", "a", "an") or _is_honorific(words[0])):
        words = words[1:]
    return " ".join(w.lower() for w in words)


def _is_honorific(word: str) -> bool:
    return word.lower().rstrip(".") in lang.HONORIFICS


def same_name(a: str, b: str) -> bool:
    """Whether two normalised names can name the same one: equal, one's words within the
    other's ("ruiz" / "ana ruiz"), aliases ("u.s." / "united states"), or spelling variants.

    >>> same_name("ruiz", "ana ruiz"), same_name("zelensky", "zelenskyy"), same_name("a", "b")
    (True, True, False)
    """
    if not a or not b:
        return False
    if a == b:
        return True
    group = lang.alias_group(a)
    if group is not None and lang.dotless(b) in group:
        return True
    words_a, words_b = set(re.split(r"[\s-]+", a)), set(re.split(r"[\s-]+", b))
    if words_a <= words_b or words_b <= words_a:
        return True
    if _numbering(a) != _numbering(b):
        return False  # "louis ii" / "louis iii", "2000 album" / "2009 album": a spelling apart
    from rapidfuzz import fuzz

    if fuzz.ratio(a, b) >= SAME_NAME_RATIO:
        return True
    # A surname alone with a letter more or less at its end ("zelensky" / "volodymyr
    # zelenskyy"); a letter changed or in a short word makes another name ("johnson" / "ian
    # johnston", "clark" / "michael clarke"), and a first word is no surname ("america" /
    # "american airlines").
    alone, full = sorted((a.split(), b.split()), key=len)
    return len(alone) == 1 < len(full) and _a_letter_longer(alone[0], full[-1])


_LONG_WORD = 7


def _a_letter_longer(a: str, b: str) -> bool:
    short, long = sorted((a, b), key=len)
    return len(short) >= _LONG_WORD and len(long) == len(short) + 1 and long.startswith(short)


_NUMBERING = re.compile(r"\b(?:\d+|[ivxlc]+)\b")


def _numbering(name: str) -> list[str]:
    """The figures and roman numerals of a name, which tell apart things otherwise named
    alike (kings, popes, missions, editions)."""
    return _NUMBERING.findall(name)


# --- Dates -------------------------------------------------------------------------------

YEAR = r"(1[0-9]{3}|20[0-9]{2}|2100)"  # a year as text states one, for patterns
_CENTURY = re.compile(r"\b(1[0-9]|2[01]|[1-9])(?:st|nd|rd|th) century\b")
_DECADE = re.compile(r"\b(?:the\s+)?(1[0-9]{2}|20[0-9])0s\b")
_QUARTER = re.compile(rf"\b(first|second|third|fourth|q[1-4])(?:\s+quarter)?(?:\s+of)?\s+{YEAR}\b")
_SEASON = re.compile(rf"\b({'|'.join(lang.SEASONS)})(?:\s+of)?\s+{YEAR}\b")
_PART = re.compile(
    rf"^(?:the\s+)?({'|'.join(lang.PERIOD_PARTS)})(?:\s+of|-|\s+)\s*(?:the\s+)?(.+)$"
)
_ANCHORED = re.compile(
    rf"\b(?:{'|'.join(m.lower() for m in lang.MONTHS)}|{'|'.join(lang.MONTH_ABBREVIATIONS)}|"
    rf"{'|'.join(d.lower() for d in lang.WEEKDAYS)}|yesterday|today|tomorrow|tonight|ago|"
    r"\d{4}|\d{1,2}/\d{1,2}(?:/\d{2,4})?)\b"
)
_RELATIVE = re.compile(
    rf"\b(?:{'|'.join(d.lower() for d in lang.WEEKDAYS)}|yesterday|today|tomorrow|tonight|ago|"
    r"last|next|this)\b"
)
_HAS_YEAR = re.compile(rf"\b{YEAR}\b")
# Years from one to another: "from 1974 to 1979", "between 1990 and 1995", "2003-04" (the
# tagger calls each one date; dateparser reads none of them); not "1974 and 1979", two years.
_YEAR_SPAN = re.compile(
    rf"(?:between {YEAR}\s*and|(?:from )?{YEAR}\s*(?:-|to|until|through))\s*(\d{{4}}|\d{{2}})"
)
# A weekday alone, or with a part of the day: the day it names within the week up to the
# article's date, that day included ("on Wednesday" in Wednesday's paper is that day).
_BARE_WEEKDAY = re.compile(
    rf"(?:(?:on|by|until|till|since) )?({'|'.join(d.lower() for d in lang.WEEKDAYS)})"
    r"(?: (?:morning|afternoon|evening|night))?"
)


def parse_date(text: str, published: str | None = None, ahead: bool = False) -> Value | None:
    """A date or period as an interval of days, or None for a duration ("two years") or
    anything too vague to compare ("recent years"). Relative dates ("Monday", "yesterday",
    "March 12") are resolved against the article's publication date when it is known;
    without it, a weekday stays a weekday and a day without year stays partial. A weekday is
    the last one up to that date, or with ``ahead`` (the sentence speaks of what is to come:
    "the strike begins on Thursday") the next one from it.

    >>> parse_date("12 March 2024").norm, parse_date("March 2024").norm
    ('2024-03-12', '2024-03')
    >>> parse_date("the second quarter of 2026").norm, parse_date("the 1990s").norm
    ('2026-Q2', '1990s')
    >>> parse_date("Monday", "2025-04-22").norm, parse_date("Monday").norm
    ('2025-04-21', 'monday')
    >>> parse_date("Thursday", "2025-02-03", ahead=True).norm
    '2025-02-06'
    >>> parse_date("from 1974 to 1979").norm, parse_date("2003-04").norm
    ('1974-1979', '2003-2004')
    >>> parse_date("two years") is None
    True
    """
    clean = " ".join(text.lower().replace("’", "'").replace("–", "-").split())
    base = _iso(published)
    found = _period(clean, base, ahead)
    if found is None:
        return None
    low, high, norm = found
    return Value("date", 0, len(text), norm, low, high)


Period = tuple[float | None, float | None, str]


def _period(text: str, base: dt.date | None, ahead: bool = False) -> Period | None:
    part = _PART.match(text)
    if part and (inner := _period(part.group(2), base, ahead)) is not None:
        low, high, norm = inner
        if low is None or high is None:
            return None
        start, end = lang.PERIOD_PARTS[part.group(1)]
        span = high - low + 1
        return (
            low + math.floor(start * span),
            low + math.ceil(end * span) - 1,
            f"{part.group(1)} {norm}",
        )
    if century := _CENTURY.search(text):
        year = (int(century.group(1)) - 1) * 100 + 1
        return _days(dt.date(year, 1, 1), dt.date(year + 99, 12, 31), century.group(0))
    if decade := _DECADE.search(text):
        year = int(decade.group(1)) * 10
        return _days(dt.date(year, 1, 1), dt.date(year + 9, 12, 31), f"{year}s")
    if quarter := _QUARTER.search(text):
        number, year = lang.QUARTERS[quarter.group(1)], int(quarter.group(2))
        return _days(
            dt.date(year, 3 * number - 2, 1), month_end(year, 3 * number), f"{year}-Q{number}"
        )
    if season := _SEASON.search(text):
        first_month, last_month = lang.SEASONS[season.group(1)]
        year = int(season.group(2))
        last_year, last_month = year + (last_month - 1) // 12, (last_month - 1) % 12 + 1
        return _days(
            dt.date(year, first_month, 1),
            month_end(last_year, last_month),
            f"{season.group(1)} {year}",
        )
    if years := _YEAR_SPAN.fullmatch(text):
        first, last = int(years.group(1) or years.group(2)), int(years.group(3))
        if last < 100:  # "2003-04", "1999-00"
            last += first - first % 100 + (100 if last <= first % 100 else 0)
        if first < last:
            return _days(dt.date(first, 1, 1), dt.date(last, 12, 31), f"{first}-{last}")
    if not _ANCHORED.search(text):
        return None  # a duration ("two years") or vague ("the past decade")
    if _RELATIVE.search(text) and base is None and not _HAS_YEAR.search(text):
        weekday = next((d for d in lang.WEEKDAYS if d.lower() in text), None)
        return (None, None, weekday.lower()) if weekday else None
    if base is not None and (bare := _BARE_WEEKDAY.fullmatch(text)):
        apart = (base.weekday() - lang.WEEKDAYS.index(bare.group(1).title())) % 7
        day = base + dt.timedelta(days=-apart % 7) if ahead else base - dt.timedelta(days=apart)
        return _days(day, day, day.isoformat())
    return _dateparser(text, base)


# Memoised: dateparser takes about a millisecond a call, and news repeats its dates.
@functools.lru_cache(maxsize=4096)
def _dateparser(text: str, base: dt.date | None) -> Period | None:
    found = _date_parser(base).get_date_data(text)
    if found.date_obj is None:
        return None
    day = found.date_obj.date()
    if not _HAS_YEAR.search(text) and not _RELATIVE.search(text):
        # "March 12", "in June" with no year stated: which year is meant (the last one? the
        # next?) depends on tense; kept partial rather than invented.
        if found.period == "day":
            return (None, None, f"--{day.month:02d}-{day.day:02d}")
        if found.period == "month":
            return (None, None, f"--{day.month:02d}")
        return None
    if found.period == "year":
        return _days(dt.date(day.year, 1, 1), dt.date(day.year, 12, 31), f"{day.year}")
    if found.period == "month":
        return _days(
            dt.date(day.year, day.month, 1),
            month_end(day.year, day.month),
            f"{day.year}-{day.month:02d}",
        )
    if found.period == "week":
        monday = day - dt.timedelta(days=day.weekday())
        return _days(monday, monday + dt.timedelta(days=6), f"week of {monday.isoformat()}")
    return _days(day, day, day.isoformat())


@functools.lru_cache(maxsize=64)
def _date_parser(base: dt.date | None) -> Any:
    """A parser resolving relative dates against ``base`` (one per article date)."""
    from dateparser.date import DateDataParser

    settings: dict[str, Any] = {"PREFER_DATES_FROM": "past"}
    if base is not None:
        settings["RELATIVE_BASE"] = dt.datetime(base.year, base.month, base.day)
    return DateDataParser(languages=["en"], settings=settings)


def _days(first: dt.date, last: dt.date, norm: str) -> Period:
    return (float(first.toordinal()), float(last.toordinal()), norm)


def month_end(year: int, month: int) -> dt.date:
    """The last day of a month."""
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    return following - dt.timedelta(days=1)


def _iso(published: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(published) if published else None
    except ValueError:
        return None


# --- Numbers -----------------------------------------------------------------------------

_FIGURE = re.compile(r"(?<![\w.])(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(?![\d])")
_WORD = re.compile(r"[a-z]+(?:-[a-z]+)?|[$€£¥₹%]")
_UNIT_END = re.compile(r"[\d,;:()]")
# The words joining the two ends of a range: "between 20 and 30", "20 to 30 million people".
_RANGE = re.compile(r"\d\S*(?:\s+[a-z]+)?(\s+(and|to)\s+)[$€£¥₹]?\d")
# A range with a spelled end: "between five and 10", "from three to five million".
_SPELLED_CARDINALS = sorted(
    (w for w in lang.NUMBER_WORDS if w not in lang.NOT_COUNTS | {"hundred", "dozen"}),
    key=len,
    reverse=True,
)
_SPELLED_END = rf"(?:{'|'.join(_SPELLED_CARDINALS)})(?![a-z-])"
_SPELLED_RANGE = re.compile(
    rf"(?<![a-z-])(?:{_SPELLED_END}|\d[\d,.]*)\s+(?:and|to)\s+(?:{_SPELLED_END}|\d)"
)
_SPELLED_WORD = re.compile(rf"(?<![a-z-]){_SPELLED_END}")
# A figure's own words after it: its magnitude and unit ("million", "%", "bn people").
_AFTER_FIGURE = re.compile(r"(?<=\d)(?![\d.,]).*$", re.S)
_NUMBER_IN_NORM = re.compile(r"-?\d[\d.]*(?:e[+-]?\d+)?")


def parse_number(text: str, after: str = "") -> Value | None:
    """A figure with its magnitude, qualifier and unit: ``text`` is the figure as written
    ("more than 21,000", "$3.2bn", "180 mm", "45%"), ``after`` the words that follow it, which
    may name what it counts or measures ("patients", "km"). Dimensional units are converted
    to SI; currencies to ISO codes; other words after a figure count things.

    >>> v = parse_number("$3.2bn"); (v.low, v.unit)
    (3200000000.0, 'USD')
    >>> v = parse_number("more than 21,000", "fans attended"); (v.low, v.high, v.unit)
    (21000.0, inf, 'count:fan')
    >>> parse_number("11", "km long").unit, round(parse_number("7", "miles").low)
    ('m', 11265)
    """
    lowered = text.lower().replace("’", "'")
    spelled_range = _SPELLED_RANGE.search(lowered)
    if spelled_range is not None and _SPELLED_WORD.search(spelled_range.group()):
        # Read as figures: "between 5 and 10 people", "from 3 to 5 million dollars".
        as_figures = _SPELLED_WORD.sub(
            lambda m: str(lang.NUMBER_WORDS[m.group()]), spelled_range.group()
        )
        found = parse_number(
            lowered[: spelled_range.start()] + as_figures + lowered[spelled_range.end() :], after
        )
        if found is not None and found.low != found.high:
            return dataclasses.replace(found, end=len(text))
    joined = _RANGE.search(lowered)
    if joined is not None and _is_range(lowered[: joined.start()].split(), joined.group(2)):
        spanned = _range(text, joined, after)
        if spanned is not None:
            return spanned
    figure = _FIGURE.search(lowered)
    last_digit: float | None = None  # what the figure's last written digit counts
    if figure is not None:
        value = float(figure.group().replace(",", ""))
        last_digit = last_digit_of(figure.group())
        before, rest = lowered[: figure.start()], lowered[figure.end() :]
    else:
        words = [part for w in _WORD.findall(lowered) for part in w.split("-")]
        spelled = next((w for w in words if w in lang.NUMBER_WORDS), None)
        if spelled is None:
            return None
        value = float(lang.NUMBER_WORDS[spelled])
        # Found as _WORD found it: between non-letters ("x_one" holds "one" too).
        at = re.search(rf"(?<![a-z]){spelled}(?![a-z])", lowered)
        if at is None:
            return None
        before, rest = lowered[: at.start()], lowered[at.end() :].lstrip("-")
    # What follows a figure names its unit only up to the next figure or clause: in "3,046,
    # 1,085 households" the households are the second figure's.
    after = _UNIT_END.split(after.lower(), maxsplit=1)[0]
    words = _WORD.findall(rest) + _WORD.findall(after)[:4]
    money = _currency(before) is not None
    magnitude, words = _magnitude(words, money=money)
    value *= magnitude
    qualifier, (low_factor, high_factor) = _qualifier(before)
    unit, scale, shown_unit = _unit(before, words)
    per = _per(words, unit_word=unit is not None and not money)
    if unit is not None and per is not None:
        # A rate ("1,485.7 inhabitants per square mile", "$15 per hour") measures something
        # else than its unit alone: it compares only with the same rate.
        unit, shown_unit = f"{unit} per {per}", f"{shown_unit} per {per}"
    norm = f"{qualifier} {_figure_text(value)} {shown_unit}".strip()
    value *= scale
    low, high = value * low_factor, value * high_factor
    if last_digit is not None and low_factor > 0 and math.isfinite(high) and qualifier:
        # "about" allows no more than a unit of the last digit written: "about 49 degrees"
        # is not 46, though "about 50,000" is 46,000 (not a bound: "up to 40" holds 20)
        unit_of_digit = last_digit * magnitude * scale
        low, high = max(low, value - unit_of_digit), min(high, value + unit_of_digit)
    return Value("number", 0, len(text), norm, low, high, unit)


def last_digit_of(figure: str) -> float:
    """What the last digit written of a figure counts: 1000 for "2,000", 0.1 for "11.6",
    1 for "49"."""
    whole, _, decimals = figure.replace(",", "").partition(".")
    if decimals:
        return 10.0 ** -len(decimals)
    return 10.0 ** (len(whole) - len(whole.rstrip("0"))) if whole.strip("0") else 1.0


def _is_range(before: list[str], joiner: str) -> bool:
    """Whether two figures joined by ``joiner`` are a range, given the words ``before`` the
    first: "and" only after "between" ("500, 1,000 and 5,000" is a list); "to" not after a
    change ("rose from about 5% to 7%", "cut by 2,000 to 8,000", "rose 5% to 7%")."""
    if joiner == "and":
        return "between" in before
    return lang.CHANGE_WORDS.isdisjoint(before)


def _range(text: str, joined: re.Match[str], after: str) -> Value | None:
    """The range in ``text`` from the figure before the words ``joined`` found (a
    :data:`_RANGE` match in ``text`` lowered, of the same length) to the figure after them
    ("between 20 and 30", "$2 to $3 million"); the first end has the second's magnitude
    and unit when it states none of its own. None when the two measure different things,
    when the first is the larger, or when "to" joins two bare figures (a score, a vote,
    odds: "3 to 1", "45 to 55")."""
    first, rest = text[: joined.start(1)], text[joined.end(1) :]
    high = parse_number(rest, after)
    own = _AFTER_FIGURE.search(first)
    alone = own is not None and not own.group().strip()  # "20" of "20 to 30 million"
    tail = _AFTER_FIGURE.search(rest)
    low = parse_number(first + (tail.group() if alone and tail is not None else ""), after)
    if low is None or high is None or low.unit != high.unit:
        return None
    if high.unit is None and joined.group(2) == "to":
        return None
    if low.low is None or high.high is None or not low.low <= high.high:
        return None
    low_figure = _NUMBER_IN_NORM.search(low.norm)
    high_figure = _NUMBER_IN_NORM.search(high.norm)
    if low_figure is None or high_figure is None:
        return None
    # "20-30 million people"; "20 minutes-2 hours" where each end has its own unit.
    low_norm = low.norm[: low_figure.end()] if alone else low.norm
    norm = f"{low_norm}-{high.norm[high_figure.start() :]}"
    return Value("number", 0, len(text), norm, low.low, high.high, high.unit)


def _per(words: list[str], unit_word: bool) -> str | None:
    """What a rate is per: the word after "per" that follows the unit (its first word when
    the unit came from a currency sign before the figure)."""
    at = 1 if unit_word else 0
    if len(words) <= at + 1 or words[at] != "per" or words[at + 1] == "cent":
        return None
    if words[at + 1] in ("square", "cubic") and len(words) > at + 2:
        return f"{words[at + 1]} {_singular(words[at + 2])}"
    return _singular(words[at + 1])


def _magnitude(words: list[str], money: bool) -> tuple[float, list[str]]:
    """The magnitude word after a figure; a one-letter one ("$3m", "$2b") only after a
    currency sign, since "5 m" elsewhere is five metres."""
    if words and words[0] in lang.MAGNITUDES and (money or len(words[0]) > 1):
        return lang.MAGNITUDES[words[0]], words[1:]
    return 1.0, words


def _currency(before: str) -> str | None:
    for word in before.split()[-2:] + ([before[-1:]] if before[-1:] in "$€£¥₹" else []):
        if word in lang.CURRENCIES:
            return lang.CURRENCIES[word]
    return None


def _qualifier(before: str) -> tuple[str, tuple[float, float]]:
    """The qualifier that ends ``before`` ("more than"), and its bounds as factors."""
    before = " ".join(before.replace("$", " ").split())
    for phrase in sorted(lang.APPROXIMATE, key=len, reverse=True):
        if before == phrase or before.endswith(" " + phrase):
            return phrase, lang.APPROXIMATE[phrase]
    return "", (1.0, 1.0)


def _unit(before: str, words: list[str]) -> tuple[str | None, float, str]:
    """(unit, scale to it, unit as shown) from the currency sign before a figure or the
    first word after it."""
    currency = _currency(before)
    if currency is not None:
        return currency, 1.0, currency
    if not words:
        return None, 1.0, ""
    first = words[0].split("-")[-1] if "-" in words[0] else words[0]
    if first in lang.CURRENCIES:
        return lang.CURRENCIES[first], 1.0, lang.CURRENCIES[first]
    if first in ("%", "percent", "per"):
        return "%", 1.0, "%"
    si = _si_unit(first)
    if si is not None:
        base, scale = si
        return base, scale, first
    if first.isalpha() and first not in lang.NOT_NAMES and len(first) > 2:
        counted = _singular(first)
        return f"count:{counted}", 1.0, first
    return None, 1.0, ""


@functools.cache
def _si_unit(word: str) -> tuple[str, float] | None:
    """The SI base unit and factor of a physical unit word ("km" -> ("m", 1000.0))."""
    if word in lang.NOT_UNITS or word in lang.NOT_NAMES or len(word) < 2:
        return None
    registry = _units()
    try:
        quantity = registry.Quantity(1.0, word)
    except Exception:  # pint raises several unrelated types for a word that is no unit
        return None
    if str(quantity.dimensionality) not in lang.DIMENSIONS:
        return None
    if str(quantity.dimensionality) == "[temperature]":
        return None  # offsets (°C/°F) do not scale; compared only as written
    base = quantity.to_base_units()
    return f"{base.units:~}", float(base.magnitude)


@functools.cache
def _units() -> Any:
    import pint

    return pint.UnitRegistry()


def _singular(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


def _figure_text(value: float) -> str:
    return f"{value:.0f}" if value == int(value) and abs(value) < 1e15 else f"{value:g}"
