"""Find articles (files, folders, URLs) and read them into :class:`~rag.types.Document` values.

A source that cannot be an article (empty, binary, too large, in an unknown encoding,
unreadable, unreachable) raises or reports :class:`~rag.errors.ArticleError` naming it and the
reason; callers report it and go on.

Metadata comes from what the source states, in this order: a front-matter header at the top
of a text or Markdown file (or the same ``key: value`` lines in a sidecar ``FILE.meta`` beside
a file that must not change), the page's ``<meta>``, JSON-LD and ``og:`` tags, the feed entry,
then the lines of the text (a line that is only a date, ``Publisher: X``). What nothing
states is ``None``; nothing is guessed.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import urlparse

from ingest.clean import Cleaned, clean, fields_of, published_date, site_lines
from ingest.fetch import Fetched, fetch, is_url, too_large
from ingest.readers import SUFFIXES, Article, Stated, decode_article, read, sniff
from ingest.split import sentence_spans
from rag.config import Settings
from rag.errors import ArticleError, NoArticlesError
from rag.types import DocInfo, Document, content_hash

logger = logging.getLogger(__name__)

SIDECAR_SUFFIX = ".meta"
MAX_TITLE_CHARS = 120
MAX_SLUG_CHARS = 60
_SLUG_UNSAFE = re.compile(r"[^a-z0-9]+")

Source = Path | str  # a file or folder, or an http(s) URL


@dataclass(frozen=True)
class Found:
    """What :func:`find_articles` found: article files and URLs in order, and the folders it
    could not look into."""

    sources: tuple[Source, ...]
    skipped: tuple[ArticleError, ...] = ()


@dataclass(frozen=True)
class Reading:
    """How sources are read: the size limit for one article, the fetch timeout, and where the
    originals of extracted texts are kept (``None``: nowhere, e.g. for ``--explain``)."""

    max_bytes: int = 5_000_000
    timeout: float = 20.0
    originals: Path | None = None

    @classmethod
    def from_settings(cls, settings: Settings, *, keep_originals: bool = True) -> Reading:
        return cls(
            settings.max_article_bytes,
            settings.fetch_timeout,
            settings.store / "originals" if keep_originals else None,
        )

    def fetch(self, url: str) -> Fetched:
        return fetch(url, timeout=self.timeout, max_bytes=self.max_bytes)


def find_articles(sources: Iterable[Source]) -> Found:
    """Expand folders (recursively, hidden ones left out) into their article files, sorted;
    files and URLs are kept as given.

    Raises :class:`NoArticlesError` for a path that does not exist or a folder without any
    article; a folder inside that cannot be read is reported in :attr:`Found.skipped`.
    """
    found: list[Source] = []
    skipped: list[ArticleError] = []
    for source in sources:
        if is_url(source):
            found.append(str(source))
            continue
        path = Path(source)
        if path.is_dir():
            inside, unreadable = _articles_in(path)
            skipped += unreadable
            if not inside and not unreadable:
                raise NoArticlesError(
                    f"no article files ({', '.join(SUFFIXES)}) found in {path}: "
                    "point `rag ingest` at a folder of articles"
                )
            found.extend(inside)
        elif path.exists() or path.is_symlink():
            found.append(path)
        else:
            raise NoArticlesError(f"{path} does not exist: check the path given to `rag ingest`")
    return Found(tuple(dict.fromkeys(found)), tuple(skipped))


def _articles_in(folder: Path) -> tuple[list[Path], list[ArticleError]]:
    files: list[Path] = []
    unreadable: list[ArticleError] = []
    ignored = 0

    def report(error: OSError) -> None:
        unreadable.append(
            ArticleError(
                error.filename,
                f"is a folder that cannot be read ({error.strerror}): its articles are not "
                "ingested; fix its permissions and ingest again",
            )
        )
        logger.warning("skipping folder %s: %s", error.filename, error.strerror)

    for root, dirs, names in os.walk(folder, onerror=report):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in names:
            if name.startswith("."):
                continue
            if Path(name).suffix.lower() in SUFFIXES:
                files.append(Path(root) / name)
            elif not name.endswith(SIDECAR_SUFFIX):
                ignored += 1
    if ignored:
        logger.info("%s: %d file(s) of other types left alone", folder, ignored)
    return sorted(files), unreadable


def read_source(source: Source, reading: Reading) -> tuple[list[Document], list[ArticleError]]:
    """The articles of one file or URL (a feed holds several) and the entries that failed.

    Raises :class:`ArticleError` when the source as a whole cannot be read.
    """
    if is_url(source):
        fetched = reading.fetch(str(source))
        return read_bytes(fetched.content, str(source), reading, url=fetched.url)
    path = Path(source)
    return read_bytes(_read_file(path, reading.max_bytes), path, reading, sidecar=_sidecar(path))


def read_bytes(
    raw: bytes,
    source: Source,
    reading: Reading,
    *,
    url: str | None = None,
    sidecar: Mapping[str, str] | None = None,
) -> tuple[list[Document], list[ArticleError]]:
    """The articles in ``raw``, the content of ``source`` (a file's path or name, or the URL
    it was fetched from, finally ``url``), and the feed entries that failed.

    This is all of reading but getting the bytes: the chat upload calls it to check a file
    before saving it (with ``Reading(originals=None)`` nothing is written). Raises
    :class:`ArticleError` when ``raw`` as a whole cannot be read.
    """
    if len(raw) > reading.max_bytes:
        raise ArticleError(source, too_large(len(raw), reading.max_bytes))
    name = str(source)
    found = read(raw, name, url=url, fetch=reading.fetch)
    documents, skipped = [], list(found.skipped)
    for article in found.articles:
        try:
            original = _kept(article, raw, name, reading)
            documents.append(describe(article, _doc_id(source, article), source, sidecar, original))
        except ArticleError as exc:
            if len(found.articles) == 1:
                raise
            skipped.append(exc)
    return documents, skipped


def load_document(path: Path, reading: Reading | None = None) -> Document:
    """Read one single-article file (a feed's first entry); its id is the file stem."""
    documents, skipped = read_source(path, reading or Reading())
    if not documents:
        raise skipped[0] if skipped else ArticleError(path, "holds no article")
    return documents[0]


def _read_file(path: Path, max_bytes: int) -> bytes:
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise ArticleError(path, too_large(size, max_bytes))
        return path.read_bytes()
    except OSError as exc:
        raise ArticleError(path, f"cannot be read ({exc.strerror or exc})") from exc


def _sidecar(path: Path) -> dict[str, str]:
    """The ``key: value`` metadata in ``FILE.meta`` beside ``path``, if there is one."""
    sidecar = path.with_name(path.name + SIDECAR_SUFFIX)
    if not sidecar.is_file():
        return {}
    try:
        return fields_of(decode_article(sidecar.read_bytes(), sidecar))
    except (OSError, ArticleError) as exc:
        logger.warning("ignoring %s: %s", sidecar, exc)
        return {}


def _doc_id(source: Source, article: Article) -> str:
    """A file's stem; for a feed entry or a URL, a readable slug and a short hash."""
    if article.key is not None:
        return slug_id(article.key)
    if is_url(source):
        return slug_id(str(source))
    return Path(source).stem


def slug_id(address: str) -> str:
    """A document id for a URL or feed entry: its last path part as a slug, and a hash of the
    whole address, so it is readable, short and the same every time.

    >>> slug_id("https://example.com/world/2025/03/port-strike-ends.html")
    'port-strike-ends-6966b20bc60e'
    """
    parsed = urlparse(address)
    parts = [p for p in parsed.path.split("/") if p] if parsed.scheme else [address]
    last = re.sub(r"\.[a-z0-9]{1,5}$", "", parts[-1]) if parts else parsed.hostname or ""
    ascii_last = unicodedata.normalize("NFKD", last).encode("ascii", "ignore").decode()
    slug = _SLUG_UNSAFE.sub("-", ascii_last.lower()).strip("-")[:MAX_SLUG_CHARS].strip("-")
    digest = hashlib.sha256(address.encode("utf-8")).hexdigest()[:12]
    return f"{slug or 'article'}-{digest}"


def _kept(article: Article, raw: bytes, name: str, reading: Reading) -> str | None:
    """Where the bytes an extracted text came from are kept in the store, if they are."""
    if article.reader in ("text", "markdown") or reading.originals is None:
        return None
    source = article.raw if article.raw is not None else raw
    suffix = {"html": ".html", "feed": ".xml", "pdf": ".pdf"}[sniff(source, name)]
    return str(keep_original(reading.originals, source, suffix))


def keep_original(folder: Path, raw: bytes, suffix: str) -> Path:
    """Keep ``raw`` under ``folder`` as ``<sha256>.<suffix>``, written atomically once, so a
    newer reader can extract its text again; returns its path."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{hashlib.sha256(raw).hexdigest()[:32]}{suffix}"
    if not path.exists():
        partial = path.with_name(f".{path.name}.{os.getpid()}.part")
        with open(partial, "wb") as f:
            f.write(raw)
            f.flush()
            os.fsync(f.fileno())
        os.replace(partial, path)
    return path


def describe(
    article: Article,
    doc_id: str,
    source: Source,
    sidecar: Mapping[str, str] | None = None,
    original: str | None = None,
) -> Document:
    """The document for ``article`` read from ``source``: the metadata its front matter, its
    sidecar, its page or feed, and the lines of its text state, in that order."""
    header = _stated(sidecar or {}).over(article.stated)
    footer = (sidecar or {}).get("footer")
    cleaned = clean(article.text, publisher=header.publisher, author=header.author, footer=footer)
    if not cleaned.blocks:
        raise ArticleError(
            article.key or source,
            "holds no article text: all of it is page furniture "
            "(`rag ingest --explain` lists what was left out and why)",
        )
    stated = (
        _stated(cleaned.front)
        .over(header)
        .over(Stated(publisher=cleaned.publisher, published=cleaned.published))
    )
    info = DocInfo(
        doc_id=doc_id,
        title=_one_line(stated.title) or title_of(article.text, cleaned.title_span) or doc_id,
        publisher=_one_line(stated.publisher),
        published=stated.published,
        path=(original or str(source)) if is_url(source) else str(Path(source).resolve()),
        content_hash=content_hash(article.text),
        url=stated.url,
        reader=article.reader,
        author=_one_line(stated.author),
        original=original,
    )
    return Document(info=info, text=article.text, left_out=article.left_out, footer=footer)


def _stated(header: Mapping[str, str]) -> Stated:
    """Metadata from ``key: value`` header fields (front matter or a sidecar)."""
    return Stated(
        title=header.get("title"),
        publisher=header.get("publisher"),
        published=published_date(header.get("published") or header.get("date") or ""),
        author=header.get("author"),
        url=header.get("url"),
    )


def reread(info: DocInfo, text: str) -> Document:
    """A stored article read again as now, from the store's copy of its text (re-indexing;
    its file may be gone). Plain text and Markdown are described again; an extracted text
    keeps the metadata its page or feed stated."""
    if info.reader not in ("text", "markdown"):
        return Document(info=info, text=text)
    article = Article(
        text, "markdown" if info.reader == "markdown" else "text", Stated(url=info.url)
    )
    return describe(article, info.doc_id, Path(info.path), _sidecar(Path(info.path)))


def _one_line(value: str | None) -> str | None:
    return " ".join(value.split()) or None if value else None


def clean_document(doc: Document) -> Cleaned:
    """``doc``'s text cleaned with what is known about it: its publisher and author, its
    site's template, and where its page's footer starts."""
    return clean(
        doc.text,
        publisher=doc.info.publisher,
        author=doc.info.author,
        template=doc.site_lines,
        footer=doc.footer,
    )


def with_site_lines(documents: Sequence[Document]) -> list[Document]:
    """``documents`` with the lines each shares with others of its site (same publisher, or
    same web host) read with it: that site's template, which cleaning leaves out."""
    sites: dict[str, list[int]] = defaultdict(list)
    for i, doc in enumerate(documents):
        site = _site(doc.info)
        if site:
            sites[site].append(i)
    out = list(documents)
    for members in sites.values():
        if len(members) < 2:
            continue
        template = site_lines([documents[i].text for i in members])
        for i in members:
            out[i] = replace(documents[i], site_lines=template)
    return out


def _site(info: DocInfo) -> str | None:
    if info.publisher:
        return info.publisher.casefold()
    return urlparse(info.url).hostname if info.url else None


def title_of(text: str, span: tuple[int, int] | None) -> str | None:
    """The first content line; when that is a long lede rather than a headline (the text
    states no title), its first sentence, shortened at a word boundary if still too long."""
    if span is None:
        return None
    start, end = span
    if end - start > MAX_TITLE_CHARS:
        start, end = sentence_spans(text, start, end)[0]
    title = " ".join(text[start:end].split())
    if len(title) > MAX_TITLE_CHARS:
        title = title[:MAX_TITLE_CHARS].rsplit(" ", 1)[0].rstrip(",;:") + "…"
    return title
