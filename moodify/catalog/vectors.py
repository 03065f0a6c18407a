"""Text units of a track (its tags and title) and their cached multilingual vectors.

A track's semantic vector is the weighted mean of its units' vectors, so only distinct
units are embedded (about 4,500 for the shipped catalogue, not 22,000 tracks). Vectors
live in the `text_vectors` table; `data/text_vectors.npz` ships those of the built-in
catalogue so a fresh install needs no embedding run (rebuild it with
`python tools/export_text_vectors.py`).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from sqlalchemy import select
from sqlalchemy.orm import Session

from moodify.models import e5
from moodify.store.models import TextVector

BUNDLED_VECTORS = Path(__file__).parent / "data" / "text_vectors.npz"
TITLE_WEIGHT = 0.5  # the title counts as much as half of all the tags together


def track_units(*, mood_tags, genres, instruments, title=None, album=None) -> list[tuple[str, float]]:
    """(text, weight) pairs whose weights sum to 1."""
    tags = [f"{t} music" for t in (*mood_tags, *genres)] + [f"music with {i}" for i in instruments]
    name = title or album
    units: list[tuple[str, float]] = []
    if tags:
        share = (1 - TITLE_WEIGHT) if name else 1.0
        units += [(t, share / len(tags)) for t in tags]
    if name:
        units.append((name, TITLE_WEIGHT if tags else 1.0))
    return units


def _bundled() -> dict[str, np.ndarray]:
    if not BUNDLED_VECTORS.exists():
        return {}
    with np.load(BUNDLED_VECTORS) as data:
        return dict(zip(data["keys"].tolist(), data["vectors"]))


def ensure_vectors(session: Session, texts: set[str], *, progress=None) -> int:
    """Store a vector for every text that has none yet; returns how many were embedded."""
    keys = {e5.text_key(t): t for t in texts}
    have: set[str] = set()
    key_list = list(keys)
    for start in range(0, len(key_list), 500):
        chunk = key_list[start:start + 500]
        have.update(session.scalars(select(TextVector.key).where(TextVector.key.in_(chunk))))
    missing = {k: t for k, t in keys.items() if k not in have}
    if not missing:
        return 0
    bundled = _bundled()
    rows = [{"key": k, "text": t, "vector": bundled[k].astype(np.float16).tobytes()}
            for k, t in missing.items() if k in bundled]
    to_embed = [(k, t) for k, t in missing.items() if k not in bundled]
    for start in range(0, len(to_embed), 64):
        batch = to_embed[start:start + 64]
        vectors = e5.embed_passages([t for _, t in batch])
        rows += [{"key": k, "text": t, "vector": v.astype(np.float16).tobytes()}
                 for (k, t), v in zip(batch, vectors)]
        if progress:
            progress(start + len(batch), len(to_embed))
    for start in range(0, len(rows), 1000):
        session.execute(TextVector.__table__.insert(), rows[start:start + 1000])
    return len(to_embed)


def load_vectors(session: Session) -> dict[str, np.ndarray]:
    """key -> float32 vector, for every stored text."""
    return {key: np.frombuffer(blob, np.float16).astype(np.float32)
            for key, blob in session.execute(select(TextVector.key, TextVector.vector))}
