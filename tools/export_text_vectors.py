"""Embed every text unit of the built-in catalogue and write moodify/catalog/data/text_vectors.npz.

    python tools/export_text_vectors.py

Run it after changing the catalogue sources or `track_units`; the app then ships the vectors
and a fresh install needs no embedding run. Vectors are float16 (the cosines they give
differ from float32 by less than 1e-3).
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

import numpy as np

from moodify.catalog import build, vectors
from moodify.store import Store


def main() -> None:
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as folder:
        store = Store(f"sqlite:///{Path(folder) / 'export.db'}")
        store.upgrade()
        vectors.BUNDLED_VECTORS = Path(folder) / "none.npz"  # embed everything afresh
        report = build.build(store, progress=lambda stage, done, total: print(
            f"\r{stage} {done}/{total}", end="", flush=True))
        with store.session() as session:
            stored = vectors.load_vectors(session)
        store.dispose()
    keys = sorted(stored)
    np.savez_compressed(Path(vectors.__file__).parent / "data" / "text_vectors.npz",
                        keys=np.array(keys), vectors=np.stack([stored[k] for k in keys]).astype(np.float16))
    print(f"\n{report.added} tracks, {len(keys)} text vectors in {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
