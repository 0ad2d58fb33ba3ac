"""Answers, sources and articles as HTML for the chat UI: pure functions, no Gradio.

Every string that comes from an article or a user goes through :func:`text_html`, which
escapes HTML and also the characters that template engines and Markdown would act on, so
article text always shows as the text it is. Text a reader or an article wrote carries
``dir="auto"``, so a Hebrew or Arabic question or quote is laid out right to left.

The chat is one list of exchanges (``<article class="nr-exchange" id="nr-ex-T">``), each a
question and its reply. Citation markers are ``<a class="nr-cite" href="#nr-src-T-N">``;
``ui/chat.js`` turns them into a preview card and a jump to source ``N`` of exchange ``T``
in the sources panel, whose cards are ``<article class="nr-source" id="nr-src-T-N">``.
Quotes are never wrapped in ``<q>`` (which adds quotation marks of its own): an article's
sentence often starts or ends with its own marks.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Protocol

from rag.schema import Answer, Citation, ConflictNote, NearestPassage
from rag.types import DocInfo

# After HTML escaping, what Markdown (`*_[]~| and backslash), KaTeX ($) and template
# engines (${...}, {{...}}) would act on becomes a character reference too; not "#", which
# the entities themselves contain.
_ENTITIES = str.maketrans({ch: f"&#{ord(ch)};" for ch in "{}$`\\*_[]~|"} | {"\r": "", "\n": "<br>"})
QUESTION_DISPLAY_CHARS = 400
CONFLICT_HEADINGS = {
    "contradiction": "Sources contradict each other",
    "occasion": "Sources describe different occasions",
    "framing": "Sources frame this differently",
}
# Why the articles do not answer, by the library's reason code, in words for readers.
NOT_FOUND_REASONS = {
    "no_passages": "Nothing in the articles comes close to this question.",
    "not_mentioned": "The articles do not mention what this question asks about.",
    "low_confidence": "No sentence in the articles answers this question closely enough.",
    "not_about_asked_name": (
        "The closest sentences are about something other than what the question names."
    ),
    "no_answer_type": (
        "The closest sentences do not hold what the question asks for "
        "(such as a date, a number or a name)."
    ),
    "says_opposite": "The closest sentences say the opposite of what the question asks.",
    "other_time": (
        "The closest sentences are about another time than the one the question asks about."
    ),
    "other_figure": "The closest sentences give another figure than the one the question states.",
}
NOT_FOUND_DEFAULT = "The articles do not answer this question."


class SourceLike(Protocol):
    """What a source line needs: a citation's source, or a stored article."""

    @property
    def title(self) -> str: ...
    @property
    def publisher(self) -> str | None: ...
    @property
    def published(self) -> str | None: ...


@dataclass(frozen=True)
class Exchange:
    """One question of the conversation and its answer; ``turn`` numbers them from 1."""

    turn: int
    answer: Answer


def text_html(text: str) -> str:
    """``text`` as inert HTML: shown verbatim, never interpreted.

    >>> text_html('<img src=x onerror="alert(1)"> costs $5')
    '&lt;img src=x onerror=&quot;alert(1)&quot;&gt; costs &#36;5'
    """
    return html.escape(text, quote=True).translate(_ENTITIES)


def display_date(published: str | None) -> str:
    """The one way dates are written: ``"2025-04-22"`` -> ``"22 Apr 2025"``; other strings as
    they are; None -> "date not stated".

    >>> display_date("2025-04-22"), display_date(None)
    ('22 Apr 2025', 'date not stated')
    """
    if not published:
        return "date not stated"
    try:
        day = date.fromisoformat(published)
    except ValueError:
        return published
    return f"{day.day} {day:%b %Y}"


def format_size(size: int) -> str:
    """A file size the one way the UI states sizes (decimal units, as file managers do).

    >>> format_size(1_000_000), format_size(1_348_000), format_size(2000), format_size(800)
    ('1 MB', '1.3 MB', '2 kB', '800 bytes')
    """
    for unit, scale in (("MB", 1_000_000), ("kB", 1000)):
        if size >= scale:
            return f"{size / scale:.1f}".removesuffix(".0") + f" {unit}"
    return f"{size} bytes"


def _date_html(published: str | None) -> str:
    shown = text_html(display_date(published))
    try:
        return f'<time datetime="{date.fromisoformat(published or "").isoformat()}">{shown}</time>'
    except ValueError:
        return shown


def source_line(source: SourceLike) -> str:
    """``Title — Publisher, date`` (escaped), saying so where the article does not state one."""
    return (
        f'<span class="nr-title" dir="auto">{text_html(source.title)}</span> — '
        f"{text_html(source.publisher or 'publisher not stated')}, "
        f"{_date_html(source.published)}"
    )


