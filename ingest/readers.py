"""One reader per format: bytes in, article text and the metadata the source states out.

The format is told by content first (a PDF's ``%PDF-``, a feed's ``<rss>``/``<feed>``, a web
page's ``<html>``) and by the file's suffix after that, so a saved page named ``.txt`` is still
read as a page. Each reader uses the library made for its format:

- ``text`` and ``markdown``: the bytes decoded (UTF-8, or UTF-16/32 with a byte-order mark)
  and nothing else changed, so offsets count the file's own characters;
- ``html``: trafilatura's main text, title, author, site name and date (htmldate reading the
  page's markup and URL only: a date written somewhere in the text is not taken for the
  publication date);
- ``feed``: feedparser; each entry is an article, its text from the entry's content, else
  from the page its link points to, else (with a warning) its summary;
- ``pdf``: pypdf's layout text, lines that wrap joined again, page headers and footers that
  repeat from page to page left out.

A reader's text is what gets stored and what every offset points into; what a reader left
out of the page is listed in :attr:`Article.left_out` (``rag ingest --explain`` shows it).
"""

from __future__ import annotations

import codecs
import io
import logging
import re
import time
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields, replace
from typing import Any, Literal

from ingest.fetch import Fetched
from rag.errors import ArticleError

logger = logging.getLogger(__name__)

Format = Literal["text", "markdown", "html", "feed", "pdf"]

