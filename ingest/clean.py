"""Tell an article's text from its page furniture, and read the metadata the text states.

Nothing is removed from the text: :func:`clean` returns the *spans* worth indexing (body
paragraphs and headings) and every span it leaves out with the reason (:class:`Dropped`), so
later offsets still point into the text and nothing is lost without a count.

Furniture is told by structure, never by a word inside a sentence:

- metadata lines: front matter (``---`` / ``title: ...`` / ``---``) at the top, a line that is
  only a date, ``Publisher: X`` or ``© 2025 X`` or the publisher's own name, a byline;
- navigation: breadcrumbs (``Home > World > ...``), menus on one line (``News | Sport``), runs
  of short title-case items (``• Top Stories`` / ``• World``), lines that are only links or a
  URL, labelled fields without a sentence (``Photo: Reuters``, ``Tags: ...``);
- lines with no sentence in them: fewer than two words, after the first line and not inside
  a paragraph (``PostImage``, ``image``, ``5:09 AM``);
- a copy of a line earlier in the article (a repeated headline, a duplicated lede);
- a line the article shares with other articles of its site read with it: the site's
  template (donation appeals, newsletter boxes, cookie notices), see :func:`site_lines`;
- the links under a list marker (``Related Posts``, ``Read next``) up to the next long
  sentence, and everything after a tail marker (``Comments``).

A line holding a long sentence (:data:`LONG_SENTENCE_WORDS` words or more, ending in a full
stop) is body text: only its position (a copy, the site's template, after the tail marker)
can leave it out.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations
from typing import Literal

BlockKind = Literal["body", "heading"]
Reason = Literal[
    "front matter",
    "date line",
    "publisher line",
    "byline",
    "navigation",
    "link",
    "labelled field",
    "no sentence",
    "repeated line",
    "site template",
    "related links",
    "after tail marker",
]

LONG_SENTENCE_WORDS = 8
# Two articles sharing at least this share of their lines (Jaccard) are versions of one
# story: the lines they share are their text, not the site's template.
SAME_STORY = 0.5
# A line in at most this many articles of a site is rare: versions of a story share such
# lines, a site's template is in most of its articles.
_RARE_LINE_ARTICLES = 3

# --- Word lists (data: each applies to a whole line or a line's label, never to a word
# inside a sentence) -------------------------------------------------------------------------

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
# Lines after which a page has readers' comments, not this article: the article ends.
TAIL_MARKERS = "comments|leave a comment|leave a reply|join the conversation|reader comments"
# Lines that head a list of links to other articles; such a box may sit inside an article,
# so the article goes on at the next long sentence.
LIST_MARKERS = (
    "related posts|related articles|related stories|related news|related|you may also like|"
    "more stories|more from|recommended|recommended for you|read next|most read|most popular"
)
# Labels of a field that holds no sentence when what follows is short: a photo credit, tags,
# a link to another article, a share bar.
FIELD_LABELS = (
    "photo|photos|image|picture|video|credit|photo credit|caption|tags|topics|filed under|"
    "categories|keywords|share|share this|follow us|read more|read also|see also|also read|"
    "watch|listen|related|source"
)
# "Source: X" is a field, not a publisher: a chart or a quote has a source too.
PUBLISHER_LABELS = "publisher|published by"
# "footer": the first words of the line where the page's footer starts, for a page whose
# footer no tail marker announces; the article ends before that line.
FRONT_MATTER_KEYS = ("title", "publisher", "published", "date", "author", "url", "footer")

# --- Patterns ------------------------------------------------------------------------------

_DATE_LINE = re.compile(
    rf"^(?:(?:published|updated|posted|date)\s*:?\s*)?(?:{_WEEKDAY}\.?,?\s+)?"
    rf"(?:(?P<m1>{_MONTHS})\.?\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y1>\d{{4}})"
    rf"|(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m2>{_MONTHS})\.?,?\s+(?P<y2>\d{{4}})"
    rf"|(?P<y3>\d{{4}})-(?P<m3>\d{{2}})-(?P<d3>\d{{2}}))"
    r"(?:(?:[,\s]+|T)\d{1,2}:\d{2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?(?:\s*(?:[A-Z]{2,4}|Z|[+-]\d{2}:?\d{2}))?)?"
    r"\s*$",
    re.IGNORECASE,
)
_TAIL_MARKER = re.compile(rf"^(?:{TAIL_MARKERS})\s*:?$", re.IGNORECASE)
_LIST_MARKER = re.compile(rf"^(?:{LIST_MARKERS})\s*:?$", re.IGNORECASE)
_FIELD = re.compile(rf"^(?:{FIELD_LABELS})\s*:", re.IGNORECASE)
_EMPHASIS = re.compile(r"\*\*|__|(?<!\w)[*_]|[*_](?!\w)")
_PUBLISHER_LABEL = re.compile(rf"^(?:{PUBLISHER_LABELS})\s*:\s*(?P<name>.+)$", re.IGNORECASE)
_PUBLISHER_COPYRIGHT = re.compile(
    r"^(?:©|\(c\)|copyright\s*(?:©|\(c\)|(?=\d{4})))\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?\s*)?"
    r"(?P<name>[^.|©]+)",
    re.IGNORECASE,
)
# "By Ann Lee", "By Ann Lee and Bo Chen · March 3, 2025", "By Ann Lee, Staff Reporter".
_BYLINE = re.compile(
    r"^By\s+[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|and|&))*,?"
    r"(?:\s*[·|–—]\s*.*|\s+[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*)?$"
)
_NAME_WORD = re.compile(r"^[A-Z][\w.'’-]*$")
# "Home > World > Europe", "Home › Business": prose has no » or ›, and rarely two >.
_BREADCRUMB = re.compile(r"^(?:\S+\s+){0,2}\S+\s+(?:[»›]\s+\S|>\s+\S.*\s+>\s+\S)")
_SEPARATORS = re.compile(r"\s+[|•·/]\s+|\s*[|•·]\s*")
_BULLET = re.compile(r"^[•·▪►◦‣|-]\s*")
_MARKDOWN_ITEM = re.compile(r"^(?:[-*+]|\d{1,3}[.)])\s")
_MARKDOWN_LINK = re.compile(r"!?\[[^\]]*\]\([^)]*\)")
_URL = re.compile(r"(?:https?|file)://\S+|www\.\S+", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_]{2,}|[^\W\d_]\.[^\W\d_]\.?")  # "AM", "U.S." count; "5" does not
_LONG_SENTENCE_END = re.compile(r"[.!?…][\"”’')\]]*$")
_FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\r?\n(?P<body>(?:.*\r?\n)*?)---[ \t]*(?:\r?\n|\Z)")
_FRONT_MATTER_LINE = re.compile(r"^\s*(?P<key>[A-Za-z_]+)\s*:\s*(?P<value>.*?)\s*$")
# Markers that open a markdown/plain-text line but are not part of its sentence.
_LINE_MARKER = re.compile(r"^(?:#{1,6}\s+|[-*+]\s+|>\s*|\d{1,3}[.)]\s+)")
_TERMINAL = '.!?:;"”’)…'
_MAX_HEADING_WORDS = 16
_MAX_MENU_WORDS = 4
_MIN_REPEATED_CHARS = 12


@dataclass(frozen=True)
class Block:
    """A span of the original text to index: a paragraph (or line) of body text, or a heading."""

    start: int
    end: int
    kind: BlockKind


@dataclass(frozen=True)
class Dropped:
    """A span left out of the index, and why."""

    start: int
    end: int
    reason: Reason


@dataclass(frozen=True)
class Cleaned:
    """What :func:`clean` finds: the spans to index, the spans left out, and the metadata the
    text states: its front matter, and the publisher and date its lines state."""

    blocks: tuple[Block, ...]
    dropped: tuple[Dropped, ...]
    title_span: tuple[int, int] | None
    front: Mapping[str, str]  # front matter fields (FRONT_MATTER_KEYS)
    publisher: str | None  # from a "Publisher: X" or "© 2025 X" line
    published: str | None  # ISO date, from a line that is only a date


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


def line_key(line: str) -> str:
    """A line as compared with others: white space collapsed, case folded."""
    return " ".join(line.split()).casefold()


def published_date(line: str) -> str | None:
    """ISO date if ``line`` is nothing but a date (``April 22, 2025``, ``Monday, May 12, 2025``,
    ``Published: 2025-03-14T08:30``)."""
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
    """The publisher if ``line`` states one: ``Publisher: X``, ``Source: X``, ``© 2025 X``.

    A name alone is never taken for a publisher, whatever it ends with ("The Morning Review"
    may as well be a column or a newsletter).
    """
    for pattern in (_PUBLISHER_LABEL, _PUBLISHER_COPYRIGHT):
        m = pattern.match(line.strip())
        if m:
            name = m.group("name").strip(" .,")
            if name and name[0].isupper() and len(name.split()) <= 6:
                return name
    return None


def front_matter(text: str) -> tuple[dict[str, str], int]:
    """The ``key: value`` header between ``---`` lines at the top of ``text`` (keys folded to
    lower case, only :data:`FRONT_MATTER_KEYS`), and where the text after it starts."""
    m = _FRONT_MATTER.match(text)
    if not m:
        return {}, 0
    return fields_of(m.group("body")), m.end()


def fields_of(header: str) -> dict[str, str]:
    """The known ``key: value`` lines of a front-matter body (quotes around values dropped)."""
    found: dict[str, str] = {}
    for line in header.splitlines():
        m = _FRONT_MATTER_LINE.match(line)
        if m and m.group("key").lower() in FRONT_MATTER_KEYS:
            value = m.group("value").strip().strip("\"'").strip()
            if value:
                found.setdefault(m.group("key").lower(), value)
    return found


def site_lines(texts: Sequence[str]) -> frozenset[str]:
    """The lines (:func:`line_key`) that articles of one site share across different
    stories: the site's template around its articles (menus, appeals, footers).

    Articles that share most of their lines (:data:`SAME_STORY`: two versions of one story,
    or two copies of a file) count as one story, so their common text is never a template.
    """
    keys = [{line_key(line.text) for line in _lines(text) if line.text} for text in texts]
    holders: dict[str, list[int]] = defaultdict(list)
    for i, doc_keys in enumerate(keys):
        for key in doc_keys:
            holders[key].append(i)
    story = list(range(len(texts)))  # union-find: each article's story

    def find(i: int) -> int:
        while story[i] != i:
            story[i] = story[story[i]]
            i = story[i]
        return i

    pairs = {
        (a, b)
        for docs in holders.values()
        if len(docs) <= _RARE_LINE_ARTICLES or len(texts) <= _RARE_LINE_ARTICLES
        for a, b in combinations(docs, 2)
    }
    for a, b in pairs:
        if len(keys[a] & keys[b]) >= SAME_STORY * len(keys[a] | keys[b]):
            story[find(a)] = find(b)
    return frozenset(key for key, docs in holders.items() if len({find(i) for i in docs}) >= 2)


def _words(line: str) -> int:
    return len(_WORD.findall(line))


def is_long_sentence(line: str) -> bool:
    """Whether ``line`` ends a sentence of at least :data:`LONG_SENTENCE_WORDS` words: body
    text, which no rule about the line alone may drop."""
    return len(line.split()) >= LONG_SENTENCE_WORDS and bool(_LONG_SENTENCE_END.search(line))


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


def _is_menu_item(line: str) -> bool:
    """A short title-case line without digits or final punctuation: ``• Top Stories``. A
    Markdown list item (``- Vladimir Putin``) is the article's own list, not a menu."""
    if _MARKDOWN_ITEM.match(line):
        return False
    item = _BULLET.sub("", line)
    words = item.split()
    return (
        0 < len(words) <= _MAX_MENU_WORDS
        and not any(ch.isdigit() for ch in item)
        and item[-1] not in _TERMINAL
        and all(_NAME_WORD.match(w) or w in ("&", "and", "of", "the", "-") for w in words)
    )


