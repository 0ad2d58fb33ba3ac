"""Answers, sources and articles as HTML for the chat UI: pure functions, no Gradio.

Every string that comes from an article or a user goes through :func:`text_html`, which
escapes HTML and also the characters that the chat's Markdown, LaTeX and template
renderers would act on, so article text always shows as the text it is. The markup is
written without newlines: the chat renders messages as Markdown, where an HTML block ends
at the first blank line.

Citation markers are ``<a class="nr-cite" href="#nr-src-T-N">`` (the chat's sanitiser keeps
``href`` but drops ``data-*`` attributes); ``ui/cite.js`` turns a click on one into showing
source ``N`` of answer ``T`` in the sources panel, whose cards are ``<article id="nr-src-T-N">``.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
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


class SourceLike(Protocol):
    """What a source line needs: a citation, a nearest passage or a stored article."""

    @property
    def title(self) -> str: ...
    @property
    def publisher(self) -> str | None: ...
    @property
    def published(self) -> str | None: ...


def text_html(text: str) -> str:
    """``text`` as inert HTML: shown verbatim, never interpreted.

    >>> text_html('<img src=x onerror="alert(1)"> costs $5')
    '&lt;img src=x onerror=&quot;alert(1)&quot;&gt; costs &#36;5'
    """
    return html.escape(text, quote=True).translate(_ENTITIES)


def display_date(published: str | None) -> str:
    """``"2025-04-22"`` -> ``"22 Apr 2025"``; other strings as they are; None -> "date not stated".

    >>> display_date("2025-04-22"), display_date(None)
    ('22 Apr 2025', 'date not stated')
    """
    if not published:
        return "date not stated"
    try:
        day = date.fromisoformat(published)
        return f"{day.day} {day:%b %Y}"
    except ValueError:
        return published


def source_line(source: SourceLike) -> str:
    """``Title — Publisher, date`` (escaped), saying so where the article does not state one."""
    return (
        f'<span class="nr-title">{text_html(source.title)}</span> — '
        f"{text_html(source.publisher or 'publisher not stated')}, "
        f"{text_html(display_date(source.published))}"
    )


def marker(turn: int, n: int) -> str:
    """The clickable ``[n]`` that brings source ``n`` of answer ``turn`` into view."""
    return f'<a class="nr-cite" href="#nr-src-{turn}-{n}" title="Show source {n}">[{n}]</a>'


def render_question(question: str) -> str:
    """The user's question as a chat message (long ones shortened for display)."""
    shown = " ".join(question.split())
    if len(shown) > QUESTION_DISPLAY_CHARS:
        shown = shown[:QUESTION_DISPLAY_CHARS].rstrip() + "…"
    return f'<div class="nr-question">{text_html(shown)}</div>'


def render_error(message: str) -> str:
    """A problem with the question or the store, in words, as a chat message."""
    return f'<div class="nr-error" role="alert">{text_html(message)}</div>'


def render_answer(answer: Answer, turn: int) -> str:
    """The chat message for an answer: cited sentences, conflict callouts, the sources
    (one line per article, with the markers citing it).

    An abstention shows "Not in the articles", the reason, and the nearest passages
    labelled as not being an answer.
    """
    if answer.abstained:
        return render_not_found(answer)
    sentences = "".join(
        f'<p class="nr-sentence">{text_html(s.text)} '
        f'<span class="nr-markers">{"".join(marker(turn, n) for n in s.citations)}</span></p>'
        for s in answer.sentences
    )
    conflicts = "".join(render_conflict(note, answer.citations, turn) for note in answer.conflicts)
    by_doc: dict[str, list[Citation]] = {}
    for c in answer.citations:
        by_doc.setdefault(c.source.doc_id, []).append(c)
    sources = "".join(
        f"<li>{''.join(marker(turn, c.n) for c in cited)} {source_line(cited[0].source)}</li>"
        for cited in by_doc.values()
    )
    return (
        f'<div class="nr-answer">{sentences}{conflicts}'
        f'<div class="nr-cited"><span class="nr-label">Sources</span>'
        f'<ol class="nr-cited-list">{sources}</ol></div></div>'
    )


