"""The person's video with a track mixed in: the best stretch of the track for the video's length
and mood (moodify.segments), then the mix (moodify.render). A catalogue track's audio is fetched
first, where its licence allows."""

from __future__ import annotations

from pathlib import Path

from moodify import render, segments
from moodify.catalog.views import track_licence
from moodify.domain import jobs, tracks
from moodify.domain.installation import Installation
from moodify.domain.posts import own_analysis
from moodify.domain.viewer import Viewer
from moodify.errors import InvalidInput, NotFound
from moodify.jobs import remove_dir
from moodify.media import MediaFile
from moodify.media import video as video_media


def segment(app: Installation, viewer: Viewer, track_id: int, length: float, *,
            analysis_id: int | None = None) -> dict:
    """The best stretch of a track whose audio is here for a video of `length` seconds, with what
    the app needs to draw it (energy per second, bar starts)."""
    if not 0.5 <= length <= 3600:
        raise InvalidInput("the video length must be between 0.5 and 3600 seconds")
    track, analysis = tracks.audio(app, viewer, track_id)
    target = None
    if analysis_id is not None:
        with app.store.session() as session:
            fused = own_analysis(session, viewer, analysis_id).reading
        target = (float(fused["valence"]), float(fused["arousal"]))
    chosen = segments.best_segment(analysis, length, target)
    return {"track_id": track.id, "duration_s": analysis["duration_s"], **chosen.to_dict(),
            "energy": analysis["energy"], "downbeats": analysis["downbeats"]}


def render_video(app: Installation, viewer: Viewer, video: MediaFile, track_id: int, out: Path, *,
                 start: float | None = None, analysis_id: int | None = None, progress=None,
                 usable: str = "any") -> dict:
    """Mix a track under a video; start defaults to the best segment. The result carries the
    credit line to paste."""
    progress = progress or (lambda fraction, stage: None)
    track = tracks.usable_in_video(app, viewer, track_id, usable)
    fetching = 0.0 if track.source == "user" else 0.4       # the share of the progress a fetch takes
    if fetching:
        tracks.fetch_audio(app, viewer, track_id, usable=usable,
                           progress=lambda f, stage: progress(fetching * f, stage))
    track, analysis = tracks.audio(app, viewer, track_id)
    if start is None:
        length = video_media.probe_duration(video)
        start = segment(app, viewer, track_id, max(length, 0.5), analysis_id=analysis_id)["start"]
    if not 0 <= start < float(analysis["duration_s"]):
        raise InvalidInput(f"start {start} s is outside the track (0 to {analysis['duration_s']} s)")
    licence = track_licence(track)
    done = render.render(video, analysis, start, out,
                         progress=lambda f, stage: progress(fetching + (1 - fetching) * f, stage))
    return {"track_id": track.id, **done.to_dict(), "licence": licence.to_dict(),
            "attribution": licence.attribution}


def start_render(app: Installation, viewer: Viewer, video: MediaFile, track_id: int, out: Path, *,
                 start: float | None = None, analysis_id: int | None = None,
                 cleanup_dir: Path | None = None, usable: str = "any") -> dict:
    """`render_video` as a job, checked first (the video can be read, the track may be used, the
    analysis is the viewer's); the file is served from /renders/<job id>/file once done."""
    try:
        video_media.probe(video)
        tracks.usable_in_video(app, viewer, track_id, usable)
        if analysis_id is not None:
            with app.store.session() as session:
                own_analysis(session, viewer, analysis_id)
    except Exception:
        remove_dir(cleanup_dir)
        raise
    return jobs.start(app, viewer, "render", {
        "video": [str(video.path), video.name], "track_id": track_id, "out": str(out), "start": start,
        "analysis_id": analysis_id, "user": viewer.name, "usable": usable}, cleanup_dir=cleanup_dir)


def rendered_file(app: Installation, viewer: Viewer, job_id: int) -> Path:
    """The finished video of the viewer's render job."""
    job = jobs.job(app, viewer, job_id)
    if job["kind"] != "render":
        raise NotFound(f"job {job_id} is not a render")
    if job["status"] != "done":
        raise InvalidInput(f"render {job_id} is {job['status']}: wait until it is done")
    stored = jobs.result(app, job_id).get("path")
    path = Path(stored or "")
    if not stored or not path.exists():
        raise NotFound(f"the file of render {job_id} is no longer there: render it again")
    return path
