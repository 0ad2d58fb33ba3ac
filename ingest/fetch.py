"""Fetching an article or a feed from a URL: a timeout, a size limit, and errors that say what
went wrong (offline, refused, an HTTP status, too large) instead of a traceback.

Only ``http`` and ``https`` URLs are fetched. The body is read in pieces and the download is
abandoned as soon as it passes the limit, so a huge response never sits in memory whole.
"""

from __future__ import annotations

import re
import socket
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version
from urllib.parse import urlparse

from rag.errors import FetchError

_PIECE = 64 * 1024
_URL = re.compile(r"^https?://", re.IGNORECASE)


def is_url(source: object) -> bool:
    """Whether ``source`` is an ``http(s)://`` address rather than a path."""
    return isinstance(source, str) and bool(_URL.match(source))


@dataclass(frozen=True)
class Fetched:
    """What a server sent: the final address (after redirects), the body and its type."""

    url: str
    content: bytes = field(repr=False)
    content_type: str | None


def fetch(url: str, *, timeout: float, max_bytes: int) -> Fetched:
    """GET ``url``; :class:`FetchError` naming the URL and the reason when that fails."""
    if urlparse(url).scheme.lower() not in ("http", "https") or not urlparse(url).hostname:
        raise FetchError(url, "is not an http:// or https:// address")
    request = urllib.request.Request(
        url, headers={"User-Agent": _user_agent(), "Accept": "text/html,application/xml,*/*"}
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            declared = response.headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > max_bytes:
                raise FetchError(url, too_large(int(declared), max_bytes))
            content = _read_limited(response, url, max_bytes)
            return Fetched(response.url, content, response.headers.get_content_type())
    except urllib.error.HTTPError as exc:
        raise FetchError(
            url, f"the server answered {exc.code} {exc.reason}: check the address"
        ) from None
    except urllib.error.URLError as exc:
        raise FetchError(url, _unreachable(url, exc.reason)) from None
    except TimeoutError:
        raise FetchError(
            url,
            f"no answer within {timeout:g} s: try again later, or raise RAG_FETCH_TIMEOUT",
        ) from None
    except OSError as exc:  # a connection reset half-way through the body
        raise FetchError(url, _unreachable(url, exc)) from None


def _read_limited(response: object, url: str, max_bytes: int) -> bytes:
    pieces: list[bytes] = []
    size = 0
    while piece := response.read(_PIECE):  # type: ignore[attr-defined]
        size += len(piece)
        if size > max_bytes:
            raise FetchError(url, too_large(size, max_bytes, more=True))
        pieces.append(piece)
    return b"".join(pieces)


def too_large(size: int, max_bytes: int, more: bool = False) -> str:
    """Why a file or download of ``size`` bytes is refused, and what to do."""
    return (
        f"is {'more than ' if more else ''}{_amount(size)}, more than the "
        f"{_amount(max_bytes)} one article may have (RAG_MAX_ARTICLE_BYTES): split it into "
        "articles, or raise the limit if it really is one"
    )


def _amount(size: int) -> str:
    return f"{size / 1e6:.1f} MB" if size >= 100_000 else f"{size:,} bytes"


def _unreachable(url: str, reason: object) -> str:
    host = urlparse(url).netloc
    if isinstance(reason, TimeoutError):
        return "no answer in time: try again later, or raise RAG_FETCH_TIMEOUT"
    if isinstance(reason, socket.gaierror):
        return (
            f"cannot find the server {host} ({reason.strerror or reason}): check the address "
            "and the network connection; offline, save the page and ingest the file instead"
        )
    if isinstance(reason, ConnectionRefusedError):
        return f"nothing answers at {host} (connection refused): check the address and port"
    return (
        f"cannot be reached ({reason}): check the address and the network connection; "
        "offline, save the page and ingest the file instead"
    )


def _user_agent() -> str:
    try:
        return f"newsrag/{version('newsrag')}"
    except PackageNotFoundError:
        return "newsrag"
