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
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from rag import language as lang

ValueKind = Literal["date", "clock", "number", "person", "org", "place", "group", "thing"]
NAME_KINDS: tuple[ValueKind, ...] = ("person", "org", "place", "group", "thing")
# Two exact figures within this relative distance are the same figure written differently
# ("21.4 thousand" and "21,400", up to the float error of the conversion): an exact figure is
# exact ("83,993" and "83,939" fans, "6.25m" and "6.26 metres" disagree).
SAME_FIGURE = 1e-9
# A figure written with a magnitude word or decimals ("$69bn", "3.2 million", "51.3%")
# stands for any within this share of its last digit either way (less than a half, so that
# "3.2 million" and "3.3 million" disagree), and no more than MOST_ROUNDED of itself ("£3m"
# is not £2.7m).
ROUNDED = 0.4
MOST_ROUNDED = 0.02
# Two figures of one measure written in different units ("3 miles" and "4.8km", "6,000ft"
# and "1,800 metres") agree within this relative distance: a conversion is rounded.
CONVERTED_FIGURE = 0.03
# A share written as a fraction ("a third", "one in five") stands for this relative distance
# either way ("a third" is 31.3% to 35.3%).
FRACTION_SHARE = 0.06
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
    if a.kind == "clock":
        return any(_overlap(a, _shifted(b, days * _DAY_MINUTES)) for days in (-1, 0, 1))
    if a.kind == "number":
        if not _same_measure(a.unit, b.unit) or a.low is None or b.low is None:
            return None
        slack = _slack(a, b)
        if (bound := _bound(a)) is not None and bound == _bound(b):
            # Two bounds the same way agree only on the bound: "more than 300" and "more
            # than 450", "up to 22 hours" and "up to 26 hours" say different things.
            first, second = (a.low, b.low) if bound == "lower" else (a.high, b.high)
            assert first is not None and second is not None
            return abs(first - second) <= slack * max(abs(first), abs(second), 1e-9)
        return _overlap(a, b, slack)
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


def _slack(a: Value, b: Value) -> float:
    """How far apart two figures of one measure may be and still agree, as a share of the
    larger: CONVERTED_FIGURE for physical measures written in different units ("3 miles"
    and "4.8km"), else SAME_FIGURE."""
    if a.unit in _PHYSICAL_UNITS and _written_in(a.norm) != _written_in(b.norm):
        return CONVERTED_FIGURE
    return SAME_FIGURE


# The SI units physical measures are compared in (temperatures are widened when converted,
# ``_temperature``, and a sum of money converts exactly).
_PHYSICAL_UNITS = frozenset({"m", "m ** 2", "m ** 3", "kg", "s", "m / s"})
# A change in a rate, as markets write it: "half a percentage point", "25 basis points".
_POINTS = {
    ("percentage", "point"): 1.0,
    ("percentage", "points"): 1.0,
    ("basis", "point"): 0.01,
    ("basis", "points"): 0.01,
}
# Unit words that are also ordinary words (so no units after a space), read as units when
# joined to their figure: "2in", "24h", "18min".
_JOINED_UNITS = {
    "in": "inch",
    "h": "hour",
    "hr": "hour",
    "hrs": "hour",
    "min": "minute",
    "mins": "minute",
    "sec": "second",
    "secs": "second",
}


def _written_in(norm: str) -> float | None:
    """The factor to SI of the unit a figure was written in, from its ``norm`` ("3 miles"
    -> 1609.344, "5.2 m" and "5.2 metres" -> 1.0)."""
    unit = _pint_unit(_NUMBER_IN_NORM.split(norm)[-1].strip().split(" ")[-1])
    return unit[1] if unit is not None else None


def _bound(value: Value) -> str | None:
    """Which way a figure is bounded, if one way only: "lower" ("more than 300"), "upper"
    ("up to 40", "under 30"), else None."""
    assert value.low is not None and value.high is not None
    if math.isinf(value.high) and math.isfinite(value.low):
        return "lower"
    if value.low in (0.0, -math.inf) and 0 < value.high < math.inf:
        return "upper"
    return None


def _partial_dates(a: Value, b: Value) -> bool | None:
    """Compare dates when one or both are partial: a weekday ("monday"), a day or month
    without year ("--09-06", "--06"). A full date is read as the partial form of the other."""
    if a.low is not None:
        a, b = b, a  # ``a`` is partial
    if b.low is None:
        return a.norm == b.norm if _form(a.norm) == _form(b.norm) else None
    assert b.high is not None
    first, days = int(b.low), int(b.high) - int(b.low) + 1
    if days > 366:
        return True  # a period of years holds every day and month of one
    # A period holds the partial date if one of its days is it: "last week" holds "Tuesday"
    # but not "2 April" when it ran from 8 to 14 April.
    return any(_is_partial(a.norm, dt.date.fromordinal(first + n)) for n in range(days))


