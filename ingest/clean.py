"""Tell an article's content from its page furniture, and read its stated metadata.

Nothing is removed from the text: :func:`clean` returns the *spans* of the original text that
are worth indexing (body paragraphs and headings), so every later offset still points into
the original file. Furniture is what a web page wraps around an article: repeated title
lines, image placeholders and duplicated captions, breadcrumbs and menus, the date line,
donation and newsletter appeals, correction notices, "Related Posts" and what follows it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

BlockKind = Literal["body", "heading"]

_MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december|"
    "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
_MONTH_NUMBER = {
    name: i
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_WEEKDAY = (
    r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|wed|thu|fri|sat|sun)"
)
_DATE_LINE = re.compile(
    rf"^(?:(?:published|updated|posted|date)\s*:?\s*)?(?:{_WEEKDAY}\.?,?\s+)?"
    rf"(?:(?P<m1>{_MONTHS})\.?\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y1>\d{{4}})"
    rf"|(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m2>{_MONTHS})\.?,?\s+(?P<y2>\d{{4}})"
    rf"|(?P<y3>\d{{4}})-(?P<m3>\d{{2}})-(?P<d3>\d{{2}}))"
    r"(?:[,\s]+\d{1,2}:\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*[A-Z]{2,4})?)?\s*$",
    re.IGNORECASE,
)
_BREADCRUMB = re.compile(r"\S\s+(?:>|»|›)\s+\S.*\s+(?:>|»|›)\s+\S")
_BULLET = re.compile(r"^[•·▪►]\s*")
_BOILERPLATE = re.compile(
    r"become a patron|donat(?:e|ion)|support (?:us|our)|support of readers|subscribe|"
    r"newsletter|ad ?blocker|cookies? (?:policy|settings)|all rights reserved|"
    r"suggest a correction|ctrl \+ enter|leave your suggestions|sign up for|follow us on|"
    r"share this (?:article|story)|click here|write to us here|"
    r"we are an independent media outlet",
    re.IGNORECASE,
)
# Lines a web page leaves where an image, video or advert was ("PostImage", "image").
_PLACEHOLDER = re.compile(
    r"^(?:post)?(?:image|img|photo|picture|video|advert(?:isement)?|ad|gallery|graphic|"
    r"embed|thumbnail)s?$",
    re.IGNORECASE,
)
_TAIL_MARKER = re.compile(
    r"^(?:related (?:posts|articles|stories|news)|you may also like|more stories|"
    r"recommended(?: for you)?|read next|comments|leave a (?:comment|reply))\s*:?$",
    re.IGNORECASE,
)
_MEDIA_WORDS = (
    "press|news|times|post|herald|journal|media|agency|tribune|gazette|daily|telegraph|"
    "guardian|review|wire|network|tv|radio|insider|today|observer|express|independent|"
    "chronicle|standard|monitor|reporter"
)
_PUBLISHER_LABEL = re.compile(r"^(?:publisher|source|published by)\s*:\s*(?P<name>.+)$", re.I)
_PUBLISHER_COPYRIGHT = re.compile(r"^(?:©|\(c\)|copyright)\s*(?:\d{4}\s*)?(?P<name>[^.|]+)", re.I)
_PUBLISHER_NAME = re.compile(
    rf"^(?P<name>(?:[A-Z][\w'’&.-]*\s+){{0,4}}(?:{_MEDIA_WORDS}))$", re.IGNORECASE
)
# Markers that open a markdown/plain-text line but are not part of its sentence.
_LINE_MARKER = re.compile(r"^(?:#{1,6}\s+|[-*+]\s+|>\s*|\d{1,3}[.)]\s+)")
_TERMINAL = '.!?:;"”’)…'
_MAX_HEADING_WORDS = 16


@dataclass(frozen=True)
class Block:
    """A span of the original text to index: a paragraph (or line) of body text, or a heading."""

    start: int
    end: int
    kind: BlockKind


@dataclass(frozen=True)
class Cleaned:
    """What :func:`clean` finds: the spans to index and the metadata the text states."""

    blocks: tuple[Block, ...]
    title_span: tuple[int, int] | None
    publisher: str | None
    published: str | None  # ISO date


@dataclass(frozen=True)
class _Line:
    start: int  # of the stripped content
    end: int
    text: str


def _lines(text: str) -> list[_Line]:
    """Non-blank lines as stripped spans; blank lines as empty ``_Line``s (paragraph breaks)."""
    out = []
    for match in re.finditer(r"[^\n]*\n?", text):
        raw = match.group()
        if not raw:
            continue
        stripped = raw.strip()
        if not stripped:
            out.append(_Line(match.start(), match.start(), ""))
            continue
        start = match.start() + (len(raw) - len(raw.lstrip()))
        out.append(_Line(start, start + len(stripped), stripped))
    return out


def published_date(line: str) -> str | None:
    """ISO date if ``line`` is nothing but a date (``April 22, 2025``, ``Monday, May 12, 2025``)."""
    m = _DATE_LINE.match(line.strip())
    if not m:
        return None
    if m.group("y3"):
        year, month, day = int(m.group("y3")), int(m.group("m3")), int(m.group("d3"))
    else:
        month_name = (m.group("m1") or m.group("m2")).lower()
        year = int(m.group("y1") or m.group("y2"))
        day = int(m.group("d1") or m.group("d2"))
        month = _MONTH_NUMBER[month_name]
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def publisher_name(line: str) -> str | None:
    """The publisher if ``line`` states one: ``Publisher: X``, ``© 2025 X``, ``X Press``."""
    for pattern in (_PUBLISHER_LABEL, _PUBLISHER_COPYRIGHT, _PUBLISHER_NAME):
        m = pattern.match(line.strip())
        if m:
            name = m.group("name").strip(" .,")
            if name and len(name.split()) <= 6:
                return name
    return None


def _is_heading(line: str) -> bool:
    """A short line without final punctuation that starts in upper case (or a markdown #)."""
    if line.startswith("#"):
        return True
    words = [w for w in line.split() if any(ch.isalnum() for ch in w)]
    return (
        len(words) <= _MAX_HEADING_WORDS
        and line[0].isupper()
        and line[-1] not in _TERMINAL
        and not line.endswith((",", "-"))
    )


def _furniture_reason(line: str, seen: set[str]) -> str | None:
    """Why ``line`` is page furniture, or None if it is content."""
    key = " ".join(line.split()).casefold()
    if key in seen and len(key) > 12:
        return "repeated line"
    if published_date(line):
        return "date line"
    if _BREADCRUMB.search(line) or _BULLET.match(line) and len(line.split()) <= 6:
        return "navigation"
    if _PLACEHOLDER.match(line):
        return "placeholder"
    if _BOILERPLATE.search(line):
        return "boilerplate"
    if publisher_name(line) and len(line.split()) <= 6:
        return "publisher line"
    return None


def clean(text: str) -> Cleaned:
    """Find the indexable blocks of an article and the metadata it states.

    Each non-blank line is a block, except that a line without final punctuation followed
    by one starting in lower case is a soft wrap and joins it. Furniture lines are skipped;
    a tail marker such as "Related Posts" ends the article.
    """
    lines = _lines(text)
    seen: set[str] = set()
    blocks: list[Block] = []
    published = publisher = None
    title_span: tuple[int, int] | None = None
    for i, line in enumerate(lines):
        if not line.text:
            continue
        if _TAIL_MARKER.match(line.text):
            break
        reason = _furniture_reason(line.text, seen)
        seen.add(" ".join(line.text.split()).casefold())
        if reason == "date line" and published is None:
            published = published_date(line.text)
        if reason == "publisher line" and publisher is None:
            publisher = publisher_name(line.text)
        if reason:
            continue
        marker = _LINE_MARKER.match(line.text)
        start = line.start + (marker.end() if marker else 0)
        if start >= line.end:
            continue
        wraps_on = (
            i + 1 < len(lines)
            and lines[i + 1].text[:1].islower()
            and line.text[-1] not in _TERMINAL
        )
        kind: BlockKind = "heading" if _is_heading(line.text) and not wraps_on else "body"
        if title_span is None:
            title_span = (start, line.end)
        previous = blocks[-1] if blocks else None
        if (
            previous is not None
            and previous.kind == "body"
            and kind == "body"
            and lines[i - 1].text  # no blank line between
            and text[previous.end - 1] not in _TERMINAL
            and line.text[0].islower()
        ):
            blocks[-1] = Block(previous.start, line.end, "body")
            continue
        blocks.append(Block(start, line.end, kind))
    return Cleaned(tuple(blocks), title_span, publisher, published)
