"""The lexical side of retrieval: BM25 (bm25s) over stemmed, lower-cased word tokens."""

from __future__ import annotations

import bisect
import functools
import logging
import re
import unicodedata
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

logger = logging.getLogger(__name__)


def _bm25s() -> Any:
    """bm25s, imported on first use.

    Importing it sets its logger to DEBUG, which prints "Building index from tokens" on
    every ingest whatever the application's level: only its warnings are of interest here.
    """
    import bm25s

    logging.getLogger("bm25s").setLevel(logging.WARNING)
    return bm25s


_WORD = re.compile(r"\w+", re.UNICODE)
# "U.S.", "U.K.", "E.U.": initialisms with dots are one word ("us", "uk", "eu"), as they are
# when written without dots, not single letters that would be dropped.
_DOTTED_INITIALS = re.compile(r"\b(?:[A-Za-z]\.){2,}")
_STOPWORDS = frozenset(
    "a an and are as at be but by for if in into is it no not of on or such that the their "
    "then there these they this to was will with what which who whom when where why how "
    "did does do has have had he she his her its i you we our your were been being from "
    "would could should can may might than so many much about also".split()
)


@functools.cache
def _stemmer() -> Any:
    import Stemmer

    return Stemmer.Stemmer("english")


def tokenize(text: str) -> list[str]:
    """Lower-cased, stemmed word tokens without stop words (``"occupied"`` -> ``"occupi"``)."""
    return list(_cached_tokens(text))


def stem(word: str) -> str:
    """One word lower-cased and stemmed as :func:`tokenize` stems it (``"Approved"`` ->
    ``"approv"``), stop words included."""
    return str(_stemmer().stemWord(word.lower().replace("’", "'")))


def bare(word: str) -> str:
    """A word lower-cased, without a possessive ending: "Ukraine’s" -> "ukraine", "Paris's"
    -> "paris" (a suffix, not characters: "Paris's" is not "pari")."""
    word = word.lower()
    return word[:-2] if word.endswith(("’s", "'s")) else word


def mentions(terms: Iterable[str], term: str) -> bool:
    """Whether ``term`` is among the tokenized ``terms``, counting a longer or shorter form of
    a word of four letters or more, which the stemmer keeps apart ("sahara" and "saharan",
    "creator" and "creat")."""
    return any(
        t == term or (min(len(term), len(t)) >= 4 and (t.startswith(term) or term.startswith(t)))
        for t in terms
    )


class Vocabulary:
    """The tokens of a long text (an article), to ask whether it mentions a term as
    :func:`mentions` counts it, or spelled a letter or two off, without scanning every
    token."""

    def __init__(self, text: str) -> None:
        self._terms = frozenset(_tokens(text))  # not through the cache of short texts
        self._sorted = sorted(self._terms)

    def mentions(self, term: str) -> bool:
        if term in self._terms:
            return True
        if len(term) < 4:
            return False
        after = bisect.bisect_left(self._sorted, term)
        if after < len(self._sorted) and self._sorted[after].startswith(term):
            return True  # a longer form
        if any(term[:n] in self._terms for n in range(4, len(term))):
            return True  # a shorter one
        return len(term) >= _SPELLED_OTHERWISE and self._spelled_otherwise(term)

    def _spelled_otherwise(self, term: str) -> bool:
        """Whether a word starting alike is a letter or two off a long term ("zelenski" for
        "Zelenskyy", "harbour" for "Harbor"): the words starting alike are a slice of the
        sorted ones."""
        from rapidfuzz.distance import Levenshtein

        start = term[:3]
        low = bisect.bisect_left(self._sorted, start)
        high = bisect.bisect_left(self._sorted, start + "\uffff")
        return any(Levenshtein.distance(term, word) <= 2 for word in self._sorted[low:high])


# Words this long or longer are matched a letter or two off by Vocabulary.mentions.
_SPELLED_OTHERWISE = 7


# Answering one question tokenizes each candidate sentence several times (retrieval,
# composition, conflicts): a small cache of recent texts saves most of that work.
@functools.lru_cache(maxsize=8192)
def _cached_tokens(text: str) -> tuple[str, ...]:
    return tuple(_tokens(text))


def _tokens(text: str) -> list[str]:
    words = [
        w
        for w in _WORD.findall(
            _DOTTED_INITIALS.sub(lambda m: m.group().replace(".", ""), fold_accents(text))
            .lower()
            .replace("’", "'")
        )
        if len(w) > 1 and w not in _STOPWORDS
    ]
    return list(_stemmer().stemWords(words))


# Latin letters that do not decompose into a base letter and a mark.
_LATIN_LETTERS = str.maketrans(
    {"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ß": "ss"}
)


