"""The JSON API under /api/v1. Each view takes its request as a model (moodify.web.schemas,
validated before it runs: moodify.web.contract), calls a function of moodify.domain for the
person asking (a Viewer), and returns what its `operation` declares. A view's docstring is its
summary in the OpenAPI document."""

from __future__ import annotations

import shutil
from pathlib import Path

from flask import Blueprint, current_app, g, request, send_file

from moodify.catalog import build
from moodify.domain import jobs, library, posts, recommendations, renders, tracks
from moodify.domain.viewer import Viewer
from moodify.emotion import EmotionEstimate
from moodify.errors import Forbidden, InvalidInput
from moodify.post import Post
from moodify.recommend_request import options_from_request, reading_from_request
from moodify.service import Moodify
from moodify.web import uploads
from moodify.web.bodies import JSON_LIMIT
from moodify.web.contract import operation
from moodify.web.schemas.jobs import Job
from moodify.web.schemas.music import FeedbackEvent, RecommendationList, Segment, Track, TrackPage, Vocabulary
from moodify.web.schemas.reading import Analysis, AnalysisPage
from moodify.web.schemas.requests import (CaptionPost, FeedbackRequest, FetchRequest, FindOnlineRequest, LibraryForm,
                                          ListOptions, PageQuery, PostForm, RecommendationRequest, RenderForm,
                                          SegmentQuery, TrackQuery, ViewerQuery)
from moodify.web.schemas.server import CatalogStats, Health, Limits, ModelList, NotReady, Ready

bp = Blueprint("api", __name__, url_prefix="/api/v1")
AUDIO_TYPES = {".mp3": "audio/mpeg", ".m4a": "audio/mp4", ".mp4": "audio/mp4", ".aac": "audio/aac",
               ".wav": "audio/wav", ".flac": "audio/flac", ".ogg": "audio/ogg", ".oga": "audio/ogg",
               ".opus": "audio/ogg"}


def moodify() -> Moodify:
    return current_app.extensions["moodify"]


def _viewer(user: str | None = None) -> Viewer:
    """Whose request this is. On the multi-user server: the signed-in account (a request may not
    speak for another). Otherwise the `user` the request names, or the local user."""
    signed_in = g.get("account")
    if signed_in is not None:
        if user is not None and user != signed_in:
            raise Forbidden("requests speak for the signed-in account only: leave 'user' out")
        return moodify().viewer(signed_in)
    return moodify().viewer(user)


def _started(job: dict):
    """A job was started: 202, and where to poll it."""
    return job, 202, {"Location": f"/api/v1/jobs/{job['id']}"}


@bp.get("/health")
@operation(Health)
def health():
    """Is the service up: how many tracks it has, its database, and whether its job queue answers"""
    service = moodify()
    return {"status": "ok", "tracks": build.track_count(service.store),
            "database": service.store.engine.dialect.name,
            "queue": "up" if service.jobs.queue_up() else "down"}


@bp.get("/limits")
@operation(Limits)
def limits():
    """What this server accepts (its settings), for a client to check before it uploads: a whole
    multipart post in MB, JSON bodies in MB, files per post, photo and frame megapixels, sound and
    video seconds, a person's library in MB"""
    settings = current_app.config["MOODIFY_SETTINGS"]
    files_per_post = {field: kind.most() for field, kind in uploads.file_fields().items()}
    return {"upload_mb": settings.max_upload_mb, "json_mb": JSON_LIMIT >> 20, **files_per_post,
            "image_megapixels": settings.max_image_megapixels, "audio_seconds": settings.max_audio_seconds,
            "video_megapixels": settings.max_video_megapixels, "video_seconds": settings.max_video_seconds,
            "library_quota_mb": settings.library_quota_mb}


@bp.get("/ready")
@operation({200: Ready, 503: NotReady})
def ready():
    """Readiness: 200 when the database and the job queue answer, else 503 naming what is down"""
    service = moodify()
    checks = {"database": _database_up(service), "queue": service.jobs.queue_up()}
    body = {name: "up" if up else "down" for name, up in checks.items()}
    if all(checks.values()):
        return {"status": "ready", **body}
    down = ", ".join(name for name, up in checks.items() if not up)
    return {"error": {"code": "not_ready", "message": f"not ready: {down} cannot be reached"}, **body}, 503


def _database_up(service) -> bool:
    from sqlalchemy import text

    try:
        with service.store.engine.connect() as connection:
            connection.execute(text("SELECT 1"))
        return True
    except Exception:           # noqa: BLE001 - any failure means "down"
        return False


