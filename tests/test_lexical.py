"""The lexical side: tokens as BM25 and term coverage see them."""

from __future__ import annotations

from rag.lexical import LexicalIndex, Vocabulary, mentions, tokenize


def test_tokens_are_stemmed_content_words() -> None:
    assert tokenize("Russia occupied the territories") == ["russia", "occupi", "territori"]


def test_dotted_initialisms_are_one_word_as_without_dots() -> None:
    assert tokenize("the U.S. proposal") == tokenize("the US proposal") == ["us", "propos"]
    assert tokenize("the U.K. and the E.U.") == ["uk", "eu"]
    assert tokenize("St. Petersburg") == ["st", "petersburg"]


def test_a_question_about_the_us_finds_a_sentence_that_says_us() -> None:
    index = LexicalIndex.build(
        ["The US has presented a framework for a ceasefire.", "Kyiv rejected the plan."]
    )
    scores = index.scores("What ceasefire does the U.S. proposal envisage?")
    assert scores[0] > scores[1] == 0


def test_mentions_counts_longer_and_shorter_forms_of_a_word() -> None:
    assert mentions(tokenize("dust from the Sahara"), "saharan")
    assert mentions(tokenize("created by Steven Bochco"), tokenize("creator")[0])
    assert not mentions(tokenize("the war in Ukraine"), tokenize("warn")[0])


def test_an_articles_vocabulary_mentions_a_term_as_mentions_does() -> None:
    text = "Dust from the Sahara reached Madrid. The series was created by Steven Bochco."
    vocabulary = Vocabulary(text)
    for word in ("saharan", "sahara", "creator", "madrid", "bochco", "warn", "dust", "stevens"):
        term = tokenize(word)[0]
        assert vocabulary.mentions(term) == mentions(tokenize(text), term), word
    # and a long word spelled a letter or two off: a name as another outlet writes it
    assert Vocabulary("Volodymyr Zelenskyy spoke.").mentions(tokenize("Zelensky")[0])
    assert not Vocabulary("Volodymyr Zelenskyy spoke.").mentions(tokenize("Zelinski")[0])


def test_a_name_spelled_a_letter_off_is_still_known() -> None:
    index = LexicalIndex.build(
        ["Paul Krugman won the prize in 2008.", "Mahatma Gandhi led the salt march."]
    )
    assert index.knows_like("krugmen") and index.knows_like("ghandi")
    assert not index.knows_like("keynes")
    assert not index.knows_like("gan")  # short words only exactly


def test_accents_are_folded_so_a_name_typed_without_them_is_found() -> None:
    assert tokenize("Napoleon divorced Joséphine") == tokenize("Napoleon divorced Josephine")
    assert tokenize("São Paulo, Nestlé") == ["sao", "paulo", "nestl"]  # places, companies
    assert tokenize("Łódź") == tokenize("Lodz") and tokenize("Straße") == tokenize("Strasse")
    assert tokenize("ガス") != tokenize("カス")  # other scripts keep their marks
    index = LexicalIndex.build(["Napoleon divorced Joséphine in 1810.", "He left Paris."])
    assert index.knows("josephin")
    assert index.scores("When did Napoleon divorce Josephine?")[0] > 0
