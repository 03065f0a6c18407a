"""Ranking the catalogue for a post's emotion.

    target (mode) -> score every track (emotion fit + valence-arousal closeness + caption fit)
    -> filters -> personalisation -> top candidates -> diversity (MMR) -> Recommendations

All scoring is vectorised over the whole catalogue (see CatalogIndex).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from moodify.catalog.index import CatalogIndex
from moodify.catalog.mapping import MUSIC_PRIOR
from moodify.emotion import EMOTIONS, EmotionEstimate, closeness, probs_from_va
from moodify.errors import InvalidInput
from moodify.licence import USABLE

MODES = ("match", "uplift", "calm")
USABLE_LEVEL = {"any": 0, "personal": 1, "monetised": 2}   # see moodify.licence.usable_level
WEIGHTS = {"fit": 0.45, "closeness": 0.3, "semantic": 0.25}
PERSONAL_WEIGHT = 0.2
# A track nobody can hear, fetch or look up anywhere (no link, no audio: DEAM's songs) gives way
# to one a person can act on; it still appears when nothing else fits.
UNREACHABLE_FACTOR = 0.85
MMR_LAMBDA = 0.7         # share of relevance against novelty in maximal marginal relevance
MAX_PER_GROUP = 2        # never more than two tracks of one artist or album in a list
CANDIDATES = 300
UPLIFT_HAPPINESS = 0.6  # share of happiness in the uplift target's categories


@dataclass(frozen=True)
class Options:
    limit: int = 10
    mode: str = "match"
    instrumental: bool = False
    min_duration: float | None = None
    max_duration: float | None = None
    genres: tuple[str, ...] = ()
    exclude_genres: tuple[str, ...] = ()
    caption: str | None = None
    own_music: bool = False         # only tracks from the person's own library
    usable: str = "any"             # any, personal or monetised: what the licence must allow

    def __post_init__(self) -> None:
        if self.mode not in MODES:
            raise InvalidInput(f"mode must be one of {', '.join(MODES)}, got {self.mode!r}")
        if self.usable not in USABLE:
            raise InvalidInput(f"usable must be one of {', '.join(USABLE)}, got {self.usable!r}")
        if not 1 <= self.limit <= 200:
            raise InvalidInput(f"limit must be between 1 and 200, got {self.limit}")
        if (self.min_duration is not None and self.max_duration is not None
                and self.min_duration > self.max_duration):
            raise InvalidInput("min_duration is larger than max_duration")


@dataclass(frozen=True)
class Target:
    """Where the music should be: the reading moved by the mode."""

    probs: np.ndarray
    valence: float
    arousal: float
    mode: str


@dataclass(frozen=True)
class Profile:
    """A user's taste as weights over catalogue features (tag:, genre:, instrument:, artist:)."""

    weights: dict[str, float] = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        return not self.weights


@dataclass(frozen=True)
class Recommendation:
    track_id: int
    score: float
    parts: dict[str, float]
    liked_features: tuple[str, ...] = ()


def target_for(reading: EmotionEstimate, mode: str) -> Target:
    """match: the reading itself; uplift: toward positive valence; calm: lower arousal, same valence sign."""
    v, a = reading.valence, reading.arousal
    if mode == "match":
        return Target(np.asarray(reading.probs, np.float32), v, a, mode)
    if mode == "uplift":
        # A clear step toward positive (not a leap to euphoria), a little more energy.
        v, a = min(1.0, max(v + 0.9, 0.45)), min(1.0, a + 0.35)
    else:
        sign = 1.0 if v >= 0 else -1.0
        v, a = sign * max(abs(v) * 0.8, 0.15), max(-0.85, min(a - 0.5, -0.3))
    probs = probs_from_va(np.array([v]), np.array([a]), MUSIC_PRIOR)[0]
    if mode == "uplift":
        probs = UPLIFT_HAPPINESS * np.eye(len(EMOTIONS))[EMOTIONS.index("happiness")] \
            + (1 - UPLIFT_HAPPINESS) * probs
    return Target(probs.astype(np.float32), v, a, mode)


def _mode_mask(index: CatalogIndex, reading: EmotionEstimate, target: Target) -> np.ndarray | None:
    if target.mode == "uplift":
        return index.va[:, 0] > 0.05
    if target.mode == "calm":
        sign = 1.0 if target.valence >= 0 else -1.0
        return (index.va[:, 1] < min(reading.arousal, 0.0)) & (index.va[:, 0] * sign > 0)
    return None


def filter_mask(index: CatalogIndex, options: Options, viewer: int = -1) -> np.ndarray:
    """What may be recommended: the catalogue and the viewer's own imports, filtered; never a
    track its service no longer has, nor one whose licence does not allow the `usable` use."""
    mask = index.visible(viewer) & index.available
    if options.usable != "any":
        mask &= index.usable >= USABLE_LEVEL[options.usable]
    if options.instrumental:
        mask &= index.instrumental == 1
    if options.own_music:
        mask &= index.owner == viewer if viewer >= 0 else np.zeros(len(index), bool)
    if options.min_duration is not None:
        mask &= index.duration >= options.min_duration  # unknown (NaN) durations fail
    if options.max_duration is not None:
        mask &= index.duration <= options.max_duration
    if options.genres:
        mask &= index.feature_mask("genre", [g.lower() for g in options.genres])
    if options.exclude_genres:
        mask &= ~index.feature_mask("genre", [g.lower() for g in options.exclude_genres])
    return mask


