"""One reader per format: the format told by content, the text each reader extracts, the
metadata each source states, and what each reader leaves out."""

from __future__ import annotations

import codecs
import logging
from pathlib import Path

import pytest

from ingest.load import load_document
from ingest.readers import decode_article, read, read_feed, read_html, read_pdf, sniff
from rag.errors import ArticleError
from tests.test_clean import FURNITURE

HARBOR = FURNITURE / "harbor-gazette" / "port-strike-ends.html"
RIDGEWAY = FURNITURE / "ridgeway-courier" / "bridge-reopens.html"
FEED = FURNITURE / "metro-wire" / "feed.xml"
PDF = FURNITURE / "highland-herald" / "mountain-pass-snow.pdf"

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Alpine Notes</title>
  <entry>
    <title>Glacier shrinks again</title>
    <id>tag:alpine.example,2025:glacier</id>
    <updated>2025-09-30T10:00:00Z</updated>
    <content type="html">&lt;p&gt;The Rhone glacier lost three metres of ice.&lt;/p&gt;</content>
  </entry>
  <entry>
    <title>Hut season ends</title>
    <link href="https://alpine.example/huts"/>
    <id>tag:alpine.example,2025:huts</id>
    <updated>2025-10-02T10:00:00Z</updated>
    <summary>Most mountain huts closed for the winter on Sunday.</summary>
  </entry>
