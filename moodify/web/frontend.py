"""The web app's files (built by Vite from frontend/ into static/app) at /; every path outside
/api/ that is not a file gets index.html, so the app's own addresses survive a reload.

The app installs as a PWA: its manifest names POST /share as a share target, which the app's
service worker (/sw.js) answers inside the browser, so shared media never reach the server that
way. Only when no worker is there yet does the POST arrive here; it is answered with a page that
says to open Moodify and share again, and its body is never kept."""

from __future__ import annotations

from pathlib import Path

from flask import Blueprint, abort, request, send_from_directory
from werkzeug.exceptions import RequestEntityTooLarge
from werkzeug.routing import PathConverter
from werkzeug.security import safe_join

APP_DIR = Path(__file__).parent / "static" / "app"
NOT_BUILT = ("<!doctype html><title>Moodify</title><p>The web app is not built yet. Run "
             "<code>make run</code> (it builds it), or <code>cd frontend &amp;&amp; npm install &amp;&amp; "
             "npm run build</code>. The API is at <a href='/api/v1/openapi.json'>/api/v1</a>.</p>")

SHARE_AGAIN = ("<!doctype html><html lang='ko'><meta charset='utf-8'>"
               "<meta name='viewport' content='width=device-width, initial-scale=1'><title>Moodify</title>"
               "<p lang='ko'>Moodify가 아직 이 기기에서 준비되지 않아 공유를 받지 못했습니다. "
               "<a href='/'>Moodify를 한 번 연 다음</a> 다시 공유하세요.</p>"
               "<p lang='en'>Moodify was not ready on this device to take the share. "
               "<a href='/'>Open Moodify once</a>, then share again.</p></html>")
# Files the browser gives their own type: the manifest's is not in every mimetypes table.
TYPES = {"manifest.webmanifest": "application/manifest+json", "sw.js": "text/javascript; charset=utf-8"}

bp = Blueprint("frontend", __name__)


class AppPath(PathConverter):
    """Any path but /api/...: the API keeps its own 404 and 405 answers."""

    regex = r"(?!api(?:/|$))[^/].*?"


@bp.record_once
def _converter(state) -> None:
    state.app.url_map.converters["app_path"] = AppPath


@bp.get("/", defaults={"path": ""})
@bp.get("/<app_path:path>")
def app_file(path: str):
    """A built file, or the app's page for its own addresses. Anything that could only name
    something outside the build (../, %2f, an over-long name) and any missing asset is one and
    the same 404, whether or not such a file exists: no answer tells what is on the disk."""
    if not (APP_DIR / "index.html").exists():
        return NOT_BUILT, 503, {"content-type": "text/html; charset=utf-8"}
    if path:
        found = safe_join(str(APP_DIR), path)
        if found is None or any(len(part) > 255 for part in path.split("/")):
            abort(404)
        if Path(found).is_file():
            return _built_file(path)
        if path.startswith("assets/") or "." in path.rsplit("/", 1)[-1]:
            abort(404)                   # a missing file is not the app's page
    response = send_from_directory(APP_DIR, "index.html", max_age=0)
    response.headers["Cache-Control"] = "no-cache"
    return response


def _built_file(path: str):
    response = send_from_directory(APP_DIR, path, max_age=31536000 if path.startswith("assets/") else 0)
    if path in TYPES:
        response.headers["Content-Type"] = TYPES[path]
    if path == "sw.js":
        # the browser checks for a new worker on every visit; the app's whole origin is its scope
        response.headers["Cache-Control"] = "no-cache"
        response.headers["Service-Worker-Allowed"] = "/"
    return response


@bp.post("/share")
def share_without_worker():
    """A share that reached the server: the service worker was not installed (yet, or any more).
    The upload is read (up to the upload limit) and dropped: a browser cut off mid-upload shows an
    error instead of this page. Nothing of it is kept."""
    try:
        while request.stream.read(1 << 16):
            pass
    except RequestEntityTooLarge:
        pass
    return SHARE_AGAIN, 200, {"content-type": "text/html; charset=utf-8", "Cache-Control": "no-store"}