def _is_partial(norm: str, day: dt.date) -> bool:
    """Whether ``day`` is the partial date ``norm`` ("monday", "--09-06", "--06")."""
    if _form(norm) == "weekday":
        return norm == lang.WEEKDAYS[day.weekday()].lower()
    if _form(norm) == "month-day":
        return norm == f"--{day.month:02d}-{day.day:02d}"
    return norm == f"--{day.month:02d}"


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


_CURRENCY_CODES = frozenset(lang.CURRENCIES.values())


def is_money(unit: str | None) -> bool:
    """Whether a figure's unit is a currency, or a currency per period ("USD per year")."""
    return (unit or "").split(" per ")[0] in _CURRENCY_CODES


def _shifted(value: Value, by: float) -> Value:
    assert value.low is not None and value.high is not None
    return dataclasses.replace(value, low=value.low + by, high=value.high + by)


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
# Time counted back from the article's date in figures and years or longer ("3,000 years
# ago", "4 centuries ago"); from this many years back (set by hand), too rough a date to
# compare by days. Counts in words ("two centuries ago") are left to dateparser.
_LONG_AGO = re.compile(
    rf"\b(\d{{1,3}}(?:,\d{{3}})+|\d+)\s+({'|'.join(lang.YEARS_IN_UNIT)})\s+ago\b"
)
_LONG_AGO_YEARS = 100


def _years_ago(text: str) -> int:
    """How many years back a phrase counts in figures ("3,000 years ago": 3000), or 0."""
    ago = _LONG_AGO.search(text)
    return int(ago.group(1).replace(",", "")) * lang.YEARS_IN_UNIT[ago.group(2)] if ago else 0


# Years from one to another: "from 1974 to 1979", "between 1990 and 1995", "2003-04" (the
# tagger calls each one date; dateparser reads none of them); not "1974 and 1979", two years.
_YEAR_SPAN = re.compile(
    rf"(?:between {YEAR}\s*and|(?:from )?{YEAR}\s*(?:-|to|until|through))\s*(\d{{4}}|\d{{2}})"
)
# A year, month, week, named month or season counted from the article's date: "last year",
# "earlier this month", "next week", "last June", "this summer".
_CALENDAR_RELATIVE = re.compile(
    rf"^(?:(earlier|later) (?=this ))?(last|this|next) "
    rf"(year|month|week|{'|'.join(m.lower() for m in lang.MONTHS)}|{'|'.join(lang.SEASONS)})"
    r"(?:'s)?$"
)
_SHIFT = {"last": -1, "this": 0, "next": 1}
# A part of the article's own day: "this afternoon", "this morning", "earlier today" (the
# tagger calls them times; "today" and "tonight" dateparser reads). A part word before it
# ("late this afternoon") is read by _PART.
SAME_DAY = re.compile(r"(?:this (?:morning|afternoon|evening)|(?:earlier|later) today)")
# A weekday alone, or with a part of the day: the day it names within the week up to the
# article's date, that day included ("on Wednesday" in Wednesday's paper is that day).
_BARE_WEEKDAY = re.compile(
    rf"(?:(?:on|by|until|till|since) )?({'|'.join(d.lower() for d in lang.WEEKDAYS)})"
    r"(?: (?:morning|afternoon|evening|night))?"
)


# A time of day: "9:20 p.m.", "9.20pm", "11 p.m.", "21:20", "02:10" (not "3:10 hours");
# "noon", "midnight". Also what a "what time" question takes as its answer's kind
# (rag.questions.has_answer_type, through rag.questions._times_of_day).
CLOCK = re.compile(
    r"(?<![\d:.])(\d{1,2})(?:[:.](\d{2}))?\s*([ap])\.?\s?m\b\.?"
    r"|(?<![\d:.])(\d{1,2}):(\d{2})(?![\d:])(?!\s*(?:hours?|hrs?|minutes?|mins?)\b)"
    r"|\b(noon|midday|midnight)\b"
)


# The first end of a range of times that leaves out its "a.m." or "p.m.": "9-10 p.m.",
# "between 9 and 10 p.m.", "9 to 10pm".
_CLOCK_RANGE = re.compile(
    r"\b\d{1,2}(?:[:.]\d{2})?\s*(?:-|–|to|and)\s*\d{1,2}(?:[:.]\d{2})?\s*[ap]\.?\s?m\b"
)
# Minutes in a day: times of day compare around midnight ("just before midnight", "11:50 p.m.").
_DAY_MINUTES = 1440


