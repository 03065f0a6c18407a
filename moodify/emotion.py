"""The emotion space every part of Moodify speaks.

Seven categories (those of the AIHub Korean emotion corpus and of FER2013) and the
valence-arousal plane. Each category has a place on the plane taken from published
ratings: the Warriner, Kuperman & Brysbaert (2013) norms of the category nouns
themselves, rated 1-9 and rescaled here to [-1, 1] by (x - 5) / 4.

    Warriner, A.B., Kuperman, V., & Brysbaert, M. (2013). Norms of valence, arousal,
    and dominance for 13,915 English lemmas. Behavior Research Methods, 45, 1191-1207.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from moodify.errors import InvalidInput
from moodify.evidence import Evidence

EMOTIONS: tuple[str, ...] = (
    "happiness", "sadness", "anger", "fear", "surprise", "disgust", "neutral",
)

KOREAN_NAMES: dict[str, str] = {
    "happiness": "행복", "sadness": "슬픔", "anger": "분노", "fear": "공포",
    "surprise": "놀람", "disgust": "혐오", "neutral": "중립",
}

# Warriner et al. (2013) mean valence and arousal (1-9) of each category noun.
WARRINER_RATINGS: dict[str, tuple[float, float]] = {
    "happiness": (8.48, 6.50),
    "sadness": (2.40, 2.81),
    "anger": (2.50, 5.93),
    "fear": (2.93, 6.14),
    "surprise": (7.44, 6.57),
    "disgust": (3.32, 5.00),
    "neutral": (5.50, 3.45),
}


def rescale_1_9(value: float) -> float:
    """Map a 1-9 rating scale (midpoint 5) onto [-1, 1]."""
    return (value - 5.0) / 4.0


PROTOTYPES: np.ndarray = np.array(
    [[rescale_1_9(v), rescale_1_9(a)] for v, a in (WARRINER_RATINGS[e] for e in EMOTIONS)],
    dtype=np.float32,
)
"""(7, 2) valence, arousal of each category, in EMOTIONS order."""

# Width of the Gaussian kernel that turns a valence-arousal point into category
# probabilities. 0.3 keeps neighbouring prototypes (anger, fear, disgust) mixed,
# which is honest: the plane alone cannot tell them apart.
VA_KERNEL_WIDTH = 0.3

_ALIASES = {k: e for e, k in KOREAN_NAMES.items()} | {
    "happy": "happiness", "joy": "happiness", "sad": "sadness", "angry": "anger",
    "afraid": "fear", "scared": "fear", "surprised": "surprise",
    "disgusted": "disgust", "calm": "neutral",
}


def normalise_label(name: str) -> str:
    """Return the canonical English category for an English or Korean name."""
    key = name.strip().lower()
    if key in EMOTIONS:
        return key
    if key in _ALIASES:
        return _ALIASES[key]
    raise InvalidInput(
        f"unknown emotion {name!r}: use one of {', '.join(EMOTIONS)} "
        f"(or {', '.join(KOREAN_NAMES.values())})"
    )


# Surprise and disgust are hard to tell from a point on the plane alone (they sit near fear and
# anger): when only a point is known (music annotations, colour), they are weighed down by this.
PLANE_ONLY_PRIOR = np.array([0.35 if e in ("surprise", "disgust") else 1.0 for e in EMOTIONS])


def probs_from_va(valence: np.ndarray, arousal: np.ndarray,
                  prior: np.ndarray | None = None) -> np.ndarray:
    """Category probabilities for points on the plane: shape (n,) -> (n, 7).

    A Gaussian kernel around each category's prototype, times an optional prior over the
    categories (7,), normalised per point.
    """
    points = np.stack([np.asarray(valence, np.float32), np.asarray(arousal, np.float32)], axis=-1)
    d2 = ((points[:, None, :] - PROTOTYPES[None, :, :]) ** 2).sum(-1)
    logits = -d2 / (2 * VA_KERNEL_WIDTH**2)
    logits -= logits.max(axis=1, keepdims=True)
    weights = np.exp(logits)
    if prior is not None:
        weights = weights * np.asarray(prior, np.float32)
    return weights / weights.sum(axis=1, keepdims=True)


def va_from_probs(probs: np.ndarray) -> tuple[float, float]:
    """The probability-weighted mean of the prototypes."""
    valence, arousal = np.asarray(probs, np.float32) @ PROTOTYPES
    return float(valence), float(arousal)


CLOSENESS_WIDTH = 0.35   # valence-arousal distance at which closeness falls to exp(-1/2)


def closeness(points, target) -> np.ndarray:
    """How near points on the valence-arousal plane (..., 2) lie to a target (2,): 1 on it,
    exp(-d^2 / 2w^2) at distance d. What ranking and a track's best stretch both use."""
    offset = np.asarray(points) - np.asarray(target, dtype=np.float64)
    return np.exp(-(offset ** 2).sum(-1) / (2 * CLOSENESS_WIDTH ** 2))


