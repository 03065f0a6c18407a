"""The catalogue as arrays, for scoring every track at once.

One row per track: emotion (probs, valence, arousal, confidence), filters (duration,
instrumental), diversity groups (artist, album), a sparse feature matrix (tags, genres,
instruments, artist: what personalisation learns over) and a sparse matrix of text-unit
weights whose product with the unit vectors gives each track's semantic vector.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property, lru_cache

import numpy as np
from scipy import sparse
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from moodify.catalog.vectors import load_vectors, track_units
from moodify.errors import CatalogError
from moodify.licence import licence_for, usable_level
from moodify.models import e5
from moodify.store.models import PROB_COLUMNS, Track

INSTRUMENTAL_UNKNOWN = -1


def _not_given() -> np.ndarray:
    """A per-track array left out of CatalogIndex(...): __post_init__ puts in its default."""
    return np.empty(0)


@dataclass
class CatalogIndex:
    ids: np.ndarray            # (N,) int64 track ids
    sqrt_probs: np.ndarray     # (N, 7) float32, square roots of the category probabilities
    va: np.ndarray             # (N, 2) float32 valence, arousal
    confidence: np.ndarray     # (N,) float32 strength of the annotation, 0-1
    duration: np.ndarray       # (N,) float32 seconds, NaN when unknown
    instrumental: np.ndarray   # (N,) int8: 1 yes, 0 no, -1 unknown
    artist_group: np.ndarray   # (N,) int32, same value = same artist (or same album if no artist)
    album_group: np.ndarray    # (N,) int32
    features: sparse.csr_matrix  # (N, F) 0/1
    feature_names: list[str]     # "tag:sad", "genre:pop", "instrument:piano", "artist:..."
    units: sparse.csr_matrix     # (N, U) weights of each track's text units, rows sum to 1
    unit_vectors: np.ndarray     # (U, 384) float32
    unit_norms: np.ndarray       # (N,) norm of each track's mean unit vector
    version: tuple = ()
    # The per-track arrays below default to the catalogue's own tracks, all usable and available.
    owner: np.ndarray = field(default_factory=_not_given)  # (N,) int64: who imported it, -1 for the catalogue
    # What each track may be used for (moodify.licence.usable_level: 0 any, 1 personal,
    # 2 monetised) and whether its service still has it; refreshed apart from the rest.
    usable: np.ndarray = field(default_factory=_not_given)      # (N,) int8
    available: np.ndarray = field(default_factory=_not_given)   # (N,) bool
    unchecked: np.ndarray = field(default_factory=_not_given)   # (N,) bool: a Jamendo track never looked up
    reachable: np.ndarray = field(default_factory=_not_given)   # (N,) bool: a person can hear, fetch, or look it up
    rights_version: object = None

    def __post_init__(self) -> None:
        self.row_of = {int(t): i for i, t in enumerate(self.ids)}
        self.feature_index = {name: i for i, name in enumerate(self.feature_names)}
        n = len(self.ids)
        if not len(self.owner):
            self.owner = np.full(n, -1, np.int64)
        if not len(self.usable):
            self.usable = np.zeros(n, np.int8)
        if not len(self.available):
            self.available = np.ones(n, bool)
        if not len(self.unchecked):
            self.unchecked = np.zeros(n, bool)
        if not len(self.reachable):
            self.reachable = np.ones(n, bool)

    def refresh_rights(self, session: Session) -> None:
        """Re-read licences and availability (cheap: after enrichment, no full reload)."""
        version = rights_version(session)
        self.usable, self.available, self.unchecked, self.reachable = rights_arrays(
            session.execute(_RIGHTS_QUERY).all(), self.row_of, len(self))
        self.rights_version = version

    def visible(self, viewer: int) -> np.ndarray:
        """The catalogue, and the tracks this user imported: never another user's."""
        return (self.owner == -1) | (self.owner == viewer)

    def patch_rights(self, session: Session, track_ids: list[int], before, looked_up: int) -> None:
        """Re-read only these tracks' rights, after this process looked them up (a full refresh
        reads every track). The index counts as current only if nothing else was looked up
        meanwhile: then exactly `looked_up` more tracks carry a date than `before`."""
        rows = session.execute(_RIGHTS_QUERY.where(Track.id.in_(track_ids))).all()
        patched = rights_arrays(rows, self.row_of, len(self))
        for row in (self.row_of[r[0]] for r in rows if r[0] in self.row_of):
            for mine, theirs in zip((self.usable, self.available, self.unchecked, self.reachable), patched):
                mine[row] = theirs[row]
        now = rights_version(session)
        if before is not None and self.rights_version == before and now[1] == before[1] + looked_up:
            self.rights_version = now

    def __len__(self) -> int:
        return len(self.ids)

    def semantic(self, query: np.ndarray) -> np.ndarray:
        """Cosine of every track's text vector with a query vector (384,) -> (N,)."""
        return np.asarray(self.units @ (self.unit_vectors @ query)).ravel() / self.unit_norms

    @cached_property
    def _catalogue_counts(self) -> np.ndarray:
        """(F,) how many of the catalogue's own tracks carry each feature: kept with the index, so
        counted once per catalogue version."""
        return np.asarray(self.features[self.owner == -1].sum(axis=0)).ravel().astype(np.int64)

    def word_counts(self, prefix: str, viewer: int) -> list[tuple[str, int]]:
        """Each word of the features prefix:word with how many tracks the viewer sees carry it
        (the catalogue's and their own imports), most common first, ties by word."""
        counts = self._catalogue_counts
        if viewer != -1 and (own := self.owner == viewer).any():
            counts = counts + np.asarray(self.features[own].sum(axis=0)).ravel().astype(np.int64)
        start = f"{prefix}:"
        words = [(name[len(start):], int(counts[column])) for name, column in self.feature_index.items()
                 if name.startswith(start) and counts[column] > 0]
        return sorted(words, key=lambda item: (-item[1], item[0]))

    def feature_mask(self, prefix: str, names: list[str]) -> np.ndarray:
        """(N,) bool: the track has any of the features prefix:name."""
        columns = [self.feature_index[f"{prefix}:{n}"] for n in names
                   if f"{prefix}:{n}" in self.feature_index]
        if not columns:
            return np.zeros(len(self), bool)
        return np.asarray(self.features[:, columns].sum(axis=1)).ravel() > 0


