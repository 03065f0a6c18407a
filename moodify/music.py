"""Reading a piece of music: 16 kHz mono samples -> tempo, beats and bar starts, key, loudness,
energy per second, musicnn's mood tags over the track and along it, and its emotion (the sound
path's music reading). Used for your own files and for the catalogue audio Moodify fetches."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from moodify.analysers.sound import acoustics, music_estimate, tag_point
from moodify.models import backends, musicnn

PATCH_SECONDS = 187 * 256 / 16000          # musicnn's patch
MAX_TIMELINE_PATCHES = 24                   # patches tagged for the emotion timeline, spread evenly
RATE = 16000


@dataclass(frozen=True)
class TrackAnalysis:
    duration: float
    tempo: float
    beats: list[float]
    downbeats: list[float]          # every fourth beat from the strongest phase: bar starts
    key: str
    mode: str
    loudness_db: float
    energy: list[float]             # RMS dBFS per second
    tags: dict[str, float]          # musicnn's top tags over the track
    timeline: list[dict]            # per tagged patch: start, valence, arousal (of its mood tags)
    reading: dict                   # probs, valence, arousal, confidence, evidence

    def to_annotation(self, path: Path, digest: str) -> dict:
        return {"path": str(path), "sha256": digest, "duration_s": round(self.duration, 3),
                "tempo": round(self.tempo, 2), "beats": self.beats, "downbeats": self.downbeats,
                "key": self.key, "mode": self.mode, "loudness_db": round(self.loudness_db, 2),
                "energy": self.energy, "tags": self.tags, "timeline": self.timeline, "reading": self.reading}


def analyse_samples(samples: np.ndarray, tagger: musicnn.Musicnn | None = None) -> TrackAnalysis:
    """16 kHz mono music -> its features and emotion (the sound path's music reading)."""
    import librosa

    tagger = tagger or backends.load("musicnn")
    duration = len(samples) / RATE
    batch = musicnn.patches(musicnn.log_mel(samples))
    chosen = np.unique(np.linspace(0, len(batch) - 1, min(len(batch), MAX_TIMELINE_PATCHES)).round().astype(int))
    import torch

    per_patch = tagger.forward(torch.from_numpy(batch[chosen])).numpy()
    timeline = []
    for index, tags in zip(chosen, per_patch):
        valence, arousal, _, _ = tag_point(tags)
        timeline.append({"start": round(float(index * PATCH_SECONDS), 2), "valence": round(valence, 4),
                         "arousal": round(arousal, 4)})
    mean_tags = per_patch.mean(0)
    sound = acoustics(samples)
    reading = music_estimate(mean_tags, sound, duration)
    beats = list(sound.beats)
    rms = librosa.feature.rms(y=samples, frame_length=RATE, hop_length=RATE, center=False)[0]
    energy = [round(float(20 * np.log10(max(r, 1e-5))), 2) for r in rms]
    top = np.argsort(-mean_tags)[:8]
    return TrackAnalysis(
        duration=duration, tempo=sound.tempo, beats=beats, downbeats=downbeats(beats, samples),
        key=sound.key, mode=sound.mode, loudness_db=sound.loudness_db, energy=energy,
        tags={musicnn.MSD_LABELS[i]: round(float(mean_tags[i]), 4) for i in top}, timeline=timeline,
        reading={**{k: v for k, v in reading.to_dict().items() if k in ("valence", "arousal", "confidence",
                                                                        "evidence")},
                 "probs": [round(float(p), 5) for p in reading.probs], "label": reading.label})


def downbeats(beats: list[float], samples: np.ndarray) -> list[float]:
    """Bar starts, assuming four beats a bar: of the four ways to group the beats, the one whose
    first beats are loudest (onset strength)."""
    if len(beats) < 8:
        return beats[:1]
    import librosa

    onset = librosa.onset.onset_strength(y=samples, sr=RATE, hop_length=512)
    frames = np.clip(librosa.time_to_frames(beats, sr=RATE, hop_length=512), 0, len(onset) - 1)
    strength = onset[frames]
    phase = int(np.argmax([strength[p::4].mean() for p in range(4)]))
    return beats[phase::4]


def content_hash(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