@bp.post("/recommendations")
@operation(RecommendationList, 413)
def create_recommendations(json: RecommendationRequest):
    """Music for an emotion, a valence-arousal point or a full reading"""
    sent = json.model_dump(exclude_unset=True)
    shown = recommendations.recommend(moodify(), _viewer(json.user), reading_from_request(sent),
                                      options_from_request(sent), request=sent)
    return shown.to_dict()


@bp.get("/tracks")
@operation(TrackPage)
def list_tracks(query: TrackQuery):
    """Search the catalogue (title, artist, tags), a page at a time"""
    items, total = tracks.search(moodify(), _viewer(query.user), q=query.q, source=query.source,
                                 emotion=query.emotion, page=query.page, per_page=query.per_page)
    return {"tracks": items, "total": total, "page": query.page, "per_page": query.per_page}


@bp.get("/tracks/<int:track_id>")
@operation(Track, 404)
def track(track_id: int, query: ViewerQuery):
    """One track with its published annotation"""
    return tracks.track(moodify(), _viewer(query.user), track_id)


@bp.post("/feedback")
@operation({201: FeedbackEvent}, 404)
def feedback(json: FeedbackRequest):
    """Like, skip or choose a track; later recommendations learn from it"""
    event = recommendations.feedback(moodify(), _viewer(json.user), track_id=json.track_id, kind=json.kind,
                                     recommendation_id=json.recommendation_id)
    return event, 201


@bp.post("/analyses")
@operation({201: Analysis, 202: Job}, 413)
def create_analysis(json: CaptionPost, form: PostForm):
    """Read a post's emotion and store the reading

    A caption alone (JSON, or a form without files) is read at once (201); a post with files
    (multipart) becomes a job (202, Location: its /jobs URL) to poll."""
    sent = form if form is not None else json           # spectree reads the one the request is
    viewer = _viewer(sent.user)
    if not request.files:
        return posts.analyse(moodify(), viewer, Post(caption=sent.caption)), 201
    saved, folder = uploads.save(request.files, moodify().spool)
    try:
        post = Post(caption=sent.caption, **saved)
    except Exception:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    kept = Path(current_app.config["MOODIFY_KEPT"]) if form.keep else None
    return _started(posts.start_analysis(moodify(), viewer, post, cleanup_dir=folder, keep_dir=kept))


@bp.delete("/tracks/<int:track_id>")
@operation({204: None}, 403, 404)
def delete_track(track_id: int, query: ViewerQuery):
    """Delete one of your imported tracks (and its file when no other track plays from it);
    catalogue tracks are not yours to delete (403)"""
    tracks.delete(moodify(), _viewer(query.user), track_id)
    return "", 204


@bp.get("/tracks/<int:track_id>/audio")
@operation({200: None}, 404)
def track_audio(track_id: int, query: ViewerQuery):
    """The audio file of an imported or fetched track, for the app's player (byte ranges supported)"""
    path = tracks.file_of(moodify(), _viewer(query.user), track_id)
    # The type comes from suffixes Moodify chose itself, never guessed from a name a service gave.
    return send_file(path, conditional=True, download_name=f"track-{track_id}{path.suffix}",
                     mimetype=AUDIO_TYPES.get(path.suffix.lower(), "application/octet-stream"))


@bp.get("/tracks/<int:track_id>/segment")
@operation(Segment, 404)
def track_segment(track_id: int, query: SegmentQuery):
    """The best stretch of a track whose audio is here for a video of `length` seconds: start on a
    bar, end, the reason, and energy per second and bar starts to draw it"""
    return renders.segment(moodify(), _viewer(query.user), track_id, query.length, analysis_id=query.analysis_id)


@bp.post("/tracks/<int:track_id>/fetch")
@operation({202: Job}, 404, 409)
def fetch_track_audio(track_id: int, json: FetchRequest):
    """Download and analyse a catalogue track's audio, where its licence allows use in a video and
    its artist allows downloads, as a job

    Refused at once (409) with the reason as the error code (platform_only, no_derivatives,
    non_commercial under usable=monetised, download_not_allowed, ...)."""
    return _started(tracks.start_fetch(moodify(), _viewer(json.user), track_id, usable=json.usable))


@bp.post("/library")
@operation({202: Job}, 413)
def import_library(form: LibraryForm):
    """Import audio files (multipart field `files`) into your library, as a job

    Its result is {imported, skipped, failed}. Past the library_quota_mb setting: 413 library_full."""
    uploads_ = request.files.getlist("files")
    if not uploads_ or set(request.files) - {"files"}:
        raise InvalidInput("send the audio files in a multipart field named 'files'")
    viewer = _viewer(form.user)
    library.check_room(moodify(), viewer, sum(uploads.size(f) for f in uploads_))
    folder = Path(current_app.config["MOODIFY_LIBRARY"])
    saved = uploads.save_library(uploads_, folder, moodify().spool.mine)
    return _started(library.start_import(moodify(), viewer, saved))


