"""The rendered mix keeps its true peak (ITU-R BS.1770, 4x oversampled) at or below -1 dBTP, as
measured on the finished MP4's AAC sound, for loud, clipped and quiet music."""

from __future__ import annotations

import numpy as np
import pytest
from skimage import data

from moodify import library, render
from moodify.media import MediaFile
from moodify.store import Store
from tests.mediafactory import chord_clip, write_audio, write_video


def dbtp(x: np.ndarray) -> float:
    return 20 * np.log10(float(render.true_peaks(x).max()) + 1e-12)


def test_the_true_peak_meter_sees_between_the_samples():
    # A full-scale sine at a quarter of the rate, sampled 45 degrees off its crests: every sample
    # is at 0.707, the wave itself reaches 1.0 between them (+3 dB the sample peak misses).
    t = np.arange(4800)
    x = np.sin(2 * np.pi * t / 4 + np.pi / 4).astype(np.float32)
    assert abs(20 * np.log10(np.abs(x).max()) + 3.01) < 0.05
    assert abs(dbtp(x)) < 0.2


def _track(kind: str, seconds: float = 20) -> np.ndarray:
    clip = chord_clip(seconds, bpm=128, amplitude=0.4)
    if kind == "loud":
        return np.tanh(clip * 6).astype(np.float32) * 0.99
    if kind == "clipped":
        return np.clip(clip * 12, -1, 1).astype(np.float32)           # square-ish: peaks between samples
    return (clip * 0.02).astype(np.float32)                           # very quiet: gain up, then limit


@pytest.fixture(scope="module")
def setting(tmp_path_factory):
    folder = tmp_path_factory.mktemp("peak")
    store = Store(f"sqlite:///{folder / 'moodify.db'}")
    store.upgrade()
    video = write_video(folder / "v.mp4", [data.astronaut()], 6.0, sound=chord_clip(6.0, amplitude=0.02))
    return folder, store, MediaFile(video, "v.mp4")


@pytest.mark.parametrize("kind", ["loud", "clipped", "quiet"])
def test_the_finished_video_stays_under_minus_1_dbtp(setting, kind):
    folder, store, video = setting
    song = write_audio(folder / f"{kind}.wav", _track(kind), rate=16000)
    imported = library.import_paths(store, [song]).imported[0]
    with store.session() as session:
        from moodify.store.models import Track
        annotation = session.get(Track, imported["id"]).annotation
    out = folder / f"{kind}.mp4"
    report = render.render(video, annotation, 2.0, out)
    sound = render.decode_sound(out, render.RATE, channels=2)
    peak = max(dbtp(sound[:, 0]), dbtp(sound[:, 1]))
    assert peak <= -1.0, f"{kind}: {peak:.2f} dBTP"
    assert abs(report.loudness_lufs + 14) < 1.5 or kind == "quiet"
