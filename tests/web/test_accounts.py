"""The multi-user server: accounts, sessions, CSRF, personal tokens, and isolation: every route
that names an object, walked as user B against user A's objects, answers 404 (or 403)."""

from __future__ import annotations

import io

import pytest
from PIL import Image
from skimage import data

from tests.mediafactory import chord_clip, write_audio, write_video
from tests.web.test_media_api import poll

SECRET = "s" * 48


@pytest.fixture(scope="module")
def server(own_app):
    return own_app(auth="required", secret_key=SECRET)[0]


class Account:
    """A signed-in browser: its own cookie jar, and the CSRF header on every change."""

    def __init__(self, app, name: str) -> None:
        self.client, self.name = app.test_client(), name
        response = self.client.post("/api/v1/auth/register", json={"name": name, "password": "correct horse 1"})
        assert response.status_code == 201, response.get_json()
        self.csrf = response.get_json()["csrf_token"]
        assert "HttpOnly" in response.headers["Set-Cookie"] and "SameSite=Lax" in response.headers["Set-Cookie"]

    def get(self, path, **kw):
        return self.client.get(path, **kw)

    def post(self, path, **kw):
        return self.client.post(path, headers={"X-CSRF-Token": self.csrf}, **kw)

    def delete(self, path, **kw):
        return self.client.delete(path, headers={"X-CSRF-Token": self.csrf}, **kw)


@pytest.fixture(scope="module")
def alice(server):
    return Account(server, "alice")


@pytest.fixture(scope="module")
def bob(server):
    return Account(server, "bob")


@pytest.fixture(scope="module")
def alices_things(alice, tmp_path_factory):
    """One of everything that belongs to alice."""
    folder = tmp_path_factory.mktemp("alice")
    things = {}
    analysis = alice.post("/api/v1/analyses", json={"caption": "오늘 너무 행복해 🎉"}).get_json()
    things["analysis"] = analysis["id"]
    shown = alice.post(f"/api/v1/analyses/{analysis['id']}/recommendations", json={"limit": 3}).get_json()
    things["recommendation"] = shown["recommendation_id"]
    photo = io.BytesIO()
    Image.fromarray(data.astronaut()).save(photo, "JPEG")
    job = alice.post("/api/v1/analyses", content_type="multipart/form-data",
                     data={"images": [(io.BytesIO(photo.getvalue()), "me.jpg")]})
    things["job"] = poll(alice.client, job.headers["Location"], "alice")["id"]
    song = write_audio(folder / "song.mp3", chord_clip(16, amplitude=0.4), codec="libmp3lame")
    imported = alice.post("/api/v1/library", content_type="multipart/form-data",
                          data={"files": [(open(song, "rb"), "song.mp3")]})
    things["track"] = poll(alice.client, imported.headers["Location"], "alice")["result"]["imported"][0]["id"]
    video = write_video(folder / "v.mp4", [data.astronaut()], 2.0, sound=chord_clip(2.0, amplitude=0.1))
    render = alice.post("/api/v1/renders", content_type="multipart/form-data",
                        data={"track_id": str(things["track"]), "video": [(open(video, "rb"), "v.mp4")]})
    things["render"] = poll(alice.client, render.headers["Location"], "alice")["id"]
    things["video"] = video
    return things


def test_nothing_without_signing_in(server):
    anonymous = server.test_client()
    assert anonymous.get("/api/v1/health").status_code == 200
    assert anonymous.get("/api/v1/openapi.json").status_code == 200
    for method, path in (("post", "/api/v1/recommendations"), ("get", "/api/v1/analyses"),
                         ("get", "/api/v1/tracks"), ("get", "/api/v1/jobs/1"), ("post", "/api/v1/feedback")):
        response = getattr(anonymous, method)(path, json={"emotion": "sadness"})
        assert response.status_code == 401, path
        assert "sign in" in response.get_json()["error"]["message"]
    assert anonymous.get("/").status_code in (200, 503)              # the app itself loads


def test_wrong_password_and_taken_names(server, alice):
    other = server.test_client()
    assert other.post("/api/v1/auth/login", json={"name": "alice", "password": "wrong password"}).status_code == 401
    assert other.post("/api/v1/auth/register", json={"name": "alice", "password": "another password"}
                      ).status_code == 409
    assert other.post("/api/v1/auth/register", json={"name": "carol", "password": "short"}).status_code == 400
    signed = other.post("/api/v1/auth/login", json={"name": "alice", "password": "correct horse 1"})
    assert signed.status_code == 200 and signed.get_json()["csrf_token"]


def test_csrf_is_required_on_changes_made_with_a_cookie(alice):
    without = alice.client.post("/api/v1/recommendations", json={"emotion": "sadness"})
    assert without.status_code == 403 and "X-CSRF-Token" in without.get_json()["error"]["message"]
    assert alice.post("/api/v1/recommendations", json={"emotion": "sadness"}).status_code == 200
    assert alice.get("/api/v1/analyses").status_code == 200          # reading needs no token


