"""The life of a post, top to bottom:

    check    every part is checked by its content, and decoded once, before any is read
    read     each part by the analyser registered for its kind (moodify.analysers)
    fuse     into one reading, explained (moodify.fusion)
    store    the reading, under its owner (an Analysis row)
    -> music for it: moodify.recommend ranks the catalogue for the stored reading

A web request checks a post at once (`check`, a 400 naming a bad file) and hands it to a job;
the job (a thread here, or a worker elsewhere) runs `analyse`. Nothing here knows HTTP or jobs.
"""

from __future__ import annotations

from typing import Callable

from moodify import analysers
from moodify.fusion import fuse
from moodify.post import Post
from moodify.reading import PartReading, PostReading
from moodify.store import Store
from moodify.store.models import Analysis

Progress = Callable[[float, str], None]


def _parts(post: Post) -> list[tuple[analysers.PartKind, str, object]]:
    """(kind, the part's name, the part) in the registry's order: caption, photos, sound, video."""
    return [(kind, kind.name(i), part) for kind in analysers.kinds() for i, part in enumerate(post.parts(kind.field))]


def check(post: Post) -> list:
    """Each part checked by its content and decoded, before any reading; what `read` reads."""
    return [analysers.analyser(kind.field).prepare(part) for kind, _, part in _parts(post)]


def read(post: Post, progress: Progress | None = None) -> PostReading:
    """Each part's reading, fused; progress(fraction, stage) as it goes."""
    progress = progress or (lambda fraction, stage: None)
    work = _parts(post)
    prepared = check(post)
    total, done = sum(kind.cost for kind, _, _ in work) or 1.0, 0.0
    readings: list[PartReading] = []
    for (kind, name, _), part in zip(work, prepared):
        start, done = done, done + kind.cost
        progress(start / total, f"reading {name}")
        report = _share(progress, name, start / total, kind.cost / total)
        readings.append(analysers.analyser(kind.field).read(part, name, report))
    progress(1.0, "fusing")
    timeline = next((r.timeline for r in readings if r.timeline is not None), None)
    return PostReading(fuse(readings), tuple(readings), timeline)


def _share(progress: Progress, name: str, start: float, width: float) -> Progress:
    """A part's own progress(share, stage), as its stretch of the whole."""
    return lambda share, stage: progress(start + width * share, f"{name}: {stage}")


def store_reading(store: Store, owner_id: int, post: Post, reading: PostReading) -> Analysis:
    with store.session() as session:
        stored = Analysis(user_id=owner_id, caption=post.caption, reading=reading.fused.to_dict(),
                          parts=[p.to_dict() for p in reading.parts],
                          timeline=list(reading.timeline) if reading.timeline is not None else None)
        session.add(stored)
        session.flush()
        session.expunge(stored)
        return stored


def analyse(store: Store, owner_id: int, post: Post, progress: Progress | None = None) -> Analysis:
    """Read a post and store its reading: the whole of an analysis job."""
    return store_reading(store, owner_id, post, read(post, progress))


