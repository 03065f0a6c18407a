"""Evidence, reasons and segment choices as codes with parameters (moodify/evidence.py): the shape,
its round trip (readings stored as sentences before codes included), and words for every code in
the command line and in the web app."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from moodify.emotion import EmotionEstimate
from moodify.errors import InvalidInput
from moodify.evidence import CODES, READING, REASONS, SEGMENT, Evidence, stored_reading
from moodify.models.musicnn import MSD_LABELS
from moodify.post import Post
from moodify.recommend import Options
from moodify.store.models import Analysis
from moodify.words import TABLES, evidence_text, reason_text, segment_text
from moodify.domain import posts, recommendations

FRONTEND = Path(__file__).resolve().parents[1] / "frontend" / "src" / "explain"
CAPTION = Evidence.of("caption", snippet="보고 싶다 ㅠㅠ", emotion="sadness", probability=0.9123456)
SAMPLES: dict[str, dict] = {
    "text": {"text": "caption: '보고 싶다' → sadness (슬픔) 0.91"},
    "asked_emotion": {"emotion": "sadness"},
    "asked_point": {"valence": -0.5, "arousal": 0.25},
    "caption": CAPTION.params,
    "cue": {"cue": "crying", "sign": "ㅠㅠ", "emotion": "sadness"},
    "shouting": {},
    "language": {"language": "ko_en", "chunks": 3},
    "no_faces": {},
    "faces": {"count": 2, "faces": [{"emotion": "happiness", "probability": 0.97},
                                    {"emotion": "neutral", "probability": 0.6}]},
    "no_clip": {},
    "clip": {"emotion": "happiness", "probability": 0.55},
    "colour": {"light": "mid", "saturation": "moderate", "tone": "warm", "valence": 0.15, "arousal": -0.06},
    "near_silence": {},
    "voice": {"seconds": 3.2, "pitch_range": "wide", "loudness": "loud", "pace": "fast", "arousal": 0.4},
    "music": {"seconds": 4.0, "tags": ["electronic", "experimental", "electronica"],
              "mood_tags": [{"tag": "ambient", "probability": 0.11}, {"tag": "chillout", "probability": 0.07}],
              "tempo": 117.45, "key": "C", "mode": "major", "loudness_db": -23.2, "valence": 0.49, "arousal": -0.34},
    "frames": {"frames": 6, "seconds": 5.04, "with_faces": 3, "emotion": "happiness", "count": 3},
    "mood_shift": {"time": 2.5, "emotion": "neutral"},
    "no_sound_track": {},
    "sound_track": {"evidence": Evidence.of("near_silence")},
    "part": {"part": "photo 1", "kind": "image", "emotion": "happiness", "probability": 0.88,
             "evidence": Evidence.of("clip", emotion="happiness", probability=0.55)},
    "disagree": {"a": {"part": "caption", "kind": "text", "emotion": "sadness", "valence": -0.59},
                 "b": {"part": "photo 1", "kind": "image", "emotion": "happiness", "valence": 0.78}},
    "fused": {"emotion": "sadness", "others": [{"part": "photo 1", "kind": "image", "emotion": "happiness"}]},
    "deam_rating": {"valence": 5.2, "arousal": 4.1},
    "pmemo_rating": {"valence": 0.62, "arousal": 0.45},
    "quadrant": {"quadrant": "Q3", "moods": ["Melancholy", "Brooding"]},
    "film_rating": {"scale": "sad", "rating": 7.2, "valence": 3.1, "energy": 4.0},
    "tags": {"tags": ["sad", "piano"]},
    "rated_point": {"valence": 0.4, "arousal": -0.2},
    "point_vs_target": {"valence": 0.4, "arousal": -0.2, "target_valence": 0.87, "target_arousal": 0.38,
                        "mode": "uplift"},
    "reads_as": {"emotion": "happiness", "post_emotion": "sadness"},
    "caption_fit": {"score": 0.75},
    "like_liked": {"features": [{"kind": "instrument", "value": "piano"}]},
    "whole_track": {"duration": 30.0, "video": 45.0},
    "starts_on": {"aligned_to": "bar", "time": 12.3},
    "loudness": {"db": -12.2, "mean_db": -18.0, "loudest": True},
    "segment_mood": {"valence": 0.4, "arousal": 0.2, "target_valence": 0.3, "target_arousal": 0.1},
}


def test_every_code_is_listed_once_with_its_parameters_and_has_a_sample():
    assert len(CODES) == len(READING) + len(REASONS) + len(SEGMENT)
    assert set(SAMPLES) == set(CODES)
    for code, params in SAMPLES.items():
        assert Evidence.of(code, **params).code == code


def test_a_slip_is_caught_where_it_is_made():
    with pytest.raises(ValueError, match="unknown evidence code 'captoin'"):
        Evidence.of("captoin", snippet="hi")
    with pytest.raises(ValueError, match=r"caption takes \['emotion', 'probability', 'snippet'\]"):
        Evidence.of("caption", snippet="hi", emotion="sadness")


def test_parameters_are_plain_data():
    import numpy as np

    item = Evidence.of("frames", frames=np.int64(6), seconds=np.float32(5.0412345), with_faces=3,
                       emotion="happiness", count=3)
    assert item.params == {"frames": 6, "seconds": 5.0412, "with_faces": 3, "emotion": "happiness", "count": 3}
    assert CAPTION.params["probability"] == 0.9123
    nested = Evidence.of("sound_track", evidence=CAPTION)
    assert nested.to_dict() == {"code": "sound_track", "params": {"evidence": CAPTION.to_dict()}}
    assert json.loads(json.dumps(nested.to_dict())) == nested.to_dict()


@pytest.mark.parametrize("code", sorted(SAMPLES))
def test_each_code_round_trips(code):
    item = Evidence.of(code, **SAMPLES[code])
    assert Evidence.from_dict(json.loads(json.dumps(item.to_dict()))) == item
    assert hash(Evidence.from_dict(item.to_dict())) == hash(item)


def test_a_reading_round_trips_with_its_evidence():
    reading = EmotionEstimate.from_label("sadness")
    reading = EmotionEstimate(reading.probs, reading.valence, reading.arousal, 0.9,
                              (CAPTION, Evidence.of("cue", cue="crying", sign="ㅠㅠ", emotion="sadness")))
    data = json.loads(json.dumps(reading.to_dict()))
    assert data["evidence"][0] == {"code": "caption", "params": {"snippet": "보고 싶다 ㅠㅠ", "emotion": "sadness",
                                                                  "probability": 0.9123}}
    assert EmotionEstimate.from_dict(data).evidence == reading.evidence
    assert EmotionEstimate.from_label("anger").to_dict()["evidence"] == [
        {"code": "asked_emotion", "params": {"emotion": "anger"}}]
    assert EmotionEstimate.from_va(0.5, -0.25).evidence == (Evidence.of("asked_point", valence=0.5, arousal=-0.25),)


def test_sentences_stored_before_codes_are_read_as_text():
    old = {"probs": {"sadness": 1}, "evidence": ["caption: '보고 싶다' → sadness (슬픔) 0.91", "read as Korean"]}
    reading = EmotionEstimate.from_dict(old)
    assert reading.evidence == (Evidence.text("caption: '보고 싶다' → sadness (슬픔) 0.91"),
                                Evidence.text("read as Korean"))
    assert [evidence_text(item) for item in reading.evidence] == old["evidence"]      # shown as written
    assert stored_reading(old)["evidence"][1] == {"code": "text", "params": {"text": "read as Korean"}}
    # an analyser plugin that still gives sentences
    assert EmotionEstimate(reading.probs, 0, 0, 1, ("heart at 131 bpm",)).evidence == (
        Evidence.text("heart at 131 bpm"),)


@pytest.mark.parametrize("bad", [[{"params": {}}], [{"code": 3}], [{"code": "text", "params": "x"}], [7]])
def test_malformed_evidence_in_a_request_is_refused(bad):
    with pytest.raises(InvalidInput, match="an evidence item is a sentence or"):
        EmotionEstimate.from_dict({"probs": {"sadness": 1}, "evidence": bad})


def test_a_stored_old_analysis_still_loads_shows_and_recommends(service, sqlite_store, user_name):
    made = posts.analyse(service, service.viewer(user_name), Post(caption="보고 싶다 ㅠㅠ"))
    lines = ["caption: '보고 싶다 ㅠㅠ' → sadness (슬픔) 0.91", "crying ㅠㅠ → sadness", "read as Korean"]
    reading = {"label": "sadness", "probs": dict(made["fused"]["probs"]), "valence": -0.59, "arousal": -0.5,
               "confidence": 0.91, "evidence": lines}
    with sqlite_store.session() as session:
        owner = session.get(Analysis, made["id"]).user_id
        old = Analysis(user_id=owner, caption="보고 싶다 ㅠㅠ", reading=reading,
                       parts=[{"kind": "text", "name": "caption", **reading}])
        session.add(old)
        session.flush()
        old_id = old.id
    view = posts.analysis(service, service.viewer(user_name), old_id)
    expected = [{"code": "text", "params": {"text": line}} for line in lines]
    assert view["fused"]["evidence"] == expected and view["parts"][0]["evidence"] == expected
    assert [evidence_text(item) for item in view["fused"]["evidence"]] == lines
    listed = recommendations.for_analysis(service, service.viewer(user_name), old_id, Options(limit=3))
    assert len(listed.tracks) == 3 and listed.reading.evidence[0] == Evidence.text(lines[0])
    # and a new one is codes all through
    assert made["fused"]["evidence"][0]["code"] == "caption" and posts.analysis(service, service.viewer(user_name),
                                                                                made["id"]) == made


def test_every_code_has_english_words_for_the_command_line():
    for codes, words in TABLES:
        assert set(words) == set(codes)
    say = {**{c: evidence_text for c in READING}, **{c: reason_text for c in REASONS},
           **{c: segment_text for c in SEGMENT}}
    for code, params in SAMPLES.items():
        line = say[code](Evidence.of(code, **params))
        assert line and not line.startswith(f"{code} {{"), (code, line)
    assert evidence_text({"code": "from_the_future", "params": {"n": 1}}) == 'from_the_future {"n": 1}'


def test_the_command_line_says_it_as_before():
    assert evidence_text(CAPTION) == "caption: '보고 싶다 ㅠㅠ' → sadness (슬픔) 0.91"
    assert evidence_text(Evidence.of("disagree", **SAMPLES["disagree"])) == (
        "parts disagree: caption reads sad (valence -0.59) but photo 1 reads happy (+0.78)")
    assert evidence_text(Evidence.of("fused", **SAMPLES["fused"])) == "fused: mostly sad, with happy photo 1"
    assert evidence_text(Evidence.of("part", part="caption", kind="text", emotion="sadness", probability=0.9,
                                     evidence=CAPTION)) == "caption: '보고 싶다 ㅠㅠ' → sadness (슬픔) 0.91"
    assert evidence_text(Evidence.of("part", **SAMPLES["part"])) == "photo 1: whole image (CLIP): happiness 0.55"
    assert evidence_text(Evidence.of("part", **{**SAMPLES["part"], "evidence": Evidence.of("no_sound_track")})) == (
        "photo 1: no sound track → happiness 0.88")
    assert reason_text(Evidence.of("deam_rating", valence=5.2, arousal=4.1)) == (
        "DEAM listeners rated it valence 5.2/9, arousal 4.1/9")
    assert reason_text(Evidence.of("point_vs_target", **SAMPLES["point_vs_target"])) == (
        "valence +0.40 vs uplift target +0.87, arousal -0.20 vs +0.38")
    assert segment_text(Evidence.of("loudness", **SAMPLES["loudness"])) == (
        "-12 dBFS there against -18 on average (the loudest stretch)")


def _ts_keys(source: str, type_name: str) -> set[str]:
    """The keys of `export type NAME = { ... };` in a TypeScript file (one key a line, two spaces in)."""
    block = re.search(rf"export type {type_name} = \{{\n(.*?)\n\}};", source, re.S)
    assert block, f"{type_name} not found"
    return set(re.findall(r"^  (\w+): ", block.group(1), re.M))


def test_the_web_app_knows_every_code_and_musicnn_tag():
    codes = (FRONTEND / "codes.ts").read_text(encoding="utf-8")
    assert _ts_keys(codes, "ReadingParams") == set(READING)
    assert _ts_keys(codes, "ReasonParams") == set(REASONS)
    assert _ts_keys(codes, "SegmentParams") == set(SEGMENT)
    messages = (FRONTEND / "messages.ts").read_text(encoding="utf-8")
    missing = [t for t in MSD_LABELS if f"  {json.dumps(t)}: " not in messages and f"  {t}: " not in messages]
    assert not missing, f"musicnn tags with no Korean word in frontend/src/explain/messages.ts: {missing}"
