"""Ingest into a real Chroma store: verbatim offsets, chunk limits, idempotence, safety."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ingest.chunk import chunk_sentences, count_tiktokens
from ingest.load import load_document
from ingest.pipeline import ingest, split_document
from rag.annotate import annotate
from rag.api import Pipeline
from rag.config import Settings
from rag.embed import MAX_WORDPIECES, count_wordpieces, model_path
from rag.errors import EmptyStoreError, StoreError, StoreMismatchError
from rag.store import (
    Store,
    chroma_client,
    chroma_path,
    collection_names,
    live_generation,
    write_lock,
)
from tests.conftest import ARTICLES, make_settings

SMALL = ["002_72acc11ac7a82a21", "003_56b82167046989ac"]


def _copy_articles(folder: Path, stems: list[str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for stem in stems:
        shutil.copy(ARTICLES / f"{stem}.txt", folder / f"{stem}.txt")
    return folder


def _snapshot(settings: Settings) -> tuple[list[str], list[str]]:
    store = Store.open(settings)
    return [s.id for s in store.sentences], [c.id for c in store.chunks]


def _chroma_ids(settings: Settings) -> tuple[set[str], set[str]]:
    """The (chunk, sentence) ids the live generation's own Chroma folder holds."""
    name = live_generation(settings.store)
    assert name is not None
    client = chroma_client(settings, chroma_path(settings.store, name))
    chunks, sentences = (
        set(client.get_collection(n).get(include=[])["ids"]) for n in collection_names(settings)
    )
    client.close()
    return chunks, sentences


def test_the_bundled_articles_are_all_in_the_store(store: Store) -> None:
    assert sorted(store.docs) == sorted(p.stem for p in ARTICLES.glob("*.txt"))
    assert len(store.sentences) > 70 and len(store.chunks) >= 15


def test_every_stored_sentence_is_verbatim_in_the_original_file(store: Store) -> None:
    for sentence in store.sentences:
        original = (ARTICLES / f"{sentence.doc_id}.txt").read_bytes().decode("utf-8")
        assert original[sentence.start : sentence.end] == sentence.text


def test_no_chunk_exceeds_the_models_word_piece_limit(store: Store) -> None:
    # Counted with the model's own tokenizer, as sentence-transformers loads it.
    from sentence_transformers import SentenceTransformer

    model = SentenceTransformer(str(model_path()), device="cpu")
    assert model.max_seq_length == MAX_WORDPIECES
    for chunk in store.chunks:
        assert len(model.tokenizer(chunk.text)["input_ids"]) <= MAX_WORDPIECES, chunk.id


def test_chunks_respect_the_token_budget_and_overlap() -> None:
    doc = load_document(ARTICLES / "000_a8e0354666d9b320.txt")
    sentences = split_document(doc)
    chunks = chunk_sentences(
        sentences,
        chunk_tokens=60,
        chunk_overlap=20,
        max_wordpieces=MAX_WORDPIECES,
        count_wordpieces=count_wordpieces,
    )
    assert len(chunks) > 5
    for chunk in chunks:
        assert len(chunk.sentence_ids) == 1 or count_tiktokens([chunk.text])[0] <= 60
    for before, after in zip(chunks, chunks[1:], strict=False):
        repeated = set(before.sentence_ids) & set(after.sentence_ids)
        assert count_tiktokens([s.text for s in sentences if s.id in repeated] or [""])[0] <= 20
    covered = {sid for c in chunks for sid in c.sentence_ids}
    assert covered == {s.id for s in sentences}


def test_a_chunk_too_long_for_the_model_is_shrunk_to_fit() -> None:
    doc = load_document(ARTICLES / "004_585b4e0ee30f5510.txt")
    chunks = chunk_sentences(
        split_document(doc),
        chunk_tokens=5000,
        chunk_overlap=0,
        max_wordpieces=120,
        count_wordpieces=count_wordpieces,
    )
    assert len(chunks) > 2
    assert all(count_wordpieces([c.text])[0] <= 120 for c in chunks)


def test_ids_are_derived_from_content_and_offsets(store: Store) -> None:
    again = split_document(load_document(ARTICLES / "001_1ebcad579dd464c2.txt"))
    stored = [s for s in store.sentences if s.doc_id == "001_1ebcad579dd464c2"]
    assert [s.id for s in again] == [s.id for s in stored]


def test_second_ingest_of_unchanged_files_writes_nothing(settings: Settings) -> None:
    before = _snapshot(settings)
    generation = (settings.store / "CURRENT").read_text()
    report = ingest(None, settings)
    assert not report.changed and report.embedded == 0
    assert "nothing to re-ingest" in report.summary()
    assert (settings.store / "CURRENT").read_text() == generation
    assert _snapshot(settings) == before


