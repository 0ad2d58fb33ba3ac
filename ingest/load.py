"""Find article files and read them into :class:`~rag.types.Document` values.

A file that cannot be an article (empty, binary, not UTF-8, unreadable) raises
:class:`~rag.errors.ArticleError` naming the file and the reason; callers report it and go on.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from pathlib import Path

from ingest.clean import clean
from ingest.split import sentence_spans
from rag.errors import ArticleError, NoArticlesError
from rag.types import DocInfo, Document, content_hash

logger = logging.getLogger(__name__)

ARTICLE_SUFFIXES = (".txt", ".md")
# Share of control characters (besides tab/newline/CR/form feed) above which text is binary.
_MAX_CONTROL_SHARE = 0.01
MAX_TITLE_CHARS = 120


def find_articles(paths: Iterable[Path]) -> list[Path]:
    """Expand files and folders (recursively) into a sorted list of ``.txt``/``.md`` files.

    Raises :class:`NoArticlesError` for a path that does not exist or a folder without any.
    """
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            inside = sorted(
                p
                for p in path.rglob("*")
                if p.suffix.lower() in ARTICLE_SUFFIXES and not _hidden(p.relative_to(path))
            )
            if not inside:
                raise NoArticlesError(
                    f"no .txt or .md files found in {path}: "
                    "point `rag ingest` at a folder of articles"
                )
            found.extend(inside)
        elif path.exists():
            found.append(path)
        else:
            raise NoArticlesError(f"{path} does not exist: check the path given to `rag ingest`")
    return sorted(dict.fromkeys(found))


def _hidden(relative: Path) -> bool:
    return any(part.startswith(".") for part in relative.parts)


def load_document(path: Path) -> Document:
    """Read one article; its id is the file stem."""
    if path.suffix.lower() not in ARTICLE_SUFFIXES:
        raise ArticleError(path, f"not a .txt or .md file (suffix {path.suffix or 'none'!r})")
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ArticleError(path, f"cannot be read ({exc.strerror or exc})") from exc
    return describe(path, decode_article(raw, path))


def describe(path: Path, text: str) -> Document:
    """The document for ``text`` read from ``path``: metadata as the text states it."""
    cleaned = clean(text)
    info = DocInfo(
        doc_id=path.stem,
        title=title_of(text, cleaned.title_span) or path.stem,
        publisher=cleaned.publisher,
        published=cleaned.published,
        path=str(path.resolve()),
        content_hash=content_hash(text),
    )
    return Document(info=info, text=text)


def decode_article(raw: bytes, path: object) -> str:
    """Bytes to text without changing a character (no newline translation), or ArticleError."""
    if not raw.strip():
        raise ArticleError(path, "is empty")
    if b"\x00" in raw:
        raise ArticleError(path, "looks binary (contains NUL bytes), not a text article")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ArticleError(
            path, f"is not valid UTF-8 (byte {exc.start}): re-save it as UTF-8 and ingest again"
        ) from None
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\n\r\f")
    if controls > _MAX_CONTROL_SHARE * len(text):
        raise ArticleError(path, "looks binary (many control characters), not a text article")
    if not any(ch.isalpha() for ch in text):
        raise ArticleError(path, "has no words in it")
    return text


def title_of(text: str, span: tuple[int, int] | None) -> str | None:
    """The first content line; when that is a long lede rather than a headline, its first
    sentence, shortened at a word boundary with an ellipsis if still too long."""
    if span is None:
        return None
    start, end = span
    if end - start > MAX_TITLE_CHARS:
        start, end = sentence_spans(text, start, end)[0]
    title = " ".join(text[start:end].split())
    if len(title) > MAX_TITLE_CHARS:
        title = title[:MAX_TITLE_CHARS].rsplit(" ", 1)[0].rstrip(",;:") + "…"
    return title