def _codes(keys: list[str]) -> np.ndarray:
    table: dict[str, int] = {}
    return np.array([table.setdefault(k, len(table)) for k in keys], np.int32)


def _group_keys(source: str, artist, album, annotation: dict, track_id: int) -> tuple[str, str]:
    artist_key = artist or annotation.get("artist_id") or album or f"track:{track_id}"
    album_key = album or annotation.get("album_id") or f"track:{track_id}"
    return f"{source}:{artist_key}".lower(), f"{source}:{album_key}".lower()


def versions(session: Session) -> tuple[tuple, tuple]:
    """(catalog version, rights version) in one query, what every recommendation checks: the first
    changes when tracks are added, removed or rewritten by a build (the index is rebuilt), the
    second whenever enrichment
    learns a licence or that a track is gone, or is undone (only the rights are re-read)."""
    count, top, changed, enriched, looked_up = session.execute(select(
        func.count(Track.id), func.max(Track.id), func.max(Track.changed_at), func.max(Track.enriched_at),
        func.count(Track.enriched_at))).one()
    return (count, top, changed), (enriched, looked_up)


def catalog_version(session: Session) -> tuple:
    return versions(session)[0]


def rights_version(session: Session) -> tuple:
    return versions(session)[1]


_RIGHTS_QUERY = select(Track.id, Track.source, Track.licence_url, Track.license, Track.available,
                       Track.enriched_at, Track.url, Track.stream_url, Track.download_url)


@lru_cache(maxsize=4096)
def _licence(source: str, licence_url: str | None, stated: str | None) -> tuple[int, str]:
    licence = licence_for(source, licence_url=licence_url, stated=stated)
    return usable_level(licence), licence.kind


def rights_arrays(rows, row_of: dict[int, int], n: int) -> tuple[np.ndarray, ...]:
    """(usable level, available, unchecked, reachable) per index row from the rows of _RIGHTS_QUERY.

    Reachable: a person can do something with the track beyond reading its emotion: hear it,
    fetch it, open its page, or find it on a platform (a popular song). DEAM's songs, for one,
    come with no link and no audio."""
    usable, available = np.zeros(n, np.int8), np.ones(n, bool)
    unchecked, reachable = np.zeros(n, bool), np.ones(n, bool)
    for track_id, source, licence_url, stated, is_available, enriched_at, url, stream, download in rows:
        row = row_of.get(track_id)
        if row is None:
            continue
        usable[row], kind = _licence(source, licence_url, stated)
        available[row] = bool(is_available)
        unchecked[row] = source == "jamendo" and enriched_at is None
        reachable[row] = bool(is_available) and (kind in ("platform", "own") or bool(url or stream or download)
                                                 or unchecked[row])
    return usable, available, unchecked, reachable


