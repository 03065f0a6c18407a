"""A finished video: the chosen stretch of a track mixed under the video's own sound.

    video -> its sound (48 kHz mono) and where people speak in it (silero-vad)
    track -> from `start` (moved to the nearest beat) for the video's length, faded in and out,
             set LEVEL_UNDER_LU below the video's own sound, ducked DUCK_DB under speech
    mix   -> normalised to the render_lufs setting (-14 LUFS integrated, EBU R128 / ITU-R BS.1770,
             measured with pyloudnorm), peaks kept under -1 dBFS by a look-ahead limiter
    out   -> MP4: the video stream copied as it is where it is H.264 (else encoded to H.264),
             AAC stereo sound, moov atom first so browsers play it while it downloads
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

import numpy as np

from moodify import config
from moodify.errors import InvalidInput
from moodify.media import MediaFile
from moodify.media import video as video_media

RATE = 48000
FADE_IN, FADE_OUT = 0.5, 1.5        # seconds
DUCK_DB = -15.0                     # music under speech
DUCK_MARGIN, DUCK_RAMP = 0.15, 0.2  # seconds around speech, and of the gain ramps
LEVEL_UNDER_LU = 6.0                # music this far under the video's own sound (when it has any)
# The file keeps its true peak at or under -1 dBTP (the README's promise); the limiter aims a little
# under that, as its 4x-oversampled estimate and the AAC encoder's own overshoot each cost tenths of a dB.
CEILING = 10 ** (-1.6 / 20)
OVERSAMPLE = 4
COPYABLE = {"h264"}


def target_lufs() -> float:
    return config.current().render_lufs


@dataclass(frozen=True)
class RenderReport:
    path: Path
    duration: float
    start: float
    loudness_lufs: float
    speech: list[tuple[float, float]]
    video_copied: bool

    def to_dict(self) -> dict:
        return {"path": str(self.path), "duration": round(self.duration, 3), "start": round(self.start, 3),
                "loudness_lufs": round(self.loudness_lufs, 2), "video_copied": self.video_copied,
                "speech": [[round(a, 2), round(b, 2)] for a, b in self.speech]}


def decode_sound(path: Path, rate: int, channels: int = 1) -> np.ndarray:
    """All of a file's first sound track at `rate`: (n,) mono, or (n, 2) with channels=2;
    empty if it has none."""
    import av

    from moodify.media.audio import resampled

    with av.open(str(path)) as container:
        streams = container.streams.audio
        pieces = list(resampled(container, streams[0], rate, channels)) if streams else []
    if not pieces:
        return np.zeros((0,) if channels == 1 else (0, 2), np.float32)
    joined = np.concatenate(pieces).astype(np.float32)
    return joined[:, 0] if channels == 1 else joined


def snap_to_beat(start: float, beats: list[float]) -> float:
    return min(beats, key=lambda b: abs(b - start)) if beats else max(start, 0.0)


def duck_envelope(n: int, speech: list[tuple[float, float]]) -> np.ndarray:
    """Gain per sample: 1, falling to DUCK_DB around speech with DUCK_RAMP-second ramps."""
    depth = 10 ** (DUCK_DB / 20)
    gain = np.ones(n, np.float32)
    ramp = int(DUCK_RAMP * RATE)
    for start, end in speech:
        a, b = int(max(start - DUCK_MARGIN, 0) * RATE), int(min((end + DUCK_MARGIN) * RATE, n))
        if b <= a:
            continue
        gain[a:b] = np.minimum(gain[a:b], depth)
        down = np.linspace(1, depth, ramp, dtype=np.float32)
        lo = max(a - ramp, 0)
        gain[lo:a] = np.minimum(gain[lo:a], down[ramp - (a - lo):])
        hi = min(b + ramp, n)
        gain[b:hi] = np.minimum(gain[b:hi], down[::-1][:hi - b])
    return gain


def true_peaks(x: np.ndarray) -> np.ndarray:
    """Each sample's true peak (ITU-R BS.1770 Annex 2: the signal 4x oversampled): what a D/A
    converter, or a lossy encoder, meets between the samples."""
    from scipy.signal import resample_poly

    if len(x) == 0:
        return np.abs(x)
    fine = np.abs(resample_poly(x.astype(np.float64), OVERSAMPLE, 1))
    fine = np.pad(fine, (0, OVERSAMPLE * len(x) - len(fine)))
    return np.maximum(fine.reshape(len(x), OVERSAMPLE).max(axis=1), np.abs(x)).astype(np.float32)


def limit(x: np.ndarray, ceiling: float = CEILING, lookahead: float = 0.005, release: float = 0.08) -> np.ndarray:
    """A look-ahead true-peak limiter: the gain falls just before each peak (between samples too)
    that would pass the ceiling and recovers over `release` seconds; quieter stretches are left
    as they are."""
    from scipy.ndimage import maximum_filter1d, minimum_filter1d, uniform_filter1d
    from scipy.signal import lfilter

    size = max(3, int(lookahead * RATE) | 1)
    peaks = maximum_filter1d(true_peaks(x), size=size)
    wanted = np.minimum(1.0, ceiling / np.maximum(peaks, 1e-9))
    if wanted.min() >= 1.0:
        return x
    # release: the gain may rise only slowly (a one-pole filter on the reduction, held by min)
    pole = np.exp(-1.0 / (release * RATE))
    reduction = 1.0 - wanted
    held = np.maximum(reduction, lfilter([1 - pole], [1, -pole], reduction))
    gain = uniform_filter1d(minimum_filter1d(1.0 - held, size=size), size=size)
    return (x * gain).astype(np.float32)


def loudness(x: np.ndarray, channels: int = 1) -> float:
    """Integrated loudness (LUFS) of mono x played on `channels` identical channels: BS.1770
    sums the channels' power, so the same sound on two channels measures 3 dB louder."""
    import pyloudnorm

    if len(x) < RATE // 2:
        return float("-inf")
    signal = np.repeat(x.astype(np.float64)[:, None], channels, axis=1) if channels > 1 else x.astype(np.float64)
    return float(pyloudnorm.Meter(RATE).integrated_loudness(signal))


