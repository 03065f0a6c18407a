"""Which part of a track to put under a video of a given length.

    candidates: every bar start (downbeat) where the whole video still fits; beats if the track
                has no bars found; whole seconds if it has no beats
    score     = ENERGY_SHARE x how loud the stretch is, relative to the track's other stretches
                (choruses and drops are the loudest parts of most songs)
              + (1 - ENERGY_SHARE) x how close the stretch's mood (musicnn per 3 s patch) lies to
                the post's point on the plane, when there is a post
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from moodify.emotion import closeness as va_closeness
from moodify.evidence import Evidence

ENERGY_SHARE = 0.5


@dataclass(frozen=True)
class Segment:
    start: float
    end: float
    on: str                 # "bar", "beat" or "second": what the start is aligned to
    reasons: tuple[Evidence, ...]   # why this stretch (moodify.evidence.SEGMENT)
    energy_db: float

    def to_dict(self) -> dict:
        return {"start": round(self.start, 3), "end": round(self.end, 3), "aligned_to": self.on,
                "reasons": [reason.to_dict() for reason in self.reasons], "energy_db": round(self.energy_db, 2)}


def _window_energy(energy: np.ndarray, start: float, length: float) -> float:
    first, last = int(start), max(int(np.ceil(start + length)), int(start) + 1)
    chunk = energy[first:last]
    return float(chunk.mean()) if len(chunk) else float(energy.mean()) if len(energy) else -60.0


def _window_mood(timeline: list[dict], start: float, length: float) -> tuple[float, float] | None:
    inside = [p for p in timeline if start - 3.0 < p["start"] < start + length]
    if not inside:
        return None
    return float(np.mean([p["valence"] for p in inside])), float(np.mean([p["arousal"] for p in inside]))


def candidates(annotation: dict, length: float) -> tuple[list[float], str]:
    duration = float(annotation["duration_s"])
    for key, name in (("downbeats", "bar"), ("beats", "beat")):
        fitting = [t for t in annotation.get(key) or [] if t + length <= duration + 1e-6]
        if fitting:
            return fitting, name
    return [float(s) for s in np.arange(0, max(duration - length, 0) + 1e-6, 1.0)] or [0.0], "second"


def best_segment(annotation: dict, length: float, target: tuple[float, float] | None = None) -> Segment:
    """The best stretch of `length` seconds of an imported track (its stored analysis)."""
    duration = float(annotation["duration_s"])
    energy = np.array(annotation.get("energy") or [-30.0], np.float64)
    if length >= duration - 0.5:
        beats = annotation.get("beats") or []
        start = beats[0] if beats and beats[0] <= 1.0 else 0.0
        return Segment(start, duration, "beat" if start else "second",
                       (Evidence.of("whole_track", duration=duration, video=length),),
                       _window_energy(energy, start, length))
    starts, aligned = candidates(annotation, length)
    loudness = np.array([_window_energy(energy, s, length) for s in starts])
    spread = loudness.max() - loudness.min()
    loud_score = (loudness - loudness.min()) / spread if spread > 1e-6 else np.ones(len(starts))
    score, closeness = loud_score, None
    if target is not None:
        moods = [_window_mood(annotation.get("timeline") or [], s, length) for s in starts]
        closeness = np.array([float(va_closeness(m, target)) if m else 0.5 for m in moods])
        score = ENERGY_SHARE * loud_score + (1 - ENERGY_SHARE) * closeness
    best = int(np.argmax(score))
    start = starts[best]
    why = [Evidence.of("starts_on", aligned_to=aligned, time=start),
           Evidence.of("loudness", db=loudness[best], mean_db=energy.mean(), loudest=bool(loud_score[best] >= 0.999))]
    if target is not None:             # closeness was measured
        mood = _window_mood(annotation.get("timeline") or [], start, length)
        if mood:
            why.append(Evidence.of("segment_mood", valence=mood[0], arousal=mood[1], target_valence=target[0],
                                   target_arousal=target[1]))
    return Segment(start, start + length, aligned, tuple(why), float(loudness[best]))