def marker(turn: int, n: int) -> str:
    """The ``[n]`` that previews source ``n`` of exchange ``turn`` and brings it into view."""
    return (
        f'<a class="nr-cite" href="#nr-src-{turn}-{n}" aria-label="Source {n}">'
        f'<span aria-hidden="true">[{n}]</span></a>'
    )


def render_chat(exchanges: Sequence[Exchange], intro: str) -> str:
    """The whole conversation; before the first question, ``intro`` (HTML) alone."""
    if not exchanges:
        return f'<div class="nr-log nr-log-empty" id="nr-log">{intro}</div>'
    body = "".join(render_exchange(e) for e in exchanges)
    return (
        f'<div class="nr-log" id="nr-log" role="log" aria-label="Conversation" '
        f'data-turns="{len(exchanges)}">{body}</div>'
    )


def render_exchange(exchange: Exchange) -> str:
    """A question and its reply, with a button that copies the reply as Markdown."""
    answer, turn = exchange.answer, exchange.turn
    reply = render_not_found(answer) if answer.abstained else render_answer(answer, turn)
    markdown = text_html(answer_markdown(answer)).replace("<br>", "&#10;")
    return (
        f'<article class="nr-exchange" id="nr-ex-{turn}" data-turn="{turn}" '
        f'aria-labelledby="nr-q-{turn}">'
        f'<h2 class="nr-question" id="nr-q-{turn}" dir="auto">'
        f"{_question_text(answer.question)}</h2>"
        f"{reply}"
        f'<div class="nr-tools"><button type="button" class="nr-copy" data-markdown="{markdown}">'
        "Copy answer with sources</button></div></article>"
    )


def _question_text(question: str) -> str:
    shown = " ".join(question.split())
    if len(shown) > QUESTION_DISPLAY_CHARS:
        shown = shown[:QUESTION_DISPLAY_CHARS].rstrip() + "…"
    return text_html(shown)


def render_answer(answer: Answer, turn: int) -> str:
    """The cited sentences, then any conflict callouts. The sources themselves are in the
    panel (and in each marker's preview), so they are not listed again here."""
    sentences = "".join(
        f'<p class="nr-sentence"><span dir="auto">{text_html(s.text)}</span> '
        f'<span class="nr-markers">{"".join(marker(turn, n) for n in s.citations)}</span></p>'
        for s in answer.sentences
    )
    conflicts = "".join(render_conflict(note, answer.citations, turn) for note in answer.conflicts)
    return f'<div class="nr-answer">{sentences}{conflicts}</div>'


def render_conflict(note: ConflictNote, citations: Sequence[Citation], turn: int) -> str:
    """A callout, set apart from the answer: the disagreement, and for each side what it
    says on the point, cited by number (the quote is in the answer and in the panel), with
    its source and date."""
    by_n = {c.n: c for c in citations}
    claims = []
    for claim in note.claims:
        source = by_n[claim.citation].source
        says = f'<span class="nr-says">{text_html(claim.says)}</span> ' if claim.says else ""
        claims.append(
            f'<li class="nr-claim">{marker(turn, claim.citation)} {says}'
            f'<span class="nr-claim-source">{source_line(source)}</span></li>'
        )
    heading = CONFLICT_HEADINGS.get(note.kind, "Sources disagree")
    return (
        f'<aside class="nr-conflict nr-conflict-{text_html(note.kind)}" role="note" '
        f'aria-label="{heading}">'
        f'<p class="nr-conflict-head"><span class="nr-icon" aria-hidden="true">⚠</span> '
        f"{heading}: {text_html(note.topic)}</p>"
        f'<p class="nr-conflict-note">{text_html(note.note)}</p>'
        f'<ul class="nr-claims">{"".join(claims)}</ul></aside>'
    )


def not_found_reason(answer: Answer) -> str:
    """Why the articles do not answer, in words (never a score or a setting name)."""
    return NOT_FOUND_REASONS.get(answer.reason or "", NOT_FOUND_DEFAULT)


def render_not_found(answer: Answer) -> str:
    """The abstention: plainly not answered, why, and the nearest passages as non-answers."""
    nearest = ""
    if answer.nearest:
        items = "".join(_nearest_item(p) for p in answer.nearest)
        nearest = (
            '<div class="nr-nearest"><p class="nr-label">Nearest passages — not an answer</p>'
            f"<ul>{items}</ul></div>"
        )
    return (
        '<div class="nr-notfound"><p class="nr-notfound-head">'
        f"<strong>Not in the articles.</strong> {text_html(not_found_reason(answer))}</p>"
        f"{nearest}</div>"
    )


