"""Reading article files: the metadata the text states, and clear errors for non-articles."""

from __future__ import annotations

import ctypes
import json
import os
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from ingest.load import Reading, find_articles, load_document, read_bytes, read_source, slug_id
from rag.errors import ArticleError, NoArticlesError
from tests.conftest import ARTICLES, PROJECT_ROOT
from tests.test_clean import FURNITURE


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


def test_utf16_and_utf32_files_with_a_byte_order_mark_are_read(tmp_path: Path) -> None:
    text = "Kyiv talks resume\r\n\r\nDelegations met in Istanbul on Monday.\r\n"
    for encoding in ("utf-16", "utf-32"):
        path = tmp_path / f"{encoding}.txt"
        path.write_bytes(text.encode(encoding))
        doc = load_document(path)
        assert doc.text == text and doc.info.title == "Kyiv talks resume"


def test_a_file_larger_than_one_article_may_be_is_refused_before_it_is_read(
    tmp_path: Path,
) -> None:
    path = tmp_path / "huge.txt"
    path.write_text("A sentence of the article. " * 200, encoding="utf-8")
    with pytest.raises(ArticleError, match=r"5,400 bytes, more than the 1,000 bytes.*RAG_MAX"):
        load_document(path, Reading(max_bytes=1000))


def test_an_unreadable_folder_inside_is_named_and_the_rest_found(tmp_path: Path) -> None:
    (tmp_path / "ok").mkdir()
    (tmp_path / "ok" / "a.txt").write_text("Some text here.")
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "b.txt").write_text("Other text here.")
    locked.chmod(0)
    try:
        found = _find_without_root_privileges(tmp_path)
    finally:
        locked.chmod(0o755)
    assert found["sources"] == [str(tmp_path / "ok" / "a.txt")]
    assert found["skipped"] == [
        f"{locked}: is a folder that cannot be read (Permission denied): its articles are not "
        "ingested; fix its permissions and ingest again"
    ]


def _find_without_root_privileges(folder: Path) -> dict[str, list[str]]:
    """``find_articles`` in a child process that file permissions apply to: as root, with
    the capabilities that override them dropped (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH)."""
    script = (
        "import json, sys\n"
        "from ingest.load import find_articles\n"
        "found = find_articles([sys.argv[1]])\n"
        "print(json.dumps({'sources': [str(s) for s in found.sources],"
        " 'skipped': [str(e) for e in found.skipped]}))\n"
    )

    def drop_capabilities() -> None:
        libc = ctypes.CDLL(None, use_errno=True)
        for capability in (1, 2):  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH
            libc.prctl(24, capability, 0, 0, 0)  # PR_CAPBSET_DROP: gone after exec

    result = subprocess.run(
        [sys.executable, "-c", script, str(folder)],
        env=dict(os.environ, PYTHONPATH=str(PROJECT_ROOT)),
        preexec_fn=drop_capabilities if os.geteuid() == 0 else None,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def test_front_matter_states_the_metadata_and_wins_over_the_text(tmp_path: Path) -> None:
    path = tmp_path / "river.md"
    path.write_text(
        "---\ntitle: Green River report\npublisher: Valley Dispatch\npublished: 2025-05-20\n"
        "url: https://valleydispatch.example/river\n---\n\nMay 1, 2025\n\n"
        "Nitrate levels in the river tripled in April, volunteers found.\n",
        encoding="utf-8",
    )
    info = load_document(path).info
    assert (info.title, info.publisher, info.published, info.url) == (
        "Green River report",
        "Valley Dispatch",
        "2025-05-20",
        "https://valleydispatch.example/river",
    )
    assert info.reader == "markdown" and info.offsets_into == "file text"


def test_a_sidecar_states_metadata_for_a_file_that_must_not_change(tmp_path: Path) -> None:
    path = tmp_path / "dump.txt"
    path.write_text("Talks resume\n\nDelegations met in Istanbul on Monday.\n")
    (tmp_path / "dump.txt.meta").write_text("# from the page\npublisher: Kyiv Post\n")
    assert load_document(path).info.publisher == "Kyiv Post"
    assert [p.name for p in find_articles([tmp_path]).sources] == ["dump.txt"]


def test_a_title_is_never_a_cut_off_sentence_when_the_source_states_one() -> None:
    doc = load_document(FURNITURE / "valley-dispatch" / "river-nitrates.md")
    assert doc.info.title == "Nitrate levels in Green River triple the safe limit"
    page = load_document(FURNITURE / "ridgeway-courier" / "bridge-reopens.html")
    assert page.info.title == "Old Mill Bridge reopens after repairs"


def test_a_folder_of_mixed_formats_reads_each_with_its_reader(tmp_path: Path) -> None:
    for path in sorted(FURNITURE.rglob("*")):
        if path.suffix in (".txt", ".md", ".html", ".xml", ".pdf"):
            shutil.copy(path, tmp_path / path.name)
    (tmp_path / "notes.docx").write_bytes(b"PK\x03\x04")
    documents = []
    for source in find_articles([tmp_path]).sources:
        documents += read_source(source, Reading(originals=tmp_path / "originals"))[0]
    readers = Counter(d.info.reader for d in documents)
    assert readers == {"html": 10, "text": 5, "feed": 4, "markdown": 3, "pdf": 1}
    for doc in documents:
        assert doc.info.title and doc.info.publisher and doc.info.published, doc.info
        if doc.info.reader in ("text", "markdown"):
            assert doc.info.original is None
        else:  # the bytes the text was extracted from are kept, named by their hash
            kept = Path(str(doc.info.original))
            assert kept.parent == tmp_path / "originals" and kept.is_file()
            assert doc.info.offsets_into == "extracted text"


def test_feed_entries_and_urls_get_a_readable_slug_and_a_short_hash() -> None:
    feed = read_source(FURNITURE / "metro-wire" / "feed.xml", Reading())[0]
    assert [d.doc_id for d in feed][:2] == [
        "tram-line-opens-723d72715589",
        slug_id("https://metrowire.example/2025/03/bike-lanes-vote/"),
    ]
    assert slug_id("https://example.com/") == f"example-com-{slug_id('https://example.com/')[-12:]}"
    assert slug_id("https://a.example/x/Über Straße.html").startswith("uber-strae-")


def test_bytes_are_read_and_checked_without_writing_anything(tmp_path: Path) -> None:
    # What the chat upload calls before it saves a file.
    pdf = (FURNITURE / "highland-herald" / "mountain-pass-snow.pdf").read_bytes()
    documents, failed = read_bytes(pdf, "my upload.pdf", Reading())
    assert not failed and documents[0].info.reader == "pdf"
    assert documents[0].doc_id == "my upload" and documents[0].info.original is None
    with pytest.raises(ArticleError, match="looks binary"):
        read_bytes(b"\x00\x01\x02\x03", "photo.txt", Reading())
    with pytest.raises(ArticleError, match="more than the 1,000 bytes"):
        read_bytes(pdf, "big.pdf", Reading(max_bytes=1000))
    assert not list(tmp_path.iterdir())