def parse_clock(text: str) -> Value | None:
    """A time of day as a span of minutes after midnight, widened by a qualifier before it
    (``lang.CLOCK_QUALIFIERS``), or None: "9:20 p.m." and "21:20" are one time; "shortly
    after 11 p.m." is 23:00 to 23:30.

    >>> parse_clock("9:20 p.m.").norm, parse_clock("shortly after 11 p.m.").low
    ('21:20', 1380.0)
    """
    lowered = " ".join(text.lower().split())
    match = CLOCK.search(lowered)
    if match is None or CLOCK.search(lowered, match.end()) or _CLOCK_RANGE.search(lowered):
        return None  # no time, or a range ("from 10 a.m. to 6 p.m.", "between 9 and 10 p.m.")
    hour_12, minute_12, half, hour_24, minute_24, word = match.groups()
    if word is not None:
        hour, minute = (0, 0) if word == "midnight" else (12, 0)
    elif hour_12 is not None:
        if not 1 <= int(hour_12) <= 12:
            return None
        hour, minute = int(hour_12) % 12 + (12 if half == "p" else 0), int(minute_12 or 0)
    else:
        hour, minute = int(hour_24), int(minute_24)
    if hour > 23 or minute > 59:
        return None
    at = hour * 60 + minute
    qualifier = _ending_phrase(lowered[: match.start()], lang.CLOCK_QUALIFIERS)
    early, late = lang.CLOCK_QUALIFIERS.get(qualifier, (0, 0))
    norm = f"{qualifier} {hour:02d}:{minute:02d}".strip()
    return Value("clock", 0, len(text), norm, float(at + early), float(at + late))


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
    if (relative := _CALENDAR_RELATIVE.fullmatch(text)) is not None:
        return _calendar_relative(relative, base) if base is not None else None
    if SAME_DAY.fullmatch(text):
        return _days(base, base, base.isoformat()) if base is not None else None
    if not _ANCHORED.search(text):
        return None  # a duration ("two years") or vague ("the past decade")
    if _years_ago(text) >= _LONG_AGO_YEARS:
        return None  # "about 3,000 years ago": no day to compare (dateparser reads "3 years")
    if _RELATIVE.search(text) and base is None and not _HAS_YEAR.search(text):
        weekday = next((d for d in lang.WEEKDAYS if d.lower() in text), None)
        return (None, None, weekday.lower()) if weekday else None
    if base is not None and (bare := _BARE_WEEKDAY.fullmatch(text)):
        apart = (base.weekday() - lang.WEEKDAYS.index(bare.group(1).title())) % 7
        day = base + dt.timedelta(days=-apart % 7) if ahead else base - dt.timedelta(days=apart)
        return _days(day, day, day.isoformat())
    return _dateparser(text, base)


def _calendar_relative(found: re.Match[str], base: dt.date) -> Period:
    """The period a :data:`_CALENDAR_RELATIVE` phrase names, counted from ``base``: "last
    year" is the calendar year before, "last June" the latest June over by then, "next
    summer" the first to start after it; "earlier this month" runs to ``base``, "later this
    year" from it."""
    side, which, unit = found.groups()
    shift = _SHIFT[which]
    if unit == "year":
        first, last = dt.date(base.year + shift, 1, 1), dt.date(base.year + shift, 12, 31)
    elif unit == "month":
        year, month = divmod(base.year * 12 + base.month - 1 + shift, 12)
        first, last = dt.date(year, month + 1, 1), month_end(year, month + 1)
    elif unit == "week":
        first = base - dt.timedelta(days=base.weekday() - 7 * shift)
        last = first + dt.timedelta(days=6)
    else:  # a month's or a season's name, in the years around the article's
        month = lang.MONTHS.index(unit.title()) + 1 if unit not in lang.SEASONS else 0
        months = lang.SEASONS[unit] if unit in lang.SEASONS else (month, month)
        spans = [_months_of(year, *months) for year in range(base.year - 2, base.year + 2)]
        if which == "last":
            first, last = max(span for span in spans if span[1] < base)
        elif which == "next":
            first, last = min(span for span in spans if span[0] > base)
        else:  # the one under way, else the one of the article's year
            first, last = next(
                (span for span in spans if span[0] <= base <= span[1]),
                next(span for span in spans if span[0].year == base.year),
            )
    if side == "earlier":
        last = min(last, base)
    elif side == "later":
        first = max(first, base)
    if side is not None or unit == "week":
        norm = f"{first.isoformat()}/{last.isoformat()}"
    elif unit == "year":
        norm = f"{first.year}"
    elif unit in lang.SEASONS:
        norm = f"{unit} {first.year}"
    else:
        norm = f"{first.year}-{first.month:02d}"
    return _days(first, last, norm)


