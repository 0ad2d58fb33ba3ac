"""What the copy-on-write generations cost: copying a store's Chroma folder (what every ingest
does before writing, and what a reader of a read-only store does once), opening the store,
and a dense query, on a store of your choice.

    python -m benchmarks.store_copy .rag/eval-stores/squad-v1.1-dev-articles-*
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from pathlib import Path

import numpy as np

from rag.config import Settings
from rag.store import Store, chroma_path, copy_chroma, live_generation


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("store", type=Path)
    parser.add_argument("-n", type=int, default=5, help="repetitions")
    args = parser.parse_args()
    name = live_generation(args.store)
    assert name is not None, f"{args.store} holds no generation"
    source = chroma_path(args.store, name)
    size = sum(p.stat().st_size for p in source.rglob("*") if p.is_file())
    copies = []
    for _ in range(args.n):
        target = Path(tempfile.mkdtemp()) / "chroma"
        started = time.perf_counter()
        copy_chroma(source, target)
        copies.append(time.perf_counter() - started)
        shutil.rmtree(target.parent)
    settings = Settings.from_env({}, store=args.store)
    opens, queries = [], []
    for _ in range(args.n):
        started = time.perf_counter()
        store = Store.open(settings)
        opens.append(time.perf_counter() - started)
        vector = np.random.default_rng(0).standard_normal(384).astype(np.float32)
        for _ in range(50):
            started = time.perf_counter()
            store.nearest_sentences(vector, 40)
            queries.append(time.perf_counter() - started)
        store.close()
    print(f"Chroma folder {source}: {size / 1e6:.1f} MB")
    print(f"copy (sqlite backup + segment files): median {statistics.median(copies):.2f} s")
    print(f"Store.open: median {statistics.median(opens):.2f} s")
    print(f"nearest_sentences(k=40): median {statistics.median(queries) * 1000:.1f} ms")


if __name__ == "__main__":
    main()