def personal_scores(index: CatalogIndex, profile: Profile) -> np.ndarray:
    """(N,) in (-1, 1): mean profile weight over each track's features, squashed."""
    vector = np.zeros(len(index.feature_names), np.float32)
    for name, weight in profile.weights.items():
        if name in index.feature_index:
            vector[index.feature_index[name]] = weight
    counts = np.maximum(np.asarray(index.features.sum(axis=1)).ravel(), 1)
    return np.tanh((index.features @ vector) / counts)


def semantic_scores(index: CatalogIndex, query: np.ndarray) -> np.ndarray:
    """Caption fit in (0, 1): cosines standardised over the catalogue, then a logistic.

    e5 cosines all sit high (0.75-0.9), so only their standing relative to the rest counts.
    """
    cosines = index.semantic(query)
    z = (cosines - cosines.mean()) / (cosines.std() + 1e-6)
    return 1.0 / (1.0 + np.exp(-z))


def score(index: CatalogIndex, target: Target, *, caption_vector: np.ndarray | None = None
          ) -> dict[str, np.ndarray]:
    """Every part of every track's score: fit, closeness, semantic (if a caption), base."""
    parts = {
        # Bhattacharyya coefficient of the two category distributions.
        "fit": index.sqrt_probs @ np.sqrt(target.probs),
        "closeness": closeness(index.va, [target.valence, target.arousal]).astype(np.float32),
    }
    if caption_vector is not None:
        parts["semantic"] = semantic_scores(index, caption_vector).astype(np.float32)
    total = sum(WEIGHTS[k] for k in parts)
    base = sum(WEIGHTS[k] * v for k, v in parts.items()) / total
    # Tracks whose annotation says little (one vague tag) give way to well-attested ones.
    parts["base"] = base * (0.75 + 0.25 * index.confidence)
    return parts


def diversify(index: CatalogIndex, candidates: np.ndarray, relevance: np.ndarray, limit: int
              ) -> list[int]:
    """Maximal marginal relevance over candidate rows; similarity = same artist or album,
    else shared tags."""
    chosen: list[int] = []
    penalty = np.zeros(len(candidates), np.float32)
    group_counts: dict[tuple[str, int], int] = {}
    available = np.ones(len(candidates), bool)
    features = index.features[candidates]
    sizes = np.maximum(np.asarray(features.sum(axis=1)).ravel(), 1)
    while len(chosen) < limit and available.any():
        mmr = MMR_LAMBDA * relevance - (1 - MMR_LAMBDA) * penalty
        mmr[~available] = -np.inf
        pick = int(np.argmax(mmr))
        available[pick] = False
        row = candidates[pick]
        groups = (("artist", int(index.artist_group[row])), ("album", int(index.album_group[row])))
        if any(group_counts.get(g, 0) >= MAX_PER_GROUP for g in groups):
            continue
        for g in groups:
            group_counts[g] = group_counts.get(g, 0) + 1
        chosen.append(pick)
        shared = np.asarray((features @ features[pick].T).todense()).ravel()
        similarity = shared / np.sqrt(sizes * sizes[pick])
        same = ((index.artist_group[candidates] == index.artist_group[row])
                | (index.album_group[candidates] == index.album_group[row]))
        penalty = np.maximum(penalty, np.where(same, 1.0, similarity))
    return chosen


def recommend(index: CatalogIndex, reading: EmotionEstimate, options: Options = Options(), *,
              profile: Profile = Profile(), caption_vector: np.ndarray | None = None,
              viewer: int = -1) -> list[Recommendation]:
    """The best tracks for a reading, most fitting first; `viewer` (a user id) also sees the
    tracks they imported."""
    target = target_for(reading, options.mode)
    parts = score(index, target, caption_vector=caption_vector)
    final = parts["base"] * np.where(index.reachable, 1.0, UNREACHABLE_FACTOR).astype(np.float32)
    if not profile.empty:
        parts["personal"] = personal_scores(index, profile).astype(np.float32)
        final += PERSONAL_WEIGHT * parts["personal"]
    mask = filter_mask(index, options, viewer)
    mode_mask = _mode_mask(index, reading, target)
    if mode_mask is not None and (mask & mode_mask).sum() >= options.limit:
        mask &= mode_mask
    final = np.where(mask, final, -np.inf)
    k = min(max(CANDIDATES, options.limit * 10), int(mask.sum()))
    if k == 0:
        return []
    candidates = np.argpartition(-final, k - 1)[:k]
    candidates = candidates[np.argsort(-final[candidates])]
    picks = diversify(index, candidates, final[candidates], options.limit)
    return [_result(index, int(candidates[p]), float(final[candidates[p]]), parts, profile)
            for p in picks]


def _result(index: CatalogIndex, row: int, total: float, parts: dict, profile: Profile
            ) -> Recommendation:
    values = {k: round(float(v[row]), 4) for k, v in parts.items()}
    liked = ()
    if not profile.empty:
        names = [index.feature_names[c] for c in index.features[row].indices]
        liked = tuple(n for n in sorted(names, key=lambda n: -profile.weights.get(n, 0))
                      if profile.weights.get(n, 0) > 0)[:3]
    return Recommendation(int(index.ids[row]), round(total, 4), values, liked)
