"""The web app's files (built by Vite from frontend/ into static/app) at /; every path outside
/api/ that is not a file gets index.html, so the app's own addresses survive a reload."""

from __future__ import annotations

from pathlib import Path

from flask import Blueprint, abort, send_from_directory
from werkzeug.security import safe_join
from werkzeug.routing import PathConverter

APP_DIR = Path(__file__).parent / "static" / "app"
NOT_BUILT = ("<!doctype html><title>Moodify</title><p>The web app is not built yet. Run "
             "<code>make run</code> (it builds it), or <code>cd frontend &amp;&amp; npm install &amp;&amp; "
             "npm run build</code>. The API is at <a href='/api/v1/openapi.json'>/api/v1</a>.</p>")

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
            return send_from_directory(APP_DIR, path, max_age=31536000 if path.startswith("assets/") else 0)
        if path.startswith("assets/") or "." in path.rsplit("/", 1)[-1]:
            abort(404)                   # a missing file is not the app's page
    response = send_from_directory(APP_DIR, "index.html", max_age=0)
    response.headers["Cache-Control"] = "no-cache"
    return response
