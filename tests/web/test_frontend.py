"""The web app's files at /, its addresses falling back to index.html, the API untouched."""

from __future__ import annotations

import json
from io import BytesIO
from pathlib import Path

import pytest

from moodify.web import frontend

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture()
def built(tmp_path, monkeypatch):
    (tmp_path / "assets").mkdir()
    (tmp_path / "index.html").write_text("<!doctype html><div id=root></div>")
    (tmp_path / "assets" / "app.js").write_text("console.log(1)")
    monkeypatch.setattr(frontend, "APP_DIR", tmp_path)
    return tmp_path


def test_index_assets_and_app_addresses(client, built):
    assert b"id=root" in client.get("/").data
    asset = client.get("/assets/app.js")
    assert asset.status_code == 200 and asset.headers["Cache-Control"].startswith("public, max-age=31536000")
    deep = client.get("/analysis/12")
    assert deep.status_code == 200 and b"id=root" in deep.data and deep.headers["Cache-Control"] == "no-cache"


def test_the_api_keeps_its_json_errors(client, built):
    assert client.get("/api/v1/nothing").get_json()["error"]["code"] == "not_found"
    assert client.get("/api").status_code == 404
    assert client.get("/api/v1/recommendations").status_code == 405


def test_without_a_build_it_says_how_to_build(client, tmp_path, monkeypatch):
    monkeypatch.setattr(frontend, "APP_DIR", tmp_path / "missing")
    response = client.get("/")
    assert response.status_code == 503 and b"npm run build" in response.data


def test_no_path_escapes_the_build_folder(client, built):
    response = client.get("/../../pyproject.toml")
    assert b"[project]" not in response.data


@pytest.fixture()
def installable(built):
    (built / "manifest.webmanifest").write_text(
        '{"name": "Moodify", "share_target": {"action": "/share", "method": "POST"}}')
    (built / "sw.js").write_text("self.addEventListener('fetch', () => {})")
    return built


def test_the_manifest_is_served_as_a_manifest(client, installable):
    response = client.get("/manifest.webmanifest")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/manifest+json"


def test_the_service_worker_is_checked_for_updates_and_covers_the_app(client, installable):
    response = client.get("/sw.js")
    assert response.status_code == 200 and response.mimetype == "text/javascript"
    assert response.headers["Cache-Control"] == "no-cache"
    assert response.headers["Service-Worker-Allowed"] == "/"


def test_a_share_the_worker_did_not_catch_says_to_share_again_and_keeps_nothing(client, app, built):
    before = {p for p in Path(app.config["MOODIFY_KEPT"]).parent.rglob("*")}
    response = client.post("/share", data={"text": "오늘 바다", "files": (BytesIO(b"\xff\xd8 jpeg"), "sea.jpg")},
                           content_type="multipart/form-data")
    assert response.status_code == 200 and response.mimetype == "text/html"
    page = response.get_data(as_text=True)
    assert "share again" in page and "다시 공유하세요" in page and "href='/'" in page
    assert response.headers["Cache-Control"] == "no-store"
    assert {p for p in Path(app.config["MOODIFY_KEPT"]).parent.rglob("*")} == before


def test_the_source_manifest_names_the_share_target():
    manifest = json.loads((ROOT / "frontend" / "public" / "manifest.webmanifest").read_text())
    assert manifest["display"] == "standalone" and manifest["start_url"] == "/"
    assert {icon["sizes"] for icon in manifest["icons"]} == {"192x192", "512x512"}
    for icon in manifest["icons"]:
        assert (ROOT / "frontend" / "public" / icon["src"].lstrip("/")).is_file()
    target = manifest["share_target"]
    assert (target["action"], target["method"], target["enctype"]) == ("/share", "POST", "multipart/form-data")
    assert {"title", "text", "url"} <= set(target["params"])
    accepted = target["params"]["files"][0]["accept"]
    assert {"image/*", "video/*", "audio/*"} <= set(accepted)