def _months_of(year: int, first_month: int, last_month: int) -> tuple[dt.date, dt.date]:
    """The first and last day of the months ``first_month`` to ``last_month`` from ``year``
    (a month past 12 is in the year after: winter is 12 to 14)."""
    end_year, end_month = year + (last_month - 1) // 12, (last_month - 1) % 12 + 1
    return dt.date(year, first_month, 1), month_end(end_year, end_month)


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

# Not after a letter or a hyphen after one: "A350-1000", "Covid-19", "F-35" are names.
_FIGURE = re.compile(r"(?<![\w.])(?<!\w-)(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(?![\d])")
_CURRENCY_SIGNS = "$€£¥₹"
_WORD = re.compile(r"[a-z]+(?:-[a-z]+)?|[$€£¥₹%]")
_UNIT_END = re.compile(r"[\d,;:()]")
# The words joining the two ends of a range: "between 20 and 30", "20 to 30 million people";
# or a dash between two figures ("20-30 people", "30-35C"), not after one ("2003-04-05").
_RANGE = re.compile(r"\d\S*(?:\s+[a-z]+)?(\s+(and|to)\s+)[$€£¥₹]?\d")
_DASH_RANGE = re.compile(r"(?<![\w.,-])\d[\d,.]*(\s*([-–])\s*)[$€£¥₹]?\d(?![\d,.]*[-–]\d)")
# A time of day is no figure: "18:00", "9pm", "9.30 a.m.".
_CLOCK_TIME = re.compile(r"\d{1,2}(?:[:.]\d{2})?\s*[ap]\.?m\b\.?|\d{1,2}:\d{2}(?!\d)")
# Speeds written in one word or with a slash, as pint reads them: "160km/h", "kmh".
_SPEED = re.compile(r"(?<![a-z])(?:km/h|kmh|kph|km per hour)(?![a-z])")
_NAUTICAL = re.compile(r"(?<![a-z])nautical miles?(?![a-z])")
# "forty-eight", "twenty five": one figure.
_TENS_AND_UNITS = re.compile(
    r"(?<![a-z])(twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)[- ]"
    r"(one|two|three|four|five|six|seven|eight|nine)(?![a-z])"
)
# "a quarter of a million", "three quarters of an hour": that fraction of it.
_FRACTION_OF = re.compile(
    rf"(?<![a-z])(an?|one|two|three|four)[\s-]+({'|'.join(lang.FRACTION_DENOMINATORS)})"
    r"\s+of\s+an?\s+([a-z]+)(?![a-z])"
)
_OF_A_MEASURE = re.compile(r"\s*(?:of\s+)?an?\s")
_ARTICLE = re.compile(r"^\s*an?\s+", re.I)
# "half a billion", "half an hour": a half of what follows.
_HALF_A = re.compile(r"(?<![a-z])half an? (?=[a-z])")
# "a year and a half", "an hour and a half".
_ONE_AND_A_HALF = re.compile(r"(?<![a-z])an? ([a-z]+) and a half(?![a-z])")
# "a" or "an" before a magnitude or a unit counts one: "a million miles", "a fortnight".
_ONE = re.compile(r"(?<![a-z])an? ([a-z]+)(?![a-z])")
# Shares written as fractions: "a third", "three-quarters", "half of", "one in five".
# Not "a quarter of an hour", "a third of a mile": a fraction of a measure, no share.
_FRACTION_SHARE = re.compile(
    rf"(?<![a-z])(?:(?:(an?|one|two|three|four|five|seven|nine)[\s-]+)"
    rf"({'|'.join(lang.FRACTION_DENOMINATORS)})|(half))(?![a-z])(?:\s+of\b(?!\s+an?\s)|\s*$)"
)
# "one in five", "3 out of 10": not "5 in 2023", a figure in a year.
_ONE_IN = re.compile(
    r"(?<![\w.])(\d{1,3}|one|two|three|four|five|six|seven|eight|nine)\s+(?:in|out of)\s+"
    r"(\d{1,3}(?:,\d{3})?|three|"
    r"four|five|six|seven|eight|nine|ten|twenty|hundred)(?![\w,.]?\d)(?!\w)"
)
# A figure in a second unit right after the first unit: "(6ft) 4in", "(3 hours) 20 minutes".
_SECOND_FIGURE = re.compile(r"^\s*[a-z]+\.?,?\s*(?:and\s+)?(\d+(?:\.\d+)?)(\s*)([a-z]+)(?![a-z])")
# What follows a whole figure to make it a fraction more: "and a half", "-and-a-quarter", "½".
_FRACTION_AFTER = re.compile(r"(?:\s*-?\s*and[- ]a[- ](half|quarter)(?![a-z])|([½¼¾]))")
# A degree sign or a scale letter joined to a figure ("45°C", "113F", "45 °C"), spelled out
# as words so that a temperature reads like "45 degrees c".
_DEGREES = re.compile(r"^\s*(?:°\s*([cf])|([cf])|°)(?![a-z0-9-])")
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