def fold_accents(text: str) -> str:
    """``text`` without the diacritics of Latin letters, so that a reader who types "Jose",
    "Sao Paulo" or "Lodz" finds "José", "São Paulo" and "Łódź" (and the reverse). The marks
    of other scripts stay: they tell words apart (Japanese "ガ" is not "カ")."""
    if text.isascii():
        return text
    folded: list[str] = []
    for char in unicodedata.normalize("NFKD", text.translate(_LATIN_LETTERS)):
        if unicodedata.combining(char) and folded and folded[-1].isascii():
            continue
        folded.append(char)
    return unicodedata.normalize("NFKC", "".join(folded))


class LexicalIndex:
    """BM25 over a list of texts, addressed by their row number.

    Example::

        index = LexicalIndex.build(["Putin is ready for talks.", "Ukraine's red line."])
        index.scores("red line")          # array([0.  , 0.98...])
    """

    def __init__(self, retriever: Any, size: int) -> None:
        self._retriever = retriever
        self.size = size

    @classmethod
    def build(cls, texts: Sequence[str]) -> LexicalIndex:
        retriever = _bm25s().BM25()
        if texts:
            # Uncached: every text is seen once here, and would only crowd the cache.
            retriever.index([_tokens(t) for t in texts], show_progress=False)
        return cls(retriever, len(texts))

    def save(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        if self.size:
            self._retriever.save(str(folder), show_progress=False)

    @classmethod
    def load(cls, folder: Path, size: int) -> LexicalIndex:
        bm25s = _bm25s()
        if not size:
            return cls(bm25s.BM25(), 0)
        retriever = bm25s.BM25.load(str(folder), mmap=False, show_progress=False)
        return cls(retriever, size)

    def scores(self, query: str) -> np.ndarray:
        """BM25 score of every row for ``query`` (zeros when nothing matches)."""
        tokens = tokenize(query)
        if not self.size or not tokens:
            return np.zeros(self.size, dtype=np.float32)
        return np.asarray(self._retriever.get_scores(tokens), dtype=np.float32)

    def document_frequency(self, tokens: Sequence[str]) -> np.ndarray:
        """In how many rows each (already tokenized) term occurs; 0 for unseen terms."""
        if not self.size:
            return np.zeros(len(tokens))
        vocab = self._retriever.vocab_dict
        indptr = self._retriever.scores["indptr"]
        return np.array(
            [indptr[vocab[t] + 1] - indptr[vocab[t]] if t in vocab else 0 for t in tokens],
            dtype=np.float64,
        )

    def knows(self, token: str) -> bool:
        """Whether an indexed term is ``token`` or, for a token of four letters or more,
        starts with it ("america" -> "american"; but "un" is not "unilater")."""
        if not self.size:
            return False
        terms = self._sorted_terms()
        i = bisect.bisect_left(terms, token)
        if i == len(terms):
            return False
        return terms[i] == token or (len(token) >= 4 and terms[i].startswith(token))

    def knows_like(self, token: str) -> bool:
        """Whether an indexed term is ``token`` up to a typo: one edit (a transposition
        counts as one) for words of 4 or 5 letters, two from 6 ("krugmen" finds "krugman",
        "ghandi" finds "gandhi"); shorter words only exactly."""
        if self.knows(token):
            return True
        edits = 0 if len(token) < 4 else 1 if len(token) < 6 else 2
        if not edits or not self.size:
            return False
        from rapidfuzz import process
        from rapidfuzz.distance import DamerauLevenshtein

        found = process.extractOne(
            token, self._sorted_terms(), scorer=DamerauLevenshtein.distance, score_cutoff=edits
        )
        return found is not None

    @functools.cache  # noqa: B019  (one index per store generation; it lives as long)
    def _sorted_terms(self) -> list[str]:
        return sorted(t for t in self._retriever.vocab_dict if t)

    def idf(self, tokens: Sequence[str]) -> np.ndarray:
        """BM25 inverse document frequency of each (already tokenized) term."""
        df = self.document_frequency(tokens)
        return np.log1p((self.size - df + 0.5) / (df + 0.5))

    def top(self, query: str, k: int, rows: np.ndarray | None = None) -> list[tuple[int, float]]:
        """The ``k`` best rows with a positive score, best first (ties broken by row); only
        the rows a boolean mask ``rows`` keeps, when given."""
        scores = self.scores(query)
        if rows is not None:
            scores = np.where(rows, scores, 0.0)
        return top_rows(scores, k)


def top_rows(scores: np.ndarray, k: int) -> list[tuple[int, float]]:
    """Rows of the ``k`` highest positive scores, best first, ties by row number."""
    positive = np.flatnonzero(scores > 0)
    if positive.size > k:
        positive = positive[np.argpartition(-scores[positive], k - 1)[:k]]
    order = sorted(positive.tolist(), key=lambda r: (-float(scores[r]), r))
    return [(r, float(scores[r])) for r in order]
