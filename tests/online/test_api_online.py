"""The API's side of catalogue music: licences as data, "use this track" as jobs, more music from
Openverse, and a Content-Security-Policy that lets previews play from exactly one host."""

from __future__ import annotations

import time

import pytest
from skimage import data

from moodify.web import create_app
from tests.mediafactory import chord_clip, write_video



def poll(api, location: str, timeout: float = 60.0) -> dict:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job = api.get(location).get_json()
        if job["status"] in ("done", "failed", "cancelled"):
            return job
        time.sleep(0.1)
    raise AssertionError(f"job did not end: {job}")


@pytest.fixture()
def api(catalogue, instance, online):
    return create_app({"database_url": catalogue.url, "instance": str(instance)}).test_client()


def test_recommendations_carry_licences_segments_and_what_is_online(api, online):
    shown = api.post("/api/v1/recommendations", json={"emotion": "happiness", "usable": "personal"}).get_json()
    assert shown["online"] == {"offline": False, "jamendo": "on", "openverse": "on"}
    assert shown["notices"][0]["code"] == "jamendo_looked_up"
    for track in shown["tracks"]:
        assert track["licence"]["kind"] in ("creative-commons", "platform", "own")
        assert "use" in track and "segment" in track and "playable" in track
    assert api.post("/api/v1/recommendations", json={"emotion": "sadness", "usable": "commercial"}).status_code == 400


def test_use_this_track_fetches_then_renders_with_the_credit_line(api, online, tmp_path):
    shown = api.post("/api/v1/recommendations", json={"emotion": "happiness", "limit": 30}).get_json()
    track = next(t for t in shown["tracks"] if t["source"] == "jamendo" and t["use"]["video"])
    fetched = api.post(f"/api/v1/tracks/{track['id']}/fetch", json={})
    assert fetched.status_code == 202
    done = poll(api, fetched.headers["Location"])
    assert done["status"] == "done", done["error"]
    assert done["result"]["fetched"] is True
    audio = api.get(f"/api/v1/tracks/{track['id']}/audio")
    assert audio.status_code == 200 and audio.data[:3] in (b"ID3", b"\xff\xfb", b"\xff\xf3")
    segment = api.get(f"/api/v1/tracks/{track['id']}/segment?length=3").get_json()
    assert segment["energy"] and segment["end"] - segment["start"] == pytest.approx(3)

    video = write_video(tmp_path / "v.mp4", [data.astronaut()], 3.0, sound=chord_clip(3.0, amplitude=0.05))
    started = api.post("/api/v1/renders", content_type="multipart/form-data", data={
        "track_id": str(track["id"]), "video": [(open(video, "rb"), "v.mp4")]})
    assert started.status_code == 202, started.get_json()
    rendered = poll(api, started.headers["Location"])
    assert rendered["status"] == "done", rendered["error"]
    assert rendered["result"]["attribution"] == track["licence"]["attribution"]


def test_a_track_that_may_not_go_into_a_video_is_refused_at_once_with_the_reason(api, online):
    shown = api.post("/api/v1/recommendations", json={"emotion": "happiness", "limit": 50}).get_json()
    nd = next((t for t in shown["tracks"] if t["use"]["reason"] == "no_derivatives"))
    if nd is None:
        pytest.skip("no ND track among these 50 with the fake's licence mix")
    refused = api.post(f"/api/v1/tracks/{nd['id']}/fetch", json={})
    assert refused.status_code == 409 and refused.get_json()["error"]["code"] == "no_derivatives"


def test_find_online_runs_as_a_job(api, online):
    started = api.post("/api/v1/catalog/find-online", json={"emotion": "sadness", "limit": 1})
    assert started.status_code == 202
    done = poll(api, started.headers["Location"])
    assert done["status"] == "done", done["error"]
    assert len(done["result"]["added"]) + len(done["result"]["known"]) >= 1
    assert api.post("/api/v1/catalog/find-online", json={"emotion": "sadness", "limit": 0}).status_code == 400
    assert api.post("/api/v1/catalog/find-online", json={"analysis_id": 10**6}).status_code == 404


def test_find_online_offline_is_a_clear_refusal(catalogue, instance, online, monkeypatch):
    monkeypatch.setenv("MOODIFY_OFFLINE", "1")
    api = create_app({"database_url": catalogue.url, "instance": str(instance)}).test_client()
    refused = api.post("/api/v1/catalog/find-online", json={"emotion": "sadness"})
    assert refused.status_code == 409 and refused.get_json()["error"]["code"] == "offline"
    assert online.openverse.requests == []


def test_previews_may_play_from_exactly_the_jamendo_media_host_and_none_offline(catalogue, instance, online,
                                                                                monkeypatch):
    monkeypatch.setenv("MOODIFY_JAMENDO_AUDIO_HOST", "https://prod-1.storage.jamendo.com")
    csp = create_app({"database_url": catalogue.url, "instance": str(instance)}).test_client() \
        .get("/api/v1/health").headers["Content-Security-Policy"]
    assert "media-src 'self' blob: https://prod-1.storage.jamendo.com;" in csp
    monkeypatch.setenv("MOODIFY_OFFLINE", "1")
    csp = create_app({"database_url": catalogue.url, "instance": str(instance)}).test_client() \
        .get("/api/v1/health").headers["Content-Security-Policy"]
    assert "media-src 'self' blob:;" in csp


@pytest.mark.parametrize("route,body", [
    ("/api/v1/tracks/1/fetch", []), ("/api/v1/tracks/1/fetch", {"usable": 5}),
    ("/api/v1/tracks/1/fetch", {"usable": "commercial"}), ("/api/v1/tracks/99999999/fetch", {}),
    ("/api/v1/tracks/1/fetch", "monetised"),
    ("/api/v1/catalog/find-online", {}), ("/api/v1/catalog/find-online", {"emotion": 5}),
    ("/api/v1/catalog/find-online", {"emotion": "sadness", "limit": True}),
    ("/api/v1/catalog/find-online", {"emotion": "sadness", "mode": "louder"}),
    ("/api/v1/catalog/find-online", {"emotion": "sadness", "usable": ["monetised"]}),
    ("/api/v1/catalog/find-online", {"analysis_id": "1"}),
    ("/api/v1/catalog/find-online", {"valence": 9, "arousal": 0}),
    ("/api/v1/recommendations", {"emotion": "sadness", "usable": None, "limit": 3}),
    ("/api/v1/recommendations", {"emotion": "sadness", "usable": ""}),
])
def test_hostile_bodies_get_a_clear_4xx(api, online, route, body):
    response = api.post(route, json=body)
    if body == {"emotion": "sadness", "usable": None, "limit": 3}:
        assert response.status_code == 200         # null means the default, as for every option
        return
    assert 400 <= response.status_code < 500, (route, body, response.get_json())
    assert response.get_json()["error"]["message"]
    assert online.openverse.requests == [] and online.jamendo.audio_requests == []


def test_a_fetch_that_fails_in_its_job_says_why_as_a_code(api, online):
    shown = api.post("/api/v1/recommendations", json={"emotion": "happiness", "limit": 50}).get_json()
    track = next(t for t in shown["tracks"] if t["use"]["video"] and t["use"]["needs_download"])
    online.jamendo.html_downloads = True
    started = api.post(f"/api/v1/tracks/{track['id']}/fetch", json={})
    failed = poll(api, started.headers["Location"])
    assert failed["status"] == "failed" and failed["error_code"] == "download_refused"
    assert "instead of audio" in failed["error"]
