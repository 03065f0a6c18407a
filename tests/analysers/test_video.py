"""A video built from a face photo and a tone gets a timeline and a fused reading."""

from __future__ import annotations

import numpy as np
import pytest
from skimage import data

from moodify.analysers.video import VideoAnalyser
from moodify.errors import InvalidInput
from moodify.evidence import Evidence
from moodify.media import MediaFile
from moodify.media import video as video_media
from tests.mediafactory import chord_clip, write_audio, write_video


@pytest.fixture(scope="module")
def two_scenes(tmp_path_factory):
    path = tmp_path_factory.mktemp("video") / "scenes.mp4"
    dark = np.full((512, 512, 3), 25, np.uint8)
    # 2.5 s each: the cut falls between the once-a-second samples
    write_video(path, [data.astronaut(), dark], 2.5, sound=chord_clip(5.0))
    return path


@pytest.fixture(scope="module")
def analyser():
    return VideoAnalyser()


def test_timeline_and_fused_reading(analyser, two_scenes):
    stages = []
    reading = analyser.read(MediaFile(two_scenes, "scenes.mp4"), progress=lambda f, s: stages.append((f, s)))
    times = [p.time for p in reading.timeline]
    assert times[0] == 0.0 and times == sorted(times)
    assert 5 <= len(times) <= 8                          # about one a second, plus the cut
    first = [p for p in reading.timeline if p.time < 2.4]
    assert all(p.faces == 1 and p.estimate.label == "happiness" for p in first)
    assert all(p.faces == 0 for p in reading.timeline if p.time > 2.6)
    assert any(p.cut and 2.4 <= p.time <= 2.7 for p in reading.timeline)   # the cut was caught
    assert reading.sound is not None and reading.sound.estimate.evidence[0].code == "music"
    frames = reading.estimate.evidence[0]
    assert frames.code == "frames" and round(frames.params["seconds"]) == 5 and frames.params["with_faces"] == 3
    assert frames.params["frames"] == len(reading.timeline)
    heard = [e for e in reading.estimate.evidence if e.code == "sound_track"]
    assert [e.params["evidence"]["code"] for e in heard] == ["music"]
    assert abs(reading.duration - 5.0) < 0.2
    assert [f for f, _ in stages] == sorted(f for f, _ in stages) and stages[-1][0] < 1


def test_video_without_sound(analyser, tmp_path):
    path = write_video(tmp_path / "silent.mp4", [data.astronaut()], 2.0)
    reading = analyser.read(MediaFile(path, "silent.mp4"))
    assert reading.sound is None and Evidence.of("no_sound_track") in reading.estimate.evidence
    assert reading.estimate.label == "happiness"


def test_text_named_mp4(tmp_path):
    path = tmp_path / "clip.mp4"
    path.write_text("not a video at all\n" * 50)
    with pytest.raises(InvalidInput, match="not a media file"):
        video_media.read(MediaFile(path, "clip.mp4"))


def test_sound_only_m4a_given_as_video(tmp_path):
    path = write_audio(tmp_path / "voice.m4a", chord_clip(1.0), codec="aac")
    with pytest.raises(InvalidInput, match="no picture"):
        video_media.read(MediaFile(path, "voice.m4a"))


def test_truncated_video_says_what_to_do(tmp_path, two_scenes):
    whole = two_scenes.read_bytes()
    path = tmp_path / "cut.mp4"
    path.write_bytes(whole[:len(whole) // 3])
    with pytest.raises(InvalidInput, match="export it again"):
        video_media.read(MediaFile(path, "cut.mp4"))


def test_too_long_a_video_is_refused_by_the_setting(two_scenes, monkeypatch):
    from moodify.errors import PayloadTooLarge

    monkeypatch.setenv("MOODIFY_MAX_VIDEO_SECONDS", "3")
    with pytest.raises(PayloadTooLarge, match="up to 3 s: trim it"):
        video_media.probe(MediaFile(two_scenes, "scenes.mp4"))
