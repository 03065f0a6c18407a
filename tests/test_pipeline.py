"""A post's parts fused into one reading that explains itself."""

from __future__ import annotations

import pytest
from PIL import Image
from skimage import data

from moodify.emotion import EmotionEstimate
from moodify.errors import InvalidInput, PayloadTooLarge
from moodify.evidence import Evidence
from moodify.media import MediaFile
from moodify.config import SettingsError
from moodify.fusion import fuse, reliability
from moodify.pipeline import read
from moodify.post import Post
from moodify.reading import PartReading


def part(kind, name, label, confidence=0.9):
    e = EmotionEstimate.from_label(label)
    return PartReading(kind, name, EmotionEstimate(e.probs, e.valence, e.arousal, confidence,
                                                   (Evidence.of("clip", emotion=label, probability=0.9),)))


def codes(reading: EmotionEstimate) -> list[str]:
    return [item.code for item in reading.evidence]


def test_disagreeing_parts_are_named_not_averaged_away():
    fused = fuse([part("text", "caption", "sadness"), part("image", "photo 1", "happiness")])
    assert codes(fused) == ["part", "part", "disagree", "fused"]
    summary, _, disagree, verdict = fused.evidence
    assert summary.params == {"part": "caption", "kind": "text", "emotion": "sadness", "probability": 0.85,
                              "evidence": {"code": "clip", "params": {"emotion": "sadness", "probability": 0.9}}}
    assert (disagree.params["a"]["part"], disagree.params["a"]["emotion"]) == ("caption", "sadness")
    assert (disagree.params["b"]["part"], disagree.params["b"]["emotion"]) == ("photo 1", "happiness")
    assert disagree.params["a"]["valence"] < 0 < disagree.params["b"]["valence"]
    assert verdict.params == {"emotion": "sadness",
                              "others": [{"part": "photo 1", "kind": "image", "emotion": "happiness"}]}
    assert fused.label == "sadness"                 # the caption is trusted more than a photo


def test_agreeing_parts_raise_no_alarm():
    fused = fuse([part("text", "caption", "happiness"), part("image", "photo 1", "happiness")])
    assert "disagree" not in codes(fused)
    assert fused.evidence[-1] == Evidence.of("fused", emotion="happiness", others=[])


def test_reliability_setting_changes_who_leads(monkeypatch):
    parts = [part("text", "caption", "sadness"), part("image", "photo 1", "happiness")]
    monkeypatch.setenv("MOODIFY_RELIABILITY", "image=3")
    assert reliability()["image"] == 3.0 and fuse(parts).label == "happiness"
    monkeypatch.setenv("MOODIFY_RELIABILITY", "photo=2")
    with pytest.raises(SettingsError, match="MOODIFY_RELIABILITY names 'photo', which is not a kind of part"):
        reliability()


def test_an_empty_post_says_what_to_give():
    with pytest.raises(InvalidInput, match="give a caption, a photo"):
        Post(caption="   ")


def test_too_many_photos(tmp_path):
    files = tuple(MediaFile(tmp_path / f"{i}.jpg", f"{i}.jpg") for i in range(11))
    with pytest.raises(PayloadTooLarge, match="at most 10"):
        Post(images=files)


def test_a_caption_and_a_photo_end_to_end(tmp_path):
    path = tmp_path / "me.jpg"
    Image.fromarray(data.astronaut()).save(path)
    reading = read(Post(caption="보고 싶다 ㅠㅠ", images=(MediaFile(path, "me.jpg"),)))
    kinds = {p.name: p for p in reading.parts}
    assert kinds["caption"].estimate.label == "sadness"
    assert kinds["photo 1"].estimate.label == "happiness" and kinds["photo 1"].detail["faces"] == 1
    assert "disagree" in codes(reading.fused)
    assert reading.to_dict()["parts"][1]["kind"] == "image" and "timeline" not in reading.to_dict()


def test_bad_media_is_refused_before_any_reading(tmp_path):
    good, bad = tmp_path / "ok.jpg", tmp_path / "clip.mp4"
    Image.fromarray(data.astronaut()).save(good)
    bad.write_text("hello")
    post = Post(images=(MediaFile(good, "ok.jpg"),), video=MediaFile(bad, "clip.mp4"))
    calls = []
    with pytest.raises(InvalidInput, match="clip.mp4"):
        read(post, progress=lambda f, s: calls.append(s))
    assert calls == []


def test_limits_are_settings(tmp_path, monkeypatch):
    monkeypatch.setenv("MOODIFY_MAX_IMAGES", "2")
    files = tuple(MediaFile(tmp_path / f"{i}.jpg", f"{i}.jpg") for i in range(3))
    with pytest.raises(PayloadTooLarge, match="at most 2 .setting max_images"):
        Post(images=files)
