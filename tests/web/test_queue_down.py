"""A job queue that cannot be reached: a clear 503 that says how to fix it, no job left queued
forever, no upload left on disk, and readiness saying what is down."""

from __future__ import annotations

import io

from PIL import Image
from skimage import data

from moodify.store.models import Job


def test_redis_unreachable_is_a_clear_503_and_leaves_nothing_behind(own_app, monkeypatch):
    monkeypatch.setenv("MOODIFY_JOBS", "redis://127.0.0.1:1/0")      # nothing listens there
    app, instance = own_app()
    client = app.test_client()
    photo = io.BytesIO()
    Image.fromarray(data.astronaut()).save(photo, "JPEG")
    response = client.post("/api/v1/analyses", content_type="multipart/form-data",
                           data={"images": [(io.BytesIO(photo.getvalue()), "me.jpg")]})
    assert response.status_code == 503
    error = response.get_json()["error"]
    assert error["code"] == "queue_unavailable" and "MOODIFY_JOBS=local" in error["message"]
    with app.extensions["moodify"].store.session() as session:
        assert {job.status for job in session.query(Job)} <= {"failed"}
    uploads = instance / "uploads"
    assert not [p for p in uploads.rglob("*") if p.is_file()]
    assert client.get("/api/v1/health").get_json()["queue"] == "down"
    ready = client.get("/api/v1/ready")
    assert ready.status_code == 503 and ready.get_json()["queue"] == "down"
    assert ready.get_json()["database"] == "up"


def test_ready_when_everything_answers(client):
    ready = client.get("/api/v1/ready")
    assert ready.status_code == 200 and ready.get_json() == {"status": "ready", "database": "up", "queue": "up"}
