"""Cleaning and sentence splitting on real news text, with offsets into the original file."""

from __future__ import annotations

import pytest

from ingest.clean import clean, published_date, publisher_name
from ingest.load import clean_document, load_document
from ingest.split import sentence_spans, split_sentences
from rag.types import Sentence
from tests.conftest import ARTICLES


def _sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in sentence_spans(text, 0, len(text))]


def _article_sentences(article_texts: dict[str, str], stem_prefix: str) -> list[Sentence]:
    """The sentences of a bundled article, cleaned as ingest cleans it (with its sidecar)."""
    doc_id = next(d for d in article_texts if d.startswith(stem_prefix))
    doc = load_document(ARTICLES / f"{doc_id}.txt")
    return split_sentences(doc_id, doc.text, clean_document(doc).blocks)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Abbreviations: U.S. before a name is not a boundary; before "The" it is.
        (
            "U.S. Secretary of State, Marko Rubio, warned on Friday. Trump agreed.",
            ["U.S. Secretary of State, Marko Rubio, warned on Friday.", "Trump agreed."],
        ),
        ("He met the U.S. The talks went well.", ["He met the U.S.", "The talks went well."]),
        (
            "Speaking at the St. Petersburg International Economic Forum, he spoke. Then he left.",
            [
                "Speaking at the St. Petersburg International Economic Forum, he spoke.",
                "Then he left.",
            ],
        ),
        (
            "However, Putin stressed he doesn’t recognise Mr Zelensky’s authority. "
            "Mr. Peskov agreed.",
            [
                "However, Putin stressed he doesn’t recognise Mr Zelensky’s authority.",
                "Mr. Peskov agreed.",
            ],
        ),
        # Numbers with separators and decimals are not boundaries.
        (
            "More than one million casualties (1,008,240) – both killed and injured. "
            "Costs rose 3.5 percent.",
            [
                "More than one million casualties (1,008,240) – both killed and injured.",
                "Costs rose 3.5 percent.",
            ],
        ),
        # A quotation that spans two sentences stays with its speaker.
        (
            'Putin said, "We are ready to discuss a ceasefire. Issues can be resolved." He left.',
            [
                'Putin said, "We are ready to discuss a ceasefire. Issues can be resolved."',
                "He left.",
            ],
        ),
        (
            "He added, “We welcome peace. A path could open up.” Then he left.",
            ["He added, “We welcome peace. A path could open up.”", "Then he left."],
        ),
        # The closing quote belongs to the sentence it ends.
        (
            'This is their "red line." Russia has rejected it.',
            ['This is their "red line."', "Russia has rejected it."],
        ),
        # An initial is not a boundary.
        ("John F. Kennedy spoke. He left.", ["John F. Kennedy spoke.", "He left."]),
    ],
)
def test_news_sentence_boundaries(text: str, expected: list[str]) -> None:
    assert _sentences(text) == expected


def test_an_unclosed_quote_does_not_swallow_a_long_paragraph() -> None:
    text = "He said: “" + " ".join(f"Sentence number {i} is here." for i in range(40))
    sentences = _sentences(text)
    assert len(sentences) > 10
    assert all(len(s) <= 400 for s in sentences)


def test_headlines_without_final_punctuation_are_sentences_of_their_own(
    article_texts: dict[str, str],
) -> None:
    sentences = _article_sentences(article_texts, "003")
    headings = [s.text for s in sentences if s.heading]
    assert headings == [
        "Ready for Talks, Including With Trump",
        "Conflict and Consequences",
        "Hypersonic Missiles and Zelenskyy’s Response",
    ]


def test_every_sentence_of_every_article_is_verbatim_at_its_offsets(
    article_texts: dict[str, str],
) -> None:
    for doc_id, text in article_texts.items():
        for s in split_sentences(doc_id, text, clean(text).blocks):
            assert text[s.start : s.end] == s.text
            assert s.text == s.text.strip() and s.text


def test_page_furniture_is_not_indexed(article_texts: dict[str, str]) -> None:
    indexed = {
        d[:3]: " ".join(s.text for s in _article_sentences(article_texts, d[:3]))
        for d in article_texts
    }
    assert "PostImage" not in indexed["000"]
    assert indexed["000"].count("This is the first time he has made such a statement") == 1
    assert indexed["000"].count("U.S. Pressure Increasing") == 1
    assert indexed["001"].count("Putin gives Trump a soccer ball") == 1  # the caption, once
    for furniture in (
        "Become a Patron",
        "To suggest a correction",
        "Ctrl + Enter",
        "Related Posts",
        "disabling your ad blocker",
    ):
        assert furniture not in indexed["001"]
    assert "Home >" not in indexed["002"] and "Top Stories" not in indexed["002"]
    assert "Monday, May 12, 2025" not in indexed["002"]


def test_an_overlong_sentence_is_cut_into_pieces_that_fit() -> None:
    text = "Intro. " + "word, " * 400 + "end."
    sentences = split_sentences("x", text, clean(text).blocks, fits=lambda s: len(s) < 300)
    assert len(sentences) > 1
    assert all(len(s.text) < 300 and text[s.start : s.end] == s.text for s in sentences)


def test_soft_wrapped_lines_join_into_one_paragraph() -> None:
    text = "Title\n\nThe war continued through the\nwinter and into spring. It ended."
    sentences = split_sentences("x", text, clean(text).blocks)
    assert [s.text for s in sentences][
        1
    ] == "The war continued through the\nwinter and into spring."


@pytest.mark.parametrize(
    ("line", "iso"),
    [
        ("April 22, 2025", "2025-04-22"),
        ("Monday, May 12, 2025", "2025-05-12"),
        ("22 April 2025", "2025-04-22"),
        ("Published: 2024-12-19", "2024-12-19"),
        ("The talks on April 22, 2025 failed.", None),
        ("Apr 31x, 2025", None),
    ],
)
def test_publication_dates(line: str, iso: str | None) -> None:
    assert published_date(line) == iso


@pytest.mark.parametrize(
    ("line", "name"),
    [
        # A name alone is never taken for a publisher (001 states it in its FILE.meta).
        ("    Euromaidan Press", None),
        ("Publisher: Kyiv Independent", "Kyiv Independent"),
        ("© 2025 The Moscow Times", "The Moscow Times"),
        ("Putin claims talks possible", None),
    ],
)
def test_publisher_lines(line: str, name: str | None) -> None:
    assert publisher_name(line) == name
