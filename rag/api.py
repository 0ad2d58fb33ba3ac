"""The public entry point: ``ask(question) -> Answer``, used by the CLI, the UI and the evals."""

from __future__ import annotations

import contextlib
import functools
import logging
import re
import threading
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rag import conflicts
from rag import language as lang
from rag.aliases import Alias, named_in_place, resolve
from rag.assemble import assemble
from rag.compose import Composition, compose
from rag.config import Settings
from rag.errors import QuestionError
from rag.lexical import tokenize
from rag.questions import QuestionInfo, analyse
from rag.retrieve import Mode, rare_names, retrieve
from rag.schema import Answer
from rag.score import rank
from rag.types import Passage

if TYPE_CHECKING:
    from rag.embed import Embedder
    from rag.reader import Reader
    from rag.spans import SpanReader
    from rag.store import Store

logger = logging.getLogger(__name__)

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
# Lone surrogates: bytes that were not UTF-8 (Python keeps them so in command-line arguments),
# or a broken string from a browser. The tokenizer cannot take them; they become U+FFFD.
_SURROGATE = re.compile("[\ud800-\udfff]")


def clean_question(question: str, settings: Settings) -> str:
    """The question with control characters and runs of white space folded, or QuestionError."""
    if not isinstance(question, str):
        raise QuestionError(f"a question must be text, got {type(question).__name__}")
    text = " ".join(_CONTROL.sub(" ", _SURROGATE.sub("\ufffd", question)).split())
    if not text:
        raise QuestionError("the question is empty: type a question about the articles")
    if len(text) > settings.max_question_chars:
        raise QuestionError(
            f"the question is {len(text):,} characters long; a question can be at most "
            f"{settings.max_question_chars:,}: ask it more briefly"
        )
    if not tokenize(text) and not any(ch.isalnum() for ch in text):
        raise QuestionError("the question has no words in it: type a question about the articles")
    return text


@dataclass(frozen=True)
class Trace:
    """One question's way through the pipeline, for the evals and for debugging: the
    composition (every retrieved sentence ranked, and the answer's sentences or the
    abstention), the disagreements found, and the public answer built from them."""

    composition: Composition
    findings: tuple[conflicts.Finding, ...]
    answer: Answer