def _line_reason(line: str, publisher: str | None, author: str | None) -> Reason | None:
    """Why ``line``, looked at alone, is furniture; None if it may be content.

    ``publisher`` and ``author`` are known from elsewhere: a line that is only the
    publisher's name, or the author's name with a role ("Ann Lee, Staff Writer"), is
    metadata.
    """
    line = _EMPHASIS.sub("", line).strip()
    if not line:
        return "no sentence"
    if published_date(line):
        return "date line"
    if publisher_name(line) or (publisher and line_key(line) == line_key(publisher)):
        return "publisher line"
    if is_long_sentence(line):
        return None
    if line[-1] not in ".!?" and (
        _BYLINE.match(line) or (author and line_key(line).startswith(line_key(author)))
    ):
        return "byline"
    unlinked = _URL.sub(" ", _MARKDOWN_LINK.sub(" ", line))
    if unlinked != line and _words(_BULLET.sub("", unlinked).strip(" |•·,-")) == 0:
        return "link"
    if _BREADCRUMB.search(line):
        return "navigation"
    pieces = [p for p in _SEPARATORS.split(line) if p.strip()]
    bars = any(mark in line for mark in "|•·")  # prose has no "a | b"; "a / b / c" is rarer
    if len(pieces) >= (2 if bars else 3) and all(len(p.split()) <= 3 for p in pieces):
        return "navigation"
    if _FIELD.match(line):
        return "labelled field"
    if _words(line) < 2 and line[-1] not in ".!?":  # "Yes." is a sentence, "image" is not
        return "no sentence"
    return None


