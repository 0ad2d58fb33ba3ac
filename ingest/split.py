"""Split an article's blocks into sentences located by offsets into the original text.

Written for news text: abbreviations (``U.S.``, ``St. Petersburg``, ``Mr.``, initials),
quotations that span several sentences (kept whole, so a quote stays with its speaker),
headlines without final punctuation (each block ends a sentence), and numbers such as
``1,008,240`` or ``3.5`` (a boundary needs white space after the stop).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from ingest.clean import Block
from rag.types import Sentence

_ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof st mt ft gen lt col sgt capt cmdr adm gov sen rep pres rev hon jr sr "
    "inc ltd co corp vs no nos jan feb mar apr jun jul aug sep sept oct nov dec approx dept "
    "est fig vol pp ca cf al op ave blvd rd sq".split()
)
# Words that start a new sentence even after an abbreviation such as "U.S."
_SENTENCE_STARTERS = frozenset(
    "the a an it he she they we i this that these those but and in on at for his her their "
    "its there however meanwhile yet so".split()
)
_STOP = re.compile(r"[.!?…]+[\"”’')\]]*(?=\s)")
_MULTI_LETTER_ABBREVIATION = re.compile(r"(?:\b[A-Za-z]\.){2,}$")
_OPENERS = "“‘\"'([{"
# A quotation longer than this is split inside after all (an unclosed quote must not
# swallow a whole paragraph).
MAX_QUOTE_CHARS = 400
# Sentences longer than this are split at a clause boundary so one sentence always fits
# the embedder with room to spare (about 256 word pieces is ~1,000 characters of news text).
MAX_SENTENCE_CHARS = 700


def split_sentences(
    doc_id: str,
    text: str,
    blocks: Iterable[Block],
    fits: Callable[[str], bool] = lambda sentence: True,
) -> list[Sentence]:
    """Sentences of the given blocks, in document order; headings stay whole.

    ``fits`` tells whether the embedder reads a sentence whole; one that does not is cut
    at clause boundaries into pieces that do.
    """
    sentences: list[Sentence] = []
    for block in blocks:
        spans = (
            [(block.start, block.end)]
            if block.kind == "heading"
            else sentence_spans(text, block.start, block.end)
        )
        spans = [piece for span in spans for piece in _fitting(text, span, fits)]
        for start, end in spans:
            sentences.append(
                Sentence(
                    doc_id=doc_id,
                    position=len(sentences),
                    start=start,
                    end=end,
                    text=text[start:end],
                    heading=block.kind == "heading",
                )
            )
    return sentences


def sentence_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """``(start, end)`` of each sentence in ``text[start:end]``, whitespace trimmed."""
    candidates = [(stop, inside) for stop, inside in _boundaries(text, start, end)]
    spans = _cut(text, start, end, [stop for stop, inside in candidates if not inside])
    out: list[tuple[int, int]] = []
    for s, e in spans:
        if e - s > MAX_QUOTE_CHARS:
            inner = [stop for stop, inside in candidates if inside and s < stop < e]
            out.extend(_cut(text, s, e, inner))
        else:
            out.append((s, e))
    return out


def _boundaries(text: str, start: int, end: int) -> list[tuple[int, bool]]:
    """Candidate sentence ends (offset after the stop) and whether each is inside a quote."""
    depth = 0
    quote_depth_at: dict[int, int] = {}
    for i in range(start, end):
        ch = text[i]
        if ch == "“":
            depth += 1
        elif ch == "”":
            depth = max(0, depth - 1)
        elif ch == '"':
            opening = i == start or text[i - 1].isspace() or text[i - 1] in "([{—–-"
            depth = depth + 1 if opening else max(0, depth - 1)
        quote_depth_at[i] = depth
    found = []
    for m in _STOP.finditer(text, start, end):
        if _is_boundary(text, m.start(), m.end(), end):
            found.append((m.end(), quote_depth_at[m.end() - 1] > 0))
    return found


def _is_boundary(text: str, stop_start: int, stop_end: int, limit: int) -> bool:
    nxt = stop_end
    while nxt < limit and text[nxt].isspace():
        nxt += 1
    if nxt >= limit:
        return False  # the block's end closes the sentence anyway
    follower = text[nxt]
    if not (follower.isupper() or follower.isdigit() or follower in _OPENERS):
        return False
    if text[stop_start] != ".":
        return True
    word_start = stop_start
    while (
        word_start > 0 and not text[word_start - 1].isspace() and text[word_start - 1] not in '(“"'
    ):
        word_start -= 1
    word = text[word_start : stop_start + 1]
    next_word = re.match(r"[\w’']+", text[nxt:limit])
    next_lower = next_word.group().lower() if next_word else ""
    if _MULTI_LETTER_ABBREVIATION.search(word):
        return next_lower in _SENTENCE_STARTERS
    bare = word.rstrip(".").lower()
    if bare in _ABBREVIATIONS:
        return False
    return not (len(bare) == 1 and bare.isalpha() and word[0].isupper())  # an initial


def _cut(text: str, start: int, end: int, stops: list[int]) -> list[tuple[int, int]]:
    spans = []
    s = start
    for stop in sorted(stops) + [end]:
        span = _trim(text, s, stop)
        if span:
            spans.append(span)
        s = stop
    return spans


def _trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if end > start else None


def _fitting(
    text: str,
    span: tuple[int, int],
    fits: Callable[[str], bool],
    max_chars: int = MAX_SENTENCE_CHARS,
) -> list[tuple[int, int]]:
    """``span`` cut into pieces of at most ``max_chars`` that ``fits`` accepts."""
    pieces = []
    for piece in _limit_length(text, *span, max_chars):
        if fits(text[piece[0] : piece[1]]) or max_chars < 20:
            pieces.append(piece)
        else:
            pieces.extend(_fitting(text, piece, fits, max_chars // 2))
    return pieces


def _limit_length(text: str, start: int, end: int, max_chars: int) -> list[tuple[int, int]]:
    """Split an over-long sentence at clause punctuation (or spaces) near the limit."""
    pieces = []
    while end - start > max_chars:
        window = text[start : start + max_chars]
        cut = max(window.rfind(p) for p in ("; ", ": ", ", ", " — ", " – "))
        if cut < max_chars // 3:
            cut = window.rfind(" ")
        if cut <= 0:
            cut = max_chars - 1
        span = _trim(text, start, start + cut + 1)
        if span:
            pieces.append(span)
        start += cut + 1
    last = _trim(text, start, end)
    if last:
        pieces.append(last)
    return pieces
