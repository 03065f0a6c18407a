"""The sound analyser on real speech (synthesised, in tests/fixtures) and generated music."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from moodify.analysers.sound import SoundAnalyser, acoustics
from moodify.media import MediaFile
from moodify.media.audio import decode
from tests.mediafactory import chord_clip

FIXTURES = Path(__file__).parent.parent / "fixtures"


@pytest.fixture(scope="module")
def analyser():
    return SoundAnalyser()


def speech(name: str) -> np.ndarray:
    return decode(MediaFile(FIXTURES / f"{name}.wav", name))


def test_speech_is_found_and_read_by_its_prosody(analyser):
    reading = analyser.read(speech("speech_calm"))
    assert reading.speech and sum(b - a for a, b in reading.speech) > 4.0
    said = reading.estimate.evidence[0]
    assert said.code == "voice" and said.params["seconds"] > 4.0
    assert set(said.params) == {"seconds", "pitch_range", "loudness", "pace", "arousal"}
    assert reading.estimate.valence == 0.0            # prosody does not claim a valence


def test_excited_speech_reads_more_aroused_than_calm(analyser):
    calm, excited = analyser.read(speech("speech_calm")), analyser.read(speech("speech_excited"))
    assert excited.estimate.arousal > calm.estimate.arousal + 0.2


def test_music_is_tagged_and_its_tempo_and_key_found(analyser):
    reading = analyser.read(chord_clip(12, bpm=120, notes=(0, 4, 7, 12)))
    assert reading.speech == []
    said = reading.estimate.evidence[0]
    assert said.code == "music" and len(said.params["tags"]) == 3 and said.params["mode"] in ("major", "minor")
    assert said.params["valence"] == round(reading.estimate.valence, 4)
    features = acoustics(chord_clip(12, bpm=120, notes=(0, 4, 7, 12)))
    assert abs(features.tempo - 120) < 8 or abs(features.tempo - 240) < 12
    assert (features.key, features.mode) == ("C", "major")


def test_minor_slow_soft_music_reads_lower_than_major_fast_loud(analyser):
    bright = analyser.read(chord_clip(12, bpm=150, notes=(0, 4, 7, 12), amplitude=0.5)).estimate
    dark = analyser.read(chord_clip(12, bpm=60, notes=(0, 3, 7, 3), amplitude=0.03)).estimate
    assert bright.arousal > dark.arousal
    assert bright.valence > dark.valence


def test_silence_is_calm_and_says_so(analyser):
    reading = analyser.read(np.zeros(16000 * 3, np.float32))
    assert reading.estimate.arousal < 0 and reading.estimate.evidence[0].code == "near_silence"