def test_personal_api_tokens(server, alice):
    created = alice.post("/api/v1/auth/tokens", json={"name": "laptop"}).get_json()
    assert created["token"].startswith("mdf_")
    script = server.test_client()
    bearer = {"Authorization": f"Bearer {created['token']}"}
    assert script.post("/api/v1/recommendations", json={"emotion": "fear"}, headers=bearer).status_code == 200
    assert script.get("/api/v1/auth/tokens", headers=bearer).get_json()["tokens"][-1]["name"] == "laptop"
    assert "token" not in script.get("/api/v1/auth/tokens", headers=bearer).get_json()["tokens"][-1]
    assert alice.delete(f"/api/v1/auth/tokens/{created['id']}").status_code == 200
    assert script.get("/api/v1/analyses", headers=bearer).status_code == 401
    assert script.get("/api/v1/analyses", headers={"Authorization": "Bearer mdf_forged"}).status_code == 401


def test_a_request_cannot_speak_for_another_user(bob):
    response = bob.post("/api/v1/recommendations", json={"emotion": "sadness", "user": "alice"})
    assert response.status_code == 403
    assert bob.get("/api/v1/analyses?user=alice").status_code == 403


def test_every_route_as_bob_against_alices_objects(server, bob, alices_things):
    t = alices_things
    walked = {
        ("GET", "/api/v1/analyses/<int:analysis_id>"): bob.get(f"/api/v1/analyses/{t['analysis']}"),
        ("POST", "/api/v1/analyses/<int:analysis_id>/recommendations"):
            bob.post(f"/api/v1/analyses/{t['analysis']}/recommendations", json={}),
        ("GET", "/api/v1/jobs/<int:job_id>"): bob.get(f"/api/v1/jobs/{t['job']}"),
        ("DELETE", "/api/v1/jobs/<int:job_id>"): bob.delete(f"/api/v1/jobs/{t['job']}"),
        ("GET", "/api/v1/tracks/<int:track_id>"): bob.get(f"/api/v1/tracks/{t['track']}"),
        ("GET", "/api/v1/tracks/<int:track_id>/audio"): bob.get(f"/api/v1/tracks/{t['track']}/audio"),
        ("GET", "/api/v1/tracks/<int:track_id>/segment"): bob.get(f"/api/v1/tracks/{t['track']}/segment?length=5"),
        ("GET", "/api/v1/renders/<int:job_id>/file"): bob.get(f"/api/v1/renders/{t['render']}/file"),
        ("POST", "/api/v1/tracks/<int:track_id>/fetch"): bob.post(f"/api/v1/tracks/{t['track']}/fetch", json={}),
        ("DELETE", "/api/v1/auth/tokens/<int:token_id>"): bob.delete("/api/v1/auth/tokens/1"),
        ("DELETE", "/api/v1/tracks/<int:track_id>"): bob.delete(f"/api/v1/tracks/{t['track']}"),
    }
    for route, response in walked.items():
        assert response.status_code in (403, 404), (route, response.status_code, response.get_json())
    assert server.test_client().get(f"/api/v1/tracks/{t['track']}").status_code == 401   # still there:
    assert alices_things["track"] and bob.get("/api/v1/tracks?source=user").status_code == 200  # (alice's own)
    # objects named in bodies
    assert bob.post("/api/v1/feedback", json={"track_id": t["track"], "kind": "like"}).status_code == 404
    assert bob.post("/api/v1/feedback", json={"track_id": 1, "kind": "like",
                                              "recommendation_id": t["recommendation"]}).status_code == 404
    render = bob.post("/api/v1/renders", content_type="multipart/form-data",
                      data={"track_id": str(t["track"]), "video": [(open(t["video"], "rb"), "v.mp4")]})
    assert render.status_code == 404
    # lists and rankings never show alice's things
    assert bob.get("/api/v1/analyses").get_json()["total"] == 0
    assert bob.get("/api/v1/tracks?source=user").get_json()["total"] == 0
    own = bob.post("/api/v1/recommendations", json={"emotion": "happiness", "own_music": True}).get_json()
    assert own["tracks"] == []
    # every route that names an object by id was walked
    named = {(method, rule.rule) for rule in server.url_map.iter_rules() if "<int:" in rule.rule
             for method in rule.methods - {"HEAD", "OPTIONS"}}
    assert named <= set(walked), named - set(walked)


def test_the_server_will_not_start_without_a_secret(tmp_path):
    from moodify.config import SettingsError
    from moodify.web import create_app

    with pytest.raises(SettingsError, match="MOODIFY_SECRET_KEY"):
        create_app({"database_url": f"sqlite:///{tmp_path / 'x.db'}", "instance": str(tmp_path), "auth": "required"})
