"""The command line, as a script would use it."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from moodify.cli import main


@pytest.fixture()
def run(sqlite_store, monkeypatch):
    monkeypatch.setenv("MOODIFY_DATABASE_URL", sqlite_store.url)

    def invoke(*args):
        return CliRunner().invoke(main, list(args))
    return invoke


def test_recommend_json_has_the_documented_fields(run):
    result = run("recommend", "--emotion", "sadness", "--limit", "5", "--json")
    assert result.exit_code == 0, result.output
    tracks = json.loads(result.stdout)["tracks"]
    assert len(tracks) == 5
    for key in ("id", "title", "artist", "source", "source_id", "tags", "valence", "arousal",
                "score", "reasons", "url", "license"):
        assert key in tracks[0]


def test_recommend_prints_a_readable_list(run):
    result = run("recommend", "--emotion", "행복", "--mode", "calm", "--limit", "3")
    assert result.exit_code == 0, result.output
    assert "happiness, mode calm: 3 tracks" in result.stdout
    assert " 1. [" in result.stdout and "valence" in result.stdout


def test_recommend_by_point_and_bad_input(run):
    assert run("recommend", "--valence", "0.5", "--arousal", "0.5", "--json").exit_code == 0
    result = run("recommend", "--emotion", "meh")
    assert result.exit_code == 2 and "unknown emotion" in result.output
    assert "Traceback" not in result.output
    assert run("recommend").exit_code == 2


def test_catalog_stats_json(run):
    stats = json.loads(run("catalog", "stats", "--json").stdout)
    assert stats["tracks"] >= 22425
    assert stats["by_source"] == {**stats["by_source"], "jamendo": 18486, "deam": 1802,
                                  "pmemo": 767, "4q": 900, "soundtracks": 470}
    assert set(stats["by_emotion"]) == {"happiness", "sadness", "anger", "fear", "surprise",
                                        "disgust", "neutral"}
    assert sum(stats["by_license"].values()) == stats["tracks"]


def test_feedback_and_db_upgrade(run, user_name):
    assert run("db", "upgrade").exit_code == 0
    result = run("feedback", "1", "--kind", "like", "--user", user_name)
    assert result.exit_code == 0 and "noted" in result.output
    result = run("feedback", "999999999", "--kind", "like")
    assert result.exit_code == 2 and "no track" in result.output


def test_catalog_import_reports_rows(run, tmp_path):
    path = tmp_path / "mine.csv"
    path.write_text("title,artist,tags\nCLI Song,Me,happy; upbeat\nNo mood,Me,\n", encoding="utf-8")
    result = run("catalog", "import", str(path), "--json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert len(report["imported"]) + len(report["updated"]) == 1
    assert report["failed"][0]["line"] == 3


def test_analyse_prints_the_reading(run):
    result = run("analyse", "--text", "엄마가 너무 보고 싶어서 눈물이 난다 ㅠㅠ")
    assert result.exit_code == 0 and result.stdout.startswith("sadness")
    data = json.loads(run("analyse", "--text", "ew that's disgusting 🤮", "--json").stdout)
    assert data["fused"]["label"] == "disgust" and data["parts"][0]["kind"] == "text"
    assert set(data["fused"]) >= {"label", "probs", "valence", "arousal", "confidence", "evidence"}
    result = run("analyse", "--text", "  ")
    assert result.exit_code == 2 and "empty" in result.output


def test_eval_text_json(run, tmp_path):
    path = tmp_path / "few.csv"
    path.write_text("text,label\n엄마가 너무 보고 싶어서 눈물이 난다 ㅠㅠ,슬픔\new that's disgusting 🤮,disgust\n",
                    encoding="utf-8")
    figures = json.loads(run("eval", "text", "--data", str(path), "--json").stdout)
    assert figures["n"] == 2 and figures["accuracy"] == 1.0
    assert set(figures) >= {"n", "accuracy", "macro_f1", "per_class", "confusion"}
    assert "confusion" in run("eval", "text", "--data", str(path)).stdout
    path.write_text("text,label\nhello,bored\n", encoding="utf-8")
    result = run("eval", "text", "--data", str(path))
    assert result.exit_code == 2 and "unknown emotion" in result.output


def test_analyse_a_post_with_photo_sound_and_video(run, tmp_path):
    from PIL import Image
    from skimage import data

    from tests.mediafactory import chord_clip, write_audio, write_video

    photo = tmp_path / "me.jpg"
    Image.fromarray(data.astronaut()).save(photo)
    sound = write_audio(tmp_path / "s.wav", chord_clip(4.0))
    video = write_video(tmp_path / "v.mp4", [data.astronaut()], 3.0, sound=chord_clip(3.0))
    result = run("analyse", "--text", "보고 싶다", "--image", str(photo), "--audio", str(sound),
                 "--video", str(video), "--json")
    assert result.exit_code == 0, result.output
    reading = json.loads(result.stdout)
    assert [p["kind"] for p in reading["parts"]] == ["text", "image", "audio", "video"]
    assert len(reading["timeline"]) >= 3
    assert set(reading["fused"]) >= {"label", "probs", "valence", "arousal", "confidence", "evidence"}
    shown = run("analyse", "--image", str(photo), "--video", str(video))
    assert shown.exit_code == 0 and "timeline:" in shown.stdout and "photo 1:" in shown.stdout
    assert "analysing" in shown.stderr                   # the progress bar
    bad = tmp_path / "fake.mp4"
    bad.write_text("not a video")
    refused = run("analyse", "--video", str(bad))
    assert refused.exit_code == 2 and "fake.mp4" in refused.output