def _in_text(lines: list[_Line], i: int, alone: list[Reason | None], menus: set[int]) -> bool:
    """Whether line ``i`` touches a line of text above or below it (no blank line between),
    one that is not furniture by itself: it is then a piece of a paragraph."""
    return any(
        0 <= j < len(lines) and lines[j].text and alone[j] is None and j not in menus
        for j in (i - 1, i + 1)
    )


def _menu_runs(lines: list[_Line]) -> set[int]:
    """Indexes of menu items in a run (no blank line between) of three, or of two bulleted
    ones: a headline above a short deck is not a menu."""
    runs: list[list[int]] = []
    for i, line in enumerate(lines):
        if line.text and _is_menu_item(line.text):
            if runs and runs[-1][-1] == i - 1:
                runs[-1].append(i)
            else:
                runs.append([i])
    return {
        i
        for run in runs
        if len(run) >= 3 or (len(run) == 2 and any(_BULLET.match(lines[j].text) for j in run))
        for i in run
    }


def clean(
    text: str,
    *,
    publisher: str | None = None,
    author: str | None = None,
    template: Iterable[str] = frozenset(),
    footer: str | None = None,
) -> Cleaned:
    """Find the indexable blocks of an article, the spans left out, and its stated metadata.

    ``publisher`` and ``author`` are known from elsewhere (the page, the feed, front matter):
    a line that is only the publisher's name, or the author's byline, is metadata; so is a
    line that is only the name the text's own ``© 2025 X`` line states. ``template`` are the
    lines the article shares with others of its site (:func:`site_lines`).

    Each non-blank line is a block, except that a line without final punctuation followed
    by one starting in lower case is a soft wrap and joins it.
    """
    front, body_start = front_matter(text)
    lines = _lines(text)
    template = frozenset(template)
    menus = _menu_runs(lines)
    found_publisher = next(
        (name for line in lines if line.text and (name := publisher_name(line.text))), None
    )
    publisher = front.get("publisher") or publisher or found_publisher
    author = front.get("author") or author
    footer = line_key(front.get("footer") or footer or "") or None
    seen: set[str] = set()
    blocks: list[Block] = []
    dropped: list[Dropped] = []
    published = None
    title_span: tuple[int, int] | None = None
    first = next((i for i, line in enumerate(lines) if line.text), 0)
    alone = [  # each line's reason to be furniture, looked at alone (None for blank lines)
        _line_reason(line.text, publisher, author) if line.text else None for line in lines
    ]
    ended = in_list = False
    listed = 0  # links under the current list marker
    for i, line in enumerate(lines):
        if not line.text:
            in_list = in_list and not listed  # a blank line after the links ends the list
            continue
        key = line_key(line.text)
        reason: Reason | None
        if line.start < body_start:
            reason = "front matter"
        elif ended:
            reason = "after tail marker"
        elif blocks and (_TAIL_MARKER.match(line.text) or (footer and key.startswith(footer))):
            reason, ended = "after tail marker", True
        elif blocks and _LIST_MARKER.match(line.text):
            reason, in_list, listed = "related links", True, 0
        elif in_list and not is_long_sentence(line.text):
            reason, listed = "related links", listed + 1
        elif key in seen and len(key) > _MIN_REPEATED_CHARS:
            reason = "repeated line"
        elif key in template:
            reason = "site template"
        elif i in menus:
            reason = "navigation"
        else:
            reason = alone[i]
            if reason == "no sentence" and (i == first or _in_text(lines, i, alone, menus)):
                reason = None  # a one-word headline, or a piece of a paragraph ("H\n2O\n")
        in_list = in_list and reason == "related links"
        seen.add(key)
        if reason == "date line" and published is None:
            published = published_date(line.text)
        if reason:
            dropped.append(Dropped(line.start, line.end, reason))
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
    return Cleaned(tuple(blocks), tuple(dropped), title_span, front, found_publisher, published)
