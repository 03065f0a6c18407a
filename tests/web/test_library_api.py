"""Uploading music into the library, choosing its segment, rendering and downloading a video."""

from __future__ import annotations

import io

import pytest
from skimage import data

from tests.mediafactory import chord_clip, write_audio, write_video
from tests.web.test_media_api import poll


@pytest.fixture(scope="module")
def library_app(own_app):
    return own_app()


@pytest.fixture()
def api(library_app):
    return library_app[0].test_client()


@pytest.fixture(scope="module")
def song(tmp_path_factory):
    return write_audio(tmp_path_factory.mktemp("song") / "mine.mp3", chord_clip(24, bpm=120, amplitude=0.4),
                       codec="libmp3lame").read_bytes()


def upload(api, user, files):
    response = api.post("/api/v1/library", content_type="multipart/form-data",
                        data={"user": user, "files": [(io.BytesIO(b), n) for n, b in files]})
    assert response.status_code == 202, response.get_json()
    return poll(api, response.headers["Location"], user)


def test_upload_segment_preview_render_download(api, library_app, user_name, song, tmp_path):
    job = upload(api, user_name, [("../mine.mp3", song), ("notes.mp3", b"plain text, not music" * 40)])
    assert job["status"] == "done", job["error"]
    imported, failed = job["result"]["imported"], job["result"]["failed"]
    assert len(imported) == 1 and len(failed) == 1 and "not a media file" in failed[0]["reason"]
    assert failed[0]["reason"].startswith("notes.mp3 ")         # named as the person named it
    assert failed[0]["name"] == "notes.mp3" and "path" not in failed[0] and "path" not in imported[0]
    track_id = imported[0]["id"]
    kept = list((library_app[1] / "library").iterdir())
    assert all(p.parent.name == "library" and ".." not in p.name for p in kept)
    assert not [p for p in kept if p.read_bytes().startswith(b"plain text")]     # the failed upload is gone

    again = upload(api, user_name, [("copy.mp3", song)])
    assert again["result"]["skipped"][0]["id"] == track_id

    assert api.get(f"/api/v1/tracks/{track_id}?user={user_name}-other").status_code == 404
    track = api.get(f"/api/v1/tracks/{track_id}?user={user_name}").get_json()
    assert track["title"] == "mine"                      # the upload's own name, not its hash
    assert track["source"] == "user" and track["preview_url"] == f"/api/v1/tracks/{track_id}/audio"
    audio = api.get(f"{track['preview_url']}?user={user_name}", headers={"Range": "bytes=0-99"})
    assert audio.status_code == 206 and len(audio.data) == 100

    assert api.get(f"/api/v1/tracks/{track_id}/segment?length=6&user={user_name}-other").status_code == 404
    segment = api.get(f"/api/v1/tracks/{track_id}/segment?length=6&user={user_name}").get_json()
    assert segment["aligned_to"] == "bar" and segment["start"] in segment["downbeats"]
    assert abs(segment["end"] - segment["start"] - 6) < 1e-6 and segment["energy"]

    video = write_video(tmp_path / "v.mp4", [data.astronaut()], 4.0, sound=chord_clip(4.0, amplitude=0.1))
    started = api.post("/api/v1/renders", content_type="multipart/form-data", data={
        "user": user_name, "track_id": str(track_id), "video": [(open(video, "rb"), "v.mp4")]})
    assert started.status_code == 202, started.get_json()
    done = poll(api, started.headers["Location"], user_name)
    assert done["status"] == "done", done["error"]
    assert abs(done["result"]["duration"] - 4.0) < 0.1 and abs(done["result"]["loudness_lufs"] + 14) < 1
    assert "path" not in done["result"]                 # where the server keeps it is not for the client
    file = api.get(f"/api/v1/renders/{done['id']}/file?user={user_name}")
    assert file.status_code == 200 and file.mimetype == "video/mp4" and file.data[4:8] == b"ftyp"
    assert api.get(f"/api/v1/renders/{done['id']}/file?user={user_name}-x").status_code == 404


@pytest.mark.parametrize("source,reason", [("deam", "licence_unknown"), ("pmemo", "platform_only"),
                                           ("jamendo", "licence_not_checked")])
