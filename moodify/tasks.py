"""The work behind each kind of job, by name (WORK), with plain arguments: a thread of this
process or a worker process on any machine (moodify.worker, RQ over Redis) runs it the same way."""

from __future__ import annotations

from pathlib import Path

from moodify.media import MediaFile


def _analysis(moodify, args: dict, progress):
    """Read and store a post the request checked (moodify.pipeline.analyse)."""
    from moodify import pipeline
    from moodify.post import Post

    files = {name: tuple(MediaFile(Path(p), n) for p, n in items) for name, items in args["files"].items()}
    analysis_id = pipeline.analyse(moodify.store, args["owner_id"], Post(caption=args["caption"], **files),
                                   progress).id
    if not args.get("keep_dir"):
        return analysis_id
    from moodify import privacy

    kept = privacy.keep_media(Path(args["keep_dir"]) / str(analysis_id),
                              [Path(p) for items in args["files"].values() for p, _ in items])
    return {"analysis_id": analysis_id, "kept": [str(p) for p in kept]}


def _import(moodify, args: dict, progress):
    from moodify import library

    report = library.ImportReport()
    files = args["files"]
    for done, (path, name) in enumerate(files, start=1):
        progress((done - 1) / len(files), f"importing {name}")
        part = library.import_paths(moodify.store, [Path(path)], names={Path(path): name},
                                    owner_id=args["owner_id"])
        for kind in ("imported", "skipped", "failed"):      # each says which upload it was
            getattr(report, kind).extend({**entry, "name": name} for entry in getattr(part, kind))
        # Not music, or already there: the upload is not kept, unless a track plays from it.
        if (part.failed or part.skipped) and not _in_use(moodify, Path(path)):
            Path(path).unlink(missing_ok=True)
    return report.to_dict()


def _in_use(moodify, path: Path) -> bool:
    """Whether an imported track (anyone's) plays from this library file."""
    from sqlalchemy import select

    from moodify.store.models import Track

    with moodify.store.session() as session:
        return any(a.get("path") == str(path) for a in session.scalars(
            select(Track.annotation).where(Track.source == "user")))


def _render(moodify, args: dict, progress):
    video = MediaFile(Path(args["video"][0]), args["video"][1])
    return moodify.render_video(video, args["track_id"], Path(args["out"]), start=args["start"],
                                analysis_id=args["analysis_id"], user=args["user"], progress=progress,
                                usable=args.get("usable", "any"))


def _fetch(moodify, args: dict, progress):
    return moodify.fetch_audio(args["track_id"], user=args["user"], usable=args["usable"], progress=progress)


def _find_online(moodify, args: dict, progress):
    from moodify.emotion import EmotionEstimate

    return moodify.find_online(EmotionEstimate.from_dict(args["reading"]), limit=args["limit"],
                               usable=args["usable"], mode=args["mode"], progress=progress)


WORK = {"analysis": _analysis, "import": _import, "render": _render, "fetch": _fetch,
        "find_online": _find_online}
