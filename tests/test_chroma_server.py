"""Client/server mode: vectors in a real `chroma run` server, the catalog and bm25 local."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from benchmarks.server import chroma_server
from rag.api import Pipeline
from rag.errors import StoreError
from rag.store import Store, chroma_client, collection_names
from tests.conftest import GOLD, make_settings, rag_command

pytestmark = [pytest.mark.server, pytest.mark.slow]


def gold_questions(n: int = 30) -> list[str]:
    """Every fourth gold question, up to ``n``: a spread over the articles, quick to ask."""
    lines = [line for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [json.loads(line)["question"] for line in lines[::4][:n]]


def test_ingest_into_a_server_answers_like_the_embedded_store(
    tmp_path: Path, cli_env: dict[str, str], pipeline: Pipeline, store: Store
) -> None:
    store_path = tmp_path / "store"
    with chroma_server(tmp_path / "chroma-server") as url:
        done = subprocess.run(
            [*rag_command(), "ingest", "--store", str(store_path), "--chroma-url", url],
            env=cli_env,
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert done.returncode == 0, done.stderr
        server_settings = make_settings(store_path, chroma_url=url)

        # Vectors went to the server, nothing to an embedded Chroma; the catalog is local.
        assert not (store_path / "chroma").exists()
        assert (store_path / "CURRENT").is_file()
        chunks, sentences = (
            chroma_client(server_settings).get_collection(name)
            for name in collection_names(server_settings)
        )
        assert sentences.count() == len(store.sentences)
        assert chunks.count() == len(store.chunks)

        server_pipeline = Pipeline(server_settings)
        for question in gold_questions():
            assert server_pipeline.ask(question).to_dict() == pipeline.ask(question).to_dict()

    with pytest.raises(StoreError, match="cannot reach the Chroma server"):
        Store.open(server_settings)
