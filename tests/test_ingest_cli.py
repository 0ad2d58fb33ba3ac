"""``rag ingest`` (ingest/cli.py) on real files and on URLs served from 127.0.0.1: every
format in one folder, pages and feeds by URL, bad sources named, exit codes, ``--explain``."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ingest.pipeline import ingest
from rag.cli import main
from rag.store import Store
from tests.conftest import make_settings
from tests.http_server import serving
from tests.test_clean import FURNITURE

ARTICLE_PAGE = (FURNITURE / "harbor-gazette" / "storm-damage-seafront.html").read_bytes()


def _feed(base: str) -> bytes:
    """An RSS feed whose entries carry only links, to pages on the test server."""
    items = "".join(
        f"<item><title>{title}</title><link>{base}{path}</link>"
        f"<pubDate>Mon, 03 Nov 2025 08:00:00 +0000</pubDate></item>"
        for title, path in (
            ("Storm damages seafront promenade", "/storm.html"),
            ("Port strike ends after nine days", "/strike.html"),
            ("A page that is gone", "/gone.html"),
        )
    )
    return (
        f"<?xml version='1.0'?><rss version='2.0'><channel><title>Harbor Gazette</title>"
        f"<link>{base}/</link>{items}</channel></rss>"
    ).encode()


def _routes(base: str) -> dict[str, tuple[int, str, bytes]]:
    strike = (FURNITURE / "harbor-gazette" / "port-strike-ends.html").read_bytes()
    return {
        "/storm.html": (200, "text/html", ARTICLE_PAGE),
        "/strike.html": (200, "text/html", strike),
        "/feed.xml": (200, "application/rss+xml", _feed(base)),
    }


def rag(*args: str, store: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(["ingest", "--store", str(store), *args])
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.mark.slow
def test_a_folder_of_every_format_ingests_and_a_bad_file_is_named_and_skipped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "news"
    shutil.copytree(FURNITURE, folder)
    (folder / "scan.pdf").write_bytes(b"%PDF-1.7\n\x00\x01 truncated")
    code, out, err = rag(str(folder), store=tmp_path / "store", capsys=capsys)
    assert code == 0, err
    assert "added 23" in out and "23 documents" in out
    assert "read 4 with the feed reader, 10 with the html reader, 3 with the markdown" in out
    assert f"skipped {folder / 'scan.pdf'}: looks binary" in out
    assert "spans of page furniture" in out and "rag ingest --explain" in out
    store = Store.open(make_settings(tmp_path / "store"))
    for info in store.docs.values():
        assert info.title and info.publisher and info.published, info
    for sentence in store.sentences:
        assert store.text(sentence.doc_id)[sentence.start : sentence.end] == sentence.text


@pytest.mark.slow
def test_a_page_and_a_feed_by_url_ingest_and_an_unreachable_entry_is_named(
    tmp_path: Path,
) -> None:
    settings = make_settings(tmp_path / "store")
    routes: dict[str, tuple[int, str, bytes]] = {}
    with serving(routes) as base:
        routes.update(_routes(base))  # the feed links to pages on this same server
        report = ingest([f"{base}/storm.html", f"{base}/feed.xml"], settings)
    # The feed's first entry is the page given by URL: one article, one id.
    storm_id, strike_id = sorted(report.added)
    assert storm_id.startswith("storm-") and strike_id.startswith("strike-")
    assert [(str(e.path), e.reason[:28]) for e in report.skipped] == [
        (f"{base}/feed.xml entry 3 ({base}/gone.html)", "cannot be read: it has no co"),
        (f"{base}/feed.xml", f"holds {base}/storm.html again"[:28]),
    ]
    assert "answered 404" in report.skipped[0].reason
    store = Store.open(settings)
    info = store.docs[storm_id]
    assert (info.title, info.publisher, info.published) == (
        "Storm damages seafront promenade",
        "Harbor Gazette",
        "2025-11-03",
    )
    originals = list((tmp_path / "store" / "originals").iterdir())
    assert len(originals) == 2  # the storm page (fetched twice, kept once) and the strike page


def test_nothing_ingested_exits_1_with_the_reasons(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "bad"
    folder.mkdir()
    (folder / "empty.txt").write_bytes(b"")
    (folder / "latin1.md").write_bytes("Caf\u00e9".encode("latin-1"))
    with serving({}) as base:
        code, out, err = rag(
            str(folder), f"{base}/nowhere.html", store=tmp_path / "s", capsys=capsys
        )
    assert code == 1
    assert "empty.txt: is empty" in out and "latin1.md: is not valid UTF-8" in out
    assert "nowhere.html: the server answered 404" in out
    assert "nothing could be ingested" in err


def test_explain_lists_the_reader_the_metadata_and_every_span_left_out(
    capsys: pytest.CaptureFixture[str],
) -> None:
    page = FURNITURE / "lakeview-sentinel" / "parking-meters.txt"
    code = main(["ingest", "--explain", str(page), str(FURNITURE / "metro-wire" / "feed.xml")])
    out = capsys.readouterr().out
    assert code == 0
    assert "reader: text (offsets count characters of the file text)" in out
    assert "publisher: Lakeview Sentinel" in out and "published: 2025-02-04" in out
    assert "left out of the text: " in out
    assert "date line: “Tuesday, February 4, 2025”" in out
    assert "after tail marker" not in out and "related links: “Related Posts”" in out
    assert "left out by the feed reader: 1 pieces" in out  # the "appeared first on" footer


def test_explain_of_a_file_that_cannot_be_read_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01\x02")
    assert main(["ingest", "--explain", str(bad)]) == 1
    assert "looks binary" in capsys.readouterr().out