def parse_number(text: str, after: str = "", rounded: bool = True) -> Value | None:
    """A figure with its magnitude, qualifier and unit: ``text`` is the figure as written
    ("more than 21,000", "$3.2bn", "180 mm", "45%"), ``after`` the words that follow it, which
    may name what it counts or measures ("patients", "km"). Dimensional units are converted
    to SI; currencies to ISO codes; other words after a figure count things. With
    ``rounded``, a figure written with a magnitude word stands for those it rounds
    (:data:`ROUNDED`: "$3.2bn" is $3.16bn to $3.24bn); the ends of a range do not.

    >>> v = parse_number("$3.2bn"); (v.low, v.high, v.unit)
    (3160000000.0, 3240000000.0, 'USD')
    >>> v = parse_number("more than 21,000", "fans attended"); (v.low, v.high, v.unit)
    (21000.0, inf, 'count:fan')
    >>> parse_number("11", "km long").unit, round(parse_number("7", "miles").low)
    ('m', 11265)
    """
    lowered = _as_figures(text.lower().replace("’", "'"))
    if (share := _share(lowered, after.lower())) is not None:
        return dataclasses.replace(share, end=len(text))
    if lowered.endswith("half"):
        after = _ARTICLE.sub("", after)  # "half" before "a percentage point", "a billion"
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
    dashed = _DASH_RANGE.search(lowered)
    if dashed is not None:
        spanned = _range(text, dashed, after)
        if spanned is not None:
            return spanned
    figure = _FIGURE.search(lowered)
    last_digit: float | None = None  # what the figure's last written digit counts
    if figure is not None:
        if _CLOCK_TIME.match(lowered, figure.start()):
            return None
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
    if (fraction := _fraction(rest, after)) is not None:
        part, rest, after = fraction
        value, last_digit = value + part, part
    glued = rest[:1].isalpha()  # "60k", "5.2m": a letter right after the figure
    # What follows a figure names its unit only up to the next figure or clause: in "3,046,
    # 1,085 households" the households are the second figure's.
    after = _unit_names(_UNIT_END.split(after.lower(), maxsplit=1)[0])
    rest, after = _spell_degrees(rest), _spell_degrees(after)
    words = _WORD.findall(rest) + _WORD.findall(after)[:4]
    if (temperature := _temperature_scale(words)) is not None:
        negative = before.rstrip().endswith("minus") or before.endswith(("-", "−"))
        return _temperature(text, -value if negative else value, before, last_digit, temperature)
    money = _currency(before) is not None
    magnitude, words = _magnitude(words, money=money, joined=glued)
    value *= magnitude
    qualifier, (low_factor, high_factor) = _qualifier(before)
    unit, scale, shown_unit = _unit(before, words, joined=glued)
    if glued and unit is None and magnitude == 1:
        return None  # letters joined to a figure that are no unit name a thing: "5G", "3D"
    per = _per(words, unit_word=unit is not None and not money) or (
        _money_period(words) if money else None
    )
    if unit is not None and per is not None:
        # A rate ("1,485.7 inhabitants per square mile", "$15 per hour") measures something
        # else than its unit alone: it compares only with the same rate.
        unit, shown_unit = f"{unit} per {per}", f"{shown_unit} per {per}"
    if unit is not None and per is None and (smaller := _smaller_unit(unit, scale, rest, after)):
        # "6ft 4in": the second figure in a smaller unit of the same measure adds to it.
        figure_and_unit, extra = smaller
        norm = f"{qualifier} {_figure_text(value)} {shown_unit} {figure_and_unit}".strip()
        value += extra / scale
    else:
        norm = f"{qualifier} {_figure_text(value)} {shown_unit}".strip()
    value *= scale
    low, high = value * low_factor, value * high_factor
    if last_digit is not None and low_factor > 0 and math.isfinite(high) and qualifier:
        # "about" allows no more than a unit of the last digit written: "about 49 degrees"
        # is not 46, though "about 50,000" is 46,000 (not a bound: "up to 40" holds 20)
        unit_of_digit = last_digit * magnitude * scale
        low, high = max(low, value - unit_of_digit), min(high, value + unit_of_digit)
    elif rounded and last_digit is not None and (magnitude > 1 or last_digit < 1) and low == high:
        # "$69bn" is rounded to a billion, as "$68.7bn" to a tenth of one, and "51.3%" to a
        # tenth of a point: each agrees with what rounds to it. Less than half a digit either
        # way, so that "3.2 million" and "3.3 million" do not. A whole figure is exact.
        rounding = min(ROUNDED * last_digit * magnitude * scale, MOST_ROUNDED * abs(value))
        low, high = value - rounding, value + rounding
    return Value("number", 0, len(text), norm, low, high, unit)


