"""Media made in the test: videos from a face photo and a tone, sound clips, broken files."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import numpy as np

RATE = 16000


def chord_clip(seconds: float, bpm: float = 120, notes=(0, 4, 7, 12), amplitude: float = 0.3,
               rate: int = RATE) -> np.ndarray:
    """Plucked notes on the beat over a kick drum: a crude but real piece of music."""
    t = np.arange(int(seconds * rate)) / rate
    beat = 60 / bpm
    f = 261.63 * 2 ** (np.array(notes)[(t / beat).astype(int) % len(notes)] / 12)
    envelope = np.exp(-((t % beat) / beat) * 4)
    tone = sum(np.sin(2 * np.pi * f * k * t) / k for k in (1, 2, 3)) * envelope
    kick = np.sin(2 * np.pi * 55 * t) * np.exp(-(t % beat) * 30)
    return ((tone + kick) * amplitude).astype(np.float32)


def write_audio(path: Path, samples: np.ndarray, rate: int = RATE, codec: str = "pcm_s16le") -> Path:
    import av

    fmt = {"pcm_s16le": "s16", "libmp3lame": "s16p", "aac": "fltp", "flac": "s16", "libopus": "s16",
           "libvorbis": "fltp"}[codec]
    out_rate = 48000 if codec == "libopus" else rate
    with av.open(str(path), "w") as container:
        stream = container.add_stream(codec, rate=out_rate, layout="mono")
        resampler = av.AudioResampler(format=fmt, layout="mono", rate=out_rate)
        frame = av.AudioFrame.from_ndarray(samples.reshape(1, -1).astype(np.float32), format="flt", layout="mono")
        frame.sample_rate = rate
        for piece in resampler.resample(frame) + resampler.resample(None):
            for packet in stream.encode(piece):
                container.mux(packet)
        for packet in stream.encode(None):
            container.mux(packet)
    return path


def write_video(path: Path, pictures: list[np.ndarray], seconds_each: float, fps: int = 24,
                size: tuple[int, int] = (640, 360), sound: np.ndarray | None = None) -> Path:
    """An H.264 + AAC mp4 showing each picture for seconds_each, with the sound under it."""
    import cv2

    def frames():
        for picture in pictures:
            scaled = _letterbox(picture, size[0], size[1], cv2)
            for _ in range(int(seconds_each * fps)):
                yield scaled
    return _encode(path, frames(), fps, size, sound, crf=28)


def _encode(path: Path, frames, fps: int, size: tuple[int, int], sound: np.ndarray | None, crf: int) -> Path:
    """RGB frames (an iterable) and mono 16 kHz sound into an H.264 + AAC mp4."""
    import av

    with av.open(str(path), "w") as container:
        video = container.add_stream("libx264", rate=fps)
        video.width, video.height, video.pix_fmt = size[0], size[1], "yuv420p"
        video.options = {"preset": "veryfast", "crf": str(crf)}
        audio = container.add_stream("aac", rate=44100, layout="mono") if sound is not None else None
        for index, rgb in enumerate(frames):
            frame = av.VideoFrame.from_ndarray(rgb, format="rgb24")
            frame.pts, frame.time_base = index, Fraction(1, fps)
            for packet in video.encode(frame):
                container.mux(packet)
        for packet in video.encode(None):
            container.mux(packet)
        if audio is not None:
            _mux_sound(container, audio, sound)
    return path


def _mux_sound(container, stream, sound: np.ndarray) -> None:
    import av

    resampler = av.AudioResampler(format="fltp", layout="mono", rate=44100)
    frame = av.AudioFrame.from_ndarray(sound.reshape(1, -1).astype(np.float32), format="flt", layout="mono")
    frame.sample_rate = RATE
    for piece in resampler.resample(frame) + resampler.resample(None):
        for packet in stream.encode(piece):
            container.mux(packet)
    for packet in stream.encode(None):
        container.mux(packet)


def _letterbox(picture: np.ndarray, width: int, height: int, cv2) -> np.ndarray:
    scale = min(width / picture.shape[1], height / picture.shape[0])
    resized = cv2.resize(picture, (int(picture.shape[1] * scale) // 2 * 2, int(picture.shape[0] * scale) // 2 * 2))
    canvas = np.zeros((height, width, 3), np.uint8)
    top, left = (height - resized.shape[0]) // 2, (width - resized.shape[1]) // 2
    canvas[top:top + resized.shape[0], left:left + resized.shape[1]] = resized
    return canvas


def write_moving_video(path: Path, pictures: list[np.ndarray], seconds_each: float, fps: int = 30,
                       size: tuple[int, int] = (1280, 720), sound: np.ndarray | None = None,
                       crf: int = 20, seed: int = 0) -> Path:
    """Like a phone clip: the camera drifts and zooms slowly over each picture, with sensor
    noise, so the encoder has real motion and detail to code (a still slideshow decodes far
    faster than anything people film)."""
    import cv2

    width, height = size
    rng = np.random.default_rng(seed)

    def frames():
        for picture in pictures:
            base = cv2.resize(picture, (int(width * 1.3), int(height * 1.3)))
            steps = int(seconds_each * fps)
            for step in range(steps):
                share = step / max(steps - 1, 1)
                zoom = 1.0 + 0.15 * share
                w, h = int(width * 1.3 / zoom), int(height * 1.3 / zoom)
                x = int((base.shape[1] - w) * share)
                y = int((base.shape[0] - h) * (0.5 + 0.3 * np.sin(share * 3)))
                view = cv2.resize(base[y:y + h, x:x + w], (width, height))
                noise = rng.integers(-6, 7, (height // 2, width // 2, 1), dtype=np.int16)
                yield np.clip(view + np.repeat(np.repeat(noise, 2, 0), 2, 1), 0, 255).astype(np.uint8)
    return _encode(path, frames(), fps, size, sound, crf)


def marked_track(seconds: float, bpm: float = 120, rate: int = 48000, marker_hz: float = 11000) -> np.ndarray:
    """Music with a steady high tone in it (above anything in 16 kHz speech), so the music's own
    level can be measured in a mix by that one frequency."""
    t = np.arange(int(seconds * rate)) / rate
    marker = 0.3 * np.sin(2 * np.pi * marker_hz * t) * (0.6 + 0.4 * np.exp(-((t % (60 / bpm)) * 8)))
    return (marker + 0.5 * chord_clip(seconds, bpm=bpm, rate=rate)).astype(np.float32)


def band_level(samples: np.ndarray, rate: int, start: float, end: float, hz: float) -> float:
    """Power (dB) within 30 Hz of `hz` between start and end seconds."""
    piece = samples[int(start * rate):int(end * rate)]
    spectrum = np.abs(np.fft.rfft(piece * np.hanning(len(piece)))) ** 2
    freqs = np.fft.rfftfreq(len(piece), 1 / rate)
    return float(10 * np.log10(spectrum[(freqs > hz - 30) & (freqs < hz + 30)].sum() / len(piece) + 1e-20))
