"""Sound to 16 kHz mono float32 samples with PyAV (wav, mp3, m4a/aac, ogg/opus, flac, and the
sound track of a video)."""

from __future__ import annotations

import numpy as np

from moodify import config
from moodify.errors import InvalidInput, PayloadTooLarge
from moodify.media import AUDIO_EXTENSIONS, MediaFile, check_kind

RATE = 16000


def _unreadable(media: MediaFile, exc: Exception) -> InvalidInput:
    return InvalidInput(f"{media.name} could not be decoded ({type(exc).__name__}: {exc}); it may be "
                        f"truncated or not really sound: export it again as {AUDIO_EXTENSIONS}")


def resampled(container, stream, rate: int = RATE, channels: int = 1):
    """A sound track decoded to float32 at `rate`, piece by piece, each (n, channels); the
    resampler's tail included."""
    import av

    resampler = av.AudioResampler(format="flt", layout="mono" if channels == 1 else "stereo", rate=rate)
    for frame in container.decode(stream):
        for out in resampler.resample(frame):
            yield out.to_ndarray().reshape(-1, channels)
    for out in resampler.resample(None):
        yield out.to_ndarray().reshape(-1, channels)


def probe(media: MediaFile) -> None:
    """Open the file and find a sound track in it, without decoding it all: refuses garbage
    behind a valid-looking header before any work is queued."""
    import av

    check_kind(media, "audio")
    try:
        with av.open(str(media.path)) as container:
            if not container.streams.audio:
                raise InvalidInput(f"{media.name} has no sound in it: give {AUDIO_EXTENSIONS}")
            stream = container.streams.audio[0]
            next(container.decode(stream), None)
    except InvalidInput:
        raise
    except (av.error.FFmpegError, ValueError, OSError) as exc:
        raise _unreadable(media, exc) from exc


def decode(media: MediaFile, *, max_seconds: float | None = None, checked: bool = False) -> np.ndarray:
    """All of the file's first sound track as (n,) float32 at 16 kHz mono.

    `checked` skips the content check (a video's own track, already checked as video)."""
    import av

    if not checked:
        check_kind(media, "audio")
    max_seconds = max_seconds or config.current().max_audio_seconds
    try:
        with av.open(str(media.path)) as container:
            if not container.streams.audio:
                raise InvalidInput(f"{media.name} has no sound in it: give {AUDIO_EXTENSIONS}")
            stream = container.streams.audio[0]
            declared = (float(stream.duration * stream.time_base) if stream.duration and stream.time_base
                        else None)
            if declared is not None and declared > max_seconds:
                raise _too_long(media, declared, max_seconds)
            pieces, total = [], 0
            for piece in resampled(container, stream):
                pieces.append(piece[:, 0])
                total += len(piece)
                if total > max_seconds * RATE:
                    raise _too_long(media, total / RATE, max_seconds)
    except (InvalidInput, PayloadTooLarge):
        raise
    except (av.error.FFmpegError, ValueError, OSError) as exc:
        raise _unreadable(media, exc) from exc
    samples = np.concatenate(pieces).astype(np.float32) if pieces else np.zeros(0, np.float32)
    if len(samples) < RATE // 10:
        raise InvalidInput(f"{media.name} holds less than 0.1 s of sound: give a longer clip")
    return np.nan_to_num(samples, nan=0.0, posinf=1.0, neginf=-1.0)


def _too_long(media: MediaFile, seconds: float, limit: float) -> PayloadTooLarge:
    return PayloadTooLarge(f"{media.name} is {seconds:.0f} s long; Moodify reads up to {limit:.0f} s "
                           "of sound: trim it")
