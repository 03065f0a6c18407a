"""A person's posts: read one now (a caption alone) or as a job (a post with files), its stored
reading, and the history of readings with the tracks chosen for each."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from moodify import pipeline
from moodify.catalog.views import display_title
from moodify.domain import jobs
from moodify.domain.installation import Installation
from moodify.domain.viewer import Viewer, analysis_view, check_id, check_page
from moodify.errors import NotFound
from moodify.jobs import remove_dir
from moodify.post import Post
from moodify.store.models import Analysis, Feedback, Recommendation, Track


def analyse(app: Installation, viewer: Viewer, post: Post) -> dict:
    """Read a post now, store the reading, return it with its id."""
    with app.store.session() as session:
        owner_id = viewer.user(session).id
    return analysis_view(pipeline.analyse(app.store, owner_id, post))


def start_analysis(app: Installation, viewer: Viewer, post: Post, *, cleanup_dir: Path | None = None,
                   keep_dir: Path | None = None) -> dict:
    """Check the post's files now, read it in a job; the job to poll. `cleanup_dir` (the uploaded
    files) is removed when the job ends, or now if the post is refused; with `keep_dir` (the kept
    files' root) they are kept there, under the analysis id."""
    try:
        pipeline.check(post)
    except Exception:
        remove_dir(cleanup_dir)
        raise
    files = {name: [[str(m.path), m.name] for m in items] for name, items in post.items() if name != "caption"}
    return jobs.start(app, viewer, "analysis", {"caption": post.caption, "files": files,
                                                "keep_dir": str(keep_dir) if keep_dir else None},
                      cleanup_dir=cleanup_dir)


def own_analysis(session: Session, viewer: Viewer, analysis_id: int) -> Analysis:
    """The analysis if it belongs to the viewer."""
    stored = session.get(Analysis, check_id(analysis_id, "analysis"))
    if stored is None or stored.user_id != viewer.id(session):
        raise NotFound(f"no analysis with id {analysis_id}")
    return stored


def analysis(app: Installation, viewer: Viewer, analysis_id: int) -> dict:
    with app.store.session() as session:
        return analysis_view(own_analysis(session, viewer, analysis_id))


def history(app: Installation, viewer: Viewer, *, page: int = 1, per_page: int = 20) -> tuple[list[dict], int]:
    """The viewer's past analyses, newest first, each with the tracks chosen for it."""
    check_page(page, per_page)
    with app.store.session() as session:
        query = select(Analysis).where(Analysis.user_id == viewer.id(session))
        total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
        rows = session.scalars(query.order_by(Analysis.id.desc()).offset((page - 1) * per_page)
                               .limit(per_page)).all()
        chosen = _chosen(session, viewer.id(session), [a.id for a in rows])
        return [{**analysis_view(a), "chosen": chosen.get(a.id, [])} for a in rows], total


def _chosen(session: Session, user_id: int, analysis_ids: list[int]) -> dict[int | None, list[dict]]:
    """analysis id -> the tracks the user chose from its recommendations."""
    if not analysis_ids:
        return {}
    rows = session.execute(
        select(Recommendation.analysis_id, Track)
        .join(Feedback, Feedback.recommendation_id == Recommendation.id)
        .join(Track, Track.id == Feedback.track_id)
        .where(Recommendation.analysis_id.in_(analysis_ids), Feedback.user_id == user_id,
               Feedback.kind == "chosen")
        .order_by(Feedback.id)).all()
    out: dict[int | None, list[dict]] = {}
    for analysis_id, track in rows:
        view = {"id": track.id, "title": display_title(track), "artist": track.artist}
        chosen = out.setdefault(analysis_id, [])
        if view not in chosen:
            chosen.append(view)
    return out
