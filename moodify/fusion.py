"""Fusing a post's part readings into one, explained: each part weighs its confidence times its
kind's reliability (a setting); disagreements between sure parts are named. Pure: readings in,
an EmotionEstimate out."""

from __future__ import annotations

import numpy as np

from moodify import config
from moodify.analysers import registry as analysers
from moodify.emotion import EMOTIONS, EmotionEstimate
from moodify.evidence import Evidence
from moodify.reading import PartReading

DISAGREE_VALENCE = 0.25     # two parts disagree when their valences lie beyond this on either side
DISAGREE_CONFIDENCE = 0.3   # and both are at least this sure


def reliability() -> dict[str, float]:
    """Each kind's weight: the analysers' defaults, with the reliability setting's overrides (a
    kind no analyser reads is a wrong setting: start-up checks it through this)."""
    weights, asked = analysers.reliabilities(), config.current().reliability
    unknown = sorted(set(asked) - set(weights))
    if unknown:
        raise config.SettingsError(f"MOODIFY_RELIABILITY names {', '.join(map(repr, unknown))}, which is not a "
                                   f"kind of part: use {', '.join(weights)}, e.g. image=0.5")
    return {**weights, **asked}


WARNINGS = ("no_faces", "no_clip")     # said by the part itself; too weak to stand for it


def _summary(part: PartReading) -> Evidence:
    """A part in short: its verdict and its strongest piece of evidence."""
    e = part.estimate
    strongest = next((item for item in e.evidence if item.code not in WARNINGS), None)
    return Evidence.of("part", part=part.name, kind=part.kind, emotion=e.label, probability=max(e.probs),
                       evidence=strongest)


def _ref(part: PartReading) -> dict:
    return {"part": part.name, "kind": part.kind, "emotion": part.estimate.label, "valence": part.estimate.valence}


def disagreements(parts: list[PartReading]) -> list[Evidence]:
    """Pairs of sure parts on opposite sides of the valence axis, said plainly."""
    sure = [p for p in parts if p.estimate.confidence >= DISAGREE_CONFIDENCE
            and abs(p.estimate.valence) >= DISAGREE_VALENCE]
    out = []
    for i, a in enumerate(sure):
        for b in sure[i + 1:]:
            if np.sign(a.estimate.valence) != np.sign(b.estimate.valence):
                out.append(Evidence.of("disagree", a=_ref(a), b=_ref(b)))
    return out


def fuse(parts: list[PartReading], weights: dict[str, float] | None = None) -> EmotionEstimate:
    """Confidence x reliability weighted mean of the parts' categories and points, explained."""
    if len(parts) == 1:
        return parts[0].estimate
    weights = weights or reliability()
    share = np.array([weights.get(p.kind, 0.5) * max(p.estimate.confidence, 1e-3) for p in parts])
    share = share / share.sum() if share.sum() > 0 else np.full(len(parts), 1 / len(parts))
    probs = sum(w * np.array(p.estimate.probs) for w, p in zip(share, parts))
    probs = probs / probs.sum()
    valence = float(sum(w * p.estimate.valence for w, p in zip(share, parts)))
    arousal = float(sum(w * p.estimate.arousal for w, p in zip(share, parts)))
    label = EMOTIONS[int(np.argmax(probs))]
    conflicts = disagreements(parts)
    others = [p for p in parts if p.estimate.label != label and p.estimate.confidence >= DISAGREE_CONFIDENCE]
    verdict = Evidence.of("fused", emotion=label, others=[{"part": p.name, "kind": p.kind, "emotion": p.estimate.label}
                                                          for p in others[:2]])
    evidence = tuple(_summary(p) for p in parts) + tuple(conflicts) + (verdict,)
    confidence = float(probs.max()) * (0.75 if conflicts else 1.0)
    return EmotionEstimate(tuple(float(x) for x in probs), valence, arousal, confidence, evidence)
