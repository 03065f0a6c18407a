"""Multipart posts with photos, sound and video: checked by content, read as jobs, polled."""

from __future__ import annotations

import io
import threading
import time
from collections import Counter

import numpy as np
import pytest
from PIL import Image
from skimage import data

from tests.mediafactory import chord_clip, write_audio, write_video
from moodify.domain import posts


@pytest.fixture(scope="module")
def media_app(built_store, tmp_path_factory):
    from moodify.web import create_app

    instance = tmp_path_factory.mktemp("instance")
    app = create_app({"database_url": built_store.url, "instance": str(instance), "max_upload_mb": 5})
    return app, instance


@pytest.fixture()
def media_client(media_app):
    return media_app[0].test_client()


def jpeg(picture: np.ndarray) -> bytes:
    out = io.BytesIO()
    Image.fromarray(picture).save(out, "JPEG")
    return out.getvalue()


def poll(client, location: str, user: str, timeout: float = 60.0) -> dict:
    deadline = time.monotonic() + timeout
    seen = []
    while time.monotonic() < deadline:
        job = client.get(f"{location}?user={user}").get_json()
        seen.append((job["status"], job["progress"]))
        if job["status"] in ("done", "failed", "cancelled"):
            job["seen"] = seen
            return job
        time.sleep(0.1)
    raise AssertionError(f"job did not end: {seen[-3:]}")


def test_caption_and_photo_become_a_job_with_a_reading(media_client, media_app, user_name):
    response = media_client.post("/api/v1/analyses", content_type="multipart/form-data", data={
        "caption": "보고 싶다", "user": user_name,
        "images": [(io.BytesIO(jpeg(data.astronaut())), "../../etc/me.jpg")]})
    assert response.status_code == 202, response.get_json()
    job = response.get_json()
    assert job["status"] in ("queued", "running", "done") and 0 <= job["progress"] <= 100
    done = poll(media_client, response.headers["Location"], user_name)
    assert done["status"] == "done", done["error"]
    assert done["progress"] == 100.0
    analysis = done["analysis"]
    photo = [p for p in analysis["parts"] if p["kind"] == "image"][0]
    assert photo["label"] == "happiness" and photo["faces"] == 1
    assert photo["file"] == "me.jpg"                     # the client's folders never used
    assert "whole_image" in photo
    assert media_client.get(f"/api/v1/analyses/{analysis['id']}?user={user_name}").status_code == 200
    assert not [p for p in (media_app[1] / "uploads").rglob("*") if p.is_file()]   # uploaded files removed


def test_a_video_gets_a_timeline(media_client, user_name, tmp_path):
    path = write_video(tmp_path / "v.mp4", [data.astronaut()], 3.0, sound=chord_clip(3.0))
    response = media_client.post("/api/v1/analyses", content_type="multipart/form-data", data={
        "user": user_name, "video": [(open(path, "rb"), "v.mp4")]})
    assert response.status_code == 202
    done = poll(media_client, response.headers["Location"], user_name)
    assert done["status"] == "done", done["error"]
    timeline = done["analysis"]["timeline"]
    assert len(timeline) >= 3 and {"time", "label", "valence", "arousal"} <= set(timeline[0])


def test_sound_clip(media_client, user_name, tmp_path):
    path = write_audio(tmp_path / "a.m4a", chord_clip(4.0), codec="aac")
    response = media_client.post("/api/v1/analyses", content_type="multipart/form-data", data={
        "user": user_name, "audio": [(open(path, "rb"), "a.m4a")]})
    done = poll(media_client, response.headers["Location"], user_name)
    assert done["status"] == "done" and done["analysis"]["parts"][0]["kind"] == "audio"


