"""Decoded-size limits: a photo that unpacks to tens of megapixels is read at working size without
a full-size copy; a video whose frames are larger than the setting is refused from its header."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image

from moodify.errors import PayloadTooLarge
from moodify.media import MediaFile
from moodify.media import images, video
from tests.mediafactory import write_video


def test_a_tiny_png_of_40_megapixels_is_read_at_working_size(tmp_path):
    bomb = tmp_path / "bomb.png"
    Image.new("RGB", (6300, 6300), (200, 30, 30)).save(bomb, optimize=True)
    assert bomb.stat().st_size < 200_000
    rgb = images.decode(MediaFile(bomb, "bomb.png"))
    assert rgb.shape == (images.WORK_SIDE, images.WORK_SIDE, 3) and rgb[0, 0].tolist() == [200, 30, 30]


def test_larger_than_the_limit_is_refused_before_decoding(tmp_path):
    bomb = tmp_path / "huge.png"
    Image.new("L", (8000, 8000)).save(bomb, optimize=True)          # 64 megapixels
    with pytest.raises(PayloadTooLarge, match="40 megapixels"):
        images.decode(MediaFile(bomb, "huge.png"))


@pytest.fixture(scope="module")
def big_frames(tmp_path_factory):
    path = tmp_path_factory.mktemp("video") / "big.mp4"
    return MediaFile(write_video(path, [np.zeros((64, 64, 3), np.uint8)], 0.1, fps=10, size=(5120, 2160)), "big.mp4")


def test_video_frames_over_the_limit_are_refused_from_the_header(big_frames):
    for read in (video.probe, video.read):
        with pytest.raises(PayloadTooLarge, match="5120x2160.*8.3 megapixels"):
            read(big_frames)


def test_the_limit_is_a_setting(big_frames, monkeypatch):
    monkeypatch.setenv("MOODIFY_MAX_VIDEO_MEGAPIXELS", "12")
    video.probe(big_frames)
