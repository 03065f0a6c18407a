"""The JSON API under /api/v1. Each view reads the request, calls a function of moodify.domain for
the person asking (a Viewer), returns JSON."""

from __future__ import annotations

import math
import shutil
from pathlib import Path

from flask import Blueprint, current_app, g, jsonify, request, send_file
from werkzeug.exceptions import RequestEntityTooLarge

from moodify.catalog import build
from moodify.emotion import EmotionEstimate
from moodify.errors import Forbidden, InvalidInput, LengthRequired, PayloadTooLarge
from moodify.post import Post
from moodify.domain import jobs, library, posts, recommendations, renders, tracks
from moodify.domain.viewer import Viewer
from moodify.recommend_request import options_from_request, reading_from_request
from moodify.service import Moodify
from moodify.web import uploads
from moodify.web.openapi import document

bp = Blueprint("api", __name__, url_prefix="/api/v1")
JSON_LIMIT = 2 * 1024 * 1024
AUDIO_TYPES = {".mp3": "audio/mpeg", ".m4a": "audio/mp4", ".mp4": "audio/mp4", ".aac": "audio/aac",
               ".wav": "audio/wav", ".flac": "audio/flac", ".ogg": "audio/ogg", ".oga": "audio/ogg",
               ".opus": "audio/ogg"}


def moodify() -> Moodify:
    return current_app.extensions["moodify"]


def json_body(*, optional: bool = False) -> dict:
    """The request's JSON object, checked (size, UTF-8, depth); {} for an empty optional body."""
    too_large = PayloadTooLarge(f"the request is too large: the API takes at most {JSON_LIMIT >> 20} MB "
                                "of JSON (files go in a multipart post)")
    if (request.content_length or 0) > JSON_LIMIT:
        raise too_large
    if request.content_length is None and "chunked" in request.headers.get("Transfer-Encoding", "").lower() \
            and not request.environ.get("wsgi.input_terminated"):
        # The server hands the app no end to such a body (Werkzeug would read it as empty).
        raise LengthRequired("send the JSON with a Content-Length header (not chunked)")
    request.max_content_length = JSON_LIMIT + 1     # a chunked body: read one byte past the limit at most
    try:
        raw = request.get_data()
    except RequestEntityTooLarge:
        raise too_large from None
    if len(raw) > JSON_LIMIT:
        raise too_large
    if optional and not raw:
        return {}
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InvalidInput(f"the request body is not valid UTF-8 (byte {exc.start}): send UTF-8 text") from None
    try:
        data = request.get_json(silent=True)
        if not isinstance(data, dict):
            raise InvalidInput("send a JSON object with content-type application/json")
        _check_text(data)
    except RecursionError:
        raise InvalidInput("the JSON is nested deeper than Moodify reads: send a flat object") from None
    return data


def _check_text(value) -> None:
    """JSON may escape lone surrogates (\\ud800) that no UTF-8 text can hold: refuse them."""
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise InvalidInput("the request holds text that is not valid UTF-8 (a lone surrogate "
                               "escape such as \\ud800): send real characters") from None
    elif isinstance(value, dict):
        for key, item in value.items():
            _check_text(key)
            _check_text(item)
    elif isinstance(value, list):
        for item in value:
            _check_text(item)


def int_arg(name: str, default: int) -> int:
    raw = request.args.get(name)
    if raw is None:
        return default
    try:
        return int(raw)
    except ValueError:
        raise InvalidInput(f"'{name}' must be a whole number, got {raw!r}") from None


@bp.get("/health")
def health():
    """Liveness: the server answers; with what it knows of its database and its job queue."""
    service = moodify()
    return jsonify({"status": "ok", "tracks": build.track_count(service.store),
                    "database": service.store.engine.dialect.name,
                    "queue": "up" if service.jobs.queue_up() else "down"})