def _nearest_item(passage: NearestPassage) -> str:
    return (
        f'<li><span class="nr-passage" dir="auto">{text_html(passage.quote)}</span>'
        f'<span class="nr-claim-source">{source_line(passage.source)} '
        f'<span class="nr-badge">{text_html(passage.label)}</span></span></li>'
    )


def highlight(citation: Citation) -> str:
    """The paragraph around the quote with the quoted characters marked.

    The quote is ``context.text[start - context.start : end - context.start]``, the verbatim
    characters of the article; if the offsets do not fall inside the context, the quote
    alone is shown marked.
    """
    lo = citation.start - citation.context.start
    hi = citation.end - citation.context.start
    ctx = citation.context.text
    if not 0 <= lo <= hi <= len(ctx):
        return f'<mark class="nr-quote">{text_html(citation.quote)}</mark>'
    return (
        f'{text_html(ctx[:lo])}<mark class="nr-quote">{text_html(ctx[lo:hi])}</mark>'
        f"{text_html(ctx[hi:])}"
    )


def render_sources(answer: Answer, turn: int) -> str:
    """The sources panel's section for one exchange: a card per citation, quote highlighted."""
    if answer.abstained or not answer.citations:
        body = (
            '<p class="nr-empty">No sources: the articles do not answer this question. '
            "The nearest passages are listed in the chat, marked as not an answer.</p>"
        )
    else:
        body = "".join(_source_card(c, turn) for c in answer.citations)
    return (
        f'<section class="nr-turn" id="nr-turn-{turn}" data-turn="{turn}" '
        f'aria-label="Sources for question {turn}"><p class="nr-turn-question">Sources for '
        f'<span dir="auto">“{_question_text(answer.question)}”</span></p>{body}</section>'
    )


def _source_card(citation: Citation, turn: int) -> str:
    source = citation.source
    return (
        f'<article class="nr-source" id="nr-src-{turn}-{citation.n}" tabindex="-1" '
        f'aria-labelledby="nr-src-{turn}-{citation.n}-title">'
        f'<header><span class="nr-num" aria-hidden="true">{citation.n}</span><div>'
        f'<div class="nr-title" id="nr-src-{turn}-{citation.n}-title" dir="auto">'
        f'<span class="nr-visually-hidden">Source {citation.n}: </span>'
        f"{text_html(source.title)}</div>"
        f'<div class="nr-meta"><span class="nr-meta-source">'
        f"{text_html(source.publisher or 'publisher not stated')} · "
        f"{_date_html(source.published)}</span> · <code>{text_html(source.doc_id)}</code> · "
        f"characters {citation.start:,}–{citation.end:,}</div></div></header>"
        f'<blockquote class="nr-context" dir="auto">{highlight(citation)}</blockquote>'
        '<div class="nr-card-tools">'
        f'<button type="button" class="nr-back" data-cite="nr-src-{turn}-{citation.n}">'
        "Back to the answer</button>"
        f'<button type="button" class="nr-open" data-doc="{text_html(source.doc_id)}" '
        f'data-start="{citation.start}" data-end="{citation.end}">'
        "Read it in the whole article</button></div></article>"
    )


def render_panel(sections: Sequence[str]) -> str:
    """The sources panel: every exchange's section; the one whose answer is in view shows."""
    if not sections:
        return (
            '<div class="nr-sources nr-sources-empty"><p class="nr-empty">Sources appear here. '
            "Ask a question, then point at or tap a marker such as [1] to see the passage it "
            "comes from.</p></div>"
        )
    return f'<div class="nr-sources">{"".join(sections)}</div>'


def render_article(doc: DocInfo, text: str, start: int, end: int) -> str:
    """A whole article for the reader, with characters ``start:end`` (the quote) marked."""
    if not 0 <= start <= end <= len(text):
        start = end = 0
    body = (
        f'{text_html(text[:start])}<mark class="nr-quote" id="nr-reader-quote">'
        f"{text_html(text[start:end])}</mark>{text_html(text[end:])}"
    )
    return (
        '<div class="nr-reader-dialog" role="dialog" aria-modal="true" '
        'aria-labelledby="nr-reader-title"><div class="nr-reader-head">'
        '<button type="button" class="nr-reader-close">Back to the answer</button>'
        f'<h2 id="nr-reader-title" dir="auto">{text_html(doc.title)}</h2>'
        f'<p class="nr-meta">{text_html(doc.publisher or "publisher not stated")} · '
        f"{_date_html(doc.published)} · <code>{text_html(doc.doc_id)}</code></p></div>"
        f'<div class="nr-reader-text" dir="auto">{body}</div></div>'
    )


