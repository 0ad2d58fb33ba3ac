"""An interrupted ingest resumes: a re-run embeds only what the first run did not store."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.pipeline import ingest
from rag.store import Store, current_generation
from tests.conftest import make_settings


class Interrupt:
    """A progress callback that presses Ctrl-C once the first slice is stored."""

    def __init__(self) -> None:
        self.stored = 0

    def __call__(self, done: int, total: int, what: str) -> None:
        self.stored = done
        raise KeyboardInterrupt


@pytest.mark.slow
def test_a_rerun_after_ctrl_c_continues_where_it_stopped(tmp_path: Path, store: Store) -> None:
    # Small batches make slices of 16 texts, so the bundled articles take several.
    settings = make_settings(tmp_path / "store", batch_size=2)
    total = len(store.sentences) + len(store.chunks)
    interrupt = Interrupt()
    with pytest.raises(KeyboardInterrupt):
        ingest(None, settings, progress=interrupt)
    assert 0 < interrupt.stored < total
    assert current_generation(settings.store) is None  # nothing half-written is live

    report = ingest(None, settings)  # the write lock was released by the interrupted run

    assert report.embedded == total - interrupt.stored
    resumed = Store.open(settings)
    assert resumed.sentences == store.sentences
    assert resumed.chunks == store.chunks
    # Every listed vector is there, the ones from before the interrupt included.
    vectors = resumed.vectors(resumed.sentences)
    assert vectors.shape == (len(store.sentences), 384)


class InterruptAnnotating:
    """A progress callback that presses Ctrl-C once the first slice is annotated."""

    def __call__(self, done: int, total: int, what: str) -> None:
        if what == "annotations":
            raise KeyboardInterrupt


@pytest.mark.slow
def test_ctrl_c_while_processes_annotate_stops_them_and_loses_no_vector(
    tmp_path: Path, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The bundled articles are too few for worker processes; lower the bar so they use them.
    monkeypatch.setattr("ingest.pipeline._PROCESSES_FROM", 1)
    settings = make_settings(tmp_path / "store")
    with pytest.raises(KeyboardInterrupt):
        ingest(None, settings, progress=InterruptAnnotating())
    assert current_generation(settings.store) is None  # nothing half-written is live

    report = ingest(None, settings)  # the workers are gone and the write lock released

    assert report.embedded == 0  # every vector was kept
    assert Store.open(settings).sentences == store.sentences