@bp.get("/limits")
def limits():
    """What this server accepts, for clients to check before they upload (from its settings)."""
    settings = current_app.config["MOODIFY_SETTINGS"]
    files_per_post = {field: kind.most() for field, kind in uploads.file_fields().items()}
    return jsonify({"upload_mb": settings.max_upload_mb, "json_mb": JSON_LIMIT >> 20, **files_per_post,
                    "image_megapixels": settings.max_image_megapixels, "audio_seconds": settings.max_audio_seconds,
                    "video_megapixels": settings.max_video_megapixels, "video_seconds": settings.max_video_seconds,
                    "library_quota_mb": settings.library_quota_mb})


@bp.get("/ready")
def ready():
    """Readiness: 200 when the database and the job queue both answer, else 503 naming what is down
    (for a load balancer or an orchestrator)."""
    service = moodify()
    checks = {"database": _database_up(service), "queue": service.jobs.queue_up()}
    body = {name: "up" if up else "down" for name, up in checks.items()}
    if all(checks.values()):
        return jsonify({"status": "ready", **body})
    down = ", ".join(name for name, up in checks.items() if not up)
    return jsonify({"error": {"code": "not_ready", "message": f"not ready: {down} cannot be reached"}, **body}), 503


def _database_up(service) -> bool:
    from sqlalchemy import text

    try:
        with service.store.engine.connect() as connection:
            connection.execute(text("SELECT 1"))
        return True
    except Exception:           # noqa: BLE001 - any failure means "down"
        return False


@bp.post("/recommendations")
def create_recommendations():
    data = json_body()
    reading = reading_from_request(data)
    options = options_from_request(data)
    shown = recommendations.recommend(moodify(), _viewer(data), reading, options, request=data)
    return jsonify(shown.to_dict())


@bp.get("/tracks")
def list_tracks():
    items, total = tracks.search(moodify(), _viewer(), q=request.args.get("q"), source=request.args.get("source"),
                                 emotion=request.args.get("emotion"), page=int_arg("page", 1),
                                 per_page=int_arg("per_page", 20))
    return jsonify({"tracks": items, "total": total, "page": int_arg("page", 1),
                    "per_page": int_arg("per_page", 20)})


@bp.get("/tracks/<int:track_id>")
def track(track_id: int):
    return jsonify(tracks.track(moodify(), _viewer(), track_id))


@bp.post("/feedback")
def feedback():
    data = json_body()
    track_id, recommendation_id = data.get("track_id"), data.get("recommendation_id")
    if not isinstance(track_id, int) or isinstance(track_id, bool):
        raise InvalidInput("'track_id' must be the id of a track (a whole number)")
    if recommendation_id is not None and (not isinstance(recommendation_id, int)
                                          or isinstance(recommendation_id, bool)):
        raise InvalidInput("'recommendation_id' must be a whole number")
    if not isinstance(data.get("kind"), str):
        raise InvalidInput("'kind' must be one of like, skip, chosen")
    event = recommendations.feedback(moodify(), _viewer(data), track_id=track_id, kind=data["kind"],
                                     recommendation_id=recommendation_id)
    return jsonify(event), 201


def _viewer(data: dict | None = None) -> Viewer:
    """Whose request this is. On the multi-user server: the signed-in account (a request may not
    speak for another). Otherwise the `user` named in the body or query, or the local user."""
    user = (data or {}).get("user", request.args.get("user"))
    if user is not None and not isinstance(user, str):
        raise InvalidInput("'user' must be a name")
    signed_in = g.get("account")
    if signed_in is not None:
        if user is not None and user != signed_in:
            raise Forbidden("requests speak for the signed-in account only: leave 'user' out")
        return moodify().viewer(signed_in)
    return moodify().viewer(user)


def _caption_from_request() -> tuple[str | None, dict]:
    """The caption of a JSON body or of a multipart/urlencoded form (field `caption`)."""
    if request.mimetype in ("multipart/form-data", "application/x-www-form-urlencoded"):
        form = request.form
        caption = form.get("caption")
        # Werkzeug decodes form fields with errors="replace": bytes that were not UTF-8 arrive
        # as U+FFFD, and the text they held is already lost.
        if caption is not None and "\ufffd" in caption:
            raise InvalidInput("the caption is not valid UTF-8 (some bytes could not be read): "
                               "send it as UTF-8 text")
        return caption, dict(form)
    data = json_body()
    caption = data.get("caption")
    if caption is not None and not isinstance(caption, str):
        raise InvalidInput("'caption' must be text")
    return caption, data