def answer_markdown(answer: Answer) -> str:
    """The answer as Markdown, with its citations: what "Copy" puts on the clipboard.

    The quotes stay verbatim; only the question and the source lines are added.
    """
    lines = [f"**Q:** {' '.join(answer.question.split())}", ""]
    if answer.abstained:
        lines.append(f"Not in the articles. {not_found_reason(answer)}")
        return "\n".join(lines)
    lines += [f"{s.text} {''.join(f'[{n}]' for n in s.citations)}" for s in answer.sentences]
    for note in answer.conflicts:
        sides = "; ".join(f"[{c.citation}] {c.says}" for c in note.claims)
        lines += ["", f"> ⚠ {note.note} {sides}"]
    lines += ["", "Sources:"]
    for c in answer.citations:
        source = c.source
        lines.append(
            f"[{c.n}] {source.title} — {source.publisher or 'publisher not stated'}, "
            f"{display_date(source.published)} (characters {c.start}–{c.end}): “{c.quote}”"
        )
    return "\n".join(lines)


def render_articles(docs: Iterable[DocInfo], uploads: Path | None = None) -> str:
    """The ingested articles, folded under their count: title, publisher, date and id;
    uploads are marked."""
    items = []
    for doc in sorted(docs, key=lambda d: d.doc_id):
        uploaded = uploads is not None and Path(doc.path).parent == uploads.resolve()
        badge = ' <span class="nr-badge">uploaded</span>' if uploaded else ""
        items.append(
            f'<li><div class="nr-title" dir="auto">{text_html(doc.title)}</div>'
            f'<div class="nr-meta">{text_html(doc.publisher or "publisher not stated")} · '
            f"{_date_html(doc.published)} · "
            f"<code>{text_html(doc.doc_id)}</code>{badge}</div></li>"
        )
    listed = (
        f'<ol class="nr-articles">{"".join(items)}</ol>'
        if items
        else '<p class="nr-empty">No articles yet: add some with “Add articles”.</p>'
    )
    return (
        f'<details class="nr-store"><summary>Articles in the store ({len(items)})</summary>'
        f"{listed}</details>"
    )


def article_choice(doc: DocInfo) -> str:
    """How an article is named in the list of articles to search: title, publisher, date."""
    return f"{doc.title} — {doc.publisher or 'publisher not stated'}, {display_date(doc.published)}"


def render_hint(limit: int, message: str = "", *, attempt: int = 0) -> str:
    """The line under the question box: a refusal in words (or nothing), the busy line and
    the character counter, which the page fills in. ``attempt`` makes every reply to an
    Ask differ, so the page can tell that the question was handled."""
    role = ' role="alert"' if message else ""
    return (
        f'<div class="nr-below-box"><p class="nr-hint" data-attempt="{attempt}"{role}>'
        f'{text_html(message)}</p><p class="nr-busy" role="status"></p>'
        f'<p class="nr-counter" data-limit="{limit}" aria-live="polite"></p></div>'
    )


def render_drop_zone(suffixes: Sequence[str]) -> str:
    """The "Add articles" drop zone: a labelled file picker for several files, which also
    takes files dropped on it (ui/chat.js)."""
    return (
        '<div class="nr-drop" data-drop>'
        '<input type="file" id="nr-upload-input" class="nr-visually-hidden" multiple '
        f'accept="{",".join(suffixes)}">'
        '<label for="nr-upload-input" class="nr-drop-zone">'
        '<span class="nr-drop-icon" aria-hidden="true">⇪</span> Drop article files here, or '
        '<span class="nr-drop-pick">choose files</span></label></div>'
    )


@dataclass(frozen=True)
class FileStatus:
    """Where one file or address of an "Add articles" attempt stands."""

    name: str
    state: str  # "waiting", "working", "added", "present", "refused"
    message: str
    done: int = 0
    total: int = 0


def render_upload_status(files: Sequence[FileStatus], attempt: int) -> str:
    """Progress and outcome per file of the latest attempt (and only that one)."""
    if not files:
        return f'<div class="nr-upload-status" data-attempt="{attempt}"></div>'
    items = []
    for f in files:
        bar = ""
        if f.state == "working" and f.total:
            bar = (
                f'<progress max="{f.total}" value="{f.done}" '
                f'aria-label="{text_html(f.name)}"></progress>'
            )
        items.append(
            f'<li class="nr-file nr-file-{f.state}"><span class="nr-file-name" dir="auto">'
            f'{text_html(f.name)}</span> <span class="nr-file-message">'
            f"{text_html(f.message)}</span>{bar}</li>"
        )
    busy = any(f.state in ("waiting", "working") for f in files)
    return (
        f'<div class="nr-upload-status" data-attempt="{attempt}" role="status" '
        f'aria-busy="{str(busy).lower()}"><ul class="nr-files">{"".join(items)}</ul></div>'
    )
