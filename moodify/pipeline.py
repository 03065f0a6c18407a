"""A post's flow, top to bottom:

    Post -> analyse each part -> fuse into one reading -> (recommend, in moodify.service)
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from moodify import analysers
from moodify.emotion import EMOTIONS, EmotionEstimate
from moodify.errors import InvalidInput

# How much each kind of part is trusted when parts are fused (times each part's confidence).
RELIABILITY = {"text": 1.0}


@dataclass(frozen=True)
class Post:
    caption: str | None = None

    def __post_init__(self) -> None:
        if self.caption is None or not self.caption.strip():
            raise InvalidInput("the post is empty: give a caption (photos, sound and video come later)")


@dataclass(frozen=True)
class PartReading:
    kind: str
    name: str
    estimate: EmotionEstimate

    def to_dict(self) -> dict:
        return {"kind": self.kind, "name": self.name, **self.estimate.to_dict()}


@dataclass(frozen=True)
class PostReading:
    fused: EmotionEstimate
    parts: tuple[PartReading, ...] = field(default_factory=tuple)

    def to_dict(self) -> dict:
        return {"fused": self.fused.to_dict(), "parts": [p.to_dict() for p in self.parts]}


def analyse_parts(post: Post) -> list[PartReading]:
    parts = []
    if post.caption:
        parts.append(PartReading("text", "caption", analysers.create("text").analyse(post.caption)))
    return parts


def fuse(parts: list[PartReading]) -> EmotionEstimate:
    """Confidence x reliability weighted mean of the parts' categories and points."""
    if len(parts) == 1:
        return parts[0].estimate
    weights = np.array([RELIABILITY.get(p.kind, 0.5) * max(p.estimate.confidence, 1e-3) for p in parts])
    weights /= weights.sum()
    probs = sum(w * np.array(p.estimate.probs) for w, p in zip(weights, parts))
    valence = float(sum(w * p.estimate.valence for w, p in zip(weights, parts)))
    arousal = float(sum(w * p.estimate.arousal for w, p in zip(weights, parts)))
    evidence = tuple(f"{p.name}: {p.estimate.evidence[0]}" for p in parts if p.estimate.evidence)
    label = EMOTIONS[int(np.argmax(probs))]
    return EmotionEstimate(tuple(float(x) for x in probs), valence, arousal,
                           float(probs.max()), evidence + (f"fused: mostly {label}",))


def analyse_post(post: Post) -> PostReading:
    parts = analyse_parts(post)
    return PostReading(fuse(parts), tuple(parts))