</feed>
"""


@pytest.mark.parametrize(
    ("raw", "name", "kind"),
    [
        (b"%PDF-1.7\n...", "scan.txt", "pdf"),
        (b"<?xml version='1.0'?><rss version='2.0'><channel/></rss>", "news.html", "feed"),
        (ATOM, "alpine.txt", "feed"),
        (b"<!DOCTYPE html><html><body><p>Hi</p></body></html>", "saved.txt", "html"),
        (b"<html lang='en'><head>", "page", "html"),
        (b"# Title\n\nText.", "notes.md", "markdown"),
        (b"Title\n\nText.", "notes.txt", "text"),
        (b"Text that merely mentions <html> later on.", "page.html", "text"),
        ("<html><body>".encode("utf-16"), "page.htm", "html"),
    ],
)
def test_the_format_is_told_by_content_first_then_by_suffix(
    raw: bytes, name: str, kind: str
) -> None:
    assert sniff(raw, name) == kind


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32", "utf-8-sig"])
def test_text_with_a_byte_order_mark_is_decoded(encoding: str) -> None:
    text = "Kyiv, 22 April 2025 \u2014 Zelensky said \u201cno\u201d.\r\n"
    raw = text.encode(encoding)
    if encoding == "utf-16-be":
        raw = codecs.BOM_UTF16_BE + raw
    assert decode_article(raw, "a.txt") == text


def test_other_encodings_get_a_message_that_says_what_to_do() -> None:
    with pytest.raises(ArticleError, match=r"not valid UTF-8 \(byte 3 is 0xe9\).*re-save it"):
        decode_article("caf\u00e9 au lait".encode("cp1252"), "cafe.txt")
    with pytest.raises(ArticleError, match="binary"):
        decode_article("no mark".encode("utf-16-le"), "marks.txt")


def test_a_file_named_as_a_feed_or_pdf_that_is_neither_says_so() -> None:
    with pytest.raises(ArticleError, match="is named .xml but is not an RSS or Atom feed"):
        read(b"<?xml version='1.0'?><catalog><book/></catalog>", "books.xml")
    with pytest.raises(ArticleError, match="is named .pdf but is not a PDF"):
        read(b"Just some text.", "report.pdf")


def test_a_web_page_gives_its_main_text_and_the_metadata_its_markup_states() -> None:
    article = read_html(HARBOR.read_bytes(), str(HARBOR))
    assert article.reader == "html"
    assert article.stated.title == "Port strike ends after nine days"
    assert article.stated.publisher == "Harbor Gazette"
    assert article.stated.published == "2025-03-14"
    assert article.stated.author == "Dana Whitfield"
    assert article.stated.url == (
        "https://harborgazette.example/business/2025/03/14/port-strike-ends"
    )
    assert "nine-day strike over shift patterns" in article.text
    for furniture in ("Share on Facebook", "We use cookies", "About time they sorted"):
        assert furniture not in article.text
        assert any(furniture in piece for piece in article.left_out)


def test_a_page_that_titles_itself_site_first_gets_its_headline_as_title() -> None:
    # <title>Ridgeway Courier - Old Mill Bridge reopens after repairs</title>
    article = read_html(RIDGEWAY.read_bytes(), str(RIDGEWAY))
    assert article.stated.title == "Old Mill Bridge reopens after repairs"
    assert article.stated.publisher == "Ridgeway Courier"  # <meta name="copyright">


def test_a_date_in_the_text_of_a_page_is_not_its_publication_date() -> None:
    page = (
        "<html><head><title>Putin and Trump meet</title></head><body><article>"
        "<h1>Putin and Trump meet</h1>"
        "<p>Putin gives Trump a soccer ball at a press conference in Helsinki on July 16, 2018."
        " The two leaders spoke for two hours without advisers.</p>"
        "<p>They did not take questions from reporters afterwards, officials said.</p>"
        "</article></body></html>"
    )
    article = read_html(page.encode(), "helsinki.html")
    assert article.stated.published is None and article.stated.publisher is None


def test_a_page_without_article_text_is_refused_with_the_reason(tmp_path: Path) -> None:
    page = tmp_path / "front.html"
    page.write_bytes(b"<html><body><nav><a href='/'>Home</a> | <a href='/a'>About</a></nav>")
    with pytest.raises(ArticleError, match="no article text: all of it is page furniture"):
        load_document(page)


def test_each_feed_entry_is_an_article_with_what_the_feed_states() -> None:
    found = read_feed(FEED.read_bytes(), str(FEED), None, None)
    assert not found.skipped
    titles = [a.stated.title for a in found.articles]
    assert titles[0] == "New tram line opens between station and hospital" and len(titles) == 4
    first = found.articles[0]
    assert first.key == "https://metrowire.example/2025/03/tram-line-opens/"
    assert (first.stated.publisher, first.stated.published, first.stated.author) == (
        "Metro Wire",
        "2025-03-04",
        "Ann Lee",
    )
    # The footer that links back to the entry is left out, and listed.
    assert "appeared first on" not in first.text
    assert first.left_out == (
        "The post New tram line opens between station and hospital appeared first on Metro Wire.",
    )


def test_an_atom_entry_without_content_falls_back_to_its_summary_with_a_warning(
    caplog: pytest.LogCaptureFixture,
) -> None:
    with caplog.at_level(logging.WARNING):
        found = read(ATOM, "alpine.atom")
    glacier, huts = found.articles
    assert glacier.text.strip() == "The Rhone glacier lost three metres of ice."
    assert (glacier.stated.publisher, glacier.stated.published) == ("Alpine Notes", "2025-09-30")
    assert huts.text.strip() == "Most mountain huts closed for the winter on Sunday."
    assert "only the feed's summary is ingested" in caplog.text


def test_a_pdf_leaves_out_the_headers_and_footers_of_its_pages() -> None:
    article = read_pdf(PDF.read_bytes(), str(PDF))
    assert article.reader == "pdf"
    assert article.stated.title == "Snow closes the Glenmore pass for a third day"
    assert len(article.left_out) == 8  # time, title, address and page number, on each page
    assert "1/2" in article.left_out and "mountain-pass-snow" not in article.text
    assert "file:///" not in article.text and "\ufb01" not in article.text  # no ligatures
    # Lines that wrapped are one paragraph again.
    assert (
        "Snowploughs cleared the southern approach on Thursday, but strong winds filled the "
        "road again within hours, the roads agency said." in article.text.splitlines()
    )


def test_a_broken_pdf_is_refused_with_the_reason() -> None:
    with pytest.raises(ArticleError, match="looks binary: it starts like a PDF"):
        read(b"%PDF-1.7\n\x00\x01\x02binary", "scan.txt")