class Pipeline:
    """Holds the opened store and the embedder, so many questions load them once.

    Safe to share between threads (the UI does); a newer store generation written by
    another process or an upload is picked up on the next question.
    """

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings.from_env()
        self._store: Store | None = None
        self._embedder: Embedder | None = None
        self._reader: Reader | None = None
        self._spans: SpanReader | None = None
        self._lock = threading.Lock()
        # Questions under way per open store: a store replaced by a newer generation is
        # closed (its Chroma client and its lease on the generation released) once its last
        # question is done, so a question never loses its store halfway.
        self._in_use: dict[int, int] = {}
        self._retired: list[Store] = []

    @property
    def store(self) -> Store:
        """The live generation, opened anew when an ingest has published a newer one."""
        with self._lock:
            return self._live_store()

    def _live_store(self) -> Store:
        from rag.store import Store

        if self._store is None or not self._store.is_current():
            fresh = Store.open(self.settings)
            if self._store is not None:
                self._retired.append(self._store)
            self._store = fresh
            self._close_retired()
        return self._store

    @contextlib.contextmanager
    def _using_store(self) -> Iterator[Store]:
        """The live store, kept open until the block ends (one generation per question)."""
        with self._lock:
            store = self._live_store()
            self._in_use[id(store)] = self._in_use.get(id(store), 0) + 1
        try:
            yield store
        finally:
            with self._lock:
                self._in_use[id(store)] -= 1
                self._close_retired()

    def _close_retired(self) -> None:
        for store in [s for s in self._retired if not self._in_use.get(id(s))]:
            self._retired.remove(store)
            self._in_use.pop(id(store), None)
            store.close()

    @property
    def reader(self) -> Reader:
        """The cross-encoder that reads the question with each best candidate."""
        from rag.reader import Reader

        with self._lock:
            if self._reader is None:
                self._reader = Reader(threads=self.settings.reader_threads)
            return self._reader

    @property
    def spans(self) -> SpanReader:
        """The span reader: which of a sentence's values answers, for conflict notes."""
        from rag.spans import SpanReader

        with self._lock:
            if self._spans is None:
                self._spans = SpanReader(threads=self.settings.reader_threads)
            return self._spans

    @property
    def embedder(self) -> Embedder:
        from rag.embed import Embedder

        with self._lock:
            if self._embedder is None:
                self._embedder = Embedder(self.settings.backend, self.settings.batch_size)
            return self._embedder

    def retrieve(self, question: str, *, mode: Mode = "hybrid") -> list[Passage]:
        """The candidate sentences for ``question``, best fused retrieval score first."""
        info = analyse(clean_question(question, self.settings))
        with self._using_store() as store:
            aliases = resolve(info.text, store.people_by_role)
            anchors = rare_names(info, store, self.settings, aliases)
            return self._retrieve(info, store, anchors, aliases, mode)

    def rank(self, question: str, passages: Sequence[Passage]) -> list[Passage]:
        """``passages`` (from :meth:`retrieve`) most relevant first, ranked as :meth:`ask`
        ranks them: the reader reads the question with the best by evidence, the people
        it describes by role named (:func:`rag.aliases.named_in_place`)."""
        text = clean_question(question, self.settings)
        with self._using_store() as store:
            aliases = resolve(text, store.people_by_role)
        return self._rank(named_in_place(text, aliases), passages)

    def _rank(self, text: str, passages: Sequence[Passage]) -> list[Passage]:
        return rank(text, passages, self.reader, self.settings.reader_candidates)

    def ask(
        self, question: str, *, mode: Mode = "hybrid", sources: Collection[str] | None = None
    ) -> Answer:
        """Answer ``question`` from the articles (see :func:`rag.ask`); from the articles
        ``sources`` (doc ids) only, when given (an id the store does not hold is a
        :class:`~rag.errors.QuestionError`).

        The steps, each taking the previous one's value: analyse the question; retrieve
        candidate sentences; rank them by relevance; compose the answer (or abstain);
        detect where the sources disagree on what is asked; assemble the public answer.
        """
        return self.trace(question, mode=mode, sources=sources).answer

    def trace(
        self, question: str, *, mode: Mode = "hybrid", sources: Collection[str] | None = None
    ) -> Trace:
        """:meth:`ask`, with what each step made on the way to the answer."""
        info = analyse(clean_question(question, self.settings))
        with self._using_store() as store:  # one generation for the whole question
            if sources is not None:
                unknown = sorted(set(sources) - set(store.docs))
                if unknown:
                    raise QuestionError(
                        f"no article {unknown[0]!r} in the store: choose among the ingested "
                        "articles (`rag ingest` lists them)"
                    )
            aliases = resolve(info.text, store.people_by_role)
            anchors = rare_names(info, store, self.settings, aliases)
            candidates = self._retrieve(info, store, anchors, aliases, mode, sources)
            asked_as = named_in_place(info.text, aliases)
            ranked = self._rank(asked_as, candidates)
            composition = compose(
                info,
                ranked,
                self.settings,
                unknown_names=unknown_names(info.names, store),
                anchors=anchors,
            )
            findings = conflicts.detect(
                composition, self.settings, self.spans, asked_as=asked_as, gists=store.gists
            )
            answer = assemble(composition, findings, store.text, self.settings)
            return Trace(composition, tuple(findings), answer)

    def _retrieve(
        self,
        info: QuestionInfo,
        store: Store,
        anchors: list[str],
        aliases: Sequence[Alias],
        mode: Mode,
        sources: Collection[str] | None = None,
    ) -> list[Passage]:
        vector = self.embedder.encode([with_names(info.text, aliases)])[0]
        return retrieve(info, vector, store, self.settings, anchors, aliases, mode, sources)


def with_names(question: str, aliases: Sequence[Alias]) -> str:
    """The question as it is embedded: with the names of the people it describes by role,
    which the model cannot know ("... the Russian leader ...? (Vladimir Putin)")."""
    if not aliases:
        return question
    return f"{question} ({', '.join(dict.fromkeys(a.name for a in aliases))})"


def unknown_names(names: tuple[str, ...], store: Store) -> list[str]:
    """Names from the question that no article mentions, in its text or its metadata, even
    spelled a letter or two differently ("Krugmen" is Krugman): a typo is not a reason to
    say the articles never mention someone. A title before a name ("Senator", "Sen.", "Dr")
    is no name: the articles may write it another way or leave it out ("Queen" alone may be
    the band)."""
    return [
        name
        for i, name in enumerate(names)
        if (tokens := tokenize(name))  # "B" in "B cells" has no word the index can look up
        and not (lang.is_title(name) and i + 1 < len(names))
        and not store.in_metadata(name)
        and not any(store.knows_like(t) for t in tokens)
    ]


@functools.lru_cache(maxsize=4)
def pipeline(settings: Settings) -> Pipeline:
    """The shared pipeline for ``settings`` (one per distinct settings, per process)."""
    return Pipeline(settings)


def ask(question: str, settings: Settings | None = None) -> Answer:
    """Answer ``question`` with verbatim sentences from the ingested articles.

    Returns an :class:`~rag.types.Answer`: numbered citations with exact character spans,
    conflict notes where sources disagree, or ``abstained=True`` with the nearest passages
    when the articles do not answer. Raises :class:`~rag.errors.QuestionError` for an empty
    or over-long question and :class:`~rag.errors.EmptyStoreError` before any ingest.

    Example::

        from rag import ask
        answer = ask("What did Putin give Trump in 2018?")
        print(answer.answer)            # "Putin gives Trump a soccer ball ... [1]"
        answer.citations[0].doc_id      # "001_1ebcad579dd464c2"
    """
    return pipeline(settings or Settings.from_env()).ask(question)