@dataclass(frozen=True)
class EmotionEstimate:
    """One emotional reading: of a caption, a photo, a track or a whole post."""

    probs: tuple[float, ...]
    valence: float
    arousal: float
    confidence: float = 1.0
    evidence: tuple[Evidence, ...] = field(default_factory=tuple)   # moodify.evidence

    def __post_init__(self) -> None:
        if not all(isinstance(item, Evidence) for item in self.evidence):
            # a plugin's plain sentence (or a stored item) is kept as evidence `text`
            object.__setattr__(self, "evidence", tuple(Evidence.from_dict(item) for item in self.evidence))
        if len(self.probs) != len(EMOTIONS):
            raise InvalidInput(f"probs needs {len(EMOTIONS)} values, got {len(self.probs)}")
        if any(p < 0 for p in self.probs) or abs(sum(self.probs) - 1.0) > 1e-3:
            raise InvalidInput("probs must be non-negative and sum to 1")
        for name, value, low in (("valence", self.valence, -1), ("arousal", self.arousal, -1),
                                 ("confidence", self.confidence, 0)):
            if not low <= value <= 1:
                raise InvalidInput(f"{name} must lie in [{low}, 1], got {value}")

    @property
    def label(self) -> str:
        return EMOTIONS[int(np.argmax(self.probs))]

    @classmethod
    def from_label(cls, name: str, *, strength: float = 0.85) -> "EmotionEstimate":
        """A reading that is mostly one category, placed at its prototype."""
        label = normalise_label(name)
        rest = (1.0 - strength) / (len(EMOTIONS) - 1)
        probs = tuple(strength if e == label else rest for e in EMOTIONS)
        valence, arousal = PROTOTYPES[EMOTIONS.index(label)]
        return cls(probs, float(valence), float(arousal), 1.0, (Evidence.of("asked_emotion", emotion=label),))

    @classmethod
    def from_va(cls, valence: float, arousal: float) -> "EmotionEstimate":
        """A reading from a point on the plane; categories follow from the prototypes."""
        for name, value in (("valence", valence), ("arousal", arousal)):
            if not isinstance(value, (int, float)) or not -1 <= value <= 1:
                raise InvalidInput(f"{name} must be a number in [-1, 1], got {value!r}")
        probs = probs_from_va(np.array([valence]), np.array([arousal]))[0]
        return cls(tuple(float(p) for p in probs), float(valence), float(arousal), 1.0,
                   (Evidence.of("asked_point", valence=valence, arousal=arousal),))

    def to_dict(self) -> dict:
        return {
            "label": self.label,
            "probs": {e: round(float(p), 4) for e, p in zip(EMOTIONS, self.probs)},
            "valence": round(self.valence, 4),
            "arousal": round(self.arousal, 4),
            "confidence": round(self.confidence, 4),
            "evidence": [item.to_dict() for item in self.evidence],
        }

    @classmethod
    def from_dict(cls, data: dict) -> "EmotionEstimate":
        """Read the shape `to_dict` writes (probs as a mapping or a list)."""
        try:
            raw = data["probs"]
            if isinstance(raw, dict):
                unknown = set(raw) - set(EMOTIONS)
                if unknown:
                    raise InvalidInput(f"unknown emotions in probs: {', '.join(sorted(unknown))}; "
                                       f"use {', '.join(EMOTIONS)}")
                probs = [float(raw.get(e, 0.0)) for e in EMOTIONS]
            else:
                probs = [float(p) for p in raw]
            total = sum(probs)
            if not np.isfinite(total) or total <= 0 or min(probs) < 0:
                raise InvalidInput("probs must be non-negative numbers, not all zero")
            probs = [p / total for p in probs]
            if "valence" in data and "arousal" in data:
                valence, arousal = float(data["valence"]), float(data["arousal"])
            else:
                valence, arousal = va_from_probs(np.array(probs))
            return cls(tuple(probs), valence, arousal,
                       float(data.get("confidence", 1.0)),
                       tuple(Evidence.from_dict(item) for item in data.get("evidence") or ()))
        except (KeyError, TypeError, ValueError) as exc:
            raise InvalidInput(
                "a reading needs 'probs' for the seven emotions "
                f"({', '.join(EMOTIONS)}) and may give 'valence' and 'arousal' in [-1, 1]: {exc}"
            ) from exc