def _as_figures(lowered: str) -> str:
    """``lowered`` with what stands for a figure in words written as one: "half a billion"
    as "0.5 billion", "a year and a half" as "1.5 year", "a million" or "a fortnight" as
    "1 million", "1 fortnight" (only when no figure is written: "$500 a month" is a rate),
    and speeds as pint names them ("kph")."""
    lowered = _unit_names(lowered)
    lowered = _TENS_AND_UNITS.sub(
        lambda m: str(lang.NUMBER_WORDS[m.group(1)] + lang.NUMBER_WORDS[m.group(2)]), lowered
    )
    lowered = _FRACTION_OF.sub(_fraction_of, lowered)
    lowered = _HALF_A.sub("0.5 ", lowered)
    lowered = _ONE_AND_A_HALF.sub(r"1.5 \1", lowered)
    if _FIGURE.search(lowered) is None:
        lowered = _ONE.sub(
            lambda m: (
                f"1 {m.group(1)}"
                if m.group(1) in lang.MAGNITUDES
                or (m.group(1) not in lang.FRACTION_DENOMINATORS and _si_unit(m.group(1)))
                else m.group()
            ),
            lowered,
            count=1,
        )
    return lowered


def _unit_names(text: str) -> str:
    """``text`` with speeds and nautical miles named as pint names them ("kph", "nmi")."""
    return _NAUTICAL.sub("nmi", _SPEED.sub("kph", text))


def _fraction_of(found: re.Match[str]) -> str:
    """A :data:`_FRACTION_OF` phrase as a figure before its magnitude or unit ("0.25
    million"), or as written when what it is a fraction of is neither."""
    numerator, denominator, whole = found.groups()
    if whole not in lang.MAGNITUDES and _si_unit(whole) is None:
        return found.group()
    share = lang.NUMBER_WORDS.get(numerator, 1) / lang.FRACTION_DENOMINATORS[denominator]
    return f"{share:g} {whole}"


def _share(lowered: str, after: str = "") -> Value | None:
    """A share written as a fraction, in percent: "a third (of voters)" 33.3%,
    "three-quarters" 75%, "(just over) half of" 50%, "one in five" 20%; each within
    FRACTION_SHARE of it, as such shares round a figure, or as its qualifier bounds it."""
    numerator: float
    denominator: float
    if _FRACTION_AFTER.search(lowered) or _OF_A_MEASURE.match(after):
        # "two and a half", "2½": a figure and a fraction more; "half (a percentage
        # point)", "a quarter (of a million)": a fraction of a measure. No share.
        return None
    if found := _FRACTION_SHARE.search(lowered):
        numerator = lang.NUMBER_WORDS.get(found.group(1) or "one", 1)
        denominator = lang.FRACTION_DENOMINATORS[found.group(2) or found.group(3)]
    elif found := _ONE_IN.search(lowered):
        numerator, denominator = (
            float(part.replace(",", "")) if part[0].isdigit() else lang.NUMBER_WORDS[part]
            for part in found.groups()
        )
    else:
        return None
    if not 0 < numerator < denominator:
        return None
    share = 100 * numerator / denominator
    qualifier, (low_factor, high_factor) = _qualifier(lowered[: found.start()])
    if not qualifier:
        low_factor, high_factor = 1 - FRACTION_SHARE, 1 + FRACTION_SHARE
    norm = f"{qualifier} {share:.3g} %".strip()
    return Value(
        "number", 0, len(lowered), norm, share * low_factor, min(share * high_factor, 100.0), "%"
    )


