"""The person's own music: import a folder, choose a segment, render the finished video."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner
from skimage import data

from moodify import library, render, segments
from moodify.cli import main
from moodify.domain import library as own_music
from moodify.domain import posts, recommendations, renders
from moodify.errors import InvalidInput
from moodify.media import MediaFile
from moodify.media.audio import decode
from moodify.store import Store
from moodify.store.models import Track
from tests.mediafactory import band_level, chord_clip, marked_track, write_audio, write_video

FIXTURES = Path(__file__).parent / "fixtures"
MARKER = 11000


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    root = tmp_path_factory.mktemp("music")
    (root / "albums").mkdir()
    write_audio(root / "upbeat.mp3", chord_clip(30, bpm=128, amplitude=0.4), codec="libmp3lame")
    write_audio(root / "albums" / "slow.flac", chord_clip(30, bpm=70, notes=(0, 3, 7, 3), amplitude=0.05),
                codec="flac")
    write_audio(root / "marked.wav", marked_track(40), rate=48000)
    (root / "broken.m4a").write_bytes(b"not really sound" * 50)
    (root / "cover.jpg").write_bytes(b"\xff\xd8\xff" + bytes(100))       # not audio: not even tried
    return root


@pytest.fixture(scope="module")
def store(folder, tmp_path_factory):
    store = Store(f"sqlite:///{tmp_path_factory.mktemp('lib') / 'moodify.db'}")
    store.upgrade()
    return store


@pytest.fixture(scope="module")
def imported(store, folder):
    return library.import_dir(store, folder)


def annotation(store, track_id) -> dict:
    with store.session() as session:
        return session.get(Track, track_id).annotation


def test_import_reads_every_audio_file_and_reports_the_broken_one(imported):
    names = sorted(Path(t["path"]).name for t in imported.imported)
    assert names == ["marked.wav", "slow.flac", "upbeat.mp3"]
    assert [Path(f["path"]).name for f in imported.failed] == ["broken.m4a"]
    assert "broken.m4a" in imported.failed[0]["reason"]
    upbeat = next(t for t in imported.imported if t["title"] == "upbeat")
    slow = next(t for t in imported.imported if t["title"] == "slow")
    assert abs(upbeat["tempo"] - 128) < 8 and upbeat["key"] == "C major" and slow["key"] == "C minor"
    assert upbeat["arousal"] > slow["arousal"]


def test_the_stored_track_is_a_user_track_with_its_analysis(store, imported):
    track_id = imported.imported[0]["id"]
    with store.session() as session:
        track = session.get(Track, track_id)
        assert track.source == "user" and track.emotion and abs(sum(track.probs) - 1) < 1e-3
        stored = track.annotation
    assert {"beats", "downbeats", "energy", "timeline", "sha256", "path", "reading"} <= set(stored)
    assert len(stored["energy"]) >= 29 and len(stored["beats"]) > 20


def test_importing_again_skips_unchanged_files(store, folder, imported):
    again = library.import_dir(store, folder)
    assert again.imported == [] and len(again.skipped) == 3
    assert all(s["reason"] == "already imported (same content)" for s in again.skipped)


def test_an_interrupted_import_resumes(store, tmp_path):
    write_audio(tmp_path / "a.wav", chord_clip(5))
    write_audio(tmp_path / "b.wav", chord_clip(6, bpm=90))
    calls = []

    def stop_after_first(done, total, name):
        calls.append(name)
        if done == 1:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        library.import_dir(store, tmp_path, stop_after_first)
    resumed = library.import_dir(store, tmp_path)
    assert [Path(s["path"]).name for s in resumed.skipped] == ["a.wav"]
    assert [Path(t["path"]).name for t in resumed.imported] == ["b.wav"]


def test_not_a_folder(store, tmp_path):
    with pytest.raises(InvalidInput, match="not a folder"):
        library.import_dir(store, tmp_path / "nowhere")


def test_segment_starts_on_a_bar_and_fits(store, imported):
    stored = annotation(store, next(t["id"] for t in imported.imported if t["title"] == "upbeat"))
    segment = segments.best_segment(stored, 8.0, target=(0.6, 0.5))
    assert segment.on == "bar" and segment.start in stored["downbeats"]
    assert segment.end <= stored["duration_s"] + 1e-6 and abs(segment.end - segment.start - 8.0) < 1e-6
    assert [r.code for r in segment.reasons] == ["starts_on", "loudness", "segment_mood"]
    assert segment.reasons[0].params == {"aligned_to": "bar", "time": round(segment.start, 4)}
    assert segment.reasons[2].params["target_valence"] == 0.6
    whole = segments.best_segment(stored, 60.0)
    assert whole.start <= 1.0 and whole.reasons[0].code == "whole_track" and whole.reasons[0].params["video"] == 60


def test_segment_prefers_the_loud_part():
    energy = [-30.0] * 20 + [-10.0] * 10 + [-30.0] * 20
    beats = [i * 0.5 for i in range(100)]
    stored = {"duration_s": 50.0, "energy": energy, "beats": beats, "downbeats": beats[::4], "timeline": []}
    segment = segments.best_segment(stored, 8.0)
    assert 19.0 <= segment.start <= 22.0 and segment.reasons[1].params["loudest"] is True


@pytest.fixture(scope="module")
def speaking_video(tmp_path_factory):
    """8 s: 2 s of quiet, then a voice for about 2.9 s, then quiet again."""
    voice = decode(MediaFile(FIXTURES / "speech_excited.wav", "voice"))
    sound = np.concatenate([np.zeros(2 * 16000), 0.8 * voice, np.zeros(3 * 16000)]).astype(np.float32)
    path = tmp_path_factory.mktemp("render") / "talk.mp4"
    return write_video(path, [data.astronaut()], len(sound) / 16000, sound=sound), len(sound) / 16000


@pytest.fixture(scope="module")
def rendered(store, imported, speaking_video, tmp_path_factory):
    track = next(t for t in imported.imported if t["title"] == "marked")
    stored = annotation(store, track["id"])
    video, _ = speaking_video
    out = tmp_path_factory.mktemp("out") / "final.mp4"
    asked = stored["beats"][10] + 0.13                     # between beats: moved to the nearest
    return render.render(MediaFile(video, "talk.mp4"), stored, asked, out), stored


def test_render_keeps_the_videos_length_and_copies_its_picture(rendered, speaking_video):
    import av

    report, _ = rendered
    with av.open(str(report.path)) as container:
        kinds = {s.type: s for s in container.streams}
        assert kinds["video"].codec_context.name == "h264" and kinds["audio"].codec_context.name == "aac"
        assert abs(container.duration / 1e6 - speaking_video[1]) <= 0.1
    assert report.video_copied


def test_render_is_at_minus_14_lufs(rendered):
    import pyloudnorm

    report, _ = rendered
    stereo = render.decode_sound(report.path, 48000, channels=2)
    measured = pyloudnorm.Meter(48000).integrated_loudness(stereo.astype(np.float64))
    assert abs(measured + 14.0) <= 1.0
    assert np.abs(stereo).max() <= 1.0


def test_music_ducks_under_speech_by_at_least_8_db(rendered):
    report, _ = rendered
    assert report.speech and 1.7 < report.speech[0][0] < 2.4
    mono = render.decode_sound(report.path, 48000)
    speech_start, speech_end = report.speech[0]
    inside = band_level(mono, 48000, speech_start + 0.4, speech_end - 0.4, MARKER)
    before = band_level(mono, 48000, 0.7, speech_start - 0.5, MARKER)
    after = band_level(mono, 48000, speech_end + 0.5, speech_end + 1.3, MARKER)
    assert min(before, after) - inside >= 8.0


def test_music_starts_on_a_beat_of_the_segment(rendered):
    report, stored = rendered
    assert report.start in stored["beats"]
    # and the first seconds of the mix are that stretch of the track (found by cross-correlation)
    track = render.decode_sound(Path(stored["path"]), 48000)
    mixed = render.decode_sound(report.path, 48000)[int(0.6 * 48000):int(1.6 * 48000)]
    window = track[int((report.start + 0.6 - 0.3) * 48000):int((report.start + 1.6 + 0.3) * 48000)]
    lags = np.correlate(window, mixed, mode="valid")
    found = (np.argmax(lags) / 48000) - 0.3
    assert abs(found) < 0.01


def test_cli_import_dir_and_render(store, folder, speaking_video, tmp_path, monkeypatch):
    monkeypatch.setenv("MOODIFY_DATABASE_URL", store.url)
    runner = CliRunner()
    result = runner.invoke(main, ["catalog", "import-dir", str(folder), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert set(report) == {"imported", "skipped", "failed"}
    assert len(report["imported"]) == 3 and len(report["failed"]) == 1   # the local user's own copies
    again = json.loads(runner.invoke(main, ["catalog", "import-dir", str(folder), "--json"]).stdout)
    assert len(again["skipped"]) == 3 and again["imported"] == []
    track_id = report["imported"][0]["id"]
    out = tmp_path / "out.mp4"
    result = runner.invoke(main, ["render", str(speaking_video[0]), "--track", str(track_id), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.stat().st_size > 10_000 and "LUFS" in result.stdout
    own = json.loads(runner.invoke(main, ["recommend", "--emotion", "happiness", "--own", "--json"]).stdout)
    assert own["tracks"] and {t["source"] for t in own["tracks"]} == {"user"}
    missing = runner.invoke(main, ["render", str(speaking_video[0]), "--track", "999999", "-o", str(out)])
    assert missing.exit_code == 2 and "999999" in missing.output


def test_purge_a_user_removes_their_rows_and_files(tmp_path, monkeypatch):
    from datetime import datetime, timedelta

    from sqlalchemy import select

    from moodify import privacy
    from moodify.errors import NotFound
    from moodify.pipeline import Post
    from moodify.service import Moodify

    store = Store(f"sqlite:///{tmp_path / 'p.db'}")
    store.upgrade()
    service = Moodify(store)
    music = tmp_path / "music"
    music.mkdir()
    write_audio(music / "a.wav", chord_clip(8))
    imported = own_music.import_dir(service, service.viewer("dana"), music).imported[0]
    posts.analyse(service, service.viewer("dana"), Post(caption="비 온다 ㅠㅠ"))
    recommendations.feedback(service, service.viewer("dana"), track_id=imported["id"], kind="like")
    video = write_video(tmp_path / "v.mp4", [data.astronaut()], 2.0, sound=chord_clip(2.0, amplitude=0.1))
    job = renders.start_render(service, service.viewer("dana"), MediaFile(video, "v.mp4"), imported["id"],
                               tmp_path / "out.mp4")
    rendered = service.jobs.wait(job["id"])
    assert rendered.status == "done" and (tmp_path / "out.mp4").exists()
    copy = tmp_path / "kept.wav"
    copy.write_bytes((music / "a.wav").read_bytes())

    # renders past retention go first, and their job says so
    assert privacy.purge_expired(store, days=7).files == 0
    later = datetime.utcnow() + timedelta(days=8)
    assert privacy.purge_expired(store, days=7, now=later).files == 1
    assert not (tmp_path / "out.mp4").exists()
    with pytest.raises(NotFound, match="no longer there"):
        renders.rendered_file(service, service.viewer("dana"), job["id"])

    runner = CliRunner()
    monkeypatch.setenv("MOODIFY_DATABASE_URL", store.url)
    result = runner.invoke(main, ["purge", "--user", "dana", "--yes", "--json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)["user"]["rows"]
    assert rows["users"] == 1 and rows["tracks"] == 1 and rows["analyses"] == 1 and rows["feedback"] == 1
    assert (music / "a.wav").exists() and copy.exists()     # the person's own files stay where they lie
    with store.session() as session:
        assert session.scalar(select(Track).where(Track.source == "user")) is None
    again = runner.invoke(main, ["purge", "--user", "dana", "--yes"])
    assert again.exit_code == 2 and "no user named 'dana'" in again.output


def test_a_licence_in_the_files_own_tags_is_honoured(store, tmp_path):
    """Your own files are yours to judge, unless their tags carry a licence that says otherwise."""
    from mutagen.id3 import ID3, WCOP

    from moodify.catalog.views import track_view

    song = write_audio(tmp_path / "tagged.mp3", chord_clip(12, bpm=100, amplitude=0.3), codec="libmp3lame")
    tags = ID3()
    tags.add(WCOP(url="https://creativecommons.org/licenses/by-nd/4.0/"))
    tags.save(song)
    track_id = library.import_paths(store, [song]).imported[0]["id"]
    with store.session() as session:
        view = track_view(session.get(Track, track_id))
    assert view["licence"]["kind"] == "own" and view["licence"]["code"] == "CC BY-ND 4.0"
    assert view["use"]["reason"] == "no_derivatives"
    untagged = library.import_paths(store, [write_audio(tmp_path / "plain.mp3", chord_clip(10), codec="libmp3lame")])
    with store.session() as session:
        plain = track_view(session.get(Track, untagged.imported[0]["id"]))
    assert plain["licence"]["code"] is None and plain["use"]["video"] is True
