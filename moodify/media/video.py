"""Video: frames sampled about once a second plus at scene cuts, and the sound track.

Every frame is decoded (H.264 cannot skip to arbitrary frames cheaply), but only sampled ones
are converted to RGB. A scene cut is a jump in a 32x18 grey thumbnail's mean absolute difference
from the previous frame's.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from moodify import config
from moodify.errors import InvalidInput, PayloadTooLarge
from moodify.media import MediaFile, check_kind

MAX_FRAMES = 120            # sampled frames at most; sampling thins out for longer videos
CUT_THRESHOLD = 0.18        # mean absolute thumbnail difference (0..1) that counts as a cut
MIN_GAP = 0.3               # seconds between two sampled frames at least
WORK_WIDTH = 640            # sampled frames are read at this width


@dataclass(frozen=True)
class Frame:
    time: float
    rgb: np.ndarray
    cut: bool               # sampled because the scene changed


@dataclass(frozen=True)
class Video:
    frames: list[Frame]
    duration: float
    width: int
    height: int
    has_audio: bool
    decoded_frames: int


def _unreadable(media: MediaFile, exc: Exception) -> InvalidInput:
    return InvalidInput(f"{media.name} could not be decoded as video ({type(exc).__name__}: {exc}); "
                        "it may be truncated: export it again as MP4 (H.264)")


def read(media: MediaFile, *, max_seconds: float | None = None, max_frames: int = MAX_FRAMES,
         on_frame=None) -> Video:
    """Decode the video and sample its frames. `on_frame(frame)` is called for each sampled frame
    as soon as it is decoded, so its analysis overlaps the decoding of what follows."""
    import av

    check_kind(media, "video")
    max_seconds = max_seconds or max_video_seconds()
    try:
        with av.open(str(media.path)) as container:
            stream, duration = _picture_track(container, media, max_seconds)
            stream.thread_type = "AUTO"
            every = max(1.0, duration / max_frames) if duration else 1.0
            frames: list[Frame] = []
            previous, next_at, last_kept, decoded = None, 0.0, -1e9, 0
            for frame in container.decode(stream):
                decoded += 1
                header = stream.codec_context.width * stream.codec_context.height
                if decoded == 1 or frame.width * frame.height > header:
                    _check_frame_size(media, frame.width, frame.height)
                t = float(frame.time) if frame.time is not None else decoded / 30.0
                if t > max_seconds:
                    raise PayloadTooLarge(f"{media.name} runs past {max_seconds:.0f} s: trim it")
                thumb = _thumbnail(frame)
                cut = previous is not None and float(np.abs(thumb - previous).mean()) > CUT_THRESHOLD
                previous = thumb
                if (t >= next_at or cut) and t - last_kept >= MIN_GAP and len(frames) < max_frames:
                    height = max(2, round(frame.height * WORK_WIDTH / frame.width / 2) * 2)
                    rgb = frame.to_ndarray(width=min(WORK_WIDTH, frame.width),
                                           height=min(height, frame.height), format="rgb24")
                    frames.append(Frame(t, rgb, bool(cut and t < next_at)))
                    if on_frame is not None:
                        on_frame(frames[-1])
                    last_kept = t
                    next_at = t + every if t >= next_at else next_at
            has_audio = bool(container.streams.audio)
            width, height = stream.codec_context.width, stream.codec_context.height
    except (InvalidInput, PayloadTooLarge):
        raise
    except (av.error.FFmpegError, ValueError, OSError) as exc:
        raise _unreadable(media, exc) from exc
    if not frames:
        raise InvalidInput(f"{media.name} has no picture that could be decoded: export it again as MP4 (H.264)")
    duration = duration or frames[-1].time
    return Video(frames, duration, width, height, has_audio, decoded)


def _picture_track(container, media: MediaFile, max_seconds: float):
    """The first picture track and its declared length, refused when missing or too long."""
    if not container.streams.video:
        raise InvalidInput(f"{media.name} has no picture in it: give it as audio, or give a video")
    stream = container.streams.video[0]
    _check_frame_size(media, stream.codec_context.width, stream.codec_context.height)
    duration = _duration(container, stream)
    if duration > max_seconds:
        raise PayloadTooLarge(f"{media.name} is {duration:.0f} s long; Moodify reads videos up to "
                              f"{max_seconds:.0f} s: trim it")
    return stream, duration


def _check_frame_size(media: MediaFile, width: int, height: int) -> None:
    """Refuse frames larger than the max_video_megapixels setting (4K by default), from the header,
    before a frame is decoded; and again for each decoded frame, whose size the header may not tell."""
    most = config.current().max_video_megapixels * 1_000_000
    if width * height > most:
        raise PayloadTooLarge(f"{media.name} has frames of {width}x{height} pixels; Moodify reads videos up to "
                              f"{most / 1_000_000:g} megapixels a frame (4K): export it smaller")


def _thumbnail(frame) -> np.ndarray:
    """About 32x18 grey values of a frame, 0..1: every n-th luma sample when the frame is YUV
    (no scaling pass), else a scaled grey copy."""
    if frame.format.name.startswith(("yuv", "yuvj", "nv12")):
        plane = frame.planes[0]
        luma = np.frombuffer(plane, np.uint8).reshape(-1, plane.line_size)[:frame.height, :frame.width]
        step_y, step_x = max(1, frame.height // 18), max(1, frame.width // 32)
        return luma[step_y // 2::step_y, step_x // 2::step_x][:18, :32].astype(np.float32) / 255
    return frame.to_ndarray(width=32, height=18, format="gray").astype(np.float32) / 255


def _duration(container, stream) -> float:
    if stream.duration and stream.time_base:
        return float(stream.duration * stream.time_base)
    if container.duration:
        return container.duration / 1_000_000
    return 0.0


def max_video_seconds() -> float:
    return config.current().max_video_seconds


def probe(media: MediaFile, max_seconds: float | None = None) -> None:
    """Open the file, find a picture track, decode its first frame and check the declared
    length: refuses what cannot work before any work is queued."""
    import av

    check_kind(media, "video")
    max_seconds = max_seconds or max_video_seconds()
    try:
        with av.open(str(media.path)) as container:
            stream, _ = _picture_track(container, media, max_seconds)
            first = next(container.decode(stream), None)
            if first is None:
                raise InvalidInput(f"{media.name} has no picture that could be decoded: "
                                   "export it again as MP4 (H.264)")
            _check_frame_size(media, first.width, first.height)
    except (InvalidInput, PayloadTooLarge):
        raise
    except (av.error.FFmpegError, ValueError, OSError) as exc:
        raise _unreadable(media, exc) from exc


def probe_duration(media: MediaFile) -> float:
    """The declared duration in seconds (0 when unknown or unreadable), without decoding."""
    import av

    try:
        with av.open(str(media.path)) as container:
            return _duration(container, container.streams.video[0]) if container.streams.video else 0.0
    except (av.error.FFmpegError, ValueError, OSError):
        return 0.0


def decode_only(media: MediaFile) -> tuple[float, int]:
    """Decode every frame and the sound and keep nothing: the floor for reading a video
    (bench/media_latency.py). Returns (duration, frames)."""
    import av

    with av.open(str(media.path)) as container:
        stream = container.streams.video[0]
        stream.thread_type = "AUTO"
        count = sum(1 for _ in container.decode(stream))
        return _duration(container, stream), count