def _fraction(rest: str, after: str) -> tuple[float, str, str] | None:
    """The fraction written right after a whole figure ("and a half", "½"), in what follows
    it in the figure's text (``rest``) or, when nothing does, in the words ``after`` it;
    with both, what is left of them."""
    if fraction := _FRACTION_AFTER.match(rest):
        rest = rest[fraction.end() :]
    elif not rest.strip() and (fraction := _FRACTION_AFTER.match(after)):
        after = after[fraction.end() :]
    else:
        return None
    return lang.FRACTIONS[fraction.group(1) or fraction.group(2)], rest, after


def _smaller_unit(unit: str, scale: float, rest: str, after: str) -> tuple[str, float] | None:
    """The figure in a smaller unit of the same measure that follows a figure's unit ("4in"
    of "6ft 4in"), as written and in the base unit; None when none does."""
    found = _SECOND_FIGURE.match(f"{rest} {after}")
    if found is None:
        return None
    figure, space, word = found.groups()
    # Joined to its figure, a word that is also an ordinary one is a unit ("4in", "18min").
    smaller = _si_unit(word) if space else _pint_unit(word)
    if smaller is None or smaller[0] != unit or not smaller[1] < scale:
        return None
    return f"{figure} {word}", float(figure) * smaller[1]


def _spell_degrees(text: str) -> str:
    """``text`` (what follows a figure) with a degree sign or a joined scale letter spelled
    as "degrees c" ("°C in Seville" -> " degrees c in Seville")."""
    return _DEGREES.sub(lambda m: f" degrees {m.group(1) or m.group(2) or ''}", text, count=1)


def _temperature_scale(words: list[str]) -> str | None:
    """The scale, C or F, when the words after a figure make it a temperature ("degrees c",
    "degrees fahrenheit"); "degrees" alone may be an angle and stays a count."""
    if len(words) >= 2 and words[0] in ("degree", "degrees"):
        return lang.TEMPERATURE_SCALES.get(words[1])
    return None


def _temperature(
    text: str, value: float, before: str, last_digit: float | None, scale: str
) -> Value:
    """A temperature in degrees Celsius (unit "°C"). Qualifiers move it by a unit of its last
    digit ("about 45C" is 44 to 46) or bound it ("more than 40C"), never by a share, since
    the scale has no zero of its own; a Fahrenheit reading is converted, widened by half a
    degree Fahrenheit, as a conversion is rounded ("38C (100F)")."""
    qualifier, (low_factor, high_factor) = _qualifier(before)
    digit = min(last_digit or 1.0, 1.0)  # "100F" is a degree's precision, not a hundred's
    low = -math.inf if low_factor == 0 else value - (digit if low_factor < 1 else 0.0)
    high = math.inf if math.isinf(high_factor) else value + (digit if high_factor > 1 else 0.0)
    if scale == "F":
        low, high = (low - 32 - digit / 2) * 5 / 9, (high - 32 + digit / 2) * 5 / 9
    norm = f"{qualifier} {_figure_text(value)} °{scale}".strip()
    return Value("number", 0, len(text), norm, low, high, "°C")


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
    return joiner != "to" or lang.CHANGE_WORDS.isdisjoint(before)


def _range(text: str, joined: re.Match[str], after: str) -> Value | None:
    """The range in ``text`` from the figure before the words ``joined`` found (a
    :data:`_RANGE` match in ``text`` lowered, of the same length) to the figure after them
    ("between 20 and 30", "$2 to $3 million"); the first end has the second's magnitude
    and unit when it states none of its own. None when the two measure different things,
    when the first is the larger, or when "to" joins two bare figures (a score, a vote,
    odds: "3 to 1", "45 to 55")."""
    first, rest = text[: joined.start(1)], text[joined.end(1) :]
    sign = first.lstrip()[:1]
    if sign in _CURRENCY_SIGNS and not rest.startswith(sign):
        rest = sign + rest  # "$2-3 billion", "$2 to 3 billion"
    high = parse_number(rest, after, rounded=False)
    own = _AFTER_FIGURE.search(first)
    alone = own is not None and not own.group().strip()  # "20" of "20 to 30 million"
    tail = _AFTER_FIGURE.search(rest)
    low = parse_number(
        first + (tail.group() if alone and tail is not None else ""), after, rounded=False
    )
    if low is None or high is None or low.unit != high.unit:
        return None
    if high.unit is None and joined.group(2) != "and":
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


def _money_period(words: list[str]) -> str | None:
    """What a sum of money is per when a period follows it without "per": "a year", "each
    month", "every week", "annually" (``lang.MONEY_PERIODS``); not "a year earlier"."""
    if words and words[0] in lang.MONEY_PERIODS:
        return lang.MONEY_PERIODS[words[0]]
    if (
        len(words) > 1
        and words[0] in ("a", "an", "each", "every")
        and (period := _singular(words[1])) in lang.PERIOD_WORDS
        and (len(words) < 3 or words[2] not in lang.NOT_PER_PERIOD)
    ):
        return period
    return None


