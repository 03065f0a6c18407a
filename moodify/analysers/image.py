"""Photo -> EmotionEstimate: the faces in it and the photo as a whole.

    faces: Haar boxes -> FER2013 mini-Xception per face -> mean weighted by face area
    whole: CLIP zero-shot when its weights are installed, else colour and light (affect.py)
    photo = FACE_SHARE x faces + (1 - FACE_SHARE) x whole, each by its own confidence

A face's expression is the most direct evidence a photo carries, so when there are faces they
lead. Every reading says which whole-image backend read it.
"""

from __future__ import annotations

import numpy as np

from moodify.analysers import affect
from moodify.emotion import EMOTIONS, EmotionEstimate, va_from_probs
from moodify.evidence import Evidence
from moodify.models import backends, clip, faces

FACE_SHARE = 0.65


def mix(readings: list[tuple[EmotionEstimate, float]], evidence: tuple[Evidence, ...]) -> EmotionEstimate:
    """Readings weighted by share x confidence into one, with the given evidence."""
    weights = np.array([share * max(r.confidence, 1e-3) for r, share in readings])
    weights /= weights.sum()
    probs = sum(w * np.array(r.probs) for w, r in zip(weights, (r for r, _ in readings)))
    probs = probs / probs.sum()
    valence = float(sum(w * r.valence for w, (r, _) in zip(weights, readings)))
    arousal = float(sum(w * r.arousal for w, (r, _) in zip(weights, readings)))
    confidence = float(sum(w * r.confidence for w, (r, _) in zip(weights, readings)))
    return EmotionEstimate(tuple(float(p) for p in probs), valence, arousal,
                           min(1.0, confidence), evidence)


class ImageAnalyser:
    kind = "image"

    def __init__(self, *, faces: faces.FaceReader = backends.DEFAULT, clip: clip.ClipReader | None = backends.DEFAULT
                 ) -> None:
        """The face reader and CLIP (None: not installed) come from the model table unless given."""
        self.faces = backends.load("faces") if faces is backends.DEFAULT else faces
        self.clip = backends.load("clip") if clip is backends.DEFAULT else clip

    @property
    def backend(self) -> str:
        """What reads the whole photo: clip, or colour_and_light when CLIP is not installed."""
        return "clip" if self.clip else "colour_and_light"

    def analyse(self, rgb: np.ndarray) -> EmotionEstimate:
        return self.analyse_with_faces(rgb)[0]

    def analyse_with_faces(self, rgb: np.ndarray, detect_width: int | None = None
                           ) -> tuple[EmotionEstimate, list[faces.Face]]:
        """The reading and the faces it found; detect_width speeds face search on video frames."""
        found = self.faces.read(rgb, detect_width)
        whole = self._whole(rgb)
        if not found:
            return EmotionEstimate(whole.probs, whole.valence, whole.arousal, whole.confidence,
                                   (Evidence.of("no_faces"),) + whole.evidence), found
        areas = np.array([f.size for f in found], np.float64)
        face_probs = (areas[:, None] * np.array([f.probs for f in found])).sum(0) / areas.sum()
        valence, arousal = va_from_probs(face_probs)
        face_reading = EmotionEstimate(tuple(float(p) for p in face_probs), valence, arousal,
                                       float(face_probs.max()))
        described = [{"emotion": EMOTIONS[int(np.argmax(f.probs))], "probability": max(f.probs)}
                     for f in sorted(found, key=lambda f: -f.size)[:3]]
        evidence = (Evidence.of("faces", count=len(found), faces=described),) + whole.evidence
        return mix([(face_reading, FACE_SHARE), (whole, 1 - FACE_SHARE)], evidence), found

    def _whole(self, rgb: np.ndarray) -> EmotionEstimate:
        if self.clip is None:
            reading, _ = affect.estimate(rgb)
            return EmotionEstimate(reading.probs, reading.valence, reading.arousal,
                                   reading.confidence, (Evidence.of("no_clip"),) + reading.evidence)
        probs = self.clip.probs(rgb)
        valence, arousal = va_from_probs(probs)
        label = EMOTIONS[int(np.argmax(probs))]
        return EmotionEstimate(tuple(float(p) for p in probs), valence, arousal, float(probs.max()),
                               (Evidence.of("clip", emotion=label, probability=probs.max()),))