def test_two_fresh_ingests_of_a_folder_give_the_same_ids_and_counts(tmp_path: Path) -> None:
    folder = _copy_articles(tmp_path / "articles", SMALL)
    first, second = make_settings(tmp_path / "a"), make_settings(tmp_path / "b")
    ingest([folder], first)
    ingest([folder], second)
    assert _snapshot(first) == _snapshot(second)
    assert _chroma_ids(first) == _chroma_ids(second)


def test_a_changed_file_replaces_exactly_its_old_chunks(tmp_path: Path) -> None:
    folder = _copy_articles(tmp_path / "articles", SMALL)
    settings = make_settings(tmp_path / "store")
    ingest([folder], settings)
    sentences_before, chunks_before = _snapshot(settings)
    changed = folder / "003_56b82167046989ac.txt"
    changed.write_text(
        changed.read_text(encoding="utf-8") + "\nPutin also praised the weather.\n",
        encoding="utf-8",
    )
    report = ingest([folder], settings)
    assert report.updated == ["003_56b82167046989ac"] and report.unchanged == [SMALL[0]]
    sentences_after, chunks_after = _snapshot(settings)
    untouched = [i for i in sentences_before if i.startswith(SMALL[0])]
    assert [i for i in sentences_after if i.startswith(SMALL[0])] == untouched
    assert any("weather" in s.text for s in Store.open(settings).sentences)
    # Chroma holds exactly what the live generation lists: old vectors are gone.
    chunk_ids, sentence_ids = _chroma_ids(settings)
    assert chunk_ids == set(chunks_after) and sentence_ids == set(sentences_after)
    assert set(chunks_before) - set(chunks_after)


def test_prune_removes_articles_whose_files_are_gone(tmp_path: Path) -> None:
    folder = _copy_articles(tmp_path / "articles", SMALL)
    settings = make_settings(tmp_path / "store")
    ingest([folder], settings)
    (folder / f"{SMALL[1]}.txt").unlink()
    assert not ingest([folder], settings).removed  # without --prune, nothing is dropped
    report = ingest([folder], settings, prune=True)
    assert report.removed == [SMALL[1]]
    assert sorted(Store.open(settings).docs) == [SMALL[0]]
    assert all(i.startswith(SMALL[0]) for i in _chroma_ids(settings)[1])


