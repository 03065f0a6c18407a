"""A post's flow, top to bottom:

    Post (caption, photos, sound clips, a video)
      -> every file checked by its content before any work
      -> each part read by its analyser (text, image, audio, video)
      -> fused into one reading: each part weighs its confidence x its kind's reliability
      -> explained: one line per part, disagreements named, then the fused verdict
      -> (recommend, in moodify.service)
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from moodify import analysers, config
from moodify.emotion import EMOTIONS, EmotionEstimate
from moodify.errors import InvalidInput, PayloadTooLarge
from moodify.media import MediaFile

# How much each kind of part is trusted when parts are fused (times each part's confidence).
# Documented defaults; the `reliability` setting overrides them (MOODIFY_RELIABILITY="image=0.5").
RELIABILITY = {"text": 1.0, "image": 0.8, "audio": 0.6, "video": 0.9}
def limits() -> dict[str, int]:
    """Files a post may have of each kind (settings max_images, max_audio; one video)."""
    return {"images": config.current().max_images, "audio": config.current().max_audio, "video": 1}
ADJECTIVES = {"happiness": "happy", "sadness": "sad", "anger": "angry", "fear": "fearful",
              "surprise": "surprised", "disgust": "disgusted", "neutral": "neutral"}
DISAGREE_VALENCE = 0.25     # two parts disagree when their valences lie beyond this on either side
DISAGREE_CONFIDENCE = 0.3   # and both are at least this sure


def reliability() -> dict[str, float]:
    """RELIABILITY with the setting's overrides (checked when the settings were loaded)."""
    return {**RELIABILITY, **config.current().reliability}


@dataclass(frozen=True)
class Post:
    caption: str | None = None
    images: tuple[MediaFile, ...] = ()
    audio: tuple[MediaFile, ...] = ()
    video: MediaFile | None = None

    def __post_init__(self) -> None:
        caption = self.caption if self.caption and self.caption.strip() else None
        object.__setattr__(self, "caption", caption)
        object.__setattr__(self, "images", tuple(self.images))
        object.__setattr__(self, "audio", tuple(self.audio))
        if caption is None and not self.images and not self.audio and self.video is None:
            raise InvalidInput("the post is empty: give a caption, a photo, a sound clip or a video")
        most = limits()
        for kind, count in (("images", len(self.images)), ("audio", len(self.audio))):
            if count > most[kind]:
                raise PayloadTooLarge(f"{count} {kind} files: a post takes at most {most[kind]} "
                                      f"(setting max_{kind})")

    def check_media(self) -> None:
        """Refuse any file whose content is not what its field says, or that cannot be opened,
        before reading any: photos are decoded (they are quick), sound and video opened and
        their first frame decoded."""
        from moodify.media import audio, images, video

        for media in self.images:
            images.decode(media)
        for media in self.audio:
            audio.probe(media)
        if self.video is not None:
            video.probe(self.video)


@dataclass(frozen=True)
class PartReading:
    kind: str
    name: str
    estimate: EmotionEstimate
    detail: dict = field(default_factory=dict)

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


def _weights(post: Post) -> list[tuple[str, float]]:
    """The work ahead, in order, with rough costs for the progress bar."""
    work = [("caption", 1.0)] if post.caption else []
    work += [(f"photo {i + 1}", 1.0) for i in range(len(post.images))]
    work += [(f"sound {i + 1}", 3.0) for i in range(len(post.audio))]
    work += [("video", 12.0)] if post.video is not None else []
    return work


def analyse_parts(post: Post, progress=None) -> tuple[list[PartReading], tuple[dict, ...] | None]:
    """Each part's reading (and the video's timeline), reporting progress(fraction, stage)."""
    from moodify.media import audio as audio_media
    from moodify.media import images as image_media

    progress = progress or (lambda fraction, stage: None)
    post.check_media()
    work = _weights(post)
    total, done = sum(w for _, w in work) or 1.0, 0.0
    parts: list[PartReading] = []
    timeline = None

    def step(name: str, weight: float):
        nonlocal done
        start = done
        done += weight
        progress(start / total, f"reading {name}")
        return lambda share, stage: progress((start + weight * share) / total, f"{name}: {stage}")

    if post.caption:
        step("caption", 1.0)
        parts.append(PartReading("text", "caption", analysers.create("text").analyse(post.caption)))
    for i, media in enumerate(post.images):
        step(f"photo {i + 1}", 1.0)
        rgb = image_media.decode(media)
        reading, faces = analysers.create("image").analyse_with_faces(rgb)
        parts.append(PartReading("image", f"photo {i + 1}", reading,
                                 {"file": media.name, "faces": len(faces),
                                  "whole_image": analysers.create("image").backend}))
    for i, media in enumerate(post.audio):
        step(f"sound {i + 1}", 3.0)
        sound = analysers.create("audio").read(audio_media.decode(media))
        parts.append(PartReading("audio", f"sound {i + 1}", sound.estimate,
                                 {"file": media.name, "seconds": round(sound.seconds, 2),
                                  "speech": [[round(a, 2), round(b, 2)] for a, b in sound.speech]}))
    if post.video is not None:
        report = step("video", 12.0)
        video = analysers.create("video").read(post.video, progress=report)
        timeline = tuple(p.to_dict() for p in video.timeline)
        parts.append(PartReading("video", "video", video.estimate,
                                 {"file": post.video.name, "seconds": round(video.duration, 2),
                                  "frames": len(video.timeline)}))
    progress(1.0, "fusing")
    return parts, timeline


def _summary(part: PartReading) -> str:
    """One line for a part: its strongest piece of evidence, and its verdict when that line
    does not already give one."""
    e = part.estimate
    lines = [line for line in e.evidence if line != "no faces found" and not line.startswith("CLIP weights")]
    first = lines[0] if lines else f"{e.label} {max(e.probs):.2f}"
    line = first if first.startswith(part.name) else f"{part.name}: {first}"
    if f"→ {e.label}" not in first:
        line += f" → {e.label} {max(e.probs):.2f}"
    return line


def disagreements(parts: list[PartReading]) -> list[str]:
    """Pairs of sure parts on opposite sides of the valence axis, said plainly."""
    sure = [p for p in parts if p.estimate.confidence >= DISAGREE_CONFIDENCE
            and abs(p.estimate.valence) >= DISAGREE_VALENCE]
    out = []
    for i, a in enumerate(sure):
        for b in sure[i + 1:]:
            if np.sign(a.estimate.valence) != np.sign(b.estimate.valence):
                out.append(f"parts disagree: {a.name} reads {ADJECTIVES[a.estimate.label]} "
                           f"(valence {a.estimate.valence:+.2f}) but {b.name} reads "
                           f"{ADJECTIVES[b.estimate.label]} ({b.estimate.valence:+.2f})")
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
    verdict = f"fused: mostly {ADJECTIVES[label]}"
    if others:
        verdict += ", with " + ", ".join(f"{ADJECTIVES[p.estimate.label]} {p.name}" for p in others[:2])
    evidence = tuple(_summary(p) for p in parts) + tuple(conflicts) + (verdict,)
    confidence = float(probs.max()) * (0.75 if conflicts else 1.0)
    return EmotionEstimate(tuple(float(x) for x in probs), valence, arousal, confidence, evidence)


def analyse_post(post: Post, progress=None) -> PostReading:
    parts, timeline = analyse_parts(post, progress)
    return PostReading(fuse(parts), tuple(parts), timeline)
