"""How the span reader's training examples are made (evals/train_spans.py)."""

from __future__ import annotations

from evals.train_spans import Example, SpanSettings, encode, locate
from rag.reader import wordpiece_tokenizer

FORMAT = SpanSettings().input_format()


def test_an_answer_is_found_as_a_whole_word_ignoring_case() -> None:
    # two domains: a city council, marine biology
    sentence = "In 2019 the council spent 20,190 pounds on the 2019 Plan."
    assert locate(sentence, ["2019 plan"]) == (47, 56)
    assert locate(sentence, ["2019"]) == (3, 7)  # not within "20,190"
    assert locate("Ctenophores are found in every ocean.", ["every ocean"]) == (25, 36)
    assert locate("Ctenophores are found in every ocean.", ["lake"]) is None


def test_the_target_is_the_answer_s_word_pieces_or_cls() -> None:
    sentence = "Ctenophores are found in every ocean, from the tropics to the poles."
    example = Example("Where are ctenophores found?", sentence, "Ctenophora", (25, 36))
    ids, segments, start, end = encode(FORMAT, example)
    assert segments[start] == segments[end] == 1
    assert wordpiece_tokenizer().decode(ids[start : end + 1]) == "every ocean"
    none = encode(FORMAT, Example("Who won the cup?", sentence, "Ctenophora", None))
    assert none[2:] == (0, 0)


def test_an_answer_cut_off_with_the_sentence_has_no_target() -> None:
    words = " ".join(["word"] * 200)
    example = Example(
        "What is at the end?", f"{words} the answer", "Long", (len(words) + 1, len(words) + 11)
    )
    assert encode(FORMAT, example)[2:] == (0, 0)


def test_an_answer_just_past_the_cut_has_no_target_not_the_separator() -> None:
    # The sentence fills the room the question leaves; its next word, the answer, is cut.
    question = "What is at the end?"
    room = (
        FORMAT.max_length
        - len(wordpiece_tokenizer().encode(question, add_special_tokens=False).ids)
        - 3
    )
    words = " ".join(["word"] * room)
    sentence = f"{words} answer"
    example = Example(question, sentence, "Long", (len(words) + 1, len(sentence)))
    ids, segments, start, end = encode(FORMAT, example)
    assert len(ids) == FORMAT.max_length
    assert (start, end) == (0, 0)
    kept = Example(question, sentence, "Long", (len(words) - 4, len(words)))  # the last "word"
    _, segments, start, end = encode(FORMAT, kept)
    assert start == end and segments[end] == 1 and ids[end + 1] == ids[-1]  # then [SEP]
