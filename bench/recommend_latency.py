"""Recommend latency for the shipped catalogue and for a synthetic one of 1,000,000 tracks.

    python bench/recommend_latency.py [--synthetic 1000000] [--repeats 200]

Prints one table: p50/p95 of the ranking alone (index in memory), of a whole service call
(ranking + database reads and the stored list) for the shipped catalogue, and the memory
each index takes. The synthetic catalogue draws emotions, tags, genres, instruments and
artists at random with the shipped catalogue's vocabulary and real text vectors.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import numpy as np
from scipy import sparse

from moodify.catalog import build
from moodify.catalog.index import CatalogIndex, unit_norms
from moodify.domain import recommendations
from moodify.emotion import EMOTIONS, EmotionEstimate, probs_from_va
from moodify.models import e5
from moodify.recommend import MODES, Options, recommend
from moodify.service import Moodify
from moodify.store import Store


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def percentiles(times: list[float]) -> tuple[float, float]:
    ms = np.array(times) * 1000
    return float(np.percentile(ms, 50)), float(np.percentile(ms, 95))


def requests(repeats: int, caption_vector: np.ndarray | None = None):
    readings = [EmotionEstimate.from_label(e) for e in EMOTIONS]
    for i in range(repeats):
        yield readings[i % len(readings)], Options(mode=MODES[i % len(MODES)])


def time_ranking(index: CatalogIndex, repeats: int, caption_vector=None) -> tuple[float, float]:
    times = []
    for reading, options in requests(repeats):
        start = time.perf_counter()
        recommend(index, reading, options, caption_vector=caption_vector)
        times.append(time.perf_counter() - start)
    return percentiles(times)


def synthetic_index(n: int, like: CatalogIndex, seed: int = 7) -> CatalogIndex:
    """n tracks drawn with the shipped catalogue's features and text vectors."""
    rng = np.random.default_rng(seed)
    va = rng.uniform(-0.9, 0.9, size=(n, 2)).astype(np.float32)
    probs = 0.7 * probs_from_va(va[:, 0], va[:, 1]) + 0.3 * rng.dirichlet(np.ones(7), n)
    tag_columns = np.array([i for i, f in enumerate(like.feature_names) if not f.startswith("artist:")])
    per_track = 6
    cols = rng.choice(tag_columns, size=(n, per_track))
    rows = np.repeat(np.arange(n), per_track)
    artists = rng.integers(0, n // 10, n)
    names = like.feature_names[:max(tag_columns) + 1] + [f"artist:synthetic{a}" for a in range(n // 10)]
    base = max(tag_columns) + 1
    features = sparse.csr_matrix(
        (np.ones(n * (per_track + 1), np.float32),
         (np.concatenate([rows, np.arange(n)]), np.concatenate([cols.ravel(), base + artists]))),
        shape=(n, len(names)))
    features.data[:] = 1.0  # repeated draws of one tag count once
    unit_cols = rng.integers(0, like.unit_vectors.shape[0], size=(n, 4))
    units = sparse.csr_matrix((np.full(n * 4, 0.25, np.float32),
                               (np.repeat(np.arange(n), 4), unit_cols.ravel())),
                              shape=(n, like.unit_vectors.shape[0]))
    return CatalogIndex(
        ids=np.arange(1, n + 1, dtype=np.int64), sqrt_probs=np.sqrt(probs).astype(np.float32),
        va=va, confidence=rng.uniform(0.3, 1, n).astype(np.float32),
        duration=rng.uniform(30, 400, n).astype(np.float32),
        instrumental=rng.integers(-1, 2, n).astype(np.int8),
        artist_group=artists.astype(np.int32), album_group=(artists * 3 + rng.integers(0, 3, n)).astype(np.int32),
        features=features, feature_names=names, units=units, unit_vectors=like.unit_vectors,
        unit_norms=unit_norms(units, like.unit_vectors))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--synthetic", type=int, default=1_000_000)
    parser.add_argument("--repeats", type=int, default=200)
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        store = Store(f"sqlite:///{Path(folder) / 'bench.db'}")
        store.upgrade()
        build.build(store)
        service = Moodify(store)
        before = rss_mb()
        with store.session() as session:
            shipped = service.index(session)
        shipped_mb = rss_mb() - before
        caption = e5.embed_query("비 오는 날 카페에서 혼자 ☕️ #감성")
        shipped_p50, shipped_p95 = time_ranking(shipped, args.repeats)
        rows.append((f"shipped ({len(shipped):,}), ranking", shipped_p50, shipped_p95, shipped_mb))
        p50c, p95c = time_ranking(shipped, args.repeats, caption)
        rows.append((f"shipped ({len(shipped):,}), ranking + caption fit", p50c, p95c, None))
        times = []
        for reading, options in requests(args.repeats):
            start = time.perf_counter()
            recommendations.recommend(service, service.viewer(), reading, options)
            times.append(time.perf_counter() - start)
        rows.append((f"shipped ({len(shipped):,}), whole service call (SQLite)", *percentiles(times), None))
        times = []
        for i in range(max(20, args.repeats // 10)):
            start = time.perf_counter()
            e5.embed_query(f"오늘 기분 {i} 😊")
            times.append(time.perf_counter() - start)
        rows.append(("caption embedding alone (e5, 1 text)", *percentiles(times), None))
        store.dispose()
    before = rss_mb()
    big = synthetic_index(args.synthetic, shipped)
    big_mb = rss_mb() - before
    repeats = max(20, args.repeats // 4)
    p50b, p95b = time_ranking(big, repeats)
    rows.append((f"synthetic ({len(big):,}), ranking", p50b, p95b, big_mb))
    p50bc, p95bc = time_ranking(big, repeats, caption)
    rows.append((f"synthetic ({len(big):,}), ranking + caption fit", p50bc, p95bc, None))

    print(f"\n{'case':<55} {'p50 ms':>8} {'p95 ms':>8} {'index MB':>9}")
    for name, p50, p95, mb in rows:
        print(f"{name:<55} {p50:>8.1f} {p95:>8.1f} {'' if mb is None else f'{mb:>9.0f}'}")
    print(f"\nratio synthetic/shipped ranking p50: {p50b / shipped_p50:.1f}x for "
          f"{len(big) / len(shipped):.0f}x the tracks; peak RSS {rss_mb():.0f} MB")


if __name__ == "__main__":
    main()