@bp.post("/renders")
@operation({202: Job}, 404, 409, 413)
def create_render(form: RenderForm):
    """Make the finished video: a job whose file is at /renders/{job_id}/file once done, its result
    with the credit line to paste

    `video`, `track_id` (yours, or a catalogue track whose licence allows it: fetched first),
    optional `start` (s), `analysis_id` and `usable` (monetised refuses NonCommercial music)."""
    if set(request.files) != {"video"}:
        raise InvalidInput("send the video in a multipart field named 'video', with 'track_id'")
    saved, folder = uploads.save(request.files, moodify().spool)
    out = Path(current_app.config["MOODIFY_RENDERS"]) / f"{folder.name}.mp4"
    return _started(renders.start_render(moodify(), _viewer(form.user), saved["video"][0], form.track_id, out,
                                         start=form.start, analysis_id=form.analysis_id, cleanup_dir=folder,
                                         usable=form.usable))


@bp.get("/renders/<int:job_id>/file")
@operation({200: None}, 404)
def rendered_file(job_id: int, query: ViewerQuery):
    """The rendered MP4 (H.264 + AAC)"""
    path = renders.rendered_file(moodify(), _viewer(query.user), job_id)
    return send_file(path, mimetype="video/mp4", as_attachment=True, download_name=f"moodify-{job_id}.mp4",
                     conditional=True)


@bp.get("/models")
@operation(ModelList)
def list_models():
    """The models posts are read with: present or not, and where their weights come from"""
    from moodify.models.backends import backends

    return {"models": [b.to_dict() for b in backends()]}


@bp.get("/jobs/<int:job_id>")
@operation(Job, 404)
def get_job(job_id: int, query: ViewerQuery):
    """A job's status and progress (0-100 and the stage); its analysis once done"""
    return jobs.job(moodify(), _viewer(query.user), job_id)


@bp.delete("/jobs/<int:job_id>")
@operation(Job, 404)
def cancel_job(job_id: int, query: ViewerQuery):
    """Cancel a job that has not ended; its state afterwards"""
    return jobs.cancel(moodify(), _viewer(query.user), job_id)


@bp.get("/analyses")
@operation(AnalysisPage)
def list_analyses(query: PageQuery):
    """The user's past analyses, newest first, each with the tracks chosen for it"""
    rows, total = posts.history(moodify(), _viewer(query.user), page=query.page, per_page=query.per_page)
    return {"analyses": rows, "total": total, "page": query.page, "per_page": query.per_page}


@bp.get("/analyses/<int:analysis_id>")
@operation(Analysis, 404)
def get_analysis(analysis_id: int, query: ViewerQuery):
    """A stored reading"""
    return posts.analysis(moodify(), _viewer(query.user), analysis_id)


@bp.post("/analyses/<int:analysis_id>/recommendations")
@operation(RecommendationList, 404)
def analysis_recommendations(analysis_id: int, json: ListOptions):
    """Music for a stored reading; its caption gives the semantic fit"""
    sent = json.model_dump(exclude_unset=True)
    shown = recommendations.for_analysis(moodify(), _viewer(json.user), analysis_id, options_from_request(sent),
                                         request=sent)
    return shown.to_dict()


@bp.post("/catalog/find-online")
@operation({202: Job}, 404, 409)
def find_online(json: FindOnlineRequest):
    """Search Openverse (keyless) with the mood words of an emotion, a point or a stored analysis;
    download, analyse and add what may go into a video, as a job

    Its result is {query, added, known, skipped}."""
    viewer = _viewer(json.user)
    if json.analysis_id is not None:
        reading = EmotionEstimate.from_dict(posts.analysis(moodify(), viewer, json.analysis_id)["fused"])
    else:
        reading = reading_from_request(json.model_dump(exclude_unset=True))
    return _started(tracks.start_find_online(moodify(), viewer, reading, limit=json.limit, usable=json.usable,
                                             mode=json.mode))


@bp.get("/catalog/stats")
@operation(CatalogStats)
def catalog_stats():
    """Counts per source, dominant emotion and licence"""
    return build.stats(moodify().store)


@bp.get("/catalog/vocabulary")
@operation(Vocabulary)
def catalog_vocabulary(query: ViewerQuery):
    """The genres and mood tags you can choose from, each with how many of your tracks carry it,
    most common first"""
    return tracks.vocabulary(moodify(), _viewer(query.user))
