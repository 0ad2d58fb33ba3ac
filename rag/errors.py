"""Exceptions raised by the library.

Every message names the offending value, what was expected, and what to do next,
so the CLI and the UI can show it to a user as it is.
"""

from __future__ import annotations


class RagError(Exception):
    """Base class for every error this project raises on purpose."""


class ConfigError(RagError):
    """A setting, flag or ``RAG_*`` environment variable has a bad value."""


class ArticleError(RagError):
    """One article file, URL or feed entry cannot be ingested (empty, binary, too large, in
    an unknown encoding, unreadable, a format no reader takes).

    Ingest reports it and goes on with the others. ``path`` names what failed: a path, a URL,
    or a feed entry.
    """

    def __init__(self, path: object, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class FetchError(ArticleError):
    """A URL cannot be fetched: offline, refused, timed out, an HTTP error, or too large."""


class NoArticlesError(RagError):
    """A path given to ingest does not exist or holds no article file."""


class StoreError(RagError):
    """The store is missing, unreachable, or inconsistent."""


class EmptyStoreError(StoreError):
    """The store holds no documents yet."""

    def __init__(self, store: object) -> None:
        super().__init__(
            f"no articles ingested in {store}: run `rag ingest` (bundled articles) "
            "or `rag ingest PATH` first"
        )


class StoreBusyError(StoreError):
    """Another ingest (or ``rag doctor``) holds the store's write lock."""


class StoreDamagedError(StoreError):
    """A file of the live generation is missing or unreadable; ``rag doctor`` explains it."""


class DiskFullError(StoreError):
    """The disk filled up while an ingest wrote; the previous generation still answers."""


class ChromaUnavailableError(StoreError):
    """The Chroma server refused, dropped or did not answer a call in time."""


class StoreMismatchError(StoreError):
    """The store was built with settings that differ from the current ones."""


class QuestionError(RagError):
    """The question cannot be asked (empty, only whitespace, ...)."""