def test_bad_files_are_reported_and_skipped_while_the_rest_ingest(tmp_path: Path) -> None:
    folder = _copy_articles(tmp_path / "articles", SMALL[:1])
    (folder / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00")
    (folder / "empty.md").write_bytes(b"")
    (folder / "latin1.txt").write_bytes("Caf\u00e9 na\u00efve".encode("latin-1"))
    settings = make_settings(tmp_path / "store")
    report = ingest([folder], settings)
    assert report.added == SMALL[:1]
    reasons = {Path(str(e.path)).name: e.reason for e in report.skipped}
    assert set(reasons) == {"image.txt", "empty.md", "latin1.txt"}
    assert "binary" in reasons["image.txt"] and "UTF-8" in reasons["latin1.txt"]
    assert all(name in report.summary() for name in reasons)


def test_a_failure_mid_ingest_leaves_the_store_answering_as_before(tmp_path: Path) -> None:
    folder = _copy_articles(tmp_path / "articles", SMALL[:1])
    settings = make_settings(tmp_path / "store")
    ingest([folder], settings)
    before = _snapshot(settings)
    question = "Which countries did Russia approach to broker negotiations?"
    answer_before = Pipeline(settings).ask(question).to_dict()
    _copy_articles(folder, SMALL[1:])

    def crash(done: int, total: int, what: str) -> None:
        raise RuntimeError("disk on fire")

    with pytest.raises(RuntimeError, match="disk on fire"):
        ingest([folder], settings, progress=crash)
    assert _snapshot(settings) == before
    assert Pipeline(settings).ask(question).to_dict() == answer_before
    # The next run completes, reusing the vectors the failed run already stored.
    report = ingest([folder], settings)
    assert report.added == SMALL[1:]
    assert len(Store.open(settings).docs) == 2


def test_a_store_built_with_other_chunk_settings_is_refused(settings: Settings) -> None:
    other = settings.replace(chunk_tokens=settings.chunk_tokens + 40)
    with pytest.raises(StoreMismatchError, match="run `rag ingest` to re-index"):
        Store.open(other)


def test_ingest_with_new_settings_reindexes_every_article_and_keeps_them(tmp_path: Path) -> None:
    folder = _copy_articles(tmp_path / "articles", SMALL)
    settings = make_settings(tmp_path / "store")
    ingest([folder], settings)
    before = Store.open(settings)
    smaller = settings.replace(chunk_tokens=60, chunk_overlap=10)
    # Only one article is given; the other is re-indexed from the store's own copy.
    report = ingest([folder / f"{SMALL[0]}.txt"], smaller)
    assert report.updated == sorted(SMALL)
    # Sentences do not depend on chunk sizes: their vectors are reused, only chunks embedded.
    after = Store.open(smaller)
    assert [s.id for s in after.sentences] == [s.id for s in before.sentences]
    assert report.embedded == len(after.chunks) - len(
        {c.id for c in before.chunks} & {c.id for c in after.chunks}
    )
    assert len(after.chunks) > len(before.chunks)
    assert after.docs == before.docs
    with pytest.raises(StoreMismatchError):
        Store.open(settings)


def test_rebuild_starts_over_with_new_settings(tmp_path: Path) -> None:
    folder = _copy_articles(tmp_path / "articles", SMALL[:1])
    settings = make_settings(tmp_path / "store")
    ingest([folder], settings)
    chunks_before = len(Store.open(settings).chunks)
    smaller = settings.replace(chunk_tokens=60, chunk_overlap=10)
    report = ingest([folder], smaller, rebuild=True)
    assert report.added == SMALL[:1]
    rebuilt = Store.open(smaller).chunks
    assert len(rebuilt) > chunks_before
    assert all(count_tiktokens([c.text])[0] <= 60 or len(c.sentence_ids) == 1 for c in rebuilt)
    with pytest.raises(StoreMismatchError):
        Store.open(settings)


def test_an_empty_store_says_to_run_ingest(tmp_path: Path) -> None:
    with pytest.raises(EmptyStoreError, match="rag ingest"):
        Store.open(make_settings(tmp_path / "nothing"))
    with pytest.raises(EmptyStoreError, match="rag ingest"):
        Pipeline(make_settings(tmp_path / "nothing")).ask("Who is Putin?")


def test_two_ingests_at_once_are_refused(tmp_path: Path) -> None:
    settings = make_settings(tmp_path / "store")
    with write_lock(settings.store), pytest.raises(StoreError, match="another ingest"):
        ingest([ARTICLES / f"{SMALL[0]}.txt"], settings)


def test_reindexing_with_prune_drops_articles_whose_files_are_gone(tmp_path: Path) -> None:
    folder = _copy_articles(tmp_path / "articles", SMALL)
    settings = make_settings(tmp_path / "store")
    ingest([folder], settings)
    (folder / f"{SMALL[1]}.txt").unlink()
    report = ingest([folder], settings.replace(chunk_tokens=60, chunk_overlap=10), prune=True)
    assert report.updated == [SMALL[0]]
    assert report.removed == [SMALL[1]]
    assert list(Store.open(settings.replace(chunk_tokens=60, chunk_overlap=10)).docs) == [SMALL[0]]


def _assert_annotations_are_each_sentences_own(store: Store) -> None:
    for doc_id, info in store.docs.items():
        sentences = [s for s in store.sentences if s.doc_id == doc_id]
        expected = annotate([s.text for s in sentences], info.published)
        assert [store.annotation(s) for s in sentences] == expected


def test_each_sentence_keeps_the_annotators_reading_of_it(store: Store) -> None:
    # Annotation runs in slices after the embedding: what the store keeps must still be each
    # sentence's own reading, in order, for every article.
    _assert_annotations_are_each_sentences_own(store)


def test_a_long_article_is_annotated_in_slices_that_keep_their_order(tmp_path: Path) -> None:
    # Over 256 sentences: annotated in several slices, put back in order.
    lines = [
        f"On {1 + i % 28} March 2024 the Lindenport council counted {i * 7} ferries, "
        f"said harbour master {['Ruth Delaney', 'Amara Okafor', 'Tom Hale'][i % 3]}."
        for i in range(300)
    ]
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "ferries.txt").write_text("Ferry counts\n\n" + " ".join(lines) + "\n")
    settings = make_settings(tmp_path / "store")
    ingest([folder], settings)
    store = Store.open(settings)
    try:
        assert len(store.sentences) >= 300
        _assert_annotations_are_each_sentences_own(store)
    finally:
        store.close()


def test_many_sentences_are_annotated_on_processes_as_they_would_be_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The bundled articles are too few for worker processes; lower the bar so they use them.
    monkeypatch.setattr("ingest.pipeline._PROCESSES_FROM", 1)
    settings = make_settings(tmp_path / "store")
    ingest(None, settings)
    store = Store.open(settings)
    try:
        _assert_annotations_are_each_sentences_own(store)
    finally:
        store.close()


@pytest.mark.slow
def test_a_script_without_a_main_guard_still_gets_its_annotations(tmp_path: Path) -> None:
    # Each worker process re-runs such a script and stops (the store is locked by the
    # parent); the parent says how to mend the script and annotates on its own.
    script = tmp_path / "unguarded.py"
    script.write_text(
        "import ingest.pipeline as pipeline\n"
        "from rag.config import Settings\n"
        "pipeline._PROCESSES_FROM = 1\n"
        f"pipeline.ingest(None, Settings.from_env({{}}, store={str(tmp_path / 'store')!r}))\n"
    )
    result = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert 'if __name__ == "__main__":' in result.stderr
    store = Store.open(make_settings(tmp_path / "store"))
    try:
        _assert_annotations_are_each_sentences_own(store)
    finally:
        store.close()
