"""Fetching URLs from a real HTTP server on 127.0.0.1: content, limits, and clear errors."""

from __future__ import annotations

import socket

import pytest

from ingest.fetch import fetch, is_url
from rag.errors import FetchError
from tests.http_server import serving

PAGE = b"<html><body><p>The ferry runs again.</p></body></html>"


def test_a_page_is_fetched_with_its_type_and_address() -> None:
    with serving({"/story.html": (200, "text/html", PAGE)}) as base:
        fetched = fetch(f"{base}/story.html", timeout=5, max_bytes=10_000)
    assert fetched.content == PAGE
    assert fetched.content_type == "text/html"
    assert fetched.url == f"{base}/story.html"


def test_an_http_error_names_the_status() -> None:
    with serving({}) as base, pytest.raises(FetchError, match="answered 404 Not Found"):
        fetch(f"{base}/gone.html", timeout=5, max_bytes=10_000)


def test_a_download_larger_than_one_article_may_be_is_stopped() -> None:
    with serving({"/big": (200, "text/html", b"x" * 5000)}) as base:
        with pytest.raises(FetchError, match="RAG_MAX_ARTICLE_BYTES"):
            fetch(f"{base}/big", timeout=5, max_bytes=1000)  # the declared length says so
        with pytest.raises(FetchError, match="more than 1.0 MB"):
            fetch(f"{base}/huge", timeout=5, max_bytes=1_000_000)  # streamed without a length


def test_a_server_that_does_not_answer_in_time_times_out() -> None:
    with serving({}, slow_seconds=2) as base, pytest.raises(FetchError, match="no answer"):
        fetch(f"{base}/slow", timeout=0.3, max_bytes=10_000)


def test_nothing_listening_and_not_http_say_what_to_check() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(FetchError, match="nothing answers at 127.0.0.1"):
        fetch(f"http://127.0.0.1:{port}/a", timeout=2, max_bytes=10_000)
    with pytest.raises(FetchError, match="not an http"):
        fetch("ftp://127.0.0.1/a.txt", timeout=2, max_bytes=10_000)


def test_only_http_addresses_are_urls() -> None:
    assert is_url("https://example.com/a") and is_url("HTTP://example.com")
    assert not is_url("example.com/a") and not is_url("/tmp/a.html")
