"""What Moodify reads in a post: each part's reading and the fused one, frozen values passed
between the steps of moodify.pipeline."""

from __future__ import annotations

from dataclasses import dataclass, field

from moodify.emotion import EmotionEstimate


@dataclass(frozen=True)
class PartReading:
    kind: str
    name: str
    estimate: EmotionEstimate
    detail: dict = field(default_factory=dict)
    timeline: tuple[dict, ...] | None = None        # a part read over time (a video)

    def to_dict(self) -> dict:
        return {"kind": self.kind, "name": self.name, **self.estimate.to_dict(), **self.detail}


@dataclass(frozen=True)
class PostReading:
    fused: EmotionEstimate
    parts: tuple[PartReading, ...] = field(default_factory=tuple)
    timeline: tuple[dict, ...] | None = None

    def to_dict(self) -> dict:
        out = {"fused": self.fused.to_dict(), "parts": [p.to_dict() for p in self.parts]}
        if self.timeline is not None:
            out["timeline"] = list(self.timeline)
        return out
