"""Long work a request starts (reading a post with files, importing, rendering, fetching, finding
music online): one way to start it, its state for its owner, and cancelling it. The work itself
is moodify.tasks; moodify.jobs runs it here or on a worker."""

from __future__ import annotations

from pathlib import Path

from moodify.domain.installation import Installation
from moodify.domain.viewer import Viewer, analysis_view, check_id
from moodify.errors import NotFound
from moodify.jobs import OPEN, job_view, remove_dir
from moodify.store.models import Analysis


def start(app: Installation, viewer: Viewer, kind: str, args: dict, *, cleanup_dir: Path | None = None) -> dict:
    """Queue the work of this kind for the viewer (its args get the viewer's `owner_id`); the job to
    poll. `cleanup_dir` (uploads) is removed when the job ends, or now if the job cannot be created."""
    try:
        with app.store.session() as session:
            owner_id = viewer.user(session).id
        job_id = app.jobs.create(owner_id, kind)
    except Exception:
        remove_dir(cleanup_dir)
        raise
    app.jobs.submit(job_id, kind, {**args, "owner_id": owner_id}, cleanup_dir)
    return job(app, viewer, job_id)


def job(app: Installation, viewer: Viewer, job_id: int) -> dict:
    """A job's state; with its analysis once done. Only its owner sees it."""
    app.jobs.reap_now_and_then()
    found = app.jobs.get(check_id(job_id, "job"))
    with app.store.session() as session:
        if found is None or found.user_id != viewer.id(session):
            raise NotFound(f"no job with id {job_id}")
        view = job_view(found)
        stored = session.get(Analysis, found.analysis_id) if found.analysis_id is not None else None
        if stored is not None:
            view["analysis"] = analysis_view(stored)
        return view


def cancel(app: Installation, viewer: Viewer, job_id: int) -> dict:
    """Cancel the viewer's job if it has not ended; its state either way."""
    current = job(app, viewer, job_id)
    if current["status"] in OPEN:
        app.jobs.cancel(current["id"])
    return job(app, viewer, job_id)


def result(app: Installation, job_id: int) -> dict:
    """What a finished job left (server paths included: for the server's own use)."""
    found = app.jobs.get(job_id)
    return (found.result if found else None) or {}
