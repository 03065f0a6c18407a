"""Hostile but cheap requests get a clear 4xx in the common error shape, never a 500; the static
files answer nothing about what else is on the disk; job results do not show server paths."""

from __future__ import annotations

import io

import pytest


@pytest.mark.parametrize("body", ["[" * 100_000 + "]" * 100_000, '{"a":' * 50_000 + "1" + "}" * 50_000])
def test_deeply_nested_json(client, body):
    response = client.post("/api/v1/recommendations", data=body, content_type="application/json")
    assert response.status_code == 400 and "nested" in response.get_json()["error"]["message"]


@pytest.mark.parametrize("path", ["/api/v1/tracks?page=99999999999999999999", "/api/v1/tracks?page=9999999999999",
                                  "/api/v1/analyses?page=9999999999999", "/api/v1/tracks?per_page=0"])
def test_huge_page_numbers(client, path):
    response = client.get(path)
    assert response.status_code == 400 and response.get_json()["error"]["code"] == "invalid_input"


@pytest.mark.parametrize("path", ["/" + "a" * 300, "/assets/" + "b" * 300 + ".js", "/assets/..%2f..%2fsetup.py",
                                  "/..%2f..%2fREADME.md", "/..%2f..%2fno-such-file.md", "/assets/missing.js",
                                  "/%2e%2e/%2e%2e/pyproject.toml"])
def test_anything_outside_the_built_app_is_one_identical_404(client, path):
    response = client.get(path)
    plain = client.get("/assets/surely-not-here.js")
    assert response.status_code == plain.status_code == 404
    assert response.get_json() == plain.get_json()


def test_the_apps_own_addresses_still_load_the_app(client):
    page = client.get("/analysis/3")
    assert page.status_code in (200, 503) and page.mimetype == "text/html"


@pytest.mark.parametrize("form,field", [({"track_id": "abc"}, "track_id"), ({"track_id": "1", "start": "nan"}, "start"),
                                        ({"track_id": "1", "start": "-5"}, "start"),
                                        ({"track_id": "1", "analysis_id": "x"}, "analysis_id"), ({}, "track_id")])
def test_render_parameters_are_checked_on_arrival(client, form, field):
    import io
    response = client.post("/api/v1/renders", content_type="multipart/form-data",
                           data={**form, "video": [(io.BytesIO(b"\x00" * 100), "v.mp4")]})
    assert response.status_code == 400 and field in response.get_json()["error"]["message"]


def test_job_results_never_show_server_paths():
    from moodify.jobs import without_paths

    result = {"path": "/srv/moodify/instance/renders/x.mp4", "duration": 3.0,
              "imported": [{"id": 1, "path": "/srv/moodify/instance/library/abc.mp3", "title": "Song"}]}
    assert without_paths(result) == {"duration": 3.0, "imported": [{"id": 1, "title": "Song"}]}


@pytest.mark.parametrize("terminated, status, code", [(True, 413, "too_large"), (False, 411, "length_required")])
def test_a_chunked_json_body_meets_the_same_limit(client, terminated, status, code):
    """No Content-Length to check first: read one byte past 2 MB at most; a server that gives the
    app no end to such a body gets asked for a length (not a body read as empty)."""
    body = io.BytesIO(b'{"caption": "' + b"a" * (3 << 20) + b'"}')
    response = client.post("/api/v1/recommendations", input_stream=body, environ_overrides={
        "wsgi.input_terminated": terminated}, headers={"Content-Type": "application/json",
                                                       "Transfer-Encoding": "chunked"})
    assert response.status_code == status and response.get_json()["error"]["code"] == code
