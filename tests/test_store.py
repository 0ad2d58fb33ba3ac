"""The store's concurrency design: readers of one published generation in several processes,
generations kept while leased, and stores written before generations had their own Chroma."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from ingest.pipeline import ingest
from rag.api import Pipeline
from rag.config import Settings
from rag.store import Store, chroma_path, is_hatnote, live_generation, published_generations
from tests.conftest import ARTICLES, PROJECT_ROOT, make_settings

READER = """
import sys
from rag.api import Pipeline
from rag.config import Settings
pipeline = Pipeline(Settings.from_env({}, store=sys.argv[1]))
for _ in range(20):
    assert pipeline.ask("What did Putin give Trump in 2018?").citations
"""


def _vector_files(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in folder.rglob("*")
        if p.is_file() and p.name != "chroma.sqlite3"
    }


def test_readers_in_several_processes_never_write_the_vector_files(settings: Settings) -> None:
    folder = chroma_path(settings.store, live_generation(settings.store) or "")
    before = _vector_files(folder)
    env = os.environ | {"PYTHONPATH": str(PROJECT_ROOT)}
    readers = [
        subprocess.Popen([sys.executable, "-c", READER, str(settings.store)], env=env)
        for _ in range(3)
    ]
    assert [r.wait(timeout=300) for r in readers] == [0, 0, 0]
    assert _vector_files(folder) == before  # only sqlite's own locked file is written


def test_a_pipeline_releases_the_generation_it_replaced(tmp_path: Path) -> None:
    settings = make_settings(tmp_path / "store")
    ingest([ARTICLES / "002_72acc11ac7a82a21.txt"], settings)
    pipeline = Pipeline(settings)
    pipeline.ask("Which countries did Russia approach?")
    first = live_generation(settings.store)
    ingest([ARTICLES / "003_56b82167046989ac.txt"], settings)
    assert first in published_generations(settings.store)  # leased by the pipeline
    assert len(pipeline.ask("Does Russia have preconditions for talks?").citations) > 0
    ingest([ARTICLES / "003_56b82167046989ac.txt"], settings)  # nothing new; cleans up
    assert published_generations(settings.store) == [live_generation(settings.store)]


def test_a_store_of_the_earlier_layout_is_read_and_moved_on(tmp_path: Path) -> None:
    settings = make_settings(tmp_path / "store")
    ingest([ARTICLES / "002_72acc11ac7a82a21.txt"], settings)
    name = live_generation(settings.store) or ""
    shutil.move(settings.store / name / "chroma", settings.store / "chroma")  # one shared folder
    store = Store.open(settings)
    assert store.vectors(store.sentences).shape == (len(store.sentences), 384)
    store.close()
    report = ingest([ARTICLES / "003_56b82167046989ac.txt"], settings)
    assert report.embedded == len(Store.open(settings).sentences) - len(store.sentences) + (
        len(Store.open(settings).chunks) - len(store.chunks)
    )
    assert not (settings.store / "chroma").exists()
    assert (settings.store / (live_generation(settings.store) or "") / "chroma").is_dir()


def test_an_article_mentions_a_name_in_another_form_or_spelling(other_settings: Settings) -> None:
    store = Store.open(other_settings)
    try:
        bridge = next(d for d in store.docs if d.startswith("harbor-bridge"))
        assert store.mentions(bridge, [{"harbor", "bridg"}])
        assert store.mentions(bridge, [{"harbour"}])  # spelled a letter off
        assert not store.mentions(bridge, [{"ravelimab"}])
        assert store.mentions(bridge, [{"ravelimab"}, {"bridg"}])  # one of the names is enough
    finally:
        store.close()


def test_the_lead_of_an_article_is_its_first_sentence_after_the_title(store: Store) -> None:
    for doc_id, doc in store.docs.items():
        body = [s for s in store.sentences if s.doc_id == doc_id and s.text != doc.title]
        assert store.lead(doc_id) == min(body, key=lambda s: s.position)


def test_an_article_s_names_are_the_people_bodies_and_places_it_names(store: Store) -> None:
    for doc_id in store.docs:
        names = store.names(doc_id)
        assert names, doc_id
        said = " ".join(s.text for s in store.sentences_of(doc_id)).lower()
        assert all(name.split()[-1] in said for name in names)  # each one the article writes


def test_an_article_s_gist_is_the_mean_of_its_sentence_vectors(store: Store) -> None:
    docs = sorted(store.docs)
    gists = store.gists(docs)
    assert list(gists) == docs
    for doc_id, gist in gists.items():
        mean = store.vectors(store.sentences_of(doc_id)).mean(axis=0)
        assert np.allclose(gist, mean / np.linalg.norm(mean), atol=1e-6)
    # The bundled articles are five stories of one war: their gists are near one another,
    # each nearest itself.
    matrix = np.stack([gists[d] for d in docs])
    similarity = matrix @ matrix.T
    assert np.allclose(np.diag(similarity), 1.0, atol=1e-5)
    assert (similarity > 0.5).all()
    assert store.gists(docs[:1])[docs[0]] is gists[docs[0]]  # read once, then kept


def test_the_lead_of_a_page_is_not_its_hatnote(tmp_path: Path) -> None:
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "ferry.txt").write_text(
        "Skerry Queen (1968)\n\nNot to be confused with the hybrid ferry Skerry Queen (2024).\n\n"
        "MV Skerry Queen was a passenger ferry that sailed to the Skerry Islands from 1968.\n"
    )
    settings = make_settings(tmp_path / "store")
    ingest([folder], settings)
    store = Store.open(settings)
    try:
        assert store.lead("ferry").text.startswith("MV Skerry Queen was a passenger ferry")
    finally:
        store.close()


@pytest.mark.parametrize(
    ("sentence", "hatnote"),
    [
        ("Not to be confused with Joel Marrick (footballer, born 2001).", True),  # a person
        ("be confused with The Charge of the Light Brigade (1936 film).", True),  # a cut snippet
        ('"Springfield" redirects here. For other uses, see Springfield (disambiguation).', True),
        ("This article is about the river. For the town, see Avon, Ohio.", True),  # places
        ("Voters should not be confused with the many ballot options, officials said.", False),
        ("Residents of Springfield voted for other uses of the old mill on Tuesday.", False),
        ("For the 1936 film, see The Charge of the Light Brigade (1936 film).", True),
        ("For other people, the cost-of-living crisis meant skipping meals.", False),
        ("This article is about to change how readers see the council.", False),
    ],
)
def test_a_hatnote_is_told_by_how_it_begins(sentence: str, hatnote: bool) -> None:
    assert is_hatnote(sentence) is hatnote