def _magnitude(words: list[str], money: bool, joined: bool) -> tuple[float, list[str]]:
    """The magnitude word after a figure; a one-letter one ("$3m", "$2b") only after a
    currency sign, or joined to the figure: "60k", and "5.2m" before a plural noun ("5.2m
    residents", "3m tonnes"), since "a 5m wall" is five metres."""
    if not words or words[0] not in lang.MAGNITUDES:
        return 1.0, words
    one_letter = len(words[0]) == 1
    if not one_letter or money or (joined and words[0] == "k"):
        return lang.MAGNITUDES[words[0]], words[1:]
    if joined and words[0] == "m" and len(words) > 1 and _plural_noun(words[1]):
        return lang.MAGNITUDES["m"], words[1:]
    return 1.0, words


def _plural_noun(word: str) -> bool:
    return word in lang.PLURALS_WITHOUT_S or (
        word.isalpha()
        and _singular(word) != word
        and word not in lang.NOT_NAMES
        and word not in lang.MAGNITUDES
    )


def _currency(before: str) -> str | None:
    """The currency a sign or word just before a figure names ("$", "A$", "Rs", "euros"),
    or None."""
    for word in before.split()[-2:] + ([before[-1:]] if before[-1:] in "$€£¥₹" else []):
        if word in lang.CURRENCIES:
            return lang.CURRENCIES[word]
    return None


def _qualifier(before: str) -> tuple[str, tuple[float, float]]:
    """The qualifier that ends ``before`` ("more than"), and its bounds as factors."""
    phrase = _ending_phrase(re.sub(r"[$€£¥₹]", " ", before), lang.APPROXIMATE)
    return phrase, lang.APPROXIMATE.get(phrase, (1.0, 1.0))


def _ending_phrase(text: str, phrases: Iterable[str]) -> str:
    """The longest of ``phrases`` that ends ``text`` as whole words, or ""."""
    text = " ".join(text.split())
    for phrase in sorted(phrases, key=len, reverse=True):
        if text == phrase or text.endswith(" " + phrase):
            return phrase
    return ""


def _unit(before: str, words: list[str], joined: bool = False) -> tuple[str | None, float, str]:
    """(unit, scale to it, unit as shown) from the currency sign before a figure or the
    first word after it; "m", when no magnitude, is metres joined to the figure ("5.2m
    high"), and apart from it only before a word that says how long or where ("some 400 m
    underground", "a wall 3 m high": :data:`rag.language.AFTER_A_LENGTH`; not "2.1 m in
    March", "8 m in damages", where it is millions)."""
    currency = _currency(before)
    if currency is not None:
        return currency, 1.0, currency
    if not words:
        return None, 1.0, ""
    first = words[0].split("-")[-1] if "-" in words[0] else words[0]
    following = words[1] if len(words) > 1 else ""
    if first == "m" and (joined or following in lang.AFTER_A_LENGTH):
        return "m", 1.0, "m"
    if first in lang.HUNDREDTHS and (joined or first != "p"):
        return lang.HUNDREDTHS[first], 0.01, first  # "185p", "92 pence"
    if (first, following) in _POINTS:
        return "percentage point", _POINTS[first, following], f"{first} {following}"
    if first in ("bp", "bps"):
        return "percentage point", 0.01, first
    if joined and first in _JOINED_UNITS:
        unit = _pint_unit(_JOINED_UNITS[first])
        if unit is not None:
            return unit[0], unit[1], first  # "2in", "24h", "18min"
    if first in lang.DOLLAR_COUNTRIES and following in ("dollar", "dollars"):
        code = lang.DOLLAR_COUNTRIES[first]
        return code, 1.0, code
    if first in ("square", "sq", "cubic") and (length := _pint_unit(following)) is not None:
        power = 3 if first == "cubic" else 2  # "square miles", "sq ft", "cubic metres"
        if length[0] == "m":
            return f"m ** {power}", length[1] ** power, f"{first} {following}"
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
    return _pint_unit(word)


@functools.cache
def _pint_unit(word: str) -> tuple[str, float] | None:
    """The SI base unit and factor of any word pint reads as a physical unit."""
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
    if word.endswith(("ches", "shes", "sses", "xes", "zes")):
        return word[:-2]  # "matches", "taxes"
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


def _figure_text(value: float) -> str:
    return f"{value:.0f}" if value == int(value) and abs(value) < 1e15 else f"{value:g}"
