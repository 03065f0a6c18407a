"""Settings are typed and checked once, when the app, a worker or a command starts: a wrong one
stops it by name with what is allowed; an app's own settings hold in its requests and jobs."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

from moodify import config
from moodify.config import Settings, SettingsError
from moodify.web import create_app
from tests.web.test_media_api import poll


def test_values_are_typed_and_the_defaults_hold(monkeypatch):
    monkeypatch.setenv("MOODIFY_OFFLINE", "on")
    monkeypatch.setenv("MOODIFY_RELIABILITY", "image=3, text=0.5")
    monkeypatch.setenv("MOODIFY_AUTH", " None ")
    settings = config.current()
    assert settings.offline is True and settings.max_upload_mb == 200 and settings.render_lufs == -14.0
    assert settings.reliability == {"image": 3.0, "text": 0.5} and settings.auth == "none"
    monkeypatch.setenv("MOODIFY_OFFLINE", "0")
    assert config.current().offline is False                # the environment is read again when it changes


@pytest.mark.parametrize("overrides, named", [
    ({"max_upload_mb": "lots"}, "MOODIFY_MAX_UPLOAD_MB='lots': input should be a valid integer"),
    ({"max_images": 0}, "MOODIFY_MAX_IMAGES=0: input should be greater than or equal to 1"),
    ({"jobs": "rabbit://x"}, "MOODIFY_JOBS='rabbit://x': value error, must be local or a redis url"),
    ({"auth": "maybe"}, "MOODIFY_AUTH='maybe': input should be 'none' or 'required'"),
    ({"jamendo_api_url": "ftp://x"}, "MOODIFY_JAMENDO_API_URL='ftp://x': value error, must be an http(s)"),
    ({"header_timeout_seconds": 600}, "MOODIFY_HEADER_TIMEOUT_SECONDS=600: input should be less than or equal to 60"),
    ({"max_uplod_mb": 5}, "'max_uplod_mb' is not a setting"),
    ({"auth": "required"}, "needs MOODIFY_SECRET_KEY"),
    ({"reliability": "photo=2"}, "MOODIFY_RELIABILITY names 'photo', which is not a kind of part: use text, image"),
    ({"reliability": "image"}, "MOODIFY_RELIABILITY='image': value error"),
])
def test_a_wrong_setting_stops_the_app_by_name(tmp_path, overrides, named):
    with pytest.raises(SettingsError, match=named.replace("(", r"\(").replace(")", r"\)")) as refused:
        create_app({"instance": str(tmp_path), **overrides})
    assert refused.value.status == 500 and refused.value.code == "bad_setting"
    assert not (tmp_path / "moodify.db").exists()           # stopped before it touched anything


def test_a_wrong_setting_stops_every_command_by_name(tmp_path):
    moodify = Path(sys.executable).with_name("moodify")
    run = subprocess.run([str(moodify), "recommend", "--emotion", "happiness"], capture_output=True, text=True,
                         env={"PATH": "/usr/bin:/bin", "MOODIFY_INSTANCE": str(tmp_path),
                              "MOODIFY_MAX_IMAGES": "-3"}, timeout=120)
    assert run.returncode == 2 and run.stderr.startswith("error: MOODIFY_MAX_IMAGES='-3'")
    assert "Traceback" not in run.stderr


@pytest.fixture(scope="module")
def app_on(sqlite_store, tmp_path_factory):
    """make(**settings): an app on the shared built catalogue, with these settings of its own."""
    return lambda **settings: create_app({"database_url": sqlite_store.url,
                                         "instance": str(tmp_path_factory.mktemp("instance")), **settings})


def test_an_apps_own_settings_hold_in_its_requests(app_on, monkeypatch):
    monkeypatch.delenv("MOODIFY_OFFLINE", raising=False)
    offline, online = app_on(offline=True, max_image_megapixels=0.05), app_on()
    ask = {"emotion": "happiness", "limit": 3}
    assert offline.test_client().post("/api/v1/recommendations", json=ask).get_json()["online"]["offline"] is True
    assert online.test_client().post("/api/v1/recommendations", json=ask).get_json()["online"]["offline"] is False
    assert config.current().offline is False                 # outside the apps, the environment's

    photo = io.BytesIO()
    Image.new("RGB", (400, 300), "orange").save(photo, "JPEG")   # 0.12 megapixels: over this app's limit
    client = offline.test_client()
    answer = client.post("/api/v1/analyses", content_type="multipart/form-data",
                         data={"images": [(io.BytesIO(photo.getvalue()), "wide.jpg")]})
    assert answer.status_code == 413 and "up to 0.05 megapixels" in answer.get_json()["error"]["message"]


def test_jobs_run_under_the_settings_of_the_app_that_started_them(app_on, monkeypatch):
    monkeypatch.delenv("MOODIFY_RELIABILITY", raising=False)
    app = app_on(reliability="text=0,image=1")                # the caption then weighs nothing
    photo = io.BytesIO()
    Image.new("RGB", (64, 64), "orange").save(photo, "JPEG")
    client = app.test_client()
    answer = client.post("/api/v1/analyses", content_type="multipart/form-data",
                         data={"caption": "so sad tonight, I miss you 😭",
                               "images": [(io.BytesIO(photo.getvalue()), "p.jpg")]})
    job = poll(client, answer.headers["Location"], "local")
    reading = client.get(f"/api/v1/analyses/{job['analysis_id']}?user=local").get_json()
    text, image = reading["parts"]
    assert text["label"] == "sadness" and image["valence"] > 0
    assert reading["fused"]["valence"] > 0          # the sad caption weighed nothing in the job


def test_a_settings_object_is_taken_whole(tmp_path):
    settings = Settings(instance=str(tmp_path), offline=True, max_upload_mb=3)
    app = create_app(settings)
    assert app.config["MOODIFY_SETTINGS"] is settings and app.config["MAX_CONTENT_LENGTH"] == 3 << 20
