"""The work behind each kind of job, by name (WORK), with plain arguments: a thread of this
process or a worker process on any machine (moodify.worker, RQ over Redis) runs it the same way.
Each is the same domain function a request would call (moodify.domain), given the installation."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from moodify import library, pipeline, privacy
from moodify.domain import renders, tracks
from moodify.domain.installation import Installation
from moodify.domain.viewer import Viewer
from moodify.emotion import EmotionEstimate
from moodify.media import MediaFile
from moodify.post import Post
from moodify.store.models import Track


def _analysis(app: Installation, args: dict, progress):
    """Read and store a post the request checked (moodify.pipeline.analyse)."""
    files = {name: tuple(MediaFile(Path(p), n) for p, n in items) for name, items in args["files"].items()}
    analysis_id = pipeline.analyse(app.store, args["owner_id"], Post(caption=args["caption"], **files), progress).id
    if not args.get("keep_dir"):
        return analysis_id
    kept = privacy.keep_media(Path(args["keep_dir"]) / str(analysis_id),
                              [Path(p) for items in args["files"].values() for p, _ in items])
    return {"analysis_id": analysis_id, "kept": [str(p) for p in kept]}


def _import(app: Installation, args: dict, progress):
    report = library.ImportReport()
    files = args["files"]
    for done, (path, name) in enumerate(files, start=1):
        progress((done - 1) / len(files), f"importing {name}")
        part = library.import_paths(app.store, [Path(path)], names={Path(path): name}, owner_id=args["owner_id"])
        for kind in ("imported", "skipped", "failed"):      # each says which upload it was
            getattr(report, kind).extend({**entry, "name": name} for entry in getattr(part, kind))
        # Not music, or already there: the upload is not kept, unless a track plays from it.
        if (part.failed or part.skipped) and not _in_use(app, Path(path)):
            Path(path).unlink(missing_ok=True)
    return report.to_dict()


def _in_use(app: Installation, path: Path) -> bool:
    """Whether an imported track (anyone's) plays from this library file."""
    with app.store.session() as session:
        return any(a.get("path") == str(path) for a in session.scalars(
            select(Track.annotation).where(Track.source == "user")))


def _render(app: Installation, args: dict, progress):
    video = MediaFile(Path(args["video"][0]), args["video"][1])
    return renders.render_video(app, Viewer(args["user"]), video, args["track_id"], Path(args["out"]),
                                start=args["start"], analysis_id=args["analysis_id"], progress=progress,
                                usable=args.get("usable", "any"))


def _fetch(app: Installation, args: dict, progress):
    return tracks.fetch_audio(app, Viewer(args["user"]), args["track_id"], usable=args["usable"], progress=progress)


def _find_online(app: Installation, args: dict, progress):
    return tracks.find_online(app, EmotionEstimate.from_dict(args["reading"]), limit=args["limit"],
                              usable=args["usable"], mode=args["mode"], progress=progress)


WORK = {"analysis": _analysis, "import": _import, "render": _render, "fetch": _fetch,
        "find_online": _find_online}