def load_index(session: Session) -> CatalogIndex:
    """Read every track and its text vectors into a CatalogIndex."""
    columns = [Track.id, *(getattr(Track, c) for c in PROB_COLUMNS), Track.valence, Track.arousal,
               Track.confidence, Track.duration_s, Track.instrumental, Track.source, Track.artist,
               Track.album, Track.annotation, Track.mood_tags, Track.genres, Track.instruments,
               Track.title, Track.owner_id]
    rows = session.execute(select(*columns).order_by(Track.id)).all()
    if not rows:
        raise CatalogError("the catalogue is empty: run `moodify catalog build`")
    vectors = load_vectors(session)
    n = len(rows)
    probs = np.array([[getattr(r, c) for c in PROB_COLUMNS] for r in rows], np.float32)
    feature_table: dict[str, int] = {}
    unit_table: dict[str, int] = {}
    f_rows, f_cols, u_rows, u_cols, u_vals, artists, albums = [], [], [], [], [], [], []
    for i, r in enumerate(rows):
        tags, genres, instruments = r.mood_tags, r.genres, r.instruments
        artist_key, album_key = _group_keys(r.source, r.artist, r.album, r.annotation, r.id)
        artists.append(artist_key)
        albums.append(album_key)
        names = ([f"tag:{t}" for t in tags] + [f"genre:{g}" for g in genres]
                 + [f"instrument:{x}" for x in instruments] + [f"artist:{artist_key}"])
        for name in set(names):
            f_rows.append(i)
            f_cols.append(feature_table.setdefault(name, len(feature_table)))
        for text, weight in track_units(mood_tags=tags, genres=genres, instruments=instruments,
                                        title=r.title, album=r.album):
            key = e5.text_key(text)
            if key in vectors:
                u_rows.append(i)
                u_cols.append(unit_table.setdefault(key, len(unit_table)))
                u_vals.append(weight)
    features = sparse.csr_matrix((np.ones(len(f_rows), np.float32), (f_rows, f_cols)),
                                 shape=(n, len(feature_table)))
    units = sparse.csr_matrix((np.array(u_vals, np.float32), (u_rows, u_cols)),
                              shape=(n, max(len(unit_table), 1)))
    unit_vectors = (np.stack([vectors[k] for k in unit_table]) if unit_table
                    else np.zeros((1, e5.DIM), np.float32))
    index = CatalogIndex(
        owner=np.array([-1 if r.owner_id is None else r.owner_id for r in rows], np.int64),
        ids=np.array([r.id for r in rows], np.int64),
        sqrt_probs=np.sqrt(np.clip(probs, 0, None)),
        va=np.array([(r.valence, r.arousal) for r in rows], np.float32),
        confidence=np.array([r.confidence for r in rows], np.float32),
        duration=np.array([np.nan if r.duration_s is None else r.duration_s for r in rows], np.float32),
        instrumental=np.array([INSTRUMENTAL_UNKNOWN if r.instrumental is None else int(r.instrumental)
                               for r in rows], np.int8),
        artist_group=_codes(artists), album_group=_codes(albums),
        features=features, feature_names=list(feature_table),
        units=units, unit_vectors=unit_vectors, unit_norms=unit_norms(units, unit_vectors),
        version=catalog_version(session),
    )
    index.refresh_rights(session)
    return index


def unit_norms(units: sparse.csr_matrix, unit_vectors: np.ndarray, chunk: int = 50_000) -> np.ndarray:
    """Norm of each track's weighted mean unit vector, in chunks to bound memory."""
    norms = np.empty(units.shape[0], np.float32)
    for start in range(0, units.shape[0], chunk):
        block = units[start:start + chunk] @ unit_vectors
        norms[start:start + chunk] = np.linalg.norm(block, axis=1)
    norms[norms == 0] = 1.0  # a track with no text scores 0 on the semantic part
    return norms