@bp.post("/analyses")
def create_analysis():
    """A caption alone is read at once (201); a post with files becomes a job to poll (202)."""
    caption, data = _caption_from_request()
    if not request.files:
        return jsonify(posts.analyse(moodify(), _viewer(data), Post(caption=caption))), 201
    saved, folder = uploads.save(request.files, moodify().spool)
    try:
        post = Post(caption=caption, **saved)
    except Exception:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    keep = str(data.get("keep", "")).lower() in ("1", "true", "yes", "on")
    job = posts.start_analysis(moodify(), _viewer(data), post, cleanup_dir=folder,
                               keep_dir=Path(current_app.config["MOODIFY_KEPT"]) if keep else None)
    return jsonify(job), 202, {"Location": f"/api/v1/jobs/{job['id']}"}


@bp.delete("/tracks/<int:track_id>")
def delete_track(track_id: int):
    """One of the user's imported tracks, and its file when no other track plays from it."""
    tracks.delete(moodify(), _viewer(), track_id)
    return "", 204


@bp.get("/tracks/<int:track_id>/audio")
def track_audio(track_id: int):
    """The audio of an imported or fetched track, for the app's player (ranges supported)."""
    path = tracks.file_of(moodify(), _viewer(), track_id)
    # The type comes from suffixes Moodify chose itself, never guessed from a name a service gave.
    return send_file(path, conditional=True, download_name=f"track-{track_id}{path.suffix}",
                     mimetype=AUDIO_TYPES.get(path.suffix.lower(), "application/octet-stream"))


@bp.get("/tracks/<int:track_id>/segment")
def track_segment(track_id: int):
    length = request.args.get("length", type=float)
    if length is None:
        raise InvalidInput("give the video's length in seconds: ?length=15")
    analysis_id = request.args.get("analysis_id", type=int)
    return jsonify(renders.segment(moodify(), _viewer(), track_id, length, analysis_id=analysis_id))


@bp.post("/tracks/<int:track_id>/fetch")
def fetch_track_audio(track_id: int):
    """Download and analyse a catalogue track's audio (where its licence allows use in a video)
    as a job; refused at once with the reason's code otherwise."""
    data = json_body(optional=True)
    usable = data.get("usable", "any")
    if not isinstance(usable, str):
        raise InvalidInput("'usable' must be any, personal or monetised")
    job = tracks.start_fetch(moodify(), _viewer(data), track_id, usable=usable)
    return jsonify(job), 202, {"Location": f"/api/v1/jobs/{job['id']}"}


@bp.post("/library")
def import_library():
    """Audio files (multipart field `files`) imported into the user's library as a job."""
    uploads_ = request.files.getlist("files")
    if not uploads_ or set(request.files) - {"files"}:
        raise InvalidInput("send the audio files in a multipart field named 'files'")
    viewer = _viewer(dict(request.form))
    library.check_room(moodify(), viewer, sum(uploads.size(f) for f in uploads_))
    folder = Path(current_app.config["MOODIFY_LIBRARY"])
    saved = uploads.save_library(uploads_, folder, moodify().spool.mine)
    job = library.start_import(moodify(), viewer, saved)
    return jsonify(job), 202, {"Location": f"/api/v1/jobs/{job['id']}"}


@bp.post("/renders")
def create_render():
    """A video (multipart `video`) with `track_id`, optional `start`, `analysis_id` and `usable`
    (monetised refuses NC music): a job that makes the finished MP4; download it from
    /renders/<job id>/file. A catalogue track is fetched first where its licence allows."""
    form = request.form
    if set(request.files) != {"video"}:
        raise InvalidInput("send the video in a multipart field named 'video', with 'track_id'")
    track_id = _form_number(form, "track_id", int, required=True)
    start = _form_number(form, "start", float)
    analysis_id = _form_number(form, "analysis_id", int)
    if start is not None and not 0 <= start <= 24 * 3600:
        raise InvalidInput("'start' is seconds into the track: a number from 0")
    saved, folder = uploads.save(request.files, moodify().spool)
    out = Path(current_app.config["MOODIFY_RENDERS"]) / f"{folder.name}.mp4"
    job = renders.start_render(moodify(), _viewer(dict(form)), saved["video"][0], track_id, out, start=start,
                               analysis_id=analysis_id, cleanup_dir=folder, usable=form.get("usable") or "any")
    return jsonify(job), 202, {"Location": f"/api/v1/jobs/{job['id']}"}