def render_conflict(note: ConflictNote, citations: Sequence[Citation], turn: int) -> str:
    """A callout, set apart from the answer: the disagreement, and for each side what it
    says on the point, its quote, and its source and date."""
    by_n = {c.n: c for c in citations}
    claims = []
    for claim in note.claims:
        cited = by_n[claim.citation]
        says = f'<span class="nr-says">{text_html(claim.says)}</span>' if claim.says else ""
        claims.append(
            f'<li class="nr-claim">{says}<q>{text_html(cited.quote)}</q>'
            f'<span class="nr-claim-source">{marker(turn, claim.citation)} '
            f"{source_line(cited.source)}</span></li>"
        )
    heading = CONFLICT_HEADINGS.get(note.kind, "Sources disagree")
    return (
        f'<aside class="nr-conflict nr-conflict-{text_html(note.kind)}" role="note">'
        f'<p class="nr-conflict-head"><span class="nr-icon" aria-hidden="true">⚠</span> '
        f"{heading}: {text_html(note.topic)}</p>"
        f'<p class="nr-conflict-note">{text_html(note.note)}</p>'
        f'<ul class="nr-claims">{"".join(claims)}</ul></aside>'
    )


def render_not_found(answer: Answer) -> str:
    """The abstention: plainly not answered, why, and the nearest passages as non-answers."""
    reason = f" {text_html(answer.message)}" if answer.message else ""
    nearest = ""
    if answer.nearest:
        items = "".join(_nearest_item(p) for p in answer.nearest)
        nearest = (
            '<div class="nr-nearest"><p class="nr-label">Nearest passages — not an answer</p>'
            f"<ul>{items}</ul></div>"
        )
    return (
        '<div class="nr-notfound"><p class="nr-notfound-head">'
        f"<strong>Not in the articles.</strong>{reason}</p>{nearest}</div>"
    )


def _nearest_item(passage: NearestPassage) -> str:
    return (
        f'<li><q>{text_html(passage.quote)}</q><span class="nr-claim-source">'
        f'{source_line(passage.source)} <span class="nr-badge">{text_html(passage.label)}</span>'
        "</span></li>"
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
    """The sources panel's section for one answer: a card per citation, quote highlighted."""
    if answer.abstained or not answer.citations:
        body = (
            '<p class="nr-empty">No sources: the articles do not answer this question. '
            "The nearest passages are listed in the chat, marked as not an answer.</p>"
        )
    else:
        body = "".join(_source_card(c, turn) for c in answer.citations)
    return (
        f'<section class="nr-turn" id="nr-turn-{turn}"><p class="nr-turn-question">'
        f"Sources for “{text_html(answer.question)}”</p>{body}</section>"
    )


def _source_card(citation: Citation, turn: int) -> str:
    return (
        f'<article class="nr-source" id="nr-src-{turn}-{citation.n}">'
        f'<header><span class="nr-num">{citation.n}</span><div>'
        f'<div class="nr-title">{text_html(citation.source.title)}</div>'
        f'<div class="nr-meta">{text_html(citation.source.publisher or "publisher not stated")}'
        f" · {text_html(display_date(citation.source.published))} · "
        f"<code>{text_html(citation.source.doc_id)}</code> · "
        f"characters {citation.start:,}–{citation.end:,}</div></div></header>"
        f'<blockquote class="nr-context">{highlight(citation)}</blockquote></article>'
    )


def render_panel(sections: Sequence[str]) -> str:
    """The sources panel: every answered turn's section; the newest shows unless one is picked."""
    if not sections:
        return (
            '<div class="nr-sources nr-sources-empty"><p class="nr-empty">Sources appear here. '
            "Ask a question, then click a marker such as [1] to see the passage it "
            "comes from, with the quoted sentence highlighted.</p></div>"
        )
    return f'<div class="nr-sources">{"".join(sections)}</div>'


def render_articles(docs: Iterable[DocInfo], uploads: Path | None = None) -> str:
    """The ingested articles: title, publisher, date and id; uploads are marked."""
    items = []
    for doc in sorted(docs, key=lambda d: d.doc_id):
        uploaded = uploads is not None and Path(doc.path).parent == uploads.resolve()
        badge = ' <span class="nr-badge">uploaded</span>' if uploaded else ""
        items.append(
            f'<li><div class="nr-title">{text_html(doc.title)}</div>'
            f'<div class="nr-meta">{text_html(doc.publisher or "publisher not stated")} · '
            f"{text_html(display_date(doc.published))} · "
            f"<code>{text_html(doc.doc_id)}</code>{badge}</div></li>"
        )
    if not items:
        return (
            '<p class="nr-empty">No articles yet: add one below, or run '
            "<code>rag ingest</code>.</p>"
        )
    return f'<ol class="nr-articles">{"".join(items)}</ol>'


def render_status(message: str, *, ok: bool) -> str:
    """The outcome of an upload, in words."""
    kind = "nr-ok" if ok else "nr-error"
    role = "status" if ok else "alert"
    return f'<div class="{kind}" role="{role}">{text_html(message)}</div>'