def normalise(x: np.ndarray, target: float) -> tuple[np.ndarray, float]:
    """Gain to `target` LUFS as the stereo file will measure, peaks limited; further passes
    correct what the limiter took."""
    y = x
    for _ in range(3):
        level = loudness(y, channels=2)
        if not np.isfinite(level):
            return y, level
        if abs(level - target) < 0.2:
            break
        y = limit(y * 10 ** ((target - level) / 20))
    y = limit(y)            # peaks under the ceiling, whatever the loudness needed
    return y, loudness(y, channels=2)


def mix(own: np.ndarray, music: np.ndarray, speech: list[tuple[float, float]], target: float
        ) -> tuple[np.ndarray, float]:
    n = len(music)
    own = np.pad(own[:n], (0, max(0, n - len(own))))
    fade = np.ones(n, np.float32)
    fade_in, fade_out = min(int(FADE_IN * RATE), n // 2), min(int(FADE_OUT * RATE), n // 2)
    fade[:fade_in] = np.linspace(0, 1, fade_in)
    fade[n - fade_out:] = np.linspace(1, 0, fade_out)
    music = music * fade
    own_level, music_level = loudness(own), loudness(music)
    if np.isfinite(own_level) and np.isfinite(music_level):
        music = music * 10 ** ((own_level - LEVEL_UNDER_LU - music_level) / 20)
    return normalise(own + music * duck_envelope(n, speech), target)


def render(video: MediaFile, track_annotation: dict, start: float, out: Path, *,
           target: float | None = None, progress=None) -> RenderReport:
    """Write OUT (mp4): the video with the track's stretch from `start` mixed under its sound."""
    import av

    from moodify.models import speech as speech_model

    progress = progress or (lambda fraction, stage: None)
    target = target_lufs() if target is None else target
    video_media.probe(video)
    source = Path(track_annotation["path"])
    if not source.exists():
        raise InvalidInput(f"the track's file {source} is gone: import it again")
    with av.open(str(video.path)) as container:
        stream = container.streams.video[0]
        duration = video_media._duration(container, stream)
    if duration <= 0:
        raise InvalidInput(f"{video.name} has no length Moodify can read: export it again as MP4 (H.264)")
    progress(0.05, "reading the video's sound")
    own = decode_sound(video.path, RATE)
    spoken = []
    if len(own) > RATE // 4:
        own16 = decode_sound(video.path, 16000)
        spoken = speech_model.load().segments(own16)
    progress(0.3, "cutting the music")
    start = snap_to_beat(start, track_annotation.get("beats") or [])
    music = decode_sound(source, RATE)
    n = int(round(duration * RATE))
    piece = music[int(start * RATE):int(start * RATE) + n]
    piece = np.pad(piece, (0, n - len(piece)))
    progress(0.5, "mixing")
    mixed, level = mix(own, piece, spoken, target)
    progress(0.7, "writing the video")
    copied = _write(video.path, out, mixed)
    progress(1.0, "done")
    return RenderReport(out, duration, start, level, spoken, copied)


def _write(video_path: Path, out: Path, sound: np.ndarray) -> bool:
    """Mux the (copied or re-encoded) video and the mixed sound into out; whether it was copied."""
    import av

    out.parent.mkdir(parents=True, exist_ok=True)
    stereo = np.repeat(sound.reshape(1, -1), 2, axis=0).astype(np.float32)
    with av.open(str(video_path)) as source, av.open(str(out), "w", format="mp4",
                                                       options={"movflags": "+faststart"}) as target:
        in_video = source.streams.video[0]
        copy = in_video.codec_context.name in COPYABLE
        if copy:
            out_video = target.add_stream_from_template(in_video)
        else:
            out_video = target.add_stream("libx264", rate=in_video.average_rate or 30)
            out_video.width, out_video.height, out_video.pix_fmt = in_video.width, in_video.height, "yuv420p"
        out_audio = target.add_stream("aac", rate=RATE, layout="stereo")
        if copy:
            for packet in source.demux(in_video):
                if packet.dts is None:
                    continue
                packet.stream = out_video
                target.mux(packet)
        else:
            for frame in source.decode(in_video):
                frame.pts = None
                for packet in out_video.encode(frame.reformat(format="yuv420p")):
                    target.mux(packet)
            for packet in out_video.encode(None):
                target.mux(packet)
        mixed = av.AudioFrame.from_ndarray(stereo, format="fltp", layout="stereo")
        mixed.sample_rate, mixed.pts, mixed.time_base = RATE, 0, Fraction(1, RATE)
        for packet in out_audio.encode(mixed):
            target.mux(packet)
        for packet in out_audio.encode(None):
            target.mux(packet)
    return copy