def _form_number(form, name: str, kind, *, required: bool = False):
    """A whole number (ids) or a finite number (seconds) from a form field, or a 400 naming it."""
    raw = form.get(name) or None
    if raw is None:
        if required:
            raise InvalidInput(f"'{name}' is missing")
        return None
    try:
        value = kind(raw)
    except ValueError:
        wanted = "whole number" if kind is int else "number"
        raise InvalidInput(f"'{name}' must be a {wanted}, got {raw[:40]!r}") from None
    if kind is float and not math.isfinite(value):
        raise InvalidInput(f"'{name}' must be a finite number")
    return value


@bp.get("/renders/<int:job_id>/file")
def rendered_file(job_id: int):
    path = renders.rendered_file(moodify(), _viewer(), job_id)
    return send_file(path, mimetype="video/mp4", as_attachment=True, download_name=f"moodify-{job_id}.mp4",
                     conditional=True)


@bp.get("/models")
def list_models():
    """Each model backend: present or not, and where its weights come from."""
    from moodify.models.backends import backends

    return jsonify({"models": [b.to_dict() for b in backends()]})


@bp.get("/jobs/<int:job_id>")
def get_job(job_id: int):
    return jsonify(jobs.job(moodify(), _viewer(), job_id))


@bp.delete("/jobs/<int:job_id>")
def cancel_job(job_id: int):
    return jsonify(jobs.cancel(moodify(), _viewer(), job_id))


@bp.get("/analyses")
def list_analyses():
    page, per_page = int_arg("page", 1), int_arg("per_page", 20)
    rows, total = posts.history(moodify(), _viewer(), page=page, per_page=per_page)
    return jsonify({"analyses": rows, "total": total, "page": page, "per_page": per_page})


@bp.get("/analyses/<int:analysis_id>")
def get_analysis(analysis_id: int):
    return jsonify(posts.analysis(moodify(), _viewer(), analysis_id))


@bp.post("/analyses/<int:analysis_id>/recommendations")
def analysis_recommendations(analysis_id: int):
    data = json_body(optional=True)
    shown = recommendations.for_analysis(moodify(), _viewer(data), analysis_id, options_from_request(data),
                                         request=data)
    return jsonify(shown.to_dict())


@bp.post("/catalog/find-online")
def find_online():
    """Search Openverse with the mood words of an emotion (or of a stored analysis) and add what
    may go into a video, as a job; its result is {query, added, known, skipped}."""
    data = json_body(optional=True)
    viewer = _viewer(data)
    if "analysis_id" in data:
        analysis_id = data["analysis_id"]
        if not isinstance(analysis_id, int) or isinstance(analysis_id, bool):
            raise InvalidInput("'analysis_id' must be the id of an analysis")
        reading = EmotionEstimate.from_dict(posts.analysis(moodify(), viewer, analysis_id)["fused"])
    else:
        reading = reading_from_request(data)
    limit = data.get("limit", 20)
    if not isinstance(limit, int) or isinstance(limit, bool) or not 1 <= limit <= 100:
        raise InvalidInput("'limit' must be a whole number from 1 to 100")
    options = options_from_request({k: v for k, v in data.items() if k in ("mode", "usable")})
    job = tracks.start_find_online(moodify(), viewer, reading, limit=limit, usable=options.usable, mode=options.mode)
    return jsonify(job), 202, {"Location": f"/api/v1/jobs/{job['id']}"}


@bp.get("/catalog/stats")
def catalog_stats():
    return jsonify(build.stats(moodify().store))


@bp.get("/openapi.json")
def openapi():
    return jsonify(document())
