"""Video -> a timeline and an overall reading.

    frames sampled ~1/s plus scene cuts -> the photo analyser on each -> a timeline point each
    sound track -> the sound analyser (run alongside the frames, in a second thread)
    overall = the frames' mean (by confidence) and the sound, by VIDEO_SOUND_SHARE
"""

from __future__ import annotations

import queue
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import torch

from moodify.analysers.image import ImageAnalyser, mix
from moodify.analysers.sound import SoundAnalyser, SoundReading
from moodify.emotion import EmotionEstimate
from moodify.evidence import Evidence
from moodify.media import MediaFile
from moodify.media import audio as audio_media
from moodify.media import video as video_media

VIDEO_SOUND_SHARE = 0.4     # of the overall reading, when the video has sound
FRAME_DETECT_WIDTH = 256    # faces are searched for in frames scaled to this width (faces
                            # under about a sixth of the frame height are not found)


@dataclass(frozen=True)
class TimelinePoint:
    time: float
    estimate: EmotionEstimate
    faces: int
    cut: bool

    def to_dict(self) -> dict:
        return {"time": round(self.time, 2), "label": self.estimate.label,
                "valence": round(self.estimate.valence, 4), "arousal": round(self.estimate.arousal, 4),
                "confidence": round(self.estimate.confidence, 4), "faces": self.faces, "scene_cut": self.cut}


@dataclass(frozen=True)
class VideoReading:
    estimate: EmotionEstimate
    timeline: list[TimelinePoint]
    sound: SoundReading | None
    duration: float


def one_thread() -> None:
    """This worker's torch work on one core (the setting is per thread): the decoder, the frames
    and the sound each keep a core busy, and oversubscribing two cores slows all three."""
    torch.set_num_threads(1)


class VideoAnalyser:
    kind = "video"

    def __init__(self, images: ImageAnalyser | None = None, sound: SoundAnalyser | None = None) -> None:
        self.images = images or ImageAnalyser()
        self.sound = sound or SoundAnalyser()

    def read(self, media: MediaFile, progress=None) -> VideoReading:
        """Three things at once: decoding (this thread and the codec's), reading the sampled
        frames (a worker fed by a queue) and reading the sound track (another worker)."""
        progress = progress or (lambda fraction, stage: None)
        duration_hint = max(video_media.probe_duration(media), 1e-3)
        frames: queue.Queue = queue.Queue(maxsize=8)
        timeline: list[TimelinePoint] = []

        def read_frames() -> None:
            one_thread()
            failure = None
            while (frame := frames.get()) is not None:
                if failure is not None:
                    continue                # keep draining so the decoder never blocks
                try:
                    reading, faces = self.images.analyse_with_faces(frame.rgb, FRAME_DETECT_WIDTH)
                    timeline.append(TimelinePoint(frame.time, reading, len(faces), frame.cut))
                    progress(0.05 + 0.85 * min(1.0, frame.time / duration_hint), "reading frames")
                except Exception as exc:  # raised again in the caller's thread below
                    failure = exc
            if failure is not None:
                raise failure

        with ThreadPoolExecutor(max_workers=2) as pool:
            sound_job = pool.submit(self._sound, media)
            frames_job = pool.submit(read_frames)
            try:                    # whatever happens here (a cancel, a broken file), the frame
                progress(0.05, "reading frames")   # reader is told to stop, so nothing waits
                video = video_media.read(media, on_frame=frames.put)
            finally:
                frames.put(None)
            frames_job.result()
            progress(0.92, "reading the sound track")
            sound = sound_job.result() if video.has_audio else None
        return VideoReading(self._overall(timeline, sound, video.duration), timeline, sound, video.duration)

    def _sound(self, media: MediaFile) -> SoundReading | None:
        one_thread()
        try:
            samples = audio_media.decode(media, checked=True, max_seconds=video_media.max_video_seconds())
        except Exception:       # no sound track, or one that cannot be decoded: read the pictures
            return None
        return self.sound.read(samples)

    def _overall(self, timeline: list[TimelinePoint], sound: SoundReading | None,
                 duration: float) -> EmotionEstimate:
        pictures = mix([(p.estimate, 1.0) for p in timeline], ())
        with_faces = sum(1 for p in timeline if p.faces)
        labels = [p.estimate.label for p in timeline]
        common = max(labels, key=labels.count)      # a tie goes to the earliest frame's label, every run
        evidence = [Evidence.of("frames", frames=len(timeline), seconds=duration, with_faces=with_faces,
                                emotion=common, count=labels.count(common))]
        evidence += _shifts(timeline)
        if sound is None:
            return EmotionEstimate(pictures.probs, pictures.valence, pictures.arousal,
                                   pictures.confidence, tuple(evidence) + (Evidence.of("no_sound_track"),))
        evidence += [Evidence.of("sound_track", evidence=e) for e in sound.estimate.evidence]
        return mix([(pictures, 1 - VIDEO_SOUND_SHARE), (sound.estimate, VIDEO_SOUND_SHARE)], tuple(evidence))


def _shifts(timeline: list[TimelinePoint]) -> list[Evidence]:
    """Where the mood turns: a run of frames with one label giving way to another."""
    out, start = [], 0
    for i in range(1, len(timeline) + 1):
        if i == len(timeline) or timeline[i].estimate.label != timeline[start].estimate.label:
            if start > 0 and i - start >= 2:
                out.append(Evidence.of("mood_shift", time=timeline[start].time,
                                       emotion=timeline[start].estimate.label))
            start = i
    return out[:4]