@pytest.mark.parametrize("field, name, content, message", [
    ("video", "clip.mp4", b"just some text, not a video\n" * 20, "clip.mp4 was given as video"),
    ("audio", "voice.m4a", bytes(np.random.default_rng(2).integers(0, 256, 4000, dtype=np.uint8)),
     "voice.m4a was given as audio"),
    ("images", "empty.png", b"", "empty.png is empty"),
    ("images", "half.jpg", jpeg(data.astronaut())[:3000], "truncated or corrupt"),
    ("video", "song.mp4", b"\x00\x00\x00\x18ftypmp42" + bytes(5000), "could not be decoded as video"),
])
def test_bad_media_gets_a_clear_4xx(media_client, media_app, user_name, field, name, content, message):
    response = media_client.post("/api/v1/analyses", content_type="multipart/form-data", data={
        "caption": "hello", "user": user_name, field: [(io.BytesIO(content), name)]})
    assert response.status_code == 400, response.get_json()      # refused before any job starts
    assert message in response.get_json()["error"]["message"]
    assert not [p for p in (media_app[1] / "uploads").rglob("*") if p.is_file()]
    assert media_client.get("/api/v1/catalog/stats").status_code == 200     # still up


def test_a_video_truncated_after_its_start_fails_its_job_with_the_reason(media_client, user_name, tmp_path):
    path = write_video(tmp_path / "v.mp4", [data.astronaut(), data.coffee()], 2.0)
    whole = path.read_bytes()
    response = media_client.post("/api/v1/analyses", content_type="multipart/form-data", data={
        "user": user_name, "video": [(io.BytesIO(whole[:int(len(whole) * 0.6)]), "cut.mp4")]})
    if response.status_code == 400:          # the container's index can already tell
        assert "cut.mp4" in response.get_json()["error"]["message"]
        return
    job = poll(media_client, response.headers["Location"], user_name)
    assert job["status"] in ("done", "failed")
    if job["status"] == "failed":
        assert "cut.mp4" in job["error"] and "internal" not in job["error"]


def test_unknown_fields_too_many_files_and_too_large(media_client, user_name):
    unknown = media_client.post("/api/v1/analyses", content_type="multipart/form-data", data={
        "photo": [(io.BytesIO(b"x"), "a.jpg")]})
    assert unknown.status_code == 400 and "'images'" in unknown.get_json()["error"]["message"]
    many = media_client.post("/api/v1/analyses", content_type="multipart/form-data", data={
        "audio": [(io.BytesIO(b"x"), f"{i}.wav") for i in range(4)]})
    assert many.status_code == 400 and "at most 3" in many.get_json()["error"]["message"]
    big = media_client.post("/api/v1/analyses", content_type="multipart/form-data", data={
        "images": [(io.BytesIO(bytes(6 * 1024 * 1024)), "big.jpg")]})
    assert big.status_code == 413 and "MOODIFY_MAX_UPLOAD_MB" in big.get_json()["error"]["message"]


def test_jobs_belong_to_their_user(media_client, user_name):
    response = media_client.post("/api/v1/analyses", content_type="multipart/form-data", data={
        "user": user_name, "images": [(io.BytesIO(jpeg(data.coffee())), "c.jpg")]})
    location = response.headers["Location"]
    assert media_client.get(f"{location}?user={user_name}-other").status_code == 404
    assert poll(media_client, location, user_name)["status"] == "done"
    assert media_client.get("/api/v1/jobs/999999999").status_code == 404


def test_models_route(media_client):
    models = {m["name"]: m for m in media_client.get("/api/v1/models").get_json()["models"]}
    assert models["faces"]["present"] and models["musicnn"]["present"]
    assert set(models) == {"caption", "faces", "clip", "musicnn", "speech"}


class HeldWork:
    """Stands in for reading a post (moodify.tasks.WORK["analysis"]): five progress reports, each
    with its own stage so that each one is written and can see a cancel. The post captioned
    "hold" stops after its first report until the test sets `go`."""

    def __init__(self) -> None:
        self.inside = threading.Event()         # the held job is running, past its first report
        self.go = threading.Event()
        self.started: list[str] = []            # captions of the posts whose work began
        self.reports: Counter[str] = Counter()  # caption -> progress reports that let it go on

    def __call__(self, moodify, args: dict, progress) -> None:
        caption = args["caption"]
        self.started.append(caption)
        for step in range(1, 6):
            progress(step / 10, f"step {step}")         # raises Cancelled once the job is cancelled
            self.reports[caption] += 1
            if caption == "hold" and step == 1:
                self.inside.set()
                self.go.wait(60)


