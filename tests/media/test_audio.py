"""Sound files of every promised format decode to 16 kHz mono; broken ones are refused clearly."""

from __future__ import annotations

import numpy as np
import pytest

from moodify.errors import InvalidInput, PayloadTooLarge
from moodify.media import MediaFile
from moodify.media.audio import decode
from tests.mediafactory import write_audio

RATE = 16000


def tone(seconds=2.0, hz=440.0):
    t = np.arange(int(seconds * RATE)) / RATE
    return (0.4 * np.sin(2 * np.pi * hz * t)).astype(np.float32)


def dominant_hz(samples: np.ndarray) -> float:
    spectrum = np.abs(np.fft.rfft(samples * np.hanning(len(samples))))
    return float(np.fft.rfftfreq(len(samples), 1 / RATE)[spectrum.argmax()])


@pytest.mark.parametrize("suffix, codec", [("wav", "pcm_s16le"), ("mp3", "libmp3lame"), ("m4a", "aac"),
                                           ("ogg", "libopus"), ("flac", "flac")])
def test_each_format_decodes_to_the_same_tone(tmp_path, suffix, codec):
    path = write_audio(tmp_path / f"clip.{suffix}", tone(), codec=codec)
    samples = decode(MediaFile(path, path.name))
    assert samples.dtype == np.float32
    assert abs(len(samples) / RATE - 2.0) < 0.15
    assert abs(dominant_hz(samples) - 440) < 5


def test_random_bytes_named_m4a(tmp_path):
    path = tmp_path / "voice.m4a"
    path.write_bytes(np.random.default_rng(1).integers(0, 256, 50_000, dtype=np.uint8).tobytes())
    with pytest.raises(InvalidInput, match="voice.m4a"):
        decode(MediaFile(path, "voice.m4a"))


def test_text_named_mp3(tmp_path):
    path = tmp_path / "song.mp3"
    path.write_text("this is not a song\n" * 100)
    with pytest.raises(InvalidInput, match="not a media file"):
        decode(MediaFile(path, "song.mp3"))


def test_a_photo_given_as_sound(tmp_path):
    path = tmp_path / "clip.wav"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    with pytest.raises(InvalidInput, match="looks like image"):
        decode(MediaFile(path, "clip.wav"))


def test_truncated_mp3_still_decodes_what_is_there_or_says_why(tmp_path):
    path = write_audio(tmp_path / "clip.mp3", tone(3.0), codec="libmp3lame")
    whole = path.read_bytes()
    path.write_bytes(whole[:len(whole) // 2])
    samples = decode(MediaFile(path, "clip.mp3"))       # MP3 frames stand alone: half remains
    assert 1.0 < len(samples) / RATE < 2.0


def test_too_long(tmp_path):
    path = write_audio(tmp_path / "long.wav", tone(3.0))
    with pytest.raises(PayloadTooLarge, match="trim it"):
        decode(MediaFile(path, "long.wav"), max_seconds=2.0)
