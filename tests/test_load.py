"""Reading article files: the metadata the text states, and clear errors for non-articles."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from ingest.load import find_articles, load_document
from rag.errors import ArticleError, NoArticlesError
from tests.conftest import ARTICLES


def test_document_id_is_the_file_stem() -> None:
    doc = load_document(ARTICLES / "000_a8e0354666d9b320.txt")
    assert doc.doc_id == "000_a8e0354666d9b320"


@pytest.mark.parametrize(
    ("stem", "title", "publisher", "published"),
    [
        (
            "000_a8e0354666d9b320",
            "U.S. Pressure Increasing – I am Ready for Direct Talks with Ukraine: "
            "President Vladimir Putin",
            None,
            "2025-04-22",
        ),
        (
            "001_1ebcad579dd464c2",
            "Putin claims direct Ukraine talks possible as US pressure mounts",
            "Euromaidan Press",
            None,
        ),
        # The first line is only a date and the next a breadcrumb: the headline comes after.
        (
            "002_72acc11ac7a82a21",
            "Putin Signals Willingness for Direct Peace Talks with Ukraine",
            None,
            "2025-05-12",
        ),
    ],
)
def test_metadata_is_what_the_article_states(
    stem: str, title: str, publisher: str | None, published: str | None
) -> None:
    info = load_document(ARTICLES / f"{stem}.txt").info
    assert (info.title, info.publisher, info.published) == (title, publisher, published)


def test_articles_without_a_headline_get_their_first_sentence_shortened_as_title() -> None:
    info = load_document(ARTICLES / "003_56b82167046989ac.txt").info
    assert info.title.startswith("Russian President Vladimir Putin has expressed openness")
    assert info.title.endswith("…") and len(info.title) <= 121
    # No date or publisher is stated in 003: none is invented.
    assert info.publisher is None and info.published is None


def test_an_image_caption_date_is_not_taken_for_the_publication_date() -> None:
    # 001 mentions "July 16, 2018" inside a caption; only a line that is just a date counts.
    assert load_document(ARTICLES / "001_1ebcad579dd464c2.txt").info.published is None


def test_offsets_survive_windows_line_endings_and_a_byte_order_mark(tmp_path: Path) -> None:
    path = tmp_path / "crlf.txt"
    path.write_bytes("\ufeffHeadline here\r\n\r\nMonday, May 12, 2025\r\nBody text.\r\n".encode())
    doc = load_document(path)
    assert "\r\n" in doc.text  # nothing translated
    assert doc.info.title == "Headline here" and doc.info.published == "2025-05-12"


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "is empty"),
        (b"   \n\n  ", "is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        ("caf\u00e9 au lait".encode("latin-1"), "not valid UTF-8"),
        (b"1234 5678 .... ----", "no words"),
    ],
)
def test_files_that_are_not_articles_raise_with_path_and_reason(
    tmp_path: Path, content: bytes, reason: str
) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(ArticleError) as err:
        load_document(path)
    assert reason in str(err.value) and str(path) in str(err.value)


def test_an_unreadable_file_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "dangling.txt"
    os.symlink(tmp_path / "nowhere", path)
    with pytest.raises(ArticleError, match="cannot be read"):
        load_document(path)


def test_folders_expand_to_sorted_txt_and_md_files(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / ".hidden").mkdir()
    for name in ("b.txt", "a.md", "sub/c.txt", "notes.docx", ".hidden/d.txt"):
        (tmp_path / name).write_text("Some text.")
    names = [p.relative_to(tmp_path).as_posix() for p in find_articles([tmp_path]).sources]
    assert names == ["a.md", "b.txt", "sub/c.txt"]


def test_a_missing_path_or_an_empty_folder_says_what_to_do(tmp_path: Path) -> None:
    with pytest.raises(NoArticlesError, match="does not exist"):
        find_articles([tmp_path / "missing"])
    with pytest.raises(NoArticlesError, match="no article files"):
        find_articles([tmp_path])