def test_a_job_can_be_cancelled_while_it_runs_or_waits(media_client, user_name, monkeypatch):
    """A running job stops at its next progress report, a waiting one never starts: both end
    "cancelled" with no reading, and the next job still runs. Jobs run one at a time (one worker
    thread), so a job posted while another is held inside its work waits in the queue."""
    from moodify import tasks

    work = HeldWork()
    monkeypatch.setitem(tasks.WORK, "analysis", work)

    def post(caption: str) -> str:
        response = media_client.post("/api/v1/analyses", content_type="multipart/form-data", data={
            "caption": caption, "user": user_name, "images": [(io.BytesIO(jpeg(data.coffee())), "c.jpg")]})
        assert response.status_code == 202, response.get_json()
        return response.headers["Location"]

    def state(location: str) -> dict:
        return media_client.get(f"{location}?user={user_name}").get_json()

    try:
        running = post("hold")
        assert work.inside.wait(30), "the job never began its work"
        assert state(running)["status"] == "running"
        waiting = post("wait")
        assert state(waiting)["status"] == "queued"

        cancelled = media_client.delete(f"{waiting}?user={user_name}")      # waiting: cancelled at once
        assert cancelled.status_code == 200 and cancelled.get_json()["status"] == "cancelled"
        stopping = media_client.delete(f"{running}?user={user_name}")       # running: asked to stop
        assert stopping.status_code == 200
        assert stopping.get_json()["status"] == "running" and stopping.get_json()["stage"] == "cancelling"
    finally:
        work.go.set()                                         # never leave the worker thread held

    job = poll(media_client, running, user_name)
    assert job["status"] == "cancelled" and job["analysis_id"] is None, job
    assert work.reports["hold"] == 1                          # stopped at its next report
    assert poll(media_client, post("after"), user_name)["status"] == "done"   # the queue goes on
    assert work.started == ["hold", "after"]                  # the waiting job's work never began
    assert state(waiting)["status"] == "cancelled"
    assert media_client.delete(f"{running}?user={user_name}-other").status_code == 404


def test_uploads_can_be_kept_and_then_purged(media_client, media_app, user_name, monkeypatch):
    from moodify import privacy

    monkeypatch.setenv("MOODIFY_INSTANCE", str(media_app[1]))
    response = media_client.post("/api/v1/analyses", content_type="multipart/form-data", data={
        "user": user_name, "keep": "true", "images": [(io.BytesIO(jpeg(data.astronaut())), "keep-me.jpg")]})
    done = poll(media_client, response.headers["Location"], user_name)
    assert done["status"] == "done"
    assert done["result"] == {"analysis_id": done["analysis_id"]}       # where it keeps them is the server's
    kept = media_app[1] / "kept" / str(done["analysis_id"])
    assert [p.name for p in kept.iterdir()] == ["images-0"]
    assert not [p for p in (media_app[1] / "uploads").rglob("*") if p.is_file()]
    store = media_app[0].extensions["moodify"].store
    report = privacy.purge_user(store, user_name)
    assert report.rows["analyses"] == 1 and not kept.exists()


def test_opening_moodify_elsewhere_leaves_running_jobs_alone(media_app, user_name, tmp_path):
    """A CLI command run while the server works must not fail the server's jobs."""
    from moodify.service import Moodify

    server = media_app[0].extensions["moodify"]
    video = write_video(tmp_path / "v.mp4", [data.astronaut()], 4.0, sound=chord_clip(4.0))
    from moodify.media import MediaFile
    from moodify.pipeline import Post

    job = posts.start_analysis(server, server.viewer(user_name), Post(video=MediaFile(video, "v.mp4")))
    Moodify(server.store)                                   # e.g. `moodify recommend` meanwhile
    assert server.jobs.wait(job["id"], timeout=120).status == "done"