SUFFIXES: Mapping[str, Format] = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".xml": "feed",
    ".rss": "feed",
    ".atom": "feed",
    ".pdf": "pdf",
}
# Share of control characters (besides tab/newline/CR/form feed) above which text is binary.
_MAX_CONTROL_SHARE = 0.01
_BOMS = (  # longest first: the UTF-32 LE mark starts with the UTF-16 LE one
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# What may come before a document's first element: white space, <?xml ...?> and other
# processing instructions, comments ("<!-- saved from url=... -->"), a doctype.
_PROLOG = rb"\A\s*(?:(?:<\?[^>]*>|<!--.*?-->|<!doctype(?!\s+html)[^>]*>)\s*)*"
_FEED_MARKUP = re.compile(_PROLOG + rb"<(?:rss|feed|rdf:RDF)[\s>]", re.IGNORECASE | re.DOTALL)
_HTML_MARKUP = re.compile(
    _PROLOG + rb"<(?:!doctype\s+html|html|head|body|meta|title)[\s>]", re.IGNORECASE | re.DOTALL
)
_SNIFF_BYTES = 4096
# Ligatures PDF fonts use for "fi", "fl"...; the extracted text spells them out.
_LIGATURES = str.maketrans({"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st"})
_COLUMN_GAP = re.compile(r"\s{3,}")
# A PDF line at least this share of the page's longest line fills the width: it wraps.
_FULL_LINE = 0.75


@dataclass(frozen=True)
class Stated:
    """Metadata as a source states it; ``None`` where it does not."""

    title: str | None = None
    publisher: str | None = None
    published: str | None = None  # ISO date
    author: str | None = None
    url: str | None = None

    def over(self, other: Stated) -> Stated:
        """Each field from ``self``, or from ``other`` where ``self`` has none."""
        return Stated(
            **{f.name: getattr(self, f.name) or getattr(other, f.name) for f in fields(self)}
        )


@dataclass(frozen=True)
class Article:
    """One article as a reader found it.

    ``text`` is what offsets will point into; ``key`` identifies a feed entry (its link or
    id, from which its document id is made); ``left_out`` are the pieces of the source the
    reader did not take into ``text`` (menus, sidebars, page footers); ``raw`` the bytes the
    text was extracted from when they are not the source's own (a feed entry's page).
    """

    text: str
    reader: Format
    stated: Stated = Stated()
    key: str | None = None
    left_out: tuple[str, ...] = ()
    raw: bytes | None = field(default=None, repr=False)


@dataclass(frozen=True)
class Read:
    """What a source gave: its articles, and the feed entries that could not be read."""

    articles: tuple[Article, ...]
    skipped: tuple[ArticleError, ...] = ()


Fetch = Callable[[str], Fetched]


def sniff(raw: bytes, name: str) -> Format:
    """The format of ``raw`` (called ``name``): by content first, then by suffix.

    >>> sniff(b"%PDF-1.7 ...", "scan.txt"), sniff(b"<rss version='2.0'>", "news.xml")
    ('pdf', 'feed')
    >>> sniff(b"<!DOCTYPE html><html>", "page.txt"), sniff(b"# Title", "notes.md")
    ('html', 'markdown')
    """
    head = raw[:_SNIFF_BYTES]
    for bom, encoding in _BOMS:
        if head.startswith(bom) and encoding != "utf-8":
            head = head.decode(encoding, errors="ignore").encode("utf-8")
            break
    head = head.removeprefix(codecs.BOM_UTF8)
    if head.lstrip().startswith(b"%PDF-"):
        return "pdf"
    if _FEED_MARKUP.match(head):
        return "feed"
    if _HTML_MARKUP.match(head):
        return "html"
    by_suffix = SUFFIXES.get(_suffix(name))
    return by_suffix if by_suffix in ("markdown", "text") else "text"


def read(raw: bytes, name: str, *, url: str | None = None, fetch: Fetch | None = None) -> Read:
    """The articles in ``raw``, read with the reader its format needs.

    ``name`` (a path or URL) names the source in errors; ``url`` is where it was fetched
    from; ``fetch`` fetches the pages of feed entries that carry only a link (``None``: no
    fetching, those entries are read from their summary).
    """
    if not raw.strip():
        raise ArticleError(name, "is empty")
    kind = sniff(raw, name)
    named = SUFFIXES.get(_suffix(name))
    if named in ("feed", "pdf") and kind == "text":
        what = "an RSS or Atom feed" if named == "feed" else "a PDF"
        raise ArticleError(name, f"is named {_suffix(name)} but is not {what}: check the file")
    if kind == "html":
        return Read((read_html(raw, name, url),))
    if kind == "feed":
        return read_feed(raw, name, url, fetch)
    if kind == "pdf":
        return Read((read_pdf(raw, name),))
    return Read((Article(decode_article(raw, name), kind, Stated(url=url)),))


def decode_article(raw: bytes, name: object) -> str:
    """Bytes to text without changing a character (no newline translation), or ArticleError.

    UTF-8 (with or without a byte-order mark) and UTF-16/UTF-32 with a byte-order mark.
    """
    if not raw.strip():
        raise ArticleError(name, "is empty")
    encoding = next((enc for bom, enc in _BOMS if raw.startswith(bom)), None)
    if encoding is None and b"\x00" in raw:
        raise ArticleError(name, "looks binary (contains NUL bytes), not a text article")
    try:
        text = raw.decode(encoding or "utf-8")
    except UnicodeDecodeError as exc:
        raise ArticleError(
            name,
            f"is not valid {encoding or 'UTF-8'} (byte {exc.start} is 0x{raw[exc.start]:02x}): "
            "re-save it as UTF-8 and ingest again",
        ) from None
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise ArticleError(name, "is empty")
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\n\r\f")
    if controls > _MAX_CONTROL_SHARE * len(text):
        raise ArticleError(name, "looks binary (many control characters), not a text article")
    if not any(ch.isalpha() for ch in text):
        raise ArticleError(name, "has no words in it")
    return text


# --- Web pages -----------------------------------------------------------------------------


def read_html(raw: bytes | str, name: str, url: str | None = None) -> Article:
    """A web page's main text and the metadata its markup states (trafilatura)."""
    found = _extract(raw, url)
    if found is None or not (found.text or "").strip():
        raise ArticleError(
            name, "is a web page in which trafilatura finds no article text (a front page?)"
        )
    publisher = _site_name(found.sitename)
    stated = Stated(
        title=_page_title(found.title, publisher, raw),
        publisher=publisher,
        published=found.date,
        author=found.author,
        url=url or found.url,
    )
    return Article(found.text, "html", stated, left_out=_left_out(raw, found.text))


def _extract(raw: bytes | str, url: str | None) -> Any:
    import trafilatura

    return trafilatura.bare_extraction(
        raw,
        url=url,
        with_metadata=True,
        include_comments=False,
        # Tables are left out (and listed as such): old sites lay whole pages out in tables,
        # which trafilatura would otherwise give as one line of cells, menus and article mixed.
        include_tables=False,
        favor_recall=True,
        # Only the page's markup and URL state a publication date; a date in the text (a
        # caption's "July 16, 2018") is not one.
        date_extraction_params={"original_date": True, "extensive_search": False},
    )


def _site_name(name: str | None) -> str | None:
    """A site name the page states; trafilatura falls back to the domain, which is not one."""
    if not name or (" " not in name and "." in name):
        return None
    return name


def _page_title(title: str | None, publisher: str | None, raw: bytes | str) -> str | None:
    """The page's title; when trafilatura took the site's name for it (``<title>Site -
    Headline</title>``), the rest of the ``<title>``."""
    if not title or not publisher or title.casefold() != publisher.casefold():
        return title
    import lxml.html

    element = lxml.html.document_fromstring(raw).findtext(".//title") or ""
    rest = element.replace(publisher, " ").strip(" \t\n-|–—:·")
    return " ".join(rest.split()) or None


def _left_out(raw: bytes | str, text: str) -> tuple[str, ...]:
    """The page's text that the extracted ``text`` does not hold, in pieces, in page order."""
    import trafilatura

    page = " ".join(trafilatura.html2txt(raw, clean=False).split())
    for line in text.splitlines():
        kept = " ".join(line.split())
        if kept:
            page = page.replace(kept, "\n", 1)
    return tuple(piece.strip() for piece in page.split("\n") if piece.strip())


# --- Feeds ---------------------------------------------------------------------------------


def read_feed(raw: bytes, name: str, url: str | None, fetch: Fetch | None) -> Read:
    """Each entry of an RSS or Atom feed as an article (feedparser)."""
    import feedparser

    parsed = feedparser.parse(raw)
    if not parsed.version:
        raise ArticleError(name, "is XML but not an RSS or Atom feed")
    channel = parsed.feed
    publisher = channel.get("publisher") or channel.get("title")
    home = _bare(channel.get("link") or "")
    articles, skipped = [], []
    for number, entry in enumerate(parsed.entries, start=1):
        key = entry.get("link") or entry.get("id") or entry.get("title") or f"{name}#{number}"
        label = f"{name} entry {number} ({key})"
        stated = Stated(
            title=entry.get("title"),
            publisher=(entry.get("source") or {}).get("title") or publisher,
            published=_iso_date(entry.get("published_parsed") or entry.get("updated_parsed")),
            author=entry.get("author"),
            url=entry.get("link") or (url if len(parsed.entries) == 1 else None),
        )
        try:
            article = _entry_article(entry, label, fetch, {home, _bare(entry.get("link") or "")})
        except ArticleError as exc:
            logger.warning("skipping %s", exc)
            skipped.append(exc)
            continue
        articles.append(replace(article, stated=article.stated.over(stated), key=key))
    if not articles and not skipped:
        raise ArticleError(name, "is a feed without entries")
    return Read(tuple(articles), tuple(skipped))


def _entry_article(entry: Any, label: str, fetch: Fetch | None, own: set[str]) -> Article:
    """An entry's text: its content, else the page at its link, else its summary.

    ``own`` are the entry's and the site's addresses: a paragraph of the content that links
    to them is the feed's footer ("The post ... appeared first on ..."), left out.
    """
    content = next((c for c in entry.get("content", ()) if (c.get("value") or "").strip()), None)
    if content is not None:
        text, footer = _fragment_text(content, label, own - {""})
        return Article(text, "feed", left_out=footer)
    link = entry.get("link")
    reason = "it has no content and no link"
    if link and fetch is not None:
        try:
            page = fetch(link)
        except ArticleError as exc:
            reason = f"it has no content and its link cannot be fetched ({exc.reason})"
        else:
            return replace(read_html(page.content, label, page.url), raw=page.content)
    elif link:
        reason = "it has no content and links are not fetched here"
    summary = entry.get("summary_detail")
    if summary and (summary.get("value") or "").strip():
        logger.warning("%s: only the feed's summary is ingested, because %s", label, reason)
        text, footer = _fragment_text(summary, label, own - {""})
        return Article(text, "feed", left_out=footer)
    raise ArticleError(label, f"cannot be read: {reason}, and it has no summary")


def _fragment_text(
    detail: Mapping[str, Any], label: str, own: set[str]
) -> tuple[str, tuple[str, ...]]:
    """Text of a feed's content or summary (HTML or plain text), and the paragraphs left out
    because they link to the entry's or the site's own address."""
    value = str(detail["value"])
    if "html" not in (detail.get("type") or ""):
        return value, ()
    import lxml.html

    root = lxml.html.fragment_fromstring(value, create_parent="div")
    footer = []
    for block in list(root):
        if own & {_bare(a.get("href") or "") for a in block.iter("a")}:
            footer.append(" ".join(block.text_content().split()))
            block.drop_tree()
    found = _extract(
        f"<html><body>{lxml.html.tostring(root, encoding='unicode')}</body></html>", None
    )
    text = found.text if found is not None and (found.text or "").strip() else root.text_content()
    if not text.strip():
        raise ArticleError(label, "has an empty content")
    return str(text), tuple(footer)


def _bare(url: str) -> str:
    return url.strip().rstrip("/").lower()


def _iso_date(parsed: time.struct_time | None) -> str | None:
    if parsed is None:
        return None
    return f"{parsed.tm_year:04d}-{parsed.tm_mon:02d}-{parsed.tm_mday:02d}"


# --- PDF -----------------------------------------------------------------------------------


def read_pdf(raw: bytes, name: str) -> Article:
    """A PDF's text (pypdf), its lines rejoined into paragraphs, page headers and footers
    that repeat on every page left out."""
    import pypdf
    from pypdf.errors import PdfReadError

    try:
        pdf = pypdf.PdfReader(io.BytesIO(raw))
        if pdf.is_encrypted and not pdf.decrypt(""):
            raise ArticleError(name, "is an encrypted PDF: save an unprotected copy and ingest it")
        pages = [page.extract_text(extraction_mode="layout") for page in pdf.pages]
        info = pdf.metadata
    except (PdfReadError, ValueError, KeyError, TypeError) as exc:
        raise ArticleError(
            name, f"looks binary: it starts like a PDF, but pypdf cannot read it ({exc})"
        ) from None
    lines_by_page = [
        [piece for line in page.splitlines() for piece in _columns(line)] for page in pages
    ]
    furniture = _page_furniture(lines_by_page)
    kept: list[str] = []
    left_out: list[str] = []
    for lines in lines_by_page:
        edges = _edges(lines)
        for i, line in enumerate(lines):
            if i in edges and _digitless(line) in furniture:
                left_out.append(line)
            else:
                kept.append(line)
    text = _paragraphs(kept).translate(_LIGATURES)
    left_out = [line.translate(_LIGATURES) for line in left_out]
    if not any(ch.isalpha() for ch in text):
        raise ArticleError(name, "is a PDF without text (a scan?): pypdf reads no words in it")
    title = (info.title or "").strip() if info else ""
    author = (info.author or "").strip() if info else ""
    stated = Stated(title=title or None, author=author or None)
    return Article(text, "pdf", stated, left_out=tuple(left_out))


def _columns(line: str) -> list[str]:
    """A layout line cut where a wide gap separates columns (a header's date and title)."""
    stripped = line.strip()
    return [piece for piece in _COLUMN_GAP.split(stripped) if piece] if stripped else [""]


def _digitless(line: str) -> str:
    return re.sub(r"\d+", "#", " ".join(line.split()))


def _edges(lines: list[str], depth: int = 2) -> set[int]:
    """The first and last ``depth`` non-blank lines of a page, where headers and footers sit."""
    filled = [i for i, line in enumerate(lines) if line]
    return set(filled[:depth] + filled[-depth:])


def _page_furniture(pages: list[list[str]]) -> set[str]:
    """Header and footer lines (digits aside: page numbers) found on every page."""
    if len(pages) < 2:
        return set()
    seen = Counter(key for lines in pages for key in {_digitless(lines[i]) for i in _edges(lines)})
    return {key for key, count in seen.items() if count == len(pages)}


def _paragraphs(lines: list[str]) -> str:
    """Lines joined into paragraphs: a line that fills the width, or runs on in lower case,
    continues on the next; blank lines separate paragraphs."""
    width = max((len(line) for line in lines), default=0)
    out: list[str] = []
    last = ""  # the previous line as the page had it
    for line in lines:
        if not line:
            if out and out[-1]:
                out.append("")
            last = ""
            continue
        wraps = (
            last
            and last[-1] not in '.!?:”"'
            and (len(last) >= _FULL_LINE * width or line[0].islower())
        )
        if wraps:
            out[-1] += ("" if last.endswith("-") else " ") + line
        else:
            out.append(line)
        last = line
    return "\n".join(out).strip() + "\n"


def _suffix(name: str) -> str:
    dot = name.rfind(".")
    return name[dot:].lower() if dot > name.rfind("/") else ""