def test_catalogue_tracks_whose_licence_does_not_allow_it_are_refused_with_the_reason(
        api, user_name, tmp_path, source, reason):
    catalogue = api.get(f"/api/v1/tracks?source={source}&per_page=1").get_json()["tracks"][0]
    assert catalogue["use"] == {"video": False, "reason": reason, "needs_download": False}
    assert api.get(f"/api/v1/tracks/{catalogue['id']}/segment?length=5").status_code == 404
    video = write_video(tmp_path / "v.mp4", [data.astronaut()], 1.0)
    response = api.post("/api/v1/renders", content_type="multipart/form-data", data={
        "user": user_name, "track_id": str(catalogue["id"]), "video": [(open(video, "rb"), "v.mp4")]})
    assert response.status_code == 409 and response.get_json()["error"]["code"] == reason
    assert api.post(f"/api/v1/tracks/{catalogue['id']}/fetch", json={"user": user_name}).status_code == 409


def test_bad_requests(api, user_name):
    assert api.get("/api/v1/tracks/1/segment").status_code == 400
    assert api.post("/api/v1/library", content_type="multipart/form-data",
                    data={"songs": [(io.BytesIO(b"x"), "a.mp3")]}).status_code == 400
    bad = api.post("/api/v1/renders", content_type="multipart/form-data", data={
        "track_id": "abc", "video": [(io.BytesIO(b"x"), "v.mp4")]})
    assert bad.status_code == 400
    text_video = api.post("/api/v1/renders", content_type="multipart/form-data", data={
        "track_id": "1", "video": [(io.BytesIO(b"hello" * 100), "v.mp4")]})
    assert text_video.status_code == 400
    assert api.get("/api/v1/renders/999999/file").status_code == 404


def test_own_music_filter_and_recommendations_include_imported_tracks(api, user_name, song):
    job = upload(api, user_name, [("mine.mp3", song)])
    mine = (job["result"]["imported"] or job["result"]["skipped"])[0]["id"]
    only = api.post("/api/v1/recommendations", json={"emotion": "happiness", "own_music": True,
                                                    "user": user_name}).get_json()
    assert only["tracks"] and all(t["source"] == "user" for t in only["tracks"])
    assert mine in [t["id"] for t in only["tracks"]]
    other = api.post("/api/v1/recommendations", json={"emotion": "happiness", "own_music": True,
                                                     "user": user_name + "-other"}).get_json()
    assert other["tracks"] == []                        # someone else's imports are never shown
    search = api.get(f"/api/v1/tracks?source=user&user={user_name}-other").get_json()
    assert search["total"] == 0


def test_the_library_quota_refuses_with_the_numbers_and_deleting_makes_room(own_app, user_name, song):
    app, instance = own_app(library_quota_mb=(len(song) * 1.5) / 2**20)      # room for one song
    api = app.test_client()
    first = upload(api, user_name, [("first.mp3", song)])
    track_id = first["result"]["imported"][0]["id"]
    other_song = song + b"\0" * 1000                                # other bytes, another file
    refused = api.post("/api/v1/library", content_type="multipart/form-data",
                       data={"user": user_name, "files": [(io.BytesIO(other_song), "second.mp3")]})
    assert refused.status_code == 413
    error = refused.get_json()["error"]
    assert error["code"] == "library_full" and "DELETE /api/v1/tracks/" in error["message"]
    assert error["details"]["used_mb"] > 0 and error["details"]["incoming_mb"] > 0
    assert len(list((instance / "library").iterdir())) == 1          # nothing of the refused upload kept
    assert upload(api, f"{user_name}-2", [("theirs.mp3", other_song)])["status"] == "done"   # a quota each

    assert api.delete(f"/api/v1/tracks/{track_id}?user={user_name}-2").status_code == 404   # not theirs
    assert api.delete("/api/v1/tracks/1").status_code == 403                                # the catalogue's
    assert api.delete(f"/api/v1/tracks/{track_id}?user={user_name}").status_code == 204
    assert api.get(f"/api/v1/tracks/{track_id}?user={user_name}").status_code == 404
    assert upload(api, user_name, [("second.mp3", other_song)])["status"] == "done"          # room again
