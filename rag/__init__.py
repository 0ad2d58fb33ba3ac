"""Extractive question answering over news articles, with exact citations and conflict notes.

``from rag import ask`` is the whole public API for asking; see :func:`rag.api.ask`.
Imports are lazy so that ``rag --help`` starts fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rag.api import Pipeline, ask
    from rag.config import Settings
    from rag.schema import Answer

__all__ = ["Answer", "Pipeline", "Settings", "ask"]


def __getattr__(name: str) -> Any:
    if name in ("ask", "Pipeline"):
        from rag import api as module

        return getattr(module, name)
    if name == "Settings":
        from rag.config import Settings

        return Settings
    if name == "Answer":
        from rag.schema import Answer

        return Answer
    raise AttributeError(name)
