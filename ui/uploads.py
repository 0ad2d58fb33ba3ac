"""Adding articles from the browser: validate, save under ``Settings.uploads``, ingest.

A bad upload (a type ingest cannot read, too large, empty, binary, a page with no article)
is refused before anything is written: it is read exactly as ingest reads it, into memory
only. If the ingest itself fails, the saved file is removed again.
Either way the store is as it was: ingest only switches to a new generation once everything
is in. An article can also be added by its web address (:func:`add_url`), which ingest
fetches and reads.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from ingest.fetch import is_url
from ingest.load import Reading, load_document, read_bytes
from ingest.pipeline import IngestReport, Progress, ingest
from ingest.readers import SUFFIXES
from rag.config import Settings
from rag.embed import Embedder
from rag.errors import ArticleError, FetchError, RagError
from rag.types import DocInfo, Document
from ui.render import format_size

logger = logging.getLogger(__name__)

MAX_STEM_CHARS = 60
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
# What the "Add articles" control offers: every format ingest reads.
OFFERED_SUFFIXES = tuple(SUFFIXES)


class UploadError(RagError):
    """An uploaded file cannot become an article; the message says why and what to do."""


@dataclass(frozen=True)
class UploadResult:
    """What became of an upload: the article, where it was saved, and the ingest report."""

    doc: DocInfo
    path: Path
    report: IngestReport
    already_present: bool  # the same text was in the store before


def safe_filename(name: str, raw: bytes) -> str:
    """A file name that cannot leave the uploads folder, unique to the content.

    Directories are dropped, anything but letters, digits, ``.``, ``_`` and ``-`` becomes
    ``-``, and a hash of the text is appended, so two different articles never share an id
    (the file stem is the document id) and the same article uploaded twice is one article.

    >>> safe_filename("../../etc/Ölpreise & Krieg.MD", b"text")
    'Olpreise-Krieg-982d9e3eb996f559.md'
    """
    stem, suffix = split_name(name)
    ascii_stem = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode()
    stem = _UNSAFE.sub("-", ascii_stem).strip(".-_")[:MAX_STEM_CHARS].rstrip(".-_")
    return f"{stem or 'article'}-{hashlib.sha256(raw).hexdigest()[:16]}{suffix}"


def split_name(name: str) -> tuple[str, str]:
    """The last part of a path (``/`` or ``\\``) as (stem, lower-case suffix with its dot).

    >>> split_name("..\\dir/My.Article.MD"), split_name("....txt"), split_name("README")
    (('My.Article', '.md'), ('...', '.txt'), ('README', ''))
    """
    base = PurePosixPath(name.replace("\\", "/")).name
    stem, dot, suffix = base.rpartition(".")
    return (stem, f".{suffix.lower()}") if dot else (base, "")


def too_large(name: str, size: int, settings: Settings) -> UploadError:
    """The one way a file over the size limit is refused (the page refuses such a file
    before sending it, and the server says so in these words)."""
    return UploadError(
        f"“{name}” is {format_size(size)}; an article can be at most "
        f"{format_size(settings.upload_max_bytes)}. Add a shorter article"
    )


def validate_upload(path: Path, name: str, settings: Settings) -> list[Document]:
    """The articles an uploaded file holds (read as ingest reads it, writing nothing), else
    :class:`UploadError` saying why."""
    suffix = split_name(name)[1]
    if suffix not in SUFFIXES:
        readable = ", ".join(OFFERED_SUFFIXES)
        raise UploadError(
            f"“{name}” cannot be added: articles can be {readable} files. "
            "Save the article in one of these formats"
        )
    size = path.stat().st_size
    if size > settings.upload_max_bytes:
        raise too_large(name, size, settings)
    reading = Reading.from_settings(settings, keep_originals=False)
    try:
        documents, _ = read_bytes(path.read_bytes(), name, reading)
    except ArticleError as exc:
        raise UploadError(f"“{name}” {exc.reason}") from None
    if not documents:
        raise UploadError(f"“{name}” holds no article: check that it is a news article")
    return documents


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
    documents = validate_upload(upload, name, settings)
    raw = upload.read_bytes()
    hashes = {d.info.content_hash for d in documents}
    for doc in (known or {}).values():
        if len(documents) == 1 and doc.content_hash in hashes:
            return UploadResult(doc, Path(doc.path), IngestReport(), already_present=True)
    folder = settings.uploads.resolve()
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / safe_filename(name, raw)
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
    return UploadResult(
        load_document(target, Reading.from_settings(settings, keep_originals=False)).info,
        target,
        report,
        already_present=not report.changed,
    )


def add_url(
    url: str,
    settings: Settings,
    *,
    embedder: Embedder | None = None,
    progress: Progress | None = None,
) -> IngestReport:
    """Ingest the article (or feed) at ``url``: ingest fetches, checks and reads it.

    Raises :class:`UploadError` for an address that is not a web page's or one that cannot
    be read, and another :class:`RagError` from ingest (store unchanged).
    """
    url = url.strip()
    if not is_url(url):
        raise UploadError(
            f"“{url}” is not a web address: paste the article's address, starting with https://"
        )
    try:
        report = ingest([url], settings, embedder=embedder, progress=progress)
    except FetchError as exc:
        raise UploadError(str(exc)) from None
    if report.skipped and not report.changed:
        raise UploadError(f"“{url}” {report.skipped[0].reason}")
    logger.info("added %s", url)
    return report
