"""Adding an article from the browser: validate, save under ``Settings.uploads``, ingest.

A bad upload (wrong type, too large, empty, binary, not UTF-8) is refused before anything
is written; if the ingest itself fails, the saved file is removed again. Either way the
store is as it was: ingest only switches to a new generation once everything is in.
"""

from __future__ import annotations

import logging
import os
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from ingest.load import ARTICLE_SUFFIXES, decode_article, load_document
from ingest.pipeline import IngestReport, Progress, ingest
from rag.config import Settings
from rag.embed import Embedder
from rag.errors import ArticleError, RagError
from rag.types import DocInfo, content_hash

logger = logging.getLogger(__name__)

MAX_STEM_CHARS = 60
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


class UploadError(RagError):
    """An uploaded file cannot become an article; the message says why and what to do."""


@dataclass(frozen=True)
class UploadResult:
    """What became of an upload: the article, where it was saved, and the ingest report."""

    doc: DocInfo
    path: Path
    report: IngestReport
    already_present: bool  # the same text was in the store before


def safe_filename(name: str, text: str) -> str:
    """A file name that cannot leave the uploads folder, unique to the content.

    Directories are dropped, anything but letters, digits, ``.``, ``_`` and ``-`` becomes
    ``-``, and a hash of the text is appended, so two different articles never share an id
    (the file stem is the document id) and the same article uploaded twice is one article.

    >>> safe_filename("../../etc/Ölpreise & Krieg.MD", "text")
    'Olpreise-Krieg-982d9e3eb996f559.md'
    """
    stem, suffix = split_name(name)
    ascii_stem = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode()
    stem = _UNSAFE.sub("-", ascii_stem).strip(".-_")[:MAX_STEM_CHARS].rstrip(".-_")
    return f"{stem or 'article'}-{content_hash(text)}{suffix}"


def split_name(name: str) -> tuple[str, str]:
    """The last part of a path (``/`` or ``\\``) as (stem, lower-case suffix with its dot).

    >>> split_name("..\\dir/My.Article.MD"), split_name("....txt"), split_name("README")
    (('My.Article', '.md'), ('...', '.txt'), ('README', ''))
    """
    base = PurePosixPath(name.replace("\\", "/")).name
    stem, dot, suffix = base.rpartition(".")
    return (stem, f".{suffix.lower()}") if dot else (base, "")


def validate_upload(path: Path, name: str, settings: Settings) -> bytes:
    """The uploaded bytes if they can be an article, else :class:`UploadError`."""
    if split_name(name)[1] not in ARTICLE_SUFFIXES:
        raise UploadError(
            f"“{name}” is not a .txt or .md file: upload the article as plain text or Markdown"
        )
    size = path.stat().st_size
    if size > settings.upload_max_bytes:
        raise UploadError(
            f"“{name}” is {size:,} bytes; the limit is {settings.upload_max_bytes:,} "
            "(RAG_UPLOAD_MAX_BYTES): upload a shorter article"
        )
    raw = path.read_bytes()
    try:
        decode_article(raw, name)
    except ArticleError as exc:
        raise UploadError(f"“{name}” {exc.reason}") from None
    return raw


def add_article(
    upload: Path,
    name: str,
    settings: Settings,
    *,
    known: Mapping[str, DocInfo] | None = None,
    embedder: Embedder | None = None,
    progress: Progress | None = None,
) -> UploadResult:
    """Validate ``upload`` (originally called ``name``), save it and ingest it.

    ``known`` are the articles already stored: the same text under another name is not
    added twice. Raises :class:`UploadError` (nothing saved, store unchanged) or another
    :class:`RagError` from ingest (the saved file removed again, store unchanged).

    Example::

        result = add_article(Path("/tmp/upload.txt"), "my article.txt", Settings.from_env())
        result.doc.doc_id   # "my-article-1f2e3d4c5b6a7980"
    """
    raw = validate_upload(upload, name, settings)
    text = raw.decode("utf-8-sig")
    for doc in (known or {}).values():
        if doc.content_hash == content_hash(text):
            return UploadResult(doc, Path(doc.path), IngestReport(), already_present=True)
    folder = settings.uploads.resolve()
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / safe_filename(name, text)
    if target.parent != folder:  # safe_filename guarantees this; never write elsewhere
        raise UploadError(f"“{name}” is not a usable file name: rename the file and upload it")
    created = not target.exists()
    if created:
        partial = folder / f".{target.name}.part"  # hidden: folder ingests skip it
        partial.write_bytes(raw)
        os.replace(partial, target)
    try:
        report = ingest([target], settings, embedder=embedder, progress=progress)
        if report.skipped:
            raise UploadError(f"“{name}” {report.skipped[0].reason}")
    except BaseException:
        if created:
            target.unlink(missing_ok=True)
        raise
    logger.info("uploaded %s as %s", name, target)
    return UploadResult(load_document(target).info, target, report, already_present=False)
