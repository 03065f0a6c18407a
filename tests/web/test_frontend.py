"""The web app's files at /, its addresses falling back to index.html, the API untouched."""

from __future__ import annotations

import pytest

from moodify.web import frontend


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
